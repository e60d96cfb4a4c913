/* libnutmm -- analyses: rate plans + likelihood + coupling -> signal (analysis.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nutmm/analysis.h"

typedef struct {
  nutmm_rate *rate;
  nutmm_target *target;
  nutmm_flux *flux;
  nutmm_detector *det;
  size_t nb, nc;   /* plan bins and components */
  double *scale;   /* [nc] or NULL */
  double *map;     /* [nbins][nb] or NULL (identity) */
  int interference;
  double e_max;    /* largest neutrino energy of the flux (MeV), INFINITY if unknown */
} plan;

struct nutmm_analysis {
  char name[NUTMM_ANALYSIS_NAME_MAX];
  size_t nbins;
  plan plans[NUTMM_ANALYSIS_MAX_RATES];
  size_t nplans;
  nutmm_chi2 *model;
  double *sm;    /* [nbins] or NULL */
  double *edges; /* [nbins + 1] or NULL */
  double edge_unit;
  char stem[NUTMM_ANALYSIS_NAME_MAX];
  char (*bkg_names)[NUTMM_ANALYSIS_NAME_MAX]; /* [n_backgrounds] */
};

struct nutmm_analysis_workspace {
  const nutmm_analysis *a;
  nutmm_rate_workspace *rws[NUTMM_ANALYSIS_MAX_RATES];
  nutmm_chi2_workspace *chi;
  double *wd, *wi;   /* [max nc] weights */
  double *pd, *pi;   /* [max nb] plan counts */
  double *d, *in;    /* [nbins] signal parts */
  double *block;
};

static int copy_name(char *dst, const char *src, const char *what, const char *func)
{
  if (strlen(src) >= NUTMM_ANALYSIS_NAME_MAX)
    return nutmm_error_set(NUTMM_EBADLEN, func, "%s '%s' longer than %d characters", what, src,
                           NUTMM_ANALYSIS_NAME_MAX - 1);
  strcpy(dst, src);
  return NUTMM_SUCCESS;
}

int nutmm_analysis_alloc(const char *name, size_t nbins, nutmm_analysis **a)
{
  NUTMM_CHECK_PTR(a);
  *a = NULL;
  NUTMM_CHECK_PTR(name);
  if (nbins == 0 || nbins > SIZE_MAX / (4 * sizeof(double)) - 1)
    NUTMM_FAIL(NUTMM_EBADLEN, "nbins = %zu", nbins);
  nutmm_analysis *x = calloc(1, sizeof *x);
  if (!x)
    NUTMM_FAIL(NUTMM_ENOMEM, "analysis");
  int s = copy_name(x->name, name, "name", __func__);
  if (s) {
    free(x);
    return s;
  }
  x->nbins = nbins;
  x->edge_unit = 1.0;
  strcpy(x->stem, "bin");
  *a = x;
  return NUTMM_SUCCESS;
}

static void plan_free(plan *p)
{
  nutmm_rate_free(p->rate);
  nutmm_detector_free(p->det);
  nutmm_flux_free(p->flux);
  nutmm_target_free(p->target);
  free(p->scale);
  free(p->map);
  memset(p, 0, sizeof *p);
}

void nutmm_analysis_free(nutmm_analysis *a)
{
  if (!a)
    return;
  for (size_t k = 0; k < a->nplans; k++)
    plan_free(&a->plans[k]);
  nutmm_chi2_free(a->model);
  free(a->sm);
  free(a->edges);
  free(a->bkg_names);
  free(a);
}

static int check_finite(const double *x, size_t n, const char *what, const char *func)
{
  for (size_t i = 0; i < n; i++)
    if (!isfinite(x[i]))
      return nutmm_error_set(NUTMM_EDOM, func, "%s[%zu] = %g is not finite", what, i, x[i]);
  return NUTMM_SUCCESS;
}

