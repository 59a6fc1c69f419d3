"""Area figures: hand-worked on tiny frames, and checked against the raw files read here."""

import csv

import pandas as pd
import pytest

from thlib.data import data_dir
from thlib.errors import DataError, ParameterError
from thlib.geography import NotCoveredError, get_area, list_areas
from thlib.indicators import figures

CENSUS = "open-data/census2021/"
CRIME = "open-data/crime/mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv"
LOOKUP_2021 = "open-data/boundaries/lookup_lsoa2021_to_ward_bestfit_tower_hamlets.csv"
LOOKUP_2011 = ("open-data/boundaries/"
               "lookup_lsoa2011_to_ward2014_pointinpolygon_DERIVED_tower_hamlets.csv")


def _rows(relative):
    with (data_dir() / relative).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _ts022_residents():
    rows = _rows(CENSUS + "census2021_ts022_ethnic_group_detailed_selected_by_ward_"
                          "tower_hamlets.csv")
    # The file also has a borough row; wards are the E05 codes.
    return {r["ward_code"]: int(r["all_usual_residents"]) for r in rows
            if r["ward_code"].startswith("E05")}


# -- tiny frames, worked by hand -----------------------------------------------------------


def test_weighted_sum_by_hand():
    frame = pd.DataFrame({"score": [0.5, 0.25, 0.0], "people": [10, 20, 70]})
    numerator, denominator = figures.weighted_sum(frame, "score", "people")
    # 0.5 x 10 + 0.25 x 20 + 0 x 70 = 10 over 100 people: a weighted mean of 0.1
    assert (numerator, denominator) == (10.0, 100)
    with pytest.raises(DataError, match="no column 'weight' in this table; its columns are "
                                        "score, people"):
        figures.weighted_sum(frame, "score", "weight")


def test_decile_counts_fill_every_decile():
    frame = pd.DataFrame({"imd_decile": [2, 2, 10, 1, 2]})
    assert figures.decile_counts(frame, "imd_decile").to_dict() == {
        1: 1, 2: 3, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 1}


def test_census_counts_share_of_the_total_or_of_other_categories():
    counts = figures.CensusCounts(
        "tiny", pd.Series({"Employed": 60, "Unemployed": 15, "Inactive": 25}), 100, "published")
    assert counts.share(["Unemployed"]) == (15, 100)
    assert counts.share(["Unemployed"], ["Employed", "Unemployed"]) == (15, 75)
    with pytest.raises(DataError, match=r"table tiny has no categories \['Retired'\]"):
        counts.share(["Retired"])


# -- the shipped data, against the raw files ----------------------------------------------


def test_ward_and_neighbourhood_residents_are_ts022_ward_counts():
    raw = _ts022_residents()
    assert figures.residents(get_area("ward", "E05009331")) == raw["E05009331"]
    hood = list_areas("neighbourhood")[0]
    assert figures.residents(hood) == sum(raw[w] for w in hood.wards)
    assert figures.residents_by_ward().to_dict() == raw


def test_borough_london_and_england_residents_are_ts007a_totals():
    raw = {r["geography code"]: int(r["Age: Total"])
           for r in _rows(CENSUS + "census2021_ts007a_age_5yr_bands_tower_hamlets.csv")}
    assert figures.residents(list_areas("borough")[0]) == raw["E09000030"]
    assert figures.residents("E12000007") == raw["E12000007"]
    assert figures.residents("E92000001") == raw["E92000001"]
    lsoas = {code: n for code, n in raw.items() if code.startswith("E01")}
    assert figures.residents_by_lsoa().to_dict() == lsoas


def test_lsoas_in_a_ward_follow_the_lookup_file():
    for vintage, relative, code, ward in ((2021, LOOKUP_2021, "LSOA21CD", "WD25CD"),
                                          (2011, LOOKUP_2011, "LSOA11CD", "ward_code")):
        expected = sorted(r[code] for r in _rows(relative) if r[ward] == "E05009317")
        assert figures.lsoas_in(get_area("ward", "E05009317"), vintage) == expected


def test_census_counts_of_a_ward_add_up_its_lsoas_by_best_fit():
    lsoas = {r["LSOA21CD"] for r in _rows(LOOKUP_2021) if r["WD25CD"] == "E05009317"}
    raw = [r for r in _rows(CENSUS + "census2021_ts054_tenure_tower_hamlets.csv")
           if r["geography code"] in lsoas]
    counts = figures.census_counts("ts054", get_area("ward", "E05009317"))
    assert counts.method == "lsoa"
    assert counts.counts["Private rented"] == sum(
        int(r["Tenure of household: Private rented"]) for r in raw)
    assert counts.total == sum(int(r["Tenure of household: Total: All households"])
                               for r in raw)


def test_census_counts_of_london_are_its_published_row():
    (raw,) = [r for r in _rows(CENSUS + "census2021_ts054_tenure_tower_hamlets.csv")
              if r["geography code"] == "E12000007"]
    counts = figures.census_counts("ts054", "E12000007")
    assert counts.method == "published"
    assert counts.total == int(raw["Tenure of household: Total: All households"])


def test_census_counts_are_summed_once_and_never_changed_by_a_caller():
    (raw,) = [r for r in _rows(CENSUS + "census2021_ts054_tenure_tower_hamlets.csv")
              if r["geography code"] == "E12000007"]
    first = figures.census_counts("ts054", "E12000007")
    first.counts.loc[:] = 0  # a caller scribbling on its copy
    again = figures.census_counts("ts054", "E12000007")
    assert again.counts["Private rented"] == int(raw["Tenure of household: Private rented"])
    assert figures._census_counts.cache_info().hits >= 1


