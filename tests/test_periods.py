"""Periods: every kind parsed from its usual spellings, ordered, labelled; clear errors.

Expected dates and labels are worked out by hand from the definitions: a financial year runs
1 April to 31 March, an academic year 1 September to 31 August, an ISO 8601 ``start/P1Y``
ends the day before the same date a year later.
"""

import datetime as dt

import pandas as pd
import pytest

from thlib.errors import ParameterError
from thlib.periods import KINDS, Period, parse_period, sort_key

D = dt.date


@pytest.mark.parametrize(
    ("text", "split_year", "start", "end", "kind", "label"),
    [
        ("2019", None, D(2019, 1, 1), D(2019, 12, 31), "calendar_year", "2019"),
        (" 2019 ", None, D(2019, 1, 1), D(2019, 12, 31), "calendar_year", "2019"),
        ("2019/20", "financial", D(2019, 4, 1), D(2020, 3, 31), "financial_year", "2019/20"),
        ("2019/2020", "financial", D(2019, 4, 1), D(2020, 3, 31), "financial_year", "2019/20"),
        ("2019/20", "academic", D(2019, 9, 1), D(2020, 8, 31), "academic_year", "2019/20"),
        ("1999/00", "financial", D(1999, 4, 1), D(2000, 3, 31), "financial_year", "1999/00"),
        # Active Lives years run November to November: the survey month is given as a number.
        ("2015/16", 11, D(2015, 11, 1), D(2016, 10, 31), "split_year", "2015/16"),
        ("2021-23", None, D(2021, 1, 1), D(2023, 12, 31), "multi_year", "2021-23"),
        ("2015 - 17", None, D(2015, 1, 1), D(2017, 12, 31), "multi_year", "2015-17"),
        ("2021 to 2023", None, D(2021, 1, 1), D(2023, 12, 31), "multi_year", "2021-23"),
        ("2021–23", None, D(2021, 1, 1), D(2023, 12, 31), "multi_year", "2021-23"),
        ("2001-03", None, D(2001, 1, 1), D(2003, 12, 31), "multi_year", "2001-03"),
        ("1999-2001", None, D(1999, 1, 1), D(2001, 12, 31), "multi_year", "1999-2001"),
        ("2016/17 - 18/19", "financial", D(2016, 4, 1), D(2019, 3, 31), "multi_year",
         "2016/17 to 2018/19"),
        ("2024 Q1", None, D(2024, 1, 1), D(2024, 3, 31), "quarter", "Jan to Mar 2024"),
        ("Q4 2023", None, D(2023, 10, 1), D(2023, 12, 31), "quarter", "Oct to Dec 2023"),
        ("2024-Q2", None, D(2024, 4, 1), D(2024, 6, 30), "quarter", "Apr to Jun 2024"),
        ("2024/25 Q1", None, D(2024, 4, 1), D(2024, 6, 30), "quarter", "Apr to Jun 2024"),
        ("2024/25 Q4", None, D(2025, 1, 1), D(2025, 3, 31), "quarter", "Jan to Mar 2025"),
        ("Jan 2024 to Mar 2024", None, D(2024, 1, 1), D(2024, 3, 31), "quarter",
         "Jan to Mar 2024"),
        ("Jan 2025 to Mar 2025", None, D(2025, 1, 1), D(2025, 3, 31), "quarter",
         "Jan to Mar 2025"),
        ("January to March 2024", None, D(2024, 1, 1), D(2024, 3, 31), "quarter",
         "Jan to Mar 2024"),
        ("Feb to Apr 2024", None, D(2024, 2, 1), D(2024, 4, 30), "months", "Feb to Apr 2024"),
        ("Nov to Jan 2024", None, D(2023, 11, 1), D(2024, 1, 31), "months",
         "Nov 2023 to Jan 2024"),
        ("Jul 2023 - Jun 2024", None, D(2023, 7, 1), D(2024, 6, 30), "split_year", "2023/24"),
        ("Apr 2019 to Mar 2020", None, D(2019, 4, 1), D(2020, 3, 31), "financial_year",
         "2019/20"),
        ("2024-01", None, D(2024, 1, 1), D(2024, 1, 31), "month", "Jan 2024"),
        ("Jan 2024", None, D(2024, 1, 1), D(2024, 1, 31), "month", "Jan 2024"),
        ("February 2024", None, D(2024, 2, 1), D(2024, 2, 29), "month", "Feb 2024"),
        ("2004-01-01/P1Y", None, D(2004, 1, 1), D(2004, 12, 31), "calendar_year", "2004"),
        ("2011-04-01/P1Y", None, D(2011, 4, 1), D(2012, 3, 31), "financial_year", "2011/12"),
        ("2021-09-01/P1Y", None, D(2021, 9, 1), D(2022, 8, 31), "academic_year", "2021/22"),
        ("2006-08-01/P1Y", None, D(2006, 8, 1), D(2007, 7, 31), "split_year", "2006/07"),
        ("2015-11-16/P1Y", None, D(2015, 11, 16), D(2016, 11, 15), "split_year", "2015/16"),
        ("2011-01-01/P3Y", None, D(2011, 1, 1), D(2013, 12, 31), "multi_year", "2011-13"),
        ("2024-01-01/P3M", None, D(2024, 1, 1), D(2024, 3, 31), "quarter", "Jan to Mar 2024"),
        ("P3M/2024-03-31", None, D(2024, 1, 1), D(2024, 3, 31), "quarter", "Jan to Mar 2024"),
        ("2024-01-01/2024-01-31", None, D(2024, 1, 1), D(2024, 1, 31), "month", "Jan 2024"),
        ("2024-03-01/P10D", None, D(2024, 3, 1), D(2024, 3, 10), "interval",
         "1 Mar 2024 to 10 Mar 2024"),
        ("2008-04-16", None, D(2008, 4, 16), D(2008, 4, 16), "day", "16 Apr 2008"),
    ],
)
def test_every_kind_parses_to_its_dates_kind_and_label(text, split_year, start, end, kind,
                                                       label):
    period = parse_period(text, split_year=split_year)
    assert (period.start, period.end, period.kind, period.label) == (start, end, kind, label)
    assert str(period) == label
    assert period.kind in KINDS


