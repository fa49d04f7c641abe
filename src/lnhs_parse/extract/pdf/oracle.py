"""What a tagged PDF's structure tree states, read straight from the tree and the characters'
marked-content ids: its paragraphs (text boxes, list items and table cells alike) and its tables
(rows of cells), page by page. The oracle the geometry's reading is measured against
(bench/tags_oracle.py, tests/test_real_decks.py, docs/real-decks.md).

It reads the tree on its own (`structure.document_tree`) and the characters through the reference
engine (pdfplumber, marked-content sequences nested as `plumber` reads them), independently of the
lines, paragraphs and tables the extractor builds. A paragraph is the nearest paragraph-level
element above the marked content (`tags.PARAGRAPH_TAGS`; a list item ``LI`` with its label and the
first paragraph of its body), or a table cell (``TD``, ``TH``) or any other element holding
marked content directly with no paragraph element around it (PowerPoint 2010 tags a title as a
``Sect`` holding its text). Its text is its characters in content order, symbol-font characters
translated as everywhere (`lnhs_parse.extract.symbols`), whitespace collapsed.

Where the tree can't serve as an oracle it says so instead of stating paragraphs:

- ``untagged``: ink characters of the page's content that no structure element holds (outside
  ``/Artifact`` sequences, which are page furniture by design): the tree leaves text out, so the
  page's paragraphs are not all stated;
- ``out_of_order``: a paragraph whose characters do not follow one another down the page (a line
  above the one before it, or beside it, or far below it), or that shares a printed line with
  another paragraph or with an artifact's text (``MARKETVIEW`` typed as page furniture before
  the tagged ``FLORIDA INDUSTRIAL``, one word space apart): the tags leave the reading order, and
  no reading of the page can give that paragraph;
- ``loose``: text an element other than a paragraph-level one holds directly (a ``Sect``, a
  ``TD``, a ``Figure``), over more than one printed line: the tree doesn't say where its
  paragraphs break (PowerPoint 2010 tags a text box of three items, `Similar to immutable array of
  bytes` / `Partial inspection` / `No partial modification`, as one ``Sect``; PDFMaker a table
  drawn as a picture as one ``Figure``). The parser's own reading of the tags gives such text no
  paragraph either (`tags.paragraph_blocks`). On one printed line (a title PowerPoint 2010 tags as
  a ``Sect``, a one-line cell) it is a paragraph;
- ``cut``: two paragraphs that are one sentence cut at a line's end: the first ends with a space
  printed after its last word and no sentence or clause end (``.``, ``!``, ``?``, ``:``, ``;``), and
  the second starts with a lower-case letter; or the first ends with a hyphen or an en dash set
  right after a letter or digit (a word or a range broken at the line's end: ``1999–`` /
  ``2001)``), and the second starts with a letter or digit. The second stands, in the same table
  cell or outside tables alike, on the printed line right below (at most `MAX_LINE_STEP` font
  sizes down, overlapping it horizontally), set in the same font size (within `SAME_SIZE`),
  neither of them in a fixed-width face (code is typed line by line):
  ``Assess and compare colon cancer initial surgical & `` / ``adjuvant treatment patterns…``.
  The tags then mark printed lines, or line breaks typed for the layout, as paragraphs: a reader
  sees one sentence, and neither half is a paragraph to read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from lnhs_parse.extract import symbols
from lnhs_parse.extract.pdf.lines import LIGATURES, is_monospace
from lnhs_parse.extract.pdf.objects import PdfObject
from lnhs_parse.extract.pdf.structure import Element, document_tree, has_structure, page_roots
from lnhs_parse.extract.pdf.tags import LIST_ITEM_TAG, PARAGRAPH_TAGS
from lnhs_parse.utils.strings import collapse_ws

__all__ = ["TreeCell", "TreePage", "TreeParagraph", "TreeTable", "read_oracle"]

CELL_TAGS = frozenset({"TD", "TH"})
ROW_TAG = "TR"
TABLE_TAG = "Table"
# A paragraph's next printed line lies at most this many font sizes below the one before it.
MAX_LINE_STEP = 3.0
BASELINE_TOLERANCE = 0.25  # x the font size: chars on baselines this close are on one line
SAME_SIZE = 0.15  # font sizes at most this share apart are one type (a sentence keeps its type)


@dataclass(slots=True)
class TreeParagraph:
    """One paragraph the tree states: its text, and its table cell when it is in one."""

    text: str
    table: int | None = None  # index of its table on the page
    row: int | None = None
    col: int | None = None
    usable: bool = True  # False: the tags leave the reading order here (see the module doc)
    cut: bool = False  # True: the tags cut a sentence at a line's end here (see the module doc)
    # True: text a non-paragraph element holds directly, over several printed lines: the tree
    # doesn't say where its paragraphs break (see the module doc)
    loose: bool = False


@dataclass(slots=True)
class TreeCell:
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(slots=True)
class TreeTable:
    n_rows: int
    cells: list[TreeCell]


@dataclass(slots=True)
class TreePage:
    number: int
    paragraphs: list[TreeParagraph]
    tables: list[TreeTable]
    tagged_chars: int  # ink chars held by the tree
    untagged_chars: int  # ink chars of content that no element holds (artifacts not counted)
    untagged_lines: list[str] = field(default_factory=list)  # their text, line by line


def read_oracle(path: str | Path, pages: tuple[int, int] | None = None) -> list[TreePage] | None:
    """The tree's pages (within `pages`, first and last 1-based), or None for an untagged PDF.
    Raises what pdfplumber or pdfminer raise on a file they can't read."""
    import pdfplumber

    from lnhs_parse.extract.pdf.plumber import _read_counted

    with pdfplumber.open(Path(path)) as pdf:
        if not has_structure(pdf):
            return None
        tree = document_tree(pdf)
        out: list[TreePage] = []
        for page in pdf.pages:
            number = page.page_number
            if pages is not None and not pages[0] <= number <= pages[1]:
                continue
            _read_counted(page, 1 << 62)  # marked content read as the reference engine reads it
            chars = [dict(c) for c in page.objects.get("char", [])]
            symbols.translate_pdf_chars(chars)
            out.append(_page(number, page_roots(tree, number), chars))
            page.close()
        return out


