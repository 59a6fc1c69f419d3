"""Periods as data: the time a value covers, ordered and labelled as UK statistics write it.

Every published figure belongs to a period: a calendar year (``2019``), a financial year
(``2019/20``, April to March), an academic year (``2019/20``, September to August), a pooled
range of years (``2021-23``), a quarter, a month. A :class:`Period` holds the first and last
day it covers, so periods sort, compare and hash as dates do, whatever text they came from:
``"2024 Q1"``, ``"Jan 2024 to Mar 2024"`` and ``"2024-01-01/P3M"`` are one and the same
period, labelled ``Jan to Mar 2024``.

The kind of a period (``calendar_year``, ``financial_year``, ...) follows from its dates, so two
equal periods always have the same kind and label. A ``YYYY/YY`` on its own does not say which
year it is: the caller (or the series' entry in ``sources.yml``) says so with ``split_year``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
from typing import Any, Literal

import pandas as pd

from thlib.errors import ParameterError

__all__ = ["KINDS", "Period", "SplitYear", "parse_period", "sort_key"]

#: The kinds of period, from the dates a period covers.
KINDS = (
    "calendar_year",   # 1 January to 31 December: "2019"
    "financial_year",  # 1 April to 31 March: "2019/20"
    "academic_year",   # 1 September to 31 August: "2019/20"
    "split_year",      # any other 12 months across two calendar years: "2015/16"
    "multi_year",      # whole years pooled: "2021-23", "2016/17 to 2018/19"
    "quarter",         # a calendar quarter: "Jan to Mar 2024"
    "month",           # "Jan 2024"
    "months",          # any other run of whole months: "Nov 2023 to Jan 2024"
    "day",             # "16 Apr 2008"
    "interval",        # anything else: "16 Nov 2015 to 20 Dec 2016"
)

#: What a ``YYYY/YY`` means: ``"financial"`` (April to March), ``"academic"`` (September to
#: August) or the number of the month a survey year starts in (11 for Active Lives).
SplitYear = Literal["financial", "academic"] | int

_SPLIT_MONTHS = {"financial": 4, "academic": 9}
_YEAR_KINDS = {1: "calendar_year", 4: "financial_year", 9: "academic_year"}
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS["sept"] = 9
_DASH = r"\s*(?:-|–|—|to)\s*"  # hyphen, en dash, em dash or "to"
_MONTH = r"(?P<{0}>[A-Za-z]{{3,9}})\.?"


def _add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by whole months, keeping the day where the month allows."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _two_digit_end(start_year: int, end_text: str) -> int:
    """Expand the ``23`` of ``2021-23`` to the first year after ``start_year`` ending so."""
    if len(end_text) == 4:
        return int(end_text)
    end = start_year - start_year % 100 + int(end_text)
    return end if end > start_year else end + 100


@functools.total_ordering
@dataclasses.dataclass(frozen=True)
class Period:
    """A period of time a value covers: first and last day, and the kind those dates make.

    Periods compare by their last day, then their first (so ``2017-19`` sorts before
    ``2019``, which ends on the same day but starts later), hash by their dates, and print as
    their :attr:`label`. Build one with :func:`parse_period` or a constructor such as
    :meth:`financial_year`; ``kind`` is worked out from the dates, never given.

    Parameters
    ----------
    start : datetime.date
        The first day covered.
    end : datetime.date
        The last day covered (inclusive), on or after ``start``.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`, from the dates.

    Raises
    ------
    ParameterError
        If ``end`` is before ``start`` or either is not a date.

    Examples
    --------
    >>> import datetime as dt
    >>> fy = Period(dt.date(2019, 4, 1), dt.date(2020, 3, 31))
    >>> fy.kind, fy.label
    ('financial_year', '2019/20')
    >>> fy == Period.financial_year(2019) == parse_period("2019/20", split_year="financial")
    True
    >>> sorted([Period.calendar_year(2019), Period.years(2017, 2019), fy])
    [Period('2017-19'), Period('2019'), Period('2019/20')]
    """

    start: dt.date
    end: dt.date
    kind: str = dataclasses.field(init=False, compare=False)

    def __post_init__(self) -> None:
        """Check the dates and work out the kind."""
        if not (isinstance(self.start, dt.date) and isinstance(self.end, dt.date)):
            raise ParameterError(f"a period needs two dates, not {self.start!r} and {self.end!r}")
        # A datetime is a date too; keep only the day, so equal days make equal periods.
        object.__setattr__(self, "start", _as_date(self.start))
        object.__setattr__(self, "end", _as_date(self.end))
        if self.end < self.start:
            raise ParameterError(f"a period cannot end ({self.end}) before it starts "
                                 f"({self.start})")
        object.__setattr__(self, "kind", self._kind())

    def __lt__(self, other: object) -> bool:
        """Order by last day, then first day (the other comparisons follow from this)."""
        if not isinstance(other, Period):
            return NotImplemented
        return (self.end, self.start) < (other.end, other.start)

    def __str__(self) -> str:
        """Return the :attr:`label`."""
        return self.label

    def __repr__(self) -> str:
        """Return ``Period('<label>')``."""
        return f"Period({self.label!r})"

    # ---- constructors -------------------------------------------------------------------
    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """Return the calendar year ``year``, 1 January to 31 December.

        Parameters
        ----------
        year : int
            The year, e.g. ``2019``.

        Returns
        -------
        Period
            Labelled ``2019``.

        Raises
        ------
        ValueError
            If ``year`` is outside the years :mod:`datetime` handles.

        Examples
        --------
        >>> Period.calendar_year(2019).end
        datetime.date(2019, 12, 31)
        """
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def financial_year(cls, year: int) -> Period:
        """Return the financial year starting in April of ``year``.

        Parameters
        ----------
        year : int
            The year it starts in: ``2019`` for ``2019/20``.

        Returns
        -------
        Period
            1 April ``year`` to 31 March of the next year.

        Raises
        ------
        ValueError
            If ``year`` is outside the years :mod:`datetime` handles.

        Examples
        --------
        >>> Period.financial_year(2019).label, Period.financial_year(2019).end
        ('2019/20', datetime.date(2020, 3, 31))
        """
        return cls.split_year(year, "financial")

    @classmethod
    def academic_year(cls, year: int) -> Period:
        """Return the academic year starting in September of ``year``.

        Parameters
        ----------
        year : int
            The year it starts in: ``2019`` for ``2019/20``.

        Returns
        -------
        Period
            1 September ``year`` to 31 August of the next year.

        Raises
        ------
        ValueError
            If ``year`` is outside the years :mod:`datetime` handles.

        Examples
        --------
        >>> Period.academic_year(2019).kind, Period.academic_year(2019).end
        ('academic_year', datetime.date(2020, 8, 31))
        """
        return cls.split_year(year, "academic")

    @classmethod
    def split_year(cls, year: int, split_year: SplitYear) -> Period:
        """Return the 12 months from the start of the ``split_year`` month in ``year``.

        Parameters
        ----------
        year : int
            The year it starts in.
        split_year : {"financial", "academic"} or int
            April, September, or the number of the month it starts in (1 to 12).

        Returns
        -------
        Period
            Twelve whole months.

        Raises
        ------
        ParameterError
            If ``split_year`` is none of those.

        Examples
        --------
        >>> Period.split_year(2015, 11).label  # Active Lives: November to November
        '2015/16'
        >>> Period.split_year(2015, 11).end
        datetime.date(2016, 10, 31)
        """
        start = dt.date(year, _split_month(split_year), 1)
        return cls(start, _add_months(start, 12) - dt.timedelta(days=1))

    @classmethod
    def years(cls, first: int, last: int, split_year: SplitYear | None = None) -> Period:
        """Return the whole years ``first`` to ``last`` pooled, e.g. ``2021-23``.

        Parameters
        ----------
        first, last : int
            The first and last years (for split years, the years they start in).
        split_year : {"financial", "academic"} or int, optional
            Pool split years instead of calendar years.

        Returns
        -------
        Period
            From the start of ``first`` to the end of ``last``.

        Raises
        ------
        ParameterError
            If ``last`` is before ``first``.

        Examples
        --------
        >>> Period.years(2021, 2023).label
        '2021-23'
        >>> Period.years(2016, 2018, "financial").label
        '2016/17 to 2018/19'
        """
        if last < first:
            raise ParameterError(f"a range of years cannot end ({last}) before it starts "
                                 f"({first})")
        month = 1 if split_year is None else _split_month(split_year)
        start = dt.date(first, month, 1)
        return cls(start, _add_months(dt.date(last, month, 1), 12) - dt.timedelta(days=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Return calendar quarter ``quarter`` (1 to 4) of ``year``.

        Parameters
        ----------
        year : int
            The calendar year.
        quarter : int
            1 (January to March) to 4 (October to December).

        Returns
        -------
        Period
            Three whole months.

        Raises
        ------
        ParameterError
            If ``quarter`` is not 1 to 4.

        Examples
        --------
        >>> Period.quarter(2024, 1).label
        'Jan to Mar 2024'
        """
        if quarter not in (1, 2, 3, 4):
            raise ParameterError(f"a quarter is 1 to 4, not {quarter!r}")
        month = 3 * quarter - 2
        return cls(dt.date(year, month, 1), _month_end(year, month + 2))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Return the calendar month ``month`` (1 to 12) of ``year``.

        Parameters
        ----------
        year : int
            The calendar year.
        month : int
            1 (January) to 12 (December).

        Returns
        -------
        Period
            One whole month.

        Raises
        ------
        ValueError
            If ``month`` is not 1 to 12.

        Examples
        --------
        >>> Period.month(2024, 1).label
        'Jan 2024'
        """
        return cls(dt.date(year, month, 1), _month_end(year, month))

    # ---- what it is -----------------------------------------------------------------------
    def _whole_months(self) -> int | None:
        """Return the number of whole calendar months covered, or None if not whole months."""
        if self.start.day != 1 or self.end != _month_end(self.end.year, self.end.month):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def _kind(self) -> str:
        months = self._whole_months()
        if months is None:
            if self.start == self.end:
                return "day"
            twelve = _add_months(self.start, 12) - dt.timedelta(days=1)
            return "split_year" if self.end == twelve else "interval"
        if months == 1:
            return "month"
        if months == 3 and self.start.month in (1, 4, 7, 10):
            return "quarter"
        if months == 12:
            return _YEAR_KINDS.get(self.start.month, "split_year")
        if months % 12 == 0:
            return "multi_year"
        return "months"

    @property
    def label(self) -> str:
        """The period as UK statistics publications write it.

        ``2019``, ``2019/20``, ``2021-23``, ``2016/17 to 2018/19``, ``Jan to Mar 2024``,
        ``Jan 2024``, ``Nov 2023 to Jan 2024``, ``16 Apr 2008``.

        Examples
        --------
        >>> parse_period("2021 - 23").label, parse_period("Jan 2025 to Mar 2025").label
        ('2021-23', 'Jan to Mar 2025')
        """
        start, end, kind = self.start, self.end, self.kind
        if kind == "calendar_year":
            return str(start.year)
        if kind in ("financial_year", "academic_year", "split_year"):
            return _split_label(start.year)
        if kind == "multi_year":
            if start.month == 1:
                tail = f"{end.year % 100:02d}" if end.year // 100 == start.year // 100 else (
                    str(end.year))
                return f"{start.year}-{tail}"
            return f"{_split_label(start.year)} to {_split_label(end.year - 1)}"
        if kind == "month":
            return f"{calendar.month_abbr[start.month]} {start.year}"
        if kind in ("quarter", "months"):
            first = calendar.month_abbr[start.month]
            if start.year != end.year:
                first += f" {start.year}"
            return f"{first} to {calendar.month_abbr[end.month]} {end.year}"
        if kind == "day":
            return _day_label(start)
        return f"{_day_label(start)} to {_day_label(end)}"

    def years_before(self, report_year: int) -> int:
        """Return how many years before ``report_year`` the period ends.

        Parameters
        ----------
        report_year : int
            The year of the report (or any year to measure from).

        Returns
        -------
        int
            ``report_year`` minus the calendar year of the period's last day: 0 for a period
            ending in ``report_year``, negative for one ending after it.

        Raises
        ------
        ParameterError
            If ``report_year`` is not a whole number.

        Examples
        --------
        >>> Period.financial_year(2019).years_before(2025)  # ends March 2020
        5
        >>> parse_period("2021-23").years_before(2025)
        2
        """
        if isinstance(report_year, bool) or not isinstance(report_year, int):
            raise ParameterError(f"report_year must be a year such as 2025, not {report_year!r}")
        return report_year - self.end.year


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _split_month(split_year: Any) -> int:
    if isinstance(split_year, str) and split_year in _SPLIT_MONTHS:
        return _SPLIT_MONTHS[split_year]
    if isinstance(split_year, int) and not isinstance(split_year, bool) and 1 <= split_year <= 12:
        return split_year
    raise ParameterError(
        f"split_year must be 'financial' (April to March), 'academic' (September to August) "
        f"or the number of the month the year starts in (1 to 12), not {split_year!r}"
    )


def _split_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _day_label(day: dt.date) -> str:
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def _month_number(name: str, text: str) -> int:
    number = _MONTHS.get(name.lower())
    if number is None:
        raise ParameterError(f"cannot read period {text!r}: {name!r} is not a month")
    return number


_ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_DURATION = re.compile(r"P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?")
_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
        "year": r"(?P<y>\d{4})",
        "split": r"(?P<y>\d{4})/(?P<e>\d{2}|\d{4})",
        "split_range": rf"(?P<y>\d{{4}})/(?P<e>\d{{2}}|\d{{4}}){_DASH}"
                       r"(?P<y2>\d{2}|\d{4})/(?P<e2>\d{2}|\d{4})",
        "range": rf"(?P<y>\d{{4}}){_DASH}(?P<e>\d{{2}}|\d{{4}})",
        "quarter": r"(?P<y>\d{4})\s*-?\s*Q(?P<q>[1-4])",
        "quarter_first": r"Q(?P<q>[1-4])\s*(?P<y>\d{4})",
        "split_quarter": r"(?P<y>\d{4})/(?P<e>\d{2}|\d{4})\s*Q(?P<q>[1-4])",
        "iso_month": r"(?P<y>\d{4})-(?P<m>\d{2})",
        "month": _MONTH.format("m") + r"\s+(?P<y>\d{4})",
        "months": _MONTH.format("m") + r"(?:\s+(?P<y>\d{4}))?" + _DASH + _MONTH.format("m2")
                  + r"\s+(?P<y2>\d{4})",
        "iso_interval": rf"(?P<a>{_ISO_DATE}|P[0-9YMWD]+)/(?P<b>{_ISO_DATE}|P[0-9YMWD]+)",
        "iso_date": rf"(?P<a>{_ISO_DATE})",
    }.items()
}


def _date(text: str, whole: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ParameterError(f"cannot read period {whole!r}: {text!r} is not a date") from exc


def _shift(day: dt.date, duration: str, sign: int, whole: str) -> dt.date:
    match = _DURATION.fullmatch(duration)
    if not match or not any(match.groupdict().values()):
        raise ParameterError(f"cannot read period {whole!r}: {duration!r} is not an ISO 8601 "
                             "duration such as P1Y, P3M or P7D")
    parts = {k: int(v or 0) for k, v in match.groupdict().items()}
    day = _add_months(day, sign * (12 * parts["y"] + parts["m"]))
    return day + sign * dt.timedelta(weeks=parts["w"], days=parts["d"])


def _iso_interval(a: str, b: str, whole: str) -> Period:
    one_day = dt.timedelta(days=1)
    if a.startswith("P") and b.startswith("P"):
        raise ParameterError(f"cannot read period {whole!r}: an interval needs a date")
    if b.startswith("P"):  # start/duration: the duration ends the day before start + duration
        start = _date(a, whole)
        return Period(start, _shift(start, b, 1, whole) - one_day)
    if a.startswith("P"):  # duration/end
        end = _date(b, whole)
        return Period(_shift(end, a, -1, whole) + one_day, end)
    return Period(_date(a, whole), _date(b, whole))


def _check_split_end(start: int, end_text: str, text: str) -> None:
    if _two_digit_end(start, end_text) != start + 1:
        raise ParameterError(f"cannot read period {text!r}: a year written YYYY/YY runs into the "
                             f"next year, so {start}/{(start + 1) % 100:02d} was expected")


def _need_split_year(split_year: SplitYear | None, text: str) -> SplitYear:
    if split_year is None:
        raise ParameterError(
            f"period {text!r} could be a financial year (April to March) or an academic year "
            "(September to August): say which with split_year='financial' or 'academic' (or "
            "the month number a survey year starts in)"
        )
    return split_year


def parse_period(text: str, split_year: SplitYear | None = None) -> Period:
    """Read a period written the ways UK statistics and ISO 8601 write them.

    - calendar year: ``2019``;
    - financial or academic year (as ``split_year`` says): ``2019/20``;
    - calendar years pooled: ``2021-23``, ``2015 - 17``, ``2021 to 2023``;
    - split years pooled (as ``split_year`` says): ``2016/17 - 18/19``;
    - calendar quarter: ``2024 Q1``, ``Q1 2024``, ``2024-Q1``;
    - quarter of the financial year, as Fingertips writes them: ``2024/25 Q1`` (April to
      June 2024);
    - whole months: ``Jan 2024 to Mar 2024``, ``Jan to Mar 2024``, ``Nov 2023 - Jan 2024``;
    - month: ``2024-01``, ``Jan 2024``, ``January 2024``;
    - ISO 8601 interval: ``2004-01-01/P1Y``, ``2004-01-01/2004-12-31``, ``P3M/2024-03-31``;
    - one day: ``2008-04-16``.

    A ``YYYY-NN`` is a range of years when ``NN`` is later than the year's last two digits
    (``2001-03`` is 2001 to 2003, as Fingertips writes pooled years) and a month otherwise
    (``2024-01``); write a month of 2000 to 2011 as ``Mar 2001``. A ``YYYY-NN`` of two
    consecutive years (``2019-20``) is read as a split year when ``split_year`` is given, and
    refused otherwise: publishers write financial years that way too. Whatever the text, the period
    is its dates: ``Apr 2019 to Mar 2020`` is the financial year ``2019/20``.

    Parameters
    ----------
    text : str
        The period as written; surrounding spaces are ignored.
    split_year : {"financial", "academic"} or int, optional
        What a ``YYYY/YY`` means: April to March, September to August, or the number of the
        month the year starts in (11 for Active Lives' November to November).

    Returns
    -------
    Period
        The period, with its kind and label.

    Raises
    ------
    ParameterError
        If the text is not a period in any of those forms (the message quotes it), or is a
        ``YYYY/YY`` and ``split_year`` is not given.

    Examples
    --------
    >>> parse_period("2019/20", split_year="academic").start
    datetime.date(2019, 9, 1)
    >>> parse_period("2015 - 17") == parse_period("2015-01-01/P3Y")
    True
    >>> parse_period("2024 Q1") == parse_period("Jan 2024 to Mar 2024")
    True
    >>> parse_period("2019/20")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.ParameterError: period '2019/20' could be a financial year ... or an academic ...
    >>> parse_period("last year")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.ParameterError: cannot read period 'last year': write it as 2019, 2019/20, ...
    """
    if not isinstance(text, str):
        raise ParameterError(f"a period is written as text, not {text!r}")
    whole = text.strip()
    for name, pattern in _PATTERNS.items():
        match = pattern.fullmatch(whole)
        if match is None:
            continue
        g = match.groupdict()
        if name == "year":
            return Period.calendar_year(int(g["y"]))
        if name == "split":
            _check_split_end(int(g["y"]), g["e"], whole)
            return Period.split_year(int(g["y"]), _need_split_year(split_year, whole))
        if name == "split_range":
            first, last = int(g["y"]), _two_digit_end(int(g["y"]), g["y2"])
            _check_split_end(first, g["e"], whole)
            _check_split_end(last, g["e2"], whole)
            return Period.years(first, last, _need_split_year(split_year, whole))
        if name == "range" or name == "iso_month":
            first = int(g["y"])
            second = g.get("e") or g["m"]
            if name == "range" and len(second) == 2 and \
                    _two_digit_end(first, second) == first + 1:
                # "2019-20" is written for financial and academic years as often as for
                # two calendar years: only the caller can say which.
                if split_year is None:
                    raise ParameterError(
                        f"period {text!r} could be a financial or academic year or the two "
                        f"calendar years {first} and {first + 1}: pass split_year, or write "
                        f"{first}/{second} or {first}-{first + 1}")
                return Period.split_year(first, split_year)
            if name == "range" and (len(second) == 4 or int(second) > first % 100):
                return Period.years(first, _two_digit_end(first, second))
            if 1 <= int(second) <= 12:
                return Period.month(first, int(second))
            continue
        if name in ("quarter", "quarter_first"):
            return Period.quarter(int(g["y"]), int(g["q"]))
        if name == "split_quarter":
            _check_split_end(int(g["y"]), g["e"], whole)
            start = _add_months(dt.date(int(g["y"]), 4, 1), 3 * (int(g["q"]) - 1))
            return Period(start, _add_months(start, 3) - dt.timedelta(days=1))
        if name == "month":
            return Period.month(int(g["y"]), _month_number(g["m"], whole))
        if name == "months":
            first_month, last_month = _month_number(g["m"], whole), _month_number(g["m2"], whole)
            last_year = int(g["y2"])
            first_year = int(g["y"]) if g["y"] else (
                last_year if first_month <= last_month else last_year - 1)
            return Period(dt.date(first_year, first_month, 1), _month_end(last_year, last_month))
        if name == "iso_interval":
            return _iso_interval(g["a"], g["b"], whole)
        if name == "iso_date":
            day = _date(g["a"], whole)
            return Period(day, day)
    raise ParameterError(
        f"cannot read period {text!r}: write it as 2019, 2019/20, 2021-23, 2024 Q1, "
        "Jan to Mar 2024, Jan 2024 or an ISO 8601 interval such as 2004-01-01/P1Y"
    )


def sort_key(values: pd.Series) -> pd.Series:
    """Sort key for pandas: periods by end then start; any other column as it is.

    Pass it as ``key`` to :meth:`pandas.DataFrame.sort_values`; pandas calls it once per
    sort column, so it can sort a period column among others. Missing periods sort last.

    Parameters
    ----------
    values : pandas.Series
        A column; if it holds :class:`Period` objects, they are turned into integers that
        sort as the periods do.

    Returns
    -------
    pandas.Series
        Integer keys for a period column (same index), else ``values`` unchanged.

    Raises
    ------
    ParameterError
        If a column mixes periods with other values (missing values aside).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"area": ["b", "a", "a"],
    ...                       "period": [parse_period("2019"), parse_period("2021-23"),
    ...                                  parse_period("2019")]})
    >>> frame.sort_values(["area", "period"], key=sort_key)["period"].map(str).tolist()
    ['2019', '2021-23', '2019']
    """
    present = values.dropna()
    if present.empty or not any(isinstance(v, Period) for v in present):
        return values
    if not all(isinstance(v, Period) for v in present):
        raise ParameterError(f"column {values.name!r} mixes periods with other values")
    # end ordinal first, start ordinal second: both below 10**6 for any year before 2700.
    keys = [float(v.end.toordinal() * 1_000_000 + v.start.toordinal())
            if isinstance(v, Period) else float("inf") for v in values]
    return pd.Series(keys, index=values.index, name=values.name)
