"""Published time series: read, validate and tidy the shipped series and Fingertips exports.

Two formats give one tidy frame with the same columns (:data:`SERIES_COLUMNS`):

- the tidy published-series format of ``data/open-data/timeseries/`` (``area_code, area_name,
  period, value, lower_ci, upper_ci, count, denominator, unit, sex, age, indicator,
  period_source, source``);
- the CSV export of the OHID Fingertips API (``Indicator ID, Indicator Name, ..., Time period,
  Value, Lower CI 95.0 limit, ...``).

The format is told from the header. Every file is checked on load, and a problem is reported as
a :class:`~thlib.errors.DataError` naming the file, the row (counting the header as row 1, as a
spreadsheet does) and the column. A publisher's suppression marker (``c``, ``[x]``, ...; see
:data:`SUPPRESSION_MARKERS`) in a number column is read as no value, and why is kept in the
row's ``missing_reason``; any other text there is an error. An analyst refreshes a measure by
putting a newer file in the data folder (:func:`series`) or naming it (:func:`read_series`)
and rebuilding.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

import numpy as np
import pandas as pd

from thlib.data.files import data_dir, data_path, read_csv, read_yaml
from thlib.errors import DataError, ThlibError
from thlib.periods import Period, SplitYear, parse_period, sort_key

__all__ = [
    "FINGERTIPS_COLUMNS", "SERIES_COLUMNS", "SUPPRESSION_MARKERS", "TIDY_COLUMNS", "read_series",
    "series", "series_files", "statistical_neighbours",
]

#: The columns of every series frame, whichever format it was read from.
SERIES_COLUMNS = (
    "indicator", "indicator_id", "area_code", "area_name", "period", "value", "lower", "upper",
    "confidence", "count", "denominator", "unit", "sex", "age", "category_type", "category",
    "value_note", "missing_reason", "period_source", "source", "source_file",
)
#: Header of the tidy published-series format (the shipped ``timeseries/`` files).
TIDY_COLUMNS = (
    "area_code", "area_name", "period", "value", "lower_ci", "upper_ci", "count", "denominator",
    "unit", "sex", "age", "indicator", "period_source", "source",
)
#: Header of the Fingertips API CSV export (``api/all_data/csv/...``); the two "Compared to"
#: columns are named after the comparators, and newer exports add ``Time period range``.
FINGERTIPS_COLUMNS = (
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name",
    "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value",
    "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit",
    "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to Region value or percentiles", "Time period Sortable", "New data",
    "Compared to goal",
)

_TIMESERIES = "open-data/timeseries"
_NEIGHBOURS = f"{_TIMESERIES}/statistical_neighbours_tower_hamlets.csv"
_SOURCES = Path(__file__).with_name("sources.yml")
_GSS = re.compile(r"[A-Z]\d{8}")
#: An ISO 8601 interval in ``period_source`` gives the exact dates of the period.
_ISO_INTERVAL = r"(?:\d{4}-\d{2}-\d{2}|P[0-9YMWD]+)/(?:\d{4}-\d{2}-\d{2}|P[0-9YMWD]+)"
#: Cells read as "no value": empty, or "NA" as the Fingertips-derived files write it.
_MISSING = ("", "NA")
#: Publishers' suppression markers, and the reason each gives for a missing number, in words
#: to show where the number would be. A number column (value, limits, count, denominator)
#: holding one is read as no value (never as zero) and the reason goes in the row's
#: ``missing_reason``. DfE writes the markers bare (``c``, ``x``); the Government Statistical
#: Service's guidance on symbols in tables writes them in brackets (``[c]``, ``[x]``, ``[z]``,
#: ``[low]``, ``[u]``). Either form is read, in any case, with spaces around or inside the
#: brackets. ``NA`` and an empty cell are no value with no reason given.
SUPPRESSION_MARKERS: Mapping[str, str] = MappingProxyType({
    "c": "withheld: small numbers",  # confidential: withheld to protect confidentiality
    "x": "not available",  # not collected, not published or missing for another reason
    "z": "not applicable",  # the question does not apply (e.g. no such service)
    "low": "rounds to zero",  # above zero but below half the last digit shown
    "u": "withheld: low reliability",  # too unreliable to publish
})
#: A marker as a cell holds it (surrounding spaces already stripped): bare or in brackets.
_MARKER = r"^(?:\[\s*(?P<bracketed>[a-z]+)\s*\]|(?P<bare>[a-z]+))$"
#: How ``missing_reason`` names a number column other than the value that holds a marker.
_FIELD_NAMES = {"lower": "lower limit", "upper": "upper limit", "count": "count",
                "denominator": "denominator"}
_KEYS = ("indicator", "area_code", "period", "sex", "age", "category_type", "category")


@dataclasses.dataclass(frozen=True)
class _Format:
    name: str
    columns: dict[str, str]  # series column -> the file's column
    required: tuple[str, ...]  # series columns the file must have

    def file_column(self, column: str) -> str:
        return self.columns.get(column, column)


_TIDY = _Format(
    "tidy published series",
    {"area_code": "area_code", "area_name": "area_name", "period": "period", "value": "value",
     "lower": "lower_ci", "upper": "upper_ci", "count": "count", "denominator": "denominator",
     "unit": "unit", "sex": "sex", "age": "age", "indicator": "indicator",
     "period_source": "period_source", "source": "source"},
    ("area_code", "area_name", "period", "value", "indicator"),
)
_FINGERTIPS = _Format(
    "Fingertips API CSV export",
    {"indicator_id": "Indicator ID", "indicator": "Indicator Name", "area_code": "Area Code",
     "area_name": "Area Name", "sex": "Sex", "age": "Age", "category_type": "Category Type",
     "category": "Category", "period": "Time period", "value": "Value",
     "lower": "Lower CI 95.0 limit", "upper": "Upper CI 95.0 limit", "count": "Count",
     "denominator": "Denominator", "value_note": "Value note", "period_source": "Time period"},
    ("indicator_id", "indicator", "area_code", "area_name", "sex", "age", "category_type",
     "category", "period", "value", "lower", "upper", "count", "denominator"),
)


def _detect(columns: pd.Index, path: Path) -> _Format:
    names = set(columns)
    if {"Area Code", "Time period"} <= names or "Indicator ID" in names:
        return _FINGERTIPS
    if {"area_code", "period"} <= names:
        return _TIDY
    raise DataError(
        f"{path}: row 1 (the header) matches no series format thlib reads. A tidy published "
        f"series has the columns {', '.join(TIDY_COLUMNS)}; a Fingertips API CSV export has "
        f"{', '.join(FINGERTIPS_COLUMNS)}. This file has {', '.join(map(repr, columns[:8]))}"
        f"{' ...' if len(columns) > 8 else ''}"
    )


def _first(mask: pd.Series) -> int:
    """Return the position of the first row where ``mask`` holds."""
    return int(np.flatnonzero(mask.to_numpy())[0])


def _fail(path: Path, rows: pd.Series, mask: pd.Series, column: str, what: str,
          fix: str | None = None) -> NoReturn:
    """Raise for the first row where ``mask`` holds (``what`` describes it), counting the rest."""
    more = int(mask.sum()) - 1
    raise DataError(
        f"{path}: row {int(rows.iloc[_first(mask)])} (counting the header as row 1), column "
        f"{column!r} {what}{f' ({more} more rows like it)' if more else ''}; "
        f"{fix or 'correct the file or replace it with the published extract'}"
    )


def _text(raw: pd.DataFrame, column: str | None) -> pd.Series:
    if column is None or column not in raw:
        return pd.Series(np.nan, index=raw.index, dtype="str")
    text = raw[column].str.strip()
    return text.where(text != "")


def _marker_reasons(text: pd.Series) -> pd.Series:
    """Return the reason of each cell that holds a suppression marker, else missing."""
    found = text.str.extract(_MARKER, flags=re.IGNORECASE)
    marker = found["bracketed"].fillna(found["bare"]).str.lower()
    return marker.map(dict(SUPPRESSION_MARKERS)).astype("str")


def _numbers(raw: pd.DataFrame, fmt: _Format, path: Path, rows: pd.Series,
             ) -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    """Return each number column as floats, and the marker reason of each of its cells."""
    numbers, reasons = {}, {}
    for column in ("value", "lower", "upper", "count", "denominator"):
        name = fmt.file_column(column)
        if name not in raw:
            numbers[column] = pd.Series(np.nan, index=raw.index, dtype=float)
            reasons[column] = pd.Series(np.nan, index=raw.index, dtype="str")
            continue
        text = raw[name].str.strip()
        reasons[column] = _marker_reasons(text)
        missing = text.isin(_MISSING) | reasons[column].notna()
        converted = pd.to_numeric(text.where(~missing), errors="coerce").astype(float)
        bad = (converted.isna() | np.isinf(converted)) & ~missing
        if bad.any():
            _fail(path, rows, bad, name,
                  f"holds {text.iloc[_first(bad)]!r}, which is not a number nor a "
                  f"suppression marker ({', '.join(SUPPRESSION_MARKERS)}, bare or in brackets)")
        numbers[column] = converted
    return numbers, reasons


def _missing_reason(numbers: dict[str, pd.Series], reasons: dict[str, pd.Series],
                    note: pd.Series) -> pd.Series:
    """Return why each row's value (or another of its numbers) is missing, where known.

    The value's own marker first; else, where the value is empty, the export's value note
    (Fingertips says there why it left a value out); else the other number columns that hold
    a marker, each named (``"denominator withheld: small numbers"``), joined by ``"; "``.
    """
    reason = reasons["value"].fillna(note.where(numbers["value"].isna()))
    others = pd.concat([reasons[c].radd(f"{_FIELD_NAMES[c]} ") for c in _FIELD_NAMES], axis=1)
    marked = reason.isna() & others.notna().any(axis=1)
    if marked.any():
        reason[marked] = others[marked].apply(lambda r: "; ".join(r.dropna()), axis=1)
    return reason.astype("str")


def _check_values(numbers: dict[str, pd.Series], unit: pd.Series, fmt: _Format, path: Path,
                  rows: pd.Series) -> None:
    value, lower, upper = numbers["value"], numbers["lower"], numbers["upper"]
    count, denominator = numbers["count"], numbers["denominator"]
    for column, values in (("count", count), ("denominator", denominator)):
        negative = values < 0
        if negative.any():
            _fail(path, rows, negative, fmt.file_column(column),
                  f"holds {values.iloc[_first(negative)]:g}, which is negative")
    over = (unit == "%") & (count > denominator)
    if over.any():
        i = _first(over)
        _fail(path, rows, over, fmt.file_column("count"),
              f"holds {count.iloc[i]:g}, more than its denominator {denominator.iloc[i]:g}, "
              "though the measure is a percentage")
    for column, bad, bound in (("lower", lower > value, lower), ("upper", upper < value, upper)):
        if bad.any():
            i, side = _first(bad), "above" if column == "lower" else "below"
            _fail(path, rows, bad, fmt.file_column(column),
                  f"holds {bound.iloc[i]:g}, {side} the value {value.iloc[i]:g}")


def _periods(raw: pd.DataFrame, fmt: _Format, path: Path, rows: pd.Series,
             split_year: SplitYear | None, values: pd.Series) -> pd.Series:
    """Parse the periods, once per distinct text; an ISO 8601 period_source gives the dates."""
    label_column = fmt.file_column("period")
    labels = raw[label_column].str.strip()
    texts, columns = labels, pd.Series(label_column, index=raw.index)
    iso = pd.Series(False, index=raw.index)
    if fmt is _TIDY and "period_source" in raw:
        sources = raw["period_source"].str.strip()
        iso = sources.str.fullmatch(_ISO_INTERVAL).fillna(False).astype(bool)
        texts = sources.where(iso, labels)
        columns = columns.where(~iso, "period_source")
    parsed: dict[tuple[str, str], Period] = {}
    for text, column in dict.fromkeys(zip(texts, columns, strict=True)):  # in file order
        try:
            parsed[(text, column)] = parse_period(text, split_year=split_year)
        except ThlibError as exc:
            at = (texts == text) & (columns == column)
            _fail(path, rows, at, column, f"holds a period thlib cannot read ({exc})",
                  fix="name split_year when reading the file" if "split_year" in str(exc)
                  else None)
    periods = pd.Series([parsed[key] for key in zip(texts, columns, strict=True)],
                        index=raw.index, dtype=object)
    # Where the publisher's dates are used, the file's own label must say the same period.
    disagree = iso & (periods.map(str) != labels)
    if disagree.any():
        i = _first(disagree)
        _fail(path, rows, disagree, label_column,
              f"holds {labels.iloc[i]!r}, but its period_source {texts.iloc[i]!r} is "
              f"{periods.iloc[i].label}")
    # A value for a period that has not ended yet is a typo or a forecast, never data.
    today = dt.date.today()
    future = periods.map(lambda p: p.end > today).astype(bool) & values.notna()
    if future.any():
        i = _first(future)
        _fail(path, rows, future, label_column,
              f"holds {labels.iloc[i]!r}, a period that ends on {periods.iloc[i].end}, after "
              f"today ({today}): a published value covers a period that has ended",
              fix="correct the period, or remove the row until the period has ended")
    return periods


@functools.lru_cache(maxsize=128)
def _read(path: Path, _mtime: float, split_year: SplitYear | None, unit: str | None,
          categories: bool) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise DataError(f"series file {path} does not exist") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError,
            ValueError) as exc:
        raise DataError(f"{path} could not be read as CSV ({exc}); check the file") from exc
    raw.columns = [str(c).strip() for c in raw.columns]
    twice = pd.Index(raw.columns).duplicated()
    if twice.any():
        name = raw.columns[int(np.flatnonzero(twice)[0])]
        raise DataError(f"{path}: row 1 (the header) names the column {name!r} twice (spaces "
                        "around a name are ignored); keep one column of each name")
    fmt = _detect(raw.columns, path)
    missing = [fmt.file_column(c) for c in fmt.required if fmt.file_column(c) not in raw]
    if missing:
        raise DataError(
            f"{path}: row 1 (the header) has no column {', '.join(map(repr, missing))}, which a "
            f"{fmt.name} must have; its columns are {', '.join(map(repr, raw.columns))}"
        )
    rows = pd.Series(np.arange(len(raw)) + 2, index=raw.index)
    if fmt is _FINGERTIPS and not categories:
        # An empty Category Type is the whole population; other rows split it (deciles, ...).
        whole = raw["Category Type"].str.strip() == ""
        raw, rows = raw[whole], rows[whole]

    text = {column: _text(raw, fmt.columns.get(column)) for column in SERIES_COLUMNS}
    if fmt is _FINGERTIPS:
        text["unit"] = pd.Series(unit, index=raw.index, dtype="str")
        text["source"] = ("Fingertips indicator " + text["indicator_id"]).astype("str")
    elif "period_source" not in raw:
        text["period_source"] = _text(raw, "period")

    codes = text["area_code"].fillna("")
    not_gss = ~codes.str.fullmatch(_GSS.pattern).astype(bool)
    if not_gss.any():
        _fail(path, rows, not_gss, fmt.file_column("area_code"),
              f"holds {codes.iloc[_first(not_gss)]!r}, which is not a GSS area code (a capital "
              "letter and 8 digits, e.g. E09000030)")
    numbers, reasons = _numbers(raw, fmt, path, rows)
    _check_values(numbers, text["unit"], fmt, path, rows)
    text["missing_reason"] = _missing_reason(numbers, reasons, text["value_note"])
    frame = pd.DataFrame({
        **{c: text[c] for c in SERIES_COLUMNS if c in text},
        **numbers,
        "period": _periods(raw, fmt, path, rows, split_year, numbers["value"]),
        "source_file": str(path),
    })
    frame["confidence"] = np.where(numbers["lower"].notna() | numbers["upper"].notna(),
                                   0.95, np.nan)
    frame["_row"] = rows
    if fmt is _FINGERTIPS:
        # Fingertips lists an area once under each parent: the same figure repeated is kept once.
        # (Its note, and so a missing value's reason, may differ between the two listings.)
        frame = frame.drop_duplicates(subset=[
            c for c in SERIES_COLUMNS if c not in ("value_note", "missing_reason", "source_file")])
    repeated = frame.duplicated(subset=list(_KEYS), keep="first")
    if repeated.any():
        keys = frame[list(_KEYS)].astype(object).fillna("").apply(tuple, axis=1)
        again = frame[repeated].iloc[0]
        original = frame.loc[keys == keys[again.name], "_row"].iloc[0]
        columns = [fmt.file_column(k) for k in _KEYS if fmt.file_column(k) in raw]
        raise DataError(
            f"{path}: row {again['_row']} (counting the header as row 1) repeats row "
            f"{original}: the same {', '.join(map(repr, columns))} (area "
            f"{again['area_code']}, period {again['period']}); keep one row per area, period, "
            "sex, age and indicator"
        )
    frame = frame.sort_values(["indicator", "sex", "age", "category_type", "category",
                               "area_code", "period"], key=sort_key, kind="stable")
    frame = frame[list(SERIES_COLUMNS)].reset_index(drop=True)
    frame.attrs = {"source_file": str(path), "format": fmt.name}
    return frame


def read_series(
    path: str | Path,
    split_year: SplitYear | None = None,
    unit: str | None = None,
    categories: bool = False,
) -> pd.DataFrame:
    """Read and validate a series file in either format, wherever it is.

    The format is told from the header: the tidy published-series format
    (:data:`TIDY_COLUMNS`) or the Fingertips API CSV export (:data:`FINGERTIPS_COLUMNS`).

    - Tidy format: ``lower_ci`` and ``upper_ci`` are 95% confidence limits (the shipped files
      copy ONS Explore Local Statistics' ``lci_95`` and ``uci_95``). Where ``period_source``
      is an ISO 8601 interval (``2015-11-16/P1Y``) the period has exactly those dates and
      ``period`` must label it; otherwise ``period`` is read. ``NA`` is read as no value.
    - Fingertips export: ``Lower CI 95.0 limit`` and ``Upper CI 95.0 limit`` become ``lower``
      and ``upper`` with ``confidence`` 0.95; the 99.8% limits are not kept. Rows with a
      ``Category Type`` (deprivation deciles, ethnic groups, ...) are left out unless
      ``categories`` is true: an empty ``Category Type`` is the whole population. The export
      has no unit: pass ``unit``. The same figure listed twice (Fingertips repeats an area
      under each parent area) is kept once.

    In both formats a number column (value, limits, count, denominator) may hold a
    publisher's suppression marker instead of a number: DfE's ``c`` (small numbers withheld)
    or ``x`` (not available), or the Government Statistical Service's bracketed ``[c]``,
    ``[x]``, ``[z]``, ``[low]``, ``[u]``, in any case and with spaces around (the table is
    :data:`SUPPRESSION_MARKERS`). A marker is read as no value, never as zero, and the row
    keeps why in ``missing_reason``:

    - the value's own marker, in words (``c`` gives ``"withheld: small numbers"``);
    - else, where the value is empty, the Fingertips ``Value note`` (e.g. ``"Count < 3"``);
    - else, where only other columns hold markers (the value is published but, say, its
      denominator withheld), each such column named before its reason, joined by ``"; "``:
      ``"denominator withheld: small numbers"``;
    - else missing: a value published, or left out (empty, ``NA``) without a reason given.

    Parameters
    ----------
    path : str or pathlib.Path
        The file (not taken relative to the data folder; see :func:`series` for that).
    split_year : {"financial", "academic"} or int, optional
        What a ``YYYY/YY`` period means when the file does not say (see
        :func:`thlib.periods.parse_period`). Needed only if the file has such periods.
    unit : str, optional
        The unit of a Fingertips export's values, e.g. ``"%"``; ignored for the tidy format,
        which has a ``unit`` column. A count above its denominator is an error where the unit
        is ``"%"``.
    categories : bool, default False
        Keep a Fingertips export's category rows.

    Returns
    -------
    pandas.DataFrame
        One row per indicator, area, sex, age (category) and period, with the columns
        :data:`SERIES_COLUMNS`: ``period`` holds :class:`thlib.periods.Period` objects
        (sort with ``key=thlib.periods.sort_key``); ``value``, ``lower``, ``upper``,
        ``count``, ``denominator`` and ``confidence`` are floats, missing where not
        published (a row with no value is kept, not dropped); ``missing_reason`` says why a
        number is missing where the file says (see above); ``period_source`` is the
        publisher's period text; ``source_file`` the file. ``attrs`` holds ``source_file``
        and ``format``. Reads are cached per file and modification time: treat the frame
        as read-only or copy it.

    Raises
    ------
    DataError
        If the file is missing or unreadable; its header matches neither format (the message
        lists both sets of columns), lacks a required column or names one twice; a row
        holds a value for a period that has not ended yet; or a row holds a value that
        is neither a number nor a suppression marker (``n/a``, ``-``, ``12a``), a negative
        count or denominator, a count above its denominator in a percentage, a lower limit
        above the value or an upper limit below it, a period that cannot be read, an area
        code that is not a GSS code, or the same area, period, sex, age and indicator as
        another row. The message names the file, the row (the header is row 1) and the
        column.

    Examples
    --------
    >>> from thlib.data import data_dir
    >>> folder = data_dir() / "open-data" / "timeseries"
    >>> pay = read_series(folder / "median_gross_weekly_pay_residence_ashe.csv")
    >>> th = pay[pay["area_code"] == "E09000030"]
    >>> len(th), str(th["period"].iloc[0]), float(th["value"].iloc[0])
    (18, '2008', 548.1)

    DfE withheld City of London's re-referrals of 2021/22 (``c``): no value, and why.

    >>> rereferrals = read_series(folder / "london-boroughs"
    ...                           / "children_in_need_rereferrals_12_months_dfe.csv",
    ...                           split_year="financial")
    >>> city = rereferrals.set_index(["area_code", rereferrals["period"].map(str)])
    >>> row = city.loc[("E09000001", "2021/22")]
    >>> float(row["value"]), row["missing_reason"], float(row["denominator"])
    (nan, 'withheld: small numbers', 60.0)
    >>> read_series(folder / "ncmp_year6_obesity_fingertips_TH_England_only.csv")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: ...csv: row 2 (counting the header as row 1), column 'period' ...
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"series file {path} does not exist; name a CSV in the tidy series "
                        "format or a Fingertips export")
    frame = _read(path.resolve(), path.stat().st_mtime, split_year, unit, categories)
    return frame.copy()


