/** @file
 * @brief libnutmm -- what couples an incoming neutrino to the sterile nu_4 (arXiv:2109.09545 Sec. 2).
 *
 * One value type, three modes:
 *   effective  an effective moment mu_s (mu_B) per incoming species s, as the paper's limits
 *              are quoted (Sec. 3-4), with |U_a4| per flavour for the weak-magnetic
 *              interference in the Fig. 3 convention Re W = |U_a4| mu_a (no CP phases);
 *   TMM        fundamental transition moments lambda_i4 (tmm.h) and a mixing matrix
 *              (mixing.h): each species gets mu_ster^2 = |A_4|^2 of eq. (6) and
 *              Re W of eq. (20) (tmm.h);
 *   full       all six lambda_ij: the nu_4 part as TMM mode plus the light final states on
 *              the massless template (nutmm_coupling_set_tmm, at the end of this file).
 * nutmm_coupling_weights() turns a coupling into per-component weights of a rate plan
 * (rate.h): dipole weights (mu_B^2, multiply nutmm_rate_dipole's per-mu^2 counts) and
 * interference weights (mu_B, multiply nutmm_rate_interference's per-Re W counts), for
 * flavour components and for solar mass-state components alike:
 *   flavour component of species s:     w_D = mu_s^2 (effective) or |A_4(s)|^2 (TMM, eq. 6)
 *                                         w_I = |U_a4| mu_s      or Re W(s)       (tmm.h)
 *   mass-state component nu_i (the Sun): w_D = sum_a mu_a^2 |U_ai|^2 (effective: the nu_a
 *                                         share of an incoherent nu_i, so that the nu_a flux
 *                                         at Earth is sum_i P_ei |U_ai|^2 Phi; Sec. 4)
 *                                         or |lambda_i4|^2 (TMM, eq. 5),
 *                                         w_I = sum_a |U_ai|^2 |U_a4| mu_a (effective; an
 *                                         approximation, as the flavour-beam Re W of Fig. 3)
 *                                         or 0 in TMM mode without active-sterile mixing
 *                                         (otherwise NUTMM_EINVAL: not in this model).
 * The coupling is linear in one scale t (all moments times t): dipole weights scale as t^2,
 * interference weights as t.  Scans (scan.h) use this with a unit coupling.
 * A plain value: copy it freely, share it between threads.
 */
#ifndef NUTMM_COUPLING_H
#define NUTMM_COUPLING_H

#include "nutmm/mixing.h"
#include "nutmm/rate.h"
#include "nutmm/tmm.h"
#include "nutmm/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Which description of the coupling is used. */
typedef enum {
  NUTMM_COUPLING_EFFECTIVE = 0, /**< effective moments per species */
  NUTMM_COUPLING_TMM = 1,       /**< fundamental TMMs lambda with a mixing matrix */
  NUTMM_COUPLING_FULL = 2       /**< all six lambda_ij and both final-state parts (below) */
} nutmm_coupling_mode;

/** A coupling to nu_4.  Fill with nutmm_coupling_init() and the setters. */
typedef struct {
  nutmm_coupling_mode mode;
  double mu[NUTMM_N_SPECIES]; /**< effective mode: moment per incoming species, mu_B (>= 0) */
  double u4[3];               /**< effective mode: |U_a4| per flavour (e, mu, tau), in [0, 1] */
  nutmm_tmm lambda;           /**< TMM mode: the transition moments (mu_B) */
  nutmm_mixing_params mix;    /**< mixing: TMM mode, and the flavour content of solar mass
                                   states in effective mode (default NuFIT 5.1 NO) */
} nutmm_coupling;

/** Effective mode, every moment and |U_a4| zero, default mixing (NuFIT 5.1 NO, no
 *  active-sterile mixing).  c NULL: no-op. */
void nutmm_coupling_init(nutmm_coupling *c);

/** Effective mode: moment mu (mu_B, finite, >= 0) for the neutrino and antineutrino of
 *  flavour `flavor`, by name: "e", "mu", "tau", or "all" (every flavour the same moment: a
 *  flavour-universal moment).  Other flavours keep their moments.
 *  @return NUTMM_SUCCESS; NUTMM_ENOTFOUND (unknown name), NUTMM_EDOM, NUTMM_EFAULT. */
int nutmm_coupling_set_flavor(nutmm_coupling *c, const char *flavor, double mu);

/** Effective mode: |U_a4| of flavour a (finite, in [0, 1]) for the interference term.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM, NUTMM_EINVAL (bad flavour), NUTMM_EFAULT. */
int nutmm_coupling_set_u4(nutmm_coupling *c, nutmm_flavor a, double u4);

