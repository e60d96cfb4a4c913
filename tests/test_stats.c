/* Statistics: the profiled chi^2 with pulls (physics manual phys-stats, eqs. 23-27), best
 * fits, limits and bands, confidence-level thresholds, and every error path.
 *
 * Independent checks: a brute-force Nelder-Mead minimisation over the
 * nuisances (GSL multimin, in this test only) with the test's own chi^2;
 * closed forms derived by hand for one- and two-nuisance versions of each of
 * the paper's forms; analytic limits of Gaussian toys where chi^2 is
 * quadratic in mu^2; chi^2 quantiles from an mpmath computation (40 digits). */
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multimin.h>

#include "nutmm/nutmm.h"
#include "nutmm/stats.h"
#include "stats_internal.h"
#include "testutil.h"

/* ------------------------------------------------------------ helpers */

/* Deterministic uniform numbers in [0, 1) (xorshift64*). */
typedef struct {
  uint64_t s;
} rng_t;

static double rng_u(rng_t *r)
{
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return (double)((r->s * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

#define REASON_HAS(s) ck_assert_msg(strstr(nutmm_error_reason(), s) != NULL, "reason '%s' lacks '%s'", \
                                    nutmm_error_reason(), s)

static double rng_in(rng_t *r, double lo, double hi) { return lo + (hi - lo) * rng_u(r); }

/* sum_i u_i v_i / s2_i */
static double ip(const double *u, const double *v, const double *s2, size_t n)
{
  double s = 0.0;
  for (size_t i = 0; i < n; i++)
    s += u[i] * v[i] / s2[i];
  return s;
}

#define MAXB 16 /* bins */
#define MAXC 3  /* background components */
#define MAXK 6  /* nuisances */

/* A problem written out by hand, for the test's own chi^2. */
typedef struct {
  size_t nb, nbkg, nnu;
  double obs[MAXB], s2[MAXB], bkg[MAXC][MAXB];
  double sm[MAXB], dip[MAXB], intf[MAXB];
  double sig[MAXK], shape[MAXK][MAXB];
  int on_signal[MAXK], on_bkg[MAXK][MAXC];
  double mu;
  int product; /* product pulls: f_t = prod_k (1 + xi_k s_ki) (default linear) */
} problem;

/* chi^2 of the problem at nuisances xi (the bracket of section H), written
 * independently of the library. */
static double prob_chi2(const problem *p, const double *xi)
{
  double c2 = 0.0;
  for (size_t i = 0; i < p->nb; i++) {
    const double s = p->sm[i] + p->mu * p->mu * p->dip[i] + p->mu * p->intf[i];
    double pred = s;
    for (size_t c = 0; c < p->nbkg; c++)
      pred += p->bkg[c][i];
    if (p->product) { /* each part times its own product of factors */
      double fs = 1.0, fb[MAXC] = {1.0, 1.0, 1.0};
      for (size_t k = 0; k < p->nnu; k++) {
        const double f = 1.0 + xi[k] * p->shape[k][i];
        fs *= p->on_signal[k] ? f : 1.0;
        for (size_t c = 0; c < p->nbkg; c++)
          fb[c] *= p->on_bkg[k][c] ? f : 1.0;
      }
      pred = s * fs;
      for (size_t c = 0; c < p->nbkg; c++)
        pred += p->bkg[c][i] * fb[c];
    }
    for (size_t k = 0; k < p->nnu && !p->product; k++) {
      double t = p->on_signal[k] ? s : 0.0;
      for (size_t c = 0; c < p->nbkg; c++)
        if (p->on_bkg[k][c])
          t += p->bkg[c][i];
      pred += xi[k] * p->shape[k][i] * t;
    }
    c2 += (p->obs[i] - pred) * (p->obs[i] - pred) / p->s2[i];
  }
  for (size_t k = 0; k < p->nnu; k++)
    c2 += (xi[k] / p->sig[k]) * (xi[k] / p->sig[k]);
  return c2;
}

/* Nelder-Mead over u = xi/sigma, restarted until it stops improving. */
static double nm_f(const gsl_vector *u, void *par)
{
  const problem *p = par;
  double xi[MAXK];
  for (size_t k = 0; k < p->nnu; k++)
    xi[k] = gsl_vector_get(u, k) * p->sig[k];
  return prob_chi2(p, xi);
}

static double brute_min(const problem *p, double *xi)
{
  const size_t n = p->nnu;
  gsl_multimin_function F = {nm_f, n, (void *)p};
  gsl_vector *x = gsl_vector_calloc(n), *step = gsl_vector_alloc(n);
  gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, n);
  double best = nm_f(x, (void *)p), scale = 1.0;
  for (int restart = 0; restart < 12; restart++) {
    gsl_vector_set_all(step, scale);
    gsl_multimin_fminimizer_set(m, &F, x, step);
    for (int it = 0; it < 20000; it++) {
      if (gsl_multimin_fminimizer_iterate(m))
        break;
      if (gsl_multimin_fminimizer_size(m) < 1e-13)
        break;
    }
    gsl_vector_memcpy(x, gsl_multimin_fminimizer_x(m));
    const double f = gsl_multimin_fminimizer_minimum(m);
    const int stalled = best - f < 1e-15 * (1.0 + fabs(f));
    best = f < best ? f : best;
    scale = stalled ? scale * 0.1 : scale;
    if (scale < 1e-6)
      break;
  }
  for (size_t k = 0; k < n; k++)
    xi[k] = gsl_vector_get(x, k) * p->sig[k];
  gsl_multimin_fminimizer_free(m);
  gsl_vector_free(x);
  gsl_vector_free(step);
  return best;
}

/* The library's profiled chi^2 of problem p (model chi) at p->mu: it is the test's chi^2 at
 * the library's xi, and it is the minimum (a brute-force search agrees to 1e-8 and is not
 * lower).  Returns it; xi and the brute-force nuisances xb are written. */
static double assert_profile_minimum(const problem *p, nutmm_chi2 *chi, double *xi, double *xb)
{
  double c2;
  ck_assert_int_eq(nutmm_chi2_eval(chi, p->mu, &c2, xi), NUTMM_SUCCESS);
  ck_assert_rel(c2, prob_chi2(p, xi), 1e-12);
  const double cb = brute_min(p, xb);
  ck_assert_rel(c2, cb, 1e-8);
  ck_assert_msg(c2 <= cb * (1.0 + 1e-13), "profile %.15g above brute force %.15g", c2, cb);
  return c2;
}

/* The test's chi^2 is stationary at xi: central differences of step h_rel sigma_k of it
 * vanish to tol (1 + c2). */
static void assert_stationary(const problem *p, const double *xi, double c2, double h_rel,
                              double tol)
{
  for (size_t k = 0; k < p->nnu; k++) {
    double xp[MAXK], xm[MAXK];
    memcpy(xp, xi, sizeof xp);
    memcpy(xm, xi, sizeof xm);
    const double h = h_rel * p->sig[k];
    xp[k] += h;
    xm[k] -= h;
    const double g = (prob_chi2(p, xp) - prob_chi2(p, xm)) / (2.0 * h) * p->sig[k];
    ck_assert_abs(g, 0.0, tol * (1.0 + c2));
  }
}

/* First target of nuisance k (the signal, else the lowest background). */
static int target_of(const problem *p, size_t k)
{
  if (p->on_signal[k])
    return NUTMM_CHI2_SIGNAL;
  for (size_t c = 0; c < p->nbkg; c++)
    if (p->on_bkg[k][c])
      return (int)c;
  return -99;
}

/* Build the library object for a problem. */
static nutmm_chi2 *make_chi2(const problem *p)
{
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(p->nb, p->nbkg, p->nnu, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, p->obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, p->s2), NUTMM_SUCCESS);
  for (size_t c = 0; c < p->nbkg; c++)
    ck_assert_int_eq(nutmm_chi2_set_background(chi, c, p->bkg[c]), NUTMM_SUCCESS);
  for (size_t k = 0; k < p->nnu; k++) {
    const int t = target_of(p, k);
    ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, k, p->sig[k], t, p->shape[k]), NUTMM_SUCCESS);
    /* further targets of the same nuisance */
    for (size_t c = 0; c < p->nbkg; c++)
      if (p->on_bkg[k][c] && !(t == (int)c))
        ck_assert_int_eq(nutmm_chi2_nuisance_add_target(chi, k, (int)c), NUTMM_SUCCESS);
  }
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, p->sm, p->dip, p->intf), NUTMM_SUCCESS);
  return chi;
}

/* A random problem with nnu nuisances: signal normalisation, background
 * normalisations, a shape nuisance, a nuisance on signal + background. */
