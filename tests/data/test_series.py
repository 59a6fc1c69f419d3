"""Series files: both formats read to one tidy frame; every bad file named by file, row, column.

Fixture files are written here, in ``tmp_path``. The tidy fixture copies real rows of the
shipped employment rate file (Tower Hamlets, London and England, 2022 and 2023). The Fingertips
fixture's indicator ("Fixture proportion", ID 1) and its numbers are test inputs made up to
exercise the format and its checks, not data about any area; expected values are those inputs
read back, or worked by hand. The shipped files are checked against the raw CSV read with the
``csv`` module.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest

from thlib.data import (
    SERIES_COLUMNS,
    TIDY_COLUMNS,
    read_series,
    series,
    series_files,
    statistical_neighbours,
)
from thlib.errors import DataError
from thlib.periods import Period

REPO = Path(__file__).resolve().parents[2]
TIMESERIES = REPO / "data" / "open-data" / "timeseries"

TIDY_HEADER = ",".join(TIDY_COLUMNS)
# Real rows of employment_rate_16_64_aps_ons.csv (ONS APS via Explore Local Statistics).
TIDY_ROWS = [
    'E09000030,Tower Hamlets,2022,72.8,67.2,78.39999999999999,,,%,Persons,16-64,'
    '"Employment rate, aged 16-64 (APS, Jan-Dec)",2022-01-01/P1Y,'
    'ELS:employment-rate/employment-rate.csv',
    'E09000030,Tower Hamlets,2023,66.2,59.800000000000004,72.60000000000001,,,%,Persons,16-64,'
    '"Employment rate, aged 16-64 (APS, Jan-Dec)",2023-01-01/P1Y,'
    'ELS:employment-rate/employment-rate.csv',
    'E12000007,London,2023,74.9,74.1,75.7,,,%,Persons,16-64,'
    '"Employment rate, aged 16-64 (APS, Jan-Dec)",2023-01-01/P1Y,'
    'ELS:employment-rate/employment-rate.csv',
]

FT_HEADER = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
    "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,"
    "Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,"
    "Compared to England value or percentiles,Compared to Region value or percentiles,"
    "Time period Sortable,New data,Compared to goal,Time period range"
)


def ft_row(area="E09000030", name="Tower Hamlets", parent="E12000007", period="2023/24",
           value="25", lower95="20", upper95="30", count="50", denominator="200", note="",
           category_type="", category="", sex="Persons"):
    return (f"1,Fixture proportion,{parent},Parent,{area},{name},Districts & UAs,{sex},"
            f"10-11 yrs,{category_type},{category},{period},{value},{lower95},{upper95},"
            f"15,35,{count},{denominator},{note},Cannot be calculated,Worse,Similar,20230000,"
            ",,1y")


FT_ROWS = [
    ft_row(area="E92000001", name="England", parent="", value="20", lower95="19.5",
           upper95="20.5", count="100", denominator="500"),
    ft_row(),
    # Fingertips lists an area again under another parent: the same figure, kept once.
    ft_row(parent="E92000001"),
    ft_row(period="2022/23", value="", lower95="", upper95="", count="", denominator="",
           note="Value suppressed for disclosure control"),
    ft_row(category_type="LA deprivation deciles", category="Most deprived decile",
           value="40", lower95="35", upper95="45", count="20", denominator="50"),
]


def write(folder: Path, name: str, header: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# ---- the two formats ----------------------------------------------------------------------

def test_tidy_format_reads_to_the_series_columns(tmp_path):
    frame = read_series(write(tmp_path, "employment.csv", TIDY_HEADER, TIDY_ROWS))
    assert tuple(frame.columns) == SERIES_COLUMNS
    assert frame.attrs["source_file"] == str((tmp_path / "employment.csv").resolve())
    assert frame.attrs["format"] == "tidy published series"
    th = frame[frame["area_code"] == "E09000030"]
    assert [p.label for p in th["period"]] == ["2022", "2023"]
    latest = th.iloc[-1]
    assert latest["period"] == Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert latest["value"] == 66.2
    assert latest["lower"] == pytest.approx(59.8)
    assert latest["upper"] == pytest.approx(72.6)
    assert latest["confidence"] == 0.95
    assert pd.isna(latest["count"]) and pd.isna(latest["value_note"])
    assert latest["unit"] == "%" and latest["sex"] == "Persons" and latest["age"] == "16-64"
    assert latest["period_source"] == "2023-01-01/P1Y"
    assert latest["source_file"].endswith("employment.csv")
    assert frame.loc[frame["area_code"] == "E12000007", "area_name"].tolist() == ["London"]


def test_na_and_blank_values_are_kept_as_missing_rows(tmp_path):
    rows = [
        "E09000030,Tower Hamlets,2019/20,24.6,,,,,%,Persons,4-5,Reception obesity,2019/20,TDL",
        "E09000030,Tower Hamlets,2020/21,NA,,,,,%,Persons,4-5,Reception obesity,2020/21,TDL",
        "E09000001,City of London,2020/21,,,,,,%,Persons,4-5,Reception obesity,2020/21,TDL",
    ]
    frame = read_series(write(tmp_path, "ncmp.csv", TIDY_HEADER, rows), split_year="academic")
    assert len(frame) == 3
    assert frame["value"].isna().sum() == 2
    assert frame["period"].iloc[0].end == dt.date(2021, 8, 31)  # academic year 2020/21
    assert frame["confidence"].isna().all()  # no limits published


def test_fingertips_export_reads_to_the_same_columns(tmp_path):
    frame = read_series(write(tmp_path, "fingertips.csv", FT_HEADER, FT_ROWS),
                        split_year="financial", unit="%")
    assert tuple(frame.columns) == SERIES_COLUMNS
    assert frame.attrs["format"] == "Fingertips API CSV export"
    # England once, Tower Hamlets twice (2022/23 suppressed, 2023/24): the repeat and the
    # category row are left out.
    assert sorted(frame["area_code"]) == ["E09000030", "E09000030", "E92000001"]
    th = frame[frame["area_code"] == "E09000030"]
    th = th.set_index(th["period"].map(str))
    row = th.loc["2023/24"]
    assert (row["value"], row["lower"], row["upper"]) == (25, 20, 30)  # the 95% limits
    assert (row["count"], row["denominator"], row["confidence"]) == (50, 200, 0.95)
    assert row["indicator"] == "Fixture proportion" and row["indicator_id"] == "1"
    assert row["period"] == Period.financial_year(2023)
    assert row["unit"] == "%" and row["age"] == "10-11 yrs" and row["sex"] == "Persons"
    assert row["period_source"] == "2023/24"
    assert pd.isna(row["category_type"])
    suppressed = th.loc["2022/23"]
    assert pd.isna(suppressed["value"])
    assert suppressed["value_note"] == "Value suppressed for disclosure control"


def test_fingertips_category_rows_when_asked(tmp_path):
    frame = read_series(write(tmp_path, "fingertips.csv", FT_HEADER, FT_ROWS),
                        split_year="financial", categories=True)
    decile = frame[frame["category"] == "Most deprived decile"]
    assert len(frame) == 4 and len(decile) == 1
    assert decile["value"].iloc[0] == 40
    assert decile["category_type"].iloc[0] == "LA deprivation deciles"


def test_the_same_file_in_both_formats_gives_the_same_figures(tmp_path):
    tidy = ["E09000030,Tower Hamlets,2023/24,25,20,30,50,200,%,Persons,10-11 yrs,"
            "Fixture proportion,2023/24,fixture"]
    a = read_series(write(tmp_path, "a.csv", TIDY_HEADER, tidy), split_year="financial")
    b = read_series(write(tmp_path, "b.csv", FT_HEADER, [ft_row()]), split_year="financial",
                    unit="%")
    columns = ["indicator", "area_code", "period", "value", "lower", "upper", "confidence",
               "count", "denominator", "unit", "sex", "age"]
    pd.testing.assert_frame_equal(a[columns], b[columns])


# ---- bad files: each error names the file, the row and the column -------------------------

def tidy_with(row: int, column: str, text: str) -> list[str]:
    """Return TIDY_ROWS with one cell changed (``row`` counts the header as row 1)."""
    rows = [list(r) for r in csv.reader(TIDY_ROWS)]
    rows[row - 2][TIDY_COLUMNS.index(column)] = text
    lines = []
    for cells in rows:
        lines.append(",".join(f'"{c}"' if "," in c else c for c in cells))
    return lines


@pytest.mark.parametrize(
    ("row", "column", "text", "message"),
    [
        (3, "value", "66,2", "holds '66,2', which is not a number"),
        (2, "lower_ci", "n/a", "holds 'n/a', which is not a number"),
        (4, "count", "-5", "holds -5, which is negative"),
        (3, "denominator", "-1", "holds -1, which is negative"),
        (3, "lower_ci", "70", "holds 70, above the value 66.2"),
        (4, "upper_ci", "70", "holds 70, below the value 74.9"),
        (3, "period", "last year", "holds 'last year', but its period_source"),
        (2, "period_source", "2022-13-01/P1Y", "holds a period thlib cannot read"),
        (4, "area_code", "London", "holds 'London', which is not a GSS area code"),
        (2, "area_code", "E0900030", "holds 'E0900030', which is not a GSS area code"),
    ],
)
def test_a_bad_cell_is_named_by_file_row_and_column(tmp_path, row, column, text, message):
    path = write(tmp_path, "bad.csv", TIDY_HEADER, tidy_with(row, column, text))
    with pytest.raises(DataError) as caught:
        read_series(path)
    assert str(caught.value).startswith(f"{path.resolve()}: row {row} (counting the header "
                                        f"as row 1), column {column!r} ")
    assert message in str(caught.value)


def test_an_unreadable_period_without_an_iso_source(tmp_path):
    rows = tidy_with(3, "period_source", "")
    rows = [r.replace(",2023,", ",2023 to Q3,", 1) if i == 1 else r for i, r in enumerate(rows)]
    path = write(tmp_path, "bad.csv", TIDY_HEADER, rows)
    with pytest.raises(DataError, match=r"bad.csv: row 3 \(counting the header as row 1\), "
                                        r"column 'period' holds a period thlib cannot read "
                                        r"\(cannot read period '2023 to Q3'"):
        read_series(path)


def test_a_split_year_must_be_named(tmp_path):
    rows = ["E09000030,Tower Hamlets,2014/15,27,,,,,%,Persons,10-11,Year 6 obesity,2014/15,TDL"]
    path = write(tmp_path, "y6.csv", TIDY_HEADER, rows)
    with pytest.raises(DataError, match=r"y6.csv: row 2 .* column 'period' .*'2014/15' could be "
                                        r"a financial year .*name split_year"):
        read_series(path)
    assert read_series(path, split_year="academic")["period"].iloc[0].start == dt.date(2014, 9, 1)


def test_a_count_above_its_denominator_in_a_percentage(tmp_path):
    rows = [ft_row(count="201", denominator="200")]
    path = write(tmp_path, "ft.csv", FT_HEADER, rows)
    with pytest.raises(DataError, match=r"ft.csv: row 2 \(counting the header as row 1\), "
                                        r"column 'Count' holds 201, more than its denominator "
                                        r"200, though the measure is a percentage"):
        read_series(path, split_year="financial", unit="%")
    # Not a percentage (a rate, say): a count may exceed the population it is counted in.
    assert read_series(path, split_year="financial", unit="per 1,000")["count"].iloc[0] == 201


def test_fingertips_errors_name_the_exports_own_columns(tmp_path):
    rows = [FT_ROWS[0], ft_row(lower95="26")]
    path = write(tmp_path, "ft.csv", FT_HEADER, rows)
    with pytest.raises(DataError, match=r"ft.csv: row 3 .* column 'Lower CI 95.0 limit' holds "
                                        r"26, above the value 25"):
        read_series(path, split_year="financial")


def test_duplicate_keys_name_both_rows(tmp_path):
    rows = [*TIDY_ROWS, TIDY_ROWS[1].replace(",66.2,", ",66.3,")]
    path = write(tmp_path, "twice.csv", TIDY_HEADER, rows)
    with pytest.raises(DataError) as caught:
        read_series(path)
    message = str(caught.value)
    assert message.startswith(f"{path.resolve()}: row 5 (counting the header as row 1) "
                              "repeats row 3: the same 'indicator', 'area_code', 'period', "
                              "'sex', 'age'")
    assert "area E09000030, period 2023" in message


def test_fingertips_rows_that_repeat_a_key_with_another_figure_are_refused(tmp_path):
    path = write(tmp_path, "ft.csv", FT_HEADER, [ft_row(), ft_row(parent="", value="26")])
    with pytest.raises(DataError, match=r"row 3 \(counting the header as row 1\) repeats row 2"):
        read_series(path, split_year="financial")


def test_unknown_format_lists_the_expected_columns(tmp_path):
    path = write(tmp_path, "other.csv", "code,year,amount", ["E09000030,2019,1"])
    with pytest.raises(DataError) as caught:
        read_series(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: row 1 (the header) matches no series format")
    assert ", ".join(TIDY_COLUMNS) in message
    assert "Lower CI 95.0 limit" in message and "Time period Sortable" in message


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (TIDY_HEADER.replace(",indicator,", ",indicator_name,"), "'indicator'"),
        (TIDY_HEADER.replace("value,", "observation,", 1), "'value'"),
        (FT_HEADER.replace("Lower CI 95.0 limit,", ""), "'Lower CI 95.0 limit'"),
    ],
)
def test_a_missing_required_column_is_named(tmp_path, header, missing):
    path = write(tmp_path, "short.csv", header, [])
    with pytest.raises(DataError, match=rf"short.csv: row 1 \(the header\) has no column "
                                        rf"{missing}"):
        read_series(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(DataError, match="nowhere.csv does not exist"):
        read_series(tmp_path / "nowhere.csv")


# ---- the data folder: shipped series, refreshing, neighbours ------------------------------

def test_a_newer_file_in_the_data_folder_is_read_on_the_next_load(tmp_path, monkeypatch):
    folder = tmp_path / "open-data" / "timeseries"
    folder.mkdir(parents=True)
    monkeypatch.setenv("THLIB_DATA_DIR", str(tmp_path))
    path = write(folder, "employment.csv", TIDY_HEADER, TIDY_ROWS[:2])
    assert series("employment")["period"].max().label == "2023"
    newer = TIDY_ROWS[1].replace(",2023,", ",2024,").replace("2023-01-01", "2024-01-01")
    write(folder, "employment.csv", TIDY_HEADER, [*TIDY_ROWS[:2], newer])
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    assert series("employment.csv")["period"].max().label == "2024"
    assert series("open-data/timeseries/employment.csv").equals(series("employment"))
    (folder / "london-boroughs").mkdir()
    write(folder / "london-boroughs", "employment.csv", TIDY_HEADER, TIDY_ROWS)
    assert len(series("london-boroughs/employment")) == 3


def test_a_shipped_series_that_is_missing_says_how_to_restore_it():
    with pytest.raises(DataError, match="no_such_series.csv is missing: restore it"):
        series("no_such_series")


def _raw_latest(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """Tower Hamlets' latest period and value per indicator and sex, read with csv only.

    Within one series every period has one form (2019, 2019/20 or 2019-21), so the latest
    is the one with the greatest first year.
    """
    latest: dict[tuple[str, str], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["area_code"] != "E09000030":
                continue
            key = (row["indicator"], row["sex"])
            if key not in latest or int(row["period"][:4]) > int(latest[key][0][:4]):
                latest[key] = (row["period"], row["value"])
    return latest


SHIPPED = sorted(p.relative_to(REPO / "data").as_posix()
                 for p in TIMESERIES.rglob("*.csv") if "neighbours" not in p.name)


def test_every_shipped_series_is_listed():
    # 25 series (data/README.md section 5) and 7 more (section 7), each in both folders.
    assert len(SHIPPED) == 64
    assert sorted(series_files() + series_files(london_boroughs=True)) == SHIPPED
    assert all("london-boroughs/" in f for f in series_files(london_boroughs=True))


@pytest.mark.parametrize("relative", SHIPPED)
def test_every_shipped_series_loads_with_tower_hamlets_latest_as_published(relative):
    frame = series(relative)
    raw = _raw_latest(REPO / "data" / relative)
    assert raw, "every series has Tower Hamlets rows"
    with (REPO / "data" / relative).open(encoding="utf-8", newline="") as handle:
        assert len(frame) == sum(1 for _ in csv.DictReader(handle))
    th = frame[frame["area_code"] == "E09000030"]
    for (indicator, sex), (period, value) in raw.items():
        rows = th[(th["indicator"] == indicator) & (th["sex"].fillna("") == sex)]
        latest = rows.loc[rows["period"].map(lambda p: (p.end, p.start)).idxmax()]
        assert latest["period"].label == period
        if value in ("", "NA", "c", "x"):  # no value, or DfE's markers (section 7)
            assert pd.isna(latest["value"])
        else:
            assert latest["value"] == float(value)


def test_shipped_split_years_come_from_sources_yml():
    year6 = series("ncmp_year6_obesity_fingertips_TH_England_only")
    assert {p.kind for p in year6["period"]} == {"academic_year"}
    inactive = series("physically_inactive_adults_fingertips_TH_England_only")
    assert inactive["period"].iloc[0].start.month == 11  # Active Lives: November to November
    counts = series("children_relative_low_income_count_dwp_statxplore")
    assert {p.kind for p in counts["period"]} == {"financial_year"}
    # ELS files carry ISO dates: Active Lives adult obesity starts on 16 November.
    obesity = series("adult_obesity_prevalence_active_lives_ohid")
    assert obesity["period"].iloc[0].start == dt.date(2015, 11, 16)


def test_statistical_neighbours_are_read_as_published():
    with (TIMESERIES / "statistical_neighbours_tower_hamlets.csv").open(encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    frame = statistical_neighbours()
    assert list(frame.columns) == ["set", "area_code", "area_name", "rank", "source"]
    assert len(frame) == len(raw) == 80
    sizes = frame.groupby("set").size()
    assert sorted(sizes) == [10, 10, 20, 20, 20]
    dfe = [r for r in raw if r["scheme"] == "DfE children's services statistical neighbours "
                                           "(May 2025)"]
    ours = statistical_neighbours("DfE children's services statistical neighbours (May 2025)")
    by_rank = sorted(dfe, key=lambda r: int(r["neighbour_rank"]))
    assert ours["area_code"].tolist() == [r["area_code"] for r in by_rank]
    assert ours["rank"].tolist() == list(range(1, 11))


def test_an_unknown_neighbour_set_lists_the_sets():
    with pytest.raises(DataError, match="no statistical neighbour set 'CIPFA'.*DfE children's"):
        statistical_neighbours("CIPFA")


def test_a_bad_neighbour_rank_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "open-data" / "timeseries"
    folder.mkdir(parents=True)
    monkeypatch.setenv("THLIB_DATA_DIR", str(tmp_path))
    lines = (TIMESERIES / "statistical_neighbours_tower_hamlets.csv").read_text(
        encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",3,", ",third,", 1)
    (folder / "statistical_neighbours_tower_hamlets.csv").write_text("\n".join(lines) + "\n",
                                                                     encoding="utf-8")
    with pytest.raises(DataError, match=r"row 4 \(counting the header as row 1\), column "
                                        r"'neighbour_rank' holds 'third'"):
        statistical_neighbours()


def test_a_value_for_a_period_not_yet_ended_is_refused(tmp_path):
    # A row dated 2031 (a typo for 2021, or a forecast) must not become the latest value.
    rows = tidy_with(3, "period", "2031")
    rows = [r.replace("2023-01-01/P1Y", "2031-01-01/P1Y") if i == 1 else r
            for i, r in enumerate(rows)]
    path = write(tmp_path, "future.csv", TIDY_HEADER, rows)
    with pytest.raises(DataError, match=r"row 3 .*column 'period' holds '2031', a period that "
                                        r"ends on 2031-12-31, after today"):
        read_series(path)
    # A future row without a value (a placeholder) is harmless, and kept.
    empty = [r.replace(",66.2,59.800000000000004,72.60000000000001,", ",,,,") for r in rows]
    assert len(read_series(write(tmp_path, "placeholder.csv", TIDY_HEADER, empty))) == 3


def test_a_header_naming_a_column_twice_is_refused(tmp_path):
    header = TIDY_HEADER.replace("unit,", "value ,")  # 'value' and 'value ' once stripped
    path = write(tmp_path, "twice.csv", header, TIDY_ROWS)
    with pytest.raises(DataError, match=r"row 1 \(the header\) names the column 'value' twice"):
        read_series(path)
