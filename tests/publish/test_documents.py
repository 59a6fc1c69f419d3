"""Parameter sets expanded into documents and checked against the notebook."""

from __future__ import annotations

import pytest

import thlib.publish.areas
from tests.publish.helpers import fake_geography, write_notebook
from thlib.errors import AreaError, ParameterError
from thlib.publish.areas import AreaCatalogue
from thlib.publish.documents import check_unique_outputs, expand, select
from thlib.publish.notebooks import read_notebook
from thlib.publish.parameters import load_parameter_set


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """Return a function expanding a parameter-set text against the tiny notebook."""
    monkeypatch.setattr(thlib.publish.areas, "load_geography", fake_geography)
    notebook = read_notebook(write_notebook(tmp_path / "tiny.ipynb"))
    calls = []

    def catalogue():
        calls.append(1)
        return AreaCatalogue.from_geography()

    def run(text, formats=None):
        path = tmp_path / "set.yml"
        path.write_text(text, encoding="utf-8")
        return expand(load_parameter_set(path), notebook, catalogue, formats)

    run.calls = calls
    run.path = tmp_path / "set.yml"
    return run


HEAD = "report: tiny\ntitle: '{area_name}: tiny'\noutput: tiny/{area_type}/{area_slug}\n"


def test_area_type_without_code_expands_to_every_area(tiny):
    documents = tiny(HEAD + "defaults: {message: hi}\ndocuments:\n"
                     "  - area_type: ward\n  - area_type: borough\n")
    assert [d.output for d in documents] == [
        "tiny/ward/north-ward", "tiny/ward/south-ward", "tiny/borough/testborough"]
    assert [d.parameters for d in documents] == [
        {"message": "hi", "area_type": "ward", "area_code": "W1"},
        {"message": "hi", "area_type": "ward", "area_code": "W2"},
        {"message": "hi", "area_type": "borough", "area_code": "B1"},
    ]
    assert documents[1].title == "South Ward: tiny"
    assert documents[1].area.code == "W2"
    assert documents[0].report_title == "Tiny report"  # the notebook's metadata title
    assert documents[0].formats == ("html", "pdf")


def test_explicit_area_code_is_checked(tiny):
    (document,) = tiny(HEAD + "documents:\n  - {area_type: ward, area_code: W2}\n")
    assert document.output == "tiny/ward/south-ward"
    with pytest.raises(AreaError) as caught:
        tiny(HEAD + "documents:\n  - area_type: ward\n    area_code: W9\n")
    message = str(caught.value)
    assert f"{tiny.path}, line 6" in message
    assert "documents[0].area_code" in message
    assert "unknown ward code 'W9'" in message
    assert "W1 North Ward; W2 South Ward" in message


def test_unknown_area_type_names_the_allowed_types(tiny):
    with pytest.raises(AreaError, match=r"line 5: documents\[0\]\.area_type: unknown area type "
                                        r"'street'; use one of borough, ward"):
        tiny(HEAD + "documents:\n  - area_type: street\n")


@pytest.mark.parametrize("body, where", [
    ("documents:\n  - area_type: ward\n    area_cod: W1\n", "line 6: documents[0].area_cod"),
    ("defaults:\n  mesage: hi\ndocuments:\n  - area_type: ward\n", "line 5: defaults.mesage"),
])
def test_unknown_key_is_named_with_the_allowed_keys(tiny, body, where):
    with pytest.raises(ParameterError) as caught:
        tiny(HEAD + body)
    message = str(caught.value)
    assert where in message
    assert "unknown parameter" in message
    assert "allowed keys: area_type, area_code, fail, message" in message


def test_wrong_type_is_refused(tiny):
    with pytest.raises(ParameterError) as caught:
        tiny(HEAD + "documents:\n  - {area_type: ward, fail: 'yes'}\n")
    assert "documents[0].fail: parameter 'fail'" in str(caught.value)
    assert "must be bool, got str 'yes'" in str(caught.value)


def test_output_dir_is_reserved(tiny):
    with pytest.raises(ParameterError, match="'output_dir' is set by the build"):
        tiny(HEAD + "documents:\n  - {area_type: ward, output_dir: /tmp}\n")


