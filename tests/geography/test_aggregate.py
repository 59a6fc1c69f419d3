"""Aggregation to areas, and the measured error of LSOA best fit."""

import csv

import pandas as pd
import pytest

from thlib.data import census, data_dir
from thlib.errors import DataError
from thlib.geography import (
    NotCoveredError,
    aggregate,
    bestfit_error,
    get_area,
    list_areas,
    ward_table,
)


def _ward_and_lsoa_totals():
    # Usual residents read straight from the shipped Census files.
    folder = data_dir() / "open-data/census2021"
    wards = pd.read_csv(folder / "census2021_ts022_ethnic_group_detailed_selected_by_ward_"
                                 "tower_hamlets.csv")
    wards = wards[wards["ward_code"].str.startswith("E05")]
    lsoas = pd.read_csv(folder / "census2021_ts007a_age_5yr_bands_tower_hamlets.csv")
    lsoas = lsoas[lsoas["geography code"].str.startswith("E01")]
    return (wards.set_index("ward_code")["all_usual_residents"],
            lsoas.set_index("geography code")["Age: Total"])


def test_bestfit_error_matches_the_published_check():
    # MANIFEST section 3: best-fit sums differ from TS022 by -17.7% (Poplar) to +12.4%
    # (Bethnal Green), 9 of 20 wards by more than 5%.
    error = bestfit_error(*_ward_and_lsoa_totals()).set_index("ward_code")
    assert error.loc["E05009328", "percent_difference"] == pytest.approx(-17.7, abs=0.05)
    assert error.loc["E05009317", "percent_difference"] == pytest.approx(12.4, abs=0.05)
    assert (error["percent_difference"].abs() > 5).sum() == 9


def test_ward_uses_published_ward_rows_when_the_table_has_them():
    result = aggregate(census("ts022"), get_area("ward", "E05009328"), ["count", "total"],
                       by=["category"])
    assert result.method == "published"
    assert result.frame.set_index("category").loc["Asian", "total"] == 8077


def test_neighbourhood_sums_its_wards():
    # data/neighbourhoods.yml puts E05009317 and E05009331 in North West (TH-NW), E05009319 in
    # North East: the sum is 1 + 10.
    frame = pd.DataFrame({"code": ["E05009317", "E05009331", "E05009319"], "n": [1, 10, 100]})
    result = aggregate(frame, get_area("neighbourhood", "TH-NW"), ["n"])
    assert (result.method, result.frame["n"].iloc[0]) == ("wards", 11)


def test_borough_prefers_its_own_row():
    frame = pd.DataFrame({"code": ["E09000030", "E01004198"], "n": [5, 3]})
    result = aggregate(frame, list_areas("borough")[0], ["n"])
    assert (result.method, result.frame["n"].iloc[0]) == ("published", 5)


def test_lsoa_rows_are_summed_by_best_fit():
    frame = pd.DataFrame({"code": ["E01004198", "E01004199", "E01004222"], "n": [1, 2, 4]})
    # E01004198 and E01004199 best-fit to Bethnal Green West (lookup file rows 1 and 2).
    result = aggregate(frame, get_area("ward", "E05009331"), ["n"])
    assert (result.method, result.frame["n"].iloc[0]) == ("lsoa", 3)


def test_a_ward_from_census_lsoas_is_the_raw_file_summed_by_hand():
    # Sum TS007A's LSOA rows of Bethnal Green East (E05009317) by the ONS best-fit CSV,
    # both files read with csv: 1,417 aged 0-4 and 23,694 usual residents.
    folder = data_dir() / "open-data"
    with (folder / "boundaries/lookup_lsoa2021_to_ward_bestfit_tower_hamlets.csv").open(
            encoding="utf-8", newline="") as handle:
        ward_of = {r["LSOA21CD"]: r["WD25CD"] for r in csv.DictReader(handle)}
    with (folder / "census2021/census2021_ts007a_age_5yr_bands_tower_hamlets.csv").open(
            encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle)
                if ward_of.get(r["geography code"]) == "E05009317"]
    under_5 = sum(int(r["Age: Aged 4 years and under"]) for r in rows)
    residents = sum(int(r["Age: Total"]) for r in rows)
    result = aggregate(census("ts007a"), get_area("ward", "E05009317"), ["count", "total"],
                       by=["category"])
    frame = result.frame.set_index("category")
    assert result.method == "lsoa" and len(rows) == 12
    assert (frame.loc["0-4", "count"], frame.loc["0-4", "total"]) == (under_5, residents)
    assert (under_5, residents) == (1417, 23694)


def test_msoa_rows_are_summed_by_the_ward_of_most_of_their_lsoas():
    # E02000864 (Tower Hamlets 001): all 6 LSOAs in Bow East (E05009319); E02000893: a 2-2 tie
    # between E05009318 and E05009324, given to the lower code (LSOA GeoJSON + best-fit CSV).
    frame = pd.DataFrame({"code": ["E02000864", "E02000893"], "n": [5, 7]})
    table, level = ward_table(frame, ["n"])
    assert level == "E02"
    assert table.set_index("ward_code")["n"].to_dict() == {"E05009318": 7, "E05009319": 5}
    result = aggregate(frame, get_area("ward", "E05009318"), ["n"])
    assert (result.method, result.frame["n"].iloc[0]) == ("msoa", 7)
    with pytest.raises(NotCoveredError, match="no rows of this table fall in Island Gardens"):
        aggregate(frame, get_area("ward", "E05009324"), ["n"])


def test_no_rows_in_the_area_is_an_error():
    frame = pd.DataFrame({"code": ["E01004198"], "n": [1]})
    with pytest.raises(DataError, match="no rows of this table fall in Poplar ward"):
        aggregate(frame, get_area("ward", "E05009328"), ["n"])
