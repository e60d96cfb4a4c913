/* Fluxes: exact moments against direct quadrature, normalisations of every
 * source, oscillated solar decompositions, Michel shapes, 51Cr decay and
 * geometry, user tables and their malformed files, and every error path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flux_internal.h"
#include "integrate.h"
#include "nutmm/data.h"
#include "nutmm/error.h"
#include "nutmm/flux.h"
#include "nutmm/mixing.h"
#include "nutmm/units.h"
#include "testutil.h"
#include "presets.h"

/* ---- helpers --------------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

static int reason_has(const char *s) { return strstr(nutmm_error_reason(), s) != NULL; }

/* A scalar function of E with its context, integrated times E^-k. */
typedef struct {
  double (*g)(double E, void *ctx);
  void *ctx;
  int k;
} integrand;

static double integrand_eval(double E, void *p)
{
  const integrand *in = p;
  return in->g(E, in->ctx) * pow(E, -in->k);
}

/* int_{E_lo}^{pts[n-1]} g(E) E^-k dE with breakpoints pts (increasing), by
 * adaptive Gauss-Kronrod on every piece. */
static double quad_moment(double (*g)(double, void *), void *ctx, const double *pts, size_t n,
                          double E_lo, int k)
{
  integrand in = {g, ctx, k};
  gsl_function F = {integrand_eval, &in};
  double sum = 0.0;
  for (size_t i = 0; i + 1 < n; i++) {
    double a = pts[i], b = pts[i + 1];
    if (b <= E_lo)
      continue;
    if (a < E_lo)
      a = E_lo;
    double r, e;
    int st = nutmm_quad(&F, a, b, 0.0, 1e-13, &r, &e);
    if (st != NUTMM_SUCCESS && st != NUTMM_ETOL)
      return NAN; /* fails the caller's comparison (no Check call per piece: they are slow) */
    sum += r;
  }
  return sum;
}

/* A flux component as a function of E. */
typedef struct {
  const nutmm_flux *f;
  size_t i;
} comp_ctx;

static double comp_eval(double E, void *p)
{
  const comp_ctx *c = p;
  return nutmm_flux_eval(c->f, c->i, E);
}

/* Linear interpolation of a raw (E, y) table, optionally times a solar
 * probability: piece 0 = P_ee, 1 = 1 - P_ee (flavour), 10 + i = P_e(i+1). */
typedef struct {
  const double *E, *y;
  size_t n;
  double scale;
  int piece; /* -1 = none */
  const nutmm_mixing_params *mix;
  double n_e;
} table_ctx;

static double table_interp(const double *E, const double *y, size_t n, double x)
{
  if (x < E[0] || x > E[n - 1])
    return 0.0;
  size_t lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (E[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  double t = (x - E[lo]) / (E[hi] - E[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

static double prob(int piece, const nutmm_mixing_params *mix, double n_e, double E)
{
  if (piece < 0)
    return 1.0;
  /* a failure gives NaN, which fails the comparison downstream */
  if (piece < 10) {
    double pee;
    if (nutmm_solar_pee(mix, E, n_e, &pee) != NUTMM_SUCCESS)
      return NAN;
    return piece == 0 ? pee : 1.0 - pee;
  }
  double P[4];
  if (nutmm_solar_pei(mix, E, n_e, P) != NUTMM_SUCCESS)
    return NAN;
  return P[piece - 10];
}

static double table_eval(double E, void *p)
{
  const table_ctx *t = p;
  return t->scale * table_interp(t->E, t->y, t->n, E) * prob(t->piece, t->mix, t->n_e, E);
}

/* Read columns 1-2 of a data table (test-side, independent of the library's reader use). */
static size_t read_shape(const char *name, double **E, double **y)
{
  nutmm_table *t = NULL;
  ck_assert_int_eq(nutmm_table_read_data(name, &t), NUTMM_SUCCESS);
  size_t n = nutmm_table_rows(t);
  *E = malloc(n * sizeof **E);
  *y = malloc(n * sizeof **y);
  ck_assert_int_eq(nutmm_table_column(t, 0, 1, *E), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_table_column(t, 1, 0, *y), NUTMM_SUCCESS);
  nutmm_table_free(t);
  return n;
}

static double trapezoid(const double *E, const double *y, size_t n)
{
  double s = 0.0;
  for (size_t i = 0; i + 1 < n; i++)
    s += 0.5 * (E[i + 1] - E[i]) * (y[i] + y[i + 1]);
  return s;
}

static size_t find(const nutmm_flux *f, const char *label, int species, int ms)
{
  size_t i = 0;
  ck_assert_msg(nutmm_flux_find(f, label, species, ms, &i) == NUTMM_SUCCESS, "%s",
                nutmm_error_reason());
  return i;
}

static double total_of(const nutmm_flux *f, size_t i)
{
  double t;
  ck_assert_int_eq(nutmm_flux_total(f, i, &t), NUTMM_SUCCESS);
  return t;
}

/* ---- the moment engine on user tables ------------------------------------------ */

START_TEST(test_moments_table)
{
  /* irregular nodes, including a very narrow segment (the small-x series) */
  const double E[] = {0.137, 0.2918, 0.5, 1.0377, 1.0377 + 3.1e-6, 2.4416, 5.083, 7.9};
  const double y[] = {0.0, 3.71, 2.2, 5.9, 5.95, 1.3, 0.0, 0.4};
  const size_t n = sizeof E / sizeof E[0];
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "user", n, E, y), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_line(f, NUTMM_NU_E, 0, "line", 1.7345, 2.25), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_flux_ncomponents(f), 2);

  nutmm_flux_info info;
  ck_assert_int_eq(nutmm_flux_component(f, 0, &info), NUTMM_SUCCESS);
  ck_assert_int_eq(info.is_line, 0);
  ck_assert_rel(info.E_min, 0.137, 0);
  ck_assert_rel(info.E_max, 7.9, 0);
  ck_assert_str_eq(info.label, "user");
  ck_assert_rel(info.total, trapezoid(E, y, n), 1e-14);

  comp_ctx c = {f, 0};
  const double elo[] = {0.0, 0.137, 0.2, 0.2918, 1.0377 + 1e-6, 3.3333, 7.8999, 7.9, 9.0};
  for (size_t j = 0; j < sizeof elo / sizeof elo[0]; j++) {
    double mom[3];
    ck_assert_int_eq(nutmm_flux_moments(f, 0, elo[j], mom), NUTMM_SUCCESS);
    for (int k = 0; k < 3; k++) {
      double ref = quad_moment(comp_eval, &c, E, n, elo[j], k);
      if (ref == 0.0)
        ck_assert_abs(mom[k], 0.0, 0.0);
      else
        ck_assert_rel(mom[k], ref, 1e-11);
    }
  }
  /* lines contribute Phi E^-k exactly, iff E_line >= E_lo */
  double mom[3];
  ck_assert_int_eq(nutmm_flux_moments(f, 1, 1.7345, mom), NUTMM_SUCCESS);
  ck_assert_rel(mom[0], 2.25, 1e-15);
  ck_assert_rel(mom[1], 2.25 / 1.7345, 1e-15);
  ck_assert_rel(mom[2], 2.25 / (1.7345 * 1.7345), 1e-15);
  ck_assert_int_eq(nutmm_flux_moments(f, 1, 1.7345 * (1 + 1e-15), mom), NUTMM_SUCCESS);
  ck_assert_abs(mom[0] + mom[1] + mom[2], 0.0, 0.0);
  /* species sum = table + line; endpoint; evaluation */
  double ms[3], m0[3];
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_E, NUTMM_FLUX_ANY, 0.9, ms),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_moments(f, 0, 0.9, m0), NUTMM_SUCCESS);
  for (int k = 0; k < 3; k++)
    ck_assert_rel(ms[k], m0[k] + 2.25 * pow(1.7345, -k), 1e-14);
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_MU, NUTMM_FLUX_ANY, 0.9, ms),
                   NUTMM_SUCCESS);
  ck_assert_abs(ms[0], 0.0, 0.0);
  double emax;
  ck_assert_int_eq(nutmm_flux_endpoint(f, &emax), NUTMM_SUCCESS);
  ck_assert_rel(emax, 7.9, 0);
  ck_assert_rel(nutmm_flux_eval(f, 0, 0.3959),
                3.71 + (0.3959 - 0.2918) / (0.5 - 0.2918) * (2.2 - 3.71), 1e-14);
  ck_assert_abs(nutmm_flux_eval(f, 0, 0.1), 0.0, 0.0);
  ck_assert_rel(nutmm_flux_eval(f, 0, 7.9), 0.4, 0);
  ck_assert_abs(nutmm_flux_eval(f, 1, 1.7345), 0.0, 0.0); /* a delta has no value */
  double tot;
  ck_assert_int_eq(nutmm_flux_total_species(f, NUTMM_FLUX_ANY, 0, &tot), NUTMM_SUCCESS);
  ck_assert_rel(tot, trapezoid(E, y, n) + 2.25, 1e-14);

  /* scaling multiplies everything */
  ck_assert_int_eq(nutmm_flux_moments(f, 0, 0.41, m0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_scale(f, 3.125), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_scale_component(f, 1, 0.5), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_moments(f, 0, 0.41, ms), NUTMM_SUCCESS);
  for (int k = 0; k < 3; k++)
    ck_assert_rel(ms[k], 3.125 * m0[k], 1e-15);
  ck_assert_rel(total_of(f, 1), 2.25 * 3.125 * 0.5, 1e-15);
  nutmm_flux_free(f);
}
END_TEST

