"""nutmm -- Python binding of libnutmm (neutrino transition magnetic moments to a sterile
nu_4, arXiv:2109.09545).

Built with cffi in API mode against the installed headers: every public C function is
reachable as nutmm.lib.<name> (with nutmm.ffi), and the Pythonic layer below wraps the
chain mixing/TMM -> targets and form factors -> cross sections -> fluxes x detector ->
rates -> likelihoods.  numpy arrays in and out, broadcasting; the C calls release the GIL;
errors raise nutmm.Error with the library's chained reason.

    import nutmm
    mix, lam = nutmm.Mixing(), nutmm.TMM().set(1, 4, 1e-10)
    mu2 = nutmm.mueff2(mix, lam, "nu_e").total                      # mu_B^2, eq. (6)
    E, T = 1.0, np.geomspace(1e-3, 0.5, 100)                        # MeV
    ds = nutmm.dipole_electron(E, T, 0.1, "Xe") * mu2              # cm^2/MeV, eq. (19)

The shipped analyses by name (libnutmm-experiments, built with -Dexamples=true):

    xe = nutmm.experiment("xenon1t")
    band = xe.limit(np.geomspace(1e-3, 0.3, 100), flavor="e")     # the CLI's limit columns
    both = nutmm.combine([xe, nutmm.experiment("coherent-csi")])   # chi^2 summed
    cur = nutmm.combination("current")                              # as nutmm-scan
    cur.chi2(0.01, lambdas={14: 1e-11, 24: (5e-12, 90)}, full=True) # full coupling
"""
from ._nutmm import ffi, lib
from ._core import Error, strerror
from . import units
from .tmm import (Mixing, TMM, MuEff, TmmTable, mueff2, amplitudes, interference, mueff2_eq78,
                  mueff2_eq910, mueff2_blockB, tmm_table, table_rows, mueff2_solar,
                  mueff2_solar_pei)
from .target import Nucleus, Atom, Target
from .xsec import (XsecOptions, cevns, ees, dipole_nucleus, dipole_electron, int_electron,
                   int_nucleus, weak_charge, formfactor, formfactor_T, kin_tmax, kin_threshold,
                   kin_emin, kin_recoil_range)
from .flux import (Flux, FluxComponent, Cr51Summary, ReactorYield, point_source,
                   cylinder_average, decays)
from .detector import Detector, Response, lindhard_k
from .rate import Rate
from .stats import Chi2, Interval, delta_chi2, DCHI2_90CL_1DOF, DCHI2_90CL_2DOF
from .analysis import (experiment, experiments, combine, combination, combinations, grid_log,
                       Experiment, Analysis, Combined)

# status codes (error.h)
SUCCESS, FAILURE = lib.NUTMM_SUCCESS, lib.NUTMM_FAILURE
EDOM, ERANGE, EFAULT, EINVAL = lib.NUTMM_EDOM, lib.NUTMM_ERANGE, lib.NUTMM_EFAULT, lib.NUTMM_EINVAL
EFAILED, ENOMEM, EMAXITER, ETOL = (lib.NUTMM_EFAILED, lib.NUTMM_ENOMEM, lib.NUTMM_EMAXITER,
                                   lib.NUTMM_ETOL)
EBADLEN, ENOTFOUND, EIO, EFORMAT = (lib.NUTMM_EBADLEN, lib.NUTMM_ENOTFOUND, lib.NUTMM_EIO,
                                    lib.NUTMM_EFORMAT)
ENOTUNITARY = lib.NUTMM_ENOTUNITARY


def version():
    """The version of the loaded libnutmm, "MAJOR.MINOR.PATCH"."""
    return ffi.string(lib.nutmm_version()).decode()


def version_info():
    """(major, minor, patch) of the loaded libnutmm."""
    v = ffi.new("int[3]")
    lib.nutmm_version_numbers(v, v + 1, v + 2)
    return tuple(v)


__version__ = "%d.%d.%d" % (lib.NUTMM_VERSION_MAJOR, lib.NUTMM_VERSION_MINOR,
                            lib.NUTMM_VERSION_PATCH)


def _check_library():
    """The binding was compiled against headers of version __version__; refuse a library of
    another version, or one whose public structs differ from what cffi compiled."""
    if version() != __version__:
        raise ImportError("nutmm: the binding was built for libnutmm %s but loaded %s"
                          % (__version__, version()))
    size = ffi.new("size_t *")
    for i in range(lib.nutmm_struct_count()):
        name = ffi.string(lib.nutmm_struct_name(i)).decode()
        if lib.nutmm_struct_size(name.encode(), size) != 0:
            raise ImportError("nutmm: nutmm_struct_size(%s) failed" % name)
        if size[0] != ffi.sizeof(name):
            raise ImportError("nutmm: struct %s has %d bytes in the library, %d in the binding"
                              % (name, size[0], ffi.sizeof(name)))
    # the companion library's structs (nutmm.experiment), when it is bound
    for name in ("nutmm_exp_setting", "nutmm_exp_options", "nutmm_experiment",
                 "nutmm_combination"):
        if not hasattr(lib, "nutmm_experiment_struct_size"):
            break
        if lib.nutmm_experiment_struct_size(name.encode(), size) != 0 or \
                size[0] != ffi.sizeof(name):
            raise ImportError("nutmm: struct %s differs between libnutmm-experiments and the "
                              "binding" % name)
    # the array calls reinterpret numpy buffers as these structs
    if ffi.sizeof("nutmm_tmm") != 6 * 16 or ffi.sizeof("nutmm_mueff") != 3 * 8:
        raise ImportError("nutmm: unexpected layout of nutmm_tmm / nutmm_mueff")


_check_library()
