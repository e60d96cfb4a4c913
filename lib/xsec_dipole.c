/* libnutmm -- sterile dipole portal and weak-magnetic interference (xsec.h):
 * eqs. (17)-(20) of arXiv:2109.09545; physics manual phys-xsec-dipole, phys-xsec-interference. */
#include <math.h>

#include "nutmm/kinematics.h"
#include "nutmm/units.h"
#include "xsec_internal.h"

/* pi alpha^2 / m_e^2 (hbar c)^2, cm^2 MeV: the dipole prefactor per unit mu^2 with mu in mu_B
 * (physics manual phys-constants: alpha mu^2 = pi alpha^2 mu_hat^2 / m_e^2). */
static double dipole_prefactor(void)
{
  return NUTMM_PI * NUTMM_ALPHA * NUTMM_ALPHA / (NUTMM_ME * NUTMM_ME) * NUTMM_HBARC2;
}

/* Bracket coefficients of eq. (17) (spin 1/2) or eq. (18) (spin 0) for target mass M, recoil
 * T > 0, sterile mass m4: B = b[0] + b[1]/E + b[2]/E^2 (MeV^-1). */
static void dipole_bracket(double T, double M, double m4, int spin_zero, double b[3])
{
  double r = m4 * m4 / (2.0 * M * T); /* r = m4^2/(2MT) */
  b[0] = 1.0 / T;
  /* -1/E - m4^2/(2ETM)  (both equations) */
  b[1] = -(1.0 + r);
  if (spin_zero)
    /* eq. (18): T/4 - m4^2/(4T) + m4^2/(8M) - m4^4/(8T^2 M) = (1 + r)(T - 2Mr)/4 */
    b[2] = 0.25 * (1.0 + r) * (T - 2.0 * M * r);
  else
    /* eq. (17): m4^2/(4M) - m4^2/(4T) + m4^4 (T - M)/(8T^2 M^2) = (T - M) r (1 + r)/2 */
    b[2] = 0.5 * (T - M) * r * (1.0 + r);
}

/* ---- nuclear dipole ---------------------------------------------------------------------- */

void nutmm_xsec_dipole_point_(const nutmm_xsec_point *pt, double m4,
                              const nutmm_xsec_options *opt, double c[3])
{
  double b[3], K;
  if (pt->channel == NUTMM_CHANNEL_NUCLEUS) {
    const nutmm_nucleus *nuc = pt->nucleus;
    int spin_zero = opt->dipole_spin == NUTMM_DIPOLE_SPIN_ZERO ||
                    (opt->dipole_spin == NUTMM_DIPOLE_SPIN_AUTO && nuc->two_j == 0);
    dipole_bracket(pt->T, pt->M, m4, spin_zero, b);
    /* the photon couples to the protons: F_p (physics manual phys-xsec-dipole) */
    double ZF = nuc->Z * pt->Fp;
    K = dipole_prefactor() * ZF * ZF; /* eq. (17): (pi alpha^2/m_e^2) Z^2 F^2 */
  } else {
    /* eq. (19) = eq. (17) with Z = 1, F = 1, M = m_e, times S(T) of eq. (16) */
    dipole_bracket(pt->T, NUTMM_ME, m4, 0, b);
    K = dipole_prefactor() * pt->S;
  }
  for (int k = 0; k < 3; k++)
    c[k] = K * b[k];
}

int nutmm_xsec_dipole_nucleus_coef(double T, double m4, const nutmm_nucleus *nuc,
                                   const nutmm_xsec_options *opt, double c[3], double *E_min)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(E_min);
  NUTMM_CHECK_POSITIVE(T);
  NUTMM_CHECK_NONNEG(m4);
  NUTMM_TRY(nutmm_nucleus_check(nuc));
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  nutmm_xsec_point pt;
  NUTMM_TRY(nutmm_xsec_point_nucleus(T, nuc, opt, &pt));
  nutmm_xsec_dipole_point_(&pt, m4, opt, c);
  for (int k = 0; k < 3; k++)
    NUTMM_CHECK_RESULT(c[k], "T = %g MeV, m4 = %g MeV, %s", T, m4, nuc->name);
  NUTMM_TRY(nutmm_kin_emin_e(T, nuc->mass, m4, E_min)); /* eq. (22) */
  return NUTMM_SUCCESS;
}