int nutmm_analysis_add_rate(nutmm_analysis *a, nutmm_rate *r, nutmm_target *target,
                            nutmm_flux *flux, nutmm_detector *det,
                            const nutmm_analysis_rate_options *opt)
{
  plan p = {r, target, flux, det, 0, 0, NULL, NULL, 0, INFINITY};
  int s = NUTMM_SUCCESS;
  if (!a || !r) {
    s = nutmm_error_set(NUTMM_EFAULT, __func__, "%s is NULL", a ? "r" : "a");
    goto fail;
  }
  if (a->nplans == NUTMM_ANALYSIS_MAX_RATES) {
    s = nutmm_error_set(NUTMM_EBADLEN, __func__, "more than %d rate plans",
                        NUTMM_ANALYSIS_MAX_RATES);
    goto fail;
  }
  p.nb = nutmm_rate_nbins(r);
  p.nc = nutmm_rate_ncomponents(r);
  if (opt && opt->component_scale) {
    if ((s = check_finite(opt->component_scale, p.nc, "component_scale", __func__)))
      goto fail;
    if (!(p.scale = malloc(p.nc * sizeof *p.scale))) {
      s = nutmm_error_set(NUTMM_ENOMEM, __func__, "scales");
      goto fail;
    }
    memcpy(p.scale, opt->component_scale, p.nc * sizeof *p.scale);
  }
  if (opt && opt->bin_map) {
    if (p.nb > SIZE_MAX / sizeof(double) / a->nbins) {
      s = nutmm_error_set(NUTMM_EBADLEN, __func__, "bin map %zu x %zu", a->nbins, p.nb);
      goto fail;
    }
    const size_t n = a->nbins * p.nb;
    if ((s = check_finite(opt->bin_map, n, "bin_map", __func__)))
      goto fail;
    if (!(p.map = malloc(n * sizeof *p.map))) {
      s = nutmm_error_set(NUTMM_ENOMEM, __func__, "bin map");
      goto fail;
    }
    memcpy(p.map, opt->bin_map, n * sizeof *p.map);
  } else if (p.nb != a->nbins) {
    s = nutmm_error_set(NUTMM_EBADLEN, __func__,
                        "plan has %zu bins, analysis %zu: give a bin map", p.nb, a->nbins);
    goto fail;
  }
  p.interference = opt ? opt->interference != 0 : 0;
  if (flux && nutmm_flux_endpoint(flux, &p.e_max) != NUTMM_SUCCESS)
    p.e_max = INFINITY;
  a->plans[a->nplans++] = p;
  return NUTMM_SUCCESS;
fail:
  plan_free(&p);
  return s;
}

int nutmm_analysis_set_sm(nutmm_analysis *a, const double *sm)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(sm);
  NUTMM_TRY(check_finite(sm, a->nbins, "sm", __func__));
  if (!a->sm && !(a->sm = malloc(a->nbins * sizeof *a->sm)))
    NUTMM_FAIL(NUTMM_ENOMEM, "sm");
  memcpy(a->sm, sm, a->nbins * sizeof *a->sm);
  return NUTMM_SUCCESS;
}

/* out[nbins] += map(plan counts). */
static void map_add(const nutmm_analysis *a, const plan *p, const double *counts, double *out)
{
  if (!p->map) {
    for (size_t i = 0; i < a->nbins; i++)
      out[i] += counts[i];
    return;
  }
  for (size_t i = 0; i < a->nbins; i++) {
    double s = 0.0;
    for (size_t j = 0; j < p->nb; j++)
      s += p->map[i * p->nb + j] * counts[j];
    out[i] += s;
  }
}

static size_t max_nb(const nutmm_analysis *a)
{
  size_t m = 1;
  for (size_t k = 0; k < a->nplans; k++)
    m = a->plans[k].nb > m ? a->plans[k].nb : m;
  return m;
}

int nutmm_analysis_rate_sm(const nutmm_analysis *a, double *out)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(out);
  if (a->nplans == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "%s: no rate plan", a->name);
  double *tmp = malloc(max_nb(a) * sizeof *tmp);
  if (!tmp)
    NUTMM_FAIL(NUTMM_ENOMEM, "SM counts");
  for (size_t i = 0; i < a->nbins; i++)
    out[i] = 0.0;
  int s = NUTMM_SUCCESS;
  for (size_t k = 0; k < a->nplans && !s; k++) {
    s = nutmm_rate_sm(a->plans[k].rate, a->plans[k].scale, tmp);
    if (!s)
      map_add(a, &a->plans[k], tmp, out);
  }
  free(tmp);
  return s ? nutmm_error_chain(s, __func__) : NUTMM_SUCCESS;
}

