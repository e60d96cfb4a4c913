/* libnutmm-experiments -- the paper's seven analyses (arXiv:2109.09545 Secs. 3-4) and XENONnT
 * (arXiv:2207.11330) by name.
 *
 * A companion library to libnutmm, built from the short assembly files in
 * examples/experiments/ (one per experiment, each a worked example of building an analysis
 * with the public API).  Each experiment is an analysis (nutmm/analysis.h) built from named
 * settings -- the --set names, units and defaults of the nutmm-<experiment> programs -- and
 * an optional target and configuration:
 *
 *   "xenon1t"       XENON1T SR1 electron recoils, exact eq. (23)
 *   "coherent-csi"  COHERENT CsI[Na] 2017, eq. (24)
 *   "coherent-lar"  COHERENT CENNS-10 LAr analysis A, eq. (25)
 *   "texono"        TEXONO 2010 reactor anti-nu_e - e, eq. (26) (or its documented fallback)
 *   "cenns750"      future CENNS-750 LAr, Asimov eq. (27)
 *   "cr51-cens"     51Cr + sub-keV CEvNS detectors (Si, Ge, Al2O3, CaWO4), eq. (27)
 *   "cr51-lxe"      51Cr + multi-tonne LXe, electron recoils with interference, eq. (27)
 *   "xenonnt"       XENONnT SR0 electron recoils (after the paper), binned Poisson likelihood
 *
 * Combining two (the chi^2 summed on one coupling, scan.h):
 *
 *   nutmm_analysis *an[2];
 *   nutmm_experiment_build("coherent-csi", NULL, &an[0]);
 *   nutmm_experiment_build("xenon1t", NULL, &an[1]);
 *   nutmm_coupling mu;  nutmm_coupling_init(&mu);  nutmm_coupling_set_flavor(&mu, "mu", 1.0);
 *   double m4[40];  nutmm_scan_point pt[40];
 *   nutmm_scan_grid_log(1e-3, 0.3, 40, m4);
 *   nutmm_scan((const nutmm_analysis *const *)an, 2, &mu, m4, 40, NULL, pt, NULL);
 *   for (int p = 0; p < 40; p++)
 *     printf("%g\t%g\t%s\n", pt[p].m4, pt[p].high, nutmm_scan_status_name(pt[p].status));
 *   nutmm_analysis_free(an[0]);  nutmm_analysis_free(an[1]);
 *
 * Data files are read through libnutmm's data lookup (data.h, $NUTMM_DATADIR).
 */
#ifndef NUTMM_EXPERIMENTS_H
#define NUTMM_EXPERIMENTS_H

#include <stddef.h>

#include "nutmm/nutmm.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest number of settings of one experiment. */
#define NUTMM_EXP_MAX_SETTINGS 16
/** Longest target or configuration word, including the terminating 0. */
#define NUTMM_EXP_WORD_MAX 32
/** Reference masses of the global minimum of bands (two_sided experiments): this many
 *  log-spaced m4 over the experiment's default range [m4_min, m4_max], so that a band does not
 *  depend on the range a user scans (the programs and the Python binding use it). */
#define NUTMM_EXP_REF_POINTS 24

/** A numeric set-up parameter (value in `unit`, converted by the assembly). */
typedef struct {
  const char *name;  /**< e.g. "distance" */
  double value;      /**< default */
  const char *unit;  /**< e.g. "cm" */
  const char *help;  /**< one line */
} nutmm_exp_setting;

/** Build options of an experiment; fill with nutmm_experiment_options_default(). */
typedef struct {
  char target[NUTMM_EXP_WORD_MAX]; /**< one of the experiment's targets ("" if it has none) */
  char config[NUTMM_EXP_WORD_MAX]; /**< one of its configurations ("" if none) */
  double set[NUTMM_EXP_MAX_SETTINGS]; /**< settings, in the order of experiment->settings */
  nutmm_mixing_params mix; /**< oscillation parameters of fluxes that need them (the Sun) */
  int interference;        /**< 1 (default): keep the interference term where modelled */
  int notes;               /**< 1: '#' notes on the set-up on stderr (default 0) */
  int verbose;             /**< 1: more set-up detail on stderr (default 0) */
} nutmm_exp_options;

typedef struct nutmm_experiment nutmm_experiment;

