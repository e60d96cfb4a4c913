/* libnutmm -- kinematics of nu + X -> nu_4 + X (kinematics.h): eq. (22), physics manual phys-kin-emin. */
#include "nutmm/kinematics.h"

#include <math.h>
#include <stddef.h>

#include "internal.h"

int nutmm_kin_tmax_e(double E, double M, double *T_max)
{
  NUTMM_CHECK_PTR(T_max);
  NUTMM_CHECK_POSITIVE(E);
  NUTMM_CHECK_POSITIVE(M);
  *T_max = 2.0 * E * E / (M + 2.0 * E); /* physics manual phys-kin-range, m4 = 0 */
  NUTMM_CHECK_RESULT(*T_max, "E = %g MeV, M = %g MeV", E, M);
  return NUTMM_SUCCESS;
}

double nutmm_kin_tmax(double E, double M)
{
  double T = NAN;
  return nutmm_kin_tmax_e(E, M, &T) == NUTMM_SUCCESS ? T : NAN;
}

int nutmm_kin_threshold_e(double M, double m4, double *E_thr)
{
  NUTMM_CHECK_PTR(E_thr);
  NUTMM_CHECK_POSITIVE(M);
  NUTMM_CHECK_NONNEG(m4);
  *E_thr = m4 + m4 * m4 / (2.0 * M); /* physics manual phys-kin-range: s >= (M + m4)^2 */
  NUTMM_CHECK_RESULT(*E_thr, "M = %g MeV, m4 = %g MeV", M, m4);
  return NUTMM_SUCCESS;
}

double nutmm_kin_threshold(double M, double m4)
{
  double E = NAN;
  return nutmm_kin_threshold_e(M, m4, &E) == NUTMM_SUCCESS ? E : NAN;
}

/* E_min(T) for valid input (T >= 0, M > 0, m4 >= 0). */
static double emin(double T, double M, double m4)
{
  if (T == 0.0)
    return m4 == 0.0 ? 0.0 : INFINITY;
  /* eq. (22): (m4^2 + 2MT) / (2[sqrt(T^2 + 2MT) - T]); the denominator rationalised,
   * sqrt(T^2 + 2MT) - T = 2MT / (sqrt(T^2 + 2MT) + T), to avoid cancellation at T << M. */
  double sq = sqrt(T * (T + 2.0 * M));
  return (m4 * m4 + 2.0 * M * T) * (sq + T) / (4.0 * M * T);
}

double nutmm_kin_emin_(double T, double M, double m4) { return emin(T, M, m4); }

int nutmm_kin_emin_e(double T, double M, double m4, double *E_min)
{
  NUTMM_CHECK_PTR(E_min);
  NUTMM_CHECK_NONNEG(T);
  NUTMM_CHECK_POSITIVE(M);
  NUTMM_CHECK_NONNEG(m4);
  *E_min = emin(T, M, m4);
  if (!(T == 0.0 && m4 > 0.0)) /* the one documented infinity: no such recoil */
    NUTMM_CHECK_RESULT(*E_min, "T = %g MeV, M = %g MeV, m4 = %g MeV", T, M, m4);
  return NUTMM_SUCCESS;
}

double nutmm_kin_emin(double T, double M, double m4)
{
  double E = NAN;
  return nutmm_kin_emin_e(T, M, m4, &E) == NUTMM_SUCCESS ? E : NAN;
}

int nutmm_kin_recoil_range(double E, double M, double m4, double *T_minus, double *T_plus)
{
  NUTMM_CHECK_PTR(T_minus);
  NUTMM_CHECK_PTR(T_plus);
  NUTMM_CHECK_POSITIVE(E);
  NUTMM_CHECK_POSITIVE(M);
  NUTMM_CHECK_NONNEG(m4);
  *T_minus = *T_plus = 0.0;
  double E_thr = m4 + m4 * m4 / (2.0 * M);
  NUTMM_CHECK_RESULT(E_thr, "M = %g MeV, m4 = %g MeV", M, m4);
  if (E < E_thr)
    NUTMM_FAIL(NUTMM_ERANGE, "E = %.10g MeV is below the threshold %.10g MeV for m4 = %g MeV, "
               "M = %g MeV: no recoil window", E, E_thr, m4, M);
  /* physics manual phys-kin-range: T_pm = (b pm sqrt D) / (2M(2E + M)).  D = E^2 lambda(s, m4^2, M^2) with
   * s = M^2 + 2ME and lambda = 4 M^2 (E - E_thr)(E - E_thr + 2 m4), so that sqrt D is
   * accurate near threshold; T_- = m4^4 / (2 (b + sqrt D)) avoids the cancellation b - sqrt D. */
  double d = E - E_thr;
  double sqrtD = 2.0 * M * E * sqrt(d * (d + 2.0 * m4));
  double b = 2.0 * E * E * M - m4 * m4 * (E + M);
  double bs = b + sqrtD;
  double m42 = m4 * m4;
  *T_plus = bs / (2.0 * M * (2.0 * E + M));
  *T_minus = m4 == 0.0 ? 0.0 : m42 * m42 / (2.0 * bs);
  if (!isfinite(*T_plus) || !isfinite(*T_minus)) {
    double Tm = *T_minus, Tp = *T_plus;
    *T_minus = *T_plus = 0.0;
    NUTMM_FAIL(NUTMM_ERANGE, "window [%g, %g] MeV not finite (overflow) for E = %g MeV, "
               "M = %g MeV, m4 = %g MeV", Tm, Tp, E, M, m4);
  }
  return NUTMM_SUCCESS;
}

int nutmm_kin_allowed(double E, double T, double M, double m4)
{
  if (!(isfinite(E) && E > 0.0 && isfinite(T) && T >= 0.0 && isfinite(M) && M > 0.0 &&
        isfinite(m4) && m4 >= 0.0))
    return 0;
  return E >= emin(T, M, m4);
}

int nutmm_kin_cos_recoil(double E, double T, double M, double m4, double *cos_theta)
{
  NUTMM_CHECK_PTR(cos_theta);
  NUTMM_CHECK_POSITIVE(E);
  NUTMM_CHECK_POSITIVE(T);
  NUTMM_CHECK_POSITIVE(M);
  NUTMM_CHECK_NONNEG(m4);
  /* physics manual phys-kin-angle: cos theta = (m4^2 + 2T(E + M)) / (2E sqrt(T^2 + 2MT)) */
  *cos_theta = (m4 * m4 + 2.0 * T * (E + M)) / (2.0 * E * sqrt(T * (T + 2.0 * M)));
  NUTMM_CHECK_RESULT(*cos_theta, "E = %g MeV, T = %g MeV, M = %g MeV, m4 = %g MeV", E, T, M, m4);
  return NUTMM_SUCCESS;
}
