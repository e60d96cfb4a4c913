/* The paper's statements about its Figs. 3 and 4 (Sec. 4 of arXiv:2109.09545), checked across
 * the experiment programs, and the figure script end to end.  The paper's numbers were
 * stripped from the available text (data/experiments/headline/README.md), so these tests
 * check its qualitative statements and the one exact relation the TMM algebra fixes. */
#include "exptest.h"

#include <unistd.h>

/* mu_90 (or a band column) at the first m4 row of `exe limit args`. */
static double first_limit(const char *exe, const char *args, const char *column)
{
  static exptest_tsv t; /* large: keep off the stack */
  char full[1024];
  snprintf(full, sizeof full, "limit %s", args);
  ck_assert_int_eq(exptest_run(exe, full, &t), 0);
  ck_assert_uint_ge(t.nrows, 1);
  double v = t.v[0][exptest_col(&t, column)];
  ck_assert_msg(isfinite(v) && v > 0.0, "%s %s: %s = %g", exe, full, column, v);
  return v;
}

/* Largest m4 with a limit in a scan. */
static double reach(const char *exe, const char *args)
{
  static exptest_tsv t;
  char full[1024];
  snprintf(full, sizeof full, "limit %s", args);
  ck_assert_int_eq(exptest_run(exe, full, &t), 0);
  ck_assert_uint_ge(t.nrows, 1);
  return t.v[t.nrows - 1][0];
}

#define SMALL_M4 "--m4-min 1e-3 --m4-max 1.1e-3 --points 2"

/* "For the case of EES, the current restrictions are coming from the TEXONO experiment ...
 * the constraint is improved by one order of magnitude ... compared to COHERENT results."
 * Accept a factor 3-30 at small m4 (an order of magnitude, given the different flavours and
 * the TEXONO fallback likelihood). */
START_TEST(test_texono_vs_coherent)
{
  double tex = first_limit(NUTMM_EXE_TEXONO, SMALL_M4, "mu_90CL_muB");
  double csi = first_limit(NUTMM_EXE_COHERENT_CSI, SMALL_M4 " --flavor mu", "mu_90CL_muB");
  double r = csi / tex;
  ck_assert_msg(r > 3.0 && r < 30.0, "COHERENT-CsI / TEXONO = %g / %g = %g", csi, tex, r);
}
END_TEST

/* "COHERENT-CsI performing slightly better compared to LAr": here the two agree within
 * 30 % at small m4 (LAr comes out ~15 % stronger with the release's LAr likelihood; CsI wins
 * above ~30 MeV: tests/test_exp_coherent.c); "CENNS-750 will override" both. */
START_TEST(test_coherent_ordering)
{
  double csi = first_limit(NUTMM_EXE_COHERENT_CSI, SMALL_M4 " --flavor mu", "mu_90CL_muB");
  double lar = first_limit(NUTMM_EXE_COHERENT_LAR, SMALL_M4 " --flavor mu", "mu_90CL_muB");
  double c750 = first_limit(NUTMM_EXE_CENNS750, SMALL_M4 " --flavor mu", "mu_90CL_muB");
  ck_assert_msg(fabs(csi / lar - 1.0) < 0.3, "CsI %g vs LAr %g", csi, lar);
  ck_assert_msg(c750 < csi && c750 < lar, "CENNS-750 %g not below CsI %g and LAr %g", c750, csi,
                lar);
}
END_TEST

/* "the proposed 51Cr experiments can fully probe the explanation of the XENON1T anomaly":
 * every 51Cr-LXe configuration excludes the XENON1T nu_e band's lower edge at small m4, and
 * 51Cr reaches the 1e-12 - 1e-10 mu_B region. */
START_TEST(test_cr51_probes_xenon1t)
{
  double xe_low = first_limit(NUTMM_EXE_XENON1T, SMALL_M4 " --flavor e", "mu_low_muB");
  const char *cfg[] = {"A", "B", "C"};
  for (int i = 0; i < 3; i++) {
    char args[256];
    snprintf(args, sizeof args, SMALL_M4 " --config %s", cfg[i]);
    double lxe = first_limit(NUTMM_EXE_CR51_LXE, args, "mu_90CL_muB");
    ck_assert_msg(lxe < xe_low, "51Cr-LXe %s: %g not below the XENON1T band %g", cfg[i], lxe,
                  xe_low);
    ck_assert(lxe > 1e-13 && lxe < 1e-10);
  }
  double cens = first_limit(NUTMM_EXE_CR51_CENS, SMALL_M4 " --target ge", "mu_90CL_muB");
  ck_assert(cens > 1e-12 && cens < 1e-10);
}
END_TEST

