/* nutmm-xenonnt (examples/experiments/xenonnt.c): XENONnT SR0 electron recoils
 * (arXiv:2207.11330) and the sterile dipole portal.  Checks:
 *   - the release as the program reads it (433 events, B0 = 426.53 over 1-30 keV);
 *   - calibration: the flavour-universal magnetic-moment limit at m4 -> 0 against XENONnT's
 *     published 90 % C.L. value, with the collaboration's (one-sided) convention;
 *   - the `limit` output against the program's own chi^2 (brute force);
 *   - the physics statements of issue 15: no excess (upper limits, no band); below the lower
 *     edge of the XENON1T nu_e band at small m4; the same kinematic reach as XENON1T;
 *   - the unbinned likelihood on the event list against an independent implementation;
 *   - linearity of the signal in the flavour shares and in the mass-state TMMs (eq. (5)), and
 *     in the exposure. */
#define _POSIX_C_SOURCE 200809L /* popen */
#include <string.h>

#include "exptest.h"
#include "nutmm/nutmm.h"

#ifndef NUTMM_EXE_XENONNT
#error "NUTMM_EXE_XENONNT (path of nutmm-xenonnt) is set by tests/meson.build"
#endif
#ifndef NUTMM_EXE_XENON1T
#error "NUTMM_EXE_XENON1T (path of nutmm-xenon1t) is set by tests/meson.build"
#endif
#define EXE NUTMM_EXE_XENONNT

static exptest_tsv *tsv_new(void)
{
  exptest_tsv *t = malloc(sizeof *t); /* ~1 MB: not on the stack */
  ck_assert_ptr_nonnull(t);
  return t;
}

static double chi2_at(double m4, double mu, const char *extra)
{
  char args[512];
  snprintf(args, sizeof args, "chi2 --m4 %.10g --mu %.10g %s", m4, mu, extra);
  double c = exptest_quantity(EXE, args, "chi2");
  ck_assert_msg(isfinite(c), "no chi2 from %s", args);
  return c;
}

/* Sum of a spectrum column of `exe args` (29 bins). */
static double column_sum(const char *exe, const char *args, const char *col)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(exe, args, t), 0);
  ck_assert_uint_eq(t->nrows, 29);
  size_t c = exptest_col(t, col);
  double s = 0.0;
  for (size_t r = 0; r < t->nrows; r++)
    s += t->v[r][c];
  free(t);
  return s;
}

/* One limit at one m4 (single-point scan). */
static double limit_at(const char *exe, double m4, const char *extra, const char *col)
{
  char args[512];
  snprintf(args, sizeof args, "limit --m4-min %.10g --m4-max %.10g --points 1 %s", m4, m4, extra);
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(exe, args, t), 0);
  ck_assert_uint_eq(t->nrows, 1);
  double v = t->v[0][exptest_col(t, col)];
  free(t);
  return v;
}

/* ---- the release --------------------------------------------------------------------------- */

/* The 29 bins of 1 keV, 1-30 keV: 433 events (the release's readme), B0 = 426.53 events for
 * 1.16 t yr (data/experiments/xenonnt_sr0/README.md), total = B0 + dipole (the SM solar nu-e
 * rate is inside B0: the sm column is zero). */
START_TEST(test_release)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "spectrum", t), 0);
  ck_assert_uint_eq(t->nrows, 29);
  size_t clo = exptest_col(t, "E_keV_lo"), chi = exptest_col(t, "E_keV_hi"),
         co = exptest_col(t, "observed"), cb = exptest_col(t, "bkg_B0"), cs = exptest_col(t, "sm"),
         cd = exptest_col(t, "dipole"), ct = exptest_col(t, "total");
  double nobs = 0.0, b0 = 0.0;
  for (size_t r = 0; r < 29; r++) {
    ck_assert_double_eq_tol(t->v[r][clo], 1.0 + (double)r, 1e-12);
    ck_assert_double_eq_tol(t->v[r][chi], 2.0 + (double)r, 1e-12);
    ck_assert_double_eq(t->v[r][cs], 0.0);
    ck_assert_msg(t->v[r][cd] > 0.0, "bin %zu: no dipole events", r);
    ck_assert_rel(t->v[r][ct], t->v[r][cb] + t->v[r][cd], 1e-9);
    nobs += t->v[r][co];
    b0 += t->v[r][cb];
  }
  ck_assert_double_eq(nobs, 433.0);
  ck_assert_rel(b0, 426.53, 1e-4);
  free(t);
}
END_TEST

/* ---- calibration ------------------------------------------------------------------------- */

