"""Accessible HTML tables for reports: a caption, header cells with scope, numbers aligned.

A table sits in a scroll box that keyboard users can reach (WCAG 2.1.1 and 1.4.10): a wide
table scrolls sideways inside it on a narrow screen instead of widening the page. The box
is a region named by the table's caption.

:func:`chart_data_html` writes the data of a chart (:class:`thlib.presentation.chartdata.ChartData`)
as such a table inside a ``<details>`` disclosure, shown after the chart.
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd

from thlib.presentation import formatting
from thlib.presentation.chartdata import ChartData
from thlib.presentation.display import Shown, show_html

__all__ = ["chart_data_html", "chart_data_table", "html_table", "show_table"]

#: How a missing value reads in a chart's data table.
NOT_AVAILABLE = "not available"


def html_table(
    frame: pd.DataFrame, caption: str, source: str | None = None, dense: bool = False
) -> str:
    """Return ``frame`` as an HTML table with a caption and column headers (scope="col").

    The first column is marked up as row headers (scope="row"). Values are shown as
    given (and escaped), so write numbers with :mod:`thlib.presentation.formatting` before calling.
    The table is wrapped in a focusable region (``role="region"``, ``tabindex="0"``)
    labelled by the caption, so a table wider than the screen can be scrolled from the
    keyboard. The caption's id is made from the table's content, so it is the same in
    every build and differs between different tables on one page.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show, already written as text.
    caption : str
        The table's caption (what it shows, for whom, when).
    source : str, optional
        A source line shown under the table.
    dense : bool, default False
        Set smaller type, for wide tables.

    Returns
    -------
    str
        The HTML.

    Examples
    --------
    >>> frame = pd.DataFrame({"Area": ["Bow East"], "Residents": ["15,000"]})
    >>> html_table(frame, "Usual residents")
    '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="table-0e0de317b0"><table class="thlib-table"><caption id="table-0e0de317b0">Usual residents</caption><thead><tr><th scope="col">Area</th><th scope="col">Residents</th></tr></thead><tbody><tr><th scope="row">Bow East</th><td>15,000</td></tr></tbody></table></div>'
    """  # noqa: E501
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        first, *rest = (html.escape(str(v)) for v in values)
        cells = "".join(f"<td>{v}</td>" for v in rest)
        rows.append(f'<tr><th scope="row">{first}</th>{cells}</tr>')
    body = (f"{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
    ident = "table-" + hashlib.sha1(body.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    foot = f'<p class="source">{html.escape(source)}</p>' if source else ""
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{ident}">'
        f'<table class="{"thlib-table dense" if dense else "thlib-table"}">'
        f'<caption id="{ident}">{body}</div>{foot}'
    )


def show_table(
    frame: pd.DataFrame, caption: str, source: str | None = None, dense: bool = False
) -> Shown:
    """Display :func:`html_table` in a notebook and return its HTML.

    Parameters
    ----------
    frame, caption, source, dense
        As for :func:`html_table`.

    Returns
    -------
    thlib.presentation.display.Shown
        The table's HTML, which IPython will not display a second time.

    Examples
    --------
    >>> shown = show_table(pd.DataFrame({"Area": ["Bow"]}), "Areas")
    <IPython.core.display.HTML object>
    >>> shown.startswith('<div class="table-scroll" role="region" tabindex="0"')
    True
    """
    return show_html(html_table(frame, caption, source, dense))


def chart_data_table(chart: ChartData) -> pd.DataFrame:
    """Return a chart's values as the rows and columns of its data table, written as text.

    One row per category (or, without categories, per measure, per period, else per
    area), one column per area, with its confidence limits where any are published. A
    column gives the period (or the unit) when it differs between rows; otherwise the
    caption says it.

    Parameters
    ----------
    chart : thlib.presentation.chartdata.ChartData
        The chart's data.

    Returns
    -------
    pandas.DataFrame
        The first column holds the row labels.

    Examples
    --------
    >>> frame = pd.DataFrame({"area": ["Bow", "Borough", "Bow", "Borough"],
    ...                       "category": ["Owned", "Owned", "Rented", "Rented"],
    ...                       "value": [20.04, 25.0, 79.96, 75.0]})
    >>> chart = ChartData("Tenure", "Tenure", "Tenure: percentage of households", "%",
    ...                   "Census 2021", "ONS, Census 2021", "OGL v3.0", frame,
    ...                   category_label="Tenure")
    >>> chart_data_table(chart).to_dict("list")
    {'Tenure': ['Owned', 'Rented'], 'Bow': ['20.0', '80.0'], 'Borough': ['25.0', '75.0']}
    """
    tidy = chart.tidy()
    if tidy["category"].nunique() > 1 or (tidy["category"] != "").all():
        key, label = "category", chart.category_label
    elif tidy["measure"].nunique() > 1:
        key, label = "measure", chart.category_label
    elif tidy["period"].nunique() > 1:
        key, label = "period", "Period"
    else:
        key, label = "area", "Area"
    keys = list(dict.fromkeys(tidy[key]))
    columns: dict[str, list[str]] = {label: keys}
    by_key = tidy.groupby(key, sort=False)
    for extra, heading in (("period", "Period"), ("unit", "Unit")):
        if extra != key and tidy[extra].nunique() > 1:
            columns[heading] = ["; ".join(dict.fromkeys(by_key.get_group(k)[extra]))
                                for k in keys]

    def cells(rows: pd.DataFrame, column: str) -> list[str]:
        first = rows.drop_duplicates(key)  # each row label's first value
        values = dict(zip(first[key], first[column], strict=True))
        return [NOT_AVAILABLE if k not in values or formatting.is_missing(values[k])
                else formatting.number(values[k], chart.decimals) for k in keys]

    groups = ([("Value", tidy)] if key == "area"
              else list(tidy.groupby("area", sort=False)))
    for area, rows in groups:
        columns[str(area)] = cells(rows, "value")
        if rows["lower"].notna().any() or rows["upper"].notna().any():
            prefix = "" if key == "area" else f"{area}: "
            columns[f"{prefix}lower limit"] = cells(rows, "lower")
            columns[f"{prefix}upper limit"] = cells(rows, "upper")
    return pd.DataFrame(columns)


def chart_data_html(chart: ChartData) -> str:
    """Return a chart's data as a table in a ``<details>`` disclosure, to follow the chart.

    The summary names the chart (its title); the caption gives the measure, its unit and
    period (a column gives them where they differ between rows); the source and licence follow the
    table. Every value is escaped.

    Parameters
    ----------
    chart : thlib.presentation.chartdata.ChartData
        The chart's data.

    Returns
    -------
    str
        The HTML.

    Examples
    --------
    >>> frame = pd.DataFrame({"area": ["Bow"], "value": [3.5]})
    >>> chart = ChartData("Rates <2024>", "Rates", "Rate", "%", "2024", "ONS", "OGL v3.0",
    ...                   frame)
    >>> print(chart_data_html(chart))  # doctest: +NORMALIZE_WHITESPACE
    <details class="chart-data"><summary>Data for this chart: Rates &lt;2024&gt;</summary>
    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="table-add9562d6c"><table class="thlib-table"><caption id="table-add9562d6c">Rate (%), 2024</caption><thead><tr><th scope="col">Area</th><th scope="col">Value</th></tr></thead><tbody><tr><th scope="row">Bow</th><td>3.5</td></tr></tbody></table></div><p class="source">Source: ONS. Licence: OGL v3.0.</p></details>
    """  # noqa: E501
    tidy = chart.tidy()
    units = sorted(set(tidy["unit"]) - {""})
    unit = f" ({units[0]})" if len(units) == 1 else ""
    periods = list(dict.fromkeys(tidy["period"]))
    period = f", {periods[0]}" if len(periods) == 1 else ", periods as shown"
    sources = "; ".join(dict.fromkeys(tidy["source"]))
    licences = "; ".join(dict.fromkeys(tidy["licence"]))
    table = html_table(chart_data_table(chart), f"{chart.measure}{unit}{period}",
                       f"Source: {sources}. Licence: {licences}.")
    return (f'<details class="chart-data"><summary>Data for this chart: '
            f"{html.escape(chart.title)}</summary>\n{table}</details>")
