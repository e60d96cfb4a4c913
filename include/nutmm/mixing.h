/** @file
 * @brief libnutmm -- the 4x4 lepton mixing matrix of the 3+1 system (physics manual
 * phys-mixing-u, phys-mixing-pei, phys-mixing-defaults).
 *
 * Complex numbers are C99 `double _Complex` (`double complex` with <complex.h>)
 * throughout libnutmm.  The public headers do not include <complex.h>, so the
 * macro `I` is not forced on programs that include nutmm.h.
 *
 * Conventions (physics manual phys-mixing-u): nu_{alpha L} = sum_i U_{alpha i} nu_{i L} with
 * alpha = e, mu, tau, s (rows 0..3) and mass states i = 1..4 (columns 0..3);
 * U = R34 R~24 R~14 R23 R~13 R12.  Majorana phases are not part of U: they are
 * absorbed into the transition magnetic moments (physics manual phys-mixing-majorana, see tmm.h).
 *
 * Typical use:
 * ~~~
 *   nutmm_mixing_params p;  nutmm_mixing_params_default(&p);   // NuFIT 5.1 NO
 *   p.theta14 = 0.1;                                           // rad
 *   nutmm_mixing mix;       nutmm_mixing_from_params(&p, &mix);
 * ~~~
 */
#ifndef NUTMM_MIXING_H
#define NUTMM_MIXING_H



#ifdef __cplusplus
extern "C" {
#endif

/** Oscillation parameters: angles and Dirac phases in radians, mass splittings in eV^2. */
typedef struct {
  double theta12, theta13, theta23; /**< active angles, [0, pi/2] */
  double theta14, theta24, theta34; /**< active-sterile angles, [0, pi/2] */
  double delta13, delta14, delta24; /**< Dirac phases (any finite real value) */
  double dm21;                      /**< Delta m^2_21, eV^2 (solar MSW), > 0 */
  double dm31;                      /**< Delta m^2_31, eV^2 (not used by U) */
} nutmm_mixing_params;

/** Fill p with the defaults of physics manual phys-mixing-defaults: the NuFIT 5.1 normal-ordering
 * best fit (Esteban et al., JHEP 09 (2020) 178, www.nu-fit.org) as listed there --
 * sin^2 theta12 = 0.304, sin^2 theta13 = 0.02246, sin^2 theta23 = 0.450,
 * delta13 = 230 deg, Delta m^2_21 = 7.42e-5 eV^2, Delta m^2_31 = 2.510e-3 eV^2 --
 * and zero active-sterile mixing (theta14 = theta24 = theta34 = delta14 =
 * delta24 = 0).  Overwrite any field to change it.  p == NULL: no-op. */
void nutmm_mixing_params_default(nutmm_mixing_params *p);

/** A unitary 4x4 mixing matrix U[alpha][i], alpha = e, mu, tau, s; i = 1..4 (0-based).
 * A plain value: copy it freely.  Obtain it from nutmm_mixing_from_params() or,
 * for a user matrix, nutmm_mixing_from_matrix() (which checks unitarity). */
typedef struct {
  double _Complex U[4][4];
} nutmm_mixing;

/** Default unitarity tolerance for nutmm_mixing_from_matrix():
 * max_{ab} |(U U^dagger)_{ab} - delta_{ab}|. */
#define NUTMM_MIXING_UNITARITY_TOL 1e-10

/** U = R34 R~24 R~14 R23 R~13 R12 (physics manual phys-mixing-u), built numerically as the
 * product of the six rotations, R~ij carrying e^{-i delta_ij} at [i,j].
 * Unitary to ~1e-16.  Only the angles and phases of p are used.
 * Errors: NUTMM_EFAULT (NULL); NUTMM_EDOM for a non-finite angle or phase, or
 * an angle outside [0, pi/2] (a relative excess of 4 ulp over pi/2 is tolerated). */
int nutmm_mixing_from_params(const nutmm_mixing_params *p, nutmm_mixing *mix);

/** Take a user-supplied complex 4x4 matrix, U[4*alpha + i] = U_{alpha i} (row-major:
 * rows e, mu, tau, s; columns i = 1..4 -- pass &V[0][0] for a `double _Complex V[4][4]`),
 * and check it is unitary: max_{ab} |(U U^dagger)_{ab} - delta_{ab}| <= tol
 * (dimensionless; NUTMM_MIXING_UNITARITY_TOL is a sensible default).
 * Include any Majorana phases as U = U_Dirac diag(e^{i phi}); they are
 * physical only together with the TMM phases (physics manual phys-mixing-majorana).
 * Errors: NUTMM_EFAULT (NULL); NUTMM_EDOM (non-finite entry, tol not in (0, 1));
 * NUTMM_ENOTUNITARY (the reason gives the largest deviation). */
int nutmm_mixing_from_matrix(const double _Complex *U, double tol, nutmm_mixing *mix);

/** Rephase a mixing matrix: out = diag(e^{i chi}) U diag(e^{i phi}) (physics manual
 * phys-tmm-phases).
 * chi[4] (rad) rephases the charged leptons e, mu, tau, s -- an exact invariance
 * of every effective moment; phi[4] (rad) are Majorana-type phases of the mass
 * states, an invariance only together with lambda -> D lambda D (nutmm_tmm_rephase).
 * Either array may be NULL (= zeros).  out may equal mix.
 * Errors: NUTMM_EFAULT (mix or out NULL); NUTMM_EDOM (non-finite phase). */
int nutmm_mixing_rephase(const nutmm_mixing *mix, const double chi[4], const double phi[4],
                         nutmm_mixing *out);

/** Adiabatic MSW-LMA probabilities P_ei, i = 1..4 (P[0..3]), that a solar nu_e of
 * energy E (MeV) produced at electron density n_e (cm^-3) reaches the Earth as
 * mass state i (physics manual phys-mixing-pei):
 *   A_CC = 2 sqrt(2) G_F n_e E c13^2,
 *   x = dm21 cos 2theta12 - A_CC,  cos 2theta12m = x / sqrt(x^2 + (dm21 sin 2theta12)^2),
 *   P_e1 = c14^2 c13^2 (1 + cos 2theta12m)/2,  P_e2 = c14^2 c13^2 (1 - cos 2theta12m)/2,
 *   P_e3 = c14^2 s13^2,  P_e4 = s14^2.
 * Sum = 1.  n_e = 0 gives the averaged vacuum result P_ei = |U_ei|^2.  At the
 * exact resonance of a zero-mixing case (theta12 = 0 and A_CC = dm21) cos 2theta12m
 * is set to 0.  Uses theta12, theta13, theta14 and dm21 of p.
 * Errors: NUTMM_EFAULT (NULL); NUTMM_EDOM (E < 0, n_e < 0, non-finite input,
 * angle outside [0, pi/2], dm21 <= 0). */
int nutmm_solar_pei(const nutmm_mixing_params *p, double E, double n_e, double P[4]);

/** Solar nu_e survival probability at Earth, P_ee = sum_i P_ei |U_ei|^2
 * (physics manual phys-mixing-pei; incoherent sum), E in MeV, n_e in cm^-3.
 * Errors: as nutmm_solar_pei(). */
int nutmm_solar_pee(const nutmm_mixing_params *p, double E, double n_e, double *Pee);

/** Default production electron density for solar neutrinos, cm^-3 (physics manual
 * phys-mixing-pei). */
#define NUTMM_SOLAR_NE_DEFAULT 6.0e25

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_MIXING_H */
