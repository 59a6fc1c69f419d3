"""Faults a scheduled build must survive: a kernel that dies, a document that never ends, a stop.

Real kernels and real builds (in a thread pool, as tests/publish/test_runner.py does). After
each fault the faulty document fails with a message saying what happened, the others are
built, the index and the build record are rewritten, and nothing earlier is lost.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.publish.helpers import make_project, snapshot, write_notebook
from thlib.errors import ParameterError
from thlib.publish import build

PARAMETERS = 'area_type = "ward"\narea_code = "W1"\nfault = ""\n'
BODY = [
    "import os, signal, time",
    # A kernel killed as the system's out-of-memory killer would, or a cell that never ends.
    'if fault == "kill":\n    os.kill(os.getpid(), signal.SIGKILL)\n    time.sleep(60)',
    'if fault == "hang":\n    time.sleep(600)',
    'print(f"built {area_code}")',
]
SET = """\
report: tiny
title: "{area_name}: tiny report"
output: "tiny/{area_type}/{area_slug}"
formats: [html]
timeout: TIMEOUT
documents:
  - {area_type: ward, area_code: W1, fault: FAULT}
  - {area_type: ward, area_code: W2}
"""


@pytest.fixture
def threads():
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


@pytest.mark.parametrize("fault, timeout, message", [
    ("kill", 120, "the kernel was killed by SIGKILL (the system may have run out of memory, "
                  "or something ended it) while the document ran"),
    ("hang", 8, "the document did not finish within 8 s (the parameter set's timeout) and "
                "was stopped"),
])
def test_a_document_whose_kernel_dies_or_hangs_fails_alone(tmp_path, monkeypatch, threads,
                                                           fault, timeout, message):
    project = make_project(tmp_path, monkeypatch,
                           SET.replace("TIMEOUT", str(timeout)).replace("FAULT", '""'))
    write_notebook(project.notebooks / "tiny.ipynb", PARAMETERS, BODY)
    assert build(**project.kwargs(), executor=threads).exit_code == 0
    good = snapshot(project.outputs)

    project.write_params("tiny.yml", SET.replace("TIMEOUT", str(timeout))
                         .replace("FAULT", fault))
    clock = time.monotonic()
    result = build(**project.kwargs(), executor=threads, force=True)
    assert time.monotonic() - clock < timeout + 60  # no hang: noticed at once, or at the limit
    assert result.exit_code == 1
    statuses = {r.document.output: (r.status, r.error) for r in result.documents}
    assert statuses == {"tiny/ward/north-ward": ("failed", message),
                        "tiny/ward/south-ward": ("built", None)}
    now = snapshot(project.outputs)
    assert now["tiny/ward/north-ward.html"] == good["tiny/ward/north-ward.html"]  # kept
    record = json.loads(now["build-record.json"][0])
    assert (record["built"], record["failed"]) == (1, 1)
    assert "Last rebuild failed" in now["index.html"][0].decode()


def _marked(mark: str) -> list[int]:
    """Return the processes whose environment holds ``mark`` (the build's and its children's)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if mark.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:  # gone, or not ours to read
            continue
    return found


