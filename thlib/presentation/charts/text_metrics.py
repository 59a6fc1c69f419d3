"""Text measured once per process, not once per figure.

matplotlib caches the size of a piece of text per renderer object, and every figure gets
new renderers: one for ``tight_layout`` (Agg) and one for writing the SVG. A profile's
twenty charts measure the same tick labels, titles and area names again and again (a
sixth of a ward profile's kernel time, measured). A text's size depends only on the kind
of renderer, its resolution, the font and the hinting settings, so this cache keys on
those instead of on the renderer object. The sizes, and so the charts, are the same.
"""

from __future__ import annotations

from typing import Any

import matplotlib
import matplotlib.text as mtext

#: Sizes kept before the cache starts again (a ward profile measures about 900 texts).
LIMIT = 50_000

#: matplotlib's own (3.6 on); absent, :func:`share_text_sizes` leaves matplotlib alone.
_ORIGINAL: Any = getattr(mtext, "_get_text_metrics_with_cache", None)
_SIZES: dict[tuple[Any, ...], tuple[float, float, float]] = {}


def text_size(renderer: Any, text: str, fontprop: Any, ismath: Any,
              dpi: float) -> tuple[float, float, float]:
    """Width, height and descent of ``text``, as ``renderer`` measures it, cached.

    The signature is that of ``matplotlib.text._get_text_metrics_with_cache``.

    Examples
    --------
    >>> from matplotlib.backends.backend_agg import RendererAgg
    >>> from matplotlib.font_manager import FontProperties
    >>> font = FontProperties(size=9)
    >>> first, second = RendererAgg(100, 100, 72), RendererAgg(100, 100, 72)
    >>> text_size(first, "Tower Hamlets", font, False, 72) == text_size(
    ...     second, "Tower Hamlets", font, False, 72) == _ORIGINAL(
    ...     second, "Tower Hamlets", font, False, 72)
    True
    """
    # the font properties are copied because they are mutable and hashed by their state
    key = (type(renderer), getattr(renderer, "dpi", None), text, fontprop.copy(), ismath,
           dpi, matplotlib.rcParams["text.hinting"], matplotlib.rcParams["text.hinting_factor"])
    size = _SIZES.get(key)
    if size is None:
        if len(_SIZES) >= LIMIT:
            _SIZES.clear()
        size = _SIZES[key] = _ORIGINAL(renderer, text, fontprop, ismath, dpi)
    return size


def share_text_sizes() -> None:
    """Make matplotlib measure text through :func:`text_size` (idempotent).

    >>> share_text_sizes()
    >>> mtext._get_text_metrics_with_cache is text_size
    True
    """
    if _ORIGINAL is not None:
        mtext._get_text_metrics_with_cache = text_size  # type: ignore[attr-defined]
