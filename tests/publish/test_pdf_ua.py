"""PDF/UA-1 tagging of a document whose table and list run over pages, checked with pikepdf.

The expectations come from the HTML written here and from PDF/UA-1 (ISO 14289-1) and the
PDF reference's tagged-PDF rules, not from the code's output: one table element with one
caption however many pages the table covers, header cells scoped by their place, headers
resolvable through the ID tree, the running footer an artifact, relative links relative.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from pikepdf import Array, Dictionary
from pypdf import PdfReader

import thlib
from tests.publish.pdfua_checks import (
    attributes,
    elements,
    kids,
    marked_content,
    name_tree,
    pdf_problems,
)
from thlib.errors import BuildError
from thlib.publish import pdf_ua
from thlib.publish.pdf import html_to_pdf

REPORT_CSS = Path(thlib.__file__).parent / "templates" / "thlib" / "report.css"
TITLE = "Bow West: test profile"
ALT = "Bar chart. Counts by area, from 0 to 357."
ROWS = 120  # at about 30 rows a page the table covers at least 3 pages
ITEMS = 60
GIF = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
LINK_TEXT = "the data appendix (CSV file)"


def document_html() -> str:
    rows = "".join(f"<tr><th>Area {i}</th><td>{i * 3}</td><td>{i * 7}</td></tr>"
                   for i in range(ROWS))
    items = "".join(f"<li>Item number {i} of the list</li>" for i in range(ITEMS))
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>{TITLE}</title><style>{REPORT_CSS.read_text()}</style></head>
<body data-title="{TITLE}"><main>
<h1>{TITLE}</h1>
<p>Every count is in <a href="data.csv">{LINK_TEXT}</a>.</p>
<h2>Counts</h2>
<table><caption>Counts by area</caption>
<thead><tr><th>Area</th><th>Count</th><th>Rate</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Items</h2>
<ul>{items}</ul>
<h2>Chart</h2>
<img alt="{ALT}" src="data:image/gif;base64,{GIF}" width="200" height="100">
</main></body></html>"""


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdfua")
    target = folder / "profile.pdf"
    target.write_bytes(html_to_pdf(document_html(), base_url=folder.as_uri() + "/"))
    return target


@pytest.fixture(scope="module")
def pdf(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(path)


def tree(pdf: pikepdf.Pdf) -> list:
    return elements(pdf.Root.StructTreeRoot)


def of_kind(pdf: pikepdf.Pdf, kind: str) -> list:
    return [e for e in tree(pdf) if e.get("/S") == kind]


def pages_of(pdf: pikepdf.Pdf, element: Dictionary) -> set[int]:
    """Return the page numbers (0-based) of the marked content under ``element``."""
    index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    found = set()
    for e in [element, *elements(element)]:
        for kid in kids(e):
            if isinstance(kid, int):
                found.add(index[e["/Pg"].objgen])
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                found.add(index[kid["/Pg"].objgen])
    return found


def text_of(path: Path, *, artifacts: bool) -> list[str]:
    """Return each page's text drawn inside (or outside) /Artifact marked content."""
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            shown = []
            instructions = pikepdf.parse_content_stream(page)
            for instruction, (op, stack) in zip(instructions, marked_content(page),
                                                strict=True):
                text = op in ("Tj", "TJ", "'", '"')
                if not text or ("/Artifact" in stack) == artifacts:
                    shown.append(instruction)
            page.obj["/Contents"] = pdf.make_stream(pikepdf.unparse_content_stream(shown))
        buffer = io.BytesIO()
        pdf.save(buffer)
    return [" ".join(p.extract_text().split()) for p in PdfReader(buffer).pages]


def test_the_checker_finds_no_problem(path: Path) -> None:
    assert pdf_problems(path) == []


def test_the_checker_finds_weasyprints_own_gaps(tmp_path: Path) -> None:
    raw = tmp_path / "raw.pdf"
    raw.write_bytes(weasyprint.HTML(string=document_html(), base_url=tmp_path.as_uri() + "/")
                    .write_pdf(pdf_variant="pdf/ua-1"))
    problems = "\n".join(pdf_problems(raw))
    assert "TH without /Scope" in problems
    assert "not in the ID tree" in problems
    assert "is not reached by the structure tree" in problems
    assert "link to a file of the build machine: file://" in problems


def test_language_title_and_its_display(pdf: pikepdf.Pdf) -> None:
    assert str(pdf.Root.Lang) == "en-GB"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.open_metadata()["dc:title"]) == TITLE
    assert str(pdf.docinfo["/Title"]) == TITLE


