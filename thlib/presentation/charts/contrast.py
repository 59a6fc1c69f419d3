"""WCAG 2 contrast between two colours, and the text colour that reads best on a fill.

The formulas are those of WCAG 2.2 (definitions of *relative luminance* and *contrast
ratio*): each sRGB channel is linearised, weighted 0.2126, 0.7152 and 0.0722, and the
ratio is (L1 + 0.05) / (L2 + 0.05) with L1 the lighter. Success criterion 1.4.11 asks
3:1 for the parts of a chart needed to understand it; 1.4.3 asks 4.5:1 for small text.
"""

from __future__ import annotations

import matplotlib.colors as mcolors

__all__ = ["GRAPHICS", "SMALL_TEXT", "contrast_ratio", "relative_luminance", "text_colour"]

#: WCAG 2.2 success criterion 1.4.11: graphical objects against their neighbours.
GRAPHICS = 3.0
#: WCAG 2.2 success criterion 1.4.3: text smaller than 18 pt (14 pt bold).
SMALL_TEXT = 4.5


def relative_luminance(colour: str) -> float:
    """Return the WCAG 2 relative luminance of a colour, 0 (black) to 1 (white).

    Parameters
    ----------
    colour : str
        Any matplotlib colour (``"#767676"``, ``"white"``); its alpha is ignored.

    Returns
    -------
    float

    Examples
    --------
    >>> relative_luminance("black"), relative_luminance("#ffffff")
    (0.0, 1.0)
    """
    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return float(((channel + 0.055) / 1.055) ** 2.4)

    red, green, blue = (linear(c) for c in mcolors.to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG 2 contrast ratio of two colours, from 1 (the same) to 21.

    Parameters
    ----------
    first, second : str
        Matplotlib colours, in either order.

    Returns
    -------
    float

    Examples
    --------
    >>> round(contrast_ratio("#767676", "white"), 2)
    4.54
    """
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(fill: str) -> str:
    """Return white or black, whichever contrasts more with ``fill``.

    One of the two always reaches 4.5:1 (:data:`SMALL_TEXT`): the worst fill, where both
    are equal, gives 4.58:1. The charts' near-black
    :data:`~thlib.presentation.charts.style.TEXT` would
    fall to 4.1:1 on mid-tone fills, so labels on fills use pure black.

    Parameters
    ----------
    fill : str
        The colour the text is printed on.

    Returns
    -------
    str
        ``"#ffffff"`` or ``"#000000"``.

    Examples
    --------
    >>> text_colour("#08306b"), text_colour("#f7fbff")
    ('#ffffff', '#000000')
    """
    white, black = "#ffffff", "#000000"
    return white if contrast_ratio(white, fill) > contrast_ratio(black, fill) else black
