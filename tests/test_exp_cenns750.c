/* nutmm-cenns750 (paper Sec. 4, Asimov eq. 27): the SM count against a hand integration and
 * against CENNS-10's 128 events scaled by exposure, the Asimov chi2 at the limit, the kinematic
 * reach near 50 MeV, the comparison with a CENNS-10-sized detector computed with the library,
 * the set-up numbers on the command line (--set: defaults, physical scalings, the Asimov limit
 * against the library for other pulls and exposures), and bad options. */
#include "exptest.h" /* first: it sets _POSIX_C_SOURCE (popen) */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nutmm/nutmm.h"
#include "presets.h"

#define EXE NUTMM_EXE_CENNS750
#define DCHI2 2.7055434540954146 /* 90 % C.L., one parameter */
/* The program's assumed set-up (examples/cenns750.c header; only 610 kg and 3 yr confirmed). */
#define MASS 610.0
#define POT (3.0 * 1.5e23)
#define RNU 0.09
#define BASELINE (28.4 * NUTMM_METER)
#define TTHR (20.0 * NUTMM_KEV)

static exptest_tsv tsv;

static double column_sum(const exptest_tsv *t, const char *name)
{
  size_t c = exptest_col(t, name);
  double s = 0.0;
  for (size_t i = 0; i < t->nrows; i++)
    s += t->v[i][c];
  return s;
}

/* ---- hand integration: CEvNS (eq. 11, Helm eq. 13) x pi-DAR (physics manual phys-flux-pidar) x response ---- */

static double helm(double q_fm, double R_fm)
{
  const double s = 0.9;
  double R0 = sqrt(5.0 / 3.0 * R_fm * R_fm - 5.0 * s * s), x = q_fm * R0;
  double f = x < 1e-3 ? 1.0 - x * x / 10.0 : 3.0 * (sin(x) / (x * x) - cos(x) / x) / x;
  return f * exp(-q_fm * q_fm * s * s / 2.0);
}

/* sum over Ar isotopes of n_per_kg x int dE phi(E) dsigma/dT (events per kg per MeV) at T */
static double dNdT(const nutmm_target *tg, double eta, double T)
{
  const double mmu = NUTMM_MMU, Ep = (NUTMM_MPI * NUTMM_MPI - mmu * mmu) / (2.0 * NUTMM_MPI);
  double out = 0.0;
  for (size_t k = 0; k < nutmm_target_n_nuclei(tg); k++) {
    const nutmm_nucleus *n = nutmm_target_nucleus(tg, k);
    double M = n->mass, q = sqrt(2.0 * M * T) / (NUTMM_HBARC / NUTMM_FM);
    double F = helm(q, n->r_p / NUTMM_FM);
    double QW = (0.5 - 2.0 * NUTMM_SIN2W_DEFAULT) * n->Z * F - 0.5 * n->N * F;
    double pref = NUTMM_GF * NUTMM_GF * M / NUTMM_PI * QW * QW * NUTMM_HBARC2;
    double Emin = 0.5 * (T + sqrt(T * T + 2.0 * M * T));
    /* prompt line */
    double sum = Ep >= Emin ? eta * (1.0 - M * T / (2.0 * Ep * Ep)) : 0.0;
    /* delayed nu_e + anti-nu_mu, Simpson in E */
    const int nE = 400;
    double Emax = mmu / 2.0, h = (Emax - Emin) / nE, sd = 0.0;
    for (int j = 0; Emin < Emax && j <= nE; j++) {
      double E = Emin + j * h, x = E / mmu;
      double phi = eta * (192.0 / mmu * x * x * (0.5 - x) + 64.0 / mmu * x * x * (0.75 - x));
      double w = (j == 0 || j == nE) ? 1.0 : (j % 2 ? 4.0 : 2.0);
      sd += w * phi * (1.0 - M * T / (2.0 * E * E));
    }
    if (Emin < Emax)
      sum += sd * h / 3.0;
    out += nutmm_target_nuclei_per_kg(tg, k) * pref * sum;
  }
  return out;
}

