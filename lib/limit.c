/* libnutmm -- best fits, limits and allowed bands of the moment mu at fixed m4,
 * and Delta chi^2 thresholds of confidence levels (physics manual phys-stats-cl).
 *
 * chi2(mu) is the profiled chi^2 of lib/stats.c: smooth, and for mu much
 * larger than the data allow it grows like mu^4 (or saturates when a signal
 * nuisance can absorb the signal).  Everything is located in units of the
 * signal's natural scale mu0 (stats_internal.h), so the same code serves mu in
 * mu_B or in units of 1e-10 mu_B:
 *   1. scan: mu = 0 and a log grid over [1e-4, 1e4] mu0 (16 points a decade),
 *      evaluated coarse to fine: every COARSE-th point first, then all points of
 *      the coarse steps next to the lowest one and of every step where chi2
 *      crosses the threshold.  Points between two evaluated neighbours on the
 *      same side are not needed: where chi2 is smooth on the coarse spacing
 *      (a factor 10^(COARSE/16) = 1.8 in mu) every bracket below is the one
 *      the full grid would give, at about a third of its evaluations;
 *   2. best fit: around the lowest scan point (the top end extended by
 *      doublings, up to MU_MAX_SCALE mu0, if chi2 still falls there), the root
 *      of the analytic slope d chi2/d mu where the objective has one and it
 *      changes sign over the bracket, else Brent's minimisation of chi2;
 *   3. edges: the allowed set {chi2 <= ref + delta} on the scan (plus the best
 *      fit) gives brackets [allowed, excluded] for its highest and lowest
 *      edges (the top one extended by doublings), refined by Brent's root
 *      finder.
 * Brent's methods are the library's one root finder and minimiser (solve.h):
 * nothing can reach GSL's error handler and nothing is allocated.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"
#include "nutmm/stats.h"
#include "nutmm/units.h"
#include "solve.h"
#include "stats_internal.h"

/* Scan grid: mu = 0 plus GRID_DECADES * GRID_PER_DECADE + 1 log points from
 * 10^GRID_LOG_LO mu0 upwards. */
#define GRID_LOG_LO (-4)
#define GRID_DECADES 8
#define GRID_PER_DECADE 16
#define NGRID (GRID_DECADES * GRID_PER_DECADE + 2)
/* Coarse pass: every COARSE-th log point (it divides GRID_DECADES * GRID_PER_DECADE, so the
 * top point is a coarse one). */
#define COARSE 4

/* Largest mu ever evaluated, in units of mu0.  There the dipole alone would
 * move chi2 by 1e20: a signal not excluded by then is not excluded at all
 * ("no sensitivity", e.g. absorbed by a signal nuisance), and beyond it a
 * signal nuisance near -1 cancels a signal so large that rounding errors of
 * chi2 (~ DBL_EPSILON (mu/mu0)^2 per bin) would start to matter. */
#define MU_MAX_SCALE 1e5
/* Relative accuracy in mu of the best fit: finer than Brent's customary
 * sqrt(DBL_EPSILON), so that chi2_min stays accurate for very significant
 * signals (chi2 error ~ (significance * BESTFIT_RTOL)^2). */
#define BESTFIT_RTOL 1e-12
/* Where the best-fit search probes for a dip below the first grid point, in units of it. */
#define ZERO_PROBE 1e-3
/* A dip there smaller than this, relative to 1 + chi2(0), is rounding: the profiled chi2 is
 * converged to about NEWTON_FLAT = 1e-13 relative (stats.c), so without an interference term
 * chi2(ZERO_PROBE mu) can come out below chi2(0) by rounding alone. */
#define ZERO_DIP_RTOL 1e-12
/* Relative accuracy of the interval edges. */
#define EDGE_RTOL 1e-13

/* What every search below evaluates: a profiled chi2(mu) and its natural scale
 * (stats_internal.h), e.g. one likelihood with its signal parts and a workspace, or a sum of
 * several (a combined analysis, scan.c). */
