/* libnutmm -- the generic likelihood with pulled nuisances
 * (eqs. (23)-(27) of arXiv:2109.09545).
 *
 * Model (stats.h):
 *   signal_i(mu)   = SM_i + mu^2 D_i + mu I_i
 *   parts X_ti:      t = 0 the signal, t = 1 + c background c
 *   pred_i(mu, xi) = sum_t X_ti f_ti(xi),
 *     linear pulls:  f_ti = 1 + sum_{k acting on t} xi_k s_ki
 *     product pulls: f_ti = prod_{k acting on t} (1 + xi_k s_ki)
 *   Gaussian:  chi2 = min_xi sum_i w_i (obs_i - pred_i)^2 + sum_k (xi_k/sigma_k)^2,  w = 1/sigma2
 *   Poisson:   chi2 = min_xi 2 sum_i [pred_i - obs_i + obs_i ln(obs_i/pred_i)] + pulls
 *              (Baker & Cousins, NIM 221 (1984) 437, eq. (13)).
 *
 * Gaussian with linear pulls (the paper's eqs. (24)-(27)): pred is linear in xi, so with
 * r_i = obs_i - signal_i - sum_c B_ci, u_k = xi_k/sigma_k and a_ki = sigma_k C_ki
 * (C_ki = s_ki sum_{t in T_k} X_ti) the bracket is |r - A^T u|_w^2 + |u|^2, minimised by
 * (1 + G) u = g, G_kl = sum_i w_i a_ki a_li, g_k = sum_i w_i a_ki r_i.  1 + G is symmetric
 * with eigenvalues >= 1, so Cholesky without pivoting is backward stable.  The minimum is
 * evaluated from the residuals (not as r.r - g.u) to avoid cancellation.  sigma_k = 0 gives a
 * zero column and u_k = 0: the nuisance is fixed at 0.
 *
 * Product pulls (the exact eq. (23): (1 + beta)(s + (1 + alpha) B0)) and the Poisson form are
 * not quadratic in xi: damped Newton steps in u from the linear-Gaussian solution (Gaussian)
 * or from u = 0 (Poisson), with the exact Hessian where it is positive definite and the
 * Gauss-Newton matrix (always positive definite: + 1 from the pulls) otherwise, each step
 * halved until the objective decreases.  Two cases have their own iteration with the same
 * rules: Poisson with linear pulls (profile_newton_linear: the Jacobian is constant) and
 * Gaussian with product pulls of bin-independent shapes (profile_newton_gram: the data term
 * is a quadratic form in a few fixed vectors).
 *
 * The model (struct nutmm_chi2) is read-only in every *_parts call; all scratch lives in a
 * nutmm_chi2_workspace.  The legacy single-thread calls (set_signal / eval / predict) use a
 * workspace and signal copy held by the object itself.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nutmm/stats.h"
#include "stats_internal.h"

/* Newton iterations of the nonlinear profile, and step halvings per iteration. */
#define NEWTON_MAX_ITER 100
#define NEWTON_MAX_HALVINGS 60
/* Stop when the step in u (pull units) is below this (absolute + relative). */
#define NEWTON_TOL 1e-13
/* Stop when the full step promises a decrease below this (absolute + relative to the
 * objective): the remaining gain is rounding, and a line search comparing objective values
 * that differ by rounding only would halve a good step dozens of times. */
#define NEWTON_FLAT 1e-13
/* A Poisson Newton step that would cross the domain's boundary stops where the prediction of
 * the bin limiting it has fallen to this fraction of its value (interior-point practice). */
#define BOUNDARY_FRACTION 0.1
/* The Poisson objective with linear pulls is self-concordant (each term 2 n (-ln pred) with
 * 2 n >= 1, linear terms and |u|^2, composed with an affine map): where the Newton decrement
 * lambda = sqrt(g . H^-1 g) is at most 1/4, the full step decreases it and stays in the domain
 * (Boyd & Vandenberghe, Convex Optimization, sec. 9.6.4), so it is taken without evaluating
 * the objective (its logarithms).  For 2 n_min < 1 the bound is lambda^2 <= 2 n_min / 16. */
#define NEWTON_PURE_LAMBDA2 (1.0 / 16.0)

struct nutmm_chi2_workspace {
  size_t nb, nbkg, nnu; /* sizes of the model it was made for */
  double *sig;  /* [nb] signal_i(mu) */
  double *res;  /* [nb] residual / scratch */
  double *pred; /* [nb] prediction */
  double *col;  /* [nnu][nb] C_ki (linear) or the Jacobian d pred_i / d xi_k */
  double *mat;  /* [nnu][nnu] matrix, then its Cholesky factor (lower) */
  double *rhs;  /* [nnu] right-hand side, then the solution */
  double *u, *du, *ut, *grad; /* [nnu] Newton state */
  double *xi;   /* [nnu] nuisances when the caller wants none back */
  double *fac;  /* [nnu][nb] factors 1 + xi_k s_ki of the product pulls */
  double *d1, *d2;    /* [nb] dF/dpred_i, d2F/dpred_i^2 at the current Newton point */
  double *tmp, *tmp2; /* [nb] products of pull factors */
  size_t *act;  /* [nbkg + 1][nnu]: the nuisances acting on part t, ascending */
  size_t *nact; /* [nbkg + 1]: their number */
  /* profile_newton_gram's Gram matrix [(4 + nbkg)^2] and what it was made of: the signal
   * parts (3 nb, and whether each was given), obs, w and the backgrounds ((2 + nbkg) nb) */
  double *gram, *gram_key;
  unsigned char gram_has[3];
  int gram_valid;
  double *block;
};

struct nutmm_chi2 {
  size_t nb, nbkg, nnu;
  nutmm_chi2_form form;
  nutmm_chi2_pulls pulls;
  /* set by the caller (copies) */
  double *obs;      /* [nb] observed counts */
  double *w;        /* [nb] 1/sigma2_i */
  double *bkg;      /* [nbkg][nb] background components */
  double *nu_sigma; /* [nnu] Gaussian widths */
  double *nu_shape; /* [nnu][nb] shapes s_ki */
  unsigned char *nu_tgt;  /* [nnu][nbkg + 1]: 0 = signal, 1 + c = background c */
  unsigned char *bkg_set; /* [nbkg] */
  unsigned char *nu_set;  /* [nnu] */
  int has_obs, has_sigma2;
  /* legacy single-thread path: stored signal parts and an own workspace */
  double *sm, *dip, *intf; /* [nb] */
  int has_signal;
  nutmm_chi2_workspace *own;
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
  /* doubles: nb * (obs, w, sm, dip, intf = 5 + nbkg + nnu) + nnu (sigma) */
  if (!add_ok(nnu, nbkg, &per_bin) || !add_ok(per_bin, 5, &per_bin) || !mul_ok(nb, per_bin, &d))
    return 0;
  if (!add_ok(d, nnu, &d) || d > SIZE_MAX / sizeof(double))
    return 0;
  /* bytes: nnu (nbkg + 1) + nbkg + nnu + 1 */
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
  chi->bkg = p, p += chi->nbkg * nb;
  chi->nu_shape = p, p += chi->nnu * nb;
  chi->nu_sigma = p;
  unsigned char *q = chi->cblock;
  chi->nu_tgt = q, q += chi->nnu * (chi->nbkg + 1);
  chi->bkg_set = q, q += chi->nbkg;
  chi->nu_set = q;
}

