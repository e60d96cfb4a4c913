"""Shared machinery of the binding: the cffi module, nutmm.Error, argument conversion.

Every C call goes through check(): a non-zero status raises nutmm.Error with the library's
chained reason (read in the same thread right after the call: the reason is per thread).
Arrays are converted here to contiguous float64 (or complex128) numpy arrays whose length
the binding passes to C explicitly, so no C function ever reads past a Python buffer.
"""
import re

import numpy as np

from ._nutmm import ffi, lib

__all__ = ["Error", "ffi", "lib"]


class Error(Exception):
    """A libnutmm failure.

    Attributes:
        status: the libnutmm status code (nutmm.EDOM, nutmm.EINVAL, ...; see error.h).
        reason: the chained reason, e.g. "nutmm_xsec_cevns_array: point 3 (E = nan MeV,
            T = 0.01 MeV) <- nutmm_xsec_cevns_e: E = nan must be finite and > 0".
        index: for array calls, the flat index of the first bad point (else None).
    """

    def __init__(self, status, reason, index=None):
        self.status = int(status)
        self.reason = reason
        self.index = index
        super().__init__("%s [%s]" % (reason, strerror(status)))


def strerror(status):
    """Short description of a status code."""
    return ffi.string(lib.nutmm_strerror(int(status))).decode("utf-8", "replace")


_POINT = re.compile(r"_array: point (\d+) \(")


def check(status):
    """Raise nutmm.Error for a non-zero libnutmm status (call right after the C call)."""
    if status != lib.NUTMM_SUCCESS:
        reason = ffi.string(lib.nutmm_error_reason()).decode("utf-8", "replace")
        m = _POINT.search(reason)
        raise Error(status, reason, int(m.group(1)) if m else None)


def fail(status, where, message):
    """Raise nutmm.Error for a problem the binding itself detects (shape, type, name)."""
    raise Error(status, "nutmm.%s: %s" % (where, message))


# ---- numbers and arrays ------------------------------------------------------------------

def real(x, name, where):
    """A Python float from a real scalar (NaN passes: the library rejects it with a reason)."""
    try:
        a = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as e:
        fail(lib.NUTMM_EINVAL, where, "%s is not a real number (%s)" % (name, e))
    if a.ndim != 0:
        fail(lib.NUTMM_EINVAL, where, "%s must be a scalar, got shape %s" % (name, a.shape))
    return float(a)


def cplx(x, name, where):
    """A Python complex from a complex scalar."""
    try:
        a = np.asarray(x, dtype=np.complex128)
    except (TypeError, ValueError) as e:
        fail(lib.NUTMM_EINVAL, where, "%s is not a complex number (%s)" % (name, e))
    if a.ndim != 0:
        fail(lib.NUTMM_EINVAL, where, "%s must be a scalar, got shape %s" % (name, a.shape))
    return complex(a)


