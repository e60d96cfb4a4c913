/* 51Cr source next to a multi-tonne liquid-xenon detector, elastic neutrino-electron
 * scattering with the weak-magnetic interference (arXiv:2109.09545 Sec. 3.4 and eq. (27);
 * set-ups of Link & Xu, JHEP 08 (2019) 004, arXiv:1903.09891, its Ref. [39]; geometry of
 * Coloma, Huber & Link, JHEP 11 (2014) 042, arXiv:1406.4914, its Ref. [62]).
 *
 * Set-up (data/cr51/README.md; the paper's numbers were stripped; ASSUMPTIONS unless marked):
 *   configurations A = 5 MCi for 50 d, B = 5 MCi for 100 d, C = 10 MCi for 100 d (initial
 *   activity, decaying with T_1/2 = 27.7025 d; recalled from Link-Xu as used in 2002.01482,
 *   NOT CONFIRMED); a LXe cylinder h = d = 1.38 m of 2.953 g/cm^3 (6.10 t, "about 6 tonnes"),
 *   all active; the source on its axis 1 m from the NEAR FACE [paper text "1 m"; face or
 *   centre not confirmed], flux averaged over the volume; EES on the 54 electrons of Xe with
 *   S(T) of eq. (16); 29 bins of 1 keV from 1 to 30 keV in true recoil, efficiency 1.
 * Signal: SM + mu^2 dipole (eq. 19 x S) + interference (eq. 20 x S): Re W = |U_e4| mu in the
 * effective mode, from the TMMs and the mixing otherwise.
 * eq. (27), Asimov, B = 0.2 N_SM [paper text], sigma_sys = 0.2. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assembly.h"

#define LXE_MAX_BINS 1000
#define LXE_DENSITY 2.953 /* g/cm^3 [assumption] */

enum { SET_ACTIVITY, SET_DAYS, SET_DISTANCE, SET_HEIGHT, SET_DIAMETER, SET_T_MIN, SET_T_MAX,
       SET_NBINS, SET_BKG, SET_SIGMA_SYS, N_SETTINGS };

static const nutmm_exp_setting settings[N_SETTINGS] = {
    [SET_ACTIVITY] = {"activity", 0.0, "MCi", "51Cr activity at t = 0 (0: the --config value)"},
    [SET_DAYS] = {"days", 0.0, "d", "data-taking time from t = 0 (0: the --config value)"},
    [SET_DISTANCE] = {"distance", 100.0, "cm", "source (on the axis) to the NEAR FACE"},
    [SET_HEIGHT] = {"height", 1.38, "m", "LXe cylinder height (all active)"},
    [SET_DIAMETER] = {"diameter", 1.38, "m", "LXe cylinder diameter"},
    [SET_T_MIN] = {"t_min", 1.0, "keV", "lowest bin edge, true electron recoil"},
    [SET_T_MAX] = {"t_max", 30.0, "keV", "highest bin edge"},
    [SET_NBINS] = {"nbins", 29.0, "bins", "equal bins from t_min to t_max"},
    [SET_BKG] = {"bkg_fraction", 0.2, "fraction", "background B = fraction x N_SM, eq. (27)"},
    [SET_SIGMA_SYS] = {"sigma_sys", 0.2, "fraction", "signal normalisation pull, eq. (27)"},
};

/* Configurations A, B, C (Link-Xu via 2002.01482 [recalled, NOT CONFIRMED]). */
static const struct {
  const char *name;
  double mci, days;
} configs[] = {{"A", 5.0, 50.0}, {"B", 5.0, 100.0}, {"C", 10.0, 100.0}};

