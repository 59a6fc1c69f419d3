"""Tagged PDF/UA-1 from WeasyPrint, with the gaps of WeasyPrint's own tagging closed.

WeasyPrint (70) tags a PDF page by page (``weasyprint/pdf/tags.py``), which leaves what
PDF/UA-1 (ISO 14289-1) forbids or screen readers stumble on (WeasyPrint issues #1836,
#2902, #2903):

- the page margin boxes (the running footer) are marked content that is neither in the
  structure tree nor an artifact;
- an element that breaks across pages (a table, a list, ``main``) is one structure element
  per page, and a table's ``<thead>``, drawn again on each page, is a new header row each
  time;
- table header cells have no ``/Scope`` and the structure tree no ``/IDTree`` for the IDs
  that data cells' ``/Headers`` name;
- a link to a file beside the document is written as an absolute ``file:`` URI of the
  machine that built it, described by that URI.

:func:`write_tagged_pdf` lets WeasyPrint tag the document while recording, for each
structure element, the HTML element it comes from; then it rewrites the PDF with pikepdf:
fragments of one HTML element become one structure element, the repeated table headers
and the margin boxes become ``/Artifact`` content (``/Pagination``, footer or header), the
parent tree is rebuilt from the final tree, the ID tree is added and links keep the
document's own (relative) ``href`` and are described by their text.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import pikepdf
import weasyprint
from pikepdf import Array, Dictionary, Name, Operator, String
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as weasy_tags

__all__ = ["write_tagged_pdf"]

#: Private key naming, on a structure element, the HTML element it was drawn from (removed
#: from the finished PDF).
_MARK = "ThlibNode"
_KEY = "/" + _MARK
#: The signature of the WeasyPrint function that is wrapped; another means its internals
#: changed and the wrapper must be checked against them.
_HOOK_PARAMETERS = ["box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]
#: Table parts that WeasyPrint draws again on every page a table spans.
_REPEATED = {"/THead", "/TFoot"}
_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}
_ONE_AT_A_TIME = threading.Lock()
LOGGER = logging.getLogger(__name__)


@dataclass
class _Record:
    """What the hook learns while WeasyPrint tags the document."""

    nodes: list[tuple[Element, str]] = field(default_factory=list)
    index: dict[tuple[int, str], int] = field(default_factory=dict)
    #: (page number, MCID) of margin-box content, and the margin box (``@bottom-left``...).
    margins: dict[tuple[int, int], str] = field(default_factory=dict)
    stack: list[Any] = field(default_factory=list)
    calls: int = 0

    def node(self, element: Element, tag: str) -> int:
        key = (id(element), tag)
        if key not in self.index:
            self.index[key] = len(self.nodes)
            self.nodes.append((element, tag))
        return self.index[key]


def _hook(original: Callable[..., Iterator[Any]], record: _Record) -> Callable[..., Any]:
    """Wrap WeasyPrint's ``_build_box_tree``: mark what it yields with its HTML element."""

    def build(box: Any, parent: Any, pdf: Any, page_number: int, nums: dict[int, Any],
              annotations: Any, tags: Any) -> Iterator[Any]:
        record.calls += 1
        if isinstance(box, boxes.MarginBox):
            before = set(nums)
            yield from original(box, parent, pdf, page_number, nums, annotations, tags)
            for mcid in set(nums) - before:
                record.margins[page_number, mcid] = box.at_keyword
            return
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        enclosing = record.stack[-1] if record.stack else None
        # An anonymous box (text directly in a div, the block inside a table cell) has the
        # element and tag of the box it is in: it is not the element itself, so no mark.
        anonymous = enclosing is not None and enclosing is not box and (
            box.element is enclosing.element and box.element_tag == enclosing.element_tag)
        named = box.element is not None and not anonymous and \
            box.element_tag not in ("html", "body")
        generator = original(box, parent, pdf, page_number, nums, annotations, tags)
        while True:
            record.stack.append(box)
            try:
                element = next(generator)
            except StopIteration:
                return
            finally:
                record.stack.pop()
            if named and _MARK not in element:
                element[_MARK] = record.node(box.element, box.element_tag)
                if element["S"] == "/TH":
                    element["A"]["Scope"] = _SCOPES.get(box.element.get("scope", ""), "/Column")
            yield element

    return build


