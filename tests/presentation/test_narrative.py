"""Plain-English sentences and the 'stands out' rule, with hand-worked examples."""

import pandas as pd
import pytest

from thlib.errors import DataError
from thlib.presentation.narrative import (
    Fact,
    active_title,
    bar_chart_alt,
    bar_chart_alt_extremes,
    bestfit_sentence,
    crime_line,
    deprivation_line,
    fact_sentence,
    join_names,
    peers_sentence,
    progress_sentence,
    residents_line,
    stale_sentence,
    standout_facts,
    target_sentence,
    trend_chart_alt,
    trend_title,
)


def test_fact_sentence_is_neutral_higher_or_lower():
    fact = Fact("households rent privately", "Bow East", 31.24, "Tower Hamlets", 38.16)
    assert fact_sentence(fact) == (
        "31.2% of households rent privately, lower than in Tower Hamlets (38.2%).")
    higher = Fact("residents are Muslim", "X", 50.0, "Y", 40.0)
    assert "higher than in Y (40.0%)" in fact_sentence(higher)


def test_standout_keeps_differences_of_3_points_ordered_by_ratio():
    small = Fact("a", "X", 10.0, "Y", 12.0)  # 2 points: dropped
    double = Fact("b", "X", 8.0, "Y", 4.0)  # ratio 2
    plus_ten = Fact("c", "X", 60.0, "Y", 50.0)  # ratio 1.2
    half = Fact("d", "X", 20.0, "Y", 40.0)  # ratio 0.5, as far from 1 as 2
    ordered = standout_facts([small, plus_ten, double, half])
    assert [f.phrase for f in ordered] == ["b", "d", "c"]  # a tie keeps the given order
    assert [f.phrase for f in standout_facts([half, double])] == ["d", "b"]
    assert ordered[-1].phrase == "c" and small not in ordered
    assert len(standout_facts([double, half, plus_ten], limit=1)) == 1


def test_join_names():
    assert join_names(["a"]) == "a"
    assert join_names(["a", "b"]) == "a and b"
    assert join_names(["a", "b", "c"]) == "a, b and c"


from thlib.presentation.narrative import comparison_sentence  # noqa: E402


def test_better_and_worse_only_for_indicators_with_a_direction():
    worse = comparison_sentence("Overcrowding", "Tower Hamlets", "15.9%", "London", "11.1%",
                                "worse", higher=True, confidence=0.95)
    assert worse == ("Overcrowding in Tower Hamlets (15.9%) is significantly higher than in "
                     "London (11.1%), which is worse (95% confidence).")
    better = comparison_sentence("Crime", "A", "1", "B", "2", "better", higher=False,
                                 confidence=0.998)
    assert "significantly lower than in B (2), which is better (99.8% confidence)" in better
    neutral = comparison_sentence("Social renting", "A", "36%", "London", "23%", "higher",
                                  higher=True, confidence=0.95)
    assert "significantly higher than in London" in neutral
    assert "better" not in neutral and "worse" not in neutral


def test_similar_and_not_compared_say_so_without_judgement():
    similar = comparison_sentence("X", "A", "1", "B", "1.1", "similar", higher=False,
                                  confidence=0.95)
    assert "is similar to B" in similar and "not statistically significant" in similar
    untested = comparison_sentence("Life expectancy", "A", "78.1 years", "England",
                                   "79.5 years", "not compared", higher=False,
                                   confidence=0.95)
    assert "not tested" in untested
    for word in ("better", "worse", "significantly"):
        assert word not in untested


def test_unknown_comparison_label_is_refused():
    with pytest.raises(DataError, match="'bettter' is not known"):
        comparison_sentence("X", "A", "1", "B", "2", "bettter", higher=True, confidence=0.95)


def test_names_holding_markup_are_shown_as_text():
    fact = Fact("households rent privately", "X", 50.0, "<script>alert(1)</script>", 40.0)
    sentence = fact_sentence(fact)
    assert "<script>" not in sentence and "&lt;script&gt;" in sentence


# -- active titles ---------------------------------------------------------------------

def _shares(rows):
    return pd.DataFrame(rows, columns=["category", "name", "percent"])


def test_active_title_names_the_category_with_the_largest_gap_in_points():
    # gaps: Owned 30-35 = -5, Social 40-30 = +10, Private 30-35 = -5: Social, higher
    frame = _shares([("Owned", "Bow", 30.0), ("Owned", "TH", 35.0),
                     ("Social", "Bow", 40.0), ("Social", "TH", 30.0),
                     ("Private", "Bow", 30.0), ("Private", "TH", 35.0)])
    assert active_title(frame, "Tenure", "Bow", "TH", "households in tenure: {}") == (
        "Tenure: Bow has a higher share of households in tenure: Social than TH")