/* Counts in [e_lo, e_hi] keVee-observable (MeV): T >= 20 keVnr, E_ee = (0.246 + 7.8e-4 T[keV]) T,
 * Gaussian sigma = 0.58 sqrt(E_ee[keV]) keV truncated at 0 (detector.h default). */
static double hand_counts(double eta, double e_lo, double e_hi)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("LAr", &tg), NUTMM_SUCCESS);
  const double Tmax = 2.0 * 52.83 * 52.83 / 37215.0 + 1e-3; /* above every endpoint */
  const int nT = 3000;
  double h = (Tmax - TTHR) / nT, sum = 0.0;
  for (int i = 0; i <= nT; i++) {
    double T = TTHR + i * h, Tk = T / NUTMM_KEV;
    double mu = (0.246 + 7.8e-4 * Tk) * T, sig = 0.58 * sqrt(mu / NUTMM_KEV) * NUTMM_KEV;
    double frac = 0.5 * (erfc((e_lo - mu) / (NUTMM_SQRT2 * sig)) -
                         erfc((e_hi - mu) / (NUTMM_SQRT2 * sig))) /
                  (1.0 - 0.5 * erfc(mu / (NUTMM_SQRT2 * sig)));
    double w = (i == 0 || i == nT) ? 1.0 : (i % 2 ? 4.0 : 2.0);
    sum += w * dNdT(tg, eta, T) * frac;
  }
  nutmm_target_free(tg);
  return sum * h / 3.0 * MASS;
}

/* SM counts: (i) the hand integral over the program's 12 bins (5.232-65.232 keVee) to 2e-4
 * (the dNdT integrand has a kink where the prompt line leaves the E range; Simpson with 3000 T
 * steps resolves it to ~1e-5, found 1e-6; the program prints 6 digits);
 * (ii) CENNS-10's 128 predicted events (release, 24.4 kg, 13.8e22 POT, 27.5 m, r = 0.09) scaled by
 * mass x POT / L^2 = 76.4 gives 9780 for the CENNS-10 acceptance; the sharp 20 keVnr threshold
 * here drops the events CENNS-10 accepts between ~8 and 20 keVnr (50 % acceptance at 14.6 keVnr)
 * and ~5 % smeared below the first bin, so 0.6-1.0 of that is the sensible range (we find 0.82). */
START_TEST(test_sm_total)
{
  ck_assert_int_eq(exptest_run(EXE, "spectrum 2>/dev/null", &tsv), 0);
  ck_assert_uint_eq(tsv.nrows, 12);
  ck_assert_rel(tsv.v[0][0], 5.232, 1e-6); /* keVee image of 20 keVnr */
  ck_assert_rel(tsv.v[11][1], 65.232, 1e-6);
  double sm = column_sum(&tsv, "sm");
  double eta = RNU * POT / (4.0 * NUTMM_PI * BASELINE * BASELINE);
  double ref = hand_counts(eta, tsv.v[0][0] * NUTMM_KEV, tsv.v[11][1] * NUTMM_KEV);
  ck_assert_rel(sm, ref, 2e-4);
  double scale = (MASS / 24.4) * (POT / 13.8e22) * pow(27.5 / 28.4, 2.0);
  ck_assert_rel(scale, 76.4, 1e-3);
  double r = sm / (128.0 * scale);
  ck_assert_msg(r > 0.6 && r < 1.0, "SM %g vs scaled CENNS-10 %g", sm, 128.0 * scale);
  /* eq. (27) (nutmm_chi2_asimov_alloc): Asimov observed = SM, the background (20 % of the SM)
   * only in the variance, so no background column */
  size_t cs = exptest_col(&tsv, "sm"), co = exptest_col(&tsv, "observed");
  ck_assert_uint_eq(tsv.ncols, 6);
  for (size_t i = 0; i < tsv.nrows; i++)
    ck_assert_rel(tsv.v[i][co], tsv.v[i][cs], 1e-12);
  fprintf(stderr, "cenns750: SM %.1f events (hand %.1f, %+.1e; %.2f x scaled CENNS-10)\n", sm, ref,
          sm / ref - 1.0, r);
}
END_TEST

