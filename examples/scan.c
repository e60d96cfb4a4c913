/* nutmm-scan: see scan.h.  Work is split into chunks of consecutive points whose layout
 * depends only on the description, so that the output does not depend on how many ranks or
 * threads computed it.  Ranks take chunks from a shared counter (dynamic balancing: an MPI
 * one-sided fetch-and-add on rank 0), write each finished chunk to OUT.parts/ atomically
 * (checkpoint), and rank 0 joins the parts into OUT when all are there (a restarted run skips
 * the chunks already written).  The spectra of one m4 are the linear templates of
 * nutmm_analysis_basis: computed once per m4, reused for every coupling at that m4. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef NUTMM_HAVE_MPI
#include <mpi.h>
#endif
#ifdef _OPENMP
#include <omp.h>
#endif

#include "nutmm/experiments.h"
#include "scan.h"

#define MAX_AXES 12
#define LINE_MAX_LEN 4096

static const char *const param_names[MAX_AXES] = {
    "lambda12", "lambda13", "lambda14", "lambda23", "lambda24", "lambda34",
    "phase12",  "phase13",  "phase14",  "phase23",  "phase24",  "phase34"};
static const int pair_i[6] = {1, 1, 1, 2, 2, 3}, pair_j[6] = {2, 3, 4, 3, 4, 4};

typedef struct {
  int param;     /* index into param_names */
  int rel;       /* -1, or the modulus this one is a multiple of (values are ratios) */
  double *v;
  size_t n;
} axis;

typedef struct {
  char experiments[LINE_MAX_LEN];
  int allow_excess, interference;
  nutmm_mixing_params mix;
  double *m4;
  size_t n_m4;
  axis ax[MAX_AXES];
  size_t nax;
  double *pts; /* point list: npts rows of 1 + nax values (m4 first) */
  size_t npts;
  size_t chunk;
  size_t npoints, ncoup; /* all points; couplings per m4 (grid) */
  char *canon;           /* the statements as read, for the resume check */
  size_t canon_len;
} desc;

static int rank = 0, nranks = 1, use_mpi = 0;

static void axis_column(const desc *d, size_t a, char *buf, size_t n);

/* Started by an MPI launcher (mpirun, srun, mpiexec)?  Their environment says so; a plain
 * command line runs serially without initialising MPI at all (no start-up cost, and the
 * library's memory is all the program's own).  NUTMM_SCAN_MPI=1 forces MPI (a singleton). */
static int launched_by_mpi(void)
{
  const char *force = getenv("NUTMM_SCAN_MPI");
  if (force)
    return strcmp(force, "0") != 0;
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK") ||
         getenv("PMI_SIZE");
}

static void note(const char *fmt, const char *a)
{
  if (rank == 0)
    fprintf(stderr, fmt, a);
}

static int fail(const char *what, const char *why)
{
  fprintf(stderr, "nutmm-scan: %s: %s\n", what, why);
  return 2;
}

/* ---- the description ---------------------------------------------------------------- */

static int find_param(const char *name)
{
  for (int k = 0; k < MAX_AXES; k++)
    if (strcmp(name, param_names[k]) == 0)
      return k;
  return -1;
}

static int parse_double(const char *s, double *x)
{
  char *end;
  errno = 0;
  *x = strtod(s, &end);
  return end == s || *end || errno == ERANGE || !isfinite(*x) ? -1 : 0;
}

/* "log LO HI N" | "lin LO HI N" | "list V..." from tokens tok[0..nt-1] */
static int parse_values(char **tok, int nt, int positive_log, double **v, size_t *n)
{
  if (nt >= 1 && strcmp(tok[0], "list") == 0) {
    if (nt < 2)
      return -1;
    *v = malloc((size_t)(nt - 1) * sizeof **v);
    for (int k = 1; k < nt; k++)
      if (parse_double(tok[k], &(*v)[k - 1]))
        return -1;
    *n = (size_t)nt - 1;
    return 0;
  }
  double lo, hi, nn;
  if (nt != 4 || parse_double(tok[1], &lo) || parse_double(tok[2], &hi) ||
      parse_double(tok[3], &nn) || nn < 1 || nn != floor(nn) || nn > 1e9 || hi < lo)
    return -1;
  const size_t N = (size_t)nn;
  *v = malloc(N * sizeof **v);
  if (strcmp(tok[0], "log") == 0 || strcmp(tok[0], "log0") == 0) {
    const size_t z = tok[0][3] == '0'; /* log0: the value 0, then the log grid */
    if (!(lo > 0.0) && positive_log)
      return -1;
    *v = realloc(*v, (N + z) * sizeof **v);
    (*v)[0] = 0.0;
    if (nutmm_scan_grid_log(lo, hi, N, *v + z))
      return -1;
    *n = N + z;
    return 0;
  } else if (strcmp(tok[0], "lin") == 0) {
    for (size_t k = 0; k < N; k++)
      (*v)[k] = N == 1 ? lo : (k + 1 == N ? hi : lo + (hi - lo) * (double)k / (double)(N - 1));
  } else {
    return -1;
  }
  *n = N;
  return 0;
}

