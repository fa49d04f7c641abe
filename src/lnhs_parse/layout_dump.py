"""The layout model as the parser reads it, as JSON (`lnhs-parse layout`, docs/layout-dump.md).

The extractor's `Document` (pages, their lines outside tables, tables of cells, icons) with each
block of lines read into paragraphs by the same rules the parser uses (`normalise.paragraphs`): for
seeing what the parser read on a template it gets wrong, and for measuring the paragraphs the
geometry gives against those a tagged PDF states (bench/tags_oracle.py).

- Lines outside tables are grouped into text boxes first (`paragraphs.text_boxes`), each box read
  into paragraphs; table cells are read one by one, with the actor registry, as the parser reads
  them.
- ``tags="auto"``: a tagged PDF's paragraphs come from its structure tree where its lines carry one
  (`Line.block`), from the geometry elsewhere; ``tags="off"``: the tree is ignored, every PDF
  paragraph comes from the geometry alone. A PPTX's paragraphs are its own either way.

Every list of paragraphs is named ``paragraphs`` and every paragraph has its ``text``; boxes are
``[x0, top, x1, bottom]`` in points from the page's top-left corner. Nothing here reads meaning
(goals, statuses, actors) into the page.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from lnhs_parse.errors import UsageError
from lnhs_parse.layout import (
    BBox,
    Cell,
    Document,
    Icon,
    Line,
    Page,
    Table,
    all_lines,
    bbox_union,
    cut_by_tags,
    untagged,
)
from lnhs_parse.settings import ParseOptions

__all__ = ["TAG_MODES", "dump_document", "dump_json", "layout_dump", "parse_page_range"]

TagMode = Literal["auto", "off"]
TAG_MODES: tuple[TagMode, ...] = ("auto", "off")
DUMP_VERSION = "1"


def parse_page_range(text: str) -> tuple[int, int]:
    """``"3"`` → (3, 3), ``"2-5"`` → (2, 5), ``"4-"`` → (4, a very large number); a bad range raises
    `UsageError` (exit 2)."""
    first, sep, last = text.strip().partition("-")
    try:
        start = int(first)
        end = int(last) if last.strip() else (1 << 31) if sep else start
    except ValueError:
        raise UsageError(
            f"usage: --pages takes N or N-M (page numbers from 1), not {text!r}"
        ) from None
    if start < 1 or end < start:
        raise UsageError(f"usage: --pages takes N or N-M (page numbers from 1), not {text!r}")
    return start, end


def layout_dump(
    path: str | Path,
    *,
    pages: tuple[int, int] | None = None,
    tags: TagMode = "auto",
    options: ParseOptions | None = None,
) -> dict[str, Any]:
    """Extract the deck at `path` and return its layout as a JSON-ready dict (`dump_document`)."""
    from lnhs_parse.extract import extract

    options = options or ParseOptions()
    return dump_document(extract(path, options), pages=pages, tags=tags, options=options)


def dump_document(
    document: Document,
    *,
    pages: tuple[int, int] | None = None,
    tags: TagMode = "auto",
    options: ParseOptions | None = None,
) -> dict[str, Any]:
    """The layout of `document` as a JSON-ready dict: ``pages`` (each with its ``paragraphs``
    outside tables, ``tables`` with ``cells`` and each cell's ``paragraphs``, and ``icons``), the
    extractor's ``warnings``, and what was read how (``format``, ``tags``)."""
    from lnhs_parse.normalise.actors import ActorRegistry
    from lnhs_parse.normalise.evidence import HEADER_VOCABULARY, deck_vocabulary, text_evidence
    from lnhs_parse.normalise.profile import load_profiles
    from lnhs_parse.normalise.vocab import use_profile

    if tags not in TAG_MODES:
        raise UsageError(f"usage: --tags must be one of {', '.join(TAG_MODES)}, not {tags!r}")
    options = options or ParseOptions()
    document = untagged(document) if tags == "off" else cut_by_tags(document)
    profile = load_profiles(options.profile)
    with use_profile(profile):
        registry = ActorRegistry.load(options.actors, profile)
        texts = [ln.text for page in document.pages for ln in all_lines(page)]
        reader = _Reader(
            vocabulary=deck_vocabulary(texts) | HEADER_VOCABULARY,
            evidence=text_evidence(document.pages),
            registry=registry,
        )
        if pages is not None and pages[0] > document.page_count:
            raise UsageError(f"usage: --pages {pages[0]} is past the last page "
                             f"({document.page_count})")
        chosen = [p for p in document.pages
                  if pages is None or pages[0] <= p.number <= pages[1]]
        return {
            "layout_version": DUMP_VERSION,
            "file": document.path,
            "format": document.format,
            "sha256": document.sha256,
            "page_count": document.page_count,
            "tags": tags,
            "pages": [reader.page(p) for p in chosen],
            "warnings": [
                {"code": w.code, "message": w.message, "page": w.page} for w in document.warnings
            ],
        }


_NUMBERS = re.compile(r"\[\s*(-?[0-9.eE+-]+(?:,\s*-?[0-9.eE+-]+)*)\s*\]")


def dump_json(dump: dict[str, Any]) -> str:
    """The dump as indented JSON text, each box on one line."""
    text = json.dumps(dump, ensure_ascii=False, indent=2)
    return _NUMBERS.sub(lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]",
                        text) + "\n"


