/* nutmm-cr51-cens: sensitivity of a 51Cr-source CEvNS experiment with sub-keV cryogenic
 * detectors of Si, Ge, sapphire (Al2O3) or CaWO4 to the sterile dipole portal
 * (arXiv:2109.09545 Sec. 3.4 and eq. (27); the proposal is Bellenghi et al., EPJC 79 (2019)
 * 727, arXiv:1905.10611, ref. [38]).  All physics is in the library; this program only
 * assembles the set-up (shared harness cli.h: `spectrum`, `chi2`, `limit`; --help).
 *
 * Set-up.  The paper's numbers for distance, flux, masses and threshold were stripped from the
 * available text and are not in the public sources consulted (data/cr51/README.md), so the
 * defaults of physics.md I are used, each an ASSUMPTION:
 *   - source: 5 MCi of 51Cr at t = 0 [paper-text], decaying during the exposure of two
 *     half-lives, 2 x 27.7025 d = 55.4 d [paper-text "2 half-lives"; value recalled]; the four
 *     EC lines (747, 752, 427, 432 keV; 81.63, 8.49, 8.95, 0.93 %) are separate flux
 *     components, each holding its time-averaged flux (nutmm_flux_cr51_alloc);
 *   - geometry: point source 25 cm from the detector [assumption], Phi = A/(4 pi d^2);
 *   - target: 1 litre of each material [assumption], mass = density x 1 L with densities
 *     Si 2.33, Ge 5.32, Al2O3 3.98, CaWO4 6.06 g/cm^3 (physics.md I), natural isotopic
 *     composition (target.h);
 *   - threshold: 10 eV nuclear recoil [assumption], efficiency 1 above it, no smearing, no
 *     quenching (bins in true nuclear recoil energy) [assumption, physics.md G];
 *   - bins: 10 equal-width bins in true nuclear recoil from the threshold to T_max, the largest
 *     maximum recoil of the 752 keV line over the nuclei of the target (the lightest nucleus:
 *     Si28 43 eV, Ge70 17 eV, O16 76 eV for Al2O3 and CaWO4); the bin count is an assumption
 *     (physics.md H), the range is paper-text ("from the threshold to T_max of each target").
 * Statistics, eq. (27) in the Asimov form (physics.md H):
 *   chi2 = min_alpha sum_i [N_SM,i - (1 + alpha) N_th,i]^2 / (N_SM,i + B_i) + (alpha/0.2)^2,
 *   N_th = SM + mu^2 dipole, B_i = 0.2 N_SM,i fixed (paper-text 20 %), sigma_sys = 0.2
 *   [assumption: "also taken to be" 20 %].  B enters only the variance: observed = N_SM.
 * Every number above (distance, volume, threshold, exposure days, number of bins, activity,
 * background fraction, sigma_sys) is a setting: --set NAME=VALUE changes it (--help lists
 * names, defaults and units); the defaults are the values above.
 * Flavour: the source emits nu_e only (--flavor e).  The nuclear weak-magnetic interference is
 * neglected as in the paper (suppressed by the nuclear mass, physics.md E).
 * Units: counts are events per bin over the whole exposure; bin edges printed in eV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nutmm/nutmm.h"

#define CENS_MAX_BINS 1000                /* largest --set nbins */

/* Set-up numbers, changeable with --set NAME=VALUE; the defaults are physics.md I's
 * (see the file comment for their status). */
enum {
  SET_DISTANCE,  /* point source to detector, cm [assumption] */
  SET_VOLUME,    /* target volume, L [assumption] */
  SET_THRESHOLD, /* nuclear-recoil threshold, eV [assumption] */
  SET_DAYS,      /* exposure from t = 0, d: 2 half-lives [paper-text] */
  SET_NBINS,     /* equal-width recoil bins [assumption, physics.md H] */
  SET_ACTIVITY,  /* initial activity, MCi [paper-text] */
  SET_BKG,       /* B = fraction of the SM rate, eq. (27) [paper-text 20 %] */
  SET_SIGMA_SYS, /* signal normalisation pull, eq. (27) [assumption] */
  N_SETTINGS
};

static const cli_setting settings[N_SETTINGS] = {
    [SET_DISTANCE] = {"distance", 25.0, "cm", "point source to detector"},
    [SET_VOLUME] = {"volume", 1.0, "L", "target volume (mass = density x volume)"},
    [SET_THRESHOLD] = {"threshold", 10.0, "eV", "nuclear-recoil threshold = first bin edge"},
    [SET_DAYS] = {"days", 2.0 * NUTMM_CR51_HALF_LIFE / NUTMM_DAY, "d",
                  "exposure from t = 0 (activity decaying)"},
    [SET_NBINS] = {"nbins", 10.0, "bins", "equal bins from the threshold to T_max"},
    [SET_ACTIVITY] = {"activity", 5.0, "MCi", "51Cr activity at t = 0"},
    [SET_BKG] = {"bkg_fraction", 0.2, "fraction", "background B = fraction x N_SM, eq. (27)"},
    [SET_SIGMA_SYS] = {"sigma_sys", 0.2, "fraction", "signal normalisation pull, eq. (27)"},
};

