/* Global fits (issue 14): the full coupling (all six lambda_ij, light final states, eqs. 5-6),
 * its limiting cases and phase invariances on every shipped experiment, the linear templates
 * of scans, named combinations and profiled limits. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nutmm/experiments.h"
#include "testutil.h"

#define MAX_EXP 16
static size_t N_EXP;                           /* every shipped experiment */
static nutmm_analysis *exp_an[MAX_EXP];        /* interference as shipped */
static nutmm_analysis *exp_noint[MAX_EXP];     /* interference off */

/* the experiments whose source is the Sun (incoherent mass states, eq. 5) */
static int is_solar(size_t e)
{
  const char *n = nutmm_experiment_at(e)->name;
  return strcmp(n, "xenon1t") == 0 || strcmp(n, "xenonnt") == 0;
}

static void build_all(void)
{
  if (exp_an[0])
    return;
  N_EXP = nutmm_experiment_count();
  ck_assert_uint_ge(N_EXP, 7);
  ck_assert_uint_le(N_EXP, MAX_EXP);
  for (size_t e = 0; e < N_EXP; e++) {
    const nutmm_experiment *x = nutmm_experiment_at(e);
    nutmm_exp_options o;
    ck_assert_int_eq(nutmm_experiment_options_default(x, &o), NUTMM_SUCCESS);
    ck_assert_msg(nutmm_experiment_build(x->name, &o, &exp_an[e]) == NUTMM_SUCCESS, "%s: %s",
                  x->name, nutmm_error_reason());
    o.interference = 0;
    ck_assert_int_eq(nutmm_experiment_build(x->name, &o, &exp_noint[e]), NUTMM_SUCCESS);
  }
}

static double chi2_of(const nutmm_analysis *a, double m4, const nutmm_coupling *c)
{
  nutmm_analysis_workspace *ws;
  ck_assert_int_eq(nutmm_analysis_workspace_alloc(a, &ws), NUTMM_SUCCESS);
  double chi2 = NAN;
  const int s = nutmm_analysis_chi2(a, ws, m4, c, &chi2, NULL);
  ck_assert_msg(s == NUTMM_SUCCESS, "%s: %s", nutmm_analysis_name(a), nutmm_error_reason());
  nutmm_analysis_workspace_free(ws);
  return chi2;
}

/* signal parts by the direct path and by the templates (they must agree) */
static void signal_of(const nutmm_analysis *a, double m4, const nutmm_coupling *c, double *D,
                      double *In)
{
  const size_t nb = nutmm_analysis_nbins(a), n = NUTMM_ANALYSIS_NSLOTS * nb;
  nutmm_analysis_workspace *ws;
  ck_assert_int_eq(nutmm_analysis_workspace_alloc(a, &ws), NUTMM_SUCCESS);
  ck_assert_msg(nutmm_analysis_signal(a, ws, m4, c, D, In) == NUTMM_SUCCESS, "%s",
                nutmm_error_reason());
  double *b4 = malloc(3 * n * sizeof *b4), *d = malloc(2 * nb * sizeof *d);
  ck_assert_ptr_nonnull(b4);
  ck_assert_ptr_nonnull(d);
  ck_assert_int_eq(nutmm_analysis_basis(a, ws, m4, b4, b4 + n), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_basis(a, ws, 0.0, b4 + 2 * n, NULL), NUTMM_SUCCESS);
  ck_assert_msg(nutmm_analysis_signal_basis(a, b4, b4 + n, b4 + 2 * n, c, d, d + nb) ==
                    NUTMM_SUCCESS, "%s", nutmm_error_reason());
  /* and by weights computed once for the coupling and shared (a combined scan's path) */
  nutmm_signal_weights w;
  double *dw = malloc(2 * nb * sizeof *dw);
  ck_assert_ptr_nonnull(dw);
  ck_assert_int_eq(nutmm_signal_weights_compute(c, &w), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_analysis_signal_weighted(a, b4, b4 + n, b4 + 2 * n, &w, dw, dw + nb),
                   NUTMM_SUCCESS);
  double scale = 0.0;
  for (size_t i = 0; i < nb; i++)
    scale = fmax(scale, fabs(D[i]) + fabs(In[i]));
  for (size_t i = 0; i < nb; i++) {
    ck_assert_abs(d[i], D[i], 1e-12 * scale);
    ck_assert_abs(d[nb + i], In[i], 1e-12 * scale);
    ck_assert_abs(dw[i], D[i], 1e-12 * scale);
    ck_assert_abs(dw[nb + i], In[i], 1e-12 * scale);
  }
  free(dw);
  free(b4);
  free(d);
  nutmm_analysis_workspace_free(ws);
}

