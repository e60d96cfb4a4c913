/* XENON1T SR1 electron recoils and the sterile dipole portal (arXiv:2109.09545 Sec. 3.1,
 * eq. (23); data/experiments/xenon1t/README.md).
 *
 * Signal: solar neutrinos nu_i + e -> nu_4 + e on the 54 electrons of Xe, eq. (19) with the
 * stepping function S(T) of eq. (16); the full B16-GS98 Sun (pp, pep, hep, 7Be, 8B, 13N, 15O,
 * 17F) arriving as incoherent mass states nu_i with probabilities P_ei (the flux module's
 * mass-state components).  An effective moment of flavour a then acts on the nu_a share
 * sum_i P_ei |U_ai|^2 of the flux (coupling.h), so "mu" is nu_mu alone (Sec. 4); fundamental
 * TMMs use eq. (5).  The signal is the dipole rate ONLY: the SM solar nu-e rate is part of
 * XENON1T's background B0.
 * Detector: Gaussian resolution sigma = a sqrt(E) + b E (a = 0.310 sqrt(keV), b = 0.0037,
 * Aprile et al. 2006.09721, not confirmed), the release's total efficiency in reconstructed
 * energy, 29 bins of 1 keV from 1 to 30 keV, exposure 0.647309514 t yr (N_obs/rate in every
 * bin of the release; the paper rounds it to 0.65; Julian year).
 * chi^2, eq. (23) in the form of its ref. [52] (Boehm et al. 2006.11250):
 *   sum_i [N_obs,i - (1 + beta)(s_i + (1 + alpha) B0_i)]^2 / N_obs,i
 *   + (alpha / 0.026)^2 + (beta / 0.03)^2,
 * minimised exactly over (alpha, beta) (product pulls, stats.h); --config linear drops the
 * alpha*beta*B0 term (the linearised form).
 * Settings: the resolution a, b, the two pull widths, the exposure of the signal (the data
 * and B0 do not change with it). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assembly.h"

#define XE_DATA "experiments/xenon1t/xenon1t_er_sr1_binned.txt"
#define XE_EFFICIENCY "experiments/xenon1t/xenon1t_efficiency.txt"
/* Columns of XE_DATA: E_lo, E_hi [keV], rate, rate_err [evt/(t yr keV)], N_obs, B0. */
enum { COL_LO = 0, COL_HI = 1, COL_RATE = 3, COL_RATE_ERR = 4, COL_NOBS = 5, COL_B0 = 7 };
/* Columns of XE_EFFICIENCY: E [keV], total efficiency. */
enum { EFF_COL_E = 0, EFF_COL_TOTAL = 3 };
/* Exposure of the release, t yr: N_obs / (rate x 1 keV) in every bin (checked). */
#define XE_EXPOSURE_TYR 0.647309514

enum { SET_EXPOSURE, SET_RES_A, SET_RES_B, SET_SIGMA_ALPHA, SET_SIGMA_BETA, N_SETTINGS };

static const nutmm_exp_setting settings[N_SETTINGS] = {
    [SET_EXPOSURE] = {"exposure", XE_EXPOSURE_TYR, "t yr", "exposure of the signal (data fixed)"},
    [SET_RES_A] = {"res_a", 0.310, "keV^1/2", "resolution a sqrt(E) + b E: a (2006.09721)"},
    [SET_RES_B] = {"res_b", 0.0037, "1", "resolution: b"},
    [SET_SIGMA_ALPHA] = {"sigma_alpha", 0.026, "fraction", "B0 normalisation pull, eq. (23)"},
    [SET_SIGMA_BETA] = {"sigma_beta", 0.03, "fraction", "efficiency pull (signal and B0)"},
};

/* The binned release: edges (MeV), N_obs, B0; checks contiguity and N_obs = (rate/err)^2 =
 * rate x exposure x width.  arrays: edges[n+1], obs[n], b0[n] in one block *edges. */
static int read_release(size_t *n_out, double **edges, double **obs, double **b0)
{
  nutmm_table *t;
  int s = nutmm_table_read_data(XE_DATA, &t);
  if (s)
    return nutmm_error_chain(s, __func__);
  size_t n = nutmm_table_rows(t);
  if ((s = nutmm_table_require_cols(t, COL_B0 + 1)) ||
      !(*edges = malloc((3 * n + 1) * sizeof **edges))) {
    nutmm_table_free(t);
    return s ? nutmm_error_chain(s, __func__)
             : nutmm_error_set(NUTMM_ENOMEM, __func__, "%zu bins", n);
  }
  *obs = *edges + n + 1;
  *b0 = *obs + n;
  for (size_t i = 0; i < n && !s; i++) {
    double lo, hi, rate, err, nobs, b;
    if ((s = nutmm_table_double(t, i, COL_LO, &lo)) || (s = nutmm_table_double(t, i, COL_HI, &hi)) ||
        (s = nutmm_table_double(t, i, COL_RATE, &rate)) ||
        (s = nutmm_table_double(t, i, COL_RATE_ERR, &err)) ||
        (s = nutmm_table_double(t, i, COL_NOBS, &nobs)) ||
        (s = nutmm_table_double(t, i, COL_B0, &b)))
      break;
    const double width = hi - lo; /* keV */
    if (!(width > 0.0) || (i > 0 && lo * NUTMM_KEV != (*edges)[i]) || !(nobs > 0.0) ||
        !(rate > 0.0) || !(err > 0.0) || !(b >= 0.0))
      s = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: bins must be contiguous with hi > lo, "
                          "N_obs, rate, error > 0 and B0 >= 0", nutmm_table_path(t),
                          nutmm_table_line(t, i));
    else if (fabs(nobs / (rate * width) - XE_EXPOSURE_TYR) > 1e-6 * XE_EXPOSURE_TYR ||
             fabs((rate / err) * (rate / err) - nobs) > 1e-6 * nobs)
      s = nutmm_error_set(NUTMM_EFORMAT, __func__,
                          "%s:%zu: N_obs = %g is not (rate/err)^2 = rate x %.9g t yr x width",
                          nutmm_table_path(t), nutmm_table_line(t, i), nobs, XE_EXPOSURE_TYR);
    (*edges)[i] = lo * NUTMM_KEV;
    (*edges)[i + 1] = hi * NUTMM_KEV;
    (*obs)[i] = nobs;
    (*b0)[i] = b;
  }
  nutmm_table_free(t);
  *n_out = n;
  if (s) {
    free(*edges);
    *edges = NULL;
  }
  return s;
}

