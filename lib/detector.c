/* libnutmm -- detector configuration (detector.h): quenching, light yield, Gaussian
 * resolution, efficiencies, binning, and the true-energy images of the binning that rate
 * grids need.  The kernel integrals and the response matrix of eq. (21) of
 * arXiv:2109.09545 are in lib/response.c, the root finder in lib/solve.c. */
#include "nutmm/detector.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detector_internal.h"
#include "internal.h"
#include "nutmm/data.h"
#include "nutmm/units.h"
#include "solve.h"

/* Points at which a polynomial / user quenching map is checked to increase. */
#define POLY_CHECK_POINTS 4096
#define USER_CHECK_POINTS 256

/* ======================================================================== */
/* Allocation                                                                */
/* ======================================================================== */

static void slot_clear_fn(eff_slot *s)
{
  free(s->v);
  free(s->e);
  s->v = s->e = NULL;
  s->n = 0;
  s->kind = EFF_NONE;
  s->fn = NULL;
  s->user = NULL;
}

int nutmm_detector_alloc(nutmm_detector **det)
{
  NUTMM_CHECK_PTR(det);
  *det = nutmm_calloc_n(1, sizeof **det);
  if (*det == NULL)
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate a detector");
  nutmm_detector *d = *det;
  d->qkind = Q_NONE;
  d->qTmax = INFINITY;
  d->ly = 0.0;
  d->rkind = RES_NONE;
  d->knorm = NUTMM_KERNEL_TRUNCATED;
  for (int i = 0; i < 2; i++) {
    d->eff[i].kind = EFF_NONE;
    d->eff[i].thr = 0.0;
  }
  d->edges = NULL;
  d->nbins = 0;
  return NUTMM_SUCCESS;
}

void nutmm_detector_free(nutmm_detector *det)
{
  if (det == NULL)
    return;
  slot_clear_fn(&det->eff[0]);
  slot_clear_fn(&det->eff[1]);
  free(det->edges);
  free(det);
}

/* ======================================================================== */
/* Quenching                                                                 */
/* ======================================================================== */

/* E_ee of a polynomial map (Horner) and its derivative. */
static double poly_eval(const double *c, size_t n, double T)
{
  double h = c[n - 1];
  for (size_t k = n - 1; k-- > 0;)
    h = h * T + c[k];
  return h * T;
}

static double poly_deriv(const double *c, size_t n, double T)
{
  double h = (double)n * c[n - 1];
  for (size_t k = n - 1; k-- > 0;)
    h = h * T + (double)(k + 1) * c[k];
  return h;
}

