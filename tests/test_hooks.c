/* The open engine: the (channel x process) table of xsec.h against the direct cross
 * sections, user cross sections in the rate engine (a re-implementation of the built-in SM
 * gives the same spectra; a light vector mediator against a brute-force double integral),
 * hook errors; Lindhard quenching; the reactor flux from thermal power. */
#include <string.h>

#include "integrate.h"
#include "nutmm/kinematics.h"
#include "nutmm/nutmm.h"
#include "presets.h"
#include "testutil.h"

/* ---- the table ------------------------------------------------------------------------ */

START_TEST(test_point_coef_matches_direct)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("CsI", &tg), NUTMM_SUCCESS);
  const nutmm_nucleus *nuc = nutmm_target_nucleus(tg, 1);
  const nutmm_atom *atom = nutmm_target_atom(tg, 0);
  nutmm_xsec_options o;
  nutmm_xsec_options_default(&o);
  o.ff.model = NUTMM_FF_KLEIN_NYSTRAND;
  const double T = 0.0137, m4 = 2.385;
  nutmm_xsec_point pn, pe;
  ck_assert_int_eq(nutmm_xsec_point_nucleus(T, nuc, &o, &pn), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_xsec_point_electron(T * 1e-2, atom, &pe), NUTMM_SUCCESS);
  double a[3], b[3], ea, eb;
  ck_assert_int_eq(nutmm_xsec_point_coef(&pn, NUTMM_PROCESS_SM, NUTMM_NU_MU, m4, &o, a, &ea), 0);
  ck_assert_int_eq(nutmm_xsec_cevns_coef(T, nuc, &o, b, &eb), 0);
  for (int k = 0; k < 3; k++)
    ck_assert(a[k] == b[k]);
  ck_assert(ea == eb);
  ck_assert_int_eq(nutmm_xsec_point_coef(&pn, NUTMM_PROCESS_DIPOLE, NUTMM_NU_MU, m4, &o, a, &ea), 0);
  ck_assert_int_eq(nutmm_xsec_dipole_nucleus_coef(T, m4, nuc, &o, b, &eb), 0);
  for (int k = 0; k < 3; k++)
    ck_assert(a[k] == b[k]);
  ck_assert(ea == eb && ea > nutmm_kin_emin(T, nuc->mass, 0.0));
  ck_assert_int_eq(
      nutmm_xsec_point_coef(&pe, NUTMM_PROCESS_INTERFERENCE, NUTMM_NUBAR_E, 0.0123, &o, a, &ea), 0);
  ck_assert_int_eq(nutmm_xsec_int_electron_coef(T * 1e-2, 0.0123, NUTMM_NUBAR_E, atom, &o, b, &eb),
                   0);
  for (int k = 0; k < 3; k++)
    ck_assert(a[k] == b[k]);
  ck_assert(ea == eb);
  /* the species flags of the table */
  ck_assert(nutmm_xsec_species_dependent(NUTMM_CHANNEL_ELECTRON, NUTMM_PROCESS_SM));
  ck_assert(nutmm_xsec_species_dependent(NUTMM_CHANNEL_ELECTRON, NUTMM_PROCESS_INTERFERENCE));
  ck_assert(!nutmm_xsec_species_dependent(NUTMM_CHANNEL_ELECTRON, NUTMM_PROCESS_DIPOLE));
  ck_assert(!nutmm_xsec_species_dependent(NUTMM_CHANNEL_NUCLEUS, NUTMM_PROCESS_SM));
  /* errors: T = 0 for the dipole, unknown process, NULL point */
  nutmm_xsec_point p0;
  ck_assert_int_eq(nutmm_xsec_point_nucleus(0.0, nuc, &o, &p0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_xsec_point_coef(&p0, NUTMM_PROCESS_DIPOLE, NUTMM_NU_E, m4, &o, a, &ea),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_xsec_point_coef(&pn, (nutmm_process)7, NUTMM_NU_E, m4, &o, a, &ea),
                   NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_xsec_point_coef(NULL, NUTMM_PROCESS_SM, NUTMM_NU_E, m4, &o, a, &ea),
                   NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_xsec_point_nucleus(-1.0, nuc, &o, &p0), NUTMM_EDOM);
  nutmm_target_free(tg);
}
END_TEST

