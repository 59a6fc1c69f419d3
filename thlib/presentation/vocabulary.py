"""The words and symbols for every label that calculation returns.

Calculation (:mod:`thlib.stats`, :mod:`thlib.indicators`, :mod:`thlib.annual.measures`)
returns labels as data: "worse", "increasing and getting better", "met". Presentation
(charts, tables, sentences) turns a label into its symbol and word here, and only here,
so that a reader meets one vocabulary everywhere. Significance is never said by colour
alone: every significance label has a symbol and a word (the chart colours and markers
are in :mod:`thlib.presentation.charts.significance`).

Significance labels are those of :func:`thlib.stats.compare`: "better", "similar",
"worse" (a judgement, from the indicator's polarity), "higher", "lower" (no judgement)
and "not compared" (no interval or no benchmark). Judgements have filled symbols
(▲ ▼ ●), no-judgement labels outline ones (△ ▽), "not compared" an empty circle (○).
"""

from __future__ import annotations

from dataclasses import dataclass

from thlib.errors import DataError
from thlib.presentation import formatting

__all__ = ["CHANGES", "OUT_OF_DATE", "QUARTILES", "SIGNIFICANCE", "TARGETS", "TRENDS", "Term",
           "change", "quartile", "significance", "significance_key", "target", "trend"]


@dataclass(frozen=True)
class Term:
    """How one label is written: its symbol (possibly none) and its word(s).

    Parameters
    ----------
    label : str
        The label as calculation returns it, e.g. ``"worse"``.
    symbol : str
        The symbol written before the word (``"▼"``), or ``""``.
    word : str
        The word(s) a reader sees (``"worse"``; for a change, ``"worsened"``).

    Examples
    --------
    >>> Term("worse", "▼", "worse").text
    '▼ worse'
    >>> Term("increasing", "", "increasing").text
    'increasing'
    """

    label: str
    symbol: str
    word: str

    @property
    def text(self) -> str:
        """Symbol and word, e.g. ``"▲ better"``: what a table or legend prints."""
        return f"{self.symbol} {self.word}" if self.symbol else self.word


def _terms(*terms: Term) -> dict[str, Term]:
    return {t.label: t for t in terms}


#: Significance against a benchmark (labels of thlib.stats.compare), in legend order:
#: judgements, then no-judgement, then not compared.
SIGNIFICANCE: dict[str, Term] = _terms(
    Term("better", "▲", "better"),
    Term("similar", "●", "similar"),
    Term("worse", "▼", "worse"),
    Term("higher", "△", "higher"),
    Term("lower", "▽", "lower"),
    Term("not compared", "○", "not compared"),
)

#: Recent trend over the last five comparable periods (thlib.indicators.progress): tested
#: (labels of thlib.stats.recent_trend, also given to a weighted regression's result), "too
#: few periods", or described without a test ("up", "down", "unchanged").
TRENDS: dict[str, Term] = _terms(*(Term(label, "", label) for label in (
    "increasing", "decreasing", "no significant change", "could not be calculated",
    "increasing and getting better", "increasing and getting worse",
    "decreasing and getting better", "decreasing and getting worse", "too few periods")),
    Term("up", "", "up (not tested)"), Term("down", "", "down (not tested)"),
    Term("unchanged", "", "unchanged (not tested)"))

#: Change since the latest comparable period (thlib.indicators.progress.direction_of_travel):
#: tested, the labels of thlib.stats.compare; described without a test, "up", "down",
#: "unchanged"; or why there is none.
CHANGES: dict[str, Term] = _terms(
    Term("better", "", "improved"),
    Term("worse", "", "worsened"),
    Term("similar", "", "no significant change"),
    Term("higher", "", "rose"),
    Term("lower", "", "fell"),
    Term("up", "", "up (not tested)"),
    Term("down", "", "down (not tested)"),
    Term("unchanged", "", "unchanged (not tested)"),
    Term("not compared", "", "not compared"),
    Term("no earlier period", "", "no earlier comparable period"),
    Term("method changed", "", "the series restarts (method change)"),
)

#: Status against a target: met or not (indicators with a direction), set (no
#: direction, so no judgement), or none set.
TARGETS: dict[str, Term] = _terms(
    Term("met", "✓", "met"),
    Term("not met", "✗", "not met"),
    Term("no judgement", "", "target"),
    Term("none set", "", "none set"),
)

#: A value whose period ends too long before the report's year (thlib.indicators.freshness).
OUT_OF_DATE = Term("out of date", "", "out of date")