def test_bookmarks_follow_headings(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        top = [(item.title, [child.title for child in item.children])
               for item in outline.root]
    assert top == [(TITLE, ["Counts", "Items", "Chart"])]


def test_figure_has_its_alt_text(pdf: pikepdf.Pdf) -> None:
    assert [str(f.Alt) for f in of_kind(pdf, "/Figure")] == [ALT]


def test_a_table_over_three_pages_is_one_table_with_one_caption(pdf: pikepdf.Pdf) -> None:
    (table,) = of_kind(pdf, "/Table")
    assert len(pages_of(pdf, table)) >= 3
    parts = [str(k.S) for k in kids(table)]
    assert parts == ["/Caption", "/THead", "/TBody"]
    assert len(of_kind(pdf, "/Caption")) == 1
    (head,) = of_kind(pdf, "/THead")
    assert len(kids(head)) == 1  # one header row: the repeats on later pages are artifacts
    (body,) = of_kind(pdf, "/TBody")
    assert len(kids(body)) == ROWS
    assert len(of_kind(pdf, "/TR")) == ROWS + 1
    assert len(of_kind(pdf, "/TH")) == 3 + ROWS


def test_a_list_over_pages_is_one_list(pdf: pikepdf.Pdf) -> None:
    (items,) = of_kind(pdf, "/L")
    assert len(pages_of(pdf, items)) >= 2
    assert [str(k.S) for k in kids(items)] == ["/LI"] * ITEMS
    assert len(of_kind(pdf, "/Part")) == 1  # <main>, over every page


def test_header_cells_are_scoped_by_their_place(pdf: pikepdf.Pdf) -> None:
    (head,) = of_kind(pdf, "/THead")
    column = {e.objgen for e in elements(head) if e.get("/S") == "/TH"}
    scopes = {th.objgen: str(attributes(th)[0].Scope) for th in of_kind(pdf, "/TH")}
    assert {s for key, s in scopes.items() if key in column} == {"/Column"}
    assert [s for key, s in scopes.items() if key not in column] == ["/Row"] * ROWS


def test_every_header_reference_resolves_to_the_one_header_row(pdf: pikepdf.Pdf) -> None:
    ids = name_tree(pdf.Root.StructTreeRoot.IDTree)
    keys = list(pdf.Root.StructTreeRoot.IDTree.Names[::2])
    assert [bytes(k) for k in keys] == sorted(bytes(k) for k in keys)
    (head,) = of_kind(pdf, "/THead")
    count_header = [e for e in elements(head) if e.get("/S") == "/TH"][1]
    cells = of_kind(pdf, "/TD")
    assert len(cells) == 2 * ROWS
    for cell in cells:
        headers = [str(h) for h in attributes(cell)[0].Headers]
        assert len(headers) == 2  # its row's header and its column's
        assert all(ids[h].objgen in {e.objgen for e in tree(pdf)} for h in headers)
    # The Count column's cells, on every page, name the Count header of the first page.
    assert {str(attributes(c)[0].Headers[1]) for c in cells[::2]} == {str(count_header.ID)}


def test_footer_is_an_artifact(path: Path) -> None:
    inside, outside = text_of(path, artifacts=True), text_of(path, artifacts=False)
    pages = len(inside)
    assert pages >= 4
    for number, (artifact, content) in enumerate(zip(inside, outside, strict=True), start=1):
        assert f"Page {number} of {pages}" in artifact and TITLE in artifact
        assert "Page " not in content and "Area 0" not in artifact
    assert "Area 0" in outside[0]


def test_header_row_drawn_again_on_later_pages_is_an_artifact(path: Path) -> None:
    inside, outside = text_of(path, artifacts=True), text_of(path, artifacts=False)
    assert "Count" in outside[0] and "Count" not in inside[0]  # the table's own header row
    assert "Count" in inside[1] and "Count" not in outside[1]  # drawn again on page 2


def test_every_mcid_is_in_the_structure_tree(pdf: pikepdf.Pdf) -> None:
    index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    reached = set()
    for e in tree(pdf):
        for kid in kids(e):
            if isinstance(kid, int):
                reached.add((index[e.Pg.objgen], kid))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                reached.add((index[kid.Pg.objgen], int(kid.MCID)))
    drawn = {(i, int(stack[-1].split(":")[1]))
             for i, page in enumerate(pdf.pages)
             for op, stack in marked_content(page) if op == "BDC" and ":" in stack[-1]}
    assert drawn and drawn == reached
    for i in range(len(pdf.pages)):  # numbered from 0 on each page, without holes
        on_page = sorted(mcid for page, mcid in drawn if page == i)
        assert on_page == list(range(len(on_page)))


def test_links_are_relative_described_and_tagged(pdf: pikepdf.Pdf) -> None:
    links = [a for page in pdf.pages for a in page.obj.get("/Annots", [])
             if a.get("/Subtype") == "/Link"]
    assert len(links) == 1
    (link,) = links
    assert str(link.A.URI) == "data.csv"
    assert str(link.Contents) == LINK_TEXT
    parents = pdf.Root.StructTreeRoot.ParentTree.Nums
    keys = [int(k) for k in parents[::2]]
    element = parents[2 * keys.index(int(link.StructParent)) + 1]
    assert element.S == "/Link"
    assert any(isinstance(k, Dictionary) and k.get("/Type") == "/OBJR"
               and k.Obj.objgen == link.objgen for k in kids(element))


def test_a_changed_weasyprint_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import tags

    def other(box, parent, pdf, page_number, nums, annotations):  # one parameter fewer
        yield from ()

    monkeypatch.setattr(tags, "_build_box_tree", other)
    with pytest.raises(BuildError, match="changed the tagging internals"):
        html_to_pdf('<html lang="en-GB"><title>T</title><p>x</p></html>')


def test_header_scopes_come_from_the_html_first_then_the_place() -> None:
    html = weasyprint.HTML(string="""
      <table><tr><th>Name</th><th scope="row">Odd</th></tr>
        <tr><th>Bow</th><td>1</td><th>Mid</th></tr>
        <tr><td>x</td><th scope="col">Col</th></tr></table>
      <table><tr><th>Population</th><td>5</td></tr><tr><th>Households</th><td>2</td></tr>
      </table>
      <table><thead><tr><th>A</th><th>B</th></tr><tr><th>C</th><td>D</td></tr></thead>
        <tbody><tr><th>E</th><td>1</td></tr></tbody></table>""")
    pdf_ua._set_header_scopes(html.etree_element)
    scopes = [(th.text, th.get("scope")) for th in html.etree_element.iter("th")]
    assert scopes == [("Name", "col"), ("Odd", "row"), ("Bow", "row"), ("Mid", "col"),
                      ("Col", "col"),  # the first table: header row, then a body row
                      ("Population", "row"), ("Households", "row"),  # key and value rows
                      ("A", "col"), ("B", "col"), ("C", "col"), ("E", "row")]


def test_ids_and_private_marks_do_not_leak(pdf: pikepdf.Pdf) -> None:
    marks = [e for e in tree(pdf) if "/ThlibNode" in e]
    assert marks == []
    assert isinstance(pdf.Root.StructTreeRoot.IDTree.Names, Array)


def test_the_checker_finds_links_that_do_not_describe_their_target(tmp_path: Path) -> None:
    vague = tmp_path / "vague.pdf"
    vague.write_bytes(html_to_pdf(
        '<html lang="en-GB"><title>Links</title><body><p>The data is <a href="data.csv">'
        'here</a> and in <a href="data.csv">data.csv</a>.</p></body></html>'))
    problems = [p for p in pdf_problems(vague) if "does not describe its target" in p]
    assert len(problems) == 2
    assert "'here'" in problems[0] and "'data.csv'" in problems[1]
