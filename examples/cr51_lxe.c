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
 * Units: counts are events per bin over the whole run; bin edges printed in keV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nutmm/nutmm.h"

#define LXE_NBINS 29                          /* 1-keV bins, 1..30 keV [assumption] */
#define LXE_T_LO (1.0 * NUTMM_KEV)
#define LXE_T_HI (30.0 * NUTMM_KEV)
#define LXE_DENSITY 2.953                     /* g/cm^3 [assumption, physics.md I] */
#define LXE_HEIGHT (1.38 * NUTMM_METER)       /* h = d [derived from ~6 t, physics.md I] */
#define LXE_DISTANCE (1.0 * NUTMM_METER)      /* source to the near face [paper-text "1 m"] */
#define LXE_BKG_FRACTION 0.2                  /* B = 20 % of the SM rate [paper-text] */
#define LXE_SIGMA_SYS 0.2                     /* signal normalisation pull [assumption] */
#define LXE_MAX_COMPONENTS 16                 /* room for the flux's line components (4) */

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
  double edges[LXE_NBINS + 1]; /* MeV */
  double sm[LXE_NBINS];        /* N_SM per bin = Asimov observed */
  double bkg[LXE_NBINS];   /* eq. (27) background, enters the variance only */
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
  lxe_ctx *x = calloc(1, sizeof *x);
  if (!x)
    return nutmm_error_set(NUTMM_ENOMEM, "cr51-lxe", "context");
  *vctx = x;

  /* Source and geometry: decaying 51Cr on the axis of the cylinder, LXE_DISTANCE from its
   * near face, flux averaged over the volume (flux.h, nutmm_flux_cylinder_average). */
  nutmm_cr51_params src;
  nutmm_flux_cr51_params_default(&src);
  src.activity = cf->mci * 1e6 * NUTMM_CURIE;
  src.t_start = 0.0;
  src.duration = cf->days * NUTMM_DAY;
  src.geometry = NUTMM_CR51_CYLINDER;
  src.distance = LXE_DISTANCE;
  src.height = LXE_HEIGHT;
  src.radius = 0.5 * LXE_HEIGHT;
  const double volume = NUTMM_PI * src.radius * src.radius * src.height; /* cm^3 */
  const double mass = LXE_DENSITY * NUTMM_GRAM * volume;                 /* kg */

  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_ELECTRON;
  ro.stepping = 1;                   /* S(T) of eq. (16) */
  ro.exposure = mass * src.duration; /* kg s: the flux is time-averaged over the run */

  int s = nutmm_target_alloc("Xe", &x->target);
  if (!s)
    s = nutmm_flux_cr51_alloc(&src, &x->flux);
  if (!s)
    s = nutmm_bin_edges_uniform(LXE_T_LO, LXE_T_HI, LXE_NBINS, x->edges);
  if (!s)
    s = nutmm_detector_alloc(&x->det); /* identity response: true recoil, efficiency 1 */
  if (!s)
    s = nutmm_detector_set_bins(x->det, x->edges, LXE_NBINS + 1);
  if (!s)
    s = nutmm_rate_alloc(x->target, x->flux, x->det, &ro, &x->rate);
  if (!s && nutmm_rate_ncomponents(x->rate) > LXE_MAX_COMPONENTS)
    s = nutmm_error_set(NUTMM_EINVAL, "cr51-lxe", "%zu flux components",
                        nutmm_rate_ncomponents(x->rate));
  if (!s)
    s = nutmm_rate_sm(x->rate, NULL, x->sm);
  for (size_t i = 0; !s && i < LXE_NBINS; i++) {
    if (!(x->sm[i] > 0.0))
      s = nutmm_error_set(NUTMM_EDOM, "cr51-lxe", "no SM events in bin %zu", i);
    x->bkg[i] = LXE_BKG_FRACTION * x->sm[i]; /* B = 20 % of the SM, eq. (27) */
  }
  /* eq. (27): Asimov observed = N_SM, one pull on the signal (SM + dipole + interference). */
  if (!s)
    s = nutmm_chi2_asimov_alloc(LXE_NBINS, x->sm, x->bkg, LXE_SIGMA_SYS, &x->chi);
  if (s) { /* the harness reports the reason and does not call teardown after a failed setup */
    lxe_teardown(x);
    *vctx = NULL;
    return s;
  }

  m->nbins = LXE_NBINS;
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
    for (size_t i = 0; i < LXE_NBINS; i++)
      total += x->sm[i];
    if (nutmm_flux_cr51_summary(&src, &sum) == NUTMM_SUCCESS)
      fprintf(stderr,
              "nutmm-cr51-lxe: config %s (%.3g MCi, %.4g d), %.4g t Xe, <Phi> = %.6g /cm^2/s, "
              "%.6g SM events in 1-30 keV\n",
              cf->name, cf->mci, cf->days, mass / NUTMM_TONNE, sum.mean_flux, total);
  }
  return NUTMM_SUCCESS;
}

