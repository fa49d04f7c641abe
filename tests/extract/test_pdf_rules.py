"""Rules and boxes drawn between text (`lnhs_parse.extract.pdf.rules`), and the normaliser's reading
of a rule between two lines (`Line.rule_above`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from hostile import one_page_pdf
from layout_builders import pdf_chars
from lnhs_parse.extract.pdf.lines import join_runs, make_line, runs
from lnhs_parse.extract.pdf.rules import cut_at_boxes, cut_runs, rules_above
from lnhs_parse.extract.pdf.tables import ruling
from lnhs_parse.layout import BBox, Line
from lnhs_parse.normalise.paragraphs import line_ends, paragraphs
from lnhs_parse.settings import ParseOptions
from lnhs_parse.utils.geometry import Segment
from work import assert_near_linear, lines_run

SIZE = 10.0
ADVANCE = 0.5  # each glyph half the size wide


def _chars(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    """`text` in `SIZE`, each char `ADVANCE` of the size wide, spaces typed."""
    return pdf_chars(text, x0, top, size=SIZE, advance=ADVANCE)


def _texts(chars: list[dict[str, Any]], *, rules: Sequence[Segment] = (),
           tiles: Sequence[BBox] = ()) -> list[str]:
    found, *_ = runs(chars, [])
    joined = cut_at_boxes(cut_runs(join_runs(found), list(rules)), list(tiles))
    made = [make_line(r, {}) for r in joined]
    return [ln.text for ln in made if ln is not None]


def _v(x: float, top: float, bottom: float) -> Segment:
    return Segment(False, x, top, bottom)


def _h(y: float, x0: float, x1: float) -> Segment:
    return Segment(True, y, x0, x1)


# --- a vertical rule through a word space -----------------------------------------------------

# "Vacancy % Asking Rate": the space after "%" spans x 145..150 (chars 9 of 5 pt from x 100)
HEADER = "Vacancy % Asking Rate"
SPACE_X = 100 + 9 * ADVANCE * SIZE + 2.5  # the middle of the space before "Asking"


def test_a_vertical_rule_through_a_word_space_cuts_the_line() -> None:
    chars = _chars(HEADER, 100.0, 100.0)
    assert _texts(chars) == [HEADER]  # the gap alone is a word space
    assert _texts(chars, rules=[_v(SPACE_X, 95.0, 112.0)]) == ["Vacancy %", "Asking Rate"]


def test_a_rule_that_does_not_cover_the_glyphs_or_lies_in_a_glyph_cuts_nothing() -> None:
    chars = _chars(HEADER, 100.0, 100.0)
    # a tick under the line, over a quarter of its height only
    assert _texts(chars, rules=[_v(SPACE_X, 106.0, 112.0)]) == [HEADER]
    # through the "%" glyph: no word space there
    assert _texts(chars, rules=[_v(SPACE_X - 4.0, 95.0, 112.0)]) == [HEADER]


def test_a_grid_drawn_through_glyphs_cuts_nowhere() -> None:
    # a chart's gridlines, one span, every 7 pt: some go through glyphs, one through the space
    chars = _chars(HEADER, 100.0, 100.0)
    grid = [_v(SPACE_X + k * 7.0, 90.0, 130.0) for k in range(-6, 8)]
    assert any(abs(r.pos - SPACE_X) < 0.01 for r in grid)
    assert _texts(chars, rules=grid) == [HEADER]
    # the same rule alone, or with gridlines of another span, cuts
    other = [_v(r.pos, 90.0, 300.0) for r in grid if abs(r.pos - SPACE_X) > 0.01]
    assert _texts(chars, rules=[_v(SPACE_X, 90.0, 130.0), *other]) == ["Vacancy %", "Asking Rate"]


# --- labels on boxes of their own -------------------------------------------------------------


def _box(x0: float, x1: float, top: float = 96.0, bottom: float = 114.0) -> BBox:
    return (x0, top, x1, bottom)


# "Software Development" from x 100 (ends 200) and "Professional Services" from x 205: a gap of
# one space's width, so the line reader joins them
CHIPS = _chars("Software Development", 100.0, 100.0) + _chars("Professional Services", 205.0, 100.0)


def test_labels_on_boxes_of_their_own_are_cut_apart() -> None:
    assert _texts(CHIPS) == ["Software Development Professional Services"]
    tiles = [_box(98.0, 202.0), _box(203.0, 312.0)]
    assert _texts(CHIPS, tiles=tiles) == ["Software Development", "Professional Services"]
    # a panel behind both boxes changes nothing: each label is on its own, innermost box
    panel = (50.0, 50.0, 400.0, 200.0)
    assert _texts(CHIPS, tiles=[panel, *tiles]) == ["Software Development",
                                                    "Professional Services"]


def test_a_highlight_or_boxes_that_touch_cut_nothing() -> None:
    # one word highlighted: the next word is on no box
    assert _texts(CHIPS, tiles=[_box(98.0, 202.0), _box(0.0, 10.0)]) == [
        "Software Development Professional Services"]
    # two boxes edge to edge (no gap between): one band of colour
    assert _texts(CHIPS, tiles=[_box(98.0, 202.5), _box(202.5, 312.0)]) == [
        "Software Development Professional Services"]


# --- a horizontal rule between lines ----------------------------------------------------------


def _line(text: str, top: float, x0: float = 100.0, size: float = SIZE) -> Line:
    return Line(text=text, bbox=(x0, top, x0 + len(text) * ADVANCE * size, top + size), size=size)


def test_a_rule_just_above_a_line_is_noted_on_it() -> None:
    lines = [_line("Inventory", 100.0), _line("97,880,855", 113.0)]
    marked = rules_above(lines, [_h(111.5, 98.0, 200.0)])
    assert [ln.rule_above for ln in marked] == [None, 111.5]


def test_an_underline_ruled_paper_a_short_or_far_rule_is_not_noted() -> None:
    lines = [_line("Inventory", 100.0), _line("97,880,855", 113.0)]
    # an underline of the upper line, inside its box
    assert all(ln.rule_above is None for ln in rules_above(lines, [_h(108.0, 100.0, 145.0)]))
    # a rule under a fifth of the line's width
    assert all(ln.rule_above is None for ln in rules_above(lines, [_h(111.5, 100.0, 110.0)]))
    # a rule more than a font size above the line's top (it separates other text)
    far = [_line("Inventory", 60.0), _line("97,880,855", 113.0)]
    assert all(ln.rule_above is None for ln in rules_above(far, [_h(100.0, 98.0, 200.0)]))
    # ruled paper: the same span every 12 pt, one of them through the upper line's text
    paper = [_h(90.0 + 12.0 * k, 50.0, 400.0) for k in range(6)]
    assert any(100.5 < r.pos < 109.5 for r in paper)
    assert all(ln.rule_above is None for ln in rules_above(lines, paper))


def test_an_underline_below_a_box_that_ends_at_the_baseline_is_its_lines() -> None:
    # LibreOffice writes its fonts with no descent: a line's box ends at the baseline and the
    # underline lies 1.2 pt below it, outside the box, no wider than the text
    lines = [_line("installation and testing", 100.0), _line("the training of staff", 116.8)]
    underline = _h(111.2, 100.0, 100.0 + 24 * ADVANCE * SIZE + 2.0)
    assert all(ln.rule_above is None for ln in rules_above(lines, [underline]))
    # the same rule drawn across the whole box the text stands in is a rule between the lines
    across = _h(111.2, 90.0, 400.0)
    assert [ln.rule_above for ln in rules_above(lines, [across])] == [None, 111.2]


def test_a_rectangle_drawn_as_a_closed_path_is_a_box() -> None:
    # LibreOffice draws a rectangle shape as a six-point path from the middle of its bottom edge
    pts = [(106.6, 114.6), (48.0, 114.6), (48.0, 96.0), (165.2, 96.0), (165.2, 114.6),
           (106.6, 114.6), (106.6, 114.6)]
    chip = {"x0": 48.0, "x1": 165.2, "top": 96.0, "bottom": 114.6, "fill": True, "pts": pts}
    assert ruling(612, 792, [], [], [chip]).boxes == [(48.0, 96.0, 165.2, 114.6)]
    # a rounded or slanted path, or an unfilled one, is no box
    rounded = {**chip, "pts": [(48.0, 100.0), (52.0, 96.0), (165.2, 96.0), (165.2, 114.6),
                               (48.0, 114.6), (48.0, 100.0)]}
    assert ruling(612, 792, [], [], [rounded, {**chip, "fill": False}]).boxes == []


def test_the_normaliser_never_reads_a_paragraph_across_a_rule() -> None:
    # a sentence going on in lower case reads as one paragraph, unless a rule is drawn between
    upper = _line("Tavoitteena on vahvistaa", 100.0)
    lower = _line("perheiden hyvinvointia", 113.0)
    cell = (90.0, 90.0, 400.0, 200.0)
    assert [p.text() for p in paragraphs([upper, lower], cell)] == [
        "Tavoitteena on vahvistaa perheiden hyvinvointia"]
    ruled = replace(lower, rule_above=111.5)
    assert [p.text() for p in paragraphs([upper, ruled], cell)] == [
        "Tavoitteena on vahvistaa", "perheiden hyvinvointia"]
    (end,) = line_ends([upper, ruled], cell)
    assert end.ends and "ruled apart" in end.facts
    # a rule above the upper line's bottom is not between the two
    inside = replace(lower, rule_above=105.0)
    assert len(paragraphs([upper, inside], cell)) == 1


# --- end to end: a PDF drawn with rules, both engines -------------------------------------------


def _callout_pdf(path: Path) -> Path:
    """A callout: a header row, a rule under it, a value row; a vertical rule between "Vacancy %"
    and "Asking Rate", set one space apart."""
    ops = b"""
