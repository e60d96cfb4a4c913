/* Table-parser robustness: seeded, deterministic mutations of every shipped data table.
 *
 * Every table under data/ (found at test time, so a new table is covered without editing
 * this file) is mutated FUZZ_PER_TABLE times (truncation, garbage bytes, NUL bytes,
 * NaN/inf/overflowing numbers, unsorted and duplicate rows, missing and extra columns, CRLF
 * line ends, very long lines, deleted lines) and each mutant is fed to
 *   - the generic reader: nutmm_table_read and nutmm_table_double on every cell;
 *   - the generic flux readers: nutmm_flux_add_table_file, nutmm_flux_add_lines_file;
 *   - nutmm_detector_set_efficiency_file;
 *   - the library's own consumer of that file (target, atom, solar, reactor and 51Cr
 *     constructors), through a private $NUTMM_DATADIR that holds a copy of data/ with the
 *     one file replaced.
 * Every call must return an error status with a non-empty reason, or success with a valid
 * result (rows with tokens, finite numbers, finite non-negative flux totals, a positive
 * molar mass).  A crash, a hang or an ASan/UBSan report fails the test.  The generator is
 * a fixed-seed xorshift, so every run (and every failure) is reproducible; the failing
 * mutant is left in the private directory and named in the message.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, setenv, nftw, truncate */
#include <ftw.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nutmm/nutmm.h"
#include "testutil.h"

#ifndef NUTMM_TEST_DATA_DIR
#error "meson passes NUTMM_TEST_DATA_DIR (the project's data/ directory)"
#endif

/* Mutants per table; 24 tables ship today, so about 12,000 in all.  The library consumers
 * (constructors that read several files) run on every CONSUMER_EVERY-th mutant. */
#define FUZZ_PER_TABLE 500
#define CONSUMER_EVERY 5
#define MAX_TABLES 64

static char tables[MAX_TABLES][256]; /* paths relative to the data directory */
static size_t ntables;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
  (void)st;
  (void)ftw;
  const char *rel = path + strlen(NUTMM_TEST_DATA_DIR) + 1;
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  if (type == FTW_F && strcmp(base, "README.md") != 0 && strcmp(base, "meson.build") != 0 &&
      ntables < MAX_TABLES)
    snprintf(tables[ntables++], sizeof tables[0], "%s", rel);
  return 0;
}

static void find_tables(void)
{
  if (ntables == 0)
    nftw(NUTMM_TEST_DATA_DIR, collect, 16, FTW_PHYS);
}

/* ---- deterministic generator ------------------------------------------------------------ */

