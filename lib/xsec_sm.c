/* libnutmm -- Standard Model cross sections (xsec.h): CEvNS eqs. (11)-(13) and EES
 * eqs. (14)-(16) of arXiv:2109.09545; physics manual phys-xsec-cevns, phys-xsec-ees. */
#include <math.h>

#include "nutmm/kinematics.h"
#include "nutmm/units.h"
#include "xsec_internal.h"

void nutmm_xsec_options_default(nutmm_xsec_options *opt)
{
  if (!opt)
    return;
  opt->sin2w = NUTMM_SIN2W_DEFAULT;
  opt->radiative_couplings = 0;
  opt->full_kinematics = 0;
  nutmm_ff_options_default(&opt->ff);
  opt->dipole_spin = NUTMM_DIPOLE_SPIN_HALF;
  opt->eta = 1;
}

/* ---- CEvNS ------------------------------------------------------------------------------- */

/* eq. (12): g_V^p = 1/2 - 2 s_W^2, g_V^n = -1/2 (tree level), or the corrected couplings */
static double weak_charge(const nutmm_nucleus *nuc, const nutmm_xsec_options *opt, double Fp,
                          double Fn)
{
  double gp = opt->radiative_couplings ? NUTMM_GVP_RADIATIVE : 0.5 - 2.0 * opt->sin2w;
  double gn = opt->radiative_couplings ? NUTMM_GVN_RADIATIVE : -0.5;
  return gp * nuc->Z * Fp + gn * nuc->N * Fn;
}

int nutmm_xsec_point_nucleus(double T, const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                             nutmm_xsec_point *pt)
{
  NUTMM_CHECK_PTR(pt);
  NUTMM_CHECK_NONNEG(T);
  NUTMM_TRY(nutmm_nucleus_check(nuc));
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  double Fp, Fn;
  NUTMM_TRY(nutmm_ff_eval_T(&opt->ff, nuc, T, &Fp, &Fn));
  pt->channel = NUTMM_CHANNEL_NUCLEUS;
  pt->nucleus = nuc;
  pt->atom = NULL;
  pt->T = T;
  pt->M = nuc->mass;
  pt->Fp = Fp;
  pt->Fn = Fn;
  pt->Q_W = weak_charge(nuc, opt, Fp, Fn);
  pt->S = 1.0;
  return NUTMM_SUCCESS;
}

int nutmm_xsec_point_electron(double T, const nutmm_atom *atom, nutmm_xsec_point *pt)
{
  NUTMM_CHECK_PTR(pt);
  NUTMM_CHECK_NONNEG(T);
  double S;
  NUTMM_TRY(nutmm_atom_step_e(atom, T, &S)); /* eq. (16) */
  pt->channel = NUTMM_CHANNEL_ELECTRON;
  pt->nucleus = NULL;
  pt->atom = atom;
  pt->T = T;
  pt->M = NUTMM_ME;
  pt->Fp = pt->Fn = 1.0;
  pt->Q_W = 0.0;
  pt->S = S;
  return NUTMM_SUCCESS;
}

int nutmm_xsec_weak_charge(double T, const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                           double *Q_W)
{
  NUTMM_CHECK_PTR(Q_W);
  nutmm_xsec_point pt;
  NUTMM_TRY(nutmm_xsec_point_nucleus(T, nuc, opt, &pt));
  *Q_W = pt.Q_W;
  return NUTMM_SUCCESS;
}

void nutmm_xsec_cevns_point_(const nutmm_xsec_point *pt, const nutmm_xsec_options *opt,
                             double c[3])
{
  const double M = pt->M, T = pt->T, QW = pt->Q_W;
  /* eq. (11): (G_F^2 M/pi) Q_W^2 (1 - M T/(2E^2)), in cm^2/MeV via (hbar c)^2 */
  double K = NUTMM_GF * NUTMM_GF * M / NUTMM_PI * QW * QW * NUTMM_HBARC2;
  if (opt->full_kinematics) {
    /* physics manual phys-xsec-cevns, full BMR factor: 1 - T/E - M T/(2E^2) + T^2/(2E^2) */
    c[0] = K;
    c[1] = -K * T;
    c[2] = 0.5 * K * T * (T - M);
  } else {
    c[0] = K;
    c[1] = 0.0;
    c[2] = -0.5 * K * M * T;
  }
}

int nutmm_xsec_cevns_coef(double T, const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                          double c[3], double *E_min)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(E_min);
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  nutmm_xsec_point pt;
  NUTMM_TRY(nutmm_xsec_point_nucleus(T, nuc, opt, &pt));
  nutmm_xsec_cevns_point_(&pt, opt, c);
  for (int k = 0; k < 3; k++)
    NUTMM_CHECK_RESULT(c[k], "T = %g MeV, %s", T, nuc->name);
  NUTMM_TRY(nutmm_kin_emin_e(T, pt.M, 0.0, E_min)); /* T <= T_max(E) <=> E >= E_min(T) */
  return NUTMM_SUCCESS;
}