typedef nutmm_objective_ evaluator;

/* One likelihood with its signal parts and a workspace. */
typedef struct {
  const nutmm_chi2 *model;
  nutmm_chi2_workspace *ws;
  const nutmm_signal_parts *parts;
} parts_ctx;

static int parts_fn(void *ctx, double mu, double *chi2)
{
  const parts_ctx *p = ctx;
  return nutmm_chi2_eval_parts(p->model, p->ws, p->parts, mu, chi2, NULL);
}

static int parts_slope(void *ctx, double mu, double *chi2, double *dchi2)
{
  const parts_ctx *p = ctx;
  return nutmm_chi2_eval_parts_slope_(p->model, p->ws, p->parts, mu, 0, chi2, dchi2);
}

static int parts_scale(void *ctx, double *mu0)
{
  const parts_ctx *p = ctx;
  return nutmm_chi2_mu_scale_(p->model, p->parts, mu0);
}

/* Profiled chi2 at mu, minus `shift`. */
static int f_eval(const evaluator *chi, double mu, double shift, double *f)
{
  double c;
  int s = chi->fn(chi->ctx, mu, &c);
  if (s)
    return s;
  *f = c - shift;
  return NUTMM_SUCCESS;
}

typedef struct {
  const evaluator *chi;
  double shift;
} chi2_ctx;

/* chi2(x) - shift, for the root finder and the minimiser (solve.h). */
static int chi2_shifted_fn(double x, void *ctx, double *g)
{
  const chi2_ctx *c = ctx;
  return f_eval(c->chi, x, c->shift, g);
}

/* d chi2 / d mu(x), for the root finder. */
static int slope_fn(double x, void *ctx, double *g)
{
  const evaluator *chi = ctx;
  double c;
  return chi->slope(chi->ctx, x, &c, g);
}

/* The best fit on [a, b] as the root of d chi2 / d mu (the analytic slope at the profiled
 * nuisances, stats.c) where it goes from negative at a to positive at b: *found = 1 and
 * {xm, fm}.  A root of the slope is located to rounding of the slope, about BESTFIT_RTOL;
 * a minimiser comparing chi2 values finds a flat minimum only to ~sqrt(DBL_EPSILON), and
 * where its position then lands depends on rounding.  *found = 0 (the caller minimises) if
 * the objective has no slope or it does not change sign so. */
static int bestfit_by_slope(const evaluator *chi, double a, double b, double *xm, double *fm,
                            int *found)
{
  *found = 0;
  if (!chi->slope)
    return NUTMM_SUCCESS;
  double ca, ga, cb, gb;
  NUTMM_TRY(chi->slope(chi->ctx, a, &ca, &ga));
  NUTMM_TRY(chi->slope(chi->ctx, b, &cb, &gb));
  if (!(ga < 0.0 && gb > 0.0))
    return NUTMM_SUCCESS;
  double r, g;
  NUTMM_TRY(nutmm_root_brent_(slope_fn, (void *)chi, a, b, ga, gb, BESTFIT_RTOL * b, &r));
  NUTMM_TRY(chi->slope(chi->ctx, r, fm, &g));
  *xm = r;
  *found = 1;
  return NUTMM_SUCCESS;
}

/* The scan and best fit shared by nutmm_chi2_bestfit and nutmm_chi2_interval
 * (stats_internal.h). */
typedef nutmm_scan_memo_ scan_t;
_Static_assert(NGRID == NUTMM_SCAN_MEMO_NGRID_, "scan grid and its memo differ in size");

/* Point j of the scan grid, evaluated once. */
static int scan_point(const evaluator *chi, scan_t *sc, size_t j)
{
  if (sc->have[j])
    return NUTMM_SUCCESS;
  sc->mu[j] = sc->mu0 * pow(10.0, GRID_LOG_LO + (double)(j - 1) / GRID_PER_DECADE);
  NUTMM_TRY(f_eval(chi, sc->mu[j], 0.0, &sc->c[j]));
  sc->have[j] = 1;
  return NUTMM_SUCCESS;
}

