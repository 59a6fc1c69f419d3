"""Tests for thlib.stats.trend (Fingertips recent trend, chi-squared test, interval test)."""

import numpy as np
import pytest

from thlib.errors import StatsInputError
from thlib.stats import NO_INTERVAL, chi_squared_trend, interval_trend, recent_trend


def test_chi_squared_trend_matches_r_documentation():
    # R documentation example for stats::prop.trend.test:
    # smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82)
    # prop.trend.test(smokers, patients) -> X-squared = 8.2249, df = 1, p-value = 0.004132
    out = chi_squared_trend([83, 90, 129, 70], [86, 93, 136, 82])
    assert out["statistic"] == pytest.approx(8.2249, abs=5e-5)
    assert out["p_value"] == pytest.approx(0.004132, abs=5e-7)
    # gradient = U / V and chi2 = U^2 / V, so |gradient| = sqrt(chi2 / V). By hand:
    # N = 397, p = 372/397 = 0.937028, t = 0..3, t_bar = (93 + 272 + 246)/397 = 1.539043,
    # V = p(1 - p) * sum(n_i (t_i - t_bar)^2) = 25.64699; the proportions fall (U < 0),
    # so gradient = -sqrt(8.2249 / 25.64699) = -0.56630
    assert out["gradient"] == pytest.approx(-0.56630, abs=5e-6)


def test_chi_squared_trend_hand_calculation():
    # O = 100, 120, 140, 160, 180; n = 1000 each; t = 0..4
    # p = 700/5000 = 0.14, t_bar = 2
    # U = (-2)(-40) + (-1)(-20) + 0 + (1)(20) + (2)(40) = 200
    # V = 0.14 * 0.86 * 1000 * (4 + 1 + 0 + 1 + 4) = 1204
    # chi2 = 200^2 / 1204 = 33.222591, gradient = 200 / 1204 = 0.166113
    out = chi_squared_trend([100, 120, 140, 160, 180], [1000] * 5)
    assert out["statistic"] == pytest.approx(40000 / 1204, rel=1e-12)
    assert out["gradient"] == pytest.approx(200 / 1204, rel=1e-12)


def test_recent_trend_increasing_and_critical_value():
    out = recent_trend([100, 120, 140, 160, 180], [1000] * 5).iloc[0]
    assert out["trend"] == "increasing"
    # Fingertips / PHEindicatormethods threshold: chi2 > 9.5495 (99.8%, 1 df)
    assert out["critical_value"] == pytest.approx(9.5495, abs=5e-5)
    assert out["statistic"] == pytest.approx(33.222591, abs=1e-6)
    assert out["points"] == 5


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("higher_is_better", "increasing and getting better"),
        ("lower_is_better", "increasing and getting worse"),
        ("no_judgement", "increasing"),
        (None, "increasing"),
    ],
)
def test_recent_trend_polarity(polarity, expected):
    out = recent_trend([100, 120, 140, 160, 180], [1000] * 5, polarity=polarity)
    assert out.loc[0, "trend"] == expected


def test_recent_trend_decreasing_getting_better():
    out = recent_trend([180, 160, 140, 120, 100], [1000] * 5, polarity="lower_is_better")
    assert out.loc[0, "trend"] == "decreasing and getting better"


def test_no_significant_change():
    # O = 100, 105, 110, 115, 120 of 1000: p = 0.11, U = 20 + 5 + 0 + 5 + 20 = 50,
    # V = 0.11 * 0.89 * 10000 = 979, chi2 = 2500 / 979 = 2.5536 < 9.5495
    out = recent_trend([100, 105, 110, 115, 120], [1000] * 5)
    assert out.loc[0, "trend"] == "no significant change"
    assert out.loc[0, "statistic"] == pytest.approx(2500 / 979, rel=1e-12)


