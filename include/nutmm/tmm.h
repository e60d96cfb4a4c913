/** @file
 * @brief libnutmm -- transition magnetic moments (TMMs) of the 3+1 Majorana system and
 * the effective moments mu_eff^2 seen by low-energy experiments
 * (arXiv:2109.09545 section 2.1, eqs.\ (1)-(10), Tables 1-2; physics manual phys-tmm).
 *
 * The TMM matrix lambda = mu - i d (mass basis, eq. 1) is complex antisymmetric
 * 4x4.  Its six independent entries are Lambda_1..Lambda_6 (eq. 2):
 * ~~~
 *   lambda_23 = L1, lambda_31 = L2 (lambda_13 = -L2), lambda_12 = L3,
 *   lambda_14 = L4, lambda_24 = L5, lambda_34 = L6,  L_k = |L_k| e^{i zeta_k} (eq. 3).
 * ~~~
 * Moduli are in Bohr magnetons mu_B; every mu_eff^2 is in mu_B^2.  A single
 * non-zero |lambda_ij| = mu acts in the cross sections as a moment mu (physics manual
 * phys-tmm-lambda).
 *
 * Indices: TMM indices i, j = 1..4 and k = 1..6, and table rows j = 1..21, are
 * 1-based as in the paper; array members are 0-based (Lambda[k-1], coef[j-1]).
 *
 * Typical use (a nu_mu beam, |Lambda_5| = |lambda_24| = 1e-10 mu_B):
 * ~~~
 *   nutmm_mixing_params p;  nutmm_mixing_params_default(&p);
 *   nutmm_mixing mix;       nutmm_mixing_from_params(&p, &mix);
 *   nutmm_tmm lam;          nutmm_tmm_zero(&lam);
 *   nutmm_tmm_set_Lambda(&lam, 5, 1e-10, 0.0);
 *   nutmm_mueff m;          nutmm_mueff2(&mix, &lam, NUTMM_NU_MU, &m);
 *   // m.total, m.sterile (final nu_4), m.active (final nu_1,2,3), in mu_B^2
 * ~~~
 *
 * Everything here is a plain value computation: no allocation, no state,
 * thread-safe.  Every function returns a status (error.h) and records a reason.
 */
#ifndef NUTMM_TMM_H
#define NUTMM_TMM_H



#include <stddef.h>

#include "nutmm/mixing.h"
#include "nutmm/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the TMM matrix --------------------------------------------------- */

/** The antisymmetric TMM matrix, stored as its six independent entries
 * Lambda_1..Lambda_6 (eq. 2) in Lambda[0..5], mu_B; antisymmetry holds by
 * construction.  A plain value: `nutmm_tmm lam = {{0}};` is the zero matrix. */
typedef struct {
  double _Complex Lambda[6];
} nutmm_tmm;

/** Set all six Lambda_k to zero.  t == NULL: no-op. */
void nutmm_tmm_zero(nutmm_tmm *t);

/** Set Lambda_k = modulus e^{i zeta} (eq. 3), k = 1..6; modulus in mu_B (>= 0),
 * zeta in rad.  Errors: NUTMM_EFAULT (NULL), NUTMM_EBADLEN (k out of range),
 * NUTMM_EDOM (modulus < 0 or non-finite, zeta non-finite). */
int nutmm_tmm_set_Lambda(nutmm_tmm *t, int k, double modulus, double zeta);

/** Set all six Lambda_k = absL[k-1] e^{i zeta[k-1]} (eqs. 2-3); moduli in mu_B,
 * phases in rad; zeta == NULL means all phases zero.  t is unchanged on error.
 * Errors: as nutmm_tmm_set_Lambda(). */
int nutmm_tmm_from_Lambda(const double absL[6], const double zeta[6], nutmm_tmm *t);

/** Lambda_k (complex, mu_B), k = 1..6.
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EBADLEN (k out of range). */
int nutmm_tmm_get_Lambda(const nutmm_tmm *t, int k, double _Complex *Lambda);

/** Set the entry lambda_ij = re + i im (mu_B), i, j = 1..4, i != j; this also sets
 * lambda_ji = -(re + i im) (eq. 2).  E.g. nutmm_tmm_set(&t, 1, 3, v, 0) sets Lambda_2 = -v.
 * The value comes as real and imaginary parts (no complex argument by value: every
 * foreign-function interface can call this).
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EBADLEN (i or j out of range),
 * NUTMM_EINVAL (i == j: the diagonal vanishes), NUTMM_EDOM (non-finite value). */
int nutmm_tmm_set(nutmm_tmm *t, int i, int j, double re, double im);

/** The entry lambda_ij (mu_B), i, j = 1..4 (lambda_ii = 0).
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EBADLEN (i or j out of range). */
int nutmm_tmm_get(const nutmm_tmm *t, int i, int j, double _Complex *value);

/** The full matrix lam[i-1][j-1] = lambda_ij (mu_B).
 * Errors: NUTMM_EFAULT (NULL). */
int nutmm_tmm_matrix(const nutmm_tmm *t, double _Complex lam[4][4]);

