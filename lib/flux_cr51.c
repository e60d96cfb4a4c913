/* libnutmm -- the 51Cr electron-capture nu_e source (flux.h; physics manual phys-flux-cr51,
 * data/cr51/README.md). */
#include <math.h>
#include <stdio.h>

#include "internal.h"
#include "nutmm/data.h"
#include "nutmm/flux.h"
#include "nutmm/units.h"

void nutmm_flux_cr51_options_default(nutmm_cr51_options *p)
{
  if (!p)
    return;
  /* physics manual phys-flux-cr51: 5 MCi, exposure 2 half-lives, 25 cm [assumption there];
   * LXe cylinder h = d = 1.38 m [derived there]. */
  p->activity = 5.0e6 * NUTMM_CURIE;
  p->half_life = NUTMM_CR51_HALF_LIFE;
  p->t_start = 0.0;
  p->duration = 2.0 * NUTMM_CR51_HALF_LIFE;
  p->geometry = NUTMM_CR51_POINT;
  p->distance = 25.0 * NUTMM_CM;
  p->radius = 0.69 * NUTMM_METER;
  p->height = 1.38 * NUTMM_METER;
}

int nutmm_flux_cr51_summary(const nutmm_cr51_options *p, nutmm_cr51_summary *s)
{
  NUTMM_CHECK_PTR(p);
  NUTMM_CHECK_PTR(s);
  NUTMM_CHECK_POSITIVE(p->duration);
  double N, g;
  NUTMM_TRY(nutmm_flux_decays_e(p->activity, p->half_life, p->t_start, p->duration, &N));
  switch (p->geometry) {
  case NUTMM_CR51_POINT:
    NUTMM_TRY(nutmm_flux_point_source_e(1.0, p->distance, &g));
    break;
  case NUTMM_CR51_CYLINDER:
    NUTMM_TRY(nutmm_flux_cylinder_average_e(1.0, p->distance, p->radius, p->height, &g));
    break;
  default:
    NUTMM_FAIL(NUTMM_EINVAL, "unknown 51Cr geometry %d", (int)p->geometry);
  }
  s->decays = N;
  s->mean_activity = N / p->duration;
  s->geometry = g;
  s->mean_flux = s->mean_activity * g;
  s->fluence = N * g;
  if (!isfinite(s->mean_activity) || !isfinite(s->mean_flux) || !isfinite(s->fluence))
    NUTMM_FAIL(NUTMM_ERANGE, "summary not finite (overflow): %g decays over %g s, geometry %g "
               "cm^-2", N, p->duration, g);
  return NUTMM_SUCCESS;
}

int nutmm_flux_cr51_alloc(const nutmm_cr51_options *p, nutmm_flux **f)
{
  NUTMM_CHECK_PTR(f);
  *f = NULL;
  nutmm_cr51_options def;
  if (!p) {
    nutmm_flux_cr51_options_default(&def);
    p = &def;
  }
  nutmm_cr51_summary sum;
  NUTMM_TRY(nutmm_flux_cr51_summary(p, &sum));

  /* data/cr51/lines.dat: E_nu [keV], branching, shell, final state. */
  nutmm_table *t = NULL;
  NUTMM_TRY(nutmm_table_read_data("cr51/lines.dat", &t));
  const size_t rows = nutmm_table_rows(t);
  double E[8], br[8], bsum = 0.0;
  int st = nutmm_table_require_cols(t, 2);
  if (st == NUTMM_SUCCESS && rows > 8)
    st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: %zu lines, at most 8 expected",
                         nutmm_table_path(t), rows);
  for (size_t r = 0; st == NUTMM_SUCCESS && r < rows; r++) {
    st = nutmm_table_double(t, r, 0, &E[r]);
    if (st == NUTMM_SUCCESS)
      st = nutmm_table_double(t, r, 1, &br[r]);
    if (st == NUTMM_SUCCESS && (E[r] <= 0.0 || br[r] < 0.0))
      st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s:%zu: need E > 0 and branching >= 0",
                           nutmm_table_path(t), nutmm_table_line(t, r));
    if (st == NUTMM_SUCCESS)
      bsum += br[r];
  }
  if (st == NUTMM_SUCCESS && fabs(bsum - 1.0) > 1e-3)
    st = nutmm_error_set(NUTMM_EFORMAT, __func__, "%s: branchings sum to %g, not 1",
                         nutmm_table_path(t), bsum);
  nutmm_table_free(t);
  NUTMM_TRY(st);

  nutmm_flux *fl;
  NUTMM_TRY(nutmm_flux_alloc(&fl));
  for (size_t r = 0; st == NUTMM_SUCCESS && r < rows; r++) {
    char label[NUTMM_FLUX_LABEL_MAX];
    snprintf(label, sizeof label, "51Cr-%.0f", E[r]); /* conventional name: keV, rounded */
    /* Time-averaged line flux: branching x decays/duration x <1/(4 pi r^2)>. */
    st = nutmm_flux_add_line(fl, NUTMM_NU_E, 0, label, E[r] * NUTMM_KEV,
                             sum.mean_flux * br[r] / bsum);
  }
  if (st == NUTMM_SUCCESS)
    st = nutmm_flux_set_norm(fl, NUTMM_FLUX_RATE, p->duration);
  if (st != NUTMM_SUCCESS) {
    nutmm_flux_free(fl);
    return nutmm_error_chain(st, __func__);
  }
  *f = fl;
  return NUTMM_SUCCESS;
}
