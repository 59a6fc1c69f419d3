"""Progress of an indicator: recent trend, change since the previous period, target.

Expected values are read from the shipped files with the ``csv`` module, or worked out by
hand from the published limits written out below.
"""

import csv
import dataclasses
from pathlib import Path

import pytest

from thlib import vocabulary
from thlib.indicators import (
    direction_of_travel,
    earlier_values,
    get_indicator,
    recent_trend,
    target_status,
)
from thlib.periods import parse_period

REPO = Path(__file__).resolve().parents[2]
CRIME = (REPO / "data" / "open-data" / "crime"
         / "mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv")
INTERVALS = "non-overlap of 95% confidence intervals, first and last of the last 5 periods"
UNTESTED = {"trend": "too few periods", "trend_from": None, "trend_to": None,
            "trend_method": None}


def _burglary_by_month() -> dict[str, int]:
    """Tower Hamlets' burglaries by month (YYYYMM columns), summed over wards and minor types."""
    with CRIME.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["MajorText"] == "BURGLARY"]
    months = [k for k in rows[0] if k.isdigit()]
    return {m: sum(int(r[m] or 0) for r in rows) for m in months}


def test_crime_series_are_12_month_windows_not_seasonal_quarters():
    by_month = _burglary_by_month()
    months = sorted(by_month)
    # The file runs March 2024 to March 2026; thlib drops March 2024 (stray records: no
    # burglary), leaving 24 months: April 2024 to March 2025, April 2025 to March 2026.
    assert months[0] == "202403" and by_month["202403"] == 0 and len(months) == 25
    first, second = (sum(by_month[m] for m in months[1:13]),
                     sum(by_month[m] for m in months[13:25]))
    assert (first, second) == (2349, 2345)  # the flat 12-month totals
    # ... while its quarters swing with the season (Oct-Dec peaks: 728 and 733).
    quarters = [sum(by_month[m] for m in months[1 + 3 * q:4 + 3 * q]) for q in range(8)]
    assert quarters == [525, 563, 728, 533, 437, 622, 733, 553]

    series = earlier_values("burglary-rate", "series", ["borough"])
    assert series["period"].tolist() == ["Apr 2024 to Mar 2025", "Apr 2025 to Mar 2026"]
    assert series["numerator"].tolist() == [first, second]
    for label in series["period"]:
        period = parse_period(label)
        assert (period.end.year - period.start.year) * 12 + period.end.month \
            - period.start.month + 1 == 12
    # Two whole years cannot make a five-point trend: said, not guessed.
    assert recent_trend("burglary-rate") == UNTESTED
    # 2,345 against 2,349 on the same residents: the latest rate's interval (about
    # +/- 2 x sqrt(2,345), or 4%) holds the previous rate, so no significant change.
    assert direction_of_travel("burglary-rate") == {"change": "similar",
                                                    "change_since": "Apr 2024 to Mar 2025"}


def test_crime_has_a_direction_of_travel_and_no_trend_from_two_years():
    assert recent_trend("crime-rate") == UNTESTED
    change = direction_of_travel("crime-rate")
    assert change["change_since"] == "Apr 2024 to Mar 2025"
    assert change["change"] in vocabulary.CHANGES
    assert recent_trend("gcse-capped-points") == UNTESTED
    assert target_status("gcse-capped-points")["target_status"] == "none set"


def test_value_only_series_are_judged_by_their_published_intervals():
    # ASHE median weekly pay (residents), Tower Hamlets: 2021 685.2 [618.05, 752.35],
    # 2025 856.2 [763.90, 948.50]; 763.90 > 752.35, so the intervals do not overlap:
    # increasing, and higher pay is better.
    assert recent_trend("median-weekly-pay-residents") == {
        "trend": "increasing and getting better", "trend_from": "2021", "trend_to": "2025",
        "trend_method": INTERVALS}
    # APS anxiety: 2018/19 2.77 [2.42, 3.12], 2022/23 3.26 [2.65, 3.88]: they overlap.
    assert recent_trend("anxiety") == {
        "trend": "no significant change", "trend_from": "2018/19", "trend_to": "2022/23",
        "trend_method": INTERVALS}
    # Fingertips extracts without limits: not tested, and said so.
    assert recent_trend("smoking-prevalence") == {**UNTESTED,
                                                  "trend": "no interval: not tested"}


