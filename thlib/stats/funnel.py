"""Funnel plot control limits at 95% and 99.8% around a target (PHE funnel plot method).

Proportions: the limits at sample size ``n`` are the observed proportions whose
95% / 99.8% Wilson score interval just reaches the target. This is the PHE
method (PHEindicatormethods ``calculate_funnel_limits``, ``sigma_adjustment``)
and reduces algebraically to Spiegelhalter's normal approximation
``target +/- z * sqrt(target * (1 - target) / n)``, clipped to [0, 1].

Rates and ratios: exact Poisson limits. At expected count ``E = target * n``
the upper limit is the count ``c`` with ``P(Gamma(c) <= E) = alpha/2`` and the
lower limit the count with ``P(Gamma(c + 1) <= E) = 1 - alpha/2``, i.e. the
counts whose exact (chi-squared) Poisson interval just reaches ``E``; the
gamma form extends this smoothly between whole counts. At whole counts it is
the PHE method for rates and ratios (``poisson_funnel``). Limits are ``c / n``
scaled by the multiplier.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import chdtriv
from scipy.stats import norm

from thlib.errors import StatsInputError
from thlib.stats import _validate as v

__all__ = ["funnel_limits"]

_LEVELS = ((0.95, "95"), (0.998, "998"))


def funnel_limits(
    denominator: object,
    target: float,
    statistic: str = "proportion",
    multiplier: float = 1,
) -> pd.DataFrame:
    """Funnel plot control limits around a target at 95% and 99.8%.

    Parameters
    ----------
    denominator : array-like
        Where to evaluate the limits: sample sizes (proportions), populations or
        person-years (rates) or expected counts (ratios such as an indirectly
        standardised ratio), each > 0. E.g. ``numpy.geomspace(10, 1e5, 100)``.
    target : float
        Centre line on the output scale: a proportion times ``multiplier`` (e.g.
        80.6 with multiplier 100), a rate per ``multiplier``, or a ratio times
        ``multiplier`` (1, or 100 for an ISR with multiplier 100). Usually the
        overall value, sum of numerators / sum of denominators.
    statistic : {"proportion", "rate", "ratio"}
        "proportion" uses the Wilson/normal limits; "rate" and "ratio" use
        exact Poisson limits.
    multiplier : float, default 1
        Output scale, e.g. 100 for percentages, 100000 for rates.

    Returns
    -------
    pandas.DataFrame
        ``denominator``, ``target``, ``lower_95``, ``upper_95``, ``lower_998``,
        ``upper_998``, ``statistic`` and ``method`` ("Wilson" or "Poisson").

    Raises
    ------
    thlib.errors.StatsInputError
        An unknown statistic, denominators <= 0 or missing, a target that is not
        a number, a proportion target outside 0 to ``multiplier``, a rate or ratio
        target <= 0, or a multiplier <= 0.

    References
    ----------
    Spiegelhalter DJ (2005). Funnel plots for comparing institutional
    performance. Stat Med 24:1185-1202.
    Public Health England (2017). Technical guide: funnel plots. Fingertips
    supporting information.
    PHEindicatormethods (R package), ``calculate_funnel_limits``.

    Examples
    --------
    Around a proportion of 0.5 at ``n = 100``: ``0.5 -/+ z * sqrt(0.25 / 100)``
    with ``z`` 1.959964 (95%) and 3.090232 (99.8%) (hand calculation):

    >>> out = funnel_limits([100], 0.5)
    >>> out[["lower_95", "upper_95", "lower_998", "upper_998"]].round(4)
       lower_95  upper_95  lower_998  upper_998
    0     0.402     0.598     0.3455     0.6545

    Ratios (e.g. an indirectly standardised ratio of 100) use exact Poisson limits.
    With 18.39 expected events, 10 observed is exactly on the lower 95% limit (18.39
    is the exact upper 95% limit of 10 events); PHEindicatormethods' test data gives
    54.3763:

    >>> out = funnel_limits([18.39035799], 100, "ratio", multiplier=100)
    >>> round(float(out.loc[0, "lower_95"]), 4)
    54.3763
    """
    v.check_choice(statistic, "statistic", ("proportion", "rate", "ratio"))
    m = v.check_multiplier(multiplier)
    n = v.as_array(denominator, "denominator")
    v.check_positive(n, "denominator")
    if isinstance(target, bool) or not isinstance(target, int | float | np.integer | np.floating):
        raise StatsInputError(f"target is {target!r}: give a single number")
    theta = float(target) / m
    if statistic == "proportion" and not 0 <= theta <= 1:
        raise StatsInputError(
            f"target is {v.fmt(target)}: a proportion target must be between 0 and the "
            f"multiplier ({v.fmt(m)})"
        )
    if statistic != "proportion" and not (np.isfinite(theta) and theta > 0):
        raise StatsInputError(
            f"target is {v.fmt(target)}: a {statistic} target must be greater than 0"
        )
    out = pd.DataFrame({"denominator": n, "target": float(target)})
    for level, tag in _LEVELS:
        if statistic == "proportion":
            half = norm.ppf((1 + level) / 2) * np.sqrt(theta * (1 - theta) / n)
            lower, upper = np.clip(theta - half, 0, 1), np.clip(theta + half, 0, 1)
        else:
            expected = theta * n
            alpha = 1 - level
            lower = np.maximum(chdtriv(1 - alpha / 2, 2 * expected) / 2 - 1, 0) / n
            upper = chdtriv(alpha / 2, 2 * expected) / 2 / n
        out[f"lower_{tag}"] = lower * m
        out[f"upper_{tag}"] = upper * m
    out["statistic"] = statistic
    out["method"] = "Wilson" if statistic == "proportion" else "Poisson"
    return out
