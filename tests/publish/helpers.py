"""Helpers for the build tests: tiny notebooks, parameter sets, a fake geography.

Not a conftest: the test modules import what they need, so this file can live beside
tests written by others.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from thlib.errors import AreaError

#: The fake geography: code, name, slug by area type.
AREAS = {
    "borough": [("B1", "Testborough", "testborough")],
    "ward": [("W1", "North Ward", "north-ward"), ("W2", "South Ward", "south-ward")],
}

#: Parameters cell of the tiny report notebook.
PARAMETERS = 'area_type = "ward"\narea_code = "W1"\nfail = False\nmessage = "hello"\n'
#: Its body: prints, and fails on demand.
BODY = [
    'print(f"{message} from {area_type} {area_code}")',
    'assert not fail, "asked to fail"',
]


def fake_geography() -> SimpleNamespace:
    """Return an object with ``AREA_TYPES`` and ``list_areas`` like :mod:`thlib.geography`."""

    def list_areas(area_type: str) -> list[SimpleNamespace]:
        if area_type not in AREAS:
            raise AreaError(f"unknown area type {area_type!r}")
        return [SimpleNamespace(type=area_type, code=c, name=n, slug=s)
                for c, n, s in AREAS[area_type]]

    return SimpleNamespace(AREA_TYPES=tuple(AREAS), list_areas=list_areas)


def write_notebook(
    path: Path, parameters: str = PARAMETERS, body: list[str] | None = None,
    title: str | None = "Tiny report",
) -> Path:
    """Write a notebook with a ``parameters`` cell, a heading and one code cell per body item."""
    nb = new_notebook()
    cell = new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell, new_markdown_cell("# Tiny report")]
    nb.cells += [new_code_cell(source) for source in (BODY if body is None else body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    if title:
        nb.metadata["title"] = title
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@dataclass
class Project:
    """A throwaway project: notebooks/, parameters/, data/ and outputs/ in one folder."""

    root: Path

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def parameters(self) -> Path:
        return self.root / "parameters"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    def write_params(self, name: str, text: str) -> Path:
        """Write ``parameters/<name>`` (text dedented)."""
        path = self.parameters / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def kwargs(self) -> dict:
        """Folders as keyword arguments of :func:`thlib.publish.build`."""
        return {"output_dir": self.outputs, "parameters_dir": self.parameters,
                "notebooks_dir": self.notebooks, "data_dir": self.data}

    def cli_args(self) -> list[str]:
        """Folders as ``thlib build`` options (data folder via THLIB_DATA_DIR)."""
        return ["--output-dir", str(self.outputs), "--parameters-dir", str(self.parameters),
                "--notebooks-dir", str(self.notebooks)]


TINY_SET = """\
report: tiny
title: "{area_name}: tiny report"
output: "tiny/{area_type}/{area_slug}"
formats: [html]
documents:
  - area_type: borough
  - area_type: ward
"""


def make_project(tmp_path: Path, monkeypatch, params: str = TINY_SET) -> Project:
    """Return a project with the tiny notebook, one parameter set, a data file and the
    fake geography in place of :mod:`thlib.geography`."""
    import thlib.publish.areas

    monkeypatch.setattr(thlib.publish.areas, "load_geography", fake_geography)
    project = Project(tmp_path)
    write_notebook(project.notebooks / "tiny.ipynb")
    project.write_params("tiny.yml", params)
    project.data.mkdir()
    (project.data / "values.csv").write_text("area,value\nW1,1\n", encoding="utf-8")
    monkeypatch.setenv("THLIB_DATA_DIR", str(project.data))
    return project


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file under ``folder`` with its bytes and mtime, by relative path."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }
