/* libnutmm -- array forms of the cross sections and form factors (xsec.h, formfactor.h):
 * the scalar _e functions at n points per call, for bindings and vectorised callers.
 * Each point gives exactly the value of the scalar call (same function, same arguments). */
#include <stddef.h>

#include "array_internal.h"
#include "nutmm/formfactor.h"
#include "nutmm/xsec.h"

/* The loop every (E, T) array form shares: CALL evaluates point i into *v. */
#define XSEC_ARRAY_LOOP(CALL)                                                                \
  do {                                                                                       \
    NUTMM_ARRAY_CHECK_PTR(n, E);                                                             \
    NUTMM_ARRAY_CHECK_PTR(n, T);                                                             \
    NUTMM_ARRAY_CHECK_PTR(n, dsdT);                                                          \
    for (size_t i = 0; i < n; i++) {                                                         \
      double *v = &dsdT[i];                                                                  \
      int status_ = (CALL);                                                                  \
      if (status_ != NUTMM_SUCCESS) {                                                        \
        nutmm_array_nan_tail(dsdT, i, n);                                                    \
        return nutmm_array_fail(status_, __func__, i, "E = %g MeV, T = %g MeV", E[i], T[i]); \
      }                                                                                      \
    }                                                                                        \
    return NUTMM_SUCCESS;                                                                    \
  } while (0)

int nutmm_xsec_cevns_array(size_t n, const double *E, const double *T, const nutmm_nucleus *nuc,
                           const nutmm_xsec_options *opt, double *dsdT)
{
  XSEC_ARRAY_LOOP(nutmm_xsec_cevns_e(E[i], T[i], nuc, opt, v));
}

int nutmm_xsec_ees_array(size_t n, const double *E, const double *T, nutmm_species s,
                         const nutmm_atom *atom, const nutmm_xsec_options *opt, double *dsdT)
{
  XSEC_ARRAY_LOOP(nutmm_xsec_ees_e(E[i], T[i], s, atom, opt, v));
}

int nutmm_xsec_dipole_nucleus_array(size_t n, const double *E, const double *T, double m4,
                                    const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                                    double *dsdT)
{
  XSEC_ARRAY_LOOP(nutmm_xsec_dipole_nucleus_e(E[i], T[i], m4, nuc, opt, v));
}

int nutmm_xsec_dipole_electron_array(size_t n, const double *E, const double *T, double m4,
                                     const nutmm_atom *atom, const nutmm_xsec_options *opt,
                                     double *dsdT)
{
  XSEC_ARRAY_LOOP(nutmm_xsec_dipole_electron_e(E[i], T[i], m4, atom, opt, v));
}

int nutmm_xsec_int_electron_array(size_t n, const double *E, const double *T, double m4,
                                  nutmm_species s, const nutmm_atom *atom,
                                  const nutmm_xsec_options *opt, double *dsdT)
{
  XSEC_ARRAY_LOOP(nutmm_xsec_int_electron_e(E[i], T[i], m4, s, atom, opt, v));
}

int nutmm_xsec_int_nucleus_array(size_t n, const double *E, const double *T, double m4,
                                 const nutmm_nucleus *nuc, const nutmm_xsec_options *opt,
                                 double *dsdT)
{
  XSEC_ARRAY_LOOP(nutmm_xsec_int_nucleus_e(E[i], T[i], m4, nuc, opt, v));
}

int nutmm_formfactor_eval_array(const nutmm_formfactor *ff, const nutmm_nucleus *nuc, size_t n,
                                const double *q, double *Fp, double *Fn)
{
  NUTMM_ARRAY_CHECK_PTR(n, q);
  for (size_t i = 0; i < n; i++) {
    int status = nutmm_formfactor_eval_e(ff, nuc, q[i], Fp ? &Fp[i] : NULL, Fn ? &Fn[i] : NULL);
    if (status != NUTMM_SUCCESS) {
      nutmm_array_nan_tail(Fp, i, n);
      nutmm_array_nan_tail(Fn, i, n);
      return nutmm_array_fail(status, __func__, i, "q = %g MeV", q[i]);
    }
  }
  return NUTMM_SUCCESS;
}

int nutmm_formfactor_eval_T_array(const nutmm_formfactor *ff, const nutmm_nucleus *nuc, size_t n,
                                  const double *T, double *Fp, double *Fn)
{
  NUTMM_ARRAY_CHECK_PTR(n, T);
  for (size_t i = 0; i < n; i++) {
    int status =
        nutmm_formfactor_eval_T_e(ff, nuc, T[i], Fp ? &Fp[i] : NULL, Fn ? &Fn[i] : NULL);
    if (status != NUTMM_SUCCESS) {
      nutmm_array_nan_tail(Fp, i, n);
      nutmm_array_nan_tail(Fn, i, n);
      return nutmm_array_fail(status, __func__, i, "T = %g MeV", T[i]);
    }
  }
  return NUTMM_SUCCESS;
}
