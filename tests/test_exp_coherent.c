/* nutmm-coherent-csi and nutmm-coherent-lar (paper Sec. 3.2, eqs. (24), (25)): SM predictions
 * against COHERENT's published numbers and an independent integration, the chi^2 of the SM
 * hypothesis against a by-hand profile and the release's own goodness of fit, best-fit
 * nuisances, the limit scan (monotonic up to the pi-DAR reach m_mu/2, nothing beyond), a
 * brute-force chi^2 check of mu_90, flavour additivity, the set-up numbers on the command line
 * (--set: defaults, physical scalings, pull widths in the chi^2), and bad input. */
#include "exptest.h" /* first: it sets _POSIX_C_SOURCE (popen, mkdtemp, setenv) */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nutmm/nutmm.h"

#define CSI NUTMM_EXE_COHERENT_CSI
#define LAR NUTMM_EXE_COHERENT_LAR
#define DCHI2 2.7055434540954146                  /* 90 % C.L., one parameter */
#define E_REACH (0.5 * NUTMM_MMU)                 /* pi-DAR endpoint m_mu/2 = 52.83 MeV */
#define CSI_BINS "experiments/coherent_csi/spectrum_2PE.dat"
#define LAR_BINS "experiments/coherent_lar/analysisA_energy_1d.dat"

static exptest_tsv tsv;

/* Sum of column `name` of `exe args`. */
static double column_sum(const char *exe, const char *args, const char *name)
{
  ck_assert_int_eq(exptest_run(exe, args, &tsv), 0);
  size_t c = exptest_col(&tsv, name);
  double s = 0.0;
  for (size_t r = 0; r < tsv.nrows; r++)
    s += tsv.v[r][c];
  return s;
}

/* Column `col` of the rows of a project data file (optionally only rows whose column `flag`
 * is 1; flag < 0: all rows) into out (at most nmax values); returns the count. */
static size_t data_column(const char *name, int flag, size_t col, double *out, size_t nmax)
{
  nutmm_table *t;
  ck_assert_msg(nutmm_table_read_data(name, &t) == NUTMM_SUCCESS, "%s", nutmm_error_reason());
  size_t n = 0;
  for (size_t r = 0; r < nutmm_table_rows(t); r++) {
    double f = 1.0, v;
    if (flag >= 0)
      ck_assert_int_eq(nutmm_table_double(t, r, (size_t)flag, &f), NUTMM_SUCCESS);
    if (f != 1.0)
      continue;
    ck_assert_int_eq(nutmm_table_double(t, r, col, &v), NUTMM_SUCCESS);
    ck_assert(n < nmax);
    out[n++] = v;
  }
  nutmm_table_free(t);
  return n;
}

/* ---- independent CsI SM total: by-hand quenching inverse, acceptance, Michel fluxes ---- */

/* Konovalov polynomial E_ee(T) (MeV) and its inverse by bisection (monotonic on [0, 0.1]). */
static double csi_eee(double T)
{
  return T * (0.0554628 + T * (4.30681 + T * (-111.707 + T * 840.384)));
}
static double csi_T_of_pe(double pe)
{
  double target = pe / 13.348 * NUTMM_KEV, lo = 0.0, hi = 0.1;
  for (int i = 0; i < 200; i++) {
    double mid = 0.5 * (lo + hi);
    *(csi_eee(mid) < target ? &lo : &hi) = mid;
  }
  return 0.5 * (lo + hi);
}

/* Composite Simpson of f on [a, b] with n (even) intervals. */
typedef double (*fun1)(double, const void *);
static double simpson(fun1 f, const void *p, double a, double b, int n)
{
  double h = (b - a) / n, s = f(a, p) + f(b, p);
  for (int i = 1; i < n; i++)
    s += (i % 2 ? 4.0 : 2.0) * f(a + i * h, p);
  return s * h / 3.0;
}

/* One recoil energy of the by-hand integral: the SM (m4 < 0) or the dipole portal at m4 per
 * unit mu^2 (mu_B), with weights of the prompt nu_mu, delayed nu_e and delayed anti-nu_mu. */
typedef struct {
  const nutmm_nucleus *nuc;
  const nutmm_xsec_options *xo;
  double m4, w[3], T;
} csi_point;

static double xsec(const csi_point *p, double E)
{
  return p->m4 < 0.0 ? nutmm_xsec_cevns(E, p->T, p->nuc, p->xo)
                     : nutmm_xsec_dipole_nucleus(E, p->T, p->m4, p->nuc, p->xo);
}

/* lowest neutrino energy for recoil T: eq. (22) via the library for the dipole (tested in
 * test_kinematics), by hand for the SM, (T + sqrt(T^2 + 2 M T))/2 */
static double e_min(const csi_point *p, double T)
{
  if (p->m4 < 0.0)
    return 0.5 * (T + sqrt(T * T + 2.0 * p->nuc->mass * T));
  double c[3], E;
  ck_assert_int_eq(nutmm_xsec_dipole_nucleus_coef(T, p->m4, p->nuc, p->xo, c, &E), NUTMM_SUCCESS);
  return E;
}

