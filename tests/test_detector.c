/* Detector response: quenching maps and inverses (CsI, LAr), light yield,
 * resolution kernels and their normalisation, efficiencies (logistic,
 * tabulated, files), true-energy windows, the response matrix against
 * analytic binned integrals, and every error path. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_integration.h>

#include "integrate.h"
#include "nutmm/data.h"
#include "nutmm/detector.h"
#include "nutmm/error.h"
#include "nutmm/units.h"
#include "presets.h"
#include "testutil.h"

#define SHARED_XENON_EFF "/work/shared/data/experiments/xenon1t/xenon1t_efficiency.txt"

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

/* Composite Gauss-Legendre grid: npan panels of `order` points in each
 * interval [b[k], b[k+1]].  Returns the number of nodes. */
static size_t gl_grid(const double *b, size_t nb, size_t npan, size_t order, double *T, double *w)
{
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(order);
  ck_assert_ptr_nonnull(t);
  size_t m = 0;
  for (size_t k = 0; k + 1 < nb; k++) {
    double h = (b[k + 1] - b[k]) / (double)npan;
    for (size_t p = 0; p < npan; p++) {
      double a = b[k] + p * h;
      for (size_t i = 0; i < order; i++) {
        gsl_integration_glfixed_point(a, a + h, i, &T[m], &w[m], t);
        m++;
      }
    }
  }
  gsl_integration_glfixed_table_free(t);
  return m;
}

static double Phi(double z) { return 0.5 * erfc(-z / sqrt(2.0)); }
static double phi(double z) { return exp(-0.5 * z * z) / sqrt(2.0 * NUTMM_PI); }
/* antiderivative of Phi */
static double G(double z) { return z * Phi(z) + phi(z); }

/* CsI polynomial, written out independently of the library (physics manual phys-detector-inputs). */
static double csi_Eee(double T)
{
  return 0.0554628 * T + 4.30681 * T * T - 111.707 * T * T * T + 840.384 * T * T * T * T;
}

/* ---------------------------------------------------------------------- */

START_TEST(test_quench_csi)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_quench_csi(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_light_yield(d, TEST_CSI_LY_PER_KEVEE / NUTMM_KEV),
                   NUTMM_SUCCESS);
  double T;
  /* physics manual phys-stats-csi: n_PE = 6 -> T_nr ~ 5.84 keV, n_PE = 30 -> T_nr ~ 21.46 keV */
  ck_assert_int_eq(nutmm_detector_true_energy(d, 6.0, &T), NUTMM_SUCCESS);
  ck_assert_abs(T / NUTMM_KEV, 5.84, 0.005);
  /* independent bisection (python, 200 halvings): 5.839877449245283e-3 MeV */
  ck_assert_rel(T, 5.839877449245283e-3, 1e-12);
  ck_assert_int_eq(nutmm_detector_true_energy(d, 30.0, &T), NUTMM_SUCCESS);
  ck_assert_abs(T / NUTMM_KEV, 21.46, 0.005);
  ck_assert_rel(T, 2.1456968324028665e-2, 1e-12);
  /* forward map equals the spec polynomial; observable = LY E_ee */
  double E, x;
  ck_assert_int_eq(nutmm_detector_quench(d, 0.0123456, &E), NUTMM_SUCCESS);
  ck_assert_rel(E, csi_Eee(0.0123456), 1e-14);
  ck_assert_int_eq(nutmm_detector_observable(d, 0.0123456, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 13.348 * csi_Eee(0.0123456) / 1e-3, 1e-14);
  /* inverse(forward(T)) = T */
  const double Ts[] = {1e-7, 3.17e-6, 2.385e-4, 5.839e-3, 0.0214, 0.04718, 0.0999};
  for (size_t i = 0; i < sizeof Ts / sizeof *Ts; i++) {
    double Tb;
    ck_assert_int_eq(nutmm_detector_quench(d, Ts[i], &E), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_detector_quench_inverse(d, E, &Tb), NUTMM_SUCCESS);
    ck_assert_rel(Tb, Ts[i], 1e-12);
    ck_assert_int_eq(nutmm_detector_observable(d, Ts[i], &x), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_detector_true_energy(d, x, &Tb), NUTMM_SUCCESS);
    ck_assert_rel(Tb, Ts[i], 1e-12);
  }
  ck_assert_int_eq(nutmm_detector_quench_inverse(d, 0.0, &T), NUTMM_SUCCESS);
  ck_assert_rel(T, 0.0, 0.0);
  /* end of the validity range */
  ck_assert_int_eq(nutmm_detector_quench(d, TEST_CSI_QF_TMAX, &E), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_quench_inverse(d, E, &T), NUTMM_SUCCESS);
  ck_assert_rel(T, TEST_CSI_QF_TMAX, 1e-15);
  /* beyond it: errors, not extrapolation */
  ck_assert_int_eq(nutmm_detector_quench(d, 0.2, &E), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "above the range"));
  ck_assert_int_eq(nutmm_detector_quench_inverse(d, 1.0, &T), NUTMM_EDOM);
  nutmm_detector_free(d);
}
END_TEST

