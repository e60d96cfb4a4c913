/* nutmm-bench: cost of the rate engine (rate.h) for the rate plan of every shipped
 * experiment program, with the programs' default settings.
 *
 *   nutmm-bench [--repeats R] [--evals N] [--case NAME] [--tsv FILE] [--list]
 *
 * For each case and each of R repeats (default 7) the program builds the flux, target and
 * detector (`setup`), plans the rates (`plan`, nutmm_rate_alloc) and times N (default 200)
 * evaluations of the SM spectrum, the dipole spectrum and the interference spectrum at m4
 * values spread logarithmically over the program's default scan range.  It prints, per case,
 * the minimum and the median over the repeats of
 *   setup_us  building the flux, target and detector (data files are read here)
 *   plan_us   nutmm_rate_alloc (grid, response, SM spectra of every component)
 *   sm_us, dipole_us, interference_us   one evaluation of each, weights all 1
 *   eval_us   their sum: the cost of one (SM + dipole + interference) spectrum
 * in microseconds of wall-clock time, as an aligned table on stdout and, with --tsv FILE,
 * as TSV in FILE ("-": stdout instead of the table).
 *
 * The set-ups mirror the programs' (examples/<name>.c) default plans: same target, flux,
 * detector response, binning and rate options; exposures do not change the cost.  A
 * benchmark program, not a test: timings depend on the machine and its load (run it on an
 * idle machine; the minimum is the least disturbed repeat). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nutmm/nutmm.h"

#define BENCH_MAX_BINS 64
#define BENCH_M4_POINTS 61 /* distinct m4 values per evaluation loop */

/* One experiment's plan: what it owns, and how to build it. */
typedef struct {
  nutmm_target *target;
  nutmm_flux *flux;
  nutmm_detector *det;
  nutmm_rate_options ro;
} bench_plan;

typedef struct {
  const char *name;
  const char *program;  /* the program whose default plan this is */
  double m4_lo, m4_hi;  /* its default scan range, MeV */
  int (*build)(bench_plan *p);
} bench_case;

static void plan_free(bench_plan *p)
{
  nutmm_detector_free(p->det);
  nutmm_flux_free(p->flux);
  nutmm_target_free(p->target);
  memset(p, 0, sizeof *p);
}

/* ---- the programs' plans ---------------------------------------------------------------- */

/* The experiments' detector inputs (the library knows no experiment; the assemblies in
 * experiments/ carry the same numbers with their sources). */
#define XENON1T_RES_A 0.310 /* sqrt(keV): sigma = a sqrt(E) + b E (2006.09721) */
#define XENON1T_RES_B 0.0037
static const double csi_qf[4] = {0.0554628, 4.30681, -111.707, 840.384}; /* MeV (2110.07730) */
#define CSI_QF_TMAX 0.1                                                  /* MeV */
#define CSI_LY_PER_KEVEE 13.348                                          /* PE (1804.09459) */
#define LAR_QF_A 0.246          /* QF = a + b T[keVnr] (2003.10630) */
#define LAR_QF_B_PER_KEV 7.8e-4 /* keVnr^-1 */
#define LAR_RES_C 0.58          /* sqrt(keV): sigma/E = c/sqrt(E[keV]) (2006.12659) */
#define TEXONO_FLUX 6.4e12      /* cm^-2 s^-1, Kuo-Sheng */

/* examples/xenon1t.c and xenonnt.c (experiments/solar_xenon.c): Xe electrons with S(T), the
 * B16 solar flux by mass state at Earth, resolution a sqrt(E) + b E, the release's efficiency,
 * 29 bins of 1 keV from 1 to 30 keV.  (By flavour -- xenon1t-flavor -- is the library's
 * other solar plan; no program uses it.) */
