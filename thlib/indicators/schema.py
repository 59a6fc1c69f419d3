"""The schema every indicator definition must satisfy, checked when the catalogue loads."""

from __future__ import annotations

from thlib.stats.compare import POLARITIES

STATISTICS = ("proportion", "crude_rate", "dsr", "mean", "count", "score", "published")
GEOGRAPHIES = ("ward", "neighbourhood", "borough", "london", "england")
RECIPES = ("census_share", "iod_weighted", "iod_lsoa_share", "crime_rate",
           "air_quality", "transport_access", "published")

INDICATOR_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "definition", "numerator", "denominator", "statistic", "unit",
                 "multiplier", "polarity", "source", "geographies", "owner", "recipe"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string", "minLength": 3},
        "short_title": {"type": "string"},
        "definition": {"type": "string", "minLength": 10},
        "numerator": {"type": "string"},
        "denominator": {"type": "string"},
        "statistic": {"enum": list(STATISTICS)},
        "unit": {"type": "string"},
        "multiplier": {"type": "number", "exclusiveMinimum": 0},
        "decimals": {"type": "integer", "minimum": 0, "maximum": 3},
        "polarity": {"enum": list(POLARITIES)},
        "confidence": {"enum": [0.95, 0.998]},
        "source": {
            "type": "object",
            "additionalProperties": False,
            "required": ["publisher", "dataset", "period", "licence"],
            "properties": {k: {"type": "string"} for k in
                           ("publisher", "dataset", "period", "licence", "note")},
        },
        "geographies": {"type": "array", "minItems": 1, "uniqueItems": True,
                        "items": {"enum": list(GEOGRAPHIES)}},
        "owner": {"type": "string"},
        "targets": {
            "type": "array",
            "items": {
                "type": "object", "additionalProperties": False, "required": ["value", "by"],
                "properties": {"value": {"type": "number"}, "by": {"type": "string"},
                               "source": {"type": "string"}},
            },
        },
        "caveats": {"type": "array", "items": {"type": "string"}},
        "recipe": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": list(RECIPES)}},
        },
    },
}

FRAMEWORK_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "period", "objective", "themes"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string"},
        "period": {"type": "string"},
        "objective": {"type": "string"},
        "source": {"type": "string"},
        "note": {"type": "string"},
        "themes": {
            "type": "array", "minItems": 1,
            "items": {
                "type": "object", "additionalProperties": False,
                "required": ["id", "title", "outcomes"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "why": {"type": "string"},
                    "outcomes": {
                        "type": "array", "minItems": 1,
                        "items": {
                            "type": "object", "additionalProperties": False,
                            "required": ["title", "indicators"],
                            "properties": {
                                "title": {"type": "string"},
                                "indicators": {"type": "array", "minItems": 1,
                                               "items": {"type": "string"}},
                            },
                        },
                    },
                },
            },
        },
    },
}
