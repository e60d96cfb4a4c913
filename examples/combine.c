/* nutmm-combine: a user program combining two shipped analyses (COHERENT CsI and XENON1T) on one
 * nu_mu moment: the chi^2 summed, upper limits over m4 (nutmm/experiments.h, scan.h). */
#include <stdio.h>
#include "nutmm/experiments.h"
int main(void)
{
  nutmm_analysis *an[2];
  if (nutmm_experiment_build("coherent-csi", NULL, &an[0]) || nutmm_experiment_build("xenon1t", NULL, &an[1]))
    return fprintf(stderr, "%s\n", nutmm_error_reason()), 1;
  nutmm_coupling mu;
  nutmm_coupling_init(&mu);
  nutmm_coupling_set_flavor(&mu, "mu", 1.0);            /* unit nu_mu moment: scan mu in mu_B */
  double m4[20];
  nutmm_scan_point pt[20];
  nutmm_scan_grid_log(1e-3, 0.3, 20, m4);
  nutmm_scan((const nutmm_analysis *const *)an, 2, &mu, m4, 20, NULL, pt, NULL);
  for (int p = 0; p < 20; p++)
    printf("%g\t%g\t%s\n", pt[p].m4, pt[p].high, nutmm_scan_status_name(pt[p].status));
  nutmm_analysis_free(an[0]);
  nutmm_analysis_free(an[1]);
  return 0;
}
