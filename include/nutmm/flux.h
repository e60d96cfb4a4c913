/** @file
 * @brief libnutmm -- neutrino fluxes: one abstraction for every source.
 *
 * A nutmm_flux is a list of components.  Each component is either
 * ~~~
 *   - continuous: a spectrum dPhi/dE on a support [E_min, E_max], stored either
 *     as a table treated as PIECEWISE LINEAR between its nodes (solar shapes,
 *     reactor spectrum, user tables) or analytically (pi-DAR Michel spectra); or
 *   - a discrete line at energy E with flux Phi (a Dirac delta: never smeared).
 * ~~~
 * Every component carries a species (types.h), a label ("pp", "8B",
 * "7Be-862", "prompt", "delayed-nue", ...; labels need not be unique) and a
 * mass_state: 1..4 for the solar mass-state decomposition (physics manual phys-tmm-solar,
 * phys-mixing-pei),
 * 0 for an ordinary flavour-state component.
 *
 * Units.  Energies in MeV.  A flux's normalisation (nutmm_flux_norm) is either
 * ~~~
 *   NUTMM_FLUX_RATE     dPhi/dE in cm^-2 s^-1 MeV^-1, lines in cm^-2 s^-1
 *                       (solar, reactor, 51Cr (time-averaged), user fluxes), or
 *   NUTMM_FLUX_FLUENCE  time-integrated, dPhi/dE in cm^-2 MeV^-1, lines in cm^-2
 *                       (pi-DAR normalised to a total number of protons on target).
 * ~~~
 * A rate flux may also carry the duration (s) over which it is a time average
 * (51Cr: the exposure), so that fluence = flux x duration.
 *
 * The rate engine's contract is nutmm_flux_moments(): every cross section of
 * libnutmm is c0 + c1/E + c2/E^2 above a threshold, so the E-integral of flux x
 * cross section is sum_k c_k mom[k](E_lo), and the moments below are EXACT for
 * the stored representation (piecewise linear tables, analytic Michel
 * polynomials, delta lines), O(log n) per call and allocation-free.
 *
 * Thread safety: a flux is read-only after it is built; any number of threads
 * may query one flux concurrently.  Building or scaling needs exclusive access.
 *
 * Sources (physics manual phys-flux-solar, phys-flux-reactor, phys-flux-pidar, phys-flux-cr51,
 * phys-mixing-pei):
 * ~~~
 *   solar    nutmm_flux_solar_alloc   B16-GS98 SSM, production / by flavour / by mass state
 *   reactor  nutmm_flux_reactor_alloc Mueller 2011 above 2 MeV, Vogel-Engel 1989 below
 *   pi-DAR   nutmm_flux_pidar_alloc   prompt nu_mu line + Michel nu_e, anti-nu_mu
 *   51Cr     nutmm_flux_cr51_alloc    four EC lines, decaying source, point or cylinder
 * ~~~
 */
#ifndef NUTMM_FLUX_H
#define NUTMM_FLUX_H

#include <stddef.h>

#include "nutmm/mixing.h"
#include "nutmm/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque flux object; build with nutmm_flux_alloc() or a source constructor,
 * release with nutmm_flux_free(). */
typedef struct nutmm_flux nutmm_flux;

/** Wildcard for the species and mass_state filters of the *_species functions
 * and nutmm_flux_find(). */
#define NUTMM_FLUX_ANY (-1)

/** Maximum label length, terminating NUL included. */
#define NUTMM_FLUX_LABEL_MAX 32

/** What a flux's numbers mean (see the file comment). */
typedef enum {
  NUTMM_FLUX_RATE = 0,   /**< cm^-2 s^-1 (MeV^-1): a flux */
  NUTMM_FLUX_FLUENCE = 1 /**< cm^-2 (MeV^-1): time-integrated */
} nutmm_flux_norm;

