/* libnutmm -- the flux abstraction: components, exact moments, user fluxes,
 * geometry and decay helpers (flux.h). */
#include "nutmm/flux.h"

#include <stdlib.h>
#include <string.h>

#include "flux_internal.h"
#include "integrate.h"
#include "internal.h"
#include "nutmm/data.h"
#include "nutmm/units.h"

typedef enum { KIND_TABLE = 0, KIND_LINE = 1, KIND_MICHEL = 2 } kind;

/* One component.  Tables keep, besides the nodes, the exact tail integrals
 * tail[k][i] = int_{E_i}^{E_{n-1}} dPhi/dE E^-k dE of the piecewise-linear
 * spectrum, accumulated from the top so that small tails keep their relative
 * precision. */
typedef struct {
  kind kind;
  nutmm_species species;
  int mass_state;
  char label[NUTMM_FLUX_LABEL_MAX];
  /* KIND_TABLE */
  size_t n;
  double *E, *f, *tail[3]; /* one block owned by E */
  /* KIND_LINE: E_line, phi; KIND_MICHEL: norm E^2 (A + B (E_max - E)) */
  double E_line, phi;
  double norm, A, B, E_max;
  double total;
} component;

struct nutmm_flux {
  size_t n, cap;
  component *c;
  nutmm_flux_norm norm;
  double duration;
};

/* ---- closed-form segment integrals ---------------------------------------- */

/* g1(x) = x - log(1+x) and g2(x) = log(1+x) - x/(1+x), x > 0, without
 * cancellation for small x (alternating series, truncation < 1e-17 relative). */
static inline double g1(double x)
{
  if (x < 1e-2) /* sum_{n=2}^{10} (-1)^n x^n / n by Horner */
    return x * x *
           (1.0 / 2 - x * (1.0 / 3 - x * (1.0 / 4 - x * (1.0 / 5 - x * (1.0 / 6 - x * (1.0 / 7 -
            x * (1.0 / 8 - x * (1.0 / 9 - x * (1.0 / 10)))))))));
  return x - log1p(x);
}

static inline double g2(double x)
{
  if (x < 1e-2) /* sum_{n=2}^{10} (-1)^n (n-1)/n x^n by Horner */
    return x * x *
           (1.0 / 2 - x * (2.0 / 3 - x * (3.0 / 4 - x * (4.0 / 5 - x * (5.0 / 6 - x * (6.0 / 7 -
            x * (7.0 / 8 - x * (8.0 / 9 - x * (9.0 / 10)))))))));
  return log1p(x) - x / (1.0 + x);
}

/* int_a^b f(E) E^-k dE, k = 0, 1, 2, for f linear from f(a) = fa to f(b) = fb,
 * 0 <= a < b.  Writing f = fa + beta (E - a), x = (b - a)/a:
 *   k = 0: (b - a)(fa + fb)/2
 *   k = 1: fa log(1+x) + beta a g1(x)
 *   k = 2: fa x / b + beta g2(x)
 * At a = 0 the k = 1, 2 integrals diverge unless f vanishes (k = 1) or f and
 * its slope vanish (k = 2); they are then +infinity. */
static void segment(double a, double b, double fa, double fb, double out[3])
{
  const double h = b - a;
  const double beta = (fb - fa) / h;
  out[0] = 0.5 * h * (fa + fb);
  if (a == 0.0) {
    out[1] = fa > 0.0 ? INFINITY : fb;
    out[2] = (fa > 0.0 || fb > 0.0) ? INFINITY : 0.0;
    return;
  }
  const double x = h / a;
  out[1] = fa * log1p(x) + beta * a * g1(x);
  out[2] = fa * x / b + beta * g2(x);
}

/* ---- building ------------------------------------------------------------ */

int nutmm_flux_alloc(nutmm_flux **f)
{
  NUTMM_CHECK_PTR(f);
  *f = nutmm_calloc_n(1, sizeof **f);
  if (!*f)
    NUTMM_FAIL(NUTMM_ENOMEM, "allocating a flux");
  (*f)->norm = NUTMM_FLUX_RATE;
  return NUTMM_SUCCESS;
}

void nutmm_flux_free(nutmm_flux *f)
{
  if (!f)
    return;
  for (size_t i = 0; i < f->n; i++)
    free(f->c[i].E);
  free(f->c);
  free(f);
}

