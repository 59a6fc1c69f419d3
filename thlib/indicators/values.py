"""Indicator values for every geography, with intervals and comparisons."""

from __future__ import annotations

import dataclasses
import functools
import json
import re

import jsonschema
import numpy as np
import pandas as pd

from thlib import stats
from thlib.errors import AreaError, ParameterError, StatsInputError, ThlibError
from thlib.geography import Area
from thlib.indicators.cache import cache_key, cached_catalogue_values
from thlib.indicators.catalogue import Indicator, catalogue, get_indicator
from thlib.indicators.recipes import PERIODS, RECIPES, Unit, units
from thlib.indicators.schema import GEOGRAPHIES, indicator_schema

COLUMNS = ["indicator", "area_type", "code", "name", "period", "numerator", "denominator",
           "value", "lower", "upper", "statistic", "method", "confidence", "suppression"]
#: Counts of people from 1 to this are not published (values resting on them are withheld).
SUPPRESSION_THRESHOLD = 4
#: Recipes whose numerators count areas (LSOAs), not people: nothing to disclose, and
#: every area is counted, so no interval either.
_COUNTS_AREAS = ("iod_lsoa_share",)
#: The ``method`` of a share of areas: exact, without an interval or a comparison.
AREA_COUNT_METHOD = "count of areas (every LSOA counted: exact, no interval)"
#: Area types a set of values can be compared with (one row each).
BENCHMARKS = ("borough", "london", "england")
#: Kinds of earlier period :func:`earlier_values` gives.
EARLIER_KINDS = ("previous", "series")
# GSS codes (E05 ward, E09 borough, ...); a benchmark shaped like one is taken as a code.
_GSS_CODE = re.compile(r"^[EKNSW]\d{8}$")


def _indicator(indicator: Indicator | str) -> Indicator:
    if isinstance(indicator, Indicator):
        return indicator
    if not isinstance(indicator, str):
        raise ParameterError(f"indicator must be an indicator id or an Indicator, not "
                             f"{type(indicator).__name__}")
    return get_indicator(indicator)


def _geographies(geographies: list[str] | None) -> list[str] | None:
    """Refuse anything but a list of known area types (a bare string would match letters)."""
    if geographies is None:
        return None
    if isinstance(geographies, str) or not all(isinstance(g, str) for g in geographies):
        raise ParameterError(f"geographies must be a list of area types ({', '.join(GEOGRAPHIES)}),"
                             f" not {geographies!r}")
    unknown = [g for g in geographies if g not in GEOGRAPHIES]
    if unknown:
        raise ParameterError(f"unknown geographies {unknown}; allowed: {', '.join(GEOGRAPHIES)}")
    return list(geographies)


def _check_recipe(recipe: dict, indicator: Indicator) -> None:
    # Every earlier period's recipe is checked again and again: check each one once.
    key = _as_key(recipe)
    problem = _recipe_problem(recipe) if key is None else _known_problem(key)
    if problem is not None:
        where, message = problem
        raise ParameterError(f"recipe for indicator {indicator.id!r}: field {where}: {message}")