START_TEST(test_moments_from_zero)
{
  /* a table starting at E = 0: the E^-1, E^-2 moments diverge at E_lo = 0 */
  const double E[] = {0.0, 0.5, 1.5};
  const double y1[] = {2.0, 1.0, 0.0};
  const double y2[] = {0.0, 1.0, 0.0};
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 3, E, y1), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "b", 3, E, y2), NUTMM_SUCCESS);
  double mom[3];
  ck_assert_int_eq(nutmm_flux_moments(f, 0, 0.0, mom), NUTMM_ERANGE);
  ck_assert(reason_has("diverges"));
  ck_assert_rel(mom[0], 0.75 + 0.5, 1e-15);
  ck_assert(isinf(mom[1]) && isinf(mom[2]));
  ck_assert_int_eq(nutmm_flux_moments(f, 1, 0.0, mom), NUTMM_ERANGE);
  ck_assert_rel(mom[0], 0.75, 1e-15);
  /* f = 2E on [0, 0.5]: int f/E = 1 there; 1 - (E - 0.5) on [0.5, 1.5]: 1.5 ln 3 - 1 */
  ck_assert_rel(mom[1], 1.0 + 1.5 * log(3.0) - 1.0, 1e-14);
  ck_assert(isinf(mom[2]));
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_E, 0, 0.0, mom), NUTMM_ERANGE);
  /* any E_lo > 0 is finite; a tiny one agrees with the closed form */
  ck_assert_int_eq(nutmm_flux_moments(f, 1, 1e-9, mom), NUTMM_SUCCESS);
  ck_assert_rel(mom[1], 1.5 * log(3.0), 1e-8);
  comp_ctx c1 = {f, 1};
  const double upper = quad_moment(comp_eval, &c1, E, 3, 0.5, 2);
  ck_assert_rel(mom[2], 2.0 * (log(0.5) - log(1e-9)) + upper, 1e-12);
  nutmm_flux_free(f);
}
END_TEST

/* ---- solar ---------------------------------------------------------------- */

static const char *const shape_name[] = {"pp", "hep", "8B", "13N", "15O", "17F"};
static const char *const shape_file[] = {"solar/pp.dat",  "solar/hep.dat", "solar/8B.dat",
                                         "solar/13N.dat", "solar/15O.dat", "solar/17F.dat"};
static const nutmm_solar_source shape_src[] = {NUTMM_SOLAR_PP,  NUTMM_SOLAR_HEP, NUTMM_SOLAR_B8,
                                               NUTMM_SOLAR_N13, NUTMM_SOLAR_O15, NUTMM_SOLAR_F17};

START_TEST(test_solar_production)
{
  nutmm_solar_options o;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  /* B16-GS98 totals of data/solar/fluxes.dat (Vinyoles et al. 2017 Table 6) */
  ck_assert_rel(o.total[NUTMM_SOLAR_PP], 5.98e10, 0);
  ck_assert_rel(o.total[NUTMM_SOLAR_BE7], 4.93e9, 0);
  ck_assert_rel(o.total[NUTMM_SOLAR_B8], 5.46e6, 0);
  ck_assert_rel(o.total[NUTMM_SOLAR_HEP], 7.98e3, 0);
  ck_assert_str_eq(nutmm_solar_source_name(NUTMM_SOLAR_F17), "17F");
  ck_assert_ptr_null(nutmm_solar_source_name(NUTMM_SOLAR_NSOURCES));
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_solar_alloc(NULL, &f), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_flux_ncomponents(f), 9);

  double sum = 0.0;
  for (int s = 0; s < NUTMM_SOLAR_NSOURCES; s++)
    sum += o.total[s];
  double tot;
  ck_assert_int_eq(nutmm_flux_total_species(f, NUTMM_NU_E, 0, &tot), NUTMM_SUCCESS);
  ck_assert_rel(tot, sum, 1e-14);
  ck_assert_int_eq(nutmm_flux_total_species(f, NUTMM_NU_MU, NUTMM_FLUX_ANY, &tot), NUTMM_SUCCESS);
  ck_assert_abs(tot, 0.0, 0.0);
  /* lines: 7Be split 10.4 / 89.6 %, pep 1.442 MeV */
  nutmm_flux_info info;
  ck_assert_int_eq(nutmm_flux_component(f, find(f, "7Be-862", NUTMM_NU_E, 0), &info),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(info.is_line, 1);
  ck_assert_rel(info.E_min, 0.8613, 0);
  ck_assert_rel(info.total, 0.896 * 4.93e9, 1e-14);
  ck_assert_rel(total_of(f, find(f, "7Be-384", NUTMM_NU_E, 0)), 0.104 * 4.93e9, 1e-14);
  ck_assert_rel(total_of(f, find(f, "pep", NUTMM_FLUX_ANY, NUTMM_FLUX_ANY)), 1.44e8, 1e-14);
  double emax;
  ck_assert_int_eq(nutmm_flux_endpoint(f, &emax), NUTMM_SUCCESS);
  ck_assert_rel(emax, 18.784, 0); /* hep end point */

  for (size_t s = 0; s < sizeof shape_name / sizeof shape_name[0]; s++) {
    double *E, *y;
    size_t n = read_shape(shape_file[s], &E, &y);
    /* the tables are unit-normalised to their printed precision */
    double integral = trapezoid(E, y, n);
    ck_assert_rel(integral, 1.0, 2e-5);
    size_t i = find(f, shape_name[s], NUTMM_NU_E, 0);
    ck_assert_rel(total_of(f, i), o.total[shape_src[s]], 1e-13);
    /* moments: against quadrature of the data table itself */
    table_ctx t = {E, y, n, o.total[shape_src[s]] / integral, -1, NULL, 0.0};
    const double frac[] = {0.0, 0.0131, 0.377, 0.81, 0.9999};
    for (size_t j = 0; j < sizeof frac / sizeof frac[0]; j++) {
      double elo = E[0] + frac[j] * (E[n - 1] - E[0]), mom[3];
      ck_assert_int_eq(nutmm_flux_moments(f, i, elo, mom), NUTMM_SUCCESS);
      for (int k = 0; k < 3; k++)
        ck_assert_rel(mom[k], quad_moment(table_eval, &t, E, n, elo, k), 1e-10);
    }
    free(E);
    free(y);
  }
  /* overriding a total */
  o.total[NUTMM_SOLAR_B8] = 5.16e6;
  nutmm_flux *g;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &g), NUTMM_SUCCESS);
  ck_assert_rel(total_of(g, find(g, "8B", NUTMM_NU_E, 0)), 5.16e6, 1e-13);
  ck_assert_rel(nutmm_flux_eval(g, find(g, "8B", NUTMM_NU_E, 0), 6.789),
                5.16 / 5.46 * nutmm_flux_eval(f, find(f, "8B", NUTMM_NU_E, 0), 6.789), 1e-13);
  nutmm_flux_free(g);
  nutmm_flux_free(f);
}
END_TEST

