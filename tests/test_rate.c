/* Event-rate engine (rate.h): the planned grid against brute-force adaptive double integrals
 * of eq. (21), with and without smearing, with lines and continua; invariants; the
 * independent solar nu-e rate on xenon of SNuDD (peers/README.md section 2); errors. */
#include <float.h>
#include <string.h>

#include "integrate.h"
#include "nutmm/kinematics.h"
#include "nutmm/nutmm.h"
#include "presets.h"
#include "testutil.h"

/* ---- brute force: N_i = exposure sum_c n_c int dT frac_i(T) int dE Phi(E) dsigma/dT ---- */

typedef struct {
  const nutmm_target *tg;
  const nutmm_flux *flux;
  const nutmm_detector *det;
  nutmm_channel channel;
  nutmm_process process;
  double m4;
  int stepping;
  nutmm_xsec_options xo;
  size_t bin;
  /* inner integral state */
  size_t centre, comp;
  double T;
  const nutmm_rate *rate; /* pointwise dR/dT of the engine, for the outer integral */
} brute;

static double xsec_direct(const brute *b, double E, double T)
{
  nutmm_flux_info info;
  nutmm_flux_component(b->flux, b->comp, &info);
  double s = 0.0;
  if (b->channel == NUTMM_CHANNEL_NUCLEUS) {
    const nutmm_nucleus *nuc = nutmm_target_nucleus(b->tg, b->centre);
    if (b->process == NUTMM_PROCESS_SM)
      s = nutmm_xsec_cevns(E, T, nuc, &b->xo);
    else if (b->process == NUTMM_PROCESS_DIPOLE)
      s = nutmm_xsec_dipole_nucleus(E, T, b->m4, nuc, &b->xo);
    else
      s = nutmm_xsec_int_nucleus(E, T, b->m4, nuc, &b->xo);
  } else {
    const nutmm_atom *atom = b->stepping ? nutmm_target_atom(b->tg, b->centre) : NULL;
    if (b->process == NUTMM_PROCESS_SM)
      s = nutmm_xsec_ees(E, T, info.species, atom, &b->xo);
    else if (b->process == NUTMM_PROCESS_DIPOLE)
      s = nutmm_xsec_dipole_electron(E, T, b->m4, atom, &b->xo);
    else
      s = nutmm_xsec_int_electron(E, T, b->m4, info.species, atom, &b->xo);
  }
  return s;
}

static double inner_integrand(double E, void *p)
{
  brute *b = p;
  return nutmm_flux_eval(b->flux, b->comp, E) * xsec_direct(b, E, b->T);
}

/* dR/dT per kg-exposure unit at T, summed over centres and components, by quadrature in E. */
static double dRdT_direct(brute *b, double T)
{
  double total = 0.0;
  size_t nc = b->channel == NUTMM_CHANNEL_NUCLEUS ? nutmm_target_n_nuclei(b->tg)
                                                  : nutmm_target_n_atoms(b->tg);
  for (b->centre = 0; b->centre < nc; b->centre++) {
    double per_kg = b->channel == NUTMM_CHANNEL_NUCLEUS
                        ? nutmm_target_nuclei_per_kg(b->tg, b->centre)
                        : nutmm_target_atom_electrons_per_kg(b->tg, b->centre);
    const nutmm_nucleus *nuc =
        b->channel == NUTMM_CHANNEL_NUCLEUS ? nutmm_target_nucleus(b->tg, b->centre) : NULL;
    double M = nuc ? nuc->mass : NUTMM_ME;
    double m4 = b->process == NUTMM_PROCESS_SM ? 0.0 : b->m4;
    double E_min = nutmm_kin_emin(T, M, m4);
    for (b->comp = 0; b->comp < nutmm_flux_ncomponents(b->flux); b->comp++) {
      nutmm_flux_info info;
      nutmm_flux_component(b->flux, b->comp, &info);
      b->T = T;
      if (info.is_line) {
        total += per_kg * info.total * xsec_direct(b, info.E_min, T);
        continue;
      }
      double lo = GSL_MAX(E_min, info.E_min), hi = info.E_max;
      if (!(hi > lo))
        continue;
      gsl_function f = {inner_integrand, b};
      double r, e;
      int s = nutmm_quad(&f, lo, hi, 0.0, 1e-9, &r, &e);
      ck_assert_msg(s == NUTMM_SUCCESS || s == NUTMM_ETOL, "%s", nutmm_error_reason());
      total += per_kg * r;
    }
  }
  return total;
}

