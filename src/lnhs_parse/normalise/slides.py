"""Goal-table slides read into rows, and goal tables joined over slides.

A deck is read slide by slide (the rules: docs/parsing-rules.md, "Sub-goal titles and numbers";
the slide roles: `normalise.roles`):

- `read_goal_slide` reads a goal-table slide: the `PÄÄTAVOITE I:` line, the goal's title (on that
  line or below it, possibly wrapped) and the table as a `Grid` (`normalise.grid`): a
  `layout.Table` as the extractor found it or, when the extractor found none (a PDF table drawn
  without lines or fills), a grid rebuilt from the text positions; its columns mapped by the header
  row or taken from an earlier slide (`normalise.columns`) and its body rows read
  (`normalise.rows`);
- `join_goal_slides` joins a goal's slides into one `GoalTable` and `group_rows` joins a sub-goal
  row continued on the next slide ("(jatkuu)") into one sub-goal.

Nothing here knows about statements or statuses: the rows carry their cells and icons, and the
pipeline (`lnhs_parse.normalise.normalise`) reads meaning into them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from lnhs_parse.layout import Line, Page, Table
from lnhs_parse.normalise.columns import (
    ColumnMap,
    default_columns,
    map_columns,
    reuse_columns,
)
from lnhs_parse.normalise.content import DEFAULT_SLIDE_SETTINGS, content_lines, status_icons
from lnhs_parse.normalise.grid import Grid, grid_from_lines, grid_from_table
from lnhs_parse.normalise.roles import goal_heading
from lnhs_parse.normalise.rows import RowPart, read_rows, unplaced_text
from lnhs_parse.normalise.vocab import header_vocabulary
from lnhs_parse.normalise.warn import warning
from lnhs_parse.records import Warning
from lnhs_parse.settings import SlideSettings
from lnhs_parse.utils.geometry import center_in

__all__ = [
    "GoalSlide",
    "GoalTable",
    "group_rows",
    "join_goal_slides",
    "read_goal_slide",
    "strip_continuation",
]


@dataclass
class GoalSlide:
    """A goal-table slide read into rows."""

    page: int
    numeral: str | None  # the goal's number on the slide's goal heading; None without a heading
    title_lines: list[Line]  # the goal's title (after the heading), or the slide's title
    heading_title: str  # title text printed on the goal heading line itself, if any
    grid: Grid | None
    columns: ColumnMap | None
    rows: list[RowPart] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    @property
    def has_heading(self) -> bool:
        return self.numeral is not None


def _title_lines(lines: list[Line], settings: SlideSettings) -> list[Line]:
    """The goal title's lines: from the first, lines of one size, each close below the previous."""
    out: list[Line] = []
    for ln in lines:
        if out:
            prev = out[-1]
            height = max(prev.bbox[3] - prev.bbox[1], 1.0)
            same_size = (
                prev.size is None
                or ln.size is None
                or abs(prev.size - ln.size) <= settings.title_size_tolerance
            )
            close = ln.bbox[1] - prev.bbox[3] <= settings.title_gap_factor * height
            if not (same_size and close):
                break
        out.append(ln)
    return out


def _largest(tables: list[Table]) -> Table | None:
    return max(
        tables, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]), default=None
    )


