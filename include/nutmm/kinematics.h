/** @file
 * @brief libnutmm -- two-body kinematics of nu + X -> nu_4 + X with a massless incoming neutrino
 * of energy E, a target of mass M at rest, and an outgoing neutrino of mass m4 >= 0.
 *
 * Paper: arXiv:2109.09545 eq. (22); physics manual phys-kin.  All energies and masses in MeV.
 *
 * ~~~
 *   E_min(T)  = (m4^2 + 2 M T) / (2 [sqrt(T^2 + 2 M T) - T])            (eq. 22)
 *   T_pm(E)   = (b pm sqrt(D)) / (2 M (2E + M)),
 *               b = 2 E^2 M - m4^2 (E + M),  D = b^2 - M (2E + M) m4^4
 *   E_thr     = m4 + m4^2 / (2 M)   (D >= 0  <=>  E >= E_thr)
 *   m4 = 0:   E_min = [T + sqrt(T^2 + 2 M T)]/2,  T_- = 0,  T_+ = T_max = 2 E^2/(M + 2E).
 * ~~~
 * A recoil T is reachable from E exactly when E >= E_min(T) (equivalently T_- <= T <= T_+).
 *
 * Numerics (no cancellation at small m4 or T << M):
 * ~~~
 *   E_min = (m4^2 + 2MT)(sqrt(T^2 + 2MT) + T) / (4 M T);
 *   sqrt(D) = 2 M E sqrt((E - E_thr)(E - E_thr + 2 m4))  (D = E^2 lambda(s, m4^2, M^2));
 *   T_+ = (b + sqrt D) / (2 M (2E + M)),  T_- = m4^4 / (2 (b + sqrt D)).
 * ~~~
 */
#ifndef NUTMM_KINEMATICS_H
#define NUTMM_KINEMATICS_H

#ifdef __cplusplus
extern "C" {
#endif

/** Maximum recoil for a massless final state, T_max = 2 E^2 / (M + 2E) (physics manual
 * phys-kin-range).
 * Errors: NUTMM_EDOM (E <= 0, M <= 0, NaN), NUTMM_EFAULT. */
int nutmm_kin_tmax_e(double E, double M, double *T_max);
/** Value form: NaN on error (reason recorded). */
double nutmm_kin_tmax(double E, double M);

/** Production threshold E_thr = m4 + m4^2/(2M) (physics manual phys-kin-range); 0 for m4 = 0.
 * Errors: NUTMM_EDOM (M <= 0, m4 < 0, NaN), NUTMM_EFAULT. */
int nutmm_kin_threshold_e(double M, double m4, double *E_thr);
/** Value form: NaN on error (reason recorded). */
double nutmm_kin_threshold(double M, double m4);

/** Minimum neutrino energy E_min(T) that can give the recoil T (eq. 22).  T = 0 gives 0 for
 * m4 = 0 and +infinity for m4 > 0 (no such recoil; one of the documented infinities
 * returned as success, error.h); any other non-finite result is NUTMM_ERANGE.  E_min(T) >= E_thr for all T.
 * Errors: NUTMM_EDOM (T < 0, M <= 0, m4 < 0, NaN), NUTMM_EFAULT. */
int nutmm_kin_emin_e(double T, double M, double m4, double *E_min);
/** Value form: NaN on error (reason recorded). */
double nutmm_kin_emin(double T, double M, double m4);

/** Recoil window [T_-, T_+] at neutrino energy E (physics manual phys-kin-range).
 * Returns NUTMM_SUCCESS with the window when E >= E_thr; for E < E_thr there is no window:
 * returns NUTMM_ERANGE ("below threshold", reason recorded) with *T_minus = *T_plus = 0.
 * Errors: NUTMM_EDOM (E <= 0, M <= 0, m4 < 0, NaN), NUTMM_EFAULT. */
int nutmm_kin_recoil_range(double E, double M, double m4, double *T_minus, double *T_plus);

/** Whether recoil T is kinematically allowed at energy E: E >= E_min(T) (1) or not (0).
 * Invalid input (E <= 0, T < 0, M <= 0, m4 < 0, NaN) gives 0.  No error reason recorded. */
int nutmm_kin_allowed(double E, double T, double M, double m4);

/** Cosine of the recoil angle, cos theta = (m4^2 + 2T(E + M)) / (2E sqrt(T^2 + 2MT))
 * (physics manual phys-kin-angle).  Errors: NUTMM_EDOM (E <= 0, T <= 0, M <= 0, m4 < 0, NaN),
 * NUTMM_EFAULT. */
int nutmm_kin_cos_recoil_e(double E, double T, double M, double m4, double *cos_theta);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_KINEMATICS_H */
