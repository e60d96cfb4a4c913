"""nutmm.experiment / nutmm.combine against the programs (examples/cli.c) and the C library.

The programs run with NUTMM_CLI_DIGITS=17, so every number they print is the double they
computed (%.17g round-trips): the binding's limit, spectrum and chi2 must equal them bit for
bit (the tolerance asked for is 1e-12 relative; equality is checked, as both sides make the
same library calls).  NUTMM_EXAMPLES_DIR names the build's examples/ directory."""
import gc
import os
import subprocess
import unittest

import numpy as np

import nutmm
from nutmm import ffi, lib
from nutmm_testutil import TestCase

EXAMPLES = os.environ.get("NUTMM_EXAMPLES_DIR", "")
HAVE = hasattr(lib, "nutmm_experiment_build") and os.path.isdir(EXAMPLES)
POINTS = 7  # per limit curve: every experiment x flavour, default range of each program


def cli(name, *args):
    """Run nutmm-<name> and parse its TSV: (header, rows of strings)."""
    env = dict(os.environ, NUTMM_CLI_DIGITS="17")
    r = subprocess.run([os.path.join(EXAMPLES, "nutmm-" + name)] + [str(a) for a in args],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise AssertionError("nutmm-%s %s failed: %s" % (name, " ".join(map(str, args)),
                                                         r.stderr))
    lines = [l.split("\t") for l in r.stdout.strip().split("\n")]
    return lines[0], lines[1:]


def same(a, b):
    """Equal doubles (inf == inf), bit for bit for finite ones."""
    return (a == b) and (np.float64(a).tobytes() == np.float64(b).tobytes())


@unittest.skipUnless(HAVE, "libnutmm-experiments not bound (built without examples)")
class TestAgainstPrograms(TestCase):
    def assertTable(self, head, rows, rec):
        self.assertEqual(list(rec.dtype.names), head)
        self.assertEqual(len(rec), len(rows))
        for k, row in enumerate(rows):
            for name, text in zip(head, row):
                got = rec[name][k]
                if name == "status":
                    self.assertEqual(got, text)
                else:
                    self.assertTrue(same(float(text), float(got)),
                                    "%s row %d: CLI %s, Python %r" % (name, k, text, got))

    def test_limit_every_experiment_and_flavour(self):
        checked = 0
        for name in nutmm.experiments():
            xp = nutmm.experiment(name)
            lo, hi = xp.m4_range
            m4 = nutmm.grid_log(lo, hi, POINTS)
            for flavor in xp.flavors:
                head, rows = cli(name, "limit", "--points", POINTS, "--flavor", flavor)
                rec = xp.limit(m4, flavor=flavor)
                self.assertTable(head, rows, rec)
                self.assertIn("ok", list(rec["status"]))
                checked += 1
        self.assertGreaterEqual(checked, 20)

    def test_limit_targets_configs_settings(self):
        for name, kw, args in [
                ("cr51-cens", dict(target="ge"), ["--target", "ge"]),
                ("cr51-lxe", dict(config="C"), ["--config", "C"]),
                ("coherent-csi", dict(config="timecut"), ["--config", "timecut"]),
                ("coherent-lar", dict(target="Ar40", interference=False),
                 ["--target", "Ar40", "--no-interference"]),
                ("texono", dict(config="ratio"), ["--config", "ratio"])]:
            xp = nutmm.experiment(name, **kw)
            head, rows = cli(name, "limit", "--points", 5, *args)
            self.assertTable(head, rows, xp.limit(nutmm.grid_log(*xp.m4_range, 5)))
        # a --set setting: every experiment with settings, its first one at 1.5 x default
        for name in nutmm.experiments():
            xp = nutmm.experiment(name)
            if not xp.settings:
                continue
            k, v = next(iter(xp.settings.items()))
            if v <= 0:
                continue
            xs = nutmm.experiment(name, **{k: 1.5 * v})
            self.assertEqual(xs.settings[k], 1.5 * v)
            head, rows = cli(name, "limit", "--points", 3, "--set", "%s=%r" % (k, 1.5 * v))
            self.assertTable(head, rows, xs.limit(nutmm.grid_log(*xs.m4_range, 3)))

    def test_band_options_and_lambda(self):
        xe = nutmm.experiment("xenon1t")
        m4 = nutmm.grid_log(2e-3, 0.05, 4)
        # a band over a sub-range: the global minimum includes the fixed reference grid
        head, rows = cli("xenon1t", "limit", "--m4-min", 2e-3, "--m4-max", 0.05, "--points", 4)
        self.assertTable(head, rows, xe.limit(m4))
        head, rows = cli("xenon1t", "limit", "--m4-min", 2e-3, "--m4-max", 0.05, "--points", 4,
                         "--own-min")
        self.assertTable(head, rows, xe.limit(m4, own_min=True))
        head, rows = cli("xenon1t", "limit", "--m4-min", 2e-3, "--m4-max", 0.05, "--points", 4,
                         "--param", "lambda24", "--lambda", "24=0,30")
        self.assertTable(head, rows, xe.limit(m4, param="lambda24", lambdas={24: (0, 30)}))
        tx = nutmm.experiment("texono")
        m4 = nutmm.grid_log(*tx.m4_range, 4)
        head, rows = cli("texono", "limit", "--points", 4, "--one-sided", "--ue4", 0.1)
        self.assertTable(head, rows, tx.limit(m4, one_sided=True, ue4=0.1))
        head, rows = cli("texono", "limit", "--points", 4, "--param", "lambda14")
        self.assertTable(head, rows, tx.limit(m4, param="lambda14"))

    def test_spectrum_and_chi2(self):
        cases = [("xenon1t", {}, []), ("coherent-csi", {}, []), ("cr51-lxe", {}, []),
                 ("texono", {}, []), ("xenonnt", {}, []), ("cenns750", {}, [])]
        for name, kw, args in cases:
            xp = nutmm.experiment(name, **kw)
            m4 = 0.7 * xp.m4_range[0] + 0.01 * xp.m4_range[1]
            mu = 1e-10
            for flavor in xp.flavors[:2]:
                head, rows = cli(name, "spectrum", "--m4", repr(m4), "--mu", mu,
                                 "--flavor", flavor, *args)
                self.assertTable(head, rows, xp.spectrum(m4, mu, flavor=flavor))
                head, rows = cli(name, "chi2", "--m4", repr(m4), "--mu", mu,
                                 "--flavor", flavor, *args)
                got = xp.chi2(m4, mu, flavor=flavor)
                self.assertEqual(list(got), [r[0] for r in rows])
                for q, text in rows:
                    self.assertTrue(same(float(text), float(got[q])), "%s %s" % (name, q))
            # default point of `spectrum`
            head, rows = cli(name, "spectrum")
            self.assertTable(head, rows, xp.spectrum())
        # fundamental TMMs: --lambda 14=V,P 34=V
        xe = nutmm.experiment("xenon1t")
        head, rows = cli("xenon1t", "chi2", "--m4", 0.02, "--lambda", "14=2e-10,40",
                         "--lambda", "34=1e-10")
        got = xe.chi2(0.02, lambdas={14: (2e-10, 40), 34: 1e-10})
        self.assertEqual(list(got), [r[0] for r in rows])
        for q, text in rows:
            self.assertTrue(same(float(text), float(got[q])), q)
        # the mixing of the solar flux and of the TMMs (--th12 in degrees)
        th12 = 0.55
        xm = nutmm.experiment("xenon1t", mixing=nutmm.Mixing(theta12=th12))
        head, rows = cli("xenon1t", "chi2", "--m4", 0.02, "--mu", 3e-11, "--th12",
                         repr(np.rad2deg(th12)))
        got = xm.chi2(0.02, 3e-11)
        self.assertFalse(same(got["chi2"], xe.chi2(0.02, 3e-11)["chi2"]))  # it matters
        for q, text in rows:
            self.assertTrue(np.isclose(float(text), float(got[q]), rtol=1e-12, atol=0), q)
        head, rows = cli("xenon1t", "spectrum", "--m4", 0.02, "--lambda", "14=2e-10,40")
        self.assertTable(head, rows, xe.spectrum(0.02, lambdas={14: (2e-10, 40)}))


@unittest.skipUnless(HAVE, "libnutmm-experiments not bound (built without examples)")
class TestCombined(TestCase):
    def test_combined_chi2_is_the_sum(self):
        a, b = nutmm.experiment("coherent-csi"), nutmm.experiment("xenon1t")
        both = nutmm.combine([a, b])
        self.assertEqual(both.flavors, ("mu", "e", "all"))
        for m4, mu in [(1e-3, 1e-9), (0.05, 3e-10)]:
            s = a.chi2(m4, mu, flavor="mu")["chi2"] + b.chi2(m4, mu, flavor="mu")["chi2"]
            self.assertTrue(same(both.chi2(m4, mu, flavor="mu"), s))

    def test_combined_limit_against_c(self):
        """The ten-line C user example (examples/combine.c) prints %g of the same scan."""
        a, b = nutmm.experiment("coherent-csi"), nutmm.experiment("xenon1t")
        rec = nutmm.combine([a, b]).limit(nutmm.grid_log(1e-3, 0.3, 20), flavor="mu")
        r = subprocess.run([os.path.join(EXAMPLES, "nutmm-combine")], capture_output=True,
                           text=True, check=True)
        rows = [l.split("\t") for l in r.stdout.strip().split("\n")]
        self.assertEqual(len(rows), 20)
        for k, (m4, high, status) in enumerate(rows):
            self.assertEqual(status, rec["status"][k])
            self.assertEqual(high, "%g" % rec["mu_90CL_muB"][k])
        # at the limit the summed chi^2 lies 2.7055 above its minimum over mu, so at most
        # that above its value at mu = 0, and it rises beyond the limit
        for m4, high in zip(rec["m4_MeV"][::5], rec["mu_90CL_muB"][::5]):
            both = nutmm.combine([a, b])
            c0 = both.chi2(m4, 0.0, flavor="mu")
            self.assertLessEqual(both.chi2(m4, high, flavor="mu") - c0, 2.7055 * (1 + 1e-6))
            self.assertGreater(both.chi2(m4, 1.1 * high, flavor="mu"),
                               both.chi2(m4, high, flavor="mu"))


@unittest.skipUnless(HAVE, "libnutmm-experiments not bound (built without examples)")
class TestBadInput(TestCase):
    def test_errors(self):
        xe = nutmm.experiment("xenon1t")
        err = self.assertNutmmError(nutmm.experiment, "xenon2t", status=lib.NUTMM_ENOTFOUND)
        self.assertIn("coherent-csi", err.reason)
        self.assertNutmmError(nutmm.experiment, "xenon1t", no_such_setting=1.0,
                              status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(nutmm.experiment, "cr51-cens", target="pb",
                              status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(nutmm.experiment, "xenon1t", target="Xe",
                              status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(nutmm.experiment, "xenon1t", config="nope",
                              status=lib.NUTMM_ENOTFOUND)
        k = next(iter(nutmm.experiment("coherent-csi").settings))
        self.assertNutmmError(nutmm.experiment, "coherent-csi", **{k: float("nan")})
        self.assertNutmmError(nutmm.experiment, "coherent-csi", **{k: "abc"})
        self.assertNutmmError(xe.limit, [0.01, float("nan")], status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.limit, [0.01, -1.0], status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.limit, [[0.01, 0.02]], status=lib.NUTMM_EBADLEN)
        self.assertNutmmError(xe.limit, [], status=lib.NUTMM_EBADLEN)
        self.assertNutmmError(xe.limit, [0.01], flavor="x", status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(nutmm.experiment("coherent-csi").limit, [0.01], flavor="tau",
                              status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(xe.limit, [0.01], lambdas={14: 1e-10})  # needs param
        self.assertNutmmError(xe.limit, [0.01], param="lambda44", status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(xe.limit, [0.01], threads=0, status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.limit, [0.01], threads=-1, status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.limit, [0.01], threads=2.5, status=lib.NUTMM_EINVAL)
        self.assertNutmmError(xe.limit, [0.01], delta=-1.0, status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.limit, [0.01], delta=float("nan"), status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.limit, [0.01], one_sided=True)  # a band: needs own_min
        self.assertNutmmError(xe.limit, [0.01], lambdas=[1.0], param="lambda14")
        self.assertNutmmError(xe.limit, [0.01], ue4=2.0, status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.spectrum, float("nan"), 1e-10, status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.spectrum, -0.1, 1e-10, status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.spectrum, float("inf"), 1e-10, status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.spectrum, [0.01, 0.02], 1e-10)
        self.assertNutmmError(xe.chi2, 0.01, float("nan"), status=lib.NUTMM_EDOM)
        self.assertNutmmError(xe.chi2, 0.01)  # needs mu
        self.assertNutmmError(xe.chi2, 0.01, lambdas={15: 1.0}, status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(xe.chi2, 0.01, lambdas={14: -1.0}, status=lib.NUTMM_EDOM)
        self.assertNutmmError(nutmm.combine, [], status=lib.NUTMM_EINVAL)
        self.assertNutmmError(nutmm.combine, [xe, "texono"], status=lib.NUTMM_EINVAL)
        self.assertNutmmError(nutmm.combine([xe]).chi2, 0.01, -1.0, status=lib.NUTMM_EDOM)
        self.assertNutmmError(nutmm.grid_log, 0.0, 1.0, 5, status=lib.NUTMM_EDOM)
        size = ffi.new("size_t *")
        self.assertEqual(lib.nutmm_experiment_struct_size(b"nutmm_tmm", size),
                         lib.NUTMM_ENOTFOUND)
        self.assertEqual(lib.nutmm_experiment_struct_size(ffi.NULL, size), lib.NUTMM_EFAULT)

    def test_unphysical_m4_in_a_limit_is_a_status_not_a_crash(self):
        # far beyond every flux: closed (no signal), the row carries inf as the program's
        rec = nutmm.experiment("coherent-csi").limit([1e3], flavor="mu")
        self.assertEqual(rec["status"][0], "closed")
        self.assertEqual(rec["mu_90CL_muB"][0], np.inf)


@unittest.skipUnless(HAVE, "libnutmm-experiments not bound (built without examples)")
class TestLifetime(TestCase):
    def test_delete_in_odd_orders(self):
        m4 = nutmm.grid_log(1e-3, 0.1, 3)
        ref = nutmm.experiment("cenns750").limit(m4)
        # the experiment deleted while a combination uses it
        a, b = nutmm.experiment("cenns750"), nutmm.experiment("coherent-lar")
        a.chi2(0.01, 1e-9)  # makes a workspace
        both = nutmm.combine([a, b])
        del a, b
        gc.collect()
        self.assertEqual(len(both.limit(m4, flavor="mu")), 3)
        # the combination deleted first, then the experiments, in reverse order
        a, b = nutmm.experiment("cenns750"), nutmm.experiment("coherent-lar")
        both = nutmm.combine([a, b])
        both.chi2(0.01, 1e-9)
        del both
        gc.collect()
        self.assertBits(a.limit(m4)["mu_90CL_muB"], ref["mu_90CL_muB"])
        del b, a
        gc.collect()
        # a workspace made on another thread, the experiment deleted from this one
        import threading
        a = nutmm.experiment("cenns750")
        out = []
        t = threading.Thread(target=lambda: out.append(a.limit(m4, threads=1)))
        t.start()
        t.join()
        self.assertBits(out[0]["mu_90CL_muB"], ref["mu_90CL_muB"])
        del a, out
        gc.collect()
        # many short-lived objects
        for _ in range(20):
            nutmm.experiment("cr51-lxe").spectrum()
        gc.collect()

    def test_threads_give_the_same_limits(self):
        xe = nutmm.experiment("xenon1t")
        m4 = nutmm.grid_log(1e-3, 0.3, 6)
        self.assertBits(xe.limit(m4, threads=2)["mu_high_muB"], xe.limit(m4)["mu_high_muB"])


def csi_rate():
    """A toy CsI pi-DAR plan: constant 8.78 % quenching (COHERENT 2017), 13.348 PE/keVee
    (arXiv:1804.09459), no acceptance; the COHERENT-2017 beam (r, POT, 19.3 m)."""
    KEV = nutmm.units.KEV
    det = (nutmm.Detector().quench_constant(0.0878).light_yield(13.348 / KEV)
           .bins_uniform(6.0, 30.0, 12))
    beam = nutmm.Flux.pidar(r=0.08, n_pot=1.76e23, L=1930.0)
    return nutmm.Rate(nutmm.Target("CsI"), beam, det, exposure=14.57)


class TestUserAnalysis(TestCase):
    """nutmm.Analysis: built in Python from a Rate and a Chi2 (works without examples)."""

    def build(self, rate):
        an = nutmm.Analysis("toy-csi", rate.nbins).add_rate(rate).set_sm()
        return an.set_likelihood(nutmm.Chi2.asimov(an.rate_sm(), np.full(rate.nbins, 2.0), 0.1))

    def test_against_the_rate_plan(self):
        r = csi_rate()
        an = self.build(r)
        self.assertBits(an.rate_sm(), r.sm())
        mu, m4 = 1e-9, 0.01
        sp = an.spectrum(m4, mu, flavor="mu")
        # effective nu_mu moment: weight mu^2 on nu_mu and anti-nu_mu (coupling.h)
        w = r.weights_species([0, mu ** 2, 0, 0, mu ** 2, 0])
        np.testing.assert_allclose(sp["dipole"], r.dipole(m4, w), rtol=1e-13, atol=0)
        np.testing.assert_allclose(sp["total"], sp["sm"] + sp["dipole"], rtol=1e-14)
        self.assertBits(sp["sm"], r.sm())
        # Asimov data = SM: chi2 at mu = 0 vanishes, and grows with mu
        c0 = an.chi2(m4, 0.0, flavor="mu")
        self.assertEqual(c0["chi2_mu0"], 0.0)
        rec = an.limit([1e-3, 1.0, 1e3], flavor="mu")
        self.assertEqual(list(rec["status"]), ["ok", "ok", "closed"])
        d = an.chi2(1e-3, rec["mu_90CL_muB"][0], flavor="mu")["delta_chi2"]
        self.assertAlmostEqual(d, nutmm.DCHI2_90CL_1DOF, delta=1e-6)

    def test_ownership_and_lifetime(self):
        """The C analysis adopts a plan and a likelihood of its own: the Python Rate and Chi2
        stay usable, and may die before or after it."""
        r = csi_rate()
        chi = nutmm.Chi2.asimov(r.sm(), np.full(r.nbins, 2.0), 0.1)
        an = nutmm.Analysis("a", r.nbins).add_rate(r).set_sm().set_likelihood(chi)
        ref = an.limit([1e-3, 0.1], flavor="mu")
        sm = r.sm()
        del r, chi
        gc.collect()
        self.assertBits(an.limit([1e-3, 0.1], flavor="mu")["mu_90CL_muB"], ref["mu_90CL_muB"])
        r = csi_rate()
        chi = nutmm.Chi2.asimov(r.sm(), np.full(r.nbins, 2.0), 0.1)
        an = nutmm.Analysis("b", r.nbins).add_rate(r).set_sm().set_likelihood(chi)
        an.chi2(0.01, 1e-9, flavor="mu")
        del an
        gc.collect()
        self.assertBits(r.sm(), sm)
        self.assertEqual(chi.nbins, r.nbins)
        # an analysis inside a combination outlives its name
        both = nutmm.combine([self.build(r), self.build(r)])
        gc.collect()
        one = self.build(r).chi2(0.01, 1e-9, flavor="mu")["chi2"]
        self.assertTrue(same(both.chi2(0.01, 1e-9, flavor="mu"), 2 * one))
        # a failed add leaves nothing behind to free twice
        an = nutmm.Analysis("c", 3)
        self.assertNutmmError(an.add_rate, r, status=lib.NUTMM_EBADLEN)  # 12 bins, no map
        self.assertNutmmError(an.add_rate, r, bin_map=np.ones((3, 5)), status=lib.NUTMM_EBADLEN)
        an.add_rate(r, bin_map=np.ones((3, r.nbins)))  # every bin summed into each
        np.testing.assert_allclose(an.rate_sm(), [r.sm().sum()] * 3, rtol=1e-14)
        self.assertNutmmError(an.set_likelihood, nutmm.Chi2.asimov(r.sm(), r.sm(), 0.1),
                              status=lib.NUTMM_EBADLEN)
        self.assertNutmmError(an.add_rate, "rate", status=lib.NUTMM_EINVAL)
        self.assertNutmmError(nutmm.Analysis, "d", 0, status=lib.NUTMM_EBADLEN)
        self.assertNutmmError(an.spectrum, 0.01, None)  # no default point
        del an, r
        gc.collect()


class TestWithoutExperiments(TestCase):
    def test_clear_error_when_not_bound(self):
        if hasattr(lib, "nutmm_experiment_build"):
            self.skipTest("libnutmm-experiments is bound")
        err = self.assertNutmmError(nutmm.experiment, "xenon1t")
        self.assertIn("-Dexamples=true", err.reason)


if __name__ == "__main__":
    unittest.main()
