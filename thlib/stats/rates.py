"""Crude rates (Byar's / exact Poisson limits) and directly standardised rates (Dobson).

Follows PHEindicatormethods ``phe_rate`` and ``calculate_dsr``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import chi2

from thlib.errors import StatsInputError
from thlib.stats import _validate as v

__all__ = [
    "ESP2013",
    "ESP2013_AGE_BANDS",
    "byars_lower",
    "byars_upper",
    "dsr",
    "exact_lower",
    "exact_upper",
    "rate",
]

#: 2013 European Standard Population (Eurostat 2013), 19 five-year bands, sums to 100,000.
ESP2013 = np.array(
    [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
     7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000],
    dtype=float,
)  # fmt: skip
#: Labels of the :data:`ESP2013` bands: "0-4", "5-9", ..., "85-89", "90+".
ESP2013_AGE_BANDS = tuple(f"{a}-{a + 4}" for a in range(0, 90, 5)) + ("90+",)

#: Counts below this use exact limits in :func:`rate`; DSRs are not given below it.
SMALL_COUNT = 10


def _counts(count: object) -> np.ndarray:
    x = v.as_array(count, "count")
    v.check_nonnegative(x, "count")
    return x


def byars_lower(count: object, confidence: float = 0.95) -> np.ndarray:
    """Byar's approximation to the lower exact Poisson limit of a count.

    ``x * (1 - 1/(9x) - z/(3*sqrt(x)))^3``; a negative result (tiny counts,
    very high confidence) is returned as NaN, as PHEindicatormethods does.

    Parameters
    ----------
    count : array-like or scalar
        Observed events, each >= 0 and not missing.
    confidence : float, default 0.95
        Two-sided confidence level in (0, 1).

    Returns
    -------
    numpy.ndarray
        Lower limits of the counts (divide by the denominator for a rate).

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing counts, or a confidence level outside (0, 1).

    See Also
    --------
    byars_upper, exact_lower, rate

    References
    ----------
    Breslow NE, Day NE (1987). Statistical methods in cancer research, volume II:
    the design and analysis of cohort studies. IARC, Lyon.

    Examples
    --------
    65 events: ``65 * (1 - 1/585 - 1.959964/(3*sqrt(65)))^3 = 65 * 0.9172561^3``
    (hand calculation):

    >>> byars_lower(65).round(4)
    array([50.1632])
    """
    level = v.single_confidence(confidence)
    x = _counts(count)
    z = v.z_value(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
    return np.where(out < 0, np.nan, out)


def byars_upper(count: object, confidence: float = 0.95) -> np.ndarray:
    """Byar's approximation to the upper exact Poisson limit of a count.

    ``(x+1) * (1 - 1/(9(x+1)) + z/(3*sqrt(x+1)))^3``.

    Parameters
    ----------
    count : array-like or scalar
        Observed events, each >= 0 and not missing.
    confidence : float, default 0.95
        Two-sided confidence level in (0, 1).

    Returns
    -------
    numpy.ndarray
        Upper limits of the counts (divide by the denominator for a rate).

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing counts, or a confidence level outside (0, 1).

    See Also
    --------
    byars_lower, exact_upper, rate

    References
    ----------
    Breslow NE, Day NE (1987). Statistical methods in cancer research, volume II:
    the design and analysis of cohort studies. IARC, Lyon.

    Examples
    --------
    65 events: ``66 * (1 - 1/594 + 1.959964/(3*sqrt(66)))^3 = 66 * 1.0787348^3``
    (hand calculation):

    >>> byars_upper(65).round(4)
    array([82.8491])
    """
    level = v.single_confidence(confidence)
    x = _counts(count) + 1
    z = v.z_value(level)
    return x * (1 - 1 / (9 * x) + z / (3 * np.sqrt(x))) ** 3


def exact_lower(count: object, confidence: float = 0.95) -> np.ndarray:
    """Exact Poisson lower limit, ``qchisq((1 - confidence)/2, 2x) / 2`` (0 when x = 0).

    Parameters
    ----------
    count : array-like or scalar
        Observed events, each >= 0 and not missing.
    confidence : float, default 0.95
        Two-sided confidence level in (0, 1).

    Returns
    -------
    numpy.ndarray
        Lower limits of the counts (divide by the denominator for a rate).

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing counts, or a confidence level outside (0, 1).

    See Also
    --------
    exact_upper, byars_lower, rate

    References
    ----------
    Armitage P, Berry G, Matthews JNS (2002). Statistical methods in medical
    research, 4th edn. Blackwell, Oxford.

    Examples
    --------
    Standard tables give 4.795 for 10 events at 95%; for one event the limit
    solves ``1 - exp(-L) = 0.025``, so ``L = -log(0.975) = 0.0253``:

    >>> exact_lower([0, 1, 10]).round(4)
    array([0.    , 0.0253, 4.7954])
    """
    level = v.single_confidence(confidence)
    x = _counts(count)
    with np.errstate(invalid="ignore"):
        out = chi2.ppf((1 - level) / 2, 2 * x) / 2
    return np.where(x == 0, 0.0, out)


def exact_upper(count: object, confidence: float = 0.95) -> np.ndarray:
    """Exact Poisson upper limit, ``qchisq(confidence + (1 - confidence)/2, 2x + 2) / 2``.

    Parameters
    ----------
    count : array-like or scalar
        Observed events, each >= 0 and not missing.
    confidence : float, default 0.95
        Two-sided confidence level in (0, 1).

    Returns
    -------
    numpy.ndarray
        Upper limits of the counts (divide by the denominator for a rate).

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing counts, or a confidence level outside (0, 1).

    See Also
    --------
    exact_lower, byars_upper, rate

    References
    ----------
    Armitage P, Berry G, Matthews JNS (2002). Statistical methods in medical
    research, 4th edn. Blackwell, Oxford.

    Examples
    --------
    For no events the limit solves ``exp(-U) = 0.025``, so ``U = -log(0.025) =
    3.6889``; standard tables give 18.39 for 10 events:

    >>> exact_upper([0, 10]).round(4)
    array([ 3.6889, 18.3904])
    """
    level = v.single_confidence(confidence)
    x = _counts(count)
    return chi2.ppf(level + (1 - level) / 2, 2 * x + 2) / 2


def rate(
    count: object,
    denominator: object,
    multiplier: float = 100000,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Crude rate with Byar's (count >= 10) or exact Poisson (count < 10) limits.

    Follows PHEindicatormethods ``phe_rate``: value = count / denominator *
    multiplier. Limits come from Byar's approximation (Breslow and Day 1987)
    when the count is 10 or more, otherwise from the exact chi-squared form of
    the Poisson limits (Armitage, Berry and Matthews 2002); both are divided by
    the denominator and scaled by the multiplier.

    Parameters
    ----------
    count : array-like or scalar
        Observed events, each >= 0.
    denominator : array-like or scalar
        Population or person-years, each > 0. A scalar is used for every row.
    multiplier : float, default 100000
        Rate per this many, e.g. 100000.
    confidence : float or sequence of float, default 0.95
        Two-sided level in (0, 1). A list gives ``lower95_0cl``-style columns.

    Returns
    -------
    pandas.DataFrame
        Columns ``count``, ``denominator``, ``value``, ``lower``, ``upper``,
        ``confidence``, ``statistic`` ("rate per 100000") and ``method``
        ("Byars" or "Exact", per row).

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing counts, denominators <= 0, mismatched lengths, a
        multiplier <= 0, or a confidence level outside (0, 1).

    References
    ----------
    Breslow NE, Day NE (1987). Statistical methods in cancer research, volume II:
    the design and analysis of cohort studies. IARC, Lyon.
    Armitage P, Berry G, Matthews JNS (2002). Statistical methods in medical
    research, 4th edn. Blackwell, Oxford.
    Fox S et al. PHEindicatormethods (R package), ``phe_rate``.

    Examples
    --------
    Two rows of the PHEindicatormethods introductory vignette, which prints
    39080.46 (30346.142 to 49544.53) and 5161.29 (2228.279 to 10169.80):

    >>> out = rate([68, 8], [174, 155])
    >>> out[["value", "lower", "upper"]].round(2)
          value     lower     upper
    0  39080.46  30346.14  49544.53
    1   5161.29   2228.28  10169.80
    >>> out["method"].tolist()
    ['Byars', 'Exact']
    """
    levels, many = v.check_confidence(confidence)
    m = v.check_multiplier(multiplier)
    x = _counts(count)
    n = v.as_array(denominator, "denominator")
    arrays = v.match_lengths(count=x, denominator=n)
    x, n = arrays["count"], arrays["denominator"]
    v.check_positive(n, "denominator")
    small = x < SMALL_COUNT
    out = pd.DataFrame({"count": x, "denominator": n, "value": x / n * m})
    for level in levels:
        lo, hi = v.interval_columns(level, many)
        out[lo] = np.where(small, exact_lower(x, level), byars_lower(x, level)) / n * m
        out[hi] = np.where(small, exact_upper(x, level), byars_upper(x, level)) / n * m
    out["confidence"] = v.confidence_label(levels)
    out["statistic"] = f"rate per {v.multiplier_text(m)}"
    out["method"] = np.where(small, "Exact", "Byars")
    return out