#: The quarter of the ranked London boroughs an area falls in (thlib.indicators.peers), by
#: the order of the quartiles: "best_first" (quartile 1 is the best quarter: a measure with a
#: direction) or "highest_first" (quartile 1 holds the highest values: no judgement).
QUARTILES: dict[str, dict[int, str]] = {
    "best_first": {1: "the best quarter", 2: "the second-best quarter",
                   3: "the second-worst quarter", 4: "the worst quarter"},
    "highest_first": {1: "the highest quarter", 2: "the second-highest quarter",
                      3: "the second-lowest quarter", 4: "the lowest quarter"},
}

#: The key to the significance symbols: groups of labels and what qualifies them
#: ("{level}" is replaced by the confidence level(s) used).
_KEY = ((("better", "worse", "similar"), "{level} confidence"),
        (("higher", "lower"), "no judgement"),
        (("not compared",), "no interval"))


def _lookup(kind: str, terms: dict[str, Term], label: object) -> Term:
    key = str(label).strip().lower()
    if key not in terms:
        raise DataError(f"{kind} label {label!r} is not known; use one of "
                        + ", ".join(repr(k) for k in terms))
    return terms[key]


def _is_missing(label: object) -> bool:
    return formatting.is_missing(label) or (isinstance(label, str) and not label.strip())


def significance(label: object) -> Term:
    """Return how a significance label is written.

    Parameters
    ----------
    label : str or None
        A label of :func:`thlib.stats.compare` (case and surrounding spaces are ignored).
        A missing label (None, NaN, empty) is "not compared".

    Returns
    -------
    Term

    Raises
    ------
    DataError
        If the label is not one of :data:`SIGNIFICANCE` (a typo would otherwise be shown
        silently as "not compared").

    Examples
    --------
    >>> significance("worse").text
    '▼ worse'
    >>> significance(None).text
    '○ not compared'
    """
    if _is_missing(label):
        return SIGNIFICANCE["not compared"]
    return _lookup("significance", SIGNIFICANCE, label)


def trend(label: str) -> Term:
    """Return how a recent-trend label is written.

    Parameters
    ----------
    label : str
        A trend of :func:`thlib.indicators.progress.recent_trend`.

    Returns
    -------
    Term

    Raises
    ------
    DataError
        If the label is not one of :data:`TRENDS`.

    Examples
    --------
    >>> trend("decreasing and getting better").text
    'decreasing and getting better'
    >>> trend("up").word
    'up (not tested)'
    """
    return _lookup("trend", TRENDS, label)


def change(label: str) -> Term:
    """Return how a change since the previous period is written.

    Parameters
    ----------
    label : str
        A change of :func:`thlib.indicators.progress.direction_of_travel`.

    Returns
    -------
    Term

    Raises
    ------
    DataError
        If the label is not one of :data:`CHANGES`.

    Examples
    --------
    >>> change("better").word
    'improved'
    """
    return _lookup("change", CHANGES, label)


def target(label: str) -> Term:
    """Return how a target status is written.

    Parameters
    ----------
    label : str
        "met", "not met", "no judgement" (a target for a measure without a direction)
        or "none set".

    Returns
    -------
    Term

    Raises
    ------
    DataError
        If the label is not one of :data:`TARGETS`.

    Examples
    --------
    >>> target("met").text
    '✓ met'
    """
    return _lookup("target", TARGETS, label)


def quartile(order: str, number: int) -> str:
    """Return how a London quartile is written: "the best quarter", "the lowest quarter".

    Parameters
    ----------
    order : {"best_first", "highest_first"}
        The order of the quartiles (``london_quartile_order`` of
        :func:`thlib.indicators.peers.indicator_peers`).
    number : int
        The quartile, 1 to 4.

    Returns
    -------
    str

    Raises
    ------
    DataError
        If the order or the quartile is not known.

    Examples
    --------
    >>> quartile("best_first", 4), quartile("highest_first", 1)
    ('the worst quarter', 'the highest quarter')
    """
    words = QUARTILES.get(str(order))
    if words is None or int(number) not in words:
        raise DataError(f"quartile {number!r} in order {order!r} is not known; orders: "
                        + ", ".join(QUARTILES) + "; quartiles 1 to 4")
    return words[int(number)]


def significance_key(confidence: float | list[float] | tuple[float, ...] | set[float]) -> str:
    """Return the key to the significance symbols, with the confidence level(s) used.

    Parameters
    ----------
    confidence : float or collection of float
        The level of the comparisons the key explains (an indicator's ``confidence``),
        or the levels of every indicator in a table.

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        If no level is given or a level is not a fraction.

    Examples
    --------
    >>> significance_key(0.95)
    '▲ better, ▼ worse, ● similar (95% confidence), △ higher, ▽ lower (no judgement), ○ not compared (no interval)'
    """  # noqa: E501
    level = formatting.levels(confidence)
    groups = [", ".join(SIGNIFICANCE[label].text for label in labels)
              + f" ({note.format(level=level)})" for labels, note in _KEY]
    return ", ".join(groups)
