/** @file
 * @brief libnutmm -- differential cross sections dsigma/dT (cm^2/MeV) of CEvNS and elastic
 * neutrino-electron scattering (EES): Standard Model, sterile dipole portal, weak-magnetic
 * interference.
 *
 * Paper: arXiv:2109.09545 eqs. (11)-(20), (22); physics manual phys-xsec-cevns, phys-xsec-ees,
 * phys-xsec-dipole, phys-xsec-interference, phys-kin.
 * Units: E (neutrino energy), T (recoil kinetic energy), m4 (sterile mass) in MeV; results in
 * cm^2/MeV.  Dipole results are per unit mu^2 (mu in Bohr magnetons: multiply by mu^2);
 * interference results per unit Re[W] (W in mu_B, tmm.h: multiply by Re W).
 *
 * KEY CONTRACT (for the rate engine): at fixed T (and m4) every cross section here is a
 * polynomial in 1/E inside its kinematic window,
 * ~~~
 *     dsigma/dT(E, T) = c[0] + c[1]/E + c[2]/E^2     for E >= E_min(T),   0 otherwise,
 * ~~~
 * with c[0] in cm^2/MeV, c[1] in cm^2, c[2] in cm^2 MeV, and E_min(T) of eq. (22) for the
 * process's target mass and m4 (m4 = 0 for the SM).  Each process has a _coef function
 * returning c[3] and E_min; the _e / value functions evaluate the same coefficients.
 * Form factors, the stepping function S(T) and couplings are inside the c's.
 *
 * None of these functions allocates or touches files; all are thread-safe.  `opt` may be NULL
 * (defaults).  Errors (status + reason, value forms return NaN): NUTMM_EDOM for E <= 0,
 * T < 0 (T <= 0 for the dipole and interference terms, which diverge or vanish there), m4 < 0,
 * NaN/inf, a bad nucleus/atom or option value; NUTMM_EINVAL for an unknown species or option
 * enum; NUTMM_EFAULT for a NULL pointer; form-factor hook errors are chained.
 */
#ifndef NUTMM_XSEC_H
#define NUTMM_XSEC_H

#include "nutmm/formfactor.h"
#include "nutmm/target.h"
#include "nutmm/types.h"
#include "nutmm/units.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Which nuclear dipole formula to use (physics manual phys-xsec-dipole). */
typedef enum {
  NUTMM_DIPOLE_SPIN_HALF = 0, /**< eq. (17) for every nucleus (default: the paper's wording) */
  NUTMM_DIPOLE_SPIN_ZERO = 1, /**< eq. (18) for every nucleus */
  NUTMM_DIPOLE_SPIN_AUTO = 2  /**< eq. (18) if two_j == 0, eq. (17) otherwise */
} nutmm_dipole_spin;

/** Options of the cross sections; initialise with nutmm_xsec_options_default(). */
typedef struct {
  double sin2w;                  /**< sin^2 theta_W (default NUTMM_SIN2W_DEFAULT = 0.2387) */
  int radiative_couplings;       /**< CEvNS: 0 tree level g_V^p = 1/2 - 2 s_W^2, g_V^n = -1/2
                                      (default); 1: NUTMM_GVP/GVN_RADIATIVE */
  int full_kinematics;           /**< CEvNS: 0 eq. (11) factor 1 - MT/(2E^2) (default); 1 the
                                      full BMR factor 1 - T/E - MT/(2E^2) + T^2/(2E^2) */
  nutmm_formfactor ff;           /**< nuclear form factor (default Helm, eq. 13) */
  nutmm_dipole_spin dipole_spin; /**< default NUTMM_DIPOLE_SPIN_HALF */
  int eta;                       /**< sign of the interference, +1 (default, with mu > 0) or -1 */
} nutmm_xsec_options;

/** Defaults: sin^2 theta_W = 0.2387, tree-level couplings, eq. (11) kinematics, Helm form
 * factor, eq. (17) for all nuclei, eta = +1.  opt NULL: no-op. */
