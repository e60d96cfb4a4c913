/* The XENONnT SR0 data files (data/experiments/xenonnt_sr0/) against each other and against
 * the numbers of their paper, E. Aprile et al. (XENON), PRL 129 (2022) 161805,
 * arXiv:2207.11330: 433 events in 1-30 keV, exposure 1.16 t yr, and a background of
 * (15.8 +- 1.3) events/(t yr keV) in (1, 30) keV (abstract; the rate before efficiency). */
#include "testutil.h"

#include "nutmm/data.h"
#include "nutmm/error.h"

#define BINNED "experiments/xenonnt_sr0/xenonnt_sr0_binned.txt"
#define EVENTS "experiments/xenonnt_sr0/xenonnt_sr0_events.txt"
#define B0 "experiments/xenonnt_sr0/xenonnt_sr0_b0.txt"
#define EFFICIENCY "experiments/xenonnt_sr0/xenonnt_sr0_efficiency.txt"
#define NBINS 29
#define EXPOSURE_TYR 1.16 /* paper abstract */
#define B0_STEP_KEV 0.1   /* the released B0 grid: centres of 0.1-keV cells */

/* Column col of a data file, its row count in *n (at most max). */
static void read_column(const char *name, size_t col, double *x, size_t max, size_t *n)
{
  nutmm_table *t;
  ck_assert_msg(nutmm_table_read_data(name, &t) == NUTMM_SUCCESS, "%s: %s", name,
                nutmm_error_reason());
  *n = nutmm_table_rows(t);
  ck_assert_uint_le(*n, max);
  ck_assert_int_eq(nutmm_table_column(t, col, 0, x), NUTMM_SUCCESS);
  nutmm_table_free(t);
}

typedef struct {
  double lo[NBINS], hi[NBINS], rate[NBINS], err[NBINS], nobs[NBINS], b0[NBINS];
} binned;

static void read_binned(binned *b)
{
  size_t n;
  read_column(BINNED, 0, b->lo, NBINS, &n);
  ck_assert_uint_eq(n, NBINS);
  read_column(BINNED, 1, b->hi, NBINS, &n);
  read_column(BINNED, 3, b->rate, NBINS, &n);
  read_column(BINNED, 4, b->err, NBINS, &n);
  read_column(BINNED, 5, b->nobs, NBINS, &n);
  read_column(BINNED, 7, b->b0, NBINS, &n);
}

/* 29 contiguous 1-keV bins from 1 to 30 keV; in every bin N_obs = (rate/err)^2 is a whole
 * number and N_obs / (rate x 1 keV) is the paper's exposure; 433 events in total. */
START_TEST(test_binned_exposure)
{
  static binned b;
  read_binned(&b);
  double total = 0.0;
  for (size_t i = 0; i < NBINS; i++) {
    ck_assert_double_eq_tol(b.lo[i], 1.0 + (double)i, 1e-12);
    ck_assert_double_eq_tol(b.hi[i] - b.lo[i], 1.0, 1e-12);
    double n = (b.rate[i] / b.err[i]) * (b.rate[i] / b.err[i]);
    ck_assert_msg(fabs(n - round(n)) < 1e-6, "bin %zu: (rate/err)^2 = %.9g", i, n);
    ck_assert_double_eq(b.nobs[i], round(n));
    ck_assert_rel(b.nobs[i] / (b.rate[i] * (b.hi[i] - b.lo[i])), EXPOSURE_TYR, 1e-8);
    total += b.nobs[i];
  }
  ck_assert_double_eq(total, 433.0);
}
END_TEST

/* The event list: 433 sorted energies inside 1-30 keV whose 1-keV histogram is N_obs. */
START_TEST(test_events_histogram)
{
  static binned b;
  static double e[1000];
  size_t n;
  read_binned(&b);
  read_column(EVENTS, 0, e, 1000, &n);
  ck_assert_uint_eq(n, 433);
  double h[NBINS] = {0};
  for (size_t k = 0; k < n; k++) {
    ck_assert(e[k] >= 1.0 && e[k] < 30.0);
    if (k > 0)
      ck_assert(e[k] >= e[k - 1]);
    h[(size_t)floor(e[k] - 1.0)] += 1.0;
  }
  for (size_t i = 0; i < NBINS; i++)
    ck_assert_msg(h[i] == b.nobs[i], "bin %zu: %g events listed, N_obs %g", i, h[i], b.nobs[i]);
}
END_TEST