/* Detector materials: --target word(s), library name, density (physics.md I [assumption]). */
typedef struct {
  const char *word, *alias; /* lower-case option word and the chemical formula */
  double density;           /* g/cm^3 */
} cens_material;

static const cens_material materials[] = {
    {"si", "Si", 2.33},
    {"ge", "Ge", 5.32},
    {"al2o3", "Al2O3", 3.98},
    {"cawo4", "CaWO4", 6.06},
};

typedef struct {
  nutmm_target *target;
  nutmm_flux *flux;
  nutmm_detector *det;
  nutmm_rate *rate;
  nutmm_chi2 *chi;
  size_t nbins;
  double edges[CENS_MAX_BINS + 1]; /* MeV */
  double sm[CENS_MAX_BINS];        /* N_SM per bin = Asimov observed */
  double bkg[CENS_MAX_BINS];       /* eq. (27) background, enters the variance only */
} cens_ctx;

static void cens_teardown(void *vctx)
{
  cens_ctx *x = vctx;
  if (!x)
    return;
  nutmm_chi2_free(x->chi);
  nutmm_rate_free(x->rate);
  nutmm_detector_free(x->det);
  nutmm_flux_free(x->flux);
  nutmm_target_free(x->target);
  free(x);
}

/* The largest recoil T_max = 2E^2/(M + 2E) (physics.md F) of the flux end point E over the
 * target's nuclei, MeV. */
static int largest_tmax(const nutmm_target *tg, const nutmm_flux *flux, double *T_hi)
{
  double E;
  int s = nutmm_flux_endpoint(flux, &E);
  *T_hi = 0.0;
  for (size_t i = 0; s == NUTMM_SUCCESS && i < nutmm_target_n_nuclei(tg); i++) {
    double T;
    s = nutmm_kin_tmax_e(E, nutmm_target_nucleus(tg, i)->mass, &T);
    if (s == NUTMM_SUCCESS && T > *T_hi)
      *T_hi = T;
  }
  return s;
}

static int cens_setup(const cli_args *a, cli_model *m, void **vctx)
{
  const cens_material *mat = NULL;
  for (size_t k = 0; k < sizeof materials / sizeof materials[0]; k++)
    if (strcmp(a->target, materials[k].word) == 0 || strcmp(a->target, materials[k].alias) == 0)
      mat = &materials[k];
  if (!mat)
    return nutmm_error_set(NUTMM_ENOTFOUND, "cr51-cens", "unknown target '%s'", a->target);
  int s;
  if ((s = cli_check_setting(settings, a, SET_DISTANCE, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_VOLUME, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_THRESHOLD, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_DAYS, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_NBINS, 1.0, 1, CENS_MAX_BINS, 1)) ||
      (s = cli_check_setting(settings, a, SET_ACTIVITY, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_BKG, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_SIGMA_SYS, 0.0, 1, INFINITY, 0)))
    return s;
  const double threshold = a->set[SET_THRESHOLD] * NUTMM_EV; /* MeV */
  const size_t nbins = (size_t)a->set[SET_NBINS];
  cens_ctx *x = calloc(1, sizeof *x);
  if (!x)
    return nutmm_error_set(NUTMM_ENOMEM, "cr51-cens", "context");
  *vctx = x;
  x->nbins = nbins;

  /* Source: decaying 51Cr from t = 0 (defaults: 5 MCi, 2 half-lives), point source. */
  nutmm_cr51_params src;
  nutmm_flux_cr51_params_default(&src);
  src.activity = a->set[SET_ACTIVITY] * 1e6 * NUTMM_CURIE;
  src.t_start = 0.0;
  src.duration = a->set[SET_DAYS] * NUTMM_DAY;
  src.geometry = NUTMM_CR51_POINT;
  src.distance = a->set[SET_DISTANCE] * NUTMM_CM;
  const double volume = a->set[SET_VOLUME] * NUTMM_LITER; /* cm^3 */
  const double mass = mat->density * NUTMM_GRAM * volume;        /* kg */

  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_NUCLEUS;
  ro.exposure = mass * src.duration; /* kg s: the flux is time-averaged over the exposure */

  double T_hi = 0.0;
  s = nutmm_target_alloc(mat->alias, &x->target);
  if (!s)
    s = nutmm_flux_cr51_alloc(&src, &x->flux);
  if (!s)
    s = largest_tmax(x->target, x->flux, &T_hi);
  if (!s && !(T_hi > threshold))
    s = nutmm_error_set(NUTMM_EDOM, "cr51-cens", "T_max = %g eV below the %g eV threshold",
                        T_hi / NUTMM_EV, threshold / NUTMM_EV);
  if (!s)
    s = nutmm_bin_edges_uniform(threshold, T_hi, nbins, x->edges);
  if (!s)
    s = nutmm_detector_alloc(&x->det);
  if (!s)
    s = nutmm_detector_set_bins(x->det, x->edges, nbins + 1);
  if (!s) /* the bins start there anyway; stated for clarity */
    s = nutmm_detector_set_threshold(x->det, NUTMM_EFF_TRUE, threshold);
  if (!s)
    s = nutmm_rate_alloc(x->target, x->flux, x->det, &ro, &x->rate);
  if (!s)
    s = nutmm_rate_sm(x->rate, NULL, x->sm);
  for (size_t i = 0; !s && i < nbins; i++) {
    if (!(x->sm[i] > 0.0))
      s = nutmm_error_set(NUTMM_EDOM, "cr51-cens", "no SM events in bin %zu", i);
    x->bkg[i] = a->set[SET_BKG] * x->sm[i]; /* B = 20 % of the SM by default, eq. (27) */
  }
  /* eq. (27): Asimov observed = N_SM, one pull on the signal (SM + dipole). */
  if (!s)
    s = nutmm_chi2_asimov_alloc(nbins, x->sm, x->bkg, a->set[SET_SIGMA_SYS], &x->chi);
  if (s) { /* the harness reports the reason and does not call teardown after a failed setup */
    cens_teardown(x);
    *vctx = NULL;
    return s;
  }

  m->nbins = nbins;
  m->edges = x->edges;
  m->edge_unit = NUTMM_EV;
  m->edge_name = "T_eV";
  m->observed = x->sm;
  m->n_bkg = 0;
  m->sm = x->sm;
  m->chi = x->chi;
  m->has_interference = 0;
  if (a->verbose) {
    double total = 0.0;
    for (size_t i = 0; i < nbins; i++)
      total += x->sm[i];
    fprintf(stderr,
            "nutmm-cr51-cens: %s, %.4g kg, %.4g MCi at %.4g cm for %.4g d, %zu bins %.4g-%.4g eV, "
            "%.6g SM events, exposure %.6g kg d, B = %.3g N_SM, sigma_sys %.3g\n",
            mat->alias, mass, a->set[SET_ACTIVITY], a->set[SET_DISTANCE], a->set[SET_DAYS], nbins,
            threshold / NUTMM_EV, T_hi / NUTMM_EV, total, ro.exposure / NUTMM_DAY, a->set[SET_BKG],
            a->set[SET_SIGMA_SYS]);
  }
  return NUTMM_SUCCESS;
}

