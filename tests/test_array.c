/* Tests of version.h and of the array forms (xsec_array.c, array.c): every array form gives
 * bit for bit the scalar call's values, stops at the first bad point and names it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nutmm/nutmm.h"
#include "testutil.h"

#define NPTS 64

START_TEST(test_version)
{
  int ma = -1, mi = -1, pa = -1;
  nutmm_version_numbers(&ma, &mi, &pa);
  char buf[64];
  snprintf(buf, sizeof buf, "%d.%d.%d", ma, mi, pa);
  ck_assert_str_eq(buf, nutmm_version());
  ck_assert_str_eq(NUTMM_VERSION, nutmm_version()); /* headers and library agree */
  nutmm_version_numbers(NULL, NULL, NULL);
}
END_TEST

START_TEST(test_struct_size)
{
  size_t sz = 0;
  ck_assert_int_eq(nutmm_struct_size("nutmm_mixing", &sz), NUTMM_SUCCESS);
  ck_assert_uint_eq(sz, sizeof(nutmm_mixing));
  ck_assert_int_eq(nutmm_struct_size("nutmm_xsec_options", &sz), NUTMM_SUCCESS);
  ck_assert_uint_eq(sz, sizeof(nutmm_xsec_options));
  ck_assert_int_eq(nutmm_struct_size("nutmm_nothing", &sz), NUTMM_ENOTFOUND);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nutmm_interval"));
  ck_assert_int_eq(nutmm_struct_size(NULL, &sz), NUTMM_EFAULT);
  size_t n = nutmm_struct_count();
  ck_assert_uint_ge(n, 30);
  for (size_t i = 0; i < n; i++) {
    ck_assert_ptr_nonnull(nutmm_struct_name(i));
    ck_assert_int_eq(nutmm_struct_size(nutmm_struct_name(i), &sz), NUTMM_SUCCESS);
    ck_assert_uint_gt(sz, 0);
  }
  ck_assert_ptr_null(nutmm_struct_name(n));
}
END_TEST

/* Points spanning inside and outside the kinematic window. */
static void grid(double *E, double *T, double Emax, double Tmax)
{
  for (int i = 0; i < NPTS; i++) {
    E[i] = Emax * (0.02 + 0.98 * (i % 8) / 7.0);
    T[i] = Tmax * (1e-3 + (i / 8) / 7.0);
  }
}

START_TEST(test_xsec_arrays)
{
  nutmm_nucleus cs;
  nutmm_atom xe;
  ck_assert_int_eq(nutmm_nucleus_lookup("Cs133", &cs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_atom_lookup("Xe", &xe), NUTMM_SUCCESS);
  double E[NPTS], T[NPTS], out[NPTS], ref;
  grid(E, T, 50.0, 0.05);
  const double m4 = 5.0;
  ck_assert_int_eq(nutmm_xsec_cevns_array(NPTS, E, T, &cs, NULL, out), NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_xsec_cevns_e(E[i], T[i], &cs, NULL, &ref), NUTMM_SUCCESS);
    ck_assert(memcmp(&out[i], &ref, sizeof ref) == 0);
  }
  ck_assert_int_eq(nutmm_xsec_dipole_nucleus_array(NPTS, E, T, m4, &cs, NULL, out), NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_xsec_dipole_nucleus_e(E[i], T[i], m4, &cs, NULL, &ref), NUTMM_SUCCESS);
    ck_assert(memcmp(&out[i], &ref, sizeof ref) == 0);
  }
  ck_assert_int_eq(nutmm_xsec_int_nucleus_array(NPTS, E, T, m4, &cs, NULL, out), NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_xsec_int_nucleus_e(E[i], T[i], m4, &cs, NULL, &ref), NUTMM_SUCCESS);
    ck_assert(memcmp(&out[i], &ref, sizeof ref) == 0);
  }
  grid(E, T, 1.0, 0.5);
  const double m4e = 0.1;
  ck_assert_int_eq(nutmm_xsec_ees_array(NPTS, E, T, NUTMM_NU_E, &xe, NULL, out), NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_xsec_ees_e(E[i], T[i], NUTMM_NU_E, &xe, NULL, &ref), NUTMM_SUCCESS);
    ck_assert(memcmp(&out[i], &ref, sizeof ref) == 0);
  }
  ck_assert_int_eq(nutmm_xsec_dipole_electron_array(NPTS, E, T, m4e, &xe, NULL, out),
                   NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_xsec_dipole_electron_e(E[i], T[i], m4e, &xe, NULL, &ref),
                     NUTMM_SUCCESS);
    ck_assert(memcmp(&out[i], &ref, sizeof ref) == 0);
  }
  ck_assert_int_eq(nutmm_xsec_int_electron_array(NPTS, E, T, m4e, NUTMM_NUBAR_MU, &xe, NULL, out),
                   NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_xsec_int_electron_e(E[i], T[i], m4e, NUTMM_NUBAR_MU, &xe, NULL, &ref),
                     NUTMM_SUCCESS);
    ck_assert(memcmp(&out[i], &ref, sizeof ref) == 0);
  }
}
END_TEST

