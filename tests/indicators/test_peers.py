"""London ranks and statistical-neighbour comparisons, checked against the shipped files by hand.

Expected values are worked out here without thlib: the borough CSVs and the neighbours file
are read with the ``csv`` module, boroughs sorted in plain Python, quartiles taken by the PHE
formula written out below; hand-built frames test the rules one at a time.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import importlib
import math
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
import yaml

from thlib.data import data_dir, series
from thlib.errors import DataError, ParameterError
from thlib.indicators.peers import (
    DFE_NEIGHBOURS,
    DO_NOT_RANK,
    MIN_BOROUGHS,
    NOT_RANKED,
    ONS_SIMILAR_AREAS,
    PEER_COLUMNS,
    indicator_neighbours,
    indicator_peers,
    london_rank,
    neighbour_comparison,
)
from thlib.periods import Period
from thlib.presentation import formatting

BOROUGHS = "open-data/timeseries/london-boroughs"
# The module (thlib.indicators re-exports a function of the same name).
catalogue = importlib.import_module("thlib.indicators.catalogue")
TH, CITY = "E09000030", "E09000001"


def _raw(file: str) -> list[dict[str, str]]:
    with open(data_dir() / BOROUGHS / file, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> float | None:
    return None if text.strip() in ("", "NA") else float(text)


def _borough_values(file: str, period: str) -> dict[str, float]:
    """London boroughs' values in one period, City of London and non-borough rows left out;
    the Hackney + City row stands for Hackney where Hackney has no row (data/README.md 6.1)."""
    rows = _raw(file)
    hackney_alone = any(r["area_code"] == "E09000012" for r in rows)
    values = {}
    for row in rows:
        value = _number(row["value"])
        borough = (row["area_code"].startswith("E09") and row["area_code"] != CITY) or (
            row["area_code"] == "E67000001" and not hackney_alone)
        if row["period"] == period and borough and value is not None:
            values[row["area_code"]] = value
    return values


def _phe_quartile(position: int, count: int) -> int:
    """PHE quantile of the ``position``-th best of ``count`` values (n = 4), written out.

    quantile = floor((n + 1) - ceiling(((N + 1) - rank) / (N / n))), 0 set to 1, with rank
    counted from the quantile-1 end (PHE technical guide, assigning deprivation categories).
    """
    quartile = math.floor(5 - math.ceil((count + 1 - position) / (count / 4)))
    return max(quartile, 1)


# file, polarity, latest period of Tower Hamlets (data/README.md section 5.2), what it tests
REAL = [
    ("employment_rate_16_64_aps_ons.csv", "higher_is_better", "2023", "City blank in 2023"),
    ("persistent_absence_all_pupils_dfe.csv", "lower_is_better", "2024/25",
     "City has a value, left out"),
    ("gcse_english_maths_by_age19_dfe.csv", "higher_is_better", "2024/25",
     "City blank in every year"),
    ("preventable_cvd_mortality_under75_ohid.csv", "lower_is_better", "2022-24",
     "Hackney + City combined row stands for Hackney: 32 ranked"),
    ("unemployment_rate_modelled_16plus_ons.csv", "lower_is_better", "2023", "City blank"),
]


@pytest.mark.parametrize(("file", "polarity", "latest", "why"), REAL,
                         ids=[r[0].removesuffix(".csv") for r in REAL])
def test_rank_in_the_latest_period_recomputed_by_hand(file, polarity, latest, why):
    values = _borough_values(file, latest)
    mine = values[TH]
    # Rank 1 = highest value: Tower Hamlets' place in the values sorted high to low.
    expected_rank = sorted(values.values(), reverse=True).index(mine) + 1
    best_first = sorted(values.values(), reverse=polarity == "higher_is_better")
    expected_quartile = _phe_quartile(best_first.index(mine) + 1, len(values))

    result = london_rank(series(f"london-boroughs/{file}"), polarity=polarity)

    assert result.ranked and result.reason is None
    assert str(result.period) == latest
    assert result.value == mine
    assert (result.rank, result.boroughs_ranked, result.quartile) == (
        expected_rank, len(values), expected_quartile)
    assert result.quartile_order == "best_first"
    assert set(result.boroughs["area_code"]) == set(values)
    assert CITY not in set(result.boroughs["area_code"])
    assert result.boroughs.loc[result.boroughs["is_area"], "area_code"].tolist() == [TH]


def test_the_expected_counts_match_the_data_readme():
    # data/README.md section 6.1: 32 boroughs without City; CVD 31 separate boroughs plus
    # the combined Hackney + City row.
    assert len(_borough_values("persistent_absence_all_pupils_dfe.csv", "2024/25")) == 32
    assert len(_borough_values("preventable_cvd_mortality_under75_ohid.csv", "2022-24")) == 32
    cvd = _raw("preventable_cvd_mortality_under75_ohid.csv")
    assert any(r["area_code"] == "E67000001" and r["period"] == "2022-24" for r in cvd)


def test_city_of_london_is_left_out_where_it_has_a_value():
    # Employment 2019: City published 87.2 (small sample), which would rank first.
    raw = {r["area_code"]: r for r in _raw("employment_rate_16_64_aps_ons.csv")
           if r["period"] == "2019"}
    assert _number(raw[CITY]["value"]) == 87.2
    values = _borough_values("employment_rate_16_64_aps_ons.csv", "2019")
    result = london_rank(series("london-boroughs/employment_rate_16_64_aps_ons"), period="2019",
                         polarity="higher_is_better")
    assert result.boroughs_ranked == len(values) == 32
    assert result.rank == sorted(values.values(), reverse=True).index(values[TH]) + 1
    assert result.boroughs["rank"].min() == 1
    assert CITY not in set(result.boroughs["area_code"])


def test_ncmp_2020_21_is_not_ranked_as_the_data_readme_advises():
    # data/README.md 6.1: "Do not rank NCMP 2020/21"; Year 6 has values for 3 boroughs.
    file = "ncmp_year6_obesity_fingertips_TH_England_only.csv"
    assert len(_borough_values(file, "2020/21")) == 3
    result = london_rank(series(f"london-boroughs/{file}"), period="2020/21",
                         polarity="lower_is_better")
    assert (result.ranked, result.reason, result.advice) == (
        False, "advised_against", "ncmp_covid_collection")
    assert (result.rank, result.boroughs_ranked, result.quartile) == (None, None, None)
    assert result.boroughs_with_value == 3
    assert result.boroughs["rank"].isna().all()
    # The latest year is ranked as usual.
    latest = london_rank(series(f"london-boroughs/{file}"), polarity="lower_is_better")
    assert latest.ranked and str(latest.period) == "2024/25"


# ---- hand-built frames -------------------------------------------------------------------

def _code(n: int) -> str:
    return f"E09{n:06d}"


def _frame(values, period="2023", extra=(), source="hand-built.csv", **columns):
    """Boroughs E09000002... with the values given (Tower Hamlets, E09000030, included)."""
    codes = [TH] + [_code(n) for n in range(2, 34) if n != 30]
    rows = [{"area_code": c, "area_name": f"Borough {c[-2:]}", "period": Period.calendar_year(
        int(period)) if isinstance(period, str) else period, "value": v}
        for c, v in zip(codes, values, strict=False)]
    rows += [{"area_code": c, "area_name": c, "period": rows[0]["period"], "value": v}
             for c, v in extra]
    frame = pd.DataFrame(rows)
    frame["value"] = frame["value"].astype(float)
    for name, value in columns.items():
        frame[name] = value
    frame.attrs["source_file"] = f"/somewhere/{source}"
    return frame


def test_ties_share_the_smallest_rank_and_a_quartile():
    # Tower Hamlets and two others tie at 30, behind 31 and 40: ranks 40->1, 31->2, 30->3,3,3.
    values = [30, 40, 31, 30, 30] + list(range(1, 21))  # 25 boroughs
    result = london_rank(_frame(values), polarity="higher_is_better")
    assert (result.rank, result.boroughs_ranked) == (3, 25)
    tied = result.boroughs[result.boroughs["value"] == 30]
    assert tied["rank"].tolist() == [3, 3, 3]
    assert tied["quartile"].nunique() == 1
    assert result.boroughs["rank"].tolist()[:6] == [1, 2, 3, 3, 3, 6]


def test_quartile_follows_polarity():
    # 32 boroughs valued 1..32, Tower Hamlets 30: third highest.
    values = [30] + [v for v in range(1, 33) if v != 30]
    frame = _frame(values)
    high = london_rank(frame, polarity="higher_is_better")
    low = london_rank(frame, polarity="lower_is_better")
    none = london_rank(frame, polarity="no_judgement")
    assert high.rank == low.rank == none.rank == 3  # rank 1 = highest, whatever the polarity
    assert (high.quartile, high.quartile_order) == (1, "best_first")  # top 8 of 32
    assert (low.quartile, low.quartile_order) == (4, "best_first")  # highest = worst quarter
    assert (none.quartile, none.quartile_order) == (1, "highest_first")
    # Eight boroughs in each quartile when 32 are ranked.
    assert high.boroughs["quartile"].value_counts().sort_index().tolist() == [8, 8, 8, 8]
    assert low.boroughs.loc[low.boroughs["value"] <= 8, "quartile"].eq(1).all()


def test_only_boroughs_with_a_value_are_ranked_and_non_boroughs_are_left_out():
    values = [5.0] + [float(v) for v in range(10, 34)] + [None] * 7  # 25 with a value
    extra = [(CITY, 99.0), ("E67000001", 98.0), ("E12000007", 97.0), ("E92000001", 96.0)]
    result = london_rank(_frame(values, extra=extra), polarity="higher_is_better")
    assert (result.rank, result.boroughs_ranked, result.boroughs_with_value) == (25, 25, 25)
    assert result.boroughs["area_code"].str.startswith("E09").all()
    assert CITY not in set(result.boroughs["area_code"])


def test_fewer_than_twenty_boroughs_are_not_ranked():
    assert MIN_BOROUGHS == 20
    at_threshold = london_rank(_frame(list(range(1, 21))), polarity="higher_is_better")
    assert at_threshold.ranked and at_threshold.boroughs_ranked == 20
    below = london_rank(_frame(list(range(1, 20))), polarity="higher_is_better")
    assert (below.ranked, below.reason, below.rank, below.boroughs_with_value) == (
        False, "too_few_boroughs", None, 19)
    assert set(NOT_RANKED) == {"advised_against", "too_few_boroughs", "no_value"}


def test_an_area_without_a_value_in_the_period_is_not_ranked():
    first = _frame([None] + list(range(1, 30)), period="2022")
    second = _frame([7.0] + list(range(1, 30)), period="2023")
    frame = pd.concat([first, second], ignore_index=True)
    frame.attrs["source_file"] = "hand-built.csv"
    # By default the latest period at which Tower Hamlets has a value ...
    assert str(london_rank(frame, polarity="lower_is_better").period) == "2023"
    # ... and a period asked for where it has none is not ranked.
    result = london_rank(frame, period="2022", polarity="lower_is_better")
    assert (result.ranked, result.reason, result.value, result.boroughs_with_value) == (
        False, "no_value", None, 29)
    later = _frame(list(range(1, 30)), period="2024")
    later.loc[0, "value"] = None
    frame = pd.concat([second, later], ignore_index=True)
    assert str(london_rank(frame, polarity="lower_is_better").period) == "2023"


def test_the_do_not_rank_advice_is_read_by_file_and_by_fingertips_id():
    period = Period(dt.date(2020, 9, 1), dt.date(2021, 8, 31))  # academic year 2020/21
    values = list(range(1, 33))
    by_file = _frame(values, period=period,
                     source="ncmp_reception_obesity_fingertips_TH_England_only.csv")
    assert london_rank(by_file, polarity="lower_is_better").reason == "advised_against"
    by_id = _frame(values, period=period, source="my_export.csv", indicator_id="90323")
    assert london_rank(by_id, polarity="lower_is_better").advice == "ncmp_covid_collection"
    other = _frame(values, period=period, source="my_export.csv", indicator_id="12345")
    assert london_rank(other, polarity="lower_is_better").ranked
    assert set(DO_NOT_RANK) >= {"ncmp_reception_obesity_fingertips_TH_England_only",
                                "ncmp_year6_obesity_fingertips_TH_England_only"}


def test_period_given_as_a_period_object():
    frame = _frame(list(range(1, 33)))
    assert london_rank(frame, period=Period.calendar_year(2023),
                       polarity="higher_is_better").rank == 32


def test_errors_name_the_series_and_what_is_wrong():
    frame = _frame(list(range(1, 33)), source="pay.csv")
    with pytest.raises(ParameterError, match=r"pay\.csv: period '2019' is not in the data; "
                                             r"its periods: 2023"):
        london_rank(frame, period="2019", polarity="higher_is_better")
    with pytest.raises(ParameterError, match=r"pay\.csv: period '2019'"):
        neighbour_comparison(frame, period=Period.calendar_year(2019),
                             polarity="higher_is_better")
    with pytest.raises(ParameterError, match="polarity is 'up'"):
        london_rank(frame, polarity="up")
    with pytest.raises(ParameterError, match="City of London"):
        london_rank(frame, area_code=CITY, polarity="higher_is_better")
    with pytest.raises(ParameterError, match="London borough"):
        london_rank(frame, area_code="E12000007", polarity="higher_is_better")
    with pytest.raises(DataError, match="no column 'value'"):
        london_rank(frame.drop(columns="value"), polarity="higher_is_better")
    with pytest.raises(DataError, match="holds 2 series"):
        london_rank(pd.concat([frame.assign(sex="Male"), frame.assign(sex="Female")]),
                    polarity="higher_is_better")
    with pytest.raises(DataError, match="has no value in any period"):
        london_rank(frame.assign(value=float("nan")), polarity="higher_is_better")
    with pytest.raises(DataError, match="more than one row"):
        london_rank(pd.concat([frame, frame]), polarity="higher_is_better")
    with pytest.raises(DataError, match="no rows for area E09000033"):
        london_rank(frame[frame["area_code"] != "E09000033"], area_code="E09000033",
                    polarity="higher_is_better")


def test_a_tower_hamlets_london_england_file_is_refused():
    frame = series("employment_rate_16_64_aps_ons")
    message = r"employment_rate_16_64_aps_ons\.csv has no London borough but E09000030.*london-"
    with pytest.raises(DataError, match=message):
        london_rank(frame, polarity="higher_is_better")
    with pytest.raises(DataError, match=message):
        neighbour_comparison(frame, polarity="higher_is_better")


def test_a_real_period_missing_from_the_file_names_file_and_period():
    with pytest.raises(ParameterError, match=r"ks2_expected_standard_rwm_dfe\.csv: period "
                                             r"'2019/20' is not in the data"):
        london_rank(series("london-boroughs/ks2_expected_standard_rwm_dfe"), period="2019/20",
                    polarity="higher_is_better")


# ---- statistical neighbours --------------------------------------------------------------

def _neighbour_codes(set_name: str) -> list[str]:
    path = data_dir() / "open-data/timeseries/statistical_neighbours_tower_hamlets.csv"
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = [r for r in csv.DictReader(handle) if r["scheme"].strip() == set_name]
    return [r["area_code"] for r in sorted(rows, key=lambda r: int(r["neighbour_rank"]))]


@pytest.mark.parametrize("set_name", [
    ONS_SIMILAR_AREAS, DFE_NEIGHBOURS,
    "ONS Explore Local Statistics similar areas, economic indicators",
    "ONS Explore Local Statistics similar areas, demographic indicators",
])
def test_the_neighbours_are_exactly_those_of_the_shipped_file(set_name):
    table = neighbour_comparison(series("london-boroughs/employment_rate_16_64_aps_ons"),
                                 set_name, polarity="higher_is_better")
    expected = _neighbour_codes(set_name)
    assert len(expected) in (10, 20)
    assert table.loc[table["role"] == "neighbour", "area_code"].tolist() == expected
    assert table.loc[table["role"] == "neighbour", "neighbour_rank"].tolist() == list(
        range(1, len(expected) + 1))
    assert table.attrs["neighbours"] == len(expected)


def test_neighbour_comparison_values_and_simple_mean_by_hand():
    file = "employment_rate_16_64_aps_ons.csv"
    raw = {r["area_code"]: r for r in _raw(file) if r["period"] == "2023"}
    codes = _neighbour_codes(ONS_SIMILAR_AREAS)
    published = [_number(raw[c]["value"]) for c in codes if c in raw]
    published = [v for v in published if v is not None]
    assert len(published) == 14  # the 14 London boroughs of the 20 (data/README.md 6.4)
    mean = sum(published) / len(published)

    table = neighbour_comparison(series(f"london-boroughs/{file}"),
                                 polarity="higher_is_better").set_index("role", drop=False)
    assert table.attrs["mean"] == "simple"
    assert table.attrs["neighbours_with_value"] == 14
    assert str(table.attrs["period"]) == "2023"
    comparators = table[table["is_comparator"]]
    assert comparators["role"].tolist() == ["neighbours_mean", "london", "england"]
    assert comparators.loc["neighbours_mean", "value"] == pytest.approx(mean)
    assert comparators.loc["neighbours_mean", "name"] == ONS_SIMILAR_AREAS
    for role, code in (("london", "E12000007"), ("england", "E92000001")):
        assert comparators.loc[role, "value"] == float(raw[code]["value"])
    area = table.loc["area"]
    assert (area["area_code"], area["value"]) == (TH, float(raw[TH]["value"]))
    # Fingertips rule by hand: the mean against Tower Hamlets' published interval.
    lower, upper = float(raw[TH]["lower_ci"]), float(raw[TH]["upper_ci"])
    expected = "worse" if mean > upper else "better" if mean < lower else "similar"
    assert area["comparison"] == expected
    assert comparators["comparison"].isna().all()
    outside = table[(table["role"] == "neighbour") & ~table["area_code"].str.startswith("E09")]
    assert outside["value"].isna().all()
    assert (outside["comparison"] == "not compared").all()


def test_comparison_with_the_neighbours_mean_in_a_hand_built_frame():
    # DfE set: 8 London neighbours. Values 10 (x7) and 20: mean 90 / 8 = 11.25.
    london = [c for c in _neighbour_codes(DFE_NEIGHBOURS) if c.startswith("E09")]
    assert len(london) == 8
    period = Period.calendar_year(2023)
    rows = [{"area_code": TH, "area_name": "Tower Hamlets", "value": 14.0, "lower": 12.0,
             "upper": 16.0}]
    rows += [{"area_code": c, "area_name": c, "value": 10.0, "lower": 9.0, "upper": 11.0}
             for c in london[:6]]
    rows += [{"area_code": london[6], "area_name": "n7", "value": 10.0, "lower": None,
              "upper": None},
             {"area_code": london[7], "area_name": "n8", "value": 20.0, "lower": 10.0,
              "upper": 30.0}]
    frame = pd.DataFrame(rows).assign(period=period)
    table = neighbour_comparison(frame, DFE_NEIGHBOURS, polarity="lower_is_better")
    assert table.loc[table["role"] == "neighbours_mean", "value"].item() == 11.25
    labels = dict(zip(table["area_code"], table["comparison"], strict=True))
    assert labels[TH] == "worse"  # 11.25 below 12: higher, and lower is better
    assert all(labels[c] == "better" for c in london[:6])  # 11.25 above 11
    assert labels[london[6]] == "not compared"  # no interval
    assert labels[london[7]] == "similar"
    # No London or England rows in the frame: none in the table.
    assert table["role"].tolist()[:2] == ["neighbours_mean", "area"]
    no_judgement = neighbour_comparison(frame, DFE_NEIGHBOURS, polarity="no_judgement")
    assert dict(zip(no_judgement["area_code"], no_judgement["comparison"],
                    strict=True))[TH] == "higher"


def test_neighbour_comparison_refuses_an_unknown_set():
    frame = series("london-boroughs/gcse_english_maths_by_age19_dfe")
    with pytest.raises(DataError, match="no statistical neighbour set 'CIPFA'"):
        neighbour_comparison(frame, "CIPFA", polarity="higher_is_better")


def test_the_neighbour_frame_draws_as_a_compare_areas_chart():
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from thlib.presentation.charts.intervals import compare_areas

    table = neighbour_comparison(series("london-boroughs/employment_rate_16_64_aps_ons"),
                                 polarity="higher_is_better")
    fig = compare_areas(table, title="t", subtitle="s", source="x", confidence=0.95)
    plt.close(fig)


def test_indicator_peers_ranks_and_averages_catalogue_series_as_worked_out_by_hand():
    # Persistent absence (a children's measure: the DfE set), lower is better, 2024/25.
    values = _borough_values("persistent_absence_all_pupils_dfe.csv", "2024/25")
    latest = indicator_peers("persistent-absence").iloc[-1]
    assert latest["period"] == "2024/25" and latest["neighbours_set"] == DFE_NEIGHBOURS
    assert latest["london_rank"] == sorted(values.values(), reverse=True).index(values[TH]) + 1
    assert latest["london_boroughs_ranked"] == 32
    # Employment rate (ONS similar areas), 2023: the simple mean of the neighbours' values
    # that the London borough file holds.
    with open(data_dir() / "open-data/timeseries/statistical_neighbours_tower_hamlets.csv",
              newline="", encoding="utf-8-sig") as handle:
        ons = [r["area_code"] for r in csv.DictReader(handle)
               if r["scheme"] == ONS_SIMILAR_AREAS]
    employment = {r["area_code"]: _number(r["value"])
                  for r in _raw("employment_rate_16_64_aps_ons.csv") if r["period"] == "2023"}
    held = [employment[code] for code in ons if employment.get(code) is not None]
    latest = indicator_peers("employment-rate-aps").iloc[-1]
    assert latest["neighbours_mean"] == pytest.approx(sum(held) / len(held))
    assert latest["neighbours_with_value"] == len(held)
    assert indicator_peers("children-low-income-count").empty  # counts are not ranked


# ---- ties: how many share the value, and the quartiles the tie spans ----------------------

def _tie_by_hand(values: dict[str, float], mine: float, polarity: str) -> tuple[int, int, tuple]:
    """Rank (1 = highest), tie size and the quartiles the tied positions span, by hand.

    Positions are counted from the quartile-1 end (the highest values unless lower is
    better); each tied position gets the PHE quartile it would have were the tie broken.
    """
    rank = sum(1 for v in values.values() if v > mine) + 1
    tied = sum(1 for v in values.values() if v == mine)
    if polarity == "lower_is_better":
        first = sum(1 for v in values.values() if v < mine) + 1
    else:
        first = rank
    span = (_phe_quartile(first, len(values)), _phe_quartile(first + tied - 1, len(values)))
    return rank, tied, span


def test_ks2_is_a_six_way_tie_within_one_quartile():
    # KS2 reading, writing and maths 2024/25: Tower Hamlets 69%, shared with five boroughs.
    file = "ks2_expected_standard_rwm_dfe.csv"
    values = _borough_values(file, "2024/25")
    mine = values[TH]
    assert len(values) == 32 and mine == 69.0
    rank, tied, span = _tie_by_hand(values, mine, "higher_is_better")
    assert (rank, tied) == (18, 6)  # positions 18..23 of 32: all in the third quarter
    assert span == (3, 3)

    result = london_rank(series(f"london-boroughs/{file}"), polarity="higher_is_better")

    assert (result.rank, result.tied, result.quartile_span) == (rank, tied, span)
    assert result.quartile == span[0]
    assert result.record()["tied"] == 6 and result.record()["quartile_span"] == (3, 3)
    assert (formatting.rank(result.rank, result.boroughs_ranked, result.quartile,
                            tied=result.tied) == "joint 18th of 32, with 5 others (Q3)")


def test_net_additional_homes_is_a_tie_straddling_the_first_two_quartiles():
    file = "net_additional_dwellings_per_1000_stock_mhclg.csv"
    values = _borough_values(file, "2024/25")
    mine = values[TH]
    rank, tied, span = _tie_by_hand(values, mine, "higher_is_better")
    assert (rank, tied, span) == (8, 3, (1, 2))  # positions 8, 9, 10: Q1 holds 1..8

    result = london_rank(series(f"london-boroughs/{file}"), polarity="higher_is_better")
    assert (result.rank, result.tied, result.quartile, result.quartile_span) == (8, 3, 1, (1, 2))

    latest = indicator_peers("net-additional-dwellings").iloc[-1]
    assert latest["period"] == "2024/25"
    assert (latest["london_rank"], latest["london_rank_tied"]) == (8, 3)
    assert latest["london_quartile"] == 1 and latest["london_quartile_span"] == "1-2"


def test_a_tie_straddling_a_boundary_in_a_hand_built_frame():
    # 32 boroughs. Seven values above 50, Tower Hamlets and two others at 50, 22 below:
    # highest first the tie holds positions 8, 9, 10 (Q1 is 1-8, Q2 9-16);
    # lowest first it holds 23, 24, 25 (Q3 is 17-24, Q4 25-32).
    values = [50.0, 50.0, 50.0] + [float(v) for v in range(60, 67)] + [float(v)
                                                                       for v in range(1, 23)]
    frame = _frame(values)
    high = london_rank(frame, polarity="higher_is_better")
    low = london_rank(frame, polarity="lower_is_better")
    none = london_rank(frame, polarity="no_judgement")
    assert high.rank == low.rank == none.rank == 8  # 1 = highest, whatever the polarity
    assert high.tied == low.tied == none.tied == 3
    assert (high.quartile, high.quartile_span) == (1, (1, 2))
    assert (low.quartile, low.quartile_span) == (3, (3, 4))  # best first: 1 = lowest values
    assert (none.quartile, none.quartile_span, none.quartile_order) == (1, (1, 2),
                                                                         "highest_first")
    # The tie shares the quartile of its best position (the PHE rule), in the frame too.
    assert high.boroughs.loc[high.boroughs["value"] == 50, "quartile"].tolist() == [1, 1, 1]
    # By hand, as the real files are checked.
    codes = [TH] + [_code(n) for n in range(2, 34) if n != 30]
    by_code = dict(zip(codes, values, strict=False))
    assert _tie_by_hand(by_code, 50.0, "lower_is_better") == (8, 3, (3, 4))


def test_a_tie_inside_a_quartile_and_no_tie():
    # Positions 2 and 3 of 32 tie (both Q1); Tower Hamlets alone at position 1.
    inside = london_rank(_frame([5.0, 40.0, 40.0, 50.0] + [float(v) for v in range(1, 5)]
                                + [float(v) for v in range(6, 30)]),
                         area_code="E09000002", polarity="higher_is_better")
    assert (inside.rank, inside.tied, inside.quartile, inside.quartile_span) == (2, 2, 1, (1, 1))
    alone = london_rank(_frame([float(v) for v in range(1, 33)]), polarity="higher_is_better")
    assert (alone.rank, alone.tied, alone.quartile, alone.quartile_span) == (32, 1, 4, (4, 4))
    not_ranked = london_rank(_frame(list(range(1, 20))), polarity="higher_is_better")
    assert (not_ranked.tied, not_ranked.quartile_span) == (None, None)


def test_peer_columns_name_the_tie_and_its_span():
    assert PEER_COLUMNS == ["period", "london_rank", "london_boroughs_ranked",
                            "london_quartile", "london_quartile_order", "london_rank_tied",
                            "london_quartile_span", "london_not_ranked", "neighbours_set",
                            "neighbours_mean", "neighbours_with_value"]
    peers = indicator_peers("ks2-expected-standard-rwm")
    latest = peers.iloc[-1]
    assert (latest["period"], latest["london_rank_tied"], latest["london_quartile_span"]) == (
        "2024/25", 6, "3")
    assert str(peers["london_rank_tied"].dtype) == "Int64"


# ---- Hackney + City standing for Hackney among the neighbours ----------------------------

STAND_IN_FILES = ["preventable_cvd_mortality_under75_ohid.csv",
                  "ncmp_year6_overweight_incl_obese_ons_els.csv",
                  "ncmp_reception_overweight_incl_obese_ons_els.csv"]


@pytest.mark.parametrize("set_name", [ONS_SIMILAR_AREAS, DFE_NEIGHBOURS])
@pytest.mark.parametrize("file", STAND_IN_FILES)
def test_the_combined_hackney_row_is_in_the_neighbours_mean(file, set_name):
    if not (data_dir() / BOROUGHS / file).exists():
        pytest.skip(f"{file} not shipped")
    raw = _raw(file)
    latest = max((r["period"] for r in raw if r["area_code"] == TH and _number(r["value"])
                  is not None), key=lambda label: label[:4])
    values = {r["area_code"]: _number(r["value"]) for r in raw if r["period"] == latest}
    names = {r["area_code"]: r["area_name"] for r in raw if r["period"] == latest}
    assert "E09000012" not in values and values["E67000001"] is not None
    codes = _neighbour_codes(set_name)
    assert "E09000012" in codes  # Hackney is a neighbour in both sets
    without = [values[c] for c in codes if values.get(c) is not None]
    held = [values["E67000001" if c == "E09000012" else c] for c in codes
            if values.get("E67000001" if c == "E09000012" else c) is not None]
    assert len(held) == len(without) + 1

    table = neighbour_comparison(series(f"london-boroughs/{file}"), set_name,
                                 polarity="lower_is_better")

    assert str(table.attrs["period"]) == latest
    mean = table.loc[table["role"] == "neighbours_mean", "value"].item()
    assert mean == pytest.approx(sum(held) / len(held))
    assert mean != pytest.approx(sum(without) / len(without))
    assert table.attrs["neighbours_with_value"] == len(held)
    assert table.attrs["stand_ins"] == {"E09000012": "E67000001"}
    hackney = table[table["neighbour_rank"] == codes.index("E09000012") + 1].iloc[0]
    assert hackney["role"] == "neighbour"
    assert (hackney["area_code"], hackney["name"]) == ("E67000001", names["E67000001"])
    assert hackney["value"] == values["E67000001"]
    assert hackney["comparison"] in ("better", "similar", "worse")


def test_cvd_neighbours_mean_by_hand():
    # ONS similar areas, 2022-24: 13 London neighbours have their own row; with the
    # Hackney + City row for Hackney, 14.
    raw = [r for r in _raw("preventable_cvd_mortality_under75_ohid.csv")
           if r["period"] == "2022-24"]
    values = {r["area_code"]: float(r["value"]) for r in raw if _number(r["value"]) is not None}
    codes = [c if c != "E09000012" else "E67000001" for c in _neighbour_codes(ONS_SIMILAR_AREAS)]
    held = [values[c] for c in codes if c in values]
    assert len(held) == 14
    latest = indicator_peers("preventable-cvd-mortality-under-75").iloc[-1]
    assert latest["period"] == "2022-24" and latest["neighbours_set"] == ONS_SIMILAR_AREAS
    assert latest["neighbours_with_value"] == 14
    assert latest["neighbours_mean"] == pytest.approx(sum(held) / 14)


def test_the_stand_in_rule_is_the_same_for_rank_and_neighbours_period_by_period():
    # 2022: Hackney published only with the City; 2023: Hackney on its own (and a combined
    # row too, which is then not a borough).
    neighbours = [c for c in _neighbour_codes(DFE_NEIGHBOURS) if c.startswith("E09")]
    assert "E09000012" in neighbours
    old = _frame([float(v) for v in range(1, 33)], period="2022",
                 extra=[("E67000001", 99.0)])
    old = old[old["area_code"] != "E09000012"]
    new = _frame([float(v) for v in range(1, 33)], period="2023",
                 extra=[("E67000001", 99.0)])
    frame = pd.concat([old, new], ignore_index=True)
    frame.attrs["source_file"] = "hand-built.csv"

    in_2022 = london_rank(frame, period="2022", polarity="higher_is_better")
    in_2023 = london_rank(frame, period="2023", polarity="higher_is_better")
    assert in_2022.boroughs_ranked == in_2023.boroughs_ranked == 32
    assert "E67000001" in set(in_2022.boroughs["area_code"])
    assert in_2022.boroughs["rank"].iloc[0] == 1  # the combined 99 ranks first
    assert "E67000001" not in set(in_2023.boroughs["area_code"])

    table_2022 = neighbour_comparison(frame, DFE_NEIGHBOURS, "2022", polarity="no_judgement")
    table_2023 = neighbour_comparison(frame, DFE_NEIGHBOURS, "2023", polarity="no_judgement")
    rank_of_hackney = _neighbour_codes(DFE_NEIGHBOURS).index("E09000012") + 1
    row_2022 = table_2022[table_2022["neighbour_rank"] == rank_of_hackney].iloc[0]
    row_2023 = table_2023[table_2023["neighbour_rank"] == rank_of_hackney].iloc[0]
    assert (row_2022["area_code"], row_2022["value"]) == ("E67000001", 99.0)
    assert row_2023["area_code"] == "E09000012" and row_2023["value"] != 99.0
    assert table_2023.attrs["stand_ins"] == {}


# ---- the neighbour set comes from the catalogue -------------------------------------------

def test_child_obesity_is_set_against_the_dfe_children_s_neighbours():
    with open(Path(catalogue.__file__).parent / "definitions/health_wellbeing.yml",
              encoding="utf-8") as handle:
        declared = {d["id"]: d.get("neighbours") for d in yaml.safe_load(handle)["indicators"]}
    for indicator_id in ("year-6-obesity-ncmp", "reception-obesity-ncmp"):
        assert declared[indicator_id] == "children"  # a health file, a children's measure
        assert set(indicator_peers(indicator_id)["neighbours_set"]) == {DFE_NEIGHBOURS}
        assert indicator_neighbours(indicator_id).attrs["set"] == DFE_NEIGHBOURS
    assert set(indicator_peers("preventable-cvd-mortality-under-75")["neighbours_set"]) == {
        ONS_SIMILAR_AREAS}


def test_the_set_follows_the_indicator_not_its_file(monkeypatch):
    # Persistent absence lives in children_young_people.yml; told "similar_areas", it is
    # compared with the ONS set: no rule by file name remains in peers.
    real = catalogue.get_indicator

    def similar(indicator_id):
        return dataclasses.replace(real(indicator_id), neighbours="similar_areas")

    monkeypatch.setattr(catalogue, "get_indicator", similar)
    assert real("persistent-absence").file == "children_young_people.yml"
    assert indicator_neighbours("persistent-absence").attrs["set"] == ONS_SIMILAR_AREAS
