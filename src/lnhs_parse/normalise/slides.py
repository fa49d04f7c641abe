"""Slide roles, goal-table headers and grids, goal tables continued over slides.

A deck is read slide by slide (docs: domain.md, "The deck, slide by slide"):

- `slide_role` tells a title slide, highlight slides, the legend slide, goal-table slides and others
  apart by their headings (data/headers.toml, `[slides]`);
- `read_goal_slide` reads a goal-table slide: the `PÄÄTAVOITE I:` line, the goal's title (on that
  line or below it, possibly wrapped) and the table as a `Grid`: a `layout.Table` as the extractor
  found it, or, when the extractor found none (a PDF table drawn without lines or fills), a grid
  rebuilt from the text positions (`grid_from_lines`);
- `map_columns` recognises the header row by synonyms (data/headers.toml, `[columns]`), fuzzy and
  whitespace-insensitive, so "Toimenpiteid" / "en" / "eteneminen" is the progress column; a table
  without a header row (a continuation slide) reuses an earlier slide's mapping by x position
  (`reuse_columns`; the pipeline picks the slide);
- `join_goal_slides` joins a goal's slides into one `GoalTable` and `group_rows` joins a sub-goal
  row continued on the next slide ("(jatkuu)") into one sub-goal.

Nothing here knows about statements or statuses: the rows carry their cells and icons, and the
pipeline (`lnhs_parse.normalise.normalise`) reads meaning into them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from lnhs_parse.layout import BBox, Cell, Icon, Line, Page, Table
from lnhs_parse.model import Warning
from lnhs_parse.utils.colour import parse_hex
from lnhs_parse.utils.geometry import center_in, overlap_of_smaller, reading_rows

__all__ = [
    "COLUMN_ROLES",
    "ColumnMap",
    "GoalSlide",
    "GoalTable",
    "Grid",
    "RowPart",
    "SlideSettings",
    "column_role",
    "content_lines",
    "find_region",
    "goal_heading",
    "grid_from_lines",
    "grid_from_table",
    "group_rows",
    "header_vocabulary",
    "is_footer",
    "is_highlights_heading",
    "join_goal_slides",
    "load_toml",
    "map_columns",
    "period_from_text",
    "read_goal_slide",
    "slide_role",
    "squash",
]

# The columns of a goal table, left to right. "number" is optional; a table needs the others to be a
# goal table.
COLUMN_ROLES = ("number", "sub_goal", "progress", "focus_areas", "joint_highlights")
TEXT_ROLES = ("focus_areas", "joint_highlights")
# Roles a header row must show (at least `SlideSettings.min_header_roles` of them) to be a header;
# also the column order assumed for a table with no header to read and none to continue.
_HEADER_ROLES = COLUMN_ROLES[1:]

# Characters drawn as status glyphs (typed "●" icons): text made of these only is no content.
ICON_GLYPHS = frozenset("●⬤◉○◯■□▲△◆◇★☆✓✔✗✘")

_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?(?:\s+(.*))?$", re.DOTALL)


@dataclass(frozen=True)
class SlideSettings:
    """Geometry knobs of slide reading, with named defaults (points unless said otherwise)."""

    footer_zone: float = 0.92  # a line whose top is below this fraction of the page height ...
    footer_max_size: float = 10.5  # ... and whose font is no larger is a footer (page no., org name)
    title_size_tolerance: float = 1.0  # lines of a goal title share its font size within this
    title_gap_factor: float = 0.8  # ... and follow each other closer than this x line height
    min_header_roles: int = 3  # header cells recognised (of 4) for a row to be a header row
    column_gap: float = 7.0  # no-Table grid: white gap (pt) that separates two text columns
    grid_pad: float = 2.0  # no-Table grid: margin added around the text of rebuilt cells
    max_icon_size: float = 48.0  # larger graphics (bands, pictures of content) are no status icons
    icon_overlap: float = 0.3  # icons overlapping this much (of the smaller) are one icon (shadows)
    cell_tolerance: float = 1.0  # slack when testing whether a point lies in a cell


DEFAULT_SETTINGS = SlideSettings()


# --------------------------------------------------------------------------------------------------
# Vocabulary (data/headers.toml, data/regions.toml)


def squash(text: str) -> str:
    """Case-folded letters and digits only: the whitespace-insensitive form headers compare in."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def load_toml(name: str) -> dict[str, Any]:
    """One of the packaged vocabulary files, data/<name>."""
    data = resources.files("lnhs_parse.normalise").joinpath("data", name).read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@dataclass(frozen=True)
