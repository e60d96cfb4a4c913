/** @file
 * @brief libnutmm -- Gaussian chi^2 with pulled nuisance parameters, best fits,
 * limits and allowed bands in the effective moment mu (physics manual phys-stats,
 * eqs.\ (23)-(27) of arXiv:2109.09545).
 *
 * One likelihood object (nutmm_chi2) serves every experiment; an experiment
 * program assembles its chi^2 from generic parts, in the spirit of GLoBES's
 * "chi^2 with pulls":
 *
 * ~~~
 *   signal_i(mu) = SM_i + mu^2 D_i + mu I_i
 *   pred_i(mu, xi) = signal_i(mu) + sum_c B_ci + sum_k xi_k s_ki sum_{t in T_k} X_ti
 *   chi2(mu) = min_xi  sum_i (obs_i - pred_i)^2 / sigma2_i  +  sum_k (xi_k / sigma_k)^2
 * ~~~
 *
 * with bins i = 0..nbins-1; fixed background components B_c (c = 0..n_backgrounds-1);
 * nuisance parameters xi_k with Gaussian widths sigma_k, each multiplying a set T_k
 * of parts X_t (the signal and/or background components, usually exactly one)
 * with a per-bin shape s_ki (default 1: a normalisation uncertainty).  A
 * background component without a nuisance is a fixed background.
 *
 * Which parts form the "signal" is the caller's choice: XENON1T (eq. 23) uses
 * SM_i = 0 (its SM nu-e rate is inside the B0 background); COHERENT (24, 25)
 * and TEXONO (26) use SM + dipole; the Asimov sensitivity form (27) uses
 * obs = N_SM, sigma2 = N_SM + B, signal = SM + dipole (+ interference).
 * Units are the caller's too: obs, sigma2 (obs units squared), backgrounds
 * and SM_i in one unit (events per bin, or events/(kg day MeV) for TEXONO);
 * D_i per unit mu^2 and I_i per unit mu, mu in any unit the caller chooses
 * (e.g. D_i = dipole counts at mu = 1e-10 mu_B makes mu count units of
 * 1e-10 mu_B, which keeps numbers near 1; mu_B units work too).
 *
 * Profiling: pred is linear in xi, so the minimum over xi is one small
 * symmetric positive-definite linear solve (Cholesky in the scaled variables
 * u_k = xi_k / sigma_k, where the matrix is 1 + (positive semi-definite): its
 * eigenvalues are >= 1), exact up to rounding; no numerical minimiser.
 *
 * Costs: an evaluation takes O(nbins n^2 + n^3) operations for n nuisances and
 * allocates nothing; setters copy the caller's arrays (no allocation either), so
 * changing the signal parts for each m4 of a scan is cheap.
 *
 * Forms (nutmm_chi2_set_form): the Gaussian chi^2 above (default), or the Poisson
 * likelihood ratio of Baker & Cousins (NIM 221 (1984) 437, eq. (13)),
 *   chi2 = min_xi 2 sum_i [pred_i - obs_i + obs_i ln(obs_i / pred_i)] + sum_k (xi_k/sigma_k)^2,
 * with the same pulls (no variances needed).  Pulls act linearly (default, as above) or as
 * products: every part X_t is multiplied by prod_{k acting on t} (1 + xi_k s_ki), the exact
 * form of eq. (23), (1 + beta)(s + (1 + alpha) B0).  Only the Gaussian form with linear pulls
 * is solved by the one linear solve; the others by damped Newton steps from it (Gaussian) or
 * from xi = 0 (Poisson), converged to ~1e-13 in the pulls.
 *
 * Threads (plan once, execute many): once built with the setters, a model is read-only for
 * every *_parts call, which takes the signal parts of one evaluation (nutmm_signal_parts)
 * and a per-thread nutmm_chi2_workspace.  One model may serve any number of threads, each
 * with its own workspace.  The older calls nutmm_chi2_set_signal / _eval / _predict /
 * _bestfit / _interval keep a signal and a workspace inside the object: they are for
 * one thread at a time.
 */