static void random_problem(rng_t *r, size_t nnu, problem *p)
{
  memset(p, 0, sizeof *p);
  p->nb = 7 + (size_t)(rng_u(r) * 8.0);
  p->nbkg = 2;
  p->nnu = nnu;
  p->mu = rng_in(r, 0.4, 2.2);
  for (size_t i = 0; i < p->nb; i++) {
    p->bkg[0][i] = rng_in(r, 20.0, 60.0);
    p->bkg[1][i] = rng_in(r, 3.0, 15.0);
    p->sm[i] = rng_in(r, 8.0, 40.0);
    p->dip[i] = rng_in(r, 1.0, 9.0);
    p->intf[i] = rng_in(r, -3.0, 3.0);
    p->obs[i] = rng_in(r, 40.0, 160.0);
    p->s2[i] = p->obs[i] + rng_in(r, 1.0, 30.0);
  }
  for (size_t k = 0; k < nnu; k++) {
    p->sig[k] = rng_in(r, 0.03, 0.6);
    for (size_t i = 0; i < p->nb; i++)
      p->shape[k][i] = 1.0;
    switch (k) {
    case 0:
      p->on_signal[k] = 1;
      break;
    case 1:
      p->on_bkg[k][0] = 1;
      break;
    case 2: /* shape nuisance on background 1 (BRNES-like) */
      p->on_bkg[k][1] = 1;
      for (size_t i = 0; i < p->nb; i++)
        p->shape[k][i] = rng_in(r, -1.0, 1.0);
      break;
    default: /* efficiency-like: signal and background 0, shaped */
      p->on_signal[k] = 1;
      p->on_bkg[k][0] = 1;
      for (size_t i = 0; i < p->nb; i++)
        p->shape[k][i] = 1.0 + 0.3 * sin(1.7 * (double)i + (double)k);
      break;
    }
  }
}

/* ------------------------------------------------------------ profiling */

START_TEST(test_profile_vs_brute_force)
{
  rng_t r = {0x9E3779B97F4A7C15ULL};
  const size_t ns[] = {1, 2, 4, 5};
  for (size_t t = 0; t < sizeof ns / sizeof ns[0]; t++)
    for (int rep = 0; rep < 4; rep++) {
      problem p;
      random_problem(&r, ns[t], &p);
      nutmm_chi2 *chi = make_chi2(&p);
      double xi[MAXK], xb[MAXK];
      const double c2 = assert_profile_minimum(&p, chi, xi, xb);
      for (size_t k = 0; k < p.nnu; k++)
        ck_assert_abs(xi[k] / p.sig[k], xb[k] / p.sig[k], 1e-5);
      assert_stationary(&p, xi, c2, 1e-2, 1e-9); /* central differences of a quadratic: exact */
      /* eval_fixed at the best fit gives the same number */
      double cf;
      ck_assert_int_eq(nutmm_chi2_eval_fixed(chi, p.mu, xi, &cf), NUTMM_SUCCESS);
      ck_assert_rel(cf, c2, 1e-13);
      nutmm_chi2_free(chi);
    }
}
END_TEST

/* Gaussian with product pulls whose shapes are constant over the bins (XENON1T's eq. (23)):
 * the library profiles these on the Gram matrix of the parts (stats.c).  Its minimum is the
 * test's own product-pull chi^2 at its nuisances, is not above a brute-force minimum, and is
 * stationary; one, two and four nuisances, some acting on several parts, shapes != 1. */
START_TEST(test_product_constant_shapes)
{
  rng_t r = {0x5DEECE66DULL};
  const size_t ns[] = {1, 2, 4};
  for (size_t t = 0; t < sizeof ns / sizeof ns[0]; t++)
    for (int rep = 0; rep < 4; rep++) {
      problem p;
      random_problem(&r, ns[t], &p);
      p.product = 1;
      for (size_t k = 0; k < p.nnu; k++) { /* constant shapes, not all 1 */
        const double c = k == 2 ? -0.6 : k == 3 ? 1.3 : 1.0;
        for (size_t i = 0; i < p.nb; i++)
          p.shape[k][i] = c;
      }
      nutmm_chi2 *chi = make_chi2(&p);
      ck_assert_int_eq(nutmm_chi2_set_form(chi, NUTMM_CHI2_GAUSSIAN, NUTMM_PULLS_PRODUCT), 0);
      double xi[MAXK], xb[MAXK];
      const double c2 = assert_profile_minimum(&p, chi, xi, xb);
      assert_stationary(&p, xi, c2, 1e-4, 1e-6);
      nutmm_chi2_free(chi);
    }
}
END_TEST

/* The workspace keeps the Gram matrix of its last parts (stats.c): changing the parts in
 * place (the same arrays) or the model's data between calls must give what a fresh
 * workspace gives, bit for bit. */
START_TEST(test_gram_cache_invalidation)
{
  rng_t r = {0xABCDEF12345ULL};
  problem p;
  random_problem(&r, 2, &p);
  nutmm_chi2 *chi = make_chi2(&p);
  ck_assert_int_eq(nutmm_chi2_set_form(chi, NUTMM_CHI2_GAUSSIAN, NUTMM_PULLS_PRODUCT), 0);
  nutmm_chi2_workspace *ws, *fresh;
  ck_assert_int_eq(nutmm_chi2_workspace_alloc(chi, &ws), NUTMM_SUCCESS);
  const nutmm_signal_parts sp = {p.sm, p.dip, p.intf};
  double c0, c1, c2, cf;
  ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, p.mu, &c0, NULL), 0);
  p.dip[p.nb / 2] *= 1.7; /* the same arrays, other contents */
  ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, p.mu, &c1, NULL), 0);
  ck_assert_int_eq(nutmm_chi2_workspace_alloc(chi, &fresh), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval_parts(chi, fresh, &sp, p.mu, &cf, NULL), 0);
  nutmm_chi2_workspace_free(fresh);
  ck_assert(c1 == cf && c1 != c0);
  p.obs[0] += 7.0; /* the model's data */
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, p.obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, p.mu, &c2, NULL), 0);
  ck_assert_int_eq(nutmm_chi2_workspace_alloc(chi, &fresh), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval_parts(chi, fresh, &sp, p.mu, &cf, NULL), 0);
  nutmm_chi2_workspace_free(fresh);
  ck_assert(c2 == cf && c2 != c1);
  const nutmm_signal_parts no_intf = {p.sm, p.dip, NULL}; /* a part left out */
  ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &no_intf, p.mu, &c2, NULL), 0);
  ck_assert_int_eq(nutmm_chi2_workspace_alloc(chi, &fresh), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval_parts(chi, fresh, &no_intf, p.mu, &cf, NULL), 0);
  nutmm_chi2_workspace_free(fresh);
  ck_assert(c2 == cf);
  nutmm_chi2_workspace_free(ws);
  nutmm_chi2_free(chi);
}
END_TEST

/* d chi2 / d mu at the profiled nuisances (envelope theorem, stats.c) against central
 * differences of the profiled chi2, in every form: linear and product pulls, Gaussian and
 * Poisson.  And the best fit located from it is a stationary point where chi2 is lowest:
 * not above its neighbours at +-1e-4 relative. */
