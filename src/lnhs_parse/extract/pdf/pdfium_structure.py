"""Paragraphs of tagged PDFs from pdfium's structure tree (the pdfium engine's `structure`).

pdfium's per-page tree, read into paragraphs by `lnhs_parse.extract.pdf.tags`, as the pdfplumber
engine's tree is (`structure`). The caller holds `pdfium_raw.LOCK`.
"""

from __future__ import annotations

from lnhs_parse.extract.pdf import pdfium_raw as raw
from lnhs_parse.extract.pdf import tags
from lnhs_parse.extract.pdf.state import DocState


def paragraph_blocks(page: int, state: DocState, number: int) -> dict[int, int]:
    """Marked-content id → paragraph number on this page; {} for an untagged PDF. A tree pdfium
    can't read is skipped with a `pdf-structure-unreadable` warning; a failure of the reading
    itself (`tags`, engine-neutral) is ours, raised as it is."""
    tree = raw.struct_tree(page)
    if not tree:
        return {}
    try:
        return tags.paragraph_blocks(raw.struct_roots(tree), raw.struct_type, raw.struct_mcids,
                                     raw.struct_children)
    except raw.PdfiumError as exc:  # a broken tree costs only the tags, never the parse
        return tags.tree_unreadable(state, exc, number)
    finally:
        raw.close_struct_tree(tree)
