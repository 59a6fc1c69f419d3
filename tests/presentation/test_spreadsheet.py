"""Spreadsheet safety: text never starts a formula; numbers stay numbers (OWASP CSV injection)."""

import csv
import io

import pandas as pd
import pytest

from thlib.presentation.spreadsheet import safe_cell, safe_frame

# The characters OWASP's CSV injection guidance lists as starting a formula.
OWASP_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", OWASP_STARTS)
def test_text_starting_a_formula_is_prefixed_with_a_quote(start):
    text = f"{start}cmd|' /C calc'!A0"
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-1, -2.5, 0, 3, "-1", "+2.5", "-3e-4", "Bow East", "",
                                   "Tower Hamlets (E09000030)", None])
def test_numbers_and_plain_text_are_left_alone(value):
    assert safe_cell(value) == value


def test_a_written_csv_has_no_formula_cells_and_keeps_negative_numbers():
    frame = pd.DataFrame({
        "area": ["=HYPERLINK(\"http://x\")", "@SUM(1)", "Bow"],
        "category": pd.Categorical(["+1+1", "ok", "-x"]),
        "value": [-1.5, 2.0, -3.0],
    })
    text = safe_frame(frame).to_csv(index=False)
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        for column in ("area", "category"):
            assert not row[column].startswith(tuple("=+-@\t\r")), row[column]
    assert [float(r["value"]) for r in rows] == [-1.5, 2.0, -3.0]
    assert rows[0]["area"] == "'=HYPERLINK(\"http://x\")"
    assert frame["area"].iloc[0] == "=HYPERLINK(\"http://x\")"  # the input is not changed


def test_repeated_column_names_are_made_safe_too():
    frame = pd.DataFrame([["=1+1", "@x", 3.0]], columns=["name", "name", "value"])
    assert safe_frame(frame).values.tolist() == [["'=1+1", "'@x", 3.0]]