START_TEST(test_slope_and_bestfit)
{
  rng_t r = {0xC0FFEE123ULL};
  const nutmm_chi2_form forms[2] = {NUTMM_CHI2_GAUSSIAN, NUTMM_CHI2_POISSON};
  const nutmm_chi2_pulls pulls[2] = {NUTMM_PULLS_LINEAR, NUTMM_PULLS_PRODUCT};
  int n_checked = 0;
  for (int fo = 0; fo < 2; fo++)
    for (int pu = 0; pu < 2; pu++)
      for (int rep = 0; rep < 3; rep++) {
        problem p;
        random_problem(&r, 1 + (size_t)rep, &p);
        for (size_t i = 0; i < p.nb; i++) /* whole counts for the Poisson form */
          p.obs[i] = floor(p.obs[i]);
        nutmm_chi2 *chi = make_chi2(&p);
        ck_assert_int_eq(nutmm_chi2_set_form(chi, forms[fo], pulls[pu]), NUTMM_SUCCESS);
        nutmm_chi2_workspace *ws;
        ck_assert_int_eq(nutmm_chi2_workspace_alloc(chi, &ws), NUTMM_SUCCESS);
        const nutmm_signal_parts sp = {p.sm, p.dip, p.intf};
        const double mu = p.mu, h = 1e-5 * mu;
        double c, g, cp, cm;
        ck_assert_int_eq(nutmm_chi2_eval_parts_slope_(chi, ws, &sp, mu, 0, &c, &g), 0);
        double c_plain;
        ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, mu, &c_plain, NULL), 0);
        ck_assert(c == c_plain); /* the same chi2 as the plain call */
        ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, mu + h, &cp, NULL), 0);
        ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, mu - h, &cm, NULL), 0);
        const double fd = (cp - cm) / (2.0 * h);
        ck_assert_msg(fabs(g - fd) <= 1e-6 * (fabs(fd) + 1e-3 * (1.0 + c) / mu),
                      "form %d pulls %d: slope %.12g, central difference %.12g", fo, pu, g, fd);
        double mb, cb;
        /* (a signal nuisance may absorb any signal: no best fit, NUTMM_EMAXITER) */
        const int sb = nutmm_chi2_bestfit_parts(chi, ws, &sp, &mb, &cb);
        ck_assert_msg(sb == NUTMM_SUCCESS || sb == NUTMM_EMAXITER, "form %d pulls %d: %s", fo,
                      pu, nutmm_error_reason());
        if (sb == NUTMM_SUCCESS && mb > 0.0) {
          double c1, c2;
          ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, mb * (1.0 + 1e-4), &c1, NULL), 0);
          ck_assert_int_eq(nutmm_chi2_eval_parts(chi, ws, &sp, mb * (1.0 - 1e-4), &c2, NULL), 0);
          ck_assert(cb <= c1 && cb <= c2);
          double cs, gs;
          ck_assert_int_eq(nutmm_chi2_eval_parts_slope_(chi, ws, &sp, mb, 1, &cs, &gs), 0);
          ck_assert(cs == cb);
          /* stationary: the slope is rounding compared with its scale at mu_best */
          ck_assert_msg(fabs(gs) * mb <= 1e-8 * (1.0 + cb), "slope %g at mu_best %g", gs, mb);
          n_checked++;
        }
        nutmm_chi2_workspace_free(ws);
        nutmm_chi2_free(chi);
      }
  ck_assert_int_ge(n_checked, 4);
}
END_TEST

/* With each part under at most one nuisance, product pulls are linear pulls: the Poisson
 * profile with linear pulls (its own Newton, the Jacobian formed once, pure Newton steps once
 * self-concordance allows them) and the generic one with product pulls must agree in chi^2,
 * nuisances and slope, per-bin shapes included; for counts and for fractional data (one
 * below 1/2, where the pure phase starts later). */
static void poisson_linear_vs_product(const double *obs, const double *b0, const double *b1,
                                      const double *shape, const nutmm_signal_parts *sp,
                                      size_t nb)
{
  nutmm_chi2 *m[2];
  nutmm_chi2_workspace *ws[2];
  const nutmm_chi2_pulls pulls[2] = {NUTMM_PULLS_LINEAR, NUTMM_PULLS_PRODUCT};
  for (int q = 0; q < 2; q++) {
    ck_assert_int_eq(nutmm_chi2_alloc(nb, 2, 3, &m[q]), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_form(m[q], NUTMM_CHI2_POISSON, pulls[q]), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_observed(m[q], obs), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_background(m[q], 0, b0), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_background(m[q], 1, b1), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_nuisance(m[q], 0, 0.25, NUTMM_CHI2_SIGNAL, NULL), 0);
    ck_assert_int_eq(nutmm_chi2_set_nuisance(m[q], 1, 0.1, 0, NULL), 0);
    ck_assert_int_eq(nutmm_chi2_set_nuisance(m[q], 2, 0.4, 1, shape), 0);
    ck_assert_int_eq(nutmm_chi2_workspace_alloc(m[q], &ws[q]), NUTMM_SUCCESS);
  }
  for (int k = 0; k < 7; k++) {
    const double mu = k == 0 ? 0.0 : 0.05 * pow(2.0, k);
    double c[2], g[2], xi[2][3];
    for (int q = 0; q < 2; q++) {
      ck_assert_int_eq(nutmm_chi2_eval_parts_slope_(m[q], ws[q], sp, mu, 0, &c[q], &g[q]), 0);
      ck_assert_int_eq(nutmm_chi2_eval_parts(m[q], ws[q], sp, mu, &c[q], xi[q]), 0);
    }
    ck_assert_msg(fabs(c[0] - c[1]) <= 1e-12 * (1.0 + c[1]), "mu %g: chi2 %.17g vs %.17g", mu,
                  c[0], c[1]);
    ck_assert_msg(fabs(g[0] - g[1]) <= 1e-9 * (1.0 + fabs(g[1])), "mu %g: slope %.17g vs %.17g",
                  mu, g[0], g[1]);
    for (int j = 0; j < 3; j++)
      ck_assert_msg(fabs(xi[0][j] - xi[1][j]) <= 1e-9, "mu %g: xi_%d %.17g vs %.17g", mu, j,
                    xi[0][j], xi[1][j]);
  }
  for (int q = 0; q < 2; q++) {
    nutmm_chi2_workspace_free(ws[q]);
    nutmm_chi2_free(m[q]);
  }
}

START_TEST(test_poisson_linear_path)
{
  enum { NB = 9 };
  double obs[NB], b0[NB], b1[NB], sm[NB], dip[NB], intf[NB], shape[NB];
  for (int i = 0; i < NB; i++) {
    b0[i] = 30.0 - 2.0 * i;
    b1[i] = 4.0 + 0.7 * i;
    sm[i] = 6.0 * exp(-0.3 * i);
    dip[i] = 50.0 / (1.0 + i);
    intf[i] = -3.0 + 0.4 * i;
    shape[i] = 0.5 + 0.1 * i;
    obs[i] = floor(b0[i] + b1[i] + sm[i] + 0.5) + (i % 3 == 0 ? 3.0 : -1.0);
  }
  obs[NB - 1] = 0.0; /* an empty bin */
  const nutmm_signal_parts sp = {sm, dip, intf};
  poisson_linear_vs_product(obs, b0, b1, shape, &sp, NB);
  for (int i = 0; i < NB - 1; i++) /* expectations as data (Asimov-like), one below 1/2 */
    obs[i] = i == 2 ? 0.3 : b0[i] + b1[i] + sm[i];
  poisson_linear_vs_product(obs, b0, b1, shape, &sp, NB);
}
END_TEST

/* sigma_k = 0 fixes a nuisance: same as a problem without it. */
START_TEST(test_fixed_nuisance)
{
  rng_t r = {12345};
  problem p;
  random_problem(&r, 4, &p);
  nutmm_chi2 *chi = make_chi2(&p);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 2, 0.0, 1, p.shape[2]), NUTMM_SUCCESS);
  double c2, xi[4];
  ck_assert_int_eq(nutmm_chi2_eval(chi, p.mu, &c2, xi), NUTMM_SUCCESS);
  ck_assert(xi[2] == 0.0);
  /* reference: the problem with nuisance 2 removed (swap 3 into its place) */
  problem q = p;
  q.nnu = 3;
  q.sig[2] = p.sig[3];
  q.on_signal[2] = p.on_signal[3];
  memcpy(q.on_bkg[2], p.on_bkg[3], sizeof q.on_bkg[2]);
  memcpy(q.shape[2], p.shape[3], sizeof q.shape[2]);
  double xq[MAXK];
  ck_assert_rel(c2, brute_min(&q, xq), 1e-8);
  /* a fixed nuisance must be 0 in eval_fixed */
  xi[2] = 0.1;
  double cf;
  ck_assert_int_eq(nutmm_chi2_eval_fixed(chi, p.mu, xi, &cf), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "fixed"));
  nutmm_chi2_free(chi);
}
END_TEST

/* ------------------------------------------------- the paper's forms */

/* Eq. (26) TEXONO, one normalisation nuisance on the signal R_th = SM + mu^2 D:
 *   a = s^2 sum (R - T) T / D^2 / (1 + s^2 sum T^2 / D^2),
 *   chi2 = sum (R - (1 + a) T)^2 / D^2 + (a/s)^2. */
START_TEST(test_eq26_texono)
{
  const size_t n = 10;
  double R[10], T0[10], Dp[10], Del2[10], T[10];
  const double s = 0.137, mu = 1.4142;
  for (size_t i = 0; i < n; i++) {
    const double E = 3.25 + 0.5 * (double)i; /* MeV, bin centres of 3-8 MeV */
    T0[i] = 1.9 * exp(-0.31 * E);           /* SM, events/(kg day MeV) */
    Dp[i] = 0.42 / E;                        /* dipole per unit mu^2 */
    R[i] = T0[i] * (1.0 + 0.21 * sin(2.3 * (double)i + 0.4)) + 0.05;
    Del2[i] = pow(0.09 + 0.013 * (double)i, 2);
    T[i] = T0[i] + mu * mu * Dp[i];
  }
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(n, 0, 1, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, R), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, Del2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, s, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, T0, Dp, NULL), NUTMM_SUCCESS);
  double c2, a;
  ck_assert_int_eq(nutmm_chi2_eval(chi, mu, &c2, &a), NUTMM_SUCCESS);
  double RmT[10];
  for (size_t i = 0; i < n; i++)
    RmT[i] = R[i] - T[i];
  const double a_ref = s * s * ip(RmT, T, Del2, n) / (1.0 + s * s * ip(T, T, Del2, n));
  double c_ref = (a_ref / s) * (a_ref / s);
  for (size_t i = 0; i < n; i++)
    c_ref += pow(R[i] - (1.0 + a_ref) * T[i], 2) / Del2[i];
  ck_assert_rel(a, a_ref, 1e-12);
  ck_assert_rel(c2, c_ref, 1e-12);
  /* the same minimum in the "projected" form: sum (R-T)^2/D^2 - <R-T,T>^2/(<T,T> + 1/s^2) */
  ck_assert_rel(c2, ip(RmT, RmT, Del2, n) - pow(ip(RmT, T, Del2, n), 2) / (ip(T, T, Del2, n) + 1.0 / (s * s)),
                1e-11);
  nutmm_chi2_free(chi);
}
END_TEST