/* Oscillated modes: pieces sum back to production, P baked correctly, moments
 * of the stored tabulation within 5e-6 (spec: 1e-5; worst seen 3.8e-6, pp tail near its end point,
 * at refine = 4) of the exact integral of the data shape x P(E). */
static void check_oscillated(nutmm_solar_mode mode, double theta14)
{
  nutmm_solar_options o;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  nutmm_flux *prod, *f;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &prod), NUTMM_SUCCESS);
  o.mode = mode;
  o.mix.theta14 = theta14;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_SUCCESS);
  const int np = mode == NUTMM_SOLAR_FLAVOR ? 2 : 4;
  ck_assert_uint_eq(nutmm_flux_ncomponents(f), 9 * (size_t)np);
  for (size_t i = 0; i < 9; i++) {
    nutmm_flux_info pi;
    ck_assert_int_eq(nutmm_flux_component(prod, i, &pi), NUTMM_SUCCESS);
    double sum = 0.0, e_sum = 0.0;
    const double Etest = pi.E_min + 0.6180339887 * (pi.E_max - pi.E_min);
    for (int p = 0; p < np; p++) {
      nutmm_flux_info qi;
      ck_assert_int_eq(nutmm_flux_component(f, i * (size_t)np + (size_t)p, &qi), NUTMM_SUCCESS);
      ck_assert_str_eq(qi.label, pi.label);
      ck_assert_int_eq(qi.species,
                       (mode == NUTMM_SOLAR_FLAVOR && p == 1) ? NUTMM_NU_MU : NUTMM_NU_E);
      ck_assert_int_eq(qi.mass_state, mode == NUTMM_SOLAR_MASS ? p + 1 : 0);
      sum += qi.total;
      e_sum += nutmm_flux_eval(f, i * (size_t)np + (size_t)p, Etest);
    }
    ck_assert_rel(sum, pi.total, 1e-12);
    if (!pi.is_line)
      ck_assert_rel(e_sum, nutmm_flux_eval(prod, i, Etest), 1e-12);
  }
  double pt, ft;
  ck_assert_int_eq(nutmm_flux_total_species(prod, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, &pt),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_total_species(f, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, &ft), NUTMM_SUCCESS);
  ck_assert_rel(ft, pt, 1e-12);

  /* lines carry the exact probability at the line energy */
  const int pieces[4] = {mode == NUTMM_SOLAR_FLAVOR ? 0 : 10, mode == NUTMM_SOLAR_FLAVOR ? 1 : 11,
                         12, 13};
  for (int p = 0; p < np; p++) {
    nutmm_species sp = (mode == NUTMM_SOLAR_FLAVOR && p == 1) ? NUTMM_NU_MU : NUTMM_NU_E;
    int ms = mode == NUTMM_SOLAR_MASS ? p + 1 : 0;
    ck_assert_rel(total_of(f, find(f, "7Be-862", (int)sp, ms)),
                  0.896 * 4.93e9 * prob(pieces[p], &o.mix, o.n_e[NUTMM_SOLAR_BE7], 0.8613), 1e-13);
  }

  /* continua: stored tabulation vs the exact integral of data shape x P(E) */
  for (size_t s = 0; s < sizeof shape_name / sizeof shape_name[0]; s++) {
    double *E, *y;
    size_t n = read_shape(shape_file[s], &E, &y);
    const double scale = o.total[shape_src[s]] / trapezoid(E, y, n);
    for (int p = 0; p < np; p++) {
      nutmm_species sp = (mode == NUTMM_SOLAR_FLAVOR && p == 1) ? NUTMM_NU_MU : NUTMM_NU_E;
      int ms = mode == NUTMM_SOLAR_MASS ? p + 1 : 0;
      size_t i = find(f, shape_name[s], (int)sp, ms);
      table_ctx t = {E, y, n, scale, pieces[p], &o.mix, o.n_e[shape_src[s]]};
      if (total_of(f, i) == 0.0) { /* P_e4 = 0 without sterile mixing */
        ck_assert_abs(quad_moment(table_eval, &t, E, n, 0.0, 0), 0.0, 0.0);
        continue;
      }
      const double frac[] = {0.0, 0.071, 0.5, 0.93};
      for (size_t j = 0; j < sizeof frac / sizeof frac[0]; j++) {
        double elo = E[0] + frac[j] * (E[n - 1] - E[0]), mom[3];
        ck_assert_int_eq(nutmm_flux_moments(f, i, elo, mom), NUTMM_SUCCESS);
        for (int k = 0; k < 3; k++)
          ck_assert_rel(mom[k], quad_moment(table_eval, &t, E, n, elo, k), 5e-6);
      }
    }
    free(E);
    free(y);
  }
  nutmm_flux_free(f);
  nutmm_flux_free(prod);
}

START_TEST(test_solar_flavor)
{
  check_oscillated(NUTMM_SOLAR_FLAVOR, 0.0);
  /* physics: P_ee ~ 0.55 for pp, ~ 0.3 for high-energy 8B (solar/README.md) */
  nutmm_solar_options o;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  o.mode = NUTMM_SOLAR_FLAVOR;
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_SUCCESS);
  double e = total_of(f, find(f, "pp", NUTMM_NU_E, 0)),
         m = total_of(f, find(f, "pp", NUTMM_NU_MU, 0));
  ck_assert(e / (e + m) > 0.53 && e / (e + m) < 0.58);
  double r = nutmm_flux_eval(f, find(f, "8B", NUTMM_NU_E, 0), 10.0) /
             (nutmm_flux_eval(f, find(f, "8B", NUTMM_NU_E, 0), 10.0) +
              nutmm_flux_eval(f, find(f, "8B", NUTMM_NU_MU, 0), 10.0));
  ck_assert(r > 0.28 && r < 0.34);
  nutmm_flux_free(f);
}
END_TEST

START_TEST(test_solar_mass)
{
  check_oscillated(NUTMM_SOLAR_MASS, 0.0);
  check_oscillated(NUTMM_SOLAR_MASS, 0.05236); /* theta14 = 3 deg: P_e4 != 0 */
  /* physics manual phys-mixing-pei reference values (NuFIT 5.1, n_e = 6e25 cm^-3):
   * E = 0.862 MeV, theta14 = 0: P_e1 = 0.6021, P_e2 = 0.3754 (the 7Be line is at 0.8613 MeV,
   * which moves P by ~2e-5); E = 10 MeV, theta14 = 3 deg: P_e1 = 0.0641, P_e2 = 0.9108. */
  nutmm_solar_options o;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  o.mode = NUTMM_SOLAR_MASS;
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_SUCCESS);
  const double be = 0.896 * 4.93e9;
  ck_assert_abs(total_of(f, find(f, "7Be-862", NUTMM_NU_E, 1)) / be, 0.6021, 1e-4);
  ck_assert_abs(total_of(f, find(f, "7Be-862", NUTMM_NU_E, 2)) / be, 0.3754, 1e-4);
  ck_assert_abs(total_of(f, find(f, "7Be-862", NUTMM_NU_E, 4)), 0.0, 0.0);
  nutmm_flux_free(f);
  o.mix.theta14 = 3.0 * NUTMM_PI / 180.0;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_SUCCESS);
  double all = 0.0;
  for (int ms = 1; ms <= 4; ms++)
    all += nutmm_flux_eval(f, find(f, "8B", NUTMM_NU_E, ms), 10.0);
  ck_assert_abs(nutmm_flux_eval(f, find(f, "8B", NUTMM_NU_E, 1), 10.0) / all, 0.0641, 1e-4);
  ck_assert_abs(nutmm_flux_eval(f, find(f, "8B", NUTMM_NU_E, 2), 10.0) / all, 0.9108, 1e-4);
  double m4[3], mall[3];
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_E, 4, 0.5, m4), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_E, NUTMM_FLUX_ANY, 0.5, mall),
                   NUTMM_SUCCESS);
  ck_assert_rel(m4[0] / mall[0], pow(sin(3.0 * NUTMM_PI / 180.0), 2), 1e-12); /* P_e4 = s14^2 */
  nutmm_flux_free(f);
}
END_TEST