class HeaderVocabulary:
    min_score: float
    columns: dict[str, tuple[tuple[str, ...], bool]]  # role -> (squashed synonyms, exact only)
    period_patterns: tuple[re.Pattern[str], ...]
    goal: re.Pattern[str]
    title: re.Pattern[str]
    highlights: tuple[str, ...]  # squashed
    section: re.Pattern[str]
    section_period: re.Pattern[str]
    continuation: re.Pattern[str]


@lru_cache(maxsize=1)
def header_vocabulary() -> HeaderVocabulary:
    data = load_toml("headers.toml")
    columns = {
        role: (
            tuple(s for s in (squash(x) for x in spec["synonyms"]) if s),
            bool(spec.get("exact", False)),
        )
        for role, spec in data["columns"].items()
    }
    slides = data["slides"]
    flags = re.IGNORECASE
    return HeaderVocabulary(
        min_score=float(data.get("min_score", 85)),
        columns=columns,
        period_patterns=tuple(re.compile(p, flags) for p in data["period"]["patterns"]),
        goal=re.compile(slides["goal"], flags | re.DOTALL),
        title=re.compile(slides["title"], flags),
        highlights=tuple(squash(h) for h in slides["highlights"]),
        section=re.compile(slides["section"], flags),
        section_period=re.compile(slides["section_period"], flags),
        continuation=re.compile(data["continuation"]["pattern"], flags),
    )


@lru_cache(maxsize=1)
def _regions() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = load_toml("regions.toml")
    out = []
    for region in data["regions"]:
        for form in region["forms"]:
            words = [re.escape(w) for w in form.split()]
            pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
            out.append((re.compile(pattern, re.IGNORECASE), region["name"], len(form)))
    # longest forms first: "Etelä-Pohjanmaan" before "Pohjanmaan"
    out.sort(key=lambda t: -t[2])
    return tuple((p, name) for p, name, _ in out)


def find_region(*texts: str | None) -> str | None:
    """The wellbeing services county named in the first of `texts` that names one (nominative)."""
    for text in texts:
        if not text:
            continue
        hits = []
        for pattern, name in _regions():
            m = pattern.search(text)
            if m:
                hits.append((m.start(), name))
        if hits:
            return min(hits)[1]
    return None


def period_from_text(text: str) -> str | None:
    """"2023/2024" from "vuodelle -23/-24", "2024/2025", "vuosille 2024-2025"; None if none."""
    for pattern in header_vocabulary().period_patterns:
        for m in pattern.finditer(text):
            a, b = (int(g) for g in m.groups())
            a = a + 2000 if a < 100 else a
            b = b + 2000 if b < 100 else b
            if 2000 <= a <= 2100 and b in (a, a + 1, a + 2, a + 3, a + 4):
                return f"{a}/{b}"
    return None


# --------------------------------------------------------------------------------------------------
# Lines: footers, glyph-only text


def is_footer(line: Line, page: Page, settings: SlideSettings = DEFAULT_SETTINGS) -> bool:
    """Small text near the bottom of the slide: slide numbers, organisation names."""
    if line.bbox[1] < page.height * settings.footer_zone:
        return False
    return line.size is None or line.size <= settings.footer_max_size


def is_glyph_text(text: str) -> bool:
    """Text made only of icon glyphs and spaces ("● ●"): an icon, not content."""
    stripped = "".join(text.split())
    return bool(stripped) and all(ch in ICON_GLYPHS for ch in stripped)


