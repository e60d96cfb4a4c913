/* COHERENT CENNS-10 liquid argon (analysis A) and the sterile dipole portal
 * (arXiv:2109.09545 Sec. 3.2, eq. (25); data/experiments/coherent_lar/README.md).
 *
 * Prediction: 24 kg of argon (paper; release fiducial mass 24.4 kg), pi-DAR fluence
 * (r = 0.09, 13.8e22 POT, 27.5 m: release LArParametersAnlA.yaml), Helm form factor (eq. 13),
 * quenching QF = 0.246 + 7.8e-4 T[keVnr] and resolution sigma/E = 0.58/sqrt(E[keVee])
 * (COHERENT 2003.10630), the release's signal efficiency in reconstructed keVee, 12 bins of
 * 10 keVee from 0 to 120 keVee.  Signal = SM + dipole (nuclear interference neglected).
 * chi^2, eq. (25) (Cadeddu et al. 2005.01645 form):
 *   min sum_i [N_i - (1+alpha) N_th,i - (1 + beta1 + beta3 D_i) B_PBRN,i - (1+beta2) B_LBRN,i]^2
 *       / sigma_i^2 + (alpha/0.13)^2 + (beta1/0.32)^2 + (beta2/1.0)^2 + (beta3/1)^2,
 * N_i = steady-state-subtracted data, sigma_i its statistical error, B_PBRN / B_LBRN = the
 * release's prompt / delayed BRN PDFs at their predicted normalisations.  The BRN energy-shape
 * term (not confirmed) by --config: shape (default; D_i = s_i f_i, f_i = BRNES_frac, s_i the
 * sign of the +-1 sigma variants' difference), frac (D_i = f_i), variance (no beta3;
 * (f_i B_PBRN,i)^2 added to sigma_i^2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assembly.h"

#define LAR_NBINS 12 /* 10-keVee bins, 0-120 keVee */
#define LAR_E_LO (0.0 * NUTMM_KEV)
#define LAR_E_HI (120.0 * NUTMM_KEV)
/* COHERENT 2003.10630: QF = a + b T, sigma = c sqrt(E) */
#define LAR_QF_A 0.246
#define LAR_QF_B_PER_KEV 7.8e-4
#define LAR_RES_C 0.58 /* sqrt(keV) */

#define ENERGY_FILE "experiments/coherent_lar/analysisA_energy_1d.dat"
#define EFF_FILE "experiments/coherent_lar/analysisA_efficiency.dat"
enum { COL_E = 0, COL_DATA = 1, COL_ERR = 2, COL_PBRN = 12, COL_LBRN = 13, COL_PBRN_P1 = 15,
       COL_PBRN_M1 = 16, COL_BRNES = 17, NCOLS = 18 };

enum { SET_MASS, SET_POT, SET_R, SET_BASELINE, SET_SIGMA_ALPHA, SET_SIGMA_PBRN, SET_SIGMA_LBRN,
       SET_SIGMA_BRNES, N_SETTINGS };

static const nutmm_exp_setting settings[N_SETTINGS] = {
    [SET_MASS] = {"mass", 24.0, "kg", "argon mass"},
    [SET_POT] = {"pot", 13.8e22, "POT", "protons on target"},
    [SET_R] = {"r", 0.09, "nu/POT", "neutrinos per flavour per proton on target"},
    [SET_BASELINE] = {"baseline", 27.5, "m", "source - detector distance"},
    [SET_SIGMA_ALPHA] = {"sigma_alpha", 0.13, "fraction", "CEvNS normalisation pull, eq. (25)"},
    [SET_SIGMA_PBRN] = {"sigma_pbrn", 0.32, "fraction", "prompt-BRN normalisation pull"},
    [SET_SIGMA_LBRN] = {"sigma_lbrn", 1.0, "fraction", "delayed-BRN normalisation pull"},
    [SET_SIGMA_BRNES] = {"sigma_brnes", 1.0, "variants", "BRN shape pull (--config shape, frac)"},
};

typedef struct {
  double edges[LAR_NBINS + 1], obs[LAR_NBINS], sigma2[LAR_NBINS], pbrn[LAR_NBINS],
      lbrn[LAR_NBINS], shape[LAR_NBINS], sm[LAR_NBINS];
} lar_data;

