/* Targets: nuclei (masses, radii, spins), atoms (shells, stepping function eq. 16) and
 * materials (isotopic composition, numbers per kg; physics manual phys-target-nuclei, phys-target-atoms, phys-target-counts). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nutmm/nutmm.h"
#include "nutmm/target.h"
#include "testutil.h"

#define KEV NUTMM_KEV

START_TEST(test_nucleus_lookup)
{
  nutmm_nucleus cs, a, b;
  ck_assert_int_eq(nutmm_nucleus_lookup("Cs133", &cs), NUTMM_SUCCESS);
  ck_assert_int_eq(cs.Z, 55);
  ck_assert_int_eq(cs.N, 78);
  ck_assert_int_eq(cs.A, 133);
  ck_assert_int_eq(cs.two_j, 7); /* 133Cs: 7/2+ */
  ck_assert_str_eq(cs.name, "Cs133");
  /* physics manual phys-target-nuclei; reference values: an independent numerical evaluation of those formulas: M(133Cs) = 1.2377254e5 MeV, M(40Ar) = 3.7215526e4 MeV; A table to 1e-9 */
  ck_assert_rel(cs.mass, 1.2377254e+05, 1e-7);
  ck_assert_rel(cs.mass, 123772.540, 1e-8);
  ck_assert_rel(cs.r_p, 4.8041 * NUTMM_FM, 1e-14);
  ck_assert_rel(cs.r_n, cs.r_p, 0); /* R_n = R_p default, physics manual phys-target-nuclei */
  ck_assert_int_eq(nutmm_nucleus_lookup("Cs-133", &a), NUTMM_SUCCESS);
  ck_assert_int_eq(nutmm_nucleus_lookup("133Cs", &b), NUTMM_SUCCESS);
  ck_assert_rel(a.mass, cs.mass, 0);
  ck_assert_rel(b.mass, cs.mass, 0);

  const struct {
    const char *name;
    double M;
    int two_j;
  } ref[] = {{"Ar40", 37215.5262, 0}, {"I127", 118183.683, 5}, {"Xe132", 122840.349, 0},
             {"Ge74", 68840.7892, 0}, {"Si28", 26053.1881, 0}, {"Xe129", 0.0, 1},
             {"W183", 0.0, 1},        {"Ge73", 0.0, 9},        {"Na23", 0.0, 3}};
  for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
    nutmm_nucleus n;
    ck_assert_int_eq(nutmm_nucleus_lookup(ref[i].name, &n), NUTMM_SUCCESS);
    /* physics manual phys-target-nuclei table (9 digits: rounding <= 5e-9); I127 differs by 2e-8: the spec used m_atom =
     * 126.904471 u, the data file has the AME2020 value 126.904473 u */
    if (ref[i].M > 0.0)
      ck_assert_rel(n.mass, ref[i].M, ref[i].M == 118183.683 ? 3e-8 : 5e-9);
    ck_assert_int_eq(n.two_j, ref[i].two_j);
    ck_assert_int_eq(n.A, n.Z + n.N);
  }

  ck_assert_int_eq(nutmm_nucleus_lookup("Cs134", &a), NUTMM_ENOTFOUND);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "Cs134"));
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "Cs133")); /* lists the known ones */
  ck_assert_int_eq(nutmm_nucleus_lookup("caesium", &a), NUTMM_ENOTFOUND);
  ck_assert_int_eq(nutmm_nucleus_lookup(NULL, &a), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_nucleus_lookup("Cs133", NULL), NUTMM_EFAULT);
}
END_TEST

