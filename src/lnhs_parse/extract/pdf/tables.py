"""Tables from a page's rules and fills (engine-neutral: works on plain rect and line dicts).

Ruling lines (line objects, hairline rects, stroked rect borders) that cross each other form a grid
→ ``Table(found_by="lines")``. Failing that, filled rects tiling a region edge to edge →
``Table(found_by="fills")``. A grid needs ≥ 2 rows and ≥ 2 columns (or one row of ≥ 3 columns)
of a reasonable size. Grid positions that no rule (or tile edge) separates are one merged cell. A
table drawn with neither stays text in `Page.lines`: the normaliser rebuilds its grid.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, NamedTuple

from lnhs_parse.extract.pdf import colours
from lnhs_parse.extract.pdf.objects import RGB, PdfObject, round_box
from lnhs_parse.extract.pdf.state import DocState
from lnhs_parse.layout import BBox, Cell, Line, Table
from lnhs_parse.utils import geometry as geo

# Points.
RULE_MAX_THICKNESS = 2.5  # a filled or stroked rect thinner than this is a ruling line …
RULE_MIN_LENGTH = 4.0  # … when at least this long (dots and specks are no rules)
EDGE_TOLERANCE = 2.0  # rules closer than this are one grid edge; how far a rule may fall short
MIN_ROW_HEIGHT = 4.0
MIN_COL_WIDTH = 8.0
MIN_TABLE_WIDTH = 60.0
MIN_TABLE_HEIGHT = 20.0
MIN_FILL_COVERAGE = 0.8  # tiles of a fills table cover at least this share of its box
PAGE_SIZED = 0.9  # a rect covering this share of the page's width and height is the background
MAX_RECT_POINTS = 8  # a closed path drawing a rectangle has no more points (LibreOffice's: 7)

FoundBy = Literal["lines", "fills"]
Tile = tuple[BBox, RGB | None, int]
"""A filled rect: its box, its fill colour and the id() of its object."""


@dataclass
class TableGeom:
    """A table's grid while the page is read: edges, cells and their fills."""

    found_by: FoundBy
    col_edges: list[float]
    row_edges: list[float]
    cells: list[geo.GridCell]
    fills: list[str | None]
    grid: dict[tuple[int, int], int]  # grid position → index in `cells`

    @property
    def bbox(self) -> BBox:
        return (self.col_edges[0], self.row_edges[0], self.col_edges[-1], self.row_edges[-1])

    def cell_index(self, r: int, c: int) -> int | None:
        return self.grid.get((r, c))

    def cell_bbox(self, i: int) -> BBox:
        gc = self.cells[i]
        return (
            self.col_edges[gc.col],
            self.row_edges[gc.row],
            self.col_edges[gc.col + gc.colspan],
            self.row_edges[gc.row + gc.rowspan],
        )

    def to_table(self, cell_lines: list[tuple[Line, ...]]) -> Table:
        cells = tuple(
            Cell(
                row=gc.row,
                col=gc.col,
                bbox=round_box(self.cell_bbox(i)),
                lines=cell_lines[i],
                rowspan=gc.rowspan,
                colspan=gc.colspan,
                fill=self.fills[i],
            )
            for i, gc in enumerate(self.cells)
        )
        return Table(
            bbox=round_box(self.bbox),
            n_rows=len(self.row_edges) - 1,
            n_cols=len(self.col_edges) - 1,
            cells=cells,
            found_by=self.found_by,
            col_edges=tuple(round(x, 2) for x in self.col_edges),
            row_edges=tuple(round(y, 2) for y in self.row_edges),
        )


class Ruling(NamedTuple):
    """A page's ruling: its rules as segments, collinear pieces joined; its filled rects (the fill
    tiles tables are found from); and its filled boxes, rects and closed paths drawn as
    rectangles alike (LibreOffice draws a rectangle shape as a six-point path)."""

    segments: list[geo.Segment]
    tiles: list[Tile]
    boxes: list[BBox]


