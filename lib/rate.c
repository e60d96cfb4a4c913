/* libnutmm -- event rates, eq. (21) of arXiv:2109.09545 (rate.h, physics.md G).
 *
 * The plan: true-recoil segments [a_s, b_s] with Gauss-Legendre nodes T_j and weights w_j,
 * the detector response matrix R_ij at those nodes, the scattering centres of the target and
 * the flux components.  An evaluation fills dR/dT at the nodes from the coefficient form of
 * the cross sections and the flux moments, applies R, and adds the line-window pieces. */
#include "nutmm/rate.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_integration.h>

#include "internal.h"
#include "nutmm/kinematics.h"
#include "nutmm/units.h"

/* Upper bound on quadrature nodes of a plan (a guard against runaway options). */
#define RATE_MAX_NODES 200000
#define RATE_MAX_GL_ORDER 64
#define RATE_MIN_RATIO (1.0 + 1e-6)

/* A scattering centre: one nucleus species, or the electrons of one element. */
typedef struct {
  const nutmm_nucleus *nuc; /* CEvNS */
  const nutmm_atom *atom;   /* EES: stepping function (NULL: free electrons) */
  double per_kg;            /* nuclei or electrons per kg */
  double M;                 /* target mass, MeV */
} centre;

typedef struct {
  nutmm_species species;
  int mass_state;
  int is_line;
  double E_line, phi_line; /* lines: energy (MeV) and flux */
} component;

/* How a line's recoil window [T_-, T_+] meets a segment. */
enum { SEG_OUT = 0, SEG_IN = 1, SEG_CUT = 2 };

struct nutmm_rate {
  const nutmm_flux *flux;
  const nutmm_detector *det;
  nutmm_rate_options opt;
  size_t ncentres, ncomp, nseg, order, nT, nbins;
  centre *centres;
  component *comps;
  double *seg_a, *seg_b; /* [nseg] */
  double *T, *wT;        /* [nT], segment s owns nodes s*order .. s*order + order - 1 */
  double *gl_x, *gl_w;   /* Gauss-Legendre rule on [-1, 1], [order] */
  nutmm_response *R;     /* NULL when the grid is empty (no reachable recoil) */
  double *sm;            /* [ncomp][nbins] SM counts per component */
};

struct nutmm_rate_workspace {
  size_t nT, nbins, nseg;
  double *dRdT;   /* [nT] */
  double *frac;   /* [nbins] */
  double *extra;  /* [nbins] line-window pieces */
};

void nutmm_rate_options_default(nutmm_rate_options *o)
{
  if (!o)
    return;
  o->channel = NUTMM_CHANNEL_NUCLEUS;
  o->exposure = 1.0;
  nutmm_xsec_options_default(&o->xsec);
  o->stepping = 1;
  o->nsigma = 6.0;
  o->gl_order = 8;
  o->max_ratio = 1.15;
  o->T_floor = 0.1 * NUTMM_EV;
}

void nutmm_rate_free(nutmm_rate *r)
{
  if (!r)
    return;
  free(r->centres);
  free(r->comps);
  free(r->seg_a);
  free(r->seg_b);
  free(r->T);
  free(r->wT);
  free(r->gl_x);
  free(r->gl_w);
  nutmm_response_free(r->R);
  free(r->sm);
  free(r);
}

size_t nutmm_rate_nbins(const nutmm_rate *r) { return r ? r->nbins : 0; }
size_t nutmm_rate_ncomponents(const nutmm_rate *r) { return r ? r->ncomp : 0; }
size_t nutmm_rate_nnodes(const nutmm_rate *r) { return r ? r->nT : 0; }

/* ---- cross-section dispatch ----------------------------------------------------------- */