/* delayed Michel fluxes per unit eta (physics manual phys-flux-pidar) times dsigma/dT */
static double delayed_integrand(double E, const void *vp)
{
  const csi_point *p = vp;
  double m = NUTMM_MMU, y = E / m;
  double phi = p->w[1] * 192.0 / m * y * y * (0.5 - y) + p->w[2] * 64.0 / m * y * y * (0.75 - y);
  return phi * xsec(p, E);
}

#define E_PROMPT ((NUTMM_MPI * NUTMM_MPI - NUTMM_MMU * NUTMM_MMU) / (2.0 * NUTMM_MPI))

/* events per unit eta per nucleus per MeV of T, times the acceptance at n_PE(T) */
static double recoil_integrand(double T, const void *vp)
{
  csi_point p = *(const csi_point *)vp;
  p.T = T;
  double Emin = e_min(&p, T);
  /* strict: at E_min = E_prompt (the split point) the line is at its window edge */
  double rate = E_PROMPT > Emin ? p.w[0] * xsec(&p, E_PROMPT) : 0.0;
  if (Emin < E_REACH)
    rate += simpson(delayed_integrand, &p, Emin, E_REACH, 400);
  double pe = 13.348 * csi_eee(T) / NUTMM_KEV;
  return rate * 0.6655 / (1.0 + exp(-0.4942 * (pe - 10.8507)));
}

/* CsI events with 6 <= n_PE < 30: 14.57 kg, eta = 0.08 x 1.76e23 / (4 pi (19.3 m)^2),
 * Cs and I each 1000 N_A / 259.809 per kg (standard atomic weights 132.905 + 126.904).
 * m4 < 0: SM; else dipole per unit mu^2 with flux weights w (prompt, nu_e, anti-nu_mu). */
static double csi_by_hand(double m4, const double w[3])
{
  nutmm_xsec_options xo;
  nutmm_xsec_options_default(&xo);
  xo.ff.model = NUTMM_FF_KLEIN_NYSTRAND;
  double eta = 0.08 * 1.76e23 / (4.0 * NUTMM_PI * pow(1930.0, 2));
  double per_kg = 1000.0 * NUTMM_NA / (132.90545 + 126.90447);
  double T1 = csi_T_of_pe(6.0), T2 = csi_T_of_pe(30.0), total = 0.0;
  const char *names[2] = {"Cs133", "I127"};
  for (int k = 0; k < 2; k++) {
    nutmm_nucleus nuc;
    ck_assert_int_eq(nutmm_nucleus_lookup(names[k], &nuc), NUTMM_SUCCESS);
    csi_point p = {&nuc, &xo, m4, {w[0], w[1], w[2]}, 0.0};
    /* split where the prompt line stops contributing, E_min(T_k) = E_prompt (a kink; E_min
     * increases with T in this range), found by bisection */
    double lo = T1, hi = T2;
    if (e_min(&p, lo) < E_PROMPT && e_min(&p, hi) > E_PROMPT) {
      for (int i = 0; i < 100; i++) {
        double mid = 0.5 * (lo + hi);
        *(e_min(&p, mid) < E_PROMPT ? &lo : &hi) = mid;
      }
      /* [T1, lo] with the line, [hi, T2] without (the dipole jumps to 0 at the edge) */
      total += simpson(recoil_integrand, &p, T1, lo, 200);
      total += simpson(recoil_integrand, &p, hi, T2, 200);
    } else {
      total += simpson(recoil_integrand, &p, T1, T2, 400);
    }
  }
  return total * eta * per_kg * 14.57;
}

START_TEST(test_csi_sm)
{
  double paper = column_sum(CSI, "spectrum", "sm");
  double qf2017 = column_sum(CSI, "spectrum --config qf2017", "sm");
  double timecut = column_sum(CSI, "spectrum --config timecut", "sm");
  /* The chain (masses, POT, r, L, Cs and I, KN form factor, quenching inverse, light yield,
   * acceptance in PE) against a by-hand Simpson integral sharing only dsigma/dT: they agree
   * to 3e-8; 2e-5 covers the %.6g output of 12 bins and the Simpson error. */
  const double all[3] = {1.0, 1.0, 1.0};
  ck_assert_rel(paper, csi_by_hand(-1.0, all), 2e-5);
  /* COHERENT 2017 predicted 173 +- 48 SM events with the constant QF of 8.78 %.  With that QF
   * we get 157.5 (-9 %); the rest: KN radius 1.23 A^1/3 fm here vs Klein-Nystrand's 1.2
   * (+3.4 % with 1.2), and COHERENT's GEANT4 SNS flux and full-time-window acceptance vs the
   * analytic Michel spectra here.  15 % covers these. */
  ck_assert_rel(qf2017, 173.0, 0.15);
  /* The Konovalov-2020 quenching polynomial (the paper's [54]) is lower than 8.78 % below
   * ~10 keVnr (7.4 % at 5 keVnr), so fewer recoils pass 6 PE: 141.6 events, within the
   * published 1-sigma (48) of 173 and within COHERENT's measured 134 +- 22. */
  ck_assert(paper < qf2017);
  ck_assert_abs(paper, 173.0, 48.0);
  ck_assert_abs(paper, 134.0, 22.0);
  /* timecut keeps the prompt line and 0.914785 of the delayed events (t < 6 us); the delayed
   * share of the SM events is between 2/3 (two of three flavours) and 1, so the ratio lies
   * between 1 - (1 - 0.914785) and 1 - (2/3)(1 - 0.914785). */
  ck_assert(timecut / paper > 0.914785 && timecut / paper < 1.0 - (1.0 - 0.914785) * 2.0 / 3.0);
  /* data columns: 142 residual counts (C_on - AC_on = 547 - 405), B_on = 5.419 events */
  ck_assert_abs(column_sum(CSI, "spectrum", "observed"), 142.0, 1e-9);
  ck_assert_rel(column_sum(CSI, "spectrum", "bkg_prompt_neutron"), 5.419, 1e-4);
}
END_TEST

