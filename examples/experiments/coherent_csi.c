/* COHERENT CsI[Na] 2017 and the sterile dipole portal (arXiv:2109.09545 Sec. 3.2, eq. (24);
 * data/experiments/coherent_csi/README.md, data/pidar/README.md).
 *
 * Prediction: 14.57 kg CsI (Cs and I nuclei), pi-DAR fluence (r = 0.08, 1.76e23 POT, 19.3 m),
 * Klein-Nystrand form factor (footnote 2), quenching E_ee = c1 T + c2 T^2 + c3 T^3 + c4 T^4
 * (COHERENT 2021 / Konovalov 2020), 13.348 PE/keVee, the 2017 acceptance in PE (logistic,
 * 1804.09459), 12 bins of 2 PE from 6 to 30 PE.  Signal = SM + dipole (the nuclear
 * interference term is neglected as in the paper).
 * chi^2, eq. (24):
 *   min_{alpha,beta} sum_i [N_meas,i - (1+alpha) N_th,i - (1+beta) B_on,i]^2 / sigma_i^2
 *   + (alpha/0.28)^2 + (beta/0.25)^2,   sigma_i^2 = N_meas,i + 2 B_ss,i + B_on,i,
 * N_meas = beam-on coincidence minus anti-coincidence counts (t < 6 us), B_ss = the
 * anti-coincidence counts, B_on = the prompt-neutron PE shape normalised to bon_total = 5.419
 * events (an unconfirmed normalisation: the beta pull covers it).
 * Configurations: paper (default); qf2017 (the constant 8.78 % quenching factor of
 * 1708.01294); timecut (delayed neutrinos weighted by the fraction 0.915 of their
 * arrival-time PDF below 6 us, the time window of N_meas; not in the paper). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assembly.h"

#define CSI_NBINS 12        /* 2-PE bins, 6 <= n_PE < 30 (paper: 12 bins) */
#define CSI_PE_LO 6.0
#define CSI_PE_HI 30.0
#define CSI_QF_2017 0.0878  /* constant QF of 1708.01294 (--config qf2017) */
#define CSI_T_CUT 6.0       /* us: arrival-time window of N_meas */
#define CSI_MAXCOMP 8       /* flux components (pi-DAR has 3) */
/* Quenching polynomial, T and E_ee in MeV (COHERENT 2021 / Konovalov 2020), valid to 0.1 MeV
 * (above the largest pi-DAR recoil, ~0.047 MeV for 127I). */
static const double csi_qf[4] = {0.0554628, 4.30681, -111.707, 840.384};
#define CSI_QF_TMAX 0.1
#define CSI_LY_PER_KEVEE 13.348 /* PE per keVee */
/* 2017 acceptance a / (1 + exp(-k (x - x0))) above 5 PE (1804.09459) */
#define CSI_ACC_A 0.6655
#define CSI_ACC_K 0.4942 /* PE^-1 */
#define CSI_ACC_X0 10.8507
#define CSI_ACC_THRESHOLD 5.0

#define SPECTRUM_FILE "experiments/coherent_csi/spectrum_2PE.dat"
#define BON_FILE "experiments/coherent_csi/prompt_neutron_Bon.dat"
#define TIME_FILE "experiments/coherent_csi/arrival_time_pdfs.dat"

enum { SET_MASS, SET_POT, SET_R, SET_BASELINE, SET_BON, SET_SIGMA_ALPHA, SET_SIGMA_BETA, N_SETTINGS };

/* B_on default: promptPDF.txt read as counts/PE/GWh times 7.47594 GWh (prompt_neutron_Bon.dat
 * header; NOT confirmed by a COHERENT text). */
static const nutmm_exp_setting settings[N_SETTINGS] = {
    [SET_MASS] = {"mass", 14.57, "kg", "CsI mass"},
    [SET_POT] = {"pot", 1.76e23, "POT", "protons on target"},
    [SET_R] = {"r", 0.08, "nu/POT", "neutrinos per flavour per proton on target"},
    [SET_BASELINE] = {"baseline", 19.3, "m", "source - detector distance"},
    [SET_BON] = {"bon_total", 5.419, "events", "prompt-neutron B_on in 6-30 PE (shape fixed)"},
    [SET_SIGMA_ALPHA] = {"sigma_alpha", 0.28, "fraction", "signal normalisation pull, eq. (24)"},
    [SET_SIGMA_BETA] = {"sigma_beta", 0.25, "fraction", "B_on normalisation pull, eq. (24)"},
};

/* Column `col` of the rows of `name` whose `flag` column is 1, checking their bin edges
 * (columns 0, 1) against the analysis bins. */
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
        (s = nutmm_table_double(t, r, 1, &hi)) || (s = nutmm_table_double(t, r, col, &v)))
      break;
    if (f != 1.0)
      continue;
    if (n >= CSI_NBINS || lo != edges[n] || hi != edges[n + 1]) {
      s = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: analysis bin [%g, %g) PE is not bin "
                          "%zu of the 12 2-PE bins from 6 to 30 PE", nutmm_table_path(t),
                          nutmm_table_line(t, r), lo, hi, n);
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