/** Description of one component (nutmm_flux_component()). */
typedef struct {
  nutmm_species
      species;         /**< flavour and nu / anti-nu; mass-state components: the produced flavour */
  int mass_state;      /**< 1..4 = mass state nu_i at the detector; 0 = flavour state */
  int is_line;         /**< 1 for a discrete line, 0 for a continuum */
  double E_min, E_max; /**< support in MeV (a line: both = its energy) */
  double total;        /**< integral of the component: cm^-2 s^-1 (rate) or cm^-2 (fluence) */
  const char *label;   /**< valid as long as the flux lives */
} nutmm_flux_info;

/* ---- building ----------------------------------------------------------- */

/** Allocate an empty flux (normalisation NUTMM_FLUX_RATE, no duration) into *f.
 * Errors: NUTMM_EFAULT (f NULL), NUTMM_ENOMEM. */
int nutmm_flux_alloc(nutmm_flux **f);

/** Release a flux; NULL is a no-op. */
void nutmm_flux_free(nutmm_flux *f);

/** Append a tabulated continuum: dPhi/dE[i] (cm^-2 s^-1 MeV^-1, or cm^-2 MeV^-1
 * for a fluence) at E[i] (MeV), i < n, treated as piecewise linear between the
 * nodes and zero outside [E[0], E[n-1]].  The arrays are copied.
 * mass_state: 0 (flavour state) or 1..4.
 * Errors: NUTMM_EFAULT (NULL pointer), NUTMM_EINVAL (n < 2, label NULL/empty or
 * longer than NUTMM_FLUX_LABEL_MAX-1, bad species or mass_state), NUTMM_EDOM
 * (non-finite value, E[0] < 0, E not strictly increasing, dPhi/dE < 0; the
 * reason names the index), NUTMM_ENOMEM. */
int nutmm_flux_add_table(nutmm_flux *f, nutmm_species species, int mass_state, const char *label,
                         size_t n, const double *E, const double *dphi);

/** Append a discrete line of energy E > 0 (MeV) and flux phi >= 0 (cm^-2 s^-1, or
 * cm^-2 for a fluence).  Errors: as nutmm_flux_add_table (E <= 0 or phi < 0:
 * NUTMM_EDOM). */
int nutmm_flux_add_line(nutmm_flux *f, nutmm_species species, int mass_state, const char *label,
                        double E, double phi);

/** Append a tabulated continuum read from a file in the libnutmm data format
 * (data.h): '#' comments, then rows "E[MeV]  dPhi/dE" (further columns ignored).
 * At least two rows; E >= 0 strictly increasing; dPhi/dE >= 0.
 * Errors: NUTMM_EIO (cannot open/read), NUTMM_EFORMAT naming "file:line" (missing
 * column, non-numeric or non-finite entry, negative energy or flux, energies not
 * strictly increasing, fewer than two rows), plus those of nutmm_flux_add_table. */
int nutmm_flux_add_table_file(nutmm_flux *f, nutmm_species species, int mass_state,
                              const char *label, const char *path);

/** Append the lines of a file with rows "E[MeV]  Phi" (Phi in cm^-2 s^-1 or cm^-2),
 * one line component per row, all with the given label.  E > 0, Phi >= 0; any order.
 * Errors: NUTMM_EIO, NUTMM_EFORMAT naming "file:line", as nutmm_flux_add_line. */
int nutmm_flux_add_lines_file(nutmm_flux *f, nutmm_species species, int mass_state,
                              const char *label, const char *path);

/** Multiply every component by factor >= 0 (a normalisation change).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (factor negative or not finite). */
int nutmm_flux_scale(nutmm_flux *f, double factor);

/** Multiply component i by factor >= 0.  Errors: as nutmm_flux_scale,
 * NUTMM_EBADLEN (i out of range). */
int nutmm_flux_scale_component(nutmm_flux *f, size_t i, double factor);

/** Set the normalisation kind and the averaging duration (s; 0 = none/steady
 * state).  Does not change any number.  Errors: NUTMM_EFAULT, NUTMM_EINVAL
 * (unknown norm), NUTMM_EDOM (duration negative or not finite). */
