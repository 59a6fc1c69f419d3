"""Benchmark ``thlib build`` against a naive loop of command-line tools, side by side.

For the documents described by the parameter sets (all of them, or ``--only``):

1. fast: ``thlib build --force`` into a fresh folder (worker processes, in-process HTML/PDF);
2. no-op: ``thlib build`` again with nothing changed (median of ``--noop-runs``);
3. scaling: fresh builds of the first 5, 10, 20, ... documents, then all;
4. naive: for each document, serially, ``papermill`` (CLI), ``jupyter nbconvert --to
   thlib_html`` and ``jupyter nbconvert --to thlib_pdf`` - one process per step.

Each measured command runs under a small wrapper process that reports its wall time, the
largest single process (``getrusage(RUSAGE_CHILDREN).ru_maxrss``) and the peak total
memory of its whole process tree (sampled from /proc every 0.2 s), with each process's
share at that peak (``at_peak_mb``: processes over 20 MB, labelled by command). Results
are printed as a Markdown table and written as JSON (``--json``).

Run from the repository root::

    .venv/bin/python benchmarks/build_benchmark.py --json benchmarks/results.json
    .venv/bin/python benchmarks/build_benchmark.py --only ward --naive-limit 5   # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

BIN = Path(sys.executable).parent

#: Runs commands serially; prints wall time, largest process RSS and peak tree RSS (JSON).
WRAPPER = r"""
import json, os, resource, subprocess, sys, threading, time

def label(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            words = f.read().decode(errors="replace").split("\0")
    except OSError:
        return "?"
    text = " ".join(os.path.basename(w) if i == 0 else w for i, w in enumerate(words[:4]))
    return ("kernel" if "ipykernel" in text else "worker" if "multiprocessing" in text
            or "dask" in text else text[:60])

def tree_rss(root):
    children = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(pid))
            except (OSError, ValueError, IndexError):
                pass
    sizes, todo = {}, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm") as f:
                sizes[pid] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            pass
    return sizes

# the peak of the tree's total, and each process's share of it then
peak, at_peak, done = [0], [], threading.Event()
def sample():
    while not done.wait(0.2):
        sizes = tree_rss(os.getpid())
        if sum(sizes.values()) > peak[0]:
            peak[0] = sum(sizes.values())
            at_peak[:] = sorted(((label(p), round(b / 2**20)) for p, b in sizes.items()
                                 if b > 2**20 * 20), key=lambda x: -x[1])
threading.Thread(target=sample, daemon=True).start()
commands = json.loads(sys.argv[1])
seconds, codes, errors = [], [], []
for command in commands:
    start = time.perf_counter()
    done_ = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds.append(time.perf_counter() - start)
    codes.append(done_.returncode)
    if done_.returncode:
        errors.append(" ".join(command[:3]) + ": " + done_.stderr.strip()[-600:])
done.set()
largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "codes": codes, "errors": errors,
                  "peak_tree_mb": peak[0] / 2**20, "largest_process_mb": largest,
                  "at_peak_mb": at_peak}))
"""


def measure(commands: list[list[str]], env: dict[str, str] | None = None) -> dict:
    """Run ``commands`` serially under the wrapper; return its measurements."""
    done = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(commands)],
                          capture_output=True, text=True, check=True, env=env)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["total"] = sum(result["seconds"])
    return result


def plan_documents(args: argparse.Namespace) -> list:
    """Return the selected documents, as the build sees them."""
    from thlib.publish.plan import make_plan

    with tempfile.TemporaryDirectory() as empty:
        plan = make_plan(Path(empty), Path(args.parameters_dir), Path(args.notebooks_dir),
                         only=tuple(args.only))
    return [planned.document for planned in plan.selected]


def thlib_build(args: argparse.Namespace, output: Path, only: list[str], *extra: str) -> list[str]:
    """Return the ``thlib build`` command for ``only`` into ``output``."""
    command = [str(BIN / "thlib"), "build", "--quiet", "--output-dir", str(output),
               "--parameters-dir", args.parameters_dir, "--notebooks-dir", args.notebooks_dir,
               "--only", ",".join(only), *extra]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    return command


def naive_commands(document, work: Path, notebooks_dir: str) -> list[list[str]]:
    """Return the naive loop's three commands for one document."""
    stem = document.output.replace("/", "__")
    executed = work / f"{stem}.ipynb"
    return [
        [str(BIN / "papermill"), str(document.notebook.path), str(executed), "--cwd",
         notebooks_dir, "-y", json.dumps(document.parameters), "--no-progress-bar"],
        [str(BIN / "jupyter"), "nbconvert", "--to", "thlib_html", str(executed),
         "--output-dir", str(work), "--log-level", "ERROR"],
        [str(BIN / "jupyter"), "nbconvert", "--to", "thlib_pdf", str(executed),
         "--output-dir", str(work), "--log-level", "ERROR"],
    ]