static uint64_t rng_state;
static uint64_t rng(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static size_t rng_below(size_t n) { return n ? (size_t)(rng() % n) : 0; }

/* A growable byte buffer. */
typedef struct {
  char *p;
  size_t n, cap;
} buf;

static void buf_reserve(buf *b, size_t n)
{
  if (n <= b->cap)
    return;
  b->cap = 2 * n + 64;
  b->p = realloc(b->p, b->cap);
  if (b->p == NULL)
    ck_abort_msg("out of memory");
}
static void buf_set(buf *b, const char *s, size_t n)
{
  buf_reserve(b, n + 1);
  memcpy(b->p, s, n);
  b->n = n;
}
/* Replace b[at, at + len) by s[0, n). */
static void buf_splice(buf *b, size_t at, size_t len, const char *s, size_t n)
{
  if (at > b->n)
    at = b->n;
  if (len > b->n - at)
    len = b->n - at;
  buf_reserve(b, b->n - len + n + 1);
  memmove(b->p + at + n, b->p + at + len, b->n - at - len);
  memcpy(b->p + at, s, n);
  b->n = b->n - len + n;
}

/* Start and length of line k (0-based) of b, or 0 if there is no such line. */
static int line_span(const buf *b, size_t k, size_t *start, size_t *len)
{
  size_t i = 0, line = 0;
  while (i < b->n && line < k) {
    const char *nl = memchr(b->p + i, '\n', b->n - i);
    if (!nl)
      return 0;
    i = (size_t)(nl - b->p) + 1;
    line++;
  }
  if (i >= b->n)
    return 0;
  const char *nl = memchr(b->p + i, '\n', b->n - i);
  *start = i;
  *len = nl ? (size_t)(nl - (b->p + i)) + 1 : b->n - i;
  return 1;
}
static size_t count_lines(const buf *b)
{
  size_t n = 0;
  for (size_t i = 0; i < b->n; i++)
    n += b->p[i] == '\n';
  return n + 1;
}

/* A random token position: the start and length of a whitespace-delimited word. */
static int random_token(const buf *b, size_t *start, size_t *len)
{
  if (b->n == 0)
    return 0;
  for (int tries = 0; tries < 16; tries++) {
    size_t i = rng_below(b->n);
    while (i > 0 && !strchr(" \t\r\n", b->p[i - 1]))
      i--;
    if (strchr(" \t\r\n#", b->p[i]))
      continue;
    size_t j = i;
    while (j < b->n && !strchr(" \t\r\n", b->p[j]))
      j++;
    *start = i;
    *len = j - i;
    return 1;
  }
  return 0;
}

static const char *const bad_numbers[] = {
    "nan", "NaN", "inf", "-inf", "+Infinity", "1e999", "-1e999", "1e-999", "0x1p99999", "-0",
    "0", "-1", "1e308", "5e-324", "", "--1", "1e", ".", "1,5", "0x", "9999999999999999999999"};

/* Apply one random mutation to b. */
static void mutate_once(buf *b)
{
  size_t s, l, s2, l2;
  size_t nlines = count_lines(b);
  switch (rng_below(11)) {
  case 0: /* truncation */
    b->n = rng_below(b->n + 1);
    break;
  case 1: /* garbage bytes */
    for (size_t k = 0, m = 1 + rng_below(8); k < m && b->n; k++)
      b->p[rng_below(b->n)] = (char)(1 + rng_below(255));
    break;
  case 2: /* a NUL byte */
    if (b->n)
      b->p[rng_below(b->n)] = '\0';
    break;
  case 3: /* a number replaced by NaN, inf, an overflow, an empty or a malformed token */
    if (random_token(b, &s, &l)) {
      const char *r = bad_numbers[rng_below(sizeof bad_numbers / sizeof bad_numbers[0])];
      buf_splice(b, s, l, r, strlen(r));
    }
    break;
  case 4: /* two lines swapped: unsorted abscissae */
    if (line_span(b, rng_below(nlines), &s, &l) && line_span(b, rng_below(nlines), &s2, &l2) &&
        s + l <= s2) {
      char *a = malloc(l), *c = malloc(l2);
      memcpy(a, b->p + s, l);
      memcpy(c, b->p + s2, l2);
      buf_splice(b, s2, l2, a, l);
      buf_splice(b, s, l, c, l2);
      free(a);
      free(c);
    }
    break;
  case 5: /* a duplicated line: duplicate abscissae */
    if (line_span(b, rng_below(nlines), &s, &l)) {
      char *a = malloc(l);
      memcpy(a, b->p + s, l);
      buf_splice(b, s, 0, a, l);
      free(a);
    }
    break;
  case 6: /* a token removed or an extra one added: wrong column counts */
    if (random_token(b, &s, &l)) {
      if (rng() & 1)
        buf_splice(b, s, l, "", 0);
      else
        buf_splice(b, s, 0, "7 ", 2);
    }
    break;
  case 7: /* CRLF line ends */
    for (size_t i = 0; i < b->n; i++)
      if (b->p[i] == '\n' && (i == 0 || b->p[i - 1] != '\r')) {
        buf_splice(b, i, 0, "\r", 1);
        i++;
      }
    break;
  case 8: { /* a very long line: digits, spaces or columns */
    size_t n = 1000 + rng_below(20000);
    char *a = malloc(n + 1);
    int kind = (int)rng_below(3);
    for (size_t i = 0; i < n; i++)
      a[i] = kind == 0 ? (char)('0' + i % 10) : kind == 1 ? ' ' : (i % 2 ? ' ' : '1');
    a[n] = '\n';
    size_t at = line_span(b, rng_below(nlines), &s, &l) ? s : b->n;
    buf_splice(b, at, 0, a, n + 1);
    free(a);
    break;
  }
  case 9: /* a line deleted */
    if (line_span(b, rng_below(nlines), &s, &l))
      buf_splice(b, s, l, "", 0);
    break;
  default: /* the comment marker removed: a header line becomes data */
    for (size_t i = 0; i < b->n; i++)
      if (b->p[i] == '#') {
        b->p[i] = ' ';
        break;
      }
    break;
  }
}

/* ---- checks ------------------------------------------------------------------------------ */

/* ck_assert_msg records a checkpoint on every call (a write per assertion in fork mode);
 * the millions of checks here call Check only when one fails. */
#define REQUIRE(cond, ...)                                                                   \
  do {                                                                                       \
    if (!(cond))                                                                             \
      ck_abort_msg(__VA_ARGS__);                                                             \
  } while (0)

static const char *mutant_path; /* for messages */

static void check_status(int st, const char *what)
{
  if (st != NUTMM_SUCCESS)
    REQUIRE(nutmm_error_reason()[0] != '\0', "%s on %s: status %d without a reason", what,
                  mutant_path, st);
}

static void check_generic(const char *path)
{
  nutmm_error_clear();
  nutmm_table *t = NULL;
  int st = nutmm_table_read(path, &t);
  check_status(st, "nutmm_table_read");
  if (st == NUTMM_SUCCESS) {
    size_t rows = nutmm_table_rows(t);
    REQUIRE(rows > 0, "%s: success with no rows", path);
    for (size_t r = 0; r < rows; r++) {
      size_t cols = nutmm_table_cols(t, r);
      REQUIRE(cols > 0, "%s: row %zu has no tokens", path, r);
      for (size_t c = 0; c < cols && c < 64; c++) {
        const char *s = nutmm_table_string(t, r, c);
        REQUIRE(s != NULL && s[0] != '\0', "%s: empty token at (%zu, %zu)", path, r, c);
        double x = NAN;
        nutmm_error_clear();
        int sd = nutmm_table_double(t, r, c, &x);
        check_status(sd, "nutmm_table_double");
        if (sd == NUTMM_SUCCESS)
          REQUIRE(isfinite(x), "%s: non-finite %g at (%zu, %zu)", path, x, r, c);
      }
      REQUIRE(nutmm_table_string(t, r, cols) == NULL, "%s: token past row end", path);
    }
    nutmm_table_free(t);
  } else {
    REQUIRE(t == NULL, "%s: table left on error", path);
  }
}

static void check_flux(nutmm_flux *f, int st, const char *what)
{
  check_status(st, what);
  if (st != NUTMM_SUCCESS || f == NULL)
    return;
  for (size_t i = 0; i < nutmm_flux_ncomponents(f); i++) {
    double phi = NAN;
    nutmm_error_clear();
    int s = nutmm_flux_total(f, i, &phi);
    check_status(s, "nutmm_flux_total");
    if (s == NUTMM_SUCCESS)
      REQUIRE(isfinite(phi) && phi >= 0.0, "%s on %s: component %zu total %g", what,
                    mutant_path, i, phi);
  }
}

static void check_file_readers(const char *path)
{
  nutmm_flux *f = NULL;
  REQUIRE(nutmm_flux_alloc(&f) == NUTMM_SUCCESS, "nutmm_flux_alloc");
  nutmm_error_clear();
  check_flux(f, nutmm_flux_add_table_file(f, NUTMM_NU_E, 0, "fuzz", path),
             "nutmm_flux_add_table_file");
  nutmm_error_clear();
  check_flux(f, nutmm_flux_add_lines_file(f, NUTMM_NU_E, 0, "fuzz", path),
             "nutmm_flux_add_lines_file");
  nutmm_flux_free(f);

  nutmm_detector *d = NULL;
  REQUIRE(nutmm_detector_alloc(&d) == NUTMM_SUCCESS, "nutmm_detector_alloc");
  nutmm_error_clear();
  int st = nutmm_detector_set_efficiency_file(d, NUTMM_EFF_OBSERVABLE, path, 0, 1, 1.0,
                                              NUTMM_EFF_OUTSIDE_ZERO);
  check_status(st, "nutmm_detector_set_efficiency_file");
  if (st == NUTMM_SUCCESS) {
    double eps = NAN;
    nutmm_error_clear();
    int se = nutmm_detector_efficiency(d, NUTMM_EFF_OBSERVABLE, 1.0, &eps);
    check_status(se, "nutmm_detector_efficiency");
    if (se == NUTMM_SUCCESS)
      REQUIRE(isfinite(eps) && eps >= 0.0 && eps <= 1.0, "%s: efficiency %g", path, eps);
  }
  nutmm_detector_free(d);
}

/* The library's own reader of data file `name`, reading from the private $NUTMM_DATADIR. */
static void check_consumer(const char *name)
{
  nutmm_flux *f = NULL;
  int st;
  nutmm_error_clear();
  if (strncmp(name, "nuclear/", 8) == 0 || strncmp(name, "atomic/", 7) == 0) {
    nutmm_target *t = NULL;
    st = nutmm_target_alloc("CsI", &t);
    check_status(st, "nutmm_target_alloc");
    if (st == NUTMM_SUCCESS) {
      double m = nutmm_target_molar_mass(t);
      REQUIRE(isfinite(m) && m > 0.0, "%s: molar mass %g", mutant_path, m);
      REQUIRE(isfinite(nutmm_target_electrons_per_kg(t)), "%s: electrons", mutant_path);
    }
    nutmm_target_free(t);
    nutmm_atom a;
    nutmm_nucleus nuc;
    nutmm_error_clear();
    check_status(nutmm_atom_lookup("Xe", &a), "nutmm_atom_lookup");
    nutmm_error_clear();
    check_status(nutmm_nucleus_lookup("Xe131", &nuc), "nutmm_nucleus_lookup");
  } else if (strncmp(name, "solar/", 6) == 0) {
    nutmm_solar_options o;
    st = nutmm_flux_solar_options_default(&o); /* reads solar/fluxes.dat */
    check_status(st, "nutmm_flux_solar_options_default");
    if (st == NUTMM_SUCCESS) {
      nutmm_error_clear();
      st = nutmm_flux_solar_alloc(&o, &f);
      check_flux(f, st, "nutmm_flux_solar_alloc");
    }
  } else if (strncmp(name, "reactor/", 8) == 0) {
    nutmm_reactor_options o;
    nutmm_flux_reactor_options_default(&o);
    st = nutmm_flux_reactor_alloc(&o, &f);
    check_flux(f, st, "nutmm_flux_reactor_alloc");
  } else if (strncmp(name, "cr51/", 5) == 0) {
    nutmm_cr51_params p;
    nutmm_flux_cr51_params_default(&p);
    st = nutmm_flux_cr51_alloc(&p, &f);
    check_flux(f, st, "nutmm_flux_cr51_alloc");
  }
  nutmm_flux_free(f);
}

static void write_bytes(const char *path, const buf *b)
{
  FILE *out = fopen(path, "wb");
  REQUIRE(out != NULL, "cannot write %s", path);
  REQUIRE(fwrite(b->p, 1, b->n, out) == b->n, "cannot write %s", path);
  REQUIRE(fclose(out) == 0, "cannot write %s", path);
}

static char private_dir[64];

START_TEST(test_fuzz_table)
{
  find_tables();
  REQUIRE(ntables >= 20, "found only %zu tables under %s", ntables, NUTMM_TEST_DATA_DIR);
  const char *name = tables[_i];
  /* a private copy of data/: $NUTMM_DATADIR is the only place the consumers search */
  snprintf(private_dir, sizeof private_dir, "/tmp/nutmm_fuzz_XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(private_dir));
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "cp -R '%s'/. '%s'", NUTMM_TEST_DATA_DIR, private_dir);
  ck_assert_int_eq(system(cmd), 0);
  ck_assert_int_eq(setenv(NUTMM_DATADIR_ENV, private_dir, 1), 0);
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", private_dir, name);
  mutant_path = path;

  FILE *in = fopen(path, "rb");
  ck_assert_ptr_nonnull(in);
  buf orig = {0}, b = {0};
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
    buf_reserve(&orig, orig.n + got + 1);
    memcpy(orig.p + orig.n, chunk, got);
    orig.n += got;
  }
  fclose(in);

  /* the shipped table itself is valid for every reader that accepts it */
  check_generic(path);
  check_consumer(name);

  rng_state = 0x9E3779B97F4A7C15ULL ^ (uint64_t)(_i + 1) * 0xBF58476D1CE4E5B9ULL;
  for (int k = 0; k < FUZZ_PER_TABLE; k++) {
    buf_set(&b, orig.p, orig.n);
    for (size_t m = 0, nm = 1 + rng_below(3); m < nm; m++)
      mutate_once(&b);
    write_bytes(path, &b);
    check_generic(path);
    check_file_readers(path);
    if (k % CONSUMER_EVERY == 0)
      check_consumer(name);
  }
  /* the special files: empty, a directory, a FIFO (must not block) */
  buf_set(&b, "", 0);
  write_bytes(path, &b);
  check_generic(path);
  check_consumer(name);
  ck_assert_int_eq(unlink(path), 0);
  ck_assert_int_eq(mkdir(path, 0700), 0);
  ck_assert_int_ne(nutmm_table_read(path, &(nutmm_table *){NULL}), NUTMM_SUCCESS);
  check_consumer(name);
  ck_assert_int_eq(rmdir(path), 0);
  ck_assert_int_eq(mkfifo(path, 0600), 0);
  nutmm_table *t = NULL;
  ck_assert_int_eq(nutmm_table_read(path, &t), NUTMM_EIO);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "not a regular file"));
  check_consumer(name);
  ck_assert_int_eq(unlink(path), 0);

  free(orig.p);
  free(b.p);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", private_dir);
  ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A file above NUTMM_TABLE_MAX_BYTES is refused before it is read (a sparse file: no disk). */
