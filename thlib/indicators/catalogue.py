"""The indicator catalogue: YAML definitions validated on load."""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from thlib.data.files import read_yaml
from thlib.errors import DataError, ParameterError
from thlib.indicators import figures
from thlib.indicators.schema import indicator_schema
from thlib.periods import parse_period

DEFINITIONS = Path(__file__).with_name("definitions")


@dataclass(frozen=True)
class Indicator:
    """One indicator definition, as validated from the catalogue's YAML.

    Parameters
    ----------
    id, title, definition, numerator, denominator : str
        Identity and wording: a kebab-case id, a title, what is measured and of what.
    statistic : str
        One of :data:`thlib.indicators.schema.STATISTICS`, e.g. ``"proportion"``.
    uncertainty : str
        What kind of uncertainty the values have, one of
        :data:`thlib.indicators.schema.UNCERTAINTIES`: ``"sample"``, ``"counts"``,
        ``"complete"`` or ``"modelled"``. It decides how change is judged.
    unit : str
        Unit of the value, e.g. ``"%"`` or ``"per 1,000 residents"``.
    multiplier : float
        Scale of the value (100 for a percentage).
    polarity : str
        ``"higher_is_better"``, ``"lower_is_better"`` or ``"no_judgement"``.
    source : dict
        ``publisher``, ``dataset``, ``period`` and ``licence`` (and an optional ``note``).
    geographies : tuple of str
        Area types the indicator is published for.
    owner : str
        Who is accountable for the measure.
    recipe : dict
        How it is computed: ``type`` and that type's keys
        (:data:`thlib.indicators.schema.RECIPE_SCHEMAS`).
    short_title : str, optional
        Title for tables and charts.
    decimals : int, default 1
        Decimal places shown.
    confidence : float, default 0.95
        Confidence level of intervals (0.95 or 0.998).
    targets : tuple of dict
        Targets (``value``, ``by``, optional ``source``).
    caveats : tuple of str
        Caveats shown beside the value.
    retired : str, optional
        Why the measure is no longer reported: kept as history, it is in no framework and
        in no profile's indicator table.
    breaks : tuple of str
        Method breaks: the label of the first period of each new method (e.g.
        ``"2021-23"``). No trend or change since the previous period spans a break
        (:mod:`thlib.indicators.progress`).
    unreliable : dict of str to str
        Periods whose values are not comparable with the rest (a collection disrupted by
        COVID-19, say), each with why: shown and published, but never compared over time.
    prices : str, optional
        ``"cash"`` for money in the prices of each period (not adjusted for inflation): its
        change over time is described, never judged better or worse.
    neighbours : str, optional
        The statistical neighbour set, ``"children"`` (DfE's children's services set) or
        ``"similar_areas"`` (ONS); see :attr:`neighbour_set`.
    file : str
        The definition file's name.

    Examples
    --------
    >>> indicator = get_indicator("crime-rate")
    >>> indicator.label, indicator.unit, indicator.recipe["type"]
    ('All recorded crime', 'per 1,000 residents', 'crime_rate')
    """

    id: str
    title: str
    definition: str
    numerator: str
    denominator: str
    statistic: str
    uncertainty: str
    unit: str
    multiplier: float
    polarity: str
    source: dict
    geographies: tuple[str, ...]
    owner: str
    recipe: dict
    short_title: str | None = None
    decimals: int = 1
    confidence: float = 0.95
    targets: tuple[dict, ...] = ()
    caveats: tuple[str, ...] = field(default_factory=tuple)
    retired: str | None = None
    breaks: tuple[str, ...] = ()
    unreliable: dict[str, str] = field(default_factory=dict)
    prices: str | None = None
    neighbours: str | None = None
    file: str = ""

    @property
    def label(self) -> str:
        """The short title where there is one, else the title."""
        return self.short_title or self.title

    @property
    def is_share(self) -> bool:
        """Whether a value is a share of a whole (a proportion, a percentage), not a rate.

        Counts of a share are tested as proportions (binomial), of a rate as Poisson counts.
        """
        return self.statistic == "proportion" or self.unit == "%"

    @property
    def neighbour_set(self) -> str:
        """The statistical neighbour set, ``"children"`` or ``"similar_areas"``.

        As the definition says; else ``"children"`` for the children and young people's
        measures (``children_young_people.yml``), ``"similar_areas"`` otherwise.
        """
        if self.neighbours:
            return self.neighbours
        return "children" if self.file == "children_young_people.yml" else "similar_areas"

    @property
    def period(self) -> str:
        """The period the source covers, e.g. ``"2021"``."""
        return self.source["period"]


