"""A goal table's cells on one slide as a `Grid`, however they were found.

`grid_from_table` takes a `layout.Table` as the extractor found it (native, ruling lines, cell
fills); when the extractor found none (a PDF table drawn without lines or fills), `grid_from_lines`
rebuilds the grid from the text positions: columns from white gaps, rows from the sub-goal numbers
in the first column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from lnhs_parse.layout import BBox, Cell, Icon, Line, Table
from lnhs_parse.normalise.content import DEFAULT_SLIDE_SETTINGS
from lnhs_parse.settings import SlideSettings

__all__ = [
    "Grid",
    "cell_raw_text",
    "grid_from_lines",
    "grid_from_table",
    "numbered",
    "sub_goal_number",
]

_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?(?:\s+(.*))?$", re.DOTALL)
# "1.2", "1.2.", "3)" (decimal numbering), or a letter with its "." or ")" ("A.", "b)")
_DECIMAL = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]?(?:\s+(.*))?$", re.DOTALL)
_LETTER = re.compile(r"^\s*([A-Za-z])\s*[.)](?:\s+(.*))?$", re.DOTALL)


@dataclass(frozen=True)
class Grid:
    """A table's cells on one page, however it was found: "native", "lines", "fills" (a
    `layout.Table`), or "text" (rebuilt from text positions by `grid_from_lines`)."""

    bbox: BBox
    col_edges: tuple[float, ...]
    row_edges: tuple[float, ...]
    cells: tuple[Cell, ...]
    found_by: str
    # "text" grids: the x range each column's content (text and icons) covers; its boundaries lie
    # halfway to the next column's content, so a column may reach far into an empty neighbour's
    # space
    col_content: tuple[tuple[float, float], ...] = ()

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def cell_at(self, row: int, col: int) -> Cell | None:
        for cell in self.cells:
            if (
                cell.row <= row < cell.row + cell.rowspan
                and cell.col <= col < cell.col + cell.colspan
            ):
                return cell
        return None

    def col_extent(self, col: int) -> tuple[float, float]:
        return self.col_edges[col], self.col_edges[col + 1]

    def row_of(self, y: float, tolerance: float = 0.0) -> int | None:
        for r in range(self.n_rows):
            if self.row_edges[r] - tolerance <= y < self.row_edges[r + 1] + tolerance:
                return r
        return None

    def col_of(self, x: float, tolerance: float = 0.0) -> int | None:
        for c in range(self.n_cols):
            if self.col_edges[c] - tolerance <= x < self.col_edges[c + 1] + tolerance:
                return c
        return None


def cell_raw_text(cell: Cell | None) -> str:
    """A cell's lines as printed, one per line ("" for no cell)."""
    return "\n".join(ln.text for ln in cell.lines) if cell else ""


def numbered(text: str) -> tuple[int, str, str] | None:
    """(number, numeral as printed, rest of the text) when `text` starts with a row's number:
    "3", "3.", "3)", "1.2" (the number is its last part: 2), "A." or "b)" (the letter's place in
    the alphabet); the numeral without its trailing "." or ")"."""
    m = _DECIMAL.match(text)
    if m:
        numeral = m.group(1)
        return int(numeral.rsplit(".", 1)[-1]), numeral, (m.group(2) or "").strip()
    m = _LETTER.match(text)
    if m:
        letter = m.group(1)
        return ord(letter.upper()) - ord("A") + 1, letter, (m.group(2) or "").strip()
    return None


def sub_goal_number(text: str) -> tuple[int, str] | None:
    """(3, "rest of the line") when `text` starts with a sub-goal number ("3", "3.", "3)")."""
    m = _NUMBER.match(text)
    if not m:
        return None
    return int(m.group(1)), (m.group(2) or "").strip()


# --------------------------------------------------------------------------------------------------
# A table the extractor found


def grid_from_table(table: Table) -> Grid:
    """A `layout.Table` as a `Grid` (edges taken from the table, or from its cells)."""
    col_edges = tuple(table.col_edges)
    if len(col_edges) != table.n_cols + 1:
        xs = [
            min((c.bbox[0] for c in table.cells if c.col == k), default=None)
            for k in range(table.n_cols)
        ]
        right = max(c.bbox[2] for c in table.cells)
        col_edges = (*_fill_gaps(xs, table.bbox[0]), right)
    row_edges = tuple(table.row_edges)
    if len(row_edges) != table.n_rows + 1:
        ys = [
            min((c.bbox[1] for c in table.cells if c.row == k), default=None)
            for k in range(table.n_rows)
        ]
        bottom = max(c.bbox[3] for c in table.cells)
        row_edges = (*_fill_gaps(ys, table.bbox[1]), bottom)
    return Grid(table.bbox, col_edges, row_edges, tuple(table.cells), table.found_by)