/* B0 per bin = exposure x 0.1 keV x the ten released values of the bin (midpoint rule);
 * zero below the 1-keV threshold; 426.5 expected against 433 observed, well inside the
 * Poisson spread sqrt(433) = 21. */
START_TEST(test_b0_counts)
{
  static binned b;
  static double e[400], r[400];
  size_t n;
  read_binned(&b);
  read_column(B0, 0, e, 400, &n);
  ck_assert_uint_eq(n, 300);
  read_column(B0, 1, r, 400, &n);
  double sum[NBINS] = {0}, total = 0.0;
  for (size_t k = 0; k < n; k++) {
    ck_assert_double_eq_tol(e[k], B0_STEP_KEV * ((double)k + 0.5), 1e-9);
    ck_assert(r[k] >= 0.0);
    if (e[k] < 1.0) {
      ck_assert_double_eq(r[k], 0.0);
      continue;
    }
    sum[(size_t)floor(e[k] - 1.0)] += EXPOSURE_TYR * B0_STEP_KEV * r[k];
  }
  for (size_t i = 0; i < NBINS; i++) {
    ck_assert_rel(b.b0[i], sum[i], 1e-8);
    total += b.b0[i];
  }
  ck_assert_msg(fabs(total - 426.53) < 0.01, "B0 1-30 keV = %g", total);
  ck_assert(fabs(433.0 - total) < sqrt(433.0));
}
END_TEST

/* Efficiency: increasing abscissae in 0.1-30 keV, values in [0, 1], the Fig. 1 shape (7 % at
 * 1 keV, 70 % at 2 keV, a plateau near 80 %), and B0 / efficiency averaged over 1-30 keV is
 * the paper's (15.8 +- 1.3) events/(t yr keV). */
static double interp(const double *x, const double *y, size_t n, double v)
{
  if (v >= x[n - 1])
    return y[n - 1];
  size_t i = 0;
  while (x[i + 1] <= v)
    i++;
  return y[i] + (y[i + 1] - y[i]) * (v - x[i]) / (x[i + 1] - x[i]);
}

START_TEST(test_efficiency)
{
  static double x[1000], y[1000], e[400], r[400];
  size_t n, nb;
  read_column(EFFICIENCY, 0, x, 1000, &n);
  ck_assert_uint_eq(n, 787);
  read_column(EFFICIENCY, 1, y, 1000, &n);
  for (size_t k = 0; k < n; k++) {
    ck_assert(y[k] >= 0.0 && y[k] <= 1.0);
    if (k > 0)
      ck_assert(x[k] > x[k - 1]);
  }
  ck_assert(x[0] >= 0.1 - 1e-12 && x[n - 1] < 30.0);
  ck_assert_double_eq_tol(interp(x, y, n, 1.0), 0.074, 0.002);
  ck_assert_double_eq_tol(interp(x, y, n, 2.0), 0.70, 0.01);
  for (double v = 5.0; v <= 30.0; v += 1.0)
    ck_assert_msg(fabs(interp(x, y, n, v) - 0.81) < 0.015, "eff(%g) = %g", v, interp(x, y, n, v));

  read_column(B0, 0, e, 400, &nb);
  read_column(B0, 1, r, 400, &nb);
  double s = 0.0;
  size_t m = 0;
  for (size_t k = 0; k < nb; k++)
    if (e[k] > 1.0) {
      s += r[k] / interp(x, y, n, e[k]);
      m++;
    }
  ck_assert_uint_eq(m, 290);
  ck_assert_msg(fabs(s / (double)m - 15.8) < 1.3, "B0/eff = %g", s / (double)m);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("xenonnt_data");
  TCase *tc = tcase_create("xenonnt_data");
  tcase_add_test(tc, test_binned_exposure);
  tcase_add_test(tc, test_events_histogram);
  tcase_add_test(tc, test_b0_counts);
  tcase_add_test(tc, test_efficiency);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
