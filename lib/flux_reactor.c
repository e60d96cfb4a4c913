/* libnutmm -- reactor anti-nu_e flux (flux.h; physics manual phys-flux-reactor, data/reactor/README.md):
 * Mueller et al. 2011 exp-polynomials above E_join, Vogel-Engel 1989 below. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nutmm/data.h"
#include "nutmm/flux.h"
#include "nutmm/units.h"

static const char *const isotope_name[NUTMM_REACTOR_NISOTOPES] = {"U235", "Pu239", "U238", "Pu241"};

#define N_MUELLER 6 /* a_1..a_6 of Mueller et al. PRC 83 054615 Table VI */
#define N_VE89 3    /* a_0..a_2 of Vogel & Engel PRD 39 3378 Table 1 */
#define MAX_NODES 10000000.0

typedef struct {
  double mueller[NUTMM_REACTOR_NISOTOPES][N_MUELLER];
  double ve89[NUTMM_REACTOR_NISOTOPES][N_VE89];
  double match[NUTMM_REACTOR_NISOTOPES]; /* VE89 -> Mueller continuity factors at E_join */
  double frac[NUTMM_REACTOR_NISOTOPES];
  double E_join;
  nutmm_reactor_low low;
} model;

void nutmm_flux_reactor_options_default(nutmm_reactor_options *o)
{
  if (!o)
    return;
  /* physics manual phys-flux-reactor: 235U:239Pu:238U:241Pu = 0.55:0.32:0.07:0.06 [assumption there]. */
  o->fission_fraction[NUTMM_REACTOR_U235] = 0.55;
  o->fission_fraction[NUTMM_REACTOR_PU239] = 0.32;
  o->fission_fraction[NUTMM_REACTOR_U238] = 0.07;
  o->fission_fraction[NUTMM_REACTOR_PU241] = 0.06;
  o->total = 1.0; /* unit-normalised: the flux belongs to the experiment */
  o->E_min = 0.0;
  o->E_max = 10.0 * NUTMM_MEV;
  o->E_join = 2.0 * NUTMM_MEV;
  o->dE = 1.0 * NUTMM_KEV;
  o->low = NUTMM_REACTOR_LOW_VE89;
}

/* Read "isotope c_1 .. c_ncoef" rows of a data file into coef[isotope][]. */
static int read_coefficients(const char *name, size_t ncoef, double *coef)
{
  nutmm_table *t = NULL;
  int seen[NUTMM_REACTOR_NISOTOPES] = {0};
  NUTMM_TRY(nutmm_table_read_data(name, &t));
  int st = nutmm_table_require_cols(t, ncoef + 1);
  for (size_t r = 0; st == NUTMM_SUCCESS && r < nutmm_table_rows(t); r++) {
    int k = -1;
    for (int i = 0; i < NUTMM_REACTOR_NISOTOPES; i++)
      if (strcmp(nutmm_table_string(t, r, 0), isotope_name[i]) == 0)
        k = i;
    if (k < 0) {
      st =
          nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: unknown isotope '%s'",
                          nutmm_table_path(t), nutmm_table_line(t, r), nutmm_table_string(t, r, 0));
      break;
    }
    for (size_t p = 0; st == NUTMM_SUCCESS && p < ncoef; p++)
      st = nutmm_table_double(t, r, p + 1, &coef[(size_t)k * ncoef + p]);
    seen[k] = 1;
  }
  for (int i = 0; st == NUTMM_SUCCESS && i < NUTMM_REACTOR_NISOTOPES; i++)
    if (!seen[i])
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: no row for %s", nutmm_table_path(t),
                           isotope_name[i]);
  nutmm_table_free(t);
  NUTMM_TRY(st);
  return NUTMM_SUCCESS;
}

/* Mueller et al. 2011: S_k(E) = exp(sum_{p=1..6} a_p E^{p-1}), nu-bar / MeV / fission. */
static double mueller(const double a[N_MUELLER], double E)
{
  double s = 0.0;
  for (int p = N_MUELLER - 1; p >= 0; p--)
    s = s * E + a[p];
  return exp(s);
}

