"""Shared helpers of the Python tests (run by meson test with the build-tree package)."""
import unittest

import numpy as np

import nutmm
from nutmm import ffi, lib


def same_bits(a, b):
    """Arrays equal bit for bit (NaN payloads and signed zeros included)."""
    a, b = np.ascontiguousarray(a, dtype=np.float64), np.ascontiguousarray(b, dtype=np.float64)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def scalar_c(fn, *args):
    """Call a scalar C _e function whose last argument is a double * output."""
    v = ffi.new("double *")
    status = fn(*args, v)
    assert status == 0, ffi.string(lib.nutmm_error_reason()).decode()
    return v[0]


class TestCase(unittest.TestCase):
    def assertBits(self, a, b):
        self.assertTrue(same_bits(a, b), "not bit-identical:\n%r\n%r" % (a, b))

    def assertNutmmError(self, fn, *args, status=None, match=None, **kw):
        with self.assertRaises(nutmm.Error) as cm:
            fn(*args, **kw)
        if status is not None:
            self.assertEqual(cm.exception.status, status, cm.exception.reason)
        if match is not None:
            self.assertIn(match, cm.exception.reason)
        return cm.exception
