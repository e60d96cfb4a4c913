/* TMM algebra and effective moments (arXiv:2109.09545 section 2.1; physics manual phys-tmm):
 * the test vectors of tmm_vectors.csv, Tables 1-2, invariances, sum rules,
 * limits and every error path. */
#include <complex.h>
#include <stdint.h>
#include <string.h>

#include "nutmm/error.h"
#include "nutmm/mixing.h"
#include "nutmm/tmm.h"
#include "nutmm/units.h"
#include "testutil.h"

#define DEG (NUTMM_PI / 180.0)

/* ---- helpers ----------------------------------------------------------- */

typedef struct {
  uint64_t s;
} rng_t;
static double rng_u(rng_t *r)
{
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return (double)((r->s * 2685821657736338717ULL) >> 11) * 0x1.0p-53;
}

static void random_params(rng_t *r, nutmm_mixing_params *p)
{
  nutmm_mixing_params_default(p);
  double *th[6] = {&p->theta12, &p->theta13, &p->theta23, &p->theta14, &p->theta24, &p->theta34};
  for (int k = 0; k < 6; k++)
    *th[k] = 0.5 * NUTMM_PI * rng_u(r);
  p->delta13 = 2.0 * NUTMM_PI * rng_u(r);
  p->delta14 = 2.0 * NUTMM_PI * rng_u(r);
  p->delta24 = 2.0 * NUTMM_PI * rng_u(r);
}

static void random_tmm(rng_t *r, nutmm_tmm *t)
{
  for (int k = 1; k <= 6; k++)
    ck_assert_int_eq(nutmm_tmm_set_Lambda(t, k, 0.1 + rng_u(r), 2.0 * NUTMM_PI * rng_u(r)),
                     NUTMM_SUCCESS);
}

/* The generic inputs of vector T07. */
static void t07(nutmm_mixing_params *p, nutmm_tmm *t)
{
  nutmm_mixing_params_default(p);
  p->theta12 = 33.45 * DEG;
  p->theta13 = 8.62 * DEG;
  p->theta23 = 42.1 * DEG;
  p->theta14 = 10 * DEG;
  p->theta24 = 7 * DEG;
  p->theta34 = 12 * DEG;
  p->delta13 = 230 * DEG;
  p->delta14 = 45 * DEG;
  p->delta24 = 300 * DEG;
  const double absL[6] = {0.3, 0.7, 1.1, 1.3, 0.5, 0.9};
  const double zeta[6] = {10 * DEG, 50 * DEG, 100 * DEG, 150 * DEG, 200 * DEG, 250 * DEG};
  ck_assert_int_eq(nutmm_tmm_from_Lambda(absL, zeta, t), NUTMM_SUCCESS);
}

static nutmm_mixing mixing_of(const nutmm_mixing_params *p)
{
  nutmm_mixing m;
  ck_assert_int_eq(nutmm_mixing_from_params(p, &m), NUTMM_SUCCESS);
  return m;
}

static nutmm_mueff mueff_of(const nutmm_mixing *m, const nutmm_tmm *t, nutmm_species s)
{
  nutmm_mueff r;
  ck_assert_int_eq(nutmm_mueff2(m, t, s, &r), NUTMM_SUCCESS);
  return r;
}

static double norm2_of(const nutmm_tmm *t)
{
  double n;
  ck_assert_int_eq(nutmm_tmm_norm2(t, &n), NUTMM_SUCCESS);
  return n;
}

/* ---- the test vectors (vectors of an independent numpy evaluation of eqs. (5)-(10), tests/vectors/tmm_vectors.csv) ---------------------------------------- */

#define MAXCOL 64
#define MAXROW 64

typedef struct {
  int ncol, nrow;
  char names[MAXCOL][32];
  char ids[MAXROW][64];
  double v[MAXROW][MAXCOL];
} csv_t;

static void csv_read(const char *path, csv_t *c)
{
  FILE *f = fopen(path, "r");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  char line[4096];
  c->ncol = c->nrow = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
      continue;
    int n = 0;
    for (char *tok = strtok(line, ","); tok != NULL; tok = strtok(NULL, ","), n++) {
      ck_assert(n < MAXCOL);
      if (c->ncol == 0 || n == 0) {
        char *dst = c->ncol == 0 ? c->names[n] : c->ids[c->nrow];
        size_t cap = c->ncol == 0 ? sizeof c->names[0] : sizeof c->ids[0];
        snprintf(dst, cap, "%s", tok);
      } else {
        char *end;
        c->v[c->nrow][n] = strtod(tok, &end);
        ck_assert_msg(*end == '\0', "bad number '%s' in %s", tok, path);
      }
    }
    if (c->ncol == 0) {
      c->ncol = n;
    } else {
      ck_assert_int_eq(n, c->ncol);
      c->nrow++;
      ck_assert(c->nrow < MAXROW);
    }
  }
  fclose(f);
}

static double csv_get(const csv_t *c, int row, const char *name)
{
  for (int k = 1; k < c->ncol; k++)
    if (strcmp(c->names[k], name) == 0)
      return c->v[row][k];
  ck_abort_msg("column %s missing", name);
  return NAN;
}

/* 1e-12 relative; for an exact zero 1e-14 * scale absolute (vectors of an independent numpy evaluation of eqs. (5)-(10), tests/vectors/tmm_vectors.csv). */
static void check_vec(const char *id, const char *what, double got, double want, double scale)
{
  const double lim = want == 0.0 ? 1e-14 * scale : 1e-12 * fabs(want);
  ck_assert_msg(isfinite(got) && fabs(got - want) <= lim, "%s %s: got %.15g, expected %.15g", id,
                what, got, want);
}