def _relative(name: str | Path) -> str:
    name = Path(name).as_posix()
    if not name.startswith("open-data/"):
        name = f"{_TIMESERIES}/{name}"
    return name if name.endswith(".csv") else f"{name}.csv"


def series(name: str | Path, split_year: SplitYear | None = None) -> pd.DataFrame:
    """Read a series from the data folder (:func:`thlib.data.data_dir`), validated and tidy.

    A name starting ``open-data/`` is taken relative to the data folder; any other name
    relative to its ``open-data/timeseries/`` (so ``london-boroughs/<file>`` names the
    all-boroughs version). To refresh a measure, replace its file (or point
    ``$THLIB_DATA_DIR`` at a newer snapshot) and rebuild.

    Parameters
    ----------
    name : str or pathlib.Path
        The file name, with or without ``.csv`` (e.g. ``"employment_rate_16_64_aps_ons"``,
        ``"london-boroughs/employment_rate_16_64_aps_ons"``), or its path relative to the
        data folder (``"open-data/timeseries/..."``).
    split_year : {"financial", "academic"} or int, optional
        What a bare ``YYYY/YY`` in the file means. By default, the ``split_year`` of the
        file's entry in ``sources.yml`` (keyed by the file name without ``.csv``).

    Returns
    -------
    pandas.DataFrame
        As :func:`read_series`: a publisher's suppression marker is no value, with its
        reason in ``missing_reason``. Cached per data folder, file and modification time.

    Raises
    ------
    DataError
        If the file is missing (the message says how to restore it) or fails a check of
        :func:`read_series`.

    Examples
    --------
    >>> employment = series("employment_rate_16_64_aps_ons")
    >>> latest = employment[employment["area_code"] == "E09000030"].iloc[-1]
    >>> latest["period"].label, float(latest["value"]), float(latest["confidence"])
    ('2023', 66.2, 0.95)
    >>> round(float(latest["lower"]), 1), round(float(latest["upper"]), 1)  # as published:
    (59.8, 72.6)
    >>> year6 = series("ncmp_year6_obesity_fingertips_TH_England_only")  # academic years
    >>> str(year6["period"].max()), str(year6["period"].max().end)
    ('2024/25', '2025-08-31')

    DfE's 2024/25 is the year to 31 March 2025 (``sources.yml``: financial); it withheld
    City of London's children looked after (``c``) that year:

    >>> looked_after = series("london-boroughs/children_looked_after_rate_per_10k_dfe")
    >>> city = looked_after[looked_after["area_code"] == "E09000001"].iloc[-1]
    >>> str(city["period"].end), city["missing_reason"], float(city["denominator"])
    ('2025-03-31', 'withheld: small numbers', 847.0)
    """
    path = data_path(_relative(name))
    if split_year is None:
        split_year = _split_years().get(path.stem)
    return read_series(path, split_year=split_year)


