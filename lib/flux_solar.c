/* libnutmm -- the standard-solar-model neutrino flux (flux.h; physics manual phys-flux-solar;
 * physics manual phys-mixing-pei).  Shapes and totals from data/solar (README.md there). */
#include <stdlib.h>
#include <string.h>

#include "flux_internal.h"
#include "internal.h"
#include "mixing_internal.h"
#include "nutmm/data.h"
#include "nutmm/flux.h"
#include "nutmm/mixing.h"

static const char *const source_name[NUTMM_SOLAR_NSOURCES] = {"pp", "pep", "hep", "7Be",
                                                              "8B", "13N", "15O", "17F"};

/* Continuum shape files; NULL marks the line sources (data/solar/lines.dat). */
static const char *const shape_file[NUTMM_SOLAR_NSOURCES] = {
    "solar/pp.dat",  NULL,           "solar/hep.dat", NULL, "solar/8B.dat", "solar/13N.dat",
    "solar/15O.dat", "solar/17F.dat"};

#define REFINE_DEFAULT 4u
#define REFINE_MAX 1000u

const char *nutmm_solar_source_name(nutmm_solar_source s)
{
  return ((int)s >= 0 && s < NUTMM_SOLAR_NSOURCES) ? source_name[s] : NULL;
}

static int source_index(const char *name)
{
  for (int s = 0; s < NUTMM_SOLAR_NSOURCES; s++)
    if (strcmp(name, source_name[s]) == 0)
      return s;
  return -1;
}

int nutmm_flux_solar_options_default(nutmm_solar_options *opt)
{
  NUTMM_CHECK_PTR(opt);
  memset(opt, 0, sizeof *opt);
  opt->mode = NUTMM_SOLAR_PRODUCTION;
  nutmm_mixing_params_default(&opt->mix);
  opt->refine = REFINE_DEFAULT;
  for (int s = 0; s < NUTMM_SOLAR_NSOURCES; s++) {
    opt->n_e[s] = NUTMM_SOLAR_NE_DEFAULT;
    opt->total[s] = -1.0; /* marks "not in the file" */
  }
  /* B16-GS98 totals (data/solar/fluxes.dat: component, Phi [cm^-2 s^-1], ...). */
  nutmm_table *t = NULL;
  NUTMM_TRY(nutmm_table_read_data("solar/fluxes.dat", &t));
  int st = nutmm_table_require_cols(t, 2);
  for (size_t r = 0; st == NUTMM_SUCCESS && r < nutmm_table_rows(t); r++) {
    int s = source_index(nutmm_table_string(t, r, 0));
    if (s < 0)
      continue; /* other components (none at present) are not part of the SSM set */
    double phi;
    st = nutmm_table_double(t, r, 1, &phi);
    if (st == NUTMM_SUCCESS && phi < 0.0)
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: negative flux %g", nutmm_table_path(t),
                           nutmm_table_line(t, r), phi);
    if (st == NUTMM_SUCCESS)
      opt->total[s] = phi;
  }
  for (int s = 0; st == NUTMM_SUCCESS && s < NUTMM_SOLAR_NSOURCES; s++)
    if (opt->total[s] < 0.0)
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: no total for '%s'", nutmm_table_path(t),
                           source_name[s]);
  nutmm_table_free(t);
  NUTMM_TRY(st);
  return NUTMM_SUCCESS;
}

/* Probabilities by which a nu_e of energy E is split in the chosen mode:
 * P[0..np-1] with np = 1 (production), 2 (flavour), 4 (mass states). */
static int split(const nutmm_solar_options *o, const nutmm_solar_mix_ *mx, int s, double E,
                 double P[4])
{
  switch (o->mode) {
  case NUTMM_SOLAR_PRODUCTION:
    P[0] = 1.0;
    return NUTMM_SUCCESS;
  case NUTMM_SOLAR_FLAVOR: {
    double pee;
    NUTMM_TRY(nutmm_solar_pee_(mx, E, o->n_e[s], &pee));
    P[0] = pee;       /* nu_e */
    P[1] = 1.0 - pee; /* nu_mu + nu_tau (+ sterile if theta14 != 0), flux.h */
    return NUTMM_SUCCESS;
  }
  case NUTMM_SOLAR_MASS:
    NUTMM_TRY(nutmm_solar_pei_(mx, E, o->n_e[s], P)); /* physics manual phys-mixing-pei */
    return NUTMM_SUCCESS;
  }
  NUTMM_FAIL(NUTMM_EINVAL, "unknown solar mode %d", (int)o->mode);
}

