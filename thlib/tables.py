"""Accessible HTML tables for reports: a caption, header cells with scope, numbers aligned."""

from __future__ import annotations

import html

import pandas as pd

from thlib.display import Shown, show_html

__all__ = ["html_table", "show_table"]


def html_table(
    frame: pd.DataFrame, caption: str, source: str | None = None, dense: bool = False
) -> str:
    """Return ``frame`` as an HTML table with a caption and column headers (scope="col").

    The first column is marked up as row headers (scope="row"). Values are shown as
    given (and escaped), so write numbers with :mod:`thlib.formatting` before calling.

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
    '<table class="thlib-table"><caption>Usual residents</caption><thead><tr><th scope="col">Area</th><th scope="col">Residents</th></tr></thead><tbody><tr><th scope="row">Bow East</th><td>15,000</td></tr></tbody></table>'
    """  # noqa: E501
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        first, *rest = (html.escape(str(v)) for v in values)
        cells = "".join(f"<td>{v}</td>" for v in rest)
        rows.append(f'<tr><th scope="row">{first}</th>{cells}</tr>')
    foot = f'<p class="source">{html.escape(source)}</p>' if source else ""
    return (
        f'<table class="{"thlib-table dense" if dense else "thlib-table"}">'
        f"<caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{foot}"
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
    thlib.display.Shown
        The table's HTML, which IPython will not display a second time.

    Examples
    --------
    >>> shown = show_table(pd.DataFrame({"Area": ["Bow"]}), "Areas")
    <IPython.core.display.HTML object>
    >>> shown.startswith('<table class="thlib-table">')
    True
    """
    return show_html(html_table(frame, caption, source, dense))
