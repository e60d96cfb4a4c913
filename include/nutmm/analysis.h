/** @file
 * @brief libnutmm -- one experiment's analysis behind one handle (plan once, evaluate many).
 *
 * An analysis holds: one or more rate plans (rate.h) with, per plan, optional per-component
 * scales (e.g. an arrival-time cut) and an optional linear map from the plan's bins to the
 * analysis bins (e.g. counts -> rates per MeV, or a sum into one bin); a fixed SM part; a
 * likelihood model (stats.h); bin edges and names for output.  For a sterile mass m4 and a
 * coupling (coupling.h) it answers:
 *   nutmm_analysis_signal    dipole and interference counts per analysis bin,
 *   nutmm_analysis_spectrum  per-bin SM, dipole, interference, backgrounds, total (nominal),
 *   nutmm_analysis_chi2      the profiled chi^2 and its best-fit nuisances.
 * The dipole part scales with the square of the coupling, the interference part linearly:
 * signal_i = SM_i + D_i(c) + I_i(c), with D and I from the per-component weights of
 * nutmm_coupling_weights() and the rate plans' exact per-m4 spectra (eq. 21).
 *
 * Building: nutmm_analysis_alloc, then the setters (add_rate, set_sm, set_likelihood, ...),
 * each copying or adopting what it is given.  Once built, an analysis is read-only: every
 * evaluation takes a per-thread nutmm_analysis_workspace, so one analysis may serve any
 * number of threads.  Analyses are usually built by name from the experiment assemblies
 * (nutmm/experiments.h); scans and combinations are in scan.h.
 */
#ifndef NUTMM_ANALYSIS_H
#define NUTMM_ANALYSIS_H

#include <stddef.h>

#include "nutmm/coupling.h"
#include "nutmm/rate.h"
#include "nutmm/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest number of rate plans in one analysis. */
#define NUTMM_ANALYSIS_MAX_RATES 8
/** Longest name (analysis, bin column stem, background), including the terminating 0. */
#define NUTMM_ANALYSIS_NAME_MAX 64

typedef struct nutmm_analysis nutmm_analysis;
typedef struct nutmm_analysis_workspace nutmm_analysis_workspace;

/** How one rate plan feeds the analysis bins (nutmm_analysis_add_rate). */
typedef struct {
  /** per-component factor (nutmm_rate_ncomponents entries, copied) or NULL (1) */
  const double *component_scale;
  /** analysis bins x plan bins, row-major (copied), or NULL: identity (same bins) */
  const double *bin_map;
  /** 1: this plan contributes the weak-magnetic interference (eq. 20); 0: neglected */
  int interference;
} nutmm_analysis_rate_options;

/** An empty analysis named `name` with `nbins` (>= 1) bins.
 *  @return NUTMM_SUCCESS; NUTMM_EBADLEN (nbins 0, name too long), NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_analysis_alloc(const char *name, size_t nbins, nutmm_analysis **a);

/** Free the analysis and everything it adopted; NULL is a no-op. */
void nutmm_analysis_free(nutmm_analysis *a);

/** Add a rate plan.  The analysis adopts `r` and, if not NULL, the target, flux and
 *  detector it points to (freed with the analysis, also on error).  opt NULL: identity map,
 *  scale 1, no interference.
 *  @return NUTMM_SUCCESS; NUTMM_EBADLEN (too many plans, or no map and the plan's bin count
 *  differs), NUTMM_EDOM (non-finite scale or map entry), NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_analysis_add_rate(nutmm_analysis *a, nutmm_rate *r, nutmm_target *target,
                            nutmm_flux *flux, nutmm_detector *det,
                            const nutmm_analysis_rate_options *opt);

/** The SM part per analysis bin (copied; finite).  Default: none (zero).
 *  @return NUTMM_SUCCESS; NUTMM_EDOM, NUTMM_EFAULT. */
int nutmm_analysis_set_sm(nutmm_analysis *a, const double *sm);

/** SM counts of the rate plans mapped to the analysis bins (scales and maps applied), e.g.
 *  for nutmm_analysis_set_sm and for building the likelihood.  out: nbins entries.
 *  @return NUTMM_SUCCESS; NUTMM_EINVAL (no plan), NUTMM_EFAULT. */
int nutmm_analysis_rate_sm(const nutmm_analysis *a, double *out);

