"""Peers: an area's rank among the London boroughs, and its statistical neighbours.

Two pure functions on a tidy series frame (as :func:`thlib.data.series` returns for
``"london-boroughs/<file>"``): one series (one indicator, sex and age), every London
borough, London and England, by period. They return numbers and labels as data; the words
are the presentation layer's (:mod:`thlib.presentation.vocabulary`).

:func:`london_rank`
    The area's rank among the London boroughs in one period (rank 1 = highest value) and its
    polarity-aware quartile, or the reason it is not ranked.
:func:`neighbour_comparison`
    Tower Hamlets, its statistical neighbours, their mean, London and England in one period,
    in the frame :func:`thlib.presentation.charts.intervals.compare_areas` draws.

The rules, and why (provenance: ``data/README.md`` sections 6.1 and 6.3):

- **Who is ranked.** London boroughs (GSS ``E09``) with a value in the period. City of London
  (E09000001) is always left out: its published values are small-sample and volatile
  (section 6.3, "keep it out of rankings"). Where a source publishes Hackney only combined
  with the City (E67000001, preventable CVD mortality), that row stands for Hackney, as
  section 6.1 advises ("rank CVD mortality over the 31 separate boroughs plus the combined
  Hackney + City row"), so 32 areas are ranked there too. The rule is applied per period
  (the period's rows hold no Hackney row of its own), and the same row stands for Hackney
  among the statistical neighbours, under its own code and published name (one helper,
  ``_stand_ins``, serves both).
- **Ties** share the best (smallest) rank, as ``pandas.Series.rank(method="min")``: values
  9, 7, 7, 5 rank 1, 2, 2, 4. :attr:`LondonRank.tied` says how many share the area's value.
- **Quartiles** are :func:`thlib.stats.quantiles` (the PHE rule, ties share a quartile) with
  ``n=4`` over the ranked boroughs. Quartile 1 is the best quarter: the highest values when
  higher is better, the lowest when lower is better. With no judgement quartile 1 holds the
  highest values (the rank's order) and :attr:`LondonRank.quartile_order` says
  ``"highest_first"`` instead of ``"best_first"``. Because ties share the quartile of their
  best position, a tie can straddle a boundary (PHE's guidance: review such ties);
  :attr:`LondonRank.quartile_span` gives the quartiles the tied positions would fall in
  were the tie broken (the same formula, each position in place of the shared rank).
- **Not ranked** (:data:`NOT_RANKED`): where the data's provenance advises against ranking
  (:data:`DO_NOT_RANK`), where fewer than :data:`MIN_BOROUGHS` boroughs have a value, or
  where the area itself has none.
- **The neighbours' mean** is the simple (unweighted) mean of the published values of the
  neighbours that have one in the period, as DfE's LAIT and partners compute a statistical
  neighbour average; most series publish no denominators to weight by. The shipped borough
  files hold London boroughs only, so neighbours outside London (Manchester, Slough, ...)
  have no value and are not in the mean; the frame counts them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from thlib.data.files import data_dir
from thlib.data.series import statistical_neighbours
from thlib.errors import DataError, ParameterError
from thlib.periods import Period
from thlib.stats import quantiles
from thlib.stats.compare import POLARITIES, compare

__all__ = [
    "CITY_OF_LONDON", "DFE_NEIGHBOURS", "DO_NOT_RANK", "ENGLAND", "HACKNEY_AND_CITY", "LONDON",
    "MIN_BOROUGHS", "NOT_RANKED", "ONS_SIMILAR_AREAS", "PEER_COLUMNS", "TOWER_HAMLETS",
    "LondonRank", "indicator_neighbours", "indicator_peers", "london_rank",
    "neighbour_comparison",
]

TOWER_HAMLETS = "E09000030"
CITY_OF_LONDON = "E09000001"
HACKNEY = "E09000012"
#: Hackney and the City of London published as one area; it stands for Hackney in a
#: ranking where Hackney has no row of its own (data/README.md section 6.1).
HACKNEY_AND_CITY = "E67000001"
LONDON = "E12000007"
ENGLAND = "E92000001"

#: Default set of :func:`neighbour_comparison`: ONS Explore Local Statistics' similar areas on
#: all indicators (20 areas, 14 of them London boroughs).
ONS_SIMILAR_AREAS = "ONS Explore Local Statistics similar areas, global (all indicators)"
#: DfE's children's services statistical neighbours (10 areas, 8 of them London boroughs):
#: the set for children's measures.
DFE_NEIGHBOURS = "DfE children's services statistical neighbours (May 2025)"

#: Fewest boroughs with a value for a rank to be given. With 20 each quartile holds at least
#: five boroughs and a rank covers most (over 60%) of London's 32 ranked boroughs. Every
#: shipped series and period has 29 or more, except NCMP 2020/21 (2 or 3, a COVID sample).
MIN_BOROUGHS = 20

#: Why a rank is not given (:attr:`LondonRank.reason`): the data's provenance advises against
#: ranking this series in this period (:data:`DO_NOT_RANK`); fewer than :data:`MIN_BOROUGHS`
#: boroughs have a value; the area has no value.
NOT_RANKED = ("advised_against", "too_few_boroughs", "no_value")

#: Series periods the data's provenance advises against ranking: series (the file name
#: without ``.csv``, or ``fingertips:<Indicator ID>`` for a Fingertips export) -> period label
#: -> the advice, as a label. Source: ``data/README.md`` section 6.1 (and the shared
#: MANIFEST.md section 6.1), "Do not rank NCMP 2020/21": the collection was disrupted by
#: COVID-19 and only two (Reception) or three (Year 6) boroughs have values.
DO_NOT_RANK: Mapping[str, Mapping[str, str]] = {
    "ncmp_reception_obesity_fingertips_TH_England_only": {"2020/21": "ncmp_covid_collection"},
    "ncmp_year6_obesity_fingertips_TH_England_only": {"2020/21": "ncmp_covid_collection"},
    "fingertips:90319": {"2020/21": "ncmp_covid_collection"},  # NCMP Reception obesity
    "fingertips:90323": {"2020/21": "ncmp_covid_collection"},  # NCMP Year 6 obesity
}

_BOROUGH = re.compile(r"E09\d{6}")
#: A borough -> the combined area some sources publish it in instead (:func:`_stand_ins`).
_COMBINED: Mapping[str, str] = {HACKNEY: HACKNEY_AND_CITY}
_REQUIRED = ("area_code", "area_name", "period", "value")
_SERIES_KEYS = ("indicator", "sex", "age", "category_type", "category")


@dataclasses.dataclass(frozen=True, eq=False)
class LondonRank:
    """An area's rank among the London boroughs in one period, or why it has none.

    Returned by :func:`london_rank`; see there and the module's notes for the rules.

    Parameters
    ----------
    area_code : str
        The area ranked (GSS code).
    period : thlib.periods.Period
        The period ranked.
    polarity : str
        One of :data:`thlib.stats.compare.POLARITIES`.
    value : float or None
        The area's value in the period (None if it has none).
    rank : int or None
        1 = highest value among the ranked boroughs; None when not ranked.
    boroughs_ranked : int or None
        How many boroughs were ranked (the "of 32"); None when not ranked.
    boroughs_with_value : int
        Boroughs with a value in the period, City of London left out (ranked or not).
    quartile : int or None
        1 to 4 (see ``quartile_order``); None when not ranked. Tied boroughs share the
        quartile of the tie's best position (the PHE rule).
    tied : int or None
        How many ranked boroughs share the area's value, the area included (1 = no tie);
        they all have ``rank``, and the next value ranks ``rank + tied``. None when not
        ranked.
    quartile_span : tuple of (int, int) or None
        The first and last quartile (in ``quartile_order``: first = best, or highest) that
        the tied positions ``rank`` .. ``rank + tied - 1`` would each fall in were the tie
        broken (the PHE formula of :func:`thlib.stats.quantiles` with each position in place
        of the shared rank). Its first is ``quartile``; the two differ when the tie
        straddles a quartile boundary, which PHE's guidance says to review. Equal when there
        is no tie or it sits inside one quartile; None when not ranked.
    quartile_order : {"best_first", "highest_first"}
        ``"best_first"``: quartile 1 is the best quarter (the polarity's judgement);
        ``"highest_first"``: no judgement, quartile 1 holds the highest values.
    reason : str or None
        None when ranked, else one of :data:`NOT_RANKED`.
    advice : str or None
        The :data:`DO_NOT_RANK` label when ``reason`` is ``"advised_against"``.
    series : str
        The series file (its name) or ``"frame"`` when the frame names none.
    boroughs : pandas.DataFrame
        The boroughs with a value in the period, for a chart: ``area_code``, ``area_name``,
        ``value``, ``lower``, ``upper``, ``rank``, ``quartile`` (nullable integers, missing
        when not ranked) and ``is_area``, ordered by value, highest first.

    Attributes
    ----------
    ranked : bool
        Whether a rank is given.

    Examples
    --------
    >>> from thlib.data import series
    >>> result = london_rank(series("london-boroughs/claimant_count_rate_16_64_annual_ons"),
    ...                      polarity="lower_is_better")
    >>> result.ranked, str(result.period), result.boroughs_ranked
    (True, '2025', 32)
    >>> sorted(result.record())[:4]
    ['advice', 'area_code', 'boroughs_ranked', 'boroughs_with_value']

    Key stage 2 in 2024/25: Tower Hamlets shares its value with other boroughs, so its rank
    is a joint one; ``tied`` says with how many, ``quartile_span`` whether the tie crosses
    a quartile boundary:

    >>> ks2 = london_rank(series("london-boroughs/ks2_expected_standard_rwm_dfe"),
    ...                   polarity="higher_is_better")
    >>> ks2.rank, ks2.tied, ks2.quartile, ks2.quartile_span
    (18, 6, 3, (3, 3))
    """

    area_code: str
    period: Period
    polarity: str
    value: float | None
    rank: int | None
    boroughs_ranked: int | None
    boroughs_with_value: int
    quartile: int | None
    tied: int | None
    quartile_span: tuple[int, int] | None
    quartile_order: str
    reason: str | None
    advice: str | None
    series: str
    boroughs: pd.DataFrame = dataclasses.field(repr=False)

    @property
    def ranked(self) -> bool:
        """Whether a rank is given (``reason`` is None)."""
        return self.reason is None

    def record(self) -> dict[str, object]:
        """Return the fields as a dict without the boroughs' frame (one appendix row).

        Returns
        -------
        dict
            Every field but ``boroughs`` (``tied`` and ``quartile_span`` included, the span
            as its tuple), plus ``ranked``.
        """
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                  if f.name != "boroughs"}
        return {**fields, "ranked": self.ranked}


def _series_name(frame: pd.DataFrame) -> str:
    """Return the file name of the frame's series, or ``"frame"``."""
    source = frame.attrs.get("source_file")
    if not source and "source_file" in frame:
        files = frame["source_file"].dropna().unique()
        source = files[0] if len(files) == 1 else None
    return Path(str(source)).name if source else "frame"


def _distinct(column: pd.Series) -> int:
    """Return how many values a column holds, any kind of missing value counting as one."""
    codes, values = pd.factorize(column)  # every missing value is coded -1
    return len(values) + int((codes < 0).any())


def _check_frame(frame: pd.DataFrame, polarity: str) -> str:
    """Check the frame is one series with the columns needed; return its name."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"frame is a {type(frame).__name__}: give a series frame, e.g. "
                             "thlib.data.series('london-boroughs/<file>')")
    name = _series_name(frame)
    if polarity not in POLARITIES:
        raise ParameterError(f"polarity is {polarity!r}: use one of {', '.join(POLARITIES)}")
    missing = [c for c in _REQUIRED if c not in frame]
    if missing:
        raise DataError(f"{name}: no column {', '.join(map(repr, missing))}; a series frame "
                        f"has {', '.join(_REQUIRED)}, lower, upper, ...")
    keys = [k for k in _SERIES_KEYS if k in frame]
    # Listing the series is slow; only a frame with a key of more than one value holds several.
    if any(_distinct(frame[k]) > 1 for k in keys):
        combos = frame[keys].astype(object).where(frame[keys].notna(), None).drop_duplicates()
        if len(combos) > 1:
            listed = "; ".join(", ".join(f"{k}={v}" for k, v in row.items() if v is not None)
                               for row in combos.to_dict("records"))
            raise DataError(f"{name} holds {len(combos)} series ({listed}): rank one at a time, "
                            "keeping the rows of one indicator, sex and age")
    return name


def _choose_period(frame: pd.DataFrame, period: Period | str | None, area_code: str,
                   name: str) -> Period:
    """Return the period asked for, or the latest at which the area has a value."""
    periods = sorted(set(frame["period"].dropna()))
    if period is None:
        has_value = frame[(frame["area_code"] == area_code) & frame["value"].notna()]
        if has_value.empty:
            raise DataError(f"{name}: area {area_code} has no value in any period; check the "
                            "area code and that this is the series meant")
        return max(has_value["period"])
    labels = [str(p) for p in periods]
    if isinstance(period, str):
        if period in labels:
            return periods[labels.index(period)]
    elif isinstance(period, Period) and period in periods:
        return period
    raise ParameterError(f"{name}: period {str(period)!r} is not in the data; its periods: "
                         f"{', '.join(labels) or 'none'}")


def _in_period(frame: pd.DataFrame, period: Period, name: str) -> pd.DataFrame:
    rows = frame[frame["period"] == period]
    twice = rows["area_code"].duplicated()
    if twice.any():
        raise DataError(f"{name}: area {rows.loc[twice, 'area_code'].iloc[0]} has more than one "
                        f"row in {period}; keep one row per area and period")
    return rows


def _advice(frame: pd.DataFrame, name: str, period: Period) -> str | None:
    keys = [Path(name).stem]
    if "indicator_id" in frame:
        keys += [f"fingertips:{i}" for i in frame["indicator_id"].dropna().unique()]
    for key in keys:
        label = DO_NOT_RANK.get(key, {}).get(str(period))
        if label is not None:
            return label
    return None


def _stand_ins(rows: pd.DataFrame) -> dict[str, str]:
    """Return which published row stands for a borough that has none of its own.

    The one place of the rule (data/README.md section 6.1): where the rows (one period's)
    hold Hackney only combined with the City of London (E67000001), that row stands for
    Hackney (E09000012), in the London ranking and among the statistical neighbours alike.

    Returns
    -------
    dict
        Borough code -> the code of the row that stands for it; empty when none is needed.
    """
    codes = set(rows["area_code"].astype("str"))
    return {borough: combined for borough, combined in _COMBINED.items()
            if borough not in codes and combined in codes}


def _is_borough(rows: pd.DataFrame) -> pd.Series:
    """Return which rows are London boroughs (City left out) or stand for one."""
    codes = rows["area_code"].astype("str")
    boroughs = codes.str.fullmatch(_BOROUGH.pattern) & (codes != CITY_OF_LONDON)
    return boroughs | codes.isin(list(_stand_ins(rows).values()))


def _boroughs(frame: pd.DataFrame, area_code: str, name: str) -> None:
    """Refuse a frame with no London borough (or row standing for one) but the area."""
    codes = frame["area_code"].astype("str")
    if not (_is_borough(frame) & (codes != area_code)).any():
        raise DataError(f"{name} has no London borough but {area_code}: use the all-boroughs "
                        "series, thlib.data.series('london-boroughs/<file>')")


def _tie(values: pd.Series, mine: float, highest_first: bool) -> tuple[int, tuple[int, int]]:
    """Return how many values equal ``mine`` and the quartiles their positions span.

    The positions are counted in the quartile order (from the highest values when
    ``highest_first``, else from the lowest), the tie's first position being its shared
    rank; each position's quartile is the PHE formula with the position in place of that
    rank: :func:`thlib.stats.quantiles` of the untied positions 1 .. N.
    """
    tied = int((values == mine).sum())
    before = int((values > mine).sum() if highest_first else (values < mine).sum())
    by_position = quantiles(np.arange(1, len(values) + 1, dtype=float), n=4)
    return tied, (int(by_position.iloc[before]), int(by_position.iloc[before + tied - 1]))


def _column(rows: pd.DataFrame, column: str) -> pd.Series:
    if column in rows:
        return rows[column].astype(float)
    return pd.Series(np.nan, index=rows.index, dtype=float)


def london_rank(
    frame: pd.DataFrame,
    area_code: str = TOWER_HAMLETS,
    period: Period | str | None = None,
    *,
    polarity: str,
) -> LondonRank:
    """Rank an area among the London boroughs in one period, with its quartile.

    Rank 1 is the highest value, whatever the polarity; tied values share the best rank
    (``method="min"``: 9, 7, 7, 5 rank 1, 2, 2, 4). Only London boroughs (``E09``) with a
    value in the period are ranked; City of London is always left out, and so is any row
    that is not a borough (London, England, the Hackney + City combined E67000001). The
    quartile is the PHE quantile (:func:`thlib.stats.quantiles`, ``n=4``) of the same
    values, 1 = best quarter (or, with no judgement, the highest values). No rank is given
    (``reason``, one of :data:`NOT_RANKED`) where :data:`DO_NOT_RANK` advises against it,
    where fewer than :data:`MIN_BOROUGHS` boroughs have a value, or where the area has none.
    A tied rank comes with ``tied`` (how many share the value) and ``quartile_span`` (the
    quartiles the tie straddles, if it does: :class:`LondonRank`).

    Parameters
    ----------
    frame : pandas.DataFrame
        One series for the London boroughs, as ``thlib.data.series("london-boroughs/<file>")``
        returns: columns ``area_code``, ``area_name``, ``period``
        (:class:`~thlib.periods.Period`), ``value`` and optionally ``lower``, ``upper``,
        ``source_file``, ``indicator_id``. One indicator, sex and age: filter first.
    area_code : str, default "E09000030"
        The borough to rank (Tower Hamlets).
    period : thlib.periods.Period or str, optional
        The period, or its label (``"2022/23"``); by default the latest period at which the
        area has a value.
    polarity : {"higher_is_better", "lower_is_better", "no_judgement"}
        The indicator's polarity, for the quartile.

    Returns
    -------
    LondonRank
        The rank, the number ranked, the quartile, the tie (its size and the quartiles it
        spans), the period, the reason when not ranked, and the boroughs' values for a
        chart.

    Raises
    ------
    ParameterError
        If ``polarity`` is unknown, ``area_code`` is not a London borough or is City of
        London, or ``period`` is not in the data (the message lists its periods).
    DataError
        If the frame lacks a column, holds more than one series, has no London borough
        besides the area (a Tower Hamlets, London and England file rather than the
        ``london-boroughs/`` one), has two rows for an area in the period, or the area has
        no value in any period (when no period is given).

    Examples
    --------
    Persistent absence (lower is better) in 2024/25: Tower Hamlets' value and the number of
    boroughs ranked (City of London left out):

    >>> from thlib.data import series
    >>> absence = series("london-boroughs/persistent_absence_all_pupils_dfe")
    >>> result = london_rank(absence, polarity="lower_is_better")
    >>> str(result.period), result.value, result.boroughs_ranked
    ('2024/25', 18.26663, 32)
    >>> obese = series("london-boroughs/ncmp_year6_obesity_fingertips_TH_England_only")
    >>> covid = london_rank(obese, period="2020/21", polarity="lower_is_better")
    >>> covid.ranked, covid.reason, covid.rank, covid.tied, covid.quartile_span
    (False, 'advised_against', None, None, None)
    """
    name = _check_frame(frame, polarity)
    if not isinstance(area_code, str) or not _BOROUGH.fullmatch(area_code):
        raise ParameterError(f"area_code is {area_code!r}: give a London borough's code "
                             "(E09000002 to E09000033), e.g. E09000030 for Tower Hamlets")
    if area_code == CITY_OF_LONDON:
        raise ParameterError(f"area_code is {CITY_OF_LONDON} (City of London), which is left out "
                             "of London rankings: its published values are small-sample and "
                             "unreliable (data/README.md section 6.3)")
    codes = frame["area_code"].astype("str")
    _boroughs(frame, area_code, name)
    if not (codes == area_code).any():
        raise DataError(f"{name} has no rows for area {area_code}")
    chosen = _choose_period(frame, period, area_code, name)
    # The period's borough rows, and the rows that may stand for a borough (_stand_ins).
    candidates = codes.str.fullmatch(_BOROUGH.pattern) | codes.isin(list(_COMBINED.values()))
    rows = _in_period(frame[candidates.to_numpy()], chosen, name)
    rows = rows[_is_borough(rows).to_numpy()]
    rows = rows[rows["value"].notna()]
    boroughs = pd.DataFrame({
        "area_code": rows["area_code"].astype("str"),
        "area_name": rows["area_name"],
        "value": rows["value"].astype(float),
        "lower": _column(rows, "lower"),
        "upper": _column(rows, "upper"),
    })
    own = boroughs.loc[boroughs["area_code"] == area_code, "value"]
    value = float(own.iloc[0]) if len(own) else None
    advice = _advice(frame, name, chosen)
    reason = ("advised_against" if advice is not None
              else "too_few_boroughs" if len(boroughs) < MIN_BOROUGHS
              else "no_value" if value is None else None)
    quartile_order = "highest_first" if polarity == "no_judgement" else "best_first"
    highest_first = polarity != "lower_is_better"
    tied: int | None = None
    span: tuple[int, int] | None = None
    if reason is None and value is not None:
        boroughs["rank"] = boroughs["value"].rank(ascending=False, method="min").astype("Int64")
        boroughs["quartile"] = quantiles(boroughs["value"], n=4, highest_first=highest_first)
        tied, span = _tie(boroughs["value"], value, highest_first)
    else:
        boroughs["rank"] = pd.array([pd.NA] * len(boroughs), dtype="Int64")
        boroughs["quartile"] = pd.array([pd.NA] * len(boroughs), dtype="Int64")
    boroughs["is_area"] = boroughs["area_code"] == area_code
    boroughs = boroughs.sort_values(["value", "area_name"], ascending=[False, True],
                                    kind="stable").reset_index(drop=True)
    mine = boroughs[boroughs["is_area"]]
    ranked = reason is None
    return LondonRank(
        area_code=area_code, period=chosen, polarity=polarity, value=value,
        rank=int(mine["rank"].iloc[0]) if ranked else None,
        boroughs_ranked=len(boroughs) if ranked else None,
        boroughs_with_value=len(boroughs),
        quartile=int(mine["quartile"].iloc[0]) if ranked else None,
        tied=tied, quartile_span=span, quartile_order=quartile_order, reason=reason,
        advice=advice, series=name,
        boroughs=boroughs,
    )


def neighbour_comparison(
    frame: pd.DataFrame,
    set_name: str = ONS_SIMILAR_AREAS,
    period: Period | str | None = None,
    *,
    polarity: str,
) -> pd.DataFrame:
    """Tower Hamlets against its statistical neighbours, their mean, London and England.

    One row per area, in the frame :func:`thlib.presentation.charts.intervals.compare_areas` draws:
    comparators first (the neighbours' mean, the main comparator; London; England, each
    where the frame has it), then Tower Hamlets, then every neighbour of the set in the
    neighbours file's order, with or without a value. The mean is the simple (unweighted)
    mean of the neighbours' published values in the period (missing values left out); it
    has no interval. Where the period publishes Hackney only combined with the City of
    London (E67000001), that row stands for Hackney as it does in :func:`london_rank`: the
    neighbour's row carries the combined row's code, name (as published, e.g. "City of
    London, Hackney") and values, and its value is in the mean. ``comparison`` compares
    Tower Hamlets and each neighbour with that mean by :func:`thlib.stats.compare` (the
    Fingertips rule: the mean outside the area's interval), "not compared" where there is
    no interval.

    Parameters
    ----------
    frame : pandas.DataFrame
        One series for the London boroughs (as for :func:`london_rank`); ``lower`` and
        ``upper`` give the intervals where published.
    set_name : str, default :data:`ONS_SIMILAR_AREAS`
        The neighbour set, as :func:`thlib.data.statistical_neighbours` names it; for
        children's measures :data:`DFE_NEIGHBOURS`.
    period : thlib.periods.Period or str, optional
        The period or its label; by default the latest at which Tower Hamlets has a value.
    polarity : {"higher_is_better", "lower_is_better", "no_judgement"}
        The indicator's polarity, for the comparison labels.

    Returns
    -------
    pandas.DataFrame
        Columns ``role`` (``"neighbours_mean"``, ``"london"``, ``"england"``, ``"area"``,
        ``"neighbour"``), ``area_code`` (missing for the mean), ``name`` (the area's name;
        for the mean, the set's name), ``period``, ``value``, ``lower``, ``upper``,
        ``confidence``, ``comparison`` (missing on comparator rows), ``is_comparator`` and
        ``neighbour_rank`` (as published, missing on other rows). ``attrs`` holds ``set``,
        ``period``, ``polarity``, ``series``, ``mean`` (``"simple"``), ``neighbours`` (in the
        set), ``neighbours_with_value`` (in the mean) and ``stand_ins`` (neighbour's code ->
        the code of the combined row standing for it, e.g. ``{"E09000012": "E67000001"}``;
        empty when none).

    Raises
    ------
    ParameterError
        If ``polarity`` is unknown or ``period`` is not in the data.
    DataError
        If the frame lacks a column, holds more than one series or no London borough but
        Tower Hamlets (use the ``london-boroughs/`` file), Tower Hamlets has no value in any
        period (when no period is given), or ``set_name`` is not a set of the neighbours
        file (the message lists the sets).

    Examples
    --------
    >>> from thlib.data import series
    >>> gcse = series("london-boroughs/gcse_english_maths_by_age19_dfe")
    >>> table = neighbour_comparison(gcse, DFE_NEIGHBOURS, polarity="higher_is_better")
    >>> table["role"].tolist()[:4]
    ['neighbours_mean', 'london', 'england', 'area']
    >>> table.attrs["neighbours"], table.attrs["neighbours_with_value"]  # 2 outside London
    (10, 8)

    Preventable CVD mortality publishes Hackney only with the City; that row is the
    neighbour Hackney's (16th of the ONS similar areas):

    >>> cvd = series("london-boroughs/preventable_cvd_mortality_under75_ohid")
    >>> table = neighbour_comparison(cvd, polarity="lower_is_better")
    >>> table.loc[table["neighbour_rank"] == 16, ["area_code", "name"]].to_numpy().tolist()
    [['E67000001', 'City of London, Hackney']]
    >>> table.attrs["stand_ins"], table.attrs["neighbours_with_value"]
    ({'E09000012': 'E67000001'}, 14)
    """
    name = _check_frame(frame, polarity)
    _boroughs(frame, TOWER_HAMLETS, name)
    neighbours = statistical_neighbours(set_name)
    chosen = _choose_period(frame, period, TOWER_HAMLETS, name)
    rows = _in_period(frame, chosen, name)
    stand_ins = _stand_ins(rows)  # the rule london_rank follows too
    rows = rows.set_index("area_code")
    # Plain dicts by area code: some twenty areas are looked up, four columns each.
    by_code = {column: dict(zip(rows.index, rows[column], strict=True))
               for column in ("value", "lower", "upper", "confidence") if column in rows}

    def pick(code: str, column: str) -> float:
        found = by_code.get(column, {})
        return float(found[code]) if code in found else float("nan")

    def record(role: str, code: str | None, area: object, rank: object = pd.NA,
               ) -> dict[str, object]:
        return {"role": role, "area_code": code, "name": area, "period": chosen,
                "value": pick(code, "value") if code else np.nan,
                "lower": pick(code, "lower") if code else np.nan,
                "upper": pick(code, "upper") if code else np.nan,
                "confidence": pick(code, "confidence") if code else np.nan,
                "neighbour_rank": rank}

    def named(code: str, fallback: object) -> object:
        return rows.at[code, "area_name"] if code in rows.index else fallback

    # The area's name as the data write it (from another period if it has no row in this one).
    own_names = frame.loc[frame["area_code"] == TOWER_HAMLETS, "area_name"].dropna()
    own_name = own_names.iloc[0] if len(own_names) else TOWER_HAMLETS
    areas = [record("area", TOWER_HAMLETS, named(TOWER_HAMLETS, own_name))]
    for n in neighbours.itertuples():
        code = stand_ins.get(n.area_code, n.area_code)
        areas.append(record("neighbour", code, named(code, n.area_name), n.rank))
    values = pd.Series([r["value"] for r in areas[1:]], dtype=float)
    mean = float(values.mean()) if values.notna().any() else float("nan")
    comparators = [{**record("neighbours_mean", None, set_name), "value": mean}]
    comparators += [record(role, code, rows.at[code, "area_name"])
                    for role, code in (("london", LONDON), ("england", ENGLAND))
                    if code in rows.index]
    table = pd.DataFrame(comparators + areas)
    table["neighbour_rank"] = table["neighbour_rank"].astype("Int64")
    table["is_comparator"] = table["role"].isin(["neighbours_mean", "london", "england"])
    compared = compare(table["value"], table["lower"], table["upper"], mean, polarity)
    table["comparison"] = compared.where(~table["is_comparator"], None).astype(object)
    table = table[["role", "area_code", "name", "period", "value", "lower", "upper",
                   "confidence", "comparison", "is_comparator", "neighbour_rank"]]
    table.attrs = {"set": set_name, "period": chosen, "polarity": polarity, "series": name,
                   "mean": "simple", "neighbours": len(neighbours),
                   "neighbours_with_value": int(values.notna().sum()),
                   "stand_ins": {code: stand for code, stand in stand_ins.items()
                                 if code in set(neighbours["area_code"])}}
    return table


#: The neighbour set of each value of the catalogue's ``Indicator.neighbour_set``.
_NEIGHBOUR_SETS: Mapping[str, str] = {"children": DFE_NEIGHBOURS,
                                      "similar_areas": ONS_SIMILAR_AREAS}

#: Columns of :func:`indicator_peers`. ``london_rank_tied``: how many ranked boroughs share
#: Tower Hamlets' value, itself included (1 = no tie); ``london_quartile_span``: the
#: quartiles the tied positions span as text, ``"1-2"`` when the tie straddles a boundary,
#: the single quartile (``"2"``) when not (:attr:`LondonRank.quartile_span`); both missing
#: when not ranked.
PEER_COLUMNS = ["period", "london_rank", "london_boroughs_ranked", "london_quartile",
                "london_quartile_order", "london_rank_tied", "london_quartile_span",
                "london_not_ranked", "neighbours_set", "neighbours_mean",
                "neighbours_with_value"]


def _span_text(span: tuple[int, int] | None) -> str | None:
    """Write a quartile span as ``"1-2"``, or ``"2"`` when it is one quartile."""
    if span is None:
        return None
    first, last = span
    return str(first) if first == last else f"{first}-{last}"


def indicator_peers(indicator_id: str) -> pd.DataFrame:
    """Return Tower Hamlets' London rank and its statistical neighbours' mean, per period.

    For a catalogue indicator built from a shipped series (recipe type ``series``) whose
    file has a version for every London borough, and which is not a count (boroughs' counts
    differ mostly by their size, so ranking them says little): every period in which Tower
    Hamlets has a value, ranked by :func:`london_rank` and set against the neighbours by
    :func:`neighbour_comparison` (the set the catalogue names, ``Indicator.neighbour_set``:
    ``"children"``, DfE's children's services set, or ``"similar_areas"``, the ONS similar
    areas), with the indicator's polarity. A tied rank comes with its tie's size and the
    quartiles it spans (``london_rank_tied``, ``london_quartile_span``), for
    :func:`thlib.presentation.formatting.rank`.

    Parameters
    ----------
    indicator_id : str
        A catalogue id.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PEER_COLUMNS`, one row per period (its label), oldest first; empty
        for an indicator without a London boroughs series.

    Raises
    ------
    DataError
        If the indicator is not in the catalogue.

    Examples
    --------
    >>> peers = indicator_peers("employment-rate-aps")
    >>> latest = peers.iloc[-1]
    >>> latest["period"], int(latest["london_rank"]), int(latest["london_boroughs_ranked"])
    ('2023', 31, 32)
    >>> int(latest["london_rank_tied"]), latest["london_quartile_span"]
    (1, '4')
    >>> indicator_peers("crime-rate").empty, indicator_peers("children-low-income-count").empty
    (True, True)
    """
    return _indicator_peers(indicator_id, data_dir()).copy()


def _boroughs_series(indicator_id: str) -> tuple[pd.DataFrame, str] | None:
    """Return an indicator's London boroughs series and its neighbour set, or None."""
    from thlib.indicators import figures
    from thlib.indicators.catalogue import get_indicator

    indicator = get_indicator(indicator_id)
    recipe = indicator.recipe
    if recipe["type"] != "series" or indicator.statistic == "count":
        return None
    try:
        measure = figures.series_measure(recipe["file"], recipe.get("indicator"),
                                         recipe.get("sex"), recipe.get("age"),
                                         london_boroughs=True)
    except figures.SeriesSelectionError:
        return None  # no London boroughs version of this series
    if indicator.neighbour_set not in _NEIGHBOUR_SETS:
        raise DataError(f"indicator {indicator_id!r} ({indicator.file}): neighbours is "
                        f"{indicator.neighbour_set!r}; use one of {', '.join(_NEIGHBOUR_SETS)}")
    return measure, _NEIGHBOUR_SETS[indicator.neighbour_set]


def indicator_neighbours(indicator_id: str) -> pd.DataFrame:
    """Return the latest :func:`neighbour_comparison` of a catalogue series indicator.

    The latest period in which Tower Hamlets has a value, with the neighbour set and the
    polarity :func:`indicator_peers` uses.

    Parameters
    ----------
    indicator_id : str
        A catalogue id.

    Returns
    -------
    pandas.DataFrame
        As :func:`neighbour_comparison` returns it; empty for an indicator without a
        London boroughs series (or a count).

    Raises
    ------
    DataError
        If the indicator is not in the catalogue.

    Examples
    --------
    >>> table = indicator_neighbours("employment-rate-aps")
    >>> table.attrs["period"].label, table["role"].iloc[0]
    ('2023', 'neighbours_mean')
    >>> indicator_neighbours("crime-rate").empty
    True
    """
    from thlib.indicators.catalogue import get_indicator

    indicator = get_indicator(indicator_id)
    found = _boroughs_series(indicator_id)
    if found is None:
        return pd.DataFrame()
    measure, neighbours = found
    own = measure[(measure["area_code"] == TOWER_HAMLETS) & measure["value"].notna()]
    if own.empty:
        return pd.DataFrame()
    return neighbour_comparison(measure, neighbours, max(own["period"]),
                                polarity=indicator.polarity)


@functools.lru_cache(maxsize=128)
def _indicator_peers(indicator_id: str, _folder: Path) -> pd.DataFrame:
    from thlib.indicators.catalogue import get_indicator

    indicator = get_indicator(indicator_id)
    found = _boroughs_series(indicator_id)
    if found is None:
        return pd.DataFrame(columns=PEER_COLUMNS)
    measure, neighbours = found
    own = measure[(measure["area_code"] == TOWER_HAMLETS) & measure["value"].notna()]
    rows = []
    for period in sorted(set(own["period"])):
        part = measure[measure["period"] == period]  # one period's rows: checked quickly
        part.attrs = measure.attrs
        rank = london_rank(part, period=period, polarity=indicator.polarity)
        table = neighbour_comparison(part, neighbours, period, polarity=indicator.polarity)
        mean = table.loc[table["role"] == "neighbours_mean", "value"].iloc[0]
        rows.append({"period": period.label, "london_rank": rank.rank,
                     "london_boroughs_ranked": rank.boroughs_ranked,
                     "london_quartile": rank.quartile,
                     "london_quartile_order": rank.quartile_order,
                     "london_rank_tied": rank.tied,
                     "london_quartile_span": _span_text(rank.quartile_span),
                     "london_not_ranked": rank.reason, "neighbours_set": neighbours,
                     "neighbours_mean": mean,
                     "neighbours_with_value": table.attrs["neighbours_with_value"]})
    peers = pd.DataFrame(rows, columns=PEER_COLUMNS)
    for column in ("london_rank", "london_boroughs_ranked", "london_quartile",
                   "london_rank_tied"):
        peers[column] = peers[column].astype("Int64")
    return peers
