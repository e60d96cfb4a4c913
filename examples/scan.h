/* nutmm-scan: chi^2 of every experiment over a grid or list of points in the fundamental
 * parameters (m4, |lambda_ij|, phases), on one machine or many (Open MPI), and its profiles.
 *
 *   nutmm-scan run DESCRIPTION OUT.tsv [--threads N]
 *   nutmm-scan profile OUT.tsv --param NAME [--fix NAME=VALUE]... [--delta D] [--column C]
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

int scan_profile_main(int argc, char **argv);

#endif
