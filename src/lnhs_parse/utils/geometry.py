"""Pure geometry helpers: clustering coordinates, box overlap, segments and grids.

Boxes are ``(x0, top, x1, bottom)`` tuples in points (top-left origin), as in `lnhs_parse.layout`.
Nothing here knows about PDFs, decks or the layout model's classes; the PDF extractor feeds these
helpers plain numbers and tuples.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

Box = tuple[float, float, float, float]


def box_area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def intersection_area(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    if w <= 0:
        return 0.0
    h = min(a[3], b[3]) - max(a[1], b[1])
    if h <= 0:
        return 0.0
    return w * h


def overlap_of_smaller(a: Box, b: Box) -> float:
    """Intersection area over the smaller box's area (1.0 when one box holds the other)."""
    smaller = min(box_area(a), box_area(b))
    if smaller <= 0:
        return 0.0
    return intersection_area(a, b) / smaller


def center_in(box: Box, outer: Box, tolerance: float = 0.0) -> bool:
    cx = (box[0] + box[2]) / 2
    cy = (box[1] + box[3]) / 2
    return (
        outer[0] - tolerance <= cx <= outer[2] + tolerance
        and outer[1] - tolerance <= cy <= outer[3] + tolerance
    )


def roughly_square(box: Box, min_side: float, max_side: float, max_aspect: float) -> bool:
    """Both sides within ``[min_side, max_side]``, the longer at most `max_aspect` × the shorter."""
    w, h = box[2] - box[0], box[3] - box[1]
    if not (min_side <= w <= max_side and min_side <= h <= max_side):
        return False
    return max(w, h) <= max_aspect * min(w, h)


def cluster_values(values: Iterable[float], tolerance: float) -> list[float]:
    """Sorted representative values: values within `tolerance` of their neighbour chain merge.

    Each cluster is represented by its mean. ``[10, 10.5, 30]`` with tolerance 1 gives
    ``[10.25, 30]``.
    """
    ordered = sorted(values)
    if not ordered:
        return []
    out: list[float] = []
    group = [ordered[0]]
    for v in ordered[1:]:
        if v - group[-1] <= tolerance:
            group.append(v)
        else:
            out.append(sum(group) / len(group))
            group = [v]
    out.append(sum(group) / len(group))
    return out


def interval_index(edges: Sequence[float], x: float) -> int | None:
    """Index k with ``edges[k] <= x < edges[k + 1]``, or None when `x` is outside the edges."""
    if not edges or x < edges[0] or x > edges[-1]:
        return None
    k = bisect_right(edges, x) - 1
    return min(k, len(edges) - 2)


class UnionFind:
    """Disjoint sets over ``0..n-1``."""

    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def suppress_stacked(boxes: Sequence[Box], order: Sequence[int], min_overlap: float) -> list[int]:
    """Non-maximum suppression: walk `order` (best first) and keep a box unless it overlaps a kept
    box by `min_overlap` of the smaller one. Returns the kept indices, best first.

    It never chains (as transitive clustering would): a large shadow touching two neighbouring icons
    is the one suppressed, not one of the icons.
    """
    kept: list[int] = []
    # bucket kept boxes on a coarse grid so each box is checked against its neighbours only
    cell = max([max(b[2] - b[0], b[3] - b[1]) for b in boxes] + [1.0])
    buckets: dict[tuple[int, int], list[int]] = {}
    for i in order:
        b = boxes[i]
        bx, by = int(b[0] // cell), int(b[1] // cell)
        near = (
            k
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for k in buckets.get((bx + dx, by + dy), ())
        )
        if all(overlap_of_smaller(b, boxes[k]) < min_overlap for k in near):
            kept.append(i)
            buckets.setdefault((bx, by), []).append(i)
    return kept


def reading_rows(boxes: Sequence[Box]) -> list[int]:
    """Indices of `boxes` in reading order: rows top to bottom, left to right within a row.

    Two boxes share a row when their vertical centres are closer than half the smaller height.
    """
    if not boxes:
        return []
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i][1] + boxes[i][3]) / 2)
    rows: list[list[int]] = [[order[0]]]
    for i in order[1:]:
        row = rows[-1]
        b = boxes[i]
        cy = (b[1] + b[3]) / 2
        ref = boxes[row[0]]
        ref_cy = (ref[1] + ref[3]) / 2
        h = min(b[3] - b[1], ref[3] - ref[1])
        if abs(cy - ref_cy) <= max(h / 2, 1.0):
            row.append(i)
        else:
            rows.append([i])
    return [i for row in rows for i in sorted(row, key=lambda k: boxes[k][0])]


# --------------------------------------------------------------------------------------------------
# Segments and grids


