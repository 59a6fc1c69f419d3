"""Checks every loaded table passes, with messages naming file, row, column and value.

Rows are counted as in a spreadsheet (the header is row 1), which assumes the frame still
holds the file's rows in the file's order, as :func:`thlib.data.read_csv` returns them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from thlib.data.files import data_dir
from thlib.errors import DataError

__all__ = ["check_codes", "check_numeric", "check_unique"]


def _full(path: str | Path) -> Path:
    """Name a data file in full, whichever data folder is in use."""
    path = Path(path)
    return path if path.is_absolute() else data_dir() / path


def _row(position: int) -> int:
    """Return the spreadsheet row of a frame position (the header is row 1)."""
    return position + 2


def _shown(value: object) -> str:
    """Return a cell's value as written in messages: -1, not np.int64(-1)."""
    item = getattr(value, "item", None)
    return repr(item() if callable(item) else value)


def check_numeric(
    frame: pd.DataFrame,
    columns: Iterable[str],
    path: str | Path,
    allow_missing: bool = False,
    minimum: float | None = None,
) -> pd.DataFrame:
    """Convert ``columns`` to numbers, naming the file, row and column of the first bad value.

    Parameters
    ----------
    frame : pandas.DataFrame
        The file as read, rows in file order; converted in place and returned.
    columns : iterable of str
        The columns that must hold numbers.
    path : str or pathlib.Path
        The file, relative to the data folder or absolute, for messages.
    allow_missing : bool, default False
        Whether an empty cell is allowed.
    minimum : float, optional
        The smallest value allowed (0 for counts).

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``columns`` numeric.

    Raises
    ------
    DataError
        If a value is not a number, or is below ``minimum``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"code": ["E01000001", "E01000002"], "count": [3, -1]})
    >>> check_numeric(frame, ["count"], "/data/counts.csv", minimum=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: /data/counts.csv: row 3 (counting the header as row 1), column \
'count' holds -1, below the smallest value allowed (0); correct that value
    """
    for column in columns:
        converted = pd.to_numeric(frame[column], errors="coerce")
        bad = converted.isna() if not allow_missing else converted.isna() & frame[column].notna()
        bad |= np.isinf(converted)  # "inf" and "Infinity" parse as numbers but are not counts
        problem = "which is not a number"
        if not bad.any() and minimum is not None:
            bad, problem = converted < minimum, f"below the smallest value allowed ({minimum:g})"
        if bad.any():
            position = int(bad.to_numpy().nonzero()[0][0])
            raise DataError(
                f"{_full(path)}: row {_row(position)} (counting the header as row 1), column "
                f"{column!r} holds {_shown(frame[column].iloc[position])}, {problem}; "
                "correct that value"
            )
        frame[column] = converted
    return frame


def check_unique(frame: pd.DataFrame, keys: list[str], path: str | Path) -> None:
    """Check that no two rows share the same ``keys`` (e.g. area code and category).

    Parameters
    ----------
    frame : pandas.DataFrame
        The file as read, rows in file order.
    keys : list of str
        The columns that together identify a row.
    path : str or pathlib.Path
        The file, relative to the data folder or absolute, for messages.

    Raises
    ------
    DataError
        Naming the file, both rows and the repeated key.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"code": ["E01000001", "E01000002", "E01000001"]})
    >>> check_unique(frame, ["code"], "/data/lookup.csv")
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: /data/lookup.csv: rows 2 and 4 (counting the header as row 1) \
both hold code 'E01000001'; each must appear once: remove or correct one of them
    """
    repeated = frame.duplicated(keys, keep=False).to_numpy().nonzero()[0]
    if len(repeated):
        first = repeated[0]
        key = frame[keys].iloc[first]
        second = next(p for p in repeated[1:] if frame[keys].iloc[p].equals(key))
        shown = ", ".join(f"{k} {_shown(v)}" for k, v in key.items())
        raise DataError(
            f"{_full(path)}: rows {_row(first)} and {_row(second)} (counting the header as row "
            f"1) both hold {shown}; each must appear once: remove or correct one of them"
        )


def check_codes(
    frame: pd.DataFrame, column: str, known: Collection[str], path: str | Path, what: str
) -> None:
    """Check that every code in ``column`` is one of ``known`` (e.g. the lookup's LSOAs).

    An unknown code is an error, never dropped: summing by area would lose its rows.

    Parameters
    ----------
    frame : pandas.DataFrame
        The file as read, rows in file order.
    column : str
        The column of codes.
    known : collection of str
        The codes allowed.
    path : str or pathlib.Path
        The file, relative to the data folder or absolute, for messages.
    what : str
        What the known codes are, for the message (e.g. "the LSOA 2021 to ward lookup").

    Raises
    ------
    DataError
        Naming the file, row, column and the first unknown code.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"code": ["E01000001", "E01999999"]})
    >>> check_codes(frame, "code", {"E01000001"}, "/data/ages.csv", "the lookup")
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: /data/ages.csv: row 3 (counting the header as row 1), column \
'code' holds 'E01999999', which is not in the lookup; correct the code or the lookup
    """
    unknown = (~frame[column].astype(str).isin(set(known))).to_numpy().nonzero()[0]
    if len(unknown):
        position = unknown[0]
        raise DataError(
            f"{_full(path)}: row {_row(position)} (counting the header as row 1), column "
            f"{column!r} holds {_shown(frame[column].iloc[position])}, which is not in {what}; "
            "correct the code or the lookup"
        )
