"""Means with Student's t confidence intervals (as PHEindicatormethods ``phe_mean``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import t

from thlib.errors import StatsInputError
from thlib.stats import _validate as v

__all__ = ["mean"]


def mean(values: object, confidence: float | Sequence[float] = 0.95) -> pd.DataFrame:
    """Mean of a set of values with a Student's t confidence interval.

    As PHEindicatormethods ``phe_mean``: ``value +/- |qt((1 - confidence)/2,
    n - 1)| * sd / sqrt(n)``, with ``sd`` the sample standard deviation
    (divisor n - 1).

    Parameters
    ----------
    values : array-like
        At least two numbers, none missing.
    confidence : float or sequence of float, default 0.95
        Two-sided level in (0, 1). A list gives ``lower95_0cl``-style columns.

    Returns
    -------
    pandas.DataFrame
        One row: ``value`` (the mean), ``lower``, ``upper``, ``n``, ``sd``,
        ``sum``, ``confidence``, ``statistic`` ("mean") and ``method``
        ("Student's t-distribution").

    Raises
    ------
    thlib.errors.StatsInputError
        Fewer than two values, a missing or non-numeric value, or a confidence
        level outside (0, 1).

    References
    ----------
    Student (1908). The probable error of a mean. Biometrika 6:1-25.
    Fox S et al. PHEindicatormethods (R package), ``phe_mean``.

    Examples
    --------
    The PHEindicatormethods introductory vignette gives 59.5 (29.45637 to 89.54363):

    >>> out = mean([68, 86, 18, 29, 99, 74, 8, 94])
    >>> out[["value", "lower", "upper", "n"]].round(4)
       value    lower    upper  n
    0   59.5  29.4564  89.5436  8

    By hand: 2, 4 and 6 have mean 4 and standard deviation 2; t tables give
    4.303 (95%) and 22.327 (99.8%) on 2 degrees of freedom, so the limits are
    ``4 -/+ 4.303 * 2 / sqrt(3)`` and ``4 -/+ 22.327 * 2 / sqrt(3)``:

    >>> mean([2, 4, 6], confidence=[0.95, 0.998]).iloc[0, 1:5].astype(float).round(2).tolist()
    [-0.97, 8.97, -21.78, 29.78]
    """
    levels, many = v.check_confidence(confidence)
    x = v.as_array(values, "values")
    if len(x) < 2:
        raise StatsInputError(
            f"values has {len(x)} number(s): a mean with a confidence interval needs at least 2"
        )
    n = len(x)
    value = x.mean()
    sd = x.std(ddof=1)
    row: dict[str, object] = {"value": value}
    for level in levels:
        lo, hi = v.interval_columns(level, many)
        half = abs(t.ppf((1 - level) / 2, n - 1)) * sd / np.sqrt(n)
        row[lo] = value - half
        row[hi] = value + half
    row.update(
        n=n,
        sd=sd,
        sum=x.sum(),
        confidence=v.confidence_label(levels),
        statistic="mean",
        method="Student's t-distribution",
    )
    return pd.DataFrame([row])