def _frozen(value: object) -> object:
    """Return a hashable copy of a recipe, with types and key order (validation sees both)."""
    if isinstance(value, dict):
        return type(value), tuple(((type(k), k), _frozen(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return type(value), tuple(_frozen(v) for v in value)
    hash(value)  # TypeError for anything unhashable
    return type(value), value


@dataclasses.dataclass(frozen=True)
class _Recipe:
    """A recipe as a cache key: compared and hashed by its frozen form (:func:`_frozen`)."""

    key: object
    recipe: dict = dataclasses.field(compare=False)


def _as_key(recipe: dict) -> _Recipe | None:
    """Return the recipe as a cache key, or None if something in it cannot be hashed."""
    try:
        return _Recipe(_frozen(recipe), recipe)
    except TypeError:  # not JSON-like: such a recipe is computed and checked each time
        return None


@functools.lru_cache(maxsize=1024)
def _known_problem(recipe: _Recipe) -> tuple[str, str] | None:
    return _recipe_problem(recipe.recipe)


def _recipe_problem(recipe: object) -> tuple[str, str] | None:
    """Return where the recipe first breaks its schema and how, or None."""
    schema = indicator_schema()["properties"]["recipe"]
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(recipe))
    if not errors:
        return None
    return ".".join(str(p) for p in errors[0].absolute_path) or "(the recipe)", errors[0].message


def indicator_values(
    indicator: Indicator | str,
    geographies: list[str] | None = None,
    recipe: dict | None = None,
    threshold: int = SUPPRESSION_THRESHOLD,
) -> pd.DataFrame:
    """Compute an indicator for every unit of its geographies.

    Proportions get Wilson score intervals and crude rates Byar's (exact Poisson below
    10 events), at the indicator's confidence level (95% unless it says 99.8%);
    published and modelled values carry no interval, and nor do shares of small areas
    (LSOAs) in a deprivation band: every LSOA is counted, so the share is exact, its
    ``method`` is :data:`AREA_COUNT_METHOD` and comparisons are "not compared".

    Values resting on a count of people from 1 to ``threshold`` are withheld (value and
    interval missing) and flagged in the ``suppression`` column
    (:func:`thlib.stats.suppress`). Where one ward (or neighbourhood) of a period is
    withheld, the smallest other one is too: the borough's value and every area's
    population are published, so a single gap could be worked out by subtraction.

    Parameters
    ----------
    indicator : Indicator or str
        A catalogue indicator or its id.
    geographies : list of str, optional
        Area types to compute, among ``"ward"``, ``"neighbourhood"``, ``"borough"``,
        ``"london"`` and ``"england"``; by default all the indicator's. Types the
        indicator is not published for give no rows.
    recipe : dict, optional
        Overrides the indicator's recipe (used for earlier periods); checked against the
        recipe's schema.
    threshold : int, default 4
        Largest count of people that is withheld.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; one row per geography unit the data reach.

    Raises
    ------
    DataError
        If the indicator id is not in the catalogue.
    ParameterError
        If ``geographies`` holds an unknown area type, ``recipe`` breaks its schema or
        ``threshold`` is not a whole number from 0.

    Examples
    --------
    >>> values = indicator_values("private-rented-households", ["borough"])
    >>> row = values.iloc[0]
    >>> row["name"], int(row["numerator"]), int(row["denominator"]), float(round(row["value"], 1))
    ('Tower Hamlets', 46000, 120539, 38.2)
    >>> indicator_values("crime-rate", ["wards"])
    Traceback (most recent call last):
    ...
    thlib.errors.ParameterError: unknown geographies ['wards']; allowed: ward, ...
    """
    indicator = _indicator(indicator)
    chosen = _geographies(geographies)
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) \
            or threshold < 0:
        raise ParameterError(f"threshold must be a whole number from 0, not {threshold!r}")
    if recipe is not None:
        _check_recipe(recipe, indicator)
    wanted = [g for g in indicator.geographies if chosen is None or g in chosen]
    recipe = recipe or indicator.recipe
    try:
        return _values(indicator, recipe, units(wanted), threshold)
    except ThlibError as exc:
        _add_context(exc, indicator, recipe)
        raise


def _add_context(exc: ThlibError, indicator: Indicator, recipe: dict,
                 rows: pd.DataFrame | None = None) -> None:
    """Put the indicator, its catalogue file, recipe and (where known) area first in ``exc``.

    The message changes, not the class, so callers that catch e.g. NotCoveredError still do.
    """
    if getattr(exc, "indicator", None):
        return  # told already, by an inner call
    where = f"indicator {indicator.id!r} ({indicator.file or 'no catalogue file'}), " \
            f"recipe {json.dumps(recipe, default=str)}"
    position = getattr(exc, "position", None)
    if rows is not None and position is not None and position < len(rows):
        row = rows.iloc[position]
        period = row.get("period")
        period = indicator.period if pd.isna(period) else period
        where += (f", {row['area_type']} {row['name']} ({row['code']}), {period}: "
                  f"numerator {row['numerator']:g}, denominator {row['denominator']:g}")
    exc.args = (f"{where}: {exc.args[0] if exc.args else exc}", *exc.args[1:])
    exc.indicator = indicator.id  # type: ignore[attr-defined]


def _values(indicator: Indicator, recipe: dict, geo: list[Unit],
            threshold: int) -> pd.DataFrame:
    """Compute the indicator's rows for the units ``geo`` (see :func:`indicator_values`)."""
    raw = RECIPES[recipe["type"]](recipe, geo)
    if raw.empty:
        return pd.DataFrame(columns=COLUMNS)
    raw = raw.reset_index(drop=True)
    for column in ("numerator", "denominator", "value", "lower", "upper"):
        if column not in raw:
            raw[column] = np.nan
    raw["method"] = "as published" if indicator.statistic == "published" else "value only"
    with_counts = raw["numerator"].notna() & raw["denominator"].notna()
    if recipe["type"] in _COUNTS_AREAS:
        # Every LSOA of the area is counted: a complete enumeration, not a sample, so the
        # share is exact and has no interval (and hence no significance).
        raw.loc[with_counts, "value"] = (raw.loc[with_counts, "numerator"]
                                         / raw.loc[with_counts, "denominator"]
                                         * indicator.multiplier)
        raw[["lower", "upper"]] = np.nan
        raw["method"] = AREA_COUNT_METHOD
    elif with_counts.any() and indicator.statistic in ("proportion", "crude_rate"):
        counts = raw[with_counts]
        try:
            if indicator.statistic == "proportion":
                result = stats.proportion(counts["numerator"], counts["denominator"],
                                          confidence=indicator.confidence,
                                          multiplier=indicator.multiplier)
            else:
                result = stats.rate(counts["numerator"], counts["denominator"],
                                    multiplier=indicator.multiplier,
                                    confidence=indicator.confidence)
        except StatsInputError as exc:
            _add_context(exc, indicator, recipe, counts)
            raise
        for column in ("value", "lower", "upper", "method"):
            raw.loc[with_counts, column] = result[column].to_numpy()
    # A recipe may say why a value is missing (a publisher's marker); disclosure adds to it.
    raw["suppression"] = raw["suppression"].fillna("") if "suppression" in raw else ""
    if with_counts.any() and recipe["type"] not in _COUNTS_AREAS:
        counts = raw.loc[with_counts]
        counts = counts.assign(count=counts["numerator"].round().astype(int))
        counts["period"] = counts.get("period", indicator.period)
        flags = stats.suppress(counts, threshold=threshold,
                               group=["area_type", "period"])["suppression"]
        hidden = flags.str.startswith("suppressed").to_numpy()
        index = raw.index[with_counts][hidden]
        raw.loc[index, ["numerator", "value", "lower", "upper"]] = np.nan
        raw.loc[index, "suppression"] = flags.to_numpy()[hidden]
    raw["indicator"] = indicator.id
    raw["statistic"] = indicator.statistic
    raw["confidence"] = indicator.confidence
    if "period" not in raw:
        raw["period"] = indicator.period
    raw["period"] = raw["period"].fillna(indicator.period)
    return raw[COLUMNS]


def all_values(indicator_id: str) -> pd.DataFrame:
    """Return every geography's value of a catalogue indicator (cached).

    The whole catalogue is computed once per process and kept on disk
    (:mod:`thlib.indicators.cache`); the annual report and the profiles read it here.
    Treat the result as read-only.

    Parameters
    ----------
    indicator_id : str
        A catalogue indicator id.

    Returns
    -------
    pandas.DataFrame
        :func:`indicator_values` of the indicator for all its geographies.

    Raises
    ------
    DataError
        If the id is not in the catalogue (suggesting close ids).
    ParameterError
        If ``indicator_id`` is not a string.

    Examples
    --------
    >>> values = all_values("crime-rate")
    >>> sorted(set(values["area_type"]))
    ['borough', 'london', 'neighbourhood', 'ward']
    """
    if not isinstance(indicator_id, str):
        raise ParameterError(f"indicator_id must be an indicator id (a string), not "
                             f"{type(indicator_id).__name__}")
    values = _catalogue_values(cache_key())
    if indicator_id not in values:
        get_indicator(indicator_id)  # raises a clear error for an unknown id
    return values[indicator_id]


def custom_area_values(indicator_id: str, area: Area) -> pd.DataFrame:
    """Return a catalogue indicator's row for one custom area, computed as a neighbourhood's.

    Custom areas are not in the cached catalogue (:func:`all_values`): their rows are
    computed here, by the indicator's recipe, for indicators published for
    neighbourhoods. A figure the data do not reach for the area (e.g. crime for an area
    of LSOAs: crime is counted by ward) gives no row.

    Parameters
    ----------
    indicator_id : str
        A catalogue indicator id.
    area : Area
        A custom area (:func:`thlib.geography.get_area` ``("custom", code)``).

    Returns
    -------
    pandas.DataFrame
        :func:`indicator_values`' columns, with ``area_type`` ``"custom"``; empty when the
        indicator is not published for neighbourhoods or does not reach the area.

    Raises
    ------
    DataError
        If the id is not in the catalogue.

    Examples
    --------
    >>> from thlib.geography import Area
    >>> bow = Area("custom", "CA-BOW", "Bow", "bow", ("E05009319", "E05009320"))
    >>> row = custom_area_values("imd-2025-most-deprived-20", bow)
    >>> row[["area_type", "code"]].to_dict("records")
    [{'area_type': 'custom', 'code': 'CA-BOW'}]
    """
    indicator = _indicator(indicator_id)
    if "neighbourhood" not in indicator.geographies or indicator.retired:
        return pd.DataFrame(columns=COLUMNS)
    try:
        return _values(indicator, indicator.recipe, [Unit("custom", area.code, area.name, area)],
                       SUPPRESSION_THRESHOLD)
    except ThlibError as exc:
        _add_context(exc, indicator, indicator.recipe)
        raise


@functools.lru_cache(maxsize=2)
def _catalogue_values(_key: str) -> dict[str, pd.DataFrame]:
    return cached_catalogue_values(lambda: {i: indicator_values(i) for i in catalogue()})


def _benchmark_rows(values: pd.DataFrame, benchmark: str) -> pd.DataFrame:
    """Return the row a benchmark names; else say which benchmarks the values hold."""
    types = set(values["area_type"])
    held = [b for b in BENCHMARKS if b in types]
    if benchmark in BENCHMARKS:
        chosen = values[values["area_type"] == benchmark]
        if chosen.empty:
            raise ParameterError(f"these values hold no {benchmark} row to compare with; they "
                                 f"hold {', '.join(held) or 'no benchmark area type'} (or "
                                 "compare with an area code they hold)")
    elif isinstance(benchmark, str) and (benchmark in set(values["code"])):
        chosen = values[values["code"] == benchmark]
    elif isinstance(benchmark, str) and _GSS_CODE.match(benchmark):
        raise AreaError(f"no row of these values has the area code {benchmark!r}; give one "
                        f"of their codes or an area type they hold ({', '.join(held)})")
    else:
        raise ParameterError(f"unknown benchmark {benchmark!r}: give an area type among "
                             f"{', '.join(BENCHMARKS)} (these values hold "
                             f"{', '.join(held) or 'none'}) or an area code they hold")
    if chosen["value"].nunique(dropna=False) > 1:
        raise ParameterError(f"benchmark {benchmark!r} matches {len(chosen)} rows with "
                             f"different values (periods {sorted(set(chosen['period']))}); "
                             "compare values of one period")
    return chosen


def benchmark_for(area_type: str, held: set[str] | list[str]) -> str | None:
    """Return the area type an area of ``area_type`` is compared with.

    Wards and neighbourhoods are compared with the borough; the borough with London, or
    England where the indicator has no London value; London with England.

    Parameters
    ----------
    area_type : str
        An area type among :data:`thlib.indicators.schema.GEOGRAPHIES`.
    held : set or list of str
        The area types the indicator's values hold.

    Returns
    -------
    str or None
        The benchmark's area type; None when the values hold none that fits (England has
        no benchmark).

    Raises
    ------
    ParameterError
        If ``area_type`` is not a known area type.

    Examples
    --------
    >>> benchmark_for("ward", {"ward", "borough", "london"})
    'borough'
    >>> benchmark_for("borough", {"ward", "borough", "england"})
    'england'
    >>> benchmark_for("england", {"borough", "england"}) is None
    True
    """
    _geographies([area_type])
    candidates = {"ward": ["borough"], "neighbourhood": ["borough"],
                  "borough": ["london", "england"], "london": ["england"], "england": []}
    return next((b for b in candidates[area_type] if b in set(held)), None)


def spread(values: pd.DataFrame, area_type: str = "ward") -> dict[str, float]:
    """Return how the values of one area type spread: lowest, quartiles, highest.

    The spine chart draws an area against this range (Fingertips: the lowest and highest
    areas, and the 25th and 75th percentiles, interpolated linearly).

    Parameters
    ----------
    values : pandas.DataFrame
        Values of one indicator and period (:func:`indicator_values`, :func:`all_values`).
    area_type : str, default "ward"
        Whose values spread.

    Returns
    -------
    dict
        ``minimum``, ``q25``, ``q75`` and ``maximum``; NaN when the values hold no area of
        that type.

    Raises
    ------
    ParameterError
        If ``area_type`` is not a known area type.

    Examples
    --------
    Four wards valued 1, 2, 3 and 10: the 25th percentile lies a quarter of the way from
    1 to 2 in three steps (1.75), the 75th three quarters from 3 to 10 (4.75).

    >>> import pandas as pd
    >>> spread(pd.DataFrame({"area_type": ["ward"] * 4 + ["borough"],
    ...                      "value": [1.0, 2.0, 3.0, 10.0, 4.0]}))
    {'minimum': 1.0, 'q25': 1.75, 'q75': 4.75, 'maximum': 10.0}
    """
    _geographies([area_type])
    chosen = values.loc[values["area_type"] == area_type, "value"].astype(float)
    return {"minimum": float(chosen.min()), "q25": float(chosen.quantile(0.25)),
            "q75": float(chosen.quantile(0.75)), "maximum": float(chosen.max())}


def compare_with(values: pd.DataFrame, indicator: Indicator | str,
                 benchmark: str) -> pd.DataFrame:
    """Add a ``comparison`` column: each row against the ``benchmark`` area's value.

    Rows without an interval are "not compared" (Fingertips compares only with
    intervals). Values of several periods (:func:`time_series`) are compared with the
    benchmark's value of their own period.

    Parameters
    ----------
    values : pandas.DataFrame
        Values of the indicator (:func:`indicator_values` or :func:`all_values`).
    indicator : Indicator or str
        The indicator (its polarity and confidence level decide the labels).
    benchmark : str
        An area type among :data:`BENCHMARKS` (``"borough"``, ``"london"``,
        ``"england"``) or the code of an area the values hold.

    Returns
    -------
    pandas.DataFrame
        ``values`` with ``comparison`` (better, similar, worse; higher, lower for no
        judgement; not compared) and ``benchmark`` (the benchmark's value).

    Raises
    ------
    ParameterError
        If ``benchmark`` is not an allowed area type, or is one the values do not hold
        (naming those they hold), or ``values`` lacks the columns of indicator values or
        holds another indicator's values.
    AreaError
        If ``benchmark`` is an area code the values do not hold.

    Examples
    --------
    >>> values = indicator_values("overcrowded-households", ["borough", "london"])
    >>> compared = compare_with(values, "overcrowded-households", "london")
    >>> compared.set_index("code").loc["E09000030", "comparison"]
    'worse'
    >>> compare_with(values, "overcrowded-households", "londn")
    Traceback (most recent call last):
    ...
    thlib.errors.ParameterError: unknown benchmark 'londn': give an area type among ...
    """
    indicator = _indicator(indicator)
    if not isinstance(values, pd.DataFrame) or not set(COLUMNS) <= set(values.columns):
        missing = sorted(set(COLUMNS) - set(getattr(values, "columns", ())))
        raise ParameterError(f"values must be indicator values (indicator_values); missing "
                             f"columns {missing}")
    others = sorted(set(values["indicator"]) - {indicator.id})
    if others:
        raise ParameterError(f"these values are of {', '.join(others)}, not {indicator.id!r}: "
                             "compare an indicator's values with its own polarity and "
                             "confidence level")
    if values["period"].nunique() > 1:  # a time series: each period against its benchmark
        periods = values.groupby("period", sort=False).indices
        parts = [compare_with(values.iloc[rows], indicator, benchmark)
                 for rows in periods.values()]
        order = np.argsort(np.concatenate(list(periods.values())), kind="stable")
        return pd.concat(parts).iloc[order]
    level = _benchmark_rows(values, benchmark)["value"].iloc[0]
    labels = stats.compare(values["value"], values["lower"], values["upper"], level,
                           indicator.polarity, confidence=indicator.confidence)
    return values.assign(comparison=labels.to_numpy(), benchmark=level)


def earlier_values(indicator: Indicator | str, kind: str,
                   geographies: list[str] | None = None) -> pd.DataFrame:
    """Return values for earlier periods of an indicator.

    Parameters
    ----------
    indicator : Indicator or str
        A catalogue indicator or its id.
    kind : {"previous", "series"}
        ``"previous"``: the period before the latest; ``"series"``: a run of periods
        (for crime, windows of the same months a year apart: consecutive 12-month
        windows for the 12-month rates), oldest first.
    geographies : list of str, optional
        Area types, as for :func:`indicator_values`.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS` and ``period_index`` (0 for the first period returned); empty
        when the indicator's data hold a single period.

    Raises
    ------
    ParameterError
        If ``kind`` is not one of :data:`EARLIER_KINDS` or ``geographies`` holds an
        unknown area type.

    Examples
    --------
    >>> previous = earlier_values("crime-rate", "previous", ["borough"])
    >>> previous["period"].tolist()
    ['Apr 2024 to Mar 2025']
    >>> earlier_values("crime-rate", "series", ["borough"])["period"].tolist()
    ['Apr 2024 to Mar 2025', 'Apr 2025 to Mar 2026']
    """
    indicator = _indicator(indicator)
    if kind not in EARLIER_KINDS:
        raise ParameterError(f"unknown kind of earlier values {kind!r}; allowed: "
                             f"{', '.join(EARLIER_KINDS)}")
    _geographies(geographies)
    if catalogue().get(indicator.id) is indicator:  # the shipped definition: computed once
        wanted = None if geographies is None else tuple(geographies)
        return _earlier_cached(indicator.id, kind, wanted, cache_key()).copy()
    return _earlier(indicator, kind, geographies)


@functools.lru_cache(maxsize=512)
def _earlier_cached(indicator_id: str, kind: str, geographies: tuple[str, ...] | None,
                    _key: str) -> pd.DataFrame:
    # The annual report asks for the same series for its trend, change, charts and appendix.
    return _earlier(get_indicator(indicator_id), kind,
                    None if geographies is None else list(geographies), shipped=True)


def time_series(indicator: Indicator | str,
                areas: str | list[str] | None = None) -> pd.DataFrame:
    """Return an indicator's values over every period the data hold, for chosen areas.

    One tidy frame, ready to plot (e.g. ``frame.pivot(index="period", columns="name",
    values="value").plot()``): the same columns as :func:`indicator_values`, oldest period
    first. An indicator whose data hold one period (a Census share) gives that period.

    Parameters
    ----------
    indicator : Indicator or str
        A catalogue indicator or its id.
    areas : str or list of str, optional
        Area codes (``"E09000030"``), area types (``"london"``, ``"ward"``) or names to
        keep; by default every area and comparator the indicator has.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS` and ``period_index`` (0 for the oldest period).

    Raises
    ------
    AreaError
        If an entry of ``areas`` matches no row, naming the area types and codes held.

    Examples
    --------
    >>> series = time_series("employment-rate-aps", ["E09000030", "london"])
    >>> series["name"].unique().tolist()
    ['Tower Hamlets', 'London']
    >>> series["period"].iloc[0], int(series["period_index"].is_monotonic_increasing)
    ('2004', 1)
    >>> time_series("crime-rate", "Narnia")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.AreaError: indicator 'crime-rate' has no values for 'Narnia'; it has ...
    """
    indicator = _indicator(indicator)
    frame = earlier_values(indicator, "series")
    if frame.empty:
        frame = indicator_values(indicator).assign(period_index=0)
    if areas is not None:
        wanted = [areas] if isinstance(areas, str) else list(areas)
        keys = [frame["code"], frame["area_type"], frame["name"]]
        unknown = [a for a in wanted if not any((key == a).any() for key in keys)]
        if unknown:
            raise AreaError(
                f"indicator {indicator.id!r} has no values for "
                f"{', '.join(map(repr, unknown))}; it has area types "
                f"{', '.join(dict.fromkeys(frame['area_type']))} and codes "
                f"{', '.join(sorted(set(frame['code'])))}")
        frame = frame[keys[0].isin(wanted) | keys[1].isin(wanted) | keys[2].isin(wanted)]
    return frame.sort_values("period_index", kind="stable").reset_index(drop=True)


def _earlier(indicator: Indicator, kind: str, geographies: list[str] | None,
             shipped: bool = False) -> pd.DataFrame:
    periods = PERIODS.get(indicator.recipe["type"])
    if periods is None:
        return pd.DataFrame(columns=[*COLUMNS, "period_index"])
    frames = [_period_values(indicator, geographies, recipe, shipped).assign(period_index=i)
              for i, recipe in enumerate(periods(indicator.recipe, kind))]
    if not frames:  # a series with a single period has no earlier one
        return pd.DataFrame(columns=[*COLUMNS, "period_index"])
    return pd.concat(frames, ignore_index=True)


def _period_values(indicator: Indicator, geographies: list[str] | None, recipe: dict,
                   shipped: bool) -> pd.DataFrame:
    """Return :func:`indicator_values` of one period (read-only: kept for a shipped indicator)."""
    key = _as_key(recipe) if shipped else None
    if key is None:
        return indicator_values(indicator, geographies, recipe)
    # Keyed by the area types computed: asking for all of them or naming them is one.
    wanted = tuple(g for g in indicator.geographies if geographies is None or g in geographies)
    return _shipped_period_values(indicator.id, key, wanted, cache_key())


@functools.lru_cache(maxsize=2048)
def _shipped_period_values(indicator_id: str, recipe: _Recipe, geographies: tuple[str, ...],
                           _key: str) -> pd.DataFrame:
    # The previous period is one of the series' periods, and the same areas are asked for
    # in several ways: each is computed once.
    return indicator_values(get_indicator(indicator_id), list(geographies), recipe.recipe)