/** TMM mode: lambda_i4 = modulus e^{i phase} (mu_B; i = 1, 2, 3), the other lambda_i4
 *  unchanged (start from nutmm_coupling_init for all zero).  Switches the mode to TMM
 *  (a full-mode coupling stays full).
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (non-finite, modulus < 0), NUTMM_EBADLEN (i), NUTMM_EFAULT. */
int nutmm_coupling_set_lambda(nutmm_coupling *c, int i, double modulus, double phase);

/** The same coupling with every moment multiplied by t (finite, >= 0).
 *  @return NUTMM_SUCCESS; NUTMM_EDOM, NUTMM_EFAULT. */
int nutmm_coupling_scaled(const nutmm_coupling *c, double t, nutmm_coupling *out);

/** Per-component dipole weights (mu_B^2) and interference weights (mu_B) of `c` for the
 *  components of the rate plan `r` (see the file comment).  Either output may be NULL;
 *  each has nutmm_rate_ncomponents(r) entries.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (non-finite or negative moments, |U_a4| outside [0, 1],
 *  bad mixing), NUTMM_EINVAL (TMM interference on mass states with active-sterile mixing),
 *  NUTMM_EFAULT. */
int nutmm_coupling_weights(const nutmm_coupling *c, const nutmm_rate *r, double *w_dipole,
                           double *w_interference);

/** The per-species and per-mass-state weights behind nutmm_coupling_weights (for
 *  printing, tests and users' own rate plans): dipole d_species[6] (mu_B^2),
 *  interference i_species[6] (mu_B), dipole d_mass[4] (mu_B^2) and interference i_mass[4]
 *  (mu_B) for mass states 1..4; any may be NULL.  Errors: as nutmm_coupling_weights. */
int nutmm_coupling_species_weights(const nutmm_coupling *c, double d_species[NUTMM_N_SPECIES],
                                   double i_species[NUTMM_N_SPECIES], double d_mass[4],
                                   double i_mass[4]);

/* ---- the full coupling (lib/coupling_full.c) ------------------------------------------ */

/* Full mode (NUTMM_COUPLING_FULL) carries all six lambda_ij (moduli and phases) and the 4x4
 * mixing.  mu_eff^2 of eq. (6) splits by final mass state (nutmm_mueff, tmm.h):
 *   |A_4|^2            -> nu_4: the dipole template at m4 (the weights above, as TMM mode),
 *   sum_{j<=3} |A_j|^2 -> nu_1,2,3: the massless dipole template (m = 0), carrying the
 *                         active-active moments lambda_12, lambda_13, lambda_23 and the
 *                         light-final-state terms of lambda_i4 (via U_a4);
 * the Sun's mass states use eq. (5): sum_j |lambda_ij|^2 split the same way.  A light final
 * state has no weak-magnetic interference (the magnetic vertex flips helicity; the
 * interference of eq. (20) is proportional to the final mass, zero at m = 0).  With only
 * lambda_i4 non-zero and no active-sterile mixing, full and TMM mode agree exactly. */

/** Full mode: lambda_ij = modulus e^{i phase} (mu_B, rad; 1 <= i < j <= 4), the others
 *  unchanged.  Switches the mode to full (TMM-mode lambda_i4 are kept).
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (non-finite, modulus < 0), NUTMM_EBADLEN (i, j), NUTMM_EFAULT. */
int nutmm_coupling_set_tmm(nutmm_coupling *c, int i, int j, double modulus, double phase);

/** Light-final-state dipole weights (mu_B^2) of a coupling: per species the active part of
 *  eq. (6), sum_{j<=3} |A_j|^2, and per solar mass state i the active part of eq. (5),
 *  sum_{j<=3} |lambda_ij|^2.  Zero in effective and TMM mode (their signal goes to nu_4
 *  only).  Either output may be NULL.  @return NUTMM_SUCCESS; NUTMM_EDOM, NUTMM_ERANGE,
 *  NUTMM_EFAULT. */
int nutmm_coupling_light_weights(const nutmm_coupling *c, double d_species[NUTMM_N_SPECIES],
                                 double d_mass[4]);

/** Rate-plan component weights of the light part (as nutmm_coupling_weights for the nu_4
 *  dipole part).  @return as nutmm_coupling_light_weights. */
int nutmm_coupling_light_component_weights(const nutmm_coupling *c, const nutmm_rate *r,
                                           double *w_dipole);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_COUPLING_H */
