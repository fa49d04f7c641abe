"""Paragraphs from a PDF's structure tree, whichever engine reads the tree (engine-neutral).

When a PDF is tagged (PowerPoint's and browsers' exports, LibreOffice's with its tagged-PDF
option), each line records the paragraph-level structure element its characters belong to,
through their marked-content ids (`Line.block`, set by `lnhs_parse.extract.pdf.lines.make_line`),
so the normaliser takes paragraphs from the tags instead of the geometry. `structure` (pdfplumber)
and `pdfium_structure` (pdfium) read the tree and hand its elements to `paragraph_blocks` here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from lnhs_parse.extract.pdf.state import DocState, describe

# ISO 32000-1, 14.8.4: structure elements that hold one paragraph of text. A list item (LI: its
# label and body) is one paragraph; the first paragraph inside its body is that same one.
PARAGRAPH_TAGS = frozenset(
    {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Caption", "Note", "TOCI", "Title"}
)
LIST_ITEM_TAG = "LI"

E = TypeVar("E")  # a structure element, as the engine gives it


def paragraph_blocks(
    roots: Sequence[E],
    kind: Callable[[E], str | None],
    mcids: Callable[[E], Iterable[int]],
    children: Callable[[E], Sequence[E]],
) -> dict[int, int]:
    """Marked-content id → paragraph number, from the tree under `roots` (read through `kind`,
    `mcids` and `children`).

    A paragraph is the nearest paragraph-level element (`PARAGRAPH_TAGS`) or list item (LI) above
    the marked content; the first paragraph inside a list item's body is the item itself (its label,
    a bullet character, belongs with it), nested list items are their own. Marked content under no
    such element (text tagged only as a Span or a table cell) gets no paragraph.
    """
    blocks: dict[int, int] = {}
    count = 0
    # (element, its paragraph, the list item whose first paragraph is still to come: [its number])
    stack: list[tuple[E, int | None, list[int] | None]] = [
        (el, None, None) for el in reversed(roots)
    ]
    while stack:
        el, block, item = stack.pop()
        tag = kind(el)
        if tag == LIST_ITEM_TAG:
            block, item = count, [count]
            count += 1
        elif tag in PARAGRAPH_TAGS:
            if item:
                block = item.pop()
            else:
                block = count
                count += 1
            item = None
        if block is not None:
            for mcid in mcids(el):
                blocks.setdefault(mcid, block)
        stack.extend((child, block, item) for child in reversed(children(el)))
    return blocks


def tree_unreadable(state: DocState, exc: Exception, page: int) -> dict[int, int]:
    """A tree that can't be read costs only the tags: a `pdf-structure-unreadable` warning, and no
    paragraphs (the geometry is read instead)."""
    state.warn(
        "pdf-structure-unreadable",
        f"the structure tree can't be read ({describe(exc)}); paragraphs taken from the layout",
        page,
    )
    return {}
