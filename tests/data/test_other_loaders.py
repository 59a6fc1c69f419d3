"""Deprivation, crime and environment loaders against published figures.

Expected values come from the raw files, read here with the standard ``csv`` module
(never with thlib's own reader), or from the published MANIFEST checks.
"""

import csv
from collections import Counter

import pandas as pd
import pytest

from thlib.data import (
    air_quality_boroughs,
    air_quality_lsoa,
    crime_by_ward,
    crime_london,
    data_dir,
    iod2019,
    iod2025,
    ptal_lsoa,
    ptal_wards,
    vintage,
)

OPEN_DATA = data_dir() / "open-data"


def _raw(relative: str) -> list[dict[str, str]]:
    with (OPEN_DATA / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_iod2025_has_the_boroughs_169_lsoas_with_the_files_national_deciles():
    raw = _raw("deprivation/iod2025_lsoa2021_scores_ranks_deciles_tower_hamlets.csv")
    iod = iod2025()
    assert len(iod) == len(raw) == 169 and iod["code"].is_unique
    # The decile of every LSOA as the file gives it (22 in decile 1, 51 in decile 2, ...).
    expected = Counter(int(float(row["IMD_decile"])) for row in raw)
    assert iod["imd_decile"].value_counts().to_dict() == expected
    assert dict(zip(iod["code"], iod["imd_score"], strict=True)) == {
        row["lsoa21_code"]: float(row["IMD_score"]) for row in raw}


def test_iod2019_borough_and_london_lsoa_counts():
    assert len(iod2019()) == 144
    assert len(iod2019(london=True)) == 4835
    # MANIFEST check: 2 LSOAs in decile 1, 44 in decile 2, 40 in decile 3.
    counts = iod2019()["imd_decile"].value_counts()
    assert (counts[1], counts[2], counts[3]) == (2, 44, 40)


def test_crime_covers_24_whole_months_for_20_wards():
    crime = crime_by_ward()
    months = sorted(crime["month"].unique())
    assert len(months) == 24
    assert months[0] == pd.Period("2024-04", "M") and months[-1] == pd.Period("2026-03", "M")
    assert crime["code"].nunique() == 20


def test_crime_totals_equal_the_raw_file_summed_by_hand():
    raw = _raw("crime/mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv")
    # Bethnal Green East, January 2026: the sum of its minor-category rows in the file (188).
    bethnal_green_jan_2026 = sum(int(r["202601"]) for r in raw if r["WardCode"] == "E05009317")
    crime = crime_by_ward()
    mask = (crime["code"] == "E05009317") & (crime["month"] == pd.Period("2026-01", "M"))
    assert crime.loc[mask, "count"].sum() == bethnal_green_jan_2026 == 188
    # The whole borough over April 2024 to March 2026 (the 2024-03 column is dropped).
    months = [c for c in raw[0] if c.isdigit() and c != "202403"]
    assert crime["count"].sum() == sum(int(r[m]) for r in raw for m in months)
    assert set(crime["category"]) == {r["MajorText"].capitalize() for r in raw}


def test_london_crime_equals_the_derived_file_summed_by_hand():
    raw = _raw("crime/mps_crime_monthly_2024-03_2026-03_london_total_by_category_DERIVED.csv")
    london = crime_london()
    assert london["month"].nunique() == 24
    march_2026 = london.loc[london["month"] == pd.Period("2026-03", "M"), "count"].sum()
    assert march_2026 == sum(int(r["202603"]) for r in raw)
    burglary = london.loc[london["category"] == "Burglary", "count"].sum()
    months = [c for c in raw[0] if c.isdigit() and c != "202403"]
    assert burglary == sum(int(r[m]) for r in raw if r["MajorText"] == "BURGLARY" for m in months)


def test_ptal_by_ward_is_the_raw_file():
    raw = _raw("other/tfl_ptal_2015_by_ward2014_tower_hamlets.csv")
    ptal = ptal_wards()
    assert len(ptal) == len(raw) == 20
    assert list(ptal.itertuples(index=False, name=None)) == [
        (r["Ward Code"], float(r["AvPTAI2015"]), r["PTAL"]) for r in raw]


def test_ptal_by_lsoa_is_the_raw_file():
    raw = _raw("other/tfl_ptal_2015_by_lsoa2011_tower_hamlets.csv")
    ptal = ptal_lsoa()
    assert len(ptal) == len(raw) == 144
    assert list(ptal.itertuples(index=False, name=None)) == [
        (r["geography code"], float(r["AvPTAI2015"]), r["PTAL"]) for r in raw]


@pytest.mark.parametrize(
    "loader, relative, code_column, rows",
    [
        (air_quality_lsoa, "other/laei_air_quality_2019_lsoa2021_tower_hamlets.csv",
         "LSOA21CD", 169),
        (air_quality_boroughs, "other/laei_air_quality_2013_2016_2019_london_boroughs.csv",
         "LAD22CD", 33),
    ],
)
def test_air_quality_is_the_2019_means_of_the_raw_file(loader, relative, code_column, rows):
    raw = _raw(relative)
    air = loader()
    assert len(air) == len(raw) == rows
    assert list(air.itertuples(index=False, name=None)) == [
        (r[code_column], float(r["NO2-2019-mean"]), float(r["PM25-2019-mean"])) for r in raw]


def test_vintage_states_the_latest_crime_month_the_data_hold():
    latest = pd.Period(crime_by_ward()["month"].max(), "M")
    assert f"crime to {latest.strftime('%B %Y')}" in vintage()
    assert vintage().startswith("Census 2021; IoD 2025; IoD 2019")