START_TEST(test_first_bad_point)
{
  nutmm_nucleus cs;
  ck_assert_int_eq(nutmm_nucleus_lookup("Cs133", &cs), NUTMM_SUCCESS);
  double E[4] = {10.0, 20.0, NAN, 30.0}, T[4] = {0.01, 0.01, 0.01, -1.0}, out[4];
  ck_assert_int_eq(nutmm_xsec_cevns_array(4, E, T, &cs, NULL, out), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nutmm_xsec_cevns_array: point 2 ("));
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "<- nutmm_xsec_cevns_e"));
  ck_assert(isfinite(out[0]) && isfinite(out[1]) && isnan(out[2]) && isnan(out[3]));
  ck_assert_int_eq(nutmm_xsec_dipole_nucleus_array(2, E, T, -1.0, &cs, NULL, out), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "point 0 ("));
  ck_assert_int_eq(nutmm_xsec_cevns_array(0, NULL, NULL, &cs, NULL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_xsec_cevns_array(1, E, NULL, &cs, NULL, out), NUTMM_EFAULT);
}
END_TEST

START_TEST(test_formfactor_flux_mueff_arrays)
{
  nutmm_nucleus ar;
  ck_assert_int_eq(nutmm_nucleus_lookup("Ar40", &ar), NUTMM_SUCCESS);
  double q[NPTS], Fp[NPTS], Fn[NPTS], rp, rn;
  for (int i = 0; i < NPTS; i++)
    q[i] = 2.0 * i;
  ck_assert_int_eq(nutmm_formfactor_eval_array(NULL, &ar, NPTS, q, Fp, Fn), NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_formfactor_eval_e(NULL, &ar, q[i], &rp, &rn), NUTMM_SUCCESS);
    ck_assert(memcmp(&Fp[i], &rp, sizeof rp) == 0 && memcmp(&Fn[i], &rn, sizeof rn) == 0);
  }
  q[5] = -1.0;
  ck_assert_int_eq(nutmm_formfactor_eval_T_array(NULL, &ar, NPTS, q, Fp, NULL), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "point 5 ("));

  nutmm_flux *f = NULL;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(NULL, &f), NUTMM_SUCCESS);
  double E[NPTS], phi[NPTS], ref;
  for (int i = 0; i < NPTS; i++)
    E[i] = 60.0 * i / (NPTS - 1.0);
  ck_assert_int_eq(nutmm_flux_eval_array(f, 1, NPTS, E, phi), NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_flux_eval_e(f, 1, E[i], &ref), NUTMM_SUCCESS);
    ck_assert(memcmp(&phi[i], &ref, sizeof ref) == 0);
  }
  ck_assert_int_eq(nutmm_flux_eval_species_array(f, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, NPTS, E, phi),
                   NUTMM_SUCCESS);
  for (int i = 0; i < NPTS; i++) {
    ck_assert_int_eq(nutmm_flux_eval_species_e(f, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, E[i], &ref),
                     NUTMM_SUCCESS);
    ck_assert(memcmp(&phi[i], &ref, sizeof ref) == 0);
  }
  ck_assert_int_eq(nutmm_flux_eval_array(f, 99, 2, E, phi), NUTMM_EBADLEN);
  nutmm_flux_free(f);

  nutmm_mixing_params p;
  nutmm_mixing mix;
  nutmm_mixing_params_default(&p);
  p.theta14 = 0.1;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &mix), NUTMM_SUCCESS);
  nutmm_tmm lam[8];
  nutmm_mueff mu[8], m;
  for (int k = 0; k < 8; k++) {
    double absL[6], zeta[6];
    for (int j = 0; j < 6; j++) {
      absL[j] = 1e-10 * (1 + ((k + j) % 3));
      zeta[j] = 0.3 * j * k;
    }
    ck_assert_int_eq(nutmm_tmm_from_Lambda(absL, zeta, &lam[k]), NUTMM_SUCCESS);
  }
  ck_assert_int_eq(nutmm_mueff2_array(&mix, 8, lam, NUTMM_NU_MU, mu), NUTMM_SUCCESS);
  for (int k = 0; k < 8; k++) {
    ck_assert_int_eq(nutmm_mueff2(&mix, &lam[k], NUTMM_NU_MU, &m), NUTMM_SUCCESS);
    ck_assert(memcmp(&mu[k], &m, sizeof m) == 0);
  }
  ck_assert_int_eq(nutmm_mueff2_array(&mix, 8, lam, (nutmm_species)9, mu), NUTMM_EINVAL);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "point 0 ("));
  ck_assert(isnan(mu[7].total));
}
END_TEST

