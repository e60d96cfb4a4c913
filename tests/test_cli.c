/* Every experiment program refuses bad option values with a one-line error and a non-zero
 * exit (issue 10 sec. 6), and no output carries a non-finite number except the limit
 * columns of rows whose status is not `ok`. */
#define _POSIX_C_SOURCE 200809L /* popen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#ifndef NUTMM_EXAMPLES_DIR
#error "meson passes NUTMM_EXAMPLES_DIR"
#endif

static const char *const programs[] = {"xenon1t", "coherent-csi", "coherent-lar", "texono",
                                       "cenns750", "cr51-cens", "cr51-lxe", "xenonnt"};

static const char *const bad[] = {
    "spectrum --m4 nan",
    "spectrum --m4 inf",
    "spectrum --mu -inf",
    "spectrum --mu 1e308",     /* the signal overflows */
    "spectrum --mu 1e200",
    "chi2 --m4 1 --mu 1e200",
    "spectrum --m4 ''",        /* empty */
    "spectrum --m4 abc",       /* non-numeric */
    "spectrum --m4 1x",
    "spectrum --m4",           /* missing argument */
    "spectrum --bogus 1",      /* unknown option */
    "spectrum stray",
    "limit --points 0",
    "limit --points 2.5",
    "limit --m4-min 2 --m4-max 1",
    "limit --m4-min 0",
    "spectrum --set nosuch=1", /* unknown --set name */
    "spectrum --set",
    "spectrum --flavor x",
    "spectrum --delta -1",
    "limit --one-sided --delta 2", /* two thresholds */
    "spectrum --ue4 2",
    "spectrum --th12 1e308",
    "frobnicate",
    "",
};

/* Run; return the exit status, the number of stderr lines that are not '#' notes and the
 * first such line. */
static int run(const char *prog, const char *args, int *lines, char *first, size_t size)
{
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "'%s/nutmm-%s' %s 2>&1 >/dev/null", NUTMM_EXAMPLES_DIR, prog, args);
  FILE *p = popen(cmd, "r");
  ck_assert_ptr_nonnull(p);
  char line[4096];
  *lines = 0;
  first[0] = '\0';
  while (fgets(line, sizeof line, p))
    if (line[0] != '#') {
      if (*lines == 0)
        snprintf(first, size, "%s", line);
      (*lines)++;
    }
  return pclose(p);
}

START_TEST(test_bad_options)
{
  const char *prog = programs[_i];
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    int lines;
    char first[4096];
    int st = run(prog, bad[k], &lines, first, sizeof first);
    ck_assert_msg(st != 0, "nutmm-%s %s: accepted", prog, bad[k]);
    /* usage for no command; otherwise one line naming the program */
    if (bad[k][0] == '\0')
      continue;
    ck_assert_msg(lines == 1, "nutmm-%s %s: %d lines of error (%s)", prog, bad[k], lines, first);
    ck_assert_msg(strncmp(first, "nutmm-", 6) == 0, "nutmm-%s %s: '%s'", prog, bad[k], first);
  }
}
END_TEST

/* No nan/inf in any output, except limit cells of non-ok rows; non-ok rows say why. */
START_TEST(test_finite_outputs)
{
  const char *prog = programs[_i];
  const char *cmds[] = {"spectrum", "chi2 --m4 0.01 --mu 1e-10",
                        "limit --points 12 --m4-min 1e-3 --m4-max 100"};
  for (size_t k = 0; k < 3; k++) {
    char cmd[1024], line[8192];
    snprintf(cmd, sizeof cmd, "'%s/nutmm-%s' %s 2>/dev/null", NUTMM_EXAMPLES_DIR, prog, cmds[k]);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t rows = 0;
    while (fgets(line, sizeof line, p)) {
      const char *tab = strrchr(line, '\t');
      const int status_ok = k < 2 || (tab && strncmp(tab + 1, "ok", 2) == 0);
      const int has_bad = strstr(line, "nan") || strstr(line, "inf");
      if (rows > 0 && has_bad)
        ck_assert_msg(!status_ok && k == 2, "nutmm-%s %s: non-finite output '%s'", prog, cmds[k],
                      line);
      rows++;
    }
    ck_assert_int_eq(pclose(p), 0);
    if (k == 2)
      ck_assert_uint_eq(rows, 13); /* header + one row per requested m4 */
  }
}
END_TEST

/* Read all of a command's stdout. */
static void slurp(const char *cmd, char *buf, size_t size)
{
  FILE *p = popen(cmd, "r");
  ck_assert_ptr_nonnull(p);
  size_t n = fread(buf, 1, size - 1, p);
  buf[n] = '\0';
  ck_assert_int_eq(pclose(p), 0);
}

/* A limit scan prints the same bytes on 1 and on 2 threads (scan.h: bit-identical). */
START_TEST(test_threads_identical)
{
  static char one[65536], two[65536];
  char cmd[1024];
  const char *prog = programs[_i];
  snprintf(cmd, sizeof cmd, "'%s/nutmm-%s' limit --points 16 --threads 1 2>/dev/null",
           NUTMM_EXAMPLES_DIR, prog);
  slurp(cmd, one, sizeof one);
  snprintf(cmd, sizeof cmd, "'%s/nutmm-%s' limit --points 16 --threads 2 2>/dev/null",
           NUTMM_EXAMPLES_DIR, prog);
  slurp(cmd, two, sizeof two);
  ck_assert_msg(strlen(one) > 100, "nutmm-%s: short output", prog);
  ck_assert_str_eq(one, two);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("cli");
  TCase *tc = tcase_create("cli");
  tcase_set_timeout(tc, 240);
  const int n = (int)(sizeof programs / sizeof programs[0]);
  tcase_add_loop_test(tc, test_bad_options, 0, n);
  tcase_add_loop_test(tc, test_finite_outputs, 0, n);
  tcase_add_loop_test(tc, test_threads_identical, 0, n);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