def _box(b: BBox) -> list[float]:
    return [round(v, 2) for v in b]


@dataclasses.dataclass
class _Reader:
    vocabulary: frozenset[str]
    evidence: Any  # normalise.evidence.TextEvidence
    registry: Any  # normalise.actors.ActorRegistry

    def page(self, page: Page) -> dict[str, Any]:
        from lnhs_parse.normalise.paragraphs import text_boxes

        paras: list[dict[str, Any]] = []
        if any(ln.paragraph is not None for ln in page.lines):  # PPTX: a line is a paragraph
            groups: list[list[Line]] = [[ln] for ln in page.lines if ln.text.strip()]
        else:
            groups = text_boxes(page.lines)
        for group in groups:
            paras += self.paragraphs(group, bbox_union([ln.bbox for ln in group]), None)
        return {
            "number": page.number,
            "width": round(page.width, 2),
            "height": round(page.height, 2),
            "paragraphs": paras,
            "tables": [self.table(t) for t in page.tables],
            "icons": [_icon(i) for i in page.icons],
        }

    def table(self, table: Table) -> dict[str, Any]:
        return {
            "bbox": _box(table.bbox),
            "found_by": table.found_by,
            "n_rows": table.n_rows,
            "n_cols": table.n_cols,
            "cells": [self.cell(c) for c in table.cells],
        }

    def cell(self, cell: Cell) -> dict[str, Any]:
        return {
            "row": cell.row,
            "col": cell.col,
            "rowspan": cell.rowspan,
            "colspan": cell.colspan,
            "bbox": _box(cell.bbox),
            "fill": cell.fill,
            "paragraphs": self.paragraphs(list(cell.lines), cell.bbox, self.registry),
        }

    def paragraphs(
        self, lines: Sequence[Line], bbox: BBox, registry: Any
    ) -> list[dict[str, Any]]:
        from lnhs_parse.normalise.paragraphs import paragraphs

        out: list[dict[str, Any]] = []
        for para in paragraphs(lines, bbox, registry=registry, evidence=self.evidence):
            blocks = {ln.block for ln in para.lines}
            if para.lines[0].paragraph is not None:
                source = "source"
            elif None not in blocks:
                source = "tags"
            else:
                source = "geometry"
            out.append({
                "text": para.text(self.vocabulary),
                "bbox": _box(para.bbox),
                "level": para.level,
                "bullet": para.bullet,
                "source": source,
                "lines": [_line(ln) for ln in para.lines],
            })
        return out


def _line(ln: Line) -> dict[str, Any]:
    out: dict[str, Any] = {"text": ln.text, "bbox": _box(ln.bbox), "size": ln.size,
                           "bold": ln.bold}
    if ln.italic is not None:
        out["italic"] = ln.italic
    if ln.colour is not None:
        out["colour"] = ln.colour
    if ln.space_after:
        out["space_after"] = True
    if ln.block is not None:
        out["block"] = ln.block
    if ln.rule_above is not None:
        out["rule_above"] = ln.rule_above
    return out


def _icon(icon: Icon) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": icon.kind, "bbox": _box(icon.bbox)}
    for key in ("colour", "glyph", "digest"):
        value = getattr(icon, key)
        if value is not None:
            out[key] = value
    return out