/* Validate the common arguments of the add functions. */
static int check_common(const nutmm_flux *f, nutmm_species species, int mass_state,
                        const char *label)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_PTR(label);
  if ((int)species < 0 || (int)species >= NUTMM_N_SPECIES)
    NUTMM_FAIL(NUTMM_EINVAL, "species %d is not a nutmm_species", (int)species);
  if (mass_state < 0 || mass_state > 4)
    NUTMM_FAIL(NUTMM_EINVAL, "mass_state %d not in 0..4", mass_state);
  size_t len = strlen(label);
  if (len == 0 || len >= NUTMM_FLUX_LABEL_MAX)
    NUTMM_FAIL(NUTMM_EINVAL, "label '%s' must have 1 to %d characters", label,
               NUTMM_FLUX_LABEL_MAX - 1);
  return NUTMM_SUCCESS;
}

/* A new zeroed component at the end of f (not yet counted in f->n). */
static int push(nutmm_flux *f, component **out)
{
  if (f->n == f->cap) {
    size_t nc = f->cap ? 2 * f->cap : 8;
    component *c = nutmm_realloc_n(f->c, nc, sizeof *c);
    if (!c)
      NUTMM_FAIL(NUTMM_ENOMEM, "growing a flux to %zu components", nc);
    f->c = c;
    f->cap = nc;
  }
  *out = &f->c[f->n];
  memset(*out, 0, sizeof **out);
  return NUTMM_SUCCESS;
}

static void set_head(component *c, kind k, nutmm_species species, int mass_state, const char *label)
{
  c->kind = k;
  c->species = species;
  c->mass_state = mass_state;
  strcpy(c->label, label); /* length checked by check_common */
}

/* Tail integrals of a table component (E, f, n filled in). */
static void table_tails(component *c)
{
  const size_t n = c->n;
  for (int k = 0; k < 3; k++)
    c->tail[k][n - 1] = 0.0;
  for (size_t i = n - 1; i-- > 0;) {
    double s[3];
    segment(c->E[i], c->E[i + 1], c->f[i], c->f[i + 1], s);
    for (int k = 0; k < 3; k++)
      c->tail[k][i] = c->tail[k][i + 1] + s[k];
  }
  c->total = c->tail[0][0];
}

int nutmm_flux_add_table(nutmm_flux *f, nutmm_species species, int mass_state, const char *label,
                         size_t n, const double *E, const double *dphi)
{
  NUTMM_TRY(check_common(f, species, mass_state, label));
  NUTMM_CHECK_PTR(E);
  NUTMM_CHECK_PTR(dphi);
  if (n < 2)
    NUTMM_FAIL(NUTMM_EINVAL, "'%s': a table needs at least 2 nodes, got %zu", label, n);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(E[i]) || !isfinite(dphi[i]))
      NUTMM_FAIL(NUTMM_EDOM, "'%s': node %zu (E = %g MeV, dPhi/dE = %g) is not finite", label, i,
                 E[i], dphi[i]);
    if (E[i] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "'%s': node %zu: E = %g MeV is negative", label, i, E[i]);
    if (dphi[i] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "'%s': node %zu: dPhi/dE = %g is negative", label, i, dphi[i]);
    if (i > 0 && !(E[i] > E[i - 1]))
      NUTMM_FAIL(NUTMM_EDOM, "'%s': node %zu: E = %g MeV not above the previous %g MeV", label, i,
                 E[i], E[i - 1]);
  }
  if (n > ((size_t)-1) / (5 * sizeof(double)))
    NUTMM_FAIL(NUTMM_ENOMEM, "'%s': %zu nodes", label, n);
  double *block = nutmm_malloc_n(nutmm_size_mul(5, n), sizeof *block);
  if (!block)
    NUTMM_FAIL(NUTMM_ENOMEM, "'%s': %zu nodes", label, n);
  component *c;
  int st = push(f, &c);
  if (st != NUTMM_SUCCESS) {
    free(block);
    return nutmm_error_chain(st, __func__);
  }
  set_head(c, KIND_TABLE, species, mass_state, label);
  c->n = n;
  c->E = block;
  c->f = block + n;
  for (int k = 0; k < 3; k++)
    c->tail[k] = block + (2 + (size_t)k) * n;
  memcpy(c->E, E, n * sizeof *E);
  memcpy(c->f, dphi, n * sizeof *dphi);
  table_tails(c);
  f->n++;
  return NUTMM_SUCCESS;
}

int nutmm_flux_add_line(nutmm_flux *f, nutmm_species species, int mass_state, const char *label,
                        double E, double phi)
{
  NUTMM_TRY(check_common(f, species, mass_state, label));
  NUTMM_CHECK_POSITIVE(E);
  NUTMM_CHECK_NONNEG(phi);
  component *c;
  NUTMM_TRY(push(f, &c));
  set_head(c, KIND_LINE, species, mass_state, label);
  c->E_line = E;
  c->phi = phi;
  c->total = phi;
  f->n++;
  return NUTMM_SUCCESS;
}