/* XENONnT's limit on a flavour-universal ("flavour-independent effective") neutrino magnetic
 * moment from these data: mu_nu < 6.3 x 10^-12 mu_B at 90 % C.L. (arXiv:2207.11330; the value
 * of issue 15's brief: the paper's body could not be read to confirm it, only "few x 10^-12"
 * from arXiv:2208.06415 and "below LZ's 1.1 x 10^-11" from arXiv:2207.05036; README.md).
 * Our counterpart: m4 = 1e-4 MeV (the massless limit, as for XENON1T), --flavor all, and the
 * collaboration's convention taken as a one-sided 90 % upper limit of the profile likelihood,
 * Delta(-2 ln lambda) = 1.6424 (--one-sided; ASSUMED, their test-statistic construction was
 * not found).
 * Found: 6.08 x 10^-12, -3.5 %.  Tolerance 10 %: it fails for the two-sided convention
 * (Delta = 2.71: 7.46 x 10^-12, +18 %, checked below) and for a Neyman chi^2 with sigma^2 =
 * N_obs (-19 %, tests/proto_xenonnt_limit.c).  The remaining difference: XENONnT fit an
 * unbinned likelihood (ours, --config unbinned, gives 5.80 x 10^-12, 4.6 % lower: it sees
 * that the signal is largest against B0 at 1-2 keV, where the lowest event is at 1.70 keV;
 * tested below) with each background component floating under its own constraint
 * (more freedom at low energy, which weakens the limit), and possibly a Neyman construction
 * with toys instead of the asymptotic threshold; the detector inputs we assume matter less
 * (resolution +0.25 %, pull widths < 1.2 %, README.md). */
START_TEST(test_calibration_xenonnt_magnetic_moment)
{
  const double m4 = 1e-4, published = 6.3e-12;
  double up = limit_at(EXE, m4, "--flavor all --one-sided", "mu_90CL_muB");
  ck_assert_rel(up, published, 0.10);
  /* brute force: the best fit is at mu = 0 (no excess) and the limit is where the program's
   * chi^2 has risen by 1.6424 from there */
  double c0 = chi2_at(m4, 0.0, "--flavor all");
  ck_assert_abs(chi2_at(m4, up, "--flavor all") - c0, NUTMM_DCHI2_90CL_ONE_SIDED, 1e-4);
  /* the convention matters more than the tolerance: the two-sided 90 % limit is outside it */
  double up2 = limit_at(EXE, m4, "--flavor all", "mu_90CL_muB");
  ck_assert_abs(chi2_at(m4, up2, "--flavor all") - c0, NUTMM_DCHI2_90CL_1DOF, 1e-4);
  ck_assert_msg(up2 > 1.10 * published, "two-sided limit %g within 10 %% too", up2);
}
END_TEST

/* --config unbinned: the extended unbinned likelihood on the 433 events (densities piecewise
 * constant on the 0.1-keV cells of the released B0, which makes it the Poisson likelihood on
 * the 290 cells).  Against the prototype's independent implementation of the same likelihood
 * (tests/proto_xenonnt_limit.c, its own -2 ln L_ext summed over the events and its own
 * simplex profiling; data/experiments/xenonnt_sr0/README.md): 5.80 x 10^-12 (Delta = 1.64) and
 * 7.17 x 10^-12 (Delta = 2.71), to the 3 digits quoted.  It is 4.6 % below the binned limit, and
 * also within the calibration's 10 % of 6.3 x 10^-12 (-7.9 %). */
START_TEST(test_unbinned_likelihood)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "spectrum --config unbinned", t), 0);
  ck_assert_uint_eq(t->nrows, 290);
  double nobs = 0.0, b0 = 0.0;
  for (size_t r = 0; r < t->nrows; r++) {
    nobs += t->v[r][exptest_col(t, "observed")];
    b0 += t->v[r][exptest_col(t, "bkg_B0")];
  }
  ck_assert_double_eq(nobs, 433.0);
  ck_assert_rel(b0, 426.53, 1e-4); /* the binned file's B0 is the sum over these cells */
  free(t);
  const double m4 = 1e-4;
  double u1 = limit_at(EXE, m4, "--flavor all --one-sided --config unbinned", "mu_90CL_muB");
  double u2 = limit_at(EXE, m4, "--flavor all --config unbinned", "mu_90CL_muB");
  ck_assert_rel(u1, 5.80e-12, 0.001);
  ck_assert_rel(u2, 7.17e-12, 0.001);
  double b1 = limit_at(EXE, m4, "--flavor all --one-sided", "mu_90CL_muB");
  ck_assert_rel(u1 / b1, 1.0 - 0.046, 0.01);
  ck_assert_rel(u1, 6.3e-12, 0.10);
}
END_TEST

