"""Custom areas: the shipped empty file, listing, validation on use, and their figures."""

import csv
from pathlib import Path

import pytest

from thlib.data import data_path
from thlib.errors import AreaError, DataError
from thlib.geography import custom_area, custom_areas, find_area, get_area, list_areas

CENSUS = Path(__file__).resolve().parents[2] / "data" / "open-data" / "census2021"

AREAS = """\
areas:
  - code: CA-THREE
    name: Three Wards
    description: Bethnal Green East, Bow East and Bow West
    wards: [E05009317, E05009319, E05009320]
  - code: CA-FIVE
    name: Five Estates
    lsoas:
      - E01004198
      - E01004199
      - E01004200
      - E01004201
      - E01004202
  - code: CA-BAD
    name: Bad Ward
    wards: [E05009317, E05000001]
"""


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_file_has_no_areas(monkeypatch):
    monkeypatch.delenv("THLIB_CUSTOM_AREAS", raising=False)
    assert list_areas("custom") == []
    assert "areas: []" in data_path("custom_areas.yml").read_text(encoding="utf-8")


def test_listing_keeps_every_named_entry_and_validation_happens_on_use(areas_file):
    assert [a.code for a in list_areas("custom")] == ["CA-THREE", "CA-FIVE", "CA-BAD"]
    three = get_area("custom", "CA-THREE")
    assert three.wards == ("E05009317", "E05009319", "E05009320")
    assert three.lsoas == ()
    assert three.label == "Three Wards (custom area)"
    assert three.slug == "three-wards"
    five = get_area("custom", "CA-FIVE")
    assert five.wards == () and len(five.lsoas) == 5
    with pytest.raises(DataError) as caught:
        get_area("custom", "CA-BAD")
    message = str(caught.value)
    # the unknown code is on line 16 of the file (its wards line)
    assert f"{areas_file}, line 16" in message
    assert "wards" in message and "'E05000001'" in message


def test_find_area_finds_a_custom_area_by_code_or_name_after_the_wards(areas_file):
    assert find_area("ca-three").code == "CA-THREE"
    assert find_area("Five Estates").lsoas[0] == "E01004198"
    assert find_area("Bow East").type == "ward"


def test_unknown_custom_code_lists_the_known_ones(areas_file):
    with pytest.raises(AreaError, match="CA-THREE Three Wards"):
        get_area("custom", "CA-NONE")


def test_a_string_where_a_list_belongs_is_named(tmp_path):
    path = _write(tmp_path / "a.yml", "areas:\n  - code: CA-X\n    name: X\n"
                                      "    wards: E05009317\n")
    with pytest.raises(DataError) as caught:
        custom_area("CA-X", path)
    message = str(caught.value)
    assert f"{path}, line 4" in message
    assert "field wards" in message and "a str where a list belongs" in message


def test_codes_written_with_commas_are_shown_back_as_a_list(tmp_path):
    path = _write(tmp_path / "a.yml", "areas:\n  - code: CA-X\n    name: X\n"
                                      "    wards: E05009317, E05009319\n")
    with pytest.raises(DataError, match=r"in brackets: wards: \[E05009317, E05009319\]$"):
        custom_area("CA-X", path)


@pytest.mark.parametrize(("body", "line", "words"), [
    ("  - code: CA-X\n    name: X\n    wards: [E05009317]\n    lsoas: [E01004198]\n",
     5, "both of the fields wards and lsoas"),
    ("  - code: CA-X\n    name: X\n", 2, "neither of the fields wards and lsoas"),
    ("  - code: CA-X\n    name: X\n    lsoas: [E01004198]\n    colour: red\n",
     5, "unknown field 'colour'"),
    ("  - code: CA-X\n    name: X\n    lsoas: [E01999999]\n", 4,
     "not a Tower Hamlets LSOA 2021 code"),
    ("  - code: CA-X\n    name: X\n    lsoas: [E05009317]\n", 4, "field lsoas"),
    ("  - code: CA-X\n    name: X\n    wards: []\n", 4, "field wards"),
    ("  - code: CA-X\n    name: X\n    wards: [E05009317]\n  - code: CA-X\n    name: Y\n"
     "    wards: [E05009319]\n", 2, "used again on line 5"),
])
def test_faulty_entries_name_file_line_and_field(tmp_path, body, line, words):
    path = _write(tmp_path / "a.yml", "areas:\n" + body)
    with pytest.raises(DataError) as caught:
        custom_area("CA-X", path)
    assert f"{path}, line {line}" in str(caught.value)
    assert words in str(caught.value)


