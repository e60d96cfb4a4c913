/* nutmm-cr51-lxe: sensitivity of a 51Cr source next to a multi-tonne liquid-xenon detector,
 * elastic neutrino-electron scattering (EES), to the sterile dipole portal including the
 * weak-magnetic interference (arXiv:2109.09545 Sec. 3.4 and eq. (27); set-ups of Link & Xu,
 * JHEP 08 (2019) 004, arXiv:1903.09891, ref. [39]; geometry of Coloma, Huber & Link, JHEP 11
 * (2014) 042, arXiv:1406.4914, ref. [62]).  All physics is in the library; this program only
 * assembles the set-up (shared harness cli.h: `spectrum`, `chi2`, `limit`; --help).
 *
 * Set-up (data/cr51/README.md, physics.md I; the paper's numbers were stripped):
 *   - configurations (--config): A = 5 MCi for 50 d, B = 5 MCi for 100 d, C = 10 MCi for
 *     100 d, initial activity and data-taking time [recalled from Link-Xu as used in
 *     2002.01482: NOT CONFIRMED]; the activity decays during the run (T_1/2 = 27.7025 d), the
 *     four 51Cr lines are separate flux components holding their time-averaged fluxes;
 *   - detector: a LXe cylinder of height = diameter = 1.38 m [derived from "about 6 tonnes"],
 *     density 2.953 g/cm^3 [assumption] -> 6.10 t, all of it active [assumption];
 *   - geometry: point source on the cylinder's axis, 1 m from the detector [paper-text "1 m"];
 *     the flux helper (NUTMM_CR51_CYLINDER) measures this distance to the NEAR FACE of the
 *     cylinder and averages A/(4 pi r^2) over the volume (Coloma-Huber-Link method).  Whether
 *     Link & Xu meant the face or the centre, and the axis or the side, is NOT CONFIRMED
 *     (data/cr51/README.md); 1 m to the centre would put the face at 31 cm and raise the
 *     mean flux (the event numbers) by a factor of 3.07 (<1/(4 pi r^2)> = 2.99e-6 cm^-2 at
 *     1 m from the face, 9.18e-6 cm^-2 at 31 cm);
 *   - EES on all 54 electrons of Xe with the stepping function S(T) of eq. (16) (binding
 *     energies of atomic/binding_energies.dat); 29 bins of 1 keV from 1 to 30 keV in TRUE
 *     electron recoil energy, efficiency 1, no smearing [assumption, physics.md G, H].
 * Signal: SM + mu^2 dipole (eq. 19 x S(T)) + mu (Re W/mu) interference (eq. 20 x S(T),
 * eta = +1, physics.md E).  In the effective-moment mode Re W = |U_e4| mu with |U_e4| from
 * --ue4, default 0: no interference unless a mixing is given (the paper's value, "for sterile
 * mixings of the order of ...", was stripped and is not implied elsewhere); with --lambda /
 * --param the interference follows from the mixing and the TMMs (tmm.h).  --no-interference
 * drops the term.
 * Statistics, eq. (27) in the Asimov form (physics.md H):
 *   chi2 = min_alpha sum_i [N_SM,i - (1 + alpha) N_th,i]^2 / (N_SM,i + B_i) + (alpha/0.2)^2,
 *   B_i = 0.2 N_SM,i fixed [paper-text], sigma_sys = 0.2 [assumption]; observed = N_SM.
 * Settings (--set NAME=VALUE, --help lists them): the source's activity and run time
 * override the configuration's when given a positive value (default 0 = the --config
 * values); distance to the near face, cylinder height and diameter, the recoil window and
 * number of bins, background fraction and sigma_sys default to the numbers above.
 * Units: counts are events per bin over the whole run; bin edges printed in keV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nutmm/nutmm.h"

#define LXE_MAX_BINS 1000                     /* largest --set nbins */
#define LXE_DENSITY 2.953                     /* g/cm^3 [assumption, physics.md I] */

/* Set-up numbers, changeable with --set NAME=VALUE (see the file comment for their status). */
enum {
  SET_ACTIVITY,  /* initial activity, MCi; 0 = the configuration's */
  SET_DAYS,      /* data-taking time, d; 0 = the configuration's */
  SET_DISTANCE,  /* source to the near face, cm [paper-text "1 m"] */
  SET_HEIGHT,    /* cylinder height, m [derived from ~6 t, physics.md I] */
  SET_DIAMETER,  /* cylinder diameter, m (h = d) */
  SET_T_MIN,     /* lowest bin edge, keV [assumption] */
  SET_T_MAX,     /* highest bin edge, keV [assumption] */
  SET_NBINS,     /* equal-width bins: 29 x 1 keV [assumption] */
  SET_BKG,       /* B = fraction of the SM rate [paper-text 20 %] */
  SET_SIGMA_SYS, /* signal normalisation pull [assumption] */
  N_SETTINGS
};

