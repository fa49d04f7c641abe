"""PDF → layout model, with pdfplumber (the only module that imports it).

Each page's objects are read once (``page.objects``: chars, rects, lines, curves, images) and then
worked on as plain lists:

- **Lines.** Chars are walked in content-stream order into runs on one baseline; a run breaks where
  the baseline changes, where the text jumps backwards, or at a horizontal gap wider than
  `COLUMN_GAP` × the font size that no typed space bridges. Runs of one baseline that touch are
  joined again, runs that cross a table's column rule are cut at it, so text of neighbouring columns
  never merges into one `Line`.
- **Paragraphs of tagged PDFs.** When the PDF has a structure tree (PowerPoint's and browsers'
  exports, LibreOffice's with its tagged-PDF option), each line records the paragraph-level
  structure element (P, H…, LI) its characters belong to, through their marked-content ids
  (`Line.block`), so the normaliser takes paragraphs from the tags instead of the geometry.
- **Tables.** Ruling lines (line objects, hairline rects, stroked rect borders) that cross each
  other form a grid → ``Table(found_by="lines")``. Failing that, filled rects tiling a region edge to
  edge → ``Table(found_by="fills")``. A grid needs ≥ 2 rows and ≥ 2 columns of a reasonable size. Grid
  positions that no rule (or tile edge) separates are one merged cell. A table drawn with neither
  stays text in `Page.lines`: the normaliser rebuilds its grid.
- **Icons.** Small roughly square filled shapes (curves, rects), small pictures and coloured glyphs
  (``●`` …). Objects stacked on one spot (a soft shadow drawn as an image under an oval, an outline,
  a halo) are one icon: the candidate with the most saturated colour wins. Objects repeated at the
  same place on most pages outside tables (a logo) are page furniture, not icons.

Thresholds are module constants, named and documented where they are defined.
"""

from __future__ import annotations

import hashlib
import io
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lnhs_parse.errors import (
    CorruptFileError,
    EncryptedFileError,
    LimitExceededError,
    LnhsParseError,
    ScannedDocumentError,
)
from lnhs_parse.extract import sha256_of, symbols
from lnhs_parse.glyphs import BULLETS
from lnhs_parse.layout import BBox, Cell, Document, Icon, LayoutWarning, Line, Page, Table
from lnhs_parse.settings import ParseOptions
from lnhs_parse.utils import colour
from lnhs_parse.utils import geometry as geo

# --------------------------------------------------------------------------------------------------
# Thresholds

# Lines (all relative to the font size of the chars involved)
BASELINE_TOLERANCE = 0.25  # chars whose baselines differ by more start a new run
COLUMN_GAP = 1.0  # a gap wider than this many font sizes, not bridged by typed spaces, splits a line
SPACE_BRIDGE = 0.35  # typed spaces bridge a gap when each hop between them is at most this wide
WORD_GAP = 0.2  # a gap wider than this between two chars with no space char between gets a " "
BULLET_GAP = 0.1  # … and after a line's first char, a bullet, a gap wider than this (letters touch)
BACKWARDS = 0.5  # text jumping back further than this starts a new run