/* The m4-dependent signal the limit uses: dipole counts (spectrum --mu 1e-9) for --flavor mu
 * (prompt nu_mu + delayed anti-nu_mu) and e (delayed nu_e) at m4 = 0.5, 10 (prompt window cut
 * inside the range) and 40 MeV (delayed only) against the by-hand integral (which uses
 * the library's single-point dipole cross section and E_min). */
START_TEST(test_csi_dipole)
{
  const double wmu[3] = {1.0, 0.0, 1.0}, we[3] = {0.0, 1.0, 0.0};
  const double m4[3] = {0.5, 10.0, 40.0};
  for (int k = 0; k < 3; k++) {
    char a[128];
    snprintf(a, sizeof a, "spectrum --m4 %g --mu 1e-9 --flavor mu", m4[k]);
    ck_assert_rel(column_sum(CSI, a, "dipole"), 1e-18 * csi_by_hand(m4[k], wmu), 2e-5);
    snprintf(a, sizeof a, "spectrum --m4 %g --mu 1e-9 --flavor e", m4[k]);
    ck_assert_rel(column_sum(CSI, a, "dipole"), 1e-18 * csi_by_hand(m4[k], we), 2e-5);
  }
}
END_TEST

START_TEST(test_lar_sm)
{
  double sm = column_sum(LAR, "spectrum", "sm");
  /* Release prediction 128 +- 17 (24.4 kg).  We have 24 kg (paper; -1.6 %), analytic Michel
   * fluxes instead of the release's flux simulation, and no arrival-time window: 133.7
   * (+4.5 %), inside the release's 13 % uncertainty; 15 % as asked. */
  ck_assert_rel(sm, 128.0, 0.15);
  /* Bin by bin, the release's CEvNS PDF (summed over F90 and time, column 15) for the three
   * lowest bins (97 % of the events) agrees within 10 % (6 %, 1.6 %, 1.0 %): this checks
   * quenching, resolution and efficiency, not only the total. */
  double rel[12];
  ck_assert_int_eq(data_column(LAR_BINS, -1, 14, rel, 12), 12);
  ck_assert_int_eq(exptest_run(LAR, "spectrum", &tsv), 0);
  size_t c = exptest_col(&tsv, "sm");
  for (size_t i = 0; i < 3; i++)
    ck_assert_rel(tsv.v[i][c], rel[i], 0.10);
  /* natural argon is 99.6 % 40Ar: Ar40 alone within 1 % */
  ck_assert_rel(column_sum(LAR, "spectrum --target Ar40", "sm"), sm, 0.01);
}
END_TEST

/* chi^2 of eq. (24) at mu = 0 by hand: profile alpha (signal, width sa) and beta (B_on, width
 * sb) with a 2x2 solve of the normal equations, from the program's own columns (`spectrum
 * extra`) and the data file.  Returns chi2; *alpha, *beta the best fit. */
static double csi_hand_chi2(const char *extra, double sa, double sb, double *alpha, double *beta)
{
  char args[512];
  snprintf(args, sizeof args, "spectrum %s", extra);
  ck_assert_int_eq(exptest_run(CSI, args, &tsv), 0);
  size_t co = exptest_col(&tsv, "observed"), cb = exptest_col(&tsv, "bkg_prompt_neutron"),
         cs = exptest_col(&tsv, "sm");
  double bss[12];
  ck_assert_int_eq(data_column(CSI_BINS, 7, 4, bss, 12), 12);
  double a11 = 1.0 / (sa * sa), a22 = 1.0 / (sb * sb), a12 = 0.0, b1 = 0.0, b2 = 0.0;
  for (size_t i = 0; i < 12; i++) {
    double N = tsv.v[i][co], B = tsv.v[i][cb], S = tsv.v[i][cs];
    double s2 = N + 2.0 * bss[i] + B, r = N - S - B;
    a11 += S * S / s2, a22 += B * B / s2, a12 += S * B / s2, b1 += S * r / s2, b2 += B * r / s2;
  }
  double det = a11 * a22 - a12 * a12, al = (b1 * a22 - b2 * a12) / det,
         be = (a11 * b2 - a12 * b1) / det, chi2 = al * al / (sa * sa) + be * be / (sb * sb);
  for (size_t i = 0; i < 12; i++) {
    double N = tsv.v[i][co], B = tsv.v[i][cb], S = tsv.v[i][cs];
    double s2 = N + 2.0 * bss[i] + B, r = N - (1 + al) * S - (1 + be) * B;
    chi2 += r * r / s2;
  }
  *alpha = al;
  *beta = be;
  return chi2;
}