/* ---- physics statements -------------------------------------------------------------------- */

/* Minimum of chi2(mu) at fixed m4 over [0, hi] by golden-section search (unimodal there). */
static double chi2_min_mu(double m4, double hi, double *mu_best)
{
  const double g = 0.5 * (sqrt(5.0) - 1.0);
  double lo = 0.0, c = hi - g * hi, d = g * hi;
  double fc = chi2_at(m4, c, ""), fd = chi2_at(m4, d, "");
  for (int it = 0; it < 40; it++) {
    if (fc < fd) {
      hi = d, d = c, fd = fc, c = hi - g * (hi - lo), fc = chi2_at(m4, c, "");
    } else {
      lo = c, c = d, fc = fd, d = lo + g * (hi - lo), fd = chi2_at(m4, d, "");
    }
  }
  const double f0 = chi2_at(m4, 0.0, ""), fm = fmin(fc, fd);
  *mu_best = f0 <= fm ? 0.0 : fc < fd ? c : d;
  return fmin(f0, fm);
}

/* No excess: XENONnT's data prefer no dipole.  Up to m4 = 0.2 MeV the best fit is mu = 0
 * (chi^2 rises from there); at larger m4, where the signal moves to higher recoils, small
 * upward fluctuations of the data above B0 there allow a best fit mu > 0 that is not
 * significant (found: chi^2(0) - chi^2_min <= 0.4, below one sigma), so `limit` gives upper
 * limits everywhere: one limit column, no band, the limit 2.7055 above each m4's own minimum
 * (brute force). */
START_TEST(test_no_excess_upper_limits)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "limit --m4-min 1e-3 --m4-max 1 --points 7", t), 0);
  ck_assert_uint_eq(t->ncols, 3);
  exptest_col(t, "mu_90CL_muB");
  ck_assert_uint_eq(t->nrows, 7);
  for (size_t r = 0; r < t->nrows; r++) {
    const double m4 = t->v[r][0], up = t->v[r][1];
    const double c0 = chi2_at(m4, 0.0, "");
    double best, cmin = chi2_min_mu(m4, up, &best);
    ck_assert_msg(c0 - cmin < 1.0, "m4 = %g: chi2(0) - min = %g at mu = %g", m4, c0 - cmin, best);
    if (m4 <= 0.2) {
      ck_assert_msg(best == 0.0, "m4 = %g: best fit %g", m4, best);
      double prev = c0;
      for (int k = 1; k <= 4; k++) {
        double c = chi2_at(m4, 0.25 * k * up, "");
        ck_assert_msg(c > prev, "m4 = %g: chi2 falls to %g at %g of the limit", m4, c, 0.25 * k);
        prev = c;
      }
    }
    ck_assert_abs(chi2_at(m4, up, "") - cmin, NUTMM_DCHI2_90CL_1DOF, 1e-4);
  }
  free(t);
}
END_TEST

/* XENONnT rules out the XENON1T excess: at small m4 its nu_e upper limit lies below the lower
 * edge of XENON1T's nu_e allowed band (both programs' defaults, same m4 points). */
START_TEST(test_below_xenon1t_band)
{
  const char *args = "limit --m4-min 1e-3 --m4-max 0.05 --points 6";
  exptest_tsv *nt = tsv_new(), *one = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, args, nt), 0);
  ck_assert_int_eq(exptest_run(NUTMM_EXE_XENON1T, args, one), 0);
  ck_assert_uint_eq(nt->nrows, 6);
  ck_assert_uint_eq(one->nrows, 6);
  size_t cu = exptest_col(nt, "mu_90CL_muB"), cl = exptest_col(one, "mu_low_muB");
  for (size_t r = 0; r < 6; r++) {
    ck_assert_double_eq_tol(nt->v[r][0], one->v[r][0], 1e-12 * one->v[r][0]);
    ck_assert_msg(nt->v[r][cu] < one->v[r][cl], "m4 = %g: XENONnT %g, XENON1T band from %g",
                  nt->v[r][0], nt->v[r][cu], one->v[r][cl]);
  }
  /* and by a clear margin at m4 = 1 keV (found: 1.01e-11 against 1.43e-11) */
  ck_assert_msg(nt->v[0][cu] < 0.8 * one->v[0][cl], "%g vs %g", nt->v[0][cu], one->v[0][cl]);
  free(nt);
  free(one);
}
END_TEST

/* The same solar flux on the same Xe electrons, recoil window (1-30 keV) and resolution gives
 * the same kinematic reach: on one grid across it (2.3-2.7 MeV in steps of 0.2 %) XENONnT's
 * limit and XENON1T's one-parameter interval (--own-min, so that no point is `empty`) end at
 * the same m4, and every point beyond is `closed` in both. */
