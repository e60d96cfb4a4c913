/* libnutmm -- the 4x4 mixing matrix and solar P_ei (physics manual phys-mixing-u, phys-mixing-pei, phys-mixing-defaults). */
#include <complex.h>
#include <float.h>
#include <math.h>
#include <stddef.h>

#include "internal.h"
#include "mixing_internal.h"
#include "nutmm/mixing.h"
#include "nutmm/units.h"

/* Largest accepted mixing angle: pi/2 plus 4 ulp, so that 90 deg converted
 * with pi/180 is accepted. */
#define ANGLE_MAX (0.5 * NUTMM_PI * (1.0 + 4.0 * DBL_EPSILON))

void nutmm_mixing_params_default(nutmm_mixing_params *p)
{
  if (p == NULL)
    return;
  /* physics manual phys-mixing-defaults: NuFIT 5.1 (Oct 2021) NO best fit, values as listed in the spec. */
  p->theta12 = asin(sqrt(0.304));
  p->theta13 = asin(sqrt(0.02246));
  p->theta23 = asin(sqrt(0.450));
  p->delta13 = 230.0 * NUTMM_PI / 180.0;
  p->dm21 = 7.42e-5;  /* eV^2 */
  p->dm31 = 2.510e-3; /* eV^2 */
  /* Sterile defaults: the paper's small-mixing limit. */
  p->theta14 = 0.0;
  p->theta24 = 0.0;
  p->theta34 = 0.0;
  p->delta14 = 0.0;
  p->delta24 = 0.0;
}

/* Validate one mixing angle: finite and in [0, pi/2]. */
static int check_angle(const char *func, const char *name, double th)
{
  if (!isfinite(th) || th < 0.0 || th > ANGLE_MAX)
    return nutmm_error_set(NUTMM_EDOM, func, "%s = %g rad is not in [0, pi/2]", name, th);
  return NUTMM_SUCCESS;
}

/* Validate every angle and Dirac phase of p; the reason is recorded under the
 * caller's name func. */
static int check_params(const char *func, const nutmm_mixing_params *p)
{
  const struct {
    const char *name;
    double v;
  } ang[6] = {{"theta12", p->theta12}, {"theta13", p->theta13}, {"theta23", p->theta23},
              {"theta14", p->theta14}, {"theta24", p->theta24}, {"theta34", p->theta34}};
  for (int k = 0; k < 6; k++) {
    int s = check_angle(func, ang[k].name, ang[k].v);
    if (s != NUTMM_SUCCESS)
      return s;
  }
  const struct {
    const char *name;
    double v;
  } ph[3] = {{"delta13", p->delta13}, {"delta14", p->delta14}, {"delta24", p->delta24}};
  for (int k = 0; k < 3; k++)
    if (!isfinite(ph[k].v))
      return nutmm_error_set(NUTMM_EDOM, func, "%s = %g is not finite", ph[k].name, ph[k].v);
  return NUTMM_SUCCESS;
}

/* M <- M * R~_{ij}(theta, delta) with 0-based plane (i, j), physics manual phys-mixing-u:
 * R~[i][i] = R~[j][j] = c, R~[i][j] = s e^{-i delta}, R~[j][i] = -s e^{+i delta}.
 * Only columns i and j of M change. */
static void mul_rot(double complex M[4][4], int i, int j, double theta, double delta)
{
  const double c = cos(theta), s = sin(theta);
  const double complex sij = s * cexp(-I * delta), sji = -s * cexp(I * delta);
  for (int r = 0; r < 4; r++) {
    const double complex mi = M[r][i], mj = M[r][j];
    M[r][i] = mi * c + mj * sji;
    M[r][j] = mi * sij + mj * c;
  }
}

