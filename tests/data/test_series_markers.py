"""Publisher suppression markers in series files, and the seven series of data/README.md section 7.

Fixture files are written here, in ``tmp_path``; their numbers are test inputs made up to
exercise the markers (value 50 between limits 40 and 60, count 100 of 200), not data about any
area. The reasons expected are the wording this module asks for (written out below, not read
from thlib). The shipped files are checked against the raw CSV read with the ``csv`` module;
the numbers of withheld cells are those data/README.md section 7 (the bundle's MANIFEST) states.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from thlib.data import TIDY_COLUMNS, read_series, series, series_files
from thlib.data.series import SUPPRESSION_MARKERS
from thlib.errors import DataError
from thlib.geography import NotCoveredError
from thlib.indicators import figures

REPO = Path(__file__).resolve().parents[2]
TIMESERIES = REPO / "data" / "open-data" / "timeseries"

#: Each marker and the words a reader should see where the number would be.
EXPECTED = {
    "c": "withheld: small numbers",
    "x": "not available",
    "z": "not applicable",
    "low": "rounds to zero",
    "u": "withheld: low reliability",
}
#: Every way a marker may be written: bare (DfE), bracketed (GSS guidance), any case, spaces.
FORMS = ("{m}", "{M}", "[{m}]", "[{M}]", "  {m}  ", " [ {m} ] ", "[{C}]")

TIDY_HEADER = ",".join(TIDY_COLUMNS)
FT_HEADER = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
    "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,"
    "Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,"
    "Compared to England value or percentiles,Compared to Region value or percentiles,"
    "Time period Sortable,New data,Compared to goal"
)
#: The number columns: series column -> (tidy column, Fingertips column, name in a reason).
NUMBERS = {
    "value": ("value", "Value", None),
    "lower": ("lower_ci", "Lower CI 95.0 limit", "lower limit"),
    "upper": ("upper_ci", "Upper CI 95.0 limit", "upper limit"),
    "count": ("count", "Count", "count"),
    "denominator": ("denominator", "Denominator", "denominator"),
}
GIVEN = {"value": 50.0, "lower": 40.0, "upper": 60.0, "count": 100.0, "denominator": 200.0}


def tidy_row(period: str, **cells: str) -> str:
    c = {k: str(v).removesuffix(".0") for k, v in GIVEN.items()} | cells
    return (f"E09000030,Tower Hamlets,{period},{c['value']},{c['lower']},{c['upper']},"
            f"{c['count']},{c['denominator']},%,Persons,18+,Fixture share,{period},fixture")


def ft_row(period: str, parent: str = "E12000007", note: str = "", **cells: str) -> str:
    c = {k: str(v).removesuffix(".0") for k, v in GIVEN.items()} | cells
    return (f"1,Fixture share,{parent},Parent,E09000030,Tower Hamlets,Districts & UAs,Persons,"
            f"18+,,,{period},{c['value']},{c['lower']},{c['upper']},35,65,{c['count']},"
            f"{c['denominator']},{note},Cannot be calculated,Similar,Similar,{period}0000,,")


def write(folder: Path, name: str, header: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def marked_cases() -> list[tuple[str, str, str]]:
    """Return (period, cell text, marker) for every marker in every form, one year each."""
    cases = []
    for marker in EXPECTED:
        for form in FORMS:
            text = form.format(m=marker, M=marker.upper(), C=marker.capitalize())
            cases.append((str(1980 + len(cases)), text, marker))
    return cases


def test_the_marker_table_is_the_one_documented():
    assert dict(SUPPRESSION_MARKERS) == EXPECTED
    with pytest.raises(TypeError):  # one table, read-only
        SUPPRESSION_MARKERS["c"] = "zero"  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["tidy", "fingertips"])
@pytest.mark.parametrize("column", list(NUMBERS))
def test_every_marker_form_in_every_number_column_is_missing_with_its_reason(
        tmp_path, fmt, column):
    cases = marked_cases()
    if fmt == "tidy":
        path = write(tmp_path, "tidy.csv", TIDY_HEADER,
                     [tidy_row(period, **{column: text}) for period, text, _ in cases])
    else:
        path = write(tmp_path, "ft.csv", FT_HEADER,
                     [ft_row(period, **{column: text}) for period, text, _ in cases])
    frame = read_series(path, unit="%")
    assert len(frame) == len(cases) == 35  # no row dropped, none refused
    frame = frame.set_index(frame["period"].map(str))
    field = NUMBERS[column][2]
    for period, text, marker in cases:
        row = frame.loc[period]
        assert pd.isna(row[column]), (text, row[column])  # missing, never 0
        for other, number in GIVEN.items():
            if other != column:
                assert row[other] == number
        reason = EXPECTED[marker] if field is None else f"{field} {EXPECTED[marker]}"
        assert row["missing_reason"] == reason, text


def test_rows_without_markers_have_no_reason(tmp_path):
    rows = [
        tidy_row("2019"),
        tidy_row("2020", value="NA", lower="", upper="", count="", denominator=""),
        tidy_row("2021", value="", lower="", upper="", count="", denominator=""),
    ]
    frame = read_series(write(tmp_path, "plain.csv", TIDY_HEADER, rows))
    assert frame["missing_reason"].isna().all()
    assert frame["value"].isna().tolist() == [False, True, True]


def test_several_marked_columns_are_all_named(tmp_path):
    rows = [
        tidy_row("2019", count="c", denominator="[x]"),
        tidy_row("2020", value="", lower="", upper="", count="C"),
        tidy_row("2021", value="x", count="c", denominator="[c]"),
    ]
    frame = read_series(write(tmp_path, "several.csv", TIDY_HEADER, rows))
    assert frame["missing_reason"].tolist() == [
        "count withheld: small numbers; denominator not available",
        "count withheld: small numbers",  # no value, and its count withheld
        "not available",  # the value's own marker says it
    ]
    assert frame["value"].tolist()[0] == 50.0


def test_fingertips_value_note_is_the_reason_for_an_empty_value(tmp_path):
    empty = {"value": "", "lower": "", "upper": "", "count": "", "denominator": ""}
    rows = [
        ft_row("2015", note="Value suppressed for disclosure control due to small count",
               **empty),
        ft_row("2016", note="Count < 3", **empty),
        ft_row("2017", **empty),
        ft_row("2018", note="Aggregated from all known lower geography values"),
        ft_row("2019", note="Data quality issue", **{**empty, "value": "c"}),
        # the same empty figure under another parent, with another note: kept once
        ft_row("2016", parent="E92000001", note="Value missing", **empty),
    ]
    frame = read_series(write(tmp_path, "ft.csv", FT_HEADER, rows), unit="%")
    assert len(frame) == 5
    frame = frame.set_index(frame["period"].map(str))
    assert frame.loc["2015", "missing_reason"] == ("Value suppressed for disclosure control "
                                                   "due to small count")
    assert frame.loc["2016", "missing_reason"] == "Count < 3"
    assert pd.isna(frame.loc["2017", "missing_reason"])
    # a value published with a note: the note is kept, and nothing is missing
    assert frame.loc["2018", "value"] == 50
    assert pd.isna(frame.loc["2018", "missing_reason"])
    assert frame.loc["2018", "value_note"] == "Aggregated from all known lower geography values"
    # a marker in the value says why before the note does; the note is kept as it is
    assert frame.loc["2019", "missing_reason"] == "withheld: small numbers"
    assert frame.loc["2019", "value_note"] == "Data quality issue"


def test_a_marker_is_not_a_number_for_the_checks(tmp_path):
    # A withheld count beside a tiny denominator, a withheld limit beside a value: neither
    # is compared as if it were 0.
    rows = [tidy_row("2019", count="c", denominator="3"), tidy_row("2020", upper="[low]")]
    frame = read_series(write(tmp_path, "checks.csv", TIDY_HEADER, rows))
    assert frame["count"].isna().tolist() == [True, False]
    assert frame["upper"].isna().tolist() == [False, True]
    assert frame["confidence"].tolist() == [0.95, 0.95]  # a limit is still published


@pytest.mark.parametrize("text", ["n/a", "12a", "-", "N/A", "cc", "[c", "c]", "(c)", "[n/a]",
                                  "..", "*", "[]"])
@pytest.mark.parametrize(("fmt", "column"), [
    ("tidy", "value"), ("tidy", "lower_ci"), ("tidy", "upper_ci"), ("tidy", "count"),
    ("tidy", "denominator"), ("fingertips", "Value"), ("fingertips", "Count"),
    ("fingertips", "Denominator"),
])
def test_other_text_in_a_number_column_is_refused_naming_file_row_and_column(
        tmp_path, text, fmt, column):
    name = next(k for k, v in NUMBERS.items() if column in v[:2])
    if fmt == "tidy":
        rows = [tidy_row("2019"), tidy_row("2020", **{name: text}), tidy_row("2021")]
        path = write(tmp_path, "bad.csv", TIDY_HEADER, rows)
    else:
        rows = [ft_row("2019"), ft_row("2020", **{name: text}), ft_row("2021")]
        path = write(tmp_path, "bad.csv", FT_HEADER, rows)
    with pytest.raises(DataError) as caught:
        read_series(path, unit="%")
    assert str(caught.value).startswith(
        f"{path.resolve()}: row 3 (counting the header as row 1), column {column!r} holds "
        f"{text!r}, which is not a number")


# ---- the seven series of data/README.md section 7 -----------------------------------------

#: File, kind of period, and withheld value cells in the london-boroughs version
#: (data/README.md section 7: 7 re-referrals, 1 looked after, 17 second plans).
NEW = {
    "ncmp_reception_overweight_incl_obese_ons_els": ("academic_year", 0),
    "ncmp_year6_overweight_incl_obese_ons_els": ("academic_year", 0),
    "smoking_prevalence_adults_aps_ons_els": ("calendar_year", 0),
    "children_looked_after_rate_per_10k_dfe": ("financial_year", 1),
    "children_starting_care_rate_per_10k_dfe": ("financial_year", 0),
    "children_in_need_rereferrals_12_months_dfe": ("financial_year", 7),
    "child_protection_second_plans_dfe": ("financial_year", 17),
}
RAW_NUMBERS = {"value": "value", "lower": "lower_ci", "upper": "upper_ci", "count": "count",
               "denominator": "denominator"}


def _raw(relative: str) -> list[dict[str, str]]:
    with (TIMESERIES / f"{relative}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_the_seven_are_shipped_in_both_folders():
    for folder in (False, True):
        listed = series_files(london_boroughs=folder)
        assert len(listed) == 32
        for name in NEW:
            assert any(f.endswith(f"/{name}.csv") for f in listed)


@pytest.mark.parametrize("folder", ["", "london-boroughs/"])
@pytest.mark.parametrize("name", list(NEW))
def test_the_seven_read_as_published_with_their_withheld_cells(name, folder):
    kind, withheld_in_boroughs = NEW[name]
    raw = _raw(folder + name)
    frame = series(folder + name)  # split_year from sources.yml
    assert len(frame) == len(raw)

    # Periods: DfE's "2020/21" is the year to 31 March 2021; NCMP school years end in
    # August; the smoking years are calendar years.
    assert {p.kind for p in frame["period"]} == {kind}
    for period in frame["period"]:
        first = int(period.label[:4])
        end = {"financial_year": dt.date(first + 1, 3, 31),
               "academic_year": dt.date(first + 1, 8, 31),
               "calendar_year": dt.date(first, 12, 31)}[kind]
        assert period.end == end

    # Withheld value cells, counted in the raw file, as section 7 states (none in the
    # Tower Hamlets, London and England file).
    marked = [r for r in raw if r["value"] in ("c", "x")]
    assert len(marked) == (withheld_in_boroughs if folder else 0)
    assert int((frame["value"].isna() & frame["missing_reason"].notna()).sum()) == len(marked)

    # Every number as published; every marker missing, its reason in words.
    by_key = frame.set_index(["area_code", frame["period"].map(str)])
    assert by_key.index.is_unique
    for r in raw:
        row = by_key.loc[(r["area_code"], r["period"])]
        for column, raw_column in RAW_NUMBERS.items():
            text = r[raw_column]
            if _is_number(text):
                assert row[column] == float(text)
            else:
                assert text in ("", "c", "x")
                assert pd.isna(row[column])
        if r["value"] in ("c", "x"):
            assert row["missing_reason"] == {"c": "withheld: small numbers",
                                             "x": "not available"}[r["value"]]
        elif any(r[c] in ("c", "x") for c in ("count", "denominator")):
            assert row["missing_reason"].startswith(("count ", "denominator "))
        else:
            assert pd.isna(row["missing_reason"])


@pytest.mark.parametrize(("name", "per"), [
    ("children_looked_after_rate_per_10k_dfe", 10_000),
    ("children_starting_care_rate_per_10k_dfe", 10_000),
    ("children_in_need_rereferrals_12_months_dfe", 100),
    ("child_protection_second_plans_dfe", 100),
])
def test_dfe_counts_and_denominators_give_the_published_values(name, per):
    # By hand: the looked-after rate is children / population 0-17 x 10,000, published as a
    # whole number (Tower Hamlets 2020/21: 305 / 64,243 x 10,000 = 47.48, published 47);
    # the percentages are count / denominator x 100 to 1 decimal place. Checked on every
    # borough row with all three numbers, so count and denominator were read into the
    # right columns.
    decimals = 0 if per == 10_000 else 1
    checked = 0
    for r in _raw(f"london-boroughs/{name}"):
        if r["area_code"].startswith("E09") and all(
                _is_number(r[c]) for c in ("value", "count", "denominator")):
            worked = float(r["count"]) / float(r["denominator"]) * per
            assert abs(worked - float(r["value"])) <= 0.5 * 10 ** -decimals + 1e-9, r
            checked += 1
    frame = series(f"london-boroughs/{name}")
    boroughs = frame[frame["area_code"].str.startswith("E09")].dropna(
        subset=["value", "count", "denominator"])
    assert len(boroughs) == checked
    worked = boroughs["count"] / boroughs["denominator"] * per
    assert ((worked - boroughs["value"]).abs() <= 0.5 * 10 ** -decimals + 1e-9).all()


# ---- the reason reaches the figures layer -------------------------------------------------

def test_series_values_says_why_a_value_is_missing():
    measure = figures.series_measure("children_looked_after_rate_per_10k_dfe",
                                     london_boroughs=True)
    latest = figures.series_periods(measure)[-1]
    with pytest.raises(figures.MissingSeriesValueError) as caught:
        figures.series_values(measure, "E09000001", latest)  # City of London, "c"
    assert isinstance(caught.value, NotCoveredError)  # recipes that skip it still do
    assert caught.value.reason == "withheld: small numbers"
    assert "(withheld: small numbers)" in str(caught.value)
    raw = next(r for r in _raw("london-boroughs/children_looked_after_rate_per_10k_dfe")
               if r["area_code"] == "E09000030" and r["period"] == latest.label)
    row = figures.series_values(measure, "E09000030", latest)  # a value: as before
    assert (row["value"], row["count"]) == (float(raw["value"]), float(raw["count"]))
    with pytest.raises(NotCoveredError) as absent:  # no row at all: not "missing"
        figures.series_values(measure, "E09999999", latest)
    assert not isinstance(absent.value, figures.MissingSeriesValueError)


def test_the_recipe_lookup_says_why_a_value_is_missing(tmp_path, monkeypatch):
    folder = tmp_path / "open-data" / "timeseries"
    folder.mkdir(parents=True)
    monkeypatch.setenv("THLIB_DATA_DIR", str(tmp_path))
    rows = [
        tidy_row("2019"),
        tidy_row("2020", value="[c]", count="[c]"),
        tidy_row("2021", value="NA", lower="", upper="", count="", denominator=""),
        tidy_row("2022"),
    ]
    write(folder, "fixture_marked.csv", TIDY_HEADER, rows)
    measure = figures.series_measure("fixture_marked")
    periods = {p.label: p for p in measure["period"]}
    found = figures._series_row("fixture_marked", None, None, None, "E09000030",
                                periods["2019"])
    assert found["value"] == 50.0
    with pytest.raises(figures.MissingSeriesValueError) as caught:
        figures._series_row("fixture_marked", None, None, None, "E09000030", periods["2020"])
    assert caught.value.reason == "withheld: small numbers"
    with pytest.raises(figures.MissingSeriesValueError) as caught:
        figures._series_row("fixture_marked", None, None, None, "E09000030", periods["2021"])
    assert caught.value.reason is None  # NA: no value, no reason given
    with pytest.raises(NotCoveredError) as absent:
        figures._series_row("fixture_marked", None, None, None, "E12000007", periods["2019"])
    assert not isinstance(absent.value, figures.MissingSeriesValueError)