START_TEST(test_same_reach_as_xenon1t)
{
  const char *grid = "limit --m4-min 2.3 --m4-max 2.7 --points 81";
  char args[256];
  exptest_tsv *nt = tsv_new(), *one = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, grid, nt), 0);
  snprintf(args, sizeof args, "%s --own-min", grid);
  ck_assert_int_eq(exptest_run(NUTMM_EXE_XENON1T, args, one), 0);
  ck_assert_msg(nt->nrows > 0 && nt->n_closed > 0, "grid misses the reach: %zu ok, %zu closed",
                nt->nrows, nt->n_closed);
  ck_assert_uint_eq(nt->nrows, one->nrows);
  ck_assert_uint_eq(nt->n_closed, one->n_closed);
  ck_assert_uint_eq(nt->n_notok, nt->n_closed);
  ck_assert_uint_eq(one->n_notok, one->n_closed);
  ck_assert_double_eq(nt->v[nt->nrows - 1][0], one->v[one->nrows - 1][0]);
  ck_assert_double_eq(nt->notok_m4[0], one->notok_m4[0]);
  /* the reach lies between the last ok and the first closed point, near 2.5 MeV */
  ck_assert_msg(nt->notok_m4[0] > 2.4 && nt->notok_m4[0] < 2.6, "closed from %g MeV",
                nt->notok_m4[0]);
  free(nt);
  free(one);
}
END_TEST

/* ---- the signal -------------------------------------------------------------------------- */

/* The dipole signal is linear in the flavour shares sum_i P_ei |U_ai|^2 (they sum to 1 over
 * a = e, mu, tau: "all"), and in the mass-state TMMs of eq. (5) (sum_i P_ei = 1: one
 * |lambda_i4| at a time sums to the universal moment); it scales with the exposure. */
START_TEST(test_signal_linearity)
{
  const char *base = "spectrum --m4 0.001 --mu 1e-11";
  char args[256];
  double sum = 0.0, all;
  const char *fl[] = {"e", "mu", "tau"};
  for (int k = 0; k < 3; k++) {
    snprintf(args, sizeof args, "%s --flavor %s", base, fl[k]);
    sum += column_sum(EXE, args, "dipole");
  }
  snprintf(args, sizeof args, "%s --flavor all", base);
  all = column_sum(EXE, args, "dipole");
  ck_assert_rel(sum, all, 1e-9);
  /* nu_e is the largest share (P_ee ~ 0.55 at pp energies) */
  snprintf(args, sizeof args, "%s --flavor e", base);
  double e = column_sum(EXE, args, "dipole");
  ck_assert_msg(e > 0.4 * all && e < 0.7 * all, "nu_e share %g of %g", e, all);
  double lam = 0.0;
  for (int i = 1; i <= 3; i++) {
    snprintf(args, sizeof args, "spectrum --m4 0.001 --lambda %d4=1e-11", i);
    lam += column_sum(EXE, args, "dipole");
  }
  ck_assert_rel(lam, all, 1e-9);
  snprintf(args, sizeof args, "%s --flavor all --set exposure=2.32", base);
  ck_assert_rel(column_sum(EXE, args, "dipole"), 2.0 * all, 1e-12);
  /* the data and B0 do not change with the signal's exposure */
  ck_assert_rel(column_sum(EXE, args, "bkg_B0"), 426.53, 1e-4);
  /* and in mu^2 */
  ck_assert_rel(column_sum(EXE, "spectrum --m4 0.001 --mu 2e-11 --flavor all", "dipole"),
                4.0 * all, 1e-12);
}
END_TEST

/* Linear interpolation of column `col` against column 0 of a data table at x. */
static double table_interp(const char *path, size_t col, double x)
{
  nutmm_table *t;
  ck_assert_int_eq(nutmm_table_read_data(path, &t), NUTMM_SUCCESS);
  double y = NAN, x0 = 0.0, y0 = 0.0;
  for (size_t r = 0; r < nutmm_table_rows(t); r++) {
    double xr, yr;
    ck_assert_int_eq(nutmm_table_double(t, r, 0, &xr), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_table_double(t, r, col, &yr), NUTMM_SUCCESS);
    if (r > 0 && x0 <= x && x <= xr) {
      y = y0 + (yr - y0) * (x - x0) / (xr - x0);
      break;
    }
    x0 = xr, y0 = yr;
  }
  nutmm_table_free(t);
  ck_assert_msg(isfinite(y), "%s: %g not inside the table", path, x);
  return y;
}

