"""Text shadows read once, where the text stands (`lnhs_parse.extract.pdf.shadows`), and the line
reader's sign that a page may have one (`lines.runs`: a glyph drawn over the one before it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from hostile import one_page_pdf
from layout_builders import pdf_chars
from lnhs_parse.extract import extract
from lnhs_parse.extract.pdf.lines import join_runs, make_line, runs
from lnhs_parse.extract.pdf.shadows import SHADOW_OFFSET, read_once
from lnhs_parse.settings import ParseOptions
from support import FIXTURES, comparable
from test_decks import assert_same_plan
from work import assert_near_linear, lines_run

GREY = (0.6, 0.6, 0.6)
BLACK = (0.1, 0.1, 0.1)


def _word(text: str, x0: float, top: float, size: float = 20.0, colour: Any = BLACK,
          mcid: int | None = None, advance: float = 0.5) -> list[dict[str, Any]]:
    return pdf_chars(text, x0, top, size=size, advance=advance, colour=colour, mcid=mcid)


def _lines(chars: list[dict[str, Any]]) -> list[str]:
    found, *_ = runs(chars, [])
    made = [make_line(r, {}) for r in join_runs(found)]
    return [ln.text for ln in made if ln is not None]


def test_a_shadow_is_read_once_and_the_text_kept() -> None:
    # the shadow drawn first, 0.8 pt down and right of its text (0.04 of the 20 pt size)
    shadow = _word("Tavoite", 100.8, 100.8, colour=GREY)
    text = _word("Tavoite", 100.0, 100.0)
    kept, dropped = read_once(shadow + text)
    assert dropped == 7
    assert kept == text  # the upper copy: the text, in its own colour
    assert _lines(kept) == ["Tavoite"]
    assert _lines(shadow + text) != ["Tavoite"]  # read as drawn, the letters interleave or double


def test_letters_on_one_baseline_or_a_line_apart_are_no_shadow() -> None:
    # "ll" tracked tight (0.06 of the size apart on one baseline) and the same word on the next
    # line (a line's height below): nothing left out
    tight = _word("ll", 100.0, 100.0, advance=0.06)
    assert read_once(tight)[:2] == (tight, 0)
    two_lines = _word("Tavoite", 100.0, 100.0) + _word("Tavoite", 100.0, 118.0)
    assert read_once(two_lines)[:2] == (two_lines, 0)
    # a copy further off than `SHADOW_OFFSET` of the size is another glyph
    far = _word("A", 100.0, 100.0) + _word("A", 100.0, 100.0 + (SHADOW_OFFSET + 0.05) * 20)
    assert read_once(far)[1] == 0


def test_a_lone_shadow_glyph_moves_onto_its_text() -> None:
    # pdfium's text page left out the text's copy of "lvelu" but not of "pa": "lvelu" comes in
    # the shadow's colour only, and is moved by the pairs' offset onto where the text stands
    chars = _word("pa", 100.0, 100.0) + _word("pa", 101.5, 101.5, colour=GREY)
    chars += _word("lvelu", 121.5, 101.5, colour=GREY)
    kept, dropped = read_once(chars)
    assert dropped == 2
    lone = kept[2:]
    assert [c["text"] for c in lone] == list("lvelu")
    assert lone[0]["x0"] == 120.0 and lone[0]["top"] == 100.0
    assert lone[0]["matrix"][4:] == (120.0, 800 - 100.0 - 20.0)
    assert _lines(kept) == ["palvelu"]  # not "pa lvelu": no gap where the copies meet


def test_the_tagged_copy_lends_its_marked_content_to_the_text() -> None:
    # 421197.pdf tags its shadows and leaves the text untagged: the kept text takes the tag
    shadow = _word("Goal", 100.6, 100.6, colour=GREY, mcid=5)
    text = _word("Goal", 100.0, 100.0)
    kept, _ = read_once(shadow + text)
    assert [c["mcid"] for c in kept] == [5, 5, 5, 5]


def test_rotated_glyphs_are_left_to_the_rotated_reader() -> None:
    shadow = _word("AB", 100.8, 100.8, colour=GREY)
    text = _word("AB", 100.0, 100.0)
    for c in shadow + text:
        c["upright"] = False
    assert read_once(shadow + text)[1] == 0


def test_runs_tell_a_glyph_drawn_over_the_one_before() -> None:
    # kerned "To" overlaps 0.11 of the size: no sign; a copy drawn over its letter is one, and so
    # is text jumping back along its baseline
    kerned = _word("T", 100.0, 100.0) + _word("o", 107.8, 100.0)
    assert runs(kerned, [])[3] is False
    over = _word("p", 100.0, 100.0) + _word("p", 101.5, 101.5, colour=GREY)
    assert runs(over, [])[3] is True
    back = _word("Tavoite", 100.0, 100.0) + _word("Tavoite", 101.5, 101.5, colour=GREY)
    assert runs(back, [])[3] is True


# --- decks printed with a shadow on all their text -------------------------------------------------

SHADOW_DECKS = [  # (the shadowed print, the plain print of the same deck, its expected plan)
    pytest.param(FIXTURES / "engines" / "kymenlaakso-2023.shadow.pdf",
                 FIXTURES / "kymenlaakso-2023.pdf", FIXTURES / "kymenlaakso-2023.expected.json",
                 id="libreoffice"),
    *(pytest.param(FIXTURES / "chromium" / f"kymenlaakso-{year}-html-shadow.pdf",
                   FIXTURES / "chromium" / f"kymenlaakso-{year}-html-untagged.pdf",
                   FIXTURES / "chromium" / f"kymenlaakso-{year}-html.expected.json",
                   id=f"chromium-{year}") for year in (2023, 2024)),
]


@pytest.mark.parametrize(("shadow", "plain", "expected"), SHADOW_DECKS)
def test_a_deck_printed_with_a_shadow_reads_as_without_one(
    shadow: Path, plain: Path, expected: Path
) -> None:
    """LibreOffice (black shadow, 0.044 of the size off) and Chromium (grey, 1.5 pt): every letter
    and digit of the plain print is drawn twice (LibreOffice leaves a paragraph's bullet
    unshadowed), and both engines give the deck's expected plan."""
    import pdfplumber

    with pdfplumber.open(shadow) as s_pdf, pdfplumber.open(plain) as p_pdf:
        for sp, pp in zip(s_pdf.pages, p_pdf.pages, strict=True):
            ink = sorted(c["text"] for c in pp.chars if c["text"].isalnum())
            assert sorted(c["text"] for c in sp.chars if c["text"].isalnum()) == sorted(ink * 2)
    want = comparable(json.loads(expected.read_text(encoding="utf-8")))
    for engine in ("pdfium", "pdfplumber"):
        plan = lnhs_parse.parse(shadow, options=ParseOptions(engine=engine))
        assert_same_plan(comparable(plan), want, f"{shadow.name} ({engine})")


