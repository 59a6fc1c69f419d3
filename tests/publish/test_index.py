"""outputs/index.html."""

from __future__ import annotations

from html.parser import HTMLParser

from thlib.publish.index import render_index, write_index


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.headings, self.tags, self._in = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self.links.append(dict(attrs)["href"])
        if tag in ("h1", "h2", "h3"):
            self._in = tag

    def handle_data(self, data):
        if self._in:
            self.headings.append((self._in, data))
            self._in = None


def entry(output, title, area_type, **extra):
    return {
        "report": "tiny", "report_title": "Tiny report", "title": title, "output": output,
        "area_type": area_type, "outputs": {"html": f"{output}.html", "pdf": f"{output}.pdf"},
        "extras": [], "built": "2025-11-22T21:30:00+00:00", "data_vintage": "data of 2025-11-01",
        "status": "ok", **extra,
    }


def make_files(tmp_path, *outputs):
    for output in outputs:
        (tmp_path / output).parent.mkdir(parents=True, exist_ok=True)
        for suffix in (".html", ".pdf"):
            (tmp_path / f"{output}{suffix}").write_bytes(b"x" * 2048)


def test_index_links_every_file_grouped_by_report_and_area_type(tmp_path):
    make_files(tmp_path, "tiny/ward/north", "tiny/borough/b", "annual/2025")
    (tmp_path / "annual" / "2025-data.csv").write_text("a,b\n")
    entries = [
        entry("tiny/ward/north", "North: tiny", "ward"),
        entry("tiny/borough/b", "B: tiny", "borough"),
        entry("annual/2025", "Annual report 2025", None, report="annual",
              report_title="Annual report", extras=["annual/2025-data.csv"],
              description="The yearly report."),
        entry("tiny/ward/gone", "Never built", "ward", outputs={}),
    ]
    page = render_index(tmp_path, entries)
    parser = Links()
    parser.feed(page)
    assert ("html", {"lang": "en-GB"}) in parser.tags
    assert sorted(parser.links) == sorted([
        "#report-annual", "#report-tiny",
        "tiny/ward/north.html", "tiny/ward/north.pdf", "tiny/borough/b.html",
        "tiny/borough/b.pdf", "annual/2025.html", "annual/2025.pdf", "annual/2025-data.csv"])
    assert parser.headings == [
        ("h1", "Tower Hamlets Partnership reports"), ("h2", "Annual report"),
        ("h3", "Documents"), ("h2", "Tiny report"), ("h3", "Borough"), ("h3", "Wards")]
    assert '<th scope="row">North: tiny</th>' in page
    assert "(2.0 KB)" in page and "The yearly report." in page
    assert '<time datetime="2025-11-22T21:30:00+00:00">22 Nov 2025 21:30 UTC</time>' in page
    assert "data of 2025-11-01" in page
    assert "Never built" not in page
    assert "<script" not in page and "http://" not in page and "https://" not in page


def test_failed_rebuild_is_flagged(tmp_path):
    make_files(tmp_path, "t/a")
    page = render_index(tmp_path, [entry("t/a", "A", "ward", status="failed")])
    assert "Last rebuild failed" in page


def test_index_is_deterministic_and_not_rewritten(tmp_path):
    make_files(tmp_path, "t/a", "t/b")
    entries = [entry("t/a", "A", "ward"), entry("t/b", "B", "ward")]
    assert write_index(tmp_path, entries) is True
    first = (tmp_path / "index.html").stat().st_mtime_ns
    assert write_index(tmp_path, list(reversed(entries))) is False
    assert (tmp_path / "index.html").stat().st_mtime_ns == first


def test_index_is_rendered_from_its_template_with_every_value_escaped(tmp_path):
    from thlib.presentation.prose import TEMPLATES

    assert (TEMPLATES / "outputs" / "index.html.j2").is_file()
    make_files(tmp_path, "t/a")
    page = render_index(tmp_path, [entry("t/a", "<script>alert(1)</script>", "ward",
                                         description='"Quoted" & <b>bold</b>')])
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<p>&quot;Quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;</p>" in page


def test_data_files_are_named_for_what_they_hold_with_their_sizes(tmp_path):
    make_files(tmp_path, "tiny/ward/north")
    (tmp_path / "tiny/ward/north-data.csv").write_bytes(b"a" * 3072)
    (tmp_path / "tiny/ward/north-data.xlsx").write_bytes(b"a" * 1024)
    (tmp_path / "tiny/ward/north-notes.txt").write_text("n")
    page = render_index(tmp_path, [entry(
        "tiny/ward/north", "North: tiny", "ward",
        extras=["tiny/ward/north-data.csv", "tiny/ward/north-data.xlsx",
                "tiny/ward/north-notes.txt"])])
    assert ('<a href="tiny/ward/north-data.csv">Data (CSV)<span class="visually-hidden"> of '
            "North: tiny</span></a> (3.0 KB)") in page
    assert ('<a href="tiny/ward/north-data.xlsx">Data (Excel workbook)<span '
            'class="visually-hidden"> of North: tiny</span></a> (1.0 KB)') in page
    assert ">north-notes.txt<" in page  # any other file: its name
    assert "none" not in page.split("<tbody>")[1]


def test_each_cell_carries_its_column_header_for_the_narrow_layout(tmp_path):
    # at 320px the rows stack and CSS shows each cell's data-label before its value
    make_files(tmp_path, "tiny/ward/north")
    parser = Links()
    parser.feed(render_index(tmp_path, [entry("tiny/ward/north", "North: tiny", "ward")]))
    labels = [a["data-label"] for tag, a in parser.tags if tag == "td"]
    assert labels == ["Web page", "PDF", "Other files", "Built", "Data vintage"]
    headers = [tag for tag, a in parser.tags if tag == "th" and a.get("scope") == "col"]
    assert len(headers) == 6  # Document, then the five labelled columns
