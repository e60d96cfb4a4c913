/* libnutmm -- event rates, eq. (21) of arXiv:2109.09545 (rate.h, physics manual phys-rate-eq21).
 *
 * The plan: true-recoil segments [a_s, b_s] with Gauss-Legendre nodes T_j and weights w_j,
 * the detector response matrix R_ij at those nodes, the scattering centres of the target and
 * the flux components.  An evaluation fills dR/dT at the nodes from the coefficient form of
 * the cross sections and the flux moments, applies R, and adds the line-window pieces. */
#include "nutmm/rate.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_integration.h>

#include "flux_internal.h"
#include "internal.h"
#include "xsec_internal.h"
#include "nutmm/kinematics.h"
#include "nutmm/units.h"

/* Upper bound on quadrature nodes of a plan (a guard against runaway options). */
#define RATE_MAX_NODES 200000
#define RATE_MAX_GL_ORDER 64
#define RATE_MIN_RATIO (1.0 + 1e-6)
#define NO_GROUP ((size_t)-1)

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
  double E_max;            /* upper end of the support, MeV */
  size_t group;            /* tables: grid group (components on the same nodes), else NO_GROUP */
  nutmm_flux_tview_ tab;   /* tables in a group: nodes, values and tails (flux_internal.h) */
  double E_first;          /* tables: the lower end of the support */
  size_t sum;              /* tables: their table sum (plan_sums), else NO_GROUP */
} component;

/* The tables of group 0 with one species and mass state, summed (plan_sums).  Where an
 * evaluation weighs them alike (a flux by mass state: every source of nu_i gets nu_i's
 * weight), sum_k w_k mom_k = w mom(sum_k f_k): one moment per node instead of one per table.
 * The sum keeps each table's jumps at the ends of its support: fr[j] is the sum just right of
 * node j, fl[j] just left of it (a table contributes 0 outside its support, as the skipped
 * tables of continuum_at() do). */
typedef struct {
  nutmm_species species;
  double E_max;              /* the largest E_max of the members */
  size_t first, n;           /* members: sum_members[first .. first + n) */
  double *fr, *fl, *tail[3]; /* [nU] on the group's nodes */
} table_sum;

/* How a line's recoil window [T_-, T_+] meets a segment. */
enum { SEG_OUT = 0, SEG_IN = 1, SEG_CUT = 2 };

struct nutmm_rate {
  const nutmm_flux *flux;
  const nutmm_detector *det;
  nutmm_rate_options opt;
  size_t ncentres, ncomp, nseg, order, nT, nbins, ngroups;
  centre *centres;
  component *comps;
  double *seg_a, *seg_b; /* [nseg] */
  double *T, *wT;        /* [nT], segment s owns nodes s*order .. s*order + order - 1 */
  double *gl_x, *gl_w;   /* Gauss-Legendre rule on [-1, 1], [order] */
  nutmm_xsec_point *pts; /* [ncentres][nT]: what the cross sections need at each node */
  size_t ncont, nline;
  size_t *cont, *line;   /* indices of the continuous components and of the lines */
  nutmm_response *R;     /* NULL when the grid is empty (no reachable recoil) */
  size_t j_lo, j_hi;     /* nodes [j_lo, j_hi) hold every non-zero response weight */
  double *sm;            /* [ncomp][nbins] SM counts per component */
  double *merged;        /* the tables on their merged nodes (merge_grids), or NULL */
  size_t nsum;           /* table sums (plan_sums) */
  table_sum *sums;
  size_t *sum_members;   /* component indices, by sum */
  double *sum_block;     /* their arrays */
  double gL[NUTMM_N_SPECIES], gR[NUTMM_N_SPECIES]; /* electron couplings of eq. (15) */
};

/* The last line window whose cut segments were evaluated: lines of equal energy (the
 * flavour or mass-state pieces of one solar line) share their partial nodes, points and
 * bin fractions. */
#define CUT_MAX 2 /* a window cuts at most the segments holding its two ends */
typedef struct {
  size_t centre;
  double tm, tp;
  size_t ncut, seg[CUT_MAX];
  double *T;               /* [CUT_MAX * order] partial nodes */
  nutmm_xsec_point *pts;   /* [CUT_MAX * order] */
  double *frac;            /* [CUT_MAX * order][nbins] */
  unsigned char *have;     /* [CUT_MAX * order]: pts valid (1), and frac (2) */
  int valid;
} cut_cache;

struct nutmm_rate_workspace {
  size_t nT, nbins, nseg;
  double *dRdT;   /* [nT] */
  double *extra;  /* [nbins] line-window pieces */
  nutmm_flux_locus_ *loci;  /* [ngroups] search state per grid group */
  unsigned char *seg_class; /* [ncomp][nseg] SEG_* of each line's window */
  double *line_tm, *line_tp; /* [ncomp] */
  unsigned char *line_on;   /* [ncomp] */
  size_t *active, nactive;  /* the lines with a window on the current centre */
  cut_cache cut;
  unsigned char *sum_on;    /* [nsum]: this evaluation weighs the sum's members alike */
  double *sum_w;            /* [nsum]: that weight */
};