def test_outlier_check_reverses_significant_trend():
    # O = 100, 90, 80, 70, 400 of 1000: p = 0.148, U = 96 + 58 + 0 - 78 + 504 = 580,
    # V = 0.148 * 0.852 * 10000 = 1260.96, chi2 = 266.8 (significant, increasing) but
    # without the last point U = -22.5 - 2.5 - 2.5 - 22.5 = -50 (decreasing): outlier.
    out = recent_trend([100, 90, 80, 70, 400], [1000] * 5)
    assert out.loc[0, "statistic"] == pytest.approx(580**2 / 1260.96, rel=1e-9)
    assert out.loc[0, "trend"] == "no significant change"
    assert "outlier" in out.loc[0, "reason"]


def test_only_last_five_points_used():
    # the first two (wild) points are ignored; the last five are the increasing series
    out = recent_trend([900, 5, 100, 120, 140, 160, 180], [1000] * 7)
    assert out.loc[0, "statistic"] == pytest.approx(40000 / 1204, rel=1e-12)


def test_period_sorts_and_scores():
    out = recent_trend([180, 100, 160, 120, 140], [1000] * 5, period=[2024, 2020, 2023, 2021, 2022])
    assert out.loc[0, "trend"] == "increasing"
    assert out.loc[0, "statistic"] == pytest.approx(40000 / 1204, rel=1e-12)


def test_could_not_be_calculated():
    few = recent_trend([1, 2, 3, 4], [10] * 4)
    assert few.loc[0, "trend"] == "could not be calculated"
    assert "fewer than 5" in few.loc[0, "reason"]
    gap = recent_trend([1, 2, np.nan, 4, 5], [10] * 5)
    assert gap.loc[0, "trend"] == "could not be calculated"
    # a missing value before the last five does not matter
    ok = recent_trend([np.nan, 100, 120, 140, 160, 180], [1000] * 6)
    assert ok.loc[0, "trend"] == "increasing"


def test_constant_zero_proportion():
    # p = 0, so V = p(1 - p) * ... = 0: there is no test statistic
    out = recent_trend([0] * 5, [100] * 5)
    assert out.loc[0, "trend"] == "no significant change"
    assert out.loc[0, "reason"] == "the proportion is 0 (or 1) in every period"
    assert np.isnan(out.loc[0, "statistic"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"numerator": [1, 2, 30, 4, 5]}, "numerator (position 2) is 30, above its denominator 10"),
        ({"denominator": [10] * 4}, "numerator has 5 values but denominator has 4"),
        ({"period": [1, 2, 2, 3, 4]}, "period has repeated values"),
        ({"polarity": "good"}, "polarity is 'good'"),
        ({"numerator": [1, -2, 3, 4, 5]}, "numerator (position 1) is -2"),
    ],
)
def test_validation(kwargs, message):
    args = {"numerator": [1, 2, 3, 4, 5], "denominator": [10] * 5} | kwargs
    with pytest.raises(StatsInputError) as err:
        recent_trend(**args)
    assert message in str(err.value)


# -- interval_trend: value-only series judged by their published 95% intervals -------------
# Every expectation below is read off the limits by hand: the latest interval against the
# one four periods before it.

VALUES = [60.0, 61.0, 62.0, 63.0, 64.0]


def _limits(values, half):
    return [v - half for v in values], [v + half for v in values]


def test_interval_trend_non_overlapping_intervals_are_a_significant_change():
    lower, upper = _limits(VALUES, 1.0)  # 2019: [59, 61]; 2023: [63, 65]; 63 > 61
    out = interval_trend(VALUES, lower, upper, period=[2019, 2020, 2021, 2022, 2023]).iloc[0]
    assert out["trend"] == "increasing"
    assert (out["period_from"], out["period_to"]) == (2019, 2023)
    assert out["difference"] == pytest.approx(4.0)
    assert out["points"] == 5 and out["confidence"] == 0.95
    assert "non-overlap of 95% confidence intervals" in out["method"]
    assert out["reason"] == "the intervals do not overlap"


