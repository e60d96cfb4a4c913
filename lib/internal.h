/* libnutmm -- private helpers shared by the library's source files.
 * Not installed; nothing here is part of the API. */
#ifndef NUTMM_INTERNAL_H
#define NUTMM_INTERNAL_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

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

/* Exit check: a non-finite result is never returned as success.  x is the
 * computed output; the rest is a printf format (a string literal) and its
 * arguments naming the inputs, e.g.
 *   NUTMM_CHECK_RESULT(*T_max, "E = %g MeV, M = %g MeV", E, M);
 * gives NUTMM_ERANGE "nutmm_kin_tmax_e: result *T_max = inf is not finite
 * (overflow) for E = 1e+308 MeV, M = 100 MeV". */
#define NUTMM_CHECK_RESULT(x, fmt, ...)                                        \
  do {                                                                         \
    if (!isfinite(x))                                                          \
      NUTMM_FAIL(NUTMM_ERANGE, "result %s = %g is not finite (overflow) for " fmt, \
                 #x, (double)(x), __VA_ARGS__);                                \
  } while (0)

/* Overflow-checked sizes for every allocation in the library.  The size
 * arithmetic saturates: a sum or product that does not fit in size_t becomes
 * SIZE_MAX, and SIZE_MAX stays SIZE_MAX through further sums and products, so a
 * chain like nutmm_size_mul(nutmm_size_add(n, 1), sizeof *p) cannot wrap to a
 * small number.  The allocators below refuse (return NULL, without calling the
 * C allocator) any request above NUTMM_ALLOC_MAX, the C limit on object sizes;
 * callers already treat NULL as NUTMM_ENOMEM. */
#define NUTMM_ALLOC_MAX ((size_t)PTRDIFF_MAX)

static inline size_t nutmm_size_add(size_t a, size_t b)
{
  return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static inline size_t nutmm_size_mul(size_t a, size_t b)
{
  return (b != 0 && a > SIZE_MAX / b) ? SIZE_MAX : a * b;
}

/* malloc / calloc / realloc of n elements of size bytes each. */
static inline void *nutmm_malloc_n(size_t n, size_t size)
{
  size_t bytes = nutmm_size_mul(n, size);
  return bytes > NUTMM_ALLOC_MAX ? NULL : malloc(bytes);
}

static inline void *nutmm_calloc_n(size_t n, size_t size)
{
  return nutmm_size_mul(n, size) > NUTMM_ALLOC_MAX ? NULL : calloc(n, size);
}

static inline void *nutmm_realloc_n(void *p, size_t n, size_t size)
{
  size_t bytes = nutmm_size_mul(n, size);
  return bytes > NUTMM_ALLOC_MAX ? NULL : realloc(p, bytes);
}

#endif /* NUTMM_INTERNAL_H */
