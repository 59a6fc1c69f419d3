"""The Tower Hamlets Plan annual report as the notebook shows it, section by section.

Data sections are computed (:mod:`thlib.annual.measures`); the partnership's words are
merged from Markdown files (:mod:`thlib.annual.commentary`).
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from thlib import charts, data
from thlib.annual import measures
from thlib.annual.commentary import load_commentary
from thlib.errors import ParameterError
from thlib.geography import boundaries
from thlib.indicators import get_framework, get_indicator
from thlib.narrative import comparison_sentence, format_value
from thlib.tables import html_table

STAGES = ("draft", "final")


def _show_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def _show_md(text: str) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text))


def _heading(level: int, text: str, anchor: str) -> None:
    # Explicit ids give the contents page stable targets for its page numbers.
    _show_html(f'<h{level} id="{anchor}">{html.escape(text)}</h{level}>')


class AnnualReport:
    """Display the annual report for one year.

    Parameters
    ----------
    year : int
        The reporting year (the report covers the latest data published by then).
    framework, strategy : str
        Framework ids (or YAML paths): the plan, and the Children and Families Strategy.
    commentary : path-like
        The year's folder of Markdown commentary, one file per section.
    stage : {"draft", "final"}
        A final build refuses missing or example commentary.
    output_dir : path-like, optional
        Where the data appendix CSV is written (the build supplies it).
    """

    def __init__(self, year: int, framework: str, strategy: str, commentary: str | Path,
                 stage: str = "draft", output_dir: str | Path | None = None):
        if stage not in STAGES:
            raise ParameterError(f"stage is {stage!r}; use 'draft' or 'final'")
        self.year = year
        self.plan = get_framework(framework)
        self.strategy = get_framework(strategy)
        self.stage = stage
        self.output_dir = Path(output_dir) if output_dir else None
        folder = Path(commentary)
        if not folder.is_absolute():
            folder = data.data_dir().parent / folder
        self.commentary = load_commentary(folder, self.sections(), final=stage == "final")
        self.csv_name = f"annual-report-{year}-data.csv"

    def sections(self) -> list[str]:
        """The commentary sections the report needs, one Markdown file each."""
        return ["foreword", "introduction", *(f"theme-{t['id']}" for t in self.plan.themes),
                "children-families-strategy"]

    # -- front matter --------------------------------------------------------------------

    def title(self) -> None:
        draft = ('<p class="draft-banner"><strong>Draft.</strong> Not for publication: '
                 "commentary marked as example or missing is shown as such.</p>"
                 if self.stage == "draft" else "")
        _show_html(f'<h1 id="top">{html.escape(self.plan.title)}: annual report {self.year}'
                   f"</h1><p class=\"lead\">Tower Hamlets Partnership. Objective: "
                   f"<strong>{html.escape(self.plan.objective)}</strong>.</p>{draft}")

    def contents(self) -> None:
        """A contents list whose entries get page numbers in the PDF."""
        entries = [("foreword", "Foreword"), ("introduction", "Introduction"),
                   ("partnership", "The partnership"),
                   ("at-a-glance", "Outcomes and measures at a glance")]
        entries += [(f"theme-{t['id']}", t["title"]) for t in self.plan.themes]
        entries += [("children-families", self.strategy.title),
                    ("appendix", "Data appendix"), ("methods", "Methods, sources and caveats"),
                    ("accessibility", "Accessibility statement")]
        items = "".join(f'<li><a href="#{a}">{html.escape(t)}</a></li>' for a, t in entries)
        _show_html(f'<nav class="toc" aria-labelledby="contents"><h2 id="contents">Contents'
                   f"</h2><ol>{items}</ol></nav>")

    def section_commentary(self, section: str, title: str, anchor: str) -> None:
        _heading(2, title, anchor)
        _show_md(self.commentary[section].markdown)

    def partnership(self) -> None:
        """The partnership and its Partnership Executive Group, listed from data."""
        spec = data.read_yaml(data.data_dir() / "partnership.yml")
        _heading(2, "The partnership", "partnership")
        rows = pd.DataFrame([(p["name"], p["sector"]) for p in spec["partners"]],
                            columns=["Partner", "Sector"])
        _show_md(f"The {spec['name']} is the borough's {spec['kind']}. It is steered by its "
                 f"{spec['steered_by']} and works to the {self.plan.title}, whose one "
                 f"objective is *{self.plan.objective.lower()}*, through "
                 f"{len(self.plan.themes)} themes.")
        _show_html(html_table(rows, f"Partners of the {spec['name']}"))

    # -- measures ------------------------------------------------------------------------

    def at_a_glance(self) -> None:
        """One table of every measure: value, comparisons, trend, change, target."""
        _heading(2, "Outcomes and measures at a glance", "at-a-glance")
        _show_md(
            "Each measure is Tower Hamlets' latest published value. Against London and "
            "England: ▲ better, ▼ worse or ● similar where the measure has a direction, △ "
            "higher or ▽ lower where it does not, ○ not compared where no confidence interval "
            "is published; differences are tested at 95% confidence by the Fingertips method.")
        table = measures.at_a_glance(self.plan)
        for theme, rows in table.groupby("theme", sort=False):
            shown = rows[["title", "period", "value_text", "london", "england", "trend",
                          "travel", "target"]]
            shown.columns = ["Measure", "Period", "Tower Hamlets", "London", "England",
                             "Recent trend", "Change", "Target"]
            _show_html(html_table(shown, theme, source="Sources: see the data appendix",
                                  dense=True))

    def _sentences(self, indicator_id: str) -> list[str]:
        indicator = get_indicator(indicator_id)
        sentences = []
        for benchmark in ("london", "england"):
            frame = measures._compare(indicator_id, benchmark)
            borough = frame.query("area_type == 'borough'")
            base = frame[frame["area_type"] == benchmark]
            if borough.empty or base.empty:
                continue
            row = borough.iloc[0]
            sentences.append(comparison_sentence(
                indicator.label, "Tower Hamlets",
                format_value(row["value"], indicator.unit, indicator.decimals),
                base["name"].iloc[0],
                format_value(base["value"].iloc[0], indicator.unit, indicator.decimals),
                row["comparison"], higher=row["value"] > base["value"].iloc[0],
                confidence=indicator.confidence))
        return sentences

    def _ward_chart(self, indicator_id: str) -> bool:
        indicator = get_indicator(indicator_id)
        frame = measures._compare(indicator_id, "borough")
        wards = frame[frame["area_type"].isin(["ward", "borough", "london", "england"])]
        if (wards["area_type"] == "ward").sum() < 2:
            return False
        chart_frame = pd.DataFrame({
            "area": wards["name"], "value": wards["value"], "lower": wards["lower"],
            "upper": wards["upper"], "significance": wards["comparison"],
            "is_comparator": wards["area_type"] != "ward"})
        title = f"{indicator.label}: how the borough's wards differ"
        subtitle = (f"{indicator.title}, {indicator.unit}, wards of Tower Hamlets with "
                    f"95% confidence intervals, {wards['period'].iloc[0]}")
        source = f"Source: {indicator.source['publisher']}, {indicator.source['dataset']} " \
                 f"({indicator.source['licence']})"
        fig = charts.compare_areas(chart_frame, title=title, subtitle=subtitle, source=source)
        ordered = chart_frame[~chart_frame["is_comparator"]].sort_values("value")
        borough = wards.loc[wards["area_type"] == "borough", "value"].iloc[0]
        alt = (f"Bar chart. {title}. {subtitle}. Lowest: {ordered['area'].iloc[0]} "
               f"{format_value(ordered['value'].iloc[0], indicator.unit)}; highest: "
               f"{ordered['area'].iloc[-1]} "
               f"{format_value(ordered['value'].iloc[-1], indicator.unit)}; Tower Hamlets "
               f"{format_value(borough, indicator.unit)}.")
        charts.show_figure(fig, alt)
        return True

    def _ward_map(self, indicator_id: str) -> None:
        indicator = get_indicator(indicator_id)
        frame = measures.values(indicator_id).query("area_type == 'ward'")
        wards = boundaries("ward").merge(frame[["code", "value"]], left_on="ward_code",
                                         right_on="code")
        title = f"Where {indicator.label.lower()} is highest and lowest"
        subtitle = f"{indicator.title}, {indicator.unit}, by ward, {frame['period'].iloc[0]}"
        source = f"Source: {indicator.source['publisher']} ({indicator.source['licence']}); " \
                 "ward boundaries: ONS, GLA (contains OS data)"
        fig = charts.choropleth(wards, "value", title=title, subtitle=subtitle, source=source)
        top = frame.sort_values("value")
        alt = (f"Map. {title}. {subtitle}. Highest: {top['name'].iloc[-1]}; lowest: "
               f"{top['name'].iloc[0]}.")
        charts.show_figure(fig, alt)

    def theme(self, theme_id: str) -> None:
        """One plan theme: why it matters, its measures, inequalities, words."""
        theme = next((t for t in self.plan.themes if t["id"] == theme_id), None)
        if theme is None:
            raise ParameterError(f"no theme {theme_id!r} in {self.plan.title}; themes: "
                                 + ", ".join(t["id"] for t in self.plan.themes))
        _heading(2, theme["title"], f"theme-{theme_id}")
        if theme.get("why"):
            _show_md(f"**Why it matters.** {theme['why']}")
        ids = [i for o in theme["outcomes"] for i in o["indicators"]]
        _heading(3, "What the data says", f"theme-{theme_id}-data")
        lines = [f"- {s}" for i in ids for s in self._sentences(i)]
        _show_md("\n".join(lines) if lines else "No measure of this theme has a comparator.")
        _heading(3, "Inequalities across the borough", f"theme-{theme_id}-inequalities")
        # Ward charts for the first two measures published by ward as rates or proportions
        # of people (shares of a handful of LSOAs per ward say little about a ward).
        charted = [i for i in ids if "ward" in get_indicator(i).geographies
                   and get_indicator(i).recipe["type"] != "iod_lsoa_share"][:2]
        for indicator_id in charted:
            self._ward_chart(indicator_id)
        if charted:
            self._ward_map(charted[0])
        else:
            _show_md("The measures of this theme are published for the borough only.")
        _heading(3, "The partnership's account", f"theme-{theme_id}-commentary")
        _show_md(self.commentary[f"theme-{theme_id}"].markdown)

    def children_and_families(self) -> None:
        """The Children and Families Strategy priorities with their measures."""
        _heading(2, self.strategy.title, "children-families")
        for priority in self.strategy.themes:
            _heading(3, priority["title"], f"cfs-{priority['id']}")
            ids = [i for o in priority["outcomes"] for i in o["indicators"]]
            lines = [f"- {s}" for i in ids for s in self._sentences(i)]
            _show_md("\n".join(lines))
        _show_md(self.commentary["children-families-strategy"].markdown)

    # -- back matter ---------------------------------------------------------------------

    def appendix(self) -> None:
        """Write the data appendix CSV (when the build gives an output folder) and link it."""
        table = measures.appendix(self.plan)
        _heading(2, "Data appendix", "appendix")
        if self.output_dir is not None:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            table.to_csv(self.output_dir / self.csv_name, index=False)
        _show_md(
            f"Every measure for every area it is published for ({len(table):,} rows: value, "
            "95% confidence interval, comparator, significance, recent trend, source and "
            f"licence) is in the CSV file [{self.csv_name}]({self.csv_name}) published with "
            "this report.")

    def methods(self) -> None:
        _heading(2, "Methods, sources and caveats", "methods")
        caveats = sorted({c for i in self.plan.indicators() for c in get_indicator(i).caveats})
        _show_md("\n".join([
            "**Statistics.** Proportions carry Wilson score 95% confidence intervals and rates "
            "Byar's intervals (exact Poisson below 10 events), as in PHEindicatormethods. An "
            "area is significantly different from a comparator when the comparator's value "
            "lies outside the area's interval (Fingertips). The recent trend is the Fingertips "
            "chi-squared test for trend over the last five periods at 99.8% confidence. Values "
            "published without an interval are shown but not compared.",
            "",
            "**Geography.** Ward and neighbourhood values built from small areas (LSOAs) are a "
            "best fit and approximate. The neighbourhoods are provisional.",
            "",
            "**Caveats.**", "", *(f"- {c}" for c in caveats), "",
            "**Sources and licence.** " + data.attribution()]))

    def accessibility(self) -> None:
        _heading(2, "Accessibility statement", "accessibility")
        _show_md(
            "This report is published as HTML meeting WCAG 2.2 AA and as a tagged PDF "
            "(PDF/UA-1) with bookmarks. Every chart has a title, a subtitle, a source and a "
            "text alternative; significance is shown by symbol and word as well as colour. "
            "The data behind every chart are in the CSV data appendix. To ask for another "
            "format, contact the Tower Hamlets Partnership strategy team.")
