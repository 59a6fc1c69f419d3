"""Accessible PDF of an executed report notebook, drawn by WeasyPrint from the report HTML.

:class:`WeasyPDFExporter` is an nbconvert exporter (``jupyter nbconvert --to thlib_pdf``). The
PDF is A4 and tagged PDF/UA-1 (WeasyPrint's tagging, completed by
:mod:`thlib.publish.pdf_ua`); its title and language come from the HTML's ``<title>`` and
``lang``, its bookmarks from the headings, and its page size and footers (artifacts) from the
template's print CSS.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import weasyprint
from traitlets import default
from weasyprint.urls import URLFetcher

from thlib.errors import BuildError
from thlib.publish.html import ProfileHTMLExporter
from thlib.publish.pdf_ua import write_tagged_pdf
from thlib.publish.svg_text import text_in_runs

#: WeasyPrint warnings about CSS it ignores (common in HTML outputs of libraries such as
#: pandas' Styler): irrelevant to the content, so logged at INFO instead.
_CSS_NOISE = re.compile(
    r"(Ignored `|Deprecated `|Unsupported @|Unknown (empty )?rule|Unknown @page"
    r"|Invalid media type|Expected a media type|Parse error at)"
)


#: The class of what the print style sheet hides (each chart's data table, published in
#: the CSV and workbook instead): removed before WeasyPrint styles the document, since its
#: cells are about two thirds of a profile's elements.
NOT_PRINTED = "chart-data"


def _drop_not_printed(root: Any) -> None:
    """Remove the elements of class :data:`NOT_PRINTED` from a parsed document."""
    for parent in list(root.iter()):
        for child in list(parent):
            if NOT_PRINTED in (child.get("class") or "").split():
                parent.remove(child)


#: What WeasyPrint may load: embedded (data:) and local files, never the network, so a
#: stray remote URL in a report cannot make a build fetch anything or depend on it.
LOCAL_ONLY = frozenset({"data", "file"})


class _DemoteCSSNoise(logging.Filter):
    """Turn WeasyPrint's unsupported-CSS warnings into INFO records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and _CSS_NOISE.match(str(record.msg)):
            record.levelno, record.levelname = logging.INFO, "INFO"
            return logging.getLogger(record.name).isEnabledFor(logging.INFO)
        return True


@contextlib.contextmanager
def _quiet_css_warnings() -> Iterator[None]:
    """Demote WeasyPrint's CSS warnings to INFO while the block runs."""
    logger, noise = logging.getLogger("weasyprint"), _DemoteCSSNoise()
    logger.addFilter(noise)
    try:
        yield
    finally:
        logger.removeFilter(noise)


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Return a tagged (PDF/UA-1) PDF of an HTML document.

    Parameters
    ----------
    html : str
        A complete HTML document, normally from :func:`thlib.publish.html.notebook_to_html`.
    base_url : str, optional
        Base for relative URLs in ``html``; report HTML embeds everything, so None will do.
        Links to files beside the document stay relative in the PDF either way.

    Returns
    -------
    bytes
        The PDF.

    Raises
    ------
    thlib.errors.BuildError
        If WeasyPrint cannot render the document.
    """
    try:
        with _quiet_css_warnings(), text_in_runs():
            document = weasyprint.HTML(string=html, base_url=base_url,
                                       url_fetcher=URLFetcher(allowed_protocols=LOCAL_ONLY))
            _drop_not_printed(document.etree_element)
            return write_tagged_pdf(document)
    except Exception as exc:
        match = re.search(r"<title>(.*?)</title>", html, re.S)
        title = match.group(1).strip() if match else "untitled document"
        raise BuildError(
            f"Could not make the PDF of {title!r}: {type(exc).__name__}: {exc}. Check that "
            "its HTML (thlib.publish.html.notebook_to_html) opens in a browser and embeds every "
            "image; set the 'weasyprint' logger to DEBUG to see WeasyPrint's messages."
        ) from exc


class WeasyPDFExporter(ProfileHTMLExporter):
    """Export an executed report notebook as an A4, tagged PDF/UA-1 document.

    The HTML is :class:`~thlib.publish.html.ProfileHTMLExporter`'s; WeasyPrint draws it.
    Failures are raised as :class:`thlib.errors.BuildError`.
    """

    export_from_notebook = "Tower Hamlets report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"

    @default("raw_mimetypes")
    def _raw_mimetypes_default(self) -> list[str]:
        return ["text/html", ""]

    # A PDF is bytes where HTMLExporter returns str, as nbconvert's own PDFExporter does.
    def from_notebook_node(  # type: ignore[override]
        self, nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        """Return the PDF bytes of ``nb`` and the resources."""
        html, resources = super().from_notebook_node(nb, resources, **kw)
        path = (resources.get("metadata") or {}).get("path")
        base_url = Path(path).resolve().as_uri() + "/" if path else None
        return html_to_pdf(html, base_url), resources
