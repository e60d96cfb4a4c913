/* libnutmm -- private helpers shared by xsec_sm.c and xsec_dipole.c.  Not installed. */
#ifndef NUTMM_XSEC_INTERNAL_H
#define NUTMM_XSEC_INTERNAL_H

#include <math.h>

#include "internal.h"
#include "nutmm/xsec.h"

/* Resolve opt == NULL to the defaults (into *buf) and validate the option values. */
static inline int nutmm_xsec_opt_resolve(const nutmm_xsec_options *opt, nutmm_xsec_options *buf,
                                         const nutmm_xsec_options **out)
{
  if (!opt) {
    nutmm_xsec_options_default(buf);
    opt = buf;
  }
  if (!isfinite(opt->sin2w) || opt->sin2w < 0.0 || opt->sin2w > 1.0)
    NUTMM_FAIL(NUTMM_EDOM, "options: sin2w = %g must be in [0, 1]", opt->sin2w);
  if (opt->eta != 1 && opt->eta != -1)
    NUTMM_FAIL(NUTMM_EINVAL, "options: eta = %d must be +1 or -1", opt->eta);
  if (opt->dipole_spin != NUTMM_DIPOLE_SPIN_HALF && opt->dipole_spin != NUTMM_DIPOLE_SPIN_ZERO &&
      opt->dipole_spin != NUTMM_DIPOLE_SPIN_AUTO)
    NUTMM_FAIL(NUTMM_EINVAL, "options: unknown dipole_spin %d", (int)opt->dipole_spin);
  *out = opt;
  return NUTMM_SUCCESS;
}

/* Common argument checks of the _e functions: E > 0 finite, out != NULL. */
#define NUTMM_XSEC_CHECK_E(E, out)                                                             \
  do {                                                                                         \
    NUTMM_CHECK_PTR(out);                                                                      \
    NUTMM_CHECK_POSITIVE(E);                                                                   \
  } while (0)

/* Coefficient kernels from a prepared point (xsec_sm.c, xsec_dipole.c): no argument checks,
 * opt resolved and valid, T > 0 for the dipole and interference terms.  The public _coef
 * functions and nutmm_xsec_point_coef() both go through them, so the engine and the direct
 * calls give the same numbers. */
NUTMM_INTERNAL void nutmm_xsec_cevns_point_(const nutmm_xsec_point *pt, const nutmm_xsec_options *opt,
                             double c[3]);
NUTMM_INTERNAL void nutmm_xsec_ees_point_(const nutmm_xsec_point *pt, double gL, double gR, double c[3]);
NUTMM_INTERNAL void nutmm_xsec_dipole_point_(const nutmm_xsec_point *pt, double m4,
                              const nutmm_xsec_options *opt, double c[3]);
/* gL, gR: the electron couplings of eq. (15) (ignored for nuclei) */
NUTMM_INTERNAL void nutmm_xsec_int_point_(const nutmm_xsec_point *pt, double m4, double gL, double gR,
                           const nutmm_xsec_options *opt, double c[3]);

/* nutmm_xsec_point_coef() without checks or E_min (for the rate engine, which validates once
 * per plan): p a known process, T > 0 unless p is the SM, gL, gR the couplings of eq. (15)
 * for electron SM / interference, opt resolved and valid. */
NUTMM_INTERNAL void nutmm_xsec_point_coef_(const nutmm_xsec_point *pt, nutmm_process p, double gL, double gR,
                            double m4, const nutmm_xsec_options *opt, double c[3]);

/* E_min(T) of eq. (22) without argument checks (kinematics.c): T >= 0, M > 0, m4 >= 0. */
NUTMM_INTERNAL double nutmm_kin_emin_(double T, double M, double m4);

#endif /* NUTMM_XSEC_INTERNAL_H */
