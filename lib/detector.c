/* libnutmm -- detector response (detector.h): quenching, light yield,
 * Gaussian resolution, efficiencies, binning and the response matrix of
 * eq. (21) of arXiv:2109.09545 (spec/physics.md sections G and I). */
#include "nutmm/detector.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_math.h>

#include "integrate.h"
#include "internal.h"
#include "nutmm/data.h"
#include "nutmm/units.h"

/* Kernel tails beyond this many standard deviations are dropped
 * (Gaussian mass < erfc(12/sqrt 2) = 3.6e-33). */
#define KERNEL_NSIGMA 12.0
/* Tolerances of the numerical kernel x efficiency integrals (fractions <= 1). */
#define QUAD_EPSABS 1e-14
#define QUAD_EPSREL 1e-11
/* Points at which a polynomial / user quenching map is checked to increase. */
#define POLY_CHECK_POINTS 4096
#define USER_CHECK_POINTS 256
/* Iteration limit of the Brent root finder. */
#define BRENT_MAXITER 300

enum { Q_NONE, Q_CONST, Q_LINEAR, Q_POLY, Q_USER, Q_LINDHARD };
enum { RES_NONE, RES_CONST, RES_SQRTLIN, RES_USER };
enum { EFF_NONE, EFF_LOGISTIC, EFF_TABLE, EFF_USER };

/* One efficiency slot (observable or true space). */
typedef struct {
  int kind;
  double a, k, v0, vthr; /* logistic */
  double *v, *e;         /* table abscissae and values */
  size_t n;
  int outside;
  nutmm_efficiency_fn fn; /* user hook */
  void *user;
  double thr; /* hard threshold Theta(v - thr); 0 = none */
} eff_slot;

struct nutmm_detector {
  /* quenching */
  int qkind;
  double qc[NUTMM_QUENCH_POLY_MAX]; /* const: qc[0]; linear: a = qc[0], b = qc[1]; poly */
  size_t qn;
  double qTmax;     /* validity range of the map (MeV); INFINITY if unbounded */
  double qE0, qEmax; /* E_ee(0), E_ee(T_max) for poly / user maps */
  nutmm_quench_fn qfn;
  void *quser;
  /* light yield (PE per MeV of E_ee); 0 = off */
  double ly;
  /* resolution */
  int rkind;
  double ra, rb;
  nutmm_sigma_fn rfn;
  void *ruser;
  int knorm;
  /* efficiencies, indexed by nutmm_eff_space */
  eff_slot eff[2];
  /* binning */
  double *edges;
  size_t nbins;
};

struct nutmm_response {
  size_t nbins, npts;
  double *m;           /* nbins x npts, row-major */
  size_t *jlo, *jhi;   /* non-zero column band [jlo, jhi) of each row */
  double *edges;
};

/* ======================================================================== */
/* Small numerical helpers                                                   */
/* ======================================================================== */

/* P(za < Z < zb) for a standard normal Z, za <= zb (may be infinite),
 * written with erfc of non-negative arguments so that tails keep their
 * relative precision. */
static double normal_mass(double za, double zb)
{
  const double r = 1.0 / NUTMM_SQRT2;
  if (za >= 0.0)
    return 0.5 * (erfc(za * r) - erfc(zb * r));
  if (zb <= 0.0)
    return 0.5 * (erfc(-zb * r) - erfc(-za * r));
  return 1.0 - 0.5 * erfc(-za * r) - 0.5 * erfc(zb * r);
}

/* Standard normal density (0 at +-inf). */
static double normal_pdf(double z)
{
  if (isinf(z))
    return 0.0;
  return exp(-0.5 * z * z) / sqrt(2.0 * NUTMM_PI);
}

/* A scalar function with a status, for the root finder. */
typedef int (*scalar_fn)(double x, void *p, double *f);

/* Brent's method (van Wijngaarden-Dekker-Brent, as in Numerical Recipes'
 * zbrent) on a bracket [a, b] with fa = f(a), fb = f(b) of opposite signs
 * (checked by every caller).  Converges to ~2 DBL_EPSILON |root|.
 * Never calls GSL. */