START_TEST(test_quench_lar_and_simple)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  double E, T, x;
  /* default: no quenching, observable = T in MeV */
  ck_assert_int_eq(nutmm_detector_observable(d, 0.0271828, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.0271828, 0.0);
  ck_assert_int_eq(nutmm_detector_true_energy(d, 0.0271828, &T), NUTMM_SUCCESS);
  ck_assert_rel(T, 0.0271828, 0.0);

  /* LAr: QF(T) = 0.246 + 7.8e-4 T[keVnr] (physics manual phys-detector-inputs) */
  ck_assert_int_eq(preset_quench_lar(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_quench(d, 10.0 * NUTMM_KEV, &E), NUTMM_SUCCESS);
  ck_assert_rel(E / (10.0 * NUTMM_KEV), 0.2538, 1e-13); /* QF(10 keV) */
  ck_assert_int_eq(nutmm_detector_quench(d, 50.0 * NUTMM_KEV, &E), NUTMM_SUCCESS);
  ck_assert_rel(E / NUTMM_KEV, 14.25, 1e-13); /* QF(50 keV) = 0.285 */
  ck_assert_int_eq(nutmm_detector_quench(d, 123.4 * NUTMM_KEV, &E), NUTMM_SUCCESS);
  ck_assert_rel(E / (123.4 * NUTMM_KEV), 0.246 + 7.8e-4 * 123.4, 1e-13);
  const double Ts[] = {1e-9, 4.2e-6, 1.01299e-3, 0.0437083, 0.3, 2.7};
  for (size_t i = 0; i < sizeof Ts / sizeof *Ts; i++) {
    ck_assert_int_eq(nutmm_detector_quench(d, Ts[i], &E), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_detector_quench_inverse(d, E, &T), NUTMM_SUCCESS);
    ck_assert_rel(T, Ts[i], 1e-12);
  }
  /* the LAr release efficiency row 0.25 keVee <-> 1.01299 keVnr */
  ck_assert_int_eq(nutmm_detector_quench(d, 1.01299 * NUTMM_KEV, &E), NUTMM_SUCCESS);
  ck_assert_rel(E / NUTMM_KEV, 0.25, 1e-4);

  /* constant QF */
  ck_assert_int_eq(nutmm_detector_set_quench_constant(d, 0.0878), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_quench(d, 0.02, &E), NUTMM_SUCCESS);
  ck_assert_rel(E, 0.0878 * 0.02, 1e-15);
  ck_assert_int_eq(nutmm_detector_quench_inverse(d, E, &T), NUTMM_SUCCESS);
  ck_assert_rel(T, 0.02, 1e-15);
  ck_assert_int_eq(nutmm_detector_set_quench_none(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_quench(d, 0.02, &E), NUTMM_SUCCESS);
  ck_assert_rel(E, 0.02, 0.0);
  nutmm_detector_free(d);
}
END_TEST

/* A user quenching map: Lindhard-like smooth E = T^1.2 / (1 + T) (MeV). */
static int user_quench(double T, void *p, double *E)
{
  double s = *(const double *)p;
  *E = s * pow(T, 1.2) / (1.0 + T);
  return NUTMM_SUCCESS;
}
static int user_quench_bad(double T, void *p, double *E)
{
  (void)p;
  *E = sin(40.0 * T) + 2.0; /* not monotonic */
  return NUTMM_SUCCESS;
}
static int user_quench_fail(double T, void *p, double *E)
{
  (void)p;
  *E = T;
  if (T > 0.5)
    return nutmm_error_set(NUTMM_EDOM, "user_quench_fail", "T = %g too large", T);
  return NUTMM_SUCCESS;
}

START_TEST(test_quench_user_poly)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  double s = 0.731, E, T;
  ck_assert_int_eq(nutmm_detector_set_quench_user(d, user_quench, &s, 1.0), NUTMM_SUCCESS);
  const double Ts[] = {2e-6, 3.3e-4, 0.0417, 0.5, 0.987};
  for (size_t i = 0; i < sizeof Ts / sizeof *Ts; i++) {
    ck_assert_int_eq(nutmm_detector_quench(d, Ts[i], &E), NUTMM_SUCCESS);
    ck_assert_rel(E, 0.731 * pow(Ts[i], 1.2) / (1.0 + Ts[i]), 1e-15);
    ck_assert_int_eq(nutmm_detector_quench_inverse(d, E, &T), NUTMM_SUCCESS);
    ck_assert_rel(T, Ts[i], 1e-12);
  }
  ck_assert_int_eq(nutmm_detector_quench(d, 1.5, &E), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_quench_user(d, user_quench_bad, NULL, 1.0), NUTMM_EINVAL);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "not increasing"));
  ck_assert_int_eq(nutmm_detector_set_quench_user(d, user_quench_fail, NULL, 1.0), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "user_quench_fail: T = "));
  /* the failed calls left the valid map in place */
  ck_assert_int_eq(nutmm_detector_quench(d, 0.5, &E), NUTMM_SUCCESS);
  ck_assert_rel(E, 0.731 * pow(0.5, 1.2) / 1.5, 1e-15);

  /* polynomial: E = 0.2 T + 3 T^2 (MeV), analytic inverse */
  const double c[2] = {0.2, 3.0};
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, c, 2, 2.0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_quench_inverse(d, 0.0371, &T), NUTMM_SUCCESS);
  ck_assert_rel(T, (-0.2 + sqrt(0.04 + 12.0 * 0.0371)) / 6.0, 1e-14);
  /* bad polynomials */
  const double cbad[3] = {0.1, 1.0, -5.0}; /* turns over at T = 0.11 */
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, cbad, 3, 1.0), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, cbad, 3, 0.1), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, c, 0, 1.0), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, c, NUTMM_QUENCH_POLY_MAX + 1, 1.0),
                   NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, c, 2, -1.0), NUTMM_EDOM);
  const double cnan[2] = {0.1, NAN};
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, cnan, 2, 1.0), NUTMM_EDOM);
  const double cneg[2] = {-0.1, 1.0};
  ck_assert_int_eq(nutmm_detector_set_quench_poly(d, cneg, 2, 1.0), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_quench_constant(d, 0.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_quench_linear_qf(d, 0.2, -1.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_quench_linear_qf(d, NAN, 1.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_quench_user(d, NULL, NULL, 1.0), NUTMM_EFAULT);
  nutmm_detector_free(d);
}
END_TEST

START_TEST(test_resolution)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  double s;
  ck_assert_int_eq(nutmm_detector_sigma(d, 0.01, &s), NUTMM_SUCCESS);
  ck_assert_rel(s, 0.0, 0.0);
  /* XENON1T: sigma(10 keV) = 0.310 sqrt(10) + 0.0037 * 10 keV = 1.0173061 keV */
  ck_assert_int_eq(preset_resolution_xenon1t(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_sigma(d, 10.0 * NUTMM_KEV, &s), NUTMM_SUCCESS);
  ck_assert_rel(s / NUTMM_KEV, 1.0173060746521976, 1e-13);
  ck_assert_rel(s / NUTMM_KEV, 1.017, 1e-3); /* xenon1t/README.md */
  ck_assert_int_eq(nutmm_detector_sigma(d, 2.0 * NUTMM_KEV, &s), NUTMM_SUCCESS);
  ck_assert_rel(s / NUTMM_KEV, 0.446, 1e-3); /* README: 0.446 keV at 2 keV */
  /* LAr: sigma/E = 0.58/sqrt(E[keV]) */
  ck_assert_int_eq(preset_resolution_lar(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_sigma(d, 20.0 * NUTMM_KEV, &s), NUTMM_SUCCESS);
  ck_assert_rel(s / (20.0 * NUTMM_KEV), 0.58 / sqrt(20.0), 1e-13);
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d, 0.00123), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_sigma(d, 0.5, &s), NUTMM_SUCCESS);
  ck_assert_rel(s, 0.00123, 0.0);
  ck_assert_int_eq(nutmm_detector_sigma(d, -1.0, &s), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_sigma(d, NAN, &s), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d, -1.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_resolution_sqrt_linear(d, 0.1, -0.1), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_kernel_norm(d, (nutmm_kernel_norm)7), NUTMM_EINVAL);
  nutmm_detector_free(d);
}
END_TEST

START_TEST(test_kernel_normalisation)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  const double sig = 0.0021;
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d, sig), NUTMM_SUCCESS);
  double p;
  /* truncated kernel: mass 1 on [0, inf) near 0 and far from it */
  const double mus[] = {0.0, 0.3 * sig, 2.0 * sig, 10.0 * sig, 0.4};
  for (size_t i = 0; i < sizeof mus / sizeof *mus; i++) {
    ck_assert_int_eq(nutmm_detector_kernel_integral(d, mus[i], -INFINITY, INFINITY, &p),
                     NUTMM_SUCCESS);
    ck_assert_rel(p, 1.0, 1e-14);
    ck_assert_int_eq(nutmm_detector_kernel_integral(d, mus[i], 0.0, INFINITY, &p),
                     NUTMM_SUCCESS);
    ck_assert_rel(p, 1.0, 1e-14);
  }
  /* truncated kernel at mu = 0.3 sigma: P(x > mu) = (1/2) / Phi(0.3) */
  ck_assert_int_eq(nutmm_detector_kernel_integral(d, 0.3 * sig, 0.3 * sig, INFINITY, &p),
                   NUTMM_SUCCESS);
  ck_assert_rel(p, 0.5 / 0.6179114221889526, 1e-13);
  /* plain kernel: Phi(0.3) = 0.61791142 of the events at x >= 0 */
  ck_assert_int_eq(nutmm_detector_set_kernel_norm(d, NUTMM_KERNEL_PLAIN), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_kernel_integral(d, 0.3 * sig, 0.0, INFINITY, &p),
                   NUTMM_SUCCESS);
  ck_assert_rel(p, 0.6179114221889526, 1e-14);
  ck_assert_int_eq(nutmm_detector_kernel_integral(d, 0.3 * sig, -INFINITY, INFINITY, &p),
                   NUTMM_SUCCESS);
  ck_assert_rel(p, 1.0, 1e-15);
  ck_assert_int_eq(nutmm_detector_kernel_integral(d, 10.0 * sig, 0.0, INFINITY, &p),
                   NUTMM_SUCCESS);
  ck_assert_rel(p, 1.0, 1e-15);
  /* a one-sigma interval */
  ck_assert_int_eq(nutmm_detector_kernel_integral(d, 0.1, 0.1 - sig, 0.1 + sig, &p),
                   NUTMM_SUCCESS);
  ck_assert_rel(p, 0.6826894921370859, 1e-13);
  ck_assert_int_eq(nutmm_detector_kernel_integral(d, 0.1, 0.2, 0.1, &p), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_kernel_integral(d, -0.1, 0.0, 0.1, &p), NUTMM_EDOM);

  /* bin fractions of single energies sum to 1 when bins cover the kernel
   * (XENON1T width, truncated kernel), also close to x = 0 */
  ck_assert_int_eq(nutmm_detector_set_kernel_norm(d, NUTMM_KERNEL_TRUNCATED), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_resolution_xenon1t(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 0.0, 0.06, 97), NUTMM_SUCCESS);
  double frac[97];
  const double Ts[] = {1e-5, 2.71e-4, 1.3e-3, 0.0174, 0.0311};
  for (size_t i = 0; i < sizeof Ts / sizeof *Ts; i++) {
    ck_assert_int_eq(nutmm_detector_bin_fractions(d, Ts[i], frac), NUTMM_SUCCESS);
    double sum = 0.0;
    for (size_t k = 0; k < 97; k++)
      sum += frac[k];
    ck_assert_rel(sum, 1.0, 1e-13);
  }
  /* with the plain kernel, at T = 0.1 sigma(T) the loss below 0 is Phi(-mu/sigma) */
  ck_assert_int_eq(nutmm_detector_set_kernel_norm(d, NUTMM_KERNEL_PLAIN), NUTMM_SUCCESS);
  double T0 = 2.0e-6, s0;
  ck_assert_int_eq(nutmm_detector_sigma(d, T0, &s0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, T0, frac), NUTMM_SUCCESS);
  double sum = 0.0;
  for (size_t k = 0; k < 97; k++)
    sum += frac[k];
  ck_assert_rel(sum, Phi(T0 / s0), 1e-13);
  nutmm_detector_free(d);
}
END_TEST

