"""Tests for thlib.stats.rates: crude rates (Byar's/exact) and DSRs (Dobson)."""

import numpy as np
import pytest

from thlib.errors import StatsInputError
from thlib.stats import (
    ESP2013,
    ESP2013_AGE_BANDS,
    byars_lower,
    byars_upper,
    dsr,
    exact_lower,
    exact_upper,
    rate,
)

# Published output of PHEindicatormethods::phe_rate in the package's introductory
# vignette (inst/doc/IntroductiontoPHEindicatormethods.html).
OBS = [68, 86, 18, 29, 99, 74, 8, 94]
POP = [174, 189, 179, 107, 102, 102, 155, 114]
VIGNETTE_95 = [  # phe_rate(df, obs, pop): rate per 100,000
    (39080.46, 30346.142, 49544.53),
    (45502.65, 36395.152, 56196.03),
    (10055.87, 5956.701, 15893.43),
    (27102.80, 18147.416, 38925.56),
    (97058.82, 78882.763, 118166.76),
    (72549.02, 56964.372, 91079.88),
    (5161.29, 2228.279, 10169.80),
    (82456.14, 66631.239, 100906.46),
]
VIGNETTE_998 = [  # phe_rate(df, obs, pop, confidence = 99.8, multiplier = 100)
    (39.08046, 26.042038, 56.07105),
    (45.50265, 31.822578, 62.81142),
    (10.05587, 4.259916, 19.77478),
    (27.10280, 14.132552, 46.57906),
    (97.05882, 69.665053, 131.16634),
    (72.54902, 49.230487, 102.60273),
    (5.16129, 1.271493, 13.64916),
    (82.45614, 58.634753, 112.28780),
]
VIGNETTE_METHODS = ["Byars"] * 6 + ["Exact", "Byars"]


def test_rate_matches_phe_vignette_95():
    out = rate(OBS, POP)
    expected = np.array(VIGNETTE_95)
    np.testing.assert_allclose(out[["value", "lower", "upper"]], expected, rtol=1e-6)
    assert list(out["method"]) == VIGNETTE_METHODS
    assert (out["statistic"] == "rate per 100000").all()
    assert (out["confidence"] == "95%").all()


def test_rate_matches_phe_vignette_998():
    out = rate(OBS, POP, multiplier=100, confidence=0.998)
    expected = np.array(VIGNETTE_998)
    np.testing.assert_allclose(out[["value", "lower", "upper"]], expected, rtol=1e-6)
    assert (out["statistic"] == "rate per 100").all()
    assert (out["confidence"] == "99.8%").all()


# Exact 95% Poisson limits for small counts as published in PHEindicatormethods'
# test data (tests/testthat/testdata_funnel_ratio_outputs.csv: upper_2s_exp_events is
# the exact lower limit and lower_2s_exp_events the exact upper limit of the count),
# matching standard tables (e.g. 10: 4.795 to 18.39). The R code finds them by
# bisection (to about 1e-7 in a transformed scale), hence the 1e-6 tolerance.
EXACT_95 = [
    (1, 0.025317898, 5.571644585),
    (2, 0.242209467, 7.224687515),
    (5, 1.623486324, 11.6683331),
    (9, 4.11537405, 17.08479966),
    (10, 4.795387629, 18.39035799),
]
# ... and at 99.8% (upper_3s_exp_events / lower_3s_exp_events).
EXACT_998 = [
    (3, 0.190533306, 13.06224507),
    (10, 2.960519925, 24.13397235),
]


