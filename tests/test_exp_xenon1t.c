/* nutmm-xenon1t (examples/xenon1t.c): XENON1T SR1 electron recoils and the sterile dipole
 * portal, paper Sec. 3.1 and eq. (23).  Checks, each against an independent number:
 *   - the SM solar nu-e count on Xe with the release's efficiency and the resolution, built
 *     here from library calls, against SNuDD (peers/README.md section 2);
 *   - the magnetic-moment band at m4 -> 0 (flavour-universal moment) against XENON1T's own
 *     90 % C.L. interval mu in (1.4, 2.9) x 10^-11 mu_B (arXiv:2006.09721);
 *   - the `limit` band against a brute-force chi^2 (the program's `chi2`), its closing towards
 *     large m4 and the kinematic reach of the solar flux;
 *   - linearity relations of the signal (flavours, mass states, interference);
 *   - the set-up numbers on the command line (--set: defaults, exposure, pulls, resolution);
 *   - bad options and malformed data files. */
#define _POSIX_C_SOURCE 200809L /* popen, setenv, mkdtemp */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exptest.h"
#include "nutmm/nutmm.h"
#include "presets.h"

#ifndef NUTMM_EXE_XENON1T
#error "NUTMM_EXE_XENON1T (path of nutmm-xenon1t) is set by tests/meson.build"
#endif
#define EXE NUTMM_EXE_XENON1T

#define EFF_FILE "experiments/xenon1t/xenon1t_efficiency.txt"
#define DATA_FILE "experiments/xenon1t/xenon1t_er_sr1_binned.txt"

static exptest_tsv *tsv_new(void)
{
  exptest_tsv *t = malloc(sizeof *t); /* ~1 MB: not on the stack */
  ck_assert_ptr_nonnull(t);
  return t;
}

/* chi^2 of the program at (m4, mu) with extra options. */
static double chi2_at(double m4, double mu, const char *extra)
{
  char args[512];
  snprintf(args, sizeof args, "chi2 --m4 %.10g --mu %.10g %s", m4, mu, extra);
  double c = exptest_quantity(EXE, args, "chi2");
  ck_assert_msg(isfinite(c), "no chi2 from %s", args);
  return c;
}

/* Minimum of chi2(mu) at fixed m4 by golden-section search on [lo, hi] (unimodal there). */
static double chi2_min_mu(double m4, const char *extra, double lo, double hi, double *mu_best)
{
  const double g = 0.5 * (sqrt(5.0) - 1.0);
  double c = hi - g * (hi - lo), d = lo + g * (hi - lo);
  double fc = chi2_at(m4, c, extra), fd = chi2_at(m4, d, extra);
  for (int it = 0; it < 32; it++) {
    if (fc < fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - g * (hi - lo);
      fc = chi2_at(m4, c, extra);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + g * (hi - lo);
      fd = chi2_at(m4, d, extra);
    }
  }
  *mu_best = 0.5 * (lo + hi);
  return chi2_at(m4, *mu_best, extra);
}

/* mu in [a, b] where chi2(mu) = level, by bisection (chi2 - level changes sign on [a, b]). */
static double chi2_crossing(double m4, const char *extra, double a, double b, double level)
{
  double fa = chi2_at(m4, a, extra) - level, fb = chi2_at(m4, b, extra) - level;
  ck_assert_msg(fa * fb < 0.0, "no crossing of chi2 = %g in [%g, %g]", level, a, b);
  for (int it = 0; it < 30; it++) {
    double m = 0.5 * (a + b), fm = chi2_at(m4, m, extra) - level;
    if ((fm > 0.0) == (fa > 0.0)) {
      a = m;
      fa = fm;
    } else {
      b = m;
    }
  }
  return 0.5 * (a + b);
}

/* Run a command line, capture stdout and stderr into buf; return the exit status. */
static int run_capture(const char *args, char *buf, size_t size)
{
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "'%s' %s 2>&1", EXE, args);
  FILE *p = popen(cmd, "r");
  ck_assert_ptr_nonnull(p);
  size_t n = fread(buf, 1, size - 1, p);
  buf[n] = '\0';
  return pclose(p);
}

