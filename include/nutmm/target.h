/** @file
 * @brief libnutmm -- scattering targets: nuclei, atoms (electron shells) and detector materials.
 *
 * Paper: arXiv:2109.09545, Sec. 2.2-2.4 and eq. (21); physics manual phys-target-nuclei,
 * phys-target-atoms, phys-target-counts, phys-xsec-stepping.
 *
 * Three layers:
 * ~~~
 *   nutmm_nucleus  plain value struct: Z, N, A, nuclear mass, rms radii, spin, abundance;
 *   nutmm_atom     plain value struct: an element's electron (sub)shells (n_i, B_i) for the
 *                  stepping approximation of eq. (16);
 *   nutmm_target   opaque, read-only after _alloc: a material (an isotope, a natural element or a
 *                  compound) as a list of nuclei with their numbers per kg and a list of atoms
 *                  (elements) with their numbers per kg.  Shareable between threads.
 * ~~~
 *
 * Data (loaded by the _alloc/_lookup functions only, never by a per-point evaluation):
 * ~~~
 *   nuclear/nuclei.dat            Z, N, A, AME2020 atomic mass, CIAAW abundance, Angeli-Marinova
 *                                 charge radius, twice the ground-state spin;
 *   atomic/binding_energies.dat   subshell occupancies and binding energies (Xe, Ar: Chen et al.
 *                                 1610.04177 via SNuDD; others: xraylib edges).
 * ~~~
 * Conventions:
 * ~~~
 *   nuclear mass M = m_atom u - Z m_e (electron binding neglected; physics manual
 *   phys-target-nuclei);
 *   proton and neutron rms radii R_p = R_n = R_ch (charge radius) by default (physics manual
 *   phys-target-nuclei);
 *   a natural element is the abundance-weighted set of its isotopes listed in nuclei.dat, the
 *   listed abundances renormalised to sum to 1 (they already sum to 1 within 1e-6 for every
 *   element of the shipped table);
 *   molar masses come from the isotopes' atomic masses and these abundances.
 * ~~~
 */
#ifndef NUTMM_TARGET_H
#define NUTMM_TARGET_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Maximum length of a nucleus, atom or target name, including the terminating NUL. */
#define NUTMM_TARGET_NAME_MAX 32

/** Maximum number of (sub)shells of a nutmm_atom. */
#define NUTMM_ATOM_MAX_SHELLS 32

/** A nucleus.  A plain value: copy it, modify it, build your own (nutmm_nucleus_init()).
 * Every cross-section routine reads only Z, N, mass, r_p, r_n and two_j (A for the
 * Klein-Nystrand radius). */
typedef struct {
  char name[NUTMM_TARGET_NAME_MAX]; /**< e.g. "Cs133" (element symbol + mass number) */
  int Z;                            /**< protons */
  int N;                            /**< neutrons */
  int A;                            /**< mass number Z + N */
  int two_j;                        /**< twice the ground-state spin (0 for even-even nuclei) */
  double atomic_mass;               /**< atomic mass, u (AME2020) */
  double mass;                      /**< nuclear mass M = m_atom u - Z m_e, MeV */
  double r_p;                       /**< proton rms radius, cm (default: charge radius) */
  double r_n;                       /**< neutron rms radius, cm (default: = r_p) */
  double abundance;                 /**< natural abundance as listed in nuclei.dat (mole fraction) */
} nutmm_nucleus;

/** An atom: the electron (sub)shells of one element for the stepping function of eq. (16),
 *  S(T) = (1/Z) sum_i n_i Theta(T - B_i),  Theta(0) = 1.
 * A plain value (no pointers).  The normalisation uses sum_i n_i, which equals Z for every
 * table row (checked when loaded to 1e-3), so that S = 1 exactly above the deepest edge. */
typedef struct {
  char symbol[NUTMM_TARGET_NAME_MAX];      /**< "Xe"; "Xe(alt)" for the alternative rows */
  int Z;                                   /**< atomic number = electrons of the neutral atom */
  size_t n_shells;                         /**< number of (sub)shells used */
  double occupancy[NUTMM_ATOM_MAX_SHELLS]; /**< n_i, electrons (may be fractional) */
  double binding[NUTMM_ATOM_MAX_SHELLS];   /**< B_i, MeV */
} nutmm_atom;

