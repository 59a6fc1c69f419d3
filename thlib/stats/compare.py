"""Benchmark comparisons by the Fingertips confidence-interval rule.

An area is significantly different from a benchmark (e.g. England) when the
benchmark value lies outside the area's confidence interval (strictly below
the lower limit or strictly above the upper limit); otherwise it is similar.
Fingertips makes this comparison at 95% or 99.8% confidence depending on the
indicator.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from thlib.errors import StatsInputError
from thlib.stats import _validate as v
from thlib.stats.proportions import proportion
from thlib.stats.rates import rate

__all__ = ["POLARITIES", "compare", "compare_proportion", "compare_rate", "judgement"]

#: Accepted polarities.
POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")

_LABELS = {
    # polarity: (label when area is higher, label when area is lower)
    "higher_is_better": ("better", "worse"),
    "lower_is_better": ("worse", "better"),
    "no_judgement": ("higher", "lower"),
}


def judgement(higher: bool, polarity: str) -> str:
    """Return the label of a significant difference: "better"/"worse", or "higher"/"lower".

    Parameters
    ----------
    higher : bool
        Whether the area (or the later period) is the higher.
    polarity : {"higher_is_better", "lower_is_better", "no_judgement"}

    Returns
    -------
    str

    Examples
    --------
    >>> judgement(True, "lower_is_better"), judgement(False, "no_judgement")
    ('worse', 'lower')
    """
    v.check_choice(polarity, "polarity", POLARITIES)
    return _LABELS[polarity][0 if higher else 1]


def compare(
    value: object,
    lower: object,
    upper: object,
    benchmark: object,
    polarity: str,
    confidence: float | None = None,
) -> pd.Series:
    """Compare areas with a benchmark using the areas' confidence intervals.

    Fingertips rule: if the benchmark is below the area's lower limit the area
    is significantly higher; if above the upper limit, significantly lower;
    otherwise similar. Higher/lower become better/worse through ``polarity``.
    Rows with a missing value, limit or benchmark are "not compared".

    Parameters
    ----------
    value, lower, upper : array-like or scalar
        The area values and their confidence limits (NaN allowed).
    benchmark : array-like or scalar
        Comparator value(s), e.g. the England value; a scalar applies to all rows.
    polarity : {"higher_is_better", "lower_is_better", "no_judgement"}
        Gives "better"/"similar"/"worse", or "higher"/"similar"/"lower" for
        "no_judgement".
    confidence : float, optional
        Level of the supplied intervals; only recorded in ``Series.attrs``.

    Returns
    -------
    pandas.Series
        Named "comparison", one label per row (keeping the index of ``value``
        if it is a Series): "better", "similar", "worse" (or "higher",
        "similar", "lower"), or "not compared".

    Raises
    ------
    thlib.errors.StatsInputError
        An unknown polarity, a lower limit above its upper limit, non-numeric
        values, mismatched lengths, or a confidence level outside (0, 1).

    References
    ----------
    Public Health England (2017). Technical guide: RAG rating indicator values;
    and Comparators briefing (technical). Fingertips supporting information,
    https://fingertips.phe.org.uk/profile/guidance.
    Office for Health Improvement and Disparities. Public health technical
    guidance (Fingertips). https://fingertips.phe.org.uk/static-reports/
    public-health-technical-guidance/

    Examples
    --------
    Against a benchmark of 10: the first interval contains it, the second lies
    above it, the third below it, and the fourth has no value:

    >>> compare([10, 12, 8, None], [9, 11, 7, 9], [11, 13, 9.5, 11], 10,
    ...         "higher_is_better").tolist()
    ['similar', 'better', 'worse', 'not compared']
    >>> compare([10, 12, 8], [9, 11, 7], [11, 13, 9.5], 10, "no_judgement").tolist()
    ['similar', 'higher', 'lower']
    """
    v.check_choice(polarity, "polarity", POLARITIES)
    arrays = v.match_lengths(
        value=v.as_array(value, "value", allow_nan=True),
        lower=v.as_array(lower, "lower", allow_nan=True),
        upper=v.as_array(upper, "upper", allow_nan=True),
        benchmark=v.as_array(benchmark, "benchmark", allow_nan=True),
    )
    lo, hi, bm = arrays["lower"], arrays["upper"], arrays["benchmark"]
    bad = np.flatnonzero(lo > hi)
    if bad.size:
        i = bad[0]
        raise StatsInputError(
            f"lower (position {i}) is {v.fmt(lo[i])}, above upper {v.fmt(hi[i])}: "
            "check the limits are not swapped"
        )
    missing = np.isnan(arrays["value"]) | np.isnan(lo) | np.isnan(hi) | np.isnan(bm)
    higher_label, lower_label = _LABELS[polarity]
    labels = np.select(
        [missing, bm < lo, bm > hi],
        ["not compared", higher_label, lower_label],
        default="similar",
    )
    index = value.index if isinstance(value, pd.Series) and len(value) == len(labels) else None
    out = pd.Series(labels, index=index, name="comparison", dtype=object)
    if confidence is not None:
        level = v.single_confidence(confidence)
        out.attrs["confidence"] = v.confidence_label([level])
    return out


def _add_comparisons(
    table: pd.DataFrame, benchmark: object, polarity: str, levels: Sequence[float], many: bool
) -> pd.DataFrame:
    bm = v.as_array(benchmark, "benchmark", allow_nan=True)
    if len(bm) not in (1, len(table)):
        raise StatsInputError(
            f"benchmark has {len(bm)} values but there are {len(table)} rows: give one "
            "benchmark per row or a single benchmark for all rows"
        )
    table["benchmark"] = np.broadcast_to(bm, (len(table),))
    for level in levels:
        lo, hi = v.interval_columns(level, many)
        name = f"comparison{lo.removeprefix('lower').removesuffix('cl')}"
        table[name] = compare(
            table["value"], table[lo], table[hi], table["benchmark"], polarity
        ).to_numpy()
    return table


def compare_proportion(
    numerator: object,
    denominator: object,
    benchmark: object,
    polarity: str,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 1,
) -> pd.DataFrame:
    """Proportions with Wilson limits compared with a benchmark (Fingertips rule).

    Computes :func:`thlib.stats.proportion` and applies :func:`compare`.
    ``benchmark`` is on the same scale as the output (e.g. a percentage when
    ``multiplier=100``). With ``confidence=[0.95, 0.998]`` there is one
    comparison column per level (``comparison95_0``, ``comparison99_8``).

    Parameters
    ----------
    numerator, denominator : array-like or scalar
        As for :func:`~thlib.stats.proportion`.
    benchmark : array-like or scalar
        Comparator value(s) on the output scale; a scalar applies to all rows.
    polarity : {"higher_is_better", "lower_is_better", "no_judgement"}
        See :func:`compare`.
    confidence : float or sequence of float, default 0.95
        Level(s) of the intervals and so of the comparison.
    multiplier : float, default 1
        Scale of the output, e.g. 100 for a percentage.

    Returns
    -------
    pandas.DataFrame
        The :func:`~thlib.stats.proportion` table plus ``benchmark`` and
        ``comparison`` columns.

    Raises
    ------
    thlib.errors.StatsInputError
        An unknown polarity, a benchmark of the wrong length, or any input
        :func:`~thlib.stats.proportion` refuses.

    References
    ----------
    Wilson EB (1927). J Am Stat Assoc 22:209-212.
    Public Health England (2017). Technical guide: RAG rating indicator values.

    Examples
    --------
    65 of 100 against a benchmark of 0.5: the 95% interval starts at 0.5525, above
    it, but the 99.8% interval at 0.4955, below it (hand calculation):

    >>> out = compare_proportion(65, 100, 0.5, "higher_is_better", confidence=[0.95, 0.998])
    >>> out.loc[0, ["comparison95_0", "comparison99_8"]].tolist()
    ['better', 'similar']
    """
    v.check_choice(polarity, "polarity", POLARITIES)
    levels, many = v.check_confidence(confidence)
    table = proportion(numerator, denominator, confidence, multiplier)
    return _add_comparisons(table, benchmark, polarity, levels, many)


def compare_rate(
    count: object,
    denominator: object,
    benchmark: object,
    polarity: str,
    multiplier: float = 100000,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Crude rates with Byar's/exact limits compared with a benchmark (Fingertips rule).

    Computes :func:`thlib.stats.rate` and applies :func:`compare`;
    ``benchmark`` is a rate per ``multiplier``.

    Parameters
    ----------
    count, denominator : array-like or scalar
        As for :func:`~thlib.stats.rate`.
    benchmark : array-like or scalar
        Comparator rate(s) per ``multiplier``; a scalar applies to all rows.
    polarity : {"higher_is_better", "lower_is_better", "no_judgement"}
        See :func:`compare`.
    multiplier : float, default 100000
        Rate per this many.
    confidence : float or sequence of float, default 0.95
        Level(s) of the intervals and so of the comparison.

    Returns
    -------
    pandas.DataFrame
        The :func:`~thlib.stats.rate` table plus ``benchmark`` and
        ``comparison`` columns.

    Raises
    ------
    thlib.errors.StatsInputError
        An unknown polarity, a benchmark of the wrong length, or any input
        :func:`~thlib.stats.rate` refuses.

    References
    ----------
    Breslow NE, Day NE (1987). Statistical methods in cancer research, vol II. IARC.
    Public Health England (2017). Technical guide: RAG rating indicator values.

    Examples
    --------
    68 events in 174 people is 39080 per 100,000 with 95% limits 30346 to 49545
    (PHEindicatormethods vignette), so for a lower-is-better indicator:

    >>> out = compare_rate([68, 68, 68], 174, [30000, 40000, 50000], "lower_is_better")
    >>> out["comparison"].tolist()
    ['worse', 'similar', 'better']
    """
    v.check_choice(polarity, "polarity", POLARITIES)
    levels, many = v.check_confidence(confidence)
    table = rate(count, denominator, multiplier, confidence)
    return _add_comparisons(table, benchmark, polarity, levels, many)