def test_required_parameter_must_be_given(tmp_path):
    notebook = read_notebook(write_notebook(
        tmp_path / "annual.ipynb", parameters="year: int = None  # required: the year\n"))
    path = tmp_path / "annual.yml"
    path.write_text("report: annual\noutput: annual/{year}\ndocuments:\n  - {}\n")
    with pytest.raises(ParameterError, match="no value for required parameter 'year'"):
        expand(load_parameter_set(path), notebook, lambda: None)
    path.write_text("report: annual\noutput: annual/{year}\ndocuments:\n  - year: 2025\n")
    (document,) = expand(load_parameter_set(path), notebook, lambda: None)
    assert document.output == "annual/2025"
    assert document.area is None
    assert document.title == "Tiny report"


def test_areas_are_not_listed_when_not_needed(tmp_path):
    notebook = read_notebook(write_notebook(tmp_path / "plain.ipynb", parameters="n = 1\n"))
    path = tmp_path / "plain.yml"
    path.write_text("report: plain\noutput: plain/n{n}\ndocuments:\n  - n: 2\n  - {}\n")

    def no_catalogue():
        raise AssertionError("geography must not be read")

    documents = expand(load_parameter_set(path), notebook, no_catalogue)
    assert [d.output for d in documents] == ["plain/n2", "plain/n1"]  # notebook default


@pytest.mark.parametrize("output, expected", [
    ("tiny/{area_nme}", "uses {area_nme}, which is not known; available:"),
    ("../{area_slug}", "relative path"),
    ("_failed/{area_slug}", "may not start with '_failed'"),
    ("tiny/{area_slug}.html", "must not have an extension"),
])
def test_bad_output_templates(tiny, output, expected):
    with pytest.raises(ParameterError, match="line 3") as caught:
        tiny(f"report: tiny\ntitle: x\noutput: '{output}'\ndocuments:\n  - area_type: ward\n")
    assert expected in str(caught.value)


@pytest.mark.parametrize("entry, expected", [
    ('{area_type: ward, message: "one\\ntwo"}', "holds the control character U+000A"),
    ('{area_type: ward, message: "one\\ttwo"}', "holds the control character U+0009"),
    ("{area_type: ward, message: " + "x" * 250 + "}", "has a part longer than 200 bytes"),
])
def test_output_names_that_no_file_system_takes_are_refused_up_front(tiny, entry, expected):
    with pytest.raises(ParameterError, match="set.yml, line 2: output ") as caught:
        tiny(f"report: tiny\noutput: 'tiny/{{message}}'\ndocuments:\n  - {entry}\n")
    assert expected in str(caught.value)


@pytest.mark.parametrize("title, expected", [
    ("{area_name:d}", "formats {area_name} (:d); write plain {name} fields"),
    ("{area_name!r}", "formats {area_name} (!r)"),
    ("{area_name", "expected '}' before end of string"),
])
def test_a_title_template_with_a_format_is_bad_input(tiny, title, expected):
    with pytest.raises(ParameterError, match="set.yml, line 2: title template") as caught:
        tiny(f"report: tiny\ntitle: '{title}'\noutput: tiny/{{area_slug}}\n"
             "documents:\n  - area_type: ward\n")
    assert expected in str(caught.value)


def test_two_documents_writing_the_same_files_are_refused(tiny):
    documents = tiny("report: tiny\noutput: tiny/{area_type}\ndocuments:\n  - area_type: ward\n")
    with pytest.raises(ParameterError, match="would both write 'tiny/ward'"):
        check_unique_outputs(documents)


def test_formats_override(tiny):
    (document,) = tiny(HEAD + "documents:\n  - area_type: borough\n", formats=("html",))
    assert document.formats == ("html",)


def test_select_by_report_type_code_and_slug(tiny):
    documents = tiny(HEAD + "documents:\n  - area_type: ward\n  - area_type: borough\n")

    def outputs(*only):
        return [d.output.rsplit("/", 1)[1] for d in select(documents, only)]

    assert outputs() == ["north-ward", "south-ward", "testborough"]
    assert outputs("ward") == ["north-ward", "south-ward"]
    assert outputs("borough,W2") == ["south-ward", "testborough"]
    assert outputs("tiny", "north-ward") == ["north-ward"]
    assert outputs("w1") == ["north-ward"]
    assert outputs("tiny/ward/south-ward") == ["south-ward"]
    with pytest.raises(ParameterError, match="--only 'W9' matches no report"):
        select(documents, ["W9"])
    with pytest.raises(ParameterError, match="no custom areas are defined; list them in "):
        select(documents, ["custom"])