@functools.lru_cache(maxsize=1)
def _split_years() -> dict[str, SplitYear]:
    """Return the ``split_year`` of each source in ``sources.yml`` that has one."""
    sources = read_yaml(_SOURCES)["sources"]
    return {key: entry["split_year"] for key, entry in sources.items() if "split_year" in entry}


def series_files(london_boroughs: bool = False) -> list[str]:
    """Return the series files shipped in the data folder, relative to it.

    Parameters
    ----------
    london_boroughs : bool, default False
        List the versions with every London borough (``timeseries/london-boroughs/``)
        instead of those with Tower Hamlets, London and England only.

    Returns
    -------
    list of str
        Sorted paths such as ``open-data/timeseries/employment_rate_16_64_aps_ons.csv``;
        the statistical neighbours file (not a series) is left out.

    Raises
    ------
    DataError
        If the data folder does not exist.

    Examples
    --------
    >>> len(series_files()), len(series_files(london_boroughs=True))
    (32, 32)
    >>> series_files()[0]
    'open-data/timeseries/adult_obesity_prevalence_active_lives_ohid.csv'
    """
    folder = data_dir() / _TIMESERIES
    if london_boroughs:
        folder = folder / "london-boroughs"
    root = data_dir()
    return sorted(
        p.relative_to(root).as_posix() for p in folder.glob("*.csv")
        if p.relative_to(root).as_posix() != _NEIGHBOURS
    )


