/* The shared command-line harness of the nutmm-<experiment> programs (cli.h). */
#define _POSIX_C_SOURCE 200809L /* isatty */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#define DEG (NUTMM_PI / 180.0)
/* Internal unit of the scan variable: chi^2 objects see mu / CLI_MU_UNIT, keeping the
 * numbers near 1 (stats.h). */
#define CLI_MU_UNIT 1e-10
/* Room for one m4 point's error reason in a parallel scan. */
#define CLI_REASON_SIZE 512

static const char *first_word(const char *list, char *buf, size_t size);

static void usage(const cli_experiment *e, FILE *f)
{
  char def[32];
  fprintf(f,
          "Usage: nutmm-%s COMMAND [options]\n"
          "%s\n\n"
          "Commands (TSV on stdout, header line first):\n"
          "  spectrum   per analysis bin: edges, observed, backgrounds, SM, dipole, total\n"
          "  chi2       profiled chi^2 at (--m4, --mu), number of bins, best-fit nuisances\n"
          "  limit      90%% C.L. %s on mu vs m4 (log-spaced m4)\n\n"
          "Options:\n"
          "  --m4 MEV            sterile neutrino mass (spectrum default %g MeV)\n"
          "  --mu MUB            effective moment in mu_B (spectrum default %g)\n"
          "  --flavor F          incoming flavour converting to nu_4: %s (default %s)\n"
          "  --m4-min MEV --m4-max MEV --points N   limit scan (default %g..%g MeV, %zu points)\n"
          "  --no-interference   drop the weak-magnetic interference term\n"
          "  --ue4 X --umu4 X    |U_e4|, |U_mu4| for the interference term in effective mode\n"
          "                      (Re W = |U_a4| mu; default 0)\n"
          "  --delta X           Delta chi^2 of limits and bands (default 2.7055, one parameter;\n"
          "                      bands: 4.6052 from the global minimum over (m4, mu))\n"
          "  --own-min           bands from each m4's own minimum (one-parameter convention)\n"
          "Fundamental TMMs (tmm.h; replaces the effective moment):\n"
          "  --lambda i4=V[,P]   |lambda_i4| = V mu_B (i = 1, 2, 3), phase P degrees; each\n"
          "                      species then gets mu_ster^2 of eq. (6) (eq. (5) for the Sun)\n"
          "  --param lambdaI4    limit: scan |lambda_I4| with the other TMMs zero\n"
          "  --th12 --th13 --th23 --th14 --th24 --th34 DEG, --d13 --d14 --d24 DEG   mixing\n"
          "                      (defaults: NuFIT 5.1 NO, no active-sterile mixing)\n"
          "  --help              this text\n",
          e->name, e->summary, e->two_sided ? "allowed band (Delta chi^2 = 4.61)" : "upper limit",
          e->m4_spectrum, e->mu_spectrum, e->flavors, first_word(e->flavors, def, sizeof def),
          e->m4_min, e->m4_max, e->points);
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

static int parse_num(const char *s, double *x)
{
  char *end;
  if (!s || !*s)
    return -1;
  *x = strtod(s, &end);
  return (*end == '\0' && isfinite(*x)) ? 0 : -1;
}

/* Whether word is one of the space-separated words of list; first word into def. */
static int in_list(const char *list, const char *word)
{
  size_t n = strlen(word);
  for (const char *p = list; p && *p;) {
    while (*p == ' ')
      p++;
    const char *q = p;
    while (*q && *q != ' ')
      q++;
    if ((size_t)(q - p) == n && strncmp(p, word, n) == 0)
      return 1;
    p = q;
  }
  return 0;
}

static const char *first_word(const char *list, char *buf, size_t size)
{
  size_t i = 0;
  while (list && list[i] && list[i] != ' ' && i + 1 < size) {
    buf[i] = list[i];
    i++;
  }
  buf[i] = '\0';
  return buf;
}

static int die(const cli_experiment *e, const char *what)
{
  fprintf(stderr, "nutmm-%s: %s\n", e->name, what);
  return EXIT_FAILURE;
}

static int die_lib(const cli_experiment *e, const char *what)
{
  fprintf(stderr, "nutmm-%s: %s: %s\n", e->name, what, nutmm_error_reason());
  return EXIT_FAILURE;
}

/* Parse argv into a; returns 0, 1 (help printed) or -1 (error printed). */
static int parse(const cli_experiment *e, int argc, char **argv, cli_args *a)
{
  memset(a, 0, sizeof *a);
  a->m4 = e->m4_spectrum;
  a->mu = e->mu_spectrum;
  a->m4_min = e->m4_min;
  a->m4_max = e->m4_max;
  a->points = e->points;
  a->interference = 1;
  a->flavor = first_word(e->flavors, a->buf_flavor, sizeof a->buf_flavor);
  a->target = e->targets ? first_word(e->targets, a->buf_target, sizeof a->buf_target) : NULL;
  a->config = e->configs ? first_word(e->configs, a->buf_config, sizeof a->buf_config) : NULL;
  nutmm_mixing_params_default(&a->mix);
  if (e->n_settings > CLI_MAX_SETTINGS) {
    fprintf(stderr, "nutmm-%s: too many settings\n", e->name);
    return -1;
  }
  for (size_t k = 0; k < e->n_settings; k++)
    a->set[k] = e->settings[k].value;
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
  struct {
    const char *name;
    double *dst;
    double scale;
  } nums[] = {{"--m4", &a->m4, 1.0},          {"--mu", &a->mu, 1.0},
              {"--m4-min", &a->m4_min, 1.0},  {"--m4-max", &a->m4_max, 1.0},
              {"--ue4", &a->ue4, 1.0},        {"--umu4", &a->umu4, 1.0},
              {"--delta", &a->delta, 1.0},
              {"--th12", &a->mix.theta12, DEG}, {"--th13", &a->mix.theta13, DEG},
              {"--th23", &a->mix.theta23, DEG}, {"--th14", &a->mix.theta14, DEG},
              {"--th24", &a->mix.theta24, DEG}, {"--th34", &a->mix.theta34, DEG},
              {"--d13", &a->mix.delta13, DEG},  {"--d14", &a->mix.delta14, DEG},
              {"--d24", &a->mix.delta24, DEG}};
  for (int i = 2; i < argc; i++) {
    const char *o = argv[i];
    if (strcmp(o, "--help") == 0) {
      usage(e, stdout);
      return 1;
    }
    if (strcmp(o, "--no-interference") == 0) {
      a->interference = 0;
      continue;
    }
    if (strcmp(o, "--verbose") == 0) {
      a->verbose = 1;
      continue;
    }
    if (strcmp(o, "--own-min") == 0) {
      a->own_min = 1;
      continue;
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
          fprintf(stderr, "nutmm-%s: %s: '%s' is not a number\n", e->name, o, v);
          return -1;
        }
        *nums[k].dst = x * nums[k].scale;
        have_m4 |= nums[k].dst == &a->m4;
        have_mu |= nums[k].dst == &a->mu;
        done = 1;
      }
    if (done)
      continue;
    if (strcmp(o, "--points") == 0) {
      double x;
      if (parse_num(v, &x) != 0 || x < 1 || x > 100000 || x != floor(x)) {
        fprintf(stderr, "nutmm-%s: --points: '%s' is not a count in 1..100000\n", e->name, v);
        return -1;
      }
      a->points = (size_t)x;
    } else if (strcmp(o, "--flavor") == 0) {
      if (!in_list(e->flavors, v)) {
        fprintf(stderr, "nutmm-%s: --flavor '%s' not one of: %s\n", e->name, v, e->flavors);
        return -1;
      }
      a->flavor = v;
    } else if (strcmp(o, "--target") == 0 && e->targets) {
      if (!in_list(e->targets, v)) {
        fprintf(stderr, "nutmm-%s: --target '%s' not one of: %s\n", e->name, v, e->targets);
        return -1;
      }
      a->target = v;
    } else if (strcmp(o, "--config") == 0 && e->configs) {
      if (!in_list(e->configs, v)) {
        fprintf(stderr, "nutmm-%s: --config '%s' not one of: %s\n", e->name, v, e->configs);
        return -1;
      }
      a->config = v;
    } else if (strcmp(o, "--lambda") == 0) {
      /* "i4=V[,P]" */
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
      size_t k = 0, len = eq ? (size_t)(eq - v) : 0;
      while (k < e->n_settings &&
             !(strlen(e->settings[k].name) == len && strncmp(e->settings[k].name, v, len) == 0))
        k++;
      double x;
      if (!eq || k == e->n_settings || parse_num(eq + 1, &x) != 0) {
        fprintf(stderr, "nutmm-%s: --set '%s': expected NAME=NUMBER with a NAME from --help\n",
                e->name, v);
        return -1;
      }
      a->set[k] = x;
    } else if (strcmp(o, "--param") == 0) {
      if (strcmp(v, "lambda14") == 0)
        a->param = 1;
      else if (strcmp(v, "lambda24") == 0)
        a->param = 2;
      else if (strcmp(v, "lambda34") == 0)
        a->param = 3;
      else if (strcmp(v, "mu") == 0)
        a->param = 0;
      else {
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
  if (!(a->m4 >= 0) || !(a->mu >= 0) || !(a->m4_min > 0) || !(a->m4_max > a->m4_min) ||
      a->ue4 < 0 || a->ue4 > 1 || a->umu4 < 0 || a->umu4 > 1 || a->delta < 0) {
    fprintf(stderr,
            "nutmm-%s: need m4 >= 0, mu >= 0, 0 < m4-min < m4-max, |U| in [0, 1], delta >= 0\n",
            e->name);
    return -1;
  }
  return 0;
}

/* Couplings per unit scan variable. */
static int make_coupling(const cli_args *a, cli_coupling *c)
{
  memset(c, 0, sizeof *c);
  if (!a->have_lambda && a->param == 0) {
    const char *f = a->flavor;
    int all = strcmp(f, "all") == 0;
    for (int s = 0; s < NUTMM_N_SPECIES; s++) {
      nutmm_flavor fl = nutmm_species_flavor((nutmm_species)s);
      int on = all || (fl == NUTMM_FLAVOR_E && strcmp(f, "e") == 0) ||
               (fl == NUTMM_FLAVOR_MU && strcmp(f, "mu") == 0) ||
               (fl == NUTMM_FLAVOR_TAU && strcmp(f, "tau") == 0);
      c->species[s] = on ? 1.0 : 0.0;
      /* Fig. 3 convention: no CP phases, Re W = |U_a4| mu */
      c->re_w[s] = !on ? 0.0 : fl == NUTMM_FLAVOR_E ? a->ue4 : fl == NUTMM_FLAVOR_MU ? a->umu4 : 0.0;
    }
    /* the Sun in effective mode: mass-state weights unused (flavour fluxes) */
    return NUTMM_SUCCESS;
  }
  nutmm_tmm lam;
  nutmm_tmm_zero(&lam);
  for (int i = 0; i < 3; i++) {
    double v = a->param ? (a->param == i + 1 ? 1.0 : 0.0) : a->lambda_abs[i];
    double complex z = v * cexp(I * a->lambda_phase[i]);
    if (v > 0.0 && nutmm_tmm_set(&lam, i + 1, 4, creal(z), cimag(z)) != NUTMM_SUCCESS)
      return NUTMM_EINVAL;
    c->mass[i] = v * v; /* |lambda_i4|^2, eq. (5) sterile part */
  }
  nutmm_mixing mix;
  int s = nutmm_mixing_from_params(&a->mix, &mix);
  if (s)
    return s;
  for (int sp = 0; sp < NUTMM_N_SPECIES; sp++) {
    nutmm_mueff m;
    double complex W;
    if ((s = nutmm_mueff2(&mix, &lam, (nutmm_species)sp, &m)) != NUTMM_SUCCESS)
      return s;
    if ((s = nutmm_tmm_interference(&mix, &lam, (nutmm_species)sp, &W)) != NUTMM_SUCCESS)
      return s;
    c->species[sp] = m.sterile;
    c->re_w[sp] = creal(W);
  }
  c->tmm = 1;
  return NUTMM_SUCCESS;
}

/* Scan-variable unit: effective mu and |lambda| scans are done in units of 1e-10 mu_B; a
 * fundamental-mode chi2/spectrum with given lambdas uses mu = 1 (the lambdas carry the size). */
static double scan_unit(const cli_args *a) { return (a->have_lambda && a->param == 0) ? 1.0 : CLI_MU_UNIT; }

static int set_signal(const cli_experiment *e, void *ctx, const cli_model *m, const cli_args *a,
                      const cli_coupling *c, double m4, double *D, double *Iv)
{
  int s = e->signal(ctx, m4, c, D, Iv);
  if (s)
    return s;
  double u = scan_unit(a);
  for (size_t i = 0; i < m->nbins; i++) {
    D[i] *= u * u;
    Iv[i] = (m->has_interference && a->interference) ? Iv[i] * u : 0.0;
  }
  return nutmm_chi2_set_signal(m->chi, m->sm, D, Iv);
}

static int cmd_spectrum(const cli_experiment *e, void *ctx, const cli_model *m, const cli_args *a,
                        const cli_coupling *c)
{
  size_t nb = m->nbins;
  double *D = calloc(nb, sizeof *D), *Iv = calloc(nb, sizeof *Iv);
  if (!D || !Iv || set_signal(e, ctx, m, a, c, a->m4, D, Iv)) {
    free(D);
    free(Iv);
    return die_lib(e, "signal");
  }
  double mu = a->mu / scan_unit(a);
  if (a->have_lambda && a->param == 0)
    mu = 1.0;
  printf("%s_lo\t%s_hi\tobserved", m->edge_name, m->edge_name);
  for (size_t b = 0; b < m->n_bkg; b++)
    printf("\tbkg_%s", m->bkg_names[b]);
  printf("\tsm\tdipole%s\ttotal\n", m->has_interference ? "\tinterference" : "");
  for (size_t i = 0; i < nb; i++) {
    double tot = 0.0, sm = m->sm ? m->sm[i] : 0.0;
    printf("%.12g\t%.12g\t%.12g", m->edges[i] / m->edge_unit, m->edges[i + 1] / m->edge_unit,
           m->observed[i]);
    for (size_t b = 0; b < m->n_bkg; b++) {
      printf("\t%.12g", m->bkg[b][i]);
      tot += m->bkg[b][i];
    }
    double dip = mu * mu * D[i], in = mu * Iv[i];
    tot += sm + dip + in;
    printf("\t%.12g\t%.12g", sm, dip);
    if (m->has_interference)
      printf("\t%.12g", in);
    printf("\t%.12g\n", tot);
  }
  free(D);
  free(Iv);
  return EXIT_SUCCESS;
}

static int cmd_chi2(const cli_experiment *e, void *ctx, const cli_model *m, const cli_args *a,
                    const cli_coupling *c)
{
  size_t nb = m->nbins, nn = nutmm_chi2_n_nuisances(m->chi);
  double *D = calloc(nb, sizeof *D), *Iv = calloc(nb, sizeof *Iv), *xi = calloc(nn + 1, sizeof *xi);
  double chi2, chi2_0;
  double mu = (a->have_lambda && a->param == 0) ? 1.0 : a->mu / scan_unit(a);
  int ok = D && Iv && xi && !set_signal(e, ctx, m, a, c, a->m4, D, Iv) &&
           !nutmm_chi2_eval(m->chi, 0.0, &chi2_0, NULL) && !nutmm_chi2_eval(m->chi, mu, &chi2, xi);
  if (!ok) {
    free(D);
    free(Iv);
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
         chi2 - chi2_0, nb);
  for (size_t k = 0; k < nn; k++)
    printf("xi_%zu\t%.12g\n", k, xi[k]);
  free(D);
  free(Iv);
  free(xi);
  return EXIT_SUCCESS;
}

static int cmd_limit(const cli_experiment *e, void *ctx, const cli_model *m, const cli_args *a,
                     const cli_coupling *c)
{
  if (a->have_lambda && a->param == 0)
    return die(e, "limit in fundamental mode needs --param lambda14, lambda24 or lambda34");
  size_t np = a->points, nb = m->nbins;
  double *m4 = malloc(np * sizeof *m4);
  double *D = calloc(np * nb, sizeof *D), *Iv = calloc(np * nb, sizeof *Iv);
  int *status = calloc(np, sizeof *status);
  char *reason = calloc(np, CLI_REASON_SIZE);
  if (!m4 || !D || !Iv || !status || !reason) {
    free(m4);
    free(D);
    free(Iv);
    free(status);
    free(reason);
    return die(e, "out of memory");
  }
  for (size_t p = 0; p < np; p++)
    m4[p] = np == 1 ? a->m4_min
                    : a->m4_min * pow(a->m4_max / a->m4_min, (double)p / (double)(np - 1));
  int tty = isatty(STDERR_FILENO);
  size_t done = 0;
  /* Phase 1: the signal spectra, the only m4-dependent work (parallel across m4). */
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic)
#endif
  for (size_t p = 0; p < np; p++) {
    status[p] = e->signal(ctx, m4[p], c, D + p * nb, Iv + p * nb);
    if (status[p]) /* the reason is per thread: keep this point's */
      snprintf(reason + p * CLI_REASON_SIZE, CLI_REASON_SIZE, "%s", nutmm_error_reason());
    if (tty) {
#ifdef _OPENMP
#pragma omp critical
#endif
      {
        done++;
        fprintf(stderr, "\rnutmm-%s: m4 %zu/%zu", e->name, done, np);
      }
    }
  }
  if (tty)
    fputc('\n', stderr);
  double u = scan_unit(a);
  for (size_t i = 0; i < np * nb; i++) {
    D[i] *= u * u;
    Iv[i] = (m->has_interference && a->interference) ? Iv[i] * u : 0.0;
  }
  /* Phase 2: chi^2 intervals (cheap). Two-sided: Delta chi^2 = 4.61 from the global minimum. */
  /* the scanned quantity names the output columns: mu_90CL_muB, lambda14_90CL_muB, ... */
  const char *pname[] = {"mu", "lambda14", "lambda24", "lambda34"};
  nutmm_limit_opts lo;
  nutmm_limit_opts_default(&lo);
  if (a->delta > 0.0)
    lo.delta = a->delta;
  if (e->two_sided) {
    if (!a->own_min) {
      /* Two parameters: Delta chi^2 = 4.61 from the global minimum over (m4, mu).  The
       * minimum is searched over the scan and over the experiment's default range, so that
       * the band does not depend on the range the user scans. */
      double gmin = INFINITY;
      size_t nref = 24;
      double *Dr = calloc(nb, sizeof *Dr), *Ir = calloc(nb, sizeof *Ir);
      for (size_t p = 0; p < np + nref && Dr && Ir; p++) {
        double chi2;
        const double *Dp, *Ip;
        if (p < np) {
          if (status[p])
            continue;
          Dp = D + p * nb;
          Ip = Iv + p * nb;
        } else {
          double m4r = e->m4_min * pow(e->m4_max / e->m4_min, (double)(p - np) / (double)(nref - 1));
          if (e->signal(ctx, m4r, c, Dr, Ir))
            continue;
          for (size_t i = 0; i < nb; i++) {
            Dr[i] *= u * u;
            Ir[i] = (m->has_interference && a->interference) ? Ir[i] * u : 0.0;
          }
          Dp = Dr;
          Ip = Ir;
        }
        if (nutmm_chi2_set_signal(m->chi, m->sm, Dp, Ip) || nutmm_chi2_bestfit(m->chi, NULL, &chi2))
          continue;
        gmin = fmin(gmin, chi2);
      }
      free(Dr);
      free(Ir);
      if (a->delta <= 0.0)
        lo.delta = NUTMM_DCHI2_90CL_2DOF;
      lo.use_ref = isfinite(gmin);
      lo.chi2_ref = gmin;
    }
    printf("m4_MeV\t%s_low_muB\t%s_high_muB\t%s_best_muB\n", pname[a->param], pname[a->param],
           pname[a->param]);
  } else {
    printf("m4_MeV\t%s_90CL_muB\n", pname[a->param]);
  }
  size_t reported = 0, failed = 0;
  for (size_t p = 0; p < np; p++) {
    if (status[p]) {
      fprintf(stderr, "nutmm-%s: m4 = %g MeV: %s\n", e->name, m4[p], reason + p * CLI_REASON_SIZE);
      failed++;
      continue;
    }
    nutmm_interval iv;
    int s = nutmm_chi2_set_signal(m->chi, m->sm, D + p * nb, Iv + p * nb);
    if (!s)
      s = nutmm_chi2_interval(m->chi, &lo, &iv);
    if (s == NUTMM_EMAXITER || (!s && iv.empty))
      continue; /* beyond the kinematic reach: no sensitivity, no limit reported */
    if (s) {
      fprintf(stderr, "nutmm-%s: m4 = %g MeV: %s\n", e->name, m4[p], nutmm_error_reason());
      failed++;
      continue;
    }
    reported++;
    if (e->two_sided)
      printf("%.12g\t%.12g\t%.12g\t%.12g\n", m4[p], iv.mu_low * u, iv.mu_high * u, iv.mu_best * u);
    else
      printf("%.12g\t%.12g\n", m4[p], iv.mu_high * u);
  }
  if (a->verbose)
    fprintf(stderr, "nutmm-%s: %zu of %zu m4 points with a limit on %s\n", e->name, reported, np,
            pname[a->param]);
  free(m4);
  free(D);
  free(Iv);
  free(status);
  free(reason);
  /* a point that failed (not merely beyond the reach) makes the whole scan fail */
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

int cli_main(const cli_experiment *e, int argc, char **argv)
{
  cli_args a;
  int p = parse(e, argc, argv, &a);
  if (p != 0)
    return p > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
  cli_coupling c;
  if (make_coupling(&a, &c) != NUTMM_SUCCESS)
    return die_lib(e, "couplings");
  cli_model m;
  memset(&m, 0, sizeof m);
  void *ctx = NULL;
  if (e->setup(&a, &m, &ctx) != NUTMM_SUCCESS)
    return die_lib(e, "setup");
  int rc;
  if (strcmp(a.command, "spectrum") == 0)
    rc = cmd_spectrum(e, ctx, &m, &a, &c);
  else if (strcmp(a.command, "chi2") == 0)
    rc = cmd_chi2(e, ctx, &m, &a, &c);
  else
    rc = cmd_limit(e, ctx, &m, &a, &c);
  e->teardown(ctx);
  return rc;
}

int cli_rate_signal(const nutmm_rate *r, double m4, const cli_coupling *c, int use_mass,
                    int interference, const double *comp_scale, double *D, double *Iv)
{
  size_t nc = nutmm_rate_ncomponents(r), nb = nutmm_rate_nbins(r);
  double *w = malloc(2 * nc * sizeof *w);
  nutmm_rate_workspace *ws = NULL;
  int s = w ? nutmm_rate_workspace_alloc(r, &ws)
            : nutmm_error_set(NUTMM_ENOMEM, __func__, "weights of %zu components", nc);
  if (!s)
    s = use_mass ? nutmm_rate_weights_mass(r, c->mass, w)
                 : nutmm_rate_weights_species(r, c->species, w);
  for (size_t k = 0; !s && comp_scale && k < nc; k++)
    w[k] *= comp_scale[k];
  if (!s)
    s = nutmm_rate_dipole(r, ws, m4, w, D);
  if (!s && interference) {
    s = nutmm_rate_weights_species(r, c->re_w, w + nc);
    for (size_t k = 0; !s && comp_scale && k < nc; k++)
      w[nc + k] *= comp_scale[k];
    if (!s)
      s = nutmm_rate_interference(r, ws, m4, w + nc, Iv);
  } else {
    for (size_t i = 0; i < nb; i++)
      Iv[i] = 0.0;
  }
  nutmm_rate_workspace_free(ws);
  free(w);
  return s ? nutmm_error_chain(s, __func__) : NUTMM_SUCCESS;
}

int cli_check_setting(const cli_setting *settings, const cli_args *a, size_t k, double lo,
                      int closed, double hi, int whole)
{
  double v = a->set[k];
  if (isfinite(v) && (closed ? v >= lo : v > lo) && v <= hi && (!whole || v == floor(v)))
    return NUTMM_SUCCESS;
  char upper[48] = "";
  if (hi < INFINITY)
    snprintf(upper, sizeof upper, " and <= %g", hi);
  return nutmm_error_set(NUTMM_EDOM, "settings", "--set %s=%g: %s must be %s %s %g%s (%s)",
                         settings[k].name, v, settings[k].name,
                         whole ? "a whole number" : "finite and", closed ? ">=" : ">", lo, upper,
                         settings[k].unit);
}

int cli_read_column(const char *name, size_t col, double **out, size_t *n)
{
  nutmm_table *t;
  int s = nutmm_table_read_data(name, &t);
  if (s)
    return s;
  *n = nutmm_table_rows(t);
  *out = malloc(*n * sizeof **out);
  if (!*out) {
    nutmm_table_free(t);
    return nutmm_error_set(NUTMM_ENOMEM, __func__, "%s", name);
  }
  s = nutmm_table_column(t, col, 0, *out);
  nutmm_table_free(t);
  if (s) {
    free(*out);
    *out = NULL;
  }
  return s;
}
