/* libnutmm -- nuclei, atoms and target materials (target.h).
 *
 * Sources: physics manual phys-target-nuclei (nuclear masses, radii), phys-target-atoms (shells; eq. 16 in phys-xsec-stepping), phys-target-counts (targets per kg);
 * data files nuclear/nuclei.dat and atomic/binding_energies.dat (provenance in their headers). */
#include "nutmm/target.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nutmm/data.h"
#include "nutmm/units.h"

#define NUCLEI_FILE "nuclear/nuclei.dat"
#define ATOMS_FILE "atomic/binding_energies.dat"

/* Columns of nuclei.dat: name Z N A m_atom[u] abundance R_ch[fm] two_J flags. */
enum { NUC_NAME, NUC_Z, NUC_N, NUC_A, NUC_MASS, NUC_ABUND, NUC_RCH, NUC_TWOJ, NUC_NCOLS };
/* Columns of binding_energies.dat: element Z shell nlj occupancy B[keV]. */
enum { AT_SYM, AT_Z, AT_SHELL, AT_NLJ, AT_OCC, AT_B, AT_NCOLS };

/* Element symbols by atomic number (index 0 unused). */
static const char *const element_symbol[] = {
    "",   "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si",
    "P",  "S",  "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu",
    "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru",
    "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La", "Ce", "Pr",
    "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W",
    "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac",
    "Th", "Pa", "U"};
#define N_ELEMENT_SYMBOLS ((int)(sizeof element_symbol / sizeof element_symbol[0]))

/* Aliases of target names (detector jargon -> element). */
static const struct {
  const char *alias, *name;
} target_alias[] = {{"LAr", "Ar"}, {"LXe", "Xe"}};

struct nutmm_target {
  char name[NUTMM_TARGET_NAME_MAX];
  double molar_mass; /* g/mol per formula unit; 0 for custom targets */
  size_t n_nuclei;
  nutmm_nucleus *nuclei;
  double *nuclei_per_kg;
  size_t n_atoms;
  nutmm_atom *atoms;
  double *atoms_per_kg;
  double electrons_per_kg;
};

/* ---- nuclei ------------------------------------------------------------------------------ */

int nutmm_nucleus_check(const nutmm_nucleus *nuc)
{
  NUTMM_CHECK_PTR(nuc);
  if (nuc->Z < 1 || nuc->N < 0 || nuc->A != nuc->Z + nuc->N)
    NUTMM_FAIL(NUTMM_EDOM, "nucleus '%.*s': Z = %d, N = %d, A = %d (need Z >= 1, N >= 0, A = Z + N)",
               NUTMM_TARGET_NAME_MAX, nuc->name, nuc->Z, nuc->N, nuc->A);
  if (!isfinite(nuc->mass) || nuc->mass <= 0.0)
    NUTMM_FAIL(NUTMM_EDOM, "nucleus '%.*s': mass = %g MeV must be finite and > 0",
               NUTMM_TARGET_NAME_MAX, nuc->name, nuc->mass);
  if (!isfinite(nuc->r_p) || nuc->r_p <= 0.0 || !isfinite(nuc->r_n) || nuc->r_n <= 0.0)
    NUTMM_FAIL(NUTMM_EDOM, "nucleus '%.*s': radii r_p = %g cm, r_n = %g cm must be finite and > 0",
               NUTMM_TARGET_NAME_MAX, nuc->name, nuc->r_p, nuc->r_n);
  if (nuc->two_j < 0)
    NUTMM_FAIL(NUTMM_EDOM, "nucleus '%.*s': two_j = %d must be >= 0", NUTMM_TARGET_NAME_MAX,
               nuc->name, nuc->two_j);
  return NUTMM_SUCCESS;
}