START_TEST(test_vectors)
{
  csv_t c; /* ~40 kB on the stack */
  csv_read(NUTMM_TEST_SPECDIR "/tmm_vectors.csv", &c);
  ck_assert_int_eq(c.ncol, 46);
  ck_assert_int_ge(c.nrow, 18);
  static const char *const fl[3] = {"e", "mu", "tau"};
  int nchecked = 0;
  for (int r = 0; r < c.nrow; r++) {
    const char *id = c.ids[r];
    nutmm_mixing_params p;
    nutmm_mixing_params_default(&p);
    p.theta12 = csv_get(&c, r, "th12") * DEG;
    p.theta13 = csv_get(&c, r, "th13") * DEG;
    p.theta23 = csv_get(&c, r, "th23") * DEG;
    p.theta14 = csv_get(&c, r, "th14") * DEG;
    p.theta24 = csv_get(&c, r, "th24") * DEG;
    p.theta34 = csv_get(&c, r, "th34") * DEG;
    p.delta13 = csv_get(&c, r, "d13") * DEG;
    p.delta14 = csv_get(&c, r, "d14") * DEG;
    p.delta24 = csv_get(&c, r, "d24") * DEG;
    p.dm21 = csv_get(&c, r, "dm21_eV2");
    double absL[6], zeta[6];
    char name[32];
    for (int k = 0; k < 6; k++) {
      snprintf(name, sizeof name, "absL%d", k + 1);
      absL[k] = csv_get(&c, r, name);
      snprintf(name, sizeof name, "zeta%d", k + 1);
      zeta[k] = csv_get(&c, r, name) * DEG;
    }
    nutmm_tmm lam;
    ck_assert_int_eq(nutmm_tmm_from_Lambda(absL, zeta, &lam), NUTMM_SUCCESS);
    const nutmm_mixing mix = mixing_of(&p);
    const double L2 = norm2_of(&lam);

    for (int a = 0; a < 3; a++) {
      const nutmm_mueff m = mueff_of(&mix, &lam, (nutmm_species)a);
      const nutmm_mueff mb = mueff_of(&mix, &lam, (nutmm_species)(a + 3));
      snprintf(name, sizeof name, "mu2_%s", fl[a]);
      check_vec(id, name, m.total, csv_get(&c, r, name), L2);
      check_vec(id, name, mb.total, csv_get(&c, r, name), L2);
      snprintf(name, sizeof name, "mu2_%s_ster", fl[a]);
      check_vec(id, name, m.sterile, csv_get(&c, r, name), L2);
      check_vec(id, name, mb.sterile, csv_get(&c, r, name), L2);
      ck_assert_abs(m.active, m.total - m.sterile, 1e-15 * L2);
      nutmm_tmm_table tab;
      double tsum;
      ck_assert_int_eq(nutmm_tmm_table_fill(&mix, &lam, (nutmm_species)a, &tab), NUTMM_SUCCESS);
      ck_assert_int_eq(nutmm_tmm_table_sum(&tab, &tsum), NUTMM_SUCCESS);
      snprintf(name, sizeof name, "table_%s", fl[a]);
      check_vec(id, name, tsum, csv_get(&c, r, name), L2);
      nchecked += 5;
    }
    double v;
    ck_assert_int_eq(nutmm_mueff2_truncated(&mix, &lam, NUTMM_NU_E, &v), NUTMM_SUCCESS);
    check_vec(id, "eq7", v, csv_get(&c, r, "mu2_e_eq7"), L2);
    ck_assert_int_eq(nutmm_mueff2_truncated(&mix, &lam, NUTMM_NUBAR_MU, &v), NUTMM_SUCCESS);
    check_vec(id, "eq8", v, csv_get(&c, r, "mu2_mu_eq8"), L2);
    ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &lam, NUTMM_NUBAR_E, &v), NUTMM_SUCCESS);
    check_vec(id, "eq9", v, csv_get(&c, r, "mu2_e_eq9"), L2);
    ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &lam, NUTMM_NU_MU, &v), NUTMM_SUCCESS);
    check_vec(id, "eq10", v, csv_get(&c, r, "mu2_mu_eq10"), L2);
    ck_assert_int_eq(nutmm_mueff2_sterile_block(&mix, &lam, NUTMM_NU_E, &v), NUTMM_SUCCESS);
    check_vec(id, "blockB_e", v, csv_get(&c, r, "mu2_e_blockB"), L2);
    ck_assert_int_eq(nutmm_mueff2_sterile_block(&mix, &lam, NUTMM_NU_MU, &v), NUTMM_SUCCESS);
    check_vec(id, "blockB_mu", v, csv_get(&c, r, "mu2_mu_blockB"), L2);

    const double E = csv_get(&c, r, "E_MeV"), ne = csv_get(&c, r, "ne_cm3");
    double P[4];
    ck_assert_int_eq(nutmm_solar_pei(&p, E, ne, P), NUTMM_SUCCESS);
    for (int i = 0; i < 4; i++) {
      snprintf(name, sizeof name, "P_e%d", i + 1);
      check_vec(id, name, P[i], csv_get(&c, r, name), 1.0);
    }
    nutmm_mueff sol;
    ck_assert_int_eq(nutmm_mueff2_solar(&p, &lam, E, ne, &sol), NUTMM_SUCCESS);
    check_vec(id, "mu2_sol", sol.total, csv_get(&c, r, "mu2_sol"), L2);
    check_vec(id, "mu2_sol_ster", sol.sterile, csv_get(&c, r, "mu2_sol_ster"), L2);
    ck_assert_abs(sol.active, sol.total - sol.sterile, 1e-15 * L2);
    nchecked += 12;
  }
  /* every one of the 21 output columns, in every row */
  ck_assert_int_eq(nchecked, 27 * c.nrow);
}
END_TEST

/* ---- lambda matrix ------------------------------------------------------- */

