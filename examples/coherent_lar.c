/* nutmm-coherent-lar: COHERENT CENNS-10 liquid argon (analysis A) limits on the sterile
 * dipole portal (arXiv:2109.09545 Sec. 3.2, eq. (25); physics.md G, H, I).
 *
 * Prediction: 24 kg of argon (paper; release fiducial mass 24.4 kg), pi-DAR fluence
 * (r = 0.09, 13.8e22 POT, 27.5 m: release file LArParametersAnlA.yaml), Helm form factor
 * (eq. 13), quenching QF = 0.246 + 7.8e-4 T[keVnr], Gaussian resolution
 * sigma/E = 0.58/sqrt(E[keVee]) (truncated at 0 and renormalised), the release's signal
 * efficiency in reconstructed keVee, 12 bins of 10 keVee from 0 to 120 keVee.
 * Signal = SM + dipole (nuclear interference neglected as in the paper).
 *
 * chi^2, eq. (25) (Cadeddu et al. 2005.01645 form; data/experiments/coherent_lar/README.md):
 *   chi2 = min sum_i [N_i - (1+alpha) N_th,i - (1 + beta1 + beta3 D_i) B_PBRN,i
 *                     - (1+beta2) B_LBRN,i]^2 / sigma_i^2
 *          + (alpha/0.13)^2 + (beta1/0.32)^2 + (beta2/1.0)^2 + (beta3/1)^2,
 * N_i = steady-state-subtracted data, sigma_i = its statistical error (official 1D
 * projection), B_PBRN / B_LBRN = the release's prompt / delayed BRN PDFs at their predicted
 * normalisations (497, 33 events).  The BRN energy-shape (BRNES) term is not confirmed
 * (README); --config selects it:
 *   shape    (default) D_i = s_i f_i: f_i = the release-derived per-bin fraction column
 *            BRNES_frac (largest deviation of the +-1 sigma BRN energy variants), s_i = the
 *            sign of (B+1sigma - B-1sigma)_i, so that beta3 tilts the PBRN spectrum towards
 *            the +1 sigma variant (a shape, sigma 1);
 *   frac     D_i = f_i literally (unsigned: a per-bin-weighted second PBRN normalisation);
 *   variance no beta3; (f_i B_PBRN,i)^2 is added to sigma_i^2 (the README's Cadeddu form
 *            with a per-bin sigma_BRNES).
 * Settings (--set NAME=VALUE, --help): the mass, POT, r and baseline of the prediction and
 * the four pull widths; the defaults are the numbers above (the data do not change).
 * --flavor: mu (default; footnote 9: prompt nu_mu and delayed anti-nu_mu, eq. 10), e, all.
 * --target: Ar (natural, default) or Ar40. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- experiment inputs (data/experiments/coherent_lar/README.md, data/pidar/README.md) ---- */
#define LAR_NBINS 12               /* 10-keVee bins, 0-120 keVee */
#define LAR_E_LO (0.0 * NUTMM_KEV)
#define LAR_E_HI (120.0 * NUTMM_KEV)

/* Set-up numbers, changeable with --set NAME=VALUE. */
enum {
  SET_MASS,        /* kg (paper; release fiducial mass 24.4 +- 0.61 kg) */
  SET_POT,         /* protons on target, 6.12 GWh (release) */
  SET_R,           /* neutrinos per flavour per POT (release) */
  SET_BASELINE,    /* m (release) */
  SET_SIGMA_ALPHA, /* CEvNS rate, ~17/128 (not confirmed) */
  SET_SIGMA_PBRN,  /* 160/497, release prediction uncertainty */
  SET_SIGMA_LBRN,  /* 33/33, release prediction uncertainty */
  SET_SIGMA_BRNES, /* shape nuisance in units of the +-1 sigma variants */
  N_SETTINGS
};

static const cli_setting settings[N_SETTINGS] = {
    [SET_MASS] = {"mass", 24.0, "kg", "argon mass"},
    [SET_POT] = {"pot", 13.8e22, "POT", "protons on target"},
    [SET_R] = {"r", 0.09, "nu/POT", "neutrinos per flavour per proton on target"},
    [SET_BASELINE] = {"baseline", 27.5, "m", "source - detector distance"},
    [SET_SIGMA_ALPHA] = {"sigma_alpha", 0.13, "fraction", "CEvNS normalisation pull, eq. (25)"},
    [SET_SIGMA_PBRN] = {"sigma_pbrn", 0.32, "fraction", "prompt-BRN normalisation pull"},
    [SET_SIGMA_LBRN] = {"sigma_lbrn", 1.0, "fraction", "delayed-BRN normalisation pull"},
    [SET_SIGMA_BRNES] = {"sigma_brnes", 1.0, "variants", "BRN shape pull (--config shape, frac)"},
};

#define ENERGY_FILE "experiments/coherent_lar/analysisA_energy_1d.dat"
#define EFF_FILE "experiments/coherent_lar/analysisA_efficiency.dat"