def content_lines(page: Page, settings: SlideSettings = DEFAULT_SETTINGS) -> list[Line]:
    """The page's free text lines (outside tables) that are content: no footers, no glyph icons,
    no empty lines; top to bottom, left to right."""
    lines = [
        ln
        for ln in page.lines
        if ln.text.strip() and not is_glyph_text(ln.text) and not is_footer(ln, page, settings)
    ]
    order = reading_rows([ln.bbox for ln in lines])
    return [lines[i] for i in order]


def status_icons(page: Page, settings: SlideSettings = DEFAULT_SETTINGS) -> list[Icon]:
    """The page's icons that may be status icons: small, and one per overlapping group (a vector
    circle's soft shadow may come as a separate grey picture under it: the most colourful wins)."""
    small = [
        ic
        for ic in page.icons
        if ic.bbox[2] - ic.bbox[0] <= settings.max_icon_size
        and ic.bbox[3] - ic.bbox[1] <= settings.max_icon_size
    ]
    kept: list[Icon] = []
    for icon in sorted(small, key=lambda ic: -_saturation(ic.color)):
        if any(overlap_of_smaller(icon.bbox, k.bbox) >= settings.icon_overlap for k in kept):
            continue
        kept.append(icon)
    order = reading_rows([ic.bbox for ic in kept])
    return [kept[i] for i in order]




def _saturation(color: str | None) -> float:
    rgb = parse_hex(color)
    if rgb is None:
        return -1.0
    hi, lo = max(rgb), min(rgb)
    return 0.0 if hi == 0 else (hi - lo) / hi


# --------------------------------------------------------------------------------------------------
# Slide roles


def goal_heading(text: str) -> tuple[str, str] | None:
    """("II", title text after the colon) when `text` is a "PÄÄTAVOITE II:" heading line."""
    m = header_vocabulary().goal.match(text)
    if not m:
        return None
    return m.group(1).upper(), (m.group(2) or "").strip()


def is_highlights_heading(text: str) -> bool:
    """Whether a line is the "Kiteytettyjä nostoja ja huomioita" heading: it contains a heading of
    data/headers.toml (case- and whitespace-insensitive), or comes close to one (a typo) without
    being much longer. Slide roles and the highlights reader ask the same question here."""
    vocab = header_vocabulary()
    key = squash(text)
    return bool(key) and any(
        h in key or (len(key) <= 2 * len(h) and fuzz.partial_ratio(h, key) >= vocab.min_score)
        for h in vocab.highlights
    )


def slide_role(page: Page, settings: SlideSettings = DEFAULT_SETTINGS) -> str:
    """"goal_table", "title", "highlights", "legend_section" or "other".

    The legend slide is recognised by its icons in `legend.py`; here "legend_section" only means the
    slide carries the section title ("... ARVIOINTI 2023 JA LISÄTYT PAINOPISTEET 2023/2024").
    """
    vocab = header_vocabulary()
    lines = content_lines(page, settings)
    if any(goal_heading(ln.text) for ln in lines):
        return "goal_table"
    if any(is_highlights_heading(ln.text) for ln in lines):
        return "highlights"
    text = " ".join(" ".join(ln.text for ln in lines).split())
    if vocab.section_period.search(text):
        return "legend_section"
    if vocab.title.search(text):
        return "title"
    if vocab.section.search(text):
        return "legend_section"
    return "other"


# --------------------------------------------------------------------------------------------------
# Grids


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
    # halfway to the next column's content, so a column may reach far into an empty neighbour's space
    col_content: tuple[tuple[float, float], ...] = ()

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def cell_at(self, row: int, col: int) -> Cell | None:
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rowspan and cell.col <= col < cell.col + cell.colspan:
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