/* Every grid point in [a, b] (clipped to the grid). */
static int scan_fill(const evaluator *chi, scan_t *sc, size_t a, size_t b)
{
  for (size_t j = a; j <= b && j < NGRID; j++)
    NUTMM_TRY(scan_point(chi, sc, j));
  return NUTMM_SUCCESS;
}

/* Index of the lowest evaluated point (the first of equals, as a full scan would pick). */
static size_t lowest_point(const scan_t *sc)
{
  size_t jmin = 0;
  for (size_t j = 1; j < NGRID; j++)
    if (sc->have[j] && sc->c[j] < sc->c[jmin])
      jmin = j;
  return jmin;
}

/* Fill the grid between consecutive evaluated points on opposite sides of thr: after this the
 * threshold crossings of the evaluated points are those of the full grid (chi2 smooth on the
 * coarse spacing). */
static int scan_refine_crossings(const evaluator *chi, scan_t *sc, double thr)
{
  size_t prev = 0;
  for (size_t j = 1; j < NGRID; j++) {
    if (!sc->have[j])
      continue;
    if (j > prev + 1 && (sc->c[prev] <= thr) != (sc->c[j] <= thr))
      NUTMM_TRY(scan_fill(chi, sc, prev + 1, j - 1));
    prev = j;
  }
  return NUTMM_SUCCESS;
}

/* The scan and the best fit; known = {mu_best, chi2_best} from an earlier call on the same
 * objective (then only the grid is evaluated), or NULL. */
static int scan_bestfit(const evaluator *chi, scan_t *sc, const double *known)
{
  /* chi2(0) first: it also validates the object (reasons name what is unset) */
  NUTMM_TRY(f_eval(chi, 0.0, 0.0, &sc->chi2_zero));
  NUTMM_TRY(chi->scale(chi->ctx, &sc->mu0));
  sc->mu[0] = 0.0;
  sc->c[0] = sc->chi2_zero;
  sc->mu_best = 0.0;
  sc->chi2_best = sc->chi2_zero;
  if (sc->mu0 == 0.0) /* D = I = 0: chi2 does not depend on mu */
    return NUTMM_SUCCESS;
  memset(sc->have, 0, sizeof sc->have);
  sc->have[0] = 1;
  for (size_t j = 1; j < NGRID; j += COARSE)
    NUTMM_TRY(scan_point(chi, sc, j));
  /* the coarse steps on both sides of every local minimum of the coarse points, in full:
   * the lowest one for the best fit, the others for allowed islands (interference) */
  for (size_t j = 0; j < NGRID; j = j == 0 ? 1 : j + COARSE) {
    const size_t left = j == 0 ? 0 : j == 1 ? 0 : j - COARSE, right = j == 0 ? 1 : j + COARSE;
    const int low_left = j == 0 || sc->c[j] <= sc->c[left];
    const int low_right = right >= NGRID || sc->c[j] <= sc->c[right];
    if (low_left && low_right)
      NUTMM_TRY(scan_fill(chi, sc, j > COARSE ? j - COARSE : 1, j + COARSE));
  }
  const size_t jmin = lowest_point(sc);
  if (known) {
    sc->mu_best = known[0];
    sc->chi2_best = known[1];
    return NUTMM_SUCCESS;
  }
  double a = 0.0, b = 0.0, fbest = sc->c[jmin], xbest = sc->mu[jmin];
  if (jmin == 0) {
    /* chi2 rises from mu = 0 on the grid.  Below its first point (1e-4 mu0) only the
     * interference can make a dip, chi2 ~ chi2(0) + alpha mu + beta mu^2 with alpha < 0; one
     * probe at ZERO_PROBE mu[1] finds it unless it is narrower than that, when it is worth
     * less than ~1e-6 in chi2 (|alpha| ~ sqrt(chi2)/mu0 times the width): then mu = 0 is the
     * best fit and the minimisation, dozens of evaluations for nothing, is skipped. */
    double fp;
    NUTMM_TRY(f_eval(chi, ZERO_PROBE * sc->mu[1], 0.0, &fp));
    if (fp >= sc->c[0] - ZERO_DIP_RTOL * (1.0 + fabs(sc->c[0])))
      return NUTMM_SUCCESS; /* mu_best = 0, chi2_best = chi2(0), set above */
    a = 0.0;
    b = sc->mu[1];
  } else if (jmin + 1 < NGRID) {
    a = sc->mu[jmin - 1];
    b = sc->mu[jmin + 1];
  } else { /* still falling at the top of the scan: extend by doublings */
    const double mu_max = MU_MAX_SCALE * sc->mu0;
    double lo = sc->mu[NGRID - 2], mid = sc->mu[NGRID - 1], fmid = sc->c[NGRID - 1];
    for (;;) {
      if (mid >= mu_max)
        NUTMM_FAIL(NUTMM_EMAXITER,
                   "chi2 still decreasing at mu = %g (%g times the natural scale): no best fit",
                   mid, MU_MAX_SCALE);
      const double hi = fmin(2.0 * mid, mu_max);
      double fhi;
      NUTMM_TRY(f_eval(chi, hi, 0.0, &fhi));
      if (fhi >= fmid) {
        a = lo;
        b = hi;
        break;
      }
      lo = mid;
      mid = hi;
      fmid = fhi;
    }
    fbest = fmid;
    xbest = mid;
  }
  double xm = 0.0, fm = 0.0;
  int found = 0;
  NUTMM_TRY(bestfit_by_slope(chi, a, b, &xm, &fm, &found));
  if (!found) {
    chi2_ctx unshifted = {chi, 0.0};
    NUTMM_TRY(nutmm_min_brent_(chi2_shifted_fn, &unshifted, a, b, 1e-10 * (b - a), BESTFIT_RTOL,
                               &xm, &fm));
  }
  if (fm < fbest) {
    fbest = fm;
    xbest = xm;
  }
  sc->mu_best = xbest;
  sc->chi2_best = fbest;
  return NUTMM_SUCCESS;
}

