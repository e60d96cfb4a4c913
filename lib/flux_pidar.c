/* libnutmm -- pi-DAR (stopped pion) neutrino fluence at the SNS (flux.h;
 * physics manual phys-flux-pidar, data/pidar/README.md). */
#include "flux_internal.h"
#include "internal.h"
#include "nutmm/flux.h"
#include "nutmm/units.h"

int nutmm_flux_pidar_alloc(const nutmm_pidar_options *p, nutmm_flux **f)
{
  NUTMM_CHECK_PTR(f);
  *f = NULL;
  NUTMM_CHECK_PTR(p); /* no defaults: r, N_POT and L belong to the experiment */
  NUTMM_CHECK_NONNEG(p->r);
  NUTMM_CHECK_NONNEG(p->n_pot);
  double eta;
  NUTMM_TRY(nutmm_flux_point_source_e(p->r * p->n_pot, p->L, &eta)); /* r N_POT/(4 pi L^2) */

  const double m = NUTMM_MMU, m3 = m * m * m;
  /* physics manual phys-flux-pidar: prompt nu_mu line at (m_pi^2 - m_mu^2)/(2 m_pi) = 29.79 MeV. */
  const double E_prompt = (NUTMM_MPI * NUTMM_MPI - m * m) / (2.0 * NUTMM_MPI);
  nutmm_flux *fl;
  NUTMM_TRY(nutmm_flux_alloc(&fl));
  int st = nutmm_flux_add_line(fl, NUTMM_NU_MU, 0, "prompt", E_prompt, eta);
  /* Michel spectra written about the end point b = m/2 (flux_internal.h):
   * nu_e:      192/m (E/m)^2 (1/2 - E/m) = (192/m^4) E^2 (b - E)
   * anti-nu_mu: 64/m (E/m)^2 (3/4 - E/m) = E^2 (16/m^3 + (64/m^4)(b - E)) */
  const double b = 0.5 * m;
  if (st == NUTMM_SUCCESS)
    st = nutmm_flux_add_michel_(fl, NUTMM_NU_E, "delayed-nue", eta, 0.0, 192.0 / (m3 * m), b);
  if (st == NUTMM_SUCCESS)
    st = nutmm_flux_add_michel_(fl, NUTMM_NUBAR_MU, "delayed-numubar", eta, 16.0 / m3,
                                64.0 / (m3 * m), b);
  if (st == NUTMM_SUCCESS)
    st = nutmm_flux_set_norm(fl, NUTMM_FLUX_FLUENCE, 0.0);
  if (st != NUTMM_SUCCESS) {
    nutmm_flux_free(fl);
    return nutmm_error_chain(st, __func__);
  }
  *f = fl;
  return NUTMM_SUCCESS;
}
