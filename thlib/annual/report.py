"""The Tower Hamlets Plan annual report as the notebook shows it, section by section.

Data sections are computed (:mod:`thlib.annual.measures`, numbers and labels); this
module writes them with the vocabulary (:mod:`thlib.presentation.vocabulary`) and the display helper
(:mod:`thlib.presentation.formatting`); fixed prose is in ``thlib/templates/prose/annual``
(:mod:`thlib.presentation.prose`); the partnership's words are merged from Markdown files
(:mod:`thlib.annual.commentary`).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from thlib import data
from thlib.annual import measures
from thlib.annual.commentary import load_commentary
from thlib.data.partnership import contact, partnership
from thlib.errors import ParameterError
from thlib.geography import boundaries, list_areas
from thlib.indicators import (
    TREND_CONFIDENCE,
    TREND_POINTS,
    Framework,
    get_framework,
    get_indicator,
    summary,
)
from thlib.indicators.freshness import STALE_AFTER_YEARS
from thlib.indicators.progress import CHANGE_CONFIDENCE
from thlib.presentation import charts, formatting, narrative, prose, vocabulary
from thlib.presentation.chartdata import ChartData
from thlib.presentation.display import Shown, ShownParts, show_html, show_markdown
from thlib.presentation.measure_view import (
    comparison_sentences,
    indicator_credit,
    measure_chart,
    measure_text,
    neighbours_chart,
)
from thlib.presentation.narrative import bar_chart_alt_extremes
from thlib.presentation.spreadsheet import csv_bytes
from thlib.presentation.tables import html_table
from thlib.publish.outputs import atomic_write

STAGES = ("draft", "final")


def _heading(level: int, text: str, anchor: str) -> Shown:
    # Explicit ids give the contents page stable targets for its page numbers.
    return show_html(f'<h{level} id="{anchor}">{html.escape(text)}</h{level}>')


def glance_text(row: pd.Series | dict[str, Any]) -> dict[str, str]:
    """Write one row of :func:`thlib.annual.at_a_glance` as the report's table shows it.

    Parameters
    ----------
    row : pandas.Series or dict
        A row of :func:`thlib.annual.at_a_glance` (numbers and labels).

    Returns
    -------
    dict
        ``period`` (marked when out of date), ``value``, ``london``, ``england``,
        ``rank`` (among the London boroughs), ``neighbours`` (their mean), ``trend``,
        ``change`` and ``target``, as text with the vocabulary's symbols and words.

    Raises
    ------
    DataError
        If a label is not in the vocabulary.

    Examples
    --------
    >>> row = {"period": "2021", "out_of_date": True, "value": 15.94, "unit": "%",
    ...        "decimals": 1, "london_value": 11.12,
    ...        "london_significance": "worse", "england_value": float("nan"),
    ...        "england_significance": None, "trend": "decreasing and getting better",
    ...        "trend_from": "2019", "trend_to": "2023", "change": "no earlier period",
    ...        "change_from": None, "target_status": "met", "target_value": 12,
    ...        "target_by": 2030, "london_rank": 3, "london_boroughs_ranked": 32,
    ...        "london_quartile": 1, "neighbours_mean": 13.04}
    >>> text = glance_text(row)
    >>> text["period"], text["london"], text["england"], text["rank"], text["neighbours"]
    ('2021 (out of date)', '11.1% (▼ worse)', 'not available', '3rd of 32 (Q1)', '13.0%')
    >>> text["trend"], text["change"], text["target"]
    ('decreasing and getting better (2019 to 2023)', 'no earlier comparable period', '✓ met: target 12.0% by 2030')
    """  # noqa: E501
    stale = vocabulary.OUT_OF_DATE.text
    shown = {"period": f"{row['period']} ({stale})" if row["out_of_date"] else row["period"],
             "value": (str(row["suppression"]) if formatting.is_missing(row["value"])
                       and not formatting.is_missing(row.get("suppression"))
                       else formatting.value(row["value"], row["unit"], row["decimals"])),
             "rank": formatting.rank(row["london_rank"], row["london_boroughs_ranked"],
                                     row["london_quartile"], tied=row.get("london_rank_tied"),
                                     quartile_span=row.get("london_quartile_span")),
             "neighbours": (formatting.NOT_AVAILABLE
                            if formatting.is_missing(row["neighbours_mean"]) else
                            formatting.value(row["neighbours_mean"], row["unit"],
                                             row["decimals"]))}
    for benchmark in ("london", "england"):
        label = row[f"{benchmark}_significance"]
        shown[benchmark] = (
            formatting.NOT_AVAILABLE if formatting.is_missing(label) else
            f"{formatting.value(row[f'{benchmark}_value'], row['unit'], row['decimals'])} "
            f"({vocabulary.significance(label).text})")
    trend = vocabulary.trend(row["trend"]).text
    if not formatting.is_missing(row["trend_from"]):
        span = formatting.span(row["trend_from"], row["trend_to"])
        if row["trend"] in ("up", "down"):
            size = formatting.size(row["trend_difference"], row["unit"], row["decimals"])
            trend = f"{row['trend']} {size} ({span}, not tested)"
        else:
            trend = f"{trend} ({span})"
    elif not formatting.is_missing(row.get("trend_reason")):
        trend = f"{trend}: {row['trend_reason']}"
    shown["trend"] = trend
    shown["change"] = narrative.change_phrase(row, row["unit"], row["decimals"])
    status = vocabulary.target(row["target_status"])
    goal = (f"target {formatting.value(row['target_value'], row['unit'], row['decimals'])} "
            f"by {row['target_by']}")
    shown["target"] = (status.text if row["target_status"] == "none set" else
                       goal if row["target_status"] == "no judgement" else
                       f"{status.text}: {goal}")
    return shown


def what_changed(rows: pd.DataFrame) -> str:
    """Write what improved, what worsened and how the rest moved among some measures (Markdown).

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of :func:`thlib.annual.at_a_glance` (columns ``title``, ``unit``, ``decimals``
        and those of :func:`thlib.indicators.progress.direction_of_travel` and ``trend``);
        each is judged by :func:`thlib.indicators.summary.progress`.

    Returns
    -------
    str
        The list from ``prose/annual/what_changed.md.j2``: the measures improved and
        worsened by name, how many did not change significantly, the measures whose change
        is described without a judgement (with it), and how many have nothing to compare.

    Examples
    --------
    >>> rows = pd.DataFrame({"title": ["Employment", "Pay", "Obesity", "Claimants"],
    ...                      "unit": ["%", "£", "%", "%"], "decimals": [1, 0, 1, 1],
    ...                      "change": ["worse", "similar", "no earlier period", "up"],
    ...                      "change_from": ["2022", "2024", None, "2024"],
    ...                      "change_difference": [-2.0, 3.0, None, 1.84],
    ...                      "trend": ["no significant change", "too few periods",
    ...                                "too few periods", "up"]})
    >>> print(what_changed(rows))  # doctest: +ELLIPSIS
    **What changed.** ...
    <BLANKLINE>
    - **Improved:** none
    - **Worsened:** Employment
    - **No significant change:** 1 measure
    - **Changed, not judged better or worse:** Claimants: up 1.8 points since 2024 (not tested)
    - **Nothing to compare:** 1 measure (...)
    """
    labels = summary.progress(rows)
    described = [f"{row['title']}: {narrative.change_phrase(row, row['unit'], row['decimals'])}"
                 for _, row in rows[labels == "described"].iterrows()]
    return prose.render("prose/annual/what_changed.md.j2",
                        improved=list(rows.loc[labels == "better", "title"]),
                        worsened=list(rows.loc[labels == "worse", "title"]),
                        similar=int((labels == "similar").sum()), described=described,
                        untested=int((labels == "not compared").sum()))


def _confidences(framework: Framework) -> list[float]:
    return [get_indicator(i).confidence for i in framework.indicators()]


class AnnualReport:
    """Display the annual report for one year, section by section.

    Each section displays its piece in the notebook and returns what it displayed (the
    HTML or Markdown, the Figures).

    Parameters
    ----------
    year : int
        The reporting year (the report covers the latest data published by then).
    framework, strategy : str
        Framework ids (or YAML paths): the plan, and the Children and Families Strategy.
    commentary : path-like
        The year's folder of Markdown commentary, one file per section; a relative path
        is taken inside the data folder (:func:`thlib.data.data_dir`), so another data
        folder brings its own commentary.
    stage : {"draft", "final"}
        A final build refuses missing or example commentary.
    output_dir : path-like, optional
        Where the data appendix CSV is written (the build supplies it).
    stale_after_years : int, default :data:`thlib.indicators.freshness.STALE_AFTER_YEARS`
        A value whose period ends more than this many years before ``year`` is shown as out
        of date.

    Raises
    ------
    ParameterError
        If ``stage`` is not allowed, or (final stage) commentary is missing or example.

    Examples
    --------
    >>> report = AnnualReport(2025, "tower-hamlets-plan-2018-2023",
    ...                       "children-families-strategy-2019-2024",
    ...                       "commentary/annual-report/2025")
    >>> report.sections()[:2]
    ['foreword', 'introduction']
    """

    def __init__(self, year: int, framework: str, strategy: str, commentary: str | Path,
                 stage: str = "draft", output_dir: str | Path | None = None,
                 stale_after_years: int = STALE_AFTER_YEARS):
        if stage not in STAGES:
            raise ParameterError(f"stage is {stage!r}; use 'draft' or 'final'")
        if isinstance(stale_after_years, bool) or not isinstance(stale_after_years, int) \
                or stale_after_years < 0:
            raise ParameterError(f"stale_after_years is {stale_after_years!r}; give a whole "
                                 "number of years, 0 or more (default 3)")
        self.year = year
        self.stale_after_years = stale_after_years
        self.plan = get_framework(framework)
        self.strategy = get_framework(strategy)
        self.stage = stage
        self.output_dir = Path(output_dir) if output_dir else None
        folder = Path(commentary)
        if not folder.is_absolute():
            folder = data.data_dir() / folder
        self.commentary = load_commentary(folder, self.sections(), final=stage == "final")
        self.csv_name = f"annual-report-{year}-data.csv"
        self._glance_cache: dict[str, pd.DataFrame] = {}

    def sections(self) -> list[str]:
        """Return the commentary sections the report needs, one Markdown file each.

        Returns
        -------
        list of str
        """
        return ["foreword", "introduction", *(f"theme-{t['id']}" for t in self.plan.themes),
                "children-families-strategy"]

    # -- front matter --------------------------------------------------------------------

    def title(self) -> Shown:
        """Show the title, the partnership's objective and, for a draft, the draft banner."""
        return show_html(prose.render("prose/annual/title.html.j2", title=self.plan.title,
                                      year=self.year, objective=self.plan.objective,
                                      draft=self.stage == "draft"))

    def contents(self) -> Shown:
        """Show a contents list whose entries get page numbers in the PDF."""
        entries = [("foreword", "Foreword"), ("introduction", "Introduction"),
                   ("partnership", "The partnership"),
                   ("at-a-glance", "Outcomes and measures at a glance")]
        entries += [(f"theme-{t['id']}", t["title"]) for t in self.plan.themes]
        entries += [("children-families", self.strategy.title),
                    ("appendix", "Data appendix"), ("methods", "Methods, sources and caveats"),
                    ("accessibility", "Accessibility statement")]
        return show_html(prose.render("prose/annual/contents.html.j2", entries=entries))

    def section_commentary(self, section: str, title: str, anchor: str) -> Shown:
        """Show one section of the partnership's commentary under a heading."""
        _heading(2, title, anchor)
        return show_html(self.commentary[section].html)

    def partnership(self) -> ShownParts:
        """Show the partnership and its partners, listed from data.

        Returns
        -------
        ShownParts
            The paragraph (Markdown) and the table of partners (HTML).
        """
        spec = partnership()
        _heading(2, "The partnership", "partnership")
        rows = pd.DataFrame([(p["name"], p["sector"]) for p in spec["partners"]],
                            columns=["Partner", "Sector"])
        paragraph = show_markdown(prose.render(
            "prose/annual/partnership.md.j2", name=spec["name"], kind=spec["kind"],
            steered_by=spec["steered_by"], plan=self.plan.title,
            objective=self.plan.objective.lower(), themes=len(self.plan.themes)))
        return ShownParts([paragraph,
                           show_html(html_table(rows, f"Partners of the {spec['name']}"))])

    # -- measures ------------------------------------------------------------------------

    def at_a_glance(self) -> ShownParts:
        """Show one table per theme of every measure: value, comparisons, trend, change, target.

        Returns
        -------
        ShownParts
            The HTML of each theme's table (not displayed again as the cell's result).
        """
        _heading(2, "Outcomes and measures at a glance", "at-a-glance")
        table = self._glance(self.plan)
        show_markdown(prose.render("prose/annual/at_a_glance.md.j2",
                                   confidences=list(table["confidence"]), year=self.year,
                                   stale_after=self.stale_after_years,
                                   out_of_date=vocabulary.OUT_OF_DATE.text))
        tables = []
        for theme, rows in table.groupby("theme", sort=False):
            words = pd.DataFrame([glance_text(row) for _, row in rows.iterrows()])
            shown = pd.DataFrame({
                "Measure": rows["title"].to_numpy(), "Period": words["period"],
                "Tower Hamlets": words["value"], "London": words["london"],
                "England": words["england"], "London rank": words["rank"],
                "Neighbours' average": words["neighbours"], "Recent trend": words["trend"],
                "Change": words["change"], "Target": words["target"]})
            tables.append(show_html(html_table(shown, str(theme),
                                               source="Sources: see the data appendix",
                                               dense=True)))
        return ShownParts(tables)

    def _glance(self, framework: Framework) -> pd.DataFrame:
        # Computed once per framework: the table, the theme sections and their blocks.
        if framework.id not in self._glance_cache:
            self._glance_cache[framework.id] = measures.at_a_glance(
                framework, self.year, self.stale_after_years)
        return self._glance_cache[framework.id]

    def _measures(self, framework: Framework, theme: dict[str, Any],
                  anchor: str) -> list[Shown | Figure]:
        """Show what changed in a theme, then each measure's block: words and trend chart."""
        table = self._glance(framework)
        ids = [i for o in theme["outcomes"] for i in o["indicators"]]
        rows = table[(table["theme"] == theme["title"]) & table["indicator"].isin(ids)]
        rows = rows.drop_duplicates("indicator")
        if rows.empty:
            return [show_markdown(prose.render("prose/annual/no_comparator.md.j2"))]
        shown: list[Shown | Figure] = [show_markdown(what_changed(rows))]
        for _, row in rows.iterrows():
            _heading(4, f"{row['title']} ({row['period']})", f"{anchor}-{row['indicator']}")
            shown.append(show_markdown(measure_text(row, comparison_sentences(row["indicator"]),
                                                    self.year, self.stale_after_years)))
            caveats = get_indicator(row["indicator"]).caveats
            if caveats:
                shown.append(show_markdown(narrative.caveats_sentence(caveats)))
            for chart in (measure_chart, neighbours_chart):
                fig = chart(row["indicator"])
                if fig is not None:
                    shown.append(fig)
        return shown

    def _ward_chart(self, indicator_id: str) -> Figure | None:
        indicator = get_indicator(indicator_id)
        frame = measures.compared(indicator_id, "borough")
        if frame is None:
            return None
        wards = frame[frame["area_type"].isin(["ward", "borough", "london", "england"])]
        if (wards["area_type"] == "ward").sum() < 2:
            return None
        chart_frame = wards.assign(is_comparator=wards["area_type"] != "ward")
        title = f"{indicator.label}: how the borough's wards differ"
        subtitle = (f"{indicator.title}, {indicator.unit}, wards of Tower Hamlets with "
                    f"{formatting.level(indicator.confidence)} confidence intervals, "
                    f"{wards['period'].iloc[0]}")
        source = f"Source: {indicator.source['publisher']}, {indicator.source['dataset']} " \
                 f"({indicator.source['licence']})"
        fig = charts.compare_areas(chart_frame, title=title, subtitle=subtitle, source=source,
                                   confidence=indicator.confidence)
        areas = chart_frame[~chart_frame["is_comparator"]]
        borough = wards.loc[wards["area_type"] == "borough"]
        alt = bar_chart_alt_extremes(title, areas["name"], areas["value"],
                                     borough["name"].iloc[0], borough["value"].iloc[0],
                                     indicator.unit, indicator.decimals)
        chart = ChartData(title, "Wards", indicator.title, indicator.unit,
                          str(wards["period"].iloc[0]), *indicator_credit(indicator_id),
                          chart_frame.rename(columns={"name": "area"})
                          [["area", "value", "lower", "upper"]], decimals=indicator.decimals)
        return charts.show_figure(fig, alt, data=chart)

    def _ward_map(self, indicator_id: str) -> Figure:
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
        alt = (f"Map. {title}, {frame['period'].iloc[0]}. Highest: {top['name'].iloc[-1]}; "
               f"lowest: {top['name'].iloc[0]}. Values in the table below.")
        chart = ChartData(title, "Wards (map)", indicator.title, indicator.unit,
                          str(frame["period"].iloc[0]), *indicator_credit(indicator_id),
                          pd.DataFrame({"area": top["name"], "value": top["value"]}),
                          decimals=indicator.decimals)
        return charts.show_figure(fig, alt, data=chart)

    def theme(self, theme_id: str) -> ShownParts:
        """Show one plan theme: why it matters, its measures, inequalities, words.

        Parameters
        ----------
        theme_id : str
            The theme's id in the plan.

        Returns
        -------
        ShownParts
            What was shown after the heading, in order: Markdown and Figures (not displayed
            again as the cell's result).

        Raises
        ------
        ParameterError
            If the plan has no such theme.
        """
        theme = next((t for t in self.plan.themes if t["id"] == theme_id), None)
        if theme is None:
            raise ParameterError(f"no theme {theme_id!r} in {self.plan.title}; themes: "
                                 + ", ".join(t["id"] for t in self.plan.themes))
        shown: list[Shown | Figure] = []
        _heading(2, theme["title"], f"theme-{theme_id}")
        if theme.get("why"):
            shown.append(show_markdown(prose.render("prose/annual/why_it_matters.md.j2",
                                                    why=theme["why"])))
        ids = [i for o in theme["outcomes"] for i in o["indicators"]]
        _heading(3, "What the data says", f"theme-{theme_id}-data")
        shown += self._measures(self.plan, theme, f"theme-{theme_id}-data")
        _heading(3, "Inequalities across the borough", f"theme-{theme_id}-inequalities")
        # Ward charts for the first two measures published by ward as rates or proportions
        # of people (shares of a handful of LSOAs per ward say little about a ward).
        charted = [i for i in ids if "ward" in get_indicator(i).geographies
                   and get_indicator(i).recipe["type"] != "iod_lsoa_share"][:2]
        for indicator_id in charted:
            fig = self._ward_chart(indicator_id)
            if fig is not None:
                shown.append(fig)
        if charted:
            shown.append(self._ward_map(charted[0]))
        else:
            shown.append(show_markdown(prose.render("prose/annual/borough_only.md.j2")))
        _heading(3, "The partnership's account", f"theme-{theme_id}-commentary")
        shown.append(show_html(self.commentary[f"theme-{theme_id}"].html))
        return ShownParts(shown)

    def children_and_families(self) -> ShownParts:
        """Show the Children and Families Strategy priorities with their measures.

        Returns
        -------
        ShownParts
            For each priority, what changed and each measure's block (Markdown and trend
            charts), then the commentary (not displayed again as the cell's result).
        """
        _heading(2, self.strategy.title, "children-families")
        shown: list[Shown | Figure] = []
        for priority in self.strategy.themes:
            _heading(3, priority["title"], f"cfs-{priority['id']}")
            shown += self._measures(self.strategy, priority, f"cfs-{priority['id']}")
        shown.append(show_html(self.commentary["children-families-strategy"].html))
        return ShownParts(shown)

    # -- back matter ---------------------------------------------------------------------

    def appendix(self) -> Shown:
        """Write the data appendix CSV (when the build gives an output folder) and link it."""
        table = measures.appendix([self.plan, self.strategy], self.year,
                                  self.stale_after_years)
        _heading(2, "Data appendix", "appendix")
        if self.output_dir is not None:
            atomic_write(self.output_dir / self.csv_name, csv_bytes(table))
        return show_markdown(prose.render("prose/annual/appendix.md.j2", rows=len(table),
                                          confidences=list(table["confidence"].dropna()),
                                          csv_name=self.csv_name))

    def methods(self) -> Shown:
        """Show the methods this build used (each with the measures it was used for), sources."""
        _heading(2, "Methods, sources and caveats", "methods")
        table = pd.concat([self._glance(self.plan), self._glance(self.strategy)])
        table = table.drop_duplicates("indicator")
        used = {kind: [(method, list(rows["title"]))
                       for method, rows in table.groupby(f"{kind}_method", sort=True)]
                for kind in ("change", "trend")}
        return show_markdown(prose.render(
            "prose/annual/methods.md.j2", confidences=_confidences(self.plan),
            trend_points=TREND_POINTS, trend_confidence=TREND_CONFIDENCE,
            change_confidence=CHANGE_CONFIDENCE, change_methods=used["change"],
            trend_methods=used["trend"], tests=int(table["change_p_value"].notna().sum()),
            provisional=any(hood.provisional for hood in list_areas("neighbourhood"))))

    def accessibility(self) -> Shown:
        """Show the accessibility statement (shared with the profiles), with its contact."""
        _heading(2, "Accessibility statement", "accessibility")
        return show_markdown(prose.render("prose/accessibility.md.j2", publication="report",
                                          data_files=[self.csv_name], contact=contact()))