/** The likelihood model (adopted; freed with the analysis, also on error).  Its bin count
 *  must be the analysis's.  @return NUTMM_SUCCESS; NUTMM_EBADLEN, NUTMM_EFAULT. */
int nutmm_analysis_set_likelihood(nutmm_analysis *a, nutmm_chi2 *model);

/** Bin edges (nbins + 1, copied) in the analysis's unit, with the factor `unit` that converts
 *  them for printing (edge / unit) and a column stem (e.g. "E_keV").
 *  @return NUTMM_SUCCESS; NUTMM_EDOM, NUTMM_EBADLEN, NUTMM_EFAULT. */
int nutmm_analysis_set_bins(nutmm_analysis *a, const double *edges, double unit,
                            const char *stem);

/** Name of background component c of the likelihood (for output).
 *  @return NUTMM_SUCCESS; NUTMM_EBADLEN, NUTMM_EFAULT. */
int nutmm_analysis_set_background_name(nutmm_analysis *a, size_t c, const char *name);

/* ---- read-only queries --------------------------------------------------- */

const char *nutmm_analysis_name(const nutmm_analysis *a);
size_t nutmm_analysis_nbins(const nutmm_analysis *a);
/** Number of background components of the likelihood (0 before it is set). */
size_t nutmm_analysis_n_backgrounds(const nutmm_analysis *a);
/** Number of nuisance parameters of the likelihood (0 before it is set). */
size_t nutmm_analysis_n_nuisances(const nutmm_analysis *a);
/** 1 if some plan contributes the interference term. */
int nutmm_analysis_has_interference(const nutmm_analysis *a);
/** The likelihood model (read-only), NULL if not set. */
const nutmm_chi2 *nutmm_analysis_likelihood(const nutmm_analysis *a);
/** Bin edges (nbins + 1), print unit and column stem; NULL / 1 / "bin" if not set. */
const double *nutmm_analysis_edges(const nutmm_analysis *a);
double nutmm_analysis_edge_unit(const nutmm_analysis *a);
const char *nutmm_analysis_edge_stem(const nutmm_analysis *a);
/** Name of background c ("bkgC" if not set; NULL out of range). */
const char *nutmm_analysis_background_name(const nutmm_analysis *a, size_t c);
/** Observed values per bin of the likelihood into out (nbins).
 *  @return NUTMM_SUCCESS; NUTMM_EINVAL (no likelihood or not set), NUTMM_EFAULT. */
int nutmm_analysis_observed(const nutmm_analysis *a, double *out);
/** Background c per bin (nbins).  @return NUTMM_SUCCESS, NUTMM_EBADLEN, NUTMM_EFAULT. */
int nutmm_analysis_background(const nutmm_analysis *a, size_t c, double *out);
/** The SM part per bin (nbins; zero if none).  @return NUTMM_SUCCESS, NUTMM_EFAULT. */
int nutmm_analysis_sm(const nutmm_analysis *a, double *out);

/* ---- evaluation (read-only analysis, per-thread workspace) ------------------ */

/** Scratch space of one thread's evaluations of `a` (complete: rates and likelihood set).
 *  @return NUTMM_SUCCESS; NUTMM_EINVAL (no plan or no likelihood), NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_analysis_workspace_alloc(const nutmm_analysis *a, nutmm_analysis_workspace **ws);
void nutmm_analysis_workspace_free(nutmm_analysis_workspace *ws);

/** Dipole counts D_i(c) and interference counts I_i(c) per analysis bin at m4 (MeV) for
 *  coupling c (either output may be NULL; I = 0 without an interference plan).  A plan whose
 *  flux ends at or below m4 contributes exactly 0 (making nu_4 needs E > m4).
 *  @return NUTMM_SUCCESS; errors of the coupling weights and the rate plans (NUTMM_EDOM for
 *  a bad m4), NUTMM_ERANGE (overflow), NUTMM_EFAULT. */
int nutmm_analysis_signal(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m4,
                          const nutmm_coupling *c, double *dipole, double *interference);

/** Per-bin outputs at nominal nuisances (xi = 0); any pointer may be NULL.  background is
 *  n_backgrounds x nbins (row c = component c).  c NULL: no new physics (D = I = 0).
 *  @return as nutmm_analysis_signal; NUTMM_ERANGE if a total overflows. */
