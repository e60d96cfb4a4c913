"""Detector response (detector.h): quenching, light yield, resolution, efficiencies, bins,
and the response matrix.  Setters return the detector, so they chain:

    det = nutmm.Detector().quench_csi().light_yield(13.348 / nutmm.units.KEV)\\
                          .acceptance_csi2017().bins_uniform(6, 30, 12)

User maps are Python callables: quench_user(f, T_max), resolution_user(f),
efficiency_user(space, f); an exception in f becomes a nutmm.Error of the calling function.
"""
import numpy as np

from ._core import (broadcast, check, choice, dptr, fail, farray, ffi, hook_handle, lib, real,
                    integer, vectorize, wptr)

__all__ = ["Detector", "Response", "lindhard_k"]


def lindhard_k(Z, A):
    """Lindhard's k = 0.133 Z^(2/3) A^(-1/2) (detector.h); NaN inputs raise nutmm.Error."""
    v = lib.nutmm_lindhard_k(real(Z, "Z", "lindhard_k"), real(A, "A", "lindhard_k"))
    if v != v:
        check(lib.NUTMM_EDOM)
    return v

SPACES = {"observable": lib.NUTMM_EFF_OBSERVABLE, "true": lib.NUTMM_EFF_TRUE}
OUTSIDE = {"clamp": lib.NUTMM_EFF_OUTSIDE_CLAMP, "zero": lib.NUTMM_EFF_OUTSIDE_ZERO}
KERNEL_NORMS = {"truncated": lib.NUTMM_KERNEL_TRUNCATED, "plain": lib.NUTMM_KERNEL_PLAIN}


def _space(s, where):
    return choice(s, SPACES, "efficiency space", where)