int nutmm_nucleus_init(nutmm_nucleus *nuc, int Z, int A, double m_atom, double r_ch, int two_j)
{
  NUTMM_CHECK_PTR(nuc);
  if (Z < 1 || A < Z)
    NUTMM_FAIL(NUTMM_EDOM, "Z = %d, A = %d: need Z >= 1 and A >= Z", Z, A);
  NUTMM_CHECK_POSITIVE(m_atom);
  NUTMM_CHECK_POSITIVE(r_ch);
  if (two_j < 0)
    NUTMM_FAIL(NUTMM_EDOM, "two_j = %d must be >= 0", two_j);
  /* physics manual phys-target-nuclei: nuclear mass = atomic mass - Z electron masses (binding neglected). */
  double M = m_atom * NUTMM_AMU - Z * NUTMM_ME;
  NUTMM_CHECK_RESULT(M, "m_atom = %g u, Z = %d", m_atom, Z);
  if (!(M > 0.0))
    NUTMM_FAIL(NUTMM_EDOM, "m_atom = %g u gives a non-positive nuclear mass for Z = %d", m_atom, Z);
  memset(nuc, 0, sizeof *nuc);
  if (Z < N_ELEMENT_SYMBOLS)
    snprintf(nuc->name, sizeof nuc->name, "%s%d", element_symbol[Z], A);
  else
    snprintf(nuc->name, sizeof nuc->name, "Z%dA%d", Z, A);
  nuc->Z = Z;
  nuc->N = A - Z;
  nuc->A = A;
  nuc->two_j = two_j;
  nuc->atomic_mass = m_atom;
  nuc->mass = M;
  nuc->r_p = r_ch; /* physics manual phys-target-nuclei: R_p = R_ch, R_n = R_p by default */
  nuc->r_n = r_ch;
  nuc->abundance = 1.0;
  return NUTMM_SUCCESS;
}

/* Parse a table cell as an integer in [lo, hi]. */
static int table_int(const nutmm_table *t, size_t row, size_t col, int lo, int hi, int *out)
{
  double x;
  NUTMM_TRY(nutmm_table_double(t, row, col, &x));
  if (x != floor(x) || x < lo || x > hi)
    NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: column %zu: %g is not an integer in [%d, %d]",
               nutmm_table_path(t), nutmm_table_line(t, row), col + 1, x, lo, hi);
  *out = (int)x;
  return NUTMM_SUCCESS;
}

/* Length of the element-symbol prefix of s ([A-Z][a-z]*), 0 if none. */
static size_t symbol_len(const char *s)
{
  if (!isupper((unsigned char)s[0]))
    return 0;
  size_t n = 1;
  while (islower((unsigned char)s[n]))
    n++;
  return n;
}

/* Row `row` of nuclei.dat as a nucleus, with its element symbol. */
static int nucleus_from_row(const nutmm_table *t, size_t row, nutmm_nucleus *nuc)
{
  const char *name = nutmm_table_string(t, row, NUC_NAME);
  int Z, N, A, two_j;
  double m, ab, r;
  NUTMM_TRY(table_int(t, row, NUC_Z, 1, N_ELEMENT_SYMBOLS - 1, &Z));
  NUTMM_TRY(table_int(t, row, NUC_N, 0, 400, &N));
  NUTMM_TRY(table_int(t, row, NUC_A, 1, 400, &A));
  NUTMM_TRY(table_int(t, row, NUC_TWOJ, 0, 100, &two_j));
  NUTMM_TRY(nutmm_table_double(t, row, NUC_MASS, &m));
  NUTMM_TRY(nutmm_table_double(t, row, NUC_ABUND, &ab));
  NUTMM_TRY(nutmm_table_double(t, row, NUC_RCH, &r));
  char expect[NUTMM_TARGET_NAME_MAX];
  snprintf(expect, sizeof expect, "%s%d", element_symbol[Z], A);
  if (A != Z + N || strcmp(name, expect) != 0)
    NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: nucleus '%s' inconsistent with Z = %d, N = %d, A = %d",
               nutmm_table_path(t), nutmm_table_line(t, row), name, Z, N, A);
  if (!(m > 0.0) || !(r > 0.0) || !(ab > 0.0) || ab > 1.0)
    NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: mass %g u, radius %g fm, abundance %g out of range",
               nutmm_table_path(t), nutmm_table_line(t, row), m, r, ab);
  int s = nutmm_nucleus_init(nuc, Z, A, m, r * NUTMM_FM, two_j);
  if (s)
    return nutmm_error_chain(s, __func__);
  nuc->abundance = ab;
  return NUTMM_SUCCESS;
}