static const cli_setting settings[N_SETTINGS] = {
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
typedef struct {
  const char *name;
  double mci;  /* initial activity, MCi */
  double days; /* data-taking time, d */
} lxe_config;

static const lxe_config configs[] = {{"A", 5.0, 50.0}, {"B", 5.0, 100.0}, {"C", 10.0, 100.0}};

typedef struct {
  nutmm_target *target;
  nutmm_flux *flux;
  nutmm_detector *det;
  nutmm_rate *rate;
  nutmm_chi2 *chi;
  size_t nbins;
  double edges[LXE_MAX_BINS + 1]; /* MeV */
  double sm[LXE_MAX_BINS];        /* N_SM per bin = Asimov observed */
  double bkg[LXE_MAX_BINS];       /* eq. (27) background, enters the variance only */
} lxe_ctx;

static void lxe_teardown(void *vctx)
{
  lxe_ctx *x = vctx;
  if (!x)
    return;
  nutmm_chi2_free(x->chi);
  nutmm_rate_free(x->rate);
  nutmm_detector_free(x->det);
  nutmm_flux_free(x->flux);
  nutmm_target_free(x->target);
  free(x);
}

static int lxe_setup(const cli_args *a, cli_model *m, void **vctx)
{
  const lxe_config *cf = NULL;
  for (size_t k = 0; k < sizeof configs / sizeof configs[0]; k++)
    if (strcmp(a->config, configs[k].name) == 0)
      cf = &configs[k];
  if (!cf)
    return nutmm_error_set(NUTMM_ENOTFOUND, "cr51-lxe", "unknown configuration '%s'", a->config);
  int s;
  if ((s = cli_check_setting(settings, a, SET_ACTIVITY, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_DAYS, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_DISTANCE, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_HEIGHT, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_DIAMETER, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_T_MIN, 0.0, 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_T_MAX, a->set[SET_T_MIN], 0, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_NBINS, 1.0, 1, LXE_MAX_BINS, 1)) ||
      (s = cli_check_setting(settings, a, SET_BKG, 0.0, 1, INFINITY, 0)) ||
      (s = cli_check_setting(settings, a, SET_SIGMA_SYS, 0.0, 1, INFINITY, 0)))
    return s;
  /* a positive --set activity / days overrides the configuration's value */
  const double mci = a->set[SET_ACTIVITY] > 0.0 ? a->set[SET_ACTIVITY] : cf->mci;
  const double days = a->set[SET_DAYS] > 0.0 ? a->set[SET_DAYS] : cf->days;
  const size_t nbins = (size_t)a->set[SET_NBINS];
  lxe_ctx *x = calloc(1, sizeof *x);
  if (!x)
    return nutmm_error_set(NUTMM_ENOMEM, "cr51-lxe", "context");
  *vctx = x;
  x->nbins = nbins;

  /* Source and geometry: decaying 51Cr on the axis of the cylinder, `distance` from its
   * near face, flux averaged over the volume (flux.h, nutmm_flux_cylinder_average). */
  nutmm_cr51_params src;
  nutmm_flux_cr51_params_default(&src);
  src.activity = mci * 1e6 * NUTMM_CURIE;
  src.t_start = 0.0;
  src.duration = days * NUTMM_DAY;
  src.geometry = NUTMM_CR51_CYLINDER;
  src.distance = a->set[SET_DISTANCE] * NUTMM_CM;
  src.height = a->set[SET_HEIGHT] * NUTMM_METER;
  src.radius = 0.5 * (a->set[SET_DIAMETER] * NUTMM_METER);
  const double volume = NUTMM_PI * src.radius * src.radius * src.height; /* cm^3 */
  const double mass = LXE_DENSITY * NUTMM_GRAM * volume;                 /* kg */

  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_ELECTRON;
  ro.stepping = 1;                   /* S(T) of eq. (16) */
  ro.exposure = mass * src.duration; /* kg s: the flux is time-averaged over the run */

  s = nutmm_target_alloc("Xe", &x->target);
  if (!s)
    s = nutmm_flux_cr51_alloc(&src, &x->flux);
  if (!s)
    s = nutmm_bin_edges_uniform(a->set[SET_T_MIN] * NUTMM_KEV, a->set[SET_T_MAX] * NUTMM_KEV,
                                nbins, x->edges);
  if (!s)
    s = nutmm_detector_alloc(&x->det); /* identity response: true recoil, efficiency 1 */
  if (!s)
    s = nutmm_detector_set_bins(x->det, x->edges, nbins + 1);
  if (!s)
    s = nutmm_rate_alloc(x->target, x->flux, x->det, &ro, &x->rate);
  if (!s)
    s = nutmm_rate_sm(x->rate, NULL, x->sm);
  for (size_t i = 0; !s && i < nbins; i++) {
    if (!(x->sm[i] > 0.0))
      s = nutmm_error_set(NUTMM_EDOM, "cr51-lxe", "no SM events in bin %zu (%g-%g keV)", i,
                          x->edges[i] / NUTMM_KEV, x->edges[i + 1] / NUTMM_KEV);
    x->bkg[i] = a->set[SET_BKG] * x->sm[i]; /* B = 20 % of the SM by default, eq. (27) */
  }
  /* eq. (27): Asimov observed = N_SM, one pull on the signal (SM + dipole + interference). */
  if (!s)
    s = nutmm_chi2_asimov_alloc(nbins, x->sm, x->bkg, a->set[SET_SIGMA_SYS], &x->chi);
  if (s) { /* the harness reports the reason and does not call teardown after a failed setup */
    lxe_teardown(x);
    *vctx = NULL;
    return s;
  }

  m->nbins = nbins;
  m->edges = x->edges;
  m->edge_unit = NUTMM_KEV;
  m->edge_name = "T_keV";
  m->observed = x->sm;
  m->n_bkg = 0;
  m->sm = x->sm;
  m->chi = x->chi;
  m->has_interference = 1;
  if (a->verbose) {
    nutmm_cr51_summary sum;
    double total = 0.0;
    for (size_t i = 0; i < nbins; i++)
      total += x->sm[i];
    if (nutmm_flux_cr51_summary(&src, &sum) == NUTMM_SUCCESS)
      fprintf(stderr,
              "nutmm-cr51-lxe: config %s (%.3g MCi, %.4g d), %.4g t Xe, %.4g cm from the face, "
              "<Phi> = %.6g /cm^2/s, %.6g SM events in %.4g-%.4g keV (%zu bins), B = %.3g N_SM, "
              "sigma_sys %.3g\n",
              cf->name, mci, days, mass / NUTMM_TONNE, src.distance, sum.mean_flux, total,
              x->edges[0] / NUTMM_KEV, x->edges[nbins] / NUTMM_KEV, nbins, a->set[SET_BKG],
              a->set[SET_SIGMA_SYS]);
  }
  return NUTMM_SUCCESS;
}

/* Dipole counts per bin per mu_B^2 and interference counts per unit (Re W / mu) per mu_B,
 * component weights from the coupling.  Thread-safe: the workspace is local to the call. */
static int lxe_signal(void *vctx, double m4, const cli_coupling *c, double *D, double *Iv)
{
  const lxe_ctx *x = vctx;
  /* eq. (20) kept: the one set-up where the paper finds the interference matters */
  return cli_rate_signal(x->rate, m4, c, 0, 1, NULL, D, Iv);
}

static const cli_experiment experiment = {
    .name = "cr51-lxe",
    .summary = "51Cr source + ~6 t liquid-xenon detector, electron recoils (EES): sensitivity to\n"
               "the sterile dipole portal with interference, eq. (27) of arXiv:2109.09545.",
    .help_extra =
        "Set-up (ASSUMPTIONS, physics.md I; the paper's values were stripped); the numbers\n"
        "are the defaults of the --set parameters above:\n"
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
    .m4_max = 0.5, /* the 752 keV line on electrons: m4 + m4^2/(2 m_e) <= E, m4 < 0.504 MeV */
    .points = 100,
    .mu_spectrum = 1e-10, /* [choice] */
    .m4_spectrum = 0.01,  /* 10 keV, Fig. 1 */
    .flavors = "e",
    .two_sided = 0,
    .targets = NULL,
    .configs = "A B C",
    .settings = settings,
    .n_settings = N_SETTINGS,
    .setup = lxe_setup,
    .signal = lxe_signal,
    .teardown = lxe_teardown,
};

int main(int argc, char **argv) { return cli_main(&experiment, argc, argv); }
