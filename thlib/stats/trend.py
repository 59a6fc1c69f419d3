"""Recent trend: Fingertips' chi-squared test for trend on counts and denominators.

:func:`recent_trend` tests the last five periods; a series published as values with
confidence limits only is tested by :func:`thlib.stats.weighted_trend` over the same span.

Chi-squared test for trend (proportions):

Method (OHID Fingertips trend markers; PHEindicatormethods ``assign_trend_markers``
for ``value_type = "proportion"``), for the most recent five periods with counts
``O_i``, denominators ``n_i`` and times ``t_i``::

    N = sum(n_i),  p = sum(O_i) / N,  t_bar = sum(n_i t_i) / N
    U = sum((t_i - t_bar) (O_i - n_i p))
    V = p (1 - p) sum(n_i (t_i - t_bar)^2)
    gradient = U / V,  chi2 = U^2 / V   (1 degree of freedom)

This is Armitage's chi-squared test for linear trend in proportions (the score
test for the slope of a logistic regression, so ``gradient`` is on the logit
scale). The trend is significant when chi2 exceeds the 99.8% point of chi-squared
on 1 df (9.5495). A significant trend is then reported as "no significant
change" if dropping any single point reverses the sign of the gradient (the
outlier check of the Fingertips method).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import chi2

from thlib.errors import StatsInputError
from thlib.stats import _validate as v
from thlib.stats.compare import POLARITIES

__all__ = ["TREND_CONFIDENCE", "TREND_POINTS", "chi_squared_trend", "recent_trend",
           "trend_label"]

#: Fingertips tests the recent trend over this many most recent periods...
TREND_POINTS = 5
#: ...at this confidence level (chi-squared above its 99.8% point).
TREND_CONFIDENCE = 0.998

_POLARITY = (None, *POLARITIES)
_METHOD = "chi-squared test for trend (Fingertips recent trend)"


def _score_test(x: np.ndarray, n: np.ndarray, t: np.ndarray) -> tuple[float, float]:
    """Return (chi-squared statistic, gradient); NaN when the proportion is 0 or 1 throughout."""
    total = n.sum()
    p = x.sum() / total
    t_bar = np.sum(n * t) / total
    u = np.sum((t - t_bar) * (x - n * p))
    var = p * (1 - p) * np.sum(n * (t - t_bar) ** 2)
    if var <= 0:
        return np.nan, np.nan
    return u**2 / var, u / var


def _inputs(numerator: object, denominator: object, period: object, allow_nan: bool):
    x = v.as_array(numerator, "numerator", allow_nan=allow_nan)
    n = v.as_array(denominator, "denominator", allow_nan=allow_nan)
    if len(x) != len(n):
        raise StatsInputError(
            f"numerator has {len(x)} values but denominator has {len(n)}: give one of each "
            "per period"
        )
    ok = ~(np.isnan(x) | np.isnan(n))
    v.check_nonnegative(np.where(ok, x, 0), "numerator")
    v.check_positive(np.where(ok, n, 1), "denominator")
    v.check_not_above(np.where(ok, x, 0), np.where(ok, n, 1), "numerator", "denominator")
    t = v.periods(period, len(x), "numerator")
    if period is not None:
        order = np.argsort(t, kind="stable")
        x, n, t = x[order], n[order], t[order]
    return x, n, t


def trend_label(increasing: bool, polarity: str | None) -> str:
    """Name a significant trend: "increasing", or with a polarity "... and getting better".

    Parameters
    ----------
    increasing : bool
        The direction of the significant trend.
    polarity : {None, "no_judgement", "higher_is_better", "lower_is_better"}

    Returns
    -------
    str

    Examples
    --------
    >>> trend_label(True, "lower_is_better"), trend_label(False, None)
    ('increasing and getting worse', 'decreasing')
    """
    label = "increasing" if increasing else "decreasing"
    if polarity in ("higher_is_better", "lower_is_better"):
        better = increasing == (polarity == "higher_is_better")
        label += " and getting better" if better else " and getting worse"
    return label


def chi_squared_trend(numerator: object, denominator: object, period: object = None) -> pd.Series:
    """Chi-squared test for linear trend in proportions (Armitage 1955).

    Uses all the points given (see the module docstring for the formulae);
    ``period`` values are the scores (default 0, 1, 2, ...). Equals R's
    ``prop.trend.test``.

    Parameters
    ----------
    numerator, denominator : array-like
        Counts and denominators by period, in time order unless ``period`` is given.
    period : array-like of numbers, optional
        Time of each point, e.g. the year; rows are sorted by it.

    Returns
    -------
    pandas.Series
        ``statistic`` (chi-squared, 1 df), ``gradient`` (logit scale per unit of
        period) and ``p_value``.

    Raises
    ------
    thlib.errors.StatsInputError
        Fewer than 2 periods, missing, negative or non-numeric counts, a
        numerator above its denominator, lengths that differ, or repeated periods.

    References
    ----------
    Armitage P (1955). Tests for linear trends in proportions and frequencies.
    Biometrics 11:375-386.
    Armitage P, Berry G, Matthews JNS (2002). Statistical methods in medical
    research, 4th edn. Blackwell, Oxford.

    Examples
    --------
    The example of R's ``prop.trend.test`` documentation, which gives
    X-squared = 8.2249 and p-value = 0.004132; the proportions fall:

    >>> out = chi_squared_trend([83, 90, 129, 70], [86, 93, 136, 82])
    >>> print(f"{out['statistic']:.4f} {out['p_value']:.6f} {out['gradient']:.4f}")
    8.2249 0.004132 -0.5663
    """
    x, n, t = _inputs(numerator, denominator, period, allow_nan=False)
    if len(x) < 2:
        raise StatsInputError("a test for trend needs at least 2 periods")
    stat, grad = _score_test(x, n, t)
    return pd.Series(
        {"statistic": stat, "gradient": grad, "p_value": chi2.sf(stat, 1)}, name="chi_squared_trend"
    )


def recent_trend(
    numerator: object,
    denominator: object,
    period: object = None,
    polarity: str | None = None,
    points: int = TREND_POINTS,
    confidence: float = TREND_CONFIDENCE,
) -> pd.DataFrame:
    """Fingertips recent trend of a proportion over its most recent five periods.

    Parameters
    ----------
    numerator, denominator : array-like
        Counts and denominators by period (missing values allowed; a missing
        value among the last five gives "could not be calculated").
    period : array-like of numbers, optional
        Time of each point (e.g. year); rows are sorted by it. Without it the
        rows are taken as consecutive, equally spaced periods in order.
    polarity : {None, "no_judgement", "higher_is_better", "lower_is_better"}
        With a direction, "increasing"/"decreasing" become e.g. "increasing and
        getting better".
    points : int, default 5
        Number of most recent points tested (Fingertips uses 5).
    confidence : float, default 0.998
        Significance level of the test (Fingertips uses 99.8%: chi2 > 9.5495).

    Returns
    -------
    pandas.DataFrame
        One row: ``trend`` ("increasing", "decreasing", "no significant change",
        "could not be calculated", or with polarity "... and getting better/worse"),
        ``reason``, ``statistic``, ``gradient``, ``p_value`` (of chi-squared on 1 df),
        ``critical_value``, ``points`` and ``method``.

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or non-numeric counts, a numerator above its denominator,
        lengths that differ, repeated periods, an unknown polarity, ``points``
        below 3, or a confidence level outside (0, 1).

    References
    ----------
    Office for Health Improvement and Disparities. Fingertips trend markers.
    Public health technical guidance, https://fingertips.phe.org.uk/static-reports/
    public-health-technical-guidance/Presentation/Trend_markers.html
    Armitage P (1955). Tests for linear trends in proportions and frequencies.
    Biometrics 11:375-386.
    PHEindicatormethods (R package), ``assign_trend_markers``.

    Examples
    --------
    100, 120, 140, 160 and 180 in 1000: ``p = 0.14``, ``U = 200``,
    ``V = 0.14 * 0.86 * 1000 * 10 = 1204``, chi-squared ``200^2 / 1204 =
    33.2226``, above 9.5495 (hand calculation):

    >>> out = recent_trend([100, 120, 140, 160, 180], [1000] * 5, polarity="lower_is_better")
    >>> out.loc[0, "trend"]
    'increasing and getting worse'
    >>> out.loc[0, ["statistic", "critical_value"]].astype(float).round(4).tolist()
    [33.2226, 9.5495]

    Too few points is said, not guessed:

    >>> out = recent_trend([1, 2, 3, 4], [10] * 4)
    >>> out.loc[0, ["trend", "reason"]].tolist()
    ['could not be calculated', 'fewer than 5 data points (4)']
    """
    v.check_choice(polarity, "polarity", _POLARITY)
    level = v.single_confidence(confidence)
    if isinstance(points, bool) or not isinstance(points, int | np.integer) or points < 3:
        raise StatsInputError(f"points is {points!r}: give a whole number of at least 3 (e.g. 5)")
    x, n, t = _inputs(numerator, denominator, period, allow_nan=True)
    critical = float(chi2.ppf(level, 1))
    row: dict[str, object] = {
        "trend": "could not be calculated",
        "reason": "",
        "statistic": np.nan,
        "gradient": np.nan,
        "p_value": np.nan,
        "critical_value": critical,
        "points": min(points, len(x)),
        "method": _METHOD,
    }
    if len(x) < points:
        row["reason"] = f"fewer than {points} data points ({len(x)})"
        return pd.DataFrame([row])
    x, n, t = x[-points:], n[-points:], t[-points:]
    if np.isnan(x).any() or np.isnan(n).any():
        row["reason"] = f"a value is missing among the last {points} points"
        return pd.DataFrame([row])
    stat, grad = _score_test(x, n, t)
    row.update(statistic=stat, gradient=grad, p_value=chi2.sf(stat, 1),
               trend="no significant change")
    if np.isnan(stat):
        row["reason"] = "the proportion is 0 (or 1) in every period"
    elif stat <= critical:
        row["reason"] = f"chi-squared {stat:.4g} is not above {critical:.4g}"
    elif any(
        np.sign(_score_test(np.delete(x, j), np.delete(n, j), np.delete(t, j))[1]) != np.sign(grad)
        for j in range(points)
    ):
        row["reason"] = "significant, but removing one point reverses the direction (outlier)"
    else:
        row["trend"] = trend_label(grad > 0, polarity)
        row["reason"] = f"chi-squared {stat:.4g} is above {critical:.4g}"
    return pd.DataFrame([row])
