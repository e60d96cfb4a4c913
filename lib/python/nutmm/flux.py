"""Neutrino fluxes (flux.h): solar, reactor, pi-DAR, 51Cr and user tables and lines."""
from collections import namedtuple

import numpy as np

from ._core import (SPECIES_NAMES, broadcast, check, choice, dptr, fail, farray, ffi, lib,
                    real, integer, scalar_or_array, set_fields, species, wptr)
from .tmm import Mixing, _PARAMS

__all__ = ["Flux", "FluxComponent", "Cr51Summary", "ReactorYield", "point_source", "cylinder_average",
           "decays"]

FluxComponent = namedtuple("FluxComponent",
                           "index label species mass_state is_line E_min E_max total")
Cr51Summary = namedtuple("Cr51Summary", "decays mean_activity geometry mean_flux fluence")
ReactorYield = namedtuple("ReactorYield", "energy_per_fission fissions_per_second "
                                          "nu_per_fission nu_per_second")

NORMS = {"rate": lib.NUTMM_FLUX_RATE, "fluence": lib.NUTMM_FLUX_FLUENCE}
SOLAR_MODES = {"production": lib.NUTMM_SOLAR_PRODUCTION, "flavor": lib.NUTMM_SOLAR_FLAVOR,
               "mass": lib.NUTMM_SOLAR_MASS}
REACTOR_LOW = {"ve89": lib.NUTMM_REACTOR_LOW_VE89, "mueller": lib.NUTMM_REACTOR_LOW_MUELLER}
CR51_GEOMETRY = {"point": lib.NUTMM_CR51_POINT, "cylinder": lib.NUTMM_CR51_CYLINDER}
_REACTOR = {"total": "real", "E_min": "real", "E_max": "real", "E_join": "real", "dE": "real"}
_PIDAR = {"r": "real", "n_pot": "real", "L": "real"}
_CR51 = {"activity": "real", "half_life": "real", "t_start": "real", "duration": "real",
         "distance": "real", "radius": "real", "height": "real"}


def _mass_state(m, where, allow_any=False):
    if m is None and allow_any:
        return lib.NUTMM_FLUX_ANY
    return integer(m, "mass_state", where)


def _label(label, where):
    if not isinstance(label, str):
        fail(lib.NUTMM_EINVAL, where, "label must be a string")
    return label.encode()


