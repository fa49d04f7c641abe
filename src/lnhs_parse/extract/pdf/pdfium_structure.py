"""Paragraphs of tagged PDFs from pdfium's structure tree (the pdfium engine's `structure`).

The same reading as `lnhs_parse.extract.pdf.structure` (which see) on pdfium's per-page tree: a
paragraph is the nearest paragraph-level element or list item above the marked content, the first
paragraph in a list item's body being the item itself.
"""

from __future__ import annotations

from typing import Any

from lnhs_parse.extract.pdf import pdfium_raw as raw
from lnhs_parse.extract.pdf.state import DocState, describe
from lnhs_parse.extract.pdf.structure import LIST_ITEM_TAG, PARAGRAPH_TAGS


def paragraph_blocks(page: Any, state: DocState, number: int) -> dict[int, int]:
    """Marked-content id → paragraph number on this page; {} for an untagged PDF. A tree that
    can't be read is skipped with a `pdf-structure-unreadable` warning."""
    tree = raw.struct_tree(page)
    if not tree:
        return {}
    try:
        roots = raw.struct_roots(tree)
        if not roots:
            return {}
        blocks: dict[int, int] = {}
        count = 0
        stack: list[tuple[Any, int | None, list[int] | None]] = [
            (el, None, None) for el in reversed(roots)
        ]
        while stack:
            el, block, item = stack.pop()
            kind = raw.struct_type(el)
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
            if block is not None:
                for mcid in raw.struct_mcids(el):
                    blocks.setdefault(mcid, block)
            stack.extend((child, block, item) for child in reversed(raw.struct_children(el)))
        return blocks
    except Exception as exc:  # a broken tree costs only the tags, never the parse
        state.warn(
            "pdf-structure-unreadable",
            f"the structure tree can't be read ({describe(exc)}); paragraphs taken from the layout",
            number,
        )
        return {}
    finally:
        raw.close_struct_tree(tree)
