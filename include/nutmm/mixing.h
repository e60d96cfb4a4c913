/* libnutmm -- the 4x4 lepton mixing matrix of the 3+1 system (tmm.md sections 2, 7.3, 8).
 *
 * Complex numbers are C99 `double complex` throughout libnutmm.
 */
#ifndef NUTMM_MIXING_H
#define NUTMM_MIXING_H

#include <complex.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Oscillation parameters: angles and Dirac phases in radians, mass splittings in eV^2. */
typedef struct {
  double theta12, theta13, theta23; /* active angles, [0, pi/2] */
  double theta14, theta24, theta34; /* active-sterile angles, [0, pi/2] */
  double delta13, delta14, delta24; /* Dirac phases (any real value) */
  double dm21;                      /* Delta m^2_21, eV^2 (solar MSW) */
  double dm31;                      /* Delta m^2_31, eV^2 */
} nutmm_mixing_params;

/* Fill p with the defaults of tmm.md section 8: NuFIT 5.1 normal ordering,
 * zero active-sterile mixing. */
void nutmm_mixing_params_default(nutmm_mixing_params *p);

/* A unitary 4x4 mixing matrix U[alpha][i], alpha = e, mu, tau, s; i = 1..4 (0-based). */
typedef struct {
  double complex U[4][4];
} nutmm_mixing;

/* U = R34 R~24 R~14 R23 R~13 R12 (tmm.md section 2).  Errors: NUTMM_EDOM for
 * non-finite values or angles outside [0, pi/2], NUTMM_EFAULT. */
int nutmm_mixing_from_params(const nutmm_mixing_params *p, nutmm_mixing *mix);

/* Adiabatic MSW-LMA probabilities P_ei, i = 1..4 (P[0..3]), that a solar nu_e of
 * energy E (MeV) produced at electron density n_e (cm^-3) reaches the Earth as
 * mass state i (tmm.md section 7.3).  Sum = 1.  Errors: NUTMM_EDOM. */
int nutmm_solar_pei(const nutmm_mixing_params *p, double E, double n_e, double P[4]);

/* Solar nu_e survival probability at Earth, P_ee = sum_i P_ei |U_ei|^2. */
int nutmm_solar_pee(const nutmm_mixing_params *p, double E, double n_e, double *Pee);

/* Default production electron density for solar neutrinos, cm^-3 (tmm.md 7.3). */
#define NUTMM_SOLAR_NE_DEFAULT 6.0e25

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_MIXING_H */