int nutmm_flux_set_norm(nutmm_flux *f, nutmm_flux_norm norm, double duration);

/** Read the normalisation kind and the averaging duration (s); either output
 * may be NULL.  Errors: NUTMM_EFAULT (f NULL). */
int nutmm_flux_get_norm(const nutmm_flux *f, nutmm_flux_norm *norm, double *duration);

/* ---- queries ------------------------------------------------------------ */

/** Number of components (0 for NULL). */
size_t nutmm_flux_ncomponents(const nutmm_flux *f);

/** Describe component i.  Errors: NUTMM_EFAULT, NUTMM_EBADLEN. */
int nutmm_flux_component(const nutmm_flux *f, size_t i, nutmm_flux_info *info);

/** Index of the first component with this label, species (or NUTMM_FLUX_ANY)
 * and mass_state (or NUTMM_FLUX_ANY).  Errors: NUTMM_EFAULT, NUTMM_ENOTFOUND. */
int nutmm_flux_find(const nutmm_flux *f, const char *label, int species, int mass_state, size_t *i);

/** dPhi/dE of component i at E (MeV): cm^-2 s^-1 MeV^-1 (or cm^-2 MeV^-1).
 * Zero outside the support and for a line (a delta function has no value:
 * use nutmm_flux_component() / nutmm_flux_moments()).
 * Errors: NUTMM_EFAULT, NUTMM_EBADLEN, NUTMM_EDOM (E < 0 or not finite). */
int nutmm_flux_eval_e(const nutmm_flux *f, size_t i, double E, double *dphi);

/** Value form of nutmm_flux_eval_e(): NaN on error (reason recorded). */
double nutmm_flux_eval(const nutmm_flux *f, size_t i, double E);

/** Sum of the continuous dPhi/dE at E over the components matching species and
 * mass_state (either may be NUTMM_FLUX_ANY).  Errors: as nutmm_flux_eval_e. */
int nutmm_flux_eval_species_e(const nutmm_flux *f, int species, int mass_state, double E,
                              double *dphi);

/** Integral of component i over its support (lines: their flux). */
int nutmm_flux_total(const nutmm_flux *f, size_t i, double *phi);

/** Sum of the totals of the matching components.  Errors: NUTMM_EFAULT. */
int nutmm_flux_total_species(const nutmm_flux *f, int species, int mass_state, double *phi);

/** The largest energy (MeV) at which the flux is non-zero: max over components
 * of E_max (0 for an empty flux).  Errors: NUTMM_EFAULT. */
int nutmm_flux_endpoint(const nutmm_flux *f, double *E_max);

/** THE moments of component i above E_lo (MeV):
 *   mom[k] = int_{E_lo}^{E_max} dPhi/dE E^-k dE,   k = 0, 1, 2
 * in cm^-2 s^-1 MeV^-k (or cm^-2 MeV^-k); a line contributes Phi E_line^-k iff
 * E_line >= E_lo.  Exact for the stored representation (piecewise linear
 * tables in closed form with cumulative sums at the nodes, analytic Michel
 * polynomials), O(log n), no allocation.  mom = 0 above E_max.
 * Errors: NUTMM_EFAULT, NUTMM_EBADLEN, NUTMM_EDOM (E_lo < 0 or not finite);
 * NUTMM_ERANGE if E_lo = 0 and a table starting at E = 0 makes a moment
 * diverge (mom[1] if dPhi/dE(0) != 0; mom[2] if dPhi/dE(0) != 0 or its slope
 * there is): the divergent moments are set to +infinity, the others are valid.
 * (The rate engine always has E_lo = E_min(T) > 0.) */
int nutmm_flux_moments(const nutmm_flux *f, size_t i, double E_lo, double mom[3]);

/** Sum of nutmm_flux_moments() over the components matching species and
 * mass_state (either may be NUTMM_FLUX_ANY).  Errors: as nutmm_flux_moments. */