/* ---- SM solar nu-e events (library level) ------------------------------------------------ */

/* SNuDD (peers/README.md section 2): solar nu-e on Xe, 0.65 t yr, sin^2 theta_W = 0.23122,
 * GS98 (= our B16-GS98) fluxes, sigma = 0.310 sqrt(E) + 0.0037 E with the efficiency of the
 * release: 53.25 (stepping) and 56.41 (free electrons) reconstructed events in 1-30 keV.
 * Those two numbers are reproduced with the release's DETECTION efficiency (column 1): their
 * ratio to SNuDD's unsmeared counts (56.023, 59.547) is 0.950 / 0.947, as ours with column 1
 * (0.952 / 0.948), whereas the total efficiency (column 3, detection x selection, ~0.90)
 * gives 0.87.  So the peers' "XENON1T efficiency" was the detection part, and we compare with
 * column 1.  Remaining differences, as for the unsmeared counts (tests/test_rate.c): their
 * 131Xe molar mass (130.905 vs 131.293 g/mol, -0.3 %) and day-time MSW P_ee vs our adiabatic
 * production-density P_ee (~1 %); we land 1.0-1.1 % low: tolerance 2 %.
 * The total efficiency (what nutmm-xenon1t uses) is then checked through the selection
 * efficiency: total = detection x selection point by point in the release, so the count ratio
 * is a weighted mean of the selection efficiency over 1-30 keV, within [0.9035, 0.9173]. */
START_TEST(test_sm_solar_counts_vs_snudd)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("Xe", &tg), NUTMM_SUCCESS);
  nutmm_solar_options so;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&so), NUTMM_SUCCESS);
  so.mode = NUTMM_SOLAR_FLAVOR;
  nutmm_flux *sun;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&so, &sun), NUTMM_SUCCESS);
  const double ref[2] = {56.41, 53.25}; /* free, stepping */
  double count[2][2];                   /* [efficiency column 1 or 3][stepping] */
  for (int e = 0; e < 2; e++) {
    nutmm_detector *det;
    ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
    ck_assert_int_eq(preset_resolution_xenon1t(det), NUTMM_SUCCESS);
    ck_assert_msg(nutmm_detector_set_efficiency_data(det, NUTMM_EFF_OBSERVABLE, EFF_FILE, 0,
                                                     e == 0 ? 1 : 3, NUTMM_KEV,
                                                     NUTMM_EFF_OUTSIDE_CLAMP) == NUTMM_SUCCESS,
                  "%s", nutmm_error_reason());
    ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 1 * NUTMM_KEV, 30 * NUTMM_KEV, 29),
                     NUTMM_SUCCESS);
    nutmm_rate_options o;
    nutmm_rate_options_default(&o);
    o.channel = NUTMM_CHANNEL_ELECTRON;
    o.exposure = 0.65 * NUTMM_TONNE * NUTMM_YEAR;
    o.xsec.sin2w = 0.23122;
    for (int st = 0; st <= 1; st++) {
      o.stepping = st;
      nutmm_rate *r;
      ck_assert_msg(nutmm_rate_alloc(tg, sun, det, &o, &r) == NUTMM_SUCCESS, "%s",
                    nutmm_error_reason());
      double c[29], tot = 0.0;
      ck_assert_int_eq(nutmm_rate_sm(r, NULL, c), NUTMM_SUCCESS);
      for (int i = 0; i < 29; i++)
        tot += c[i];
      count[e][st] = tot;
      nutmm_rate_free(r);
    }
    nutmm_detector_free(det);
  }
  ck_assert_rel(count[0][0], ref[0], 0.02);
  ck_assert_rel(count[0][1], ref[1], 0.02);
  /* the stepping suppression S(T) of eq. (16), a ratio from which the molar mass and the flux
   * normalisation cancel: SNuDD 0.94398, here 0.94395 */
  ck_assert_rel(count[0][1] / count[0][0], ref[1] / ref[0], 0.002);
  for (int st = 0; st <= 1; st++) {
    double ratio = count[1][st] / count[0][st];
    ck_assert_msg(ratio > 0.9035 && ratio < 0.9173, "total/detection = %g", ratio);
  }
  nutmm_flux_free(sun);
  nutmm_target_free(tg);
}
END_TEST

