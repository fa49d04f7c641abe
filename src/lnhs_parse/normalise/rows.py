"""A goal table's body rows on one slide: each row's cells by column key, its sub-goal number and
title, and the status carriers of its status cell (icons; the cell's words and fill are read by
`normalise.statuses`).

Icons go to the row and column their centre falls in; an icon outside the status column or
outside the table's rows is reported (`unplaced-icon`) and left out, unless a step's word beside it
makes it a legend's entry. A cell merged over several rows belongs to its first row; the later rows
know where their sub-goal, goal and status cells started (`RowPart.sub_goal_from`, `goal_from`,
`status_rows`), which is how a sub-goal's merged cell spans its actions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lnhs_parse.layout import BBox, Cell, Icon, Line, Page
from lnhs_parse.normalise.columns import ColumnMap
from lnhs_parse.normalise.content import status_icons
from lnhs_parse.normalise.grid import Grid, cell_raw_text, numbered
from lnhs_parse.normalise.legend import status_word
from lnhs_parse.normalise.warn import warning
from lnhs_parse.records import Warning
from lnhs_parse.settings import SlideSettings
from lnhs_parse.utils.geometry import center_in, reading_rows

__all__ = ["RowPart", "read_rows", "unplaced_text"]

# Columns whose cells the row keeps by key (all but the ones read into the row's own fields).
_OWN_FIELDS = frozenset({"number", "sub_goal", "status"})


@dataclass(frozen=True)
class RowPart:
    """One body row of a goal table on one slide: a sub-goal (or the part of it on this slide), or
    an action."""

    page: int
    number: int | None  # the sub-goal's number (the number column's, or the title's first word)
    title_lines: tuple[Line, ...]
    title_bbox: BBox
    cells: dict[str, Cell]  # column key -> cell, for the columns other than number/sub_goal/status
    icons: tuple[Icon, ...]  # status icons in the row's status cell, in reading order
    bbox: BBox
    numeral: str | None = None  # the sub-goal's number as printed ("1.2", "A")
    row: int = 0  # the grid row
    # grid row where the row's sub-goal / goal cell starts (a merged cell starts above), None
    # without such a column
    sub_goal_from: int | None = None
    goal_from: int | None = None
    status_cell: Cell | None = None
    status_rows: int = 1  # rows the status cell spans (merged over a sub-goal's actions: > 1)
    status_from: int | None = None  # grid row where the status cell starts
    action_number: str | None = None  # the number column's text when it numbers actions
    # one cell spanning the whole row: a heading of the rows below it (a sub-goal, or a goal when
    # it reads as a goal heading), not an action
    heading: bool = False

    @property
    def own_sub_goal_cell(self) -> bool:
        """The row's sub-goal cell starts on this row (not merged from a row above)."""
        return self.sub_goal_from is None or self.sub_goal_from == self.row


def unplaced_text(page: int, line: Line, why: str) -> Warning:
    """An `unplaced-content` warning for a line left out (`why`: "lands in no cell of ...")."""
    text = line.text if len(line.text) <= 60 else line.text[:57] + "..."
    return warning(code="unplaced-content", message=f"page {page}: text {text!r} {why}", page=page)


def read_rows(
    page: Page,
    grid: Grid,
    columns: ColumnMap,
    first_body: int,
    warnings: list[Warning],
    settings: SlideSettings,
) -> list[RowPart]:
    """The grid's body rows from row `first_body` on (empty rows skipped); what is left out goes
    to `warnings`."""
    icons_by_row = _icons_by_row(page, grid, columns, first_body, warnings, settings)
    number_col = columns.col_of("number")
    sub_col = columns.col_of("sub_goal")
    goal_col = columns.col_of("goal")
    status_col = columns.col_of("status")
    subjects = columns.subjects
    # the number column numbers the subject column right of it: sub-goals, else actions
    numbers_actions = number_col is not None and (
        sub_col is None or (columns.col_of("action") or 99) < sub_col
    )
    rows: list[RowPart] = []
    for r in range(first_body, grid.n_rows):
        spanning = grid.cell_at(r, 0)
        if (
            grid.n_cols > 1
            and spanning is not None
            and spanning.row == r
            and spanning.colspan >= grid.n_cols
            and spanning.lines
        ):
            rows.append(_heading_row(page, grid, r, spanning))
            continue
        sub_cell = grid.cell_at(r, sub_col) if sub_col is not None else None
        own_sub = sub_cell is not None and sub_cell.row == r
        title_lines = list(sub_cell.lines) if own_sub and sub_cell else []
        title_lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
        number: int | None = None
        numeral: str | None = None
        action_number: str | None = None
        if number_col is not None and number_col != sub_col:
            ncell = grid.cell_at(r, number_col)
            hit = numbered(cell_raw_text(ncell).strip()) if ncell and ncell.row == r else None
            if hit and numbers_actions:
                action_number = hit[1]
            elif hit:
                number, numeral = hit[0], hit[1]
        if number is None and title_lines:
            first_text = title_lines[0].text
            head, _, tail = first_text.partition("\n")
            hit = numbered(head)
            if hit is not None:
                number, numeral, rest = hit
                remainder = "\n".join(t for t in (rest, tail) if t)
                if remainder:
                    title_lines[0] = replace(title_lines[0], text=remainder, first_word_width=None)
                else:
                    title_lines.pop(0)
        cells: dict[str, Cell] = {}
        for key, c in columns.columns.items():
            if columns.role(key) in _OWN_FIELDS:
                continue
            cell = grid.cell_at(r, c)
            if cell is not None and (cell.row == r or columns.role(key) == "goal"):
                cells[key] = cell
        status_cell = grid.cell_at(r, status_col) if status_col is not None else None
        icons = icons_by_row.get(r, [])
        goal_cell = cells.get(columns.keys_of("goal")[0]) if goal_col is not None else None
        has_text = bool(title_lines) or any(
            c.lines for k, c in cells.items() if columns.role(k) != "goal" or c.row == r
        ) or bool(status_cell is not None and status_cell.row == r and status_cell.lines)
        if number is None and not has_text and not icons and not _has_fill(status_cell, r):
            continue  # an empty row
        top, bottom = grid.row_edges[r], grid.row_edges[r + 1]
        row_box = (grid.col_edges[0], top, grid.col_edges[-1], bottom)
        if (
            number is None
            and not title_lines
            and "action" not in subjects
            and (sub_cell is None or own_sub)
            and not (goal_cell is not None and goal_cell.row == r)
        ):
            warnings.append(
                warning(
                    code="unplaced-content",
                    message=f"page {page.number}: table row {r + 1} has no sub-goal number or "
                    "title",
                    page=page.number,
                )
            )
        order = reading_rows([ic.bbox for ic in icons])
        rows.append(
            RowPart(
                page=page.number,
                number=number,
                title_lines=tuple(title_lines),
                title_bbox=sub_cell.bbox if sub_cell else row_box,
                cells=cells,
                icons=tuple(icons[i] for i in order),
                bbox=row_box,
                numeral=numeral,
                row=r,
                sub_goal_from=sub_cell.row if sub_cell is not None else None,
                goal_from=goal_cell.row if goal_cell is not None else None,
                status_cell=status_cell,
                status_rows=status_cell.rowspan if status_cell is not None else 1,
                status_from=status_cell.row if status_cell is not None else None,
                action_number=action_number,
            )
        )
    return rows