/* Forward map without argument checks (T in [0, qTmax] assumed). */
static int quench_eval(const nutmm_detector *d, double T, double *E)
{
  switch (d->qkind) {
  case Q_CONST:
    *E = d->qc[0] * T;
    break;
  case Q_LINEAR: /* physics manual phys-detector-inputs, LAr: E_ee = (a + b T) T */
    *E = (d->qc[0] + d->qc[1] * T) * T;
    break;
  case Q_POLY: /* physics manual phys-detector-inputs, CsI polynomial */
    *E = poly_eval(d->qc, d->qn, T);
    break;
  case Q_LINDHARD: { /* Lindhard et al. 1963: E_ee = T k g(eps)/(1 + k g(eps)) */
    const double eps = d->qc[1] * T, k = d->qc[0];
    const double g = 3.0 * pow(eps, 0.15) + 0.7 * pow(eps, 0.6) + eps;
    *E = T * k * g / (1.0 + k * g);
    break;
  }
  case Q_USER: {
    double e = NAN;
    NUTMM_TRY(d->qfn(T, d->quser, &e));
    if (!isfinite(e) || e < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "user quenching returned E_ee = %g MeV at T = %g MeV", e, T);
    *E = e;
    break;
  }
  default:
    *E = T;
    break;
  }
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_quench_none(nutmm_detector *det)
{
  NUTMM_CHECK_PTR(det);
  det->qkind = Q_NONE;
  det->qTmax = INFINITY;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_quench_constant(nutmm_detector *det, double qf)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_POSITIVE(qf);
  det->qkind = Q_CONST;
  det->qc[0] = qf;
  det->qTmax = INFINITY;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_quench_linear_qf(nutmm_detector *det, double a, double b)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_POSITIVE(a);
  NUTMM_CHECK_NONNEG(b);
  det->qkind = Q_LINEAR;
  det->qc[0] = a;
  det->qc[1] = b;
  det->qTmax = INFINITY;
  return NUTMM_SUCCESS;
}


int nutmm_detector_set_quench_poly(nutmm_detector *det, const double *c, size_t n, double T_max)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_POSITIVE(T_max);
  if (n == 0 || n > NUTMM_QUENCH_POLY_MAX)
    NUTMM_FAIL(NUTMM_EINVAL, "polynomial degree n = %zu outside 1..%d", n, NUTMM_QUENCH_POLY_MAX);
  for (size_t k = 0; k < n; k++)
    if (!isfinite(c[k]))
      NUTMM_FAIL(NUTMM_EDOM, "coefficient c[%zu] = %g is not finite", k, c[k]);
  if (c[0] < 0.0)
    NUTMM_FAIL(NUTMM_EINVAL, "c[0] = %g < 0: the map decreases at T = 0", c[0]);
  for (int i = 1; i <= POLY_CHECK_POINTS; i++) {
    double T = T_max * i / POLY_CHECK_POINTS;
    double dE = poly_deriv(c, n, T);
    if (!(dE > 0.0))
      NUTMM_FAIL(NUTMM_EINVAL, "quenching polynomial not increasing: dE/dT = %g at T = %g MeV",
                 dE, T);
  }
  double Emax = poly_eval(c, n, T_max);
  if (!isfinite(Emax))
    NUTMM_FAIL(NUTMM_EDOM, "E_ee(T_max = %g MeV) = %g is not finite", T_max, Emax);
  det->qkind = Q_POLY;
  memset(det->qc, 0, sizeof det->qc);
  memcpy(det->qc, c, n * sizeof *c);
  det->qn = n;
  det->qTmax = T_max;
  det->qE0 = 0.0;
  det->qEmax = Emax;
  return NUTMM_SUCCESS;
}


int nutmm_detector_set_quench_user(nutmm_detector *det, nutmm_quench_fn f, void *user_data,
                                   double T_max)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_POSITIVE(T_max);
  /* check on a trial copy, install only if the map is valid */
  nutmm_detector trial = *det;
  trial.qkind = Q_USER;
  trial.qfn = f;
  trial.quser = user_data;
  trial.qTmax = T_max;
  double prev = 0.0, E0 = 0.0;
  for (int i = 0; i <= USER_CHECK_POINTS; i++) {
    double T = T_max * i / USER_CHECK_POINTS, E = 0.0;
    NUTMM_TRY(quench_eval(&trial, T, &E));
    if (i == 0)
      E0 = E;
    else if (!(E > prev))
      NUTMM_FAIL(NUTMM_EINVAL, "user quenching not increasing: E_ee(%g MeV) = %g <= %g", T, E,
                 prev);
    prev = E;
  }
  det->qkind = Q_USER;
  det->qfn = f;
  det->quser = user_data;
  det->qTmax = T_max;
  det->qE0 = E0;
  det->qEmax = prev;
  return NUTMM_SUCCESS;
}

double nutmm_lindhard_k(double Z, double A)
{
  if (!(isfinite(Z) && Z > 0.0 && isfinite(A) && A > 0.0)) {
    nutmm_error_set(NUTMM_EDOM, __func__, "Z = %g and A = %g must be finite and > 0", Z, A);
    return NAN;
  }
  return 0.133 * pow(Z, 2.0 / 3.0) / sqrt(A); /* Lindhard et al. 1963: k = 0.133 Z^(2/3) A^(-1/2) */
}

int nutmm_detector_set_quench_lindhard(nutmm_detector *det, double Z, double k, double T_max)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_POSITIVE(Z);
  NUTMM_CHECK_POSITIVE(k);
  NUTMM_CHECK_POSITIVE(T_max);
  nutmm_detector trial = *det;
  trial.qkind = Q_LINDHARD;
  trial.qc[0] = k;
  /* reduced energy eps = 11.5 Z^(-7/3) T[keV] (Lindhard et al. 1963) */
  trial.qc[1] = 11.5 * pow(Z, -7.0 / 3.0) / NUTMM_KEV;
  double Emax = 0.0;
  NUTMM_TRY(quench_eval(&trial, T_max, &Emax));
  if (!(isfinite(Emax) && Emax > 0.0))
    NUTMM_FAIL(NUTMM_EDOM, "E_ee(T_max = %g MeV) = %g", T_max, Emax);
  *det = trial;
  det->qTmax = T_max;
  det->qE0 = 0.0;
  det->qEmax = Emax;
  return NUTMM_SUCCESS;
}