int nutmm_mixing_from_params(const nutmm_mixing_params *p, nutmm_mixing *mix)
{
  NUTMM_CHECK_PTR(p);
  NUTMM_CHECK_PTR(mix);
  int st = check_params(__func__, p);
  if (st != NUTMM_SUCCESS)
    return st;
  double complex M[4][4] = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
  /* U = R34 R~24 R~14 R23 R~13 R12 (physics manual phys-mixing-u), multiplied left to right. */
  mul_rot(M, 2, 3, p->theta34, 0.0);
  mul_rot(M, 1, 3, p->theta24, p->delta24);
  mul_rot(M, 0, 3, p->theta14, p->delta14);
  mul_rot(M, 1, 2, p->theta23, 0.0);
  mul_rot(M, 0, 2, p->theta13, p->delta13);
  mul_rot(M, 0, 1, p->theta12, 0.0);
  for (int a = 0; a < 4; a++)
    for (int i = 0; i < 4; i++)
      mix->U[a][i] = M[a][i];
  return NUTMM_SUCCESS;
}

int nutmm_mixing_from_matrix(const double complex *U, double tol, nutmm_mixing *mix)
{
  NUTMM_CHECK_PTR(U);
  NUTMM_CHECK_PTR(mix);
  if (!isfinite(tol) || tol <= 0.0 || tol >= 1.0)
    NUTMM_FAIL(NUTMM_EDOM, "tol = %g is not in (0, 1)", tol);
  for (int a = 0; a < 4; a++)
    for (int i = 0; i < 4; i++)
      if (!isfinite(creal(U[4 * a + i])) || !isfinite(cimag(U[4 * a + i])))
        NUTMM_FAIL(NUTMM_EDOM, "U[%d][%d] is not finite", a, i);
  /* Unitarity: max |(U U^dagger)_ab - delta_ab|. */
  double dev = 0.0;
  int worst_a = 0, worst_b = 0;
  for (int a = 0; a < 4; a++)
    for (int b = 0; b < 4; b++) {
      double complex s = 0.0;
      for (int i = 0; i < 4; i++)
        s += U[4 * a + i] * conj(U[4 * b + i]);
      const double d = cabs(s - (a == b ? 1.0 : 0.0));
      if (d > dev) {
        dev = d;
        worst_a = a;
        worst_b = b;
      }
    }
  if (dev > tol)
    NUTMM_FAIL(NUTMM_ENOTUNITARY, "|(U U^dagger)[%d][%d] - delta| = %.3g exceeds tol = %.3g",
               worst_a, worst_b, dev, tol);
  for (int a = 0; a < 4; a++)
    for (int i = 0; i < 4; i++)
      mix->U[a][i] = U[4 * a + i];
  return NUTMM_SUCCESS;
}

int nutmm_mixing_rephase(const nutmm_mixing *mix, const double chi[4], const double phi[4],
                         nutmm_mixing *out)
{
  NUTMM_CHECK_PTR(mix);
  NUTMM_CHECK_PTR(out);
  for (int k = 0; k < 4; k++) {
    if (chi != NULL && !isfinite(chi[k]))
      NUTMM_FAIL(NUTMM_EDOM, "chi[%d] = %g is not finite", k, chi[k]);
    if (phi != NULL && !isfinite(phi[k]))
      NUTMM_FAIL(NUTMM_EDOM, "phi[%d] = %g is not finite", k, phi[k]);
  }
  /* physics manual phys-tmm-phases: U -> diag(e^{i chi}) U diag(e^{i phi}). */
  for (int a = 0; a < 4; a++)
    for (int i = 0; i < 4; i++) {
      const double ph = (chi != NULL ? chi[a] : 0.0) + (phi != NULL ? phi[i] : 0.0);
      out->U[a][i] = mix->U[a][i] * cexp(I * ph);
    }
  return NUTMM_SUCCESS;
}

int nutmm_solar_mix_init_(const nutmm_mixing_params *p, nutmm_solar_mix_ *m)
{
  NUTMM_CHECK_PTR(p);
  int st = check_params("nutmm_solar_pei", p);
  if (st != NUTMM_SUCCESS)
    return st;
  if (!isfinite(p->dm21) || p->dm21 <= 0.0)
    NUTMM_FAIL(NUTMM_EDOM, "dm21 = %g eV^2 must be finite and > 0", p->dm21);
  m->dm21 = p->dm21;
  m->c12 = cos(p->theta12);
  m->s12 = sin(p->theta12);
  m->c13 = cos(p->theta13);
  m->s13 = sin(p->theta13);
  m->c14 = cos(p->theta14);
  m->s14 = sin(p->theta14);
  m->cos2t12 = cos(2.0 * p->theta12);
  m->sin2t12 = sin(2.0 * p->theta12);
  return NUTMM_SUCCESS;
}

