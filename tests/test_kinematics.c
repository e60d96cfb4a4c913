/* Kinematics: eq. (22) E_min(T), recoil windows T_pm(E), thresholds (physics manual phys-kin-emin, phys-kin-range; reference values: an independent numerical evaluation of those formulas). */
#include <string.h>

#include "nutmm/kinematics.h"
#include "nutmm/nutmm.h"
#include "testutil.h"

/* physics manual phys-target-nuclei; reference values: an independent numerical evaluation of those formulas masses */
#define M_AR 3.72155262e+04
#define M_CS 1.23772540e+05

static double mass_of(int k) { return k == 0 ? NUTMM_ME : (k == 1 ? M_AR : M_CS); }

/* physics manual phys-kin-emin; reference values: an independent numerical evaluation of those formulas, E_min(T) table, to its 8 digits */
START_TEST(test_emin_reference)
{
  const double m4[3] = {0.0, 0.1, 10.0};
  const double ref[3][3][2] = {
      {{1.6492169e-02, 5.5793649e-02}, {1.7786402e-01, 1.1038637e-01}, {1.6137350e+03, 5.4598303e+02}},
      {{4.3141717, 13.646028}, {4.3147513, 13.646212}, {10.110370, 15.479407}},
      {{7.8672827, 24.881952}, {7.8676005, 24.882052}, {11.045404, 25.887100}}};
  for (int k = 0; k < 3; k++)
    for (int j = 0; j < 3; j++) {
      ck_assert_rel(nutmm_kin_emin(0.001, mass_of(k), m4[j]), ref[k][j][0], 1e-7);
      ck_assert_rel(nutmm_kin_emin(0.01, mass_of(k), m4[j]), ref[k][j][1], 1e-7);
    }
  /* other rows of J (dipole tables) */
  ck_assert_rel(nutmm_kin_emin(0.02, M_AR, 30.0), 30.970649, 1e-7);
  ck_assert_rel(nutmm_kin_emin(0.1, NUTMM_ME, 0.0), 0.21748119, 1e-7);
  ck_assert_rel(nutmm_kin_emin(0.1, NUTMM_ME, 0.1), 0.23876119, 1e-7);
  ck_assert_rel(nutmm_kin_emin(0.2, NUTMM_ME, 0.3), 0.50005388, 1e-7);
  ck_assert_rel(nutmm_kin_emin(1.0, NUTMM_ME, 1.0), 2.3959040, 1e-7);
}
END_TEST

/* physics manual phys-kin; reference values: an independent numerical evaluation of those formulas recoil ranges */
START_TEST(test_range_reference)
{
  double a, b;
  ck_assert_int_eq(nutmm_kin_recoil_range(0.747, NUTMM_ME, 0.1, &a, &b), NUTMM_SUCCESS);
  ck_assert_rel(a, 4.4830336e-05, 1e-7);
  ck_assert_rel(b, 5.4429440e-01, 1e-7);
  ck_assert_int_eq(nutmm_kin_recoil_range(0.747, NUTMM_ME, 0.0, &a, &b), NUTMM_SUCCESS);
  ck_assert_rel(a, 0.0, 0);
  ck_assert_rel(b, 5.5661775e-01, 1e-7);
  ck_assert_int_eq(nutmm_kin_recoil_range(30.0, M_AR, 10.0, &a, &b), NUTMM_SUCCESS);
  ck_assert_rel(a, 3.9551625e-05, 1e-7);
  ck_assert_rel(b, 4.5564617e-02, 1e-7);
  ck_assert_int_eq(nutmm_kin_recoil_range(30.0, M_CS, 0.0, &a, &b), NUTMM_SUCCESS);
  ck_assert_rel(a, 0.0, 0);
  ck_assert_rel(b, 1.4535759e-02, 1e-7);
  /* massless: T_+ = T_max = 2E^2/(M + 2E) */
  ck_assert_rel(b, nutmm_kin_tmax(30.0, M_CS), 1e-15);
  ck_assert_rel(nutmm_kin_tmax(0.747, NUTMM_ME), 2 * 0.747 * 0.747 / (NUTMM_ME + 2 * 0.747), 1e-15);
}
END_TEST

