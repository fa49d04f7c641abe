"""What on a slide is content: its text lines without footers and glyph-only text, and the icons
that may be status icons.

A status icon typed as a character ("●" in a status colour) that the extractor left in the text is
an icon, not content: text made only of `lnhs_parse.glyphs.ICON_GLYPHS` is dropped here.
"""

from __future__ import annotations

import math

from lnhs_parse.glyphs import ICON_GLYPHS
from lnhs_parse.layout import BBox, Icon, Line, Page
from lnhs_parse.settings import SlideSettings
from lnhs_parse.utils.colour import parse_hex
from lnhs_parse.utils.geometry import overlap_of_smaller, reading_rows

__all__ = ["DEFAULT_SLIDE_SETTINGS", "content_lines", "is_footer", "is_glyph_text", "status_icons"]

DEFAULT_SLIDE_SETTINGS = SlideSettings()


def is_footer(line: Line, page: Page, settings: SlideSettings = DEFAULT_SLIDE_SETTINGS) -> bool:
    """Small text near the bottom of the slide: slide numbers, organisation names."""
    if line.bbox[1] < page.height * settings.footer_zone:
        return False
    return line.size is None or line.size <= settings.footer_max_size


def is_glyph_text(text: str) -> bool:
    """Text made only of icon glyphs and spaces ("● ●"): an icon, not content."""
    stripped = "".join(text.split())
    return bool(stripped) and all(ch in ICON_GLYPHS for ch in stripped)


def content_lines(page: Page, settings: SlideSettings = DEFAULT_SLIDE_SETTINGS) -> list[Line]:
    """The page's free text lines (outside tables) that are content: no footers, no glyph icons,
    no empty lines; top to bottom, left to right."""
    lines = [
        ln
        for ln in page.lines
        if ln.text.strip() and not is_glyph_text(ln.text) and not is_footer(ln, page, settings)
    ]
    order = reading_rows([ln.bbox for ln in lines])
    return [lines[i] for i in order]


def status_icons(page: Page, settings: SlideSettings = DEFAULT_SLIDE_SETTINGS) -> list[Icon]:
    """The page's icons that may be status icons: small, and one per overlapping group (a vector
    circle's soft shadow may come as a separate grey picture under it: the most colourful wins)."""
    small = [
        ic
        for ic in page.icons
        if ic.bbox[2] - ic.bbox[0] <= settings.max_icon_size
        and ic.bbox[3] - ic.bbox[1] <= settings.max_icon_size
    ]
    kept: list[Icon] = []
    index = _BoxGrid(_cell_size(small, settings.max_icon_size))
    for icon in sorted(small, key=lambda ic: -_saturation(ic.colour)):
        if any(
            overlap_of_smaller(icon.bbox, kept[k].bbox) >= settings.icon_overlap
            for k in index.near(icon.bbox)
        ):
            continue
        index.add(len(kept), icon.bbox)
        kept.append(icon)
    order = reading_rows([ic.bbox for ic in kept])
    return [kept[i] for i in order]


def _cell_size(icons: list[Icon], largest: float) -> float:
    """The grid's cell side: the icons' median size (so that a cell holds a few of them, however
    densely they lie), at least a sixteenth of the largest icon size (so that a box spans few
    cells)."""
    sizes = sorted(
        max(ic.bbox[2] - ic.bbox[0], ic.bbox[3] - ic.bbox[1])
        for ic in icons
        if all(math.isfinite(v) for v in ic.bbox)
    )
    median = sizes[len(sizes) // 2] if sizes else largest
    return max(min(median, largest), largest / 16, 1e-3)


class _BoxGrid:
    """The kept icons' boxes in square cells, so that a box meets only the kept boxes that share a
    cell with it rather than all of them: matching stays near linear on a slide of thousands of
    small shapes. Two boxes that overlap by a positive area share a cell. A box without area
    overlaps nothing (`overlap_of_smaller` is 0) and is not indexed; a box with a coordinate that is
    no finite number is met by every query and meets every kept box, as in a plain scan.
    """

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.everywhere: list[int] = []  # kept boxes with a coordinate that is not finite
        self.count = 0

    def _span(self, box: BBox) -> tuple[range, range] | None:
        """The cells `box` covers (empty when it has no area), or None when it is not finite."""
        c = self.cell
        try:
            xs = range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
            ys = range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        except (ValueError, OverflowError):  # NaN, infinity
            return None
        if box[2] <= box[0] or box[3] <= box[1]:
            return range(0), range(0)
        return xs, ys

    def add(self, key: int, box: BBox) -> None:
        self.count += 1
        span = self._span(box)
        if span is None:
            self.everywhere.append(key)
            return
        xs, ys = span
        for gx in xs:
            for gy in ys:
                self.cells.setdefault((gx, gy), []).append(key)

    def near(self, box: BBox) -> list[int]:
        """Keys of the kept boxes that may overlap `box`, in the order they were added."""
        span = self._span(box)
        if span is None:
            return list(range(self.count))
        xs, ys = span
        found = set(self.everywhere)
        for gx in xs:
            for gy in ys:
                found.update(self.cells.get((gx, gy), ()))
        return sorted(found)


def _saturation(value: str | None) -> float:
    rgb = parse_hex(value)
    if rgb is None:
        return -1.0
    hi, lo = max(rgb), min(rgb)
    return 0.0 if hi == 0 else (hi - lo) / hi
