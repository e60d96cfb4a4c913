"""Units and constants of include/nutmm/units.h (and the other headers' numeric macros),
without the NUTMM_ prefix: nutmm.units.KEV, nutmm.units.MU_B, nutmm.units.SIN2W_DEFAULT, ...
The values come from the C headers at build time (the compiler evaluates each macro)."""
from ._nutmm import lib as _lib


def _export():
    g = globals()
    for name in dir(_lib):
        if name.startswith("NUTMM_"):
            v = getattr(_lib, name)
            if isinstance(v, (int, float)) and not callable(v):
                g[name[len("NUTMM_"):]] = v


_export()
del _export
