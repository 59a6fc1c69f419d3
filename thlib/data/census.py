"""Census 2021 tables as tidy counts, read as described in ``census_tables.yml``.

Each tidy table repeats its universe total (all usual residents, all households, ...)
on every category row of a geography; :func:`census_totals` is the one place that reads
it back, once per geography, and checks that the copies agree.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from thlib.data.checks import check_codes, check_numeric, check_unique
from thlib.data.files import data_dir, read_csv, read_yaml
from thlib.errors import DataError

_SPEC_FILE = Path(__file__).with_name("census_tables.yml")


@functools.lru_cache(maxsize=1)
def census_tables() -> dict[str, dict]:
    """Return the table definitions from ``census_tables.yml`` keyed by table id.

    Returns
    -------
    dict
        Table id (lower case, e.g. ``"ts054"``) to its definition: ``title``,
        ``universe``, ``file``, ``layout`` (``"wide"`` or ``"long"``), ``code``, ``total``
        and ``categories`` (label to source column or columns). Cached: treat it as
        read-only.

    Raises
    ------
    DataError
        If a definition lacks one of those fields; the message names the table.

    Examples
    --------
    >>> tables = census_tables()
    >>> len(tables)
    13
    >>> tables["ts054"]["title"], tables["ts054"]["universe"]
    ('Tenure', 'households')
    """
    spec = read_yaml(_SPEC_FILE)
    if not isinstance(spec, dict):
        raise DataError(f"{_SPEC_FILE}: expected a mapping of table ids to table definitions")
    for table_id, table in spec.items():
        required = {"title", "universe", "file", "layout", "code", "total", "categories"}
        missing = required - set(table)
        if missing:
            raise DataError(f"{_SPEC_FILE}: table {table_id} lacks {', '.join(sorted(missing))}")
    return spec


def _columns(entry: str | list[str]) -> list[str]:
    return [entry] if isinstance(entry, str) else list(entry)


def _check_rows(raw: pd.DataFrame, keys: list[str], relative: str) -> None:
    """Each geography (and category) once, and every code one the lookups know.

    An LSOA, MSOA or ward code the lookups do not hold would vanish when rows are summed
    by area, so it is an error, not a row to drop.
    """
    from thlib.geography.areas import BOROUGH_CODE, ENGLAND_CODE, LONDON_CODE
    from thlib.geography.lookups import lsoa_to_ward, msoa_to_ward

    check_unique(raw, keys, relative)
    codes = raw[keys[0]].astype(str)
    known = {BOROUGH_CODE, LONDON_CODE, ENGLAND_CODE}
    if codes.str.startswith(("E01", "E05")).any():
        lsoas = lsoa_to_ward(2021)
        known |= set(lsoas.index) | set(lsoas)
    if codes.str.startswith("E02").any():
        known |= set(msoa_to_ward().index)
    check_codes(raw, keys[0], known, relative,
                "the borough's LSOA, MSOA and ward lookups (nor London or England)")


def _check_totals(tidy: pd.DataFrame, raw: pd.DataFrame, code: str, relative: str,
                  table_id: str, exhaustive: bool) -> None:
    """Check that a geography's rows carry one total, and its categories add up to it."""
    distinct = tidy.groupby("code", sort=True)["total"].unique()
    for place, totals in distinct.items():
        if len(totals) != 1:
            raise DataError(
                f"{data_dir() / relative} (Census table {table_id.upper()}): geography {place} has "
                f"different universe totals on its category rows "
                f"({', '.join(str(v) for v in sorted(totals))}); each row of a geography "
                "must carry the same total: check the file against the ONS release"
            )
    if not exhaustive:
        return
    sums = tidy.groupby("code", sort=False).agg(count=("count", "sum"), total=("total", "first"))
    wrong = sums[sums["count"] != sums["total"]]
    if len(wrong):
        place, row = wrong.index[0], wrong.iloc[0]
        line = int((raw[code].astype(str) == place).to_numpy().nonzero()[0][0]) + 2
        raise DataError(
            f"{data_dir() / relative}: row {line} (counting the header as row 1), geography "
            f"{place}: the categories of Census table {table_id.upper()} add up to "
            f"{row['count']:g}, but its total is {row['total']:g}; correct the file from the "
            "ONS release (or, if the table's categories do not cover everyone, mark it "
            "'exhaustive: false' in census_tables.yml)"
        )