/* Solve the 2x2 normal equations of two normalisation nuisances acting on
 * parts X (width sx) and Y (width sy) by Cramer's rule; returns chi2. */
static double cramer2(const double *r, const double *X, double sx, const double *Y, double sy,
                      const double *s2, size_t n, double *x, double *y)
{
  const double a11 = ip(X, X, s2, n) + 1.0 / (sx * sx), a12 = ip(X, Y, s2, n);
  const double a22 = ip(Y, Y, s2, n) + 1.0 / (sy * sy);
  const double b1 = ip(X, r, s2, n), b2 = ip(Y, r, s2, n);
  const double det = a11 * a22 - a12 * a12;
  *x = (b1 * a22 - a12 * b2) / det;
  *y = (a11 * b2 - a12 * b1) / det;
  double c = (*x / sx) * (*x / sx) + (*y / sy) * (*y / sy);
  for (size_t i = 0; i < n; i++)
    c += pow(r[i] - *x * X[i] - *y * Y[i], 2) / s2[i];
  return c;
}

/* Eq. (23) XENON1T: signal = dipole only (SM in B0), beta (efficiency, 3%) on
 * the signal, alpha (background, 2.6%) on B0; data errors as sigma_i. */
START_TEST(test_eq23_xenon)
{
  const size_t n = 29;
  double N[29], B[29], D[29], s2[29], S[29], r[29];
  const double mu = 2.61; /* e.g. units of 1e-11 mu_B */
  for (size_t i = 0; i < n; i++) {
    const double E = 1.5 + (double)i; /* keV */
    B[i] = 80.0 + 2.0 * E * exp(-E / 40.0);
    D[i] = 9.0 * exp(-E / 2.5);
    N[i] = B[i] + 40.0 * exp(-E / 2.2) + 6.0 * cos(1.9 * (double)i);
    s2[i] = N[i];
    S[i] = mu * mu * D[i];
    r[i] = N[i] - S[i] - B[i];
  }
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(n, 1, 2, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, N), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.026, 0, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 1, 0.03, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, D, NULL), NUTMM_SUCCESS);
  double c2, xi[2], al, be;
  ck_assert_int_eq(nutmm_chi2_eval(chi, mu, &c2, xi), NUTMM_SUCCESS);
  const double cr = cramer2(r, B, 0.026, S, 0.03, s2, n, &al, &be);
  ck_assert_rel(c2, cr, 1e-12);
  ck_assert_rel(xi[0], al, 1e-10);
  ck_assert_rel(xi[1], be, 1e-10);
  /* one-nuisance case (beta off): alpha = <B,r>/(<B,B> + 1/s^2) */
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 1, 0.0, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, mu, &c2, xi), NUTMM_SUCCESS);
  const double a1 = ip(B, r, s2, n) / (ip(B, B, s2, n) + 1.0 / (0.026 * 0.026));
  ck_assert_rel(xi[0], a1, 1e-12);
  ck_assert_rel(c2, ip(r, r, s2, n) - a1 * ip(B, r, s2, n), 1e-11);
  nutmm_chi2_free(chi);
}
END_TEST

/* Eq. (24) COHERENT CsI: alpha (28%) on N_th = SM + dipole, beta (25%) on B_on,
 * sigma_stat^2 = N_meas + 2 B_ss + B_on, 12 bins. */
START_TEST(test_eq24_csi)
{
  const size_t n = 12;
  double Nm[12], Bon[12], Bss[12], SM[12], D[12], s2[12], T[12], r[12];
  const double mu = 0.83;
  for (size_t i = 0; i < n; i++) {
    const double pe = 7.0 + 2.0 * (double)i;
    SM[i] = 25.0 * exp(-pe / 9.0) + 1.0;
    D[i] = 11.0 * exp(-pe / 5.0);
    Bon[i] = 0.45 * exp(-pe / 14.0);
    Bss[i] = 8.0 + 0.3 * pe;
    Nm[i] = SM[i] * 1.07 + 3.1 * sin(0.9 * pe);
    s2[i] = Nm[i] + 2.0 * Bss[i] + Bon[i];
    T[i] = SM[i] + mu * mu * D[i];
    r[i] = Nm[i] - T[i] - Bon[i];
  }
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(n, 1, 2, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, Nm), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, Bon), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.28, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 1, 0.25, 0, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, SM, D, NULL), NUTMM_SUCCESS);
  double c2, xi[2], al, be;
  ck_assert_int_eq(nutmm_chi2_eval(chi, mu, &c2, xi), NUTMM_SUCCESS);
  const double cr = cramer2(r, T, 0.28, Bon, 0.25, s2, n, &al, &be);
  ck_assert_rel(c2, cr, 1e-12);
  ck_assert_rel(xi[0], al, 1e-10);
  ck_assert_rel(xi[1], be, 1e-10);
  /* predict: (1+alpha) N_th + (1+beta) B_on, and the pulled signal alone */
  double tot[12], sig[12];
  ck_assert_int_eq(nutmm_chi2_predict(chi, mu, NULL, tot, sig), NUTMM_SUCCESS);
  for (size_t i = 0; i < n; i++) {
    ck_assert_rel(tot[i], (1.0 + al) * T[i] + (1.0 + be) * Bon[i], 1e-12);
    ck_assert_rel(sig[i], (1.0 + al) * T[i], 1e-12);
  }
  nutmm_chi2_free(chi);
}
END_TEST

/* Eq. (25) COHERENT LAr: alpha on N_th, beta_1 on B_PBRN, beta_2 on B_LBRN,
 * BRNES beta_3 D_i B_PBRN (shape), B_SS fixed. */
START_TEST(test_eq25_lar)
{
  problem p;
  memset(&p, 0, sizeof p);
  p.nb = 12;
  p.nbkg = 3; /* 0 PBRN, 1 LBRN, 2 SS */
  p.nnu = 4;
  p.mu = 1.17;
  for (size_t i = 0; i < p.nb; i++) {
    const double E = 5.0 + 10.0 * (double)i; /* keVee */
    p.sm[i] = 30.0 * exp(-E / 25.0);
    p.dip[i] = 14.0 * exp(-E / 12.0);
    p.bkg[0][i] = 20.0 * exp(-pow((E - 50.0) / 35.0, 2));
    p.bkg[1][i] = 2.5 * exp(-pow((E - 60.0) / 40.0, 2));
    p.bkg[2][i] = 35.0 + 0.1 * E;
    p.obs[i] = p.sm[i] * 0.9 + p.bkg[0][i] * 1.2 + p.bkg[1][i] + p.bkg[2][i] + 4.0 * sin(0.7 * E);
    p.s2[i] = p.obs[i] + 10.0;
    for (size_t k = 0; k < 4; k++)
      p.shape[k][i] = 1.0;
    p.shape[3][i] = 0.4 * (E - 55.0) / 55.0; /* D_i: fractional shape change */
  }
  p.sig[0] = 0.13;
  p.on_signal[0] = 1;
  p.sig[1] = 0.32;
  p.on_bkg[1][0] = 1;
  p.sig[2] = 1.0;
  p.on_bkg[2][1] = 1;
  p.sig[3] = 1.0;
  p.on_bkg[3][0] = 1;
  nutmm_chi2 *chi = make_chi2(&p);
  double c2, xi[4], xb[4];
  ck_assert_int_eq(nutmm_chi2_eval(chi, p.mu, &c2, xi), NUTMM_SUCCESS);
  ck_assert_rel(c2, brute_min(&p, xb), 1e-8);
  ck_assert_rel(c2, prob_chi2(&p, xi), 1e-12);
  double tot[12];
  ck_assert_int_eq(nutmm_chi2_predict(chi, p.mu, xi, tot, NULL), NUTMM_SUCCESS);
  for (size_t i = 0; i < p.nb; i++) {
    const double Nth = p.sm[i] + p.mu * p.mu * p.dip[i];
    const double want = (1.0 + xi[0]) * Nth + (1.0 + xi[1] + xi[3] * p.shape[3][i]) * p.bkg[0][i] +
                        (1.0 + xi[2]) * p.bkg[1][i] + p.bkg[2][i];
    ck_assert_rel(tot[i], want, 1e-12);
  }
  /* one-nuisance case, only BRNES: T_i = D_i B_PBRN,i and the closed form of (26) */
  for (size_t k = 0; k < 3; k++)
    ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, k, 0.0, k == 0 ? NUTMM_CHI2_SIGNAL : (int)k - 1,
                                             NULL),
                     NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, p.mu, &c2, xi), NUTMM_SUCCESS);
  double T[12], r[12];
  for (size_t i = 0; i < p.nb; i++) {
    T[i] = p.shape[3][i] * p.bkg[0][i];
    r[i] = p.obs[i] - (p.sm[i] + p.mu * p.mu * p.dip[i]) - p.bkg[0][i] - p.bkg[1][i] - p.bkg[2][i];
  }
  const double b3 = ip(T, r, p.s2, p.nb) / (ip(T, T, p.s2, p.nb) + 1.0);
  ck_assert_rel(xi[3], b3, 1e-12);
  ck_assert_rel(c2, ip(r, r, p.s2, p.nb) - b3 * ip(T, r, p.s2, p.nb), 1e-11);
  nutmm_chi2_free(chi);
}
END_TEST

