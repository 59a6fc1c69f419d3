"""The thlib command line."""

from __future__ import annotations

import json
import subprocess
import sys

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
