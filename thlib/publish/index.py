"""``outputs/index.html``: one accessible page linking every built document.

Documents are grouped by report, then by area type, in tables with a caption, column
headers and the document title as row header; each row links the HTML, the PDF and any
other files (with their sizes), and gives the build time and the data vintage. The page
is self-contained (inline CSS, no script) and depends only on the state file and the
files' sizes, so it is byte-identical when nothing changed, and is not rewritten then.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from thlib.publish.outputs import atomic_write

INDEX_NAME = "index.html"
PAGE_TITLE = "Tower Hamlets Partnership reports"
AREA_TYPE_HEADINGS = {"borough": "Borough", "neighbourhood": "Neighbourhoods", "ward": "Wards"}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;line-height:1.5;
color:#0b0c0c;background:#fff;margin:0 auto;max-width:72rem;padding:1rem 1.5rem 3rem}
h1{font-size:2rem;margin:.5rem 0}
h2{font-size:1.5rem;margin-top:2.5rem;border-bottom:2px solid #0b0c0c}
h3{font-size:1.2rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .6rem .4rem 0;text-align:left;
vertical-align:top}
thead th{border-bottom:2px solid #0b0c0c}
a{color:#1d70b8}a:visited{color:#4c2c92}
a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c;text-decoration:none}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;overflow:hidden;
clip:rect(0 0 0 0);white-space:nowrap;border:0}
.note{color:#505a5f}.failed{color:#d4351c;font-weight:600}
""".strip()


def _size(path: Path) -> str:
    size = path.stat().st_size
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""  # pragma: no cover


def _when(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return html.escape(str(stamp))
    shown = moment.strftime("%-d %b %Y %H:%M UTC")
    return f'<time datetime="{html.escape(stamp)}">{shown}</time>'


def _link(output_dir: Path, relative: str, text: str, title: str) -> str:
    path = output_dir / relative
    if not path.is_file():
        return "<span class=\"note\">missing</span>"
    href = html.escape(quote(PurePosixPath(relative).as_posix()))
    return (f'<a href="{href}">{html.escape(text)}<span class="visually-hidden"> of '
            f"{html.escape(title)}</span></a> ({_size(path)})")


def _row(output_dir: Path, entry: dict[str, Any]) -> str:
    title = entry.get("title", entry.get("output", ""))
    outputs = entry.get("outputs", {})
    cells = []
    for fmt in ("html", "pdf"):
        cells.append(_link(output_dir, outputs[fmt], fmt.upper(), title) if fmt in outputs
                     else '<span class="note">not built</span>')
    others = [_link(output_dir, outputs["ipynb"], "Notebook", title)] if "ipynb" in outputs else []
    others += [_link(output_dir, rel, PurePosixPath(rel).name, title)
               for rel in entry.get("extras", [])]
    cells.append("<br>".join(others) if others else '<span class="note">none</span>')
    built = _when(entry.get("built", ""))
    if entry.get("status") == "failed":
        built += '<br><span class="failed">Last rebuild failed: these are the previous files</span>'
    cells += [built, html.escape(entry.get("data_vintage", ""))]
    body = "".join(f"<td>{cell}</td>" for cell in cells)
    return f'<tr><th scope="row">{html.escape(title)}</th>{body}</tr>'


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def render_index(output_dir: Path, entries: Iterable[dict[str, Any]]) -> str:
    """Return the index page for the state entries of the built documents.

    Parameters
    ----------
    output_dir : pathlib.Path
        Links are relative to it; file sizes are read from it.
    entries : iterable of dict
        State entries (``report``, ``report_title``, ``title``, ``area_type``, ``outputs``,
        ``extras``, ``built``, ``data_vintage``, ``status``, ``description``).
    """
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        if entry.get("outputs"):
            reports[entry.get("report", "")].append(entry)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{PAGE_TITLE}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f'<header><h1>{PAGE_TITLE}</h1>',
    ]
    count = sum(len(items) for items in reports.values())
    latest = max((e.get("built", "") for items in reports.values() for e in items), default="")
    if count:
        parts.append(f"<p>{count} document{'s' if count != 1 else ''} in {len(reports)} "
                     f"report{'s' if len(reports) != 1 else ''}; latest build {_when(latest)}."
                     "</p></header>")
    else:
        parts.append("<p>No documents have been built yet: run <code>thlib build</code>.</p>"
                     "</header>")
    parts.append("<main>")
    ordered = sorted(reports.items(), key=lambda kv: (kv[1][0].get("report_title") or kv[0]))
    if len(ordered) > 1:
        parts.append('<nav aria-label="Reports"><ul>')
        parts += [f'<li><a href="#report-{_slug(name)}">'
                  f'{html.escape(items[0].get("report_title") or name)}</a></li>'
                  for name, items in ordered]
        parts.append("</ul></nav>")
    for name, items in ordered:
        parts += _report_section(output_dir, name, items)
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _report_section(output_dir: Path, name: str, items: list[dict[str, Any]]) -> list[str]:
    heading = items[0].get("report_title") or name
    anchor = f"report-{_slug(name)}"
    parts = [f'<section aria-labelledby="{anchor}">',
             f'<h2 id="{anchor}">{html.escape(heading)}</h2>']
    description = next((e["description"] for e in items if e.get("description")), "")
    if description:
        parts.append(f"<p>{html.escape(description)}</p>")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in items:
        groups[entry.get("area_type") or ""].append(entry)
    order = [*AREA_TYPE_HEADINGS, *sorted(set(groups) - set(AREA_TYPE_HEADINGS) - {""}), ""]
    for area_type in (t for t in order if t in groups):
        rows = sorted(groups[area_type], key=lambda e: (e.get("title", ""), e.get("output", "")))
        group = AREA_TYPE_HEADINGS.get(area_type, area_type.capitalize() or "Documents")
        parts += [
            f"<h3>{html.escape(group)}</h3>",
            "<table>",
            f"<caption>{html.escape(heading)}: {html.escape(group.lower())} "
            f"({len(rows)} document{'s' if len(rows) != 1 else ''})</caption>",
            '<thead><tr><th scope="col">Document</th><th scope="col">Web page</th>'
            '<th scope="col">PDF</th><th scope="col">Other files</th>'
            '<th scope="col">Built</th><th scope="col">Data vintage</th></tr></thead>',
            "<tbody>",
            *(_row(output_dir, entry) for entry in rows),
            "</tbody>",
            "</table>",
        ]
    parts.append("</section>")
    return parts


def write_index(output_dir: Path, entries: Iterable[dict[str, Any]]) -> bool:
    """Write ``index.html`` if its content changed; return True if it was written."""
    text = render_index(output_dir, entries).encode("utf-8")
    path = output_dir / INDEX_NAME
    try:
        if path.read_bytes() == text:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, text)
    return True