/* ---- calibration against XENON1T's magnetic-moment interval ----------------------------- */

/* XENON1T (arXiv:2006.09721): mu_nu in (1.4, 2.9) x 10^-11 mu_B at 90 % C.L. for a
 * flavour-universal magnetic moment (one parameter).  Our counterpart: m4 = 1e-4 MeV (the
 * massless limit; the m4 terms are O(m4^2/(m_e T)) < 2e-5 here), --flavor all, and the
 * one-parameter interval chi2(mu) - min_mu chi2 <= 2.7055 at this fixed m4.  (The program's
 * `limit` band uses 4.61 from the global minimum over (m4, mu), the convention for the
 * two-parameter region of Fig. 3; at a single m4 it is wider, (0.67, 2.79) x 10^-11, and is
 * checked below against the brute-force chi^2.)
 * Found: (1.44, 2.92) x 10^-11 with eq. (23) in the Boehm et al. form (the 3 % efficiency
 * pull scales signal and B0): +3 % and +1 % from XENON1T.  Tolerance 10 %: XENON1T fit an
 * unbinned likelihood over 1-210 keV with its own B0 components and constraints, here the
 * binned 1-30 keV eq. (23); the lower edge is the sensitive one (how far B0 may drop: with
 * the efficiency pull on the signal only it moves to 1.14, -19 %, which this test rejects). */
START_TEST(test_calibration_xenon1t_magnetic_moment)
{
  const char *extra = "--flavor all";
  const double m4 = 1e-4;
  double mu_best;
  double cmin = chi2_min_mu(m4, extra, 0.5e-11, 5e-11, &mu_best);
  /* a clear preference for mu > 0 (XENON1T: 3.2 sigma for their unbinned fit) */
  double c0 = chi2_at(m4, 0.0, extra);
  ck_assert_msg(c0 - cmin > 4.0, "chi2(0) - chi2_min = %g", c0 - cmin);
  double lo = chi2_crossing(m4, extra, 1e-13, mu_best, cmin + NUTMM_DCHI2_90CL_1DOF);
  double hi = chi2_crossing(m4, extra, mu_best, 1e-10, cmin + NUTMM_DCHI2_90CL_1DOF);
  ck_assert_rel(lo, 1.4e-11, 0.10);
  ck_assert_rel(hi, 2.9e-11, 0.10);
  ck_assert_msg(lo < mu_best && mu_best < hi, "best fit %g outside (%g, %g)", mu_best, lo, hi);

  /* The harness's band at one m4 point (global minimum = own minimum) is the 4.61 interval
   * of the same chi^2: brute force and `limit` agree (the printed %.6g edges limit this). */
  double lo2 = chi2_crossing(m4, extra, 1e-13, mu_best, cmin + NUTMM_DCHI2_90CL_2DOF);
  double hi2 = chi2_crossing(m4, extra, mu_best, 1e-10, cmin + NUTMM_DCHI2_90CL_2DOF);
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "limit --flavor all --m4-min 1e-4 --m4-max 2e-4 --points 1", t),
                   0);
  ck_assert_uint_eq(t->nrows, 1);
  ck_assert_rel(t->v[0][exptest_col(t, "mu_low_muB")], lo2, 1e-4);
  ck_assert_rel(t->v[0][exptest_col(t, "mu_high_muB")], hi2, 1e-4);
  ck_assert_rel(t->v[0][exptest_col(t, "mu_best_muB")], mu_best, 1e-3);
  free(t);
}
END_TEST

/* ---- the allowed band over m4 ----------------------------------------------------------- */

