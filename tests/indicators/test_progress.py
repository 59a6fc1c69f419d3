"""Progress of an indicator: recent trend, change since the previous period, target.

Expected values are read from the shipped files with the ``csv`` module and worked out by
hand, with scipy or with statsmodels, never by thlib.
"""

import csv
import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
import statsmodels.api as sm
from scipy.stats import binomtest, norm

from thlib.indicators import (
    direction_of_travel,
    earlier_values,
    get_indicator,
    recent_trend,
    target_status,
)
from thlib.periods import parse_period
from thlib.presentation import vocabulary

REPO = Path(__file__).resolve().parents[2]
CRIME = (REPO / "data" / "open-data" / "crime"
         / "mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv")


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
    trend = recent_trend("burglary-rate")
    assert (trend["trend"], trend["trend_from"], trend["trend_reason"]) == (
        "too few periods", None, "2 comparable periods")
    # 2,345 against 2,349 among the same residents: the exact conditional test is a binomial
    # test of 2,345 of the 4,694 offences against one half.
    change = direction_of_travel("burglary-rate")
    assert (change["change"], change["change_from"]) == ("similar", "Apr 2024 to Mar 2025")
    assert change["change_p_value"] == pytest.approx(binomtest(second, first + second).pvalue)


def _offences(major: str) -> tuple[int, int]:
    """Offences of one major type in the two 12-month windows, April to March."""
    with CRIME.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["MajorText"] == major]
    months = sorted(k for k in rows[0] if k.isdigit())[1:]
    totals = [sum(int(r[m] or 0) for r in rows for m in window)
              for window in (months[:12], months[12:24])]
    return totals[0], totals[1]


def test_robbery_did_not_change_significantly_by_an_exact_test_on_the_counts():
    before, after = _offences("ROBBERY")
    assert (before, after) == (1353, 1267)  # the counts
    change = direction_of_travel("robbery-rate")
    # The same residents in both years: under equal rates 1,267 is Binomial(2,620, 1/2).
    expected = binomtest(after, before + after, 0.5).pvalue
    assert expected == pytest.approx(0.0968, abs=5e-4)
    assert change["change_p_value"] == pytest.approx(expected)
    assert change["change"] == "similar"
    assert change["change_method"].startswith("exact conditional")


def _published(file: str, sex: str | None = None) -> dict[str, dict[str, str]]:
    """Tower Hamlets' rows of a shipped series by period label, read with the csv module."""
    path = REPO / "data" / "open-data" / "timeseries" / f"{file}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {r["period"]: r for r in csv.DictReader(handle)
                if r["area_code"] == "E09000030" and (sex is None or r["sex"] == sex)}


def test_survey_change_uses_both_years_intervals():
    rows = _published("employment_rate_16_64_aps_ons")
    then, now = rows["2022"], rows["2023"]
    # Standard errors from each 95% interval (half-width / 1.96), combined: 72.8 [67.2,
    # 78.4] to 66.2 [59.8, 72.6] gives z = -6.6 / 4.339 = -1.52, p = 0.128.
    se = [(float(r["upper_ci"]) - float(r["lower_ci"])) / (2 * norm.ppf(0.975))
          for r in (then, now)]
    z = (float(now["value"]) - float(then["value"])) / math.hypot(*se)
    assert z == pytest.approx(-1.52, abs=0.01)
    change = direction_of_travel("employment-rate-aps")
    assert (change["change"], change["change_from"]) == ("similar", "2022")
    assert change["change_p_value"] == pytest.approx(2 * norm.sf(abs(z)), rel=1e-6)
    assert "both" in change["change_method"]


def test_pooled_periods_are_compared_only_with_one_that_shares_no_year():
    # Preventable CVD mortality is published for three-year periods: 2022-24 is compared
    # with 2019-21, not 2021-23 or 2020-22, which share years with it.
    change = direction_of_travel("preventable-cvd-mortality-under-75")
    assert change["change_from"] == "2019-21"
    rows = _published("preventable_cvd_mortality_under75_ohid")
    assert change["change_difference"] == pytest.approx(
        float(rows["2022-24"]["value"]) - float(rows["2019-21"]["value"]))
    # Its trend runs over five periods that share no year: 2010-12 to 2022-24.
    trend = recent_trend("preventable-cvd-mortality-under-75")
    assert (trend["trend_from"], trend["trend_to"]) == ("2010-12", "2022-24")


