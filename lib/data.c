/* libnutmm -- data directory lookup and the plain-text table reader (data.h). */
#define _POSIX_C_SOURCE 200809L /* open, fstat, fdopen, O_NONBLOCK */
#include "nutmm/data.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#ifndef NUTMM_INSTALL_DATADIR
#define NUTMM_INSTALL_DATADIR ""
#endif
#ifndef NUTMM_SOURCE_DATADIR
#define NUTMM_SOURCE_DATADIR ""
#endif

struct nutmm_table {
  char *path;
  char *text;      /* the file's bytes, tokens are NUL-terminated in place */
  size_t nrows;
  size_t *line;    /* [nrows] 1-based line numbers */
  size_t *first;   /* [nrows] index of the row's first token in tok */
  size_t *ncols;   /* [nrows] */
  char **tok;      /* all tokens, row after row */
};

/* A regular file at path (stat, never open: opening a FIFO would block). */
static int is_regular_file(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int nutmm_data_path_in(const char *dir, const char *name, char *buf, size_t size)
{
  NUTMM_CHECK_PTR(dir);
  NUTMM_CHECK_PTR(name);
  NUTMM_CHECK_PTR(buf);
  if (size)
    buf[0] = '\0';
  struct stat st;
  if (dir[0] == '\0')
    NUTMM_FAIL(NUTMM_EINVAL, "empty data directory name (looking for '%s')", name);
  if (stat(dir, &st) != 0)
    NUTMM_FAIL(NUTMM_ENOTFOUND, "data directory '%s': %s (looking for '%s')", dir,
               strerror(errno), name);
  if (!S_ISDIR(st.st_mode))
    NUTMM_FAIL(NUTMM_ENOTFOUND, "data directory '%s' is not a directory (looking for '%s')", dir,
               name);
  int n = snprintf(buf, size, "%s/%s", dir, name);
  if (n < 0 || (size_t)n >= size) {
    if (size)
      buf[0] = '\0';
    NUTMM_FAIL(NUTMM_EBADLEN, "path of '%s' does not fit in %zu bytes", name, size);
  }
  if (!is_regular_file(buf)) {
    buf[0] = '\0';
    NUTMM_FAIL(NUTMM_ENOTFOUND, "data file '%s' not found (or not a regular file) in '%s'", name,
               dir);
  }
  return NUTMM_SUCCESS;
}

int nutmm_data_path(const char *name, char *buf, size_t size)
{
  NUTMM_CHECK_PTR(name);
  NUTMM_CHECK_PTR(buf);
  const char *env = getenv(NUTMM_DATADIR_ENV);
  if (env && env[0]) { /* the user's choice is the only place searched: no mixing of data sets */
    int status = nutmm_data_path_in(env, name, buf, size);
    if (status != NUTMM_SUCCESS) {
      char why[1024];
      snprintf(why, sizeof why, "%s", nutmm_error_reason());
      NUTMM_FAIL(status, "$%s is set, so only it is searched: %s", NUTMM_DATADIR_ENV, why);
    }
    return NUTMM_SUCCESS;
  }
  const char *dirs[2] = {NUTMM_INSTALL_DATADIR, NUTMM_SOURCE_DATADIR};
  for (size_t i = 0; i < 2; i++) {
    if (!dirs[i][0])
      continue;
    int n = snprintf(buf, size, "%s/%s", dirs[i], name);
    if (n < 0 || (size_t)n >= size) {
      if (size)
        buf[0] = '\0';
      NUTMM_FAIL(NUTMM_EBADLEN, "path of '%s' does not fit in %zu bytes", name, size);
    }
    if (is_regular_file(buf))
      return NUTMM_SUCCESS;
  }
  if (size)
    buf[0] = '\0';
  NUTMM_FAIL(NUTMM_ENOTFOUND, "data file '%s' not found in %s or %s ($%s unset)", name,
             NUTMM_INSTALL_DATADIR, NUTMM_SOURCE_DATADIR, NUTMM_DATADIR_ENV);
}

void nutmm_table_free(nutmm_table *t)
{
  if (!t)
    return;
  free(t->path);
  free(t->text);
  free(t->line);
  free(t->first);
  free(t->ncols);
  free(t->tok);
  free(t);
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

/* Split text in place into rows of tokens. */
static int tokenize(nutmm_table *t, size_t len)
{
  size_t cap_rows = 64, cap_tok = 256, ntok = 0;
  t->line = nutmm_malloc_n(cap_rows, sizeof *t->line);
  t->first = nutmm_malloc_n(cap_rows, sizeof *t->first);
  t->ncols = nutmm_malloc_n(cap_rows, sizeof *t->ncols);
  t->tok = nutmm_malloc_n(cap_tok, sizeof *t->tok);
  if (!t->line || !t->first || !t->ncols || !t->tok)
    return NUTMM_ENOMEM;
  size_t lineno = 1;
  char *p = t->text, *end = t->text + len;
  while (p < end) {
    char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      eol = end;
    *eol = '\0';
    char *hash = strchr(p, '#');
    if (hash)
      *hash = '\0';
    size_t row_first = ntok, row_cols = 0;
    for (char *q = p; *q;) {
      while (*q && is_space(*q))
        *q++ = '\0';
      if (!*q)
        break;
      if (ntok == cap_tok) {
        char **nt = nutmm_realloc_n(t->tok, nutmm_size_mul(2, cap_tok), sizeof *nt);
        if (!nt)
          return NUTMM_ENOMEM;
        t->tok = nt;
        cap_tok *= 2;
      }
      t->tok[ntok++] = q;
      row_cols++;
      while (*q && !is_space(*q))
        q++;
    }
    if (row_cols) {
      if (t->nrows == cap_rows) {
        size_t nc = 2 * cap_rows;
        size_t *a = nutmm_realloc_n(t->line, nc, sizeof *a);
        if (!a)
          return NUTMM_ENOMEM;
        t->line = a;
        a = nutmm_realloc_n(t->first, nc, sizeof *a);
        if (!a)
          return NUTMM_ENOMEM;
        t->first = a;
        a = nutmm_realloc_n(t->ncols, nc, sizeof *a);
        if (!a)
          return NUTMM_ENOMEM;
        t->ncols = a;
        cap_rows = nc;
      }
      t->line[t->nrows] = lineno;
      t->first[t->nrows] = row_first;
      t->ncols[t->nrows] = row_cols;
      t->nrows++;
    }
    p = eol + 1;
    lineno++;
  }
  return NUTMM_SUCCESS;
}

int nutmm_table_read(const char *path, nutmm_table **table)
{
  NUTMM_CHECK_PTR(path);
  NUTMM_CHECK_PTR(table);
  *table = NULL;
  /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below. */
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0)
    NUTMM_FAIL(NUTMM_EIO, "cannot open '%s': %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    NUTMM_FAIL(NUTMM_EIO, "cannot stat '%s': %s", path, strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    NUTMM_FAIL(NUTMM_EIO, "'%s' is not a regular file (directory, FIFO, device or socket)", path);
  }
  if (st.st_size < 0 || (unsigned long long)st.st_size > NUTMM_TABLE_MAX_BYTES) {
    close(fd);
    NUTMM_FAIL(NUTMM_EIO, "'%s' has %lld bytes, above the table size limit of %llu bytes", path,
               (long long)st.st_size, (unsigned long long)NUTMM_TABLE_MAX_BYTES);
  }
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    int e = errno;
    close(fd);
    NUTMM_FAIL(NUTMM_EIO, "cannot open '%s': %s", path, strerror(e));
  }
  nutmm_table *t = nutmm_calloc_n(1, sizeof *t);
  size_t cap = 1 << 16, len = 0;
  char *text = nutmm_malloc_n(nutmm_size_add(cap, 1), 1);
  if (!t || !text) {
    fclose(f);
    free(t);
    free(text);
    NUTMM_FAIL(NUTMM_ENOMEM, "reading '%s'", path);
  }
  t->text = text;
  for (;;) {
    size_t got = fread(t->text + len, 1, cap - len, f);
    len += got;
    if (len < cap)
      break;
    if (len > NUTMM_TABLE_MAX_BYTES) { /* the file grew while we read it */
      fclose(f);
      nutmm_table_free(t);
      NUTMM_FAIL(NUTMM_EIO, "'%s' exceeds the table size limit of %llu bytes", path,
                 (unsigned long long)NUTMM_TABLE_MAX_BYTES);
    }
    char *nt = nutmm_realloc_n(t->text, nutmm_size_add(nutmm_size_mul(2, cap), 1), 1);
    if (!nt) {
      fclose(f);
      nutmm_table_free(t);
      NUTMM_FAIL(NUTMM_ENOMEM, "reading '%s'", path);
    }
    t->text = nt;
    cap *= 2;
  }
  int read_error = ferror(f);
  fclose(f);
  if (read_error) {
    nutmm_table_free(t);
    NUTMM_FAIL(NUTMM_EIO, "read error on '%s'", path);
  }
  t->text[len] = '\0';
  if (memchr(t->text, '\0', len)) {
    nutmm_table_free(t);
    NUTMM_FAIL(NUTMM_EFORMAT, "'%s' is not a text file (NUL byte)", path);
  }
  t->path = nutmm_malloc_n(nutmm_size_add(strlen(path), 1), 1);
  if (!t->path || tokenize(t, len) != NUTMM_SUCCESS) {
    nutmm_table_free(t);
    NUTMM_FAIL(NUTMM_ENOMEM, "reading '%s'", path);
  }
  strcpy(t->path, path);
  if (t->nrows == 0) {
    nutmm_table_free(t);
    NUTMM_FAIL(NUTMM_EFORMAT, "'%s' has no data rows", path);
  }
  *table = t;
  return NUTMM_SUCCESS;
}

