#!/usr/bin/env python3
"""Benchmark (not a test): a 1e5-point vectorised dsigma/dT call from Python against the same
loop in C.

"C loop" is the library's array form called through nutmm.lib on ready-made buffers: a C
`for` loop over the scalar nutmm_xsec_*_e calls (lib/xsec_array.c), with one FFI call and no
Python conversion.  "Python" is the public nutmm call on numpy arrays (argument checks,
broadcasting, output allocation, error check).  Prints TSV: process, points, seconds per
call (C loop), seconds per call (Python), ratio.  Timings depend on the machine.

Usage (build tree):  PYTHONPATH=build/lib/python python3 examples/bench_python.py [N]
"""
import sys
import time

import numpy as np

import nutmm
from nutmm import ffi, lib


def best_of_interleaved(fa, fb, repeat=31):
    """Fastest of `repeat` runs of each, alternating a and b so that both see the same
    machine load (the benchmark machine is shared)."""
    ta, tb = [], []
    for _ in range(repeat):
        for fn, ts in ((fa, ta), (fb, tb)):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    return min(ta), min(tb)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = np.random.default_rng(1)
    cs, xe = nutmm.Nucleus.lookup("Cs133"), nutmm.Atom("Xe")
    opt = nutmm.XsecOptions()
    Emax_default = 50.0
    cases = [
        ("cevns Cs133", 50.0, 0.05, lambda E, T: nutmm.cevns(E, T, cs, opt),
         lambda n, E, T, out: lib.nutmm_xsec_cevns_array(n, E, T, cs._n, opt._o, out)),
        ("dipole_nucleus Cs133 m4=10", 50.0, 0.05,
         lambda E, T: nutmm.dipole_nucleus(E, T, 10.0, cs, opt),
         lambda n, E, T, out: lib.nutmm_xsec_dipole_nucleus_array(n, E, T, 10.0, cs._n, opt._o,
                                                                  out)),
        ("ees Xe nu_e", 1.0, 0.5, lambda E, T: nutmm.ees(E, T, "nu_e", xe, opt),
         lambda n, E, T, out: lib.nutmm_xsec_ees_array(n, E, T, lib.NUTMM_NU_E, xe._a, opt._o,
                                                       out)),
        ("dipole_electron Xe m4=0.1", 1.0, 0.5,
         lambda E, T: nutmm.dipole_electron(E, T, 0.1, xe, opt),
         lambda n, E, T, out: lib.nutmm_xsec_dipole_electron_array(n, E, T, 0.1, xe._a, opt._o,
                                                                   out)),
    ]
    small = np.full(1, 0.5 * Emax_default), np.full(1, 0.01)
    t1 = best_of_interleaved(lambda: nutmm.cevns(*small, cs, opt), lambda: None)[0]
    print("# fixed cost of one Python call (1 point): %.3g s" % t1)
    print("process\tpoints\tC_loop_s\tpython_s\tratio")
    for name, Emax, Tmax, py_call, c_call in cases:
        E = rng.uniform(0.01 * Emax, Emax, n)
        T = rng.uniform(1e-4 * Tmax, Tmax, n)
        out = np.empty(n)
        pE, pT, pout = ffi.from_buffer("double[]", E), ffi.from_buffer("double[]", T), \
            ffi.from_buffer("double[]", out, require_writable=True)
        t_c, t_py = best_of_interleaved(lambda: c_call(n, pE, pT, pout),
                                        lambda: py_call(E, T))
        assert np.array_equal(py_call(E, T), out)
        print("%s\t%d\t%.4g\t%.4g\t%.3f" % (name, n, t_c, t_py, t_py / t_c))

    # One binned spectrum (rate.h) from Python: the planned rate evaluated at a new m4, and
    # the one-off plan, for a COHERENT-CsI-like and a XENON1T-like set-up.
    kev = nutmm.units.KEV
    setups = [
        ("spectrum coherent-csi", 10.0, lambda: nutmm.Rate(
            nutmm.Target("CsI"), nutmm.Flux.pidar(),
            nutmm.Detector().quench_csi().light_yield(nutmm.units.CSI_LY_PER_KEVEE / kev)
            .acceptance_csi2017().bins_uniform(6.0, 30.0, 12), exposure=14.57)),
        ("spectrum xenon1t", 0.01, lambda: nutmm.Rate(
            nutmm.Target("Xe"), nutmm.Flux.solar("mass"),
            nutmm.Detector().resolution_xenon1t().bins_uniform(1 * kev, 30 * kev, 29),
            channel="electron", exposure=0.65e3 * nutmm.units.YEAR)),
    ]
    print("setup\tplan_s\tspectrum_s (Python, one m4)")
    for name, m4, plan in setups:
        t_plan = best_of_interleaved(plan, lambda: None, repeat=3)[0]
        r = plan()
        t_spec = best_of_interleaved(lambda: r.dipole(m4), lambda: None)[0]
        print("%s\t%.3g\t%.3g" % (name, t_plan, t_spec))


if __name__ == "__main__":
    main()
