"""What an area profile shows: one method per topic, tidy frames out.

The figures come from :mod:`thlib.indicators.figures`; this module chooses which
geographies a profile compares and arranges their figures.

Every frame names its areas in a ``name`` column, as indicator values do (so the frames
go straight to the charts), the area first and its comparators after (the borough, then
London and England where the source has them), and carries ``attrs`` saying how the
area's figure was obtained.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from thlib import data, stats
from thlib.geography import (
    COMPARATOR_NAMES,
    ENGLAND_CODE,
    LONDON_CODE,
    Area,
    NotCoveredError,
    bestfit_error,
    boundaries,
    get_area,
    list_areas,
)
from thlib.indicators import figures, get_indicator

#: Months of crime counted in the 'last 12 months' figures.
CRIME_WINDOW = 12
#: The catalogue indicator whose statistic (per 1,000 residents) crime rates follow.
CRIME_RATE = "crime-rate"
#: Bands of national IMD deciles the profile's deprivation table shows.
IMD_BANDS = {"Deciles 1-2 (most deprived 20%)": (1, 2), "Deciles 3-5": (3, 4, 5),
             "Deciles 6-10 (least deprived half)": (6, 7, 8, 9, 10)}
#: The catalogue's income deprivation measures the profile shows (IoD 2019).
INCOME_DEPRIVATION = ("children-income-deprived-idaci", "older-people-income-deprived-idaopi")


class AreaProfile:
    """The figures behind the profile of one area, chosen and arranged for display.

    Every figure comes from :mod:`thlib.indicators.figures`, where the catalogue's values
    (and so the annual report) come from too; this class only chooses the geographies
    (the area, the borough, London, England) and lays the figures out as tidy frames.

    Parameters
    ----------
    area_type : {"borough", "neighbourhood", "ward", "custom"}
        The kind of area.
    area_code : str
        GSS code (borough, ward) or neighbourhood or custom area code.

    Raises
    ------
    AreaError
        If the area type or code is unknown (listing the known ones).
    DataError
        If a custom area's entry is faulty (naming the file, line and field).

    Examples
    --------
    >>> profile = AreaProfile("ward", "E05009317")
    >>> profile.area.name, [area.name for area in profile.areas]
    ('Bethnal Green East', ['Bethnal Green East', 'Tower Hamlets'])
    >>> profile.population()  # doctest: +NORMALIZE_WHITESPACE
                    name  residents
    0  Bethnal Green East      21078
    1       Tower Hamlets     310306
    2              London    8799725
    3             England   56490048
    """

    def __init__(self, area_type: str, area_code: str):
        self.area: Area = get_area(area_type, area_code)
        self.borough: Area = list_areas("borough")[0]
        self._compositions: dict[str, pd.DataFrame] = {}
        self._counts: dict[str, dict[str, figures.CensusCounts]] = {}

    @property
    def is_borough(self) -> bool:
        """Whether the area is the borough itself."""
        return self.area.type == "borough"

    @property
    def areas(self) -> list[Area]:
        """The area, then the borough if the area is not the borough itself."""
        return [self.area] if self.is_borough else [self.area, self.borough]

    def _places(self) -> list[tuple[str, figures.Place]]:
        """Every geography a profile shows, by name: its areas, then London and England."""
        return [(area.name, area) for area in self.areas] + [
            (COMPARATOR_NAMES[code], code) for code in (LONDON_CODE, ENGLAND_CODE)]

    # -- Census compositions -------------------------------------------------------------

    def _census(self, table_id: str) -> dict[str, figures.CensusCounts]:
        """Return a Census table's counts for each geography it reaches, by name."""
        if table_id not in self._counts:
            found = {}
            for name, place in self._places():
                try:
                    found[name] = figures.census_counts(table_id, place)
                except NotCoveredError:
                    continue
            self._counts[table_id] = found
        return self._counts[table_id]

    def composition(self, table_id: str) -> pd.DataFrame:
        """Return a Census table for the area and its comparators, with percentages.

        Parameters
        ----------
        table_id : str
            A table id from ``census_tables.yml``, e.g. ``"ts054"``.

        Returns
        -------
        pandas.DataFrame
            Columns ``name``, ``category``, ``count``, ``total``, ``percent``. London
            and England are included where the table has them. ``attrs`` holds the table's
            ``table``, ``title``, ``universe`` and ``file``, and ``methods``: how each area's
            figures were obtained, ``None`` for an area the table cannot be fitted to (which
            then has no rows).

        Examples
        --------
        >>> tenure = AreaProfile("borough", "E09000030").composition("ts054")
        >>> row = tenure.query("name == 'Tower Hamlets' and category == 'Private rented'")
        >>> int(row["count"].iloc[0]), int(row["total"].iloc[0])
        (46000, 120539)
        """
        if table_id not in self._compositions:
            self._compositions[table_id] = self._composition(table_id)
        return self._compositions[table_id]

    def _composition(self, table_id: str) -> pd.DataFrame:
        found = self._census(table_id)
        parts = [pd.DataFrame({"name": name, "category": counts.counts.index,
                               "count": counts.counts.to_numpy(), "total": counts.total})
                 for name, counts in found.items()]
        frame = pd.concat(parts, ignore_index=True)
        frame["percent"] = _percent(frame["count"], frame["total"])
        frame.attrs = {**data.census(table_id).attrs,
                       "methods": {area.name: found[area.name].method_text
                                   if area.name in found else None for area in self.areas}}
        return frame

    def share(self, table_id: str, categories: list[str]) -> pd.DataFrame:
        """Return the percentage in ``categories`` (added up) for each geography.

        Parameters
        ----------
        table_id : str
            A table id from ``census_tables.yml``.
        categories : list of str
            Categories of the table to add up.

        Returns
        -------
        pandas.DataFrame
            Columns ``name``, ``count``, ``total`` and ``percent``; ``attrs`` as
            :meth:`composition`'s.

        Raises
        ------
        DataError
            If a category is not one of the table's.

        Examples
        --------
        >>> shares = AreaProfile("borough", "E09000030").share("ts054", ["Private rented"])
        >>> round(shares.set_index("name")["percent"], 1).to_dict()
        {'Tower Hamlets': 38.2, 'London': 30.0, 'England': 20.5}
        """
        rows = []
        for name, counts in self._census(table_id).items():
            numerator, denominator = counts.share(categories)
            rows.append({"name": name, "count": numerator, "total": denominator})
        summed = pd.DataFrame(rows)
        summed["percent"] = _percent(summed["count"], summed["total"])
        summed.attrs = self.composition(table_id).attrs
        return summed

    # -- Population ----------------------------------------------------------------------

    def population(self) -> pd.DataFrame:
        """Return usual residents (Census 2021) for the area and its comparators.

        Wards and neighbourhoods use the true ward counts of TS022; the borough, London
        and England the published TS007a totals (:func:`thlib.indicators.figures.residents`).

        Returns
        -------
        pandas.DataFrame
            Columns ``name`` and ``residents``: the area, the borough (unless the area
            is the borough), London and England.

        Examples
        --------
        >>> AreaProfile("borough", "E09000030").population()  # doctest: +NORMALIZE_WHITESPACE
                    name  residents
        0  Tower Hamlets     310306
        1         London    8799725
        2        England   56490048
        """
        return pd.DataFrame([{"name": name, "residents": figures.residents(place)}
                             for name, place in self._places()])

    def percent_of_borough(self) -> float | None:
        """Return the area's usual residents as a percentage of the borough's.

        Returns
        -------
        float or None
            None for the borough itself.

        Examples
        --------
        >>> round(AreaProfile("ward", "E05009331").percent_of_borough(), 2)  # 19,797 of 310,306
        6.38
        """
        if self.is_borough:
            return None
        residents = pd.Series([figures.residents(self.area)])
        return float(_percent(residents, pd.Series([figures.residents(self.borough)])).iloc[0])

    def bestfit_error(self, every_ward: bool = False) -> pd.DataFrame:
        """Return, for each ward of the area (or every ward), how far LSOA best fit is off.

        Parameters
        ----------
        every_ward : bool, default False
            Return all 20 wards, not only the area's.

        Returns
        -------
        pandas.DataFrame
            :func:`thlib.geography.bestfit_error` of Census 2021 usual residents: true
            ward counts (TS022) against sums of LSOAs (TS007A) by best fit.

        Examples
        --------
        >>> error = AreaProfile("ward", "E05009328").bestfit_error()  # Poplar
        >>> round(float(error["percent_difference"].iloc[0]), 1)
        -17.7
        """
        table = bestfit_error(figures.residents_by_ward(), figures.residents_by_lsoa())
        if every_ward:
            return table
        return table[table["ward_code"].isin(self.area.wards)].reset_index(drop=True)

    # -- Deprivation ---------------------------------------------------------------------

    def lsoas(self, vintage: int = 2021, area: Area | None = None) -> list[str]:
        """Return the codes of the LSOAs whose best-fit ward lies in the area.

        Parameters
        ----------
        vintage : {2021, 2011}
            LSOA vintage.
        area : Area, optional
            Another area than the profile's (e.g. its borough).

        Returns
        -------
        list of str
            LSOA codes, sorted (:func:`thlib.indicators.figures.lsoas_in`).

        Examples
        --------
        >>> len(AreaProfile("ward", "E05009331").lsoas())
        11
        """
        return figures.lsoas_in(area or self.area, vintage)

    def deprivation_map_data(self) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        """Return the area's LSOAs (2021) with their IoD 2025 IMD decile, and its outline.

        Returns
        -------
        tuple of geopandas.GeoDataFrame
            The LSOAs (``code``, ``decile``, geometry) and the area's outline (its wards
            dissolved; a custom area of LSOAs: its LSOAs), both in EPSG:27700.

        Examples
        --------
        >>> lsoas, outline = AreaProfile("ward", "E05009331").deprivation_map_data()
        >>> len(lsoas), len(outline), lsoas.crs.to_epsg()
        (11, 1, 27700)
        """
        lsoas = boundaries("lsoa2021").rename(columns={"LSOA21CD": "code"})
        decile = figures.iod_lsoas(2025, self.area)[["code", "imd_decile"]]
        lsoas = lsoas.merge(decile, on="code")
        if self.area.lsoas:  # a custom area of LSOAs: its own LSOAs are its outline
            outline = lsoas[["geometry"]].dissolve()
        else:
            wards = boundaries("ward")
            outline = wards[wards["ward_code"].isin(self.area.wards)].dissolve()
        return lsoas.rename(columns={"imd_decile": "decile"}), outline

    def imd_deciles(self) -> pd.DataFrame:
        """Return the share of LSOAs in each national IMD decile, 2025 and 2019.

        England is 10% in each decile by construction; London is shown for 2019, the
        edition for which every London LSOA is shipped.

        Returns
        -------
        pandas.DataFrame
            Columns ``edition``, ``name``, ``decile``, ``lsoas`` and ``percent``.

        Examples
        --------
        >>> deciles = AreaProfile("borough", "E09000030").imd_deciles()
        >>> lsoas = deciles.groupby(["edition", "name"], sort=False)["lsoas"].sum()
        >>> lsoas.tolist()  # IoD 2025: the borough; IoD 2019: the borough and London
        [169, 144, 4835]
        """
        rows = []
        for edition in (2025, 2019):
            for name, place in self._places():
                try:
                    lsoas = figures.iod_lsoas(edition, place)
                except NotCoveredError:
                    continue  # England's deciles hold 10% each by construction
                counts = figures.decile_counts(lsoas, "imd_decile")
                rows += [{"edition": f"IoD {edition}", "name": name, "decile": d,
                          "lsoas": int(n), "all_lsoas": int(counts.sum())}
                         for d, n in counts.items()]
        frame = pd.DataFrame(rows)
        frame["percent"] = _percent(frame["lsoas"], frame["all_lsoas"])
        return frame.drop(columns="all_lsoas")

    def imd_bands(self) -> pd.DataFrame:
        """Return the share of LSOAs in each band of national IMD deciles (:data:`IMD_BANDS`).

        Returns
        -------
        pandas.DataFrame
            Columns ``edition``, ``name``, ``band``, ``lsoas`` and ``percent``, in the
            order of :meth:`imd_deciles` and of the bands.

        Examples
        --------
        >>> bands = AreaProfile("ward", "E05009331").imd_bands()
        >>> bands.query("edition == 'IoD 2025'")[["band", "lsoas"]].to_dict("records")[0]
        {'band': 'Deciles 1-2 (most deprived 20%)', 'lsoas': 7}
        """
        deciles = self.imd_deciles()
        band_of = {d: band for band, members in IMD_BANDS.items() for d in members}
        deciles["band"] = deciles["decile"].map(band_of)
        keys = ["edition", "name"]
        bands = deciles.groupby([*keys, "band"], sort=False)["lsoas"].sum().reset_index()
        totals = bands.groupby(keys, sort=False)["lsoas"].transform("sum")
        bands["percent"] = _percent(bands["lsoas"], totals)
        return bands

    def income_deprivation(self) -> pd.DataFrame:
        """Return IDACI and IDAOPI 2019 for the area, the borough and London, as percentages.

        Each is the population-weighted mean of LSOA scores (weights: the mid-2015
        children 0-15 and people 60+ that IoD 2019 uses as denominators), i.e. the share
        of children, or of older people, living in income-deprived households.

        Returns
        -------
        pandas.DataFrame
            Columns ``name``, ``category`` (the measure) and ``value`` (percent).

        Examples
        --------
        >>> frame = AreaProfile("borough", "E09000030").income_deprivation()
        >>> frame["name"].unique().tolist()
        ['Tower Hamlets', 'London']
        """
        parts = [self.indicator(indicator_id).assign(category=get_indicator(indicator_id).title)
                 for indicator_id in INCOME_DEPRIVATION]
        frame = pd.concat(parts, ignore_index=True)
        return frame[["name", "category", "value"]]

    # -- Community safety ----------------------------------------------------------------

    def _residents(self) -> dict[str, int]:
        return dict(self.population()[["name", "residents"]].itertuples(index=False))

    def _crime(self, by: str, months: list[pd.Period] | None = None) -> pd.DataFrame:
        """Offences by ``by`` for every geography the crime files reach, and the rates."""
        parts = []
        for name, place in self._places():
            try:
                counts = figures.crime_counts(place, by, months)
            except NotCoveredError:
                continue  # England: not in the shipped files
            parts.append(pd.DataFrame({"name": name, by: counts.index,
                                       "count": counts.to_numpy()}))
        frame = pd.concat(parts, ignore_index=True)
        frame["value"] = self._crime_rate(frame)
        return frame

    def _crime_rate(self, frame: pd.DataFrame) -> pd.Series:
        """Offences per 1,000 residents, by the crime-rate indicator's statistic."""
        indicator = get_indicator(CRIME_RATE)
        rates = stats.rate(frame["count"], frame["name"].map(self._residents()),
                           multiplier=indicator.multiplier, confidence=indicator.confidence)
        return pd.Series(rates["value"].to_numpy(), index=frame.index)

    def crime_monthly(self) -> pd.DataFrame:
        """Return offences per 1,000 residents by month for the area, borough and MPS area.

        Rates use Census 2021 usual residents; the MPS area is compared with London's
        residents (the City of London, policed separately, has about 8,600).

        Returns
        -------
        pandas.DataFrame
            Columns ``name``, ``period`` (month), ``count`` and ``value``;
            ``attrs["period"]`` names the months.

        Examples
        --------
        >>> frame = AreaProfile("ward", "E05009331").crime_monthly()
        >>> frame.groupby("name", sort=False)["period"].count().to_dict()
        {'Bethnal Green West': 24, 'Tower Hamlets': 24, 'London': 24}
        >>> frame.attrs["period"]
        'Apr 2024 to Mar 2026'
        """
        frame = self._crime("month").rename(columns={"month": "period"})
        frame.attrs = {"period": figures.crime_window_label(sorted(frame["period"].unique()))}
        return frame

    def crime_by_category(self) -> pd.DataFrame:
        """Return offences per 1,000 residents in the last 12 months by major category.

        Returns
        -------
        pandas.DataFrame
            Columns ``category``, ``name``, ``count`` and ``value``, categories in
            descending order of the area's count (0 where an area has none);
            ``attrs["period"]`` names the months.

        Examples
        --------
        >>> frame = AreaProfile("ward", "E05009331").crime_by_category()
        >>> frame.attrs["period"]
        'Apr 2025 to Mar 2026'
        """
        months = figures.crime_months(CRIME_WINDOW)
        counts = self._crime("category", months)
        table = counts.pivot(index="category", columns="name", values="count")
        order = list(dict.fromkeys(counts["name"]))
        table = table[order].fillna(0).sort_values(self.area.name, ascending=False)
        frame = table.reset_index().melt(id_vars="category", var_name="name",
                                         value_name="count")
        frame["value"] = self._crime_rate(frame)
        frame.attrs = {"period": figures.crime_window_label(months)}
        return frame

    # -- Environment ---------------------------------------------------------------------

    def air_quality(self) -> pd.DataFrame:
        """Return modelled 2019 NO2 and PM2.5 (µg/m³), population-weighted over LSOAs.

        Weights are Census 2021 usual residents per LSOA, so the figure is the average
        concentration where people live; the area and the borough use the same method.

        Returns
        -------
        pandas.DataFrame
            Columns ``name``, ``category`` (the pollutant's label) and ``value``.

        Examples
        --------
        >>> AreaProfile("ward", "E05009331").air_quality()["name"].tolist()
        ['Bethnal Green West', 'Bethnal Green West', 'Tower Hamlets', 'Tower Hamlets']
        """
        return pd.DataFrame([
            {"name": area.name, "category": label,
             "value": figures.air_quality(area, pollutant)}
            for area in self.areas for pollutant, label in data.environment.POLLUTANTS.items()])

    def transport_access(self) -> pd.DataFrame:
        """Return the average public transport access index (PTAI, TfL 2015) and level.

        One method for every area (:func:`thlib.indicators.figures.transport_access`): the
        mean of TfL's LSOA (2011) averages, weighted by residents (IoD 2019 population
        denominators, mid-2015), over the LSOAs given to the area by best fit; the level
        (PTAL) is TfL's band of that index.

        Returns
        -------
        pandas.DataFrame
            Columns ``name``, ``ptai`` and ``ptal``.

        Examples
        --------
        >>> AreaProfile("ward", "E05009331").transport_access()["ptal"].tolist()
        ['6a', '5']
        """
        rows = []
        for area in self.areas:
            ptai, ptal = figures.transport_access(area)
            rows.append({"name": area.name, "ptai": ptai, "ptal": ptal})
        return pd.DataFrame(rows)

    # -- Indicators ----------------------------------------------------------------------

    def indicator(self, indicator_id: str) -> pd.DataFrame:
        """Return a catalogue indicator for the area and its comparators, as published.

        The rows are those of :func:`thlib.indicators.all_values` (the annual report's), so
        a headline figure in the profile is the appendix's figure.

        Parameters
        ----------
        indicator_id : str
            A catalogue id, e.g. ``"crime-rate"``.

        Returns
        -------
        pandas.DataFrame
            Columns ``name``, ``period``, ``numerator``, ``denominator``, ``value``:
            the area, the borough (unless the area is the borough), then London and
            England where the indicator has them.

        Raises
        ------
        DataError
            If the indicator is not in the catalogue (suggesting close ids).

        Examples
        --------
        Bethnal Green West has 7 of its 11 LSOAs (2021) among England's 20% most deprived
        (IoD 2025 deciles 1 and 2), the borough 73 of 169:

        >>> frame = AreaProfile("ward", "E05009331").indicator("imd-2025-most-deprived-20")
        >>> for row in frame.head(2).itertuples():
        ...     print(row.name, int(row.numerator), int(row.denominator))
        Bethnal Green West 7 11
        Tower Hamlets 73 169
        """
        frame = self._values(indicator_id)
        codes = [area.code for area in self.areas] + [LONDON_CODE, ENGLAND_CODE]
        chosen = frame[frame["code"].isin(codes)].copy()
        chosen["order"] = chosen["code"].map(codes.index)
        chosen = chosen.sort_values("order")
        return chosen[["name", "period", "numerator", "denominator", "value"]] \
            .reset_index(drop=True)

    def _values(self, indicator_id: str) -> pd.DataFrame:
        """Return the catalogue's values of an indicator (and the custom area's row)."""
        from thlib.indicators import all_values, custom_area_values

        frame = all_values(indicator_id)
        if self.area.type != "custom":
            return frame
        mine = custom_area_values(indicator_id, self.area)
        return pd.concat([frame, mine], ignore_index=True) if not mine.empty else frame

    def indicator_summary(self) -> pd.DataFrame:
        """Return the catalogue's indicators for this area against its comparator and wards.

        Values are read from :func:`thlib.indicators.all_values`, as the annual report's.

        Returns
        -------
        pandas.DataFrame
            One row per indicator published for the area's type, retired ones left
            out: ``indicator``, ``title``, ``unit``, ``decimals``, ``period``, ``value``,
            ``comparator`` (the borough's value; for the borough, London's or else England's),
            ``comparator_name``, ``minimum``, ``q25``, ``q75``, ``maximum`` (across the 20
            wards, where published by ward), ``comparison`` (Fingertips comparison with
            the comparator) and ``polarity``.

        Examples
        --------
        >>> summary = AreaProfile("ward", "E05009317").indicator_summary()
        >>> summary.set_index("indicator").loc["crime-rate", "comparator_name"]
        'Tower Hamlets'
        """
        from thlib.indicators import benchmark_for, catalogue, compare_with, spread

        rows = []
        # A custom area is built as a neighbourhood is, and compared with the borough.
        kind = "neighbourhood" if self.area.type == "custom" else self.area.type
        for indicator in catalogue().values():
            if kind not in indicator.geographies or indicator.retired:
                continue  # retired measures are history, not part of a profile
            frame = self._values(indicator.id)
            benchmark = benchmark_for(kind, set(frame["area_type"]))
            if benchmark is None or frame.empty:
                continue
            compared = compare_with(frame, indicator, benchmark)
            mine = compared[compared["code"] == self.area.code]
            if mine.empty:
                continue
            base = compared[compared["area_type"] == benchmark]
            rows.append({
                "indicator": indicator.id, "title": indicator.label, "unit": indicator.unit,
                "decimals": indicator.decimals, "period": mine["period"].iloc[0],
                "value": mine["value"].iloc[0], "comparator": base["value"].iloc[0],
                "comparator_name": base["name"].iloc[0],
                **spread(frame, "ward"),
                "comparison": mine["comparison"].iloc[0], "polarity": indicator.polarity,
            })
        return pd.DataFrame(rows)


def _percent(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """Percentages by :func:`thlib.stats.proportion`, the statistic the catalogue uses."""
    values = stats.proportion(numerator, denominator, multiplier=100)["value"]
    return pd.Series(values.to_numpy(), index=numerator.index)
