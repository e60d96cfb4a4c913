/* The shared command-line harness of the nutmm-<experiment> programs (cli.h): parse, build
 * the analysis, call the library, print. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEG (NUTMM_PI / 180.0)

/* Parsed command line. */
typedef struct {
  const char *command;  /* "spectrum", "chi2" or "limit" */
  double m4, mu;        /* MeV; mu_B (or |lambda_param| with --param) */
  double m4_min, m4_max;
  size_t points;
  char flavor[NUTMM_EXP_WORD_MAX];
  double ue4, umu4;     /* |U_e4|, |U_mu4| for Re W = |U_a4| mu */
  int have_lambda;      /* fundamental mode */
  double lambda_abs[3], lambda_phase[3]; /* |lambda_i4| (mu_B), phases (rad) */
  int param;            /* limit --param lambda14/24/34 -> 1, 2, 3; 0 = effective moment */
  double delta;         /* --delta (0: the scan's default) */
  int own_min;          /* --own-min */
  int one_sided;        /* --one-sided: delta = NUTMM_DCHI2_90CL_ONE_SIDED */
  unsigned threads;     /* --threads */
  nutmm_exp_options opt; /* target, config, settings, mixing, interference */
} cli_args;

static void usage(const nutmm_experiment *e, FILE *f)
{
  char def[NUTMM_EXP_WORD_MAX];
  size_t i = 0;
  while (e->flavors[i] && e->flavors[i] != ' ' && i + 1 < sizeof def) {
    def[i] = e->flavors[i];
    i++;
  }
  def[i] = '\0';
  fprintf(f,
          "Usage: nutmm-%s COMMAND [options]\n"
          "%s\n\n"
          "Commands (TSV on stdout, header line first):\n"
          "  spectrum   per analysis bin: edges, observed, backgrounds, SM, dipole, total\n"
          "  chi2       profiled chi^2 at (--m4, --mu), number of bins, best-fit nuisances\n"
          "  limit      90%% C.L. %s on mu vs m4 (log-spaced m4), one row per m4 with a\n"
          "             status column (ok, closed, no-sensitivity, empty, error; inf = no limit)\n\n"
          "Options:\n"
          "  --m4 MEV            sterile neutrino mass (spectrum default %g MeV)\n"
          "  --mu MUB            effective moment in mu_B (spectrum default %g)\n"
          "  --flavor F          incoming flavour converting to nu_4: %s (default %s)\n"
          "  --m4-min MEV --m4-max MEV --points N   limit scan (default %g..%g MeV, %zu points)\n"
          "  --no-interference   drop the weak-magnetic interference term\n"
          "  --ue4 X --umu4 X    |U_e4|, |U_mu4| for the interference term in effective mode\n"
          "                      (Re W = |U_a4| mu; default 0)\n"
          "  --delta X           Delta chi^2 of limits and bands (default 2.7055, one parameter;\n"
          "                      bands: 4.6052 from the global minimum over (m4, mu), searched\n"
          "                      on the scan and on %d log-spaced m4 over the default range)\n"
          "  --own-min           bands from each m4's own minimum (one-parameter convention)\n"
          "  --one-sided         upper limits at the one-sided 90%% C.L., Delta chi^2 = 1.6424\n"
          "                      (q_mu of Cowan et al. 2011; not for bands: with --own-min)\n"
          "  --threads N         limit scan on N threads (default 1; same results)\n"
          "Fundamental TMMs (tmm.h; replaces the effective moment):\n"
          "  --lambda i4=V[,P]   |lambda_i4| = V mu_B (i = 1, 2, 3), phase P degrees; each\n"
          "                      species then gets mu_ster^2 of eq. (6) (eq. (5) for the Sun)\n"
          "  --param lambdaI4    limit: scan |lambda_I4| with the other TMMs zero\n"
          "  --th12 --th13 --th23 --th14 --th24 --th34 DEG, --d13 --d14 --d24 DEG   mixing\n"
          "                      (defaults: NuFIT 5.1 NO, no active-sterile mixing)\n"
          "  --help              this text\n",
          e->name, e->summary, e->two_sided ? "allowed band (Delta chi^2 = 4.61)" : "upper limit",
          e->m4_spectrum, e->mu_spectrum, e->flavors, def, e->m4_min, e->m4_max, e->points,
          CLI_REF_POINTS);
  if (e->targets)
    fprintf(f, "  --target T          detector material: %s\n", e->targets);
  if (e->configs)
    fprintf(f, "  --config C          configuration: %s\n", e->configs);
  if (e->n_settings)
    fprintf(f, "  --set NAME=VALUE    change a set-up parameter (repeatable):\n");
  for (size_t k = 0; k < e->n_settings; k++)
    fprintf(f, "      %-16s %-10g %-8s %s\n", e->settings[k].name, e->settings[k].value,
            e->settings[k].unit, e->settings[k].help);
  if (e->help_extra)
    fputs(e->help_extra, f);
}