def test_active_title_says_lower_when_the_largest_gap_is_below():
    # gaps: A 10-35 = -25, B 90-70 = +20: A, lower
    frame = _shares([("A", "X", 10.0), ("A", "Y", 35.0), ("B", "X", 90.0), ("B", "Y", 70.0)])
    assert active_title(frame, "T", "X", "Y") == "T: X has a lower share of A than Y"


def test_active_title_without_the_comparator_names_the_largest_group():
    frame = _shares([("A", "X", 10.0), ("B", "X", 60.0), ("C", "X", 30.0)])
    assert active_title(frame, "Religion", "X", "London") == (
        "Religion: B is the largest group in X")


# -- text alternatives -----------------------------------------------------------------

def test_bar_chart_alt_is_short_and_names_the_area_s_largest_bar_with_its_unit():
    # Bow's largest bar is PM2.5 (32.96), though TH's largest is NO2: the area's own counts.
    frame = pd.DataFrame({"category": ["NO2", "NO2", "PM2.5", "PM2.5"],
                          "name": ["Bow", "TH", "Bow", "TH"],
                          "value": [31.04, 39.96, 32.96, 11.55]})
    alt = bar_chart_alt(frame, "Air", value="value", unit=" µg/m³")
    assert alt == "Bar chart. Air. Largest in Bow: PM2.5, 33.0 µg/m³. Values in the table below."
    assert "31.0" not in alt and "11.6" not in alt  # the other values are in the table


def test_bar_chart_alt_extremes_names_lowest_highest_and_comparator():
    alt = bar_chart_alt_extremes("Crime", ["A", "B", "C"], [5.0, 12.34, 1.5],
                                 "Tower Hamlets", 6.25, "per 1,000 residents")
    assert alt == ("Bar chart. Crime. Lowest: C 1.5 per 1,000 residents; highest: "
                   "B 12.3 per 1,000 residents; Tower Hamlets 6.2 per 1,000 residents.")


# -- what stands out -------------------------------------------------------------------

def test_residents_line_gives_the_share_of_the_borough_outside_the_borough():
    # 19,797 of 310,306: 6.38%, written 6.4%
    assert residents_line("Bethnal Green West", 19797, 100 * 19797 / 310306) == (
        "**19,797 people** lived in Bethnal Green West at the 2021 Census, 6.4% of the "
        "borough's residents.")
    assert residents_line("Tower Hamlets", 310306) == (
        "**310,306 people** lived in Tower Hamlets at the 2021 Census.")


def test_deprivation_line_rounds_to_whole_percent():
    # 7 of 12 LSOAs = 58.33%; borough 44 of 144 = 30.56%
    assert deprivation_line(100 * 7 / 12, "IoD 2025", "Tower Hamlets", 100 * 44 / 144) == (
        "**58%** of its small areas (LSOAs) are among the 20% most deprived in England "
        "(IoD 2025), against 31% across Tower Hamlets.")
    assert deprivation_line(25.0, "IoD 2019").endswith("(IoD 2019).")


def test_crime_line_rounds_rates_to_whole_offences():
    assert crime_line(1234.6, "Apr 2025 to Mar 2026", "London", 80.4) == (
        "**1,235 offences per 1,000 residents** were recorded in the last 12 months "
        "(Apr 2025 to Mar 2026), against 80 in London.")


def test_bestfit_sentence_names_the_worst_ward_and_the_borough_range():
    mine = pd.DataFrame({"name": ["A", "B"], "percent_difference": [0.4, -2.26]})
    every = pd.DataFrame({"name": ["A", "B", "C", "D"],
                          "percent_difference": [0.4, -2.26, 5.01, -0.1]})
    assert bestfit_sentence(mine, every) == (
        "Measured on Census 2021 usual residents, where true ward counts exist (TS022), the "
        "best-fit sum for A and B is off by +0.4%, -2.3% (largest: B). Across the 4 wards the "
        "error runs from -2.3% (B) to +5.0% (C): read LSOA-based ward figures as approximate.")


# -- measures' change: hand-worked sentences ---------------------------------------------


def _series(area_values, comparator_values, periods=("2019", "2020", "2021")):
    rows = []
    for period, a, c in zip(periods, area_values, comparator_values, strict=True):
        rows += [("Tower Hamlets", period, a), ("London", period, c)]
    return pd.DataFrame(rows, columns=["name", "period", "value"])