/* nu_e -> nu_4 band (default flavour e) from 1 keV to 5 MeV.  Expected: a band with mu_low > 0
 * at small m4 (the excess), weakening as m4 grows (mu_low rises: fewer solar neutrinos can
 * produce nu_4 and the recoil spectrum is depleted at low T), closing near m4 ~ 0.15 MeV (the
 * paper: "for a sterile neutrino mass up to 150 keV"); no row beyond it, in particular none
 * beyond the kinematic reach of the solar flux (below).  Each reported edge is where the
 * brute-force chi^2 (the program's `chi2`) lies 4.6052 above the global minimum. */
START_TEST(test_band_over_m4)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "limit --m4-min 1e-3 --m4-max 5 --points 15", t), 0);
  size_t n = t->nrows, cm = exptest_col(t, "m4_MeV"), cl = exptest_col(t, "mu_low_muB"),
         ch = exptest_col(t, "mu_high_muB"), cb = exptest_col(t, "mu_best_muB");
  ck_assert_msg(n >= 5 && n < 15, "%zu rows", n);
  double gmin = INFINITY;
  for (size_t r = 0; r < n; r++) {
    double m4 = t->v[r][cm], lo = t->v[r][cl], hi = t->v[r][ch], best = t->v[r][cb];
    ck_assert_msg(m4 < 0.2, "a band at m4 = %g MeV", m4);
    ck_assert_msg(lo > 0.0 && lo < best && best < hi, "row %zu: %g %g %g", r, lo, best, hi);
    if (r > 0) /* the band weakens with m4 */
      ck_assert_msg(lo > t->v[r - 1][cl], "row %zu: mu_low %g after %g", r, lo, t->v[r - 1][cl]);
    gmin = fmin(gmin, chi2_at(m4, best, ""));
  }
  /* at small m4 the two-parameter band contains the one-parameter XENON1T interval's best
   * region: its edges bracket the massless best fit found by test_calibration (~2.1e-11) */
  ck_assert(t->v[0][cl] < 2.1e-11 && t->v[0][ch] > 2.1e-11);
  ck_assert_msg(t->v[n - 1][cl] > 1.3 * t->v[0][cl], "not weakening: %g", t->v[n - 1][cl]);
  size_t rows[3] = {0, n / 2, n - 1};
  for (int k = 0; k < 3; k++) {
    size_t r = rows[k];
    double m4 = t->v[r][cm];
    ck_assert_abs(chi2_at(m4, t->v[r][cl], "") - gmin, NUTMM_DCHI2_90CL_2DOF, 1e-3);
    ck_assert_abs(chi2_at(m4, t->v[r][ch], "") - gmin, NUTMM_DCHI2_90CL_2DOF, 1e-3);
  }
  /* where it closes: finer scan (same lower end, so the same global minimum) */
  ck_assert_int_eq(exptest_run(EXE, "limit --m4-min 1e-3 --m4-max 0.2 --points 41", t), 0);
  double last = t->v[t->nrows - 1][exptest_col(t, "m4_MeV")];
  ck_assert_msg(last > 0.13 && last < 0.17, "band closes at m4 = %g MeV", last);
  free(t);
}
END_TEST

/* Kinematic reach: a nu_4 of mass m4 needs E >= E_min(T) = (m4^2 + 2 m_e T)/(2 [sqrt(T^2 +
 * 2 m_e T) - T]) (physics manual phys-kin-emin); with the solar end point ~18.8 MeV (hep) and true recoils up
 * to ~40 keV (30 keV + 6 sigma) that is m4 < ~2.7 MeV.  Above it the dipole spectrum is
 * exactly zero; at 1 MeV the 8B/hep tail still gives events. */
START_TEST(test_kinematic_reach)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "spectrum --m4 3 --mu 1e-9", t), 0);
  size_t cd = exptest_col(t, "dipole");
  ck_assert_uint_eq(t->nrows, 29);
  for (size_t r = 0; r < t->nrows; r++)
    ck_assert_msg(t->v[r][cd] == 0.0, "bin %zu: %g", r, t->v[r][cd]);
  ck_assert_int_eq(exptest_run(EXE, "spectrum --m4 1 --mu 1e-9", t), 0);
  double sum = 0.0;
  for (size_t r = 0; r < t->nrows; r++)
    sum += t->v[r][cd];
  ck_assert_msg(sum > 0.0, "no events at m4 = 1 MeV");
  free(t);
}
END_TEST