/* A finite number, the whole string. */
static int parse_num(const char *s, double *x)
{
  char *end;
  if (!s || !*s)
    return -1;
  *x = strtod(s, &end);
  return (*end == '\0' && isfinite(*x)) ? 0 : -1;
}

static int in_list(const char *list, const char *word)
{
  size_t n = strlen(word);
  for (const char *p = list; p && *p;) {
    while (*p == ' ')
      p++;
    const char *q = p;
    while (*q && *q != ' ')
      q++;
    if (q > p && (size_t)(q - p) == n && strncmp(p, word, n) == 0)
      return 1;
    p = q;
  }
  return 0;
}

static int die(const nutmm_experiment *e, const char *what)
{
  fprintf(stderr, "nutmm-%s: %s\n", e->name, what);
  return EXIT_FAILURE;
}

static int die_lib(const nutmm_experiment *e, const char *what)
{
  fprintf(stderr, "nutmm-%s: %s: %s\n", e->name, what, nutmm_error_reason());
  return EXIT_FAILURE;
}

/* Parse argv into a; returns 0, 1 (help printed) or -1 (error printed). */
static int parse(const nutmm_experiment *e, int argc, char **argv, cli_args *a)
{
  memset(a, 0, sizeof *a);
  nutmm_experiment_options_default(e, &a->opt);
  a->opt.notes = 1;
  a->m4 = e->m4_spectrum;
  a->mu = e->mu_spectrum;
  a->m4_min = e->m4_min;
  a->m4_max = e->m4_max;
  a->points = e->points;
  a->threads = 1;
  size_t i0 = 0;
  while (e->flavors[i0] && e->flavors[i0] != ' ' && i0 + 1 < sizeof a->flavor) {
    a->flavor[i0] = e->flavors[i0];
    i0++;
  }
  int have_m4 = 0, have_mu = 0;
  if (argc < 2) {
    usage(e, stderr);
    return -1;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    usage(e, stdout);
    return 1;
  }
  a->command = argv[1];
  if (strcmp(a->command, "spectrum") && strcmp(a->command, "chi2") && strcmp(a->command, "limit")) {
    fprintf(stderr, "nutmm-%s: unknown command '%s' (spectrum, chi2, limit; --help)\n", e->name,
            a->command);
    return -1;
  }
  nutmm_mixing_params *mix = &a->opt.mix;
  struct {
    const char *name;
    double *dst;
    double scale;
  } nums[] = {{"--m4", &a->m4, 1.0},          {"--mu", &a->mu, 1.0},
              {"--m4-min", &a->m4_min, 1.0},  {"--m4-max", &a->m4_max, 1.0},
              {"--ue4", &a->ue4, 1.0},        {"--umu4", &a->umu4, 1.0},
              {"--delta", &a->delta, 1.0},
              {"--th12", &mix->theta12, DEG}, {"--th13", &mix->theta13, DEG},
              {"--th23", &mix->theta23, DEG}, {"--th14", &mix->theta14, DEG},
              {"--th24", &mix->theta24, DEG}, {"--th34", &mix->theta34, DEG},
              {"--d13", &mix->delta13, DEG},  {"--d14", &mix->delta14, DEG},
              {"--d24", &mix->delta24, DEG}};
  for (int i = 2; i < argc; i++) {
    const char *o = argv[i];
    if (strcmp(o, "--help") == 0) {
      usage(e, stdout);
      return 1;
    }
    if (strcmp(o, "--no-interference") == 0) {
      a->opt.interference = 0;
      continue;
    }
    if (strcmp(o, "--verbose") == 0) {
      a->opt.verbose = 1;
      continue;
    }
    if (strcmp(o, "--own-min") == 0) {
      a->own_min = 1;
      continue;
    }
    if (strcmp(o, "--one-sided") == 0) {
      a->one_sided = 1;
      continue;
    }
    if (strncmp(o, "--", 2) != 0) {
      fprintf(stderr, "nutmm-%s: unexpected argument '%s' (--help)\n", e->name, o);
      return -1;
    }
    if (i + 1 >= argc) {
      fprintf(stderr, "nutmm-%s: option '%s' needs a value or is unknown (--help)\n", e->name, o);
      return -1;
    }
    const char *v = argv[++i];
    int done = 0;
    for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++)
      if (strcmp(o, nums[k].name) == 0) {
        double x;
        if (parse_num(v, &x) != 0) {
          fprintf(stderr, "nutmm-%s: %s: '%s' is not a finite number\n", e->name, o, v);
          return -1;
        }
        *nums[k].dst = x * nums[k].scale;
        have_m4 |= nums[k].dst == &a->m4;
        have_mu |= nums[k].dst == &a->mu;
        done = 1;
      }
    if (done)
      continue;
    double x;
    if (strcmp(o, "--points") == 0 || strcmp(o, "--threads") == 0) {
      const int pts = o[2] == 'p';
      const double top = pts ? 100000 : 64;
      if (parse_num(v, &x) != 0 || x < 1 || x > top || x != floor(x)) {
        fprintf(stderr, "nutmm-%s: %s: '%s' is not a count in 1..%g\n", e->name, o, v, top);
        return -1;
      }
      if (pts)
        a->points = (size_t)x;
      else
        a->threads = (unsigned)x;
    } else if (strcmp(o, "--flavor") == 0) {
      if (!in_list(e->flavors, v) || strlen(v) >= sizeof a->flavor) {
        fprintf(stderr, "nutmm-%s: --flavor '%s' not one of: %s\n", e->name, v, e->flavors);
        return -1;
      }
      strcpy(a->flavor, v);
    } else if (strcmp(o, "--target") == 0 && e->targets) {
      if (nutmm_experiment_set_target(e, &a->opt, v)) {
        fprintf(stderr, "nutmm-%s: --target '%s' not one of: %s\n", e->name, v, e->targets);
        return -1;
      }
    } else if (strcmp(o, "--config") == 0 && e->configs) {
      if (nutmm_experiment_set_config(e, &a->opt, v)) {
        fprintf(stderr, "nutmm-%s: --config '%s' not one of: %s\n", e->name, v, e->configs);
        return -1;
      }
    } else if (strcmp(o, "--lambda") == 0) { /* "i4=V[,P]" */
      char buf[128];
      double val, ph = 0.0;
      if (strlen(v) >= sizeof buf || strlen(v) < 4 || v[1] != '4' || v[2] != '=' || v[0] < '1' ||
          v[0] > '3') {
        fprintf(stderr, "nutmm-%s: --lambda '%s': expected 14=V, 24=V or 34=V[,PHASE]\n", e->name,
                v);
        return -1;
      }
      strcpy(buf, v + 3);
      char *comma = strchr(buf, ',');
      if (comma) {
        *comma = '\0';
        if (parse_num(comma + 1, &ph) != 0) {
          fprintf(stderr, "nutmm-%s: --lambda '%s': bad phase\n", e->name, v);
          return -1;
        }
      }
      if (parse_num(buf, &val) != 0 || val < 0) {
        fprintf(stderr, "nutmm-%s: --lambda '%s': bad modulus\n", e->name, v);
        return -1;
      }
      a->have_lambda = 1;
      a->lambda_abs[v[0] - '1'] = val;
      a->lambda_phase[v[0] - '1'] = ph * DEG;
    } else if (strcmp(o, "--set") == 0 && e->n_settings) {
      const char *eq = strchr(v, '=');
      char name[64];
      size_t len = eq ? (size_t)(eq - v) : 0;
      if (!eq || len >= sizeof name || parse_num(eq + 1, &x) != 0) {
        fprintf(stderr, "nutmm-%s: --set '%s': expected NAME=NUMBER with a NAME from --help\n",
                e->name, v);
        return -1;
      }
      memcpy(name, v, len);
      name[len] = '\0';
      if (nutmm_experiment_set(e, &a->opt, name, x)) {
        fprintf(stderr, "nutmm-%s: --set '%s': %s\n", e->name, v, nutmm_error_reason());
        return -1;
      }
    } else if (strcmp(o, "--param") == 0) {
      const char *names[] = {"mu", "lambda14", "lambda24", "lambda34"};
      a->param = -1;
      for (int k = 0; k < 4; k++)
        if (strcmp(v, names[k]) == 0)
          a->param = k;
      if (a->param < 0) {
        fprintf(stderr, "nutmm-%s: --param '%s' not one of mu, lambda14, lambda24, lambda34\n",
                e->name, v);
        return -1;
      }
    } else {
      fprintf(stderr, "nutmm-%s: unknown option '%s' (--help)\n", e->name, o);
      return -1;
    }
  }
  if (strcmp(a->command, "chi2") == 0 && !(have_m4 && (have_mu || a->have_lambda))) {
    fprintf(stderr, "nutmm-%s: chi2 needs --m4 and --mu (or --lambda)\n", e->name);
    return -1;
  }
  if (!(a->m4 >= 0) || !(a->mu >= 0) || !(a->m4_min > 0) || !(a->m4_max >= a->m4_min) ||
      a->ue4 < 0 || a->ue4 > 1 || a->umu4 < 0 || a->umu4 > 1 || a->delta < 0) {
    fprintf(stderr,
            "nutmm-%s: need m4 >= 0, mu >= 0, 0 < m4-min <= m4-max, |U| in [0, 1], delta >= 0\n",
            e->name);
    return -1;
  }
  if (a->one_sided && (a->delta > 0 || (e->two_sided && !a->own_min))) {
    fprintf(stderr, "nutmm-%s: --one-sided sets Delta chi^2 for upper limits: not with --delta%s\n",
            e->name, e->two_sided ? ", and bands need --own-min" : "");
    return -1;
  }
  if (a->one_sided)
    a->delta = NUTMM_DCHI2_90CL_ONE_SIDED;
  if (strcmp(a->command, "limit") == 0 && a->have_lambda && a->param == 0) {
    fprintf(stderr, "nutmm-%s: limit in fundamental mode needs --param lambda14, lambda24 or "
            "lambda34\n", e->name);
    return -1;
  }
  return 0;
}

