"""The full coupling from Python (coupling.h NUTMM_COUPLING_FULL: all six lambda_ij with
phases, light final states on the massless template) and the named combinations
(nutmm.combination), against nutmm-scan, which builds the same coupling in C
(examples/scan.c coupling_of) and evaluates it on its own path (the linear templates of
nutmm_analysis_basis, not nutmm_analysis_chi2).  NUTMM_EXAMPLES_DIR names the build's
examples/ directory."""
import math
import os
import subprocess
import tempfile
import unittest

import numpy as np

import nutmm
from nutmm import lib
from nutmm_testutil import TestCase

EXAMPLES = os.environ.get("NUTMM_EXAMPLES_DIR", "")
HAVE = hasattr(lib, "nutmm_experiment_build") and os.path.isdir(EXAMPLES)

# (m4_MeV, {ij: (|lambda_ij| mu_B, phase rad)}): nu_4 and light final states, odd phases
POINTS = [
    (0.01, {14: (1.0e-11, 0.0), 24: (5.0e-12, math.pi / 2)}),
    (0.2, {14: (3.0e-11, 0.0), 24: (2.0e-11, 4.0), 12: (2.0e-12, 1.0)}),
    (0.0372, {13: (7.3e-12, 2.385), 23: (4.1e-12, 0.6), 34: (2.2e-11, 5.1)}),
    (3.7, {14: (2.7e-9, 0.0), 24: (1.9e-9, 3.3)}),
]
KEYS = (12, 13, 14, 23, 24, 34)


def lambdas_deg(lam):
    """The binding's lambdas (phases in degrees, as the programs' --lambda)."""
    return {ij: (mod, math.degrees(ph)) for ij, (mod, ph) in lam.items()}


def scan_chi2_total(spec, mixing, interference):
    """chi2_total of nutmm-scan run over POINTS (a `points` file)."""
    with tempfile.TemporaryDirectory() as tmp:
        pts = os.path.join(tmp, "pts.tsv")
        with open(pts, "w") as f:
            f.write("m4_MeV\t" + "\t".join("lambda%d\tphase%d" % (k, k) for k in KEYS) + "\n")
            for m4, lam in POINTS:
                vals = [lam.get(k, (0.0, 0.0)) for k in KEYS]
                f.write("%.17g\t" % m4 + "\t".join("%.17g\t%.17g" % v for v in vals) + "\n")
        desc = os.path.join(tmp, "d.txt")
        with open(desc, "w") as f:
            f.write("experiments %s\npoints %s\ninterference %d\n" % (spec, pts, interference))
            for k, v in mixing.items():
                f.write("mixing %s %.17g\n" % (k, v))
        out = os.path.join(tmp, "out.tsv")
        subprocess.run([os.path.join(EXAMPLES, "nutmm-scan"), "run", desc, out], check=True,
                       capture_output=True)
        with open(out) as f:
            head = f.readline().rstrip("\n").split("\t")
            rows = [l.rstrip("\n").split("\t") for l in f]
    status = [r[head.index("status")] for r in rows]
    assert status == ["ok"] * len(POINTS), status
    return [float(r[head.index("chi2_total")]) for r in rows]


