"""Cross sections dsigma/dT (xsec.h), form factors (formfactor.h) and two-body kinematics
(kinematics.h).  Every cross section takes arrays E, T (MeV) that broadcast with numpy rules
and makes one C call (the array forms of xsec_array.c, bit for bit the scalar values);
results are cm^2/MeV (dipole per unit mu^2, interference per unit Re W)."""
import numpy as np

from ._core import (broadcast, check, choice, dptr, fail, ffi, hook_handle, lib, real,
                    scalar_or_array, set_fields, species, vectorize, wptr)
from .target import Atom, Nucleus

__all__ = ["XsecOptions", "cevns", "ees", "dipole_nucleus", "dipole_electron", "int_electron",
           "int_nucleus", "weak_charge", "formfactor", "formfactor_T", "kin_tmax",
           "kin_threshold", "kin_emin", "kin_recoil_range"]

FF_MODELS = {"helm": lib.NUTMM_FF_HELM, "klein-nystrand": lib.NUTMM_FF_KLEIN_NYSTRAND,
             "none": lib.NUTMM_FF_NONE}
DIPOLE_SPIN = {"half": lib.NUTMM_DIPOLE_SPIN_HALF, "zero": lib.NUTMM_DIPOLE_SPIN_ZERO,
               "auto": lib.NUTMM_DIPOLE_SPIN_AUTO}
_FIELDS = {"sin2w": "real", "radiative_couplings": "bool", "full_kinematics": "bool",
           "eta": "int"}
_FF_FIELDS = {"helm_s": "real", "kn_ak": "real", "kn_coef": "real"}


class XsecOptions:
    """Cross-section options (nutmm_xsec_options), defaults of xsec.h for anything not given:
    sin2w, radiative_couplings, full_kinematics, formfactor ("helm", "klein-nystrand",
    "none", or a callable f(q, nucleus, "proton" | "neutron") -> F with q in MeV),
    helm_s, kn_ak, kn_coef (cm), dipole_spin ("half", "zero", "auto"), eta (+-1)."""

    def __init__(self, **settings):
        self._o = ffi.new("nutmm_xsec_options *")
        lib.nutmm_xsec_options_default(self._o)
        self._hook = None  # handle of a Python form factor, kept alive with the options
        self.update(**settings)

    def update(self, **settings):
        s = dict(settings)
        if "formfactor" in s:
            ff = s.pop("formfactor")
            if callable(ff):
                self._hook = hook_handle(ff, "XsecOptions")
                self._o.ff.model = lib.NUTMM_FF_USER
                self._o.ff.user_fn = lib._nutmm_py_ff
                self._o.ff.user_data = self._hook
            else:
                self._o.ff.model = choice(ff, FF_MODELS, "form factor", "XsecOptions")
        if "dipole_spin" in s:
            self._o.dipole_spin = choice(s.pop("dipole_spin"), DIPOLE_SPIN, "dipole_spin",
                                         "XsecOptions")
        set_fields(self._o.ff, _FF_FIELDS, {k: s.pop(k) for k in list(s) if k in _FF_FIELDS},
                   "XsecOptions")
        set_fields(self._o, _FIELDS, s, "XsecOptions")
        return self

    def copy(self):
        c = XsecOptions()
        c._o[0] = self._o[0]
        c._hook = self._hook
        return c


def _opts(options, settings, where):
    """The XsecOptions to use (the caller keeps it referenced during the C call: it owns
    the struct and any Python form factor)."""
    if options is None:
        return XsecOptions(**settings)
    if not isinstance(options, XsecOptions):
        fail(lib.NUTMM_EINVAL, where, "options must be a nutmm.XsecOptions")
    return options.copy().update(**settings) if settings else options


def _nucleus(nuc, where):
    if isinstance(nuc, str):
        return Nucleus.lookup(nuc)._n
    if not isinstance(nuc, Nucleus):
        fail(lib.NUTMM_EINVAL, where, "expected a nutmm.Nucleus or an isotope name")
    return nuc._n


def _atom(atom, where):
    if atom is None:
        return ffi.NULL
    if isinstance(atom, str):
        return Atom(atom)._a
    if not isinstance(atom, Atom):
        fail(lib.NUTMM_EINVAL, where, "expected a nutmm.Atom, an element symbol or None")
    return atom._a


def _call(where, fn, E, T, *args):
    shape, (Ea, Ta) = broadcast(where, E=E, T=T)
    out = np.empty(shape)
    check(fn(Ea.size, dptr(Ea), dptr(Ta), *args, wptr(out)))
    return scalar_or_array(out, shape)


def cevns(E, T, nucleus, options=None, **settings):
    """SM CEvNS dsigma/dT, eq. (11), cm^2/MeV."""
    o = _opts(options, settings, "cevns")
    return _call("cevns", lib.nutmm_xsec_cevns_array, E, T, _nucleus(nucleus, "cevns"), o._o)


