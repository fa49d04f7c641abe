"""Paragraphs of tagged PDFs, from the structure tree (pdfplumber-specific: `pdfplumber.structure`).

When the PDF has a structure tree (PowerPoint's and browsers' exports, LibreOffice's with its
tagged-PDF option), each line records the paragraph-level structure element (P, H…, LI) its
characters belong to, through their marked-content ids (`Line.block`, set by
`lnhs_parse.extract.pdf.lines.make_line`), so the normaliser takes paragraphs from the tags instead
of the geometry.
"""

from __future__ import annotations

from typing import Any

from lnhs_parse.extract.pdf.state import DocState, describe

# ISO 32000-1, 14.8.4: structure elements that hold one paragraph of text. A list item (LI: its
# label and body) is one paragraph; the first paragraph inside its body is that same one.
PARAGRAPH_TAGS = frozenset(
    {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Caption", "Note", "TOCI", "Title"}
)
LIST_ITEM_TAG = "LI"


def has_structure(pdf: Any) -> bool:
    """Whether the document (a `pdfplumber.PDF`) has a structure tree (is tagged)."""
    try:
        return "StructTreeRoot" in pdf.doc.catalog
    except Exception:  # a catalog that can't be read has no usable tree
        return False


def paragraph_blocks(page: Any, state: DocState) -> dict[int, int]:
    """Marked-content id → paragraph number on this page (a `pdfplumber.Page`), from the tree.

    A paragraph is the nearest paragraph-level element (`PARAGRAPH_TAGS`) or list item (LI) above
    the marked content; the first paragraph inside a list item's body is the item itself (its label,
    a bullet character, belongs with it), nested list items are their own. Marked content under no
    such element (text tagged only as a Span or a table cell) gets no paragraph. A tree that can't
    be read is skipped with a `pdf-structure-unreadable` warning: the geometry is read instead.
    """
    from pdfplumber.structure import PDFStructTree, StructTreeMissing

    try:
        roots = list(PDFStructTree(page.pdf, page))
    except StructTreeMissing:
        return {}
    except Exception as exc:  # a broken tree costs only the tags, never the parse
        state.warn(
            "pdf-structure-unreadable",
            f"the structure tree can't be read ({describe(exc)}); paragraphs taken from the layout",
            page.page_number,
        )
        return {}
    blocks: dict[int, int] = {}
    count = 0
    # (element, its paragraph, the list item whose first paragraph is still to come: [its number])
    stack: list[tuple[Any, int | None, list[int] | None]] = [
        (el, None, None) for el in reversed(roots)
    ]
    while stack:
        el, block, item = stack.pop()
        kind = el.type
        if kind == LIST_ITEM_TAG:
            block, item = count, [count]
            count += 1
        elif kind in PARAGRAPH_TAGS:
            if item:
                block = item.pop()
            else:
                block = count
                count += 1
            item = None
        for mcid in el.mcids:
            if block is not None:
                blocks.setdefault(mcid, block)
        stack.extend((child, block, item) for child in reversed(el.children))
    return blocks