@pytest.mark.parametrize(("x", "lower", "upper"), EXACT_95)
def test_exact_limits_95(x, lower, upper):
    assert exact_lower(x)[0] == pytest.approx(lower, rel=1e-6, abs=1e-6)
    assert exact_upper(x)[0] == pytest.approx(upper, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize(("x", "lower", "upper"), EXACT_998)
def test_exact_limits_998(x, lower, upper):
    assert exact_lower(x, 0.998)[0] == pytest.approx(lower, rel=1e-6, abs=1e-6)
    assert exact_upper(x, 0.998)[0] == pytest.approx(upper, rel=1e-6, abs=1e-6)


def test_exact_limits_closed_forms():
    # For 1 event the exact lower limit solves P(X >= 1) = 1 - exp(-L) = 0.025,
    # so L = -log(0.975) = 0.0253178080; for 0 events the upper limit solves
    # P(X <= 0) = exp(-U) = 0.025, so U = -log(0.025) = 3.6888794541.
    assert exact_lower(1)[0] == pytest.approx(-np.log(0.975), rel=1e-12)
    assert exact_upper(0)[0] == pytest.approx(-np.log(0.025), rel=1e-12)


def test_zero_count_uses_exact_limits():
    # exact upper limit for 0 events: qchisq(0.975, 2) / 2 = -log(0.025) = 3.688879
    out = rate(0, 1000, multiplier=1000)
    assert out.loc[0, "lower"] == 0
    assert out.loc[0, "upper"] == pytest.approx(-np.log(0.025), rel=1e-12)
    assert out.loc[0, "method"] == "Exact"


def test_byars_hand_calculation():
    # x = 65, z = 1.959964: 1/(9*65) = 0.0017094, z/(3*sqrt(65)) = 0.0810345
    # lower = 65 * (1 - 0.0017094 - 0.0810345)^3 = 65 * 0.9172561^3 = 65 * 0.7717413 = 50.16319
    # upper: x + 1 = 66, 1/(9*66) = 0.0016835, z/(3*sqrt(66)) = 0.0804183
    # upper = 66 * (1 - 0.0016835 + 0.0804183)^3 = 66 * 1.0787348^3 = 66 * 1.2552900 = 82.84914
    assert byars_lower(65)[0] == pytest.approx(50.16319, abs=1e-5)
    assert byars_upper(65)[0] == pytest.approx(82.84914, abs=1e-5)


def test_method_switches_at_ten():
    out = rate([9, 10], 1, multiplier=1)
    assert list(out["method"]) == ["Exact", "Byars"]
    # 9 events: exact limits from PHEindicatormethods' test data (EXACT_95 above).
    assert out.loc[0, "lower"] == pytest.approx(4.11537405, rel=1e-6)
    # 10 events, Byar's by hand: 1/90 = 0.0111111, z/(3*sqrt(10)) = 1.959964/9.486833
    # = 0.2065985; lower = 10 * (1 - 0.0111111 - 0.2065985)^3 = 10 * 0.7822904^3 = 4.787450
    # (the exact limit would be 4.795388: the switch is visible in the value too)
    assert out.loc[1, "lower"] == pytest.approx(4.787450, abs=1e-6)


def test_two_confidence_levels():
    out = rate([68], [174], confidence=[0.95, 0.998], multiplier=100)
    assert out.loc[0, "lower95_0cl"] == pytest.approx(30.346142, rel=1e-6)
    assert out.loc[0, "upper99_8cl"] == pytest.approx(56.07105, rel=1e-6)


@pytest.mark.parametrize(
    ("count", "den", "message"),
    [
        ([-2], [10], "count (position 0) is -2"),
        ([2, 3], [10, 0], "denominator (position 1) is 0"),
        ([2, None], [10, 10], "count (position 1) is missing"),
        ([2, 3], [10, 10, 10], "count has 2 values but denominator has 3"),
    ],
)
def test_rate_validation(count, den, message):
    with pytest.raises(StatsInputError) as err:
        rate(count, den)
    assert message in str(err.value)


def test_rate_bad_multiplier():
    with pytest.raises(StatsInputError, match="multiplier"):
        rate(1, 10, multiplier=0)


# ---------------------------------------------------------------------- DSR


def test_esp2013_definition():
    assert len(ESP2013) == 19
    assert ESP2013.sum() == 100000
    assert ESP2013_AGE_BANDS[0] == "0-4" and ESP2013_AGE_BANDS[-1] == "90+"
    assert ESP2013[0] == 5000 and ESP2013[-1] == 1000


# PHEindicatormethods DSR vignette (inst/doc/DSR-vignette.html, "Zero deaths for a
# specific age band within a small geography"): phe_dsr(df3, dths, pop) with the
# default esp2013 gave value 8283.016, lowercl 6570.819, uppercl 10289.65.
VIGNETTE_POP = [30, 35, 35, 35, 40, 40, 45, 50, 50, 50, 60, 60, 70, 75, 70, 60, 20, 20, 15]
VIGNETTE_DEATHS = [1, 1, 0, 0, 0, 1, 1, 3, 3, 3, 3, 10, 10, 10, 10, 8, 8, 8, 8]


def test_dsr_matches_phe_vignette():
    out = dsr(VIGNETTE_DEATHS, VIGNETTE_POP)
    assert len(out) == 1
    assert out.loc[0, "value"] == pytest.approx(8283.016, rel=1e-6)
    assert out.loc[0, "lower"] == pytest.approx(6570.819, rel=1e-6)
    assert out.loc[0, "upper"] == pytest.approx(10289.65, rel=1e-6)
    assert out.loc[0, "total_count"] == 88
    assert out.loc[0, "total_pop"] == 860
    assert out.loc[0, "method"] == "Dobson"
    assert out.loc[0, "statistic"] == "dsr per 100000"
    assert out.loc[0, "note"] == ""


def test_dsr_hand_calculation_custom_standard():
    # Two bands: counts 20, 30; populations 1000, 2000; standard 60000, 40000.
    # value = (20*60000/1000 + 30*40000/2000) / 100000 * 100000 = 1200 + 600 = 1800
    # var   = (20*60^2 + 30*20^2) / 100000^2 = 84000 / 1e10 = 8.4e-6
    # O = 50; sqrt(var / O) = sqrt(1.68e-7) = 4.0987803e-4
    # Byar's lower(50) = 50 * (1 - 1/450 - z/(3*sqrt(50)))^3 = 50 * 0.9053842^3 = 37.108100
    # Byar's upper(50) = 51 * (1 - 1/459 + z/(3*sqrt(51)))^3 = 65.920157
    # lower = 1800 + 4.0987803e-4 * (37.108100 - 50) * 1e5 = 1271.5894
    # upper = 1800 + 4.0987803e-4 * (65.920157 - 50) * 1e5 = 2452.5322
    out = dsr([20, 30], [1000, 2000], standard_population=[60000, 40000])
    assert out.loc[0, "value"] == pytest.approx(1800, rel=1e-12)
    assert out.loc[0, "lower"] == pytest.approx(1271.5894, abs=1e-3)
    assert out.loc[0, "upper"] == pytest.approx(2452.5322, abs=1e-3)


def test_dsr_not_calculated_below_ten():
    out = dsr([1] * 9 + [0] * 10, [100] * 19)
    assert out.loc[0, "total_count"] == 9
    assert np.isnan(out.loc[0, "value"])
    assert np.isnan(out.loc[0, "lower"]) and np.isnan(out.loc[0, "upper"])
    assert "below 10" in out.loc[0, "note"]


def test_dsr_two_levels():
    out = dsr(VIGNETTE_DEATHS, VIGNETTE_POP, confidence=[0.95, 0.998])
    assert out.loc[0, "lower95_0cl"] == pytest.approx(6570.819, rel=1e-6)
    assert out.loc[0, "upper95_0cl"] == pytest.approx(10289.65, rel=1e-6)
    # 99.8% by hand (Dobson): var = sum(x_i * (w_i / n_i)^2) / sum(w)^2 = 8.498090e-5,
    # sqrt(var / O) = 9.826963e-4 with O = 88; Byar's at z = 3.090232:
    # lower(88) = 88 * (1 - 1/792 - z/(3*sqrt(88)))^3 = 88 * 0.8889308^3 = 61.813945,
    # upper(88) = 89 * (1 - 1/801 + z/(3*sqrt(89)))^3 = 89 * 1.1079396^3 = 121.042589;
    # limits 8283.0159 + 98.26963 * (61.813945 - 88) = 5709.722 and
    #        8283.0159 + 98.26963 * (121.042589 - 88) = 11530.099
    assert out.loc[0, "lower99_8cl"] == pytest.approx(5709.722, abs=1e-3)
    assert out.loc[0, "upper99_8cl"] == pytest.approx(11530.099, abs=1e-3)
    assert out.loc[0, "confidence"] == "95%, 99.8%"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"count": [1] * 18, "population": [10] * 18}, "count has 18 values"),
        ({"count": [1] * 19, "population": [10] * 18 + [0]}, "population (position 18) is 0"),
        ({"count": [1] * 18 + [np.nan], "population": [10] * 19}, "count (position 18)"),
        ({"count": [1, 2], "population": [5, 5], "standard_population": [0, 0]}, "sums to 0"),
        (
            {"count": [1, 2], "population": [5, 5], "standard_population": [1, -1]},
            "standard_population (position 1) is -1",
        ),
    ],
)
def test_dsr_validation(kwargs, message):
    with pytest.raises(StatsInputError) as err:
        dsr(**kwargs)
    assert message in str(err.value)
