"""Mixing matrix and transition magnetic moments (mixing.h, tmm.h): the 3+1 mixing matrix,
the TMM matrix lambda, effective moments mu_eff^2 (arXiv:2109.09545 eqs. (5)-(10)) and the
21-term decomposition of Tables 1-2."""
from collections import namedtuple

import numpy as np

from ._core import (Error, carray, cplx, check, fail, farray, ffi, lib, real, species, integer,
                    set_fields, vectorize)

__all__ = ["Mixing", "TMM", "MuEff", "TmmTable", "mueff2", "amplitudes", "interference",
           "mueff2_eq78", "mueff2_eq910", "mueff2_blockB", "tmm_table", "table_rows",
           "mueff2_solar", "mueff2_solar_pei"]

_PARAMS = {k: "real" for k in ("theta12", "theta13", "theta23", "theta14", "theta24",
                               "theta34", "delta13", "delta14", "delta24", "dm21", "dm31")}


class Mixing:
    """The unitary 4x4 mixing matrix U (rows e, mu, tau, s; columns mass states 1..4).

    Mixing(**params): from oscillation parameters (radians, eV^2), the NuFIT 5.1 normal
    ordering defaults for every parameter not given (mixing.h), e.g. Mixing(theta14=0.1).
    Mixing.from_matrix(U, tol): a user matrix, checked for unitarity.
    """

    def __init__(self, **params):
        self._p = ffi.new("nutmm_mixing_params *")
        lib.nutmm_mixing_params_default(self._p)
        set_fields(self._p, _PARAMS, params, "Mixing")
        self._m = ffi.new("nutmm_mixing *")
        check(lib.nutmm_mixing_from_params(self._p, self._m))

    @classmethod
    def from_matrix(cls, U, tol=None):
        """A user matrix U[alpha, i] (4x4 complex); tol: unitarity tolerance (1e-10)."""
        a = carray(U, "U", "Mixing.from_matrix", shape=(4, 4))
        t = lib.NUTMM_MIXING_UNITARITY_TOL if tol is None else real(tol, "tol",
                                                                       "Mixing.from_matrix")
        self = cls.__new__(cls)
        self._p = None
        self._m = ffi.new("nutmm_mixing *")
        check(lib.nutmm_mixing_from_matrix(ffi.from_buffer("double _Complex[]", a), t, self._m))
        return self

    @property
    def U(self):
        """The matrix as a (4, 4) complex numpy array (a copy)."""
        return np.frombuffer(ffi.buffer(self._m), dtype=np.complex128).reshape(4, 4).copy()

    @property
    def params(self):
        """The oscillation parameters (dict), or None for a user matrix."""
        if self._p is None:
            return None
        return {k: getattr(self._p, k) for k in _PARAMS}

    def _params_ptr(self, where):
        if self._p is None:
            fail(lib.NUTMM_EINVAL, where, "this mixing matrix was given as a matrix: "
                 "the function needs oscillation parameters (build it with Mixing(**params))")
        return self._p

    def rephase(self, chi=None, phi=None):
        """diag(e^{i chi}) U diag(e^{i phi}) (rad; None = zeros) as a new Mixing."""
        c = ffi.NULL if chi is None else ffi.from_buffer(
            "double[]", farray(chi, "chi", "Mixing.rephase", length=4))
        p = ffi.NULL if phi is None else ffi.from_buffer(
            "double[]", farray(phi, "phi", "Mixing.rephase", length=4))
        out = Mixing.__new__(Mixing)
        out._p = None
        out._m = ffi.new("nutmm_mixing *")
        check(lib.nutmm_mixing_rephase(self._m, c, p, out._m))
        return out

    def solar_pei(self, E, n_e=None):
        """Adiabatic MSW P_ei, i = 1..4, at energies E (MeV): array of shape E.shape + (4,)."""
        p = self._params_ptr("Mixing.solar_pei")
        ne = lib.NUTMM_SOLAR_NE_DEFAULT if n_e is None else real(n_e, "n_e", "Mixing.solar_pei")
        Ea = farray(E, "E", "Mixing.solar_pei")
        out = np.empty(Ea.shape + (4,))
        P = ffi.new("double[4]")
        for idx in np.ndindex(Ea.shape):
            check(lib.nutmm_solar_pei(p, float(Ea[idx]), ne, P))
            out[idx] = list(P)
        return out

    def solar_pee(self, E, n_e=None):
        """Solar nu_e survival probability P_ee at energies E (MeV)."""
        p = self._params_ptr("Mixing.solar_pee")
        ne = lib.NUTMM_SOLAR_NE_DEFAULT if n_e is None else real(n_e, "n_e", "Mixing.solar_pee")
        v = ffi.new("double *")

        def one(e):
            check(lib.nutmm_solar_pee(p, e, ne, v))
            return v[0]
        return vectorize("Mixing.solar_pee", one, E=E)