static int ws_new(size_t nb, size_t nbkg, size_t nnu, nutmm_chi2_workspace **out)
{
  size_t n, t, ni, gk, gm;
  /* 7 nb + 2 nnu nb + nnu^2 + 6 nnu doubles, the Gram cache ((5 + nbkg) nb + (4 + nbkg)^2),
   * and (nbkg + 1)(nnu + 1) indices (the sizes were checked by the model) */
  if (!mul_ok(2 * nnu + 7, nb, &n) || !mul_ok(nnu, nnu + 6, &t) || !add_ok(n, t, &n) ||
      !mul_ok(nbkg + 5, nb, &gk) || !mul_ok(nbkg + 4, nbkg + 4, &gm) || !add_ok(n, gk, &n) ||
      !add_ok(n, gm, &n) || n > SIZE_MAX / sizeof(double) || !mul_ok(nbkg + 1, nnu + 1, &ni) ||
      ni > SIZE_MAX / sizeof(size_t))
    NUTMM_FAIL(NUTMM_EBADLEN, "workspace of %zu bins and %zu nuisances overflows", nb, nnu);
  nutmm_chi2_workspace *ws = calloc(1, sizeof *ws);
  double *p = ws ? calloc(n ? n : 1, sizeof(double)) : NULL;
  size_t *idx = p ? calloc(ni, sizeof(size_t)) : NULL;
  if (!idx) {
    free(p);
    free(ws);
    NUTMM_FAIL(NUTMM_ENOMEM, "chi2 workspace of %zu doubles", n);
  }
  ws->block = p;
  ws->act = idx;
  ws->nact = idx + (nbkg + 1) * nnu;
  ws->nb = nb;
  ws->nbkg = nbkg;
  ws->nnu = nnu;
  ws->sig = p, p += nb;
  ws->res = p, p += nb;
  ws->pred = p, p += nb;
  ws->col = p, p += nnu * nb;
  ws->mat = p, p += nnu * nnu;
  ws->rhs = p, p += nnu;
  ws->u = p, p += nnu;
  ws->du = p, p += nnu;
  ws->ut = p, p += nnu;
  ws->grad = p, p += nnu;
  ws->fac = p, p += nnu * nb;
  ws->d1 = p, p += nb;
  ws->d2 = p, p += nb;
  ws->tmp = p, p += nb;
  ws->tmp2 = p, p += nb;
  ws->gram = p, p += gm;
  ws->gram_key = p, p += gk;
  ws->xi = p;
  *out = ws;
  return NUTMM_SUCCESS;
}

void nutmm_chi2_workspace_free(nutmm_chi2_workspace *ws)
{
  if (!ws)
    return;
  free(ws->block);
  free(ws->act);
  free(ws);
}

int nutmm_chi2_workspace_alloc(const nutmm_chi2 *model, nutmm_chi2_workspace **ws)
{
  NUTMM_CHECK_PTR(ws);
  *ws = NULL;
  NUTMM_CHECK_PTR(model);
  NUTMM_TRY(ws_new(model->nb, model->nbkg, model->nnu, ws));
  return NUTMM_SUCCESS;
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
  chi->form = NUTMM_CHI2_GAUSSIAN;
  chi->pulls = NUTMM_PULLS_LINEAR;
  carve(chi);
  int s = ws_new(nbins, nbkg, nnu, &chi->own);
  if (s) {
    nutmm_chi2_free(chi);
    return nutmm_error_chain(s, __func__);
  }
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

/* Eq. (27) of arXiv:2109.09545: Asimov data, variance N_SM + B, one pull. */
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
  c->form = src->form;
  c->pulls = src->pulls;
  *dst = c;
  return NUTMM_SUCCESS;
}