static double outer_integrand(double T, void *p)
{
  brute *b = p;
  size_t nb = nutmm_detector_nbins(b->det);
  double frac[64];
  ck_assert_uint_le(nb, 64);
  ck_assert_int_eq(nutmm_detector_bin_fractions(b->det, T, frac), NUTMM_SUCCESS);
  if (frac[b->bin] == 0.0)
    return 0.0;
  double d;
  ck_assert_int_eq(nutmm_rate_differential(b->rate, b->process, T, b->m4, NULL, &d),
                   NUTMM_SUCCESS);
  return frac[b->bin] * d;
}

/* Brute-force counts of bin `bin` over [T_lo, T_hi] with breakpoints pts. */
static double brute_bin(brute *b, size_t bin, const double *pts, size_t npts)
{
  b->bin = bin;
  gsl_function f = {outer_integrand, b};
  double r, e;
  int s = nutmm_quad_pts(&f, pts, npts, 0.0, 1e-8, &r, &e);
  ck_assert_msg(s == NUTMM_SUCCESS || s == NUTMM_ETOL, "%s", nutmm_error_reason());
  return r;
}

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* sorted distinct breakpoints: detector breakpoints + extra (line windows) within [lo, hi] */
static size_t make_pts(const nutmm_detector *det, double lo, double hi, const double *extra,
                       size_t nextra, double *pts)
{
  size_t n = 0, nd = 0;
  ck_assert_int_eq(nutmm_detector_true_breakpoints(det, pts, &nd), NUTMM_SUCCESS);
  n = nd;
  for (size_t i = 0; i < nextra; i++)
    pts[n++] = extra[i];
  pts[n++] = lo;
  pts[n++] = hi;
  qsort(pts, n, sizeof *pts, cmp);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (pts[i] >= lo && pts[i] <= hi && (m == 0 || pts[i] > pts[m - 1]))
      pts[m++] = pts[i];
  return m;
}

/* COHERENT-CsI-like detector: quenching polynomial, light yield, logistic acceptance,
 * 12 bins of 2 PE from 6 to 30 PE, no smearing. */