# Tagged PDFs (ISO 32000-1, 14.8.4): structure elements that hold one paragraph of text. A list item
# (LI: its label and body) is one paragraph; the first paragraph inside its body is that same one.
PARAGRAPH_TAGS = frozenset(
    {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Caption", "Note", "TOCI", "Title"}
)
LIST_ITEM_TAG = "LI"

# Tables (points)
RULE_MAX_THICKNESS = 2.5  # a filled or stroked rect thinner than this is a ruling line …
RULE_MIN_LENGTH = 4.0  # … when at least this long (dots and specks are no rules)
EDGE_TOLERANCE = 2.0  # rules closer than this are one grid edge; how far a rule may fall short
MIN_ROW_HEIGHT = 4.0
MIN_COL_WIDTH = 8.0
MIN_TABLE_WIDTH = 60.0
MIN_TABLE_HEIGHT = 20.0
MIN_FILL_COVERAGE = 0.8  # tiles of a fills table cover at least this share of its box
PAGE_SIZED = 0.9  # a rect covering this share of the page's width and height is the background

# Icons (points)
ICON_MIN_SIDE = 4.0
ICON_MAX_SIDE = 40.0
ICON_MAX_ASPECT = 1.6  # longer side / shorter side
ICON_STACK_OVERLAP = 0.5  # candidates overlapping by this share of the smaller one are one icon
GLYPHS = frozenset("●⬤◉■▲★◆♦⚫🔴🟠🟡🟢🔵")
GLYPH_MIN_BRIGHTNESS = 0.2  # a glyph darker than this (max channel) is black text, not an icon
WHITE = 0.94  # every channel above this: white (a background, not an icon)
PICTURE_WHITE = 241  # a picture's pixels with every channel (0..255) this bright are background
FURNITURE_MIN_PAGES = 3  # an object repeated outside tables on at least this many pages …
FURNITURE_SHARE = 0.6  # … and on this share of all pages is a logo / page furniture

# Scanned-document check
TEXT_PAGE_MIN_CHARS = 10  # a page with fewer non-space chars has no text layer to speak of
SCANNED_TEXT_SHARE = 0.1  # at most this share of pages with text …
SCANNED_IMAGE_SHARE = 0.5  # … and at least this share with images: a scan

_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")


def accepts(head: bytes) -> bool:
    return b"%PDF-" in head


# --------------------------------------------------------------------------------------------------
# Entry point


def extract(path: str | Path, options: ParseOptions) -> Document:
    """Read the PDF at `path` into the layout model."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    p = Path(path)
    name = str(p)
    digest = sha256_of(p)
    try:
        pdf = pdfplumber.open(p, password=options.password or "")
    except PdfminerException as exc:
        raise _open_error(exc, name, bool(options.password)) from exc
    except Exception as exc:  # pdfminer raises many kinds of errors on a broken file
        raise CorruptFileError(f"not a readable PDF ({_describe(exc)})", path=name) from exc

    with _closing(pdf):
        try:
            page_count = _page_count(pdf)
        except Exception as exc:
            raise CorruptFileError(f"the page tree is broken ({_describe(exc)})", path=name) from exc
        if page_count > options.limits.max_pages:
            raise LimitExceededError(
                f"{page_count} pages, over the limit of {options.limits.max_pages}", path=name
            )
        try:
            pdf_pages = pdf.pages
        except Exception as exc:
            raise CorruptFileError(f"the page tree is broken ({_describe(exc)})", path=name) from exc
        page_count = len(pdf_pages)
        if page_count > options.limits.max_pages:  # the page tree's /Count understated it
            raise LimitExceededError(
                f"{page_count} pages, over the limit of {options.limits.max_pages}", path=name
            )

        state = _DocState()
        drafts: list[_PageDraft] = []
        tagged = _has_structure(pdf)
        for page in pdf_pages:
            number = page.page_number
            try:
                objects = page.objects
                width, height = float(page.width), float(page.height)
            except Exception as exc:
                raise CorruptFileError(
                    f"page {number} can't be read ({_describe(exc)})", path=name
                ) from exc
            n_objects = sum(len(v) for v in objects.values())
            if n_objects > options.limits.max_page_objects:
                raise LimitExceededError(
                    f"page {number} has {n_objects} objects, over the limit of "
                    f"{options.limits.max_page_objects}",
                    path=name,
                )
            blocks = _paragraph_blocks(page, state) if tagged else {}
            drafts.append(_analyse_page(number, width, height, objects, state, blocks))
            _mark_drawn_bullets(drafts[-1], objects)
            page.close()  # drop pdfplumber's per-page caches: we keep only our own model

        _check_scanned(drafts, name)
        furniture = _furniture(drafts)
        pages = tuple(d.finish(furniture) for d in drafts)
        if options.debug_dir is not None:
            from lnhs_parse.extract import debug

            try:
                debug.write_pages(pdf_pages, pages, options.debug_dir)
            except Exception as exc:  # a debug picture never costs the parse
                state.warn("debug-write-failed", f"debug images not written: {_describe(exc)}", None)

    return Document(
        path=name,
        format="pdf",
        sha256=digest,
        page_count=page_count,
        pages=pages,
        warnings=tuple(state.warnings),
    )


@contextmanager
def _closing(pdf: Any) -> Iterator[Any]:
    """Close the PDF whatever happens. pdfplumber's own ``close()`` walks the page tree again and
    raises on a broken one, which would replace the error being raised: then close the file only."""
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except Exception:
            stream = getattr(pdf, "stream", None)
            if stream is not None and not getattr(pdf, "stream_is_external", False):
                stream.close()


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = str(inner).strip()
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _open_error(exc: Exception, name: str, password_given: bool) -> LnhsParseError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return EncryptedFileError(
            "the PDF is encrypted and the password given is wrong" if password_given
            else "the PDF is encrypted: give its password with --password",
            path=name,
        )
    if isinstance(inner, PDFEncryptionError):
        return EncryptedFileError(f"the PDF's encryption is not supported ({inner})", path=name)
    return CorruptFileError(f"not a readable PDF ({_describe(exc)})", path=name)


def _page_count(pdf: Any) -> int:
    """Pages in the document from the page tree's /Count, without building page objects."""
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:  # a broken /Count: counting the pages themselves raises what is wrong
        pass
    return len(pdf.pages)


# --------------------------------------------------------------------------------------------------
# Colours


def _rgb(color: Any) -> tuple[float, float, float] | None:
    """A pdfplumber colour (gray, RGB or CMYK tuple) as RGB in 0..1, or None (patterns, unknown)."""
    if color is None or isinstance(color, str):
        return None
    if isinstance(color, (int, float)):
        vals = [float(color)]
    else:
        try:
            vals = [float(v) for v in color]
        except (TypeError, ValueError):
            return None
    vals = [min(1.0, max(0.0, v)) for v in vals]
    if len(vals) == 1:
        return (vals[0], vals[0], vals[0])
    if len(vals) == 3:
        return (vals[0], vals[1], vals[2])
    if len(vals) == 4:
        c, m, y, k = vals
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _hex(rgb: tuple[float, float, float] | None) -> str | None:
    """An RGB colour in 0..1 as "#RRGGBB"."""
    if rgb is None:
        return None
    return colour.rgb_to_hex((rgb[0] * 255, rgb[1] * 255, rgb[2] * 255))


def _chroma(rgb: tuple[float, float, float] | None) -> float:
    return 0.0 if rgb is None else max(rgb) - min(rgb)


def _is_white(rgb: tuple[float, float, float] | None) -> bool:
    return rgb is not None and min(rgb) > WHITE


# --------------------------------------------------------------------------------------------------
# Per-document and per-page state


@dataclass
class _DocState:
    warnings: list[LayoutWarning] = field(default_factory=list)
    pictures: dict[Any, tuple[tuple[float, float, float] | None, str | None]] = field(
        default_factory=dict
    )
    bold: dict[str, bool] = field(default_factory=dict)

    def warn(self, code: str, message: str, page: int | None) -> None:
        self.warnings.append(LayoutWarning(code, message, page))


@dataclass
class _PageDraft:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    tables: tuple[Table, ...]
    icons: list[tuple[Icon, bool]]  # (icon, inside a table)
    ink_chars: int
    has_images: bool

    def finish(self, furniture: set[tuple]) -> Page:
        icons = [icon for icon, in_table in self.icons if in_table or _icon_key(icon) not in furniture]
        order = geo.reading_rows([icon.bbox for icon in icons])
        return Page(
            number=self.number,
            width=self.width,
            height=self.height,
            lines=self.lines,
            tables=self.tables,
            icons=tuple(icons[i] for i in order),
        )


def _icon_key(icon: Icon) -> tuple:
    return (icon.kind, icon.color, icon.glyph, icon.digest, tuple(round(v) for v in icon.bbox))


def _furniture(drafts: list[_PageDraft]) -> set[tuple]:
    """Icons repeated at the same place outside tables on most pages: a logo, not a status."""
    if len(drafts) < FURNITURE_MIN_PAGES:
        return set()
    pages_by_key: Counter[tuple] = Counter()
    for d in drafts:
        for key in {
            _icon_key(icon) for icon, in_table in d.icons if not in_table and icon.kind != "glyph"
        }:
            pages_by_key[key] += 1
    need = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * len(drafts))
    return {key for key, n in pages_by_key.items() if n >= need}


