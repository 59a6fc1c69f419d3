"""Reading files: clear errors for missing columns and bad YAML."""

import pytest

from thlib.data import census, read_csv, read_yaml
from thlib.errors import DataError


def test_missing_column_is_named(data_copy):
    with pytest.raises(DataError, match="has no column 'nope'"):
        read_csv("open-data/other/tfl_ptal_2015_by_ward2014_tower_hamlets.csv", required=["nope"])


def test_bad_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("a: 1\nb: [unclosed\nc: 2\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.yml is not valid YAML at line \d+"):
        read_yaml(path)


def test_data_dir_that_does_not_exist(monkeypatch, tmp_path):
    monkeypatch.setenv("THLIB_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match="set THLIB_DATA_DIR"):
        read_csv("anything.csv")


def test_a_value_that_is_not_a_number_is_named_by_file_row_and_column(data_copy):
    relative = "open-data/census2021/census2021_ts054_tenure_tower_hamlets.csv"
    lines = (data_copy / relative).read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[2].split(",")  # row 3 of the file, counting the header as row 1
    cells[4] = "5x0"
    lines[2] = ",".join(cells)
    (data_copy / relative).write_text("".join(lines), encoding="utf-8")
    column = lines[0].split(",")[4].strip().strip('"')
    with pytest.raises(DataError) as caught:
        census("ts054")
    message = str(caught.value)
    assert str(data_copy / relative) in message  # the full path of the copy in use
    assert f"row 3 (counting the header as row 1), column {column!r} holds '5x0'" in message