/* ---- the spectrum and the signal's linearity --------------------------------------------- */

static void spectrum_column(const char *args, const char *col, double *out)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, args, t), 0);
  ck_assert_uint_eq(t->nrows, 29);
  size_t c = exptest_col(t, col);
  for (size_t r = 0; r < 29; r++)
    out[r] = t->v[r][c];
  free(t);
}

/* Defaults (Fig. 1: m4 = 10 keV, mu = 3e-11 mu_B, nu_e): the bins and data of the release,
 * total = B0 + dipole (no SM term: it is inside B0), the release's totals (observed 1261,
 * B0 1244.0; 285 observed and 231.6 from B0 in 1-7 keV, paper: 285 and 232). */
START_TEST(test_spectrum_defaults)
{
  exptest_tsv *t = tsv_new();
  ck_assert_int_eq(exptest_run(EXE, "spectrum", t), 0);
  ck_assert_uint_eq(t->nrows, 29);
  size_t clo = exptest_col(t, "E_keV_lo"), chi = exptest_col(t, "E_keV_hi"),
         co = exptest_col(t, "observed"), cb = exptest_col(t, "bkg_B0"), cs = exptest_col(t, "sm"),
         cd = exptest_col(t, "dipole"), ci = exptest_col(t, "interference"),
         ct = exptest_col(t, "total");
  double obs = 0, b0 = 0, obs7 = 0, b07 = 0;
  for (size_t r = 0; r < 29; r++) {
    ck_assert_abs(t->v[r][clo], 1.0 + (double)r, 1e-9);
    ck_assert_abs(t->v[r][chi], 2.0 + (double)r, 1e-9);
    ck_assert_msg(t->v[r][cs] == 0.0 && t->v[r][ci] == 0.0, "bin %zu", r);
    ck_assert_msg(t->v[r][cd] > 0.0, "bin %zu", r);
    ck_assert_rel(t->v[r][ct], t->v[r][cb] + t->v[r][cd], 1e-5);
    obs += t->v[r][co];
    b0 += t->v[r][cb];
    if (r < 6) {
      obs7 += t->v[r][co];
      b07 += t->v[r][cb];
    }
  }
  ck_assert_abs(obs, 1261.0, 1e-9);
  ck_assert_abs(b0, 1244.0, 0.05);
  ck_assert_abs(obs7, 285.0, 1e-9);
  ck_assert_abs(b07, 231.6, 0.05);
  free(t);
}
END_TEST

/* The dipole rate is linear in the flux weights: e + mu + tau = all bin by bin; and the
 * solar moment of eq. (5) with lambda_14 = lambda_24 = lambda_34 = v and no active-sterile
 * mixing is v^2 sum_i P_ei = v^2: the fundamental mode (mass-state flux) equals the
 * flavour-universal effective moment mu = v (both fluxes sum node by node to the production
 * spectrum).  mu and lambda_i4 add incoherently over mass states: (14 and 24) = 14 + 24. */
