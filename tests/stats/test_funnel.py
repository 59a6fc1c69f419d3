"""Tests for thlib.stats.funnel (funnel plot control limits)."""

import numpy as np
import pytest
from scipy.stats import chi2

from thlib.errors import StatsInputError
from thlib.stats import funnel_limits

# PHEindicatormethods test data tests/testthat/testdata_funnel_prop_outputs.csv
# (phe_funnels on the package's PCT test inputs, multiplier 100): baseline 80.642448 %
# and limits at selected populations:
# Population, Lower2s0025limit, Upper2s0025limit, Lower3s0001limit, Upper3s0001limit
PHE_PROPORTION_ROWS = [
    (1, 3.204264, 100, 0, 100),
    (3, 35.933491, 100, 10.150815, 100),
    (18, 62.390093, 98.894803, 51.864359, 100),
    (41, 68.548635, 92.73626, 61.574398, 99.710497),
    (1008, 78.203374, 83.081521, 76.796814, 84.488082),
    (110000, 80.408963, 80.875933, 80.274317, 81.010578),
]


def test_proportion_limits_match_phe_test_data():
    rows = np.array(PHE_PROPORTION_ROWS, dtype=float)
    out = funnel_limits(rows[:, 0], 80.642448, "proportion", multiplier=100)
    # the baseline is printed to 8 significant figures, so allow 1e-5 percentage points
    np.testing.assert_allclose(out["lower_95"], rows[:, 1], atol=1e-5)
    np.testing.assert_allclose(out["upper_95"], rows[:, 2], atol=1e-5)
    np.testing.assert_allclose(out["lower_998"], rows[:, 3], atol=1e-5)
    np.testing.assert_allclose(out["upper_998"], rows[:, 4], atol=1e-5)
    assert (out["target"] == 80.642448).all()
    assert (out["method"] == "Wilson").all()


def test_proportion_hand_calculation():
    # target 0.5, n = 100: 0.5 +/- 1.959964 * sqrt(0.25 / 100) = 0.5 +/- 0.0979982
    out = funnel_limits([100], 0.5)
    assert out.loc[0, "lower_95"] == pytest.approx(0.4020018, abs=1e-7)
    assert out.loc[0, "upper_95"] == pytest.approx(0.5979982, abs=1e-7)


# PHEindicatormethods test data tests/testthat/testdata_funnel_ratio_outputs.csv
# (ISR funnels, target 100): for 10 observed events the 95% lower limit ratio is
# 54.3763205 at 18.39035799 expected events and the upper 208.5337156 at 4.795387629;
# at 99.8% 41.43536693 at 24.13397235 and 337.778507 at 2.960519925.
# (R finds these by bisection to about 1e-7, hence rtol 1e-6.)
def test_ratio_limits_match_phe_test_data():
    out = funnel_limits(
        [18.39035799, 4.795387629, 24.13397235, 2.960519925], 100, "ratio", multiplier=100
    )
    assert out.loc[0, "lower_95"] == pytest.approx(54.3763205, rel=1e-6)
    assert out.loc[1, "upper_95"] == pytest.approx(208.5337156, rel=1e-6)
    assert out.loc[2, "lower_998"] == pytest.approx(41.43536693, rel=1e-6)
    assert out.loc[3, "upper_998"] == pytest.approx(337.778507, rel=1e-6)
    assert (out["method"] == "Poisson").all()


def test_rate_limits_match_phe_test_data():
    # testdata_funnel_rate_outputs.csv (dsr per 100,000, baseline 116.1720835, 3 years):
    # Events 10: lower_2s_population_1_year 5276.757672, lower_2s_limit 63.17010446;
    # Events 20: upper_2s_population_1_year 3505.293872, upper_2s_limit 190.1885237.
    # The populations are per year for 3 years of data (18.39035799 expected events, the
    # exact upper 95% limit of 10, / 116.1720835e-5 / 5276.757672 = 3.000), so the
    # denominators (person-years) are 3 x those populations.
    out = funnel_limits([3 * 5276.757672, 3 * 3505.293872], 116.1720835, "rate", multiplier=100000)
    assert out.loc[0, "lower_95"] == pytest.approx(63.17010446, rel=1e-6)
    assert out.loc[1, "upper_95"] == pytest.approx(190.1885237, rel=1e-6)


def test_poisson_limits_are_exact_interval_inversions():
    # With expected count E = qchisq(0.025, 20) / 2 (the exact lower 95% limit of 10
    # events), 10 events is exactly the upper 95% control limit.
    e = chi2.ppf(0.025, 20) / 2
    out = funnel_limits([e], 1, "ratio")
    assert out.loc[0, "upper_95"] * e == pytest.approx(10, rel=1e-10)


def test_limits_narrow_with_denominator():
    out = funnel_limits([10, 100, 1000, 10000], 20, "rate", multiplier=1000)
    width = out["upper_95"] - out["lower_95"]
    assert (np.diff(width) < 0).all()
    assert (out["lower_998"] <= out["lower_95"]).all()
    # At n = 10 the expected count is 0.2: even 0 events is not significantly low
    # (P(X = 0) = exp(-0.2) = 0.82 > 0.025), so the lower limits are exactly 0.
    assert out.loc[0, "lower_95"] == 0 and out.loc[0, "lower_998"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([10, 0], 0.5), "denominator (position 1) is 0"),
        (([10], 1.5), "target is 1.5"),
        (([10], 0, "rate"), "a rate target must be greater than 0"),
        (([10], 0.5, "mean"), "statistic is 'mean'"),
        (([10], "x"), "target is 'x'"),
    ],
)
def test_validation(args, message):
    with pytest.raises(StatsInputError) as err:
        funnel_limits(*args)
    assert message in str(err.value)