@contextlib.contextmanager
def _recording() -> Iterator[_Record]:
    """Wrap WeasyPrint's tagging while the block runs; fail if its internals changed."""
    original = weasy_tags._build_box_tree
    parameters = list(inspect.signature(original).parameters)
    if parameters != _HOOK_PARAMETERS or not hasattr(boxes, "MarginBox"):
        raise RuntimeError(
            f"WeasyPrint {weasyprint.__version__} changed the tagging internals that "
            f"thlib.publish.pdf_ua wraps (_build_box_tree{tuple(parameters)}); check the "
            "wrapper against weasyprint/pdf/tags.py")
    record = _Record()
    with _ONE_AT_A_TIME:
        weasy_tags._build_box_tree = _hook(original, record)
        try:
            yield record
        finally:
            weasy_tags._build_box_tree = original


def _set_header_scopes(root: Element) -> None:
    """Give every ``th`` without a ``scope`` one, from its place in its table.

    A header in a header row (in ``thead``, or a first row of headers only) is a column
    header; the first cell of any other row is a row header; any other is a column header.
    WeasyPrint maps data cells to row headers by ``scope="row"``, so its ``/Headers`` follow.
    """
    for table in root.iter("table"):
        rows: list[tuple[Element, bool]] = []
        for part in table:
            if part.tag == "tr":
                rows.append((part, False))
            elif part.tag in ("thead", "tbody", "tfoot"):
                rows += [(row, part.tag == "thead") for row in part if row.tag == "tr"]
        for number, (row, in_head) in enumerate(rows):
            cells = [cell for cell in row if cell.tag in ("th", "td")]
            header_row = in_head or (number == 0 and all(c.tag == "th" for c in cells))
            for position, cell in enumerate(cells):
                if cell.tag == "th" and cell.get("scope") not in _SCOPES:
                    cell.set("scope", "row" if position == 0 and not header_row else "col")


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_element(kid: Any) -> bool:
    return isinstance(kid, Dictionary) and "/S" in kid and kid.get("/Type") != "/OBJR"


def _preorder(root: Any) -> list[Any]:
    found, todo = [], [root]
    while todo:
        element = todo.pop()
        found.append(element)
        todo.extend(reversed([kid for kid in _kids(element) if _is_element(kid)]))
    return found


def _detach(element: Any) -> None:
    """Remove ``element`` from its parent's kids."""
    parent = element.get("/P")
    if parent is None or "/K" not in parent:
        return
    kids = parent["/K"]
    if not isinstance(kids, Array):
        parent["/K"] = Array([kids])
        kids = parent["/K"]
    for i, kid in enumerate(kids):
        if _is_element(kid) and kid.objgen == element.objgen:
            del kids[i]
            return


def _move_kids(source: Any, target: Any) -> None:
    """Append ``source``'s kids to ``target``'s; bare MCIDs become MCRs on source's page."""
    if not isinstance(target.get("/K"), Array):
        target["/K"] = Array(_kids(target))
    same_page = source.get("/Pg") is not None and target.get("/Pg") is not None and \
        source["/Pg"].objgen == target["/Pg"].objgen
    for kid in _kids(source):
        if isinstance(kid, int) and not same_page:
            kid = Dictionary(Type=Name.MCR, Pg=source["/Pg"], MCID=kid)
        elif _is_element(kid):
            kid["/P"] = target
        target["/K"].append(kid)
    source["/K"] = Array()


def _merge_fragments(document: Any) -> tuple[set[tuple[Any, int]], dict[str, str]]:
    """Make the fragments of each HTML element one structure element.

    Returns the marked content (page object, MCID) of the repeated table headers, which
    leave the tree, and for each header cell ID in them the ID of the original header cell.
    """
    first: dict[tuple[int, str], Any] = {}
    removed: set[Any] = set()
    repeated: set[tuple[Any, int]] = set()
    header_ids: dict[str, str] = {}
    for element in _preorder(document):
        if element.objgen in removed or _KEY not in element:
            continue
        key = (int(element[_KEY]), str(element["/S"]))
        target = first.setdefault(key, element)
        if target is element:
            continue
        _detach(element)
        if key[1] in _REPEATED:
            for dropped in _preorder(element):
                removed.add(dropped.objgen)
                original = first.get((int(dropped.get(_KEY, -1)), str(dropped.get("/S"))))
                if "/ID" in dropped and original is not None and "/ID" in original:
                    header_ids[str(dropped["/ID"])] = str(original["/ID"])
                for kid in _kids(dropped):
                    if isinstance(kid, int):
                        repeated.add((dropped["/Pg"].objgen, kid))
                    elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                        repeated.add((kid["/Pg"].objgen, int(kid["/MCID"])))
        else:
            if "/ID" in element and "/ID" in target:  # a header cell split across pages
                header_ids[str(element["/ID"])] = str(target["/ID"])
            _move_kids(element, target)
            removed.add(element.objgen)
    return repeated, header_ids


