"""Parameter-set files: shape, YAML errors with lines, discovery."""

from __future__ import annotations

import pytest

from thlib.errors import ParameterError
from thlib.publish.parameters import (
    TOP_LEVEL_KEYS,
    find_parameter_sets,
    load_parameter_set,
    parse_formats,
)


def write(tmp_path, text, name="set.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_set_is_read_with_lines(tmp_path):
    path = write(tmp_path, (
        "report: tiny\n"
        "title: '{area_name}: tiny'\n"
        "output: tiny/{area_slug}\n"
        "formats: [pdf, html]\n"
        "timeout: 30\n"
        "defaults: {message: hi}\n"
        "documents:\n"
        "  - area_type: ward\n"
        "  - area_type: borough\n"
    ))
    pset = load_parameter_set(path)
    assert pset.report == "tiny"
    assert pset.formats == ("html", "pdf")  # canonical order
    assert pset.timeout == 30.0
    assert pset.defaults == {"message": "hi"}
    assert pset.documents == ({"area_type": "ward"}, {"area_type": "borough"})
    assert pset.where("documents", 1, "area_type") == f"{path}, line 9"


def test_documents_may_be_left_out_for_one_document(tmp_path):
    pset = load_parameter_set(write(tmp_path, "report: annual\noutput: annual/report\n"))
    assert pset.documents == ({},)
    assert pset.formats == ("html", "pdf")


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "report: tiny\noutput: x\ndocuments:\n  - area_type: [ward\n")
    with pytest.raises(ParameterError) as caught:
        load_parameter_set(path)
    message = str(caught.value)
    assert str(path) in message
    assert "line 5" in message or "line 4" in message
    assert "not valid YAML" in message


def test_unknown_top_level_key_lists_allowed_keys(tmp_path):
    path = write(tmp_path, "report: tiny\noutput: x\nformat: [html]\n")
    with pytest.raises(ParameterError) as caught:
        load_parameter_set(path)
    message = str(caught.value)
    assert f"{path}, line 3" in message
    assert "'format'" in message
    for key in TOP_LEVEL_KEYS:
        assert key in message


def test_duplicate_key_is_refused(tmp_path):
    path = write(tmp_path, "report: tiny\noutput: x\nreport: other\n")
    with pytest.raises(ParameterError, match=r"line 3: key 'report' is given twice \(first"):
        load_parameter_set(path)


@pytest.mark.parametrize("text, expected", [
    ("output: x\n", "'report' is required"),
    ("report: tiny\n", "'output' is required"),
    ("report: ../tiny\noutput: x\n", "must be a notebook name"),
    ("report: tiny\noutput: x\nformats: [html, docx]\n", "unknown format 'docx'"),
    ("report: tiny\noutput: x\ntimeout: -1\n", "positive, finite number"),
    ("report: tiny\noutput: x\ntimeout: .nan\n", "timeout is nan; give a positive, finite"),
    ("report: tiny\noutput: x\ntimeout: .inf\n", "timeout is inf; give a positive, finite"),
    ("report: tiny\noutput: x\ndocuments: []\n", "non-empty list"),
    ("report: tiny\noutput: x\ndocuments:\n  - ward\n", "documents[0] must be a mapping"),
    ("report: tiny\noutput: x\ndefaults: {1: a}\n", "which is not a name"),
    ("- report: tiny\n", "must be a mapping"),
])
def test_shape_errors(tmp_path, text, expected):
    with pytest.raises(ParameterError, match="set.yml") as caught:
        load_parameter_set(write(tmp_path, text))
    assert expected in str(caught.value)


def test_parse_formats_accepts_comma_text():
    assert parse_formats("pdf, html", "--formats") == ("html", "pdf")
    with pytest.raises(ParameterError, match="--formats: unknown format 'doc'"):
        parse_formats("doc", "--formats")


def test_find_parameter_sets(tmp_path):
    folder = tmp_path / "parameters"
    folder.mkdir()
    a = write(folder, "report: a\noutput: a\n", "a.yml")
    b = write(folder, "report: b\noutput: b\n", "b.yaml")
    extra = write(tmp_path, "report: c\noutput: c\n", "extra.yml")
    assert find_parameter_sets(folder, (extra, a)) == [a, b, extra]
    with pytest.raises(ParameterError, match="missing.yml .*does not exist"):
        find_parameter_sets(folder, (tmp_path / "missing.yml",))
    with pytest.raises(ParameterError, match="no parameter sets found"):
        find_parameter_sets(tmp_path / "empty")
