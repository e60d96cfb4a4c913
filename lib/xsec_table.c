/* libnutmm -- the (channel x process) -> coefficient table of the rate engine (xsec.h):
 * eqs. (11), (14), (17)-(20) of arXiv:2109.09545 from a prepared point. */
#include "nutmm/kinematics.h"
#include "nutmm/units.h"
#include "xsec_internal.h"

int nutmm_xsec_species_dependent(nutmm_channel ch, nutmm_process p)
{
  /* electrons: the couplings of eq. (15) enter the SM (eq. 14) and the interference (eq. 20);
   * the dipole (eq. 19) and every nuclear process are the same for all species */
  return ch == NUTMM_CHANNEL_ELECTRON && p != NUTMM_PROCESS_DIPOLE;
}

void nutmm_xsec_point_coef_(const nutmm_xsec_point *pt, nutmm_process p, double gL, double gR,
                            double m4, const nutmm_xsec_options *opt, double c[3])
{
  const int electron = pt->channel == NUTMM_CHANNEL_ELECTRON;
  switch (p) {
  case NUTMM_PROCESS_SM:
    if (electron)
      nutmm_xsec_ees_point_(pt, gL, gR, c);
    else
      nutmm_xsec_cevns_point_(pt, opt, c);
    break;
  case NUTMM_PROCESS_DIPOLE:
    nutmm_xsec_dipole_point_(pt, m4, opt, c);
    break;
  default:
    nutmm_xsec_int_point_(pt, m4, gL, gR, opt, c);
    break;
  }
}

int nutmm_xsec_point_coef(const nutmm_xsec_point *pt, nutmm_process p, nutmm_species s,
                          double m4, const nutmm_xsec_options *opt, double c[3], double *E_min)
{
  NUTMM_CHECK_PTR(pt);
  nutmm_xsec_options buf;
  NUTMM_TRY(nutmm_xsec_opt_resolve(opt, &buf, &opt));
  if (pt->channel != NUTMM_CHANNEL_NUCLEUS && pt->channel != NUTMM_CHANNEL_ELECTRON)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown channel %d", (int)pt->channel);
  if (pt->channel == NUTMM_CHANNEL_NUCLEUS && !pt->nucleus)
    NUTMM_FAIL(NUTMM_EFAULT, "nuclear point without a nucleus");
  if (p == NUTMM_PROCESS_SM)
    m4 = 0.0;
  else
    NUTMM_CHECK_NONNEG(m4);
  double gL = 0.0, gR = 0.0, cf[3];
  const int electron = pt->channel == NUTMM_CHANNEL_ELECTRON;
  if (electron && p != NUTMM_PROCESS_DIPOLE)
    NUTMM_TRY(nutmm_xsec_ees_couplings(s, opt->sin2w, &gL, &gR));
  if (p != NUTMM_PROCESS_SM && p != NUTMM_PROCESS_DIPOLE && p != NUTMM_PROCESS_INTERFERENCE)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown process %d", (int)p);
  /* the dipole and interference terms diverge or vanish at T = 0 */
  if (p != NUTMM_PROCESS_SM && !(pt->T > 0.0))
    NUTMM_FAIL(NUTMM_EDOM, "T = %g must be > 0 for the %s term", pt->T,
               p == NUTMM_PROCESS_DIPOLE ? "dipole" : "interference");
  nutmm_xsec_point_coef_(pt, p, gL, gR, m4, opt, cf);
  for (int k = 0; k < 3; k++)
    NUTMM_CHECK_RESULT(cf[k], "process %d, T = %g MeV, m4 = %g MeV (point: Fp = %g, Q_W = %g, "
                       "S = %g)", (int)p, pt->T, m4, pt->Fp, pt->Q_W, pt->S);
  if (c)
    for (int k = 0; k < 3; k++)
      c[k] = cf[k];
  if (E_min)
    NUTMM_TRY(nutmm_kin_emin_e(pt->T, pt->M, m4, E_min)); /* eq. (22) */
  return NUTMM_SUCCESS;
}