BT /F1 10 Tf 100 700 Td (Inventory) Tj ET
BT /F1 10 Tf 200 700 Td (Vacancy % Asking Rate) Tj ET
BT /F1 10 Tf 100 686 Td (97,880,855) Tj ET
BT /F1 10 Tf 200 686 Td (8.3) Tj ET
BT /F1 10 Tf 262 686 Td ($4.05) Tj ET
0.4 0.8 0.2 RG 0.5 w 98 696.5 m 330 696.5 l S
0 G 251.4 694 m 251.4 712 l S
"""
    path.write_bytes(one_page_pdf(ops))
    return path


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_callout_drawn_with_rules_reads_cell_by_cell(tmp_path: Path, engine: str) -> None:
    from lnhs_parse.layout_dump import layout_dump

    pdf = _callout_pdf(tmp_path / "callout.pdf")
    dump = layout_dump(pdf, options=ParseOptions(engine=engine), tags="off")  # type: ignore[arg-type]  # a literal engine name
    paragraphs = {p["text"]: p for p in dump["pages"][0]["paragraphs"]}
    assert sorted(paragraphs) == sorted(
        ["Inventory", "Vacancy %", "Asking Rate", "97,880,855", "8.3", "$4.05"])
    # the dump shows the rule above each value (792 - 696.5 pt from the page's top), none above
    # the header
    assert [paragraphs[t]["lines"][0].get("rule_above") for t in ("97,880,855", "$4.05")] == [
        95.5, 95.5]
    assert "rule_above" not in paragraphs["Inventory"]["lines"][0]


# --- work, counted (tests/work.py) -------------------------------------------------------------


def _ladder(n: int) -> tuple[list[Line], list[Segment]]:
    """`n` lines and `n` rules, each rule just above a line: on one spot (all at one height, the
    worst case for the bands) and down a page."""
    lines = [_line("Tavoite", 100.0 + (k % 2) * 13.0, x0=100.0 + k * 0.01) for k in range(n)]
    rules = [_h(111.5 + k * 0.001, 98.0, 200.0) for k in range(n)]
    return lines, rules


def test_rules_above_a_crowd_of_lines_is_near_linear_work() -> None:
    counts = {}
    for n in (500, 2_000):
        lines, rules = _ladder(n)
        _, counts[n] = lines_run(rules_above, lines, rules)
    assert_near_linear(counts)


def test_cutting_a_line_crossed_by_a_crowd_of_rules_is_near_linear_work() -> None:
    counts = {}
    for n in (500, 2_000):
        found, *_ = runs(_chars("Vacancy % Asking Rate " * 20, 100.0, 100.0), [])
        rules = [_v(SPACE_X + k * 0.0001, 95.0, 112.0) for k in range(n)]
        tiles = [_box(98.0 + k * 0.001, 146.0) for k in range(n)]
        _, counts[n] = lines_run(lambda f=found, r=rules, t=tiles: cut_at_boxes(cut_runs(f, r), t))
    assert_near_linear(counts)