/* Asimov: chi2(0) = 0, so chi2(mu_90) = 2.7055, bracketed by 0.95 and 1.05 mu_90, at three
 * masses (below the prompt line's reach, between it and the Michel reach, and near it). */
START_TEST(test_chi2_brackets_limit)
{
  const double m4s[3] = {0.137, 21.7, 41.3};
  for (int k = 0; k < 3; k++) {
    char args[256];
    snprintf(args, sizeof args, "limit --m4-min %.6g --m4-max %.6g --points 1 2>/dev/null", m4s[k],
             2.0 * m4s[k]);
    ck_assert_int_eq(exptest_run(EXE, args, &tsv), 0);
    ck_assert_uint_eq(tsv.nrows, 1);
    double mu90 = tsv.v[0][1], chi[3];
    const double f[3] = {0.95, 1.0, 1.05};
    for (int j = 0; j < 3; j++) {
      snprintf(args, sizeof args, "chi2 --m4 %.6g --mu %.10g 2>/dev/null", m4s[k], f[j] * mu90);
      chi[j] = exptest_quantity(EXE, args, "chi2");
    }
    snprintf(args, sizeof args, "chi2 --m4 %.6g --mu 0 2>/dev/null", m4s[k]);
    ck_assert_abs(exptest_quantity(EXE, args, "chi2"), 0.0, 1e-12);
    ck_assert_abs(chi[1], DCHI2, 1e-3);
    ck_assert_msg(chi[0] < DCHI2 && chi[2] > DCHI2, "m4 %g: %g %g %g", m4s[k], chi[0], chi[1],
                  chi[2]);
  }
}
END_TEST

/* T_+(E, m4) on a target of mass M (physics manual phys-kin-range), -1 if nu_4 cannot be produced. */
static double t_plus(double E, double m4, double M)
{
  double b = 2.0 * E * E * M - m4 * m4 * (E + M), D = b * b - M * (2.0 * E + M) * pow(m4, 4);
  return (D < 0.0 || E <= m4) ? -1.0 : (b + sqrt(D)) / (2.0 * M * (2.0 * E + M));
}

/* Eq. (27) Asimov limits (mu_B) at masses m4[k] for `kg` of LAr and `pot` protons on target at
 * distance L, with the program's threshold, bins, flavour mu, 20 % background and a signal pull
 * sigma_sys, built here directly from the library. */
