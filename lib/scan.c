/* libnutmm -- scans over m4: limits and bands for one or several analyses (scan.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "internal.h"
#include "nutmm/scan.h"
#include "stats_internal.h"

/* Largest memory for phase 1's scans kept for phase 2 (about 2.2 kB a mass). */
#define SCAN_MEMO_MAX_BYTES ((size_t)32 << 20)

const char *nutmm_scan_status_name(nutmm_scan_status s)
{
  switch (s) {
  case NUTMM_SCAN_OK: return "ok";
  case NUTMM_SCAN_CLOSED: return "closed";
  case NUTMM_SCAN_NO_SENSITIVITY: return "no-sensitivity";
  case NUTMM_SCAN_EMPTY: return "empty";
  case NUTMM_SCAN_ERROR: return "error";
  }
  return "?";
}

void nutmm_scan_options_default(nutmm_scan_options *o)
{
  if (!o)
    return;
  memset(o, 0, sizeof *o);
  o->reference = NUTMM_SCAN_OWN_MIN;
  o->unit = 1e-10;
}

int nutmm_scan_grid_log(double lo, double hi, size_t n, double *m4)
{
  NUTMM_CHECK_PTR(m4);
  if (n == 0)
    NUTMM_FAIL(NUTMM_EBADLEN, "n = 0 points");
  if (!isfinite(lo) || !isfinite(hi) || !(lo > 0.0) || !(hi >= lo))
    NUTMM_FAIL(NUTMM_EDOM, "need 0 < lo <= hi, finite (lo = %g, hi = %g)", lo, hi);
  const double a = log(lo), b = log(hi);
  for (size_t p = 0; p < n; p++)
    m4[p] = n == 1 ? lo : exp(a + (b - a) * ((double)p / (double)(n - 1)));
  m4[0] = lo;
  if (n > 1)
    m4[n - 1] = hi;
  return NUTMM_SUCCESS;
}

int nutmm_combined_chi2(const nutmm_analysis *const *an, nutmm_analysis_workspace *const *ws,
                        size_t n_an, double m4, const nutmm_coupling *c, double *chi2)
{
  NUTMM_CHECK_PTR(an);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(chi2);
  double sum = 0.0;
  for (size_t k = 0; k < n_an; k++) {
    double x;
    NUTMM_TRY(nutmm_analysis_chi2(an[k], ws[k], m4, c, &x, NULL));
    sum += x;
  }
  *chi2 = sum;
  return NUTMM_SUCCESS;
}

/* The combined objective of one point: analyses k with their signal parts. */
typedef struct {
  const nutmm_analysis *const *an;
  nutmm_analysis_workspace **ws;
  size_t n;
  nutmm_signal_parts *parts; /* [n] */
  int checked;               /* the parts passed one checked evaluation (reset by set_parts) */
} combo;

/* The sum of the analyses' chi2 and, unless dchi2 is NULL, of their slopes d chi2 / d mu.
 * The first evaluation with new parts goes through every argument check; the searches'
 * hundreds of further ones at the same parts skip them (their mu is finite and >= 0). */
static int combo_eval(combo *c, double mu, double *chi2, double *dchi2)
{
  double sum = 0.0, dsum = 0.0;
  const int trusted = c->checked && isfinite(mu) && mu >= 0.0;
  for (size_t k = 0; k < c->n; k++) {
    const nutmm_chi2 *model = nutmm_analysis_likelihood(c->an[k]);
    nutmm_chi2_workspace *w = nutmm_analysis_workspace_chi2(c->ws[k]);
    double x, dx = 0.0;
    int s = nutmm_chi2_eval_parts_slope_(model, w, &c->parts[k], mu, trusted, &x,
                                         dchi2 ? &dx : NULL);
    if (s)
      return s;
    sum += x;
    dsum += dx;
  }
  c->checked = 1;
  *chi2 = sum;
  if (dchi2)
    *dchi2 = dsum;
  return NUTMM_SUCCESS;
}

static int combo_fn(void *ctx, double mu, double *chi2) { return combo_eval(ctx, mu, chi2, NULL); }