void nutmm_xsec_options_default(nutmm_xsec_options *opt);

/* ---- the engine's table: (channel x process) -> coefficients ----------------------------- */

/** Recoil channel: coherent scattering on nuclei (CEvNS) or on atomic electrons (EES). */
typedef enum { NUTMM_CHANNEL_NUCLEUS = 0, NUTMM_CHANNEL_ELECTRON = 1 } nutmm_channel;

/** Which part of the spectrum. */
typedef enum {
  NUTMM_PROCESS_SM = 0,          /**< Standard Model, eqs. (11) / (14) */
  NUTMM_PROCESS_DIPOLE = 1,      /**< dipole portal nu -> nu_4, per unit mu^2, eqs. (17)-(19) */
  NUTMM_PROCESS_INTERFERENCE = 2 /**< weak-magnetic interference, per unit Re W, eq. (20) */
} nutmm_process;

/** Everything at one recoil T on one scattering centre that depends neither on m4 nor on the
 * neutrino species: the form factors and weak charge of a nucleus, or the stepping function
 * of an atom.  A rate plan prepares one per quadrature node (FFTW's "plan once"); the
 * coefficients of any process then cost a few multiplications (nutmm_xsec_point_coef). */
typedef struct {
  nutmm_channel channel;
  const nutmm_nucleus *nucleus; /**< NUTMM_CHANNEL_NUCLEUS: the nucleus */
  const nutmm_atom *atom;       /**< NUTMM_CHANNEL_ELECTRON: the atom (NULL: free electron) */
  double T;                     /**< recoil kinetic energy, MeV */
  double M;                     /**< target mass (nucleus or m_e), MeV */
  double Fp, Fn;                /**< nuclear form factors at q^2 = 2MT (1 for electrons) */
  double Q_W;                   /**< weak charge of eq. (12) at q^2 = 2MT (0 for electrons) */
  double S;                     /**< stepping function S(T) of eq. (16) (1 for nuclei) */
} nutmm_xsec_point;

/** Prepare the point of nucleus `nuc` at recoil T >= 0 with options opt (NULL: defaults).
 * Errors: as nutmm_xsec_weak_charge_e. */
int nutmm_xsec_point_nucleus(double T, const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                             nutmm_xsec_point *pt);
/** Prepare the point of the electrons of `atom` (NULL: free electrons) at recoil T >= 0.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (T, an atom without electrons). */
int nutmm_xsec_point_electron(double T, const nutmm_atom *atom, nutmm_xsec_point *pt);

/** The (channel x process) table: coefficients c[3] of process p for species s and sterile
 * mass m4 (ignored for the SM) at the prepared point pt, and E_min of eq. (22) (either
 * output may be NULL).  The same numbers as the process's own _coef function.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (unknown process, channel or species, bad option
 * enums), NUTMM_EDOM (m4 < 0, T = 0 for the dipole and interference terms, bad options). */
int nutmm_xsec_point_coef(const nutmm_xsec_point *pt, nutmm_process p, nutmm_species s,
                          double m4, const nutmm_xsec_options *opt, double c[3], double *E_min);

/** 1 if the coefficients of process p on channel ch depend on the neutrino species (electron
 * SM and interference: the couplings of eq. 15), else 0. */
int nutmm_xsec_species_dependent(nutmm_channel ch, nutmm_process p);

/* ---- user cross sections (GLoBES-style hook) ---------------------------------------------- */

/** A user cross section in the engine's exact form: at the point pt (recoil pt->T on the
 * centre pt describes, with its form factors, weak charge and S(T) at hand), for species s
 * and final-state mass m4, fill c[3] with
 *     dsigma/dT(E, T) = c[0] + c[1]/E + c[2]/E^2    for E >= *E_min,   0 below,
 * in cm^2/MeV, cm^2, cm^2 MeV (per nucleus, or per electron: multiply by S(T) yourself if
 * wanted).  Any T-dependence g(T) goes into the c's.  On entry *E_min holds E_min(T, M, m4) of
 * eq. (22); the hook may raise it (a stricter kinematic cut) but not lower it.  Lines are
 * integrated over the recoil window of eq. (22) for m4.  This covers NSI, light vector and
 * scalar mediators and millicharges with exact flux moments.  Return NUTMM_SUCCESS or a
 * status (a reason via nutmm_error_set() is chained); must be thread-safe if the caller
 * evaluates from several threads. */
