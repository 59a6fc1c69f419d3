"""Bad data is refused at load, with the file, row, column and value named; never dropped."""

import pandas as pd
import pytest

from thlib.data import census
from thlib.errors import DataError
from thlib.geography import get_area
from thlib.geography.aggregate import aggregate
from thlib.geography.lookups import lsoa_to_ward

TENURE = "open-data/census2021/census2021_ts054_tenure_tower_hamlets.csv"
LOOKUP = "open-data/boundaries/lookup_lsoa2021_to_ward_bestfit_tower_hamlets.csv"


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _set_cell(path, line, column, value):
    """Set one cell (0-based line and column) of a CSV with no quoted commas."""
    lines = _lines(path)
    cells = lines[line].rstrip("\n").split(",")
    cells[column] = value
    lines[line] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def test_a_negative_count_is_refused_naming_file_row_column_and_value(data_copy):
    _set_cell(data_copy / TENURE, 2, 5, "-5")  # row 3 of the file; a count of owned homes
    column = _lines(data_copy / TENURE)[0].split(",")[5]
    with pytest.raises(DataError) as caught:
        census("ts054")
    message = str(caught.value)
    assert str(data_copy / TENURE) in message
    assert f"row 3 (counting the header as row 1), column {column!r} holds -5" in message


def test_a_repeated_lsoa_row_is_refused_naming_both_rows(data_copy):
    lines = _lines(data_copy / TENURE)
    (data_copy / TENURE).write_text("".join([*lines, lines[1]]), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        census("ts054")
    message = str(caught.value)
    assert f"rows 2 and {len(lines) + 1}" in message
    assert "'E01004198'" in message


def test_an_lsoa_the_lookup_does_not_know_is_refused_not_dropped(data_copy):
    _set_cell(data_copy / TENURE, 3, 3, "E01999999")  # row 4
    with pytest.raises(DataError) as caught:
        census("ts054")
    message = str(caught.value)
    assert "row 4 (counting the header as row 1), column 'geography code' holds 'E01999999'" \
        in message
    assert "lookup" in message


def test_a_repeated_lsoa_in_the_best_fit_lookup_is_named(data_copy):
    lines = _lines(data_copy / LOOKUP)
    (data_copy / LOOKUP).write_text("".join([*lines, lines[1]]), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        lsoa_to_ward()
    message = str(caught.value)
    assert str(data_copy / LOOKUP) in message
    assert f"rows 2 and {len(lines) + 1}" in message and "'E01004198'" in message


def test_summing_by_ward_refuses_a_code_it_cannot_place():
    frame = pd.DataFrame({"code": ["E01004198", "E01999999"], "count": [10, 20]})
    frame.attrs["file"] = "made-up.csv"
    with pytest.raises(DataError, match=r"made-up.csv: area code 'E01999999' is not in the LSOA"):
        aggregate(frame, get_area("ward", "E05009331"), ["count"])


def test_categories_that_do_not_add_up_to_the_total_are_refused(data_copy):
    # row 3 is LSOA E01004199 with 560 households; 111 of them owned: make it 999
    _set_cell(data_copy / TENURE, 2, 5, "999")
    with pytest.raises(DataError) as caught:
        census("ts054")
    message = str(caught.value)
    assert "row 3 (counting the header as row 1), geography E01004199" in message
    assert "add up to 1448, but its total is 560" in message  # 560 - 111 + 999


def test_an_infinite_count_is_not_a_number(data_copy):
    _set_cell(data_copy / TENURE, 2, 5, "inf")
    with pytest.raises(DataError, match=r"row 3 \(counting the header as row 1\), column .* "
                                        r"holds '?inf'?, which is not a number"):
        census("ts054")
