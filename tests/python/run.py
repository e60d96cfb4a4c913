"""Run one Python test file for meson test: exit 0 (pass), 1 (fail) or 77 (skipped).

In a sanitizer build the extension module is linked with the ASan runtime, which must be
the first library of the process: python3 itself is not instrumented, so the tests skip
unless the runtime is preloaded (LD_PRELOAD, as .ci/run does)."""
import os
import runpy
import sys

if os.environ.get("NUTMM_SANITIZE", "none") not in ("none", "") and \
        "asan" not in os.environ.get("LD_PRELOAD", "") and \
        "address" in os.environ.get("NUTMM_SANITIZE", ""):
    print("skipped: sanitizer build without the ASan runtime preloaded into python3")
    sys.exit(77)

sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