typedef int (*nutmm_xsec_user_fn)(const nutmm_xsec_point *pt, nutmm_species s, double m4,
                                  void *params, double c[3], double *E_min);

/** A user cross section and its parameters. */
typedef struct {
  nutmm_xsec_user_fn coef;  /**< the hook */
  void *params;             /**< passed to coef unchanged */
  int species_dependent;    /**< 0: the coefficients are the same for every species (the
                                 engine then calls coef once per recoil node and centre) */
} nutmm_xsec_user;

/** Evaluate the coefficient form: 0 if E < E_min (or E is NaN), else c0 + c1/E + c2/E^2. */
static inline double nutmm_xsec_coef_eval(const double c[3], double E_min, double E)
{
  if (!(E >= E_min))
    return 0.0;
  double u = 1.0 / E;
  return c[0] + u * (c[1] + u * c[2]);
}

/* ---- SM CEvNS: eqs. (11)-(13) ------------------------------------------------------------ */

/** Weak charge Q_W(q^2) = g_V^p Z F_p + g_V^n N F_n of eq. (12) at nuclear recoil T (MeV),
 * q^2 = 2 M T.  (With F = 1 and tree couplings: Q_W = -(1/2)[N - (1 - 4 s_W^2) Z].)
 * Errors: see the file comment (T = 0 allowed). */
int nutmm_xsec_weak_charge_e(double T, const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                             double *Q_W);

/** SM CEvNS eq. (11), (G_F^2 M / pi)(1 - M T/(2E^2)) Q_W^2 (or the full BMR factor), same for
 * all six species: coefficients at recoil T >= 0 (MeV) and E_min = E_min(T, M, 0). */
int nutmm_xsec_cevns_coef(double T, const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                          double c[3], double *E_min);
/** SM CEvNS dsigma/dT at (E, T), cm^2/MeV; 0 for T > T_max(E). */
int nutmm_xsec_cevns_e(double E, double T, const nutmm_nucleus *nuc,
                       const nutmm_xsec_options *opt, double *dsdT);
/** Value form (NaN on error, reason recorded). */
double nutmm_xsec_cevns(double E, double T, const nutmm_nucleus *nuc,
                        const nutmm_xsec_options *opt);

/* ---- SM EES: eqs. (14)-(16) -------------------------------------------------------------- */

/** Chiral couplings of eq. (15) for species s: g_L = (g_V + g_A)/2, g_R = (g_V - g_A)/2 with
 * g_V = -1/2 + 2 s_W^2 + delta, g_A = -1/2 + delta, delta = 1 for nu_e / nubar_e only;
 * antineutrinos exchange g_L <-> g_R.  Errors: NUTMM_EINVAL (species), NUTMM_EDOM (sin2w
 * outside [0, 1]), NUTMM_EFAULT. */
int nutmm_xsec_ees_couplings(nutmm_species s, double sin2w, double *g_L, double *g_R);

/** SM EES eq. (14) (2 G_F^2 m_e/pi)[g_L^2 + g_R^2 (1 - T/E)^2 - g_L g_R m_e T/E^2], times the
 * stepping function S(T) of eq. (16) of `atom` (NULL: free electron).  Per electron.
 * Coefficients at electron recoil T >= 0; E_min = E_min(T, m_e, 0). */
int nutmm_xsec_ees_coef(double T, nutmm_species s, const nutmm_atom *atom,
                        const nutmm_xsec_options *opt, double c[3], double *E_min);
