"""End to end: real kernels, the real HTML and PDF conversion, the fake geography.

Documents run in a thread pool here (no worker processes to start); the process pool is
exercised by the CLI test and Dask by the executor test.
"""

from __future__ import annotations

import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from tests.publish.helpers import TINY_SET, make_project, snapshot, write_notebook
from thlib.errors import ParameterError
from thlib.publish import build


@pytest.fixture
def threads():
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


def outputs_of(result):
    return {r.document.output: r.status for r in result.documents}


def test_build_then_skip_then_rebuild_what_changed(tmp_path, monkeypatch, threads):
    project = make_project(tmp_path, monkeypatch)
    result = build(**project.kwargs(), executor=threads, jobs=2)
    assert outputs_of(result) == {"tiny/borough/testborough": "built",
                                  "tiny/ward/north-ward": "built",
                                  "tiny/ward/south-ward": "built"}
    assert result.exit_code == 0
    html = (project.outputs / "tiny/ward/south-ward.html").read_text()
    assert "<title>South Ward: tiny report</title>" in html
    assert "hello from ward W2" in html
    index = (project.outputs / "index.html").read_text()
    for output in ("tiny/borough/testborough", "tiny/ward/north-ward", "tiny/ward/south-ward"):
        assert f'href="{output}.html"' in index
    record = json.loads((project.outputs / "build-record.json").read_text())
    assert record["built"] == 3 and record["failed"] == 0
    (south,) = [d for d in record["documents"] if d["output"] == "tiny/ward/south-ward"]
    assert south["parameters"] == {"area_type": "ward", "area_code": "W2"}
    assert south["outputs"] == ["tiny/ward/south-ward.html"]
    assert south["status"] == "built" and south["reason"] == "new document"
    assert south["seconds"] > 0 and south["error"] is None
    assert south["worker"].endswith(f":{os.getpid()}")  # a thread of this process

    # Nothing changed: nothing built, every file (record and index included) untouched.
    before = snapshot(project.outputs)
    again = build(**project.kwargs(), executor=threads)
    assert set(outputs_of(again).values()) == {"skipped"}
    assert snapshot(project.outputs) == before

    def planned(**kwargs):
        result = build(**project.kwargs(), dry_run=True, **kwargs)
        assert snapshot(project.outputs) == before  # a dry run writes nothing
        return {r.document.output: r.reason for r in result.documents if r.status == "planned"}

    # Data: everything.
    (project.data / "values.csv").write_text("area,value\nW1,2\n")
    assert set(planned().values()) == {"data changed"}
    (project.data / "values.csv").write_text("area,value\nW1,1\n")
    assert planned() == {}  # content, not mtime, decides
    # One document's parameters: that document.
    project.write_params("tiny.yml", TINY_SET.replace(
        "  - area_type: borough\n", "  - {area_type: borough, message: hi}\n"))
    assert planned() == {"tiny/borough/testborough": "parameters changed"}
    # The notebook: every document of it.
    nb = nbformat.read(project.notebooks / "tiny.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("More words."))
    nbformat.write(nb, project.notebooks / "tiny.ipynb")
    assert set(planned().values()) == {"notebook changed", "notebook, parameters changed"}
    assert planned(only=["W2"]) == {"tiny/ward/south-ward": "notebook changed"}

    rebuilt = build(**project.kwargs(), executor=threads, only=["borough"])
    assert outputs_of(rebuilt) == {"tiny/borough/testborough": "built"}
    assert "hi from borough B1" in (project.outputs / "tiny/borough/testborough.html").read_text()
    assert snapshot(project.outputs)["tiny/ward/north-ward.html"] == \
        before["tiny/ward/north-ward.html"]


def test_failed_document_keeps_previous_output_and_its_notebook(tmp_path, monkeypatch, threads):
    params = TINY_SET.replace("  - area_type: ward\n", "  - {area_type: ward, area_code: W1}\n")
    project = make_project(tmp_path, monkeypatch, params)
    assert build(**project.kwargs(), executor=threads).exit_code == 0
    good = snapshot(project.outputs)

    project.write_params("tiny.yml", params.replace("area_code: W1}", "area_code: W1, "
                                                    "fail: true}"))
    result = build(**project.kwargs(), executor=threads)
    assert result.exit_code == 1
    assert outputs_of(result) == {"tiny/ward/north-ward": "failed",
                                  "tiny/borough/testborough": "skipped"}
    (failed,) = [r for r in result.documents if r.status == "failed"]
    assert failed.error == "AssertionError: asked to fail (at In [4])"
    assert failed.failed_notebook == "_failed/tiny/ward/north-ward.ipynb"
    # The previous good files are untouched, and no temporary file is left anywhere.
    now = snapshot(project.outputs)
    for name in ("tiny/ward/north-ward.html", "tiny/borough/testborough.html"):
        assert now[name] == good[name]
    assert not [name for name in now if name.rsplit("/", 1)[-1].startswith(".")
                and not name.startswith(".thlib-build")]
    # The executed notebook is kept, with papermill's marker on the failing cell.
    kept = nbformat.reads(now[failed.failed_notebook][0].decode(), as_version=4)
    errors = [cell for cell in kept.cells if any(o.get("output_type") == "error"
                                                 for o in cell.get("outputs", []))]
    assert errors and "asked to fail" in json.dumps(errors[0].outputs)
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in kept.cells)
    record = json.loads(now["build-record.json"][0])
    assert record["failed"] == 1
    assert [d["error"] for d in record["documents"] if d["status"] == "failed"] == [failed.error]
    assert "Last rebuild failed" in now["index.html"][0].decode()
    # Still stale: the next run tries again.
    retry = build(**project.kwargs(), dry_run=True)
    assert [r.reason for r in retry.documents if r.status == "planned"] == ["last build failed"]

    # Fixed: built, and the failed notebook is gone.
    project.write_params("tiny.yml", params)
    assert build(**project.kwargs(), executor=threads).exit_code == 0
    assert not (project.outputs / "_failed").exists()


