/* libnutmm -- private part of the mixing module (solar P_ei at many energies).
 * Not installed; nothing here is part of the API. */
#ifndef NUTMM_MIXING_INTERNAL_H
#define NUTMM_MIXING_INTERNAL_H

#include "internal.h"

#include <complex.h>

#include "nutmm/mixing.h"
#include "nutmm/tmm.h"

/* The energy-independent part of nutmm_solar_pei()/nutmm_solar_pee(): the parameters
 * checked once and the sines and cosines of the angles, so that a flux refined on
 * thousands of nodes does not recompute them at every node (physics manual phys-mixing-pei). */
typedef struct {
  double dm21, c12, s12, c13, s13, c14, s14, cos2t12, sin2t12;
} nutmm_solar_mix_;

/* Errors: as nutmm_solar_pei() for the parameters. */
NUTMM_INTERNAL int nutmm_solar_mix_init_(const nutmm_mixing_params *p, nutmm_solar_mix_ *m);

/* nutmm_solar_pei() and nutmm_solar_pee() from prepared parameters: the same numbers. */
NUTMM_INTERNAL int nutmm_solar_pei_(const nutmm_solar_mix_ *m, double E, double n_e, double P[4]);
NUTMM_INTERNAL int nutmm_solar_pee_(const nutmm_solar_mix_ *m, double E, double n_e, double *Pee);

/* nutmm_mueff2() (sterile and active parts) and nutmm_tmm_interference() of every species
 * at once: the amplitudes of each flavour are formed once and serve its neutrino and
 * antineutrino, the very operations of those calls, hence the same numbers and errors.
 * Any output may be NULL. */
NUTMM_INTERNAL int nutmm_tmm_species_all_(const nutmm_mixing *mix, const nutmm_tmm *lam,
                                          double sterile[NUTMM_N_SPECIES],
                                          double active[NUTMM_N_SPECIES],
                                          double complex W[NUTMM_N_SPECIES]);

#endif /* NUTMM_MIXING_INTERNAL_H */