int nutmm_detector_quench(const nutmm_detector *det, double T, double *E_ee)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(E_ee);
  NUTMM_CHECK_NONNEG(T);
  if (T > det->qTmax)
    NUTMM_FAIL(NUTMM_EDOM, "T = %g MeV above the range of the quenching map (T_max = %g MeV)", T,
               det->qTmax);
  NUTMM_TRY(quench_eval(det, T, E_ee));
  return NUTMM_SUCCESS;
}

typedef struct {
  const nutmm_detector *d;
  double target;
} quench_root;

static int quench_root_fn(double T, void *p, double *f)
{
  const quench_root *q = p;
  double E = 0.0;
  NUTMM_TRY(quench_eval(q->d, T, &E));
  *f = E - q->target;
  return NUTMM_SUCCESS;
}

int nutmm_detector_quench_inverse(const nutmm_detector *det, double E_ee, double *T)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(T);
  NUTMM_CHECK_NONNEG(E_ee);
  switch (det->qkind) {
  case Q_CONST:
    *T = E_ee / det->qc[0];
    return NUTMM_SUCCESS;
  case Q_LINEAR: {
    /* root of b T^2 + a T - E = 0, cancellation-free form */
    double a = det->qc[0], b = det->qc[1];
    *T = 2.0 * E_ee / (a + sqrt(a * a + 4.0 * b * E_ee));
    return NUTMM_SUCCESS;
  }
  case Q_POLY:
  case Q_LINDHARD:
  case Q_USER: {
    if (E_ee < det->qE0 || E_ee > det->qEmax)
      NUTMM_FAIL(NUTMM_EDOM,
                 "E_ee = %g MeV outside the range [%g, %g] MeV of the quenching map "
                 "(T in [0, %g] MeV)",
                 E_ee, det->qE0, det->qEmax, det->qTmax);
    if (E_ee == det->qE0) {
      *T = 0.0;
      return NUTMM_SUCCESS;
    }
    if (E_ee == det->qEmax) {
      *T = det->qTmax;
      return NUTMM_SUCCESS;
    }
    quench_root q = {det, E_ee};
    /* bracket: f(0) = E0 - E < 0 < Emax - E = f(T_max), by the checks above */
    NUTMM_TRY(nutmm_root_brent_(quench_root_fn, &q, 0.0, det->qTmax, det->qE0 - E_ee,
                                det->qEmax - E_ee, 0.0, T));
    return NUTMM_SUCCESS;
  }
  default:
    *T = E_ee;
    return NUTMM_SUCCESS;
  }
}

/* ======================================================================== */
/* Light yield and observable                                                */
/* ======================================================================== */

int nutmm_detector_set_light_yield(nutmm_detector *det, double ly)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_NONNEG(ly);
  det->ly = ly;
  return NUTMM_SUCCESS;
}

int nutmm_detector_observable_eval_(const nutmm_detector *d, double T, double *x)
{
  double E = 0.0;
  NUTMM_TRY(quench_eval(d, T, &E));
  *x = d->ly > 0.0 ? d->ly * E : E; /* physics manual phys-detector-chain: n_PE = LY x E_ee */
  return NUTMM_SUCCESS;
}

int nutmm_detector_observable(const nutmm_detector *det, double T, double *x)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(x);
  double E = 0.0;
  NUTMM_TRY(nutmm_detector_quench(det, T, &E));
  *x = det->ly > 0.0 ? det->ly * E : E;
  return NUTMM_SUCCESS;
}

int nutmm_detector_true_energy(const nutmm_detector *det, double x, double *T)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(T);
  NUTMM_CHECK_NONNEG(x);
  double E = det->ly > 0.0 ? x / det->ly : x;
  NUTMM_TRY(nutmm_detector_quench_inverse(det, E, T));
  return NUTMM_SUCCESS;
}

