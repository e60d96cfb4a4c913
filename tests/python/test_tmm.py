"""TMM algebra from Python: Mixing, TMM, mu_eff^2 (eq. 6), Tables 1-2, solar eq. (5)."""
import unittest

import numpy as np

import nutmm
from nutmm import ffi, lib
from nutmm_testutil import TestCase


class TestVersion(TestCase):
    def test_version(self):
        self.assertEqual(nutmm.version(), "%d.%d.%d" % nutmm.version_info())
        self.assertEqual(nutmm.version(), nutmm.__version__)

    def test_struct_sizes(self):
        size = ffi.new("size_t *")
        for name in ("nutmm_mixing", "nutmm_tmm_table", "nutmm_xsec_options",
                     "nutmm_rate_options", "nutmm_interval"):
            self.assertEqual(lib.nutmm_struct_size(name.encode(), size), 0)
            self.assertEqual(size[0], ffi.sizeof(name))


    def test_every_public_type_has_a_size_query(self):
        """Every complete struct and enum type of the headers is in nutmm_struct_size()
        (lib/version.c lists them: add new public types there)."""
        size = ffi.new("size_t *")
        checked = 0
        for name in ffi.list_types()[0]:
            if not name.startswith("nutmm_"):
                continue
            t = ffi.typeof(name)
            if t.kind not in ("struct", "enum"):
                continue  # function-pointer typedefs
            try:
                n = ffi.sizeof(t)
            except ffi.error:
                continue  # opaque handles
            with self.subTest(type=name):
                # the companion library's types (nutmm/experiments.h) have their own query
                query = lib.nutmm_experiment_struct_size if name.startswith(
                    ("nutmm_exp_", "nutmm_experiment", "nutmm_combination")) else lib.nutmm_struct_size
                self.assertEqual(query(name.encode(), size), 0,
                                 "add %s to lib/version.c (or examples/experiments/registry.c)"
                                 % name)
                self.assertEqual(size[0], n)
            checked += 1
        self.assertGreater(checked, 30)


class TestMixing(TestCase):
    def test_defaults_unitary(self):
        U = nutmm.Mixing().U
        self.assertLess(np.abs(U @ U.conj().T - np.eye(4)).max(), 1e-14)
        # NuFIT 5.1 default sin^2 theta12 = 0.304 (mixing.h): |U_e2|^2 = s12^2 c13^2
        p = nutmm.Mixing().params
        self.assertAlmostEqual(np.sin(p["theta12"]) ** 2, 0.304, places=12)
        self.assertAlmostEqual(abs(U[0, 1]) ** 2, 0.304 * (1 - 0.02246), places=12)
        self.assertEqual(abs(U[0, 3]), 0.0)  # no active-sterile mixing by default

    def test_from_matrix_roundtrip_and_refusal(self):
        m = nutmm.Mixing(theta14=0.1, theta24=0.05)
        self.assertBits(nutmm.Mixing.from_matrix(m.U).U.view(float), m.U.view(float))
        bad = m.U.copy()
        bad[0, 0] *= 1.01
        self.assertNutmmError(nutmm.Mixing.from_matrix, bad, status=nutmm.ENOTUNITARY)
        self.assertNutmmError(nutmm.Mixing.from_matrix, np.eye(3), status=nutmm.EBADLEN)
        self.assertNutmmError(nutmm.Mixing, theta14=float("nan"), status=nutmm.EDOM)
        self.assertNutmmError(nutmm.Mixing, theta15=0.1, status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.Mixing, theta14=2.0, status=nutmm.EDOM)

    def test_solar(self):
        m = nutmm.Mixing()
        P = m.solar_pei([0.3, 10.0])
        self.assertEqual(P.shape, (2, 4))
        self.assertTrue(np.allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-15))
        # high-energy 8B limit: mostly nu_2 (P_e2 > P_e1), low energy close to vacuum
        self.assertGreater(P[1, 1], P[1, 0])
        self.assertLess(abs(P[0, 0] - abs(m.U[0, 0]) ** 2), 0.05)