/* Isotope names (target.h): SYM A, SYM-A or A SYM, with SYM = [A-Z][a-z]* and A a decimal
 * mass number without leading zeros.  Returns 1 and the canonical "SymA" in out if s has
 * that shape and 1 <= A <= ISOTOPE_A_MAX; -1 if s has that shape but A is out of range (an
 * unknown isotope, never re-read as a formula: "Cs999" is not 999 Cs atoms); 0 if s does
 * not have the shape of an isotope name. */
#define ISOTOPE_A_MAX 400
static int parse_isotope_name(const char *s, char *out, size_t size)
{
  char sym[8];
  const char *digits;
  size_t nsym, ndig;
  if (isdigit((unsigned char)s[0])) {
    digits = s;
    ndig = strspn(s, "0123456789");
    nsym = symbol_len(s + ndig);
    if (nsym == 0 || s[ndig + nsym] != '\0')
      return 0;
    if (nsym >= sizeof sym)
      return -1;
    memcpy(sym, s + ndig, nsym);
  } else {
    nsym = symbol_len(s);
    if (nsym == 0)
      return 0;
    digits = s + nsym;
    if (*digits == '-')
      digits++;
    ndig = strspn(digits, "0123456789");
    if (ndig == 0 || digits[ndig] != '\0')
      return 0;
    if (nsym >= sizeof sym)
      return -1;
    memcpy(sym, s, nsym);
  }
  sym[nsym] = '\0';
  if (digits[0] == '0' || ndig > 3)
    return -1;
  long A = strtol(digits, NULL, 10);
  if (A < 1 || A > ISOTOPE_A_MAX)
    return -1;
  snprintf(out, size, "%s%ld", sym, A);
  return 1;
}

int nutmm_nucleus_lookup(const char *name, nutmm_nucleus *nuc)
{
  NUTMM_CHECK_PTR(name);
  NUTMM_CHECK_PTR(nuc);
  char canon[NUTMM_TARGET_NAME_MAX];
  int shape = parse_isotope_name(name, canon, sizeof canon);
  if (shape == 0)
    NUTMM_FAIL(NUTMM_ENOTFOUND, "'%s' is not an isotope name (use e.g. 'Cs133', 'Cs-133', '133Cs')",
               name);
  if (shape < 0)
    NUTMM_FAIL(NUTMM_ENOTFOUND, "unknown isotope '%s' (mass number must be 1..%d, no leading zero)",
               name, ISOTOPE_A_MAX);
  nutmm_table *t = NULL;
  NUTMM_TRY(nutmm_table_read_data(NUCLEI_FILE, &t));
  int status = nutmm_table_require_cols(t, NUC_NCOLS);
  if (status) {
    nutmm_table_free(t);
    return nutmm_error_chain(status, __func__);
  }
  char known[512] = "";
  for (size_t r = 0; r < nutmm_table_rows(t); r++) {
    const char *nm = nutmm_table_string(t, r, NUC_NAME);
    if (strcmp(nm, canon) == 0) {
      status = nucleus_from_row(t, r, nuc);
      nutmm_table_free(t);
      return status ? nutmm_error_chain(status, __func__) : NUTMM_SUCCESS;
    }
    if (strlen(known) + strlen(nm) + 2 < sizeof known) {
      strcat(known, " ");
      strcat(known, nm);
    }
  }
  nutmm_table_free(t);
  NUTMM_FAIL(NUTMM_ENOTFOUND, "isotope '%s' is not in %s (known:%s)", name, NUCLEI_FILE, known);
}

/* ---- atoms ------------------------------------------------------------------------------- */

int nutmm_atom_check(const nutmm_atom *a)
{
  NUTMM_CHECK_PTR(a);
  if (a->Z < 1)
    NUTMM_FAIL(NUTMM_EDOM, "atom '%.*s': Z = %d must be >= 1", NUTMM_TARGET_NAME_MAX, a->symbol,
               a->Z);
  if (a->n_shells < 1 || a->n_shells > NUTMM_ATOM_MAX_SHELLS)
    NUTMM_FAIL(NUTMM_EBADLEN, "atom '%.*s': n_shells = %zu must be in [1, %d]",
               NUTMM_TARGET_NAME_MAX, a->symbol, a->n_shells, NUTMM_ATOM_MAX_SHELLS);
  for (size_t i = 0; i < a->n_shells; i++)
    if (!isfinite(a->occupancy[i]) || a->occupancy[i] <= 0.0 || !isfinite(a->binding[i]) ||
        a->binding[i] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "atom '%.*s': shell %zu has n = %g, B = %g MeV (need n > 0, B >= 0)",
                 NUTMM_TARGET_NAME_MAX, a->symbol, i, a->occupancy[i], a->binding[i]);
  return NUTMM_SUCCESS;
}