int nutmm_xsec_cevns_e(double E, double T, const nutmm_nucleus *nuc,
                       const nutmm_xsec_options *opt, double *dsdT)
{
  NUTMM_XSEC_CHECK_E(E, dsdT);
  double c[3], Emin;
  NUTMM_TRY(nutmm_xsec_cevns_coef(T, nuc, opt, c, &Emin));
  /* clamp rounding at T = T_max: physics manual phys-xsec-cevns "return 0 (not negative)" */
  *dsdT = fmax(0.0, nutmm_xsec_coef_eval(c, Emin, E));
  return NUTMM_SUCCESS;
}

double nutmm_xsec_cevns(double E, double T, const nutmm_nucleus *nuc,
                        const nutmm_xsec_options *opt)
{
  double v = NAN;
  return nutmm_xsec_cevns_e(E, T, nuc, opt, &v) == NUTMM_SUCCESS ? v : NAN;
}

/* ---- EES --------------------------------------------------------------------------------- */

int nutmm_xsec_ees_couplings(nutmm_species s, double sin2w, double *g_L, double *g_R)
{
  NUTMM_CHECK_PTR(g_L);
  NUTMM_CHECK_PTR(g_R);
  if ((int)s < 0 || (int)s >= NUTMM_N_SPECIES)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown neutrino species %d", (int)s);
  if (!isfinite(sin2w) || sin2w < 0.0 || sin2w > 1.0)
    NUTMM_FAIL(NUTMM_EDOM, "sin2w = %g must be in [0, 1]", sin2w);
  /* eq. (15): delta_{alpha e} = 1 (charged current) only for nu_e / nubar_e */
  double delta = nutmm_species_flavor(s) == NUTMM_FLAVOR_E ? 1.0 : 0.0;
  double gV = -0.5 + 2.0 * sin2w + delta;
  double gA = -0.5 + delta;
  double gL = 0.5 * (gV + gA), gR = 0.5 * (gV - gA);
  if (nutmm_species_is_anti(s)) { /* antineutrinos: g_L <-> g_R */
    double tmp = gL;
    gL = gR;
    gR = tmp;
  }
  *g_L = gL;
  *g_R = gR;
  return NUTMM_SUCCESS;
}

void nutmm_xsec_ees_point_(const nutmm_xsec_point *pt, double gL, double gR, double c[3])
{
  const double T = pt->T;
  /* eq. (14): (2 G_F^2 m_e/pi)[g_L^2 + g_R^2 (1 - T/E)^2 - g_L g_R m_e T/E^2]
   *   = K [(g_L^2 + g_R^2) - 2 g_R^2 T/E + (g_R^2 T^2 - g_L g_R m_e T)/E^2] */
  double K = 2.0 * NUTMM_GF * NUTMM_GF * NUTMM_ME / NUTMM_PI * NUTMM_HBARC2 * pt->S;
  c[0] = K * (gL * gL + gR * gR);
  c[1] = -2.0 * K * gR * gR * T;
  c[2] = K * T * (gR * gR * T - gL * gR * NUTMM_ME);
}

int nutmm_xsec_ees_coef(double T, nutmm_species s, const nutmm_atom *atom,
                        const nutmm_xsec_options *opt, double c[3], double *E_min)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(E_min);
  NUTMM_CHECK_NONNEG(T);
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  double gL, gR;
  NUTMM_TRY(nutmm_xsec_ees_couplings(s, opt->sin2w, &gL, &gR));
  nutmm_xsec_point pt;
  NUTMM_TRY(nutmm_xsec_point_electron(T, atom, &pt));
  nutmm_xsec_ees_point_(&pt, gL, gR, c);
  for (int k = 0; k < 3; k++)
    NUTMM_CHECK_RESULT(c[k], "T = %g MeV, species %d", T, (int)s);
  NUTMM_TRY(nutmm_kin_emin_e(T, NUTMM_ME, 0.0, E_min));
  return NUTMM_SUCCESS;
}

int nutmm_xsec_ees_e(double E, double T, nutmm_species s, const nutmm_atom *atom,
                     const nutmm_xsec_options *opt, double *dsdT)
{
  NUTMM_XSEC_CHECK_E(E, dsdT);
  double c[3], Emin;
  NUTMM_TRY(nutmm_xsec_ees_coef(T, s, atom, opt, c, &Emin));
  *dsdT = fmax(0.0, nutmm_xsec_coef_eval(c, Emin, E));
  return NUTMM_SUCCESS;
}

double nutmm_xsec_ees(double E, double T, nutmm_species s, const nutmm_atom *atom,
                      const nutmm_xsec_options *opt)
{
  double v = NAN;
  return nutmm_xsec_ees_e(E, T, s, atom, opt, &v) == NUTMM_SUCCESS ? v : NAN;
}