/* Largest observable reachable inside the quenching range (INFINITY if unbounded). */
static double observable_cap(const nutmm_detector *d)
{
  if (!isfinite(d->qTmax))
    return INFINITY;
  return d->ly > 0.0 ? d->ly * d->qEmax : d->qEmax;
}

/* ======================================================================== */
/* Resolution                                                                */
/* ======================================================================== */

int nutmm_detector_set_resolution_none(nutmm_detector *det)
{
  NUTMM_CHECK_PTR(det);
  det->rkind = RES_NONE;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_resolution_constant(nutmm_detector *det, double sigma)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_NONNEG(sigma);
  det->rkind = sigma > 0.0 ? RES_CONST : RES_NONE;
  det->ra = sigma;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_resolution_sqrt_linear(nutmm_detector *det, double a, double b)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_NONNEG(a);
  NUTMM_CHECK_NONNEG(b);
  det->rkind = (a > 0.0 || b > 0.0) ? RES_SQRTLIN : RES_NONE;
  det->ra = a;
  det->rb = b;
  return NUTMM_SUCCESS;
}



int nutmm_detector_set_resolution_user(nutmm_detector *det, nutmm_sigma_fn f, void *user_data)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(f);
  det->rkind = RES_USER;
  det->rfn = f;
  det->ruser = user_data;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_kernel_norm(nutmm_detector *det, nutmm_kernel_norm norm)
{
  NUTMM_CHECK_PTR(det);
  if (norm != NUTMM_KERNEL_TRUNCATED && norm != NUTMM_KERNEL_PLAIN)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown kernel normalisation %d", (int)norm);
  det->knorm = norm;
  return NUTMM_SUCCESS;
}

int nutmm_detector_sigma_eval_(const nutmm_detector *d, double x, double *s)
{
  switch (d->rkind) {
  case RES_CONST:
    *s = d->ra;
    break;
  case RES_SQRTLIN: /* physics manual phys-detector-kernel: sigma = a sqrt(x) + b x */
    *s = d->ra * sqrt(x) + d->rb * x;
    break;
  case RES_USER: {
    double v = NAN;
    NUTMM_TRY(d->rfn(x, d->ruser, &v));
    if (!isfinite(v) || v < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "user resolution returned sigma = %g at x = %g", v, x);
    *s = v;
    break;
  }
  default:
    *s = 0.0;
    break;
  }
  return NUTMM_SUCCESS;
}

int nutmm_detector_sigma(const nutmm_detector *det, double x, double *sigma)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(sigma);
  NUTMM_CHECK_NONNEG(x);
  NUTMM_TRY(nutmm_detector_sigma_eval_(det, x, sigma));
  return NUTMM_SUCCESS;
}

/* ======================================================================== */
/* Efficiencies                                                              */
/* ======================================================================== */

static int check_space(nutmm_eff_space space)
{
  if (space != NUTMM_EFF_OBSERVABLE && space != NUTMM_EFF_TRUE)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown efficiency space %d", (int)space);
  return NUTMM_SUCCESS;
}

/* Linear interpolation of a table; outside: end values or 0. */
static double table_eval(const eff_slot *s, double v)
{
  size_t n = s->n;
  if (v < s->v[0])
    return s->outside == NUTMM_EFF_OUTSIDE_CLAMP ? s->e[0] : 0.0;
  if (v > s->v[n - 1])
    return s->outside == NUTMM_EFF_OUTSIDE_CLAMP ? s->e[n - 1] : 0.0;
  size_t lo = 0, hi = n - 1; /* v[lo] <= v <= v[hi] */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->v[mid] <= v)
      lo = mid;
    else
      hi = mid;
  }
  double t = (v - s->v[lo]) / (s->v[hi] - s->v[lo]);
  return s->e[lo] + t * (s->e[hi] - s->e[lo]);
}