/* ---- user cross sections -------------------------------------------------------------- */

/* SM CEvNS, eq. (11): (G_F^2 M / pi) Q_W^2 (1 - M T/(2E^2)), written from the point. */
static int hook_cevns(const nutmm_xsec_point *pt, nutmm_species s, double m4, void *params,
                      double c[3], double *E_min)
{
  (void)s, (void)m4, (void)params, (void)E_min;
  double K = NUTMM_GF * NUTMM_GF * pt->M / NUTMM_PI * pt->Q_W * pt->Q_W * NUTMM_HBARC2;
  c[0] = K;
  c[1] = 0.0;
  c[2] = -0.5 * K * pt->M * pt->T;
  return NUTMM_SUCCESS;
}

/* SM EES, eq. (14), per species, times S(T): (2 G_F^2 m_e/pi)[g_L^2 + g_R^2 (1 - T/E)^2
 * - g_L g_R m_e T/E^2]. */
static int hook_ees(const nutmm_xsec_point *pt, nutmm_species s, double m4, void *params,
                    double c[3], double *E_min)
{
  (void)m4, (void)E_min;
  const double sin2w = *(const double *)params;
  double gL, gR;
  int st = nutmm_xsec_ees_couplings(s, sin2w, &gL, &gR);
  if (st)
    return st;
  const double T = pt->T, K = 2.0 * NUTMM_GF * NUTMM_GF * NUTMM_ME / NUTMM_PI * NUTMM_HBARC2 * pt->S;
  c[0] = K * (gL * gL + gR * gR);
  c[1] = -2.0 * K * gR * gR * T;
  c[2] = K * T * (gR * gR * T - gL * gR * NUTMM_ME);
  return NUTMM_SUCCESS;
}

static void plan(const char *target, const nutmm_flux *flux, nutmm_channel ch,
                 nutmm_detector *det, nutmm_target **tg, nutmm_rate **r, nutmm_rate_workspace **ws)
{
  ck_assert_int_eq(nutmm_target_alloc(target, tg), NUTMM_SUCCESS);
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.channel = ch;
  o.exposure = 3.71 * NUTMM_KG;
  ck_assert_msg(nutmm_rate_alloc(*tg, flux, det, &o, r) == NUTMM_SUCCESS, "%s",
                nutmm_error_reason());
  ck_assert_int_eq(nutmm_rate_workspace_alloc(*r, ws), NUTMM_SUCCESS);
}

START_TEST(test_user_sm_reimplementation)
{
  /* CEvNS: pi-DAR on CsI with quenching, light yield and acceptance */
  nutmm_flux *pidar;
  nutmm_detector *det;
  ck_assert_int_eq(preset_pidar_coherent(&pidar), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_quench_csi(det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_light_yield(det, TEST_CSI_LY_PER_KEVEE / NUTMM_KEV), 0);
  ck_assert_int_eq(preset_acceptance_csi2017(det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 6.0, 30.0, 12), NUTMM_SUCCESS);
  nutmm_target *tg;
  nutmm_rate *r;
  nutmm_rate_workspace *ws;
  plan("CsI", pidar, NUTMM_CHANNEL_NUCLEUS, det, &tg, &r, &ws);
  nutmm_xsec_user u = {hook_cevns, NULL, 0};
  double sm[12], us[12], w[3] = {0.37, 1.9, 0.61};
  ck_assert_int_eq(nutmm_rate_sm(r, w, sm), NUTMM_SUCCESS);
  ck_assert_msg(nutmm_rate_user(r, ws, &u, 0.0, w, us) == NUTMM_SUCCESS, "%s",
                nutmm_error_reason());
  for (int i = 0; i < 12; i++) {
    ck_assert(sm[i] > 0.0);
    ck_assert_rel(us[i], sm[i], 1e-14);
  }
  /* the pointwise form too */
  double d_user, d_sm;
  ck_assert_int_eq(nutmm_rate_user_differential(r, &u, 0.0123, 0.0, w, &d_user), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_differential(r, NUTMM_PROCESS_SM, 0.0123, 0.0, w, &d_sm), 0);
  ck_assert_rel(d_user, d_sm, 1e-14);
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
  nutmm_target_free(tg);
  nutmm_detector_free(det);

  /* EES with S(T), species-dependent: the four 51Cr lines (window edges cut segments) on Xe */
  nutmm_flux *cr;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(NULL, &cr), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 1.0 * NUTMM_KEV, 540.0 * NUTMM_KEV, 17), 0);
  plan("Xe", cr, NUTMM_CHANNEL_ELECTRON, det, &tg, &r, &ws);
  double sin2w = NUTMM_SIN2W_DEFAULT;
  nutmm_xsec_user ue = {hook_ees, &sin2w, 1};
  double sme[17], use[17];
  ck_assert_int_eq(nutmm_rate_sm(r, NULL, sme), NUTMM_SUCCESS);
  ck_assert_msg(nutmm_rate_user(r, ws, &ue, 0.0, NULL, use) == NUTMM_SUCCESS, "%s",
                nutmm_error_reason());
  for (int i = 0; i < 17; i++) {
    ck_assert(sme[i] > 0.0);
    ck_assert_rel(use[i], sme[i], 1e-14);
  }
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
  nutmm_target_free(tg);
  nutmm_detector_free(det);
  nutmm_flux_free(cr);
  nutmm_flux_free(pidar);
}
END_TEST

