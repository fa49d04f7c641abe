"""The structure tree of a tagged PDF through pdfplumber (`pdfplumber.structure`); its reading
into paragraphs is `lnhs_parse.extract.pdf.tags`'s.
"""

from __future__ import annotations

from typing import Any

from lnhs_parse.extract.pdf import tags
from lnhs_parse.extract.pdf.state import DocState


def has_structure(pdf: Any) -> bool:
    """Whether the document (a `pdfplumber.PDF`) has a structure tree (is tagged)."""
    try:
        return "StructTreeRoot" in pdf.doc.catalog
    except Exception:  # a catalog that can't be read has no usable tree
        return False


def paragraph_blocks(page: Any, state: DocState) -> dict[int, int]:
    """Marked-content id → paragraph number on this page (a `pdfplumber.Page`), from the tree
    (`tags.paragraph_blocks`); {} for an untagged page or, with a warning, an unreadable tree."""
    from pdfplumber.structure import PDFStructTree, StructTreeMissing

    try:
        roots = list(PDFStructTree(page.pdf, page))
    except StructTreeMissing:
        return {}
    except Exception as exc:  # a broken tree costs only the tags, never the parse
        return tags.tree_unreadable(state, exc, page.page_number)
    return tags.paragraph_blocks(roots, lambda el: el.type, lambda el: el.mcids,
                                 lambda el: el.children)