START_TEST(test_size_limit)
{
  char dir[] = "/tmp/nutmm_fuzz_big_XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/big.dat", dir);
  FILE *f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  fputs("1 2\n", f);
  fclose(f);
  ck_assert_int_eq(truncate(path, (off_t)NUTMM_TABLE_MAX_BYTES + 1), 0);
  nutmm_table *t = NULL;
  ck_assert_int_eq(nutmm_table_read(path, &t), NUTMM_EIO);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "size limit"));
  ck_assert_ptr_null(t);
  unlink(path);
  rmdir(dir);
}
END_TEST

/* $NUTMM_DATADIR set: the only place searched (issue 10, data.h).  A missing directory or a
 * missing file is an error naming the variable, never the source tree's copy. */
START_TEST(test_datadir_strict)
{
  nutmm_target *t = NULL;
  ck_assert_int_eq(setenv(NUTMM_DATADIR_ENV, "/nonexistent/nutmm-data", 1), 0);
  ck_assert_int_eq(nutmm_target_alloc("Xe", &t), NUTMM_ENOTFOUND);
  ck_assert_ptr_null(t);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "$NUTMM_DATADIR"));
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "/nonexistent/nutmm-data"));
  /* a directory holding only the nuclear and atomic tables: targets work, solar does not */
  char dir[] = "/tmp/nutmm_fuzz_dd_XXXXXX", cmd[1024];
  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(cmd, sizeof cmd, "cp -R '%s/nuclear' '%s/atomic' '%s'/", NUTMM_TEST_DATA_DIR,
           NUTMM_TEST_DATA_DIR, dir);
  ck_assert_int_eq(system(cmd), 0);
  ck_assert_int_eq(setenv(NUTMM_DATADIR_ENV, dir, 1), 0);
  ck_assert_int_eq(nutmm_target_alloc("Xe", &t), NUTMM_SUCCESS);
  nutmm_target_free(t);
  nutmm_solar_options o;
  ck_assert_int_eq(nutmm_flux_solar_options_default(&o), NUTMM_ENOTFOUND);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "$NUTMM_DATADIR"));
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "solar/fluxes.dat"));
  char buf[4096];
  ck_assert_int_eq(nutmm_data_path("solar/pp.dat", buf, sizeof buf), NUTMM_ENOTFOUND);
  ck_assert_str_eq(buf, "");
  /* the explicit-directory form: the same strictness, naming the directory */
  ck_assert_int_eq(nutmm_data_path_in(dir, "nuclear/nuclei.dat", buf, sizeof buf),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_data_path_in(dir, "solar/pp.dat", buf, sizeof buf), NUTMM_ENOTFOUND);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), dir));
  ck_assert_int_eq(nutmm_data_path_in(NUTMM_TEST_DATA_DIR, "solar", buf, sizeof buf),
                   NUTMM_ENOTFOUND); /* a directory is not a data file */
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  ck_assert_int_eq(system(cmd), 0);
  /* set but empty: as if unset (installed data, then the source tree) */
  ck_assert_int_eq(setenv(NUTMM_DATADIR_ENV, "", 1), 0);
  ck_assert_int_eq(nutmm_data_path("solar/pp.dat", buf, sizeof buf), NUTMM_SUCCESS);
}
END_TEST