START_TEST(test_rate_differential_array)
{
  nutmm_target *tg = NULL;
  nutmm_flux *f = NULL;
  nutmm_detector *det = NULL;
  nutmm_rate *r = NULL;
  ck_assert_int_eq(nutmm_target_alloc("Ar", &tg), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_pidar_alloc(NULL, &f), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 0.005, 0.1, 5), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_alloc(tg, f, det, NULL, &r), NUTMM_SUCCESS);
  double T[NPTS], out[NPTS], ref;
  for (int i = 0; i < NPTS; i++)
    T[i] = 1e-3 + 0.15 * i / (NPTS - 1.0); /* beyond the largest recoil too */
  for (int p = NUTMM_PROCESS_SM; p <= NUTMM_PROCESS_INTERFERENCE; p++) {
    ck_assert_int_eq(nutmm_rate_differential_array(r, (nutmm_process)p, NPTS, T, 5.0, NULL, out),
                     NUTMM_SUCCESS);
    for (int i = 0; i < NPTS; i++) {
      ck_assert_int_eq(nutmm_rate_differential(r, (nutmm_process)p, T[i], 5.0, NULL, &ref),
                       NUTMM_SUCCESS);
      ck_assert(memcmp(&out[i], &ref, sizeof ref) == 0);
    }
  }
  T[3] = 0.0;
  ck_assert_int_eq(nutmm_rate_differential_array(r, NUTMM_PROCESS_SM, NPTS, T, 0.0, NULL, out),
                   NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "point 3 (T = 0 MeV) <- "));
  ck_assert(isnan(out[3]) && isnan(out[NPTS - 1]) && isfinite(out[2]));
  nutmm_rate_free(r);
  nutmm_detector_free(det);
  nutmm_flux_free(f);
  nutmm_target_free(tg);
}
END_TEST

static Suite *array_suite(void)
{
  Suite *s = suite_create("array");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_version);
  tcase_add_test(tc, test_struct_size);
  tcase_add_test(tc, test_xsec_arrays);
  tcase_add_test(tc, test_first_bad_point);
  tcase_add_test(tc, test_formfactor_flux_mueff_arrays);
  tcase_add_test(tc, test_rate_differential_array);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return nutmm_test_run(array_suite()); }
