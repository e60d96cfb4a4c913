/* Private helpers of the experiment assemblies (not installed). */
#ifndef NUTMM_EXPERIMENTS_ASSEMBLY_H
#define NUTMM_EXPERIMENTS_ASSEMBLY_H

#include <math.h>

#include "nutmm/experiments.h"

/* Private to libnutmm-experiments: not exported. */
#if defined(__GNUC__)
#define EXP_PRIVATE __attribute__((visibility("hidden")))
#else
#define EXP_PRIVATE
#endif

/* Check setting k of o: finite, > lo (>= lo if closed), <= hi, whole if `whole`; NUTMM_EDOM
 * with a reason naming the setting, its range and unit otherwise. */
EXP_PRIVATE int exp_check(const nutmm_experiment *e, const nutmm_exp_options *o, size_t k, double lo,
              int closed, double hi, int whole);

/* One analysis from one rate plan (with its target, flux, detector), a likelihood, the SM
 * part (NULL: none), bin edges and background names (NULL-terminated, may be NULL).  Takes
 * ownership of r, tg, f, d and chi in every case (freed on error). */
EXP_PRIVATE int exp_assemble(const char *name, size_t nbins, nutmm_rate *r, nutmm_target *tg, nutmm_flux *f,
                 nutmm_detector *d, const nutmm_analysis_rate_options *plan, nutmm_chi2 *chi,
                 const double *sm, const double *edges, double unit, const char *stem,
                 const char *const *bkg_names, nutmm_analysis **a);

/* Free a partly built set-up (any may be NULL); returns s. */
EXP_PRIVATE int exp_discard(int s, nutmm_rate *r, nutmm_target *tg, nutmm_flux *f, nutmm_detector *d,
                nutmm_chi2 *chi);

/* A xenon TPC seeing solar neutrinos on electrons (solar_xenon.c). */
typedef struct {
  double exposure_t_yr;          /* t yr */
  double res_a, res_b;           /* sigma = res_a sqrt(E / keV) keV + res_b E */
  const char *efficiency_file;   /* data table: E [keV], ..., total efficiency */
  size_t efficiency_col_e, efficiency_col_total;
} exp_xenon_tpc;

/* Target, solar flux (mass states, mixing mix), detector with bins edges[0..nbins] (MeV) and
 * the rate plan of eqs. (16), (19).  On error everything made so far is left in the outputs
 * (free it with exp_discard). */
EXP_PRIVATE int exp_solar_xenon_rate(const exp_xenon_tpc *tpc, const nutmm_mixing_params *mix,
                                     const double *edges, size_t nbins, nutmm_target **tg,
                                     nutmm_flux **sun, nutmm_detector **det, nutmm_rate **rate);

/* The experiments (one file each). */
EXP_PRIVATE extern const nutmm_experiment nutmm_exp_xenon1t, nutmm_exp_coherent_csi, nutmm_exp_coherent_lar,
    nutmm_exp_texono, nutmm_exp_cenns750, nutmm_exp_cr51_cens, nutmm_exp_cr51_lxe,
    nutmm_exp_xenonnt;

#endif