/* The coupling of the command line: scaled by t = `scale` (the unit coupling of a scan for
 * scale = 1 with `unit_only`; the values of --mu / --lambda otherwise). */
static int make_coupling(const cli_args *a, int unit_only, nutmm_coupling *c)
{
  nutmm_coupling_init(c);
  c->mix = a->opt.mix;
  int s;
  if (a->param > 0) { /* |lambda_param| scanned (or given by --mu for chi2 / spectrum) */
    return nutmm_coupling_set_lambda(c, a->param, unit_only ? 1.0 : a->mu,
                                     a->lambda_phase[a->param - 1]);
  }
  if (a->have_lambda) {
    for (int i = 0; i < 3; i++)
      if ((s = nutmm_coupling_set_lambda(c, i + 1, a->lambda_abs[i], a->lambda_phase[i])))
        return s;
    return NUTMM_SUCCESS;
  }
  if ((s = nutmm_coupling_set_flavor(c, a->flavor, unit_only ? 1.0 : a->mu)) ||
      (s = nutmm_coupling_set_u4(c, NUTMM_FLAVOR_E, a->ue4)) ||
      (s = nutmm_coupling_set_u4(c, NUTMM_FLAVOR_MU, a->umu4)))
    return s;
  return NUTMM_SUCCESS;
}

