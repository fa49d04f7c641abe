"""Tagged PDFs: paragraphs from the structure tree (`Line.block`), and the fall-back when the tree
can't be read.

The oracle is the deck's own PPTX, whose paragraphs are exact: in every table cell of a tagged PDF
export, the lines carry as many structure paragraphs as the PPTX cell has paragraphs with text, and
each paragraph's lines are consecutive.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from lnhs_parse.extract import extract
from lnhs_parse.layout import Document
from lnhs_parse.settings import Engine, ParseOptions
from support import FIXTURES, comparable

RANDOM = FIXTURES / "random"
TAGGED = sorted(RANDOM.glob("*.tagged.pdf"))[:6]


@cache
def _doc(path: Path) -> Document:
    return extract(path, ParseOptions())


def _pptx_of(tagged: Path) -> Path:
    return tagged.with_name(tagged.name.removesuffix(".tagged.pdf") + ".pptx")


@pytest.mark.parametrize("tagged", TAGGED, ids=lambda p: p.name)
def test_tagged_cells_hold_the_pptx_paragraphs(tagged: Path) -> None:
    pdf, pptx = _doc(tagged), _doc(_pptx_of(tagged))
    checked = 0
    for pdf_page, pptx_page in zip(pdf.pages, pptx.pages, strict=True):
        assert len(pdf_page.tables) == len(pptx_page.tables)
        for pdf_table, pptx_table in zip(pdf_page.tables, pptx_page.tables, strict=False):
            for cell in pdf_table.cells:
                other = pptx_table.cell_at(cell.row, cell.col)
                assert other is not None
                blocks = [ln.block for ln in cell.lines]
                assert None not in blocks, f"page {pdf_page.number}: untagged line in a tagged cell"
                runs = [b for i, b in enumerate(blocks) if i == 0 or blocks[i - 1] != b]
                assert len(runs) == len(set(runs)), f"page {pdf_page.number}: a paragraph comes back"
                want = len({ln.paragraph for ln in other.lines if ln.text.strip()})
                assert len(runs) == want, (
                    f"page {pdf_page.number} cell ({cell.row}, {cell.col}): {len(runs)} tagged "
                    f"paragraphs, the PPTX has {want}: {[ln.text for ln in cell.lines]}"
                )
                checked += bool(want)
    assert checked > 10


def test_untagged_export_has_no_blocks() -> None:
    untagged = TAGGED[0].with_name(TAGGED[0].name.replace(".tagged.pdf", ".pdf"))
    doc = _doc(untagged)
    lines = [ln for p in doc.pages for t in p.tables for c in t.cells for ln in c.lines]
    assert lines and all(ln.block is None for ln in lines)


def test_chromium_list_items_are_one_paragraph_each() -> None:
    """Chromium tags a list item as LI (Lbl holding no characters: the marker is drawn, and the item
    text): a wrapped item's lines share one block, and each drawn bullet starts a new one."""
    doc = _doc(FIXTURES / "chromium" / "kymenlaakso-2023-html.pdf")
    items = 0
    for page in doc.pages:
        for table in page.tables:
            for cell in table.cells:
                for prev, ln in zip(cell.lines, cell.lines[1:], strict=False):
                    if ln.bullet is not None and prev.block is not None:
                        assert ln.block is not None and ln.block != prev.block
                        items += 1
                    elif ln.bullet is None and prev.bullet is not None and ln.bbox[0] >= prev.bbox[0] - 1:
                        # the wrapped rest of an item, in line with its text: the same item
                        continuation = ln.bbox[1] - prev.bbox[3] < (ln.size or 10) * 0.6
                        if continuation:
                            assert ln.block == prev.block, (prev.text, ln.text)
    assert items > 5


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_unreadable_structure_tree_falls_back_to_the_layout(
    monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    """A tree the engine can't read (pdfplumber raises on a broken one; pdfium reports a
    failure) costs the tags only."""
    from lnhs_parse.extract.pdf import pdfium_raw

    def broken(*args: object, **kwargs: object) -> None:
        if engine == "pdfplumber":
            raise KeyError("ParentTree")
        raise pdfium_raw.PdfiumError("the structure tree")

    if engine == "pdfplumber":
        from lnhs_parse.extract.pdf import structure

        monkeypatch.setattr(structure, "document_tree", broken)
    else:
        monkeypatch.setattr(pdfium_raw, "struct_roots", broken)
    name = TAGGED[0].name.removesuffix(".tagged.pdf")
    plan = lnhs_parse.parse(TAGGED[0], engine=engine)
    codes = {w.code for w in plan.warnings}
    assert "pdf-structure-unreadable" in codes
    assert all(w.page is not None for w in plan.warnings if w.code == "pdf-structure-unreadable")
    # the layout alone still gives the plan
    got, want = comparable(plan), comparable(_expected_random(name))
    assert got["goals"] == want["goals"]


def _expected_random(name: str) -> dict[str, Any]:
    import json

    result: dict[str, Any] = (
        json.loads((RANDOM / f"{name}.expected.json").read_text(encoding="utf-8"))
    )
    return result



def _blocks(tree: list[Any]) -> dict[int, int]:
    """`tags.paragraph_blocks` over a tree of (type, mcids, children) tuples."""
    from lnhs_parse.extract.pdf.tags import paragraph_blocks

    return paragraph_blocks(tree, lambda e: e[0], lambda e: e[1], lambda e: e[2])


def test_only_paragraph_elements_and_list_items_state_paragraphs() -> None:
    # text a Sect (PowerPoint 2010's text boxes, code included), a TD (PDFMaker's cells) or a
    # Figure (a chart's labels, a table drawn as a picture) holds directly may be one line or
    # many paragraphs: the tree doesn't say, so the geometry reads it
    assert _blocks([("Sect", [1, 2], [])]) == {}
    assert _blocks([("Table", [], [("TR", [], [("TD", [3], []), ("TD", [4, 5], [])])])]) == {}
    assert _blocks([("Figure", [6], [])]) == {}
    # paragraphs inside a container keep their own; a Span inside a paragraph is the paragraph's
    tree: list[Any] = [("Div", [7], [("P", [8], [("Span", [9], [])]), ("P", [10], [])])]
    assert _blocks(tree) == {8: 0, 9: 0, 10: 1}
    # a list item is one paragraph with its label and its body's first paragraph
    item: Any = ("LI", [], [("Lbl", [11], []), ("LBody", [], [("P", [12], [])])])
    assert _blocks([("L", [], [item])]) == {11: 0, 12: 0}


def _tagged_chars(pieces: list[tuple[str, float, int | None]]) -> list[dict[str, Any]]:
    """Char dicts of `(text, x0, mcid)` pieces on one baseline, each char 5 pt wide (10 pt type)."""
    from layout_builders import pdf_chars

    return [c for text, x0, mcid in pieces for c in pdf_chars(text, x0, 100.0, size=10.0,
                                                                mcid=mcid)]


def test_a_line_holding_two_tagged_paragraphs_has_a_piece_of_each() -> None:
    from lnhs_parse.extract.pdf.lines import block_cuts, join_runs, make_line, runs

    blocks = {1: 0, 2: 1, 3: 1}
    # a table of contents' number and title, two text boxes 0.7 em apart on one baseline
    toc = _tagged_chars([("1", 40, 1), ("Summary", 52, 2)])
    assert block_cuts(toc, blocks) == [48.5]
    found, *_ = runs(toc, [])
    (line,) = [make_line(r, {}, blocks) for r in join_runs(found)]
    assert line is not None and line.text == "1 Summary" and line.block is None
    assert [(p.text, p.block) for p in line.pieces] == [("1", 0), ("Summary", 1)]
    # at a typed space; text the tree leaves out (a slide number) is a piece of its own
    assert block_cuts(_tagged_chars([("Moats ", 40, 1), ("(2016);", 70, 2)]), blocks) == [67.5]
    assert len(block_cuts(_tagged_chars([("Moats (2016); ", 40, 1), ("35", 120, None)]),
                          blocks)) == 1
    # a paragraph cut inside a word, or one that comes back: no pieces
    assert block_cuts(_tagged_chars([("Te", 40, 1), ("xt", 50, 2)]), blocks) == []
    assert block_cuts(_tagged_chars([("a ", 40, 1), ("b ", 50, 2), ("c", 60, 1)]), blocks) == []
    # one paragraph's line, in two marked-content sequences: no pieces either
    assert block_cuts(_tagged_chars([("whole-", 40, 2), ("class", 70, 3)]), blocks) == []
    # two paragraphs' glyphs drawn on one spot, a space apart in the stream: the cut parts
    # nothing, so the line has no pieces (and no piece is cut again)
    stacked = _tagged_chars([("A ", 40, 1), ("B", 40, 2)])
    found, *_ = runs(stacked, [])
    made = [make_line(r, {}, blocks) for r in join_runs(found)]
    assert all(ln is not None and ln.pieces == () for ln in made)


def test_the_tags_reading_takes_the_pieces_and_the_geometry_the_line() -> None:
    from layout_builders import document
    from lnhs_parse.layout import Line, Page, cut_by_tags, untagged

    one, two = Line("1", (40, 100, 45, 110), block=0), Line("Summary", (52, 100, 87, 110), block=1)
    whole = Line("1 Summary", (40, 100, 87, 110), pieces=(one, two))
    doc = document([Page(1, 800, 600, lines=(whole,))])
    assert [ln.text for ln in cut_by_tags(doc).pages[0].lines] == ["1", "Summary"]
    bare = untagged(doc).pages[0].lines
    assert [ln.text for ln in bare] == ["1 Summary"] and bare[0].pieces == ()
    # a document with nothing to cut or strip is handed back as it is, not copied
    plain = document([Page(1, 800, 600, lines=(Line("Summary", (52, 100, 87, 110)),))])
    assert cut_by_tags(plain) is plain and untagged(plain) is plain