START_TEST(test_logistic_acceptance)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_acceptance_csi2017(d), NUTMM_SUCCESS);
  double e;
  /* values computed independently (python) from a/(1+exp(-k(x-x0))) */
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 4.999, &e), NUTMM_SUCCESS);
  ck_assert_rel(e, 0.0, 0.0); /* below the 5 PE threshold */
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 5.0, &e), NUTMM_SUCCESS);
  ck_assert_rel(e, 0.034991683058224234, 1e-14);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 6.0, &e), NUTMM_SUCCESS);
  ck_assert_rel(e, 0.055492878219497346, 1e-14);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 10.8507, &e),
                   NUTMM_SUCCESS);
  ck_assert_rel(e, 0.33275, 1e-14);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 14.0, &e), NUTMM_SUCCESS);
  ck_assert_rel(e, 0.5495924449304401, 1e-14);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 30.0, &e), NUTMM_SUCCESS);
  ck_assert_rel(e, 0.6654483426632992, 1e-14);
  /* the true-space slot is still 1 */
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_TRUE, 0.01, &e), NUTMM_SUCCESS);
  ck_assert_rel(e, 1.0, 0.0);
  /* hard threshold on top */
  ck_assert_int_eq(nutmm_detector_set_threshold(d, NUTMM_EFF_OBSERVABLE, 7.0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 6.0, &e), NUTMM_SUCCESS);
  ck_assert_rel(e, 0.0, 0.0);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 7.0, &e), NUTMM_SUCCESS);
  ck_assert(e > 0.0);
  /* bad parameters */
  ck_assert_int_eq(nutmm_detector_set_efficiency_logistic(d, NUTMM_EFF_OBSERVABLE, 1.2, 0.5, 10,
                                                          5),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_efficiency_logistic(d, NUTMM_EFF_OBSERVABLE, 0.5, -0.5, 10,
                                                          5),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_efficiency_logistic(d, (nutmm_eff_space)3, 0.5, 0.5, 10,
                                                          5),
                   NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, NAN, &e), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_threshold(d, NUTMM_EFF_OBSERVABLE, -1.0), NUTMM_EDOM);
  nutmm_detector_free(d);
}
END_TEST

