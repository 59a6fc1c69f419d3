"""Show Markdown, HTML and figures in a notebook, and return what was shown.

Report sections display their piece as they run (so two calls in one cell both show)
and return it, so that a chart or table can be reused. What they return is marked as
already shown: IPython does not display it a second time when a section call is the
last line of a cell.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["Shown", "ShownParts", "mark_shown", "show_html", "show_markdown"]

T = TypeVar("T")


def _nothing() -> None:
    """Display nothing: the object was displayed when it was made."""


class Shown(str):
    """Markdown or HTML text that a report section has displayed already.

    A ``str`` in every respect, except that IPython does not display it again as a
    cell's result.

    Examples
    --------
    >>> text = Shown("**Bold**")
    >>> text.upper(), isinstance(text, str)
    ('**BOLD**', True)
    """

    def _ipython_display_(self) -> None:
        _nothing()


class ShownParts(tuple):
    """The pieces a section displayed, in order (e.g. a table's HTML and a Figure).

    Examples
    --------
    >>> parts = ShownParts(["<table></table>", "figure"])
    >>> parts[0]
    '<table></table>'
    """

    def _ipython_display_(self) -> None:
        _nothing()


def mark_shown(obj: T) -> T:
    """Mark an object (e.g. a matplotlib Figure) as displayed already and return it.

    Parameters
    ----------
    obj : object
        An object that accepts attributes.

    Returns
    -------
    object
        ``obj`` itself, which IPython will not display again as a cell's result.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = mark_shown(Figure())
    >>> type(fig).__name__
    'Figure'
    """
    obj._ipython_display_ = _nothing  # type: ignore[attr-defined]
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
    return Shown(markup)