int nutmm_flux_moments_species(const nutmm_flux *f, int species, int mass_state, double E_lo,
                               double mom[3]);

/* ---- geometry and decay helpers ------------------------------------------ */

/** Flux at distance L (cm) from an isotropic point source emitting `rate`
 * neutrinos per second (or a number, for a fluence): Phi = rate / (4 pi L^2),
 * physics manual phys-flux-cr51.  Errors: NUTMM_EFAULT, NUTMM_EDOM (rate < 0, L <= 0,
 * non-finite). */
int nutmm_flux_point_source_e(double rate, double L, double *phi);
/** Value form of nutmm_flux_point_source_e(); NaN on error. */
double nutmm_flux_point_source(double rate, double L);

/** Flux of an isotropic point source averaged over a cylinder of radius R and
 * height H (cm), the source on the cylinder's axis at distance L (cm) from its
 * near face (cr51/README.md, Link-Xu / Coloma-Huber-Link method):
 *   Phi_avg = rate x (volume average of 1/(4 pi r^2)) = rate / (4 pi R^2 H) int_L^{L+H} ln(1 + R^2/u^2) du
 *         = rate / (4 pi R^2 H) [F(L+H) - F(L)],  F(u) = u ln(1 + R^2/u^2) + 2 R atan(u/R)
 * (the README's last expression lacks the 1/pi), in closed form, or by quadrature
 * for a thin distant slab (H < 1e-3 L) where the closed form cancels; relative
 * accuracy ~1e-13.  L = 0 (source on the face) is allowed.
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (rate < 0, L < 0, R <= 0, H <= 0, non-finite). */
int nutmm_flux_cylinder_average_e(double rate, double L, double R, double H, double *phi);
/** Value form of nutmm_flux_cylinder_average_e(); NaN on error. */
double nutmm_flux_cylinder_average(double rate, double L, double R, double H);

/** Number of decays of a source of activity A0 (s^-1) at t = 0 and half-life
 * t_half (s) during [t_start, t_start + duration] (s), physics manual phys-flux-cr51:
 *   N = A0 t_half/ln2 2^(-t_start/t_half) (1 - 2^(-duration/t_half)).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (A0 < 0, t_half <= 0, t_start < 0,
 * duration < 0, non-finite). */
int nutmm_flux_decays_e(double A0, double t_half, double t_start, double duration, double *N);
/** Value form of nutmm_flux_decays_e(); NaN on error. */
double nutmm_flux_decays(double A0, double t_half, double t_start, double duration);

/* ---- solar neutrinos ----------------------------------------------------- */

/** Solar neutrino sources (the order of data/solar/fluxes.dat). */
typedef enum {
  NUTMM_SOLAR_PP = 0,
  NUTMM_SOLAR_PEP,
  NUTMM_SOLAR_HEP,
  NUTMM_SOLAR_BE7, /**< two lines, 0.3843 and 0.8613 MeV (data/solar/lines.dat) */
  NUTMM_SOLAR_B8,
  NUTMM_SOLAR_N13,
  NUTMM_SOLAR_O15,
  NUTMM_SOLAR_F17,
  NUTMM_SOLAR_NSOURCES
} nutmm_solar_source;

/** What the solar flux describes. */
typedef enum {
  /** at production: every component nu_e, unoscillated (mass_state 0). */
  NUTMM_SOLAR_PRODUCTION = 0,
  /** at Earth by flavour: each source as nu_e x P_ee(E) and as NUTMM_NU_MU x
   * (1 - P_ee(E)).  The "nu_mu" components stand for nu_mu + nu_tau, whose SM
   * cross sections on electrons and nuclei are identical; for transition
   * moments use the mass-state mode (the dipole moments of nu_mu and nu_tau
   * differ).  With active-sterile mixing (theta14 != 0) 1 - P_ee also contains
   * the sterile fraction: use the mass-state mode then. */
  NUTMM_SOLAR_FLAVOR = 1,
  /** at Earth by mass state: each source as nu_e-produced components x P_ei(E),
   * mass_state = i = 1..4 (always four per source piece; zero where P_ei = 0),
   * species NUTMM_NU_E, for the incoherent solar moment of eq. (5), physics manual
 * phys-tmm-solar. */
  NUTMM_SOLAR_MASS = 2
} nutmm_solar_mode;

