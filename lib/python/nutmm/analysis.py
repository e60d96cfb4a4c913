"""The shipped analyses by name, and combined analyses (analysis.h, scan.h, coupling.h, and
the companion library libnutmm-experiments, nutmm/experiments.h).

    xe = nutmm.experiment("xenon1t")                     # the program nutmm-xenon1t
    band = xe.limit(np.geomspace(1e-3, 0.3, 100), flavor="e")
    band["mu_low_muB"], band["status"]                    # the columns of `nutmm-xenon1t limit`

Each method computes what the program's command of the same name prints (examples/cli.c),
with the same library calls, and returns its TSV columns: `spectrum` a numpy record array
(one row per analysis bin), `chi2` a dict (quantity -> value, in the program's row order),
`limit` a numpy record array with the `status` column.  Couplings are the programs':
an effective moment mu (mu_B) of one flavour with Re W = |U_a4| mu (ue4=, umu4=), or
fundamental TMMs lambdas={14: V, 24: (V, phase_deg)} (eqs. 5, 6), or, with param="lambda14"
(24, 34), |lambda_I4| given by mu (spectrum, chi2) or scanned (limit).  full=True takes the
lambdas in the full coupling (coupling.h, NUTMM_COUPLING_FULL, as nutmm-scan): all six
lambda_ij (keys 12, 13, 14, 23, 24, 34) and the light final states on the massless template.
A named combination of experiments (nutmm-scan's "experiments current") is
nutmm.combination("current").

An Experiment owns its C analysis; each Python thread evaluating it gets its own C
workspace.  A Combined keeps its experiments alive.  libnutmm-experiments is bound only when
libnutmm was built with -Dexamples=true; otherwise nutmm.experiment raises nutmm.Error.
"""
import threading

import numpy as np

from ._core import Error, check, fail, farray, ffi, integer, lib, real
from .tmm import Mixing

__all__ = ["experiment", "experiments", "combine", "combination", "combinations", "grid_log",
           "Experiment", "Analysis", "Combined"]

_HAVE_EXPERIMENTS = hasattr(lib, "nutmm_experiment_build")
_STATUS = {lib.NUTMM_SCAN_OK: "ok", lib.NUTMM_SCAN_CLOSED: "closed",
           lib.NUTMM_SCAN_NO_SENSITIVITY: "no-sensitivity", lib.NUTMM_SCAN_EMPTY: "empty",
           lib.NUTMM_SCAN_ERROR: "error"}
_PARAMS = ("mu", "lambda14", "lambda24", "lambda34")  # limit --param, index = lambda_I4
_TMM_KEYS = (14, 24, 34)                               # TMM mode: lambda_i4
_FULL_KEYS = (12, 13, 14, 23, 24, 34)                  # full mode: every lambda_ij, i < j


def _s(p):
    return ffi.string(p).decode("utf-8", "replace") if p != ffi.NULL else None


def _words(p):
    return tuple(_s(p).split()) if p != ffi.NULL else ()


def _require_experiments(where):
    if not _HAVE_EXPERIMENTS:
        fail(lib.NUTMM_EINVAL, where, "libnutmm-experiments is not bound: this libnutmm was "
             "built without the examples (meson setup -Dexamples=true)")


def experiments():
    """Names of the shipped experiments ("xenon1t", "coherent-csi", ...)."""
    _require_experiments("experiments")
    return [_s(lib.nutmm_experiment_at(i).name) for i in range(lib.nutmm_experiment_count())]


def grid_log(lo, hi, n):
    """n log-spaced masses from lo to hi (MeV), built in log space as the programs' limit
    scans (nutmm_scan_grid_log): the same m4 bits as `limit --m4-min lo --m4-max hi
    --points n`."""
    n = integer(n, "n", "grid_log")
    if n < 1:
        fail(lib.NUTMM_EBADLEN, "grid_log", "n = %d must be >= 1" % n)
    out = np.empty(n)
    check(lib.nutmm_scan_grid_log(real(lo, "lo", "grid_log"), real(hi, "hi", "grid_log"), n,
                                  ffi.from_buffer("double[]", out, require_writable=True)))
    return out