/* eq. (23): one background (B0); alpha on B0, beta on the signal and B0 (products: exact). */
static int likelihood(const nutmm_exp_options *o, size_t n, const double *obs, const double *b0,
                      nutmm_chi2 **chi)
{
  int s = nutmm_chi2_alloc(n, 1, 2, chi);
  if (!s)
    s = nutmm_chi2_set_form(*chi, NUTMM_CHI2_GAUSSIAN,
                            strcmp(o->config, "linear") == 0 ? NUTMM_PULLS_LINEAR
                                                             : NUTMM_PULLS_PRODUCT);
  if (!s)
    s = nutmm_chi2_set_observed(*chi, obs);
  if (!s)
    s = nutmm_chi2_set_sigma2(*chi, obs); /* the release's errors are sqrt(N_obs) */
  if (!s)
    s = nutmm_chi2_set_background(*chi, 0, b0);
  if (!s)
    s = nutmm_chi2_set_nuisance(*chi, 0, o->set[SET_SIGMA_ALPHA], 0, NULL);
  if (!s)
    s = nutmm_chi2_set_nuisance(*chi, 1, o->set[SET_SIGMA_BETA], NUTMM_CHI2_SIGNAL, NULL);
  if (!s)
    s = nutmm_chi2_nuisance_add_target(*chi, 1, 0);
  return s;
}

static int build(const nutmm_experiment *e, const nutmm_exp_options *o, nutmm_analysis **a)
{
  int s;
  if ((s = exp_check(e, o, SET_EXPOSURE, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_RES_A, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_RES_B, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_SIGMA_ALPHA, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_SIGMA_BETA, 0.0, 1, INFINITY, 0)))
    return s;
  size_t n = 0;
  double *edges = NULL, *obs = NULL, *b0 = NULL;
  if ((s = read_release(&n, &edges, &obs, &b0)))
    return s;
  nutmm_target *tg = NULL;
  nutmm_flux *sun = NULL;
  nutmm_detector *det = NULL;
  nutmm_rate *rate = NULL;
  nutmm_chi2 *chi = NULL;
  const exp_xenon_tpc tpc = {o->set[SET_EXPOSURE], o->set[SET_RES_A], o->set[SET_RES_B],
                             XE_EFFICIENCY, EFF_COL_E, EFF_COL_TOTAL};
  s = exp_solar_xenon_rate(&tpc, &o->mix, edges, n, &tg, &sun, &det, &rate);
  if (!s)
    s = likelihood(o, n, obs, b0, &chi);
  if (s) {
    free(edges);
    return exp_discard(s, rate, tg, sun, det, chi);
  }
  /* eq. (20) on the flavour shares of the mass states (coupling.h), if wanted */
  const nutmm_analysis_rate_options plan = {NULL, NULL, o->interference};
  static const char *const bkg[] = {"B0", NULL};
  s = exp_assemble(e->name, n, rate, tg, sun, det, &plan, chi, NULL, edges, NUTMM_KEV, "E_keV",
                   bkg, a);
  free(edges);
  return s;
}

const nutmm_experiment nutmm_exp_xenon1t = {
    .name = "xenon1t",
    .summary = "XENON1T SR1 electron recoils (1-30 keV, 0.647 t yr): solar nu -> nu_4 via a "
               "transition dipole, eq. (23) of arXiv:2109.09545",
    .help_extra =
        "Notes:\n"
        "  --flavor e, mu, tau: that flavour's share of the solar flux at Earth,\n"
        "  sum_i P_ei |U_ai|^2 (incoherent mass states); all: flavour-universal moment.\n"
        "  Signal = dipole only (the SM solar nu-e rate is inside the B0 background);\n"
        "  pulls: 2.6 % on B0, 3 % on signal and B0 (efficiency), eq. (23) minimised exactly\n"
        "  (--config linear: without the alpha*beta*B0 term).  `limit` reports the allowed\n"
        "  band at Delta chi^2 = 4.61 from the global minimum over (m4, mu).\n",
    .m4_min = 1e-3,
    .m4_max = 0.3,
    .points = 50,
    .mu_spectrum = 3e-11,
    .m4_spectrum = 0.01,
    .flavors = "e mu tau all",
    .two_sided = 1,
    .targets = NULL,
    .configs = "exact linear",
    .settings = settings,
    .n_settings = N_SETTINGS,
    .build = build,
};