# Lambda_k = lambda_ij for k = 1..6 (eq. 2): lambda_23, lambda_31, lambda_12, lambda_14,
# lambda_24, lambda_34.
_LAMBDA_ENTRIES = ((2, 3), (3, 1), (1, 2), (1, 4), (2, 4), (3, 4))


class TMM:
    """The antisymmetric TMM matrix lambda (mu_B), held as Lambda_1..Lambda_6 (eq. 2).

    TMM(): zero; TMM(Lambda) with six complex values: Lambda_k; TMM(moduli) or
    TMM(moduli, zeta) with real arrays: |Lambda_k| e^{i zeta_k} (eq. 3).
    """

    def __init__(self, Lambda=None, zeta=None):
        self._t = ffi.new("nutmm_tmm *")
        lib.nutmm_tmm_zero(self._t)
        if Lambda is None:
            if zeta is not None:
                fail(lib.NUTMM_EINVAL, "TMM", "zeta given without moduli")
            return
        carray(Lambda, "Lambda", "TMM")  # refuses anything that is not an array of numbers
        if zeta is None and np.iscomplexobj(np.asarray(Lambda)):
            a = carray(Lambda, "Lambda", "TMM", shape=(6,))
            for (i, j), v in zip(_LAMBDA_ENTRIES, a):  # Lambda_k = lambda_ij, eq. (2)
                check(lib.nutmm_tmm_set(self._t, i, j, v.real, v.imag))
            return
        absL = farray(Lambda, "moduli", "TMM", length=6)
        z = ffi.NULL if zeta is None else ffi.from_buffer(
            "double[]", farray(zeta, "zeta", "TMM", length=6))
        check(lib.nutmm_tmm_from_Lambda(ffi.from_buffer("double[]", absL), z, self._t))

    def set(self, i, j, value):
        """lambda_ij = value (complex, mu_B), i != j in 1..4; lambda_ji = -value."""
        v = cplx(value, "value", "TMM.set")
        check(lib.nutmm_tmm_set(self._t, integer(i, "i", "TMM.set"), integer(j, "j", "TMM.set"),
                                v.real, v.imag))
        return self

    def set_Lambda(self, k, modulus, zeta=0.0):
        """Lambda_k = modulus e^{i zeta}, k = 1..6 (eq. 3)."""
        check(lib.nutmm_tmm_set_Lambda(self._t, integer(k, "k", "TMM.set_Lambda"),
                                       real(modulus, "modulus", "TMM.set_Lambda"),
                                       real(zeta, "zeta", "TMM.set_Lambda")))
        return self

    def get(self, i, j):
        """lambda_ij (complex, mu_B)."""
        z = ffi.new("double _Complex *")
        check(lib.nutmm_tmm_get(self._t, integer(i, "i", "TMM.get"), integer(j, "j", "TMM.get"),
                                z))
        return complex(z[0])

    @property
    def Lambda(self):
        """Lambda_1..6 as a complex array (copy)."""
        return np.array([complex(self._t.Lambda[k]) for k in range(6)])

    def matrix(self):
        """The full 4x4 matrix lambda_ij (complex, mu_B)."""
        m = np.empty((4, 4), dtype=np.complex128)
        check(lib.nutmm_tmm_matrix(self._t, ffi.cast("double _Complex (*)[4]",
                                                     ffi.from_buffer(m, require_writable=True))))
        return m

    def norm2(self):
        """|Lambda|^2 = sum_k |Lambda_k|^2 (mu_B^2)."""
        v = ffi.new("double *")
        check(lib.nutmm_tmm_norm2(self._t, v))
        return v[0]

    def _phase_op(self, fn, phi, where):
        p = ffi.from_buffer("double[]", farray(phi, "phi", where, length=4))
        out = TMM()
        check(fn(self._t, p, out._t))
        return out

    def rephase(self, phi):
        """D lambda D with D = diag(e^{i phi}) (new TMM)."""
        return self._phase_op(lib.nutmm_tmm_rephase, phi, "TMM.rephase")

    def absorb_majorana(self, phi):
        """Absorb Majorana phases phi_1..4 into the TMM phases (new TMM)."""
        return self._phase_op(lib.nutmm_tmm_absorb_majorana, phi, "TMM.absorb_majorana")

    def __repr__(self):
        return "TMM(%r)" % (self.Lambda,)


