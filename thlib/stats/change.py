"""Did a measure change? Tests that use the uncertainty of *every* period compared.

One function per kind of uncertainty a measure can have (GUIDE principle 19):

* :func:`change_from_intervals` - two estimates published with confidence intervals only
  (survey estimates, modelled figures): a two-sample z-test on the difference, each
  standard error read off its interval (Altman and Bland 2003, 2011).
* :func:`change_in_proportions` - two counts out of two denominators: Newcombe's hybrid
  score interval for the difference (his method 10) and the pooled two-proportion z-test.
* :func:`change_in_rates` - two event counts over two exposures (population, person-time):
  the exact conditional (binomial) test and the exact interval for the rate ratio.
* :func:`weighted_trend` - a series of values with intervals: the inverse-variance weighted
  least-squares slope, variances taken as known, and its z-test.

Each call compares one pair (or one series) and returns one :class:`pandas.Series`
labelled, as PHEindicatormethods labels its output, with the ``method``, the
``confidence`` of the inputs and the ``level`` of the test, and with ``statistic``,
``p_value``, ``significant``, ``direction`` ("up", "down", or "none" when not
significant) and ``reason``. A missing input (NaN or None) gives a result that is not
significant, with the missing arguments named in ``reason``; an impossible input raises
:class:`thlib.errors.StatsInputError`.

The two periods compared must be independent samples: do not compare periods that
share years (e.g. overlapping three-year averages); the tests here would overstate the
evidence for a change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import binomtest, norm

from thlib.errors import StatsInputError
from thlib.stats import _validate as v
from thlib.stats.proportions import wilson_lower, wilson_upper

__all__ = ["change_from_intervals", "change_in_proportions", "change_in_rates", "weighted_trend"]

#: Accepted values of ``scale``.
_SCALES = ("auto", "linear", "log")

_FROM = ("value_from", "lower_from", "upper_from")
_TO = ("value_to", "lower_to", "upper_to")


# --- validation --------------------------------------------------------------------------


def _scalar(x: object, name: str) -> float:
    """Return one number (NaN when missing); raise on text, infinity or several values."""
    arr = v.as_array(x, name, allow_nan=True)
    if arr.size != 1:
        raise StatsInputError(
            f"{name} has {arr.size} values: give a single number (this function makes one "
            "comparison per call; loop over rows for more)"
        )
    return float(arr[0])


def _level(level: float) -> float:
    """Validate the level of the test like a confidence level, naming ``level``."""
    try:
        return v.single_confidence(level)
    except StatsInputError as exc:
        raise StatsInputError("level" + str(exc).removeprefix("confidence")) from None


def _at(i: int, positional: bool) -> str:
    return f" (position {i})" if positional else ""


def _check_intervals(
    y: np.ndarray, lo: np.ndarray, hi: np.ndarray, names: Sequence[str], positional: bool
) -> None:
    """Raise on swapped limits, an interval of no width, or a value outside its interval.

    NaN compares False, so a missing value or limit passes (it is reported, not raised).
    """
    vname, lname, uname = names
    bad = np.flatnonzero(lo > hi)
    if bad.size:
        i = int(bad[0])
        raise StatsInputError(
            f"{lname}{_at(i, positional)} is {v.fmt(lo[i])}, above {uname} {v.fmt(hi[i])}: "
            "check the limits are not swapped", position=i if positional else None)
    bad = np.flatnonzero(lo == hi)
    if bad.size:
        i = int(bad[0])
        raise StatsInputError(
            f"{lname} and {uname}{_at(i, positional)} are both {v.fmt(lo[i])}: an interval "
            "of no width gives no standard error; check the limits (a complete count has no "
            "sampling interval: report its change without a test)",
            position=i if positional else None)
    bad = np.flatnonzero((y < lo) | (y > hi))
    if bad.size:
        i = int(bad[0])
        raise StatsInputError(
            f"{vname}{_at(i, positional)} is {v.fmt(y[i])}, outside its interval "
            f"{v.fmt(lo[i])} to {v.fmt(hi[i])}: check that the value and its limits are in "
            "the right columns and on the same scale (e.g. all percentages)",
            position=i if positional else None)


def _check_log(arrays: Sequence[np.ndarray], names: Sequence[str], positional: bool) -> None:
    """Raise if a value or limit given is zero or below (``scale="log"`` was asked for)."""
    for arr, name in zip(arrays, names, strict=True):
        bad = np.flatnonzero(arr <= 0)
        if bad.size:
            i = int(bad[0])
            raise StatsInputError(
                f"{name}{_at(i, positional)} is {v.fmt(arr[i])}: the log scale needs every "
                "value and limit above zero; use scale='linear' (or 'auto', which then "
                "chooses linear)", position=i if positional else None)


def _check_counts(x: float, name: str) -> None:
    if math.isnan(x):
        return
    if x < 0:
        raise StatsInputError(f"{name} is {v.fmt(x)}: counts cannot be negative")
    if x != round(x):
        raise StatsInputError(
            f"{name} is {v.fmt(x)}: counts must be whole numbers (for weighted or estimated "
            "counts, compare the published intervals with change_from_intervals)"
        )


def _check_positive(x: float, name: str, what: str) -> None:
    if not math.isnan(x) and x <= 0:
        raise StatsInputError(f"{name} is {v.fmt(x)}: {what} must be greater than zero")


# --- shared pieces -----------------------------------------------------------------------


def _asymmetry(y: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    """Sum over intervals of |(upper - value) - (value - lower)| / (upper - lower)."""
    return float(np.sum(np.abs((hi - y) - (y - lo)) / (hi - lo)))


def _choose_scale(scale: str, y: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> str:
    """Resolve ``scale`` for complete inputs ("log" has been checked already)."""
    if scale != "auto":
        return scale
    if (np.concatenate([y, lo, hi]) <= 0).any():
        return "linear"
    linear = _asymmetry(y, lo, hi)
    logged = _asymmetry(np.log(y), np.log(lo), np.log(hi))
    return "log" if logged < linear else "linear"


def _scale_words(chosen: str | None) -> str:
    return f"{chosen} scale" if chosen else "scale not chosen"


def _pct(level: float) -> str:
    return v.confidence_label([level])


def _direction(significant: bool, sign: float) -> str:
    if not significant:
        return "none"
    return "up" if sign > 0 else "down"


def _verdict(p: float, level: float) -> tuple[bool, str]:
    """Significant when ``p < 1 - level``; the reason says so with the numbers."""
    alpha = 1 - level
    if math.isnan(p):
        return False, "no p-value"
    if p < alpha:
        return True, f"p = {p:.3g} is below {alpha:.3g}"
    return False, f"p = {p:.3g} is not below {alpha:.3g}"


def _series(row: dict[str, object], name: str) -> pd.Series:
    out = {}
    for key, val in row.items():
        if isinstance(val, np.bool_):
            val = bool(val)
        elif isinstance(val, np.integer | np.floating):
            val = float(val)
        out[key] = val
    return pd.Series(out, name=name, dtype=object)


def _plain(x: float) -> float | int:
    """Return a whole number (e.g. a year) as an int, anything else as a float."""
    return int(x) if float(x).is_integer() else float(x)


# --- 1. two estimates with intervals -----------------------------------------------------


def change_from_intervals(
    value_from: float,
    lower_from: float,
    upper_from: float,
    value_to: float,
    lower_to: float,
    upper_to: float,
    confidence: float = 0.95,
    level: float = 0.95,
    scale: str = "auto",
) -> pd.Series:
    """Test the change between two estimates published with confidence intervals.

    The standard error of each estimate is read off its interval,
    ``se = (upper - lower) / (2 z)`` with ``z = norm.ppf((1 + confidence) / 2)`` (1.96 for
    95%). The difference ``d = to - from`` then has ``SE(d) = sqrt(se_from^2 + se_to^2)``,
    and ``z = d / SE(d)`` is referred to the standard normal distribution (two-sided).
    The change is significant when ``p < 1 - level``; ``lower`` and ``upper`` are the
    ``level`` interval ``d -/+ z_level SE(d)``, so it excludes 0 exactly when the change is
    significant.

    On the log scale every value and limit is logged first, so ``d`` is the log of the
    ratio ``to / from`` and ``ratio``, ``ratio_lower``, ``ratio_upper`` give it back on
    the natural scale. Use it for ratios, rates and other estimates whose intervals were
    made on the log scale (they are longer above the estimate than below). ``"auto"``
    chooses log when every value and limit is positive and the two intervals, together,
    are more symmetric about their estimates on the log scale than on the linear scale
    (asymmetry ``|(upper - value) - (value - lower)| / (upper - lower)``, summed over both
    intervals); otherwise linear.

    The estimates must be independent (different samples; not overlapping periods), and
    the intervals roughly normal on the chosen scale: for small counts or proportions near
    0 or 1 use :func:`change_in_rates` or :func:`change_in_proportions` on the counts.

    Parameters
    ----------
    value_from, lower_from, upper_from : float
        The earlier estimate and its confidence limits.
    value_to, lower_to, upper_to : float
        The later estimate and its limits. NaN or None anywhere gives a result that is
        not significant, naming what is missing.
    confidence : float, default 0.95
        Level of the published intervals (both must be at this level).
    level : float, default 0.95
        Level of the test: significant when ``p < 1 - level``.
    scale : {"auto", "linear", "log"}, default "auto"
        Scale of the comparison; see above.

    Returns
    -------
    pandas.Series
        Named "change", with ``statistic`` (z), ``p_value`` (two-sided), ``significant``,
        ``direction`` ("up", "down" or "none"), ``difference`` (``to - from``; a log ratio
        on the log scale), ``lower``, ``upper`` (its ``level`` interval), ``ratio``,
        ``ratio_lower``, ``ratio_upper`` (``exp`` of those on the log scale, NaN on the
        linear scale), ``standard_error`` (of the difference), ``scale`` (the one used;
        None when inputs are missing and it was "auto"), ``value_from``, ``value_to``,
        ``confidence``, ``level``, ``method`` and ``reason``.

    Raises
    ------
    thlib.errors.StatsInputError
        A lower limit above its upper limit, an interval of no width, a value outside its
        interval, a value or limit at or below zero with ``scale="log"``, an unknown
        scale, a confidence or level outside (0, 1), text, infinity, or several values in
        one argument.

    See Also
    --------
    weighted_trend : the same standard errors over several periods.

    References
    ----------
    Altman DG, Bland JM (2003). Interaction revisited: the difference between two
    estimates. BMJ 326:219.
    Altman DG, Bland JM (2011). How to obtain the P value from a confidence interval.
    BMJ 343:d2304.

    Examples
    --------
    The worked example of Altman and Bland (2003): relative risks of fracture with HRT of
    0.88 (0.71 to 1.08) in women aged 60 and over and 0.67 (0.46 to 0.98) under 60. On
    the log scale they give ``d = -0.2726``, ``SE(d) = 0.2206``, ``z = -1.24``; the ratio
    of relative risks is ``exp(-0.2726) = 0.76``, 95% interval ``exp(-0.2726 -/+ 1.96 x
    0.2206)`` = 0.49 to 1.17:

    >>> out = change_from_intervals(0.88, 0.71, 1.08, 0.67, 0.46, 0.98, scale="log")
    >>> [round(out[k], 4) for k in ("difference", "standard_error")]
    [-0.2726, 0.2206]
    >>> round(out["statistic"], 2), out["significant"], out["direction"]
    (-1.24, False, 'none')
    >>> [round(out[k], 2) for k in ("ratio", "ratio_lower", "ratio_upper")]
    [0.76, 0.49, 1.17]

    A survey estimate of 72.8% (67.2 to 78.4) falling to 66.2% (59.8 to 72.6): the
    intervals are symmetric, so "auto" stays linear; ``se = 11.2 / 3.92 = 2.857`` and
    ``12.8 / 3.92 = 3.265``, ``z = -6.6 / sqrt(2.857^2 + 3.265^2) = -6.6 / 4.339 = -1.52``
    (hand calculation), not significant:

    >>> out = change_from_intervals(72.8, 67.2, 78.4, 66.2, 59.8, 72.6)
    >>> out["scale"], round(out["statistic"], 2), out["significant"]
    ('linear', -1.52, False)

    A missing limit is reported, not guessed:

    >>> change_from_intervals(72.8, 67.2, 78.4, 66.2, None, 72.6)["reason"]
    'missing: lower_to (NaN or None), so nothing was tested'
    """
    conf = v.single_confidence(confidence)
    lev = _level(level)
    v.check_choice(scale, "scale", _SCALES)
    start = np.array([_scalar(x, n) for x, n in zip(
        (value_from, lower_from, upper_from), _FROM, strict=True)])
    end = np.array([_scalar(x, n) for x, n in zip(
        (value_to, lower_to, upper_to), _TO, strict=True)])
    for est, names in ((start, _FROM), (end, _TO)):
        _check_intervals(est[0:1], est[1:2], est[2:3], names, positional=False)
        if scale == "log":
            _check_log([est[0:1], est[1:2], est[2:3]], names, positional=False)
    row: dict[str, object] = {
        "statistic": np.nan, "p_value": np.nan, "significant": False, "direction": "none",
        "difference": np.nan, "lower": np.nan, "upper": np.nan,
        "ratio": np.nan, "ratio_lower": np.nan, "ratio_upper": np.nan,
        "standard_error": np.nan, "scale": None if scale == "auto" else scale,
        "value_from": start[0], "value_to": end[0], "confidence": conf, "level": lev,
        "method": "", "reason": "",
    }
    missing = [n for n, x in zip(_FROM + _TO, np.concatenate([start, end]), strict=True)
               if math.isnan(x)]
    chosen = None if scale == "auto" else scale
    if not missing:
        chosen = _choose_scale(scale, np.array([start[0], end[0]]),
                               np.array([start[1], end[1]]), np.array([start[2], end[2]]))
    row["method"] = ("two-sample z-test on the difference, standard errors from both "
                     f"{_pct(conf)} intervals ({_scale_words(chosen)})")
    if missing:
        row["reason"] = f"missing: {', '.join(missing)} (NaN or None), so nothing was tested"
        return _series(row, "change")
    assert chosen is not None
    f = np.log(start) if chosen == "log" else start
    t = np.log(end) if chosen == "log" else end
    z_in = v.z_value(conf)
    se = math.hypot((f[2] - f[1]) / (2 * z_in), (t[2] - t[1]) / (2 * z_in))
    d = float(t[0] - f[0])
    stat = d / se
    p = float(2 * norm.sf(abs(stat)))
    half = v.z_value(lev) * se
    significant, reason = _verdict(p, lev)
    row.update(statistic=stat, p_value=p, significant=significant,
               direction=_direction(significant, d), difference=d, lower=d - half,
               upper=d + half, standard_error=se, scale=chosen, reason=reason)
    if chosen == "log":
        row.update(ratio=math.exp(d), ratio_lower=math.exp(d - half),
                   ratio_upper=math.exp(d + half))
    return _series(row, "change")


# --- 2. two proportions ------------------------------------------------------------------


def change_in_proportions(
    count_from: float,
    denominator_from: float,
    count_to: float,
    denominator_to: float,
    confidence: float = 0.95,
) -> pd.Series:
    """Test the change between two independent proportions (counts out of denominators).

    The difference ``p_to - p_from`` gets Newcombe's hybrid score interval (his method
    10): with Wilson score limits ``l, u`` of each proportion,
    ``lower = d - sqrt((p_to - l_to)^2 + (u_from - p_from)^2)`` and
    ``upper = d + sqrt((u_to - p_to)^2 + (p_from - l_from)^2)``. The change is significant
    when this interval excludes 0. The p-value is that of the two-proportion z-test with
    pooled variance, ``z = d / sqrt(p (1 - p) (1/n_from + 1/n_to))`` with ``p`` the pooled
    proportion; it is given for reference. The two rarely disagree, only at the boundary
    (p close to ``1 - confidence``); ``significant`` follows the interval.

    Parameters
    ----------
    count_from, denominator_from : float
        Earlier count (whole number, 0 <= count <= denominator) and denominator (> 0).
    count_to, denominator_to : float
        Later count and denominator. NaN or None gives a result that is not significant.
    confidence : float, default 0.95
        Level of the interval (and so of the test).

    Returns
    -------
    pandas.Series
        Named "change", with ``statistic`` (pooled z; NaN when the proportion is 0, or 1,
        in both periods), ``p_value`` (two-sided), ``significant``, ``direction``,
        ``difference`` (``p_to - p_from`` on the 0-1 scale), ``lower``, ``upper``
        (Newcombe interval), ``proportion_from``, ``proportion_to``, ``confidence``,
        ``level`` (equal to ``confidence``), ``method`` and ``reason``.

    Raises
    ------
    thlib.errors.StatsInputError
        A negative or fractional count, a denominator of zero or below (or fractional),
        a count above its denominator, a confidence outside (0, 1), text, infinity, or
        several values in one argument.

    References
    ----------
    Newcombe RG (1998). Interval estimation for the difference between independent
    proportions: comparison of eleven methods. Stat Med 17:873-890 (method 10).
    Wilson EB (1927). Probable inference, the law of succession, and statistical
    inference. J Am Stat Assoc 22:209-212.
    Altman DG, Machin D, Bryant TN, Gardner MJ (2000). Statistics with confidence, 2nd
    edn. BMJ Books (chapter 6).

    Examples
    --------
    Newcombe's (1998) example, 56/70 against 48/80: the difference 0.8 - 0.6 = 0.2 has,
    by method 10, the interval 0.0524 to 0.3339. The pooled z is hand-calculated as
    ``p = 104/150``, ``SE = sqrt(0.6933 x 0.3067 x (1/70 + 1/80)) = 0.07547``,
    ``z = 0.2 / 0.07547 = 2.65``:

    >>> out = change_in_proportions(48, 80, 56, 70)
    >>> [round(out[k], 4) for k in ("difference", "lower", "upper")]
    [0.2, 0.0524, 0.3339]
    >>> round(out["statistic"], 2), out["direction"]
    (2.65, 'up')
    """
    conf = v.single_confidence(confidence)
    x1 = _scalar(count_from, "count_from")
    n1 = _scalar(denominator_from, "denominator_from")
    x2 = _scalar(count_to, "count_to")
    n2 = _scalar(denominator_to, "denominator_to")
    for x, xname, n, nname in ((x1, "count_from", n1, "denominator_from"),
                               (x2, "count_to", n2, "denominator_to")):
        _check_counts(x, xname)
        _check_positive(n, nname, "a denominator")
        if not math.isnan(n) and n != round(n):
            raise StatsInputError(f"{nname} is {v.fmt(n)}: a denominator must be a whole "
                                  "number of people (or cases)")
        if x > n:  # False when either is NaN
            raise StatsInputError(f"{xname} is {v.fmt(x)}, above {nname} {v.fmt(n)}: a "
                                  f"proportion needs {xname} <= {nname}")
    row: dict[str, object] = {
        "statistic": np.nan, "p_value": np.nan, "significant": False, "direction": "none",
        "difference": np.nan, "lower": np.nan, "upper": np.nan,
        "proportion_from": x1 / n1, "proportion_to": x2 / n2,
        "confidence": conf, "level": conf,
        "method": (f"difference of two proportions: Newcombe hybrid score {_pct(conf)} "
                   "interval (method 10, from Wilson intervals); pooled two-proportion z-test"),
        "reason": "",
    }
    names = ("count_from", "denominator_from", "count_to", "denominator_to")
    missing = [nm for nm, x in zip(names, (x1, n1, x2, n2), strict=True) if math.isnan(x)]
    if missing:
        row["reason"] = f"missing: {', '.join(missing)} (NaN or None), so nothing was tested"
        return _series(row, "change")
    p1, p2 = x1 / n1, x2 / n2
    d = p2 - p1
    l1, u1 = wilson_lower(x1, n1, conf)[0], wilson_upper(x1, n1, conf)[0]
    l2, u2 = wilson_lower(x2, n2, conf)[0], wilson_upper(x2, n2, conf)[0]
    lower = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    upper = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    pooled = (x1 + x2) / (n1 + n2)
    var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    stat = d / math.sqrt(var) if var > 0 else np.nan
    p = float(2 * norm.sf(abs(stat))) if var > 0 else np.nan
    significant = bool(lower > 0 or upper < 0)
    interval = f"the {_pct(conf)} interval of the difference ({lower:.4g} to {upper:.4g})"
    reason = f"{interval} {'excludes' if significant else 'includes'} 0"
    if var == 0:
        reason += f"; the proportion is {v.fmt(pooled)} in both periods, so no z-test"
    row.update(statistic=stat, p_value=p, significant=significant,
               direction=_direction(significant, d), difference=d, lower=lower, upper=upper,
               reason=reason)
    return _series(row, "change")


# --- 3. two Poisson counts ---------------------------------------------------------------


def change_in_rates(
    count_from: float,
    exposure_from: float,
    count_to: float,
    exposure_to: float,
    confidence: float = 0.95,
) -> pd.Series:
    """Test the change between two rates (event counts over populations or person-time).

    The exact conditional test of two Poisson counts: given the total
    ``n = count_from + count_to``, under equal rates ``count_to`` is Binomial(n,
    ``exposure_to / (exposure_from + exposure_to)``). The two-sided p-value is that of
    :func:`scipy.stats.binomtest` (the probabilities of all outcomes no more likely than
    the one observed, as R's ``binom.test`` and ``poisson.test``). The rate ratio
    ``(count_to / exposure_to) / (count_from / exposure_from)`` gets the exact
    conditional interval: the Clopper-Pearson interval ``(pl, pu)`` of the binomial
    proportion, mapped by ``ratio = p / (1 - p) x exposure_from / exposure_to``. The
    change is significant when ``p < 1 - confidence``. (The central exact interval and
    the two-sided p-value can disagree at the boundary; ``significant`` follows p.)

    Parameters
    ----------
    count_from, exposure_from : float
        Earlier event count (a whole number >= 0) and its exposure (> 0), e.g. the
        population or person-years.
    count_to, exposure_to : float
        Later count and exposure, in the same units. NaN or None gives a result that is
        not significant.
    confidence : float, default 0.95
        Level of the interval and of the test.

    Returns
    -------
    pandas.Series
        Named "change", with ``statistic`` (``count_to``, the binomial test statistic, as
        in R's ``poisson.test``), ``expected`` (``count_to`` expected under equal rates),
        ``p_value`` (two-sided, exact), ``significant``, ``direction``, ``difference``
        (``rate_to - rate_from`` per unit of exposure), ``lower``, ``upper`` (NaN: the
        method gives no interval for the difference), ``ratio``, ``ratio_lower``,
        ``ratio_upper`` (exact conditional interval; ``inf`` when ``count_from`` is 0),
        ``rate_from``, ``rate_to`` (per unit of exposure), ``confidence``, ``level``
        (equal to ``confidence``), ``method`` and ``reason``.

    Raises
    ------
    thlib.errors.StatsInputError
        A negative or fractional count, an exposure of zero or below, a confidence outside
        (0, 1), text, infinity, or several values in one argument.

    References
    ----------
    Przyborowski J, Wilenski H (1940). Homogeneity of results in testing samples from
    Poisson series. Biometrika 31:313-323.
    Breslow NE, Day NE (1987). Statistical methods in cancer research, vol II: the design
    and analysis of cohort studies. IARC Scientific Publications 82, Lyon (section 2.4).
    Clopper CJ, Pearson ES (1934). The use of confidence or fiducial limits illustrated in
    the case of the binomial. Biometrika 26:404-413.

    Examples
    --------
    2 events against 13 over the same exposure: R's ``poisson.test(c(2, 13), c(5, 5))``
    gives p = 0.007385, rate ratio 0.1538462 with 95% interval 0.01685531 to 0.67955077
    (published R output, Cross Validated question 547389):

    >>> out = change_in_rates(13, 5, 2, 5)
    >>> round(out["p_value"], 6), round(out["ratio"], 7)
    (0.007385, 0.1538462)
    >>> [round(out[k], 6) for k in ("ratio_lower", "ratio_upper")]
    [0.016855, 0.679551]
    >>> out["significant"], out["direction"]
    (True, 'down')

    Robbery falling from 1,353 to 1,267 offences in the same population: by the normal
    approximation with continuity correction, ``z = (|1267 - 1310| - 0.5) / sqrt(2620 /
    4) = 42.5 / 25.593 = 1.661``, p = 0.097 (hand calculation); not significant:

    >>> out = change_in_rates(1353, 317705, 1267, 317705)
    >>> round(out["p_value"], 3), out["significant"]
    (0.097, False)
    """
    conf = v.single_confidence(confidence)
    x1 = _scalar(count_from, "count_from")
    e1 = _scalar(exposure_from, "exposure_from")
    x2 = _scalar(count_to, "count_to")
    e2 = _scalar(exposure_to, "exposure_to")
    _check_counts(x1, "count_from")
    _check_counts(x2, "count_to")
    _check_positive(e1, "exposure_from", "an exposure (population or person-time)")
    _check_positive(e2, "exposure_to", "an exposure (population or person-time)")
    row: dict[str, object] = {
        "statistic": x2, "expected": np.nan, "p_value": np.nan, "significant": False,
        "direction": "none", "difference": np.nan, "lower": np.nan, "upper": np.nan,
        "ratio": np.nan, "ratio_lower": np.nan, "ratio_upper": np.nan,
        "rate_from": x1 / e1, "rate_to": x2 / e2, "confidence": conf, "level": conf,
        "method": ("exact conditional (binomial) test of two Poisson rates, exact "
                   f"{_pct(conf)} interval for the rate ratio"),
        "reason": "",
    }
    names = ("count_from", "exposure_from", "count_to", "exposure_to")
    missing = [nm for nm, x in zip(names, (x1, e1, x2, e2), strict=True) if math.isnan(x)]
    if missing:
        row["reason"] = f"missing: {', '.join(missing)} (NaN or None), so nothing was tested"
        return _series(row, "change")
    n = int(x1 + x2)
    share = e2 / (e1 + e2)
    r1, r2 = x1 / e1, x2 / e2
    row.update(expected=n * share, difference=r2 - r1)
    if n == 0:
        row["reason"] = "no events in either period, so nothing to test"
        return _series(row, "change")
    test = binomtest(int(x2), n, share)
    ci = test.proportion_ci(confidence_level=conf, method="exact")
    odds = e1 / e2  # ratio = p / (1 - p) * e1 / e2

    def to_ratio(q: float) -> float:
        return math.inf if q >= 1 else q / (1 - q) * odds

    p = float(test.pvalue)
    significant, reason = _verdict(p, conf)
    ratio = math.inf if x1 == 0 else r2 / r1
    row.update(p_value=p, significant=significant,
               direction=_direction(significant, r2 - r1), ratio=ratio,
               ratio_lower=to_ratio(float(ci.low)), ratio_upper=to_ratio(float(ci.high)),
               reason=reason)
    return _series(row, "change")


# --- 4. a weighted trend -----------------------------------------------------------------


def weighted_trend(
    value: object,
    lower: object,
    upper: object,
    period: object = None,
    confidence: float = 0.95,
    level: float = 0.998,
    scale: str = "auto",
) -> pd.Series:
    """Test the trend of a series published only as values with confidence intervals.

    Inverse-variance weighted least-squares regression of value on period (a meta-
    regression). Each standard error is read off its interval as in
    :func:`change_from_intervals`, ``se_i = (upper_i - lower_i) / (2 z)``, and
    ``w_i = 1 / se_i^2``. With the weighted mean period ``t_bar = sum(w t) / sum(w)`` and
    mean value ``y_bar = sum(w y) / sum(w)``::

        slope = sum(w (t - t_bar) (y - y_bar)) / sum(w (t - t_bar)^2)
        Q = sum(w (y - fitted)^2),  phi = max(1, Q / (n - 2))   (phi = 1 for n = 2)
        SE(slope) = sqrt(phi / sum(w (t - t_bar)^2))
        z = slope / SE(slope)   (two-sided p from the standard normal)

    ``phi`` is the multiplicative dispersion: where the points scatter about the line more
    than their intervals allow (year-to-year change the sampling error does not explain),
    the slope's standard error grows with it; it never shrinks below the one the intervals
    give (variances known). The trend is significant when ``p < 1 - level`` (99.8% by
    default, the level of the Fingertips recent trend); ``lower`` and ``upper`` are the
    slope's ``level`` interval. Every point given is used: the caller chooses the span
    (usually the last 5 periods).

    Parameters
    ----------
    value, lower, upper : array-like
        Values and their confidence limits, one per period. A missing value or limit
        gives a result that is not significant, naming the positions (drop those periods
        or fill them in).
    period : array-like of numbers, optional
        Time of each point (e.g. the year); rows are sorted by it. Default 0, 1, 2, ...
        in the order given.
    confidence : float, default 0.95
        Level of the published intervals.
    level : float, default 0.998
        Level of the test.
    scale : {"auto", "linear", "log"}, default "auto"
        As in :func:`change_from_intervals`; "auto" decides over all the points. On the
        log scale the slope is the change in log value per unit of period, and ``ratio``
        (``exp(slope)``) the factor by which the value changes per unit.

    Returns
    -------
    pandas.Series
        Named "trend", with ``statistic`` (z), ``p_value`` (two-sided), ``significant``,
        ``direction`` ("up", "down" or "none"), ``slope`` (per unit of period, on the
        chosen scale), ``lower``, ``upper`` (its ``level`` interval), ``standard_error``
        (of the slope), ``ratio`` (``exp(slope)`` on the log scale, else NaN), ``points``
        (number given), ``period_from``, ``period_to`` (first and last period), ``scale``
        (None when inputs are missing and it was "auto"), ``dispersion`` (``phi``),
        ``confidence``, ``level``, ``method`` and ``reason``.

    Raises
    ------
    thlib.errors.StatsInputError
        Lengths that differ, a missing or repeated period, a lower limit above its upper
        limit, an interval of no width, a value outside its interval, a value or limit at
        or below zero with ``scale="log"``, an unknown scale, a confidence or level
        outside (0, 1), or text. Positions count from 0 in the order given.

    References
    ----------
    Thompson SG, Higgins JPT (2002). How should meta-regression analyses be undertaken
    and interpreted? Stat Med 21:1559-1573 (fixed-effect meta-regression: weighted least
    squares with weights ``1 / se^2`` and the variances taken as known).
    Thompson SG, Sharp SJ (1999). Explaining heterogeneity in meta-analysis: a comparison
    of methods. Stat Med 18:2693-2708 (the multiplicative dispersion ``phi``).
    Draper NR, Smith H (1998). Applied regression analysis, 3rd edn. Wiley (chapter 9,
    weighted least squares).
    Altman DG, Bland JM (2011). How to obtain the P value from a confidence interval.
    BMJ 343:d2304 (the standard error from a confidence interval).

    Examples
    --------
    Three years at 10, 11 and 13, each with 95% limits 1.96 either side (so ``se = 1``):
    equal weights, ``t_bar = 1``, ``slope = ((-1)(10 - 11.33) + (1)(13 - 11.33)) / 2 =
    1.5``, ``SE = sqrt(1 / 2) = 0.7071``, ``z = 2.12``, p = 0.034 (hand calculation):
    significant at 95% but not at the default 99.8%:

    >>> out = weighted_trend([10, 11, 13], [8.04, 9.04, 11.04], [11.96, 12.96, 14.96],
    ...                      period=[2021, 2022, 2023])
    >>> round(out["slope"], 4), round(out["standard_error"], 4), round(out["statistic"], 2)
    (1.5, 0.7071, 2.12)
    >>> out["significant"], out["period_from"], out["period_to"]
    (False, 2021, 2023)
    >>> weighted_trend([10, 11, 13], [8.04, 9.04, 11.04], [11.96, 12.96, 14.96],
    ...                level=0.95)["direction"]
    'up'
    """
    conf = v.single_confidence(confidence)
    lev = _level(level)
    v.check_choice(scale, "scale", _SCALES)
    y = v.as_array(value, "value", allow_nan=True)
    lo = v.as_array(lower, "lower", allow_nan=True)
    hi = v.as_array(upper, "upper", allow_nan=True)
    if not len(y) == len(lo) == len(hi):
        raise StatsInputError(f"value, lower and upper have {len(y)}, {len(lo)} and {len(hi)} "
                              "values: give one of each per period")
    t = v.periods(period, len(y), "value")
    names = ("value", "lower", "upper")
    _check_intervals(y, lo, hi, names, positional=True)
    if scale == "log":
        _check_log([y, lo, hi], names, positional=True)
    order = np.argsort(t, kind="stable")
    row: dict[str, object] = {
        "statistic": np.nan, "p_value": np.nan, "significant": False, "direction": "none",
        "slope": np.nan, "lower": np.nan, "upper": np.nan, "standard_error": np.nan,
        "ratio": np.nan, "dispersion": np.nan, "points": len(y),
        "period_from": _plain(t[order[0]]) if len(t) else None,
        "period_to": _plain(t[order[-1]]) if len(t) else None,
        "scale": None if scale == "auto" else scale, "confidence": conf, "level": lev,
        "method": "", "reason": "",
    }
    missing = np.flatnonzero(np.isnan(y) | np.isnan(lo) | np.isnan(hi))
    chosen = None if scale == "auto" else scale
    if len(y) >= 2 and not missing.size:
        chosen = _choose_scale(scale, y, lo, hi)
    row["method"] = ("inverse-variance weighted least-squares slope, standard errors from "
                     f"the {_pct(conf)} intervals ({_scale_words(chosen)}) scaled up for "
                     "scatter beyond them, z-test")
    if len(y) < 2:
        row["reason"] = f"fewer than 2 points ({len(y)}), so no trend"
        return _series(row, "trend")
    if missing.size:
        where = ", ".join(str(i) for i in missing)
        row["reason"] = (f"a value or limit is missing at position(s) {where}: drop those "
                         "periods or fill them in")
        return _series(row, "trend")
    assert chosen is not None
    y, lo, hi, t = y[order], lo[order], hi[order], t[order]
    if chosen == "log":
        y, lo, hi = np.log(y), np.log(lo), np.log(hi)
    se = (hi - lo) / (2 * v.z_value(conf))
    w = 1 / se**2
    t_bar = np.sum(w * t) / np.sum(w)
    y_bar = np.sum(w * y) / np.sum(w)
    sxx = float(np.sum(w * (t - t_bar) ** 2))
    slope = float(np.sum(w * (t - t_bar) * (y - y_bar))) / sxx
    fitted = y_bar + slope * (t - t_bar)
    q = float(np.sum(w * (y - fitted) ** 2))
    phi = max(1.0, q / (len(y) - 2)) if len(y) > 2 else 1.0
    se_slope = math.sqrt(phi / sxx)
    stat = slope / se_slope
    p = float(2 * norm.sf(abs(stat)))
    half = v.z_value(lev) * se_slope
    significant, reason = _verdict(p, lev)
    row.update(statistic=stat, p_value=p, significant=significant,
               direction=_direction(significant, slope), slope=slope, lower=slope - half,
               upper=slope + half, standard_error=se_slope, scale=chosen, dispersion=phi,
               reason=reason)
    if chosen == "log":
        row["ratio"] = math.exp(slope)
    return _series(row, "trend")
