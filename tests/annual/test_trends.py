"""What changed in each theme, and the trend chart's data, against the raw series."""

import csv
from pathlib import Path

import pandas as pd

from thlib.annual.report import what_changed
from thlib.indicators.summary import progress, trend_frame

SERIES = Path(__file__).parents[2] / "data" / "open-data" / "timeseries"


def test_progress_takes_the_change_then_a_tested_trend_then_a_description():
    # Hand-worked: a judged change decides; otherwise a judged trend; otherwise a change said
    # without judgement (not tested, or no direction) is described; otherwise nothing.
    table = pd.DataFrame({
        "change": ["better", "worse", "similar", "no earlier period", "up",
                   "higher", "method changed", "no earlier period", "not compared"],
        "trend": ["decreasing and getting worse", "too few periods", "too few periods",
                  "increasing and getting better", "down",
                  "no significant change", "decreasing and getting worse",
                  "too few periods", "too few periods"]})
    assert progress(table).tolist() == ["better", "worse", "similar", "better", "described",
                                        "similar", "worse", "not compared", "not compared"]


def test_what_changed_names_improved_worsened_and_described_and_counts_the_rest():
    rows = pd.DataFrame({
        "title": ["Adult obesity", "Employment rate", "Anxiety", "Pay", "Claimants", "Census"],
        "unit": ["%", "%", "out of 10", "£", "%", "%"], "decimals": [1, 1, 2, 0, 1, 1],
        "change": ["better", "worse", "worse", "higher", "up", "no earlier period"],
        "change_from": ["2023/24", "2022", "2021/22", "2024", "2024", None],
        "change_difference": [-5.2, -6.6, 0.64, 40.0, 0.8, None],
        "trend": ["no significant change"] * 3 + ["no significant change", "down",
                                                   "too few periods"]})
    text = what_changed(rows)
    assert "- **Improved:** Adult obesity\n" in text
    assert "- **Worsened:** Employment rate; Anxiety\n" in text
    # Pay rose (tested, in cash terms: no judgement), but its trend showed no significant
    # change, so it counts there; the claimant rate rose 0.8 points, not tested.
    assert "- **No significant change:** 1 measure\n" in text
    assert ("- **Changed, not judged better or worse:** Claimants: up 0.8 points since 2024 "
            "(not tested)\n") in text
    assert "- **Nothing to compare:** 1 measure (" in text


def test_trend_frame_holds_every_tower_hamlets_period_of_the_raw_series():
    with open(SERIES / "employment_rate_16_64_aps_ons.csv", newline="", encoding="utf-8") as f:
        raw = {row["period"]: float(row["value"]) for row in csv.DictReader(f)
               if row["area_code"] == "E09000030"}
    frame = trend_frame("employment-rate-aps")
    borough = frame[frame["name"] == "Tower Hamlets"]
    assert borough["period"].tolist() == sorted(raw)  # calendar years: oldest first
    assert dict(zip(borough["period"], borough["value"], strict=True)) == raw
    assert borough["period_index"].tolist() == list(range(len(raw)))
    assert set(frame["name"]) == {"Tower Hamlets", "London", "England"}


def test_trend_frame_is_empty_for_a_single_period_measure():
    assert trend_frame("overcrowded-households").empty