START_TEST(test_csi_chi2_sm)
{
  double al, be, chi2 = csi_hand_chi2("", 0.28, 0.25, &al, &be);
  const char *args = "chi2 --m4 1e-3 --mu 0";
  double prog = exptest_quantity(CSI, args, "chi2");
  /* the by-hand inputs are printed with 6 digits: agreement 1e-6, tolerance 1e-5 */
  ck_assert_rel(prog, chi2, 1e-5);
  ck_assert_rel(exptest_quantity(CSI, args, "xi_0"), al, 1e-3);
  /* sigma_i^2 = N + 2 B_ss + B_on is the Poisson variance of C_on - AC_on, so a correct model
   * gives chi2 ~ 12 +- 5; the 2017 residuals scatter unusually little: chi2 = 2.72 (already
   * 2.73 without pulls).  Sensible range 0.1-1.5 per bin. */
  ck_assert(prog / 12.0 > 0.1 && prog / 12.0 < 1.5);
  /* nuisances within one sigma: the SM (141.6) plus B_on (5.4) matches the 142 residual
   * events, so alpha ~ -0.03 (COHERENT's own fit, 134 of 173 with the old QF: -0.23) */
  ck_assert(fabs(al) < 0.28 && fabs(be) < 0.25);
}
END_TEST

START_TEST(test_lar_chi2_sm)
{
  const char *args = "chi2 --m4 1e-3 --mu 0";
  double chi2 = exptest_quantity(LAR, args, "chi2");
  /* Easily derived goodness of fit: the release's own prediction (CEvNS 128 + prompt BRN 497
   * + delayed BRN 33, columns 15, 13, 14) against the SS-subtracted data with the release's
   * statistical errors gives chi2 = 9.83 without pulls; ours at nominal nuisances is the same
   * within 0.01 and profiling can only lower it: 8.54.  Require [derived - 2.5, derived]. */
  double d[12], e[12], p[12], l[12], c[12], derived = 0.0;
  data_column(LAR_BINS, -1, 1, d, 12);
  data_column(LAR_BINS, -1, 2, e, 12);
  data_column(LAR_BINS, -1, 12, p, 12);
  data_column(LAR_BINS, -1, 13, l, 12);
  data_column(LAR_BINS, -1, 14, c, 12);
  for (size_t i = 0; i < 12; i++)
    derived += pow(d[i] - c[i] - p[i] - l[i], 2) / (e[i] * e[i]);
  ck_assert_rel(derived, 9.828, 1e-3);
  ck_assert(chi2 <= derived && chi2 > derived - 2.5);
  ck_assert(chi2 / 12.0 > 0.1 && chi2 / 12.0 < 1.5);
  /* Best-fit nuisances inside one sigma: alpha (0.13) = +0.04 (COHERENT's 3D fit: 159/128 - 1
   * = +0.24, but our 13 % pull and the 1D spectrum hold it back), PBRN (0.32) = -0.12
   * (release 3D fit +0.11), LBRN (1.0) = -0.08 (release -0.70), BRNES (1) = -0.34. */
  double sig[4] = {0.13, 0.32, 1.0, 1.0};
  const char *xi[4] = {"xi_0", "xi_1", "xi_2", "xi_3"};
  for (size_t k = 0; k < 4; k++)
    ck_assert_msg(fabs(exptest_quantity(LAR, args, xi[k])) < sig[k], "%s", xi[k]);
  /* the three BRNES treatments (not confirmed) move chi2 by < 0.1 */
  ck_assert_abs(exptest_quantity(LAR, "chi2 --m4 1e-3 --mu 0 --config frac", "chi2"), chi2, 0.1);
  ck_assert_abs(exptest_quantity(LAR, "chi2 --m4 1e-3 --mu 0 --config variance", "chi2"), chi2,
                0.1);
}
END_TEST

/* limit: non-decreasing towards the reach, flat at small m4, no row beyond m_mu/2 */
static void check_limit_shape(const char *exe)
{
  ck_assert_int_eq(exptest_run(exe, "limit --m4-min 1e-3 --m4-max 60 --points 14", &tsv), 0);
  size_t cm = exptest_col(&tsv, "m4_MeV"), cu = exptest_col(&tsv, "mu_90CL_muB");
  /* log grid 1e-3 .. 60 MeV, 14 points: 0..12 lie below 52.83 MeV (point 12 = 25.75 MeV),
   * point 13 (60 MeV) beyond the reach */
  ck_assert_uint_ge(tsv.nrows, 10);
  for (size_t r = 0; r < tsv.nrows; r++) {
    ck_assert(tsv.v[r][cm] < E_REACH);
    ck_assert(tsv.v[r][cu] > 0.0);
    if (r > 0)
      ck_assert_msg(tsv.v[r][cu] >= tsv.v[r - 1][cu] * (1.0 - 1e-6), "not monotonic at %g MeV",
                    tsv.v[r][cm]);
  }
  /* the largest grid point below the reach has a limit */
  double m4_last = 1e-3 * pow(60.0 / 1e-3, 12.0 / 13.0);
  ck_assert_rel(tsv.v[tsv.nrows - 1][cm], m4_last, 1e-5);
  /* the dipole cross section does not depend on m4 << sqrt(2 M T) ~ 40 MeV: flat to 1e-5 */
  ck_assert_rel(tsv.v[1][cu], tsv.v[0][cu], 1e-5);
  /* densely towards the reach: still monotonic, every point has a limit */
  ck_assert_int_eq(exptest_run(exe, "limit --m4-min 30 --m4-max 52.5 --points 12", &tsv), 0);
  ck_assert_uint_eq(tsv.nrows, 12);
  for (size_t r = 1; r < tsv.nrows; r++)
    ck_assert_msg(tsv.v[r][cu] > tsv.v[r - 1][cu], "not increasing at %g MeV", tsv.v[r][cm]);
  /* near the reach the limit weakens steeply: 52 MeV vs 20 MeV */
  ck_assert_int_eq(exptest_run(exe, "limit --m4-min 20 --m4-max 52 --points 2", &tsv), 0);
  ck_assert_uint_eq(tsv.nrows, 2);
  ck_assert(tsv.v[1][cu] > 5.0 * tsv.v[0][cu]);
  /* just above the reach: no sensitivity, no rows */
  ck_assert_int_eq(exptest_run(exe, "limit --m4-min 52.9 --m4-max 60 --points 4", &tsv), 0);
  ck_assert_uint_eq(tsv.nrows, 0);
}