START_TEST(test_lambda_matrix)
{
  nutmm_tmm t;
  nutmm_tmm_zero(&t);
  nutmm_tmm_zero(NULL);
  /* eq. (2): lambda_23 = L1, lambda_13 = -L2, lambda_12 = L3, lambda_i4 = L_{3+i} */
  const double complex L[6] = {0.3 + 0.1 * I, -0.7 + 0.2 * I, 1.1, 0.5 * I, -0.25 - 0.4 * I, 0.9};
  for (int k = 1; k <= 6; k++)
    ck_assert_int_eq(nutmm_tmm_set_Lambda(&t, k, cabs(L[k - 1]), carg(L[k - 1])), NUTMM_SUCCESS);
  double complex M[4][4];
  ck_assert_int_eq(nutmm_tmm_matrix(&t, M), NUTMM_SUCCESS);
  const double complex want[4][4] = {{0, L[2], -L[1], L[3]},
                                     {-L[2], 0, L[0], L[4]},
                                     {L[1], -L[0], 0, L[5]},
                                     {-L[3], -L[4], -L[5], 0}};
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) {
      ck_assert_msg(cabs(M[i][j] - want[i][j]) < 1e-15, "lambda_%d%d", i + 1, j + 1);
      ck_assert_msg(cabs(M[i][j] + M[j][i]) == 0.0, "antisymmetry %d%d", i + 1, j + 1);
      double complex g;
      ck_assert_int_eq(nutmm_tmm_get(&t, i + 1, j + 1, &g), NUTMM_SUCCESS);
      ck_assert(g == M[i][j]);
    }
  /* setting by entries: lambda_13 = v means Lambda_2 = -v; lambda_42 = v means Lambda_5 = -v */
  nutmm_tmm u;
  nutmm_tmm_zero(&u);
  ck_assert_int_eq(nutmm_tmm_set(&u, 1, 3, 0.25, 0.5), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_tmm_set(&u, 4, 2, 0.125, 0.0), NUTMM_SUCCESS);
  double complex g;
  ck_assert_int_eq(nutmm_tmm_get_Lambda(&u, 2, &g), NUTMM_SUCCESS);
  ck_assert(g == -(0.25 + 0.5 * I));
  ck_assert_int_eq(nutmm_tmm_get_Lambda(&u, 5, &g), NUTMM_SUCCESS);
  ck_assert(g == -0.125);
  ck_assert_int_eq(nutmm_tmm_get(&u, 1, 3, &g), NUTMM_SUCCESS);
  ck_assert(g == 0.25 + 0.5 * I);
  ck_assert_int_eq(nutmm_tmm_get(&u, 3, 1, &g), NUTMM_SUCCESS);
  ck_assert(g == -(0.25 + 0.5 * I));
  ck_assert_int_eq(nutmm_tmm_get(&u, 2, 4, &g), NUTMM_SUCCESS);
  ck_assert(g == -0.125);
  ck_assert_int_eq(nutmm_tmm_get(&u, 2, 2, &g), NUTMM_SUCCESS);
  ck_assert(g == 0.0);
  /* |Lambda|^2 = sum_k |L_k|^2 = (1/2) sum_ij |lambda_ij|^2 */
  double n2 = 0.0, s = 0.0;
  for (int k = 0; k < 6; k++)
    n2 += pow(cabs(L[k]), 2);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      s += pow(cabs(M[i][j]), 2);
  ck_assert_rel(norm2_of(&t), n2, 1e-15);
  ck_assert_rel(norm2_of(&t), 0.5 * s, 1e-15);
  /* from_Lambda with zeta == NULL: real */
  const double absL[6] = {1, 2, 3, 4, 5, 6};
  ck_assert_int_eq(nutmm_tmm_from_Lambda(absL, NULL, &u), NUTMM_SUCCESS);
  ck_assert(u.Lambda[5] == 6.0);
}
END_TEST

START_TEST(test_majorana)
{
  /* physics manual phys-mixing-majorana: (U D, lambda) is equivalent to (U, D* lambda D*), zeta_ab -= phi_a + phi_b */
  rng_t r = {777};
  for (int n = 0; n < 50; n++) {
    nutmm_mixing_params p;
    nutmm_tmm lam, lam2;
    random_params(&r, &p);
    random_tmm(&r, &lam);
    const nutmm_mixing mix = mixing_of(&p);
    const double phi[4] = {2 * NUTMM_PI * rng_u(&r), 2 * NUTMM_PI * rng_u(&r),
                           2 * NUTMM_PI * rng_u(&r), 2 * NUTMM_PI * rng_u(&r)};
    nutmm_mixing mixD;
    ck_assert_int_eq(nutmm_mixing_rephase(&mix, NULL, phi, &mixD), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_tmm_absorb_majorana(&lam, phi, &lam2), NUTMM_SUCCESS);
    /* the zeta table of physics manual phys-mixing-majorana */
    static const int pair[6][2] = {{1, 2}, {0, 2}, {0, 1}, {0, 3}, {1, 3}, {2, 3}};
    for (int k = 0; k < 6; k++)
      ck_assert_msg(cabs(lam2.Lambda[k] -
                         lam.Lambda[k] * cexp(-I * (phi[pair[k][0]] + phi[pair[k][1]]))) < 1e-15,
                    "zeta_%d shift", k + 1);
    /* (U, lambda) -> (U D, D lambda D): invariance */
    nutmm_tmm lamD;
    ck_assert_int_eq(nutmm_tmm_rephase(&lam, phi, &lamD), NUTMM_SUCCESS);
    for (int s = 0; s < NUTMM_N_SPECIES; s++) {
      const nutmm_mueff a = mueff_of(&mix, &lam, (nutmm_species)s);
      const nutmm_mueff b = mueff_of(&mixD, &lamD, (nutmm_species)s);
      const nutmm_mueff c = mueff_of(&mix, &lam2, (nutmm_species)s);
      const nutmm_mueff d = mueff_of(&mixD, &lam, (nutmm_species)s);
      ck_assert_rel(b.total, a.total, 1e-13);
      ck_assert_rel(b.sterile, a.sterile, 1e-13);
      ck_assert_rel(c.total, d.total, 1e-13); /* Majorana phases absorbed */
      ck_assert_rel(c.sterile, d.sterile, 1e-13);
    }
    /* in place */
    ck_assert_int_eq(nutmm_tmm_rephase(&lam2, phi, &lam2), NUTMM_SUCCESS);
    for (int k = 0; k < 6; k++)
      ck_assert(cabs(lam2.Lambda[k] - lam.Lambda[k]) < 1e-15);
  }
  /* the opposite sign is not an invariance (guards the sign of the conversion) */
  nutmm_mixing_params p;
  nutmm_tmm lam, lamW;
  t07(&p, &lam);
  const nutmm_mixing mix = mixing_of(&p);
  const double phi[4] = {0.0, 0.7, 1.3, 2.1};
  nutmm_mixing mixD;
  ck_assert_int_eq(nutmm_mixing_rephase(&mix, NULL, phi, &mixD), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_tmm_absorb_majorana(&lam, phi, &lamW), NUTMM_SUCCESS);
  const double a = mueff_of(&mix, &lam, NUTMM_NU_MU).total;
  const double b = mueff_of(&mixD, &lamW, NUTMM_NU_MU).total;
  ck_assert_msg(fabs(b - a) > 1e-3 * a, "wrong-sign rephasing left mu_eff^2 unchanged");
}
END_TEST