#ifndef NUTMM_STATS_H
#define NUTMM_STATS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Nuisance target meaning "the signal" (SM + mu^2 D + mu I); background
 *  component c is the target `c` (0-based). */
#define NUTMM_CHI2_SIGNAL (-1)

/** Delta chi^2 of the 90% C.L. for one parameter (chi^2 quantile, 1 dof):
 *  the paper's "2.71" (physics manual phys-stats-cl: exclusion curves at fixed m4). */
#define NUTMM_DCHI2_90CL_1DOF 2.7055434540954146
/** Delta chi^2 of the 90% C.L. for two parameters (2 dof): -2 ln(0.1), the
 *  paper's "4.61" (physics manual phys-stats-cl: XENON1T allowed region in the (m4, mu) plane). */
#define NUTMM_DCHI2_90CL_2DOF 4.6051701859880914

/** Delta chi^2 of a one-sided 90% C.L. upper limit on one parameter, (Phi^-1(0.9))^2: the
 *  90% quantile of the asymptotic (half chi^2) distribution of the test statistic q_mu for
 *  upper limits (Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554,
 *  arXiv:1007.1727), the convention of direct-detection collaborations such as XENONnT
 *  (arXiv:2207.11330).  Equals nutmm_delta_chi2(0.8, 1). */
#define NUTMM_DCHI2_90CL_ONE_SIDED 1.6423744151498164

/** Largest number of degrees of freedom accepted by nutmm_delta_chi2_e(). */
#define NUTMM_DCHI2_MAX_DOF 100

/** Opaque likelihood model: data, variances, backgrounds, nuisances, form (and, for
 *  the single-thread calls, stored signal parts and a private workspace). */
typedef struct nutmm_chi2 nutmm_chi2;

/** Scratch space of one thread's evaluations of a model (nutmm_chi2_workspace_alloc). */
typedef struct nutmm_chi2_workspace nutmm_chi2_workspace;

/** The signal parts of one evaluation: SM_i (obs units), D_i (per unit mu^2), I_i (per
 *  unit mu), nbins entries each, finite; NULL means zero in every bin.  Not copied. */
typedef struct {
  const double *sm;
  const double *dipole;
  const double *interference;
} nutmm_signal_parts;

/** Likelihood form. */
typedef enum {
  NUTMM_CHI2_GAUSSIAN = 0, /**< sum_i (obs - pred)^2 / sigma2 (default) */
  NUTMM_CHI2_POISSON = 1   /**< Baker-Cousins -2 ln lambda; obs must be >= 0 */
} nutmm_chi2_form;

/** How pulls act on their parts. */
typedef enum {
  NUTMM_PULLS_LINEAR = 0, /**< X_t (1 + sum_k xi_k s_k) (default; eqs. 24-27) */
  NUTMM_PULLS_PRODUCT = 1 /**< X_t prod_k (1 + xi_k s_k) (exact eq. 23) */
} nutmm_chi2_pulls;

/** Allocate a chi^2 object for `nbins` bins (>= 1), `n_backgrounds` (>= 0)
 *  background components and `n_nuisances` (>= 0) nuisance parameters.
 *  Nothing is set yet: observed counts, variances, every background component,
 *  every nuisance and the signal must be set before an evaluation.
 *  @param nbins         number of bins.
 *  @param n_backgrounds number of background components.
 *  @param n_nuisances   number of nuisance parameters.
 *  @param chi receives the object (NULL on failure).
 *  @return NUTMM_SUCCESS; NUTMM_EBADLEN (nbins = 0 or sizes too large),
 *  NUTMM_ENOMEM, NUTMM_EFAULT (chi NULL). */
int nutmm_chi2_alloc(size_t nbins, size_t n_backgrounds, size_t n_nuisances, nutmm_chi2 **chi);

