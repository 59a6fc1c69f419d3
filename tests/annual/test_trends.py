"""What changed in each theme, and the trend chart's data, against the raw series."""

import csv
from pathlib import Path

import pandas as pd

from thlib.annual.report import what_changed
from thlib.indicators.summary import progress, trend_frame

SERIES = Path(__file__).parents[2] / "data" / "open-data" / "timeseries"


def test_progress_takes_the_change_then_a_tested_trend():
    # Hand-worked: a judged change decides; otherwise a judged trend; otherwise not tested.
    table = pd.DataFrame({
        "change": ["better", "worse", "similar", "no earlier period", "not compared",
                   "higher", "method changed", "no earlier period"],
        "trend": ["decreasing and getting worse", "too few periods", "too few periods",
                  "increasing and getting better", "no interval: not tested",
                  "no significant change", "decreasing and getting worse",
                  "too few periods"]})
    assert progress(table).tolist() == ["better", "worse", "similar", "better",
                                        "not compared", "similar", "worse", "not compared"]


def test_what_changed_lists_improved_and_worsened_and_counts_the_rest():
    rows = pd.DataFrame({
        "title": ["Adult obesity", "Employment rate", "Anxiety", "Pay", "Smoking", "Census"],
        "change": ["better", "worse", "worse", "similar", "not compared",
                   "no earlier period"],
        "trend": ["no significant change"] * 3 + ["increasing and getting better",
                                                   "no interval: not tested",
                                                   "too few periods"]})
    text = what_changed(rows)
    assert "- **Improved:** Adult obesity\n" in text
    assert "- **Worsened:** Employment rate; Anxiety\n" in text
    assert "- **No significant change:** 1 measure\n" in text
    assert "- **Not tested:** 2 measures (" in text


def test_what_changed_says_none_when_nothing_improved():
    rows = pd.DataFrame({"title": ["A"], "change": ["similar"], "trend": ["too few periods"]})
    assert "- **Improved:** none\n" in what_changed(rows)
    assert "- **Worsened:** none\n" in what_changed(rows)


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