int nutmm_atom_step_e(const nutmm_atom *atom, double T, double *S)
{
  NUTMM_CHECK_PTR(S);
  NUTMM_CHECK_NONNEG(T);
  if (!atom) {
    *S = 1.0;
    return NUTMM_SUCCESS;
  }
  /* Eq. (16): S(T) = sum_i n_i Theta(T - B_i) / sum_i n_i, Theta(0) = 1 (physics manual phys-xsec-stepping). */
  double on = 0.0, all = 0.0;
  for (size_t i = 0; i < atom->n_shells && i < NUTMM_ATOM_MAX_SHELLS; i++) {
    all += atom->occupancy[i];
    if (T >= atom->binding[i])
      on += atom->occupancy[i];
  }
  if (!(all > 0.0))
    NUTMM_FAIL(NUTMM_EDOM, "atom '%.*s' has no electrons (n_shells = %zu)", NUTMM_TARGET_NAME_MAX,
               atom->symbol, atom->n_shells);
  *S = on / all;
  return NUTMM_SUCCESS;
}

double nutmm_atom_step(const nutmm_atom *atom, double T)
{
  double S = NAN;
  return nutmm_atom_step_e(atom, T, &S) == NUTMM_SUCCESS ? S : NAN;
}

/* The shells of `symbol` from an already read binding-energy table. */
static int atom_from_table(const nutmm_table *t, const char *symbol, nutmm_atom *a)
{
  memset(a, 0, sizeof *a);
  snprintf(a->symbol, sizeof a->symbol, "%s", symbol);
  double sum = 0.0;
  for (size_t r = 0; r < nutmm_table_rows(t); r++) {
    if (strcmp(nutmm_table_string(t, r, AT_SYM), symbol) != 0)
      continue;
    int Z;
    double n, B;
    NUTMM_TRY(table_int(t, r, AT_Z, 1, N_ELEMENT_SYMBOLS - 1, &Z));
    NUTMM_TRY(nutmm_table_double(t, r, AT_OCC, &n));
    NUTMM_TRY(nutmm_table_double(t, r, AT_B, &B));
    if (a->n_shells && Z != a->Z)
      NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: Z = %d differs from the element's earlier rows (%d)",
                 nutmm_table_path(t), nutmm_table_line(t, r), Z, a->Z);
    if (a->n_shells == NUTMM_ATOM_MAX_SHELLS)
      NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: more than %d shells for '%s'", nutmm_table_path(t),
                 nutmm_table_line(t, r), NUTMM_ATOM_MAX_SHELLS, symbol);
    if (!(n > 0.0) || B < 0.0)
      NUTMM_FAIL(NUTMM_EFORMAT, "%s:%zu: occupancy %g or binding energy %g keV out of range",
                 nutmm_table_path(t), nutmm_table_line(t, r), n, B);
    a->Z = Z;
    a->occupancy[a->n_shells] = n;
    a->binding[a->n_shells] = B * NUTMM_KEV; /* file: keV */
    a->n_shells++;
    sum += n;
  }
  if (a->n_shells == 0)
    NUTMM_FAIL(NUTMM_ENOTFOUND, "element '%s' has no shells in %s", symbol, ATOMS_FILE);
  if (fabs(sum - a->Z) > 1e-3)
    NUTMM_FAIL(NUTMM_EFORMAT, "%s: occupancies of '%s' sum to %g, not Z = %d",
               nutmm_table_path(t), symbol, sum, a->Z);
  return NUTMM_SUCCESS;
}

static int read_atoms_table(nutmm_table **t)
{
  NUTMM_TRY(nutmm_table_read_data(ATOMS_FILE, t));
  int s = nutmm_table_require_cols(*t, AT_NCOLS);
  if (s) {
    nutmm_table_free(*t);
    *t = NULL;
    return nutmm_error_chain(s, __func__);
  }
  return NUTMM_SUCCESS;
}

