/* libnutmm -- adaptive Gauss-Kronrod quadrature on GSL's qk21 rule (integrate.h). */
#include "integrate.h"

#include <gsl/gsl_integration.h>

#include "internal.h"

typedef struct {
  double a, b, val, err;
} interval;

/* A GSL function that records the first non-finite value it produces. */
typedef struct {
  const gsl_function *f;
  double bad_x;
  int bad;
} guarded;

static double guarded_eval(double x, void *p)
{
  guarded *g = p;
  double y = GSL_FN_EVAL(g->f, x);
  if (!isfinite(y)) {
    if (!g->bad) {
      g->bad = 1;
      g->bad_x = x;
    }
    return 0.0;
  }
  return y;
}

static void rule(const gsl_function *f, interval *iv)
{
  double resabs, resasc;
  gsl_integration_qk21(f, iv->a, iv->b, &iv->val, &iv->err, &resabs, &resasc);
}

int nutmm_quad(const gsl_function *f, double a, double b, double epsabs, double epsrel,
               double *result, double *abserr)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_PTR(result);
  NUTMM_CHECK_FINITE(a);
  NUTMM_CHECK_FINITE(b);
  *result = 0.0;
  if (abserr)
    *abserr = 0.0;
  if (!(b >= a))
    NUTMM_FAIL(NUTMM_EDOM, "integration range [%g, %g] is reversed", a, b);
  if (a == b)
    return NUTMM_SUCCESS;
  guarded g = {f, 0.0, 0};
  gsl_function gf = {guarded_eval, &g};
  interval iv[NUTMM_QUAD_MAX_INTERVALS];
  size_t n = 1;
  iv[0].a = a;
  iv[0].b = b;
  rule(&gf, &iv[0]);
  double total = iv[0].val, err = iv[0].err;
  while (err > GSL_MAX(epsabs, epsrel * fabs(total)) && n < NUTMM_QUAD_MAX_INTERVALS) {
    size_t worst = 0;
    for (size_t i = 1; i < n; i++)
      if (iv[i].err > iv[worst].err)
        worst = i;
    double mid = 0.5 * (iv[worst].a + iv[worst].b);
    if (!(mid > iv[worst].a && mid < iv[worst].b))
      break; /* interval at machine resolution: cannot refine further */
    interval left = {iv[worst].a, mid, 0, 0}, right = {mid, iv[worst].b, 0, 0};
    rule(&gf, &left);
    rule(&gf, &right);
    iv[worst] = left;
    iv[n++] = right;
    total = 0.0;
    err = 0.0;
    for (size_t i = 0; i < n; i++) {
      total += iv[i].val;
      err += iv[i].err;
    }
  }
  *result = total;
  if (abserr)
    *abserr = err;
  if (g.bad)
    NUTMM_FAIL(NUTMM_EDOM, "integrand is not finite at x = %.17g", g.bad_x);
  if (err > GSL_MAX(epsabs, epsrel * fabs(total)))
    NUTMM_FAIL(NUTMM_ETOL, "error estimate %g above tolerance on [%g, %g] (result %g)", err,
               a, b, total);
  return NUTMM_SUCCESS;
}

int nutmm_quad_pts(const gsl_function *f, const double *pts, size_t npts, double epsabs,
                   double epsrel, double *result, double *abserr)
{
  NUTMM_CHECK_PTR(pts);
  NUTMM_CHECK_PTR(result);
  if (npts < 2)
    NUTMM_FAIL(NUTMM_EINVAL, "need at least 2 points, got %zu", npts);
  double sum = 0.0, esum = 0.0;
  int status = NUTMM_SUCCESS;
  for (size_t i = 0; i + 1 < npts; i++) {
    double r, e;
    /* share the absolute tolerance between pieces */
    int s = nutmm_quad(f, pts[i], pts[i + 1], epsabs / (double)(npts - 1), epsrel, &r, &e);
    if (s == NUTMM_ETOL)
      status = s;
    else if (s != NUTMM_SUCCESS)
      return nutmm_error_chain(s, __func__);
    sum += r;
    esum += e;
  }
  *result = sum;
  if (abserr)
    *abserr = esum;
  if (status != NUTMM_SUCCESS)
    return nutmm_error_chain(status, __func__);
  return NUTMM_SUCCESS;
}