/** |Lambda|^2 = sum_k |Lambda_k|^2 (mu_B^2) = (1/2) sum_ij |lambda_ij|^2 (physics manual
 * phys-tmm-lambda).
 * Errors: NUTMM_EFAULT (NULL). */
int nutmm_tmm_norm2(const nutmm_tmm *t, double *norm2);

/** out = D lambda D with D = diag(e^{i phi_1..4}), phi in rad, i.e.
 * zeta of lambda_ab shifted by +(phi_a + phi_b).  Together with
 * U -> U D (nutmm_mixing_rephase with phi) it leaves every mu_eff^2 unchanged
 * (physics manual phys-mixing-majorana, phys-tmm-phases).  out may equal t.
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EDOM (non-finite phase). */
int nutmm_tmm_rephase(const nutmm_tmm *t, const double phi[4], nutmm_tmm *out);

/** Absorb Majorana phases into the TMM phases (physics manual phys-mixing-majorana): if the
 * physical
 * mixing matrix is U_M = U diag(e^{i phi}) with U the Dirac-phase matrix of
 * nutmm_mixing_from_params(), then (U_M, lambda) gives the same observables as
 * (U, out) with out_ab = e^{-i(phi_a + phi_b)} lambda_ab, i.e.
 *   zeta1 -= phi2+phi3, zeta2 -= phi1+phi3, zeta3 -= phi1+phi2,
 *   zeta4 -= phi1+phi4, zeta5 -= phi2+phi4, zeta6 -= phi3+phi4.
 * phi[0..3] = phi_1..phi_4 in rad.  out may equal t.
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EDOM (non-finite phase). */
int nutmm_tmm_absorb_majorana(const nutmm_tmm *t, const double phi[4], nutmm_tmm *out);

/* ---- short-baseline effective moments (eq. 6) ------------------------- */

/** An effective moment squared split by final mass state, mu_B^2. */
typedef struct {
  double total;   /**< mu_eff^2 = sum_{j=1..4} |A_j|^2 (eq. 6 / eq. 5) */
  double sterile; /**< final nu_4: |A_4|^2 -- what the nu -> nu_4 dipole cross section needs */
  double active;  /**< final nu_1,2,3: sum_{j<=3} |A_j|^2 = total - sterile */
} nutmm_mueff;

/** Effective moment of an unoscillated beam of species s (nu or nubar of
 * e, mu, tau), eq. (6): mu_eff^2 = sum_j |A_j|^2, A_j = sum_i U*_{alpha i} lambda_ij,
 * split into the nu_4 final state (|A_4|^2) and the rest (physics manual phys-tmm-mueff).
 * Antineutrinos have amplitudes -(A_j)^*, hence the same values.
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EINVAL (s not a nutmm_species),
 * NUTMM_EDOM (non-finite entry of lam or mix). */
int nutmm_mueff2(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s, nutmm_mueff *out);

/** The four amplitudes A_j (mu_B), j = 1..4 in A[0..3], for species s
 * (physics manual phys-tmm-mueff): nu_alpha: A_j = sum_i U*_{alpha i} lambda_ij; nubar_alpha:
 * -(A_j)^*.
 * Errors: as nutmm_mueff2(). */
int nutmm_tmm_amplitudes(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                         double _Complex A[4]);

/** Mixing-moment factor of the weak-magnetic interference with a nu_4 final
 * state (physics manual phys-tmm-mueff): W = U_{alpha 4} A_4(alpha) = U_{alpha 4} sum_{i<=3}
 * U*_{alpha i} lambda_i4
 * (mu_B) for nu_alpha, and its complex conjugate for nubar_alpha.  Only Re W
 * enters the cross section; its overall sign convention belongs there.
 * W is invariant under charged-lepton rephasing but, unlike mu_eff^2, not under
 * a global TMM phase or (U, lambda) -> (U D, D lambda D): the relative phase of
 * the weak and the dipole amplitude is physical.
 * Errors: as nutmm_mueff2(). */
int nutmm_tmm_interference(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                           double _Complex *W);

/* ---- the paper's truncated forms (eqs. 7-10) -------------------------- */

/** Eqs. (7) (alpha = e) and (8) (alpha = mu), reading A of physics manual phys-tmm-truncated:
 * only the
 * squares of the active-sterile moments (table rows 4-6),
 *   mu^2 = sum_{i=1..3} (|U_{alpha i}|^2 + |U_{alpha 4}|^2) |Lambda_{3+i}|^2   (mu_B^2).
 * Also defined for tau; nu and nubar give the same value.
 * Errors: as nutmm_mueff2(). */
int nutmm_mueff2_eq78(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s, double *mu2);

/** Eqs. (9) (alpha = e) and (10) (alpha = mu): eqs. (7)-(8) in the small
 * active-sterile mixing limit, theta14 = theta24 = theta34 = 0 (the sterile
 * angles of p are ignored):  mu^2 = sum_{i=1..3} |U^{3nu}_{alpha i}|^2 |Lambda_{3+i}|^2.
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EINVAL (bad species), NUTMM_EDOM (bad
 * angle or phase in p, non-finite lam). */