int nutmm_detector_eff_eval_(const eff_slot *s, double v, double *eps)
{
  if (v < s->thr) {
    *eps = 0.0;
    return NUTMM_SUCCESS;
  }
  switch (s->kind) {
  case EFF_LOGISTIC: /* physics manual phys-detector-inputs: a/(1 + exp(-k(x - x0))) Theta(x - x_thr) */
    *eps = v >= s->vthr ? s->a / (1.0 + exp(-s->k * (v - s->v0))) : 0.0;
    break;
  case EFF_TABLE:
    *eps = table_eval(s, v);
    break;
  case EFF_USER: {
    double e = NAN;
    NUTMM_TRY(s->fn(v, s->user, &e));
    if (!isfinite(e) || e < 0.0 || e > 1.0)
      NUTMM_FAIL(NUTMM_EDOM, "user efficiency returned %g (not in [0, 1]) at %g", e, v);
    *eps = e;
    break;
  }
  default:
    *eps = 1.0;
    break;
  }
  return NUTMM_SUCCESS;
}

int nutmm_detector_efficiency(const nutmm_detector *det, nutmm_eff_space space, double v,
                              double *eps)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(eps);
  NUTMM_TRY(check_space(space));
  NUTMM_CHECK_FINITE(v);
  NUTMM_TRY(nutmm_detector_eff_eval_(&det->eff[space], v, eps));
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_efficiency_none(nutmm_detector *det, nutmm_eff_space space)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_TRY(check_space(space));
  slot_clear_fn(&det->eff[space]);
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_efficiency_logistic(nutmm_detector *det, nutmm_eff_space space, double a,
                                           double k, double v0, double v_thr)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_TRY(check_space(space));
  if (!isfinite(a) || a < 0.0 || a > 1.0)
    NUTMM_FAIL(NUTMM_EDOM, "logistic plateau a = %g not in [0, 1]", a);
  NUTMM_CHECK_POSITIVE(k);
  NUTMM_CHECK_FINITE(v0);
  NUTMM_CHECK_FINITE(v_thr);
  eff_slot *s = &det->eff[space];
  slot_clear_fn(s);
  s->kind = EFF_LOGISTIC;
  s->a = a;
  s->k = k;
  s->v0 = v0;
  s->vthr = v_thr;
  return NUTMM_SUCCESS;
}


/* Install a validated table, taking ownership of v and e. */
static void slot_set_table(eff_slot *s, double *v, double *e, size_t n, nutmm_eff_outside outside)
{
  slot_clear_fn(s);
  s->kind = EFF_TABLE;
  s->v = v;
  s->e = e;
  s->n = n;
  s->outside = outside;
}

static int check_outside(nutmm_eff_outside outside)
{
  if (outside != NUTMM_EFF_OUTSIDE_CLAMP && outside != NUTMM_EFF_OUTSIDE_ZERO)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown out-of-table rule %d", (int)outside);
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_efficiency_table(nutmm_detector *det, nutmm_eff_space space,
                                        const double *v, const double *eps, size_t n,
                                        nutmm_eff_outside outside)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(v);
  NUTMM_CHECK_PTR(eps);
  NUTMM_TRY(check_space(space));
  NUTMM_TRY(check_outside(outside));
  if (n < 2)
    NUTMM_FAIL(NUTMM_EINVAL, "efficiency table needs n >= 2 points, got %zu", n);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(v[i]))
      NUTMM_FAIL(NUTMM_EDOM, "v[%zu] = %g is not finite", i, v[i]);
    if (!isfinite(eps[i]) || eps[i] < 0.0 || eps[i] > 1.0)
      NUTMM_FAIL(NUTMM_EDOM, "eps[%zu] = %g is not in [0, 1]", i, eps[i]);
    if (i > 0 && !(v[i] > v[i - 1]))
      NUTMM_FAIL(NUTMM_EINVAL, "abscissae not strictly increasing: v[%zu] = %g after %g", i,
                 v[i], v[i - 1]);
  }
  double *vc = nutmm_malloc_n(n, sizeof *vc), *ec = nutmm_malloc_n(n, sizeof *ec);
  if (vc == NULL || ec == NULL) {
    free(vc);
    free(ec);
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate an efficiency table of %zu points", n);
  }
  memcpy(vc, v, n * sizeof *vc);
  memcpy(ec, eps, n * sizeof *ec);
  slot_set_table(&det->eff[space], vc, ec, n, outside);
  return NUTMM_SUCCESS;
}