def ruling(
    width: float, height: float, rects: list[PdfObject], rules: list[PdfObject],
    curves: list[PdfObject] | None = None,
) -> Ruling:
    """The rules of a page (line objects, hairline rects, stroked rect borders), its fill tiles
    and its filled boxes (`Ruling`); a rect covering the page is its background, none of them."""
    segments: list[geo.Segment] = []
    tiles: list[Tile] = []
    for ln in rules:
        x0, top, x1, bottom = ln["x0"], ln["top"], ln["x1"], ln["bottom"]
        if bottom - top <= 1.0 and x1 - x0 >= RULE_MIN_LENGTH:
            segments.append(geo.Segment(True, (top + bottom) / 2, x0, x1))
        elif x1 - x0 <= 1.0 and bottom - top >= RULE_MIN_LENGTH:
            segments.append(geo.Segment(False, (x0 + x1) / 2, top, bottom))
    for rc in rects:
        x0, top, x1, bottom = rc["x0"], rc["top"], rc["x1"], rc["bottom"]
        w, h = x1 - x0, bottom - top
        fill_rgb = colours.rgb(rc.get("non_stroking_color")) if rc.get("fill") else None
        visible_fill = rc.get("fill") and not colours.is_white(fill_rgb)
        if min(w, h) <= RULE_MAX_THICKNESS:
            if max(w, h) >= RULE_MIN_LENGTH and (rc.get("stroke") or visible_fill):
                if w >= h:
                    segments.append(geo.Segment(True, (top + bottom) / 2, x0, x1))
                else:
                    segments.append(geo.Segment(False, (x0 + x1) / 2, top, bottom))
            continue
        if w >= PAGE_SIZED * width and h >= PAGE_SIZED * height:
            continue
        if rc.get("stroke"):
            segments.extend(
                (
                    geo.Segment(True, top, x0, x1),
                    geo.Segment(True, bottom, x0, x1),
                    geo.Segment(False, x0, top, bottom),
                    geo.Segment(False, x1, top, bottom),
                )
            )
        if rc.get("fill"):
            tiles.append(((x0, top, x1, bottom), fill_rgb, id(rc)))
    merged = geo.merge_segments(segments, EDGE_TOLERANCE) if segments else []
    boxes = [t[0] for t in tiles]
    for cv in curves or ():
        box = (cv["x0"], cv["top"], cv["x1"], cv["bottom"])
        if cv.get("fill") and _rectangular(cv.get("pts") or []) and not (
            box[2] - box[0] >= PAGE_SIZED * width and box[3] - box[1] >= PAGE_SIZED * height
        ):
            boxes.append(box)
    return Ruling(merged, tiles, boxes)


def _rectangular(pts: list[tuple[float, float]]) -> bool:
    """Whether a closed path of `pts` is a rectangle: each step straight across or down, every
    point on the edges of their box, at most `MAX_RECT_POINTS` points."""
    if not 4 <= len(pts) <= MAX_RECT_POINTS:
        return False
    xs = {round(x, 2) for x, _ in pts}
    ys = {round(y, 2) for _, y in pts}
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if x1 - x0 < RULE_MAX_THICKNESS or y1 - y0 < RULE_MAX_THICKNESS:
        return False
    rounded = [(round(x, 2), round(y, 2)) for x, y in pts]
    on_edges = all(x in (x0, x1) or y in (y0, y1) for x, y in rounded)
    straight = all(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(rounded))
    return on_edges and straight and {x0, x1} <= xs and {y0, y1} <= ys


def find_tables(ruled: Ruling, number: int, state: DocState) -> tuple[list[TableGeom], set[int]]:
    """Tables from ruling lines, then from fill tiles. Returns them and the ids of the rects used
    as fill tiles of a table (not icon candidates)."""
    tiles = ruled.tiles
    tables: list[TableGeom] = []
    if ruled.segments:
        for segment_group in geo.connected_segment_groups(ruled.segments, EDGE_TOLERANCE):
            tg = _grid_from_segments(segment_group, number, state)
            if tg is not None:
                tables.append(tg)
    used: set[int] = set()
    # tiles inside a ruled table are its cell backgrounds (or icons: see on_grid)
    free_tiles = [
        t for t in tiles if not any(geo.center_in(t[0], tg.bbox, EDGE_TOLERANCE) for tg in tables)
    ]
    for tile_group in _tile_groups(free_tiles):
        tg = _grid_from_tiles(tile_group, number, state)
        if tg is not None:
            tables.append(tg)
            used.update(t[2] for t in tile_group)
    for tg in tables:
        _assign_fills(tg, tiles)
    tables.sort(key=lambda tg: (tg.bbox[1], tg.bbox[0]))
    return tables, used


