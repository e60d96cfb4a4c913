/* Prototype (not a test, not installed): the flavour-universal magnetic-moment limit of
 * XENONnT SR0 at m4 -> 0 from the existing library API, for the author of the XENONnT
 * assembly (issue 15) to know what to expect before the library's Poisson likelihood
 * exists.  The likelihood is written here, locally, and is NOT the library's.
 *
 * Signal: solar nu + e -> nu_4 + e on the 54 electrons of Xe with the stepping function
 * (eq. (19) with S(T) of eq. (16) of arXiv:2109.09545), every flux component with weight 1
 * (a flavour-universal effective moment), m4 = 0 (the eq. (19) dipole cross section reduces
 * to the usual magnetic-moment one there).  Detector as XENONnT SR0
 * (data/experiments/xenonnt_sr0/README.md): Gaussian sigma = a sqrt(E) + b E, the
 * release's total efficiency in reconstructed energy, 29 bins of 1 keV in 1-30 keV,
 * exposure 1.16 t yr.
 *
 * Likelihood: binned Poisson, -2 ln lambda of Baker and Cousins (NIM 221 (1984) 437),
 *   2 sum_i [nu_i - n_i + n_i ln(n_i / nu_i)] + (alpha/s_alpha)^2 + (beta/s_beta)^2,
 *   nu_i = (1 + beta) mu^2 D_i + (1 + alpha) (1 + f beta) B0_i,
 * f = 1 if the efficiency pull also scales B0 (the GAMBIT/XENON1T-program form), 0 if it
 * acts on the signal only; alpha, beta profiled with GSL's simplex; mu^2 >= 0.  For
 * comparison the Gaussian form of eq. (23) with sigma_i^2 = n_i, and the unbinned extended
 * likelihood on the 433 events (signal and B0 densities piecewise constant on 0.1-keV cells).
 *
 * Build (from the worktree, after ninja -C build):
 *   cc -std=c11 -O2 -Iinclude tests/proto_xenonnt_limit.c build/lib/libnutmm.a -lgsl \
 *      -lgslcblas -lm -o /tmp/proto_xenonnt_limit
 *   NUTMM_DATADIR=data /tmp/proto_xenonnt_limit [res_a res_b s_alpha s_beta f asimov m4]
 * asimov = 1 replaces the data by B0 (the median expected limit without signal); m4 in MeV.
 * Defaults: a = 0.310 keV^1/2, b = 0.0037 (XENON1T form, ASSUMED for XENONnT),
 * s_alpha = 0.082 (the paper's 15.8 +- 1.3 events/(t yr keV), ASSUMED as the B0 pull),
 * s_beta = 0.03 (ASSUMED, as XENON1T), f = 0. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_multimin.h>

#include "nutmm/nutmm.h"

#define NB 29
#define EXPOSURE_TYR 1.16
#define BINNED "experiments/xenonnt_sr0/xenonnt_sr0_binned.txt"
#define EFFICIENCY "experiments/xenonnt_sr0/xenonnt_sr0_efficiency.txt"
#define EVENTS "experiments/xenonnt_sr0/xenonnt_sr0_events.txt"
#define B0CURVE "experiments/xenonnt_sr0/xenonnt_sr0_b0.txt"
#define NEV_MAX 1000
#define NCELL 290 /* 0.1-keV cells in 1-30 keV, the grid of the released B0 */

typedef struct {
  double n[NB], b0[NB], d[NB]; /* observed, B0 counts, dipole counts per mu_B^2 */
  double mu2, s_alpha, s_beta, f;
  int gaussian;
  /* unbinned extended form: per event the signal density per mu_B^2 and the B0 density
   * (events/keV, on the 0.1-keV cells of the released B0 grid), and their 1-30 keV totals */
  int unbinned;
  size_t nev;
  double sev[NEV_MAX], bev[NEV_MAX], s_tot, b_tot;
} model;

