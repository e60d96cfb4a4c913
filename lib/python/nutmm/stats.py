"""Gaussian chi^2 with pulled nuisances, best fits, limits and bands (stats.h; eqs. (23)-(27)).

A Chi2 object owns its C object, which holds a private workspace: use one Chi2 per thread
(Chi2.clone())."""
from collections import namedtuple

import numpy as np

from ._core import check, dptr, fail, farray, ffi, lib, opt_dptr, real, integer, wptr

__all__ = ["Chi2", "Interval", "delta_chi2", "DCHI2_90CL_1DOF", "DCHI2_90CL_2DOF"]

DCHI2_90CL_1DOF = lib.NUTMM_DCHI2_90CL_1DOF
DCHI2_90CL_2DOF = lib.NUTMM_DCHI2_90CL_2DOF

Interval = namedtuple("Interval", "mu_best chi2_best chi2_zero chi2_ref threshold mu_low "
                                  "mu_high empty nonconvex")


def delta_chi2(cl, dof):
    """Delta chi^2 of confidence level cl for dof parameters."""
    d = integer(dof, "dof", "delta_chi2")
    if d < 0:
        fail(lib.NUTMM_EDOM, "delta_chi2", "dof must be >= 1")
    v = ffi.new("double *")
    check(lib.nutmm_delta_chi2_e(real(cl, "cl", "delta_chi2"), min(d, 2**32 - 1), v))
    return v[0]


def _size(x, name, where):
    v = integer(x, name, where)
    if v < 0:
        fail(lib.NUTMM_EBADLEN, where, "%s must be >= 0" % name)
    return v


