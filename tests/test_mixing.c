/* Mixing matrix (physics manual phys-mixing-u, phys-mixing-defaults) and solar P_ei (physics manual phys-mixing-pei). */
#include <complex.h>
#include <stdint.h>
#include <string.h>

#include "nutmm/error.h"
#include "nutmm/mixing.h"
#include "nutmm/units.h"
#include "testutil.h"

#define DEG (NUTMM_PI / 180.0)

/* Deterministic xorshift64* uniform deviates in [0, 1). */
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
  p->theta12 = 0.5 * NUTMM_PI * rng_u(r);
  p->theta13 = 0.5 * NUTMM_PI * rng_u(r);
  p->theta23 = 0.5 * NUTMM_PI * rng_u(r);
  p->theta14 = 0.5 * NUTMM_PI * rng_u(r);
  p->theta24 = 0.5 * NUTMM_PI * rng_u(r);
  p->theta34 = 0.5 * NUTMM_PI * rng_u(r);
  p->delta13 = 2.0 * NUTMM_PI * rng_u(r);
  p->delta14 = 2.0 * NUTMM_PI * rng_u(r);
  p->delta24 = 2.0 * NUTMM_PI * rng_u(r);
}

static double unitarity_dev(const nutmm_mixing *m)
{
  double dev = 0.0;
  for (int a = 0; a < 4; a++)
    for (int b = 0; b < 4; b++) {
      double complex s = 0.0;
      for (int i = 0; i < 4; i++)
        s += m->U[a][i] * conj(m->U[b][i]);
      double d = cabs(s - (a == b ? 1.0 : 0.0));
      if (d > dev)
        dev = d;
    }
  return dev;
}

#define ck_assert_cplx(z, w, tol)                                                                  \
  do {                                                                                             \
    double complex cz_ = (z), cw_ = (w);                                                           \
    ck_assert_msg(cabs(cz_ - cw_) <= (tol), "%s = %.15g%+.15gi, expected %.15g%+.15gi", #z,        \
                  creal(cz_), cimag(cz_), creal(cw_), cimag(cw_));                                 \
  } while (0)

START_TEST(test_defaults)
{
  nutmm_mixing_params p;
  memset(&p, 0xff, sizeof p);
  nutmm_mixing_params_default(&p);
  nutmm_mixing_params_default(NULL); /* no-op */
  /* physics manual phys-mixing-defaults: NuFIT 5.1 NO (with SK) */
  ck_assert_rel(pow(sin(p.theta12), 2), 0.304, 1e-14);
  ck_assert_rel(pow(sin(p.theta13), 2), 0.02246, 1e-14);
  ck_assert_rel(pow(sin(p.theta23), 2), 0.450, 1e-14);
  ck_assert_rel(p.theta12 / DEG, 33.460499, 1e-7); /* the degrees of the test vectors */
  ck_assert_rel(p.theta13 / DEG, 8.619196, 1e-7);
  ck_assert_rel(p.theta23 / DEG, 42.130415, 1e-7);
  ck_assert_rel(p.delta13, 230.0 * DEG, 1e-15);
  ck_assert_rel(p.dm21, 7.42e-5, 1e-15);
  ck_assert_rel(p.dm31, 2.510e-3, 1e-15);
  ck_assert(p.theta14 == 0.0 && p.theta24 == 0.0 && p.theta34 == 0.0);
  ck_assert(p.delta14 == 0.0 && p.delta24 == 0.0);
}
END_TEST

