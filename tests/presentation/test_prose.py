"""Report prose from templates: values escaped, the attribution in one place."""


import pytest
from jinja2 import UndefinedError

from thlib import data
from thlib.presentation import prose

TEMPLATES = prose.TEMPLATES / "prose"


def test_markdown_values_are_escaped_so_no_markup_runs():
    text = prose.render("prose/annual/title.html.j2", title="<script>x</script>", year=2025,
                        objective="A & B", draft=False)
    assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
    assert "A &amp; B" in text and "draft-banner" not in text
    markdown = prose.render("prose/profile/title.md.j2", area="<img src=x onerror=alert(1)>",
                            built="1 May 2025", ward_code=None, aliases="", neighbourhood=None,
                            wards="", provisional=False, custom=False, lsoas="", description="")
    assert "<img" not in markdown and markdown.startswith("# &lt;img src=x")


def test_names_keep_ampersands_and_apostrophes_in_markdown():
    text = prose.render("prose/profile/title.md.j2", area="St Katharine's & Wapping ward",
                        built="1 May 2025", ward_code="E05009333", aliases="", neighbourhood="",
                        wards="", provisional=True, custom=False, lsoas="", description="")
    assert text.startswith("# St Katharine's & Wapping ward: area profile")
    assert "Ward code E05009333." in text and "**Provisional neighbourhoods.**" in text


def test_a_missing_value_is_an_error_not_a_blank():
    with pytest.raises(UndefinedError):
        prose.render("prose/annual/appendix.md.j2", rows=3)


def test_attribution_is_inserted_by_one_template_only():
    statement = data.attribution()
    for name in ("prose/annual/methods.md.j2", "prose/profile/about.md.j2"):
        assert "sources_and_licence.md.j2" in (TEMPLATES.parent / name).read_text()
    uses = [p for p in TEMPLATES.rglob("*.j2") if "attribution()" in p.read_text()]
    assert [p.name for p in uses] == ["sources_and_licence.md.j2"]
    used = {"change_methods": [("exact conditional test of two Poisson rates", ["Robbery"])],
            "trend_methods": [("inverse-variance weighted least-squares slope", ["Anxiety"])]}
    text = prose.render("prose/annual/methods.md.j2", confidences=[0.95], trend_points=5,
                        trend_confidence=0.998, change_confidence=0.95, provisional=False,
                        tests=21, **used)
    assert text.endswith(f"**Sources and licence.** {statement}")
    assert "Wilson score 95% confidence intervals" in text and "at 99.8% confidence" in text
    assert "Tests are at 95% confidence" in text
    assert "makes 21 tests of change at 95% confidence" in text
    # The methods this build used, each with its measures, and only their references.
    assert "- *exact conditional test of two Poisson rates*: Robbery." in text
    assert "Breslow NE, Day NE" in text and "Borenstein" in text
    assert "Newcombe" not in text and "Armitage" not in text and "Altman" not in text
    assert "provisional" not in text  # said only while the neighbourhoods are provisional
    assert "neighbourhoods are provisional" in prose.render(
        "prose/annual/methods.md.j2", confidences=[0.95], trend_points=5,
        trend_confidence=0.998, change_confidence=0.95, provisional=True, tests=0, **used)


def test_no_literal_confidence_level_in_the_prose_templates():
    for path in TEMPLATES.rglob("*.j2"):
        assert "95%" not in path.read_text(), path