int nutmm_xsec_dipole_nucleus_e(double E, double T, double m4, const nutmm_nucleus *nuc,
                                const nutmm_xsec_options *opt, double *dsdT)
{
  NUTMM_XSEC_CHECK_E(E, dsdT);
  double c[3], Emin;
  NUTMM_TRY(nutmm_xsec_dipole_nucleus_coef(T, m4, nuc, opt, c, &Emin));
  /* inside the window the bracket is >= 0 up to rounding at its edges (physics manual phys-xsec-dipole) */
  *dsdT = fmax(0.0, nutmm_xsec_coef_eval(c, Emin, E));
  return NUTMM_SUCCESS;
}

double nutmm_xsec_dipole_nucleus(double E, double T, double m4, const nutmm_nucleus *nuc,
                                 const nutmm_xsec_options *opt)
{
  double v = NAN;
  return nutmm_xsec_dipole_nucleus_e(E, T, m4, nuc, opt, &v) == NUTMM_SUCCESS ? v : NAN;
}

/* ---- electron dipole --------------------------------------------------------------------- */

int nutmm_xsec_dipole_electron_coef(double T, double m4, const nutmm_atom *atom,
                                    const nutmm_xsec_options *opt, double c[3], double *E_min)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(E_min);
  NUTMM_CHECK_POSITIVE(T);
  NUTMM_CHECK_NONNEG(m4);
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  nutmm_xsec_point pt;
  NUTMM_TRY(nutmm_xsec_point_electron(T, atom, &pt)); /* eq. (16) applied to eq. (19) */
  nutmm_xsec_dipole_point_(&pt, m4, opt, c);
  for (int k = 0; k < 3; k++)
    NUTMM_CHECK_RESULT(c[k], "T = %g MeV, m4 = %g MeV", T, m4);
  NUTMM_TRY(nutmm_kin_emin_e(T, NUTMM_ME, m4, E_min));
  return NUTMM_SUCCESS;
}

int nutmm_xsec_dipole_electron_e(double E, double T, double m4, const nutmm_atom *atom,
                                 const nutmm_xsec_options *opt, double *dsdT)
{
  NUTMM_XSEC_CHECK_E(E, dsdT);
  double c[3], Emin;
  NUTMM_TRY(nutmm_xsec_dipole_electron_coef(T, m4, atom, opt, c, &Emin));
  *dsdT = fmax(0.0, nutmm_xsec_coef_eval(c, Emin, E));
  return NUTMM_SUCCESS;
}

double nutmm_xsec_dipole_electron(double E, double T, double m4, const nutmm_atom *atom,
                                  const nutmm_xsec_options *opt)
{
  double v = NAN;
  return nutmm_xsec_dipole_electron_e(E, T, m4, atom, opt, &v) == NUTMM_SUCCESS ? v : NAN;
}

/* ---- weak-magnetic interference ---------------------------------------------------------- */

/* Interference coefficients of eq. (20) (physics manual phys-xsec-interference) for target mass M, couplings c_V, c_A,
 * overall factor P (including eta, m4, Re W = 1 and any Z F, S factors):
 *   P { c_V (M - T)(2MT + m4^2)/(M T E^2) - c_A (4ME - 2MT - m4^2)/(M E^2) }. */
static void interference_coef(double T, double M, double m4, double cV, double cA, double P,
                              double c[3])
{
  double w = (2.0 * M * T + m4 * m4) / M;
  c[0] = 0.0;
  c[1] = -4.0 * cA * P;
  c[2] = P * w * (cV * (M - T) / T + cA);
}

/* eta G_F alpha m4 / (2 sqrt2 m_e) (hbar c)^2, in cm^2: times the bracket (MeV^-1) it gives
 * cm^2/MeV per unit Re W (W in mu_B; the m_e comes from mu_B, physics manual phys-xsec-interference). */
static double interference_prefactor(int eta, double m4)
{
  return eta * NUTMM_GF * NUTMM_ALPHA * m4 / (2.0 * NUTMM_SQRT2 * NUTMM_ME) * NUTMM_HBARC2;
}

