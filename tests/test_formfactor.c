/* Form factors: Helm eq. (13), Klein-Nystrand (footnote 2), none, user hook (physics manual phys-ff-helm, phys-ff-kn). */
#include <string.h>

#include "nutmm/formfactor.h"
#include "nutmm/nutmm.h"
#include "testutil.h"

/* First positive zero of j_1(x) (tan x = x), to 20 digits. */
#define J1_ZERO 4.4934094579090641753

static nutmm_nucleus nucleus(const char *name)
{
  nutmm_nucleus n;
  ck_assert_int_eq(nutmm_nucleus_lookup(name, &n), NUTMM_SUCCESS);
  return n;
}

START_TEST(test_sphere)
{
  ck_assert_rel(nutmm_ff_sphere(0.0), 1.0, 0);
  ck_assert_rel(nutmm_ff_sphere(1e-9), 1.0, 1e-16);
  ck_assert_rel(nutmm_ff_sphere(-0.731), nutmm_ff_sphere(0.731), 0);
  /* series vs direct 3(sin x - x cos x)/x^3 where the direct form is still accurate */
  for (double x = 0.3; x < 1.0; x += 0.0731) {
    double direct = 3.0 * (sin(x) - x * cos(x)) / (x * x * x);
    ck_assert_rel(nutmm_ff_sphere(x), direct, 1e-13);
  }
  /* continuity where the evaluation switches (x = 1) */
  ck_assert_rel(nutmm_ff_sphere(1.0 - 1e-13), nutmm_ff_sphere(1.0 + 1e-13), 1e-13);
  /* small x: 1 - x^2/10 + x^4/280 */
  double x = 2.37e-3;
  ck_assert_rel(nutmm_ff_sphere(x), 1.0 - x * x / 10.0 + x * x * x * x / 280.0, 1e-16);
  /* zero of j_1 */
  ck_assert_abs(nutmm_ff_sphere(J1_ZERO), 0.0, 1e-15);
}
END_TEST

START_TEST(test_helm)
{
  double s = NUTMM_HELM_S_DEFAULT;
  double R = 4.8041 * NUTMM_FM;
  ck_assert_rel(nutmm_ff_helm(0.0, R, s), 1.0, 0); /* F(0) = 1 exactly */
  /* first zero at q R_0 = 4.4934..., R_0^2 = (5/3) R^2 - 5 s^2 */
  double R0 = sqrt(5.0 / 3.0 * R * R - 5.0 * s * s);
  double q0 = J1_ZERO * NUTMM_HBARC / R0;
  ck_assert_abs(nutmm_ff_helm(q0, R, s), 0.0, 1e-14);
  ck_assert(nutmm_ff_helm(q0 * 0.999, R, s) > 0.0);
  ck_assert(nutmm_ff_helm(q0 * 1.001, R, s) < 0.0);
  /* the rms radius of the Helm distribution is R: F = 1 - q^2 R^2/(6 (hbar c)^2) + O(q^4) */
  double q = 0.0173; /* MeV */
  double k = q / NUTMM_HBARC;
  ck_assert_rel(6.0 * (1.0 - nutmm_ff_helm(q, R, s)) / (k * k), R * R, 1e-6);
  /* s = 0: the uniform sphere of radius R_0 = sqrt(5/3) R */
  ck_assert_rel(nutmm_ff_helm(57.3, R, 0.0), nutmm_ff_sphere(57.3 / NUTMM_HBARC * sqrt(5.0 / 3.0) * R),
                1e-15);

  double F;
  ck_assert_int_eq(nutmm_ff_helm_e(-1.0, R, s, &F), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_helm_e(NAN, R, s, &F), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_helm_e(10.0, 0.0, s, &F), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_helm_e(10.0, R, -s, &F), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_helm_e(10.0, 1.5 * NUTMM_FM, s, &F), NUTMM_EDOM); /* R^2 < 3 s^2 */
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "too small"));
  ck_assert_int_eq(nutmm_ff_helm_e(10.0, R, s, NULL), NUTMM_EFAULT);
  ck_assert(isnan(nutmm_ff_helm(-1.0, R, s)));
}
END_TEST