def test_a_complete_count_is_described_by_direction_and_size_never_tested():
    rows = _published("claimant_count_rate_16_64_annual_ons")
    change = direction_of_travel("claimant-count-rate")
    assert change["change"] == "up"  # 5.9% in 2024, 6.7% in 2025
    assert (change["change_from"], change["change_difference"]) == (
        "2024", pytest.approx(float(rows["2025"]["value"]) - float(rows["2024"]["value"])))
    assert math.isnan(change["change_p_value"])
    assert change["change_method"] == "direction and size, not tested"
    assert "complete count" in change["change_reason"]
    # Since the 2015 break the last year at least as high as 6.7% is 2021 (8.0%), four years
    # before: "the highest since 2021".
    assert (change["record"], change["record_period"]) == ("highest since", "2021")
    trend = recent_trend("claimant-count-rate")
    assert (trend["trend"], trend["trend_from"], trend["trend_to"]) == ("down", "2021", "2025")
    assert math.isnan(trend["trend_p_value"])


def test_money_in_cash_terms_is_tested_but_never_judged():
    change = direction_of_travel("median-weekly-pay-residents")
    trend = recent_trend("median-weekly-pay-residents")
    assert change["change"] in ("similar", "higher", "lower")
    assert "getting" not in trend["trend"]
    for method in (change["change_method"], trend["trend_method"]):
        assert method.endswith("in cash terms, not adjusted for inflation")


def test_an_interval_trend_is_a_weighted_regression_on_the_last_five_periods():
    # APS anxiety, 2018/19 to 2022/23: symmetric published intervals, one year apart.
    # statsmodels' WLS with weights 1/se^2 is the independent check: its residual scale
    # (Q / (n - 2)) is above 1, so the slope's standard error is the estimated-scale one,
    # and the p-value is from the normal distribution.
    rows = list(_published("anxiety_mean_aps_ons").values())[-5:]
    value = np.array([float(r["value"]) for r in rows])
    se = np.array([(float(r["upper_ci"]) - float(r["lower_ci"])) / (2 * norm.ppf(0.975))
                   for r in rows])
    fit = sm.WLS(value, sm.add_constant(np.arange(5.0)), weights=1 / se**2).fit()
    assert fit.scale > 1
    p_value = 2 * norm.sf(abs(fit.params[1] / fit.bse[1]))
    trend = recent_trend("anxiety")
    assert (trend["trend_from"], trend["trend_to"]) == (rows[0]["period"], rows[-1]["period"])
    assert trend["trend_p_value"] == pytest.approx(p_value, rel=1e-6)
    assert trend["trend"] == ("no significant change" if p_value >= 0.002
                              else "increasing and getting worse")


def test_a_single_period_and_a_series_without_intervals_say_why():
    assert direction_of_travel("overcrowded-households")["change_reason"] == \
        "a single period is published"
    change = direction_of_travel("smoking-prevalence")  # Fingertips extract: no limits
    assert change["change"] in ("up", "down", "unchanged")
    assert change["change_reason"] == "no confidence interval is published"


def test_every_measure_of_every_framework_gets_a_statement_about_change():
    from thlib.indicators import frameworks

    for framework in frameworks().values():
        for ident in framework.indicators():
            change = direction_of_travel(ident)
            assert change["change"] in vocabulary.CHANGES, ident
            # Either a comparison with a named period, or the reason there is none.
            assert change["change_from"] is not None or change["change_reason"], ident
            assert recent_trend(ident)["trend"] in vocabulary.TRENDS, ident


def test_no_target_is_said_as_none_set():
    assert target_status("gcse-capped-points") == {
        "target_status": "none set", "target_value": None, "target_by": None}


def test_a_trend_never_spans_a_method_break(monkeypatch):
    hle = get_indicator("healthy-life-expectancy-male")
    assert hle.breaks == ("2021-23",)
    # From 2021-23 on there are two periods, 2021-23 and 2022-24, which share years: the
    # series restarts, and there is nothing to compare.
    change = direction_of_travel("healthy-life-expectancy-male")
    assert (change["change"], change["change_reason"]) == (
        "method changed", "the series restarts at 2021-23 (method change)")
    assert recent_trend("healthy-life-expectancy-male")["trend"] == "too few periods"

    # Without the break 2022-24 is compared with 2019-21, the latest that shares no year.
    unbroken = dataclasses.replace(hle, breaks=())
    monkeypatch.setattr("thlib.indicators.progress.get_indicator", lambda _: unbroken)
    assert direction_of_travel("healthy-life-expectancy-male")["change_from"] == "2019-21"

    # A break after the series' last period does not apply (e.g. a named earlier period).
    later = dataclasses.replace(hle, breaks=("2030-32",))
    monkeypatch.setattr("thlib.indicators.progress.get_indicator", lambda _: later)
    assert direction_of_travel("healthy-life-expectancy-male")["change_from"] == "2019-21"


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
    uncertainty: sample
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
