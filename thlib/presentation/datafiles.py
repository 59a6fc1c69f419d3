"""A report's chart data as files: a tidy CSV and a workbook laid out as GSS advises.

The CSV holds one row per plotted value (:data:`~thlib.presentation.chartdata.CHART_DATA_COLUMNS`).
The
workbook follows the Government Statistical Service's guidance on releasing statistics
in spreadsheets: a cover sheet, a table of contents, a notes sheet, then one table per
sheet, each with its title in cell A1, a single header row, no merged cells, no blank
rows or columns inside the table, numbers stored as numbers and a shorthand ``[x]``
(explained in the notes) where a cell has no value. Files are written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from thlib.presentation import formatting
from thlib.presentation.chartdata import CHART_DATA_COLUMNS, ChartData
from thlib.presentation.spreadsheet import csv_bytes, safe_cell
from thlib.publish.outputs import atomic_write

__all__ = ["NOT_AVAILABLE", "PUBLISHER", "data_file_names", "data_workbook", "tidy_data",
           "write_data_files"]

#: Who publishes the files and whom to ask about them (the workbook's cover sheet).
PUBLISHER = "Tower Hamlets Partnership (strategy team), with thlib"
#: The GSS shorthand written where a cell has no value.
NOT_AVAILABLE = "[x]"

#: The table sheets' headings, by tidy column.
HEADINGS = {"area": "Area", "measure": "Measure", "category": "Category", "period": "Period",
            "value": "Value", "lower": "Lower confidence limit",
            "upper": "Upper confidence limit", "unit": "Unit"}
#: Characters Excel does not allow in a sheet name.
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def tidy_data(charts: list[ChartData]) -> pd.DataFrame:
    """Return the values of every chart as one tidy table, each plotted value once.

    Parameters
    ----------
    charts : list of thlib.presentation.chartdata.ChartData
        The charts' data, in the report's order.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~thlib.presentation.chartdata.CHART_DATA_COLUMNS`; a value plotted by
        two charts (the
        same area, measure, category and period) is given once.

    Examples
    --------
    >>> frame = pd.DataFrame({"area": ["Bow"], "value": [3.5]})
    >>> chart = ChartData("T", "T", "Rate", "%", "2024", "ONS", "OGL v3.0", frame)
    >>> len(tidy_data([chart, chart]))
    1
    """
    if not charts:
        return pd.DataFrame(columns=CHART_DATA_COLUMNS)
    tidy = pd.concat([chart.tidy() for chart in charts], ignore_index=True)
    return tidy.drop_duplicates(["area", "measure", "category", "period"]).reset_index(
        drop=True)


def _sheet_names(charts: list[ChartData], taken: set[str]) -> list[str]:
    names = []
    for chart in charts:
        base = _NOT_IN_SHEET_NAMES.sub(" ", chart.name).strip("' ")[:31] or "Data"
        name, n = base, 2
        while name.lower() in taken:
            suffix = f" ({n})"
            name, n = base[:31 - len(suffix)] + suffix, n + 1
        taken.add(name.lower())
        names.append(name)
    return names


def _write_rows(sheet: Worksheet, rows: list[list[object]], start: int) -> None:
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            sheet.cell(row=start + i, column=j + 1, value=safe_cell(value))


def _table(sheet: Worksheet, title: str, lines: list[str], frame: pd.DataFrame) -> None:
    """Write a title (A1), lines of text, then one table with a single, bold header row."""
    sheet["A1"] = safe_cell(title)
    sheet["A1"].font = Font(bold=True, size=14)
    _write_rows(sheet, [[line] for line in lines], 2)
    header = 2 + len(lines)
    _write_rows(sheet, [list(frame.columns)], header)
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    _write_rows(sheet, frame.astype(object).to_numpy().tolist(), header + 1)
    for j, column in enumerate(frame.columns):
        longest = max([len(str(column)), *(len(str(v)) for v in frame.iloc[:, j])])
        sheet.column_dimensions[sheet.cell(row=header, column=j + 1).column_letter].width = \
            min(60, max(10, longest + 2))
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)


def _sheet_frame(chart: ChartData) -> pd.DataFrame:
    """Return the chart's rows for its sheet, leaving out columns with no value at all."""
    columns = chart.tidy()[list(HEADINGS)].to_dict("list")

    def given(value: object) -> bool:
        return not (formatting.is_missing(value) or value == "")

    # plain lists: a handful of rows, where pandas' per-call overhead would dominate
    return pd.DataFrame({
        heading: [value if given(value) else NOT_AVAILABLE for value in columns[column]]
        for column, heading in HEADINGS.items() if any(map(given, columns[column]))},
        dtype=object)


def data_workbook(charts: list[ChartData], title: str, area: str,
                  built: dt.date | None = None) -> bytes:
    """Return the workbook (.xlsx) of a report's chart data: cover, contents, notes, tables.

    Parameters
    ----------
    charts : list of thlib.presentation.chartdata.ChartData
        The charts' data, in the report's order: one sheet each.
    title : str
        The workbook's title (the cover's cell A1).
    area : str
        The area the report is about.
    built : datetime.date, optional
        The date the data were written; by default today.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from openpyxl import load_workbook
    >>> frame = pd.DataFrame({"area": ["Bow"], "value": [3.5]})
    >>> chart = ChartData("Rates in Bow", "Rates", "Rate", "%", "2024", "ONS", "OGL v3.0",
    ...                   frame)
    >>> book = load_workbook(io.BytesIO(data_workbook([chart], "Bow: data", "Bow")))
    >>> book.sheetnames, book["Rates"]["A1"].value, book["Rates"]["D5"].value
    (['Cover', 'Contents', 'Notes', 'Rates'], 'Rates in Bow', 3.5)
    """
    built = built or dt.date.today()
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    names = _sheet_names(charts, {"cover", "contents", "notes"})
    sources = list(dict.fromkeys(s for c in charts for s in c.tidy()["source"] if s))
    licences = list(dict.fromkeys(s for c in charts for s in c.tidy()["licence"] if s))
    cover["A1"] = safe_cell(title)
    cover["A1"].font = Font(bold=True, size=16)
    sections = [
        ("About these data", f"The values plotted in every chart of the profile of {area}, "
         f"one table per chart ({len(charts)} tables). The same values are in the CSV file "
         "published with the profile, one row per value."),
        ("Area", area),
        ("Source", "; ".join(sources) or "none"),
        ("Licence", "; ".join(licences) + ". Open Government Licence: "
         "https://www.nationalarchives.gov.uk/doc/open-government-licence/"),
        ("Publisher and contact", PUBLISHER),
        ("Date built", built.strftime("%-d %B %Y")),
        ("Notes", "Shorthand and caveats are explained on the Notes sheet; the Contents "
         "sheet lists the tables."),
    ]
    row = 2
    for heading, text in sections:
        cover.cell(row=row, column=1, value=heading).font = Font(bold=True, size=12)
        cover.cell(row=row + 1, column=1, value=safe_cell(text))
        row += 2
    cover.column_dimensions["A"].width = 100

    contents = book.create_sheet("Contents")
    _table(contents, "Table of contents", ["This worksheet contains one table."],
           pd.DataFrame({"Sheet name": names, "Table title": [c.title for c in charts],
                         "Measure": [c.measure for c in charts],
                         "Period": [c.period for c in charts]},
                        columns=["Sheet name", "Table title", "Measure", "Period"]))
    notes = book.create_sheet("Notes")
    _table(notes, "Notes", ["This worksheet contains one table."], pd.DataFrame({
        "Note number": ["note 1", "note 2", "note 3"],
        "Note text": [
            f"{NOT_AVAILABLE}: not available. The cell has no value: no confidence "
            "interval is published or calculated for it, or the value is missing.",
            "Values are given at full precision as plotted; the profile rounds them.",
            "Confidence limits are at each measure's confidence level (95% unless its "
            "source says otherwise); see the source named on each sheet.",
        ]}))
    for name, chart in zip(names, charts, strict=True):
        frame = _sheet_frame(chart)
        lines = [f"This worksheet contains one table. {chart.measure}; unit: "
                 f"{chart.unit or 'as given in the Unit column'}.",
                 f"Source: {'; '.join(dict.fromkeys(chart.tidy()['source']))}. Licence: "
                 f"{'; '.join(dict.fromkeys(chart.tidy()['licence']))}."]
        if (frame == NOT_AVAILABLE).any(axis=None):
            lines.append(f"Some cells contain {NOT_AVAILABLE}: not available (see note 1).")
        _table(book.create_sheet(name), chart.title, lines, frame)
    book.properties.title = title
    book.properties.creator = PUBLISHER
    moment = dt.datetime.combine(built, dt.time())
    book.properties.created = book.properties.modified = moment
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def data_file_names(stem: str) -> list[str]:
    """Return the names of the data files written for ``stem``: the CSV, then the workbook.

    Parameters
    ----------
    stem : str
        The files' name without extension.

    Returns
    -------
    list of str

    Examples
    --------
    >>> data_file_names("bow-data")
    ['bow-data.csv', 'bow-data.xlsx']
    """
    return [f"{stem}.csv", f"{stem}.xlsx"]


def write_data_files(output_dir: Path, stem: str, charts: list[ChartData], title: str,
                     area: str) -> list[dict[str, str]]:
    """Write ``<stem>.csv`` and ``<stem>.xlsx`` into ``output_dir``, each atomically.

    Parameters
    ----------
    output_dir : pathlib.Path
        The folder (created if needed).
    stem : str
        The files' name without extension.
    charts : list of thlib.presentation.chartdata.ChartData
        The charts' data.
    title, area : str
        The workbook's title and the area (:func:`data_workbook`).

    Returns
    -------
    list of dict
        For each file: ``name``, ``kind`` ("CSV" or "Excel workbook") and ``size``
        (:func:`thlib.presentation.formatting.file_size`).

    Examples
    --------
    >>> import tempfile
    >>> frame = pd.DataFrame({"area": ["Bow"], "value": [3.5]})
    >>> chart = ChartData("T", "T", "Rate", "%", "2024", "ONS", "OGL v3.0", frame)
    >>> files = write_data_files(Path(tempfile.mkdtemp()), "bow-data", [chart], "Bow", "Bow")
    >>> [(f["name"], f["kind"]) for f in files]
    [('bow-data.csv', 'CSV'), ('bow-data.xlsx', 'Excel workbook')]
    """
    csv_name, workbook_name = data_file_names(stem)
    contents = [(csv_name, "CSV", csv_bytes(tidy_data(charts))),
                (workbook_name, "Excel workbook", data_workbook(charts, title, area))]
    files = []
    for name, kind, raw in contents:
        atomic_write(Path(output_dir) / name, raw)
        files.append({"name": name, "kind": kind, "size": formatting.file_size(len(raw))})
    return files