int nutmm_bestfit_fn_(const nutmm_objective_ *obj, nutmm_scan_memo_ *memo, double *mu_best,
                      double *chi2_min)
{
  scan_t own, *sc = memo ? memo : &own;
  NUTMM_TRY(scan_bestfit(obj, sc, NULL));
  if (mu_best)
    *mu_best = sc->mu_best;
  if (chi2_min)
    *chi2_min = sc->chi2_best;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_bestfit_parts(const nutmm_chi2 *model, nutmm_chi2_workspace *ws,
                             const nutmm_signal_parts *sig, double *mu_best, double *chi2_min)
{
  NUTMM_CHECK_PTR(model);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(sig);
  parts_ctx pc = {model, ws, sig};
  const evaluator ev = {parts_fn, parts_scale, &pc, parts_slope};
  scan_t sc;
  NUTMM_TRY(scan_bestfit(&ev, &sc, NULL));
  if (mu_best)
    *mu_best = sc.mu_best;
  if (chi2_min)
    *chi2_min = sc.chi2_best;
  return NUTMM_SUCCESS;
}

void nutmm_limit_options_default(nutmm_limit_options *opts)
{
  if (opts == NULL)
    return;
  opts->delta = NUTMM_DCHI2_90CL_1DOF;
  opts->use_ref = 0;
  opts->chi2_ref = 0.0;
}

int nutmm_chi2_bestfit(nutmm_chi2 *chi, double *mu_best, double *chi2_min)
{
  NUTMM_CHECK_PTR(chi);
  nutmm_chi2_workspace *ws;
  nutmm_signal_parts p;
  NUTMM_TRY(nutmm_chi2_own_parts_(chi, &ws, &p));
  NUTMM_TRY(nutmm_chi2_bestfit_parts(chi, ws, &p, mu_best, chi2_min));
  return NUTMM_SUCCESS;
}

/* The interval of nutmm_chi2_interval(_parts); reasons carry the public name `func`. */
#define FAIL_AS(status, ...) return nutmm_error_set((status), func, __VA_ARGS__)
#define TRY_AS(call)                                                           \
  do {                                                                         \
    int try_status_ = (call);                                                  \
    if (try_status_ != NUTMM_SUCCESS)                                          \
      return nutmm_error_chain(try_status_, func);                             \
  } while (0)
static int interval_impl(const evaluator *chi, const nutmm_limit_options *opts,
                         const scan_t *memo, const double *best, nutmm_interval *iv,
                         const char *func)
{
  nutmm_limit_options o;
  if (opts)
    o = *opts;
  else
    nutmm_limit_options_default(&o);
  if (!isfinite(o.delta) || !(o.delta > 0.0))
    FAIL_AS(NUTMM_EDOM, "delta = %g must be finite and > 0", o.delta);
  if (o.use_ref && !isfinite(o.chi2_ref))
    FAIL_AS(NUTMM_EDOM, "chi2_ref = %g is not finite", o.chi2_ref);

  scan_t sc;
  if (memo)
    sc = *memo;
  else
    TRY_AS(scan_bestfit(chi, &sc, best));
  const double ref = o.use_ref ? o.chi2_ref : sc.chi2_best;
  const double thr = ref + o.delta;
  iv->mu_best = sc.mu_best;
  iv->chi2_best = sc.chi2_best;
  iv->chi2_zero = sc.chi2_zero;
  iv->chi2_ref = ref;
  iv->threshold = thr;
  iv->mu_low = iv->mu_high = 0.0;
  iv->empty = 0;
  iv->nonconvex = 0;

  if (sc.mu0 == 0.0) { /* flat chi2 */
    if (sc.chi2_zero <= thr)
      FAIL_AS(NUTMM_EMAXITER,
                 "no sensitivity: the dipole and interference parts are zero, chi2 does not "
                 "depend on mu");
    iv->empty = 1;
    return NUTMM_SUCCESS;
  }

  TRY_AS(scan_refine_crossings(chi, &sc, thr));
  /* allowed points: scan points and the best fit */
  const int best_ok = sc.chi2_best <= thr;
  /* and chi2 there, known (evaluation is stateless: evaluating again gives the same) */
  double hi = -1.0, lo = -1.0, chi_hi = 0.0, chi_lo = 0.0;
  for (size_t j = 0; j < NGRID; j++)
    if (sc.have[j] && sc.c[j] <= thr) {
      if (lo < 0.0) {
        lo = sc.mu[j];
        chi_lo = sc.c[j];
      }
      hi = sc.mu[j];
      chi_hi = sc.c[j];
    }
  if (best_ok) {
    if (lo < 0.0 || sc.mu_best < lo) {
      lo = sc.mu_best;
      chi_lo = sc.chi2_best;
    }
    if (sc.mu_best > hi) {
      hi = sc.mu_best;
      chi_hi = sc.chi2_best;
    }
  }
  if (hi < 0.0) { /* nothing allowed at this m4 (only possible with a reference) */
    iv->empty = 1;
    return NUTMM_SUCCESS;
  }

  chi2_ctx ctx = {chi, thr};
  double ghi = chi_hi - thr, gb = 0.0, b = -1.0;
  /* upper edge: first excluded scan point above hi, else doublings */
  for (size_t j = 0; j < NGRID; j++)
    if (sc.have[j] && sc.mu[j] > hi) {
      b = sc.mu[j];
      gb = sc.c[j] - thr;
      break;
    }
  if (b < 0.0) { /* allowed at the top of the scan: doublings up to mu_max */
    const double mu_max = MU_MAX_SCALE * sc.mu0;
    for (;;) {
      if (hi >= mu_max)
        FAIL_AS(NUTMM_EMAXITER,
                   "no sensitivity: chi2 - chi2_ref stays below delta = %g up to mu = %g (%g "
                   "times the natural scale)",
                   o.delta, hi, MU_MAX_SCALE);
      const double x = fmin(2.0 * hi, mu_max);
      double g;
      TRY_AS(f_eval(chi, x, thr, &g));
      if (g > 0.0) {
        b = x;
        gb = g;
        break;
      }
      hi = x;
      ghi = g;
    }
  }
  TRY_AS(nutmm_root_brent_(chi2_shifted_fn, &ctx, hi, b, ghi, gb, EDGE_RTOL * b, &iv->mu_high));

  /* lower edge: 0 if allowed, else between the scan point below lo and lo */
  if (lo > 0.0) {
    double a = 0.0, ga = sc.c[0] - thr, glo = chi_lo - thr;
    for (size_t j = 0; j < NGRID && !(sc.have[j] && sc.mu[j] >= lo); j++) {
      if (!sc.have[j])
        continue;
      a = sc.mu[j];
      ga = sc.c[j] - thr;
    }
    TRY_AS(nutmm_root_brent_(chi2_shifted_fn, &ctx, a, lo, ga, glo, EDGE_RTOL * lo, &iv->mu_low));
  }
  for (size_t j = 0; j < NGRID; j++)
    if (sc.have[j] && sc.mu[j] > iv->mu_low && sc.mu[j] < iv->mu_high && sc.c[j] > thr)
      iv->nonconvex = 1;
  return NUTMM_SUCCESS;
}

#undef FAIL_AS
#undef TRY_AS

int nutmm_chi2_interval_parts(const nutmm_chi2 *model, nutmm_chi2_workspace *ws,
                              const nutmm_signal_parts *sig, const nutmm_limit_options *opts,
                              nutmm_interval *iv)
{
  NUTMM_CHECK_PTR(model);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(sig);
  NUTMM_CHECK_PTR(iv);
  parts_ctx pc = {model, ws, sig};
  const evaluator ev = {parts_fn, parts_scale, &pc, parts_slope};
  return interval_impl(&ev, opts, NULL, NULL, iv, __func__);
}

int nutmm_interval_fn_(const nutmm_objective_ *obj, const nutmm_limit_options *opts,
                       const nutmm_scan_memo_ *memo, const double *best, nutmm_interval *iv)
{
  return interval_impl(obj, opts, memo, best, iv, __func__);
}

int nutmm_chi2_interval(nutmm_chi2 *chi, const nutmm_limit_options *opts, nutmm_interval *iv)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(iv);
  nutmm_chi2_workspace *ws;
  nutmm_signal_parts p;
  NUTMM_TRY(nutmm_chi2_own_parts_(chi, &ws, &p));
  parts_ctx pc = {chi, ws, &p};
  const evaluator ev = {parts_fn, parts_scale, &pc, parts_slope};
  return interval_impl(&ev, opts, NULL, NULL, iv, __func__);
}