START_TEST(test_limit_shape)
{
  check_limit_shape(CSI);
  check_limit_shape(LAR);
}
END_TEST

static double limit_at(const char *exe, double m4, const char *extra)
{
  char args[256];
  snprintf(args, sizeof args, "limit --m4-min %.9g --m4-max %.9g --points 1 %s", m4, 2.0 * m4,
           extra);
  ck_assert_int_eq(exptest_run(exe, args, &tsv), 0);
  ck_assert_uint_eq(tsv.nrows, 1);
  return tsv.v[0][exptest_col(&tsv, "mu_90CL_muB")];
}

START_TEST(test_csi_vs_lar)
{
  /* Paper: "the CsI detector performing slightly better compared to LAr".  Near the reach we
   * agree (heavier nuclei need less neutrino energy for a given recoil): CsI stronger at 40
   * and 50 MeV.  At small m4 our LAr limit is 15 % STRONGER (4.33e-9 vs 4.99e-9 mu_B): LAr's
   * 13 % signal pull is tighter than CsI's 28 %, and its dipole excess sits in the first bin
   * where the SM is small.  Recorded as a deviation; here only "comparable" (within 30 %). */
  double r = limit_at(CSI, 1e-3, "") / limit_at(LAR, 1e-3, "");
  ck_assert(r > 0.77 && r < 1.3);
  ck_assert(limit_at(CSI, 40.0, "") < limit_at(LAR, 40.0, ""));
  ck_assert(limit_at(CSI, 50.0, "") < limit_at(LAR, 50.0, ""));
}
END_TEST

static double chi2_at(const char *exe, double m4, double mu)
{
  char args[256];
  snprintf(args, sizeof args, "chi2 --m4 %.9g --mu %.12g", m4, mu);
  return exptest_quantity(exe, args, "chi2");
}

/* Brute force: the program's chi2 on a grid and a golden-section search locate chi2_min over
 * mu >= 0 (LAr prefers mu ~ 2e-9 mu_B at small m4); chi2(mu_90) - chi2_min = 2.7055 within
 * 1e-3, and chi2 at 0.98 and 1.02 mu_90 brackets the threshold. */
static void brute_force(const char *exe, double m4)
{
  double mu90 = limit_at(exe, m4, "");
  double best = 0.0, cbest = chi2_at(exe, m4, 0.0);
  for (int k = 1; k <= 10; k++) {
    double mu = 0.1 * k * mu90, c = chi2_at(exe, m4, mu);
    if (c < cbest)
      cbest = c, best = mu;
  }
  double lo = fmax(0.0, best - 0.1 * mu90), hi = best + 0.1 * mu90, g = 0.5 * (sqrt(5.0) - 1.0);
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  double f1 = chi2_at(exe, m4, x1), f2 = chi2_at(exe, m4, x2);
  for (int it = 0; it < 30; it++) {
    if (f1 < f2)
      hi = x2, x2 = x1, f2 = f1, x1 = hi - g * (hi - lo), f1 = chi2_at(exe, m4, x1);
    else
      lo = x1, x1 = x2, f1 = f2, x2 = lo + g * (hi - lo), f2 = chi2_at(exe, m4, x2);
  }
  double cmin = fmin(cbest, fmin(f1, f2));
  ck_assert_abs(chi2_at(exe, m4, mu90) - cmin, DCHI2, 1e-3);
  ck_assert(chi2_at(exe, m4, 0.98 * mu90) - cmin < DCHI2);
  ck_assert(chi2_at(exe, m4, 1.02 * mu90) - cmin > DCHI2);
}

START_TEST(test_brute_force)
{
  brute_force(CSI, 1e-3);
  brute_force(CSI, 20.0);
  brute_force(CSI, 45.0);
  brute_force(LAR, 1e-3);
  brute_force(LAR, 20.0);
  brute_force(LAR, 45.0);
}
END_TEST

/* Dipole counts add over flavours: all = mu (prompt nu_mu + delayed anti-nu_mu) + e
 * (delayed nu_e); below the prompt line's reach the prompt nu_mu is part of "mu" only. */
