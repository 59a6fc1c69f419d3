"""The catalogue: every shipped indicator, and clear errors for bad definitions."""

import shutil

import pytest
import yaml

from thlib.errors import DataError
from thlib.indicators import catalogue, get_indicator, load_catalogue
from thlib.indicators.catalogue import DEFINITIONS


def test_the_catalogue_holds_exactly_the_indicators_of_the_yaml_files():
    # Counted from the definition files with plain YAML, not through thlib.
    ids = [entry["id"] for path in sorted(DEFINITIONS.glob("*.yml"))
           for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]]
    # 65 before the series: 4 GLA duplicates removed (employment rate 2015, Year 6 obesity
    # 2015/16, life satisfaction and anxiety 2011-14), and 30 series entries added: one per
    # file of the 25, but 3 for EYFSP's areas of learning, 2 for low income before and after
    # housing costs, 2 each for life expectancy and healthy life expectancy by sex; then one
    # for each of the 7 series with intervals or counts (data/README.md section 7).
    assert len(ids) == 65 - 4 + (25 - 4) + 3 + 2 + 2 + 2 + 7 == 98 == len(set(ids))
    assert sorted(catalogue()) == sorted(ids)


def test_every_indicator_names_its_source_licence_and_owner():
    for indicator in catalogue().values():
        assert indicator.source["licence"].startswith("OGL"), indicator.id
        assert indicator.owner and indicator.source["period"]


def _copy_with(tmp_path, old, new):
    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, folder)
    path = folder / "communities.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_bad_polarity_names_file_indicator_and_field(tmp_path):
    folder = _copy_with(tmp_path, "polarity: no_judgement", "polarity: up")
    with pytest.raises(DataError) as error:
        load_catalogue(folder)
    message = str(error.value)
    assert "communities.yml" in message and "'sexual-offences-rate'" in message
    assert "field polarity" in message and "'up' is not one of" in message


def test_missing_field_is_named(tmp_path):
    folder = _copy_with(tmp_path, "    owner: Tower Hamlets Housing Forum with Tower Hamlets "
                                  "Council (Housing)\n", "")
    with pytest.raises(DataError, match="'owner' is a required property"):
        load_catalogue(folder)


def test_duplicate_id_is_refused(tmp_path):
    folder = _copy_with(tmp_path, "id: private-rented-households", "id: social-rented-households")
    with pytest.raises(DataError, match="'social-rented-households' is already defined"):
        load_catalogue(folder)


def test_unknown_indicator_suggests_close_ids():
    with pytest.raises(DataError, match="did you mean crime-rate"):
        get_indicator("crime-rates")


_ENTRY = """\
indicators:
  - id: test-share
    title: A test share
    definition: A share used to test the catalogue schema.
    numerator: Some
    denominator: All
    statistic: proportion
    uncertainty: counts
    unit: "%"
    multiplier: 100
    polarity: no_judgement
    source: {publisher: ONS, dataset: Census 2021, period: "2021", licence: OGL v3.0}
    geographies: [borough]
    owner: Nobody
    recipe: RECIPE
"""


def _load_with_recipe(tmp_path, recipe):
    path = tmp_path / "bad.yml"
    path.write_text(_ENTRY.replace("RECIPE", recipe), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_catalogue(tmp_path)
    message = str(error.value)
    assert str(path) in message and "indicator 'test-share'" in message
    return message


def test_a_valid_small_catalogue_loads(tmp_path):
    (tmp_path / "good.yml").write_text(
        _ENTRY.replace("RECIPE", "{type: census_share, table: ts054, numerator: [Owned]}"),
        encoding="utf-8")
    assert list(load_catalogue(tmp_path)) == ["test-share"]


@pytest.mark.parametrize("recipe, field, problem", [
    ("{type: census_share, table: ts999, numerator: [Owned]}", "recipe.table",
     "'ts999' is not one of ['ts007a'"),
    ("{type: census_share, table: ts054, numerator: [Owned, Rented]}", "recipe.numerator.1",
     "'Rented' is not one of ['Owned'"),
    ("{type: census_share, table: ts066, numerator: [Unemployed], denominator: [Working]}",
     "recipe.denominator.0", "'Working' is not one of"),
    ("{type: census_share, numerator: [Owned]}", "recipe", "'table' is a required property"),
    ("{type: crime_rate, months: twelve}", "recipe.months", "'twelve' is not of type 'integer'"),
    ("{type: crime_rate, month: 12}", "recipe", "('month' was unexpected)"),
    ("{type: iod_lsoa_share, edition: 2019, decile: imd_decile, deciles: [0]}",
     "recipe.deciles.0", "0 is less than the minimum of 1"),
    ("{type: iod_weighted, edition: 2015, score: idaci_score, weight: children_0_15}",
     "recipe.edition", "2015 is not one of [2025, 2019]"),
    ("{type: air_quality, pollutant: SO2}", "recipe.pollutant", "'SO2' is not one of"),
    ("{type: transport_access, table: ts054}", "recipe", "('table' was unexpected)"),
    ("{type: published, file: borough_profiles}", "recipe", "'column' is a required property"),
    ("{type: guesswork}", "recipe.type", "'guesswork' is not one of"),
])
def test_a_bad_recipe_names_file_indicator_and_field(tmp_path, recipe, field, problem):
    message = _load_with_recipe(tmp_path, recipe)
    assert f"field {field}: " in message
    assert problem in message