static int n_pieces(nutmm_solar_mode m)
{
  return m == NUTMM_SOLAR_PRODUCTION ? 1 : m == NUTMM_SOLAR_FLAVOR ? 2 : 4;
}

/* Species and mass state of piece p of the chosen mode. */
static void piece_id(nutmm_solar_mode m, int p, nutmm_species *sp, int *ms)
{
  *sp = (m == NUTMM_SOLAR_FLAVOR && p == 1) ? NUTMM_NU_MU : NUTMM_NU_E;
  *ms = m == NUTMM_SOLAR_MASS ? p + 1 : 0;
}

/* The line sources (pep, 7Be) from data/solar/lines.dat: component, label, E, fraction. */
static int add_lines(nutmm_flux *f, const nutmm_solar_options *o, const nutmm_solar_mix_ *mx,
                     int s)
{
  nutmm_table *t = NULL;
  NUTMM_TRY(nutmm_table_read_data("solar/lines.dat", &t));
  int st = nutmm_table_require_cols(t, 4);
  const size_t rows = nutmm_table_rows(t);
  double fsum = 0.0;
  /* First pass: validate and sum the fractions of this source. */
  for (size_t r = 0; st == NUTMM_SUCCESS && r < rows; r++) {
    if (strcmp(nutmm_table_string(t, r, 0), source_name[s]) != 0)
      continue;
    double E, fr;
    st = nutmm_table_double(t, r, 2, &E);
    if (st == NUTMM_SUCCESS)
      st = nutmm_table_double(t, r, 3, &fr);
    if (st == NUTMM_SUCCESS && (E <= 0.0 || fr < 0.0))
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: need E > 0 and fraction >= 0",
                           nutmm_table_path(t), nutmm_table_line(t, r));
    if (st == NUTMM_SUCCESS)
      fsum += fr;
  }
  if (st == NUTMM_SUCCESS && fabs(fsum - 1.0) > 1e-3)
    st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: fractions of '%s' sum to %g, not 1",
                         nutmm_table_path(t), source_name[s], fsum);
  for (size_t r = 0; st == NUTMM_SUCCESS && r < rows; r++) {
    if (strcmp(nutmm_table_string(t, r, 0), source_name[s]) != 0)
      continue;
    double E, fr, P[4];
    nutmm_table_double(t, r, 2, &E); /* validated above */
    nutmm_table_double(t, r, 3, &fr);
    const double phi = o->total[s] * fr / fsum;
    st = split(o, mx, s, E, P);
    for (int p = 0; st == NUTMM_SUCCESS && p < n_pieces(o->mode); p++) {
      nutmm_species sp;
      int ms;
      piece_id(o->mode, p, &sp, &ms);
      st = nutmm_flux_add_line(f, sp, ms, nutmm_table_string(t, r, 1), E, phi * P[p]);
    }
  }
  nutmm_table_free(t);
  NUTMM_TRY(st);
  return NUTMM_SUCCESS;
}

/* A continuum source: Bahcall's shape x total / (trapezoidal integral), and in
 * the oscillated modes x P(E) at nodes refined `refine` times per data segment. */