static nutmm_detector *csi_detector(void)
{
  nutmm_detector *det;
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_quench_csi(det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_light_yield(det, TEST_CSI_LY_PER_KEVEE / NUTMM_KEV),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(preset_acceptance_csi2017(det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 6.0, 30.0, 12), NUTMM_SUCCESS);
  return det;
}

static void check_against_brute(nutmm_channel channel, const nutmm_target *tg,
                                const nutmm_flux *flux, const nutmm_detector *det,
                                const nutmm_rate_options *o, nutmm_process proc, double m4,
                                const size_t *bins, size_t nbins_check, double tol)
{
  nutmm_rate *r;
  ck_assert_msg(nutmm_rate_alloc(tg, flux, det, o, &r) == NUTMM_SUCCESS, "%s",
                nutmm_error_reason());
  nutmm_rate_workspace *ws;
  ck_assert_int_eq(nutmm_rate_workspace_alloc(r, &ws), NUTMM_SUCCESS);
  size_t nb = nutmm_rate_nbins(r);
  double counts[64];
  if (proc == NUTMM_PROCESS_SM)
    ck_assert_int_eq(nutmm_rate_sm(r, NULL, counts), NUTMM_SUCCESS);
  else
    ck_assert_msg(nutmm_rate_binned(r, ws, proc, m4, NULL, counts) == NUTMM_SUCCESS, "%s",
                  nutmm_error_reason());

  brute b = {tg, flux, det, channel, proc, m4, o->stepping, o->xsec, 0, 0, 0, 0.0, r};
  /* The pointwise dR/dT (E integral from the flux moments) against direct quadrature in E of
   * flux x cross section at a few recoil energies across the range. */
  {
    double lo0, hi0;
    ck_assert_int_eq(nutmm_detector_true_range(det, o->nsigma, &lo0, &hi0), NUTMM_SUCCESS);
    lo0 = GSL_MAX(lo0, 1e-3 * hi0);
    for (int q = 0; q < 4; q++) {
      double T = lo0 * pow(hi0 / lo0, (q + 0.37) / 4.0), d;
      ck_assert_int_eq(nutmm_rate_differential(r, proc, T, m4, NULL, &d), NUTMM_SUCCESS);
      double direct = o->exposure * dRdT_direct(&b, T);
      ck_assert_msg(fabs(d - direct) <= 1e-6 * fabs(direct) + 1e-12 * fabs(d) + 1e-300,
                    "dR/dT at T = %g: engine %.10g direct %.10g", T, d, direct);
    }
  }
  double lo, hi;
  ck_assert_int_eq(nutmm_detector_true_range(det, o->nsigma, &lo, &hi), NUTMM_SUCCESS);
  if (lo <= 0.0)
    lo = 1e-9;
  /* line windows and atomic edges as breakpoints */
  double extra[256];
  size_t ne = 0;
  size_t nc = channel == NUTMM_CHANNEL_NUCLEUS ? nutmm_target_n_nuclei(tg) : nutmm_target_n_atoms(tg);
  for (size_t c = 0; c < nc; c++) {
    double M = channel == NUTMM_CHANNEL_NUCLEUS ? nutmm_target_nucleus(tg, c)->mass : NUTMM_ME;
    if (channel == NUTMM_CHANNEL_ELECTRON) {
      const nutmm_atom *a = nutmm_target_atom(tg, c);
      for (size_t i = 0; i < a->n_shells && ne < 200; i++)
        extra[ne++] = a->binding[i];
    }
    for (size_t k = 0; k < nutmm_flux_ncomponents(flux); k++) {
      nutmm_flux_info info;
      nutmm_flux_component(flux, k, &info);
      double tm, tp, mm = proc == NUTMM_PROCESS_SM ? 0.0 : m4;
      if (info.is_line && nutmm_kin_recoil_range(info.E_min, M, mm, &tm, &tp) == NUTMM_SUCCESS &&
          ne + 2 < 256) {
        extra[ne++] = tm;
        extra[ne++] = tp;
      }
    }
  }
  double pts[512];
  size_t np = make_pts(det, lo, hi, extra, ne, pts);
  for (size_t q = 0; q < nbins_check; q++) {
    size_t i = bins[q];
    ck_assert_uint_lt(i, nb);
    double ref = brute_bin(&b, i, pts, np);
    ck_assert_msg(fabs(counts[i] - ref) <= tol * fabs(ref) + 1e-300,
                  "process %d m4 %g bin %zu: engine %.10g brute force %.10g (rel %.2e)", (int)proc,
                  m4, i, counts[i], ref, fabs(counts[i] / ref - 1.0));
  }
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
}

START_TEST(test_cevns_pidar_vs_brute_force)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("CsI", &tg), NUTMM_SUCCESS);
  nutmm_flux *flux;
  ck_assert_int_eq(preset_pidar_coherent(&flux), NUTMM_SUCCESS);
  nutmm_detector *det = csi_detector();
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.exposure = 14.57 * NUTMM_KG;
  o.xsec.ff.model = NUTMM_FF_KLEIN_NYSTRAND;
  size_t bins[] = {0, 3, 7, 11};
  check_against_brute(NUTMM_CHANNEL_NUCLEUS, tg, flux, det, &o, NUTMM_PROCESS_SM, 0.0, bins, 4,
                      1e-4);
  check_against_brute(NUTMM_CHANNEL_NUCLEUS, tg, flux, det, &o, NUTMM_PROCESS_DIPOLE, 0.0, bins, 4,
                      1e-4);
  check_against_brute(NUTMM_CHANNEL_NUCLEUS, tg, flux, det, &o, NUTMM_PROCESS_DIPOLE, 12.34, bins,
                      4, 1e-4);
  /* m4 close to the prompt-line reach: the line window is narrow and cuts segments */
  check_against_brute(NUTMM_CHANNEL_NUCLEUS, tg, flux, det, &o, NUTMM_PROCESS_DIPOLE, 27.5, bins,
                      4, 1e-4);
  nutmm_detector_free(det);
  nutmm_flux_free(flux);
  nutmm_target_free(tg);
}
END_TEST