class Segment(NamedTuple):
    """An axis-parallel segment: horizontal (``pos`` is y, span in x) or vertical (``pos`` is x)."""

    horizontal: bool
    pos: float
    start: float
    end: float


def merge_segments(segments: Iterable[Segment], tolerance: float) -> list[Segment]:
    """Join collinear segments (same orientation, `pos` within `tolerance`) that touch or overlap
    within `tolerance`."""
    items = list(segments)
    out: list[Segment] = []
    for horizontal in (True, False):
        same = (s for s in items if s.horizontal is horizontal)
        segs = sorted(same, key=lambda s: (s.pos, s.start))
        # group by position first, then join along the span
        for pos_group in _group_by_pos(segs, tolerance):
            pos = sum(s.pos for s in pos_group) / len(pos_group)
            pos_group.sort(key=lambda s: s.start)
            cur_start, cur_end = pos_group[0].start, pos_group[0].end
            for s in pos_group[1:]:
                if s.start <= cur_end + tolerance:
                    cur_end = max(cur_end, s.end)
                else:
                    out.append(Segment(horizontal, pos, cur_start, cur_end))
                    cur_start, cur_end = s.start, s.end
            out.append(Segment(horizontal, pos, cur_start, cur_end))
    return out


def _group_by_pos(segs: list[Segment], tolerance: float) -> list[list[Segment]]:
    groups: list[list[Segment]] = []
    for s in segs:
        if groups and s.pos - groups[-1][-1].pos <= tolerance:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def segments_cross(h: Segment, v: Segment, tolerance: float) -> bool:
    """Whether a horizontal and a vertical segment meet (touching ends count)."""
    return (
        h.start - tolerance <= v.pos <= h.end + tolerance
        and v.start - tolerance <= h.pos <= v.end + tolerance
    )


def connected_segment_groups(segments: Sequence[Segment], tolerance: float) -> list[list[Segment]]:
    """Groups of segments connected through crossings (a grid and its rules form one group)."""
    hs = [i for i, s in enumerate(segments) if s.horizontal]
    vertical = (i for i, s in enumerate(segments) if not s.horizontal)
    vs = sorted(vertical, key=lambda i: segments[i].pos)
    v_pos = [segments[i].pos for i in vs]
    uf = UnionFind(len(segments))
    for i in hs:
        h = segments[i]
        lo = bisect_left(v_pos, h.start - tolerance)
        hi = bisect_right(v_pos, h.end + tolerance)
        for j in vs[lo:hi]:
            if segments_cross(h, segments[j], tolerance):
                uf.union(i, j)
    return [[segments[i] for i in g] for g in uf.groups()]


def covered(segments: Sequence[Segment], pos: float, at: float, tolerance: float) -> bool:
    """Whether a segment at `pos` (within tolerance) covers the point `at` along its span."""
    for s in segments:
        if abs(s.pos - pos) <= tolerance and s.start - tolerance <= at <= s.end + tolerance:
            return True
    return False


class GridCell(NamedTuple):
    row: int
    col: int
    rowspan: int
    colspan: int


def grid_cells(
    col_edges: Sequence[float],
    row_edges: Sequence[float],
    h_segments: Sequence[Segment],
    v_segments: Sequence[Segment],
    tolerance: float,
) -> tuple[list[GridCell], bool]:
    """The cells of a grid, merging neighbouring grid positions that no rule separates.

    Returns the cells (row-major by their top-left position) and whether every merged region was a
    rectangle (False means some merge was irregular and its bounding rectangle was used).
    """
    n_rows, n_cols = len(row_edges) - 1, len(col_edges) - 1
    uf = UnionFind(n_rows * n_cols)
    for r in range(n_rows):
        mid_y = (row_edges[r] + row_edges[r + 1]) / 2
        for c in range(n_cols - 1):
            if not covered(v_segments, col_edges[c + 1], mid_y, tolerance):
                uf.union(r * n_cols + c, r * n_cols + c + 1)
    for c in range(n_cols):
        mid_x = (col_edges[c] + col_edges[c + 1]) / 2
        for r in range(n_rows - 1):
            if not covered(h_segments, row_edges[r + 1], mid_x, tolerance):
                uf.union(r * n_cols + c, (r + 1) * n_cols + c)
    cells: list[GridCell] = []
    regular = True
    taken: set[int] = set()
    for group in sorted(uf.groups(), key=lambda g: min(g)):
        rows = [i // n_cols for i in group]
        cols = [i % n_cols for i in group]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        span = {r * n_cols + c for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if len(span) != len(group) or span & taken:
            regular = False
            span -= taken
            if not span:
                continue
        taken |= span
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1))
    cells.sort(key=lambda c: (c.row, c.col))
    return cells, regular