/* Read (v, eps) columns from a parsed table into new arrays. */
static int read_eff_columns(const nutmm_table *t, size_t vcol, size_t ecol, double vunit,
                            double *v, double *e)
{
  size_t n = nutmm_table_rows(t);
  NUTMM_TRY(nutmm_table_require_cols(t, (vcol > ecol ? vcol : ecol) + 1));
  NUTMM_TRY(nutmm_table_column(t, vcol, 1, v));
  NUTMM_TRY(nutmm_table_column(t, ecol, 0, e));
  for (size_t i = 0; i < n; i++) {
    v[i] *= vunit;
    if (e[i] < 0.0 || e[i] > 1.0)
      NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: efficiency %g (column %zu) is not in [0, 1]",
                 nutmm_table_path(t), nutmm_table_line(t, i), e[i], ecol + 1);
    if (!isfinite(v[i]) || (i > 0 && !(v[i] > v[i - 1])))
      NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: abscissa %g after unit conversion is not increasing",
                 nutmm_table_path(t), nutmm_table_line(t, i), v[i]);
  }
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_efficiency_file(nutmm_detector *det, nutmm_eff_space space,
                                       const char *path, size_t vcol, size_t ecol, double vunit,
                                       nutmm_eff_outside outside)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(path);
  NUTMM_TRY(check_space(space));
  NUTMM_TRY(check_outside(outside));
  NUTMM_CHECK_POSITIVE(vunit);
  nutmm_table *t = NULL;
  NUTMM_TRY(nutmm_table_read(path, &t));
  size_t n = nutmm_table_rows(t);
  if (n < 2) {
    nutmm_table_free(t);
    NUTMM_FAIL(NUTMM_EFORMAT, "%s: efficiency table needs at least 2 rows, has %zu", path, n);
  }
  double *v = nutmm_malloc_n(n, sizeof *v), *e = nutmm_malloc_n(n, sizeof *e);
  if (v == NULL || e == NULL) {
    free(v);
    free(e);
    nutmm_table_free(t);
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate an efficiency table of %zu points", n);
  }
  int status = read_eff_columns(t, vcol, ecol, vunit, v, e);
  nutmm_table_free(t);
  if (status != NUTMM_SUCCESS) {
    free(v);
    free(e);
    return nutmm_error_chain(status, __func__);
  }
  slot_set_table(&det->eff[space], v, e, n, outside);
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_efficiency_data(nutmm_detector *det, nutmm_eff_space space,
                                       const char *name, size_t vcol, size_t ecol, double vunit,
                                       nutmm_eff_outside outside)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(name);
  char path[4096];
  NUTMM_TRY(nutmm_data_path(name, path, sizeof path));
  NUTMM_TRY(nutmm_detector_set_efficiency_file(det, space, path, vcol, ecol, vunit, outside));
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_efficiency_user(nutmm_detector *det, nutmm_eff_space space,
                                       nutmm_efficiency_fn f, void *user_data)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(f);
  NUTMM_TRY(check_space(space));
  eff_slot *s = &det->eff[space];
  slot_clear_fn(s);
  s->kind = EFF_USER;
  s->fn = f;
  s->user = user_data;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_threshold(nutmm_detector *det, nutmm_eff_space space, double v_thr)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_TRY(check_space(space));
  NUTMM_CHECK_NONNEG(v_thr);
  det->eff[space].thr = v_thr;
  return NUTMM_SUCCESS;
}

/* ======================================================================== */
/* Binning                                                                   */
/* ======================================================================== */