static void asimov_limits(double kg, double pot, double L, double sigma_sys, const double *m4,
                          size_t n, double *mu90)
{
  nutmm_pidar_options pp = {.r = RNU, .n_pot = pot, .L = L};
  nutmm_flux *f;
  nutmm_target *tg;
  nutmm_detector *det;
  nutmm_rate *r;
  nutmm_rate_workspace *ws;
  nutmm_chi2 *chi;
  nutmm_rate_options o;
  double edges[13], sm[12], b[12], obs[12], D[12], w[3], wsp[NUTMM_N_SPECIES] = {0};
  double ethr = (0.246 + 7.8e-4 * 20.0) * TTHR;
  for (int i = 0; i <= 12; i++)
    edges[i] = ethr + i * 5.0 * NUTMM_KEV;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&pp, &f), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_target_alloc("LAr", &tg), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_quench_lar(det), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_resolution_lar(det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_threshold(det, NUTMM_EFF_TRUE, TTHR), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins(det, edges, 13), NUTMM_SUCCESS);
  nutmm_rate_options_default(&o);
  o.exposure = kg;
  ck_assert_int_eq(nutmm_rate_alloc(tg, f, det, &o, &r), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_workspace_alloc(r, &ws), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_rate_ncomponents(r), 3);
  wsp[NUTMM_NU_MU] = wsp[NUTMM_NUBAR_MU] = 1.0; /* --flavor mu */
  ck_assert_int_eq(nutmm_rate_weights_species(r, wsp, w), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_sm(r, NULL, sm), NUTMM_SUCCESS);
  for (int i = 0; i < 12; i++) {
    b[i] = 0.2 * sm[i];
    obs[i] = sm[i] + b[i];
  }
  ck_assert_int_eq(nutmm_chi2_alloc(12, 1, 1, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, b), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, sigma_sys, NUTMM_CHI2_SIGNAL, NULL),
                   NUTMM_SUCCESS);
  for (size_t k = 0; k < n; k++) {
    double mu;
    ck_assert_int_eq(nutmm_rate_dipole(r, ws, m4[k], w, D), NUTMM_SUCCESS);
    for (int i = 0; i < 12; i++)
      D[i] *= 1e-20; /* per (1e-10 mu_B)^2 */
    ck_assert_int_eq(nutmm_chi2_set_signal(chi, sm, D, NULL), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_upper_limit(chi, DCHI2, &mu), NUTMM_SUCCESS);
    mu90[k] = mu * 1e-10;
  }
  nutmm_chi2_free(chi);
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
  nutmm_detector_free(det);
  nutmm_target_free(tg);
  nutmm_flux_free(f);
}

/* Reach: some T >= 20 keVnr must be reachable with E <= m_mu/2, i.e. T_+(m_mu/2, m4) >= 20 keV
 * (physics manual phys-kin-range; T_+ grows with E).  On argon T_- < 20 keV < T_+ up to the production threshold
 * itself, so the reach is m4 + m4^2/(2M) = m_mu/2: m4 = 52.79 MeV (40Ar, the heaviest isotope).
 * Near it mu_90 must grow monotonically and steeply, with no row beyond.
 * Farther below, the program's limit is NOT monotonic in m4 (wiggles of < 1 % around 14 MeV and
 * of ~5 % between 29 and 40 MeV): with the 20 % normalisation pull the Asimov limit comes from
 * the spectral SHAPE of the dipole signal relative to the SM, which changes with m4 (the prompt
 * line drops out at ~28 MeV, then the delayed dipole spectrum changes shape), more than from its
 * size.  This is the physics of eq. (27), not numerics: with sigma_sys = 0 (computed here from
 * the library) the limit rises monotonically over 1-52.7 MeV, and with sigma_sys = 0.2 the
 * library computation reproduces the program's numbers. */
