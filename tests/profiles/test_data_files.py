"""The profile's data: a table after each chart, and the CSV and workbook it links."""

import csv
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from openpyxl import load_workbook

from thlib.profiles import ProfileReport

SOURCE = (Path(__file__).resolve().parents[2] / "data" / "open-data" / "census2021"
          / "census2021_ts054_tenure_tower_hamlets.csv")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("profile-data")
    report = ProfileReport("ward", "E05009331", output_dir=folder)
    report.tenure()
    report.crime_trend()
    section = report.data_files()
    plt.close("all")
    return folder, section, report


def test_the_csv_gives_the_borough_s_owned_share_as_the_census_file_does(written):
    folder, _, _ = written
    with (folder / "bethnal-green-west-data.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["area", "measure", "category", "period", "value", "lower",
                             "upper", "unit", "source", "licence"]
    # The ONS file's Tower Hamlets row: 27,883 of 120,539 households own their home.
    with SOURCE.open(encoding="utf-8", newline="") as f:
        borough = next(r for r in csv.DictReader(f) if r["geography code"] == "E09000030")
    owned, total = (int(borough[f"Tenure of household: {c}"])
                    for c in ("Owned", "Total: All households"))
    assert (owned, total) == (27883, 120539)
    row = next(r for r in rows if r["area"] == "Tower Hamlets" and r["category"] == "Owned")
    assert float(row["value"]) == pytest.approx(100 * owned / total)
    assert float(row["value"]) == pytest.approx(23.1319, abs=1e-4)  # by hand: 23.13%
    assert (row["unit"], row["lower"], row["upper"]) == ("%", "", "")
    assert row["period"] == "Census 2021 (21 March 2021)"
    assert row["licence"] == "OGL v3.0"
    # the crime trend: one row per month and area, in offences per 1,000 residents
    crime = [r for r in rows if r["unit"] == "offences per 1,000 residents"]
    assert len(crime) == 3 * 24 and crime[0]["period"] == "2024-04"


def test_the_workbook_holds_a_sheet_per_chart_titled_in_a1(written):
    folder, _, _ = written
    book = load_workbook(folder / "bethnal-green-west-data.xlsx")
    assert book.sheetnames == ["Cover", "Contents", "Notes", "Tenure", "Crime by month"]
    assert book["Tenure"]["A1"].value.startswith("Tenure: Bethnal Green West has")
    assert book["Crime by month"]["A1"].value == "Recorded crime by month in Bethnal Green West"
    assert book["Cover"]["A1"].value == "Bethnal Green West ward: area profile data"


def test_the_report_links_both_files_with_words_and_sizes(written):
    _, section, _ = written
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)
    assert [href for href, _ in links] == ["bethnal-green-west-data.csv",
                                           "bethnal-green-west-data.xlsx"]
    assert re.fullmatch(r"Data for this profile \(CSV, [\d.]+ KB\)", links[0][1])
    assert re.fullmatch(r"Data for this profile \(Excel workbook, [\d.]+ KB\)", links[1][1])
    assert '<h2 id="download-the-data">Download the data</h2>' in section


def test_without_an_output_folder_nothing_is_written_and_the_section_says_so():
    report = ProfileReport("ward", "E05009331")
    section = report.data_files()
    assert "not written" in section and "<a " not in section