def _m4_array(m4, where):
    a = farray(m4, "m4", where)
    if a.ndim != 1 or a.size == 0:
        fail(lib.NUTMM_EBADLEN, where, "m4 must be a non-empty 1-d array, got shape %s"
             % (a.shape,))
    return np.ascontiguousarray(a)


def _lambdas(lambdas, where, full=False):
    """{14: V, 24: (V, phase_deg)} -> {ij: (modulus, phase_rad)} for every key of the mode
    (TMM: 14, 24, 34; full: also 12, 13, 23), zero where not given."""
    keys = _FULL_KEYS if full else _TMM_KEYS
    out = {k: (0.0, 0.0) for k in keys}
    if not isinstance(lambdas, dict) or not lambdas:
        fail(lib.NUTMM_EINVAL, where, "lambdas must be a non-empty dict {14: V, 24: (V, "
             "phase_deg), ...}")
    for k, v in lambdas.items():
        if k not in keys and not (isinstance(k, str) and k.isdigit() and int(k) in keys):
            fail(lib.NUTMM_ENOTFOUND, where, "lambdas key %r not one of %s%s"
                 % (k, ", ".join(map(str, keys)), "" if full else " (full=True: any ij)"))
        mod, ph = (v if isinstance(v, (tuple, list)) and len(v) == 2 else (v, 0.0))
        mod, ph = real(mod, "lambda_%s" % k, where), real(ph, "phase of lambda_%s" % k, where)
        out[int(k)] = (mod, np.deg2rad(ph))
    return out