/* A light vector mediator coupling universally to quarks (g_nu g_q, mass m_V): every quark's
 * vector coupling gains g_nu g_q / (sqrt2 G_F (q^2 + m_V^2)), i.e. the weak charge of eq. (12)
 * gains 3 g_nu g_q (Z F_p + N F_n) / (sqrt2 G_F (2MT + m_V^2)) (e.g. Cerdeno et al.,
 * JHEP 05 (2016) 118).  Active final neutrino: m4 = 0. */
typedef struct {
  double gg, mV; /* g_nu g_q; MeV */
} mediator;

static double mediator_charge(const mediator *p, const nutmm_nucleus *nuc, double Fp, double Fn,
                              double T)
{
  double q2 = 2.0 * nuc->mass * T;
  return 3.0 * p->gg * (nuc->Z * Fp + nuc->N * Fn) / (NUTMM_SQRT2 * NUTMM_GF * (q2 + p->mV * p->mV));
}

static int hook_mediator(const nutmm_xsec_point *pt, nutmm_species s, double m4, void *params,
                         double c[3], double *E_min)
{
  (void)s, (void)m4, (void)E_min;
  const double Q = pt->Q_W + mediator_charge(params, pt->nucleus, pt->Fp, pt->Fn, pt->T);
  double K = NUTMM_GF * NUTMM_GF * pt->M / NUTMM_PI * Q * Q * NUTMM_HBARC2;
  c[0] = K;
  c[1] = 0.0;
  c[2] = -0.5 * K * pt->M * pt->T;
  return NUTMM_SUCCESS;
}

/* brute force of one bin: int dT [sum_k int dE Phi_k dsigma/dT + lines], dsigma/dT directly */
typedef struct {
  const nutmm_flux *flux;
  const nutmm_nucleus *nuc;
  const mediator *med;
  size_t comp;
  double T, Q2; /* current recoil and its total charge squared */
} brute;

static double dsdT(const brute *b, double E)
{
  const double M = b->nuc->mass, T = b->T;
  if (E < nutmm_kin_emin(T, M, 0.0))
    return 0.0;
  return NUTMM_GF * NUTMM_GF * M / NUTMM_PI * b->Q2 * (1.0 - M * T / (2.0 * E * E)) * NUTMM_HBARC2;
}

static double inner(double E, void *p)
{
  brute *b = p;
  return nutmm_flux_eval(b->flux, b->comp, E) * dsdT(b, E);
}