START_TEST(test_reach)
{
  nutmm_nucleus ar;
  ck_assert_int_eq(nutmm_nucleus_lookup("Ar40", &ar), NUTMM_SUCCESS);
  double Emax = NUTMM_MMU / 2.0, lo = 40.0, hi = Emax;
  for (int it = 0; it < 100; it++) {
    double mid = 0.5 * (lo + hi);
    if (t_plus(Emax, mid, ar.mass) >= TTHR)
      lo = mid;
    else
      hi = mid;
  }
  double reach = lo;
  ck_assert_abs(reach, 52.79, 0.01);
  ck_assert_int_eq(exptest_run(EXE, "limit --m4-min 42 --m4-max 56 --points 15 2>/dev/null", &tsv),
                   0);
  ck_assert_uint_ge(tsv.nrows, 10);
  exptest_rows_account(&tsv, 15, reach, 1e-3);
  for (size_t i = 0; i < tsv.nrows; i++) {
    ck_assert_msg(tsv.v[i][0] < reach, "row beyond the reach: m4 = %g", tsv.v[i][0]);
    if (i > 0)
      ck_assert_msg(tsv.v[i][1] > tsv.v[i - 1][1], "not monotonic at m4 = %g", tsv.v[i][0]);
  }
  double last = 0.0;
  for (int p = 0; p < 15; p++) {
    double m4 = 42.0 * pow(56.0 / 42.0, p / 14.0);
    if (m4 < reach)
      last = m4;
  }
  ck_assert_rel(tsv.v[tsv.nrows - 1][0], last, 1e-4);
  ck_assert_msg(tsv.v[tsv.nrows - 1][1] > 5.0 * tsv.v[0][1], "no loss near the reach");
  /* the wiggles come from the pull: sigma_sys = 0 is monotonic, 0.2 reproduces the program */
  enum { NM = 24 };
  double m4[NM], mu0[NM], mu2[NM];
  for (int k = 0; k < NM; k++)
    m4[k] = pow(52.7, k / (NM - 1.0));
  asimov_limits(MASS, POT, BASELINE, 0.0, m4, NM, mu0);
  asimov_limits(MASS, POT, BASELINE, 0.2, m4, NM, mu2);
  for (int k = 1; k < NM; k++)
    ck_assert_msg(mu0[k] > mu0[k - 1], "sigma_sys = 0 not monotonic at %g MeV", m4[k]);
  const int check[3] = {3, 16, 20};
  for (int j = 0; j < 3; j++) {
    char args[256];
    int k = check[j];
    snprintf(args, sizeof args, "limit --m4-min %.10g --m4-max 60 --points 1 2>/dev/null", m4[k]);
    ck_assert_int_eq(exptest_run(EXE, args, &tsv), 0);
    ck_assert_rel(tsv.v[0][1], mu2[k], 1e-4);
  }
}
END_TEST

/* The same eq. (27) Asimov limit at m4 -> 0 for a CENNS-10-sized detector (24.4 kg, 13.8e22 POT,
 * 27.5 m: COHERENT-LAr's exposure, same threshold, bins and 20 % rule, from the library):
 * CENNS-750 must be stronger.  The chi2's statistical part scales with the exposure (x76), the
 * 20 % pull does not, so mu improves by at most 76^(1/4) = 2.96 (statistics only); we require
 * at least 1.5. */
START_TEST(test_stronger_than_cenns10)
{
  const double m4 = 1e-3;
  double mu10;
  asimov_limits(24.4, 13.8e22, 27.5 * NUTMM_METER, 0.2, &m4, 1, &mu10);
  ck_assert_int_eq(exptest_run(EXE, "limit --m4-min 0.001 --m4-max 0.002 --points 2 2>/dev/null",
                               &tsv),
                   0);
  double mu750 = tsv.v[0][1];
  fprintf(stderr, "cenns750: mu_90(m4 -> 0) = %.4e mu_B; CENNS-10-sized Asimov %.4e (x%.2f)\n",
          mu750, mu10, mu10 / mu750);
  ck_assert_msg(mu750 * 1.5 < mu10, "CENNS-750 %g not clearly stronger than CENNS-10 %g", mu750,
                mu10);
  ck_assert_msg(mu750 * sqrt(sqrt(76.4)) > 0.99 * mu10, "better than pure statistics allows");
  /* flavours: e couples only the delayed nu_e (fewer events than prompt + delayed mu) */
  ck_assert_int_eq(exptest_run(EXE, "limit --m4-min 0.001 --m4-max 0.002 --points 2 --flavor e "
                                    "2>/dev/null",
                               &tsv),
                   0);
  double mue = tsv.v[0][1];
  ck_assert_int_eq(exptest_run(EXE, "limit --m4-min 0.001 --m4-max 0.002 --points 2 --flavor all "
                                    "2>/dev/null",
                               &tsv),
                   0);
  double mua = tsv.v[0][1];
  ck_assert_msg(mua < mu750 && mu750 < mue, "all %g < mu %g < e %g", mua, mu750, mue);
}
END_TEST

/* ---- --set NAME=VALUE ---------------------------------------------------------------------- */