/* Coefficients c[3] and E_min of process p on centre c for species s at recoil T (xsec.h). */
static int centre_coef(const nutmm_rate *r, nutmm_process p, const centre *c, nutmm_species s,
                       double T, double m4, double cf[3], double *E_min)
{
  const nutmm_xsec_options *xo = &r->opt.xsec;
  if (r->opt.channel == NUTMM_CHANNEL_NUCLEUS) {
    switch (p) {
    case NUTMM_PROCESS_SM: return nutmm_xsec_cevns_coef(T, c->nuc, xo, cf, E_min);
    case NUTMM_PROCESS_DIPOLE: return nutmm_xsec_dipole_nucleus_coef(T, m4, c->nuc, xo, cf, E_min);
    case NUTMM_PROCESS_INTERFERENCE:
      return nutmm_xsec_int_nucleus_coef(T, m4, c->nuc, xo, cf, E_min);
    }
  } else {
    switch (p) {
    case NUTMM_PROCESS_SM: return nutmm_xsec_ees_coef(T, s, c->atom, xo, cf, E_min);
    case NUTMM_PROCESS_DIPOLE: return nutmm_xsec_dipole_electron_coef(T, m4, c->atom, xo, cf, E_min);
    case NUTMM_PROCESS_INTERFERENCE:
      return nutmm_xsec_int_electron_coef(T, m4, s, c->atom, xo, cf, E_min);
    }
  }
  NUTMM_FAIL(NUTMM_EINVAL, "unknown process %d", (int)p);
}

/* Whether the coefficients depend on the species (electron SM and interference). */
static int species_dependent(const nutmm_rate *r, nutmm_process p)
{
  return r->opt.channel == NUTMM_CHANNEL_ELECTRON && p != NUTMM_PROCESS_DIPOLE;
}

/* Lazily computed coefficients of one centre at one T, per species. */
typedef struct {
  double cf[NUTMM_N_SPECIES][3];
  double E_min[NUTMM_N_SPECIES];
  unsigned char have[NUTMM_N_SPECIES];
} coef_cache;

static int cached_coef(const nutmm_rate *r, nutmm_process p, const centre *c, nutmm_species s,
                       double T, double m4, coef_cache *cc, const double **cf, double *E_min)
{
  int key = species_dependent(r, p) ? (int)s : 0;
  if (!cc->have[key]) {
    NUTMM_TRY(centre_coef(r, p, c, s, T, m4, cc->cf[key], &cc->E_min[key]));
    cc->have[key] = 1;
  }
  *cf = cc->cf[key];
  *E_min = cc->E_min[key];
  return NUTMM_SUCCESS;
}

/* Continuous components' contribution at one recoil T for one centre:
 * sum_k w_k sum_p c_p int_{E_min} dPhi_k/dE E^-p dE (lines excluded). */
static int continuum_at(const nutmm_rate *r, nutmm_process p, const centre *c, double T, double m4,
                        const double *w, coef_cache *cc, double *val)
{
  double sum = 0.0;
  for (size_t k = 0; k < r->ncomp; k++) {
    const component *cp = &r->comps[k];
    double wk = w ? w[k] : 1.0;
    if (cp->is_line || wk == 0.0)
      continue;
    const double *cf = NULL;
    double E_min = 0.0, mom[3];
    NUTMM_TRY(cached_coef(r, p, c, cp->species, T, m4, cc, &cf, &E_min));
    if (!isfinite(E_min))
      continue;
    NUTMM_TRY(nutmm_flux_moments(r->flux, k, E_min, mom));
    sum += wk * (cf[0] * mom[0] + cf[1] * mom[1] + cf[2] * mom[2]);
  }
  *val = sum;
  return NUTMM_SUCCESS;
}

/* Recoil window of a line on centre c: returns 0 if the line cannot produce nu_4 (below
 * threshold), else 1 with [T_minus, T_plus] (physics.md F). */
static int line_window(const centre *c, double E, double m4, double *T_minus, double *T_plus)
{
  double E_thr;
  if (nutmm_kin_threshold_e(c->M, m4, &E_thr) != NUTMM_SUCCESS || !(E > E_thr))
    return 0;
  if (nutmm_kin_recoil_range(E, c->M, m4, T_minus, T_plus) != NUTMM_SUCCESS)
    return 0;
  return *T_plus > *T_minus;
}

/* ---- evaluation ------------------------------------------------------------------------ */

/* Weights must be finite: a NaN weight would otherwise come back as NaN counts. */
static int check_weights(const nutmm_rate *r, const double *w)
{
  for (size_t k = 0; w && k < r->ncomp; k++)
    if (!isfinite(w[k]))
      NUTMM_FAIL(NUTMM_EDOM, "weight of component %zu is %g", k, w[k]);
  return NUTMM_SUCCESS;
}