static int brent(scalar_fn f, void *p, double a, double b, double fa, double fb, double *root)
{
  if (fa == 0.0) {
    *root = a;
    return NUTMM_SUCCESS;
  }
  if (fb == 0.0) {
    *root = b;
    return NUTMM_SUCCESS;
  }
  if ((fa > 0.0) == (fb > 0.0))
    NUTMM_FAIL(NUTMM_EFAILED, "root not bracketed in [%g, %g] (f = %g, %g)", a, b, fa, fb);
  double c = b, fc = fb, d = b - a, e = d;
  for (int it = 0; it < BRENT_MAXITER; it++) {
    if ((fb > 0.0) == (fc > 0.0)) {
      c = a;
      fc = fa;
      e = d = b - a;
    }
    if (fabs(fc) < fabs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    double tol1 = 2.0 * DBL_EPSILON * fabs(b) + DBL_MIN;
    double xm = 0.5 * (c - b);
    if (fabs(xm) <= tol1 || fb == 0.0) {
      *root = b;
      return NUTMM_SUCCESS;
    }
    if (fabs(e) >= tol1 && fabs(fa) > fabs(fb)) {
      double s = fb / fa, pp, q;
      if (a == c) {
        pp = 2.0 * xm * s; /* secant */
        q = 1.0 - s;
      } else { /* inverse quadratic interpolation */
        double r;
        q = fa / fc;
        r = fb / fc;
        pp = s * (2.0 * xm * q * (q - r) - (b - a) * (r - 1.0));
        q = (q - 1.0) * (r - 1.0) * (s - 1.0);
      }
      if (pp > 0.0)
        q = -q;
      pp = fabs(pp);
      double min1 = 3.0 * xm * q - fabs(tol1 * q), min2 = fabs(e * q);
      if (2.0 * pp < (min1 < min2 ? min1 : min2)) {
        e = d;
        d = pp / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += fabs(d) > tol1 ? d : copysign(tol1, xm);
    NUTMM_TRY(f(b, p, &fb));
    if (!isfinite(fb))
      NUTMM_FAIL(NUTMM_EDOM, "function value %g at x = %g is not finite", fb, b);
  }
  NUTMM_FAIL(NUTMM_EMAXITER, "no convergence in %d iterations (bracket [%g, %g])", BRENT_MAXITER,
             b, c);
}

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
  case Q_LINEAR: /* physics.md I, LAr: E_ee = (a + b T) T */
    *E = (d->qc[0] + d->qc[1] * T) * T;
    break;
  case Q_POLY: /* physics.md I, CsI polynomial */
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

int nutmm_detector_set_quench_lar(nutmm_detector *det)
{
  /* physics.md I: QF = 0.246 + 7.8e-4 T[keVnr] (COHERENT 2003.10630) */
  NUTMM_TRY(nutmm_detector_set_quench_linear_qf(det, NUTMM_LAR_QF_A,
                                                NUTMM_LAR_QF_B_PER_KEV / NUTMM_KEV));
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

int nutmm_detector_set_quench_csi(nutmm_detector *det)
{
  /* physics.md I: COHERENT CsI, E_ee = 0.0554628 T + 4.30681 T^2 - 111.707 T^3
   * + 840.384 T^4, T and E_ee in MeV. */
  const double c[4] = {NUTMM_CSI_QF_C1, NUTMM_CSI_QF_C2, NUTMM_CSI_QF_C3, NUTMM_CSI_QF_C4};
  NUTMM_TRY(nutmm_detector_set_quench_poly(det, c, 4, NUTMM_CSI_QF_TMAX));
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
    NUTMM_TRY(brent(quench_root_fn, &q, 0.0, det->qTmax, det->qE0 - E_ee, det->qEmax - E_ee, T));
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

/* x_true(T) for T already validated (0 <= T <= qTmax). */
static int observable_eval(const nutmm_detector *d, double T, double *x)
{
  double E = 0.0;
  NUTMM_TRY(quench_eval(d, T, &E));
  *x = d->ly > 0.0 ? d->ly * E : E; /* physics.md G: n_PE = LY x E_ee */
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

int nutmm_detector_set_resolution_xenon1t(nutmm_detector *det)
{
  /* physics.md G/I: sigma = a sqrt(E) + b E, a = 0.310 sqrt(keV) -> sqrt(MeV) */
  NUTMM_TRY(nutmm_detector_set_resolution_sqrt_linear(det, NUTMM_XENON1T_RES_A * sqrt(NUTMM_KEV),
                                                      NUTMM_XENON1T_RES_B));
  return NUTMM_SUCCESS;
}

int nutmm_detector_set_resolution_lar(nutmm_detector *det)
{
  /* physics.md G/I: sigma/E = 0.58/sqrt(E[keV])  <=>  sigma = 0.58 sqrt(keV) sqrt(E) */
  NUTMM_TRY(
      nutmm_detector_set_resolution_sqrt_linear(det, NUTMM_LAR_RES_C * sqrt(NUTMM_KEV), 0.0));
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

/* sigma(x) for x >= 0 validated. */
static int sigma_eval(const nutmm_detector *d, double x, double *s)
{
  switch (d->rkind) {
  case RES_CONST:
    *s = d->ra;
    break;
  case RES_SQRTLIN: /* physics.md G: sigma = a sqrt(x) + b x */
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
  NUTMM_TRY(sigma_eval(det, x, sigma));
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

/* Efficiency of a slot at v, including its threshold. */
static int eff_eval(const eff_slot *s, double v, double *eps)
{
  if (v < s->thr) {
    *eps = 0.0;
    return NUTMM_SUCCESS;
  }
  switch (s->kind) {
  case EFF_LOGISTIC: /* physics.md I: a/(1 + exp(-k(x - x0))) Theta(x - x_thr) */
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
  NUTMM_TRY(eff_eval(&det->eff[space], v, eps));
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

int nutmm_detector_set_acceptance_csi2017(nutmm_detector *det)
{
  /* physics.md I: CsI acceptance, x = n_PE (1804.09459) */
  NUTMM_TRY(nutmm_detector_set_efficiency_logistic(det, NUTMM_EFF_OBSERVABLE, NUTMM_CSI_ACC_A,
                                                   NUTMM_CSI_ACC_K, NUTMM_CSI_ACC_X0,
                                                   NUTMM_CSI_ACC_THRESHOLD));
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

/* Index of the bin [e_i, e_{i+1}) holding x, or nbins if none. */
static size_t find_bin(const double *e, size_t nb, double x)
{
  if (!(x >= e[0]) || !(x < e[nb]))
    return nb;
  size_t lo = 0, hi = nb; /* e[lo] <= x < e[hi] */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (e[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* First bin whose upper edge exceeds x (nbins if none). */
static size_t first_bin_above(const double *e, size_t nb, double x)
{
  size_t lo = 0, hi = nb; /* answer in [lo, hi] */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (e[mid + 1] > x)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

/* ======================================================================== */
/* Kernel and bin integrals                                                  */
/* ======================================================================== */

/* Gaussian kernel of mean mu = x_true and width s (s = 0: delta); norm is the
 * probability of x >= 0 for the truncated kernel, 1 for the plain one. */
typedef struct {
  double mu, s, norm;
  int trunc;
} kernel;

static int kernel_init(const nutmm_detector *d, double mu, kernel *k)
{
  k->mu = mu;
  NUTMM_TRY(sigma_eval(d, mu, &k->s));
  k->trunc = d->knorm == NUTMM_KERNEL_TRUNCATED;
  /* truncated at x >= 0: divide by Phi(mu/s) (detector.h) */
  k->norm = (k->s > 0.0 && k->trunc) ? normal_mass(-mu / k->s, INFINITY) : 1.0;
  return NUTMM_SUCCESS;
}

/* int_u^v K dx, s > 0, u < v (u >= 0 for the truncated kernel). */
static double kernel_mass(const kernel *k, double u, double v)
{
  return normal_mass((u - k->mu) / k->s, (v - k->mu) / k->s) / k->norm;
}

/* int_u^v (alpha + beta (x - x_ref)) K dx, s > 0: exact for a linear
 * efficiency, using int z phi(z) dz = -phi(z). */
static double kernel_linear(const kernel *k, double alpha, double beta, double x_ref, double u,
                            double v)
{
  double za = (u - k->mu) / k->s, zb = (v - k->mu) / k->s;
  double m = normal_mass(za, zb);
  double at_mu = alpha + beta * (k->mu - x_ref);
  return (at_mu * m + beta * k->s * (normal_pdf(za) - normal_pdf(zb))) / k->norm;
}

/* Context of the numerical kernel x efficiency integrand. */
typedef struct {
  const eff_slot *e;
  const kernel *k;
  int status;
  char reason[512];
} quad_ctx;

static double quad_integrand(double x, void *p)
{
  quad_ctx *c = p;
  double eps;
  int st = eff_eval(c->e, x, &eps);
  if (st != NUTMM_SUCCESS) {
    if (c->status == NUTMM_SUCCESS) {
      c->status = st;
      snprintf(c->reason, sizeof c->reason, "%s", nutmm_error_reason());
    }
    return 0.0;
  }
  double z = (x - c->k->mu) / c->k->s;
  return eps * normal_pdf(z) / (c->k->s * c->k->norm);
}

/* int_u^v eps_obs(x) Theta(x - thr) K(x) dx over [u, v) for s > 0. */
static int obs_integral(const nutmm_detector *d, const kernel *k, double u, double v, double *out)
{
  const eff_slot *e = &d->eff[NUTMM_EFF_OBSERVABLE];
  *out = 0.0;
  if (k->trunc && u < 0.0)
    u = 0.0;
  if (u < e->thr)
    u = e->thr;
  u = fmax(u, k->mu - KERNEL_NSIGMA * k->s);
  v = fmin(v, k->mu + KERNEL_NSIGMA * k->s);
  if (e->kind == EFF_LOGISTIC && u < e->vthr)
    u = e->vthr;
  if (!(u < v))
    return NUTMM_SUCCESS;
  switch (e->kind) {
  case EFF_TABLE: {
    /* piecewise linear efficiency: sum of exact segment integrals */
    const double *tv = e->v, *te = e->e;
    size_t n = e->n;
    int clamp = e->outside == NUTMM_EFF_OUTSIDE_CLAMP;
    double sum = 0.0;
    if (u < tv[0] && clamp)
      sum += te[0] * kernel_mass(k, u, fmin(v, tv[0]));
    if (v > tv[n - 1] && clamp)
      sum += te[n - 1] * kernel_mass(k, fmax(u, tv[n - 1]), v);
    /* segments [tv[j], tv[j+1]] overlapping (u, v) */
    size_t j = first_bin_above(tv, n - 1, u);
    for (; j < n - 1 && tv[j] < v; j++) {
      double a = fmax(u, tv[j]), b = fmin(v, tv[j + 1]);
      if (a < b) {
        double slope = (te[j + 1] - te[j]) / (tv[j + 1] - tv[j]);
        sum += kernel_linear(k, te[j], slope, tv[j], a, b);
      }
    }
    *out = sum;
    return NUTMM_SUCCESS;
  }
  case EFF_LOGISTIC:
  case EFF_USER: {
    quad_ctx c = {e, k, NUTMM_SUCCESS, ""};
    gsl_function f = {quad_integrand, &c};
    double pts[3] = {u, k->mu, v}, res, err;
    int st;
    if (k->mu > u && k->mu < v)
      st = nutmm_quad_pts(&f, pts, 3, QUAD_EPSABS, QUAD_EPSREL, &res, &err);
    else
      st = nutmm_quad(&f, u, v, QUAD_EPSABS, QUAD_EPSREL, &res, &err);
    if (c.status != NUTMM_SUCCESS)
      return nutmm_error_set(c.status, __func__, "%s", c.reason);
    NUTMM_TRY(st);
    *out = res;
    return NUTMM_SUCCESS;
  }
  default:
    *out = kernel_mass(k, u, v);
    return NUTMM_SUCCESS;
  }
}

int nutmm_detector_kernel_integral(const nutmm_detector *det, double x_true, double u, double v,
                                   double *p)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(p);
  NUTMM_CHECK_NONNEG(x_true);
  if (isnan(u) || isnan(v) || u > v)
    NUTMM_FAIL(NUTMM_EDOM, "bad interval [%g, %g]", u, v);
  kernel k;
  NUTMM_TRY(kernel_init(det, x_true, &k));
  if (k.trunc && u < 0.0)
    u = 0.0;
  *p = 0.0;
  if (!(u < v))
    return NUTMM_SUCCESS;
  if (k.s == 0.0)
    *p = (u <= x_true && x_true < v) ? 1.0 : 0.0;
  else
    *p = kernel_mass(&k, u, v);
  return NUTMM_SUCCESS;
}

/* Bin fractions of one node T (validated: 0 <= T <= qTmax), written into
 * frac[nbins] (zeroed first). */
static int column(const nutmm_detector *d, double T, double *frac)
{
  size_t nb = d->nbins;
  const double *e = d->edges;
  memset(frac, 0, nb * sizeof *frac);
  double et = 0.0;
  NUTMM_TRY(eff_eval(&d->eff[NUTMM_EFF_TRUE], T, &et));
  if (et == 0.0)
    return NUTMM_SUCCESS;
  double mu = 0.0;
  NUTMM_TRY(observable_eval(d, T, &mu));
  kernel k;
  NUTMM_TRY(kernel_init(d, mu, &k));
  if (k.s == 0.0) { /* delta kernel: the bin holding x_true */
    size_t i = find_bin(e, nb, mu);
    if (i < nb) {
      double eo;
      NUTMM_TRY(eff_eval(&d->eff[NUTMM_EFF_OBSERVABLE], mu, &eo));
      frac[i] = et * eo;
    }
    return NUTMM_SUCCESS;
  }
  double lo = mu - KERNEL_NSIGMA * k.s, hi = mu + KERNEL_NSIGMA * k.s;
  for (size_t i = first_bin_above(e, nb, lo); i < nb && e[i] < hi; i++) {
    double p;
    NUTMM_TRY(obs_integral(d, &k, e[i], e[i + 1], &p));
    frac[i] = et * p;
  }
  return NUTMM_SUCCESS;
}

static int check_node(const nutmm_detector *d, double T)
{
  NUTMM_CHECK_NONNEG(T);
  if (T > d->qTmax)
    NUTMM_FAIL(NUTMM_EDOM, "T = %g MeV above the range of the quenching map (T_max = %g MeV)", T,
               d->qTmax);
  return NUTMM_SUCCESS;
}

int nutmm_detector_bin_fractions(const nutmm_detector *det, double T, double *frac)
{
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(frac);
  if (det->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "no bins set");
  NUTMM_TRY(check_node(det, T));
  NUTMM_TRY(column(det, T, frac));
  return NUTMM_SUCCESS;
}

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
  NUTMM_TRY(sigma_eval(w->d, x, &s));
  *g = x + w->nsig * s - w->target;
  return NUTMM_SUCCESS;
}

static int window_hi_fn(double x, void *p, double *g)
{
  const window_root *w = p;
  double s;
  NUTMM_TRY(sigma_eval(w->d, x, &s));
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
      NUTMM_TRY(brent(window_lo_fn, &w, 0.0, x_lo, g0, g1, &xa));
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
          NUTMM_TRY(brent(window_hi_fn, &w, a, cap, ga, gb, &xb));
      }
    } else {
      xb = INFINITY;
      for (double step = x_hi; isfinite(a + step); step *= 2.0) {
        b = a + step;
        NUTMM_TRY(window_hi_fn(b, &w, &gb));
        if (gb > 0.0) {
          NUTMM_TRY(brent(window_hi_fn, &w, a, b, ga, gb, &xb));
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

/* ======================================================================== */
/* Response matrix                                                           */
/* ======================================================================== */

void nutmm_response_free(nutmm_response *R)
{
  if (R == NULL)
    return;
  free(R->m);
  free(R->jlo);
  free(R->jhi);
  free(R->edges);
  free(R);
}

/* Fill R->m column by column (eq. 21 with quadrature nodes). */
static int response_fill(const nutmm_detector *det, const double *T, const double *w,
                         nutmm_response *R, double *frac)
{
  size_t nb = R->nbins, nT = R->npts;
  for (size_t j = 0; j < nT; j++) {
    NUTMM_TRY(column(det, T[j], frac));
    for (size_t i = 0; i < nb; i++)
      R->m[i * nT + j] = w[j] * frac[i];
  }
  for (size_t i = 0; i < nb; i++) {
    const double *row = R->m + i * nT;
    size_t lo = 0, hi = nT;
    while (lo < nT && row[lo] == 0.0)
      lo++;
    while (hi > lo && row[hi - 1] == 0.0)
      hi--;
    R->jlo[i] = lo;
    R->jhi[i] = hi;
  }
  return NUTMM_SUCCESS;
}

int nutmm_response_alloc(const nutmm_detector *det, const double *T, const double *w, size_t nT,
                         nutmm_response **R)
{
  NUTMM_CHECK_PTR(R);
  *R = NULL;
  NUTMM_CHECK_PTR(det);
  NUTMM_CHECK_PTR(T);
  NUTMM_CHECK_PTR(w);
  if (nT == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "no quadrature nodes (nT = 0)");
  if (det->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "no bins set");
  for (size_t j = 0; j < nT; j++) {
    if (!isfinite(T[j]) || T[j] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "node T[%zu] = %g MeV must be finite and >= 0", j, T[j]);
    if (T[j] > det->qTmax)
      NUTMM_FAIL(NUTMM_EDOM, "node T[%zu] = %g MeV above the quenching range T_max = %g MeV", j,
                 T[j], det->qTmax);
    if (!isfinite(w[j]))
      NUTMM_FAIL(NUTMM_EDOM, "weight w[%zu] = %g is not finite", j, w[j]);
  }
  size_t nb = det->nbins;
  if (nT > SIZE_MAX / sizeof(double) / nb)
    NUTMM_FAIL(NUTMM_ENOMEM, "response matrix %zu x %zu too large", nb, nT);
  nutmm_response *r = nutmm_calloc_n(1, sizeof *r);
  double *frac = nutmm_malloc_n(nb, sizeof *frac);
  if (r != NULL) {
    r->nbins = nb;
    r->npts = nT;
    r->m = nutmm_malloc_n(nutmm_size_mul(nb, nT), sizeof *r->m);
    r->jlo = nutmm_malloc_n(nb, sizeof *r->jlo);
    r->jhi = nutmm_malloc_n(nb, sizeof *r->jhi);
    r->edges = nutmm_malloc_n(nutmm_size_add(nb, 1), sizeof *r->edges);
  }
  if (r == NULL || frac == NULL || r->m == NULL || r->jlo == NULL || r->jhi == NULL ||
      r->edges == NULL) {
    free(frac);
    nutmm_response_free(r);
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate a %zu x %zu response matrix", nb, nT);
  }
  memcpy(r->edges, det->edges, (nb + 1) * sizeof *r->edges);
  int status = response_fill(det, T, w, r, frac);
  free(frac);
  if (status != NUTMM_SUCCESS) {
    nutmm_response_free(r);
    return nutmm_error_chain(status, __func__);
  }
  *R = r;
  return NUTMM_SUCCESS;
}

int nutmm_response_apply(const nutmm_response *R, const double *dRdT, double *counts)
{
  NUTMM_CHECK_PTR(R);
  NUTMM_CHECK_PTR(dRdT);
  NUTMM_CHECK_PTR(counts);
  size_t nT = R->npts;
  for (size_t j = 0; j < nT; j++)
    if (!isfinite(dRdT[j]))
      NUTMM_FAIL(NUTMM_EDOM, "dRdT[%zu] = %g is not finite", j, dRdT[j]);
  for (size_t i = 0; i < R->nbins; i++) {
    const double *row = R->m + i * nT;
    double s = 0.0;
    for (size_t j = R->jlo[i]; j < R->jhi[i]; j++)
      s += row[j] * dRdT[j];
    counts[i] = s;
  }
  return NUTMM_SUCCESS;
}

size_t nutmm_response_nbins(const nutmm_response *R) { return R ? R->nbins : 0; }

size_t nutmm_response_npoints(const nutmm_response *R) { return R ? R->npts : 0; }

const double *nutmm_response_matrix(const nutmm_response *R) { return R ? R->m : NULL; }

const double *nutmm_response_edges(const nutmm_response *R) { return R ? R->edges : NULL; }
