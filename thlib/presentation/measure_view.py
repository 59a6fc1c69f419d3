"""How one measure is shown in any report: its trend chart and its sentences.

The annual report (each measure of a theme) and the borough profile (its trends section)
both show a measure this way. The numbers come from :mod:`thlib.indicators.summary`; the
words from :mod:`.narrative`, :mod:`.vocabulary` and :mod:`.formatting`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from thlib.indicators import all_values, get_indicator, summary
from thlib.indicators.freshness import STALE_AFTER_YEARS
from thlib.indicators.peers import indicator_neighbours
from thlib.presentation import charts, formatting, narrative
from thlib.presentation.chartdata import ChartData
from thlib.presentation.narrative import comparison_sentence

__all__ = ["comparison_sentences", "indicator_credit", "measure_chart", "measure_text",
           "neighbours_chart"]


def indicator_credit(indicator_id: str) -> tuple[str, str]:
    """Return who publishes an indicator's data (publisher, dataset) and under which licence.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> indicator_credit("overcrowded-households")[1]
    'OGL v3.0'
    """
    source = get_indicator(indicator_id).source
    return f"{source['publisher']}, {source['dataset']}", str(source["licence"])


def _name(label: str) -> str:
    """Return a worksheet name (31 characters at most) for a measure's label."""
    return label if len(label) <= 31 else label[:30].rstrip() + "…"


def measure_chart(indicator_id: str, collect: list[ChartData] | None = None) -> Figure | None:
    """Show a small trend chart of a measure: Tower Hamlets, London and England, every period.

    The data are :func:`thlib.indicators.summary.trend_frame`; the borough's confidence
    interval (at the indicator's level) is a shaded band where published. The title is
    active where the data show a finding (:func:`.narrative.trend_title`); the text
    alternative gives the first and last values (:func:`.narrative.trend_chart_alt`)
    and the data table after the chart every value.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.
    collect : list of thlib.presentation.chartdata.ChartData, optional
        The chart's data is appended to it.

    Returns
    -------
    matplotlib.figure.Figure or None
        None when the data hold a single period (nothing is shown).

    Examples
    --------
    >>> measure_chart("overcrowded-households") is None
    True
    """
    indicator = get_indicator(indicator_id)
    frame = summary.trend_frame(indicator_id)
    if frame.empty:
        return None
    names = list(dict.fromkeys(frame["name"]))
    latest = all_values(indicator_id)
    borough = latest.loc[latest["area_type"] == "borough", "name"]
    area = str(borough.iloc[0]) if not borough.empty else names[0]
    others = [n for n in names if n != area]
    title = narrative.trend_title(indicator.label, frame, area,
                                  others[0] if others else None, others[1:])
    periods = list(dict.fromkeys(frame["period"]))
    span = formatting.span(periods[0], periods[-1])
    banded = frame.loc[frame["name"] == area, ["lower", "upper"]].notna().any(axis=None)
    band = (f"; shaded: {formatting.level(indicator.confidence)} confidence interval of "
            f"{area}" if banded else "")
    subtitle = (f"{indicator.title}, {indicator.unit or 'value'}, {len(periods)} periods, "
                f"{span}{band}")
    source = f"Source: {indicator.source['publisher']}, {indicator.source['dataset']} " \
             f"({indicator.source['licence']})"
    note = (f"Method break: {', '.join(indicator.breaks)}; values either side are not "
            "compared." if indicator.breaks else None)
    fig, ax = charts.new_figure(6.5, 2.4)
    charts.trend_chart(frame, title=title, subtitle=subtitle, source=source, ax=ax,
                       area=area, interval="band", confidence=indicator.confidence,
                       from_zero=False, ylabel=indicator.unit)
    charts.finish(fig, title, subtitle, source, note)
    ordered = frame.sort_values("name", key=lambda g: g != area, kind="stable")
    alt = narrative.trend_chart_alt(title, ordered, indicator.unit, indicator.decimals)
    chart = ChartData(title, _name(indicator.label), indicator.title, indicator.unit,
                      span, *indicator_credit(indicator_id),
                      ordered.rename(columns={"name": "area"})
                      [["area", "period", "value", "lower", "upper"]],
                      decimals=indicator.decimals)
    if collect is not None:
        collect.append(chart)
    return charts.show_figure(fig, alt, data=chart)


