"""The area profile as the notebook shows it: each method displays one piece.

Calculation lives in :mod:`thlib.profiles.data`, drawing in :mod:`thlib.charts`; this
module chooses titles, words and text alternatives, and displays the results.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from thlib import charts, data
from thlib.charts.significance import SYMBOLS
from thlib.geography import boundaries, list_areas
from thlib.narrative import Fact, fact_sentence, format_value, join_names, percent, standout_facts
from thlib.profiles.data import AreaProfile
from thlib.tables import show_table

CENSUS = "census2021"

#: Census shares that can stand out in the summary: phrase, table, categories.
KEY_SHARES = [
    ("residents are children aged 0 to 14", "ts007a", ["0-4", "5-9", "10-14"]),
    ("residents are aged 65 or over", "ts007a", ["65-69", "70-74", "75-79", "80-84", "85+"]),
    ("residents were born outside the UK", "ts004",
     ["EU countries", "Other Europe", "Africa", "Middle East and Asia", "Americas and Caribbean",
      "Oceania and other"]),
    ("residents are of Asian ethnicity", "ts021", ["Asian"]),
    ("residents are of White ethnicity", "ts021", ["White"]),
    ("residents are Muslim", "ts030", ["Muslim"]),
    ("residents have no religion", "ts030", ["No religion"]),
    ("households rent from a social landlord", "ts054",
     ["Social rented (council)", "Social rented (other)"]),
    ("households rent privately", "ts054", ["Private rented"]),
    ("households own their home", "ts054", ["Owned"]),
    ("households are overcrowded (too few bedrooms)", "ts052",
     ["Overcrowded (-1)", "Overcrowded (-2 or less)"]),
    ("residents aged 16 and over have no qualifications", "ts067", ["No qualifications"]),
    ("residents aged 16 and over hold a degree-level qualification", "ts067",
     ["Level 4 and above"]),
    ("residents are in bad or very bad health", "ts037", ["Bad", "Very bad"]),
    ("residents are disabled under the Equality Act", "ts038", ["Disabled"]),
    ("households are deprived in two or more dimensions", "ts011",
     ["Two dimensions", "Three dimensions", "Four dimensions"]),
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


def _md(text: str) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text))


class ProfileReport:
    """Display the profile of one area, section by section.

    Parameters
    ----------
    area_type : {"borough", "neighbourhood", "ward"}
    area_code : str
    """

    def __init__(self, area_type: str, area_code: str):
        self.profile = AreaProfile(area_type, area_code)
        self.area = self.profile.area
        self.borough = self.profile.borough
        # Wards and neighbourhoods are set against the borough; the borough against London.
        self.comparator = "London" if self.profile.is_borough else self.borough.name

    # -- helpers -------------------------------------------------------------------------

    def _neighbourhood(self):
        for hood in list_areas("neighbourhood"):
            if self.area.code in hood.wards:
                return hood
        return None

    @property
    def uses_provisional_neighbourhoods(self) -> bool:
        hood = self._neighbourhood() if self.area.type == "ward" else self.area
        return self.area.type != "borough" and hood is not None and hood.provisional

    def _note(self, table_id: str) -> str | None:
        method = self.profile.composition(table_id).attrs["methods"].get(self.area.name)
        if self.profile.is_borough or method is None or "published" in method:
            return None
        return f"{self.area.name}: {method}."

    def _compare_chart(self, table_id: str, title: str | None = None,
                       categories: list[str] | None = None) -> None:
        frame = self.profile.composition(table_id)
        attrs = frame.attrs
        if attrs["methods"].get(self.area.name, "") is None:
            _md(f"*{attrs['title']} is published for areas (MSOAs) none of which falls mainly "
                f"in {self.area.name}, so it is not shown for this {self.area.type}.*")
            return
        if categories:
            frame = frame[frame["category"].isin(categories)]
        geographies = list(dict.fromkeys(frame["geography"]))
        if title is None:
            title = self._active_title(frame, attrs["title"], table_id)
        topic = attrs["title"][0].lower() + attrs["title"][1:]
        subtitle = (f"Percentage of {attrs['universe']}, {topic}, "
                    f"{join_names(geographies)}, Census 2021")
        fig = charts.compare_bars(frame, title, subtitle, data.source_line(CENSUS),
                                  note=self._note(table_id))
        charts.show_figure(fig, self._alt(frame, title, subtitle))

    def _active_title(self, frame: pd.DataFrame, topic: str, table_id: str) -> str:
        table = frame.pivot_table(index="category", columns="geography", values="percent",
                                  observed=True)
        if self.comparator not in table:
            largest = table[self.area.name].idxmax()
            return f"{topic}: {largest} is the largest group in {self.area.name}"
        gap = (table[self.area.name] - table[self.comparator])
        category = gap.abs().idxmax()
        direction = "higher" if gap[category] > 0 else "lower"
        group = CATEGORY_PHRASES.get(table_id, "{}").format(category)
        return (f"{topic}: {self.area.name} has a {direction} share of {group} than "
                f"{self.comparator}")

    @staticmethod
    def _alt(frame: pd.DataFrame, title: str, subtitle: str, value: str = "percent",
             unit: str = "%") -> str:
        parts = []
        for category, rows in frame.groupby("category", sort=False, observed=True):
            values = ", ".join(f"{g} {v:,.1f}{unit}" for g, v in zip(rows["geography"],
                                                                      rows[value], strict=True))
            parts.append(f"{category}: {values}")
        return f"Bar chart. {title}. {subtitle}. " + "; ".join(parts) + "."

    # -- sections ------------------------------------------------------------------------

    def title(self) -> None:
        """Show the heading, what the profile covers and the provisional warning."""
        today = dt.date.today().strftime("%-d %B %Y")
        lines = [f"# {self.area.label}: area profile", "",
                 f"A profile of {self.area.label} for the Tower Hamlets Partnership, built on "
                 f"{today} from published open data."]
        if self.area.type == "ward":
            hood = self._neighbourhood()
            aliases = f" (formerly {join_names(self.area.aliases)})" if self.area.aliases else ""
            lines[-1] += (f" Ward code {self.area.code}{aliases}"
                          + (f"; part of the {hood.name} neighbourhood." if hood else "."))
        if self.area.type == "neighbourhood":
            wards = [w.name for w in list_areas("ward") if w.code in self.area.wards]
            lines[-1] += f" The neighbourhood is made of the wards {join_names(wards)}."
        if self.uses_provisional_neighbourhoods:
            lines += ["", "> **Provisional neighbourhoods.** The partnership's agreed "
                      "ward-to-neighbourhood list is not yet published; the neighbourhoods used "
                      "here group the wards by a geographic rule (see *About this profile*)."]
        _md("\n".join(lines))

    def facts(self) -> list[Fact]:
        """Return the key Census shares of the area against its main comparator."""
        result = []
        for phrase, table_id, categories in KEY_SHARES:
            method = self.profile.composition(table_id).attrs["methods"].get(self.area.name)
            if method is None or method.startswith("sum of MSOAs"):
                continue  # too rough to headline, or not available
            shares = self.profile.share(table_id, categories).set_index("geography")["percent"]
            if self.comparator in shares:
                result.append(Fact(phrase, self.area.name, shares[self.area.name],
                                   self.comparator, shares[self.comparator]))
        return result

    def summary(self) -> None:
        """Show what stands out: population, deprivation, the most distinctive shares."""
        residents = self.profile.population().set_index("geography")["residents"]
        deciles = self.profile.imd_deciles().query("edition == 'IoD 2025' and decile <= 2")
        most_deprived = deciles.groupby("geography", sort=False)["percent"].sum()
        lines = ["## What stands out", "",
                 f"- **{residents[self.area.name]:,} people** lived in {self.area.name} at the "
                 "2021 Census"
                 + ("." if self.profile.is_borough else
                    f", {residents[self.area.name] / residents[self.borough.name]:.1%} of the "
                    "borough's residents."),
                 f"- **{percent(most_deprived[self.area.name], 0)}** of its small areas "
                 "(LSOAs) are among the 20% most deprived in England (IoD 2025)"
                 + ("." if self.profile.is_borough else
                    f", against {percent(most_deprived[self.borough.name], 0)} across "
                    f"{self.borough.name}.")]
        for fact in standout_facts(self.facts()):
            lines.append(f"- {fact_sentence(fact)}")
        crime = self.profile.crime_by_category()
        rates = crime.groupby("geography", sort=False)["value"].sum()
        lines.append(f"- **{rates[self.area.name]:.0f} offences per 1,000 residents** were "
                     f"recorded in the last 12 months ({crime.attrs['period']}), against "
                     f"{rates[self.comparator]:.0f} in {self.comparator}.")
        _md("\n".join(lines))

    def locator(self) -> None:
        """Map the area within the borough (the borough within London)."""
        if self.profile.is_borough:
            layer = boundaries("london_borough").rename(columns={"LAD22CD": "ward_code"})
            layer["label"] = ""
            subtitle = "The 33 London local authorities"
        else:
            layer = boundaries("ward")
            layer["label"] = layer["ward_name_current_ons"].str.replace(" & ", " &\n")
            subtitle = f"The 20 wards of {self.borough.name} (May 2014 boundaries, current codes)"
        title = f"Where {self.area.name} is"
        fig = charts.locator_map(layer, list(self.area.wards) or [self.area.code], title,
                                 subtitle, data.source_line("boundaries"),
                                 labels=not self.profile.is_borough)
        charts.show_figure(fig, f"Map. {title}: {subtitle}, with {self.area.name} shaded "
                                "and hatched.")

    def population(self) -> None:
        """Table of residents with comparators, and the age chart."""
        table = self.profile.population()
        table["residents"] = table["residents"].map("{:,}".format)
        show_table(table.rename(columns={"geography": "Area", "residents": "Usual residents"}),
                   f"Usual residents, {join_names(list(table['geography']))}, Census 2021",
                   data.source_line(CENSUS))
        self._compare_chart("ts007a")

    def ethnicity(self) -> None:
        self._compare_chart("ts021")

    def country_of_birth(self) -> None:
        self._compare_chart("ts004")

    def language(self) -> None:
        self._compare_chart("ts029")

    def religion(self) -> None:
        self._compare_chart("ts030")

    def deprivation_map(self) -> None:
        lsoas, outline = self.profile.deprivation_map_data()
        most = int((lsoas["decile"] <= 2).sum())
        title = (f"{most} of {len(lsoas)} small areas in {self.area.name} are among the 20% "
                 "most deprived in England")
        subtitle = ("Index of Multiple Deprivation 2025 national decile of each LSOA (2021) "
                    f"given to {self.area.name} by best fit; the orange line is the "
                    f"{self.area.type} boundary")
        fig = charts.decile_map(lsoas, outline, title, subtitle, data.source_line("iod2025",
                                                                                  "boundaries"))
        counts = lsoas["decile"].astype(int).value_counts().sort_index()
        alt = (f"Map. {title}. {subtitle}. Number of LSOAs by decile: "
               + ", ".join(f"decile {d}: {n}" for d, n in counts.items()) + ".")
        charts.show_figure(fig, alt)

    def deprivation_table(self) -> None:
        table = self.profile.imd_deciles()
        table = table.assign(band=pd.cut(table["decile"], [0, 2, 5, 10],
                                         labels=["Deciles 1-2 (most deprived 20%)", "Deciles 3-5",
                                                 "Deciles 6-10 (least deprived half)"]))
        summary = table.groupby(["edition", "geography", "band"], sort=False,
                                observed=True)["percent"].sum().unstack("band")
        summary = summary.map(lambda v: percent(v, 0)).reset_index()
        summary.columns = ["Edition", "Area", *summary.columns[2:]]
        show_table(summary, "Share of LSOAs by national IMD decile band; England is 20%, 30% and "
                   "50% by construction", data.source_line("iod2025", "iod2019"))

    def income_deprivation(self) -> None:
        frame = self.profile.income_deprivation()
        title = "Income deprivation among children and older people"
        subtitle = ("Percentage living in income-deprived households, IoD 2019 (population-"
                    f"weighted LSOA scores), {join_names(list(dict.fromkeys(frame['geography'])))}")
        fig = charts.compare_bars(frame, title, subtitle, data.source_line("iod2019"),
                                  value="value")
        charts.show_figure(fig, self._alt(frame, title, subtitle, value="value"))

    def household_deprivation(self) -> None:
        self._compare_chart("ts011")

    def children(self) -> None:
        bands = ["0-4", "5-9", "10-14", "15-19", "20-24"]
        self._compare_chart("ts007a", categories=bands,
                            title=f"Children and young people aged 0 to 24 in {self.area.name}")

    def jobs(self) -> None:
        self._compare_chart("ts066")

    def qualifications(self) -> None:
        self._compare_chart("ts067")

    def tenure(self) -> None:
        self._compare_chart("ts054")

    def overcrowding(self) -> None:
        self._compare_chart("ts052")

    def crime_trend(self) -> None:
        frame = self.profile.crime_monthly()
        title = f"Recorded crime by month in {self.area.name}"
        subtitle = ("Offences per 1,000 residents (Census 2021), "
                    f"{join_names(list(dict.fromkeys(frame['geography'])))}, April 2024 to "
                    "March 2026")
        fig = charts.trend_chart(frame, title=title, subtitle=subtitle,
                                 source=data.source_line("mps_crime"),
                                 ylabel="Offences per 1,000 residents",
                                 note="London: the Metropolitan Police area.")
        means = frame.groupby("geography", sort=False)["value"].agg(["mean", "min", "max"])
        alt = (f"Line chart. {title}. {subtitle}. Monthly average, lowest and highest: "
               + "; ".join(f"{g} {r['mean']:.1f} ({r['min']:.1f} to {r['max']:.1f})"
                           for g, r in means.iterrows()) + ".")
        charts.show_figure(fig, alt)

    def crime_categories(self) -> None:
        frame = self.profile.crime_by_category()
        top = frame[frame["category"].isin(frame["category"].unique()[:8])]
        title = f"Recorded crime by type in {self.area.name}, last 12 months"
        subtitle = (f"Offences per 1,000 residents, eight largest categories, "
                    f"{frame.attrs['period']}")
        fig = charts.compare_bars(top, title, subtitle, data.source_line("mps_crime"),
                                  value="value", unit="", note="London: the Metropolitan "
                                  "Police area.")
        charts.show_figure(fig, self._alt(top, title, subtitle, value="value", unit=""))

    def general_health(self) -> None:
        self._compare_chart("ts037")

    def disability(self) -> None:
        self._compare_chart("ts038")

    def air_quality(self) -> None:
        frame = self.profile.air_quality()
        title = f"Modelled air pollution where people live in {self.area.name}"
        subtitle = ("Annual mean concentration, µg/m³, weighted by residents, London "
                    "Atmospheric Emissions Inventory 2019")
        fig = charts.compare_bars(frame, title, subtitle, data.source_line("laei2019"),
                                  value="value", unit="")
        charts.show_figure(fig, self._alt(frame, title, subtitle, value="value", unit=" µg/m³"))

    def transport(self) -> None:
        frame = self.profile.transport_access()
        frame["ptai"] = frame["ptai"].map("{:.1f}".format)
        frame["ptal"] = frame["ptal"].fillna("not published")
        show_table(frame.rename(columns={"geography": "Area", "ptai": "Average access index",
                                         "ptal": "Access level (PTAL)"}),
                   "Public transport access, TfL 2015 (higher is better; PTAL runs 0 to 6b)",
                   data.source_line("ptal2015"))

    def indicators(self) -> None:
        """The catalogue's indicators for the area: a spine chart and a table with symbols."""

        summary = self.profile.indicator_summary()
        if summary.empty:
            return
        comparator = summary["comparator_name"].iloc[0]
        spine = summary.dropna(subset=["minimum"])
        if len(spine) >= 3:
            title = f"How {self.area.name} compares on the partnership's indicators"
            subtitle = (f"{self.area.name} (marker) against {comparator} (centre line) and "
                        "the range of the 20 wards (bar; darker: middle half), latest periods")
            fig = charts.spine_chart(spine, title=title, subtitle=subtitle,
                                     source="Sources: see the table below and the catalogue",
                                     area_name=self.area.name, comparator_name=comparator)
            alt = (f"Spine chart. {title}. {subtitle}. "
                   + "; ".join(f"{r.title}: {format_value(r.value, r.unit, r.decimals)}, "
                               f"{r.significance}" for r in spine.itertuples()) + ".")
            charts.show_figure(fig, alt)
        table = pd.DataFrame({
            "Indicator": summary["title"],
            "Period": summary["period"],
            self.area.name: [format_value(r.value, r.unit, r.decimals)
                             for r in summary.itertuples()],
            comparator: [format_value(r.comparator, r.unit, r.decimals)
                         for r in summary.itertuples()],
            "Compared with " + comparator: summary["significance"].map(SYMBOLS),
        })
        show_table(table, f"Indicators for {self.area.name} against {comparator}: ▲ better, "
                   "▼ worse, ● similar (95% confidence), △ higher, ▽ lower (no judgement), "
                   "○ not compared (no interval)", "Sources: thlib indicator catalogue; "
                   "see each indicator's definition and source")

    def about(self) -> None:
        """Methods, sources, caveats and the attribution statement."""
        wards = list_areas("ward")
        renamed = [f"{join_names(w.aliases)} is now {w.name}" for w in wards if w.aliases]
        lines = ["## About this profile", "",
                 f"**Geography.** Wards are the {len(wards)} wards of May 2014 (codes "
                 f"{wards[0].code} to {wards[-1].code}, still current; ONS has since renamed "
                 f"{len(renamed)}: {join_names(renamed)}). Figures published for small areas "
                 "(LSOAs, MSOAs) are given to wards by best fit, which is approximate."]
        if not self.profile.is_borough:
            error = self.profile.bestfit_error()
            worst = error.loc[error["percent_difference"].abs().idxmax()]
            every = self.profile.bestfit_error(every_ward=True).sort_values("percent_difference")
            low, high = every.iloc[0], every.iloc[-1]
            lines.append(
                f"Measured on Census 2021 usual residents, where true ward counts exist "
                f"(TS022), the best-fit sum for {join_names(list(error['name']))} is off by "
                + ", ".join(f"{r.percent_difference:+.1f}%" for r in error.itertuples())
                + (f" (largest: {worst['name']})" if len(error) > 1 else "")
                + f". Across the {len(every)} wards the error runs "
                f"from {low.percent_difference:+.1f}% ({low['name']}) to "
                f"{high.percent_difference:+.1f}% ({high['name']}): read LSOA-based ward "
                "figures as approximate.")
        if self.uses_provisional_neighbourhoods:
            lines += ["", "**Provisional neighbourhoods.** The four default neighbourhoods "
                      "group the wards by a reproducible rule: the ten wards with the most "
                      "northerly centroids form the north, the rest the south; within each "
                      "half the five most westerly form the west. They will be replaced by "
                      "the partnership's agreed list."]
        lines += ["", "**Comparisons.** Differences called out in *What stands out* are at "
                  "least 3 percentage points, ordered by their size relative to the "
                  "comparator; Census 2021 figures are complete counts, perturbed slightly by "
                  "ONS disclosure control.",
                  "", "**Crime.** Rates use residents as the denominator, so places that draw "
                  "many visitors or workers (town centres, business districts) show high "
                  "rates per resident for that reason. The Metropolitan Police area "
                  "excludes the City of London but is compared with all London residents.",
                  "", "**Deprivation.** IoD 2025 (LSOA 2021) and IoD 2019 (LSOA 2011) ranks "
                  "and deciles are not comparable between editions.",
                  "", "**Sources and licence.** " + data.attribution()]
        _md("\n".join(lines))