START_TEST(test_table_efficiency)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  const double v[4] = {1.0, 2.5, 4.0, 7.25};
  const double e[4] = {0.1, 0.6, 0.85, 0.9};
  ck_assert_int_eq(
      nutmm_detector_set_efficiency_table(d, NUTMM_EFF_OBSERVABLE, v, e, 4, NUTMM_EFF_OUTSIDE_ZERO),
      NUTMM_SUCCESS);
  double x;
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 1.75, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.35, 1e-15);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 3.1, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.6 + 0.25 * 0.6 / 1.5, 1e-15);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 4.0, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.85, 1e-15);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 7.25, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.9, 1e-15);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 0.99, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.0, 0.0);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 8.0, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.0, 0.0);
  ck_assert_int_eq(
      nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, v, e, 4, NUTMM_EFF_OUTSIDE_CLAMP),
      NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_TRUE, 0.5, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.1, 0.0);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_TRUE, 9.0, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, 0.9, 0.0);

  /* the same from a synthetic file, abscissa in keV */
  const char *p = "test_detector_eff.dat";
  write_file(p, "# synthetic efficiency\n# E[keV] junk eff\n1.0 9 0.1\n2.5 9 0.6\n"
                "4.0 9 0.85\n7.25 9 0.9\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 2, NUTMM_KEV,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 3.1 * NUTMM_KEV, &x),
                   NUTMM_SUCCESS);
  ck_assert_rel(x, 0.6 + 0.25 * 0.6 / 1.5, 1e-14);
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 0.5 * NUTMM_KEV, &x),
                   NUTMM_SUCCESS);
  ck_assert_rel(x, 0.1, 0.0);

  /* bad files and tables: documented errors, detector unchanged */
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, "no/such.dat", 0,
                                                      1, 1.0, NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EIO);
  write_file(p, "1.0 0.1\n2.0 1.2\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 1.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "test_detector_eff.dat:2: efficiency 1.2"));
  write_file(p, "1.0 0.1\n0.5 0.2\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 1.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "not strictly increasing"));
  write_file(p, "1.0 0.1\n2.0 nan\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 1.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EFORMAT);
  write_file(p, "1.0 0.1\n2.0\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 1.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EFORMAT);
  write_file(p, "# one row only\n1.0 0.1\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 1.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EFORMAT);
  write_file(p, "# comments only\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 1.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EFORMAT);
  write_file(p, "1.0 0.1\n2.0 0.2\n");
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 0.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, p, 0, 1, 1.0,
                                                      (nutmm_eff_outside)5),
                   NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_efficiency_data(d, NUTMM_EFF_OBSERVABLE,
                                                      "no-such-efficiency.dat", 0, 1, 1.0,
                                                      NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_ENOTFOUND);
  remove(p);
  /* still the good table from the first file */
  ck_assert_int_eq(nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 3.1 * NUTMM_KEV, &x),
                   NUTMM_SUCCESS);
  ck_assert_rel(x, 0.6 + 0.25 * 0.6 / 1.5, 1e-14);

  const double vbad[3] = {1.0, 3.0, 2.0}, ebad[3] = {0.1, 0.2, 0.3}, eneg[3] = {0.1, -0.2, 0.3};
  const double vnan[3] = {1.0, NAN, 3.0};
  ck_assert_int_eq(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, vbad, ebad, 3,
                                                       NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, v, eneg, 3,
                                                       NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, vnan, ebad, 3,
                                                       NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, v, e, 1,
                                                       NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_TRUE, NULL, e, 4,
                                                       NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_EFAULT);

  /* read-only: the XENON1T release efficiency (total_eff, column 4) if present */
  FILE *f = fopen(SHARED_XENON_EFF, "r");
  if (f != NULL) {
    fclose(f);
    ck_assert_int_eq(nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, SHARED_XENON_EFF,
                                                        0, 3, NUTMM_KEV, NUTMM_EFF_OUTSIDE_ZERO),
                     NUTMM_SUCCESS);
    /* a node of the file and the midpoint of two nodes */
    ck_assert_int_eq(
        nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 10.09009009009009 * NUTMM_KEV, &x),
        NUTMM_SUCCESS);
    ck_assert_rel(x, 0.8871492979525057, 1e-13);
    ck_assert_int_eq(nutmm_detector_efficiency(
                         d, NUTMM_EFF_OBSERVABLE,
                         0.5 * (1.0510510510510511 + 1.2612612612612613) * NUTMM_KEV, &x),
                     NUTMM_SUCCESS);
    ck_assert_rel(x, 0.5 * (0.14662469058677458 + 0.2681186406985705), 1e-12);
  }
  nutmm_detector_free(d);
}
END_TEST

/* ---- response matrix ----------------------------------------------------- */

/* CsI (quenching + light yield), no smearing, exponential spectrum: the
 * response matrix reproduces the analytic binned integral. */
START_TEST(test_response_unsmeared_csi)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_quench_csi(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_light_yield(d, TEST_CSI_LY_PER_KEVEE / NUTMM_KEV),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 6.0, 30.0, 12), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_detector_nbins(d), 12);
  ck_assert_rel(nutmm_detector_edges(d)[3], 12.0, 1e-15);
  double Te[13];
  ck_assert_int_eq(nutmm_detector_true_edges(d, Te), NUTMM_SUCCESS);
  ck_assert_rel(Te[0], 5.839877449245283e-3, 1e-12);
  ck_assert_rel(Te[12], 2.1456968324028665e-2, 1e-12);
  for (int i = 0; i <= 12; i++) /* edges map back onto the PE edges */
    ck_assert_rel(13348.0 * csi_Eee(Te[i]), 6.0 + 2.0 * i, 1e-12);

  /* grid over [0, 0.03] MeV with breakpoints at the true edges */
  double bp[NUTMM_DETECTOR_EXTRA_BREAKPOINTS + 13 + 2];
  size_t nbp;
  ck_assert_int_eq(nutmm_detector_true_breakpoints(d, bp + 1, &nbp), NUTMM_SUCCESS);
  ck_assert_uint_eq(nbp, 13);
  bp[0] = 0.0;
  bp[nbp + 1] = 0.03;
  nbp += 2;
  double T[2000], w[2000], f[2000];
  size_t n = gl_grid(bp, nbp, 2, 12, T, w);
  nutmm_response *R = NULL;
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, n, &R), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_response_nbins(R), 12);
  ck_assert_uint_eq(nutmm_response_npoints(R), n);
  const double T0 = 0.00731, A = 2.385e3;
  for (size_t j = 0; j < n; j++)
    f[j] = A * exp(-T[j] / T0);
  double counts[12];
  ck_assert_int_eq(nutmm_response_apply(R, f, counts), NUTMM_SUCCESS);
  for (int i = 0; i < 12; i++)
    ck_assert_rel(counts[i], A * T0 * (exp(-Te[i] / T0) - exp(-Te[i + 1] / T0)), 1e-12);

  /* with the CsI acceptance (threshold 5 PE below the bins): against an
   * independent adaptive integral of A exp(-T/T0) eps(LY E_ee(T)) */
  ck_assert_int_eq(preset_acceptance_csi2017(d), NUTMM_SUCCESS);
  nutmm_response_free(R);
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, n, &R), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_response_apply(R, f, counts), NUTMM_SUCCESS);
  for (int i = 0; i < 12; i++) {
    double ref = 0.0;
    const int m = 4000; /* composite Simpson, smooth integrand */
    double h = (Te[i + 1] - Te[i]) / m;
    for (int k = 0; k <= m; k++) {
      double t = Te[i] + k * h, npe = 13348.0 * csi_Eee(t);
      double g = A * exp(-t / T0) * 0.6655 / (1.0 + exp(-0.4942 * (npe - 10.8507)));
      ref += g * (k == 0 || k == m ? 1.0 : (k % 2 ? 4.0 : 2.0));
    }
    ref *= h / 3.0;
    ck_assert_rel(counts[i], ref, 1e-10);
  }
  /* the matrix is a snapshot */
  ck_assert_int_eq(nutmm_detector_set_efficiency_none(d, NUTMM_EFF_OBSERVABLE), NUTMM_SUCCESS);
  double c2[12];
  ck_assert_int_eq(nutmm_response_apply(R, f, c2), NUTMM_SUCCESS);
  ck_assert_rel(c2[5], counts[5], 0.0);
  ck_assert_ptr_nonnull(nutmm_response_matrix(R));
  ck_assert_rel(nutmm_response_edges(R)[12], 30.0, 0.0);
  /* NaN spectrum */
  f[7] = NAN;
  ck_assert_int_eq(nutmm_response_apply(R, f, counts), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "dRdT[7]"));
  nutmm_response_free(R);
  nutmm_detector_free(d);
}
END_TEST

