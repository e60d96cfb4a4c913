"""examples/mcmc_emcee.py end to end: an emcee chain in (m4, |lambda_14|, |lambda_24|, phase) on
the current combination, serially and on Open MPI ranks (mpi4py.futures).

    test_mcmc.py EXAMPLE [MPIRUN]

Checks: the chain file's shape and header; every number finite and inside the documented
priors; the chain byte-identical serially, on 2 ranks (1 worker) and on 3 ranks (2 workers,
which interleave the walkers: a log-probability depending on a worker's history would show);
the log_prob column equal to -Delta chi^2 / 2 recomputed experiment by experiment; the
acceptance fraction, counted from the chain itself, in (0, 1); and a physics check (below)
against the single-experiment 90 % C.L. limits of the library.
Exit 77 (skipped) when python3-emcee or python3-mpi4py is not importable."""
import importlib.util
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

if importlib.util.find_spec("emcee") is None or importlib.util.find_spec("mpi4py") is None:
    print("skipped: python3-emcee or python3-mpi4py is not installed")
    sys.exit(77)

import numpy as np

import nutmm
from nutmm_testutil import TestCase

EXAMPLE = sys.argv[1] if len(sys.argv) > 1 else ""
MPIRUN = (sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None) or shutil.which("mpirun")
WALKERS, STEPS, SEED = 16, 100, 3
# the documented priors (examples/mcmc_emcee.py PRIORS): [low, high)
PRIORS = [("log10_m4_MeV", -3.0, math.log10(0.5)), ("log10_lambda14_muB", -13.0, -8.0),
          ("log10_lambda24_muB", -13.0, -8.0), ("phase24_rad", 0.0, 2 * math.pi)]
M4_CUT = 0.05  # MeV: below it XENONnT's limits are flat in m4 (nu_4 effectively massless)