/* ---- tables 1-2 ---------------------------------------------------------- */

START_TEST(test_table_random)
{
  rng_t r = {0x2545F4914F6CDD1DULL};
  for (int n = 0; n < 300; n++) {
    nutmm_mixing_params p;
    nutmm_tmm lam;
    random_params(&r, &p);
    random_tmm(&r, &lam);
    if (n % 7 == 0) /* some points with vanishing moduli */
      ck_assert_int_eq(nutmm_tmm_set_Lambda(&lam, 1 + n % 6, 0.0, 1.0), NUTMM_SUCCESS);
    const nutmm_mixing mix = mixing_of(&p);
    const double L2 = norm2_of(&lam);
    double complex lm[4][4];
    ck_assert_int_eq(nutmm_tmm_matrix(&lam, lm), NUTMM_SUCCESS);
    for (int s = 0; s < NUTMM_N_SPECIES; s++) {
      const int a = s % 3;
      nutmm_tmm_table t;
      double tsum;
      ck_assert_int_eq(nutmm_tmm_table_fill(&mix, &lam, (nutmm_species)s, &t), NUTMM_SUCCESS);
      ck_assert_int_eq(nutmm_tmm_table_sum(&t, &tsum), NUTMM_SUCCESS);
      const nutmm_mueff m = mueff_of(&mix, &lam, (nutmm_species)s);
      ck_assert_rel(tsum, m.total, 1e-12);
      /* rows 9, 14, 18 vanish identically */
      ck_assert(t.K[8] == 0.0 && t.K[13] == 0.0 && t.K[17] == 0.0);
      ck_assert(t.coef[8] == 0.0 && t.coef[13] == 0.0 && t.coef[17] == 0.0);
      /* products of moduli; coefficients Re[K e^{i(zeta_k - zeta_l)}] */
      for (int j = 1; j <= NUTMM_TMM_NTERMS; j++) {
        int k, l;
        ck_assert_int_eq(nutmm_tmm_table_row(j, &k, &l, NULL), NUTMM_SUCCESS);
        ck_assert_rel(t.prod[j - 1], cabs(lam.Lambda[k - 1]) * cabs(lam.Lambda[l - 1]), 1e-15);
        if (k != l && t.prod[j - 1] > 0)
          ck_assert_abs(t.coef[j - 1] * t.prod[j - 1],
                        creal(t.K[j - 1] * lam.Lambda[k - 1] * conj(lam.Lambda[l - 1])), 1e-14);
      }
      /* independent route: mu_eff^2 = sum_beta |lambda^F_{alpha beta}|^2, lambda^F = U* lambda
       * U^dagger */
      double f = 0.0;
      for (int b = 0; b < 4; b++) {
        double complex x = 0.0;
        for (int i = 0; i < 4; i++)
          for (int j = 0; j < 4; j++)
            x += conj(mix.U[a][i]) * lm[i][j] * conj(mix.U[b][j]);
        f += creal(x) * creal(x) + cimag(x) * cimag(x);
      }
      ck_assert_rel(m.total, f, 1e-12);
      /* 0 <= mu_eff^2 <= |Lambda|^2 (physics manual phys-tmm-mueff) */
      ck_assert(m.total >= 0.0 && m.sterile >= 0.0 && m.active >= 0.0);
      ck_assert(m.total <= L2 * (1.0 + 1e-14));
    }
  }
  /* labels */
  const char *lab;
  int k, l;
  ck_assert_int_eq(nutmm_tmm_table_row(1, &k, &l, &lab), NUTMM_SUCCESS);
  ck_assert_str_eq(lab, "|L1|^2");
  ck_assert(k == 1 && l == 1);
  ck_assert_int_eq(nutmm_tmm_table_row(10, &k, &l, &lab), NUTMM_SUCCESS);
  ck_assert_str_eq(lab, "|L1||L5|");
  ck_assert(k == 1 && l == 5);
  ck_assert_int_eq(nutmm_tmm_table_row(21, &k, &l, &lab), NUTMM_SUCCESS);
  ck_assert_str_eq(lab, "|L5||L6|");
  ck_assert(k == 5 && l == 6);
}
END_TEST

START_TEST(test_table1_explicit)
{
  /* Table 1 (physics manual phys-tmm-tables), alpha = e, in angles, Dirac and TMM phases */
  rng_t r = {4242};
  for (int n = 0; n < 100; n++) {
    nutmm_mixing_params p;
    nutmm_tmm lam;
    random_params(&r, &p);
    random_tmm(&r, &lam);
    const nutmm_mixing mix = mixing_of(&p);
    nutmm_tmm_table t;
    ck_assert_int_eq(nutmm_tmm_table_fill(&mix, &lam, NUTMM_NUBAR_E, &t), NUTMM_SUCCESS);
    const double c12 = cos(p.theta12), s12 = sin(p.theta12), c13 = cos(p.theta13),
                 s13 = sin(p.theta13), c14 = cos(p.theta14), s14 = sin(p.theta14);
    const double d13 = p.delta13, d14 = p.delta14;
    double z[7];
    for (int k = 1; k <= 6; k++)
      z[k] = carg(lam.Lambda[k - 1]);
    const double want[21] = {
        c14 * c14 * (s12 * s12 * c13 * c13 + s13 * s13),
        c14 * c14 * (c12 * c12 * c13 * c13 + s13 * s13),
        c13 * c13 * c14 * c14,
        c12 * c12 * c13 * c13 * c14 * c14 + s14 * s14,
        s12 * s12 * c13 * c13 * c14 * c14 + s14 * s14,
        s13 * s13 * c14 * c14 + s14 * s14,
        -2 * c12 * s12 * c13 * c13 * c14 * c14 * cos(z[1] - z[2]),
        -2 * c12 * c13 * s13 * c14 * c14 * cos(z[1] - z[3] + d13),
        0.0,
        +2 * s13 * c14 * s14 * cos(z[1] - z[5] + d13 - d14),
        -2 * s12 * c13 * c14 * s14 * cos(z[1] - z[6] - d14),
        -2 * s12 * c13 * s13 * c14 * c14 * cos(z[2] - z[3] + d13),
        -2 * s13 * c14 * s14 * cos(z[2] - z[4] + d13 - d14),
        0.0,
        +2 * c12 * c13 * c14 * s14 * cos(z[2] - z[6] - d14),
        +2 * s12 * c13 * c14 * s14 * cos(z[3] - z[4] - d14),
        -2 * c12 * c13 * c14 * s14 * cos(z[3] - z[5] - d14),
        0.0,
        +2 * c12 * s12 * c13 * c13 * c14 * c14 * cos(z[4] - z[5]),
        +2 * c12 * c13 * s13 * c14 * c14 * cos(z[4] - z[6] - d13),
        +2 * s12 * c13 * s13 * c14 * c14 * cos(z[5] - z[6] - d13),
    };
    for (int j = 0; j < 21; j++)
      ck_assert_msg(fabs(t.coef[j] - want[j]) < 1e-14, "Table 1 row %d: %.15g vs %.15g", j + 1,
                    t.coef[j], want[j]);
  }
}
END_TEST

