/* The library's one root finder and one minimiser (lib/solve.h): Brent's zero and
 * localmin, tested once here against functions with known roots and minima, the
 * bracketing and status rules, and a non-finite function value. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "nutmm/error.h"
#include "nutmm/units.h"
#include "solve.h"
#include "testutil.h"

static int ncalls;

static int cos_minus_x(double x, void *p, double *f)
{
  (void)p;
  ncalls++;
  *f = cos(x) - x;
  return NUTMM_SUCCESS;
}

/* (x - r)^3: a triple root, where interpolation is slow and bisection must take over */
static int cubic(double x, void *p, double *f)
{
  const double r = *(const double *)p;
  *f = (x - r) * (x - r) * (x - r);
  return NUTMM_SUCCESS;
}

static int nan_above_half(double x, void *p, double *f)
{
  (void)p;
  *f = x > 0.5 ? NAN : x - 0.75;
  return NUTMM_SUCCESS;
}

static int failing(double x, void *p, double *f)
{
  (void)p;
  (void)x;
  *f = 0.0;
  return nutmm_error_set(NUTMM_EIO, "failing", "hook failed on purpose");
}

START_TEST(test_root)
{
  double r, fa, fb;
  /* the Dottie number: cos x = x at 0.739085133215160641655312087674 */
  cos_minus_x(0.0, NULL, &fa);
  cos_minus_x(1.0, NULL, &fb);
  ncalls = 0;
  ck_assert_int_eq(nutmm_root_brent_(cos_minus_x, NULL, 0.0, 1.0, fa, fb, 0.0, &r), NUTMM_SUCCESS);
  ck_assert_rel(r, 0.739085133215160641655312087674, 4 * DBL_EPSILON);
  ck_assert_int_lt(ncalls, 20); /* superlinear, not bisection (which needs ~52) */
  /* the bracket may be given in either order */
  ck_assert_int_eq(nutmm_root_brent_(cos_minus_x, NULL, 1.0, 0.0, fb, fa, 0.0, &r), NUTMM_SUCCESS);
  ck_assert_rel(r, 0.739085133215160641655312087674, 4 * DBL_EPSILON);
  /* an absolute tolerance is honoured and loosens the result accordingly */
  ck_assert_int_eq(nutmm_root_brent_(cos_minus_x, NULL, 0.0, 1.0, fa, fb, 1e-3, &r), NUTMM_SUCCESS);
  ck_assert_abs(r, 0.739085133215160641655312087674, 1e-3);
  /* a triple root at an awkward place, to relative accuracy ~ DBL_EPSILON of the bracket */
  const double root = 1.0 / 3.0;
  cubic(-2.0, (void *)&root, &fa);
  cubic(5.0, (void *)&root, &fb);
  ck_assert_int_eq(nutmm_root_brent_(cubic, (void *)&root, -2.0, 5.0, fa, fb, 0.0, &r),
                   NUTMM_SUCCESS);
  ck_assert_abs(r, root, 1e-14);
  /* a zero end value is the root */
  ck_assert_int_eq(nutmm_root_brent_(cubic, (void *)&root, root, 5.0, 0.0, fb, 0.0, &r),
                   NUTMM_SUCCESS);
  ck_assert_rel(r, root, 0.0);
  /* no sign change, a non-finite value, a failing function */
  ck_assert_int_eq(nutmm_root_brent_(cos_minus_x, NULL, 0.0, 1.0, fa, fa, 0.0, &r), NUTMM_EFAILED);
  ck_assert_int_eq(nutmm_root_brent_(nan_above_half, NULL, 0.0, 1.0, -0.75, 0.25, 0.0, &r),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_root_brent_(failing, NULL, 0.0, 1.0, -1.0, 1.0, 0.0, &r), NUTMM_EIO);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "on purpose"));
}
END_TEST

static int parabola(double x, void *p, double *f)
{
  (void)p;
  ncalls++;
  *f = 3.0 * (x - 2.0) * (x - 2.0) + 1.0;
  return NUTMM_SUCCESS;
}

static int cosine(double x, void *p, double *f)
{
  (void)p;
  *f = cos(x);
  return NUTMM_SUCCESS;
}

static int linear(double x, void *p, double *f)
{
  (void)p;
  *f = x;
  return NUTMM_SUCCESS;
}

START_TEST(test_min)
{
  double x, fx;
  /* a parabola: parabolic steps beat pure golden sections */
  ncalls = 0;
  ck_assert_int_eq(nutmm_min_brent_(parabola, NULL, 0.0, 5.0, 1e-10, 1e-12, &x, &fx),
                   NUTMM_SUCCESS);
  /* x only to ~sqrt(DBL_EPSILON): nearer, f(x) = 1 + 3 (x - 2)^2 rounds to 1 */
  ck_assert_abs(x, 2.0, 2.0 * 2.0 * sqrt(DBL_EPSILON));
  ck_assert_rel(fx, 1.0, 1e-15);
  ck_assert_int_lt(ncalls, 45); /* golden sections alone: ln(5e10)/ln(1.618) = 51 */
  /* cos on [2, 5]: minimum -1 at pi, to the requested accuracy in x */
  ck_assert_int_eq(nutmm_min_brent_(cosine, NULL, 2.0, 5.0, 1e-10, 1e-12, &x, &fx), NUTMM_SUCCESS);
  ck_assert_abs(x, NUTMM_PI, 4.0 * sqrt(DBL_EPSILON)); /* as above */
  ck_assert_rel(fx, -1.0, 1e-14);
  /* no interior minimum: the result lies within tolerance of the low end */
  ck_assert_int_eq(nutmm_min_brent_(linear, NULL, 1.0, 3.0, 1e-8, 1e-12, &x, &fx), NUTMM_SUCCESS);
  ck_assert_abs(x, 1.0, 1e-7);
  ck_assert_rel(fx, x, 0.0);
  /* statuses */
  ck_assert_int_eq(nutmm_min_brent_(failing, NULL, 0.0, 1.0, 1e-8, 1e-12, &x, &fx), NUTMM_EIO);
  ck_assert_int_eq(nutmm_min_brent_(nan_above_half, NULL, 0.0, 2.0, 1e-8, 1e-12, &x, &fx),
                   NUTMM_EDOM);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("solve");
  TCase *tc = tcase_create("brent");
  tcase_add_test(tc, test_root);
  tcase_add_test(tc, test_min);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
