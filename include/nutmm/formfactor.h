/** @file
 * @brief libnutmm -- nuclear form factors for CEvNS and the nuclear dipole portal.
 *
 * Paper: arXiv:2109.09545 eq. (13) (Helm) and footnote 2 (Klein-Nystrand for COHERENT-CsI);
 * physics manual phys-ff-helm.  Momentum transfer q = |q| in MeV, q^2 = 2 M T (elastic, also with a
 * massive final neutrino).  Lengths in cm (units.h): q R is dimensionless as q R / (hbar c).
 *
 * ~~~
 *   Helm:             F(q) = 3 j_1(q R_0)/(q R_0) exp(-q^2 s^2 / 2),
 *                     R_0^2 = (5/3) R^2 - 5 s^2 from the rms radius R (R_p for protons,
 *                     R_n for neutrons), s = 0.9 fm;
 *   Klein-Nystrand:   F(q) = 3 j_1(q R_A)/(q R_A) / (1 + q^2 a_k^2),  R_A = c A^{1/3},
 *                     a_k = 0.7 fm, c = 1.23 fm by default (Klein-Nystrand's own paper: 1.2 fm);
 *                     the same F for protons and neutrons;
 *   none:             F = 1;
 *   user:             a function pointer with a void *user_data.
 * ~~~
 * All models give F(0) = 1 exactly; 3 j_1(x)/x is summed as a series for x < 1 (no 0/0).
 */
#ifndef NUTMM_FORMFACTOR_H
#define NUTMM_FORMFACTOR_H

#include "nutmm/target.h"
#include "nutmm/units.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Helm surface thickness s, cm (eq. 13: s = 0.9 fm). */
#define NUTMM_HELM_S_DEFAULT (0.9 * NUTMM_FM)
/** Klein-Nystrand Yukawa range a_k, cm (0.7 fm; footnote 2 of the paper, 1708.01294). */
#define NUTMM_KN_AK_DEFAULT (0.7 * NUTMM_FM)
/** Klein-Nystrand radius coefficient, R_A = coef A^{1/3}, cm (1.23 fm, physics manual
 * phys-ff-kn). */
#define NUTMM_KN_COEF_DEFAULT (1.23 * NUTMM_FM)

/** Form factor model. */
typedef enum {
  NUTMM_FF_HELM = 0,           /**< eq. (13) from the rms radii (default) */
  NUTMM_FF_KLEIN_NYSTRAND = 1, /**< footnote 2 (COHERENT-CsI) */
  NUTMM_FF_NONE = 2,           /**< F = 1 */
  NUTMM_FF_USER = 3            /**< user hook */
} nutmm_ff_model;

/** Which nucleon distribution a form factor describes. */
typedef enum { NUTMM_FF_PROTON = 0, NUTMM_FF_NEUTRON = 1 } nutmm_ff_nucleon;

/** User form factor hook: F for nucleus nuc, nucleon kind `which`, momentum transfer q (MeV)
 * into *F.  Return NUTMM_SUCCESS or a status (record a reason with nutmm_error_set(); it is
 * chained).  Must be thread-safe if the caller uses threads; should give F(0) = 1. */
typedef int (*nutmm_ff_user_fn)(double q, const nutmm_nucleus *nuc, nutmm_ff_nucleon which,
                                void *user_data, double *F);

/** Form factor selection and parameters (lengths in cm).  Initialise with
 * nutmm_formfactor_default(), then change fields. */
typedef struct {
  nutmm_ff_model model;     /**< NUTMM_FF_HELM by default */
  double helm_s;            /**< Helm surface thickness, cm (NUTMM_HELM_S_DEFAULT) */
  double kn_ak;             /**< Klein-Nystrand a_k, cm (NUTMM_KN_AK_DEFAULT) */
  double kn_coef;           /**< Klein-Nystrand R_A / A^{1/3}, cm (NUTMM_KN_COEF_DEFAULT) */
  nutmm_ff_user_fn user_fn; /**< used when model == NUTMM_FF_USER */
  void *user_data;          /**< passed to user_fn */
} nutmm_formfactor;

/** Helm with s = 0.9 fm; KN parameters at their defaults; no user hook.  ff NULL: no-op. */
void nutmm_formfactor_default(nutmm_formfactor *ff);

/** 3 j_1(x)/x, the uniform-sphere form factor (= 1 at x = 0; series below x = 1).
 * Defined for every real x (even in x); 0 for x = +-inf (the limit); NaN for NaN x
 * (reason recorded). */
double nutmm_ff_sphere(double x);

/** Helm form factor of eq. (13) at momentum transfer q (MeV) for a distribution of rms radius
 * r_rms (cm) and surface thickness s (cm): R_0^2 = (5/3) r_rms^2 - 5 s^2.
 * Errors: NUTMM_EDOM (q < 0, r_rms <= 0, s < 0, NaN, or r_rms^2 <= 3 s^2 so that R_0^2 <= 0),
 * NUTMM_EFAULT. */
int nutmm_ff_helm_e(double q, double r_rms, double s, double *F);
/** Value form: NaN on error (reason recorded). */
double nutmm_ff_helm(double q, double r_rms, double s);

/** Klein-Nystrand form factor at q (MeV) with radius R_A (cm) and range a_k (cm).
 * Errors: NUTMM_EDOM (q < 0, R_A <= 0, a_k < 0, NaN), NUTMM_EFAULT. */
int nutmm_ff_kn_e(double q, double R_A, double a_k, double *F);
/** Value form: NaN on error (reason recorded). */
double nutmm_ff_kn(double q, double R_A, double a_k);

/** Proton and neutron form factors F_p, F_n of nucleus nuc at momentum transfer q (MeV) with
 * the model of ff (ff NULL: default Helm).  Either output may be NULL.  No allocation.
 * Errors: NUTMM_EDOM (q < 0 or NaN, a bad nucleus, Helm radius too small for s, bad
 * parameters), NUTMM_EINVAL (unknown model, or NUTMM_FF_USER without user_fn), a user hook's
 * status (chained), NUTMM_EFAULT. */
int nutmm_formfactor_eval_e(const nutmm_formfactor *ff, const nutmm_nucleus *nuc, double q,
                            double *Fp, double *Fn);

/** As nutmm_formfactor_eval_e() at nuclear recoil energy T (MeV): q = sqrt(2 M T).
 * Errors: as above, NUTMM_EDOM for T < 0 or NaN. */
int nutmm_formfactor_eval_T_e(const nutmm_formfactor *ff, const nutmm_nucleus *nuc, double T,
                              double *Fp, double *Fn);

/* ---- array forms (xsec_array.c) ---------------------------------------------------------- */

/** nutmm_formfactor_eval_e() at the n momentum transfers q[i] (MeV) into Fp[i], Fn[i] (either
 * may be NULL), exactly the scalar values.  On the first failing point i the call stops:
 * the outputs from i on are NaN and the reason starts "...: point i (q = ...) <- ".
 * Errors: NUTMM_EFAULT (q NULL with n > 0) and those of nutmm_formfactor_eval_e(). */
int nutmm_formfactor_eval_array(const nutmm_formfactor *ff, const nutmm_nucleus *nuc, size_t n,
                                const double *q, double *Fp, double *Fn);

/** As nutmm_formfactor_eval_array() at nuclear recoil energies T[i] (MeV)
 * (nutmm_formfactor_eval_T_e()). */
int nutmm_formfactor_eval_T_array(const nutmm_formfactor *ff, const nutmm_nucleus *nuc, size_t n,
                                  const double *T, double *Fp, double *Fn);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_FORMFACTOR_H */
