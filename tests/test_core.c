/* Core: error reasons, the data-table reader (including malformed files) and
 * the private quadrature. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "integrate.h"
#include "nutmm/nutmm.h"
#include "testutil.h"

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

START_TEST(test_error_chain)
{
  nutmm_error_clear();
  ck_assert_str_eq(nutmm_error_reason(), "");
  int s = nutmm_error_set(NUTMM_EDOM, "inner", "E = %g MeV is negative", -1.0);
  ck_assert_int_eq(s, NUTMM_EDOM);
  nutmm_error_chain(s, "middle");
  nutmm_error_chain(s, "outer");
  ck_assert_str_eq(nutmm_error_reason(), "outer <- middle <- inner: E = -1 MeV is negative");
  ck_assert_str_eq(nutmm_strerror(NUTMM_EDOM), "input domain error");
  ck_assert_str_eq(nutmm_strerror(NUTMM_EFORMAT), "malformed data file");
}
END_TEST

START_TEST(test_units)
{
  /* mu_B = sqrt(4 pi alpha)/(2 m_e) */
  ck_assert_rel(NUTMM_MU_B, sqrt(4.0 * NUTMM_PI * NUTMM_ALPHA) / (2.0 * NUTMM_ME), 1e-15);
  /* (hbar c)^2 of physics manual phys-constants and pi alpha^2/m_e^2 (hbar c)^2 of section J */
  ck_assert_rel(NUTMM_HBARC2, 3.8937937e-22, 1e-7);
  ck_assert_rel(NUTMM_PI * NUTMM_ALPHA * NUTMM_ALPHA / (NUTMM_ME * NUTMM_ME) * NUTMM_HBARC2,
                2.4946720e-25, 1e-7);
}
END_TEST

START_TEST(test_table_ok)
{
  const char *p = "test_core_ok.dat";
  write_file(p, "# header\n# E  phi\n\n1.0 2.5  # trailing comment\n2.0\t3.5\n  3.0 4.5 extra\n");
  nutmm_table *t = NULL;
  ck_assert_int_eq(nutmm_table_read(p, &t), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_table_rows(t), 3);
  ck_assert_uint_eq(nutmm_table_cols(t, 2), 3);
  ck_assert_uint_eq(nutmm_table_line(t, 0), 4);
  ck_assert_str_eq(nutmm_table_string(t, 2, 2), "extra");
  ck_assert_int_eq(nutmm_table_require_cols(t, 2), NUTMM_SUCCESS);
  double x[3];
  ck_assert_int_eq(nutmm_table_column(t, 1, 1, x), NUTMM_SUCCESS);
  ck_assert_rel(x[2], 4.5, 0);
  double v;
  ck_assert_int_eq(nutmm_table_double(t, 2, 2, &v), NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "test_core_ok.dat:6: column 3: 'extra'"));
  ck_assert_int_eq(nutmm_table_double(t, 0, 5, &v), NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "column 6 missing"));
  nutmm_table_free(t);
  remove(p);
}
END_TEST

START_TEST(test_table_bad)
{
  nutmm_table *t = NULL;
  ck_assert_int_eq(nutmm_table_read("no/such/file.dat", &t), NUTMM_EIO);
  ck_assert_ptr_null(t);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "no/such/file.dat"));

  const char *p = "test_core_bad.dat";
  write_file(p, "# only comments\n\n");
  ck_assert_int_eq(nutmm_table_read(p, &t), NUTMM_EFORMAT);

  write_file(p, "1 2\n3 nan\n");
  ck_assert_int_eq(nutmm_table_read(p, &t), NUTMM_SUCCESS);
  double x[2];
  ck_assert_int_eq(nutmm_table_column(t, 1, 0, x), NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), ":2: column 2: 'nan'"));
  nutmm_table_free(t);

  write_file(p, "1 2\n3\n");
  ck_assert_int_eq(nutmm_table_read(p, &t), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_table_require_cols(t, 2), NUTMM_EFORMAT);
  nutmm_table_free(t);

  write_file(p, "1 2\n0.5 3\n");
  ck_assert_int_eq(nutmm_table_read(p, &t), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_table_column(t, 0, 1, x), NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "not strictly increasing"));
  nutmm_table_free(t);
  remove(p);
}
END_TEST

START_TEST(test_data_path)
{
  char buf[4096];
  ck_assert_int_eq(nutmm_data_path("README.md", buf, sizeof buf), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_data_path("no-such-table.dat", buf, sizeof buf), NUTMM_ENOTFOUND);
  ck_assert_int_eq(nutmm_data_path("README.md", buf, 4), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_data_path(NULL, buf, sizeof buf), NUTMM_EFAULT);
}
END_TEST

static double f_sqrt(double x, void *p)
{
  (void)p;
  return 1.0 / sqrt(x);
}
static double f_nan(double x, void *p)
{
  (void)p;
  return x > 0.5 ? NAN : 1.0;
}

START_TEST(test_quad)
{
  gsl_function f = {f_sqrt, NULL};
  double r, e;
  /* integrable endpoint singularity: int_0^1 x^-1/2 = 2 */
  ck_assert_int_eq(nutmm_quad(&f, 0.0, 1.0, 0.0, 1e-8, &r, &e), NUTMM_SUCCESS);
  ck_assert_rel(r, 2.0, 1e-8);
  double pts[3] = {0.0, 0.25, 1.0};
  ck_assert_int_eq(nutmm_quad_pts(&f, pts, 3, 0.0, 1e-8, &r, &e), NUTMM_SUCCESS);
  ck_assert_rel(r, 2.0, 1e-8);
  ck_assert_int_eq(nutmm_quad(&f, 1.0, 0.0, 0.0, 1e-8, &r, &e), NUTMM_EDOM);
  gsl_function g = {f_nan, NULL};
  ck_assert_int_eq(nutmm_quad(&g, 0.0, 1.0, 0.0, 1e-8, &r, &e), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "not finite"));
  /* an impossible tolerance is reported, not aborted */
  ck_assert_int_eq(nutmm_quad(&f, 0.0, 1.0, 0.0, 1e-300, &r, &e), NUTMM_ETOL);
  ck_assert_rel(r, 2.0, 1e-6);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("core");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_error_chain);
  tcase_add_test(tc, test_units);
  tcase_add_test(tc, test_table_ok);
  tcase_add_test(tc, test_table_bad);
  tcase_add_test(tc, test_data_path);
  tcase_add_test(tc, test_quad);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