def integer(x, name, where):
    """A Python int from an integral scalar."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, np.integer)):
        fail(lib.NUTMM_EINVAL, where, "%s must be an integer, got %r" % (name, x))
    if not -2**31 <= int(x) < 2**31:  # every int and size argument of libnutmm fits
        fail(lib.NUTMM_EINVAL, where, "%s = %d is out of range" % (name, int(x)))
    return int(x)


def farray(x, name, where, ndim=None, length=None):
    """Contiguous float64 copy-or-view of x, optionally of a given ndim / length."""
    try:
        a = np.asarray(x, dtype=np.float64, order="C")
    except (TypeError, ValueError) as e:
        fail(lib.NUTMM_EINVAL, where, "%s is not an array of real numbers (%s)" % (name, e))
    if ndim is not None and a.ndim != ndim:
        fail(lib.NUTMM_EBADLEN, where, "%s must have %d dimension(s), got shape %s"
             % (name, ndim, a.shape))
    if length is not None and a.size != length:
        fail(lib.NUTMM_EBADLEN, where, "%s must have %d entries, got %d"
             % (name, length, a.size))
    return a


def carray(x, name, where, shape=None):
    """Contiguous complex128 array, optionally of a given shape."""
    try:
        a = np.asarray(x, dtype=np.complex128, order="C")
    except (TypeError, ValueError) as e:
        fail(lib.NUTMM_EINVAL, where, "%s is not an array of complex numbers (%s)" % (name, e))
    if shape is not None and a.shape != tuple(shape):
        fail(lib.NUTMM_EBADLEN, where, "%s must have shape %s, got %s" % (name, shape, a.shape))
    return a


def broadcast(where, **arrays):
    """Broadcast the named arrays (numpy rules); return the shape and contiguous float64
    arrays of that shape, in the order given."""
    conv = [farray(v, k, where) for k, v in arrays.items()]
    try:
        shape = np.broadcast_shapes(*(a.shape for a in conv))
    except ValueError:
        fail(lib.NUTMM_EBADLEN, where, "shapes %s do not broadcast"
             % ", ".join("%s %s" % (k, a.shape) for k, a in zip(arrays, conv)))
    return shape, [a if a.shape == shape else np.ascontiguousarray(np.broadcast_to(a, shape))
                   for a in conv]


def dptr(a):
    """const double * view of a contiguous float64 array."""
    return ffi.from_buffer("double[]", a)


def wptr(a):
    """double * view of a writable contiguous float64 array."""
    return ffi.from_buffer("double[]", a, require_writable=True)


def opt_dptr(a):
    return ffi.NULL if a is None else dptr(a)


def scalar_or_array(out, shape):
    """Return a 0-d result as a Python float, otherwise the array."""
    return float(out.reshape(())) if shape == () else out.reshape(shape)


def vectorize(where, fn, **arrays):
    """Broadcast the arrays and call fn(*floats) -> float at every point (for per-point C
    functions without an array form).  Returns a float for scalar input."""
    shape, conv = broadcast(where, **arrays)
    flat = [a.reshape(-1) for a in conv]
    n = int(np.prod(shape, dtype=np.int64))
    out = np.empty(n)
    for i in range(n):
        out[i] = fn(*(a[i] for a in flat))
    return scalar_or_array(out, shape)


# ---- names ---------------------------------------------------------------------------------

SPECIES = {
    "nu_e": lib.NUTMM_NU_E, "nu_mu": lib.NUTMM_NU_MU, "nu_tau": lib.NUTMM_NU_TAU,
    "nubar_e": lib.NUTMM_NUBAR_E, "nubar_mu": lib.NUTMM_NUBAR_MU,
    "nubar_tau": lib.NUTMM_NUBAR_TAU,
}
SPECIES_NAMES = {v: k for k, v in SPECIES.items()}


def species(s, where, allow_any=False):
    """A nutmm_species from a name ("nu_e", "nubar_mu", ...) or its number 0..5; with
    allow_any, None means NUTMM_FLUX_ANY."""
    if s is None and allow_any:
        return lib.NUTMM_FLUX_ANY
    if isinstance(s, str):
        if s in SPECIES:
            return SPECIES[s]
        fail(lib.NUTMM_ENOTFOUND, where, "unknown species '%s' (known: %s)"
             % (s, ", ".join(SPECIES)))
    v = integer(s, "species", where)
    if v not in SPECIES_NAMES:
        fail(lib.NUTMM_EINVAL, where, "species %d is not in 0..5" % v)
    return v


def choice(value, table, name, where):
    """Map a name to a C enum value through table (a dict)."""
    if isinstance(value, str) and value in table:
        return table[value]
    fail(lib.NUTMM_ENOTFOUND, where, "unknown %s %r (known: %s)"
         % (name, value, ", ".join(table)))


def set_fields(cstruct, fields, settings, where):
    """Assign real-valued struct fields from keyword settings, refusing unknown names."""
    for k, v in settings.items():
        if k not in fields:
            fail(lib.NUTMM_ENOTFOUND, where, "unknown setting '%s' (known: %s)"
                 % (k, ", ".join(sorted(fields))))
        kind = fields[k]
        try:
            if kind == "real":
                setattr(cstruct, k, real(v, k, where))
            elif kind == "int":
                setattr(cstruct, k, integer(v, k, where))
            else:  # "bool"
                setattr(cstruct, k, 1 if v else 0)
        except OverflowError:
            fail(lib.NUTMM_EDOM, where, "%s = %r is out of range" % (k, v))


# ---- user hooks: Python callables called back from C ----------------------------------------
# The C side gets lib._nutmm_py_map / lib._nutmm_py_ff with a handle to the callable as
# user_data; the object that installed the hook keeps the handle (hence the callable) alive.
# cffi takes the GIL for the callback.  An exception, or a value that is not a real number,
# becomes a library error whose reason names it.

def _hook_failed(e):
    msg = ("Python hook raised %s: %s" % (type(e).__name__, e)).encode("utf-8", "replace")
    lib.nutmm_error_set(lib.NUTMM_EFAILED, b"nutmm (Python hook)", b"%s",
                        ffi.new("char[]", msg[:1000]))
    return lib.NUTMM_EFAILED


@ffi.def_extern()
def _nutmm_py_map(x, user_data, out):
    try:
        out[0] = float(ffi.from_handle(user_data)(x))
    except Exception as e:
        return _hook_failed(e)
    return lib.NUTMM_SUCCESS


@ffi.def_extern()
def _nutmm_py_ff(q, nuc, which, user_data, out):
    try:
        from .target import Nucleus
        fn = ffi.from_handle(user_data)
        out[0] = float(fn(q, Nucleus._copy(nuc),
                          "proton" if which == lib.NUTMM_FF_PROTON else "neutron"))
    except Exception as e:
        return _hook_failed(e)
    return lib.NUTMM_SUCCESS


def hook_handle(fn, where):
    if not callable(fn):
        fail(lib.NUTMM_EINVAL, where, "expected a callable, got %s" % type(fn).__name__)
    return ffi.new_handle(fn)