def test_the_same_dates_are_the_same_period_whatever_the_text():
    quarter = {parse_period(t) for t in ["2024 Q1", "Jan 2024 to Mar 2024", "2024-01-01/P3M",
                                         "Jan to Mar 2024"]}
    assert len(quarter) == 1
    assert parse_period("2019/20", "financial") == Period.financial_year(2019)
    assert parse_period("2019/20", "academic") != Period.financial_year(2019)
    assert {Period.calendar_year(2019): "x"}[parse_period("2019-01-01/P1Y")] == "x"


def test_labels_never_repeat_a_range():
    # The defect of issue 10: "(Jan 2025 to Mar 2025 to Jan 2026 to Mar 2026)".
    label = parse_period("Jan 2025 to Mar 2025").label
    assert label == "Jan to Mar 2025"
    assert label.count(" to ") == 1


def test_labels_read_back_as_the_same_period():
    periods = [Period.calendar_year(2019), Period.years(2021, 2023), Period.quarter(2024, 1),
               Period.month(2024, 1), parse_period("Nov to Jan 2024"), Period.years(1999, 2001)]
    for period in periods:
        assert parse_period(period.label) == period
    assert parse_period(Period.academic_year(2019).label, "academic") == Period.academic_year(2019)


def test_order_is_by_end_then_start():
    fy = Period.financial_year(2019)          # ends 31 Mar 2020
    cy = Period.calendar_year(2019)           # ends 31 Dec 2019
    pooled = Period.years(2017, 2019)         # ends 31 Dec 2019, starts earlier
    ay = Period.academic_year(2019)           # ends 31 Aug 2020
    q1 = Period.quarter(2020, 1)              # ends 31 Mar 2020, starts after fy
    assert sorted([ay, q1, cy, fy, pooled]) == [pooled, cy, fy, q1, ay]
    assert pooled < cy < fy < q1 < ay
    assert max([cy, ay, fy]) is ay
    assert cy >= pooled and not cy > cy


def test_years_before_counts_from_the_year_the_period_ends():
    assert Period.calendar_year(2022).years_before(2025) == 3
    assert Period.financial_year(2021).years_before(2025) == 3   # ends March 2022
    assert Period.academic_year(2024).years_before(2025) == 0    # ends August 2025
    assert parse_period("2021-23").years_before(2025) == 2
    assert Period.calendar_year(2026).years_before(2025) == -1
    with pytest.raises(ParameterError, match="report_year"):
        Period.calendar_year(2022).years_before("2025")


def test_sort_key_sorts_a_frame_by_period_among_other_columns():
    frame = pd.DataFrame({
        "area": ["E09000030", "E92000001", "E09000030", "E09000030"],
        "period": [parse_period("2019/20", "financial"), parse_period("2019"),
                   parse_period("2017-19"), parse_period("2019")],
        "value": [3, 9, 1, 2],
    })
    by_period = frame.sort_values("period", key=sort_key, kind="stable")
    assert by_period["value"].tolist() == [1, 9, 2, 3]  # the two 2019s keep their order
    by_area = frame.sort_values(["area", "period"], key=sort_key)
    assert by_area["value"].tolist() == [1, 2, 3, 9]
    descending = frame.sort_values("period", key=sort_key, ascending=False)
    assert descending["value"].iloc[0] == 3


def test_sort_key_puts_missing_periods_last_and_refuses_mixed_columns():
    frame = pd.DataFrame({"period": [None, parse_period("2020"), parse_period("2019")]})
    assert frame.sort_values("period", key=sort_key).index.tolist() == [2, 1, 0]
    with pytest.raises(ParameterError, match="mixes periods"):
        sort_key(pd.Series([parse_period("2020"), "2019"], name="period"))


@pytest.mark.parametrize(
    ("text", "split_year", "message"),
    [
        ("2019/20", None, "'2019/20' could be a financial year"),
        ("2019/21", "financial", "cannot read period '2019/21'"),
        ("last year", None, "cannot read period 'last year'"),
        ("2021 Q5", None, "cannot read period '2021 Q5'"),
        ("Foo 2024", None, "'Foo' is not a month"),
        ("2024-13", None, "cannot read period '2024-13'"),
        ("2024-02-30/P1Y", None, "'2024-02-30' is not a date"),
        ("2024-01-01/P1X", None, "cannot read period '2024-01-01/P1X'"),
        ("", None, "cannot read period ''"),
        ("2019/20", "calendar", "split_year must be 'financial'"),
        ("2019/20", 13, "split_year must be"),
    ],
)
def test_errors_quote_the_text(text, split_year, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(")):
        parse_period(text, split_year=split_year)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ParameterError, match="cannot end"):
        Period(D(2020, 1, 2), D(2020, 1, 1))
    with pytest.raises(ParameterError, match="needs two dates"):
        Period("2020-01-01", D(2020, 1, 1))


def test_two_consecutive_years_with_a_hyphen_need_split_year():
    # "2019-20" is how many publishers write the financial year 2019/20
    with pytest.raises(ParameterError, match="could be a financial or academic year"):
        parse_period("2019-20")
    assert parse_period("2019-20", split_year="financial") == parse_period(
        "2019/20", split_year="financial")
    assert parse_period("2019-2020").label == "2019-20"  # four digits: calendar years