/* m4 = 0 limits and m4 -> 0 continuity (physics manual phys-kin) */
START_TEST(test_massless_limit)
{
  for (int k = 0; k < 3; k++) {
    double M = mass_of(k);
    for (double T = 3.7e-7; T < 2.0; T *= 1.9) {
      double sm = (T + sqrt(T * T + 2.0 * M * T)) / 2.0;
      ck_assert_rel(nutmm_kin_emin(T, M, 0.0), sm, 1e-15);
      /* E_min(m4) = E_min(0) (1 + m4^2/(2MT)) exactly */
      ck_assert_rel(nutmm_kin_emin(T, M, 1e-9), sm * (1.0 + 1e-18 / (2.0 * M * T)), 1e-15);
    }
    for (double E = 0.013; E < 60.0; E *= 1.7) {
      double a, b, a0, b0;
      nutmm_kin_recoil_range(E, M, 0.0, &a0, &b0);
      ck_assert_rel(b0, 2 * E * E / (M + 2 * E), 1e-15);
      ck_assert_int_eq(nutmm_kin_recoil_range(E, M, 1e-9, &a, &b), NUTMM_SUCCESS);
      ck_assert_rel(b, b0, 1e-14);
      ck_assert(a >= 0.0 && a < 1e-30);
    }
  }
  ck_assert_rel(nutmm_kin_emin(0.0, M_AR, 0.0), 0.0, 0);
  ck_assert(isinf(nutmm_kin_emin(0.0, M_AR, 0.1)));
  ck_assert_rel(nutmm_kin_threshold(M_AR, 0.0), 0.0, 0);
}
END_TEST

/* E_min inverts T_pm: E = E_min(T_+(E)) = E_min(T_-(E)); the recoil angle is 0 there
 * (cos theta = 1, physics manual phys-kin-angle); no cancellation for small m4 or T << M. */
START_TEST(test_inversion)
{
  const double m4s[] = {1e-4, 0.0371, 0.93, 7.3, 31.0};
  for (int k = 0; k < 3; k++) {
    double M = mass_of(k);
    for (size_t j = 0; j < sizeof m4s / sizeof m4s[0]; j++) {
      double m4 = m4s[j];
      double Ethr = nutmm_kin_threshold(M, m4);
      ck_assert_rel(Ethr, m4 + m4 * m4 / (2 * M), 1e-15);
      for (double f = 1.013; f < 300.0; f *= 1.61) {
        double E = Ethr * f, a, b, c;
        ck_assert_int_eq(nutmm_kin_recoil_range(E, M, m4, &a, &b), NUTMM_SUCCESS);
        ck_assert(0.0 < a && a < b);
        ck_assert_rel(nutmm_kin_emin(a, M, m4), E, 1e-11);
        ck_assert_rel(nutmm_kin_emin(b, M, m4), E, 1e-11);
        ck_assert_int_eq(nutmm_kin_cos_recoil(E, a, M, m4, &c), NUTMM_SUCCESS);
        ck_assert_rel(c, 1.0, 1e-11);
        nutmm_kin_cos_recoil(E, b, M, m4, &c);
        ck_assert_rel(c, 1.0, 1e-11);
        /* inside: cos < 1 and allowed; outside: not */
        double Tm = sqrt(a * b);
        nutmm_kin_cos_recoil(E, Tm, M, m4, &c);
        ck_assert(c < 1.0);
        ck_assert(nutmm_kin_allowed(E, Tm, M, m4));
        ck_assert(nutmm_kin_emin(Tm, M, m4) <= E);
        ck_assert(!nutmm_kin_allowed(E, a * 0.999, M, m4));
        ck_assert(!nutmm_kin_allowed(E, b * 1.001, M, m4));
      }
      /* E_min(T) >= E_thr for all T, with the minimum at the threshold recoil */
      for (double T = 1e-9; T < 100.0; T *= 1.37)
        ck_assert(nutmm_kin_emin(T, M, m4) >= Ethr * (1.0 - 1e-14));
    }
  }
}
END_TEST