/* Vogel & Engel 1989: S_k(E) = exp(a0 + a1 E + a2 E^2). */
static double ve89(const double a[N_VE89], double E) { return exp(a[0] + E * (a[1] + E * a[2])); }

/* Fission-weighted spectrum per fission (arbitrary overall normalisation). */
static double spectrum(const model *m, double E)
{
  double s = 0.0;
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++) {
    if (m->frac[k] == 0.0)
      continue;
    const double Sk = (E >= m->E_join || m->low == NUTMM_REACTOR_LOW_MUELLER)
                          ? mueller(m->mueller[k], E)
                          : m->match[k] * ve89(m->ve89[k], E);
    s += m->frac[k] * Sk;
  }
  return s;
}

static int check_options(const nutmm_reactor_options *o)
{
  double fsum = 0.0;
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++) {
    if (!isfinite(o->fission_fraction[k]) || o->fission_fraction[k] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "fission fraction of %s = %g must be finite and >= 0", isotope_name[k],
                 o->fission_fraction[k]);
    fsum += o->fission_fraction[k];
  }
  if (!(fsum > 0.0))
    NUTMM_FAIL(NUTMM_EDOM, "all fission fractions are zero");
  NUTMM_CHECK_NONNEG(o->total);
  NUTMM_CHECK_NONNEG(o->E_min);
  NUTMM_CHECK_FINITE(o->E_max);
  NUTMM_CHECK_POSITIVE(o->E_join);
  NUTMM_CHECK_POSITIVE(o->dE);
  if (!(o->E_max > o->E_min))
    NUTMM_FAIL(NUTMM_EDOM, "E_max = %g MeV must exceed E_min = %g MeV", o->E_max, o->E_min);
  if ((o->E_max - o->E_min) / o->dE > MAX_NODES)
    NUTMM_FAIL(NUTMM_EDOM, "step dE = %g MeV gives more than %g nodes", o->dE, MAX_NODES);
  if (o->low != NUTMM_REACTOR_LOW_VE89 && o->low != NUTMM_REACTOR_LOW_MUELLER)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown low-energy model %d", (int)o->low);
  return NUTMM_SUCCESS;
}

/* Local step: at most dE, and small enough that linear interpolation between
 * nodes deviates from S by < INTERP_TOL relative, |S''| h^2 / (8 S) <= INTERP_TOL.
 * The Mueller polynomials extrapolated above 8 MeV curve fast (|S''/S| ~ 100
 * MeV^-2 at 10 MeV), where this shrinks the step below 0.1 keV.  S''/S comes
 * from a central difference (it only sizes the step). */
#define INTERP_TOL 5e-8
static double local_step(const model *m, double E, double dE)
{
  const double d = 1e-3 * NUTMM_MEV;
  const double Em = E > d ? E - d : E, Ep = Em + 2.0 * d, Ec = Em + d;
  const double s0 = spectrum(m, Ec);
  const double curv = fabs(spectrum(m, Ep) - 2.0 * s0 + spectrum(m, Em)) / (d * d * s0);
  const double h = curv > 0.0 ? sqrt(8.0 * INTERP_TOL / curv) : dE;
  return h < dE ? h : dE;
}

/* Nodes on [a, b] (a itself excluded, b included) appended to E[*n] (grown as needed). */
static int walk(const model *m, double a, double b, double dE, double **E, size_t *n, size_t *cap)
{
  double x = a;
  while (x < b) {
    const double h = local_step(m, x, dE);
    /* do not leave a sliver shorter than half a step before b */
    const double next = (b - x < 1.5 * h) ? (b - x > h ? x + 0.5 * (b - x) : b) : x + h;
    if (!(next > x))
      NUTMM_FAIL(NUTMM_EDOM, "the spectrum varies too fast to tabulate at E = %g MeV", x);
    x = next;
    if (*n == *cap) {
      if ((double)*cap > MAX_NODES)
        NUTMM_FAIL(NUTMM_EDOM, "more than %g nodes on [%g, %g] MeV", MAX_NODES, a, b);
      double *g = nutmm_realloc_n(*E, nutmm_size_mul(2, *cap), sizeof *g);
      if (!g)
        NUTMM_FAIL(NUTMM_ENOMEM, "%zu nodes", 2 * *cap);
      *E = g;
      *cap *= 2;
    }
    (*E)[(*n)++] = x;
  }
  return NUTMM_SUCCESS;
}

