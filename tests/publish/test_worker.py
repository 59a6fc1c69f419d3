"""The worker: papermill in a kernel kept between documents; outcomes instead of exceptions."""

from __future__ import annotations

import json

import pytest

from tests.publish.helpers import write_notebook
from thlib.publish import worker
from thlib.publish.notebooks import read_notebook
from thlib.publish.worker import KernelPool, KernelSpec, Task, close_pools, run_document


@pytest.fixture
def notebook(tmp_path):
    return read_notebook(write_notebook(tmp_path / "tiny.ipynb", body=[
        "import json, os, sys",
        # what a previous document left behind: a variable, the counter, a module
        'print("leftover" in dir(), "json" in sys.modules, os.getcwd())',
        'leftover = 1\nos.chdir("/")\nprint(f"{message} from {area_code}")\n'
        'assert not fail, "asked to fail"',
    ]))


def task(notebook, tmp_path, reuse=True, version="", **parameters):
    spec = KernelSpec("python3", str(tmp_path), version)
    return Task(output="t/doc", notebook=notebook.text, parameters=parameters,
                title="Doc title", formats=("ipynb", "html"), kernel=spec, reuse_kernel=reuse)


def printed(outcome):
    executed = json.loads(outcome.files["ipynb"] or outcome.failed_notebook)
    return ["".join(o.get("text", "")) for c in executed["cells"] for o in c.get("outputs", [])]


def test_next_document_reuses_the_kernel_reset(notebook, tmp_path):
    try:
        first = run_document(task(notebook, tmp_path, area_code="W1"))
        assert first.ok, first.error
        kept = worker._pool().kept
        assert kept is not None and kept.km.is_alive()
        # reset as soon as the document ran: its objects do not wait for the next one
        client = kept.km.blocking_client()
        client.start_channels()
        try:
            seen = []
            client.execute_interactive(
                "print('leftover' in dir())", timeout=30, store_history=False,
                output_hook=lambda m: seen.append(m["content"].get("text", "")))
        finally:
            client.stop_channels()
        assert "False\n" in seen
        second = run_document(task(notebook, tmp_path, area_code="W2"))
        assert second.ok, second.error
        assert worker._pool().kept is kept  # the same kernel process ran both
        # the namespace is new and the folder restored, but imported modules stay loaded
        assert printed(second)[0] == f"False True {tmp_path}\n"
        assert "hello from W2" in printed(second)[1]
        executed = json.loads(second.files["ipynb"])
        counts = [c["execution_count"] for c in executed["cells"] if c["cell_type"] == "code"]
        assert counts == [1, 2, 3, 4, 5]  # parameters, injected ones, three cells: as new
        assert executed["metadata"]["title"] == "Doc title"
        assert "<title>Doc title</title>" in second.files["html"].decode()
        assert set(second.timings) == {"kernel", "execute", "convert"}
    finally:
        close_pools()


def test_kernel_of_a_failed_document_is_not_reused(notebook, tmp_path):
    try:
        failed = run_document(task(notebook, tmp_path, fail=True))
        assert not failed.ok
        assert worker._pool().kept is None
    finally:
        close_pools()


def test_fresh_kernels_are_not_kept(notebook, tmp_path):
    outcome = run_document(task(notebook, tmp_path, reuse=False, area_code="W1"))
    assert outcome.ok, outcome.error
    assert worker._pool().kept is None


def test_failure_is_an_outcome_with_the_executed_notebook(notebook, tmp_path):
    outcome = run_document(task(notebook, tmp_path, reuse=False, fail=True))
    assert not outcome.ok and outcome.files == {}
    assert outcome.error == "AssertionError: asked to fail (at In [5])"  # the fifth code cell
    executed = json.loads(outcome.failed_notebook)
    assert "papermill-error-cell-tag" in json.dumps(executed)


def test_missing_kernel_is_an_outcome_not_an_exception(notebook, tmp_path):
    broken = Task(output="t/doc", notebook=notebook.text, parameters={}, title="x",
                  formats=("html",), kernel=KernelSpec("no-such-kernel", str(tmp_path)))
    outcome = run_document(broken)
    assert not outcome.ok
    assert "no-such-kernel" in outcome.error


def test_pool_replaces_a_dead_kernel(tmp_path):
    pool = KernelPool()
    spec = KernelSpec("python3", str(tmp_path))
    try:
        first, reused = pool.take(spec)
        assert not reused
        pool.give_back(first, keep=True)
        first.km.shutdown_kernel(now=True)
        second, reused = pool.take(spec)
        assert not reused and second is not first and second.km.is_alive()
        second.close()
    finally:
        pool.close()


def test_kernel_of_another_library_version_is_not_reused(tmp_path):
    pool = KernelPool()
    try:
        old, _ = pool.take(KernelSpec("python3", str(tmp_path), "library-1"))
        pool.give_back(old, keep=True)
        new, reused = pool.take(KernelSpec("python3", str(tmp_path), "library-2"))
        assert not reused and new is not old
        assert not old.km.is_alive()  # stopped, not leaked
        new.close()
    finally:
        pool.close()


def test_a_kernel_failure_is_reported_with_what_the_kernel_wrote_last(notebook, tmp_path,
                                                                       monkeypatch):
    # Not a cell error (e.g. the kernel died): the kernel's last lines of output say why.
    import papermill

    class FakeKernel:
        km = None

        def stderr_tail(self):
            return "MemoryError\nkernel restarting"

    class FakePool:
        def take(self, spec, reuse=True):
            return FakeKernel(), False

        def give_back(self, kernel, keep):
            pass

    def execute_notebook(*args, **kwargs):
        raise RuntimeError("Kernel died before replying to execute_request")

    monkeypatch.setattr(worker, "_pool", FakePool)
    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    outcome = run_document(task(notebook, tmp_path, reuse=False))
    assert not outcome.ok
    assert outcome.error == ("RuntimeError: Kernel died before replying to execute_request; "
                             "kernel output: MemoryError | kernel restarting")