/* Eq. (27) Asimov sensitivity: obs = N_SM, sigma^2 = N_SM + B with B = 0.2 N_SM,
 * sigma_sys = 0.2 on N_th = SM + dipole + interference. */
START_TEST(test_eq27_asimov)
{
  const size_t n = 10;
  double SM[10], D[10], Iw[10], s2[10];
  for (size_t i = 0; i < n; i++) {
    SM[i] = 120.0 * exp(-0.37 * (double)i) + 2.0;
    D[i] = 35.0 * exp(-0.8 * (double)i);
    Iw[i] = 1.3 * exp(-0.5 * (double)i);
    s2[i] = SM[i] + 0.2 * SM[i];
  }
  double B[10];
  for (size_t i = 0; i < n; i++)
    B[i] = s2[i] - SM[i];
  nutmm_chi2 *chi = NULL;
  /* the eq. (27) constructor */
  ck_assert_int_eq(nutmm_chi2_asimov_alloc(n, SM, B, 0.2, &chi), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_chi2_n_backgrounds(chi), 0);
  ck_assert_uint_eq(nutmm_chi2_n_nuisances(chi), 1);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, SM, D, Iw), NUTMM_SUCCESS);
  /* its errors: an empty bin, a negative background, a negative sigma_sys */
  nutmm_chi2 *bad = NULL;
  double SM0[10], Bneg[10];
  for (size_t i = 0; i < n; i++) {
    SM0[i] = SM[i];
    Bneg[i] = B[i];
  }
  SM0[3] = 0.0;
  Bneg[7] = -1.0;
  ck_assert_int_eq(nutmm_chi2_asimov_alloc(n, SM0, B, 0.2, &bad), NUTMM_EDOM);
  ck_assert_ptr_null(bad);
  ck_assert_int_eq(nutmm_chi2_asimov_alloc(n, SM, Bneg, 0.2, &bad), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_asimov_alloc(n, SM, B, -0.2, &bad), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_asimov_alloc(n, NULL, B, 0.2, &bad), NUTMM_EFAULT);
  /* Asimov: chi2(0) = 0 exactly */
  double c2, a;
  ck_assert_int_eq(nutmm_chi2_eval(chi, 0.0, &c2, &a), NUTMM_SUCCESS);
  ck_assert(c2 == 0.0 && a == 0.0);
  /* closed form of the one-nuisance minimum with R = N_SM, T = N_th(mu) */
  const double mus[] = {0.05, 0.31, 0.77, 2.9};
  for (size_t m = 0; m < 4; m++) {
    const double mu = mus[m];
    double T[10], RmT[10];
    for (size_t i = 0; i < n; i++) {
      T[i] = SM[i] + mu * mu * D[i] + mu * Iw[i];
      RmT[i] = SM[i] - T[i];
    }
    const double s = 0.2;
    const double a_ref = s * s * ip(RmT, T, s2, n) / (1.0 + s * s * ip(T, T, s2, n));
    double c_ref = (a_ref / s) * (a_ref / s);
    for (size_t i = 0; i < n; i++)
      c_ref += pow(SM[i] - (1.0 + a_ref) * T[i], 2) / s2[i];
    ck_assert_int_eq(nutmm_chi2_eval(chi, mu, &c2, &a), NUTMM_SUCCESS);
    ck_assert_rel(c2, c_ref, 1e-11);
    ck_assert_rel(a, a_ref, 1e-11);
  }
  /* sensitivity: best fit mu = 0 (chi2 = 0), limit where chi2 = 2.7055 */
  nutmm_interval iv;
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
  ck_assert_abs(iv.chi2_best, 0.0, 1e-20);
  ck_assert(iv.mu_low == 0.0 && !iv.empty && !iv.nonconvex);
  ck_assert_int_eq(nutmm_chi2_eval(chi, iv.mu_high, &c2, NULL), NUTMM_SUCCESS);
  ck_assert_rel(c2 - iv.chi2_best, NUTMM_DCHI2_90CL_1DOF, 1e-10);
  nutmm_chi2_free(chi);
}
END_TEST

/* ------------------------------------------------------------ limits */

/* Gaussian toy: chi2 = c - 2 b x + a x^2 in x = mu^2 (no nuisance, or one
 * background nuisance folded into the inner products).  Analytic edges. */
typedef struct {
  double a, b, c;
} quad_t;

static void quad_edges(quad_t q, double thr, double *mu_low, double *mu_high, double *mu_best,
                       double *cmin)
{
  const double xb = q.b > 0.0 ? q.b / q.a : 0.0;
  *cmin = q.c - q.b * xb;
  *mu_best = sqrt(xb);
  const double disc = sqrt(q.b * q.b - q.a * (q.c - thr));
  const double xp = (q.b + disc) / q.a, xm = (q.b - disc) / q.a;
  *mu_high = sqrt(xp);
  *mu_low = xm > 0.0 ? sqrt(xm) : 0.0;
}

#define NT 20
static void toy(double mu_true, double noise, double *obs, double *B, double *D, double *s2)
{
  for (size_t i = 0; i < NT; i++) {
    B[i] = 100.0 * exp(-(double)i / 7.0) + 30.0;
    D[i] = 8.0 * exp(-(double)i / 4.0);
    s2[i] = B[i];
    obs[i] = B[i] + mu_true * mu_true * D[i] + noise * sqrt(B[i]) * sin(3.7 * (double)i + 1.1);
  }
}

