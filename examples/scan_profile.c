/* nutmm-scan profile: limit curves from a scan's output (scan.h).
 *
 * For each m4 and each grid value x of the chosen parameter, chi2(x) is the minimum of the
 * chosen chi^2 column over the rows at (m4, x) -- every other column profiled -- that match the
 * --fix values.  The limit is the first x above the best fit where chi2(x) - min_x chi2(x)
 * exceeds delta, interpolated between that grid value and the one before as a power law
 * (log Delta chi^2 linear in log x; linearly in x when the one before is 0 or the best fit)
 * -- the paper's one-parameter 90 % C.L. for delta = 2.7055.
 *
 * Reference (--ref): own (default) -- the minimum over the selected rows at this m4, the
 * profile-likelihood ratio of the selection; all -- the minimum over every row at this m4
 * (the full model's best fit) for any selection.  With a common reference a profiled limit
 * can never be stronger than a restricted one (chi2 minimised over more can only be lower);
 * with each selection's own reference it can, slightly, where the data prefer a non-zero
 * value of a profiled parameter (the full model's minimum is then lower). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define MAX_COLS 64

typedef scan_row row;

static int cmp_row(const void *a_, const void *b_)
{
  const row *a = a_, *b = b_;
  if (a->m4 != b->m4)
    return a->m4 < b->m4 ? -1 : 1;
  if (a->x != b->x)
    return a->x < b->x ? -1 : 1;
  return (a->chi2 > b->chi2) - (a->chi2 < b->chi2);
}

/* The subcommand whose options are being read (profile or limit), for the messages. */
static const char *command = "profile";

static int perr(const char *what, const char *why)
{
  fprintf(stderr, "nutmm-scan %s: %s: %s\n", command, what, why);
  return 2;
}

/* One m4: rows r[0..n-1] sorted by x (several rows per x: the minimum is the first); only
 * the kept ones count, except for the reference with ref_all. */
static void limit_of(const row *r, size_t n, double delta, int ref_all, FILE *out)
{
  double all_min = INFINITY;
  for (size_t k = 0; k < n; k++)
    all_min = fmin(all_min, r[k].chi2);
  double *xs = malloc(2 * (n ? n : 1) * sizeof *xs), *cs = xs + (n ? n : 1);
  if (!xs) {
    fprintf(out, "%.10g\tinf\tinf\tinf\terror\n", r[0].m4);
    return;
  }
  size_t m = 0;
  for (size_t k = 0; k < n; k++)
    if (r[k].keep && (m == 0 || r[k].x != xs[m - 1])) {
      xs[m] = r[k].x;
      cs[m++] = r[k].chi2;
    }
  size_t best = 0;
  for (size_t k = 1; k < m; k++)
    if (cs[k] < cs[best])
      best = k;
  const double ref = ref_all ? all_min : cs[best];
  double lim = INFINITY;
  const char *status = "no-sensitivity";
  if (m == 0 || !isfinite(ref)) {
    status = m ? "error" : "no-rows";
  } else if (!(cs[best] - ref <= delta)) {
    status = "empty"; /* nothing allowed in the selection against the common reference */
    status = "error";
  } else {
    for (size_t k = best + 1; k < m; k++)
      if (!(cs[k] - ref <= delta)) { /* first excluded value (inf counts as excluded) */
        const double a = cs[k - 1] - ref, b = cs[k] - ref;
        if (!isfinite(b))
          lim = xs[k - 1];
        else if (a > 0.0 && xs[k - 1] > 0.0) /* a power law between the two: exact for
                                                  Delta chi^2 ~ x^n (n = 4: pure dipole) */
          lim = exp(log(xs[k - 1]) + log(xs[k] / xs[k - 1]) * log(delta / a) / log(b / a));
        else
          lim = xs[k - 1] + (xs[k] - xs[k - 1]) * (delta - a) / (b - a);
        status = "ok";
        break;
      }
  }
  fprintf(out, "%.10g\t%.10g\t%.10g\t%.10g\t%s\n", r[0].m4, lim, m ? xs[best] : INFINITY, ref,
          status);
  free(xs);
}