static int build(const nutmm_experiment *e, const nutmm_exp_options *o, nutmm_analysis **a)
{
  size_t c = 0;
  while (c < sizeof configs / sizeof configs[0] && strcmp(o->config, configs[c].name))
    c++;
  if (c == sizeof configs / sizeof configs[0])
    return nutmm_error_set(NUTMM_ENOTFOUND, "cr51-lxe", "unknown configuration '%s'", o->config);
  int s;
  if ((s = exp_check(e, o, SET_ACTIVITY, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_DAYS, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_DISTANCE, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_HEIGHT, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_DIAMETER, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_T_MIN, 0.0, 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_T_MAX, o->set[SET_T_MIN], 0, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_NBINS, 1.0, 1, LXE_MAX_BINS, 1)) ||
      (s = exp_check(e, o, SET_BKG, 0.0, 1, INFINITY, 0)) ||
      (s = exp_check(e, o, SET_SIGMA_SYS, 0.0, 1, INFINITY, 0)))
    return s;
  /* a positive activity / days overrides the configuration's value */
  const double mci = o->set[SET_ACTIVITY] > 0.0 ? o->set[SET_ACTIVITY] : configs[c].mci;
  const double days = o->set[SET_DAYS] > 0.0 ? o->set[SET_DAYS] : configs[c].days;
  const size_t nb = (size_t)o->set[SET_NBINS];
  nutmm_cr51_options src;
  nutmm_flux_cr51_options_default(&src);
  src.activity = mci * 1e6 * NUTMM_CURIE;
  src.t_start = 0.0;
  src.duration = days * NUTMM_DAY;
  src.geometry = NUTMM_CR51_CYLINDER;
  src.distance = o->set[SET_DISTANCE] * NUTMM_CM;
  src.height = o->set[SET_HEIGHT] * NUTMM_METER;
  src.radius = 0.5 * (o->set[SET_DIAMETER] * NUTMM_METER);
  const double volume = NUTMM_PI * src.radius * src.radius * src.height; /* cm^3 */
  const double mass = LXE_DENSITY * NUTMM_GRAM * volume;                 /* kg */
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_ELECTRON;
  ro.stepping = 1;                   /* S(T), eq. (16) */
  ro.exposure = mass * src.duration; /* kg s: time-averaged flux */
  double *edges = malloc((3 * nb + 1) * sizeof *edges), *sm = edges ? edges + nb + 1 : NULL,
         *bkg = sm ? sm + nb : NULL;
  if (!edges)
    return nutmm_error_set(NUTMM_ENOMEM, "cr51-lxe", "%zu bins", nb);
  nutmm_target *tg = NULL;
  nutmm_flux *flux = NULL;
  nutmm_detector *det = NULL;
  nutmm_rate *rate = NULL;
  nutmm_chi2 *chi = NULL;
  s = nutmm_target_alloc("Xe", &tg);
  if (!s)
    s = nutmm_flux_cr51_alloc(&src, &flux);
  if (!s)
    s = nutmm_bin_edges_uniform(o->set[SET_T_MIN] * NUTMM_KEV, o->set[SET_T_MAX] * NUTMM_KEV, nb,
                                edges);
  if (!s)
    s = nutmm_detector_alloc(&det); /* identity response: true recoil, efficiency 1 */
  if (!s)
    s = nutmm_detector_set_bins(det, edges, nb + 1);
  if (!s)
    s = nutmm_rate_alloc(tg, flux, det, &ro, &rate);
  if (!s)
    s = nutmm_rate_sm(rate, NULL, sm);
  for (size_t i = 0; !s && i < nb; i++) {
    if (!(sm[i] > 0.0))
      s = nutmm_error_set(NUTMM_EDOM, "cr51-lxe", "no SM events in bin %zu (%g-%g keV)", i,
                          edges[i] / NUTMM_KEV, edges[i + 1] / NUTMM_KEV);
    bkg[i] = o->set[SET_BKG] * sm[i];
  }
  if (!s) /* eq. (27) */
    s = nutmm_chi2_asimov_alloc(nb, sm, bkg, o->set[SET_SIGMA_SYS], &chi);
  if (s) {
    free(edges);
    return exp_discard(s, rate, tg, flux, det, chi);
  }
  if (o->verbose) {
    nutmm_cr51_summary sum;
    double total = 0.0;
    for (size_t i = 0; i < nb; i++)
      total += sm[i];
    if (nutmm_flux_cr51_summary(&src, &sum) == NUTMM_SUCCESS)
      fprintf(stderr, "nutmm-cr51-lxe: config %s (%.3g MCi, %.4g d), %.4g t Xe, %.4g cm from the "
              "face, <Phi> = %.6g /cm^2/s, %.6g SM events in %.4g-%.4g keV (%zu bins), B = %.3g "
              "N_SM, sigma_sys %.3g\n", configs[c].name, mci, days, mass / NUTMM_TONNE,
              src.distance, sum.mean_flux, total, edges[0] / NUTMM_KEV, edges[nb] / NUTMM_KEV, nb,
              o->set[SET_BKG], o->set[SET_SIGMA_SYS]);
  }
  /* eq. (20) kept: the one set-up where the paper finds the interference matters */
  const nutmm_analysis_rate_options plan = {NULL, NULL, o->interference};
  s = exp_assemble(e->name, nb, rate, tg, flux, det, &plan, chi, sm, edges, NUTMM_KEV, "T_keV",
                   NULL, a);
  free(edges);
  return s;
}

const nutmm_experiment nutmm_exp_cr51_lxe = {
    .name = "cr51-lxe",
    .summary = "51Cr source + ~6 t liquid-xenon detector, electron recoils (EES): sensitivity to\n"
               "the sterile dipole portal with interference, eq. (27) of arXiv:2109.09545.",
    .help_extra =
        "Set-up (ASSUMPTIONS; the paper's values were stripped); the numbers are the\n"
        "defaults of the --set parameters above:\n"
        "  configurations A, B, C: 5 MCi for 50 d, 5 MCi for 100 d, 10 MCi for 100 d (initial\n"
        "  activity, decaying; recalled from Link & Xu 1903.09891, not confirmed); a positive\n"
        "  --set activity=MCI or days=D replaces the configuration's value.\n"
        "  LXe cylinder h = d = 1.38 m, 2.953 g/cm^3 (6.10 t); source on its axis 1 m from the\n"
        "  NEAR FACE (flux helper's convention; not confirmed), flux averaged over the volume.\n"
        "  29 bins of 1 keV, 1-30 keV true electron recoil, efficiency 1, no smearing; stepping\n"
        "  function S(T) for the Xe shells.  chi2 eq. (27): observed = N_SM,\n"
        "  sigma^2 = N_SM + B with B = 0.2 N_SM, 20% signal normalisation pull.\n"
        "  Interference: Re W = |U_e4| mu (--ue4, default 0 = none); --no-interference drops it.\n"
        "  --verbose prints the set-up, mean flux and SM total on stderr.\n",
    .m4_min = 1e-3,
    .m4_max = 0.5, /* the 752 keV line on electrons: m4 < 0.504 MeV */
    .points = 100,
    .mu_spectrum = 1e-10,
    .m4_spectrum = 0.01,
    .flavors = "e",
    .two_sided = 0,
    .targets = NULL,
    .configs = "A B C",
    .settings = settings,
    .n_settings = N_SETTINGS,
    .build = build,
};
