"""Atomic writes into the output folder."""

from __future__ import annotations

import os

import pytest

from thlib.publish import outputs
from thlib.publish.outputs import (
    TEMP_SUFFIX,
    atomic_write,
    failed_notebook_path,
    publish,
    remove_failed_notebook,
    remove_leftover_temps,
)


def test_atomic_write_creates_folders_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a" / "b" / "report.html"
    atomic_write(path, b"<html>")
    assert path.read_bytes() == b"<html>"
    assert os.listdir(path.parent) == ["report.html"]
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # readable by the web server


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    old = tmp_path / "report.html"
    old.write_bytes(b"previous good")
    other = tmp_path / "report.pdf"

    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(outputs.os, "replace", replace)
    with pytest.raises(OSError, match="disk full"):
        publish({old: b"new html", other: b"new pdf"})
    assert old.read_bytes() == b"previous good"
    assert not other.exists()
    assert sorted(os.listdir(tmp_path)) == ["report.html"]  # no temporary file left


def test_publish_renames_only_after_every_file_is_written(tmp_path, monkeypatch):
    seen = []
    real_write_temp = outputs._write_temp

    def write_temp(path, data):
        seen.append(sorted(os.listdir(tmp_path)))
        return real_write_temp(path, data)

    monkeypatch.setattr(outputs, "_write_temp", write_temp)
    publish({tmp_path / "a.html": b"a", tmp_path / "a.pdf": b"b"})
    assert len(seen) == 2  # one temporary file per output, or the check below proves nothing
    assert all("a.html" not in names and "a.pdf" not in names for names in seen)
    assert (tmp_path / "a.pdf").read_bytes() == b"b"


def test_leftover_temporary_files_are_removed(tmp_path):
    (tmp_path / "x").mkdir()
    leftover = tmp_path / "x" / f".a.html.abc{TEMP_SUFFIX}"
    leftover.write_text("partial")
    keep = tmp_path / "x" / "a.html"
    keep.write_text("whole")
    assert remove_leftover_temps(tmp_path) == 1
    assert not leftover.exists() and keep.exists()


def test_failed_notebook_is_removed_with_its_empty_folders(tmp_path):
    path = failed_notebook_path(tmp_path, "profiles/ward/bow")
    assert path == tmp_path / "_failed" / "profiles" / "ward" / "bow.ipynb"
    atomic_write(path, b"{}")
    remove_failed_notebook(tmp_path, "profiles/ward/bow")
    assert not (tmp_path / "_failed").exists()