/** A material: nuclei and atoms with their numbers per kg.  Opaque, read-only after _alloc. */
typedef struct nutmm_target nutmm_target;

/* ---- nuclei ------------------------------------------------------------------------------ */

/** Fill a nucleus from its numbers: Z, A, atomic mass m_atom (u), charge radius r_ch (cm).
 * Sets N = A - Z, mass = m_atom u - Z m_e (MeV), r_p = r_n = r_ch, the given two_j, abundance 1
 * and name "X<A>" if the element symbol is known from Z (else "Z<Z>A<A>").
 * Errors: NUTMM_EDOM (Z < 1, A < Z, non-positive or non-finite m_atom or r_ch, two_j < 0, or
 * a nuclear mass <= 0), NUTMM_EFAULT. */
int nutmm_nucleus_init(nutmm_nucleus *nuc, int Z, int A, double m_atom, double r_ch, int two_j);

/** Check a (user-modified) nucleus: Z >= 1, N >= 0, A = Z + N, mass > 0, r_p > 0, r_n > 0
 * finite, two_j >= 0.  Errors: NUTMM_EDOM (reason names the field), NUTMM_EFAULT. */
int nutmm_nucleus_check(const nutmm_nucleus *nuc);

/** Look up one isotope of nuclear/nuclei.dat by name: "Cs133", "Cs-133", "133Cs" (reads the
 * file).  Errors: NUTMM_ENOTFOUND (unknown isotope; reason lists the table's isotopes, or the
 * data file is missing), NUTMM_EFORMAT (malformed table, with file:line), NUTMM_EIO,
 * NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_nucleus_lookup(const char *name, nutmm_nucleus *nuc);

/* ---- atoms ------------------------------------------------------------------------------- */

/** Look up an element's shells in atomic/binding_energies.dat by symbol ("Xe", "Cs", ...;
 * "Xe(alt)" / "Ar(alt)" select the alternative xraylib rows explicitly; reads the file).
 * Errors: NUTMM_ENOTFOUND, NUTMM_EFORMAT (malformed row, more than NUTMM_ATOM_MAX_SHELLS
 * shells, or occupancies not summing to Z within 1e-3), NUTMM_EIO, NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_atom_lookup(const char *symbol, nutmm_atom *atom);

/** Check a (user-built) atom: Z >= 1, 1 <= n_shells <= NUTMM_ATOM_MAX_SHELLS, occupancies > 0
 * and binding energies >= 0, all finite.  Errors: NUTMM_EDOM, NUTMM_EBADLEN, NUTMM_EFAULT. */
int nutmm_atom_check(const nutmm_atom *atom);

/** Stepping function of eq. (16), S(T) = sum_i n_i Theta(T - B_i) / sum_i n_i, with
 * Theta(0) = 1 (physics manual phys-xsec-stepping); T = electron recoil energy, MeV.  atom ==
 * NULL means free
 * electrons (S = 1).  Cheap (a loop over the shells), no allocation.
 * Errors: NUTMM_EDOM (T negative or NaN), NUTMM_EFAULT (S NULL). */
int nutmm_atom_step_e(const nutmm_atom *atom, double T, double *S);

/** Value form of nutmm_atom_step_e(): NaN on error (reason recorded). */
double nutmm_atom_step(const nutmm_atom *atom, double T);

/* ---- targets ----------------------------------------------------------------------------- */