def _check_scanned(drafts: list[_PageDraft], name: str) -> None:
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


def _analyse_page(
    number: int,
    width: float,
    height: float,
    objects: dict[str, list],
    state: _DocState,
    blocks: dict[int, int] | None = None,
) -> _PageDraft:
    chars = objects.get("char", [])
    symbols.translate_pdf_chars(chars)  # Wingdings "l" / U+F06C → "●" before anything reads them
    rects = objects.get("rect", [])
    rules = objects.get("line", [])
    curves = objects.get("curve", [])
    images = objects.get("image", [])

    tables_geo, tile_ids = _find_tables(width, height, rects, rules, number, state)
    glyph_icons: list[Icon] = []
    runs, rotated, ink_chars = _runs(chars, glyph_icons)
    if rotated:
        state.warn("pdf-rotated-text", f"{len(rotated)} rotated chars kept as separate lines", number)
    runs = _join_runs(runs)
    runs = _cut_runs_at_columns(runs, tables_geo)
    cell_lines: list[list[list[tuple[float, float, Line]]]] = [
        [[] for _ in tg.cells] for tg in tables_geo
    ]
    keyed: list[tuple[float, float, Line]] = []
    for run in runs:
        line = _make_line(run, state.bold, blocks)
        if line is None:
            continue
        key = (round(run.base_top, 1), line.bbox[0], line)
        placed = _place_in_table(line.bbox, tables_geo)
        if placed is None:
            keyed.append(key)
        else:
            cell_lines[placed[0]][placed[1]].append(key)
    for group in rotated:
        line = _make_rotated_line(group)
        if line is not None:
            keyed.append((round(line.bbox[3], 1), line.bbox[0], line))
    keyed.sort(key=lambda k: (k[0], k[1]))
    lines_out = [k[2] for k in keyed]

    tables = tuple(
        tg.to_table([tuple(k[2] for k in sorted(cl, key=lambda k: (k[0], k[1]))) for cl in cls])
        for tg, cls in zip(tables_geo, cell_lines)
    )
    icons = _icons(rects, curves, images, glyph_icons, tables_geo, tile_ids, number, state)
    return _PageDraft(
        number=number,
        width=width,
        height=height,
        lines=tuple(lines_out),
        tables=tables,
        icons=icons,
        ink_chars=ink_chars,
        has_images=bool(images),
    )


# --------------------------------------------------------------------------------------------------
# Lines


@dataclass(slots=True)
class _Run:
    chars: list[dict]  # in stream order, typed spaces included
    base: float  # baseline in PDF space (y up), from the text matrix
    base_top: float  # bottom of the first char, from the page top (rows and reading order)
    x0: float  # first ink char
    x1: float  # right end of the last ink char
    size: float
    ink: int  # ink (non-space) chars


def _runs(chars: list[dict], glyph_icons: list[Icon]) -> tuple[list[_Run], list[list[dict]], int]:
    """Chars in stream order → runs on one baseline without column-wide gaps.

    Coloured status glyphs are taken out as icons here. Returns the runs, groups of rotated chars
    (kept in stream order) and the number of ink chars.
    """
    runs: list[_Run] = []
    rotated: list[list[dict]] = []
    cur: _Run | None = None
    spaces: list[dict] = []  # typed spaces since the last ink char of `cur`
    ink_total = 0
    last_rotated = False
    for c in chars:
        text = c["text"]
        if not c.get("upright", True):
            if last_rotated and rotated:
                rotated[-1].append(c)
            else:
                rotated.append([c])
            last_rotated = True
            continue
        last_rotated = False
        if text.isspace() or not text:
            if cur is not None:
                spaces.append(c)
            continue
        if text in GLYPHS:
            rgb = _rgb(c.get("non_stroking_color"))
            if rgb is not None and max(rgb) > GLYPH_MIN_BRIGHTNESS and not _is_white(rgb):
                glyph_icons.append(
                    Icon(
                        kind="glyph",
                        bbox=_round_box((c["x0"], c["top"], c["x1"], c["bottom"])),
                        color=_hex(rgb),
                        glyph=text,
                    )
                )
                continue
        ink_total += 1
        size = c["size"] or 1.0
        base = c["matrix"][5]
        x0 = c["x0"]
        if cur is not None:
            ref = size if size > cur.size else cur.size
            gap = x0 - cur.x1
            same = abs(base - cur.base) <= BASELINE_TOLERANCE * ref and gap >= -BACKWARDS * ref
            if same and gap > COLUMN_GAP * ref and not _bridged(spaces, cur.x1, x0, ref):
                same = False
            if same:
                cur.chars.extend(spaces)
                cur.chars.append(c)
                if c["x1"] > cur.x1:
                    cur.x1 = c["x1"]
                if size > cur.size:
                    cur.size = size
                cur.ink += 1
                spaces = []
                continue
            if spaces:
                cur.chars.extend(spaces)  # trailing spaces stay with their run (text is stripped)
        spaces = []
        cur = _Run([c], base, c["bottom"], x0, c["x1"], size, 1)
        runs.append(cur)
    if cur is not None and spaces:
        cur.chars.extend(spaces)
    return runs, rotated, ink_total