def _describe(element: Element) -> str:
    """Return what a link says it leads to: its label, title, text or images' alt."""
    for attribute in ("aria-label", "title"):
        if element.get(attribute, "").strip():
            return " ".join(element.get(attribute, "").split())
    text = " ".join("".join(element.itertext()).split())
    return text or " ".join(img.get("alt", "") for img in element.iter("img")).strip()


def _fix_link(annotation: Any, element: Element | None) -> None:
    """Keep a relative ``href`` relative and describe the link by its text."""
    if element is None:
        return
    href = element.get("href", "")
    parts = urlsplit(href)
    action = annotation.get("/A")
    if href and not parts.scheme and not parts.netloc and not href.startswith(("#", "/")) \
            and action is not None and action.get("/S") == "/URI":
        action["/URI"] = String(href)
    text = _describe(element)
    if text:
        annotation["/Contents"] = String(text)


def _finish_tree(pdf: pikepdf.Pdf, root: Any, document: Any, header_ids: dict[str, str],
                 record: _Record) -> dict[int, dict[int, int]]:
    """Rebuild the parent tree and the ID tree, fix links and header references.

    The marked content the tree reaches is renumbered page by page from 0, so the parent
    tree has no holes; returns, for each page, the new MCID of each old one reached.
    """
    page_index: dict[Any, int] = {page.objgen: i for i, page in enumerate(pdf.pages)}
    reached: dict[int, dict[int, Any]] = {i: {} for i in range(len(pdf.pages))}
    annotations: dict[int, Any] = {}
    ids: dict[str, Any] = {}
    holders: list[Any] = []
    for element in _preorder(document):
        node = int(element[_KEY]) if _KEY in element else None
        if _KEY in element:
            del element[_KEY]
        html = record.nodes[node][0] if node is not None else None
        home = element.get("/Pg")
        content = False
        for kid in _kids(element):
            if isinstance(kid, int) and home is not None:
                reached[page_index[home.objgen]][kid] = element
                content = True
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                reached[page_index[kid["/Pg"].objgen]][int(kid["/MCID"])] = element
                content = True
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                annotation = kid["/Obj"]
                annotations[int(annotation["/StructParent"])] = element
                if element.get("/S") == "/Link":
                    _fix_link(annotation, html)
        if content:
            holders.append(element)
        if "/ID" in element:
            ids[str(element["/ID"])] = element
        attributes = element.get("/A")
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            headers = dict.fromkeys(header_ids.get(str(h), str(h))
                                    for h in attributes["/Headers"])
            attributes["/Headers"] = Array([String(h) for h in headers])

    renumber = {i: {old: new for new, old in enumerate(sorted(mapping))}
                for i, mapping in reached.items()}
    for element in holders:
        home = element.get("/Pg")
        kids = []
        for kid in _kids(element):
            if isinstance(kid, int):
                kid = renumber[page_index[home.objgen]][kid]
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                kid = Dictionary(Type=Name.MCR, Pg=kid["/Pg"], MCID=renumber[
                    page_index[kid["/Pg"].objgen]][int(kid["/MCID"])])
            kids.append(kid)
        element["/K"] = Array(kids)

    entries: dict[int, Any] = dict(annotations)
    for i, mapping in reached.items():
        entries[int(pdf.pages[i].obj.get("/StructParents", i))] = Array(
            [mapping[old] for old in sorted(mapping)])
    nums = [item for key in sorted(entries) for item in (key, entries[key])]
    root["/ParentTree"] = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root["/ParentTreeNextKey"] = max(entries, default=-1) + 1
    if ids:
        names: list[Any] = []
        for name in sorted(ids, key=lambda k: k.encode("utf-8")):
            names += [String(name), ids[name]]
        root["/IDTree"] = Dictionary(Names=Array(names))
    for sheet in pdf.pages:  # a link that left the tree (in a repeated table header) goes
        if "/Annots" in sheet.obj:
            sheet.obj["/Annots"] = Array([
                a for a in sheet.obj["/Annots"]
                if a.get("/Subtype") != "/Link" or int(a.get("/StructParent", -1)) in annotations])
    return renumber


def _artifact(at_keyword: str) -> Dictionary:
    """Return the properties of a margin box's artifact (a page header or footer)."""
    side = at_keyword.lstrip("@").split("-")[0]
    subtype = {"top": Name.Header, "bottom": Name.Footer}.get(side)
    return Dictionary(Type=Name.Pagination, Subtype=subtype) if subtype else \
        Dictionary(Type=Name.Pagination)


