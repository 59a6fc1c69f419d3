"""Show Markdown, HTML and figures in a notebook, and return what was shown.

Report sections display their piece as they run (so two calls in one cell both show)
and return it, so that a chart or table can be reused. What they return displays itself
again when it is the result of a later cell (``chart = report.tenure()``, then ``chart`` in
another cell), but not a second time in the cell that made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["Shown", "ShownParts", "mark_shown", "show_html", "show_markdown"]

T = TypeVar("T")


def _nothing() -> None:
    """Display nothing: the object was displayed when it was made."""


def _current_cell() -> int | None:
    """Return the running IPython cell's number, or None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return None
    shell = get_ipython()
    return None if shell is None else shell.execution_count


def _display_later(obj: object, show: Callable[[], None]) -> None:
    """Give ``obj`` an IPython display hook that runs ``show`` in any later cell.

    In the cell that made ``obj`` it was displayed already, so the hook does nothing
    there; outside IPython (no cell numbers) it never displays again.
    """
    made_in = _current_cell()

    def display_again() -> None:
        if made_in is not None and _current_cell() != made_in:
            show()

    obj._ipython_display_ = display_again  # type: ignore[attr-defined]


class Shown(str):
    """Markdown or HTML text that a report section has displayed already.

    A ``str`` in every respect, except that IPython does not display it again as the
    result of the cell that made it; in a later cell it displays itself as ``kind``.

    Parameters
    ----------
    text : str
        The Markdown or HTML.
    kind : {"markdown", "html"}
        How it displays itself.

    Examples
    --------
    >>> text = Shown("**Bold**")
    >>> text.upper(), isinstance(text, str), text.kind
    ('**BOLD**', True, 'markdown')
    """

    kind: str

    def __new__(cls, text: str = "", kind: str = "markdown") -> Shown:
        """Make the text, which displays itself again only in a later cell."""
        made = super().__new__(cls, text)
        made.kind = kind
        _display_later(made, made._show)
        return made

    def _show(self) -> None:
        from IPython.display import HTML, Markdown, display

        display(HTML(str(self)) if self.kind == "html" else Markdown(str(self)))


class ShownParts(tuple):
    """The pieces a section displayed, in order (e.g. a table's HTML and a Figure).

    Examples
    --------
    >>> parts = ShownParts(["<table></table>", "figure"])
    >>> parts[0]
    '<table></table>'
    """

    def __new__(cls, parts: Iterable[object] = ()) -> ShownParts:
        """Make the tuple, which displays its parts again only in a later cell."""
        made = super().__new__(cls, parts)
        _display_later(made, made._show)
        return made

    def _show(self) -> None:
        from IPython.display import display

        for part in self:
            display(part)


def mark_shown(obj: T, show: Callable[[], None] = _nothing) -> T:
    """Mark an object (e.g. a matplotlib Figure) as displayed already and return it.

    Parameters
    ----------
    obj : object
        An object that accepts attributes.
    show : callable, optional
        Displays the object again when it is the result of a later cell.

    Returns
    -------
    object
        ``obj`` itself, which IPython will not display again as the result of the cell
        that made it.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = mark_shown(Figure())
    >>> type(fig).__name__
    'Figure'
    """
    _display_later(obj, show)
    return obj


def show_markdown(text: str) -> Shown:
    """Display Markdown in a notebook and return it.

    Parameters
    ----------
    text : str
        Markdown.

    Returns
    -------
    Shown
        ``text``, marked as shown.

    Examples
    --------
    >>> text = show_markdown("Some *words*.")  # outside a notebook, IPython prints a stand-in
    <IPython.core.display.Markdown object>
    >>> text
    'Some *words*.'
    """
    from IPython.display import Markdown, display

    display(Markdown(text))
    return Shown(text)


def show_html(markup: str) -> Shown:
    """Display HTML in a notebook and return it.

    Parameters
    ----------
    markup : str
        HTML (its values escaped already).

    Returns
    -------
    Shown
        ``markup``, marked as shown.

    Examples
    --------
    >>> markup = show_html("<p>Words.</p>")  # outside a notebook, IPython prints a stand-in
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(markup))
    return Shown(markup, "html")
