"""Faults a scheduled build must survive: a kernel that dies, a document that never ends.

Real kernels and real builds (in a thread pool, as tests/publish/test_runner.py does). After
each fault the faulty document fails with a message saying what happened, the others are
built, the index and the build record are rewritten, and nothing earlier is lost.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.publish.helpers import make_project, snapshot, write_notebook
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