def grid_from_table(table: Table) -> Grid:
    """A `layout.Table` as a `Grid` (edges taken from the table, or from its cells)."""
    col_edges = tuple(table.col_edges)
    if len(col_edges) != table.n_cols + 1:
        xs = [min((c.bbox[0] for c in table.cells if c.col == k), default=None) for k in range(table.n_cols)]
        right = max(c.bbox[2] for c in table.cells)
        col_edges = tuple(_fill_gaps(xs, table.bbox[0])) + (right,)
    row_edges = tuple(table.row_edges)
    if len(row_edges) != table.n_rows + 1:
        ys = [min((c.bbox[1] for c in table.cells if c.row == k), default=None) for k in range(table.n_rows)]
        bottom = max(c.bbox[3] for c in table.cells)
        row_edges = tuple(_fill_gaps(ys, table.bbox[1])) + (bottom,)
    return Grid(table.bbox, col_edges, row_edges, tuple(table.cells), table.found_by)


def _fill_gaps(values: list[float | None], first: float) -> list[float]:
    out: list[float] = []
    for v in values:
        out.append(v if v is not None else (out[-1] if out else first))
    return out


@dataclass(frozen=True)
class _Column:
    x0: float
    x1: float
    lines: tuple[Line, ...]


def _text_columns(lines: list[Line], icons: list[Icon], gap: float) -> list[_Column]:
    """Text columns: maximal x ranges covered by lines (and status icons, the progress column's
    content), split where a white gap of `gap` runs from the top of the region to its bottom."""
    spans = sorted([*lines, *icons], key=lambda item: item.bbox[0])
    columns: list[list[Line | Icon]] = []
    right = None
    for item in spans:
        if right is None or item.bbox[0] > right + gap:
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


def _number_of(text: str) -> tuple[int, str] | None:
    m = _NUMBER.match(text)
    if not m:
        return None
    return int(m.group(1)), (m.group(2) or "").strip()