START_TEST(test_limit_quadratic)
{
  double obs[NT], B[NT], D[NT], s2[NT], r0[NT];
  struct {
    double mu_true, noise, dscale;
    int two_sided;
  } cases[] = {
      {0.0, 0.3, 1.0, 0},    /* background only: upper limit */
      {0.0, -0.7, 1.0, 0},   /* other fluctuation */
      {2.3, 0.3, 1.0, 1},    /* injected signal: band */
      {2.3e-10, 0.3, 1e20, 1}, /* mu in mu_B, D per mu_B^2 */
  };
  for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
    toy(cases[t].mu_true * sqrt(cases[t].dscale), cases[t].noise, obs, B, D, s2);
    for (size_t i = 0; i < NT; i++) {
      D[i] *= cases[t].dscale;
      r0[i] = obs[i] - B[i];
    }
    nutmm_chi2 *chi = NULL;
    ck_assert_int_eq(nutmm_chi2_alloc(NT, 1, 0, &chi), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, D, NULL), NUTMM_SUCCESS);
    quad_t q = {ip(D, D, s2, NT), ip(r0, D, s2, NT), ip(r0, r0, s2, NT)};
    double lo, hi, mb, cmin;
    quad_edges(q, 0.0, &lo, &hi, &mb, &cmin); /* for cmin */
    quad_edges(q, cmin + NUTMM_DCHI2_90CL_1DOF, &lo, &hi, &mb, &cmin);
    nutmm_interval iv;
    ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
    ck_assert_rel(iv.chi2_best, cmin, 1e-12);
    ck_assert_rel(iv.chi2_zero, q.c, 1e-12);
    ck_assert_rel(iv.mu_high, hi, 1e-8);
    if (cases[t].two_sided) {
      ck_assert_msg(lo > 0.0, "toy %zu should be two-sided", t);
      ck_assert_rel(iv.mu_low, lo, 1e-8);
      ck_assert_rel(iv.mu_best, mb, 1e-6);
      ck_assert_msg(iv.mu_low < cases[t].mu_true && cases[t].mu_true < iv.mu_high, "toy %zu: %g not in [%g, %g]", t, cases[t].mu_true, iv.mu_low, iv.mu_high);
    } else {
      ck_assert(iv.mu_low == 0.0);
    }
    ck_assert(!iv.empty && !iv.nonconvex);
    double up;
    ck_assert_int_eq(nutmm_chi2_upper_limit(chi, NUTMM_DCHI2_90CL_1DOF, &up), NUTMM_SUCCESS);
    ck_assert(up == iv.mu_high);

    /* two-parameter convention: reference below this m4's minimum */
    nutmm_limit_options o;
    nutmm_limit_options_default(&o);
    ck_assert(o.delta == NUTMM_DCHI2_90CL_1DOF && !o.use_ref);
    o.delta = NUTMM_DCHI2_90CL_2DOF;
    o.use_ref = 1;
    o.chi2_ref = cmin - 1.37;
    quad_edges(q, o.chi2_ref + o.delta, &lo, &hi, &mb, &cmin);
    ck_assert_int_eq(nutmm_chi2_interval(chi, &o, &iv), NUTMM_SUCCESS);
    ck_assert_rel(iv.mu_high, hi, 1e-8);
    if (lo > 0.0)
      ck_assert_rel(iv.mu_low, lo, 1e-8);
    else
      ck_assert(iv.mu_low == 0.0);
    ck_assert(iv.chi2_ref == o.chi2_ref && !iv.empty);
    /* this m4 entirely excluded relative to a much lower global minimum */
    o.chi2_ref = cmin - 10.0;
    ck_assert_int_eq(nutmm_chi2_interval(chi, &o, &iv), NUTMM_SUCCESS);
    ck_assert(iv.empty && iv.mu_low == 0.0 && iv.mu_high == 0.0);
    nutmm_chi2_free(chi);
  }
}
END_TEST

/* The same with a background normalisation nuisance: profiling a quadratic
 * form keeps chi2 quadratic in x = mu^2, with the inner products
 * <u,v>_e = <u,v> - <u,B><B,v>/(<B,B> + 1/s^2). */
START_TEST(test_limit_quadratic_pulled)
{
  double obs[NT], B[NT], D[NT], s2[NT], r0[NT];
  toy(1.9, 0.4, obs, B, D, s2);
  for (size_t i = 0; i < NT; i++) {
    obs[i] *= 1.03; /* background 3% high: the pull absorbs part of it */
    r0[i] = obs[i] - B[i];
  }
  const double s = 0.05;
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(NT, 1, 1, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, s, 0, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, D, NULL), NUTMM_SUCCESS);
  const double bb = ip(B, B, s2, NT) + 1.0 / (s * s);
  const double bd = ip(B, D, s2, NT), br = ip(B, r0, s2, NT);
  quad_t q = {ip(D, D, s2, NT) - bd * bd / bb, ip(r0, D, s2, NT) - br * bd / bb,
              ip(r0, r0, s2, NT) - br * br / bb};
  double lo, hi, mb, cmin;
  quad_edges(q, 0.0, &lo, &hi, &mb, &cmin);
  quad_edges(q, cmin + NUTMM_DCHI2_90CL_1DOF, &lo, &hi, &mb, &cmin);
  nutmm_interval iv;
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
  ck_assert_rel(iv.chi2_best, cmin, 1e-12);
  ck_assert_rel(iv.mu_high, hi, 1e-8);
  ck_assert_rel(iv.mu_low, lo, 1e-8);
  ck_assert(lo > 0.0 && iv.mu_low < 1.9 && 1.9 < iv.mu_high);
  nutmm_chi2_free(chi);
}
END_TEST

/* Interference: chi2 = K (mu^2 - 2 c mu)^2 vanishes at mu = 0 and 2c, so for
 * c^2 > s = sqrt(delta/K) the allowed set is [0, e1] U [e2, e3] with
 * |mu^2 - 2 c mu| = s at the edges: e1,2 = c -+ sqrt(c^2 - s),
 * e3 = c + sqrt(c^2 + s).  With c^2 = 2 s the gap and the island are both
 * wider than the scan spacing.  The hull [0, e3] is returned, flagged. */
START_TEST(test_limit_nonconvex)
{
  const size_t n = 3;
  double B[3] = {50.0, 40.0, 30.0}, d[3] = {2.0, 1.5, 0.5}, Iw[3], s2[3] = {50.0, 40.0, 30.0};
  const double K = ip(d, d, s2, n), sq = sqrt(NUTMM_DCHI2_90CL_1DOF / K);
  const double c = sqrt(2.0 * sq);
  for (size_t i = 0; i < n; i++)
    Iw[i] = -2.0 * c * d[i];
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(n, 1, 0, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, d, Iw), NUTMM_SUCCESS);
  ck_assert(c * c * c * c * K > 10.0); /* the bump between the minima is excluded */
  nutmm_interval iv;
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
  ck_assert_abs(iv.chi2_best, 0.0, 1e-18);
  ck_assert(iv.mu_low == 0.0);
  ck_assert_rel(iv.mu_high, c + sqrt(c * c + sq), 1e-10);
  ck_assert_int_eq(iv.nonconvex, 1);
  /* the gap is really excluded, the island allowed */
  double cg, ci;
  ck_assert_int_eq(nutmm_chi2_eval(chi, c, &cg, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 2.0 * c, &ci, NULL), NUTMM_SUCCESS);
  ck_assert(cg > iv.threshold && ci <= iv.threshold);
  nutmm_chi2_free(chi);
}
END_TEST

/* Interference with noise: compare with a fine brute-force scan. */
START_TEST(test_limit_vs_scan)
{
  double obs[NT], B[NT], D[NT], s2[NT], Iw[NT];
  toy(0.0, 0.5, obs, B, D, s2);
  for (size_t i = 0; i < NT; i++)
    Iw[i] = -1.1 * exp(-(double)i / 6.0);
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(NT, 1, 1, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.1, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, D, Iw), NUTMM_SUCCESS);
  nutmm_interval iv;
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
  double cb;
  ck_assert_int_eq(nutmm_chi2_eval(chi, iv.mu_high, &cb, NULL), NUTMM_SUCCESS);
  ck_assert_abs(cb - iv.chi2_best, NUTMM_DCHI2_90CL_1DOF, 1e-9);
  const int ngrid = 100000;
  const double top = 3.0 * iv.mu_high, h = top / ngrid;
  double cmin = INFINITY, first = -1.0, last = -1.0;
  for (int j = 0; j <= ngrid; j++) {
    const double mu = h * j;
    double cj;
    ck_assert_int_eq(nutmm_chi2_eval(chi, mu, &cj, NULL), NUTMM_SUCCESS);
    cmin = cj < cmin ? cj : cmin;
    if (cj <= iv.threshold) {
      first = first < 0.0 ? mu : first;
      last = mu;
    }
  }
  ck_assert_msg(cmin >= iv.chi2_best - 1e-10, "scan minimum %.15g below best fit %.15g", cmin,
                iv.chi2_best);
  ck_assert_msg(iv.mu_best > 0.0, "interference dip should give a best fit mu > 0");
  ck_assert_abs(last, iv.mu_high, h);
  ck_assert_abs(first, iv.mu_low, h);
  nutmm_chi2_free(chi);
}
END_TEST

/* Data equal to the background and a dipole-only signal: chi2(mu) = chi2(0) + K mu^4 rises
 * from mu = 0, so the best fit is exactly mu = 0 with chi2(0), not a minimiser's wander
 * towards it; and the edge is the analytic K mu^4 = delta. */
START_TEST(test_bestfit_at_zero)
{
  const size_t n = 3;
  double B[3] = {50.0, 40.0, 30.0}, d[3] = {2.0, 1.5, 0.5}, s2[3] = {50.0, 40.0, 30.0};
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(n, 1, 0, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, d, NULL), NUTMM_SUCCESS);
  nutmm_interval iv;
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
  ck_assert(iv.mu_best == 0.0);
  ck_assert(iv.chi2_best == iv.chi2_zero);
  ck_assert(iv.mu_low == 0.0);
  const double K = ip(d, d, s2, n);
  ck_assert_rel(iv.mu_high, pow(NUTMM_DCHI2_90CL_1DOF / K, 0.25), 1e-10);
  nutmm_chi2_free(chi);
}
END_TEST