int nutmm_analysis_set_likelihood(nutmm_analysis *a, nutmm_chi2 *model)
{
  if (!a || !model) {
    nutmm_chi2_free(model);
    NUTMM_FAIL(NUTMM_EFAULT, "%s is NULL", a ? "model" : "a");
  }
  if (nutmm_chi2_nbins(model) != a->nbins) {
    size_t nb = nutmm_chi2_nbins(model);
    nutmm_chi2_free(model);
    NUTMM_FAIL(NUTMM_EBADLEN, "likelihood has %zu bins, analysis %zu", nb, a->nbins);
  }
  size_t nbkg = nutmm_chi2_n_backgrounds(model);
  char(*names)[NUTMM_ANALYSIS_NAME_MAX] = calloc(nbkg ? nbkg : 1, sizeof *names);
  if (!names) {
    nutmm_chi2_free(model);
    NUTMM_FAIL(NUTMM_ENOMEM, "background names");
  }
  for (size_t c = 0; c < nbkg; c++)
    snprintf(names[c], sizeof names[c], "bkg%zu", c);
  nutmm_chi2_free(a->model);
  free(a->bkg_names);
  a->model = model;
  a->bkg_names = names;
  return NUTMM_SUCCESS;
}

int nutmm_analysis_set_bins(nutmm_analysis *a, const double *edges, double unit, const char *stem)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(edges);
  NUTMM_CHECK_PTR(stem);
  NUTMM_CHECK_POSITIVE(unit);
  NUTMM_TRY(check_finite(edges, a->nbins + 1, "edges", __func__));
  char buf[NUTMM_ANALYSIS_NAME_MAX];
  NUTMM_TRY(copy_name(buf, stem, "stem", __func__));
  if (!a->edges && !(a->edges = malloc((a->nbins + 1) * sizeof *a->edges)))
    NUTMM_FAIL(NUTMM_ENOMEM, "edges");
  memcpy(a->edges, edges, (a->nbins + 1) * sizeof *a->edges);
  a->edge_unit = unit;
  strcpy(a->stem, buf);
  return NUTMM_SUCCESS;
}

int nutmm_analysis_set_background_name(nutmm_analysis *a, size_t c, const char *name)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(name);
  if (!a->model || c >= nutmm_chi2_n_backgrounds(a->model))
    NUTMM_FAIL(NUTMM_EBADLEN, "background %zu: no such component (set the likelihood first)", c);
  NUTMM_TRY(copy_name(a->bkg_names[c], name, "background name", __func__));
  return NUTMM_SUCCESS;
}

const char *nutmm_analysis_name(const nutmm_analysis *a) { return a ? a->name : NULL; }
size_t nutmm_analysis_nbins(const nutmm_analysis *a) { return a ? a->nbins : 0; }
size_t nutmm_analysis_n_backgrounds(const nutmm_analysis *a)
{
  return a ? nutmm_chi2_n_backgrounds(a->model) : 0;
}
size_t nutmm_analysis_n_nuisances(const nutmm_analysis *a)
{
  return a ? nutmm_chi2_n_nuisances(a->model) : 0;
}
int nutmm_analysis_has_interference(const nutmm_analysis *a)
{
  for (size_t k = 0; a && k < a->nplans; k++)
    if (a->plans[k].interference)
      return 1;
  return 0;
}
const nutmm_chi2 *nutmm_analysis_likelihood(const nutmm_analysis *a) { return a ? a->model : NULL; }
const double *nutmm_analysis_edges(const nutmm_analysis *a) { return a ? a->edges : NULL; }
double nutmm_analysis_edge_unit(const nutmm_analysis *a) { return a ? a->edge_unit : 1.0; }
const char *nutmm_analysis_edge_stem(const nutmm_analysis *a) { return a ? a->stem : "bin"; }
const char *nutmm_analysis_background_name(const nutmm_analysis *a, size_t c)
{
  return (a && a->model && c < nutmm_chi2_n_backgrounds(a->model)) ? a->bkg_names[c] : NULL;
}

