"""The one display helper for numbers, with hand-written expectations."""

import pytest

from thlib.errors import ParameterError
from thlib.presentation import formatting


def test_value_with_unit_and_decimals():
    assert formatting.value(38.16, "%") == "38.2%"
    assert formatting.value(34930, "£", 0) == "£34,930"
    assert formatting.value(117.16, "per 1,000 residents") == "117.2 per 1,000 residents"
    assert formatting.value(3.14159, "years", 2) == "3.14 years"
    assert formatting.value(float("nan"), "%") == "not available"
    assert formatting.value(None, "%") == "not available"


def test_counts_numbers_and_percentages():
    assert formatting.count(1234567) == "1,234,567"
    assert formatting.number(1234.56) == "1,234.6"
    assert formatting.number(float("nan")) == "–"
    assert formatting.percent(31.24) == "31.2%"
    assert formatting.percent(58.333, 0) == "58%"
    assert formatting.signed_percent(2.04) == "+2.0%"
    assert formatting.signed_percent(-0.35) == "-0.3%"  # -0.35 is stored as -0.34999...


def test_confidence_levels():
    assert formatting.level(0.95) == "95%"
    assert formatting.level(0.998) == "99.8%"
    assert formatting.level(0.9) == "90%"
    assert formatting.levels({0.998, 0.95}) == "95% or 99.8%"
    with pytest.raises(ParameterError, match="fraction"):
        formatting.level(95)
    with pytest.raises(ParameterError, match="no confidence level"):
        formatting.levels([])