int nutmm_flux_add_michel_(nutmm_flux *f, nutmm_species species, const char *label, double norm,
                           double A, double B, double b)
{
  NUTMM_TRY(check_common(f, species, 0, label));
  NUTMM_CHECK_NONNEG(norm);
  NUTMM_CHECK_NONNEG(A);
  NUTMM_CHECK_NONNEG(B);
  NUTMM_CHECK_POSITIVE(b);
  component *c;
  NUTMM_TRY(push(f, &c));
  set_head(c, KIND_MICHEL, species, 0, label);
  c->norm = norm;
  c->A = A;
  c->B = B;
  c->E_max = b;
  /* int_0^b E^2 (A + B (b - E)) dE = A b^3/3 + B b^4/12 */
  c->total = norm * (A * b * b * b / 3.0 + B * b * b * b * b / 12.0);
  f->n++;
  return NUTMM_SUCCESS;
}

int nutmm_flux_read_pairs_(const char *path, int lines, size_t *n, double **E, double **v)
{
  NUTMM_CHECK_PTR(path);
  NUTMM_CHECK_PTR(n);
  NUTMM_CHECK_PTR(E);
  NUTMM_CHECK_PTR(v);
  nutmm_table *t = NULL;
  *E = *v = NULL;
  NUTMM_TRY(nutmm_table_read(path, &t));
  int st = nutmm_table_require_cols(t, 2);
  size_t rows = nutmm_table_rows(t);
  if (st == NUTMM_SUCCESS) {
    *E = nutmm_malloc_n(rows, sizeof **E);
    *v = nutmm_malloc_n(rows, sizeof **v);
    if (!*E || !*v)
      st = nutmm_error_set(NUTMM_ENOMEM, __func__, "reading %s", path);
  }
  if (st == NUTMM_SUCCESS && !lines && rows < 2)
    st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: %zu data row(s), a spectrum needs >= 2",
                         path, rows);
  if (st == NUTMM_SUCCESS)
    st = nutmm_table_column(t, 0, !lines, *E);
  if (st == NUTMM_SUCCESS)
    st = nutmm_table_column(t, 1, 0, *v);
  for (size_t r = 0; st == NUTMM_SUCCESS && r < rows; r++) {
    if ((*E)[r] < 0.0 || (lines && (*E)[r] == 0.0))
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: energy %g MeV must be %s", path,
                           nutmm_table_line(t, r), (*E)[r], lines ? "> 0" : ">= 0");
    else if ((*v)[r] < 0.0)
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: flux %g is negative", path,
                           nutmm_table_line(t, r), (*v)[r]);
  }
  nutmm_table_free(t);
  if (st != NUTMM_SUCCESS) {
    free(*E);
    free(*v);
    *E = *v = NULL;
    return nutmm_error_chain(st, __func__);
  }
  *n = rows;
  return NUTMM_SUCCESS;
}

int nutmm_flux_add_table_file(nutmm_flux *f, nutmm_species species, int mass_state,
                              const char *label, const char *path)
{
  NUTMM_TRY(check_common(f, species, mass_state, label));
  NUTMM_CHECK_PTR(path);
  size_t n = 0;
  double *E = NULL, *v = NULL;
  NUTMM_TRY(nutmm_flux_read_pairs_(path, 0, &n, &E, &v));
  int st = nutmm_flux_add_table(f, species, mass_state, label, n, E, v);
  free(E);
  free(v);
  NUTMM_TRY(st);
  return NUTMM_SUCCESS;
}

int nutmm_flux_add_lines_file(nutmm_flux *f, nutmm_species species, int mass_state,
                              const char *label, const char *path)
{
  NUTMM_TRY(check_common(f, species, mass_state, label));
  NUTMM_CHECK_PTR(path);
  size_t n = 0;
  double *E = NULL, *v = NULL;
  NUTMM_TRY(nutmm_flux_read_pairs_(path, 1, &n, &E, &v));
  const size_t n0 = f->n;
  int st = NUTMM_SUCCESS;
  for (size_t i = 0; i < n && st == NUTMM_SUCCESS; i++)
    st = nutmm_flux_add_line(f, species, mass_state, label, E[i], v[i]);
  free(E);
  free(v);
  if (st != NUTMM_SUCCESS)
    f->n = n0; /* lines own no memory: drop the partial set */
  NUTMM_TRY(st);
  return NUTMM_SUCCESS;
}

/* Whether scaling c by s keeps every finite stored number finite (checked before anything
 * changes; the E^-1, E^-2 tails of a spectrum reaching E = 0 are legitimately infinite). */
static int overflows(double v, double s) { return isfinite(v) && !isfinite(v * s); }