def read_goal_slide(
    page: Page,
    previous: ColumnMap | None,
    settings: SlideSettings = DEFAULT_SLIDE_SETTINGS,
    *,
    continues: bool = False,
) -> GoalSlide | None:
    """Read a goal-table slide: heading, goal title, grid, column mapping, rows.

    A slide is a goal-table slide when it has a goal heading ("PÄÄTAVOITE I:", "Painopiste 2.")
    or, without one, a table whose header row names a goal table's columns, or (`continues`: the
    slide follows a goal-table slide) a header-less table whose columns line up with `previous`.
    None for any other slide.
    """
    lines = content_lines(page, settings)
    found = next(((i, h) for i, ln in enumerate(lines) if (h := goal_heading(ln.text))), None)
    tables = [t for t in page.tables if t.cells and t.n_rows > 0 and t.n_cols > 0]
    table = _largest(tables)
    if found is None:
        return _headless_slide(page, lines, table, tables, previous, settings, continues)
    head_index, (numeral, on_line) = found
    head = lines[head_index]
    below = [ln for ln in lines[head_index + 1 :] if ln.bbox[1] >= head.bbox[1]]
    inside: list[Line] = []
    if table is not None:
        inside = [ln for ln in lines if ln is not head and center_in(ln.bbox, table.bbox, -1.0)]
        in_table = {id(ln) for ln in inside}
        below = [ln for ln in below if id(ln) not in in_table]
    # the title: on the heading line, continued below in the same size, or the lines below it
    if on_line:
        more = _title_lines([head, *below], settings)[1:]
        title_lines = [replace(head, text=on_line, first_word_width=None), *more]
    else:
        title_lines = _title_lines(below, settings)
        if table is not None:
            title_lines = [ln for ln in title_lines if ln.bbox[3] <= table.bbox[1] + 2]
    taken = {id(ln) for ln in title_lines} | {id(head)}
    rest = [ln for ln in below if id(ln) not in taken]
    slide = GoalSlide(page.number, numeral, title_lines, on_line, None, None)

    grid: Grid | None
    if table is not None:
        grid = grid_from_table(table)
        stray = inside
        _other_tables(slide, table, tables)
    else:
        body = _contiguous(
            [ln for ln in rest if not title_lines or ln.bbox[1] >= title_lines[-1].bbox[3] - 1]
        )
        top = min((ln.bbox[1] for ln in body), default=page.height)
        bottom = max((ln.bbox[3] for ln in body), default=page.height)
        icons = [
            ic for ic in status_icons(page, settings)
            if top - settings.grid_pad <= ic.bbox[1] <= bottom + settings.grid_pad
        ]
        grid, stray = grid_from_lines(body, icons, settings)
        if grid is None:
            slide.warnings.append(
                warning(
                    code="no-table",
                    message=f"page {page.number}: goal {numeral} has no table "
                    "(no table and no sub-goal numbers found)",
                    page=page.number,
                )
            )
            return slide
    for ln in stray:
        slide.warnings.append(unplaced_text(page.number, ln, "lands in no cell of the goal table"))
    _read_table(slide, page, grid, previous, settings)
    return slide


# A table's text runs on without a gap this many times its lines' height: text further below (a
# legend under the table, a note) is no part of it.
TABLE_GAP_LINES = 8.0


