"""Shared input validation for :mod:`thlib.stats`.

Every check raises :class:`thlib.errors.StatsInputError` with a message that
names the argument, gives the offending position (counting from 0, as
``Series.iloc`` does) and value, and says what to do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.stats import norm

from thlib.errors import StatsInputError

__all__ = [
    "as_array",
    "check_choice",
    "check_confidence",
    "check_integer",
    "check_multiplier",
    "check_nonnegative",
    "check_not_above",
    "check_positive",
    "confidence_label",
    "fmt",
    "interval_columns",
    "match_lengths",
    "multiplier_text",
    "single_confidence",
    "z_value",
]


def fmt(x: float) -> str:
    """Format a number for an error message (12 not 12.0, 0.998 not 0.99800)."""
    if isinstance(x, float | np.floating):
        return str(int(x)) if float(x).is_integer() else f"{x:g}"
    return str(x)


def as_array(values: object, name: str, *, allow_nan: bool = False) -> np.ndarray:
    """Return ``values`` (a scalar or array-like) as a 1-D float array.

    Raises if a value is not numeric, is infinite, or is missing (NaN/None)
    unless ``allow_nan`` is true.
    """
    if isinstance(values, str | bytes):
        raise StatsInputError(
            f"{name} must be a number or a list of numbers, not the text {values!r}"
        )
    arr = np.asarray(values)
    if arr.dtype.kind in "iuf":
        out = arr.astype(float).reshape(-1)
    else:
        raw = np.asarray(values, dtype=object).reshape(-1)  # keep the original types
        out = np.empty(raw.shape, dtype=float)
        for i, v in enumerate(raw):
            if v is None or v is pd.NA:
                out[i] = np.nan
            elif isinstance(v, bool | np.bool_) or not isinstance(
                v, int | float | np.integer | np.floating
            ):
                raise StatsInputError(
                    f"{name} (position {i}) is {v!r}, which is not a number: give numbers only",
                    position=i,
                )
            else:
                out[i] = float(v)
    bad = np.flatnonzero(np.isnan(out)) if not allow_nan else np.array([], dtype=int)
    if bad.size:
        raise StatsInputError(
            f"{name} (position {bad[0]}) is missing (NaN): fill it in or drop that row first",
            position=int(bad[0]),
        )
    inf = np.flatnonzero(np.isinf(out))
    if inf.size:
        raise StatsInputError(f"{name} (position {inf[0]}) is infinite: give a finite number",
                              position=int(inf[0]))
    return out


def match_lengths(**arrays: np.ndarray) -> dict[str, np.ndarray]:
    """Broadcast length-1 arrays to the common length; raise on any other mismatch."""
    lengths = {k: len(v) for k, v in arrays.items()}
    target = max(lengths.values())
    for k, n in lengths.items():
        if n not in (1, target):
            longest = max(lengths, key=lengths.__getitem__)
            raise StatsInputError(
                f"{k} has {n} values but {longest} has {target}: give one value per row "
                "(or a single value to use for every row)"
            )
    return {k: np.broadcast_to(v, (target,)).copy() for k, v in arrays.items()}


def check_nonnegative(arr: np.ndarray, name: str) -> None:
    """Raise if any value is below zero."""
    bad = np.flatnonzero(arr < 0)
    if bad.size:
        i = bad[0]
        raise StatsInputError(f"{name} (position {i}) is {fmt(arr[i])}: counts cannot be negative",
                              position=int(i))


def check_positive(arr: np.ndarray, name: str) -> None:
    """Raise if any value is zero or below."""
    bad = np.flatnonzero(arr <= 0)
    if bad.size:
        i = bad[0]
        raise StatsInputError(
            f"{name} (position {i}) is {fmt(arr[i])}: it must be greater than zero "
            "(drop rows with no population or sample)", position=int(i)
        )


def check_integer(arr: np.ndarray, name: str) -> None:
    """Raise if any value is not a whole number."""
    bad = np.flatnonzero(arr != np.round(arr))
    if bad.size:
        i = bad[0]
        raise StatsInputError(
            f"{name} (position {i}) is {fmt(arr[i])}: counts must be whole numbers",
            position=int(i),
        )


def check_not_above(num: np.ndarray, den: np.ndarray, num_name: str, den_name: str) -> None:
    """Raise if a numerator is above its denominator."""
    bad = np.flatnonzero(num > den)
    if bad.size:
        i = bad[0]
        raise StatsInputError(
            f"{num_name} (position {i}) is {fmt(num[i])}, above its {den_name} {fmt(den[i])}: "
            f"a proportion needs {num_name} <= {den_name}", position=int(i)
        )


def check_confidence(confidence: float | Sequence[float]) -> tuple[tuple[float, ...], bool]:
    """Validate one confidence level or a list of them.

    Returns the levels and whether a list was given (which changes the output
    column names, as in PHEindicatormethods).
    """
    levels: list[object]
    if isinstance(confidence, Iterable) and not isinstance(confidence, str | bytes):
        many, levels = True, list(confidence)
    else:
        many, levels = False, [confidence]
    if not levels:
        raise StatsInputError("confidence is an empty list: give e.g. 0.95 or [0.95, 0.998]")
    out = []
    for c in levels:
        if isinstance(c, bool) or not isinstance(c, int | float | np.integer | np.floating):
            raise StatsInputError(f"confidence must be a number such as 0.95, not {c!r}")
        c = float(c)
        if not (0 < c < 1) or math.isnan(c):
            hint = f" (did you mean {fmt(c / 100)}?)" if 1 < c < 100 else ""
            raise StatsInputError(
                f"confidence is {fmt(c)}: it must be strictly between 0 and 1, "
                f"e.g. 0.95 or 0.998{hint}"
            )
        out.append(c)
    if len(set(out)) != len(out):
        raise StatsInputError(f"confidence lists the same level twice: {out}")
    return tuple(out), many


def single_confidence(confidence: float) -> float:
    """Validate one confidence level in (0, 1) (no list)."""
    levels, many = check_confidence(confidence)
    if many:
        raise StatsInputError(
            f"confidence is {list(levels)}: this function takes a single level such as 0.95"
        )
    return levels[0]


def check_multiplier(multiplier: float) -> float:
    """Validate a positive, finite multiplier (e.g. 100 or 100000)."""
    ok = isinstance(multiplier, int | float | np.integer | np.floating) and not isinstance(
        multiplier, bool
    )
    if not ok or not math.isfinite(multiplier) or multiplier <= 0:
        raise StatsInputError(
            f"multiplier is {multiplier!r}: give a positive number such as 1, 100 or 100000"
        )
    return float(multiplier)


def check_choice(value: object, name: str, choices: Sequence[object]) -> None:
    """Raise unless ``value`` is one of ``choices``."""
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise StatsInputError(f"{name} is {value!r}: use one of {allowed}")


def z_value(confidence: float) -> float:
    """Two-sided standard normal quantile, ``qnorm(confidence + (1 - confidence) / 2)``."""
    return float(norm.ppf(confidence + (1 - confidence) / 2))


def confidence_label(levels: Sequence[float]) -> str:
    """Label like PHEindicatormethods: ``"95%"`` or ``"95%, 99.8%"``."""
    return ", ".join(f"{round(c * 100, 10):g}%" for c in levels)


def interval_columns(level: float, many: bool) -> tuple[str, str]:
    """Names of the lower/upper columns: ``lower``/``upper`` or ``lower95_0cl``/``upper95_0cl``."""
    if not many:
        return "lower", "upper"
    tag = f"{round(level * 100, 10):.1f}".replace(".", "_")
    return f"lower{tag}cl", f"upper{tag}cl"


def multiplier_text(multiplier: float) -> str:
    """``100000.0`` -> ``"100000"``; ``0.5`` -> ``"0.5"``."""
    return str(int(multiplier)) if float(multiplier).is_integer() else f"{multiplier:g}"


def periods(period: object, length: int, against: str) -> np.ndarray:
    """Return the time of each of ``length`` rows: ``period`` checked, or 0, 1, 2, ...

    Raises StatsInputError if ``period`` is not one number per row (``against`` names the
    argument it must match) or repeats a value.
    """
    if period is None:
        return np.arange(length, dtype=float)
    t = as_array(period, "period")
    if len(t) != length:
        raise StatsInputError(f"period has {len(t)} values but {against} has {length}: give one "
                              "period per row")
    if len(np.unique(t)) != len(t):
        raise StatsInputError("period has repeated values: give one row per period")
    return t