START_TEST(test_kn)
{
  double RA = NUTMM_KN_COEF_DEFAULT * cbrt(133.0), ak = NUTMM_KN_AK_DEFAULT;
  ck_assert_rel(nutmm_ff_kn(0.0, RA, ak), 1.0, 0);
  ck_assert_abs(nutmm_ff_kn(J1_ZERO * NUTMM_HBARC / RA, RA, ak), 0.0, 1e-15);
  double q = 41.3, k = q / NUTMM_HBARC;
  ck_assert_rel(nutmm_ff_kn(q, RA, ak), nutmm_ff_sphere(k * RA) / (1.0 + k * k * ak * ak), 1e-15);
  double F;
  ck_assert_int_eq(nutmm_ff_kn_e(-q, RA, ak, &F), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_kn_e(q, 0.0, ak, &F), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_kn_e(q, RA, -ak, &F), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_kn_e(q, RA, ak, NULL), NUTMM_EFAULT);
  ck_assert(isnan(nutmm_ff_kn(NAN, RA, ak)));
}
END_TEST

/* physics manual phys-ff-helm; reference values: an independent numerical evaluation of those formulas: E = 30 MeV, T = 10 keV; F_Helm and F_KN (R_A = 1.23 A^{1/3} fm) */
START_TEST(test_reference_values)
{
  nutmm_ff_options helm, kn;
  nutmm_ff_options_default(&helm);
  nutmm_ff_options_default(&kn);
  kn.model = NUTMM_FF_KLEIN_NYSTRAND;
  const struct {
    const char *name;
    double helm, kn;
  } ref[] = {{"Cs133", 7.7735142e-01, 7.4752490e-01}, {"Ar40", 9.6314453e-01, 9.5761208e-01}};
  for (int i = 0; i < 2; i++) {
    nutmm_nucleus n = nucleus(ref[i].name);
    double Fp, Fn;
    ck_assert_int_eq(nutmm_ff_eval_T(&helm, &n, 0.01, &Fp, &Fn), NUTMM_SUCCESS);
    ck_assert_rel(Fp, ref[i].helm, 1e-7);
    ck_assert_rel(Fn, Fp, 0);
    ck_assert_int_eq(nutmm_ff_eval_T(&kn, &n, 0.01, &Fp, &Fn), NUTMM_SUCCESS);
    ck_assert_rel(Fp, ref[i].kn, 1e-7);
    ck_assert_rel(Fn, Fp, 0);
    /* q = sqrt(2 M T) */
    double Fq;
    nutmm_ff_eval(&kn, &n, sqrt(2.0 * n.mass * 0.01), &Fq, NULL);
    ck_assert_rel(Fq, Fp, 1e-15);
  }
  /* Klein-Nystrand's own 1.2 fm: larger F (smaller radius) on the falling side; the value
   * from the formula with R_A = 1.2 A^{1/3} fm */
  nutmm_nucleus cs = nucleus("Cs133");
  kn.kn_coef = 1.2 * NUTMM_FM;
  double F12;
  nutmm_ff_eval_T(&kn, &cs, 0.01, &F12, NULL);
  double q = sqrt(2.0 * cs.mass * 0.01) / NUTMM_HBARC, RA = 1.2 * NUTMM_FM * cbrt(133.0);
  double a = 0.7 * NUTMM_FM;
  ck_assert_rel(F12, 3.0 * (sin(q * RA) - q * RA * cos(q * RA)) / pow(q * RA, 3) / (1 + q * q * a * a),
                1e-13);
  ck_assert(F12 > 7.4752490e-01 * 1.01);
}
END_TEST

/* KN and Helm agree within a few per cent for q <~ 50 MeV (Cs), both fall monotonically. */
START_TEST(test_kn_vs_helm)
{
  nutmm_ff_options helm, kn;
  nutmm_ff_options_default(&helm);
  nutmm_ff_options_default(&kn);
  kn.model = NUTMM_FF_KLEIN_NYSTRAND;
  nutmm_nucleus cs = nucleus("Cs133");
  double prev_h = 1.0, prev_k = 1.0;
  for (double q = 0.5; q <= 50.0; q += 0.5) {
    double Fh, Fk;
    nutmm_ff_eval(&helm, &cs, q, &Fh, NULL);
    nutmm_ff_eval(&kn, &cs, q, &Fk, NULL);
    ck_assert_msg(fabs(Fh - Fk) < 0.05, "q = %g MeV: Helm %g, KN %g", q, Fh, Fk);
    ck_assert(Fh < prev_h && Fk < prev_k);
    prev_h = Fh;
    prev_k = Fk;
  }
}
END_TEST