/* columns of ENERGY_FILE (0-based) */
enum {
  COL_E = 0,
  COL_DATA = 1,
  COL_ERR = 2,
  COL_PBRN = 12,
  COL_LBRN = 13,
  COL_PBRN_P1 = 15,
  COL_PBRN_M1 = 16,
  COL_BRNES = 17,
  NCOLS = 18
};

typedef struct {
  nutmm_target *target;
  nutmm_flux *flux;
  nutmm_detector *det;
  nutmm_rate *rate;
  nutmm_chi2 *chi;
  double edges[LAR_NBINS + 1];
  double obs[LAR_NBINS], sigma2[LAR_NBINS], pbrn[LAR_NBINS], lbrn[LAR_NBINS];
  double shape[LAR_NBINS], sm[LAR_NBINS];
} lar_ctx;

static void lar_teardown(void *vctx)
{
  lar_ctx *x = vctx;
  if (!x)
    return;
  nutmm_chi2_free(x->chi);
  nutmm_rate_free(x->rate);
  nutmm_detector_free(x->det);
  nutmm_flux_free(x->flux);
  nutmm_target_free(x->target);
  free(x);
}

/* Read the 12 rows of the official 1D projection (bin centres 5, 15, ..., 115 keVee) and
 * build data, variances, backgrounds and the BRNES shape for configuration `config`. */
static int read_data(lar_ctx *x, const char *config)
{
  nutmm_table *t;
  int s = nutmm_table_read_data(ENERGY_FILE, &t);
  if (s)
    return nutmm_error_chain(s, __func__);
  if (nutmm_table_rows(t) != LAR_NBINS)
    s = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: %zu rows, expected %d", nutmm_table_path(t),
                        nutmm_table_rows(t), LAR_NBINS);
  if (!s && (s = nutmm_table_require_cols(t, NCOLS)))
    s = nutmm_error_chain(s, __func__);
  for (size_t i = 0; i < LAR_NBINS && !s; i++) {
    double v[NCOLS];
    for (size_t c = 0; c < NCOLS && !s; c++)
      s = nutmm_table_double(t, i, c, &v[c]);
    if (s) {
      s = nutmm_error_chain(s, __func__);
      break;
    }
    double centre = 0.5 * (x->edges[i] + x->edges[i + 1]) / NUTMM_KEV;
    if (fabs(v[COL_E] - centre) > 1e-9 || !(v[COL_ERR] > 0.0) || v[COL_PBRN] <= 0.0) {
      s = nutmm_error_set(NUTMM_EFORMAT, __func__,
                          "%s:%zu: expected the bin centred at %g keVee with a positive error "
                          "and prompt-BRN prediction",
                          nutmm_table_path(t), nutmm_table_line(t, i), centre);
      break;
    }
    double sign = v[COL_PBRN_P1] >= v[COL_PBRN_M1] ? 1.0 : -1.0;
    x->obs[i] = v[COL_DATA];
    x->sigma2[i] = v[COL_ERR] * v[COL_ERR];
    x->pbrn[i] = v[COL_PBRN];
    x->lbrn[i] = v[COL_LBRN];
    if (strcmp(config, "frac") == 0)
      x->shape[i] = v[COL_BRNES];
    else if (strcmp(config, "variance") == 0)
      x->sigma2[i] += pow(v[COL_BRNES] * v[COL_PBRN], 2); /* README's Cadeddu form */
    else
      x->shape[i] = sign * v[COL_BRNES];
  }
  nutmm_table_free(t);
  return s;
}

static int build_detector(nutmm_detector **det)
{
  int s = nutmm_detector_alloc(det);
  if (!s)
    s = nutmm_detector_set_quench_lar(*det);
  if (!s)
    s = nutmm_detector_set_resolution_lar(*det);
  /* efficiency vs reconstructed keVee (column 0 -> MeV), value column 2; clamped outside
   * [0.25, 39.75] keVee: 0 below (table starts at 0), the plateau 0.963 above */
  if (!s)
    s = nutmm_detector_set_efficiency_data(*det, NUTMM_EFF_OBSERVABLE, EFF_FILE, 0, 2, NUTMM_KEV,
                                           NUTMM_EFF_OUTSIDE_CLAMP);
  if (!s)
    s = nutmm_detector_set_bins_uniform(*det, LAR_E_LO, LAR_E_HI, LAR_NBINS);
  return s;
}