static int build_solar_xenon(bench_plan *p, nutmm_solar_mode mode, const char *efficiency,
                             size_t col_total, double exposure_t_yr)
{
  nutmm_solar_options so;
  int s;
  if ((s = nutmm_target_alloc("Xe", &p->target)) || (s = nutmm_flux_solar_options_default(&so)))
    return s;
  so.mode = mode;
  if ((s = nutmm_flux_solar_alloc(&so, &p->flux)) || (s = nutmm_detector_alloc(&p->det)) ||
      (s = nutmm_detector_set_resolution_sqrt_linear(p->det, XENON1T_RES_A * sqrt(NUTMM_KEV),
                                                      XENON1T_RES_B)) ||
      (s = nutmm_detector_set_efficiency_data(p->det, NUTMM_EFF_OBSERVABLE, efficiency, 0,
                                              col_total, NUTMM_KEV, NUTMM_EFF_OUTSIDE_CLAMP)) ||
      (s = nutmm_detector_set_bins_uniform(p->det, 1.0 * NUTMM_KEV, 30.0 * NUTMM_KEV, 29)))
    return s;
  nutmm_rate_options_default(&p->ro);
  p->ro.channel = NUTMM_CHANNEL_ELECTRON;
  p->ro.exposure = exposure_t_yr * NUTMM_TONNE * NUTMM_YEAR;
  return NUTMM_SUCCESS;
}

#define XENON1T_EFFICIENCY "experiments/xenon1t/xenon1t_efficiency.txt"
#define XENONNT_EFFICIENCY "experiments/xenonnt_sr0/xenonnt_sr0_efficiency.txt"
static int build_xenon1t(bench_plan *p)
{
  return build_solar_xenon(p, NUTMM_SOLAR_MASS, XENON1T_EFFICIENCY, 3, 0.647309514);
}
static int build_xenon1t_flavor(bench_plan *p)
{
  return build_solar_xenon(p, NUTMM_SOLAR_FLAVOR, XENON1T_EFFICIENCY, 3, 0.647309514);
}
static int build_xenonnt(bench_plan *p)
{
  return build_solar_xenon(p, NUTMM_SOLAR_MASS, XENONNT_EFFICIENCY, 1, 1.16);
}

/* examples/coherent_csi.c (config "paper"): CsI nuclei, Klein-Nystrand form factor, pi-DAR
 * (r = 0.08, 1.76e23 POT, 19.3 m), Konovalov quenching, light yield, 2017 acceptance,
 * 12 bins of 2 PE from 6 to 30 PE. */
static int build_coherent_csi(bench_plan *p)
{
  nutmm_pidar_options pp = {.r = 0.08, .n_pot = 1.76e23, .L = 19.3 * NUTMM_METER};
  int s;
  if ((s = nutmm_target_alloc("CsI", &p->target)) || (s = nutmm_flux_pidar_alloc(&pp, &p->flux)) ||
      (s = nutmm_detector_alloc(&p->det)) || (s = nutmm_detector_set_quench_poly(p->det, csi_qf, 4, CSI_QF_TMAX)) ||
      (s = nutmm_detector_set_light_yield(p->det, CSI_LY_PER_KEVEE / NUTMM_KEV)) ||
      (s = nutmm_detector_set_efficiency_logistic(p->det, NUTMM_EFF_OBSERVABLE, 0.6655, 0.4942,
                                                  10.8507, 5.0)) /* 1804.09459 */ ||
      (s = nutmm_detector_set_bins_uniform(p->det, 6.0, 30.0, 12)))
    return s;
  nutmm_rate_options_default(&p->ro);
  p->ro.exposure = 14.57 * NUTMM_KG;
  p->ro.xsec.ff.model = NUTMM_FF_KLEIN_NYSTRAND;
  return NUTMM_SUCCESS;
}

/* examples/coherent_lar.c: Ar nuclei (Helm), pi-DAR (0.09, 13.8e22 POT, 27.5 m), LAr
 * quenching and resolution, analysis-A efficiency, 12 bins of 10 keVee from 0. */