/* Target names (target.h grammar): the three isotope spellings agree, an element symbol with
 * a number is always an isotope, and an unknown isotope is an error, never a formula. */
START_TEST(test_target_grammar)
{
  ck_assert_int_eq(setenv(NUTMM_DATADIR_ENV, NUTMM_TEST_DATA_DIR, 1), 0);
  const char *same[] = {"Cs133", "Cs-133", "133Cs"};
  double m0 = 0.0;
  for (int i = 0; i < 3; i++) {
    nutmm_target *t = NULL;
    ck_assert_int_eq(nutmm_target_alloc(same[i], &t), NUTMM_SUCCESS);
    ck_assert_uint_eq(nutmm_target_n_nuclei(t), 1);
    if (i == 0)
      m0 = nutmm_target_molar_mass(t);
    ck_assert(nutmm_target_molar_mass(t) == m0);
    nutmm_target_free(t);
  }
  ck_assert(m0 > 132.9 && m0 < 133.0);
  const char *unknown[] = {"Cs999", "Cs-999", "999Cs", "Cs0133", "Cs134", "O2", "Cs401", "Cs0"};
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    nutmm_target *t = NULL;
    ck_assert_int_eq(nutmm_target_alloc(unknown[i], &t), NUTMM_ENOTFOUND);
    ck_assert_ptr_null(t);
    ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "isotope"));
    nutmm_nucleus n;
    ck_assert_int_eq(nutmm_nucleus_lookup(unknown[i], &n), NUTMM_ENOTFOUND);
  }
  /* formulas keep working: CsI has two elements, one formula unit = m(Cs) + m(I) */
  nutmm_target *t = NULL;
  ck_assert_int_eq(nutmm_target_alloc("CsI", &t), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_target_n_atoms(t), 2);
  ck_assert(nutmm_target_molar_mass(t) > 259.8 && nutmm_target_molar_mass(t) < 259.82);
  nutmm_target_free(t);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("table_fuzz");
  TCase *tc = tcase_create("fuzz");
  tcase_set_timeout(tc, 600);
  find_tables();
  tcase_add_loop_test(tc, test_fuzz_table, 0, ntables > 0 ? (int)ntables : 1);
  tcase_add_test(tc, test_size_limit);
  tcase_add_test(tc, test_datadir_strict);
  tcase_add_test(tc, test_target_grammar);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
