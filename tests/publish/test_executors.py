"""Executors: a local process pool (see test_cli), Dask, or an Executor given."""

from __future__ import annotations

import builtins
import json

import pytest

from tests.publish.helpers import make_project
from thlib.errors import BuildError
from thlib.publish import build
from thlib.publish.executors import open_executor


def test_dask_cluster_builds_documents(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    project = make_project(tmp_path, monkeypatch)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = build(**project.kwargs(), executor="dask", scheduler=cluster.scheduler_address,
                       only=["north-ward"])
    assert result.exit_code == 0, [r.error for r in result.documents]
    assert [r.status for r in result.documents] == ["built"]
    assert "hello from ward W1" in (project.outputs / "tiny/ward/north-ward.html").read_text()
    record = json.loads((project.outputs / "build-record.json").read_text())
    assert record["jobs"] == 1


def test_missing_dask_is_a_clear_error(monkeypatch):
    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(BuildError, match=r"pip install 'thlib\[dask\]'"):
        with open_executor("dask"):
            pass


def test_unknown_executor_is_refused():
    with pytest.raises(BuildError, match="unknown executor 'spark'; use one of local, dask"):
        with open_executor("spark"):
            pass