def test_duplicate_code_is_listed_once(tmp_path):
    path = _write(tmp_path / "a.yml", "areas:\n  - code: CA-X\n    name: X\n    wards: [E05009317]"
                                      "\n  - code: CA-X\n    name: Y\n    wards: [E05009319]\n")
    assert [a.name for a in custom_areas(path)] == ["X"]


@pytest.mark.parametrize("text", ["areas: [\n", "- code: CA-X\n", "areas: CA-X\n", ""])
def test_a_file_that_is_not_a_mapping_with_an_areas_list_stops_the_listing(tmp_path, text):
    path = _write(tmp_path / "a.yml", text)
    with pytest.raises(DataError, match=str(path)):
        custom_areas(path)


def test_entries_without_code_or_name_are_not_listed(tmp_path):
    path = _write(tmp_path / "a.yml", "areas:\n  - name: No code\n    wards: [E05009317]\n"
                                      "  - code: CA-Y\n    wards: [E05009317]\n  - plain text\n")
    assert custom_areas(path) == ()


def _csv_sum(file_prefix, code_column, value_column, codes):
    """Sum ``value_column`` of a shipped Census CSV over the rows of ``codes``, read with csv."""
    (path,) = CENSUS.glob(f"census2021_{file_prefix}_*.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r[code_column] in codes]
    assert sorted(r[code_column] for r in rows) == sorted(codes)  # one row each
    return sum(int(r[value_column]) for r in rows)


def test_residents_of_custom_areas_are_sums_of_their_rows(areas_file):
    from thlib.indicators.figures import residents

    three, five = get_area("custom", "CA-THREE"), get_area("custom", "CA-FIVE")
    assert residents(three) == _csv_sum("ts022", "ward_code", "all_usual_residents",
                                        three.wards)
    assert residents(five) == _csv_sum("ts007a", "geography code", "Age: Total", five.lsoas)


def test_slugs_are_distinct_and_never_empty(tmp_path):
    path = _write(tmp_path / "a.yml", "areas:\n"
                  "  - {code: CA-A, name: Same, wards: [E05009317]}\n"
                  "  - {code: CA-B, name: Same, wards: [E05009319]}\n"
                  "  - {code: CA-C, name: '!!!', wards: [E05009320]}\n")
    assert [a.slug for a in custom_areas(path)] == ["same", "same-ca-b", "ca-c"]
    assert custom_area("CA-B", path).slug == "same-ca-b"


def test_a_number_for_a_code_is_listed_then_refused_on_use(tmp_path):
    path = _write(tmp_path / "a.yml", "areas:\n  - code: 12\n    name: Twelve\n"
                                      "    wards: [E05009317]\n")
    assert [a.code for a in custom_areas(path)] == ["12"]
    with pytest.raises(DataError) as caught:
        custom_area("12", path)
    assert f"{path}, line 2" in str(caught.value) and "field code" in str(caught.value)


def test_an_entry_left_out_of_the_listing_is_warned_about(tmp_path, caplog):
    path = _write(tmp_path / "a.yml", "areas:\n  - code: CA-X\n    wards: [E05009317]\n")
    assert custom_areas(path) == ()
    assert f"{path}, line 2: custom area 1 has no code or no name" in caplog.text
