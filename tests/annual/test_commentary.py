"""Commentary merging: drafts show gaps, final builds refuse them and name the files."""

import pytest

from thlib.annual import load_commentary
from thlib.errors import ParameterError

SECTIONS = ["foreword", "theme-jobs"]


def test_a_missing_section_is_a_visible_gap_in_a_draft(tmp_path):
    (tmp_path / "foreword.md").write_text("Our year.\n", encoding="utf-8")
    found = load_commentary(tmp_path, SECTIONS)
    assert found["foreword"].markdown == "Our year."
    assert found["theme-jobs"].status == "missing"
    assert "Draft: commentary missing" in found["theme-jobs"].markdown
    assert "theme-jobs.md" in found["theme-jobs"].markdown


def test_a_final_build_names_every_missing_or_example_file(tmp_path):
    (tmp_path / "foreword.md").write_text("---\nstatus: example\n---\nPlaceholder\n",
                                          encoding="utf-8")
    with pytest.raises(ParameterError) as error:
        load_commentary(tmp_path, SECTIONS, final=True)
    message = str(error.value)
    assert "foreword.md (example)" in message and "theme-jobs.md (missing)" in message


def test_final_text_passes_a_final_build(tmp_path):
    for section in SECTIONS:
        (tmp_path / f"{section}.md").write_text("---\nstatus: final\n---\nText.\n",
                                                encoding="utf-8")
    found = load_commentary(tmp_path, SECTIONS, final=True)
    assert {c.status for c in found.values()} == {"final"}


def test_example_text_is_labelled_as_such(tmp_path):
    (tmp_path / "foreword.md").write_text("---\nstatus: example\n---\nWords.\n",
                                          encoding="utf-8")
    markdown = load_commentary(tmp_path, ["foreword"])["foreword"].markdown
    assert markdown.startswith("> **Example text, to be replaced.**")
    assert markdown.endswith("Words.")


def test_bad_status_and_missing_folder(tmp_path):
    (tmp_path / "foreword.md").write_text("---\nstatus: done\n---\nx\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="status is 'done'"):
        load_commentary(tmp_path, ["foreword"])
    with pytest.raises(ParameterError, match="does not exist"):
        load_commentary(tmp_path / "nope", ["foreword"])


def test_shipped_example_year_is_marked_example_throughout():
    from thlib.annual.report import AnnualReport

    report = AnnualReport(2025, "tower-hamlets-plan-2018-2023",
                          "children-families-strategy-2019-2024",
                          "commentary/annual-report/2025")
    assert {c.status for c in report.commentary.values()} == {"example"}
    with pytest.raises(ParameterError, match="final build"):
        AnnualReport(2025, "tower-hamlets-plan-2018-2023", "children-families-strategy-2019-2024",
                     "commentary/annual-report/2025", stage="final")


def test_a_relative_commentary_folder_is_taken_in_the_data_folder_in_use(data_copy):
    from thlib.annual.report import AnnualReport

    (data_copy / "commentary/annual-report/2025/foreword.md").write_text(
        "---\nstatus: final\n---\nOur own foreword.\n", encoding="utf-8")
    report = AnnualReport(2025, "tower-hamlets-plan-2018-2023",
                          "children-families-strategy-2019-2024", "commentary/annual-report/2025")
    assert report.commentary["foreword"].markdown.strip().endswith("Our own foreword.")


def test_partnership_text_from_data_is_shown_as_text(data_copy):
    from thlib.annual.report import AnnualReport

    path = data_copy / "partnership.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name: Tower Hamlets Partnership", 'name: "<script>alert(1)</script> *Partnership*"'),
        encoding="utf-8")
    report = AnnualReport(2025, "tower-hamlets-plan-2018-2023",
                          "children-families-strategy-2019-2024", "commentary/annual-report/2025")
    paragraph, table = report.partnership()
    assert paragraph.startswith("The &lt;script&gt;alert(1)&lt;/script&gt; \\*Partnership\\* is")
    assert "<script>" not in table and "&lt;script&gt;" in table


def test_raw_html_and_script_links_in_commentary_are_shown_as_text(tmp_path):
    (tmp_path / "foreword.md").write_text(
        "Our **year**. <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
        "[Click](javascript:alert(3)) and [the plan](https://www.towerhamlets.gov.uk)\n",
        encoding="utf-8")
    page = load_commentary(tmp_path, ["foreword"])["foreword"].html
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # kept, as text
    assert "javascript:" not in page
    assert "<strong>year</strong>" in page  # Markdown still works
    assert '<a href="https://www.towerhamlets.gov.uk">the plan</a>' in page


# -- Files as people save them: the final-stage gate reads the parsed status ----------------

@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbf---\nstatus: example\n---\nPlaceholder\n",  # byte-order mark (Windows)
    b"---\r\nstatus: example\r\n---\r\nPlaceholder\r\n",  # CRLF line ends
    b"--- \nstatus: example\n---  \nPlaceholder\n",  # trailing spaces after the fences
    b"\xef\xbb\xbf--- \r\nstatus: example \r\n--- \r\nPlaceholder",  # all of them, no final LF
])
def test_example_text_saved_any_way_is_still_refused_by_a_final_build(tmp_path, raw):
    (tmp_path / "foreword.md").write_bytes(raw)
    (tmp_path / "theme-jobs.md").write_text("---\nstatus: final\n---\nWords.\n")
    assert load_commentary(tmp_path, SECTIONS)["foreword"].text == "Placeholder"
    with pytest.raises(ParameterError, match=r"foreword\.md \(example\)"):
        load_commentary(tmp_path, SECTIONS, final=True)


@pytest.mark.parametrize("raw, message", [
    (b"---\nstatus: final\nWords with no closing fence.\n",
     "front matter has no closing '---' line"),
    (b"---\n- status\n- final\n---\nWords.\n", r"line 2: the front matter is a list"),
    (b"---\na: &x [final]\nstatus: *x\n---\nWords.\n", r"line 3: not valid YAML: an alias"),
    (b"---\nstatus: [final]\n---\nWords.\n", r"status is \['final'\]"),
    (b"Our year.\nWe met \xe9lected members.\n", r"line 2: not UTF-8 text \(byte 0xE9\)"),
    (b"Our year.\nA hidden \x00 byte.\n", r"line 2: the control character U\+0000"),
    ("Our year.\nReversed \u202etext.\n".encode(), r"line 2: the control character U\+202E"),
])
def test_a_bad_commentary_file_names_its_line(tmp_path, raw, message):
    (tmp_path / "foreword.md").write_bytes(raw)
    with pytest.raises(ParameterError, match=message) as error:
        load_commentary(tmp_path, ["foreword"])
    assert "foreword.md" in str(error.value)