def _bridged(spaces: list[dict], left: float, right: float, size: float) -> bool:
    """Whether typed spaces fill the gap between `left` and `right` hop by hop."""
    if not spaces:
        return False
    hop = SPACE_BRIDGE * size
    x = left
    for s in spaces:
        if s["x0"] - x > hop:
            return False
        x = max(x, s["x1"])
    return right - x <= hop


def _join_runs(runs: list[_Run]) -> list[_Run]:
    """Join runs of one baseline that the stream order split but that touch (gap ≤ word gap … a
    column gap is still a split)."""
    if len(runs) < 2:
        return runs
    # number the baselines (chained within tolerance), then walk each baseline left to right
    by_base = sorted(runs, key=lambda r: -r.base)
    row = 0
    rows: dict[int, int] = {id(by_base[0]): 0}
    for prev_run, r in zip(by_base, by_base[1:]):
        if prev_run.base - r.base > BASELINE_TOLERANCE * max(r.size, prev_run.size):
            row += 1
        rows[id(r)] = row
    runs = sorted(runs, key=lambda r: (rows[id(r)], r.x0))
    out: list[_Run] = [runs[0]]
    for r in runs[1:]:
        prev = out[-1]
        ref = max(r.size, prev.size)
        gap = r.x0 - prev.x1
        same_base = abs(r.base - prev.base) <= BASELINE_TOLERANCE * ref
        if same_base and -BACKWARDS * ref <= gap <= COLUMN_GAP * ref:
            prev.chars.extend(r.chars)
            prev.x1 = max(prev.x1, r.x1)
            prev.size = ref
            prev.ink += r.ink
        else:
            out.append(r)
    return out


def _cut_runs_at_columns(runs: list[_Run], tables: list[_TableGeom]) -> list[_Run]:
    """Cut runs that cross a column rule between two different cells of a table."""
    if not tables:
        return runs
    out: list[_Run] = []
    for run in runs:
        cuts: list[float] = []
        for tg in tables:
            box = tg.bbox
            if not (box[1] <= run.base_top <= box[3]) or run.x1 <= box[0] or run.x0 >= box[2]:
                continue
            r = geo.interval_index(tg.row_edges, run.base_top - run.size * 0.3)
            if r is None:
                continue
            for k in range(1, len(tg.col_edges) - 1):
                edge = tg.col_edges[k]
                if run.x0 + 1 < edge < run.x1 - 1 and tg.cell_index(r, k - 1) != tg.cell_index(r, k):
                    cuts.append(edge)
        if not cuts:
            out.append(run)
            continue
        cuts.sort()
        pieces: list[list[dict]] = [[] for _ in range(len(cuts) + 1)]
        for c in run.chars:
            pieces[bisect_left(cuts, (c["x0"] + c["x1"]) / 2)].append(c)
        for piece in pieces:
            ink = [c for c in piece if not c["text"].isspace()]
            if not ink:
                continue
            out.append(
                _Run(piece, run.base, run.base_top, ink[0]["x0"], max(c["x1"] for c in ink),
                     max(c["size"] for c in ink), len(ink))
            )
    return out


def _is_bold(fontname: str, cache: dict[str, bool]) -> bool:
    bold = cache.get(fontname)
    if bold is None:
        base = fontname.split("+", 1)[-1].lower()
        bold = any(m in base for m in _BOLD_MARKERS)
        cache[fontname] = bold
    return bold


def _make_line(
    run: _Run, bold_cache: dict[str, bool], blocks: dict[int, int] | None = None
) -> Line | None:
    parts: list[str] = []
    prev: dict | None = None
    ink: list[dict] = []
    last_i = -1
    for i, c in enumerate(run.chars):
        t = c["text"]
        if prev is not None and not t.isspace() and not prev["text"].isspace():
            gap = c["x0"] - prev["x1"]
            ref = max(c["size"], prev["size"])
            # a bullet drawn at a hanging indent stands apart from the text with no space char
            lead = len(ink) == 1 and prev["text"] in BULLETS
            if gap > WORD_GAP * ref or (lead and gap > BULLET_GAP * ref):
                parts.append(" ")
        parts.append(t)
        if not t.isspace():
            ink.append(c)
            last_i = i
        prev = c
    text = "".join(parts).strip()
    if not text or not ink:
        return None
    bbox = (
        min(c["x0"] for c in ink),
        min(c["top"] for c in ink),
        max(c["x1"] for c in ink),
        max(c["bottom"] for c in ink),
    )
    n_bold = sum(1 for c in ink if _is_bold(c["fontname"], bold_cache))
    first, last = ink[0], ink[-1]
    # a typed space right after the last word: the text wrapped at a space (see Line.space_after)
    space_after = any(
        c["text"].isspace() and -1.0 <= c["x0"] - last["x1"] <= SPACE_BRIDGE * last["size"]
        for c in run.chars[last_i + 1 :]
    )
    return Line(
        text=" ".join(text.split()) if "  " in text else text,
        bbox=_round_box(bbox),
        size=round(max(c["size"] for c in ink), 2),
        bold=n_bold * 2 > len(ink),
        color=_hex(_rgb(first.get("non_stroking_color"))),
        space_after=space_after,
        block=_line_block(ink, blocks) if blocks else None,
    )


