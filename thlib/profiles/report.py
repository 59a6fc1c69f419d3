"""The area profile as the notebook shows it: each method displays one piece and returns it.

Calculation lives in :mod:`thlib.profiles.data`; everything shown is made in
:mod:`thlib.presentation`. This module chooses what to show.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from markupsafe import Markup
from matplotlib.figure import Figure

from thlib import data
from thlib.data.partnership import contact
from thlib.errors import DataError
from thlib.geography import Area, boundaries, list_areas
from thlib.indicators import get_indicator, summary
from thlib.indicators.freshness import STALE_AFTER_YEARS, out_of_date
from thlib.presentation import charts, datafiles, formatting, narrative, prose, vocabulary
from thlib.presentation.chartdata import ChartData
from thlib.presentation.display import Shown, ShownParts, show_html, show_markdown
from thlib.presentation.measure_view import (
    comparison_sentences,
    indicator_credit,
    measure_chart,
    measure_text,
)
from thlib.presentation.narrative import Fact, join_names
from thlib.presentation.prose import markdown_text
from thlib.presentation.tables import show_table
from thlib.profiles.data import IMD_BANDS, AreaProfile

__all__ = ["ProfileReport"]

CENSUS = "census2021"
#: Catalogue indicators the summary and the deprivation map headline.
MOST_DEPRIVED = "imd-2025-most-deprived-20"
CRIME_RATE = "crime-rate"

#: Census shares that can stand out in the summary: how each reads, and its catalogue id.
KEY_SHARES = [
    ("residents are children aged 0 to 14", "children-aged-0-14"),
    ("residents are aged 65 or over", "residents-aged-65-plus"),
    ("residents were born outside the UK", "born-outside-uk"),
    ("residents are of Asian ethnicity", "asian-ethnicity"),
    ("residents are of White ethnicity", "white-ethnicity"),
    ("residents are Muslim", "muslim-residents"),
    ("residents have no religion", "no-religion"),
    ("households rent from a social landlord", "social-rented-households"),
    ("households rent privately", "private-rented-households"),
    ("households own their home", "owner-occupied-households"),
    ("households are overcrowded (too few bedrooms)", "overcrowded-households"),
    ("residents aged 16 and over have no qualifications", "no-qualifications"),
    ("residents aged 16 and over hold a degree-level qualification", "level-4-qualifications"),
    ("residents are in bad or very bad health", "bad-health"),
    ("residents are disabled under the Equality Act", "disabled-equality-act"),
    ("households are deprived in two or more dimensions",
     "households-deprived-2-plus-dimensions"),
]


#: How a category reads in an active title, per table ("a higher share of ...").
CATEGORY_PHRASES = {
    "ts007a": "residents aged {}",
    "ts021": "residents of {} ethnicity",
    "ts004": "residents born in: {}",
    "ts029": "residents whose language is: {}",
    "ts030": "residents whose religion is: {}",
    "ts054": "households in tenure: {}",
    "ts052": "households rated: {}",
    "ts011": "households deprived in: {}",
    "ts066": "residents aged 16+: {}",
    "ts067": "residents aged 16+ with: {}",
    "ts037": "residents in {} health",
    "ts038": "residents: {}",
}

#: What each Census table's data are called in the workbook (a sheet name: 31 characters).
TABLE_NAMES = {
    "ts007a": "Age", "ts021": "Ethnic group", "ts004": "Country of birth",
    "ts029": "Main language", "ts030": "Religion", "ts054": "Tenure",
    "ts052": "Overcrowding (bedrooms)", "ts011": "Household deprivation",
    "ts066": "Economic activity", "ts067": "Qualifications", "ts037": "General health",
    "ts038": "Disability",
}


class ProfileReport:
    """Display the profile of one area, section by section.

    Each section displays its piece in the notebook and returns what it displayed: a
    matplotlib Figure, a table's HTML, Markdown, or (for a section with several pieces) a
    :class:`thlib.presentation.display.ShownParts` of them. What is returned is not displayed again
    when a call is the last line of a cell.

    Parameters
    ----------
    area_type : {"borough", "neighbourhood", "ward"}
        The kind of area.
    area_code : str
        Its GSS code (neighbourhoods: the code in ``data/neighbourhoods.yml``).
    output_dir : path-like, optional
        Where :meth:`data_files` writes the data of every chart (the build supplies it).

    Attributes
    ----------
    charts : list of thlib.presentation.chartdata.ChartData
        The data of each chart shown so far, in order.

    Raises
    ------
    AreaError
        If the area type or code is not known.

    Examples
    --------
    >>> report = ProfileReport("ward", "E05009331")
    >>> report.area.name, report.comparator
    ('Bethnal Green West', 'Tower Hamlets')
    >>> fig = report.tenure()  # the chart, then its data table
    <thlib.presentation.charts.render._ChartSVG object>
    <IPython.core.display.HTML object>
    >>> type(fig).__name__
    'Figure'
    """

    def __init__(self, area_type: str, area_code: str,
                 output_dir: str | Path | None = None):
        self.profile = AreaProfile(area_type, area_code)
        self.output_dir = Path(output_dir) if output_dir else None
        self.charts: list[ChartData] = []
        self.area = self.profile.area
        self.borough = self.profile.borough
        # Wards and neighbourhoods are set against the borough; the borough against London.
        self.comparator = "London" if self.profile.is_borough else self.borough.name

    # -- helpers -------------------------------------------------------------------------

    def _show(self, fig: Figure, alt: str, chart: ChartData) -> Figure:
        """Show a chart with its data table, and keep its data for the data files."""
        self.charts.append(chart)
        return charts.show_figure(fig, alt, data=chart)

    @staticmethod
    def _census_period() -> str:
        return f"Census 2021 ({data.source(CENSUS)['period']})"

    def _neighbourhood(self) -> Area | None:
        for hood in list_areas("neighbourhood"):
            if self.area.code in hood.wards:
                return hood
        return None

    @property
    def uses_provisional_neighbourhoods(self) -> bool:
        """Whether the area is, or lies in, a provisional neighbourhood."""
        hood = self._neighbourhood() if self.area.type == "ward" else self.area
        return self.area.type != "borough" and hood is not None and hood.provisional

    def _note(self, table_id: str) -> str | None:
        method = self.profile.composition(table_id).attrs["methods"].get(self.area.name)
        if self.profile.is_borough or method is None or "published" in method:
            return None
        return f"{self.area.name}: {method}."

    def _compare_chart(self, table_id: str, title: str | None = None,
                       categories: list[str] | None = None,
                       name: str | None = None) -> Figure | Shown:
        frame = self.profile.composition(table_id)
        attrs = frame.attrs
        if attrs["methods"].get(self.area.name, "") is None:
            return show_markdown(
                f"*{prose.markdown_text(attrs['title'])} is published for areas (MSOAs) none "
                f"of which falls mainly in {prose.markdown_text(self.area.name)}, so it is not "
                f"shown for this {self.area.type}.*")
        if categories:
            frame = frame[frame["category"].isin(categories)]
        names = list(dict.fromkeys(frame["name"]))
        if title is None:
            title = narrative.active_title(frame, attrs["title"], self.area.name,
                                           self.comparator,
                                           CATEGORY_PHRASES.get(table_id, "{}"))
        topic = attrs["title"][0].lower() + attrs["title"][1:]
        subtitle = (f"Percentage of {attrs['universe']}, {topic}, "
                    f"{join_names(names)}, Census 2021")
        fig = charts.compare_bars(frame, title, subtitle, data.source_line(CENSUS),
                                  note=self._note(table_id))
        chart = ChartData(title, name or TABLE_NAMES.get(table_id, table_id),
                          f"{attrs['title']}: percentage of {attrs['universe']}", "%",
                          self._census_period(), *data.credit(CENSUS),
                          frame.rename(columns={"name": "area", "percent": "value"})
                          [["area", "category", "value"]],
                          category_label=attrs["title"])
        return self._show(fig, narrative.bar_chart_alt(frame, title), chart)

    # -- sections ------------------------------------------------------------------------

    def title(self) -> Shown:
        """Show the heading, what the profile covers and the provisional warning."""
        hood = self._neighbourhood() if self.area.type == "ward" else None
        wards = ([w.name for w in list_areas("ward") if w.code in self.area.wards]
                 if self.area.type in ("neighbourhood", "custom") else [])
        return show_markdown(prose.render(
            "prose/profile/title.md.j2", area=self.area.label,
            built=dt.date.today().strftime("%-d %B %Y"),
            ward_code=self.area.code if self.area.type == "ward" else None,
            aliases=join_names(self.area.aliases) if self.area.type == "ward" else "",
            neighbourhood=hood.name if hood else None, wards=join_names(wards),
            custom=self.area.type == "custom", lsoas=join_names(list(self.area.lsoas)),
            description=self.area.description,
            provisional=self.uses_provisional_neighbourhoods))

    def facts(self) -> list[Fact]:
        """Return the key Census shares of the area against its main comparator.

        Returns
        -------
        list of Fact
        """
        result = []
        for phrase, indicator_id in KEY_SHARES:
            table_id = get_indicator(indicator_id).recipe["table"]
            method = self.profile.composition(table_id).attrs["methods"].get(self.area.name)
            if method is None or method.startswith("sum of MSOAs"):
                continue  # too rough to headline, or not available
            # The catalogue's value, as the annual report's appendix gives it.
            shares = self.profile.indicator(indicator_id).set_index("name")["value"]
            if self.comparator in shares:
                result.append(Fact(phrase, self.area.name, shares[self.area.name],
                                   self.comparator, shares[self.comparator]))
        return result

    def summary(self) -> Shown:
        """Show what stands out: population, deprivation, the most distinctive shares."""
        residents = self.profile.population().set_index("name")["residents"]
        # Headline figures are the catalogue's, so they match the annual report's appendix.
        most_deprived = self.profile.indicator(MOST_DEPRIVED).set_index("name")["value"]
        edition = get_indicator(MOST_DEPRIVED).recipe["edition"]
        crime = self.profile.indicator(CRIME_RATE).set_index("name")
        rates = crime["value"]
        borough = None if self.profile.is_borough else self.borough.name
        lines = [
            narrative.residents_line(self.area.name, residents[self.area.name],
                                     self.profile.percent_of_borough()),
            narrative.deprivation_line(most_deprived[self.area.name],
                                       f"IoD {edition}", borough,
                                       None if borough is None else most_deprived[borough]),
            *(narrative.fact_sentence(f) for f in narrative.standout_facts(self.facts())),
            narrative.crime_line(rates[self.area.name], crime.loc[self.area.name, "period"],
                                 self.comparator, rates[self.comparator])
            if self.area.name in rates.index else
            f"Crime is not available for {prose.markdown_text(self.area.name)}: the police "
            "count crime by ward, and this area is made of LSOAs.",
        ]
        return show_markdown("\n".join(["## What stands out", "",
                                        *(f"- {line}" for line in lines)]))

    def locator(self) -> Figure:
        """Map the area within the borough (the borough within London)."""
        if self.profile.is_borough:
            layer = boundaries("london_borough").rename(columns={"LAD22CD": "ward_code"})
            layer["label"] = ""
            subtitle = "The 33 London local authorities"
        elif self.area.lsoas:  # a custom area of LSOAs: shown among the borough's LSOAs
            layer = boundaries("lsoa2021").rename(columns={"LSOA21CD": "ward_code"})
            layer["label"] = ""
            subtitle = f"The small areas (LSOAs, 2021) of {self.borough.name}"
        else:
            layer = boundaries("ward")
            layer["label"] = layer["ward_name_current_ons"].str.replace(" & ", " &\n")
            subtitle = f"The 20 wards of {self.borough.name} (May 2014 boundaries, current codes)"
        title = f"Where {self.area.name} is"
        # the borough is one shape among London's; any other area is its wards
        shaded = ([self.area.code] if self.profile.is_borough
                  else list(self.area.lsoas or self.area.wards))
        fig = charts.locator_map(layer, shaded, title,
                                 subtitle, data.source_line("boundaries"),
                                 labels=not (self.profile.is_borough or self.area.lsoas))
        # A map of where the area is: no values to tabulate, so no data table.
        return charts.show_figure(fig, f"Map. {title}: {subtitle}, with {self.area.name} "
                                       "shaded and hatched.")

    def population(self) -> ShownParts:
        """Show a table of residents with comparators, and the age chart.

        Returns
        -------
        ShownParts
            The table's HTML and the chart's Figure.
        """
        table = self.profile.population()
        table["residents"] = table["residents"].map(formatting.count)
        html = show_table(
            table.rename(columns={"name": "Area", "residents": "Usual residents"}),
            f"Usual residents, {join_names(table['name'])}, Census 2021",
            data.source_line(CENSUS))
        return ShownParts([html, self._compare_chart("ts007a")])

    def ethnicity(self) -> Figure | Shown:
        """Show ethnic group (TS021) against the comparators."""
        return self._compare_chart("ts021")

    def country_of_birth(self) -> Figure | Shown:
        """Show country of birth (TS004) against the comparators."""
        return self._compare_chart("ts004")

    def language(self) -> Figure | Shown:
        """Show main language (TS029) against the comparators."""
        return self._compare_chart("ts029")

    def religion(self) -> Figure | Shown:
        """Show religion (TS030) against the comparators."""
        return self._compare_chart("ts030")

    def deprivation_map(self) -> Figure:
        """Map the IMD 2025 decile of each LSOA given to the area."""
        lsoas, outline = self.profile.deprivation_map_data()
        share = self.profile.indicator(MOST_DEPRIVED).iloc[0]
        title = (f"{formatting.count(share['numerator'])} of "
                 f"{formatting.count(share['denominator'])} small areas in {self.area.name} "
                 "are among the 20% most deprived in England")
        given = "of" if self.area.lsoas else "given to"
        fit = "" if self.area.lsoas else " by best fit"
        kind = "area" if self.area.type == "custom" else self.area.type
        subtitle = ("Index of Multiple Deprivation 2025 national decile of each LSOA (2021) "
                    f"{given} {self.area.name}{fit}; the orange line is the {kind} boundary")
        fig = charts.decile_map(lsoas, outline, title, subtitle, data.source_line("iod2025",
                                                                                  "boundaries"))
        alt = (f"Map. {title}. Each small area (LSOA) is shaded by its national deprivation "
               "decile; the deciles are in the table below.")
        chart = ChartData(
            title, "Deprivation deciles (LSOAs)",
            "Index of Multiple Deprivation 2025: national decile of each LSOA (2021)",
            "decile, 1 = most deprived 10% in England",
            f"IoD 2025 ({data.source('iod2025')['period']})", *data.credit("iod2025"),
            pd.DataFrame({"area": [f"{n} ({c})" for n, c in zip(lsoas["LSOA21NM"],
                                                                 lsoas["code"], strict=True)],
                          "value": lsoas["decile"]}), decimals=0)
        return self._show(fig, alt, chart)

    def deprivation_table(self) -> Shown:
        """Show the share of LSOAs by IMD decile band, both editions, with comparators."""
        bands = self.profile.imd_bands()
        summary = bands.pivot_table(index=["edition", "name"], columns="band",
                                    values="percent", sort=False)[list(IMD_BANDS)]
        summary = summary.map(lambda v: formatting.percent(v, 0)).reset_index()
        summary.columns = ["Edition", "Area", *summary.columns[2:]]
        return show_table(summary, "Share of LSOAs by national IMD decile band; England is "
                          "20%, 30% and 50% by construction",
                          data.source_line("iod2025", "iod2019"))

    def income_deprivation(self) -> Figure:
        """Show income deprivation among children and older people (IoD 2019)."""
        frame = self.profile.income_deprivation()
        title = "Income deprivation among children and older people"
        subtitle = ("Percentage living in income-deprived households, IoD 2019 (population-"
                    f"weighted LSOA scores), {join_names(dict.fromkeys(frame['name']))}")
        fig = charts.compare_bars(frame, title, subtitle, data.source_line("iod2019"),
                                  value="value")
        chart = ChartData(
            title, "Income deprivation (IoD 2019)",
            "Percentage living in income-deprived households (IDACI and IDAOPI)", "%",
            f"IoD 2019 ({data.source('iod2019')['period']})", *data.credit("iod2019"),
            frame.rename(columns={"name": "area"})[["area", "category", "value"]],
            category_label="Age group")
        return self._show(fig, narrative.bar_chart_alt(frame, title, value="value"), chart)

    def household_deprivation(self) -> Figure | Shown:
        """Show households by dimensions of deprivation (TS011)."""
        return self._compare_chart("ts011")

    def children(self) -> Figure | Shown:
        """Show children and young people aged 0 to 24 by five-year band."""
        bands = ["0-4", "5-9", "10-14", "15-19", "20-24"]
        return self._compare_chart(
            "ts007a", categories=bands,
            title=f"Children and young people aged 0 to 24 in {self.area.name}",
            name="Children and young people")

    def jobs(self) -> Figure | Shown:
        """Show economic activity (TS066)."""
        return self._compare_chart("ts066")

    def qualifications(self) -> Figure | Shown:
        """Show highest qualification (TS067)."""
        return self._compare_chart("ts067")

    def tenure(self) -> Figure | Shown:
        """Show tenure (TS054)."""
        return self._compare_chart("ts054")

    def overcrowding(self) -> Figure | Shown:
        """Show occupancy rating for bedrooms (TS052)."""
        return self._compare_chart("ts052")

    def _by_ward_only(self, what: str, why: str) -> Shown | None:
        """Say that a figure published by ward only is not available for an area of LSOAs."""
        if not self.area.lsoas:
            return None
        return show_markdown(f"*{what} is not available for "
                             f"{prose.markdown_text(self.area.name)}: {why}, and this area "
                             "is made of LSOAs.*")

    def crime_trend(self) -> Figure | Shown:
        """Show recorded crime per 1,000 residents by month."""
        missing = self._by_ward_only("Recorded crime", "the shipped crime files count by ward")
        if missing is not None:
            return missing
        frame = self.profile.crime_monthly()
        title = f"Recorded crime by month in {self.area.name}"
        subtitle = ("Offences per 1,000 residents (Census 2021), "
                    f"{join_names(dict.fromkeys(frame['name']))}, {frame.attrs['period']}")
        fig = charts.trend_chart(frame, title=title, subtitle=subtitle,
                                 source=data.source_line("mps_crime"),
                                 ylabel="Offences per 1,000 residents",
                                 note="London: the Metropolitan Police area.")
        means = frame.groupby("name", sort=False)["value"].mean()
        alt = (f"Line chart. {title}, {frame.attrs['period']}. Monthly average per 1,000 "
               "residents: " + ", ".join(f"{g} {formatting.number(v)}"
                                          for g, v in means.items())
               + ". Values in the table below.")
        unit = "offences per 1,000 residents"
        chart = ChartData(title, "Crime by month", "Recorded crime per 1,000 residents "
                          "(Census 2021 residents)", unit, frame.attrs["period"],
                          *data.credit("mps_crime"),
                          frame.rename(columns={"name": "area"})[["area", "period",
                                                                       "value"]])
        return self._show(fig, alt, chart)

    def crime_categories(self) -> Figure | Shown:
        """Show the eight largest crime categories per 1,000 residents, last 12 months."""
        missing = self._by_ward_only("Recorded crime by type",
                                     "the shipped crime files count by ward")
        if missing is not None:
            return missing
        frame = self.profile.crime_by_category()
        top = frame[frame["category"].isin(frame["category"].unique()[:8])]
        title = f"Recorded crime by type in {self.area.name}, last 12 months"
        subtitle = (f"Offences per 1,000 residents, eight largest categories, "
                    f"{frame.attrs['period']}")
        fig = charts.compare_bars(top, title, subtitle, data.source_line("mps_crime"),
                                  value="value", unit="", note="London: the Metropolitan "
                                  "Police area.")
        chart = ChartData(title, "Crime by type", "Recorded crime per 1,000 residents, by "
                          "type (the eight largest)", "offences per 1,000 residents",
                          frame.attrs["period"], *data.credit("mps_crime"),
                          top.rename(columns={"name": "area"})[["area", "category",
                                                                     "value"]],
                          category_label="Type of crime")
        return self._show(fig, narrative.bar_chart_alt(top, title, value="value",
                                                       unit=" per 1,000 residents"), chart)

    def general_health(self) -> Figure | Shown:
        """Show general health (TS037)."""
        return self._compare_chart("ts037")

    def disability(self) -> Figure | Shown:
        """Show disability under the Equality Act (TS038)."""
        return self._compare_chart("ts038")

    def air_quality(self) -> Figure:
        """Show modelled air pollution weighted by residents (LAEI 2019)."""
        frame = self.profile.air_quality()
        title = f"Modelled air pollution where people live in {self.area.name}"
        subtitle = ("Annual mean concentration, µg/m³, weighted by residents, London "
                    "Atmospheric Emissions Inventory 2019")
        fig = charts.compare_bars(frame, title, subtitle, data.source_line("laei2019"),
                                  value="value", unit="")
        chart = ChartData(title, "Air pollution", "Modelled annual mean concentration, "
                          "weighted by residents", "µg/m³",
                          str(data.source("laei2019")["period"]), *data.credit("laei2019"),
                          frame.rename(columns={"name": "area"})[["area", "category",
                                                                       "value"]],
                          category_label="Pollutant")
        return self._show(fig, narrative.bar_chart_alt(frame, title, value="value",
                                                       unit=" µg/m³"), chart)

    def transport(self) -> Shown:
        """Show public transport access (TfL PTAL 2015), weighted by residents."""
        missing = self._by_ward_only("Public transport access", "TfL publishes it by LSOA "
                                     "of 2011 and by ward, not by LSOA of 2021")
        if missing is not None:
            return missing
        frame = self.profile.transport_access()
        frame["ptai"] = frame["ptai"].map(formatting.number)
        return show_table(frame.rename(columns={"name": "Area",
                                                "ptai": "Average access index",
                                                "ptal": "Access level (PTAL band)"}),
                          "Public transport access, TfL 2015: the average access index of "
                          "the area's LSOAs (2011), weighted by residents (IoD 2019 "
                          "population, mid-2015), and its PTAL band (higher is better; PTAL "
                          "runs 0 to 6b)", data.source_line("ptal2015", "iod2019"))

    def trends(self, report_year: int | None = None,
               stale_after_years: int = STALE_AFTER_YEARS) -> ShownParts:
        """Show the partnership's measures over time, where they exist at this area's level.

        The measures are listed in ``thlib/profiles/trends.yml``. For the borough each gets
        its words (trend and change, London and England, London rank, neighbours' average,
        out of date) and a trend chart of Tower Hamlets, London and England over every
        period (as in the annual report: :func:`thlib.annual.report.measure_chart`). Wards
        and neighbourhoods get a paragraph saying which measures exist for them.

        Parameters
        ----------
        report_year : int, optional
            The year values are judged out of date against; by default this year.
        stale_after_years : int, default :data:`thlib.indicators.freshness.STALE_AFTER_YEARS`
            A latest period ending more than this many years before ``report_year`` is out
            of date.

        Returns
        -------
        ShownParts
            The Markdown and Figures shown, in order.

        Examples
        --------
        >>> parts = ProfileReport("ward", "E05009331").trends(2025)  # doctest: +ELLIPSIS
        <IPython.core.display.Markdown object>
        >>> "see the borough profile" in parts[0]
        True
        """
        year = report_year if report_year is not None else dt.date.today().year
        spec = data.read_yaml(Path(__file__).with_name("trends.yml"))
        if not isinstance(spec, dict) or not isinstance(spec.get("measures"), list):
            raise DataError(f"{Path(__file__).with_name('trends.yml')} should hold a mapping "
                            "with a list of indicator ids under 'measures'")
        ids = [str(i) for i in spec["measures"]]
        level = self.area.type
        charted = [i for i in ids if level == "borough" and level in get_indicator(i).geographies]
        intro = prose.render(
            "prose/profile/trends.md.j2", charted=bool(charted), area=self.area.name,
            stale_after=stale_after_years, year=year,
            out_of_date=vocabulary.OUT_OF_DATE.text, level=level,
            measures=[get_indicator(i).label for i in ids],
            available=[get_indicator(i).label for i in ids
                       if level in get_indicator(i).geographies])
        shown: list[Shown | Figure] = [show_markdown(intro)]
        rows = summary.measure_rows(charted, year, stale_after_years)
        for _, row in rows.iterrows():
            text = measure_text(row, comparison_sentences(row["indicator"]), year,
                                stale_after_years)
            shown.append(show_markdown(f"**{markdown_text(row['title'])} "
                                       f"({markdown_text(row['period'])}).** {text}"))
            fig = measure_chart(row["indicator"], collect=self.charts)
            if fig is not None:
                shown.append(fig)
        return ShownParts(shown)

    def indicators(self) -> ShownParts:
        """Show the catalogue's indicators for the area: a spine chart and a table with symbols.

        Returns
        -------
        ShownParts
            The spine chart's Figure (when three or more indicators have a ward range)
            and the table's HTML; empty when no indicator is published for the area.
        """
        summary = self.profile.indicator_summary()
        if summary.empty:
            return ShownParts()
        shown: list[Figure | Shown] = []
        # The comparator is chosen per indicator (the borough falls back from London to
        # England where London has no value), so it is named per row, never from one row.
        names = summary["comparator_name"]
        main = names.value_counts().index[0]
        spine = summary.dropna(subset=["minimum"]).copy()
        if len(spine) >= 3:
            title = f"How {self.area.name} compares on the partnership's indicators"
            others = sorted(set(spine["comparator_name"]) - {main})
            centre = main if not others else f"{main}, or {join_names(others)} where named"
            subtitle = (f"{self.area.name} (marker) against {centre} (centre line) and "
                        "the range of the 20 wards (bar; darker: middle half), latest periods")
            spine["title"] = [t if n == main else f"{t} (against {n})"
                              for t, n in zip(spine["title"], spine["comparator_name"],
                                              strict=True)]
            heading = " or ".join([main, *others])  # the key's line and the legend's title
            fig = charts.spine_chart(spine, title=title, subtitle=subtitle,
                                     source="Sources: see the table below and the catalogue",
                                     area_name=self.area.name, comparator_name=heading)
            words = pd.Series([vocabulary.significance(s).word for s in spine["comparison"]])
            alt = (f"Spine chart. {title}. Of {len(spine)} indicators, {self.area.name} is "
                   + ", ".join(f"{word} on {n}" for word, n in words.value_counts().items())
                   + ". Values in the table below.")
            shown.append(self._show(fig, alt, self._spine_data(spine, title)))
        # A period that ended too long before the profile was built is said to be out of date.
        year = dt.date.today().year
        table = pd.DataFrame({
            "Indicator": summary["title"],
            "Period": [f"{p} ({vocabulary.OUT_OF_DATE.text})" if out_of_date(str(p), year)
                       else p for p in summary["period"]],
            self.area.name: [formatting.value(r.value, r.unit, r.decimals)
                             for r in summary.itertuples()],
            "Compared with": names,
            "Comparator value": [formatting.value(r.comparator, r.unit, r.decimals)
                                 for r in summary.itertuples()],
            "Comparison": [vocabulary.significance(label).text
                           for label in summary["comparison"]],
        })
        confidences = [get_indicator(i).confidence for i in summary["indicator"]]
        against = join_names(list(dict.fromkeys([main, *names])))
        shown.append(show_table(
            table, f"Indicators for {self.area.name} against {against} (the comparator is "
            "named in each row): " + vocabulary.significance_key(confidences),
            "Sources: thlib indicator catalogue; see each indicator's definition and source"))
        return ShownParts(shown)

    def _spine_data(self, spine: pd.DataFrame, title: str) -> ChartData:
        """Return the spine chart's values: the area, its comparator, the wards' range."""
        points = {"value": self.area.name, "minimum": "Wards: lowest",
                  "q25": "Wards: lower quartile", "q75": "Wards: upper quartile",
                  "maximum": "Wards: highest"}
        rows = []
        for r in spine.itertuples():
            publisher, licence = indicator_credit(r.indicator)
            common = {"measure": r.title, "period": str(r.period), "unit": r.unit,
                      "source": publisher, "licence": licence}
            rows.append({"area": r.comparator_name, "value": r.comparator, **common})
            rows += [{"area": name, "value": getattr(r, column), **common}
                     for column, name in points.items()]
        frame = pd.DataFrame(rows)
        # the area first, then its comparators, then the wards' range, as the key reads
        order = [self.area.name, *dict.fromkeys(spine["comparator_name"]),
                 *list(points.values())[1:]]
        frame = frame.iloc[sorted(range(len(frame)),
                                  key=lambda i: (order.index(frame["area"].iloc[i]), i))]
        return ChartData(title, "Indicators at a glance", "The partnership's indicators", "",
                         "latest periods", "thlib indicator catalogue", "", frame,
                         category_label="Indicator")

    def data_files(self) -> Shown:
        """Write the data of every chart shown to a CSV file and a workbook, and link them.

        Call it last: it holds the charts shown before it. Without an output folder (the
        build supplies one) nothing is written and the paragraph says so.

        Returns
        -------
        Shown
            The "Download the data" section (HTML).

        Examples
        --------
        >>> report = ProfileReport("ward", "E05009331")
        >>> _ = report.tenure()  # doctest: +ELLIPSIS
        <thlib.presentation.charts.render._ChartSVG object>
        <IPython.core.display.HTML object>
        >>> "not written" in report.data_files()  # doctest: +ELLIPSIS
        <IPython.core.display.HTML object>
        True
        """
        files = []
        if self.output_dir is not None:
            files = datafiles.write_data_files(self.output_dir, self._data_stem, self.charts,
                                               f"{self.area.label}: area profile data",
                                               self.area.label)
        return show_html(prose.render("prose/profile/data_files.html.j2", files=files,
                                      charts=len(self.charts)))

    def about(self) -> Shown:
        """Show methods, sources, caveats and the attribution statement."""
        wards = list_areas("ward")
        renamed = [f"{join_names(w.aliases)} is now {w.name}" for w in wards if w.aliases]
        bestfit = None
        if not self.profile.is_borough and self.area.wards:
            bestfit = narrative.bestfit_sentence(self.profile.bestfit_error(),
                                                 self.profile.bestfit_error(every_ward=True))
        return show_markdown(prose.render(
            "prose/profile/about.md.j2", wards=len(wards), first_code=wards[0].code,
            last_code=wards[-1].code, renamed_count=len(renamed), renamed=join_names(renamed),
            bestfit=Markup(bestfit) if bestfit else None,
            provisional=self.uses_provisional_neighbourhoods, custom=self.area.type == "custom",
            custom_lsoas=len(self.area.lsoas),
            min_points=formatting.number(narrative.MIN_DIFFERENCE_POINTS, 0)))

    @property
    def _data_stem(self) -> str:
        """The name, without extension, of the profile's data files."""
        return f"{self.area.slug}-data"

    def accessibility(self) -> Shown:
        """Show the accessibility statement (shared with the annual report), with its contact.

        The contact is the ``contact`` block of ``data/partnership.yml``.
        """
        published = ([] if self.output_dir is None
                     else datafiles.data_file_names(self._data_stem))
        statement = prose.render("prose/accessibility.md.j2", publication="profile",
                                 data_files=published, contact=contact())
        return show_markdown(f"## Accessibility statement\n\n{statement}")
