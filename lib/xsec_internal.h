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

#endif /* NUTMM_XSEC_INTERNAL_H */
