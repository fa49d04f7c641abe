"""The intermediate layout model shared by both extractors.

An extractor turns a file into a `Document`: pages with text lines, tables of cells and icons, all
in points from the page's top-left corner. Nothing here knows what a goal, an actor or a status is;
the normaliser reads meaning into this geometry. Everything is a frozen dataclass so a parsed layout
can be cached, compared and handed between processes safely.

Conventions:
- ``BBox`` is ``(x0, top, x1, bottom)`` in points, top-left origin, as pdfplumber reports it. The
  PPTX extractor converts EMU to points once, on the way in.
- ``Line`` is one rendered line of text (PDF), or one paragraph (PPTX, where the source has
  paragraphs but no rendered lines; ``paragraph`` then numbers it and the normaliser never needs to
  infer paragraph breaks from geometry).
- Icons are collected page-wide, whether they sit in a table or not; the normaliser places them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from lnhs_parse.warning_codes import WarningCode

BBox = tuple[float, float, float, float]
IconKind = Literal["shape", "picture", "glyph"]
SourceFormat = Literal["pdf", "pptx"]
Engine = Literal["pdfium", "pdfplumber", "python-pptx"]
"""The library that read a file: pdfium or pdfplumber (PDF), python-pptx (PPTX)."""


def bbox_union(boxes: list[BBox] | tuple[BBox, ...]) -> BBox:
    """Smallest box holding all `boxes` (which must not be empty)."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text with its box.

    PDF: a rendered line; words on one baseline separated by gaps wider than a few spaces are split
    into separate lines, so text of neighbouring columns never merges into one line.
    PPTX: one paragraph (soft line breaks inside it kept as ``\\n`` in `text`).
    """

    text: str
    bbox: BBox
    size: float | None = None  # font size in points (largest on the line)
    bold: bool = False
    paragraph: int | None = None  # source paragraph index within its container, when known (PPTX)
    level: int = 0  # source indent level (PPTX paragraph level); PDF: 0, the normaliser uses x0
    bullet: str | None = None  # bullet drawn by formatting (PPTX buChar/buAutoNum), not in `text`
    colour: str | None = None  # "#RRGGBB" of the line's first non-space character, when known
    # PDF: a space is printed after the last word (the text wrapped at a space, as in "tärkeys- " /
    # "painopisteen" or "perhekeskus " / "alueilla"), so the next line joins with a space: never
    # hyphen-joined nor rejoined as a word broken by the width. `text` itself is stripped.
    space_after: bool = False
    # PDF with a structure tree: the paragraph-level structure element (P, H…, LI) the line's text
    # is tagged with, numbered per page. Lines with the same `block` are one paragraph as the author
    # typed it; None where the PDF is untagged or the tags don't cover the line (then the normaliser
    # reads paragraphs from the geometry).
    block: int | None = None
    # PDF: the printed width of the line's first word, from its first ink char to the last one
    # before the first space (points): the exact evidence for "the next line's first word would
    # have fitted at the end of this line". None where unknown (PPTX, rotated text).
    first_word_width: float | None = None
    # PDF: the line is set in a fixed-width face (code typed line by line, text aligned by hand)
    monospace: bool = False
    # PDF: the y (points from the page top) of a rule drawn just above the line, across it and
    # through no text (extract/pdf/rules.py): a line above the rule is in another paragraph.
    rule_above: float | None = None
    # True: every letter and digit on the line is set in a slanted face (italic, oblique); False:
    # none is; None: some are, or the line has none (as python-pptx's tri-state font.italic)
    italic: bool | None = None
    # PDF with a structure tree: the line cut where its text passes from one structure paragraph
    # to the next at a word boundary (two text boxes or cells set on one baseline, `1` and
    # `Summary` of a table of contents), each piece a line with its own `block`; () otherwise.
    # The tags' reading takes the pieces (`cut_by_tags`), the geometry's the whole line.
    pieces: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell, merged cells as one cell with spans."""

    row: int
    col: int
    bbox: BBox
    lines: tuple[Line, ...] = ()
    rowspan: int = 1
    colspan: int = 1
    fill: str | None = None  # "#RRGGBB" background, when the cell has one

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Table:
    """A grid of cells found on a page.

    `found_by` says how: "native" (a PPTX table object), "lines" (PDF ruling lines), "fills" (PDF
    cell backgrounds). A PDF table drawn with neither is not a `Table`: its text stays in
    `Page.lines` and the normaliser rebuilds the grid from the header row's text positions.
    """

    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    found_by: Literal["native", "lines", "fills"] = "native"
    col_edges: tuple[float, ...] = ()  # n_cols + 1 x positions, left to right
    row_edges: tuple[float, ...] = ()  # n_rows + 1 y positions, top to bottom

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), merged cells included."""
        for cell in self.cells:
            rows = cell.row <= row < cell.row + cell.rowspan
            if rows and cell.col <= col < cell.col + cell.colspan:
                return cell
        return None


@dataclass(frozen=True, slots=True)
class Icon:
    """A small graphic that may be a status icon: a filled shape, a picture or a coloured glyph.

    `colour` is the icon's signature colour: the fill of a shape, the colour of a glyph, the
    dominant non-background colour of a picture. `digest` identifies a picture's content (sha1 of
    its pixels or bytes), so identical pictures match even when their colours are close.
    """

    kind: IconKind
    bbox: BBox
    colour: str | None = None
    glyph: str | None = None
    digest: str | None = None


@dataclass(frozen=True, slots=True)
class LayoutWarning:
    """A non-fatal oddity met while extracting (passed through to the plan's `warnings`)."""

    code: WarningCode
    message: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One PDF page or one shown PPTX slide."""

    number: int  # 1-based page (PDF) or slide (PPTX) number
    width: float
    height: float
    lines: tuple[Line, ...] = ()  # text outside any `Table`, in reading order (top to bottom)
    tables: tuple[Table, ...] = ()
    icons: tuple[Icon, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """What an extractor returns."""

    path: str
    format: SourceFormat
    sha256: str
    page_count: int  # pages (PDF) or slides (PPTX) in the file, hidden slides included
    pages: tuple[Page, ...] = ()
    warnings: tuple[LayoutWarning, ...] = field(default=())
    # the engine that read the file (a PDF whose pages pdfium read, some by the reference engine
    # with a `pdf-engine-fallback` warning each, is pdfium's); None where no extractor says
    engine: Engine | None = None


def all_lines(page: Page) -> list[Line]:
    """A page's lines: those outside tables, then every table cell's."""
    return [*page.lines, *(ln for t in page.tables for c in t.cells for ln in c.lines)]


def untagged(document: Document) -> Document:
    """`document` with every line's structure paragraph (`Line.block`) and its pieces
    (`Line.pieces`) dropped: what the geometry alone reads (`lnhs-parse layout --tags off`); the
    document itself when no line has either (a PPTX, an untagged PDF)."""
    if not any(ln.block is not None or ln.pieces
               for page in document.pages for ln in all_lines(page)):
        return document
    return _map_lines(document, lambda ln: (replace(ln, block=None, pieces=()),))


def cut_by_tags(document: Document) -> Document:
    """`document` with every line that holds text of two structure paragraphs replaced by its
    pieces (`Line.pieces`): what the tags say, read wherever they say it; the document itself
    when no line has pieces."""
    if not any(ln.pieces for page in document.pages for ln in all_lines(page)):
        return document
    return _map_lines(document, lambda ln: ln.pieces or (ln,))


def _map_lines(document: Document, fn: Callable[[Line], tuple[Line, ...]]) -> Document:
    """`document` with each line of every page and every table cell replaced by `fn`'s lines."""

    def lines(old: tuple[Line, ...]) -> tuple[Line, ...]:
        return tuple(new for ln in old for new in fn(ln))

    pages = tuple(
        replace(page, lines=lines(page.lines), tables=tuple(
            replace(t, cells=tuple(replace(c, lines=lines(c.lines)) for c in t.cells))
            for t in page.tables))
        for page in document.pages
    )
    return replace(document, pages=pages)