static int cmd_spectrum(const nutmm_experiment *e, const nutmm_analysis *an,
                        nutmm_analysis_workspace *ws, const cli_args *a)
{
  const size_t nb = nutmm_analysis_nbins(an), nbkg = nutmm_analysis_n_backgrounds(an);
  const int has_i = nutmm_analysis_has_interference(an);
  double *v = malloc((5 + nbkg) * nb * sizeof *v);
  if (!v)
    return die(e, "out of memory");
  double *obs = v, *sm = obs + nb, *dip = sm + nb, *in = dip + nb, *tot = in + nb,
         *bkg = tot + nb;
  nutmm_coupling c;
  if (make_coupling(a, 0, &c) || nutmm_analysis_observed(an, obs) ||
      nutmm_analysis_spectrum(an, ws, a->m4, &c, sm, dip, in, bkg, tot)) {
    free(v);
    return die_lib(e, "spectrum");
  }
  const double *edges = nutmm_analysis_edges(an), unit = nutmm_analysis_edge_unit(an);
  const char *stem = nutmm_analysis_edge_stem(an);
  printf("%s_lo\t%s_hi\tobserved", stem, stem);
  for (size_t b = 0; b < nbkg; b++)
    printf("\tbkg_%s", nutmm_analysis_background_name(an, b));
  printf("\tsm\tdipole%s\ttotal\n", has_i ? "\tinterference" : "");
  for (size_t i = 0; i < nb; i++) {
    printf("%.12g\t%.12g\t%.12g", edges[i] / unit, edges[i + 1] / unit, obs[i]);
    for (size_t b = 0; b < nbkg; b++)
      printf("\t%.12g", bkg[b * nb + i]);
    printf("\t%.12g\t%.12g", sm[i], dip[i]);
    if (has_i)
      printf("\t%.12g", in[i]);
    printf("\t%.12g\n", tot[i]);
  }
  free(v);
  return EXIT_SUCCESS;
}