class Detector:
    """A detector (owns a nutmm_detector): identity response and no bins until configured."""

    def __init__(self):
        p = ffi.new("nutmm_detector **")
        check(lib.nutmm_detector_alloc(p))
        self._h = ffi.gc(p[0], lib.nutmm_detector_free)
        self._hooks = {}  # slot -> handle of the Python callable the C detector calls

    def _set_hook(self, slot, fn, where, setter, *args):
        h = hook_handle(fn, where)
        check(setter(self._h, lib._nutmm_py_map, h, *args))
        self._hooks[slot] = h  # the C detector now calls this one: keep it alive
        return self

    def _set(self, fn, *args):
        check(fn(self._h, *args))
        return self

    # ---- quenching and light yield ------------------------------------------------------
    def quench_none(self):
        return self._set(lib.nutmm_detector_set_quench_none)

    def quench_constant(self, qf):
        return self._set(lib.nutmm_detector_set_quench_constant, real(qf, "qf", "quench_constant"))

    def quench_poly(self, c, T_max):
        """E_ee = sum_k c[k-1] T^k on [0, T_max] (MeV)."""
        ca = farray(c, "c", "quench_poly", ndim=1)
        return self._set(lib.nutmm_detector_set_quench_poly, dptr(ca), ca.size,
                         real(T_max, "T_max", "quench_poly"))

    def quench_csi(self):
        return self._set(lib.nutmm_detector_set_quench_csi)

    def quench_linear_qf(self, a, b):
        return self._set(lib.nutmm_detector_set_quench_linear_qf, real(a, "a", "quench_linear_qf"),
                         real(b, "b", "quench_linear_qf"))

    def quench_lar(self):
        return self._set(lib.nutmm_detector_set_quench_lar)

    def quench_user(self, f, T_max):
        """E_ee = f(T) (MeV -> MeV), increasing, on [0, T_max]."""
        return self._set_hook("quench", f, "quench_user", lib.nutmm_detector_set_quench_user,
                              real(T_max, "T_max", "quench_user"))

    def quench_lindhard(self, Z, k, T_max):
        """Lindhard quenching of a nucleus of charge Z with constant k (nutmm.lindhard_k)."""
        w = "quench_lindhard"
        return self._set(lib.nutmm_detector_set_quench_lindhard, real(Z, "Z", w), real(k, "k", w),
                         real(T_max, "T_max", w))

    def light_yield(self, ly):
        """PE per MeV of E_ee (0 switches the PE observable off)."""
        return self._set(lib.nutmm_detector_set_light_yield, real(ly, "ly", "light_yield"))

    # ---- resolution -----------------------------------------------------------------------
    def resolution_none(self):
        return self._set(lib.nutmm_detector_set_resolution_none)

    def resolution_constant(self, sigma):
        return self._set(lib.nutmm_detector_set_resolution_constant,
                         real(sigma, "sigma", "resolution_constant"))

    def resolution_sqrt_linear(self, a, b):
        return self._set(lib.nutmm_detector_set_resolution_sqrt_linear,
                         real(a, "a", "resolution_sqrt_linear"),
                         real(b, "b", "resolution_sqrt_linear"))

    def resolution_xenon1t(self):
        return self._set(lib.nutmm_detector_set_resolution_xenon1t)

    def resolution_lar(self):
        return self._set(lib.nutmm_detector_set_resolution_lar)

    def resolution_user(self, f):
        """sigma = f(x) (observable unit)."""
        return self._set_hook("sigma", f, "resolution_user",
                              lib.nutmm_detector_set_resolution_user)

    def kernel_norm(self, norm):
        """"truncated" (default) or "plain"."""
        return self._set(lib.nutmm_detector_set_kernel_norm,
                         choice(norm, KERNEL_NORMS, "kernel norm", "kernel_norm"))

    # ---- efficiencies and thresholds ------------------------------------------------------
    def efficiency_none(self, space):
        return self._set(lib.nutmm_detector_set_efficiency_none, _space(space, "efficiency_none"))

    def efficiency_logistic(self, space, a, k, v0, v_thr):
        w = "efficiency_logistic"
        return self._set(lib.nutmm_detector_set_efficiency_logistic, _space(space, w),
                         real(a, "a", w), real(k, "k", w), real(v0, "v0", w),
                         real(v_thr, "v_thr", w))

    def acceptance_csi2017(self):
        return self._set(lib.nutmm_detector_set_acceptance_csi2017)

    def efficiency_table(self, space, v, eps, outside="clamp"):
        w = "efficiency_table"
        va = farray(v, "v", w, ndim=1)
        ea = farray(eps, "eps", w, ndim=1, length=va.size)
        return self._set(lib.nutmm_detector_set_efficiency_table, _space(space, w), dptr(va),
                         dptr(ea), va.size, choice(outside, OUTSIDE, "outside", w))

    def efficiency_file(self, space, path, vcol, ecol, vunit, outside="clamp"):
        w = "efficiency_file"
        return self._set(lib.nutmm_detector_set_efficiency_file, _space(space, w),
                         str(path).encode(), self._col(vcol, w), self._col(ecol, w),
                         real(vunit, "vunit", w), choice(outside, OUTSIDE, "outside", w))

    def efficiency_data(self, space, name, vcol, ecol, vunit, outside="clamp"):
        """As efficiency_file for a file of the libnutmm data directory."""
        w = "efficiency_data"
        return self._set(lib.nutmm_detector_set_efficiency_data, _space(space, w),
                         str(name).encode(), self._col(vcol, w), self._col(ecol, w),
                         real(vunit, "vunit", w), choice(outside, OUTSIDE, "outside", w))

    @staticmethod
    def _col(c, where):
        c = integer(c, "column", where)
        if c < 0:
            fail(lib.NUTMM_EBADLEN, where, "column %d is negative" % c)
        return c

    def efficiency_user(self, space, f):
        """eps = f(v) in [0, 1] in space "observable" or "true"."""
        s = _space(space, "efficiency_user")
        h = hook_handle(f, "efficiency_user")
        check(lib.nutmm_detector_set_efficiency_user(self._h, s, lib._nutmm_py_map, h))
        self._hooks["eff%d" % s] = h
        return self

    def threshold(self, space, v_thr):
        return self._set(lib.nutmm_detector_set_threshold, _space(space, "threshold"),
                         real(v_thr, "v_thr", "threshold"))

    # ---- bins -------------------------------------------------------------------------------
    def bins(self, edges):
        ea = farray(edges, "edges", "bins", ndim=1)
        return self._set(lib.nutmm_detector_set_bins, dptr(ea), ea.size)

    def bins_uniform(self, x_lo, x_hi, nbins):
        n = integer(nbins, "nbins", "bins_uniform")
        if n < 0:
            fail(lib.NUTMM_EINVAL, "bins_uniform", "nbins must be >= 0")
        return self._set(lib.nutmm_detector_set_bins_uniform, real(x_lo, "x_lo", "bins_uniform"),
                         real(x_hi, "x_hi", "bins_uniform"), n)

    @property
    def nbins(self):
        return lib.nutmm_detector_nbins(self._h)

    @property
    def edges(self):
        """Bin edges (observable unit), a copy; None before bins are set."""
        p = lib.nutmm_detector_edges(self._h)
        if p == ffi.NULL:
            return None
        return np.frombuffer(ffi.buffer(p, (self.nbins + 1) * 8), dtype=np.float64).copy()

    # ---- evaluation (per-point C functions, looped) ---------------------------------------
    def _map(self, fn, where, **arrays):
        v = ffi.new("double *")

        def one(x):
            check(fn(self._h, x, v))
            return v[0]
        return vectorize(where, one, **arrays)

    def quench(self, T):
        return self._map(lib.nutmm_detector_quench, "Detector.quench", T=T)

    def quench_inverse(self, E_ee):
        return self._map(lib.nutmm_detector_quench_inverse, "Detector.quench_inverse", E_ee=E_ee)

    def observable(self, T):
        return self._map(lib.nutmm_detector_observable, "Detector.observable", T=T)

    def true_energy(self, x):
        return self._map(lib.nutmm_detector_true_energy, "Detector.true_energy", x=x)

    def sigma(self, x):
        return self._map(lib.nutmm_detector_sigma, "Detector.sigma", x=x)

    def efficiency(self, space, v):
        s = _space(space, "Detector.efficiency")
        out = ffi.new("double *")

        def one(x):
            check(lib.nutmm_detector_efficiency(self._h, s, x, out))
            return out[0]
        return vectorize("Detector.efficiency", one, v=v)

    def kernel_integral(self, x_true, u, v):
        p = ffi.new("double *")
        w = "Detector.kernel_integral"
        check(lib.nutmm_detector_kernel_integral(self._h, real(x_true, "x_true", w),
                                                 real(u, "u", w), real(v, "v", w), p))
        return p[0]

    def _need_bins(self, where):
        if self.nbins == 0:
            fail(lib.NUTMM_EINVAL, where, "the detector has no bins")
        return self.nbins

    def bin_fractions(self, T):
        n = self._need_bins("Detector.bin_fractions")
        out = np.empty(n)
        check(lib.nutmm_detector_bin_fractions(self._h, real(T, "T", "Detector.bin_fractions"),
                                               wptr(out)))
        return out

    def true_edges(self):
        n = self._need_bins("Detector.true_edges")
        out = np.empty(n + 1)
        check(lib.nutmm_detector_true_edges(self._h, wptr(out)))
        return out

    def true_breakpoints(self):
        n = self._need_bins("Detector.true_breakpoints")
        out = np.empty(n + 1 + lib.NUTMM_DETECTOR_EXTRA_BREAKPOINTS)
        cnt = ffi.new("size_t *")
        check(lib.nutmm_detector_true_breakpoints(self._h, wptr(out), cnt))
        return out[:cnt[0]].copy()

    def true_window(self, x_lo, x_hi, nsigma=6.0):
        lo, hi = ffi.new("double *"), ffi.new("double *")
        w = "Detector.true_window"
        check(lib.nutmm_detector_true_window(self._h, real(x_lo, "x_lo", w), real(x_hi, "x_hi", w),
                                             real(nsigma, "nsigma", w), lo, hi))
        return lo[0], hi[0]

    def bin_true_window(self, i, nsigma=6.0):
        lo, hi = ffi.new("double *"), ffi.new("double *")
        i = integer(i, "i", "Detector.bin_true_window")
        if i < 0:
            fail(lib.NUTMM_EBADLEN, "Detector.bin_true_window", "bin %d is negative" % i)
        check(lib.nutmm_detector_bin_true_window(self._h, i, real(nsigma, "nsigma",
                                                                  "Detector.bin_true_window"),
                                                 lo, hi))
        return lo[0], hi[0]

    def true_range(self, nsigma=6.0):
        lo, hi = ffi.new("double *"), ffi.new("double *")
        check(lib.nutmm_detector_true_range(self._h, real(nsigma, "nsigma", "Detector.true_range"),
                                            lo, hi))
        return lo[0], hi[0]

    def response(self, T, w):
        """The response matrix for quadrature nodes T and weights w (MeV)."""
        return Response(self, T, w)


