"""Accessible HTML tables for reports: a caption, header cells with scope, numbers aligned.

A table sits in a scroll box that keyboard users can reach (WCAG 2.1.1 and 1.4.10): a wide
table scrolls sideways inside it on a narrow screen instead of widening the page. The box
is a region named by the table's caption.
"""

from __future__ import annotations

import hashlib
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
    thlib.display.Shown
        The table's HTML, which IPython will not display a second time.

    Examples
    --------
    >>> shown = show_table(pd.DataFrame({"Area": ["Bow"]}), "Areas")
    <IPython.core.display.HTML object>
    >>> shown.startswith('<div class="table-scroll" role="region" tabindex="0"')
    True
    """
    return show_html(html_table(frame, caption, source, dense))
