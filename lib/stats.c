/* libnutmm -- the generic chi^2 with Gaussian-pulled nuisances
 * (physics.md section H, eqs. (23)-(27) of arXiv:2109.09545).
 *
 * Model (stats.h):
 *   signal_i(mu)   = SM_i + mu^2 D_i + mu I_i
 *   pred_i(mu, xi) = signal_i + sum_c B_ci + sum_k xi_k C_ki,
 *   C_ki           = s_ki sum_{t in T_k} X_ti   (X_signal = signal(mu), X_c = B_c)
 *   chi2(mu)       = min_xi sum_i w_i (obs_i - pred_i)^2 + sum_k (xi_k/sigma_k)^2,
 *   w_i = 1/sigma2_i.
 *
 * Profiling (physics.md H "General rule"): with r_i = obs_i - signal_i - sum_c B_ci
 * and u_k = xi_k/sigma_k, a_ki = sigma_k C_ki, the bracket is
 *   |r - A^T u|_w^2 + |u|^2,
 * minimised by (1 + G) u = g, G_kl = sum_i w_i a_ki a_li, g_k = sum_i w_i a_ki r_i.
 * 1 + G is symmetric with eigenvalues >= 1 (G is a Gram matrix), so Cholesky
 * without pivoting is backward stable and cannot meet a zero pivot except
 * through overflow.  The minimum is evaluated from the residuals (not as
 * r.r - g.u) to avoid cancellation.  sigma_k = 0 gives a zero column and
 * u_k = 0: the nuisance is fixed at 0.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nutmm/stats.h"
#include "stats_internal.h"

struct nutmm_chi2 {
  size_t nb, nbkg, nnu;
  /* set by the caller (copies) */
  double *obs;      /* [nb] observed counts */
  double *w;        /* [nb] 1/sigma2_i */
  double *bkg;      /* [nbkg][nb] background components */
  double *sm;       /* [nb] signal part independent of mu */
  double *dip;      /* [nb] per unit mu^2 */
  double *intf;     /* [nb] per unit mu */
  double *nu_sigma; /* [nnu] Gaussian widths */
  double *nu_shape; /* [nnu][nb] shapes s_ki */
  unsigned char *nu_tgt;  /* [nnu][nbkg + 1]: 0 = signal, 1 + c = background c */
  unsigned char *bkg_set; /* [nbkg] */
  unsigned char *nu_set;  /* [nnu] */
  int has_obs, has_sigma2, has_signal;
  /* workspace */
  double *sig; /* [nb] signal_i(mu) */
  double *res; /* [nb] r_i, then the post-fit residual */
  double *col; /* [nnu][nb] C_ki (unscaled) */
  double *mat; /* [nnu][nnu] 1 + G, then its Cholesky factor (lower) */
  double *rhs; /* [nnu] g, then u */
  /* the two blocks everything above points into */
  double *dblock;
  unsigned char *cblock;
  size_t nd, nc; /* their lengths */
};

/* a * b and a + b with overflow detection (the library's saturating size
 * helpers, lib/internal.h: SIZE_MAX means "does not fit"). */
static int mul_ok(size_t a, size_t b, size_t *out)
{
  *out = nutmm_size_mul(a, b);
  return *out != SIZE_MAX;
}

static int add_ok(size_t a, size_t b, size_t *out)
{
  *out = nutmm_size_add(a, b);
  return *out != SIZE_MAX;
}