@pytest.mark.parametrize("polarity, values, expected", [
    ("lower_is_better", VALUES, "increasing and getting worse"),
    ("higher_is_better", VALUES, "increasing and getting better"),
    ("lower_is_better", VALUES[::-1], "decreasing and getting better"),
    ("higher_is_better", VALUES[::-1], "decreasing and getting worse"),
    (None, VALUES[::-1], "decreasing"),
    ("no_judgement", VALUES, "increasing"),
])
def test_interval_trend_polarity(polarity, values, expected):
    lower, upper = _limits(values, 1.0)
    assert interval_trend(values, lower, upper, polarity=polarity).loc[0, "trend"] == expected


def test_interval_trend_overlapping_or_touching_intervals_claim_nothing():
    # half-width 2.5: [57.5, 62.5] and [61.5, 66.5] overlap
    lower, upper = _limits(VALUES, 2.5)
    out = interval_trend(VALUES, lower, upper, polarity="higher_is_better").iloc[0]
    assert out["trend"] == "no significant change"
    assert "does not prove" in out["reason"]
    # half-width 2: [58, 62] and [62, 66] touch at 62: overlapping, not significant
    lower, upper = _limits(VALUES, 2.0)
    assert interval_trend(VALUES, lower, upper).loc[0, "trend"] == "no significant change"


def test_interval_trend_compares_only_the_last_five_and_only_their_ends():
    # Seven periods; the first two (100, 0) are outside the span. The middle of the span
    # (a wild 90 with a wide interval) does not enter the comparison of 60 with 64.
    values = [100.0, 0.0, 60.0, 90.0, 62.0, 63.0, 64.0]
    lower, upper = _limits(values, 1.0)
    out = interval_trend(values, lower, upper).iloc[0]
    assert (out["trend"], out["period_from"], out["period_to"]) == ("increasing", 2, 6)
    # Rows are sorted by period: the same series shuffled gives the same answer.
    order = [3, 0, 6, 1, 5, 2, 4]
    shuffled = interval_trend([values[i] for i in order], [lower[i] for i in order],
                              [upper[i] for i in order], period=[2010 + i for i in order])
    assert shuffled.loc[0, "trend"] == "increasing"
    assert shuffled.loc[0, "period_from"] == 2012


def test_interval_trend_without_limits_or_points_says_so():
    nan = np.nan
    out = interval_trend(VALUES, [nan] * 5, [nan] * 5).iloc[0]
    assert out["trend"] == NO_INTERVAL == "no interval: not tested"
    assert out["difference"] == pytest.approx(4.0)
    # A missing limit between the ends does not matter; one at an end does.
    lower, upper = _limits(VALUES, 1.0)
    assert interval_trend(VALUES, [*lower[:2], nan, *lower[3:]], upper).loc[0, "trend"] \
        == "increasing"
    assert interval_trend(VALUES, [*lower[:4], nan], upper).loc[0, "trend"] == NO_INTERVAL
    few = interval_trend(VALUES[:4], lower[:4], upper[:4]).iloc[0]
    assert (few["trend"], few["reason"]) == ("could not be calculated",
                                             "fewer than 5 data points (4)")


@pytest.mark.parametrize("args, message", [
    ({"value": [1, 2], "lower": [2, 1], "upper": [1, 3]}, "lower limit above upper limit at "
                                                          "position 0"),
    ({"value": [1, 2], "lower": [0], "upper": [2, 3]}, "give one of each per period"),
    ({"value": [1, 2], "lower": [0, 1], "upper": [2, 3], "polarity": "up"}, "polarity"),
    ({"value": [1, 2], "lower": [0, 1], "upper": [2, 3], "points": 1}, "at least 2"),
    ({"value": [1, 2], "lower": [0, 1], "upper": [2, 3], "period": [1, 1]}, "repeated"),
    ({"value": [1, 2], "lower": [0, 1], "upper": [2, 3], "confidence": 95}, "confidence"),
])
def test_interval_trend_validates_first(args, message):
    with pytest.raises(StatsInputError, match=message):
        interval_trend(**args)
