/* nutmm-tutorial-conus, the tutorial's complete program (doc/tutorial.md, examples/
 * tutorial_conus.c): its limits on the effective nu_e moment are physical.
 *
 * Set-up of the program: natural Ge, Lindhard k = 0.162, 3.9 GW_th at 17.1 m (anti-nu_e on
 * [0, 10] MeV), 4 kg yr, 10 bins 0.25-0.65 keVee, sigma = 30 eVee, flat background
 * 10 / (kg d keVee), Asimov eq. (27) with a 10 % pull; 24 log-spaced m4 in [1e-3, 10] MeV.
 *
 * Checks:
 *  - every requested m4 has a row; only m4 at the flux end point E_max = 10 MeV may be closed
 *    (nu_4 production needs E > m4; nuclear recoils of ~keV reach up to m4 ~ E_max);
 *  - the plateau: on a nucleus of mass M the mass of nu_4 enters through m4^2/q^2 with
 *    q^2 = 2 M T >~ 100 MeV^2 in the window, and through the shift of E_min(T) (eq. 22) on the
 *    steeply falling reactor spectrum (~ 1e-3 at m4 = 0.1 MeV).  So the limits for
 *    m4 <= 0.1 MeV agree with the lowest-m4 one to 2e-3 (an m4 that entered with the
 *    electron's mass, or m4 instead of m4^2, would break this);
 *  - the edge: the limits never fall with m4 (to rounding) and the last ok point below
 *    E_max is at least 3 times the plateau (the phase space closes);
 *  - the scale: the m4 -> 0 limit lies in [1e-10, 1e-9] mu_B.  Why: the background dominates
 *    (B ~ 580 events per bin against ~280 SM events in all), so Delta chi^2 ~ mu^4 sum_i
 *    D_i^2 / B_i and mu_lim ~ Phi^(-1/2) (exposure)^(-1/4) b^(1/4).  TEXONO's sub-keV Ge
 *    CEvNS data (Karmakar et al., arXiv:2411.18812: 404 kg d reactor on, 200 eVee threshold,
 *    k = 0.162, Phi ~ 6.4e12 cm^-2 s^-1 at Kuo-Sheng) give mu < 5.9e-10 mu_B (90 % C.L.);
 *    scaled to this set-up's 1461 kg d and Phi = 1.78e13 cm^-2 s^-1 that is
 *    5.9e-10 (404/1461)^(1/4) (6.4/17.8)^(1/2) ~ 2.6e-10 mu_B.  A factor ~3 either way
 *    allows for the different backgrounds, thresholds and a sensitivity versus a data limit;
 *    since mu_lim ~ D^(-1/2), a dipole rate wrong by a factor 10 (a lost Z^2 = 1024, hbar c
 *    or day/s confusion, quenching applied twice) falls outside.  For comparison, electron
 *    recoils give stronger bounds (CONUS 7.5e-11, GEMMA 2.9e-11 mu_B): not used here.
 *
 * The tutorial's other fragments live here, between Doxygen snippet markers, so that the
 * page shows code that compiles and the numbers it quotes are checked: the effective moment
 * of |lambda_14| (eq. 6: |U_e1|^2 |lambda_14|^2), cross sections at one point, a user flux
 * table (its trapezoid total), a light-vector-mediator hook (the SM counts when its coupling
 * vanishes), a user quenching map, and a threaded scan (bit-identical to one thread). */
#include "exptest.h" /* first: it sets _POSIX_C_SOURCE (popen) */

#include <complex.h>
#include <math.h>
#include <string.h>

#include "nutmm/experiments.h"
#include "nutmm/nutmm.h"

#define EXE NUTMM_EXE_TUTORIAL_CONUS
#define N_M4 24           /* the program's NM4 */
#define E_MAX_MEV 10.0    /* end point of the default reactor spectrum */

static exptest_tsv tsv;

