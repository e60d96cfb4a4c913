/* libnutmm -- status codes and the per-thread error reason (see error.h). */
#include "nutmm/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NUTMM_REASON_SIZE 2048

/* The one piece of state outside the caller's objects: one buffer per thread. */
static _Thread_local char reason_buffer[NUTMM_REASON_SIZE];

const char *nutmm_strerror(int status)
{
  switch (status) {
  case NUTMM_SUCCESS: return "success";
  case NUTMM_FAILURE: return "failure";
  case NUTMM_EDOM: return "input domain error";
  case NUTMM_ERANGE: return "output range error";
  case NUTMM_EFAULT: return "invalid (NULL) pointer";
  case NUTMM_EINVAL: return "invalid argument";
  case NUTMM_EFAILED: return "generic failure";
  case NUTMM_ENOMEM: return "out of memory";
  case NUTMM_EMAXITER: return "exceeded maximum number of iterations";
  case NUTMM_ETOL: return "failed to reach the requested tolerance";
  case NUTMM_EBADLEN: return "index or length out of range";
  case NUTMM_ENOTFOUND: return "unknown name";
  case NUTMM_EIO: return "file could not be read";
  case NUTMM_EFORMAT: return "malformed data file";
  case NUTMM_ENOTUNITARY: return "matrix is not unitary";
  default: return "unknown error code";
  }
}

const char *nutmm_error_reason(void) { return reason_buffer; }

void nutmm_error_clear(void) { reason_buffer[0] = '\0'; }

int nutmm_error_set(int status, const char *func, const char *fmt, ...)
{
  int n = snprintf(reason_buffer, sizeof reason_buffer, "%s: ", func ? func : "?");
  if (n < 0 || (size_t)n >= sizeof reason_buffer)
    return status;
  if (fmt == NULL) { /* a caller's slip must not crash the error path */
    snprintf(reason_buffer + n, sizeof reason_buffer - (size_t)n, "%s", nutmm_strerror(status));
    return status;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reason_buffer + n, sizeof reason_buffer - (size_t)n, fmt, ap);
  va_end(ap);
  return status;
}

int nutmm_error_chain(int status, const char *func)
{
  static const char arrow[] = " <- ";
  if (!func)
    return status;
  size_t lf = strlen(func), la = sizeof arrow - 1, lr = strlen(reason_buffer);
  if (lf + la >= sizeof reason_buffer)
    return status;
  if (lr + lf + la >= sizeof reason_buffer) /* keep the innermost words: cut the tail */
    lr = sizeof reason_buffer - 1 - lf - la;
  memmove(reason_buffer + lf + la, reason_buffer, lr);
  memcpy(reason_buffer, func, lf);
  memcpy(reason_buffer + lf, arrow, la);
  reason_buffer[lf + la + lr] = '\0';
  return status;
}