/* Whole stdout of `EXE args` (exit status 0 required). */
static char *slurp(const char *args)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", EXE, args);
  FILE *p = popen(cmd, "r");
  ck_assert_ptr_nonnull(p);
  size_t cap = 1 << 16, n = 0, got;
  char *buf = malloc(cap);
  ck_assert_ptr_nonnull(buf);
  while ((got = fread(buf + n, 1, cap - 1 - n, p)) > 0) {
    n += got;
    ck_assert_uint_lt(n, cap - 1);
  }
  buf[n] = '\0';
  ck_assert_int_eq(pclose(p), 0);
  return buf;
}

static exptest_tsv *run_new(const char *args)
{
  exptest_tsv *t = malloc(sizeof *t);
  ck_assert_ptr_nonnull(t);
  char a[1024];
  snprintf(a, sizeof a, "%s 2>/dev/null", args);
  ck_assert_msg(exptest_run(EXE, a, t) == 0, "'%s' failed", args);
  return t;
}

/* Two `spectrum` runs with the same bins whose count columns (after the two edges) are in the
 * ratio k.  Tolerance 2e-5: 6 printed digits put up to 1e-5 on a ratio; the scaling itself is
 * exact (the fluence is r N_POT/(4 pi L^2), the exposure the mass). */
static void check_scaled(const char *base, const char *scaled, double k)
{
  exptest_tsv *t0 = run_new(base), *t1 = run_new(scaled);
  ck_assert_uint_eq(t0->nrows, t1->nrows);
  ck_assert_uint_eq(t0->ncols, t1->ncols);
  for (size_t i = 0; i < t0->nrows; i++) {
    ck_assert(t1->v[i][0] == t0->v[i][0] && t1->v[i][1] == t0->v[i][1]);
    for (size_t c = 2; c < t0->ncols; c++)
      ck_assert_msg(fabs(t1->v[i][c] - k * t0->v[i][c]) <= 2e-5 * fabs(k * t0->v[i][c]),
                    "'%s': bin %zu %s %g, expected %g x %g", scaled, i, t0->names[c],
                    t1->v[i][c], k, t0->v[i][c]);
  }
  free(t0);
  free(t1);
}

/* mu_90 (mu_B) of a one-point `limit` at m4 with extra options. */
static double limit_at(double m4, const char *extra)
{
  char args[512];
  snprintf(args, sizeof args, "limit --m4-min %.10g --m4-max %.10g --points 1 %s", m4, 2.0 * m4,
           extra);
  exptest_tsv *t = run_new(args);
  ck_assert_uint_eq(t->nrows, 1);
  double mu = t->v[0][1];
  free(t);
  return mu;
}

/* Every setting at its documented default reproduces the default outputs byte for byte. */
START_TEST(test_settings_defaults)
{
  const char *all = "--set mass=610 --set years=3 --set pot_per_year=1.5e23 --set r=0.09 "
                    "--set baseline=28.4 --set threshold=20 --set nbins=12 --set bin_width=5 "
                    "--set bkg_fraction=0.2 --set sigma_sys=0.2";
  const char *runs[3] = {"spectrum --m4 3.3 --mu 2e-9", "spectrum --flavor e",
                         "limit --points 6 --m4-max 50"};
  for (int k = 0; k < 3; k++) {
    char a[768];
    snprintf(a, sizeof a, "%s %s", runs[k], all);
    char *x = slurp(runs[k]), *y = slurp(a);
    ck_assert_str_eq(x, y);
    free(x);
    free(y);
  }
}
END_TEST

/* Physical scalings through the command line: all counts (SM, background, dipole) ~ 1/L^2,
 * ~ mass, ~ years, ~ r x POT; the threshold moves the first edge to its keVee image; finer
 * bins of the same window sum to the default ones. */
