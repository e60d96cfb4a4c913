/* 51Cr source + sub-keV cryogenic CEvNS detectors of Si, Ge, sapphire or CaWO4
 * (arXiv:2109.09545 Sec. 3.4 and eq. (27); the proposal of Bellenghi et al., EPJC 79 (2019)
 * 727, arXiv:1905.10611, its Ref. [38]).
 *
 * The paper's numbers for distance, masses and threshold were stripped from the available text
 * (data/cr51/README.md); every default below is an ASSUMPTION unless marked:
 *   5 MCi of 51Cr at t = 0 [paper text], decaying over 2 half-lives = 55.4 d [paper text],
 *   the four EC lines as separate components (time-averaged fluxes); a point source 25 cm
 *   away; 1 litre of target (Si 2.33, Ge 5.32, Al2O3 3.98, CaWO4 6.06 g/cm^3), natural
 *   isotopes; 10 eV threshold, efficiency 1, no smearing, no quenching; 10 equal bins in true
 *   nuclear recoil from the threshold to the largest T_max of the 752 keV line over the
 *   target's nuclei [range: paper text].
 * eq. (27), Asimov: chi2 = min_a sum_i [N_SM,i - (1 + a) N_th,i]^2 / (N_SM,i + B_i) + (a/0.2)^2,
 * B = 0.2 N_SM [paper text], sigma_sys = 0.2.  The source emits nu_e only; the nuclear
 * interference is neglected (suppressed by the nuclear mass). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assembly.h"

#define CENS_MAX_BINS 1000

enum { SET_DISTANCE, SET_VOLUME, SET_THRESHOLD, SET_DAYS, SET_NBINS, SET_ACTIVITY, SET_BKG,
       SET_SIGMA_SYS, N_SETTINGS };

static const nutmm_exp_setting settings[N_SETTINGS] = {
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

/* Materials: option word, library name, density in g/cm^3 [assumption]. */
static const struct {
  const char *word, *alias;
  double density;
} materials[] = {{"si", "Si", 2.33}, {"ge", "Ge", 5.32}, {"al2o3", "Al2O3", 3.98},
                 {"cawo4", "CaWO4", 6.06}};

/* The largest recoil T_max = 2E^2/(M + 2E) of the flux end point over the target's nuclei. */
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