static double outer(double T, void *p)
{
  brute *b = p;
  double QW, Fp, Fn;
  nutmm_xsec_options o;
  nutmm_xsec_options_default(&o);
  ck_assert_int_eq(nutmm_xsec_weak_charge(T, b->nuc, &o, &QW), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_ff_eval_T(&o.ff, b->nuc, T, &Fp, &Fn), NUTMM_SUCCESS);
  const double Q = QW + mediator_charge(b->med, b->nuc, Fp, Fn, T);
  b->T = T;
  b->Q2 = Q * Q;
  double total = 0.0;
  for (b->comp = 0; b->comp < nutmm_flux_ncomponents(b->flux); b->comp++) {
    nutmm_flux_info info;
    nutmm_flux_component(b->flux, b->comp, &info);
    if (info.is_line) {
      total += info.total * dsdT(b, info.E_min);
      continue;
    }
    double lo = GSL_MAX(nutmm_kin_emin(T, b->nuc->mass, 0.0), info.E_min);
    if (!(info.E_max > lo))
      continue;
    gsl_function f = {inner, b};
    double r, e;
    int s = nutmm_quad(&f, lo, info.E_max, 0.0, 1e-10, &r, &e);
    ck_assert_msg(s == NUTMM_SUCCESS || s == NUTMM_ETOL, "%s", nutmm_error_reason());
    total += r;
  }
  return total;
}

START_TEST(test_light_mediator_vs_brute_force)
{
  nutmm_flux *pidar;
  nutmm_detector *det;
  ck_assert_int_eq(preset_pidar_coherent(&pidar), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  const double edges[7] = {5e-3, 1.1e-2, 2e-2, 3.3e-2, 5e-2, 7.5e-2, 0.11}; /* MeV, true recoil */
  ck_assert_int_eq(nutmm_detector_set_bins(det, edges, 7), NUTMM_SUCCESS);
  nutmm_target *tg;
  nutmm_rate *r;
  nutmm_rate_workspace *ws;
  plan("Ar40", pidar, NUTMM_CHANNEL_NUCLEUS, det, &tg, &r, &ws);
  ck_assert_uint_eq(nutmm_target_n_nuclei(tg), 1);
  mediator med = {1.7e-9, 13.1};
  nutmm_xsec_user u = {hook_mediator, &med, 0};
  double counts[6], sm[6];
  ck_assert_msg(nutmm_rate_user(r, ws, &u, 0.0, NULL, counts) == NUTMM_SUCCESS, "%s",
                nutmm_error_reason());
  ck_assert_int_eq(nutmm_rate_sm(r, NULL, sm), NUTMM_SUCCESS);
  brute b = {pidar, nutmm_target_nucleus(tg, 0), &med, 0, 0.0, 0.0};
  const double scale = 3.71 * NUTMM_KG * nutmm_target_nuclei_per_kg(tg, 0);
  for (int i = 0; i < 6; i++) {
    gsl_function f = {outer, &b};
    double v, e;
    int s = nutmm_quad(&f, edges[i], edges[i + 1], 0.0, 1e-9, &v, &e);
    ck_assert_msg(s == NUTMM_SUCCESS || s == NUTMM_ETOL, "%s", nutmm_error_reason());
    ck_assert_rel(counts[i], scale * v, 1e-6);
    /* the mediator matters: at least 10 % away from the SM in every bin */
    ck_assert_msg(fabs(counts[i] / sm[i] - 1.0) > 0.1, "bin %d: ratio %g", i, counts[i] / sm[i]);
  }
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
  nutmm_target_free(tg);
  nutmm_detector_free(det);
  nutmm_flux_free(pidar);
}
END_TEST

static int hook_fails(const nutmm_xsec_point *pt, nutmm_species s, double m4, void *params,
                      double c[3], double *E_min)
{
  (void)pt, (void)s, (void)m4, (void)params, (void)c, (void)E_min;
  return nutmm_error_set(NUTMM_EDOM, "hook_fails", "deliberately");
}

static int hook_nan(const nutmm_xsec_point *pt, nutmm_species s, double m4, void *params,
                    double c[3], double *E_min)
{
  (void)pt, (void)s, (void)m4, (void)params, (void)E_min;
  c[0] = NAN;
  c[1] = c[2] = 0.0;
  return NUTMM_SUCCESS;
}

START_TEST(test_user_errors)
{
  nutmm_flux *pidar;
  nutmm_detector *det;
  ck_assert_int_eq(preset_pidar_coherent(&pidar), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 0.01, 0.05, 4), NUTMM_SUCCESS);
  nutmm_target *tg;
  nutmm_rate *r;
  nutmm_rate_workspace *ws;
  plan("Ar40", pidar, NUTMM_CHANNEL_NUCLEUS, det, &tg, &r, &ws);
  double counts[4];
  nutmm_xsec_user bad = {hook_fails, NULL, 0}, nan = {hook_nan, NULL, 0}, none = {NULL, NULL, 0};
  ck_assert_int_eq(nutmm_rate_user(r, ws, &bad, 0.0, NULL, counts), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "deliberately"));
  ck_assert_int_eq(nutmm_rate_user(r, ws, &nan, 0.0, NULL, counts), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_rate_user(r, ws, &none, 0.0, NULL, counts), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_rate_user(r, ws, NULL, 0.0, NULL, counts), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_rate_user(r, ws, &bad, -1.0, NULL, counts), NUTMM_EDOM);
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
  nutmm_target_free(tg);
  nutmm_detector_free(det);
  nutmm_flux_free(pidar);
}
END_TEST

