"""Rules and boxes drawn between text: a reader never reads across one (engine-neutral).

- A vertical rule drawn through a word space of a line, over the height of the glyphs on either
  side, cuts the line there: a column drawn with a rule, in a table or a callout (`cut_runs`).
- A word space where the text leaves one filled box for another, the boxes apart, cuts the line
  there: labels set side by side, each on a box of its own (`cut_at_boxes`).
- A horizontal rule drawn just above a line, across it and through no text, is noted on the line
  (`Line.rule_above`): the normaliser never goes on with a paragraph across it (a table header
  over its values, ruled apart).

An underline is its line's, not a rule between lines: it lies just under the text, no wider than it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from lnhs_parse.extract.pdf.lines import WORD_GAP, Run, cut_run
from lnhs_parse.extract.pdf.objects import PdfObject
from lnhs_parse.layout import BBox, Line
from lnhs_parse.utils import geometry as geo

# All relative to the font size of the text involved.
COVER = 0.25  # a cutting rule covers the glyphs' middle by at least this much up and down
REACH = 1.0  # a rule at most this far above a line's top is drawn between it and the text above
ACROSS = 0.5  # … when it spans at least this share of the line's width
TOUCH = 0.5  # points: a rule this close to a line's top (or into it) still counts as above it
# A line looks at the few rules closest above it, and a rule at the few lines whose band it lies
# in, so a page of thousands of rules or lines on one spot reads in near-linear work.
MAX_CANDIDATES = 8
BAND = 12.0  # points: the height of the bands lines are indexed by
MAX_IN_BAND = 64  # a rule in a band fuller than this is taken to cross text
SPAN_GRID = 2.0  # points: rules whose ends agree to this are of one span
GLYPH_EDGE = 0.05  # a rule further than this into a glyph's box goes through the glyph
MAX_RULES_ACROSS = 64  # rules looked at across one line (a chart's grid has fewer)
# An underline lies under its line, at most this far below the line's box (a box may end at the
# baseline: LibreOffice writes fonts with no descent) …
UNDERLINE_DROP = 0.35
UNDERLINE_END = 0.5  # … and ends at most this far beyond its text (an underlined space)
BOX_GAP = 0.5  # points: two filled boxes further apart than this are apart
MAX_BOX_BANDS = 20  # a filled box taller than this many bands is a panel behind text, no label's


def cut_runs(runs: list[Run], segments: list[geo.Segment]) -> list[Run]:
    """Runs cut where a vertical rule goes through a word space of theirs (see the module). Rules
    of one span, one of which goes through a glyph, are a grid drawn behind the text (a chart's):
    none of them cuts."""
    vs = sorted((s for s in segments if not s.horizontal), key=lambda s: s.pos)
    if not vs:
        return runs
    xs = [s.pos for s in vs]
    found: list[tuple[int, list[geo.Segment]]] = []  # (index of a run, the rules cutting it)
    paper: set[tuple[int, int]] = set()
    for i, run in enumerate(runs):
        lo, hi = bisect_right(xs, run.x0), bisect_left(xs, run.x1)
        if lo >= hi:
            continue
        ink = sorted((c for c in run.chars if not c["text"].isspace()), key=lambda c: c["x0"])
        starts = [c["x0"] for c in ink]
        cuts: list[geo.Segment] = []
        for rule in vs[lo:min(hi, lo + MAX_RULES_ACROSS)]:
            j = bisect_left(starts, rule.pos)
            if j == 0:
                continue
            left = ink[j - 1]
            if _covers(rule, left, left) and rule.pos < left["x1"] - GLYPH_EDGE * left["size"]:
                paper.add(_span(rule))  # through a glyph
            elif j < len(ink) and _through_space(rule, left, ink[j]):
                cuts.append(rule)
        if cuts:
            found.append((i, cuts))
    if not found:
        return runs
    cut_at = {i: [r.pos for r in cuts if _span(r) not in paper] for i, cuts in found}
    out: list[Run] = []
    for i, run in enumerate(runs):
        out.extend(cut_run(run, cut_at.get(i, [])))
    return out


def cut_at_boxes(runs: list[Run], filled: list[BBox]) -> list[Run]:
    """Runs cut at a word space where the text leaves one filled box for another, the boxes apart
    (see the module)."""
    if len(filled) < 2:
        return runs
    bands: dict[int, list[BBox]] = {}
    for box in filled:
        lo, hi = int(box[1] // BAND), int(box[3] // BAND)
        if hi - lo <= MAX_BOX_BANDS:
            for band in range(lo, hi + 1):
                bands.setdefault(band, []).append(box)
    out: list[Run] = []
    for run in runs:
        first = run.chars[0]
        middle = (first["top"] + first["bottom"]) / 2
        boxes = [
            box for box in bands.get(int(middle // BAND), [])
            if box[1] <= middle <= box[3] and box[0] < run.x1 and box[2] > run.x0
        ]
        if not 2 <= len(boxes) <= MAX_IN_BAND:
            out.append(run)
            continue
        ink = sorted((c for c in run.chars if not c["text"].isspace()), key=lambda c: c["x0"])
        cuts: list[float] = []
        for left, right in pairwise(ink):
            if right["x0"] - left["x1"] <= WORD_GAP * max(left["size"], right["size"]):
                continue
            a, b = _innermost(boxes, left, middle), _innermost(boxes, right, middle)
            if a and b and left["x1"] <= a[2] and a[2] + BOX_GAP < b[0] <= right["x0"]:
                cuts.append((a[2] + b[0]) / 2)
        out.extend(cut_run(run, cuts))
    return out


def _innermost(boxes: list[BBox], c: PdfObject, y: float) -> BBox | None:
    """The smallest of `boxes` holding the middle of glyph `c` at height `y`."""
    x = (c["x0"] + c["x1"]) / 2
    holding = [b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
    return min(holding, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), default=None)


def _through_space(rule: geo.Segment, left: PdfObject, right: PdfObject) -> bool:
    """Whether the vertical `rule` runs through the word space between the glyphs `left` and
    `right`, over their height."""
    size: float = max(left["size"], right["size"])
    x1: float = left["x1"]
    x0: float = right["x0"]
    return x1 <= rule.pos <= x0 and x0 - x1 > WORD_GAP * size and _covers(rule, left, right)


def _covers(rule: geo.Segment, left: PdfObject, right: PdfObject) -> bool:
    """Whether the vertical `rule` covers the middle of the glyphs `left` and `right`, `COVER` of
    their size up and down."""
    size: float = max(left["size"], right["size"])
    middle: float = (min(left["top"], right["top"]) + max(left["bottom"], right["bottom"])) / 2
    return rule.start <= middle - COVER * size and rule.end >= middle + COVER * size


def rules_above(lines: list[Line], segments: list[geo.Segment]) -> list[Line]:
    """The lines, each with `Line.rule_above` set where a horizontal rule is drawn just above it
    (see the module). Rules of one span, one of which goes through text, are ruled paper drawn
    behind the text (a notebook page): none of them separates lines."""
    hs = sorted((s for s in segments if s.horizontal), key=lambda s: s.pos)
    if not hs or len(lines) < 2:
        return lines
    ys = [s.pos for s in hs]
    bands: dict[int, list[Line]] = {}
    for ln in lines:
        reach = ln.bbox[3] + UNDERLINE_DROP * _size(ln)  # where an underline of it may lie
        for b in range(int(ln.bbox[1] // BAND), int(reach // BAND) + 1):
            bands.setdefault(b, []).append(ln)
    paper: set[tuple[int, int]] = set()  # the spans of rules drawn through text
    underlines: set[int] = set()
    for k, rule in enumerate(hs):
        band = bands.get(int(rule.pos // BAND), [])
        if len(band) <= MAX_IN_BAND and _underlines(rule, band):
            underlines.add(k)
        elif _crosses_text(rule, band):
            paper.add(_span(rule))
    out: list[Line] = []
    for ln in lines:
        x0, top, x1, _ = ln.bbox
        size = _size(ln)
        lo = bisect_left(ys, top - REACH * size)
        hi = bisect_right(ys, top + TOUCH)
        found: float | None = None
        for k in range(hi - 1, max(lo, hi - MAX_CANDIDATES) - 1, -1):  # the closest first
            rule = hs[k]
            across = min(rule.end, x1) - max(rule.start, x0) >= ACROSS * (x1 - x0)
            if across and k not in underlines and _span(rule) not in paper:
                found = round(rule.pos, 2)
                break
        out.append(ln if found is None else replace(ln, rule_above=found))
    return out


def _size(ln: Line) -> float:
    return ln.size or (ln.bbox[3] - ln.bbox[1])


def _underlines(rule: geo.Segment, band: list[Line]) -> bool:
    """Whether the horizontal `rule` is the underline of a line of `band`: it lies in the lower
    half of the line's box or at most `UNDERLINE_DROP` of its size below, and no further left or
    right of its text than `UNDERLINE_END` of its size (the text's width: a rule under a box, a
    cell or a row of cells is wider)."""
    for ln in band:
        x0, top, x1, bottom = ln.bbox
        size = _size(ln)
        below = top + size / 2 < rule.pos <= bottom + UNDERLINE_DROP * size
        if below and rule.start >= x0 - UNDERLINE_END * size and (
            rule.end <= x1 + UNDERLINE_END * size
        ):
            return True
    return False


def _span(rule: geo.Segment) -> tuple[int, int]:
    """Where a rule starts and ends, to `SPAN_GRID` points."""
    return round(rule.start / SPAN_GRID), round(rule.end / SPAN_GRID)


def _crosses_text(rule: geo.Segment, band: list[Line]) -> bool:
    """Whether the horizontal `rule` goes through the box of a line of `band` (an underline, a
    strike-through, ruled paper behind text), a line's edges not counted."""
    if len(band) > MAX_IN_BAND:
        return True
    for ln in band:
        x0, top, x1, bottom = ln.bbox
        if top + TOUCH < rule.pos < bottom - TOUCH and rule.start < x1 and rule.end > x0:
            return True
    return False