/* ---- invariances (physics manual phys-tmm-phases) --------------------------------------------- */

START_TEST(test_invariances)
{
  nutmm_mixing_params p;
  nutmm_tmm lam;
  t07(&p, &lam);
  const nutmm_mixing mix = mixing_of(&p);
  nutmm_mueff ref[3], refsol;
  for (int a = 0; a < 3; a++)
    ref[a] = mueff_of(&mix, &lam, (nutmm_species)a);
  ck_assert_int_eq(nutmm_mueff2_solar(&p, &lam, 0.862, NUTMM_SOLAR_NE_DEFAULT, &refsol),
                   NUTMM_SUCCESS);

  /* 1. global zeta shift */
  nutmm_tmm g = lam;
  for (int k = 0; k < 6; k++)
    g.Lambda[k] *= cexp(I * 1.2345);
  for (int a = 0; a < 3; a++) {
    const nutmm_mueff m = mueff_of(&mix, &g, (nutmm_species)a);
    ck_assert_rel(m.total, ref[a].total, 1e-13);
    ck_assert_rel(m.sterile, ref[a].sterile, 1e-13);
    nutmm_tmm_table t;
    double ts;
    ck_assert_int_eq(nutmm_tmm_table_fill(&mix, &g, (nutmm_species)a, &t), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_tmm_table_sum(&t, &ts), NUTMM_SUCCESS);
    ck_assert_rel(ts, ref[a].total, 1e-13);
  }
  nutmm_mueff sol;
  ck_assert_int_eq(nutmm_mueff2_solar(&p, &g, 0.862, NUTMM_SOLAR_NE_DEFAULT, &sol), NUTMM_SUCCESS);
  ck_assert_rel(sol.total, refsol.total, 1e-13);
  ck_assert_rel(sol.sterile, refsol.sterile, 1e-13);

  /* 3. charged-lepton rephasing (W included) */
  const double chi[4] = {0.4, -2.2, 1.7, 3.0};
  nutmm_mixing mc;
  ck_assert_int_eq(nutmm_mixing_rephase(&mix, chi, NULL, &mc), NUTMM_SUCCESS);
  for (int s = 0; s < NUTMM_N_SPECIES; s++) {
    const nutmm_mueff m = mueff_of(&mc, &lam, (nutmm_species)s);
    ck_assert_rel(m.total, ref[s % 3].total, 1e-13);
    ck_assert_rel(m.sterile, ref[s % 3].sterile, 1e-13);
    double complex w1, w2;
    ck_assert_int_eq(nutmm_tmm_interference(&mix, &lam, (nutmm_species)s, &w1), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_tmm_interference(&mc, &lam, (nutmm_species)s, &w2), NUTMM_SUCCESS);
    ck_assert(cabs(w1 - w2) < 1e-14);
  }

  /* 4. non-invariance: a single zeta or delta shifted by 1 rad */
  const double mu0 = ref[NUTMM_FLAVOR_MU].total;
  for (int k = 0; k < 6; k++) {
    nutmm_tmm h = lam;
    h.Lambda[k] *= cexp(I * 1.0);
    const double m = mueff_of(&mix, &h, NUTMM_NU_MU).total;
    ck_assert_msg(fabs(m - mu0) > 1e-3 * mu0, "zeta_%d shift: %.6g vs %.6g", k + 1, m, mu0);
  }
  double *dl[3] = {&p.delta13, &p.delta14, &p.delta24};
  for (int k = 0; k < 3; k++) {
    nutmm_mixing_params q = p;
    double *dq[3] = {&q.delta13, &q.delta14, &q.delta24};
    *dq[k] = *dl[k] + 1.0;
    const nutmm_mixing mq = mixing_of(&q);
    const double m = mueff_of(&mq, &lam, NUTMM_NU_MU).total;
    ck_assert_msg(fabs(m - mu0) > 1e-3 * mu0, "delta shift %d: %.6g vs %.6g", k, m, mu0);
  }
}
END_TEST