int nutmm_analysis_observed(const nutmm_analysis *a, double *out)
{
  NUTMM_CHECK_PTR(a);
  if (!a->model)
    NUTMM_FAIL(NUTMM_EINVAL, "%s: no likelihood", a->name);
  NUTMM_CHECK_PTR(out);
  const double *v = nutmm_chi2_observed_values(a->model);
  if (!v)
    NUTMM_FAIL(NUTMM_EINVAL, "%s: observed values not set", a->name);
  memcpy(out, v, a->nbins * sizeof *out);
  return NUTMM_SUCCESS;
}

int nutmm_analysis_background(const nutmm_analysis *a, size_t c, double *out)
{
  NUTMM_CHECK_PTR(a);
  if (!a->model)
    NUTMM_FAIL(NUTMM_EINVAL, "%s: no likelihood", a->name);
  NUTMM_CHECK_PTR(out);
  const double *v = nutmm_chi2_background_values(a->model, c);
  if (!v)
    NUTMM_FAIL(NUTMM_EBADLEN, "%s: no background %zu", a->name, c);
  memcpy(out, v, a->nbins * sizeof *out);
  return NUTMM_SUCCESS;
}

int nutmm_analysis_sm(const nutmm_analysis *a, double *out)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(out);
  for (size_t i = 0; i < a->nbins; i++)
    out[i] = a->sm ? a->sm[i] : 0.0;
  return NUTMM_SUCCESS;
}

/* ------------------------------------------------------------- evaluation */

void nutmm_analysis_workspace_free(nutmm_analysis_workspace *ws)
{
  if (!ws)
    return;
  for (size_t k = 0; k < NUTMM_ANALYSIS_MAX_RATES; k++)
    nutmm_rate_workspace_free(ws->rws[k]);
  nutmm_chi2_workspace_free(ws->chi);
  free(ws->block);
  free(ws);
}

int nutmm_analysis_workspace_alloc(const nutmm_analysis *a, nutmm_analysis_workspace **ws)
{
  NUTMM_CHECK_PTR(ws);
  *ws = NULL;
  NUTMM_CHECK_PTR(a);
  if (a->nplans == 0 || !a->model)
    NUTMM_FAIL(NUTMM_EINVAL, "%s: analysis incomplete (%s)", a->name,
               a->nplans ? "no likelihood" : "no rate plan");
  size_t nc = 1, nb = max_nb(a);
  for (size_t k = 0; k < a->nplans; k++)
    nc = a->plans[k].nc > nc ? a->plans[k].nc : nc;
  nutmm_analysis_workspace *w = calloc(1, sizeof *w);
  if (!w)
    NUTMM_FAIL(NUTMM_ENOMEM, "workspace");
  w->a = a;
  w->block = malloc((2 * nc + 2 * nb + 2 * a->nbins) * sizeof(double));
  int s = w->block ? NUTMM_SUCCESS : nutmm_error_set(NUTMM_ENOMEM, __func__, "workspace");
  if (!s) {
    double *p = w->block;
    w->wd = p, p += nc;
    w->wi = p, p += nc;
    w->pd = p, p += nb;
    w->pi = p, p += nb;
    w->d = p, p += a->nbins;
    w->in = p;
  }
  for (size_t k = 0; k < a->nplans && !s; k++)
    s = nutmm_rate_workspace_alloc(a->plans[k].rate, &w->rws[k]);
  if (!s)
    s = nutmm_chi2_workspace_alloc(a->model, &w->chi);
  if (s) {
    nutmm_analysis_workspace_free(w);
    return nutmm_error_chain(s, __func__);
  }
  *ws = w;
  return NUTMM_SUCCESS;
}

nutmm_chi2_workspace *nutmm_analysis_workspace_chi2(nutmm_analysis_workspace *ws)
{
  return ws ? ws->chi : NULL;
}

/* D += the dipole counts of the light final states nu_1,2,3 of a full coupling: the dipole
 * template at final mass 0 with the active part of mu_eff^2 (eqs. 5-6; coupling.h). */
