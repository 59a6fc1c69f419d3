"""The ``series`` recipe: shipped outcome series as catalogue indicators, with earlier periods.

Expected values are read from the shipped CSV files with the ``csv`` module (not through
thlib), or worked out by hand for the tiny fixture files built here.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from pathlib import Path

import pytest
import yaml
from scipy.stats import chi2

from thlib.errors import DataError
from thlib.indicators import (
    catalogue,
    direction_of_travel,
    earlier_values,
    frameworks,
    get_framework,
    get_indicator,
    indicator_values,
    load_catalogue,
    recent_trend,
)
from thlib.indicators.catalogue import DEFINITIONS
from thlib.presentation import vocabulary

REPO = Path(__file__).resolve().parents[2]
TIMESERIES = REPO / "data" / "open-data" / "timeseries"
TH, LONDON, ENGLAND = "E09000030", "E12000007", "E92000001"


def _raw(file: str, area: str = TH, **filters: str) -> list[dict[str, str]]:
    """Rows of a shipped file for one area (in file order), read with the csv module."""
    with (TIMESERIES / f"{file}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["area_code"] == area
                and all(r[k] == v for k, v in filters.items())]
    return [r for r in rows if r["value"] not in ("", "NA")]


def _number(text: str) -> float | None:
    return None if text in ("", "NA") else float(text)


def _row(values, code):
    chosen = values[values["code"] == code]
    assert len(chosen) == 1, (code, chosen)
    return chosen.iloc[0]


# -- Three shipped series against their raw files --------------------------------------------

CASES = [
    # A count series (DWP Stat-Xplore): count only, London and England derived sums.
    ("children-low-income-count", "children_relative_low_income_count_dwp_statxplore", {},
     ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22"]),
    # A value-only series with published 95% limits (ONS APS well-being).
    ("anxiety", "anxiety_mean_aps_ons", {},
     ["2011/12", "2012/13", "2013/14", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19",
      "2019/20", "2020/21", "2021/22", "2022/23"]),
    # A Fingertips-derived series without London; Tower Hamlets 2020/21 is NA (skipped).
    ("reception-obesity-ncmp", "ncmp_reception_obesity_fingertips_TH_England_only", {},
     ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2021/22",
      "2022/23", "2023/24", "2024/25"]),
    # A file with several series: the recipe picks males.
    ("life-expectancy-male-series", "life_expectancy_at_birth_fingertips_TH_England_only",
     {"sex": "Male"},
     ["2015-17", "2016-18", "2017-19", "2018-20", "2019-21", "2020-22", "2021-23", "2022-24",
      "2023-25"]),
]


@pytest.mark.parametrize("indicator, file, filters, periods", CASES)
def test_latest_previous_and_series_equal_the_raw_file(indicator, file, filters, periods):
    raw = _raw(file, **filters)
    # The raw file lists Tower Hamlets' periods oldest first (checked against the list
    # written out above by reading the file).
    assert [r["period"] for r in raw] == periods
    latest, previous = raw[-1], raw[-2]

    values = indicator_values(indicator)
    borough = _row(values, TH)
    assert borough["period"] == latest["period"]
    assert borough["value"] == pytest.approx(float(latest["value"]))
    for column, raw_column in (("lower", "lower_ci"), ("upper", "upper_ci")):
        expected = _number(latest[raw_column])
        if expected is None:
            assert borough[column] != borough[column]  # NaN: no limits published
        else:
            assert borough[column] == pytest.approx(expected)

    before = earlier_values(indicator, "previous", ["borough"])
    assert before["period"].tolist() == [previous["period"]]
    assert before["value"].tolist() == pytest.approx([float(previous["value"])])

    series = earlier_values(indicator, "series", ["borough"])
    assert series["period"].tolist() == periods
    assert series["value"].tolist() == pytest.approx([float(r["value"]) for r in raw])
    # period_index counts the series' periods (any area's): a period with no Tower Hamlets
    # value (Reception 2020/21, which England has) leaves a gap.
    gap = [6] if indicator == "reception-obesity-ncmp" else []
    assert series["period_index"].tolist() == [
        i for i in range(len(periods) + len(gap)) if i not in gap]


def test_comparators_are_those_the_file_has():
    # Fingertips-derived files have no London row; the ONS files have all three.
    assert set(indicator_values("reception-obesity-ncmp")["code"]) == {TH, ENGLAND}
    assert set(indicator_values("anxiety")["code"]) == {TH, LONDON, ENGLAND}
    london = _raw("anxiety_mean_aps_ons", LONDON)[-1]
    assert _row(indicator_values("anxiety"), LONDON)["value"] == float(london["value"])


def test_the_count_series_keeps_its_count_and_is_not_tested_for_trend_without_a_denominator():
    values = indicator_values("children-low-income-count")
    latest = _raw("children_relative_low_income_count_dwp_statxplore")[-1]
    assert _row(values, TH)["numerator"] == float(latest["count"]) == 19956
    # No denominator and no interval are published: a modelled estimate described by
    # direction and size over its last five periods, 2017/18 to 2021/22, never tested.
    first = _raw("children_relative_low_income_count_dwp_statxplore")[-5]
    trend = recent_trend("children-low-income-count")
    assert (trend["trend"], trend["trend_from"], trend["trend_to"]) == (
        "up" if float(latest["count"]) > float(first["count"]) else "down", "2017/18", "2021/22")
    assert trend["trend_difference"] == float(latest["count"]) - float(first["count"])
    assert trend["trend_reason"] == "no confidence interval is published"
    assert trend["trend"] in vocabulary.TRENDS
    change = direction_of_travel("children-low-income-count")
    previous = _raw("children_relative_low_income_count_dwp_statxplore")[-2]
    assert (change["change_from"], change["change_difference"]) == (
        "2020/21", float(latest["count"]) - float(previous["count"]))
    assert math.isnan(change["change_p_value"])
    assert change["change"] in ("up", "down") and change["change"] in vocabulary.CHANGES


def test_a_named_period_and_the_periods_before_it():
    indicator = get_indicator("ks2-expected-standard-rwm")
    recipe = {**indicator.recipe, "period": "2021/22"}
    values = indicator_values(indicator, ["borough"], recipe=recipe)
    raw = {r["period"]: float(r["value"]) for r in _raw("ks2_expected_standard_rwm_dfe")}
    assert values["period"].tolist() == ["2021/22"]
    assert values["value"].tolist() == [raw["2021/22"]] == [67.0]
    # No 2019/20 or 2020/21 results (COVID): the period before 2021/22 is 2018/19.
    earlier = dataclasses.replace(indicator, recipe=recipe)
    assert earlier_values(earlier, "previous", ["borough"])["period"].tolist() == ["2018/19"]


# -- Fixture files: ordering by period, and counts with denominators -----------------------

_HEADER = ("area_code,area_name,period,value,lower_ci,upper_ci,count,denominator,unit,sex,age,"
           "indicator,period_source,source\n")


def _fixture_indicator(**changes) -> object:
    base = get_indicator("anxiety")
    return dataclasses.replace(base, id="fixture", **changes)


@pytest.fixture
def fixture_series(data_copy):
    """A tiny series file with two measures, rows shuffled, in a copy of the data folder."""
    rows = [
        # Quarterly values, written out of order: their labels ("Apr to Jun 2023", ...)
        # sort differently as text than in time.
        ("2024 Q1", "4", "", "quarterly"), ("2023 Q2", "1", "", "quarterly"),
        ("2023 Q4", "3", "", "quarterly"), ("2023 Q3", "2", "", "quarterly"),
        # Yearly counts out of 1,000, falling steadily, shuffled.
        ("2021", "250", "1000", "yearly"), ("2019", "300", "1000", "yearly"),
        ("2023", "200", "1000", "yearly"), ("2020", "280", "1000", "yearly"),
        ("2022", "220", "1000", "yearly"),
    ]
    lines = [f"{TH},Tower Hamlets,{p},{v},,,{c if d else ''},{d},%,Persons,all,{name},{p},test\n"
             for p, v, d, name in rows for c in [v]]
    (data_copy / "open-data" / "timeseries" / "fixture_series.csv").write_text(
        _HEADER + "".join(lines), encoding="utf-8")
    return data_copy


def test_earlier_values_are_ordered_by_period_not_by_label(fixture_series):
    indicator = _fixture_indicator(
        recipe={"type": "series", "file": "fixture_series", "indicator": "quarterly"},
        geographies=("borough",))
    series = earlier_values(indicator, "series")
    labels = ["Apr to Jun 2023", "Jul to Sep 2023", "Oct to Dec 2023", "Jan to Mar 2024"]
    assert series["period"].tolist() == labels != sorted(labels)
    assert series["value"].tolist() == [1, 2, 3, 4]
    assert indicator_values(indicator)["period"].tolist() == ["Jan to Mar 2024"]
    assert earlier_values(indicator, "previous")["period"].tolist() == ["Oct to Dec 2023"]


def test_counts_with_denominators_get_the_statistic_and_a_recent_trend(fixture_series,
                                                                       monkeypatch):
    indicator = _fixture_indicator(
        recipe={"type": "series", "file": "fixture_series", "indicator": "yearly"},
        geographies=("borough",), statistic="proportion", uncertainty="counts",
        multiplier=100, polarity="lower_is_better")
    latest = indicator_values(indicator).iloc[0]
    # 200 of 1,000 in 2023: 20%, with a Wilson interval (not the file's value column).
    assert (latest["period"], latest["numerator"], latest["denominator"]) == ("2023", 200, 1000)
    assert latest["value"] == pytest.approx(20.0)
    assert latest["lower"] < 20 < latest["upper"]
    series = earlier_values(indicator, "series")
    assert series["period"].tolist() == ["2019", "2020", "2021", "2022", "2023"]
    assert series["numerator"].tolist() == [300, 280, 250, 220, 200]

    monkeypatch.setattr("thlib.indicators.progress.get_indicator", lambda _: indicator)
    trend = recent_trend("fixture")
    # By hand (Armitage, t = 0..4): p = 1250/5000 = 0.25, U = -2*50 - 30 + 0 - 30 - 2*50 = -260,
    # V = 0.25 * 0.75 * 1000 * 10 = 1875, chi-squared = 260**2 / 1875 = 36.1 > 9.55 (99.8%);
    # no single point reverses the fall, and falling is better for this measure.
    assert {k: trend[k] for k in ("trend", "trend_from", "trend_to", "trend_method")} == {
        "trend": "decreasing and getting better", "trend_from": "2019", "trend_to": "2023",
        "trend_method": "chi-squared test for trend (Fingertips recent trend), at 99.8% "
                        "confidence"}
    # The scores are the years' midpoints, equally spaced, so chi-squared is as by hand.
    assert trend["trend_p_value"] == pytest.approx(chi2.sf(260**2 / 1875, 1))


# -- The catalogue refuses a bad series recipe ----------------------------------------------

_ENTRY = """\
indicators:
  - id: test-series
    title: A test series
    definition: A series used to test the catalogue schema.
    numerator: not applicable
    denominator: not applicable
    statistic: published
    uncertainty: sample
    unit: "%"
    multiplier: 1
    polarity: no_judgement
    source: {publisher: ONS, dataset: A series, period: "2020", licence: OGL v3.0}
    geographies: [borough]
    owner: Nobody
    recipe: RECIPE
