"""``outputs/index.html``: one accessible page linking every built document.

Documents are grouped by report, then by area type, in tables with a caption, column
headers and the document title as row header; each row links the HTML, the PDF and any
other files (with their sizes), and gives the build time and the data vintage. The page
is self-contained (inline CSS, no script) and depends only on the state file and the
files' sizes, so it is byte-identical when nothing changed, and is not rewritten then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from thlib.presentation import formatting, prose
from thlib.publish.outputs import atomic_write

__all__ = ["INDEX_NAME", "render_index", "write_index"]

INDEX_NAME = "index.html"
PAGE_TITLE = "Tower Hamlets Partnership reports"
AREA_TYPE_HEADINGS = {"borough": "Borough", "neighbourhood": "Neighbourhoods", "ward": "Wards",
                      "custom": "Custom areas"}

#: How a file the notebook wrote is named in "Other files", by suffix (else its file name).
EXTRA_LABELS = {".csv": "Data (CSV)", ".xlsx": "Data (Excel workbook)"}

#: The page's template (beside, not inside, the nbconvert template folder ``thlib/``).
TEMPLATE = "outputs/index.html.j2"


def _when(stamp: str) -> dict[str, str]:
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return {"stamp": str(stamp), "shown": ""}
    return {"stamp": stamp, "shown": moment.strftime("%-d %b %Y %H:%M UTC")}


def _link(output_dir: Path, relative: str, text: str) -> dict[str, Any]:
    path = output_dir / relative
    if not path.is_file():
        return {"missing": True}
    return {"missing": False, "href": quote(PurePosixPath(relative).as_posix()), "text": text,
            "size": formatting.file_size(path.stat().st_size)}


def _row(output_dir: Path, entry: dict[str, Any]) -> dict[str, Any]:
    outputs = entry.get("outputs", {})
    others = [_link(output_dir, outputs["ipynb"], "Notebook")] if "ipynb" in outputs else []
    others += [_link(output_dir, rel, EXTRA_LABELS.get(PurePosixPath(rel).suffix,
                                                       PurePosixPath(rel).name))
               for rel in entry.get("extras", [])]
    return {
        "title": entry.get("title", entry.get("output", "")),
        "formats": [_link(output_dir, outputs[fmt], fmt.upper()) if fmt in outputs else None
                    for fmt in ("html", "pdf")],
        "others": others,
        "built": _when(entry.get("built", "")),
        "failed": entry.get("status") == "failed",
        "data_vintage": entry.get("data_vintage", ""),
    }


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _report(output_dir: Path, name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in items:
        groups[entry.get("area_type") or ""].append(entry)
    order = [*AREA_TYPE_HEADINGS, *sorted(set(groups) - set(AREA_TYPE_HEADINGS) - {""}), ""]
    return {
        "anchor": f"report-{_slug(name)}",
        "heading": items[0].get("report_title") or name,
        "description": next((e["description"] for e in items if e.get("description")), ""),
        "groups": [{
            "heading": AREA_TYPE_HEADINGS.get(area_type,
                                              area_type.capitalize() or "Documents"),
            "rows": [_row(output_dir, entry) for entry in
                     sorted(groups[area_type],
                            key=lambda e: (e.get("title", ""), e.get("output", "")))],
        } for area_type in order if area_type in groups],
    }


def render_index(output_dir: Path, entries: Iterable[dict[str, Any]]) -> str:
    """Return the index page for the state entries of the built documents.

    The page is rendered from the template ``thlib/templates/outputs/index.html.j2``,
    every value escaped.

    Parameters
    ----------
    output_dir : pathlib.Path
        Links are relative to it; file sizes are read from it.
    entries : iterable of dict
        State entries (``report``, ``report_title``, ``title``, ``area_type``, ``outputs``,
        ``extras``, ``built``, ``data_vintage``, ``status``, ``description``). Entries
        without outputs are left out.

    Returns
    -------
    str
        The HTML page.

    Examples
    --------
    >>> import tempfile
    >>> page = render_index(Path(tempfile.mkdtemp()), [])
    >>> "No documents have been built yet" in page, "<script" in page
    (True, False)
    """
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        if entry.get("outputs"):
            reports[entry.get("report", "")].append(entry)
    ordered = sorted(reports.items(), key=lambda kv: (kv[1][0].get("report_title") or kv[0]))
    latest = max((e.get("built", "") for items in reports.values() for e in items), default="")
    page = prose.render(TEMPLATE, page_title=PAGE_TITLE,
                        documents=sum(len(items) for items in reports.values()),
                        latest=_when(latest),
                        reports=[_report(output_dir, name, items) for name, items in ordered])
    return page + "\n"


def write_index(output_dir: Path, entries: Iterable[dict[str, Any]]) -> bool:
    """Write ``index.html`` if its content changed; return True if it was written.

    Parameters
    ----------
    output_dir : pathlib.Path
        The outputs folder, where ``index.html`` is written.
    entries : iterable of dict
        State entries, as for :func:`render_index`.

    Returns
    -------
    bool
        False when the page on disk is already byte-identical (it is left untouched).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_index(folder, []), write_index(folder, [])
    (True, False)
    """
    text = render_index(output_dir, entries).encode("utf-8")
    path = output_dir / INDEX_NAME
    try:
        if path.read_bytes() == text:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, text)
    return True