def grid_from_lines(
    lines: list[Line],
    icons: list[Icon] | tuple[Icon, ...] = (),
    settings: SlideSettings = DEFAULT_SETTINGS,
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
        (ln for ln in first.lines if _number_of(ln.text) is not None and ln.bbox[0] <= first.x0 + 3),
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
    for a, b in zip(columns, columns[1:]):
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
            cells.append(Cell(row=r, col=c, bbox=(col_edges[c], top, col_edges[c + 1], bot), lines=tuple(members)))
    unplaced = [ln for ln in lines if id(ln) not in placed]
    bbox = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
    content = tuple((col.x0, col.x1) for col in columns)
    return Grid(bbox, tuple(col_edges), tuple(row_edges), tuple(cells), "text", content), unplaced


# --------------------------------------------------------------------------------------------------
# Header recognition and column mapping


def column_role(text: str, min_score: float | None = None) -> tuple[str, float] | None:
    """The column role a header cell's text names, with its score (0-100), or None."""
    vocab = header_vocabulary()
    threshold = vocab.min_score if min_score is None else min_score
    key = squash(text)
    if not key or len(key) > 120:
        return None
    best: tuple[str, float] | None = None
    for role, (synonyms, exact) in vocab.columns.items():
        for syn in synonyms:
            if exact:
                score = 100.0 if key == syn else 0.0
            elif syn in key:
                score = 100.0
            elif len(key) >= len(syn) - 2 and len(syn) >= 6:
                score = fuzz.partial_ratio(syn, key)
            else:
                score = 0.0
            # prefer the longest synonym that matches: "toimenpiteideneteneminen" over "eteneminen"
            score += len(syn) / 1000.0
            if score >= threshold and (best is None or score > best[1]):
                best = (role, score)
    return best


@dataclass(frozen=True)
class ColumnMap:
    """Which grid column holds which role, and where (x range) each role's column is."""

    columns: dict[str, int]
    extents: dict[str, tuple[float, float]]
    period: str | None = None  # from the focus column's header ("vuodelle -23/-24" -> 2023/2024)
    from_header: bool = True


def _cell_text(cell: Cell | None) -> str:
    return "\n".join(ln.text for ln in cell.lines) if cell else ""


def map_columns(grid: Grid, settings: SlideSettings = DEFAULT_SETTINGS) -> ColumnMap | None:
    """The column mapping read from the grid's first row, or None when it is no header row."""
    scored: list[tuple[float, int, str]] = []
    texts: dict[int, str] = {}
    for c in range(grid.n_cols):
        text = _cell_text(grid.cell_at(0, c))
        texts[c] = text
        hit = column_role(text)
        if hit:
            scored.append((hit[1], c, hit[0]))
    columns: dict[str, int] = {}
    for _score, c, role in sorted(scored, reverse=True):
        if role not in columns and c not in columns.values():
            columns[role] = c
    if sum(1 for r in _HEADER_ROLES if r in columns) < settings.min_header_roles:
        return None
    if "number" not in columns and "sub_goal" in columns:
        # an unnamed column left of the sub-goal column holds the numbers ("" or "Nro" header)
        left = [c for c in range(columns["sub_goal"]) if c not in columns.values()]
        if left:
            columns["number"] = left[-1]
    extents = {role: grid.col_extent(c) for role, c in columns.items()}
    period = period_from_text(texts.get(columns.get("focus_areas", -1), ""))
    return ColumnMap(columns, extents, period, from_header=True)


def reuse_columns(grid: Grid, previous: ColumnMap) -> ColumnMap:
    """A header-less table continuing the previous slide's: each column takes the role whose column
    it overlaps most on the previous slide (columns by order when nothing overlaps). A grid rebuilt
    from text is measured by its columns' content: with a column left empty on this slide, the
    column boundaries alone would hand the empty column's space to a neighbour."""
    columns: dict[str, int] = {}
    best_for_role: dict[str, tuple[float, int]] = {}
    for c in range(grid.n_cols):
        x0, x1 = grid.col_content[c] if grid.col_content else grid.col_extent(c)
        overlaps = [
            (min(x1, e1) - max(x0, e0), role) for role, (e0, e1) in previous.extents.items()
        ]
        overlap, role = max(overlaps, default=(0.0, ""))
        if overlap > 0 and (role not in best_for_role or overlap > best_for_role[role][0]):
            best_for_role[role] = (overlap, c)
    columns = {role: c for role, (_o, c) in best_for_role.items()}
    if not columns and grid.n_cols == len(previous.columns):
        ordered = sorted(previous.columns, key=lambda r: previous.columns[r])
        columns = {role: c for c, role in enumerate(ordered)}
    extents = {role: grid.col_extent(c) for role, c in columns.items()}
    return ColumnMap(columns, extents, previous.period, from_header=False)


# --------------------------------------------------------------------------------------------------
# Goal-table slides


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


@dataclass
class GoalSlide:
    """A goal-table slide read into rows."""

    page: int
    numeral: str
    title_lines: list[Line]
    heading_title: str  # title text printed on the PÄÄTAVOITE line itself, if any
    grid: Grid | None
    columns: ColumnMap | None
    rows: list[RowPart] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def _title_lines(lines: list[Line], start: int, settings: SlideSettings) -> list[Line]:
    """The goal title's lines: from `start`, lines of one size, each close below the previous."""
    out: list[Line] = []
    for ln in lines[start:]:
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


def read_goal_slide(
    page: Page, previous: ColumnMap | None, settings: SlideSettings = DEFAULT_SETTINGS
) -> GoalSlide | None:
    """Read a goal-table slide: heading, goal title, grid, column mapping, rows. None when the page
    has no `PÄÄTAVOITE` heading."""
    lines = content_lines(page, settings)
    found = next(((i, h) for i, ln in enumerate(lines) if (h := goal_heading(ln.text))), None)
    if found is None:
        return None
    head_index, (numeral, on_line) = found
    head = lines[head_index]
    tables = [t for t in page.tables if t.cells and t.n_rows > 0 and t.n_cols > 0]
    table = max(tables, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]), default=None)
    below = [ln for ln in lines[head_index + 1 :] if ln.bbox[1] >= head.bbox[1]]
    inside: list[Line] = []
    if table is not None:
        inside = [ln for ln in lines if ln is not head and center_in(ln.bbox, table.bbox, -1.0)]
        in_table = {id(ln) for ln in inside}
        below = [ln for ln in below if id(ln) not in in_table]
    # the title: on the heading line, continued below in the same size, or the lines below it
    if on_line:
        more = _title_lines([head, *below], 0, settings)[1:]
        title_lines = [replace(head, text=on_line), *more]
    else:
        title_lines = _title_lines(below, 0, settings) if below else []
        if table is not None:
            title_lines = [ln for ln in title_lines if ln.bbox[3] <= table.bbox[1] + 2]
    taken = {id(ln) for ln in title_lines} | {id(head)}
    rest = [ln for ln in below if id(ln) not in taken]
    slide = GoalSlide(page.number, numeral, title_lines, on_line, None, None)

    if table is not None:
        grid = grid_from_table(table)
        stray = inside
        for extra in tables:
            if extra is not table:
                slide.warnings.append(
                    Warning(
                        code="unplaced-content",
                        message=f"page {page.number}: a second table ({extra.n_rows}x{extra.n_cols}) "
                        "beside the goal table was ignored",
                        page=page.number,
                    )
                )
    else:
        body = [ln for ln in rest if not title_lines or ln.bbox[1] >= title_lines[-1].bbox[3] - 1]
        top = min((ln.bbox[1] for ln in body), default=page.height)
        icons = [ic for ic in status_icons(page, settings) if ic.bbox[1] >= top - settings.grid_pad]
        grid, stray = grid_from_lines(body, icons, settings)
        if grid is None:
            slide.warnings.append(
                Warning(
                    code="no-table",
                    message=f"page {page.number}: goal {numeral} has no table "
                    "(no table and no sub-goal numbers found)",
                    page=page.number,
                )
            )
            return slide
    for ln in stray:
        slide.warnings.append(_unplaced_text(page.number, ln, "lands in no cell of the goal table"))

    columns = map_columns(grid, settings)
    first_body = 1 if columns else 0
    if columns is None:
        if previous is None:
            slide.warnings.append(
                Warning(
                    code="no-header",
                    message=f"page {page.number}: the goal table has no header row and no previous "
                    "slide to take its columns from; columns read by order",
                    page=page.number,
                )
            )
            ordered = COLUMN_ROLES if grid.n_cols == len(COLUMN_ROLES) else _HEADER_ROLES
            previous = ColumnMap(
                {r: i for i, r in enumerate(ordered)},
                {r: grid.col_extent(i) for i, r in enumerate(ordered) if i < grid.n_cols},
                None,
            )
        columns = reuse_columns(grid, previous)
    slide.grid = grid
    slide.columns = columns
    slide.rows = _read_rows(page, grid, columns, first_body, slide.warnings, settings)
    return slide