static int build(const nutmm_experiment *e, const nutmm_exp_options *o, nutmm_analysis **a)
{
  size_t m = 0;
  while (m < sizeof materials / sizeof materials[0] && strcmp(o->target, materials[m].word) &&
         strcmp(o->target, materials[m].alias))
    m++;
  if (m == sizeof materials / sizeof materials[0])
    return nutmm_error_set(NUTMM_ENOTFOUND, "cr51-cens", "unknown target '%s'", o->target);
  int s;
  for (size_t k = 0; k < N_SETTINGS; k++) {
    if (k == SET_NBINS)
      s = exp_check(e, o, k, 1.0, 1, CENS_MAX_BINS, 1);
    else
      s = exp_check(e, o, k, 0.0, k == SET_BKG || k == SET_SIGMA_SYS, INFINITY, 0);
    if (s)
      return s;
  }
  const double threshold = o->set[SET_THRESHOLD] * NUTMM_EV; /* MeV */
  const size_t nb = (size_t)o->set[SET_NBINS];
  nutmm_cr51_options src;
  nutmm_flux_cr51_options_default(&src);
  src.activity = o->set[SET_ACTIVITY] * 1e6 * NUTMM_CURIE;
  src.t_start = 0.0;
  src.duration = o->set[SET_DAYS] * NUTMM_DAY;
  src.geometry = NUTMM_CR51_POINT;
  src.distance = o->set[SET_DISTANCE] * NUTMM_CM;
  const double mass = materials[m].density * NUTMM_GRAM * o->set[SET_VOLUME] * NUTMM_LITER; /* kg */
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_NUCLEUS;
  ro.exposure = mass * src.duration; /* kg s: the flux is time-averaged over the exposure */
  double *edges = malloc((3 * nb + 1) * sizeof *edges), *sm = edges ? edges + nb + 1 : NULL,
         *bkg = sm ? sm + nb : NULL;
  if (!edges)
    return nutmm_error_set(NUTMM_ENOMEM, "cr51-cens", "%zu bins", nb);
  nutmm_target *tg = NULL;
  nutmm_flux *flux = NULL;
  nutmm_detector *det = NULL;
  nutmm_rate *rate = NULL;
  nutmm_chi2 *chi = NULL;
  double T_hi = 0.0;
  s = nutmm_target_alloc(materials[m].alias, &tg);
  if (!s)
    s = nutmm_flux_cr51_alloc(&src, &flux);
  if (!s)
    s = largest_tmax(tg, flux, &T_hi);
  if (!s && !(T_hi > threshold))
    s = nutmm_error_set(NUTMM_EDOM, "cr51-cens", "T_max = %g eV below the %g eV threshold",
                        T_hi / NUTMM_EV, threshold / NUTMM_EV);
  if (!s)
    s = nutmm_bin_edges_uniform(threshold, T_hi, nb, edges);
  if (!s)
    s = nutmm_detector_alloc(&det); /* identity response: true recoil, efficiency 1 */
  if (!s)
    s = nutmm_detector_set_bins(det, edges, nb + 1);
  if (!s)
    s = nutmm_detector_set_threshold(det, NUTMM_EFF_TRUE, threshold);
  if (!s)
    s = nutmm_rate_alloc(tg, flux, det, &ro, &rate);
  if (!s)
    s = nutmm_rate_sm(rate, NULL, sm);
  for (size_t i = 0; !s && i < nb; i++) {
    if (!(sm[i] > 0.0))
      s = nutmm_error_set(NUTMM_EDOM, "cr51-cens", "no SM events in bin %zu", i);
    bkg[i] = o->set[SET_BKG] * sm[i];
  }
  if (!s) /* eq. (27) */
    s = nutmm_chi2_asimov_alloc(nb, sm, bkg, o->set[SET_SIGMA_SYS], &chi);
  if (s) {
    free(edges);
    return exp_discard(s, rate, tg, flux, det, chi);
  }
  if (o->verbose) {
    double total = 0.0;
    for (size_t i = 0; i < nb; i++)
      total += sm[i];
    fprintf(stderr, "nutmm-cr51-cens: %s, %.4g kg, %.4g MCi at %.4g cm for %.4g d, %zu bins "
            "%.4g-%.4g eV, %.6g SM events, exposure %.6g kg d, B = %.3g N_SM, sigma_sys %.3g\n",
            materials[m].alias, mass, o->set[SET_ACTIVITY], o->set[SET_DISTANCE],
            o->set[SET_DAYS], nb, threshold / NUTMM_EV, T_hi / NUTMM_EV, total,
            ro.exposure / NUTMM_DAY, o->set[SET_BKG], o->set[SET_SIGMA_SYS]);
  }
  const nutmm_analysis_rate_options plan = {NULL, NULL, 0}; /* nuclear interference neglected */
  s = exp_assemble(e->name, nb, rate, tg, flux, det, &plan, chi, sm, edges, NUTMM_EV, "T_eV", NULL,
                   a);
  free(edges);
  return s;
}

const nutmm_experiment nutmm_exp_cr51_cens = {
    .name = "cr51-cens",
    .summary = "51Cr source + sub-keV CEvNS detector (Si, Ge, Al2O3, CaWO4): sensitivity to the\n"
               "sterile dipole portal, eq. (27) of arXiv:2109.09545 (Asimov, B = 20% of SM).",
    .help_extra =
        "Set-up (ASSUMPTIONS; the paper's values were stripped); the numbers are the\n"
        "defaults of the --set parameters above:\n"
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
    .mu_spectrum = 1e-10,
    .m4_spectrum = 0.01,
    .flavors = "e",
    .two_sided = 0,
    .targets = "si ge al2o3 cawo4 Si Ge Al2O3 CaWO4",
    .configs = NULL,
    .settings = settings,
    .n_settings = N_SETTINGS,
    .build = build,
};