@functools.lru_cache(maxsize=32)
def _census(table_id: str, _data_dir: Path) -> pd.DataFrame:
    tables = census_tables()
    if table_id not in tables:
        raise DataError(f"no Census table {table_id!r}; known tables: {', '.join(tables)}")
    spec = tables[table_id]
    relative = f"open-data/{spec['file']}"
    if spec["layout"] == "wide":
        needed = {c for entry in spec["categories"].values() for c in _columns(entry)}
        needed |= set(_columns(spec["total"]))
        raw = read_csv(relative, required=[spec["code"], *sorted(needed)])
        raw = check_numeric(raw, sorted(needed), relative, minimum=0)
        _check_rows(raw, [spec["code"]], relative)
        total = raw[_columns(spec["total"])].sum(axis=1)
        parts = [
            pd.DataFrame(
                {
                    "code": raw[spec["code"]],
                    "category": label,
                    "count": raw[_columns(columns)].sum(axis=1),
                    "total": total,
                }
            )
            for label, columns in spec["categories"].items()
        ]
        tidy = pd.concat(parts, ignore_index=True)
    elif spec["layout"] == "long":
        raw = read_csv(relative, required=[spec["code"], spec["category"], spec["count"]])
        labels = {source: label for label, source in spec["categories"].items()}
        unknown = sorted(set(raw[spec["category"]]) - set(labels))
        if unknown:
            raise DataError(
                f"{relative}: column {spec['category']!r} holds categories not in "
                f"census_tables.yml ({', '.join(map(repr, unknown))}); add them to table {table_id}"
            )
        raw = check_numeric(raw, [spec["count"]], relative, minimum=0)
        _check_rows(raw, [spec["code"], spec["category"]], relative)
        tidy = pd.DataFrame(
            {
                "code": raw[spec["code"]],
                "category": raw[spec["category"]].map(labels),
                "count": raw[spec["count"]],
            }
        )
        if spec["total"] in raw:
            tidy["total"] = check_numeric(raw, [spec["total"]], relative,
                                          minimum=0)[spec["total"]]
        else:
            tidy["total"] = tidy.groupby("code")["count"].transform("sum")
    else:
        raise DataError(
            f"census_tables.yml: table {table_id} has unknown layout {spec['layout']!r}"
        )
    _check_totals(tidy, raw, spec["code"], relative, table_id, spec.get("exhaustive", True))
    order = list(spec["categories"])
    tidy["category"] = pd.Categorical(tidy["category"], categories=order, ordered=True)
    return tidy.sort_values(["code", "category"]).reset_index(drop=True)


def census(table_id: str) -> pd.DataFrame:
    """Return a Census 2021 table as tidy counts.

    Parameters
    ----------
    table_id : str
        A table id from ``census_tables.yml``, e.g. ``"ts054"`` (tenure).

    Returns
    -------
    pandas.DataFrame
        Columns ``code`` (GSS code of an LSOA, MSOA, ward, the borough, London or
        England, as the file holds), ``category`` (ordered), ``count`` and ``total``
        (the table's universe in that geography, repeated on each category row: read
        it once per geography with :func:`census_totals`). ``attrs`` carries the title,
        universe and file.

    Raises
    ------
    DataError
        If the table is not defined, its file is missing or lacks a column, a count is not
        a number or is negative, a geography (or geography and category) appears twice, a
        code is not one the borough's lookups know, or a geography's categories do not add
        up to its total; the message names the file, row and column.

    Examples
    --------
    TS007A holds the 169 LSOAs of the borough, the borough, London and England, each with
    18 five-year age bands:

    >>> ages = census("ts007a")
    >>> ages.attrs["title"]
    'Age by five-year age band'
    >>> ages.loc[ages["code"].str.startswith("E01"), "code"].nunique()
    169
    >>> borough = ages[ages["code"] == "E09000030"]
    >>> len(borough), int(borough["total"].iloc[0])
    (18, 310306)
    >>> census("ts999")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: no Census table 'ts999'; known tables: ts007a, ts021, ...
    """
    frame = _census(table_id, data_dir()).copy()
    spec = census_tables()[table_id]
    frame.attrs = {"table": table_id.upper(), "title": spec["title"], "universe": spec["universe"],
                   "file": spec["file"]}
    return frame


def census_totals(table_id: str) -> pd.Series:
    """Return a Census 2021 table's universe total for each geography it holds.

    The tidy table (:func:`census`) repeats the total on every category row of a
    geography; this takes it once per code, after checking every copy is the same.

    Parameters
    ----------
    table_id : str
        A table id from ``census_tables.yml``, e.g. ``"ts022"`` (usual residents by ward).

    Returns
    -------
    pandas.Series
        The total (e.g. usual residents, households) indexed by GSS code, named
        ``total``, in code order.

    Raises
    ------
    DataError
        If the table is unknown, or a code's rows carry different totals (naming the
        file, the table, the code and the totals found).

    Examples
    --------
    >>> totals = census_totals("ts007a")
    >>> int(totals["E09000030"])  # Tower Hamlets usual residents
    310306
    >>> int(census_totals("ts022")["E05009331"])  # Bethnal Green West ward
    19797
    """
    return _census_totals(table_id, data_dir()).copy()


@functools.lru_cache(maxsize=32)
def _census_totals(table_id: str, _data_dir: Path) -> pd.Series:
    # the loader has checked that every category row of a geography carries the same total
    return census(table_id).groupby("code", sort=True)["total"].first().rename_axis("code")
