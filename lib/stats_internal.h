/* libnutmm -- private link between lib/stats.c (the chi^2 object) and
 * lib/limit.c (best fits and limits).  Not installed; not part of the API. */
#ifndef NUTMM_STATS_INTERNAL_H
#define NUTMM_STATS_INTERNAL_H

#include "nutmm/stats.h"

/* Natural scale of mu for the current signal parts: the smallest of
 * (sum_i D_i^2/sigma2_i)^(-1/4) and (sum_i I_i^2/sigma2_i)^(-1/2), i.e. where
 * the dipole or the interference alone would move chi2 by about one.  *mu0 = 0
 * if D = I = 0 (no sensitivity).  Errors: NUTMM_EINVAL (sigma2 or signal not
 * set), NUTMM_ERANGE (overflow), NUTMM_EFAULT. */
int nutmm_chi2_mu_scale_(const nutmm_chi2 *chi, const nutmm_signal_parts *p, double *mu0);

/* The legacy single-thread path: the object's own workspace and stored signal parts.
 * NUTMM_EINVAL if no signal was set. */
int nutmm_chi2_own_parts_(const nutmm_chi2 *chi, nutmm_chi2_workspace **ws,
                          nutmm_signal_parts *p);

#endif /* NUTMM_STATS_INTERNAL_H */