/* Block lengths for the given sizes; 0 on overflow. */
static int block_sizes(size_t nb, size_t nbkg, size_t nnu, size_t *nd, size_t *nc)
{
  size_t per_bin, t, d, c;
  /* doubles: nb * (obs, w, sm, dip, intf, sig, res = 7 + nbkg + 2 nnu) + nnu (sigma, rhs)
   * + nnu^2 (mat) */
  if (!mul_ok(2, nnu, &per_bin) || !add_ok(per_bin, nbkg, &per_bin) ||
      !add_ok(per_bin, 7, &per_bin) || !mul_ok(nb, per_bin, &d))
    return 0;
  if (!mul_ok(nnu, nnu, &t) || !add_ok(d, t, &d) || !mul_ok(2, nnu, &t) || !add_ok(d, t, &d))
    return 0;
  if (d > SIZE_MAX / sizeof(double))
    return 0;
  /* bytes: nnu (nbkg + 1) + nbkg + nnu */
  if (!add_ok(nbkg, 1, &t) || !mul_ok(nnu, t, &c) || !add_ok(c, nbkg, &c) ||
      !add_ok(c, nnu, &c) || !add_ok(c, 1, &c))
    return 0;
  *nd = d;
  *nc = c;
  return 1;
}

/* Point the arrays into the blocks. */
static void carve(nutmm_chi2 *chi)
{
  double *p = chi->dblock;
  size_t nb = chi->nb;
  chi->obs = p, p += nb;
  chi->w = p, p += nb;
  chi->sm = p, p += nb;
  chi->dip = p, p += nb;
  chi->intf = p, p += nb;
  chi->sig = p, p += nb;
  chi->res = p, p += nb;
  chi->bkg = p, p += chi->nbkg * nb;
  chi->nu_shape = p, p += chi->nnu * nb;
  chi->col = p, p += chi->nnu * nb;
  chi->nu_sigma = p, p += chi->nnu;
  chi->rhs = p, p += chi->nnu;
  chi->mat = p;
  unsigned char *q = chi->cblock;
  chi->nu_tgt = q, q += chi->nnu * (chi->nbkg + 1);
  chi->bkg_set = q, q += chi->nbkg;
  chi->nu_set = q;
}

/* Allocate an object with empty state (everything "not set"). */
static int chi2_new(size_t nbins, size_t nbkg, size_t nnu, nutmm_chi2 **out)
{
  size_t nd, nc;
  if (!block_sizes(nbins, nbkg, nnu, &nd, &nc))
    NUTMM_FAIL(NUTMM_EBADLEN, "sizes nbins = %zu, n_backgrounds = %zu, n_nuisances = %zu overflow",
               nbins, nbkg, nnu);
  nutmm_chi2 *chi = nutmm_calloc_n(1, sizeof *chi);
  if (chi == NULL)
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate the chi2 object");
  chi->dblock = nutmm_calloc_n(nd, sizeof(double));
  chi->cblock = nutmm_calloc_n(nc, 1);
  if (chi->dblock == NULL || chi->cblock == NULL) {
    nutmm_chi2_free(chi);
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate %zu doubles for %zu bins and %zu nuisances", nd,
               nbins, nnu);
  }
  chi->nb = nbins;
  chi->nbkg = nbkg;
  chi->nnu = nnu;
  chi->nd = nd;
  chi->nc = nc;
  carve(chi);
  *out = chi;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_alloc(size_t nbins, size_t n_backgrounds, size_t n_nuisances, nutmm_chi2 **chi)
{
  NUTMM_CHECK_PTR(chi);
  *chi = NULL;
  if (nbins == 0)
    NUTMM_FAIL(NUTMM_EBADLEN, "nbins = 0: a chi2 needs at least one bin");
  NUTMM_TRY(chi2_new(nbins, n_backgrounds, n_nuisances, chi));
  return NUTMM_SUCCESS;
}