/* Constant Gaussian smearing, no quenching, flat spectrum on [T1, T2]:
 * N_i = s [G((b-T1)/s) - G((b-T2)/s) - G((a-T1)/s) + G((a-T2)/s)] with
 * G(z) = z Phi(z) + phi(z) (plain kernel). */
START_TEST(test_response_smeared_analytic)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  const double s = 0.37e-3, T1 = 1.3e-3, T2 = 9.1e-3;
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d, s), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_kernel_norm(d, NUTMM_KERNEL_PLAIN), NUTMM_SUCCESS);
  const double edges[6] = {0.5e-3, 1.0e-3, 2.2e-3, 4.0e-3, 8.7e-3, 1.1e-2};
  ck_assert_int_eq(nutmm_detector_set_bins(d, edges, 6), NUTMM_SUCCESS);
  double bp[2] = {T1, T2}, T[4000], w[4000], f[4000];
  size_t n = gl_grid(bp, 2, 80, 10, T, w);
  nutmm_response *R = NULL;
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, n, &R), NUTMM_SUCCESS);
  for (size_t j = 0; j < n; j++)
    f[j] = 1.0;
  double counts[5];
  ck_assert_int_eq(nutmm_response_apply(R, f, counts), NUTMM_SUCCESS);
  for (int i = 0; i < 5; i++) {
    double a = edges[i], b = edges[i + 1];
    double ref = s * (G((b - T1) / s) - G((b - T2) / s) - G((a - T1) / s) + G((a - T2) / s));
    ck_assert_rel(counts[i], ref, 1e-9);
  }
  /* true window of the binned range at 6 sigma: [x_lo - 6 s, x_hi + 6 s] */
  double Tlo, Thi;
  ck_assert_int_eq(nutmm_detector_true_range(d, 6.0, &Tlo, &Thi), NUTMM_SUCCESS);
  ck_assert_rel(Tlo, 0.0, 0.0); /* 0.5e-3 - 6 s < 0 */
  ck_assert_rel(Thi, 1.1e-2 + 6.0 * s, 1e-14);
  ck_assert_int_eq(nutmm_detector_bin_true_window(d, 3, 2.0, &Tlo, &Thi), NUTMM_SUCCESS);
  ck_assert_rel(Tlo, 4.0e-3 - 2.0 * s, 1e-14);
  ck_assert_rel(Thi, 8.7e-3 + 2.0 * s, 1e-14);
  ck_assert_int_eq(nutmm_detector_bin_true_window(d, 5, 2.0, &Tlo, &Thi), NUTMM_EBADLEN);
  /* with smearing the bin edges are no breakpoints */
  double pts[6 + NUTMM_DETECTOR_EXTRA_BREAKPOINTS];
  size_t np;
  ck_assert_int_eq(nutmm_detector_true_breakpoints(d, pts, &np), NUTMM_SUCCESS);
  ck_assert_uint_eq(np, 0);
  nutmm_response_free(R);
  nutmm_detector_free(d);
}
END_TEST