static int combo_slope(void *ctx, double mu, double *chi2, double *dchi2)
{
  return combo_eval(ctx, mu, chi2, dchi2);
}

/* The smallest nonzero natural scale of the analyses: where the most sensitive one moves
 * chi2 by about one. */
static int combo_scale(void *ctx, double *mu0)
{
  const combo *c = ctx;
  double m = 0.0;
  for (size_t k = 0; k < c->n; k++) {
    double x;
    int s = nutmm_chi2_mu_scale_(nutmm_analysis_likelihood(c->an[k]), &c->parts[k], &x);
    if (s)
      return s;
    if (x > 0.0 && (m == 0.0 || x < m))
      m = x;
  }
  *mu0 = m;
  return NUTMM_SUCCESS;
}

/* Per-thread state: a workspace per analysis and signal buffers for a reference point. */
typedef struct {
  nutmm_analysis_workspace **ws;
  nutmm_signal_parts *parts;
  double *buf; /* reference-point signals: 2 x total bins */
} thread_state;

static void thread_free(thread_state *t, size_t n)
{
  for (size_t k = 0; t->ws && k < n; k++)
    nutmm_analysis_workspace_free(t->ws[k]);
  free(t->ws);
  free(t->parts);
  free(t->buf);
}

static int thread_alloc(thread_state *t, const nutmm_analysis *const *an, size_t n, size_t nbt)
{
  memset(t, 0, sizeof *t);
  t->ws = calloc(n, sizeof *t->ws);
  t->parts = calloc(n, sizeof *t->parts);
  t->buf = malloc(2 * nbt * sizeof *t->buf);
  if (!t->ws || !t->parts || !t->buf)
    return nutmm_error_set(NUTMM_ENOMEM, "nutmm_scan", "thread state");
  for (size_t k = 0; k < n; k++) {
    int s = nutmm_analysis_workspace_alloc(an[k], &t->ws[k]);
    if (s)
      return nutmm_error_chain(s, "nutmm_scan");
  }
  return NUTMM_SUCCESS;
}

/* Signal parts of every analysis at m4 into D, I (total bins each), scaled to the internal
 * unit; *closed = 1 if all are zero. */
static int point_signal(const nutmm_analysis *const *an, size_t n, thread_state *t, double m4,
                        const nutmm_coupling *c, double unit, double *D, double *I, int *closed)
{
  size_t off = 0;
  int zero = 1;
  for (size_t k = 0; k < n; k++) {
    const size_t nb = nutmm_analysis_nbins(an[k]);
    int s = nutmm_analysis_signal(an[k], t->ws[k], m4, c, D + off, I + off);
    if (s)
      return s;
    for (size_t i = off; i < off + nb; i++) {
      zero &= D[i] == 0.0 && I[i] == 0.0;
      D[i] *= unit * unit;
      I[i] *= unit;
    }
    off += nb;
  }
  *closed = zero;
  return NUTMM_SUCCESS;
}

static void set_parts(const nutmm_analysis *const *an, size_t n, thread_state *t, combo *cb,
                      const double *D, const double *I)
{
  cb->checked = 0;
  size_t off = 0;
  for (size_t k = 0; k < n; k++) {
    t->parts[k].dipole = D + off;
    t->parts[k].interference = I + off;
    off += nutmm_analysis_nbins(an[k]);
  }
}

static void fail_point(nutmm_scan_point *p, nutmm_scan_status st, const char *reason)
{
  p->status = st;
  p->low = p->high = p->best = INFINITY;
  p->chi2_best = p->chi2_zero = INFINITY; /* set again where they are determined */
  if (reason)
    snprintf(p->reason, sizeof p->reason, "%s", reason);
}

