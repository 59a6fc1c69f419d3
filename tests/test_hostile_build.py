"""A real build with hostile text in a neighbourhood's name: published inert.

The name holds markup, a script link and a spreadsheet formula. The profile's HTML, the
outputs index, its data CSV and its workbook must show it as text: no element or attribute
that runs, no cell a spreadsheet reads as a formula.
"""

import csv
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from tests.test_hostile_text import _runnable
from thlib.publish import build
from thlib.settings import NEIGHBOURHOODS_ENV

REPO = Path(__file__).resolve().parents[1]
HOSTILE = "=HYPERLINK(\"http://x\")<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    spec = yaml.safe_load((REPO / "data/neighbourhoods.yml").read_text(encoding="utf-8"))
    spec["neighbourhoods"][0]["name"] = HOSTILE  # TH-NW
    hoods = folder / "neighbourhoods.yml"
    hoods.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(NEIGHBOURHOODS_ENV, str(hoods))
        result = build(output_dir=folder / "out", parameters_dir=REPO / "parameters",
                       notebooks_dir=REPO / "notebooks", only=["area_profile", "TH-NW"],
                       formats="html", jobs=1)
    assert result.exit_code == 0, [r.error for r in result.documents]
    return folder / "out"


def test_the_profile_and_the_index_show_the_name_as_text(built):
    pages = [*built.glob("profiles/neighbourhood/*.html"), built / "index.html"]
    assert len(pages) == 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _runnable(text) == [], page
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text  # shown, as text


def test_the_data_files_hold_no_formula(built):
    [table] = built.glob("profiles/neighbourhood/*-data.csv")
    with table.open(newline="", encoding="utf-8") as handle:
        areas = {row["area"] for row in csv.DictReader(handle)}
    assert "'" + HOSTILE in areas and HOSTILE not in areas
    [workbook] = built.glob("profiles/neighbourhood/*-data.xlsx")
    for sheet in load_workbook(workbook).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def test_every_page_carries_a_content_security_policy_that_forbids_scripts(built):
    for page in [*built.glob("profiles/neighbourhood/*.html"), built / "index.html"]:
        metas = [dict(attrs) for tag, attrs in _tags(page.read_text(encoding="utf-8"))
                 if tag == "meta"]
        [policy] = [m["content"] for m in metas
                    if m.get("http-equiv", "").lower() == "content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'none'"  # scripts fall back to it: none allowed
        assert "script-src" not in directives and "unsafe-eval" not in policy


def _tags(page):
    """Return every start tag of ``page`` with its attributes, in order."""
    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Tags().feed(page)
    return found