START_TEST(test_solar_errors)
{
  nutmm_solar_options o;
  nutmm_flux *f, *keep;
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  keep = f; /* a failing constructor must reset f to NULL */
  ck_assert_int_eq(nutmm_flux_solar_options_default(NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  o.total[NUTMM_SOLAR_PP] = -1.0;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_EDOM);
  ck_assert_ptr_null(f);
  ck_assert(reason_has("'pp'"));
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  o.n_e[NUTMM_SOLAR_B8] = NAN;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  o.refine = 0;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  o.mode = (nutmm_solar_mode)7;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_EINVAL);
  /* bad mixing parameters surface through nutmm_solar_pee */
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_SUCCESS);
  o.mode = NUTMM_SOLAR_FLAVOR;
  o.mix.dm21 = -7.4e-5;
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, &f), NUTMM_EDOM);
  ck_assert(reason_has("nutmm_flux_solar_alloc <- "));
  ck_assert_int_eq(nutmm_flux_solar_alloc(&o, NULL), NUTMM_EFAULT);
  nutmm_flux_free(keep);
}
END_TEST

/* ---- reactor --------------------------------------------------------------- */

/* Mueller et al. PRC 83 054615 Table VI (U235) and Vogel-Engel 1989 Table 1 (U235),
 * typed in here independently of the data files. */
static double mueller_u235(double E)
{
  const double a[6] = {3.217, -3.111, 1.395, -3.690e-1, 4.445e-2, -2.053e-3};
  double s = 0.0;
  for (int p = 5; p >= 0; p--)
    s = s * E + a[p];
  return exp(s);
}
static double ve89_u235(double E) { return exp(0.870 - 0.160 * E - 0.0910 * E * E); }

static double u235_model(double E, void *p)
{
  (void)p;
  return E >= 2.0 ? mueller_u235(E) : ve89_u235(E) * mueller_u235(2.0) / ve89_u235(2.0);
}

START_TEST(test_reactor)
{
  nutmm_reactor_options o;
  nutmm_flux_reactor_options_default(&o);
  ck_assert_rel(o.fission_fraction[NUTMM_REACTOR_U235], 0.55, 0);
  ck_assert_rel(o.fission_fraction[NUTMM_REACTOR_PU241], 0.06, 0);
  nutmm_flux *f;
  ck_assert_int_eq(preset_reactor_texono(&f), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_flux_ncomponents(f), 1);
  nutmm_flux_info info;
  ck_assert_int_eq(nutmm_flux_component(f, 0, &info), NUTMM_SUCCESS);
  ck_assert_int_eq(info.species, NUTMM_NUBAR_E);
  ck_assert_str_eq(info.label, "reactor");
  ck_assert_rel(info.total, 6.4e12, 1e-13);
  ck_assert_rel(info.E_max, 10.0, 0);
  ck_assert_abs(info.E_min, 0.0, 0);
  /* the defaults know no experiment: a unit-normalised spectrum */
  nutmm_flux *f1;
  nutmm_flux_info info1;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(NULL, &f1), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_component(f1, 0, &info1), NUTMM_SUCCESS);
  ck_assert_rel(info1.total, 1.0, 1e-13);
  ck_assert_rel(nutmm_flux_eval(f1, 0, 4.0) * 6.4e12, nutmm_flux_eval(f, 0, 4.0), 1e-13);
  nutmm_flux_free(f1);
  /* continuous at the 2 MeV join */
  ck_assert_rel(nutmm_flux_eval(f, 0, 2.0 - 1e-9), nutmm_flux_eval(f, 0, 2.0 + 1e-9), 1e-7);
  /* E^-1, E^-2 moments diverge at E_lo = 0 (the VE89 spectrum does not vanish there) */
  double mom[3];
  ck_assert_int_eq(nutmm_flux_moments(f, 0, 0.0, mom), NUTMM_ERANGE);
  ck_assert_rel(mom[0], 6.4e12, 1e-13);
  /* moments vs quadrature of the stored spectrum */
  comp_ctx c = {f, 0};
  double pts[101];
  for (int i = 0; i <= 100; i++)
    pts[i] = 0.1 * i;
  const double elo[] = {0.0173, 1.0, 2.0, 3.3, 7.77, 9.999};
  for (size_t j = 0; j < sizeof elo / sizeof elo[0]; j++) {
    ck_assert_int_eq(nutmm_flux_moments(f, 0, elo[j], mom), NUTMM_SUCCESS);
    for (int k = 0; k < 3; k++)
      ck_assert_rel(mom[k], quad_moment(comp_eval, &c, pts, 101, elo[j], k), 1e-9);
  }
  nutmm_flux_free(f);

  /* pure U235: the shape is Mueller's above 2 MeV and VE89's (scaled) below;
   * the tabulation follows the analytic spectrum */
  o.fission_fraction[NUTMM_REACTOR_PU239] = o.fission_fraction[NUTMM_REACTOR_U238] =
      o.fission_fraction[NUTMM_REACTOR_PU241] = 0.0;
  o.total = 1.234e12;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_SUCCESS);
  double norm_ref = quad_moment(u235_model, NULL, pts, 101, 0.0, 0);
  const double scale = 1.234e12 / norm_ref;
  ck_assert_rel(nutmm_flux_eval(f, 0, 3.0), scale * mueller_u235(3.0), 5e-8);
  ck_assert_rel(nutmm_flux_eval(f, 0, 6.5), scale * mueller_u235(6.5), 5e-8);
  ck_assert_rel(nutmm_flux_eval(f, 0, 1.0), scale * u235_model(1.0, NULL), 5e-8);
  ck_assert_rel(nutmm_flux_eval(f, 0, 9.0), scale * mueller_u235(9.0), 5e-8);
  /* anywhere: linear interpolation between the (curvature-adapted) nodes */
  for (double E = 0.05037; E < 10.0; E += 0.03731)
    ck_assert_rel(nutmm_flux_eval(f, 0, E), scale * u235_model(E, NULL), 1e-7);
  for (size_t j = 0; j < sizeof elo / sizeof elo[0]; j++) {
    ck_assert_int_eq(nutmm_flux_moments(f, 0, elo[j], mom), NUTMM_SUCCESS);
    for (int k = 0; k < 3; k++)
      ck_assert_rel(mom[k], scale * quad_moment(u235_model, NULL, pts, 101, elo[j], k), 1e-7);
  }
  nutmm_flux_free(f);

  /* Mueller extrapolated below 2 MeV, on [1, 8] MeV */
  o.low = NUTMM_REACTOR_LOW_MUELLER;
  o.E_min = 1.0;
  o.E_max = 8.0;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_SUCCESS);
  ck_assert_rel(total_of(f, 0), 1.234e12, 1e-13);
  ck_assert_rel(nutmm_flux_eval(f, 0, 1.5) / nutmm_flux_eval(f, 0, 4.0),
                mueller_u235(1.5) / mueller_u235(4.0), 1e-6);
  nutmm_flux_free(f);

  /* errors */
  nutmm_flux_reactor_options_default(&o);
  o.fission_fraction[1] = -0.1;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_EDOM);
  ck_assert_ptr_null(f);
  nutmm_flux_reactor_options_default(&o);
  for (int k = 0; k < NUTMM_REACTOR_NISOTOPES; k++)
    o.fission_fraction[k] = 0.0;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_EDOM);
  nutmm_flux_reactor_options_default(&o);
  o.total = NAN;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_EDOM);
  nutmm_flux_reactor_options_default(&o);
  o.E_max = o.E_min;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_EDOM);
  nutmm_flux_reactor_options_default(&o);
  o.dE = 0.0;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_EDOM);
  o.dE = 1e-12;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_EDOM);
  nutmm_flux_reactor_options_default(&o);
  o.low = (nutmm_reactor_low)3;
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, &f), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_reactor_alloc(&o, NULL), NUTMM_EFAULT);
  nutmm_flux_reactor_options_default(NULL); /* no-op */
}
END_TEST