START_TEST(test_ees_solar_smeared_vs_brute_force)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("Xe", &tg), NUTMM_SUCCESS);
  nutmm_solar_options so;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&so), NUTMM_SUCCESS);
  so.mode = NUTMM_SOLAR_FLAVOR;
  nutmm_flux *flux;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&so, &flux), NUTMM_SUCCESS);
  nutmm_detector *det;
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_resolution_xenon1t(det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_efficiency_logistic(det, NUTMM_EFF_OBSERVABLE, 0.93, 3.1e3,
                                                          1.6 * NUTMM_KEV, 0.0),
                   NUTMM_SUCCESS);
  double edges[] = {1 * NUTMM_KEV, 2 * NUTMM_KEV, 5 * NUTMM_KEV, 12 * NUTMM_KEV,
                    30 * NUTMM_KEV};
  ck_assert_int_eq(nutmm_detector_set_bins(det, edges, 5), NUTMM_SUCCESS);
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.channel = NUTMM_CHANNEL_ELECTRON;
  o.exposure = 0.65 * NUTMM_TONNE * NUTMM_YEAR;
  size_t bins[] = {0, 1, 2, 3};
  check_against_brute(NUTMM_CHANNEL_ELECTRON, tg, flux, det, &o, NUTMM_PROCESS_SM, 0.0, bins, 4,
                      1e-4);
  check_against_brute(NUTMM_CHANNEL_ELECTRON, tg, flux, det, &o, NUTMM_PROCESS_DIPOLE, 0.0731,
                      bins, 4, 1e-4);
  nutmm_detector_free(det);
  nutmm_flux_free(flux);
  nutmm_target_free(tg);
}
END_TEST

/* A flux of tables with jumps at the ends of their supports: three nu_e tables on different
 * nodes (one sum) and one nu_mu table. */
static nutmm_flux *boxy_tables(void)
{
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  const double E1[] = {0.1, 0.3, 0.5, 0.8}, f1[] = {2e10, 3e10, 1.5e10, 1e10};
  const double E2[] = {0.2, 0.25, 0.6, 1.2, 1.5}, f2[] = {1e10, 4e10, 2e10, 2e10, 0.5e10};
  const double E3[] = {0.05, 0.4, 0.9}, f3[] = {3e10, 3e10, 3e10};
  const double E4[] = {0.1, 1.0}, f4[] = {1e10, 1e10};
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 4, E1, f1), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "b", 5, E2, f2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_MU, 0, "c", 2, E4, f4), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "d", 3, E3, f3), NUTMM_SUCCESS);
  return f;
}

/* Tables of one species and mass state (a solar flux by mass state: six sources per nu_i)
 * are summed at plan time and taken whole when an evaluation weighs them alike.  Linearity
 * checks it against the per-table path: the spectrum at weights alike within each sum equals
 * the sum of the spectra of each table alone (one non-zero weight: no sum applies), per bin,
 * for the dipole at several m4 (E_min sweeping past the supports' ends), the SM and the
 * interference; and so does a weighting that splits a sum, which the per-table path takes.
 * Fluxes: the solar one by mass state, and tables with jumps at their ends. */
