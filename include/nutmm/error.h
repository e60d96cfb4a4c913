/** @file
 * @brief libnutmm -- status codes and error reasons.
 *
 * Every fallible libnutmm call returns an int status: NUTMM_SUCCESS (0) or one
 * of the codes below.  The codes below 1000 have the numeric values of GSL's
 * (gsl_errno.h), so a caller that already speaks GSL can treat them alike.
 *
 * A failing call also records a human-readable reason, chained through the
 * call stack ("nutmm_rate_binned <- nutmm_flux_eval: E = -1 MeV is negative"),
 * which nutmm_error_reason() returns.  The reason is kept per thread (like
 * errno): it is the only state libnutmm keeps outside the caller's objects,
 * and threads never see each other's reasons.
 *
 * No non-finite number is returned as success: a fallible call whose result would
 * overflow or be NaN returns NUTMM_ERANGE (or NUTMM_EDOM for a bad input) with a
 * reason naming the function and the inputs, and a value-form function (one
 * returning the double itself) returns NaN only with a reason recorded.  The
 * only documented infinities returned with NUTMM_SUCCESS, each meaning "no such
 * value / no bound", are:
 *   - nutmm_kin_emin_e() and nutmm_kin_emin(): E_min = +inf at T = 0 for m4 > 0
 *     (no neutrino energy produces a zero recoil with a massive nu_4);
 *   - nutmm_detector_true_window(), nutmm_detector_bin_true_window() and
 *     nutmm_detector_true_range(): T_hi = +inf when the smeared window never
 *     closes (resolution growing like x with nsigma b >= 1).
 * (nutmm_flux_moments() also stores +inf in a divergent moment, but returns
 * NUTMM_ERANGE.)
 *
 * No libnutmm call aborts or exits.  libnutmm validates its inputs before
 * handing them to GSL and uses only GSL routines that report failure through
 * return values; it never changes the process-wide GSL error handler.  If your
 * own code calls GSL, keep GSL's default handler or install yours, as you
 * prefer: libnutmm does not depend on it.
 */
#ifndef NUTMM_ERROR_H
#define NUTMM_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
  NUTMM_SUCCESS = 0,
  NUTMM_FAILURE = -1,
  NUTMM_EDOM = 1,       /* argument outside its domain (negative energy, NaN, angle out of range) */
  NUTMM_ERANGE = 2,     /* result not representable */
  NUTMM_EFAULT = 3,     /* NULL pointer where an object was required */
  NUTMM_EINVAL = 4,     /* invalid argument (inconsistent sizes, unknown option value) */
  NUTMM_EFAILED = 5,    /* generic failure */
  NUTMM_ENOMEM = 8,     /* allocation failed */
  NUTMM_EMAXITER = 11,  /* iteration limit reached (root finder, quadrature) */
  NUTMM_ETOL = 14,      /* requested tolerance not reached */
  NUTMM_EBADLEN = 19,   /* index or length out of range */
  NUTMM_ENOTFOUND = 1001, /* unknown name (target, data file, parameter) */
  NUTMM_EIO = 1002,     /* a file could not be opened or read */
  NUTMM_EFORMAT = 1003, /* a data file is malformed (message names file and line) */
  NUTMM_ENOTUNITARY = 1004 /* a user mixing matrix is not unitary */
};

/** Short static description of a status code ("input domain error", ...). */
const char *nutmm_strerror(int status);

/** The reason recorded by the last failing libnutmm call in this thread, with
 * the chain of calls that led to it; "" if none.  Valid until the next
 * libnutmm call in this thread. */
const char *nutmm_error_reason(void);

/** Forget the recorded reason of this thread. */
void nutmm_error_clear(void);

/** Record a failure (for library code and for user hooks that want their
 * errors chained like the library's): sets the reason to "func: <message>"
 * and returns status, so that `return nutmm_error_set(...)` reads naturally.
 * func NULL is recorded as "?"; fmt NULL records nutmm_strerror(status). */
int nutmm_error_set(int status, const char *func, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/** Prepend "func <- " to the recorded reason and return status unchanged. */
int nutmm_error_chain(int status, const char *func);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_ERROR_H */