void nutmm_xsec_int_point_(const nutmm_xsec_point *pt, double m4, double gL, double gR,
                           const nutmm_xsec_options *opt, double c[3])
{
  if (pt->channel == NUTMM_CHANNEL_NUCLEUS) {
    /* physics manual phys-xsec-interference substitutions: c_V -> Q_W(q^2) (eq. 12), c_A -> 0, magnetic side Z F_p */
    double P = interference_prefactor(opt->eta, m4) * pt->nucleus->Z * pt->Fp;
    interference_coef(pt->T, pt->M, m4, pt->Q_W, 0.0, P, c);
  } else {
    /* c_V = g_V, c_A = g_A of eq. (15); for antineutrinos g_L <-> g_R, i.e. c_A -> -c_A */
    double cV = gL + gR, cA = gL - gR;
    interference_coef(pt->T, NUTMM_ME, m4, cV, cA, interference_prefactor(opt->eta, m4) * pt->S,
                      c);
  }
}

int nutmm_xsec_int_electron_coef(double T, double m4, nutmm_species s, const nutmm_atom *atom,
                                 const nutmm_xsec_options *opt, double c[3], double *E_min)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(E_min);
  NUTMM_CHECK_POSITIVE(T);
  NUTMM_CHECK_NONNEG(m4);
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  double gL, gR;
  NUTMM_TRY(nutmm_xsec_ees_couplings(s, opt->sin2w, &gL, &gR));
  nutmm_xsec_point pt;
  NUTMM_TRY(nutmm_xsec_point_electron(T, atom, &pt));
  nutmm_xsec_int_point_(&pt, m4, gL, gR, opt, c);
  for (int k = 0; k < 3; k++)
    NUTMM_CHECK_RESULT(c[k], "T = %g MeV, m4 = %g MeV", T, m4);
  NUTMM_TRY(nutmm_kin_emin_e(T, NUTMM_ME, m4, E_min));
  return NUTMM_SUCCESS;
}

int nutmm_xsec_int_electron_e(double E, double T, double m4, nutmm_species s,
                              const nutmm_atom *atom, const nutmm_xsec_options *opt,
                              double *dsdT)
{
  NUTMM_XSEC_CHECK_E(E, dsdT);
  double c[3], Emin;
  NUTMM_TRY(nutmm_xsec_int_electron_coef(T, m4, s, atom, opt, c, &Emin));
  *dsdT = nutmm_xsec_coef_eval(c, Emin, E); /* not positive-definite: no clamp */
  return NUTMM_SUCCESS;
}

double nutmm_xsec_int_electron(double E, double T, double m4, nutmm_species s,
                               const nutmm_atom *atom, const nutmm_xsec_options *opt)
{
  double v = NAN;
  return nutmm_xsec_int_electron_e(E, T, m4, s, atom, opt, &v) == NUTMM_SUCCESS ? v : NAN;
}

int nutmm_xsec_int_nucleus_coef(double T, double m4, const nutmm_nucleus *nuc,
                                const nutmm_xsec_options *opt, double c[3], double *E_min)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(E_min);
  NUTMM_CHECK_POSITIVE(T);
  NUTMM_CHECK_NONNEG(m4);
  NUTMM_TRY(nutmm_nucleus_check(nuc));
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  nutmm_xsec_point pt;
  NUTMM_TRY(nutmm_xsec_point_nucleus(T, nuc, opt, &pt));
  nutmm_xsec_int_point_(&pt, m4, 0.0, 0.0, opt, c);
  for (int k = 0; k < 3; k++)
    NUTMM_CHECK_RESULT(c[k], "T = %g MeV, m4 = %g MeV, %s", T, m4, nuc->name);
  NUTMM_TRY(nutmm_kin_emin_e(T, nuc->mass, m4, E_min));
  return NUTMM_SUCCESS;
}

int nutmm_xsec_int_nucleus_e(double E, double T, double m4, const nutmm_nucleus *nuc,
                             const nutmm_xsec_options *opt, double *dsdT)
{
  NUTMM_XSEC_CHECK_E(E, dsdT);
  double c[3], Emin;
  NUTMM_TRY(nutmm_xsec_int_nucleus_coef(T, m4, nuc, opt, c, &Emin));
  *dsdT = nutmm_xsec_coef_eval(c, Emin, E);
  return NUTMM_SUCCESS;
}

double nutmm_xsec_int_nucleus(double E, double T, double m4, const nutmm_nucleus *nuc,
                              const nutmm_xsec_options *opt)
{
  double v = NAN;
  return nutmm_xsec_int_nucleus_e(E, T, m4, nuc, opt, &v) == NUTMM_SUCCESS ? v : NAN;
}
