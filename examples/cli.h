/* The shared command-line shape of the nutmm-<experiment> programs.
 *
 *   nutmm-EXP spectrum [--m4 MEV] [--mu MUB] [--flavor F] [...]
 *   nutmm-EXP chi2      --m4 MEV  --mu MUB  [--flavor F] [...]
 *   nutmm-EXP limit    [--m4-min MEV] [--m4-max MEV] [--points N] [--flavor F] [...]
 *
 * An experiment program describes itself with a cli_experiment (name, binning unit,
 * default scan range, allowed flavours) and two callbacks: setup() reads its data, plans its
 * rates (library calls) and fills a cli_model; signal() returns, for a sterile mass m4, the
 * dipole spectrum per unit mu^2 and the interference spectrum per unit mu for the coupling
 * chosen on the command line.  The harness (cli.c) does the rest: option parsing, the
 * chi^2 evaluations, the limit scan over m4, TSV output and progress on stderr.
 *
 * Couplings.  By default the scan variable is an effective moment mu (mu_B) for the beam
 * flavour(s) chosen with --flavor.  With --lambda i4=VALUE (fundamental TMMs, tmm.h) every
 * species of the source gets its own sterile moment mu_ster^2 from eqs. (6)/(9)/(10) (and
 * eq. (5) for the Sun), and `limit --param lambda14` scans |lambda_14| with the others zero.
 */
#ifndef NUTMM_EXAMPLES_CLI_H
#define NUTMM_EXAMPLES_CLI_H

#include <complex.h>
#include <stddef.h>

#include "nutmm/nutmm.h"

#define CLI_MAX_BACKGROUNDS 8
#define CLI_MAX_SETTINGS 16

/* A numeric set-up parameter of an experiment that users may change with
 * --set NAME=VALUE (distance, mass, threshold, ...).  The value is in `unit`, as printed
 * by --help; the program converts it to library units itself. */
typedef struct {
  const char *name;  /* e.g. "distance" */
  double value;      /* default */
  const char *unit;  /* e.g. "cm" */
  const char *help;  /* one line */
} cli_setting;

/* What the scan variable couples to, per incoming species (per unit scan variable). */
typedef struct {
  double species[NUTMM_N_SPECIES]; /* dipole weight mu_ster^2 per species (flavour fluxes) */
  double mass[4];                  /* solar mass-state weights |lambda_i4|^2 (eq. 5) */
  double re_w[NUTMM_N_SPECIES];    /* interference weight Re W per species */
  int tmm;                         /* 1: fundamental-TMM mode (mass weights valid for the Sun) */
} cli_coupling;

/* Parsed command line. */
typedef struct {
  const char *command;  /* "spectrum", "chi2" or "limit" */
  double m4;            /* MeV */
  double mu;            /* mu_B (effective mode) or |lambda| (fundamental mode) */
  double m4_min, m4_max;
  size_t points;
  const char *flavor;   /* effective-moment mode: "e", "mu", "all" */
  const char *target;   /* experiment-specific (--target) */
  const char *config;   /* experiment-specific (--config) */
  int interference;     /* 1 unless --no-interference */
  double ue4;           /* |U_e4| for the effective-mode interference term (Fig. 3: Re W = |U_e4| mu) */
  double umu4;          /* |U_mu4| likewise */
  int have_lambda;      /* fundamental mode */
  double lambda_abs[3], lambda_phase[3]; /* |lambda_14|, |lambda_24|, |lambda_34| (mu_B), phases (rad) */
  int param;            /* limit --param lambda14/24/34 -> 1, 2, 3; 0 = effective moment */
  nutmm_mixing_params mix;
  int verbose;
  double set[CLI_MAX_SETTINGS]; /* the experiment's settings: defaults or --set values */
  double delta;         /* --delta: Delta chi^2 of the limit (0: 2.71, or 4.61 for bands) */
  int own_min;          /* --own-min: bands from each m4's own minimum, not the global one */
  char buf_flavor[16], buf_target[32], buf_config[32]; /* storage of the defaults above */
} cli_args;

/* What setup() provides. Arrays are owned by the experiment's context. */
typedef struct {
  size_t nbins;
  const double *edges;      /* nbins + 1, printed divided by edge_unit */
  double edge_unit;         /* e.g. NUTMM_KEV for keV, 1 for PE */
  const char *edge_name;    /* column stem, e.g. "E_keV", "nPE" */
  const double *observed;   /* nbins (for Asimov set-ups: the SM expectation) */
  size_t n_bkg;
  const char *bkg_names[CLI_MAX_BACKGROUNDS];
  const double *bkg[CLI_MAX_BACKGROUNDS];
  const double *sm;         /* SM part of the signal (NULL: none, e.g. XENON1T) */
  nutmm_chi2 *chi;          /* observed, sigma2, backgrounds and nuisances set */
  int has_interference;     /* print an interference column */
} cli_model;

typedef struct {
  const char *name;          /* "xenon1t" (program nutmm-xenon1t) */
  const char *summary;       /* one line for --help */
  const char *help_extra;    /* experiment options for --help (may be NULL) */
  double m4_min, m4_max;     /* default limit scan range, MeV */
  size_t points;             /* default number of m4 points */
  double mu_spectrum;        /* default --mu of `spectrum`, mu_B */
  double m4_spectrum;        /* default --m4 of `spectrum`, MeV */
  const char *flavors;       /* allowed --flavor values, space separated, first = default */
  int two_sided;             /* 1: report the allowed band (mu_low, mu_high) at 4.61 from the global minimum */
  const char *targets;       /* allowed --target values (NULL: no --target) */
  const char *configs;       /* allowed --config values (NULL: no --config) */
  const cli_setting *settings; /* --set NAME=VALUE parameters (NULL: none) */
  size_t n_settings;
  /* Read data, plan rates, fill *model; *ctx is passed back. Status + nutmm_error_reason(). */
  int (*setup)(const cli_args *a, cli_model *model, void **ctx);
  /* Dipole counts per bin per unit scan variable^2 and interference per unit scan variable
   * (I may be ignored when has_interference is 0).  May be called from several threads at
   * once (the limit scan is parallel): keep per-call scratch (rate workspaces) local. */
  int (*signal)(void *ctx, double m4, const cli_coupling *c, double *D, double *Iv);
  void (*teardown)(void *ctx);
} cli_experiment;

/* Run the program: parse argv, dispatch, print. Returns the process exit status. */
int cli_main(const cli_experiment *exp, int argc, char **argv);

/* Helpers for experiment programs. */
/* The usual signal() of an experiment: per-component weights from the coupling (mass-state
 * weights if use_mass, else species weights), optionally times comp_scale[k] (NULL: 1), then
 * the dipole counts per unit scan variable^2 into D[nbins] and, if `interference`, the
 * interference counts per unit scan variable (Re W weights) into Iv, else Iv = 0.
 * Thread-safe: the rate workspace and weights are local to the call. */
int cli_rate_signal(const nutmm_rate *r, double m4, const cli_coupling *c, int use_mass,
                    int interference, const double *comp_scale, double *D, double *Iv);

/* Check setting k of `settings` (the program's table) in a->set: finite, > lo (>= lo if
 * closed), <= hi, and a whole number if `whole`.  NUTMM_EDOM with a reason naming the
 * setting, its range and unit otherwise. */
int cli_check_setting(const cli_setting *settings, const cli_args *a, size_t k, double lo,
                      int closed, double hi, int whole);

/* Read column `col` of a project data table (data.h) into a new array of its rows. */
int cli_read_column(const char *name, size_t col, double **out, size_t *n);

#endif /* NUTMM_EXAMPLES_CLI_H */
