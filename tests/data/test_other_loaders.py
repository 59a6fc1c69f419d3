"""Deprivation, crime and environment loaders against published figures."""

import pandas as pd

from thlib.data import (
    crime_by_ward,
    crime_london,
    iod2019,
    iod2025,
    ptal_wards,
    read_csv,
    vintage,
)


def test_iod2025_has_the_boroughs_169_lsoas_with_national_deciles():
    iod = iod2025()
    assert len(iod) == 169 and iod["code"].is_unique
    assert iod["imd_decile"].between(1, 10).all()


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
    raw = read_csv("open-data/crime/mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv")
    bethnal_green_jan_2026 = raw.loc[raw["WardCode"] == "E05009317", "202601"].sum()
    crime = crime_by_ward()
    mask = (crime["code"] == "E05009317") & (crime["month"] == pd.Period("2026-01", "M"))
    assert crime.loc[mask, "count"].sum() == bethnal_green_jan_2026
    assert crime_london()["month"].nunique() == 24


def test_ptal_by_ward_has_20_wards():
    ptal = ptal_wards()
    assert len(ptal) == 20 and ptal["ptai"].gt(0).all()


def test_vintage_states_the_latest_crime_month_the_data_hold():
    latest = pd.Period(crime_by_ward()["month"].max(), "M")
    assert f"crime to {latest.strftime('%B %Y')}" in vintage()
    assert vintage().startswith("Census 2021; IoD 2025; IoD 2019")