/* Eq. (27) of arXiv:2109.09545 (physics.md H): Asimov data, variance N_SM + B, one pull. */
int nutmm_chi2_asimov_alloc(size_t nbins, const double *n_sm, const double *bkg,
                            double sigma_sys, nutmm_chi2 **chi)
{
  NUTMM_CHECK_PTR(chi);
  *chi = NULL;
  NUTMM_CHECK_PTR(n_sm);
  NUTMM_CHECK_PTR(bkg);
  NUTMM_CHECK_NONNEG(sigma_sys);
  for (size_t i = 0; i < nbins; i++) {
    if (!(n_sm[i] > 0.0) || !isfinite(n_sm[i]))
      NUTMM_FAIL(NUTMM_EDOM, "bin %zu: N_SM = %g must be finite and > 0", i, n_sm[i]);
    if (!(bkg[i] >= 0.0) || !isfinite(bkg[i]))
      NUTMM_FAIL(NUTMM_EDOM, "bin %zu: background = %g must be finite and >= 0", i, bkg[i]);
  }
  nutmm_chi2 *c = NULL;
  NUTMM_TRY(nutmm_chi2_alloc(nbins, 0, 1, &c));
  double *var = nutmm_malloc_n(nbins, sizeof *var);
  if (!var) {
    nutmm_chi2_free(c);
    NUTMM_FAIL(NUTMM_ENOMEM, "variances of %zu bins", nbins);
  }
  for (size_t i = 0; i < nbins; i++)
    var[i] = n_sm[i] + bkg[i];
  int s = nutmm_chi2_set_observed(c, n_sm);
  if (!s)
    s = nutmm_chi2_set_sigma2(c, var);
  if (!s)
    s = nutmm_chi2_set_nuisance(c, 0, sigma_sys, NUTMM_CHI2_SIGNAL, NULL);
  if (!s)
    s = nutmm_chi2_set_signal(c, n_sm, NULL, NULL);
  free(var);
  if (s) {
    nutmm_chi2_free(c);
    return nutmm_error_chain(s, __func__);
  }
  *chi = c;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_clone(const nutmm_chi2 *src, nutmm_chi2 **dst)
{
  NUTMM_CHECK_PTR(dst);
  *dst = NULL;
  NUTMM_CHECK_PTR(src);
  nutmm_chi2 *c = NULL;
  NUTMM_TRY(chi2_new(src->nb, src->nbkg, src->nnu, &c));
  memcpy(c->dblock, src->dblock, src->nd * sizeof(double));
  memcpy(c->cblock, src->cblock, src->nc);
  c->has_obs = src->has_obs;
  c->has_sigma2 = src->has_sigma2;
  c->has_signal = src->has_signal;
  *dst = c;
  return NUTMM_SUCCESS;
}

void nutmm_chi2_free(nutmm_chi2 *chi)
{
  if (chi == NULL)
    return;
  free(chi->dblock);
  free(chi->cblock);
  free(chi);
}

size_t nutmm_chi2_nbins(const nutmm_chi2 *chi) { return chi ? chi->nb : 0; }
size_t nutmm_chi2_n_backgrounds(const nutmm_chi2 *chi) { return chi ? chi->nbkg : 0; }
size_t nutmm_chi2_n_nuisances(const nutmm_chi2 *chi) { return chi ? chi->nnu : 0; }

/* ---------------------------------------------------------------- setters */

/* Validate x[0..n-1]: finite, and > 0 if `positive`.  Reason names func, what and bin. */
static int check_array(const double *x, size_t n, const char *what, int positive,
                       const char *func)
{
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(x[i]))
      return nutmm_error_set(NUTMM_EDOM, func, "%s[%zu] = %g is not finite", what, i, x[i]);
    if (positive && !(x[i] > 0.0))
      return nutmm_error_set(NUTMM_EDOM, func, "%s[%zu] = %g must be > 0", what, i, x[i]);
  }
  return NUTMM_SUCCESS;
}