int nutmm_solar_pei_(const nutmm_solar_mix_ *m, double E, double n_e, double P[4])
{
  NUTMM_CHECK_NONNEG(E);
  NUTMM_CHECK_NONNEG(n_e);
  const double c13 = m->c13, s13 = m->s13, c14 = m->c14, s14 = m->s14;
  /* physics manual phys-mixing-pei: V = sqrt(2) G_F n_e (MeV), A_CC = 2 E V c13^2 (MeV^2 -> eV^2). */
  const double V = NUTMM_SQRT2 * NUTMM_GF * NUTMM_HBARC * NUTMM_HBARC * NUTMM_HBARC * n_e;
  const double acc = 2.0 * E * V * c13 * c13 / (NUTMM_EV * NUTMM_EV);
  const double x = m->dm21 * m->cos2t12 - acc;
  const double y = m->dm21 * m->sin2t12;
  const double den = hypot(x, y);
  const double cos2m = den > 0.0 ? x / den : 0.0; /* exact zero-mixing resonance */
  const double act = c14 * c14 * c13 * c13;
  P[0] = act * 0.5 * (1.0 + cos2m);
  P[1] = act * 0.5 * (1.0 - cos2m);
  P[2] = c14 * c14 * s13 * s13;
  P[3] = s14 * s14;
  for (int i = 0; i < 4; i++)
    NUTMM_CHECK_RESULT(P[i], "E = %g MeV, n_e = %g cm^-3", E, n_e);
  return NUTMM_SUCCESS;
}

int nutmm_solar_pee_(const nutmm_solar_mix_ *m, double E, double n_e, double *Pee)
{
  double P[4];
  NUTMM_TRY(nutmm_solar_pei_(m, E, n_e, P));
  /* |U_ei|^2 from physics manual phys-mixing-u (first row depends on theta12, 13, 14 only). */
  const double c12 = m->c12, s12 = m->s12, c13 = m->c13, s13 = m->s13, c14 = m->c14,
               s14 = m->s14;
  const double ue2[4] = {c12 * c12 * c13 * c13 * c14 * c14, s12 * s12 * c13 * c13 * c14 * c14,
                         s13 * s13 * c14 * c14, s14 * s14};
  double s = 0.0;
  for (int i = 0; i < 4; i++)
    s += P[i] * ue2[i];
  *Pee = s;
  NUTMM_CHECK_RESULT(*Pee, "E = %g MeV, n_e = %g cm^-3", E, n_e);
  return NUTMM_SUCCESS;
}

int nutmm_solar_pei(const nutmm_mixing_params *p, double E, double n_e, double P[4])
{
  NUTMM_CHECK_PTR(p);
  NUTMM_CHECK_PTR(P);
  NUTMM_CHECK_NONNEG(E);
  NUTMM_CHECK_NONNEG(n_e);
  nutmm_solar_mix_ m;
  NUTMM_TRY(nutmm_solar_mix_init_(p, &m));
  NUTMM_TRY(nutmm_solar_pei_(&m, E, n_e, P));
  return NUTMM_SUCCESS;
}

int nutmm_solar_pee(const nutmm_mixing_params *p, double E, double n_e, double *Pee)
{
  NUTMM_CHECK_PTR(Pee);
  NUTMM_CHECK_PTR(p);
  NUTMM_CHECK_NONNEG(E);
  NUTMM_CHECK_NONNEG(n_e);
  nutmm_solar_mix_ m;
  NUTMM_TRY(nutmm_solar_mix_init_(p, &m));
  NUTMM_TRY(nutmm_solar_pee_(&m, E, n_e, Pee));
  return NUTMM_SUCCESS;
}
