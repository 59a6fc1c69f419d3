"""Self-contained, accessible HTML of an executed report notebook.

:class:`ProfileHTMLExporter` is an nbconvert exporter (``jupyter nbconvert --to thlib_html``)
that renders the notebook with the ``thlib`` template shipped in ``thlib/templates``: the
Markdown and the outputs only (no code, no prompts, no JavaScript), images embedded as data
URIs, one inline stylesheet, ``lang="en-GB"`` and a real ``<title>``.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
from jinja2 import pass_context
from jinja2.runtime import Context
from nbconvert import HTMLExporter
from nbconvert.filters import get_metadata
from traitlets import Bool, default
from traitlets.config import Config

from thlib.errors import BuildError

LOGGER = logging.getLogger(__name__)

#: The folder of nbconvert templates shipped inside the package (holds ``thlib/``).
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

#: Cell tags that TagRemovePreprocessor honours, by its trait name.
REMOVE_TAGS = {
    "remove_cell_tags": {"remove_cell"},
    "remove_input_tags": {"remove_input"},
    "remove_all_outputs_tags": {"remove_output"},
}

#: Text alternative used, with a warning, for an image whose output metadata has none.
FALLBACK_ALT = "Chart"

#: Longest name, in characters, given to a chart's scroll region (see :func:`short_label`).
LABEL_CHARS = 150

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1", re.M | re.S)
_H1 = re.compile(
    r"^ {0,3}#[ \t]+(?P<atx>.+?)(?:[ \t]+#+)?[ \t]*$"  # "# Title"
    r"|^ {0,3}(?P<setext>\S[^\n]*)\n {0,3}=+[ \t]*$"  # "Title" underlined with "==="
    r"|<h1\b[^>]*>(?P<html>.*?)</h1>",
    re.M | re.S | re.I,
)


def _plain(text: str) -> str:
    """Return heading Markdown or HTML as plain text: no tags, links or emphasis marks."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(html.unescape(text).split())


