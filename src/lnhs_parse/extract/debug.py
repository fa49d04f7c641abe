"""``--debug-dir``: one PNG per PDF page showing what the PDF extractor detected.

Imported by `lnhs_parse.extract.pdf` only when `ParseOptions.debug_dir` is set. Drawn over the page
rendered by pdfplumber (pypdfium2):

- table cells: blue boxes; row edges: red lines across the table; the header row (the first row;
  the extractor does not read meaning into rows) tinted yellow;
- text lines: light grey boxes (lines inside cells too);
- icons: a box in the icon's own colour (magenta when it has none), thicker for pictures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lnhs_parse.layout import BBox, Page
from lnhs_parse.utils import colour

RESOLUTION = 80
_CELL = (0, 90, 255, 255)
_ROW_EDGE = (230, 0, 0, 200)
_HEADER = (255, 200, 0, 60)
_LINE = (150, 150, 150, 160)
_NO_FILL = (0, 0, 0, 0)
_NO_COLOUR = (255, 0, 255, 255)


def _rgba(value: str | None) -> tuple[int, int, int, int]:
    if not value or len(value) != 7:
        return _NO_COLOUR
    return (*colour.hex_to_rgb(value), 255)


def _grow(b: BBox, d: float) -> BBox:
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)


def write_page(pdf_page: Any, page: Page, out_dir: Path, resolution: int = RESOLUTION) -> Path:
    """Render `pdf_page` (a pdfplumber page) with `page`'s detections; return the PNG's path."""
    im = pdf_page.to_image(resolution=resolution)
    for line in page.lines:
        im.draw_rect(line.bbox, fill=_NO_FILL, stroke=_LINE, stroke_width=1)
    for table in page.tables:
        if len(table.row_edges) >= 2 and table.col_edges:
            cols, rows = table.col_edges, table.row_edges
            header = (cols[0], rows[0], cols[-1], rows[1])
            im.draw_rect(header, fill=_HEADER, stroke=_NO_FILL, stroke_width=0)
        for cell in table.cells:
            im.draw_rect(cell.bbox, fill=_NO_FILL, stroke=_CELL, stroke_width=2)
            for line in cell.lines:
                im.draw_rect(line.bbox, fill=_NO_FILL, stroke=_LINE, stroke_width=1)
        x0, x1 = table.bbox[0], table.bbox[2]
        for y in table.row_edges:
            im.draw_line(((x0, y), (x1, y)), stroke=_ROW_EDGE, stroke_width=1)
    for icon in page.icons:
        width = 3 if icon.kind == "picture" else 2
        im.draw_rect(
            _grow(icon.bbox, 2), fill=_NO_FILL, stroke=_rgba(icon.colour), stroke_width=width
        )
    out = out_dir / f"page-{page.number:03d}.png"
    im.save(out)
    return out


def write_pages(pdf_pages: Sequence[Any], pages: Sequence[Page], out_dir: Path) -> list[Path]:
    """One PNG per page into `out_dir` (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_page(pp, page, out_dir) for pp, page in zip(pdf_pages, pages, strict=True)]
