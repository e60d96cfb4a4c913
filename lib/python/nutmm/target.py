"""Nuclei, atoms and target materials (target.h)."""
import numpy as np

from ._core import check, fail, farray, ffi, lib, real, integer, vectorize

__all__ = ["Nucleus", "Atom", "Target"]


def _str(c):
    return ffi.string(c).decode("utf-8", "replace")


class Nucleus:
    """A nucleus (a plain value: this object owns its copy).

    Nucleus.lookup("Cs133") reads nuclear/nuclei.dat; Nucleus(Z, A, m_atom, r_ch, two_j)
    builds one from numbers (m_atom in u, r_ch in cm).  r_p and r_n (cm) may be changed.
    """

    def __init__(self, Z, A, m_atom, r_ch, two_j=0):
        self._n = ffi.new("nutmm_nucleus *")
        check(lib.nutmm_nucleus_init(self._n, integer(Z, "Z", "Nucleus"),
                                     integer(A, "A", "Nucleus"), real(m_atom, "m_atom", "Nucleus"),
                                     real(r_ch, "r_ch", "Nucleus"),
                                     integer(two_j, "two_j", "Nucleus")))

    @classmethod
    def lookup(cls, name):
        self = cls.__new__(cls)
        self._n = ffi.new("nutmm_nucleus *")
        check(lib.nutmm_nucleus_lookup(str(name).encode(), self._n))
        return self

    @classmethod
    def _copy(cls, cptr):
        self = cls.__new__(cls)
        self._n = ffi.new("nutmm_nucleus *", cptr[0])
        return self

    name = property(lambda self: _str(self._n.name))
    Z = property(lambda self: self._n.Z)
    N = property(lambda self: self._n.N)
    A = property(lambda self: self._n.A)
    two_j = property(lambda self: self._n.two_j)
    atomic_mass = property(lambda self: self._n.atomic_mass, doc="u")
    mass = property(lambda self: self._n.mass, doc="nuclear mass, MeV")
    abundance = property(lambda self: self._n.abundance)

    def _set_radius(self, field, value):
        old = getattr(self._n, field)
        setattr(self._n, field, real(value, field, "Nucleus"))
        status = lib.nutmm_nucleus_check(self._n)
        if status:
            setattr(self._n, field, old)
            check(status)

    r_p = property(lambda self: self._n.r_p, lambda self, v: self._set_radius("r_p", v),
                   doc="proton rms radius, cm")
    r_n = property(lambda self: self._n.r_n, lambda self, v: self._set_radius("r_n", v),
                   doc="neutron rms radius, cm")

    def __repr__(self):
        return "Nucleus(%s: Z=%d, N=%d, M=%.6f MeV)" % (self.name, self.Z, self.N, self.mass)


class Atom:
    """The electron shells of an element for the stepping function of eq. (16)."""

    def __init__(self, symbol):
        self._a = ffi.new("nutmm_atom *")
        check(lib.nutmm_atom_lookup(str(symbol).encode(), self._a))

    lookup = classmethod(lambda cls, symbol: cls(symbol))

    @classmethod
    def _copy(cls, cptr):
        self = cls.__new__(cls)
        self._a = ffi.new("nutmm_atom *", cptr[0])
        return self

    symbol = property(lambda self: _str(self._a.symbol))
    Z = property(lambda self: self._a.Z)
    occupancy = property(lambda self: np.array(
        [self._a.occupancy[i] for i in range(self._a.n_shells)]))
    binding = property(lambda self: np.array(
        [self._a.binding[i] for i in range(self._a.n_shells)]), doc="MeV")

    def step(self, T):
        """S(T) of eq. (16) at electron recoils T (MeV)."""
        v = ffi.new("double *")

        def one(t):
            check(lib.nutmm_atom_step_e(self._a, t, v))
            return v[0]
        return vectorize("Atom.step", one, T=T)

    def __repr__(self):
        return "Atom(%s: Z=%d, %d shells)" % (self.symbol, self.Z, self._a.n_shells)


class Target:
    """A material: nuclei and atoms with their numbers per kg (owns a nutmm_target).

    Target("CsI"), Target("Xe"), Target("Ar40"), Target("Al2O3"), ...;
    Target.custom(nuclei, nuclei_per_kg, atoms=(), atoms_per_kg=(), name=None).
    """

    def __init__(self, name):
        p = ffi.new("nutmm_target **")
        check(lib.nutmm_target_alloc(str(name).encode(), p))
        self._h = ffi.gc(p[0], lib.nutmm_target_free)

    @classmethod
    def custom(cls, nuclei, nuclei_per_kg, atoms=(), atoms_per_kg=(), name=None):
        nuclei, atoms = list(nuclei), list(atoms)
        if not all(isinstance(n, Nucleus) for n in nuclei) or not all(
                isinstance(a, Atom) for a in atoms):
            fail(lib.NUTMM_EINVAL, "Target.custom", "nuclei must be Nucleus, atoms Atom objects")
        npk = farray(nuclei_per_kg, "nuclei_per_kg", "Target.custom", length=len(nuclei))
        apk = farray(atoms_per_kg, "atoms_per_kg", "Target.custom", length=len(atoms))
        cn = ffi.new("nutmm_nucleus[]", [n._n[0] for n in nuclei] or 1)
        ca = ffi.new("nutmm_atom[]", [a._a[0] for a in atoms] or 1)
        p = ffi.new("nutmm_target **")
        check(lib.nutmm_target_alloc_custom(
            ffi.NULL if name is None else str(name).encode(), len(nuclei), cn,
            ffi.from_buffer("double[]", npk), len(atoms), ca,
            ffi.from_buffer("double[]", apk), p))
        self = cls.__new__(cls)
        self._h = ffi.gc(p[0], lib.nutmm_target_free)
        return self

    name = property(lambda self: _str(lib.nutmm_target_name(self._h)))
    molar_mass = property(lambda self: lib.nutmm_target_molar_mass(self._h), doc="g/mol")
    electrons_per_kg = property(lambda self: lib.nutmm_target_electrons_per_kg(self._h))

    @property
    def nuclei(self):
        """[(Nucleus, nuclei per kg)] (copies)."""
        out = []
        for i in range(lib.nutmm_target_n_nuclei(self._h)):
            nuc, per = ffi.new("nutmm_nucleus **"), ffi.new("double *")
            check(lib.nutmm_target_nucleus_e(self._h, i, nuc, per))
            out.append((Nucleus._copy(nuc[0]), per[0]))
        return out

    @property
    def atoms(self):
        """[(Atom, atoms per kg)] (copies)."""
        out = []
        for j in range(lib.nutmm_target_n_atoms(self._h)):
            atom, per = ffi.new("nutmm_atom **"), ffi.new("double *")
            check(lib.nutmm_target_atom_e(self._h, j, atom, per))
            out.append((Atom._copy(atom[0]), per[0]))
        return out

    def __repr__(self):
        return "Target(%s)" % self.name