def _contiguous(lines: list[Line]) -> list[Line]:
    """The lines from the top down to the first gap wider than `TABLE_GAP_LINES` line heights."""
    ordered = sorted(lines, key=lambda ln: ln.bbox[1])
    if not ordered:
        return ordered
    heights = sorted(ln.bbox[3] - ln.bbox[1] for ln in ordered)
    gap = TABLE_GAP_LINES * max(heights[len(heights) // 2], 1.0)
    out = [ordered[0]]
    bottom = ordered[0].bbox[3]
    for ln in ordered[1:]:
        if ln.bbox[1] - bottom > gap:
            break
        out.append(ln)
        bottom = max(bottom, ln.bbox[3])
    kept = {id(ln) for ln in out}
    return [ln for ln in lines if id(ln) in kept]


def _other_tables(slide: GoalSlide, table: Table, tables: list[Table]) -> None:
    for extra in tables:
        if extra is not table:
            slide.warnings.append(
                warning(
                    code="unplaced-content",
                    message=f"page {slide.page}: a second table "
                    f"({extra.n_rows}x{extra.n_cols}) beside the goal table was ignored",
                    page=slide.page,
                )
            )


def _read_table(
    slide: GoalSlide, page: Page, grid: Grid, previous: ColumnMap | None, settings: SlideSettings
) -> None:
    """The grid's columns (its header row, the previous slide's, or by order) and rows."""
    columns = map_columns(grid, settings)
    first_body = 1 if columns else 0
    if columns is None:
        if previous is None and not _starts_with_a_number(grid):
            # a first row of words no column role knows: a header in another county's wording
            # (exit 4 with a pointer to `--profile` when no slide is readable)
            slide.warnings.append(
                warning(
                    code="no-header",
                    message=f"page {page.number}: the goal table's header row names no known "
                    "column; the slide was left out (see lnhs-parse profile --suggest)",
                    page=page.number,
                )
            )
            return
        if previous is None:
            slide.warnings.append(
                warning(
                    code="no-header",
                    message=f"page {page.number}: the goal table has no header row and no "
                    "previous slide to take its columns from; columns read by order",
                    page=page.number,
                )
            )
            previous = default_columns(grid)
        columns = reuse_columns(grid, previous)
    slide.grid = grid
    slide.columns = columns
    slide.rows = read_rows(page, grid, columns, first_body, slide.warnings, settings)


def _starts_with_a_number(grid: Grid) -> bool:
    """The table's first row starts with a row number: a body row, not a header."""
    from lnhs_parse.normalise.grid import cell_raw_text, numbered

    for c in range(min(2, grid.n_cols)):
        text = cell_raw_text(grid.cell_at(0, c)).strip()
        if text:
            return numbered(text.partition("\n")[0]) is not None
    return False


def _lines_up(grid: Grid, previous: ColumnMap) -> bool:
    """A header-less table continues the previous slide's when it has as many columns and each
    column's x range overlaps the previous slide's column at its place."""
    if grid.n_cols != len(previous.columns):
        return False
    ordered = sorted(previous.extents.values())
    return all(
        min(grid.col_edges[c + 1], x1) - max(grid.col_edges[c], x0) > 0.5 * (x1 - x0)
        for c, (x0, x1) in enumerate(ordered)
    )


def _headless_slide(
    page: Page,
    lines: list[Line],
    table: Table | None,
    tables: list[Table],
    previous: ColumnMap | None,
    settings: SlideSettings,
    continues: bool,
) -> GoalSlide | None:
    """A slide without a goal heading: a goal table by its header row, or continuing the previous
    slide's table; its title (the largest lines above the table) titles the goal."""
    if table is None:
        return None
    grid = grid_from_table(table)
    columns = map_columns(grid, settings)
    if columns is None and not (continues and previous is not None and _lines_up(grid, previous)):
        return None
    if columns is not None and not columns.subjects:
        return None
    above = [ln for ln in lines if ln.bbox[3] <= table.bbox[1] + 2]
    biggest = max((ln.size or 0.0 for ln in above), default=0.0)
    title = [ln for ln in above if (ln.size or 0.0) >= biggest - 1.0]
    slide = GoalSlide(page.number, None, _title_lines(title, settings), "", None, None)
    inside = [ln for ln in lines if center_in(ln.bbox, table.bbox, -1.0)]
    for ln in inside:
        slide.warnings.append(unplaced_text(page.number, ln, "lands in no cell of the goal table"))
    _other_tables(slide, table, tables)
    _read_table(slide, page, grid, previous, settings)
    return slide


# --------------------------------------------------------------------------------------------------
# Goals over slides, sub-goals over rows


@dataclass
class GoalTable:
    """One goal table, joined over the slides it runs on: a main goal's (its heading's numeral),
    or, on slides without goal headings, the run of slides under one title (`numeral` None)."""

    numeral: str | None
    slides: list[GoalSlide]

    @property
    def rows(self) -> list[RowPart]:
        return [row for slide in self.slides for row in slide.rows]


def _title_key(slide: GoalSlide) -> str:
    text = " ".join(" ".join(ln.text for ln in slide.title_lines).split())
    return strip_continuation(text)[0].casefold()


def join_goal_slides(slides: list[GoalSlide]) -> list[GoalTable]:
    """Consecutive slides of the same goal make one goal table: the same heading numeral, or,
    without headings, the same title (a slide without a title, or one whose table has a goal
    column, continues the table before it)."""
    tables: list[GoalTable] = []
    for slide in slides:
        if tables:
            last = tables[-1]
            prev = last.slides[-1]
            if slide.has_heading:
                same = last.numeral == slide.numeral
            else:
                has_goal_column = slide.columns is not None and bool(
                    slide.columns.keys_of("goal")
                )
                same = not prev.has_heading and (
                    has_goal_column or not slide.title_lines
                    or _title_key(slide) == _title_key(prev)
                )
            if same:
                last.slides.append(slide)
                continue
        tables.append(GoalTable(slide.numeral, [slide]))
    return tables


def group_rows(rows: list[RowPart], continued: list[bool]) -> list[list[RowPart]]:
    """Rows grouped into sub-goals. A row continues the sub-goal above when it repeats the number
    of the row above on a later slide or with the "(jatkuu)" mark (`continued[i]`, read from the
    title by the pipeline); a row without a number continues it when marked or without a title."""
    groups: list[list[RowPart]] = []
    for row, cont in zip(rows, continued, strict=True):
        if groups:
            last = groups[-1][-1]
            if row.number is None:
                joins = cont or not row.title_lines
            else:
                joins = row.number == last.number and (cont or row.page != last.page)
            if joins:
                groups[-1].append(row)
                continue
        groups.append([row])
    return groups


def strip_continuation(title: str) -> tuple[str, bool]:
    """A title without its "(jatkuu)" mark, and whether it had one."""
    m = header_vocabulary().continuation.search(title)
    if not m:
        return title, False
    return title[: m.start()].rstrip(), True