def _page(number: int, roots: list[Element], chars: list[PdfObject]) -> TreePage:
    by_mcid: dict[int, list[PdfObject]] = {}
    untagged: list[PdfObject] = []
    furniture: list[PdfObject] = []  # ink chars of artifacts
    for c in chars:
        mcid = c.get("mcid")
        if not c["text"].strip():
            by_mcid.setdefault(mcid if isinstance(mcid, int) else -1, []).append(c)
            if not isinstance(mcid, int) and c.get("tag") == "Artifact":
                furniture.append(c)
            continue
        if isinstance(mcid, int):
            by_mcid.setdefault(mcid, []).append(c)
        elif c.get("tag") != "Artifact":
            untagged.append(c)
        else:
            furniture.append(c)
    walk = _Walk(number)
    walk.run(roots)
    held = {m for mcids in walk.paragraph_mcids for m in mcids}
    # ink chars whose marked content no element holds are untagged too
    for mcid, cs in by_mcid.items():
        if mcid not in held and mcid >= 0:
            untagged.extend(c for c in cs if c["text"].strip())
    order = {id(c): i for i, c in enumerate(chars)}
    paragraphs: list[TreeParagraph] = []
    para_chars: list[list[PdfObject]] = []
    spaced_end: list[bool] = []  # a space printed after the paragraph's last word
    for k, ((table, row, col), mcids) in enumerate(
        zip(walk.contexts, walk.paragraph_mcids, strict=True)
    ):
        mine = sorted((c for m in dict.fromkeys(mcids) for c in by_mcid.get(m, [])),
                      key=lambda c: order[id(c)])
        text = _text(mine)
        if not text:
            continue
        ink = [c for c in mine if c["text"].strip()]
        loose = k in walk.held and len(_line_chars(ink)) > 1
        paragraphs.append(TreeParagraph(text=text, table=table, row=row, col=col, loose=loose))
        para_chars.append(ink)
        spaced_end.append(not mine[-1]["text"].strip())
    _mark_out_of_order(paragraphs, para_chars, furniture)
    _mark_cut(paragraphs, para_chars, spaced_end)
    tables = walk.tables(paragraphs)
    tagged = sum(len(cs) for cs in para_chars)
    untagged.sort(key=lambda c: order[id(c)])
    untagged_lines = [_text(line) for line in _line_chars(untagged)]
    return TreePage(number, paragraphs, tables, tagged, len(untagged), untagged_lines)


def _text(chars: list[PdfObject]) -> str:
    return collapse_ws("".join(c["text"] for c in chars).translate(LIGATURES))