/** SM EES dsigma/dT at (E, T), cm^2/MeV per electron; 0 for T > T_max(E). */
int nutmm_xsec_ees_e(double E, double T, nutmm_species s, const nutmm_atom *atom,
                     const nutmm_xsec_options *opt, double *dsdT);
/** Value form (NaN on error, reason recorded). */
double nutmm_xsec_ees(double E, double T, nutmm_species s, const nutmm_atom *atom,
                      const nutmm_xsec_options *opt);

/* ---- dipole portal: eqs. (17)-(19), per unit mu^2 (mu in mu_B) ---------------------------- */

/** Nuclear dipole portal nu + N -> nu_4 + N per unit mu^2:
 *   (pi alpha^2/m_e^2) Z^2 F_p^2(q^2) B(E, T, M, m4),  eq. (17) (spin 1/2) or eq. (18) (spin 0)
 * as selected by opt->dipole_spin.  Coefficients (eq. 17, r = m4^2/(2MT)):
 *   c0 = 1/T,  c1 = -(1 + r),  c2 = (T - M) r (1 + r)/2  [ = m4^2/(4M) - m4^2/(4T)
 *        + m4^4 (T - M)/(8 T^2 M^2) ],
 * eq. (18): c2 = (1 + r)(T - 2 M r)/4; all times (pi alpha^2/m_e^2)(hbar c)^2 Z^2 F_p^2.
 * T > 0, m4 >= 0; E_min = E_min(T, M, m4) of eq. (22).  Same for antineutrinos. */
int nutmm_xsec_dipole_nucleus_coef(double T, double m4, const nutmm_nucleus *nuc,
                                   const nutmm_xsec_options *opt, double c[3], double *E_min);
/** Nuclear dipole dsigma/dT per unit mu^2 at (E, T), cm^2/MeV; exactly 0 outside the window. */
int nutmm_xsec_dipole_nucleus_e(double E, double T, double m4, const nutmm_nucleus *nuc,
                                const nutmm_xsec_options *opt, double *dsdT);
/** Value form (NaN on error, reason recorded). */
double nutmm_xsec_dipole_nucleus(double E, double T, double m4, const nutmm_nucleus *nuc,
                                 const nutmm_xsec_options *opt);

/** Electron dipole portal eq. (19) (eq. 17 with Z = 1, F = 1, M = m_e) per unit mu^2, times
 * S(T) of `atom` (NULL: free electron).  Per electron.  T > 0; E_min = E_min(T, m_e, m4). */
int nutmm_xsec_dipole_electron_coef(double T, double m4, const nutmm_atom *atom,
                                    const nutmm_xsec_options *opt, double c[3], double *E_min);
/** Electron dipole dsigma/dT per unit mu^2 at (E, T), cm^2/MeV; exactly 0 outside the window. */
int nutmm_xsec_dipole_electron_e(double E, double T, double m4, const nutmm_atom *atom,
                                 const nutmm_xsec_options *opt, double *dsdT);
/** Value form (NaN on error, reason recorded). */
double nutmm_xsec_dipole_electron(double E, double T, double m4, const nutmm_atom *atom,
                                  const nutmm_xsec_options *opt);

/* ---- weak-magnetic interference: eq. (20) per unit Re W; physics manual phys-xsec-interference */

/** Electron interference per unit Re[W] (W = U_{alpha4} A_4 of tmm.h, in mu_B; for
 * antineutrinos the caller passes Re of the conjugated W):
 *   eta (G_F alpha m4/(2 sqrt2 m_e)) { c_V (M - T)(2MT + m4^2)/(M T E^2)
 *                                      - c_A (4ME - 2MT - m4^2)/(M E^2) },   M = m_e,
 * c_V = -1/2 + 2 s_W^2 + delta_{alpha e}, c_A = -1/2 + delta_{alpha e}, c_A -> -c_A for
 * antineutrinos; times S(T) of `atom` (NULL: free).  Coefficients: c0 = 0, c1 = -4 c_A,
 * c2 = (2MT + m4^2)/M [c_V (M - T)/T + c_A], times the prefactor.  eta = opt->eta = +1 by
 * default (relative sign of the amplitudes for mu > 0; physics manual phys-xsec-interference,
 * an assumption).
 * Not positive-definite.  Vanishes at m4 = 0.  T > 0; E_min = E_min(T, m_e, m4). */