int nutmm_bin_edges_uniform(double lo, double hi, size_t nbins, double *edges)
{
  NUTMM_CHECK_PTR(edges);
  NUTMM_CHECK_FINITE(lo);
  NUTMM_CHECK_FINITE(hi);
  if (nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "nbins = 0");
  if (!(hi > lo))
    NUTMM_FAIL(NUTMM_EDOM, "empty range [%g, %g]", lo, hi);
  for (size_t i = 0; i < nbins; i++)
    edges[i] = lo + (hi - lo) * (double)i / (double)nbins;
  edges[nbins] = hi;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_bins(nutmm_detector *det, const double *edges, size_t nedges)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(edges);
  if (nedges < 2)
    NUTMM_FAIL(NUTMM_EINVAL, "need at least 2 bin edges, got %zu", nedges);
  for (size_t i = 0; i < nedges; i++) {
    if (!isfinite(edges[i]) || edges[i] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "edge[%zu] = %g must be finite and >= 0", i, edges[i]);
    if (i > 0 && !(edges[i] > edges[i - 1]))
      NUTMM_FAIL(NUTMM_EINVAL, "bin edges not strictly increasing: edge[%zu] = %g after %g", i,
                 edges[i], edges[i - 1]);
  }
  double *e = nutmm_malloc_n(nedges, sizeof *e);
  if (e == NULL)
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate %zu bin edges", nedges);
  memcpy(e, edges, nedges * sizeof *e);
  free(det->edges);
  det->edges = e;
  det->nbins = nedges - 1;
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_bins_uniform(nutmm_detector *det, double x_lo, double x_hi, size_t nbins)
{
  NUTMM_CHECK_PTR(det);
  if (nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "nbins = 0");
  double *e = nutmm_malloc_n(nutmm_size_add(nbins, 1), sizeof *e);
  if (e == NULL)
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate nbins + 1 bin edges (nbins = %zu)", nbins);
  int status = nutmm_bin_edges_uniform(x_lo, x_hi, nbins, e);
  if (status == NUTMM_SUCCESS)
    status = nutmm_detector_set_bins(det, e, nbins + 1);
  free(e);
  if (status != NUTMM_SUCCESS)
    return nutmm_error_chain(status, __func__);
  return NUTMM_SUCCESS;
}

size_t nutmm_detector_nbins(const nutmm_detector *det) { return det ? det->nbins : 0; }

const double *nutmm_detector_edges(const nutmm_detector *det) { return det ? det->edges : NULL; }

/* ======================================================================== */
/* True-energy images of the binning                                         */
/* ======================================================================== */

int nutmm_detector_true_edges(const nutmm_detector *det, double *T_edges)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(T_edges);
  if (det->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "no bins set");
  for (size_t i = 0; i <= det->nbins; i++)
    NUTMM_TRY(nutmm_detector_true_energy(det, det->edges[i], &T_edges[i]));
  return NUTMM_SUCCESS;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int nutmm_detector_true_breakpoints(const nutmm_detector *det, double *T_pts, size_t *n)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(T_pts);
  NUTMM_CHECK_PTR(n);
  if (det->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "no bins set");
  size_t m = 0;
  const eff_slot *so = &det->eff[NUTMM_EFF_OBSERVABLE], *st = &det->eff[NUTMM_EFF_TRUE];
  if (det->rkind == RES_NONE) {
    NUTMM_TRY(nutmm_detector_true_edges(det, T_pts));
    m = det->nbins + 1;
    double cand[4];
    size_t nc = 0;
    cand[nc++] = so->thr;
    if (so->kind == EFF_LOGISTIC)
      cand[nc++] = so->vthr;
    if (so->kind == EFF_TABLE && so->outside == NUTMM_EFF_OUTSIDE_ZERO) {
      cand[nc++] = so->v[0];
      cand[nc++] = so->v[so->n - 1];
    }
    double x0 = det->edges[0], x1 = det->edges[det->nbins];
    for (size_t c = 0; c < nc; c++)
      if (cand[c] > x0 && cand[c] < x1)
        NUTMM_TRY(nutmm_detector_true_energy(det, cand[c], &T_pts[m++]));
  }
  double cand[4];
  size_t nc = 0;
  cand[nc++] = st->thr;
  if (st->kind == EFF_LOGISTIC)
    cand[nc++] = st->vthr;
  if (st->kind == EFF_TABLE && st->outside == NUTMM_EFF_OUTSIDE_ZERO) {
    cand[nc++] = st->v[0];
    cand[nc++] = st->v[st->n - 1];
  }
  for (size_t c = 0; c < nc; c++)
    if (cand[c] > 0.0 && cand[c] <= det->qTmax)
      T_pts[m++] = cand[c];
  qsort(T_pts, m, sizeof *T_pts, cmp_double);
  size_t u = 0;
  for (size_t i = 0; i < m; i++)
    if (u == 0 || T_pts[i] > T_pts[u - 1])
      T_pts[u++] = T_pts[i];
  *n = u;
  return NUTMM_SUCCESS;
}

/* g(x) = x + sign nsigma sigma(x) - target, for the smearing windows. */
typedef struct {
  const nutmm_detector *d;
  double nsig, target;
} window_root;