class _Walk:
    """The paragraphs of a page's tree in tree order, each with its marked-content ids and its
    table cell."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.paragraph_mcids: list[list[int]] = []
        self.held: set[int] = set()  # paragraphs of text a non-paragraph element holds directly
        self.contexts: list[tuple[int | None, int | None, int | None]] = []
        self.n_tables = 0
        # per table: rows of (col, rowspan, colspan, paragraph indexes)
        self.cells: list[list[list[tuple[int, int, int, list[int]]]]] = []

    def run(self, roots: list[Element]) -> None:
        for el in roots:
            self._visit(el, None, None, None)

    def _new(self, cell: tuple[int, int, int] | None) -> int:
        self.paragraph_mcids.append([])
        self.contexts.append(cell if cell is not None else (None, None, None))
        if cell is not None:
            self.cells[cell[0]][cell[1]][-1][3].append(len(self.paragraph_mcids) - 1)
        return len(self.paragraph_mcids) - 1

    def _visit(
        self,
        el: Element,
        para: int | None,
        item: list[int] | None,
        cell: tuple[int, int, int] | None,
    ) -> None:
        if not el.on_page(self.page):
            return
        kind = el.type
        if kind == TABLE_TAG:
            self.cells.append([])
            cell = None
            table_index = len(self.cells) - 1
            for child in self._rows(el):
                self.cells[table_index].append([])
                row_index = len(self.cells[table_index]) - 1
                for c in child.children if child.type == ROW_TAG else [child]:
                    if c.type not in CELL_TAGS and not c.on_page(self.page):
                        continue
                    if c.type in CELL_TAGS:  # an empty cell holds no content, but is a cell
                        row = self.cells[table_index][row_index]
                        row.append((len(row), c.attributes.get("RowSpan", 1),
                                    c.attributes.get("ColSpan", 1), []))
                        self._visit(c, None, None, (table_index, row_index, len(row) - 1))
                    else:
                        self._visit(c, para, item, None)
            return
        if kind == LIST_ITEM_TAG:
            para = self._new(cell)
            item = [para]
        elif kind in PARAGRAPH_TAGS:
            para = item.pop() if item else self._new(cell)
            item = None
        elif para is None and el.mcids.get(self.page):
            para = self._new(cell)  # text held directly by a cell or a container
            self.held.add(para)
        if para is not None:
            self.paragraph_mcids[para].extend(el.mcids.get(self.page, ()))
        for child in el.children:
            self._visit(child, para, item, cell)

    def _rows(self, table: Element) -> Iterator[Element]:
        """A table's rows on the page, through its THead, TBody and TFoot groups (a row of empty
        cells holds no content: it is the table's, on its page, when the table has no other)."""
        for child in table.children:
            if child.type in ("THead", "TBody", "TFoot"):
                yield from self._rows(child)
            elif child.on_page(self.page) or (child.type == ROW_TAG and not child.pages):
                yield child

    def tables(self, paragraphs: list[TreeParagraph]) -> list[TreeTable]:
        """The page's tables, their cells' paragraphs as read (empty cells kept)."""
        out: list[TreeTable] = []
        texts: dict[tuple[int, int, int], list[str]] = {}
        for p in paragraphs:
            if p.table is not None and p.row is not None and p.col is not None:
                texts.setdefault((p.table, p.row, p.col), []).append(p.text)
        for t, rows in enumerate(self.cells):
            cells: list[TreeCell] = []
            occupied: set[tuple[int, int]] = set()
            for r, row in enumerate(rows):
                col = 0
                for k, (_, rowspan, colspan, _paras) in enumerate(row):
                    while (r, col) in occupied:
                        col += 1
                    cells.append(TreeCell(r, col, rowspan, colspan, texts.get((t, r, k), [])))
                    for dr in range(rowspan):
                        for dc in range(colspan):
                            occupied.add((r + dr, col + dc))
                    col += colspan
            out.append(TreeTable(n_rows=len(rows), cells=cells))
        return out


def _line_chars(chars: list[PdfObject]) -> list[list[PdfObject]]:
    """Chars in content order cut into printed lines where the baseline changes."""
    out: list[list[PdfObject]] = []
    base: float | None = None
    for c in chars:
        size = c.get("size") or 1.0
        y = c["matrix"][5] if c.get("matrix") else c["bottom"]
        if out and base is not None and abs(y - base) <= BASELINE_TOLERANCE * size:
            out[-1].append(c)
            continue
        base = y
        out.append([c])
    return out


