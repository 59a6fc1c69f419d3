"""Every published HTML page passes axe-core's WCAG 2.2 AA rules in Chromium, at 1280px and
at 320px (WCAG 1.4.10 reflow: 1280px at 400% zoom), and does not scroll sideways at 320px.

The pages are the real reports built once per session (``built_reports`` in
tests/conftest.py): a ward, a neighbourhood and the borough profile, the annual report and
the index. axe-core and puppeteer-core come from npm (tests/browser/package-lock.json,
installed by ``make setup``); puppeteer-core drives the system's Chromium, headless, in one
browser for the whole session (tests/browser/axe.mjs). A small page with known faults is
checked in the same run, to show the checker finds what it should.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "axe.mjs"

#: axe-core rule tags: WCAG 2.0, 2.1 and 2.2, levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: A desktop width, and the WCAG 1.4.10 reflow width (CSS pixels).
WIDTHS = (1280, 320)

PAGES = {
    "ward": "profiles/ward/bethnal-green-west.html",
    "neighbourhood": "profiles/neighbourhood/north-west.html",
    "borough": "profiles/borough/tower-hamlets.html",
    "annual report": "annual-report/2025/annual-report-2025.html",
    "index": "index.html",
}

INSTALL = ("Install them with `make setup` (as root it runs apt-get install chromium, and "
           "nodejs and npm if node or npm is missing, then npm ci in tests/browser), or by "
           "hand: sudo apt-get install -y chromium nodejs npm && npm ci --prefix tests/browser. "
           "Set THLIB_CHROMIUM to use another Chromium or Chrome executable.")

#: A page with two faults axe must report: a table that scrolls in a box keyboard users
#: cannot reach, and an image without a text alternative. It also scrolls sideways at 320px.
FAULTY_PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Faulty</title></head><body><main><h1>Faulty</h1>
<div style="overflow-x:auto"><table><caption>Wide</caption><tr><th scope="col">A</th>
<td style="min-width:900px">wide cell</td></tr></table></div>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">
<p style="width:600px">A fixed-width paragraph.</p></main></body></html>"""


def _chromium() -> str | None:
    named = os.environ.get("THLIB_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


@pytest.fixture(scope="session")
def axe_results(built_reports: Path, tmp_path_factory) -> dict[tuple[str, int], dict]:
    """Run axe-core on every page at every width; return each result by (name, width)."""
    chromium, node = _chromium(), shutil.which("node")
    if chromium is None or node is None:
        pytest.fail(f"The accessibility tests need Chromium and Node.js (found: chromium "
                    f"{chromium or 'missing'}, node {node or 'missing'}). {INSTALL}")
    if not (HERE / "node_modules" / "axe-core").is_dir() or not (
            HERE / "node_modules" / "puppeteer-core").is_dir():
        pytest.fail(f"axe-core and puppeteer-core are not installed in {HERE / 'node_modules'}. "
                    f"{INSTALL}")
    work = tmp_path_factory.mktemp("axe")
    faulty = work / "faulty.html"
    faulty.write_text(FAULTY_PAGE, encoding="utf-8")
    # each page by its absolute path, to the name results are kept under
    names = {str(built_reports / path): name for name, path in PAGES.items()}
    names[str(faulty)] = "faulty"
    job = work / "job.json"
    job.write_text(json.dumps({"pages": list(names), "widths": list(WIDTHS), "tags": TAGS,
                               "chromium": chromium}), encoding="utf-8")
    run = subprocess.run([node, str(SCRIPT), str(job)], capture_output=True, text=True,
                         timeout=900, check=False)
    if run.returncode != 0:
        pytest.fail(f"axe-core in Chromium failed (exit {run.returncode}):\n{run.stderr[-4000:]}"
                    f"\n{INSTALL}")
    return {(names[r["page"]], r["width"]): r for r in json.loads(run.stdout)}


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(v["targets"][:5]) + (
            f" and {len(v['targets']) - 5} more" if len(v["targets"]) > 5 else "")
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]\n"
                     f"  at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_axe_violations(axe_results, page, width):
    result = axe_results[(page, width)]
    assert not result["violations"], (
        f"axe-core found {len(result['violations'])} WCAG 2.2 AA violation(s) in the {page} "
        f"page ({PAGES[page]}) at {width}px:\n{_report(result['violations'])}")


@pytest.mark.parametrize("page", PAGES)
def test_page_reflows_at_320px_without_scrolling_sideways(axe_results, page):
    # WCAG 1.4.10: wide tables and charts scroll inside their own box, never the page
    result = axe_results[(page, 320)]
    assert result["scrollWidth"] <= 320, (
        f"the {page} page is {result['scrollWidth']}px wide at a 320px viewport")


def test_pages_fetch_nothing_from_the_network(axe_results):
    fetched = {key: r["requests"] for key, r in axe_results.items() if r["requests"]}
    assert not fetched


def test_the_checker_finds_known_faults(axe_results):
    at_320 = axe_results[("faulty", 320)]
    assert {"scrollable-region-focusable", "image-alt"} <= {v["id"] for v in
                                                             at_320["violations"]}
    assert at_320["scrollWidth"] > 320
    assert "scrollable-region-focusable" in _report(at_320["violations"])