int nutmm_atom_lookup(const char *symbol, nutmm_atom *atom)
{
  NUTMM_CHECK_PTR(symbol);
  NUTMM_CHECK_PTR(atom);
  nutmm_table *t = NULL;
  NUTMM_TRY(read_atoms_table(&t));
  int s = atom_from_table(t, symbol, atom);
  nutmm_table_free(t);
  if (s)
    return nutmm_error_chain(s, __func__);
  return NUTMM_SUCCESS;
}

/* ---- targets ----------------------------------------------------------------------------- */

void nutmm_target_free(nutmm_target *t)
{
  if (!t)
    return;
  free(t->nuclei);
  free(t->nuclei_per_kg);
  free(t->atoms);
  free(t->atoms_per_kg);
  free(t);
}

static nutmm_target *target_new(const char *name, size_t n_nuclei, size_t n_atoms)
{
  nutmm_target *t = nutmm_calloc_n(1, sizeof *t);
  if (!t)
    return NULL;
  snprintf(t->name, sizeof t->name, "%s", name ? name : "custom");
  t->n_nuclei = n_nuclei;
  t->n_atoms = n_atoms;
  t->nuclei = nutmm_calloc_n(n_nuclei ? n_nuclei : 1, sizeof *t->nuclei);
  t->nuclei_per_kg = nutmm_calloc_n(n_nuclei ? n_nuclei : 1, sizeof *t->nuclei_per_kg);
  t->atoms = nutmm_calloc_n(n_atoms ? n_atoms : 1, sizeof *t->atoms);
  t->atoms_per_kg = nutmm_calloc_n(n_atoms ? n_atoms : 1, sizeof *t->atoms_per_kg);
  if (!t->nuclei || !t->nuclei_per_kg || !t->atoms || !t->atoms_per_kg) {
    nutmm_target_free(t);
    return NULL;
  }
  return t;
}

int nutmm_target_alloc_custom(const char *name, size_t n_nuclei, const nutmm_nucleus *nuclei,
                              const double *nuclei_per_kg, size_t n_atoms,
                              const nutmm_atom *atoms, const double *atoms_per_kg,
                              nutmm_target **target)
{
  NUTMM_CHECK_PTR(target);
  *target = NULL;
  if (n_nuclei + n_atoms == 0)
    NUTMM_FAIL(NUTMM_EINVAL, "a target needs at least one nucleus or atom");
  if (n_nuclei) {
    NUTMM_CHECK_PTR(nuclei);
    NUTMM_CHECK_PTR(nuclei_per_kg);
  }
  if (n_atoms) {
    NUTMM_CHECK_PTR(atoms);
    NUTMM_CHECK_PTR(atoms_per_kg);
  }
  for (size_t i = 0; i < n_nuclei; i++) {
    NUTMM_TRY(nutmm_nucleus_check(&nuclei[i]));
    if (!isfinite(nuclei_per_kg[i]) || nuclei_per_kg[i] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "nuclei_per_kg[%zu] = %g must be finite and >= 0", i,
                 nuclei_per_kg[i]);
  }
  for (size_t j = 0; j < n_atoms; j++) {
    NUTMM_TRY(nutmm_atom_check(&atoms[j]));
    if (!isfinite(atoms_per_kg[j]) || atoms_per_kg[j] < 0.0)
      NUTMM_FAIL(NUTMM_EDOM, "atoms_per_kg[%zu] = %g must be finite and >= 0", j, atoms_per_kg[j]);
  }
  nutmm_target *t = target_new(name, n_nuclei, n_atoms);
  if (!t)
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate a target of %zu nuclei and %zu atoms", n_nuclei,
               n_atoms);
  for (size_t i = 0; i < n_nuclei; i++) {
    t->nuclei[i] = nuclei[i];
    t->nuclei_per_kg[i] = nuclei_per_kg[i];
  }
  for (size_t j = 0; j < n_atoms; j++) {
    t->atoms[j] = atoms[j];
    t->atoms_per_kg[j] = atoms_per_kg[j];
    t->electrons_per_kg += atoms[j].Z * atoms_per_kg[j];
  }
  *target = t;
  return NUTMM_SUCCESS;
}

