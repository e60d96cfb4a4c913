"""Markov-chain fit of (m4, |lambda_14|, |lambda_24|, their relative phase) to a combination of
experiments, with emcee (Debian's python3-emcee), serially or across MPI ranks with
mpi4py.futures (python3-mpi4py).  Issue 14, sec. 3.

The likelihood is the combination's summed profiled chi^2 (nutmm.combine) in the fundamental
coupling: lambda_14 real, lambda_24 = |lambda_24| e^{i phi}, the other TMMs zero, so the
signal of every experiment follows the paper's eqs. (5)-(8) for its beam.  The log
probability is -(chi^2 - chi^2_0)/2, chi^2_0 the no-signal chi^2 (it does not depend on m4),
with flat priors in log10 m4 [MeV], log10 |lambda_i4| [mu_B] and phi (bounds: --help).

Serial:     python3 examples/mcmc_emcee.py --steps 200 --out chain.tsv
On N ranks: mpirun -n N python3 -m mpi4py.futures examples/mcmc_emcee.py --mpi --out chain.tsv
            (rank 0 drives the sampler, the N - 1 others evaluate the walkers' chi^2).
The chain is the same on any number of ranks for the same seed: emcee maps the walkers in
order and every chi^2 is a deterministic library call.
"""
import argparse
import math
import sys
import time

import numpy as np

import nutmm

CURRENT = ("coherent-csi", "coherent-lar", "texono", "xenonnt")  # experiments.h "current"
PRIOR = {  # name: (low, high)
    "log10_m4_MeV": (-3.0, 0.0),
    "log10_lambda14_muB": (-12.0, -8.0),
    "log10_lambda24_muB": (-12.0, -8.0),
    "phase24_rad": (0.0, 2.0 * math.pi),
}
NAMES = tuple(PRIOR)

# One combination per process, built on first use: the workers of an MPI pool build their
# own (a plan holds C handles and is not sent between ranks).
_combination = {}


def combination(names):
    key = tuple(names)
    if key not in _combination:
        exps = [nutmm.experiment(n) for n in key]
        comb = nutmm.combine(exps)
        chi2_0 = comb.chi2(1e-3, 0.0, lambdas={14: 0.0, 24: 0.0})
        _combination[key] = (comb, chi2_0)
    return _combination[key]


def in_prior(theta):
    return all(lo <= x <= hi for x, (lo, hi) in zip(theta, PRIOR.values())) and \
        theta[3] < PRIOR["phase24_rad"][1]


def log_prob(theta, names=CURRENT):
    """-(chi^2 - chi^2_0)/2 inside the priors, -inf outside or where the library refuses."""
    theta = [float(x) for x in theta]
    if not all(math.isfinite(x) for x in theta) or not in_prior(theta):
        return -math.inf
    comb, chi2_0 = combination(names)
    m4 = 10.0 ** theta[0]
    lam = {14: 10.0 ** theta[1], 24: (10.0 ** theta[2], math.degrees(theta[3]))}
    try:
        c2 = comb.chi2(m4, 0.0, lambdas=lam)
    except nutmm.Error as e:  # a point the library cannot evaluate: outside the support
        print("# mcmc_emcee: log_prob(%s) = -inf: %s" % (theta, e), file=sys.stderr)
        return -math.inf
    return -0.5 * (c2 - chi2_0) if math.isfinite(c2) else -math.inf


def start(walkers, seed):
    """Walkers drawn uniformly in the priors, the moduli in their lower decade (allowed)."""
    rng = np.random.default_rng(seed)
    lo = np.array([PRIOR[n][0] for n in NAMES])
    hi = np.array([PRIOR[n][1] for n in NAMES])
    hi_start = hi.copy()
    hi_start[1:3] = lo[1:3] + 1.0
    return lo + (hi_start - lo) * rng.random((walkers, len(NAMES)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=200, help="steps per walker (200)")
    ap.add_argument("--walkers", type=int, default=16, help="walkers (16, >= 8)")
    ap.add_argument("--seed", type=int, default=20211019, help="seed of start and moves")
    ap.add_argument("--experiments", default=",".join(CURRENT),
                    help="comma-separated experiments (default: the current combination)")
    ap.add_argument("--mpi", action="store_true",
                    help="evaluate on an mpi4py.futures pool (run under mpirun -m mpi4py.futures)")
    ap.add_argument("--out", default="-", help="chain TSV (default: stdout)")
    a = ap.parse_args(argv)
    if a.steps < 1 or a.walkers < 2 * len(NAMES):
        ap.error("need --steps >= 1 and --walkers >= %d" % (2 * len(NAMES)))
    import emcee  # Debian python3-emcee
    names = tuple(s for s in a.experiments.split(",") if s)
    p0 = start(a.walkers, a.seed)
    pool = None
    if a.mpi:
        from mpi4py.futures import MPIPoolExecutor  # Debian python3-mpi4py
        pool = MPIPoolExecutor()
    t0 = time.time()
    try:
        sampler = emcee.EnsembleSampler(a.walkers, len(NAMES), log_prob, args=(names,),
                                        pool=pool)
        sampler.run_mcmc(p0, a.steps, rstate0=np.random.RandomState(a.seed).get_state())
    finally:
        if pool is not None:
            pool.shutdown()
    chain, lp = sampler.get_chain(), sampler.get_log_prob()
    acc = float(np.mean(sampler.acceptance_fraction))
    print("# mcmc_emcee: %d walkers x %d steps on %s in %.1f s, mean acceptance %.3f"
          % (a.walkers, a.steps, "+".join(names), time.time() - t0, acc), file=sys.stderr)
    out = sys.stdout if a.out == "-" else open(a.out, "w")
    out.write("# examples/mcmc_emcee.py: emcee %s, libnutmm %s, experiments %s, seed %d; "
              "log_prob = -(chi2 - chi2_0)/2; acceptance %.17g\n"
              % (emcee.__version__, nutmm.version(), ",".join(names), a.seed, acc))
    out.write("step\twalker\t" + "\t".join(NAMES) + "\tlog_prob\n")
    for s in range(chain.shape[0]):
        for w in range(chain.shape[1]):
            out.write("%d\t%d\t%s\t%.17g\n" % (s, w, "\t".join("%.17g" % x for x in chain[s, w]),
                                               lp[s, w]))
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