static int set_mixing(nutmm_mixing_params *p, const char *name, double v)
{
  struct {
    const char *n;
    double *x;
  } f[] = {{"theta12", &p->theta12}, {"theta13", &p->theta13}, {"theta23", &p->theta23},
           {"theta14", &p->theta14}, {"theta24", &p->theta24}, {"theta34", &p->theta34},
           {"delta13", &p->delta13}, {"delta14", &p->delta14}, {"delta24", &p->delta24},
           {"dm21", &p->dm21},       {"dm31", &p->dm31}};
  for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
    if (strcmp(name, f[k].n) == 0) {
      *f[k].x = v;
      return 0;
    }
  return -1;
}

static int read_points(desc *d, const char *file)
{
  FILE *f = fopen(file, "r");
  if (!f)
    return fail(file, strerror(errno));
  char line[LINE_MAX_LEN];
  int header = 0, st = 0;
  size_t cap = 0;
  while (!st && fgets(line, sizeof line, f)) {
    char *tok[MAX_AXES + 2], *save = NULL;
    int nt = 0;
    for (char *t = strtok_r(line, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save)) {
      if (nt == MAX_AXES + 1) {
        st = fail(file, "too many columns");
        break;
      }
      tok[nt++] = t;
    }
    if (st || nt == 0 || tok[0][0] == '#')
      continue;
    if (!header) {
      if (strcmp(tok[0], "m4_MeV") != 0) {
        st = fail(file, "the header must start with m4_MeV");
        break;
      }
      for (int k = 1; k < nt; k++) {
        const int p = find_param(tok[k]);
        if (p < 0) {
          st = fail(tok[k], "not a parameter name");
          break;
        }
        d->ax[d->nax++] = (axis){p, -1, NULL, 0};
      }
      header = 1;
      continue;
    }
    if ((size_t)nt != d->nax + 1) {
      st = fail(file, "a row has the wrong number of columns");
      break;
    }
    if (d->npts == cap) {
      cap = cap ? 2 * cap : 256;
      double *grown = realloc(d->pts, cap * (d->nax + 1) * sizeof *d->pts);
      if (!grown) {
        st = fail(file, "out of memory");
        break;
      }
      d->pts = grown;
    }
    for (int k = 0; k < nt; k++)
      if (parse_double(tok[k], &d->pts[d->npts * (d->nax + 1) + (size_t)k])) {
        st = fail(tok[k], "not a finite number");
        break;
      }
    d->npts++;
  }
  fclose(f);
  if (!st && d->npts == 0)
    st = fail(file, "no points");
  return st;
}

