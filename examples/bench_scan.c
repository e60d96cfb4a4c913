/* nutmm-bench-scan: a 200-point limit scan of every experiment of the companion library
 * (nutmm/experiments.h), on 1 and on 2 threads, and the speed-up; also checks that the two
 * scans agree bit for bit.  A benchmark program, not a test: timings depend on the machine.
 *
 *   nutmm-bench-scan [POINTS]      (default 200)
 *
 * TSV: experiment, points, wall seconds on 1 and 2 threads, wall speed-up, CPU seconds on 1
 * and 2 threads, identical (bit for bit). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nutmm/experiments.h"

static double clock_s(clockid_t id)
{
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* CPU time of the process (all threads): on a loaded machine the wall-clock speed-up says
 * little, the CPU times show whether the threaded scan does extra work. */
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

int main(int argc, char **argv)
{
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
  if (n <= 0 || n > 100000) {
    fprintf(stderr, "usage: nutmm-bench-scan [POINTS in 1..100000]\n");
    return EXIT_FAILURE;
  }
  const size_t np = (size_t)n;
  double *m4 = malloc(np * sizeof *m4);
  nutmm_scan_point *p1 = malloc(np * sizeof *p1), *p2 = malloc(np * sizeof *p2);
  if (!m4 || !p1 || !p2)
    return EXIT_FAILURE;
  printf("experiment\tpoints\tt1_s\tt2_s\tspeedup\tcpu1_s\tcpu2_s\tidentical\n");
  double sum1 = 0.0, sum2 = 0.0;
  int rc = EXIT_SUCCESS;
  for (size_t k = 0; k < nutmm_experiment_count(); k++) {
    const nutmm_experiment *e = nutmm_experiment_at(k);
    nutmm_analysis *an;
    nutmm_coupling c;
    char flavor[NUTMM_EXP_WORD_MAX] = "";
    for (size_t i = 0; e->flavors[i] && e->flavors[i] != ' ' && i + 1 < sizeof flavor; i++)
      flavor[i] = e->flavors[i];
    nutmm_coupling_init(&c);
    if (nutmm_experiment_build(e->name, NULL, &an) || nutmm_coupling_set_flavor(&c, flavor, 1.0) ||
        nutmm_scan_grid_log(e->m4_min, e->m4_max, np, m4)) {
      fprintf(stderr, "nutmm-bench-scan: %s: %s\n", e->name, nutmm_error_reason());
      return EXIT_FAILURE;
    }
    nutmm_scan_options o;
    nutmm_scan_options_default(&o);
    if (e->two_sided)
      o.reference = NUTMM_SCAN_GLOBAL_MIN;
    const nutmm_analysis *ca = an;
    double t0 = now(), c0 = cpu();
    int s = nutmm_scan(&ca, 1, &c, m4, np, &o, p1, NULL);
    double t1 = now() - t0, c1 = cpu() - c0;
    o.threads = 2;
    t0 = now();
    c0 = cpu();
    s = s ? s : nutmm_scan(&ca, 1, &c, m4, np, &o, p2, NULL);
    double t2 = now() - t0, c2 = cpu() - c0;
    if (s) {
      fprintf(stderr, "nutmm-bench-scan: %s: %s\n", e->name, nutmm_error_reason());
      return EXIT_FAILURE;
    }
    int same = 1;
    for (size_t i = 0; i < np; i++)
      same &= p1[i].status == p2[i].status && memcmp(&p1[i].low, &p2[i].low, sizeof(double)) == 0 &&
              memcmp(&p1[i].high, &p2[i].high, sizeof(double)) == 0 &&
              memcmp(&p1[i].best, &p2[i].best, sizeof(double)) == 0;
    if (!same)
      rc = EXIT_FAILURE;
    printf("%s\t%zu\t%.3f\t%.3f\t%.2f\t%.3f\t%.3f\t%s\n", e->name, np, t1, t2, t1 / t2, c1, c2,
           same ? "yes" : "NO");
    sum1 += t1;
    sum2 += t2;
    nutmm_analysis_free(an);
  }
  printf("all\t%zu\t%.3f\t%.3f\t%.2f\t-\t-\t-\n", np, sum1, sum2, sum1 / sum2);
  free(m4);
  free(p1);
  free(p2);
  return rc;
}