/* ---- pi-DAR ------------------------------------------------------------------ */

static double michel_E(double E, void *p) { return E * comp_eval(E, p); }

START_TEST(test_pidar)
{
  nutmm_pidar_options p;
  p.r = 0.0913;
  p.n_pot = 1.377e23;
  p.L = 2751.0;
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&p, &f), NUTMM_SUCCESS);
  nutmm_flux_norm norm;
  ck_assert_int_eq(nutmm_flux_get_norm(f, &norm, NULL), NUTMM_SUCCESS);
  ck_assert_int_eq(norm, NUTMM_FLUX_FLUENCE);
  const double eta = 0.0913 * 1.377e23 / (4.0 * 3.14159265358979 * 2751.0 * 2751.0);
  const double mmu = 105.6583755; /* PDG 2020 */
  /* prompt line at (m_pi^2 - m_mu^2)/(2 m_pi) = 29.79 MeV (physics manual phys-flux-pidar) */
  size_t ip = find(f, "prompt", NUTMM_NU_MU, 0);
  nutmm_flux_info info;
  ck_assert_int_eq(nutmm_flux_component(f, ip, &info), NUTMM_SUCCESS);
  ck_assert_int_eq(info.is_line, 1);
  ck_assert_abs(info.E_min, 29.79, 0.005);
  ck_assert_rel(info.E_min, (139.57039 * 139.57039 - mmu * mmu) / (2 * 139.57039), 1e-12);
  ck_assert_rel(info.total, eta, 1e-12);
  double emax;
  ck_assert_int_eq(nutmm_flux_endpoint(f, &emax), NUTMM_SUCCESS);
  ck_assert_rel(emax, mmu / 2, 1e-15);

  const char *lab[2] = {"delayed-nue", "delayed-numubar"};
  const int sp[2] = {NUTMM_NU_E, NUTMM_NUBAR_MU};
  /* analytic <E> = 0.3 m_mu (nu_e), 0.35 m_mu (anti-nu_mu); <1/E> = 4/m_mu, 10/(3 m_mu) */
  const double meanE[2] = {0.3 * mmu, 0.35 * mmu}, meaninv[2] = {4.0 / mmu, 10.0 / (3.0 * mmu)};
  const double pts[3] = {0.0, mmu / 4, mmu / 2};
  for (int j = 0; j < 2; j++) {
    size_t i = find(f, lab[j], sp[j], 0);
    ck_assert_int_eq(nutmm_flux_component(f, i, &info), NUTMM_SUCCESS);
    ck_assert_rel(info.total, eta, 1e-12);
    ck_assert_rel(info.E_max, mmu / 2, 1e-15);
    ck_assert_abs(info.E_min, 0.0, 0.0);
    comp_ctx c = {f, i};
    ck_assert_rel(quad_moment(michel_E, &c, pts, 3, 0.0, 0) / eta, meanE[j], 1e-12);
    double mom[3];
    ck_assert_int_eq(nutmm_flux_moments(f, i, 0.0, mom), NUTMM_SUCCESS);
    ck_assert_rel(mom[0], eta, 1e-13);
    ck_assert_rel(mom[1] / mom[0], meaninv[j], 1e-13);
    ck_assert_rel(mom[2], quad_moment(comp_eval, &c, pts, 3, 0.0, 2), 1e-12);
    /* shape: nu_e vanishes at the end point, anti-nu_mu does not */
    double end = nutmm_flux_eval(f, i, mmu / 2);
    if (j == 0)
      ck_assert_abs(end / eta, 0.0, 1e-14);
    else
      ck_assert_rel(end, eta * 64.0 / mmu * 0.25 * 0.25, 1e-13);
    /* (nearer the end point than ~1e-4 MeV the quadrature's own abscissae,
     * rounded to ulp(52.8 MeV) = 7e-15 MeV, limit the reference) */
    const double elo[] = {1e-3, 7.31, 29.79, 45.0, mmu / 2 - 1e-3, mmu / 2 - 1e-4, mmu / 2, 60.0};
    for (size_t e = 0; e < sizeof elo / sizeof elo[0]; e++) {
      ck_assert_int_eq(nutmm_flux_moments(f, i, elo[e], mom), NUTMM_SUCCESS);
      for (int k = 0; k < 3; k++) {
        double ref = quad_moment(comp_eval, &c, pts, 3, elo[e], k);
        if (ref == 0.0)
          ck_assert_abs(mom[k], 0.0, 0.0);
        else
          ck_assert_rel(mom[k], ref, 1e-9);
      }
    }
  }
  /* per flavour r N_POT / (4 pi L^2) */
  for (int s = 0; s < NUTMM_N_SPECIES; s++) {
    double t;
    ck_assert_int_eq(nutmm_flux_total_species(f, s, NUTMM_FLUX_ANY, &t), NUTMM_SUCCESS);
    if (s == NUTMM_NU_E || s == NUTMM_NU_MU || s == NUTMM_NUBAR_MU)
      ck_assert_rel(t, eta, 1e-12);
    else
      ck_assert_abs(t, 0.0, 0.0);
  }
  /* mom of the prompt line vanish above it */
  double mom[3];
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_MU, 0, 29.8, mom), NUTMM_SUCCESS);
  ck_assert_abs(mom[0], 0.0, 0.0);
  nutmm_flux_free(f);

  /* COHERENT CsI 2017: r = 0.08, 1.76e23 POT, 19.3 m */
  ck_assert_int_eq(preset_pidar_coherent(&f), NUTMM_SUCCESS);
  ck_assert_rel(total_of(f, 0), 0.08 * 1.76e23 / (4 * 3.14159265358979 * 1930.0 * 1930.0), 1e-12);
  nutmm_flux_free(f);
  /* errors */
  p.L = -1.0;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&p, &f), NUTMM_EDOM);
  ck_assert_ptr_null(f);
  ck_assert_int_eq(nutmm_flux_pidar_alloc(NULL, &f), NUTMM_EFAULT); /* no defaults */
  ck_assert_ptr_null(f);
  p.L = NAN;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&p, &f), NUTMM_EDOM);
  p.L = 1930.0;
  p.r = -0.08;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&p, &f), NUTMM_EDOM);
  p.r = 0.08;
  p.n_pot = INFINITY;
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&p, &f), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_pidar_alloc(&p, NULL), NUTMM_EFAULT);
}
END_TEST

/* ---- 51Cr ------------------------------------------------------------------- */

typedef struct {
  double L, R, z;
} cyl_ctx;

static double cyl_rho(double rho, void *p)
{
  const cyl_ctx *c = p;
  double d = c->L + c->z;
  return 2.0 * 3.14159265358979 * rho / (4.0 * 3.14159265358979 * (rho * rho + d * d));
}