def statistical_neighbours(set_name: str | None = None) -> pd.DataFrame:
    """Return Tower Hamlets' statistical neighbours, one row per set and neighbour.

    The sets are ONS Explore Local Statistics' similar areas (global, economic and demographic
    indicators, 20 each) and DfE's children's services statistical neighbours (May 2025, and
    the superseded April 2021 list, 10 each); see ``data/README.md`` section 6.4.

    Parameters
    ----------
    set_name : str, optional
        Keep only this set (the file's ``scheme``, e.g. ``"DfE children's services
        statistical neighbours (May 2025)"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``set``, ``area_code``, ``area_name``, ``rank`` (1 = nearest, as published;
        missing where not given) and ``source``, ordered by set (as in the file) and rank.

    Raises
    ------
    DataError
        If the file is missing or lacks a column; a row holds an area code that is not a GSS
        code, a rank that is not a whole number of 1 or more, or repeats an area within a
        set (the message names file, row and column); or ``set_name`` is not in the file
        (the message lists the sets).

    Examples
    --------
    >>> dfe = statistical_neighbours("DfE children's services statistical neighbours (May 2025)")
    >>> len(dfe), dfe["area_name"].iloc[0]
    (10, 'Hackney')
    >>> statistical_neighbours()["set"].nunique()
    5
    """
    path = data_dir() / _NEIGHBOURS
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _neighbour_set(path, mtime, set_name).copy()


