"""Fluxes, detector, rates and likelihoods from Python: equal to the C calls bit for bit,
objects keep what they depend on alive, and bad input raises nutmm.Error."""
import gc
import threading
import unittest

import numpy as np

import nutmm
from nutmm import ffi, lib
from nutmm_testutil import TestCase, scalar_c

KEV = nutmm.units.KEV


def csi_detector():
    return (nutmm.Detector().quench_csi().light_yield(nutmm.units.CSI_LY_PER_KEVEE / KEV)
            .acceptance_csi2017().bins_uniform(6.0, 30.0, 12))


def make_rate():
    """A COHERENT-CsI-like plan whose creators go out of scope on return."""
    return nutmm.Rate(nutmm.Target("CsI"), nutmm.Flux.pidar(), csi_detector(), exposure=14.57)


class TestFlux(TestCase):
    def test_eval_array_equals_scalar(self):
        f = nutmm.Flux.pidar()
        E = np.linspace(0.0, 60.0, 301)
        for i in range(len(f)):
            ref = [scalar_c(lib.nutmm_flux_eval_e, f._h, i, e) for e in E]
            self.assertBits(f.eval(E, i), ref)
        ref = [scalar_c(lib.nutmm_flux_eval_species_e, f._h, lib.NUTMM_NU_E, -1, e) for e in E]
        self.assertBits(f.eval_species(E, "nu_e"), ref)

    def test_pidar_normalisation(self):
        # each flavour carries eta = r N_POT / (4 pi L^2) (flux.h)
        f = nutmm.Flux.pidar(r=0.08, n_pot=1.76e23, L=1930.0)
        eta = 0.08 * 1.76e23 / (4 * np.pi * 1930.0 ** 2)
        for c in f.components():
            self.assertLess(abs(c.total - eta), 1e-12 * eta, c)
        prompt = f.component(f.find("prompt"))
        self.assertTrue(prompt.is_line)
        self.assertEqual(prompt.species, "nu_mu")
        self.assertEqual(f.norm[0], "fluence")

    def test_user_table_moments(self):
        f = nutmm.Flux().add_table("nu_e", "box", [1.0, 3.0], [2.0, 2.0])
        m = f.moments(0, 1.0)  # int_1^3 2 E^-k dE
        self.assertLess(np.abs(m - [4.0, 2 * np.log(3.0), 2 * (1 - 1 / 3.0)]).max(), 1e-14)
        self.assertEqual(f.total(0), 4.0)

    def test_reactor_power(self):
        f = nutmm.Flux.reactor_power(2.9e9, 2800.0)
        y = f.reactor_yield
        # fissions = P / <E_f>; anti-nu_e per s = fissions x per fission; Phi = N / (4 pi L^2)
        self.assertLess(abs(y.fissions_per_second * y.energy_per_fission
                            - 2.9e9 * nutmm.units.REACTOR_MEV_PER_JOULE), 1e-12 * 1e20 * 200)
        self.assertLess(abs(y.nu_per_second - y.fissions_per_second * y.nu_per_fission),
                        1e-12 * y.nu_per_second)
        phi = y.nu_per_second / (4 * np.pi * 2800.0 ** 2)
        self.assertLess(abs(f.total() - phi), 1e-9 * phi)
        self.assertNutmmError(nutmm.Flux.reactor_power, -1.0, 2800.0, status=nutmm.EDOM)

    def test_bad_input(self):
        f = nutmm.Flux.pidar()
        self.assertNutmmError(f.eval, [1.0, np.nan], 0, status=nutmm.EDOM, match="point 1 (")
        self.assertNutmmError(f.eval, 1.0, 99, status=nutmm.EBADLEN)
        self.assertNutmmError(f.eval, 1.0, -1, status=nutmm.EBADLEN)
        self.assertNutmmError(f.find, "nothing", status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.Flux().add_table, "nu_e", "x", [1, 2], [1],
                              status=nutmm.EBADLEN)
        self.assertNutmmError(nutmm.Flux().add_table, "nu_e", "x", [2, 1], [1, 1],
                              status=nutmm.EDOM)
        self.assertNutmmError(nutmm.Flux.pidar, L=-1.0, status=nutmm.EDOM)
        self.assertNutmmError(nutmm.Flux.solar, mode="moon", status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.Flux().add_table_file, "nu_e", "x", "/nonexistent/file",
                              status=nutmm.EIO)


