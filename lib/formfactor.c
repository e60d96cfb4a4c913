/* libnutmm -- nuclear form factors (formfactor.h): Helm eq. (13), Klein-Nystrand (footnote 2),
 * none, user hook.  Spec physics manual phys-ff-helm. */
#include "nutmm/formfactor.h"

#include <math.h>

#include "internal.h"

void nutmm_ff_options_default(nutmm_ff_options *ff)
{
  if (!ff)
    return;
  ff->model = NUTMM_FF_HELM;
  ff->helm_s = NUTMM_HELM_S_DEFAULT;
  ff->kn_ak = NUTMM_KN_AK_DEFAULT;
  ff->kn_coef = NUTMM_KN_COEF_DEFAULT;
  ff->user_fn = NULL;
  ff->user_data = NULL;
}

double nutmm_ff_sphere(double x)
{
  if (isnan(x)) {
    nutmm_error_set(NUTMM_EDOM, __func__, "x is NaN");
    return NAN;
  }
  if (isinf(x))
    return 0.0; /* the limit of 3 j_1(x)/x */
  double x2 = x * x;
  if (x2 < 1.0) {
    /* 3 j_1(x)/x = 3 sum_{k>=1} (-1)^{k+1} 2k x^{2k-2}/(2k+1)!  = 1 - x^2/10 + x^4/280 - ...
     * (physics manual phys-ff-helm); term_k = term_{k-1} (-x^2) / ((2k-2)(2k+1)). */
    double term = 1.0, sum = 1.0;
    for (int k = 2; k < 30; k++) {
      term *= -x2 / ((2.0 * k - 2.0) * (2.0 * k + 1.0));
      sum += term;
      if (fabs(term) < 1e-17 * sum)
        break;
    }
    return sum;
  }
  /* j_1(x) = sin x / x^2 - cos x / x  ->  3 j_1(x)/x = 3 (sin x - x cos x)/x^3 */
  if (fabs(x) > 1e100) /* the same, ordered so that x^3 cannot overflow */
    return 3.0 * ((sin(x) / x - cos(x)) / x) / x;
  return 3.0 * (sin(x) - x * cos(x)) / (x2 * x);
}

int nutmm_ff_helm_e(double q, double r_rms, double s, double *F)
{
  NUTMM_CHECK_PTR(F);
  NUTMM_CHECK_NONNEG(q);
  NUTMM_CHECK_POSITIVE(r_rms);
  NUTMM_CHECK_NONNEG(s);
  /* eq. (13): R_0^2 = (5/3) R^2 - 5 s^2, from <r^2>_Helm = (3/5) R_0^2 + 3 s^2 */
  double R0sq = (5.0 / 3.0) * r_rms * r_rms - 5.0 * s * s;
  if (!(R0sq > 0.0))
    NUTMM_FAIL(NUTMM_EDOM, "Helm: rms radius %g fm too small for s = %g fm (need R^2 > 3 s^2)",
               r_rms / NUTMM_FM, s / NUTMM_FM);
  double qk = q / NUTMM_HBARC; /* cm^-1 */
  double x = qk * sqrt(R0sq);
  double qs = qk * s;
  *F = nutmm_ff_sphere(x) * exp(-0.5 * qs * qs);
  NUTMM_CHECK_RESULT(*F, "q = %g MeV, r_rms = %g cm, s = %g cm", q, r_rms, s);
  return NUTMM_SUCCESS;
}

double nutmm_ff_helm(double q, double r_rms, double s)
{
  double F = NAN;
  return nutmm_ff_helm_e(q, r_rms, s, &F) == NUTMM_SUCCESS ? F : NAN;
}

