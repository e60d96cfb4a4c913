#!/usr/bin/env python3
"""Markov-chain fit of (m4, |lambda_14|, |lambda_24|, their relative phase) with emcee, on one
process or on the ranks of an MPI job (mpi4py.futures).

    /usr/bin/python3 examples/mcmc_emcee.py --out chain.tsv [--steps N] [--walkers W]
                     [--seed S] [--experiments SPEC]
    mpirun -n 8 /usr/bin/python3 -m mpi4py.futures examples/mcmc_emcee.py --out chain.tsv ...

Likelihood: the summed profiled chi^2 of the experiments SPEC (default "current": COHERENT
CsI and LAr, TEXONO, XENONnT; or a list such as "texono+xenonnt", as nutmm-scan's
`experiments`) in the full coupling (coupling.h, NUTMM_COUPLING_FULL): lambda_14 = |lambda_14|,
lambda_24 = |lambda_24| e^{i phase}, the other four lambda_ij zero, default mixing (NuFIT 5.1,
no active-sterile mixing).  Only the relative phase is physical (the global phase of the TMMs
is unobservable, tmm.h), so lambda_14 is taken real.
    log-probability = -(chi^2 - chi^2_no-signal) / 2 inside the priors (flat, below),
                      -inf outside them or where the library reports an error.
Parameters and flat priors (the PRIORS table): log10 m4/MeV, log10 |lambda_14|/mu_B,
log10 |lambda_24|/mu_B, phase/rad.

The chain goes to --out as TSV: a '#' provenance line (program, options, versions), a header,
then one row per step and walker (step-major).  Notes (pool, acceptance, autocorrelation
times) go to stderr.  The walkers start from the priors (numpy Generator seeded by --seed);
emcee's own random state is seeded from the same generator.  emcee maps the log-probability
over the walkers in order and draws every random number in the master process, and each
evaluation depends only on its point (not on what the worker computed before), so the chain
is byte-identical for serial runs and any number of MPI ranks (tests/python/test_mcmc.py).

Under `python3 -m mpi4py.futures` with >= 2 ranks, rank 0 runs this script and the other
ranks evaluate the log-probability (mpi4py.futures.MPIPoolExecutor).  Started directly it runs
serially and never initialises MPI.  Each process builds its analyses once, on first use
(_analyses), never per call.  Needs Debian's python3-emcee (python3-mpi4py for MPI).
"""
import argparse
import contextlib
import math
import sys

import numpy as np

import nutmm

# (column name, low, high): flat priors on the sampled coordinates.
PRIORS = [
    # 1 keV: below it nu_4 is massless for every recoil here (the limits are flat in m4,
    # README Fig. 3).  0.5 MeV: the electron-recoil threshold E_thr = m4 + m4^2 / (2 m_e)
    # (physics manual phys-kin-range) is then 0.745 MeV, still below the solar 7Be line at
    # 0.8613 MeV (data/solar/lines.dat) that carries XENONnT's sensitivity at the top of the
    # range; above ~0.56 MeV the Sun makes no nu_4 in a xenon detector and the current
    # combination passes to TEXONO, 30 times weaker -- another fit.
    ("log10_m4_MeV", -3.0, math.log10(0.5)),
    # 1e-13 mu_B: a signal 1e-4 of XENONnT's at its 90 % limit (~9e-12 mu_B), indistinguishable
    # from none; 1e-8 mu_B: above the COHERENT limits (~7e-9 mu_B), excluded by every member.
    ("log10_lambda14_muB", -13.0, -8.0),
    ("log10_lambda24_muB", -13.0, -8.0),
    ("phase24_rad", 0.0, 2.0 * math.pi),  # arg lambda_24 - arg lambda_14, periodic
]
LOW = np.array([p[1] for p in PRIORS])
HIGH = np.array([p[2] for p in PRIORS])
MAX_NOTES = 5  # library errors reported per process (the rest only counted as -inf)


# ---- the likelihood: one analysis per process, built on first use -----------------------

_CACHE = {}  # spec -> (nutmm.Combined, chi^2 without signal)
_notes = [0]


def _analyses(spec):
    """The combination `spec` and its no-signal chi^2 (independent of m4), built once per
    process: in an MPI job each worker builds its own on its first evaluation."""
    if spec not in _CACHE:
        combo = nutmm.combination(spec)
        _CACHE[spec] = (combo, combo.chi2(1.0, 0.0))
    return _CACHE[spec]


class LogProb:
    """log-probability of a walker position theta (the PRIORS coordinates).  A picklable
    object holding only the experiment spec: the MPI pool sends it with every task."""

    def __init__(self, spec):
        self.spec = spec

    def __call__(self, theta):
        theta = np.asarray(theta, dtype=np.float64)
        if not (np.all(np.isfinite(theta)) and np.all(theta >= LOW) and np.all(theta < HIGH)):
            return -np.inf
        m4, l14, l24 = 10.0 ** theta[:3]
        phase_deg = math.degrees(theta[3])  # the binding takes phases in degrees (--lambda)
        try:
            combo, chi2_0 = _analyses(self.spec)
            chi2 = combo.chi2(m4, lambdas={14: l14, 24: (l24, phase_deg)}, full=True)
        except nutmm.Error as e:
            _notes[0] += 1
            if _notes[0] <= MAX_NOTES:
                print("mcmc_emcee: log-probability -inf at m4 = %g MeV, |lambda_14| = %g, "
                      "|lambda_24| = %g mu_B, phase %g rad: %s"
                      % (m4, l14, l24, theta[3], e), file=sys.stderr)
            return -np.inf
        return -0.5 * (chi2 - chi2_0) if math.isfinite(chi2) else -np.inf


