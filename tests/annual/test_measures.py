"""The measures at a glance and the data appendix."""

import pytest

from thlib.annual import appendix, at_a_glance
from thlib.annual.measures import compared
from thlib.errors import ParameterError
from thlib.indicators import frameworks
from thlib.presentation import vocabulary


@pytest.fixture(scope="module")
def plan():
    return frameworks()["tower-hamlets-plan-2018-2023"]


def test_at_a_glance_has_every_borough_measure_as_numbers_and_labels(plan):
    table = at_a_glance(plan, 2025)
    assert len(table) == len(plan.indicators())
    overcrowded = table.set_index("indicator").loc["overcrowded-households"]
    # 15.9% in Tower Hamlets against 11.1% in London (TS052): worse, as a label, not a symbol
    assert overcrowded["london_significance"] == "worse"
    assert round(overcrowded["london_value"], 1) == 11.1
    assert round(overcrowded["value"], 1) == 15.9
    assert table["theme"].nunique() == 4
    text = table.drop(columns=["value", "london_value", "england_value", "decimals",
                               "confidence", "target_value", "neighbours_mean"]).astype(str)
    for symbol in "▲▼●△▽○✓✗":
        assert not text.apply(lambda col, s=symbol: col.str.contains(s)).any().any()


def test_at_a_glance_is_written_with_the_vocabulary(plan):
    from thlib.annual.report import glance_text

    table = at_a_glance(plan, 2025).set_index("indicator")
    text = glance_text(table.loc["overcrowded-households"])
    assert text["london"] == "11.1% (▼ worse)"
    assert text["period"] == "2021 (out of date)"  # Census 2021 ended 4 years before 2025
    employment = glance_text(table.loc["employment-rate-aps"])
    assert employment["period"] == "2023"  # 2 years before 2025: not out of date
    assert employment["rank"] == "31st of 32 (Q4)"  # see tests/indicators/test_peers.py


@pytest.fixture(scope="module")
def table(plan):
    return appendix(plan, 2025)


def test_appendix_has_a_row_per_measure_area_and_period_with_source_and_licence(table):
    # the columns issue 10 asks for, in its order
    assert list(table.columns[:20]) == [
        "indicator", "title", "area_type", "area_code", "area_name", "period", "value",
        "lower", "upper", "count", "denominator", "unit", "comparator", "significance",
        "trend", "london_rank", "london_boroughs_ranked", "out_of_date", "source", "licence"]
    ward = table[(table["indicator"] == "overcrowded-households")
                 & (table["area_type"] == "ward")]
    assert len(ward) == 20 and set(ward["comparator"]) == {"Tower Hamlets"}
    assert table["licence"].str.startswith("OGL").all()
    assert set(table["confidence"]) == {0.95}  # every shipped indicator's level
    borough = table[(table["indicator"] == "crime-rate") & (table["area_type"] == "borough")]
    assert borough["trend"].dropna().isin(vocabulary.TRENDS).all()  # labels, not words


def test_appendix_holds_every_period_of_a_series(table):
    # KS2 expected standard: 2018/19 and 2021/22 to 2024/25 for Tower Hamlets (README 5.2)
    ks2 = table[(table["indicator"] == "ks2-expected-standard-rwm")
                & (table["area_type"] == "borough")]
    assert ks2["period"].tolist() == ["2018/19", "2021/22", "2022/23", "2023/24", "2024/25"]
    assert ks2["trend"].notna().tolist() == [False] * 4 + [True]  # on the latest row only


def test_appendix_marks_every_period_ending_over_three_years_before_the_report(table):
    # Periods and the year each ends, worked out by hand from their labels.
    ends = {"2021": 2021, "2023": 2023, "2024/25": 2025, "2012-14": 2014, "2025": 2025,
            "2019 (indicators mostly 2015-16)": 2019, "Apr 2025 to Mar 2026": 2026,
            "2022-24": 2024, "2014": 2014}
    known = table[table["period"].isin(ends)]
    assert len(known) > 100
    expected = (2025 - known["period"].map(ends)) > 3
    assert known["out_of_date"].tolist() == expected.tolist()


def test_appendix_ranks_tower_hamlets_among_the_london_boroughs(table):
    borough = table[table["area_type"] == "borough"]
    ranked = borough.dropna(subset=["london_rank"])
    assert ranked["indicator"].nunique() >= 15
    assert (ranked["london_boroughs_ranked"] >= 20).all()
    assert table.loc[table["area_type"] != "borough", "london_rank"].isna().all()


def test_compared_refuses_an_unknown_benchmark():
    with pytest.raises(ParameterError, match="unknown benchmark 'londn'; use one of borough"):
        compared("crime-rate", "londn")
