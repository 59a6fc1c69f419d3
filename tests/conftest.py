"""Shared fixtures: a private copy of the data folder for tests that break or replace files,
and the real reports built once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

#: One profile of each area type: Bethnal Green West ward, the North West neighbourhood
#: (which holds it in the shipped grouping) and the borough; and the annual report.
BUILT_OUTPUTS = ("profiles/ward/bethnal-green-west", "profiles/neighbourhood/north-west",
                 "profiles/borough/tower-hamlets", "annual-report/2025/annual-report-2025")
# Keep the indicator cache of test runs away from the user's own.
os.environ.setdefault("THLIB_CACHE_DIR", tempfile.mkdtemp(prefix="thlib-test-cache-"))


@pytest.fixture
def areas_file(request, tmp_path, monkeypatch) -> Path:
    """Write the test module's ``AREAS`` as a custom areas file, point thlib at it, return it."""
    path = tmp_path / "custom_areas.yml"
    path.write_text(request.module.AREAS, encoding="utf-8")
    monkeypatch.setenv("THLIB_CUSTOM_AREAS", str(path))
    return path


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """Copy data/ to a temporary folder, point thlib at it and return its path."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    monkeypatch.setenv("THLIB_DATA_DIR", str(target))
    monkeypatch.delenv("THLIB_NEIGHBOURHOODS", raising=False)
    return target


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory) -> Path:
    """Build :data:`BUILT_OUTPUTS` (HTML, PDF, index) once for the session; return the folder.

    Used by the end-to-end tests and the accessibility tests in the browser, so CI builds
    the real reports (the annual report takes about a minute) only once.
    """
    from thlib.publish import build

    out = tmp_path_factory.mktemp("outputs")
    result = build(output_dir=out, parameters_dir=REPO / "parameters",
                   notebooks_dir=REPO / "notebooks", only=list(BUILT_OUTPUTS), jobs=2)
    assert result.exit_code == 0
    assert sorted(r.document.output for r in result.documents if r.status == "built") == sorted(
        BUILT_OUTPUTS)
    return out