START_TEST(test_unitary_and_elements)
{
  rng_t r = {0x9e3779b97f4a7c15ULL};
  for (int n = 0; n < 500; n++) {
    nutmm_mixing_params p;
    random_params(&r, &p);
    nutmm_mixing m;
    ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_SUCCESS);
    ck_assert_msg(unitarity_dev(&m) < 1e-14, "unitarity %g", unitarity_dev(&m));

    const double c12 = cos(p.theta12), s12 = sin(p.theta12), c13 = cos(p.theta13),
                 s13 = sin(p.theta13), c23 = cos(p.theta23), s23 = sin(p.theta23),
                 c14 = cos(p.theta14), s14 = sin(p.theta14), c24 = cos(p.theta24),
                 s24 = sin(p.theta24), c34 = cos(p.theta34), s34 = sin(p.theta34);
    const double d13 = p.delta13, d14 = p.delta14, d24 = p.delta24;
#define E(x) cexp(I * (x))
    /* explicit elements of physics manual phys-mixing-u */
    ck_assert_cplx(m.U[0][0], c12 * c13 * c14, 1e-15);
    ck_assert_cplx(m.U[0][1], s12 * c13 * c14, 1e-15);
    ck_assert_cplx(m.U[0][2], s13 * c14 * E(-d13), 1e-15);
    ck_assert_cplx(m.U[0][3], s14 * E(-d14), 1e-15);
    ck_assert_cplx(m.U[1][0],
                   -s12 * c23 * c24 - c12 * s13 * s23 * c24 * E(d13) -
                       c12 * c13 * s14 * s24 * E(d14 - d24),
                   1e-15);
    ck_assert_cplx(m.U[1][2], c13 * s23 * c24 - s13 * s14 * s24 * E(d14 - d13 - d24), 1e-15);
    ck_assert_cplx(m.U[1][3], c14 * s24 * E(-d24), 1e-15);
    ck_assert_cplx(m.U[2][0],
                   s12 * s23 * c34 - c12 * c23 * s13 * c34 * E(d13) +
                       c23 * s12 * s24 * s34 * E(d24) + c12 * s13 * s23 * s24 * s34 * E(d13 + d24) -
                       c12 * c13 * c24 * s14 * s34 * E(d14),
                   1e-15);
    ck_assert_cplx(m.U[2][2],
                   c13 * c23 * c34 - c13 * s23 * s24 * s34 * E(d24) -
                       s13 * c24 * s14 * s34 * E(d14 - d13),
                   1e-15);
    ck_assert_cplx(m.U[2][3], c14 * c24 * s34, 1e-15);
    ck_assert_cplx(m.U[3][1],
                   c12 * s23 * s34 + s12 * c23 * s13 * s34 * E(d13) -
                       c12 * c23 * s24 * c34 * E(d24) + s12 * s13 * s23 * s24 * c34 * E(d13 + d24) -
                       s12 * c13 * c24 * s14 * c34 * E(d14),
                   1e-15);
    ck_assert_cplx(m.U[3][3], c14 * c24 * c34, 1e-15);
#undef E
    /* |u_i|^2 of Table 2 (physics manual phys-tmm-tables) */
    const double u1 = s12 * s12 * c23 * c23 * c24 * c24 +
                      c12 * c12 * s13 * s13 * s23 * s23 * c24 * c24 +
                      c12 * c12 * c13 * c13 * s14 * s14 * s24 * s24 +
                      2 * c12 * s12 * c23 * s23 * s13 * c24 * c24 * cos(d13) +
                      2 * c12 * s12 * c13 * c23 * c24 * s14 * s24 * cos(d14 - d24) +
                      2 * c12 * c12 * c13 * s13 * s23 * c24 * s14 * s24 * cos(d13 - d14 + d24);
    const double u3 = c13 * c13 * s23 * s23 * c24 * c24 + s13 * s13 * s14 * s14 * s24 * s24 -
                      2 * c13 * s13 * s23 * c24 * s14 * s24 * cos(d13 - d14 + d24);
    ck_assert_abs(pow(cabs(m.U[1][0]), 2), u1, 1e-14);
    ck_assert_abs(pow(cabs(m.U[1][2]), 2), u3, 1e-14);
  }
}
END_TEST

START_TEST(test_pdg_limit)
{
  /* theta_i4 = 0: the upper block is the PDG matrix, U_e3 = s13 e^{-i delta_CP} */
  nutmm_mixing_params p;
  nutmm_mixing_params_default(&p);
  nutmm_mixing m;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_SUCCESS);
  ck_assert_cplx(m.U[0][2], sqrt(0.02246) * cexp(-I * 230.0 * DEG), 1e-15);
  ck_assert_cplx(m.U[3][3], 1.0, 0.0);
  for (int a = 0; a < 3; a++)
    ck_assert_cplx(m.U[a][3], 0.0, 0.0);
  /* pi/2 converted from degrees is accepted */
  p.theta34 = 90.0 * DEG;
  p.theta12 = 0.5 * NUTMM_PI;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_SUCCESS);
  ck_assert_cplx(m.U[2][3], 1.0, 1e-15);
}
END_TEST

START_TEST(test_from_matrix_rephase)
{
  nutmm_mixing_params p;
  nutmm_mixing_params_default(&p);
  p.theta14 = 0.137;
  p.theta24 = 0.0921;
  p.delta14 = 1.234;
  nutmm_mixing m, m2, m3;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_mixing_from_matrix(&m.U[0][0], NUTMM_MIXING_UNITARITY_TOL, &m2),
                   NUTMM_SUCCESS);
  ck_assert_int_eq(memcmp(&m, &m2, sizeof m), 0);
  /* rephasing keeps unitarity and multiplies element-wise by e^{i(chi_a + phi_i)} */
  const double chi[4] = {0.31, -1.7, 2.9, 0.05}, phi[4] = {1.1, -0.4, 0.77, 2.2};
  ck_assert_int_eq(nutmm_mixing_rephase(&m, chi, phi, &m3), NUTMM_SUCCESS);
  ck_assert_msg(unitarity_dev(&m3) < 1e-14, "rephased unitarity");
  ck_assert_cplx(m3.U[1][2], m.U[1][2] * cexp(I * (chi[1] + phi[2])), 1e-15);
  ck_assert_int_eq(nutmm_mixing_rephase(&m, NULL, phi, &m3), NUTMM_SUCCESS);
  ck_assert_cplx(m3.U[2][0], m.U[2][0] * cexp(I * phi[0]), 1e-15);
  m3 = m;
  ck_assert_int_eq(nutmm_mixing_rephase(&m3, chi, NULL, &m3), NUTMM_SUCCESS); /* in place */
  ck_assert_cplx(m3.U[3][1], m.U[3][1] * cexp(I * chi[3]), 1e-15);

  /* a perturbed matrix: accepted or rejected according to tol */
  double complex V[4][4];
  memcpy(V, m.U, sizeof V);
  V[1][1] *= 1.0 + 1e-6;
  ck_assert_int_eq(nutmm_mixing_from_matrix(&V[0][0], NUTMM_MIXING_UNITARITY_TOL, &m2),
                   NUTMM_ENOTUNITARY);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "exceeds tol"));
  ck_assert_int_eq(nutmm_mixing_from_matrix(&V[0][0], 1e-5, &m2), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_mixing_from_matrix(&V[0][0], 0.0, &m2), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mixing_from_matrix(&V[0][0], NAN, &m2), NUTMM_EDOM);
  V[2][3] = NAN;
  ck_assert_int_eq(nutmm_mixing_from_matrix(&V[0][0], 1e-5, &m2), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mixing_from_matrix(NULL, 1e-5, &m2), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mixing_from_matrix(&m.U[0][0], 1e-5, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mixing_rephase(NULL, chi, phi, &m3), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mixing_rephase(&m, chi, phi, NULL), NUTMM_EFAULT);
  const double bad[4] = {0, 0, INFINITY, 0};
  ck_assert_int_eq(nutmm_mixing_rephase(&m, bad, phi, &m3), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_mixing_rephase(&m, chi, bad, &m3), NUTMM_EDOM);
}
END_TEST

START_TEST(test_from_params_errors)
{
  nutmm_mixing_params p;
  nutmm_mixing m;
  nutmm_mixing_params_default(&p);
  ck_assert_int_eq(nutmm_mixing_from_params(NULL, &m), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_mixing_from_params(&p, NULL), NUTMM_EFAULT);
  p.theta23 = NAN;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "theta23"));
  nutmm_mixing_params_default(&p);
  p.theta24 = -1e-3;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_EDOM);
  nutmm_mixing_params_default(&p);
  p.theta14 = 0.5 * NUTMM_PI + 1e-12;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_EDOM);
  nutmm_mixing_params_default(&p);
  p.delta24 = INFINITY;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "delta24"));
}
END_TEST

