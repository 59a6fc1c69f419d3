"""Cells that are safe to open in a spreadsheet: text never starts a formula.

A CSV or workbook cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return may be run as a formula by Excel, LibreOffice or Google Sheets (CSV or
formula injection). As OWASP's guidance on CSV injection advises, such text is prefixed
with a single quote, which spreadsheets show as text; numbers, negative ones included, are
left as numbers. Every CSV and workbook thlib writes goes through :func:`safe_frame`
(CSV files through :func:`csv_bytes`).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["FORMULA_STARTS", "csv_bytes", "safe_cell", "safe_frame"]

#: The first characters that make a spreadsheet read text as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Text that is just a number ("-1.5", "+3", "2e-4"): a spreadsheet reads it as that number.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """Return ``value`` as a spreadsheet may safely show it.

    Parameters
    ----------
    value : object
        A cell's value.

    Returns
    -------
    object
        Text that could start a formula, with a single quote before it; anything else
        (numbers, dates, missing values, plain text, text that is just a number)
        unchanged.

    Examples
    --------
    >>> safe_cell("=SUM(A1:A9)")
    "'=SUM(A1:A9)"
    >>> safe_cell("-2+3+cmd|' /C calc'!A0")
    "'-2+3+cmd|' /C calc'!A0"
    >>> safe_cell(-4.5), safe_cell("-4.5"), safe_cell("Bow East")
    (-4.5, '-4.5', 'Bow East')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell (and column name) made safe.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table about to be written as CSV or to a workbook.

    Returns
    -------
    pandas.DataFrame
        The same shape and dtypes, text passed through :func:`safe_cell`.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"area": ["=1+1", "Bow"], "value": [-1.0, 2.0]})
    >>> safe_frame(frame).to_dict("list")
    {'area': ["'=1+1", 'Bow'], 'value': [-1.0, 2.0]}
    """
    safe = frame.copy()
    safe.columns = [safe_cell(c) for c in safe.columns]
    for i in range(safe.shape[1]):  # by position: column names may repeat
        column = safe.iloc[:, i]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            safe.iloc[:, i] = column.map(safe_cell)
        elif isinstance(column.dtype, pd.CategoricalDtype):
            safe.isetitem(i, column.cat.rename_categories(safe_cell))
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    r"""Return ``frame`` as a CSV file (RFC 4180, UTF-8) whose cells are safe to open.

    Lines end in CR LF, as RFC 4180 has it, which also makes the writer quote any cell
    holding a carriage return, so that a stray one cannot split a row.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; its index is not written.

    Returns
    -------
    bytes
        The file's content, ready for an atomic write.

    Examples
    --------
    >>> import pandas as pd
    >>> csv_bytes(pd.DataFrame({"area": ["@cmd", "Bow\r"], "value": [-1, 2]})).split(b"\r\n")
    [b'area,value', b"'@cmd,-1", b'"Bow\r",2', b'']
    """
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")
