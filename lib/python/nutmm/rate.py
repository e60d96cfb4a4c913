"""Event rates, eq. (21) (rate.h): a plan over a target, a flux and a detector.

The Rate object keeps its Target, Flux and Detector alive (the C plan holds pointers to
them), so deleting the Python objects that created it is safe.  Each thread that evaluates
a Rate gets its own C workspace (rate.h: one workspace per thread)."""
import threading

import numpy as np

from ._core import (broadcast, check, choice, dptr, fail, farray, ffi, lib, opt_dptr, real,
                    integer, scalar_or_array, set_fields, wptr)
from .detector import Detector
from .flux import Flux
from .target import Target
from .xsec import XsecOptions

__all__ = ["Rate", "CHANNELS", "PROCESSES"]

CHANNELS = {"nucleus": lib.NUTMM_CHANNEL_NUCLEUS, "electron": lib.NUTMM_CHANNEL_ELECTRON}
PROCESSES = {"sm": lib.NUTMM_PROCESS_SM, "dipole": lib.NUTMM_PROCESS_DIPOLE,
             "interference": lib.NUTMM_PROCESS_INTERFERENCE}
_FIELDS = {"exposure": "real", "stepping": "bool", "nsigma": "real", "gl_order": "int",
           "max_ratio": "real", "T_floor": "real"}


class Rate:
    """Rate(target, flux, detector, channel="nucleus", exposure=1.0, xsec=None, **options)

    options: stepping, nsigma, gl_order, max_ratio, T_floor (rate.h); xsec: XsecOptions.
    exposure in kg s (rate flux) or kg (fluence)."""

    def __init__(self, target, flux, detector, channel="nucleus", xsec=None, **options):
        for obj, cls, name in ((target, Target, "target"), (flux, Flux, "flux"),
                               (detector, Detector, "detector")):
            if not isinstance(obj, cls):
                fail(lib.NUTMM_EINVAL, "Rate", "%s must be a nutmm.%s" % (name, cls.__name__))
        o = ffi.new("nutmm_rate_options *")
        lib.nutmm_rate_options_default(o)
        o.channel = choice(channel, CHANNELS, "channel", "Rate")
        if xsec is not None:
            if not isinstance(xsec, XsecOptions):
                fail(lib.NUTMM_EINVAL, "Rate", "xsec must be a nutmm.XsecOptions")
            o.xsec = xsec._o[0]
        if "gl_order" in options and integer(options["gl_order"], "gl_order", "Rate") < 0:
            fail(lib.NUTMM_EDOM, "Rate", "gl_order must be >= 0")
        set_fields(o, _FIELDS, options, "Rate")
        p = ffi.new("nutmm_rate **")
        check(lib.nutmm_rate_alloc(target._h, flux._h, detector._h, o, p))
        # the plan points into these (and may call a Python form factor of xsec): keep them
        # alive as long as the plan
        self._deps = (target, flux, detector, xsec)
        self._h = ffi.gc(p[0], lib.nutmm_rate_free)
        self._local = threading.local()

    target = property(lambda self: self._deps[0])
    flux = property(lambda self: self._deps[1])
    detector = property(lambda self: self._deps[2])
    nbins = property(lambda self: lib.nutmm_rate_nbins(self._h))
    ncomponents = property(lambda self: lib.nutmm_rate_ncomponents(self._h))
    nnodes = property(lambda self: lib.nutmm_rate_nnodes(self._h))

    def _ws(self):
        ws = getattr(self._local, "ws", None)
        if ws is None:
            p = ffi.new("nutmm_rate_workspace **")
            check(lib.nutmm_rate_workspace_alloc(self._h, p))
            ws = self._local.ws = ffi.gc(p[0], lib.nutmm_rate_workspace_free)
        return ws

    def _w(self, w, where):
        if w is None:
            return None
        return farray(w, "w", where, ndim=1, length=self.ncomponents)

    def weights_species(self, w_species):
        """Per-component weights from 6 per-species weights (nu_e .. nubar_tau)."""
        ws = farray(w_species, "w_species", "Rate.weights_species", length=lib.NUTMM_N_SPECIES)
        out = np.empty(self.ncomponents)
        check(lib.nutmm_rate_weights_species(self._h, dptr(ws), wptr(out)))
        return out

    def weights_mass(self, w_mass):
        """Per-component weights from 4 per-mass-state weights."""
        wm = farray(w_mass, "w_mass", "Rate.weights_mass", length=4)
        out = np.empty(self.ncomponents)
        check(lib.nutmm_rate_weights_mass(self._h, dptr(wm), wptr(out)))
        return out

    def sm(self, w=None):
        """SM counts per bin."""
        wa = self._w(w, "Rate.sm")
        out = np.empty(self.nbins)
        check(lib.nutmm_rate_sm(self._h, opt_dptr(wa), wptr(out)))
        return out

    def binned(self, process, m4, w=None):
        """Counts per bin of "sm", "dipole" (per unit mu^2) or "interference" (per Re W)."""
        p = choice(process, PROCESSES, "process", "Rate.binned")
        wa = self._w(w, "Rate.binned")
        out = np.empty(self.nbins)
        check(lib.nutmm_rate_binned(self._h, self._ws(), p, real(m4, "m4", "Rate.binned"),
                                    opt_dptr(wa), wptr(out)))
        return out

    def dipole(self, m4, w=None):
        """Dipole-portal counts per bin per unit mu^2 (mu_B) at sterile mass m4 (MeV)."""
        return self.binned("dipole", m4, w)

    def interference(self, m4, w=None):
        """Interference counts per bin per unit Re W (mu_B) at m4 (MeV)."""
        return self.binned("interference", m4, w)

    def differential(self, process, T, m4=0.0, w=None):
        """dR/dT (events per MeV, response not applied) at recoils T (MeV), one C call."""
        p = choice(process, PROCESSES, "process", "Rate.differential")
        wa = self._w(w, "Rate.differential")
        shape, (Ta,) = broadcast("Rate.differential", T=T)
        out = np.empty(shape)
        check(lib.nutmm_rate_differential_array(self._h, p, Ta.size, dptr(Ta),
                                                real(m4, "m4", "Rate.differential"),
                                                opt_dptr(wa), wptr(out)))
        return scalar_or_array(out, shape)