/* ---- Lindhard quenching ---------------------------------------------------------------- */

START_TEST(test_lindhard)
{
  /* Lindhard's k for Ge (Z = 32, A = 72.63) and Xe (54, 131.29): the quoted 0.157 and 0.166 */
  ck_assert_abs(nutmm_lindhard_k(32.0, 72.63), 0.157, 5e-4);
  ck_assert_abs(nutmm_lindhard_k(54.0, 131.29), 0.166, 5e-4);
  ck_assert(isnan(nutmm_lindhard_k(-1.0, 10.0)));
  nutmm_detector *det;
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  const double Z = 32.0, k = 0.157, Tmax = 0.5;
  ck_assert_int_eq(nutmm_detector_set_quench_lindhard(det, Z, k, Tmax), NUTMM_SUCCESS);
  double prev = 0.0;
  for (int i = 1; i <= 40; i++) {
    const double T = Tmax * pow(1e-4, (40 - i) / 40.0); /* 50 eV .. 0.5 MeV */
    double E, Tb;
    ck_assert_int_eq(nutmm_detector_quench(det, T, &E), NUTMM_SUCCESS);
    /* the formula, written here once more */
    const double eps = 11.5 * pow(Z, -7.0 / 3.0) * (T / NUTMM_KEV);
    const double g = 3.0 * pow(eps, 0.15) + 0.7 * pow(eps, 0.6) + eps;
    ck_assert_rel(E, T * k * g / (1.0 + k * g), 1e-14);
    ck_assert(E > prev && E < T); /* increasing, QF < 1 */
    prev = E;
    ck_assert_int_eq(nutmm_detector_quench_inverse(det, E, &Tb), NUTMM_SUCCESS);
    ck_assert_rel(Tb, T, 1e-10);
  }
  /* Ge at 10 keVnr: QF ~ 0.23 (Lindhard with k = 0.157) */
  double E10;
  ck_assert_int_eq(nutmm_detector_quench(det, 10.0 * NUTMM_KEV, &E10), NUTMM_SUCCESS);
  ck_assert(E10 / (10.0 * NUTMM_KEV) > 0.22 && E10 / (10.0 * NUTMM_KEV) < 0.25);
  /* larger k quenches less */
  double Ek;
  ck_assert_int_eq(nutmm_detector_set_quench_lindhard(det, Z, 0.2, Tmax), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_quench(det, 10.0 * NUTMM_KEV, &Ek), NUTMM_SUCCESS);
  ck_assert(Ek > E10);
  ck_assert_int_eq(nutmm_detector_set_quench_lindhard(det, Z, -0.1, Tmax), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_quench_lindhard(det, Z, 0.1, INFINITY), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_detector_set_quench_lindhard(NULL, Z, 0.1, 1.0), NUTMM_EFAULT);
  /* the failed calls left the k = 0.2 map */
  ck_assert_int_eq(nutmm_detector_quench(det, 10.0 * NUTMM_KEV, &E10), NUTMM_SUCCESS);
  ck_assert(E10 == Ek);
  nutmm_detector_free(det);
}
END_TEST