def _extend_edges(edges: list[float], lo: float, hi: float) -> list[float]:
    """Add the extent of the rules as outer edges when the outer frame is not drawn."""
    if lo < edges[0] - MIN_COL_WIDTH:
        edges.insert(0, lo)
    if hi > edges[-1] + MIN_COL_WIDTH:
        edges.append(hi)
    return edges


def _grid_ok(col_edges: list[float], row_edges: list[float]) -> bool:
    """A grid of ≥ 2 rows and ≥ 2 columns, or of one row of ≥ 3 columns (the last row of a table
    continued on a slide of its own, ruled as a row of cells), of a reasonable size."""
    if len(col_edges) < 3 or len(row_edges) < 2 or (len(row_edges) < 3 and len(col_edges) < 4):
        return False
    if col_edges[-1] - col_edges[0] < MIN_TABLE_WIDTH:
        return False
    one_row = len(row_edges) == 2  # a row of cells: as tall as a line of text will do
    if row_edges[-1] - row_edges[0] < (MIN_ROW_HEIGHT * 2.5 if one_row else MIN_TABLE_HEIGHT):
        return False
    if any(b - a < MIN_COL_WIDTH for a, b in pairwise(col_edges)):
        return False
    return all(b - a >= MIN_ROW_HEIGHT for a, b in pairwise(row_edges))


def _grid_from_segments(
    group: list[geo.Segment], number: int, state: DocState
) -> TableGeom | None:
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return None
    col_edges = geo.cluster_values((s.pos for s in vs), EDGE_TOLERANCE)
    row_edges = geo.cluster_values((s.pos for s in hs), EDGE_TOLERANCE)
    col_edges = _extend_edges(col_edges, min(s.start for s in hs), max(s.end for s in hs))
    row_edges = _extend_edges(row_edges, min(s.start for s in vs), max(s.end for s in vs))
    if not _grid_ok(col_edges, row_edges):
        return None
    # rules that stop short of the outer frame still bound cells: treat the frame as drawn
    frame = [
        geo.Segment(True, row_edges[0], col_edges[0], col_edges[-1]),
        geo.Segment(True, row_edges[-1], col_edges[0], col_edges[-1]),
        geo.Segment(False, col_edges[0], row_edges[0], row_edges[-1]),
        geo.Segment(False, col_edges[-1], row_edges[0], row_edges[-1]),
    ]
    return _make_geom("lines", col_edges, row_edges, hs + frame[:2], vs + frame[2:], number, state)


def _make_geom(
    found_by: FoundBy,
    col_edges: list[float],
    row_edges: list[float],
    hs: list[geo.Segment],
    vs: list[geo.Segment],
    number: int,
    state: DocState,
) -> TableGeom | None:
    cells, regular = geo.grid_cells(col_edges, row_edges, hs, vs, EDGE_TOLERANCE)
    if not regular:
        state.warn(
            "pdf-irregular-table",
            "a table has merged cells that are not rectangles; their bounding boxes were used",
            number,
        )
    grid: dict[tuple[int, int], int] = {}
    for i, gc in enumerate(cells):
        for r in range(gc.row, gc.row + gc.rowspan):
            for c in range(gc.col, gc.col + gc.colspan):
                grid[(r, c)] = i
    if len(cells) < 2:
        return None
    return TableGeom(found_by, col_edges, row_edges, cells, [None] * len(cells), grid)


