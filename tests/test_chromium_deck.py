"""The decks printed to PDF by headless Chromium from HTML slides (fixtures/chromium/).

A producer unlike LibreOffice: list bullets are drawn markers with no character in the text layer,
table rules are CSS borders (thin filled rects), status icons are CSS circles (filled Bézier paths).
Each deck is printed three times: tagged (Chromium's default: a structure tree, marked content per
char), untagged (`--disable-pdf-tagging`), and untagged with a hard text shadow on all text (every
glyph drawn twice, the shadow first, 1.5 pt down and right: read once; tests/extract/
test_pdf_shadows.py reads it with both engines). The expected plans are written from the generator's content
data (fixtures/gen/html_deck.py → expected.py), never from parser output.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import Any

import pytest

import lnhs_parse
from lnhs_parse.extract import pdf as pdf_extractor
from lnhs_parse.layout import Document
from lnhs_parse.model import Plan
from lnhs_parse.settings import ParseOptions
from support import FIXTURES, comparable
from test_decks import EXPECTED_WARNING_CODES, assert_same_plan

CHROMIUM = FIXTURES / "chromium"
DECKS = sorted(p.name.removesuffix(".expected.json") for p in CHROMIUM.glob("*.expected.json"))
PRINTS = ("", "-untagged", "-shadow")  # file name suffixes: tagged, untagged, shadowed
CASES = [pytest.param(name, suffix, id=f"{name}{suffix or '-tagged'}")
         for name in DECKS for suffix in PRINTS]


def _gen() -> Any:
    gen = str(FIXTURES / "gen")
    if gen not in sys.path:
        sys.path.insert(0, gen)
    import html_deck  # fixtures/gen/html_deck.py: pure Python at import time

    return html_deck


def _content(name: str) -> Any:
    """The content `Deck` a Chromium deck was made from (its year is in the name)."""
    year = name.removeprefix("kymenlaakso-").removesuffix("-html")
    deck = _gen().D.load_content(f"content_{year}")
    assert deck is not None, f"{name}: no content module"
    return deck


def _slides(name: str) -> list[Any]:
    html_deck = _gen()
    result: list[Any] = html_deck.D.plan_slides(_content(name), html_deck.STYLE)
    return result


def _expected(name: str) -> dict[str, Any]:
    result: dict[str, Any] = (
        json.loads((CHROMIUM / f"{name}.expected.json").read_text(encoding="utf-8"))
    )
    return result


@cache
def _parse(name: str, suffix: str) -> Plan:
    return lnhs_parse.parse(CHROMIUM / f"{name}{suffix}.pdf")


@cache
def _extract(name: str, suffix: str) -> Document:
    return pdf_extractor.extract(CHROMIUM / f"{name}{suffix}.pdf", ParseOptions())


def test_there_are_chromium_decks() -> None:
    assert DECKS, "no fixtures/chromium/*.expected.json"
    for name in DECKS:
        for suffix in PRINTS:
            assert (CHROMIUM / f"{name}{suffix}.pdf").is_file()
        assert (CHROMIUM / f"{name}.html").is_file()


@pytest.mark.parametrize(("name", "suffix"), CASES)
def test_chromium_deck_parses_to_expected_plan(name: str, suffix: str) -> None:
    assert_same_plan(comparable(_parse(name, suffix)), comparable(_expected(name)),
                     f"{name}{suffix}.pdf")


@pytest.mark.parametrize(("name", "suffix"), CASES)
def test_chromium_deck_gives_no_layout_warnings(name: str, suffix: str) -> None:
    plan = _parse(name, suffix)
    unexpected = [f"{w.code} (page {w.page}): {w.message}" for w in plan.warnings
                  if w.code not in EXPECTED_WARNING_CODES]
    assert not unexpected, f"{name}{suffix}.pdf:\n  " + "\n  ".join(unexpected)


@pytest.mark.parametrize("name", DECKS)
def test_expected_plan_is_the_content_data(name: str) -> None:
    """The committed expected JSON is `expected_plan` of the content and the HTML slide plan."""
    html_deck = _gen()
    want = html_deck.expected_plan(_content(name), html_deck.D.page_facts(_slides(name)))
    assert _expected(name) == want


@pytest.mark.parametrize("name", DECKS)
def test_prints_are_chromium_tagged_and_untagged(name: str) -> None:
    tagged = (CHROMIUM / f"{name}.pdf").read_bytes()
    untagged = (CHROMIUM / f"{name}-untagged.pdf").read_bytes()
    for data in (tagged, untagged):
        assert b"/Producer (Skia/PDF" in data  # Chromium's PDF backend
        assert b"/CreationDate (D:20240115120000" in data  # made reproducible
    assert b"/StructTreeRoot" in tagged and b"/MarkInfo" in tagged
    assert b"/StructTreeRoot" not in untagged
    html = (CHROMIUM / f"{name}.html").read_text(encoding="utf-8")
    assert html.count('<section class="slide ') == len(_slides(name))
    assert "<script" not in html  # the committed HTML is static


def _planned_markers(name: str) -> dict[int, int]:
    """Per page, the list items the HTML has: typed-bullet and nested paragraphs, highlights."""
    html_deck = _gen()
    deck = _content(name)
    out = {}
    for s in _slides(name):
        n = sum(1 for r in s.rows for p in (*r.focus, *r.joint)
                if (p.level == 0 and html_deck.typed_bullet(p)) or p.auto_bullet)
        if s.kind == "highlights":
            n += len(deck.highlight_slides[s.highlight_index])
        out[s.page] = n
    return out


@pytest.mark.parametrize(("name", "suffix"), CASES)
def test_drawn_markers_become_line_bullets(name: str, suffix: str) -> None:
    """Every list item's first line, and no other line, carries the marker Chromium drew for it;
    the text layer has no bullet characters."""
    doc = _extract(name, suffix)
    want = _planned_markers(name)
    got = {}
    for page in doc.pages:
        lines = list(page.lines) + [ln for t in page.tables for c in t.cells for ln in c.lines]
        got[page.number] = sum(1 for ln in lines if ln.bullet is not None)
        assert not any(ln.text.startswith(("•", "▪", "◦")) for ln in lines)
    assert got == want


@pytest.mark.parametrize(("name", "suffix"), CASES)
def test_css_circles_are_the_status_icons_and_borders_the_table(name: str, suffix: str) -> None:
    """Icons: the legend's three, and per table page the rows' statuses left to right, top to
    bottom, in the deck's colours; nothing else (no list marker). Tables: one per table slide,
    found by its CSS borders, header row plus one row per sub-goal, four columns."""
    doc = _extract(name, suffix)
    deck = _content(name)
    colour = {s: c.upper() for s, c in deck.icon_colours.items()}
    for spec, page in zip(_slides(name), doc.pages, strict=True):
        got = [icon.colour for icon in page.icons]
        if spec.kind == "legend":
            assert got == [colour[e.status] for e in deck.legend], f"page {spec.page}"
        elif spec.kind == "table":
            want = [colour[s] for r in spec.rows if r.icons for s in r.sub_goal.statuses]
            assert got == want, f"page {spec.page}"
            assert [(t.found_by, t.n_rows, t.n_cols) for t in page.tables] == [
                ("lines", len(spec.rows) + (1 if spec.header else 0), 4)
            ], f"page {spec.page}"
        else:
            assert got == [] and page.tables == (), f"page {spec.page}"
