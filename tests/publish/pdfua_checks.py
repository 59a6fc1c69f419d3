"""Checks of PDF/UA-1 (ISO 14289-1) requirements on any PDF, with pikepdf.

``pdf_problems(path)`` returns a list of problems, empty when none is found. It checks what
can be checked without judging the content: document language, title and its display,
bookmarks when there are headings, alternative text of figures, tables (at most one caption
and one header group each, header cells with a scope, every /Headers ID in the ID tree),
that every marked-content sequence with an MCID is reached by the structure tree and the
parent tree, that no text, image or path is drawn outside marked content (tagged or
artifact), that every annotation is in the structure tree and every link described (by a text that
is not a bare "here" or a file name), and
that no link points at a file of the machine that built the PDF.

Run it over built reports::

    .venv/bin/python tests/publish/pdfua_checks.py outputs/**/*.pdf

It is not a full validator (veraPDF is): a PDF it passes may still fail one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary

#: Link texts that do not say where a link leads.
VAGUE = {"here", "click here", "this", "link", "this link", "more", "read more"}
#: A link text that is a file name, path or address rather than a description.
RAW_TARGET = re.compile(r"^\S*([/\\]|://|\.(csv|pdf|html?|xlsx?|json|zip)$)\S*$", re.I)

#: Operators that draw: text, XObjects (images, forms), inline images, shadings, paths.
DRAWING = {"Tj", "TJ", "'", '"', "Do", "BI", "sh",
           "f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}


def kids(element: Any) -> list[Any]:
    """Return the /K entries of a structure element as a list."""
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def is_element(kid: Any) -> bool:
    return isinstance(kid, Dictionary) and "/S" in kid and kid.get("/Type") not in (
        "/MCR", "/OBJR")


def elements(root: Any) -> list[Any]:
    """Return the structure elements under ``root`` in document (pre-)order."""
    found, seen, todo = [], set(), [k for k in reversed(kids(root)) if is_element(k)]
    while todo:
        element = todo.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        found.append(element)
        todo.extend(reversed([kid for kid in kids(element) if is_element(kid)]))
    return found


def number_tree(node: Any) -> dict[int, Any]:
    """Return the entries of a number tree (such as the parent tree)."""
    found: dict[int, Any] = {}
    nums = node.get("/Nums", [])
    for i in range(0, len(nums) - 1, 2):
        found[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        found.update(number_tree(kid))
    return found


def name_tree(node: Any) -> dict[str, Any]:
    """Return the entries of a name tree (such as the ID tree)."""
    found: dict[str, Any] = {}
    names = node.get("/Names", [])
    for i in range(0, len(names) - 1, 2):
        found[str(names[i])] = names[i + 1]
    for kid in node.get("/Kids", []):
        found.update(name_tree(kid))
    return found


def attributes(element: Any) -> list[Any]:
    """Return the attribute dictionaries of a structure element."""
    a = element.get("/A")
    if a is None:
        return []
    return [x for x in (list(a) if isinstance(a, Array) else [a]) if isinstance(x, Dictionary)]


def marked_content(page: pikepdf.Page) -> Iterator[tuple[str, list[Any]]]:
    """Yield each operator of a page with the stack of marked-content tags around it.

    A tag is the BDC/BMC tag, with ``:MCID`` appended when the sequence has an MCID.
    """
    stack: list[Any] = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            yield "BI", list(stack)
            continue
        op, operands = str(instruction.operator), instruction.operands
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            if op == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
                tag += f":{int(operands[1]['/MCID'])}"
            stack.append(tag)
        elif op == "EMC":
            if stack:
                stack.pop()
        yield op, list(stack)


def pdf_problems(path: str | Path) -> list[str]:
    """Return the PDF/UA-1 problems found in the PDF at ``path`` (empty when none)."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if not str(root.get("/Lang", "")).strip():
            problems.append("catalog: no /Lang")
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
            problems.append("catalog: /MarkInfo /Marked is not true")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            problems.append("catalog: /ViewerPreferences /DisplayDocTitle is not true")
        meta = pdf.open_metadata()
        if not str(meta.get("dc:title", "")).strip():
            problems.append("metadata: no dc:title")
        if str(meta.get("pdfuaid:part", "")) != "1":
            problems.append("metadata: no pdfuaid:part 1")
        if "/StructTreeRoot" not in root:
            return problems + ["catalog: no structure tree"]
        tree = root.StructTreeRoot
        every = elements(tree)
        kinds = [str(e.get("/S")) for e in every]

        if any(k in kinds for k in ("/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6")) and \
                "/First" not in root.get("/Outlines", {}):
            problems.append("headings but no bookmarks (/Outlines)")

        for element in every:
            kind = str(element.get("/S"))
            if kind == "/Figure" and not str(element.get("/Alt", element.get("/ActualText",
                                                                            ""))).strip():
                problems.append("Figure without /Alt")
            if kind == "/Table":
                parts = [str(k.get("/S")) for k in kids(element) if is_element(k)]
                for part in ("/Caption", "/THead", "/TFoot"):
                    if parts.count(part) > 1:
                        problems.append(f"Table with {parts.count(part)} {part} elements")
            if kind == "/TH" and not any("/Scope" in a for a in attributes(element)):
                problems.append(f"TH without /Scope (ID {element.get('/ID', '?')})")

        ids = name_tree(tree["/IDTree"]) if "/IDTree" in tree else {}
        for element in every:
            for a in attributes(element):
                for header in a.get("/Headers", []):
                    target = ids.get(str(header))
                    if target is None or target.get("/ID") != header:
                        problems.append(f"/Headers names {str(header)!r}, not in the ID tree")

        # What the structure tree reaches: (page object, MCID) -> element; annotations.
        reached: dict[tuple[Any, int], Any] = {}
        objects: dict[Any, Any] = {}
        for element in every:
            home = element.get("/Pg")
            for kid in kids(element):
                if isinstance(kid, int) and home is not None:
                    reached[home.objgen, kid] = element
                elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                    page = kid.get("/Pg", home)
                    reached[page.objgen, int(kid["/MCID"])] = element
                elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                    objects[kid["/Obj"].objgen] = element
        parents = number_tree(tree.get("/ParentTree", {}))
        known = {e.objgen for e in every}
        for key, value in parents.items():
            values = list(value) if isinstance(value, Array) else [value]
            for v in values:
                if isinstance(v, Dictionary) and v.objgen not in known:
                    problems.append(f"parent tree entry {key} names an element outside "
                                    "the structure tree")
                    break

        for number, page in enumerate(pdf.pages, start=1):
            mapping = parents.get(int(page.obj.get("/StructParents", -1)))
            if isinstance(mapping, Array) and any(not isinstance(m, Dictionary) for m in mapping):
                problems.append(f"page {number}: parent tree array has empty entries")
            untagged: set[str] = set()
            for op, stack in marked_content(page):
                mcids = [t for t in stack if ":" in t]
                if op in ("BDC",) and mcids and stack[-1] == mcids[-1]:
                    mcid = int(mcids[-1].split(":")[1])
                    element = reached.get((page.objgen, mcid))
                    if element is None:
                        problems.append(f"page {number}: MCID {mcid} is not reached by the "
                                        "structure tree (neither tagged nor an artifact)")
                    elif mapping is None or mcid >= len(mapping) or not isinstance(
                            mapping[mcid], Dictionary) or mapping[mcid].objgen != element.objgen:
                        problems.append(f"page {number}: parent tree does not map MCID {mcid}")
                if op in DRAWING and not stack:
                    untagged.add(op)
            if untagged:
                problems.append(f"page {number}: drawn outside marked content: "
                                f"{' '.join(sorted(untagged))}")
            for annotation in page.obj.get("/Annots", []):
                subtype = str(annotation.get("/Subtype"))
                if subtype in ("/Popup", "/PrinterMark"):
                    continue
                if annotation.objgen not in objects:
                    problems.append(f"page {number}: {subtype} annotation not in the "
                                    "structure tree")
                key = annotation.get("/StructParent")
                if key is None or int(key) not in parents or (
                        annotation.objgen in objects
                        and parents[int(key)].objgen != objects[annotation.objgen].objgen):
                    problems.append(f"page {number}: {subtype} annotation without a right "
                                    "/StructParent")
                if subtype == "/Link":
                    text = " ".join(str(annotation.get("/Contents", "")).split())
                    if not text:
                        problems.append(f"page {number}: link without /Contents")
                    elif text.lower() in VAGUE or RAW_TARGET.match(text):
                        problems.append(f"page {number}: link text {text!r} does not "
                                        "describe its target")
                    uri = str(annotation.get("/A", {}).get("/URI", ""))
                    if uri.lower().startswith("file:"):
                        problems.append(f"page {number}: link to a file of the build "
                                        f"machine: {uri}")
    return problems


if __name__ == "__main__":
    status = 0
    for name in sys.argv[1:]:
        found = pdf_problems(name)
        print(f"{name}: {len(found)} problem(s)")
        for problem in found[:50]:
            print(f"  {problem}")
        status |= bool(found)
    sys.exit(status)