START_TEST(test_tutorial_limits)
{
  ck_assert_int_eq(exptest_run(EXE, "", &tsv), 0);
  ck_assert_uint_eq(tsv.ncols, 3);
  const size_t c_m4 = exptest_col(&tsv, "m4_MeV"), c_mu = exptest_col(&tsv, "mu_e_muB");
  exptest_rows_account(&tsv, N_M4, E_MAX_MEV, 0.05);
  ck_assert_uint_le(tsv.n_notok, 1);
  ck_assert_uint_ge(tsv.nrows, N_M4 - 1);

  const double plateau = tsv.v[0][c_mu];
  ck_assert_msg(tsv.v[0][c_m4] <= 1.001e-3, "first m4 %g", tsv.v[0][c_m4]);
  ck_assert_msg(plateau >= 1e-10 && plateau <= 1e-9, "m4 -> 0 limit %g mu_B", plateau);
  size_t n_plateau = 0;
  for (size_t r = 0; r < tsv.nrows; r++) {
    const double m4 = tsv.v[r][c_m4], mu = tsv.v[r][c_mu];
    ck_assert_msg(isfinite(mu) && mu > 0.0, "m4 = %g: limit %g", m4, mu);
    ck_assert_msg(m4 < E_MAX_MEV, "ok point at m4 = %g beyond the flux end point", m4);
    if (r > 0)
      ck_assert_msg(mu >= tsv.v[r - 1][c_mu] * (1.0 - 1e-9), "limit falls from %g to %g at %g",
                    tsv.v[r - 1][c_mu], mu, m4);
    if (m4 <= 0.1) {
      ck_assert_rel(mu, plateau, 2e-3);
      n_plateau++;
    }
  }
  ck_assert_uint_ge(n_plateau, 10);
  ck_assert_rel(plateau, 2.9e-10, 0.03); /* the value doc/tutorial.md quotes */
  const double last = tsv.v[tsv.nrows - 1][c_mu];
  ck_assert_msg(last >= 3.0 * plateau, "limit near the edge %g, plateau %g", last, plateau);
}
END_TEST

/* ---- the tutorial's fragments (doc/tutorial.md \snippet test_tutorial.c ...) ---------- */

//! [zprime]
typedef struct { double g2, mZ; } zprime;        /* g_nu g_q, dimensionless; m_Z' in MeV */
static int zprime_coef(const nutmm_xsec_point *pt, nutmm_species s, double m4, void *params,
                       double c[3], double *E_min)
{
  const zprime *z = params;
  const nutmm_nucleus *n = pt->nucleus;
  double q2 = 2.0 * pt->M * pt->T;                                      /* MeV^2 */
  double Q = pt->Q_W + 3.0 * z->g2 * (n->Z * pt->Fp + n->N * pt->Fn)
                           / (NUTMM_SQRT2 * NUTMM_GF * (q2 + z->mZ * z->mZ));
  double pref = NUTMM_GF * NUTMM_GF * pt->M / NUTMM_PI * Q * Q * NUTMM_HBARC2; /* cm^2/MeV */
  c[0] = pref;                              /* eq. (11): pref (1 - M T / (2 E^2)) */
  c[1] = 0.0;
  c[2] = -pref * pt->M * pt->T / 2.0;
  (void)s; (void)m4; (void)E_min;           /* same for every species; E_min of eq. (22) */
  return NUTMM_SUCCESS;
}
//! [zprime]

//! [quench-user]
static int quench_power(double T, void *params, double *E_ee)   /* MeV -> MeV */
{
  const double *ab = params;
  *E_ee = ab[0] * pow(T / NUTMM_KEV, ab[1]) * NUTMM_KEV;
  return NUTMM_SUCCESS;
}
//! [quench-user]