/* Only lambda_i4 non-zero: the full coupling gives exactly the TMM-mode coupling of
 * `--param lambdaI4` (whose program output the golden cases fix): the same signal and chi^2
 * at every experiment, and the same 90 % C.L. limits over m4 (nutmm_scan, as `limit`). */
START_TEST(test_full_reproduces_lambda_i4)
{
  build_all();
  for (size_t e = 0; e < N_EXP; e++) {
    const nutmm_experiment *x = nutmm_experiment_at(e);
    for (int i = 1; i <= 3; i++) {
      nutmm_coupling tmm, full;
      nutmm_coupling_init(&tmm);
      ck_assert_int_eq(nutmm_coupling_set_lambda(&tmm, i, 1.0, 0.0), NUTMM_SUCCESS);
      nutmm_coupling_init(&full);
      ck_assert_int_eq(nutmm_coupling_set_tmm(&full, i, 4, 1.0, 0.0), NUTMM_SUCCESS);
      ck_assert_int_eq(full.mode, NUTMM_COUPLING_FULL);
      enum { NM = 4 };
      double m4[NM];
      ck_assert_int_eq(nutmm_scan_grid_log(x->m4_min, x->m4_max, NM, m4), NUTMM_SUCCESS);
      nutmm_scan_point pt[NM], pf[NM];
      nutmm_scan_options so;
      nutmm_scan_options_default(&so);
      if (x->two_sided)
        so.reference = NUTMM_SCAN_GLOBAL_MIN;
      const nutmm_analysis *an = exp_an[e];
      ck_assert_int_eq(nutmm_scan(&an, 1, &tmm, m4, NM, &so, pt, NULL), NUTMM_SUCCESS);
      ck_assert_int_eq(nutmm_scan(&an, 1, &full, m4, NM, &so, pf, NULL), NUTMM_SUCCESS);
      for (int p = 0; p < NM; p++) {
        ck_assert_int_eq(pf[p].status, pt[p].status);
        if (pt[p].status == NUTMM_SCAN_OK) {
          ck_assert_rel(pf[p].high, pt[p].high, 1e-12);
          ck_assert_rel(pf[p].chi2_best, pt[p].chi2_best, 1e-12);
        }
      }
      /* the light part is exactly zero without active-sterile mixing (a nu_4 from the Sun,
       * mass state 4, would scatter into nu_i with |lambda_i4|^2 -- eq. (5) -- but P_e4 = 0) */
      double lw[6], lm[4];
      ck_assert_int_eq(nutmm_coupling_light_weights(&full, lw, lm), NUTMM_SUCCESS);
      for (int s = 0; s < 6; s++)
        ck_assert(lw[s] == 0.0);
      for (int k = 0; k < 3; k++)
        ck_assert(lm[k] == 0.0);
      ck_assert(lm[3] == 1.0);
    }
  }
}
END_TEST

/* Only lambda_12 non-zero: no nu_4 final state; the signal is the massless-moment signal
 * (the dipole template at m = 0) with mu^2 from eq. (6) -- for a flavour beam an effective
 * moment mu_s^2 = mu_eff^2(s) of nutmm_mueff2 at m4 = 0, for the Sun eq. (5) -- whatever m4 is.
 * The Sun is checked against an independent path: eq. (5) gives mass states 1 and 2 the weight
 * |lambda_12|^2, as a TMM-mode coupling lambda_14 = lambda_24 = |lambda_12| with nu_4 at
 * m4 = 0 does. */