def _line_block(ink: list[dict], blocks: dict[int, int]) -> int | None:
    """The paragraph (structure element) of a line: that of its ink chars, when they all agree.

    A line whose chars are untagged, or tagged into two paragraphs (a structure tree that doesn't
    follow the text), has none: the normaliser then reads its paragraph from the geometry.
    """
    found: int | None = None
    for c in ink:
        mcid = c.get("mcid")
        block = blocks.get(mcid) if isinstance(mcid, int) else None
        if block is None or (found is not None and block != found):
            return None
        found = block
    return found


# --------------------------------------------------------------------------------------------------
# Structure tree (tagged PDFs)


def _has_structure(pdf: Any) -> bool:
    """Whether the document has a structure tree (is tagged)."""
    try:
        return "StructTreeRoot" in pdf.doc.catalog
    except Exception:  # a catalog that can't be read has no usable tree
        return False


def _paragraph_blocks(page: Any, state: _DocState) -> dict[int, int]:
    """Marked-content id → paragraph number on this page, from the structure tree.

    A paragraph is the nearest paragraph-level element (`PARAGRAPH_TAGS`) or list item (LI) above
    the marked content; the first paragraph inside a list item's body is the item itself (its label,
    a bullet character, belongs with it), nested list items are their own. Marked content under no
    such element (text tagged only as a Span or a table cell) gets no paragraph. A tree that can't
    be read is skipped with a `pdf-structure-unreadable` warning: the geometry is read instead.
    """
    from pdfplumber.structure import PDFStructTree, StructTreeMissing

    try:
        roots = list(PDFStructTree(page.pdf, page))
    except StructTreeMissing:
        return {}
    except Exception as exc:  # a broken tree costs only the tags, never the parse
        state.warn(
            "pdf-structure-unreadable",
            f"the structure tree can't be read ({_describe(exc)}); paragraphs taken from the layout",
            page.page_number,
        )
        return {}
    blocks: dict[int, int] = {}
    count = 0
    # (element, its paragraph, the list item whose first paragraph is still to come: [its number])
    stack: list[tuple[Any, int | None, list[int] | None]] = [(el, None, None) for el in reversed(roots)]
    while stack:
        el, block, item = stack.pop()
        kind = el.type
        if kind == LIST_ITEM_TAG:
            block, item = count, [count]
            count += 1
        elif kind in PARAGRAPH_TAGS:
            if item:
                block = item.pop()
            else:
                block = count
                count += 1
            item = None
        for mcid in el.mcids:
            if block is not None:
                blocks.setdefault(mcid, block)
        stack.extend((child, block, item) for child in reversed(el.children))
    return blocks


def _make_rotated_line(group: list[dict]) -> Line | None:
    text = "".join(c["text"] for c in group).strip()
    if not text:
        return None
    return Line(
        text=text,
        bbox=_round_box((
            min(c["x0"] for c in group),
            min(c["top"] for c in group),
            max(c["x1"] for c in group),
            max(c["bottom"] for c in group),
        )),
        size=round(max(c["size"] for c in group), 2),
    )


# --------------------------------------------------------------------------------------------------
# Tables


@dataclass
class _TableGeom:
    found_by: str
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
                bbox=_round_box(self.cell_bbox(i)),
                lines=cell_lines[i],
                rowspan=gc.rowspan,
                colspan=gc.colspan,
                fill=self.fills[i],
            )
            for i, gc in enumerate(self.cells)
        )
        return Table(
            bbox=_round_box(self.bbox),
            n_rows=len(self.row_edges) - 1,
            n_cols=len(self.col_edges) - 1,
            cells=cells,
            found_by=self.found_by,  # type: ignore[arg-type]
            col_edges=tuple(round(x, 2) for x in self.col_edges),
            row_edges=tuple(round(y, 2) for y in self.row_edges),
        )


def _round_box(b: BBox) -> BBox:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


def _box(o: dict) -> BBox:
    return (o["x0"], o["top"], o["x1"], o["bottom"])