/* One evaluation's process: built-in, or a user cross section. */
typedef struct {
  nutmm_process p;
  const nutmm_xsec_user *user;
  double m4;
} proc_spec;

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
  free(r->pts);
  free(r->cont);
  free(r->line);
  nutmm_response_free(r->R);
  free(r->sm);
  free(r->merged);
  free(r->sums);
  free(r->sum_members);
  free(r->sum_block);
  free(r);
}

size_t nutmm_rate_nbins(const nutmm_rate *r) { return r ? r->nbins : 0; }
size_t nutmm_rate_ncomponents(const nutmm_rate *r) { return r ? r->ncomp : 0; }
size_t nutmm_rate_nnodes(const nutmm_rate *r) { return r ? r->nT : 0; }

/* ---- cross sections ------------------------------------------------------------------- */

/* The point of centre c at recoil T (xsec.h): form factors and Q_W, or S(T). */
static int centre_point(const nutmm_rate *r, const centre *c, double T, nutmm_xsec_point *pt)
{
  if (r->opt.channel == NUTMM_CHANNEL_NUCLEUS)
    return nutmm_xsec_point_nucleus(T, c->nuc, &r->opt.xsec, pt);
  return nutmm_xsec_point_electron(T, c->atom, pt);
}

/* Coefficients c[3] and E_min of the process at a prepared point for species s. */
static int point_coef(const nutmm_rate *r, const proc_spec *ps, const nutmm_xsec_point *pt,
                      nutmm_species s, double cf[3], double *E_min)
{
  if (!ps->user) {
    /* the checks of nutmm_xsec_point_coef() were made for the whole plan (plan_couplings);
     * T > 0 at every node and partial node */
    nutmm_xsec_point_coef_(pt, ps->p, r->gL[s], r->gR[s], ps->m4, &r->opt.xsec, cf);
    *E_min = nutmm_kin_emin_(pt->T, pt->M, ps->m4);
    return NUTMM_SUCCESS;
  }
  double e0;
  NUTMM_TRY(nutmm_kin_emin_e(pt->T, pt->M, ps->m4, &e0)); /* eq. (22) */
  *E_min = e0;
  int st = ps->user->coef(pt, s, ps->m4, ps->user->params, cf, E_min);
  if (st != NUTMM_SUCCESS)
    return nutmm_error_chain(st, "user cross section");
  if (!isfinite(cf[0]) || !isfinite(cf[1]) || !isfinite(cf[2]) || isnan(*E_min))
    NUTMM_FAIL(NUTMM_EDOM, "user cross section at T = %g MeV gave c = (%g, %g, %g), E_min = %g",
               pt->T, cf[0], cf[1], cf[2], *E_min);
  *E_min = fmax(*E_min, e0); /* the hook may raise E_min, never lower it */
  return NUTMM_SUCCESS;
}

/* Whether the coefficients depend on the species (electron SM and interference). */
static int species_dependent(const nutmm_rate *r, const proc_spec *ps)
{
  return ps->user ? ps->user->species_dependent != 0
                  : nutmm_xsec_species_dependent(r->opt.channel, ps->p);
}

/* Lazily computed coefficients at one point, per species. */
typedef struct {
  double cf[NUTMM_N_SPECIES][3];
  double E_min[NUTMM_N_SPECIES];
  unsigned char have[NUTMM_N_SPECIES];
} coef_cache;

static int cached_coef(const nutmm_rate *r, const proc_spec *ps, int sdep,
                       const nutmm_xsec_point *pt, nutmm_species s, coef_cache *cc,
                       const double **cf, double *E_min)
{
  int key = sdep ? (int)s : 0;
  if (!cc->have[key]) {
    NUTMM_TRY(point_coef(r, ps, pt, s, cc->cf[key], &cc->E_min[key]));
    cc->have[key] = 1;
  }
  *cf = cc->cf[key];
  *E_min = cc->E_min[key];
  return NUTMM_SUCCESS;
}

/* Continuous components' contribution at one point:
 * sum_k w_k sum_p c_p int_{E_min} dPhi_k/dE E^-p dE (lines excluded).  loci: search state
 * per grid group (NULL: none); ws: which table sums this evaluation takes whole
 * (sums_for_weights; NULL: none, every table alone). */
