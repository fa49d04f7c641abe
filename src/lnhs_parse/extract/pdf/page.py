"""One page's layout from its objects, and the checks across pages (engine-neutral).

`analyse_page` takes a page's objects as plain dicts (see `lnhs_parse.extract.pdf.objects`) and
returns a `PageDraft`: lines, tables and icon candidates. Once every page is read, `finish_pages`
drops page furniture (a logo repeated on most pages) and `check_scanned` refuses a scan.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from lnhs_parse.errors import ScannedDocumentError
from lnhs_parse.extract import symbols
from lnhs_parse.extract.pdf import lines as text_lines
from lnhs_parse.extract.pdf import rules as drawn_rules
from lnhs_parse.extract.pdf import shadows
from lnhs_parse.extract.pdf.icons import PlacedIcon, furniture, icon_key, icons
from lnhs_parse.extract.pdf.markers import mark_drawn_bullets
from lnhs_parse.extract.pdf.objects import PageObjects, PdfObject
from lnhs_parse.extract.pdf.state import DocState, PictureSignature
from lnhs_parse.extract.pdf.tables import find_tables, place_in_table, ruling
from lnhs_parse.layout import Icon, Line, Page, Table
from lnhs_parse.utils import geometry as geo

# Scanned-document check
TEXT_PAGE_MIN_CHARS = 10  # a page with fewer non-space chars has no text layer to speak of
SCANNED_TEXT_SHARE = 0.1  # at most this share of pages with text …
SCANNED_IMAGE_SHARE = 0.5  # … and at least this share with images: a scan

_Keyed = tuple[float, float, Line]  # (row, x0, line): the reading-order key of a line


@dataclass
class PageDraft:
    """A page read, before the icons repeated across pages are known."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    tables: tuple[Table, ...]
    icons: list[PlacedIcon]
    ink_chars: int
    has_images: bool


_POSITION_KEYS = ("x0", "x1", "top", "bottom")


def _placed(objects: PageObjects) -> tuple[PageObjects, int]:
    """The page's objects without those whose box or char matrix holds a value that is not a
    finite number (a damaged content stream may give NaN or infinity, from either engine), and how
    many were left out."""
    kept: dict[str, list[PdfObject]] = {}
    dropped = 0
    for kind, items in objects.items():
        if _sum_finite(items):  # all of them finite: the usual page, checked in one sum
            kept[kind] = items
            continue
        good = [obj for obj in items if _sum_finite((obj,)) or _finite(obj)]
        dropped += len(items) - len(good)
        kept[kind] = good
    return (kept if dropped else objects), dropped


def _sum_finite(items: list[PdfObject] | tuple[PdfObject]) -> bool:
    """Whether the sum of the objects' position values and matrix entries is a finite number:
    the sum of finite numbers is, but where it overflows (each value is checked then, `_finite`);
    a NaN or an infinity makes it not finite. An object without one of those values, or with
    something else than a number, False too (`_finite` checks it)."""
    total = 0.0
    try:
        for obj in items:
            total += obj["x0"] + obj["x1"] + obj["top"] + obj["bottom"]
            matrix = obj.get("matrix")
            if matrix:
                total += sum(matrix)
    except (KeyError, TypeError):
        return False
    return math.isfinite(total)


def _finite(obj: PdfObject) -> bool:
    """Whether each position value and matrix entry of `obj` is a finite number."""
    values = [obj.get(k, 0.0) for k in _POSITION_KEYS] + list(obj.get("matrix") or ())
    try:
        return all(math.isfinite(v) for v in values)
    except TypeError:  # not a number at all
        return False