class TestTMM(TestCase):
    def test_set_get_antisymmetric(self):
        t = nutmm.TMM().set(1, 3, 0.25 + 0.5j)
        self.assertEqual(t.get(3, 1), -(0.25 + 0.5j))
        self.assertEqual(t.Lambda[1], -(0.25 + 0.5j))  # lambda_13 = -Lambda_2 (eq. 2)
        M = t.matrix()
        self.assertBits((M + M.T).view(float), np.zeros((4, 4), complex).view(float))
        self.assertEqual(t.norm2(), 0.25 ** 2 + 0.5 ** 2)

    def test_complex_constructor(self):
        L = np.array([1 + 2j, -3j, 0.5, 4, 5 - 1j, 6j]) * 1e-10
        self.assertBits(nutmm.TMM(L).Lambda.view(float), L.view(float))
        t = nutmm.TMM([1e-10, 0, 0, 2e-10, 0, 0], [0.3, 0, 0, 0, 0, 0])
        self.assertLess(abs(t.get(2, 3) - 1e-10 * np.exp(0.3j)), 1e-25)  # Lambda_1 = lambda_23
        self.assertEqual(t.get(1, 4), 2e-10)                               # Lambda_4 = lambda_14

    def test_bad_input(self):
        self.assertNutmmError(nutmm.TMM, np.array([1j, 0, 0, 0, 0, np.nan]), status=nutmm.EDOM)
        self.assertNutmmError(nutmm.TMM().set, 1, 1, 1.0, status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.TMM().set, 1, 5, 1.0, status=nutmm.EBADLEN)
        self.assertNutmmError(nutmm.TMM().set, 1, 2, complex(0, float("nan")), status=nutmm.EDOM)
        self.assertNutmmError(nutmm.TMM, [1e-10] * 5, status=nutmm.EBADLEN)
        self.assertNutmmError(nutmm.TMM, [1e-10, -1, 0, 0, 0, 0], status=nutmm.EDOM)
        self.assertNutmmError(nutmm.TMM().set, "a", 2, 1.0, status=nutmm.EINVAL)

    def test_mueff_single_moment(self):
        # only lambda_14, no sterile mixing: A_4 = U*_e1 lambda_14, mu^2 = |U_e1|^2 |L4|^2
        mix = nutmm.Mixing()
        lam = nutmm.TMM().set(1, 4, 1e-10)
        m = nutmm.mueff2(mix, lam, "nu_e")
        ref = abs(mix.U[0, 0]) ** 2 * 1e-20
        self.assertLess(abs(m.total - ref), 1e-14 * ref)
        self.assertEqual(m.total, m.sterile)
        self.assertEqual(nutmm.mueff2(mix, lam, "nubar_e"), m)  # nu and nubar alike
        self.assertNutmmError(nutmm.mueff2, mix, lam, "nu_x", status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.mueff2, mix, lam, 7, status=nutmm.EINVAL)

    def test_mueff_array_equals_scalar(self):
        mix = nutmm.Mixing(theta14=0.1, theta24=0.07, delta14=0.3)
        rng = np.random.default_rng(5)
        L = (rng.uniform(0, 1e-10, (3, 5, 6)) * np.exp(1j * rng.uniform(0, 6, (3, 5, 6))))
        arr = nutmm.mueff2(mix, L, "nu_mu")
        self.assertEqual(arr.total.shape, (3, 5))
        out = ffi.new("nutmm_mueff *")
        tm = ffi.new("nutmm_tmm *")
        for idx in np.ndindex(3, 5):
            for k in range(6):
                tm.Lambda[k] = complex(L[idx][k])
            self.assertEqual(lib.nutmm_mueff2(mix._m, tm, lib.NUTMM_NU_MU, out), 0)
            for f, a in zip(("total", "sterile", "active"), arr):
                self.assertBits(a[idx], getattr(out, f))
        bad = L.copy()
        bad[1, 2, 3] = np.nan
        e = self.assertNutmmError(nutmm.mueff2, mix, bad, "nu_mu", status=nutmm.EDOM)
        self.assertEqual(e.index, 1 * 5 + 2)
        self.assertNutmmError(nutmm.mueff2, mix, L[..., :5], "nu_mu", status=nutmm.EBADLEN)

    def test_tables(self):
        mix = nutmm.Mixing(theta14=0.05)
        lam = nutmm.TMM(np.array([1, 2, 3, 4, 5, 6]) * 1e-10, np.arange(6) * 0.4)
        for s in ("nu_e", "nu_mu", "nu_tau"):
            t = nutmm.TmmTable(mix, lam, s)
            tot = nutmm.mueff2(mix, lam, s).total
            self.assertLess(abs(t.sum() - tot), 1e-12 * tot)
            self.assertLess(abs(np.dot(t.coef, t.prod) - tot), 1e-12 * tot)
            # rows 9, 14, 18 vanish identically (tmm.h)
            for j in (9, 14, 18):
                self.assertEqual(t.coef[j - 1], 0.0)
        rows = nutmm.table_rows()
        self.assertEqual(rows[0], (1, 1, "|L1|^2"))
        self.assertEqual(len(rows), 21)

    def test_rephasing_invariance(self):
        mix = nutmm.Mixing(theta14=0.1, theta24=0.2)
        lam = nutmm.TMM(np.array([1, 2, 3, 4, 5, 6]) * 1e-10, np.arange(6) * 0.7)
        phi = [0.1, -0.4, 1.2, 0.3]
        a = nutmm.mueff2(mix, lam, "nu_mu").total
        b = nutmm.mueff2(mix.rephase(phi=phi), lam.rephase(phi), "nu_mu").total
        self.assertLess(abs(a - b), 1e-13 * a)

    def test_solar_moment(self):
        mix = nutmm.Mixing()
        lam = nutmm.TMM().set(2, 4, 1e-10)
        P = mix.solar_pei(0.3)
        m = nutmm.mueff2_solar_pei(P, lam)
        self.assertLess(abs(m.sterile - P[1] * 1e-20), 1e-14 * 1e-20)  # eq. (5)
        self.assertEqual(nutmm.mueff2_solar(mix, lam, 0.3), m)
        self.assertNutmmError(nutmm.mueff2_solar_pei, [2, 0, 0, 0], lam, status=nutmm.EDOM)
        self.assertNutmmError(nutmm.mueff2_solar, nutmm.Mixing.from_matrix(mix.U), lam, 0.3,
                              status=nutmm.EINVAL)


if __name__ == "__main__":
    unittest.main()
