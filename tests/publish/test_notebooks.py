"""Notebook parameters as papermill reports them: types, required values, cache."""

from __future__ import annotations

import pytest

from tests.publish.helpers import write_notebook
from thlib.publish import notebooks
from thlib.publish.notebooks import NotebookParameter, read_notebook


def test_parameters_come_from_papermill_inspection(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", parameters=(
        'area_type = "ward"\n'
        "year: int = None  # required: the reporting year\n"
        "threshold = 0.5  # type: float\n"
        "output_dir = None\n"
    ))
    info = read_notebook(path)
    assert list(info.parameters) == ["area_type", "year", "threshold", "output_dir"]
    assert info.parameters["year"].type_name == "int"
    assert info.parameters["year"].required
    assert not info.parameters["area_type"].required
    assert info.wants_output_dir
    assert not info.area_aware  # no area_code
    assert info.title == "Tiny report"
    assert info.kernel_name == "python3"
    assert info.literal_defaults() == {"area_type": "ward", "year": None, "threshold": 0.5,
                                       "output_dir": None}


@pytest.mark.parametrize("parameter, value, ok", [
    (NotebookParameter("a", "None", '"ward"'), "borough", True),
    (NotebookParameter("a", "None", '"ward"'), 2021, False),
    (NotebookParameter("a", "None", "3"), 4, True),
    (NotebookParameter("a", "None", "3"), 4.5, False),
    (NotebookParameter("a", "None", "3"), True, False),  # YAML true is not an int
    (NotebookParameter("a", "None", "0.5"), 2, True),  # an int is a fine float
    (NotebookParameter("a", "None", "False"), "no", False),
    (NotebookParameter("a", "None", "[1, 2]"), [3], True),
    (NotebookParameter("a", "None", "(1, 2)"), [3], True),
    (NotebookParameter("a", "None", "None"), {"any": "thing"}, True),
    (NotebookParameter("a", "None", "date.today()"), "anything", True),  # not a literal
    (NotebookParameter("a", "int", "None"), None, True),  # default None: null allowed
    (NotebookParameter("a", "int", "None", "required: year"), None, False),
    (NotebookParameter("a", "int", "None", "required: year"), "2025", False),
    (NotebookParameter("a", "Optional[str]", '"x"'), None, True),
    (NotebookParameter("a", "str", '"x"'), None, False),
    (NotebookParameter("a", "list[str]", "[]"), ["x"], True),
    (NotebookParameter("a", "Path", "None"), 3, True),  # a type the build cannot check
])
def test_type_checks(parameter, value, ok):
    assert (parameter.problem(value) is None) is ok


def test_wrong_type_message_says_what_is_allowed():
    problem = NotebookParameter("code", "None", '"E05009317"').problem(5009317)
    assert problem == "must be str, got int 5009317; quote it in the YAML file to make it text"


def test_inspection_is_cached_by_notebook_hash(tmp_path, monkeypatch):
    path = write_notebook(tmp_path / "nb.ipynb")
    cache: dict = {}
    first = read_notebook(path, cache)
    assert cache["sha256"] == first.sha256

    def no_papermill(path):
        raise AssertionError("papermill must not be needed for an unchanged notebook")

    monkeypatch.setattr(notebooks, "_inspect", no_papermill)
    again = read_notebook(path, cache)
    assert again.parameters == first.parameters
    # ... and both are the tiny notebook's parameters (helpers.PARAMETERS), not just equal
    assert [(p.name, p.default) for p in again.parameters.values()] == [
        ("area_type", '"ward"'), ("area_code", '"W1"'), ("fail", "False"), ("message", '"hello"')]
    write_notebook(path, parameters="other = 1\n")
    with pytest.raises(AssertionError, match="must not be needed"):
        read_notebook(path, cache)