int scan_profile_options(int argc, char **argv, int allow_threads, scan_profile_opts *o)
{
  command = allow_threads ? "limit" : "profile";
  memset(o, 0, sizeof *o);
  o->column = "chi2_total";
  o->delta = 2.7055;
  o->threads = 1;
  for (int k = 1; k < argc; k++) {
    char *end;
    if (strcmp(argv[k], "--param") == 0 && k + 1 < argc) {
      o->param = argv[++k];
    } else if (strcmp(argv[k], "--ref") == 0 && k + 1 < argc) {
      o->ref_all = strcmp(argv[++k], "all") == 0;
      if (!o->ref_all && strcmp(argv[k], "own") != 0)
        return perr(argv[k], "--ref is own or all");
    } else if (strcmp(argv[k], "--column") == 0 && k + 1 < argc) {
      o->column = argv[++k];
    } else if (strcmp(argv[k], "--delta") == 0 && k + 1 < argc) {
      o->delta = strtod(argv[++k], &end);
      if (*end || !(o->delta > 0.0) || !isfinite(o->delta))
        return perr(argv[k], "--delta needs a positive number");
    } else if (strcmp(argv[k], "--fix") == 0 && k + 1 < argc && o->nfix < SCAN_MAX_FIX) {
      char *eq = strchr(argv[++k], '=');
      if (!eq)
        return perr(argv[k], "--fix needs NAME=VALUE");
      *eq = '\0';
      o->fix_name[o->nfix] = argv[k];
      o->fix_val[o->nfix] = strtod(eq + 1, &end);
      if (*end || !isfinite(o->fix_val[o->nfix]))
        return perr(eq + 1, "not a finite number");
      o->nfix++;
    } else if (allow_threads && strcmp(argv[k], "--threads") == 0 && k + 1 < argc) {
      const double x = strtod(argv[++k], &end);
      if (*end || !(x >= 1 && x <= 256) || x != floor(x))
        return perr(argv[k], "--threads needs an integer in 1..256");
      o->threads = (unsigned)x;
    } else if (argv[k][0] != '-' && !o->file) {
      o->file = argv[k];
    } else {
      return perr(argv[k], "unknown option (--param NAME, --fix NAME=V, --delta D, --column C)");
    }
  }
  if (!o->file || !o->param)
    return perr("usage", allow_threads ? "limit DESCRIPTION --param NAME [--fix NAME=VALUE]..."
                                       : "profile OUT.tsv --param NAME [--fix NAME=VALUE]...");
  return 0;
}

int scan_fix_matches(const scan_profile_opts *o, size_t q, double v)
{
  return fabs(v - o->fix_val[q]) <= 1e-12 * fabs(o->fix_val[q]);
}

int scan_profile_print(scan_row *r, size_t n, const scan_profile_opts *o, FILE *out)
{
  size_t nkeep = 0;
  for (size_t k = 0; k < n; k++)
    nkeep += r[k].keep;
  if (nkeep == 0)
    return perr(o->file, "no row matches the --fix values");
  qsort(r, n, sizeof *r, cmp_row);
  fprintf(out, "m4_MeV\t%s_limit\t%s_best\tchi2_min\tstatus\n", o->param, o->param);
  for (size_t a = 0; a < n;) {
    size_t b = a + 1;
    while (b < n && r[b].m4 == r[a].m4)
      b++;
    limit_of(r + a, b - a, o->delta, o->ref_all, out);
    a = b;
  }
  return 0;
}

int scan_profile_main(int argc, char **argv)
{
  scan_profile_opts o;
  int st = scan_profile_options(argc, argv, 0, &o);
  if (st)
    return st;
  const char *file = o.file;
  FILE *f = fopen(file, "r");
  if (!f)
    return perr(file, strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  char *names[MAX_COLS];
  size_t ncol = 0;
  int c_m4 = -1, c_x = -1, c_chi = -1, c_fix[SCAN_MAX_FIX];
  if (getline(&line, &cap, f) < 0) {
    st = perr(file, "empty");
  } else {
    char *save = NULL;
    for (char *t = strtok_r(line, "\t\r\n", &save); t && ncol < MAX_COLS;
         t = strtok_r(NULL, "\t\r\n", &save))
      names[ncol++] = strdup(t);
    for (size_t j = 0; j < ncol; j++) {
      if (strcmp(names[j], "m4_MeV") == 0)
        c_m4 = (int)j;
      if (strcmp(names[j], o.param) == 0)
        c_x = (int)j;
      if (strcmp(names[j], o.column) == 0)
        c_chi = (int)j;
    }
    for (size_t q = 0; q < o.nfix; q++) {
      c_fix[q] = -1;
      for (size_t j = 0; j < ncol; j++)
        if (strcmp(names[j], o.fix_name[q]) == 0)
          c_fix[q] = (int)j;
      if (c_fix[q] < 0 || c_fix[q] == c_x)
        st = perr(o.fix_name[q], "not a scanned parameter of this file (or the profiled one)");
    }
    if (!st && (c_m4 < 0 || c_x < 0 || c_chi < 0))
      st = perr(c_x < 0 ? o.param : o.column, "no such column in the scan output");
  }
  row *r = NULL;
  size_t n = 0, rcap = 0;
  while (!st && getline(&line, &cap, f) >= 0) {
    double v[MAX_COLS];
    size_t j = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, "\t\r\n", &save); t && j < ncol; t = strtok_r(NULL, "\t\r\n", &save))
      v[j++] = strtod(t, NULL); /* "inf" reads as inf; the status column is not used */
    if (j != ncol) {
      st = perr(file, "a row has the wrong number of columns");
      break;
    }
    int keep = 1;
    for (size_t q = 0; q < o.nfix; q++)
      keep &= scan_fix_matches(&o, q, v[c_fix[q]]);
    if (n == rcap) {
      rcap = rcap ? 2 * rcap : 1024;
      row *nr = realloc(r, rcap * sizeof *r);
      if (!nr) {
        st = perr(file, "out of memory");
        break;
      }
      r = nr;
    }
    r[n++] = (row){v[c_m4], v[c_x], v[c_chi], keep};
  }
  fclose(f);
  free(line);
  for (size_t j = 0; j < ncol; j++)
    free(names[j]);
  if (!st)
    st = scan_profile_print(r, n, &o, stdout);
  free(r);
  return st;
}