/* ---- reactor flux from thermal power ----------------------------------------------------- */

START_TEST(test_reactor_power)
{
  nutmm_reactor_options o;
  nutmm_flux_reactor_options_default(&o);
  double Ef[NUTMM_REACTOR_NISOTOPES];
  ck_assert_int_eq(nutmm_flux_reactor_fission_energy(Ef), NUTMM_SUCCESS);
  ck_assert_abs(Ef[NUTMM_REACTOR_U235], 202.36, 1e-9);
  ck_assert_abs(Ef[NUTMM_REACTOR_PU241], 214.26, 1e-9);
  const double P = 2.9e9, L = 28.0 * NUTMM_METER; /* Kuo-Sheng-like: 2.9 GW at 28 m */
  nutmm_flux *f, *g, *shape;
  nutmm_reactor_yield y, y2;
  ck_assert_int_eq(nutmm_flux_reactor_power_alloc(&o, P, L, &f, &y), NUTMM_SUCCESS);
  /* fissions per second from the fraction-weighted energy per fission */
  double fs = 0.0, Em = 0.0;
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++)
    fs += o.fission_fraction[k];
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++)
    Em += o.fission_fraction[k] / fs * Ef[k];
  ck_assert_rel(y.energy_per_fission, Em, 1e-14);
  ck_assert_rel(y.fissions_per_second, P / (Em * 1.602176634e-13), 1e-14);
  /* the known scales: about 6 anti-nu_e per fission, ~2e20 per second per GW */
  ck_assert_msg(y.nu_per_fission > 5.0 && y.nu_per_fission < 7.0, "%g", y.nu_per_fission);
  const double per_GW = y.nu_per_second / (P / 1e9);
  ck_assert_msg(per_GW > 1.5e20 && per_GW < 2.2e20, "%g nu/s/GW", per_GW);
  /* total = rate / (4 pi L^2); the shape is the one of nutmm_flux_reactor_alloc() */
  double tot, tot_shape;
  ck_assert_int_eq(nutmm_flux_total(f, 0, &tot), NUTMM_SUCCESS);
  ck_assert_rel(tot, y.nu_per_second / (4.0 * NUTMM_PI * L * L), 1e-12);
  o.total = 1.0;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &shape), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_total(shape, 0, &tot_shape), NUTMM_SUCCESS);
  for (double E = 0.31; E < 9.0; E *= 1.7)
    ck_assert_rel(nutmm_flux_eval(f, 0, E) / tot, nutmm_flux_eval(shape, 0, E) / tot_shape, 1e-12);
  /* power / distance^2 scaling */
  ck_assert_int_eq(nutmm_flux_reactor_power_alloc(&o, 2.5 * P, 1.7 * L, &g, &y2), NUTMM_SUCCESS);
  double tot2;
  ck_assert_int_eq(nutmm_flux_total(g, 0, &tot2), NUTMM_SUCCESS);
  ck_assert_rel(tot2 / tot, 2.5 / (1.7 * 1.7), 1e-12);
  ck_assert_rel(y2.nu_per_fission, y.nu_per_fission, 1e-14);
  /* errors */
  nutmm_flux *h;
  ck_assert_int_eq(nutmm_flux_reactor_power_alloc(&o, -1.0, L, &h, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_reactor_power_alloc(&o, P, 0.0, &h, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_reactor_power_alloc(&o, NAN, L, &h, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_reactor_power_alloc(&o, P, L, NULL, NULL), NUTMM_EFAULT);
  nutmm_flux_free(f);
  nutmm_flux_free(g);
  nutmm_flux_free(shape);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("hooks");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_point_coef_matches_direct);
  tcase_add_test(tc, test_user_sm_reimplementation);
  tcase_add_test(tc, test_light_mediator_vs_brute_force);
  tcase_add_test(tc, test_user_errors);
  tcase_add_test(tc, test_lindhard);
  tcase_add_test(tc, test_reactor_power);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