START_TEST(test_signal_linearity)
{
  double e[29], mu[29], tau[29], all[29], lam[29], l14[29], l24[29], l1424[29];
  spectrum_column("spectrum --m4 0.0237 --mu 2.385e-11 --flavor e", "dipole", e);
  spectrum_column("spectrum --m4 0.0237 --mu 2.385e-11 --flavor mu", "dipole", mu);
  spectrum_column("spectrum --m4 0.0237 --mu 2.385e-11 --flavor tau", "dipole", tau);
  spectrum_column("spectrum --m4 0.0237 --mu 2.385e-11 --flavor all", "dipole", all);
  spectrum_column("spectrum --m4 0.0237 --lambda 14=2.385e-11 --lambda 24=2.385e-11 "
                  "--lambda 34=2.385e-11",
                  "dipole", lam);
  spectrum_column("spectrum --m4 0.0237 --lambda 14=1.7e-11", "dipole", l14);
  spectrum_column("spectrum --m4 0.0237 --lambda 24=3.1e-11,40", "dipole", l24);
  spectrum_column("spectrum --m4 0.0237 --lambda 14=1.7e-11 --lambda 24=3.1e-11,40", "dipole",
                  l1424);
  for (int r = 0; r < 29; r++) {
    ck_assert_rel(e[r] + mu[r] + tau[r], all[r], 2e-5); /* printed to 12 digits */
    ck_assert_rel(lam[r], all[r], 2e-5);
    ck_assert_rel(l14[r] + l24[r], l1424[r], 2e-5);
    /* the solar nu_e fraction at Earth P_ee ~ 0.55 for pp: the e part dominates */
    ck_assert_msg(e[r] > mu[r], "bin %d", r);
  }
}
END_TEST

/* Interference (effective mode, eq. 20): linear in Re W = |U_e4| mu, and linear in m4 for
 * m4 -> 0 (the helicity flip needs the mass; the bracket of eq. (20) is finite there, its m4^2
 * corrections relative to 2 m_e T are < 1e-5 at m4 = 1e-4 MeV); absent by default. */
START_TEST(test_interference)
{
  double i1[29], i2[29], i3[29], i0[29];
  spectrum_column("spectrum --m4 1e-4 --mu 3e-11 --ue4 0.1", "interference", i1);
  spectrum_column("spectrum --m4 1e-4 --mu 3e-11 --ue4 0.2", "interference", i2);
  spectrum_column("spectrum --m4 1e-5 --mu 3e-11 --ue4 0.1", "interference", i3);
  spectrum_column("spectrum --m4 1e-4 --mu 3e-11", "interference", i0);
  for (int r = 0; r < 29; r++) {
    ck_assert_msg(i1[r] != 0.0 && i0[r] == 0.0, "bin %d", r);
    ck_assert_rel(i2[r], 2.0 * i1[r], 2e-5);
    ck_assert_rel(i3[r], 0.1 * i1[r], 2e-4);
  }
}
END_TEST

/* ---- --set NAME=VALUE ---------------------------------------------------------------------- */

/* The defaults written out reproduce the outputs byte for byte; exposure scales the dipole and
 * interference columns only (the data and B0 are the release's); with both pulls fixed
 * (widths 0) the chi^2 of eq. (23) at mu = 0 is sum (N_obs - B0)^2 / N_obs from the printed
 * columns (1e-5: 6 digits), above the profiled one; a resolution of 0 moves events between
 * bins (different spectrum) but keeps the window total within a few per cent. */
