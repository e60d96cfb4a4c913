/** @file
 * @brief libnutmm -- limits and allowed bands over a list of sterile masses (arXiv:2109.09545
 * Secs. 3-4: exclusion curves at 90 % C.L. versus m4, and the XENON1T allowed region).
 *
 * The scanned quantity is a scale t >= 0 of a unit coupling (coupling.h): all its moments
 * times t, e.g. a unit effective moment of one flavour (t = mu in mu_B) or lambda_14 = 1 mu_B
 * (t = |lambda_14|).  At each m4 the analyses' signal parts are D_i t^2 + I_i t, and the
 * profiled chi^2 of one analysis, or the SUM over several analyses evaluated on the same
 * coupling (a combined analysis), is searched in t by nutmm_chi2_interval's method.
 *
 * Reference of the interval (options.reference):
 *   NUTMM_SCAN_OWN_MIN     Delta chi^2 from each m4's own minimum over t (default 2.7055,
 *                          one parameter): upper limits, and bands at fixed m4;
 *   NUTMM_SCAN_GLOBAL_MIN  Delta chi^2 from the global minimum over (m4, t) (default 4.6052,
 *                          two parameters; the paper's XENON1T region).  The global minimum
 *                          is the smallest best-fit chi^2 over the scanned m4 points AND the
 *                          caller's reference points options.ref_m4 (e.g. a fixed log grid
 *                          over the experiment's default range, so that the band does not
 *                          depend on the range a user scans).  It is a grid minimum in m4:
 *                          the best fit of XENON1T lies at m4 -> 0, where chi2_best(m4) is
 *                          flat, so the grid's lowest point fixes it to far below 1e-3.
 *
 * Every requested m4 gets a point with a status:
 *   ok              low <= best <= high finite (low = 0 when t = 0 is allowed);
 *   closed          no signal at all at this m4 (D = I = 0 in every bin: beyond the
 *                   kinematic reach of every flux);
 *   no-sensitivity  a signal, but chi^2 stays within delta up to 1e5 times its natural scale
 *                   (e.g. absorbed by a signal nuisance);
 *   empty           (global reference only) no t is allowed at this m4;
 *   error           the reason says why (rates or likelihood failed).
 * Non-ok points carry low = high = best = +inf (and chi2 values not determined are +inf):
 * the only non-finite numbers a scan returns.
 *
 * Threads are opt-in (options.threads, OpenMP; ignored when the library is built without
 * it): the library never starts a thread unless asked.  Every point is computed
 * independently and the global minimum is a minimum, so results are bit-identical for any
 * thread count.
 */
#ifndef NUTMM_SCAN_H
#define NUTMM_SCAN_H

#include <stddef.h>

#include "nutmm/analysis.h"
#include "nutmm/coupling.h"
#include "nutmm/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Room for one point's error reason. */
#define NUTMM_SCAN_REASON_SIZE 256

/** Status of one scan point (see the file comment). */
typedef enum {
  NUTMM_SCAN_OK = 0,
  NUTMM_SCAN_CLOSED = 1,
  NUTMM_SCAN_NO_SENSITIVITY = 2,
  NUTMM_SCAN_EMPTY = 3,
  NUTMM_SCAN_ERROR = 4
} nutmm_scan_status;

/** "ok", "closed", "no-sensitivity", "empty", "error" ("?" otherwise). */
const char *nutmm_scan_status_name(nutmm_scan_status s);

/** Reference of the Delta chi^2. */
typedef enum {
  NUTMM_SCAN_OWN_MIN = 0,    /**< each m4's own minimum over t */
  NUTMM_SCAN_GLOBAL_MIN = 1, /**< the minimum over the scanned and reference points */
  NUTMM_SCAN_GIVEN_REF = 2   /**< options.chi2_ref, e.g. a global minimum found elsewhere:
                                  a scan split over processes takes the smallest of their
                                  nutmm_scan_minimum() values (default delta 4.6052) */
} nutmm_scan_reference;

