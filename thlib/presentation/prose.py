"""Report prose that is not computed: Jinja2 templates shipped in ``thlib/templates``.

Fixed wording (the profile's title paragraph and "About this profile", the annual
report's methods and accessibility statement, ...) lives in Markdown or HTML template
files under ``thlib/templates/prose``; code passes in only the values it computed.
Every value inserted from data is escaped: in HTML templates as by :func:`html.escape`,
in Markdown templates by :func:`markdown_text` (no raw HTML, no emphasis or link
marks), so a name holding markup is shown as text and nothing published runs a script.
The attribution statement is inserted by the one shared template
``prose/sources_and_licence.md.j2`` from :func:`thlib.data.attribution`.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from thlib.presentation import formatting, vocabulary

__all__ = ["markdown_text", "render"]

#: Root of the package's templates (the nbconvert template folder ``thlib/`` sits
#: beside ``prose/`` and ``outputs/``).
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

#: Characters that would start raw HTML, emphasis, code, a link or a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def markdown_text(value: object) -> Markup:
    r"""Return ``value`` as Markdown that reads as the plain text it is.

    ``<`` and ``>`` become entities (no raw HTML can start); backslash, backtick, ``*``,
    ``_``, brackets and ``|`` are backslash-escaped. Ampersands and apostrophes are kept,
    so "St Katharine's & Wapping" reads as it is written.

    Parameters
    ----------
    value : object
        Any value; it is converted with ``str``. A :class:`markupsafe.Markup` value is
        trusted Markdown and returned unchanged.

    Returns
    -------
    markupsafe.Markup

    Examples
    --------
    >>> str(markdown_text("<script>alert(1)</script> *Bow*"))
    '&lt;script&gt;alert(1)&lt;/script&gt; \\*Bow\\*'
    >>> str(markdown_text("St Katharine's & Wapping"))
    "St Katharine's & Wapping"
    """
    if isinstance(value, Markup):
        return value
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    return Markup(text.replace("<", "&lt;").replace(">", "&gt;"))


def _html_text(value: object) -> Markup:
    # html.escape rather than markupsafe's escape: the same entities the pages had when
    # they were written in Python (&quot; &#x27;), so a page is byte-identical.
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


def _attribution(*args: Any, **kwargs: Any) -> Any:
    from thlib.data import attribution  # imports pandas: only for pages that credit data

    return attribution(*args, **kwargs)


def _globals() -> dict[str, Any]:
    return {"attribution": _attribution, "significance": vocabulary.significance,
            "level": formatting.level, "levels": formatting.levels,
            "count": formatting.count}


@functools.cache
def _environment(kind: str) -> jinja2.Environment:
    options: dict[str, Any] = {"loader": jinja2.FileSystemLoader(TEMPLATES),
                               "undefined": jinja2.StrictUndefined, "autoescape": True,
                               "trim_blocks": True, "lstrip_blocks": True,
                               "keep_trailing_newline": False}
    options["finalize"] = markdown_text if kind == "markdown" else _html_text
    environment = jinja2.Environment(**options)
    environment.globals.update(_globals())
    return environment


def render(name: str, /, **values: Any) -> str:
    """Render a template of ``thlib/templates`` with the values given.

    Parameters
    ----------
    name : str
        The template's path under ``thlib/templates``, e.g.
        ``"prose/accessibility.md.j2"``. Templates ending ``.md.j2`` give Markdown
        (inserted values escaped by :func:`markdown_text`); others give HTML (inserted
        values HTML-escaped).
    **values
        The values the template inserts. Templates can also call ``attribution()``,
        ``significance(label)``, ``level(confidence)``, ``levels(confidences)`` and
        ``count(n)``.

    Returns
    -------
    str
        The rendered text, without surrounding blank lines.

    Raises
    ------
    jinja2.TemplateNotFound
        If there is no such template.
    jinja2.UndefinedError
        If the template needs a value that was not given.

    Examples
    --------
    >>> print(render("prose/annual/draft_banner.html.j2"))  # doctest: +ELLIPSIS
    <p class="draft-banner"><strong>Draft.</strong> Not for publication: ...</p>
    """
    kind = "markdown" if name.endswith(".md.j2") else "html"
    return _environment(kind).get_template(name).render(**values).strip()