def test_a_table_that_does_not_reach_a_place_says_so():
    with pytest.raises(NotCoveredError):
        figures.census_counts("ts029", get_area("ward", "E05009328"))  # no MSOA fits Poplar
    with pytest.raises(NotCoveredError):
        figures.census_counts("ts029", "E92000001")  # language is shipped for MSOAs only


def test_crime_window_and_counts_from_the_raw_file():
    raw = _rows(CRIME)
    months = [c for c in raw[0] if c.isdigit()]
    # The file's first month (2024-03) holds stray records only and is left out.
    assert [f"{m:%Y%m}" for m in figures.crime_months(12)] == months[-12:]
    assert [f"{m:%Y%m}" for m in figures.crime_months(3, offset=3)] == months[-6:-3]
    ward = get_area("ward", "E05009317")
    by_category = figures.crime_counts(ward, "category", figures.crime_months(12))
    violence = sum(int(r[m]) for r in raw for m in months[-12:]
                   if r["WardCode"] == "E05009317"
                   and r["MajorText"] == "VIOLENCE AGAINST THE PERSON")
    assert by_category["Violence against the person"] == violence
    by_month = figures.crime_counts(ward, "month")
    assert by_month[pd.Period("2026-01", "M")] == sum(
        int(r["202601"]) for r in raw if r["WardCode"] == "E05009317")


def test_air_quality_weights_lsoa_means_by_residents():
    lsoas = {r["LSOA21CD"] for r in _rows(LOOKUP_2021) if r["WD25CD"] == "E05009331"}
    people = {r["geography code"]: int(r["Age: Total"])
              for r in _rows(CENSUS + "census2021_ts007a_age_5yr_bands_tower_hamlets.csv")}
    air = {r["LSOA21CD"]: float(r["NO2-2019-mean"])
           for r in _rows("open-data/other/laei_air_quality_2019_lsoa2021_tower_hamlets.csv")}
    expected = sum(air[c] * people[c] for c in lsoas) / sum(people[c] for c in lsoas)
    value = figures.air_quality(get_area("ward", "E05009331"), "NO2")
    assert value == pytest.approx(expected, rel=1e-12)


def test_transport_access_is_the_resident_weighted_mean_of_lsoas_for_every_area():
    # By hand from the raw files: TfL's LSOA (2011) average PTAI, weighted by the IoD 2019
    # total population (mid-2015, excluding prisoners) of each LSOA, over the LSOAs the
    # 2011 lookup gives the area; the same for a ward and for the borough.
    ptai = {r["geography code"]: float(r["AvPTAI2015"])
            for r in _rows("open-data/other/tfl_ptal_2015_by_lsoa2011_tower_hamlets.csv")}
    people = {r["LSOA code (2011)"]: int(r["Total population: mid 2015 (excluding prisoners)"])
              for r in _rows("open-data/deprivation/iod2019_lsoa2011_scores_ranks_deciles_"
                             "popdenominators_tower_hamlets.csv")}
    ward_of = {r["LSOA11CD"]: r["ward_code"] for r in _rows(LOOKUP_2011)}

    def by_hand(codes):
        return sum(ptai[c] * people[c] for c in codes) / sum(people[c] for c in codes)

    ward = by_hand([c for c, w in ward_of.items() if w == "E05009331"])
    borough = by_hand(list(ptai))
    assert len(ptai) == len(people) == len(ward_of) == 144
    value, level = figures.transport_access(get_area("ward", "E05009331"))
    assert value == pytest.approx(ward, rel=1e-12) and level == "6a"  # 25 < 30.9 <= 40
    assert round(ward, 1) == 30.9  # TfL publishes 30.0, an unweighted mean of grid points
    value, level = figures.transport_access(list_areas("borough")[0])
    assert value == pytest.approx(borough, rel=1e-12) and level == "5"  # 20 < 21.1 <= 25
    assert round(borough, 2) == 21.08  # was 21.11 as an unweighted mean of the LSOAs


def test_ptal_bands_give_every_published_lsoa_and_ward_its_published_level():
    for path, code in (("open-data/other/tfl_ptal_2015_by_lsoa2011_tower_hamlets.csv",
                        "geography code"),
                       ("open-data/other/tfl_ptal_2015_by_ward2014_tower_hamlets.csv",
                        "Ward Code")):
        for row in _rows(path):
            assert figures.ptal_band(float(row["AvPTAI2015"])) == row["PTAL"], row[code]
    with pytest.raises(ParameterError, match="0 or more"):
        figures.ptal_band(-1.0)


def test_bad_arguments_are_refused():
    ward = get_area("ward", "E05009317")
    with pytest.raises(ParameterError, match="by month or category, not 'week'"):
        figures.crime_counts(ward, "week")
    with pytest.raises(NotCoveredError):
        figures.crime_counts("E92000001")
    with pytest.raises(ParameterError, match="IoD edition 2015 is not shipped; use one of "
                                             "2025, 2019"):
        figures.iod_lsoas(2015, ward)
    with pytest.raises(NotCoveredError):
        figures.iod_lsoas(2025, "E12000007")
    with pytest.raises(ParameterError, match="months >= 1"):
        figures.crime_months(0)
