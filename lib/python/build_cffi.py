#!/usr/bin/env python3
"""Generate the C source of the nutmm._nutmm extension module (cffi API mode).

Run by meson at build time:

    build_cffi.py OUTPUT.c CC [CC args...] -- INCLUDE_DIR... 

The declarations cffi needs are not written by hand: the umbrella header nutmm/nutmm.h is
run through the C preprocessor (with stubs of the standard headers, whose types cffi knows
natively, and without GCC attributes), static inline helpers are dropped, and the result is given to
cffi.  Numeric macros (NUTMM_KEV, NUTMM_FLUX_ANY, ...) of the headers become constants
whose values the compiler supplies.  The generated module is then compiled against the
same headers, so the compiler checks every function and struct the binding sees, and
every public function of libnutmm is reachable from Python as nutmm._nutmm.lib.<name>.
"""
import os
import re
import subprocess
import sys
import tempfile

import cffi


def strip_static_inline(src):
    """Remove `static inline ... { ... }` definitions (cffi declares no bodies)."""
    out, i = [], 0
    while True:
        j = src.find("static inline", i)
        if j < 0:
            out.append(src[i:])
            return "".join(out)
        out.append(src[i:j])
        k, depth = src.index("{", j), 0
        while True:
            if src[k] == "{":
                depth += 1
            elif src[k] == "}":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        i = k + 1


# The standard headers a public header may include, as stubs: cffi knows their types
# natively (size_t, int64_t, bool, FILE, ...), so only macros that change
# declarations need a definition.
STD_STUBS = {name: "" for name in ("stddef.h", "stdint.h", "stdbool.h", "stdio.h", "stdlib.h",
                                   "string.h", "limits.h", "float.h", "math.h")}
STD_STUBS["complex.h"] = "#define complex _Complex\n"

DEFINE = re.compile(r"^#define\s+(NUTMM_\w+)\s+(.+?)\s*(?:/\*.*)?$")


def numeric_macros(include_dirs):
    """(name, 'int' | 'double') for every object-like numeric NUTMM_ macro."""
    values, kinds = {}, []
    for d in include_dirs:
        hdir = os.path.join(d, "nutmm")
        if not os.path.isdir(hdir):
            continue
        for name in sorted(os.listdir(hdir)):
            if not name.endswith(".h"):
                continue
            with open(os.path.join(hdir, name), encoding="utf-8") as f:
                for line in f:
                    m = DEFINE.match(line.strip())
                    if not m or m.group(1) in values:
                        continue
                    expr = m.group(2).split("//")[0].strip()
                    try:
                        v = eval(expr, {"__builtins__": {}}, dict(values))
                    except Exception:
                        continue  # strings, function-like or non-numeric macros
                    if isinstance(v, bool) or not isinstance(v, (int, float)):
                        continue
                    values[m.group(1)] = v
                    kinds.append((m.group(1), "int" if isinstance(v, int) else "double"))
    return kinds


def main(argv):
    out_c = argv[1]
    sep = argv.index("--")
    cc = argv[2:sep]
    include_dirs = argv[sep + 1:]
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in STD_STUBS.items():
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text)
        cmd = cc + ["-E", "-P", "-nostdinc", "-I" + tmp]
        cmd += ["-I" + d for d in include_dirs]
        cmd += ["-U__GNUC__", "-D__attribute__(x)=", "-x", "c", "-"]
        pre = subprocess.run(cmd, input='#include "nutmm/nutmm.h"\n', capture_output=True,
                             text=True, check=True).stdout
    cdef = strip_static_inline(pre)
    consts = []
    for name, kind in numeric_macros(include_dirs):
        consts.append("#define %s ..." % name if kind == "int"
                      else "static const double %s;" % name)
    # Python implementations of the library's user hooks (nutmm._core): one for the
    # one-variable maps (quenching, resolution, efficiency), one for form factors.
    hooks = [
        'extern "Python" int _nutmm_py_map(double, void *, double *);',
        'extern "Python" int _nutmm_py_ff(double, const nutmm_nucleus *, nutmm_ff_nucleon,'
        ' void *, double *);',
    ]
    ffi = cffi.FFI()
    ffi.cdef(cdef + "\n" + "\n".join(consts + hooks) + "\n")
    ffi.set_source("nutmm._nutmm", '#include "nutmm/nutmm.h"\n')
    ffi.emit_c_code(out_c)


if __name__ == "__main__":
    main(sys.argv)
