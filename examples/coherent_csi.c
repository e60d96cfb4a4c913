/* nutmm-coherent-csi: COHERENT CsI[Na] 2017 limits on the sterile dipole portal
 * (arXiv:2109.09545 Sec. 3.2, eq. (24); physics.md G, H, I).
 *
 * Prediction: 14.57 kg CsI (Cs and I nuclei), pi-DAR fluence (r = 0.08, 1.76e23 POT,
 * 19.3 m: prompt nu_mu line, delayed nu_e and anti-nu_mu), Klein-Nystrand form factor
 * (footnote 2), quenching polynomial (COHERENT 2021 / Konovalov 2020), 13.348 PE/keVee,
 * the 2017 acceptance in PE, 12 bins of 2 PE from 6 to 30 PE.  Signal = SM + dipole
 * (the nuclear interference term is neglected as in the paper).
 *
 * chi^2, eq. (24) (data/experiments/coherent_csi/README.md):
 *   chi2 = min_{alpha,beta} sum_i [N_meas,i - (1+alpha) N_th,i - (1+beta) B_on,i]^2 / sigma_i^2
 *          + (alpha/0.28)^2 + (beta/0.25)^2,   sigma_i^2 = N_meas,i + 2 B_ss,i + B_on,i,
 * N_meas = beam-on coincidence minus anti-coincidence counts (t < 6 us), B_ss = the
 * anti-coincidence counts, B_on = the official prompt-neutron PE shape (times acceptance)
 * normalised to bon_total = 5.419 events (an unconfirmed normalisation: the beta pull covers it).
 *
 * Settings (--set NAME=VALUE, --help): the mass, POT, r and baseline of the prediction, the
 * B_on normalisation and the two pull widths; the defaults are the numbers above.  The data
 * (N_meas, B_ss) do not change: e.g. a different mass tests the prediction against the same
 * measurement.
 * --flavor: mu (default; footnote 9 of the paper, "only nu_mu transitions": by Sec. 2 the
 * eq. (10) moment acts on the prompt nu_mu AND the delayed anti-nu_mu), e (delayed nu_e,
 * eq. 9), all (every flavour with the same moment).
 * --config: paper (default), qf2017 (the constant 8.78 % quenching factor of the 2017
 * analysis, for the calibration against COHERENT's 173 +- 48 SM events), timecut (delayed
 * neutrinos weighted by the fraction 0.915 of their arrival-time PDF below 6 us, the time
 * window of N_meas; the paper does not mention it). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- experiment inputs (data/experiments/coherent_csi/README.md, data/pidar/README.md) ---- */
#define CSI_NBINS 12                    /* 2-PE bins, 6 <= n_PE < 30 (paper: 12 bins) */
#define CSI_PE_LO 6.0
#define CSI_PE_HI 30.0
#define CSI_QF_2017 0.0878              /* constant QF of 1708.01294 (8.78 %, --config qf2017) */
#define CSI_T_CUT 6.0                   /* us: arrival-time window of N_meas (release t < 6 us) */
#define CSI_MAXCOMP 8                   /* flux components (pi-DAR has 3) */

/* Set-up numbers, changeable with --set NAME=VALUE. */
enum {
  SET_MASS,        /* kg of CsI (paper Sec. 3.2) */
  SET_POT,         /* protons on target (308.1 live days) */
  SET_R,           /* neutrinos per flavour per POT */
  SET_BASELINE,    /* m */
  SET_BON,         /* B_on total over 6-30 PE after acceptance, events */
  SET_SIGMA_ALPHA, /* signal normalisation pull, eq. (24) */
  SET_SIGMA_BETA,  /* B_on normalisation pull, eq. (24) */
  N_SETTINGS
};

/* B_on default: promptPDF.txt read as counts/PE/GWh times 7.47594 GWh (prompt_neutron_Bon.dat
 * header; NOT confirmed by a COHERENT text). */