START_TEST(test_settings_scaling)
{
  const char *base = "spectrum --m4 7.7 --mu 3e-9";
  char b[512];
  snprintf(b, sizeof b, "%s --set baseline=56.8", base);
  check_scaled(base, b, 0.25);
  snprintf(b, sizeof b, "%s --set mass=1454.85", base);
  check_scaled(base, b, 2.385);
  snprintf(b, sizeof b, "%s --set years=4.1", base);
  check_scaled(base, b, 4.1 / 3.0);
  snprintf(b, sizeof b, "%s --set r=0.0713 --set pot_per_year=2.2e23", base);
  check_scaled(base, b, (0.0713 * 2.2) / (0.09 * 1.5));
  /* 2.5-keVee bins: pairs sum to the default 5-keVee bins (sums of 6-digit numbers: 2e-5) */
  exptest_tsv *t5 = run_new(base);
  snprintf(b, sizeof b, "%s --set nbins=24 --set bin_width=2.5", base);
  exptest_tsv *t2 = run_new(b);
  ck_assert_uint_eq(t2->nrows, 24);
  size_t csm = exptest_col(t5, "sm"), cd = exptest_col(t5, "dipole");
  for (size_t i = 0; i < 12; i++) {
    ck_assert_rel(t2->v[2 * i][0], t5->v[i][0], 1e-6);
    ck_assert_rel(t2->v[2 * i][csm] + t2->v[2 * i + 1][csm], t5->v[i][csm], 2e-5);
    ck_assert_rel(t2->v[2 * i][cd] + t2->v[2 * i + 1][cd], t5->v[i][cd], 2e-5);
  }
  free(t2);
  /* threshold 30 keVnr: E_ee = (0.246 + 7.8e-4 x 30) x 30 = 8.082 keVee, fewer events */
  snprintf(b, sizeof b, "%s --set threshold=30", base);
  t2 = run_new(b);
  ck_assert_rel(t2->v[0][0], 8.082, 1e-6);
  ck_assert_rel(t2->v[11][1], 68.082, 1e-6);
  ck_assert(column_sum(t2, "sm") < 0.9 * column_sum(t5, "sm"));
  free(t2);
  /* background fraction: in the variance N_SM + B only (eq. 27): the spectrum is unchanged,
   * chi2 falls; without the pull (sigma_sys = 0) exactly by (1 + 0.2)/(1 + 0.5) */
  snprintf(b, sizeof b, "%s --set bkg_fraction=0.5", base);
  t2 = run_new(b);
  for (size_t i = 0; i < 12; i++)
    ck_assert_rel(t2->v[i][csm], t5->v[i][csm], 0.0);
  free(t2);
  double c20 = exptest_quantity(EXE, "chi2 --m4 1 --mu 2e-9 --set sigma_sys=0 2>/dev/null", "chi2"),
         c50 = exptest_quantity(EXE, "chi2 --m4 1 --mu 2e-9 --set sigma_sys=0 "
                                     "--set bkg_fraction=0.5 2>/dev/null", "chi2");
  ck_assert_rel(c50, c20 * 1.2 / 1.5, 1e-8);
  free(t5);
}
END_TEST

/* The limit through the command line:
 *   4x exposure (years = 12) is lower, near 4^(-1/4) (the 20 % pull and the alpha x dipole
 *   term move it by < 1 %: found 0.702 vs 0.707; 5 % accepted); with sigma_sys = 0 the
 *   Asimov chi2 is mu^4 sum D^2/((1+f) N) and the ratio is exactly 4^(-1/4), and a background
 *   fraction f = 0.5 instead of 0.2 weakens it by exactly (1.5/1.2)^(1/4) (interval solver
 *   + print: 1e-4);
 *   another pull (sigma_sys = 0.05) and a CENNS-10-sized set-up (24.4 kg, 13.8e22 POT, 27.5 m)
 *   reproduce the same eq. (27) computed here directly with the library (asimov_limits), 1e-4. */