class TestDetector(TestCase):
    def test_csi_mapping(self):
        d = csi_detector()
        T = d.true_energy(6.0)  # detector.h: x = 6 PE -> T = 5.84 keV
        self.assertLess(abs(T / KEV - 5.84), 0.01)
        self.assertLess(abs(d.observable(T) - 6.0), 1e-9)
        self.assertEqual(d.nbins, 12)
        self.assertBits(d.edges, np.linspace(6.0, 30.0, 13))

    def test_lindhard(self):
        k = nutmm.lindhard_k(32, 73)
        self.assertLess(abs(k - 0.133 * 32 ** (2 / 3) / np.sqrt(73)), 1e-15)
        d = nutmm.Detector().quench_lindhard(32, k, 0.1)
        T = 10 * KEV
        self.assertLess(abs(d.quench_inverse(d.quench(T)) - T), 1e-12 * T)
        self.assertTrue(0.1 < d.quench(T) / T < 0.4)  # Ge quenching near 10 keVnr
        self.assertNutmmError(nutmm.lindhard_k, np.nan, 73, status=nutmm.EDOM)
        self.assertNutmmError(nutmm.Detector().quench_lindhard, 32, -k, 0.1, status=nutmm.EDOM)

    def test_response_partition(self):
        d = nutmm.Detector().resolution_constant(0.01).bins_uniform(0.0, 1.0, 10)
        fr = d.bin_fractions(0.5)
        self.assertLess(abs(fr.sum() - 1.0), 1e-12)
        R = d.response([0.25, 0.5], [1.0, 1.0])
        self.assertEqual(R.matrix.shape, (10, 2))
        self.assertLess(abs(R.apply([1.0, 1.0]).sum() - 2.0), 1e-12)
        self.assertNutmmError(R.apply, [1.0], status=nutmm.EBADLEN)

    def test_bad_input(self):
        self.assertNutmmError(nutmm.Detector().bins, [3.0, 2.0, 1.0])
        self.assertNutmmError(nutmm.Detector().bin_fractions, 0.1, status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.Detector().threshold, "sideways", 1.0,
                              status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.Detector().bins_uniform, 0, 1, 2 ** 70, status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.Detector().quench_constant, np.nan, status=nutmm.EDOM)
        self.assertNutmmError(nutmm.Detector().efficiency_table, "true", [0, 1], [0.5, 2.0],
                              status=nutmm.EDOM)