int nutmm_rate_binned(const nutmm_rate *r, nutmm_rate_workspace *ws, nutmm_process p, double m4,
                      const double *w, double *counts)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(counts);
  NUTMM_CHECK_NONNEG(m4);
  if (ws->nT != r->nT || ws->nbins != r->nbins || ws->nseg != r->nseg)
    NUTMM_FAIL(NUTMM_EINVAL, "workspace was allocated for another rate plan");
  NUTMM_TRY(check_weights(r, w));
  if (p == NUTMM_PROCESS_SM)
    m4 = 0.0;
  for (size_t i = 0; i < r->nbins; i++)
    counts[i] = 0.0;
  if (r->nT == 0)
    return NUTMM_SUCCESS;
  double *dRdT = ws->dRdT, *extra = ws->extra;
  memset(dRdT, 0, r->nT * sizeof *dRdT);
  memset(extra, 0, r->nbins * sizeof *extra);

  for (size_t ic = 0; ic < r->ncentres; ic++) {
    const centre *c = &r->centres[ic];
    /* Continuum, node by node. */
    for (size_t j = 0; j < r->nT; j++) {
      coef_cache cc;
      memset(cc.have, 0, sizeof cc.have);
      double v;
      NUTMM_TRY(continuum_at(r, p, c, r->T[j], m4, w, &cc, &v));
      dRdT[j] += c->per_kg * v;
    }
    /* Lines: nodes of segments inside the window, exact partial rules on cut segments. */
    for (size_t k = 0; k < r->ncomp; k++) {
      const component *cp = &r->comps[k];
      double wk = w ? w[k] : 1.0;
      double tm, tp;
      if (!cp->is_line || wk == 0.0 || !line_window(c, cp->E_line, m4, &tm, &tp))
        continue;
      double scale = c->per_kg * wk * cp->phi_line;
      for (size_t s = 0; s < r->nseg; s++) {
        double a = r->seg_a[s], b = r->seg_b[s];
        if (b <= tm || a >= tp)
          continue;
        if (a >= tm && b <= tp) {
          for (size_t q = 0; q < r->order; q++) {
            size_t j = s * r->order + q;
            double cf[3], E_min;
            NUTMM_TRY(centre_coef(r, p, c, cp->species, r->T[j], m4, cf, &E_min));
            dRdT[j] += scale * nutmm_xsec_coef_eval(cf, E_min, cp->E_line);
          }
          continue;
        }
        double lo = GSL_MAX(a, tm), hi = GSL_MIN(b, tp);
        double half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
        for (size_t q = 0; q < r->order; q++) {
          double T = mid + half * r->gl_x[q], cf[3], E_min;
          NUTMM_TRY(centre_coef(r, p, c, cp->species, T, m4, cf, &E_min));
          /* inside the window by construction; evaluate without the E_min cut, which
           * rounding could trip at the window edges */
          double u = 1.0 / cp->E_line, sigma = cf[0] + u * (cf[1] + u * cf[2]);
          if (sigma == 0.0)
            continue;
          NUTMM_TRY(nutmm_detector_bin_fractions(r->det, T, ws->frac));
          double f = scale * sigma * half * r->gl_w[q];
          for (size_t i = 0; i < r->nbins; i++)
            extra[i] += f * ws->frac[i];
        }
      }
    }
  }
  NUTMM_TRY(nutmm_response_apply(r->R, dRdT, counts));
  for (size_t i = 0; i < r->nbins; i++)
    counts[i] = r->opt.exposure * (counts[i] + extra[i]);
  return NUTMM_SUCCESS;
}

int nutmm_rate_dipole(const nutmm_rate *r, nutmm_rate_workspace *ws, double m4, const double *w,
                      double *counts)
{
  NUTMM_TRY(nutmm_rate_binned(r, ws, NUTMM_PROCESS_DIPOLE, m4, w, counts));
  return NUTMM_SUCCESS;
}

int nutmm_rate_interference(const nutmm_rate *r, nutmm_rate_workspace *ws, double m4,
                            const double *w, double *counts)
{
  NUTMM_TRY(nutmm_rate_binned(r, ws, NUTMM_PROCESS_INTERFERENCE, m4, w, counts));
  return NUTMM_SUCCESS;
}