def _lines(chars: list[PdfObject]) -> list[tuple[float, float, float, float, float]]:
    """Chars in content order as printed lines, (x0, top, x1, bottom, size): the box and size of
    a line's ink, its x extent taking in the spaces printed on it (a paragraph's chars are ink
    alone; an artifact's keep their spaces). A line of spaces alone is no line."""
    out = []
    for line in _line_chars(chars):
        ink = [c for c in line if c["text"].strip()]
        if ink:
            out.append((min(c["x0"] for c in line), min(c["top"] for c in ink),
                        max(c["x1"] for c in line), max(c["bottom"] for c in ink),
                        max(c.get("size") or 1.0 for c in ink)))
    return out


def _mark_out_of_order(
    paragraphs: list[TreeParagraph], chars: list[list[PdfObject]], furniture: list[PdfObject]
) -> None:
    """Mark the paragraphs whose tags leave the reading order (see the module doc): `chars` are
    their ink chars, `furniture` the page's artifact text with its printed spaces, which no
    paragraph may share a printed line with either. An artifact's line takes in the spaces
    printed on it: its text runs on into a paragraph's a typed space apart (every paragraph
    PowerPoint tags ends in a printed space, so a paragraph's own spaces say nothing)."""
    lines = [_lines(cs) for cs in chars]
    for para, own in zip(paragraphs, lines, strict=True):
        for a, b in pairwise(own):
            step = b[1] - a[1]
            overlap = min(a[2], b[2]) - max(a[0], b[0])
            if step <= 0 or step > MAX_LINE_STEP * max(a[4], b[4]) or overlap <= 0:
                para.usable = False
                break
    # two paragraphs, or a paragraph and furniture (index -1), sharing one printed line
    # (overlapping vertically and horizontally close)
    spans = [(i, ln) for i, own in enumerate(lines) for ln in own]
    spans += [(-1, ln) for ln in _lines(furniture)]
    spans.sort(key=lambda s: s[1][1])
    for k, (i, a) in enumerate(spans):
        for j, b in spans[k + 1 :]:
            if b[1] > a[3]:
                break
            if i == j:
                continue
            height = min(a[3] - a[1], b[3] - b[1])
            v = min(a[3], b[3]) - max(a[1], b[1])
            gap = max(a[0], b[0]) - min(a[2], b[2])
            if v > 0.5 * height and gap < 0.5 * max(a[4], b[4]):
                for n in (i, j):
                    if n >= 0:
                        paragraphs[n].usable = False


CLAUSE_ENDS = frozenset(".!?:;")
WORD_DASHES = frozenset("-\u2010\u2011\u2013")  # hyphens and the en dash of a range ("1999–2001")


def broken_after_dash(text: str) -> bool:
    """Whether `text` ends with a hyphen or an en dash set right after a letter or digit: a word or
    a range broken at a line's end ("1999–" / "2001)")."""
    return len(text) >= 2 and text[-1] in WORD_DASHES and text[-2].isalnum()


def reads_on(first: str, spaced: bool, second: str) -> bool:
    """Whether the paragraph text `first` (a space printed after it when `spaced`) and the text
    `second` read as one sentence going on past a line's end: the text side of ``cut`` (see the
    module doc; where they stand is checked apart)."""
    if spaced:
        return first[-1:] not in CLAUSE_ENDS and second[:1].islower()
    return broken_after_dash(first) and second[:1].isalnum()


def _mark_cut(
    paragraphs: list[TreeParagraph], chars: list[list[PdfObject]], spaced_end: list[bool]
) -> None:
    """Mark the pairs of consecutive paragraphs that are one sentence cut at a line's end (see the
    module doc): `spaced_end` says which paragraphs end with a printed space."""
    lines = [_lines(cs) for cs in chars]
    for k in range(len(paragraphs) - 1):
        a, b = paragraphs[k], paragraphs[k + 1]
        if not (lines[k] and lines[k + 1] and reads_on(a.text, spaced_end[k], b.text)):
            continue
        if (a.table, a.row, a.col) != (b.table, b.row, b.col):
            continue
        if any(is_monospace(str(c.get("fontname", ""))) for c in (*chars[k], *chars[k + 1])):
            continue
        last, first = lines[k][-1], lines[k + 1][0]
        step = first[1] - last[1]
        overlap = min(last[2], first[2]) - max(last[0], first[0])
        same_type = abs(last[4] - first[4]) <= SAME_SIZE * max(last[4], first[4])
        if 0 < step <= MAX_LINE_STEP * max(last[4], first[4]) and overlap > 0 and same_type:
            a.cut = b.cut = True