START_TEST(test_nubar_sumrule)
{
  rng_t r = {99991};
  for (int n = 0; n < 200; n++) {
    nutmm_mixing_params p;
    nutmm_tmm lam;
    random_params(&r, &p);
    random_tmm(&r, &lam);
    const nutmm_mixing mix = mixing_of(&p);
    double complex lm[4][4];
    ck_assert_int_eq(nutmm_tmm_matrix(&lam, lm), NUTMM_SUCCESS);
    for (int a = 0; a < 3; a++) {
      /* 5. nubar: amplitude sum_i U_{alpha i} (-lambda*_ij) = -(A_j)^* */
      double complex A[4], Ab[4];
      ck_assert_int_eq(nutmm_tmm_amplitudes(&mix, &lam, (nutmm_species)a, A), NUTMM_SUCCESS);
      ck_assert_int_eq(nutmm_tmm_amplitudes(&mix, &lam, (nutmm_species)(a + 3), Ab), NUTMM_SUCCESS);
      double tb = 0.0;
      for (int j = 0; j < 4; j++) {
        double complex x = 0.0, y = 0.0;
        for (int i = 0; i < 4; i++) {
          x += mix.U[a][i] * (-conj(lm[i][j]));
          y += conj(mix.U[a][i]) * lm[i][j];
        }
        ck_assert(cabs(Ab[j] - x) < 1e-14 && cabs(A[j] - y) < 1e-14);
        tb += pow(cabs(x), 2);
      }
      const nutmm_mueff m = mueff_of(&mix, &lam, (nutmm_species)a);
      const nutmm_mueff mb = mueff_of(&mix, &lam, (nutmm_species)(a + 3));
      ck_assert_rel(mb.total, tb, 1e-13);
      ck_assert_rel(mb.total, m.total, 1e-13);
      ck_assert_rel(mb.sterile, m.sterile, 1e-13);
      /* W = U_a4 A_4; nubar: conjugate */
      double complex w, wb;
      ck_assert_int_eq(nutmm_tmm_interference(&mix, &lam, (nutmm_species)a, &w), NUTMM_SUCCESS);
      ck_assert_int_eq(nutmm_tmm_interference(&mix, &lam, (nutmm_species)(a + 3), &wb),
                       NUTMM_SUCCESS);
      ck_assert(cabs(w - mix.U[a][3] * A[3]) < 1e-14);
      ck_assert(wb == conj(w));
    }
    /* 6. sum rule over e, mu, tau, s; the s row is reached by moving it to the top */
    nutmm_mixing perm;
    for (int i = 0; i < 4; i++) {
      perm.U[0][i] = mix.U[3][i];
      perm.U[1][i] = mix.U[1][i];
      perm.U[2][i] = mix.U[2][i];
      perm.U[3][i] = mix.U[0][i];
    }
    nutmm_mixing perm2;
    ck_assert_int_eq(nutmm_mixing_from_matrix(&perm.U[0][0], 1e-13, &perm2), NUTMM_SUCCESS);
    double tot = 0.0, ster = 0.0;
    for (int a = 0; a < 3; a++) {
      const nutmm_mueff m = mueff_of(&mix, &lam, (nutmm_species)a);
      tot += m.total;
      ster += m.sterile;
    }
    const nutmm_mueff ms = mueff_of(&perm2, &lam, NUTMM_NU_E);
    tot += ms.total;
    ster += ms.sterile;
    ck_assert_rel(tot, 2.0 * norm2_of(&lam), 1e-13);
    /* sum_alpha |A_4|^2 = sum_i |lambda_i4|^2 = |L4|^2 + |L5|^2 + |L6|^2 */
    ck_assert_rel(ster,
                  pow(cabs(lam.Lambda[3]), 2) + pow(cabs(lam.Lambda[4]), 2) +
                      pow(cabs(lam.Lambda[5]), 2),
                  1e-13);
  }
}
END_TEST

/* ---- truncated forms (physics manual phys-tmm-truncated) ----------------------------------------- */

START_TEST(test_truncated_forms)
{
  nutmm_mixing_params p;
  nutmm_tmm lam;
  t07(&p, &lam);
  const double l4 = pow(cabs(lam.Lambda[3]), 2), l5 = pow(cabs(lam.Lambda[4]), 2),
               l6 = pow(cabs(lam.Lambda[5]), 2);
  const double c12 = cos(p.theta12), s12 = sin(p.theta12), c13 = cos(p.theta13),
               s13 = sin(p.theta13), c23 = cos(p.theta23), s23 = sin(p.theta23),
               c14 = cos(p.theta14), s14 = sin(p.theta14);
  const nutmm_mixing mix = mixing_of(&p);
  double v;
  /* eq. (7) in angles */
  ck_assert_int_eq(nutmm_mueff2_truncated(&mix, &lam, NUTMM_NU_E, &v), NUTMM_SUCCESS);
  ck_assert_rel(v,
                (c12 * c12 * c13 * c13 * c14 * c14 + s14 * s14) * l4 +
                    (s12 * s12 * c13 * c13 * c14 * c14 + s14 * s14) * l5 +
                    (s13 * s13 * c14 * c14 + s14 * s14) * l6,
                1e-14);
  /* eqs. (9), (10) in angles: the sterile angles of p are ignored */
  ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &lam, NUTMM_NU_E, &v), NUTMM_SUCCESS);
  ck_assert_rel(v, c12 * c12 * c13 * c13 * l4 + s12 * s12 * c13 * c13 * l5 + s13 * s13 * l6, 1e-14);
  const double x = 2 * c12 * s12 * c23 * s23 * s13 * cos(p.delta13);
  ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &lam, NUTMM_NU_MU, &v), NUTMM_SUCCESS);
  ck_assert_rel(v,
                (s12 * s12 * c23 * c23 + c12 * c12 * s13 * s13 * s23 * s23 + x) * l4 +
                    (c12 * c12 * c23 * c23 + s12 * s12 * s13 * s13 * s23 * s23 - x) * l5 +
                    c13 * c13 * s23 * s23 * l6,
                1e-14);
  /* reading B small-mixing limit for nu_e: |c12 c13 L4 + s12 c13 L5 + s13 e^{i d13} L6|^2 */
  nutmm_mixing_params q = p;
  q.theta14 = q.theta24 = q.theta34 = 0.0;
  const nutmm_mixing m3 = mixing_of(&q);
  double w;
  ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &lam, NUTMM_NU_TAU, &v), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_mueff2_truncated(&m3, &lam, NUTMM_NU_TAU, &w), NUTMM_SUCCESS);
  ck_assert_rel(v, w, 1e-15);
  ck_assert_int_eq(nutmm_mueff2_sterile_block(&m3, &lam, NUTMM_NU_E, &v), NUTMM_SUCCESS);
  ck_assert_rel(v,
                pow(cabs(c12 * c13 * lam.Lambda[3] + s12 * c13 * lam.Lambda[4] +
                         s13 * cexp(I * p.delta13) * lam.Lambda[5]),
                    2),
                1e-14);
  /* readings A and B agree with a single non-zero Lambda_4..6, and B equals the
   * full mu_eff^2 when only Lambda_4..6 are non-zero */
  nutmm_tmm one;
  nutmm_tmm_zero(&one);
  ck_assert_int_eq(nutmm_tmm_set_Lambda(&one, 5, 0.83, 2.0), NUTMM_SUCCESS);
  double a, b;
  ck_assert_int_eq(nutmm_mueff2_truncated(&mix, &one, NUTMM_NU_MU, &a), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_mueff2_sterile_block(&mix, &one, NUTMM_NU_MU, &b), NUTMM_SUCCESS);
  ck_assert_rel(a, b, 1e-14);
  nutmm_tmm st = lam;
  st.Lambda[0] = st.Lambda[1] = st.Lambda[2] = 0.0;
  ck_assert_int_eq(nutmm_mueff2_sterile_block(&mix, &st, NUTMM_NU_TAU, &b), NUTMM_SUCCESS);
  ck_assert_rel(b, mueff_of(&mix, &st, NUTMM_NU_TAU).total, 1e-14);

  /* small-mixing forms converge to eqs. (7)-(8) with an error ~ theta^2 */
  p.delta14 = 0.9;
  p.delta24 = 2.1;
  for (int s = NUTMM_NU_E; s <= NUTMM_NU_MU; s++) {
    double err[2];
    for (int h = 0; h < 2; h++) {
      const double th = 0.02 / (1 << h);
      p.theta14 = th;
      p.theta24 = 1.3 * th;
      p.theta34 = 0.7 * th;
      const nutmm_mixing mm = mixing_of(&p);
      double full, small;
      ck_assert_int_eq(nutmm_mueff2_truncated(&mm, &lam, (nutmm_species)s, &full), NUTMM_SUCCESS);
      ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &lam, (nutmm_species)s, &small),
                       NUTMM_SUCCESS);
      err[h] = fabs(full - small);
      ck_assert(err[h] > 0.0 && err[h] < 10.0 * th * th * (l4 + l5 + l6));
    }
    ck_assert_msg(err[0] / err[1] > 3.9 && err[0] / err[1] < 4.1, "error ratio %g",
                  err[0] / err[1]);
  }
}
END_TEST