static int window_lo_fn(double x, void *p, double *g)
{
  const window_root *w = p;
  double s;
  NUTMM_TRY(nutmm_detector_sigma_eval_(w->d, x, &s));
  *g = x + w->nsig * s - w->target;
  return NUTMM_SUCCESS;
}

static int window_hi_fn(double x, void *p, double *g)
{
  const window_root *w = p;
  double s;
  NUTMM_TRY(nutmm_detector_sigma_eval_(w->d, x, &s));
  *g = x - w->nsig * s - w->target;
  return NUTMM_SUCCESS;
}

int nutmm_detector_true_window(const nutmm_detector *det, double x_lo, double x_hi, double nsigma,
                               double *T_lo, double *T_hi)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(T_lo);
  NUTMM_CHECK_PTR(T_hi);
  NUTMM_CHECK_NONNEG(x_lo);
  NUTMM_CHECK_FINITE(x_hi);
  NUTMM_CHECK_NONNEG(nsigma);
  if (!(x_hi > x_lo))
    NUTMM_FAIL(NUTMM_EDOM, "empty observable window [%g, %g]", x_lo, x_hi);
  double xa = x_lo, xb = x_hi, cap = observable_cap(det);
  if (det->rkind != RES_NONE && nsigma > 0.0) {
    /* lower end: smallest x_true with x_true + n sigma(x_true) >= x_lo */
    window_root w = {det, nsigma, x_lo};
    double g0 = 0.0, g1 = 0.0;
    NUTMM_TRY(window_lo_fn(0.0, &w, &g0));
    if (g0 >= 0.0) {
      xa = 0.0;
    } else {
      NUTMM_TRY(window_lo_fn(x_lo, &w, &g1));
      NUTMM_TRY(nutmm_root_brent_(window_lo_fn, &w, 0.0, x_lo, g0, g1, 0.0, &xa));
    }
    /* upper end: largest x_true with x_true - n sigma(x_true) <= x_hi */
    w.target = x_hi;
    double a = x_hi, ga = 0.0, b, gb = 0.0;
    NUTMM_TRY(window_hi_fn(a, &w, &ga));
    if (ga >= 0.0) {
      xb = x_hi;
    } else if (isfinite(cap)) {
      if (x_hi >= cap) {
        xb = cap;
      } else {
        NUTMM_TRY(window_hi_fn(cap, &w, &gb));
        if (gb <= 0.0)
          xb = cap;
        else
          NUTMM_TRY(nutmm_root_brent_(window_hi_fn, &w, a, cap, ga, gb, 0.0, &xb));
      }
    } else {
      xb = INFINITY;
      for (double step = x_hi; isfinite(a + step); step *= 2.0) {
        b = a + step;
        NUTMM_TRY(window_hi_fn(b, &w, &gb));
        if (gb > 0.0) {
          NUTMM_TRY(nutmm_root_brent_(window_hi_fn, &w, a, b, ga, gb, 0.0, &xb));
          break;
        }
        a = b;
        ga = gb;
      }
    }
  }
  if (xb > cap)
    xb = cap;
  NUTMM_TRY(nutmm_detector_true_energy(det, xa, T_lo));
  if (isinf(xb))
    *T_hi = INFINITY;
  else if (xb == cap)
    *T_hi = det->qTmax;
  else
    NUTMM_TRY(nutmm_detector_true_energy(det, xb, T_hi));
  return NUTMM_SUCCESS;
}

int nutmm_detector_bin_true_window(const nutmm_detector *det, size_t i, double nsigma,
                                   double *T_lo, double *T_hi)
{
  NUTMM_CHECK_PTR(det);
  if (det->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "no bins set");
  if (i >= det->nbins)
    NUTMM_FAIL(NUTMM_EBADLEN, "bin index %zu >= nbins = %zu", i, det->nbins);
  NUTMM_TRY(
      nutmm_detector_true_window(det, det->edges[i], det->edges[i + 1], nsigma, T_lo, T_hi));
  return NUTMM_SUCCESS;
}

int nutmm_detector_true_range(const nutmm_detector *det, double nsigma, double *T_lo,
                              double *T_hi)
{
  NUTMM_CHECK_PTR(det);
  if (det->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "no bins set");
  NUTMM_TRY(nutmm_detector_true_window(det, det->edges[0], det->edges[det->nbins], nsigma, T_lo,
                                       T_hi));
  return NUTMM_SUCCESS;
}