START_TEST(test_tutorial_fragments)
{
  //! [tmm]
  nutmm_mixing_params p;  nutmm_mixing_params_default(&p);      /* NuFIT 5.1, normal ordering */
  nutmm_mixing mix;       nutmm_mixing_from_params(&p, &mix);
  nutmm_tmm lam;          nutmm_tmm_zero(&lam);
  nutmm_tmm_set_Lambda(&lam, 4, 1e-10, 0.0);                    /* |lambda_14| = 1e-10 mu_B */
  nutmm_mueff m;          nutmm_mueff2(&mix, &lam, NUTMM_NUBAR_E, &m);
  /* m.sterile = |A_4|^2 = |U_e1|^2 |lambda_14|^2 = 6.80e-21 mu_B^2: mu_e = 8.25e-11 mu_B */
  //! [tmm]
  const double Ue1 = cabs(mix.U[0][0]);
  ck_assert_rel(m.sterile, Ue1 * Ue1 * 1e-20, 1e-12);
  ck_assert_rel(m.sterile, 6.80e-21, 5e-3);
  ck_assert_rel(sqrt(m.sterile), 8.25e-11, 5e-3);

  //! [xsec]
  nutmm_nucleus ge74;  nutmm_nucleus_lookup("Ge74", &ge74);
  double E = 8.0, T = 1.5 * NUTMM_KEV, mu = 1e-10;             /* MeV, MeV, mu_B */
  double sm  = nutmm_xsec_cevns(E, T, &ge74, NULL);              /* 9.0e-38 cm^2/MeV */
  double dip = mu * mu * nutmm_xsec_dipole_nucleus(E, T, 1.0, &ge74, NULL); /* m4 = 1 MeV: 1.6e-39 */
  double Emin = nutmm_kin_emin(T, ge74.mass, 1.0);               /* 7.2 MeV: eq. (22) */
  //! [xsec]
  ck_assert_rel(sm, 9.0e-38, 0.01);
  ck_assert_rel(dip, 1.6e-39, 0.03);
  ck_assert_rel(Emin, 7.2, 0.01);

  //! [user-flux]
  double Et[3] = {0.0, 5.0, 10.0}, dphi[3] = {2e12, 1e12, 0.0};   /* MeV, cm^-2 s^-1 MeV^-1 */
  nutmm_flux *f;  nutmm_flux_alloc(&f);
  nutmm_flux_add_table(f, NUTMM_NUBAR_E, 0, "my-reactor", 3, Et, dphi); /* total 1e13 cm^-2 s^-1 */
  //! [user-flux]
  double total;
  ck_assert_int_eq(nutmm_flux_total(f, 0, &total), NUTMM_SUCCESS);
  ck_assert_rel(total, 1e13, 1e-12);
  nutmm_flux_free(f);

  /* the tutorial's set-up (examples/tutorial_conus.c), for the numbers the page quotes and
   * for the hooks */
  nutmm_target *ge;
  nutmm_flux *reactor;
  nutmm_detector *det;
  nutmm_rate *rate;
  nutmm_rate_workspace *ws;
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.exposure = 4.0 * NUTMM_KG * NUTMM_YEAR;
  ck_assert_int_eq(nutmm_target_alloc("Ge", &ge), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_reactor_power_alloc(NULL, 3.9e9, 17.1 * NUTMM_METER, &reactor,
                                                  NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_quench_lindhard(det, 32, 0.162, 10 * NUTMM_KEV),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_resolution_constant(det, 30 * NUTMM_EV), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 0.25 * NUTMM_KEV, 0.65 * NUTMM_KEV, 10),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_alloc(ge, reactor, det, &ro, &rate), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_workspace_alloc(rate, &ws), NUTMM_SUCCESS);
  double counts[10], sm_counts[10], none[10];
  ck_assert_int_eq(nutmm_rate_sm(rate, NULL, sm_counts), NUTMM_SUCCESS);
  /* the page quotes: 1.78e13 cm^-2 s^-1, 1.5 keV -> 0.28 keVee, ~280 SM events, 584 background
   * events per bin, 10.4 dipole events at 1e-10 mu_B and m4 -> 0 (update it if these move) */
  double phi, Eee15, n_sm = 0.0, n_dip = 0.0, dip_counts[10];
  ck_assert_int_eq(nutmm_flux_total(reactor, 0, &phi), NUTMM_SUCCESS);
  ck_assert_rel(phi, 1.78e13, 0.01);
  ck_assert_int_eq(nutmm_detector_quench(det, 1.5 * NUTMM_KEV, &Eee15), NUTMM_SUCCESS);
  ck_assert_rel(Eee15, 0.28 * NUTMM_KEV, 0.01);
  ck_assert_int_eq(nutmm_rate_dipole(rate, ws, 1e-3, NULL, dip_counts), NUTMM_SUCCESS);
  for (int i = 0; i < 10; i++) {
    n_sm += sm_counts[i];
    n_dip += 1e-20 * dip_counts[i];
  }
  ck_assert_rel(n_sm, 280.0, 0.01);
  ck_assert_rel(n_dip, 10.4, 0.01);
  ck_assert_rel(10.0 * 4.0 * 365.25 * 0.04, 584.4, 1e-12); /* bkg per bin: 10 x kg d x keVee */
  //! [zprime-use]
  zprime par = {1e-10, 10.0};
  nutmm_xsec_user zp = {zprime_coef, &par, 0};
  nutmm_rate_user(rate, ws, &zp, 0.0, NULL, counts);  /* m4 = 0: an active final neutrino */
  //! [zprime-use]
  zprime off = {0.0, 10.0};
  nutmm_xsec_user zp0 = {zprime_coef, &off, 0};
  ck_assert_int_eq(nutmm_rate_user(rate, ws, &zp0, 0.0, NULL, none), NUTMM_SUCCESS);
  for (int i = 0; i < 10; i++) {
    ck_assert_rel(none[i], sm_counts[i], 1e-12); /* g2 = 0: the SM */
    ck_assert_msg(isfinite(counts[i]) && counts[i] >= 0.0, "Z' counts %g", counts[i]);
  }
  /* Q_W ~ -N/2 < 0 and the Z' term is positive: destructive in the first bin */
  ck_assert_msg(counts[0] < sm_counts[0], "Z' %g vs SM %g", counts[0], sm_counts[0]);

  nutmm_rate_workspace_free(ws);
  /* the tutorial's analysis (without smearing) from this plan: Asimov eq. (27), 10 % pull */
  double bkg[10];
  for (int i = 0; i < 10; i++)
    bkg[i] = 10.0 * (ro.exposure / (NUTMM_KG * NUTMM_DAY)) * 0.04;
  nutmm_chi2 *chi;
  nutmm_analysis *conus;
  ck_assert_int_eq(nutmm_chi2_asimov_alloc(10, sm_counts, bkg, 0.10, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_alloc("conus-like", 10, &conus), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_add_rate(conus, rate, ge, reactor, det, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_set_sm(conus, sm_counts), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_set_likelihood(conus, chi), NUTMM_SUCCESS);

  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS); /* a second detector */
  //! [quench-use]
  double ab[2] = {0.18, 1.1};
  nutmm_detector_set_quench_user(det, quench_power, ab, 10 * NUTMM_KEV); /* increasing on [0, T_max] */
  //! [quench-use]
  double Eee;
  ck_assert_int_eq(nutmm_detector_quench(det, 1.0 * NUTMM_KEV, &Eee), NUTMM_SUCCESS);
  ck_assert_rel(Eee, 0.18 * NUTMM_KEV, 1e-12);
  nutmm_detector_free(det);

  /* combined: the tutorial's analysis and TEXONO (eq. 26) on one nu_e moment */
  enum { NM4 = 8 };
  nutmm_coupling unit_e;
  nutmm_coupling_init(&unit_e);
  ck_assert_int_eq(nutmm_coupling_set_flavor(&unit_e, "e", 1.0), NUTMM_SUCCESS);
  double m4[NM4];
  nutmm_scan_point pt[NM4], one[NM4], alone[2][NM4];
  ck_assert_int_eq(nutmm_scan_grid_log(1e-3, 5.0, NM4, m4), NUTMM_SUCCESS);
  //! [combine]
  nutmm_analysis *an[2] = {conus, NULL};                 /* the tutorial's analysis ... */
  nutmm_experiment_build("texono", NULL, &an[1]);        /* ... and TEXONO 2010 (eq. 26) */
  nutmm_scan((const nutmm_analysis *const *)an, 2, &unit_e, m4, NM4, NULL, one, NULL);
  //! [combine]
  ck_assert_ptr_nonnull(an[1]);
  for (int j = 0; j < 2; j++)
    ck_assert_int_eq(nutmm_scan((const nutmm_analysis *const *)&an[j], 1, &unit_e, m4, NM4, NULL,
                                alone[j], NULL), NUTMM_SUCCESS);
  /* The Asimov chi^2 of the tutorial is 0 at mu = 0 and grows with mu, so adding it cannot
   * allow a mu that TEXONO alone excludes: combined <= TEXONO at every m4.  Where TEXONO's
   * preference for mu > 0 is weak (chi2(0) - chi2_best < 0.2) and both have comparable reach
   * (m4 <= 0.1 MeV: 2.3e-10 and 2.9e-10 mu_B), the sum is stronger than either alone.  (Near
   * TEXONO's reach that preference can make the sum weaker than the tutorial alone: the
   * combination is a likelihood sum, not a minimum of limits.) */
  for (int k = 0; k < NM4; k++) {
    ck_assert_int_eq(one[k].status, NUTMM_SCAN_OK);
    ck_assert_msg(one[k].high <= alone[1][k].high * (1.0 + 1e-9), "m4 = %g: combined %g, "
                  "TEXONO %g", m4[k], one[k].high, alone[1][k].high);
    if (m4[k] <= 0.1) {
      ck_assert_msg(alone[1][k].chi2_zero - alone[1][k].chi2_best < 0.2, "TEXONO prefers mu > 0");
      ck_assert_msg(one[k].high < 0.99 * alone[0][k].high && one[k].high < 0.99 * alone[1][k].high,
                    "m4 = %g: combined %g, tutorial %g, TEXONO %g", m4[k], one[k].high,
                    alone[0][k].high, alone[1][k].high);
    }
  }

  /* threads: the same combined scan on two threads is bit-identical */
  //! [threads]
  nutmm_scan_options o;  nutmm_scan_options_default(&o);
  o.threads = 2;
  nutmm_scan((const nutmm_analysis *const *)an, 2, &unit_e, m4, NM4, &o, pt, NULL);
  //! [threads]
  for (int k = 0; k < NM4; k++) {
    ck_assert_int_eq(pt[k].status, one[k].status);
    ck_assert_msg(memcmp(&pt[k].high, &one[k].high, sizeof pt[k].high) == 0,
                  "m4 = %g: %.17g with 2 threads, %.17g with 1", m4[k], pt[k].high, one[k].high);
  }
  nutmm_analysis_free(an[0]);
  nutmm_analysis_free(an[1]);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("tutorial");
  TCase *tc = tcase_create("conus");
  tcase_add_test(tc, test_tutorial_limits);
  tcase_add_test(tc, test_tutorial_fragments);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