START_TEST(test_settings)
{
  const char *all = "--set exposure=0.647309514 --set res_a=0.31 --set res_b=0.0037 "
                    "--set sigma_alpha=0.026 --set sigma_beta=0.03";
  const char *runs[3] = {"spectrum --m4 0.05 --mu 2e-11 --ue4 0.1", "chi2 --m4 0.01 --mu 2e-11",
                         "limit --points 5 --flavor all"};
  static char x[65536], y[65536];
  for (int k = 0; k < 3; k++) {
    char a[768];
    snprintf(a, sizeof a, "%s %s", runs[k], all);
    ck_assert_int_eq(run_capture(runs[k], x, sizeof x), 0);
    ck_assert_int_eq(run_capture(a, y, sizeof y), 0);
    ck_assert_str_eq(x, y);
  }
  double d0[29], d2[29], i0[29], i2[29], o0[29], o2[29], b0[29], b2[29];
  const char *base = "spectrum --m4 0.05 --mu 2e-11 --ue4 0.1";
  char a[512];
  snprintf(a, sizeof a, "%s --set exposure=1.29461903", base);
  spectrum_column(base, "dipole", d0);
  spectrum_column(a, "dipole", d2);
  spectrum_column(base, "interference", i0);
  spectrum_column(a, "interference", i2);
  spectrum_column(base, "observed", o0);
  spectrum_column(a, "observed", o2);
  spectrum_column(base, "bkg_B0", b0);
  spectrum_column(a, "bkg_B0", b2);
  for (int r = 0; r < 29; r++) {
    ck_assert_rel(d2[r], 2.0 * d0[r], 2e-5);
    ck_assert_rel(i2[r], 2.0 * i0[r], 2e-5);
    ck_assert(o2[r] == o0[r] && b2[r] == b0[r]);
  }
  /* pulls fixed */
  double hand = 0.0;
  spectrum_column("spectrum", "observed", o0);
  spectrum_column("spectrum", "bkg_B0", b0);
  for (int r = 0; r < 29; r++)
    hand += (o0[r] - b0[r]) * (o0[r] - b0[r]) / o0[r];
  double fixed = chi2_at(0.01, 0.0, "--set sigma_alpha=0 --set sigma_beta=0");
  ck_assert_rel(fixed, hand, 1e-5);
  ck_assert(fixed > chi2_at(0.01, 0.0, ""));
  /* resolution off: other bin contents, similar total */
  double sharp[29], t0 = 0.0, t1 = 0.0, maxdev = 0.0;
  spectrum_column(base, "dipole", d0);
  spectrum_column("spectrum --m4 0.05 --mu 2e-11 --ue4 0.1 --set res_a=0 --set res_b=0", "dipole",
                  sharp);
  for (int r = 0; r < 29; r++) {
    t0 += d0[r];
    t1 += sharp[r];
    maxdev = fmax(maxdev, fabs(sharp[r] / d0[r] - 1.0));
  }
  ck_assert_msg(maxdev > 1e-3, "resolution has no effect");
  ck_assert_rel(t1, t0, 0.05);
}
END_TEST

/* ---- errors ------------------------------------------------------------------------------- */

START_TEST(test_bad_options)
{
  static const char *const bad[] = {
      "",                                   /* no command */
      "fit",                                /* unknown command */
      "spectrum --flavor nu",               /* not a flavour */
      "chi2 --m4 0.01",                     /* chi2 needs --mu */
      "spectrum --m4 -0.01",                /* negative mass */
      "spectrum --mu nan",                  /* not a number */
      "limit --m4-min 0.1 --m4-max 0.01",   /* empty scan */
      "limit --points 0",                   /* no points */
      "spectrum --target Xe",               /* no --target for this experiment */
      "spectrum --config sr2",              /* no --config either */
      "spectrum --ue4 1.5",                 /* |U| > 1 */
      "limit --lambda 14=1e-11",            /* fundamental-mode limit needs --param */
      "spectrum --lambda 14=1e-11 --th14 5", /* interference for mass states: not implemented */
      "spectrum --set bogus=1",             /* unknown setting */
      "spectrum --set exposure=0",          /* settings out of their domains */
      "spectrum --set exposure=-0.65",
      "spectrum --set exposure=nan",
      "spectrum --set res_a=-0.31",
      "spectrum --set res_b=-1e-3",
      "spectrum --set sigma_alpha=-0.026",
      "spectrum --set sigma_beta",
  };
  char buf[4096];
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
    ck_assert_msg(run_capture(bad[k], buf, sizeof buf) != 0, "'%s' accepted", bad[k]);
  ck_assert_int_ne(run_capture("spectrum --lambda 14=1e-11 --th14 5", buf, sizeof buf), 0);
  ck_assert_ptr_nonnull(strstr(buf, "--no-interference"));
  ck_assert_int_eq(run_capture("spectrum --lambda 14=1e-11 --th14 5 --no-interference", buf,
                               sizeof buf),
                   0);
  ck_assert_int_eq(run_capture("--help", buf, sizeof buf), 0);
  ck_assert_ptr_nonnull(strstr(buf, "sum_i P_ei |U_ai|^2"));
}
END_TEST

/* A copy of the binned release with one line altered, in a temporary data directory that
 * replaces the project's (NUTMM_DATADIR, a full copy of data/: it is the only place searched). */