def _tile_groups(tiles: list[Tile]) -> list[list[Tile]]:
    """Fill tiles that share an edge, grouped; a tile holding two or more others (a panel behind
    a table) is left out. Three tiles can make a table (one row of three cells)."""
    if len(tiles) < 3:
        return []
    boxes = [t[0] for t in tiles]
    by_x0 = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    x0s = [boxes[i][0] for i in by_x0]
    corners = _CornerGrid(boxes)
    keep = []
    for i, b in enumerate(boxes):
        area = geo.box_area(b)
        inside = 0
        lo, hi = bisect_left(x0s, b[0] - 0.5), bisect_right(x0s, b[2] + 0.5)
        # the tiles whose left edge lies in b's x range: from the x-sorted list, or from the grid
        # of top-left corners when that is the shorter way (a page of thousands of small tiles,
        # where one column of them would make this quadratic)
        near = corners.near(b, hi - lo)
        for j in by_x0[lo:hi] if near is None else near:
            o = boxes[j]
            if not b[0] - 0.5 <= o[0] <= b[2] + 0.5:
                continue
            if (
                j != i and o[1] >= b[1] - 0.5 and o[2] <= b[2] + 0.5 and o[3] <= b[3] + 0.5
                and geo.box_area(o) < area
            ):
                inside += 1
                if inside >= 2:
                    break
        if inside < 2:
            keep.append(i)
    tol = EDGE_TOLERANCE
    # index kept tiles by their left and top edges, in buckets `tol` wide, each bucket sorted
    # along the edge (so that a column of a thousand tiles isn't scanned for each of them)
    kept = [boxes[i] for i in keep]
    left = _EdgeIndex([(int(b[0] // tol), b[1], b[3]) for b in kept])
    top = _EdgeIndex([(int(b[1] // tol), b[0], b[2]) for b in kept])
    uf = geo.UnionFind(len(keep))
    for a, i in enumerate(keep):
        ba = boxes[i]
        kr, kb = int(ba[2] // tol), int(ba[3] // tol)
        # tiles whose left edge meets this one's right edge, overlapping it vertically
        for other in (o for k in (kr - 1, kr, kr + 1) for o in left.along(k, ba[1], ba[3], tol)):
            bo = boxes[keep[other]]
            if abs(ba[2] - bo[0]) <= tol and min(ba[3], bo[3]) - max(ba[1], bo[1]) > tol:
                uf.union(a, other)
        # tiles whose top edge meets this one's bottom edge, overlapping it horizontally
        for other in (o for k in (kb - 1, kb, kb + 1) for o in top.along(k, ba[0], ba[2], tol)):
            bo = boxes[keep[other]]
            if abs(ba[3] - bo[1]) <= tol and min(ba[2], bo[2]) - max(ba[0], bo[0]) > tol:
                uf.union(a, other)
    return [[tiles[keep[i]] for i in g] for g in uf.groups() if len(g) >= 3]


class _EdgeIndex:
    """Tiles by one edge's bucket, each bucket sorted by where the tiles' span along that edge
    starts: the tiles of a bucket whose span may overlap a given one are a slice of it."""

    def __init__(self, items: list[tuple[int, float, float]]) -> None:  # (bucket, start, end)
        buckets: dict[int, list[tuple[float, int]]] = {}
        self.longest: dict[int, float] = {}
        for a, (k, start, end) in enumerate(items):
            buckets.setdefault(k, []).append((start, a))
            self.longest[k] = max(self.longest.get(k, 0.0), end - start)
        self.starts: dict[int, list[float]] = {}
        self.ids: dict[int, list[int]] = {}
        for k, entries in buckets.items():
            entries.sort()
            self.starts[k] = [start for start, _ in entries]
            self.ids[k] = [a for _, a in entries]

    def along(self, k: int, start: float, end: float, tol: float) -> list[int]:
        """The tiles in bucket `k` whose span may overlap (start, end) by more than `tol` (a few
        more, never fewer: the exact test is the caller's)."""
        starts = self.starts.get(k)
        if not starts:
            return []
        lo = bisect_right(starts, start + tol - self.longest[k] - 1e-6)
        hi = bisect_left(starts, end - tol + 1e-6)
        return self.ids[k][lo:hi]


class _CornerGrid:
    """The tiles' top-left corners in square cells of about a tile's size, to find the tiles whose
    corner lies in a box without scanning a whole column of tiles. Tiles drawn inverted (an edge
    before its opposite) are met by every query."""

    def __init__(self, boxes: list[BBox]) -> None:
        sizes = sorted(max(b[2] - b[0], b[3] - b[1]) for b in boxes)
        self.cell = max(sizes[len(sizes) // 2] if sizes else 1.0, 1.0)
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.odd: list[int] = []
        self.ok = True
        try:
            for j, b in enumerate(boxes):
                if b[2] < b[0] or b[3] < b[1]:
                    self.odd.append(j)
                else:
                    key = (math.floor(b[0] / self.cell), math.floor(b[1] / self.cell))
                    self.cells.setdefault(key, []).append(j)
        except (ValueError, OverflowError):  # a coordinate that is no finite number
            self.ok = False

    def near(self, b: BBox, limit: int) -> list[int] | None:
        """The tiles whose corner may lie in `b` widened by 0.5 (and the odd ones); None when that
        takes more than `limit` cells or the grid can't be used."""
        if not self.ok:
            return None
        c = self.cell
        try:
            gx0, gx1 = math.floor((b[0] - 0.5) / c), math.floor((b[2] + 0.5) / c)
            gy0, gy1 = math.floor((b[1] - 0.5) / c), math.floor((b[3] + 0.5) / c)
        except (ValueError, OverflowError):
            return None
        if (gx1 - gx0 + 1) * (gy1 - gy0 + 1) > limit:
            return None
        found = list(self.odd)
        for gx in range(gx0, gx1 + 1):
            for gy in range(gy0, gy1 + 1):
                found.extend(self.cells.get((gx, gy), ()))
        return found


def _grid_from_tiles(group: list[Tile], number: int, state: DocState) -> TableGeom | None:
    boxes = [t[0] for t in group]
    col_edges = geo.cluster_values([v for b in boxes for v in (b[0], b[2])], EDGE_TOLERANCE)
    row_edges = geo.cluster_values([v for b in boxes for v in (b[1], b[3])], EDGE_TOLERANCE)
    if not _grid_ok(col_edges, row_edges):
        return None
    extent = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
    covered = sum(geo.box_area(b) for b in boxes)
    if covered < MIN_FILL_COVERAGE * geo.box_area(extent):
        return None
    hs: list[geo.Segment] = []
    vs: list[geo.Segment] = []
    for b in boxes:
        hs += [geo.Segment(True, b[1], b[0], b[2]), geo.Segment(True, b[3], b[0], b[2])]
        vs += [geo.Segment(False, b[0], b[1], b[3]), geo.Segment(False, b[2], b[1], b[3])]
    return _make_geom("fills", col_edges, row_edges, hs, vs, number, state)


def _assign_fills(tg: TableGeom, tiles: list[Tile]) -> None:
    """A cell's fill: the smallest tile inside the table holding the cell's centre."""
    if not tiles:
        return
    table_box = tg.bbox
    inside = [
        t for t in tiles
        if t[1] is not None and geo.center_in(t[0], table_box, EDGE_TOLERANCE) and on_grid(t[0], tg)
    ]
    if not inside:
        return
    inside.sort(key=lambda t: geo.box_area(t[0]))
    for i in range(len(tg.cells)):
        cb = tg.cell_bbox(i)
        cx, cy = (cb[0] + cb[2]) / 2, (cb[1] + cb[3]) / 2
        for tile_box, rgb, _ in inside:
            if tile_box[0] <= cx <= tile_box[2] and tile_box[1] <= cy <= tile_box[3]:
                tg.fills[i] = colours.to_hex(rgb)
                break


def on_grid(b: BBox, tg: TableGeom) -> bool:
    """Whether the box's four sides lie on the table's column and row edges (a cell background)."""
    tol = EDGE_TOLERANCE
    return (
        any(abs(b[0] - x) <= tol for x in tg.col_edges)
        and any(abs(b[2] - x) <= tol for x in tg.col_edges)
        and any(abs(b[1] - y) <= tol for y in tg.row_edges)
        and any(abs(b[3] - y) <= tol for y in tg.row_edges)
    )


def place_in_table(bbox: BBox, tables: list[TableGeom]) -> tuple[int, int] | None:
    """(table index, cell index) of the cell holding the centre of `bbox`, if any."""
    if not tables:
        return None
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    for ti, tg in enumerate(tables):
        r = geo.interval_index(tg.row_edges, cy)
        c = geo.interval_index(tg.col_edges, cx)
        if r is None or c is None:
            continue
        ci = tg.cell_index(r, c)
        if ci is not None:
            return ti, ci
    return None
