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

