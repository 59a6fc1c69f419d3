"""What an area profile says, computed: one method per topic, tidy frames out.

Every frame names its geographies in a ``geography`` column, the area first and its
comparators after (the borough, then London and England where the source has them),
and carries ``attrs`` saying how the area's figure was obtained.
"""

from __future__ import annotations

import functools

import geopandas as gpd
import pandas as pd

from thlib import data
from thlib.geography import (
    COMPARATOR_NAMES,
    ENGLAND_CODE,
    LONDON_CODE,
    Area,
    NotCoveredError,
    aggregate,
    bestfit_error,
    boundaries,
    get_area,
    list_areas,
    lsoa_to_ward,
    ward_table,
)

#: Months of crime counted in the 'last 12 months' figures.
CRIME_WINDOW = 12


def _census_by_ward(table_id: str) -> tuple[tuple[pd.DataFrame, str], tuple[pd.DataFrame, str]]:
    """A Census table's counts by ward and category, and its totals by ward.

    Summed once per process and data folder: every profile a report kernel builds reuses
    them.
    """
    return _census_by_ward_in(table_id, data.data_dir())


@functools.cache
def _census_by_ward_in(table_id: str, _folder: object) -> tuple[tuple[pd.DataFrame, str],
                                                                tuple[pd.DataFrame, str]]:
    table = data.census(table_id)
    first = table[table["category"] == table["category"].cat.categories[0]]
    return (ward_table(table, ["count", "total"], ["category"]),
            ward_table(first, ["total"]))