/** Options of nutmm_scan(); fill with nutmm_scan_options_default(). */
typedef struct {
  nutmm_scan_reference reference; /**< default NUTMM_SCAN_OWN_MIN */
  double delta;          /**< Delta chi^2 (> 0); 0 = 2.7055 (own) or 4.6052 (global) */
  const double *ref_m4;  /**< global reference: extra m4 points (MeV) for the minimum */
  size_t n_ref;          /**< their number (0: the scanned points only) */
  double unit;           /**< internal unit of t (default 1e-10, keeps the numbers near 1) */
  unsigned threads;      /**< 0 or 1: the calling thread only (default); n > 1: n threads */
  double chi2_ref;       /**< the reference with NUTMM_SCAN_GIVEN_REF (finite) */
} nutmm_scan_options;

/** Defaults: own minimum, delta from the reference, no reference points, unit 1e-10, no
 *  threads.  o NULL: no-op. */
void nutmm_scan_options_default(nutmm_scan_options *o);

/** One scan point. */
typedef struct {
  double m4;                /**< MeV */
  nutmm_scan_status status; /**< see the file comment */
  double low, high, best;   /**< edges and best fit of t (ok), else +inf */
  double chi2_best;         /**< chi^2 at the best fit (ok, empty; otherwise +inf) */
  double chi2_zero;         /**< chi^2 at t = 0 (ok, empty; otherwise +inf) */
  int nonconvex;            /**< the allowed set is not one interval (edges are its hull) */
  char reason[NUTMM_SCAN_REASON_SIZE]; /**< error: why; otherwise empty */
} nutmm_scan_point;

/** Scan the n_an analyses (n_an >= 1; chi^2 summed) at the n_m4 masses m4[] (finite, >= 0)
 *  for the scale t of the coupling `unit`.  out: n_m4 points.  chi2_ref (may be NULL)
 *  receives the reference used with NUTMM_SCAN_GLOBAL_MIN (+inf if no point had a best fit;
 *  0 otherwise).  The analyses are only read.
 *  @return NUTMM_SUCCESS when every point has its status (some may be `error`: count them);
 *  NUTMM_EDOM (bad m4 or option), NUTMM_EBADLEN (n_an or n_m4 zero), NUTMM_ENOMEM,
 *  NUTMM_EFAULT. */
int nutmm_scan(const nutmm_analysis *const *an, size_t n_an, const nutmm_coupling *unit,
               const double *m4, size_t n_m4, const nutmm_scan_options *opt,
               nutmm_scan_point *out, double *chi2_ref);

/** The smallest best-fit chi^2 over (m4[p], t >= 0), p < n_m4, and its point: the global
 *  minimum of a band, for one share of a scan split over processes (combine the shares'
 *  values with a minimum, then scan each share with NUTMM_SCAN_GIVEN_REF).  Points whose
 *  signal or best fit fails are skipped; out (may be NULL) receives each point's chi2_best
 *  (+inf when skipped) and status (ok or error).  opt: only unit and threads are used.
 *  *best_index = n_m4 if no point had a best fit (then *chi2_min = +inf).
 *  @return as nutmm_scan. */
int nutmm_scan_minimum(const nutmm_analysis *const *an, size_t n_an, const nutmm_coupling *unit,
                       const double *m4, size_t n_m4, const nutmm_scan_options *opt,
                       nutmm_scan_point *out, double *chi2_min, size_t *best_index);

/** n (>= 1) log-spaced masses from lo to hi (0 < lo <= hi, finite), built in log space
 *  (m4[p] = exp(ln lo + p (ln hi - ln lo)/(n - 1)), ends exact), so no point overflows.
 *  @return NUTMM_SUCCESS; NUTMM_EDOM, NUTMM_EBADLEN (n = 0), NUTMM_EFAULT. */
int nutmm_scan_grid_log(double lo, double hi, size_t n, double *m4);

/** The combined profiled chi^2 (sum over the analyses) at (m4, coupling c); c NULL: no new
 *  physics.  ws: one workspace per analysis.  @return as nutmm_analysis_chi2. */
int nutmm_combined_chi2(const nutmm_analysis *const *an, nutmm_analysis_workspace *const *ws,
                        size_t n_an, double m4, const nutmm_coupling *c, double *chi2);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_SCAN_H */
