"""Several hundred documents on the local worker pool and on a local Dask cluster, side by side.

The documents are the 20 ward profiles (HTML and PDF) built ``--copies`` times over, each
copy from its own generated parameter set writing to its own folder, so every document does
the whole work of a real one. The same ``thlib build --force`` runs once per executor
(``--executor local`` and ``--executor dask``, which starts a local cluster of ``--jobs``
single-threaded worker processes), each under the wrapper of ``build_benchmark.py``: wall
time, peak memory of the whole process tree, largest single process.

Run from the repository root, with the virtual environment (the ``dask`` extra is installed
by ``make``)::

    .venv/bin/python benchmarks/scale_benchmark.py --json benchmarks/results-scale.json
    .venv/bin/python benchmarks/scale_benchmark.py --copies 2 --executors dask   # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from build_benchmark import BIN, measure

PARAMETER_SET = """\
report: area_profile
title: "{{area_name}}: area profile (copy {copy})"
output: "copy-{copy:03d}/{{area_type}}/{{area_slug}}"
formats: [html, pdf]
documents:
  - area_type: ward
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10,
                        help="parameter sets of the 20 ward profiles (default 10: 200 documents)")
    parser.add_argument("--executors", default="local,dask")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--notebooks-dir", default="notebooks")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)

    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "jobs": args.jobs, "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="thlib-scale-") as temp:
        parameters = Path(temp) / "parameters"
        parameters.mkdir()
        for copy in range(1, args.copies + 1):
            (parameters / f"copy-{copy:03d}.yml").write_text(PARAMETER_SET.format(copy=copy))
        for executor in args.executors.split(","):
            output = Path(temp) / executor
            print(f"{executor}: building ...", file=sys.stderr)
            run = measure([[str(BIN / "thlib"), "build", "--quiet", "--force",
                            "--parameters-dir", str(parameters),
                            "--notebooks-dir", args.notebooks_dir, "--output-dir", str(output),
                            "--executor", executor, "--jobs", str(args.jobs)]])
            record = json.loads((output / "build-record.json").read_text())
            built = record["built"]
            results["runs"].append({
                "executor": executor, "documents": built, "failed": record["failed"],
                "seconds": run["total"], "per_document": run["total"] / max(built, 1),
                "documents_per_minute": 60 * built / run["total"],
                "peak_tree_mb": run["peak_tree_mb"],
                "largest_process_mb": run["largest_process_mb"], "errors": run["errors"],
            })
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def report(r: dict) -> str:
    """Return the results as Markdown."""
    lines = [f"{r['machine']['cores']} cores, --jobs {r['jobs']}; Python "
             f"{r['machine']['python']}; {r['when']}", "",
             "| executor | documents built (failed) | wall time | per document | documents a "
             "minute | peak memory, process tree | largest process |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {x['executor']} | {x['documents']} ({x['failed']}) | {x['seconds']:.0f} s | "
              f"{x['per_document']:.2f} s | {x['documents_per_minute']:.1f} | "
              f"{x['peak_tree_mb']:.0f} MB | {x['largest_process_mb']:.0f} MB |"
              for x in r["runs"]]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
