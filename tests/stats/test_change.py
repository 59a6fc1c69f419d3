"""Tests for thlib.stats.change: change between two periods, and the weighted trend.

Expected values come from published worked examples, from statsmodels (the function and
its arguments are named in each test) and from hand calculations written out here.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm
from statsmodels.regression.linear_model import WLS

# The modules, not their test_* functions, so that pytest does not collect those as tests.
from statsmodels.stats import proportion as smp
from statsmodels.stats import rates as smr
from statsmodels.stats.meta_analysis import combine_effects

from thlib.errors import StatsInputError
from thlib.stats import (
    change_from_intervals,
    change_in_proportions,
    change_in_rates,
    weighted_trend,
)

Z95 = norm.ppf(0.975)  # 1.959964

COMMON_KEYS = ["statistic", "p_value", "significant", "direction", "difference", "lower",
               "upper"]
LABEL_KEYS = ["confidence", "level", "method", "reason"]


# --- change_from_intervals ----------------------------------------------------------------


def test_intervals_altman_bland_worked_example():
    # Altman & Bland (2003) BMJ 326:219: relative risks 0.67 (0.46 to 0.98), under 60, and
    # 0.88 (0.71 to 1.08), 60 and over (Torgerson & Bell-Syer 2001). On the log scale they
    # give d = log(0.67) - log(0.88) = -0.2726, SE(d) = 0.2206, z = -1.24 (not significant).
    # Our d is to - from, so "from" is the 60-and-over group.
    out = change_from_intervals(0.88, 0.71, 1.08, 0.67, 0.46, 0.98, scale="log")
    assert out["difference"] == pytest.approx(-0.2726, abs=5e-5)
    assert out["standard_error"] == pytest.approx(0.2206, abs=5e-5)
    assert out["statistic"] == pytest.approx(-1.24, abs=5e-3)
    assert out["significant"] is False and out["direction"] == "none"
    # By hand from the published d and SE: ratio exp(-0.2726) = 0.7614, 95% interval
    # exp(-0.2726 -/+ 1.96 * 0.2206) = exp(-0.7050) to exp(0.1598) = 0.4941 to 1.1733.
    assert out["ratio"] == pytest.approx(0.67 / 0.88, rel=1e-12)
    assert out["ratio_lower"] == pytest.approx(0.4941, abs=5e-4)
    assert out["ratio_upper"] == pytest.approx(1.1733, abs=5e-4)
    assert out["scale"] == "log"
    assert out["method"] == ("two-sample z-test on the difference, standard errors from both "
                             "95% intervals (log scale)")


def test_intervals_auto_chooses_log_for_ratio_intervals():
    # 0.67 (0.46, 0.98): linear asymmetry |0.31 - 0.21| / 0.52 = 0.19; log asymmetry
    # |log(0.98/0.67) - log(0.67/0.46)| / log(0.98/0.46) = |0.3803 - 0.3760| / 0.7563 = 0.006.
    out = change_from_intervals(0.88, 0.71, 1.08, 0.67, 0.46, 0.98)
    assert out["scale"] == "log"


def test_intervals_survey_check():
    # 72.8 [67.2, 78.4] -> 66.2 [59.8, 72.6] (symmetric: linear).
    # se_from = 11.2 / 3.919928 = 2.85719, se_to = 12.8 / 3.919928 = 3.26537,
    # SE(d) = sqrt(8.16354 + 10.66264) = 4.33892, z = -6.6 / 4.33892 = -1.52112,
    # p = 2 * (1 - Phi(1.52112)) = 0.1282.
    out = change_from_intervals(72.8, 67.2, 78.4, 66.2, 59.8, 72.6)
    assert out["scale"] == "linear"
    assert out["difference"] == pytest.approx(-6.6, rel=1e-12)
    assert out["standard_error"] == pytest.approx(4.33892, abs=5e-5)
    assert out["statistic"] == pytest.approx(-1.5211, abs=5e-4)
    assert out["p_value"] == pytest.approx(0.1282, abs=5e-4)
    assert out["significant"] is False and out["direction"] == "none"
    assert math.isnan(out["ratio"])
    # the 95% interval of the difference: -6.6 -/+ 1.959964 * 4.33892 = -15.104 to 1.904
    assert out["lower"] == pytest.approx(-15.104, abs=1e-3)
    assert out["upper"] == pytest.approx(1.904, abs=1e-3)


def test_intervals_agree_with_statsmodels_cochran_q():
    # For two estimates, Cochran's Q of statsmodels.stats.meta_analysis.combine_effects
    # (effects, variances) is d^2 / (v1 + v2) = z^2, on 1 degree of freedom.
    se_from, se_to = 11.2 / (2 * Z95), 12.8 / (2 * Z95)
    res = combine_effects(np.array([72.8, 66.2]), np.array([se_from**2, se_to**2]))
    out = change_from_intervals(72.8, 67.2, 78.4, 66.2, 59.8, 72.6)
    assert out["statistic"] ** 2 == pytest.approx(res.q, rel=1e-10)
    assert res.df_resid == 1


def test_intervals_significant_rise_and_level():
    # 50 [48, 52] -> 55 [53, 57]: se = 4 / 3.919928 = 1.02043 each, SE(d) = 1.44312,
    # z = 5 / 1.44312 = 3.4647, p = 0.00053: significant at 95% and 99.8%, not at 99.99%.
    out = change_from_intervals(50, 48, 52, 55, 53, 57, level=0.998)
    assert out["statistic"] == pytest.approx(3.4647, abs=5e-4)
    assert out["significant"] is True and out["direction"] == "up"
    assert out["level"] == 0.998
    out = change_from_intervals(50, 48, 52, 55, 53, 57, level=0.9999)
    assert out["significant"] is False and out["direction"] == "none"


def test_intervals_other_confidence_of_inputs():
    # 99% intervals: z = 2.575829, se = 4 / 5.151659 = 0.776448; SE(d) = 1.09806,
    # z = 5 / 1.098060 = 4.5535
    out = change_from_intervals(50, 48, 52, 55, 53, 57, confidence=0.99)
    assert out["statistic"] == pytest.approx(4.5535, abs=5e-4)
    assert out["method"].endswith("99% intervals (linear scale)")


def test_intervals_keys():
    out = change_from_intervals(50, 48, 52, 55, 53, 57)
    assert list(out.index) == COMMON_KEYS + [
        "ratio", "ratio_lower", "ratio_upper", "standard_error", "scale", "value_from",
        "value_to"] + LABEL_KEYS
    assert out.name == "change"


@pytest.mark.parametrize("missing", range(6))
def test_intervals_missing_input_is_not_significant(missing):
    args = [50.0, 48.0, 52.0, 55.0, 53.0, 57.0]
    args[missing] = np.nan
    out = change_from_intervals(*args)
    names = ["value_from", "lower_from", "upper_from", "value_to", "lower_to", "upper_to"]
    assert out["significant"] is False and out["direction"] == "none"
    assert out["reason"] == f"missing: {names[missing]} (NaN or None), so nothing was tested"
    assert math.isnan(out["p_value"]) and out["scale"] is None


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((50, 52, 48, 55, 53, 57), {}, "lower_from is 52, above upper_from 48"),
        ((50, 48, 52, 55, 53, 53), {}, "lower_to and upper_to are both 53"),
        ((47, 48, 52, 55, 53, 57), {}, "value_from is 47, outside its interval 48 to 52"),
        ((50, 48, 52, 58, 53, 57), {}, "value_to is 58, outside its interval"),
        ((50, 0, 52, 55, 53, 57), {"scale": "log"}, "lower_from is 0: the log scale"),
        ((50, 48, 52, 55, 53, 57), {"scale": "logit"}, "scale is 'logit'"),
        ((50, 48, 52, 55, 53, 57), {"confidence": 95}, "confidence is 95"),
        ((50, 48, 52, 55, 53, 57), {"level": 1.5}, "level is 1.5: it must be strictly"),
        ((50, 48, 52, 55, 53, 57), {"level": [0.95, 0.998]}, "level is"),
        (("50", 48, 52, 55, 53, 57), {}, "value_from must be a number"),
        (([50, 51], 48, 52, 55, 53, 57), {}, "value_from has 2 values"),
        ((50, 48, np.inf, 55, 53, 57), {}, "upper_from .* is infinite"),
    ],
)
def test_intervals_invalid_inputs_raise(args, kwargs, message):
    with pytest.raises(StatsInputError, match=message):
        change_from_intervals(*args, **kwargs)


def test_intervals_log_refused_even_when_another_input_is_missing():
    with pytest.raises(StatsInputError, match="value_to is -1"):
        change_from_intervals(np.nan, 1, 2, -1, -2, 1, scale="log")


def test_intervals_auto_falls_back_to_linear_with_a_zero_limit():
    # a Wilson interval of 0 cases starts at 0: no log scale
    out = change_from_intervals(0.0, 0.0, 0.1, 0.05, 0.01, 0.2)
    assert out["scale"] == "linear"


# --- change_in_proportions ----------------------------------------------------------------


def test_proportions_newcombe_worked_example():
    # Newcombe (1998) Stat Med 17:873, example (a): 56/70 - 48/80 = 0.2000, method 10
    # (hybrid score, no continuity correction) gives 0.0524 to 0.3339.
    out = change_in_proportions(48, 80, 56, 70)
    assert out["difference"] == pytest.approx(0.2, rel=1e-12)
    assert out["lower"] == pytest.approx(0.0524, abs=5e-5)
    assert out["upper"] == pytest.approx(0.3339, abs=5e-5)
    assert out["significant"] is True and out["direction"] == "up"
    # Pooled z by hand: p = 104/150 = 0.693333, var = 0.693333 * 0.306667 * (1/70 + 1/80)
    # = 0.00569524, z = 0.2 / 0.0754668 = 2.65017, p = 0.00805
    assert out["statistic"] == pytest.approx(2.65017, abs=5e-5)
    assert out["p_value"] == pytest.approx(0.00805, abs=5e-5)
    assert out["proportion_from"] == 0.6 and out["proportion_to"] == 0.8


def test_proportions_match_statsmodels():
    # statsmodels: group 1 is "to", group 2 is "from", so diff = p_to - p_from.
    low, upp = smp.confint_proportions_2indep(56, 70, 48, 80, method="newcomb", compare="diff")
    z, p = smp.proportions_ztest([56, 48], [70, 80])  # pooled variance by default
    res = smp.test_proportions_2indep(56, 70, 48, 80, method="score", compare="diff",
                                      correction=False)
    out = change_in_proportions(48, 80, 56, 70)
    assert out["lower"] == pytest.approx(low, rel=1e-10)
    assert out["upper"] == pytest.approx(upp, rel=1e-10)
    assert out["statistic"] == pytest.approx(z, rel=1e-10)
    assert out["p_value"] == pytest.approx(p, rel=1e-10)
    assert out["p_value"] == pytest.approx(res.pvalue, rel=1e-10)


def test_proportions_other_confidence():
    low, upp = smp.confint_proportions_2indep(56, 70, 48, 80, method="newcomb", compare="diff",
                                              alpha=0.002)
    out = change_in_proportions(48, 80, 56, 70, confidence=0.998)
    assert (out["lower"], out["upper"]) == pytest.approx((low, upp), rel=1e-10)
    # statsmodels' lower limit is below 0 at 99.8%: not significant
    assert low < 0 and out["significant"] is False and out["direction"] == "none"
    assert out["level"] == 0.998


@settings(max_examples=200, deadline=None)
@given(
    n_from=st.integers(1, 500),
    n_to=st.integers(1, 500),
    frac_from=st.floats(0, 1),
    frac_to=st.floats(0, 1),
    confidence=st.sampled_from([0.8, 0.95, 0.99, 0.998]),
)
def test_proportions_property_against_statsmodels(n_from, n_to, frac_from, frac_to,
                                                  confidence):
    x_from, x_to = round(frac_from * n_from), round(frac_to * n_to)
    out = change_in_proportions(x_from, n_from, x_to, n_to, confidence=confidence)
    low, upp = smp.confint_proportions_2indep(x_to, n_to, x_from, n_from, method="newcomb",
                                              compare="diff", alpha=1 - confidence)
    assert out["lower"] == pytest.approx(low, abs=1e-9)
    assert out["upper"] == pytest.approx(upp, abs=1e-9)
    assert out["significant"] == bool(low > 0 or upp < 0)
    if 0 < x_from + x_to < n_from + n_to:
        z, p = smp.proportions_ztest([x_to, x_from], [n_to, n_from])
        assert out["statistic"] == pytest.approx(z, rel=1e-9, abs=1e-12)
        assert out["p_value"] == pytest.approx(p, rel=1e-9, abs=1e-12)


def test_proportions_none_in_either_period():
    # 0/10 and 0/20: no variation, so no z-test; the Newcombe interval still includes 0.
    out = change_in_proportions(0, 10, 0, 20)
    assert math.isnan(out["statistic"]) and math.isnan(out["p_value"])
    assert out["difference"] == 0 and out["lower"] < 0 < out["upper"]
    assert out["significant"] is False and "no z-test" in out["reason"]


def test_proportions_keys_and_missing():
    out = change_in_proportions(48, 80, None, 70)
    assert list(out.index) == COMMON_KEYS + ["proportion_from", "proportion_to"] + LABEL_KEYS
    assert out["significant"] is False and out["direction"] == "none"
    assert out["reason"] == "missing: count_to (NaN or None), so nothing was tested"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((-1, 80, 56, 70), {}, "count_from is -1: counts cannot be negative"),
        ((48, 80, 56.5, 70), {}, "count_to is 56.5: counts must be whole numbers"),
        ((48, 0, 56, 70), {}, "denominator_from is 0: a denominator must be greater"),
        ((48, 80, 56, 70.5), {}, "denominator_to is 70.5: a denominator must be a whole"),
        ((48, 80, 71, 70), {}, "count_to is 71, above denominator_to 70"),
        ((48, 80, 56, 70), {"confidence": 0}, "confidence is 0"),
        ((48, 80, "56", 70), {}, "count_to must be a number"),
    ],
)
def test_proportions_invalid_inputs_raise(args, kwargs, message):
    with pytest.raises(StatsInputError, match=message):
        change_in_proportions(*args, **kwargs)


# --- change_in_rates ---------------------------------------------------------------------


def test_rates_r_poisson_test_published_output():
    # R: poisson.test(x = c(2, 13), T = c(5, 5)) (output published in Cross Validated
    # question 547389): count1 = 2, expected count1 = 7.5, p-value = 0.007385,
    # 95 percent confidence interval 0.01685531 0.67955077, rate ratio 0.1538462.
    # R's first sample is our "to".
    out = change_in_rates(13, 5, 2, 5)
    assert out["statistic"] == 2 and out["expected"] == pytest.approx(7.5)
    assert out["p_value"] == pytest.approx(0.007385, abs=5e-7)
    assert out["ratio"] == pytest.approx(0.1538462, abs=5e-8)
    assert out["ratio_lower"] == pytest.approx(0.01685531, abs=5e-9)
    assert out["ratio_upper"] == pytest.approx(0.67955077, abs=5e-9)
    assert out["significant"] is True and out["direction"] == "down"
    # rates per unit of exposure: 13/5 = 2.6 -> 2/5 = 0.4
    assert out["difference"] == pytest.approx(-2.2)
    assert math.isnan(out["lower"]) and math.isnan(out["upper"])


def test_rates_robbery_check():
    # 1353 -> 1267 in the same population: n = 2620, p0 = 0.5, expected 1310.
    # Normal approximation with continuity correction: z = (43 - 0.5) / sqrt(655) = 1.6606,
    # p = 0.0968; the exact test gives about the same (p ~ 0.10), not significant.
    out = change_in_rates(1353, 317705, 1267, 317705)
    assert out["p_value"] == pytest.approx(0.0968, abs=5e-4)
    assert out["significant"] is False and out["direction"] == "none"
    assert out["ratio"] == pytest.approx(1267 / 1353)


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # statsmodels' ratio
@pytest.mark.parametrize(
    ("count_from", "exposure_from", "count_to", "exposure_to"),
    [(13, 5, 2, 5), (1353, 317705, 1267, 317705), (41, 28010, 15, 19017), (0, 100, 3, 250),
     (7, 1000, 0, 2000), (120, 5e5, 190, 6e5)],
)
def test_rates_match_statsmodels_exact_conditional_test(count_from, exposure_from, count_to,
                                                        exposure_to):
    # statsmodels.stats.rates.test_poisson_2indep(count1, exposure1, count2, exposure2,
    # method="exact-cond") tests rate1 / rate2 with count1 ~ Binomial(count1 + count2,
    # exposure1 / (exposure1 + exposure2)); it calls scipy's binomtest, two-sided by the same
    # "minimum likelihood" rule. Passing our "to" as its group 1 makes the ratios agree.
    res = smr.test_poisson_2indep(count_to, exposure_to, count_from, exposure_from,
                                  method="exact-cond")
    out = change_in_rates(count_from, exposure_from, count_to, exposure_to)
    assert out["p_value"] == pytest.approx(res.pvalue, rel=1e-12)
    # The interval: statsmodels' confint_poisson_2indep has no exact conditional method, so
    # check it through statsmodels' Clopper-Pearson interval (proportion_confint,
    # method="beta") of count_to out of the total, mapped to the ratio by hand:
    # ratio = q / (1 - q) * exposure_from / exposure_to.
    q_low, q_upp = smp.proportion_confint(count_to, count_from + count_to, alpha=0.05,
                                          method="beta")
    odds = exposure_from / exposure_to
    assert out["ratio_lower"] == pytest.approx(q_low / (1 - q_low) * odds, rel=1e-9, abs=0)
    if q_upp < 1:
        assert out["ratio_upper"] == pytest.approx(q_upp / (1 - q_upp) * odds, rel=1e-9)
    else:
        assert out["ratio_upper"] == math.inf


def test_rates_interval_close_to_statsmodels_score_interval_for_large_counts():
    # With large counts the exact interval is close to statsmodels'
    # statsmodels.stats.rates.confint_poisson_2indep(..., method="score", compare="ratio")
    # (an asymptotic method).
    low, upp = smr.confint_poisson_2indep(1267, 317705, 1353, 317705, method="score",
                                          compare="ratio")
    out = change_in_rates(1353, 317705, 1267, 317705)
    assert out["ratio_lower"] == pytest.approx(low, rel=2e-3)
    assert out["ratio_upper"] == pytest.approx(upp, rel=2e-3)


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # statsmodels' ratio
@settings(max_examples=200, deadline=None)
@given(
    count_from=st.integers(0, 400),
    count_to=st.integers(0, 400),
    exposure_from=st.floats(1, 1e6),
    exposure_to=st.floats(1, 1e6),
)
def test_rates_property_against_statsmodels(count_from, count_to, exposure_from,
                                            exposure_to):
    out = change_in_rates(count_from, exposure_from, count_to, exposure_to)
    if count_from + count_to == 0:
        assert math.isnan(out["p_value"]) and out["significant"] is False
        return
    res = smr.test_poisson_2indep(count_to, exposure_to, count_from, exposure_from,
                                  method="exact-cond")
    assert out["p_value"] == pytest.approx(res.pvalue, rel=1e-9, abs=1e-15)
    assert out["significant"] == bool(res.pvalue < 0.05)


def test_rates_zero_counts():
    # no events at all: nothing to test
    out = change_in_rates(0, 100, 0, 100)
    assert out["significant"] is False and math.isnan(out["p_value"])
    assert out["reason"] == "no events in either period, so nothing to test"
    # none before, 3 after in 2.5 times the exposure: count_to ~ Binomial(3, 250/350 = 5/7).
    # P(3) = (5/7)^3 = 0.36443, P(2) = 3 (5/7)^2 (2/7) = 0.43732, P(1) = 3 (5/7) (2/7)^2
    # = 0.17493, P(0) = (2/7)^3 = 0.02332. Two-sided p (outcomes no likelier than the one
    # observed): 0.36443 + 0.17493 + 0.02332 = 0.56268.
    out = change_in_rates(0, 100, 3, 250)
    assert out["p_value"] == pytest.approx(0.56268, abs=5e-6)
    assert out["significant"] is False
    assert out["ratio"] == math.inf and out["ratio_upper"] == math.inf


def test_rates_keys_and_missing():
    out = change_in_rates(13, 5, 2, np.nan)
    assert list(out.index) == ["statistic", "expected", "p_value", "significant",
                               "direction", "difference", "lower", "upper", "ratio",
                               "ratio_lower", "ratio_upper", "rate_from", "rate_to",
                               *LABEL_KEYS]
    assert out["significant"] is False and out["direction"] == "none"
    assert out["reason"] == "missing: exposure_to (NaN or None), so nothing was tested"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-3, 5, 2, 5), "count_from is -3: counts cannot be negative"),
        ((3, 5, 2.5, 5), "count_to is 2.5: counts must be whole numbers"),
        ((3, 0, 2, 5), "exposure_from is 0: an exposure .* must be greater than zero"),
        ((3, 5, 2, -5), "exposure_to is -5"),
    ],
)
def test_rates_invalid_inputs_raise(args, message):
    with pytest.raises(StatsInputError, match=message):
        change_in_rates(*args)


# --- weighted_trend ----------------------------------------------------------------------


def _limits(values, se):
    values, se = np.asarray(values, float), np.asarray(se, float)
    return values - Z95 * se, values + Z95 * se


def test_trend_hand_calculation_unequal_weights():
    # y = 10, 12, 15 at t = 0, 1, 2 with se = 1, 1, 2, so w = 1, 1, 0.25:
    # sum(w) = 2.25, t_bar = (0 + 1 + 0.5) / 2.25 = 2/3, y_bar = (10 + 12 + 3.75) / 2.25
    # = 11.4444; Sxx = (4/9) + (1/9) + 0.25 * (16/9) = 1;
    # Sxy = (-2/3)(-1.4444) + (1/3)(0.5556) + 0.25 (4/3)(3.5556) = 0.9630 + 0.1852 + 1.1852
    # = 2.3333, so slope = 7/3, SE = sqrt(1 / 1) = 1, z = 7/3, p = 2 (1 - Phi(2.3333))
    # = 0.01963.
    lower, upper = _limits([10, 12, 15], [1, 1, 2])
    out = weighted_trend([10, 12, 15], lower, upper, level=0.95)
    assert out["slope"] == pytest.approx(7 / 3, rel=1e-9)
    assert out["standard_error"] == pytest.approx(1.0, rel=1e-9)
    assert out["statistic"] == pytest.approx(7 / 3, rel=1e-9)
    assert out["p_value"] == pytest.approx(0.01963, abs=5e-6)
    assert out["significant"] is True and out["direction"] == "up"
    assert out["scale"] == "linear" and out["points"] == 3
    assert (out["period_from"], out["period_to"]) == (0, 2)
    # 99.8% (the default): not significant
    assert weighted_trend([10, 12, 15], lower, upper)["significant"] is False


def test_trend_matches_statsmodels_wls_fixed_scale():
    # statsmodels WLS(y, [1, t], weights=1/se^2).fit(cov_type="fixed scale") takes the
    # scale as known (1), as the method does.
    years = np.array([2018, 2019, 2020, 2021, 2022], float)
    values = np.array([20.1, 19.2, 18.8, 17.1, 16.9])
    se = np.array([0.8, 0.6, 1.1, 0.7, 0.9])
    lower, upper = _limits(values, se)
    fit = WLS(values, np.column_stack([np.ones(5), years]), weights=1 / se**2).fit(
        cov_type="fixed scale")
    out = weighted_trend(values, lower, upper, period=years, scale="linear")
    # The points scatter less than their intervals allow (statsmodels' estimated scale,
    # Q / (n - 2), is below 1), so the dispersion stays 1: the variances as known.
    estimated = WLS(values, np.column_stack([np.ones(5), years]), weights=1 / se**2).fit()
    assert estimated.scale < 1 and out["dispersion"] == 1
    assert out["slope"] == pytest.approx(fit.params[1], rel=1e-9)
    assert out["standard_error"] == pytest.approx(fit.bse[1], rel=1e-9)
    assert out["statistic"] == pytest.approx(fit.tvalues[1], rel=1e-9)
    assert out["p_value"] == pytest.approx(fit.pvalues[1], rel=1e-9)
    ci = fit.conf_int(alpha=0.002)[1]
    assert (out["lower"], out["upper"]) == pytest.approx(tuple(ci), rel=1e-9)
    assert out["direction"] == ("down" if fit.pvalues[1] < 0.002 else "none")
    assert (out["period_from"], out["period_to"]) == (2018, 2022)


def test_trend_scatter_beyond_the_intervals_widens_the_slope_s_standard_error():
    # Small intervals, points far off any line: statsmodels' WLS with its scale estimated
    # from the residuals (Q / (n - 2), above 1) gives the standard error; the p-value is
    # then from the normal distribution, as the method says.
    years = np.arange(5.0)
    values = np.array([40.0, 46.0, 41.0, 50.0, 44.0])
    se = np.array([1.0, 1.2, 0.9, 1.1, 1.0])
    lower, upper = _limits(values, se)
    fit = WLS(values, np.column_stack([np.ones(5), years]), weights=1 / se**2).fit()
    assert fit.scale > 1
    out = weighted_trend(values, lower, upper, period=years, scale="linear")
    assert out["dispersion"] == pytest.approx(fit.scale, rel=1e-9)
    assert out["standard_error"] == pytest.approx(fit.bse[1], rel=1e-9)
    assert out["p_value"] == pytest.approx(2 * norm.sf(abs(fit.params[1] / fit.bse[1])),
                                           rel=1e-9)


def test_trend_log_scale_matches_statsmodels_on_logs():
    # Rates with log-symmetric intervals: value * exp(-/+ 1.96 se); on the log scale the
    # same WLS as above, and ratio = exp(slope).
    values = np.array([310.0, 295.0, 280.0, 262.0, 250.0])
    se = np.array([0.05, 0.04, 0.05, 0.06, 0.05])
    lower, upper = values * np.exp(-Z95 * se), values * np.exp(Z95 * se)
    t = np.arange(5.0)
    fit = WLS(np.log(values), np.column_stack([np.ones(5), t]), weights=1 / se**2).fit(
        cov_type="fixed scale")
    out = weighted_trend(values, lower, upper)  # auto: these intervals are log-symmetric
    assert out["scale"] == "log"
    assert out["slope"] == pytest.approx(fit.params[1], rel=1e-9)
    assert out["standard_error"] == pytest.approx(fit.bse[1], rel=1e-9)
    assert out["p_value"] == pytest.approx(fit.pvalues[1], rel=1e-9)
    assert out["ratio"] == pytest.approx(math.exp(fit.params[1]), rel=1e-9)
    assert out["significant"] == bool(fit.pvalues[1] < 0.002)


def test_trend_sorts_by_period():
    lower, upper = _limits([10, 12, 15], [1, 1, 2])
    ordered = weighted_trend([10, 12, 15], lower, upper, period=[2019, 2020, 2021])
    shuffled = weighted_trend([15, 10, 12], lower[[2, 0, 1]], upper[[2, 0, 1]],
                              period=[2021, 2019, 2020])
    assert shuffled["slope"] == pytest.approx(ordered["slope"], rel=1e-12)
    assert (shuffled["period_from"], shuffled["period_to"]) == (2019, 2021)


def test_trend_two_points_is_the_two_sample_test_per_period():
    # With two points one period apart the slope is the difference and its z is that of
    # change_from_intervals (hand: both reduce to d / sqrt(se1^2 + se2^2)).
    out = weighted_trend([50, 55], [48, 53], [52, 57], level=0.95)
    pair = change_from_intervals(50, 48, 52, 55, 53, 57)
    assert out["slope"] == pytest.approx(5.0)
    assert out["statistic"] == pytest.approx(pair["statistic"], rel=1e-12)


def test_trend_keys_missing_and_too_few():
    lower, upper = _limits([10, 12, 15], [1, 1, 2])
    out = weighted_trend([10, np.nan, 15], lower, upper)
    assert list(out.index) == ["statistic", "p_value", "significant", "direction", "slope",
                               "lower", "upper", "standard_error", "ratio", "dispersion",
                               "points",
                               "period_from", "period_to", "scale", *LABEL_KEYS]
    assert out.name == "trend"
    assert out["significant"] is False and out["direction"] == "none"
    assert out["reason"] == ("a value or limit is missing at position(s) 1: drop those "
                             "periods or fill them in")
    out = weighted_trend([10], [9], [11])
    assert out["reason"] == "fewer than 2 points (1), so no trend"
    assert out["significant"] is False


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([1, 2], [0, 1], [2, 3, 4]), {}, "value, lower and upper have 2, 2 and 3"),
        (([1, 2], [0, 3], [2, 2.5]), {}, r"lower \(position 1\) is 3, above upper 2.5"),
        (([1, 2], [0, 2], [2, 2]), {}, r"lower and upper \(position 1\) are both 2"),
        (([1, 5], [0, 1], [2, 3]), {}, r"value \(position 1\) is 5, outside"),
        (([1, 2], [0, 1], [2, 3]), {"scale": "log"}, r"lower \(position 0\) is 0"),
        (([1, 2], [0.5, 1], [2, 3]), {"period": [2020, 2020]}, "period has repeated"),
        (([1, 2], [0.5, 1], [2, 3]), {"period": [2020]}, "period has 1 values"),
        (([1, 2], [0.5, 1], [2, 3]), {"period": [2020, None]}, r"period \(position 1\)"),
        (([1, 2], [0.5, 1], [2, 3]), {"level": 99.8}, "level is 99.8"),
        (([1, 2], [0.5, 1], [2, 3]), {"scale": "sqrt"}, "scale is 'sqrt'"),
    ],
)
def test_trend_invalid_inputs_raise(args, kwargs, message):
    with pytest.raises(StatsInputError, match=message):
        weighted_trend(*args, **kwargs)


def test_error_positions_are_kept():
    with pytest.raises(StatsInputError) as info:
        weighted_trend([1, 2, 9], [0, 1, 2], [2, 3, 4])
    assert info.value.position == 2