int nutmm_rate_sm(const nutmm_rate *r, const double *w, double *counts)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(counts);
  NUTMM_TRY(check_weights(r, w));
  for (size_t i = 0; i < r->nbins; i++) {
    double s = 0.0;
    for (size_t k = 0; k < r->ncomp; k++)
      s += (w ? w[k] : 1.0) * r->sm[k * r->nbins + i];
    counts[i] = s;
  }
  return NUTMM_SUCCESS;
}

int nutmm_rate_differential(const nutmm_rate *r, nutmm_process p, double T, double m4,
                            const double *w, double *dRdT)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(dRdT);
  NUTMM_CHECK_POSITIVE(T);
  NUTMM_CHECK_NONNEG(m4);
  NUTMM_TRY(check_weights(r, w));
  if (p == NUTMM_PROCESS_SM)
    m4 = 0.0;
  double total = 0.0;
  for (size_t ic = 0; ic < r->ncentres; ic++) {
    const centre *c = &r->centres[ic];
    coef_cache cc;
    memset(cc.have, 0, sizeof cc.have);
    double v;
    NUTMM_TRY(continuum_at(r, p, c, T, m4, w, &cc, &v));
    for (size_t k = 0; k < r->ncomp; k++) {
      const component *cp = &r->comps[k];
      double wk = w ? w[k] : 1.0;
      if (!cp->is_line || wk == 0.0)
        continue;
      const double *cf = NULL;
      double E_min = 0.0;
      NUTMM_TRY(cached_coef(r, p, c, cp->species, T, m4, &cc, &cf, &E_min));
      v += wk * cp->phi_line * nutmm_xsec_coef_eval(cf, E_min, cp->E_line);
    }
    total += c->per_kg * v;
  }
  *dRdT = r->opt.exposure * total;
  NUTMM_CHECK_RESULT(*dRdT, "process %d, T = %g MeV, m4 = %g MeV", (int)p, T, m4);
  return NUTMM_SUCCESS;
}

/* ---- weights ---------------------------------------------------------------------------- */

int nutmm_rate_weights_species(const nutmm_rate *r, const double w_species[NUTMM_N_SPECIES],
                               double *w)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(w_species);
  NUTMM_CHECK_PTR(w);
  for (int sp = 0; sp < NUTMM_N_SPECIES; sp++) /* at once, not as NaN counts later */
    if (!isfinite(w_species[sp]))
      NUTMM_FAIL(NUTMM_EDOM, "w_species[%d] = %g is not finite", sp, w_species[sp]);
  for (size_t k = 0; k < r->ncomp; k++)
    w[k] = r->comps[k].mass_state == 0 ? w_species[r->comps[k].species] : 0.0;
  return NUTMM_SUCCESS;
}

int nutmm_rate_weights_mass(const nutmm_rate *r, const double w_mass[4], double *w)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(w_mass);
  NUTMM_CHECK_PTR(w);
  for (int i = 0; i < 4; i++)
    if (!isfinite(w_mass[i]))
      NUTMM_FAIL(NUTMM_EDOM, "w_mass[%d] = %g is not finite", i, w_mass[i]);
  for (size_t k = 0; k < r->ncomp; k++) {
    int ms = r->comps[k].mass_state;
    w[k] = (ms >= 1 && ms <= 4) ? w_mass[ms - 1] : 0.0;
  }
  return NUTMM_SUCCESS;
}

/* ---- workspace ---------------------------------------------------------------------------- */

int nutmm_rate_workspace_alloc(const nutmm_rate *r, nutmm_rate_workspace **ws)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(ws);
  nutmm_rate_workspace *w = nutmm_calloc_n(1, sizeof *w);
  if (!w)
    NUTMM_FAIL(NUTMM_ENOMEM, "workspace");
  w->nT = r->nT;
  w->nbins = r->nbins;
  w->nseg = r->nseg;
  w->dRdT = nutmm_calloc_n(nutmm_size_add(r->nT, 1), sizeof *w->dRdT);
  w->frac = nutmm_calloc_n(nutmm_size_add(r->nbins, 1), sizeof *w->frac);
  w->extra = nutmm_calloc_n(nutmm_size_add(r->nbins, 1), sizeof *w->extra);
  if (!w->dRdT || !w->frac || !w->extra) {
    nutmm_rate_workspace_free(w);
    NUTMM_FAIL(NUTMM_ENOMEM, "workspace of %zu nodes", r->nT);
  }
  *ws = w;
  return NUTMM_SUCCESS;
}