@functools.lru_cache(maxsize=16)
def _neighbour_set(path: Path, mtime: float, set_name: str | None) -> pd.DataFrame:
    # Picked once per set and file version: every period of every indicator asks for one.
    frame = _neighbours(path, mtime)
    if set_name is not None:
        if set_name not in set(frame["set"]):
            raise DataError(f"no statistical neighbour set {set_name!r} in {path}; its sets: "
                            f"{'; '.join(frame['set'].unique())}")
        frame = frame[frame["set"] == set_name]
    order = {name: i for i, name in enumerate(frame["set"].unique())}
    frame = frame.assign(_order=frame["set"].map(order))
    return frame.sort_values(["_order", "rank"], kind="stable").drop(columns="_order").reset_index(
        drop=True)


@functools.lru_cache(maxsize=4)
def _neighbours(path: Path, _mtime: float) -> pd.DataFrame:
    """Read and check the neighbours file once per file version (every chart asks)."""
    raw = read_csv(_NEIGHBOURS, required=["area_code", "area_name", "scheme"])
    rows = pd.Series(np.arange(len(raw)) + 2, index=raw.index)
    codes = raw["area_code"].astype("str").str.strip()
    not_gss = ~codes.str.fullmatch(_GSS.pattern).fillna(False).astype(bool)
    if not_gss.any():
        _fail(path, rows, not_gss, "area_code",
              f"holds {codes.iloc[_first(not_gss)]!r}, which is not a GSS area code")
    if "neighbour_rank" in raw:
        text = raw["neighbour_rank"].astype("str").str.strip()
        rank = pd.to_numeric(raw["neighbour_rank"], errors="coerce")
        bad = raw["neighbour_rank"].notna() & ~((rank >= 1) & (rank % 1 == 0))
        if bad.any():
            _fail(path, rows, bad, "neighbour_rank",
                  f"holds {text.iloc[_first(bad)]!r}, which is not a rank (1, 2, ...)")
    else:
        rank = pd.Series(np.nan, index=raw.index)
    frame = pd.DataFrame({
        "set": raw["scheme"].astype("str").str.strip(), "area_code": codes,
        "area_name": raw["area_name"], "rank": rank.astype("Int64"),
        "source": raw["source"] if "source" in raw else pd.Series(np.nan, index=raw.index),
    })
    twice = frame.duplicated(["set", "area_code"], keep=False)
    if twice.any():
        i = _first(twice)
        _fail(path, rows, twice, "area_code",
              f"repeats {codes.iloc[i]!r} within the set {frame['set'].iloc[i]!r}")
    return frame