/** The Asimov sensitivity chi^2 of future experiments, eq. (27) (physics manual phys-stats-asimov):
 *    chi2(mu) = min_alpha sum_i [N_SM,i - (1 + alpha) N_th,i(mu)]^2 / (N_SM,i + B_i)
 *               + (alpha / sigma_sys)^2,   N_th = SM + mu^2 D + mu I,
 *  i.e. observed = n_sm, sigma2 = n_sm + bkg (the background enters the variance only),
 *  no background components and one nuisance (sigma_sys, on the signal).  chi2(0) = 0.
 *  The signal parts are set later with nutmm_chi2_set_signal(chi, n_sm, D, I).
 *  @param nbins     number of bins (>= 1).
 *  @param n_sm      SM expectation per bin (> 0 in every bin: an empty bin has no variance).
 *  @param bkg       background per bin (>= 0), e.g. 0.2 n_sm for the paper's 20 %.
 *  @param sigma_sys signal normalisation uncertainty (>= 0; the paper: 0.2).
 *  @param chi       receives the object.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (a bin with n_sm <= 0 or bkg < 0, or a bad sigma_sys,
 *  the reason names the bin), NUTMM_EBADLEN, NUTMM_ENOMEM, NUTMM_EFAULT.  On error *chi is
 *  NULL. */
int nutmm_chi2_asimov_alloc(size_t nbins, const double *n_sm, const double *bkg,
                            double sigma_sys, nutmm_chi2 **chi);

/** Deep copy of `src` (everything set so far; fresh workspace), e.g. one per
 *  thread.  @return NUTMM_SUCCESS, NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_chi2_clone(const nutmm_chi2 *src, nutmm_chi2 **dst);

/** Free the object; NULL is a no-op. */
void nutmm_chi2_free(nutmm_chi2 *chi);

/** Choose the likelihood form and the pull form (defaults: Gaussian, linear).
 *  @return NUTMM_SUCCESS; NUTMM_EINVAL (unknown value), NUTMM_EDOM (Poisson with a negative
 *  observed count already set), NUTMM_EFAULT. */
int nutmm_chi2_set_form(nutmm_chi2 *chi, nutmm_chi2_form form, nutmm_chi2_pulls pulls);

/** A workspace for evaluating `model` in one thread (sized for it; reusable for any signal).
 *  @return NUTMM_SUCCESS; NUTMM_ENOMEM, NUTMM_EFAULT.  On error *ws is NULL. */
int nutmm_chi2_workspace_alloc(const nutmm_chi2 *model, nutmm_chi2_workspace **ws);
/** Free a workspace; NULL is a no-op. */
void nutmm_chi2_workspace_free(nutmm_chi2_workspace *ws);

/** Number of bins (0 for NULL). */
size_t nutmm_chi2_nbins(const nutmm_chi2 *chi);
/** Number of background components (0 for NULL). */
size_t nutmm_chi2_n_backgrounds(const nutmm_chi2 *chi);
/** Number of nuisance parameters (0 for NULL). */
size_t nutmm_chi2_n_nuisances(const nutmm_chi2 *chi);

/** The observed values as set (nbins entries, read-only; valid while the model lives), or
 *  NULL if not set / chi NULL. */
const double *nutmm_chi2_observed_values(const nutmm_chi2 *chi);
/** Background component c as set (nbins entries, read-only), or NULL (not set, out of
 *  range, chi NULL). */
const double *nutmm_chi2_background_values(const nutmm_chi2 *chi, size_t c);

/** Observed counts obs_i, i < nbins (any finite values: background-subtracted
 *  residual rates may be negative).  Copied.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (a non-finite value; the reason names the
 *  bin), NUTMM_EFAULT. */
int nutmm_chi2_set_observed(nutmm_chi2 *chi, const double *observed);

/** Per-bin variances sigma2_i = sigma_i^2 (obs units squared), each finite and
 *  > 0, e.g. data errors squared (eqs. 23, 26), N_meas + 2 B_ss + B_on (eq. 24),
 *  N_SM + B (eq. 27).  Copied.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (the reason names the bin), NUTMM_EFAULT. */
int nutmm_chi2_set_sigma2(nutmm_chi2 *chi, const double *sigma2);

/** Values B_ci of background component `c` (finite, obs units).  Copied.
 *  @return NUTMM_SUCCESS; NUTMM_EBADLEN (c >= n_backgrounds), NUTMM_EDOM,
 *  NUTMM_EFAULT. */
