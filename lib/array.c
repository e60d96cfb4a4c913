/* libnutmm -- array forms of the per-point functions of flux.h, tmm.h and rate.h: the scalar
 * function at n points per call (for bindings and vectorised callers), each point exactly
 * the value of the scalar call.  The cross sections' forms are in xsec_array.c. */
#include <stddef.h>

#include "array_internal.h"
#include "nutmm/flux.h"
#include "nutmm/rate.h"
#include "nutmm/tmm.h"

int nutmm_flux_eval_array(const nutmm_flux *f, size_t i, size_t n, const double *E, double *dphi)
{
  NUTMM_ARRAY_CHECK_PTR(n, E);
  NUTMM_ARRAY_CHECK_PTR(n, dphi);
  for (size_t k = 0; k < n; k++) {
    int status = nutmm_flux_eval_e(f, i, E[k], &dphi[k]);
    if (status != NUTMM_SUCCESS) {
      nutmm_array_nan_tail(dphi, k, n);
      return nutmm_array_fail(status, __func__, k, "E = %g MeV", E[k]);
    }
  }
  return NUTMM_SUCCESS;
}

int nutmm_flux_eval_species_array(const nutmm_flux *f, int species, int mass_state, size_t n,
                                  const double *E, double *dphi)
{
  NUTMM_ARRAY_CHECK_PTR(n, E);
  NUTMM_ARRAY_CHECK_PTR(n, dphi);
  for (size_t k = 0; k < n; k++) {
    int status = nutmm_flux_eval_species_e(f, species, mass_state, E[k], &dphi[k]);
    if (status != NUTMM_SUCCESS) {
      nutmm_array_nan_tail(dphi, k, n);
      return nutmm_array_fail(status, __func__, k, "E = %g MeV", E[k]);
    }
  }
  return NUTMM_SUCCESS;
}

int nutmm_mueff2_array(const nutmm_mixing *mix, size_t n, const nutmm_tmm *lam, nutmm_species s,
                       nutmm_mueff *out)
{
  NUTMM_ARRAY_CHECK_PTR(n, lam);
  NUTMM_ARRAY_CHECK_PTR(n, out);
  for (size_t k = 0; k < n; k++) {
    int status = nutmm_mueff2(mix, &lam[k], s, &out[k]);
    if (status != NUTMM_SUCCESS) {
      for (size_t j = k; j < n; j++)
        out[j].total = out[j].sterile = out[j].active = NAN;
      return nutmm_array_fail(status, __func__, k, "lambda number %zu", k);
    }
  }
  return NUTMM_SUCCESS;
}

int nutmm_rate_differential_array(const nutmm_rate *r, nutmm_process p, size_t n,
                                  const double *T, double m4, const double *w, double *dRdT)
{
  NUTMM_ARRAY_CHECK_PTR(n, T);
  NUTMM_ARRAY_CHECK_PTR(n, dRdT);
  for (size_t k = 0; k < n; k++) {
    int status = nutmm_rate_differential(r, p, T[k], m4, w, &dRdT[k]);
    if (status != NUTMM_SUCCESS) {
      nutmm_array_nan_tail(dRdT, k, n);
      return nutmm_array_fail(status, __func__, k, "T = %g MeV", T[k]);
    }
  }
  return NUTMM_SUCCESS;
}