static int build_coherent_lar(bench_plan *p)
{
  nutmm_pidar_options pp = {.r = 0.09, .n_pot = 13.8e22, .L = 27.5 * NUTMM_METER};
  int s;
  if ((s = nutmm_target_alloc("Ar", &p->target)) || (s = nutmm_flux_pidar_alloc(&pp, &p->flux)) ||
      (s = nutmm_detector_alloc(&p->det)) || (s = nutmm_detector_set_quench_linear_qf(p->det, LAR_QF_A, LAR_QF_B_PER_KEV / NUTMM_KEV)) ||
      (s = nutmm_detector_set_resolution_sqrt_linear(p->det, LAR_RES_C * sqrt(NUTMM_KEV), 0.0)) ||
      (s = nutmm_detector_set_efficiency_data(p->det, NUTMM_EFF_OBSERVABLE,
                                              "experiments/coherent_lar/analysisA_efficiency.dat",
                                              0, 2, NUTMM_KEV, NUTMM_EFF_OUTSIDE_CLAMP)) ||
      (s = nutmm_detector_set_bins_uniform(p->det, 0.0, 120.0 * NUTMM_KEV, 12)))
    return s;
  nutmm_rate_options_default(&p->ro);
  p->ro.exposure = 24.0 * NUTMM_KG;
  return NUTMM_SUCCESS;
}

/* examples/cenns750.c: LAr nuclei, pi-DAR (0.09, 3 x 1.5e23 POT, 28.4 m), LAr quenching and
 * resolution, 20 keVnr true threshold, 12 bins of 5 keVee from the threshold's image. */
static int build_cenns750(bench_plan *p)
{
  nutmm_pidar_options pp = {.r = 0.09, .n_pot = 3.0 * 1.5e23, .L = 28.4 * NUTMM_METER};
  const double thr = 20.0 * NUTMM_KEV;
  const double ethr = (LAR_QF_A + LAR_QF_B_PER_KEV * thr / NUTMM_KEV) * thr;
  double edges[13];
  for (size_t i = 0; i <= 12; i++)
    edges[i] = ethr + (double)i * 5.0 * NUTMM_KEV;
  int s;
  if ((s = nutmm_flux_pidar_alloc(&pp, &p->flux)) || (s = nutmm_target_alloc("LAr", &p->target)) ||
      (s = nutmm_detector_alloc(&p->det)) || (s = nutmm_detector_set_quench_linear_qf(p->det, LAR_QF_A, LAR_QF_B_PER_KEV / NUTMM_KEV)) ||
      (s = nutmm_detector_set_resolution_sqrt_linear(p->det, LAR_RES_C * sqrt(NUTMM_KEV), 0.0)) ||
      (s = nutmm_detector_set_threshold(p->det, NUTMM_EFF_TRUE, thr)) ||
      (s = nutmm_detector_set_bins(p->det, edges, 13)))
    return s;
  nutmm_rate_options_default(&p->ro);
  p->ro.exposure = 610.0 * NUTMM_KG;
  return NUTMM_SUCCESS;
}

/* examples/texono.c: CsI electrons with S(T), reactor anti-nu_e (default shape, TEXONO total), no smearing,
 * the data file's 10 bins of 0.5 MeV over 3-8 MeV. */
static int build_texono(bench_plan *p)
{
  nutmm_reactor_options ro;
  nutmm_flux_reactor_options_default(&ro);
  ro.total = TEXONO_FLUX;
  int s;
  if ((s = nutmm_flux_reactor_alloc(&ro, &p->flux)) || (s = nutmm_target_alloc("CsI", &p->target)) ||
      (s = nutmm_detector_alloc(&p->det)) || (s = nutmm_detector_set_bins_uniform(p->det, 3.0, 8.0, 10)))
    return s;
  nutmm_rate_options_default(&p->ro);
  p->ro.channel = NUTMM_CHANNEL_ELECTRON;
  p->ro.exposure = NUTMM_KG * NUTMM_DAY;
  return NUTMM_SUCCESS;
}

/* examples/cr51_cens.c: 5 MCi 51Cr point source at 25 cm for 2 half-lives, 1 L of target,
 * 10 equal true-recoil bins from 10 eV to the largest T_max of the flux end point. */
