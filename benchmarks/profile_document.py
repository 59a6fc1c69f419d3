"""Where one document's build time goes: per phase, per notebook cell and per chart.

Runs a report notebook's code cells in this process (an IPython shell, as a build worker's
kept kernel runs them), then makes its HTML and its PDF, timing:

- ``warm-up``: the same notebook for another area first, then a reset as a kept kernel's,
  so data a worker loads once (Census tables, boundaries, the indicator cache) is loaded;
- each code cell, and inside it the time spent writing charts to SVG (``figure_svg``);
- the HTML export (nbconvert with thlib's template);
- the PDF: WeasyPrint's parse and layout, its drawing and PDF writing, and thlib's PDF/UA
  repairs (pikepdf), with the SVG images' share of layout and drawing.

Run from the repository root, with the virtual environment::

    .venv/bin/python benchmarks/profile_document.py --json benchmarks/profile-ward.json
    .venv/bin/python benchmarks/profile_document.py --area-type borough --area-code E09000030
    .venv/bin/python benchmarks/profile_document.py --notebook notebooks/annual_report.ipynb \
        --set year=2025 --set commentary=commentary/annual-report/2025

Parameters start from the notebook's own (its ``parameters`` cell, as papermill's do);
``--area-type`` and ``--area-code`` apply to a notebook that takes them, ``--set`` to any.

Times are CPU seconds of this process (``time.process_time``), less disturbed by other work
on a shared machine than wall time; still, compare runs made back to back.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPENT: dict[str, float] = defaultdict(float)
COUNTS: dict[str, int] = defaultdict(int)


def timed(owner: Any, name: str, key: str) -> None:
    """Wrap ``owner.name`` so that its calls add their CPU time to ``SPENT[key]``."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[key] += time.process_time() - start
            COUNTS[key] += 1

    setattr(owner, name, wrapper)


@contextlib.contextmanager
def stopwatch(results: dict[str, float], key: str) -> Iterator[None]:
    start = time.process_time()
    yield
    results[key] = round(time.process_time() - start, 3)