@unittest.skipUnless(HAVE, "libnutmm-experiments not bound (built without examples)")
class TestCombination(TestCase):
    def test_named_combination_is_its_members(self):
        named = nutmm.combinations()
        self.assertEqual(named["current"][1], ("coherent-csi", "coherent-lar", "texono",
                                               "xenonnt"))
        cur = nutmm.combination("current")
        self.assertEqual([e.name for e in cur.experiments], list(named["current"][1]))
        by_hand = nutmm.combine([nutmm.experiment(n) for n in named["current"][1]])
        for m4, lam in POINTS:
            self.assertBits(cur.chi2(m4, lambdas=lambdas_deg(lam), full=True),
                            by_hand.chi2(m4, lambdas=lambdas_deg(lam), full=True))
        lst = nutmm.combination("texono+cenns750")
        self.assertEqual([e.name for e in lst.experiments], ["texono", "cenns750"])

    def test_refusals(self):
        self.assertNutmmError(nutmm.combination, "xenon1t+texono", status=lib.NUTMM_EINVAL)
        self.assertEqual(len(nutmm.combination("xenon1t+texono", allow_excess=True)
                             .experiments), 2)
        self.assertNutmmError(nutmm.combination, "texono+nope", status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(nutmm.combination, "", status=lib.NUTMM_EBADLEN)
        self.assertNutmmError(nutmm.combination, 3, status=lib.NUTMM_EINVAL)


@unittest.skipUnless(HAVE, "libnutmm-experiments not bound (built without examples)")
class TestFullCoupling(TestCase):
    def test_against_nutmm_scan(self):
        """Python's full coupling on nutmm_analysis_chi2 = nutmm-scan's on its templates.
        With theta14 != 0 the light final states of lambda_i4 (via U_a4) enter; the solar
        interference is then outside the model, so both runs drop it."""
        for mix, interference in (({}, 1), ({"theta14": 0.05, "theta24": 0.031}, 0)):
            ref = scan_chi2_total("current", mix, interference)
            cur = nutmm.combination("current", mixing=nutmm.Mixing(**mix),
                                    interference=bool(interference))
            for (m4, lam), want in zip(POINTS, ref):
                got = cur.chi2(m4, lambdas=lambdas_deg(lam), full=True)
                self.assertTrue(abs(got - want) <= 1e-10 * want, "m4 %g %r: Python %.17g, "
                                "nutmm-scan %.17g" % (m4, mix, got, want))

    def test_full_equals_tmm_without_active_sterile_mixing(self):
        """coupling.h: with only lambda_i4 and no active-sterile mixing the two modes agree."""
        cur = nutmm.combination("current")
        for m4, lam in (POINTS[0], POINTS[3]):
            full = cur.chi2(m4, lambdas=lambdas_deg(lam), full=True)
            tmm = cur.chi2(m4, lambdas=lambdas_deg(lam))
            self.assertTrue(abs(full - tmm) <= 1e-12 * tmm, (full, tmm))
        xe = nutmm.experiment("xenonnt")
        r = xe.chi2(0.05, lambdas={14: 8e-12, 24: (4e-12, 70.0)}, full=True)
        self.assertEqual(r["lambda_12_muB"], 0.0)
        self.assertEqual(r["lambda_24_muB"], 4e-12)
        self.assertTrue(abs(r["delta_chi2"] - xe.chi2(0.05, lambdas={14: 8e-12, 24: (
            4e-12, 70.0)})["delta_chi2"]) < 1e-10)
        lim_full = xe.limit([0.05], param="lambda14", full=True)["lambda14_90CL_muB"][0]
        lim_tmm = xe.limit([0.05], param="lambda14")["lambda14_90CL_muB"][0]
        self.assertTrue(abs(lim_full / lim_tmm - 1) < 1e-9, (lim_full, lim_tmm))

    def test_active_active_moment_is_massless(self):
        """lambda_12 alone goes to light final states only (massless template): its chi^2
        cannot depend on m4, and it is a real signal (chi^2 rises above no signal).  TMM mode
        has no lambda_12 (refused)."""
        cur = nutmm.combination("current")
        lam = {12: (3.1e-11, 0.0)}
        at = [cur.chi2(m4, lambdas=lam, full=True) for m4 in (1e-3, 0.3, 30.0)]
        self.assertTrue(max(at) - min(at) <= 1e-12 * at[0], at)
        self.assertGreater(at[0] - cur.chi2(0.01, 0.0), 1.0)
        self.assertNutmmError(cur.chi2, 0.01, lambdas=lam, status=lib.NUTMM_ENOTFOUND)

    def test_bad_input(self):
        cur = nutmm.combination("texono")
        self.assertNutmmError(cur.chi2, 0.01, full=True, status=lib.NUTMM_EINVAL)
        self.assertNutmmError(cur.chi2, 0.01, status=lib.NUTMM_EINVAL)  # no mu, no lambdas
        self.assertNutmmError(cur.chi2, 0.01, lambdas={11: 1e-10}, full=True,
                              status=lib.NUTMM_ENOTFOUND)
        self.assertNutmmError(cur.chi2, 0.01, lambdas={14: -1e-10}, full=True,
                              status=lib.NUTMM_EDOM)
        self.assertNutmmError(cur.chi2, 0.01, lambdas={14: float("nan")}, full=True,
                              status=lib.NUTMM_EDOM)
        self.assertNutmmError(cur.chi2, 0.01, lambdas={14: (1e-10, float("inf"))}, full=True,
                              status=lib.NUTMM_EDOM)
        self.assertNutmmError(cur.chi2, 0.01, lambdas={14: 1e-10}, ue4=0.1, full=True,
                              status=lib.NUTMM_EINVAL)
        # a fundamental-mode limit needs the scanned modulus
        self.assertNutmmError(cur.limit, [0.01], lambdas={14: 1e-10}, full=True,
                              status=lib.NUTMM_EINVAL)
        self.assertNutmmError(cur.limit, [0.01], lambdas={14: 1e-10}, status=lib.NUTMM_EINVAL)
        # the solar interference with active-sterile mixing is outside the model: an error
        # with the library's reason, never a number
        mixed = nutmm.combination("xenonnt", mixing=nutmm.Mixing(theta14=0.05))
        err = self.assertNutmmError(mixed.chi2, 0.01, lambdas={14: 1e-11}, full=True)
        self.assertIn("interference", err.reason)
        self.assertTrue(np.isfinite(nutmm.combination(
            "xenonnt", mixing=nutmm.Mixing(theta14=0.05), interference=False)
            .chi2(0.01, lambdas={14: 1e-11}, full=True)))


if __name__ == "__main__":
    unittest.main()
