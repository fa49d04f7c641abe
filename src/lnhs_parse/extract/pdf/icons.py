"""Icon candidates of a page (engine-neutral: works on plain shape and image dicts).

Small roughly square filled shapes (curves, rects), small pictures and coloured glyphs (taken out of
the text by `lnhs_parse.extract.pdf.lines`). Objects stacked on one spot (a soft shadow drawn as an
image under an oval, an outline, a halo) are one icon: the candidate with the most saturated colour
wins. Objects repeated at the same place on most pages outside tables (a logo) are page furniture,
not icons (`furniture`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple

from lnhs_parse.extract.pdf import colours
from lnhs_parse.extract.pdf.objects import RGB, PdfObject, box, round_box
from lnhs_parse.extract.pdf.state import PictureSignature
from lnhs_parse.extract.pdf.tables import EDGE_TOLERANCE, TableGeom, on_grid
from lnhs_parse.layout import BBox, Icon
from lnhs_parse.utils import geometry as geo

# Points. The largest side and the overlap that makes stacked candidates one icon are
# `SlideSettings.max_icon_size` and `SlideSettings.icon_overlap` (the normaliser applies the same
# values to the icons of every format), handed in by the caller.
ICON_MIN_SIDE = 4.0
ICON_MAX_ASPECT = 2.0  # longer side / shorter side (a legend's colour boxes are wider than tall)
FURNITURE_MIN_PAGES = 3  # an object repeated outside tables on at least this many pages …
FURNITURE_SHARE = 0.6  # … and on this share of all pages is a logo / page furniture

PlacedIcon = tuple[Icon, bool]
"""An icon and whether it lies inside a table."""

IconKey = tuple[str, str | None, str | None, str | None, tuple[int, ...]]
"""What makes two icons one object for `furniture`: kind, colour, glyph, digest, rounded box."""


class _Candidate(NamedTuple):
    icon: Icon
    rgb: RGB | None
    rank: int  # tie-break between equally saturated candidates: shape > glyph > picture


def icon_sized(b: BBox, max_side: float) -> bool:
    """Roughly square, with sides from `ICON_MIN_SIDE` to `max_side` points."""
    return geo.roughly_square(b, ICON_MIN_SIDE, max_side, ICON_MAX_ASPECT)


def _is_cell_background(b: BBox, tables: list[TableGeom]) -> bool:
    """A rect lying on a table's grid lines (a cell's background), not an icon."""
    return any(geo.center_in(b, tg.bbox, EDGE_TOLERANCE) and on_grid(b, tg) for tg in tables)


def icons(
    rects: list[PdfObject],
    curves: list[PdfObject],
    images: list[PdfObject],
    glyph_icons: list[Icon],
    tables: list[TableGeom],
    tile_ids: set[int],
    picture_signature: Callable[[PdfObject], PictureSignature],
    max_side: float,
    stack_overlap: float,
) -> list[PlacedIcon]:
    """The page's icons, stacked candidates reduced to one, each with whether it is in a table.

    `tile_ids` are the id() of rects used as fill tiles of a table; `picture_signature` gives an
    image's dominant colour and content digest (the engine decodes it). Candidates have sides up
    to `max_side`; those overlapping by `stack_overlap` of the smaller one's area are one icon.
    """
    cands: list[_Candidate] = []
    shape_objects: Iterable[tuple[list[PdfObject], bool]] = ((curves, False), (rects, True))
    for objs, is_rect in shape_objects:
        for o in objs:
            if not o.get("fill"):
                continue
            b = box(o)
            if not icon_sized(b, max_side):
                continue
            if is_rect and (id(o) in tile_ids or _is_cell_background(b, tables)):
                continue
            rgb = colours.rgb(o.get("non_stroking_color"))
            if rgb is None or colours.is_white(rgb):
                continue
            icon = Icon(kind="shape", bbox=round_box(b), colour=colours.to_hex(rgb))
            cands.append(_Candidate(icon, rgb, 2))
    for img in images:
        b = box(img)
        if not icon_sized(b, max_side):
            continue
        rgb, digest = picture_signature(img)
        if rgb is not None and colours.is_white(rgb):
            continue
        icon = Icon(kind="picture", bbox=round_box(b), colour=colours.to_hex(rgb), digest=digest)
        cands.append(_Candidate(icon, rgb, 0))
    for glyph_icon in glyph_icons:
        cands.append(_Candidate(glyph_icon, colours.from_hex(glyph_icon.colour), 1))
    if not cands:
        return []

    def strength(i: int) -> tuple[float, int, float]:
        c = cands[i]
        return (round(colours.chroma(c.rgb), 2), c.rank, geo.box_area(c.icon.bbox))

    order = sorted(range(len(cands)), key=strength, reverse=True)
    out: list[PlacedIcon] = []
    for i in geo.suppress_stacked([c.icon.bbox for c in cands], order, stack_overlap):
        kept = cands[i].icon
        out.append((kept, any(geo.center_in(kept.bbox, tg.bbox) for tg in tables)))
    return out


def icon_key(icon: Icon) -> IconKey:
    return (icon.kind, icon.colour, icon.glyph, icon.digest, tuple(round(v) for v in icon.bbox))


def furniture(pages: list[list[PlacedIcon]]) -> set[IconKey]:
    """Icons repeated at the same place outside tables on most pages: a logo, not a status. A row
    or column of repeated icons in different colours is a legend printed on every slide (under
    each table), not furniture."""
    if len(pages) < FURNITURE_MIN_PAGES:
        return set()
    pages_by_key: Counter[IconKey] = Counter()
    for placed in pages:
        for key in {icon_key(icon) for icon, in_table in placed
                    if not in_table and icon.kind != "glyph"}:
            pages_by_key[key] += 1
    need = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * len(pages))
    repeated = {key for key, n in pages_by_key.items() if n >= need}
    return repeated - _legend_keys(repeated)


def _legend_keys(keys: set[IconKey]) -> set[IconKey]:
    """The keys of repeated icons that line up (same row or column) with another of a different
    colour and about the same size: the entries of a legend."""
    out: set[IconKey] = set()
    listed = sorted(keys)
    for a in listed:
        for b in listed:
            if a is b or a[1] == b[1] or a[1] is None or b[1] is None:
                continue
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a[4], b[4]
            same_size = abs((ax1 - ax0) - (bx1 - bx0)) <= 2 and abs((ay1 - ay0) - (by1 - by0)) <= 2
            row = abs((ay0 + ay1) - (by0 + by1)) <= 4
            column = abs((ax0 + ax1) - (bx0 + bx1)) <= 4
            if same_size and (row or column):
                out |= {a, b}
    return out