START_TEST(test_nucleus_init_check)
{
  nutmm_nucleus n;
  /* 40Ar from its numbers: M = m_atom u - Z m_e */
  ck_assert_int_eq(nutmm_nucleus_init(&n, 18, 40, 39.9623831237, 3.4274 * NUTMM_FM, 0),
                   NUTMM_SUCCESS);
  ck_assert_str_eq(n.name, "Ar40");
  ck_assert_rel(n.mass, 39.9623831237 * NUTMM_AMU - 18 * NUTMM_ME, 1e-15);
  ck_assert_rel(n.mass, 37215.5262, 1e-9);
  ck_assert_int_eq(nutmm_nucleus_check(&n), NUTMM_SUCCESS);

  ck_assert_int_eq(nutmm_nucleus_init(&n, 0, 40, 39.96, 3e-13, 0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_nucleus_init(&n, 18, 17, 39.96, 3e-13, 0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_nucleus_init(&n, 18, 40, -1.0, 3e-13, 0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_nucleus_init(&n, 18, 40, 39.96, NAN, 0), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_nucleus_init(&n, 18, 40, 39.96, 3e-13, -1), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_nucleus_init(&n, 18, 40, 1e-6, 3e-13, 0), NUTMM_EDOM); /* M < 0 */
  ck_assert_int_eq(nutmm_nucleus_init(NULL, 18, 40, 39.96, 3e-13, 0), NUTMM_EFAULT);

  nutmm_nucleus_init(&n, 18, 40, 39.9623831237, 3.4274 * NUTMM_FM, 0);
  nutmm_nucleus bad = n;
  bad.A = 41;
  ck_assert_int_eq(nutmm_nucleus_check(&bad), NUTMM_EDOM);
  bad = n;
  bad.mass = 0.0;
  ck_assert_int_eq(nutmm_nucleus_check(&bad), NUTMM_EDOM);
  bad = n;
  bad.r_n = NAN;
  ck_assert_int_eq(nutmm_nucleus_check(&bad), NUTMM_EDOM);
  bad = n;
  bad.two_j = -2;
  ck_assert_int_eq(nutmm_nucleus_check(&bad), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_nucleus_check(NULL), NUTMM_EFAULT);
}
END_TEST

/* Eq. (16) and physics manual phys-xsec-stepping, phys-target-atoms: Xe (Chen et al. rows): S = 1 above the K edge, 52/54 between
 * the L1 and K edges, 44/54 between M1 and L3, Theta(0) = 1. */
START_TEST(test_atom_xe_step)
{
  nutmm_atom xe;
  ck_assert_int_eq(nutmm_atom_lookup("Xe", &xe), NUTMM_SUCCESS);
  ck_assert_int_eq(xe.Z, 54);
  ck_assert_uint_eq(xe.n_shells, 17);
  double sum = 0.0;
  for (size_t i = 0; i < xe.n_shells; i++)
    sum += xe.occupancy[i];
  ck_assert_rel(sum, 54.0, 1e-15);
  ck_assert_rel(xe.binding[0], 34.759 * KEV, 1e-12); /* 1s, main (SNuDD/Chen) row */

  ck_assert_rel(nutmm_atom_step(&xe, 40.0 * KEV), 1.0, 0);
  ck_assert_rel(nutmm_atom_step(&xe, 34.759 * KEV), 1.0, 0); /* Theta(0) = 1 */
  ck_assert_rel(nutmm_atom_step(&xe, 34.75899 * KEV), 52.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&xe, 20.0 * KEV), 52.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&xe, 5.5098 * KEV), 52.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&xe, 5.3 * KEV), 50.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&xe, 3.0 * KEV), 44.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&xe, 1.17 * KEV), 42.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&xe, 0.01 * KEV), 0.0, 0);
  ck_assert_rel(nutmm_atom_step(&xe, 0.0), 0.0, 0);

  /* The alternative (xraylib) rows carry the edges quoted in physics manual phys-target-atoms: 34.5644 (spec:
   * 34.561 keV recalled), 5.4528, 4.7822 keV. */
  nutmm_atom alt;
  ck_assert_int_eq(nutmm_atom_lookup("Xe(alt)", &alt), NUTMM_SUCCESS);
  ck_assert_rel(nutmm_atom_step(&alt, 34.57 * KEV), 1.0, 0);
  ck_assert_rel(nutmm_atom_step(&alt, 34.56 * KEV), 52.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&alt, 5.453 * KEV), 52.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&alt, 4.78 * KEV), 44.0 / 54.0, 1e-15);
  ck_assert_rel(nutmm_atom_step(&alt, 1.149 * KEV), 44.0 / 54.0, 1e-15);

  /* free electrons and errors */
  ck_assert_rel(nutmm_atom_step(NULL, 1e-3), 1.0, 0);
  double S;
  ck_assert_int_eq(nutmm_atom_step_e(&xe, -1e-6, &S), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_atom_step_e(&xe, NAN, &S), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_atom_step_e(&xe, 1.0, NULL), NUTMM_EFAULT);
  ck_assert(isnan(nutmm_atom_step(&xe, -1.0)));
}
END_TEST