int nutmm_chi2_set_background(nutmm_chi2 *chi, size_t c, const double *values);

/** Define nuisance `k`: Gaussian width `sigma` (dimensionless, finite, >= 0;
 *  0 fixes xi_k = 0), acting on `target` (NUTMM_CHI2_SIGNAL or a background
 *  index) with per-bin shape s_ki = shape[i], or 1 in every bin if shape is
 *  NULL.  Replaces earlier targets of k.  Examples: eq. (24) alpha =
 *  (0.28, NUTMM_CHI2_SIGNAL, NULL); eq. (25) BRNES beta_3 = (1.0, PBRN index,
 *  D_i) so that its term is beta_3 D_i B_PBRN,i.
 *  @return NUTMM_SUCCESS; NUTMM_EBADLEN (k or target out of range), NUTMM_EDOM
 *  (sigma < 0 or not finite, non-finite shape value), NUTMM_EFAULT. */
int nutmm_chi2_set_nuisance(nutmm_chi2 *chi, size_t k, double sigma, int target,
                            const double *shape);

/** Let the already defined nuisance `k` act on `target` as well (same shape),
 *  e.g. an efficiency uncertainty that scales signal and a background alike.
 *  @return NUTMM_SUCCESS; NUTMM_EBADLEN, NUTMM_EINVAL (k not defined yet),
 *  NUTMM_EFAULT. */
int nutmm_chi2_nuisance_add_target(nutmm_chi2 *chi, size_t k, int target);

/** Signal parts for the current m4: SM_i (obs units), D_i (per unit mu^2),
 *  I_i (per unit mu), each finite; NULL means zero in every bin.  Copied; call
 *  again for every m4 (no allocation).
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (the reason names the array and bin),
 *  NUTMM_EFAULT (chi NULL). */
int nutmm_chi2_set_signal(nutmm_chi2 *chi, const double *sm, const double *dipole,
                          const double *interference);

/** Profiled chi^2 at moment mu (>= 0, caller's unit; physics manual phys-stats eqs. 23-27):
 *  chi2(mu) = min_xi [sum_i (obs_i - pred_i)^2/sigma2_i + sum_k (xi_k/sigma_k)^2],
 *  the minimum found exactly by one linear solve.
 *  @param chi  the likelihood (its workspace is used).
 *  @param mu   the moment, caller's unit.
 *  @param chi2 receives the minimum.
 *  @param xi   receives the n_nuisances best-fit nuisances xi_k (may be NULL).
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (mu < 0 or not finite), NUTMM_EINVAL
 *  (something not set: the reason says what), NUTMM_ERANGE (overflow, e.g.
 *  an absurdly large mu), NUTMM_EFAULT. */
int nutmm_chi2_eval(nutmm_chi2 *chi, double mu, double *chi2, double *xi);

/** Profiled chi^2 of the read-only `model` at moment mu for the signal parts `sig`, with
 *  the per-thread workspace `ws` (as nutmm_chi2_eval otherwise).
 *  @return as nutmm_chi2_eval, and NUTMM_EINVAL for a workspace of another model, NUTMM_EDOM
 *  for a non-finite signal part (the reason names the array and bin). */
int nutmm_chi2_eval_parts(const nutmm_chi2 *model, nutmm_chi2_workspace *ws,
                          const nutmm_signal_parts *sig, double mu, double *chi2, double *xi);

/** As nutmm_chi2_eval_fixed for the read-only model and explicit signal parts. */
int nutmm_chi2_eval_fixed_parts(const nutmm_chi2 *model, nutmm_chi2_workspace *ws,
                                const nutmm_signal_parts *sig, double mu, const double *xi,
                                double *chi2);

/** As nutmm_chi2_predict for the read-only model and explicit signal parts. */
int nutmm_chi2_predict_parts(const nutmm_chi2 *model, nutmm_chi2_workspace *ws,
                             const nutmm_signal_parts *sig, double mu, const double *xi,
                             double *total, double *signal);