def ees(E, T, species_, atom=None, options=None, **settings):
    """SM neutrino-electron scattering, eq. (14) x S(T) of atom (None: free), per electron."""
    o = _opts(options, settings, "ees")
    return _call("ees", lib.nutmm_xsec_ees_array, E, T, species(species_, "ees"),
                 _atom(atom, "ees"), o._o)


def dipole_nucleus(E, T, m4, nucleus, options=None, **settings):
    """Nuclear dipole portal nu + N -> nu_4 + N, eqs. (17)/(18), per unit mu^2 (mu_B)."""
    o = _opts(options, settings, "dipole_nucleus")
    return _call("dipole_nucleus", lib.nutmm_xsec_dipole_nucleus_array, E, T,
                 real(m4, "m4", "dipole_nucleus"), _nucleus(nucleus, "dipole_nucleus"), o._o)


def dipole_electron(E, T, m4, atom=None, options=None, **settings):
    """Electron dipole portal, eq. (19) x S(T), per unit mu^2, per electron."""
    o = _opts(options, settings, "dipole_electron")
    return _call("dipole_electron", lib.nutmm_xsec_dipole_electron_array, E, T,
                 real(m4, "m4", "dipole_electron"), _atom(atom, "dipole_electron"), o._o)


def int_electron(E, T, m4, species_, atom=None, options=None, **settings):
    """Weak-magnetic interference on electrons, eq. (20), per unit Re W (mu_B)."""
    o = _opts(options, settings, "int_electron")
    return _call("int_electron", lib.nutmm_xsec_int_electron_array, E, T,
                 real(m4, "m4", "int_electron"), species(species_, "int_electron"),
                 _atom(atom, "int_electron"), o._o)


def int_nucleus(E, T, m4, nucleus, options=None, **settings):
    """Weak-magnetic interference on nuclei (eq. (20) with nuclear charges; physics manual
    phys-xsec-interference), per unit Re W (mu_B)."""
    o = _opts(options, settings, "int_nucleus")
    return _call("int_nucleus", lib.nutmm_xsec_int_nucleus_array, E, T,
                 real(m4, "m4", "int_nucleus"), _nucleus(nucleus, "int_nucleus"), o._o)


def weak_charge(T, nucleus, options=None, **settings):
    """Q_W(q^2) of eq. (12) at nuclear recoils T (MeV)."""
    o = _opts(options, settings, "weak_charge")
    n = _nucleus(nucleus, "weak_charge")
    v = ffi.new("double *")

    def one(t):
        check(lib.nutmm_xsec_weak_charge_e(t, n, o._o, v))
        return v[0]
    return vectorize("weak_charge", one, T=T)


def _ff(where, fn, x, nucleus, options, settings):
    o = _opts(options, settings, where)
    shape, (xa,) = broadcast(where, x=x)
    Fp, Fn = np.empty(shape), np.empty(shape)
    check(fn(ffi.addressof(o._o, "ff"), _nucleus(nucleus, where), xa.size, dptr(xa), wptr(Fp),
             wptr(Fn)))
    return scalar_or_array(Fp, shape), scalar_or_array(Fn, shape)


def formfactor(q, nucleus, options=None, **settings):
    """(F_p, F_n) at momentum transfers q (MeV); model from options / formfactor=..."""
    return _ff("formfactor", lib.nutmm_formfactor_eval_array, q, nucleus, options, settings)


def formfactor_T(T, nucleus, options=None, **settings):
    """(F_p, F_n) at nuclear recoil energies T (MeV), q = sqrt(2 M T)."""
    return _ff("formfactor_T", lib.nutmm_formfactor_eval_T_array, T, nucleus, options,
               settings)


# ---- kinematics (eq. 22): per-point C functions, looped here -----------------------------

def _kin(where, fn, **arrays):
    v = ffi.new("double *")

    def one(*a):
        check(fn(*a, v))
        return v[0]
    return vectorize(where, one, **arrays)


def kin_tmax(E, M):
    """T_max = 2 E^2 / (M + 2E) (MeV)."""
    return _kin("kin_tmax", lib.nutmm_kin_tmax_e, E=E, M=M)


def kin_threshold(M, m4):
    """E_thr = m4 + m4^2 / (2M) (MeV)."""
    return _kin("kin_threshold", lib.nutmm_kin_threshold_e, M=M, m4=m4)


def kin_emin(T, M, m4):
    """E_min(T) of eq. (22) (MeV)."""
    return _kin("kin_emin", lib.nutmm_kin_emin_e, T=T, M=M, m4=m4)


def kin_recoil_range(E, M, m4):
    """(T_-, T_+) at neutrino energy E >= E_thr (MeV); below threshold raises nutmm.Error."""
    lo, hi = ffi.new("double *"), ffi.new("double *")
    check(lib.nutmm_kin_recoil_range(real(E, "E", "kin_recoil_range"),
                                     real(M, "M", "kin_recoil_range"),
                                     real(m4, "m4", "kin_recoil_range"), lo, hi))
    return lo[0], hi[0]