class TestRate(TestCase):
    def test_equals_c_plan(self):
        r = make_rate()
        tg, fl = ffi.new("nutmm_target **"), ffi.new("nutmm_flux **")
        self.assertEqual(lib.nutmm_target_alloc(b"CsI", tg), 0)
        self.assertEqual(lib.nutmm_flux_pidar_alloc(ffi.NULL, fl), 0)
        det = csi_detector()
        o = ffi.new("nutmm_rate_options *")
        lib.nutmm_rate_options_default(o)
        o.exposure = 14.57
        rp, ws = ffi.new("nutmm_rate **"), ffi.new("nutmm_rate_workspace **")
        self.assertEqual(lib.nutmm_rate_alloc(tg[0], fl[0], det._h, o, rp), 0)
        self.assertEqual(lib.nutmm_rate_workspace_alloc(rp[0], ws), 0)
        nb = lib.nutmm_rate_nbins(rp[0])
        out = ffi.new("double[]", nb)
        self.assertEqual(lib.nutmm_rate_sm(rp[0], ffi.NULL, out), 0)
        self.assertBits(r.sm(), list(out))
        for m4 in (0.0, 10.0, 40.0):
            self.assertEqual(lib.nutmm_rate_dipole(rp[0], ws[0], m4, ffi.NULL, out), 0)
            self.assertBits(r.dipole(m4), list(out))
        T = np.geomspace(1e-3, 5e-2, 17)
        ref = []
        v = ffi.new("double *")
        for t in T:
            self.assertEqual(lib.nutmm_rate_differential(rp[0], lib.NUTMM_PROCESS_DIPOLE, t, 10.0,
                                                         ffi.NULL, v), 0)
            ref.append(v[0])
        self.assertBits(r.differential("dipole", T, 10.0), ref)
        lib.nutmm_rate_workspace_free(ws[0])
        lib.nutmm_rate_free(rp[0])
        lib.nutmm_flux_free(fl[0])
        lib.nutmm_target_free(tg[0])

    def test_objects_outlive_creators(self):
        t, f, d = nutmm.Target("CsI"), nutmm.Flux.pidar(), csi_detector()
        r = nutmm.Rate(t, f, d, exposure=14.57)
        before = (r.sm(), r.dipole(10.0))
        del t, f, d
        gc.collect()
        self.assertBits(r.sm(), before[0])
        self.assertBits(r.dipole(10.0), before[1])
        self.assertEqual(r.target.name, "CsI")
        r2 = make_rate()  # built in a function whose locals are gone
        gc.collect()
        self.assertBits(r2.dipole(10.0), before[1])

    def test_physics(self):
        r = make_rate()
        d = r.dipole(10.0)
        self.assertTrue(np.all(d >= 0) and d.sum() > 0)
        # beyond the kinematic reach of the 52.8 MeV endpoint nothing is produced
        self.assertEqual(r.dipole(60.0).sum(), 0.0)
        # linear in the per-component weights
        w = np.array([0.5, 2.0, 3.0])
        parts = [r.dipole(10.0, np.eye(3)[k]) for k in range(3)]
        lin = sum(wk * p for wk, p in zip(w, parts))
        self.assertLess(np.abs(r.dipole(10.0, w) - lin).max(), 1e-12 * np.abs(lin).max())

    def test_threads_have_own_workspaces(self):
        r = make_rate()
        ref = r.dipole(10.0)
        res = []

        def work():
            res.append(r.dipole(10.0))
        th = [threading.Thread(target=work) for _ in range(4)]
        for t in th:
            t.start()
        for t in th:
            t.join()
        for x in res:
            self.assertBits(x, ref)

    def test_bad_input(self):
        r = make_rate()
        self.assertNutmmError(r.dipole, np.nan, status=nutmm.EDOM)
        self.assertNutmmError(r.dipole, -1.0, status=nutmm.EDOM)
        self.assertNutmmError(r.sm, [1.0], status=nutmm.EBADLEN)
        self.assertNutmmError(r.binned, "axion", 1.0, status=nutmm.ENOTFOUND)
        self.assertNutmmError(r.differential, "sm", [0.01, -1.0], status=nutmm.EDOM,
                              match="point 1 (")
        self.assertNutmmError(nutmm.Rate, nutmm.Target("CsI"), nutmm.Flux.pidar(),
                              nutmm.Detector(), status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.Rate, None, nutmm.Flux.pidar(), csi_detector(),
                              status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.Rate, nutmm.Target("CsI"), nutmm.Flux.pidar(),
                              csi_detector(), gl_order=1, status=nutmm.EDOM)
        self.assertNutmmError(nutmm.Rate, nutmm.Target("CsI"), nutmm.Flux.pidar(),
                              csi_detector(), channel="muon", status=nutmm.ENOTFOUND)
        self.assertNutmmError(nutmm.Target, "Unobtainium", status=nutmm.ENOTFOUND)