START_TEST(test_solar_pei)
{
  nutmm_mixing_params p;
  nutmm_mixing_params_default(&p);
  double P[4], Pee;
  /* physics manual phys-mixing-pei reference values at n_e = 6e25 cm^-3: 0.862 MeV, theta14 = 0 (vector T03) */
  p.theta12 = 33.460499 * DEG;
  p.theta13 = 8.619196 * DEG;
  ck_assert_int_eq(nutmm_solar_pei(&p, 0.862, NUTMM_SOLAR_NE_DEFAULT, P), NUTMM_SUCCESS);
  ck_assert_rel(P[0], 6.020987094513e-01, 1e-12);
  ck_assert_rel(P[1], 3.754412923154e-01, 1e-12);
  ck_assert_rel(P[2], 2.245999823327e-02, 1e-12);
  ck_assert(P[3] == 0.0);
  ck_assert_abs(P[0], 0.6021, 5e-5); /* the rounded values quoted in the text */
  ck_assert_abs(P[1], 0.3754, 5e-5);
  /* 10 MeV with theta14 = 3 deg: P_e1 = 0.0641, P_e2 = 0.9108 (text; vector T15) */
  p.theta14 = 3.0 * DEG;
  ck_assert_int_eq(nutmm_solar_pei(&p, 10.0, NUTMM_SOLAR_NE_DEFAULT, P), NUTMM_SUCCESS);
  ck_assert_abs(P[0], 0.0641, 5e-5);
  ck_assert_abs(P[1], 0.9108, 5e-5);
  ck_assert_rel(P[3], pow(sin(3.0 * DEG), 2), 1e-14);
  ck_assert_rel(P[0] + P[1] + P[2] + P[3], 1.0, 1e-15);
  /* sum = 1 over a grid of energies, densities and random angles; P_e1 falls with E */
  rng_t r = {12345};
  for (int n = 0; n < 200; n++) {
    random_params(&r, &p);
    const double E = 20.0 * rng_u(&r), ne = 1e26 * rng_u(&r);
    ck_assert_int_eq(nutmm_solar_pei(&p, E, ne, P), NUTMM_SUCCESS);
    for (int i = 0; i < 4; i++)
      ck_assert(P[i] >= 0.0 && P[i] <= 1.0);
    ck_assert_rel(P[0] + P[1] + P[2] + P[3], 1.0, 1e-14);
  }
  nutmm_mixing_params_default(&p);
  double prev = 1.0;
  for (double E = 0.1; E < 20.0; E *= 1.5) {
    ck_assert_int_eq(nutmm_solar_pei(&p, E, NUTMM_SOLAR_NE_DEFAULT, P), NUTMM_SUCCESS);
    ck_assert(P[0] < prev);
    prev = P[0];
  }
  /* vacuum limit n_e = 0 (and E = 0): P_ei = |U_ei|^2 */
  p.theta14 = 0.2;
  p.delta14 = 0.7;
  nutmm_mixing m;
  ck_assert_int_eq(nutmm_mixing_from_params(&p, &m), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_solar_pei(&p, 5.0, 0.0, P), NUTMM_SUCCESS);
  for (int i = 0; i < 4; i++)
    ck_assert_rel(P[i], pow(cabs(m.U[0][i]), 2), 1e-14);
  ck_assert_int_eq(nutmm_solar_pee(&p, 5.0, 0.0, &Pee), NUTMM_SUCCESS);
  double s = 0.0;
  for (int i = 0; i < 4; i++)
    s += pow(cabs(m.U[0][i]), 4);
  ck_assert_rel(Pee, s, 1e-14);
  ck_assert_int_eq(nutmm_solar_pei(&p, 0.0, 6e25, P), NUTMM_SUCCESS);
  ck_assert_rel(P[1], pow(cabs(m.U[0][1]), 2), 1e-14);
  /* high-energy 8B limit: P_ee -> c13^4 s12^2 (+ small corrections) */
  nutmm_mixing_params_default(&p);
  ck_assert_int_eq(nutmm_solar_pee(&p, 1e4, 6e25, &Pee), NUTMM_SUCCESS);
  ck_assert_rel(Pee, pow(cos(p.theta13), 4) * 0.304 + pow(sin(p.theta13), 4), 1e-5);
  /* zero-mixing resonance is defined (cos 2theta12m = 0) */
  p.theta12 = 0.0;
  p.theta13 = 0.0;
  const double Eres = p.dm21 * 1e-12 / (2.0 * NUTMM_SQRT2 * NUTMM_GF * pow(NUTMM_HBARC, 3) * 1e25);
  ck_assert_int_eq(nutmm_solar_pei(&p, Eres, 1e25, P), NUTMM_SUCCESS);
  ck_assert(isfinite(P[0]) && isfinite(P[1]));
  ck_assert_rel(P[0] + P[1], 1.0, 1e-15);
}
END_TEST

START_TEST(test_solar_errors)
{
  nutmm_mixing_params p;
  nutmm_mixing_params_default(&p);
  double P[4], Pee;
  ck_assert_int_eq(nutmm_solar_pei(NULL, 1.0, 6e25, P), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_solar_pei(&p, 1.0, 6e25, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_solar_pei(&p, -1.0, 6e25, P), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "E = -1"));
  ck_assert_int_eq(nutmm_solar_pei(&p, NAN, 6e25, P), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_solar_pei(&p, 1.0, -6e25, P), NUTMM_EDOM);
  p.dm21 = 0.0;
  ck_assert_int_eq(nutmm_solar_pei(&p, 1.0, 6e25, P), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "dm21"));
  nutmm_mixing_params_default(&p);
  p.theta13 = 2.0;
  ck_assert_int_eq(nutmm_solar_pei(&p, 1.0, 6e25, P), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_solar_pee(&p, 1.0, 6e25, &Pee), NUTMM_EDOM);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nutmm_solar_pee <- nutmm_solar_pei"));
  nutmm_mixing_params_default(&p);
  ck_assert_int_eq(nutmm_solar_pee(&p, 1.0, 6e25, NULL), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_solar_pee(NULL, 1.0, 6e25, &Pee), NUTMM_EFAULT);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("mixing");
  TCase *tc = tcase_create("mixing");
  tcase_add_test(tc, test_defaults);
  tcase_add_test(tc, test_unitary_and_elements);
  tcase_add_test(tc, test_pdg_limit);
  tcase_add_test(tc, test_from_matrix_rephase);
  tcase_add_test(tc, test_from_params_errors);
  tcase_add_test(tc, test_solar_pei);
  tcase_add_test(tc, test_solar_errors);
  suite_add_tcase(s, tc);
  return nutmm_test_run(s);
}