static const cli_setting settings[N_SETTINGS] = {
    [SET_MASS] = {"mass", 14.57, "kg", "CsI mass"},
    [SET_POT] = {"pot", 1.76e23, "POT", "protons on target"},
    [SET_R] = {"r", 0.08, "nu/POT", "neutrinos per flavour per proton on target"},
    [SET_BASELINE] = {"baseline", 19.3, "m", "source - detector distance"},
    [SET_BON] = {"bon_total", 5.419, "events", "prompt-neutron B_on in 6-30 PE (shape fixed)"},
    [SET_SIGMA_ALPHA] = {"sigma_alpha", 0.28, "fraction", "signal normalisation pull, eq. (24)"},
    [SET_SIGMA_BETA] = {"sigma_beta", 0.25, "fraction", "B_on normalisation pull, eq. (24)"},
};

#define SPECTRUM_FILE "experiments/coherent_csi/spectrum_2PE.dat"
#define BON_FILE "experiments/coherent_csi/prompt_neutron_Bon.dat"
#define TIME_FILE "experiments/coherent_csi/arrival_time_pdfs.dat"

typedef struct {
  nutmm_target *target;
  nutmm_flux *flux;
  nutmm_detector *det;
  nutmm_rate *rate;
  nutmm_chi2 *chi;
  size_t ncomp;
  double tw[CSI_MAXCOMP]; /* arrival-time weight per flux component (1 unless timecut) */
  double edges[CSI_NBINS + 1];
  double obs[CSI_NBINS], bss[CSI_NBINS], bon[CSI_NBINS], sm[CSI_NBINS], sigma2[CSI_NBINS];
} csi_ctx;

static void csi_teardown(void *vctx)
{
  csi_ctx *x = vctx;
  if (!x)
    return;
  nutmm_chi2_free(x->chi);
  nutmm_rate_free(x->rate);
  nutmm_detector_free(x->det);
  nutmm_flux_free(x->flux);
  nutmm_target_free(x->target);
  free(x);
}

/* Read column `col` of the rows of `name` whose `flag` column is 1 into out[CSI_NBINS],
 * checking that their bin edges (columns 0, 1) are the analysis bins. */
static int read_in_range(const char *name, size_t flag, size_t col, const double *edges,
                         double *out)
{
  nutmm_table *t;
  int s = nutmm_table_read_data(name, &t);
  if (s)
    return nutmm_error_chain(s, __func__);
  size_t n = 0;
  for (size_t r = 0; r < nutmm_table_rows(t) && s == NUTMM_SUCCESS; r++) {
    double f, lo, hi, v;
    if ((s = nutmm_table_double(t, r, flag, &f)) || (s = nutmm_table_double(t, r, 0, &lo)) ||
        (s = nutmm_table_double(t, r, 1, &hi)) || (s = nutmm_table_double(t, r, col, &v))) {
      s = nutmm_error_chain(s, __func__);
      break;
    }
    if (f != 1.0)
      continue;
    if (n >= CSI_NBINS || lo != edges[n] || hi != edges[n + 1]) {
      s = nutmm_error_set(NUTMM_EFORMAT, __func__,
                          "%s:%zu: analysis bin [%g, %g) PE is not bin %zu of the 12 2-PE bins "
                          "from 6 to 30 PE",
                          nutmm_table_path(t), nutmm_table_line(t, r), lo, hi, n);
      break;
    }
    out[n++] = v;
  }
  if (s == NUTMM_SUCCESS && n != CSI_NBINS)
    s = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: %zu analysis bins flagged, expected %d",
                        nutmm_table_path(t), n, CSI_NBINS);
  nutmm_table_free(t);
  return s;
}

/* Fraction of the delayed-neutrino arrival-time PDF below CSI_T_CUT (bin centres < cut;
 * the release's 0.5-us bins end exactly at 6 us). */
