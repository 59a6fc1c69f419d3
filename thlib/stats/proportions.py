"""Proportions with Wilson score confidence intervals, as PHEindicatormethods ``phe_proportion``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from thlib.stats import _validate as v

__all__ = ["proportion", "wilson_lower", "wilson_upper"]


def wilson_lower(numerator: object, denominator: object, confidence: float = 0.95) -> np.ndarray:
    """Lower Wilson score limit for a proportion, no continuity correction.

    ``(2x + z^2 - z*sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2))`` with
    ``z = qnorm(confidence + (1 - confidence) / 2)``, the algebraic form used by
    PHEindicatormethods ``wilson_lower``.

    Parameters
    ----------
    numerator, denominator : array-like or scalar
        Cases meeting the condition (``x``, each 0 <= x <= n) and sample sizes
        (``n``, each > 0); a scalar is used for every row.
    confidence : float, default 0.95
        Two-sided confidence level in (0, 1).

    Returns
    -------
    numpy.ndarray
        Lower limits on the 0-1 scale, one per row.

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing numerators, denominators <= 0, a numerator above its
        denominator, mismatched lengths, or a confidence level outside (0, 1).

    See Also
    --------
    wilson_upper, proportion

    References
    ----------
    Wilson EB (1927). Probable inference, the law of succession, and statistical
    inference. J Am Stat Assoc 22:209-212.

    Examples
    --------
    65 of 100 at 95%: ``z = 1.959964``, ``(130 + 3.841459 - 19.087419) / 207.682918``
    (hand calculation). 81 of 263 is the first worked example of Newcombe (1998),
    who gives 0.2553 to 0.3662:

    >>> wilson_lower([65, 81], [100, 263]).round(4)
    array([0.5525, 0.2553])
    >>> wilson_lower(65, 100, confidence=0.998).round(4)
    array([0.4955])
    """
    x, n, z = _inputs(numerator, denominator, confidence)
    return (2 * x + z**2 - z * np.sqrt(z**2 + 4 * x * (1 - x / n))) / 2 / (n + z**2)


def wilson_upper(numerator: object, denominator: object, confidence: float = 0.95) -> np.ndarray:
    """Upper Wilson score limit for a proportion, no continuity correction.

    ``(2x + z^2 + z*sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2))``, as
    PHEindicatormethods ``wilson_upper``; see :func:`wilson_lower`.

    Parameters
    ----------
    numerator, denominator : array-like or scalar
        Cases meeting the condition (``x``, each 0 <= x <= n) and sample sizes
        (``n``, each > 0); a scalar is used for every row.
    confidence : float, default 0.95
        Two-sided confidence level in (0, 1).

    Returns
    -------
    numpy.ndarray
        Upper limits on the 0-1 scale, one per row.

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing numerators, denominators <= 0, a numerator above its
        denominator, mismatched lengths, or a confidence level outside (0, 1).

    See Also
    --------
    wilson_lower, proportion

    References
    ----------
    Wilson EB (1927). Probable inference, the law of succession, and statistical
    inference. J Am Stat Assoc 22:209-212.

    Examples
    --------
    65 of 100 at 95%: ``(130 + 3.841459 + 19.087419) / 207.682918`` (hand
    calculation); 81 of 263: 0.3662 (Newcombe 1998):

    >>> wilson_upper([65, 81], [100, 263]).round(4)
    array([0.7364, 0.3662])
    """
    x, n, z = _inputs(numerator, denominator, confidence)
    return (2 * x + z**2 + z * np.sqrt(z**2 + 4 * x * (1 - x / n))) / 2 / (n + z**2)


def _inputs(numerator: object, denominator: object, confidence: float):
    level = v.single_confidence(confidence)
    x, n = _counts(numerator, denominator)
    return x, n, v.z_value(level)


def _counts(numerator: object, denominator: object) -> tuple[np.ndarray, np.ndarray]:
    x = v.as_array(numerator, "numerator")
    n = v.as_array(denominator, "denominator")
    arrays = v.match_lengths(numerator=x, denominator=n)
    x, n = arrays["numerator"], arrays["denominator"]
    v.check_nonnegative(x, "numerator")
    v.check_positive(n, "denominator")
    v.check_not_above(x, n, "numerator", "denominator")
    return x, n


def proportion(
    numerator: object,
    denominator: object,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 1,
) -> pd.DataFrame:
    """Proportion with Wilson score confidence limits, one row per input.

    Follows PHEindicatormethods ``phe_proportion``: value = numerator /
    denominator * multiplier, limits from the Wilson score interval without
    continuity correction (Wilson 1927; Newcombe 1998), scaled by
    ``multiplier``. Non-integer numerators (e.g. modelled counts) are accepted,
    as in the R package.

    Parameters
    ----------
    numerator : array-like or scalar
        Cases meeting the condition; each 0 <= numerator <= denominator.
    denominator : array-like or scalar
        Sample sizes, each > 0. A scalar is used for every row.
    confidence : float or sequence of float, default 0.95
        Two-sided level in (0, 1), e.g. 0.95 or 0.998. A list such as
        ``[0.95, 0.998]`` gives ``lower95_0cl``, ``upper95_0cl``,
        ``lower99_8cl``, ``upper99_8cl`` columns instead of ``lower``/``upper``.
    multiplier : float, default 1
        Scale of the output, e.g. 100 for a percentage.

    Returns
    -------
    pandas.DataFrame
        Columns ``numerator``, ``denominator``, ``value``, ``lower``, ``upper``,
        ``confidence`` (e.g. "95%"), ``statistic`` ("proportion",
        "percentage" when multiplier is 100, else "proportion of <m>") and
        ``method`` ("Wilson").

    Raises
    ------
    thlib.errors.StatsInputError
        Negative or missing numerators, denominators <= 0, numerator above
        denominator, mismatched lengths, confidence outside (0, 1).

    References
    ----------
    Wilson EB (1927). Probable inference, the law of succession, and statistical
    inference. J Am Stat Assoc 22:209-212.
    Newcombe RG (1998). Two-sided confidence intervals for the single proportion:
    comparison of seven methods. Stat Med 17:857-872.
    Newcombe RG, Altman DG (2000). Proportions and their differences. In Altman DG
    et al. (eds), Statistics with confidence, 2nd edn. BMJ Books, pp 46-48.
    Fox S et al. PHEindicatormethods (R package), ``phe_proportion``.

    Examples
    --------
    The four worked examples of Newcombe (1998), who gives 0.2553 to 0.3662,
    0.0624 to 0.1605, 0 to 0.1611 and 0.0061 to 0.1718:

    >>> out = proportion([81, 15, 0, 1], [263, 148, 20, 29])
    >>> out[["lower", "upper"]].round(4)
        lower   upper
    0  0.2553  0.3662
    1  0.0624  0.1605
    2  0.0000  0.1611
    3  0.0061  0.1718

    As a percentage at 95% and 99.8% (65 of 100; hand calculation):

    >>> out = proportion(65, 100, confidence=[0.95, 0.998], multiplier=100)
    >>> out[["value", "lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]].round(2)
       value  lower95_0cl  upper95_0cl  lower99_8cl  upper99_8cl
    0   65.0        55.25        73.64        49.55        77.84
    >>> out.loc[0, ["confidence", "statistic", "method"]].tolist()
    ['95%, 99.8%', 'percentage', 'Wilson']
    """
    levels, many = v.check_confidence(confidence)
    m = v.check_multiplier(multiplier)
    x, n = _counts(numerator, denominator)
    out = pd.DataFrame({"numerator": x, "denominator": n, "value": x / n * m})
    for level in levels:
        lo, hi = v.interval_columns(level, many)
        out[lo] = wilson_lower(x, n, level) * m
        out[hi] = wilson_upper(x, n, level) * m
    if m == 1:
        statistic = "proportion"
    elif m == 100:
        statistic = "percentage"
    else:
        statistic = f"proportion of {v.multiplier_text(m)}"
    out["confidence"] = v.confidence_label(levels)
    out["statistic"] = statistic
    out["method"] = "Wilson"
    return out
