/* nutmm-mueff: effective magnetic moments of the 3+1 system for given mixing
 * and transition magnetic moments (arXiv:2109.09545 section 2.1).
 * All physics is in the library (nutmm/mixing.h, nutmm/tmm.h); this program
 * only parses options and prints TSV.  Run with --help for the options. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nutmm/error.h"
#include "nutmm/mixing.h"
#include "nutmm/tmm.h"
#include "nutmm/units.h"

#define DEG (NUTMM_PI / 180.0)
#define DEFAULT_L4 1e-10 /* mu_B: |Lambda_4| = |lambda_14| when no TMM is given */

static void usage(FILE *f)
{
  fputs("Usage: nutmm-mueff [options]\n"
        "Prints mu_eff^2 (mu_B^2) of nu_e and nu_mu beams (eq. 6), total and split by final\n"
        "state (sterile = nu_4, active = nu_1,2,3), as TSV.  Defaults: NuFIT 5.1 NO, no\n"
        "active-sterile mixing, |Lambda_4| = |lambda_14| = 1e-10 mu_B.\n"
        "Mixing (degrees):\n"
        "  --th12 A --th13 A --th23 A --th14 A --th24 A --th34 A   angles in [0, 90]\n"
        "  --d13 P --d14 P --d24 P                                 Dirac phases\n"
        "TMMs (mu_B; any of these replaces the default; phases in degrees):\n"
        "  --L1 V ... --L6 V        moduli |Lambda_k| (lambda_23, lambda_31, lambda_12,\n"
        "                           lambda_14, lambda_24, lambda_34)\n"
        "  --zeta1 P ... --zeta6 P  phases zeta_k of Lambda_k\n"
        "  --lambda ij=V[,P]        entry lambda_ij = V e^{iP} (i != j in 1..4), e.g.\n"
        "                           --lambda 24=3e-10; applied after --L/--zeta\n"
        "Output:\n"
        "  --table                  also print the 21-term tables (Tables 1-2) for e, mu\n"
        "  --solar E                also print the solar moment (eq. 5) at E MeV\n"
        "  --ne N                   solar production density, cm^-3 (default 6e25)\n"
        "  --help                   this text\n",
        f);
}

/* Parse a whole string as a finite double. */
static int parse_num(const char *s, double *x)
{
  char *end;
  if (s == NULL || *s == '\0')
    return -1;
  *x = strtod(s, &end);
  return (*end == '\0' && isfinite(*x)) ? 0 : -1;
}

/* "ij=V[,P]" -> i, j, V, P (degrees). */
static int parse_entry(const char *s, int *i, int *j, double *v, double *ph)
{
  char buf[128];
  if (strlen(s) >= sizeof buf || strlen(s) < 4 || s[2] != '=')
    return -1;
  strcpy(buf, s);
  *i = buf[0] - '0';
  *j = buf[1] - '0';
  char *comma = strchr(buf + 3, ',');
  *ph = 0.0;
  if (comma != NULL) {
    *comma = '\0';
    if (parse_num(comma + 1, ph) != 0)
      return -1;
  }
  return parse_num(buf + 3, v);
}

static int fail(const char *what)
{
  fprintf(stderr, "nutmm-mueff: %s: %s\n", what, nutmm_error_reason());
  return EXIT_FAILURE;
}