void nutmm_rate_workspace_free(nutmm_rate_workspace *ws)
{
  if (!ws)
    return;
  free(ws->dRdT);
  free(ws->frac);
  free(ws->extra);
  free(ws);
}

/* ---- planning ------------------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int check_options(const nutmm_rate_options *o)
{
  if (o->channel != NUTMM_CHANNEL_NUCLEUS && o->channel != NUTMM_CHANNEL_ELECTRON)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown channel %d", (int)o->channel);
  NUTMM_CHECK_POSITIVE(o->exposure);
  NUTMM_CHECK_POSITIVE(o->nsigma);
  NUTMM_CHECK_POSITIVE(o->T_floor);
  /* a ratio too close to 1 would ask for an absurd number of segments */
  if (!(o->max_ratio >= RATE_MIN_RATIO) || !isfinite(o->max_ratio))
    NUTMM_FAIL(NUTMM_EDOM, "max_ratio = %.17g must be finite and >= %g", o->max_ratio,
               RATE_MIN_RATIO);
  if (o->gl_order < 2 || o->gl_order > RATE_MAX_GL_ORDER)
    NUTMM_FAIL(NUTMM_EDOM, "gl_order = %u outside [2, %d]", o->gl_order, RATE_MAX_GL_ORDER);
  return NUTMM_SUCCESS;
}

static int plan_centres(nutmm_rate *r, const nutmm_target *tg)
{
  if (r->opt.channel == NUTMM_CHANNEL_NUCLEUS) {
    r->ncentres = nutmm_target_n_nuclei(tg);
    if (r->ncentres == 0)
      NUTMM_FAIL(NUTMM_EINVAL, "target '%s' has no nuclei", nutmm_target_name(tg));
    r->centres = nutmm_calloc_n(r->ncentres, sizeof *r->centres);
    if (!r->centres)
      NUTMM_FAIL(NUTMM_ENOMEM, "centres");
    for (size_t i = 0; i < r->ncentres; i++) {
      centre *c = &r->centres[i];
      NUTMM_TRY(nutmm_target_nucleus_e(tg, i, &c->nuc, &c->per_kg));
      c->M = c->nuc->mass;
    }
  } else {
    r->ncentres = nutmm_target_n_atoms(tg);
    if (r->ncentres == 0)
      NUTMM_FAIL(NUTMM_EINVAL, "target '%s' has no atoms (electron channel)",
                 nutmm_target_name(tg));
    r->centres = nutmm_calloc_n(r->ncentres, sizeof *r->centres);
    if (!r->centres)
      NUTMM_FAIL(NUTMM_ENOMEM, "centres");
    for (size_t i = 0; i < r->ncentres; i++) {
      centre *c = &r->centres[i];
      const nutmm_atom *atom;
      double per_kg;
      NUTMM_TRY(nutmm_target_atom_e(tg, i, &atom, &per_kg));
      c->atom = r->opt.stepping ? atom : NULL;
      c->per_kg = nutmm_target_atom_electrons_per_kg(tg, i);
      c->M = NUTMM_ME;
    }
  }
  return NUTMM_SUCCESS;
}

static int plan_components(nutmm_rate *r)
{
  r->ncomp = nutmm_flux_ncomponents(r->flux);
  if (r->ncomp == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "flux has no components");
  r->comps = nutmm_calloc_n(r->ncomp, sizeof *r->comps);
  if (!r->comps)
    NUTMM_FAIL(NUTMM_ENOMEM, "components");
  for (size_t k = 0; k < r->ncomp; k++) {
    nutmm_flux_info info;
    NUTMM_TRY(nutmm_flux_component(r->flux, k, &info));
    component *cp = &r->comps[k];
    cp->species = info.species;
    cp->mass_state = info.mass_state;
    cp->is_line = info.is_line;
    cp->E_line = info.E_min;
    cp->phi_line = info.total;
  }
  return NUTMM_SUCCESS;
}

/* Segments: the detector's true range cut at every fixed discontinuity, then subdivided
 * so that b/a <= max_ratio. */
