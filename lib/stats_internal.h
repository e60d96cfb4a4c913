/* libnutmm -- private link between lib/stats.c (the chi^2 object) and
 * lib/limit.c (best fits and limits).  Not installed; not part of the API. */
#ifndef NUTMM_STATS_INTERNAL_H
#define NUTMM_STATS_INTERNAL_H

#include "internal.h"

#include "nutmm/stats.h"

/* Natural scale of mu for the current signal parts: the smallest of
 * (sum_i D_i^2/sigma2_i)^(-1/4) and (sum_i I_i^2/sigma2_i)^(-1/2), i.e. where
 * the dipole or the interference alone would move chi2 by about one.  *mu0 = 0
 * if D = I = 0 (no sensitivity).  Errors: NUTMM_EINVAL (sigma2 or signal not
 * set), NUTMM_ERANGE (overflow), NUTMM_EFAULT. */
NUTMM_INTERNAL int nutmm_chi2_mu_scale_(const nutmm_chi2 *chi, double *mu0);

#endif /* NUTMM_STATS_INTERNAL_H */
