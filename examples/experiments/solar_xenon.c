/* The solar-neutrino electron-recoil plan shared by the xenon TPCs (XENON1T, XENONnT):
 * nu + e -> nu_4 + e on xenon, eq. (19) of arXiv:2109.09545 with the stepping function S(T)
 * of eq. (16), the full solar spectrum as incoherent mass states (eq. 5 / flavour shares,
 * coupling.h), resolution sigma = a sqrt(E) + b E and a tabulated total efficiency. */
#include <math.h>

#include "assembly.h"

int exp_solar_xenon_rate(const exp_xenon_tpc *tpc, const nutmm_mixing_params *mix,
                         const double *edges, size_t nbins, nutmm_target **tg, nutmm_flux **sun,
                         nutmm_detector **det, nutmm_rate **rate)
{
  nutmm_solar_options so;
  nutmm_rate_options ro;
  int s;
  *tg = NULL;
  *sun = NULL;
  *det = NULL;
  *rate = NULL;
  nutmm_rate_options_default(&ro);
  ro.channel = NUTMM_CHANNEL_ELECTRON; /* eq. (19) */
  ro.stepping = 1;                     /* S(T), eq. (16) */
  ro.exposure = tpc->exposure_t_yr * NUTMM_TONNE * NUTMM_YEAR;
  if (!(s = nutmm_target_alloc("Xe", tg)) && !(s = nutmm_flux_solar_options_default(&so))) {
    so.mode = NUTMM_SOLAR_MASS;
    so.mix = *mix;
    s = nutmm_flux_solar_alloc(&so, sun);
  }
  if (!s && !(s = nutmm_detector_alloc(det)) &&
      !(s = nutmm_detector_set_resolution_sqrt_linear(*det, tpc->res_a * sqrt(NUTMM_KEV),
                                                      tpc->res_b)) &&
      !(s = nutmm_detector_set_efficiency_data(*det, NUTMM_EFF_OBSERVABLE, tpc->efficiency_file,
                                               tpc->efficiency_col_e, tpc->efficiency_col_total,
                                               NUTMM_KEV, NUTMM_EFF_OUTSIDE_CLAMP)))
    s = nutmm_detector_set_bins(*det, edges, nbins + 1);
  if (!s)
    s = nutmm_rate_alloc(*tg, *sun, *det, &ro, rate);
  return s;
}