static int delayed_time_fraction(double *frac)
{
  nutmm_table *t;
  int s = nutmm_table_read_data(TIME_FILE, &t);
  if (s)
    return nutmm_error_chain(s, __func__);
  double in = 0.0, all = 0.0;
  for (size_t r = 0; r < nutmm_table_rows(t) && s == NUTMM_SUCCESS; r++) {
    double tc, p;
    if ((s = nutmm_table_double(t, r, 0, &tc)) || (s = nutmm_table_double(t, r, 2, &p))) {
      s = nutmm_error_chain(s, __func__);
      break;
    }
    all += p;
    in += tc < CSI_T_CUT ? p : 0.0;
  }
  nutmm_table_free(t);
  if (s)
    return s;
  if (!(all > 0.0))
    return nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: empty delayed PDF", TIME_FILE);
  *frac = in / all;
  return NUTMM_SUCCESS;
}

/* Detector: quenching (Konovalov polynomial or the 2017 constant), light yield, acceptance. */
static int build_detector(const char *config, nutmm_detector **det)
{
  int s = nutmm_detector_alloc(det);
  if (s)
    return s;
  if (strcmp(config, "qf2017") == 0)
    s = nutmm_detector_set_quench_constant(*det, CSI_QF_2017);
  else
    s = nutmm_detector_set_quench_csi(*det);
  if (!s)
    s = nutmm_detector_set_light_yield(*det, NUTMM_CSI_LY_PER_KEVEE / NUTMM_KEV);
  if (!s)
    s = nutmm_detector_set_acceptance_csi2017(*det);
  if (!s)
    s = nutmm_detector_set_bins_uniform(*det, CSI_PE_LO, CSI_PE_HI, CSI_NBINS);
  return s;
}

static int csi_setup(const cli_args *a, cli_model *m, void **vctx)
{
  int s;
  if ((s = cli_check_setting(settings, a, SET_MASS, 0.0, 0, INFINITY, 0)) || (s = cli_check_setting(settings, a, SET_POT, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_R, 0.0, 0, INFINITY, 0)) || (s = cli_check_setting(settings, a, SET_BASELINE, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_BON, 0.0, 1, INFINITY, 0)) || (s = cli_check_setting(settings, a, SET_SIGMA_ALPHA, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_SIGMA_BETA, 0.0, 1, INFINITY, 0)))
    return s;
  csi_ctx *x = calloc(1, sizeof *x);
  if (!x)
    return nutmm_error_set(NUTMM_ENOMEM, __func__, "context");
  s = nutmm_bin_edges_uniform(CSI_PE_LO, CSI_PE_HI, CSI_NBINS, x->edges);
  double shape[CSI_NBINS];
  /* data: N_meas = residual (col 5), B_ss = AC_on (col 4); B_on shape (col 4 of the B_on file) */
  if (!s)
    s = read_in_range(SPECTRUM_FILE, 7, 5, x->edges, x->obs);
  if (!s)
    s = read_in_range(SPECTRUM_FILE, 7, 4, x->edges, x->bss);
  if (!s)
    s = read_in_range(BON_FILE, 6, 4, x->edges, shape);
  if (s)
    goto fail;
  double norm = 0.0;
  for (size_t i = 0; i < CSI_NBINS; i++)
    norm += shape[i];
  if (!(norm > 0.0)) {
    s = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: shape sums to %g", BON_FILE, norm);
    goto fail;
  }
  for (size_t i = 0; i < CSI_NBINS; i++) {
    x->bon[i] = a->set[SET_BON] * shape[i] / norm; /* the file's shape_frac sums to 1 +- 1e-6 */
    x->sigma2[i] = x->obs[i] + 2.0 * x->bss[i] + x->bon[i]; /* eq. (24) */
  }

  /* target, flux, detector, rate plan */
  nutmm_pidar_params pp = {
      .r = a->set[SET_R], .n_pot = a->set[SET_POT], .L = a->set[SET_BASELINE] * NUTMM_METER};
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_NUCLEUS;
  ro.exposure = a->set[SET_MASS] * NUTMM_KG; /* fluence: exposure = mass */
  ro.xsec.ff.model = NUTMM_FF_KLEIN_NYSTRAND; /* footnote 2 */
  if ((s = nutmm_target_alloc("CsI", &x->target)) || (s = nutmm_flux_pidar_alloc(&pp, &x->flux)) ||
      (s = build_detector(a->config, &x->det)) ||
      (s = nutmm_rate_alloc(x->target, x->flux, x->det, &ro, &x->rate)))
    goto fail;
  x->ncomp = nutmm_rate_ncomponents(x->rate);
  if (x->ncomp > CSI_MAXCOMP) {
    s = nutmm_error_set(NUTMM_EINVAL, __func__, "%zu flux components", x->ncomp);
    goto fail;
  }
  double fdel = 1.0;
  if (strcmp(a->config, "timecut") == 0 && (s = delayed_time_fraction(&fdel)))
    goto fail;
  for (size_t k = 0; k < x->ncomp; k++) {
    nutmm_flux_info info;
    if ((s = nutmm_flux_component(x->flux, k, &info)))
      goto fail;
    x->tw[k] = info.is_line ? 1.0 : fdel; /* prompt line: all of it lies below 1.75 us */
  }
  if ((s = nutmm_rate_sm(x->rate, x->tw, x->sm)))
    goto fail;

  /* chi^2 of eq. (24): one background (B_on), nuisances alpha (signal) and beta (B_on) */
  if ((s = nutmm_chi2_alloc(CSI_NBINS, 1, 2, &x->chi)) ||
      (s = nutmm_chi2_set_observed(x->chi, x->obs)) ||
      (s = nutmm_chi2_set_sigma2(x->chi, x->sigma2)) ||
      (s = nutmm_chi2_set_background(x->chi, 0, x->bon)) ||
      (s = nutmm_chi2_set_nuisance(x->chi, 0, a->set[SET_SIGMA_ALPHA], NUTMM_CHI2_SIGNAL, NULL)) ||
      (s = nutmm_chi2_set_nuisance(x->chi, 1, a->set[SET_SIGMA_BETA], 0, NULL)) ||
      (s = nutmm_chi2_set_signal(x->chi, x->sm, NULL, NULL)))
    goto fail;

  m->nbins = CSI_NBINS;
  m->edges = x->edges;
  m->edge_unit = 1.0;
  m->edge_name = "nPE";
  m->observed = x->obs;
  m->n_bkg = 1;
  m->bkg_names[0] = "prompt_neutron";
  m->bkg[0] = x->bon;
  m->sm = x->sm;
  m->chi = x->chi;
  m->has_interference = 0;
  *vctx = x;
  return NUTMM_SUCCESS;
fail:
  csi_teardown(x);
  return nutmm_error_chain(s, __func__);
}