def analyse_page(
    number: int,
    width: float,
    height: float,
    objects: PageObjects,
    state: DocState,
    picture_signature: Callable[[PdfObject], PictureSignature],
    blocks: dict[int, int] | None = None,
) -> PageDraft:
    """Lines, tables and icons of one page; `blocks` maps marked-content ids to paragraphs."""
    objects, dropped = _placed(objects)
    if dropped:
        state.warn("pdf-bad-coordinates", f"{dropped} objects whose position is not a number "
                   "left out", number)
    chars = objects.get("char", [])
    symbols.translate_pdf_chars(chars)  # Wingdings "l" / U+F06C → "●" before anything reads them
    glyph_icons: list[Icon] = []
    runs, rotated, ink_chars, overlapped = text_lines.runs(chars, glyph_icons)
    if overlapped:  # glyphs drawn over others: a text shadow's? (its glyphs once, on the text)
        found = shadows.read_once(chars)
        if found.dropped:
            glyph_icons = []
            runs, rotated, ink_chars, _ = text_lines.runs(found.chars, glyph_icons)
    rects = objects.get("rect", [])
    rules = objects.get("line", [])
    curves = objects.get("curve", [])
    images = objects.get("image", [])

    ruled = ruling(width, height, rects, rules, curves)
    tables_geo, tile_ids = find_tables(ruled, number, state)
    if rotated:
        state.warn(
            "pdf-rotated-text", f"{len(rotated)} rotated chars kept as separate lines", number
        )
    runs = text_lines.join_runs(runs)
    runs = text_lines.cut_runs_at_columns(runs, tables_geo)
    runs = drawn_rules.cut_runs(runs, ruled.segments)
    runs = drawn_rules.cut_at_boxes(runs, ruled.boxes)
    # (row, line): the upright lines, then the rotated ones (never placed in a table)
    made: list[tuple[float, Line]] = []
    for run in runs:
        line = text_lines.make_line(run, state.faces, blocks)
        if line is not None:
            made.append((round(run.base_top, 1), line))
    n_upright = len(made)
    for group in rotated:
        rotated_line = text_lines.make_rotated_line(group)
        if rotated_line is not None:
            made.append((round(rotated_line.bbox[3], 1), rotated_line))
    marked = drawn_rules.rules_above([ln for _, ln in made], ruled.segments)
    cell_lines: list[list[list[_Keyed]]] = [[[] for _ in tg.cells] for tg in tables_geo]
    keyed: list[_Keyed] = []
    for k, ((row, _), line) in enumerate(zip(made, marked, strict=True)):
        key = (row, line.bbox[0], line)
        placed = place_in_table(line.bbox, tables_geo) if k < n_upright else None
        if placed is None:
            keyed.append(key)
        else:
            cell_lines[placed[0]][placed[1]].append(key)
    keyed.sort(key=lambda k: (k[0], k[1]))

    tables = tuple(
        tg.to_table([tuple(k[2] for k in sorted(cl, key=lambda k: (k[0], k[1]))) for cl in cls])
        for tg, cls in zip(tables_geo, cell_lines, strict=True)
    )
    placed_icons = icons(
        rects, curves, images, glyph_icons, tables_geo, tile_ids, picture_signature,
        state.slides.max_icon_size, state.slides.icon_overlap,
    )
    draft = PageDraft(
        number=number,
        width=width,
        height=height,
        lines=tuple(k[2] for k in keyed),
        tables=tables,
        icons=placed_icons,
        ink_chars=ink_chars,
        has_images=bool(images),
    )
    mark_drawn_bullets(draft, objects, state.slides.max_icon_size)
    return draft


def finish_pages(drafts: list[PageDraft]) -> tuple[Page, ...]:
    """The pages, page furniture left out of their icons and the icons in reading order."""
    repeated = furniture([d.icons for d in drafts])
    pages: list[Page] = []
    for d in drafts:
        kept = [icon for icon, in_table in d.icons if in_table or icon_key(icon) not in repeated]
        order = geo.reading_rows([icon.bbox for icon in kept])
        pages.append(
            Page(
                number=d.number,
                width=d.width,
                height=d.height,
                lines=d.lines,
                tables=d.tables,
                icons=tuple(kept[i] for i in order),
            )
        )
    return tuple(pages)


def check_scanned(drafts: list[PageDraft], name: str) -> None:
    """Refuse a document whose pages are pictures with (almost) no text layer: a scan."""
    if not drafts:
        return
    text_pages = sum(1 for d in drafts if d.ink_chars >= TEXT_PAGE_MIN_CHARS)
    image_pages = sum(1 for d in drafts if d.has_images)
    if text_pages <= SCANNED_TEXT_SHARE * len(drafts) and image_pages >= max(
        1, SCANNED_IMAGE_SHARE * len(drafts)
    ):
        raise ScannedDocumentError(
            f"no text layer: looks scanned ({image_pages} of {len(drafts)} pages are images "
            f"with no text)",
            path=name,
        )