def _unplaced_text(page: int, line: Line, why: str) -> Warning:
    text = line.text if len(line.text) <= 60 else line.text[:57] + "..."
    return Warning(code="unplaced-content", message=f"page {page}: text {text!r} {why}", page=page)


def _read_rows(
    page: Page,
    grid: Grid,
    columns: ColumnMap,
    first_body: int,
    warnings: list[Warning],
    settings: SlideSettings,
) -> list[RowPart]:
    number_col = columns.columns.get("number")
    sub_col = columns.columns.get("sub_goal", 0)
    progress_col = columns.columns.get("progress")
    # icons: each to the row and column its centre falls in
    icons_by_row: dict[int, list[Icon]] = {}
    tol = settings.cell_tolerance
    for icon in status_icons(page, settings):
        cx, cy = (icon.bbox[0] + icon.bbox[2]) / 2, (icon.bbox[1] + icon.bbox[3]) / 2
        if not center_in(icon.bbox, grid.bbox, tol):
            # logos and decorations lie elsewhere; an icon under the progress column is a status
            # icon that missed its row (a table cut short, a row the extractor did not find)
            x0, x1 = grid.col_extent(progress_col) if progress_col is not None else (0.0, -1.0)
            if x0 <= cx <= x1 and cy > grid.bbox[1]:
                warnings.append(
                    Warning(
                        code="unplaced-icon",
                        message=f"page {page.number}: an icon ({icon.kind}, "
                        f"{icon.color or icon.glyph or '?'}) at x={cx:.0f}, y={cy:.0f} lies under the "
                        "progress column but outside any row of the goal table; ignored",
                        page=page.number,
                    )
                )
            continue
        r, c = grid.row_of(cy, tol), grid.col_of(cx, tol)
        if r is not None and r >= first_body and c is not None and c == progress_col:
            icons_by_row.setdefault(r, []).append(icon)
            continue
        where = "in the header row" if r is not None and r < first_body else (
            "outside the progress column" if r is not None else "outside any row"
        )
        warnings.append(
            Warning(
                code="unplaced-icon",
                message=f"page {page.number}: an icon ({icon.kind}, {icon.color or icon.glyph or '?'}) "
                f"at x={cx:.0f}, y={cy:.0f} lies {where} of the goal table; ignored",
                page=page.number,
            )
        )

    rows: list[RowPart] = []
    for r in range(first_body, grid.n_rows):
        sub_cell = grid.cell_at(r, sub_col)
        if sub_cell is not None and sub_cell.row != r:
            continue  # a merged cell already read on its first row
        title_lines = list(sub_cell.lines) if sub_cell else []
        title_lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
        number: int | None = None
        if number_col is not None and number_col != sub_col:
            hit = _number_of(_cell_text(grid.cell_at(r, number_col)).strip())
            number = hit[0] if hit else None
        if number is None and title_lines:
            first_text = title_lines[0].text
            head, _, tail = first_text.partition("\n")
            hit = _number_of(head)
            if hit is not None:
                number, rest = hit
                remainder = "\n".join(t for t in (rest, tail) if t)
                if remainder:
                    title_lines[0] = replace(title_lines[0], text=remainder)
                else:
                    title_lines.pop(0)
        cells = {}
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
                        warnings.append(_unplaced_text(page.number, ln, why))
        icons = icons_by_row.get(r, [])
        has_text = bool(title_lines) or any(c.lines for c in cells.values())
        if number is None and not has_text and not icons:
            continue  # an empty row
        row_box = (grid.col_edges[0], grid.row_edges[r], grid.col_edges[-1], grid.row_edges[r + 1])
        if number is None and not title_lines:
            warnings.append(
                Warning(
                    code="unplaced-content",
                    message=f"page {page.number}: table row {r + 1} has no sub-goal number or title",
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


# --------------------------------------------------------------------------------------------------
# Goals over slides, sub-goals over rows


@dataclass
class GoalTable:
    """One main goal's table, joined over the slides it runs on."""

    numeral: str
    slides: list[GoalSlide]

    @property
    def rows(self) -> list[RowPart]:
        return [row for slide in self.slides for row in slide.rows]


def join_goal_slides(slides: list[GoalSlide]) -> list[GoalTable]:
    """Consecutive slides of the same goal (same numeral) make one goal table."""
    tables: list[GoalTable] = []
    for slide in slides:
        if tables and tables[-1].numeral == slide.numeral:
            tables[-1].slides.append(slide)
        else:
            tables.append(GoalTable(slide.numeral, [slide]))
    return tables


def group_rows(rows: list[RowPart], continued: list[bool]) -> list[list[RowPart]]:
    """Rows grouped into sub-goals. A row continues the sub-goal above when it repeats the number
    of the row above on a later slide or with the "(jatkuu)" mark (`continued[i]`, read from the
    title by the pipeline); a row without a number continues it when marked or without a title."""
    groups: list[list[RowPart]] = []
    for row, cont in zip(rows, continued):
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

