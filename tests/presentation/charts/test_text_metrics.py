"""Text measured once per process: the same charts, fewer measurements."""

import matplotlib.pyplot as plt
import matplotlib.text as mtext
import pytest

from thlib.presentation.charts import figure_svg, new_figure, text_metrics


def _chart() -> str:
    fig, ax = new_figure()
    ax.barh(["Tower Hamlets", "London", "England"], [3, 2, 1])
    ax.set_title("Shared text sizes")
    fig.tight_layout()
    svg = figure_svg(fig)
    plt.close(fig)
    return svg


def test_charts_use_the_shared_sizes():
    # an upgrade of matplotlib that drops the hook would quietly lose the saving
    assert text_metrics._ORIGINAL is not None
    assert mtext._get_text_metrics_with_cache is text_metrics.text_size


def test_the_same_chart_with_and_without_sharing(monkeypatch):
    shared = _chart()
    monkeypatch.setattr(mtext, "_get_text_metrics_with_cache", text_metrics._ORIGINAL)
    assert _chart() == shared


def test_a_second_figure_measures_nothing_again(monkeypatch):
    calls = []

    def counted(*args):
        calls.append(args[1])
        return original(*args)

    original = text_metrics._ORIGINAL
    monkeypatch.setattr(text_metrics, "_ORIGINAL", counted)
    monkeypatch.setattr(text_metrics, "_SIZES", {})
    _chart()
    assert "Tower Hamlets" in calls
    calls.clear()
    _chart()
    assert calls == []


@pytest.mark.parametrize("hinting", ["auto", "none"])
def test_hinting_is_part_of_the_key(monkeypatch, hinting):
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    monkeypatch.setitem(plt.rcParams, "text.hinting", hinting)
    renderer, font = RendererAgg(10, 10, 72), FontProperties(size=9)
    assert text_metrics.text_size(renderer, "Bow East", font, False, 72) == \
        text_metrics._ORIGINAL(renderer, "Bow East", font, False, 72)