int nutmm_ff_kn_e(double q, double R_A, double a_k, double *F)
{
  NUTMM_CHECK_PTR(F);
  NUTMM_CHECK_NONNEG(q);
  NUTMM_CHECK_POSITIVE(R_A);
  NUTMM_CHECK_NONNEG(a_k);
  /* Footnote 2 / physics manual phys-ff-kn: F_KN = 3 j_1(q R_A)/(q R_A) / (1 + q^2 a_k^2) */
  double qk = q / NUTMM_HBARC;
  double qa = qk * a_k;
  *F = nutmm_ff_sphere(qk * R_A) / (1.0 + qa * qa);
  NUTMM_CHECK_RESULT(*F, "q = %g MeV, R_A = %g cm, a_k = %g cm", q, R_A, a_k);
  return NUTMM_SUCCESS;
}

double nutmm_ff_kn(double q, double R_A, double a_k)
{
  double F = NAN;
  return nutmm_ff_kn_e(q, R_A, a_k, &F) == NUTMM_SUCCESS ? F : NAN;
}

int nutmm_ff_eval(const nutmm_ff_options *ff, const nutmm_nucleus *nuc, double q,
                  double *Fp, double *Fn)
{
  NUTMM_CHECK_PTR(nuc);
  NUTMM_CHECK_NONNEG(q);
  nutmm_ff_options def;
  if (!ff) {
    nutmm_ff_options_default(&def);
    ff = &def;
  }
  double fp = 1.0, fn = 1.0;
  switch (ff->model) {
  case NUTMM_FF_HELM:
    NUTMM_TRY(nutmm_ff_helm_e(q, nuc->r_p, ff->helm_s, &fp));
    if (nuc->r_n == nuc->r_p)
      fn = fp;
    else
      NUTMM_TRY(nutmm_ff_helm_e(q, nuc->r_n, ff->helm_s, &fn));
    break;
  case NUTMM_FF_KLEIN_NYSTRAND: {
    if (nuc->A < 1)
      NUTMM_FAIL(NUTMM_EDOM, "nucleus '%.*s': A = %d must be >= 1", NUTMM_TARGET_NAME_MAX,
                 nuc->name, nuc->A);
    NUTMM_CHECK_POSITIVE(ff->kn_coef);
    double R_A = ff->kn_coef * cbrt((double)nuc->A); /* R_A = coef A^{1/3} */
    NUTMM_TRY(nutmm_ff_kn_e(q, R_A, ff->kn_ak, &fp));
    fn = fp;
    break;
  }
  case NUTMM_FF_NONE:
    break;
  case NUTMM_FF_USER:
    if (!ff->user_fn)
      NUTMM_FAIL(NUTMM_EINVAL, "form factor model NUTMM_FF_USER without user_fn");
    NUTMM_TRY(ff->user_fn(q, nuc, NUTMM_FF_PROTON, ff->user_data, &fp));
    NUTMM_TRY(ff->user_fn(q, nuc, NUTMM_FF_NEUTRON, ff->user_data, &fn));
    if (!isfinite(fp) || !isfinite(fn))
      NUTMM_FAIL(NUTMM_EDOM, "user form factor returned F_p = %g, F_n = %g at q = %g MeV", fp, fn,
                 q);
    break;
  default:
    NUTMM_FAIL(NUTMM_EINVAL, "unknown form factor model %d", (int)ff->model);
  }
  if (Fp)
    *Fp = fp;
  if (Fn)
    *Fn = fn;
  return NUTMM_SUCCESS;
}

int nutmm_ff_eval_T(const nutmm_ff_options *ff, const nutmm_nucleus *nuc, double T,
                    double *Fp, double *Fn)
{
  NUTMM_CHECK_PTR(nuc);
  NUTMM_CHECK_NONNEG(T);
  NUTMM_CHECK_POSITIVE(nuc->mass);
  /* physics manual phys-ff-helm: q^2 = 2 M T */
  NUTMM_TRY(nutmm_ff_eval(ff, nuc, sqrt(2.0 * nuc->mass * T), Fp, Fn));
  return NUTMM_SUCCESS;
}
