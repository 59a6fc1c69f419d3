"""How old a figure is: the year its period ends, and whether a report should call it out of date.

A report year and a threshold decide: a value whose period ends more than ``years`` before the
report year (default :data:`STALE_AFTER_YEARS`) is out of date, wherever it appears.
"""

from __future__ import annotations

import re

from thlib.errors import ParameterError
from thlib.periods import parse_period

__all__ = ["STALE_AFTER_YEARS", "out_of_date", "period_end_year"]

#: A value whose period ends more than this many years before the report year is out of date.
STALE_AFTER_YEARS = 3

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def period_end_year(period: str) -> int:
    """Return the calendar year in which a value's period ends.

    The label is read as a period (:func:`thlib.periods.parse_period`); a ``YYYY/YY`` ends in
    its second year whether it is a financial or an academic year. A label that is not a
    period (``"2019 (indicators mostly 2015-16)"``, ``"as published in 2017"``) ends, at the
    latest, in the latest year it names: that year is taken, so such a value is never called
    newer than it is said to be.

    Parameters
    ----------
    period : str
        The period's label, as the indicator values give it.

    Returns
    -------
    int
        The year.

    Raises
    ------
    ParameterError
        If the label names no year at all.

    Examples
    --------
    >>> period_end_year("2021"), period_end_year("2019/20"), period_end_year("2021-23")
    (2021, 2020, 2023)
    >>> period_end_year("Apr 2025 to Mar 2026"), period_end_year("as published in 2017")
    (2026, 2017)
    """
    try:
        return parse_period(period).end.year
    except ParameterError:
        pass
    try:  # financial and academic years alike end in their second calendar year
        return parse_period(period, split_year="financial").end.year
    except ParameterError:
        pass
    years = [int(match.group(0)) for match in _YEAR.finditer(str(period))]
    if not years:
        raise ParameterError(f"period {period!r} names no year: it cannot be dated")
    return max(years)


def out_of_date(period: str, report_year: int, years: int = STALE_AFTER_YEARS) -> bool:
    """Say whether a value of ``period`` is out of date in a report for ``report_year``.

    Parameters
    ----------
    period : str
        The value's period label.
    report_year : int
        The report's year.
    years : int, default :data:`STALE_AFTER_YEARS`
        How many years may pass between the end of the period and the report year.

    Returns
    -------
    bool
        True when the period ends more than ``years`` years before ``report_year``.

    Raises
    ------
    ParameterError
        If ``years`` is negative or not a whole number, or the period names no year.

    Examples
    --------
    >>> out_of_date("2021-23", 2025), out_of_date("2021", 2025), out_of_date("2012-14", 2025)
    (False, True, True)
    >>> out_of_date("2021", 2025, years=4)
    False
    """
    if isinstance(years, bool) or not isinstance(years, int) or years < 0:
        raise ParameterError(f"years is {years!r}: give a whole number of years, 0 or more")
    return report_year - period_end_year(period) > years
