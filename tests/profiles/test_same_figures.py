"""A profile and the annual report give the same figure for the same indicator and area.

The annual report reads :func:`thlib.indicators.all_values`; the profile reads
:class:`thlib.profiles.AreaProfile`. Both are built on :mod:`thlib.indicators.figures`,
so the values must agree exactly (or to rounding where a sum is taken in another order).
"""

import pytest

from thlib.geography import list_areas
from thlib.indicators import all_values, catalogue
from thlib.profiles import AreaProfile


def _areas():
    return [("ward", "E05009317"), ("neighbourhood", list_areas("neighbourhood")[0].code),
            ("borough", "E09000030")]


@pytest.fixture(scope="module", params=_areas(), ids=lambda a: a[0])
def profile(request):
    return AreaProfile(*request.param)


def _value(indicator_id, code):
    values = all_values(indicator_id)
    row = values[values["code"] == code]
    assert len(row) == 1, f"{indicator_id} has no single row for {code}"
    return row["value"].iloc[0]


def _indicators(recipe_type):
    return [i for i in catalogue().values() if i.recipe["type"] == recipe_type]


def test_every_census_share_is_the_profiles_share(profile):
    checked = 0
    for indicator in _indicators("census_share"):
        if profile.area.type not in indicator.geographies:
            continue
        recipe = indicator.recipe
        shares = profile.share(recipe["table"], recipe["numerator"]).set_index("name")
        mine = shares.loc[profile.area.name]
        if "denominator" in recipe:  # a share of some categories, not of the whole table
            below = profile.share(recipe["table"], recipe["denominator"]).set_index("name")
            expected = mine["count"] / below.loc[profile.area.name, "count"] * 100
        else:
            expected = mine["percent"]
        assert _value(indicator.id, profile.area.code) == expected, indicator.id
        checked += 1
    assert checked == len([i for i in _indicators("census_share")
                           if profile.area.type in i.geographies])


def test_crime_rates_are_the_profiles_last_12_months(profile):
    frame = profile.crime_by_category()
    mine = frame[frame["name"] == profile.area.name].set_index("category")
    for indicator in _indicators("crime_rate"):
        categories = indicator.recipe.get("categories")
        if categories is None:  # all crime: the profile's rates by category added up
            assert _value(indicator.id, profile.area.code) == pytest.approx(
                mine["value"].sum(), rel=1e-12), indicator.id
        else:
            assert _value(indicator.id, profile.area.code) == mine.loc[categories, "value"].sum()


def test_income_deprivation_air_quality_and_transport_are_the_profiles(profile):
    name, code = profile.area.name, profile.area.code
    income = profile.income_deprivation().set_index(["name", "category"])["value"]
    assert _value("children-income-deprived-idaci", code) == income[
        (name, "Children living in income-deprived households (IDACI)")]
    assert _value("older-people-income-deprived-idaopi", code) == income[
        (name, "Older people living in income-deprived households (IDAOPI)")]
    air = profile.air_quality().set_index(["name", "category"])["value"]
    assert _value("no2-concentration", code) == air[(name, "nitrogen dioxide (NO₂)")]
    assert _value("pm25-concentration", code) == air[(name, "fine particulate matter (PM2.5)")]
    transport = profile.transport_access().set_index("name")["ptai"]
    assert _value("public-transport-access", code) == transport[name]
    deciles = profile.imd_deciles().query("edition == 'IoD 2025' and name == @name")
    most_deprived = deciles.loc[deciles["decile"] <= 2, "percent"].sum()
    assert _value("imd-2025-most-deprived-20", code) == pytest.approx(most_deprived, rel=1e-12)