/** Options of nutmm_flux_solar_alloc(); fill with nutmm_flux_solar_options_default(). */
typedef struct {
  nutmm_solar_mode mode;
  nutmm_mixing_params mix;            /**< oscillation parameters for P_ee / P_ei */
  double n_e[NUTMM_SOLAR_NSOURCES];   /**< production electron density per source, cm^-3 */
  double total[NUTMM_SOLAR_NSOURCES]; /**< total flux per source at 1 AU, cm^-2 s^-1 */
  unsigned refine;                    /**< oscillated modes: sub-intervals per data segment */
} nutmm_solar_options;

/** Defaults: production mode; nutmm_mixing_params_default(); n_e =
 * NUTMM_SOLAR_NE_DEFAULT for every source; totals B16-GS98 (Vinyoles et al.
 * 2017) read from data/solar/fluxes.dat; refine = 4.
 * Errors: NUTMM_EFAULT, NUTMM_ENOTFOUND / NUTMM_EIO / NUTMM_EFORMAT (data file). */
int nutmm_flux_solar_options_default(nutmm_solar_options *opt);

/** Name of a source as in the data files ("pp", "pep", "hep", "7Be", "8B", "13N",
 * "15O", "17F"); NULL if out of range. */
const char *nutmm_solar_source_name(nutmm_solar_source s);

/** The standard-solar-model flux at 1 AU (physics manual phys-flux-solar, phys-mixing-pei).
 * Components, in source order: "pp", "pep" (line 1.442 MeV), "hep",
 * "7Be-384" and "7Be-862" (lines 0.3843 and 0.8613 MeV carrying 10.4 % and
 * 89.6 % of the 7Be total), "8B", "13N", "15O", "17F"; in the flavour mode each
 * piece is followed by its NUTMM_NU_MU twin, in the mass mode by mass states 1..4.
 * Shapes: Bahcall's unit-normalised tables (data/solar), renormalised by their
 * trapezoidal integrals (which are 1 within 1.4e-5) so that every source
 * integrates exactly to opt->total.  Oscillated modes bake P(E) into the
 * nodes: every data segment is cut into opt->refine pieces and dPhi/dE x P(E)
 * is stored at the nodes (piecewise linear in between; flavour or mass-state
 * pieces sum back to the production spectrum node by node); at refine = 4 the
 * moments of the stored pieces agree with the exact integrals of shape x P(E)
 * to < 4e-6 relative (error ~ 1/refine^2).  opt NULL = defaults.
 * Units: NUTMM_FLUX_RATE, cm^-2 s^-1 (MeV^-1).
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (mode, refine = 0 or > 1000), NUTMM_EDOM
 * (negative or non-finite total or n_e; those of nutmm_solar_pei()), data-file
 * errors, NUTMM_ENOMEM. */
int nutmm_flux_solar_alloc(const nutmm_solar_options *opt, nutmm_flux **f);

/* ---- reactor anti-neutrinos ---------------------------------------------- */

/** Fissioning isotopes, in the order of physics manual phys-flux-reactor. */
typedef enum {
  NUTMM_REACTOR_U235 = 0,
  NUTMM_REACTOR_PU239,
  NUTMM_REACTOR_U238,
  NUTMM_REACTOR_PU241,
  NUTMM_REACTOR_NISOTOPES
} nutmm_reactor_isotope;

