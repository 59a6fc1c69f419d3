"""Custom areas end to end: their figures, their profiles and the build of every one.

The areas are three wards (Bethnal Green East, Bow East, Bow West), five LSOAs of
Bethnal Green West and a faulty one naming a ward code that does not exist. Expected
figures are summed here from the shipped CSV files with the csv module.
"""

import csv
from pathlib import Path

import pytest

from thlib.geography import NotCoveredError, get_area

REPO = Path(__file__).resolve().parents[2]
CENSUS = REPO / "data" / "open-data" / "census2021"
WARDS = ["E05009317", "E05009319", "E05009320"]
LSOAS = ["E01004198", "E01004199", "E01004200", "E01004201", "E01004202"]

AREAS = f"""\
areas:
  - code: CA-THREE
    name: Three Wards
    description: "Bow & *around*"
    wards: [{", ".join(WARDS)}]
  - code: CA-FIVE
    name: Five Estates
    lsoas: [{", ".join(LSOAS)}]
  - code: CA-BAD
    name: Bad Ward
    wards: [E05009317, E05000001]
"""


def _rows(prefix, code_column, codes):
    (path,) = CENSUS.glob(f"census2021_{prefix}_*.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r[code_column] in codes]
    assert sorted(r[code_column] for r in rows) == sorted(codes)
    return rows


def test_census_counts_of_an_area_of_lsoas_are_the_sum_of_its_rows(areas_file):
    from thlib.indicators.figures import census_counts

    rows = _rows("ts054", "geography code", LSOAS)
    private = sum(int(r["Tenure of household: Private rented"]) for r in rows)
    households = sum(int(r["Tenure of household: Total: All households"]) for r in rows)
    tenure = census_counts("ts054", get_area("custom", "CA-FIVE"))
    assert tenure.method == "lsoas"
    assert int(tenure.counts["Private rented"]) == private
    assert int(tenure.total) == households


def test_census_counts_of_an_area_of_wards_are_built_as_a_neighbourhoods(areas_file):
    from thlib.indicators.figures import census_counts

    ethnicity = census_counts("ts022", get_area("custom", "CA-THREE"))
    rows = _rows("ts022", "ward_code", WARDS)
    assert ethnicity.method == "wards"
    assert int(ethnicity.total) == sum(int(r["all_usual_residents"]) for r in rows)


@pytest.mark.parametrize("figure", ["crime", "ts022", "transport"])
def test_figures_published_by_ward_only_are_not_covered_for_an_area_of_lsoas(areas_file, figure):
    from thlib.indicators import figures

    area = get_area("custom", "CA-FIVE")
    with pytest.raises(NotCoveredError):
        if figure == "crime":
            figures.crime_counts(area)
        elif figure == "ts022":
            figures.census_counts("ts022", area)
        else:
            figures.transport_access(area)


def test_crime_of_an_area_of_wards_is_the_sum_of_its_wards(areas_file):
    from thlib.indicators import figures

    path = (REPO / "data/open-data/crime"
            / "mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["WardCode"] in WARDS]
    # every month column but 2024-03, which the library drops (a few stray records)
    months = [c for c in rows[0] if c.isdigit() and c != "202403"]
    expected = sum(int(r[m]) for r in rows for m in months)
    assert int(figures.crime_counts(get_area("custom", "CA-THREE")).sum()) == expected


def test_profile_says_it_is_a_custom_area_with_its_caveats(areas_file):
    from thlib.profiles import ProfileReport

    wards = ProfileReport("custom", "CA-THREE")
    assert "Three Wards (custom area): area profile" in wards.title()
    assert "Bethnal Green East, Bow East and Bow West" in wards.title()
    assert r"Bow & \*around\*" in wards.title()  # the description, escaped
    about = wards.about()
    assert "**Custom area.**" in about and "best-fit sum" in about
    lsoas = ProfileReport("custom", "CA-FIVE")
    about = lsoas.about()
    assert "exactly those LSOAs" in about and "best-fit sum" not in about
    assert "not available for Five Estates" in lsoas.crime_trend()
    assert "not available for Five Estates" in lsoas.transport()
    residents = lsoas.profile.population().set_index("name")["residents"]
    rows = _rows("ts007a", "geography code", LSOAS)
    assert residents["Five Estates"] == sum(int(r["Age: Total"]) for r in rows)


def test_build_makes_every_custom_area_and_the_faulty_one_fails_alone(areas_file, tmp_path):
    from thlib.publish import build

    params = tmp_path / "parameters"
    params.mkdir()
    (params / "custom.yml").write_text(
        "report: area_profile\noutput: \"profiles/{area_type}/{area_slug}\"\nformats: [html]\n"
        "documents:\n  - area_type: custom\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(output_dir=out, parameters_dir=params, notebooks_dir=REPO / "notebooks",
                   jobs=2)
    status = {r.document.output: r.status for r in result.documents}
    assert status == {"profiles/custom/three-wards": "built",
                      "profiles/custom/five-estates": "built",
                      "profiles/custom/bad-ward": "failed"}
    assert result.exit_code != 0
    (failed,) = [r for r in result.documents if r.status == "failed"]
    assert f"{areas_file}, line 11" in str(failed.error) and "E05000001" in str(failed.error)
    page = (out / "profiles/custom/five-estates.html").read_text(encoding="utf-8")
    residents = sum(int(r["Age: Total"]) for r in _rows("ts007a", "geography code", LSOAS))
    assert f"{residents:,}" in page
    assert "Five Estates (custom area): area profile" in page


def test_map_of_an_area_of_lsoas_is_its_own_lsoas(areas_file):
    from thlib.profiles import AreaProfile

    lsoas, outline = AreaProfile("custom", "CA-FIVE").deprivation_map_data()
    assert sorted(lsoas["code"]) == LSOAS
    assert len(outline) == 1
    assert abs(outline.area.iloc[0] - lsoas.area.sum()) < 1  # square metres