static int user_ff(double q, const nutmm_nucleus *nuc, nutmm_ff_nucleon which, void *data,
                   double *F)
{
  double scale = *(double *)data;
  if (q > 1000.0)
    return nutmm_error_set(NUTMM_EDOM, "user_ff", "q = %g MeV too large", q);
  *F = (which == NUTMM_FF_PROTON ? 1.0 : 0.5) / (1.0 + q * q * scale / nuc->A);
  return NUTMM_SUCCESS;
}

START_TEST(test_eval_models)
{
  nutmm_nucleus ar = nucleus("Ar40");
  nutmm_ff_options ff;
  nutmm_ff_options_default(&ff);
  ck_assert_int_eq(ff.model, NUTMM_FF_HELM);
  ck_assert_rel(ff.helm_s, 0.9e-13, 1e-15);
  double Fp, Fn;
  /* separate proton and neutron radii */
  ar.r_n = ar.r_p + 0.17 * NUTMM_FM;
  ck_assert_int_eq(nutmm_ff_eval(&ff, &ar, 63.1, &Fp, &Fn), NUTMM_SUCCESS);
  ck_assert_rel(Fp, nutmm_ff_helm(63.1, ar.r_p, ff.helm_s), 1e-15);
  ck_assert_rel(Fn, nutmm_ff_helm(63.1, ar.r_n, ff.helm_s), 1e-15);
  ck_assert(Fn < Fp);
  /* NULL ff = default Helm; F(0) = 1 for every model */
  ck_assert_int_eq(nutmm_ff_eval(NULL, &ar, 0.0, &Fp, &Fn), NUTMM_SUCCESS);
  ck_assert_rel(Fp, 1.0, 0);
  ck_assert_rel(Fn, 1.0, 0);
  ff.model = NUTMM_FF_NONE;
  nutmm_ff_eval(&ff, &ar, 400.0, &Fp, &Fn);
  ck_assert_rel(Fp, 1.0, 0);
  ck_assert_rel(Fn, 1.0, 0);
  /* user hook with user_data */
  double scale = 0.01;
  ff.model = NUTMM_FF_USER;
  ff.user_fn = user_ff;
  ff.user_data = &scale;
  ck_assert_int_eq(nutmm_ff_eval(&ff, &ar, 20.0, &Fp, &Fn), NUTMM_SUCCESS);
  ck_assert_rel(Fp, 1.0 / (1.0 + 400.0 * 0.01 / 40.0), 1e-15);
  ck_assert_rel(Fn, 0.5 * Fp, 1e-15);
  ck_assert_int_eq(nutmm_ff_eval(&ff, &ar, 2000.0, &Fp, &Fn), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nutmm_ff_eval <- user_ff"));
  ff.user_fn = NULL;
  ck_assert_int_eq(nutmm_ff_eval(&ff, &ar, 20.0, &Fp, &Fn), NUTMM_EINVAL);
  ff.model = (nutmm_ff_model)77;
  ck_assert_int_eq(nutmm_ff_eval(&ff, &ar, 20.0, &Fp, &Fn), NUTMM_EINVAL);
  /* bad input */
  nutmm_ff_options_default(&ff);
  ck_assert_int_eq(nutmm_ff_eval(&ff, &ar, -1.0, &Fp, &Fn), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_eval(&ff, NULL, 1.0, &Fp, &Fn), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_ff_eval_T(&ff, &ar, -1e-3, &Fp, &Fn), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_ff_eval_T(&ff, &ar, NAN, &Fp, &Fn), NUTMM_EDOM);
  nutmm_nucleus small = ar;
  small.r_p = 1.0 * NUTMM_FM;
  ck_assert_int_eq(nutmm_ff_eval_T(&ff, &small, 1e-3, &Fp, &Fn), NUTMM_EDOM);
  ff.model = NUTMM_FF_KLEIN_NYSTRAND;
  ff.kn_coef = -1.0;
  ck_assert_int_eq(nutmm_ff_eval_T(&ff, &ar, 1e-3, &Fp, &Fn), NUTMM_EDOM);
  nutmm_ff_options_default(NULL); /* no-op */
}
END_TEST

static Suite *suite(void)
{
  Suite *s = suite_create("formfactor");
  TCase *tc = tcase_create("formfactor");
  tcase_add_test(tc, test_sphere);
  tcase_add_test(tc, test_helm);
  tcase_add_test(tc, test_kn);
  tcase_add_test(tc, test_reference_values);
  tcase_add_test(tc, test_kn_vs_helm);
  tcase_add_test(tc, test_eval_models);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return nutmm_test_run(suite()); }
