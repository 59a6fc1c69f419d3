"""One build at a time per output folder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from thlib.errors import BuildError
from thlib.publish.lock import LOCK_NAME, BuildLock


def test_second_build_fails_fast_naming_the_lock_file(tmp_path):
    with BuildLock(tmp_path / "outputs"):
        with pytest.raises(BuildError) as caught:
            with BuildLock(tmp_path / "outputs"):
                pass
    message = str(caught.value)
    assert str(tmp_path / "outputs" / LOCK_NAME) in message
    assert "another thlib build" in message
    assert f"process {os.getpid()}" in message  # from /proc/locks
    with BuildLock(tmp_path / "outputs"):  # released
        pass


def test_lock_held_by_another_process(tmp_path):
    code = (
        "import sys, time; from thlib.publish.lock import BuildLock\n"
        f"with BuildLock({str(tmp_path)!r}):\n"
        "    print('locked', flush=True); sys.stdin.read()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(BuildError, match=f"held by process {holder.pid}"):
            with BuildLock(tmp_path):
                pass
    finally:
        holder.communicate("")
    with BuildLock(tmp_path):  # the lock went with the process
        pass


def test_cli_reports_the_held_lock_without_traceback(tmp_path, capsys, monkeypatch):
    from tests.publish.helpers import make_project
    from thlib.cli import main

    project = make_project(tmp_path, monkeypatch)
    with BuildLock(project.outputs):
        code = main(["build", *project.cli_args()])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: another thlib build is writing to" in err
    assert LOCK_NAME in err and "Traceback" not in err