MuEff = namedtuple("MuEff", "total sterile active")
MuEff.__doc__ = "An effective moment squared (mu_B^2) split by final state: nu_4 or active."


def _tmm(lam, where):
    if not isinstance(lam, TMM):
        fail(lib.NUTMM_EINVAL, where, "expected a nutmm.TMM, got %s" % type(lam).__name__)
    return lam._t


def _mixing(mix, where):
    if not isinstance(mix, Mixing):
        fail(lib.NUTMM_EINVAL, where, "expected a nutmm.Mixing, got %s" % type(mix).__name__)
    return mix._m


def mueff2(mix, lam, s):
    """Effective moment of an unoscillated beam of species s, eq. (6).

    lam: a TMM (returns a MuEff of floats) or an array of Lambda values of shape (..., 6),
    complex (returns a MuEff of arrays of shape ...), evaluated in one C call.
    """
    m = _mixing(mix, "mueff2")
    sp = species(s, "mueff2")
    if isinstance(lam, TMM):
        out = ffi.new("nutmm_mueff *")
        check(lib.nutmm_mueff2(m, lam._t, sp, out))
        return MuEff(out.total, out.sterile, out.active)
    a = carray(lam, "Lambda", "mueff2")
    if a.ndim < 1 or a.shape[-1] != 6:
        fail(lib.NUTMM_EBADLEN, "mueff2", "Lambda must have shape (..., 6), got %s"
             % (a.shape,))
    n = a.size // 6
    res = np.empty((n, 3))
    check(lib.nutmm_mueff2_array(m, n, ffi.cast("nutmm_tmm *", ffi.from_buffer(a)), sp,
                                 ffi.cast("nutmm_mueff *", ffi.from_buffer(res,
                                                                           require_writable=True))))
    shape = a.shape[:-1]
    return MuEff(*(res[:, c].reshape(shape).copy() for c in range(3)))


def amplitudes(mix, lam, s):
    """The amplitudes A_j, j = 1..4 (complex array, mu_B)."""
    A = np.empty(4, dtype=np.complex128)
    check(lib.nutmm_tmm_amplitudes(_mixing(mix, "amplitudes"), _tmm(lam, "amplitudes"),
                                   species(s, "amplitudes"),
                                   ffi.from_buffer("double _Complex[]", A, require_writable=True)))
    return A


def interference(mix, lam, s):
    """W = U_{alpha 4} A_4 (complex, mu_B): the weak-magnetic interference factor."""
    W = ffi.new("double _Complex *")
    check(lib.nutmm_tmm_interference(_mixing(mix, "interference"), _tmm(lam, "interference"),
                                     species(s, "interference"), W))
    return complex(W[0])


def _scalar(fn, mix_arg, lam, s, where):
    v = ffi.new("double *")
    check(fn(mix_arg, _tmm(lam, where), species(s, where), v))
    return v[0]