/* The tabulated S(E) = sum_k f_k S_k(E) of opt (Mueller spectra per fission, fractions as
 * given) into *f, and its integral into *raw. */
static int reactor_build(const nutmm_reactor_options *opt, nutmm_flux **f, double *raw_out)
{
  model m = {0};
  NUTMM_TRY(read_coefficients("reactor/mueller2011_coefficients.dat", N_MUELLER, &m.mueller[0][0]));
  NUTMM_TRY(read_coefficients("reactor/vogel_engel1989_coefficients.dat", N_VE89, &m.ve89[0][0]));
  m.E_join = opt->E_join;
  m.low = opt->low;
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++) {
    m.frac[k] = opt->fission_fraction[k];
    /* continuity at E_join (the VE89 shape, the Mueller value at the join) */
    m.match[k] = mueller(m.mueller[k], m.E_join) / ve89(m.ve89[k], m.E_join);
  }

  /* Nodes: steps <= dE (finer where S curves, local_step) on [E_min, E_join] and
   * [E_join, E_max]: the join, where the slope jumps, is a node. */
  size_t n = 0, cap = 4096;
  double *E = nutmm_malloc_n(cap, sizeof *E), *y = NULL;
  if (!E)
    NUTMM_FAIL(NUTMM_ENOMEM, "%zu nodes", cap);
  E[n++] = opt->E_min;
  int st = NUTMM_SUCCESS;
  if (opt->E_join > opt->E_min && opt->E_join < opt->E_max)
    st = walk(&m, opt->E_min, opt->E_join, opt->dE, &E, &n, &cap);
  if (st == NUTMM_SUCCESS)
    st = walk(&m, E[n - 1], opt->E_max, opt->dE, &E, &n, &cap);
  if (st == NUTMM_SUCCESS && !(y = nutmm_malloc_n(n, sizeof *y)))
    st = nutmm_error_set(NUTMM_ENOMEM, __func__, "%zu nodes", n);
  for (size_t i = 0; st == NUTMM_SUCCESS && i < n; i++)
    y[i] = spectrum(&m, E[i]);
  if (st != NUTMM_SUCCESS) {
    free(E);
    free(y);
    return nutmm_error_chain(st, __func__);
  }

  nutmm_flux *fl = NULL;
  st = nutmm_flux_alloc(&fl);
  if (st == NUTMM_SUCCESS)
    st = nutmm_flux_add_table(fl, NUTMM_NUBAR_E, 0, "reactor", n, E, y);
  free(E);
  free(y);
  double raw = 0.0;
  if (st == NUTMM_SUCCESS)
    st = nutmm_flux_total(fl, 0, &raw);
  if (st == NUTMM_SUCCESS && !(raw > 0.0 && isfinite(raw)))
    st = nutmm_error_set(NUTMM_EDOM, __func__, "spectrum integrates to %g", raw);
  if (st != NUTMM_SUCCESS) {
    nutmm_flux_free(fl);
    return nutmm_error_chain(st, __func__);
  }
  *f = fl;
  *raw_out = raw;
  return NUTMM_SUCCESS;
}

int nutmm_flux_reactor_alloc(const nutmm_reactor_options *opt, nutmm_flux **f)
{
  NUTMM_CHECK_PTR(f);
  *f = NULL;
  nutmm_reactor_options def;
  if (!opt) {
    nutmm_flux_reactor_options_default(&def);
    opt = &def;
  }
  NUTMM_TRY(check_options(opt));
  nutmm_flux *fl = NULL;
  double raw = 0.0;
  NUTMM_TRY(reactor_build(opt, &fl, &raw));
  /* physics manual phys-flux-reactor / reactor README: dPhi/dE = Phi_tot S(E) / int S */
  int st = nutmm_flux_scale(fl, opt->total / raw);
  if (st != NUTMM_SUCCESS) {
    nutmm_flux_free(fl);
    return nutmm_error_chain(st, __func__);
  }
  *f = fl;
  return NUTMM_SUCCESS;
}