def _rewrite_content(pdf: pikepdf.Pdf, renumber: dict[int, dict[int, int]],
                     repeated: set[tuple[Any, int]], record: _Record) -> None:
    """Renumber the marked content the tree reaches; make the rest artifacts."""
    bdc, unknown = Operator("BDC"), 0
    for i, page in enumerate(pdf.pages):
        instructions = pikepdf.parse_content_stream(page)
        changed = False
        for n, instruction in enumerate(instructions):
            if not isinstance(instruction, pikepdf.ContentStreamInstruction) \
                    or instruction.operator != bdc or len(instruction.operands) != 2:
                continue
            tag, properties = instruction.operands
            if not isinstance(properties, Dictionary) or "/MCID" not in properties:
                continue
            mcid = int(properties["/MCID"])
            if mcid in renumber[i]:
                if renumber[i][mcid] == mcid:
                    continue
                properties = Dictionary({k: v for k, v in properties.items() if k != "/MCID"})
                properties["/MCID"] = renumber[i][mcid]
            elif (i, mcid) in record.margins:
                tag, properties = Name.Artifact, _artifact(record.margins[i, mcid])
            elif (page.objgen, mcid) in repeated:
                tag, properties = Name.Artifact, Dictionary(Type=Name.Pagination)
            else:
                unknown += 1
                tag, properties = Name.Artifact, Dictionary()
            instructions[n] = pikepdf.ContentStreamInstruction([tag, properties], bdc)
            changed = True
        if changed:
            page.obj["/Contents"] = pdf.make_stream(
                pikepdf.unparse_content_stream(instructions))
    if unknown:
        LOGGER.warning("%d marked-content sequence(s) that WeasyPrint left out of the "
                       "structure tree (not margin boxes or repeated table headers) were "
                       "made artifacts: screen readers will skip them", unknown)
    seen: set[tuple[int, int]] = set()  # forms shared by pages are looked into once
    if any(_marked_forms(page.get("/Resources"), seen) for page in pdf.pages):
        # WeasyPrint draws content with opacity below 1 in a form; none of our reports do
        LOGGER.warning("marked content inside a form XObject (CSS opacity below 1?) is not "
                       "renumbered or made an artifact: the PDF's tags may be incomplete")


def _marked_forms(resources: Any, seen: set[tuple[int, int]]) -> bool:
    """Whether a form XObject under ``resources`` holds marked content with an MCID."""
    for form in (resources or {}).get("/XObject", {}).values():
        if form.get("/Subtype") != "/Form" or form.objgen in seen:
            continue
        seen.add(form.objgen)
        # a byte search first: parsing every chart's form would cost about a second
        if b"/MCID" in form.read_bytes() and any(
                len(operands := list(getattr(instruction, "operands", ()))) == 2
                and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]
                for instruction in pikepdf.parse_content_stream(form)):
            return True
        if _marked_forms(form.get("/Resources"), seen):
            return True
    return False


def _finish(data: bytes, record: _Record) -> bytes:
    """Rewrite WeasyPrint's tagged PDF ``data`` (see the module's description)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root: Any = pdf.Root.StructTreeRoot
        document: Any = root.K[0] if isinstance(root.K, Array) else root.K
        repeated, header_ids = _merge_fragments(document)
        renumber = _finish_tree(pdf, root, document, header_ids, record)
        _rewrite_content(pdf, renumber, repeated, record)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def write_tagged_pdf(document: weasyprint.HTML) -> bytes:
    """Return a tagged PDF/UA-1 of an HTML document, drawn by WeasyPrint.

    WeasyPrint's ``write_pdf(pdf_variant="pdf/ua-1")`` with the repairs the module
    describes: one structure element per HTML element however many pages it spans, the
    running header and footer and repeated table headers as artifacts, header cells with
    ``/Scope``, an ID tree, relative links that stay relative.

    Parameters
    ----------
    document : weasyprint.HTML
        The parsed document. Header cells without a ``scope`` are given one (see
        ``_set_header_scopes``).

    Returns
    -------
    bytes
        The PDF.

    Raises
    ------
    RuntimeError
        If WeasyPrint's tagging internals are not those this module was written for.

    Examples
    --------
    >>> import weasyprint
    >>> html = weasyprint.HTML(string='<html lang="en-GB"><title>T</title><p>Hi</p></html>')
    >>> write_tagged_pdf(html)[:5]
    b'%PDF-'
    """
    _set_header_scopes(document.etree_element)
    with _recording() as record:
        data = document.write_pdf(pdf_variant="pdf/ua-1")
    if not record.calls:
        raise RuntimeError("WeasyPrint did not tag the document through _build_box_tree; "
                           "check thlib.publish.pdf_ua against weasyprint/pdf/tags.py")
    return _finish(data, record)