static int scale_ok(const component *c, double s)
{
  if (overflows(c->total, s))
    return 0;
  switch (c->kind) {
  case KIND_TABLE:
    for (size_t j = 0; j < c->n; j++) {
      if (overflows(c->f[j], s))
        return 0;
      for (int k = 0; k < 3; k++)
        if (overflows(c->tail[k][j], s))
          return 0;
    }
    return 1;
  case KIND_LINE:
    return !overflows(c->phi, s);
  case KIND_MICHEL:
    return !overflows(c->norm, s);
  }
  return 1;
}

static void scale_one(component *c, double s)
{
  switch (c->kind) {
  case KIND_TABLE:
    for (size_t j = 0; j < c->n; j++) {
      c->f[j] *= s;
      for (int k = 0; k < 3; k++)
        c->tail[k][j] *= s;
    }
    break;
  case KIND_LINE:
    c->phi *= s;
    break;
  case KIND_MICHEL:
    c->norm *= s;
    break;
  }
  c->total *= s;
}

int nutmm_flux_scale(nutmm_flux *f, double factor)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_NONNEG(factor);
  for (size_t i = 0; i < f->n; i++)
    if (!scale_ok(&f->c[i], factor))
      NUTMM_FAIL(NUTMM_ERANGE, "factor = %g overflows component %zu (total %g)", factor, i,
                 f->c[i].total);
  for (size_t i = 0; i < f->n; i++)
    scale_one(&f->c[i], factor);
  return NUTMM_SUCCESS;
}

int nutmm_flux_scale_component(nutmm_flux *f, size_t i, double factor)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_NONNEG(factor);
  if (i >= f->n)
    NUTMM_FAIL(NUTMM_EBADLEN, "component %zu out of range (%zu components)", i, f->n);
  if (!scale_ok(&f->c[i], factor))
    NUTMM_FAIL(NUTMM_ERANGE, "factor = %g overflows component %zu (total %g)", factor, i,
               f->c[i].total);
  scale_one(&f->c[i], factor);
  return NUTMM_SUCCESS;
}

int nutmm_flux_set_norm(nutmm_flux *f, nutmm_flux_norm norm, double duration)
{
  NUTMM_CHECK_PTR(f);
  if (norm != NUTMM_FLUX_RATE && norm != NUTMM_FLUX_FLUENCE)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown normalisation kind %d", (int)norm);
  NUTMM_CHECK_NONNEG(duration);
  f->norm = norm;
  f->duration = duration;
  return NUTMM_SUCCESS;
}

int nutmm_flux_get_norm(const nutmm_flux *f, nutmm_flux_norm *norm, double *duration)
{
  NUTMM_CHECK_PTR(f);
  if (norm)
    *norm = f->norm;
  if (duration)
    *duration = f->duration;
  return NUTMM_SUCCESS;
}

/* ---- queries -------------------------------------------------------------- */

size_t nutmm_flux_ncomponents(const nutmm_flux *f) { return f ? f->n : 0; }

#define CHECK_INDEX(f, i)                                                                          \
  do {                                                                                             \
    NUTMM_CHECK_PTR(f);                                                                            \
    if ((i) >= (f)->n)                                                                             \
      NUTMM_FAIL(NUTMM_EBADLEN, "component %zu out of range (%zu components)", (i), (f)->n);       \
  } while (0)

static double support_min(const component *c)
{
  return c->kind == KIND_TABLE ? c->E[0] : c->kind == KIND_LINE ? c->E_line : 0.0;
}

static double support_max(const component *c)
{
  return c->kind == KIND_TABLE ? c->E[c->n - 1] : c->kind == KIND_LINE ? c->E_line : c->E_max;
}

int nutmm_flux_component(const nutmm_flux *f, size_t i, nutmm_flux_info *info)
{
  CHECK_INDEX(f, i);
  NUTMM_CHECK_PTR(info);
  const component *c = &f->c[i];
  info->species = c->species;
  info->mass_state = c->mass_state;
  info->is_line = c->kind == KIND_LINE;
  info->E_min = support_min(c);
  info->E_max = support_max(c);
  info->total = c->total;
  info->label = c->label;
  return NUTMM_SUCCESS;
}

static int matches(const component *c, int species, int mass_state)
{
  return (species == NUTMM_FLUX_ANY || (int)c->species == species) &&
         (mass_state == NUTMM_FLUX_ANY || c->mass_state == mass_state);
}

int nutmm_flux_find(const nutmm_flux *f, const char *label, int species, int mass_state, size_t *i)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_PTR(label);
  NUTMM_CHECK_PTR(i);
  for (size_t j = 0; j < f->n; j++)
    if (matches(&f->c[j], species, mass_state) && strcmp(f->c[j].label, label) == 0) {
      *i = j;
      return NUTMM_SUCCESS;
    }
  NUTMM_FAIL(NUTMM_ENOTFOUND, "no component '%s' with species %d and mass state %d", label, species,
             mass_state);
}