static int add_light(const nutmm_analysis *a, nutmm_analysis_workspace *ws,
                     const nutmm_coupling *c, double *D)
{
  for (size_t k = 0; k < a->nplans; k++) {
    const plan *p = &a->plans[k];
    NUTMM_TRY(nutmm_coupling_light_component_weights(c, p->rate, ws->wd));
    for (size_t j = 0; p->scale && j < p->nc; j++)
      ws->wd[j] *= p->scale[j];
    NUTMM_TRY(nutmm_rate_dipole(p->rate, ws->rws[k], 0.0, ws->wd, ws->pd));
    map_add(a, p, ws->pd, D);
  }
  return NUTMM_SUCCESS;
}

int nutmm_analysis_signal(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m4,
                          const nutmm_coupling *c, double *dipole, double *interference)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(c);
  if (ws->a != a)
    NUTMM_FAIL(NUTMM_EINVAL, "workspace made for another analysis");
  double *D = dipole ? dipole : ws->d, *In = interference ? interference : ws->in;
  for (size_t i = 0; i < a->nbins; i++)
    D[i] = In[i] = 0.0;
  if (!isfinite(m4) || m4 < 0.0)
    NUTMM_FAIL(NUTMM_EDOM, "m4 = %g MeV must be finite and >= 0", m4);
  for (size_t k = 0; k < a->nplans; k++) {
    const plan *p = &a->plans[k];
    NUTMM_TRY(nutmm_coupling_weights(c, p->rate, ws->wd, p->interference ? ws->wi : NULL));
    if (m4 >= p->e_max) /* no neutrino of the flux can produce nu_4 (E >= m4 is needed) */
      continue;
    for (size_t j = 0; p->scale && j < p->nc; j++) {
      ws->wd[j] *= p->scale[j];
      if (p->interference)
        ws->wi[j] *= p->scale[j];
    }
    NUTMM_TRY(nutmm_rate_dipole(p->rate, ws->rws[k], m4, ws->wd, ws->pd));
    map_add(a, p, ws->pd, D);
    if (p->interference) {
      NUTMM_TRY(nutmm_rate_interference(p->rate, ws->rws[k], m4, ws->wi, ws->pi));
      map_add(a, p, ws->pi, In);
    }
  }
  if (c->mode == NUTMM_COUPLING_FULL) /* light final states: massless template (coupling.h) */
    NUTMM_TRY(add_light(a, ws, c, D));
  for (size_t i = 0; i < a->nbins; i++)
    if (!isfinite(D[i]) || !isfinite(In[i]))
      NUTMM_FAIL(NUTMM_ERANGE, "%s: signal overflows in bin %zu at m4 = %g MeV", a->name, i, m4);
  return NUTMM_SUCCESS;
}

int nutmm_analysis_spectrum(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m4,
                            const nutmm_coupling *c, double *sm, double *dipole,
                            double *interference, double *background, double *total)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(ws);
  if (ws->a != a)
    NUTMM_FAIL(NUTMM_EINVAL, "workspace made for another analysis");
  if (c) {
    NUTMM_TRY(nutmm_analysis_signal(a, ws, m4, c, ws->d, ws->in));
  } else {
    for (size_t i = 0; i < a->nbins; i++)
      ws->d[i] = ws->in[i] = 0.0;
  }
  const size_t nb = a->nbins, nbkg = nutmm_chi2_n_backgrounds(a->model);
  for (size_t i = 0; i < nb; i++) {
    /* total: backgrounds first, then SM, dipole, interference */
    double t = 0.0;
    for (size_t b = 0; b < nbkg; b++) {
      const double v = nutmm_chi2_background_values(a->model, b)[i];
      if (background)
        background[b * nb + i] = v;
      t += v;
    }
    const double s = a->sm ? a->sm[i] : 0.0;
    t += s + ws->d[i] + ws->in[i];
    if (!isfinite(t))
      NUTMM_FAIL(NUTMM_ERANGE, "%s: total overflows in bin %zu at m4 = %g MeV (coupling too "
                               "large?)", a->name, i, m4);
    if (sm)
      sm[i] = s;
    if (dipole)
      dipole[i] = ws->d[i];
    if (interference)
      interference[i] = ws->in[i];
    if (total)
      total[i] = t;
  }
  return NUTMM_SUCCESS;
}