/* Best fit above the scan (extension by doublings), and bestfit() alone. */
START_TEST(test_bestfit_far)
{
  double obs[NT], B[NT], D[NT], s2[NT];
  const double mu_t = 2.7e4; /* natural scale ~0.95: above the scan's 1e4 mu0 */
  toy(mu_t, 0.0, obs, B, D, s2);
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(NT, 1, 0, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, D, NULL), NUTMM_SUCCESS);
  double mb, cm;
  ck_assert_int_eq(nutmm_chi2_bestfit(chi, &mb, &cm), NUTMM_SUCCESS);
  ck_assert_rel(mb, mu_t, 1e-11);
  ck_assert_abs(cm, 0.0, 1e-4); /* chi2(0) ~ 1e18: BESTFIT_RTOL at work */
  nutmm_interval iv;
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
  ck_assert(iv.mu_low < mu_t && mu_t < iv.mu_high);
  /* exact edges: chi2 = a (x - x_t)^2 */
  const double a = ip(D, D, s2, NT);
  ck_assert_rel(iv.mu_high, sqrt(mu_t * mu_t + sqrt(NUTMM_DCHI2_90CL_1DOF / a)), 1e-9);
  ck_assert_rel(iv.mu_low, sqrt(mu_t * mu_t - sqrt(NUTMM_DCHI2_90CL_1DOF / a)), 1e-9);
  /* a signal beyond reach (1e6 mu0): no minimum up to 1e5 mu0 */
  toy(1e6, 0.0, obs, B, D, s2);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_bestfit(chi, &mb, &cm), NUTMM_EMAXITER);
  REASON_HAS("still decreasing");
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_EMAXITER);
  nutmm_chi2_free(chi);
}
END_TEST

START_TEST(test_no_sensitivity)
{
  double obs[NT], B[NT], D[NT], s2[NT], Z[NT] = {0};
  toy(1.0, 0.2, obs, B, D, s2);
  nutmm_chi2 *chi = NULL;
  ck_assert_int_eq(nutmm_chi2_alloc(NT, 1, 1, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, obs), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, B), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.03, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  /* D = I = 0 (e.g. m4 above the kinematic reach) */
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, Z, NULL), NUTMM_SUCCESS);
  double mb, cm, c0, up;
  ck_assert_int_eq(nutmm_chi2_bestfit(chi, &mb, &cm), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 0.0, &c0, NULL), NUTMM_SUCCESS);
  ck_assert(mb == 0.0 && cm == c0);
  nutmm_interval iv;
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_EMAXITER);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "no sensitivity"));
  ck_assert_int_eq(nutmm_chi2_upper_limit(chi, NUTMM_DCHI2_90CL_1DOF, &up), NUTMM_EMAXITER);
  /* flat chi2 above a given reference + delta: the whole line is excluded */
  nutmm_limit_options o = {NUTMM_DCHI2_90CL_2DOF, 1, c0 - 5.0};
  ck_assert_int_eq(nutmm_chi2_interval(chi, &o, &iv), NUTMM_SUCCESS);
  ck_assert(iv.empty);
  /* a signal nuisance of 1000% absorbs any signal: chi2 saturates 0.01 above
   * its minimum, never reaching delta */
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, D, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 10.0, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, &iv), NUTMM_EMAXITER);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nutmm_chi2_interval: no sensitivity"));
  nutmm_chi2_free(chi);
}
END_TEST

/* ------------------------------------------------ confidence levels */

START_TEST(test_delta_chi2)
{
  /* chi^2 quantiles from mpmath (40 digits, bisection on the regularized
   * incomplete gamma function) at the double nearest each cl (for cl near 1
   * the last digits depend on it) */
  const struct {
    double cl;
    unsigned dof;
    double q;
  } ref[] = {
      {0.9, 1, 2.7055434540954149},   {0.9, 2, 4.6051701859880918},
      {0.9, 3, 6.2513886311703237},   {0.95, 1, 3.8414588206941245},
      {0.9, 4, 7.7794403397348587},   {0.95, 10, 18.307038053275144},
      {0.99, 100, 135.80672317102677}, {0.5, 7, 6.3458111955215175},
      {0.3, 3, 1.4236522430352795},   {0.999999, 5, 35.888186879610421},
      {1e-6, 3, 0.00024181048720124283}, {0.9, 99, 117.4068831867789},
  };
  for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
    double d;
    ck_assert_int_eq(nutmm_delta_chi2_e(ref[i].cl, ref[i].dof, &d), NUTMM_SUCCESS);
    ck_assert_rel(d, ref[i].q, 1e-12);
    ck_assert_rel(nutmm_delta_chi2(ref[i].cl, ref[i].dof), ref[i].q, 1e-12);
  }
  ck_assert_rel(nutmm_delta_chi2(0.9, 1), NUTMM_DCHI2_90CL_1DOF, 1e-15);
  ck_assert_rel(nutmm_delta_chi2(0.9, 2), NUTMM_DCHI2_90CL_2DOF, 1e-15);
  /* one-sided 90 %: the two-sided 80 % quantile, and z^2 with Phi(z) = 0.9 (GSL's inverse) */
  ck_assert_rel(nutmm_delta_chi2(0.8, 1), NUTMM_DCHI2_90CL_ONE_SIDED, 1e-14);
  ck_assert_rel(gsl_cdf_ugaussian_Pinv(0.9) * gsl_cdf_ugaussian_Pinv(0.9),
                NUTMM_DCHI2_90CL_ONE_SIDED, 1e-14);
  /* 1 sigma: 68.27% with 1 dof is Delta chi^2 = 1; 1 - e^-1 with 2 dof is 2 */
  ck_assert_rel(nutmm_delta_chi2(0.68268949213708589717, 1), 1.0, 1e-14);
  ck_assert_rel(nutmm_delta_chi2(1.0 - exp(-1.0), 2), 2.0, 1e-14);
  /* agreement with GSL's chi^2 CDF over a grid (independent implementation) */
  for (unsigned dof = 1; dof <= 40; dof += 3)
    for (double cl = 0.05; cl < 0.999; cl += 0.0737) {
      const double d = nutmm_delta_chi2(cl, dof);
      ck_assert_rel(gsl_cdf_chisq_P(d, dof), cl, 1e-11);
    }
}
END_TEST

/* ------------------------------------------------ clone, accessors */

START_TEST(test_clone_predict)
{
  rng_t r = {777};
  problem p;
  random_problem(&r, 4, &p);
  nutmm_chi2 *chi = make_chi2(&p), *cl = NULL;
  ck_assert_uint_eq(nutmm_chi2_nbins(chi), p.nb);
  ck_assert_uint_eq(nutmm_chi2_n_backgrounds(chi), 2);
  ck_assert_uint_eq(nutmm_chi2_n_nuisances(chi), 4);
  ck_assert_uint_eq(nutmm_chi2_nbins(NULL), 0);
  ck_assert_uint_eq(nutmm_chi2_n_backgrounds(NULL), 0);
  ck_assert_uint_eq(nutmm_chi2_n_nuisances(NULL), 0);
  ck_assert_int_eq(nutmm_chi2_clone(chi, &cl), NUTMM_SUCCESS);
  double c1, c2, x1[4], x2[4];
  ck_assert_int_eq(nutmm_chi2_eval(chi, p.mu, &c1, x1), NUTMM_SUCCESS);
  /* changing the original leaves the clone alone */
  double z[MAXB] = {0};
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, z, z, z), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(cl, p.mu, &c2, x2), NUTMM_SUCCESS);
  ck_assert(c1 == c2);
  for (size_t k = 0; k < 4; k++)
    ck_assert(x1[k] == x2[k]);
  /* predict at the profiled point reproduces the chi2 */
  double tot[MAXB], sig[MAXB];
  ck_assert_int_eq(nutmm_chi2_predict(cl, p.mu, NULL, tot, sig), NUTMM_SUCCESS);
  double s = 0.0;
  for (size_t i = 0; i < p.nb; i++)
    s += pow(p.obs[i] - tot[i], 2) / p.s2[i];
  for (size_t k = 0; k < 4; k++)
    s += pow(x2[k] / p.sig[k], 2);
  ck_assert_rel(s, c2, 1e-12);
  /* the pulled signal: nuisances 0 and 3 act on it */
  for (size_t i = 0; i < p.nb; i++) {
    const double S = p.sm[i] + p.mu * p.mu * p.dip[i] + p.mu * p.intf[i];
    ck_assert_rel(sig[i], S * (1.0 + x2[0] * p.shape[0][i] + x2[3] * p.shape[3][i]), 1e-12);
  }
  /* eval with xi = NULL gives the same chi2 */
  double c3;
  ck_assert_int_eq(nutmm_chi2_eval(cl, p.mu, &c3, NULL), NUTMM_SUCCESS);
  ck_assert(c3 == c2);
  nutmm_chi2_free(chi);
  nutmm_chi2_free(cl);
  nutmm_chi2_free(NULL);
}
END_TEST