/* Largest j with E[j] <= x, for E[0] <= x < E[n-1]. */
static size_t locate(const double *E, size_t n, double x)
{
  size_t lo = 0, hi = n - 1; /* E[lo] <= x < E[hi] */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (E[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

static double eval_one(const component *c, double E)
{
  switch (c->kind) {
  case KIND_TABLE: {
    if (E < c->E[0] || E > c->E[c->n - 1])
      return 0.0;
    if (E == c->E[c->n - 1])
      return c->f[c->n - 1];
    size_t j = locate(c->E, c->n, E);
    double t = (E - c->E[j]) / (c->E[j + 1] - c->E[j]);
    return c->f[j] + t * (c->f[j + 1] - c->f[j]);
  }
  case KIND_MICHEL:
    return E <= c->E_max ? c->norm * E * E * (c->A + c->B * (c->E_max - E)) : 0.0;
  case KIND_LINE:
    break;
  }
  return 0.0;
}

int nutmm_flux_eval_e(const nutmm_flux *f, size_t i, double E, double *dphi)
{
  CHECK_INDEX(f, i);
  NUTMM_CHECK_PTR(dphi);
  NUTMM_CHECK_NONNEG(E);
  *dphi = eval_one(&f->c[i], E);
  return NUTMM_SUCCESS;
}

double nutmm_flux_eval(const nutmm_flux *f, size_t i, double E)
{
  double v;
  if (nutmm_flux_eval_e(f, i, E, &v) != NUTMM_SUCCESS) {
    nutmm_error_chain(NUTMM_FAILURE, __func__);
    return NAN;
  }
  return v;
}

int nutmm_flux_eval_species(const nutmm_flux *f, int species, int mass_state, double E,
                            double *dphi)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_PTR(dphi);
  NUTMM_CHECK_NONNEG(E);
  double s = 0.0;
  for (size_t j = 0; j < f->n; j++)
    if (matches(&f->c[j], species, mass_state))
      s += eval_one(&f->c[j], E);
  *dphi = s;
  return NUTMM_SUCCESS;
}

int nutmm_flux_total(const nutmm_flux *f, size_t i, double *phi)
{
  CHECK_INDEX(f, i);
  NUTMM_CHECK_PTR(phi);
  *phi = f->c[i].total;
  return NUTMM_SUCCESS;
}

int nutmm_flux_total_species(const nutmm_flux *f, int species, int mass_state, double *phi)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_PTR(phi);
  double s = 0.0;
  for (size_t j = 0; j < f->n; j++)
    if (matches(&f->c[j], species, mass_state))
      s += f->c[j].total;
  *phi = s;
  return NUTMM_SUCCESS;
}

int nutmm_flux_endpoint(const nutmm_flux *f, double *E_max)
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_PTR(E_max);
  double m = 0.0;
  for (size_t j = 0; j < f->n; j++)
    m = fmax(m, support_max(&f->c[j]));
  *E_max = m;
  return NUTMM_SUCCESS;
}

/* Moments of norm E^2 (A + B u) over [a, b], u = b - E, in closed form:
 * E^(2-k) = sum_i C(2-k, i) b^(2-k-i) (-u)^i, so the integrand is a polynomial
 * in u integrated over [0, b - a] term by term.  No cancellation between the
 * end points when a is close to b, and an exact zero at b when A = 0. */
static void michel_moments(const component *c, double a, double mom[3])
{
  const double b = c->E_max, w = b - a, A = c->A, B = c->B;
  const double w2 = w * w, w3 = w2 * w, w4 = w3 * w;
  /* E^m (A + B u) = sum_i q_i u^i with E^m = sum_i C(m, i) b^(m-i) (-u)^i; then
   * int_0^w u^i du = w^(i+1)/(i+1).  Written out for m = 2, 1, 0 (no pow(), no loops). */
  const double bb = b * b, b2 = -(2.0 * b);
  /* k = 0, m = 2: e = (b^2, -2b, 1) */
  const double q00 = A * bb, q01 = B * bb + A * b2, q02 = B * b2 + A, q03 = B;
  mom[0] = c->norm * (q00 * w + q01 * w2 / 2 + q02 * w3 / 3 + q03 * w4 / 4);
  /* k = 1, m = 1: e = (b, -1) */
  const double q10 = A * b, q11 = B * b + -A, q12 = -B;
  mom[1] = c->norm * (q10 * w + q11 * w2 / 2 + q12 * w3 / 3);
  /* k = 2, m = 0: e = (1) */
  mom[2] = c->norm * (A * w + B * w2 / 2);
}