START_TEST(test_lambda12_massless)
{
  build_all();
  const double v = 2e-10, ph = 0.7;
  nutmm_coupling full;
  nutmm_coupling_init(&full);
  ck_assert_int_eq(nutmm_coupling_set_tmm(&full, 1, 2, v, ph), NUTMM_SUCCESS);
  nutmm_mixing mix;
  ck_assert_int_eq(nutmm_mixing_from_params(&full.mix, &mix), NUTMM_SUCCESS);
  nutmm_coupling eff;
  nutmm_coupling_init(&eff);
  for (int s = 0; s < 6; s++) {
    nutmm_mueff m;
    ck_assert_int_eq(nutmm_mueff2(&mix, &full.lambda, (nutmm_species)s, &m), NUTMM_SUCCESS);
    ck_assert(m.sterile == 0.0);
    ck_assert(m.total > 0.0);
    eff.mu[s] = sqrt(m.total);
  }
  nutmm_coupling sun;
  nutmm_coupling_init(&sun);
  ck_assert_int_eq(nutmm_coupling_set_lambda(&sun, 1, v, 0.0), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_coupling_set_lambda(&sun, 2, v, 1.0), NUTMM_SUCCESS);
  for (size_t e = 0; e < N_EXP; e++) {
    const nutmm_analysis *a = exp_noint[e];
    const int solar = is_solar(e);
    const size_t nb = nutmm_analysis_nbins(a);
    double *D = malloc(4 * nb * sizeof *D);
    ck_assert_ptr_nonnull(D);
    double *In = D + nb, *Dr = D + 2 * nb, *Ir = D + 3 * nb;
    signal_of(a, 0.01, &full, D, In);
    signal_of(a, 0.0, solar ? &sun : &eff, Dr, Ir);
    double sum = 0.0;
    for (size_t i = 0; i < nb; i++) {
      ck_assert_rel(D[i], Dr[i], 1e-12);
      ck_assert(In[i] == 0.0);
      sum += D[i];
    }
    ck_assert_msg(sum > 0.0, "%s: lambda_12 gives no signal", nutmm_analysis_name(a));
    free(D);
  }
}
END_TEST

/* Shared weights (nutmm_signal_weights): in TMM mode with active-sterile mixing the solar
 * mass-state interference weights do not exist.  The weights still compute and say so; a
 * solar analysis with interference templates then fails as the direct nutmm_analysis_signal
 * does (NUTMM_EINVAL), and one without them gets the direct path's signal. */