# ---- the program: parse, build, sample, print ------------------------------------------

def parse(argv):
    ap = argparse.ArgumentParser(prog="mcmc_emcee.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=200, help="steps per walker (200)")
    ap.add_argument("--walkers", type=int, default=32, help="walkers, even, >= 8 (32)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (1)")
    ap.add_argument("--experiments", default="current",
                    help='combination or list of experiments ("current")')
    ap.add_argument("--out", required=True, help="chain, TSV")
    a = ap.parse_args(argv)
    ndim = len(PRIORS)
    if a.steps < 1 or a.walkers < 2 * ndim or a.walkers % 2 or a.seed < 0:
        ap.error("need --steps >= 1, an even --walkers >= %d and --seed >= 0" % (2 * ndim))
    return a


def mpi_pool():
    """(the MPI pool, its workers) when started as `python3 -m mpi4py.futures` on >= 2
    ranks (rank 0 is this process, the others are the workers), else (None, 0)."""
    if "mpi4py.futures" not in sys.modules:  # started directly: serial, no MPI
        return None, 0
    from mpi4py import MPI
    from mpi4py.futures import MPIPoolExecutor
    workers = MPI.COMM_WORLD.Get_size() - 1
    if workers < 1:
        print("mcmc_emcee: one MPI rank, no workers: running serially", file=sys.stderr)
        return None, 0
    return MPIPoolExecutor(), workers


class Chunked:
    """The pool as emcee sees it: emcee maps over half the walkers at a time (the stretch
    move updates one half against the other); one message per worker and half-step instead
    of one per walker.  Executor.map keeps the order."""

    def __init__(self, executor, workers, walkers):
        self.executor, self.chunk = executor, max(1, -(-(walkers // 2) // workers))

    def map(self, fn, iterable):
        return self.executor.map(fn, iterable, chunksize=self.chunk)


def main(argv):
    a = parse(argv)
    try:
        import emcee  # after parse: --help works without it
    except ImportError:
        sys.exit("mcmc_emcee: needs emcee (Debian: apt-get install python3-emcee)")

    # build: here once (a bad --experiments fails before any worker starts) ...
    try:
        combo, chi2_0 = _analyses(a.experiments)
    except nutmm.Error as e:
        sys.exit("mcmc_emcee: --experiments %s: %s" % (a.experiments, e))
    names = " ".join(e.name for e in combo.experiments)
    print("mcmc_emcee: %s (%s), chi^2 without signal %.6g" % (a.experiments, names, chi2_0),
          file=sys.stderr)

    # ... sample: walkers from the priors, emcee's state from the same seed
    rng = np.random.default_rng(a.seed)
    ndim = len(PRIORS)
    start = LOW + (HIGH - LOW) * rng.random((a.walkers, ndim))
    pool, workers = mpi_pool()
    how = "MPI pool of %d workers" % workers if pool is not None else "serial"
    with pool if pool is not None else contextlib.nullcontext():  # serial: the builtin map
        sampler = emcee.EnsembleSampler(a.walkers, ndim, LogProb(a.experiments), pool=None
                                        if pool is None else Chunked(pool, workers, a.walkers))
        sampler.random_state = np.random.RandomState(rng.integers(2 ** 32)).get_state()
        sampler.run_mcmc(start, a.steps)
    print("mcmc_emcee: %d walkers x %d steps, %s; mean acceptance fraction %.3f"
          % (a.walkers, a.steps, how, float(np.mean(sampler.acceptance_fraction))),
          file=sys.stderr)
    with np.errstate(invalid="ignore", divide="ignore"):  # nan for a chain that never moved
        tau = sampler.get_autocorr_time(tol=0, quiet=True)
    print("mcmc_emcee: autocorrelation times (steps; trust them for chains > 50 x these): "
          + ", ".join("%s %.1f" % (p[0], t) for p, t in zip(PRIORS, tau)), file=sys.stderr)

    # print: the chain, step-major, every double round-tripping (%.17g)
    chain, logp = sampler.get_chain(), sampler.get_log_prob()
    with open(a.out, "w") as f:
        f.write("# examples/mcmc_emcee.py --experiments %s --steps %d --walkers %d --seed %d"
                " | priors %s | libnutmm %s | emcee %s | numpy %s\n"
                % (a.experiments, a.steps, a.walkers, a.seed,
                   " ".join("%s=[%.6g,%.6g)" % p for p in PRIORS), nutmm.version(),
                   emcee.__version__, np.__version__))
        f.write("step\twalker\t" + "\t".join(p[0] for p in PRIORS) + "\tlog_prob\n")
        for s in range(a.steps):
            for w in range(a.walkers):
                f.write("%d\t%d\t%s\t%.17g\n" % (s, w, "\t".join("%.17g" % v
                                                              for v in chain[s, w]), logp[s, w]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
