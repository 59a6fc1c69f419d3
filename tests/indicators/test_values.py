"""Indicator values checked by hand against the shipped files and published figures."""

import csv

import pandas as pd
import pytest

from thlib.data import data_dir
from thlib.errors import AreaError, DataError, ParameterError
from thlib.indicators import (
    all_values,
    compare_with,
    earlier_values,
    get_indicator,
    indicator_values,
)


def _row(values, code):
    return values.set_index("code").loc[code]


def test_census_share_by_hand_with_wilson_interval():
    # TS054 Tower Hamlets: council 16,697 + other social 26,540 = 43,237 of 120,539 households.
    values = indicator_values("social-rented-households")
    borough = _row(values, "E09000030")
    assert (borough["numerator"], borough["denominator"]) == (43237, 120539)
    assert borough["value"] == pytest.approx(43237 / 120539 * 100)
    # Wilson 95% half-width for p = 0.3587, n = 120,539 is about 1.96 * sqrt(p(1-p)/n) = 0.27
    assert borough["upper"] - borough["value"] == pytest.approx(0.27, abs=0.005)
    assert set(values["area_type"]) == {"ward", "neighbourhood", "borough", "london", "england"}


def test_crime_rate_uses_census_residents_and_byars():
    # Offences in the last 12 months of the MPS ward file, summed by hand over the 20 wards.
    path = (data_dir() / "open-data/crime/"
            "mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    months = [c for c in rows[0] if c.isdigit()][-12:]
    offences = sum(int(r[m]) for r in rows for m in months)
    values = indicator_values("crime-rate")
    borough = _row(values, "E09000030")
    assert (borough["numerator"], borough["denominator"]) == (offences, 310306)
    assert borough["value"] == pytest.approx(offences / 310306 * 1000)
    assert borough["method"] == "Byars" and borough["period"] == "Apr 2025 to Mar 2026"


def test_imd_2025_share_of_lsoas_and_england_by_construction():
    values = indicator_values("imd-2025-most-deprived-20")
    # 22 LSOAs in decile 1 and 51 in decile 2 of the borough's 169 (IoD 2025 file)
    borough = _row(values, "E09000030")
    assert (borough["numerator"], borough["denominator"]) == (73, 169)
    assert _row(values, "E92000001")["value"] == 20


def test_shares_of_small_areas_are_exact_counts_without_intervals_or_significance():
    # Every LSOA of an area is counted, not sampled: the share is exact, with no Wilson
    # interval, and so is never better or worse than England's 20%. IoD 2025 file read
    # with csv: the borough's LSOAs in national deciles 1 and 2.
    path = (data_dir() / "open-data/deprivation/"
            "iod2025_lsoa2021_scores_ranks_deciles_tower_hamlets.csv")
    with path.open(encoding="utf-8") as handle:
        deciles = [float(r["IMD_decile"]) for r in csv.DictReader(handle)]
    most = sum(d <= 2 for d in deciles)
    for ident in ("imd-2025-most-deprived-20", "imd-2019-most-deprived-20",
                  "health-deprivation-most-deprived-20", "cyp-education-most-deprived-20"):
        values = indicator_values(ident)
        counted = values[values["numerator"].notna()]
        assert not counted.empty, ident
        assert counted["lower"].isna().all() and counted["upper"].isna().all(), ident
        assert set(counted["method"]) == {"count of areas (every LSOA counted: exact, "
                                          "no interval)"}, ident
        compared = compare_with(values, ident, "england" if ident.startswith(
            ("imd-2025", "health", "cyp")) else "london")
        assert set(compared["comparison"]) == {"not compared"}, ident
    borough = _row(indicator_values("imd-2025-most-deprived-20"), "E09000030")
    assert borough["value"] == pytest.approx(most / len(deciles) * 100, rel=1e-12)
    assert most / len(deciles) * 100 == pytest.approx(43.195, abs=0.001)  # 73 of 169


def test_published_values_are_read_as_published():
    # GLA London Borough Profiles 2017: male life expectancy 2012-14, TH 78.1, London 80.3
    values = indicator_values("life-expectancy-male")
    assert _row(values, "E09000030")["value"] == 78.1
    assert _row(values, "E12000007")["value"] == 80.3
    # "Â£34,930" in the file is parsed as 34930
    assert _row(indicator_values("household-median-income"), "E09000030")["value"] == 34930


def test_comparisons_follow_polarity():
    values = compare_with(indicator_values("overcrowded-households"), "overcrowded-households",
                          "london")
    # 15.9% of households overcrowded in Tower Hamlets against 11.1% in London: worse
    assert _row(values, "E09000030")["comparison"] == "worse"
    neutral = compare_with(indicator_values("social-rented-households"),
                           "social-rented-households", "london")
    assert _row(neutral, "E09000030")["comparison"] == "higher"
    published = compare_with(indicator_values("life-expectancy-male"), "life-expectancy-male",
                             "england")
    assert _row(published, "E09000030")["comparison"] == "not compared"


def test_values_resting_on_small_counts_of_people_are_withheld_and_flagged():
    # With a threshold above every count, every value is withheld (primary suppression).
    hidden = indicator_values("robbery-rate", ["ward"], threshold=10**9)
    assert hidden["value"].isna().all() and hidden["upper"].isna().all()
    assert set(hidden["suppression"]) == {"suppressed (primary)"}
    # At the default threshold of 4 no ward's count of robberies is that small.
    shown = indicator_values("robbery-rate", ["ward"])
    assert shown["value"].notna().all() and set(shown["suppression"]) == {""}
    # Counts of LSOAs are not counts of people: never suppressed.
    lsoas = indicator_values("imd-2025-most-deprived-20", ["ward"], threshold=10**9)
    assert lsoas["value"].notna().all()


def test_one_withheld_ward_brings_a_second_so_the_borough_total_cannot_reveal_it():
    shown = indicator_values("robbery-rate", ["ward", "borough"]).set_index("code")
    wards = shown[shown["area_type"] == "ward"].sort_values("numerator")
    smallest, next_smallest = wards.index[:2]
    assert wards["numerator"].iloc[0] < wards["numerator"].iloc[1]
    # A threshold at the smallest ward's count withholds that ward alone (primary), so
    # the next smallest ward is withheld too (secondary); the borough stays.
    hidden = indicator_values("robbery-rate", ["ward", "borough"],
                              threshold=int(wards["numerator"].iloc[0])).set_index("code")
    flags = hidden["suppression"]
    assert flags[smallest] == "suppressed (primary)"
    assert flags[next_smallest] == "suppressed (secondary)"
    assert (flags.drop([smallest, next_smallest]) == "").all()
    assert hidden.loc[[smallest, next_smallest], ["numerator", "value"]].isna().all().all()


# -- validation first ----------------------------------------------------------------------


def test_an_unknown_geography_is_refused_with_the_allowed_ones():
    with pytest.raises(ParameterError, match=r"unknown geographies \['wards'\]; allowed: "
                                             "ward, neighbourhood, borough, london, england"):
        indicator_values("crime-rate", ["wards"])
    with pytest.raises(ParameterError, match="must be a list of area types"):
        indicator_values("crime-rate", "ward")  # a bare string would match letters


def test_a_bad_threshold_or_recipe_override_is_refused():
    with pytest.raises(ParameterError, match="threshold must be a whole number from 0"):
        indicator_values("robbery-rate", ["borough"], threshold=-1)
    with pytest.raises(ParameterError, match="field months: 'twelve' is not of type"):
        indicator_values("robbery-rate", ["borough"],
                         recipe={"type": "crime_rate", "months": "twelve"})


def test_an_unknown_indicator_is_a_data_error():
    with pytest.raises(DataError, match="no indicator 'crime-rates'"):
        indicator_values("crime-rates")


def test_an_unknown_benchmark_is_refused_with_the_allowed_ones():
    values = indicator_values("overcrowded-households", ["borough", "london"])
    with pytest.raises(ParameterError, match="unknown benchmark 'londn': give an area type "
                                             "among borough, london, england"):
        compare_with(values, "overcrowded-households", "londn")
    with pytest.raises(AreaError, match="no row of these values has the area code 'E09000001'"):
        compare_with(values, "overcrowded-households", "E09000001")


def test_a_benchmark_given_by_code_is_that_row():
    values = indicator_values("overcrowded-households", ["borough", "london"])
    by_code = compare_with(values, "overcrowded-households", "E12000007").set_index("code")
    # London 11.1% of households overcrowded (Census 2021 TS052); the borough's 15.9% is worse
    assert round(by_code.loc["E09000030", "benchmark"], 1) == 11.1
    assert by_code.loc["E09000030", "comparison"] == "worse"


def test_values_of_several_periods_are_each_compared_with_their_own_periods_benchmark():
    census = indicator_values("overcrowded-households", ["borough", "london"])
    other = census.assign(period="another period")
    other.loc[other["area_type"] == "london", "value"] = 20.0  # London made worse by hand
    compared = compare_with(pd.concat([census, other], ignore_index=True),
                            "overcrowded-households", "london")
    borough = compared[compared["area_type"] == "borough"].set_index("period")
    # 15.9% overcrowded (interval about 15.7 to 16.1) against London's 11.1%, then 20%
    assert borough.loc[census["period"].iloc[0], "comparison"] == "worse"
    assert borough.loc["another period", ["comparison", "benchmark"]].tolist() == ["better", 20.0]
    assert compared.index.tolist() == list(range(len(census) * 2))  # rows kept in order


def test_an_unknown_kind_of_earlier_values_is_refused():
    with pytest.raises(ParameterError, match="unknown kind of earlier values 'last'; allowed: "
                                             "previous, series"):
        earlier_values("crime-rate", "last")


def test_a_benchmark_the_values_do_not_hold_is_refused_naming_those_they_hold():
    values = indicator_values("crime-rate", ["borough", "london"])  # crime: no England
    with pytest.raises(ParameterError, match="these values hold no england row to compare "
                                             "with; they hold borough, london"):
        compare_with(values, "crime-rate", "england")


def test_compare_with_refuses_another_indicators_values():
    crime = all_values("crime-rate")
    with pytest.raises(ParameterError, match="values are of crime-rate, not 'overcrowded"):
        compare_with(crime, "overcrowded-households", "borough")


def test_born_outside_the_uk_is_everyone_not_born_in_the_uk():
    # TS004 Tower Hamlets, read with csv: everyone not born in the UK, "British Overseas"
    # (159 residents) included: (310,320 - 165,083) / 310,320 = 46.80%.
    path = (data_dir() / "open-data/census2021/"
            "census2021_ts004_country_of_birth_tower_hamlets.csv")
    with path.open(encoding="utf-8") as handle:
        raw = {r["geography code"]: r for r in csv.DictReader(handle)}
    values = indicator_values("born-outside-uk")
    for code in ("E09000030", "E12000007", "E92000001"):
        total = int(raw[code]["Country of birth: Total; measures: Value"])
        uk = int(raw[code]["Country of birth: Europe: United Kingdom; measures: Value"])
        row = _row(values, code)
        assert (row["numerator"], row["denominator"]) == (total - uk, total)
    assert _row(values, "E09000030")["value"] == pytest.approx(46.80, abs=0.005)


def test_crude_census_shares_that_age_structure_drives_are_not_judged():
    # TS037 read with csv: bad or very bad health, Tower Hamlets against England. The
    # crude shares differ, but mostly because of age, so the label is "higher"/"lower",
    # never "better"/"worse", and a caveat says why.
    path = data_dir() / "open-data/census2021/census2021_ts037_general_health_tower_hamlets.csv"
    with path.open(encoding="utf-8") as handle:
        raw = {r["geography code"]: r for r in csv.DictReader(handle)}

    def share(code):
        row = raw[code]
        bad = int(row["General health: Bad health"]) + int(row["General health: Very bad health"])
        return bad / int(row["General health: Total: All usual residents"]) * 100

    direction = "higher" if share("E09000030") > share("E92000001") else "lower"
    compared = compare_with(indicator_values("bad-health"), "bad-health", "england")
    assert _row(compared, "E09000030")["comparison"] == direction
    for ident in ("bad-health", "no-qualifications", "level-4-qualifications",
                  "in-employment-census"):
        indicator = get_indicator(ident)
        assert indicator.polarity == "no_judgement", ident
        assert any("age structure" in caveat and "not judged" in caveat
                   for caveat in indicator.caveats), ident
        labels = set(compare_with(indicator_values(ident), ident, "england")["comparison"])
        assert not labels & {"better", "worse"}, ident


def test_the_age_structure_the_caveats_quote():
    # Residents aged 65+ (TS007A) as a share of residents aged 16+ (TS066), read with csv:
    # the 6.9%, 14.7% and 22.6% the caveats of the crude 16+ shares quote.
    folder = data_dir() / "open-data/census2021"
    with (folder / "census2021_ts007a_age_5yr_bands_tower_hamlets.csv").open(
            encoding="utf-8") as handle:
        ages = {r["geography code"]: r for r in csv.DictReader(handle)}
    with (folder / "census2021_ts066_economic_activity_MSOA_not_LSOA_tower_hamlets.csv").open(
            encoding="utf-8") as handle:
        adults = {r["geography code"]: int(r["Economic activity status: Total: All usual "
                                             "residents aged 16 years and over"])
                  for r in csv.DictReader(handle)}
    bands = ["65 to 69 years", "70 to 74 years", "75 to 79 years", "80 to 84 years",
             "85 years and over"]
    quoted = {"E09000030": "6.9%", "E12000007": "14.7%", "E92000001": "22.6%"}
    caveat = get_indicator("no-qualifications").caveats[-1]
    for code, text in quoted.items():
        older = sum(int(ages[code][f"Age: Aged {band}"]) for band in bands)
        assert f"{older / adults[code] * 100:.1f}%" == text
        assert text in caveat


def test_time_series_holds_every_period_of_the_published_file_for_the_chosen_areas():
    import csv

    from thlib.data import data_dir
    from thlib.indicators import time_series

    path = data_dir() / "open-data/timeseries/employment_rate_16_64_aps_ons.csv"
    with path.open(encoding="utf-8") as handle:
        published = [(r["period"], float(r["value"])) for r in csv.DictReader(handle)
                     if r["area_code"] == "E09000030"]
    series = time_series("employment-rate-aps", ["E09000030", "london"])
    borough = series[series["code"] == "E09000030"]
    assert list(zip(borough["period"], borough["value"], strict=True)) == published
    assert set(series["area_type"]) == {"borough", "london"}
