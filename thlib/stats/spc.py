"""Statistical process control: XmR chart calculations with NHS "Making Data Count" rules.

Rule set (NHS England / NHS Improvement "Making Data Count", as implemented in
the NHS-R Community package NHSRplotthedots):

* outside limits - a point above the upper or below the lower process limit,
  mean +/- 2.66 x mean moving range;
* shift - a run of 7 or more consecutive points all above, or all below, the
  mean (a point on the mean breaks the run);
* trend - a run of 7 or more consecutive points each higher (or each lower)
  than the one before (a repeated value breaks the run). Making Data Count and
  NHSRplotthedots use 7 for both shift and trend; older guidance (and the IHI
  run-chart rules) use 6 - set ``trend_length=6`` for that;
* two of three - two out of three consecutive points beyond 2 sigma (mean +/-
  2/3 x 2.66 x mean moving range) on the same side of the mean; the points
  beyond 2 sigma are flagged (points outside the limits count as beyond 2 sigma).

A special-cause point is an "improvement" or "concern" according to which side
of the mean it is on (for a trend: the direction of the trend) and the
improvement direction; with no direction it is "neither".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from thlib.errors import StatsInputError
from thlib.stats import _validate as v

__all__ = ["xmr"]

LIMIT = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of 2
_RULES = ("outside limits", "two of three", "shift", "trend")  # precedence for direction


def _runs(flags: np.ndarray, length: int) -> np.ndarray:
    """Mark every element of each run of True of at least ``length``."""
    out = np.zeros(len(flags), dtype=bool)
    start = None
    for i, f in enumerate(np.append(flags, False)):
        if f and start is None:
            start = i
        elif not f and start is not None:
            if i - start >= length:
                out[start:i] = True
            start = None
    return out


def _trend(y: np.ndarray, length: int, sign: int) -> np.ndarray:
    """Points in runs of ``length`` points each moving in direction ``sign`` (+1/-1)."""
    step = np.sign(np.diff(y)) == sign  # step i links points i and i+1
    steps = _runs(step, length - 1)
    out = np.zeros(len(y), dtype=bool)
    out[:-1] |= steps
    out[1:] |= steps
    return out


def _two_of_three(beyond: np.ndarray) -> np.ndarray:
    out = np.zeros(len(beyond), dtype=bool)
    for i in range(len(beyond) - 2):
        window = beyond[i : i + 3]
        if window.sum() >= 2:
            out[i : i + 3] |= window
    return out


def xmr(
    values: object,
    x: object = None,
    improvement: str | None = None,
    baseline: int | None = None,
    shift_length: int = 7,
    trend_length: int = 7,
    screen_outliers: bool = False,
) -> pd.DataFrame:
    """XmR (individuals and moving range) chart calculations with special-cause rules.

    Parameters
    ----------
    values : array-like
        The measurements in time order (no missing values, at least 2).
    x : array-like, optional
        Labels for the points (e.g. dates); default 0, 1, 2, ... or the index
        of a pandas Series.
    improvement : {None, "increase", "decrease"}
        Direction of improvement; None classifies special causes as "neither".
    baseline : int, optional
        Compute mean and limits from the first ``baseline`` points only and
        extend them (Making Data Count advises at least 15-20 points).
    shift_length, trend_length : int, default 7
        Run lengths for the shift and trend rules (see the module docstring).
    screen_outliers : bool, default False
        Drop moving ranges above 3.267 x the mean moving range before computing
        the limits (NHSRplotthedots option; the upper range limit of Wheeler).

    Returns
    -------
    pandas.DataFrame
        One row per point: ``x``, ``value``, ``mean``, ``lower_limit``,
        ``upper_limit``, ``moving_range``, ``special_cause`` (bool), ``rule``
        (the rules triggered, "; "-separated, "" if none) and ``variation``
        ("common cause", "special cause improvement", "special cause concern"
        or "special cause neither").

    Raises
    ------
    thlib.errors.StatsInputError
        Fewer than 2 values, a missing or non-numeric value, an unknown
        improvement direction, run lengths below 2, a baseline outside 2 to the
        number of points, or labels ``x`` of another length.

    References
    ----------
    NHS England and NHS Improvement (2019). Making data count: strengthening your
    decisions; and Making data count: getting started.
    Wheeler DJ (2000). Understanding variation: the key to managing chaos, 2nd edn.
    SPC Press, Knoxville.
    NHS-R Community. NHSRplotthedots (R package), ``ptd_spc``.
    Flowers J (2007). Statistical process control methods in public health
    intelligence. APHO Technical Briefing 2.

    Examples
    --------
    A baseline of 10 points with mean 11.4 and mean moving range 11 / 9, so limits
    ``11.4 -/+ 2.66 * 11 / 9``, 8.1489 to 14.6511 (hand calculation); a new point
    of 15 is above the upper limit:

    >>> values = [10, 12, 11, 13, 12, 11, 10, 12, 12, 11, 15]
    >>> out = xmr(values, improvement="increase", baseline=10)
    >>> out.loc[0, ["mean", "lower_limit", "upper_limit"]].astype(float).round(4).tolist()
    [11.4, 8.1489, 14.6511]
    >>> out.loc[10, ["rule", "variation"]].tolist()
    ['outside limits', 'special cause improvement']
    >>> int(out["special_cause"].sum())
    1
    """
    v.check_choice(improvement, "improvement", (None, "increase", "decrease"))
    y = v.as_array(values, "values")
    if len(y) < 2:
        raise StatsInputError(f"values has {len(y)} point(s): an XmR chart needs at least 2")
    for name, k in (("shift_length", shift_length), ("trend_length", trend_length)):
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 2:
            raise StatsInputError(f"{name} is {k!r}: give a whole number of at least 2")
    if baseline is not None and (
        isinstance(baseline, bool)
        or not isinstance(baseline, int | np.integer)
        or not 2 <= baseline <= len(y)
    ):
        raise StatsInputError(
            f"baseline is {baseline!r}: give a whole number of points between 2 and {len(y)}"
        )
    if x is None:
        labels = values.index.to_numpy() if isinstance(values, pd.Series) else np.arange(len(y))
    else:
        labels = np.asarray(x).reshape(-1)
        if len(labels) != len(y):
            raise StatsInputError(f"x has {len(labels)} labels but values has {len(y)} points")

    base = y[: baseline or len(y)]
    centre = base.mean()
    base_mr = np.abs(np.diff(base))
    mr_bar = base_mr.mean()
    if screen_outliers and mr_bar > 0:
        mr_bar = base_mr[base_mr < 3.267 * mr_bar].mean()
    lower, upper = centre - LIMIT * mr_bar, centre + LIMIT * mr_bar
    near = 2 * LIMIT / 3 * mr_bar
    side = np.sign(y - centre)

    trend_up, trend_down = _trend(y, trend_length, 1), _trend(y, trend_length, -1)
    fired = {
        "outside limits": (y > upper) | (y < lower),
        "two of three": _two_of_three(y > centre + near) | _two_of_three(y < centre - near),
        "shift": _runs(side > 0, shift_length) | _runs(side < 0, shift_length),
        "trend": trend_up | trend_down,
    }
    special = np.zeros(len(y), dtype=bool)
    direction = np.zeros(len(y))
    for rule in _RULES:  # first rule in precedence order sets the direction
        new = fired[rule] & ~special
        rule_dir = np.where(trend_up, 1.0, -1.0) if rule == "trend" else side
        direction[new] = rule_dir[new]
        special |= fired[rule]
    rule_text = [
        "; ".join(r for r in ("outside limits", "shift", "trend", "two of three") if fired[r][i])
        for i in range(len(y))
    ]
    if improvement is None:
        variation = np.where(special, "special cause neither", "common cause")
    else:
        good = direction > 0 if improvement == "increase" else direction < 0
        variation = np.select(
            [~special, good],
            ["common cause", "special cause improvement"],
            default="special cause concern",
        )
    return pd.DataFrame(
        {
            "x": labels,
            "value": y,
            "mean": centre,
            "lower_limit": lower,
            "upper_limit": upper,
            "moving_range": np.concatenate([[np.nan], np.abs(np.diff(y))]),
            "special_cause": special,
            "rule": rule_text,
            "variation": variation,
        }
    )