int nutmm_mueff2_eq910(const nutmm_mixing_params *p, const nutmm_tmm *lam, nutmm_species s,
                       double *mu2);

/** Reading B of physics manual phys-tmm-truncated ("sterile block"): every term built from
 * Lambda_4..6 only (table rows 4-6 and 19-21),
 *   mu^2 = |U_{alpha 4}|^2 (|L4|^2 + |L5|^2 + |L6|^2) + |sum_{i<=3} U*_{alpha i} L_{3+i}|^2.
 * Equals eq78 when at most one of Lambda_4..6 is non-zero.
 * Errors: as nutmm_mueff2(). */
int nutmm_mueff2_blockB(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                        double *mu2);

/* ---- Tables 1-2: the 21-term decomposition (physics manual phys-tmm-tables) ------------------ */

/** Number of rows of the table form of eq. (6). */
#define NUTMM_TMM_NTERMS 21

/** mu_eff^2 = sum_j coef[j] prod[j] (physics manual phys-tmm-tables; Table 1 for e, Table 2 for mu,
 * Table 3 for tau).  Rows j = 1..21 (arrays [j-1]): the squares |L_k|^2, k = 1..6,
 * then the products |L_k||L_l| for k < l in the order (1,2), (1,3), ..., (5,6).
 * Rows 9 (|L1||L4|), 14 (|L2||L5|) and 18 (|L3||L6|) vanish identically. */
typedef struct {
  double _Complex K[NUTMM_TMM_NTERMS]; /**< zeta-independent coefficient: square rows M_kk (real),
                                         cross rows K_kl; depends on U only */
  double coef[NUTMM_TMM_NTERMS];      /**< c_j = K (squares) or Re[K_kl e^{i(zeta_k - zeta_l)}] */
  double prod[NUTMM_TMM_NTERMS];      /**< |L_k|^2 or |L_k||L_l|, mu_B^2 */
} nutmm_tmm_table;

/** Fill the 21-term table of species s (nu and nubar share it) for mixing mix and
 * TMMs lam (physics manual phys-tmm-tables, with a_i = U*_{alpha i}).
 * Errors: as nutmm_mueff2(). */
int nutmm_tmm_table_fill(const nutmm_mixing *mix, const nutmm_tmm *lam, nutmm_species s,
                         nutmm_tmm_table *t);

/** sum_j coef[j] prod[j] (mu_B^2); equals nutmm_mueff2() total.
 * Errors: NUTMM_EFAULT (NULL). */
int nutmm_tmm_table_sum(const nutmm_tmm_table *t, double *mu2);

/** Describe row j = 1..21: the indices k <= l (1..6) of its product |L_k||L_l|
 * (k == l for the squares) and a static label such as "|L1|^2" or "|L1||L5|".
 * Any output pointer may be NULL.  Errors: NUTMM_EBADLEN (j out of range). */
int nutmm_tmm_table_row(int j, int *k, int *l, const char **label);

/* ---- solar neutrinos (eq. 5) ------------------------------------------ */

/** Incoherent solar effective moment, eq. (5), with user-supplied P_ei:
 *   total   = sum_i P_ei sum_j |lambda_ij|^2,
 *   sterile = sum_i P_ei |lambda_i4|^2 = P_e1 |L4|^2 + P_e2 |L5|^2 + P_e3 |L6|^2,
 *   active  = total - sterile  (mu_B^2; physics manual phys-tmm-solar).
 * P[0..3] = P_e1..P_e4, each in [0, 1], sum <= 1 (+1e-9).
 * Errors: NUTMM_EFAULT (NULL), NUTMM_EDOM (P out of range or non-finite,
 * non-finite lam). */
int nutmm_mueff2_solar_pei(const double P[4], const nutmm_tmm *lam, nutmm_mueff *out);

/** Solar effective moment, eq. (5), with P_ei from nutmm_solar_pei() (adiabatic
 * MSW-LMA, physics manual phys-mixing-pei): neutrino energy E in MeV, production electron density
 * n_e in cm^-3 (NUTMM_SOLAR_NE_DEFAULT; 0 = vacuum-averaged).
 * Errors: those of nutmm_solar_pei() and nutmm_mueff2_solar_pei(). */
int nutmm_mueff2_solar(const nutmm_mixing_params *p, const nutmm_tmm *lam, double E, double n_e,
                       nutmm_mueff *out);

/* ---- array form (array.c) --------------------------------------------- */

/** nutmm_mueff2() for n TMM matrices lam[k] (one mixing matrix, one species) into out[k],
 * exactly the scalar values.  On the first failing matrix k the call stops: out[k..n-1]
 * are NaN and the reason starts "nutmm_mueff2_array: point k (...) <- ".
 * Errors: NUTMM_EFAULT (NULL array with n > 0) and those of nutmm_mueff2(). */
int nutmm_mueff2_array(const nutmm_mixing *mix, size_t n, const nutmm_tmm *lam, nutmm_species s,
                       nutmm_mueff *out);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_TMM_H */