START_TEST(test_shared_weights_mass_interference)
{
  build_all();
  nutmm_coupling c;
  nutmm_coupling_init(&c);
  ck_assert_int_eq(nutmm_coupling_set_lambda(&c, 1, 1.0, 0.4), NUTMM_SUCCESS);
  c.mix.theta14 = 0.1;
  nutmm_signal_weights w;
  ck_assert_int_eq(nutmm_signal_weights_compute(&c, &w), NUTMM_SUCCESS);
  ck_assert_int_eq(w.mass_interference, NUTMM_EINVAL);
  ck_assert_int_eq(w.full, 0);
  int checked = 0;
  for (size_t e = 0; e < N_EXP; e++) {
    if (!is_solar(e))
      continue;
    for (int with = 0; with < 2; with++) {
      const nutmm_analysis *a = with ? exp_an[e] : exp_noint[e];
      const size_t nb = nutmm_analysis_nbins(a), n = NUTMM_ANALYSIS_NSLOTS * nb;
      nutmm_analysis_workspace *ws;
      ck_assert_int_eq(nutmm_analysis_workspace_alloc(a, &ws), NUTMM_SUCCESS);
      double *b4 = malloc(2 * n * sizeof *b4), *d = malloc(4 * nb * sizeof *d);
      ck_assert_ptr_nonnull(b4);
      ck_assert_ptr_nonnull(d);
      const int has_i = nutmm_analysis_has_interference(a);
      ck_assert_int_eq(nutmm_analysis_basis(a, ws, 0.01, b4, has_i ? b4 + n : NULL),
                       NUTMM_SUCCESS);
      const double *i4 = has_i ? b4 + n : NULL;
      /* the direct path (nutmm_analysis_signal) is the reference */
      const int sd = nutmm_analysis_signal(a, ws, 0.01, &c, d, d + nb);
      const int sw = nutmm_analysis_signal_weighted(a, b4, i4, NULL, &w, d + 2 * nb, d + 3 * nb);
      ck_assert_int_eq(sw, sd);
      if (with && has_i) {
        ck_assert_int_eq(sw, NUTMM_EINVAL);
        checked++;
      } else {
        ck_assert_int_eq(sw, NUTMM_SUCCESS);
        double scale = 0.0;
        for (size_t i = 0; i < nb; i++)
          scale = fmax(scale, fabs(d[i]) + fabs(d[nb + i]));
        ck_assert(scale > 0.0);
        for (size_t i = 0; i < 2 * nb; i++)
          ck_assert_abs(d[2 * nb + i], d[i], 1e-12 * scale);
      }
      free(b4);
      free(d);
      nutmm_analysis_workspace_free(ws);
    }
  }
  ck_assert_int_ge(checked, 1);
}
END_TEST

/* A generic full coupling: all six moduli and phases non-zero. */
static void generic(nutmm_coupling *c, double scale, int sterile)
{
  nutmm_coupling_init(c);
  const double mod[6] = {0.7, 1.1, 0.9, 1.3, 0.8, 1.2}; /* lambda_12,13,14,23,24,34 */
  const double ph[6] = {0.3, 1.9, 4.1, 2.6, 5.2, 0.9};
  int q = 0;
  for (int i = 1; i <= 4; i++)
    for (int j = i + 1; j <= 4; j++, q++)
      ck_assert_int_eq(nutmm_coupling_set_tmm(c, i, j, scale * mod[q], ph[q]), NUTMM_SUCCESS);
  if (sterile) {
    c->mix.theta14 = 0.15;
    c->mix.theta24 = 0.12;
    c->mix.theta34 = 0.10;
    c->mix.delta14 = 1.1;
    c->mix.delta24 = 2.3;
  }
}

/* Shift the phase of Lambda_k (k = 1..6) by d, or of every Lambda_k when k = 0. */
static void shift_zeta(nutmm_coupling *c, int k, double d)
{
  for (int q = 1; q <= 6; q++)
    if (k == 0 || k == q) {
      double complex L;
      ck_assert_int_eq(nutmm_tmm_get_Lambda(&c->lambda, q, &L), NUTMM_SUCCESS);
      ck_assert_int_eq(nutmm_tmm_set_Lambda(&c->lambda, q, cabs(L), carg(L) + d), NUTMM_SUCCESS);
    }
}

/* Rephasing lambda -> e^{i phi} lambda leaves every experiment's chi^2 unchanged; each of the
 * 8 physical phase combinations (zeta_k - zeta_6, k = 1..5, and delta13, delta14, delta24;
 * Sec. 2.1: 6 zeta + 3 delta - 1 global) changes it for some experiment.
 * (a) default mixing, interference as shipped (W = U_a4 A_4 = 0 without active-sterile
 *     mixing): the five zeta combinations and delta13 are physical;
 * (b) active-sterile mixing, interference off: all eight.  With both on, the global phase of
 *     lambda moves Re W of eq. (20) relative to the weak amplitude (tmm.h): physical there. */
