/** @file
 * @brief libnutmm -- units and physical constants.
 *
 * This header is the one owner of units in libnutmm.  Internal system:
 * ~~~
 *   energies and masses  MeV
 *   lengths              cm       (nuclear radii are quoted in fm: multiply by NUTMM_FM)
 *   times                s
 *   target masses        kg
 *   cross sections       cm^2     (differential: cm^2/MeV)
 *   magnetic moments     Bohr magnetons mu_B (so mu_eff^2 is in mu_B^2)
 * ~~~
 * Natural units hbar = c = 1 are used inside formulas; NUTMM_HBARC2 converts
 * MeV^-2 to cm^2.
 *
 * Constants: CODATA 2018 (E. Tiesinga et al., RMP 93 (2021) 025010) and
 * PDG 2020 (G_F), as listed in physics manual phys-constants.
 */
#ifndef NUTMM_UNITS_H
#define NUTMM_UNITS_H

/* ---- mathematical ------------------------------------------------------ */
#define NUTMM_PI 3.14159265358979323846264338328
#define NUTMM_SQRT2 1.41421356237309504880168872421
#define NUTMM_LN2 0.69314718055994530941723212146

/* ---- unit conversions into the internal system ------------------------- */
#define NUTMM_MEV 1.0                 /* MeV */
#define NUTMM_KEV 1.0e-3              /* keV in MeV */
#define NUTMM_EV 1.0e-6               /* eV in MeV */
#define NUTMM_GEV 1.0e3               /* GeV in MeV */
#define NUTMM_CM 1.0                  /* cm */
#define NUTMM_FM 1.0e-13              /* fm in cm */
#define NUTMM_METER 1.0e2             /* m in cm */
#define NUTMM_LITER 1.0e3             /* litre in cm^3 */
#define NUTMM_SECOND 1.0              /* s */
#define NUTMM_DAY 86400.0             /* s */
#define NUTMM_YEAR (365.25 * NUTMM_DAY) /* Julian year, s */
#define NUTMM_KG 1.0                  /* kg */
#define NUTMM_TONNE 1.0e3             /* kg */
#define NUTMM_GRAM 1.0e-3             /* kg */
#define NUTMM_CURIE 3.7e10            /* decays per s (exact definition) */
/* MeV per joule (1 eV = 1.602176634e-19 J exactly, SI 2019), e.g. for thermal powers in W */
#define NUTMM_MEV_PER_JOULE (1.0 / 1.602176634e-13)

/* ---- physical constants ------------------------------------------------ */
/* Fermi constant, PDG 2020: 1.1663787e-5 GeV^-2, here in MeV^-2. */
#define NUTMM_GF 1.1663787e-11
/* Fine-structure constant, CODATA 2018. */
#define NUTMM_ALPHA (1.0 / 137.035999084)
/* Electron, proton, neutron masses and the atomic mass unit (MeV), CODATA 2018. */
#define NUTMM_ME 0.51099895000
#define NUTMM_MP 938.27208816
#define NUTMM_MN 939.56542052
#define NUTMM_AMU 931.49410242
/* Muon and charged-pion masses (MeV), PDG 2020: for the pi-DAR spectra. */
#define NUTMM_MMU 105.6583755
#define NUTMM_MPI 139.57039
/* 51Cr half-life, s: 27.7025 d (data/cr51/lines.dat; ENSDF value as usually
 * quoted, not confirmed; the older 27.704 d differs by 0.005 %). */
#define NUTMM_CR51_HALF_LIFE (27.7025 * NUTMM_DAY)
/* hbar c = 197.3269804 MeV fm (CODATA 2018), in MeV cm. */
#define NUTMM_HBARC 1.973269804e-11
/* (hbar c)^2 in MeV^2 cm^2: converts a cross section in MeV^-2 to cm^2. */
#define NUTMM_HBARC2 (NUTMM_HBARC * NUTMM_HBARC)
/* Avogadro constant (SI, exact), mol^-1. */
#define NUTMM_NA 6.02214076e23
/* Bohr magneton mu_B = e/(2 m_e) = sqrt(4 pi alpha)/(2 m_e), MeV^-1 (natural units). */
#define NUTMM_MU_B 0.29630405392393927 /* = sqrt(4 pi NUTMM_ALPHA)/(2 NUTMM_ME); checked in tests */

/* Weak mixing angle at Q -> 0 (MS-bar), the default of libnutmm (physics manual phys-constants:
 * value used by the paper's group, 1907.11644, 2003.12050); PDG: 0.23857. */
#define NUTMM_SIN2W_DEFAULT 0.2387

/* Radiatively corrected neutrino-proton / neutrino-neutron vector couplings for CEvNS
 * (Erler et al./PDG, physics manual phys-xsec-cevns); an option of the cross sections (xsec.h). */
#define NUTMM_GVP_RADIATIVE 0.0298
#define NUTMM_GVN_RADIATIVE (-0.5117)

#endif /* NUTMM_UNITS_H */