static int cmd_chi2(const nutmm_experiment *e, const nutmm_analysis *an,
                    nutmm_analysis_workspace *ws, const cli_args *a)
{
  const size_t nn = nutmm_analysis_n_nuisances(an);
  double *xi = calloc(nn + 1, sizeof *xi), chi2, chi2_0;
  nutmm_coupling c;
  if (!xi || make_coupling(a, 0, &c) || nutmm_analysis_chi2(an, ws, a->m4, NULL, &chi2_0, NULL) ||
      nutmm_analysis_chi2(an, ws, a->m4, &c, &chi2, xi)) {
    free(xi);
    return die_lib(e, "chi2");
  }
  printf("quantity\tvalue\n");
  printf("m4_MeV\t%.12g\n", a->m4);
  if (a->have_lambda && a->param == 0)
    for (int i = 0; i < 3; i++)
      printf("lambda_%d4_muB\t%.12g\n", i + 1, a->lambda_abs[i]);
  else
    printf("mu_muB\t%.12g\n", a->mu);
  printf("chi2\t%.10g\nchi2_mu0\t%.10g\ndelta_chi2\t%.10g\nnbins\t%zu\n", chi2, chi2_0,
         chi2 - chi2_0, nutmm_analysis_nbins(an));
  for (size_t k = 0; k < nn; k++)
    printf("xi_%zu\t%.12g\n", k, xi[k]);
  free(xi);
  return EXIT_SUCCESS;
}

