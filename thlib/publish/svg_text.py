"""WeasyPrint's SVG text laid out a run at a time, not a letter at a time.

WeasyPrint 70 lays out and draws every SVG ``<text>`` one character at a time
(``weasyprint/svg/text.py``), so that each character could take its own ``x``, ``y``,
``dx``, ``dy`` or ``rotate``. Our charts never place characters one by one, and the letters
were most of a profile's PDF time (about 14,000 in a ward profile's charts, each a Pango
layout). Letter-by-letter layout also breaks kerning, ligatures and combining marks
(WeasyPrint issue #2249, where the maintainers propose this very fallback): a text with
no per-character positions is laid out whole here, as Pango shapes any HTML text.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from typing import Any

import weasyprint
from weasyprint import svg as weasy_svg

#: The module (``weasyprint.svg.text`` as an attribute is the function it defines).
_TEXT = importlib.import_module("weasyprint.svg.text")

#: SVG attributes (or presentation properties) that place or space single characters.
PER_CHARACTER = ("dx", "dy", "rotate", "letter-spacing", "textLength")
#: The SVG elements WeasyPrint draws with ``weasyprint.svg.text.text``.
TEXT_TAGS = ("text", "tspan", "textPath", "a")


class _Run(str):
    """A string that iterates as one item, so WeasyPrint's loop over letters runs once."""

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        yield str(self)


def _values(node: Any, name: str) -> int:
    return len((node.get(name) or "").replace(",", " ").split())


def is_one_run(node: Any) -> bool:
    """Whether an SVG text node places no character apart (so may be laid out whole)."""
    return (all(node.get(name) is None for name in PER_CHARACTER)
            and _values(node, "x") <= 1 and _values(node, "y") <= 1)


def _whole(draw: Callable[..., Any]) -> Callable[..., Any]:
    def text(svg: Any, node: Any, font_size: float) -> Any:
        element = node._etree_node
        if not element.text or not is_one_run(node):
            return draw(svg, node, font_size)
        original = element.text
        element.text = _Run(original)
        try:
            return draw(svg, node, font_size)
        finally:
            element.text = original
    return text


@contextlib.contextmanager
def text_in_runs() -> Iterator[None]:
    """Within the block, WeasyPrint lays out SVG text a run at a time where it can.

    Raises
    ------
    RuntimeError
        If WeasyPrint no longer draws SVG text through the function this module wraps
        (check it against ``weasyprint/svg/text.py`` after upgrading WeasyPrint).
    """
    original = {tag: weasy_svg.TAGS.get(tag) for tag in TEXT_TAGS}
    if any(draw is not _TEXT.text for draw in [*original.values(), weasy_svg.text]):
        raise RuntimeError(f"WeasyPrint {weasyprint.__version__} does not draw SVG text "
                           "with weasyprint.svg.text.text; check thlib.publish.svg_text")
    # weasyprint.svg tells text nodes by their drawing function, so both names change
    weasy_svg.text = whole = _whole(_TEXT.text)
    weasy_svg.TAGS.update(dict.fromkeys(TEXT_TAGS, whole))
    try:
        yield
    finally:
        weasy_svg.text = _TEXT.text
        weasy_svg.TAGS.update(original)
