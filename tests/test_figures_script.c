/* examples/figures.sh end to end: every table it promises exists, names its producer in a
 * provenance line and carries the columns the plots read; with a cairo-capable gnuplot every
 * figure exists as a PNG and a PDF.  A second run through wrapper programs that add a trailing
 * `status` column and non-finite rows (the shape the library scans will give limit tables)
 * must draw the same PNGs as the plain run: the plots skip rows that are not finite or not
 * "ok" (a missed "no-sensitivity" row at m4 = 1000 MeV would stretch the axes). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "testutil.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  const char *file;    /* TSV in the output directory */
  const char *program; /* nutmm-<program> that must head its provenance line */
  const char *columns; /* space-separated header names the figure reads */
} promised;

static const promised tables[] = {
    {"fig3_xenon1t_e.tsv", "xenon1t limit --flavor e", "m4_MeV mu_low_muB mu_high_muB"},
    {"fig3_xenon1t_mu.tsv", "xenon1t limit --flavor mu", "m4_MeV mu_low_muB mu_high_muB"},
    {"fig3_coherent_csi.tsv", "coherent-csi limit", "m4_MeV mu_90CL_muB"},
    {"fig3_coherent_lar.tsv", "coherent-lar limit", "m4_MeV mu_90CL_muB"},
    {"fig3_cenns750.tsv", "cenns750 limit", "m4_MeV mu_90CL_muB"},
    {"fig3_texono.tsv", "texono limit", "m4_MeV mu_90CL_muB"},
    {"fig3_cr51_cens_si.tsv", "cr51-cens limit --target si", "m4_MeV mu_90CL_muB"},
    {"fig3_cr51_cens_ge.tsv", "cr51-cens limit --target ge", "m4_MeV mu_90CL_muB"},
    {"fig3_cr51_cens_al2o3.tsv", "cr51-cens limit --target al2o3", "m4_MeV mu_90CL_muB"},
    {"fig3_cr51_cens_cawo4.tsv", "cr51-cens limit --target cawo4", "m4_MeV mu_90CL_muB"},
    {"fig3_cr51_lxe_A.tsv", "cr51-lxe limit --config A", "m4_MeV mu_90CL_muB"},
    {"fig3_cr51_lxe_B.tsv", "cr51-lxe limit --config B", "m4_MeV mu_90CL_muB"},
    {"fig3_cr51_lxe_C.tsv", "cr51-lxe limit --config C", "m4_MeV mu_90CL_muB"},
    {"fig4_lambda14_xenon1t.tsv", "xenon1t limit --param lambda14",
     "m4_MeV lambda14_low_muB lambda14_high_muB"},
    {"fig4_lambda24_xenon1t.tsv", "xenon1t limit --param lambda24",
     "m4_MeV lambda24_low_muB lambda24_high_muB"},
    {"fig4_lambda34_xenon1t.tsv", "xenon1t limit --param lambda34",
     "m4_MeV lambda34_low_muB lambda34_high_muB"},
    {"fig4_lambda14_coherent_csi.tsv", "coherent-csi limit --param lambda14", "m4_MeV lambda14_90CL_muB"},
    {"fig4_lambda24_coherent_lar.tsv", "coherent-lar limit --param lambda24", "m4_MeV lambda24_90CL_muB"},
    {"fig4_lambda34_cenns750.tsv", "cenns750 limit --param lambda34", "m4_MeV lambda34_90CL_muB"},
    {"fig4_lambda14_texono.tsv", "texono limit --param lambda14", "m4_MeV lambda14_90CL_muB"},
    {"fig4_lambda24_cr51_cens_ge.tsv", "cr51-cens limit --target ge --param lambda24",
     "m4_MeV lambda24_90CL_muB"},
    {"fig4_lambda34_cr51_lxe_C.tsv", "cr51-lxe limit --config C --param lambda34",
     "m4_MeV lambda34_90CL_muB"},
    {"fig4_lambda14_current_fixed.tsv", "scan limit", "m4_MeV lambda14_limit status"},
    {"fig4_lambda34_future_profiled.tsv", "scan limit", "m4_MeV lambda34_limit status"},
    {"fig3_xenonnt_e.tsv", "xenonnt limit --flavor e", "m4_MeV mu_90CL_muB"},
    {"fig3_xenonnt_mu.tsv", "xenonnt limit --flavor mu", "m4_MeV mu_90CL_muB"},
    {"fig4_lambda14_xenonnt.tsv", "xenonnt limit --param lambda14", "m4_MeV lambda14_90CL_muB"},
    {"fig4_lambda24_xenonnt.tsv", "xenonnt limit --param lambda24", "m4_MeV lambda24_90CL_muB"},
    {"fig4_lambda34_xenonnt.tsv", "xenonnt limit --param lambda34", "m4_MeV lambda34_90CL_muB"},
    {"fig1_xenon1t.tsv", "xenon1t spectrum", "E_keV_lo E_keV_hi observed bkg_B0 total"},
    {"fig1_texono.tsv", "texono spectrum", "T_MeV_lo T_MeV_hi observed sm total"},
    {"fig1_cr51_lxe_A.tsv", "cr51-lxe spectrum", "T_keV_lo T_keV_hi observed sm total"},
    {"fig1_cr51_lxe_C.tsv", "cr51-lxe spectrum", "T_keV_lo T_keV_hi observed sm total"},
    {"fig2_coherent_csi.tsv", "coherent-csi spectrum",
     "nPE_lo nPE_hi observed bkg_prompt_neutron sm total"},
    {"fig2_coherent_lar.tsv", "coherent-lar spectrum",
     "E_keVee_lo E_keVee_hi observed bkg_prompt_BRN bkg_delayed_BRN sm total"},
    {"fig2_cr51_cens_si.tsv", "cr51-cens spectrum", "T_eV_lo T_eV_hi observed sm total"},
    {"fig2_cr51_cens_cawo4.tsv", "cr51-cens spectrum", "T_eV_lo T_eV_hi observed sm total"},
};