static int read_desc(const char *file, desc *d)
{
  memset(d, 0, sizeof *d);
  nutmm_mixing_params_default(&d->mix);
  d->interference = 1;
  d->chunk = 2048;
  FILE *f = fopen(file, "r");
  if (!f)
    return fail(file, strerror(errno));
  char line[LINE_MAX_LEN], points_file[LINE_MAX_LEN] = "";
  int st = 0;
  while (!st && fgets(line, sizeof line, f)) {
    char *hash = strchr(line, '#');
    if (hash)
      *hash = '\0';
    char copy[LINE_MAX_LEN];
    snprintf(copy, sizeof copy, "%s", line);
    char *tok[256], *save = NULL;
    int nt = 0;
    for (char *t = strtok_r(line, " \t\r\n", &save); t && nt < 256; t = strtok_r(NULL, " \t\r\n", &save))
      tok[nt++] = t;
    if (nt == 0)
      continue;
    /* the canonical text: the statements' words, one statement a line */
    for (int k = 0; k < nt; k++) {
      const size_t l = strlen(tok[k]);
      char *grown = realloc(d->canon, d->canon_len + l + 2);
      if (!grown) {
        st = fail(file, "out of memory");
        break;
      }
      d->canon = grown;
      memcpy(d->canon + d->canon_len, tok[k], l);
      d->canon_len += l;
      d->canon[d->canon_len++] = k + 1 < nt ? ' ' : '\n';
    }
    if (st)
      break;
    double x;
    if (strcmp(tok[0], "experiments") == 0 && nt >= 2) {
      d->experiments[0] = '\0';
      for (int k = 1; k < nt; k++) {
        strncat(d->experiments, tok[k], sizeof d->experiments - strlen(d->experiments) - 2);
        strcat(d->experiments, " ");
      }
    } else if (strcmp(tok[0], "allow-excess") == 0 && nt == 2 && !parse_double(tok[1], &x)) {
      d->allow_excess = x != 0.0;
    } else if (strcmp(tok[0], "interference") == 0 && nt == 2 && !parse_double(tok[1], &x)) {
      d->interference = x != 0.0;
    } else if (strcmp(tok[0], "mixing") == 0 && nt == 3) {
      if (parse_double(tok[2], &x) || set_mixing(&d->mix, tok[1], x))
        st = fail(copy, "expected: mixing NAME VALUE (theta12..theta34, delta13/14/24, dm21, dm31)");
    } else if (strcmp(tok[0], "m4") == 0) {
      free(d->m4);
      d->m4 = NULL;
      if (parse_values(tok + 1, nt - 1, 1, &d->m4, &d->n_m4))
        st = fail(copy, "expected: m4 log|lin LO HI N, or m4 list V...");
      for (size_t k = 0; !st && k < d->n_m4; k++)
        if (d->m4[k] < 0.0)
          st = fail(copy, "m4 must be >= 0");
    } else if (strcmp(tok[0], "param") == 0 && nt >= 3) {
      const int p = find_param(tok[1]);
      if (p < 0) {
        st = fail(tok[1], "not a parameter (lambda12 .. lambda34, phase12 .. phase34)");
        break;
      }
      for (size_t k = 0; k < d->nax; k++)
        if (d->ax[k].param == p)
          st = fail(tok[1], "given twice");
      if (st || d->nax == MAX_AXES)
        break;
      axis *a = &d->ax[d->nax++];
      a->param = p;
      a->rel = -1;
      int first = 2;
      if (nt >= 5 && strcmp(tok[2], "rel") == 0) { /* param lambda24 rel lambda14 list 0 1 2 */
        a->rel = find_param(tok[3]);
        if (p >= 6 || a->rel < 0 || a->rel >= 6 || a->rel == p) {
          st = fail(copy, "rel: a modulus as a multiple of another modulus");
          break;
        }
        first = 4;
      }
      if (parse_values(tok + first, nt - first, 1, &a->v, &a->n))
        st = fail(copy, "expected: param NAME log|lin LO HI N, or param NAME list V...");
      for (size_t k = 0; !st && p < 6 && k < a->n; k++)
        if (a->v[k] < 0.0)
          st = fail(copy, "a modulus must be >= 0");
    } else if (strcmp(tok[0], "points") == 0 && nt == 2) {
      snprintf(points_file, sizeof points_file, "%s", tok[1]);
    } else if (strcmp(tok[0], "chunk") == 0 && nt == 2 && !parse_double(tok[1], &x) && x >= 1 &&
               x <= 1e7) {
      d->chunk = (size_t)x;
    } else {
      st = fail(copy, "not a statement of a scan description (see nutmm-scan --help)");
    }
  }
  fclose(f);
  if (st)
    return st;
  if (!d->experiments[0])
    return fail(file, "no 'experiments' statement");
  if (points_file[0]) {
    if (d->n_m4 || d->nax)
      return fail(file, "'points' replaces the m4 and param grids: give one or the other");
    if ((st = read_points(d, points_file)))
      return st;
    d->npoints = d->npts;
    /* the resume check must see the points, not only the file's name: their FNV-1a hash */
    uint64_t h = 14695981039346656037u;
    const unsigned char *b = (const unsigned char *)d->pts;
    for (size_t i = 0; i < d->npts * (d->nax + 1) * sizeof *d->pts; i++)
      h = (h ^ b[i]) * 1099511628211u;
    char line2[64];
    const int l = snprintf(line2, sizeof line2, "points-hash %016llx %zu\n", (unsigned long long)h,
                           d->npts);
    char *grown = realloc(d->canon, d->canon_len + (size_t)l + 1);
    if (!grown)
      return fail(file, "out of memory");
    d->canon = grown;
    memcpy(d->canon + d->canon_len, line2, (size_t)l);
    d->canon_len += (size_t)l;
    return 0;
  }
  if (!d->n_m4)
    return fail(file, "no 'm4' statement");
  for (size_t k = 0; k < d->nax; k++) {
    int found = d->ax[k].rel < 0;
    for (size_t j = 0; j < d->nax && !found; j++)
      found = d->ax[j].param == d->ax[k].rel && d->ax[j].rel < 0;
    if (!found)
      return fail(param_names[d->ax[k].param], "rel: the reference modulus must be an axis of "
                                               "its own (not itself relative)");
  }
  d->ncoup = 1;
  for (size_t k = 0; k < d->nax; k++) {
    if (d->ax[k].n > (size_t)1e12 / d->ncoup)
      return fail(file, "too many points");
    d->ncoup *= d->ax[k].n;
  }
  if (d->ncoup > (size_t)1e12 / d->n_m4)
    return fail(file, "too many points");
  d->npoints = d->n_m4 * d->ncoup;
  return 0;
}

/* m4 and the axis values of point p */
static void point(const desc *d, size_t p, double *m4, double *val)
{
  if (d->pts) {
    const double *r = d->pts + p * (d->nax + 1);
    *m4 = r[0];
    memcpy(val, r + 1, d->nax * sizeof *val);
    return;
  }
  *m4 = d->m4[p / d->ncoup];
  size_t q = p % d->ncoup;
  for (size_t k = d->nax; k-- > 0;) {
    val[k] = d->ax[k].v[q % d->ax[k].n];
    q /= d->ax[k].n;
  }
}

static int coupling_of(const desc *d, const double *val, nutmm_coupling *c)
{
  double mod[6] = {0}, ph[6] = {0};
  for (size_t k = 0; k < d->nax; k++) {
    const int p = d->ax[k].param;
    if (p < 6)
      mod[p] = val[k];
    else
      ph[p - 6] = val[k];
  }
  for (size_t k = 0; k < d->nax; k++) /* ratios times their reference modulus */
    if (d->ax[k].rel >= 0)
      mod[d->ax[k].param] = val[k] * mod[d->ax[k].rel];
  nutmm_coupling_init(c);
  c->mix = d->mix;
  for (int q = 0; q < 6; q++)
    if (nutmm_coupling_set_tmm(c, pair_i[q], pair_j[q], mod[q], ph[q]))
      return -1;
  return 0;
}

