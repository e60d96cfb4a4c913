/** @file
 * @brief libnutmm -- event rates, eq.\ (21) of arXiv:2109.09545 (physics manual phys-rate-eq21).
 *
 * ~~~
 *   N_i = exposure * sum_c N_c * int dT R_i(T) * sum_k w_k int_{E_min(T)} dE dPhi_k/dE dsigma_c/dT
 * ~~~
 *
 * c runs over the scattering centres of the target (its nuclei for CEvNS, the electrons of
 * each element for EES, with the stepping function S(T) of eq. (16)), k over the flux
 * components with user weights w_k, R_i(T) is the detector response of bin i
 * (quenching, resolution, efficiencies: detector.h).
 *
 * Plan once, execute many.  nutmm_rate_alloc() does everything that does not depend on
 * (m4, mu): the true-recoil quadrature grid, the response matrix, the cross sections' form
 * factors, weak charges and stepping functions at every node (xsec.h, nutmm_xsec_point), and
 * the SM spectrum of every flux component.  Each cross section is c0 + c1/E + c2/E^2 above E_min(T) (xsec.h)
 * and each flux component carries exact moments int_{E_lo} dPhi/dE E^-k dE (flux.h), so a
 * new m4 costs one pass over the grid with no integral over E: the dipole spectrum per unit
 * mu^2 and the interference spectrum per unit Re W are then scaled by mu^2 and mu at no cost.
 *
 * Accuracy.  The recoil integral uses composite Gauss-Legendre rules on segments whose
 * ends include every fixed discontinuity (true images of bin edges and thresholds without
 * smearing, atomic binding energies) and whose width ratio is bounded (options.max_ratio).
 * A line source makes the integrand jump at T_-(E_line) and T_+(E_line), which move with
 * m4: the segments a line window cuts are integrated separately on the exact window, with
 * the response evaluated at those nodes.  With the defaults binned counts agree with a
 * brute-force adaptive double integral to better than 1e-4 relative (tests/test_rate.c).
 *
 * Units: counts are numbers of events.  For a flux in cm^-2 s^-1 (NUTMM_FLUX_RATE)
 * `exposure` is target mass x live time in kg s (e.g. 0.65 * NUTMM_TONNE * NUTMM_YEAR); for
 * a fluence in cm^-2 (NUTMM_FLUX_FLUENCE) it is the target mass in kg.
 *
 * Threads: a nutmm_rate is read-only after nutmm_rate_alloc() and may be shared; each
 * thread evaluating it needs its own nutmm_rate_workspace.  The target, flux and detector
 * must outlive the rate object (it keeps pointers to them; they are not modified).
 */
#ifndef NUTMM_RATE_H
#define NUTMM_RATE_H

#include <stddef.h>

#include "nutmm/detector.h"
#include "nutmm/flux.h"
#include "nutmm/target.h"
#include "nutmm/types.h"
#include "nutmm/xsec.h"