int nutmm_table_read_data(const char *name, nutmm_table **table)
{
  char path[4096];
  NUTMM_TRY(nutmm_data_path(name, path, sizeof path));
  NUTMM_TRY(nutmm_table_read(path, table));
  return NUTMM_SUCCESS;
}

size_t nutmm_table_rows(const nutmm_table *t) { return t ? t->nrows : 0; }

size_t nutmm_table_cols(const nutmm_table *t, size_t row)
{
  return (t && row < t->nrows) ? t->ncols[row] : 0;
}

size_t nutmm_table_line(const nutmm_table *t, size_t row)
{
  return (t && row < t->nrows) ? t->line[row] : 0;
}

const char *nutmm_table_path(const nutmm_table *t) { return t ? t->path : NULL; }

const char *nutmm_table_string(const nutmm_table *t, size_t row, size_t col)
{
  if (!t || row >= t->nrows || col >= t->ncols[row])
    return NULL;
  return t->tok[t->first[row] + col];
}

int nutmm_table_double(const nutmm_table *t, size_t row, size_t col, double *x)
{
  NUTMM_CHECK_PTR(t);
  NUTMM_CHECK_PTR(x);
  if (row >= t->nrows)
    NUTMM_FAIL(NUTMM_EBADLEN, "%s: row %zu out of range (%zu rows)", t->path, row, t->nrows);
  const char *s = nutmm_table_string(t, row, col);
  if (!s)
    NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: column %zu missing (row has %zu columns)", t->path,
               t->line[row], col + 1, t->ncols[row]);
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end != '\0' || !isfinite(v) || errno == ERANGE)
    NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: column %zu: '%s' is not a finite number", t->path,
               t->line[row], col + 1, s);
  *x = v;
  return NUTMM_SUCCESS;
}

int nutmm_table_require_cols(const nutmm_table *t, size_t ncols)
{
  NUTMM_CHECK_PTR(t);
  for (size_t r = 0; r < t->nrows; r++)
    if (t->ncols[r] < ncols)
      NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: %zu columns, expected at least %zu", t->path,
                 t->line[r], t->ncols[r], ncols);
  return NUTMM_SUCCESS;
}

int nutmm_table_column(const nutmm_table *t, size_t col, int strictly_increasing, double *x)
{
  NUTMM_CHECK_PTR(t);
  NUTMM_CHECK_PTR(x);
  for (size_t r = 0; r < t->nrows; r++) {
    NUTMM_TRY(nutmm_table_double(t, r, col, &x[r]));
    if (strictly_increasing && r > 0 && !(x[r] > x[r - 1]))
      NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: column %zu not strictly increasing (%g after %g)",
                 t->path, t->line[r], col + 1, x[r], x[r - 1]);
  }
  return NUTMM_SUCCESS;
}