int nutmm_chi2_set_observed(nutmm_chi2 *chi, const double *observed)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(observed);
  int s = check_array(observed, chi->nb, "observed", 0, __func__);
  if (s)
    return s;
  memcpy(chi->obs, observed, chi->nb * sizeof(double));
  chi->has_obs = 1;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_set_sigma2(nutmm_chi2 *chi, const double *sigma2)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(sigma2);
  int s = check_array(sigma2, chi->nb, "sigma2", 1, __func__);
  if (s)
    return s;
  for (size_t i = 0; i < chi->nb; i++)
    chi->w[i] = 1.0 / sigma2[i];
  for (size_t i = 0; i < chi->nb; i++)
    if (!isfinite(chi->w[i]))
      NUTMM_FAIL(NUTMM_EDOM, "sigma2[%zu] = %g is too small (1/sigma2 overflows)", i, sigma2[i]);
  chi->has_sigma2 = 1;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_set_background(nutmm_chi2 *chi, size_t c, const double *values)
{
  NUTMM_CHECK_PTR(chi);
  if (c >= chi->nbkg)
    NUTMM_FAIL(NUTMM_EBADLEN, "background component %zu out of range (n_backgrounds = %zu)", c,
               chi->nbkg);
  NUTMM_CHECK_PTR(values);
  int s = check_array(values, chi->nb, "background", 0, __func__);
  if (s)
    return s;
  memcpy(chi->bkg + c * chi->nb, values, chi->nb * sizeof(double));
  chi->bkg_set[c] = 1;
  return NUTMM_SUCCESS;
}