/* The 12 rows of the official 1D projection (bin centres 5, 15, ..., 115 keVee). */
static int read_data(lar_data *x, const char *config)
{
  nutmm_table *t;
  int s = nutmm_table_read_data(ENERGY_FILE, &t);
  if (s)
    return nutmm_error_chain(s, __func__);
  if (nutmm_table_rows(t) != LAR_NBINS)
    s = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: %zu rows, expected %d", nutmm_table_path(t),
                        nutmm_table_rows(t), LAR_NBINS);
  if (!s)
    s = nutmm_table_require_cols(t, NCOLS);
  for (size_t i = 0; i < LAR_NBINS && !s; i++) {
    double v[NCOLS];
    for (size_t c = 0; c < NCOLS && !s; c++)
      s = nutmm_table_double(t, i, c, &v[c]);
    if (s)
      break;
    double centre = 0.5 * (x->edges[i] + x->edges[i + 1]) / NUTMM_KEV;
    if (fabs(v[COL_E] - centre) > 1e-9 || !(v[COL_ERR] > 0.0) || v[COL_PBRN] <= 0.0) {
      s = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: expected the bin centred at %g keVee "
                          "with a positive error and prompt-BRN prediction", nutmm_table_path(t),
                          nutmm_table_line(t, i), centre);
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
      x->sigma2[i] += pow(v[COL_BRNES] * v[COL_PBRN], 2); /* the README's Cadeddu form */
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
    s = nutmm_detector_set_quench_linear_qf(*det, LAR_QF_A, LAR_QF_B_PER_KEV / NUTMM_KEV);
  if (!s)
    s = nutmm_detector_set_resolution_sqrt_linear(*det, LAR_RES_C * sqrt(NUTMM_KEV), 0.0);
  /* efficiency vs reconstructed keVee (column 0), value column 2; clamped outside the table */
  if (!s)
    s = nutmm_detector_set_efficiency_data(*det, NUTMM_EFF_OBSERVABLE, EFF_FILE, 0, 2, NUTMM_KEV,
                                           NUTMM_EFF_OUTSIDE_CLAMP);
  if (!s)
    s = nutmm_detector_set_bins_uniform(*det, LAR_E_LO, LAR_E_HI, LAR_NBINS);
  return s;
}

static int build(const nutmm_experiment *e, const nutmm_exp_options *o, nutmm_analysis **a)
{
  int s;
  for (size_t k = 0; k < N_SETTINGS; k++)
    if ((s = exp_check(e, o, k, 0.0, k >= SET_SIGMA_ALPHA, INFINITY, 0)))
      return s;
  lar_data x;
  memset(&x, 0, sizeof x);
  const int variance = strcmp(o->config, "variance") == 0;
  if ((s = nutmm_bin_edges_uniform(LAR_E_LO, LAR_E_HI, LAR_NBINS, x.edges)) ||
      (s = read_data(&x, o->config)))
    return s;
  nutmm_target *tg = NULL;
  nutmm_flux *flux = NULL;
  nutmm_detector *det = NULL;
  nutmm_rate *rate = NULL;
  nutmm_chi2 *chi = NULL;
  nutmm_pidar_options pp = {
      .r = o->set[SET_R], .n_pot = o->set[SET_POT], .L = o->set[SET_BASELINE] * NUTMM_METER};
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro); /* Helm form factor (eq. 13) */
  ro.channel = NUTMM_CHANNEL_NUCLEUS;
  ro.exposure = o->set[SET_MASS] * NUTMM_KG; /* fluence: exposure = mass */
  if ((s = nutmm_target_alloc(o->target, &tg)) || (s = nutmm_flux_pidar_alloc(&pp, &flux)) ||
      (s = build_detector(&det)) || (s = nutmm_rate_alloc(tg, flux, det, &ro, &rate)) ||
      (s = nutmm_rate_sm(rate, NULL, x.sm)))
    return exp_discard(s, rate, tg, flux, det, chi);
  /* eq. (25): backgrounds PBRN (0), LBRN (1); alpha (signal), beta1 (PBRN), beta2 (LBRN),
   * beta3 (BRNES shape on PBRN) */
  if (!(s = nutmm_chi2_alloc(LAR_NBINS, 2, variance ? 3 : 4, &chi)) &&
      !(s = nutmm_chi2_set_observed(chi, x.obs)) && !(s = nutmm_chi2_set_sigma2(chi, x.sigma2)) &&
      !(s = nutmm_chi2_set_background(chi, 0, x.pbrn)) &&
      !(s = nutmm_chi2_set_background(chi, 1, x.lbrn)) &&
      !(s = nutmm_chi2_set_nuisance(chi, 0, o->set[SET_SIGMA_ALPHA], NUTMM_CHI2_SIGNAL, NULL)) &&
      !(s = nutmm_chi2_set_nuisance(chi, 1, o->set[SET_SIGMA_PBRN], 0, NULL)) &&
      !(s = nutmm_chi2_set_nuisance(chi, 2, o->set[SET_SIGMA_LBRN], 1, NULL)) && !variance)
    s = nutmm_chi2_set_nuisance(chi, 3, o->set[SET_SIGMA_BRNES], 0, x.shape);
  if (s)
    return exp_discard(s, rate, tg, flux, det, chi);
  const nutmm_analysis_rate_options plan = {NULL, NULL, 0}; /* nuclear interference neglected */
  static const char *const bkg[] = {"prompt_BRN", "delayed_BRN", NULL};
  return exp_assemble(e->name, LAR_NBINS, rate, tg, flux, det, &plan, chi, x.sm, x.edges,
                      NUTMM_KEV, "E_keVee", bkg, a);
}

const nutmm_experiment nutmm_exp_coherent_lar = {
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
    .build = build,
};