def test_trend_title_is_active_only_when_one_side_in_every_period():
    below = _series([50.0, 52.0, 54.0], [60.0, 60.0, 60.0])
    assert trend_title("Employment rate", below, "Tower Hamlets", "London") == (
        "Employment rate: Tower Hamlets below London in every period, 2019 to 2021")
    above = _series([61.0, 62.0, 60.5], [60.0, 60.0, 60.0])
    assert trend_title("Pay", above, "Tower Hamlets", "London") == (
        "Pay: Tower Hamlets above London in every period, 2019 to 2021")
    crossing = _series([50.0, 60.0, 64.0], [60.0, 60.0, 60.0])  # equal in 2020
    assert trend_title("Pay", crossing, "Tower Hamlets", "London", ["England"]) == (
        "Pay, Tower Hamlets, London and England, 2019 to 2021")


def test_trend_title_ignores_periods_without_both_values():
    frame = _series([50.0, 52.0, 54.0], [float("nan"), 60.0, 61.0])
    assert trend_title("Rate", frame, "Tower Hamlets", "London") == (
        "Rate: Tower Hamlets below London in every period, 2020 to 2021")
    assert trend_title("Rate", frame.iloc[:2], "Tower Hamlets", "London") == (
        "Rate, Tower Hamlets and London, 2019 to 2019")


def test_trend_chart_alt_gives_the_area_s_first_and_last_values_only():
    frame = _series([53.2, 57.25], [68.1, 68.0], periods=("2004", "2005"))
    frame = frame.sort_values("name", ascending=False, kind="stable")
    assert trend_chart_alt("T", frame, "%") == (
        "Line chart. T. Tower Hamlets: 53.2% in 2004, 57.2% in 2005. "
        "Values in the table below.")


def test_progress_sentence_says_periods_method_and_p_value_or_why_not_tested():
    tested = {"value": 66.2, "change": "similar", "change_from": "2022",
              "change_difference": -6.6, "change_p_value": 0.1282,
              "change_method": "z-test", "change_reason": None, "trend": "decreasing",
              "trend_from": "2019", "trend_to": "2023", "trend_method": "regression",
              "trend_difference": -4.0, "trend_p_value": 0.0004, "trend_reason": None}
    assert progress_sentence(tested, "%") == (
        "Since 2022: no significant change, down 6.6 points to 66.2% (z-test, p = 0.13). "
        "Over the last five comparable periods, 2019 to 2023: decreasing (regression, "
        "p < 0.001).")
    described = {**tested, "change": "down", "change_p_value": float("nan"),
                 "change_reason": "a complete count", "trend": "down",
                 "trend_p_value": float("nan"), "trend_reason": "a complete count"}
    assert progress_sentence(described, "%") == (
        "Since 2022: down 6.6 points to 66.2% (not tested: a complete count). Over the last "
        "five comparable periods, 2019 to 2023: down 4.0 points (not tested: a complete "
        "count).")
    restarts = {"change": "method changed", "change_from": None,
                "change_reason": "the series restarts at 2021-23 (method change)",
                "trend": "too few periods", "trend_from": None}
    assert progress_sentence(restarts, "years") == (
        "The series restarts at 2021-23 (method change): no change or trend to report.")


def test_peers_sentence_rank_quartile_and_neighbours():
    assert peers_sentence("Tower Hamlets", "2025", 7, 32, 1, "best_first", "£792",
                          "ONS similar areas") == (
        "In 2025 Tower Hamlets had the 7th highest value of 32 London boroughs, in the best "
        "quarter; its statistical neighbours' average was £792 (ONS similar areas).")
    assert peers_sentence("Tower Hamlets", "2022", 3, 33, 2, "highest_first", None, None) == (
        "In 2022 Tower Hamlets had the 3rd highest value of 33 London boroughs, in the "
        "second-highest quarter.")
    assert peers_sentence("Tower Hamlets", "2025", 32, 32, 1, "best_first", None, None) == (
        "In 2025 Tower Hamlets had the lowest value of 32 London boroughs, in the best quarter.")
    assert peers_sentence("Tower Hamlets", "2022", None, None, None, None, "9.9%", "DfE") == (
        "In 2022 the average of the statistical neighbours of Tower Hamlets was 9.9% (DfE).")


def test_target_and_stale_sentences():
    assert target_sentence("met", "70.0%", 2030) == "Target: 70.0% by 2030 (✓ met)."
    assert target_sentence("none set", None, None) == ""
    assert stale_sentence("2012/13", 2025, 3) == (
        "The latest value (2012/13) is out of date: it ends more than 3 years before 2025.")


def test_bar_chart_alt_when_the_area_has_no_value():
    import numpy as np

    from thlib.presentation.narrative import bar_chart_alt

    frame = pd.DataFrame({"category": ["Owned", "Owned"], "name": ["Bow", "Borough"],
                          "percent": [np.nan, 25.0]})
    assert bar_chart_alt(frame, "Tenure") == "Bar chart. Tenure. Values in the table below."