def _kernels(mark: str) -> list[int]:
    """Return the kernels among the processes marked."""
    found = []
    for pid in _marked(mark):
        try:
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stopped_build_ends_its_workers_and_kernels_and_says_what_it_kept(tmp_path, signum):
    write_notebook(tmp_path / "notebooks" / "slow.ipynb", "n = 0\n",
                   ["import time\ntime.sleep(120)"])
    (tmp_path / "parameters").mkdir()
    (tmp_path / "parameters" / "slow.yml").write_text(
        'report: slow\ntitle: "Slow {n}"\noutput: "slow/{n}"\nformats: [html]\n'
        "documents:\n  - {n: 1}\n  - {n: 2}\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "values.csv").write_text("a\n1\n", encoding="utf-8")
    mark = f"THLIB_FAULT_TEST={uuid.uuid4().hex}"
    env = {**os.environ, "THLIB_DATA_DIR": str(tmp_path / "data"),
           mark.split("=")[0]: mark.split("=")[1]}
    build_process = subprocess.Popen(
        [sys.executable, "-m", "thlib", "build", "--project", str(tmp_path), "--jobs", "2",
         "--output-dir", str(tmp_path / "outputs")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    try:
        # Wait until a document runs: a kernel has started, in a worker of the build.
        deadline = time.monotonic() + 120
        while not _kernels(mark) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _kernels(mark), "the build started no kernel"
        time.sleep(1)
        build_process.send_signal(signum)
        out, err = build_process.communicate(timeout=60)
    finally:
        if build_process.poll() is None:
            os.killpg(build_process.pid, signal.SIGKILL)
    assert build_process.returncode == 128 + signum, err
    assert "thlib build: interrupted: built 0, skipped 0, failed 0" in out
    assert "Traceback" not in err and "finished documents are kept" in err
    # No worker or kernel is left behind.
    deadline = time.monotonic() + 10
    while _marked(mark) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _marked(mark) == []
    # The lock is free, and the index and the record say what happened.
    record = json.loads((tmp_path / "outputs" / "build-record.json").read_text())
    assert record["interrupted"] is True
    assert (tmp_path / "outputs" / "index.html").is_file()


def test_a_full_disk_while_saving_one_document_fails_it_alone_and_exits_4(
        tmp_path, monkeypatch, threads):
    import errno

    import thlib.publish.runner

    project = make_project(tmp_path, monkeypatch,
                           SET.replace("TIMEOUT", "120").replace("FAULT", '""'))
    write_notebook(project.notebooks / "tiny.ipynb", PARAMETERS, BODY)
    real = thlib.publish.runner.publish

    def full_for_north(files, *args, **kwargs):
        if any("north-ward" in str(path) for path in files):
            raise OSError(errno.ENOSPC, "No space left on device", str(next(iter(files))))
        return real(files, *args, **kwargs)

    monkeypatch.setattr(thlib.publish.runner, "publish", full_for_north)
    result = build(**project.kwargs(), executor=threads)
    assert result.exit_code == 4  # the documented status of a full disk
    statuses = {r.document.output: r.status for r in result.documents}
    assert statuses == {"tiny/ward/north-ward": "failed", "tiny/ward/south-ward": "built"}
    (failed,) = [r for r in result.documents if r.status == "failed"]
    assert failed.error.startswith("could not write the files: No space left on device (")
    record = json.loads((project.outputs / "build-record.json").read_text())
    assert (record["built"], record["failed"]) == (1, 1)
    assert "south-ward" in (project.outputs / "index.html").read_text()


def _no_area_project(tmp_path: Path, body: list[str]) -> dict[str, str]:
    """Write a project of two documents without areas; return the environment to build it."""
    write_notebook(tmp_path / "notebooks" / "plain.ipynb", "n = 0\n", body)
    (tmp_path / "parameters").mkdir(exist_ok=True)
    (tmp_path / "parameters" / "plain.yml").write_text(
        'report: plain\ntitle: "Plain {n}"\noutput: "plain/{n}"\nformats: [html]\n'
        "documents:\n  - {n: 1}\n  - {n: 2}\n", encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "values.csv").write_text("a\n1\n", encoding="utf-8")
    return {**os.environ, "THLIB_DATA_DIR": str(tmp_path / "data")}


def test_a_file_size_limit_stands_in_for_a_full_disk_status_4_and_nothing_lost(tmp_path):
    import resource

    env = _no_area_project(tmp_path, ["print('x' * 100_000)"])
    command = [sys.executable, "-m", "thlib", "build", "--project", str(tmp_path), "--jobs", "1",
               "--output-dir", str(tmp_path / "outputs")]
    assert subprocess.run(command, env=env, capture_output=True, timeout=300).returncode == 0
    before = snapshot(tmp_path / "outputs")

    def small_disk():  # ulimit -f: a write past 20 KB fails (EFBIG), as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run([*command, "--force"], env=env, capture_output=True, text=True,
                          timeout=300, preexec_fn=small_disk)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "file size limit" in done.stdout + done.stderr
    after = snapshot(tmp_path / "outputs")
    for name in ("plain/1.html", "plain/2.html"):  # the earlier outputs are intact
        assert after[name][0] == before[name][0]
    assert not [n for n in after if ".tmp" in n]  # no half-written file left


def test_a_bad_custom_areas_file_stops_only_the_builds_that_need_it(data_copy):
    from thlib.errors import AreaError

    repo = Path(__file__).resolve().parents[2]
    (data_copy / "custom_areas.yml").write_text(
        "laughs: &a [lol, lol, lol]\nareas: [*a]\n", encoding="utf-8")
    kwargs = {"output_dir": data_copy.parent / "outputs", "parameters_dir": repo / "parameters",
              "notebooks_dir": repo / "notebooks", "dry_run": True}
    # Every area profile needs every area: the bad file is an error naming it and its line.
    with pytest.raises(AreaError, match=r"custom_areas\.yml, line 2: .*alias"):
        build(**kwargs)
    # One ward's profile does not: it is planned, and the bad file is said, not fatal.
    result = build(**kwargs, only=["bow-east"])
    assert [r.document.output for r in result.documents] == ["profiles/ward/bow-east"]
    # A selector that might have named a custom area says why it matched nothing.
    with pytest.raises(ParameterError, match=r"CA-BOW.*custom areas cannot be listed"):
        build(**kwargs, only=["CA-BOW"])