/* Fraction of the delayed-neutrino arrival-time PDF below CSI_T_CUT (bin centres). */
static int delayed_time_fraction(double *frac)
{
  nutmm_table *t;
  int s = nutmm_table_read_data(TIME_FILE, &t);
  if (s)
    return nutmm_error_chain(s, __func__);
  double in = 0.0, all = 0.0;
  for (size_t r = 0; r < nutmm_table_rows(t) && s == NUTMM_SUCCESS; r++) {
    double tc, p;
    if ((s = nutmm_table_double(t, r, 0, &tc)) || (s = nutmm_table_double(t, r, 2, &p)))
      break;
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

static int build_detector(const char *config, nutmm_detector **det)
{
  int s = nutmm_detector_alloc(det);
  if (!s)
    s = strcmp(config, "qf2017") == 0 ? nutmm_detector_set_quench_constant(*det, CSI_QF_2017)
                                      : nutmm_detector_set_quench_poly(*det, csi_qf, 4, CSI_QF_TMAX);
  if (!s)
    s = nutmm_detector_set_light_yield(*det, CSI_LY_PER_KEVEE / NUTMM_KEV);
  if (!s)
    s = nutmm_detector_set_efficiency_logistic(*det, NUTMM_EFF_OBSERVABLE, CSI_ACC_A, CSI_ACC_K,
                                               CSI_ACC_X0, CSI_ACC_THRESHOLD);
  if (!s)
    s = nutmm_detector_set_bins_uniform(*det, CSI_PE_LO, CSI_PE_HI, CSI_NBINS);
  return s;
}

static int build(const nutmm_experiment *e, const nutmm_exp_options *o, nutmm_analysis **a)
{
  int s;
  if ((s = exp_check(e, o, SET_MASS, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_POT, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_R, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_BASELINE, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_BON, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_SIGMA_ALPHA, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_SIGMA_BETA, 0.0, 1, INFINITY, 0)))
    return s;
  double edges[CSI_NBINS + 1], obs[CSI_NBINS], bss[CSI_NBINS], shape[CSI_NBINS], bon[CSI_NBINS],
      sigma2[CSI_NBINS], sm[CSI_NBINS], tw[CSI_MAXCOMP];
  /* data: N_meas = residual (col 5), B_ss = AC_on (col 4); B_on shape (col 4 of its file) */
  if ((s = nutmm_bin_edges_uniform(CSI_PE_LO, CSI_PE_HI, CSI_NBINS, edges)) ||
      (s = read_in_range(SPECTRUM_FILE, 7, 5, edges, obs)) ||
      (s = read_in_range(SPECTRUM_FILE, 7, 4, edges, bss)) ||
      (s = read_in_range(BON_FILE, 6, 4, edges, shape)))
    return s;
  double norm = 0.0;
  for (size_t i = 0; i < CSI_NBINS; i++)
    norm += shape[i];
  if (!(norm > 0.0))
    return nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: shape sums to %g", BON_FILE, norm);
  for (size_t i = 0; i < CSI_NBINS; i++) {
    bon[i] = o->set[SET_BON] * shape[i] / norm; /* the file's shape_frac sums to 1 +- 1e-6 */
    sigma2[i] = obs[i] + 2.0 * bss[i] + bon[i]; /* eq. (24) */
  }
  nutmm_target *tg = NULL;
  nutmm_flux *flux = NULL;
  nutmm_detector *det = NULL;
  nutmm_rate *rate = NULL;
  nutmm_chi2 *chi = NULL;
  nutmm_pidar_options pp = {
      .r = o->set[SET_R], .n_pot = o->set[SET_POT], .L = o->set[SET_BASELINE] * NUTMM_METER};
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_NUCLEUS;
  ro.exposure = o->set[SET_MASS] * NUTMM_KG;  /* fluence: exposure = mass */
  ro.xsec.ff.model = NUTMM_FF_KLEIN_NYSTRAND; /* footnote 2 */
  if ((s = nutmm_target_alloc("CsI", &tg)) || (s = nutmm_flux_pidar_alloc(&pp, &flux)) ||
      (s = build_detector(o->config, &det)) || (s = nutmm_rate_alloc(tg, flux, det, &ro, &rate)))
    return exp_discard(s, rate, tg, flux, det, chi);
  const size_t nc = nutmm_rate_ncomponents(rate);
  double fdel = 1.0;
  if (nc > CSI_MAXCOMP)
    s = nutmm_error_set(NUTMM_EINVAL, __func__, "%zu flux components", nc);
  if (!s && strcmp(o->config, "timecut") == 0)
    s = delayed_time_fraction(&fdel);
  for (size_t k = 0; !s && k < nc; k++) {
    nutmm_flux_info info;
    if (!(s = nutmm_flux_component(flux, k, &info)))
      tw[k] = info.is_line ? 1.0 : fdel; /* prompt line: all of it below 1.75 us */
  }
  if (!s)
    s = nutmm_rate_sm(rate, tw, sm);
  /* eq. (24): one background (B_on), nuisances alpha (signal) and beta (B_on) */
  if (!s && !(s = nutmm_chi2_alloc(CSI_NBINS, 1, 2, &chi)) &&
      !(s = nutmm_chi2_set_observed(chi, obs)) && !(s = nutmm_chi2_set_sigma2(chi, sigma2)) &&
      !(s = nutmm_chi2_set_background(chi, 0, bon)) &&
      !(s = nutmm_chi2_set_nuisance(chi, 0, o->set[SET_SIGMA_ALPHA], NUTMM_CHI2_SIGNAL, NULL)))
    s = nutmm_chi2_set_nuisance(chi, 1, o->set[SET_SIGMA_BETA], 0, NULL);
  if (s)
    return exp_discard(s, rate, tg, flux, det, chi);
  const nutmm_analysis_rate_options plan = {tw, NULL, 0}; /* nuclear interference neglected */
  static const char *const bkg[] = {"prompt_neutron", NULL};
  return exp_assemble(e->name, CSI_NBINS, rate, tg, flux, det, &plan, chi, sm, edges, 1.0, "nPE",
                      bkg, a);
}

const nutmm_experiment nutmm_exp_coherent_csi = {
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
    .build = build,
};
