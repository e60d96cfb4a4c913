#!/usr/bin/env python3
"""Fig. 3 of arXiv:2109.09545 from Python: effective-moment limits and the XENON1T band
versus m4, two panels (nu_mu -> nu_4 and nu_e -> nu_4), as examples/figures.sh draws them
from the programs, with the same curves; and the time of one XENON1T limit curve.

    python3 examples/fig3.py OUTDIR [POINTS]

writes OUTDIR/fig3_python.png (matplotlib, Agg backend) and OUTDIR/fig3_python.tsv (every
curve: experiment, flavour, m4_MeV, low, high, status), and prints the time of one XENON1T
band (100 m4 points, nu_e; with and without building the analysis) on stdout.  POINTS (default 100)
sets the m4 points of the other curves.  Needs the package nutmm with libnutmm-experiments
(-Dexamples=true) and python3-matplotlib (without it: a message and exit status 77).
"""
import os
import sys
import time

import numpy as np

import nutmm

# (experiment, settings, flavour, label, panel): Fig. 3's curves (examples/figures.sh)
CURVES = [
    ("coherent-csi", {}, "mu", "COHERENT CsI", "mu"),
    ("coherent-lar", {}, "mu", "COHERENT LAr", "mu"),
    ("cenns750", {}, "mu", "CENNS-750 (future)", "mu"),
    ("xenon1t", {}, "mu", "XENON1T (nu_mu share)", "mu"),
    ("xenon1t", {}, "e", "XENON1T", "e"),
    ("texono", {}, "e", "TEXONO", "e"),
] + [("cr51-cens", {"target": t}, "e", "51Cr CENS " + t, "e") for t in ("si", "ge", "al2o3", "cawo4")] \
  + [("cr51-lxe", {"config": c}, "e", "51Cr-LXe " + c, "e") for c in ("A", "B", "C")] \
  + [("xenonnt", {}, f, "XENONnT SR0", f) for f in ("mu", "e")]


def time_xenon1t(points=100):
    """Seconds for one XENON1T nu_e band over its default range: (build + scan, scan alone),
    best of 3 each."""
    build = scan = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        xe = nutmm.experiment("xenon1t")
        t1 = time.perf_counter()
        xe.limit(nutmm.grid_log(*xe.m4_range, points), flavor="e")
        t2 = time.perf_counter()
        build, scan = min(build, t2 - t0), min(scan, t2 - t1)
    return build, scan


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out = argv[1]
    points = int(argv[2]) if len(argv) > 2 else 100
    try:
        import matplotlib
    except ImportError:
        print("fig3.py: python3-matplotlib is not installed (apt-get install python3-matplotlib)")
        sys.exit(77)  # meson test: skipped
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(out, exist_ok=True)
    fig, axes = plt.subplots(1, 2, figsize=(15, 6.2))
    panels = {"mu": axes[0], "e": axes[1]}
    with open(os.path.join(out, "fig3_python.tsv"), "w") as tsv:
        tsv.write("# examples/fig3.py | libnutmm %s | points %d\n" % (nutmm.version(), points))
        tsv.write("experiment\tsettings\tflavor\tm4_MeV\tlow_muB\thigh_muB\tstatus\n")
        for name, kw, flavor, label, panel in CURVES:
            xp = nutmm.experiment(name, **kw)
            rec = xp.limit(nutmm.grid_log(*xp.m4_range, points), flavor=flavor)
            high = rec["mu_high_muB"] if xp.two_sided else rec["mu_90CL_muB"]
            low = rec["mu_low_muB"] if xp.two_sided else np.zeros(len(rec))
            for r, lo, hi in zip(rec, low, high):
                tsv.write("%s\t%s\t%s\t%.12g\t%.12g\t%.12g\t%s\n" % (
                    name, ",".join("%s=%s" % kv for kv in kw.items()) or "-", flavor,
                    r["m4_MeV"], lo, hi, r["status"]))
            ok = rec["status"] == "ok"
            ax = panels[panel]
            if xp.two_sided:  # the allowed band from the global minimum (Delta chi^2 = 4.61)
                ax.fill_between(rec["m4_MeV"][ok], low[ok], high[ok], alpha=0.35, label=label)
            else:
                ax.plot(rec["m4_MeV"][ok], high[ok], label=label)
    for flavor, ax in panels.items():
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("m4 [MeV]")
        ax.set_ylabel("mu_nu%s [mu_B], 90%% C.L." % ("_mu" if flavor == "mu" else "_e"))
        ax.set_title("nu_%s -> nu_4" % flavor)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("arXiv:2109.09545 Fig. 3 from Python (libnutmm %s)" % nutmm.version())
    fig.tight_layout()
    png = os.path.join(out, "fig3_python.png")
    fig.savefig(png, dpi=100)
    print("fig3.py: wrote %s and %s" % (png, os.path.join(out, "fig3_python.tsv")))
    print("fig3.py: one XENON1T limit curve (nu_e band, 100 m4 points): %.3f s with building "
          "the analysis, %.3f s the scan alone" % time_xenon1t(100))


if __name__ == "__main__":
    main(sys.argv)