def neighbours_chart(indicator_id: str) -> Figure | None:
    """Show Tower Hamlets against its statistical neighbours, their mean, London and England.

    The latest period (:func:`thlib.indicators.peers.indicator_neighbours`): bars with
    confidence intervals where published, comparators pinned at the top and marked, each
    area's comparison with the neighbours' mean in symbol and word. Neighbours
    outside London have no value in the shipped files and are left out of the chart; the
    subtitle says so.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    matplotlib.figure.Figure or None
        None when the indicator has no London boroughs series or fewer than three areas
        have a value.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = neighbours_chart("employment-rate-aps")  # the chart, then its data table
    <thlib.presentation.charts.render._ChartSVG object>
    <IPython.core.display.HTML object>
    >>> type(fig).__name__, neighbours_chart("crime-rate") is None
    ('Figure', True)
    """
    table = indicator_neighbours(indicator_id)
    if table.empty or table["value"].notna().sum() < 3:
        return None
    indicator = get_indicator(indicator_id)
    period = table.attrs["period"].label
    shown = table[table["value"].notna()].copy()
    shown.loc[shown["role"] == "neighbours_mean", "name"] = "Neighbours' average"
    named = table.attrs["neighbours_with_value"]
    title = f"{indicator.label}: Tower Hamlets and its statistical neighbours, {period}"
    subtitle = (f"{indicator.title}, {indicator.unit or 'value'}; {named} of "
                f"{table.attrs['neighbours']} neighbours ({table.attrs['set']}) have a value "
                "in the London borough files; average: their simple mean")
    source = f"Source: {indicator.source['publisher']}, {indicator.source['dataset']} " \
             f"({indicator.source['licence']})"
    frame = shown[["name", "value", "lower", "upper", "comparison", "is_comparator"]]
    fig = charts.compare_areas(frame, title=title, subtitle=subtitle, source=source,
                               decimals=indicator.decimals, confidence=indicator.confidence)
    values = frame.set_index("name")["value"]
    said = [f"{name} {formatting.value(values[name], indicator.unit, indicator.decimals)}"
            for name in ("Tower Hamlets", "Neighbours' average") if name in values]
    alt = f"Bar chart. {title}. {'; '.join(said)}. Values in the table below."
    chart = ChartData(title, _name(f"{indicator.label}: neighbours"), indicator.title,
                      indicator.unit, period, *indicator_credit(indicator_id),
                      frame.rename(columns={"name": "area"})[["area", "value", "lower", "upper"]],
                      decimals=indicator.decimals)
    return charts.show_figure(fig, alt, data=chart)


def measure_text(row: pd.Series | dict[str, Any], comparisons: list[str], report_year: int,
                 stale_after_years: int = STALE_AFTER_YEARS) -> str:
    """Write what a measure's figures say: trend and change, comparisons, peers, target, date.

    Parameters
    ----------
    row : pandas.Series or dict
        A row of :func:`thlib.annual.at_a_glance` (numbers and labels).
    comparisons : list of str
        The sentences against London and England
        (:func:`thlib.presentation.narrative.comparison_sentence`).
    report_year : int
        The report's year.
    stale_after_years : int, default :data:`thlib.indicators.freshness.STALE_AFTER_YEARS`
        The freshness threshold, said when the value is out of date.

    Returns
    -------
    str
        One paragraph (Markdown).

    Examples
    --------
    >>> row = {"period": "2021", "out_of_date": True, "value": 15.94, "unit": "%",
    ...        "decimals": 1, "trend": "too few periods", "trend_from": None,
    ...        "trend_to": None, "trend_method": None, "change": "no earlier period",
    ...        "change_from": None, "change_reason": "a single period is published",
    ...        "target_status": "none set", "target_value": None,
    ...        "target_by": None, "london_rank": None, "london_boroughs_ranked": None,
    ...        "london_quartile": None, "london_quartile_order": None,
    ...        "neighbours_mean": None, "neighbours_set": None}
    >>> measure_text(row, [], 2025)
    'A single period is published: no change or trend to report. The latest value (2021) is out of date: it ends more than 3 years before 2025.'
    """  # noqa: E501
    sentences = [narrative.progress_sentence(row, row["unit"], row["decimals"]), *comparisons]
    neighbours = (formatting.value(row["neighbours_mean"], row["unit"], row["decimals"])
                  if not formatting.is_missing(row["neighbours_mean"]) else None)
    sentences.append(narrative.peers_sentence(
        "Tower Hamlets", str(row["period"]), row["london_rank"], row["london_boroughs_ranked"],
        row["london_quartile"], row["london_quartile_order"], neighbours,
        row["neighbours_set"], tied=row.get("london_rank_tied"),
        quartile_span=row.get("london_quartile_span")))
    target = (formatting.value(row["target_value"], row["unit"], row["decimals"])
              if not formatting.is_missing(row["target_value"]) else None)
    sentences.append(narrative.target_sentence(row["target_status"], target, row["target_by"]))
    if row["out_of_date"]:
        sentences.append(narrative.stale_sentence(str(row["period"]), report_year,
                                                  stale_after_years))
    return " ".join(s for s in sentences if s)


def comparison_sentences(indicator_id: str) -> list[str]:
    """Say how Tower Hamlets' latest value compares with London and England (Markdown).

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    list of str
        One :func:`thlib.presentation.narrative.comparison_sentence` per benchmark published.

    Examples
    --------
    >>> comparison_sentences("overcrowded-households")[0]
    'Overcrowded households in Tower Hamlets (15.9%) is significantly higher than in London (11.1%), which is worse (95% confidence).'
    """  # noqa: E501
    indicator = get_indicator(indicator_id)
    sentences = []
    for benchmark in ("london", "england"):
        frame = summary.compared(indicator_id, benchmark)
        if frame is None:
            continue
        borough = frame.query("area_type == 'borough'")
        base = frame[frame["area_type"] == benchmark]
        if borough.empty or base.empty:
            continue
        row = borough.iloc[0]
        sentences.append(comparison_sentence(
            indicator.label, "Tower Hamlets",
            formatting.value(row["value"], indicator.unit, indicator.decimals),
            base["name"].iloc[0],
            formatting.value(base["value"].iloc[0], indicator.unit, indicator.decimals),
            row["comparison"], higher=row["value"] > base["value"].iloc[0],
            confidence=indicator.confidence))
    return sentences