def dsr(
    count: object,
    population: object,
    standard_population: object = None,
    multiplier: float = 100000,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Directly standardised rate with Dobson confidence limits, for one area.

    Follows PHEindicatormethods ``calculate_dsr`` (independent events)::

        value  = sum(x_i * w_i / n_i) / sum(w_i) * multiplier
        var    = sum(x_i * (w_i / n_i)^2) / sum(w_i)^2
        limits = value + sqrt(var / O) * (B(O) - O) * multiplier

    where ``O = sum(x_i)`` and ``B`` is Byar's lower or upper limit of ``O``
    (Dobson et al. 1991). When ``O < 10`` the DSR is unreliable and, as on
    Fingertips, value and limits are NaN and the ``note`` column says why.

    Parameters
    ----------
    count : array-like
        Events in each standardisation category (e.g. age band), >= 0. Use 0,
        not NaN, for a band with no events.
    population : array-like
        Population in each category, each > 0; same order as ``count``.
    standard_population : array-like, optional
        Standard population in the same order; default :data:`ESP2013`, the
        2013 European Standard Population in 19 bands (0-4, ..., 85-89, 90+).
    multiplier : float, default 100000
        Rate per this many.
    confidence : float or sequence of float, default 0.95
        Two-sided level in (0, 1). A list gives ``lower95_0cl``-style columns.

    Returns
    -------
    pandas.DataFrame
        One row: ``total_count``, ``total_pop``, ``value``, ``lower``,
        ``upper``, ``confidence``, ``statistic`` ("dsr per 100000"),
        ``method`` ("Dobson") and ``note`` (empty unless not calculated).

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing counts, populations <= 0, a negative standard
        population or one summing to 0, lengths that differ, a multiplier <= 0,
        or a confidence level outside (0, 1).

    References
    ----------
    Dobson AJ, Kuulasmaa K, Eberle E, Scherer J (1991). Confidence intervals for
    weighted sums of Poisson parameters. Stat Med 10:457-462.
    Breslow NE, Day NE (1987). Statistical methods in cancer research, volume II.
    IARC, Lyon.
    Eurostat (2013). Revision of the European Standard Population.
    Fox S et al. PHEindicatormethods (R package), ``calculate_dsr`` / ``phe_dsr``.

    Examples
    --------
    The PHEindicatormethods DSR vignette ("zero deaths for a specific age band
    within a small geography") gives 8283.016 (6570.819 to 10289.65) per
    100,000 for deaths and populations in the 19 bands of the 2013 ESP:

    >>> deaths = [1, 1, 0, 0, 0, 1, 1, 3, 3, 3, 3, 10, 10, 10, 10, 8, 8, 8, 8]
    >>> population = [30, 35, 35, 35, 40, 40, 45, 50, 50, 50, 60, 60, 70, 75, 70, 60,
    ...               20, 20, 15]
    >>> out = dsr(deaths, population)
    >>> out[["total_count", "value", "lower", "upper"]].round(3)
       total_count     value     lower      upper
    0         88.0  8283.016  6570.819  10289.648

    Fewer than 10 events give no rate, and say why:

    >>> print(dsr([9] + [0] * 18, [100] * 19).loc[0, "note"])
    dsr not calculated: total count 9 is below 10 events, too few for a reliable standardised rate
    """
    levels, many = v.check_confidence(confidence)
    m = v.check_multiplier(multiplier)
    x = _counts(count)
    n = v.as_array(population, "population")
    w = (
        ESP2013
        if standard_population is None
        else v.as_array(standard_population, "standard_population")
    )
    if not (len(x) == len(n) == len(w)):
        raise StatsInputError(
            f"count has {len(x)} values, population {len(n)} and standard_population "
            f"{len(w)}: give one value per standardisation category (19 age bands 0-4 "
            "to 90+ for the default 2013 European Standard Population), in the same order"
        )
    v.check_positive(n, "population")
    v.check_nonnegative(w, "standard_population")
    if w.sum() <= 0:
        raise StatsInputError("standard_population sums to 0: give the standard population")
    total = x.sum()
    value = np.sum(x * w / n) / w.sum() * m
    var = np.sum(x * (w / n) ** 2) / w.sum() ** 2
    row: dict[str, object] = {"total_count": total, "total_pop": n.sum(), "value": value}
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.sqrt(var / total)
    for level in levels:
        lo, hi = v.interval_columns(level, many)
        row[lo] = value + scale * (byars_lower(total, level)[0] - total) * m
        row[hi] = value + scale * (byars_upper(total, level)[0] - total) * m
    note = ""
    if total < SMALL_COUNT:
        for key in row:
            if key not in ("total_count", "total_pop"):
                row[key] = np.nan
        note = (
            f"dsr not calculated: total count {v.fmt(total)} is below {SMALL_COUNT} "
            "events, too few for a reliable standardised rate"
        )
    row.update(
        confidence=v.confidence_label(levels),
        statistic=f"dsr per {v.multiplier_text(m)}",
        method="Dobson",
        note=note,
    )
    return pd.DataFrame([row])