int nutmm_analysis_chi2(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m4,
                        const nutmm_coupling *c, double *chi2, double *xi)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(ws);
  NUTMM_CHECK_PTR(chi2);
  if (ws->a != a)
    NUTMM_FAIL(NUTMM_EINVAL, "workspace made for another analysis");
  if (c) {
    NUTMM_TRY(nutmm_analysis_signal(a, ws, m4, c, ws->d, ws->in));
  } else {
    for (size_t i = 0; i < a->nbins; i++)
      ws->d[i] = ws->in[i] = 0.0;
  }
  const nutmm_signal_parts p = {a->sm, ws->d, ws->in};
  NUTMM_TRY(nutmm_chi2_eval_parts(a->model, ws->chi, &p, 1.0, chi2, xi));
  return NUTMM_SUCCESS;
}

/* ------------------------------------------------ linear templates (scans) */

/* Slot q of the linear basis: species q (q < 6) or mass state q - 5 (q >= 6). */
static int slot_weights(const plan *p, size_t q, double *w)
{
  double sp[NUTMM_N_SPECIES] = {0}, ms[4] = {0};
  if (q < NUTMM_N_SPECIES) {
    sp[q] = 1.0;
    NUTMM_TRY(nutmm_rate_weights_species(p->rate, sp, w));
  } else {
    ms[q - NUTMM_N_SPECIES] = 1.0;
    NUTMM_TRY(nutmm_rate_weights_mass(p->rate, ms, w));
  }
  for (size_t j = 0; p->scale && j < p->nc; j++)
    w[j] *= p->scale[j];
  return NUTMM_SUCCESS;
}

int nutmm_analysis_basis(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m,
                         double *dipole, double *interference)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(ws);
  if (ws->a != a)
    NUTMM_FAIL(NUTMM_EINVAL, "workspace made for another analysis");
  if (!isfinite(m) || m < 0.0)
    NUTMM_FAIL(NUTMM_EDOM, "m = %g MeV must be finite and >= 0", m);
  const size_t nb = a->nbins, n = NUTMM_ANALYSIS_NSLOTS * nb;
  for (size_t i = 0; i < n; i++) {
    if (dipole)
      dipole[i] = 0.0;
    if (interference)
      interference[i] = 0.0;
  }
  for (size_t k = 0; k < a->nplans; k++) {
    const plan *p = &a->plans[k];
    if (m >= p->e_max) /* beyond the flux: exactly zero, as nutmm_analysis_signal */
      continue;
    for (size_t q = 0; q < NUTMM_ANALYSIS_NSLOTS; q++) {
      NUTMM_TRY(slot_weights(p, q, ws->wd));
      int any = 0;
      for (size_t j = 0; j < p->nc; j++)
        any |= ws->wd[j] != 0.0;
      if (!any) /* the plan has no component of this slot */
        continue;
      if (dipole) {
        NUTMM_TRY(nutmm_rate_dipole(p->rate, ws->rws[k], m, ws->wd, ws->pd));
        map_add(a, p, ws->pd, dipole + q * nb);
      }
      if (interference && p->interference) {
        NUTMM_TRY(nutmm_rate_interference(p->rate, ws->rws[k], m, ws->wd, ws->pi));
        map_add(a, p, ws->pi, interference + q * nb);
      }
    }
  }
  for (size_t i = 0; i < n; i++)
    if ((dipole && !isfinite(dipole[i])) || (interference && !isfinite(interference[i])))
      NUTMM_FAIL(NUTMM_ERANGE, "%s: template overflows at m = %g MeV", a->name, m);
  return NUTMM_SUCCESS;
}

int nutmm_signal_weights_compute(const nutmm_coupling *c, nutmm_signal_weights *w)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(w);
  memset(w, 0, sizeof *w);
  const size_t ns = NUTMM_N_SPECIES;
  /* with the mass-state interference weights if they exist; else without, and the reason
   * kept for the analyses that need them */
  int s = nutmm_coupling_species_weights(c, w->dipole, w->interference, w->dipole + ns,
                                         w->interference + ns);
  if (s) {
    memset(w, 0, sizeof *w);
    NUTMM_TRY(nutmm_coupling_species_weights(c, w->dipole, w->interference, w->dipole + ns,
                                             NULL));
    w->mass_interference = s;
  }
  w->full = c->mode == NUTMM_COUPLING_FULL;
  if (w->full)
    NUTMM_TRY(nutmm_coupling_light_weights(c, w->light, w->light + ns));
  return NUTMM_SUCCESS;
}