int main(int argc, char **argv)
{
  nutmm_mixing_params p;
  nutmm_mixing_params_default(&p);
  double absL[6] = {0, 0, 0, DEFAULT_L4, 0, 0}, zeta[6] = {0};
  int user_tmm = 0, table = 0, solar = 0, nent = 0;
  double Esol = 0.0, ne = NUTMM_SOLAR_NE_DEFAULT;
  struct {
    int i, j;
    double v, ph;
  } ent[12];
  double *const angle[9] = {&p.theta12, &p.theta13, &p.theta23, &p.theta14, &p.theta24,
                            &p.theta34, &p.delta13, &p.delta14, &p.delta24};
  static const char *const angle_opt[9] = {"--th12", "--th13", "--th23", "--th14", "--th24",
                                           "--th34", "--d13",  "--d14",  "--d24"};

  for (int a = 1; a < argc; a++) {
    const char *o = argv[a], *val = a + 1 < argc ? argv[a + 1] : NULL;
    double x;
    int done = 0;
    if (strcmp(o, "--help") == 0) {
      usage(stdout);
      return EXIT_SUCCESS;
    }
    if (strcmp(o, "--table") == 0) {
      table = 1;
      continue;
    }
    for (int k = 0; k < 9 && !done; k++)
      if (strcmp(o, angle_opt[k]) == 0) {
        if (parse_num(val, &x) != 0)
          goto bad_value;
        *angle[k] = x * DEG;
        done = 1;
      }
    for (int k = 1; k <= 6 && !done; k++) {
      char lo[8], zo[12];
      snprintf(lo, sizeof lo, "--L%d", k);
      snprintf(zo, sizeof zo, "--zeta%d", k);
      if (strcmp(o, lo) == 0 || strcmp(o, zo) == 0) {
        if (parse_num(val, &x) != 0)
          goto bad_value;
        if (o[2] == 'L') {
          if (!user_tmm) /* the first TMM option clears the default */
            absL[3] = 0.0;
          absL[k - 1] = x;
          user_tmm = 1;
        } else {
          zeta[k - 1] = x * DEG;
        }
        done = 1;
      }
    }
    if (!done && strcmp(o, "--lambda") == 0) {
      if (val == NULL || nent == 12 ||
          parse_entry(val, &ent[nent].i, &ent[nent].j, &ent[nent].v, &ent[nent].ph) != 0)
        goto bad_value;
      if (!user_tmm)
        absL[3] = 0.0;
      user_tmm = 1;
      nent++;
      done = 1;
    }
    if (!done && (strcmp(o, "--solar") == 0 || strcmp(o, "--ne") == 0)) {
      if (parse_num(val, &x) != 0)
        goto bad_value;
      if (o[2] == 's') {
        Esol = x;
        solar = 1;
      } else {
        ne = x;
      }
      done = 1;
    }
    if (!done) {
      fprintf(stderr, "nutmm-mueff: unknown option '%s' (try --help)\n", o);
      return 2;
    }
    a++; /* every remaining option takes one value */
    continue;
  bad_value:
    fprintf(stderr, "nutmm-mueff: option %s: bad or missing value '%s'\n", o, val ? val : "");
    return 2;
  }

  nutmm_mixing mix;
  nutmm_tmm lam;
  if (nutmm_mixing_from_params(&p, &mix) != NUTMM_SUCCESS)
    return fail("mixing parameters");
  if (nutmm_tmm_from_Lambda(absL, zeta, &lam) != NUTMM_SUCCESS)
    return fail("TMM moduli");
  for (int e = 0; e < nent; e++) {
    double complex z = ent[e].v * cexp(I * ent[e].ph * DEG);
    if (nutmm_tmm_set(&lam, ent[e].i, ent[e].j, creal(z), cimag(z)) != NUTMM_SUCCESS)
      return fail("--lambda");
  }

  static const char *const name[2] = {"nu_e", "nu_mu"};
  const nutmm_species sp[2] = {NUTMM_NU_E, NUTMM_NU_MU};
  printf("species\tmu2_total[mu_B^2]\tmu2_sterile[mu_B^2]\tmu2_active[mu_B^2]\n");
  for (int a = 0; a < 2; a++) {
    nutmm_mueff m;
    if (nutmm_mueff2(&mix, &lam, sp[a], &m) != NUTMM_SUCCESS)
      return fail("mu_eff^2");
    printf("%s\t%.10e\t%.10e\t%.10e\n", name[a], m.total, m.sterile, m.active);
  }

  if (table) {
    printf("\nspecies\trow\tterm\tcoefficient\tproduct[mu_B^2]\tterm_value[mu_B^2]\n");
    for (int a = 0; a < 2; a++) {
      nutmm_tmm_table t;
      double sum;
      if (nutmm_tmm_table_fill(&mix, &lam, sp[a], &t) != NUTMM_SUCCESS ||
          nutmm_tmm_table_sum(&t, &sum) != NUTMM_SUCCESS)
        return fail("table");
      for (int j = 1; j <= NUTMM_TMM_NTERMS; j++) {
        const char *label;
        nutmm_tmm_table_row(j, NULL, NULL, &label);
        printf("%s\t%d\t%s\t%+.10e\t%.10e\t%+.10e\n", name[a], j, label, t.coef[j - 1],
               t.prod[j - 1], t.coef[j - 1] * t.prod[j - 1]);
      }
      printf("%s\tsum\t-\t-\t-\t%+.10e\n", name[a], sum);
    }
  }

  if (solar) {
    double P[4];
    nutmm_mueff m;
    if (nutmm_solar_pei(&p, Esol, ne, P) != NUTMM_SUCCESS ||
        nutmm_mueff2_solar_pei(P, &lam, &m) != NUTMM_SUCCESS)
      return fail("solar");
    printf("\nE[MeV]\tn_e[cm^-3]\tP_e1\tP_e2\tP_e3\tP_e4\tmu2_sol_total[mu_B^2]"
           "\tmu2_sol_sterile[mu_B^2]\tmu2_sol_active[mu_B^2]\n");
    printf("%g\t%g\t%.12g\t%.12g\t%.12g\t%.12g\t%.10e\t%.10e\t%.10e\n", Esol, ne, P[0], P[1], P[2],
           P[3], m.total, m.sterile, m.active);
  }
  return EXIT_SUCCESS;
}
