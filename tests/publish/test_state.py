"""Fingerprints and the state file."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from thlib.publish.state import (
    BuildState,
    FileHasher,
    environment_fingerprint,
    stale_reason,
)


def test_file_hash_is_reused_while_size_and_mtime_are_unchanged(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("x,1\n")
    cache: dict = {}
    first = FileHasher(cache).file(path)
    assert first == hashlib.sha256(b"x,1\n").hexdigest()  # SHA-256 of the file's bytes
    stat = path.stat()
    path.write_text("y,2\n")  # same size: only the mtime tells
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileHasher(cache).file(path) == first  # trusted, like git's index
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert FileHasher(cache).file(path) == hashlib.sha256(b"y,2\n").hexdigest()


def test_tree_hash_changes_with_content_and_names_and_ignores_hidden_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.csv").write_text("1")
    hasher = FileHasher({})
    first, latest = hasher.tree(tmp_path)
    assert latest == (tmp_path / "sub" / "a.csv").stat().st_mtime_ns / 1e9
    (tmp_path / ".a.csv.swp").write_text("editor")
    assert hasher.tree(tmp_path)[0] == first
    (tmp_path / "sub" / "a.csv").rename(tmp_path / "sub" / "b.csv")
    assert hasher.tree(tmp_path)[0] != first


def test_configured_data_dir_matches_thlib_data(monkeypatch, tmp_path):
    from thlib.data.files import data_dir
    from thlib.settings import configured_data_dir

    monkeypatch.delenv("THLIB_DATA_DIR", raising=False)
    assert configured_data_dir() == data_dir() == Path(__file__).parents[2] / "data"
    monkeypatch.setenv("THLIB_DATA_DIR", str(tmp_path))
    assert configured_data_dir() == data_dir() == tmp_path


def test_environment_fingerprint_is_the_python_and_reporting_package_versions(
    tmp_path, monkeypatch
):
    # As documented: SHA-256 of the Python version and "name==version" of the reporting
    # packages found as *.dist-info folders on sys.path, one per line, sorted.
    for name in ("pandas-2.2.3.dist-info", "Jinja2-3.1.4.dist-info",
                 "requests-2.32.3.dist-info", "pandas_stubs-2.2.3.dist-info"):
        (tmp_path / name).mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    text = f"{sys.version}\njinja2==3.1.4\npandas==2.2.3"  # requests, pandas_stubs: not used
    assert environment_fingerprint() == hashlib.sha256(text.encode()).hexdigest()
    (tmp_path / "pandas-2.2.3.dist-info").rename(tmp_path / "pandas-2.3.0.dist-info")
    text = f"{sys.version}\njinja2==3.1.4\npandas==2.3.0"
    assert environment_fingerprint() == hashlib.sha256(text.encode()).hexdigest()


COMPONENTS = {"notebook": "n", "parameters": "p", "data": "d", "library": "l", "environment": "e"}


def test_stale_reasons(tmp_path):
    (tmp_path / "a.html").write_text("x")
    entry = {"status": "ok", "components": dict(COMPONENTS), "outputs": {"html": "a.html"},
             "extras": []}
    assert stale_reason(entry, COMPONENTS, ("html",), tmp_path) is None
    assert stale_reason(entry, COMPONENTS, ("html",), tmp_path, force=True) == "forced (--force)"
    assert stale_reason(None, COMPONENTS, ("html",), tmp_path) == "new document"
    changed = {**COMPONENTS, "data": "d2", "notebook": "n2"}
    assert stale_reason(entry, changed, ("html",), tmp_path) == "notebook, data changed"
    assert stale_reason(entry, COMPONENTS, ("html", "pdf"), tmp_path) == "no pdf built yet"
    assert stale_reason({**entry, "status": "failed"}, COMPONENTS, ("html",), tmp_path) \
        == "last build failed"
    (tmp_path / "a.html").unlink()
    assert stale_reason(entry, COMPONENTS, ("html",), tmp_path) == "a.html is missing"


def test_state_is_saved_only_when_changed(tmp_path):
    state = BuildState(tmp_path / ".thlib-build.json")
    state.documents["a"] = {"status": "ok"}
    assert state.save() is True
    mtime = state.path.stat().st_mtime_ns
    again = BuildState(state.path)
    assert again.documents == {"a": {"status": "ok"}}
    assert again.save() is False
    assert state.path.stat().st_mtime_ns == mtime


def test_unreadable_state_means_rebuild_all(tmp_path, caplog):
    path = tmp_path / ".thlib-build.json"
    path.write_text("{not json")
    assert BuildState(path).documents == {}
    assert "unreadable" in caplog.text


@pytest.mark.parametrize("text", ["[]", '"state"', '{"version": 1, "documents": []}', "null"])
def test_a_state_file_of_another_shape_means_rebuild_all(tmp_path, caplog, text):
    path = tmp_path / ".thlib-build.json"
    path.write_text(text, encoding="utf-8")
    state = BuildState(path)
    assert state.documents == {} and state.files == {}
    assert "not a build state" in caplog.text


def test_data_fingerprint_follows_the_neighbourhood_grouping_in_use(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x,1\n")
    monkeypatch.delenv("THLIB_NEIGHBOURHOODS", raising=False)
    shipped = BuildState(tmp_path / "state.json").fingerprints(data).data
    grouping = tmp_path / "agreed.yml"
    grouping.write_text("first grouping\n")
    monkeypatch.setenv("THLIB_NEIGHBOURHOODS", str(grouping))
    first = BuildState(tmp_path / "state.json").fingerprints(data).data
    grouping.write_text("other grouping\n")
    other = BuildState(tmp_path / "state.json").fingerprints(data).data
    assert len({shipped, first, other}) == 3  # each grouping rebuilds the reports


def test_only_custom_areas_documents_follow_the_custom_areas_file_in_use(tmp_path,
                                                                        monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x,1\n")
    (data / "custom_areas.yml").write_text("areas: []\n")
    monkeypatch.delenv("THLIB_NEIGHBOURHOODS", raising=False)
    monkeypatch.delenv("THLIB_CUSTOM_AREAS", raising=False)

    def components(custom_area):
        prints = BuildState(tmp_path / "state.json").fingerprints(data)
        return prints.for_document("notebook", "parameters", custom_area=custom_area)

    shipped = components(True), components(False)
    (data / "custom_areas.yml").write_text("areas: [{code: CA-X, name: X, wards: [E05009317]}]\n")
    edited = components(True), components(False)
    areas = tmp_path / "areas.yml"
    areas.write_text("areas: []\n")
    monkeypatch.setenv("THLIB_CUSTOM_AREAS", str(areas))
    elsewhere = components(True), components(False)
    # a custom area's profile is rebuilt for each file of areas or edit of it ...
    assert len({str(shipped[0]), str(edited[0]), str(elsewhere[0])}) == 3
    # ... the other documents (wards, the annual report) are not
    assert shipped[1] == edited[1] == elsewhere[1]
    assert "custom_areas" not in shipped[1]
    (data / "a.csv").write_text("x,2\n")
    assert components(False)["data"] != shipped[1]["data"]  # other data still count


def test_kernels_are_given_the_custom_areas_file(tmp_path, monkeypatch):
    from thlib.publish.runner import _kernel_env

    areas = tmp_path / "areas.yml"
    monkeypatch.setenv("THLIB_CUSTOM_AREAS", str(areas))
    assert ("THLIB_CUSTOM_AREAS", str(areas.resolve())) in _kernel_env()
    monkeypatch.delenv("THLIB_CUSTOM_AREAS")
    assert "THLIB_CUSTOM_AREAS" not in dict(_kernel_env())
