"""Assign values to quantiles (e.g. deprivation deciles) as PHEindicatormethods ``phe_quantile``."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from thlib.errors import StatsInputError
from thlib.stats import _validate as v

__all__ = ["quantiles"]


def quantiles(values: object, n: int = 10, highest_first: bool = False) -> pd.Series:
    """Assign each value to one of ``n`` quantiles by the PHE rule.

    With ``N`` non-missing values ranked in ascending order (ties share the
    lowest rank, R's ``ties.method = "min"``)::

        quantile = floor((n + 1) - ceiling(((N + 1) - rank) / (N / n)))

    and 0 is set to 1 (the arithmetic is done in the same order as the R code,
    so floating-point rounding matches too). When ``N`` is not a multiple of
    ``n`` the quantile sizes differ by one (e.g. 7 values in tertiles give 3,
    2, 2). Tied values always share a quantile, which can make neighbouring
    quantiles uneven; PHE advises reviewing ties that straddle a boundary.

    Parameters
    ----------
    values : array-like
        Numbers; missing values (NaN/None) get no quantile.
    n : int, default 10
        Number of quantiles (10 = deciles, 5 = quintiles).
    highest_first : bool, default False
        False: quantile 1 holds the lowest values. True: quantile 1 holds the
        highest values (PHEindicatormethods' default ``invert = TRUE``; e.g. IMD
        score with 1 = most deprived).

    Returns
    -------
    pandas.Series
        Nullable integers (``Int64``) named "quantile", aligned with the input
        (keeping a Series' index). If there are fewer non-missing values than
        ``n`` every quantile is missing and a warning is issued, as in the R
        package.

    Raises
    ------
    thlib.errors.StatsInputError
        ``n`` not a whole number of at least 1, ``highest_first`` not a bool, or a
        non-numeric value.

    Warns
    -----
    UserWarning
        When there are fewer non-missing values than quantiles.

    References
    ----------
    Public Health England (2017). Technical guide: assigning deprivation
    categories. Fingertips supporting information.
    PHEindicatormethods (R package), ``phe_quantile``.

    Examples
    --------
    Seven values in tertiles: ``(8 - rank) / (7/3)`` is 3, 2.57, 2.14, 1.71, 1.29,
    0.86 and 0.43, whose ceilings 3, 3, 3, 2, 2, 1, 1 give tertiles 1, 1, 1, 2, 2, 3,
    3 (hand calculation); a missing value gets none:

    >>> quantiles([1, 2, 3, 4, 5, 6, 7, None], n=3).tolist()
    [1, 1, 1, 2, 2, 3, 3, <NA>]
    >>> quantiles([1, 2, 3, 4, 5, 6, 7], n=3, highest_first=True).tolist()
    [3, 3, 2, 2, 1, 1, 1]
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise StatsInputError(f"n is {n!r}: give a whole number of quantiles, e.g. 10 or 5")
    if not isinstance(highest_first, bool | np.bool_):
        raise StatsInputError(f"highest_first is {highest_first!r}: give True or False")
    x = v.as_array(values, "values", allow_nan=True)
    index = values.index if isinstance(values, pd.Series) else None
    out = pd.Series(pd.array([pd.NA] * len(x), dtype="Int64"), index=index, name="quantile")
    ok = ~np.isnan(x)
    count = int(ok.sum())
    if count < n:
        warnings.warn(
            f"only {count} non-missing values for {n} quantiles: no quantiles assigned",
            stacklevel=2,
        )
        return out
    adjusted = -x[ok] if highest_first else x[ok]
    rank = rankdata(adjusted, method="min")
    q = np.floor((n + 1) - np.ceil(((count + 1) - rank) / (count / n)))
    q[q == 0] = 1
    values_out = out.to_numpy(dtype=object)
    values_out[ok] = q.astype(int)
    out[:] = pd.array(values_out, dtype="Int64")
    return out