/* Every element: occupancies sum to Z, S steps by n_i/sum at each B_i, S monotonic, = 1 at
 * and above the deepest edge. */
START_TEST(test_atom_all_elements)
{
  const char *el[] = {"O", "Na", "Al", "Si", "Ar", "Ca", "Ge", "I", "Xe", "Cs", "W", "Ar(alt)"};
  for (size_t e = 0; e < sizeof el / sizeof el[0]; e++) {
    nutmm_atom a;
    ck_assert_int_eq(nutmm_atom_lookup(el[e], &a), NUTMM_SUCCESS);
    ck_assert_int_eq(nutmm_atom_check(&a), NUTMM_SUCCESS);
    double sum = 0.0, Bmax = 0.0;
    for (size_t i = 0; i < a.n_shells; i++) {
      sum += a.occupancy[i];
      Bmax = fmax(Bmax, a.binding[i]);
    }
    ck_assert_rel(sum, (double)a.Z, 1e-3);
    ck_assert_rel(nutmm_atom_step(&a, Bmax), 1.0, 0);
    ck_assert_rel(nutmm_atom_step(&a, 1.37 * Bmax), 1.0, 0);
    for (size_t i = 0; i < a.n_shells; i++) {
      /* step at B_i: all shells with exactly this edge switch on together */
      double jump = 0.0;
      for (size_t k = 0; k < a.n_shells; k++)
        if (a.binding[k] == a.binding[i])
          jump += a.occupancy[k];
      double below = nutmm_atom_step(&a, a.binding[i] * (1.0 - 1e-12));
      double at = nutmm_atom_step(&a, a.binding[i]);
      ck_assert_rel(at - below, jump / sum, 1e-12);
    }
    double prev = 0.0;
    for (double T = 1e-7; T < 0.1; T *= 1.05) {
      double S = nutmm_atom_step(&a, T);
      ck_assert(S >= prev && S <= 1.0);
      prev = S;
    }
  }
  nutmm_atom a;
  ck_assert_int_eq(nutmm_atom_lookup("Kr", &a), NUTMM_ENOTFOUND);
  ck_assert_int_eq(nutmm_atom_lookup(NULL, &a), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_atom_lookup("Xe", NULL), NUTMM_EFAULT);

  nutmm_atom_lookup("Ar", &a);
  nutmm_atom bad = a;
  bad.n_shells = 0;
  ck_assert_int_eq(nutmm_atom_check(&bad), NUTMM_EBADLEN);
  bad.n_shells = NUTMM_ATOM_MAX_SHELLS + 1;
  ck_assert_int_eq(nutmm_atom_check(&bad), NUTMM_EBADLEN);
  bad = a;
  bad.binding[2] = -1.0;
  ck_assert_int_eq(nutmm_atom_check(&bad), NUTMM_EDOM);
  bad = a;
  bad.Z = 0;
  ck_assert_int_eq(nutmm_atom_check(&bad), NUTMM_EDOM);
  ck_assert_int_eq(nutmm_atom_check(NULL), NUTMM_EFAULT);
}
END_TEST

