/* libnutmm -- the full coupling: all six TMMs lambda_ij and the light final states
 * (coupling.h; arXiv:2109.09545 eqs. (5) and (6)). */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mixing_internal.h"
#include "nutmm/coupling.h"

int nutmm_coupling_set_tmm(nutmm_coupling *c, int i, int j, double modulus, double phase)
{
  NUTMM_CHECK_PTR(c);
  if (i < 1 || j > 4 || i >= j)
    NUTMM_FAIL(NUTMM_EBADLEN, "lambda_%d%d: need 1 <= i < j <= 4", i, j);
  NUTMM_CHECK_NONNEG(modulus);
  NUTMM_CHECK_FINITE(phase);
  const double complex z = modulus * cexp(I * phase);
  NUTMM_TRY(nutmm_tmm_set(&c->lambda, i, j, creal(z), cimag(z)));
  c->mode = NUTMM_COUPLING_FULL;
  return NUTMM_SUCCESS;
}

int nutmm_coupling_light_weights(const nutmm_coupling *c, double d_species[NUTMM_N_SPECIES],
                                 double d_mass[4])
{
  NUTMM_CHECK_PTR(c);
  double ds[NUTMM_N_SPECIES] = {0}, dm[4] = {0};
  if (c->mode == NUTMM_COUPLING_FULL) {
    nutmm_mixing mix;
    NUTMM_TRY(nutmm_mixing_from_params(&c->mix, &mix));
    /* sum_{j<=3} |A_j|^2 of eq. (6): final nu_1,2,3 */
    NUTMM_TRY(nutmm_tmm_species_all_(&mix, &c->lambda, NULL, ds, NULL));
    /* eq. (5): a nu_i from the Sun scatters into nu_j with |lambda_ij|^2; j <= 3 here */
    for (int i = 1; i <= 4; i++)
      for (int j = 1; j <= 3; j++) {
        double complex v;
        NUTMM_TRY(nutmm_tmm_get(&c->lambda, i, j, &v));
        dm[i - 1] += creal(v * conj(v));
      }
  } else if (c->mode != NUTMM_COUPLING_EFFECTIVE && c->mode != NUTMM_COUPLING_TMM) {
    NUTMM_FAIL(NUTMM_EINVAL, "unknown coupling mode %d", (int)c->mode);
  }
  for (int s = 0; s < NUTMM_N_SPECIES; s++)
    if (!isfinite(ds[s]))
      NUTMM_FAIL(NUTMM_ERANGE, "light weight of species %d overflows", s);
  for (int i = 0; i < 4; i++)
    if (!isfinite(dm[i]))
      NUTMM_FAIL(NUTMM_ERANGE, "light weight of mass state %d overflows", i + 1);
  if (d_species)
    memcpy(d_species, ds, sizeof ds);
  if (d_mass)
    memcpy(d_mass, dm, sizeof dm);
  return NUTMM_SUCCESS;
}

int nutmm_coupling_light_component_weights(const nutmm_coupling *c, const nutmm_rate *r,
                                           double *w_dipole)
{
  NUTMM_CHECK_PTR(c);
  NUTMM_CHECK_PTR(r);
  NUTMM_CHECK_PTR(w_dipole);
  double ds[NUTMM_N_SPECIES], dm[4];
  NUTMM_TRY(nutmm_coupling_light_weights(c, ds, dm));
  const size_t nc = nutmm_rate_ncomponents(r);
  double *tmp = malloc((nc ? nc : 1) * sizeof *tmp);
  if (!tmp)
    NUTMM_FAIL(NUTMM_ENOMEM, "weights of %zu components", nc);
  /* a component is a flavour or a mass state: the other kind's weight is exactly 0 */
  int s = nutmm_rate_weights_species(r, ds, w_dipole);
  if (!s)
    s = nutmm_rate_weights_mass(r, dm, tmp);
  for (size_t k = 0; !s && k < nc; k++)
    w_dipole[k] += tmp[k];
  free(tmp);
  return s ? nutmm_error_chain(s, __func__) : NUTMM_SUCCESS;
}