/* One element of a formula: symbol and number of atoms per formula unit. */
typedef struct {
  char sym[8];
  long count;
} formula_part;

#define FORMULA_MAX_PARTS 8

/* Parse a chemical formula "CaWO4" into elements and counts (repeated symbols merged). */
static int parse_formula(const char *s, formula_part *parts, size_t *nparts)
{
  size_t n = 0;
  const char *p = s;
  if (!*p)
    NUTMM_FAIL(NUTMM_ENOTFOUND, "empty target name");
  while (*p) {
    size_t len = symbol_len(p);
    if (len == 0 || len > 2)
      NUTMM_FAIL(NUTMM_ENOTFOUND,
                 "target '%s': cannot read an element symbol at '%s' (use an isotope such as "
                 "'Ar40', an element such as 'Xe', or a formula such as 'CaWO4')",
                 s, p);
    char sym[8];
    memcpy(sym, p, len);
    sym[len] = '\0';
    p += len;
    long count = 1;
    if (isdigit((unsigned char)*p)) {
      char *end;
      count = strtol(p, &end, 10);
      p = end;
      if (count < 1 || count > 1000)
        NUTMM_FAIL(NUTMM_ENOTFOUND, "target '%s': count %ld of '%s' out of [1, 1000]", s, count, sym);
    }
    size_t k;
    for (k = 0; k < n; k++)
      if (strcmp(parts[k].sym, sym) == 0)
        break;
    if (k == n) {
      if (n == FORMULA_MAX_PARTS)
        NUTMM_FAIL(NUTMM_ENOTFOUND, "target '%s' has more than %d elements", s, FORMULA_MAX_PARTS);
      snprintf(parts[n].sym, sizeof parts[n].sym, "%s", sym);
      parts[n].count = 0;
      n++;
    }
    parts[k].count += count;
  }
  *nparts = n;
  return NUTMM_SUCCESS;
}

/* Symbol prefix of a nuclei.dat name, into sym. */
static void name_symbol(const char *name, char *sym, size_t size)
{
  size_t n = symbol_len(name);
  if (n >= size)
    n = size - 1;
  memcpy(sym, name, n);
  sym[n] = '\0';
}

