"""How figures are written: the one place that turns numbers into display text.

Every report, table, sentence and chart label writes a number through these functions,
so that a value reads the same wherever it appears (thousands separators, the unit,
the indicator's decimals, a confidence level as "95%").
"""

from __future__ import annotations

from thlib.errors import ParameterError

__all__ = ["count", "file_size", "is_missing", "level", "levels", "number", "ordinal",
           "percent", "rank", "signed_percent", "span", "value"]

#: What a missing value reads as in sentences and tables.
NOT_AVAILABLE = "not available"

#: What a missing value reads as in chart labels, where space is short.
DASH = "–"


def is_missing(x: object) -> bool:
    """Say whether a value is missing: None, NaN or pandas' NA.

    Parameters
    ----------
    x : object
        Any value.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing(0.0), is_missing("2021")
    (True, True, False, False)
    """
    import pandas as pd  # here, not at the top: a no-op build imports this module

    try:
        return x is None or bool(pd.isna(x))
    except (TypeError, ValueError):  # not a scalar: a list or an array is not missing
        return False


def number(x: float | None, decimals: int = 1, missing: str = DASH) -> str:
    """Write a number with thousands separators and fixed decimals.

    Parameters
    ----------
    x : float or None
        The number; None or NaN is missing.
    decimals : int, default 1
        Digits after the decimal point.
    missing : str, default "–"
        What a missing number reads as.

    Returns
    -------
    str

    Examples
    --------
    >>> number(19797.0, 0)
    '19,797'
    >>> number(float("nan"))
    '–'
    """
    if is_missing(x):
        return missing
    return f"{x:,.{decimals}f}"


def count(n: int | float) -> str:
    """Write a count with thousands separators and no decimals.

    Parameters
    ----------
    n : int or float
        A whole number (a float is rounded).

    Returns
    -------
    str

    Examples
    --------
    >>> count(19797)
    '19,797'
    """
    return number(n, 0)


def percent(x: float | None, decimals: int = 1) -> str:
    """Write a percentage given in percent (31.24 reads "31.2%").

    Parameters
    ----------
    x : float or None
        The percentage, on a 0-100 scale.
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str
        ``"not available"`` when ``x`` is missing.

    Examples
    --------
    >>> percent(31.24)
    '31.2%'
    >>> percent(20, 0)
    '20%'
    """
    if is_missing(x):
        return NOT_AVAILABLE
    return f"{number(x, decimals)}%"


def signed_percent(x: float, decimals: int = 1) -> str:
    """Write a percentage difference with its sign ("+1.2%", "-0.4%").

    Parameters
    ----------
    x : float
        The difference, on a 0-100 scale.
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str

    Examples
    --------
    >>> signed_percent(1.234), signed_percent(-0.4)
    ('+1.2%', '-0.4%')
    """
    return f"{x:+.{decimals}f}%"


def value(x: float | None, unit: str, decimals: int = 1) -> str:
    """Write a value with its unit: ``38.2%``, ``£34,930``, ``117.2 per 1,000 residents``.

    Parameters
    ----------
    x : float or None
        The value.
    unit : str
        The indicator's unit: ``"%"`` and ``"£"`` are written against the number, any
        other unit after it with a space, an empty unit not at all.
    decimals : int, default 1
        Digits after the decimal point (an indicator's ``decimals``).

    Returns
    -------
    str
        ``"not available"`` when ``x`` is missing.

    Examples
    --------
    >>> value(38.16, "%")
    '38.2%'
    >>> value(34930, "£", 0)
    '£34,930'
    >>> value(117.16, "per 1,000 residents")
    '117.2 per 1,000 residents'
    """
    if is_missing(x):
        return NOT_AVAILABLE
    figure = number(x, decimals)
    if unit == "%":
        return f"{figure}%"
    if unit == "£":
        return f"£{figure}"
    return f"{figure} {unit}" if unit.strip() else figure


def size(x: float, unit: str, decimals: int = 1) -> str:
    """Write the size of a change, without its sign: ``1.8 points``, ``£12``, ``3.0 years``.

    A change in a percentage is in percentage points ("points"); other units as
    :func:`value` writes them.

    Parameters
    ----------
    x : float
        The change (its sign is dropped: say the direction in words).
    unit : str
        The indicator's unit.
    decimals : int, default 1
        Digits after the decimal point.

    Returns
    -------
    str

    Examples
    --------
    >>> size(-1.84, "%"), size(12.4, "£", 0), size(0.25, "years")
    ('1.8 points', '£12', '0.2 years')
    """
    if is_missing(x):
        return NOT_AVAILABLE
    if unit == "%":
        return f"{number(abs(x), decimals)} points"
    return value(abs(x), unit, decimals)


def span(first: str, last: str) -> str:
    """Write the first and last periods of a run: ``2019 to 2023``.

    Periods that are themselves ranges (``Apr 2024 to Mar 2025``) are not joined with "to"
    again, which would read as one long range.

    Parameters
    ----------
    first, last : str
        Period labels.

    Returns
    -------
    str

    Examples
    --------
    >>> span("2019", "2023")
    '2019 to 2023'
    >>> span("Apr 2023 to Mar 2024", "Apr 2024 to Mar 2025")
    'first Apr 2023 to Mar 2024, last Apr 2024 to Mar 2025'
    """
    if " to " in first or " to " in last:
        return f"first {first}, last {last}"
    return f"{first} to {last}"