static int add_continuum(nutmm_flux *f, const nutmm_solar_options *o,
                         const nutmm_solar_mix_ *mx, int s)
{
  char path[4096];
  size_t n = 0;
  double *E = NULL, *y = NULL, *Er = NULL, *yr = NULL, *pr = NULL;
  NUTMM_TRY(nutmm_data_path(shape_file[s], path, sizeof path));
  NUTMM_TRY(nutmm_flux_read_pairs_(path, 0, &n, &E, &y));
  int st = NUTMM_SUCCESS;
  double integral = 0.0;
  for (size_t i = 0; i + 1 < n; i++)
    integral += 0.5 * (E[i + 1] - E[i]) * (y[i] + y[i + 1]);
  if (!(integral > 0.0))
    st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: the shape integrates to %g", path, integral);
  const int np = n_pieces(o->mode);
  const size_t r = o->mode == NUTMM_SOLAR_PRODUCTION ? 1 : o->refine;
  const size_t m = (n - 1) * r + 1;
  if (st == NUTMM_SUCCESS) {
    Er = nutmm_malloc_n(m, sizeof *Er);
    yr = nutmm_malloc_n(m, sizeof *yr);
    pr = nutmm_malloc_n(nutmm_size_mul((size_t)np, m), sizeof *pr);
    if (!Er || !yr || !pr)
      st = nutmm_error_set(NUTMM_ENOMEM, __func__, "%s: %zu nodes", path, m);
  }
  if (st == NUTMM_SUCCESS) {
    const double scale = o->total[s] / integral; /* unit shape -> cm^-2 s^-1 MeV^-1 */
    for (size_t i = 0; i + 1 < n; i++)
      for (size_t j = 0; j < r; j++) {
        const double t = (double)j / (double)r;
        Er[i * r + j] = E[i] + t * (E[i + 1] - E[i]);
        yr[i * r + j] = scale * (y[i] + t * (y[i + 1] - y[i])); /* on the data's segment line */
      }
    Er[m - 1] = E[n - 1];
    yr[m - 1] = scale * y[n - 1];
    for (size_t i = 0; st == NUTMM_SUCCESS && i < m; i++) {
      double P[4];
      st = split(o, mx, s, Er[i], P);
      for (int p = 0; p < np; p++)
        pr[(size_t)p * m + i] = yr[i] * P[p];
    }
  }
  for (int p = 0; st == NUTMM_SUCCESS && p < np; p++) {
    nutmm_species sp;
    int ms;
    piece_id(o->mode, p, &sp, &ms);
    st = nutmm_flux_add_table(f, sp, ms, source_name[s], m, Er, pr + (size_t)p * m);
  }
  free(E);
  free(y);
  free(Er);
  free(yr);
  free(pr);
  NUTMM_TRY(st);
  return NUTMM_SUCCESS;
}

static int check_options(const nutmm_solar_options *o)
{
  if (o->mode != NUTMM_SOLAR_PRODUCTION && o->mode != NUTMM_SOLAR_FLAVOR &&
      o->mode != NUTMM_SOLAR_MASS)
    NUTMM_FAIL(NUTMM_EINVAL, "unknown solar mode %d", (int)o->mode);
  if (o->refine < 1 || o->refine > REFINE_MAX)
    NUTMM_FAIL(NUTMM_EINVAL, "refine = %u not in 1..%u", o->refine, REFINE_MAX);
  for (int s = 0; s < NUTMM_SOLAR_NSOURCES; s++) {
    if (!isfinite(o->total[s]) || o->total[s] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "total flux of '%s' = %g must be finite and >= 0", source_name[s],
                 o->total[s]);
    if (!isfinite(o->n_e[s]) || o->n_e[s] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "n_e of '%s' = %g cm^-3 must be finite and >= 0", source_name[s],
                 o->n_e[s]);
  }
  return NUTMM_SUCCESS;
}

int nutmm_flux_solar_alloc(const nutmm_solar_options *opt, nutmm_flux **f)
{
  NUTMM_CHECK_PTR(f);
  *f = NULL;
  nutmm_solar_options def;
  if (!opt) {
    NUTMM_TRY(nutmm_flux_solar_options_default(&def));
    opt = &def;
  }
  NUTMM_TRY(check_options(opt));
  /* the mixing parameters' checks and trigonometry once, not at every refined node */
  nutmm_solar_mix_ mx = {0};
  if (opt->mode != NUTMM_SOLAR_PRODUCTION)
    NUTMM_TRY(nutmm_solar_mix_init_(&opt->mix, &mx));
  nutmm_flux *fl;
  NUTMM_TRY(nutmm_flux_alloc(&fl));
  int st = NUTMM_SUCCESS;
  for (int s = 0; st == NUTMM_SUCCESS && s < NUTMM_SOLAR_NSOURCES; s++)
    st = shape_file[s] ? add_continuum(fl, opt, &mx, s) : add_lines(fl, opt, &mx, s);
  if (st != NUTMM_SUCCESS) {
    nutmm_flux_free(fl);
    return nutmm_error_chain(st, __func__);
  }
  *f = fl;
  return NUTMM_SUCCESS;
}
