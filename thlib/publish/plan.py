"""Planning a build: read and check every parameter set, expand, and decide what is stale.

Nothing here writes a file, so a parameter error stops the build before any output
changes. Nothing here imports papermill or geopandas either, unless a notebook changed
since the last build (to inspect its parameters) or the data or library changed (to list
the areas again).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thlib.errors import ParameterError
from thlib.publish.areas import AreaCatalogue
from thlib.publish.documents import Document, check_unique_outputs, expand, select
from thlib.publish.notebooks import NotebookInfo, read_notebook
from thlib.publish.parameters import ParameterSet, find_parameter_sets, load_parameter_set
from thlib.publish.state import STATE_NAME, BuildState, Fingerprints, digest, stale_reason
from thlib.settings import configured_data_dir

LOGGER = logging.getLogger(__name__)


@dataclass
class PlannedDocument:
    """A selected document, its fingerprint components and why it must be built (or None)."""

    document: Document
    components: dict[str, str]
    reason: str | None

    @property
    def stale(self) -> bool:
        """True if the document must be built."""
        return self.reason is not None


@dataclass
class Plan:
    """Everything known before building.

    Attributes
    ----------
    state : BuildState
    fingerprints : Fingerprints
    parameter_sets : list of ParameterSet
    documents : list of Document
        Every document of every parameter set.
    selected : list of PlannedDocument
        Those chosen by ``--only``, with their reasons.
    """

    state: BuildState
    fingerprints: Fingerprints
    parameter_sets: list[ParameterSet]
    documents: list[Document]
    selected: list[PlannedDocument] = field(default_factory=list)

    @property
    def stale(self) -> list[PlannedDocument]:
        """The selected documents that must be built."""
        return [planned for planned in self.selected if planned.stale]


def document_parameters_digest(document: Document) -> str:
    """Return the ``parameters`` fingerprint component of a document."""
    return digest({
        "report": document.report, "parameters": document.parameters, "title": document.title,
        "output": document.output, "timeout": document.timeout,
    })


def _notebook(pset: ParameterSet, notebooks_dir: Path, state: BuildState) -> NotebookInfo:
    path = notebooks_dir / f"{pset.report}.ipynb"
    if not path.is_file():
        known = sorted(p.stem for p in notebooks_dir.glob("*.ipynb"))
        raise ParameterError(
            f"{pset.where('report')}: report {pset.report!r} has no notebook {path}; "
            f"notebooks in {notebooks_dir}: {', '.join(known) or '(none)'}"
        )
    cache = state.notebooks.setdefault(str(path.resolve()), {})
    return read_notebook(path, cache)


def make_plan(
    output_dir: Path,
    parameters_dir: Path = Path("parameters"),
    notebooks_dir: Path = Path("notebooks"),
    params: tuple[Path, ...] = (),
    only: tuple[str, ...] = (),
    formats: tuple[str, ...] | None = None,
    force: bool = False,
) -> Plan:
    """Read, check and expand every parameter set; decide what must be built.

    The data folder fingerprinted is :func:`thlib.settings.configured_data_dir`: the one
    the areas are listed from and the documents' kernels read.

    Parameters
    ----------
    output_dir, parameters_dir, notebooks_dir : pathlib.Path
    params : tuple of pathlib.Path
        Extra parameter-set files.
    only : tuple of str
        Selectors (report names, area types, area codes or slugs).
    formats : tuple of str, optional
        Formats to build instead of each set's own.
    force : bool
        Mark every selected document stale.

    Returns
    -------
    Plan

    Raises
    ------
    thlib.errors.ThlibError
        For any problem in the parameter sets, before anything is written.
    """
    state = BuildState(output_dir / STATE_NAME)
    fingerprints = state.fingerprints(configured_data_dir())
    psets = [load_parameter_set(path) for path in find_parameter_sets(parameters_dir, params)]
    catalogue = _catalogue_loader(state, fingerprints)
    documents: list[Document] = []
    # With --only, a bad file of areas not asked for (custom areas, say) does not stop the
    # build: it is said, and the areas asked for are built.
    unlisted: list[str] | None = [] if only else None
    for pset in psets:
        notebook = _notebook(pset, notebooks_dir, state)
        documents += expand(pset, notebook, catalogue, formats, unlisted)
    check_unique_outputs(documents)
    plan = Plan(state, fingerprints, psets, documents)
    try:
        selected = select(documents, only)
    except ParameterError as exc:
        if unlisted:  # the selector may name one of the areas that could not be listed
            raise ParameterError(f"{exc}; and {'; '.join(unlisted)}") from None
        raise
    for problem in unlisted or ():
        LOGGER.warning("not built: %s", problem)
    for document in selected:
        components = fingerprints.for_document(
            document.notebook.sha256, document_parameters_digest(document),
            custom_area=document.area is not None and document.area.type == "custom")
        reason = stale_reason(state.documents.get(document.output), components,
                              document.formats, output_dir, force)
        plan.selected.append(PlannedDocument(document, components, reason))
    return plan


def _catalogue_loader(state: BuildState, fingerprints: Fingerprints) -> Any:
    """Return a function giving the area catalogue: cached, or from thlib.geography."""
    key = digest([fingerprints.data, fingerprints.custom_areas, fingerprints.library])
    loaded: list[AreaCatalogue] = []

    def load() -> AreaCatalogue:
        if not loaded:
            if state.areas.get("key") == key:
                loaded.append(AreaCatalogue.from_json(state.areas["catalogue"]))
            else:
                LOGGER.debug("listing areas with thlib.geography (data or library changed)")
                catalogue = AreaCatalogue.from_geography()
                state.areas = {"key": key, "catalogue": catalogue.to_json()}
                loaded.append(catalogue)
        return loaded[0]

    return load


def refresh_reasons(plan: Plan, output_dir: Path, force: bool = False) -> None:
    """Re-read the documents of the state file and recompute reasons (under the lock).

    Another build may have finished between planning and taking the lock.
    """
    fresh = BuildState(plan.state.path)
    plan.state.documents = fresh.documents
    for planned in plan.selected:
        document = planned.document
        planned.reason = stale_reason(plan.state.documents.get(document.output),
                                      planned.components, document.formats, output_dir, force)


def prune_removed(plan: Plan) -> list[str]:
    """Forget state entries of documents their parameter set no longer describes.

    Only entries from parameter sets read in this run are considered; their files are
    left in place (outputs are disposable; delete them by hand). Returns the outputs
    forgotten.
    """
    sources = {str(pset.path.resolve()) for pset in plan.parameter_sets}
    current = {document.output for document in plan.documents}
    removed = [
        output for output, entry in plan.state.documents.items()
        if output not in current and entry.get("source") in sources
    ]
    for output in removed:
        del plan.state.documents[output]
        LOGGER.info("%s is no longer described by its parameter set: dropped from the index "
                    "(its files are left in place)", output)
    return removed
