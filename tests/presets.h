/* Experiment inputs the tests use as realistic detector and source settings.  The
 * library knows no experiment; the assemblies in examples/experiments/ carry the same
 * numbers with their sources (coherent_csi.c, coherent_lar.c, cenns750.c, xenon1t.c). */
#ifndef NUTMM_TEST_PRESETS_H
#define NUTMM_TEST_PRESETS_H

#include <math.h>

#include "nutmm/detector.h"
#include "nutmm/flux.h"
#include "nutmm/units.h"

/* COHERENT CsI[Na] quenching E_ee = sum_k c_k T^k, T and E_ee in MeV (COHERENT 2021 CsI
 * release, arXiv:2110.07730), valid to 0.1 MeV (above the largest pi-DAR recoil). */
static const double test_csi_qf[4] = {0.0554628, 4.30681, -111.707, 840.384};
#define TEST_CSI_QF_TMAX 0.1
#define TEST_CSI_LY_PER_KEVEE 13.348 /* PE per keVee (1804.09459) */
/* CsI 2017 acceptance a / (1 + exp(-k (n - n0))) above 5 PE (1804.09459) */
#define TEST_CSI_ACC_A 0.6655
#define TEST_CSI_ACC_K 0.4942 /* PE^-1 */
#define TEST_CSI_ACC_X0 10.8507
#define TEST_CSI_ACC_THRESHOLD 5.0
/* COHERENT LAr: QF = a + b T[keVnr] (2003.10630), sigma/E = c/sqrt(E[keVee]) (2006.12659) */
#define TEST_LAR_QF_A 0.246
#define TEST_LAR_QF_B_PER_KEV 7.8e-4
#define TEST_LAR_RES_C 0.58
/* XENON1T sigma(E) = a sqrt(E) + b E, a in sqrt(keV) (2006.09721) */
#define TEST_XENON1T_RES_A 0.310
#define TEST_XENON1T_RES_B 0.0037
/* COHERENT CsI 2017 pi-DAR: r = 0.08 per flavour per POT, 1.76e23 POT, 19.3 m (1708.01294) */
#define TEST_PIDAR_R 0.08
#define TEST_PIDAR_NPOT 1.76e23
#define TEST_PIDAR_L (19.3 * NUTMM_METER)
/* TEXONO Kuo-Sheng anti-nu_e flux over 0-10 MeV, cm^-2 s^-1 (as used for TEXONO) */
#define TEST_TEXONO_FLUX 6.4e12

static inline int preset_quench_csi(nutmm_detector *d)
{
  return nutmm_detector_set_quench_poly(d, test_csi_qf, 4, TEST_CSI_QF_TMAX);
}
static inline int preset_quench_lar(nutmm_detector *d)
{
  return nutmm_detector_set_quench_linear_qf(d, TEST_LAR_QF_A, TEST_LAR_QF_B_PER_KEV / NUTMM_KEV);
}
static inline int preset_resolution_xenon1t(nutmm_detector *d)
{
  return nutmm_detector_set_resolution_sqrt_linear(d, TEST_XENON1T_RES_A * sqrt(NUTMM_KEV),
                                                   TEST_XENON1T_RES_B);
}
static inline int preset_resolution_lar(nutmm_detector *d)
{
  return nutmm_detector_set_resolution_sqrt_linear(d, TEST_LAR_RES_C * sqrt(NUTMM_KEV), 0.0);
}
static inline int preset_acceptance_csi2017(nutmm_detector *d)
{
  return nutmm_detector_set_efficiency_logistic(d, NUTMM_EFF_OBSERVABLE, TEST_CSI_ACC_A,
                                                TEST_CSI_ACC_K, TEST_CSI_ACC_X0,
                                                TEST_CSI_ACC_THRESHOLD);
}
/* The COHERENT CsI 2017 pi-DAR fluence. */
static inline int preset_pidar_coherent(nutmm_flux **f)
{
  nutmm_pidar_options p = {TEST_PIDAR_R, TEST_PIDAR_NPOT, TEST_PIDAR_L};
  return nutmm_flux_pidar_alloc(&p, f);
}
/* The reactor flux with TEXONO's total. */
static inline int preset_reactor_texono(nutmm_flux **f)
{
  nutmm_reactor_options o;
  nutmm_flux_reactor_options_default(&o);
  o.total = TEST_TEXONO_FLUX;
  return nutmm_flux_reactor_alloc(&o, f);
}

#endif
