"""Tests for thlib.stats.trend (Fingertips recent trend, chi-squared test, interval test)."""

import numpy as np
import pytest

from thlib.errors import StatsInputError
from thlib.stats import chi_squared_trend, recent_trend


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
