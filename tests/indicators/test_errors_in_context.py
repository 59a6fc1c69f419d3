"""An error met while computing an indicator names the indicator, its file, area and rows."""

import pandas as pd
import pytest

from thlib.errors import DataError, StatsInputError
from thlib.indicators import values
from thlib.indicators.catalogue import get_indicator
from thlib.indicators.recipes import RECIPES


def _rows(numerators, denominators):
    """Recipe rows for two wards, as a recipe returns them."""
    return pd.DataFrame({"area_type": "ward", "code": ["E05009317", "E05009318"],
                         "name": ["Bethnal Green East", "Blackwall & Cubitt Town"],
                         "numerator": numerators, "denominator": denominators})


def test_a_count_above_its_denominator_names_indicator_file_area_and_counts(monkeypatch):
    indicator = get_indicator("social-rented-households")
    monkeypatch.setitem(RECIPES, "census_share",
                        lambda spec, geo: _rows([100.0, 102668.0], [500.0, 7081.0]))
    with pytest.raises(StatsInputError) as caught:
        values.indicator_values(indicator, ["ward"])
    message = str(caught.value)
    assert message.startswith(f"indicator 'social-rented-households' ({indicator.file}), recipe ")
    assert "ward Blackwall & Cubitt Town (E05009318), 2021: numerator 102668, " \
           "denominator 7081: numerator (position 1) is 102668, above its denominator 7081" \
        in message


def test_a_data_error_inside_a_recipe_names_the_indicator(monkeypatch):
    def broken(spec, geo):
        raise DataError("open-data/x.csv: row 5 is wrong")

    monkeypatch.setitem(RECIPES, "crime_rate", broken)
    with pytest.raises(DataError, match=r"^indicator 'crime-rate' \(communities.yml\), recipe "
                                        r"\{.*\}: open-data/x.csv: row 5 is wrong$"):
        values.indicator_values("crime-rate", ["ward"])