def _find_tables(
    width: float, height: float, rects: list[dict], rules: list[dict], number: int,
    state: _DocState,
) -> tuple[list[_TableGeom], set[int]]:
    """Tables from ruling lines, then from fill tiles. Returns them and the ids of the rects used
    as fill tiles of a table (not icon candidates)."""
    segments: list[geo.Segment] = []
    tiles: list[tuple[BBox, tuple[float, float, float] | None, int]] = []
    for ln in rules:
        x0, top, x1, bottom = ln["x0"], ln["top"], ln["x1"], ln["bottom"]
        if bottom - top <= 1.0 and x1 - x0 >= RULE_MIN_LENGTH:
            segments.append(geo.Segment(True, (top + bottom) / 2, x0, x1))
        elif x1 - x0 <= 1.0 and bottom - top >= RULE_MIN_LENGTH:
            segments.append(geo.Segment(False, (x0 + x1) / 2, top, bottom))
    for rc in rects:
        x0, top, x1, bottom = rc["x0"], rc["top"], rc["x1"], rc["bottom"]
        w, h = x1 - x0, bottom - top
        fill_rgb = _rgb(rc.get("non_stroking_color")) if rc.get("fill") else None
        visible_fill = rc.get("fill") and not _is_white(fill_rgb)
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

    tables: list[_TableGeom] = []
    if segments:
        merged = geo.merge_segments(segments, EDGE_TOLERANCE)
        for group in geo.connected_segment_groups(merged, EDGE_TOLERANCE):
            tg = _grid_from_segments(group, "lines", number, state)
            if tg is not None:
                tables.append(tg)
    used: set[int] = set()
    # tiles inside a ruled table are its cell backgrounds (or icons: see _on_grid)
    free_tiles = [
        t for t in tiles if not any(geo.center_in(t[0], tg.bbox, EDGE_TOLERANCE) for tg in tables)
    ]
    for group in _tile_groups(free_tiles):
        tg = _grid_from_tiles(group, number, state)
        if tg is not None:
            tables.append(tg)
            used.update(t[2] for t in group)
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
    if len(col_edges) < 3 or len(row_edges) < 3:
        return False
    if col_edges[-1] - col_edges[0] < MIN_TABLE_WIDTH:
        return False
    if row_edges[-1] - row_edges[0] < MIN_TABLE_HEIGHT:
        return False
    if any(b - a < MIN_COL_WIDTH for a, b in zip(col_edges, col_edges[1:])):
        return False
    return all(b - a >= MIN_ROW_HEIGHT for a, b in zip(row_edges, row_edges[1:]))


def _grid_from_segments(
    group: list[geo.Segment], found_by: str, number: int, state: _DocState
) -> _TableGeom | None:
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
    return _make_geom(found_by, col_edges, row_edges, hs + frame[:2], vs + frame[2:], number, state)


def _make_geom(
    found_by: str,
    col_edges: list[float],
    row_edges: list[float],
    hs: list[geo.Segment],
    vs: list[geo.Segment],
    number: int,
    state: _DocState,
) -> _TableGeom | None:
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
    return _TableGeom(found_by, col_edges, row_edges, cells, [None] * len(cells), grid)


