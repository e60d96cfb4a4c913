/* nutmm-tutorial-conus: the complete program of the tutorial (doc/tutorial.md).  90 % C.L.
 * upper limits on the effective nu_e -> nu_4 moment versus m4 from a CONUS-like reactor
 * germanium detector: coherent nuclear recoils of natural Ge, Lindhard quenching, the
 * anti-nu_e flux of a 3.9 GW (thermal) core at 17.1 m, and the Asimov chi^2 of eq. (27) of
 * arXiv:2109.09545 with one 10 % normalisation pull.  Output (TSV): m4_MeV, mu_e_muB (the
 * limit, mu_B), status.  Set-up numbers: see doc/tutorial.md, "The CONUS-like detector". */
#include <stdio.h>

#include "nutmm/nutmm.h"

//! [try]
#define TRY(call)                                                                          \
  do {                                                                                     \
    if ((call) != NUTMM_SUCCESS)                                                           \
      return fprintf(stderr, "tutorial-conus: %s\n", nutmm_error_reason()), 1;             \
  } while (0)
//! [try]

enum { NBINS = 10, NM4 = 24 };

int main(void)
{
  //! [setup]
  nutmm_target *ge;                      /* natural germanium: its five isotopes */
  TRY(nutmm_target_alloc("Ge", &ge));
  nutmm_flux *reactor;                   /* anti-nu_e, cm^-2 s^-1 MeV^-1, 0-10 MeV */
  TRY(nutmm_flux_reactor_power_alloc(NULL, 3.9e9 /* W */, 17.1 * NUTMM_METER, &reactor, NULL));
  nutmm_detector *det;                   /* observable: electron-equivalent energy, MeV */
  TRY(nutmm_detector_alloc(&det));
  TRY(nutmm_detector_set_quench_lindhard(det, 32, 0.162, 10 * NUTMM_KEV));
  TRY(nutmm_detector_set_resolution_constant(det, 30 * NUTMM_EV));
  TRY(nutmm_detector_set_bins_uniform(det, 0.25 * NUTMM_KEV, 0.65 * NUTMM_KEV, NBINS));
  //! [setup]
  //! [rate]
  nutmm_rate_options ro;
  nutmm_rate_options_default(&ro);       /* CEvNS channel, Helm form factor */
  ro.exposure = 4.0 * NUTMM_KG * NUTMM_YEAR; /* kg s */
  nutmm_rate *rate;                      /* plan once: everything that does not depend on m4 */
  TRY(nutmm_rate_alloc(ge, reactor, det, &ro, &rate));
  double sm[NBINS], bkg[NBINS];          /* events per bin */
  TRY(nutmm_rate_sm(rate, NULL, sm));
  for (int i = 0; i < NBINS; i++)        /* flat 10 / (kg d keVee) x kg d x keVee per bin */
    bkg[i] = 10.0 * (ro.exposure / (NUTMM_KG * NUTMM_DAY)) * (0.40 / NBINS);
  //! [rate]
  //! [analysis]
  nutmm_chi2 *chi;                       /* eq. (27): obs = SM, var = SM + B, pull 10 % */
  TRY(nutmm_chi2_asimov_alloc(NBINS, sm, bkg, 0.10, &chi));
  nutmm_analysis *an;
  TRY(nutmm_analysis_alloc("conus-like", NBINS, &an));
  TRY(nutmm_analysis_add_rate(an, rate, ge, reactor, det, NULL)); /* adopts all four */
  TRY(nutmm_analysis_set_sm(an, sm));
  TRY(nutmm_analysis_set_likelihood(an, chi));
  //! [analysis]
  //! [scan]
  nutmm_coupling unit_e;                 /* 1 mu_B for nu_e and anti-nu_e: t = mu_e in mu_B */
  nutmm_coupling_init(&unit_e);
  TRY(nutmm_coupling_set_flavor(&unit_e, "e", 1.0));
  double m4[NM4];                        /* MeV */
  nutmm_scan_point pt[NM4];
  TRY(nutmm_scan_grid_log(1e-3, 10.0, NM4, m4));
  TRY(nutmm_scan((const nutmm_analysis *const *)&an, 1, &unit_e, m4, NM4, NULL, pt, NULL));
  printf("m4_MeV\tmu_e_muB\tstatus\n");
  for (int p = 0; p < NM4; p++)
    printf("%.6g\t%.6g\t%s\n", pt[p].m4, pt[p].high, nutmm_scan_status_name(pt[p].status));
  //! [scan]
  nutmm_analysis_free(an);
  return 0;
}