/* Sum over nuclei per kg of element j's isotopes, to compare with atoms per kg. */
static double nuclei_of_Z(const nutmm_target *t, int Z)
{
  double s = 0.0;
  for (size_t i = 0; i < nutmm_target_n_nuclei(t); i++)
    if (nutmm_target_nucleus(t, i)->Z == Z)
      s += nutmm_target_nuclei_per_kg(t, i);
  return s;
}

/* physics manual phys-target-counts: molar masses (IUPAC standard atomic weights) and numbers per kg. */
START_TEST(test_target_materials)
{
  const struct {
    const char *name;
    double molar;  /* g/mol, physics manual phys-target-counts / IUPAC */
    double tol;    /* relative: the spec's printed digits */
    size_t n_atoms;
    double e_per_unit; /* electrons per formula unit */
  } ref[] = {{"CsI", 259.81, 5e-5, 2, 108},   {"Xe", 131.293, 5e-6, 1, 54},
             {"Ar", 39.948, 2e-5, 1, 18},     {"Ge", 72.630, 2e-5, 1, 32},
             {"Si", 28.085, 2e-5, 1, 14},     {"Al2O3", 101.961, 5e-6, 2, 50},
             {"CaWO4", 287.92, 2e-5, 3, 126}, {"LAr", 39.948, 2e-5, 1, 18},
             {"LXe", 131.293, 5e-6, 1, 54},   {"NaI", 149.894, 5e-6, 2, 64},
             {"W", 183.84, 5e-5, 1, 74},      {"O", 15.999, 5e-5, 1, 8},
             {"Ca", 40.078, 5e-5, 1, 20},     {"Na", 22.98977, 1e-6, 1, 11},
             {"I", 126.90447, 1e-6, 1, 53},   {"Cs", 132.90545, 1e-6, 1, 55},
             {"Al", 26.981538, 1e-6, 1, 13}};
  for (size_t r = 0; r < sizeof ref / sizeof ref[0]; r++) {
    nutmm_target *t = NULL;
    ck_assert_int_eq(nutmm_target_alloc(ref[r].name, &t), NUTMM_SUCCESS);
    ck_assert_rel(nutmm_target_molar_mass(t), ref[r].molar, ref[r].tol);
    ck_assert_uint_eq(nutmm_target_n_atoms(t), ref[r].n_atoms);
    double units = 1000.0 / nutmm_target_molar_mass(t) * NUTMM_NA;
    ck_assert_rel(nutmm_target_electrons_per_kg(t), ref[r].e_per_unit * units, 1e-14);
    double esum = 0.0;
    for (size_t j = 0; j < nutmm_target_n_atoms(t); j++) {
      const nutmm_atom *a = nutmm_target_atom(t, j);
      /* abundances renormalised: the isotopes of an element add up to its atoms */
      ck_assert_rel(nuclei_of_Z(t, a->Z), nutmm_target_atoms_per_kg(t, j), 1e-14);
      ck_assert_rel(nutmm_target_atom_electrons_per_kg(t, j),
                    a->Z * nutmm_target_atoms_per_kg(t, j), 1e-15);
      esum += nutmm_target_atom_electrons_per_kg(t, j);
    }
    ck_assert_rel(esum, nutmm_target_electrons_per_kg(t), 1e-14);
    /* the listed natural abundances of each element sum to 1 (data header claim; the
     * library renormalises anyway) */
    for (size_t j = 0; j < nutmm_target_n_atoms(t); j++) {
      double ab = 0.0;
      for (size_t i = 0; i < nutmm_target_n_nuclei(t); i++)
        if (nutmm_target_nucleus(t, i)->Z == nutmm_target_atom(t, j)->Z)
          ab += nutmm_target_nucleus(t, i)->abundance;
      ck_assert_rel(ab, 1.0, 1e-6);
    }
    nutmm_target_free(t);
  }

  /* CsI: 2.3180e24 Cs and I per kg (physics manual phys-target-counts) */
  nutmm_target *t = NULL;
  ck_assert_int_eq(nutmm_target_alloc("CsI", &t), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_target_n_nuclei(t), 2);
  ck_assert_str_eq(nutmm_target_nucleus(t, 0)->name, "Cs133");
  ck_assert_str_eq(nutmm_target_nucleus(t, 1)->name, "I127");
  ck_assert_rel(nutmm_target_nuclei_per_kg(t, 0), 2.3180e24, 5e-5);
  ck_assert_rel(nutmm_target_nuclei_per_kg(t, 1), 2.3180e24, 5e-5);
  nutmm_target_free(t);

  /* Xe: 9 isotopes with the CIAAW abundances, e.g. 129Xe 26.401 %, 136Xe 8.857 % */
  ck_assert_int_eq(nutmm_target_alloc("LXe", &t), NUTMM_SUCCESS);
  ck_assert_str_eq(nutmm_target_name(t), "Xe");
  ck_assert_uint_eq(nutmm_target_n_nuclei(t), 9);
  double n_atoms = nutmm_target_atoms_per_kg(t, 0);
  for (size_t i = 0; i < 9; i++) {
    const nutmm_nucleus *n = nutmm_target_nucleus(t, i);
    if (n->A == 129)
      ck_assert_rel(nutmm_target_nuclei_per_kg(t, i) / n_atoms, 0.26401, 1e-5);
    if (n->A == 136)
      ck_assert_rel(nutmm_target_nuclei_per_kg(t, i) / n_atoms, 0.08857, 1e-5);
  }
  nutmm_target_free(t);

  /* CaWO4: 1 Ca (6 isotopes), 1 W (5), 4 O (3) */
  ck_assert_int_eq(nutmm_target_alloc("CaWO4", &t), NUTMM_SUCCESS);
  ck_assert_uint_eq(nutmm_target_n_nuclei(t), 14);
  ck_assert_rel(nutmm_target_atoms_per_kg(t, 2), 4.0 * nutmm_target_atoms_per_kg(t, 0), 1e-15);
  nutmm_target_free(t);

  /* isotopically pure Ar-40: three spellings */
  const char *ar40[] = {"Ar40", "Ar-40", "40Ar"};
  for (int k = 0; k < 3; k++) {
    ck_assert_int_eq(nutmm_target_alloc(ar40[k], &t), NUTMM_SUCCESS);
    ck_assert_uint_eq(nutmm_target_n_nuclei(t), 1);
    ck_assert_int_eq(nutmm_target_nucleus(t, 0)->A, 40);
    ck_assert_rel(nutmm_target_nucleus(t, 0)->abundance, 1.0, 0);
    ck_assert_rel(nutmm_target_nuclei_per_kg(t, 0), 1000.0 / 39.9623831 * NUTMM_NA, 1e-8);
    ck_assert_int_eq(nutmm_target_atom(t, 0)->Z, 18);
    nutmm_target_free(t);
  }
}
END_TEST