def mueff2_eq78(mix, lam, s):
    """Eqs. (7)-(8): the squares of the active-sterile moments (mu_B^2)."""
    return _scalar(lib.nutmm_mueff2_eq78, _mixing(mix, "mueff2_eq78"), lam, s, "mueff2_eq78")


def mueff2_eq910(mix, lam, s):
    """Eqs. (9)-(10): eqs. (7)-(8) without active-sterile mixing (mu_B^2)."""
    if not isinstance(mix, Mixing):
        fail(lib.NUTMM_EINVAL, "mueff2_eq910", "expected a nutmm.Mixing")
    return _scalar(lib.nutmm_mueff2_eq910, mix._params_ptr("mueff2_eq910"), lam, s,
                   "mueff2_eq910")


def mueff2_blockB(mix, lam, s):
    """Reading B of the truncated forms (terms of Lambda_4..6 only), mu_B^2."""
    return _scalar(lib.nutmm_mueff2_blockB, _mixing(mix, "mueff2_blockB"), lam, s,
                   "mueff2_blockB")


def table_rows():
    """The 21 rows of Tables 1-2: list of (k, l, label), 1-based k <= l."""
    k, l, lab = ffi.new("int *"), ffi.new("int *"), ffi.new("char **")
    rows = []
    for j in range(1, lib.NUTMM_TMM_NTERMS + 1):
        check(lib.nutmm_tmm_table_row(j, k, l, lab))
        rows.append((k[0], l[0], ffi.string(lab[0]).decode()))
    return rows


class TmmTable:
    """The 21-term form of eq. (6) (Table 1 for nu_e, 2 for nu_mu, 3 for nu_tau).

    Attributes (arrays of 21, row j at [j-1]): K (complex, zeta-independent coefficients),
    coef (real coefficients), prod (|L_k||L_l|, mu_B^2), rows (k, l, label).
    """

    def __init__(self, mix, lam, s):
        t = ffi.new("nutmm_tmm_table *")
        check(lib.nutmm_tmm_table_fill(_mixing(mix, "TmmTable"), _tmm(lam, "TmmTable"),
                                       species(s, "TmmTable"), t))
        self._t = t
        n = lib.NUTMM_TMM_NTERMS
        self.K = np.array([complex(t.K[j]) for j in range(n)])
        self.coef = np.array([t.coef[j] for j in range(n)])
        self.prod = np.array([t.prod[j] for j in range(n)])
        self.rows = table_rows()

    def sum(self):
        """sum_j coef[j] prod[j] (mu_B^2) as the library sums it (equals mueff2 total)."""
        v = ffi.new("double *")
        check(lib.nutmm_tmm_table_sum(self._t, v))
        return v[0]


tmm_table = TmmTable


def mueff2_solar_pei(P, lam):
    """Solar effective moment, eq. (5), for given P_e1..P_e4."""
    p = ffi.from_buffer("double[]", farray(P, "P", "mueff2_solar_pei", length=4))
    out = ffi.new("nutmm_mueff *")
    check(lib.nutmm_mueff2_solar_pei(p, _tmm(lam, "mueff2_solar_pei"), out))
    return MuEff(out.total, out.sterile, out.active)


def mueff2_solar(mix, lam, E, n_e=None):
    """Solar effective moment, eq. (5), with adiabatic MSW P_ei at energy E (MeV)."""
    if not isinstance(mix, Mixing):
        fail(lib.NUTMM_EINVAL, "mueff2_solar", "expected a nutmm.Mixing")
    ne = lib.NUTMM_SOLAR_NE_DEFAULT if n_e is None else real(n_e, "n_e", "mueff2_solar")
    out = ffi.new("nutmm_mueff *")
    check(lib.nutmm_mueff2_solar(mix._params_ptr("mueff2_solar"), _tmm(lam, "mueff2_solar"),
                                 real(E, "E", "mueff2_solar"), ne, out))
    return MuEff(out.total, out.sterile, out.active)