static double m2lnl(const gsl_vector *x, void *p)
{
  const model *m = p;
  double a = gsl_vector_get(x, 0), b = gsl_vector_get(x, 1);
  double t = (a / m->s_alpha) * (a / m->s_alpha) + (b / m->s_beta) * (b / m->s_beta);
  if (m->unbinned) { /* -2 ln L_ext = 2 nu_tot - 2 sum_k ln(density at E_k), constants dropped */
    t += 2.0 * ((1.0 + b) * m->mu2 * m->s_tot + (1.0 + a) * (1.0 + m->f * b) * m->b_tot);
    for (size_t k = 0; k < m->nev; k++) {
      double rho = (1.0 + b) * m->mu2 * m->sev[k] + (1.0 + a) * (1.0 + m->f * b) * m->bev[k];
      if (!(rho > 0.0))
        return GSL_POSINF;
      t -= 2.0 * log(rho);
    }
    return t;
  }
  for (int i = 0; i < NB; i++) {
    double nu = (1.0 + b) * m->mu2 * m->d[i] + (1.0 + a) * (1.0 + m->f * b) * m->b0[i];
    if (m->gaussian)
      t += (m->n[i] - nu) * (m->n[i] - nu) / m->n[i];
    else if (!(nu > 0.0))
      return GSL_POSINF;
    else
      t += 2.0 * (nu - m->n[i] + (m->n[i] > 0 ? m->n[i] * log(m->n[i] / nu) : 0.0));
  }
  return t;
}

/* Profile alpha, beta at m->mu2. */
static double profiled(model *m)
{
  const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
  gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(T, 2);
  gsl_vector *x = gsl_vector_calloc(2), *step = gsl_vector_alloc(2);
  gsl_vector_set(step, 0, 0.3 * m->s_alpha);
  gsl_vector_set(step, 1, 0.3 * m->s_beta);
  gsl_multimin_function fn = {m2lnl, 2, m};
  gsl_multimin_fminimizer_set(s, &fn, x, step);
  for (int it = 0; it < 2000; it++) {
    if (gsl_multimin_fminimizer_iterate(s))
      break;
    if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-10) == GSL_SUCCESS)
      break;
  }
  double v = s->fval;
  gsl_vector_free(x);
  gsl_vector_free(step);
  gsl_multimin_fminimizer_free(s);
  return v;
}

/* Smallest mu with profiled(mu^2) - min = delta, by bisection in log mu (the profile rises
 * monotonically above the best fit; the best fit here is at mu^2 = 0 or just above). */
static double upper_limit(model *m, double delta, double *best)
{
  double lo = 1e-14, hi = 1e-9, tmin = INFINITY, mubest = 0.0;
  for (double mu = 0.0; mu < 2e-11; mu += 2.5e-13) { /* coarse scan for the minimum */
    m->mu2 = mu * mu;
    double t = profiled(m);
    if (t < tmin) {
      tmin = t;
      mubest = mu;
    }
  }
  *best = mubest;
  lo = mubest > 0 ? mubest : lo;
  for (int it = 0; it < 200 && hi / lo > 1 + 1e-7; it++) {
    double mid = sqrt(lo * hi);
    m->mu2 = mid * mid;
    if (profiled(m) - tmin > delta)
      hi = mid;
    else
      lo = mid;
  }
  return sqrt(lo * hi);
}

static int die(int s)
{
  fprintf(stderr, "proto_xenonnt_limit: %s\n", nutmm_error_reason());
  return s ? s : 1;
}

