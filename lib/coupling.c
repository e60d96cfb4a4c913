/* libnutmm -- couplings to nu_4 and their rate weights (coupling.h; arXiv:2109.09545
 * eqs. (5), (6), (20) and the effective moments of Secs. 3-4). */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mixing_internal.h"
#include "nutmm/coupling.h"

void nutmm_coupling_init(nutmm_coupling *c)
{
  if (!c)
    return;
  memset(c, 0, sizeof *c);
  c->mode = NUTMM_COUPLING_EFFECTIVE;
  nutmm_tmm_zero(&c->lambda);
  nutmm_mixing_params_default(&c->mix);
}

int nutmm_coupling_set_flavor(nutmm_coupling *c, const char *flavor, double mu)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(flavor);
  NUTMM_CHECK_NONNEG(mu);
  int all = strcmp(flavor, "all") == 0, f = -1;
  if (strcmp(flavor, "e") == 0)
    f = NUTMM_FLAVOR_E;
  else if (strcmp(flavor, "mu") == 0)
    f = NUTMM_FLAVOR_MU;
  else if (strcmp(flavor, "tau") == 0)
    f = NUTMM_FLAVOR_TAU;
  else if (!all)
    NUTMM_FAIL(NUTMM_ENOTFOUND, "flavour '%s' is not one of e, mu, tau, all", flavor);
  c->mode = NUTMM_COUPLING_EFFECTIVE;
  for (int s = 0; s < NUTMM_N_SPECIES; s++)
    if (all || (int)nutmm_species_flavor((nutmm_species)s) == f)
      c->mu[s] = mu;
  return NUTMM_SUCCESS;
}

int nutmm_coupling_set_u4(nutmm_coupling *c, nutmm_flavor a, double u4)
{
  NUTMM_CHECK_PTR(c);
  if ((int)a < 0 || (int)a > 2)
    NUTMM_FAIL(NUTMM_EINVAL, "flavour %d is not e, mu or tau", (int)a);
  if (!(u4 >= 0.0 && u4 <= 1.0))
    NUTMM_FAIL(NUTMM_EDOM, "|U_a4| = %g must lie in [0, 1]", u4);
  c->u4[a] = u4;
  return NUTMM_SUCCESS;
}

int nutmm_coupling_set_lambda(nutmm_coupling *c, int i, double modulus, double phase)
{
  NUTMM_CHECK_PTR(c);
  if (i < 1 || i > 3)
    NUTMM_FAIL(NUTMM_EBADLEN, "lambda_%d4: i must be 1, 2 or 3", i);
  NUTMM_CHECK_NONNEG(modulus);
  NUTMM_CHECK_FINITE(phase);
  double complex z = modulus * cexp(I * phase);
  NUTMM_TRY(nutmm_tmm_set(&c->lambda, i, 4, creal(z), cimag(z)));
  if (c->mode != NUTMM_COUPLING_FULL)
    c->mode = NUTMM_COUPLING_TMM;
  return NUTMM_SUCCESS;
}

int nutmm_coupling_scaled(const nutmm_coupling *c, double t, nutmm_coupling *out)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(out);
  NUTMM_CHECK_NONNEG(t);
  nutmm_coupling r = *c;
  for (int s = 0; s < NUTMM_N_SPECIES; s++)
    r.mu[s] *= t;
  for (int i = 1; i <= 4; i++)
    for (int j = i + 1; j <= 4; j++) {
      double complex v;
      NUTMM_TRY(nutmm_tmm_get(&c->lambda, i, j, &v));
      double complex tv = t * v;
      NUTMM_TRY(nutmm_tmm_set(&r.lambda, i, j, creal(tv), cimag(tv)));
    }
  *out = r;
  return NUTMM_SUCCESS;
}

static int check_effective(const nutmm_coupling *c, const char *func)
{
  for (int s = 0; s < NUTMM_N_SPECIES; s++)
    if (!isfinite(c->mu[s]) || c->mu[s] < 0.0)
      return nutmm_error_set(NUTMM_EDOM, func, "mu[%d] = %g must be finite and >= 0", s, c->mu[s]);
  for (int a = 0; a < 3; a++)
    if (!(c->u4[a] >= 0.0 && c->u4[a] <= 1.0))
      return nutmm_error_set(NUTMM_EDOM, func, "|U_a4|[%d] = %g must lie in [0, 1]", a, c->u4[a]);
  return NUTMM_SUCCESS;
}