int nutmm_analysis_signal_weighted(const nutmm_analysis *a, const double *dipole4,
                                   const double *interference4, const double *dipole0,
                                   const nutmm_signal_weights *w, double *dipole,
                                   double *interference)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(dipole4);
  NUTMM_CHECK_PTR(w);
  NUTMM_CHECK_PTR(dipole);
  NUTMM_CHECK_PTR(interference);
  const size_t nb = a->nbins;
  /* the mass-state interference weights matter only where a template needs them */
  int mass_interf = 0;
  for (size_t i = NUTMM_N_SPECIES * nb; interference4 && i < NUTMM_ANALYSIS_NSLOTS * nb; i++)
    mass_interf |= interference4[i] != 0.0;
  for (size_t q = 0; q < NUTMM_ANALYSIS_NSLOTS; q++)
    if (!isfinite(w->dipole[q]) || !isfinite(w->interference[q]) || !isfinite(w->light[q]))
      NUTMM_FAIL(NUTMM_EDOM, "weights of slot %zu are not finite (w not from "
                             "nutmm_signal_weights_compute?)", q);
  if (mass_interf && w->mass_interference)
    NUTMM_FAIL(NUTMM_EINVAL,
               "%s has mass-state interference templates, and this coupling has no weights "
               "for them (nutmm_coupling_species_weights says why)", a->name);
  double wi[NUTMM_ANALYSIS_NSLOTS];
  memcpy(wi, w->interference, sizeof wi);
  if (!mass_interf)
    for (size_t q = NUTMM_N_SPECIES; q < NUTMM_ANALYSIS_NSLOTS; q++)
      wi[q] = 0.0;
  const int light = w->full;
  if (light && !dipole0)
    NUTMM_FAIL(NUTMM_EFAULT, "a full coupling needs the massless templates (dipole0)");
  /* the templates with a non-zero weight, in slot order (a zero weight adds an exact 0: the
   * sums are the same without it); the dipole's massive and massless terms interleave as in
   * sum_q (wd_q D4_q + wl_q D0_q) */
  const double *td[2 * NUTMM_ANALYSIS_NSLOTS], *ti[NUTMM_ANALYSIS_NSLOTS];
  double cd[2 * NUTMM_ANALYSIS_NSLOTS], ci[NUTMM_ANALYSIS_NSLOTS];
  size_t nd = 0, ni = 0;
  for (size_t q = 0; q < NUTMM_ANALYSIS_NSLOTS; q++) {
    if (w->dipole[q] != 0.0) {
      td[nd] = dipole4 + q * nb;
      cd[nd++] = w->dipole[q];
    }
    if (light && w->light[q] != 0.0) {
      td[nd] = dipole0 + q * nb;
      cd[nd++] = w->light[q];
    }
    if (interference4 && wi[q] != 0.0) {
      ti[ni] = interference4 + q * nb;
      ci[ni++] = wi[q];
    }
  }
  for (size_t i = 0; i < nb; i++) {
    double d = 0.0, in = 0.0;
    for (size_t t = 0; t < nd; t++)
      d += cd[t] * td[t][i];
    for (size_t t = 0; t < ni; t++)
      in += ci[t] * ti[t][i];
    if (!isfinite(d) || !isfinite(in))
      NUTMM_FAIL(NUTMM_ERANGE, "%s: signal overflows in bin %zu", a->name, i);
    dipole[i] = d;
    interference[i] = in;
  }
  return NUTMM_SUCCESS;
}

int nutmm_analysis_signal_basis(const nutmm_analysis *a, const double *dipole4,
                                const double *interference4, const double *dipole0,
                                const nutmm_coupling *c, double *dipole, double *interference)
{
  NUTMM_CHECK_PTR(a);
  NUTMM_CHECK_PTR(dipole4);
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(dipole);
  NUTMM_CHECK_PTR(interference);
  nutmm_signal_weights w;
  NUTMM_TRY(nutmm_signal_weights_compute(c, &w));
  NUTMM_TRY(nutmm_analysis_signal_weighted(a, dipole4, interference4, dipole0, &w, dipole,
                                           interference));
  return NUTMM_SUCCESS;
}