def _fill_gaps(values: list[float | None], first: float) -> list[float]:
    out: list[float] = []
    for v in values:
        out.append(v if v is not None else (out[-1] if out else first))
    return out


# --------------------------------------------------------------------------------------------------
# A table rebuilt from its text


@dataclass(frozen=True)
class _Column:
    x0: float
    x1: float
    lines: tuple[Line, ...]


def _text_columns(lines: list[Line], icons: list[Icon], gap: float) -> list[_Column]:
    """Text columns: maximal x ranges covered by lines (and status icons, the progress column's
    content), split where a white gap of `gap` runs from the top of the region to its bottom."""
    items: list[Line | Icon] = [*lines, *icons]
    columns: list[list[Line | Icon]] = []
    right = 0.0
    for item in sorted(items, key=lambda item: item.bbox[0]):
        if not columns or item.bbox[0] > right + gap:
            columns.append([item])
            right = item.bbox[2]
        else:
            columns[-1].append(item)
            right = max(right, item.bbox[2])
    return [
        _Column(
            min(it.bbox[0] for it in col),
            max(it.bbox[2] for it in col),
            tuple(it for it in col if isinstance(it, Line)),
        )
        for col in columns
    ]


def grid_from_lines(
    lines: list[Line],
    icons: list[Icon] | tuple[Icon, ...] = (),
    settings: SlideSettings = DEFAULT_SLIDE_SETTINGS,
) -> tuple[Grid | None, list[Line]]:
    """Rebuild a goal table drawn without lines or fills from its text.

    Columns are the x ranges the text covers, separated by white gaps (boundaries halfway between
    neighbouring columns' extents); rows start at the sub-goal numbers in the first column (a
    sub-goal row runs from its number's top to the next number's top); text above the first number
    is the header row. Returns the grid (None when no sub-goal number was found) and the lines
    that landed in no cell.
    """
    if not lines:
        return None, []
    columns = _text_columns(lines, list(icons), settings.column_gap)
    first = columns[0]
    numbers = sorted(
        (
            ln
            for ln in first.lines
            if numbered(ln.text) is not None and ln.bbox[0] <= first.x0 + 3
        ),
        key=lambda ln: ln.bbox[1],
    )
    if not numbers:
        return None, list(lines)
    pad = settings.grid_pad
    body_top = numbers[0].bbox[1] - pad
    above = [ln for ln in lines if ln.bbox[1] < body_top]
    row_edges = [body_top] + [ln.bbox[1] - pad for ln in numbers[1:]]
    if above:
        row_edges.insert(0, min(ln.bbox[1] for ln in above) - pad)
    bottom = max(item.bbox[3] for item in (*lines, *icons)) + pad
    row_edges.append(bottom)
    # drop duplicate edges (a number line and the next on the same y would make an empty row)
    row_edges = [y for i, y in enumerate(row_edges) if i == 0 or y > row_edges[i - 1] + 0.5]
    col_edges = [first.x0 - pad]
    for a, b in pairwise(columns):
        col_edges.append((a.x1 + b.x0) / 2)
    col_edges.append(columns[-1].x1 + pad)

    cells: list[Cell] = []
    placed: set[int] = set()
    for c, col in enumerate(columns):
        for r in range(len(row_edges) - 1):
            top, bot = row_edges[r], row_edges[r + 1]
            members = [ln for ln in col.lines if top <= ln.bbox[1] < bot]
            placed.update(id(ln) for ln in members)
            members.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
            box = (col_edges[c], top, col_edges[c + 1], bot)
            cells.append(Cell(row=r, col=c, bbox=box, lines=tuple(members)))
    unplaced = [ln for ln in lines if id(ln) not in placed]
    bbox = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
    content = tuple((col.x0, col.x1) for col in columns)
    return Grid(bbox, tuple(col_edges), tuple(row_edges), tuple(cells), "text", content), unplaced