/* A delta-like resolution reproduces the unsmeared binned rate (LAr quenching,
 * exponential spectrum, bins in keVee). */
START_TEST(test_response_delta_limit)
{
  nutmm_detector *d0 = NULL, *d1 = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&d1), NUTMM_SUCCESS);
  nutmm_detector *ds[2] = {d0, d1};
  for (int k = 0; k < 2; k++) {
    ck_assert_int_eq(preset_quench_lar(ds[k]), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_detector_set_bins_uniform(ds[k], 0.0, 120.0 * NUTMM_KEV, 12),
                     NUTMM_SUCCESS);
  }
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d1, 1e-12), NUTMM_SUCCESS);
  double bp[13 + NUTMM_DETECTOR_EXTRA_BREAKPOINTS];
  size_t nbp;
  ck_assert_int_eq(nutmm_detector_true_breakpoints(d0, bp, &nbp), NUTMM_SUCCESS);
  ck_assert_uint_eq(nbp, 13);
  double T[2000], w[2000], f[2000];
  size_t n = gl_grid(bp, nbp, 3, 8, T, w);
  nutmm_response *R0 = NULL, *R1 = NULL;
  ck_assert_int_eq(nutmm_response_alloc(d0, T, w, n, &R0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_response_alloc(d1, T, w, n, &R1), NUTMM_SUCCESS);
  const double T0 = 0.0411;
  for (size_t j = 0; j < n; j++)
    f[j] = 17.3 * exp(-T[j] / T0);
  double c0[12], c1[12], Te[13];
  ck_assert_int_eq(nutmm_response_apply(R0, f, c0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_response_apply(R1, f, c1), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_true_edges(d0, Te), NUTMM_SUCCESS);
  for (int i = 0; i < 12; i++) {
    ck_assert_rel(c1[i], c0[i], 1e-12);
    ck_assert_rel(c0[i], 17.3 * T0 * (exp(-Te[i] / T0) - exp(-Te[i + 1] / T0)), 1e-12);
  }
  nutmm_response_free(R0);
  nutmm_response_free(R1);
  nutmm_detector_free(d0);
  nutmm_detector_free(d1);
}
END_TEST

/* Reference bin fraction of a smeared efficiency: adaptive quadrature in the
 * test of eps(x) * plain Gaussian / Phi(mu/s). */
typedef struct {
  const double *v, *e;
  size_t n;
  double mu, s;
  int logistic;
} ref_ctx;

static double ref_integrand(double x, void *p)
{
  const ref_ctx *c = p;
  double eps;
  if (c->logistic) {
    eps = x >= 5.0 ? 0.6655 / (1.0 + exp(-0.4942 * (x - 10.8507))) : 0.0;
  } else {
    if (x <= c->v[0])
      eps = c->e[0];
    else if (x >= c->v[c->n - 1])
      eps = c->e[c->n - 1];
    else {
      size_t k = 0;
      while (c->v[k + 1] < x)
        k++;
      eps = c->e[k] + (x - c->v[k]) * (c->e[k + 1] - c->e[k]) / (c->v[k + 1] - c->v[k]);
    }
  }
  return eps * phi((x - c->mu) / c->s) / c->s / Phi(c->mu / c->s);
}

START_TEST(test_smeared_efficiencies)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  /* tabulated efficiency in a smeared observable (XENON1T-like, MeV) */
  const double v[6] = {0.5e-3, 1.1e-3, 1.9e-3, 3.0e-3, 6.5e-3, 20e-3};
  const double e[6] = {0.02, 0.2, 0.7, 0.85, 0.88, 0.87};
  ck_assert_int_eq(nutmm_detector_set_efficiency_table(d, NUTMM_EFF_OBSERVABLE, v, e, 6,
                                                       NUTMM_EFF_OUTSIDE_CLAMP),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(preset_resolution_xenon1t(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 1e-3, 30e-3, 29), NUTMM_SUCCESS);
  double frac[29];
  const double Ts[] = {0.4e-3, 1.27e-3, 2.93e-3, 7.7e-3, 19.1e-3};
  for (size_t t = 0; t < sizeof Ts / sizeof *Ts; t++) {
    ck_assert_int_eq(nutmm_detector_bin_fractions(d, Ts[t], frac), NUTMM_SUCCESS);
    double s;
    ck_assert_int_eq(nutmm_detector_sigma(d, Ts[t], &s), NUTMM_SUCCESS);
    ref_ctx c = {v, e, 6, Ts[t], s, 0};
    gsl_function F = {ref_integrand, &c};
    for (int i = 0; i < 29; i++) {
      double lo = 1e-3 + i * 1e-3, hi = lo + 1e-3, pts[8], r, err;
      size_t np = 0;
      pts[np++] = lo;
      for (int k = 0; k < 6; k++)
        if (v[k] > lo && v[k] < hi)
          pts[np++] = v[k];
      pts[np++] = hi;
      ck_assert_int_eq(nutmm_quad_pts(&F, pts, np, 1e-15, 1e-12, &r, &err), NUTMM_SUCCESS);
      ck_assert_abs(frac[i], r, 1e-12 + 1e-10 * r);
    }
  }
  /* logistic acceptance in a smeared PE observable (constant 1.3 PE width) */
  ck_assert_int_eq(nutmm_detector_set_light_yield(d, 13.348 / NUTMM_KEV), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_acceptance_csi2017(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d, 1.3), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 0.0, 30.0, 15), NUTMM_SUCCESS);
  double frac2[15];
  double x_true = 6.83, T;
  ck_assert_int_eq(nutmm_detector_true_energy(d, x_true, &T), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, T, frac2), NUTMM_SUCCESS);
  ref_ctx c = {NULL, NULL, 0, x_true, 1.3, 1};
  gsl_function F = {ref_integrand, &c};
  for (int i = 0; i < 15; i++) {
    double lo = 2.0 * i, hi = lo + 2.0, r, err;
    if (hi <= 5.0) {
      ck_assert_rel(frac2[i], 0.0, 0.0);
      continue;
    }
    lo = lo < 5.0 ? 5.0 : lo;
    ck_assert_int_eq(nutmm_quad(&F, lo, hi, 1e-15, 1e-12, &r, &err), NUTMM_SUCCESS);
    ck_assert_abs(frac2[i], r, 1e-12 + 1e-9 * r);
  }
  nutmm_detector_free(d);
}
END_TEST