/** Build a target by name (reads both data files once).  Grammar (case-sensitive;
 * SYM = an element symbol [A-Z][a-z]*, A = a mass number 1..400 in decimal without
 * leading zero, n = a count 1..1000):
 *   isotope      SYM A | SYM-A | A SYM   "Ar40", "Ar-40", "40Ar", "Cs133": one nucleus,
 *                                       abundance 1, which must be listed in nuclei.dat;
 *   element      SYM                    "Xe", "Ge", "W", "Ar", "Ca", "O", "Si", "Na", "I",
 *                                       "Cs", "Al": all isotopes of the element in
 *                                       nuclei.dat, abundances renormalised to 1;
 *   compound     (SYM [n])+ with at least two symbols   "CsI", "NaI", "Al2O3", "CaWO4";
 *   aliases      "LAr" = "Ar", "LXe" = "Xe".
 * The forms do not overlap: one symbol followed by digits (or preceded by them) is always
 * an isotope, never a one-element formula, so "O16" is 16-O, "O2" is the (unknown) isotope
 * 2-O rather than oxygen gas, and "Cs999" is an unknown isotope, not 999 Cs atoms.  A
 * symbol repeated in a compound is summed ("COC" = "C2O").  Each element
 * present gets its atom (shells) from binding_energies.dat.
 * Errors: NUTMM_ENOTFOUND (unknown or unreadable name, unknown isotope or element: the reason
 * says which and lists the known elements), NUTMM_EFORMAT / NUTMM_EIO (data files),
 * NUTMM_ENOMEM, NUTMM_EFAULT.  On error *target is NULL. */
int nutmm_target_alloc(const char *name, nutmm_target **target);

/** Build a target from numbers (no file access): n_nuclei nuclei with their numbers per kg
 * and n_atoms atoms with their numbers per kg (electrons per kg are Z times the latter).
 * n_atoms may be 0 (a target without electrons: EES not available).  Arrays are copied.
 * name may be NULL ("custom").  Errors: NUTMM_EDOM (a negative or non-finite count, a bad
 * nucleus or atom), NUTMM_EINVAL (n_nuclei + n_atoms == 0), NUTMM_ENOMEM, NUTMM_EFAULT. */
int nutmm_target_alloc_custom(const char *name, size_t n_nuclei, const nutmm_nucleus *nuclei,
                              const double *nuclei_per_kg, size_t n_atoms,
                              const nutmm_atom *atoms, const double *atoms_per_kg,
                              nutmm_target **target);

/** Free a target; NULL is a no-op. */
void nutmm_target_free(nutmm_target *target);

/** Name the target was built with (after alias resolution, e.g. "Ar" for "LAr"). */
const char *nutmm_target_name(const nutmm_target *target);

/** Molar mass of one formula unit, g/mol (0 for custom targets). */
double nutmm_target_molar_mass(const nutmm_target *target);

/** Number of distinct nuclei (isotopes). */
size_t nutmm_target_n_nuclei(const nutmm_target *target);

/** Nucleus i (0 <= i < n_nuclei), or NULL if out of range.  The pointer stays valid until
 * nutmm_target_free(). */
const nutmm_nucleus *nutmm_target_nucleus(const nutmm_target *target, size_t i);

/** Number of nuclei of kind i per kg of material, kg^-1 (0 if out of range). */
double nutmm_target_nuclei_per_kg(const nutmm_target *target, size_t i);

/** Number of distinct atoms (elements). */
size_t nutmm_target_n_atoms(const nutmm_target *target);

/** Atom (element) j, or NULL if out of range; valid until nutmm_target_free(). */
const nutmm_atom *nutmm_target_atom(const nutmm_target *target, size_t j);

/** Number of atoms of element j per kg, kg^-1 (0 if out of range). */
double nutmm_target_atoms_per_kg(const nutmm_target *target, size_t j);

/** Electrons of element j per kg = Z_j x atoms per kg, kg^-1 (0 if out of range).  These are
 * the electron targets of eq. (21): the binding suppression is in the cross section (S(T)). */
double nutmm_target_atom_electrons_per_kg(const nutmm_target *target, size_t j);

/** All electrons per kg, sum over elements, kg^-1. */
double nutmm_target_electrons_per_kg(const nutmm_target *target);

/** Checked accessors: as above with a status.  Errors: NUTMM_EFAULT, NUTMM_EBADLEN (index). */
int nutmm_target_nucleus_e(const nutmm_target *target, size_t i, const nutmm_nucleus **nuc,
                           double *per_kg);
int nutmm_target_atom_e(const nutmm_target *target, size_t j, const nutmm_atom **atom,
                        double *atoms_per_kg);

#ifdef __cplusplus
}
#endif

#endif /* NUTMM_TARGET_H */
