"""Accessible HTML tables."""

import re

import pandas as pd

from thlib.presentation.tables import html_table


def test_table_has_caption_scoped_headers_and_escapes_text():
    html = html_table(pd.DataFrame({"Area": ["A & B"], "Value": ["1"]}), "Caption <x>", "Src")
    assert re.search(r'<caption id="table-[0-9a-f]{10}">Caption &lt;x&gt;</caption>', html)
    assert '<th scope="col">Area</th>' in html
    assert '<th scope="row">A &amp; B</th><td>1</td>' in html
    assert html.endswith('</div><p class="source">Src</p>')


def test_table_scrolls_in_a_focusable_region_named_by_its_caption():
    # WCAG 2.1.1 / axe "scrollable-region-focusable": a box that scrolls must take focus.
    html = html_table(pd.DataFrame({"Area": ["Bow"]}), "Areas")
    region = re.match(r'<div class="table-scroll" role="region" tabindex="0" '
                      r'aria-labelledby="([^"]+)"><table', html)
    assert region, html
    assert f'<caption id="{region.group(1)}">Areas</caption>' in html
    # the id is the SHA-1 of the caption and body, worked out with coreutils:
    # printf '%s' 'Areas</caption><thead><tr><th scope="col">Area</th></tr></thead><tbody>
    # <tr><th scope="row">Bow</th></tr></tbody></table>' | sha1sum  (on one line)
    assert region.group(1) == "table-393e77a65f"


def test_different_tables_get_different_ids_and_a_table_the_same_id_each_time():
    first = html_table(pd.DataFrame({"Area": ["Bow"]}), "Areas")
    other = html_table(pd.DataFrame({"Area": ["Poplar"]}), "Areas")
    ids = [re.search(r'id="([^"]+)"', h).group(1) for h in (first, other, first)]
    assert ids[0] != ids[1]
    assert ids[0] == ids[2]