static int continuum_at(const nutmm_rate *r, const proc_spec *ps, int sdep,
                        const nutmm_xsec_point *pt, const double *w, coef_cache *cc,
                        nutmm_flux_locus_ *loci, const nutmm_rate_workspace *ws, double *val)
{
  double sum = 0.0;
  for (size_t n = 0; n < r->ncont; n++) {
    const size_t k = r->cont[n];
    const component *cp = &r->comps[k];
    double wk = w ? w[k] : 1.0;
    if (wk == 0.0 || (ws && cp->sum != NO_GROUP && ws->sum_on[cp->sum]))
      continue; /* (a table of a sum taken whole, below) */
    const double *cf = NULL;
    double E_min = 0.0, mom[3];
    NUTMM_TRY(cached_coef(r, ps, sdep, pt, cp->species, cc, &cf, &E_min));
    /* Closed kinematics at this node: no flux above E_min (eq. 22).  Skipped, not evaluated:
     * for m4 far above every flux energy the coefficients overflow (the m4^4 term of
     * eqs. 17-18 is inf beyond m4 ~ 1e75 MeV) while the moments are 0, and inf x 0 is NaN. */
    if (!(E_min < cp->E_max))
      continue;
    if (loci && cp->group != NO_GROUP) {
      /* nutmm_flux_moments_fast_() taken apart: the group's locus moves once per E_min,
       * the moments are inlined (the same operations, the same numbers) */
      if (!(E_min > cp->E_first)) { /* below the support: all of it */
        for (int q = 0; q < 3; q++)
          mom[q] = cp->tab.tail[q][0];
      } else {
        nutmm_flux_locus_ *L = &loci[cp->group];
        if (!(L->E_lo == E_min))
          nutmm_flux_locus_move_(&cp->tab, E_min, L);
        nutmm_flux_table_moments_(&cp->tab, L, mom);
      }
    } else {
      nutmm_flux_moments_fast_(r->flux, k, E_min, NULL, mom);
    }
    sum += wk * (cf[0] * mom[0] + cf[1] * mom[1] + cf[2] * mom[2]);
  }
  /* the table sums whose members this evaluation weighs alike: on group 0's locus */
  for (size_t g = 0; ws && g < r->nsum; g++) {
    const table_sum *t = &r->sums[g];
    if (!ws->sum_on[g])
      continue;
    const component *c0 = &r->comps[r->sum_members[t->first]];
    const double *cf = NULL;
    double E_min = 0.0, mom[3];
    NUTMM_TRY(cached_coef(r, ps, sdep, pt, t->species, cc, &cf, &E_min));
    if (!(E_min < t->E_max)) /* closed for every member (above) */
      continue;
    nutmm_flux_locus_ *L = &loci[0];
    if (!(L->E_lo == E_min))
      nutmm_flux_locus_move_(&c0->tab, E_min, L);
    if (L->where == NUTMM_LOCUS_INSIDE_) {
      const size_t j = L->j;
      const double tail[3] = {t->tail[0][j + 1], t->tail[1][j + 1], t->tail[2][j + 1]};
      nutmm_flux_segment_moments_(c0->tab.E, L, t->fr[j], t->fl[j + 1], tail, mom);
    } else {
      for (int q = 0; q < 3; q++) /* below every node: all of it; above: nothing */
        mom[q] = L->where == NUTMM_LOCUS_BELOW_ ? t->tail[q][0] : 0.0;
    }
    sum += ws->sum_w[g] * (cf[0] * mom[0] + cf[1] * mom[1] + cf[2] * mom[2]);
  }
  *val = sum;
  return NUTMM_SUCCESS;
}

/* Which table sums this evaluation can take whole: those whose members have one weight. */
static void sums_for_weights(const nutmm_rate *r, nutmm_rate_workspace *ws, const double *w)
{
  for (size_t g = 0; g < r->nsum; g++) {
    const table_sum *t = &r->sums[g];
    const double w0 = w ? w[r->sum_members[t->first]] : 1.0;
    int alike = w0 != 0.0;
    for (size_t m = 1; m < t->n && alike; m++)
      alike = (w ? w[r->sum_members[t->first + m]] : 1.0) == w0;
    ws->sum_on[g] = (unsigned char)alike;
    ws->sum_w[g] = w0;
  }
}

/* Recoil window of a line on centre c: returns 0 if the line cannot produce nu_4 (below
 * threshold), else 1 with [T_minus, T_plus] (physics manual phys-kin-range). */
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

/* The windows of the lines on centre c: which segments each window holds whole (SEG_IN)
 * and which it cuts (SEG_CUT). */
static void classify_lines(const nutmm_rate *r, nutmm_rate_workspace *ws, const centre *c,
                           double m4, const double *w)
{
  ws->nactive = 0;
  for (size_t n = 0; n < r->nline; n++) {
    const size_t k = r->line[n];
    const component *cp = &r->comps[k];
    double wk = w ? w[k] : 1.0;
    double tm = 0.0, tp = 0.0;
    ws->line_on[k] = wk != 0.0 && line_window(c, cp->E_line, m4, &tm, &tp);
    if (!ws->line_on[k])
      continue;
    ws->active[ws->nactive++] = k;
    ws->line_tm[k] = tm;
    ws->line_tp[k] = tp;
    unsigned char *cls = ws->seg_class + k * r->nseg;
    for (size_t s = 0; s < r->nseg; s++) {
      double a = r->seg_a[s], b = r->seg_b[s];
      cls[s] = (b <= tm || a >= tp) ? SEG_OUT : (a >= tm && b <= tp) ? SEG_IN : SEG_CUT;
    }
  }
}