static void moments_one(const component *c, double E_lo, double mom[3])
{
  mom[0] = mom[1] = mom[2] = 0.0;
  switch (c->kind) {
  case KIND_LINE:
    if (c->E_line >= E_lo) {
      mom[0] = c->phi;
      mom[1] = c->phi / c->E_line;
      mom[2] = c->phi / (c->E_line * c->E_line);
    }
    return;
  case KIND_MICHEL:
    if (E_lo < c->E_max)
      michel_moments(c, E_lo, mom);
    return;
  case KIND_TABLE: {
    const size_t n = c->n;
    if (E_lo >= c->E[n - 1])
      return;
    if (E_lo <= c->E[0]) {
      for (int k = 0; k < 3; k++)
        mom[k] = c->tail[k][0];
      return;
    }
    size_t j = locate(c->E, n, E_lo);
    double t = (E_lo - c->E[j]) / (c->E[j + 1] - c->E[j]);
    double f_lo = c->f[j] + t * (c->f[j + 1] - c->f[j]);
    double s[3];
    segment(E_lo, c->E[j + 1], f_lo, c->f[j + 1], s);
    for (int k = 0; k < 3; k++)
      mom[k] = s[k] + c->tail[k][j + 1];
    return;
  }
  }
}

/* Largest j with E[j] <= x for E[0] <= x < E[n-1], searched from the guess j0 (< n - 1)
 * by doubling steps: O(1) when successive queries are close, O(log n) at worst. */