/* The grid point with the same coupling as point p: the phase of a modulus that is zero
 * (unscanned, zero, or a ratio to a zero modulus) changes nothing, so its axis is set to its
 * first value.  p itself when no phase is free; always <= p (same m4, smaller axis indices).
 * Couplings equal value for value give chi^2 equal bit for bit: computed once, copied. */
static size_t canonical_point(const desc *d, size_t p)
{
  if (d->pts)
    return p;
  size_t idx[MAX_AXES], q = p % d->ncoup;
  for (size_t k = d->nax; k-- > 0;) {
    idx[k] = q % d->ax[k].n;
    q /= d->ax[k].n;
  }
  double mod[6] = {0};
  for (size_t k = 0; k < d->nax; k++)
    if (d->ax[k].param < 6 && d->ax[k].rel < 0)
      mod[d->ax[k].param] = d->ax[k].v[idx[k]];
  for (size_t k = 0; k < d->nax; k++)
    if (d->ax[k].rel >= 0)
      mod[d->ax[k].param] = d->ax[k].v[idx[k]] * mod[d->ax[k].rel];
  int moved = 0;
  for (size_t k = 0; k < d->nax; k++)
    if (d->ax[k].param >= 6 && mod[d->ax[k].param - 6] == 0.0 && idx[k] != 0) {
      idx[k] = 0;
      moved = 1;
    }
  if (!moved)
    return p;
  size_t c = 0;
  for (size_t k = 0; k < d->nax; k++)
    c = c * d->ax[k].n + idx[k];
  return p - p % d->ncoup + c;
}

/* ---- evaluation ----------------------------------------------------------------------- */

typedef struct {
  nutmm_analysis *an[NUTMM_COMBINATION_MAX];
  size_t n_an;
  double *sm[NUTMM_COMBINATION_MAX];    /* SM part per analysis */
  double *t0[NUTMM_COMBINATION_MAX];    /* massless dipole templates (light final states) */
  double *t4[NUTMM_COMBINATION_MAX];    /* dipole and interference templates at m4_cached */
  double m4_cached;
  int have_cached;
  unsigned nthreads;
  nutmm_analysis_workspace **ws;        /* [nthreads][n_an] */
  double **sig;                         /* [nthreads]: 2 x largest nbins */
} engine;

static size_t nbins_of(const engine *g, size_t e) { return nutmm_analysis_nbins(g->an[e]); }

static int engine_init(engine *g, const desc *d, unsigned nthreads)
{
  memset(g, 0, sizeof *g);
  if (nutmm_combination_build(d->experiments, d->allow_excess, &d->mix, d->interference, g->an,
                              &g->n_an))
    return fail(d->experiments, nutmm_error_reason());
  g->nthreads = nthreads ? nthreads : 1;
  g->ws = calloc(g->nthreads * g->n_an, sizeof *g->ws);
  g->sig = calloc(g->nthreads, sizeof *g->sig);
  size_t nbmax = 1;
  for (size_t e = 0; e < g->n_an; e++)
    nbmax = nbins_of(g, e) > nbmax ? nbins_of(g, e) : nbmax;
  for (unsigned t = 0; t < g->nthreads; t++) {
    g->sig[t] = malloc(2 * nbmax * sizeof(double));
    for (size_t e = 0; e < g->n_an; e++)
      if (nutmm_analysis_workspace_alloc(g->an[e], &g->ws[t * g->n_an + e]))
        return fail(nutmm_analysis_name(g->an[e]), nutmm_error_reason());
  }
  for (size_t e = 0; e < g->n_an; e++) {
    const size_t n = NUTMM_ANALYSIS_NSLOTS * nbins_of(g, e);
    g->sm[e] = malloc(nbins_of(g, e) * sizeof(double));
    g->t0[e] = malloc(n * sizeof(double));
    g->t4[e] = malloc(2 * n * sizeof(double));
    if (nutmm_analysis_sm(g->an[e], g->sm[e]) ||
        nutmm_analysis_basis(g->an[e], g->ws[e], 0.0, g->t0[e], NULL))
      return fail(nutmm_analysis_name(g->an[e]), nutmm_error_reason());
  }
  return 0;
}

static void engine_free(engine *g)
{
  for (size_t e = 0; e < g->n_an; e++) {
    for (unsigned t = 0; t < g->nthreads && g->ws; t++)
      nutmm_analysis_workspace_free(g->ws[t * g->n_an + e]);
    nutmm_analysis_free(g->an[e]);
    free(g->sm[e]);
    free(g->t0[e]);
    free(g->t4[e]);
  }
  for (unsigned t = 0; t < g->nthreads && g->sig; t++)
    free(g->sig[t]);
  free(g->ws);
  free(g->sig);
}

/* The templates at m4 (once per m4; a failure marks every point of this m4 as an error). */
static int engine_m4(engine *g, double m4)
{
  if (g->have_cached && g->m4_cached == m4)
    return 0;
  g->have_cached = 1;
  g->m4_cached = m4;
  int st = 0;
  for (size_t e = 0; e < g->n_an && !st; e++) {
    const size_t n = NUTMM_ANALYSIS_NSLOTS * nbins_of(g, e);
    st = nutmm_analysis_basis(g->an[e], g->ws[e], m4, g->t4[e], g->t4[e] + n);
  }
  return st ? -1 : 0;
}