/** Spectrum below E_join. */
typedef enum {
  /** Vogel-Engel 1989 exp(a0 + a1 E + a2 E^2) per isotope, scaled to join the
   * Mueller spectrum continuously at E_join (the Kopeikin-Mikaelyan-Sinev 1997
   * table of the paper was not found; data/reactor/README.md). */
  NUTMM_REACTOR_LOW_VE89 = 0,
  /** the Mueller exp-polynomial extrapolated below E_join (grows steeply below
   * ~1 MeV: use with E_min >~ 1 MeV). */
  NUTMM_REACTOR_LOW_MUELLER = 1
} nutmm_reactor_low;

/** TEXONO Kuo-Sheng total flux, cm^-2 s^-1 (physics manual phys-flux-reactor; not re-confirmed). */
#define NUTMM_REACTOR_TEXONO_FLUX 6.4e12

/** Options of nutmm_flux_reactor_alloc(). */
typedef struct {
  double fission_fraction[NUTMM_REACTOR_NISOTOPES]; /**< >= 0; only ratios matter */
  double total;                                     /**< integral over [E_min, E_max], cm^-2 s^-1 */
  double E_min;                                     /**< MeV, >= 0 */
  double E_max;                                     /**< MeV, > E_min */
  double E_join; /**< MeV: Mueller above, low-energy model below */
  double dE;     /**< MeV: largest tabulation step (piecewise linear between nodes) */
  nutmm_reactor_low low;
} nutmm_reactor_options;

/** Defaults: fission fractions 235U:239Pu:238U:241Pu = 0.55:0.32:0.07:0.06
 * (physics manual phys-flux-reactor), total NUTMM_REACTOR_TEXONO_FLUX, E in [0, 10] MeV, E_join =
 * 2 MeV, dE = 1 keV (largest step), NUTMM_REACTOR_LOW_VE89.  opt NULL: no-op. */
void nutmm_flux_reactor_options_default(nutmm_reactor_options *opt);

/** Reactor anti-nu_e flux, one continuum "reactor" (NUTMM_NUBAR_E).
 * Normalisation caveat: opt->total is spread over the WHOLE modelled spectrum [E_min, E_max],
 * including the sub-2 MeV part (VE89 extrapolated to E = 0, about 5.5 nubar per fission).  If
 * a quoted total flux (e.g. TEXONO's 6.4e12) counts a different low-energy content (e.g. the
 * 239U/239Np capture nubar), the absolute rate above a few MeV shifts accordingly (up to
 * ~30 %); ratios to the SM, as in the TEXONO fallback likelihood, are unaffected.
 * Spectrum:
 *   S(E) = sum_k f_k S_k(E),  S_k = exp(sum_{p=1..6} a_{k,p} E^{p-1})  (Mueller et al.
 *   2011 Table VI) for E >= E_join, the low-energy model below; tabulated on
 *   [E_min, E_max] with E_join as a node, in steps of at most dE, shorter where S
 *   curves so that the linear interpolation between nodes deviates from the
 *   analytic S by < 1e-7 relative (~21500 nodes by default, half of them above
 *   8 MeV where the extrapolated polynomials bend fast); normalised so
 *   that the stored spectrum integrates to opt->total.  The Mueller fits are
 *   valid ~2-8 MeV; the default range extends them to 10 MeV.
 *   Units: NUTMM_FLUX_RATE.  opt NULL = defaults.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (unknown `low`), NUTMM_EDOM (negative or
 * all-zero fractions, total < 0, bad range or step, more than 1e7 nodes),
 * data-file errors, NUTMM_ENOMEM. */
int nutmm_flux_reactor_alloc(const nutmm_reactor_options *opt, nutmm_flux **f);

/** MeV per joule (1 eV = 1.602176634e-19 J exactly, SI 2019), for thermal powers in W. */
#define NUTMM_REACTOR_MEV_PER_JOULE (1.0 / 1.602176634e-13)