class TestHooks(TestCase):
    """Python callables as the library's user hooks."""

    def test_efficiency_and_resolution(self):
        base = nutmm.Detector().resolution_constant(0.05).bins_uniform(0.0, 1.0, 10)
        hook = nutmm.Detector().resolution_user(lambda x: 0.05).bins_uniform(0.0, 1.0, 10)
        self.assertLess(np.abs(hook.bin_fractions(0.5) - base.bin_fractions(0.5)).max(), 1e-14)
        d = nutmm.Detector().efficiency_user("true", lambda T: 0.5 if T > 0.3 else 0.0)
        self.assertEqual(d.efficiency("true", [0.1, 0.4]).tolist(), [0.0, 0.5])
        q = nutmm.Detector().quench_user(lambda T: 0.2 * T, 1.0)
        self.assertLess(abs(q.quench_inverse(0.02) - 0.1), 1e-12)

    def test_hook_errors_and_lifetime(self):
        def bad(x):
            raise ValueError("no efficiency here")
        d = nutmm.Detector().efficiency_user("true", bad)
        self.assertNutmmError(d.efficiency, "true", 0.1, match="ValueError: no efficiency here")
        d = nutmm.Detector().efficiency_user("true", lambda T: "high")
        self.assertNutmmError(d.efficiency, "true", 0.1, match="Python hook")
        self.assertNutmmError(nutmm.Detector().efficiency_user, "true", 3.0,
                              status=nutmm.EINVAL)
        # the detector keeps its callable: the lambda has no other reference
        d = nutmm.Detector().efficiency_user("true", lambda T: 0.25)
        gc.collect()
        self.assertEqual(d.efficiency("true", 0.1), 0.25)

    def test_python_form_factor(self):
        cs = nutmm.Nucleus.lookup("Cs133")
        E, T = 30.0, np.geomspace(1e-4, 0.01, 9)  # below T_max(30 MeV) = 0.0145 MeV
        ref = nutmm.cevns(E, T, cs, formfactor="none")
        self.assertTrue(np.all(ref > 0))
        self.assertBits(nutmm.cevns(E, T, cs, formfactor=lambda q, nuc, which: 1.0), ref)
        half = nutmm.cevns(E, T, cs, formfactor=lambda q, nuc, which: 0.5)
        self.assertLess(np.abs(half / ref - 0.25).max(), 1e-14)  # sigma ~ F^2 (eq. 11)
        self.assertNutmmError(nutmm.cevns, E, T, cs, formfactor=lambda q, nuc, which: 1 / 0,
                              match="ZeroDivisionError")
        # a rate plan keeps its options' Python form factor alive
        opts = nutmm.XsecOptions(formfactor=lambda q, nuc, which: 1.0)
        r = nutmm.Rate(nutmm.Target("CsI"), nutmm.Flux.pidar(), csi_detector(), xsec=opts,
                       exposure=14.57)
        ref_r = nutmm.Rate(nutmm.Target("CsI"), nutmm.Flux.pidar(), csi_detector(),
                           xsec=nutmm.XsecOptions(formfactor="none"), exposure=14.57)
        del opts
        gc.collect()
        self.assertBits(r.dipole(10.0), ref_r.dipole(10.0))


class TestChi2(TestCase):
    def test_plain_gaussian(self):
        obs, s2 = np.array([10.0, 12.0, 9.0]), np.array([10.0, 12.0, 9.0])
        sm, D = np.array([9.0, 11.0, 10.0]), np.array([1.0, 2.0, 0.5])
        c = nutmm.Chi2(3).set_observed(obs).set_sigma2(s2).set_signal(sm, D)
        for mu in (0.0, 0.5, 2.0):
            ref = np.sum((obs - sm - mu ** 2 * D) ** 2 / s2)
            chi2, xi = c.eval(mu)
            self.assertLess(abs(chi2 - ref), 1e-13 * ref)
            self.assertEqual(xi.shape, (0,))
        self.assertBits(c(np.array([0.0, 0.5])), [c.eval(0.0)[0], c.eval(0.5)[0]])
        up = c.upper_limit()
        best = c.bestfit()
        self.assertLess(abs(c(up) - best[1] - nutmm.DCHI2_90CL_1DOF), 1e-9)
        iv = c.interval()
        self.assertEqual(iv.mu_high, up)

    def test_asimov(self):
        n = np.array([5.0, 4.0, 3.0])
        c = nutmm.Chi2.asimov(n, 0.2 * n, 0.2).set_signal(n, np.array([1.0, 1.0, 1.0]))
        self.assertEqual(c(0.0), 0.0)  # eq. (27) vanishes at mu = 0
        self.assertGreater(c(1.0), 0.0)
        self.assertLess(abs(nutmm.delta_chi2(0.9, 2) - nutmm.DCHI2_90CL_2DOF), 1e-12)

    def test_bad_input(self):
        self.assertNutmmError(nutmm.Chi2, 0, status=nutmm.EBADLEN)
        self.assertNutmmError(nutmm.Chi2, -3, status=nutmm.EBADLEN)
        c = nutmm.Chi2(3, 1, 1)
        self.assertNutmmError(c.set_observed, [1.0, 2.0], status=nutmm.EBADLEN)
        self.assertNutmmError(c.eval, 1.0, status=nutmm.EINVAL)
        self.assertNutmmError(c.set_sigma2, [1.0, 0.0, 1.0], status=nutmm.EDOM)
        self.assertNutmmError(c.set_nuisance, 0, 0.1, target=5, status=nutmm.EBADLEN)
        self.assertNutmmError(c.set_nuisance, 0, 0.1, target="noise", status=nutmm.EINVAL)
        self.assertNutmmError(nutmm.delta_chi2, 1.5, 1, status=nutmm.EDOM)


if __name__ == "__main__":
    unittest.main()