def rank(position: int | None, out_of: int | None, quartile: int | None = None, *,
         tied: int | None = None, quartile_span: str | None = None) -> str:
    """Write a rank among peers: ``3rd of 32 (Q1)``, or a joint rank with its tie.

    A tied rank is the tie's best (smallest) rank, shared by all the tied areas
    (:func:`thlib.indicators.peers.london_rank`); it is written "joint", with how many
    others share it. Tied values share a quartile (the PHE rule); where the tie's positions
    would fall in more than one quartile were the tie broken, ``quartile_span`` says so and
    the text says the tie spans them.

    Parameters
    ----------
    position : int or None
        The rank (1 = highest value); None when not ranked.
    out_of : int or None
        How many were ranked.
    quartile : int, optional
        The quartile, shown as ``Q1`` to ``Q4``.
    tied : int, optional
        How many ranked areas share this value, the area included
        (``london_rank_tied``); None or 1: no tie.
    quartile_span : str, optional
        The quartiles the tied positions span, ``"1-2"`` (``london_quartile_span``); a
        single quartile (``"2"``) or None: the tie does not straddle a boundary.

    Returns
    -------
    str
        :data:`NOT_AVAILABLE` when not ranked.

    Raises
    ------
    ParameterError
        If ``tied`` is below 1 or ``quartile_span`` is not ``"<q>"`` or ``"<q>-<q>"``.

    Examples
    --------
    >>> rank(1, 32, 4), rank(22, 32), rank(None, None)
    ('1st of 32 (Q4)', '22nd of 32', 'not available')
    >>> rank(18, 32, 2, tied=6)
    'joint 18th of 32, with 5 others (Q2)'
    >>> rank(8, 32, 1, tied=3, quartile_span="1-2")
    'joint 8th of 32, with 2 others (Q1; the tie spans Q1-Q2)'
    >>> rank(5, 32, 1, tied=2, quartile_span="1"), rank(3, 32, 1, tied=1)
    ('joint 5th of 32, with 1 other (Q1)', '3rd of 32 (Q1)')
    """
    if is_missing(position) or is_missing(out_of):
        return NOT_AVAILABLE
    ties = 1 if is_missing(tied) else int(tied)  # type: ignore[arg-type]
    if ties < 1:
        raise ParameterError(f"tied is {tied!r}: give how many share the value, the area "
                             "included (1 = no tie)")
    spans: list[str] = []
    if not is_missing(quartile_span):
        spans = str(quartile_span).split("-")
        if not 1 <= len(spans) <= 2 or not all(s.strip().isdigit() for s in spans):
            raise ParameterError(f"quartile_span is {quartile_span!r}: give the quartiles "
                                 "the tie spans, e.g. '1-2', or one quartile, e.g. '2'")
        spans = [s.strip() for s in spans]
    text = f"{ordinal(int(position))} of {int(out_of)}"  # type: ignore[arg-type]
    if ties > 1:
        text = f"joint {text}, with {ties - 1} other{'s' if ties > 2 else ''}"
    notes = [] if is_missing(quartile) else [f"Q{int(quartile)}"]  # type: ignore[arg-type]
    if ties > 1 and len(spans) == 2 and spans[0] != spans[1]:
        notes.append(f"the tie spans Q{spans[0]}-Q{spans[1]}")
    return f"{text} ({'; '.join(notes)})" if notes else text


def ordinal(n: int) -> str:
    """Write a whole number as an ordinal: ``1st``, ``2nd``, ``11th``, ``23rd``.

    Parameters
    ----------
    n : int
        The number.

    Returns
    -------
    str

    Examples
    --------
    >>> ordinal(1), ordinal(12), ordinal(22), ordinal(111)
    ('1st', '12th', '22nd', '111th')
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def level(confidence: float) -> str:
    """Write a confidence level given as a fraction: 0.95 reads "95%", 0.998 "99.8%".

    Parameters
    ----------
    confidence : float
        The level, between 0 and 1 (an indicator's ``confidence``).

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        If ``confidence`` is not strictly between 0 and 1.

    Examples
    --------
    >>> level(0.95), level(0.998)
    ('95%', '99.8%')
    """
    if not 0 < confidence < 1:
        raise ParameterError(f"confidence is {confidence!r}: give a fraction such as 0.95")
    shown = f"{confidence * 100:.3f}".rstrip("0").rstrip(".")
    return f"{shown}%"


def levels(confidences: float | list[float] | tuple[float, ...] | set[float]) -> str:
    """Write the confidence level(s) actually used, lowest first: "95%", "95% or 99.8%".

    Parameters
    ----------
    confidences : float or collection of float
        One level, or the levels of the indicators a table or sentence covers (repeats
        are written once).

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        If no level is given, or one is not strictly between 0 and 1.

    Examples
    --------
    >>> levels(0.95)
    '95%'
    >>> levels([0.998, 0.95, 0.95])
    '95% or 99.8%'
    """
    given = [confidences] if isinstance(confidences, float | int) else list(confidences)
    if not given:
        raise ParameterError("no confidence level given: pass at least one, e.g. 0.95")
    return " or ".join(level(c) for c in sorted(set(given)))


def file_size(n_bytes: int | float) -> str:
    """Write a file's size in bytes, KB, MB or GB (powers of 1,024): "512 bytes", "2.0 KB".

    Parameters
    ----------
    n_bytes : int or float
        The size in bytes.

    Returns
    -------
    str

    Examples
    --------
    >>> file_size(512), file_size(2048), file_size(3 * 1024 ** 2)
    ('512 bytes', '2.0 KB', '3.0 MB')
    """
    size = float(n_bytes)
    for unit in ("bytes", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