START_TEST(test_settings_limit)
{
  const double m4 = 4.2;
  double l1 = limit_at(m4, ""), l4 = limit_at(m4, "--set years=12");
  ck_assert_msg(l4 < l1, "4x exposure %g vs %g", l4, l1);
  ck_assert_rel(l4 / l1, pow(4.0, -0.25), 0.05);
  double s1 = limit_at(m4, "--set sigma_sys=0");
  double s4 = limit_at(m4, "--set sigma_sys=0 --set years=12");
  ck_assert_rel(s4 / s1, pow(4.0, -0.25), 1e-4);
  ck_assert(s1 < l1);
  double f5 = limit_at(m4, "--set sigma_sys=0 --set bkg_fraction=0.5");
  ck_assert_rel(f5 / s1, pow(1.5 / 1.2, 0.25), 1e-4);
  const double m4s[2] = {0.731, 27.3};
  double lib[2];
  asimov_limits(MASS, POT, BASELINE, 0.05, m4s, 2, lib);
  for (int k = 0; k < 2; k++)
    ck_assert_rel(limit_at(m4s[k], "--set sigma_sys=0.05"), lib[k], 1e-4);
  asimov_limits(24.4, 13.8e22, 27.5 * NUTMM_METER, 0.2, m4s, 2, lib);
  for (int k = 0; k < 2; k++)
    ck_assert_rel(limit_at(m4s[k], "--set mass=24.4 --set pot_per_year=4.6e22 --set years=3 "
                                   "--set baseline=27.5"),
                  lib[k], 1e-4);
}
END_TEST

/* Bad --set values: unknown names, non-numbers, NaN, values outside each setting's domain and
 * a binning with empty bins (an empty bin has no Asimov variance). */
START_TEST(test_bad_settings)
{
  static const char *const bad[] = {
      "--set bogus=1",       "--set baseline=nan",  "--set baseline=x",   "--set baseline",
      "--set baseline=-28.4", "--set baseline=0",   "--set mass=0",       "--set years=-3",
      "--set r=-0.09",       "--set pot_per_year=0", "--set threshold=-20", "--set nbins=0",
      "--set nbins=2.5",     "--set nbins=5000",    "--set bin_width=0",  "--set nbins=40",
      "--set bkg_fraction=-0.2", "--set sigma_sys=-0.1", "--set sigma_sys=inf",
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    char args[256];
    snprintf(args, sizeof args, "spectrum %s 2>/dev/null", bad[k]);
    ck_assert_msg(exptest_run(EXE, args, &tsv) != 0, "'%s' accepted", bad[k]);
  }
  char *h = slurp("--help");
  ck_assert_ptr_nonnull(strstr(h, "baseline         28.4       m"));
  ck_assert_ptr_nonnull(strstr(h, "pot_per_year     1.5e+23"));
  free(h);
}
END_TEST

START_TEST(test_bad_options)
{
  static const char *const bad[] = {
      "spectrum --flavor tau", "chi2 --mu 1e-9",          "limit --points 0",
      "limit --m4-max -3",     "spectrum --config x",     "spectrum --target Xe",
      "spectrum --mu abc",     "limit --m4-min 5 --m4-max 1",
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    char args[256];
    snprintf(args, sizeof args, "%s 2>/dev/null", bad[k]);
    ck_assert_msg(exptest_run(EXE, args, &tsv) != 0, "'%s' accepted", bad[k]);
  }
}
END_TEST

int main(void)
{
  Suite *s = suite_create("exp_cenns750");
  TCase *tc = tcase_create("cenns750");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_sm_total);
  tcase_add_test(tc, test_chi2_brackets_limit);
  tcase_add_test(tc, test_reach);
  tcase_add_test(tc, test_stronger_than_cenns10);
  tcase_add_test(tc, test_settings_defaults);
  tcase_add_test(tc, test_settings_scaling);
  tcase_add_test(tc, test_settings_limit);
  tcase_add_test(tc, test_bad_settings);
  tcase_add_test(tc, test_bad_options);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
