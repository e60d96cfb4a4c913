"""Checks of an examples/mcmc_emcee.py chain (tests/test_mcmc.sh): shape, finiteness, priors,
acceptance, log_prob recomputed by the library, and the physics bound: walkers whose
|lambda_24| is negligible never sit far above the combination's 90% C.L. limit on |lambda_14|
alone (there Delta chi^2 would exceed ~100).  Usage: check_mcmc.py CHAIN WALKERS STEPS"""
import math
import sys

import numpy as np

sys.path.insert(0, sys.argv[4] if len(sys.argv) > 4 else ".")
import mcmc_emcee as mc  # noqa: E402
import nutmm  # noqa: E402


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


chain_file, walkers, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
head = [l for l in open(chain_file) if l.startswith("#")]
acc = float(head[0].rsplit("acceptance", 1)[1])
d = np.loadtxt(chain_file, comments="#", skiprows=2)
if d.shape != (walkers * steps, 7):
    fail("chain shape %s, expected (%d, 7)" % (d.shape, walkers * steps))
if not np.all(np.isfinite(d)):
    fail("non-finite entries in the chain")
for j, (lo, hi) in enumerate(mc.PRIOR.values()):
    if not (np.all(d[:, 2 + j] >= lo) and np.all(d[:, 2 + j] <= hi)):
        fail("parameter %s leaves its prior" % mc.NAMES[j])
if not 0.05 < acc < 0.95:
    fail("mean acceptance %g outside (0.05, 0.95)" % acc)
# the recorded log_prob is the library's chi^2 at that point
rng = np.random.default_rng(1)
for r in rng.choice(d.shape[0], 5, replace=False):
    lp = mc.log_prob(d[r, 2:6])
    if not math.isclose(lp, d[r, 6], rel_tol=1e-12, abs_tol=1e-12):
        fail("log_prob of row %d: recorded %.17g, recomputed %.17g" % (r, d[r, 6], lp))
# physics: |lambda_14| against the lambda_14-only limit where |lambda_24| is negligible
comb, _ = mc.combination(mc.CURRENT)
late = d[d[:, 0] >= steps // 2]  # after burn-in
sel = late[late[:, 4] < late[:, 3] - 1.0]
sel = sel[np.argsort(-sel[:, 3])][:20]  # the largest |lambda_14| of such walkers
checked = 0
if sel.size:
    lim = comb.limit(10.0 ** sel[:, 2], param="lambda14")
    for row, hi in zip(sel, lim["lambda14_90CL_muB"]):
        if math.isfinite(hi):
            checked += 1
            if 10.0 ** row[3] > 3.0 * hi:
                fail("|lambda_14| = %g sampled at m4 = %g MeV, 3x above the 90%% C.L. limit "
                     "%g" % (10.0 ** row[3], 10.0 ** row[2], hi))
print("chain of %d x %d: priors, acceptance %.3f, log_prob ok; %d samples below 3x the "
      "lambda_14 limit" % (walkers, steps, acc, checked))