# --- work, counted (tests/work.py) -----------------------------------------------------------------


def _pile(n: int) -> list[dict[str, Any]]:
    """`n` copies of one glyph: half on one spot (no pair: one baseline), half a shadow's offset
    below it (each pairs with one of the first half)."""
    on_spot = [_word("a", 100.0, 100.0)[0] for _ in range(n // 2)]
    below = [_word("a", 100.5, 100.5)[0] for _ in range(n - n // 2)]
    return on_spot + below


def test_reading_a_pile_of_copies_once_is_near_linear_work() -> None:
    counts = {}
    for n in (2_000, 8_000):
        found, counts[n] = lines_run(read_once, _pile(n))
        assert found.dropped > 0
    assert_near_linear(counts)


def _shadowed_pdf(path: Path, n: int) -> Path:
    """`n` words with a grey shadow, all on one spot: pdfium's text page drops the repeated
    objects, so the shadows' chars are moved onto them (`pdfium._onto_dropped_copies`)."""
    ops = bytearray()
    for _ in range(n):
        ops += b"0.6 g BT /F1 12 Tf 100.6 699.4 Td (Tavoite) Tj ET\n"
        ops += b"0 g BT /F1 12 Tf 100 700 Td (Tavoite) Tj ET\n"
    path.write_bytes(one_page_pdf(bytes(ops)))
    return path


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_page_of_shadowed_copies_on_one_spot_is_near_linear_work(
    tmp_path: Path, engine: str
) -> None:
    counts = {}
    for n in (300, 1_200):
        pdf = _shadowed_pdf(tmp_path / f"{n}.pdf", n)
        doc, counts[n] = lines_run(extract, pdf, ParseOptions(engine=engine))  # type: ignore[arg-type]  # a literal engine name
        assert [(ln.text, ln.colour) for ln in doc.pages[0].lines] == [("Tavoite", "#000000")]
    assert_near_linear(counts)
