/* nutmm-scan: chi^2 of every experiment over a grid or list of points in the fundamental
 * parameters (m4, |lambda_ij|, phases), on one machine or many (Open MPI), and its profiles.
 *
 *   nutmm-scan run DESCRIPTION OUT.tsv [--threads N]
 *   nutmm-scan profile OUT.tsv --param NAME [--fix NAME=VALUE]... [--delta D] [--column C]
 *   nutmm-scan limit DESCRIPTION --param NAME [--fix NAME=VALUE]... [--delta D] [--column C]
 *                    [--threads N]      (= run + profile, in memory, at the points it reads)
 *
 * The description (one statement a line, '#' comments):
 *   experiments SPEC           a combination ("current", "future") or names ("texono cenns750")
 *   allow-excess 0|1           admit an experiment with an excess (XENON1T) -- see experiments.h
 *   interference 0|1           keep the weak-magnetic interference where modelled (default 1)
 *   mixing NAME VALUE          an oscillation parameter (nutmm_mixing_params: theta12 ... theta34,
 *                              delta13, delta14, delta24 in rad; dm21, dm31 in eV^2); used by the
 *                              fluxes (the Sun) and by the couplings (eqs. 5-6)
 *   m4 log|lin LO HI N         sterile masses (MeV); or: m4 list V1 V2 ...
 *   param NAME log|lin LO HI N one axis of the grid; or: param NAME list V1 V2 ...; or
 *                              param NAME log0 LO HI N: 0 followed by the log grid; or
 *                              param NAME rel REF ...: |lambda| = value x |REF| (a ratio to
 *                              another scanned modulus, column NAME/REF), for profiles that
 *                              follow the scanned modulus
 *                              NAME: lambda12 lambda13 lambda14 lambda23 lambda24 lambda34
 *                              (|lambda_ij|, mu_B) or phase12 ... phase34 (rad; lambda_ij =
 *                              |lambda_ij| e^{i phase_ij}, i < j, in the parametrisation of
 *                              tmm.h with the Majorana phases absorbed); unnamed ones are 0
 *   points FILE                instead of the grid: a TSV point list, header m4_MeV and
 *                              parameter names, one point a row
 *   chunk N                    points per work unit (default 2048)
 * Points are numbered with m4 slowest and the last axis fastest.  The output has one row per
 * point, in that order: index, m4_MeV, the axes, chi2_<experiment>..., chi2_total, status.
 */
#ifndef NUTMM_EXAMPLES_SCAN_H
#define NUTMM_EXAMPLES_SCAN_H

#include <stddef.h>
#include <stdio.h>

#define SCAN_MAX_FIX 16

/* The options of a profile (nutmm-scan profile, and limit, which also takes --threads). */
typedef struct {
  const char *file; /* the scan output (profile) or the description (limit) */
  const char *param, *column;
  const char *fix_name[SCAN_MAX_FIX];
  double fix_val[SCAN_MAX_FIX], delta;
  size_t nfix;
  int ref_all;
  unsigned threads;
} scan_profile_opts;

/* One point of a scan as a profile sees it: m4, the profiled value, the chi^2 column, and
 * whether it matches the --fix values. */
typedef struct {
  double m4, x, chi2;
  int keep;
} scan_row;

int scan_profile_main(int argc, char **argv);
/* argv[1..]: the options; nonzero (after a message on stderr) when they are bad. */
int scan_profile_options(int argc, char **argv, int allow_threads, scan_profile_opts *o);
/* Does v match --fix number q (to 1e-12 relative, as the 17-digit output round-trips)? */
int scan_fix_matches(const scan_profile_opts *o, size_t q, double v);
/* The limit table of rows r[0..n-1] (sorted here) on out. */
int scan_profile_print(scan_row *r, size_t n, const scan_profile_opts *o, FILE *out);

#endif