def load_example():
    spec = importlib.util.spec_from_file_location("mcmc_emcee", EXAMPLE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class TestMcmc(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.args = [EXAMPLE, "--walkers", str(WALKERS), "--steps", str(STEPS), "--seed",
                    str(SEED)]
        cls.serial = cls.run_example([sys.executable] + cls.args, "serial.tsv")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    @classmethod
    def run_example(cls, cmd, name):
        out = os.path.join(cls.tmp, name)
        r = subprocess.run(cmd + ["--out", out], capture_output=True, text=True, cwd=cls.tmp,
                           timeout=240)
        if r.returncode != 0:
            raise AssertionError("%s failed (%d):\n%s" % (" ".join(cmd), r.returncode, r.stderr))
        with open(out, "rb") as f:
            return f.read(), r.stderr

    def table(self):
        lines = self.serial[0].decode().splitlines()
        self.assertTrue(lines[0].startswith("# examples/mcmc_emcee.py --experiments current "
                                            "--steps %d --walkers %d --seed %d"
                                            % (STEPS, WALKERS, SEED)), lines[0])
        self.assertIn("libnutmm " + nutmm.version(), lines[0])
        head = lines[1].split("\t")
        self.assertEqual(head, ["step", "walker"] + [p[0] for p in PRIORS] + ["log_prob"])
        rows = np.array([[float(v) for v in l.split("\t")] for l in lines[2:]])
        self.assertEqual(rows.shape, (STEPS * WALKERS, len(head)))
        return rows

    def test_chain_shape_finite_and_inside_priors(self):
        rows = self.table()
        self.assertTrue(np.all(np.isfinite(rows)))
        steps, walkers = np.meshgrid(np.arange(STEPS), np.arange(WALKERS), indexing="ij")
        np.testing.assert_array_equal(rows[:, 0], steps.ravel())
        np.testing.assert_array_equal(rows[:, 1], walkers.ravel())
        for k, (name, lo, hi) in enumerate(PRIORS):
            x = rows[:, 2 + k]
            self.assertTrue(np.all((x >= lo) & (x < hi)), name)
        self.assertTrue(np.all(rows[:, -1] <= 0.5), "Delta chi^2 far below the no-signal chi^2")
        self.assertIn("serial", self.serial[1])

    def test_log_prob_is_minus_half_delta_chi2(self):
        """The example's likelihood wiring (phase units, which modulus is which), against
        Delta chi^2 summed over the members, each with its own no-signal chi^2."""
        rows = self.table()
        members = [nutmm.experiment(n) for n in nutmm.combinations()["current"][1]]
        for r in rows[::97]:
            m4, l14, l24 = 10.0 ** r[2:5]
            lam = {14: l14, 24: (l24, math.degrees(r[5]))}
            d = sum(e.chi2(m4, lambdas=lam, full=True)["delta_chi2"] for e in members)
            self.assertLess(abs(-0.5 * d - r[-1]), 1e-9 * (1 + abs(r[-1])), (r, d))

    def test_acceptance_fraction(self):
        """Counted from the chain: a walker moved or stayed at each step.  0: every proposal
        refused (a broken likelihood, -inf everywhere); 1: none ever refused (no likelihood
        at all would still refuse some stretch moves, but a likelihood that ignores the
        parameters would come close)."""
        c = self.table()[:, 2:6].reshape(STEPS, WALKERS, len(PRIORS))
        moved = np.any(c[1:] != c[:-1], axis=2)
        self.assertTrue(0.05 < moved.mean() < 0.9, moved.mean())
        self.assertIn("mean acceptance fraction", self.serial[1])

    def test_posterior_below_single_experiment_limits(self):
        """At m4 <= 50 keV the current combination is XENONnT's (README).  The Sun's mass
        states reach the detector incoherently, so XENONnT sees P_e1 |lambda_14|^2 +
        P_e2 |lambda_24|^2 (eq. 5) with no phase: a non-zero lambda_24 can only add to its
        signal.  Hence the posterior's upper region in |lambda_14| cannot reach beyond
        XENONnT's own 90 % C.L. limit on |lambda_14| alone (lambda_24 = 0), and likewise
        for |lambda_24|; the other members prefer a signal by at most ~0.1 in chi^2.  With
        flat log priors from 1e-13 mu_B the posterior is flat in log|lambda| up to about the
        limit and then falls (Delta chi^2 grows as the signal), so the 90 % quantile of the
        second half of the chain sits below the limit (about 0.7 of it: 0.9 of the ~2
        decades from the prior floor) but above a tenth of it.  A likelihood not applied
        (posterior = prior) puts the quantile near 1e-8.5, ~300 times the limit; a moment
        too strong by a unit error puts it on the prior floor."""
        rows = self.table()
        half = rows[rows[:, 0] >= STEPS // 2]
        small = half[half[:, 2] <= math.log10(M4_CUT)]
        self.assertGreater(len(small), 100)
        xe = nutmm.experiment("xenonnt")  # the limit at M4_CUT: the loosest below it
        for col, param in ((3, "lambda14"), (4, "lambda24")):
            limit = xe.limit([M4_CUT], param=param)[param + "_90CL_muB"][0]
            self.assertTrue(9e-12 < limit < 1.4e-11, limit)  # README: ~9e-12 mu_B
            q90 = np.quantile(10.0 ** small[:, col], 0.9)
            self.assertTrue(0.1 * limit < q90 < limit, "%s: 90 %% quantile %g, XENONnT's "
                            "limit %g" % (param, q90, limit))

    @unittest.skipUnless(MPIRUN, "no mpirun")
    def test_mpi_ranks_give_the_same_chain(self):
        mpi = [MPIRUN, "--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0
                                             else [])
        for n in (2, 3):
            out, err = self.run_example(mpi + ["-n", str(n), sys.executable, "-m",
                                               "mpi4py.futures"] + self.args, "mpi%d.tsv" % n)
            self.assertIn("MPI pool of %d workers" % (n - 1), err)
            self.assertTrue(out == self.serial[0], "%d ranks: chain differs from serial" % n)

    def test_library_errors_are_minus_inf(self):
        """In the log-probability a nutmm.Error (here: XENON1T's excess refused in a
        combination) is -inf with a note, never an exception; outside the priors: -inf."""
        mod = load_example()
        self.assertEqual(mod.LogProb("xenon1t+texono")([-2.0, -11.0, -11.0, 1.0]), -np.inf)
        good = mod.LogProb("current")
        for theta in ([-2.0, -11.0, -11.0, 2 * math.pi], [-3.5, -11.0, -11.0, 1.0],
                      [-2.0, -7.0, -11.0, 1.0], [-2.0, float("nan"), -11.0, 1.0]):
            self.assertEqual(good(theta), -np.inf, theta)
        self.assertTrue(np.isfinite(good([-2.0, -11.0, -11.5, 1.0])))
        # built once per process: the same analyses for every later call
        first = mod._analyses("current")
        good([-1.0, -12.0, -12.0, 3.0])
        self.assertIs(mod._analyses("current"), first)
        # the program: a bad spec fails before sampling, with the library's reason
        r = subprocess.run([sys.executable, EXAMPLE, "--experiments", "nope", "--out",
                            os.path.join(self.tmp, "x.tsv")], capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("nope", r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        r = subprocess.run([sys.executable, EXAMPLE, "--walkers", "7", "--out",
                            os.path.join(self.tmp, "x.tsv")], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
