"""The chart data files: a tidy CSV and a workbook laid out as the GSS advises."""

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from thlib.presentation.chartdata import ChartData
from thlib.presentation.datafiles import data_workbook, write_data_files

COLUMNS = ["area", "measure", "category", "period", "value", "lower", "upper", "unit",
           "source", "licence"]


def _charts():
    shares = ChartData(
        "Tenure: Bow rents more", "Tenure", "Tenure: percentage of households", "%",
        "Census 2021", "ONS, Census 2021", "OGL v3.0",
        pd.DataFrame({"area": ["Bow", "Borough"], "category": ["Owned", "Owned"],
                      "value": [20.5, 25.0]}))
    trend = ChartData(
        "Employment rate", "Employment: with [brackets]?", "Employment rate", "%",
        "2019 to 2020", "ONS, APS", "OGL v3.0",
        pd.DataFrame({"area": ["Bow", "Bow"], "period": ["2019", "2020"],
                      "value": [60.0, 62.5], "lower": [57.0, None],
                      "upper": [63.0, None]}))
    same_name = ChartData(
        "Children", "Tenure", "Tenure: percentage of households", "%", "Census 2021",
        "ONS, Census 2021", "OGL v3.0",
        pd.DataFrame({"area": ["Bow"], "category": ["Owned"], "value": [20.5]}))
    return [shares, trend, same_name]


@pytest.fixture
def written(tmp_path):
    files = write_data_files(tmp_path, "bow-data", _charts(), "Bow ward: data", "Bow ward")
    return tmp_path, files


def test_both_files_are_written_and_nothing_else(written):
    folder, files = written
    assert sorted(p.name for p in folder.iterdir()) == ["bow-data.csv", "bow-data.xlsx"]
    assert [(f["name"], f["kind"]) for f in files] == [("bow-data.csv", "CSV"),
                                                       ("bow-data.xlsx", "Excel workbook")]


def test_csv_has_the_tidy_columns_one_row_per_value_and_empty_limits(written):
    folder, _ = written
    with (folder / "bow-data.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == COLUMNS
    # 2 + 2 values; the third chart's one value repeats the first chart's: given once
    assert len(rows) == 4
    assert rows[0] == {"area": "Bow", "measure": "Tenure: percentage of households",
                       "category": "Owned", "period": "Census 2021", "value": "20.5",
                       "lower": "", "upper": "", "unit": "%", "source": "ONS, Census 2021",
                       "licence": "OGL v3.0"}
    assert (rows[2]["lower"], rows[2]["upper"]) == ("57.0", "63.0")
    assert (rows[3]["lower"], rows[3]["upper"]) == ("", "")


def test_workbook_has_cover_contents_notes_then_one_named_table_per_sheet(written):
    folder, _ = written
    book = load_workbook(folder / "bow-data.xlsx")
    # Excel forbids [ ] ? in sheet names; two charts named "Tenure" get distinct sheets
    assert book.sheetnames == ["Cover", "Contents", "Notes", "Tenure",
                               "Employment  with  brackets", "Tenure (2)"]
    cover = [row[0] for row in book["Cover"].iter_rows(values_only=True)]
    assert cover[0] == "Bow ward: data"
    for heading in ("Area", "Source", "Licence", "Publisher and contact", "Date built"):
        assert heading in cover
    assert cover[cover.index("Area") + 1] == "Bow ward"
    assert cover[cover.index("Licence") + 1].startswith("OGL v3.0")
    assert book["Tenure"]["A1"].value == "Tenure: Bow rents more"
    assert book["Employment  with  brackets"]["A1"].value == "Employment rate"
    assert book["Contents"]["A1"].value == "Table of contents"
    assert book["Notes"]["A1"].value == "Notes"


def _table(sheet):
    """The sheet's rows from its header row (the first row with two or more cells)."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if sum(v is not None for v in r) > 1)
    return rows[start], rows[start + 1:]


def test_every_table_has_one_header_row_no_blanks_no_merged_cells(written):
    folder, _ = written
    book = load_workbook(folder / "bow-data.xlsx")
    for sheet in book.worksheets:
        assert not sheet.merged_cells.ranges, sheet.title
        if sheet.title == "Cover":
            continue
        header, body = _table(sheet)
        assert all(isinstance(h, str) and h for h in header), sheet.title
        assert body, sheet.title
        # no blank row or column inside the table: every cell holds something
        assert all(v is not None and v != "" for row in body for v in row), sheet.title


def test_numbers_are_stored_as_numbers_and_no_value_is_x(written):
    folder, _ = written
    sheet = load_workbook(folder / "bow-data.xlsx")["Employment  with  brackets"]
    header, body = _table(sheet)
    assert header == ["Area", "Measure", "Period", "Value", "Lower confidence limit",
                      "Upper confidence limit", "Unit"]
    assert [row[3] for row in body] == [60.0, 62.5]
    assert all(isinstance(row[3], int | float) for row in body)  # not text
    values = [c for c in sheet["D"] if isinstance(c.value, int | float)]
    assert len(values) == 2 and all(c.data_type == "n" for c in values)
    assert body[0][4:6] == [57.0, 63.0]
    assert body[1][4:6] == ["[x]", "[x]"]  # explained in the notes
    notes = [row[1] for row in load_workbook(folder / "bow-data.xlsx")["Notes"]
             .iter_rows(values_only=True)]
    assert any(str(n).startswith("[x]: not available") for n in notes)


def test_a_sheet_without_categories_or_limits_has_no_empty_columns():
    book = load_workbook(io.BytesIO(data_workbook(_charts()[:1], "T", "Bow",
                                                  built=dt.date(2026, 1, 2))))
    header, _ = _table(book["Tenure"])
    assert header == ["Area", "Measure", "Category", "Period", "Value", "Unit"]
    cover = [row[0] for row in book["Cover"].iter_rows(values_only=True)]
    assert cover[cover.index("Date built") + 1] == "2 January 2026"


def test_hostile_text_never_becomes_a_formula_and_negative_numbers_stay_numbers(tmp_path):
    hostile = ChartData(
        "=HYPERLINK(\"http://x\",\"Click\")", "Change", "@SUM(1+1)", "%", "2021",
        "+ONS", "-OGL", pd.DataFrame({"area": ["=cmd|' /C calc'!A0", "Bow"],
                                      "category": ["\t=1", "Owned"], "value": [-1.5, 2.0]}))
    write_data_files(tmp_path, "hostile", [hostile], "=Title", "@Area")
    book = load_workbook(tmp_path / "hostile.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    values = [c.value for row in book.worksheets[-1].iter_rows() for c in row]
    assert -1.5 in values  # still a number
    with open(tmp_path / "hostile.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["area"] == "'=cmd|' /C calc'!A0" and float(rows[0]["value"]) == -1.5