void nutmm_chi2_free(nutmm_chi2 *chi)
{
  if (chi == NULL)
    return;
  nutmm_chi2_workspace_free(chi->own);
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

int nutmm_chi2_set_form(nutmm_chi2 *chi, nutmm_chi2_form form, nutmm_chi2_pulls pulls)
{
  NUTMM_CHECK_PTR(chi);
  if (form != NUTMM_CHI2_GAUSSIAN && form != NUTMM_CHI2_POISSON)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown likelihood form %d", (int)form);
  if (pulls != NUTMM_PULLS_LINEAR && pulls != NUTMM_PULLS_PRODUCT)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown pull form %d", (int)pulls);
  if (form == NUTMM_CHI2_POISSON && chi->has_obs)
    for (size_t i = 0; i < chi->nb; i++)
      if (chi->obs[i] < 0.0)
        NUTMM_FAIL(NUTMM_EDOM, "Poisson form: observed[%zu] = %g is negative", i, chi->obs[i]);
  chi->form = form;
  chi->pulls = pulls;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_set_observed(nutmm_chi2 *chi, const double *observed)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(observed);
  int s = check_array(observed, chi->nb, "observed", 0, __func__);
  if (s)
    return s;
  if (chi->form == NUTMM_CHI2_POISSON)
    for (size_t i = 0; i < chi->nb; i++)
      if (observed[i] < 0.0)
        NUTMM_FAIL(NUTMM_EDOM, "Poisson form: observed[%zu] = %g is negative", i, observed[i]);
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
    if (!isfinite(1.0 / sigma2[i]))
      NUTMM_FAIL(NUTMM_EDOM, "sigma2[%zu] = %g is too small (1/sigma2 overflows)", i, sigma2[i]);
  for (size_t i = 0; i < chi->nb; i++)
    chi->w[i] = 1.0 / sigma2[i];
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

/* Check signal parts against the model (finite values; NULL = 0). */
static int check_parts(const nutmm_chi2 *chi, const nutmm_signal_parts *p, const char *func)
{
  int s;
  if ((p->sm && (s = check_array(p->sm, chi->nb, "sm", 0, func)) != 0) ||
      (p->dipole && (s = check_array(p->dipole, chi->nb, "dipole", 0, func)) != 0) ||
      (p->interference &&
       (s = check_array(p->interference, chi->nb, "interference", 0, func)) != 0))
    return s;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_set_signal(nutmm_chi2 *chi, const double *sm, const double *dipole,
                          const double *interference)
{
  NUTMM_CHECK_PTR(chi);
  nutmm_signal_parts p = {sm, dipole, interference};
  int s = check_parts(chi, &p, __func__);
  if (s)
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
static int chi2_ready(const nutmm_chi2 *chi, int need_own_signal, const char *func)
{
  if (!chi->has_obs)
    return nutmm_error_set(NUTMM_EINVAL, func, "observed counts not set (nutmm_chi2_set_observed)");
  if (!chi->has_sigma2 && chi->form == NUTMM_CHI2_GAUSSIAN)
    return nutmm_error_set(NUTMM_EINVAL, func, "variances not set (nutmm_chi2_set_sigma2)");
  if (need_own_signal && !chi->has_signal)
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
static int eval_args(const nutmm_chi2 *chi, const nutmm_chi2_workspace *ws, double mu,
                     const double *xi, const char *func)
{
  if (!isfinite(mu) || mu < 0.0)
    return nutmm_error_set(NUTMM_EDOM, func, "mu = %g must be finite and >= 0", mu);
  int s = chi2_ready(chi, ws == chi->own, func);
  if (s)
    return s;
  if (ws->nb != chi->nb || ws->nbkg != chi->nbkg || ws->nnu != chi->nnu)
    return nutmm_error_set(NUTMM_EINVAL, func, "workspace made for another model (sizes differ)");
  if (xi != NULL)
    for (size_t k = 0; k < chi->nnu; k++)
      if (!isfinite(xi[k]))
        return nutmm_error_set(NUTMM_EDOM, func, "xi[%zu] = %g is not finite", k, xi[k]);
  return NUTMM_SUCCESS;
}

/* ws->sig = signal(mu), ws->res = obs - sig - sum_c B_c, ws->col = C_ki (linear pulls). */
static void fill(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws, const nutmm_signal_parts *p,
                 double mu)
{
  const size_t nb = chi->nb, nbkg = chi->nbkg;
  const double mu2 = mu * mu;
  for (size_t i = 0; i < nb; i++) {
    const double sm = p->sm ? p->sm[i] : 0.0, d = p->dipole ? p->dipole[i] : 0.0,
                 in = p->interference ? p->interference[i] : 0.0;
    ws->sig[i] = sm + mu2 * d + mu * in;
    ws->res[i] = chi->obs[i] - ws->sig[i];
  }
  for (size_t c = 0; c < nbkg; c++) {
    const double *b = chi->bkg + c * nb;
    for (size_t i = 0; i < nb; i++)
      ws->res[i] -= b[i];
  }
  for (size_t k = 0; k < chi->nnu; k++) {
    const unsigned char *tg = chi->nu_tgt + k * (nbkg + 1);
    const double *sh = chi->nu_shape + k * nb;
    double *ck = ws->col + k * nb;
    for (size_t i = 0; i < nb; i++)
      ck[i] = tg[0] ? ws->sig[i] : 0.0;
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

/* Cholesky M = L L^T of the n x n matrix in place (lower triangle, row-major); 0 if not
 * positive definite. */
static int cholesky(double *M, size_t n)
{
  for (size_t j = 0; j < n; j++) {
    double d = M[j * n + j];
    for (size_t p = 0; p < j; p++)
      d -= M[j * n + p] * M[j * n + p];
    if (!(d > 0.0) || !isfinite(d))
      return 0;
    d = sqrt(d);
    M[j * n + j] = d;
    for (size_t i = j + 1; i < n; i++) {
      double s = M[i * n + j];
      for (size_t p = 0; p < j; p++)
        s -= M[i * n + p] * M[j * n + p];
      M[i * n + j] = s / d;
    }
  }
  return 1;
}

/* Solve L L^T x = b in place (b -> x). */
static void cholesky_solve(const double *M, size_t n, double *u)
{
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
}

/* Gaussian, linear pulls: solve (1 + G) u = g (file comment); on return ws->rhs holds u. */
static int profile_linear(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws, const char *func)
{
  const size_t n = chi->nnu, nb = chi->nb;
  double *M = ws->mat, *u = ws->rhs;
  for (size_t k = 0; k < n; k++) {
    const double *ck = ws->col + k * nb;
    const double sk = chi->nu_sigma[k];
    double g = 0.0;
    for (size_t i = 0; i < nb; i++)
      g += chi->w[i] * ck[i] * ws->res[i];
    u[k] = sk * g;
    for (size_t l = 0; l <= k; l++) {
      const double *cl = ws->col + l * nb;
      double a = 0.0;
      for (size_t i = 0; i < nb; i++)
        a += chi->w[i] * ck[i] * cl[i];
      M[k * n + l] = sk * chi->nu_sigma[l] * a + (k == l ? 1.0 : 0.0);
    }
  }
  if (!cholesky(M, n))
    return nutmm_error_set(NUTMM_ERANGE, func,
                           "nuisance matrix not positive definite: overflow in the inputs");
  cholesky_solve(M, n, u);
  return NUTMM_SUCCESS;
}

/* chi2 (Gaussian, linear pulls) for nuisances xi (unscaled); pulls sum_k (xi_k/sigma_k)^2 given
 * as `pull`.  Leaves the post-fit residual in res. */
static double chi2_at(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws, const double *xi,
                      double pull)
{
  const size_t nb = chi->nb;
  for (size_t k = 0; k < chi->nnu; k++) {
    const double *ck = ws->col + k * nb;
    for (size_t i = 0; i < nb; i++)
      ws->res[i] -= xi[k] * ck[i];
  }
  double s = 0.0;
  for (size_t i = 0; i < nb; i++)
    s += chi->w[i] * ws->res[i] * ws->res[i];
  return s + pull;
}

/* Factor f_ti(xi) of part t in bin i, omitting nuisances `skip1`, `skip2` (SIZE_MAX: none);
 * for linear pulls the derivative rules are handled by the caller. */
static double pull_factor(const nutmm_chi2 *chi, const double *xi, size_t t, size_t i,
                          size_t skip1, size_t skip2)
{
  const size_t nbkg = chi->nbkg, nb = chi->nb;
  if (chi->pulls == NUTMM_PULLS_LINEAR) {
    double f = 1.0;
    for (size_t k = 0; k < chi->nnu; k++)
      if (chi->nu_tgt[k * (nbkg + 1) + t])
        f += xi[k] * chi->nu_shape[k * nb + i];
    return f;
  }
  double f = 1.0;
  for (size_t k = 0; k < chi->nnu; k++)
    if (k != skip1 && k != skip2 && chi->nu_tgt[k * (nbkg + 1) + t])
      f *= 1.0 + xi[k] * chi->nu_shape[k * nb + i];
  return f;
}

/* The nuisances acting on each part, ascending, into ws->act / ws->nact: the loops below visit
 * only those, in the order pull_factor() multiplies them. */
static void part_lists(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws)
{
  const size_t nbkg = chi->nbkg, n = chi->nnu;
  for (size_t t = 0; t <= nbkg; t++) {
    size_t na = 0;
    for (size_t k = 0; k < n; k++)
      if (chi->nu_tgt[k * (nbkg + 1) + t])
        ws->act[t * n + na++] = k;
    ws->nact[t] = na;
  }
}

/* Part t (0 = signal, 1 + c = background c), all bins. */
static const double *part_vec(const nutmm_chi2 *chi, const nutmm_chi2_workspace *ws, size_t t)
{
  return t == 0 ? ws->sig : chi->bkg + (t - 1) * chi->nb;
}

/* Prediction of every bin at nuisances xi into ws->pred (ws->sig set by fill):
 * pred_i = sum_t X_ti f_ti, each f_ti as pull_factor() forms it.  Loops run over the bins
 * innermost (this is the innermost work of Newton). */
static void predict_general(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws, const double *xi)
{
  const size_t nb = chi->nb, nbkg = chi->nbkg, n = chi->nnu;
  const int product = chi->pulls == NUTMM_PULLS_PRODUCT;
  double *pred = ws->pred, *f = ws->tmp;
  part_lists(chi, ws);
  for (size_t i = 0; i < nb; i++)
    pred[i] = 0.0;
  for (size_t t = 0; t <= nbkg; t++) {
    const double *x = part_vec(chi, ws, t);
    const size_t *act = ws->act + t * n;
    for (size_t i = 0; i < nb; i++)
      f[i] = 1.0;
    for (size_t a = 0; a < ws->nact[t]; a++) {
      const double xk = xi[act[a]], *sk = chi->nu_shape + act[a] * nb;
      if (product)
        for (size_t i = 0; i < nb; i++)
          f[i] *= 1.0 + xk * sk[i];
      else
        for (size_t i = 0; i < nb; i++)
          f[i] += xk * sk[i];
    }
    for (size_t i = 0; i < nb; i++)
      pred[i] += x[i] * f[i];
  }
}

/* Data term of the likelihood from ws->pred; +inf where a Poisson prediction is negative, or
 * zero with events observed. */
static double data_term(const nutmm_chi2 *chi, const nutmm_chi2_workspace *ws)
{
  double s = 0.0;
  if (chi->form == NUTMM_CHI2_GAUSSIAN) {
    for (size_t i = 0; i < chi->nb; i++) {
      const double r = chi->obs[i] - ws->pred[i];
      s += chi->w[i] * r * r;
    }
    return s;
  }
  for (size_t i = 0; i < chi->nb; i++) {
    const double n = chi->obs[i], p = ws->pred[i];
    if (n > 0.0) {
      if (!(p > 0.0))
        return INFINITY;
      s += 2.0 * (p - n + n * log(n / p)); /* Baker-Cousins eq. (13) */
    } else {
      if (p < 0.0) /* a negative expectation has no Poisson probability */
        return INFINITY;
      s += 2.0 * p;
    }
  }
  return s;
}

/* Objective at scaled nuisances u (xi_k = sigma_k u_k) into *f; xi scratch in ws->ut is NOT
 * used here (the caller passes xi). */
static double objective(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws, const double *u,
                        double *xi)
{
  double pull = 0.0;
  for (size_t k = 0; k < chi->nnu; k++) {
    xi[k] = chi->nu_sigma[k] * u[k];
    pull += u[k] * u[k];
  }
  predict_general(chi, ws, xi);
  return data_term(chi, ws) + pull;
}

/* n / p of a Poisson bin, 0 for an empty bin (its term 2 p has derivative 2 at any p >= 0). */
static double poisson_ratio(double n, double p) { return n > 0.0 ? n / p : 0.0; }
/* n / p^2, 0 for an empty bin. */
static double poisson_curvature(double n, double p) { return n > 0.0 ? n / (p * p) : 0.0; }

/* dF/dpred_i of the data term at prediction p of bin i. */
static double data_slope(const nutmm_chi2 *chi, size_t i, double p)
{
  return chi->form == NUTMM_CHI2_GAUSSIAN ? -2.0 * chi->w[i] * (chi->obs[i] - p)
                                          : 2.0 * (1.0 - poisson_ratio(chi->obs[i], p));
}

/* prod[i] = prod over the nuisances act[0..na) other than skip1, skip2 of fac[c][i] (the
 * factors 1 + xi_c s_ci), in pull_factor()'s order. */
static void factor_product(const double *fac, const size_t *act, size_t na, size_t nb,
                           size_t skip1, size_t skip2, double *prod)
{
  for (size_t i = 0; i < nb; i++)
    prod[i] = 1.0;
  for (size_t c = 0; c < na; c++)
    if (act[c] != skip1 && act[c] != skip2) {
      const double *fc = fac + act[c] * nb;
      for (size_t i = 0; i < nb; i++)
        prod[i] *= fc[i];
    }
}

/* Poisson with linear pulls: pred(u + s du) = pred + s J du is linear in s.  The largest
 * step s <= 1 that keeps every prediction of a bin with events above BOUNDARY_FRACTION of its
 * value and every other one >= 0: a full Newton step far from the minimum (a strongly
 * excluded signal that a nuisance near -1 absorbs) would otherwise leave the domain and be
 * halved many times.  Uses the Jacobian in ws->col. */
static double boundary_step(const nutmm_chi2 *chi, const nutmm_chi2_workspace *ws,
                            const double *du)
{
  const size_t n = chi->nnu, nb = chi->nb;
  double step = 1.0;
  for (size_t i = 0; i < nb; i++) {
    double slope = 0.0;
    for (size_t k = 0; k < n; k++)
      slope += ws->col[k * nb + i] * du[k];
    const double room = chi->obs[i] > 0.0 ? (1.0 - BOUNDARY_FRACTION) * ws->pred[i] : ws->pred[i];
    if (slope < 0.0 && room < -slope * step)
      step = room / -slope;
  }
  return step > 0.0 ? step : 1.0; /* at the boundary already: let the halvings decide */
}

/* The gradient g_k = 2 u_k + sum_i d1_i J_ki of the objective (d1 = dF/dpred, J = d pred/du),
 * each a sum over the bins in order. */
static void objective_gradient(const double *J, const double *d1, const double *u, size_t n,
                               size_t nb, double *g)
{
  for (size_t k = 0; k < n; k++) {
    const double *Jk = J + k * nb;
    double gk = 2.0 * u[k];
    for (size_t i = 0; i < nb; i++)
      gk += d1[i] * Jk[i];
    g[k] = gk;
  }
}

/* The Gauss-Newton matrix H_kl = 2 delta_kl + sum_i d2_i J_ki J_li (lower triangle): the
 * Hessian where the prediction is linear in u, positive definite (eigenvalues >= 2). */
static void gauss_newton_matrix(const double *J, const double *d2, size_t n, size_t nb,
                                double *H)
{
  for (size_t k = 0; k < n; k++)
    for (size_t l = 0; l <= k; l++) {
      double h = k == l ? 2.0 : 0.0;
      for (size_t i = 0; i < nb; i++)
        h += d2[i] * J[k * nb + i] * J[l * nb + i];
      H[k * n + l] = h;
    }
}

/* What a damped Newton iteration over scaled nuisances u evaluates: the objective at u
 * (leaving at u whatever state the next iteration reads, e.g. ws->pred) and the first trial
 * step along du (NULL: the full step). */
typedef struct {
  double (*at)(void *ctx, const double *u);
  double (*first_step)(void *ctx, const double *du);
  void *ctx;
} newton_fn;

/* The step control shared by the profiles: from u (objective *f) along the Newton direction
 * du (gradient g), with ut as scratch.  1: converged (u, *f and the state at the minimum);
 * 0: moved, iterate again. */
static int newton_advance(const newton_fn *F, size_t n, double *u, const double *du,
                          const double *g, double *f, double *ut)
{
  /* converged: the full step is below the tolerance (Newton converges quadratically, so what
   * remains is far below it).  Without this exit the line search would halve a step of
   * rounding size NEWTON_MAX_HALVINGS times at the minimum, for nothing. */
  double size0 = 0.0, scale0 = 0.0;
  for (size_t k = 0; k < n; k++) {
    size0 = fmax(size0, fabs(du[k]));
    scale0 = fmax(scale0, fabs(u[k]));
  }
  if (size0 <= NEWTON_TOL * (1.0 + scale0))
    return 1;
  /* converged to rounding: the quadratic model promises -g.du/2 at the full step.  Take it
   * without a line search (its comparison ft <= f would be decided by rounding). */
  double gain = 0.0;
  for (size_t k = 0; k < n; k++)
    gain -= 0.5 * g[k] * du[k];
  if (gain <= NEWTON_FLAT * (1.0 + fabs(*f))) {
    for (size_t k = 0; k < n; k++)
      ut[k] = u[k] + du[k];
    const double ft = F->at(F->ctx, ut);
    if (ft <= *f + NEWTON_FLAT * (1.0 + fabs(*f))) { /* never worse beyond rounding */
      memcpy(u, ut, n * sizeof *u);
      *f = ft;
    } else {
      F->at(F->ctx, u);
    }
    return 1;
  }
  /* damped step, from the full one or from the caller's first step, halved until the
   * objective decreases */
  double step = F->first_step ? F->first_step(F->ctx, du) : 1.0, ft = INFINITY;
  int h;
  for (h = 0; h < NEWTON_MAX_HALVINGS; h++, step *= 0.5) {
    for (size_t k = 0; k < n; k++)
      ut[k] = u[k] + step * du[k];
    ft = F->at(F->ctx, ut);
    if (ft <= *f)
      break;
  }
  if (h == NEWTON_MAX_HALVINGS) { /* no decrease along the direction: at the minimum */
    F->at(F->ctx, u);
    return 1;
  }
  double size = 0.0, scale = 0.0;
  for (size_t k = 0; k < n; k++) {
    size = fmax(size, fabs(step * du[k]));
    scale = fmax(scale, fabs(u[k]));
  }
  memcpy(u, ut, n * sizeof *u);
  *f = ft;
  return size <= NEWTON_TOL * (1.0 + scale);
}

/* The general objective of profile_newton() for newton_fn. */
typedef struct {
  const nutmm_chi2 *chi;
  nutmm_chi2_workspace *ws;
  double *xi;
} general_ctx;

static double general_at(void *ctx, const double *u)
{
  general_ctx *c = ctx;
  return objective(c->chi, c->ws, u, c->xi);
}

/* Nonlinear profile (product pulls or Poisson): damped Newton in u from ws->u.  On return
 * ws->u holds the minimum, xi_out the nuisances, *fmin the minimum. */
static int profile_newton(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws, double *xi_out,
                          double *fmin, const char *func)
{
  const size_t n = chi->nnu, nb = chi->nb, nbkg = chi->nbkg;
  double *u = ws->u, *du = ws->du, *ut = ws->ut, *g = ws->grad, *H = ws->mat, *J = ws->col;
  general_ctx ctx = {chi, ws, xi_out};
  const newton_fn F = {general_at, NULL, &ctx};
  double f = objective(chi, ws, u, xi_out);
  if (!isfinite(f)) { /* e.g. a Poisson start with a non-positive prediction */
    for (size_t k = 0; k < n; k++)
      u[k] = 0.0;
    f = objective(chi, ws, u, xi_out);
    if (!isfinite(f))
      return nutmm_error_set(NUTMM_ERANGE, func,
                             "likelihood not finite at the nominal nuisances (a Poisson "
                             "prediction <= 0 in a bin with events?)");
  }
  for (int it = 0; it < NEWTON_MAX_ITER; it++) {
    /* Jacobian J_ki = d pred_i / d u_k = sigma_k sum_{t acted on by k} X_ti s_ki
     * prod_{q != k} (1 + xi_q s_qi) at xi_out (ws->pred is current); products in
     * pull_factor()'s order, loops over the bins innermost. */
    const int product = chi->pulls == NUTMM_PULLS_PRODUCT;
    double *fac = ws->fac, *d1 = ws->d1, *d2 = ws->d2, *prod = ws->tmp;
    for (size_t k = 0; k < n; k++) {
      const double *sk = chi->nu_shape + k * nb;
      double *Jk = J + k * nb, *fk = fac + k * nb;
      for (size_t i = 0; i < nb; i++) {
        fk[i] = 1.0 + xi_out[k] * sk[i];
        Jk[i] = 0.0;
      }
    }
    for (size_t t = 0; t <= nbkg; t++) {
      const double *x = part_vec(chi, ws, t);
      const size_t *act = ws->act + t * n, na = ws->nact[t];
      for (size_t a = 0; a < na; a++) {
        const size_t k = act[a];
        const double *sk = chi->nu_shape + k * nb;
        double *Jk = J + k * nb;
        if (product && na > 1) {
          factor_product(fac, act, na, nb, k, SIZE_MAX, prod);
          for (size_t i = 0; i < nb; i++)
            Jk[i] += x[i] * sk[i] * prod[i];
        } else {
          for (size_t i = 0; i < nb; i++)
            Jk[i] += x[i] * sk[i]; /* the product over no other factor is 1 */
        }
      }
    }
    for (size_t k = 0; k < n; k++) {
      double *Jk = J + k * nb;
      for (size_t i = 0; i < nb; i++)
        Jk[i] *= chi->nu_sigma[k];
    }
    /* dF/dpred and d2F/dpred2 per bin, then the gradient and the Gauss-Newton part of the
     * Hessian, each a sum over the bins in order */
    for (size_t i = 0; i < nb; i++) {
      d1[i] = data_slope(chi, i, ws->pred[i]);
      d2[i] = chi->form == NUTMM_CHI2_GAUSSIAN
                  ? 2.0 * chi->w[i]
                  : 2.0 * poisson_curvature(chi->obs[i], ws->pred[i]);
    }
    objective_gradient(J, d1, u, n, nb, g);
    for (size_t k = 0; k < n; k++) {
      const double *Jk = J + k * nb;
      for (size_t l = 0; l <= k; l++) {
        const double *Jl = J + l * nb;
        double h = k == l ? 2.0 : 0.0;
        for (size_t i = 0; i < nb; i++)
          h += d2[i] * Jk[i] * Jl[i];
        H[k * n + l] = h;
      }
    }
    /* exact Hessian: + sum_i dF/dpred_i d2 pred_i / du_k du_l (product pulls only, k != l),
     * with d2 pred_i / dxi_k dxi_l = sum over the parts both act on of X_ti s_ki s_li
     * prod_{q != k, l} (1 + xi_q s_qi) */
    memcpy(ut, g, n * sizeof *ut); /* keep g */
    int have_exact = 0;
    if (product && n > 1) {
      /* build the exact one in place and fall back by rebuilding if it is not positive
       * definite */
      have_exact = 1;
      double *h = ws->tmp2;
      for (size_t k = 1; k < n; k++)
        for (size_t l = 0; l < k; l++) {
          int shared = 0;
          for (size_t i = 0; i < nb; i++)
            h[i] = 0.0;
          for (size_t t = 0; t <= nbkg; t++) {
            if (!chi->nu_tgt[k * (nbkg + 1) + t] || !chi->nu_tgt[l * (nbkg + 1) + t])
              continue;
            shared = 1;
            const double *x = part_vec(chi, ws, t), *sk = chi->nu_shape + k * nb,
                         *sl = chi->nu_shape + l * nb;
            factor_product(fac, ws->act + t * n, ws->nact[t], nb, k, l, prod);
            for (size_t i = 0; i < nb; i++)
              h[i] += x[i] * sk[i] * sl[i] * prod[i];
          }
          if (!shared)
            continue;
          const double sigk = chi->nu_sigma[k], sigl = chi->nu_sigma[l];
          double hkl = H[k * n + l];
          for (size_t i = 0; i < nb; i++)
            hkl += d1[i] * sigk * sigl * h[i];
          H[k * n + l] = hkl;
        }
    }
    /* Newton direction: H du = -g (ut holds g) */
    for (size_t k = 0; k < n; k++)
      du[k] = -ut[k];
    if (!cholesky(H, n)) {
      if (!have_exact)
        return nutmm_error_set(NUTMM_ERANGE, func, "Newton matrix not positive definite: "
                                                   "overflow in the inputs");
      gauss_newton_matrix(J, d2, n, nb, H); /* rebuilt: positive definite */
      if (!cholesky(H, n))
        return nutmm_error_set(NUTMM_ERANGE, func, "Gauss-Newton matrix not positive "
                                                   "definite: overflow in the inputs");
    }
    cholesky_solve(H, n, du);
    if (newton_advance(&F, n, u, du, g, &f, ut))
      break;
  }
  *fmin = f;
  return NUTMM_SUCCESS;
}

/* Linear pulls: pred(u) = pred0 + sum_k u_k J_k with the constant Jacobian J_k = sigma_k C_k
 * (C_k from fill(), in ws->col), so a trial point costs one multiply-add per bin and nuisance;
 * into pred[nb]. */
static void predict_linear(const nutmm_chi2 *chi, const nutmm_chi2_workspace *ws,
                           const double *pred0, const double *u, double *pred)
{
  const size_t n = chi->nnu, nb = chi->nb;
  memcpy(pred, pred0, nb * sizeof *pred);
  for (size_t k = 0; k < n; k++) {
    const double *Jk = ws->col + k * nb, uk = u[k];
    for (size_t i = 0; i < nb; i++)
      pred[i] += uk * Jk[i];
  }
}

/* The objective at u, the prediction left in ws->pred. */
static double objective_linear(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                               const double *pred0, const double *u)
{
  double pull = 0.0;
  for (size_t k = 0; k < chi->nnu; k++)
    pull += u[k] * u[k];
  predict_linear(chi, ws, pred0, u, ws->pred);
  return data_term(chi, ws) + pull;
}

typedef struct {
  const nutmm_chi2 *chi;
  nutmm_chi2_workspace *ws;
  const double *pred0;
} linear_ctx;

static double linear_at(void *ctx, const double *u)
{
  linear_ctx *c = ctx;
  return objective_linear(c->chi, c->ws, c->pred0, u);
}

/* A step that would leave the Poisson domain starts at a fraction of the way to its boundary. */
static double linear_first_step(void *ctx, const double *du)
{
  linear_ctx *c = ctx;
  return boundary_step(c->chi, c->ws, du);
}

/* The Poisson profile with linear pulls: profile_newton() with the Jacobian formed once (it
 * does not depend on u) and the Hessian sum_i d2F/dpred_i^2 J_ki J_li + 2 delta_kl exact (pred
 * is linear in u).  The same steps and stopping rules from u = 0, and pure Newton steps once
 * the decrement allows them (NEWTON_PURE_LAMBDA2). */
static int profile_newton_linear(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                                 double *xi_out, double *fmin, const char *func)
{
  const size_t n = chi->nnu, nb = chi->nb, nbkg = chi->nbkg;
  double *u = ws->u, *du = ws->du, *ut = ws->ut, *g = ws->grad, *H = ws->mat, *J = ws->col;
  double *pred0 = ws->tmp2, *d1 = ws->d1, *d2 = ws->d2;
  linear_ctx ctx = {chi, ws, pred0};
  const newton_fn F = {linear_at, linear_first_step, &ctx};
  /* pred0 = signal + backgrounds, J_k = sigma_k C_k */
  memcpy(pred0, ws->sig, nb * sizeof *pred0);
  for (size_t c = 0; c < nbkg; c++) {
    const double *b = chi->bkg + c * nb;
    for (size_t i = 0; i < nb; i++)
      pred0[i] += b[i];
  }
  for (size_t k = 0; k < n; k++)
    for (size_t i = 0; i < nb; i++)
      J[k * nb + i] *= chi->nu_sigma[k];
  for (size_t k = 0; k < n; k++)
    u[k] = 0.0;
  double f = objective_linear(chi, ws, pred0, u);
  if (!isfinite(f))
    return nutmm_error_set(NUTMM_ERANGE, func,
                           "likelihood not finite at the nominal nuisances (a Poisson "
                           "prediction <= 0 in a bin with events?)");
  double two_n_min = 1.0; /* the self-concordance scale, see NEWTON_PURE_LAMBDA2 */
  for (size_t i = 0; i < nb; i++)
    if (chi->obs[i] > 0.0)
      two_n_min = 2.0 * chi->obs[i] < two_n_min ? 2.0 * chi->obs[i] : two_n_min;
  const double pure_max = NEWTON_PURE_LAMBDA2 * two_n_min;
  int stale = 0; /* f not yet evaluated at u (after pure Newton steps) */
  for (int it = 0; it < NEWTON_MAX_ITER; it++) {
    for (size_t i = 0; i < nb; i++) {
      d1[i] = data_slope(chi, i, ws->pred[i]);
      d2[i] = 2.0 * poisson_curvature(chi->obs[i], ws->pred[i]);
    }
    objective_gradient(J, d1, u, n, nb, g);
    for (size_t k = 0; k < n; k++)
      du[k] = -g[k];
    gauss_newton_matrix(J, d2, n, nb, H); /* exact: pred is linear in u */
    if (!cholesky(H, n))
      return nutmm_error_set(NUTMM_ERANGE, func, "Newton matrix not positive definite: "
                                                 "overflow in the inputs");
    cholesky_solve(H, n, du);
    double lambda2 = 0.0, size0 = 0.0, scale0 = 0.0;
    for (size_t k = 0; k < n; k++) {
      lambda2 -= g[k] * du[k];
      size0 = fmax(size0, fabs(du[k]));
      scale0 = fmax(scale0, fabs(u[k]));
    }
    if (size0 <= NEWTON_TOL * (1.0 + scale0))
      break; /* converged (newton_advance's first test) */
    if (lambda2 <= pure_max) {
      /* the pure Newton phase: the full step, its prediction only (in the domain by
       * self-concordance, except that nothing bounds an empty bin's 2 pred: checked) */
      for (size_t k = 0; k < n; k++)
        ut[k] = u[k] + du[k];
      predict_linear(chi, ws, pred0, ut, d1); /* (d1 as scratch: the trial prediction) */
      int inside = 1;
      for (size_t i = 0; i < nb; i++)
        inside &= chi->obs[i] > 0.0 ? d1[i] > 0.0 : d1[i] >= 0.0;
      if (inside) {
        memcpy(u, ut, n * sizeof *u);
        memcpy(ws->pred, d1, nb * sizeof *ws->pred);
        stale = 1;
        if (0.5 * lambda2 <= NEWTON_FLAT * (1.0 + fabs(f)))
          break; /* what remains is rounding (f: the last evaluated, as a scale) */
        continue;
      }
    }
    if (stale) { /* the damped phase compares objectives: f at u */
      f = objective_linear(chi, ws, pred0, u);
      stale = 0;
    }
    if (newton_advance(&F, n, u, du, g, &f, ut))
      break;
  }
  if (stale)
    f = objective_linear(chi, ws, pred0, u);
  for (size_t k = 0; k < n; k++)
    xi_out[k] = chi->nu_sigma[k] * u[k];
  *fmin = f;
  return NUTMM_SUCCESS;
}

/* ---- Gaussian, product pulls, every shape constant over the bins ----------------------
 * Then the pull factors f_t = prod_{k acting on t} (1 + xi_k c_k) do not depend on the bin
 * and the residual is a combination of fixed vectors,
 *   pred - obs = V_0 + (f_0 - 1) sm + f_0 mu^2 D + f_0 mu I + sum_c (f_c - 1) B_c,
 * V_0 = sm + sum_c B_c - obs (the nominal residual at mu = 0), so the data term is a^T M a
 * with the Gram matrix M_uv = sum_i w_i V_ui V_vi of V = {V_0, sm, D, I, B_1..B_m} and the
 * coefficients a(xi) above.  Newton (the exact Hessian, as profile_newton) then costs O(K^2)
 * per step instead of a pass over the bins; the chi^2 returned is evaluated bin by bin at the
 * minimum found (data_term), as the general path does. */
#define GRAM_MAX_PARTS 8 /* backgrounds; more take the general path */
#define GRAM_MAX_NU 8
#define GRAM_MAX_K (4 + GRAM_MAX_PARTS)

static int gram_applies(const nutmm_chi2 *chi)
{
  if (chi->form != NUTMM_CHI2_GAUSSIAN || chi->pulls != NUTMM_PULLS_PRODUCT ||
      chi->nbkg > GRAM_MAX_PARTS || chi->nnu > GRAM_MAX_NU || chi->nnu == 0)
    return 0;
  for (size_t k = 0; k < chi->nnu; k++) {
    const double *sk = chi->nu_shape + k * chi->nb;
    for (size_t i = 1; i < chi->nb; i++)
      if (sk[i] != sk[0])
        return 0;
  }
  return 1;
}

typedef struct {
  size_t K, n, nparts;
  double M[GRAM_MAX_K * GRAM_MAX_K];
  double c[GRAM_MAX_NU], sigma[GRAM_MAX_NU], mu;
  unsigned char on[GRAM_MAX_NU][GRAM_MAX_PARTS + 1]; /* nuisance k acts on part t */
} gram_t;

/* Coefficients of V for part factors f[t]: the value [1, f_0 - 1, f_0 mu^2, f_0 mu, f_1 - 1,
 * ...], or (value = 0, f the derivatives of the factors) its derivative [0, f_0, f_0 mu^2,
 * f_0 mu, f_1, ...]. */
static void gram_coef(const gram_t *G, const double *f, int value, double *a)
{
  const double one = value ? 1.0 : 0.0;
  a[0] = one;
  a[1] = f[0] - one;
  a[2] = f[0] * G->mu * G->mu;
  a[3] = f[0] * G->mu;
  for (size_t t = 1; t < G->nparts; t++)
    a[3 + t] = f[t] - one;
}

/* f_t with nuisances skip1, skip2 omitted (SIZE_MAX: none), times c_skip1 c_skip2; 0 for a
 * part that an omitted nuisance does not act on. */
static void gram_factors(const gram_t *G, const double *xi, size_t skip1, size_t skip2,
                         double *f)
{
  for (size_t t = 0; t < G->nparts; t++) {
    double v = 1.0;
    if ((skip1 != SIZE_MAX && !G->on[skip1][t]) || (skip2 != SIZE_MAX && !G->on[skip2][t])) {
      f[t] = 0.0;
      continue;
    }
    for (size_t k = 0; k < G->n; k++)
      if (G->on[k][t]) {
        if (k == skip1 || k == skip2)
          v *= G->c[k];
        else
          v *= 1.0 + xi[k] * G->c[k];
      }
    f[t] = v;
  }
}

static double gram_quad(const gram_t *G, const double *a, const double *b)
{
  double s = 0.0;
  for (size_t u = 0; u < G->K; u++) {
    double r = 0.0;
    for (size_t v = 0; v < G->K; v++)
      r += G->M[u * G->K + v] * b[v];
    s += a[u] * r;
  }
  return s;
}

/* Objective a^T M a + |u|^2 at scaled nuisances u (G as newton_fn's context). */
static double gram_objective(void *ctx, const double *u)
{
  const gram_t *G = ctx;
  double xi[GRAM_MAX_NU], f[GRAM_MAX_PARTS + 1], a[GRAM_MAX_K], pull = 0.0;
  for (size_t k = 0; k < G->n; k++) {
    xi[k] = G->sigma[k] * u[k];
    pull += u[k] * u[k];
  }
  gram_factors(G, xi, SIZE_MAX, SIZE_MAX, f);
  gram_coef(G, f, 1, a);
  return gram_quad(G, a, a) + pull;
}

/* The Gram matrix depends on obs, w, the backgrounds and the signal parts only: a limit
 * scan evaluates dozens of mu on the same ones.  The workspace keeps the last matrix with a
 * copy of its inputs, reused while they are equal bit for bit (a -0 for a +0 just misses). */
static int gram_cached(const nutmm_chi2 *chi, const nutmm_chi2_workspace *ws,
                       const nutmm_signal_parts *p)
{
  if (!ws->gram_valid)
    return 0;
  const size_t nb = chi->nb, bytes = nb * sizeof(double);
  const double *parts[3] = {p->sm, p->dipole, p->interference}, *key = ws->gram_key;
  for (int j = 0; j < 3; j++)
    if ((parts[j] != NULL) != (ws->gram_has[j] != 0) ||
        (parts[j] && memcmp(parts[j], key + (size_t)j * nb, bytes) != 0))
      return 0;
  return memcmp(chi->obs, key + 3 * nb, bytes) == 0 && memcmp(chi->w, key + 4 * nb, bytes) == 0 &&
         memcmp(chi->bkg, key + 5 * nb, chi->nbkg * bytes) == 0;
}

static void gram_keep(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                      const nutmm_signal_parts *p, const double *M, size_t K)
{
  const size_t nb = chi->nb, bytes = nb * sizeof(double);
  const double *parts[3] = {p->sm, p->dipole, p->interference};
  for (int j = 0; j < 3; j++) {
    ws->gram_has[j] = parts[j] != NULL;
    if (parts[j])
      memcpy(ws->gram_key + (size_t)j * nb, parts[j], bytes);
  }
  memcpy(ws->gram_key + 3 * nb, chi->obs, bytes);
  memcpy(ws->gram_key + 4 * nb, chi->w, bytes);
  memcpy(ws->gram_key + 5 * nb, chi->bkg, chi->nbkg * bytes);
  memcpy(ws->gram, M, K * K * sizeof *M);
  ws->gram_valid = 1;
}

static int profile_newton_gram(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                               const nutmm_signal_parts *p, double mu, double *xi_out,
                               double *fmin, const char *func)
{
  const size_t n = chi->nnu, nb = chi->nb, nbkg = chi->nbkg;
  gram_t G;
  G.n = n;
  G.nparts = nbkg + 1;
  G.K = 4 + nbkg;
  G.mu = mu;
  for (size_t k = 0; k < n; k++) {
    G.c[k] = chi->nu_shape[k * nb];
    G.sigma[k] = chi->nu_sigma[k];
    for (size_t t = 0; t <= nbkg; t++)
      G.on[k][t] = chi->nu_tgt[k * (nbkg + 1) + t];
  }
  if (gram_cached(chi, ws, p)) {
    memcpy(G.M, ws->gram, G.K * G.K * sizeof *G.M);
  } else {
    /* the basis and its Gram matrix (absent signal parts are zero vectors) */
    double *v0 = ws->tmp2;
    for (size_t i = 0; i < nb; i++)
      v0[i] = (p->sm ? p->sm[i] : 0.0) - chi->obs[i];
    for (size_t c = 0; c < nbkg; c++)
      for (size_t i = 0; i < nb; i++)
        v0[i] += chi->bkg[c * nb + i];
    const double *V[GRAM_MAX_K];
    V[0] = v0;
    V[1] = p->sm;
    V[2] = p->dipole;
    V[3] = p->interference;
    for (size_t c = 0; c < nbkg; c++)
      V[4 + c] = chi->bkg + c * nb;
    for (size_t u = 0; u < G.K; u++)
      for (size_t v = 0; v <= u; v++) {
        double m = 0.0;
        if (V[u] && V[v])
          for (size_t i = 0; i < nb; i++)
            m += chi->w[i] * V[u][i] * V[v][i];
        G.M[u * G.K + v] = G.M[v * G.K + u] = m;
      }
    gram_keep(chi, ws, p, G.M, G.K);
  }
  double *u = ws->u, *du = ws->du, *ut = ws->ut, *g = ws->grad, *H = ws->mat;
  const newton_fn F = {gram_objective, NULL, &G};
  double f = gram_objective(&G, u);
  if (!isfinite(f))
    return nutmm_error_set(NUTMM_ERANGE, func, "chi2 overflows at mu = %g", mu);
  for (int it = 0; it < NEWTON_MAX_ITER; it++) {
    double xi[GRAM_MAX_NU], fac[GRAM_MAX_PARTS + 1], a[GRAM_MAX_K];
    double ak[GRAM_MAX_NU][GRAM_MAX_K], Ma[GRAM_MAX_K];
    for (size_t k = 0; k < n; k++)
      xi[k] = G.sigma[k] * u[k];
    gram_factors(&G, xi, SIZE_MAX, SIZE_MAX, fac);
    gram_coef(&G, fac, 1, a);
    for (size_t q = 0; q < G.K; q++) {
      double r = 0.0;
      for (size_t v = 0; v < G.K; v++)
        r += G.M[q * G.K + v] * a[v];
      Ma[q] = r;
    }
    for (size_t k = 0; k < n; k++) {
      gram_factors(&G, xi, k, SIZE_MAX, fac);
      gram_coef(&G, fac, 0, ak[k]);
      double gk = 0.0;
      for (size_t q = 0; q < G.K; q++)
        gk += ak[k][q] * Ma[q];
      g[k] = 2.0 * G.sigma[k] * gk + 2.0 * u[k];
    }
    int exact = 1;
    for (int pass = 0; pass < 2; pass++) {
      for (size_t k = 0; k < n; k++)
        for (size_t l = 0; l <= k; l++) {
          double h = gram_quad(&G, ak[k], ak[l]);
          if (exact && k != l) { /* + a_kl^T M a: d2 f_t / dxi_k dxi_l */
            double akl[GRAM_MAX_K];
            gram_factors(&G, xi, k, l, fac);
            gram_coef(&G, fac, 0, akl);
            for (size_t q = 0; q < G.K; q++)
              h += akl[q] * Ma[q];
          }
          H[k * n + l] = 2.0 * G.sigma[k] * G.sigma[l] * h + (k == l ? 2.0 : 0.0);
        }
      if (cholesky(H, n))
        break;
      if (!exact)
        return nutmm_error_set(NUTMM_ERANGE, func, "Gauss-Newton matrix not positive "
                                                   "definite: overflow in the inputs");
      exact = 0; /* the Gauss-Newton matrix: positive definite (eigenvalues >= 2) */
    }
    for (size_t k = 0; k < n; k++)
      du[k] = -g[k];
    cholesky_solve(H, n, du);
    if (newton_advance(&F, n, u, du, g, &f, ut))
      break;
  }
  /* chi2 at the minimum, bin by bin (no cancellation in a^T M a) */
  *fmin = objective(chi, ws, u, xi_out);
  return NUTMM_SUCCESS;
}

/* Profiled evaluation; xi_out receives xi (nnu entries, may alias nothing of the model). */
static int eval_profiled(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                         const nutmm_signal_parts *p, double mu, double *chi2, double *xi_out,
                         const char *func)
{
  int s = NUTMM_SUCCESS;
  fill(chi, ws, p, mu);
  if (chi->form == NUTMM_CHI2_GAUSSIAN) {
    double pull = 0.0;
    if (chi->nnu > 0) {
      if ((s = profile_linear(chi, ws, func)))
        return s;
      memcpy(ws->u, ws->rhs, chi->nnu * sizeof *ws->u); /* Newton's start, below */
      for (size_t k = 0; k < chi->nnu; k++) {
        pull += ws->rhs[k] * ws->rhs[k];
        xi_out[k] = chi->nu_sigma[k] * ws->rhs[k];
      }
    }
    *chi2 = chi2_at(chi, ws, xi_out, pull);
    /* product pulls (the exact eq. (23)): Newton from the linear solution, on the Gram
     * matrix where the shapes are constant over the bins (a better start than u = 0 even
     * there: it saves more steps than it costs) */
    if (chi->pulls == NUTMM_PULLS_PRODUCT && chi->nnu > 0)
      s = gram_applies(chi) ? profile_newton_gram(chi, ws, p, mu, xi_out, chi2, func)
                            : profile_newton(chi, ws, xi_out, chi2, func);
  } else if (chi->pulls == NUTMM_PULLS_LINEAR) {
    s = profile_newton_linear(chi, ws, xi_out, chi2, func);
  } else {
    for (size_t k = 0; k < chi->nnu; k++)
      ws->u[k] = 0.0;
    s = profile_newton(chi, ws, xi_out, chi2, func);
  }
  if (s)
    return s;
  if (!isfinite(*chi2))
    return nutmm_error_set(NUTMM_ERANGE, func, "chi2 overflows at mu = %g", mu);
  return NUTMM_SUCCESS;
}

int nutmm_chi2_eval_parts(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                          const nutmm_signal_parts *sig, double mu, double *chi2, double *xi)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(sig);
  NUTMM_CHECK_PTR(chi2);
  int s = eval_args(chi, ws, mu, NULL, __func__);
  if (!s)
    s = check_parts(chi, sig, __func__);
  if (s)
    return s;
  /* xi_ws may alias the caller's array or reuse rhs itself (xi_k = sigma_k u_k elementwise is
   * safe in place) */
  return eval_profiled(chi, ws, sig, mu, chi2, xi ? xi : ws->xi, __func__);
}

/* d chi2 / d mu after eval_profiled(mu) on ws: by the envelope theorem the derivative at
 * the profiled nuisances xi, sum_i dF/dpred_i f_0i(xi) (2 mu D_i + I_i), with f_0i the pull
 * factor of the signal (the only part that depends on mu). */
static double dchi2_dmu(const nutmm_chi2 *chi, const nutmm_chi2_workspace *ws,
                        const nutmm_signal_parts *p, double mu, const double *xi)
{
  const int linear_gauss = chi->form == NUTMM_CHI2_GAUSSIAN && chi->pulls == NUTMM_PULLS_LINEAR;
  double g = 0.0;
  for (size_t i = 0; i < chi->nb; i++) {
    const double dsig = 2.0 * mu * (p->dipole ? p->dipole[i] : 0.0) +
                        (p->interference ? p->interference[i] : 0.0);
    if (dsig == 0.0)
      continue;
    /* dF/dpred_i: linear Gaussian from the post-fit residual, else from pred */
    const double d1 = linear_gauss ? -2.0 * chi->w[i] * ws->res[i] : data_slope(chi, i, ws->pred[i]);
    g += d1 * pull_factor(chi, xi, 0, i, SIZE_MAX, SIZE_MAX) * dsig;
  }
  return g;
}

int nutmm_chi2_eval_parts_slope_(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                                 const nutmm_signal_parts *sig, double mu, int trusted,
                                 double *chi2, double *dchi2)
{
  const char *func = "nutmm_chi2_eval_parts";
  if (!trusted) {
    int s = eval_args(chi, ws, mu, NULL, func);
    if (!s)
      s = check_parts(chi, sig, func);
    if (s)
      return s;
  }
  int s = eval_profiled(chi, ws, sig, mu, chi2, ws->xi, func);
  if (s)
    return s;
  if (!dchi2)
    return NUTMM_SUCCESS;
  *dchi2 = dchi2_dmu(chi, ws, sig, mu, ws->xi);
  if (!isfinite(*dchi2))
    return nutmm_error_set(NUTMM_ERANGE, func, "d chi2 / d mu overflows at mu = %g", mu);
  return NUTMM_SUCCESS;
}

/* The legacy path: the object's own signal and workspace. */
static int own_parts(const nutmm_chi2 *chi, nutmm_signal_parts *p, const char *func)
{
  if (!chi->has_signal)
    return nutmm_error_set(NUTMM_EINVAL, func, "signal parts not set (nutmm_chi2_set_signal)");
  p->sm = chi->sm;
  p->dipole = chi->dip;
  p->interference = chi->intf;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_eval(nutmm_chi2 *chi, double mu, double *chi2, double *xi)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(chi2);
  nutmm_signal_parts p;
  int s = eval_args(chi, chi->own, mu, NULL, __func__);
  if (!s)
    s = own_parts(chi, &p, __func__);
  if (s)
    return s;
  return eval_profiled(chi, chi->own, &p, mu, chi2, xi ? xi : chi->own->xi, __func__);
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

static int eval_fixed(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                      const nutmm_signal_parts *p, double mu, const double *xi, double *chi2,
                      const char *func)
{
  double pull = 0.0;
  int s = fixed_pull(chi, xi, &pull, func);
  if (s)
    return s;
  fill(chi, ws, p, mu);
  if (chi->form == NUTMM_CHI2_GAUSSIAN && chi->pulls == NUTMM_PULLS_LINEAR) {
    *chi2 = chi2_at(chi, ws, xi, pull);
  } else {
    predict_general(chi, ws, xi);
    *chi2 = data_term(chi, ws) + pull;
  }
  if (!isfinite(*chi2))
    return nutmm_error_set(NUTMM_ERANGE, func, "chi2 overflows at mu = %g", mu);
  return NUTMM_SUCCESS;
}

int nutmm_chi2_eval_fixed(nutmm_chi2 *chi, double mu, const double *xi, double *chi2)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(chi2);
  if (chi->nnu > 0)
    NUTMM_CHECK_PTR(xi);
  nutmm_signal_parts p;
  int s = eval_args(chi, chi->own, mu, xi, __func__);
  if (!s)
    s = own_parts(chi, &p, __func__);
  if (s)
    return s;
  return eval_fixed(chi, chi->own, &p, mu, xi, chi2, __func__);
}

int nutmm_chi2_eval_fixed_parts(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                                const nutmm_signal_parts *sig, double mu, const double *xi,
                                double *chi2)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(sig);
  NUTMM_CHECK_PTR(chi2);
  if (chi->nnu > 0)
    NUTMM_CHECK_PTR(xi);
  int s = eval_args(chi, ws, mu, xi, __func__);
  if (!s)
    s = check_parts(chi, sig, __func__);
  if (s)
    return s;
  return eval_fixed(chi, ws, sig, mu, xi, chi2, __func__);
}

static int predict(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws, const nutmm_signal_parts *p,
                   double mu, const double *xi, double *total, double *signal, const char *func)
{
  int s;
  const double *x = xi;
  if (x == NULL) {
    double c2;
    if ((s = eval_profiled(chi, ws, p, mu, &c2, ws->xi, func)) != 0)
      return s;
    x = ws->xi;
  }
  fill(chi, ws, p, mu);
  predict_general(chi, ws, x);
  const size_t nb = chi->nb;
  for (size_t i = 0; i < nb; i++)
    total[i] = ws->pred[i];
  if (signal != NULL)
    for (size_t i = 0; i < nb; i++)
      signal[i] = ws->sig[i] * pull_factor(chi, x, 0, i, SIZE_MAX, SIZE_MAX);
  for (size_t i = 0; i < nb; i++)
    if (!isfinite(total[i]))
      return nutmm_error_set(NUTMM_ERANGE, func, "prediction overflows in bin %zu at mu = %g", i,
                             mu);
  return NUTMM_SUCCESS;
}

int nutmm_chi2_predict(nutmm_chi2 *chi, double mu, const double *xi, double *total,
                       double *signal)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(total);
  nutmm_signal_parts p;
  int s = eval_args(chi, chi->own, mu, xi, __func__);
  if (!s)
    s = own_parts(chi, &p, __func__);
  if (s)
    return s;
  return predict(chi, chi->own, &p, mu, xi, total, signal, __func__);
}

int nutmm_chi2_predict_parts(const nutmm_chi2 *chi, nutmm_chi2_workspace *ws,
                             const nutmm_signal_parts *sig, double mu, const double *xi,
                             double *total, double *signal)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(sig);
  NUTMM_CHECK_PTR(total);
  int s = eval_args(chi, ws, mu, xi, __func__);
  if (!s)
    s = check_parts(chi, sig, __func__);
  if (s)
    return s;
  return predict(chi, ws, sig, mu, xi, total, signal, __func__);
}

int nutmm_chi2_own_parts_(const nutmm_chi2 *chi, nutmm_chi2_workspace **ws,
                          nutmm_signal_parts *p)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_TRY(own_parts(chi, p, __func__));
  *ws = chi->own;
  return NUTMM_SUCCESS;
}

int nutmm_chi2_mu_scale_(const nutmm_chi2 *chi, const nutmm_signal_parts *p, double *mu0)
{
  NUTMM_CHECK_PTR(chi);
  NUTMM_CHECK_PTR(mu0);
  if (!chi->has_sigma2 && chi->form == NUTMM_CHI2_GAUSSIAN)
    NUTMM_FAIL(NUTMM_EINVAL, "variances not set");
  double sd = 0.0, si = 0.0;
  for (size_t i = 0; i < chi->nb; i++) {
    /* Poisson: the variance of bin i is about its count (at least one event) */
    const double w = chi->has_sigma2 ? chi->w[i] : 1.0 / fmax(chi->obs[i], 1.0);
    const double d = p->dipole ? p->dipole[i] : 0.0, in = p->interference ? p->interference[i] : 0.0;
    sd += w * d * d;
    si += w * in * in;
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

const double *nutmm_chi2_observed_values(const nutmm_chi2 *chi)
{
  return (chi && chi->has_obs) ? chi->obs : NULL;
}

const double *nutmm_chi2_background_values(const nutmm_chi2 *chi, size_t c)
{
  return (chi && c < chi->nbkg && chi->bkg_set[c]) ? chi->bkg + c * chi->nb : NULL;
}