/* Dipole counts per bin per unit mu^2 (mu_B^2) for the coupling's species weights. */
static int csi_signal(void *vctx, double m4, const cli_coupling *c, double *D, double *Iv)
{
  const csi_ctx *x = vctx;
  /* nuclear interference neglected (paper Sec. 2.4) */
  return cli_rate_signal(x->rate, m4, c, 0, 0, x->tw, D, Iv);
}

static const cli_experiment experiment = {
    .name = "coherent-csi",
    .summary = "COHERENT CsI[Na] 2017 (14.57 kg, pi-DAR, 6-30 PE): chi^2 of eq. (24) of "
               "arXiv:2109.09545",
    .help_extra =
        "  configurations: paper = Konovalov quenching polynomial (default); qf2017 = the\n"
        "  constant 8.78 % QF of the 2017 analysis; timecut = delayed neutrinos times\n"
        "  their arrival-time fraction below 6 us (0.915).  --flavor mu = prompt nu_mu\n"
        "  and delayed anti-nu_mu (eq. 10), e = delayed nu_e (eq. 9).\n",
    .m4_min = 1e-3,
    .m4_max = 50.0,
    .points = 60,
    .mu_spectrum = 1e-8,
    .m4_spectrum = 1.0,
    .flavors = "mu e all",
    .two_sided = 0,
    .targets = NULL,
    .configs = "paper qf2017 timecut",
    .settings = settings,
    .n_settings = N_SETTINGS,
    .setup = csi_setup,
    .signal = csi_signal,
    .teardown = csi_teardown,
};

int main(int argc, char **argv) { return cli_main(&experiment, argc, argv); }