/* Threshold: the window opens at E_thr = m4 + m4^2/(2M) as a single point: both final
 * particles move with the centre-of-mass velocity, so T = M (gamma - 1) with
 * gamma = (E_thr + M)/(M + m4), i.e. T_thr = m4^2 / (2 (M + m4)). */
START_TEST(test_threshold)
{
  double M = M_AR, m4 = 17.3;
  double Ethr = nutmm_kin_threshold(M, m4), a, b;
  ck_assert_int_eq(nutmm_kin_recoil_range(Ethr, M, m4, &a, &b), NUTMM_SUCCESS);
  ck_assert_rel(a, m4 * m4 / (2.0 * (M + m4)), 1e-12);
  ck_assert_rel(b, m4 * m4 / (2.0 * (M + m4)), 1e-12);
  /* the minimum of E_min(T) is E_thr, reached at T_thr */
  ck_assert_rel(nutmm_kin_emin(a, M, m4), Ethr, 1e-14);
  ck_assert_int_eq(nutmm_kin_recoil_range(Ethr * (1.0 - 1e-9), M, m4, &a, &b), NUTMM_ERANGE);
  ck_assert_rel(a, 0.0, 0);
  ck_assert_rel(b, 0.0, 0);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "below the threshold"));
  ck_assert_int_eq(nutmm_kin_recoil_range(Ethr * (1.0 + 1e-9), M, m4, &a, &b), NUTMM_SUCCESS);
  ck_assert(a < b);
  /* physics manual phys-flux-pidar, phys-kin-range: COHERENT nu_mu line 29.79 MeV on Cs opens below m4 ~ 29.8 MeV */
  ck_assert(nutmm_kin_threshold(M_CS, 29.78) < 29.79);
  ck_assert(nutmm_kin_threshold(M_CS, 29.79) > 29.79);
}
END_TEST

START_TEST(test_errors)
{
  double x, y;
  ck_assert_int_eq(nutmm_kin_tmax_e(0.0, M_AR, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_tmax_e(1.0, -M_AR, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_tmax_e(1.0, M_AR, NULL), NUTMM_EFAULT);
  ck_assert(isnan(nutmm_kin_tmax(NAN, M_AR)));
  ck_assert_int_eq(nutmm_kin_threshold_e(M_AR, -0.1, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_threshold_e(0.0, 0.1, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_threshold_e(M_AR, 0.1, NULL), NUTMM_EFAULT);
  ck_assert(isnan(nutmm_kin_threshold(M_AR, NAN)));
  ck_assert_int_eq(nutmm_kin_emin_e(-1e-3, M_AR, 0.1, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_emin_e(1e-3, M_AR, -0.1, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_emin_e(1e-3, INFINITY, 0.1, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_emin_e(1e-3, M_AR, 0.1, NULL), NUTMM_EFAULT);
  ck_assert(isnan(nutmm_kin_emin(NAN, M_AR, 0.1)));
  ck_assert_int_eq(nutmm_kin_recoil_range(-1.0, M_AR, 0.1, &x, &y), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_recoil_range(1.0, M_AR, NAN, &x, &y), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_recoil_range(1.0, M_AR, 0.1, NULL, &y), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_kin_recoil_range(1.0, M_AR, 0.1, &x, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_kin_allowed(-1.0, 0.01, M_AR, 0.0), 0);
  ck_assert_int_eq(nutmm_kin_allowed(10.0, NAN, M_AR, 0.0), 0);
  ck_assert_int_eq(nutmm_kin_allowed(10.0, 0.001, M_AR, -1.0), 0);
  ck_assert_int_eq(nutmm_kin_cos_recoil(1.0, 0.0, M_AR, 0.1, &x), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_kin_cos_recoil(1.0, 0.1, M_AR, 0.1, NULL), NUTMM_EFAULT);
}
END_TEST

static Suite *suite(void)
{
  Suite *s = suite_create("kinematics");
  TCase *tc = tcase_create("kinematics");
  tcase_add_test(tc, test_emin_reference);
  tcase_add_test(tc, test_range_reference);
  tcase_add_test(tc, test_massless_limit);
  tcase_add_test(tc, test_inversion);
  tcase_add_test(tc, test_threshold);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return nutmm_test_run(suite()); }