static int lar_setup(const cli_args *a, cli_model *m, void **vctx)
{
  int s;
  if ((s = cli_check_setting(settings, a, SET_MASS, 0.0, 0, INFINITY, 0)) || (s = cli_check_setting(settings, a, SET_POT, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_R, 0.0, 0, INFINITY, 0)) || (s = cli_check_setting(settings, a, SET_BASELINE, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_SIGMA_ALPHA, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_SIGMA_PBRN, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_SIGMA_LBRN, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_SIGMA_BRNES, 0.0, 1, INFINITY, 0)))
    return s;
  lar_ctx *x = calloc(1, sizeof *x);
  if (!x)
    return nutmm_error_set(NUTMM_ENOMEM, __func__, "context");
  int variance = strcmp(a->config, "variance") == 0;
  s = nutmm_bin_edges_uniform(LAR_E_LO, LAR_E_HI, LAR_NBINS, x->edges);
  if (!s)
    s = read_data(x, a->config);
  if (s)
    goto fail;

  nutmm_pidar_params pp = {
      .r = a->set[SET_R], .n_pot = a->set[SET_POT], .L = a->set[SET_BASELINE] * NUTMM_METER};
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro); /* Helm form factor (eq. 13) */
  ro.channel = NUTMM_CHANNEL_NUCLEUS;
  ro.exposure = a->set[SET_MASS] * NUTMM_KG; /* fluence: exposure = mass */
  if ((s = nutmm_target_alloc(a->target, &x->target)) ||
      (s = nutmm_flux_pidar_alloc(&pp, &x->flux)) || (s = build_detector(&x->det)) ||
      (s = nutmm_rate_alloc(x->target, x->flux, x->det, &ro, &x->rate)))
    goto fail;
  if ((s = nutmm_rate_sm(x->rate, NULL, x->sm)))
    goto fail;

  /* chi^2 of eq. (25): backgrounds PBRN (0), LBRN (1); nuisances alpha (signal), beta1
   * (PBRN), beta2 (LBRN), beta3 (BRNES shape on PBRN) */
  if ((s = nutmm_chi2_alloc(LAR_NBINS, 2, variance ? 3 : 4, &x->chi)) ||
      (s = nutmm_chi2_set_observed(x->chi, x->obs)) ||
      (s = nutmm_chi2_set_sigma2(x->chi, x->sigma2)) ||
      (s = nutmm_chi2_set_background(x->chi, 0, x->pbrn)) ||
      (s = nutmm_chi2_set_background(x->chi, 1, x->lbrn)) ||
      (s = nutmm_chi2_set_nuisance(x->chi, 0, a->set[SET_SIGMA_ALPHA], NUTMM_CHI2_SIGNAL, NULL)) ||
      (s = nutmm_chi2_set_nuisance(x->chi, 1, a->set[SET_SIGMA_PBRN], 0, NULL)) ||
      (s = nutmm_chi2_set_nuisance(x->chi, 2, a->set[SET_SIGMA_LBRN], 1, NULL)) ||
      (!variance &&
       (s = nutmm_chi2_set_nuisance(x->chi, 3, a->set[SET_SIGMA_BRNES], 0, x->shape))) ||
      (s = nutmm_chi2_set_signal(x->chi, x->sm, NULL, NULL)))
    goto fail;

  m->nbins = LAR_NBINS;
  m->edges = x->edges;
  m->edge_unit = NUTMM_KEV;
  m->edge_name = "E_keVee";
  m->observed = x->obs;
  m->n_bkg = 2;
  m->bkg_names[0] = "prompt_BRN";
  m->bkg[0] = x->pbrn;
  m->bkg_names[1] = "delayed_BRN";
  m->bkg[1] = x->lbrn;
  m->sm = x->sm;
  m->chi = x->chi;
  m->has_interference = 0;
  *vctx = x;
  return NUTMM_SUCCESS;
fail:
  lar_teardown(x);
  return nutmm_error_chain(s, __func__);
}

/* Dipole counts per bin per unit mu^2 (mu_B^2) for the coupling's species weights. */
static int lar_signal(void *vctx, double m4, const cli_coupling *c, double *D, double *Iv)
{
  const lar_ctx *x = vctx;
  /* nuclear interference neglected (paper Sec. 2.4) */
  return cli_rate_signal(x->rate, m4, c, 0, 0, NULL, D, Iv);
}

static const cli_experiment experiment = {
    .name = "coherent-lar",
    .summary = "COHERENT CENNS-10 LAr analysis A (24 kg, pi-DAR, 0-120 keVee): chi^2 of eq. (25) "
               "of arXiv:2109.09545",
    .help_extra =
        "  configurations (BRN energy-shape term, not confirmed): shape = signed shape\n"
        "  nuisance from the +-1 sigma release variants (default); frac = the unsigned\n"
        "  per-bin fraction as a shape; variance = (frac x PBRN)^2 added to sigma_i^2.\n"
        "  --flavor mu = prompt nu_mu and delayed anti-nu_mu (eq. 10), e = delayed nu_e.\n",
    .m4_min = 1e-3,
    .m4_max = 50.0,
    .points = 60,
    .mu_spectrum = 1e-8,
    .m4_spectrum = 1.0,
    .flavors = "mu e all",
    .two_sided = 0,
    .targets = "Ar Ar40",
    .configs = "shape frac variance",
    .settings = settings,
    .n_settings = N_SETTINGS,
    .setup = lar_setup,
    .signal = lar_signal,
    .teardown = lar_teardown,
};

int main(int argc, char **argv) { return cli_main(&experiment, argc, argv); }