/* XENON1T: "the nu_e -> nu_4 transition ... is consistent with a lower effective magnetic
 * moment due to higher statistics" than nu_mu -> nu_4. */
START_TEST(test_xenon1t_flavours)
{
  double e_hi = first_limit(NUTMM_EXE_XENON1T, SMALL_M4 " --flavor e", "mu_high_muB");
  double mu_hi = first_limit(NUTMM_EXE_XENON1T, SMALL_M4 " --flavor mu", "mu_high_muB");
  ck_assert_msg(e_hi < mu_hi, "nu_e band %g not below nu_mu band %g", e_hi, mu_hi);
}
END_TEST

/* Kinematic reach: pi-DAR (E <= 52.8 MeV) > reactor (a few MeV with T >= 3 MeV) > 51Cr
 * (0.75 MeV). */
START_TEST(test_reach_ordering)
{
  double coh = reach(NUTMM_EXE_COHERENT_CSI, "--m4-min 1e-2 --m4-max 60 --points 25");
  double tex = reach(NUTMM_EXE_TEXONO, "--m4-min 1e-2 --m4-max 60 --points 25");
  double cr = reach(NUTMM_EXE_CR51_CENS, "--m4-min 1e-2 --m4-max 60 --points 25 --target si");
  ck_assert_msg(coh > 20.0 && coh < 53.0, "COHERENT reach %g", coh);
  ck_assert_msg(tex > 1.0 && tex < 11.0, "TEXONO reach %g", tex);
  ck_assert_msg(cr > 0.3 && cr < 0.76, "51Cr reach %g", cr);
  ck_assert(coh > tex && tex > cr);
}
END_TEST

/* Fig. 4 from Fig. 3: for a nu_e source with small mixing, eq. (9) gives
 * mu_eff^2 = c12^2 c13^2 |l14|^2 + s12^2 c13^2 |l24|^2 + s13^2 |l34|^2, so the limits on
 * |lambda_i4| (one at a time) scale as 1/|U_ei|: lambda34/lambda14 = |U_e1|/|U_e3| with the
 * NuFIT 5.1 angles (sin^2 theta12 = 0.304, sin^2 theta13 = 0.02246).  Exact up to the
 * programs' printed precision (6 significant digits: 1e-5 relative). */
START_TEST(test_fig4_scaling_texono)
{
  double l14 = first_limit(NUTMM_EXE_TEXONO, SMALL_M4 " --param lambda14", "lambda14_90CL_muB");
  double l24 = first_limit(NUTMM_EXE_TEXONO, SMALL_M4 " --param lambda24", "lambda24_90CL_muB");
  double l34 = first_limit(NUTMM_EXE_TEXONO, SMALL_M4 " --param lambda34", "lambda34_90CL_muB");
  double mu = first_limit(NUTMM_EXE_TEXONO, SMALL_M4, "mu_90CL_muB");
  double s12 = 0.304, s13 = 0.02246;
  double ue1 = sqrt((1 - s12) * (1 - s13)), ue2 = sqrt(s12 * (1 - s13)), ue3 = sqrt(s13);
  ck_assert_rel(l14, mu / ue1, 1e-5);
  ck_assert_rel(l24, mu / ue2, 1e-5);
  ck_assert_rel(l34, mu / ue3, 1e-5);
}
END_TEST

/* The figure script end to end with a few points: every TSV written and non-empty. */
START_TEST(test_figure_script)
{
  char dir[] = "/tmp/nutmm-figures-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "POINTS=4 sh '%s' '%s' '%s' 2>/dev/null", NUTMM_FIGURES_SCRIPT,
           NUTMM_EXAMPLES_DIR, dir);
  ck_assert_int_eq(system(cmd), 0);
  const char *files[] = {"fig3_xenon1t_e.tsv",       "fig3_coherent_csi.tsv",
                         "fig3_texono.tsv",          "fig3_cr51_lxe_C.tsv",
                         "fig4_lambda14_texono.tsv", "fig1_xenon1t.tsv",
                         "fig2_cr51_cens_ge.tsv"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s missing", path);
    char line[512];
    int lines = 0;
    while (fgets(line, sizeof line, f))
      lines++;
    fclose(f);
    ck_assert_msg(lines >= 2, "%s has %d lines", path, lines);
  }
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("figures");
  TCase *tc = tcase_create("figures");
  tcase_set_timeout(tc, 240);
  tcase_add_test(tc, test_texono_vs_coherent);
  tcase_add_test(tc, test_coherent_ordering);
  tcase_add_test(tc, test_cr51_probes_xenon1t);
  tcase_add_test(tc, test_xenon1t_flavours);
  tcase_add_test(tc, test_reach_ordering);
  tcase_add_test(tc, test_fig4_scaling_texono);
  tcase_add_test(tc, test_figure_script);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