static void flavour_sum(const char *exe, const char *m4)
{
  char a[128];
  double d[3];
  const char *fl[3] = {"mu", "e", "all"};
  for (int k = 0; k < 3; k++) {
    snprintf(a, sizeof a, "spectrum --m4 %s --mu 1e-9 --flavor %s", m4, fl[k]);
    d[k] = column_sum(exe, a, "dipole");
    ck_assert(d[k] > 0.0);
  }
  ck_assert_rel(d[0] + d[1], d[2], 1e-5);
}

START_TEST(test_flavours)
{
  flavour_sum(CSI, "0.5");
  flavour_sum(LAR, "0.5");
  flavour_sum(CSI, "35"); /* above the 29.8 MeV prompt line: delayed anti-nu_mu only */
  /* the SM column does not depend on the flavour choice */
  ck_assert_rel(column_sum(CSI, "spectrum --flavor e", "sm"), column_sum(CSI, "spectrum", "sm"),
                1e-9);
}
END_TEST

/* Run `exe args` with NUTMM_DATADIR pointing at a fresh directory that holds only
 * experiments/<exp>/<name> = text (searched before the real data); return the exit status. */
static int run_with_file(const char *exe, const char *args, const char *exp, const char *name,
                         const char *text)
{
  char dir[] = "/tmp/nutmm_coh_XXXXXX", sub[512], path[1024];
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(sub, sizeof sub, "%s/experiments", dir);
  ck_assert_int_eq(mkdir(sub, 0700), 0);
  snprintf(sub, sizeof sub, "%s/experiments/%s", dir, exp);
  ck_assert_int_eq(mkdir(sub, 0700), 0);
  exptest_copy_data(dir);
  snprintf(path, sizeof path, "%s/%s", sub, name);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
  char *old = getenv("NUTMM_DATADIR") ? strdup(getenv("NUTMM_DATADIR")) : NULL;
  setenv("NUTMM_DATADIR", dir, 1);
  int st = exptest_run(exe, args, &tsv);
  if (old) {
    setenv("NUTMM_DATADIR", old, 1);
    free(old);
  } else {
    unsetenv("NUTMM_DATADIR");
  }
  exptest_remove_tree(dir);
  return st;
}

/* ---- --set NAME=VALUE ---------------------------------------------------------------------- */

/* Whole stdout of `exe args` (exit status 0 required). */
static char *slurp(const char *exe, const char *args)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", exe, args);
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

/* `spectrum` with the set-up defaults and with `set`: the prediction columns (sm, dipole) in
 * the ratio k, the data and background columns unchanged.  Tolerance 2e-5: 6 printed digits
 * put up to 1e-5 on a ratio; the scaling itself is exact (fluence r N_POT/(4 pi L^2) x mass). */
static void check_prediction_scaled(const char *exe, const char *set, double k)
{
  exptest_tsv *t0 = malloc(sizeof *t0), *t1 = malloc(sizeof *t1);
  ck_assert(t0 && t1);
  char a[512];
  snprintf(a, sizeof a, "spectrum --m4 6.1 --mu 4e-9 %s", set);
  ck_assert_int_eq(exptest_run(exe, "spectrum --m4 6.1 --mu 4e-9", t0), 0);
  ck_assert_int_eq(exptest_run(exe, a, t1), 0);
  ck_assert_uint_eq(t0->nrows, t1->nrows);
  ck_assert_uint_eq(t0->ncols, t1->ncols);
  for (size_t c = 0; c < t0->ncols; c++) {
    int pred = strcmp(t0->names[c], "sm") == 0 || strcmp(t0->names[c], "dipole") == 0;
    if (strcmp(t0->names[c], "total") == 0)
      continue;
    for (size_t i = 0; i < t0->nrows; i++)
      ck_assert_msg(fabs(t1->v[i][c] - (pred ? k : 1.0) * t0->v[i][c]) <=
                        2e-5 * fabs((pred ? k : 1.0) * t0->v[i][c]),
                    "%s: bin %zu %s %g vs %g", set, i, t0->names[c], t1->v[i][c], t0->v[i][c]);
  }
  free(t0);
  free(t1);
}

/* CsI: every setting at its default reproduces the outputs byte for byte; the prediction
 * scales as mass x r N_POT / L^2 while the data stay; bon_total scales the B_on column; the
 * chi^2 of eq. (24) by hand with other pull widths, B_on and mass equals the program's. */