/* ---- solar (physics manual phys-tmm-solar) ---------------------------------------------------- */

START_TEST(test_solar)
{
  nutmm_mixing_params p;
  nutmm_tmm lam;
  t07(&p, &lam);
  double P[4];
  ck_assert_int_eq(nutmm_solar_pei(&p, 1.44, 6e25, P), NUTMM_SUCCESS);
  nutmm_mueff a, b;
  ck_assert_int_eq(nutmm_mueff2_solar(&p, &lam, 1.44, 6e25, &a), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_mueff2_solar_pei(P, &lam, &b), NUTMM_SUCCESS);
  ck_assert(a.total == b.total && a.sterile == b.sterile && a.active == b.active);
  /* written-out rows of physics manual phys-tmm-solar */
  double L[6];
  for (int k = 0; k < 6; k++)
    L[k] = pow(cabs(lam.Lambda[k]), 2);
  ck_assert_rel(a.total,
                P[0] * (L[1] + L[2] + L[3]) + P[1] * (L[0] + L[2] + L[4]) +
                    P[2] * (L[0] + L[1] + L[5]) + P[3] * (L[3] + L[4] + L[5]),
                1e-14);
  ck_assert_rel(a.sterile, P[0] * L[3] + P[1] * L[4] + P[2] * L[5], 1e-14);
  /* no phases enter eq. (5) */
  nutmm_tmm g = lam;
  g.Lambda[2] *= cexp(I * 0.8);
  ck_assert_int_eq(nutmm_mueff2_solar_pei(P, &g, &b), NUTMM_SUCCESS);
  ck_assert_rel(b.total, a.total, 1e-15);
  /* 3nu check: |Lambda|^2 - sum_i P_ei |Lambda_i|^2 */
  const double P3[4] = {0.55, 0.43, 0.02, 0.0};
  nutmm_tmm t3;
  const double absL[6] = {0.8, 0.6, 0.4, 0, 0, 0};
  ck_assert_int_eq(nutmm_tmm_from_Lambda(absL, NULL, &t3), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_mueff2_solar_pei(P3, &t3, &b), NUTMM_SUCCESS);
  ck_assert_rel(b.total, 1.16 - (0.55 * 0.64 + 0.43 * 0.36 + 0.02 * 0.16), 1e-14);
  ck_assert(b.sterile == 0.0);
}
END_TEST

/* ---- error paths --------------------------------------------------------- */