static void corrupt_copy(const char *src, const char *dir, int row, const char *from,
                         const char *to)
{
  char path[1200];
  snprintf(path, sizeof path, "%s/experiments", dir);
  ck_assert(mkdir(path, 0700) == 0 || errno == EEXIST);
  snprintf(path, sizeof path, "%s/experiments/xenon1t", dir);
  ck_assert(mkdir(path, 0700) == 0 || errno == EEXIST);
  snprintf(path, sizeof path, "%s/%s", dir, DATA_FILE);
  FILE *in = fopen(src, "r"), *out = fopen(path, "w");
  ck_assert_ptr_nonnull(in);
  ck_assert_ptr_nonnull(out);
  char line[1024];
  int data_row = 0;
  while (fgets(line, sizeof line, in)) {
    if (line[0] != '#' && data_row++ == row) {
      char *p = strstr(line, from);
      ck_assert_ptr_nonnull(p);
      char fixed[1024];
      snprintf(fixed, sizeof fixed, "%.*s%s%s", (int)(p - line), line, to, p + strlen(from));
      fputs(fixed, out);
    } else {
      fputs(line, out);
    }
  }
  fclose(in);
  fclose(out);
}

START_TEST(test_malformed_data)
{
  char dir[] = "/tmp/nutmm_xe_XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char src[1024], buf[4096];
  ck_assert_int_eq(nutmm_data_path(DATA_FILE, src, sizeof src), NUTMM_SUCCESS); /* the original */
  exptest_copy_data(dir); /* $NUTMM_DATADIR is the only place searched: a full copy */
  char *old = getenv(NUTMM_DATADIR_ENV) ? strdup(getenv(NUTMM_DATADIR_ENV)) : NULL;
  ck_assert_int_eq(setenv(NUTMM_DATADIR_ENV, dir, 1), 0);
  /* N_obs of the first bin no longer (rate/err)^2 */
  corrupt_copy(src, dir, 0, " 26 ", " 27 ");
  ck_assert_int_ne(run_capture("spectrum", buf, sizeof buf), 0);
  ck_assert_ptr_nonnull(strstr(buf, "xenon1t_er_sr1_binned.txt:24:"));
  /* a gap between bins 2 and 3 */
  corrupt_copy(src, dir, 2, "  3.0   4.0", "  3.1   4.0");
  ck_assert_int_ne(run_capture("spectrum", buf, sizeof buf), 0);
  ck_assert_ptr_nonnull(strstr(buf, "contiguous"));
  /* a truncated row */
  corrupt_copy(src, dir, 5, "   47   6.8557  42.96532578    66.37524 7.29168481e+00", "");
  ck_assert_int_ne(run_capture("limit --points 2", buf, sizeof buf), 0);
  /* a non-numeric value */
  corrupt_copy(src, dir, 7, "41", "4l");
  ck_assert_int_ne(run_capture("chi2 --m4 0.01 --mu 2e-11", buf, sizeof buf), 0);
  ck_assert_ptr_nonnull(strstr(buf, "'4l'"));
  exptest_remove_tree(dir);
  if (old) {
    setenv(NUTMM_DATADIR_ENV, old, 1);
    free(old);
  } else {
    unsetenv(NUTMM_DATADIR_ENV);
  }
}
END_TEST

int main(void)
{
  Suite *s = suite_create("exp_xenon1t");
  TCase *tc = tcase_create("xenon1t");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_sm_solar_counts_vs_snudd);
  tcase_add_test(tc, test_calibration_xenon1t_magnetic_moment);
  tcase_add_test(tc, test_band_over_m4);
  tcase_add_test(tc, test_kinematic_reach);
  tcase_add_test(tc, test_spectrum_defaults);
  tcase_add_test(tc, test_signal_linearity);
  tcase_add_test(tc, test_interference);
  tcase_add_test(tc, test_settings);
  tcase_add_test(tc, test_bad_options);
  tcase_add_test(tc, test_malformed_data);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