/** chi^2 at moment mu with the nuisances held at xi[] (finite; no profiling):
 *  the bracket of eval without the minimum, including the pull terms.
 *  @return as nutmm_chi2_eval, and NUTMM_EDOM for non-finite xi. */
int nutmm_chi2_eval_fixed(nutmm_chi2 *chi, double mu, const double *xi, double *chi2);

/** Predicted counts pred_i at mu with nuisances xi[] (NULL: the profiled best
 *  fit at this mu), e.g. for spectrum output.
 *  @param chi    the likelihood.
 *  @param mu     the moment, caller's unit.
 *  @param xi     nuisances, or NULL for the profiled best fit.
 *  @param total  receives pred_i, i < nbins.
 *  @param signal receives the pulled signal alone, signal_i(mu) times
 *                (1 + sum of the xi_k s_ki acting on the signal) (may be NULL).
 *  @return as nutmm_chi2_eval. */
int nutmm_chi2_predict(nutmm_chi2 *chi, double mu, const double *xi, double *total,
                       double *signal);

/* ------------------------------------------------------------------------- */
/* Confidence levels                                                          */

/** Delta chi^2 threshold of confidence level `cl` for `dof` parameters: the
 *  chi^2_dof quantile Q with P(chi^2_dof <= Q) = cl (physics manual phys-stats-cl).  90%: 1 dof
 *  -> 2.7055, 2 dof -> 4.6052.  Closed forms for dof = 1 (inverse Gaussian
 *  squared) and dof = 2 (-2 ln(1 - cl)); otherwise a bracketed root of GSL's
 *  regularized incomplete gamma function, used only where it cannot fail.
 *  @param cl  confidence level, 1e-10 <= cl <= 1 - 1e-10.
 *  @param dof 1 <= dof <= NUTMM_DCHI2_MAX_DOF.
 *  @param delta receives the threshold.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (cl or dof outside those ranges), NUTMM_EFAULT. */
int nutmm_delta_chi2_e(double cl, unsigned int dof, double *delta);

/** As nutmm_delta_chi2_e, returning the value (NaN on error, reason recorded). */
double nutmm_delta_chi2(double cl, unsigned int dof);

/* ------------------------------------------------------------------------- */
/* Best fits, limits and allowed bands in mu at fixed m4 (signal parts set)    */

/** Options of nutmm_chi2_interval(). */
typedef struct {
  /** Delta chi^2 defining the interval, > 0 (default NUTMM_DCHI2_90CL_1DOF;
   *  NUTMM_DCHI2_90CL_2DOF for two-parameter regions). */
  double delta;
  /** 0 (default): measure from this m4's own minimum over mu >= 0; nonzero:
   *  measure from chi2_ref instead (e.g. the global minimum over m4 and mu). */
  int use_ref;
  /** Reference chi^2 when use_ref is nonzero (finite). */
  double chi2_ref;
} nutmm_limit_options;

/** Fill `opts` with the defaults (delta = NUTMM_DCHI2_90CL_1DOF, own minimum). */
void nutmm_limit_options_default(nutmm_limit_options *opts);

/** Result of nutmm_chi2_interval(): the allowed set
 *  {mu >= 0 : chi2(mu) <= threshold}, threshold = chi2_ref + delta. */
typedef struct {
  double mu_best;   /**< best fit over mu >= 0 */
  double chi2_best; /**< chi2(mu_best) */
  double chi2_zero; /**< chi2(0): no dipole */
  double chi2_ref;  /**< reference used: chi2_best, or the given chi2_ref */
  double threshold; /**< chi2_ref + delta */
  double mu_low;    /**< lower edge; 0 if chi2(0) <= threshold */
  double mu_high;   /**< upper edge: the upper limit */
  int empty;        /**< 1: no allowed mu (only with use_ref); edges set to 0 */
  int nonconvex;    /**< 1: the scan found excluded mu inside [mu_low, mu_high]
                         (the set is not one interval; the edges are its hull) */
} nutmm_interval;

