"""The values behind a chart: a tidy frame with its title, measure, unit, period and source.

A report passes a :class:`ChartData` to :func:`~thlib.presentation.charts.show_figure`,
which shows it as a table after the image; the profile writes the data of all its charts to
a CSV file and a workbook (:mod:`~thlib.presentation.datafiles`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["CHART_DATA_COLUMNS", "ChartData"]

#: The columns of a tidy data file: one row per plotted value.
CHART_DATA_COLUMNS = ["area", "measure", "category", "period", "value", "lower", "upper", "unit",
                "source", "licence"]


@dataclass(frozen=True)
class ChartData:
    """The values one chart plots, and what a reader needs to reuse them.

    Parameters
    ----------
    title : str
        The chart's title (the table's summary and caption start with it).
    name : str
        A short name for what the data hold (31 characters at most: a worksheet's name).
    measure : str
        What is measured, e.g. "Tenure: percentage of households".
    unit : str
        The unit of the values, e.g. "%" or "offences per 1,000 residents".
    period : str
        The period of the values, e.g. "Census 2021 (21 March 2021)".
    source, licence : str
        Who published the data and under which licence.
    frame : pandas.DataFrame
        One row per plotted value: columns ``area`` and ``value``; optionally
        ``category``, ``period``, ``lower`` and ``upper`` (a confidence interval), and
        ``measure``, ``unit``, ``source`` or ``licence`` where they differ between rows.
    category_label : str, default "Category"
        The heading of the category column in a table.
    decimals : int, default 1
        Digits after the decimal point when the values are written in a table.

    Raises
    ------
    ValueError
        If ``name`` is longer than 31 characters or the frame lacks ``area`` or ``value``.

    Examples
    --------
    >>> frame = pd.DataFrame({"area": ["Bow", "Borough"], "category": ["Owned", "Owned"],
    ...                       "value": [20.0, 25.0]})
    >>> chart = ChartData("Tenure", "Tenure", "Tenure: percentage of households", "%",
    ...                   "Census 2021", "ONS, Census 2021", "OGL v3.0", frame)
    >>> chart.tidy()[["area", "category", "value", "unit"]].to_dict("records")[0]
    {'area': 'Bow', 'category': 'Owned', 'value': 20.0, 'unit': '%'}
    """

    title: str
    name: str
    measure: str
    unit: str
    period: str
    source: str
    licence: str
    frame: pd.DataFrame = field(repr=False)
    category_label: str = "Category"
    decimals: int = 1

    def __post_init__(self) -> None:
        """Check the name fits a worksheet and the frame has areas and values."""
        if len(self.name) > 31:
            raise ValueError(f"the name {self.name!r} is longer than 31 characters")
        missing = {"area", "value"} - set(self.frame.columns)
        if missing:
            raise ValueError(f"the frame of {self.title!r} lacks {sorted(missing)}")

    def tidy(self) -> pd.DataFrame:
        """Return the values as rows of :data:`CHART_DATA_COLUMNS`, in the chart's order.

        A column the frame does not give is filled from the ChartData (``measure``,
        ``period``, ``unit``, ``source``, ``licence``), or left empty (``category``,
        ``lower``, ``upper``).

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> frame = pd.DataFrame({"area": ["Bow"], "value": [3.5]})
        >>> chart = ChartData("T", "T", "Rate", "%", "2024", "ONS", "OGL v3.0", frame)
        >>> chart.tidy().to_dict("records")[0]  # doctest: +NORMALIZE_WHITESPACE
        {'area': 'Bow', 'measure': 'Rate', 'category': '', 'period': '2024', 'value': 3.5,
         'lower': nan, 'upper': nan, 'unit': '%', 'source': 'ONS', 'licence': 'OGL v3.0'}
        """
        return self._tidy.copy()

    @functools.cached_property
    def _tidy(self) -> pd.DataFrame:
        # made once: the chart's table, the CSV file and the workbook all read it
        defaults = {"measure": self.measure, "category": "", "period": self.period,
                    "lower": float("nan"), "upper": float("nan"), "unit": self.unit,
                    "source": self.source, "licence": self.licence}
        rows = self.frame.reset_index(drop=True)
        tidy = pd.DataFrame({
            column: (rows[column] if column in rows.columns
                     else pd.Series([defaults[column]] * len(rows), dtype=object
                                    if isinstance(defaults[column], str) else float))
            for column in CHART_DATA_COLUMNS})
        for column in ("value", "lower", "upper"):
            tidy[column] = pd.to_numeric(tidy[column], errors="coerce").astype(float)
        for column in ("area", "measure", "category", "period", "unit", "source", "licence"):
            tidy[column] = tidy[column].fillna("").astype(str)
        return tidy[CHART_DATA_COLUMNS]