/* chi^2 of every analysis and their sum at one coupling (templates of the cached m4). */
static int engine_point(engine *g, unsigned thread, const nutmm_coupling *c, double *chi2)
{
  double total = 0.0;
  int bad = 0;
  nutmm_signal_weights w; /* one coupling, the same weights for every analysis */
  const int wst = nutmm_signal_weights_compute(c, &w);
  for (size_t e = 0; e < g->n_an; e++) {
    const nutmm_analysis *a = g->an[e];
    const size_t nb = nbins_of(g, e), n = NUTMM_ANALYSIS_NSLOTS * nb;
    double *D = g->sig[thread], *In = D + nb;
    nutmm_analysis_workspace *ws = g->ws[thread * g->n_an + e];
    const double *ti = nutmm_analysis_has_interference(a) ? g->t4[e] + n : NULL;
    chi2[e] = INFINITY;
    if (wst == NUTMM_SUCCESS &&
        nutmm_analysis_signal_weighted(a, g->t4[e], ti, g->t0[e], &w, D, In) == NUTMM_SUCCESS) {
      const nutmm_signal_parts parts = {g->sm[e], D, In};
      if (nutmm_chi2_eval_parts(nutmm_analysis_likelihood(a), nutmm_analysis_workspace_chi2(ws),
                                &parts, 1.0, &chi2[e], NULL) != NUTMM_SUCCESS)
        chi2[e] = INFINITY;
    }
    bad |= !isfinite(chi2[e]);
    total += chi2[e];
  }
  chi2[g->n_an] = bad ? INFINITY : total;
  return bad ? -1 : 0;
}

/* ---- chunks, checkpoints and the output ------------------------------------------------ */

static void part_name(char *buf, size_t n, const char *out, size_t k, const char *suffix)
{
  snprintf(buf, n, "%s.parts/c%09zu.tsv%s", out, k, suffix);
}

/* chi^2 rows (n_an + 1 values) and ok flags of points [p0, p1) into chi[] and ok[] (indexed
 * from p0); with `need`, only the points p with need[p - p0] (the others are left alone).
 * Points whose canonical_point() is another point of the range are copied from it. */
static int compute_points(engine *g, const desc *d, size_t p0, size_t p1,
                          const unsigned char *need, double *chi, int *ok)
{
  const size_t np = p1 - p0, nc = g->n_an + 1;
  size_t *src = malloc(np * sizeof *src); /* the point each row is computed at */
  unsigned char *todo = calloc(np, 1);
  if (!src || !todo) {
    free(src);
    free(todo);
    return fail("chunk", "out of memory");
  }
  for (size_t p = p0; p < p1; p++) {
    const size_t c = canonical_point(d, p);
    src[p - p0] = c >= p0 ? c : p;
    if (!need || need[p - p0])
      todo[src[p - p0] - p0] = 1;
  }
  /* segments of one m4: templates once, then every coupling of the segment */
  for (size_t s = p0; s < p1;) {
    double m4, val[MAX_AXES], m4b;
    point(d, s, &m4, val);
    size_t e = s + 1;
    for (; e < p1; e++) {
      point(d, e, &m4b, val);
      if (m4b != m4)
        break;
    }
    int any = 0;
    for (size_t p = s; p < e && !any; p++)
      any = todo[p - p0];
    const int tmpl_ok = !any || engine_m4(g, m4) == 0;
    const long ns = (long)(e - s);
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 64) num_threads(g->nthreads) if (g->nthreads > 1)
#endif
    for (long q = 0; q < ns; q++) {
      unsigned t = 0;
#ifdef _OPENMP
      t = (unsigned)omp_get_thread_num();
#endif
      const size_t p = s + (size_t)q;
      if (!todo[p - p0])
        continue;
      double m, v[MAX_AXES];
      nutmm_coupling c;
      point(d, p, &m, v);
      double *row = chi + (p - p0) * nc;
      ok[p - p0] = tmpl_ok && coupling_of(d, v, &c) == 0 && engine_point(g, t, &c, row) == 0;
      if (!tmpl_ok)
        for (size_t j = 0; j < nc; j++)
          row[j] = INFINITY;
    }
    s = e;
  }
  for (size_t q = 0; q < np; q++)
    if (src[q] != p0 + q && (!need || need[q])) {
      memcpy(chi + q * nc, chi + (src[q] - p0) * nc, nc * sizeof *chi);
      ok[q] = ok[src[q] - p0];
    }
  free(src);
  free(todo);
  return 0;
}