START_TEST(test_csi_settings)
{
  const char *all = "--set mass=14.57 --set pot=1.76e23 --set r=0.08 --set baseline=19.3 "
                    "--set bon_total=5.419 --set sigma_alpha=0.28 --set sigma_beta=0.25";
  const char *runs[4] = {"spectrum --m4 2.2 --mu 5e-9", "spectrum --config timecut --flavor e",
                         "chi2 --m4 11 --mu 6e-9 --config qf2017", "limit --points 5"};
  for (int k = 0; k < 4; k++) {
    char a[768];
    snprintf(a, sizeof a, "%s %s", runs[k], all);
    char *x = slurp(CSI, runs[k]), *y = slurp(CSI, a);
    ck_assert_str_eq(x, y);
    free(x);
    free(y);
  }
  check_prediction_scaled(CSI, "--set baseline=38.6", 0.25);
  check_prediction_scaled(CSI, "--set mass=34.74945", 2.385);
  check_prediction_scaled(CSI, "--set pot=2.2e23 --set r=0.0731", (2.2 * 0.0731) / (1.76 * 0.08));
  ck_assert_rel(column_sum(CSI, "spectrum --set bon_total=8.3", "bkg_prompt_neutron"), 8.3, 1e-4);
  ck_assert_rel(column_sum(CSI, "spectrum --set bon_total=8.3", "sm"),
                column_sum(CSI, "spectrum", "sm"), 1e-9);
  /* chi^2 at mu = 0: by hand (sigma_i^2 = N + 2 B_ss + B_on with the new B_on) = program */
  const char *set = "--set sigma_alpha=0.11 --set sigma_beta=0.6 --set bon_total=9.1 "
                    "--set mass=17.3";
  double al, be, hand = csi_hand_chi2(set, 0.11, 0.6, &al, &be);
  char a[512];
  snprintf(a, sizeof a, "chi2 --m4 1e-3 --mu 0 %s", set);
  ck_assert_rel(exptest_quantity(CSI, a, "chi2"), hand, 1e-5);
  ck_assert_rel(exptest_quantity(CSI, a, "xi_0"), al, 1e-3);
  ck_assert_rel(exptest_quantity(CSI, a, "xi_1"), be, 1e-3);
  /* 17.3 kg predicts more than the 142 measured events: the signal pull goes negative */
  ck_assert(al < 0.0);
  /* a tighter signal pull cannot lower the minimum: chi2 grows as sigma_alpha shrinks */
  ck_assert(exptest_quantity(CSI, "chi2 --m4 1e-3 --mu 0 --set mass=17.3 --set sigma_alpha=0.05",
                             "chi2") >
            exptest_quantity(CSI, "chi2 --m4 1e-3 --mu 0 --set mass=17.3", "chi2"));
}
END_TEST

/* LAr: defaults byte for byte; the prediction scales as mass x r N_POT / L^2; with every pull
 * fixed (widths 0) the chi^2 of eq. (25) at mu = 0 is the plain sum over bins of
 * (N - N_SM - B_PBRN - B_LBRN)^2 / sigma^2, computed here from the data file and the program's
 * SM column (1e-5: 6-digit columns), and it is above the profiled one. */
START_TEST(test_lar_settings)
{
  const char *all = "--set mass=24 --set pot=13.8e22 --set r=0.09 --set baseline=27.5 "
                    "--set sigma_alpha=0.13 --set sigma_pbrn=0.32 --set sigma_lbrn=1 "
                    "--set sigma_brnes=1";
  const char *runs[4] = {"spectrum --m4 2.2 --mu 5e-9 --target Ar40",
                         "chi2 --m4 11 --mu 6e-9 --config frac",
                         "chi2 --m4 0.3 --mu 3e-9 --config variance", "limit --points 5"};
  for (int k = 0; k < 4; k++) {
    char a[768];
    snprintf(a, sizeof a, "%s %s", runs[k], all);
    char *x = slurp(LAR, runs[k]), *y = slurp(LAR, a);
    ck_assert_str_eq(x, y);
    free(x);
    free(y);
  }
  check_prediction_scaled(LAR, "--set baseline=55", 0.25);
  check_prediction_scaled(LAR, "--set mass=57.24", 2.385);
  check_prediction_scaled(LAR, "--set pot=1.1e23 --set r=0.1", (1.1 * 0.1) / (1.38 * 0.09));
  const char *fixed = "--set sigma_alpha=0 --set sigma_pbrn=0 --set sigma_lbrn=0 "
                      "--set sigma_brnes=0";
  double d[12], e[12], p[12], l[12], hand = 0.0;
  data_column(LAR_BINS, -1, 1, d, 12);
  data_column(LAR_BINS, -1, 2, e, 12);
  data_column(LAR_BINS, -1, 12, p, 12);
  data_column(LAR_BINS, -1, 13, l, 12);
  ck_assert_int_eq(exptest_run(LAR, "spectrum", &tsv), 0);
  size_t cs = exptest_col(&tsv, "sm");
  for (size_t i = 0; i < 12; i++)
    hand += pow(d[i] - tsv.v[i][cs] - p[i] - l[i], 2) / (e[i] * e[i]);
  char a[512];
  snprintf(a, sizeof a, "chi2 --m4 1e-3 --mu 0 %s", fixed);
  double prog = exptest_quantity(LAR, a, "chi2");
  ck_assert_rel(prog, hand, 1e-5);
  for (int k = 0; k < 4; k++) {
    char q[8];
    snprintf(q, sizeof q, "xi_%d", k);
    ck_assert(exptest_quantity(LAR, a, q) == 0.0);
  }
  ck_assert(prog > exptest_quantity(LAR, "chi2 --m4 1e-3 --mu 0", "chi2"));
}
END_TEST

/* Bad --set values fail: unknown names (including the other program's), NaN, non-numbers,
 * non-positive mass, POT, r, baseline, negative B_on and pull widths. */
