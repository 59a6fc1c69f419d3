"""Plain papermill (or JupyterLab) with wrong parameters: the notebook stops in one line."""

from pathlib import Path

import papermill
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
PROFILE = REPO / "notebooks/area_profile.ipynb"


def _run(tmp_path, parameters):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(PROFILE), str(tmp_path / "out.ipynb"),
                                   parameters=parameters, progress_bar=False,
                                   cwd=str(REPO / "notebooks"))
    error = caught.value
    assert len(error.traceback) == 1, error.traceback  # the message, not a traceback
    return error.traceback[0]


def test_an_unknown_area_code_names_the_value_and_the_known_codes(tmp_path):
    line = _run(tmp_path, {"area_type": "ward", "area_code": "E05000000"})
    assert line.startswith("AreaError: unknown ward code 'E05000000'; known ward codes: ")
    assert "E05009331 Bethnal Green West" in line


def test_a_parameter_set_given_to_papermill_is_refused_with_what_to_do(tmp_path):
    parameter_set = yaml.safe_load((REPO / "parameters/area_profiles.yml").read_text())
    line = _run(tmp_path, parameter_set)
    assert line.startswith("ParameterError: this notebook was given ")
    assert "documents" in line and "its parameters are area_type, area_code, output_dir" in line
    assert "thlib params" in line


def test_a_rerun_after_the_analysts_own_names_is_not_refused():
    from thlib.errors import ParameterError
    from thlib.publish.notebooks import check_parameters

    namespace = {"area_type": "ward", "area_code": "E05009331", "In": [], "Out": {}}
    check_parameters(namespace, ["area_type", "area_code"])
    namespace["n"] = 5  # made by the analyst in a later cell
    check_parameters(namespace, ["area_type", "area_code"])  # the rerun: no error
    with pytest.raises(ParameterError, match="was given n, which it does not take"):
        check_parameters({"area_type": "ward", "n": 5}, ["area_type", "area_code"])