START_TEST(test_target_errors)
{
  nutmm_target *t = (nutmm_target *)&t; /* must be reset to NULL on failure */
  const char *bad[] = {"Kr", "Ar39", "O2", "Foo", "", "xe", "Cs2I3Kr", "CaW(O4)",
                       "A123456789012345678901234567890123456789"};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    t = (nutmm_target *)&t;
    ck_assert_int_eq(nutmm_target_alloc(bad[k], &t), NUTMM_ENOTFOUND);
    ck_assert_ptr_null(t);
    ck_assert(strlen(nutmm_error_reason()) > 0);
  }
  nutmm_target_alloc("Kr", &t);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "'Kr'"));
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "Xe")); /* lists known elements */
  ck_assert_int_eq(nutmm_target_alloc(NULL, &t), NUTMM_EFAULT);
  ck_assert_int_eq(nutmm_target_alloc("Xe", NULL), NUTMM_EFAULT);

  /* accessors out of range */
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_SUCCESS);
  ck_assert_ptr_null(nutmm_target_nucleus(t, 3));
  ck_assert_ptr_null(nutmm_target_atom(t, 1));
  ck_assert_rel(nutmm_target_nuclei_per_kg(t, 3), 0.0, 0);
  ck_assert_rel(nutmm_target_atoms_per_kg(t, 1), 0.0, 0);
  ck_assert_rel(nutmm_target_atom_electrons_per_kg(t, 1), 0.0, 0);
  const nutmm_nucleus *n;
  const nutmm_atom *a;
  double x;
  ck_assert_int_eq(nutmm_target_nucleus_e(t, 2, &n, &x), NUTMM_SUCCESS);
  ck_assert_rel(x, nutmm_target_nuclei_per_kg(t, 2), 0);
  ck_assert_int_eq(nutmm_target_nucleus_e(t, 3, &n, &x), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_target_atom_e(t, 0, &a, &x), NUTMM_SUCCESS);
  ck_assert_int_eq(a->Z, 18);
  ck_assert_int_eq(nutmm_target_atom_e(t, 1, &a, &x), NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_target_atom_e(NULL, 0, &a, &x), NUTMM_EFAULT);
  nutmm_target_free(t);
  nutmm_target_free(NULL);
  ck_assert_uint_eq(nutmm_target_n_nuclei(NULL), 0);
  ck_assert_rel(nutmm_target_electrons_per_kg(NULL), 0.0, 0);
}
END_TEST

