"""The partnership's own words: one Markdown file per report section, per year.

Activities, achievements, challenges and case studies are written by people and kept
in a folder per year (``data/commentary/annual-report/<year>/<section>.md``). A file
may start with YAML front matter; ``status: example`` marks text to be replaced. Files are
read as people save them (a byte-order mark, CRLF line ends, trailing spaces after the
fences) and the status is taken from the parsed front matter, never from the raw text.
A draft build shows a missing or example section as a visible gap; a final build
refuses them, naming the files.

Commentary is Markdown without raw HTML: it is rendered by mistune with HTML escaped, so a
``<script>`` or ``<img onerror=...>`` in a file is shown as text, never run, and links
whose scheme could run code (``javascript:``) are disabled. Headings, emphasis, lists,
block quotes, links, tables and strikethrough are the Markdown that is allowed; an image
is shown as its description, since a report fetches nothing from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import mistune

from thlib.errors import ParameterError
from thlib.yaml_lines import parse_yaml_lines, read_text, unsafe_character

STATUSES = ("example", "draft", "final")

class _NoImages(mistune.HTMLRenderer):
    """mistune's HTML, with an image shown as its description, not fetched.

    A report embeds what it shows and loads nothing from elsewhere (its
    Content-Security-Policy forbids it).
    """

    def image(self, text: str, url: str, title: str | None = None) -> str:
        """Return the image's description in brackets, as text."""
        return f"[image: {text}]"


#: Markdown to HTML with raw HTML escaped, harmful link schemes disabled and no images.
_RENDER = mistune.create_markdown(renderer=_NoImages(escape=True),
                                  plugins=["table", "strikethrough"])


@dataclass(frozen=True)
class Commentary:
    """One section's words and where they came from.

    Parameters
    ----------
    section : str
        The report section, e.g. ``"foreword"``.
    path : pathlib.Path
        The Markdown file (which may not exist).
    text : str
        The words, without front matter.
    status : str
        "example", "draft", "final" or "missing".

    Examples
    --------
    >>> from pathlib import Path
    >>> gap = Commentary("foreword", Path("2025/foreword.md"), "", "missing")
    >>> gap.markdown.startswith("> **Draft: commentary missing.**")
    True
    """

    section: str
    path: Path
    text: str
    status: str  # "example", "draft", "final" or "missing"

    @property
    def markdown(self) -> str:
        """The text to merge into the report, with a visible note for gaps and examples."""
        if self.status == "missing":
            return (f"> **Draft: commentary missing.** Write this section in `{self.path}` "
                    "(Markdown). A final build stops until it exists.")
        if self.status == "example":
            return ("> **Example text, to be replaced.** The words below only show where the "
                    f"partnership's own account goes; replace `{self.path.name}` before "
                    f"publishing.\n\n{self.text}")
        return self.text

    @property
    def html(self) -> str:
        """:attr:`markdown` as HTML, raw HTML in it escaped (shown as text, never run).

        Examples
        --------
        >>> print(Commentary("foreword", Path("f.md"), "We <b>met</b>.", "final").html)
        <p>We &lt;b&gt;met&lt;/b&gt;.</p>
        <BLANKLINE>
        """
        return str(_RENDER(self.markdown))


#: Front matter: a first line of three dashes, YAML, then a line of three dashes (trailing
#: spaces allowed; the text is read with a byte-order mark dropped and CRLF made LF).
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|$)", re.DOTALL)


def _read(path: Path, section: str) -> Commentary:
    text = read_text(path, "commentary", ParameterError)
    for number, line in enumerate(text.splitlines(), start=1):
        char = unsafe_character(line)
        if char is not None:
            raise ParameterError(f"{path}, line {number}: the control character {char} would "
                                 "show the text wrongly (or hide part of it); remove it")
    status = "draft"
    if text.split("\n", 1)[0].rstrip() == "---":
        found = _FRONT_MATTER.match(text)
        if found is None:
            raise ParameterError(f"{path}: the file starts with '---' but its front matter has "
                                 "no closing '---' line; close it, or start the text otherwise")
        # A blank line first, so that YAML's line numbers are the file's.
        meta, _ = parse_yaml_lines("\n" + (found.group(1) or ""), path, ParameterError)
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            raise ParameterError(f"{path}, line 2: the front matter is a "
                                 f"{type(meta).__name__}; write it as keys and values, e.g. "
                                 "'status: final'")
        status = meta.get("status", "draft")
        if status not in STATUSES:
            raise ParameterError(f"{path}: status is {status!r}; use one of "
                                 f"{', '.join(STATUSES)}")
        text = text[found.end():]
    return Commentary(section, path, text.strip(), status)


def load_commentary(folder: str | Path, sections: list[str],
                    final: bool = False) -> dict[str, Commentary]:
    r"""Return the commentary for ``sections`` from ``folder``, by section.

    Parameters
    ----------
    folder : path-like
        The year's folder of Markdown files, one ``<section>.md`` per section.
    sections : list of str
        The sections the report needs.
    final : bool
        A final build: any missing section, or one still marked ``status: example``, is
        an error naming the files.

    Returns
    -------
    dict of str to Commentary
        One entry per section, in the order given; a missing file is a Commentary with
        status "missing".

    Raises
    ------
    ParameterError
        In a final build with gaps; or if ``folder`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "foreword.md").write_text("---\nstatus: final\n---\nWords.\n")
    >>> found = load_commentary(folder, ["foreword", "introduction"])
    >>> found["foreword"].status, found["foreword"].text, found["introduction"].status
    ('final', 'Words.', 'missing')
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"commentary folder {folder} does not exist; create it with one "
                             f"Markdown file per section ({', '.join(sections)})")
    found = {}
    for section in sections:
        path = folder / f"{section}.md"
        found[section] = (_read(path, section) if path.is_file()
                          else Commentary(section, path, "", "missing"))
    if final:
        gaps = [c for c in found.values() if c.status in ("missing", "example")]
        if gaps:
            listing = "; ".join(f"{c.path} ({c.status})" for c in gaps)
            raise ParameterError(f"a final build needs the partnership's own words for every "
                                 f"section; write or replace: {listing}")
    return found
