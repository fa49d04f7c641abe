"""What on a slide is content: its text lines without footers and glyph-only text, and the icons
that may be status icons.

A status icon typed as a character ("●" in a status colour) that the extractor left in the text is
an icon, not content: text made only of `lnhs_parse.glyphs.ICON_GLYPHS` is dropped here.
"""

from __future__ import annotations

from lnhs_parse.glyphs import ICON_GLYPHS
from lnhs_parse.layout import Icon, Line, Page
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
    for icon in sorted(small, key=lambda ic: -_saturation(ic.colour)):
        if any(overlap_of_smaller(icon.bbox, k.bbox) >= settings.icon_overlap for k in kept):
            continue
        kept.append(icon)
    order = reading_rows([ic.bbox for ic in kept])
    return [kept[i] for i in order]


def _saturation(value: str | None) -> float:
    rgb = parse_hex(value)
    if rgb is None:
        return -1.0
    hi, lo = max(rgb), min(rgb)
    return 0.0 if hi == 0 else (hi - lo) / hi