int nutmm_coupling_species_weights(const nutmm_coupling *c, double d_species[NUTMM_N_SPECIES],
                                   double i_species[NUTMM_N_SPECIES], double d_mass[4],
                                   double i_mass[4])
{
  NUTMM_CHECK_PTR(c);
  double ds[NUTMM_N_SPECIES], is[NUTMM_N_SPECIES], dm[4] = {0}, im[4] = {0};
  nutmm_mixing mix;
  NUTMM_TRY(nutmm_mixing_from_params(&c->mix, &mix));
  if (c->mode == NUTMM_COUPLING_EFFECTIVE) {
    NUTMM_TRY(check_effective(c, __func__));
    for (int s = 0; s < NUTMM_N_SPECIES; s++) {
      const nutmm_flavor a = nutmm_species_flavor((nutmm_species)s);
      ds[s] = c->mu[s] * c->mu[s];
      is[s] = c->u4[a] * c->mu[s]; /* Fig. 3 convention: Re W = |U_a4| mu, no CP phases */
    }
    /* solar mass states are neutrinos: the nu_a share of nu_i is |U_ai|^2 */
    for (int i = 0; i < 4; i++)
      for (int a = 0; a < 3; a++) {
        const double p = creal(mix.U[a][i] * conj(mix.U[a][i]));
        dm[i] += ds[a] * p;
        im[i] += is[a] * p;
      }
  } else if (c->mode == NUTMM_COUPLING_TMM || c->mode == NUTMM_COUPLING_FULL) {
    /* the nu_4 part; the light part of full mode: nutmm_coupling_light_weights */
    double complex W[NUTMM_N_SPECIES];
    NUTMM_TRY(nutmm_tmm_species_all_(&mix, &c->lambda, ds, NULL, W));
    for (int s = 0; s < NUTMM_N_SPECIES; s++)
      is[s] = creal(W[s]); /* eq. (20); ds = |A_4|^2 of eq. (6): the nu_4 final state */
    for (int i = 1; i <= 3; i++) {
      double complex v;
      NUTMM_TRY(nutmm_tmm_get(&c->lambda, i, 4, &v));
      dm[i - 1] = creal(v * conj(v)); /* eq. (5), sterile final state */
    }
    const int sterile_mixing =
        c->mix.theta14 != 0.0 || c->mix.theta24 != 0.0 || c->mix.theta34 != 0.0;
    if (i_mass && sterile_mixing)
      NUTMM_FAIL(NUTMM_EINVAL, "the interference of incoherent solar mass states with "
                               "active-sterile mixing is outside this model (TMM mode): drop the interference "
                               "term (programs: --no-interference)");
  } else {
    NUTMM_FAIL(NUTMM_EINVAL, "unknown coupling mode %d", (int)c->mode);
  }
  for (int s = 0; s < NUTMM_N_SPECIES; s++)
    if (!isfinite(ds[s]) || !isfinite(is[s]))
      NUTMM_FAIL(NUTMM_ERANGE, "weights of species %d overflow", s);
  for (int i = 0; i < 4; i++)
    if (!isfinite(dm[i]) || !isfinite(im[i]))
      NUTMM_FAIL(NUTMM_ERANGE, "weights of mass state %d overflow", i + 1);
  if (d_species)
    memcpy(d_species, ds, sizeof ds);
  if (i_species)
    memcpy(i_species, is, sizeof is);
  if (d_mass)
    memcpy(d_mass, dm, sizeof dm);
  if (i_mass)
    memcpy(i_mass, im, sizeof im);
  return NUTMM_SUCCESS;
}

/* w[k] = species weight (flavour components) + mass weight (mass-state components): each
 * rate call gives 0 for the other kind. */
static int combine(const nutmm_rate *r, const double *sp, const double *ms, double *w,
                   double *tmp)
{
  const size_t nc = nutmm_rate_ncomponents(r);
  NUTMM_TRY(nutmm_rate_weights_species(r, sp, w));
  NUTMM_TRY(nutmm_rate_weights_mass(r, ms, tmp));
  for (size_t k = 0; k < nc; k++)
    w[k] += tmp[k];
  return NUTMM_SUCCESS;
}

int nutmm_coupling_weights(const nutmm_coupling *c, const nutmm_rate *r, double *w_dipole,
                           double *w_interference)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(r);
  double ds[NUTMM_N_SPECIES], is[NUTMM_N_SPECIES], dm[4], im[4];
  const size_t nc = nutmm_rate_ncomponents(r);
  /* mass-state interference only matters if the plan has mass-state components */
  int has_mass = 0;
  {
    double ones[4] = {1, 1, 1, 1}, *t = w_dipole ? w_dipole : w_interference;
    if (t) {
      NUTMM_TRY(nutmm_rate_weights_mass(r, ones, t));
      for (size_t k = 0; k < nc; k++)
        has_mass |= t[k] != 0.0;
    }
  }
  NUTMM_TRY(nutmm_coupling_species_weights(c, ds, is, dm,
                                           (w_interference && has_mass) ? im : NULL));
  if (!(w_interference && has_mass))
    memset(im, 0, sizeof im);
  /* scratch: a component's weight of the other kind is exactly 0 */
  double tmp[64], *scratch = tmp;
  double *heap = NULL;
  if (nc > sizeof tmp / sizeof tmp[0]) {
    heap = malloc(nc * sizeof *heap);
    if (!heap)
      NUTMM_FAIL(NUTMM_ENOMEM, "weights of %zu components", nc);
    scratch = heap;
  }
  int s = NUTMM_SUCCESS;
  if (w_dipole)
    s = combine(r, ds, dm, w_dipole, scratch);
  if (!s && w_interference)
    s = combine(r, is, im, w_interference, scratch);
  free(heap);
  return s ? nutmm_error_chain(s, __func__) : NUTMM_SUCCESS;
}
