"""SVG text laid out a run at a time (thlib.publish.svg_text), checked in WeasyPrint's PDF.

The reference is WeasyPrint's own letter-by-letter drawing of the same SVG: a run must
start where WeasyPrint puts its first letter (so ``text-anchor`` still centres it), and
text that places letters one by one must still be drawn a letter at a time.
"""

from __future__ import annotations

import io
from urllib.parse import quote

import pikepdf
import pytest
import weasyprint
from weasyprint import svg as weasy_svg

from thlib.publish.svg_text import text_in_runs

FONT = "font-size: 10px; font-family: 'DejaVu Sans'"


def _draw(texts: str, runs: bool) -> list[tuple[float, float]]:
    """Return where each text-showing operator of the SVG's PDF starts (its Tm's e and f)."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="300pt" height="60pt">'
           f'{texts}</svg>')
    html = f'<img src="data:image/svg+xml;charset=utf-8,{quote(svg)}">'
    document = weasyprint.HTML(string=html)
    if runs:
        with text_in_runs():
            pdf = document.write_pdf()
    else:
        pdf = document.write_pdf()
    starts = []
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        page = opened.pages[0]
        for stream in [page, *page.Resources.get("/XObject", {}).values()]:
            matrix = None
            for instruction in pikepdf.parse_content_stream(stream):
                if str(instruction.operator) == "Tm":
                    matrix = [float(v) for v in instruction.operands]
                elif str(instruction.operator) in ("Tj", "TJ"):
                    assert matrix is not None
                    starts.append((matrix[4], matrix[5]))
    return starts


def test_a_text_is_one_run_where_weasyprint_draws_a_letter_at_a_time() -> None:
    texts = (f'<text style="{FONT}" x="20" y="20">Hello AV office</text>'
             f'<text style="{FONT}" x="20" y="40">Tower Hamlets</text>')
    letters = len("HelloAVoffice") + len("TowerHamlets")  # a space shows nothing
    assert len(_draw(texts, runs=False)) == letters
    assert len(_draw(texts, runs=True)) == 2


@pytest.mark.parametrize("anchor", ["start", "middle", "end"])
def test_a_run_starts_where_weasyprint_puts_its_first_letter(anchor: str) -> None:
    texts = f'<text style="{FONT}; text-anchor: {anchor}" x="150" y="30">Tower Hamlets</text>'
    letters, run = _draw(texts, runs=False), _draw(texts, runs=True)
    assert len(run) == 1
    # kerning may move the end of the run a little: half a point at most
    assert run[0] == pytest.approx(letters[0], abs=0.5)


@pytest.mark.parametrize("placing", ['x="10 30 50"', 'x="10" dx="0 5 5"', 'x="10" rotate="0 20"',
                                     'x="10" letter-spacing="3"', 'x="10" textLength="80"'])
def test_text_that_places_its_letters_is_still_drawn_letter_by_letter(placing: str) -> None:
    texts = f'<text style="{FONT}" {placing} y="30">abc</text>'
    assert len(_draw(texts, runs=True)) == 3


def test_weasyprint_is_as_it_was_after_the_block() -> None:
    before = (dict(weasy_svg.TAGS), weasy_svg.text)
    with text_in_runs():
        assert weasy_svg.TAGS["text"] is weasy_svg.text is not before[1]
    assert (dict(weasy_svg.TAGS), weasy_svg.text) == before