class AreaProfile:
    """The figures behind the profile of one area.

    Parameters
    ----------
    area_type : {"borough", "neighbourhood", "ward"}
    area_code : str
        GSS code (borough, ward) or neighbourhood code.
    """

    def __init__(self, area_type: str, area_code: str):
        self.area: Area = get_area(area_type, area_code)
        self.borough: Area = list_areas("borough")[0]
        self._compositions: dict[str, pd.DataFrame] = {}

    @property
    def is_borough(self) -> bool:
        return self.area.type == "borough"

    @property
    def areas(self) -> list[Area]:
        """The area, then the borough if the area is not the borough itself."""
        return [self.area] if self.is_borough else [self.area, self.borough]

    # -- Census compositions -------------------------------------------------------------

    def composition(self, table_id: str) -> pd.DataFrame:
        """Return a Census table for the area and its comparators, with percentages.

        Columns ``geography``, ``category``, ``count``, ``total``, ``percent``. London and
        England are included where the table has them. An area the table cannot be fitted
        to has no rows, and ``None`` as its method in ``attrs["methods"]``.
        """
        if table_id not in self._compositions:
            self._compositions[table_id] = self._composition(table_id)
        return self._compositions[table_id]

    def _composition(self, table_id: str) -> pd.DataFrame:
        table = data.census(table_id)
        first = table[table["category"] == table["category"].cat.categories[0]]
        parts, methods = [], {}
        for area in self.areas:
            by_ward = (None, None) if area.type == "borough" else _census_by_ward(table_id)
            try:
                result = aggregate(table, area, ["count", "total"], by=["category"],
                                   wards=by_ward[0])
            except NotCoveredError:
                methods[area.name] = None  # published only for areas too large to fit it
                continue
            # a table's total repeats on every category row: sum it once per geography
            total = aggregate(first, area, ["total"], wards=by_ward[1]).frame["total"].iloc[0]
            parts.append(result.frame.assign(geography=area.name, total=total))
            methods[area.name] = result.method_text
        for code, name in COMPARATOR_NAMES.items():
            rows = table[table["code"] == code]
            if not rows.empty:
                parts.append(rows[["category", "count", "total"]].assign(geography=name))
        frame = pd.concat(parts, ignore_index=True)
        frame["percent"] = frame["count"] / frame["total"] * 100
        frame = frame[["geography", "category", "count", "total", "percent"]]
        frame.attrs = {**table.attrs, "methods": methods}
        return frame

    def share(self, table_id: str, categories: list[str]) -> pd.DataFrame:
        """Return the percentage in ``categories`` (added up) for each geography."""
        frame = self.composition(table_id)
        chosen = frame[frame["category"].isin(categories)]
        summed = chosen.groupby("geography", sort=False).agg(count=("count", "sum"),
                                                              total=("total", "first"))
        summed["percent"] = summed["count"] / summed["total"] * 100
        summed.attrs = frame.attrs
        return summed.reset_index()

    # -- Population ----------------------------------------------------------------------

    def population(self) -> pd.DataFrame:
        """Return usual residents (Census 2021) for the area and its comparators.

        Wards and neighbourhoods use the true ward counts of TS022; the borough, London
        and England the published TS007a totals.
        """
        ts022 = data.census("ts022")
        first = ts022[ts022["category"] == "Asian"]
        rows = []
        for area in self.areas:
            if area.type == "borough":
                total = self.composition("ts007a").query("geography == @area.name")["total"].iloc[0]
            else:
                total = aggregate(first, area, ["total"]).frame["total"].iloc[0]
            rows.append({"geography": area.name, "residents": int(total)})
        ts007a = self.composition("ts007a")
        for name in COMPARATOR_NAMES.values():
            rows.append({"geography": name,
                         "residents": int(ts007a.query("geography == @name")["total"].iloc[0])})
        return pd.DataFrame(rows)

    def bestfit_error(self, every_ward: bool = False) -> pd.DataFrame:
        """Return, for each ward of the area (or every ward), how far LSOA best fit is off."""
        ts022 = data.census("ts022")
        ward_totals = ts022[(ts022["category"] == "Asian") & ts022["code"].str.startswith("E05")]
        ts007a = data.census("ts007a")
        lsoa = ts007a[(ts007a["category"] == "0-4") & ts007a["code"].str.startswith("E01")]
        table = bestfit_error(ward_totals.set_index("code")["total"],
                              lsoa.set_index("code")["total"])
        if every_ward:
            return table
        return table[table["ward_code"].isin(self.area.wards)].reset_index(drop=True)

    # -- Deprivation ---------------------------------------------------------------------

    def lsoas(self, vintage: int = 2021, area: Area | None = None) -> list[str]:
        """Return the codes of the LSOAs whose best-fit ward lies in the area."""
        lookup = lsoa_to_ward(vintage)
        return sorted(lookup[lookup.isin((area or self.area).wards)].index)

    def deprivation_map_data(self) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        """Return the area's LSOAs (2021) with their IoD 2025 IMD decile, and its outline."""
        lsoas = boundaries("lsoa2021").rename(columns={"LSOA21CD": "code"})
        lsoas = lsoas[lsoas["code"].isin(self.lsoas(2021))]
        lsoas = lsoas.merge(data.iod2025()[["code", "imd_decile"]], on="code")
        wards = boundaries("ward")
        outline = wards[wards["ward_code"].isin(self.area.wards)].dissolve()
        return lsoas.rename(columns={"imd_decile": "decile"}), outline

    def imd_deciles(self) -> pd.DataFrame:
        """Return the share of LSOAs in each national IMD decile, 2025 and 2019.

        Columns ``edition``, ``geography``, ``decile``, ``lsoas`` and ``percent``. England
        is 10% in each decile by construction; London is shown for 2019, the edition for
        which every London LSOA is shipped.
        """
        rows = []
        editions = {"IoD 2025": (data.iod2025(), 2021), "IoD 2019": (data.iod2019(), 2011)}
        for edition, (table, vintage) in editions.items():
            for area in self.areas:
                deciles = table.loc[table["code"].isin(self.lsoas(vintage, area)),
                                    "imd_decile"].astype(int)
                counts = deciles.value_counts().reindex(range(1, 11), fill_value=0)
                rows += [{"edition": edition, "geography": area.name, "decile": d,
                          "lsoas": int(n), "percent": n / counts.sum() * 100}
                         for d, n in counts.items()]
        london = data.iod2019(london=True)["imd_decile"].astype(int).value_counts()
        london = london.reindex(range(1, 11), fill_value=0)
        rows += [{"edition": "IoD 2019", "geography": "London", "decile": d, "lsoas": int(n),
                  "percent": n / london.sum() * 100} for d, n in london.items()]
        return pd.DataFrame(rows)

    def income_deprivation(self) -> pd.DataFrame:
        """Return IDACI and IDAOPI 2019 for the area, the borough and London, as percentages.

        Each is the population-weighted mean of LSOA scores (weights: the mid-2015
        children 0-15 and people 60+ that IoD 2019 uses as denominators), i.e. the share
        of children, or of older people, living in income-deprived households.
        """
        london = data.iod2019(london=True)
        borough = london[london["la_code"] == self.borough.code]
        lookup = lsoa_to_ward(2011)
        groups = [(area.name, borough if area.type == "borough" else
                   borough[borough["code"].map(lookup).isin(area.wards)]) for area in self.areas]
        groups.append(("London", london))
        rows = []
        for name, frame in groups:
            for measure, score, weight in (
                ("Children in income-deprived households (IDACI)", "idaci_score",
                 "children_0_15"),
                ("Older people in income-deprived households (IDAOPI)", "idaopi_score",
                 "older_60_plus"),
            ):
                value = (frame[score] * frame[weight]).sum() / frame[weight].sum() * 100
                rows.append({"geography": name, "category": measure, "value": value})
        return pd.DataFrame(rows)

    # -- Community safety ----------------------------------------------------------------

    def _residents(self) -> dict[str, int]:
        return dict(self.population()[["geography", "residents"]].itertuples(index=False))

    def crime_monthly(self) -> pd.DataFrame:
        """Return offences per 1,000 residents by month for the area, borough and MPS area.

        Rates use Census 2021 usual residents; the MPS area is compared with London's
        residents (the City of London, policed separately, has about 8,600).
        """
        crime = data.crime_by_ward()
        residents = self._residents()
        parts = []
        for area in self.areas:
            counts = crime[crime["code"].isin(area.wards)].groupby("month")["count"].sum()
            parts.append(pd.DataFrame({"geography": area.name, "period": counts.index,
                                       "count": counts.to_numpy()}))
        london = data.crime_london().groupby("month")["count"].sum()
        parts.append(pd.DataFrame({"geography": "London", "period": london.index,
                                   "count": london.to_numpy()}))
        frame = pd.concat(parts, ignore_index=True)
        frame["value"] = frame["count"] / frame["geography"].map(residents) * 1000
        return frame

    def crime_by_category(self) -> pd.DataFrame:
        """Return offences per 1,000 residents in the last 12 months by major category."""
        crime = data.crime_by_ward()
        months = sorted(crime["month"].unique())[-CRIME_WINDOW:]
        crime = crime[crime["month"].isin(months)]
        london = data.crime_london()
        london = london[london["month"].isin(months)]
        residents = self._residents()
        parts = [crime[crime["code"].isin(a.wards)].groupby("category")["count"].sum()
                 .rename(a.name) for a in self.areas]
        parts.append(london.groupby("category")["count"].sum().rename("London"))
        table = pd.concat(parts, axis=1).fillna(0)
        table = table.sort_values(self.area.name, ascending=False)
        frame = table.reset_index(names="category").melt(
            id_vars="category", var_name="geography", value_name="count")
        frame["value"] = frame["count"] / frame["geography"].map(residents) * 1000
        frame.attrs = {"period": f"{months[0]:%B %Y} to {months[-1]:%B %Y}"}
        return frame

    # -- Environment ---------------------------------------------------------------------

    def air_quality(self) -> pd.DataFrame:
        """Return modelled 2019 NO2 and PM2.5 (µg/m³), population-weighted over LSOAs.

        Weights are Census 2021 usual residents per LSOA, so the figure is the average
        concentration where people live; the area and the borough use the same method.
        """
        air = data.air_quality_lsoa()
        ts007a = data.census("ts007a")
        weights = ts007a[ts007a["category"] == "0-4"].set_index("code")["total"]
        air = air.assign(weight=air["code"].map(weights))
        rows = []
        for area in self.areas:
            part = air if area.type == "borough" else air[air["code"].isin(self.lsoas(2021))]
            for pollutant, label in data.environment.POLLUTANTS.items():
                value = (part[pollutant] * part["weight"]).sum() / part["weight"].sum()
                rows.append({"geography": area.name, "category": label, "value": value})
        return pd.DataFrame(rows)

    def transport_access(self) -> pd.DataFrame:
        """Return TfL's average public transport access index (PTAI, 2015).

        Wards use TfL's published ward average; neighbourhoods and the borough the mean of
        their LSOA (2011) averages, by best fit.
        """
        wards = data.ptal_wards().set_index("code")
        lsoa = data.ptal_lsoa()
        lookup = lsoa_to_ward(2011)
        rows = []
        for area in self.areas:
            if area.type == "ward":
                value, ptal = wards.loc[area.code, "ptai"], wards.loc[area.code, "ptal"]
            else:
                part = lsoa if area.type == "borough" else lsoa[lsoa["code"].map(lookup)
                                                                .isin(area.wards)]
                value, ptal = part["ptai"].mean(), None
            rows.append({"geography": area.name, "ptai": value, "ptal": ptal})
        return pd.DataFrame(rows)


    # -- Indicators ----------------------------------------------------------------------

    def indicator_summary(self) -> pd.DataFrame:
        """The catalogue's indicators for this area against its comparator and the wards.

        One row per indicator published for the area's type: ``indicator``, ``title``,
        ``unit``, ``decimals``, ``value``, ``comparator`` (the borough's value; for the
        borough, London's or else England's), ``comparator_name``, ``minimum``, ``q25``,
        ``q75``, ``maximum`` (across the 20 wards, where published by ward),
        ``significance`` (Fingertips comparison with the comparator) and ``polarity``.
        """
        from thlib.indicators import all_values, catalogue, compare_with

        rows = []
        for indicator in catalogue().values():
            if self.area.type not in indicator.geographies:
                continue
            frame = all_values(indicator.id)
            types = set(frame["area_type"])
            benchmark = ("borough" if not self.is_borough else
                         "london" if "london" in types else
                         "england" if "england" in types else None)
            if benchmark is None or frame.empty:
                continue
            compared = compare_with(frame, indicator, benchmark)
            mine = compared[compared["code"] == self.area.code]
            if mine.empty:
                continue
            wards = frame.loc[frame["area_type"] == "ward", "value"]
            base = compared[compared["area_type"] == benchmark]
            rows.append({
                "indicator": indicator.id, "title": indicator.label, "unit": indicator.unit,
                "decimals": indicator.decimals, "period": mine["period"].iloc[0],
                "value": mine["value"].iloc[0], "comparator": base["value"].iloc[0],
                "comparator_name": base["name"].iloc[0],
                "minimum": wards.min(), "q25": wards.quantile(0.25),
                "q75": wards.quantile(0.75), "maximum": wards.max(),
                "significance": mine["comparison"].iloc[0], "polarity": indicator.polarity,
            })
        return pd.DataFrame(rows)


def comparator_names() -> list[str]:
    """Names of the comparator geographies beyond the borough (London, England)."""
    return [COMPARATOR_NAMES[LONDON_CODE], COMPARATOR_NAMES[ENGLAND_CODE]]
