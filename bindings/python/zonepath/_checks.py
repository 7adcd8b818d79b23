"""Argument checks shared by the wrappers: numbers are taken as given or refused, never
converted (``int("10")`` or ``int(1.5)`` would quietly accept a string or drop a fraction).
The ranges themselves are checked by the library, for the CLI and Python alike."""
import math
import numbers
from typing import Any


def whole(value: Any, name: str) -> int:
    """An int (or an object with __index__, such as numpy.int64); bool, str and float raise
    TypeError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) and not hasattr(value, "__index__"):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    return value.__index__()


def number(value: Any, name: str) -> float:
    """A finite int or float (numpy scalars too); bool and str raise TypeError, NaN and the
    infinities ValueError."""
    if isinstance(value, (bool, str, bytes)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return result


def seed_value(value: Any) -> int:
    """A Monte Carlo seed: an int within 0 .. 2**64 - 1, as the CLI's --seed (a negative or
    larger seed would otherwise surface as pybind11's "incompatible function arguments")."""
    result = whole(value, "seed")
    if not 0 <= result < 1 << 64:
        raise ValueError(f"seed must be within 0 .. {(1 << 64) - 1}, got {result}")
    return result