static int build_cr51_cens(bench_plan *p, const char *target, double density)
{
  nutmm_cr51_options src;
  nutmm_flux_cr51_options_default(&src);
  src.geometry = NUTMM_CR51_POINT;
  src.distance = 25.0 * NUTMM_CM;
  const double thr = 10.0 * NUTMM_EV;
  double E_max, T_hi = 0.0, edges[11];
  int s;
  if ((s = nutmm_target_alloc(target, &p->target)) || (s = nutmm_flux_cr51_alloc(&src, &p->flux)) ||
      (s = nutmm_flux_endpoint(p->flux, &E_max)))
    return s;
  for (size_t i = 0; i < nutmm_target_n_nuclei(p->target); i++)
    T_hi = fmax(T_hi, nutmm_kin_tmax(E_max, nutmm_target_nucleus(p->target, i)->mass));
  if ((s = nutmm_bin_edges_uniform(thr, T_hi, 10, edges)) || (s = nutmm_detector_alloc(&p->det)) ||
      (s = nutmm_detector_set_bins(p->det, edges, 11)) ||
      (s = nutmm_detector_set_threshold(p->det, NUTMM_EFF_TRUE, thr)))
    return s;
  nutmm_rate_options_default(&p->ro);
  p->ro.exposure = density * NUTMM_GRAM * NUTMM_LITER * src.duration;
  return NUTMM_SUCCESS;
}

static int build_cr51_cens_si(bench_plan *p) { return build_cr51_cens(p, "Si", 2.33); }
static int build_cr51_cens_ge(bench_plan *p) { return build_cr51_cens(p, "Ge", 5.32); }
static int build_cr51_cens_al2o3(bench_plan *p) { return build_cr51_cens(p, "Al2O3", 3.98); }
static int build_cr51_cens_cawo4(bench_plan *p) { return build_cr51_cens(p, "CaWO4", 6.06); }

/* examples/cr51_lxe.c (config A): 5 MCi for 50 d, source 1 m from the near face of a
 * 1.38 m x 1.38 m LXe cylinder, Xe electrons with S(T), 29 true-recoil bins, 1-30 keV. */
static int build_cr51_lxe(bench_plan *p)
{
  nutmm_cr51_options src;
  nutmm_flux_cr51_options_default(&src);
  src.duration = 50.0 * NUTMM_DAY;
  src.geometry = NUTMM_CR51_CYLINDER;
  src.distance = 100.0 * NUTMM_CM;
  src.height = 1.38 * NUTMM_METER;
  src.radius = 0.69 * NUTMM_METER;
  int s;
  if ((s = nutmm_target_alloc("Xe", &p->target)) || (s = nutmm_flux_cr51_alloc(&src, &p->flux)) ||
      (s = nutmm_detector_alloc(&p->det)) ||
      (s = nutmm_detector_set_bins_uniform(p->det, 1.0 * NUTMM_KEV, 30.0 * NUTMM_KEV, 29)))
    return s;
  nutmm_rate_options_default(&p->ro);
  p->ro.channel = NUTMM_CHANNEL_ELECTRON;
  p->ro.exposure = 2.953 * NUTMM_GRAM * NUTMM_PI * src.radius * src.radius * src.height *
                   src.duration;
  return NUTMM_SUCCESS;
}

static const bench_case cases[] = {
    {"xenon1t", "nutmm-xenon1t", 1e-3, 0.3, build_xenon1t},
    {"xenon1t-flavor", "(none: the solar plan by flavour)", 1e-3, 0.3, build_xenon1t_flavor},
    {"xenonnt", "nutmm-xenonnt", 1e-3, 0.3, build_xenonnt},
    {"coherent-csi", "nutmm-coherent-csi", 1e-3, 50.0, build_coherent_csi},
    {"coherent-lar", "nutmm-coherent-lar", 1e-3, 50.0, build_coherent_lar},
    {"cenns750", "nutmm-cenns750", 1e-3, 50.0, build_cenns750},
    {"texono", "nutmm-texono", 1e-3, 10.0, build_texono},
    {"cr51-cens-si", "nutmm-cr51-cens --target si", 1e-3, 0.75, build_cr51_cens_si},
    {"cr51-cens-ge", "nutmm-cr51-cens --target ge", 1e-3, 0.75, build_cr51_cens_ge},
    {"cr51-cens-al2o3", "nutmm-cr51-cens --target al2o3", 1e-3, 0.75, build_cr51_cens_al2o3},
    {"cr51-cens-cawo4", "nutmm-cr51-cens --target cawo4", 1e-3, 0.75, build_cr51_cens_cawo4},
    {"cr51-lxe", "nutmm-cr51-lxe --config A", 1e-3, 0.75, build_cr51_lxe},
};
#define NCASES (sizeof cases / sizeof cases[0])