int nutmm_chi2_upper_limit(nutmm_chi2 *chi, double delta, double *mu_up)
{
  NUTMM_CHECK_PTR(mu_up);
  nutmm_limit_options o;
  nutmm_limit_options_default(&o);
  o.delta = delta;
  nutmm_interval iv;
  NUTMM_TRY(nutmm_chi2_interval(chi, &o, &iv));
  *mu_up = iv.mu_high;
  return NUTMM_SUCCESS;
}

/* ------------------------------------------------------- confidence levels */

/* Regularized incomplete gamma functions P(a, y), Q(a, y) = 1 - P for
 * a = dof/2 (integer or half-integer, 1.5 <= a <= 50) and y >= 0, by
 * closed forms with libm only (no GSL error paths):
 *   y < a + 1: P = y^a e^-y / Gamma(a+1) sum_n y^n / ((a+1)...(a+n))  (series);
 *   otherwise Q = e^-y sum_{k<a} y^k/k!                      (a integer),
 *             Q = erfc(sqrt y) + e^-y sum_{k<a-1/2} y^(k+1/2)/Gamma(k+3/2)  (half-integer).
 * The series terms fall at least like (y/(a+1))^n with y < a + 1 <= 51;
 * the finite sums have < 50 positive terms. */
static void gamma_pq(unsigned int dof, double y, double *P, double *Q)
{
  const double a = 0.5 * dof;
  if (y <= 0.0) {
    *P = 0.0;
    *Q = 1.0;
    return;
  }
  if (y < a + 1.0) {
    double term = 1.0, sum = 1.0;
    for (int n = 1; n < 2000; n++) {
      term *= y / (a + n);
      sum += term;
      if (term < 0.25 * DBL_EPSILON * sum)
        break;
    }
    *P = exp(a * log(y) - y) / tgamma(a + 1.0) * sum;
    *Q = 1.0 - *P;
    return;
  }
  double q;
  if (dof % 2 == 0) {
    double term = exp(-y);
    q = term;
    for (unsigned int k = 1; k < dof / 2; k++) {
      term *= y / k;
      q += term;
    }
  } else {
    double term = 2.0 * exp(-y) * sqrt(y / NUTMM_PI); /* e^-y y^(1/2) / Gamma(3/2) */
    q = erfc(sqrt(y));
    for (unsigned int k = 0; k < (dof - 1) / 2; k++) {
      q += term;
      term *= y / (k + 1.5);
    }
  }
  *Q = q;
  *P = 1.0 - q;
}