static int compute_chunk(engine *g, const desc *d, size_t k, const char *out)
{
  const size_t p0 = k * d->chunk, p1 = p0 + d->chunk < d->npoints ? p0 + d->chunk : d->npoints;
  const size_t np = p1 - p0, nc = g->n_an + 1;
  double *chi = malloc(np * nc * sizeof *chi);
  int *ok = malloc(np * sizeof *ok);
  const int st = !chi || !ok ? fail("chunk", "out of memory")
                             : compute_points(g, d, p0, p1, NULL, chi, ok);
  if (st) {
    free(chi);
    free(ok);
    return st;
  }
  char tmp[LINE_MAX_LEN], fin[LINE_MAX_LEN], sfx[32];
  snprintf(sfx, sizeof sfx, ".tmp%d", rank);
  part_name(tmp, sizeof tmp, out, k, sfx);
  part_name(fin, sizeof fin, out, k, "");
  FILE *f = fopen(tmp, "w");
  if (!f) {
    free(chi);
    free(ok);
    return fail(tmp, strerror(errno));
  }
  for (size_t p = p0; p < p1; p++) {
    double m4, val[MAX_AXES];
    point(d, p, &m4, val);
    fprintf(f, "%zu\t%.17g", p, m4);
    for (size_t a = 0; a < d->nax; a++)
      fprintf(f, "\t%.17g", val[a]);
    for (size_t j = 0; j < nc; j++)
      fprintf(f, "\t%.17g", chi[(p - p0) * nc + j]);
    fprintf(f, "\t%s\n", ok[p - p0] ? "ok" : "error");
  }
  const int werr = ferror(f);
  free(chi);
  free(ok);
  if (fclose(f) || werr || rename(tmp, fin))
    return fail(fin, "cannot write the chunk");
  return 0;
}

static long next_chunk(void *win_)
{
#ifdef NUTMM_HAVE_MPI
  if (win_) {
    MPI_Win win = *(MPI_Win *)win_;
    long one = 1, got = 0;
    MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win);
    MPI_Fetch_and_op(&one, &got, MPI_LONG, 0, 0, MPI_SUM, win);
    MPI_Win_unlock(0, win);
    return got;
  }
#endif
  static long serial = 0;
  (void)win_;
  return serial++;
}

static int file_exists(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0;
}

/* Rank 0: the parts directory and the description it belongs to. */
static int prepare_parts(const desc *d, const char *out)
{
  char dir[LINE_MAX_LEN], dfile[LINE_MAX_LEN];
  snprintf(dir, sizeof dir, "%s.parts", out);
  snprintf(dfile, sizeof dfile, "%s.parts/description", out);
  if (mkdir(dir, 0777) && errno != EEXIST)
    return fail(dir, strerror(errno));
  FILE *f = fopen(dfile, "r");
  if (f) { /* resuming: the same description only */
    char *buf = malloc(d->canon_len + 2);
    if (!buf) {
      fclose(f);
      return fail(dir, "out of memory");
    }
    const size_t n = fread(buf, 1, d->canon_len + 1, f);
    fclose(f);
    const int same = n == d->canon_len && memcmp(buf, d->canon, n) == 0;
    free(buf);
    if (!same)
      return fail(dir, "left by a run of another description: remove it or use its description");
    fprintf(stderr, "# nutmm-scan: resuming from %s\n", dir);
    return 0;
  }
  if (!(f = fopen(dfile, "w")) || fwrite(d->canon, 1, d->canon_len, f) != d->canon_len ||
      fclose(f))
    return fail(dfile, "cannot write");
  return 0;
}

static int join_parts(const engine *g, const desc *d, const char *out, size_t nchunks)
{
  char tmp[LINE_MAX_LEN], part[LINE_MAX_LEN];
  snprintf(tmp, sizeof tmp, "%s.tmp", out);
  FILE *f = fopen(tmp, "w");
  if (!f)
    return fail(tmp, strerror(errno));
  fprintf(f, "index\tm4_MeV");
  for (size_t a = 0; a < d->nax; a++) {
    char name[64];
    axis_column(d, a, name, sizeof name);
    fprintf(f, "\t%s", name);
  }
  for (size_t e = 0; e < g->n_an; e++)
    fprintf(f, "\tchi2_%s", nutmm_analysis_name(g->an[e]));
  fprintf(f, "\tchi2_total\tstatus\n");
  char buf[1 << 16];
  for (size_t k = 0; k < nchunks; k++) {
    part_name(part, sizeof part, out, k, "");
    FILE *in = fopen(part, "r");
    if (!in) {
      fclose(f);
      return fail(part, "missing");
    }
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
      fwrite(buf, 1, n, f);
    fclose(in);
  }
  const int werr = ferror(f);
  if (fclose(f) || werr || rename(tmp, out))
    return fail(out, "cannot write");
  for (size_t k = 0; k < nchunks; k++) {
    part_name(part, sizeof part, out, k, "");
    remove(part);
  }
  snprintf(part, sizeof part, "%s.parts/description", out);
  remove(part);
  snprintf(part, sizeof part, "%s.parts", out);
  rmdir(part);
  return 0;
}

static void desc_free(desc *d)
{
  free(d->m4);
  free(d->pts);
  free(d->canon);
  for (size_t k = 0; k < d->nax; k++)
    free(d->ax[k].v);
}

static int run_desc(const desc *d, const char *out, unsigned threads);

static int run(const char *dfile, const char *out, unsigned threads)
{
  desc d;
  int st = read_desc(dfile, &d);
  char dir[LINE_MAX_LEN];
  snprintf(dir, sizeof dir, "%s.parts", out);
  if (!st && file_exists(out) && !file_exists(dir)) /* a finished run: nothing left to do */
    note("# nutmm-scan: %s is complete (remove it to scan again)\n", out);
  else if (!st)
    st = run_desc(&d, out, threads);
  desc_free(&d);
  return st;
}