static double cyl_z(double z, void *p)
{
  cyl_ctx c = *(const cyl_ctx *)p;
  c.z = z;
  gsl_function F = {cyl_rho, &c};
  double r, e;
  return nutmm_quad(&F, 0.0, c.R, 0.0, 1e-13, &r, &e) == NUTMM_SUCCESS ? r : NAN;
}

/* <1/(4 pi r^2)> over the cylinder by brute-force 2D quadrature in (z, rho). */
static double cyl_brute(double L, double R, double H)
{
  cyl_ctx c = {L, R, 0.0};
  gsl_function F = {cyl_z, &c};
  double r, e;
  int st = nutmm_quad(&F, 0.0, H, 0.0, 1e-12, &r, &e);
  ck_assert(st == NUTMM_SUCCESS || st == NUTMM_ETOL);
  return r / (3.14159265358979 * R * R * H);
}

START_TEST(test_geometry)
{
  /* point source */
  ck_assert_rel(nutmm_flux_point_source(1.85e17, 25.0), 1.85e17 / (4 * 3.14159265358979 * 625.0),
                1e-14);
  /* physics manual phys-flux-cr51: 5 MCi at 25 cm -> ~2.4e13 cm^-2 s^-1 */
  ck_assert_abs(nutmm_flux_point_source(5e6 * 3.7e10, 25.0) / 1e13, 2.36, 0.01);
  /* cylinder: closed form vs brute force, several shapes */
  const double g[][3] = {{100.0, 69.0, 138.0}, {0.0, 69.0, 138.0},    {3.7, 1.9, 0.77},
                         {250.0, 10.0, 5.0},   {1000.0, 3.0, 0.9995}, {1000.0, 3.0, 1.0005}};
  for (size_t j = 0; j < sizeof g / sizeof g[0]; j++)
    ck_assert_rel(nutmm_flux_cylinder_average(1.0, g[j][0], g[j][1], g[j][2]),
                  cyl_brute(g[j][0], g[j][1], g[j][2]), 1e-9);
  /* far away: -> 1/(4 pi d^2), d = distance to the centre, to O((size/d)^2) */
  const double far = nutmm_flux_cylinder_average(7.3, 1e5, 3.0, 2.0);
  ck_assert_rel(far, 7.3 / (4 * 3.14159265358979 * (1e5 + 1.0) * (1e5 + 1.0)), 1e-9);
  /* far field: int_L^{L+H} du/u^2 = H/(L(L+H)), up to R^2/(2 L^2) = 5e-15 */
  ck_assert_rel(nutmm_flux_cylinder_average(1.0, 1e7, 1.0, 1.0),
                1.0 / (4 * 3.14159265358979 * 1e7 * (1e7 + 1.0)), 1e-12);
  /* errors */
  ck_assert(isnan(nutmm_flux_point_source(1.0, -2.0)));
  ck_assert(isnan(nutmm_flux_point_source(1.0, 0.0)));
  ck_assert(isnan(nutmm_flux_point_source(-1.0, 2.0)));
  ck_assert(isnan(nutmm_flux_cylinder_average(1.0, -1.0, 1.0, 1.0)));
  ck_assert(isnan(nutmm_flux_cylinder_average(1.0, 1.0, 0.0, 1.0)));
  ck_assert(isnan(nutmm_flux_cylinder_average(1.0, 1.0, 1.0, NAN)));
  ck_assert_int_eq(nutmm_flux_point_source_e(1.0, 1.0, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_cylinder_average_e(1.0, 1.0, 1.0, 1.0, NULL), NUTMM_EFAULT);
}
END_TEST

START_TEST(test_decays)
{
  const double th = 27.7025 * 86400.0, A0 = 1.85e17;
  const double tau = th / log(2.0);
  /* two half-lives: 3/4 of all decays; physics manual phys-flux-cr51 formula */
  ck_assert_rel(nutmm_flux_decays(A0, th, 0.0, 2 * th), 0.75 * A0 * tau, 1e-14);
  ck_assert_rel(nutmm_flux_decays(A0, th, 0.0, 55.0 * 86400.0),
                A0 * tau * (1.0 - pow(2.0, -55.0 / 27.7025)), 1e-13);
  /* starting one half-life later halves the count */
  ck_assert_rel(nutmm_flux_decays(A0, th, th, 55.0 * 86400.0),
                0.5 * nutmm_flux_decays(A0, th, 0.0, 55.0 * 86400.0), 1e-14);
  /* a short exposure sees the initial activity */
  ck_assert_rel(nutmm_flux_decays(A0, th, 0.0, 1.0), A0 * (1.0 - 0.5 / tau), 1e-12);
  ck_assert_abs(nutmm_flux_decays(A0, th, 0.0, 0.0), 0.0, 0.0);
  ck_assert(isnan(nutmm_flux_decays(-A0, th, 0.0, 1.0)));
  ck_assert(isnan(nutmm_flux_decays(A0, 0.0, 0.0, 1.0)));
  ck_assert(isnan(nutmm_flux_decays(A0, th, -1.0, 1.0)));
  ck_assert(isnan(nutmm_flux_decays(A0, th, 0.0, NAN)));
  ck_assert(reason_has("nutmm_flux_decays <- nutmm_flux_decays_e"));
}
END_TEST

START_TEST(test_cr51)
{
  nutmm_cr51_options p;
  nutmm_flux_cr51_options_default(&p);
  ck_assert_rel(p.half_life, 27.7025 * 86400.0, 1e-15);
  ck_assert_rel(p.activity, 1.85e17, 1e-15);
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(&p, &f), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_flux_ncomponents(f), 4);
  nutmm_flux_norm norm;
  double dur;
  ck_assert_int_eq(nutmm_flux_get_norm(f, &norm, &dur), NUTMM_SUCCESS);
  ck_assert_int_eq(norm, NUTMM_FLUX_RATE);
  ck_assert_rel(dur, 2 * 27.7025 * 86400.0, 1e-15);
  /* lines (data/cr51/lines.dat): energies within 1 keV of the paper's 747.2, 752.6,
   * 427.2, 432.6 keV (AME2020-derived: 746.93, 751.77, 426.85, 431.69) */
  const char *lab[4] = {"51Cr-747", "51Cr-752", "51Cr-427", "51Cr-432"};
  const double Ep[4] = {0.7472, 0.7526, 0.4272, 0.4326}, br[4] = {0.8163, 0.0849, 0.0895, 0.0093};
  const double tau = 27.7025 * 86400.0 / log(2.0);
  const double fluence = 0.75 * 1.85e17 * tau / (4 * 3.14159265358979 * 625.0);
  double sum = 0.0;
  for (int j = 0; j < 4; j++) {
    nutmm_flux_info info;
    ck_assert_int_eq(nutmm_flux_component(f, find(f, lab[j], NUTMM_NU_E, 0), &info), NUTMM_SUCCESS);
    ck_assert_int_eq(info.is_line, 1);
    ck_assert_abs(info.E_min, Ep[j], 1e-3);
    ck_assert_rel(info.total * dur, br[j] * fluence, 1e-12);
    sum += info.total;
  }
  /* line strengths sum to the activity-time integral x geometry */
  ck_assert_rel(sum * dur, fluence, 1e-13);
  double emax;
  ck_assert_int_eq(nutmm_flux_endpoint(f, &emax), NUTMM_SUCCESS);
  ck_assert_rel(emax, 0.75177, 1e-12);
  nutmm_cr51_summary s;
  ck_assert_int_eq(nutmm_flux_cr51_summary(&p, &s), NUTMM_SUCCESS);
  ck_assert_rel(s.fluence, fluence, 1e-13);
  ck_assert_rel(s.mean_flux, sum, 1e-13);
  ck_assert_rel(s.decays, 0.75 * 1.85e17 * tau, 1e-13);
  ck_assert_rel(s.mean_activity * dur, s.decays, 1e-15);
  nutmm_flux_free(f);

  /* LXe cylinder, 1 m to the near face, h = d = 1.38 m, 10 MCi for 100 d from t = 0 */
  p.geometry = NUTMM_CR51_CYLINDER;
  p.distance = 100.0;
  p.activity = 10e6 * NUTMM_CURIE;
  p.duration = 100.0 * NUTMM_DAY;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(&p, &f), NUTMM_SUCCESS);
  double tot;
  ck_assert_int_eq(nutmm_flux_total_species(f, NUTMM_NU_E, 0, &tot), NUTMM_SUCCESS);
  ck_assert_rel(tot * 100.0 * 86400.0,
                3.7e17 * tau * (1 - pow(2.0, -100.0 / 27.7025)) * cyl_brute(100.0, 69.0, 138.0),
                1e-9);
  nutmm_flux_free(f);

  /* errors */
  nutmm_flux_cr51_options_default(&p);
  p.distance = -25.0;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(&p, &f), NUTMM_EDOM);
  ck_assert_ptr_null(f);
  nutmm_flux_cr51_options_default(&p);
  p.duration = 0.0;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(&p, &f), NUTMM_EDOM);
  nutmm_flux_cr51_options_default(&p);
  p.activity = NAN;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(&p, &f), NUTMM_EDOM);
  nutmm_flux_cr51_options_default(&p);
  p.geometry = NUTMM_CR51_CYLINDER;
  p.radius = -1.0;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(&p, &f), NUTMM_EDOM);
  p.geometry = (nutmm_cr51_geometry)9;
  ck_assert_int_eq(nutmm_flux_cr51_alloc(&p, &f), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_cr51_summary(NULL, &s), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_cr51_alloc(NULL, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_cr51_alloc(NULL, &f), NUTMM_SUCCESS); /* defaults */
  nutmm_flux_free(f);
}
END_TEST