/** What a reactor of a given thermal power emits (nutmm_flux_reactor_power_alloc()). */
typedef struct {
  double energy_per_fission;  /**< fraction-weighted energy released per fission, MeV */
  double fissions_per_second; /**< power / energy_per_fission, s^-1 */
  double nu_per_fission;      /**< anti-nu_e per fission in [E_min, E_max] of the options */
  double nu_per_second;       /**< fissions_per_second x nu_per_fission */
} nutmm_reactor_yield;

/** Energy released per fission (MeV) of each isotope, read from data/reactor/fission.dat
 * (Kopeikin et al., Phys. Atom. Nucl. 67 (2004) 1892, as used with Mueller et al. 2011:
 * 202.36 235U, 211.12 239Pu, 205.99 238U, 214.26 241Pu).  Errors: NUTMM_EFAULT, data-file
 * errors. */
int nutmm_flux_reactor_fission_energy(double E_fission[NUTMM_REACTOR_NISOTOPES]);

/** Reactor anti-nu_e flux at distance L (cm) from a core of thermal power `power` (W), an
 * isotropic point source:
 *   dPhi/dE = (P / \<E_f\>) sum_k fhat_k S_k(E) / (4 pi L^2),  \<E_f\> = sum_k fhat_k E_f,k,
 * with the normalised fission fractions fhat_k of opt (NULL: defaults), the Mueller (+ low-
 * energy model) spectra per fission S_k of nutmm_flux_reactor_alloc() and the energies per
 * fission of nutmm_flux_reactor_fission_energy(); opt->total is ignored.  About 6 anti-nu_e
 * per fission and 2e20 per second per GW (fewer: only the modelled [E_min, E_max] counts).
 * yield (may be NULL) receives the numbers.  Units: NUTMM_FLUX_RATE.
 * Errors: as nutmm_flux_reactor_alloc, NUTMM_EDOM (power or L not finite and > 0). */
int nutmm_flux_reactor_power_alloc(const nutmm_reactor_options *opt, double power, double L,
                                   nutmm_flux **f, nutmm_reactor_yield *yield);

/* ---- pi-DAR (stopped pions) ---------------------------------------------- */

/** Parameters of nutmm_flux_pidar_alloc(). */
typedef struct {
  double r;     /**< neutrinos per flavour per proton on target */
  double n_pot; /**< protons on target (total, for a fluence) */
  double L;     /**< source-detector distance, cm */
} nutmm_pidar_params;

/** Defaults: COHERENT CsI 2017, r = 0.08, N_POT = 1.76e23, L = 19.3 m
 * (physics manual phys-flux-pidar; pidar/README.md).  p NULL: no-op. */
void nutmm_flux_pidar_params_default(nutmm_pidar_params *p);

/** pi-DAR fluence, each flavour normalised to eta = r N_POT / (4 pi L^2) (cm^-2):
 *   "prompt"          NUTMM_NU_MU line at E = (m_pi^2 - m_mu^2)/(2 m_pi) = 29.79 MeV
 *   "delayed-nue"     NUTMM_NU_E     eta 192/m_mu (E/m_mu)^2 (1/2 - E/m_mu)
 *   "delayed-numubar" NUTMM_NUBAR_MU eta  64/m_mu (E/m_mu)^2 (3/4 - E/m_mu)
 * on 0 <= E <= m_mu/2 (physics manual phys-flux-pidar; analytic moments).  Units:
 * NUTMM_FLUX_FLUENCE (if n_pot is a rate in s^-1, call nutmm_flux_set_norm(f,
 * NUTMM_FLUX_RATE, 0)).
 * Errors: NUTMM_EFAULT, NUTMM_EDOM (r < 0, n_pot < 0, L <= 0, non-finite), NUTMM_ENOMEM. */
int nutmm_flux_pidar_alloc(const nutmm_pidar_params *p, nutmm_flux **f);

/* ---- 51Cr source ------------------------------------------------------- */

/** Detector geometry of the 51Cr set-ups. */
typedef enum {
  NUTMM_CR51_POINT = 0, /**< flux at the distance `distance` from the source */
  NUTMM_CR51_CYLINDER =
      1 /**< average over a cylinder, source on its axis, `distance` to the near face */
} nutmm_cr51_geometry;