/* Slot of a nuisance target in nu_tgt: 0 = signal, 1 + c = background c. */
static int target_slot(const nutmm_chi2 *chi, int target, size_t *slot, const char *func)
{
  if (target == NUTMM_CHI2_SIGNAL) {
    *slot = 0;
    return NUTMM_SUCCESS;
  }
  if (target < 0 || (size_t)target >= chi->nbkg)
    return nutmm_error_set(NUTMM_EBADLEN, func,
                           "target %d is neither NUTMM_CHI2_SIGNAL nor a background index "
                           "(n_backgrounds = %zu)",
                           target, chi->nbkg);
  *slot = 1 + (size_t)target;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_set_nuisance(nutmm_chi2 *chi, size_t k, double sigma, int target,
                            const double *shape)
{
  NUTMM_CHECK_PTR(chi);
  if (k >= chi->nnu)
    NUTMM_FAIL(NUTMM_EBADLEN, "nuisance %zu out of range (n_nuisances = %zu)", k, chi->nnu);
  NUTMM_CHECK_NONNEG(sigma);
  size_t slot = 0;
  int s = target_slot(chi, target, &slot, __func__);
  if (s)
    return s;
  if (shape != NULL && (s = check_array(shape, chi->nb, "shape", 0, __func__)) != 0)
    return s;
  double *sh = chi->nu_shape + k * chi->nb;
  for (size_t i = 0; i < chi->nb; i++)
    sh[i] = shape ? shape[i] : 1.0;
  unsigned char *tg = chi->nu_tgt + k * (chi->nbkg + 1);
  memset(tg, 0, chi->nbkg + 1);
  tg[slot] = 1;
  chi->nu_sigma[k] = sigma;
  chi->nu_set[k] = 1;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_nuisance_add_target(nutmm_chi2 *chi, size_t k, int target)
{
  NUTMM_CHECK_PTR(chi);
  if (k >= chi->nnu)
    NUTMM_FAIL(NUTMM_EBADLEN, "nuisance %zu out of range (n_nuisances = %zu)", k, chi->nnu);
  if (!chi->nu_set[k])
    NUTMM_FAIL(NUTMM_EINVAL, "nuisance %zu not defined yet (call nutmm_chi2_set_nuisance)", k);
  size_t slot = 0;
  int s = target_slot(chi, target, &slot, __func__);
  if (s)
    return s;
  chi->nu_tgt[k * (chi->nbkg + 1) + slot] = 1;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_set_signal(nutmm_chi2 *chi, const double *sm, const double *dipole,
                          const double *interference)
{
  NUTMM_CHECK_PTR(chi);
  int s;
  if ((sm && (s = check_array(sm, chi->nb, "sm", 0, __func__)) != 0) ||
      (dipole && (s = check_array(dipole, chi->nb, "dipole", 0, __func__)) != 0) ||
      (interference && (s = check_array(interference, chi->nb, "interference", 0, __func__)) != 0))
    return s;
  const size_t bytes = chi->nb * sizeof(double);
  if (sm)
    memcpy(chi->sm, sm, bytes);
  else
    memset(chi->sm, 0, bytes); /* all-bits-zero is 0.0 in IEEE 754 */
  if (dipole)
    memcpy(chi->dip, dipole, bytes);
  else
    memset(chi->dip, 0, bytes);
  if (interference)
    memcpy(chi->intf, interference, bytes);
  else
    memset(chi->intf, 0, bytes);
  chi->has_signal = 1;
  return NUTMM_SUCCESS;
}

/* ------------------------------------------------------------- evaluation */

/* Everything set?  Reason names what is missing. */
static int chi2_ready(const nutmm_chi2 *chi, const char *func)
{
  if (!chi->has_obs)
    return nutmm_error_set(NUTMM_EINVAL, func, "observed counts not set (nutmm_chi2_set_observed)");
  if (!chi->has_sigma2)
    return nutmm_error_set(NUTMM_EINVAL, func, "variances not set (nutmm_chi2_set_sigma2)");
  if (!chi->has_signal)
    return nutmm_error_set(NUTMM_EINVAL, func, "signal parts not set (nutmm_chi2_set_signal)");
  for (size_t c = 0; c < chi->nbkg; c++)
    if (!chi->bkg_set[c])
      return nutmm_error_set(NUTMM_EINVAL, func,
                             "background component %zu not set (nutmm_chi2_set_background)", c);
  for (size_t k = 0; k < chi->nnu; k++)
    if (!chi->nu_set[k])
      return nutmm_error_set(NUTMM_EINVAL, func, "nuisance %zu not set (nutmm_chi2_set_nuisance)",
                             k);
  return NUTMM_SUCCESS;
}

/* Common argument checks of the evaluation calls. */
static int eval_args(const nutmm_chi2 *chi, double mu, const double *xi, const char *func)
{
  if (!isfinite(mu) || mu < 0.0)
    return nutmm_error_set(NUTMM_EDOM, func, "mu = %g must be finite and >= 0", mu);
  int s = chi2_ready(chi, func);
  if (s)
    return s;
  if (xi != NULL)
    for (size_t k = 0; k < chi->nnu; k++)
      if (!isfinite(xi[k]))
        return nutmm_error_set(NUTMM_EDOM, func, "xi[%zu] = %g is not finite", k, xi[k]);
  return NUTMM_SUCCESS;
}

/* sig = signal(mu) (section H model), res = obs - sig - sum_c B_c, col = C_ki. */
static void fill(nutmm_chi2 *chi, double mu)
{
  const size_t nb = chi->nb, nbkg = chi->nbkg;
  const double mu2 = mu * mu;
  for (size_t i = 0; i < nb; i++) {
    chi->sig[i] = chi->sm[i] + mu2 * chi->dip[i] + mu * chi->intf[i];
    chi->res[i] = chi->obs[i] - chi->sig[i];
  }
  for (size_t c = 0; c < nbkg; c++) {
    const double *b = chi->bkg + c * nb;
    for (size_t i = 0; i < nb; i++)
      chi->res[i] -= b[i];
  }
  for (size_t k = 0; k < chi->nnu; k++) {
    const unsigned char *tg = chi->nu_tgt + k * (nbkg + 1);
    const double *sh = chi->nu_shape + k * nb;
    double *ck = chi->col + k * nb;
    for (size_t i = 0; i < nb; i++)
      ck[i] = tg[0] ? chi->sig[i] : 0.0;
    for (size_t c = 0; c < nbkg; c++)
      if (tg[1 + c]) {
        const double *b = chi->bkg + c * nb;
        for (size_t i = 0; i < nb; i++)
          ck[i] += b[i];
      }
    for (size_t i = 0; i < nb; i++)
      ck[i] *= sh[i];
  }
}

/* Solve (1 + G) u = g in the scaled variables (see the file comment); on
 * return rhs holds u.  Cholesky, lower factor stored in mat. */
static int profile(nutmm_chi2 *chi, const char *func)
{
  const size_t n = chi->nnu, nb = chi->nb;
  double *M = chi->mat, *u = chi->rhs;
  for (size_t k = 0; k < n; k++) {
    const double *ck = chi->col + k * nb;
    const double sk = chi->nu_sigma[k];
    double g = 0.0;
    for (size_t i = 0; i < nb; i++)
      g += chi->w[i] * ck[i] * chi->res[i];
    u[k] = sk * g;
    for (size_t l = 0; l <= k; l++) {
      const double *cl = chi->col + l * nb;
      double a = 0.0;
      for (size_t i = 0; i < nb; i++)
        a += chi->w[i] * ck[i] * cl[i];
      M[k * n + l] = sk * chi->nu_sigma[l] * a + (k == l ? 1.0 : 0.0);
    }
  }
  /* Cholesky M = L L^T (lower triangle, row-major) */
  for (size_t j = 0; j < n; j++) {
    double d = M[j * n + j];
    for (size_t p = 0; p < j; p++)
      d -= M[j * n + p] * M[j * n + p];
    if (!(d > 0.0) || !isfinite(d))
      return nutmm_error_set(NUTMM_ERANGE, func,
                             "nuisance matrix not positive definite at row %zu (pivot %g): "
                             "overflow in the inputs",
                             j, d);
    d = sqrt(d);
    M[j * n + j] = d;
    for (size_t i = j + 1; i < n; i++) {
      double s = M[i * n + j];
      for (size_t p = 0; p < j; p++)
        s -= M[i * n + p] * M[j * n + p];
      M[i * n + j] = s / d;
    }
  }
  /* L y = g, then L^T u = y */
  for (size_t i = 0; i < n; i++) {
    double s = u[i];
    for (size_t p = 0; p < i; p++)
      s -= M[i * n + p] * u[p];
    u[i] = s / M[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    double s = u[i];
    for (size_t p = i + 1; p < n; p++)
      s -= M[p * n + i] * u[p];
    u[i] = s / M[i * n + i];
  }
  return NUTMM_SUCCESS;
}

/* chi2 for nuisances xi (unscaled); pulls sum_k (xi_k/sigma_k)^2 given as `pull`.
 * Leaves the post-fit residual in res. */
static double chi2_at(nutmm_chi2 *chi, const double *xi, double pull)
{
  const size_t nb = chi->nb;
  for (size_t k = 0; k < chi->nnu; k++) {
    const double *ck = chi->col + k * nb;
    for (size_t i = 0; i < nb; i++)
      chi->res[i] -= xi[k] * ck[i];
  }
  double s = 0.0;
  for (size_t i = 0; i < nb; i++)
    s += chi->w[i] * chi->res[i] * chi->res[i];
  return s + pull;
}

/* Profiled evaluation into the workspace; xi_ws receives xi (nnu entries). */
static int eval_profiled(nutmm_chi2 *chi, double mu, double *chi2, double *xi_ws,
                         const char *func)
{
  fill(chi, mu);
  double pull = 0.0;
  if (chi->nnu > 0) {
    int s = profile(chi, func);
    if (s)
      return s;
    for (size_t k = 0; k < chi->nnu; k++) {
      pull += chi->rhs[k] * chi->rhs[k];
      xi_ws[k] = chi->nu_sigma[k] * chi->rhs[k];
    }
  }
  *chi2 = chi2_at(chi, xi_ws, pull);
  if (!isfinite(*chi2))
    return nutmm_error_set(NUTMM_ERANGE, func, "chi2 overflows at mu = %g", mu);
  return NUTMM_SUCCESS;
}

int nutmm_chi2_eval(nutmm_chi2 *chi, double mu, double *chi2, double *xi)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(chi2);
  int s = eval_args(chi, mu, NULL, __func__);
  if (s)
    return s;
  /* the solution u sits in rhs; xi_ws may alias the caller's array or reuse
   * rhs itself (xi_k = sigma_k u_k elementwise is safe in place) */
  s = eval_profiled(chi, mu, chi2, xi ? xi : chi->rhs, __func__);
  return s;
}

/* Pull term for fixed xi; xi_k != 0 with sigma_k = 0 is an error. */
static int fixed_pull(const nutmm_chi2 *chi, const double *xi, double *pull, const char *func)
{
  double p = 0.0;
  for (size_t k = 0; k < chi->nnu; k++) {
    if (chi->nu_sigma[k] == 0.0) {
      if (xi[k] != 0.0)
        return nutmm_error_set(NUTMM_EDOM, func,
                               "xi[%zu] = %g but nuisance %zu is fixed (sigma = 0)", k, xi[k], k);
      continue;
    }
    const double t = xi[k] / chi->nu_sigma[k];
    p += t * t;
  }
  *pull = p;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_eval_fixed(nutmm_chi2 *chi, double mu, const double *xi, double *chi2)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(chi2);
  if (chi->nnu > 0)
    NUTMM_CHECK_PTR(xi);
  int s = eval_args(chi, mu, xi, __func__);
  double pull = 0.0;
  if (s || (s = fixed_pull(chi, xi, &pull, __func__)) != 0)
    return s;
  fill(chi, mu);
  *chi2 = chi2_at(chi, xi, pull);
  if (!isfinite(*chi2))
    NUTMM_FAIL(NUTMM_ERANGE, "chi2 overflows at mu = %g", mu);
  return NUTMM_SUCCESS;
}

int nutmm_chi2_predict(nutmm_chi2 *chi, double mu, const double *xi, double *total,
                       double *signal)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(total);
  int s = eval_args(chi, mu, xi, __func__);
  if (s)
    return s;
  const double *x = xi;
  if (x == NULL) {
    double c2;
    if ((s = eval_profiled(chi, mu, &c2, chi->rhs, __func__)) != 0)
      return s;
    x = chi->rhs; /* now xi_k */
  } else {
    fill(chi, mu);
  }
  const size_t nb = chi->nb, nbkg = chi->nbkg;
  for (size_t i = 0; i < nb; i++)
    total[i] = chi->sig[i];
  for (size_t c = 0; c < nbkg; c++)
    for (size_t i = 0; i < nb; i++)
      total[i] += chi->bkg[c * nb + i];
  for (size_t k = 0; k < chi->nnu; k++)
    for (size_t i = 0; i < nb; i++)
      total[i] += x[k] * chi->col[k * nb + i];
  if (signal != NULL) {
    for (size_t i = 0; i < nb; i++) {
      double f = 1.0;
      for (size_t k = 0; k < chi->nnu; k++)
        if (chi->nu_tgt[k * (nbkg + 1)])
          f += x[k] * chi->nu_shape[k * nb + i];
      signal[i] = f * chi->sig[i];
    }
  }
  for (size_t i = 0; i < nb; i++)
    if (!isfinite(total[i]))
      NUTMM_FAIL(NUTMM_ERANGE, "prediction overflows in bin %zu at mu = %g", i, mu);
  return NUTMM_SUCCESS;
}

int nutmm_chi2_mu_scale_(const nutmm_chi2 *chi, double *mu0)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(mu0);
  if (!chi->has_sigma2 || !chi->has_signal)
    NUTMM_FAIL(NUTMM_EINVAL, "variances or signal parts not set");
  double sd = 0.0, si = 0.0;
  for (size_t i = 0; i < chi->nb; i++) {
    sd += chi->w[i] * chi->dip[i] * chi->dip[i];
    si += chi->w[i] * chi->intf[i] * chi->intf[i];
  }
  if (!isfinite(sd) || !isfinite(si))
    NUTMM_FAIL(NUTMM_ERANGE, "sum of (D/sigma)^2 or (I/sigma)^2 overflows: rescale mu");
  double m = 0.0;
  if (sd > 0.0)
    m = 1.0 / sqrt(sqrt(sd)); /* mu^4 sum D^2/sigma2 = 1 */
  if (si > 0.0) {
    const double mi = 1.0 / sqrt(si); /* mu^2 sum I^2/sigma2 = 1 */
    m = (m > 0.0 && m < mi) ? m : mi;
  }
  *mu0 = m;
  return NUTMM_SUCCESS;
}