/* ---- user files -------------------------------------------------------------- */

START_TEST(test_user_files)
{
  const char *p = "test_flux_user.dat";
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  write_file(p, "# a user spectrum\n# E [MeV]  dPhi/dE [cm^-2 s^-1 MeV^-1]\n0.5 1.0\n1.5 3.0 # "
                "c\n\n4.0 0.0\n");
  ck_assert_int_eq(nutmm_flux_add_table_file(f, NUTMM_NUBAR_E, 0, "file", p), NUTMM_SUCCESS);
  ck_assert_rel(total_of(f, 0), 2.0 + 3.75, 1e-15);
  /* exact moments of the piecewise-linear file spectrum:
   * [0.5,1.5]: f = 2E; [1.5,4]: f = 3 (4-E)/2.5 */
  double mom[3];
  ck_assert_int_eq(nutmm_flux_moments(f, 0, 0.5, mom), NUTMM_SUCCESS);
  ck_assert_rel(mom[1], 2.0 + 1.2 * (4.0 * log(4.0 / 1.5) - 2.5), 1e-14);
  ck_assert_rel(mom[2], 2.0 * log(3.0) + 1.2 * (4.0 * (1 / 1.5 - 0.25) - log(4.0 / 1.5)), 1e-14);

  write_file(p, "# lines\n0.862 4.4e9\n0.384 5.1e8\n");
  ck_assert_int_eq(nutmm_flux_add_lines_file(f, NUTMM_NU_E, 2, "ln", p), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_flux_ncomponents(f), 3);
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_E, 2, 0.5, mom), NUTMM_SUCCESS);
  ck_assert_rel(mom[0], 4.4e9, 1e-15);

  struct {
    const char *text, *reason;
    int lines, status;
  } bad[] = {
      {"0.5 1.0\n1.5\n4.0 0.0\n", "test_flux_user.dat:2", 0, NUTMM_EFORMAT}, /* truncated */
      {"0.5 1.0\n1.5 abc\n", "test_flux_user.dat:2: column 2: 'abc'", 0, NUTMM_EFORMAT},
      {"# x\n-0.5 1.0\n1.5 2.0\n", "test_flux_user.dat:2: energy -0.5", 0, NUTMM_EFORMAT},
      {"0.5 1.0\n1.5 -2.0\n", "test_flux_user.dat:2: flux -2 is negative", 0, NUTMM_EFORMAT},
      {"0.5 1.0\n1.5 2.0\n1.2 2.0\n", "test_flux_user.dat:3: column 1 not strictly increasing", 0,
       NUTMM_EFORMAT},
      {"0.5 1.0\n0.5 2.0\n", "test_flux_user.dat:2", 0, NUTMM_EFORMAT}, /* repeated energy */
      {"0.5 1.0\n", "1 data row", 0, NUTMM_EFORMAT},
      {"# nothing\n", "no data rows", 0, NUTMM_EFORMAT},
      {"0.5 nan\n1 2\n", "test_flux_user.dat:1: column 2: 'nan'", 0, NUTMM_EFORMAT},
      {"0.0 1.0\n", "test_flux_user.dat:1: energy 0 MeV must be > 0", 1, NUTMM_EFORMAT},
      {"0.7 1.0\n0.3 -1.0\n", "test_flux_user.dat:2: flux -1", 1, NUTMM_EFORMAT},
      {"0.7 1.0\n0.3\n", "test_flux_user.dat:2", 1, NUTMM_EFORMAT},
  };
  for (size_t j = 0; j < sizeof bad / sizeof bad[0]; j++) {
    write_file(p, bad[j].text);
    int st = bad[j].lines ? nutmm_flux_add_lines_file(f, NUTMM_NU_E, 0, "x", p)
                          : nutmm_flux_add_table_file(f, NUTMM_NU_E, 0, "x", p);
    ck_assert_msg(st == bad[j].status, "case %zu: status %d (%s)", j, st, nutmm_error_reason());
    ck_assert_msg(reason_has(bad[j].reason), "case %zu: reason '%s' lacks '%s'", j,
                  nutmm_error_reason(), bad[j].reason);
    ck_assert_uint_eq(nutmm_flux_ncomponents(f), 3); /* nothing half-added */
  }
  remove(p);
  ck_assert_int_eq(nutmm_flux_add_table_file(f, NUTMM_NU_E, 0, "x", "no/such/flux.dat"), NUTMM_EIO);
  ck_assert(reason_has("no/such/flux.dat"));
  ck_assert_int_eq(nutmm_flux_add_lines_file(f, NUTMM_NU_E, 0, "x", NULL), NUTMM_EFAULT);
  nutmm_flux_free(f);
}
END_TEST

/* ---- API errors ------------------------------------------------------------------ */

