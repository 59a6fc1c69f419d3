"""Plain-English sentences, chart titles and text alternatives generated from the figures.

Every function here is pure: it takes numbers, labels and names and returns a string
(Markdown where said, plain text otherwise). Numbers are written by
:mod:`.formatting`, labels by :mod:`.vocabulary`. Wording is neutral
("higher", "lower") unless a measure has a direction; the rule for what "stands out" is
documented in :func:`standout_facts`. Names inserted into Markdown are escaped
(:func:`thlib.presentation.prose.markdown_text`), so a name holding markup is shown as text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from thlib.presentation import formatting, vocabulary
from thlib.presentation.prose import markdown_text as md

__all__ = ["MIN_DIFFERENCE_POINTS", "Fact", "active_title", "bar_chart_alt",
           "bar_chart_alt_extremes", "bestfit_sentence", "caveats_sentence", "change_phrase",
           "comparison_sentence", "crime_line",
           "deprivation_line", "fact_sentence", "join_names", "peers_sentence",
           "progress_sentence", "residents_line", "stale_sentence", "standout_facts",
           "target_sentence", "trend_chart_alt", "trend_title"]

#: A difference must be at least this many percentage points to be called out.
MIN_DIFFERENCE_POINTS = 3.0


@dataclass(frozen=True)
class Fact:
    """A share in the area set against the same share in a comparator.

    Parameters
    ----------
    phrase : str
        What the share counts, e.g. ``"households rent from a social landlord"``.
    area : str
        The area's name.
    value : float
        The area's share, in percent.
    comparator : str
        The comparator's name.
    comparator_value : float
        The comparator's share, in percent.

    Examples
    --------
    >>> fact = Fact("households rent privately", "Bow East", 30.0, "Tower Hamlets", 40.0)
    >>> fact.difference, fact.ratio
    (-10.0, 0.75)
    """

    phrase: str
    area: str
    value: float
    comparator: str
    comparator_value: float

    @property
    def difference(self) -> float:
        """The area's share minus the comparator's, in percentage points."""
        return self.value - self.comparator_value

    @property
    def ratio(self) -> float:
        """The area's share divided by the comparator's (infinite if that is 0)."""
        return self.value / self.comparator_value if self.comparator_value else float("inf")


def join_names(names: Iterable[str]) -> str:
    """Join names in prose: ``a``, ``a and b``, ``a, b and c``.

    Parameters
    ----------
    names : iterable of str
        The names, in order.

    Returns
    -------
    str

    Examples
    --------
    >>> join_names(["Bow East", "Bow West", "Mile End"])
    'Bow East, Bow West and Mile End'
    """
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def fact_sentence(fact: Fact) -> str:
    """Say how a share compares with the comparator's, without judgement (Markdown).

    Parameters
    ----------
    fact : Fact
        The share and its comparator.

    Returns
    -------
    str
        A sentence; a difference under 0.05 points is "the same as".

    Examples
    --------
    >>> fact_sentence(Fact("households rent privately", "Bow East", 31.24, "Tower Hamlets",
    ...                    38.16))
    '31.2% of households rent privately, lower than in Tower Hamlets (38.2%).'
    """
    if abs(fact.difference) < 0.05:
        relation = "the same as"
    else:
        relation = "higher than" if fact.difference > 0 else "lower than"
    return (f"{formatting.percent(fact.value)} of {md(fact.phrase)}, {relation} in "
            f"{md(fact.comparator)} ({formatting.percent(fact.comparator_value)}).")


def standout_facts(facts: list[Fact], limit: int = 5) -> list[Fact]:
    """Return the facts that stand out most, largest relative difference first.

    Rule: keep facts that differ from the comparator by at least
    :data:`MIN_DIFFERENCE_POINTS` percentage points; order them by the size of the
    ratio between area and comparator (a share twice or half the comparator's counts
    the same; a tie keeps the order given); keep at most ``limit``.

    Parameters
    ----------
    facts : list of Fact
        The candidate facts.
    limit : int, default 5
        How many to keep at most.

    Returns
    -------
    list of Fact

    Examples
    --------
    >>> facts = [Fact("a", "X", 10.0, "Y", 12.0), Fact("b", "X", 60.0, "Y", 50.0),
    ...          Fact("c", "X", 8.0, "Y", 4.0)]
    >>> [f.phrase for f in standout_facts(facts)]
    ['c', 'b']
    """
    kept = [f for f in facts if abs(f.difference) >= MIN_DIFFERENCE_POINTS]
    return sorted(kept, key=lambda f: -abs(math.log(f.ratio)) if f.ratio > 0 else 0)[:limit]


def comparison_sentence(
    title: str,
    area: str,
    value: str,
    comparator: str,
    comparator_value: str,
    comparison: str,
    higher: bool,
    confidence: float,
) -> str:
    """Say in plain English how an area compares with a benchmark (Markdown).

    Parameters
    ----------
    title : str
        The measure, e.g. ``"Overcrowded households"``.
    area, comparator : str
        Names, e.g. ``"Tower Hamlets"`` and ``"London"``.
    value, comparator_value : str
        Formatted values (:func:`thlib.presentation.formatting.value`).
    comparison : str
        A label from :func:`thlib.stats.compare`: "better", "worse", "similar", "higher",
        "lower" or "not compared".
    higher : bool
        Whether the area's value is above the comparator's (gives the direction word).
    confidence : float
        The level of the test (the indicator's ``confidence``), said in the sentence.

    Returns
    -------
    str

    Raises
    ------
    DataError
        If ``comparison`` is not a significance label.

    Notes
    -----
    "better" and "worse" are said only when the comparison carries them, i.e. when the
    indicator has a direction; otherwise the sentence says only "higher" or "lower".

    Examples
    --------
    >>> comparison_sentence("Overcrowding", "Tower Hamlets", "15.9%", "London", "11.1%",
    ...                     "worse", higher=True, confidence=0.95)
    'Overcrowding in Tower Hamlets (15.9%) is significantly higher than in London (11.1%), which is worse (95% confidence).'
    """  # noqa: E501
    label = vocabulary.significance(comparison).label
    level = formatting.level(confidence)
    direction = "higher" if higher else "lower"
    lead = f"{md(title)} in {md(area)} ({value})"
    comparator = md(comparator)
    if label in ("better", "worse"):
        return (f"{lead} is significantly {direction} than in {comparator} "
                f"({comparator_value}), which is {vocabulary.significance(label).word} "
                f"({level} confidence).")
    if label in ("higher", "lower"):
        return (f"{lead} is significantly {vocabulary.significance(label).word} than in "
                f"{comparator} ({comparator_value}) ({level} confidence).")
    if label == "similar":
        return (f"{lead} is similar to {comparator} ({comparator_value}): the difference is "
                f"not statistically significant ({level} confidence).")
    return (f"{lead} compares with {comparator_value} in {comparator}; no confidence interval "
            "is published, so the difference is not tested.")


def active_title(percentages: pd.DataFrame, topic: str, area: str, comparator: str,
                 group: str = "{}") -> str:
    """Return a chart's active title: the category where the area differs most.

    Parameters
    ----------
    percentages : pandas.DataFrame
        Columns ``category``, ``name`` and ``percent`` (one row per pair).
    topic : str
        What the chart shows, e.g. ``"Tenure"``.
    area, comparator : str
        The area's and the comparator's names (values of ``name``).
    group : str, default "{}"
        How a category reads in the title, with ``{}`` for the category, e.g.
        ``"households in tenure: {}"``.

    Returns
    -------
    str
        "<topic>: <area> has a higher (lower) share of <group> than <comparator>", for the
        category with the largest difference in points; without the comparator in the
        data, "<topic>: <category> is the largest group in <area>".

    Examples
    --------
    >>> shares = pd.DataFrame({"category": ["Owned", "Owned", "Rented", "Rented"],
    ...                        "name": ["Bow", "Borough", "Bow", "Borough"],
    ...                        "percent": [20.0, 25.0, 80.0, 75.0]})
    >>> active_title(shares, "Tenure", "Bow", "Borough", "households in tenure: {}")
    'Tenure: Bow has a lower share of households in tenure: Owned than Borough'
    """
    table = percentages.pivot_table(index="category", columns="name", values="percent",
                                    observed=True)
    if comparator not in table:
        largest = table[area].idxmax()
        return f"{topic}: {largest} is the largest group in {area}"
    gap = table[area] - table[comparator]
    category = gap.abs().idxmax()
    direction = "higher" if gap[category] > 0 else "lower"
    return (f"{topic}: {area} has a {direction} share of {group.format(category)} than "
            f"{comparator}")


def bar_chart_alt(frame: pd.DataFrame, title: str, value: str = "percent",
                  unit: str = "%", decimals: int = 1) -> str:
    """Return the short text alternative of a bar chart of categories by area.

    The title (the chart's message) and the largest category of the first area; every
    value, with the comparators', is in the data table shown after the chart.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``category``, ``name`` and ``value`` (named by ``value``), the
        chart's area first.
    title : str
        The chart's title.
    value : str, default "percent"
        The column of values.
    unit : str, default "%"
        Written after the number (e.g. ``"%"``, ``" µg/m³"``, ``""``).
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str
        "Bar chart. <title>. Largest in <area>: <category>, <value>. Values in the
        table below."

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["Owned", "Owned", "Rented", "Rented"],
    ...                       "name": ["Bow", "Borough", "Bow", "Borough"],
    ...                       "percent": [20.04, 25.0, 79.96, 75.0]})
    >>> bar_chart_alt(frame, "Tenure: Bow rents more than the borough")
    'Bar chart. Tenure: Bow rents more than the borough. Largest in Bow: Rented, 80.0%. Values in the table below.'
    """  # noqa: E501
    areas = list(dict.fromkeys(frame["name"]))
    own = frame[frame["name"] == areas[0]].dropna(subset=[value])
    if own.empty:  # every value of the area withheld or missing: nothing is largest
        return f"Bar chart. {title}. Values in the table below."
    top = own.loc[own[value].idxmax()]
    return (f"Bar chart. {title}. Largest in {areas[0]}: {top['category']}, "
            f"{formatting.number(top[value], decimals)}{unit}. Values in the table below.")


def bar_chart_alt_extremes(title: str, areas: Sequence[str] | pd.Series,
                           values: Sequence[float] | pd.Series, comparator: str,
                           comparator_value: float, unit: str, decimals: int = 1) -> str:
    """Return the short text alternative of a chart of many areas: lowest, highest, comparator.

    Parameters
    ----------
    title : str
        The chart's title.
    areas, values : sequence
        The areas' names and values (any order).
    comparator : str
        The comparator's name.
    comparator_value : float
        The comparator's value.
    unit : str
        The indicator's unit (:func:`thlib.presentation.formatting.value`).
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str

    Examples
    --------
    >>> bar_chart_alt_extremes("Crime", ["A", "B", "C"], [5.0, 2.0, 9.0],
    ...                        "Borough", 6.0, "per 1,000", 0)
    'Bar chart. Crime. Lowest: B 2 per 1,000; highest: C 9 per 1,000; Borough 6 per 1,000.'
    """  # noqa: E501
    ordered = pd.Series(list(values), index=list(areas)).sort_values(kind="stable")
    return (f"Bar chart. {title}. Lowest: {ordered.index[0]} "
            f"{formatting.value(ordered.iloc[0], unit, decimals)}; highest: "
            f"{ordered.index[-1]} {formatting.value(ordered.iloc[-1], unit, decimals)}; "
            f"{comparator} {formatting.value(comparator_value, unit, decimals)}.")


def residents_line(area: str, residents: int, percent_of_borough: float | None = None) -> str:
    """Say how many people live in the area (a "what stands out" line, Markdown).

    Parameters
    ----------
    area : str
        The area's name.
    residents : int
        Usual residents at the 2021 Census.
    percent_of_borough : float, optional
        The area's residents as a percentage of the borough's (not given for the borough).

    Returns
    -------
    str

    Examples
    --------
    >>> residents_line("Bow East", 15000, 5.0)
    "**15,000 people** lived in Bow East at the 2021 Census, 5.0% of the borough's residents."
    """  # noqa: E501
    line = f"**{formatting.count(residents)} people** lived in {md(area)} at the 2021 Census"
    if percent_of_borough is None:
        return line + "."
    return line + f", {formatting.percent(percent_of_borough)} of the borough's residents."


def deprivation_line(percent_most_deprived: float, source: str, borough: str | None = None,
                     borough_percent: float | None = None) -> str:
    """Say what share of the area's LSOAs are among England's 20% most deprived (Markdown).

    Parameters
    ----------
    percent_most_deprived : float
        The area's share of LSOAs in IMD deciles 1 and 2, in percent.
    source : str
        The index and its period, said in brackets, e.g. ``"IoD 2025"``.
    borough : str, optional
        The borough's name, when the area is not the borough.
    borough_percent : float, optional
        The same share across the borough.

    Returns
    -------
    str

    Examples
    --------
    >>> deprivation_line(50.0, "IoD 2025", "Tower Hamlets", 37.5)
    '**50%** of its small areas (LSOAs) are among the 20% most deprived in England (IoD 2025), against 38% across Tower Hamlets.'
    """  # noqa: E501
    line = (f"**{formatting.percent(percent_most_deprived, 0)}** of its small areas (LSOAs) "
            f"are among the 20% most deprived in England ({md(source)})")
    if borough is None or borough_percent is None:
        return line + "."
    return line + f", against {formatting.percent(borough_percent, 0)} across {md(borough)}."


def crime_line(rate: float, period: str, comparator: str, comparator_rate: float) -> str:
    """Say the area's recorded crime rate against the comparator's (Markdown).

    Parameters
    ----------
    rate : float
        Offences per 1,000 residents in the area over the period.
    period : str
        The 12 months counted, e.g. ``"Apr 2025 to Mar 2026"``.
    comparator : str
        The comparator's name.
    comparator_rate : float
        The comparator's rate.

    Returns
    -------
    str

    Examples
    --------
    >>> crime_line(117.4, "Apr 2025 to Mar 2026", "Tower Hamlets", 96.6)
    '**117 offences per 1,000 residents** were recorded in the last 12 months (Apr 2025 to Mar 2026), against 97 in Tower Hamlets.'
    """  # noqa: E501
    return (f"**{formatting.number(rate, 0)} offences per 1,000 residents** were recorded in "
            f"the last 12 months ({md(period)}), against {formatting.number(comparator_rate, 0)} "
            f"in {md(comparator)}.")


def bestfit_sentence(errors: pd.DataFrame, every_ward: pd.DataFrame) -> str:
    """Say how far best-fit ward sums are from true counts (Markdown).

    Parameters
    ----------
    errors : pandas.DataFrame
        The area's wards: columns ``name`` and ``percent_difference`` (best-fit sum
        against the true count, in percent).
    every_ward : pandas.DataFrame
        The same for every ward of the borough.

    Returns
    -------
    str

    Examples
    --------
    >>> mine = pd.DataFrame({"name": ["A"], "percent_difference": [1.25]})
    >>> every = pd.DataFrame({"name": ["A", "B", "C"], "percent_difference": [1.25, -3.0, 4.0]})
    >>> bestfit_sentence(mine, every)
    'Measured on Census 2021 usual residents, where true ward counts exist (TS022), the best-fit sum for A is off by +1.2%. Across the 3 wards the error runs from -3.0% (B) to +4.0% (C): read LSOA-based ward figures as approximate.'
    """  # noqa: E501
    worst = errors.loc[errors["percent_difference"].abs().idxmax()]
    ordered = every_ward.sort_values("percent_difference")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    offs = ", ".join(formatting.signed_percent(d) for d in errors["percent_difference"])
    largest = f" (largest: {md(worst['name'])})" if len(errors) > 1 else ""
    return ("Measured on Census 2021 usual residents, where true ward counts exist (TS022), "
            f"the best-fit sum for {md(join_names(errors['name']))} is off by {offs}{largest}. "
            f"Across the {len(ordered)} wards the error runs from "
            f"{formatting.signed_percent(low['percent_difference'])} ({md(low['name'])}) to "
            f"{formatting.signed_percent(high['percent_difference'])} ({md(high['name'])}): "
            "read LSOA-based ward figures as approximate.")


def trend_title(measure: str, frame: pd.DataFrame, area: str, comparator: str | None,
                others: Sequence[str] = ()) -> str:
    """Return a trend chart's title: active when the data show one, else neutral.

    Rule: over the periods where both ``area`` and ``comparator`` have a value (at least
    two), if the area's value is below the comparator's in every one, the title says so
    ("below ... in every period"); likewise above. Otherwise (the lines cross or touch, or
    fewer than two periods are shared) the title names the measure, the areas shown and
    the first and last periods. Values only: whether a difference is significant is said
    in the sentences, not in the title.

    Parameters
    ----------
    measure : str
        The measure's short name.
    frame : pandas.DataFrame
        Columns ``name``, ``period`` and ``value``, oldest period first.
    area : str
        The area's name (a value of ``name``).
    comparator : str or None
        The comparator's name; None when the chart shows the area alone.
    others : sequence of str, optional
        Further areas shown, named in a neutral title.

    Returns
    -------
    str

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["A", "L", "A", "L", "A", "L"],
    ...                       "period": ["2019", "2019", "2020", "2020", "2021", "2021"],
    ...                       "value": [50.0, 60.0, 55.0, 61.0, 59.0, 62.0]})
    >>> trend_title("Employment rate", frame, "A", "L")
    'Employment rate: A below L in every period, 2019 to 2021'
    >>> frame.loc[4, "value"] = 63.0
    >>> trend_title("Employment rate", frame, "A", "L", ["E"])
    'Employment rate, A, L and E, 2019 to 2021'
    """
    periods = list(dict.fromkeys(frame["period"]))
    span = formatting.span(str(periods[0]), str(periods[-1]))
    table = frame.pivot_table(index="period", columns="name", values="value",
                              sort=False)
    if comparator is not None and area in table and comparator in table:
        both = table[[area, comparator]].dropna()
        if len(both) >= 2:
            shared = formatting.span(str(both.index[0]), str(both.index[-1]))
            if (both[area] < both[comparator]).all():
                return f"{measure}: {area} below {comparator} in every period, {shared}"
            if (both[area] > both[comparator]).all():
                return f"{measure}: {area} above {comparator} in every period, {shared}"
    shown = [area, *([comparator] if comparator is not None else []), *others]
    return f"{measure}, {join_names(shown)}, {span}"


def trend_chart_alt(title: str, frame: pd.DataFrame, unit: str, decimals: int = 1) -> str:
    """Return the short text alternative of a trend chart: the first area's first and last value.

    Every value is in the data table shown after the chart.

    Parameters
    ----------
    title : str
        The chart's title.
    frame : pandas.DataFrame
        Columns ``name``, ``period`` and ``value``, the chart's area first, oldest
        period first; missing values are passed over.
    unit : str
        The indicator's unit (:func:`thlib.presentation.formatting.value`).
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str
        "Line chart. <title>. <area>: <value> in <first period>, <value> in <last
        period>. Values in the table below."

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["A", "A", "A", "L", "L"],
    ...                       "period": ["2019", "2020", "2021", "2019", "2020"],
    ...                       "value": [50.04, 55.0, float("nan"), 60.0, 61.0]})
    >>> trend_chart_alt("Rate", frame, "%")
    'Line chart. Rate. A: 50.0% in 2019, 55.0% in 2020. Values in the table below.'
    """
    area = frame["name"].iloc[0]
    known = frame[(frame["name"] == area) & frame["value"].notna()]
    if known.empty:
        return f"Line chart. {title}. Values in the table below."
    first, last = known.iloc[0], known.iloc[-1]
    points = f"{formatting.value(first['value'], unit, decimals)} in {first['period']}"
    if len(known) > 1:
        points += f", {formatting.value(last['value'], unit, decimals)} in {last['period']}"
    return f"Line chart. {title}. {area}: {points}. Values in the table below."


def _p(p_value: object) -> str:
    """Write a p-value: ``p = 0.13``, ``p < 0.001``."""
    if formatting.is_missing(p_value):
        return ""
    p = float(p_value)  # type: ignore[arg-type]
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def _record(row: dict | pd.Series) -> str:
    record, period = row.get("record"), row.get("record_period")
    if formatting.is_missing(record) or formatting.is_missing(period):
        return ""
    text = str(record)
    if text.endswith("on record"):
        return f", the {text.split()[0]} of the series (from {md(str(period))})"
    return f", the {text} {md(str(period))}"


def change_phrase(row: dict | pd.Series, unit: str, decimals: int = 1) -> str:
    """Say the change since the latest comparable period in a few words, for a table.

    Parameters
    ----------
    row : dict or pandas.Series
        The keys of :func:`thlib.indicators.progress.direction_of_travel`.
    unit : str
        The measure's unit.
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str

    Examples
    --------
    >>> change_phrase({"change": "similar", "change_from": "2022",
    ...                "change_difference": -6.6}, "%")
    'no significant change since 2022 (down 6.6 points)'
    >>> change_phrase({"change": "up", "change_from": "2024", "change_difference": 1.84}, "%")
    'up 1.8 points since 2024 (not tested)'
    >>> change_phrase({"change": "similar", "change_from": "2024", "change_difference": 89.6,
    ...                "prices": "cash"}, "£", 0)
    'no significant change since 2024 (up £90, in cash terms)'
    >>> change_phrase({"change": "method changed", "change_from": None,
    ...                "change_reason": "the series restarts at 2021-23 (method change)"}, "years")
    'the series restarts at 2021-23 (method change)'
    """
    label = str(row["change"])
    word = vocabulary.change(label).word
    since = row.get("change_from")
    if formatting.is_missing(since):
        reason = row.get("change_reason")
        if label in ("method changed", "not compared") and not formatting.is_missing(reason):
            return str(reason) if label == "method changed" else f"{word} ({reason})"
        return word
    size = formatting.size(row["change_difference"], unit, decimals)
    moved = _untested_direction(row["change_difference"])
    if label in ("up", "down"):
        return f"{label} {size} since {since} (not tested)"
    if label == "unchanged":
        return f"unchanged since {since} (not tested)"
    cash = ", in cash terms" if row.get("prices") == "cash" else ""
    if moved == "unchanged":
        return f"{word} since {since}{cash}"
    return f"{word} since {since} ({moved} {size}{cash})"


def _untested_direction(difference: object) -> str:
    x = float(difference)  # type: ignore[arg-type]
    return "up" if x > 0 else "down" if x < 0 else "unchanged"


def progress_sentence(row: dict | pd.Series, unit: str, decimals: int = 1) -> str:
    """Say the change since the latest comparable period and the recent trend, with methods.

    Every statement names its periods and how it was judged: a test and its p-value;
    "not tested" with the reason (a complete count, no interval published); or why there
    is nothing to say (a single period, a series that restarts).

    Parameters
    ----------
    row : dict or pandas.Series
        The keys of :func:`thlib.indicators.progress.direction_of_travel` and
        :func:`thlib.indicators.progress.recent_trend`, and ``value``.
    unit : str
        The measure's unit.
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str
        One or two sentences (Markdown).

    Examples
    --------
    >>> row = {"value": 66.2, "change": "similar", "change_from": "2022",
    ...        "change_difference": -6.6, "change_p_value": 0.128,
    ...        "change_method": "two-sample z-test", "change_reason": None,
    ...        "trend": "no significant change", "trend_from": "2019", "trend_to": "2023",
    ...        "trend_method": "weighted regression", "trend_difference": -3.0,
    ...        "trend_p_value": 0.4, "trend_reason": None}
    >>> progress_sentence(row, "%")
    'Since 2022: no significant change, down 6.6 points to 66.2% (two-sample z-test, p = 0.13). Over the last five comparable periods, 2019 to 2023: no significant change (weighted regression, p = 0.40).'
    >>> row.update(change="up", change_difference=1.8, change_p_value=None,
    ...            change_method="direction and size, not tested",
    ...            change_reason="a complete count", record="highest since",
    ...            record_period="2013", trend="too few periods", trend_from=None,
    ...            trend_reason="3 comparable periods")
    >>> progress_sentence(row, "%")
    'Since 2022: up 1.8 points to 66.2%, the highest since 2013 (not tested: a complete count). Trend: too few comparable periods (3 comparable periods).'
    >>> progress_sentence({"change": "no earlier period", "change_from": None,
    ...                    "change_reason": "a single period is published",
    ...                    "trend": "too few periods", "trend_from": None}, "%")
    'A single period is published: no change or trend to report.'
    """  # noqa: E501
    change, trend = str(row["change"]), str(row["trend"])
    if formatting.is_missing(row.get("change_from")):
        reason = row.get("change_reason")
        first = (str(reason)[0].upper() + str(reason)[1:] if not formatting.is_missing(reason)
                 else vocabulary.change(change).word.capitalize())
        if trend == "too few periods" and change != "not compared":
            return f"{md(first)}: no change or trend to report."
        first = f"{md(first)}: no change to report."
    else:
        since = md(str(row["change_from"]))
        size = formatting.size(row["change_difference"], unit, decimals)
        to = f"to {formatting.value(row['value'], unit, decimals)}"
        moved = _untested_direction(row["change_difference"])
        if change in ("up", "down", "unchanged"):
            what = f"{moved} {size} {to}" if moved != "unchanged" else f"unchanged, at {to[3:]}"
            first = (f"Since {since}: {what}{_record(row)} (not tested: "
                     f"{md(str(row['change_reason']))}).")
        else:
            word = vocabulary.change(change).word
            test = ", ".join(t for t in (md(str(row["change_method"])),
                                         _p(row.get("change_p_value"))) if t)
            shift = f", {moved} {size} {to}" if moved != "unchanged" else f", at {to[3:]}"
            first = f"Since {since}: {word}{shift}{_record(row)} ({test})."
    if formatting.is_missing(row.get("trend_from")):
        reason = row.get("trend_reason")
        why = f" ({md(str(reason))})" if not formatting.is_missing(reason) else ""
        return f"{first} Trend: too few comparable periods{why}."
    span = md(formatting.span(str(row["trend_from"]), str(row["trend_to"])))
    lead = f"Over the last five comparable periods, {span}"
    if trend in ("up", "down", "unchanged"):
        size = formatting.size(row["trend_difference"], unit, decimals)
        what = f"{trend} {size}" if trend != "unchanged" else "unchanged"
        return f"{first} {lead}: {what} (not tested: {md(str(row['trend_reason']))})."
    test = ", ".join(t for t in (md(str(row["trend_method"])), _p(row.get("trend_p_value")))
                     if t)
    return f"{first} {lead}: {vocabulary.trend(trend).word} ({test})."


def peers_sentence(area: str, period: str, rank: int | None, out_of: int | None,
                   quartile: int | None, quartile_order: str | None,
                   neighbours_mean: str | None, neighbours_set: str | None, *,
                   tied: int | None = None, quartile_span: str | None = None) -> str:
    """Say the area's rank among the London boroughs and its statistical neighbours' average.

    Parameters
    ----------
    area : str
        The area's name.
    period : str
        The period ranked.
    rank, out_of : int or None
        The rank (1 = highest value) and how many boroughs were ranked; None when not
        ranked. The first is written "the highest", the last "the lowest".
    quartile : int or None
        The quartile, 1 to 4.
    quartile_order : str or None
        ``"best_first"`` or ``"highest_first"`` (:data:`thlib.presentation.vocabulary.QUARTILES`).
    neighbours_mean : str or None
        The neighbours' average, formatted (:func:`thlib.presentation.formatting.value`); None when
        there is none.
    neighbours_set : str or None
        Which statistical neighbours.
    tied : int, optional
        How many ranked boroughs share the value, the area included (1 or None: no tie); a
        tie is written "joint", with how many share it.
    quartile_span : str, optional
        The quartiles the tied positions span (``"1-2"``); said when the tie straddles.

    Returns
    -------
    str
        A sentence (Markdown), or ``""`` when there is neither a rank nor an average.

    Examples
    --------
    >>> peers_sentence("Tower Hamlets", "2023", 31, 32, 4, "best_first", "76.3%",
    ...                "ONS similar areas")
    "In 2023 Tower Hamlets had the 31st highest value of 32 London boroughs, in the worst quarter; its statistical neighbours' average was 76.3% (ONS similar areas)."
    >>> peers_sentence("Tower Hamlets", "2024/25", 1, 32, 4, "best_first", None, None)
    'In 2024/25 Tower Hamlets had the highest value of 32 London boroughs, in the worst quarter.'
    >>> peers_sentence("Tower Hamlets", "2021", None, None, None, None, None, None)
    ''
    >>> peers_sentence("Tower Hamlets", "2025", 8, 32, 1, "best_first", None, None, tied=3,
    ...                quartile_span="1-2")
    'In 2025 Tower Hamlets had the joint 8th highest value of 32 London boroughs (shared with 2 others), in the best quarter (the tied positions span the best quarter and the second-best quarter).'
    """  # noqa: E501
    neighbours = ""
    if not formatting.is_missing(neighbours_mean):
        which = f" ({md(neighbours_set)})" if not formatting.is_missing(neighbours_set) else ""
        neighbours = f"{neighbours_mean}{which}"
    if formatting.is_missing(rank) or formatting.is_missing(out_of):
        if not neighbours:
            return ""
        return (f"In {md(period)} the average of the statistical neighbours of {md(area)} "
                f"was {neighbours}.")
    n, of = int(rank), int(out_of)  # type: ignore[arg-type]
    ties = 1 if formatting.is_missing(tied) else int(tied)  # type: ignore[arg-type]
    position = ("highest" if n == 1 else "lowest" if n + ties - 1 == of
                else f"{formatting.ordinal(n)} highest")
    if ties > 1:
        position = f"joint {position}"
    sentence = f"In {md(period)} {md(area)} had the {position} value of {of} London boroughs"
    if ties > 1:
        sentence += f" (shared with {ties - 1} other{'s' if ties > 2 else ''})"
    if not formatting.is_missing(quartile) and not formatting.is_missing(quartile_order):
        order = str(quartile_order)
        sentence += f", in {vocabulary.quartile(order, int(quartile))}"  # type: ignore[arg-type]
        spans = [] if formatting.is_missing(quartile_span) else str(quartile_span).split("-")
        if len(set(spans)) == 2:
            first, last = (vocabulary.quartile(order, int(q)) for q in spans)
            sentence += f" (the tied positions span {first} and {last})"
    if neighbours:
        sentence += f"; its statistical neighbours' average was {neighbours}"
    return sentence + "."


def target_sentence(status: str, target: str | None, by: object) -> str:
    """Say the target and whether it is met, where one is set.

    Parameters
    ----------
    status : str
        A label of :data:`thlib.presentation.vocabulary.TARGETS`.
    target : str or None
        The target value, formatted.
    by : object
        The year the target is set for.

    Returns
    -------
    str
        A sentence, or ``""`` when no target is set.

    Examples
    --------
    >>> target_sentence("not met", "12.0%", 2030)
    'Target: 12.0% by 2030 (✗ not met).'
    >>> target_sentence("no judgement", "12.0%", 2030), target_sentence("none set", None, None)
    ('Target: 12.0% by 2030.', '')
    """
    term = vocabulary.target(status)
    if term.label == "none set":
        return ""
    if term.label == "no judgement":
        return f"Target: {target} by {by}."
    return f"Target: {target} by {by} ({term.text})."


def caveats_sentence(caveats: Iterable[str]) -> str:
    """Say a measure's caveats, to sit beside it (Markdown).

    Parameters
    ----------
    caveats : iterable of str
        The catalogue's caveats of the measure.

    Returns
    -------
    str

    Examples
    --------
    >>> caveats_sentence(["Residents are the denominator.", "London excludes the City"])
    '*Caveats:* Residents are the denominator. London excludes the City.'
    """
    said = " ".join(md(c if c.rstrip().endswith(".") else f"{c.rstrip()}.") for c in caveats)
    return f"*Caveats:* {said}"


def stale_sentence(period: str, report_year: int, years: int) -> str:
    """Say that the latest value is out of date for the report's year.

    Parameters
    ----------
    period : str
        The latest period.
    report_year : int
        The report's year.
    years : int
        The freshness threshold (:data:`thlib.indicators.freshness.STALE_AFTER_YEARS`).

    Returns
    -------
    str

    Examples
    --------
    >>> stale_sentence("2015", 2025, 3)
    'The latest value (2015) is out of date: it ends more than 3 years before 2025.'
    """
    return (f"The latest value ({md(period)}) is {vocabulary.OUT_OF_DATE.word}: it ends more "
            f"than {years} years before {report_year}.")