START_TEST(test_target_custom)
{
  nutmm_nucleus nuc[2];
  nutmm_nucleus_init(&nuc[0], 32, 76, 75.921402725, 4.0811 * NUTMM_FM, 0);
  nutmm_nucleus_init(&nuc[1], 32, 74, 73.921177761, 4.0742 * NUTMM_FM, 0);
  nuc[0].r_n = nuc[0].r_p + 0.2 * NUTMM_FM; /* a neutron skin */
  double per_kg[2] = {7.3e24, 0.6e24};
  nutmm_atom ge;
  ck_assert_int_eq(nutmm_atom_lookup("Ge", &ge), NUTMM_SUCCESS);
  double atoms = 7.9e24;
  nutmm_target *t = NULL;
  ck_assert_int_eq(nutmm_target_alloc_custom("enrGe", 2, nuc, per_kg, 1, &ge, &atoms, &t),
                   NUTMM_SUCCESS);
  ck_assert_str_eq(nutmm_target_name(t), "enrGe");
  ck_assert_rel(nutmm_target_molar_mass(t), 0.0, 0);
  ck_assert_rel(nutmm_target_nucleus(t, 0)->r_n, nuc[0].r_n, 0);
  ck_assert_rel(nutmm_target_nuclei_per_kg(t, 1), 0.6e24, 0);
  ck_assert_rel(nutmm_target_electrons_per_kg(t), 32 * 7.9e24, 1e-15);
  nutmm_target_free(t);

  /* no atoms: fine (no EES) */
  ck_assert_int_eq(nutmm_target_alloc_custom(NULL, 1, nuc, per_kg, 0, NULL, NULL, &t),
                   NUTMM_SUCCESS);
  ck_assert_str_eq(nutmm_target_name(t), "custom");
  ck_assert_rel(nutmm_target_electrons_per_kg(t), 0.0, 0);
  nutmm_target_free(t);

  ck_assert_int_eq(nutmm_target_alloc_custom("x", 0, NULL, NULL, 0, NULL, NULL, &t), NUTMM_EINVAL);
  double neg[2] = {1e24, -1.0};
  ck_assert_int_eq(nutmm_target_alloc_custom("x", 2, nuc, neg, 0, NULL, NULL, &t), NUTMM_EDOM);
  ck_assert_ptr_null(t);
  ck_assert_int_eq(nutmm_target_alloc_custom("x", 2, NULL, per_kg, 0, NULL, NULL, &t),
                   NUTMM_EFAULT);
  nutmm_nucleus badn = nuc[0];
  badn.mass = -1.0;
  ck_assert_int_eq(nutmm_target_alloc_custom("x", 1, &badn, per_kg, 0, NULL, NULL, &t),
                   NUTMM_EDOM);
  nutmm_atom bada = ge;
  bada.n_shells = 0;
  ck_assert_int_eq(nutmm_target_alloc_custom("x", 0, NULL, NULL, 1, &bada, &atoms, &t),
                   NUTMM_EBADLEN);
  ck_assert_int_eq(nutmm_target_alloc_custom("x", 1, nuc, per_kg, 0, NULL, NULL, NULL),
                   NUTMM_EFAULT);
}
END_TEST

