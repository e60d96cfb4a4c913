/* libnutmm -- private helpers shared by the library's source files.
 * Not installed; nothing here is part of the API. */
#ifndef NUTMM_INTERNAL_H
#define NUTMM_INTERNAL_H

#include <math.h>

#include "nutmm/error.h"

/* Helpers shared between the library's source files but not part of the API:
 * hidden from the shared library's dynamic symbol table, so libnutmm.so exports
 * exactly what the public headers (include/nutmm/) declare (tests/check_exports.sh checks it). */
#if defined(__GNUC__)
#define NUTMM_INTERNAL __attribute__((visibility("hidden")))
#else
#define NUTMM_INTERNAL
#endif

/* Record a reason and return its status from the current function. */
#define NUTMM_FAIL(status, ...) return nutmm_error_set((status), __func__, __VA_ARGS__)

/* Evaluate a call returning a status; on failure chain this function's name
 * onto the reason and return the status. */
#define NUTMM_TRY(call)                                                        \
  do {                                                                         \
    int nutmm_try_status_ = (call);                                            \
    if (nutmm_try_status_ != NUTMM_SUCCESS)                                    \
      return nutmm_error_chain(nutmm_try_status_, __func__);                   \
  } while (0)

/* Argument checks that name the offending argument and value. */
#define NUTMM_CHECK_PTR(p)                                                     \
  do {                                                                         \
    if ((p) == NULL)                                                           \
      NUTMM_FAIL(NUTMM_EFAULT, "%s is NULL", #p);                              \
  } while (0)

#define NUTMM_CHECK_FINITE(x)                                                  \
  do {                                                                         \
    if (!isfinite(x))                                                          \
      NUTMM_FAIL(NUTMM_EDOM, "%s = %g is not finite", #x, (double)(x));        \
  } while (0)

#define NUTMM_CHECK_NONNEG(x)                                                  \
  do {                                                                         \
    if (!isfinite(x) || (x) < 0.0)                                             \
      NUTMM_FAIL(NUTMM_EDOM, "%s = %g must be finite and >= 0", #x, (double)(x)); \
  } while (0)

#define NUTMM_CHECK_POSITIVE(x)                                                \
  do {                                                                         \
    if (!isfinite(x) || (x) <= 0.0)                                            \
      NUTMM_FAIL(NUTMM_EDOM, "%s = %g must be finite and > 0", #x, (double)(x)); \
  } while (0)

#endif /* NUTMM_INTERNAL_H */