/* True-space efficiency and threshold, breakpoints, windows with
 * energy-dependent resolution. */
static int user_sigma(double x, void *p, double *s)
{
  (void)p;
  *s = 0.02 * x + 1e-4;
  return NUTMM_SUCCESS;
}
static int user_sigma_bad(double x, void *p, double *s)
{
  (void)p;
  *s = -x;
  return NUTMM_SUCCESS;
}
static int user_eff(double v, void *p, double *e)
{
  (void)p;
  *e = v > 0.004 ? 0.75 : 0.25;
  return NUTMM_SUCCESS;
}
static int user_eff_bad(double v, void *p, double *e)
{
  (void)p;
  *e = 1.0 + v;
  return NUTMM_SUCCESS;
}

START_TEST(test_true_space_and_windows)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  const double edges[4] = {1e-3, 2e-3, 5e-3, 9e-3};
  ck_assert_int_eq(nutmm_detector_set_bins(d, edges, 4), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_quench_constant(d, 0.5), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_threshold(d, NUTMM_EFF_TRUE, 7e-3), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_efficiency_user(d, NUTMM_EFF_TRUE, user_eff, NULL),
                   NUTMM_SUCCESS);
  double pts[4 + NUTMM_DETECTOR_EXTRA_BREAKPOINTS];
  size_t np;
  ck_assert_int_eq(nutmm_detector_true_breakpoints(d, pts, &np), NUTMM_SUCCESS);
  ck_assert_uint_eq(np, 5);
  const double expect[5] = {2e-3, 4e-3, 7e-3, 10e-3, 18e-3};
  for (int i = 0; i < 5; i++)
    ck_assert_rel(pts[i], expect[i], 1e-15);
  double frac[3];
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, 6.9e-3, frac), NUTMM_SUCCESS);
  ck_assert_rel(frac[1], 0.0, 0.0); /* below the true threshold */
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, 7.1e-3, frac), NUTMM_SUCCESS);
  ck_assert_rel(frac[1], 0.75, 0.0);
  ck_assert_rel(frac[0] + frac[2], 0.0, 0.0);

  /* energy-dependent user resolution: window ends satisfy x -+ n sigma(x) = edge */
  ck_assert_int_eq(nutmm_detector_set_resolution_user(d, user_sigma, NULL), NUTMM_SUCCESS);
  double Tlo, Thi;
  ck_assert_int_eq(nutmm_detector_true_range(d, 6.0, &Tlo, &Thi), NUTMM_SUCCESS);
  double xa = 0.5 * Tlo, xb = 0.5 * Thi;
  ck_assert_rel(xa + 6.0 * (0.02 * xa + 1e-4), 1e-3, 1e-13);
  ck_assert_rel(xb - 6.0 * (0.02 * xb + 1e-4), 9e-3, 1e-13);
  /* sqrt-linear (XENON1T) window and an unbounded one (n b >= 1) */
  ck_assert_int_eq(preset_resolution_xenon1t(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_true_range(d, 6.0, &Tlo, &Thi), NUTMM_SUCCESS);
  xa = 0.5 * Tlo;
  xb = 0.5 * Thi;
  double a = 0.310 * sqrt(1e-3), b = 0.0037;
  ck_assert_rel(xa + 6.0 * (a * sqrt(xa) + b * xa), 1e-3, 1e-13);
  ck_assert_rel(xb - 6.0 * (a * sqrt(xb) + b * xb), 9e-3, 1e-13);
  ck_assert_int_eq(nutmm_detector_set_resolution_sqrt_linear(d, 0.0, 0.5), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_true_range(d, 2.0, &Tlo, &Thi), NUTMM_SUCCESS);
  ck_assert(isinf(Thi));
  ck_assert_int_eq(nutmm_detector_true_range(d, -1.0, &Tlo, &Thi), NUTMM_EDOM);
  /* with a bounded quenching map the window is capped at T_max */
  ck_assert_int_eq(preset_quench_csi(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 0.0, 0.018, 3), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d, 1e-3), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_true_range(d, 6.0, &Tlo, &Thi), NUTMM_SUCCESS);
  ck_assert_rel(Thi, TEST_CSI_QF_TMAX, 0.0);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 0.0, 0.5, 3), NUTMM_SUCCESS);
  double Te[4];
  ck_assert_int_eq(nutmm_detector_true_edges(d, Te), NUTMM_EDOM);

  /* bad user hooks are reported */
  ck_assert_int_eq(nutmm_detector_set_quench_none(d), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_resolution_user(d, user_sigma_bad, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, 0.01, frac), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "user resolution returned sigma"));
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(d, 1e-3), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_efficiency_user(d, NUTMM_EFF_OBSERVABLE, user_eff_bad, NULL),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, 0.01, frac), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "user efficiency returned"));
  nutmm_detector_free(d);
}
END_TEST

