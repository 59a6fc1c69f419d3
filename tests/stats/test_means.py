"""Tests for thlib.stats.means (Student's t intervals)."""

import numpy as np
import pytest

from thlib.errors import StatsInputError
from thlib.stats import mean

OBS = [68, 86, 18, 29, 99, 74, 8, 94]


def test_matches_phe_vignette():
    # PHEindicatormethods introductory vignette: phe_mean(df, obs) printed
    # value 59.5, lowercl 29.45637, uppercl 89.54363.
    out = mean(OBS)
    assert out.loc[0, "value"] == 59.5
    assert out.loc[0, "lower"] == pytest.approx(29.45637, rel=1e-6)
    assert out.loc[0, "upper"] == pytest.approx(89.54363, rel=1e-6)
    assert out.loc[0, "n"] == 8
    assert out.loc[0, "method"] == "Student's t-distribution"


def test_matches_phe_vignette_998_group():
    # Same vignette, year 2015 group (68, 86, 18, 29) at 99.8%: value_sum 201,
    # value_count 4, stdev 32.1, value 50.2, lowercl -114, uppercl 214 (3 s.f.).
    out = mean([68, 86, 18, 29], confidence=0.998)
    assert out.loc[0, "sum"] == 201
    assert out.loc[0, "n"] == 4
    assert out.loc[0, "sd"] == pytest.approx(32.1, abs=0.05)
    assert out.loc[0, "value"] == pytest.approx(50.25)
    assert out.loc[0, "lower"] == pytest.approx(-114, abs=0.5)
    assert out.loc[0, "upper"] == pytest.approx(214, abs=0.5)
    assert out.loc[0, "confidence"] == "99.8%"


def test_hand_calculation():
    # values 2, 4, 6: mean 4, sd = sqrt(((-2)^2 + 0 + 2^2) / 2) = 2,
    # t(0.975, 2 df) = 4.303 (standard t table), half-width = 4.303 * 2 / sqrt(3) = 4.968
    out = mean([2, 4, 6])
    assert out.loc[0, "sd"] == pytest.approx(2)
    assert out.loc[0, "lower"] == pytest.approx(4 - 4.303 * 2 / np.sqrt(3), abs=1e-3)
    assert out.loc[0, "upper"] == pytest.approx(4 + 4.303 * 2 / np.sqrt(3), abs=1e-3)


def test_two_levels():
    # As test_hand_calculation, with t(0.999, 2 df) = 22.327 (standard t table):
    # 4 -/+ 22.327 * 2 / sqrt(3) = 4 -/+ 25.781 -> -21.781 to 29.781
    out = mean([2, 4, 6], confidence=[0.95, 0.998])
    assert out.loc[0, "lower95_0cl"] == pytest.approx(4 - 4.303 * 2 / np.sqrt(3), abs=1e-3)
    assert out.loc[0, "lower99_8cl"] == pytest.approx(4 - 22.327 * 2 / np.sqrt(3), abs=1e-3)
    assert out.loc[0, "upper99_8cl"] == pytest.approx(4 + 22.327 * 2 / np.sqrt(3), abs=1e-3)
    assert out.loc[0, "confidence"] == "95%, 99.8%"


@pytest.mark.parametrize(
    ("values", "message"),
    [([1], "at least 2"), ([1, np.nan, 3], "values (position 1) is missing"), ([], "at least 2")],
)
def test_validation(values, message):
    with pytest.raises(StatsInputError) as err:
        mean(values)
    assert message in str(err.value)