/** Best fit of the moment over mu >= 0 (chi2 profiled over the nuisances at
 *  each mu): a scan of mu = 0 and 8 decades of mu, [1e-4, 1e4] mu0, around the
 *  signal's natural scale mu0 (where the dipole or the interference alone
 *  would change chi2 by one), extended by doublings up to 1e5 mu0 if chi2
 *  still falls at its top, then Brent's minimisation (relative accuracy 1e-12
 *  in mu) around the lowest scan point.  The scan has 16 points a decade
 *  (15% in mu) but is evaluated coarse to fine: every 4th point, then all
 *  points next to each local minimum of those and wherever chi2 crosses the
 *  threshold, so a local minimum narrower than the coarse spacing (a factor
 *  1.8 in mu) elsewhere could be missed.  When chi2 rises from mu = 0 the best
 *  fit is mu = 0 exactly (an interference dip below 1e-7 mu0 is ignored).
 *  With D = I = 0 chi2 does not depend on mu and the best fit is mu = 0.
 *  @param chi      the likelihood, signal parts set.
 *  @param mu_best  receives the best fit (may be NULL).
 *  @param chi2_min receives chi2(mu_best) (may be NULL).
 *  @return NUTMM_SUCCESS; NUTMM_EMAXITER (chi2 still falling at 1e5 mu0: no
 *  minimum in reach), errors of nutmm_chi2_eval, NUTMM_EFAULT. */
int nutmm_chi2_bestfit(nutmm_chi2 *chi, double *mu_best, double *chi2_min);

/** Allowed interval of mu at this m4: edges where chi2(mu) = chi2_ref + delta,
 *  bracketed by the scan of nutmm_chi2_bestfit() (the top edge by doublings up
 *  to 1e5 mu0) and located by Brent's root finder (relative accuracy ~1e-12).
 *  Gives the upper limit (mu_high; mu_low = 0 when mu = 0 is allowed) and the
 *  two-sided band when the data prefer mu > 0 (XENON1T).  If the allowed set
 *  is not one interval (possible with interference) the hull of the allowed
 *  scan points and the best fit is returned and `nonconvex` is set; allowed
 *  islands narrower than the scan spacing can be missed.
 *  @param chi  the likelihood, signal parts set.
 *  @param opts NULL for the defaults (90% C.L., 1 dof, own minimum).
 *  @param iv   receives the interval.
 *  @return NUTMM_SUCCESS; NUTMM_EMAXITER ("no sensitivity": chi2 stays below
 *  the threshold up to 1e5 mu0, e.g. D = I = 0, or a signal nuisance absorbing
 *  the signal; also as nutmm_chi2_bestfit); NUTMM_EDOM (delta <= 0 or non-finite, chi2_ref non-finite);
 *  errors of nutmm_chi2_eval; NUTMM_EFAULT. */
int nutmm_chi2_interval(nutmm_chi2 *chi, const nutmm_limit_options *opts, nutmm_interval *iv);

/** nutmm_chi2_bestfit for the read-only model, explicit signal parts and a workspace. */
int nutmm_chi2_bestfit_parts(const nutmm_chi2 *model, nutmm_chi2_workspace *ws,
                             const nutmm_signal_parts *sig, double *mu_best, double *chi2_min);

/** nutmm_chi2_interval for the read-only model, explicit signal parts and a workspace:
 *  the call scans use, one workspace per thread. */
int nutmm_chi2_interval_parts(const nutmm_chi2 *model, nutmm_chi2_workspace *ws,
                              const nutmm_signal_parts *sig, const nutmm_limit_options *opts,
                              nutmm_interval *iv);

/** Upper limit mu_up with chi2(mu_up) - min_{mu>=0} chi2 = delta (largest such
 *  mu): nutmm_chi2_interval() with its own minimum, returning mu_high.
 *  @param chi   the likelihood, signal parts set.
 *  @param delta e.g. NUTMM_DCHI2_90CL_1DOF.
 *  @param mu_up receives the upper limit.
 *  @return as nutmm_chi2_interval. */
int nutmm_chi2_upper_limit(nutmm_chi2 *chi, double delta, double *mu_up);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_STATS_H */
