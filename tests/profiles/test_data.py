"""Profile figures checked against published figures and hand calculations."""

import csv

import pandas as pd
import pytest

from thlib.data import data_dir
from thlib.profiles import AreaProfile


def _rows(relative):
    with (data_dir() / relative).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def borough():
    return AreaProfile("borough", "E09000030")


@pytest.fixture(scope="module")
def ward():
    return AreaProfile("ward", "E05009331")


def test_income_deprivation_reproduces_the_published_borough_scores(borough):
    # MHCLG IoD 2019 local authority summaries (shipped file), Tower Hamlets:
    # IDACI average score 0.266, IDAOPI average score 0.439 (population-weighted means).
    values = borough.income_deprivation().set_index(["name", "category"])["value"]
    idaci = values[("Tower Hamlets", "Children living in income-deprived households (IDACI)")]
    idaopi = values[("Tower Hamlets", "Older people living in income-deprived households (IDAOPI)")]
    # LSOA scores and the published means are both rounded to 3 decimals, so allow 0.1 point.
    assert idaci == pytest.approx(26.6, abs=0.1)
    assert idaopi == pytest.approx(43.9, abs=0.1)


def test_borough_tenure_percentages_by_hand(borough):
    # TS054 Tower Hamlets: 46,000 of 120,539 households rent privately = 38.16%.
    tenure = borough.composition("ts054").set_index(["name", "category"])
    assert tenure.loc[("Tower Hamlets", "Private rented"), "percent"] == pytest.approx(
        46000 / 120539 * 100)
    assert set(tenure.index.get_level_values(0)) == {"Tower Hamlets", "London", "England"}


def test_ward_composition_has_the_borough_and_comparators(ward):
    frame = ward.composition("ts054")
    assert list(dict.fromkeys(frame["name"])) == [
        "Bethnal Green West", "Tower Hamlets", "London", "England"]
    shares = frame.groupby("name")["percent"].sum()
    assert shares.to_numpy() == pytest.approx([100, 100, 100, 100])
    assert frame.attrs["methods"]["Bethnal Green West"].startswith("sum of LSOAs")


def test_population_uses_true_ward_counts(ward):
    ts022 = {r["ward_code"]: int(r["all_usual_residents"]) for r in _rows(
        "open-data/census2021/census2021_ts022_ethnic_group_detailed_selected_by_ward_"
        "tower_hamlets.csv")}
    ts007a = {r["geography code"]: int(r["Age: Total"]) for r in _rows(
        "open-data/census2021/census2021_ts007a_age_5yr_bands_tower_hamlets.csv")}
    residents = ward.population().set_index("name")["residents"]
    assert residents.to_dict() == {
        "Bethnal Green West": ts022["E05009331"], "Tower Hamlets": ts007a["E09000030"],
        "London": ts007a["E12000007"], "England": ts007a["E92000001"]}


def test_imd_deciles_share_adds_to_100_and_borough_2019_counts(borough):
    deciles = borough.imd_deciles()
    totals = deciles.groupby(["edition", "name"])["percent"].sum()
    assert totals.to_numpy() == pytest.approx(100)
    lsoas = deciles.query("edition == 'IoD 2019' and name == 'Tower Hamlets'")
    assert lsoas["lsoas"].sum() == 144


def test_crime_rate_by_hand(ward):
    # January 2026 offences in Bethnal Green West (raw MPS file) per 1,000 of its 19,797
    # usual residents (TS022).
    offences = sum(int(r["202601"]) for r in _rows(
        "open-data/crime/mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv")
        if r["WardCode"] == "E05009331")
    frame = ward.crime_monthly().set_index(["name", "period"])
    row = frame.loc[("Bethnal Green West", pd.Period("2026-01", "M"))]
    assert row["count"] == offences
    assert row["value"] == pytest.approx(offences / 19797 * 1000, rel=1e-12)
    assert frame.index.get_level_values("period").nunique() == 24


def test_a_ward_no_msoa_fits_has_no_language_figures():
    poplar = AreaProfile("ward", "E05009328").composition("ts029")
    assert "Poplar" not in set(poplar["name"])
    assert poplar.attrs["methods"]["Poplar"] is None


def test_transport_access_is_weighted_by_residents_for_ward_and_borough(ward):
    # TfL 2015 LSOA (2011) PTAI weighted by IoD 2019 mid-2015 population, by hand from the
    # raw files for St Peter's ward (now Bethnal Green West): its 10 LSOAs (2011).
    ptai = {r["geography code"]: float(r["AvPTAI2015"])
            for r in _rows("open-data/other/tfl_ptal_2015_by_lsoa2011_tower_hamlets.csv")}
    people = {r["LSOA code (2011)"]: int(r["Total population: mid 2015 (excluding prisoners)"])
              for r in _rows("open-data/deprivation/iod2019_lsoa2011_all_london.csv")
              if r["LSOA code (2011)"] in ptai}
    codes = [r["LSOA11CD"] for r in _rows("open-data/boundaries/lookup_lsoa2011_to_ward2014_"
                                          "pointinpolygon_DERIVED_tower_hamlets.csv")
             if r["ward_code"] == "E05009331"]
    rows = ward.transport_access().set_index("name")
    assert rows.loc["Bethnal Green West", "ptai"] == pytest.approx(
        sum(ptai[c] * people[c] for c in codes) / sum(people[c] for c in codes), rel=1e-12)
    assert rows.loc["Tower Hamlets", "ptai"] == pytest.approx(
        sum(ptai[c] * people[c] for c in ptai) / sum(people.values()), rel=1e-12)
    assert rows["ptal"].tolist() == ["6a", "5"]


def test_headline_indicator_rows_are_the_area_then_its_comparators():
    frame = AreaProfile("neighbourhood", "TH-NW").indicator("crime-rate")
    # recorded crime is published for London (the MPS area) but not for England
    assert frame["name"].tolist() == ["North West", "Tower Hamlets", "London"]
    borough = AreaProfile("borough", "E09000030").indicator("imd-2025-most-deprived-20")
    assert borough["name"].tolist() == ["Tower Hamlets", "England"]