#ifdef __cplusplus
extern "C" {
#endif

/* nutmm_channel and nutmm_process: xsec.h. */

/** Options of nutmm_rate_alloc(); initialise with nutmm_rate_options_default(). */
typedef struct {
  nutmm_channel channel;   /**< nuclei or electrons */
  double exposure;         /**< kg s (flux rate) or kg (fluence); see the file comment */
  nutmm_xsec_options xsec; /**< cross-section options (sin^2 theta_W, form factor, ...) */
  int stepping;            /**< electrons: 1 = stepping function S(T) of eq. (16) (default), 0 = free */
  double nsigma;           /**< with smearing: true range covering the bins +- nsigma (default 6) */
  unsigned gl_order;       /**< Gauss-Legendre nodes per segment, 2..64 (default 8) */
  double max_ratio;        /**< segment end ratio bound T_b/T_a >= 1 + 1e-6 (default 1.15) */
  double T_floor;          /**< lowest true recoil (MeV) if the detector range reaches 0 (default 1e-7) */
} nutmm_rate_options;

/** Defaults: nuclei, exposure 1, nutmm_xsec_options_default(), stepping on, nsigma 6,
 * 8-point rules, max_ratio 1.15, T_floor 0.1 eV.  o NULL: no-op. */
void nutmm_rate_options_default(nutmm_rate_options *o);

typedef struct nutmm_rate nutmm_rate;
typedef struct nutmm_rate_workspace nutmm_rate_workspace;

/** Plan the rates of `flux` on `target` seen by `det` (which must have bins).  Builds the
 * grid and response and computes the SM spectrum of every flux component.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (no bins, electron channel on a target without atoms,
 * too many nodes), NUTMM_EDOM (bad option values), NUTMM_ENOMEM, chained detector / flux /
 * cross-section errors.  On error *r is NULL. */
int nutmm_rate_alloc(const nutmm_target *target, const nutmm_flux *flux,
                     const nutmm_detector *det, const nutmm_rate_options *opt, nutmm_rate **r);

void nutmm_rate_free(nutmm_rate *r);

/** Scratch space for one thread's evaluations of r.  Errors: NUTMM_EFAULT, NUTMM_ENOMEM. */
int nutmm_rate_workspace_alloc(const nutmm_rate *r, nutmm_rate_workspace **ws);
void nutmm_rate_workspace_free(nutmm_rate_workspace *ws);

size_t nutmm_rate_nbins(const nutmm_rate *r);
/** Number of flux components (the length of every weight vector). */
size_t nutmm_rate_ncomponents(const nutmm_rate *r);
/** Number of true-recoil quadrature nodes of the plan (for information / benchmarks). */
size_t nutmm_rate_nnodes(const nutmm_rate *r);

/** Weights per component from weights per species: w[k] = w_species[species of k] for
 * flavour components (mass_state 0), 0 for mass-state components.  w has
 * nutmm_rate_ncomponents() entries.  Errors: NUTMM_EFAULT. */
int nutmm_rate_weights_species(const nutmm_rate *r, const double w_species[NUTMM_N_SPECIES],
                               double *w);

/** Weights per component from weights per mass state: w[k] = w_mass[i - 1] for mass-state
 * components (mass_state i = 1..4; e.g. |lambda_i4|^2 for the solar moment of eq. (5)),
 * 0 for flavour components.  Errors: NUTMM_EFAULT. */
int nutmm_rate_weights_mass(const nutmm_rate *r, const double w_mass[4], double *w);

/** SM counts per bin, sum_k w_k N_i^SM(k) (w NULL: all components with weight 1).
 * Precomputed: costs nbins x ncomponents multiplications.  Errors: NUTMM_EFAULT. */
int nutmm_rate_sm(const nutmm_rate *r, const double *w, double *counts);

/** Dipole-portal counts per bin per unit mu^2 (mu in mu_B) for sterile mass m4 (MeV):
 * multiply by mu^2.  w: weight per component (NULL: all 1), e.g. mu_ster^2(species)/mu^2.
 * Zero in every bin when m4 is above the kinematic reach of the flux.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (m4 < 0 or not finite), chained errors. */
int nutmm_rate_dipole(const nutmm_rate *r, nutmm_rate_workspace *ws, double m4, const double *w,
                      double *counts);

/** Weak-magnetic interference counts per bin per unit Re W (mu_B) for m4 (MeV): multiply
 * by Re W (tmm.h; complex-conjugated W for antineutrino components, i.e. per-component
 * weights).  Can be negative.  Errors: as nutmm_rate_dipole. */
int nutmm_rate_interference(const nutmm_rate *r, nutmm_rate_workspace *ws, double m4,
                            const double *w, double *counts);

/** Generic form of the three calls above. */
int nutmm_rate_binned(const nutmm_rate *r, nutmm_rate_workspace *ws, nutmm_process p, double m4,
                      const double *w, double *counts);

/** Differential rate in true recoil energy, events per MeV (exposure included, response
 * NOT applied) at recoil T (MeV) for process p and m4 (ignored for the SM).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (T <= 0, m4 < 0), chained errors. */
int nutmm_rate_differential(const nutmm_rate *r, nutmm_process p, double T, double m4,
                            const double *w, double *dRdT);

/** Counts per bin of a user cross section (xsec.h, nutmm_xsec_user) at final-state mass m4
 * (MeV; the recoil windows of lines and the default E_min follow eq. (22) for m4, 0 for an
 * active final neutrino): the same engine as the built-in processes, with exact flux
 * moments.  The hook is called at every node of the plan (once per node and centre, or once
 * per species if x->species_dependent) and at the partial nodes of line windows.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (m4, non-finite coefficients or counts), the hook's
 * status (chained). */
int nutmm_rate_user(const nutmm_rate *r, nutmm_rate_workspace *ws, const nutmm_xsec_user *x,
                    double m4, const double *w, double *counts);

/** Differential rate of a user cross section, as nutmm_rate_differential(). */
int nutmm_rate_user_differential(const nutmm_rate *r, const nutmm_xsec_user *x, double T,
                                 double m4, const double *w, double *dRdT);

/** nutmm_rate_differential() at the n recoils T[k] (MeV) into dRdT[k] (events per MeV),
 * exactly the scalar values.  On the first failing point k the call stops: dRdT[k..n-1] are
 * NaN and the reason starts "nutmm_rate_differential_array: point k (T = ...) <- ".
 * Errors: NUTMM_EFAULT (NULL array with n > 0) and those of nutmm_rate_differential(). */
int nutmm_rate_differential_array(const nutmm_rate *r, nutmm_process p, size_t n,
                                  const double *T, double m4, const double *w, double *dRdT);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_RATE_H */