"""


@pytest.mark.parametrize("recipe, field, problem", [
    ("{type: series, file: no_such_series}", "recipe.file", "no series file 'no_such_series'"),
    ("{type: series, file: ../profiles/x}", "recipe.file", "does not match"),
    ("{type: series}", "recipe", "'file' is a required property"),
    ("{type: series, file: anxiety_mean_aps_ons, column: value}", "recipe",
     "('column' was unexpected)"),
    ("{type: series, file: eyfsp_expected_level_by_area_of_learning_dfe}", "recipe.indicator",
     "holds several series by indicator"),
    ("{type: series, file: eyfsp_expected_level_by_area_of_learning_dfe, indicator: GLD}",
     "recipe.indicator", "has no indicator 'GLD'"),
    ("{type: series, file: healthy_life_expectancy_at_birth_ons}", "recipe.sex",
     "holds several series by sex ('Female', 'Male')"),
    ("{type: series, file: healthy_life_expectancy_at_birth_ons, sex: Persons}", "recipe.sex",
     "has no sex 'Persons'"),
    ("{type: series, file: anxiety_mean_aps_ons, age: '18+'}", "recipe.age",
     "has no age '18+'; it holds '16+'"),
    ("{type: series, file: anxiety_mean_aps_ons, period: '2030/31'}", "recipe.period",
     "no period '2030/31'"),
])
def test_a_bad_series_recipe_names_file_indicator_and_field(tmp_path, recipe, field, problem):
    path = tmp_path / "bad.yml"
    path.write_text(_ENTRY.replace("RECIPE", recipe), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_catalogue(tmp_path)
    message = str(error.value)
    assert str(path) in message and "indicator 'test-series'" in message
    assert f"field {field}: " in message
    assert problem in message


def test_a_good_series_recipe_loads(tmp_path):
    (tmp_path / "good.yml").write_text(
        _ENTRY.replace("RECIPE", "{type: series, file: healthy_life_expectancy_at_birth_ons, "
                                 "sex: Female, period: 2020-22}"), encoding="utf-8")
    assert list(load_catalogue(tmp_path)) == ["test-series"]


# -- Every series is in the catalogue; frameworks name no retired measure ------------------

def _definitions() -> list[dict]:
    return [entry for path in sorted(DEFINITIONS.glob("*.yml"))
            for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]]


def test_every_shipped_series_file_is_an_indicator():
    shipped = {p.stem for p in TIMESERIES.glob("*.csv")} - {"statistical_neighbours_tower_hamlets"}
    assert len(shipped) == 25 + 7
    named = {e["recipe"]["file"] for e in _definitions() if e["recipe"]["type"] == "series"}
    assert named == shipped


def test_every_framework_indicator_exists_and_none_is_retired():
    entries = {e["id"]: e for e in _definitions()}
    retired = {i for i, e in entries.items() if "retired" in e}
    assert retired == {
        "gcse-5-a-c-inc-english-maths", "gcse-capped-points", "unauthorised-absence",
        "unemployment-rate-aps", "out-of-work-benefits", "gross-annual-pay",
        "life-expectancy-male", "life-expectancy-female", "preventable-mortality",
        "reception-obesity", "year-6-obesity"}
    for framework in frameworks().values():
        for ident in framework.indicators():
            assert ident in entries and ident not in retired, (framework.id, ident)
            assert catalogue()[ident].retired is None


def test_a_framework_naming_a_retired_indicator_is_refused(tmp_path):
    path = tmp_path / "old.yml"
    path.write_text(
        "id: old\ntitle: Old\nperiod: x\nobjective: x\nthemes:\n  - id: t\n    title: T\n"
        "    outcomes:\n      - title: O\n        indicators: [gcse-capped-points]\n",
        encoding="utf-8")
    with pytest.raises(DataError, match="names indicator 'gcse-capped-points', which is retired"):
        get_framework(path)


def test_retired_indicators_are_left_out_of_the_profile_tables():
    from thlib.profiles import AreaProfile

    summary = AreaProfile("borough", TH).indicator_summary()
    shown = set(summary["indicator"])
    assert "anxiety" in shown and "employment-rate-aps" in shown
    assert not shown & {i for i, ind in catalogue().items() if ind.retired}


def test_a_value_the_publisher_withheld_is_missing_with_its_reason(data_copy):
    # Tower Hamlets' latest re-referral figures replaced by DfE's marker "c" (small numbers).
    path = data_copy / "open-data" / "timeseries" / "children_in_need_rereferrals_12_months_dfe.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    latest = max(i for i, line in enumerate(lines) if line.startswith("E09000030,"))
    cells = next(csv.reader([lines[latest]]))
    cells[3] = cells[6] = "c"  # value and count
    lines[latest] = ",".join(f'"{c}"' if "," in c else c for c in cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")

    row = _row(indicator_values("children-in-need-rereferrals", ["borough"]), TH)
    assert math.isnan(row["value"]) and row["suppression"] == "withheld: small numbers"
    change = direction_of_travel("children-in-need-rereferrals")
    assert (change["change"], change["change_reason"]) == (
        "not compared", "withheld: small numbers")
