"""Progress of an indicator: recent trend, change since the previous period, target."""

from thlib import vocabulary
from thlib.indicators import direction_of_travel, recent_trend, target_status


def test_crime_has_a_trend_and_a_direction_of_travel():
    trend = recent_trend("crime-rate")
    assert (trend["trend_from"], trend["trend_to"]) == ("Jan 2025 to Mar 2025",
                                                         "Jan 2026 to Mar 2026")
    assert trend["trend"] in vocabulary.TRENDS
    change = direction_of_travel("crime-rate")
    assert change["change_since"] == "Apr 2024 to Mar 2025"
    assert change["change"] in vocabulary.CHANGES
    assert recent_trend("gcse-capped-points") == {"trend": "too few periods",
                                                  "trend_from": None, "trend_to": None}
    assert target_status("gcse-capped-points")["target_status"] == "none set"