def test_a_trend_never_spans_a_method_break(monkeypatch):
    hle = get_indicator("healthy-life-expectancy-male")
    assert hle.breaks == ("2021-23",)
    # From 2021-23 on there are two periods (2021-23, 2022-24): too few.
    assert recent_trend("healthy-life-expectancy-male") == UNTESTED
    # Both are on the new method: 59.5 [53.2, 65.9] in 2022-24 holds 60.0 (2021-23).
    assert direction_of_travel("healthy-life-expectancy-male") == {
        "change": "similar", "change_since": "2021-23"}

    # Without the break the last five periods would be tested: 2018-20 61.7 [57.3, 66.0]
    # against 2022-24 59.5 [53.2, 65.9], which overlap.
    unbroken = dataclasses.replace(hle, breaks=())
    monkeypatch.setattr("thlib.indicators.progress.get_indicator", lambda _: unbroken)
    assert recent_trend("healthy-life-expectancy-male") == {
        "trend": "no significant change", "trend_from": "2018-20", "trend_to": "2022-24",
        "trend_method": INTERVALS}

    # A break at the latest period: no trend, and the change is not compared across it.
    latest = dataclasses.replace(hle, breaks=("2022-24",))
    monkeypatch.setattr("thlib.indicators.progress.get_indicator", lambda _: latest)
    assert recent_trend("healthy-life-expectancy-male") == UNTESTED
    assert direction_of_travel("healthy-life-expectancy-male") == {
        "change": "method changed", "change_since": None}
    assert vocabulary.change("method changed").word == "not compared (the method changed)"

    # A break after the series' last period does not apply (e.g. a named earlier period).
    later = dataclasses.replace(hle, breaks=("2030-32",))
    monkeypatch.setattr("thlib.indicators.progress.get_indicator", lambda _: later)
    assert recent_trend("healthy-life-expectancy-male")["trend_from"] == "2018-20"


@pytest.mark.parametrize("indicator, breaks", [
    ("healthy-life-expectancy-female", ("2021-23",)),
    ("eyfsp-literacy", ("2021/22",)),
    ("persistent-absence", ("2020/21", "2022/23")),
    ("claimant-count-rate", ("2013", "2015")),
])
def test_breaks_the_caveats_name_are_data(indicator, breaks):
    assert get_indicator(indicator).breaks == breaks


_HLE = """\
indicators:
  - id: test-breaks
    title: A test series with a method break
    definition: A series used to test method breaks in the catalogue.
    numerator: not applicable
    denominator: not applicable
    statistic: published
    unit: years
    multiplier: 1
    polarity: higher_is_better
    source: {publisher: ONS, dataset: A series, period: "2022-24", licence: OGL v3.0}
    geographies: [borough]
    owner: Nobody
    recipe: {type: series, file: healthy_life_expectancy_at_birth_ons, sex: Male}
    breaks: BREAKS
"""


@pytest.mark.parametrize("breaks, problem", [
    ('["2021-32"]', "field breaks: '2021-32' is not a period of the series; its periods are "
                    "2011-13, 2012-14"),
    ('"2021-23"', "field breaks: '2021-23' is not of type 'array'"),
])
def test_a_bad_break_names_file_indicator_and_field(tmp_path, breaks, problem):
    from thlib.errors import DataError
    from thlib.indicators import load_catalogue

    (tmp_path / "bad.yml").write_text(_HLE.replace("BREAKS", breaks), encoding="utf-8")
    with pytest.raises(DataError, match="indicator 'test-breaks'") as error:
        load_catalogue(tmp_path)
    assert problem in str(error.value)
    (tmp_path / "bad.yml").write_text(_HLE.replace("BREAKS", '["2021-23"]'), encoding="utf-8")
    assert load_catalogue(tmp_path)["test-breaks"].breaks == ("2021-23",)