class _Coupling:
    """The programs' coupling (examples/cli.c make_coupling): effective moment of a flavour,
    fundamental TMMs, or |lambda_param| alone; full=True: the TMMs in full mode
    (nutmm_coupling_set_tmm, as nutmm-scan's coupling_of)."""

    def __init__(self, where, flavors, mix, flavor, ue4, umu4, lambdas, param, full=False):
        if flavor is None:
            flavor = flavors[0]
        if flavor not in flavors:
            fail(lib.NUTMM_ENOTFOUND, where, "flavor %r not one of: %s"
                 % (flavor, " ".join(flavors)))
        if param not in _PARAMS:
            fail(lib.NUTMM_ENOTFOUND, where, "param %r not one of %s" % (param, ", ".join(_PARAMS)))
        self.where, self.flavor, self.mix = where, flavor, mix
        self.ue4, self.umu4 = real(ue4, "ue4", where), real(umu4, "umu4", where)
        if not (0.0 <= self.ue4 <= 1.0 and 0.0 <= self.umu4 <= 1.0):
            fail(lib.NUTMM_EDOM, where, "|U_e4| = %g, |U_mu4| = %g must be in [0, 1]"
                 % (self.ue4, self.umu4))
        self.param = _PARAMS.index(param)
        self.full = bool(full)
        if self.full and lambdas is None and self.param == 0:
            fail(lib.NUTMM_EINVAL, where, "full=True needs lambdas (or param='lambda14', ...)")
        if self.full and (self.ue4 or self.umu4):
            fail(lib.NUTMM_EINVAL, where, "ue4, umu4 belong to effective moments; full=True "
                 "takes the active-sterile mixing from the Mixing (theta14, ...)")
        self.lam = None if lambdas is None else _lambdas(lambdas, where, self.full)

    @property
    def fundamental(self):
        return self.lam is not None and self.param == 0

    def make(self, t):
        """The coupling with moment (or |lambda_param|) t; fundamental mode: the lambdas."""
        c = ffi.new("nutmm_coupling *")
        lib.nutmm_coupling_init(c)
        c.mix = self.mix
        if self.param > 0:
            phase = self.lam[10 * self.param + 4][1] if self.lam else 0.0
            if self.full:
                check(lib.nutmm_coupling_set_tmm(c, self.param, 4, t, phase))
            else:
                check(lib.nutmm_coupling_set_lambda(c, self.param, t, phase))
        elif self.full:
            for ij, (mod, ph) in self.lam.items():
                check(lib.nutmm_coupling_set_tmm(c, ij // 10, ij % 10, mod, ph))
        elif self.lam is not None:
            for ij, (mod, ph) in self.lam.items():
                check(lib.nutmm_coupling_set_lambda(c, ij // 10, mod, ph))
        else:
            check(lib.nutmm_coupling_set_flavor(c, self.flavor.encode(), t))
            check(lib.nutmm_coupling_set_u4(c, lib.NUTMM_FLAVOR_E, self.ue4))
            check(lib.nutmm_coupling_set_u4(c, lib.NUTMM_FLAVOR_MU, self.umu4))
        return c


def _scan(analyses, coupling, m4, where, two_sided, own_min, delta, one_sided, threads,
          ref_range):
    """nutmm_scan as cmd_limit of examples/cli.c; returns the record array of its TSV."""
    if one_sided:
        if delta is not None or (two_sided and not own_min):
            fail(lib.NUTMM_EINVAL, where, "one_sided sets Delta chi^2 for upper limits: not "
                 "with delta%s" % (", and bands need own_min=True" if two_sided else ""))
        delta = lib.NUTMM_DCHI2_90CL_ONE_SIDED
    so = ffi.new("nutmm_scan_options *")
    lib.nutmm_scan_options_default(so)
    d = 0.0 if delta is None else real(delta, "delta", where)
    n = integer(threads, "threads", where)
    if not (1 <= n <= 64 and d >= 0):  # as the programs' --threads and --delta
        fail(lib.NUTMM_EDOM, where, "need 1 <= threads <= 64 and delta >= 0 (got %d, %g)"
             % (n, d))
    so.delta, so.threads = d, n
    keep = []
    if two_sided and not own_min:
        so.reference = lib.NUTMM_SCAN_GLOBAL_MIN
    if two_sided and not own_min and ref_range is not None:
        ref = grid_log(ref_range[0], ref_range[1], lib.NUTMM_EXP_REF_POINTS)
        so.ref_m4 = ffi.from_buffer("double[]", ref)
        so.n_ref = ref.size
        keep.append(ref)
    unit = coupling.make(1.0)
    an = ffi.new("nutmm_analysis *[]", [a._h for a in analyses])
    pts = ffi.new("nutmm_scan_point[]", m4.size)
    check(lib.nutmm_scan(an, len(analyses), unit, ffi.from_buffer("double[]", m4), m4.size, so,
                         pts, ffi.NULL))
    p = _PARAMS[coupling.param]
    names = (["m4_MeV", p + "_low_muB", p + "_high_muB", p + "_best_muB"] if two_sided
             else ["m4_MeV", p + "_90CL_muB"])
    rows = []
    for k in range(m4.size):
        q = pts[k]
        if q.status == lib.NUTMM_SCAN_ERROR:  # the programs fail too
            raise Error(lib.NUTMM_EFAILED, "nutmm.%s: m4 = %g MeV: %s" % (where, q.m4, _s(q.reason)))
        vals = (q.m4, q.low, q.high, q.best) if two_sided else (q.m4, q.high)
        rows.append(vals + (_STATUS.get(q.status, "?"),))
    return np.rec.fromrecords(rows, names=names + ["status"],
                              formats=["f8"] * len(names) + ["U14"])


class _Analysis:
    """spectrum / chi2 / limit of one C analysis (self._h), shared by Experiment and Analysis.
    Subclasses set: _h, _mix (nutmm_mixing_params), flavors, two_sided, m4_range (the
    reference range of bands, or None), _spectrum_at ((m4, mu) defaults or None), points."""

    nbins = property(lambda self: lib.nutmm_analysis_nbins(self._h))

    def _ws(self):
        ws = getattr(self._local, "ws", None)
        if ws is None:
            p = ffi.new("nutmm_analysis_workspace **")
            check(lib.nutmm_analysis_workspace_alloc(self._h, p))
            h = self._h  # the destructor keeps the analysis alive until the workspace is freed
            ws = self._local.ws = ffi.gc(p[0], lambda w, h=h: lib.nutmm_analysis_workspace_free(w))
        return ws

    def _coupling(self, where, flavor, ue4, umu4, lambdas, param, full):
        return _Coupling(where, self.flavors, self._mix, flavor, ue4, umu4, lambdas, param,
                         full)

    def spectrum(self, m4=None, mu=None, flavor=None, ue4=0.0, umu4=0.0, lambdas=None,
                 param="mu", full=False):
        """Per analysis bin, the columns of `nutmm-<name> spectrum`: <stem>_lo, <stem>_hi,
        observed, bkg_<name>..., sm, dipole, [interference,] total.  m4 (MeV) and mu (mu_B)
        default to the program's.  full=True: the lambdas in full mode (the dipole column is
        then the nu_4 part and the light final states together)."""
        where = type(self).__name__ + ".spectrum"
        if (m4 is None or mu is None) and self._spectrum_at is None:
            fail(lib.NUTMM_EINVAL, where, "spectrum needs m4 and mu")
        m4 = self._spectrum_at[0] if m4 is None else real(m4, "m4", where)
        mu = self._spectrum_at[1] if mu is None else real(mu, "mu", where)
        if not mu >= 0:
            fail(lib.NUTMM_EDOM, where, "mu = %g must be >= 0" % mu)
        c = self._coupling(where, flavor, ue4, umu4, lambdas, param, full).make(mu)
        a, nb, nbkg = self._h, self.nbins, lib.nutmm_analysis_n_backgrounds(self._h)
        obs, sm, dip, inter, tot = (np.empty(nb) for _ in range(5))
        bkg = np.empty((max(nbkg, 1), nb))
        w = lambda x: ffi.from_buffer("double[]", x, require_writable=True)
        check(lib.nutmm_analysis_observed(a, w(obs)))
        check(lib.nutmm_analysis_spectrum(a, self._ws(), m4, c, w(sm), w(dip), w(inter), w(bkg),
                                          w(tot)))
        pe = lib.nutmm_analysis_edges(a)
        if pe == ffi.NULL:  # no bins set (nutmm.Analysis): the bin numbers
            edges = np.arange(nb + 1, dtype=np.float64)
        else:
            edges = np.frombuffer(ffi.buffer(pe, (nb + 1) * 8), dtype=np.float64).copy()
            edges /= lib.nutmm_analysis_edge_unit(a)
        stem = _s(lib.nutmm_analysis_edge_stem(a))
        cols = [(stem + "_lo", edges[:-1]), (stem + "_hi", edges[1:]), ("observed", obs)]
        cols += [("bkg_" + _s(lib.nutmm_analysis_background_name(a, b)), bkg[b])
                 for b in range(nbkg)]
        cols += [("sm", sm), ("dipole", dip)]
        if lib.nutmm_analysis_has_interference(a):
            cols.append(("interference", inter))
        cols.append(("total", tot))
        return np.rec.fromarrays([v for _, v in cols], names=[k for k, _ in cols])

    def chi2(self, m4, mu=None, flavor=None, ue4=0.0, umu4=0.0, lambdas=None, param="mu",
             full=False):
        """The rows of `nutmm-<name> chi2` as a dict: m4_MeV, mu_muB (or lambda_I4_muB;
        full=True: lambda_ij_muB for all six), chi2, chi2_mu0, delta_chi2, nbins, xi_0, ..."""
        where = type(self).__name__ + ".chi2"
        cp = self._coupling(where, flavor, ue4, umu4, lambdas, param, full)
        if mu is None and not cp.fundamental:
            fail(lib.NUTMM_EINVAL, where, "chi2 needs mu (or lambdas)")
        m4 = real(m4, "m4", where)
        mu = 0.0 if mu is None else real(mu, "mu", where)
        if not mu >= 0:
            fail(lib.NUTMM_EDOM, where, "mu = %g must be >= 0" % mu)
        c = cp.make(mu)
        nn = lib.nutmm_analysis_n_nuisances(self._h)
        v, xi = ffi.new("double[2]"), ffi.new("double[]", nn + 1)
        ws = self._ws()
        check(lib.nutmm_analysis_chi2(self._h, ws, m4, ffi.NULL, v + 1, ffi.NULL))
        check(lib.nutmm_analysis_chi2(self._h, ws, m4, c, v, xi))
        out = {"m4_MeV": m4}
        if cp.fundamental:
            for ij, (mod, _) in cp.lam.items():
                out["lambda_%d_muB" % ij] = mod
        else:
            out["mu_muB"] = mu
        out.update(chi2=v[0], chi2_mu0=v[1], delta_chi2=v[0] - v[1], nbins=self.nbins)
        out.update(("xi_%d" % k, xi[k]) for k in range(nn))
        return out

    def limit(self, m4=None, flavor=None, ue4=0.0, umu4=0.0, param="mu", lambdas=None,
              delta=None, own_min=False, one_sided=False, threads=1, full=False):
        """The rows of `nutmm-<name> limit` as a record array: m4_MeV, mu_90CL_muB, status
        (bands, XENON1T: mu_low_muB, mu_high_muB, mu_best_muB, status, from the global
        minimum over the scan and NUTMM_EXP_REF_POINTS reference masses; own_min=True: each
        m4's own).  m4: MeV (default: the program's grid); param="lambda14" scans
        |lambda_14| (phase from lambdas; full=True: in full mode, light final states
        included).  Rows not ok carry inf; a point that fails raises."""
        where = type(self).__name__ + ".limit"
        if m4 is None and self.m4_range is None:
            fail(lib.NUTMM_EINVAL, where, "limit needs m4")
        m4 = grid_log(self.m4_range[0], self.m4_range[1], self.points) if m4 is None \
            else _m4_array(m4, where)
        cp = self._coupling(where, flavor, ue4, umu4, lambdas, param, full)
        if cp.fundamental:
            fail(lib.NUTMM_EINVAL, where, "limit in fundamental mode needs param='lambda14', "
                 "'lambda24' or 'lambda34'")
        return _scan([self], cp, m4, where, self.two_sided, own_min, delta, one_sided, threads,
                     self.m4_range)



class Experiment(_Analysis):
    """A shipped analysis by name (see nutmm.experiment)."""

    def __init__(self, name, target=None, config=None, interference=True, mixing=None,
                 **settings):
        where = "experiment"
        _require_experiments(where)
        if not isinstance(name, str):
            fail(lib.NUTMM_EINVAL, where, "name must be a string, got %r" % (name,))
        e = lib.nutmm_experiment_find(name.encode())
        if e == ffi.NULL:
            check(lib.NUTMM_ENOTFOUND)  # the library's reason lists the names
        self.name = name
        o = ffi.new("nutmm_exp_options *")
        check(lib.nutmm_experiment_options_default(e, o))
        if target is not None:
            if e.targets == ffi.NULL:
                fail(lib.NUTMM_ENOTFOUND, where, "%s has no targets" % name)
            check(lib.nutmm_experiment_set_target(e, o, str(target).encode()))
        if config is not None:
            if e.configs == ffi.NULL:
                fail(lib.NUTMM_ENOTFOUND, where, "%s has no configurations" % name)
            check(lib.nutmm_experiment_set_config(e, o, str(config).encode()))
        for k, v in settings.items():
            check(lib.nutmm_experiment_set(e, o, k.encode(), real(v, k, where)))
        if mixing is not None:
            if not isinstance(mixing, Mixing) or mixing._p is None:
                fail(lib.NUTMM_EINVAL, where, "mixing must be a nutmm.Mixing built from "
                     "parameters")
            o.mix = mixing._p[0]
        o.interference = 1 if interference else 0
        p = ffi.new("nutmm_analysis **")
        check(lib.nutmm_experiment_build(name.encode(), o, p))
        self._h = ffi.gc(p[0], lib.nutmm_analysis_free)
        self._e, self._o, self._mix = e, o, o.mix
        self._spectrum_at = (e.m4_spectrum, e.mu_spectrum)
        self._local = threading.local()
        self.flavors = _words(e.flavors)
        self.targets, self.configs = _words(e.targets), _words(e.configs)
        self.two_sided = bool(e.two_sided)
        self.m4_range = (e.m4_min, e.m4_max)
        self.points = e.points
        self.settings = {_s(e.settings[k].name): o.set[k] for k in range(e.n_settings)}

    def __repr__(self):
        return "nutmm.experiment(%r)" % self.name


class Analysis(_Analysis):
    """An analysis built in Python (analysis.h) from rate plans and a likelihood:

        an = nutmm.Analysis("my-csi", nbins)
        an.add_rate(rate)                      # a nutmm.Rate (component_scale=, bin_map=,
                                               # interference=)
        an.set_sm()                            # the plans' SM counts (or given per bin)
        an.set_likelihood(nutmm.Chi2.asimov(an.rate_sm(), bkg, 0.1))
        an.limit(nutmm.grid_log(1e-3, 10, 30), flavor="mu")

    The C analysis adopts what it is given (nutmm_analysis_add_rate, _set_likelihood): it
    gets its own copies -- a new plan of each Rate (same target, flux, detector, options;
    those Python objects are kept alive by this Analysis, not adopted) and a clone of the
    Chi2 -- so no Python object's handle is ever freed twice.  Flavours: e, mu, tau, all;
    limit gives upper limits (band=True: bands from the global minimum of the scan)."""

    def __init__(self, name, nbins):
        where = "Analysis"
        nbins = integer(nbins, "nbins", where)
        if nbins < 1:
            fail(lib.NUTMM_EBADLEN, where, "nbins = %d must be >= 1" % nbins)
        p = ffi.new("nutmm_analysis **")
        check(lib.nutmm_analysis_alloc(str(name).encode(), nbins, p))
        self._h = ffi.gc(p[0], lib.nutmm_analysis_free)
        self.name = str(name)
        self._rates, self._local = [], threading.local()
        mix = ffi.new("nutmm_coupling *")
        lib.nutmm_coupling_init(mix)
        self._cmix, self._mix = mix, mix.mix  # default mixing (NuFIT 5.1 NO)
        self.flavors = ("e", "mu", "tau", "all")
        self.two_sided, self.m4_range, self._spectrum_at, self.points = False, None, None, 0

    def __repr__(self):
        return "nutmm.Analysis(%r, %d)" % (self.name, self.nbins)

    def add_rate(self, rate, component_scale=None, bin_map=None, interference=False):
        """Add a rate plan (nutmm.Rate): component_scale (ncomponents), bin_map (nbins x
        rate.nbins, row-major), interference (this plan gives the eq. (20) term)."""
        from .rate import Rate
        where = "Analysis.add_rate"
        if not isinstance(rate, Rate):
            fail(lib.NUTMM_EINVAL, where, "rate must be a nutmm.Rate")
        o = ffi.new("nutmm_analysis_rate_options *")
        keep = []
        if component_scale is not None:
            cs = farray(component_scale, "component_scale", where, ndim=1,
                        length=rate.ncomponents)
            keep.append(cs)
            o.component_scale = ffi.from_buffer("double[]", cs)
        if bin_map is not None:
            bm = farray(bin_map, "bin_map", where, ndim=2)
            if bm.shape != (self.nbins, rate.nbins):
                fail(lib.NUTMM_EBADLEN, where, "bin_map must have shape (%d, %d), got %s"
                     % (self.nbins, rate.nbins, bm.shape))
            keep.append(bm)
            o.bin_map = ffi.from_buffer("double[]", bm)
        o.interference = 1 if interference else 0
        # the analysis adopts the new plan (freed with it, also on error); target, flux and
        # detector stay the Rate's (NULL: not adopted), kept alive through self._rates
        check(lib.nutmm_analysis_add_rate(self._h, rate._replan(), ffi.NULL, ffi.NULL,
                                          ffi.NULL, o))
        self._rates.append(rate)
        return self

    def rate_sm(self):
        """SM counts of the plans in the analysis bins (scales and maps applied)."""
        out = np.empty(self.nbins)
        check(lib.nutmm_analysis_rate_sm(self._h, ffi.from_buffer("double[]", out,
                                                                  require_writable=True)))
        return out

    def set_sm(self, sm=None):
        """The SM part per bin (default: rate_sm())."""
        a = self.rate_sm() if sm is None else farray(sm, "sm", "Analysis.set_sm", ndim=1,
                                                     length=self.nbins)
        check(lib.nutmm_analysis_set_sm(self._h, ffi.from_buffer("double[]", a)))
        return self

    def set_likelihood(self, chi2):
        """The likelihood model (a nutmm.Chi2; the analysis adopts a clone of it)."""
        from .stats import Chi2
        if not isinstance(chi2, Chi2):
            fail(lib.NUTMM_EINVAL, "Analysis.set_likelihood", "chi2 must be a nutmm.Chi2")
        p = ffi.new("nutmm_chi2 **")
        check(lib.nutmm_chi2_clone(chi2._h, p))
        check(lib.nutmm_analysis_set_likelihood(self._h, p[0]))  # adopted, also on error
        return self

    def set_bins(self, edges, unit=1.0, stem="bin"):
        """Bin edges (nbins + 1) for output, printed as edge / unit in columns <stem>_lo/hi."""
        e = farray(edges, "edges", "Analysis.set_bins", ndim=1, length=self.nbins + 1)
        check(lib.nutmm_analysis_set_bins(self._h, ffi.from_buffer("double[]", e),
                                          real(unit, "unit", "Analysis.set_bins"),
                                          str(stem).encode()))
        return self

    def set_background_name(self, c, name):
        check(lib.nutmm_analysis_set_background_name(
            self._h, integer(c, "c", "Analysis.set_background_name"), str(name).encode()))
        return self


class Combined:
    """Several experiments on one coupling, chi^2 summed (scan.h); see nutmm.combine."""

    def __init__(self, experiments_):
        where = "combine"
        exps = list(experiments_)
        if not exps or not all(isinstance(e, _Analysis) for e in exps):
            fail(lib.NUTMM_EINVAL, where, "needs a non-empty list of nutmm.experiment (or "
                 "nutmm.Analysis) objects")
        if len(exps) > 64:
            fail(lib.NUTMM_EBADLEN, where, "at most 64 experiments")
        self.experiments = tuple(exps)  # keeps their analyses alive
        self.flavors = tuple(f for f in exps[0].flavors if all(f in e.flavors for e in exps))
        if not self.flavors:
            fail(lib.NUTMM_EINVAL, where, "the experiments share no flavour")
        self._mix = exps[0]._mix

    def _coupling(self, where, flavor, ue4, umu4, lambdas, param, full):
        return _Coupling(where, self.flavors, self._mix, flavor, ue4, umu4, lambdas, param,
                         full)

    def chi2(self, m4, mu=None, flavor=None, ue4=0.0, umu4=0.0, lambdas=None, param="mu",
             full=False):
        """The combined profiled chi^2 (sum over the experiments) at (m4, mu), or at the
        fundamental TMMs lambdas (mu not needed; full=True: in full mode, as nutmm-scan's
        chi2_total)."""
        where = "Combined.chi2"
        cp = self._coupling(where, flavor, ue4, umu4, lambdas, param, full)
        if mu is None and not cp.fundamental:
            fail(lib.NUTMM_EINVAL, where, "chi2 needs mu (or lambdas)")
        mu = 0.0 if mu is None else real(mu, "mu", where)
        if not mu >= 0:
            fail(lib.NUTMM_EDOM, where, "mu = %g must be >= 0" % mu)
        an = ffi.new("nutmm_analysis *[]", [e._h for e in self.experiments])
        ws = ffi.new("nutmm_analysis_workspace *[]", [e._ws() for e in self.experiments])
        v = ffi.new("double *")
        check(lib.nutmm_combined_chi2(an, ws, len(self.experiments), real(m4, "m4", where),
                                      cp.make(mu), v))
        return v[0]

    def limit(self, m4, flavor=None, ue4=0.0, umu4=0.0, param="mu", lambdas=None, delta=None,
              band=False, one_sided=False, threads=1, full=False):
        """Upper limits of the summed chi^2 over m4 (own minimum at each m4), or with
        band=True allowed bands from the global minimum over the scanned points."""
        where = "Combined.limit"
        cp = self._coupling(where, flavor, ue4, umu4, lambdas, param, full)
        if cp.fundamental:
            fail(lib.NUTMM_EINVAL, where, "limit in fundamental mode needs param='lambda14', "
                 "'lambda24' or 'lambda34'")
        m4 = _m4_array(m4, where)
        return _scan(self.experiments, cp, m4, where, bool(band), False, delta, one_sided,
                     threads, None)


def experiment(name, **settings):
    """The shipped experiment `name` (a program's name: "xenon1t", "xenonnt", "coherent-csi",
    "coherent-lar", "texono", "cenns750", "cr51-cens", "cr51-lxe") with the program's --set
    settings by name (units of --help), and target=, config=, interference=, mixing=
    (a nutmm.Mixing: the programs' --th12 ... options)."""
    return Experiment(name, **settings)


def combine(experiments_):
    """A combined analysis: the experiments' chi^2 summed on one coupling (scan.h)."""
    return Combined(experiments_)


def combinations():
    """The named combinations: {name: (summary, member names)} ("current", "future")."""
    _require_experiments("combinations")
    out = {}
    for i in range(lib.nutmm_combination_count()):
        c = lib.nutmm_combination_at(i)
        out[_s(c.name)] = (_s(c.summary), _words(c.members))
    return out


def combination(spec, allow_excess=False, mixing=None, interference=True):
    """The experiments of spec combined (nutmm_combination_members, as nutmm-scan's
    `experiments SPEC`): a named combination ("current", "future") or a list of experiment
    names separated by spaces, commas or '+' ("coherent-csi+texono"), each built with its
    defaults, the oscillation parameters of mixing (a nutmm.Mixing) and the interference
    switch.  An experiment with an excess (XENON1T) is refused unless allow_excess."""
    where = "combination"
    _require_experiments(where)
    if not isinstance(spec, str):
        fail(lib.NUTMM_EINVAL, where, "spec must be a string, got %r" % (spec,))
    members = ffi.new("const nutmm_experiment *[]", lib.NUTMM_COMBINATION_MAX)
    n = ffi.new("size_t *")
    check(lib.nutmm_combination_members(spec.encode(), 1 if allow_excess else 0, members, n))
    return Combined([Experiment(_s(members[k].name), mixing=mixing, interference=interference)
                     for k in range(n[0])])