/* ---- timing ----------------------------------------------------------------------------- */

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

enum { T_SETUP, T_PLAN, T_SM, T_DIPOLE, T_INT, T_EVAL, NT };
static const char *const tnames[NT] = {"setup_us", "plan_us", "sm_us", "dipole_us",
                                       "interference_us", "eval_us"};

typedef struct {
  size_t nbins, ncomp, nnodes;
  double t[NT]; /* microseconds */
  double check; /* a sum of the outputs, so that nothing is optimised away */
} bench_run;

static int fail(const char *what)
{
  fprintf(stderr, "nutmm-bench: %s: %s\n", what, nutmm_error_reason());
  return EXIT_FAILURE;
}

/* m4 of evaluation i: log-spaced over [lo, hi]. */
static double m4_at(const bench_case *c, long i)
{
  double f = (double)(i % BENCH_M4_POINTS) / (BENCH_M4_POINTS - 1);
  return c->m4_lo * pow(c->m4_hi / c->m4_lo, f);
}

/* One repeat of case c: set-up, plan, n evaluations of each process. */
static int run_once(const bench_case *c, long n, bench_run *out)
{
  bench_plan p;
  memset(&p, 0, sizeof p);
  nutmm_rate *r = NULL;
  nutmm_rate_workspace *ws = NULL;
  double t0 = now();
  int s = c->build(&p);
  double t1 = now();
  if (!s)
    s = nutmm_rate_alloc(p.target, p.flux, p.det, &p.ro, &r);
  double t2 = now();
  if (!s)
    s = nutmm_rate_workspace_alloc(r, &ws);
  if (!s && nutmm_rate_nbins(r) > BENCH_MAX_BINS)
    s = nutmm_error_set(NUTMM_EINVAL, "nutmm-bench", "%zu bins", nutmm_rate_nbins(r));
  double counts[BENCH_MAX_BINS], check = 0.0;
  double ts[3] = {0.0, 0.0, 0.0};
  for (int proc = 0; !s && proc < 3; proc++) {
    double ta = now();
    for (long i = 0; !s && i < n; i++) {
      if (proc == 0)
        s = nutmm_rate_sm(r, NULL, counts);
      else
        s = nutmm_rate_binned(r, ws, proc == 1 ? NUTMM_PROCESS_DIPOLE : NUTMM_PROCESS_INTERFERENCE,
                              m4_at(c, i), NULL, counts);
      check += counts[0];
    }
    ts[proc] = 1e6 * (now() - ta) / (double)n;
  }
  if (!s) {
    out->nbins = nutmm_rate_nbins(r);
    out->ncomp = nutmm_rate_ncomponents(r);
    out->nnodes = nutmm_rate_nnodes(r);
    out->t[T_SETUP] = 1e6 * (t1 - t0);
    out->t[T_PLAN] = 1e6 * (t2 - t1);
    out->t[T_SM] = ts[0];
    out->t[T_DIPOLE] = ts[1];
    out->t[T_INT] = ts[2];
    out->t[T_EVAL] = ts[0] + ts[1] + ts[2];
    out->check = check;
  }
  nutmm_rate_workspace_free(ws);
  nutmm_rate_free(r);
  plan_free(&p);
  return s;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
  qsort(v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static double minimum(const double *v, size_t n)
{
  double m = v[0];
  for (size_t i = 1; i < n; i++)
    m = fmin(m, v[i]);
  return m;
}

static void usage(FILE *f)
{
  fprintf(f, "usage: nutmm-bench [--repeats R] [--evals N] [--case NAME] [--tsv FILE|-] [--list]\n"
             "  R repeats (default 7) of set-up, plan and N evaluations (default 200) of the SM,\n"
             "  dipole and interference spectra of each case; min and median in microseconds.\n");
}

int main(int argc, char **argv)
{
  long repeats = 7, n = 200;
  const char *only = NULL, *tsv = NULL;
  for (int i = 1; i < argc; i++) {
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(argv[i], "--repeats") == 0 && v) {
      repeats = strtol(v, NULL, 10);
      i++;
    } else if (strcmp(argv[i], "--evals") == 0 && v) {
      n = strtol(v, NULL, 10);
      i++;
    } else if (strcmp(argv[i], "--case") == 0 && v) {
      only = v;
      i++;
    } else if (strcmp(argv[i], "--tsv") == 0 && v) {
      tsv = v;
      i++;
    } else if (strcmp(argv[i], "--list") == 0) {
      for (size_t k = 0; k < NCASES; k++)
        printf("%s\t%s\n", cases[k].name, cases[k].program);
      return EXIT_SUCCESS;
    } else if (strcmp(argv[i], "--help") == 0) {
      usage(stdout);
      return EXIT_SUCCESS;
    } else {
      usage(stderr);
      return EXIT_FAILURE;
    }
  }
  if (repeats <= 0 || repeats > 1000 || n <= 0) {
    usage(stderr);
    return EXIT_FAILURE;
  }
  FILE *tf = NULL;
  int table = 1;
  if (tsv && strcmp(tsv, "-") == 0) {
    tf = stdout;
    table = 0;
  } else if (tsv && !(tf = fopen(tsv, "w"))) {
    fprintf(stderr, "nutmm-bench: cannot write %s\n", tsv);
    return EXIT_FAILURE;
  }
  if (tf) {
    fprintf(tf, "case\tbins\tcomponents\tnodes");
    for (int t = 0; t < NT; t++)
      fprintf(tf, "\t%s_min\t%s_median", tnames[t], tnames[t]);
    fprintf(tf, "\n");
  }
  if (table)
    printf("# nutmm-bench: %ld repeats x %ld evaluations, microseconds (min / median)\n"
           "%-16s %4s %4s %6s %17s %17s %15s %15s %15s %15s\n",
           repeats, n, "case", "bins", "comp", "nodes", "setup", "plan", "sm", "dipole",
           "interference", "eval");
  double *samples = malloc((size_t)repeats * NT * sizeof *samples);
  if (!samples)
    return fail("memory");
  size_t done = 0;
  for (size_t k = 0; k < NCASES; k++) {
    const bench_case *c = &cases[k];
    if (only && strcmp(only, c->name) != 0)
      continue;
    bench_run run = {0, 0, 0, {0}, 0.0};
    for (long rep = 0; rep < repeats; rep++) {
      if (run_once(c, n, &run)) {
        free(samples);
        return fail(c->name);
      }
      for (int t = 0; t < NT; t++)
        samples[t * repeats + rep] = run.t[t];
    }
    double mn[NT], md[NT];
    for (int t = 0; t < NT; t++) {
      mn[t] = minimum(samples + t * repeats, (size_t)repeats);
      md[t] = median(samples + t * repeats, (size_t)repeats);
    }
    if (table)
      printf("%-16s %4zu %4zu %6zu %8.0f / %6.0f %8.0f / %6.0f %6.2f / %6.2f %6.1f / %6.1f "
             "%6.1f / %6.1f %6.1f / %6.1f\n",
             c->name, run.nbins, run.ncomp, run.nnodes, mn[T_SETUP], md[T_SETUP], mn[T_PLAN],
             md[T_PLAN], mn[T_SM], md[T_SM], mn[T_DIPOLE], md[T_DIPOLE], mn[T_INT], md[T_INT],
             mn[T_EVAL], md[T_EVAL]);
    if (tf) {
      fprintf(tf, "%s\t%zu\t%zu\t%zu", c->name, run.nbins, run.ncomp, run.nnodes);
      for (int t = 0; t < NT; t++)
        fprintf(tf, "\t%.3f\t%.3f", mn[t], md[t]);
      fprintf(tf, "\n");
    }
    if (!isfinite(run.check)) {
      free(samples);
      fprintf(stderr, "nutmm-bench: %s: non-finite output\n", c->name);
      return EXIT_FAILURE;
    }
    done++;
  }
  free(samples);
  if (tf && tf != stdout)
    fclose(tf);
  if (only && done == 0) {
    fprintf(stderr, "nutmm-bench: unknown case '%s' (--list)\n", only);
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