/* ------------------------------------------------------------ errors */


START_TEST(test_errors)
{
  nutmm_chi2 *chi = (nutmm_chi2 *)&chi; /* must be reset to NULL on failure */
  ck_assert_int_eq(nutmm_chi2_alloc(0, 1, 1, &chi), NUTMM_EBADLEN);
  ck_assert_ptr_null(chi);
  ck_assert_int_eq(nutmm_chi2_alloc(SIZE_MAX / 4, 3, 4, &chi), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_chi2_alloc(4, 0, SIZE_MAX / 2, &chi), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_chi2_alloc(4, 1, 1, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_clone(NULL, &chi), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_clone(NULL, NULL), NUTMM_EFAULT);

  const size_t n = 4;
  ck_assert_int_eq(nutmm_chi2_alloc(n, 2, 2, &chi), NUTMM_SUCCESS);
  double good[4] = {10.5, 11.25, 9.75, 8.5}, bad[4] = {1.0, 2.0, 3.0, NAN};
  double c2, xi[2] = {0.0, 0.0};

  /* unset parts, in the order they are checked */
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1.0, &c2, NULL), NUTMM_EINVAL);
  REASON_HAS("nutmm_chi2_eval: observed counts not set");
  ck_assert_int_eq(nutmm_chi2_bestfit(chi, NULL, NULL), NUTMM_EINVAL);
  REASON_HAS("nutmm_chi2_bestfit <- ");
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, bad), NUTMM_EDOM);
  REASON_HAS("observed[3] = nan");
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_set_observed(NULL, good), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, good), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1.0, &c2, NULL), NUTMM_EINVAL);
  REASON_HAS("variances not set");
  double s2bad[4] = {1.0, -2.0, 1.0, 1.0}, s2zero[4] = {1.0, 1.0, 0.0, 1.0},
         s2tiny[4] = {1.0, 1e-320, 1.0, 1.0};
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2bad), NUTMM_EDOM);
  REASON_HAS("sigma2[1] = -2 must be > 0");
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2zero), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, s2tiny), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, bad), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, good), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1.0, &c2, NULL), NUTMM_EINVAL);
  REASON_HAS("signal parts not set");
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, good, bad, NULL), NUTMM_EDOM);
  REASON_HAS("dipole[3]");
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, bad, NULL, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, NULL, bad), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_signal(NULL, NULL, NULL, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, good, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1.0, &c2, NULL), NUTMM_EINVAL);
  REASON_HAS("background component 0 not set");
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 2, good), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, bad), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 0, good), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_background(chi, 1, good), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1.0, &c2, NULL), NUTMM_EINVAL);
  REASON_HAS("nuisance 0 not set");
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 2, 0.1, 0, NULL), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, -0.1, 0, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, NAN, 0, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, INFINITY, 0, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.1, 2, NULL), NUTMM_EBADLEN);
  REASON_HAS("target 2");
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.1, -2, NULL), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.1, 0, bad), NUTMM_EDOM);
  REASON_HAS("shape[3]");
  ck_assert_int_eq(nutmm_chi2_set_nuisance(NULL, 0, 0.1, 0, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_nuisance_add_target(chi, 1, 0), NUTMM_EINVAL);
  REASON_HAS("not defined yet");
  ck_assert_int_eq(nutmm_chi2_nuisance_add_target(chi, 5, 0), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_chi2_nuisance_add_target(NULL, 0, 0), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 0, 0.1, 0, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_nuisance(chi, 1, 0.2, NUTMM_CHI2_SIGNAL, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_nuisance_add_target(chi, 1, 7), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_chi2_nuisance_add_target(chi, 1, 1), NUTMM_SUCCESS);

  /* evaluation arguments */
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1.0, &c2, xi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, -0.5, &c2, NULL), NUTMM_EDOM);
  REASON_HAS("mu = -0.5");
  ck_assert_int_eq(nutmm_chi2_eval(chi, NAN, &c2, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_eval(chi, INFINITY, &c2, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1.0, NULL, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_eval(NULL, 1.0, &c2, NULL), NUTMM_EFAULT);
  /* overflow: mu^2 D is infinite */
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1e200, &c2, NULL), NUTMM_ERANGE);
  double xin[2] = {0.0, NAN};
  ck_assert_int_eq(nutmm_chi2_eval_fixed(chi, 1.0, xin, &c2), NUTMM_EDOM);
  REASON_HAS("xi[1]");
  ck_assert_int_eq(nutmm_chi2_eval_fixed(chi, 1.0, NULL, &c2), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_eval_fixed(chi, 1.0, xi, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_eval_fixed(chi, 1e200, xi, &c2), NUTMM_ERANGE);
  double tot[4];
  ck_assert_int_eq(nutmm_chi2_predict(chi, 1.0, NULL, NULL, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_predict(chi, -1.0, NULL, tot, NULL), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_predict(chi, 1e200, xi, tot, NULL), NUTMM_ERANGE);
  ck_assert_int_eq(nutmm_chi2_predict(chi, 1e200, NULL, tot, NULL), NUTMM_ERANGE);

  /* limits */
  nutmm_interval iv;
  nutmm_limit_options o;
  nutmm_limit_options_default(&o);
  nutmm_limit_options_default(NULL); /* no-op */
  o.delta = 0.0;
  ck_assert_int_eq(nutmm_chi2_interval(chi, &o, &iv), NUTMM_EDOM);
  o.delta = NAN;
  ck_assert_int_eq(nutmm_chi2_interval(chi, &o, &iv), NUTMM_EDOM);
  o.delta = 2.71;
  o.use_ref = 1;
  o.chi2_ref = INFINITY;
  ck_assert_int_eq(nutmm_chi2_interval(chi, &o, &iv), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_interval(chi, NULL, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_interval(NULL, NULL, &iv), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_upper_limit(chi, 2.71, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_chi2_upper_limit(chi, -1.0, &c2), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_chi2_bestfit(NULL, NULL, NULL), NUTMM_EFAULT);
  nutmm_chi2_free(chi);

  /* no nuisances: overflow shows up in the chi2 itself */
  ck_assert_int_eq(nutmm_chi2_alloc(n, 0, 0, &chi), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_observed(chi, good), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_sigma2(chi, good), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_set_signal(chi, NULL, good, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_chi2_eval(chi, 1e150, &c2, NULL), NUTMM_ERANGE);
  REASON_HAS("overflows");
  ck_assert_int_eq(nutmm_chi2_eval_fixed(chi, 2.0, NULL, &c2), NUTMM_SUCCESS);
  nutmm_chi2_free(chi);

  /* confidence levels */
  double d;
  ck_assert_int_eq(nutmm_delta_chi2_e(0.0, 1, &d), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_delta_chi2_e(1.0, 1, &d), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_delta_chi2_e(1.5, 2, &d), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_delta_chi2_e(NAN, 2, &d), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_delta_chi2_e(0.9, 0, &d), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_delta_chi2_e(0.9, NUTMM_DCHI2_MAX_DOF + 1, &d), NUTMM_EDOM);
  REASON_HAS("dof = 101");
  ck_assert_int_eq(nutmm_delta_chi2_e(0.9, 1, NULL), NUTMM_EFAULT);
  ck_assert(isnan(nutmm_delta_chi2(-0.1, 1)));
}
END_TEST

static Suite *stats_suite(void)
{
  Suite *s = suite_create("stats");
  TCase *tc = tcase_create("chi2");
  tcase_add_test(tc, test_profile_vs_brute_force);
  tcase_add_test(tc, test_fixed_nuisance);
  tcase_add_test(tc, test_slope_and_bestfit);
  tcase_add_test(tc, test_poisson_linear_path);
  tcase_add_test(tc, test_product_constant_shapes);
  tcase_add_test(tc, test_gram_cache_invalidation);
  tcase_add_test(tc, test_eq26_texono);
  tcase_add_test(tc, test_eq23_xenon);
  tcase_add_test(tc, test_eq24_csi);
  tcase_add_test(tc, test_eq25_lar);
  tcase_add_test(tc, test_eq27_asimov);
  tcase_add_test(tc, test_clone_predict);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  TCase *tl = tcase_create("limits");
  tcase_add_test(tl, test_limit_quadratic);
  tcase_add_test(tl, test_limit_quadratic_pulled);
  tcase_add_test(tl, test_limit_nonconvex);
  tcase_add_test(tl, test_limit_vs_scan);
  tcase_add_test(tl, test_bestfit_far);
  tcase_add_test(tl, test_bestfit_at_zero);
  tcase_add_test(tl, test_no_sensitivity);
  tcase_add_test(tl, test_delta_chi2);
  suite_add_tcase(s, tl);
  return s;
}

int main(void) { return nutmm_test_run(stats_suite()); }