int main(int argc, char **argv)
{
  double res_a = argc > 1 ? atof(argv[1]) : 0.310, res_b = argc > 2 ? atof(argv[2]) : 0.0037;
  model m = {.s_alpha = argc > 3 ? atof(argv[3]) : 0.082,
             .s_beta = argc > 4 ? atof(argv[4]) : 0.03,
             .f = argc > 5 ? atof(argv[5]) : 0.0};
  int asimov = argc > 6 && atoi(argv[6]);
  double m4 = argc > 7 ? atof(argv[7]) : 0.0;
  double edges[NB + 1];
  nutmm_table *t;
  int s = nutmm_table_read_data(BINNED, &t);
  if (s)
    return die(s);
  if (nutmm_table_rows(t) != NB)
    return fprintf(stderr, "expected %d bins\n", NB), 1;
  for (size_t i = 0; i < NB; i++) {
    double lo, hi;
    if ((s = nutmm_table_double(t, i, 0, &lo)) || (s = nutmm_table_double(t, i, 1, &hi)) ||
        (s = nutmm_table_double(t, i, 5, &m.n[i])) || (s = nutmm_table_double(t, i, 7, &m.b0[i])))
      return die(s);
    if (asimov)
      m.n[i] = m.b0[i];
    edges[i] = lo * NUTMM_KEV;
    edges[i + 1] = hi * NUTMM_KEV;
  }
  nutmm_table_free(t);

  nutmm_target *xe;
  nutmm_flux *sun;
  nutmm_detector *det;
  nutmm_rate *rate;
  nutmm_rate_workspace *ws;
  nutmm_solar_options so;
  nutmm_rate_options ro;
  if ((s = nutmm_target_alloc("Xe", &xe)) || (s = nutmm_flux_solar_options_default(&so)))
    return die(s);
  so.mode = NUTMM_SOLAR_FLAVOR;
  if ((s = nutmm_flux_solar_alloc(&so, &sun)) || (s = nutmm_detector_alloc(&det)) ||
      (s = nutmm_detector_set_resolution_sqrt_linear(det, res_a * sqrt(NUTMM_KEV), res_b)) ||
      (s = nutmm_detector_set_efficiency_data(det, NUTMM_EFF_OBSERVABLE, EFFICIENCY, 0, 1,
                                              NUTMM_KEV, NUTMM_EFF_OUTSIDE_CLAMP)) ||
      (s = nutmm_detector_set_bins(det, edges, NB + 1)))
    return die(s);
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_ELECTRON;
  ro.stepping = 1;
  ro.exposure = EXPOSURE_TYR * NUTMM_TONNE * NUTMM_YEAR;
  if ((s = nutmm_rate_alloc(xe, sun, det, &ro, &rate)) ||
      (s = nutmm_rate_workspace_alloc(rate, &ws)) ||
      (s = nutmm_rate_dipole(rate, ws, m4, NULL, m.d)))
    return die(s);

  double dsum = 0, d17 = 0, nsum = 0, bsum = 0;
  for (int i = 0; i < NB; i++) {
    dsum += m.d[i];
    nsum += m.n[i];
    bsum += m.b0[i];
    if (i < 6)
      d17 += m.d[i];
  }
  printf("# res a=%g b=%g s_alpha=%g s_beta=%g f=%g%s m4=%g MeV\n", res_a, res_b, m.s_alpha,
         m.s_beta, m.f, asimov ? " ASIMOV (data = B0)" : "", m4);
  printf("# N_obs=%g B0=%.2f; dipole at mu=1e-11: %.2f events in 1-30 keV, %.2f in 1-7 keV\n", nsum,
         bsum, dsum * 1e-22, d17 * 1e-22);
  const char *form[] = {"Poisson", "Gaussian"};
  for (int g = 0; g < 2; g++) {
    m.gaussian = g;
    double best, l271 = upper_limit(&m, 2.705543, &best), l164 = upper_limit(&m, 1.642374, &best);
    printf("%s\tbest_mu=%.3e\tmu90(d=2.71)=%.4e\tmu90(d=1.64)=%.4e\n", form[g], best, l271, l164);
  }

  /* Unbinned extended likelihood on the event list: the signal on 0.1-keV cells (a second
   * plan, same detector), B0 from its released curve, each piecewise constant on the cells. */
  static double cell_edges[NCELL + 1], cell_sig[NCELL], e_ev[NEV_MAX], e_b0[400], r_b0[400];
  nutmm_detector *fine;
  nutmm_rate *frate;
  nutmm_rate_workspace *fws;
  for (size_t c = 0; c <= NCELL; c++)
    cell_edges[c] = (1.0 + 0.1 * (double)c) * NUTMM_KEV;
  if ((s = nutmm_detector_alloc(&fine)) ||
      (s = nutmm_detector_set_resolution_sqrt_linear(fine, res_a * sqrt(NUTMM_KEV), res_b)) ||
      (s = nutmm_detector_set_efficiency_data(fine, NUTMM_EFF_OBSERVABLE, EFFICIENCY, 0, 1,
                                              NUTMM_KEV, NUTMM_EFF_OUTSIDE_CLAMP)) ||
      (s = nutmm_detector_set_bins(fine, cell_edges, NCELL + 1)) ||
      (s = nutmm_rate_alloc(xe, sun, fine, &ro, &frate)) ||
      (s = nutmm_rate_workspace_alloc(frate, &fws)) ||
      (s = nutmm_rate_dipole(frate, fws, m4, NULL, cell_sig)))
    return die(s);
  size_t nb0;
  if ((s = nutmm_table_read_data(EVENTS, &t)))
    return die(s);
  m.nev = nutmm_table_rows(t);
  if (m.nev > NEV_MAX || (s = nutmm_table_column(t, 0, 0, e_ev)))
    return die(s);
  nutmm_table_free(t);
  if ((s = nutmm_table_read_data(B0CURVE, &t)))
    return die(s);
  nb0 = nutmm_table_rows(t);
  if (nb0 > 400 || (s = nutmm_table_column(t, 0, 1, e_b0)) || (s = nutmm_table_column(t, 1, 0, r_b0)))
    return die(s);
  nutmm_table_free(t);
  m.s_tot = m.b_tot = 0.0;
  if (nb0 != NCELL + 10)
    return fprintf(stderr, "B0 curve: %zu rows, expected %d\n", nb0, NCELL + 10), 1;
  for (size_t c = 0; c < NCELL; c++) {
    if (fabs(e_b0[c + 10] - (1.05 + 0.1 * (double)c)) > 1e-9)
      return fprintf(stderr, "B0 curve row %zu is not the cell centre\n", c + 10), 1;
    m.s_tot += cell_sig[c];
    m.b_tot += EXPOSURE_TYR * 0.1 * r_b0[c + 10]; /* cell c of 1-30 keV is B0 row c + 10 */
  }
  for (size_t k = 0; k < m.nev; k++) {
    size_t c = (size_t)floor((e_ev[k] - 1.0) / 0.1);
    if (c >= NCELL)
      c = NCELL - 1;
    m.sev[k] = cell_sig[c] / 0.1;                 /* events per keV per mu_B^2 */
    m.bev[k] = EXPOSURE_TYR * r_b0[c + 10]; /* events per keV */
  }
  m.gaussian = 0;
  m.unbinned = 1;
  if (!asimov) { /* the Asimov data set has no event list */
    double best, l271 = upper_limit(&m, 2.705543, &best), l164 = upper_limit(&m, 1.642374, &best);
    printf("Unbinned\tbest_mu=%.3e\tmu90(d=2.71)=%.4e\tmu90(d=1.64)=%.4e\t(B0 total %.2f, signal "
           "at 1e-11 %.2f)\n", best, l271, l164, m.b_tot, m.s_tot * 1e-22);
  }
  nutmm_rate_workspace_free(fws);
  nutmm_rate_free(frate);
  nutmm_detector_free(fine);
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(rate);
  nutmm_detector_free(det);
  nutmm_flux_free(sun);
  nutmm_target_free(xe);
  return 0;
}