/* Dipole counts per bin per mu_B^2 and interference counts per unit (Re W / mu) per mu_B,
 * component weights from the coupling.  Thread-safe: the workspace is local to the call. */
static int lxe_signal(void *vctx, double m4, const cli_coupling *c, double *D, double *Iv)
{
  const lxe_ctx *x = vctx;
  double w[LXE_MAX_COMPONENTS], wi[LXE_MAX_COMPONENTS];
  nutmm_rate_workspace *ws = NULL;
  int s = nutmm_rate_weights_species(x->rate, c->species, w);
  if (!s)
    s = nutmm_rate_weights_species(x->rate, c->re_w, wi);
  if (!s)
    s = nutmm_rate_workspace_alloc(x->rate, &ws);
  if (!s)
    s = nutmm_rate_dipole(x->rate, ws, m4, w, D);
  if (!s)
    s = nutmm_rate_interference(x->rate, ws, m4, wi, Iv);
  nutmm_rate_workspace_free(ws);
  return s;
}

static const cli_experiment experiment = {
    .name = "cr51-lxe",
    .summary = "51Cr source + ~6 t liquid-xenon detector, electron recoils (EES): sensitivity to\n"
               "the sterile dipole portal with interference, eq. (27) of arXiv:2109.09545.",
    .help_extra =
        "Set-up (ASSUMPTIONS, physics.md I; the paper's values were stripped):\n"
        "  configurations A, B, C: 5 MCi for 50 d, 5 MCi for 100 d, 10 MCi for 100 d (initial\n"
        "  activity, decaying; recalled from Link & Xu 1903.09891, not confirmed).\n"
        "  LXe cylinder h = d = 1.38 m, 2.953 g/cm^3 (6.10 t); source on its axis 1 m from the\n"
        "  NEAR FACE (flux helper's convention; not confirmed), flux averaged over the volume.\n"
        "  29 bins of 1 keV, 1-30 keV true electron recoil, efficiency 1, no smearing; stepping\n"
        "  function S(T) for the Xe shells.  chi2 eq. (27): observed = N_SM,\n"
        "  sigma^2 = 1.2 N_SM, 20% signal normalisation pull.\n"
        "  Interference: Re W = |U_e4| mu (--ue4, default 0 = none); --no-interference drops it.\n"
        "  --verbose prints the mass, mean flux and SM total on stderr.\n",
    .m4_min = 1e-3,
    .m4_max = 0.5, /* the 752 keV line on electrons: m4 + m4^2/(2 m_e) <= E, m4 < 0.504 MeV */
    .points = 100,
    .mu_spectrum = 1e-10, /* [choice] */
    .m4_spectrum = 0.01,  /* 10 keV, Fig. 1 */
    .flavors = "e",
    .two_sided = 0,
    .targets = NULL,
    .configs = "A B C",
    .setup = lxe_setup,
    .signal = lxe_signal,
    .teardown = lxe_teardown,
};

int main(int argc, char **argv) { return cli_main(&experiment, argc, argv); }