def _tile_groups(
    tiles: list[tuple[BBox, Any, int]],
) -> list[list[tuple[BBox, Any, int]]]:
    """Fill tiles that share an edge, grouped; a tile holding two or more others (a panel behind
    a table) is left out."""
    if len(tiles) < 4:
        return []
    boxes = [t[0] for t in tiles]
    by_x0 = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    x0s = [boxes[i][0] for i in by_x0]
    keep = []
    for i, b in enumerate(boxes):
        area = geo.box_area(b)
        inside = 0
        for j in by_x0[bisect_left(x0s, b[0] - 0.5) : bisect_right(x0s, b[2] + 0.5)]:
            o = boxes[j]
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
    # index kept tiles by their left and top edges, in buckets `tol` wide
    left: dict[int, list[int]] = {}
    top: dict[int, list[int]] = {}
    for a, i in enumerate(keep):
        left.setdefault(int(boxes[i][0] // tol), []).append(a)
        top.setdefault(int(boxes[i][1] // tol), []).append(a)
    uf = geo.UnionFind(len(keep))
    for a, i in enumerate(keep):
        ba = boxes[i]
        kr, kb = int(ba[2] // tol), int(ba[3] // tol)
        for b in (b for k in (kr - 1, kr, kr + 1) for b in left.get(k, ())):
            bb = boxes[keep[b]]
            if abs(ba[2] - bb[0]) <= tol and min(ba[3], bb[3]) - max(ba[1], bb[1]) > tol:
                uf.union(a, b)
        for b in (b for k in (kb - 1, kb, kb + 1) for b in top.get(k, ())):
            bb = boxes[keep[b]]
            if abs(ba[3] - bb[1]) <= tol and min(ba[2], bb[2]) - max(ba[0], bb[0]) > tol:
                uf.union(a, b)
    return [[tiles[keep[i]] for i in g] for g in uf.groups() if len(g) >= 4]


def _grid_from_tiles(
    group: list[tuple[BBox, Any, int]], number: int, state: _DocState
) -> _TableGeom | None:
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


def _assign_fills(tg: _TableGeom, tiles: list[tuple[BBox, Any, int]]) -> None:
    """A cell's fill: the smallest tile inside the table holding the cell's centre."""
    if not tiles:
        return
    table_box = tg.bbox
    inside = [
        t for t in tiles
        if t[1] is not None and geo.center_in(t[0], table_box, EDGE_TOLERANCE) and _on_grid(t[0], tg)
    ]
    if not inside:
        return
    inside.sort(key=lambda t: geo.box_area(t[0]))
    for i in range(len(tg.cells)):
        cb = tg.cell_bbox(i)
        cx, cy = (cb[0] + cb[2]) / 2, (cb[1] + cb[3]) / 2
        for box, rgb, _ in inside:
            if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
                tg.fills[i] = _hex(rgb)
                break


def _on_grid(b: BBox, tg: _TableGeom) -> bool:
    """Whether the box's four sides lie on the table's column and row edges (a cell background)."""
    tol = EDGE_TOLERANCE
    return (
        any(abs(b[0] - x) <= tol for x in tg.col_edges)
        and any(abs(b[2] - x) <= tol for x in tg.col_edges)
        and any(abs(b[1] - y) <= tol for y in tg.row_edges)
        and any(abs(b[3] - y) <= tol for y in tg.row_edges)
    )


def _place_in_table(bbox: BBox, tables: list[_TableGeom]) -> tuple[int, int] | None:
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


# --------------------------------------------------------------------------------------------------
# Drawn list markers

# An HTML renderer (Chromium's print to PDF) draws a list item's bullet as a small filled shape, a
# circle (a curve) for `disc`, a square (a rect) for `square`, with no character in the text layer.
# Sizes and distances are relative to the font size of the line the marker stands in front of.
MARKER_MIN_SIDE = 0.15  # a marker's side is at least this many font sizes …
MARKER_MAX_SIDE = 0.6  # … and at most this many (a status icon next to text is larger)
MARKER_MAX_ASPECT = 1.3  # longer side / shorter side
MARKER_MAX_GAP = 1.6  # from the marker's right edge to the line's first char, at most
MARKER_MAX_COLOUR_DIFF = 0.12  # largest channel difference (0..1) to the line's text colour
DRAWN_BULLETS = {"curve": "•", "rect": "▪"}  # the `Line.bullet` a drawn marker becomes


def _mark_drawn_bullets(draft: _PageDraft, objects: dict[str, list]) -> None:
    """Give lines drawn list markers as `Line.bullet`, and take the markers out of the icons.

    A marker is a small, roughly square filled shape in the text's own colour, standing left of a
    line's first character at the height of that line (its vertical centre inside the line's box),
    inside the same table cell or outside any table. Only the first line of a list item has one; its
    wrapped lines don't.
    """
    shapes: list[tuple[BBox, tuple[float, float, float] | None, str]] = []
    for kind, mark in DRAWN_BULLETS.items():
        for o in objects.get(kind, ()):
            if not o.get("fill"):
                continue
            b = _box(o)
            w, h = b[2] - b[0], b[3] - b[1]
            if w <= 0 or h <= 0 or max(w, h) > ICON_MAX_SIDE:
                continue
            if max(w, h) > MARKER_MAX_ASPECT * min(w, h):
                continue
            shapes.append((b, _rgb(o.get("non_stroking_color")), mark))
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
        line_rgb = _rgb_from_hex(line.color)
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
            if max(abs(p - q) for p, q in zip(rgb, line_rgb)) > MARKER_MAX_COLOUR_DIFF:
                continue
            gap = x0 - b[2]
            if best is None or gap < best[0]:
                best = (gap, b, glyph)
        if best is None:
            return line
        used.append(best[1])
        return replace(line, bullet=best[2])

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
            if not any(max(abs(p - q) for p, q in zip(icon.bbox, b)) <= 0.5 for b in used)
        ]


# --------------------------------------------------------------------------------------------------
# Icons


@dataclass(slots=True)
class _Candidate:
    icon: Icon
    rgb: tuple[float, float, float] | None
    rank: int  # tie-break between equally saturated candidates: shape > glyph > picture


def _icon_sized(b: BBox) -> bool:
    return geo.roughly_square(b, ICON_MIN_SIDE, ICON_MAX_SIDE, ICON_MAX_ASPECT)


def _is_cell_background(b: BBox, tables: list[_TableGeom]) -> bool:
    """A rect lying on a table's grid lines (a cell's background), not an icon."""
    return any(geo.center_in(b, tg.bbox, EDGE_TOLERANCE) and _on_grid(b, tg) for tg in tables)


def _icons(
    rects: list[dict],
    curves: list[dict],
    images: list[dict],
    glyph_icons: list[Icon],
    tables: list[_TableGeom],
    tile_ids: set[int],
    number: int,
    state: _DocState,
) -> list[tuple[Icon, bool]]:
    cands: list[_Candidate] = []
    for kind_objs, is_rect in ((curves, False), (rects, True)):
        for o in kind_objs:
            if not o.get("fill"):
                continue
            b = _box(o)
            if not _icon_sized(b):
                continue
            if is_rect and (id(o) in tile_ids or _is_cell_background(b, tables)):
                continue
            rgb = _rgb(o.get("non_stroking_color"))
            if rgb is None or _is_white(rgb):
                continue
            cands.append(_Candidate(Icon(kind="shape", bbox=_round_box(b), color=_hex(rgb)), rgb, 2))
    for img in images:
        b = _box(img)
        if not _icon_sized(b):
            continue
        rgb, digest = _picture_signature(img, state, number)
        if rgb is not None and _is_white(rgb):
            continue
        icon = Icon(kind="picture", bbox=_round_box(b), color=_hex(rgb), digest=digest)
        cands.append(_Candidate(icon, rgb, 0))
    for icon in glyph_icons:
        cands.append(_Candidate(icon, _rgb_from_hex(icon.color), 1))
    if not cands:
        return []
    def strength(i: int) -> tuple[float, int, float]:
        c = cands[i]
        return (round(_chroma(c.rgb), 2), c.rank, geo.box_area(c.icon.bbox))

    order = sorted(range(len(cands)), key=strength, reverse=True)
    out: list[tuple[Icon, bool]] = []
    for i in geo.suppress_stacked([c.icon.bbox for c in cands], order, ICON_STACK_OVERLAP):
        icon = cands[i].icon
        out.append((icon, any(geo.center_in(icon.bbox, tg.bbox) for tg in tables)))
    return out


def _rgb_from_hex(color: str | None) -> tuple[float, float, float] | None:
    if not color:
        return None
    r, g, b = colour.hex_to_rgb(color)
    return (r / 255, g / 255, b / 255)


def _picture_signature(
    img: dict, state: _DocState, number: int
) -> tuple[tuple[float, float, float] | None, str | None]:
    stream = img.get("stream")
    key = getattr(stream, "objid", None) or id(stream)
    if key in state.pictures:
        return state.pictures[key]
    try:
        result = _decode_picture(stream)
    except Exception as exc:  # an undecodable picture is still an icon, without a colour
        state.warn("pdf-picture-undecodable", f"a small picture could not be decoded ({exc})", number)
        raw = b""
        try:
            raw = stream.get_rawdata() or b""
        except Exception:
            pass
        result = (None, hashlib.sha1(raw).hexdigest() if raw else None)
    state.pictures[key] = result
    return result


def _decode_picture(stream: Any) -> tuple[tuple[float, float, float] | None, str | None]:
    """Dominant non-white, non-transparent colour and sha1 of the decoded RGBA pixels."""
    from pdfminer.pdftypes import resolve1

    im = _stream_image(stream)
    if im is None:
        raw = stream.get_rawdata() or b""
        return None, hashlib.sha1(raw).hexdigest()
    im = im.convert("RGBA")
    smask = resolve1(stream.attrs.get("SMask"))
    if smask is not None and hasattr(smask, "attrs"):
        alpha = _stream_image(smask)
        if alpha is not None:
            alpha = alpha.convert("L")
            if alpha.size != im.size:
                alpha = alpha.resize(im.size)
            im.putalpha(alpha)
    digest = hashlib.sha1(f"{im.size}".encode() + im.tobytes()).hexdigest()
    small = im if im.width * im.height <= 4096 else im.resize((64, 64))
    # the mean of the winning bin (PPTX reports its most common exact colour instead)
    pixels = small.getcolors(small.width * small.height) or ()
    bucket = colour.dominant_bucket(pixels, PICTURE_WHITE)
    if not bucket:
        return None, digest
    n = sum(bucket.values())
    sums = [sum(rgb[ch] * count for rgb, count in bucket.items()) for ch in range(3)]
    return (sums[0] / n / 255, sums[1] / n / 255, sums[2] / n / 255), digest


def _stream_image(stream: Any) -> Any:
    """A PDF image stream as a Pillow image, or None for layouts this does not decode."""
    from PIL import Image
    from pdfminer.pdftypes import LITERALS_DCT_DECODE, LITERALS_JPX_DECODE, resolve1
    from pdfminer.psparser import PSLiteral

    attrs = stream.attrs
    filters = stream.get_filters()
    last = filters[-1][0] if filters else None
    if last in LITERALS_DCT_DECODE or last in LITERALS_JPX_DECODE:
        im = Image.open(io.BytesIO(stream.get_data()))
        im.load()
        return im
    if resolve1(attrs.get("ImageMask")):
        return None
    w = resolve1(attrs.get("Width", attrs.get("W")))
    h = resolve1(attrs.get("Height", attrs.get("H")))
    bpc = resolve1(attrs.get("BitsPerComponent", attrs.get("BPC", 8)))
    cs = resolve1(attrs.get("ColorSpace", attrs.get("CS")))
    if not isinstance(w, int) or not isinstance(h, int) or w <= 0 or h <= 0:
        return None
    data = stream.get_data()
    name = cs.name if isinstance(cs, PSLiteral) else None
    palette = None
    if isinstance(cs, list) and cs:
        head = resolve1(cs[0])
        head_name = head.name if isinstance(head, PSLiteral) else None
        if head_name == "ICCBased" and len(cs) > 1:
            n = resolve1(resolve1(cs[1]).attrs.get("N", 3))
            name = {1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}.get(n)
        elif head_name in ("CalRGB", "CalGray"):
            name = "DeviceRGB" if head_name == "CalRGB" else "DeviceGray"
        elif head_name in ("Indexed", "I") and len(cs) >= 4:
            base = resolve1(cs[1])
            lookup = resolve1(cs[3])
            if hasattr(lookup, "get_data"):
                lookup = lookup.get_data()
            if isinstance(lookup, str):
                lookup = lookup.encode("latin-1")
            base_name = base.name if isinstance(base, PSLiteral) else None
            if base_name in ("DeviceRGB", "RGB") and isinstance(lookup, bytes):
                palette = lookup
                name = "Indexed"
    if name is None and cs is None:
        name = "DeviceGray"
    modes = {"DeviceRGB": ("RGB", 3), "RGB": ("RGB", 3), "DeviceGray": ("L", 1), "G": ("L", 1),
             "DeviceCMYK": ("CMYK", 4), "CMYK": ("CMYK", 4), "Indexed": ("P", 1)}
    if name not in modes:
        return None
    mode, n = modes[name]
    if bpc == 8:
        need = w * h * n
        if len(data) < need:
            return None
        im = Image.frombytes(mode, (w, h), data[:need])
    elif bpc == 1 and mode == "L":
        need = ((w + 7) // 8) * h
        if len(data) < need:
            return None
        im = Image.frombytes("1", (w, h), data[:need])
    else:
        return None
    if palette is not None:
        im.putpalette(palette)
    if mode == "CMYK":
        im = im.convert("RGB")
    decode = resolve1(attrs.get("Decode", attrs.get("D")))
    if (
        isinstance(decode, list)
        and palette is None
        and len(decode) == 2 * n
        and all(resolve1(decode[i]) == 1 and resolve1(decode[i + 1]) == 0 for i in range(0, 2 * n, 2))
    ):
        from PIL import ImageOps

        im = ImageOps.invert(im.convert("L") if mode in ("L", "1") else im.convert("RGB"))
    return im
