/* nutmm-bench: time per spectrum evaluation of the rate engine (rate.h).
 *
 *   coherent-csi  12 bins of 2 PE (6-30 PE), CsI, pi-DAR: SM + dipole at one m4
 *   xenon1t       29 bins of 1 keV (1-30 keV), Xe electrons with stepping, full solar
 *                 spectrum, Gaussian resolution: dipole at one m4
 *   plan          the one-off cost of planning each (grid, response, SM spectra)
 *
 * Prints TSV: case, evaluations, microseconds per evaluation.  Usage: nutmm-bench [N]
 * (N evaluations per case, default 2000).  A benchmark program, not a test: timings depend
 * on the machine. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "nutmm/nutmm.h"

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int fail(const char *what)
{
  fprintf(stderr, "nutmm-bench: %s: %s\n", what, nutmm_error_reason());
  return EXIT_FAILURE;
}

/* Time n dipole evaluations at m4 values spread over [m4_lo, m4_hi]. */
static int time_dipole(const char *name, const nutmm_rate *r, double m4_lo, double m4_hi, long n)
{
  nutmm_rate_workspace *ws;
  if (nutmm_rate_workspace_alloc(r, &ws))
    return fail("workspace");
  double counts[64], sm[64], sink = 0.0;
  double t0 = now();
  for (long i = 0; i < n; i++) {
    double m4 = m4_lo + (m4_hi - m4_lo) * (double)(i % 97) / 96.0;
    if (nutmm_rate_sm(r, NULL, sm) || nutmm_rate_dipole(r, ws, m4, NULL, counts)) {
      nutmm_rate_workspace_free(ws);
      return fail(name);
    }
    sink += counts[0] + sm[0];
  }
  double dt = now() - t0;
  nutmm_rate_workspace_free(ws);
  printf("%s\t%ld\t%.2f\t(%zu nodes, check %.3g)\n", name, n, 1e6 * dt / (double)n,
         nutmm_rate_nnodes(r), sink / (double)n);
  return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
  if (n <= 0) {
    fprintf(stderr, "usage: nutmm-bench [N > 0]\n");
    return EXIT_FAILURE;
  }
  printf("case\tevaluations\tus_per_evaluation\n");

  /* COHERENT-CsI-like plan */
  nutmm_target *csi;
  nutmm_flux *pidar;
  nutmm_detector *dcsi;
  if (nutmm_target_alloc("CsI", &csi) || nutmm_flux_pidar_alloc(NULL, &pidar) ||
      nutmm_detector_alloc(&dcsi) || nutmm_detector_set_quench_csi(dcsi) ||
      nutmm_detector_set_light_yield(dcsi, NUTMM_CSI_LY_PER_KEVEE / NUTMM_KEV) ||
      nutmm_detector_set_acceptance_csi2017(dcsi) ||
      nutmm_detector_set_bins_uniform(dcsi, 6.0, 30.0, 12))
    return fail("CsI set-up");
  nutmm_rate_options o;
  nutmm_rate_options_default(&o);
  o.exposure = 14.57 * NUTMM_KG;
  o.xsec.ff.model = NUTMM_FF_KLEIN_NYSTRAND;
  nutmm_rate *rcsi;
  double t0 = now();
  if (nutmm_rate_alloc(csi, pidar, dcsi, &o, &rcsi))
    return fail("CsI plan");
  printf("plan-coherent-csi\t1\t%.2f\n", 1e6 * (now() - t0));
  if (time_dipole("coherent-csi", rcsi, 0.001, 40.0, n))
    return EXIT_FAILURE;

  /* XENON1T-like plan */
  nutmm_target *xe;
  nutmm_flux *sun;
  nutmm_detector *dxe;
  nutmm_solar_options so;
  if (nutmm_target_alloc("Xe", &xe) || nutmm_flux_solar_options_default(&so))
    return fail("Xe set-up");
  so.mode = NUTMM_SOLAR_FLAVOR;
  if (nutmm_flux_solar_alloc(&so, &sun) || nutmm_detector_alloc(&dxe) ||
      nutmm_detector_set_resolution_xenon1t(dxe) ||
      nutmm_detector_set_bins_uniform(dxe, 1 * NUTMM_KEV, 30 * NUTMM_KEV, 29))
    return fail("XENON1T set-up");
  nutmm_rate_options ox;
  nutmm_rate_options_default(&ox);
  ox.channel = NUTMM_CHANNEL_ELECTRON;
  ox.exposure = 0.65 * NUTMM_TONNE * NUTMM_YEAR;
  nutmm_rate *rxe;
  t0 = now();
  if (nutmm_rate_alloc(xe, sun, dxe, &ox, &rxe))
    return fail("XENON1T plan");
  printf("plan-xenon1t\t1\t%.2f\n", 1e6 * (now() - t0));
  if (time_dipole("xenon1t", rxe, 0.001, 0.15, n))
    return EXIT_FAILURE;

  nutmm_rate_free(rxe);
  nutmm_rate_free(rcsi);
  nutmm_detector_free(dxe);
  nutmm_detector_free(dcsi);
  nutmm_flux_free(sun);
  nutmm_flux_free(pidar);
  nutmm_target_free(xe);
  nutmm_target_free(csi);
  return EXIT_SUCCESS;
}
