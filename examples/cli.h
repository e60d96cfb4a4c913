/* The shared command-line shape of the nutmm-<experiment> programs.
 *
 *   nutmm-EXP spectrum [--m4 MEV] [--mu MUB] [--flavor F] [...]
 *   nutmm-EXP chi2      --m4 MEV  --mu MUB  [--flavor F] [...]
 *   nutmm-EXP limit    [--m4-min MEV] [--m4-max MEV] [--points N] [--flavor F] [...]
 *
 * A program is its experiment's name: cli_main() parses the command line against the
 * experiment's declaration (nutmm/experiments.h: settings, flavours, targets, configurations),
 * builds the analysis by name, turns the options into a coupling (coupling.h), calls the
 * library (nutmm_analysis_spectrum / _chi2, nutmm_scan) and prints TSV on stdout, notes on
 * stderr.  It holds no physics, no minimisation and no grid search.
 *
 * Couplings.  By default the scanned quantity is an effective moment mu (mu_B) of the
 * flavour chosen with --flavor (e, mu, tau: that flavour alone, for the Sun its share
 * sum_i P_ei |U_ai|^2 of the flux at Earth; all: a flavour-universal moment), with
 * Re W = |U_a4| mu (--ue4, --umu4) for the interference.  With --lambda i4=VALUE[,PHASE]
 * the fundamental TMMs set every species' moment (eqs. 5, 6); `limit --param lambda14` scans
 * |lambda_14| with the others zero.
 *
 * limit: one row per requested m4 (log-spaced, built in log space) with a status column
 * (ok, closed, no-sensitivity, empty, error); rows that are not ok print inf in the limit
 * columns, and a stderr note counts them.  Bands (two-sided experiments) are measured from
 * the global minimum over (m4, mu): the scanned points plus a fixed reference grid of
 * CLI_REF_POINTS log-spaced masses over the experiment's default range (so the band does not
 * depend on the scanned range), or with --own-min from each m4's own minimum.
 * --threads N runs the scan on N threads (default 1); results do not depend on N.
 * NUTMM_CLI_DIGITS=17 (environment) prints every number with %.17g (default 12 digits).
 */
#ifndef NUTMM_EXAMPLES_CLI_H
#define NUTMM_EXAMPLES_CLI_H

#include "nutmm/experiments.h"

/* Reference masses of the global minimum of bands (see above). */
#define CLI_REF_POINTS NUTMM_EXP_REF_POINTS

/* Run the program of experiment `name`: parse argv, build, dispatch, print.  Returns the
 * process exit status. */
int cli_main(const char *name, int argc, char **argv);

#endif /* NUTMM_EXAMPLES_CLI_H */
