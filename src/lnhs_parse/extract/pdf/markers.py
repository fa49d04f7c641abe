"""Drawn list markers (engine-neutral: works on plain shape dicts and the page's lines).

An HTML renderer (Chromium's print to PDF) draws a list item's bullet as a small filled shape, a
circle (a curve) for `disc`, a square (a rect) for `square`, with no character in the text layer.
Such a marker becomes the `Line.bullet` of the line it stands in front of (whose box then starts at
the marker, as a line's with a bullet character does), and is no icon.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from lnhs_parse.extract.pdf import colours
from lnhs_parse.extract.pdf.objects import RGB, PageObjects, box
from lnhs_parse.layout import BBox, Line
from lnhs_parse.utils import geometry as geo

if TYPE_CHECKING:  # only for annotations: page imports this module
    from lnhs_parse.extract.pdf.page import PageDraft

# Sizes and distances are relative to the font size of the line the marker stands in front of.
MARKER_MIN_SIDE = 0.15  # a marker's side is at least this many font sizes …
MARKER_MAX_SIDE = 0.6  # … and at most this many (a status icon next to text is larger)
MARKER_MAX_ASPECT = 1.3  # longer side / shorter side
MARKER_MAX_GAP = 1.6  # from the marker's right edge to the line's first char, at most
MARKER_MAX_COLOUR_DIFF = 0.12  # largest channel difference (0..1) to the line's text colour
DRAWN_BULLETS = {"curve": "•", "rect": "▪"}  # the `Line.bullet` a drawn marker becomes


def mark_drawn_bullets(draft: PageDraft, objects: PageObjects, max_icon_size: float) -> None:
    """Give lines drawn list markers as `Line.bullet`, and take the markers out of the icons.

    A marker is a small, roughly square filled shape in the text's own colour, standing left of a
    line's first character at the height of that line (its vertical centre inside the line's box),
    inside the same table cell or outside any table. Only the first line of a list item has one; its
    wrapped lines don't.
    """
    shapes: list[tuple[BBox, RGB | None, str]] = []
    for kind, bullet in DRAWN_BULLETS.items():
        for o in objects.get(kind, ()):
            if not o.get("fill"):
                continue
            b = box(o)
            w, h = b[2] - b[0], b[3] - b[1]
            if w <= 0 or h <= 0 or max(w, h) > max_icon_size:  # no icon candidate either
                continue
            if max(w, h) > MARKER_MAX_ASPECT * min(w, h):
                continue
            shapes.append((b, colours.rgb(o.get("non_stroking_color")), bullet))
    if not shapes:
        return
    shapes.sort(key=lambda s: s[0][2])
    rights = [s[0][2] for s in shapes]
    used: list[BBox] = []

    def mark(line: Line, area: BBox | None) -> Line:
        size = line.size or 0.0
        if size <= 0 or line.bullet is not None:
            return line
        x0, top, _, bottom = line.bbox
        line_rgb = colours.from_hex(line.colour)
        best: tuple[float, BBox, str] | None = None
        lo = bisect_left(rights, x0 - MARKER_MAX_GAP * size)
        for b, rgb, glyph in shapes[lo : bisect_right(rights, x0)]:
            side = max(b[2] - b[0], b[3] - b[1])
            if not MARKER_MIN_SIDE * size <= side <= MARKER_MAX_SIDE * size:
                continue
            if not top <= (b[1] + b[3]) / 2 <= bottom:
                continue
            if area is not None and not geo.center_in(b, area):
                continue
            if rgb is None or line_rgb is None:
                continue
            if max(abs(p - q) for p, q in zip(rgb, line_rgb, strict=True)) > MARKER_MAX_COLOUR_DIFF:
                continue
            gap = x0 - b[2]
            if best is None or gap < best[0]:
                best = (gap, b, glyph)
        if best is None:
            return line
        used.append(best[1])
        # the line starts at its marker, as a line whose bullet is a character does: its indent
        # (a list item's level) is where the bullet stands, not where the text after it starts
        marker = best[1]
        return replace(line, bullet=best[2], bbox=(marker[0], top, line.bbox[2], bottom))

    table_boxes = [t.bbox for t in draft.tables]
    draft.lines = tuple(
        ln if any(geo.center_in(ln.bbox, tb) for tb in table_boxes) else mark(ln, None)
        for ln in draft.lines
    )
    draft.tables = tuple(
        replace(t, cells=tuple(
            replace(c, lines=tuple(mark(ln, c.bbox) for ln in c.lines)) for c in t.cells
        ))
        for t in draft.tables
    )
    if used:
        draft.icons = [
            (icon, inside) for icon, inside in draft.icons
            if not any(
                max(abs(p - q) for p, q in zip(icon.bbox, b, strict=True)) <= 0.5 for b in used
            )
        ]