START_TEST(test_bad_settings)
{
  const char *bad[][2] = {
      {CSI, "--set bogus=1"},         {CSI, "--set sigma_pbrn=0.3"}, {CSI, "--set mass=nan"},
      {CSI, "--set mass=0"},          {CSI, "--set mass=-14.57"},    {CSI, "--set pot=0"},
      {CSI, "--set r=-0.08"},         {CSI, "--set baseline=0"},     {CSI, "--set baseline=-19.3"},
      {CSI, "--set bon_total=-1"},    {CSI, "--set sigma_alpha=-0.28"},
      {CSI, "--set sigma_beta=x"},    {CSI, "--set mass"},
      {LAR, "--set bon_total=5"},     {LAR, "--set sigma_beta=0.2"}, {LAR, "--set baseline=nan"},
      {LAR, "--set baseline=-27.5"},  {LAR, "--set mass=0"},         {LAR, "--set pot=-1e23"},
      {LAR, "--set sigma_pbrn=-0.32"}, {LAR, "--set sigma_brnes=-1"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "spectrum %s 2>/dev/null", bad[i][1]);
    ck_assert_msg(exptest_run(bad[i][0], cmd, &tsv) != 0, "'%s' should fail", bad[i][1]);
  }
  char *h = slurp(CSI, "--help");
  ck_assert_ptr_nonnull(strstr(h, "bon_total        5.419      events"));
  free(h);
  h = slurp(LAR, "--help");
  ck_assert_ptr_nonnull(strstr(h, "pot              1.38e+23   POT"));
  free(h);
}
END_TEST

START_TEST(test_bad_input)
{
  const char *bad[][2] = {
      {CSI, "spectrum --config helm"},     {CSI, "limit --flavor tau"},
      {CSI, "spectrum --target CsI"},       {CSI, "chi2 --m4 1"},
      {CSI, "fit"},                         {CSI, "limit --points 0"},
      {CSI, "spectrum --m4 -1"},            {CSI, "limit --m4-min 10 --m4-max 1"},
      {LAR, "spectrum --target Xe"},        {LAR, "spectrum --config paper"},
      {LAR, "chi2 --mu 1e-9"},              {LAR, "spectrum --mu nan"},
      {LAR, "limit --param lambda44"},      {LAR, ""},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s 2>/dev/null", bad[i][1]);
    ck_assert_msg(exptest_run(bad[i][0], cmd, &tsv) != 0, "'%s' should fail", bad[i][1]);
  }
  /* malformed data -> setup fails, non-zero exit (and the good data still works) */
  const char *q = "spectrum 2>/dev/null";
  /* CsI: the 10-12 PE analysis bin missing; only one flagged bin */
  ck_assert(run_with_file(CSI, q, "coherent_csi", "spectrum_2PE.dat",
                          "# gap\n6 8 7 35 26 9 8 1\n8 10 9 62 51 11 11 1\n"
                          "12 14 13 74 49 25 25 1\n") != 0);
  ck_assert(run_with_file(CSI, q, "coherent_csi", "spectrum_2PE.dat",
                          "# too few\n6 8 7 35 26 9 8 1\n") != 0);
  /* B_on shape summing to zero */
  char bon[2048] = "# zero shape\n";
  for (int i = 0; i < 12; i++) {
    char row[64];
    snprintf(row, sizeof row, "%d %d 0 0 0 0 1\n", 6 + 2 * i, 8 + 2 * i);
    strcat(bon, row);
  }
  ck_assert(run_with_file(CSI, q, "coherent_csi", "prompt_neutron_Bon.dat", bon) != 0);
  /* empty arrival-time PDF (read only with --config timecut) */
  ck_assert(run_with_file(CSI, "spectrum --config timecut 2>/dev/null", "coherent_csi",
                          "arrival_time_pdfs.dat", "# nothing\n1 0 0 0\n") != 0);
  ck_assert(run_with_file(CSI, q, "coherent_csi", "arrival_time_pdfs.dat", "# unused\n") == 0);
  /* LAr: one row instead of 12; twelve rows with a wrong first bin centre */
  ck_assert(run_with_file(LAR, q, "coherent_lar", "analysisA_energy_1d.dat",
                          "# one row\n5 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n") != 0);
  char lar[4096] = "# wrong centre\n";
  for (int i = 0; i < 12; i++) {
    char row[128];
    snprintf(row, sizeof row, "%d 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 0.1\n", i == 0 ? 6 : 5 + 10 * i);
    strcat(lar, row);
  }
  ck_assert(run_with_file(LAR, q, "coherent_lar", "analysisA_energy_1d.dat", lar) != 0);
  /* the same rows with the right centre work */
  char *six = strstr(lar, "\n6 ");
  six[1] = '5';
  ck_assert(run_with_file(LAR, q, "coherent_lar", "analysisA_energy_1d.dat", lar) == 0);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("exp_coherent");
  TCase *tc = tcase_create("coherent");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_csi_sm);
  tcase_add_test(tc, test_csi_dipole);
  tcase_add_test(tc, test_lar_sm);
  tcase_add_test(tc, test_csi_chi2_sm);
  tcase_add_test(tc, test_lar_chi2_sm);
  tcase_add_test(tc, test_limit_shape);
  tcase_add_test(tc, test_csi_vs_lar);
  tcase_add_test(tc, test_brute_force);
  tcase_add_test(tc, test_flavours);
  tcase_add_test(tc, test_csi_settings);
  tcase_add_test(tc, test_lar_settings);
  tcase_add_test(tc, test_bad_settings);
  tcase_add_test(tc, test_bad_input);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