int nutmm_analysis_spectrum(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m4,
                            const nutmm_coupling *c, double *sm, double *dipole,
                            double *interference, double *background, double *total);

/** Profiled chi^2 at (m4, c) and its best-fit nuisances xi (n_nuisances entries, may be
 *  NULL).  c NULL: no new physics.
 *  @return as nutmm_analysis_signal and nutmm_chi2_eval_parts. */
int nutmm_analysis_chi2(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m4,
                        const nutmm_coupling *c, double *chi2, double *xi);

/* ---- linear templates: the spectra of one mass, reused for every coupling (scans) ---- */

/** Number of weight slots of nutmm_analysis_basis: 6 incoming species, then mass states 1..4. */
#define NUTMM_ANALYSIS_NSLOTS 10

/** The signal is linear in the per-species and per-mass-state weights of a coupling
 *  (coupling.h): templates dipole[q * nbins + i] and interference[q * nbins + i] are the
 *  counts in bin i for a unit weight in slot q (scales and maps applied; a plan whose flux
 *  ends at or below m contributes 0), at final mass m (MeV): m = m4 for the nu_4 part, m = 0
 *  for the light final states of a full coupling (dipole only).  Either output may be NULL;
 *  each has NUTMM_ANALYSIS_NSLOTS x nbins entries.  Costs NUTMM_ANALYSIS_NSLOTS rate calls.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM (m), NUTMM_ERANGE, rate errors, NUTMM_EFAULT. */
int nutmm_analysis_basis(const nutmm_analysis *a, nutmm_analysis_workspace *ws, double m,
                         double *dipole, double *interference);

/** D and I per bin of coupling c from templates at m4 (dipole4, interference4 -- NULL if
 *  the analysis has no interference) and, for a full coupling, the massless dipole0: the
 *  same signal as nutmm_analysis_signal to rounding, at nbins x 30 multiplications.
 *  @return NUTMM_SUCCESS; coupling-weight errors, NUTMM_ERANGE, NUTMM_EFAULT (dipole0 NULL
 *  with a full coupling). */
int nutmm_analysis_signal_basis(const nutmm_analysis *a, const double *dipole4,
                                const double *interference4, const double *dipole0,
                                const nutmm_coupling *c, double *dipole, double *interference);

/** The template weights of one coupling (the first step of nutmm_analysis_signal_basis),
 *  independent of the analysis: a combined scan computes them once per coupling and
 *  shares them between its analyses (nutmm_analysis_signal_weighted). */
typedef struct {
  double dipole[NUTMM_ANALYSIS_NSLOTS];       /**< weights of the nu_4 dipole templates */
  double interference[NUTMM_ANALYSIS_NSLOTS]; /**< of the interference templates */
  double light[NUTMM_ANALYSIS_NSLOTS];        /**< of the massless templates (full coupling) */
  int full;             /**< 1: a full coupling, the massless templates enter */
  int mass_interference; /**< NUTMM_SUCCESS, or why the mass-state interference weights do
                              not exist (an analysis that needs them fails with it) */
} nutmm_signal_weights;

/** The weights of coupling c.
 *  @return NUTMM_SUCCESS; the coupling-weight errors of nutmm_analysis_signal_basis. */
int nutmm_signal_weights_compute(const nutmm_coupling *c, nutmm_signal_weights *w);

/** nutmm_analysis_signal_basis with the weights w of nutmm_signal_weights_compute: the
 *  same numbers and errors.
 *  @return NUTMM_SUCCESS; NUTMM_ERANGE, NUTMM_EFAULT, NUTMM_EDOM (a weight of w not
 *  finite), NUTMM_EINVAL (the analysis needs the mass-state interference weights that w does
 *  not have). */
int nutmm_analysis_signal_weighted(const nutmm_analysis *a, const double *dipole4,
                                   const double *interference4, const double *dipole0,
                                   const nutmm_signal_weights *w, double *dipole,
                                   double *interference);

/** The likelihood workspace inside `ws` (for scans: nutmm_chi2_*_parts with the signal
 *  parts of nutmm_analysis_signal). */
nutmm_chi2_workspace *nutmm_analysis_workspace_chi2(nutmm_analysis_workspace *ws);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_ANALYSIS_H */
