/* libnutmm -- Brent's root finder and minimiser (solve.h): R. P. Brent, "Algorithms for
 * Minimization without Derivatives" (1973), procedures zero (ch. 4) and localmin (ch. 5). */
#include "solve.h"

#include <float.h>
#include <math.h>

/* Iteration cap of both methods (far above what they need: zero converges in
 * O(log2(bracket/tol)) <= ~2100 bisections only in pathological cases, typically < 60). */
#define BRENT_MAXITER 500

/* f(x), with a non-finite value turned into NUTMM_EDOM. */
static int eval(nutmm_scalar_fn_ f, void *params, double x, double *fx)
{
  NUTMM_TRY(f(x, params, fx));
  if (!isfinite(*fx))
    NUTMM_FAIL(NUTMM_EDOM, "function value %g at x = %g is not finite", *fx, x);
  return NUTMM_SUCCESS;
}

int nutmm_root_brent_(nutmm_scalar_fn_ f, void *params, double a, double b, double fa, double fb,
                      double tol, double *root)
{
  if (fa == 0.0) {
    *root = a;
    return NUTMM_SUCCESS;
  }
  if (fb == 0.0) {
    *root = b;
    return NUTMM_SUCCESS;
  }
  if (!((fa > 0.0) != (fb > 0.0)))
    NUTMM_FAIL(NUTMM_EFAILED, "root not bracketed in [%g, %g] (f = %g, %g)", a, b, fa, fb);
  double c = a, fc = fa, d = b - a, e = d;
  for (int it = 0; it < BRENT_MAXITER; it++) {
    if ((fb > 0.0) == (fc > 0.0)) { /* keep the root between b and c */
      c = a, fc = fa;
      d = e = b - a;
    }
    if (fabs(fc) < fabs(fb)) { /* b is the best estimate */
      a = b, b = c, c = a;
      fa = fb, fb = fc, fc = fa;
    }
    const double tol1 = 2.0 * DBL_EPSILON * fabs(b) + 0.5 * tol + DBL_MIN;
    const double xm = 0.5 * (c - b);
    if (fabs(xm) <= tol1 || fb == 0.0) {
      *root = b;
      return NUTMM_SUCCESS;
    }
    if (fabs(e) >= tol1 && fabs(fa) > fabs(fb)) {
      double p, q, r;
      const double s = fb / fa;
      if (a == c) { /* secant */
        p = 2.0 * xm * s;
        q = 1.0 - s;
      } else { /* inverse quadratic interpolation */
        q = fa / fc;
        r = fb / fc;
        p = s * (2.0 * xm * q * (q - r) - (b - a) * (r - 1.0));
        q = (q - 1.0) * (r - 1.0) * (s - 1.0);
      }
      if (p > 0.0)
        q = -q;
      p = fabs(p);
      const double m1 = 3.0 * xm * q - fabs(tol1 * q), m2 = fabs(e * q);
      if (2.0 * p < (m1 < m2 ? m1 : m2)) { /* accept the interpolation */
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else { /* bisection */
      d = xm;
      e = d;
    }
    a = b, fa = fb;
    b += fabs(d) > tol1 ? d : copysign(tol1, xm);
    NUTMM_TRY(eval(f, params, b, &fb));
  }
  NUTMM_FAIL(NUTMM_EMAXITER, "no convergence in %d iterations (bracket [%g, %g])", BRENT_MAXITER,
             b, c);
}

int nutmm_min_brent_(nutmm_scalar_fn_ f, void *params, double a, double b, double tol, double rtol,
                     double *xmin, double *fmin)
{
  const double cgold = 0.3819660112501051; /* (3 - sqrt 5)/2 */
  double x = a + cgold * (b - a), w = x, v = x;
  double fx, d = 0.0, e = 0.0;
  NUTMM_TRY(eval(f, params, x, &fx));
  double fw = fx, fv = fx;
  for (int it = 0; it < BRENT_MAXITER; it++) {
    const double xm = 0.5 * (a + b);
    const double tol1 = rtol * fabs(x) + tol / 3.0, tol2 = 2.0 * tol1;
    if (fabs(x - xm) <= tol2 - 0.5 * (b - a))
      break;
    int golden = 1;
    if (fabs(e) > tol1) { /* try a parabola through x, w, v */
      double r = (x - w) * (fx - fv);
      double q = (x - v) * (fx - fw);
      double p = (x - v) * q - (x - w) * r;
      q = 2.0 * (q - r);
      if (q > 0.0)
        p = -p;
      q = fabs(q);
      r = e;
      e = d;
      if (fabs(p) < fabs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const double u = x + d;
        if (u - a < tol2 || b - u < tol2)
          d = xm >= x ? tol1 : -tol1;
        golden = 0;
      }
    }
    if (golden) { /* golden-section step into the larger part */
      e = x >= xm ? a - x : b - x;
      d = cgold * e;
    }
    const double u = fabs(d) >= tol1 ? x + d : x + (d > 0.0 ? tol1 : -tol1);
    double fu;
    NUTMM_TRY(eval(f, params, u, &fu));
    if (fu <= fx) {
      if (u >= x)
        a = x;
      else
        b = x;
      v = w, fv = fw;
      w = x, fw = fx;
      x = u, fx = fu;
    } else {
      if (u < x)
        a = u;
      else
        b = u;
      if (fu <= fw || w == x) {
        v = w, fv = fw;
        w = u, fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u, fv = fu;
      }
    }
  }
  *xmin = x;
  *fmin = fx;
  return NUTMM_SUCCESS;
}