START_TEST(test_errors)
{
  nutmm_mixing_params p;
  nutmm_tmm lam, t;
  t07(&p, &lam);
  nutmm_mixing mix = mixing_of(&p);
  double complex z, A[4];
  double v;
  nutmm_mueff m;
  nutmm_tmm_table tab;
  const double phi[4] = {0, 0, 0, 0}, badphi[4] = {0, NAN, 0, 0};

  /* setters and getters */
  ck_assert_int_eq(nutmm_tmm_set_Lambda(NULL, 1, 1.0, 0.0), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_set_Lambda(&t, 0, 1.0, 0.0), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_tmm_set_Lambda(&t, 7, 1.0, 0.0), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_tmm_set_Lambda(&t, 2, -1e-10, 0.0), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "modulus"));
  ck_assert_int_eq(nutmm_tmm_set_Lambda(&t, 2, NAN, 0.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_tmm_set_Lambda(&t, 2, 1.0, INFINITY), NUTMM_EDOM);
  const double absL[6] = {1, 1, 1, 1, -1, 1};
  t = lam;
  ck_assert_int_eq(nutmm_tmm_from_Lambda(absL, NULL, &t), NUTMM_EDOM);
  ck_assert_int_eq(memcmp(&t, &lam, sizeof t), 0); /* unchanged on error */
  ck_assert_ptr_nonnull(
      strstr(nutmm_error_reason(), "nutmm_tmm_from_Lambda <- nutmm_tmm_set_Lambda"));
  ck_assert_int_eq(nutmm_tmm_from_Lambda(NULL, NULL, &t), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_from_Lambda(absL, NULL, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_get_Lambda(NULL, 1, &z), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_get_Lambda(&lam, 1, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_get_Lambda(&lam, 0, &z), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_tmm_set(NULL, 1, 2, 1.0, 0.0), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_set(&t, 0, 2, 1.0, 0.0), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_tmm_set(&t, 1, 5, 1.0, 0.0), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_tmm_set(&t, 3, 3, 1.0, 0.0), NUTMM_EINVAL);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "diagonal"));
  ck_assert_int_eq(nutmm_tmm_set(&t, 1, 2, NAN, 0.0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_tmm_set(&t, 1, 2, 0.0, INFINITY), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_tmm_get(NULL, 1, 2, &z), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_get(&lam, 1, 2, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_get(&lam, 5, 2, &z), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_tmm_matrix(NULL, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_norm2(NULL, &v), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_norm2(&lam, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_rephase(NULL, phi, &t), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_rephase(&lam, NULL, &t), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_rephase(&lam, badphi, &t), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_tmm_absorb_majorana(&lam, phi, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_absorb_majorana(&lam, badphi, &t), NUTMM_EDOM);

  /* species-based functions: NULL, bad species, NaN in lambda, NaN in U */
  nutmm_tmm nanlam = lam;
  nanlam.Lambda[4] = NAN;
  nutmm_mixing nanmix = mix;
  nanmix.U[1][2] = NAN;
  const nutmm_species bad = (nutmm_species)6, neg = (nutmm_species)-1;
  ck_assert_int_eq(nutmm_mueff2(NULL, &lam, NUTMM_NU_E, &m), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2(&mix, NULL, NUTMM_NU_E, &m), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2(&mix, &lam, NUTMM_NU_E, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2(&mix, &lam, bad, &m), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_mueff2(&mix, &lam, neg, &m), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_mueff2(&mix, &nanlam, NUTMM_NU_E, &m), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "Lambda_5"));
  ck_assert_int_eq(nutmm_mueff2(&nanmix, &lam, NUTMM_NU_MU, &m), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_tmm_amplitudes(&mix, &lam, bad, A), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_tmm_amplitudes(&mix, &lam, NUTMM_NU_E, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_amplitudes(&nanmix, &lam, NUTMM_NU_MU, A), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_tmm_interference(&mix, NULL, NUTMM_NU_E, &z), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_interference(&mix, &lam, bad, &z), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_tmm_interference(&nanmix, &lam, NUTMM_NU_MU, &z), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mueff2_truncated(&mix, &lam, NUTMM_NU_E, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2_truncated(&mix, &nanlam, NUTMM_NU_E, &v), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mueff2_truncated(&nanmix, &lam, NUTMM_NU_MU, &v), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mueff2_truncated(&mix, &lam, bad, &v), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_mueff2_sterile_block(NULL, &lam, NUTMM_NU_E, &v), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2_sterile_block(&mix, &lam, neg, &v), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_mueff2_sterile_block(&nanmix, &lam, NUTMM_NU_MU, &v), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mueff2_small_mixing(NULL, &lam, NUTMM_NU_E, &v), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &lam, bad, &v), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_mueff2_small_mixing(&p, &nanlam, NUTMM_NU_E, &v), NUTMM_EDOM);
  nutmm_mixing_params q = p;
  q.theta12 = -0.1;
  ck_assert_int_eq(nutmm_mueff2_small_mixing(&q, &lam, NUTMM_NU_E, &v), NUTMM_EDOM);
  ck_assert_ptr_nonnull(
      strstr(nutmm_error_reason(), "nutmm_mueff2_small_mixing <- nutmm_mixing_from_params"));
  ck_assert_int_eq(nutmm_tmm_table_fill(&mix, &lam, bad, &tab), NUTMM_EINVAL);
  ck_assert_int_eq(nutmm_tmm_table_fill(&mix, &lam, NUTMM_NU_E, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_table_fill(&nanmix, &lam, NUTMM_NU_MU, &tab), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_tmm_table_sum(NULL, &v), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_table_sum(&tab, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_tmm_table_row(0, NULL, NULL, NULL), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_tmm_table_row(22, NULL, NULL, NULL), NUTMM_EBADLEN);

  /* solar */
  const double P[4] = {0.5, 0.4, 0.05, 0.05};
  double Pb[4] = {0.5, 0.4, 0.05, 0.05};
  ck_assert_int_eq(nutmm_mueff2_solar_pei(NULL, &lam, &m), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2_solar_pei(P, NULL, &m), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2_solar_pei(P, &lam, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mueff2_solar_pei(P, &nanlam, &m), NUTMM_EDOM);
  Pb[2] = -0.01;
  ck_assert_int_eq(nutmm_mueff2_solar_pei(Pb, &lam, &m), NUTMM_EDOM);
  Pb[2] = NAN;
  ck_assert_int_eq(nutmm_mueff2_solar_pei(Pb, &lam, &m), NUTMM_EDOM);
  Pb[2] = 0.2;
  ck_assert_int_eq(nutmm_mueff2_solar_pei(Pb, &lam, &m), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "exceeds 1"));
  ck_assert_int_eq(nutmm_mueff2_solar(&p, &lam, -0.5, 6e25, &m), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nutmm_mueff2_solar <- nutmm_solar_pei"));
  ck_assert_int_eq(nutmm_mueff2_solar(&p, &nanlam, 0.5, 6e25, &m), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mueff2_solar(NULL, &lam, 0.5, 6e25, &m), NUTMM_EFAULT);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("tmm");
  TCase *tc = tcase_create("tmm");
  tcase_add_test(tc, test_vectors);
  tcase_add_test(tc, test_lambda_matrix);
  tcase_add_test(tc, test_majorana);
  tcase_add_test(tc, test_table_random);
  tcase_add_test(tc, test_table1_explicit);
  tcase_add_test(tc, test_invariances);
  tcase_add_test(tc, test_nubar_sumrule);
  tcase_add_test(tc, test_truncated_forms);
  tcase_add_test(tc, test_solar);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
