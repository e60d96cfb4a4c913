/** @file
 * @brief libnutmm -- small types shared by every module. */
#ifndef NUTMM_TYPES_H
#define NUTMM_TYPES_H

#ifdef __cplusplus
extern "C" {
#endif

/** Neutrino flavour of an incoming beam. */
typedef enum { NUTMM_FLAVOR_E = 0, NUTMM_FLAVOR_MU = 1, NUTMM_FLAVOR_TAU = 2 } nutmm_flavor;

/** Incoming neutrino species: a flavour and neutrino (0) or antineutrino (1). */
typedef enum {
  NUTMM_NU_E = 0,
  NUTMM_NU_MU = 1,
  NUTMM_NU_TAU = 2,
  NUTMM_NUBAR_E = 3,
  NUTMM_NUBAR_MU = 4,
  NUTMM_NUBAR_TAU = 5
} nutmm_species;

#define NUTMM_N_SPECIES 6

/** Flavour and particle/antiparticle of a species. */
static inline nutmm_flavor nutmm_species_flavor(nutmm_species s) { return (nutmm_flavor)(s % 3); }
static inline int nutmm_species_is_anti(nutmm_species s) { return s >= NUTMM_NUBAR_E; }

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_TYPES_H */