START_TEST(test_table_sums_linear)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("Xe", &tg), NUTMM_SUCCESS);
  nutmm_detector *det;
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_resolution_xenon1t(det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 1 * NUTMM_KEV, 30 * NUTMM_KEV, 29), 0);
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.channel = NUTMM_CHANNEL_ELECTRON;
  enum { NB = 29, NK = 64 };
  for (int fx = 0; fx < 2; fx++) {
    nutmm_flux *flux;
    if (fx == 0) {
      nutmm_solar_options so;
      ck_assert_int_eq(nutmm_flux_solar_options_default(&so), NUTMM_SUCCESS);
      so.mode = NUTMM_SOLAR_MASS;
      ck_assert_int_eq(nutmm_flux_solar_alloc(&so, &flux), NUTMM_SUCCESS);
    } else {
      flux = boxy_tables();
    }
    nutmm_rate *r;
    ck_assert_int_eq(nutmm_rate_alloc(tg, flux, det, &o, &r), NUTMM_SUCCESS);
    nutmm_rate_workspace *ws;
    ck_assert_int_eq(nutmm_rate_workspace_alloc(r, &ws), NUTMM_SUCCESS);
    const size_t nk = nutmm_rate_ncomponents(r);
    ck_assert_uint_le(nk, NK);
    double w[NK], wsplit[NK];
    size_t split = nk;
    for (size_t k = 0; k < nk; k++) {
      nutmm_flux_info info;
      ck_assert_int_eq(nutmm_flux_component(flux, k, &info), NUTMM_SUCCESS);
      const double by_state[5] = {1.3, 0.3, 1.7, 0.9, 0.5}; /* flavour state, nu_1 .. nu_4 */
      ck_assert(info.mass_state >= 0 && info.mass_state <= 4);
      w[k] = by_state[info.mass_state] * (info.species == NUTMM_NU_MU ? 0.6 : 1.0);
      wsplit[k] = w[k];
      if (!info.is_line && info.species == NUTMM_NU_E && info.mass_state == 2 * (fx == 0) &&
          split == nk && k > 0)
        split = k; /* not the first table of its sum */
    }
    ck_assert_uint_lt(split, nk);
    wsplit[split] *= 1.5;
    const nutmm_process procs[5] = {NUTMM_PROCESS_DIPOLE, NUTMM_PROCESS_DIPOLE,
                                    NUTMM_PROCESS_DIPOLE, NUTMM_PROCESS_SM,
                                    NUTMM_PROCESS_INTERFERENCE};
    const double m4s[5] = {0.02, 0.25, 0.5, 0.0, 0.02};
    for (int pr = 0; pr < 5; pr++)
      for (int sp = 0; sp < 2; sp++) {
        const double *wt = sp ? wsplit : w;
        double whole[NB], acc[NB] = {0}, one[NB], e[NK];
        ck_assert_int_eq(nutmm_rate_binned(r, ws, procs[pr], m4s[pr], wt, whole), 0);
        for (size_t k = 0; k < nk; k++) {
          memset(e, 0, sizeof e);
          e[k] = wt[k];
          ck_assert_int_eq(nutmm_rate_binned(r, ws, procs[pr], m4s[pr], e, one), 0);
          for (int i = 0; i < NB; i++)
            acc[i] += one[i];
        }
        double peak = 0.0;
        for (int i = 0; i < NB; i++)
          peak = fmax(peak, fabs(acc[i]));
        ck_assert_msg(peak > 0.0, "flux %d process %d: no counts", fx, pr);
        for (int i = 0; i < NB; i++)
          ck_assert_msg(fabs(whole[i] - acc[i]) <= 1e-12 * fabs(acc[i]) + 1e-15 * peak,
                        "flux %d process %d split %d bin %d: %.17g vs %.17g", fx, pr, sp, i,
                        whole[i], acc[i]);
      }
    nutmm_rate_workspace_free(ws);
    nutmm_rate_free(r);
    nutmm_flux_free(flux);
  }
  nutmm_detector_free(det);
  nutmm_target_free(tg);
}
END_TEST

/* The weak-magnetic interference (eq. 20), the one process the paper keeps only for
 * 51Cr-LXe: 51Cr lines (exact line windows) and the smeared solar continuum on xenon
 * electrons, against the brute force with the direct interference cross section. */
START_TEST(test_interference_vs_brute_force)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("Xe", &tg), NUTMM_SUCCESS);
  nutmm_flux *cr;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(NULL, &cr), NUTMM_SUCCESS);
  nutmm_detector *det;
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  double edges[] = {1 * NUTMM_KEV, 2 * NUTMM_KEV, 5 * NUTMM_KEV, 12 * NUTMM_KEV,
                    30 * NUTMM_KEV};
  ck_assert_int_eq(nutmm_detector_set_bins(det, edges, 5), NUTMM_SUCCESS);
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.channel = NUTMM_CHANNEL_ELECTRON;
  o.exposure = 6.1 * NUTMM_TONNE * 50 * NUTMM_DAY;
  size_t bins[] = {0, 1, 2, 3};
  check_against_brute(NUTMM_CHANNEL_ELECTRON, tg, cr, det, &o, NUTMM_PROCESS_INTERFERENCE, 0.1,
                      bins, 4, 1e-4);
  check_against_brute(NUTMM_CHANNEL_ELECTRON, tg, cr, det, &o, NUTMM_PROCESS_INTERFERENCE, 0.3,
                      bins, 4, 1e-4);
  nutmm_solar_options so;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&so), NUTMM_SUCCESS);
  so.mode = NUTMM_SOLAR_FLAVOR;
  nutmm_flux *sun;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&so, &sun), NUTMM_SUCCESS);
  ck_assert_int_eq(preset_resolution_xenon1t(det), NUTMM_SUCCESS);
  check_against_brute(NUTMM_CHANNEL_ELECTRON, tg, sun, det, &o, NUTMM_PROCESS_INTERFERENCE, 0.05,
                      bins, 4, 1e-4);
  nutmm_flux_free(sun);
  nutmm_detector_free(det);
  nutmm_flux_free(cr);
  nutmm_target_free(tg);
}
END_TEST

