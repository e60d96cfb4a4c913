/* libnutmm -- the response-matrix object (detector.h): Gaussian kernel x efficiency
 * integrals over the observable bins, bin fractions of one true energy, and the matrix
 * R_ij of eq. (21) of arXiv:2109.09545 built on the caller's quadrature nodes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_math.h>

#include "detector_internal.h"
#include "integrate.h"
#include "internal.h"
#include "nutmm/detector.h"
#include "nutmm/units.h"

/* Kernel tails beyond this many standard deviations are dropped
 * (Gaussian mass < erfc(12/sqrt 2) = 3.6e-33). */
#define KERNEL_NSIGMA 12.0
/* Tolerances of the numerical kernel x efficiency integrals (fractions <= 1). */
#define QUAD_EPSABS 1e-14
#define QUAD_EPSREL 1e-11

struct nutmm_response {
  size_t nbins, npts;
  double *m;           /* nbins x npts, row-major */
  size_t *jlo, *jhi;   /* non-zero column band [jlo, jhi) of each row */
  double *edges;
};

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

/* max and min of two numbers that are not NaN (fmax/fmin are library calls that handle NaN;
 * these are inline: the segment loops below run for every bin of every column). */
static inline double max2(double a, double b) { return a > b ? a : b; }
static inline double min2(double a, double b) { return a < b ? a : b; }

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

/* The last two (argument, value) pairs of a function of one variable. */
typedef struct {
  double x[2], v[2];
  unsigned next;
} memo2;

static void memo2_init(memo2 *m)
{
  m->x[0] = m->x[1] = NAN; /* NaN matches nothing */
  m->next = 0;
}

static double memo2_eval(memo2 *m, double x, double (*f)(double))
{
  if (x == m->x[0])
    return m->v[0];
  if (x == m->x[1])
    return m->v[1];
  const unsigned i = m->next;
  m->next ^= 1u;
  m->x[i] = x;
  m->v[i] = f(x);
  return m->v[i];
}

/* Gaussian kernel of mean mu = x_true and width s (s = 0: delta); norm is the
 * probability of x >= 0 for the truncated kernel, 1 for the plain one. */
typedef struct {
  double mu, s, norm;
  int trunc;
  /* The last erfc and density values (argument, value): consecutive efficiency segments
   * and bins share their boundary, whose erfc and density are then computed once.  Same
   * arguments, same values: the bin fractions are unchanged bit for bit. */
  memo2 erfc_memo, pdf_memo;
} kernel;

static double kernel_erfc(kernel *k, double x) { return memo2_eval(&k->erfc_memo, x, erfc); }

static double kernel_pdf(kernel *k, double z) { return memo2_eval(&k->pdf_memo, z, normal_pdf); }

/* normal_mass() with the kernel's erfc memo. */
static double kernel_normal_mass(kernel *k, double za, double zb)
{
  const double r = 1.0 / NUTMM_SQRT2;
  if (za >= 0.0)
    return 0.5 * (kernel_erfc(k, za * r) - kernel_erfc(k, zb * r));
  if (zb <= 0.0) {
    /* erfc at za first: the calls then go in increasing x, so that the next segment's za
     * (this zb) finds its value in the two-entry memo */
    const double ea = kernel_erfc(k, -za * r);
    return 0.5 * (kernel_erfc(k, -zb * r) - ea);
  }
  return 1.0 - 0.5 * kernel_erfc(k, -za * r) - 0.5 * kernel_erfc(k, zb * r);
}

static int kernel_init(const nutmm_detector *d, double mu, kernel *k)
{
  k->mu = mu;
  memo2_init(&k->erfc_memo);
  memo2_init(&k->pdf_memo);
  NUTMM_TRY(nutmm_detector_sigma_eval_(d, mu, &k->s));
  k->trunc = d->knorm == NUTMM_KERNEL_TRUNCATED;
  /* truncated at x >= 0: divide by Phi(mu/s) (detector.h) */
  k->norm = (k->s > 0.0 && k->trunc) ? normal_mass(-mu / k->s, INFINITY) : 1.0;
  return NUTMM_SUCCESS;
}

/* int_u^v K dx, s > 0, u < v (u >= 0 for the truncated kernel). */
static double kernel_mass(kernel *k, double u, double v)
{
  return kernel_normal_mass(k, (u - k->mu) / k->s, (v - k->mu) / k->s) / k->norm;
}

/* int_u^v (alpha + beta (x - x_ref)) K dx, s > 0: exact for a linear
 * efficiency, using int z phi(z) dz = -phi(z). */
static double kernel_linear(kernel *k, double alpha, double beta, double x_ref, double u,
                            double v)
{
  double za = (u - k->mu) / k->s, zb = (v - k->mu) / k->s;
  double m = kernel_normal_mass(k, za, zb);
  double at_mu = alpha + beta * (k->mu - x_ref);
  return (at_mu * m + beta * k->s * (kernel_pdf(k, za) - kernel_pdf(k, zb))) / k->norm;
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
  int st = nutmm_detector_eff_eval_(c->e, x, &eps);
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
static int obs_integral(const nutmm_detector *d, kernel *k, double u, double v, double *out)
{
  const eff_slot *e = &d->eff[NUTMM_EFF_OBSERVABLE];
  *out = 0.0;
  if (k->trunc && u < 0.0)
    u = 0.0;
  if (u < e->thr)
    u = e->thr;
  u = max2(u, k->mu - KERNEL_NSIGMA * k->s);
  v = min2(v, k->mu + KERNEL_NSIGMA * k->s);
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
      sum += te[0] * kernel_mass(k, u, min2(v, tv[0]));
    if (v > tv[n - 1] && clamp)
      sum += te[n - 1] * kernel_mass(k, max2(u, tv[n - 1]), v);
    /* segments [tv[j], tv[j+1]] overlapping (u, v) */
    size_t j = first_bin_above(tv, n - 1, u);
    for (; j < n - 1 && tv[j] < v; j++) {
      double a = max2(u, tv[j]), b = min2(v, tv[j + 1]);
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
  NUTMM_TRY(nutmm_detector_eff_eval_(&d->eff[NUTMM_EFF_TRUE], T, &et));
  if (et == 0.0)
    return NUTMM_SUCCESS;
  double mu = 0.0;
  NUTMM_TRY(nutmm_detector_observable_eval_(d, T, &mu));
  kernel k;
  NUTMM_TRY(kernel_init(d, mu, &k));
  if (k.s == 0.0) { /* delta kernel: the bin holding x_true */
    size_t i = find_bin(e, nb, mu);
    if (i < nb) {
      double eo;
      NUTMM_TRY(nutmm_detector_eff_eval_(&d->eff[NUTMM_EFF_OBSERVABLE], mu, &eo));
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