/* The scan; minimum_only: phase 1 only, every point's best fit (nutmm_scan_minimum). */
static int scan_impl(const nutmm_analysis *const *an, size_t n_an, const nutmm_coupling *unit,
                     const double *m4, size_t n_m4, const nutmm_scan_options *opt,
                     nutmm_scan_point *out, double *chi2_ref, int minimum_only, const char *func)
{
  if (!an || !unit || !m4 || !out)
    return nutmm_error_set(NUTMM_EFAULT, func, "NULL argument (an, unit, m4 or out)");
  if (n_an == 0 || n_m4 == 0)
    return nutmm_error_set(NUTMM_EBADLEN, func, "%zu analyses, %zu masses: need at least one of each", n_an, n_m4);
  nutmm_scan_options o;
  if (opt)
    o = *opt;
  else
    nutmm_scan_options_default(&o);
  if (!isfinite(o.unit) || !(o.unit > 0.0))
    return nutmm_error_set(NUTMM_EDOM, func, "unit = %g must be finite and > 0", o.unit);
  if (!isfinite(o.delta) || o.delta < 0.0)
    return nutmm_error_set(NUTMM_EDOM, func, "delta = %g must be finite and >= 0 (0: default)", o.delta);
  if (minimum_only)
    o.reference = NUTMM_SCAN_GLOBAL_MIN, o.n_ref = 0;
  if (o.reference == NUTMM_SCAN_GIVEN_REF && !isfinite(o.chi2_ref))
    return nutmm_error_set(NUTMM_EDOM, func, "chi2_ref = %g is not finite", o.chi2_ref);
  if (o.reference != NUTMM_SCAN_OWN_MIN && o.reference != NUTMM_SCAN_GLOBAL_MIN &&
      o.reference != NUTMM_SCAN_GIVEN_REF)
    return nutmm_error_set(NUTMM_EINVAL, func, "unknown reference %d", (int)o.reference);
  if (o.n_ref && !o.ref_m4)
    return nutmm_error_set(NUTMM_EFAULT, func, "ref_m4 is NULL with n_ref = %zu", o.n_ref);
  for (size_t p = 0; p < n_m4; p++)
    if (!isfinite(m4[p]) || m4[p] < 0.0)
      return nutmm_error_set(NUTMM_EDOM, func, "m4[%zu] = %g must be finite and >= 0", p, m4[p]);
  for (size_t p = 0; p < o.n_ref; p++)
    if (!isfinite(o.ref_m4[p]) || o.ref_m4[p] < 0.0)
      return nutmm_error_set(NUTMM_EDOM, func, "ref_m4[%zu] = %g must be finite and >= 0", p, o.ref_m4[p]);
  size_t nbt = 0;
  for (size_t k = 0; k < n_an; k++) {
    if (!an[k])
      return nutmm_error_set(NUTMM_EFAULT, func, "an[%zu] is NULL", k);
    if (!nutmm_analysis_likelihood(an[k]))
      return nutmm_error_set(NUTMM_EINVAL, func, "analysis %zu (%s) has no likelihood", k,
                 nutmm_analysis_name(an[k]));
    nbt += nutmm_analysis_nbins(an[k]);
  }
  if (nbt > SIZE_MAX / (2 * sizeof(double)) / n_m4)
    return nutmm_error_set(NUTMM_EBADLEN, func, "%zu masses x %zu bins overflow", n_m4, nbt);
  double *D = malloc(2 * n_m4 * nbt * sizeof *D), *smv = malloc(nbt * sizeof *smv);
  /* phase 1's best fit of every point {mu_best, chi2_best}, reused by phase 2 */
  double *best = malloc(2 * n_m4 * sizeof *best);
  unsigned char *closed = calloc(n_m4, 1), *have_best = calloc(n_m4, 1);
  /* and its whole scan, so that phase 2 does not evaluate it again, unless that takes more
   * than SCAN_MEMO_MAX_BYTES (then phase 2 re-evaluates the grid, with the same result) */
  nutmm_scan_memo_ *memo = o.reference == NUTMM_SCAN_GLOBAL_MIN && !minimum_only &&
                                   n_m4 <= SCAN_MEMO_MAX_BYTES / sizeof *memo
                               ? malloc(n_m4 * sizeof *memo)
                               : NULL;
  if (!D || !smv || !closed || !best || !have_best) {
    free(D);
    free(smv);
    free(closed);
    free(best);
    free(have_best);
    return nutmm_error_set(NUTMM_ENOMEM, func, "signals of %zu masses x %zu bins", n_m4, nbt);
  }
  double *I = D + n_m4 * nbt;
  for (size_t k = 0, off = 0; k < n_an; off += nutmm_analysis_nbins(an[k]), k++)
    nutmm_analysis_sm(an[k], smv + off);
  const double delta = o.delta > 0.0 ? o.delta
                       : o.reference != NUTMM_SCAN_OWN_MIN ? NUTMM_DCHI2_90CL_2DOF
                                                            : NUTMM_DCHI2_90CL_1DOF;
  const unsigned nt = o.threads > 1 ? o.threads : 1;
  double gmin = INFINITY;
  int status = NUTMM_SUCCESS;
  char fatal[NUTMM_SCAN_REASON_SIZE] = "";
  for (size_t p = 0; p < n_m4; p++) {
    memset(&out[p], 0, sizeof out[p]);
    out[p].m4 = m4[p];
  }
  (void)nt; /* unused when built without OpenMP: threads are then ignored */
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) if (nt > 1)
#endif
  {
    thread_state t;
    int ts = thread_alloc(&t, an, n_an, nbt);
    if (ts) {
#ifdef _OPENMP
#pragma omp critical
#endif
      {
        status = ts;
        snprintf(fatal, sizeof fatal, "%s", nutmm_error_reason());
      }
    }
#ifdef _OPENMP
#pragma omp barrier
#endif
    if (status == NUTMM_SUCCESS) {
      combo cb = {an, t.ws, n_an, t.parts, 0};
      const nutmm_objective_ obj = {combo_fn, combo_scale, &cb, combo_slope};
      /* phase 1: signals (the only m4-dependent work) and, for the global reference, the
       * best fit of every point */
#ifdef _OPENMP
#pragma omp for schedule(dynamic) reduction(min : gmin)
#endif
      for (size_t p = 0; p < n_m4 + o.n_ref; p++) {
        const int ref = p >= n_m4;
        double *Dp = ref ? t.buf : D + p * nbt, *Ip = ref ? t.buf + nbt : I + p * nbt;
        int cl = 0;
        int s = point_signal(an, n_an, &t, ref ? o.ref_m4[p - n_m4] : m4[p], unit, o.unit, Dp,
                             Ip, &cl);
        if (s) {
          if (!ref)
            fail_point(&out[p], NUTMM_SCAN_ERROR, nutmm_error_reason());
          continue;
        }
        if (!ref)
          closed[p] = (unsigned char)cl;
        if (o.reference != NUTMM_SCAN_GLOBAL_MIN)
          continue;
        set_parts(an, n_an, &t, &cb, Dp, Ip);
        for (size_t k = 0, off = 0; k < n_an; off += nutmm_analysis_nbins(an[k]), k++)
          t.parts[k].sm = smv + off;
        double c2, mb;
        int sb = nutmm_bestfit_fn_(&obj, memo && !ref ? memo + p : NULL, &mb, &c2);
        if (!ref && sb == NUTMM_SUCCESS) {
          best[2 * p] = mb;
          best[2 * p + 1] = c2;
          have_best[p] = 1;
        }
        if (!ref && minimum_only) {
          out[p].status = sb ? NUTMM_SCAN_ERROR : NUTMM_SCAN_OK;
          out[p].chi2_best = sb ? INFINITY : c2;
          if (sb)
            snprintf(out[p].reason, sizeof out[p].reason, "%s", nutmm_error_reason());
        }
        if (sb == NUTMM_SUCCESS && c2 < gmin)
          gmin = c2;
      }
      /* phase 2: the intervals */
#ifdef _OPENMP
#pragma omp for schedule(dynamic)
#endif
      for (size_t p = 0; p < (minimum_only ? 0 : n_m4); p++) {
        nutmm_scan_point *pt = &out[p];
        if (pt->status == NUTMM_SCAN_ERROR)
          continue;
        set_parts(an, n_an, &t, &cb, D + p * nbt, I + p * nbt);
        for (size_t k = 0, off = 0; k < n_an; off += nutmm_analysis_nbins(an[k]), k++)
          t.parts[k].sm = smv + off;
        nutmm_limit_options lo;
        nutmm_limit_options_default(&lo);
        lo.delta = delta;
        if (o.reference == NUTMM_SCAN_GLOBAL_MIN) {
          lo.use_ref = isfinite(gmin);
          lo.chi2_ref = isfinite(gmin) ? gmin : 0.0;
        } else if (o.reference == NUTMM_SCAN_GIVEN_REF) {
          lo.use_ref = 1;
          lo.chi2_ref = o.chi2_ref;
        }
        nutmm_interval iv;
        int s = nutmm_interval_fn_(&obj, &lo, have_best[p] && memo ? memo + p : NULL,
                                   have_best[p] ? best + 2 * p : NULL, &iv);
        if (s == NUTMM_SUCCESS && !iv.empty) {
          pt->status = NUTMM_SCAN_OK;
          pt->low = iv.mu_low * o.unit;
          pt->high = iv.mu_high * o.unit;
          pt->best = iv.mu_best * o.unit;
          pt->chi2_best = iv.chi2_best;
          pt->chi2_zero = iv.chi2_zero;
          pt->nonconvex = iv.nonconvex;
        } else if (s == NUTMM_SUCCESS || s == NUTMM_EMAXITER) {
          fail_point(pt, closed[p] ? NUTMM_SCAN_CLOSED
                         : s == NUTMM_SUCCESS ? NUTMM_SCAN_EMPTY
                                              : NUTMM_SCAN_NO_SENSITIVITY,
                     NULL);
          if (s == NUTMM_SUCCESS) {
            pt->chi2_best = iv.chi2_best;
            pt->chi2_zero = iv.chi2_zero;
          }
        } else {
          fail_point(pt, NUTMM_SCAN_ERROR, nutmm_error_reason());
        }
      }
    }
    thread_free(&t, n_an);
  }
  free(D);
  free(smv);
  free(closed);
  free(best);
  free(have_best);
  free(memo);
  if (status)
    return nutmm_error_set(status, func, "%s", fatal);
  if (chi2_ref)
    *chi2_ref = o.reference == NUTMM_SCAN_GLOBAL_MIN ? gmin
                : o.reference == NUTMM_SCAN_GIVEN_REF ? o.chi2_ref
                                                      : 0.0;
  return NUTMM_SUCCESS;
}

