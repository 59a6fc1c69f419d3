"""Documents: the parameter sets expanded, checked against their notebooks, one per output.

Each entry of ``documents`` is merged over ``defaults``. When the notebook takes
``area_type`` and ``area_code`` and an entry gives ``area_type`` but no ``area_code``, the
entry becomes one document per area of that type (:func:`thlib.geography.list_areas`);
an explicit ``area_code`` must be a known area of its type. ``title`` and ``output`` are
templates over the document's parameters (including the notebook's defaults), ``report``,
``area_name`` and ``area_slug``.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from thlib.errors import AreaError, ParameterError
from thlib.publish.areas import AreaCatalogue, AreaFileError, AreaInfo
from thlib.publish.notebooks import OUTPUT_DIR, NotebookInfo
from thlib.publish.parameters import ParameterSet
from thlib.yaml_lines import describe_key, unsafe_character

#: Names at the top of the output folder that documents may not use.
RESERVED_OUTPUTS = {"_failed", "index"}


@dataclass(frozen=True, eq=False)
class Document:
    """One document to build: a notebook, its parameters and where its files go.

    Attributes
    ----------
    report : str
        Notebook name.
    source : pathlib.Path
        The parameter set it comes from.
    entry : int
        Index of its entry in the set's ``documents``.
    notebook : NotebookInfo
    parameters : dict
        Parameters given to the notebook (defaults merged, area filled in).
    title : str
    output : str
        Path of its files under the output folder, without extension (POSIX form).
    formats : tuple of str
    timeout : float or None
        Seconds the notebook may run (the parameter set's ``timeout``).
    area : AreaInfo or None
    report_title : str
        Heading of the report in the index.
    description : str
    """

    report: str
    source: Path
    entry: int
    notebook: NotebookInfo
    parameters: dict[str, Any]
    title: str
    output: str
    formats: tuple[str, ...]
    timeout: float | None = None
    area: AreaInfo | None = None
    report_title: str = ""
    description: str = field(default="", repr=False)

    def file(self, fmt: str) -> str:
        """Return the output path of ``fmt`` relative to the output folder."""
        return f"{self.output}.{fmt}"

    @property
    def label(self) -> str:
        """Short name for messages: the output path."""
        return self.output


def report_title(pset: ParameterSet, notebook: NotebookInfo) -> str:
    """Return the heading of a report: the notebook's ``metadata.title`` or its name."""
    return notebook.title or pset.report.replace("_", " ").capitalize()


def expand(
    pset: ParameterSet,
    notebook: NotebookInfo,
    catalogue: Callable[[], AreaCatalogue],
    formats: tuple[str, ...] | None = None,
    unlisted: list[str] | None = None,
) -> list[Document]:
    """Check a parameter set against its notebook and return its documents.

    Parameters
    ----------
    pset : ParameterSet
    notebook : NotebookInfo
        The notebook named by ``pset.report``.
    catalogue : callable
        Returns the :class:`AreaCatalogue`; called only when areas are needed.
    formats : tuple of str, optional
        Formats to build instead of the set's own (``--formats``).
    unlisted : list of str, optional
        Where an entry's areas cannot be listed because their file is bad
        (:class:`~thlib.publish.areas.AreaFileError`), its error is appended here and the
        entry gives no documents; without it, the error is raised.

    Returns
    -------
    list of Document

    Raises
    ------
    thlib.errors.ParameterError
        For an unknown parameter, a value of the wrong type, a missing required value or a
        bad template; the message names the file, line, key and what is allowed.
    thlib.errors.AreaError
        For an unknown area type or code, with the file, line and known codes.
    """
    _check_values(pset, notebook, pset.defaults, ("defaults",))
    documents = []
    for index, entry in enumerate(pset.documents):
        _check_values(pset, notebook, entry, ("documents", index))
        merged = {**pset.defaults, **entry}
        try:
            for parameters, area in _areas(pset, notebook, merged, index, catalogue):
                documents.append(_document(pset, notebook, index, parameters, area, formats))
        except AreaFileError as exc:
            if unlisted is None:
                raise
            unlisted.append(str(exc))
    return documents


def _allowed(notebook: NotebookInfo) -> list[str]:
    return [name for name in notebook.parameters if name != OUTPUT_DIR]


def _check_values(
    pset: ParameterSet, notebook: NotebookInfo, values: dict[str, Any], keys: tuple
) -> None:
    allowed = _allowed(notebook)
    for name, value in values.items():
        where = f"{pset.where(*keys, name)}: {describe_key((*keys, name))}"
        if name == OUTPUT_DIR:
            raise ParameterError(
                f"{where}: {OUTPUT_DIR!r} is set by the build (a private folder whose files "
                "are published beside the document); remove it from the parameter set"
            )
        if name not in notebook.parameters:
            if not notebook.has_parameters_cell:
                raise ParameterError(
                    f"{where}: unknown parameter {name!r}: notebook {notebook.path} has no cell "
                    "tagged 'parameters', so it takes no parameters"
                )
            raise ParameterError(
                f"{where}: unknown parameter {name!r} for notebook {notebook.path}; "
                f"allowed keys: {', '.join(allowed) or '(none)'}"
            )
        problem = notebook.parameters[name].problem(value)
        if problem:
            raise ParameterError(
                f"{where}: parameter {name!r} of notebook {notebook.path} {problem}"
            )


def _areas(
    pset: ParameterSet,
    notebook: NotebookInfo,
    merged: dict[str, Any],
    index: int,
    catalogue: Callable[[], AreaCatalogue],
) -> Iterable[tuple[dict[str, Any], AreaInfo | None]]:
    """Yield the parameters and area of each document an entry stands for."""
    if not notebook.area_aware:
        yield merged, None
        return
    effective = {**notebook.literal_defaults(), **merged}
    try:
        if "area_type" in merged and "area_code" not in merged:
            for area in catalogue().of_type(merged["area_type"]):
                yield {**merged, "area_code": area.code}, area
        else:
            yield merged, catalogue().get(effective.get("area_type"), effective.get("area_code"))
    except AreaError as exc:
        key = "area_code" if "area_code" in merged else "area_type"
        place = ("documents", index, key) if key in pset.documents[index] else ("defaults", key)
        raise type(exc)(f"{pset.where(*place)}: documents[{index}].{key}: {exc}") from None


def _document(
    pset: ParameterSet,
    notebook: NotebookInfo,
    index: int,
    parameters: dict[str, Any],
    area: AreaInfo | None,
    formats: tuple[str, ...] | None,
) -> Document:
    missing = [
        name for name, p in notebook.parameters.items()
        if p.required and parameters.get(name) is None
    ]
    if missing:
        raise ParameterError(
            f"{pset.where('documents', index)}: documents[{index}] gives no value for required "
            f"parameter {missing[0]!r} of notebook {notebook.path} "
            f"({notebook.parameters[missing[0]].help}); set it in the entry or in 'defaults'"
        )
    heading = report_title(pset, notebook)
    values = {**notebook.literal_defaults(), **parameters, "report": pset.report}
    values.pop(OUTPUT_DIR, None)
    if area is not None:
        values.update(area_name=area.name, area_slug=area.slug)
    default_title = "{area_name}: " + heading if area is not None else heading
    title = _render(pset, "title", pset.title or default_title, values)
    output = _render(pset, "output", pset.output, values)
    _check_output(pset, output)
    return Document(
        report=pset.report,
        source=pset.path,
        entry=index,
        notebook=notebook,
        parameters=parameters,
        title=" ".join(title.split()),
        output=output,
        formats=formats or pset.formats,
        timeout=pset.timeout,
        area=area,
        report_title=heading,
        description=pset.description,
    )


def _render(pset: ParameterSet, key: str, template: str, values: dict[str, Any]) -> str:
    """Fill ``template``; only plain ``{name}`` fields naming a known value are allowed."""
    try:
        fields = [(f, spec, conversion) for _, f, spec, conversion
                  in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ParameterError(f"{pset.where(key)}: {key} template {template!r}: {exc}") from None
    for name, spec, conversion in fields:
        if spec or conversion:
            raise ParameterError(
                f"{pset.where(key)}: {key} template {template!r} formats {{{name}}} "
                f"({'!' + conversion if conversion else ':' + str(spec)}); write plain {{name}} "
                "fields")
        if name not in values:
            raise ParameterError(
                f"{pset.where(key)}: {key} template {template!r} uses {{{name}}}, which is not "
                f"known; available: {', '.join('{' + v + '}' for v in sorted(values))}"
            )
    return template.format_map({name: str(value) for name, value in values.items()})


#: Longest part of an output path, in bytes: room is left within the 255 that file systems
#: allow for the suffixes ("-data.xlsx") and the temporary names of atomic writes.
MAX_OUTPUT_PART = 200


def _check_output(pset: ParameterSet, output: str) -> None:
    parts = output.split("/")
    path = PurePosixPath(output)
    problem = None
    unsafe = next((c for c in output if unicodedata.category(c) == "Cc"), None) \
        or unsafe_character(output)
    if unsafe is not None:
        code = unsafe if unsafe.startswith("U+") else f"U+{ord(unsafe):04X}"
        problem = (f"holds the control character {code} (a newline, a NUL or a direction "
                   "override in a parameter or area name?), which a file name must not")
    elif max(len(p.encode("utf-8")) for p in parts) > MAX_OUTPUT_PART:
        problem = (f"has a part longer than {MAX_OUTPUT_PART} bytes, too long for a file name; "
                   "shorten the template or the values it uses")
    elif output.startswith("/") or "\\" in output or any(p in ("", ".", "..") for p in parts):
        problem = "must be a relative path with no empty, '.' or '..' parts"
    elif any(part.startswith(".") for part in parts):
        problem = "may not have parts starting with '.' (the build's own files)"
    elif parts[0] in RESERVED_OUTPUTS:
        problem = f"may not start with {parts[0]!r}, which the build uses"
    elif path.suffix.lower() in {".html", ".pdf", ".ipynb"}:
        problem = "must not have an extension: .html and .pdf are added"
    if problem:
        shown = output if len(output) <= 120 else output[:117] + "..."
        raise ParameterError(f"{pset.where('output')}: output {shown!r} {problem}")


def check_unique_outputs(documents: Iterable[Document]) -> None:
    """Refuse two documents that would write the same files.

    Raises
    ------
    thlib.errors.ParameterError
        Naming both parameter-set entries.
    """
    seen: dict[str, Document] = {}
    for document in documents:
        other = seen.setdefault(document.output.lower(), document)
        if other is not document:
            raise ParameterError(
                f"{other.source} documents[{other.entry}] and {document.source} "
                f"documents[{document.entry}] would both write {document.output!r}; make the "
                "'output' template tell them apart, e.g. with {area_slug}"
            )


def select(documents: list[Document], only: Iterable[str]) -> list[Document]:
    """Keep the documents matching ``only``: report names, area types, codes or slugs, outputs.

    Report names are alternatives, and so are the rest (area types, codes, slugs, output
    paths); the two kinds combine with "and": ``borough,E05009317`` keeps the borough and
    one ward in every report, ``area_profile,ward`` keeps the ward area profiles.

    Raises
    ------
    thlib.errors.ParameterError
        If a selector matches no report, area type, area code or slug.
    """
    wanted = [s.strip() for item in only for s in item.split(",") if s.strip()]
    if not wanted:
        return documents
    reports = {d.report for d in documents}
    types = {d.area.type for d in documents if d.area}
    codes = {key for d in documents if d.area for key in (d.area.code, d.area.slug)}
    codes |= {d.output for d in documents}
    chosen_reports: set[str] = set()
    chosen_areas: set[str] = set()
    for selector in wanted:
        if selector in reports:
            chosen_reports.add(selector)
        elif selector in types or selector in codes:
            chosen_areas.add(selector)
        elif selector.upper() in codes:
            chosen_areas.add(selector.upper())
        elif selector == "custom":
            from thlib.geography.custom import custom_areas_file  # not on a no-op build's path

            raise ParameterError(
                f"--only custom: no custom areas are defined; list them in "
                f"{custom_areas_file()} (or set THLIB_CUSTOM_AREAS to your own file)")
        else:
            raise ParameterError(
                f"--only {selector!r} matches no report, area type, area code or output; reports: "
                f"{', '.join(sorted(reports))}; area types: {', '.join(sorted(types)) or '-'}; "
                "area codes: see --dry-run"
            )

    def keep(document: Document) -> bool:
        area = document.area
        keys = {document.output, *((area.type, area.code, area.slug) if area else ())}
        return (not chosen_reports or document.report in chosen_reports) and (
            not chosen_areas or bool(keys & chosen_areas))

    return [document for document in documents if keep(document)]
