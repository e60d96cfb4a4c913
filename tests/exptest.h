/* Helpers for the experiment calibration tests: run an example program (its path comes
 * from meson as NUTMM_EXE_<NAME>) and read its TSV output. */
#ifndef NUTMM_EXPTEST_H
#define NUTMM_EXPTEST_H

#define _POSIX_C_SOURCE 200809L /* popen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define EXPTEST_MAX_ROWS 4096
#define EXPTEST_MAX_COLS 32

/* A TSV table: header names and numeric rows (non-numeric cells read as NaN).  Limit output
 * (a last column "status"): only the `ok` rows are kept in v; the others are counted by
 * status with their m4 (column 0) and limit cells (which must all read inf). */
typedef struct {
  size_t nrows, ncols;
  char names[EXPTEST_MAX_COLS][64];
  double v[EXPTEST_MAX_ROWS][EXPTEST_MAX_COLS];
  size_t n_notok, n_closed, n_nosens, n_empty, n_error;
  double notok_m4[EXPTEST_MAX_ROWS];
  char notok_status[EXPTEST_MAX_ROWS][16];
} exptest_tsv;

/* Run `exe args` (stderr passes through); fill *t from stdout; return the exit status. */
static inline int exptest_run(const char *exe, const char *args, exptest_tsv *t)
{
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "'%s' %s", exe, args);
  FILE *p = popen(cmd, "r");
  ck_assert_msg(p != NULL, "cannot run %s", cmd);
  memset(t, 0, sizeof *t);
  char line[8192];
  int header = 1;
  while (fgets(line, sizeof line, p)) {
    line[strcspn(line, "\n")] = '\0';
    size_t c = 0;
    char *save = NULL, status[16] = "";
    for (char *tok = strtok_r(line, "\t", &save); tok && c < EXPTEST_MAX_COLS;
         tok = strtok_r(NULL, "\t", &save), c++) {
      if (header) {
        strncpy(t->names[c], tok, sizeof t->names[c] - 1);
      } else if (t->nrows < EXPTEST_MAX_ROWS) {
        char *end;
        double x = strtod(tok, &end);
        t->v[t->nrows][c] = (end != tok && *end == '\0') ? x : NAN;
        snprintf(status, sizeof status, "%s", tok); /* the last cell wins */
      }
    }
    if (header) {
      t->ncols = c;
      header = 0;
    } else if (t->nrows < EXPTEST_MAX_ROWS) {
      const int has_status = t->ncols > 1 && strcmp(t->names[t->ncols - 1], "status") == 0;
      if (has_status && strcmp(status, "ok") != 0) {
        for (size_t k = 1; k + 1 < t->ncols; k++)
          ck_assert_msg(isinf(t->v[t->nrows][k]) && t->v[t->nrows][k] > 0,
                        "row with status %s has a finite limit cell", status);
        t->notok_m4[t->n_notok] = t->v[t->nrows][0];
        snprintf(t->notok_status[t->n_notok], sizeof t->notok_status[0], "%s", status);
        t->n_notok++;
        t->n_closed += strcmp(status, "closed") == 0;
        t->n_nosens += strcmp(status, "no-sensitivity") == 0;
        t->n_empty += strcmp(status, "empty") == 0;
        t->n_error += strcmp(status, "error") == 0;
      } else {
        t->nrows++;
      }
    }
  }
  int st = pclose(p);
  return st;
}

/* Every requested m4 has a row (issue 10): `requested` rows in all, the not-ok ones closed
 * and at or beyond the reach R (within `slack`, relative), the ok ones below it. */
static inline void exptest_rows_account(const exptest_tsv *t, size_t requested, double R,
                                        double slack)
{
  ck_assert_uint_eq(t->nrows + t->n_notok, requested);
  for (size_t k = 0; k < t->n_notok; k++) {
    ck_assert_msg(strcmp(t->notok_status[k], "closed") == 0, "m4 = %g: status %s",
                  t->notok_m4[k], t->notok_status[k]);
    ck_assert_msg(t->notok_m4[k] >= R * (1.0 - slack), "closed at m4 = %g below the reach %g",
                  t->notok_m4[k], R);
  }
}

#ifdef NUTMM_TEST_DATA_DIR
/* A private data directory must hold every file a program reads ($NUTMM_DATADIR is the only
 * place searched, data.h): copy the project's data/ into dir (existing subdirectories are
 * merged), so that a test can then replace one file. */
static inline void exptest_copy_data(const char *dir)
{
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "cp -R '%s'/. '%s'", NUTMM_TEST_DATA_DIR, dir);
  ck_assert_msg(system(cmd) == 0, "cannot run %s", cmd);
}

/* Remove a private data directory made by a test (dir must be a mkdtemp name under /tmp). */
static inline void exptest_remove_tree(const char *dir)
{
  char cmd[2048];
  ck_assert(strncmp(dir, "/tmp/", 5) == 0 && strstr(dir, "..") == NULL);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  ck_assert_msg(system(cmd) == 0, "cannot run %s", cmd);
}
#endif

/* Column index by header name (fails the test if absent). */
static inline size_t exptest_col(const exptest_tsv *t, const char *name)
{
  for (size_t c = 0; c < t->ncols; c++)
    if (strcmp(t->names[c], name) == 0)
      return c;
  ck_abort_msg("column '%s' not in the output", name);
  return 0;
}

/* For `chi2` output (quantity/value rows): the value of a quantity; the program prints the
 * quantity names in column 0, which the numeric reader turns into NaN, so read them again. */
static inline double exptest_quantity(const char *exe, const char *args, const char *quantity)
{
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "'%s' %s", exe, args);
  FILE *p = popen(cmd, "r");
  ck_assert_msg(p != NULL, "cannot run %s", cmd);
  char line[8192];
  double val = NAN;
  while (fgets(line, sizeof line, p)) {
    char *tab = strchr(line, '\t');
    if (!tab)
      continue;
    *tab = '\0';
    if (strcmp(line, quantity) == 0)
      val = strtod(tab + 1, NULL);
  }
  ck_assert_msg(pclose(p) == 0, "%s failed", cmd);
  return val;
}

#endif