def _where(error: jsonschema.ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(the entry)"


def _check_series(recipe: dict, where: str) -> None:
    """Refuse a series recipe whose file is not shipped or whose filters give no one series."""
    try:
        measure = figures.series_measure(
            recipe["file"], **{k: recipe[k] for k in figures.SERIES_FILTERS if k in recipe})
        if not figures.series_periods(measure, recipe.get("period")):
            raise figures.SeriesSelectionError("the series holds no value", "file")
    except figures.SeriesSelectionError as exc:
        raise DataError(f"{where}: field recipe.{exc.key}: {exc}") from exc


def _check_breaks(entry: dict, where: str) -> None:
    """Refuse a method break or unreliable period that is not a period of the series."""
    recipe = entry["recipe"]
    labels: list[str] = []
    if recipe["type"] == "series":
        measure = figures.series_measure(
            recipe["file"], **{k: recipe[k] for k in figures.SERIES_FILTERS if k in recipe})
        labels = [p.label for p in figures.series_periods(measure)]
    for key in ("breaks", "unreliable"):
        for label in entry.get(key, ()):
            if labels:
                if label not in labels:
                    raise DataError(f"{where}: field {key}: {label!r} is not a period of the "
                                    f"series; its periods are {', '.join(labels)}")
                continue
            try:
                parse_period(label)
            except ParameterError as exc:
                raise DataError(f"{where}: field {key}: {exc}") from exc


def load_catalogue(folder: str | Path = DEFINITIONS) -> dict[str, Indicator]:
    """Read and validate every ``*.yml`` in ``folder``; return indicators by id.

    Each definition is checked against :func:`thlib.indicators.schema.indicator_schema`,
    including its recipe's own keys and, for Census shares, the table and categories; a
    ``series`` recipe's file must be shipped and its filters (``indicator``, ``sex``,
    ``age``) and ``period`` must pick exactly one series that holds a value. Each method
    break (``breaks``) and unreliable period (``unreliable``) must be the label of one of a
    series' periods (for other recipes, a period :func:`thlib.periods.parse_period` reads).

    Parameters
    ----------
    folder : str or pathlib.Path, default the shipped ``definitions`` folder
        Folder of catalogue YAML files, each a mapping with an ``indicators`` list.

    Returns
    -------
    dict of str to Indicator
        Indicators by id, in file order.

    Raises
    ------
    DataError
        Naming the file, the indicator id and the field of the first problem.

    Examples
    --------
    >>> indicators = load_catalogue()
    >>> indicators["private-rented-households"].recipe["table"]
    'ts054'
    """
    folder = Path(folder)
    indicators: dict[str, Indicator] = {}
    validator = jsonschema.Draft202012Validator(indicator_schema())
    for path in sorted(folder.glob("*.yml")):
        entries = read_yaml(path)
        if not isinstance(entries, dict) or not isinstance(entries.get("indicators"), list):
            raise DataError(f"{path}: expected a mapping with an 'indicators' list")
        for number, entry in enumerate(entries["indicators"], start=1):
            ident = entry.get("id", f"number {number}") if isinstance(entry, dict) else number
            errors = sorted(validator.iter_errors(entry), key=lambda e: _where(e))
            if errors:
                error = errors[0]
                raise DataError(f"{path}: indicator {ident!r}: field {_where(error)}: "
                                f"{error.message}")
            if entry["recipe"]["type"] == "series":
                _check_series(entry["recipe"], f"{path}: indicator {ident!r}")
            _check_breaks(entry, f"{path}: indicator {ident!r}")
            if entry["id"] in indicators:
                raise DataError(f"{path}: indicator {entry['id']!r} is already defined in "
                                f"{indicators[entry['id']].file}")
            indicators[entry["id"]] = Indicator(
                **{**entry, "geographies": tuple(entry["geographies"]),
                   "targets": tuple(entry.get("targets", ())),
                   "caveats": tuple(entry.get("caveats", ())),
                   "breaks": tuple(entry.get("breaks", ())), "file": path.name})
    return indicators


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, Indicator]:
    """Return the shipped catalogue (cached).

    Returns
    -------
    dict of str to Indicator
        :func:`load_catalogue` of the shipped definitions; treat it as read-only.

    Examples
    --------
    >>> "crime-rate" in catalogue()
    True
    """
    return load_catalogue()


def get_indicator(indicator_id: str) -> Indicator:
    """Return one indicator of the shipped catalogue.

    Parameters
    ----------
    indicator_id : str
        The indicator's id, e.g. ``"crime-rate"``.

    Returns
    -------
    Indicator
        The definition.

    Raises
    ------
    DataError
        If the id is not in the catalogue, suggesting close ids.
    ParameterError
        If the id is not a string.

    Examples
    --------
    >>> get_indicator("crime-rate").polarity
    'lower_is_better'
    >>> get_indicator("crime-rates")
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: no indicator 'crime-rates' in the catalogue; did you mean ...?
    """
    if not isinstance(indicator_id, str):
        raise ParameterError(f"an indicator id is a string such as 'crime-rate', not "
                             f"{indicator_id!r}")
    indicators = catalogue()
    if indicator_id not in indicators:
        import difflib

        close = difflib.get_close_matches(indicator_id, indicators, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise DataError(f"no indicator {indicator_id!r} in the catalogue{hint}")
    return indicators[indicator_id]


def describe_indicator(indicator: Indicator) -> str:
    """Return an indicator's whole definition as YAML, headed by its catalogue file.

    Parameters
    ----------
    indicator : Indicator
        A catalogue indicator.

    Returns
    -------
    str
        YAML text, the fields in definition order.

    Examples
    --------
    >>> text = describe_indicator(get_indicator("crime-rate"))
    >>> text.splitlines()[0]
    '# crime-rate, defined in thlib/indicators/definitions/communities.yml'
    >>> "unit: per 1,000 residents" in text
    True
    """
    fields = json.loads(json.dumps(dataclasses.asdict(indicator), default=str))
    where = f"thlib/indicators/definitions/{fields.pop('file')}"
    return f"# {indicator.id}, defined in {where}\n" + yaml.safe_dump(
        fields, sort_keys=False, allow_unicode=True, width=96)
