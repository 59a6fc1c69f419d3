"""The thlib command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.publish.helpers import TINY_SET, make_project
from thlib.cli import main, make_parser

OPTIONS = ["--only", "--params", "--formats", "--jobs", "--force", "--dry-run", "--output-dir",
           "--quiet", "--parameters-dir", "--notebooks-dir", "--executor", "--scheduler"]


def test_help_documents_every_option():
    text = make_parser()._subparsers._group_actions[0].choices["build"].format_help()
    for option in OPTIONS:
        assert option in text
    done = subprocess.run([sys.executable, "-m", "thlib", "build", "--help"],
                          capture_output=True, text=True, check=True)
    assert "usage: thlib build" in done.stdout and "--dry-run" in done.stdout


def test_build_with_worker_processes_then_no_op(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, monkeypatch)
    extra = tmp_path / "extra.yml"
    extra.write_text(TINY_SET.replace("report: tiny", "report: tiny\ndescription: Extra.")
                     .replace("output: \"tiny/", "output: \"extra/"))
    code = main(["build", *project.cli_args(), "--jobs", "2", "--only", "north-ward",
                 "--params", str(extra), "--formats", "html", "--quiet", "--fresh-kernels"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "thlib build: built 2, skipped 0, failed 0" in out
    assert err == ""  # quiet: no progress, no log lines
    assert (project.outputs / "tiny/ward/north-ward.html").is_file()
    assert (project.outputs / "extra/ward/north-ward.html").is_file()
    record = json.loads((project.outputs / "build-record.json").read_text())
    assert record["jobs"] == 2

    code = main(["build", *project.cli_args(), "--dry-run"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "build  tiny/ward/south-ward  (tiny: new document)" in out
    assert "skip   tiny/ward/north-ward  (up to date)" in out
    assert "dry run: 2 to build, 1 up to date; nothing written" in out


def test_log_lines_when_not_a_terminal(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, monkeypatch, TINY_SET.replace(
        "  - area_type: ward\n", "  - {area_type: ward, area_code: W2, fail: true}\n"))
    code = main(["build", *project.cli_args(), "--jobs", "1", "--only", "ward"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "failed  tiny/ward/south-ward: AssertionError: asked to fail" in out
    assert "_failed/tiny/ward/south-ward.ipynb" in out
    assert "thlib build: built 0, skipped 0, failed 1" in out
    lines = err.splitlines()
    assert any(line[:4].isdigit() and " ERROR thlib.publish: failed tiny/ward/south-ward" in line
               for line in lines)  # timestamped, for cron


def test_bad_input_is_one_error_line(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, monkeypatch, TINY_SET + "  - {area_type: ward, colour: red}\n")
    assert main(["build", *project.cli_args()]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "unknown parameter 'colour'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("extra, expected", [
    # A "billion laughs": aliases that would expand to 10^9 strings.
    ("laughs: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
     "more: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n", "line 9: not valid YAML: an alias"),
    ("description: \"Our \\u202ereport\"\n", "line 8: description holds the control "
                                               "character U+202E"),
    ("timeout: .nan\n", "line 8: timeout is nan; give a positive, finite number"),
])
def test_a_hostile_or_careless_parameter_set_is_one_error_line_and_status_2(
        tmp_path, monkeypatch, capsys, extra, expected):
    project = make_project(tmp_path, monkeypatch, TINY_SET + extra)
    assert main(["build", *project.cli_args()]) == 2
    err = _one_error_line(capsys)
    assert "tiny.yml" in err and expected in err, err


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ")
    return err


def test_an_output_folder_with_a_file_in_the_way_is_one_line_and_status_3(
        tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, monkeypatch)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    args = project.cli_args()
    args[1] = str(blocker / "outputs")
    assert main(["build", *args, "--quiet"]) == 3
    err = _one_error_line(capsys)
    assert str(blocker) in err and "a file is in the way" in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_lock_file_that_cannot_be_created_is_one_line_and_status_3(
        tmp_path, monkeypatch, capsys):
    # CI runs as root, whom file permissions do not stop: the refusal is simulated
    import errno
    import os

    import thlib.publish.lock

    project = make_project(tmp_path, monkeypatch)
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(thlib.publish.lock.LOCK_NAME):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(thlib.publish.lock.os, "open", refuse)
    assert main(["build", *project.cli_args(), "--quiet"]) == 3
    err = _one_error_line(capsys)
    assert "cannot create the build's lock file" in err and "permission denied" in err


def test_a_full_disk_is_one_line_and_status_4(tmp_path, monkeypatch, capsys):
    import errno

    import thlib.publish.runner

    project = make_project(tmp_path, monkeypatch)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(project.outputs / "x"))

    monkeypatch.setattr(thlib.publish.runner, "write_index", full)
    assert main(["build", *project.cli_args(), "--quiet", "--formats", "html"]) == 4
    assert "the disk is full" in _one_error_line(capsys)


def test_a_data_folder_that_is_a_file_is_one_line_and_status_5(tmp_path, monkeypatch, capsys):
    project = make_project(tmp_path, monkeypatch)
    blocker = tmp_path / "data-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("THLIB_DATA_DIR", str(blocker))
    assert main(["build", *project.cli_args(), "--quiet"]) == 5
    assert f"data folder {blocker} is a file, not a folder" in _one_error_line(capsys)


def test_an_internal_error_is_one_line_naming_the_file_with_its_traceback(
        tmp_path, monkeypatch, capsys):
    import thlib.publish.runner

    project = make_project(tmp_path, monkeypatch)

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(thlib.publish.runner, "make_plan", bug)
    assert main(["build", *project.cli_args(), "--quiet"]) == 70
    err = _one_error_line(capsys)
    assert "unexpected internal error (ZeroDivisionError: division by zero)" in err
    report = err.split("the full traceback is in ")[1].split(":")[0]
    text = open(report, encoding="utf-8").read()
    assert text.startswith("Traceback") and "ZeroDivisionError" in text
    os.remove(report)


REPO = Path(__file__).resolve().parents[2]


def test_version(capsys):
    import thlib

    try:
        main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert capsys.readouterr().out.strip() == f"thlib {thlib.__version__}"


def test_indicators_lists_the_catalogue_and_shows_one(capsys):
    assert main(["indicators"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "98 indicators; 'thlib indicators ID' shows one"
    assert any(line.startswith("crime-rate ") and "All recorded crime (per 1,000 residents)"
               in line for line in lines)
    assert main(["indicators", "crime-rate"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# crime-rate, defined in thlib/indicators/definitions/communities.yml")
    assert "statistic: crude_rate" in text
    assert main(["indicators", "crime-rates"]) == 2
    assert "did you mean crime-rate" in capsys.readouterr().err


def test_thlib_finds_the_project_from_a_subfolder_and_says_when_there_is_none(
        tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO / "notebooks")
    out_dir = tmp_path / "params"
    assert main(["params", "--only", "bow-east", "--output-dir", str(out_dir)]) == 0
    written = out_dir / "profiles/ward/bow-east.yml"
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == {
        "area_type": "ward", "area_code": "E05009319"}  # Bow East's GSS code
    assert f"-f {written}" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "is not inside a thlib project" in err and "--project DIR" in err
    assert main(["build", "--dry-run", "--project", str(REPO), "--only", "bow-east"]) == 0



def test_planning_a_build_imports_no_data_or_drawing_library():
    # a build with nothing to do should start in a fraction of a second: the libraries
    # only documents need (pandas, geopandas, matplotlib, jsonschema: 2 s) stay unloaded
    heavy = ("pandas", "geopandas", "matplotlib", "jsonschema", "weasyprint")
    code = ("import sys, thlib.cli, thlib.publish, thlib.publish.plan; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