static size_t locate_from(const double *E, size_t n, double x, size_t j0)
{
  size_t lo, hi; /* E[lo] <= x < E[hi] once bracketed */
  if (E[j0] <= x) {
    lo = j0;
    size_t step = 1;
    hi = lo + 1;
    while (hi < n - 1 && E[hi] <= x) {
      lo = hi;
      step *= 2;
      hi = lo + step < n - 1 ? lo + step : n - 1;
    }
  } else {
    hi = j0;
    size_t step = 1;
    lo = hi - 1;
    while (lo > 0 && E[lo] > x) {
      hi = lo;
      step *= 2;
      lo = hi > step ? hi - step : 0;
    }
  }
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (E[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

void nutmm_flux_tables_regrid_(const nutmm_flux_tview_ *v, size_t nv, const double *U,
                               size_t nU, double *const *f, double *const *tail)
{
  const size_t n = v[0].n;
  const double *E = v[0].E;
  size_t i = 0; /* E[i] <= U[j] < E[i + 1] inside the support */
  for (size_t j = 0; j < nU; j++) {
    const double u = U[j];
    if (u < E[0] || u > E[n - 1]) { /* outside the support: nothing there, all above or none */
      for (size_t q = 0; q < nv; q++) {
        f[q][j] = 0.0;
        for (int k = 0; k < 3; k++)
          tail[3 * q + k][j] = u < E[0] ? v[q].tail[k][0] : 0.0;
      }
      continue;
    }
    while (i + 1 < n - 1 && E[i + 1] <= u)
      i++;
    if (u == E[i] || u == E[n - 1]) { /* one of the tables' nodes: their own numbers */
      const size_t m = u == E[i] ? i : n - 1;
      for (size_t q = 0; q < nv; q++) {
        f[q][j] = v[q].f[m];
        for (int k = 0; k < 3; k++)
          tail[3 * q + k][j] = v[q].tail[k][m];
      }
      continue;
    }
    /* inside segment i: segment(u, E[i+1], ...) of moments_one() at E_lo = u, its geometry
     * (x, log1p, g1, g2: the same operations) shared by the tables */
    const double t = (u - E[i]) / (E[i + 1] - E[i]), bnd = E[i + 1], h = bnd - u, x = h / u;
    const double l1 = log1p(x), g1x = x < 1e-2 ? g1(x) : x - l1,
                 g2x = x < 1e-2 ? g2(x) : l1 - x / (1.0 + x);
    for (size_t q = 0; q < nv; q++) {
      const double fa = v[q].f[i] + t * (v[q].f[i + 1] - v[q].f[i]), fb = v[q].f[i + 1];
      const double beta = (fb - fa) / h;
      f[q][j] = fa;
      tail[3 * q][j] = 0.5 * h * (fa + fb) + v[q].tail[0][i + 1];
      tail[3 * q + 1][j] = fa * l1 + beta * u * g1x + v[q].tail[1][i + 1];
      tail[3 * q + 2][j] = fa * x / bnd + beta * g2x + v[q].tail[2][i + 1];
    }
  }
}

void nutmm_flux_table_regrid_(const nutmm_flux_tview_ *v, const double *U, size_t nU, double *f,
                              double *tail[3])
{
  double *const fo[1] = {f};
  double *const to[3] = {tail[0], tail[1], tail[2]};
  nutmm_flux_tables_regrid_(v, 1, U, nU, fo, to);
}

void nutmm_flux_locus_init_(nutmm_flux_locus_ *L)
{
  L->E_lo = NAN;
  L->j = 0;
  L->where = 0;
  L->t = L->x = L->l1 = L->g1 = L->g2 = 0.0;
}

int nutmm_flux_same_grid_(const nutmm_flux *f, size_t i, size_t k)
{
  const component *a = &f->c[i], *b = &f->c[k];
  return a->kind == KIND_TABLE && b->kind == KIND_TABLE && a->n == b->n &&
         memcmp(a->E, b->E, a->n * sizeof *a->E) == 0;
}

int nutmm_flux_table_view_(const nutmm_flux *f, size_t i, nutmm_flux_tview_ *v)
{
  const component *c = &f->c[i];
  if (c->kind != KIND_TABLE)
    return 0;
  v->n = c->n;
  v->E = c->E;
  v->f = c->f;
  for (int k = 0; k < 3; k++)
    v->tail[k] = c->tail[k];
  return 1;
}

void nutmm_flux_locus_move_(const nutmm_flux_tview_ *v, double E_lo, nutmm_flux_locus_ *L)
{
  if (L->E_lo == E_lo)
    return;
  const size_t n = v->n;
  const double *E = v->E;
  L->E_lo = E_lo;
  if (E_lo >= E[n - 1]) {
    L->where = NUTMM_LOCUS_ABOVE_;
  } else if (E_lo <= E[0]) {
    L->where = NUTMM_LOCUS_BELOW_;
  } else {
    size_t j = locate_from(E, n, E_lo, L->j < n - 1 ? L->j : 0);
    L->where = NUTMM_LOCUS_INSIDE_;
    L->j = j;
    L->t = (E_lo - E[j]) / (E[j + 1] - E[j]);
    L->x = (E[j + 1] - E_lo) / E_lo;
    L->l1 = log1p(L->x);
    /* g1, g2 as their functions compute them, with the one log1p */
    L->g1 = L->x < 1e-2 ? g1(L->x) : L->x - L->l1;
    L->g2 = L->x < 1e-2 ? g2(L->x) : L->l1 - L->x / (1.0 + L->x);
  }
}

/* The table part of moments_one with the search and the logarithms of segment() kept in L
 * for the next component on the same nodes: the same operations, hence the same numbers. */
static void table_moments_at(const component *c, double E_lo, nutmm_flux_locus_ *L,
                             double mom[3])
{
  const nutmm_flux_tview_ v = {c->n, c->E, c->f, {c->tail[0], c->tail[1], c->tail[2]}};
  nutmm_flux_locus_move_(&v, E_lo, L);
  nutmm_flux_table_moments_(&v, L, mom);
}

void nutmm_flux_moments_fast_(const nutmm_flux *f, size_t i, double E_lo, nutmm_flux_locus_ *L,
                              double mom[3])
{
  const component *c = &f->c[i];
  if (c->kind == KIND_TABLE && L)
    table_moments_at(c, E_lo, L, mom);
  else
    moments_one(c, E_lo, mom);
}

static int check_moments(const char *func, const nutmm_flux *f, size_t i, const double mom[3])
{
  if (isfinite(mom[1]) && isfinite(mom[2]))
    return NUTMM_SUCCESS;
  return nutmm_error_set(NUTMM_ERANGE, func,
                         "component %zu ('%s'): E^-1 or E^-2 moment diverges at E_lo = 0 "
                         "(dPhi/dE does not vanish at E = 0)",
                         i, f->c[i].label);
}

int nutmm_flux_moments(const nutmm_flux *f, size_t i, double E_lo, double mom[3])
{
  CHECK_INDEX(f, i);
  NUTMM_CHECK_PTR(mom);
  NUTMM_CHECK_NONNEG(E_lo);
  moments_one(&f->c[i], E_lo, mom);
  return check_moments(__func__, f, i, mom);
}

int nutmm_flux_moments_species(const nutmm_flux *f, int species, int mass_state, double E_lo,
                               double mom[3])
{
  NUTMM_CHECK_PTR(f);
  NUTMM_CHECK_PTR(mom);
  NUTMM_CHECK_NONNEG(E_lo);
  mom[0] = mom[1] = mom[2] = 0.0;
  int st = NUTMM_SUCCESS;
  for (size_t j = 0; j < f->n; j++) {
    if (!matches(&f->c[j], species, mass_state))
      continue;
    double m[3];
    moments_one(&f->c[j], E_lo, m);
    for (int k = 0; k < 3; k++)
      mom[k] += m[k];
    if (st == NUTMM_SUCCESS)
      st = check_moments(__func__, f, j, m);
  }
  return st;
}

/* ---- geometry and decay helpers --------------------------------------------- */

int nutmm_flux_point_source_e(double rate, double L, double *phi)
{
  NUTMM_CHECK_PTR(phi);
  NUTMM_CHECK_NONNEG(rate);
  NUTMM_CHECK_POSITIVE(L);
  *phi = rate / (4.0 * NUTMM_PI * L * L); /* physics manual phys-flux-cr51 */
  NUTMM_CHECK_RESULT(*phi, "rate = %g s^-1, L = %g cm", rate, L);
  return NUTMM_SUCCESS;
}

double nutmm_flux_point_source(double rate, double L)
{
  double v;
  if (nutmm_flux_point_source_e(rate, L, &v) != NUTMM_SUCCESS) {
    nutmm_error_chain(NUTMM_FAILURE, __func__);
    return NAN;
  }
  return v;
}

/* ln(1 + R^2/u^2), the integrand of the cylinder average after the rho integral. */
static double cyl_integrand(double u, void *p)
{
  const double R = *(const double *)p;
  return log1p((R / u) * (R / u));
}

int nutmm_flux_cylinder_average_e(double rate, double L, double R, double H, double *phi)
{
  NUTMM_CHECK_PTR(phi);
  NUTMM_CHECK_NONNEG(rate);
  NUTMM_CHECK_NONNEG(L);
  NUTMM_CHECK_POSITIVE(R);
  NUTMM_CHECK_POSITIVE(H);
  /* <1/(4 pi r^2)> = (1/(pi R^2 H)) int_0^H dz int_0^R 2 pi rho drho / (4 pi (rho^2 + (L+z)^2))
   * = (1/(4 pi R^2 H)) int_L^{L+H} ln(1 + R^2/u^2) du (cr51/README.md, whose last
   * line lacks the 1/pi) with
   * primitive F(u) = u ln(1 + R^2/u^2) + 2 R atan(u/R).  The arctangents are
   * subtracted as atan(a) - atan(b) = atan((a - b)/(1 + a b)) (a, b >= 0).  The
   * u ln(...) terms lose ~L/H digits to cancellation: for a thin, distant slab
   * (H < 1e-3 L) the smooth integral is done by quadrature instead. */
  double integral;
  if (H < 1e-3 * L) {
    gsl_function F = {cyl_integrand, &R};
    double err;
    NUTMM_TRY(nutmm_quad(&F, L, L + H, 0.0, 1e-12, &integral, &err));
  } else {
    const double u1 = L + H;
    const double log_part =
        u1 * log1p((R / u1) * (R / u1)) - (L > 0.0 ? L * log1p((R / L) * (R / L)) : 0.0);
    integral = log_part + 2.0 * R * atan(H * R / (R * R + L * u1));
  }
  *phi = rate * integral / (4.0 * NUTMM_PI * R * R * H);
  NUTMM_CHECK_RESULT(*phi, "rate = %g s^-1, L = %g cm, R = %g cm, H = %g cm", rate, L, R, H);
  return NUTMM_SUCCESS;
}

double nutmm_flux_cylinder_average(double rate, double L, double R, double H)
{
  double v;
  if (nutmm_flux_cylinder_average_e(rate, L, R, H, &v) != NUTMM_SUCCESS) {
    nutmm_error_chain(NUTMM_FAILURE, __func__);
    return NAN;
  }
  return v;
}

int nutmm_flux_decays_e(double A0, double t_half, double t_start, double duration, double *N)
{
  NUTMM_CHECK_PTR(N);
  NUTMM_CHECK_NONNEG(A0);
  NUTMM_CHECK_POSITIVE(t_half);
  NUTMM_CHECK_NONNEG(t_start);
  NUTMM_CHECK_NONNEG(duration);
  /* physics manual phys-flux-cr51: int_{t0}^{t0+t} A0 2^{-t'/t_half} dt'
   *   = A0 t_half/ln2 2^{-t0/t_half} (1 - 2^{-t/t_half}); expm1 keeps short exposures exact. */
  const double tau = t_half / NUTMM_LN2;
  *N = A0 * tau * exp(-t_start / tau) * (-expm1(-duration / tau));
  NUTMM_CHECK_RESULT(*N, "A0 = %g s^-1, t_half = %g s, t_start = %g s, duration = %g s", A0,
                     t_half, t_start, duration);
  return NUTMM_SUCCESS;
}

double nutmm_flux_decays(double A0, double t_half, double t_start, double duration)
{
  double v;
  if (nutmm_flux_decays_e(A0, t_half, t_start, duration, &v) != NUTMM_SUCCESS) {
    nutmm_error_chain(NUTMM_FAILURE, __func__);
    return NAN;
  }
  return v;
}