START_TEST(test_rephasing)
{
  build_all();
  const double m4 = 0.01;
  for (int variant = 0; variant < 2; variant++) {
    nutmm_analysis **an = variant ? exp_noint : exp_an;
    nutmm_coupling c;
    generic(&c, 3e-10, variant);
    double chi0[MAX_EXP];
    for (size_t e = 0; e < N_EXP; e++)
      chi0[e] = chi2_of(an[e], m4, &c);
    for (int t = 0; t < 3; t++) {
      nutmm_coupling g = c;
      shift_zeta(&g, 0, 0.4 + 1.7 * t);
      for (size_t e = 0; e < N_EXP; e++)
        ck_assert_rel(chi2_of(an[e], m4, &g), chi0[e], 1e-9);
    }
    const int ndir = variant ? 8 : 6;
    for (int d = 0; d < ndir; d++) {
      nutmm_coupling g = c;
      if (d < 5)
        shift_zeta(&g, d + 1, 1.0);
      else if (d == 5)
        g.mix.delta13 += 1.0;
      else if (d == 6)
        g.mix.delta14 += 1.0;
      else
        g.mix.delta24 += 1.0;
      double change = 0.0;
      for (size_t e = 0; e < N_EXP; e++) {
        const double x = chi2_of(an[e], m4, &g);
        change = fmax(change, fabs(x - chi0[e]) / fmax(fabs(chi0[e]), 1.0));
      }
      ck_assert_msg(change > 1e-6, "variant %d: phase direction %d changes no chi^2 (%g)", variant,
                    d, change);
    }
  }
}
END_TEST

/* The blind direction of flavour beams: lambda_i4 = c U_tau,i gives A_4(alpha) =
 * c sum_i U*_alpha,i U_tau,i = 0 for alpha = e, mu (unitarity of the 3x3 block without
 * active-sterile mixing; eq. 6), so every experiment with nu_e, nu_mu beams (the "current" and
 * "future" combinations) sees no signal at all, whatever c: profiled over the other moduli and
 * the phases, their limit on any single |lambda_i4| disappears.  The Sun's incoherent mass
 * states (eq. 5: sum_i P_ei |lambda_i4|^2 > 0) do see it. */
START_TEST(test_blind_direction)
{
  build_all();
  nutmm_coupling c;
  nutmm_coupling_init(&c);
  nutmm_mixing mix;
  ck_assert_int_eq(nutmm_mixing_from_params(&c.mix, &mix), NUTMM_SUCCESS);
  const double scale = 1e-8; /* far above every single-moment limit */
  for (int i = 1; i <= 3; i++)
    ck_assert_int_eq(nutmm_coupling_set_tmm(&c, i, 4, scale * cabs(mix.U[2][i - 1]),
                                            carg(mix.U[2][i - 1])), NUTMM_SUCCESS);
  for (size_t e = 0; e < N_EXP; e++) {
    const char *name = nutmm_experiment_at(e)->name;
    const double with = chi2_of(exp_an[e], 0.01, &c), none = chi2_of(exp_an[e], 0.01, NULL);
    if (is_solar(e))
      ck_assert_msg(with > none + 100.0, "the Sun must see the blind direction (%g, %g)", with,
                    none);
    else
      ck_assert_msg(fabs(with - none) <= 1e-9 * fmax(1.0, none), "%s sees %g vs %g", name, with,
                    none);
  }
  /* a generic direction of the same size is seen by every experiment */
  nutmm_coupling g;
  nutmm_coupling_init(&g);
  ck_assert_int_eq(nutmm_coupling_set_tmm(&g, 1, 4, scale, 0.0), NUTMM_SUCCESS);
  for (size_t e = 0; e < N_EXP; e++)
    ck_assert(chi2_of(exp_an[e], 0.01, &g) > chi2_of(exp_an[e], 0.01, NULL) + 1.0);
}
END_TEST