/* Whether the space-separated list buf contains the word w. */
static int has_word(const char *buf, const char *w)
{
  size_t n = strlen(w);
  for (const char *p = strstr(buf, w); p; p = strstr(p + 1, w))
    if ((p == buf || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
      return 1;
  return 0;
}

/* Space-separated list of the elements in nuclei.dat, for error messages. */
static void known_elements(const nutmm_table *t, char *buf, size_t size)
{
  buf[0] = '\0';
  char prev[8] = "";
  for (size_t r = 0; r < nutmm_table_rows(t); r++) {
    char sym[8];
    name_symbol(nutmm_table_string(t, r, NUC_NAME), sym, sizeof sym);
    if (strcmp(sym, prev) == 0 || has_word(buf, sym))
      continue;
    if (strlen(buf) + strlen(sym) + 2 < size) {
      strcat(buf, " ");
      strcat(buf, sym);
    }
    snprintf(prev, sizeof prev, "%s", sym);
  }
}

/* Build the target from the two read tables; *out on success. */
static int target_from_tables(const char *name, const nutmm_table *nt, const nutmm_table *at,
                              nutmm_target **out)
{
  char canon[NUTMM_TARGET_NAME_MAX];
  size_t nrows = nutmm_table_rows(nt);

  /* 1. a single isotope: "Ar40", "Ar-40", "40Ar" */
  int shape = parse_isotope_name(name, canon, sizeof canon);
  if (shape < 0)
    NUTMM_FAIL(NUTMM_ENOTFOUND,
               "unknown isotope '%s' (an element symbol with a number names an isotope; mass "
               "number 1..%d, no leading zero)",
               name, ISOTOPE_A_MAX);
  if (shape > 0) {
    for (size_t r = 0; r < nrows; r++) {
      if (strcmp(nutmm_table_string(nt, r, NUC_NAME), canon) != 0)
        continue;
      nutmm_target *t = target_new(name, 1, 1);
      if (!t)
        NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate target '%s'", name);
      int s = nucleus_from_row(nt, r, &t->nuclei[0]);
      char sym[8];
      name_symbol(canon, sym, sizeof sym);
      if (!s)
        s = atom_from_table(at, sym, &t->atoms[0]);
      if (s) {
        nutmm_target_free(t);
        return nutmm_error_chain(s, __func__);
      }
      /* An isotopically pure sample: the isotope's atomic mass is the molar mass (g/mol);
       * physics manual phys-target-counts: N_T = 1000 g / m_mol x N_A per kg. */
      t->nuclei[0].abundance = 1.0;
      t->molar_mass = t->nuclei[0].atomic_mass;
      t->nuclei_per_kg[0] = 1000.0 / t->molar_mass * NUTMM_NA;
      t->atoms_per_kg[0] = t->nuclei_per_kg[0];
      t->electrons_per_kg = t->atoms[0].Z * t->atoms_per_kg[0];
      *out = t;
      return NUTMM_SUCCESS;
    }
    /* a symbol followed by a number is always an isotope name ("O" is oxygen, not "O1") */
    NUTMM_FAIL(NUTMM_ENOTFOUND, "isotope '%s' is not in %s", name, NUCLEI_FILE);
  }

  /* 2. an element or a compound formula */
  formula_part parts[FORMULA_MAX_PARTS];
  size_t nparts = 0;
  NUTMM_TRY(parse_formula(name, parts, &nparts));
  size_t n_nuclei = 0;
  for (size_t k = 0; k < nparts; k++) {
    size_t found = 0;
    for (size_t r = 0; r < nrows; r++) {
      char sym[8];
      name_symbol(nutmm_table_string(nt, r, NUC_NAME), sym, sizeof sym);
      if (strcmp(sym, parts[k].sym) == 0)
        found++;
    }
    if (!found) {
      char known[256];
      known_elements(nt, known, sizeof known);
      NUTMM_FAIL(NUTMM_ENOTFOUND,
                 "target '%s': element '%s' is not in %s (known elements:%s; aliases LAr, LXe)",
                 name, parts[k].sym, NUCLEI_FILE, known);
    }
    n_nuclei += found;
  }
  nutmm_target *t = target_new(name, n_nuclei, nparts);
  if (!t)
    NUTMM_FAIL(NUTMM_ENOMEM, "cannot allocate target '%s'", name);
  int s = NUTMM_SUCCESS;
  size_t i = 0;
  double molar = 0.0;
  /* element k: isotopes i0..i-1; their abundances renormalised to 1 (physics manual phys-target-nuclei) */
  size_t first[FORMULA_MAX_PARTS];
  for (size_t k = 0; k < nparts && !s; k++) {
    first[k] = i;
    double ab_sum = 0.0, m_el = 0.0;
    for (size_t r = 0; r < nrows && !s; r++) {
      char sym[8];
      name_symbol(nutmm_table_string(nt, r, NUC_NAME), sym, sizeof sym);
      if (strcmp(sym, parts[k].sym) != 0)
        continue;
      s = nucleus_from_row(nt, r, &t->nuclei[i]);
      if (!s) {
        ab_sum += t->nuclei[i].abundance;
        m_el += t->nuclei[i].abundance * t->nuclei[i].atomic_mass;
        i++;
      }
    }
    if (!s)
      s = atom_from_table(at, parts[k].sym, &t->atoms[k]);
    if (!s && t->atoms[k].Z != t->nuclei[first[k]].Z) {
      s = nutmm_error_set(NUTMM_EFORMAT, __func__, "element '%s': Z = %d in %s but %d in %s",
                          parts[k].sym, t->nuclei[first[k]].Z, NUCLEI_FILE, t->atoms[k].Z,
                          ATOMS_FILE);
    }
    if (!s) {
      m_el /= ab_sum;
      molar += (double)parts[k].count * m_el;
      /* store the renormalised abundance in the per-kg slot for now */
      for (size_t j = first[k]; j < i; j++)
        t->nuclei_per_kg[j] = (double)parts[k].count * t->nuclei[j].abundance / ab_sum;
    }
  }
  if (s) {
    nutmm_target_free(t);
    return nutmm_error_chain(s, __func__);
  }
  /* physics manual phys-target-counts: formula units per kg = 1000 g / m_mol[g/mol] x N_A */
  double units_per_kg = 1000.0 / molar * NUTMM_NA;
  t->molar_mass = molar;
  for (size_t j = 0; j < n_nuclei; j++)
    t->nuclei_per_kg[j] *= units_per_kg;
  for (size_t k = 0; k < nparts; k++) {
    t->atoms_per_kg[k] = (double)parts[k].count * units_per_kg;
    t->electrons_per_kg += t->atoms[k].Z * t->atoms_per_kg[k];
  }
  *out = t;
  return NUTMM_SUCCESS;
}

int nutmm_target_alloc(const char *name, nutmm_target **target)
{
  NUTMM_CHECK_PTR(target);
  *target = NULL;
  NUTMM_CHECK_PTR(name);
  for (size_t k = 0; k < sizeof target_alias / sizeof target_alias[0]; k++)
    if (strcmp(name, target_alias[k].alias) == 0)
      name = target_alias[k].name;
  if (strlen(name) >= NUTMM_TARGET_NAME_MAX)
    NUTMM_FAIL(NUTMM_ENOTFOUND, "target name '%.40s...' is too long", name);

  nutmm_table *nt = NULL, *at = NULL;
  NUTMM_TRY(nutmm_table_read_data(NUCLEI_FILE, &nt));
  int s = nutmm_table_require_cols(nt, NUC_NCOLS);
  if (!s)
    s = read_atoms_table(&at);
  if (!s)
    s = target_from_tables(name, nt, at, target);
  nutmm_table_free(nt);
  nutmm_table_free(at);
  if (s)
    return nutmm_error_chain(s, __func__);
  return NUTMM_SUCCESS;
}

const char *nutmm_target_name(const nutmm_target *t) { return t ? t->name : ""; }

double nutmm_target_molar_mass(const nutmm_target *t) { return t ? t->molar_mass : 0.0; }

size_t nutmm_target_n_nuclei(const nutmm_target *t) { return t ? t->n_nuclei : 0; }

const nutmm_nucleus *nutmm_target_nucleus(const nutmm_target *t, size_t i)
{
  return (t && i < t->n_nuclei) ? &t->nuclei[i] : NULL;
}

double nutmm_target_nuclei_per_kg(const nutmm_target *t, size_t i)
{
  return (t && i < t->n_nuclei) ? t->nuclei_per_kg[i] : 0.0;
}

size_t nutmm_target_n_atoms(const nutmm_target *t) { return t ? t->n_atoms : 0; }

const nutmm_atom *nutmm_target_atom(const nutmm_target *t, size_t j)
{
  return (t && j < t->n_atoms) ? &t->atoms[j] : NULL;
}

double nutmm_target_atoms_per_kg(const nutmm_target *t, size_t j)
{
  return (t && j < t->n_atoms) ? t->atoms_per_kg[j] : 0.0;
}

double nutmm_target_atom_electrons_per_kg(const nutmm_target *t, size_t j)
{
  return (t && j < t->n_atoms) ? t->atoms[j].Z * t->atoms_per_kg[j] : 0.0;
}

double nutmm_target_electrons_per_kg(const nutmm_target *t) { return t ? t->electrons_per_kg : 0.0; }

int nutmm_target_nucleus_e(const nutmm_target *t, size_t i, const nutmm_nucleus **nuc,
                           double *per_kg)
{
  NUTMM_CHECK_PTR(t);
  if (i >= t->n_nuclei)
    NUTMM_FAIL(NUTMM_EBADLEN, "nucleus index %zu out of range (target '%s' has %zu)", i, t->name,
               t->n_nuclei);
  if (nuc)
    *nuc = &t->nuclei[i];
  if (per_kg)
    *per_kg = t->nuclei_per_kg[i];
  return NUTMM_SUCCESS;
}

int nutmm_target_atom_e(const nutmm_target *t, size_t j, const nutmm_atom **atom,
                        double *atoms_per_kg)
{
  NUTMM_CHECK_PTR(t);
  if (j >= t->n_atoms)
    NUTMM_FAIL(NUTMM_EBADLEN, "atom index %zu out of range (target '%s' has %zu)", j, t->name,
               t->n_atoms);
  if (atom)
    *atom = &t->atoms[j];
  if (atoms_per_kg)
    *atoms_per_kg = t->atoms_per_kg[j];
  return NUTMM_SUCCESS;
}
