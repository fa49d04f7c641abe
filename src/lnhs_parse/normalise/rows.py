"""A goal table's body rows on one slide: each row's sub-goal number and title lines, its text cells
by role, and the status icons in its progress cell.

Icons go to the row and column their centre falls in; an icon outside the progress column or
outside the table's rows, and text in a progress cell, are reported (`unplaced-icon`,
`unplaced-content`) and left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lnhs_parse.layout import BBox, Cell, Icon, Line, Page
from lnhs_parse.model import Warning
from lnhs_parse.normalise.columns import TEXT_ROLES, ColumnMap
from lnhs_parse.normalise.content import is_glyph_text, status_icons
from lnhs_parse.normalise.grid import Grid, cell_raw_text, sub_goal_number
from lnhs_parse.normalise.warn import warning
from lnhs_parse.settings import SlideSettings
from lnhs_parse.utils.geometry import center_in, reading_rows

__all__ = ["RowPart", "read_rows", "unplaced_text"]


@dataclass(frozen=True)
class RowPart:
    """One body row of a goal table on one slide: a sub-goal, or the part of it on this slide."""

    page: int
    number: int | None
    title_lines: tuple[Line, ...]
    title_bbox: BBox
    cells: dict[str, Cell]  # role -> cell, for the text roles present
    icons: tuple[Icon, ...]  # status icons in the row's progress cell, in reading order
    bbox: BBox


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
    """The grid's body rows from row `first_body` on (empty rows skipped, a merged cell read on its
    first row); what is left out goes to `warnings`."""
    icons_by_row = _icons_by_row(page, grid, columns, first_body, warnings, settings)
    number_col = columns.columns.get("number")
    sub_col = columns.columns.get("sub_goal", 0)
    progress_col = columns.columns.get("progress")
    rows: list[RowPart] = []
    for r in range(first_body, grid.n_rows):
        sub_cell = grid.cell_at(r, sub_col)
        if sub_cell is not None and sub_cell.row != r:
            continue  # a merged cell already read on its first row
        title_lines = list(sub_cell.lines) if sub_cell else []
        title_lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
        number: int | None = None
        if number_col is not None and number_col != sub_col:
            hit = sub_goal_number(cell_raw_text(grid.cell_at(r, number_col)).strip())
            number = hit[0] if hit else None
        if number is None and title_lines:
            first_text = title_lines[0].text
            head, _, tail = first_text.partition("\n")
            hit = sub_goal_number(head)
            if hit is not None:
                number, rest = hit
                remainder = "\n".join(t for t in (rest, tail) if t)
                if remainder:
                    title_lines[0] = replace(title_lines[0], text=remainder, first_word_width=None)
                else:
                    title_lines.pop(0)
        cells: dict[str, Cell] = {}
        for role in TEXT_ROLES:
            c = columns.columns.get(role)
            cell = grid.cell_at(r, c) if c is not None else None
            if cell is not None:
                cells[role] = cell
        if progress_col is not None:
            pcell = grid.cell_at(r, progress_col)
            if pcell is not None:
                for ln in pcell.lines:
                    if ln.text.strip() and not is_glyph_text(ln.text):
                        why = "in a progress cell is no status icon; ignored"
                        warnings.append(unplaced_text(page.number, ln, why))
        icons = icons_by_row.get(r, [])
        has_text = bool(title_lines) or any(c.lines for c in cells.values())
        if number is None and not has_text and not icons:
            continue  # an empty row
        top, bottom = grid.row_edges[r], grid.row_edges[r + 1]
        row_box = (grid.col_edges[0], top, grid.col_edges[-1], bottom)
        if number is None and not title_lines:
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
            )
        )
    return rows


def _icons_by_row(
    page: Page,
    grid: Grid,
    columns: ColumnMap,
    first_body: int,
    warnings: list[Warning],
    settings: SlideSettings,
) -> dict[int, list[Icon]]:
    """The page's status icons by body row: each to the row and column its centre falls in."""
    progress_col = columns.columns.get("progress")
    icons_by_row: dict[int, list[Icon]] = {}
    tol = settings.cell_tolerance
    for icon in status_icons(page, settings):
        cx, cy = (icon.bbox[0] + icon.bbox[2]) / 2, (icon.bbox[1] + icon.bbox[3]) / 2
        sign = icon.colour or icon.glyph or "?"
        what = f"an icon ({icon.kind}, {sign}) at x={cx:.0f}, y={cy:.0f}"
        if not center_in(icon.bbox, grid.bbox, tol):
            # logos and decorations lie elsewhere; an icon under the progress column is a status
            # icon that missed its row (a table cut short, a row the extractor did not find)
            x0, x1 = grid.col_extent(progress_col) if progress_col is not None else (0.0, -1.0)
            if x0 <= cx <= x1 and cy > grid.bbox[1]:
                warnings.append(
                    warning(
                        code="unplaced-icon",
                        message=f"page {page.number}: {what} lies under the progress column but "
                        "outside any row of the goal table; ignored",
                        page=page.number,
                    )
                )
            continue
        r, c = grid.row_of(cy, tol), grid.col_of(cx, tol)
        if r is not None and r >= first_body and c is not None and c == progress_col:
            icons_by_row.setdefault(r, []).append(icon)
            continue
        if r is None:
            where = "outside any row"
        elif r < first_body:
            where = "in the header row"
        else:
            where = "outside the progress column"
        warnings.append(
            warning(
                code="unplaced-icon",
                message=f"page {page.number}: {what} lies {where} of the goal table; ignored",
                page=page.number,
            )
        )
    return icons_by_row