/* SNuDD (peers/README.md section 2): SM solar nu-e events on Xe, 1-30 keV true recoil,
 * 0.65 t yr, no efficiency or resolution: 59.547 (free electrons), 56.023 (stepping), with
 * sin^2 theta_W = 0.23122 and the GS98 fluxes.  Remaining differences: their 131Xe molar
 * mass (130.905 vs natural 131.293 g/mol, -0.3 %), their day-time MSW P_ee vs our adiabatic
 * production-density approximation (~1 %): tolerance 2 %. */
START_TEST(test_solar_xenon_vs_snudd)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("Xe", &tg), NUTMM_SUCCESS);
  nutmm_solar_options so;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&so), NUTMM_SUCCESS);
  so.mode = NUTMM_SOLAR_FLAVOR;
  nutmm_flux *flux;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&so, &flux), NUTMM_SUCCESS);
  nutmm_detector *det;
  ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 1 * NUTMM_KEV, 30 * NUTMM_KEV, 29),
                   NUTMM_SUCCESS);
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.channel = NUTMM_CHANNEL_ELECTRON;
  o.exposure = 0.65 * NUTMM_TONNE * NUTMM_YEAR;
  o.xsec.sin2w = 0.23122;
  const double ref[2] = {59.547, 56.023};
  for (int stepping = 0; stepping <= 1; stepping++) {
    o.stepping = stepping;
    nutmm_rate *r;
    ck_assert_msg(nutmm_rate_alloc(tg, flux, det, &o, &r) == NUTMM_SUCCESS, "%s",
                  nutmm_error_reason());
    double counts[29], total = 0.0;
    ck_assert_int_eq(nutmm_rate_sm(r, NULL, counts), NUTMM_SUCCESS);
    for (int i = 0; i < 29; i++)
      total += counts[i];
    ck_assert_rel(total, ref[stepping], 0.02);
    nutmm_rate_free(r);
  }
  nutmm_detector_free(det);
  nutmm_flux_free(flux);
  nutmm_target_free(tg);
}
END_TEST