def test_files_written_to_output_dir_are_published_beside_the_pdf(tmp_path, monkeypatch):
    project = make_project(tmp_path, monkeypatch, (
        "report: annual\noutput: 'annual/{year}/annual-report-{year}'\nformats: [html, pdf]\n"
        "documents:\n  - year: 2025\n"))
    write_notebook(project.notebooks / "annual.ipynb", title="Annual report", parameters=(
        "year: int = None  # required: the reporting year\noutput_dir = None\n"), body=[
        "from pathlib import Path\n"
        "Path(output_dir, f'annual-report-{year}-data.csv').write_text('measure,value\\n')\n"
        "Path(output_dir, 'notes.txt').write_text('notes')\n"
        "print('year', year)",
    ])
    (project.notebooks / "tiny.ipynb").unlink()
    (project.parameters / "tiny.yml").unlink()
    project.write_params("annual.yml", (
        "report: annual\ntitle: 'Annual report {year}'\n"
        "output: 'annual/{year}/annual-report-{year}'\nformats: [html, pdf]\n"
        "documents:\n  - year: 2025\n"))
    result = build(**project.kwargs(), jobs=1, executor=ThreadPoolExecutor(1))
    assert result.exit_code == 0, result.documents[0].error
    folder = project.outputs / "annual" / "2025"
    assert sorted(p.name for p in folder.iterdir()) == [
        "annual-report-2025-data.csv", "annual-report-2025-notes.txt",
        "annual-report-2025.html", "annual-report-2025.pdf"]
    assert folder.joinpath("annual-report-2025.pdf").read_bytes().startswith(b"%PDF-")
    assert (folder / "annual-report-2025-data.csv").read_text() == "measure,value\n"
    index = (project.outputs / "index.html").read_text()
    assert 'href="annual/2025/annual-report-2025-data.csv"' in index
    assert 'href="annual/2025/annual-report-2025.pdf"' in index


def test_parameter_error_stops_the_build_before_anything_is_written(tmp_path, monkeypatch):
    project = make_project(tmp_path, monkeypatch, TINY_SET + "  - {area_type: ward, colour: red}\n")
    with pytest.raises(ParameterError) as caught:
        build(**project.kwargs())
    message = str(caught.value)
    assert "tiny.yml, line 8" in message and "'colour'" in message
    assert "allowed keys: area_type, area_code, fail, message" in message
    assert not project.outputs.exists()


def test_kernels_read_the_data_folder_the_build_fingerprints(tmp_path, monkeypatch, threads):
    project = make_project(tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("THLIB_DATA_DIR", str(elsewhere))  # not the folder passed to build
    write_notebook(project.notebooks / "tiny.ipynb", body=[
        'import os; print("data folder:", os.environ["THLIB_DATA_DIR"])'])
    build(**project.kwargs(), executor=threads, only=["south-ward"], formats="html")
    html = (project.outputs / "tiny/ward/south-ward.html").read_text()
    assert f"data folder: {project.data.resolve()}" in html
    assert os.environ["THLIB_DATA_DIR"] == str(elsewhere)  # restored after the build


def test_a_draft_of_some_formats_logs_those_and_keeps_the_others(tmp_path, monkeypatch,
                                                                  threads, caplog):
    project = make_project(tmp_path, monkeypatch)
    build(**project.kwargs(), executor=threads, only=["south-ward"], formats="html,ipynb")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="thlib.publish"):
        build(**project.kwargs(), executor=threads, only=["south-ward"], formats="html",
              force=True)
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("built ")]
    assert line.startswith("built tiny/ward/south-ward in") and line.endswith("s (html)")
    record = json.loads((project.outputs / "build-record.json").read_text())
    (entry,) = [d for d in record["documents"] if d["output"] == "tiny/ward/south-ward"]
    assert sorted(entry["outputs"]) == ["tiny/ward/south-ward.html", "tiny/ward/south-ward.ipynb"]
