"""Coloured glyphs in a PDF's text: an icon where it stands alone, text where it is a bullet.

Worked on plain char dicts (the engine-neutral side of the PDF extractor), so every glyph of
`lnhs_parse.glyphs.ICON_GLYPHS` can be tried without a font that draws it.
"""

from __future__ import annotations

from typing import Any

import pytest

from lnhs_parse.extract.pdf.page import analyse_page
from lnhs_parse.extract.pdf.state import DocState
from lnhs_parse.glyphs import ICON_GLYPHS
from lnhs_parse.layout import Page

HEIGHT = 800.0
RED = (0.9, 0.2, 0.2)
GREEN = (0.26, 0.63, 0.28)
BLACK = (0.0, 0.0, 0.0)


def _chars(*pieces: tuple[float, str, tuple[float, float, float]], top: float = 100.0,
           size: float = 10.0) -> list[dict[str, Any]]:
    """Chars of `pieces` (x, text, colour) on one baseline, 0.5 em per char, spaces 0.25 em."""
    out = []
    for x0, text, rgb in pieces:
        x = x0
        for ch in text:
            width = size * (0.25 if ch == " " else 0.5)
            out.append({
                "text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size,
                "size": size, "matrix": (1, 0, 0, 1, x, HEIGHT - top - size * 0.8),
                "upright": True, "non_stroking_color": rgb, "fontname": "ABCDEF+Arial",
            })
            x += width
    return out


def _page(chars: list[dict[str, Any]]) -> Page:
    state = DocState()
    draft = analyse_page(1, 600.0, HEIGHT, {"char": chars}, state, lambda img: (None, None))
    assert state.warnings == []
    return Page(draft.number, draft.width, draft.height, draft.lines, draft.tables,
                tuple(icon for icon, _ in draft.icons))


@pytest.mark.parametrize("glyph", sorted(ICON_GLYPHS))
def test_a_coloured_glyph_alone_is_an_icon(glyph: str) -> None:
    page = _page(_chars((50, glyph, RED)) + _chars((50, "Teksti", BLACK), top=140))
    assert [(i.kind, i.glyph, i.colour) for i in page.icons] == [("glyph", glyph, "#E63333")]
    assert [line.text for line in page.lines] == ["Teksti"]


@pytest.mark.parametrize("glyph", ["▪", "✓", "●", "■"])
def test_a_coloured_bullet_in_front_of_words_stays_text(glyph: str) -> None:
    page = _page(_chars((50, f"{glyph} Koulutukset", RED)))
    assert page.icons == ()
    assert [line.text for line in page.lines] == [f"{glyph} Koulutukset"]
    # typed in another colour than the words, at a hanging indent without a space char
    page = _page(_chars((50, glyph, GREEN), (58, "Käytössä", BLACK)))
    assert page.icons == ()
    assert [line.text for line in page.lines] == [f"{glyph} Käytössä"]


def test_a_row_of_glyphs_before_a_word_are_icons() -> None:
    page = _page(_chars((50, "● ", RED), (57.5, "● ", GREEN), (65, "valmis", BLACK)))
    assert [(i.glyph, i.colour) for i in page.icons] == [("●", "#E63333"), ("●", "#42A147")]
    assert [line.text for line in page.lines] == ["valmis"]


def test_a_glyph_after_words_is_an_icon_and_a_far_word_is_no_line_of_its_own() -> None:
    # inside a line: not its first char, so an icon; a word a column away is another line
    page = _page(_chars((50, "Tila ", BLACK), (72.5, "●", RED), (150, "Toinen", BLACK)))
    assert [i.glyph for i in page.icons] == ["●"]
    assert [line.text for line in page.lines] == ["Tila", "Toinen"]
    # a glyph a column-wide gap before a word stands alone
    page = _page(_chars((50, "●", RED), (100, "Toteutunut", BLACK)))
    assert [i.glyph for i in page.icons] == ["●"]
    assert [line.text for line in page.lines] == ["Toteutunut"]


def test_a_black_or_white_glyph_is_text() -> None:
    page = _page(_chars((50, "● musta", BLACK)) + _chars((50, "○", (1.0, 1.0, 1.0)), top=140))
    assert page.icons == ()
    assert [line.text for line in page.lines] == ["● musta", "○"]



def test_ligatures_are_written_out() -> None:
    # Chromium shapes "fi" into one glyph whose text is U+FB01; the plan has the letters typed
    page = _page(_chars((50, "Enjaksa.\ufb01 ja \ufb02yeri", BLACK)))
    assert [line.text for line in page.lines] == ["Enjaksa.fi ja flyeri"]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_an_object_whose_position_is_no_number_is_left_out_with_a_warning(bad: float) -> None:
    """A damaged content stream may place a char or a shape at NaN or infinity (pdfium passes
    such values on): it is left out, the rest of the page is read, and a warning says so."""
    chars = _chars((50, "Teksti", BLACK)) + _chars((50, "Toinen", BLACK), top=140)
    chars.append({**chars[0], "text": "X", "x1": bad})  # a char of a damaged text object
    rect = {"x0": 10.0, "x1": 20.0, "top": bad, "bottom": 30.0, "fill": True,
            "non_stroking_color": RED, "stroke": False}
    state = DocState()
    draft = analyse_page(1, 600.0, HEIGHT, {"char": chars, "rect": [rect]}, state,
                         lambda img: (None, None))
    assert [line.text for line in draft.lines] == ["Teksti", "Toinen"]
    assert [(w.code, w.message) for w in state.warnings] == [
        ("pdf-bad-coordinates", "2 objects whose position is not a number left out")
    ]
