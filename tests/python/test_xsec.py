"""Cross sections, form factors and kinematics from Python: every array call equals the
scalar C call bit for bit, broadcasting follows numpy, bad input raises nutmm.Error."""
import unittest

import numpy as np

import nutmm
from nutmm import ffi, lib
from nutmm_testutil import TestCase, scalar_c


def grid(Emax, Tmax, n=7):
    E = Emax * np.linspace(0.02, 1.0, n)[:, None]
    T = Tmax * np.geomspace(1e-4, 1.0, n + 2)[None, :]
    return E, T


class TestCrossSections(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cs = nutmm.Nucleus.lookup("Cs133")
        cls.xe = nutmm.Atom("Xe")

    def check_against_scalar(self, values, E, T, scalar):
        Eb, Tb = np.broadcast_arrays(E, T)
        self.assertEqual(values.shape, Eb.shape)
        ref = np.array([scalar(e, t) for e, t in zip(Eb.ravel(), Tb.ravel())]).reshape(Eb.shape)
        self.assertBits(values, ref)
        self.assertTrue(np.any(ref != 0) and np.any(ref == 0))  # inside and outside the window

    def test_nuclear(self):
        E, T = grid(50.0, 0.05)
        m4 = 5.0
        o = nutmm.XsecOptions()._o
        self.check_against_scalar(nutmm.cevns(E, T, self.cs), E, T, lambda e, t: scalar_c(
            lib.nutmm_xsec_cevns_e, e, t, self.cs._n, ffi.NULL))
        self.check_against_scalar(nutmm.dipole_nucleus(E, T, m4, self.cs), E, T,
                                  lambda e, t: scalar_c(lib.nutmm_xsec_dipole_nucleus_e, e, t,
                                                        m4, self.cs._n, o))
        ref = lambda e, t: scalar_c(lib.nutmm_xsec_int_nucleus_e, e, t, m4, self.cs._n, o)
        self.check_against_scalar(nutmm.int_nucleus(E, T, m4, "Cs133"), E, T, ref)

    def test_electron(self):
        E, T = grid(1.0, 0.5)
        m4 = 0.1
        self.check_against_scalar(
            nutmm.ees(E, T, "nubar_e", self.xe), E, T,
            lambda e, t: scalar_c(lib.nutmm_xsec_ees_e, e, t, lib.NUTMM_NUBAR_E, self.xe._a,
                                  ffi.NULL))
        self.check_against_scalar(
            nutmm.dipole_electron(E, T, m4, "Xe"), E, T,
            lambda e, t: scalar_c(lib.nutmm_xsec_dipole_electron_e, e, t, m4, self.xe._a,
                                  ffi.NULL))
        self.check_against_scalar(
            nutmm.int_electron(E, T, m4, "nu_mu"), E, T,
            lambda e, t: scalar_c(lib.nutmm_xsec_int_electron_e, e, t, m4, lib.NUTMM_NU_MU,
                                  ffi.NULL, ffi.NULL))

    def test_options_reach_c(self):
        E, T = 30.0, np.geomspace(1e-4, 0.04, 20)
        o = nutmm.XsecOptions(formfactor="klein-nystrand", sin2w=0.24, full_kinematics=True)
        ref = [scalar_c(lib.nutmm_xsec_cevns_e, E, t, self.cs._n, o._o) for t in T]
        self.assertBits(nutmm.cevns(E, T, self.cs, o), ref)
        self.assertBits(nutmm.cevns(E, T, self.cs, formfactor="klein-nystrand", sin2w=0.24,
                                    full_kinematics=True), ref)
        # with F = 1 and tree couplings the weak charge is -(N - (1 - 4 s_W^2) Z)/2 (eq. 12)
        q = nutmm.weak_charge(0.0, self.cs, formfactor="none")
        s2w = nutmm.units.SIN2W_DEFAULT
        self.assertAlmostEqual(q, -0.5 * (78 - (1 - 4 * s2w) * 55), places=12)

    def test_scalar_and_broadcast_shapes(self):
        v = nutmm.cevns(30.0, 0.01, self.cs)
        self.assertIsInstance(v, float)
        self.assertEqual(nutmm.cevns(np.ones((2, 1, 3)) * 30, np.ones((4, 1)) * 0.01,
                                     self.cs).shape, (2, 4, 3))

    def test_bad_input(self):
        e = self.assertNutmmError(nutmm.cevns, [10.0, 20.0, np.nan], 0.01, self.cs,
                                  status=nutmm.EDOM, match="point 2 (")
        self.assertEqual(e.index, 2)
        self.assertNutmmError(nutmm.cevns, np.ones(3), np.ones(4), self.cs, status=nutmm.EBADLEN)
        self.assertNutmmError(nutmm.dipole_nucleus, 30.0, 0.01, -1.0, self.cs, status=nutmm.EDOM)
        self.assertNutmmError(nutmm.dipole_electron, 1.0, 0.1, float("inf"), status=nutmm.EDOM)
        self.assertNutmmError(nutmm.dipole_nucleus, 30.0, 0.01, [1.0, 2.0], self.cs,
                              status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.cevns, 30.0, 0.01, "Cs999", status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.ees, 1.0, 0.1, "nu_e", "Xx", status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.cevns, 30.0, 0.01, self.cs, formfactor="gauss",
                              status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.cevns, 30.0, 0.01, self.cs, sin2w=2.0, status=nutmm.EDOM)
        self.assertNutmmError(nutmm.cevns, 30.0, 0.01, self.cs, colour=1, status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.cevns, "abc", 0.01, self.cs, status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.cevns, 30.0, 0.01, 42, status=nutmm.EINVAL)


class TestFormFactors(TestCase):
    def test_array_equals_scalar(self):
        ar = nutmm.Nucleus.lookup("Ar40")
        q = np.linspace(0, 200, 41)
        for model in ("helm", "klein-nystrand", "none"):
            o = nutmm.XsecOptions(formfactor=model)
            Fp, Fn = nutmm.formfactor(q, ar, o)
            p, n = ffi.new("double *"), ffi.new("double *")
            rp, rn = [], []
            for x in q:
                self.assertEqual(lib.nutmm_formfactor_eval_e(ffi.addressof(o._o, "ff"), ar._n, x,
                                                             p, n), 0)
                rp.append(p[0])
                rn.append(n[0])
            self.assertBits(Fp, rp)
            self.assertBits(Fn, rn)
            self.assertEqual(Fp[0], 1.0)  # F(0) = 1 in every model
        T = np.geomspace(1e-5, 0.1, 10)
        FpT, _ = nutmm.formfactor_T(T, ar)
        FpQ, _ = nutmm.formfactor(np.sqrt(2 * ar.mass * T), ar)
        self.assertLess(np.abs(FpT - FpQ).max(), 1e-13)
        self.assertNutmmError(nutmm.formfactor, [1.0, -1.0], ar, status=nutmm.EDOM,
                              match="point 1 (")


class TestKinematics(TestCase):
    def test_emin_edge(self):
        M, m4 = 0.511, 0.1
        T = np.geomspace(1e-3, 1.0, 7)
        Emin = nutmm.kin_emin(T, M, m4)
        for t, e in zip(T, Emin):
            lo, hi = nutmm.kin_recoil_range(e * (1 + 1e-12), M, m4)
            self.assertLessEqual(lo, t * (1 + 1e-9))
            self.assertGreaterEqual(hi, t * (1 - 1e-9))
        self.assertAlmostEqual(nutmm.kin_threshold(M, m4), m4 + m4 ** 2 / (2 * M), places=15)
        self.assertNutmmError(nutmm.kin_recoil_range, 0.05, M, m4, status=nutmm.ERANGE)
        self.assertNutmmError(nutmm.kin_emin, 0.1, M, -1.0, status=nutmm.EDOM)


if __name__ == "__main__":
    unittest.main()