static int plan_grid(nutmm_rate *r)
{
  size_t nb = r->nbins;
  double T_lo, T_hi, E_max;
  NUTMM_TRY(nutmm_detector_true_range(r->det, r->opt.nsigma, &T_lo, &T_hi));
  NUTMM_TRY(nutmm_flux_endpoint(r->flux, &E_max));
  /* no recoil above the largest SM T_max of the flux endpoint (massive nu_4 recoil less) */
  double T_reach = 0.0;
  for (size_t ic = 0; ic < r->ncentres; ic++)
    T_reach = GSL_MAX(T_reach, nutmm_kin_tmax(E_max, r->centres[ic].M));
  if (T_lo <= 0.0) {
    double *edges = nutmm_malloc_n(nutmm_size_add(nb, 1), sizeof *edges);
    if (!edges)
      NUTMM_FAIL(NUTMM_ENOMEM, "bin edges");
    int s = nutmm_detector_true_edges(r->det, edges);
    double first = s == NUTMM_SUCCESS ? edges[0] : 0.0;
    free(edges);
    T_lo = GSL_MAX(r->opt.T_floor, 1e-3 * first);
  }
  T_hi = GSL_MIN(T_hi, T_reach);
  if (!(T_hi > T_lo)) {
    r->nseg = r->nT = 0; /* nothing reachable: every count is 0 */
    return NUTMM_SUCCESS;
  }
  size_t cap = nb + 3 + NUTMM_DETECTOR_EXTRA_BREAKPOINTS;
  for (size_t ic = 0; ic < r->ncentres; ic++)
    if (r->centres[ic].atom)
      cap += r->centres[ic].atom->n_shells;
  double *pts = nutmm_malloc_n(cap, sizeof *pts);
  if (!pts)
    NUTMM_FAIL(NUTMM_ENOMEM, "breakpoints");
  size_t n = 0, nd = 0;
  int s = nutmm_detector_true_breakpoints(r->det, pts, &nd);
  if (s != NUTMM_SUCCESS) {
    free(pts);
    return nutmm_error_chain(s, __func__);
  }
  n = nd;
  for (size_t ic = 0; ic < r->ncentres; ic++) {
    const nutmm_atom *a = r->centres[ic].atom;
    for (size_t i = 0; a && i < a->n_shells; i++)
      pts[n++] = a->binding[i];
  }
  pts[n++] = T_lo;
  pts[n++] = T_hi;
  qsort(pts, n, sizeof *pts, cmp_double);
  /* keep the distinct points inside [T_lo, T_hi] */
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (pts[i] >= T_lo && pts[i] <= T_hi && (m == 0 || pts[i] > pts[m - 1]))
      pts[m++] = pts[i];
  double lr = log(r->opt.max_ratio), nseg_d = 0.0; /* counted in double: no wrap-around */
  for (size_t i = 0; i + 1 < m; i++)
    nseg_d += GSL_MAX(1.0, ceil(log(pts[i + 1] / pts[i]) / lr - 1e-9));
  if (nseg_d * r->opt.gl_order > RATE_MAX_NODES) {
    free(pts);
    NUTMM_FAIL(NUTMM_EINVAL, "%g segments x %u nodes exceed %d nodes: raise max_ratio", nseg_d,
               r->opt.gl_order, RATE_MAX_NODES);
  }
  size_t nseg = (size_t)nseg_d;
  r->nseg = nseg;
  r->order = r->opt.gl_order;
  r->nT = nseg * r->order;
  r->seg_a = nutmm_malloc_n(nseg, sizeof *r->seg_a);
  r->seg_b = nutmm_malloc_n(nseg, sizeof *r->seg_b);
  r->T = nutmm_malloc_n(r->nT, sizeof *r->T);
  r->wT = nutmm_malloc_n(r->nT, sizeof *r->wT);
  if (!r->seg_a || !r->seg_b || !r->T || !r->wT) {
    free(pts);
    NUTMM_FAIL(NUTMM_ENOMEM, "grid of %zu nodes", r->nT);
  }
  size_t is = 0;
  for (size_t i = 0; i + 1 < m; i++) {
    size_t nsub = (size_t)GSL_MAX(1.0, ceil(log(pts[i + 1] / pts[i]) / lr - 1e-9));
    double ratio = pow(pts[i + 1] / pts[i], 1.0 / (double)nsub);
    double a = pts[i];
    for (size_t q = 0; q < nsub; q++, is++) {
      double b = (q + 1 == nsub) ? pts[i + 1] : a * ratio;
      r->seg_a[is] = a;
      r->seg_b[is] = b;
      double half = 0.5 * (b - a), mid = 0.5 * (b + a);
      for (size_t g = 0; g < r->order; g++) {
        r->T[is * r->order + g] = mid + half * r->gl_x[g];
        r->wT[is * r->order + g] = half * r->gl_w[g];
      }
      a = b;
    }
  }
  free(pts);
  return NUTMM_SUCCESS;
}