static double wall_now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int run_desc(const desc *dd, const char *out, unsigned threads)
{
  const desc d = *dd;
#ifdef NUTMM_HAVE_MPI
  if (use_mpi)
    MPI_Barrier(MPI_COMM_WORLD);
#endif
  const double t_start = wall_now();
  engine g;
  int st = engine_init(&g, &d, threads);
  if (st) {
    engine_free(&g);
    return st;
  }
  const size_t nchunks = (d.npoints + d.chunk - 1) / d.chunk;
  if (rank == 0)
    st = prepare_parts(&d, out);
  void *winp = NULL;
#ifdef NUTMM_HAVE_MPI
  if (use_mpi)
    MPI_Bcast(&st, 1, MPI_INT, 0, MPI_COMM_WORLD);
  MPI_Win win;
  long *counter = NULL;
  if (nranks > 1) {
    MPI_Win_allocate(rank == 0 ? (MPI_Aint)sizeof(long) : 0, sizeof(long), MPI_INFO_NULL,
                     MPI_COMM_WORLD, &counter, &win);
    if (rank == 0) {
      MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win);
      *counter = 0;
      MPI_Win_unlock(0, win);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    winp = &win;
  }
#endif
  size_t done = 0, skipped = 0, stop_after = 0;
  const char *stop = getenv("NUTMM_SCAN_STOP_AFTER"); /* chunks per rank, then exit (tests) */
  if (stop)
    stop_after = (size_t)strtoul(stop, NULL, 10);
  for (long k; !st && (k = next_chunk(winp)) < (long)nchunks;) {
    char fin[LINE_MAX_LEN];
    part_name(fin, sizeof fin, out, (size_t)k, "");
    if (file_exists(fin)) { /* written by an earlier run */
      skipped++;
      continue;
    }
    st = compute_chunk(&g, &d, (size_t)k, out);
    done++;
    if (!st && stop_after && done == stop_after) /* test hook: die as a killed run would */
      _exit(137);
  }
#ifdef NUTMM_HAVE_MPI
  int any = st;
  if (use_mpi)
    MPI_Allreduce(&st, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  st = any;
  if (nranks > 1)
    MPI_Win_free(&win);
#endif
  if (getenv("NUTMM_SCAN_VERBOSE"))
    fprintf(stderr, "# rank %d: %zu chunks computed, %zu skipped (already written), %.3f s CPU\n",
            rank, done, skipped, (double)clock() / CLOCKS_PER_SEC);
  if (!st && rank == 0)
    st = join_parts(&g, &d, out, nchunks);
  if (getenv("NUTMM_SCAN_VERBOSE") && rank == 0) /* benchmarks: without the MPI start-up */
    fprintf(stderr, "# nutmm-scan: %zu points on %d rank(s) in %.3f s (set-up, scan, output)\n",
            d.npoints, nranks, wall_now() - t_start);
  engine_free(&g);
  return st;
}

/* ---- limit: a profile without the scan file ------------------------------------------- */

/* The output column name of axis a: NAME, or NAME/REF for a ratio. */
static void axis_column(const desc *d, size_t a, char *buf, size_t n)
{
  if (d->ax[a].rel >= 0)
    snprintf(buf, n, "%s/%s", param_names[d->ax[a].param], param_names[d->ax[a].rel]);
  else
    snprintf(buf, n, "%s", param_names[d->ax[a].param]);
}

/* nutmm-scan limit DESCRIPTION --param NAME [--fix NAME=VALUE]... : the table `run` +
 * `profile` give, byte for byte, computed in memory at only the points the profile reads --
 * those matching the --fix values (every point with --ref all). */
static int limit_main(int argc, char **argv)
{
  scan_profile_opts o;
  int st = scan_profile_options(argc, argv, 1, &o);
  if (st)
    return st;
  desc d;
  if ((st = read_desc(o.file, &d))) {
    desc_free(&d);
    return st;
  }
  int c_x = -1, c_fix[SCAN_MAX_FIX];
  char name[64];
  for (size_t a = 0; a < d.nax; a++) {
    axis_column(&d, a, name, sizeof name);
    if (strcmp(name, o.param) == 0)
      c_x = (int)a;
  }
  for (size_t q = 0; !st && q < o.nfix; q++) {
    c_fix[q] = -2;
    if (strcmp(o.fix_name[q], "m4_MeV") == 0)
      c_fix[q] = -1;
    for (size_t a = 0; a < d.nax; a++) {
      axis_column(&d, a, name, sizeof name);
      if (strcmp(name, o.fix_name[q]) == 0)
        c_fix[q] = (int)a;
    }
    if (c_fix[q] == -2 || c_fix[q] == c_x)
      st = fail(o.fix_name[q], "not a scanned parameter of this description (or the profiled one)");
  }
  if (!st && c_x < 0)
    st = fail(o.param, "not a scanned parameter of this description");
  engine g;
  memset(&g, 0, sizeof g);
  if (!st)
    st = engine_init(&g, &d, o.threads);
  size_t c_chi = (size_t)-1;
  if (!st && strcmp(o.column, "chi2_total") == 0)
    c_chi = g.n_an;
  for (size_t e = 0; !st && e < g.n_an; e++) {
    snprintf(name, sizeof name, "chi2_%s", nutmm_analysis_name(g.an[e]));
    if (strcmp(name, o.column) == 0)
      c_chi = e;
  }
  if (!st && c_chi == (size_t)-1)
    st = fail(o.column, "no such chi^2 column (chi2_total, chi2_<experiment>)");
  const size_t nc = g.n_an + 1, chunk = d.chunk;
  double *chi = st ? NULL : malloc(chunk * nc * sizeof *chi);
  int *ok = st ? NULL : malloc(chunk * sizeof *ok);
  unsigned char *need = st ? NULL : malloc(chunk);
  unsigned char *keep = st ? NULL : malloc(chunk);
  scan_row *rows = NULL;
  size_t nrows = 0, cap = 0;
  if (!st && (!chi || !ok || !need || !keep))
    st = fail("limit", "out of memory");
  for (size_t p0 = 0; !st && p0 < d.npoints; p0 += chunk) {
    const size_t p1 = p0 + chunk < d.npoints ? p0 + chunk : d.npoints;
    size_t nneed = 0;
    for (size_t p = p0; p < p1; p++) {
      double m4, val[MAX_AXES];
      point(&d, p, &m4, val);
      int k = 1;
      for (size_t q = 0; q < o.nfix; q++)
        k &= scan_fix_matches(&o, q, c_fix[q] < 0 ? m4 : val[c_fix[q]]);
      keep[p - p0] = (unsigned char)k;
      need[p - p0] = (unsigned char)(k || o.ref_all);
      nneed += need[p - p0];
    }
    if (nneed == 0)
      continue;
    if ((st = compute_points(&g, &d, p0, p1, need, chi, ok)))
      break;
    if (nrows + nneed > cap) {
      cap = 2 * (nrows + nneed);
      scan_row *grown = realloc(rows, cap * sizeof *rows);
      if (!grown) {
        st = fail("limit", "out of memory");
        break;
      }
      rows = grown;
    }
    for (size_t p = p0; p < p1; p++)
      if (need[p - p0]) {
        double m4, val[MAX_AXES];
        point(&d, p, &m4, val);
        rows[nrows++] = (scan_row){m4, val[c_x], chi[(p - p0) * nc + c_chi], keep[p - p0]};
      }
  }
  if (!st)
    st = scan_profile_print(rows, nrows, &o, stdout);
  free(rows);
  free(chi);
  free(ok);
  free(need);
  free(keep);
  engine_free(&g);
  desc_free(&d);
  return st;
}

static void usage(FILE *f)
{
  fprintf(f,
          "usage: nutmm-scan run DESCRIPTION OUT.tsv [--threads N]\n"
          "       nutmm-scan profile OUT.tsv --param NAME [--fix NAME=VALUE]... [--delta D]\n"
          "                  [--ref own|all] [--column chi2_total]\n"
          "       nutmm-scan limit DESCRIPTION --param NAME [--fix NAME=VALUE]... [--delta D]\n"
          "                  [--ref own|all] [--column chi2_total] [--threads N]\n"
          "run: chi^2 of every experiment of the description at every point (see the header\n"
          "of examples/scan.h for the description), written to OUT.tsv; chunks are kept in\n"
          "OUT.tsv.parts/ until the end, so a killed run restarted with the same command goes\n"
          "on where it stopped.  Under mpirun/srun the ranks share the work; started\n"
          "otherwise it runs serially without MPI (NUTMM_SCAN_MPI=1 forces MPI).\n"
          "profile: limit on NAME versus m4 from a scan: chi^2 minimised over every other\n"
          "column (or held at --fix values), Delta chi^2 = D (default 2.7055, 90%% C.L.) from\n"
          "each m4's minimum over the selected rows (--ref own) or over all rows (--ref all);\n"
          "power-law interpolation between grid values.\n"
          "limit: the table of run + profile, without the scan file: the points are computed\n"
          "in memory, only those the profile reads (the --fix values; all with --ref all);\n"
          "serial or --threads N, no MPI and no checkpoint.\n");
}

int main(int argc, char **argv)
{
#ifdef NUTMM_HAVE_MPI
  use_mpi = launched_by_mpi();
  if (use_mpi) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nranks);
  }
#endif
  int st = 2;
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    if (rank == 0)
      usage(stdout);
    st = 0;
  } else if (argc >= 2 && strcmp(argv[1], "profile") == 0) {
    st = rank == 0 ? scan_profile_main(argc - 1, argv + 1) : 0;
  } else if (argc >= 2 && strcmp(argv[1], "limit") == 0) {
    st = rank == 0 ? limit_main(argc - 1, argv + 1) : 0;
  } else if (argc >= 4 && strcmp(argv[1], "run") == 0) {
    unsigned threads = 1;
    st = 0;
    for (int k = 4; k < argc && !st; k++) {
      double x;
      if (strcmp(argv[k], "--threads") == 0 && k + 1 < argc && !parse_double(argv[k + 1], &x) &&
          x >= 1 && x <= 256 && x == floor(x))
        threads = (unsigned)x, k++;
      else
        st = fail(argv[k], "unknown option (run: --threads N)");
    }
    if (!st)
      st = run(argv[2], argv[3], threads);
  } else {
    if (rank == 0)
      usage(stderr);
  }
#ifdef NUTMM_HAVE_MPI
  if (use_mpi)
    MPI_Finalize();
#endif
  return st;
}
