"""The schema every indicator definition must satisfy, checked when the catalogue loads.

Each recipe type has its own keys (:data:`RECIPE_SCHEMAS`); a ``census_share`` recipe may
only name a table of ``thlib/data/census_tables.yml`` and that table's categories
(:func:`indicator_schema`), so a mistake is caught when the catalogue loads, not when a
value is computed.
"""

from __future__ import annotations

import functools
from typing import Any

from thlib.data.census import census_tables
from thlib.data.environment import POLLUTANTS
from thlib.indicators.figures import IOD_EDITIONS, SERIES_FILTERS
from thlib.indicators.recipes import PUBLISHED_FILES, RECIPES
from thlib.stats.compare import POLARITIES

STATISTICS = ("proportion", "crude_rate", "dsr", "mean", "count", "score", "published")
#: What kind of uncertainty a measure's values have, which decides how change is judged
#: (:mod:`thlib.indicators.progress`): a sample or survey (tested with its published
#: intervals); counts with denominators (proportions, or rates as Poisson counts: exact tests
#: on the counts, else the published intervals); a complete count or administrative figure
#: (no sampling error: direction and size, never significance); a modelled estimate (its
#: published intervals where there are any).
UNCERTAINTIES = ("sample", "counts", "complete", "modelled")
#: Prices of a money measure: "cash" (nominal, not adjusted for inflation), so no
#: better/worse judgement is made of its change over time.
PRICES = ("cash",)
#: Statistical neighbour sets a measure is set against: DfE's children's services set for
#: children's measures, ONS similar areas otherwise (thlib.indicators.peers).
NEIGHBOUR_SETS = ("children", "similar_areas")
GEOGRAPHIES = ("ward", "neighbourhood", "borough", "london", "england")
#: The recipe types: those :mod:`thlib.indicators.recipes` knows how to compute.
RECIPE_TYPES = tuple(RECIPES)

INDICATOR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "definition", "numerator", "denominator", "statistic",
                 "uncertainty", "unit", "multiplier", "polarity", "source", "geographies",
                 "owner", "recipe"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string", "minLength": 3},
        "short_title": {"type": "string"},
        "definition": {"type": "string", "minLength": 10},
        "numerator": {"type": "string"},
        "denominator": {"type": "string"},
        "statistic": {"enum": list(STATISTICS)},
        "uncertainty": {"enum": list(UNCERTAINTIES)},
        "prices": {"enum": list(PRICES)},
        "neighbours": {"enum": list(NEIGHBOUR_SETS)},
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
        "retired": {"type": "string", "minLength": 10},
        # First periods of a new method (a method break): no trend or change spans one.
        "breaks": {"type": "array", "uniqueItems": True,
                   "items": {"type": "string", "minLength": 4}},
        # Periods whose values are not comparable with the rest (a disrupted collection):
        # period label -> why; shown and published, but left out of change and trend.
        "unreliable": {"type": "object", "minProperties": 1,
                       "additionalProperties": {"type": "string", "minLength": 10}},
        "recipe": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": list(RECIPE_TYPES)}},
        },
    },
}

_CATEGORIES = {"type": "array", "minItems": 1, "uniqueItems": True,
               "items": {"type": "string"}}
_EDITION = {"enum": list(IOD_EDITIONS)}

#: Required and allowed keys of each recipe type, and their values.
RECIPE_SCHEMAS: dict[str, dict[str, Any]] = {
    "census_share": {
        "required": ["table", "numerator"],
        "properties": {"table": {"type": "string"}, "numerator": _CATEGORIES,
                       "denominator": _CATEGORIES},
    },
    "iod_weighted": {
        "required": ["edition", "score", "weight"],
        "properties": {"edition": _EDITION, "score": {"type": "string", "pattern": "_score$"},
                       "weight": {"type": "string", "minLength": 1}},
    },
    "iod_lsoa_share": {
        "required": ["edition", "decile", "deciles"],
        "properties": {"edition": _EDITION,
                       "decile": {"type": "string", "pattern": "_decile$"},
                       "deciles": {"type": "array", "minItems": 1, "uniqueItems": True,
                                   "items": {"type": "integer", "minimum": 1, "maximum": 10}}},
    },
    "crime_rate": {
        "required": [],
        "properties": {"months": {"type": "integer", "minimum": 1},
                       "offset": {"type": "integer", "minimum": 0},
                       "categories": _CATEGORIES},
    },
    "air_quality": {
        "required": ["pollutant"],
        "properties": {"pollutant": {"enum": list(POLLUTANTS)}},
    },
    "transport_access": {"required": [], "properties": {}},
    "published": {
        "required": ["file", "column"],
        "properties": {"file": {"enum": list(PUBLISHED_FILES)},
                       "column": {"type": "string", "minLength": 1}},
    },
    # A shipped series file of open-data/timeseries/; the filters a file needs to give one
    # series, and a period label (default: the latest). Checked against the file on load.
    "series": {
        "required": ["file"],
        "properties": {"file": {"type": "string", "pattern": r"^[A-Za-z0-9_\-]+(\.csv)?$"},
                       **{k: {"type": "string", "minLength": 1}
                          for k in (*SERIES_FILTERS, "period")}},
    },
}


def _recipe_rule(recipe_type: str, spec: dict[str, Any]) -> dict[str, Any]:
    """One ``if type is X then ...`` rule: X's keys are required, and no others allowed."""
    return {
        "if": {"properties": {"type": {"const": recipe_type}}, "required": ["type"]},
        "then": {"required": spec["required"], "additionalProperties": False,
                 "properties": {"type": {"const": recipe_type}, **spec["properties"]}},
    }


def _census_rule(table_id: str, categories: list[str]) -> dict[str, Any]:
    """Allow a census_share recipe naming ``table_id`` only that table's categories."""
    names = {"type": "array", "items": {"enum": categories}}
    return {
        "if": {"properties": {"type": {"const": "census_share"},
                              "table": {"const": table_id}},
               "required": ["type", "table"]},
        "then": {"properties": {"numerator": names, "denominator": names}},
    }


@functools.lru_cache(maxsize=1)
def indicator_schema() -> dict[str, Any]:
    """Return the full schema of an indicator definition.

    :data:`INDICATOR_SCHEMA` with each recipe type's own keys (:data:`RECIPE_SCHEMAS`),
    and Census tables and categories restricted to those of ``census_tables.yml``.

    Returns
    -------
    dict
        A JSON Schema (draft 2020-12).

    Examples
    --------
    >>> import jsonschema
    >>> validator = jsonschema.Draft202012Validator(indicator_schema()["properties"]["recipe"])
    >>> [e.message for e in validator.iter_errors({"type": "census_share", "table": "ts999",
    ...                                            "numerator": ["Owned"]})][0]
    ... # doctest: +ELLIPSIS
    "'ts999' is not one of ['ts007a', 'ts021', ..."
    """
    tables = census_tables()
    properties: dict[str, Any] = INDICATOR_SCHEMA["properties"]
    recipe = dict(properties["recipe"])
    rules = [_recipe_rule(kind, spec) for kind, spec in RECIPE_SCHEMAS.items()]
    rules.append({
        "if": {"properties": {"type": {"const": "census_share"}}, "required": ["type"]},
        "then": {"properties": {"table": {"enum": list(tables)}}},
    })
    rules += [_census_rule(t, list(spec["categories"])) for t, spec in tables.items()]
    recipe["allOf"] = rules
    return {**INDICATOR_SCHEMA, "properties": {**properties, "recipe": recipe}}

FRAMEWORK_SCHEMA: dict[str, Any] = {
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
