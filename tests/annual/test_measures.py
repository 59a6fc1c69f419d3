"""The measures at a glance and the data appendix."""

import pytest

from thlib import vocabulary
from thlib.annual import appendix, at_a_glance
from thlib.annual.measures import compared
from thlib.errors import ParameterError
from thlib.indicators import frameworks


@pytest.fixture(scope="module")
def plan():
    return frameworks()["tower-hamlets-plan-2018-2023"]


def test_at_a_glance_has_every_borough_measure_as_numbers_and_labels(plan):
    table = at_a_glance(plan)
    assert len(table) == len(plan.indicators())
    overcrowded = table.set_index("indicator").loc["overcrowded-households"]
    # 15.9% in Tower Hamlets against 11.1% in London (TS052): worse, as a label, not a symbol
    assert overcrowded["london_significance"] == "worse"
    assert round(overcrowded["london_value"], 1) == 11.1
    assert round(overcrowded["value"], 1) == 15.9
    assert table["theme"].nunique() == 4
    text = table.drop(columns=["value", "london_value", "england_value", "decimals",
                               "confidence", "target_value"]).astype(str)
    for symbol in "▲▼●△▽○✓✗":
        assert not text.apply(lambda col, s=symbol: col.str.contains(s)).any().any()


def test_at_a_glance_is_written_with_the_vocabulary(plan):
    from thlib.annual.report import glance_text

    row = at_a_glance(plan).set_index("indicator").loc["overcrowded-households"]
    assert glance_text(row)["london"] == "11.1% (▼ worse)"


def test_appendix_has_a_row_per_measure_and_area_with_source_and_licence(plan):
    table = appendix(plan)
    assert len(table) >= 20
    assert {"value", "lower", "upper", "comparator", "significance", "trend", "source",
            "licence"} <= set(table.columns)
    ward = table[(table["indicator"] == "overcrowded-households")
                 & (table["area_type"] == "ward")]
    assert len(ward) == 20 and set(ward["comparator"]) == {"Tower Hamlets"}
    assert table["licence"].str.startswith("OGL").all()
    assert set(table["confidence"]) == {0.95}  # every shipped indicator's level
    borough = table[(table["indicator"] == "crime-rate") & (table["area_type"] == "borough")]
    assert borough["trend"].iloc[0] in vocabulary.TRENDS  # a label, not words with periods
    # Two 12-month windows of crime: too few periods for a trend, so no span.
    assert borough["trend_to"].iloc[0] is None


def test_compared_refuses_an_unknown_benchmark():
    with pytest.raises(ParameterError, match="unknown benchmark 'londn'; use one of borough"):
        compared("crime-rate", "londn")
