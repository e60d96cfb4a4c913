/* libnutmm -- private link between lib/stats.c (the chi^2 object) and
 * lib/limit.c (best fits and limits).  Not installed; not part of the API. */
#ifndef NUTMM_STATS_INTERNAL_H
#define NUTMM_STATS_INTERNAL_H

#include "internal.h"

#include "nutmm/stats.h"

/* Not exported from the shared library (lib/internal.h defines it once there). */
#ifndef NUTMM_INTERNAL
#if defined(__GNUC__)
#define NUTMM_INTERNAL __attribute__((visibility("hidden")))
#else
#define NUTMM_INTERNAL
#endif
#endif

/* Natural scale of mu for the signal parts p: the smallest of
 * (sum_i D_i^2/sigma2_i)^(-1/4) and (sum_i I_i^2/sigma2_i)^(-1/2), i.e. where
 * the dipole or the interference alone would move chi2 by about one.  *mu0 = 0
 * if D = I = 0 (no sensitivity).  Errors: NUTMM_EINVAL (sigma2 or signal not
 * set), NUTMM_ERANGE (overflow), NUTMM_EFAULT. */
NUTMM_INTERNAL int nutmm_chi2_mu_scale_(const nutmm_chi2 *chi, const nutmm_signal_parts *p, double *mu0);

/* The legacy single-thread path: the object's own workspace and stored signal parts.
 * NUTMM_EINVAL if no signal was set. */
NUTMM_INTERNAL int nutmm_chi2_own_parts_(const nutmm_chi2 *chi, nutmm_chi2_workspace **ws,
                          nutmm_signal_parts *p);

/* A profiled chi2(mu) and its natural scale mu0 (as nutmm_chi2_mu_scale_; 0 = flat) for
 * the searches of lib/limit.c, e.g. a sum over a combined analysis (lib/scan.c). */
typedef struct {
  int (*fn)(void *ctx, double mu, double *chi2);
  int (*scale)(void *ctx, double *mu0);
  void *ctx;
  /* chi2 and d chi2 / d mu at mu (NULL: not available; the best fit then minimises chi2
   * itself, to ~sqrt(DBL_EPSILON) where the minimum is flat) */
  int (*slope)(void *ctx, double mu, double *chi2, double *dchi2);
} nutmm_objective_;

/* What a best fit learnt of chi2(mu) (lib/limit.c): the scan of mu = 0 and a log grid of
 * NUTMM_SCAN_MEMO_NGRID_ - 1 points in units of the natural scale mu0 (the points evaluated,
 * where have[j]), and the best fit.  Evaluation is stateless, so an interval search given the
 * memo of the same objective skips those evaluations and finds what it would find without. */
#define NUTMM_SCAN_MEMO_NGRID_ 130
typedef struct {
  double mu0;                          /* natural scale; 0: no sensitivity (chi2 flat) */
  double mu[NUTMM_SCAN_MEMO_NGRID_];   /* scan points, mu[0] = 0 */
  double c[NUTMM_SCAN_MEMO_NGRID_];    /* chi2 on the scan, where have[j] */
  unsigned char have[NUTMM_SCAN_MEMO_NGRID_];
  double mu_best, chi2_best, chi2_zero;
} nutmm_scan_memo_;

/* nutmm_chi2_bestfit for such an objective; memo (may be NULL) receives the scan and the
 * best fit. */
NUTMM_INTERNAL int nutmm_bestfit_fn_(const nutmm_objective_ *obj, nutmm_scan_memo_ *memo,
                                     double *mu_best, double *chi2_min);
/* nutmm_chi2_interval for such an objective.  memo: from nutmm_bestfit_fn_ on the same
 * objective (its evaluations and minimisation are skipped; the result is the same), or NULL;
 * else best = {mu_best, chi2_best} from it (only the minimisation is skipped), or NULL. */
NUTMM_INTERNAL int nutmm_interval_fn_(const nutmm_objective_ *obj, const nutmm_limit_options *opts,
                                      const nutmm_scan_memo_ *memo, const double *best,
                                      nutmm_interval *iv);

/* chi2 as nutmm_chi2_eval_parts (the same number) and, unless dchi2 is NULL, d chi2 / d mu
 * at the profiled nuisances (envelope theorem).  trusted: skip the argument checks, for a
 * caller that has made one checked call with the same model, workspace and parts (the signal
 * parts are then known finite); mu must be finite and >= 0. */
NUTMM_INTERNAL int nutmm_chi2_eval_parts_slope_(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                                                const nutmm_signal_parts *sig, double mu,
                                                int trusted, double *chi2, double *dchi2);

#endif /* NUTMM_STATS_INTERNAL_H */