int nutmm_scan(const nutmm_analysis *const *an, size_t n_an, const nutmm_coupling *unit,
               const double *m4, size_t n_m4, const nutmm_scan_options *opt,
               nutmm_scan_point *out, double *chi2_ref)
{
  return scan_impl(an, n_an, unit, m4, n_m4, opt, out, chi2_ref, 0, __func__);
}

int nutmm_scan_minimum(const nutmm_analysis *const *an, size_t n_an, const nutmm_coupling *unit,
                       const double *m4, size_t n_m4, const nutmm_scan_options *opt,
                       nutmm_scan_point *out, double *chi2_min, size_t *best_index)
{
  NUTMM_CHECK_PTR(chi2_min);
  nutmm_scan_point *pts = out ? out : calloc(n_m4 ? n_m4 : 1, sizeof *pts);
  if (!pts)
    NUTMM_FAIL(NUTMM_ENOMEM, "%zu points", n_m4);
  double g = INFINITY;
  int s = scan_impl(an, n_an, unit, m4, n_m4, opt, pts, &g, 1, __func__);
  size_t best = n_m4;
  for (size_t p = 0; !s && p < n_m4; p++) /* the first of equal minima: deterministic */
    if (pts[p].status == NUTMM_SCAN_OK && pts[p].chi2_best == g && best == n_m4)
      best = p;
  if (!out)
    free(pts);
  if (s)
    return s;
  *chi2_min = g;
  if (best_index)
    *best_index = best;
  return NUTMM_SUCCESS;
}