START_TEST(test_api_errors)
{
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_alloc(NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  nutmm_flux_free(NULL);
  const double E[3] = {1.0, 2.0, 3.0}, y[3] = {1.0, 2.0, 1.0};
  const double Eb[3] = {1.0, 3.0, 2.0}, yb[3] = {1.0, -2.0, 1.0}, En[3] = {1.0, NAN, 3.0};
  const double Eneg[3] = {-1.0, 2.0, 3.0};
  ck_assert_int_eq(nutmm_flux_add_table(NULL, NUTMM_NU_E, 0, "a", 3, E, y), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 3, NULL, y), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, NULL, 3, E, y), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 1, E, y), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_add_table(f, (nutmm_species)6, 0, "a", 3, E, y), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 5, "a", 3, E, y), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, -1, "a", 3, E, y), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "", 3, E, y), NUTMM_EINVAL);
  ck_assert_int_eq(
      nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a-label-that-is-far-too-long-to-keep", 3, E, y),
      NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 3, Eb, y), NUTMM_EDOM);
  ck_assert(reason_has("node 2"));
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 3, E, yb), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 3, En, y), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 3, Eneg, y), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_add_line(f, NUTMM_NU_E, 0, "l", 0.0, 1.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_add_line(f, NUTMM_NU_E, 0, "l", 1.0, -1.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_add_line(f, NUTMM_NU_E, 0, "l", NAN, 1.0), NUTMM_EDOM);
  ck_assert_uint_eq(nutmm_flux_ncomponents(f), 0);
  ck_assert_uint_eq(nutmm_flux_ncomponents(NULL), 0);

  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "a", 3, E, y), NUTMM_SUCCESS);
  double v, mom[3];
  nutmm_flux_info info;
  size_t i;
  ck_assert_int_eq(nutmm_flux_component(f, 1, &info), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_flux_component(f, 0, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_eval_e(f, 0, -1.0, &v), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_eval_e(f, 0, NAN, &v), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_eval_e(f, 3, 1.0, &v), NUTMM_EBADLEN);
  ck_assert(isnan(nutmm_flux_eval(f, 0, -1.0)));
  ck_assert(reason_has("nutmm_flux_eval <- nutmm_flux_eval_e"));
  ck_assert(isnan(nutmm_flux_eval(NULL, 0, 1.0)));
  ck_assert_int_eq(nutmm_flux_eval_species(f, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, -2.0, &v),
                   NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_eval_species(f, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, 1.5, &v),
                   NUTMM_SUCCESS);
  ck_assert_rel(v, 1.5, 1e-15);
  ck_assert_int_eq(nutmm_flux_moments(f, 0, -0.1, mom), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_moments(f, 0, NAN, mom), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_moments(f, 0, INFINITY, mom), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_moments(f, 1, 1.0, mom), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_flux_moments(f, 0, 1.0, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_moments_species(f, NUTMM_NU_E, 0, -1.0, mom), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_moments_species(NULL, NUTMM_NU_E, 0, 1.0, mom), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_total(f, 1, &v), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_flux_total_species(f, 0, 0, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_endpoint(NULL, &v), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_find(f, "b", NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, &i), NUTMM_ENOTFOUND);
  ck_assert_int_eq(nutmm_flux_find(f, "a", NUTMM_NU_MU, NUTMM_FLUX_ANY, &i), NUTMM_ENOTFOUND);
  ck_assert_int_eq(nutmm_flux_find(f, "a", NUTMM_NU_E, 1, &i), NUTMM_ENOTFOUND);
  ck_assert_int_eq(nutmm_flux_find(f, NULL, NUTMM_NU_E, 0, &i), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_flux_scale(f, -1.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_scale(f, NAN), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_scale_component(f, 4, 2.0), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_flux_set_norm(f, (nutmm_flux_norm)2, 0.0), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_flux_set_norm(f, NUTMM_FLUX_FLUENCE, -1.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_flux_set_norm(f, NUTMM_FLUX_FLUENCE, 0.0), NUTMM_SUCCESS);
  nutmm_flux_norm norm;
  ck_assert_int_eq(nutmm_flux_get_norm(f, &norm, &v), NUTMM_SUCCESS);
  ck_assert_int_eq(norm, NUTMM_FLUX_FLUENCE);
  ck_assert_int_eq(nutmm_flux_get_norm(NULL, &norm, &v), NUTMM_EFAULT);
  /* an empty flux */
  nutmm_flux *g;
  ck_assert_int_eq(nutmm_flux_alloc(&g), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_endpoint(g, &v), NUTMM_SUCCESS);
  ck_assert_abs(v, 0.0, 0.0);
  ck_assert_int_eq(nutmm_flux_moments_species(g, NUTMM_FLUX_ANY, NUTMM_FLUX_ANY, 0.0, mom),
                   NUTMM_SUCCESS);
  ck_assert_abs(mom[0] + mom[1] + mom[2], 0.0, 0.0);
  nutmm_flux_free(g);
  nutmm_flux_free(f);
}
END_TEST

/* A table regridded onto finer nodes (the rate engine's merged solar grid) gives the moments
 * of the table itself at any E_lo inside its support, from a locus on the finer nodes:
 * nodes of another table interleaved, nodes outside the support on both sides. */
START_TEST(test_table_regrid)
{
  enum { N = 9, NU = 40 };
  double E[N], v[N];
  for (int i = 0; i < N; i++) {
    E[i] = 0.2 + 0.3 * i * (1.0 + 0.1 * i);
    v[i] = (1.0 + i) * exp(-0.4 * i) * (i == N - 1 ? 0.0 : 1.0);
  }
  nutmm_flux *f;
  ck_assert_int_eq(nutmm_flux_alloc(&f), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_flux_add_table(f, NUTMM_NU_E, 0, "t", N, E, v), NUTMM_SUCCESS);
  nutmm_flux_tview_ tv;
  ck_assert(nutmm_flux_table_view_(f, 0, &tv));
  /* union of the table's nodes and others (some below E[0], some above E[N-1]) */
  double U[NU + N];
  size_t nu = 0;
  for (int j = 0; j < NU; j++)
    U[nu++] = 0.05 + 0.11 * j;
  for (int i = 0; i < N; i++)
    U[nu++] = E[i];
  for (size_t a = 1; a < nu; a++) /* insertion sort, then drop repeats */
    for (size_t b = a; b > 0 && U[b - 1] > U[b]; b--) {
      const double t = U[b];
      U[b] = U[b - 1];
      U[b - 1] = t;
    }
  size_t m = 0;
  for (size_t j = 0; j < nu; j++)
    if (m == 0 || U[j] != U[m - 1])
      U[m++] = U[j];
  double g[NU + N], t0[NU + N], t1[NU + N], t2[NU + N];
  double *tails[3] = {t0, t1, t2};
  nutmm_flux_table_regrid_(&tv, U, m, g, tails);
  const nutmm_flux_tview_ rv = {m, U, g, {t0, t1, t2}};
  nutmm_flux_locus_ L;
  nutmm_flux_locus_init_(&L);
  int inside = 0;
  for (int q = 1; q < 400; q++) {
    const double E_lo = E[0] + (E[N - 1] - E[0]) * q / 400.0;
    double want[3], got[3];
    ck_assert_int_eq(nutmm_flux_moments(f, 0, E_lo, want), NUTMM_SUCCESS);
    nutmm_flux_locus_move_(&rv, E_lo, &L);
    nutmm_flux_table_moments_(&rv, &L, got);
    for (int k = 0; k < 3; k++)
      ck_assert_msg(fabs(got[k] - want[k]) <= 1e-13 * fabs(want[k]) + 1e-300,
                    "E_lo %g moment %d: regridded %.17g, table %.17g", E_lo, k, got[k], want[k]);
    inside++;
  }
  ck_assert_int_eq(inside, 399);
  /* below the support the tails are the whole table, above it zero; the spectrum is the
   * table's at its nodes and zero outside */
  ck_assert(t0[0] == tv.tail[0][0] && t2[0] == tv.tail[2][0]);
  ck_assert(t0[m - 1] == 0.0 && g[m - 1] == 0.0);
  for (size_t j = 0; j < m; j++)
    for (int i = 0; i < N; i++)
      if (U[j] == E[i])
        ck_assert(g[j] == v[i] && t1[j] == tv.tail[1][i]);
  nutmm_flux_free(f);
}
END_TEST

int main(void)
{

  Suite *s = suite_create("flux");
  TCase *tc = tcase_create("flux");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_moments_table);
  tcase_add_test(tc, test_table_regrid);
  tcase_add_test(tc, test_moments_from_zero);
  tcase_add_test(tc, test_solar_production);
  tcase_add_test(tc, test_solar_flavor);
  tcase_add_test(tc, test_solar_mass);
  tcase_add_test(tc, test_solar_errors);
  tcase_add_test(tc, test_reactor);
  tcase_add_test(tc, test_pidar);
  tcase_add_test(tc, test_geometry);
  tcase_add_test(tc, test_decays);
  tcase_add_test(tc, test_cr51);
  tcase_add_test(tc, test_user_files);
  tcase_add_test(tc, test_api_errors);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