/* Malformed data files are reported with file and line (NUTMM_DATADIR points to a copy). */
static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

START_TEST(test_target_bad_data)
{
  char dir[] = "test_target_dataXXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char p[256];
  snprintf(p, sizeof p, "%s/nuclear", dir);
  mkdir(p, 0700);
  snprintf(p, sizeof p, "%s/atomic", dir);
  mkdir(p, 0700);
  char nucp[256], atp[256];
  snprintf(nucp, sizeof nucp, "%s/nuclear/nuclei.dat", dir);
  snprintf(atp, sizeof atp, "%s/atomic/binding_energies.dat", dir);
  setenv("NUTMM_DATADIR", dir, 1);
  write_file(atp, "# test\nAr 18 K 1s 2.0 3.2\nAr 18 L 2s 16.0 0.3\n");
  nutmm_target *t = NULL;

  /* Z inconsistent with the name */
  write_file(nucp, "# test\nAr40 19 21 40 39.96 1.0 3.4274 0 R\n");
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "nuclei.dat:2"));
  /* non-numeric mass */
  write_file(nucp, "# test\nAr40 18 22 40 abc 1.0 3.4274 0 R\n");
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "'abc'"));
  /* missing columns */
  write_file(nucp, "# test\nAr40 18 22 40 39.96 1.0\n");
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_EFORMAT);
  /* non-integer spin */
  write_file(nucp, "# test\nAr40 18 22 40 39.96 1.0 3.4274 0.5 R\n");
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_EFORMAT);
  /* a good nuclear file, but occupancies not summing to Z */
  write_file(nucp, "# test\nAr40 18 22 40 39.9623831237 1.0 3.4274 0 R\n");
  write_file(atp, "# test\nAr 18 K 1s 2.0 3.2\nAr 18 L 2s 15.0 0.3\n");
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_EFORMAT);
  ck_assert_ptr_nonnull(strstr(nutmm_error_reason(), "sum to 17"));
  /* an element without shells */
  write_file(atp, "# test\nXe 54 K 1s 54.0 34.0\n");
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_ENOTFOUND);
  ck_assert_ptr_null(t);
  /* consistent minimal files work */
  write_file(atp, "# test\nAr 18 K 1s 2.0 3.2\nAr 18 L 2s 16.0 0.3\n");
  ck_assert_int_eq(nutmm_target_alloc("Ar", &t), NUTMM_SUCCESS);
  ck_assert_rel(nutmm_target_molar_mass(t), 39.9623831237, 1e-15);
  nutmm_target_free(t);

  remove(nucp);
  remove(atp);
  snprintf(p, sizeof p, "%s/nuclear", dir);
  rmdir(p);
  snprintf(p, sizeof p, "%s/atomic", dir);
  rmdir(p);
  rmdir(dir);
}
END_TEST

static Suite *suite(void)
{
  Suite *s = suite_create("target");
  TCase *tc = tcase_create("target");
  tcase_add_test(tc, test_nucleus_lookup);
  tcase_add_test(tc, test_nucleus_init_check);
  tcase_add_test(tc, test_atom_xe_step);
  tcase_add_test(tc, test_atom_all_elements);
  tcase_add_test(tc, test_target_materials);
  tcase_add_test(tc, test_target_errors);
  tcase_add_test(tc, test_target_custom);
  tcase_add_test(tc, test_target_bad_data);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return nutmm_test_run(suite()); }