static const char *figures[] = {"fig1", "fig2", "fig3", "fig4"};

static int have_cairo_gnuplot(void)
{
  return system("gnuplot -e 'set terminal' 2>&1 | grep -q pdfcairo") == 0;
}

static void run_script(const char *bindir, const char *outdir)
{
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "POINTS=4 sh '%s' '%s' '%s' 2>%s/stderr.log", NUTMM_FIGURES_SCRIPT,
           bindir, outdir, outdir);
  ck_assert_msg(system(cmd) == 0, "%s failed (see %s/stderr.log)", cmd, outdir);
}

/* Whether the tab-separated header line has the column `name`. */
static int has_column(const char *header, const char *name)
{
  size_t n = strlen(name);
  for (const char *p = header; (p = strstr(p, name)) != NULL; p += n) {
    int start = p == header || p[-1] == '\t';
    int end = p[n] == '\t' || p[n] == '\n' || p[n] == '\0';
    if (start && end)
      return 1;
  }
  return 0;
}

static void check_table(const char *dir, const promised *t)
{
  char path[2048], line[8192], header[8192] = "";
  snprintf(path, sizeof path, "%s/%s", dir, t->file);
  FILE *f = fopen(path, "r");
  ck_assert_msg(f != NULL, "%s missing", path);
  ck_assert_msg(fgets(line, sizeof line, f) != NULL, "%s empty", path);
  char want[256];
  snprintf(want, sizeof want, "# nutmm-%s", t->program);
  ck_assert_msg(strncmp(line, want, strlen(want)) == 0, "%s: provenance line '%s' lacks '%s'",
                path, line, want);
  ck_assert_msg(strstr(line, "libnutmm ") != NULL, "%s: no version in '%s'", path, line);
  size_t rows = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#')
      continue;
    if (!header[0])
      snprintf(header, sizeof header, "%s", line);
    else
      rows++;
  }
  fclose(f);
  ck_assert_msg(rows >= 1, "%s: no data rows", path);
  char cols[512];
  snprintf(cols, sizeof cols, "%s", t->columns);
  char *save = NULL;
  for (char *c = strtok_r(cols, " ", &save); c; c = strtok_r(NULL, " ", &save))
    ck_assert_msg(has_column(header, c), "%s: column %s missing from '%s'", path, c, header);
}

/* Every figure as a PNG and a PDF, non-empty, with the formats' magic bytes. */
static void check_images(const char *dir)
{
  for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
    const char *ext[] = {"png", "pdf"};
    const char *magic[] = {"\x89PNG", "%PDF"};
    for (int k = 0; k < 2; k++) {
      char path[2048], head[4] = {0};
      snprintf(path, sizeof path, "%s/%s.%s", dir, figures[i], ext[k]);
      struct stat st;
      ck_assert_msg(stat(path, &st) == 0 && st.st_size > 1000, "%s missing or tiny", path);
      FILE *f = fopen(path, "rb");
      ck_assert(f != NULL);
      ck_assert_uint_eq(fread(head, 1, 4, f), 4);
      fclose(f);
      ck_assert_msg(memcmp(head, magic[k], 4) == 0, "%s is not a %s file", path, ext[k]);
    }
  }
}

static void remove_dir(const char *dir)
{
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_tables_and_images)
{
  char dir[] = "/tmp/nutmm-figscript-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  run_script(NUTMM_EXAMPLES_DIR, dir);
  for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
    check_table(dir, &tables[i]);
  if (have_cairo_gnuplot())
    check_images(dir);
  else
    fprintf(stderr, "test_figures_script: no gnuplot with cairo terminals, images not checked\n");
  remove_dir(dir);
}
END_TEST

