/* Golden regression: every program's output, for the cases of tests/golden/cases.tsv, equals
 * the recorded one (tests/golden/out/NNN.tsv) cell by cell: text cells exactly, numbers to
 * 1e-9 relative.  chi^2 differences (values near zero by construction) also get 1e-9 absolute.
 * The recorded outputs were taken before the analysis moved into the library; outputs whose
 * physics changed on purpose since were re-recorded and are listed, with the reason, in
 * tests/golden/changed.tsv. */
#define _POSIX_C_SOURCE 200809L /* popen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#ifndef NUTMM_GOLDEN_DIR
#error "meson passes NUTMM_GOLDEN_DIR"
#endif
#ifndef NUTMM_EXAMPLES_DIR
#error "meson passes NUTMM_EXAMPLES_DIR"
#endif

#define GOLDEN_REL 1e-9
#define GOLDEN_CHI2_ABS 1e-9
#define GOLDEN_MAX_CASES 512
#define GOLDEN_LINE 65536

typedef struct {
  char prog[64];
  char args[512];
} golden_case;

static golden_case cases[GOLDEN_MAX_CASES];
static int ncases;

static void load_cases(void)
{
  FILE *f = fopen(NUTMM_GOLDEN_DIR "/cases.tsv", "r");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", NUTMM_GOLDEN_DIR "/cases.tsv");
    exit(EXIT_FAILURE);
  }
  char line[1024];
  ncases = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
      continue;
    char *tab = strchr(line, '\t');
    if (ncases == GOLDEN_MAX_CASES || !tab) {
      fprintf(stderr, "cases.tsv: too many cases or no tab in '%s'\n", line);
      exit(EXIT_FAILURE);
    }
    *tab = '\0';
    if (strlen(line) >= sizeof cases[ncases].prog || strlen(tab + 1) >= sizeof cases[ncases].args) {
      fprintf(stderr, "cases.tsv: case too long: '%s'\n", line);
      exit(EXIT_FAILURE);
    }
    memcpy(cases[ncases].prog, line, strlen(line) + 1);
    memcpy(cases[ncases].args, tab + 1, strlen(tab + 1) + 1);
    ncases++;
  }
  fclose(f);
}

/* Compare one cell; `chi2_like` adds the absolute floor. */
static int cells_match(const char *got, const char *want, int chi2_like)
{
  char *eg, *ew;
  double g = strtod(got, &eg), w = strtod(want, &ew);
  int gnum = eg != got && *eg == '\0', wnum = ew != want && *ew == '\0';
  if (!gnum || !wnum)
    return strcmp(got, want) == 0;
  if (g == w)
    return 1;
  double tol = GOLDEN_REL * fmax(fabs(g), fabs(w)) + (chi2_like ? GOLDEN_CHI2_ABS : 0.0);
  return fabs(g - w) <= tol;
}

/* Compare two lines cell by cell; returns the 1-based failing cell or 0. */
static int lines_match(char *got, char *want, int chi2_row)
{
  char *sg = NULL, *sw = NULL;
  char *g = strtok_r(got, "\t", &sg), *w = strtok_r(want, "\t", &sw);
  int cell = 1;
  int chi2_like = chi2_row;
  while (g && w) {
    if (cell == 1 && strstr(g, "chi2"))
      chi2_like = 1;
    if (!cells_match(g, w, chi2_like))
      return cell;
    g = strtok_r(NULL, "\t", &sg);
    w = strtok_r(NULL, "\t", &sw);
    cell++;
  }
  return (g || w) ? cell : 0;
}

START_TEST(test_case)
{
  ck_assert_msg(_i < ncases, "case %d of %d", _i + 1, ncases);
  const golden_case *c = &cases[_i];
  char cmd[1024], path[512];
  snprintf(cmd, sizeof cmd, "OMP_NUM_THREADS=1 '%s/nutmm-%s' %s 2>/dev/null", NUTMM_EXAMPLES_DIR,
           c->prog, c->args);
  snprintf(path, sizeof path, "%s/out/%03d.tsv", NUTMM_GOLDEN_DIR, _i + 1);
  FILE *want = fopen(path, "r");
  ck_assert_msg(want != NULL, "cannot open %s", path);
  FILE *got = popen(cmd, "r");
  ck_assert_msg(got != NULL, "cannot run %s", cmd);
  static char lg[GOLDEN_LINE], lw[GOLDEN_LINE];
  int lineno = 0, chi2_table = 0;
  for (;;) {
    char *rg = fgets(lg, sizeof lg, got), *rw = fgets(lw, sizeof lw, want);
    lineno++;
    if (!rg || !rw) {
      ck_assert_msg(!rg && !rw, "%s: output has %s lines than %s (line %d)", cmd,
                    rg ? "more" : "fewer", path, lineno);
      break;
    }
    lg[strcspn(lg, "\r\n")] = '\0';
    lw[strcspn(lw, "\r\n")] = '\0';
    if (lineno == 1)
      chi2_table = strncmp(lw, "quantity", 8) == 0 ? 0 : strstr(lw, "chi2") != NULL;
    char keep[256];
    size_t nkeep = strlen(lg) < sizeof keep - 1 ? strlen(lg) : sizeof keep - 1;
    memcpy(keep, lg, nkeep); /* for the message: lines_match() cuts lg */
    keep[nkeep] = '\0';
    int bad = lines_match(lg, lw, chi2_table);
    ck_assert_msg(bad == 0, "%s: line %d, cell %d differs from %s\n  got:  %s", cmd, lineno, bad,
                  path, keep);
  }
  fclose(want);
  ck_assert_msg(pclose(got) == 0, "%s exited non-zero", cmd);
}
END_TEST

int main(void)
{
  load_cases();
  Suite *s = suite_create("golden");
  TCase *tc = tcase_create("programs");
  tcase_set_timeout(tc, 120);
  tcase_add_loop_test(tc, test_case, 0, ncases);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