int nutmm_xsec_int_electron_coef(double T, double m4, nutmm_species s, const nutmm_atom *atom,
                                 const nutmm_xsec_options *opt, double c[3], double *E_min);
/** Electron interference dsigma/dT per unit Re[W] at (E, T), cm^2/MeV; 0 outside the window. */
int nutmm_xsec_int_electron_e(double E, double T, double m4, nutmm_species s,
                              const nutmm_atom *atom, const nutmm_xsec_options *opt,
                              double *dsdT);
/** Value form (NaN on error, reason recorded). */
double nutmm_xsec_int_electron(double E, double T, double m4, nutmm_species s,
                               const nutmm_atom *atom, const nutmm_xsec_options *opt);

/** Nuclear interference per unit Re[W] (physics manual phys-xsec-interference "substitutions"):
 * the electron formula
 * with c_V -> Q_W(q^2) (eq. 12), c_A -> 0 (axial charge neglected), M -> nuclear mass in the
 * kinematic factors (the m_e of the mu_B prefactor stays) and the magnetic side Z F_p(q^2).
 * Same for all species.  The paper neglects it: the rate engine should keep it off by default.
 * T > 0; E_min = E_min(T, M, m4). */
int nutmm_xsec_int_nucleus_coef(double T, double m4, const nutmm_nucleus *nuc,
                                const nutmm_xsec_options *opt, double c[3], double *E_min);
/** Nuclear interference dsigma/dT per unit Re[W] at (E, T), cm^2/MeV; 0 outside the window. */
int nutmm_xsec_int_nucleus_e(double E, double T, double m4, const nutmm_nucleus *nuc,
                             const nutmm_xsec_options *opt, double *dsdT);
/** Value form (NaN on error, reason recorded). */
double nutmm_xsec_int_nucleus(double E, double T, double m4, const nutmm_nucleus *nuc,
                              const nutmm_xsec_options *opt);

/* ---- array forms (xsec_array.c) -------------------------------------------------------- */
/* Each evaluates the _e function above at the n points (E[i], T[i]) (MeV), i < n, into
 * dsdT[i] (cm^2/MeV; dipole per unit mu^2, interference per unit Re W), with the same
 * scalar arguments for every point; the values are exactly those of the scalar calls.  On
 * the first failing point the call stops: dsdT[0..i-1] are valid, dsdT[i..n-1] are NaN,
 * and the reason starts "<function>: point i (E = ..., T = ...) <- " followed by the
 * scalar call's reason.  n = 0 does nothing (the arrays may then be NULL).
 * Errors: NUTMM_EFAULT (a NULL array with n > 0) and those of the scalar function. */
int nutmm_xsec_cevns_array(size_t n, const double *E, const double *T, const nutmm_nucleus *nuc,
                           const nutmm_xsec_options *opt, double *dsdT);
int nutmm_xsec_ees_array(size_t n, const double *E, const double *T, nutmm_species s,
                         const nutmm_atom *atom, const nutmm_xsec_options *opt, double *dsdT);
int nutmm_xsec_dipole_nucleus_array(size_t n, const double *E, const double *T, double m4,
                                    const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                                    double *dsdT);
int nutmm_xsec_dipole_electron_array(size_t n, const double *E, const double *T, double m4,
                                     const nutmm_atom *atom, const nutmm_xsec_options *opt,
                                     double *dsdT);
int nutmm_xsec_int_electron_array(size_t n, const double *E, const double *T, double m4,
                                  nutmm_species s, const nutmm_atom *atom,
                                  const nutmm_xsec_options *opt, double *dsdT);
int nutmm_xsec_int_nucleus_array(size_t n, const double *E, const double *T, double m4,
                                 const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                                 double *dsdT);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_XSEC_H */