/* The partial rules of line k's cut segments on centre ic, added to extra[]: the exact
 * window, the response evaluated at its nodes.  Points and bin fractions are kept for the
 * next line with the same window. */
static int add_cut_segments(const nutmm_rate *r, nutmm_rate_workspace *ws, const proc_spec *ps,
                            size_t ic, size_t k, double scale)
{
  const centre *c = &r->centres[ic];
  const component *cp = &r->comps[k];
  const unsigned char *cls = ws->seg_class + k * r->nseg;
  const double tm = ws->line_tm[k], tp = ws->line_tp[k];
  cut_cache *cc = &ws->cut;
  if (!(cc->valid && cc->centre == ic && cc->tm == tm && cc->tp == tp)) {
    cc->valid = 0;
    cc->ncut = 0;
    for (size_t s = 0; s < r->nseg; s++)
      if (cls[s] == SEG_CUT) {
        if (cc->ncut == CUT_MAX)
          NUTMM_FAIL(NUTMM_EFAILED, "line window [%g, %g] cuts more than %d segments", tm, tp,
                     CUT_MAX);
        cc->seg[cc->ncut++] = s;
      }
    memset(cc->have, 0, CUT_MAX * r->order);
    cc->centre = ic;
    cc->tm = tm;
    cc->tp = tp;
    cc->valid = 1;
  }
  for (size_t n = 0; n < cc->ncut; n++) {
    size_t s = cc->seg[n];
    double lo = GSL_MAX(r->seg_a[s], tm), hi = GSL_MIN(r->seg_b[s], tp);
    double half = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
    for (size_t q = 0; q < r->order; q++) {
      size_t iq = n * r->order + q;
      if (!(cc->have[iq] & 1)) {
        cc->T[iq] = mid + half * r->gl_x[q];
        NUTMM_TRY(centre_point(r, c, cc->T[iq], &cc->pts[iq]));
        cc->have[iq] |= 1;
      }
      double cf[3], E_min;
      NUTMM_TRY(point_coef(r, ps, &cc->pts[iq], cp->species, cf, &E_min));
      /* inside the window by construction; evaluate without the E_min cut, which
       * rounding could trip at the window edges */
      double u = 1.0 / cp->E_line, sigma = cf[0] + u * (cf[1] + u * cf[2]);
      if (sigma == 0.0)
        continue;
      double *frac = cc->frac + iq * r->nbins;
      if (!(cc->have[iq] & 2)) {
        NUTMM_TRY(nutmm_detector_bin_fractions(r->det, cc->T[iq], frac));
        cc->have[iq] |= 2;
      }
      double f = scale * sigma * half * r->gl_w[q];
      for (size_t i = 0; i < r->nbins; i++)
        ws->extra[i] += f * frac[i];
    }
  }
  return NUTMM_SUCCESS;
}

static int evaluate(const nutmm_rate *r, nutmm_rate_workspace *ws, const proc_spec *ps,
                    const double *w, double *counts)
{
  if (ws->nT != r->nT || ws->nbins != r->nbins || ws->nseg != r->nseg)
    NUTMM_FAIL(NUTMM_EINVAL, "workspace was allocated for another rate plan");
  NUTMM_TRY(check_weights(r, w));
  for (size_t i = 0; i < r->nbins; i++)
    counts[i] = 0.0;
  if (r->nT == 0)
    return NUTMM_SUCCESS;
  double *dRdT = ws->dRdT, *extra = ws->extra;
  memset(dRdT, 0, r->nT * sizeof *dRdT);
  memset(extra, 0, r->nbins * sizeof *extra);
  const int sdep = species_dependent(r, ps);
  ws->cut.valid = 0;
  sums_for_weights(r, ws, w);

  for (size_t ic = 0; ic < r->ncentres; ic++) {
    const centre *c = &r->centres[ic];
    const nutmm_xsec_point *pts = r->pts + ic * r->nT;
    classify_lines(r, ws, c, ps->m4, w);
    for (size_t g = 0; g < r->ngroups; g++)
      nutmm_flux_locus_init_(&ws->loci[g]);
    /* Node by node: the continuum, then the lines whose window holds the node's segment.
     * Nodes outside [j_lo, j_hi) have a zero response column: their dR/dT is never read. */
    for (size_t j = r->j_lo; j < r->j_hi; j++) {
      coef_cache cc;
      memset(cc.have, 0, sizeof cc.have);
      if (r->ncont > 0) {
        double v;
        NUTMM_TRY(continuum_at(r, ps, sdep, &pts[j], w, &cc, ws->loci, r->nsum ? ws : NULL, &v));
        dRdT[j] += c->per_kg * v;
      }
      const size_t s = j / r->order;
      for (size_t n = 0; n < ws->nactive; n++) {
        const size_t k = ws->active[n];
        if (ws->seg_class[k * r->nseg + s] != SEG_IN)
          continue;
        const component *cp = &r->comps[k];
        const double *cf = NULL;
        double E_min = 0.0;
        NUTMM_TRY(cached_coef(r, ps, sdep, &pts[j], cp->species, &cc, &cf, &E_min));
        double scale = c->per_kg * (w ? w[k] : 1.0) * cp->phi_line;
        dRdT[j] += scale * nutmm_xsec_coef_eval(cf, E_min, cp->E_line);
      }
    }
    /* Lines: exact partial rules on the segments their windows cut. */
    for (size_t n = 0; n < ws->nactive; n++) {
      const size_t k = ws->active[n];
      NUTMM_TRY(add_cut_segments(r, ws, ps, ic, k,
                                 c->per_kg * (w ? w[k] : 1.0) * r->comps[k].phi_line));
    }
  }
  NUTMM_TRY(nutmm_response_apply(r->R, dRdT, counts));
  for (size_t i = 0; i < r->nbins; i++) {
    counts[i] = r->opt.exposure * (counts[i] + extra[i]);
    if (!isfinite(counts[i]))
      NUTMM_FAIL(NUTMM_EDOM, "bin %zu: %g counts", i, counts[i]);
  }
  return NUTMM_SUCCESS;
}