def sizes(total: int) -> list[int]:
    """Return 5, 10, 20, 40, ... below ``total``, then ``total``."""
    steps, size = [], 5
    while size < total:
        steps.append(size)
        size *= 2
    return [*steps, total]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parameters-dir", default="parameters")
    parser.add_argument("--notebooks-dir", default="notebooks")
    parser.add_argument("--only", action="append", default=[],
                        help="benchmark only these documents (as thlib build --only)")
    parser.add_argument("--jobs", type=int, help="thlib build --jobs (default: all cores)")
    parser.add_argument("--naive-limit", type=int,
                        help="run the naive loop on only the first N documents (per-document "
                             "times are compared; default: all)")
    parser.add_argument("--noop-runs", type=int, default=5)
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling runs")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)

    documents = plan_documents(args)
    if not documents:
        parser.error("no documents selected")
    outputs = [d.output for d in documents]
    n = len(documents)
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "documents": n, "reports": sorted({d.report for d in documents}),
    }
    print(f"{n} documents: {', '.join(results['reports'])}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="thlib-bench-") as temp:
        temp = Path(temp)
        fast_dir = temp / "fast"
        print("fast build ...", file=sys.stderr)
        fast = measure([thlib_build(args, fast_dir, outputs, "--force")])
        record = json.loads((fast_dir / "build-record.json").read_text())
        results["fast"] = {
            "seconds": fast["total"], "per_document": fast["total"] / n,
            "peak_tree_mb": fast["peak_tree_mb"], "largest_process_mb": fast["largest_process_mb"],
            "at_peak_mb": fast["at_peak_mb"],
            "built": record["built"], "failed": record["failed"],
            "worker_seconds_per_document": statistics.mean(
                d["seconds"] for d in record["documents"] if d["status"] == "built"),
            "timings_mean": {key: statistics.mean(d["timings"].get(key, 0)
                                                  for d in record["documents"])
                             for key in ("kernel", "execute", "convert")},
        }
        print("no-op rebuilds ...", file=sys.stderr)
        noop, rebuilt = [], []
        for _ in range(args.noop_runs):
            before = (fast_dir / "build-record.json").stat().st_mtime_ns
            noop.append(measure([thlib_build(args, fast_dir, outputs)])["total"])
            if (fast_dir / "build-record.json").stat().st_mtime_ns != before:
                # Something the documents depend on changed meanwhile (someone edited thlib
                # or data/): that run rebuilt documents and is not a no-op.
                rebuilt.append(noop.pop())
        results["noop"] = {"median_seconds": statistics.median(noop) if noop else None,
                           "runs": noop, "runs_that_rebuilt": rebuilt}

        if not args.no_scaling:
            results["scaling"] = []
            for size in sizes(n):
                if size == n:
                    seconds = fast["total"]
                else:
                    print(f"scaling: {size} documents ...", file=sys.stderr)
                    seconds = measure([thlib_build(args, temp / f"scale{size}",
                                                   outputs[:size], "--force")])["total"]
                results["scaling"].append({"documents": size, "seconds": seconds,
                                           "per_document": seconds / size})

        sample = documents[: args.naive_limit or n]
        print(f"naive loop over {len(sample)} documents ...", file=sys.stderr)
        work = temp / "naive"
        work.mkdir()
        commands = [c for d in sample for c in naive_commands(d, work, args.notebooks_dir)]
        naive = measure(commands)
        steps = naive["seconds"]
        results["naive"] = {
            "documents": len(sample), "seconds": naive["total"],
            "per_document": naive["total"] / len(sample),
            "papermill_per_document": statistics.mean(steps[0::3]),
            "html_per_document": statistics.mean(steps[1::3]),
            "pdf_per_document": statistics.mean(steps[2::3]),
            "failures": sum(1 for code in naive["codes"] if code),
            "errors": naive["errors"],
            "peak_tree_mb": naive["peak_tree_mb"],
            "largest_process_mb": naive["largest_process_mb"],
        }
        shutil.rmtree(work, ignore_errors=True)
    results["speedup"] = results["naive"]["per_document"] / results["fast"]["per_document"]
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def report(r: dict) -> str:
    """Return the results as Markdown."""
    fast, naive, noop = r["fast"], r["naive"], r["noop"]
    lines = [
        f"Documents: {r['documents']} ({', '.join(r['reports'])}); "
        f"{r['machine']['cores']} cores; Python {r['machine']['python']}; {r['when']}",
        "",
        "| | thlib build | naive loop |",
        "|---|---|---|",
        f"| documents timed | {r['documents']} | {naive['documents']} |",
        f"| wall time | {fast['seconds']:.1f} s | {naive['seconds']:.1f} s |",
        f"| per document | {fast['per_document']:.2f} s | {naive['per_document']:.2f} s |",
        f"| peak memory, whole process tree | {fast['peak_tree_mb']:.0f} MB "
        f"| {naive['peak_tree_mb']:.0f} MB |",
        f"| largest single process | {fast['largest_process_mb']:.0f} MB "
        f"| {naive['largest_process_mb']:.0f} MB |",
        "",
        "thlib build at its memory peak: " + ", ".join(
            f"{name} {mb} MB" for name, mb in fast["at_peak_mb"]),
        "",
        f"Speed-up (naive per document / thlib build per document): **{r['speedup']:.1f}x**",
        "",
        f"thlib build, worker time per document (one worker): "
        f"{fast['worker_seconds_per_document']:.2f} s = kernel wait "
        f"{fast['timings_mean']['kernel']:.2f} + execute {fast['timings_mean']['execute']:.2f}"
        f" + HTML/PDF {fast['timings_mean']['convert']:.2f}",
        f"Naive loop per document: papermill {naive['papermill_per_document']:.2f} s, "
        f"nbconvert HTML {naive['html_per_document']:.2f} s, "
        f"nbconvert PDF {naive['pdf_per_document']:.2f} s"
        + (f" ({naive['failures']} commands failed: see errors in the JSON)"
           if naive["failures"] else ""),
        (f"No-op rebuild: {noop['median_seconds']:.2f} s (median of {len(noop['runs'])})"
         if noop["runs"] else "No-op rebuild: not measured (inputs kept changing)")
        + (f"; {len(noop['runs_that_rebuilt'])} other runs rebuilt documents because their "
           "inputs changed meanwhile" if noop["runs_that_rebuilt"] else ""),
    ]
    if r.get("scaling"):
        lines += ["", "| documents | wall time | per document |", "|---|---|---|"]
        lines += [f"| {s['documents']} | {s['seconds']:.1f} s | {s['per_document']:.2f} s |"
                  for s in r["scaling"]]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