def _heading_row(page: Page, grid: Grid, r: int, cell: Cell) -> RowPart:
    """A row of one cell spanning the table: the heading of the rows below it ("1.2 Harrastukset"),
    its number read off its first line."""
    lines = sorted(cell.lines, key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    number: int | None = None
    numeral: str | None = None
    head, _, tail = lines[0].text.partition("\n")
    hit = numbered(head)
    if hit is not None and hit[2]:
        number, numeral = hit[0], hit[1]
        remainder = "\n".join(t for t in (hit[2], tail) if t)
        lines[0] = replace(lines[0], text=remainder, first_word_width=None)
    top, bottom = grid.row_edges[r], grid.row_edges[r + 1]
    return RowPart(
        page=page.number, number=number, title_lines=tuple(lines), title_bbox=cell.bbox,
        cells={}, icons=(), bbox=(grid.col_edges[0], top, grid.col_edges[-1], bottom),
        numeral=numeral, row=r, sub_goal_from=r, heading=True,
    )


def _has_fill(cell: Cell | None, row: int) -> bool:
    return cell is not None and cell.row == row and cell.fill is not None


def _labelled(icon: Icon, page: Page) -> bool:
    """An icon with a step's word just right of it on its line: a legend's entry (a legend under
    the table), not a status icon that missed its row."""
    cy = (icon.bbox[1] + icon.bbox[3]) / 2
    size = max(icon.bbox[2] - icon.bbox[0], icon.bbox[3] - icon.bbox[1])
    return any(
        ln.bbox[1] <= cy <= ln.bbox[3]
        and icon.bbox[2] - size / 2 <= ln.bbox[0] <= icon.bbox[2] + 2 * size
        and status_word(ln.text) is not None
        for ln in page.lines
    )


def _icons_by_row(
    page: Page,
    grid: Grid,
    columns: ColumnMap,
    first_body: int,
    warnings: list[Warning],
    settings: SlideSettings,
) -> dict[int, list[Icon]]:
    """The page's status icons by body row: each to the row and column its centre falls in (an
    icon in a status cell merged over several rows goes to the cell's first row)."""
    status_col = columns.col_of("status")
    icons_by_row: dict[int, list[Icon]] = {}
    tol = settings.cell_tolerance
    for icon in status_icons(page, settings):
        cx, cy = (icon.bbox[0] + icon.bbox[2]) / 2, (icon.bbox[1] + icon.bbox[3]) / 2
        sign = icon.colour or icon.glyph or "?"
        what = f"an icon ({icon.kind}, {sign}) at x={cx:.0f}, y={cy:.0f}"
        if not center_in(icon.bbox, grid.bbox, tol):
            # logos and decorations lie elsewhere; an icon under the status column is a status
            # icon that missed its row (a table cut short, a row the extractor did not find)
            x0, x1 = grid.col_extent(status_col) if status_col is not None else (0.0, -1.0)
            if x0 <= cx <= x1 and cy > grid.bbox[1] and not _labelled(icon, page):
                warnings.append(
                    warning(
                        code="unplaced-icon",
                        message=f"page {page.number}: {what} lies under the status column but "
                        "outside any row of the goal table; ignored",
                        page=page.number,
                    )
                )
            continue
        r, c = grid.row_of(cy, tol), grid.col_of(cx, tol)
        if r is not None and r >= first_body and c is not None and c == status_col:
            cell = grid.cell_at(r, c)
            first = cell.row if cell is not None and cell.row >= first_body else r
            icons_by_row.setdefault(first, []).append(icon)
            continue
        if r is None:
            where = "outside any row"
        elif r < first_body:
            where = "in the header row"
        else:
            where = "outside the status column"
        warnings.append(
            warning(
                code="unplaced-icon",
                message=f"page {page.number}: {what} lies {where} of the goal table; ignored",
                page=page.number,
            )
        )
    return icons_by_row