int nutmm_rate_binned(const nutmm_rate *r, nutmm_rate_workspace *ws, nutmm_process p, double m4,
                      const double *w, double *counts)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(counts);
  NUTMM_CHECK_NONNEG(m4);
  if (p != NUTMM_PROCESS_SM && p != NUTMM_PROCESS_DIPOLE && p != NUTMM_PROCESS_INTERFERENCE)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown process %d", (int)p);
  proc_spec ps = {p, NULL, p == NUTMM_PROCESS_SM ? 0.0 : m4};
  NUTMM_TRY(evaluate(r, ws, &ps, w, counts));
  return NUTMM_SUCCESS;
}

int nutmm_rate_user(const nutmm_rate *r, nutmm_rate_workspace *ws, const nutmm_xsec_user *x,
                    double m4, const double *w, double *counts)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(x);
  NUTMM_CHECK_PTR(x->coef);
  NUTMM_CHECK_PTR(counts);
  NUTMM_CHECK_NONNEG(m4);
  proc_spec ps = {NUTMM_PROCESS_SM, x, m4};
  NUTMM_TRY(evaluate(r, ws, &ps, w, counts));
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

/* dR/dT at T for process ps, exposure included (the differential forms below). */
static int differential(const nutmm_rate *r, const proc_spec *ps, double T, const double *w,
                        double *dRdT)
{
  NUTMM_CHECK_PTR(dRdT);
  NUTMM_CHECK_POSITIVE(T);
  NUTMM_TRY(check_weights(r, w));
  const int sdep = species_dependent(r, ps);
  double total = 0.0;
  for (size_t ic = 0; ic < r->ncentres; ic++) {
    const centre *c = &r->centres[ic];
    nutmm_xsec_point pt;
    NUTMM_TRY(centre_point(r, c, T, &pt));
    coef_cache cc;
    memset(cc.have, 0, sizeof cc.have);
    double v;
    NUTMM_TRY(continuum_at(r, ps, sdep, &pt, w, &cc, NULL, NULL, &v));
    for (size_t k = 0; k < r->ncomp; k++) {
      const component *cp = &r->comps[k];
      double wk = w ? w[k] : 1.0;
      if (!cp->is_line || wk == 0.0)
        continue;
      const double *cf = NULL;
      double E_min = 0.0;
      NUTMM_TRY(cached_coef(r, ps, sdep, &pt, cp->species, &cc, &cf, &E_min));
      v += wk * cp->phi_line * nutmm_xsec_coef_eval(cf, E_min, cp->E_line);
    }
    total += c->per_kg * v;
  }
  *dRdT = r->opt.exposure * total;
  if (!isfinite(*dRdT))
    NUTMM_FAIL(NUTMM_EDOM, "dR/dT = %g at T = %g MeV", *dRdT, T);
  return NUTMM_SUCCESS;
}

int nutmm_rate_differential(const nutmm_rate *r, nutmm_process p, double T, double m4,
                            const double *w, double *dRdT)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_NONNEG(m4);
  if (p != NUTMM_PROCESS_SM && p != NUTMM_PROCESS_DIPOLE && p != NUTMM_PROCESS_INTERFERENCE)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown process %d", (int)p);
  proc_spec ps = {p, NULL, p == NUTMM_PROCESS_SM ? 0.0 : m4};
  NUTMM_TRY(differential(r, &ps, T, w, dRdT));
  return NUTMM_SUCCESS;
}