def run_cells(shell: Any, cells: list[Any], parameters: dict[str, Any],
              record: list[dict[str, Any]] | None) -> list[Any]:
    """Run the code cells in ``shell``; return their outputs as nbformat outputs."""
    import nbformat
    from IPython.utils.capture import capture_output

    executed = []
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            executed.append(cell)
            continue
        if "parameters" in cell.metadata.get("tags", []):
            # the notebook's defaults, then the document's own, as papermill injects them
            shell.run_cell(cell.source, store_history=False)
            shell.user_ns.update(parameters)
            executed.append(cell)
            continue
        svg_before, count_before = SPENT["figure_svg"], COUNTS["figure_svg"]
        start = time.process_time()
        with capture_output() as captured:
            result = shell.run_cell(cell.source, store_history=False)
        seconds = time.process_time() - start
        if not result.success:
            raise SystemExit(f"cell {index} failed: {result.error_in_exec!r}\n{captured.stderr}")
        outputs = [nbformat.v4.new_output("display_data", data=o.data, metadata=o.metadata)
                   for o in captured.outputs]
        executed.append(nbformat.v4.new_code_cell(cell.source, outputs=outputs))
        if record is not None:
            record.append({
                "cell": index,
                "code": cell.source.strip().splitlines()[-1][:60],
                "seconds": round(seconds, 3),
                "charts": COUNTS["figure_svg"] - count_before,
                "svg_seconds": round(SPENT["figure_svg"] - svg_before, 3),
            })
    return executed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default=str(ROOT / "notebooks" / "area_profile.ipynb"))
    parser.add_argument("--area-type", default="ward")
    parser.add_argument("--area-code", default="E05009331", help="default: Bethnal Green West")
    parser.add_argument("--warm-up-code", default="E05009317",
                        help="area profiled first, of the same type (default: Bow East)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter of both documents (VALUE read as YAML); repeatable")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    import yaml
    extra = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            parser.error(f"--set {item!r}: write KEY=VALUE")
        extra[key] = yaml.safe_load(value)

    phases: dict[str, float] = {}
    with stopwatch(phases, "imports"):
        import matplotlib
        matplotlib.use("agg")
        import nbformat
        import weasyprint
        from IPython.core.interactiveshell import InteractiveShell

        import thlib.presentation.charts.render
        import thlib.publish.pdf_ua
        from thlib.publish.html import notebook_to_html
        from thlib.publish.pdf import html_to_pdf

    timed(thlib.presentation.charts.render, "figure_svg", "figure_svg")
    timed(weasyprint.HTML, "render", "weasyprint parse and layout")
    timed(weasyprint.document.Document, "write_pdf", "weasyprint draw and write")
    timed(thlib.publish.pdf_ua, "_finish", "PDF/UA repairs")
    timed(weasyprint.svg.SVG, "draw", "SVG images drawn (within draw)")
    timed(weasyprint.images.SVGImage, "__init__", "SVG images parsed (within layout)")

    nb = nbformat.read(args.notebook, as_version=4)
    takes_area = "area_code" in next(
        (c.source for c in nb.cells if "parameters" in c.metadata.get("tags", [])), "")
    shell = InteractiveShell.instance()
    with tempfile.TemporaryDirectory() as folder:
        base = {"output_dir": folder, **extra}
        warm_up, profiled = dict(base), dict(base)
        if takes_area:
            warm_up.update(area_type=args.area_type, area_code=args.warm_up_code)
            profiled.update(area_type=args.area_type, area_code=args.area_code)
        with stopwatch(phases, "warm-up (another document)"):
            run_cells(shell, nb.cells, warm_up, None)
        # between documents, as a build's kept kernel is (its reset, and from 30 November
        # 2026 the collector freeze of thlib.publish.worker)
        shell.reset(new_session=True)
        import thlib.publish.worker as worker
        exec(getattr(worker, "_BETWEEN_DOCUMENTS", ""), {})  # noqa: S102
        SPENT.clear()
        COUNTS.clear()
        cells: list[dict[str, Any]] = []
        with stopwatch(phases, "cells"):
            executed = run_cells(shell, nb.cells, profiled, cells)
    phases["charts to SVG (within cells)"] = round(SPENT["figure_svg"], 3)
    out = nbformat.v4.new_notebook(cells=executed, metadata=nb.metadata)
    with stopwatch(phases, "HTML"):
        html = notebook_to_html(out)
    with stopwatch(phases, "PDF"):
        pdf = html_to_pdf(html)
    for key in ("weasyprint parse and layout", "SVG images parsed (within layout)",
                "weasyprint draw and write", "SVG images drawn (within draw)",
                "PDF/UA repairs"):
        phases[key] = round(SPENT[key], 3)

    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "notebook": Path(args.notebook).name,
        "document": (f"{args.area_type} {args.area_code}" if takes_area
                     else ", ".join(f"{k}={v}" for k, v in extra.items()) or "defaults"),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "charts": sum(c["charts"] for c in cells),
        "html_bytes": len(html.encode()),
        "pdf_bytes": len(pdf),
        "phases": phases,
        "cells": sorted(cells, key=lambda c: -c["seconds"]),
    }
    print(f"{results['document']}: {results['charts']} charts, HTML {results['html_bytes']:,} "
          f"bytes, PDF {results['pdf_bytes']:,} bytes\n")
    print("| phase | seconds |\n|---|---|")
    for key, value in phases.items():
        print(f"| {key} | {value:.2f} |")
    print("\n| cell | seconds | charts | of which SVG |\n|---|---|---|---|")
    for cell in results["cells"]:
        print(f"| `{cell['code']}` | {cell['seconds']:.2f} | {cell['charts']} | "
              f"{cell['svg_seconds']:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