/** What an experiment declares: its name and the command-line shape of its program. */
struct nutmm_experiment {
  const char *name;        /**< "xenon1t" (program nutmm-xenon1t) */
  const char *summary;     /**< one paragraph */
  const char *help_extra;  /**< notes for --help (may be NULL) */
  double m4_min, m4_max;   /**< default scan range, MeV */
  size_t points;           /**< default number of m4 points */
  double mu_spectrum;      /**< default moment of `spectrum`, mu_B */
  double m4_spectrum;      /**< default m4 of `spectrum`, MeV */
  const char *flavors;     /**< incoming flavours, space separated, first = default */
  int two_sided;           /**< 1: report allowed bands from the global minimum */
  const char *targets;     /**< allowed targets (NULL: none) */
  const char *configs;     /**< allowed configurations (NULL: none) */
  const nutmm_exp_setting *settings;
  size_t n_settings;
  /** Build the analysis (use nutmm_experiment_build). */
  int (*build)(const nutmm_experiment *e, const nutmm_exp_options *o, nutmm_analysis **a);
};

/** Number of experiments, and experiment i (NULL out of range), in the order above. */
size_t nutmm_experiment_count(void);
const nutmm_experiment *nutmm_experiment_at(size_t i);
/** The experiment named `name`, or NULL (reason recorded: NUTMM_ENOTFOUND). */
const nutmm_experiment *nutmm_experiment_find(const char *name);

/** Defaults of experiment e: first target and configuration, setting defaults, default mixing,
 *  interference on, no notes.  @return NUTMM_SUCCESS, NUTMM_EFAULT. */
int nutmm_experiment_options_default(const nutmm_experiment *e, nutmm_exp_options *o);

/** Set a setting by name (value in the setting's unit).
 *  @return NUTMM_SUCCESS; NUTMM_ENOTFOUND (unknown name: the reason lists the names),
 *  NUTMM_EDOM (not finite), NUTMM_EFAULT. */
int nutmm_experiment_set(const nutmm_experiment *e, nutmm_exp_options *o, const char *name,
                         double value);

/** Choose the target / configuration by word.  @return NUTMM_SUCCESS; NUTMM_ENOTFOUND. */
int nutmm_experiment_set_target(const nutmm_experiment *e, nutmm_exp_options *o,
                                const char *target);
int nutmm_experiment_set_config(const nutmm_experiment *e, nutmm_exp_options *o,
                                const char *config);

/** Build the analysis of the experiment `name` (o NULL: its defaults).  The settings are
 *  checked (range, unit; the reason names the setting).
 *  @return NUTMM_SUCCESS; NUTMM_ENOTFOUND, NUTMM_EDOM, data and library errors. */
int nutmm_experiment_build(const char *name, const nutmm_exp_options *o, nutmm_analysis **a);

/** sizeof of the public struct `name` of this library ("nutmm_exp_setting",
 *  "nutmm_exp_options", "nutmm_experiment", "nutmm_combination"), so that a binding can check its view of them
 *  (libnutmm's own types: nutmm_struct_size, version.h).
 *  @return NUTMM_SUCCESS; NUTMM_ENOTFOUND (the reason lists the names), NUTMM_EFAULT. */
int nutmm_experiment_struct_size(const char *name, size_t *size);

/* ---- combined analyses (combinations.c) --------------------------------------------- */

/** Largest number of experiments in one combination. */
#define NUTMM_COMBINATION_MAX 16

/** A named combination: the chi^2 of its members summed on one coupling (scan.h). */
typedef struct {
  const char *name;    /**< "current", "future" */
  const char *summary; /**< one line */
  const char *members; /**< experiment names, space separated */
} nutmm_combination;

/** Number of named combinations, and combination i (NULL out of range). */
size_t nutmm_combination_count(void);
const nutmm_combination *nutmm_combination_at(size_t i);

/** The experiments of `spec`: a named combination ("current", "future") or the user's own
 *  list of experiment names separated by spaces, commas or '+' ("coherent-csi+texono").
 *  An experiment that reports an allowed band (two_sided: XENON1T's excess) is refused unless
 *  allow_excess: its data prefer a non-zero moment, so summed into a combined upper limit it
 *  would move the best fit away from zero.
 *  @return NUTMM_SUCCESS; NUTMM_ENOTFOUND (unknown name), NUTMM_EINVAL (excess experiment
 *  without allow_excess, a member twice), NUTMM_EBADLEN (empty, too many), NUTMM_EFAULT. */
int nutmm_combination_members(const char *spec, int allow_excess,
                              const nutmm_experiment *members[NUTMM_COMBINATION_MAX], size_t *n);

/** Build the analyses of `spec` (as nutmm_combination_members) with each experiment's
 *  defaults, the oscillation parameters mix (NULL: default) and the interference switch.
 *  an[0..*n-1] are the caller's to free.  @return as nutmm_combination_members and
 *  nutmm_experiment_build (nothing allocated on error). */
int nutmm_combination_build(const char *spec, int allow_excess, const nutmm_mixing_params *mix,
                            int interference, nutmm_analysis *an[NUTMM_COMBINATION_MAX],
                            size_t *n);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_EXPERIMENTS_H */
