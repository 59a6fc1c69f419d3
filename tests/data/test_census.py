"""Census loaders against published figures and the raw files read independently."""

import csv

import pytest

from thlib.data import census, census_tables, census_totals, data_dir
from thlib.errors import DataError


def test_borough_population_is_the_published_census_figure():
    # ONS Census 2021, TS007A: Tower Hamlets usual residents 310,306.
    ages = census("ts007a")
    borough = ages[ages["code"] == "E09000030"]
    assert borough["total"].iloc[0] == 310306
    assert borough["count"].sum() == 310306  # the 18 bands add up to the total


def test_borough_has_169_lsoas_in_every_lsoa_table():
    for table_id in ("ts007a", "ts021", "ts054", "ts067", "ts037", "ts038"):
        frame = census(table_id)
        assert frame.loc[frame["code"].str.startswith("E01"), "code"].nunique() == 169, table_id


def test_ward_populations_are_the_ts022_figures():
    # TS022 usual residents by ward (2022 wards), as published by ONS.
    totals = census_totals("ts022")
    assert totals["E05009331"] == 19797  # St Peter's, now Bethnal Green West
    assert totals["E05009328"] == 8077  # Poplar
    assert totals.filter(like="E050").size == 20


def test_census_totals_are_the_universe_column_of_the_raw_file():
    path = data_dir() / "open-data/census2021/census2021_ts054_tenure_tower_hamlets.csv"
    with path.open(encoding="utf-8") as handle:
        raw = {r["geography code"]: int(r["Tenure of household: Total: All households"])
               for r in csv.DictReader(handle)}
    assert census_totals("ts054").to_dict() == raw


def test_a_total_that_differs_between_category_rows_names_file_table_code_and_values(data_copy):
    # TS021 is long: one row per LSOA and ethnic group, each repeating the LSOA's total.
    path = data_copy / "open-data/census2021/census2021_ts021_ethnic_group_broad_tower_hamlets.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("LSOA 2021,E01004198,1487.0,")
    lines[1] = lines[1].replace(",1487.0,", ",1488.0,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        census_totals("ts021")
    message = str(error.value)
    assert "census2021_ts021_ethnic_group_broad_tower_hamlets.csv" in message
    assert "TS021" in message and "E01004198" in message and "1487.0, 1488.0" in message


def test_tenure_matches_the_raw_row_read_with_the_csv_module():
    path = data_dir() / "open-data/census2021/census2021_ts054_tenure_tower_hamlets.csv"
    with path.open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["geography code"] == "E09000030")
    tenure = census("ts054").set_index(["code", "category"])
    assert tenure.loc[("E09000030", "Private rented"), "count"] == int(
        row["Tenure of household: Private rented"]
    )
    social = int(row["Tenure of household: Social rented: Rents from council or Local Authority"])
    assert tenure.loc[("E09000030", "Social rented (council)"), "count"] == social


def test_long_table_matches_the_raw_rows_read_with_the_csv_module():
    path = data_dir() / "open-data/census2021/census2021_ts021_ethnic_group_broad_tower_hamlets.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["geography_code"] == "E09000030"]
    asian = next(r for r in rows if r["ethnic_group"] == "Asian, Asian British or Asian Welsh")
    ethnicity = census("ts021").set_index(["code", "category"])
    assert ethnicity.loc[("E09000030", "Asian"), "count"] == float(asian["n"])
    assert ethnicity.loc[("E09000030", "Asian"), "total"] == float(asian["total_residents"])


def test_every_table_has_one_row_per_raw_geography_and_category():
    # Expected from the raw file (read with csv) and census_tables.yml: a wide file gives one
    # row per geography and category, a long file one row per line.
    for table_id, spec in census_tables().items():
        path = data_dir() / "open-data" / spec["file"]
        with path.open(encoding="utf-8", newline="") as handle:
            raw = list(csv.DictReader(handle))
        frame = census(table_id)
        assert set(frame["code"]) == {r[spec["code"]] for r in raw}, table_id
        expected = len(raw) * len(spec["categories"]) if spec["layout"] == "wide" else len(raw)
        assert len(frame) == expected, table_id


def test_msoa_table_has_34_msoas():
    frame = census("ts029")
    assert frame["code"].nunique() == 34
    assert set(frame["code"].str[:3]) == {"E02"}


def test_every_defined_table_loads_with_ordered_categories():
    for table_id, spec in census_tables().items():
        frame = census(table_id)
        assert list(frame["category"].cat.categories) == list(spec["categories"])
        assert (frame["count"] >= 0).all()
        assert (frame["count"] <= frame["total"]).all(), table_id


def test_unknown_table_is_a_clear_error():
    with pytest.raises(DataError, match="no Census table 'ts999'"):
        census("ts999")


def test_a_malformed_value_names_file_row_and_column(data_copy):
    path = data_copy / "open-data/census2021/census2021_ts054_tenure_tower_hamlets.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[5] = "n/a"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        census("ts054")
    message = str(error.value)
    assert "census2021_ts054_tenure_tower_hamlets.csv" in message
    assert "row 4" in message and "'n/a'" in message


def test_a_missing_file_says_how_to_restore_it(data_copy):
    (data_copy / "open-data/census2021/census2021_ts037_general_health_tower_hamlets.csv").unlink()
    with pytest.raises(DataError, match="is missing: restore it"):
        census("ts037")


def _ts004_raw():
    path = (data_dir() / "open-data/census2021/"
            "census2021_ts004_country_of_birth_tower_hamlets.csv")
    with path.open(encoding="utf-8") as handle:
        return {r["geography code"]: r for r in csv.DictReader(handle)}


def test_country_of_birth_categories_add_up_to_the_total():
    # TS004's mutually exclusive groups: the UK and the EU and non-EU rest of Europe, the
    # four other continents, and "British Overseas", which must not be left out.
    raw = _ts004_raw()
    groups = ["Europe: United Kingdom", "Europe: EU countries", "Europe: Non-EU countries",
              "Africa", "Middle East and Asia", "The Americas and the Caribbean",
              "Antarctica and Oceania (including Australasia) and Other", "British Overseas "]
    frame = census("ts004")
    for code in ("E09000030", "E12000007", "E92000001"):
        total = int(raw[code]["Country of birth: Total; measures: Value"])
        by_hand = sum(int(raw[code][f"Country of birth: {g}; measures: Value"]) for g in groups)
        assert by_hand == total, code
        area = frame[frame["code"] == code]
        assert area["count"].sum() == total, code
        assert set(area["total"]) == {total}
    borough = frame[frame["code"] == "E09000030"].set_index("category")["count"]
    assert borough["British Overseas"] == 159