static int plan_gauss_legendre(nutmm_rate *r)
{
  size_t n = r->opt.gl_order;
  r->gl_x = nutmm_malloc_n(n, sizeof *r->gl_x);
  r->gl_w = nutmm_malloc_n(n, sizeof *r->gl_w);
  gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(n);
  if (!r->gl_x || !r->gl_w || !t) {
    gsl_integration_glfixed_table_free(t);
    NUTMM_FAIL(NUTMM_ENOMEM, "Gauss-Legendre rule of order %zu", n);
  }
  for (size_t i = 0; i < n; i++)
    gsl_integration_glfixed_point(-1.0, 1.0, i, &r->gl_x[i], &r->gl_w[i], t);
  gsl_integration_glfixed_table_free(t);
  return NUTMM_SUCCESS;
}

static int plan_sm(nutmm_rate *r)
{
  r->sm = nutmm_calloc_n(nutmm_size_add(nutmm_size_mul(r->ncomp, r->nbins), 1), sizeof *r->sm);
  double *w = nutmm_calloc_n(r->ncomp, sizeof *w);
  nutmm_rate_workspace *ws = NULL;
  int s = (r->sm && w) ? nutmm_rate_workspace_alloc(r, &ws) : NUTMM_ENOMEM;
  for (size_t k = 0; s == NUTMM_SUCCESS && k < r->ncomp; k++) {
    w[k] = 1.0;
    s = nutmm_rate_binned(r, ws, NUTMM_PROCESS_SM, 0.0, w, r->sm + k * r->nbins);
    w[k] = 0.0;
  }
  nutmm_rate_workspace_free(ws);
  free(w);
  if (s == NUTMM_ENOMEM && !r->sm)
    NUTMM_FAIL(NUTMM_ENOMEM, "SM spectra");
  if (s != NUTMM_SUCCESS)
    return nutmm_error_chain(s, __func__);
  return NUTMM_SUCCESS;
}

static int plan(nutmm_rate *r, const nutmm_target *tg)
{
  NUTMM_TRY(check_options(&r->opt));
  r->nbins = nutmm_detector_nbins(r->det);
  if (r->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "detector has no bins");
  NUTMM_TRY(plan_centres(r, tg));
  NUTMM_TRY(plan_components(r));
  NUTMM_TRY(plan_gauss_legendre(r));
  NUTMM_TRY(plan_grid(r));
  if (r->nT > 0)
    NUTMM_TRY(nutmm_response_alloc(r->det, r->T, r->wT, r->nT, &r->R));
  NUTMM_TRY(plan_sm(r));
  return NUTMM_SUCCESS;
}

int nutmm_rate_alloc(const nutmm_target *target, const nutmm_flux *flux,
                     const nutmm_detector *det, const nutmm_rate_options *opt, nutmm_rate **out)
{
  NUTMM_CHECK_PTR(out);
  *out = NULL;
  NUTMM_CHECK_PTR(target);
  NUTMM_CHECK_PTR(flux);
  NUTMM_CHECK_PTR(det);
  nutmm_rate *r = nutmm_calloc_n(1, sizeof *r);
  if (!r)
    NUTMM_FAIL(NUTMM_ENOMEM, "rate plan");
  r->flux = flux;
  r->det = det;
  if (opt)
    r->opt = *opt;
  else
    nutmm_rate_options_default(&r->opt);
  int s = plan(r, target);
  if (s != NUTMM_SUCCESS) {
    nutmm_rate_free(r);
    return nutmm_error_chain(s, __func__);
  }
  *out = r;
  return NUTMM_SUCCESS;
}