class Flux:
    """A list of flux components (owns a nutmm_flux).  Flux() is empty; build sources with
    Flux.solar(), Flux.reactor(), Flux.pidar(), Flux.cr51(), or add tables and lines."""

    def __init__(self):
        p = ffi.new("nutmm_flux **")
        check(lib.nutmm_flux_alloc(p))
        self._h = ffi.gc(p[0], lib.nutmm_flux_free)

    @classmethod
    def _wrap(cls, fn, *args):
        p = ffi.new("nutmm_flux **")
        check(fn(*args, p))
        self = cls.__new__(cls)
        self._h = ffi.gc(p[0], lib.nutmm_flux_free)
        return self

    @classmethod
    def solar(cls, mode="production", mixing=None, n_e=None, total=None, refine=None):
        """B16-GS98 solar flux at 1 AU; mode "production", "flavor" or "mass" (flux.h).
        mixing: a nutmm.Mixing built from parameters (default NuFIT 5.1); n_e, total:
        arrays of 8 per source (cm^-3, cm^-2 s^-1)."""
        o = ffi.new("nutmm_solar_options *")
        check(lib.nutmm_flux_solar_options_default(o))
        o.mode = choice(mode, SOLAR_MODES, "solar mode", "Flux.solar")
        if mixing is not None:
            if not isinstance(mixing, Mixing):
                fail(lib.NUTMM_EINVAL, "Flux.solar", "mixing must be a nutmm.Mixing")
            o.mix = mixing._params_ptr("Flux.solar")[0]
        ns = lib.NUTMM_SOLAR_NSOURCES
        if n_e is not None:
            o.n_e = list(farray(n_e, "n_e", "Flux.solar", length=ns))
        if total is not None:
            o.total = list(farray(total, "total", "Flux.solar", length=ns))
        if refine is not None:
            r = integer(refine, "refine", "Flux.solar")
            if r < 0:
                fail(lib.NUTMM_EINVAL, "Flux.solar", "refine must be >= 0")
            o.refine = min(r, 2**32 - 1)
        return cls._wrap(lib.nutmm_flux_solar_alloc, o)

    @classmethod
    def reactor(cls, fission_fraction=None, low="ve89", **settings):
        """Reactor anti-nu_e flux (Mueller 2011 / Vogel-Engel 1989); settings total, E_min,
        E_max, E_join, dE (flux.h)."""
        o = cls._reactor_options(fission_fraction, low, settings, "Flux.reactor")
        return cls._wrap(lib.nutmm_flux_reactor_alloc, o)

    @staticmethod
    def _reactor_options(fission_fraction, low, settings, where):
        o = ffi.new("nutmm_reactor_options *")
        lib.nutmm_flux_reactor_options_default(o)
        if fission_fraction is not None:
            o.fission_fraction = list(farray(fission_fraction, "fission_fraction", where,
                                             length=lib.NUTMM_REACTOR_NISOTOPES))
        o.low = choice(low, REACTOR_LOW, "low-energy model", where)
        set_fields(o, _REACTOR, settings, where)
        return o

    @classmethod
    def reactor_power(cls, power, L, fission_fraction=None, low="ve89", **settings):
        """Reactor anti-nu_e flux at L (cm) from a core of thermal power `power` (W); the
        flux has .reactor_yield (ReactorYield: MeV per fission, fissions and anti-nu_e per
        second).  Settings as Flux.reactor (total is ignored)."""
        o = cls._reactor_options(fission_fraction, low, settings, "Flux.reactor_power")
        p, y = ffi.new("nutmm_flux **"), ffi.new("nutmm_reactor_yield *")
        check(lib.nutmm_flux_reactor_power_alloc(o, real(power, "power", "Flux.reactor_power"),
                                                 real(L, "L", "Flux.reactor_power"), p, y))
        self = cls.__new__(cls)
        self._h = ffi.gc(p[0], lib.nutmm_flux_free)
        self.reactor_yield = ReactorYield(y.energy_per_fission, y.fissions_per_second,
                                          y.nu_per_fission, y.nu_per_second)
        return self

    @classmethod
    def pidar(cls, **settings):
        """pi-DAR fluence (prompt nu_mu line, delayed nu_e and anti-nu_mu); settings r,
        n_pot, L (cm); defaults COHERENT CsI 2017."""
        p = ffi.new("nutmm_pidar_params *")
        lib.nutmm_flux_pidar_params_default(p)
        set_fields(p, _PIDAR, settings, "Flux.pidar")
        return cls._wrap(lib.nutmm_flux_pidar_alloc, p)

    @staticmethod
    def _cr51_params(geometry, settings, where):
        p = ffi.new("nutmm_cr51_params *")
        lib.nutmm_flux_cr51_params_default(p)
        if geometry is not None:
            p.geometry = choice(geometry, CR51_GEOMETRY, "geometry", where)
        set_fields(p, _CR51, settings, where)
        return p

    @classmethod
    def cr51(cls, geometry=None, **settings):
        """51Cr electron-capture source; settings activity (s^-1), half_life, t_start,
        duration (s), distance, radius, height (cm); geometry "point" or "cylinder"."""
        return cls._wrap(lib.nutmm_flux_cr51_alloc, cls._cr51_params(geometry, settings,
                                                                     "Flux.cr51"))

    @staticmethod
    def cr51_summary(geometry=None, **settings):
        """Exposure numbers of a 51Cr set-up (Cr51Summary)."""
        s = ffi.new("nutmm_cr51_summary *")
        check(lib.nutmm_flux_cr51_summary(Flux._cr51_params(geometry, settings,
                                                            "Flux.cr51_summary"), s))
        return Cr51Summary(s.decays, s.mean_activity, s.geometry, s.mean_flux, s.fluence)

    # ---- building -------------------------------------------------------------------------

    def add_table(self, species_, label, E, dphi, mass_state=0):
        """Append a piecewise-linear continuum dPhi/dE at nodes E (MeV)."""
        Ea = farray(E, "E", "Flux.add_table", ndim=1)
        da = farray(dphi, "dphi", "Flux.add_table", ndim=1, length=Ea.size)
        check(lib.nutmm_flux_add_table(self._h, species(species_, "Flux.add_table"),
                                       _mass_state(mass_state, "Flux.add_table"),
                                       _label(label, "Flux.add_table"), Ea.size, dptr(Ea),
                                       dptr(da)))
        return self

    def add_line(self, species_, label, E, phi, mass_state=0):
        """Append a discrete line at E (MeV) with flux phi."""
        check(lib.nutmm_flux_add_line(self._h, species(species_, "Flux.add_line"),
                                      _mass_state(mass_state, "Flux.add_line"),
                                      _label(label, "Flux.add_line"), real(E, "E", "Flux.add_line"),
                                      real(phi, "phi", "Flux.add_line")))
        return self

    def add_table_file(self, species_, label, path, mass_state=0):
        check(lib.nutmm_flux_add_table_file(self._h, species(species_, "Flux.add_table_file"),
                                            _mass_state(mass_state, "Flux.add_table_file"),
                                            _label(label, "Flux.add_table_file"),
                                            str(path).encode()))
        return self

    def add_lines_file(self, species_, label, path, mass_state=0):
        check(lib.nutmm_flux_add_lines_file(self._h, species(species_, "Flux.add_lines_file"),
                                            _mass_state(mass_state, "Flux.add_lines_file"),
                                            _label(label, "Flux.add_lines_file"),
                                            str(path).encode()))
        return self

    def scale(self, factor, component=None):
        """Multiply every component (or one) by factor >= 0."""
        f = real(factor, "factor", "Flux.scale")
        if component is None:
            check(lib.nutmm_flux_scale(self._h, f))
        else:
            check(lib.nutmm_flux_scale_component(self._h, self._index(component), f))
        return self

    def set_norm(self, norm, duration=0.0):
        """"rate" (cm^-2 s^-1) or "fluence" (cm^-2), and the averaging duration (s)."""
        check(lib.nutmm_flux_set_norm(self._h, choice(norm, NORMS, "norm", "Flux.set_norm"),
                                      real(duration, "duration", "Flux.set_norm")))
        return self

    @property
    def norm(self):
        """(norm name, duration in s)."""
        n, d = ffi.new("nutmm_flux_norm *"), ffi.new("double *")
        check(lib.nutmm_flux_get_norm(self._h, n, d))
        return {v: k for k, v in NORMS.items()}[n[0]], d[0]

    # ---- queries --------------------------------------------------------------------------

    def __len__(self):
        return lib.nutmm_flux_ncomponents(self._h)

    def _index(self, i):
        i = integer(i, "component", "Flux")
        if i < 0:
            fail(lib.NUTMM_EBADLEN, "Flux", "component %d is negative" % i)
        return i

    def component(self, i):
        info = ffi.new("nutmm_flux_info *")
        check(lib.nutmm_flux_component(self._h, self._index(i), info))
        return FluxComponent(i, ffi.string(info.label).decode(), SPECIES_NAMES[info.species],
                             info.mass_state, bool(info.is_line), info.E_min, info.E_max,
                             info.total)

    def components(self):
        """All components as FluxComponent records."""
        return [self.component(i) for i in range(len(self))]

    def find(self, label, species_=None, mass_state=None):
        """Index of the first component with this label (and species / mass state)."""
        i = ffi.new("size_t *")
        check(lib.nutmm_flux_find(self._h, _label(label, "Flux.find"),
                                  species(species_, "Flux.find", allow_any=True),
                                  _mass_state(mass_state, "Flux.find", allow_any=True), i))
        return i[0]

    def eval(self, E, component):
        """dPhi/dE of one component at energies E (MeV), one C call."""
        shape, (Ea,) = broadcast("Flux.eval", E=E)
        out = np.empty(shape)
        check(lib.nutmm_flux_eval_array(self._h, self._index(component), Ea.size, dptr(Ea),
                                        wptr(out)))
        return scalar_or_array(out, shape)

    def eval_species(self, E, species_=None, mass_state=None):
        """Sum of the continuous dPhi/dE of the matching components at energies E (MeV)."""
        shape, (Ea,) = broadcast("Flux.eval_species", E=E)
        out = np.empty(shape)
        check(lib.nutmm_flux_eval_species_array(
            self._h, species(species_, "Flux.eval_species", allow_any=True),
            _mass_state(mass_state, "Flux.eval_species", allow_any=True), Ea.size, dptr(Ea),
            wptr(out)))
        return scalar_or_array(out, shape)

    def total(self, component=None, species_=None, mass_state=None):
        """Integral of one component, or of all matching components (component None)."""
        v = ffi.new("double *")
        if component is not None:
            check(lib.nutmm_flux_total(self._h, self._index(component), v))
        else:
            check(lib.nutmm_flux_total_species(
                self._h, species(species_, "Flux.total", allow_any=True),
                _mass_state(mass_state, "Flux.total", allow_any=True), v))
        return v[0]

    def endpoint(self):
        """Largest energy (MeV) with non-zero flux."""
        v = ffi.new("double *")
        check(lib.nutmm_flux_endpoint(self._h, v))
        return v[0]

    def moments(self, component, E_lo):
        """int_{E_lo} dPhi/dE E^-k dE, k = 0, 1, 2, at each E_lo: shape E_lo.shape + (3,)."""
        Ea = farray(E_lo, "E_lo", "Flux.moments")
        out = np.empty(Ea.shape + (3,))
        m = ffi.new("double[3]")
        i = self._index(component)
        for idx in np.ndindex(Ea.shape):
            check(lib.nutmm_flux_moments(self._h, i, float(Ea[idx]), m))
            out[idx] = list(m)
        return out

    def __repr__(self):
        return "Flux(%d components)" % len(self)


def _value(fn, where, *args):
    v = ffi.new("double *")
    check(fn(*(real(a, "argument", where) for a in args), v))
    return v[0]


def point_source(rate, L):
    """rate / (4 pi L^2) (L in cm)."""
    return _value(lib.nutmm_flux_point_source_e, "point_source", rate, L)


def cylinder_average(rate, L, R, H):
    """Point-source flux averaged over a cylinder (cm), source on its axis."""
    return _value(lib.nutmm_flux_cylinder_average_e, "cylinder_average", rate, L, R, H)


def decays(A0, t_half, t_start, duration):
    """Decays of a source of activity A0 during [t_start, t_start + duration] (s)."""
    return _value(lib.nutmm_flux_decays_e, "decays", A0, t_half, t_start, duration)