static int cmd_limit(const nutmm_experiment *e, const nutmm_analysis *an, const cli_args *a)
{
  const size_t np = a->points;
  double *m4 = malloc(np * sizeof *m4), ref[CLI_REF_POINTS];
  nutmm_scan_point *pt = malloc(np * sizeof *pt);
  nutmm_coupling unit;
  nutmm_scan_options so;
  nutmm_scan_options_default(&so);
  so.delta = a->delta;
  so.threads = a->threads;
  if (e->two_sided && !a->own_min) {
    so.reference = NUTMM_SCAN_GLOBAL_MIN;
    so.ref_m4 = ref;
    so.n_ref = CLI_REF_POINTS;
  }
  int ok = m4 && pt && !make_coupling(a, 1, &unit) &&
           !nutmm_scan_grid_log(a->m4_min, a->m4_max, np, m4) &&
           !nutmm_scan_grid_log(e->m4_min, e->m4_max, CLI_REF_POINTS, ref) &&
           !nutmm_scan(&an, 1, &unit, m4, np, &so, pt, NULL);
  if (!ok) {
    free(m4);
    free(pt);
    return die_lib(e, "limit");
  }
  /* the scanned quantity names the output columns: mu_90CL_muB, lambda14_90CL_muB, ... */
  const char *p = (const char *[]){"mu", "lambda14", "lambda24", "lambda34"}[a->param];
  if (e->two_sided)
    printf("m4_MeV\t%s_low_muB\t%s_high_muB\t%s_best_muB\tstatus\n", p, p, p);
  else
    printf("m4_MeV\t%s_90CL_muB\tstatus\n", p);
  size_t count[NUTMM_SCAN_ERROR + 1] = {0};
  for (size_t k = 0; k < np; k++) {
    const nutmm_scan_point *q = &pt[k];
    count[q->status]++;
    if (q->status == NUTMM_SCAN_ERROR)
      fprintf(stderr, "nutmm-%s: m4 = %g MeV: %s\n", e->name, q->m4, q->reason);
    if (e->two_sided)
      printf("%.12g\t%.12g\t%.12g\t%.12g\t%s\n", q->m4, q->low, q->high, q->best,
             nutmm_scan_status_name(q->status));
    else
      printf("%.12g\t%.12g\t%s\n", q->m4, q->high, nutmm_scan_status_name(q->status));
  }
  const size_t not_ok = np - count[NUTMM_SCAN_OK];
  if (not_ok)
    fprintf(stderr, "nutmm-%s: %zu of %zu m4 points without a limit (closed %zu, no-sensitivity "
            "%zu, empty %zu, error %zu): inf in the limit columns\n", e->name, not_ok, np,
            count[NUTMM_SCAN_CLOSED], count[NUTMM_SCAN_NO_SENSITIVITY], count[NUTMM_SCAN_EMPTY],
            count[NUTMM_SCAN_ERROR]);
  free(m4);
  free(pt);
  /* a point that failed (not merely without a limit) makes the whole scan fail */
  return count[NUTMM_SCAN_ERROR] ? EXIT_FAILURE : EXIT_SUCCESS;
}

int cli_main(const char *name, int argc, char **argv)
{
  const nutmm_experiment *e = nutmm_experiment_find(name);
  if (!e) {
    fprintf(stderr, "nutmm-%s: %s\n", name, nutmm_error_reason());
    return EXIT_FAILURE;
  }
  cli_args a;
  int p = parse(e, argc, argv, &a);
  if (p != 0)
    return p > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
  nutmm_analysis *an = NULL;
  nutmm_analysis_workspace *ws = NULL;
  if (nutmm_experiment_build(e->name, &a.opt, &an))
    return die_lib(e, "setup");
  int rc;
  if (strcmp(a.command, "limit") == 0)
    rc = cmd_limit(e, an, &a);
  else if (nutmm_analysis_workspace_alloc(an, &ws))
    rc = die_lib(e, "workspace");
  else if (strcmp(a.command, "spectrum") == 0)
    rc = cmd_spectrum(e, an, ws, &a);
  else
    rc = cmd_chi2(e, an, ws, &a);
  nutmm_analysis_workspace_free(ws);
  nutmm_analysis_free(an);
  return rc;
}