START_TEST(test_bad_input)
{
  nutmm_detector *d = NULL;
  ck_assert_int_eq(nutmm_detector_alloc(NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_detector_alloc(&d), NUTMM_SUCCESS);
  double x, frac[4], T[3] = {0.001, 0.002, 0.003}, w[3] = {1, 1, 1};
  nutmm_response *R = (nutmm_response *)&x; /* must be reset to NULL on error */
  /* no bins yet */
  ck_assert_uint_eq(nutmm_detector_nbins(d), 0);
  ck_assert_ptr_null(nutmm_detector_edges(d));
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 3, &R), NUTMM_EINVAL);
  ck_assert_ptr_null(R);
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, 0.001, frac), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_true_edges(d, frac), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_true_range(d, 3.0, &x, &x), NUTMM_EINVAL);
  /* bins */
  const double unsorted[4] = {0.0, 0.002, 0.001, 0.003};
  const double negative[3] = {-0.001, 0.002, 0.003};
  const double nan_edge[3] = {0.0, NAN, 0.003};
  ck_assert_int_eq(nutmm_detector_set_bins(d, unsorted, 4), NUTMM_EINVAL);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "not strictly increasing"));
  ck_assert_int_eq(nutmm_detector_set_bins(d, negative, 3), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_bins(d, nan_edge, 3), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_bins(d, unsorted, 1), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_bins(d, NULL, 3), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 0.0, 1.0, 0), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 1.0, 1.0, 3), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, -1.0, 1.0, 3), NUTMM_EDOM);
  double ed[4];
  ck_assert_int_eq(nutmm_bin_edges_uniform(0.0, NAN, 3, ed), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_bin_edges_uniform(0.5, 2.0, 3, ed), NUTMM_SUCCESS);
  ck_assert_rel(ed[1], 1.0, 1e-15);
  ck_assert_rel(ed[3], 2.0, 0.0);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(d, 0.0, 0.004, 4), NUTMM_SUCCESS);
  /* energies */
  ck_assert_int_eq(nutmm_detector_quench(d, -1e-3, &x), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "T = -0.001"));
  ck_assert_int_eq(nutmm_detector_quench(d, NAN, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_quench(d, INFINITY, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_quench_inverse(d, -1e-3, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_observable(d, NAN, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_true_energy(d, -2.0, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_bin_fractions(d, -1e-3, frac), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_quench(NULL, 1e-3, &x), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_detector_quench(d, 1e-3, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_detector_set_light_yield(d, -3.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_efficiency(d, (nutmm_eff_space)2, 1.0, &x), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_detector_true_window(d, 0.003, 0.001, 1.0, &x, &x), NUTMM_EDOM);
  /* response: mismatched / bad nodes */
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 0, &R), NUTMM_EINVAL);
  T[1] = NAN;
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 3, &R), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "T[1]"));
  T[1] = -0.002;
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 3, &R), NUTMM_EDOM);
  T[1] = 0.002;
  w[2] = INFINITY;
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 3, &R), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "w[2]"));
  w[2] = 1.0;
  ck_assert_int_eq(nutmm_response_alloc(d, NULL, w, 3, &R), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 3, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(preset_quench_csi(d), NUTMM_SUCCESS);
  T[2] = 0.25; /* above the CsI polynomial's range */
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 3, &R), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "above the quenching range"));
  T[2] = 0.003;
  ck_assert_int_eq(nutmm_response_alloc(d, T, w, 3, &R), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_response_apply(R, NULL, frac), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_response_apply(NULL, w, frac), NUTMM_EFAULT);
  nutmm_response_free(R);
  nutmm_response_free(NULL);
  ck_assert_uint_eq(nutmm_response_nbins(NULL), 0);
  ck_assert_ptr_null(nutmm_response_matrix(NULL));
  nutmm_detector_free(d);
  nutmm_detector_free(NULL);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("detector");
  TCase *tc = tcase_create("detector");
  tcase_add_test(tc, test_quench_csi);
  tcase_add_test(tc, test_quench_lar_and_simple);
  tcase_add_test(tc, test_quench_user_poly);
  tcase_add_test(tc, test_resolution);
  tcase_add_test(tc, test_kernel_normalisation);
  tcase_add_test(tc, test_logistic_acceptance);
  tcase_add_test(tc, test_table_efficiency);
  tcase_add_test(tc, test_response_unsmeared_csi);
  tcase_add_test(tc, test_response_smeared_analytic);
  tcase_add_test(tc, test_response_delta_limit);
  tcase_add_test(tc, test_smeared_efficiencies);
  tcase_add_test(tc, test_true_space_and_windows);
  tcase_add_test(tc, test_bad_input);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
