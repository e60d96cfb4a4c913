/* libnutmm -- private helpers of the array forms (xsec_array.c, array.c).  Not installed.
 *
 * An array form evaluates its scalar _e function at n points, in order, and stops at the
 * first point that fails: the outputs of the points before it are valid, those from it on
 * are NaN, and the reason names the point, "nutmm_xsec_cevns_array: point 17 (E = nan
 * MeV, T = 0.01 MeV) <- nutmm_xsec_cevns_e: E = nan must be finite and > 0". */
#ifndef NUTMM_ARRAY_INTERNAL_H
#define NUTMM_ARRAY_INTERNAL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "internal.h"

/* Size of the copy of the inner reason (the reason buffer itself holds 2048 bytes). */
#define NUTMM_ARRAY_REASON_SIZE 2048

/* Fill out[i..n-1] with NaN (out may be NULL). */
static inline void nutmm_array_nan_tail(double *out, size_t i, size_t n)
{
  if (out)
    for (; i < n; i++)
      out[i] = NAN;
}

/* Chain "func: point i (<what>) <- " onto the reason of the failed scalar call and return
 * its status. */
static inline int nutmm_array_fail(int status, const char *func, size_t i, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static inline int nutmm_array_fail(int status, const char *func, size_t i, const char *fmt, ...)
{
  char inner[NUTMM_ARRAY_REASON_SIZE], what[256];
  snprintf(inner, sizeof inner, "%s", nutmm_error_reason());
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  return nutmm_error_set(status, func, "point %zu (%s) <- %s", i, what, inner);
}

/* Pointer checks of an array form: the arrays may be NULL only when n == 0. */
#define NUTMM_ARRAY_CHECK_PTR(n, p)                                                          \
  do {                                                                                       \
    if ((n) > 0 && (p) == NULL)                                                              \
      NUTMM_FAIL(NUTMM_EFAULT, "%s is NULL", #p);                                            \
  } while (0)

#endif /* NUTMM_ARRAY_INTERNAL_H */