/* Named and user combinations; XENON1T's excess stays out of combined limits unless asked. */
START_TEST(test_combinations)
{
  const nutmm_experiment *m[NUTMM_COMBINATION_MAX];
  size_t n = 0;
  ck_assert_int_eq(nutmm_combination_members("current", 0, m, &n), NUTMM_SUCCESS);
  ck_assert_uint_ge(n, 3);
  ck_assert_str_eq(m[0]->name, "coherent-csi");
  ck_assert_str_eq(m[1]->name, "coherent-lar");
  ck_assert_str_eq(m[2]->name, "texono");
  if (nutmm_experiment_find("xenonnt")) {
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(m[3]->name, "xenonnt");
  }
  ck_assert_int_eq(nutmm_combination_members(" future ", 0, m, &n), NUTMM_SUCCESS);
  ck_assert_uint_eq(n, 3);
  ck_assert_str_eq(m[0]->name, "cr51-cens");
  ck_assert_str_eq(m[2]->name, "cenns750");
  ck_assert_int_eq(nutmm_combination_members("texono+cenns750", 0, m, &n), NUTMM_SUCCESS);
  ck_assert_uint_eq(n, 2);
  ck_assert_int_eq(nutmm_combination_members("texono xenon1t", 0, m, &n), NUTMM_EINVAL);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "excess"));
  ck_assert_int_eq(nutmm_combination_members("texono xenon1t", 1, m, &n), NUTMM_SUCCESS);
  ck_assert_uint_eq(n, 2);
  ck_assert_int_eq(nutmm_combination_members("texono,nosuch", 0, m, &n), NUTMM_ENOTFOUND);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nosuch"));
  ck_assert_int_eq(nutmm_combination_members("texono texono", 0, m, &n), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_combination_members("  ", 0, m, &n), NUTMM_EBADLEN);
  /* every named combination's members exist, none with an excess */
  for (size_t i = 0; i < nutmm_combination_count(); i++) {
    const nutmm_combination *c = nutmm_combination_at(i);
    ck_assert_int_eq(nutmm_combination_members(c->name, 0, m, &n), NUTMM_SUCCESS);
  }
  ck_assert_ptr_null(nutmm_combination_at(nutmm_combination_count()));
  /* the combined chi^2 of a build is the sum of its members' */
  nutmm_analysis *an[NUTMM_COMBINATION_MAX];
  ck_assert_int_eq(nutmm_combination_build("texono+coherent-csi", 0, NULL, 1, an, &n),
                   NUTMM_SUCCESS);
  ck_assert_uint_eq(n, 2);
  nutmm_coupling c;
  generic(&c, 3e-10, 0);
  nutmm_analysis_workspace *ws[2];
  for (size_t k = 0; k < 2; k++)
    ck_assert_int_eq(nutmm_analysis_workspace_alloc(an[k], &ws[k]), NUTMM_SUCCESS);
  double sum;
  ck_assert_int_eq(nutmm_combined_chi2((const nutmm_analysis *const *)an, ws, 2, 0.01, &c, &sum),
                   NUTMM_SUCCESS);
  ck_assert_rel(sum, chi2_of(an[0], 0.01, &c) + chi2_of(an[1], 0.01, &c), 1e-13);
  for (size_t k = 0; k < 2; k++) {
    nutmm_analysis_workspace_free(ws[k]);
    nutmm_analysis_free(an[k]);
  }
  ck_assert_int_eq(nutmm_combination_build("texono xenon1t", 0, NULL, 1, an, &n), NUTMM_EINVAL);
  ck_assert_uint_eq(n, 0);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("global");
  TCase *tc = tcase_create("global");
  tcase_set_timeout(tc, 280);
  tcase_add_test(tc, test_full_reproduces_lambda_i4);
  tcase_add_test(tc, test_lambda12_massless);
  tcase_add_test(tc, test_rephasing);
  tcase_add_test(tc, test_blind_direction);
  tcase_add_test(tc, test_combinations);
  tcase_add_test(tc, test_shared_weights_mass_interference);
  suite_add_tcase(s, tc);
  const int r = nutmm_test_run(s);
  for (size_t e = 0; e < N_EXP; e++) {
    nutmm_analysis_free(exp_an[e]);
    nutmm_analysis_free(exp_noint[e]);
  }
  return r;
}
