/** @file
 * @brief libnutmm -- finding and reading the plain-text data tables.
 *
 * Format of every libnutmm data file (see data/README.md): UTF-8 text; '#'
 * starts a comment that runs to the end of the line (whole-line comments
 * carry what the file is, its units, columns and source); blank lines are
 * ignored; other lines are whitespace-separated columns.
 *
 * Data directory lookup (nutmm_data_path):
 * ~~~
 *   - if the environment variable NUTMM_DATADIR is set and not empty, that
 *     directory is the ONLY place searched: a missing directory or a missing
 *     file there is an error naming the variable, never a fall-back to another
 *     data set (a private data directory must therefore hold every file the
 *     calls need; copy data/ and edit the copy);
 *   - otherwise the installed data directory (`<prefix>/share/nutmm`), then the
 *     source tree's data/ directory (for uninstalled builds), first hit wins.
 * ~~~
 * nutmm_data_path_in() looks in one explicit directory only, with the same
 * strictness.
 *
 * The table reader reads regular files only (a directory, FIFO, device or
 * socket is refused without blocking) of at most NUTMM_TABLE_MAX_BYTES bytes.
 */
#ifndef NUTMM_DATA_H
#define NUTMM_DATA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Environment variable naming the data directory. */
#define NUTMM_DATADIR_ENV "NUTMM_DATADIR"

/** Largest table file nutmm_table_read() accepts: 64 MiB, some 500 times the
 * largest shipped table (118 kB). */
#define NUTMM_TABLE_MAX_BYTES (64ULL * 1024 * 1024)

/** Full path of data file `name` (e.g. "solar/pp.dat") into buf[size], by
 * the lookup rule above.  Errors: NUTMM_ENOTFOUND (no regular file there; the
 * reason names $NUTMM_DATADIR when it is set, else the places tried),
 * NUTMM_EBADLEN (buf too small), NUTMM_EFAULT.  buf is "" on error. */
int nutmm_data_path(const char *name, char *buf, size_t size);

/** Full path of data file `name` in the explicit directory `dir` only.
 * Errors: NUTMM_ENOTFOUND (dir missing or not a directory, or no regular file
 * `name` in it; the reason names dir), NUTMM_EINVAL (dir ""), NUTMM_EBADLEN,
 * NUTMM_EFAULT.  buf is "" on error. */
int nutmm_data_path_in(const char *dir, const char *name, char *buf, size_t size);

/** A parsed table: rows of string tokens, each row remembering its line. */
typedef struct nutmm_table nutmm_table;

/** Read a table from an explicit path.  Errors: NUTMM_EIO (cannot open or
 * read, not a regular file, larger than NUTMM_TABLE_MAX_BYTES), NUTMM_EFORMAT
 * (no data rows, NUL byte), NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_table_read(const char *path, nutmm_table **table);

/** nutmm_data_path() followed by nutmm_table_read(). */
int nutmm_table_read_data(const char *name, nutmm_table **table);

void nutmm_table_free(nutmm_table *table);

size_t nutmm_table_rows(const nutmm_table *table);
/** Number of columns of data row `row` (0 if out of range). */
size_t nutmm_table_cols(const nutmm_table *table, size_t row);
/** Line number (1-based) of data row `row` in the file. */
size_t nutmm_table_line(const nutmm_table *table, size_t row);
const char *nutmm_table_path(const nutmm_table *table);
/** Token at (row, col), or NULL if out of range. */
const char *nutmm_table_string(const nutmm_table *table, size_t row, size_t col);

/** Parse (row, col) as a finite double.  Errors: NUTMM_EFORMAT naming file,
 * line and column ("pp.dat:17: column 2: 'abc' is not a finite number"),
 * also for a missing column or a "nan"/"inf" token. */
int nutmm_table_double(const nutmm_table *table, size_t row, size_t col, double *x);

/** Require at least `ncols` columns in every row (NUTMM_EFORMAT otherwise). */
int nutmm_table_require_cols(const nutmm_table *table, size_t ncols);

/** Copy column `col` of all rows as doubles into x[nutmm_table_rows()].
 * If `strictly_increasing` is non-zero, also require x[i] < x[i+1]
 * (tabulated abscissae: energies must be sorted). */
int nutmm_table_column(const nutmm_table *table, size_t col, int strictly_increasing,
                       double *x);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_DATA_H */