/* Dipole counts per bin per mu_B^2 (eq. 17 on every nucleus, each line exactly); no
 * interference.  Thread-safe: the workspace is local to the call. */
static int cens_signal(void *vctx, double m4, const cli_coupling *c, double *D, double *Iv)
{
  const cens_ctx *x = vctx;
  /* nuclear interference neglected (paper Sec. 2.4) */
  return cli_rate_signal(x->rate, m4, c, 0, 0, NULL, D, Iv);
}

static const cli_experiment experiment = {
    .name = "cr51-cens",
    .summary = "51Cr source + sub-keV CEvNS detector (Si, Ge, Al2O3, CaWO4): sensitivity to the\n"
               "sterile dipole portal, eq. (27) of arXiv:2109.09545 (Asimov, B = 20% of SM).",
    .help_extra =
        "Set-up (ASSUMPTIONS, physics.md I; the paper's values were stripped); the numbers\n"
        "are the defaults of the --set parameters above:\n"
        "  5 MCi 51Cr, point source 25 cm from the detector, exposure 2 half-lives = 55.4 d\n"
        "  (decaying activity); the four 51Cr lines as separate components.\n"
        "  Target: 1 L of material (Si 2.33 kg, Ge 5.32 kg, Al2O3 3.98 kg, CaWO4 6.06 kg);\n"
        "  target words also accepted as formulas (Si Ge Al2O3 CaWO4).\n"
        "  10 eV nuclear-recoil threshold, efficiency 1, no smearing; 10 equal bins in true\n"
        "  recoil from the threshold to the largest T_max of the 752 keV line over the\n"
        "  target's nuclei.  chi2 eq. (27): observed = N_SM, sigma^2 = N_SM + B with\n"
        "  B = 0.2 N_SM, 20% signal normalisation pull.\n"
        "  --verbose prints the set-up, bins, SM total and exposure on stderr.\n",
    .m4_min = 1e-3,
    .m4_max = 0.75, /* the 752 keV line's reach (nuclear recoil: m4 < 0.7518 MeV) */
    .points = 100,
    .mu_spectrum = 1e-10, /* Fig. 2: two orders below the COHERENT value [choice] */
    .m4_spectrum = 0.01,  /* 10 keV, as Fig. 1 [choice] */
    .flavors = "e",
    .two_sided = 0,
    .targets = "si ge al2o3 cawo4 Si Ge Al2O3 CaWO4",
    .configs = NULL,
    .settings = settings,
    .n_settings = N_SETTINGS,
    .setup = cens_setup,
    .signal = cens_signal,
    .teardown = cens_teardown,
};

int main(int argc, char **argv) { return cli_main(&experiment, argc, argv); }