START_TEST(test_invariants_and_reach)
{
  nutmm_target *tg;
  ck_assert_int_eq(nutmm_target_alloc("CsI", &tg), NUTMM_SUCCESS);
  nutmm_flux *flux;
  ck_assert_int_eq(preset_pidar_coherent(&flux), NUTMM_SUCCESS);
  nutmm_detector *det = csi_detector();
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.exposure = 14.57;
  nutmm_rate *r;
  ck_assert_int_eq(nutmm_rate_alloc(tg, flux, det, &o, &r), NUTMM_SUCCESS);
  nutmm_rate_workspace *ws;
  ck_assert_int_eq(nutmm_rate_workspace_alloc(r, &ws), NUTMM_SUCCESS);
  size_t nb = nutmm_rate_nbins(r), nk = nutmm_rate_ncomponents(r);
  ck_assert_uint_eq(nb, 12);
  ck_assert_uint_eq(nk, 3);
  /* the sum over components of the species-weighted spectra is the total */
  double tot[12], part[12], acc[12] = {0};
  ck_assert_int_eq(nutmm_rate_dipole(r, ws, 5.0, NULL, tot), NUTMM_SUCCESS);
  for (int s = 0; s < NUTMM_N_SPECIES; s++) {
    double wsp[NUTMM_N_SPECIES] = {0}, w[3];
    wsp[s] = 1.0;
    ck_assert_int_eq(nutmm_rate_weights_species(r, wsp, w), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_rate_dipole(r, ws, 5.0, w, part), NUTMM_SUCCESS);
    for (size_t i = 0; i < nb; i++)
      acc[i] += part[i];
  }
  for (size_t i = 0; i < nb; i++) {
    ck_assert_rel(acc[i], tot[i], 1e-12);
    ck_assert(tot[i] > 0.0);
  }
  /* weights are linear */
  double w2[3] = {2.5, 2.5, 2.5};
  ck_assert_int_eq(nutmm_rate_dipole(r, ws, 5.0, w2, part), NUTMM_SUCCESS);
  for (size_t i = 0; i < nb; i++)
    ck_assert_rel(part[i], 2.5 * tot[i], 1e-12);
  /* above the pi-DAR reach (E_max = m_mu/2 = 52.8 MeV) nothing is produced */
  ck_assert_int_eq(nutmm_rate_dipole(r, ws, 53.0, NULL, part), NUTMM_SUCCESS);
  for (size_t i = 0; i < nb; i++)
    ck_assert(part[i] == 0.0);
  /* the dipole spectrum falls monotonically with m4 towards the reach */
  double prev = INFINITY;
  for (double m4 = 1.0; m4 < 53.0; m4 += 6.5) {
    ck_assert_int_eq(nutmm_rate_dipole(r, ws, m4, NULL, part), NUTMM_SUCCESS);
    double s = 0.0;
    for (size_t i = 0; i < nb; i++)
      s += part[i];
    ck_assert_msg(s < prev, "m4 = %g: %g not below %g", m4, s, prev);
    prev = s;
  }
  /* the nuclear interference term is tiny compared with the dipole (paper, Sec. 2.4) */
  ck_assert_int_eq(nutmm_rate_interference(r, ws, 10.0, NULL, part), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_dipole(r, ws, 10.0, NULL, tot), NUTMM_SUCCESS);
  ck_assert(fabs(part[3]) < 1e-3 * tot[3]);
  /* differential rate integrates to the unsmeared counts of a bin without efficiency is
   * covered by the brute-force tests; here: it is positive and finite */
  double d;
  ck_assert_int_eq(nutmm_rate_differential(r, NUTMM_PROCESS_SM, 0.01, 0.0, NULL, &d),
                   NUTMM_SUCCESS);
  ck_assert(d > 0.0 && isfinite(d));

  /* errors */
  ck_assert_int_eq(nutmm_rate_dipole(r, ws, -1.0, NULL, part), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_rate_dipole(r, ws, NAN, NULL, part), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_rate_dipole(r, NULL, 1.0, NULL, part), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_rate_differential(r, NUTMM_PROCESS_SM, -0.01, 0.0, NULL, &d),
                   NUTMM_EDOM);
  nutmm_rate *bad = NULL;
  nutmm_rate_options ob = o;
  ob.exposure = -1.0;
  ck_assert_int_eq(nutmm_rate_alloc(tg, flux, det, &ob, &bad), NUTMM_EDOM);
  ck_assert_ptr_null(bad);
  ob = o;
  ob.gl_order = 1;
  ck_assert_int_eq(nutmm_rate_alloc(tg, flux, det, &ob, &bad), NUTMM_EDOM);
  double wnan[3] = {1.0, NAN, 1.0};
  ck_assert_int_eq(nutmm_rate_dipole(r, ws, 5.0, wnan, part), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_rate_sm(r, wnan, part), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_rate_differential(r, NUTMM_PROCESS_SM, 0.01, 0.0, wnan, &d), NUTMM_EDOM);
  ob = o;
  ob.max_ratio = 1.0 + 1e-12;
  ck_assert_int_eq(nutmm_rate_alloc(tg, flux, det, &ob, &bad), NUTMM_EDOM);
  nutmm_detector *nobins;
  ck_assert_int_eq(nutmm_detector_alloc(&nobins), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_rate_alloc(tg, flux, nobins, &o, &bad), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_rate_alloc(NULL, flux, det, &o, &bad), NUTMM_EFAULT);
  nutmm_detector_free(nobins);

  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
  nutmm_detector_free(det);
  nutmm_flux_free(flux);
  nutmm_target_free(tg);
}
END_TEST

/* Closed kinematics far above every flux energy: zero counts, not an error.  The dipole
 * coefficients of eqs. (17)-(18) hold m4^4 and overflow to inf beyond m4 ~ 1e75 MeV while
 * the flux above E_min(T) (eq. 22) is empty; the engine must not multiply the two (inf x 0
 * was NaN up to m4 ~ 1.3e154 MeV, where m4^2 overflows too).  Every process, both channels,
 * a table continuum with lines (solar) and analytic ones with a line (pi-DAR), and m4 from
 * just above the largest flux energy to DBL_MAX. */