def first_heading(nb: nbformat.NotebookNode) -> str | None:
    """Return the text of the notebook's first level-1 heading, or None.

    Markdown cells and Markdown or HTML outputs are read in document order, so a heading
    displayed by code (``display(Markdown("# ..."))``) counts.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook, after preprocessing (removed cells are gone).

    Returns
    -------
    str or None
        The heading as plain text.
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts = [cell.source]
        elif cell.cell_type == "code":
            data = [out.get("data", {}) for out in cell.get("outputs", [])]
            texts = [d.get("text/html") or d.get("text/markdown") or "" for d in data]
        else:
            continue
        for text in texts:
            text = _FENCE.sub("", "".join(text))
            if match := _H1.search(text):
                title = _plain(next(g for g in match.groups() if g is not None))
                if title:
                    return title
    return None


def short_label(alt: str, limit: int = LABEL_CHARS) -> str:
    """Return a chart's short name, for its scroll region, from its text alternative.

    A chart keeps a legible size on a narrow screen and scrolls sideways in a focusable
    region; the region needs a name, and the whole alt text (which lists the data) would be
    read twice. The name is the alt text's first sentence, or its first two when the first
    is only the kind of chart ("Bar chart."), cut at a word to at most ``limit`` characters.

    Parameters
    ----------
    alt : str
        The chart's text alternative.
    limit : int, default :data:`LABEL_CHARS`
        The longest name, in characters, an ellipsis included.

    Returns
    -------
    str

    Examples
    --------
    >>> short_label("Bar chart. Tenure: Bow has more social renting than Tower Hamlets. "
    ...             "Percentage of households, Census 2021. Bow: 40%.")
    'Bar chart. Tenure: Bow has more social renting than Tower Hamlets.'
    >>> short_label("Population by age group in Bow East and the borough", limit=30)
    'Population by age group in…'
    """
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(alt.split()))
    label = sentences[0]
    if len(label.split()) <= 3 and len(sentences) > 1:
        label = f"{label} {sentences[1]}"
    if len(label) > limit:
        label = label[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return label


def document_title(nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None) -> str:
    """Return the document title: metadata ``title``, else the first H1, else the file name.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook.
    resources : dict, optional
        nbconvert resources; ``resources["metadata"]["name"]`` is the last resort.

    Returns
    -------
    str
        A non-empty title.
    """
    title = nb.metadata.get("title")
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    name = ((resources or {}).get("metadata") or {}).get("name")
    return first_heading(nb) or name or "Report"


def _document_name(nb: nbformat.NotebookNode, resources: dict[str, Any] | None) -> str:
    """Name a document in messages: its file name if known, else its title."""
    name = ((resources or {}).get("metadata") or {}).get("name")
    try:
        title = document_title(nb)
    except Exception:  # only naming a broken notebook in a message
        title = "untitled notebook"
    return f"{name!r} ({title})" if name else repr(title)


#: Characters left as they are in an SVG data URI: everything else (``"``, ``<``, ``>``,
#: ``&``, ``#``, ``%``, non-ASCII) is percent-encoded, so the URI is safe in an attribute.
_SVG_URI_SAFE = " !$'()*+,-./:;=?@_~"


def svg_data_uri(svg: str) -> str:
    """Return an SVG document as a percent-encoded ``data:`` URI.

    Most of an SVG is plain ASCII left as it is, so the URI is about a tenth smaller than
    base64 (which adds a third), and no character in it can end an HTML attribute.

    Parameters
    ----------
    svg : str
        The SVG document.

    Returns
    -------
    str
        ``data:image/svg+xml;charset=utf-8,`` and the encoded document.

    Examples
    --------
    >>> svg_data_uri('<svg xmlns="http://www.w3.org/2000/svg"><text>A & B #1</text></svg>')
    'data:image/svg+xml;charset=utf-8,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E%3Ctext%3EA %26 B %231%3C/text%3E%3C/svg%3E'
    """  # noqa: E501
    return "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(svg, safe=_SVG_URI_SAFE)


class ProfileHTMLExporter(HTMLExporter):
    """Export an executed report notebook as self-contained, accessible HTML.

    Uses the ``thlib`` template; leaves out code input and prompts; removes cells, inputs or
    outputs tagged ``remove_cell``, ``remove_input`` or ``remove_output``; embeds images.
    Rendering errors are raised as :class:`thlib.errors.BuildError`.
    """

    export_from_notebook = "Tower Hamlets report (HTML)"

    exclude_input = Bool(True, help="Leave out code cell input.").tag(config=True)
    exclude_input_prompt = Bool(True, help="Leave out input prompts.").tag(config=True)
    exclude_output_prompt = Bool(True, help="Leave out output prompts.").tag(config=True)
    exclude_anchor_links = Bool(True, help="No pilcrow links on headings.").tag(config=True)
    embed_images = Bool(True, help="Embed Markdown images as data URIs.").tag(config=True)

    @default("template_name")
    def _template_name_default(self) -> str:
        return "thlib"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [str(TEMPLATES)]

    @property
    def default_config(self) -> Config:
        """Enable TagRemovePreprocessor with thlib's tags on top of HTMLExporter's defaults."""
        config = super().default_config.copy()
        config.merge(Config({"TagRemovePreprocessor": {"enabled": True, **REMOVE_TAGS}}))
        return config

    @pass_context
    def image_alt(self, context: Context, output: nbformat.NotebookNode, mimetype: str) -> str:
        """Return an image output's alt text from its metadata, or :data:`FALLBACK_ALT`."""
        alt = get_metadata(output, "alt", mimetype)
        if isinstance(alt, str) and alt.strip():
            return alt.strip()
        name = ((context.get("resources") or {}).get("metadata") or {}).get("name", "report")
        LOGGER.warning(
            "An %s output in %r has no alt text in its metadata; using %r. Display charts "
            "with thlib.presentation.charts.show_figure(fig, alt=...).", mimetype, name,
            FALLBACK_ALT)
        return FALLBACK_ALT

    def default_filters(self) -> Iterator[tuple[str, Any]]:
        """Add the filters the template uses (title, alt text, labels, SVG data URIs)."""
        yield from super().default_filters()
        yield ("document_title", document_title)
        yield ("image_alt", self.image_alt)
        yield ("short_label", short_label)
        yield ("svg_data_uri", svg_data_uri)

    def from_notebook_node(
        self, nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[Any, dict[str, Any]]:
        """Render ``nb``; raise :class:`~thlib.errors.BuildError` if that fails."""
        try:
            return super().from_notebook_node(nb, resources, **kw)
        except BuildError:
            raise
        except Exception as exc:
            raise BuildError(
                f"Could not render {_document_name(nb, resources)} as HTML: "
                f"{type(exc).__name__}: {exc}. Check that the notebook ran to the end "
                "(papermill) and that its outputs are valid nbformat; the template is "
                "thlib/templates/thlib."
            ) from exc


@functools.cache
def _exporter() -> ProfileHTMLExporter:
    """Return the process's one HTML exporter (building one takes a while)."""
    return ProfileHTMLExporter()


def notebook_to_html(
    nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None
) -> str:
    """Return the report HTML of an executed notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook.
    resources : dict, optional
        nbconvert resources, e.g. ``{"metadata": {"name": "ward-E05009317", "path": "."}}``:
        the name appears in messages, the path resolves Markdown images.

    Returns
    -------
    str
        A complete, self-contained HTML document.

    Raises
    ------
    thlib.errors.BuildError
        If the notebook cannot be rendered.
    """
    return _exporter().from_notebook_node(nb, resources)[0]