int nutmm_rate_user_differential(const nutmm_rate *r, const nutmm_xsec_user *x, double T,
                                 double m4, const double *w, double *dRdT)
{
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(x);
  NUTMM_CHECK_PTR(x->coef);
  NUTMM_CHECK_NONNEG(m4);
  proc_spec ps = {NUTMM_PROCESS_SM, x, m4};
  NUTMM_TRY(differential(r, &ps, T, w, dRdT));
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
  const size_t ncut = CUT_MAX * (r->order + 1);
  w->dRdT = nutmm_calloc_n(nutmm_size_add(r->nT, 1), sizeof *w->dRdT);
  w->extra = nutmm_calloc_n(nutmm_size_add(r->nbins, 1), sizeof *w->extra);
  w->loci = nutmm_calloc_n(nutmm_size_add(r->ngroups, 1), sizeof *w->loci);
  w->seg_class = nutmm_calloc_n(nutmm_size_add(nutmm_size_mul(r->ncomp, r->nseg), 1), 1);
  w->line_tm = nutmm_calloc_n(r->ncomp, sizeof *w->line_tm);
  w->line_tp = nutmm_calloc_n(r->ncomp, sizeof *w->line_tp);
  w->line_on = nutmm_calloc_n(r->ncomp, 1);
  w->active = nutmm_calloc_n(r->ncomp, sizeof *w->active);
  w->cut.T = nutmm_calloc_n(ncut, sizeof *w->cut.T);
  w->cut.pts = nutmm_calloc_n(ncut, sizeof *w->cut.pts);
  w->cut.frac = nutmm_calloc_n(nutmm_size_mul(ncut, nutmm_size_add(r->nbins, 1)), sizeof *w->cut.frac);
  w->cut.have = nutmm_calloc_n(ncut, 1);
  w->sum_on = nutmm_calloc_n(nutmm_size_add(r->nsum, 1), 1);
  w->sum_w = nutmm_calloc_n(nutmm_size_add(r->nsum, 1), sizeof *w->sum_w);
  if (!w->dRdT || !w->extra || !w->loci || !w->seg_class || !w->line_tm ||
      !w->line_tp || !w->line_on || !w->active || !w->cut.T || !w->cut.pts || !w->cut.frac ||
      !w->cut.have || !w->sum_on || !w->sum_w) {
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
  free(ws->extra);
  free(ws->loci);
  free(ws->seg_class);
  free(ws->line_tm);
  free(ws->line_tp);
  free(ws->line_on);
  free(ws->active);
  free(ws->cut.T);
  free(ws->cut.pts);
  free(ws->cut.frac);
  free(ws->cut.have);
  free(ws->sum_on);
  free(ws->sum_w);
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

/* Tables on different nodes (the sources of a solar flux) put on the union of their nodes:
 * one search and one set of logarithms per recoil node serve them all, instead of one per
 * grid group (nutmm_flux_tables_regrid_: the same moments to rounding).  Groups are numbered
 * in the order of their first table (plan_components), which holds the group's nodes. */
static int merge_grids(nutmm_rate *r)
{
  size_t ntot = 0, ntab = 0;
  for (size_t k = 0, g = 0; k < r->ncomp; k++) {
    ntab += r->comps[k].group != NO_GROUP;
    if (r->comps[k].group == g) /* the first table of group g */
      ntot = nutmm_size_add(ntot, r->comps[k].tab.n), g++;
  }
  double *U = nutmm_malloc_n(ntot, sizeof *U);
  if (!U)
    NUTMM_FAIL(NUTMM_ENOMEM, "merged flux grid of %zu nodes", ntot);
  size_t nU = 0;
  for (size_t k = 0, g = 0; k < r->ncomp; k++)
    if (r->comps[k].group == g) {
      memcpy(U + nU, r->comps[k].tab.E, r->comps[k].tab.n * sizeof *U);
      nU += r->comps[k].tab.n;
      g++;
    }
  qsort(U, nU, sizeof *U, cmp_double);
  size_t m = 0;
  for (size_t j = 0; j < nU; j++)
    if (m == 0 || U[j] != U[m - 1])
      U[m++] = U[j];
  nU = m;
  /* block: U, then f and three tails per table */
  double *block = nutmm_malloc_n(nutmm_size_add(nU, nutmm_size_mul(4 * nU, ntab)), sizeof *block);
  if (!block) {
    free(U);
    NUTMM_FAIL(NUTMM_ENOMEM, "%zu flux tables on %zu merged nodes", ntab, nU);
  }
  memcpy(block, U, nU * sizeof *block);
  free(U);
  /* group by group (the tables of a group share the geometry of every merged node) */
  nutmm_flux_tview_ *views = nutmm_malloc_n(ntab, sizeof *views);
  double **outs = nutmm_malloc_n(4 * ntab, sizeof *outs);
  size_t *members = nutmm_malloc_n(ntab, sizeof *members);
  if (!views || !outs || !members) {
    free(views);
    free(outs);
    free(members);
    free(block);
    NUTMM_FAIL(NUTMM_ENOMEM, "merging %zu flux tables", ntab);
  }
  double *p = block + nU;
  for (size_t g = 0; g < r->ngroups; g++) {
    size_t nv = 0;
    for (size_t k = 0; k < r->ncomp; k++)
      if (r->comps[k].group == g) {
        members[nv] = k;
        views[nv] = r->comps[k].tab;
        outs[nv] = p;                        /* f */
        for (int q = 0; q < 3; q++)          /* tails, after all the f's */
          outs[ntab + 3 * nv + q] = p + (1 + q) * nU;
        p += 4 * nU;
        nv++;
      }
    nutmm_flux_tables_regrid_(views, nv, block, nU, outs, outs + ntab);
    for (size_t q = 0; q < nv; q++)
      r->comps[members[q]].tab = (nutmm_flux_tview_){
          nU, block, outs[q], {outs[ntab + 3 * q], outs[ntab + 3 * q + 1], outs[ntab + 3 * q + 2]}};
  }
  for (size_t k = 0; k < r->ncomp; k++)
    if (r->comps[k].group != NO_GROUP)
      r->comps[k].group = 0;
  free(views);
  free(outs);
  free(members);
  r->ngroups = 1;
  r->merged = block;
  return NUTMM_SUCCESS;
}

static int plan_components(nutmm_rate *r)
{
  r->ncomp = nutmm_flux_ncomponents(r->flux);
  if (r->ncomp == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "flux has no components");
  r->comps = nutmm_calloc_n(r->ncomp, sizeof *r->comps);
  r->cont = nutmm_calloc_n(r->ncomp, sizeof *r->cont);
  r->line = nutmm_calloc_n(r->ncomp, sizeof *r->line);
  if (!r->comps || !r->cont || !r->line)
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
    cp->E_max = info.E_max;
    if (cp->is_line)
      r->line[r->nline++] = k;
    else
      r->cont[r->ncont++] = k;
    /* tables on the nodes of an earlier table share its search and logarithms */
    cp->group = NO_GROUP;
    if (!nutmm_flux_same_grid_(r->flux, k, k))
      continue;
    for (size_t i = 0; i < k && cp->group == NO_GROUP; i++)
      if (r->comps[i].group != NO_GROUP && nutmm_flux_same_grid_(r->flux, i, k))
        cp->group = r->comps[i].group;
    if (cp->group == NO_GROUP)
      cp->group = r->ngroups++;
    nutmm_flux_table_view_(r->flux, k, &cp->tab);
    cp->E_first = cp->tab.E[0];
  }
  if (r->ngroups > 1)
    NUTMM_TRY(merge_grids(r));
  return NUTMM_SUCCESS;
}

/* The table sums: the tables of group 0 (every table, after merge_grids) by species and
 * mass state, where that holds two or more. */
static int plan_sums(nutmm_rate *r)
{
  for (size_t k = 0; k < r->ncomp; k++)
    r->comps[k].sum = NO_GROUP;
  if (r->ngroups != 1)
    return NUTMM_SUCCESS;
  size_t ntab = 0, nU = 0;
  for (size_t n = 0; n < r->ncont; n++) {
    const component *cp = &r->comps[r->cont[n]];
    if (cp->group == 0) {
      ntab++;
      nU = cp->tab.n;
    }
  }
  r->sums = nutmm_calloc_n(ntab + 1, sizeof *r->sums);
  r->sum_members = nutmm_calloc_n(ntab + 1, sizeof *r->sum_members);
  if (!r->sums || !r->sum_members)
    NUTMM_FAIL(NUTMM_ENOMEM, "table sums");
  /* members, sum by sum, in component order */
  size_t nm = 0;
  for (size_t n = 0; n < r->ncont; n++) {
    component *cp = &r->comps[r->cont[n]];
    if (cp->group != 0 || cp->sum != NO_GROUP)
      continue;
    table_sum *t = &r->sums[r->nsum];
    *t = (table_sum){cp->species, 0.0, nm, 0, NULL, NULL, {NULL, NULL, NULL}};
    for (size_t m = n; m < r->ncont; m++) {
      component *c = &r->comps[r->cont[m]];
      if (c->group == 0 && c->sum == NO_GROUP && c->species == cp->species &&
          c->mass_state == cp->mass_state) {
        c->sum = r->nsum;
        r->sum_members[nm++] = r->cont[m];
        t->n++;
        t->E_max = GSL_MAX(t->E_max, c->E_max);
      }
    }
    if (t->n < 2) { /* one table: nothing to sum */
      r->comps[r->sum_members[t->first]].sum = NO_GROUP;
      nm--;
      continue;
    }
    r->nsum++;
  }
  if (r->nsum == 0)
    return NUTMM_SUCCESS;
  /* the sums, and B[q][j]: the whole integrals of the tables whose support starts at node j
   * (below its support a table's tail is its whole integral and its values 0, above it all
   * is 0: each table is added over its support only, the wholes once, by a sweep down) */
  r->sum_block = nutmm_calloc_n(nutmm_size_mul(5 * r->nsum + 3, nU + 1), sizeof *r->sum_block);
  if (!r->sum_block)
    NUTMM_FAIL(NUTMM_ENOMEM, "%zu table sums of %zu nodes", r->nsum, nU);
  double *B[3];
  for (int q = 0; q < 3; q++)
    B[q] = r->sum_block + (5 * r->nsum + (size_t)q) * (nU + 1);
  for (size_t g = 0; g < r->nsum; g++) {
    table_sum *t = &r->sums[g];
    double *p = r->sum_block + 5 * g * (nU + 1);
    t->fr = p;
    t->fl = p + (nU + 1);
    for (int q = 0; q < 3; q++) {
      t->tail[q] = p + (size_t)(2 + q) * (nU + 1);
      memset(B[q], 0, (nU + 1) * sizeof *B[q]);
    }
    for (size_t m = 0; m < t->n; m++) {
      const component *c = &r->comps[r->sum_members[t->first + m]];
      const double *E = c->tab.E, *f = c->tab.f;
      size_t j0 = 0, j1 = nU - 1; /* the support: E[j0] = E_first .. E[j1] = E_max */
      while (j0 < nU - 1 && E[j0] < c->E_first)
        j0++;
      while (j1 > j0 && E[j1] > c->E_max)
        j1--;
      for (size_t j = j0; j <= j1; j++) {
        t->fr[j] += j < j1 ? f[j] : 0.0; /* 0 right of the support's last node */
        t->fl[j] += j > j0 ? f[j] : 0.0; /* and left of its first */
        t->tail[0][j] += c->tab.tail[0][j];
        t->tail[1][j] += c->tab.tail[1][j];
        t->tail[2][j] += c->tab.tail[2][j];
      }
      for (int q = 0; q < 3; q++)
        B[q][j0] += c->tab.tail[q][0];
    }
    for (int q = 0; q < 3; q++) {
      double below = 0.0;
      for (size_t j = nU; j-- > 0;) {
        below += B[q][j + 1];
        t->tail[q][j] += below;
      }
    }
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

/* The cross sections' m4-independent factors at every node of every centre: form factors
 * and weak charges, or S(T), computed once here instead of at every evaluation. */
static int plan_points(nutmm_rate *r)
{
  r->pts = nutmm_malloc_n(nutmm_size_mul(r->ncentres, r->nT), sizeof *r->pts);
  if (!r->pts)
    NUTMM_FAIL(NUTMM_ENOMEM, "cross-section points of %zu nodes", r->nT);
  for (size_t ic = 0; ic < r->ncentres; ic++)
    for (size_t j = 0; j < r->nT; j++)
      NUTMM_TRY(centre_point(r, &r->centres[ic], r->T[j], &r->pts[ic * r->nT + j]));
  return NUTMM_SUCCESS;
}

/* The band of nodes with a non-zero response weight in some bin (eq. 21: R_ij = 0 for
 * every bin means node j never contributes): computed once, evaluations skip the rest.
 * Exact: the skipped products are 0 x dR/dT. */
static void plan_node_band(nutmm_rate *r)
{
  const double *m = nutmm_response_matrix(r->R);
  size_t lo = r->nT, hi = 0;
  for (size_t i = 0; i < r->nbins; i++)
    for (size_t j = 0; j < r->nT; j++)
      if (m[i * r->nT + j] != 0.0) {
        lo = GSL_MIN(lo, j);
        hi = GSL_MAX(hi, j + 1);
      }
  r->j_lo = lo < hi ? lo : 0;
  r->j_hi = lo < hi ? hi : 0;
}

/* The checks nutmm_xsec_point_coef() makes on every call, made once: valid cross-section
 * options, and the couplings of eq. (15) of every species. */
static int plan_couplings(nutmm_rate *r)
{
  const nutmm_xsec_options *xo;
  NUTMM_TRY(nutmm_xsec_opt_resolve(&r->opt.xsec, NULL, &xo));
  for (int s = 0; s < NUTMM_N_SPECIES; s++)
    NUTMM_TRY(nutmm_xsec_ees_couplings((nutmm_species)s, r->opt.xsec.sin2w, &r->gL[s], &r->gR[s]));
  return NUTMM_SUCCESS;
}

static int plan(nutmm_rate *r, const nutmm_target *tg)
{
  NUTMM_TRY(check_options(&r->opt));
  NUTMM_TRY(plan_couplings(r));
  r->nbins = nutmm_detector_nbins(r->det);
  if (r->nbins == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "detector has no bins");
  NUTMM_TRY(plan_centres(r, tg));
  NUTMM_TRY(plan_components(r));
  NUTMM_TRY(plan_sums(r));
  NUTMM_TRY(plan_gauss_legendre(r));
  NUTMM_TRY(plan_grid(r));
  if (r->nT > 0) {
    NUTMM_TRY(nutmm_response_alloc(r->det, r->T, r->wT, r->nT, &r->R));
    plan_node_band(r);
    NUTMM_TRY(plan_points(r));
  }
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