typedef struct {
  unsigned int dof;
  double cl;
} cdf_ctx;

/* g(x) = P(chi^2_dof <= x) - cl, increasing in x, from the accurate side. */
static int cdf_root_fn(double x, void *ctx, double *g)
{
  const cdf_ctx *c = ctx;
  double P, Q;
  gamma_pq(c->dof, 0.5 * x, &P, &Q);
  *g = c->cl <= 0.5 ? P - c->cl : (1.0 - c->cl) - Q;
  return NUTMM_SUCCESS;
}

int nutmm_delta_chi2_e(double cl, unsigned int dof, double *delta)
{
  NUTMM_CHECK_PTR(delta);
  if (!isfinite(cl) || cl < 1e-10 || cl > 1.0 - 1e-10)
    NUTMM_FAIL(NUTMM_EDOM, "confidence level cl = %g must lie in [1e-10, 1 - 1e-10]", cl);
  if (dof < 1 || dof > NUTMM_DCHI2_MAX_DOF)
    NUTMM_FAIL(NUTMM_EDOM, "dof = %u must lie in [1, %d]", dof, NUTMM_DCHI2_MAX_DOF);
  if (dof == 1) {
    /* P(chi^2_1 <= z^2) = 1 - 2 Q_gauss(z): z = Q_gauss^-1((1 - cl)/2).  AS 241,
     * which has no error path. */
    const double z = gsl_cdf_ugaussian_Qinv(0.5 * (1.0 - cl));
    *delta = z * z;
    return NUTMM_SUCCESS;
  }
  if (dof == 2) { /* P(chi^2_2 <= x) = 1 - exp(-x/2) */
    *delta = -2.0 * log1p(-cl);
    return NUTMM_SUCCESS;
  }
  cdf_ctx ctx = {dof, cl};
  double lo = 0.0, glo, hi = (double)dof, ghi;
  cdf_root_fn(lo, &ctx, &glo);
  cdf_root_fn(hi, &ctx, &ghi);
  for (int n = 0; n < 16 && ghi < 0.0; n++) { /* quantile < 2^16 dof, far beyond need */
    lo = hi;
    glo = ghi;
    hi *= 2.0;
    cdf_root_fn(hi, &ctx, &ghi);
  }
  NUTMM_TRY(nutmm_root_brent_(cdf_root_fn, &ctx, lo, hi, glo, ghi, 1e-15 * hi, delta));
  return NUTMM_SUCCESS;
}

double nutmm_delta_chi2(double cl, unsigned int dof)
{
  double d;
  if (nutmm_delta_chi2_e(cl, dof, &d) != NUTMM_SUCCESS)
    return NAN;
  return d;
}