START_TEST(test_closed_kinematics_any_m4)
{
  const double m4s[] = {60.0, 1e6, 1e75, 5.6e75, 1e77, 4.6e102, 1e154, 2e154, 1e300, DBL_MAX};
  for (int ch = 0; ch < 2; ch++) {
    nutmm_target *tg;
    nutmm_flux *flux;
    ck_assert_int_eq(nutmm_target_alloc(ch ? "Xe" : "CsI", &tg), NUTMM_SUCCESS);
    if (ch)
      ck_assert_int_eq(nutmm_flux_solar_alloc(NULL, &flux), NUTMM_SUCCESS);
    else
      ck_assert_int_eq(preset_pidar_coherent(&flux), NUTMM_SUCCESS);
    nutmm_detector *det;
    ck_assert_int_eq(nutmm_detector_alloc(&det), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_detector_set_bins_uniform(det, 1.0 * NUTMM_KEV, 30.0 * NUTMM_KEV, 6),
                     NUTMM_SUCCESS);
    nutmm_rate_options o;
    nutmm_rate_options_default(&o);
    o.channel = ch ? NUTMM_CHANNEL_ELECTRON : NUTMM_CHANNEL_NUCLEUS;
    nutmm_rate *r;
    nutmm_rate_workspace *ws;
    ck_assert_int_eq(nutmm_rate_alloc(tg, flux, det, &o, &r), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_rate_workspace_alloc(r, &ws), NUTMM_SUCCESS);
    double open[6], counts[6], dRdT;
    /* the plan sees a dipole signal at small m4, so zeros below are kinematics, not a dead plan */
    ck_assert_int_eq(nutmm_rate_dipole(r, ws, 0.01, NULL, open), NUTMM_SUCCESS);
    ck_assert_msg(open[0] > 0.0, "no dipole counts at m4 = 0.01 MeV (channel %d)", ch);
    for (size_t k = 0; k < sizeof m4s / sizeof m4s[0]; k++) {
      ck_assert_msg(nutmm_rate_dipole(r, ws, m4s[k], NULL, counts) == NUTMM_SUCCESS,
                    "dipole, channel %d, m4 = %g: %s", ch, m4s[k], nutmm_error_reason());
      for (size_t i = 0; i < 6; i++)
        ck_assert_msg(counts[i] == 0.0, "dipole bin %zu = %g at m4 = %g", i, counts[i], m4s[k]);
      ck_assert_msg(nutmm_rate_interference(r, ws, m4s[k], NULL, counts) == NUTMM_SUCCESS,
                    "interference, channel %d, m4 = %g: %s", ch, m4s[k], nutmm_error_reason());
      for (size_t i = 0; i < 6; i++)
        ck_assert_msg(counts[i] == 0.0, "interference bin %zu = %g at m4 = %g", i, counts[i],
                      m4s[k]);
      ck_assert_msg(nutmm_rate_differential(r, NUTMM_PROCESS_DIPOLE, 10.0 * NUTMM_KEV, m4s[k], NULL,
                                            &dRdT) == NUTMM_SUCCESS,
                    "differential, channel %d, m4 = %g: %s", ch, m4s[k], nutmm_error_reason());
      ck_assert_msg(dRdT == 0.0, "dR/dT = %g at m4 = %g", dRdT, m4s[k]);
    }
    nutmm_rate_workspace_free(ws);
    nutmm_rate_free(r);
    nutmm_detector_free(det);
    nutmm_flux_free(flux);
    nutmm_target_free(tg);
  }
}
END_TEST

int main(void)
{
  Suite *s = suite_create("rate");
  TCase *tc = tcase_create("rate");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_cevns_pidar_vs_brute_force);
  tcase_add_test(tc, test_ees_solar_smeared_vs_brute_force);
  tcase_add_test(tc, test_table_sums_linear);
  tcase_add_test(tc, test_interference_vs_brute_force);
  tcase_add_test(tc, test_solar_xenon_vs_snudd);
  tcase_add_test(tc, test_invariants_and_reach);
  tcase_add_test(tc, test_closed_kinematics_any_m4);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