class Response:
    """Response matrix R_ij for nodes T_j and weights w_j: a snapshot of the detector."""

    def __init__(self, detector, T, w):
        if not isinstance(detector, Detector):
            fail(lib.NUTMM_EINVAL, "Response", "expected a nutmm.Detector")
        Ta = farray(T, "T", "Response", ndim=1)
        wa = farray(w, "w", "Response", ndim=1, length=Ta.size)
        p = ffi.new("nutmm_response **")
        check(lib.nutmm_response_alloc(detector._h, dptr(Ta), dptr(wa), Ta.size, p))
        self._h = ffi.gc(p[0], lib.nutmm_response_free)

    nbins = property(lambda self: lib.nutmm_response_nbins(self._h))
    npoints = property(lambda self: lib.nutmm_response_npoints(self._h))

    @property
    def matrix(self):
        """(nbins, npoints) array, MeV (a copy)."""
        nb, npt = self.nbins, self.npoints
        p = lib.nutmm_response_matrix(self._h)
        return np.frombuffer(ffi.buffer(p, nb * npt * 8), dtype=np.float64).reshape(nb, npt).copy()

    @property
    def edges(self):
        p = lib.nutmm_response_edges(self._h)
        return np.frombuffer(ffi.buffer(p, (self.nbins + 1) * 8), dtype=np.float64).copy()

    def apply(self, dRdT):
        """counts_i = sum_j R_ij dRdT_j."""
        d = farray(dRdT, "dRdT", "Response.apply", ndim=1, length=self.npoints)
        out = np.empty(self.nbins)
        check(lib.nutmm_response_apply(self._h, dptr(d), wptr(out)))
        return out