class Chi2:
    """Chi2(nbins, n_backgrounds=0, n_nuisances=0): set observed, sigma2, backgrounds,
    nuisances and the signal, then evaluate; Chi2.asimov(n_sm, bkg, sigma_sys) for eq. (27)."""

    def __init__(self, nbins, n_backgrounds=0, n_nuisances=0):
        p = ffi.new("nutmm_chi2 **")
        check(lib.nutmm_chi2_alloc(_size(nbins, "nbins", "Chi2"),
                                   _size(n_backgrounds, "n_backgrounds", "Chi2"),
                                   _size(n_nuisances, "n_nuisances", "Chi2"), p))
        self._h = ffi.gc(p[0], lib.nutmm_chi2_free)

    @classmethod
    def _wrap(cls, h):
        self = cls.__new__(cls)
        self._h = ffi.gc(h, lib.nutmm_chi2_free)
        return self

    @classmethod
    def asimov(cls, n_sm, bkg, sigma_sys):
        """The Asimov sensitivity chi^2 of eq. (27)."""
        a = farray(n_sm, "n_sm", "Chi2.asimov", ndim=1)
        b = farray(bkg, "bkg", "Chi2.asimov", ndim=1, length=a.size)
        p = ffi.new("nutmm_chi2 **")
        check(lib.nutmm_chi2_asimov_alloc(a.size, dptr(a), dptr(b),
                                          real(sigma_sys, "sigma_sys", "Chi2.asimov"), p))
        return cls._wrap(p[0])

    def clone(self):
        p = ffi.new("nutmm_chi2 **")
        check(lib.nutmm_chi2_clone(self._h, p))
        return Chi2._wrap(p[0])

    nbins = property(lambda self: lib.nutmm_chi2_nbins(self._h))
    n_backgrounds = property(lambda self: lib.nutmm_chi2_n_backgrounds(self._h))
    n_nuisances = property(lambda self: lib.nutmm_chi2_n_nuisances(self._h))

    def _bins(self, x, name, where):
        return farray(x, name, where, ndim=1, length=self.nbins)

    def set_observed(self, observed):
        check(lib.nutmm_chi2_set_observed(self._h, dptr(self._bins(observed, "observed",
                                                                   "Chi2.set_observed"))))
        return self

    def set_sigma2(self, sigma2):
        check(lib.nutmm_chi2_set_sigma2(self._h, dptr(self._bins(sigma2, "sigma2",
                                                                 "Chi2.set_sigma2"))))
        return self

    def set_background(self, c, values):
        check(lib.nutmm_chi2_set_background(self._h, _size(c, "c", "Chi2.set_background"),
                                            dptr(self._bins(values, "values",
                                                            "Chi2.set_background"))))
        return self

    @staticmethod
    def _target(target, where):
        if isinstance(target, str) and target == "signal":
            return lib.NUTMM_CHI2_SIGNAL
        t = integer(target, "target", where)
        if t < 0 or t > 2**31 - 1:
            fail(lib.NUTMM_EBADLEN, where, "target must be 'signal' or a background index")
        return t

    def set_nuisance(self, k, sigma, target="signal", shape=None):
        """Nuisance k of width sigma acting on "signal" or background index target."""
        w = "Chi2.set_nuisance"
        s = None if shape is None else self._bins(shape, "shape", w)
        check(lib.nutmm_chi2_set_nuisance(self._h, _size(k, "k", w), real(sigma, "sigma", w),
                                          self._target(target, w), opt_dptr(s)))
        return self

    def nuisance_add_target(self, k, target):
        w = "Chi2.nuisance_add_target"
        check(lib.nutmm_chi2_nuisance_add_target(self._h, _size(k, "k", w),
                                                 self._target(target, w)))
        return self

    def set_signal(self, sm=None, dipole=None, interference=None):
        """Signal parts SM_i, D_i (per unit mu^2), I_i (per unit mu); None = zero."""
        w = "Chi2.set_signal"
        parts = [None if x is None else self._bins(x, n, w)
                 for x, n in ((sm, "sm"), (dipole, "dipole"), (interference, "interference"))]
        check(lib.nutmm_chi2_set_signal(self._h, *(opt_dptr(p) for p in parts)))
        return self

    def eval(self, mu):
        """(chi2, xi): the chi^2 profiled over the nuisances at moment mu, and the best xi."""
        v = ffi.new("double *")
        xi = np.empty(max(self.n_nuisances, 1))
        check(lib.nutmm_chi2_eval(self._h, real(mu, "mu", "Chi2.eval"), v, wptr(xi)))
        return v[0], xi[:self.n_nuisances].copy()

    def __call__(self, mu):
        """Profiled chi^2 at every mu of an array (or a scalar)."""
        a = farray(mu, "mu", "Chi2")
        out = np.empty(a.shape)
        v = ffi.new("double *")
        for idx in np.ndindex(a.shape):
            check(lib.nutmm_chi2_eval(self._h, float(a[idx]), v, ffi.NULL))
            out[idx] = v[0]
        return float(out) if out.ndim == 0 else out

    def eval_fixed(self, mu, xi):
        w = "Chi2.eval_fixed"
        x = farray(xi, "xi", w, ndim=1, length=self.n_nuisances)
        v = ffi.new("double *")
        check(lib.nutmm_chi2_eval_fixed(self._h, real(mu, "mu", w),
                                        dptr(x) if x.size else ffi.NULL, v))
        return v[0]

    def predict(self, mu, xi=None):
        """(total, signal) predicted per bin at mu (xi None: profiled best fit)."""
        w = "Chi2.predict"
        x = None if xi is None else farray(xi, "xi", w, ndim=1, length=self.n_nuisances)
        total, signal = np.empty(self.nbins), np.empty(self.nbins)
        check(lib.nutmm_chi2_predict(self._h, real(mu, "mu", w),
                                     ffi.NULL if x is None or x.size == 0 else dptr(x),
                                     wptr(total), wptr(signal)))
        return total, signal

    def bestfit(self):
        """(mu_best, chi2_min) over mu >= 0."""
        m, c = ffi.new("double *"), ffi.new("double *")
        check(lib.nutmm_chi2_bestfit(self._h, m, c))
        return m[0], c[0]

    def interval(self, delta=None, chi2_ref=None):
        """Allowed interval {mu : chi2 <= ref + delta} (default 90% C.L., 1 dof, own min)."""
        o = ffi.new("nutmm_limit_opts *")
        lib.nutmm_limit_opts_default(o)
        if delta is not None:
            o.delta = real(delta, "delta", "Chi2.interval")
        if chi2_ref is not None:
            o.use_ref = 1
            o.chi2_ref = real(chi2_ref, "chi2_ref", "Chi2.interval")
        iv = ffi.new("nutmm_interval *")
        check(lib.nutmm_chi2_interval(self._h, o, iv))
        return Interval(iv.mu_best, iv.chi2_best, iv.chi2_zero, iv.chi2_ref, iv.threshold,
                        iv.mu_low, iv.mu_high, bool(iv.empty), bool(iv.nonconvex))

    def upper_limit(self, delta=DCHI2_90CL_1DOF):
        v = ffi.new("double *")
        check(lib.nutmm_chi2_upper_limit(self._h, real(delta, "delta", "Chi2.upper_limit"), v))
        return v[0]