/* Wrappers around the real programs: `limit` tables gain a trailing status column ("ok") and
 * two rows the plots must skip, one with inf and one "no-sensitivity". */
START_TEST(test_status_and_inf_rows)
{
  if (!have_cairo_gnuplot())
    return;
  char dir[] = "/tmp/nutmm-figscript-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char bin[2048], out[2048], plain[2048];
  snprintf(bin, sizeof bin, "%s/bin", dir);
  snprintf(out, sizeof out, "%s/out", dir);
  snprintf(plain, sizeof plain, "%s/plain", dir);
  ck_assert_int_eq(mkdir(bin, 0755), 0);
  ck_assert_int_eq(mkdir(out, 0755), 0);
  ck_assert_int_eq(mkdir(plain, 0755), 0);
  const char *progs[] = {"xenon1t", "coherent-csi", "coherent-lar", "cenns750",
                         "texono",  "cr51-cens",    "cr51-lxe",     "xenonnt"};
  for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
    char path[2300];
    snprintf(path, sizeof path, "%s/nutmm-%s", bin, progs[i]);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fprintf(f,
            "#!/bin/sh\n"
            "real='%s/nutmm-%s'\n"
            "if [ \"$1\" != limit ]; then exec \"$real\" \"$@\"; fi\n"
            "\"$real\" \"$@\" | awk 'BEGIN { FS = OFS = \"\\t\" }\n"
            "  NR == 1 { print $0, \"status\"; n = NF; next }\n"
            "  { print $0, \"ok\" }\n"
            "  END { r = \"1000\"; s = \"1000\"; for (i = 2; i <= n; i++) { r = r OFS \"inf\"; s = s OFS \"1e-30\" }\n"
            "        print r, \"closed\"; print s, \"no-sensitivity\" }'\n",
            NUTMM_EXAMPLES_DIR, progs[i]);
    fclose(f);
    ck_assert_int_eq(chmod(path, 0755), 0);
  }
  char scan[2300];
  snprintf(scan, sizeof scan, "%s/nutmm-scan", bin);
  ck_assert_int_eq(symlink(NUTMM_EXAMPLES_DIR "/nutmm-scan", scan), 0); /* combined curves */
  run_script(bin, out);
  run_script(NUTMM_EXAMPLES_DIR, plain);
  check_images(out);
  /* the wrapped tables really carry the extra rows ... */
  char cmd[4700];
  snprintf(cmd, sizeof cmd, "grep -q 'no-sensitivity' '%s/fig3_texono.tsv'", out);
  ck_assert_int_eq(system(cmd), 0);
  /* ... and the plots skipped them */
  for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
    snprintf(cmd, sizeof cmd, "cmp -s '%s/%s.png' '%s/%s.png'", out, figures[i], plain, figures[i]);
    ck_assert_msg(system(cmd) == 0, "%s.png differs with status / inf rows", figures[i]);
  }
  remove_dir(dir);
}
END_TEST

/* Without nutmm-xenonnt in BINDIR (an installation that predates it) the script still draws
 * every figure, without the XENONnT curves.  The other programs are links to the real ones. */
START_TEST(test_without_xenonnt)
{
  char dir[] = "/tmp/nutmm-figscript-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char bin[2048], out[2048], cmd[8192];
  snprintf(bin, sizeof bin, "%s/bin", dir);
  snprintf(out, sizeof out, "%s/out", dir);
  ck_assert_int_eq(mkdir(bin, 0755), 0);
  ck_assert_int_eq(mkdir(out, 0755), 0);
  snprintf(cmd, sizeof cmd,
           "for p in '%s'/nutmm-*; do case \"$p\" in *nutmm-xenonnt) ;; *) ln -s \"$p\" '%s'/;; "
           "esac; done",
           NUTMM_EXAMPLES_DIR, bin);
  ck_assert_int_eq(system(cmd), 0);
  run_script(bin, out);
  for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
    if (!strstr(tables[i].file, "xenonnt"))
      check_table(out, &tables[i]);
  snprintf(cmd, sizeof cmd, "ls '%s' | grep -q xenonnt", out);
  ck_assert_msg(system(cmd) != 0, "XENONnT tables written without nutmm-xenonnt");
  if (have_cairo_gnuplot())
    check_images(out);
  remove_dir(dir);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("figures_script");
  TCase *tc = tcase_create("figures_script");
  tcase_set_timeout(tc, 240);
  tcase_add_test(tc, test_tables_and_images);
  tcase_add_test(tc, test_status_and_inf_rows);
  tcase_add_test(tc, test_without_xenonnt);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
