"""The one vocabulary: every label calculation returns has its symbol and words."""

import numpy as np
import pandas as pd
import pytest

from thlib import stats
from thlib.errors import DataError
from thlib.presentation import vocabulary
from thlib.presentation.charts.significance import STYLES, style


def test_every_label_of_stats_compare_is_in_the_vocabulary():
    value, lower, upper = [12.0, 10.0, 8.0, 10.0], [11.0, 9.0, 7.0, np.nan], [13, 11, 9, np.nan]
    labels = set()
    for polarity in stats.POLARITIES:
        labels |= set(stats.compare(value, lower, upper, 10.0, polarity))
    assert labels == set(vocabulary.SIGNIFICANCE)
    # plus the labels of thlib.indicators.direction_of_travel (tests/indicators/test_progress.py)
    assert labels | {"up", "down", "unchanged", "no earlier period", "method changed"} \
        == set(vocabulary.CHANGES)


def test_every_label_of_stats_recent_trend_is_in_the_vocabulary():
    # rising 10% -> 50% of 1,000 a year: significant; flat 30%: not; with each polarity
    rising = [100, 200, 300, 400, 500]
    flat = [300] * 5
    seen = {"could not be calculated"}  # fewer than five points, tested in tests/stats
    for numerator in (rising, flat, rising[::-1]):
        for polarity in (None, "higher_is_better", "lower_is_better"):
            seen |= set(stats.recent_trend(numerator, [1000] * 5, polarity=polarity)["trend"])
    # plus the labels thlib.indicators.recent_trend adds (tests/indicators/test_progress.py)
    assert seen | {"up", "down", "unchanged", "too few periods"} == set(vocabulary.TRENDS)


def test_symbols_and_words_of_the_brief():
    assert [vocabulary.significance(label).text for label in vocabulary.SIGNIFICANCE] == [
        "▲ better", "● similar", "▼ worse", "△ higher", "▽ lower", "○ not compared"]
    assert vocabulary.change("worse").word == "worsened"
    assert vocabulary.change("lower").word == "fell"
    assert vocabulary.target("not met").text == "✗ not met"


def test_missing_significance_is_not_compared_and_unknown_labels_list_the_known_ones():
    for missing in (None, np.nan, "", "  "):
        assert vocabulary.significance(missing).label == "not compared"
    assert vocabulary.significance(" Worse ").label == "worse"
    with pytest.raises(DataError, match="'best' is not known; use one of 'better', 'similar'"):
        vocabulary.significance("best")
    with pytest.raises(DataError, match="trend label 'rising'.*'increasing'"):
        vocabulary.trend("rising")
    with pytest.raises(DataError, match="change label"):
        vocabulary.change("improved")  # a word, not a label
    with pytest.raises(DataError, match="target label"):
        vocabulary.target("✓ met")


def test_significance_key_says_the_levels_used():
    assert vocabulary.significance_key(0.95) == (
        "▲ better, ▼ worse, ● similar (95% confidence), △ higher, ▽ lower (no judgement), "
        "○ not compared (no interval)")
    assert "● similar (95% or 99.8% confidence)" in vocabulary.significance_key(
        [0.998, 0.95, 0.95])
    assert "(99.8% confidence)" in vocabulary.significance_key(pd.Series([0.998]).tolist())


def test_charts_take_words_and_symbols_from_the_vocabulary():
    assert list(STYLES) == list(vocabulary.SIGNIFICANCE)
    for label, term in vocabulary.SIGNIFICANCE.items():
        assert style(label).text == term.text