/* ---- from thermal power ---------------------------------------------------------------- */

int nutmm_flux_reactor_fission_energy(double E_fission[NUTMM_REACTOR_NISOTOPES])
{
  NUTMM_CHECK_PTR(E_fission);
  /* data/reactor/fission.dat: isotope, two fraction sets, energy per fission (MeV) from
   * Kopeikin et al., Phys. Atom. Nucl. 67 (2004) 1892, as quoted by Mueller et al. 2011 */
  nutmm_table *t;
  NUTMM_TRY(nutmm_table_read_data("reactor/fission.dat", &t));
  int st = nutmm_table_require_cols(t, 4), found[NUTMM_REACTOR_NISOTOPES] = {0};
  for (size_t r = 0; st == NUTMM_SUCCESS && r < nutmm_table_rows(t); r++)
    for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++)
      if (strcmp(nutmm_table_string(t, r, 0), isotope_name[k]) == 0) {
        st = nutmm_table_double(t, r, 3, &E_fission[k]);
        if (st == NUTMM_SUCCESS && !(E_fission[k] > 0.0 && isfinite(E_fission[k])))
          st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: energy per fission %g MeV",
                               nutmm_table_path(t), nutmm_table_line(t, r), E_fission[k]);
        found[k] = 1;
      }
  for (int k = 0; st == NUTMM_SUCCESS && k < NUTMM_REACTOR_NISOTOPES; k++)
    if (!found[k])
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: no row for %s", nutmm_table_path(t),
                           isotope_name[k]);
  nutmm_table_free(t);
  if (st != NUTMM_SUCCESS)
    return nutmm_error_chain(st, __func__);
  return NUTMM_SUCCESS;
}

int nutmm_flux_reactor_power_alloc(const nutmm_reactor_options *opt, double power,
                                   double distance, nutmm_flux **f, nutmm_reactor_yield *yield)
{
  NUTMM_CHECK_PTR(f);
  *f = NULL;
  NUTMM_CHECK_POSITIVE(power);
  NUTMM_CHECK_POSITIVE(distance);
  nutmm_reactor_options def;
  if (!opt) {
    nutmm_flux_reactor_options_default(&def);
    opt = &def;
  }
  NUTMM_TRY(check_options(opt));
  double Ef[NUTMM_REACTOR_NISOTOPES], fsum = 0.0, e_per_fission = 0.0;
  NUTMM_TRY(nutmm_flux_reactor_fission_energy(Ef));
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++)
    fsum += opt->fission_fraction[k];
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++)
    e_per_fission += opt->fission_fraction[k] / fsum * Ef[k]; /* MeV per fission */
  nutmm_flux *fl = NULL;
  double raw = 0.0;
  NUTMM_TRY(reactor_build(opt, &fl, &raw));
  /* fissions per second = P / <E_fission>; the Mueller S_k are per fission, so the table
   * sum_k f_k S_k holds sum_k f_k = fsum fissions' worth: nu per fission = raw / fsum;
   * isotropic point source at L: dPhi/dE = (P / <E_f>) (S / fsum) / (4 pi L^2) */
  const double fissions = power * NUTMM_MEV_PER_JOULE / e_per_fission;
  const double nu_per_fission = raw / fsum;
  int st = nutmm_flux_scale(fl, fissions / fsum / (4.0 * NUTMM_PI * distance * distance));
  if (st != NUTMM_SUCCESS) {
    nutmm_flux_free(fl);
    return nutmm_error_chain(st, __func__);
  }
  if (yield) {
    yield->energy_per_fission = e_per_fission;
    yield->fissions_per_second = fissions;
    yield->nu_per_fission = nu_per_fission;
    yield->nu_per_second = fissions * nu_per_fission;
  }
  *f = fl;
  return NUTMM_SUCCESS;
}