/** Parameters of nutmm_flux_cr51_alloc(). */
typedef struct {
  double activity;  /**< activity A0 at t = 0, decays per second (5 MCi = 5e6 NUTMM_CURIE) */
  double half_life; /**< s */
  double t_start;   /**< start of the exposure, s after t = 0 */
  double duration;  /**< exposure length, s (> 0) */
  nutmm_cr51_geometry geometry;
  double distance;       /**< cm: point: to the detector; cylinder: to the near face */
  double radius, height; /**< cylinder, cm */
} nutmm_cr51_params;

/** Defaults (physics manual phys-flux-cr51, assumptions there): A0 = 5 MCi, half-life
 * NUTMM_CR51_HALF_LIFE, t_start = 0, duration = 2 half-lives, point geometry at
 * 25 cm; radius 69 cm and height 138 cm (the h = d = 1.38 m LXe cylinder of
 * physics manual phys-flux-cr51, used only if geometry is switched to NUTMM_CR51_CYLINDER).
 * p NULL: no-op. */
void nutmm_flux_cr51_params_default(nutmm_cr51_params *p);

/** Exposure numbers of a 51Cr set-up. */
typedef struct {
  double decays;        /**< decays during the exposure (nutmm_flux_decays) */
  double mean_activity; /**< decays / duration, s^-1 */
  double geometry;      /**< <1/(4 pi r^2)>, cm^-2 */
  double mean_flux;     /**< time-averaged total flux, cm^-2 s^-1 */
  double fluence;       /**< time-integrated total flux, cm^-2 */
} nutmm_cr51_summary;

/** Compute the exposure numbers of p.  Errors: as nutmm_flux_cr51_alloc. */
int nutmm_flux_cr51_summary(const nutmm_cr51_params *p, nutmm_cr51_summary *s);

/** 51Cr electron-capture nu_e source: four NUTMM_NU_E lines "51Cr-747", "51Cr-752",
 * "51Cr-427", "51Cr-432" with the energies and branchings of data/cr51/lines.dat
 * (746.93, 751.77, 426.85, 431.69 keV; 81.63, 8.49, 8.95, 0.93 %).  Each line holds
 * the TIME-AVERAGED flux over the exposure, branching x decays/duration x
 * geometry (cm^-2 s^-1); the flux is NUTMM_FLUX_RATE with duration = p->duration,
 * so the fluence is total x duration (nutmm_flux_cr51_summary()).  p NULL = defaults.
 * Errors: NUTMM_EFAULT, NUTMM_EINVAL (geometry), NUTMM_EDOM (activity < 0,
 * half_life <= 0, t_start < 0, duration <= 0, distance <= 0 (point) or < 0
 * (cylinder), radius or height <= 0 (cylinder), non-finite), data-file errors,
 * NUTMM_ENOMEM. */
int nutmm_flux_cr51_alloc(const nutmm_cr51_params *p, nutmm_flux **f);

/* ---- array forms (array.c) ------------------------------------------------ */

/** nutmm_flux_eval_e() of component i at the n energies E[k] (MeV) into dphi[k], exactly
 * the scalar values.  On the first failing point k the call stops: dphi[k..n-1] are NaN and
 * the reason starts "nutmm_flux_eval_array: point k (E = ...) <- ".
 * Errors: NUTMM_EFAULT (NULL array with n > 0) and those of nutmm_flux_eval_e(). */
int nutmm_flux_eval_array(const nutmm_flux *f, size_t i, size_t n, const double *E, double *dphi);

/** nutmm_flux_eval_species_e() at the n energies E[k] (MeV); as nutmm_flux_eval_array(). */
int nutmm_flux_eval_species_array(const nutmm_flux *f, int species, int mass_state, size_t n,
                                  const double *E, double *dphi);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_FLUX_H */