/* The same signal as XENON1T's up to the detector: where both efficiencies are flat (12-20 keV,
 * variations below 0.2 % over +-3 sigma of the resolution; XENONnT's has a step near 10 keV)
 * the dipole counts per bin scale as exposure x efficiency, 1.16 / 0.647309514 t yr times the
 * ratio of the two released efficiency curves at the bin centre. */
START_TEST(test_signal_against_xenon1t)
{
  const char *args = "spectrum --m4 0.01 --mu 1e-11 --flavor e";
  exptest_tsv *nt = tsv_new(), *one = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, args, nt), 0);
  ck_assert_int_eq(exptest_run(NUTMM_EXE_XENON1T, args, one), 0);
  ck_assert_uint_eq(nt->nrows, 29);
  ck_assert_uint_eq(one->nrows, 29);
  size_t dn = exptest_col(nt, "dipole"), d1 = exptest_col(one, "dipole");
  for (size_t r = 11; r < 19; r++) { /* bins 12-13 ... 19-20 keV */
    const double ec = 0.5 * (nt->v[r][0] + nt->v[r][1]);
    ck_assert_double_eq(nt->v[r][0], one->v[r][0]);
    const double eff_nt = table_interp("experiments/xenonnt_sr0/xenonnt_sr0_efficiency.txt", 1, ec);
    const double eff_1t = table_interp("experiments/xenon1t/xenon1t_efficiency.txt", 3, ec);
    ck_assert_rel(nt->v[r][dn] / one->v[r][d1], (1.16 / 0.647309514) * eff_nt / eff_1t, 0.005);
  }
  free(nt);
  free(one);
}
END_TEST

/* Fundamental mode: the |lambda_14| limit at small m4 is the universal-moment limit scaled by
 * the nu_1 share: the signal of |lambda_14| = x is P_e1-weighted, so at equal chi^2 the limit is
 * larger by sqrt(all / lambda14 signal) when the spectra have the same shape (nearly: P_e1
 * varies little over the pp spectrum that dominates). */
START_TEST(test_fundamental_mode)
{
  double l14 = limit_at(EXE, 1e-3, "--param lambda14", "lambda14_90CL_muB");
  double all = limit_at(EXE, 1e-3, "--flavor all", "mu_90CL_muB");
  double s14 = column_sum(EXE, "spectrum --m4 0.001 --lambda 14=1e-11", "dipole");
  double sall = column_sum(EXE, "spectrum --m4 0.001 --mu 1e-11 --flavor all", "dipole");
  ck_assert_rel(l14, all * sqrt(sall / s14), 0.03);
}
END_TEST

/* Settings and options specific to this program. */
START_TEST(test_settings_and_options)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "spectrum --set sigma_alpha=-1 2>/dev/null", t) != 0, 1);
  ck_assert_int_eq(exptest_run(EXE, "spectrum --set res_a=nan 2>/dev/null", t) != 0, 1);
  ck_assert_int_eq(exptest_run(EXE, "limit --one-sided --delta 2 2>/dev/null", t) != 0, 1);
  /* --one-sided is for upper limits: a band program takes it only with --own-min */
  ck_assert_int_eq(exptest_run(NUTMM_EXE_XENON1T, "limit --one-sided 2>/dev/null", t) != 0, 1);
  ck_assert_int_eq(exptest_run(NUTMM_EXE_XENON1T, "limit --one-sided --own-min --points 2", t), 0);
  ck_assert_uint_eq(t->nrows, 2);
  /* a wider B0 pull weakens the limit (a little: the README's < 1.2 % for sigma_alpha to 1) */
  double up = limit_at(EXE, 1e-3, "", "mu_90CL_muB");
  double wide = limit_at(EXE, 1e-3, "--set sigma_alpha=1", "mu_90CL_muB");
  ck_assert_msg(wide > up && wide < 1.03 * up, "%g vs %g", wide, up);
  free(t);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("exp_xenonnt");
  TCase *tc = tcase_create("exp_xenonnt");
  tcase_set_timeout(tc, 240);
  tcase_add_test(tc, test_release);
  tcase_add_test(tc, test_calibration_xenonnt_magnetic_moment);
  tcase_add_test(tc, test_unbinned_likelihood);
  tcase_add_test(tc, test_no_excess_upper_limits);
  tcase_add_test(tc, test_below_xenon1t_band);
  tcase_add_test(tc, test_same_reach_as_xenon1t);
  tcase_add_test(tc, test_signal_linearity);
  tcase_add_test(tc, test_signal_against_xenon1t);
  tcase_add_test(tc, test_fundamental_mode);
  tcase_add_test(tc, test_settings_and_options);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
