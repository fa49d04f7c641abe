"""PPTX → layout model, with python-pptx.

`accepts` judges the first bytes (any zip; whether it is a PPTX is checked in `extract`).
`extract` first inspects the zip container (`opc.inspect_package`: limits, zip bombs, DTDs), then
opens it with python-pptx and walks every shown slide's shape tree:

- text frames → `Page.lines`, one `Line` per paragraph, its box estimated inside the shape;
- tables → `Table(found_by="native")`, merged cells as one cell with spans;
- small filled autoshapes, small pictures and coloured glyph runs (`lnhs_parse.glyphs.ICON_GLYPHS`:
  ●, ■, ...) → `Icon`s, except a coloured bullet typed in front of the words.

python-pptx is imported lazily (inside `extract`), so importing this module or calling `accepts`
costs nothing, and parsing a PDF never imports it. All raw XML handling is in `ooxml`, the zip
container's checks in `opc`.
See docs/pptx.md for the choices made here.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lnhs_parse.errors import CorruptFileError, LimitExceededError, LnhsParseError, one_line
from lnhs_parse.extract import ooxml, opc, sha256_of, symbols
from lnhs_parse.extract.ooxml import Affine, ColorContext
from lnhs_parse.glyphs import ICON_GLYPHS
from lnhs_parse.layout import BBox, Cell, Document, Icon, LayoutWarning, Line, Page, Table
from lnhs_parse.settings import Limits, ParseOptions
from lnhs_parse.utils import colour
from lnhs_parse.utils import geometry as geo
from lnhs_parse.utils.numerals import to_roman

EMU_PER_PT = 12700
DEFAULT_FONT_SIZE = 18.0  # PowerPoint's size when nothing in the inheritance chain sets one
CHAR_WIDTH_EM = 0.46  # average advance of a character, in ems: only used to estimate wrapping
LINE_HEIGHT_EM = 1.2  # single line spacing, in ems
GLYPH_WIDTH_EM = 0.8  # advance of an icon glyph (●, ■ ...), in ems

# Icon candidates: shapes and pictures whose sides are within these bounds (points), roughly square;
# the largest side is `SlideSettings.max_icon_size` (the normaliser applies the same value).
ICON_MIN_PT = 4.0
ICON_MAX_ASPECT = 2.0
_NOT_ICON_GEOMETRY = frozenset({"line", "straightConnector1", "bentConnector2", "bentConnector3",
                                "curvedConnector3", "arc"})
_TITLE_PH = {"TITLE", "CENTER_TITLE", "VERTICAL_TITLE"}
_BODY_PH = {"BODY", "SUBTITLE", "OBJECT", "VERTICAL_BODY", "VERTICAL_OBJECT"}
_PICTURE_MAX_PIXELS = 25_000_000  # don't decode pictures larger than this for their colour
PICTURE_WHITE = 235  # a picture's pixels with every channel (0..255) this bright are background


def accepts(head: bytes) -> bool:
    """Any zip archive: whether it is a PPTX is judged by `extract`, on the zip's content."""
    return head.startswith(b"PK\x03\x04")


def extract(path: str | Path, options: ParseOptions | None = None) -> Document:
    """Read a PPTX into the layout model (see the module docstring)."""
    options = options or ParseOptions()
    path = Path(path)
    p = str(path)
    opc.inspect_package(path, options.limits)

    from pptx.exc import PackageNotFoundError, PythonPptxError  # lazy: only PPTX parsing pays
    from pptx.package import Package

    expected = (
        KeyError, ValueError, TypeError, IndexError, AttributeError, ZeroDivisionError,
        OverflowError, zipfile.BadZipFile, zlib.error, struct.error, EOFError, OSError,
        ooxml.XmlError, PackageNotFoundError, PythonPptxError, NotImplementedError,
    )
    try:
        # not pptx.Presentation(): it refuses slideshows (.ppsx) and templates (.potx), which are
        # decks all the same; the main content type was already checked by inspect_package
        prs = Package.open(p).main_document_part.presentation
    except RecursionError as exc:
        raise CorruptFileError(_LOOP, path=p) from exc
    except expected as exc:
        raise CorruptFileError(
            f"the presentation can't be opened ({_describe(exc)})", path=p
        ) from exc
    try:
        n_slides = len(prs.slides)
        if n_slides > options.limits.max_pages:
            raise LimitExceededError(
                f"the deck has {n_slides} slides, over the limit of {options.limits.max_pages}",
                path=p,
            )
        pages, warnings = _Deck(prs, options.limits, options.slides.max_icon_size).pages()
    except LnhsParseError as exc:
        exc.path = exc.path or p
        raise
    except RecursionError as exc:  # python-pptx follows relationships by recursion
        raise CorruptFileError(_LOOP, path=p) from exc
    except expected as exc:
        raise CorruptFileError(
            f"the presentation can't be read ({_describe(exc)})", path=p
        ) from exc
    return Document(
        path=p,
        format="pptx",
        sha256=sha256_of(path),
        page_count=n_slides,
        pages=tuple(pages),
        warnings=tuple(warnings),
        engine="python-pptx",
    )


_LOOP = ("the presentation's parts refer to each other in a loop (a slide, layout or master "
         "relationship leads back to itself)")


def _describe(exc: BaseException) -> str:
    text = one_line(str(exc).strip().strip("\"'"), 100)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _pt(emu: float | int | None) -> float:
    return (emu or 0) / EMU_PER_PT


# --------------------------------------------------------------------------------------------------
# Deck and slide walking


class _Deck:
    def __init__(self, prs: Any, limits: Limits, max_icon_size: float) -> None:
        self.prs = prs
        self.limits = limits
        self.max_icon_size = max_icon_size
        self.width = _pt(prs.slide_width or 9144000)
        self.height = _pt(prs.slide_height or 6858000)
        self.default_style = ooxml.default_text_style(ooxml.element(prs.part))
        self._masters: dict[int, tuple[dict[str, str], Any]] = {}
        self.picture_colours: dict[str, str | None] = {}  # sha1 of the image -> dominant colour

    def pages(self) -> tuple[list[Page], list[LayoutWarning]]:
        pages: list[Page] = []
        warnings: list[LayoutWarning] = []
        shown = 0
        for position, slide in enumerate(self.prs.slides, start=1):
            if ooxml.slide_is_hidden(ooxml.element(slide)):
                warnings.append(
                    LayoutWarning(
                        code="hidden-slide",
                        message=f"slide {position} of the file is hidden: skipped, and not counted "
                        f"in page numbers (as in a PDF export)",
                        page=None,
                    )
                )
                continue
            shown += 1
            n_shapes = ooxml.shape_count(ooxml.element(slide))
            if n_shapes > self.limits.max_page_objects:
                raise LimitExceededError(
                    f"slide {shown} has {n_shapes} shapes, over the limit of "
                    f"{self.limits.max_page_objects}"
                )
            walker = _SlideWalker(self, slide, shown)
            pages.append(walker.page())
            warnings.extend(walker.warnings)
        return pages, warnings

    def master_info(self, master: Any) -> tuple[dict[str, str], Any]:
        """(theme colour scheme, master `p:sldMaster` element) of a slide master, cached."""
        key = id(master.part)
        if key not in self._masters:
            from pptx.opc.constants import RELATIONSHIP_TYPE as RT

            try:
                theme_part = master.part.part_related_by(RT.THEME)
                scheme = ooxml.theme_color_scheme(theme_part.blob)
            except KeyError:
                scheme = {}
            self._masters[key] = (scheme, ooxml.element(master))
        return self._masters[key]


@dataclass
class _Piece:
    text: str
    size: float
    bold: bool
    colour: str | None
    glyph: bool = False
    is_break: bool = False
    italic: bool = False


@dataclass
class _TextBox:
    """Where a text body is laid out, and what its paragraphs inherit from."""

    x0: float
    top: float
    x1: float
    bottom: float
    local: list[Any]  # list styles of the body itself (and of its placeholders), nearest first
    shared: list[Any]  # master and presentation text styles, after the local ones
    anchor: str = "t"
    wrap: bool = True
    font_scale: float = 1.0
    spacing_reduction: float = 0.0
    style_colour: str | None = None

    def chain(self, level: int) -> tuple[list[Any], int]:
        """The pPr-like elements a paragraph of `level` inherits from, nearest first, and how many
        of them are local (their colours beat a shape style's font colour)."""
        styles = (*self.local, *self.shared)
        return [ooxml.list_style_level(s, level) for s in styles], len(self.local)


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)
    icons: list[Icon] = field(default_factory=list)


class _SlideWalker:
    def __init__(self, deck: _Deck, slide: Any, number: int) -> None:
        self.deck = deck
        self.slide = slide
        self.number = number
        self.master = slide.slide_layout.slide_master
        scheme, self.master_elm = deck.master_info(self.master)
        self.colors = ColorContext(scheme, ooxml.color_map(self.master_elm, ooxml.element(slide)))
        # what a text box that is no placeholder (or a table cell) inherits from
        self.other_styles = [deck.default_style, ooxml.master_text_style(self.master_elm, "other")]
        self.blocks: list[tuple[tuple[float, float], list[Line]]] = []
        self.tables: list[Table] = []
        self.icons: list[Icon] = []
        self.warnings: list[LayoutWarning] = []

    def page(self) -> Page:
        self._walk(self.slide.shapes, Affine())
        self.blocks.sort(key=lambda b: b[0])
        lines = tuple(line for _, block in self.blocks for line in block)
        tables = tuple(sorted(self.tables, key=lambda t: (t.bbox[1], t.bbox[0])))
        icons = tuple(sorted(self.icons, key=lambda i: (i.bbox[1], i.bbox[0])))
        return Page(self.number, self.deck.width, self.deck.height, lines, tables, icons)

    # -- shapes ------------------------------------------------------------------------------------

    def _walk(self, shapes: Any, xf: Affine) -> None:
        from pptx.shapes.autoshape import Shape
        from pptx.shapes.graphfrm import GraphicFrame
        from pptx.shapes.group import GroupShape
        from pptx.shapes.picture import Picture

        for shape in shapes:
            elm = ooxml.element(shape)
            if ooxml.shape_is_hidden(elm):
                continue
            if isinstance(shape, GroupShape):
                self._walk(shape.shapes, ooxml.group_child_transform(elm).then(xf))
            elif isinstance(shape, GraphicFrame):
                if shape.has_table:
                    self._table(shape, xf)
            elif isinstance(shape, Picture):
                self._picture(shape, xf)
            elif isinstance(shape, Shape):
                self._shape(shape, xf)
            # connectors, content parts, OLE objects: nothing to read

    def _box(self, shape: Any, xf: Affine) -> BBox | None:
        """The shape's box on the slide, in points; None when it has no position at all."""
        left, top, width, height = shape.left, shape.top, shape.width, shape.height
        if left is None or top is None or width is None or height is None:
            return None
        x0, x1 = sorted((xf.x(left), xf.x(left + width)))
        y0, y1 = sorted((xf.y(top), xf.y(top + height)))
        return (_pt(x0), _pt(y0), _pt(x1), _pt(y1))

    def _shape(self, shape: Any, xf: Affine) -> None:
        elm = ooxml.element(shape)
        box = self._box(shape, xf)
        has_text = shape.has_text_frame and shape.text_frame.text.strip() != ""
        if has_text:
            if box is None:
                box = (0.0, 0.0, self.deck.width, self.deck.height)
            self._text_frame(shape, box, xf)
            return
        if box is None or not _icon_sized(box, self.deck.max_icon_size):
            return
        if ooxml.preset_geometry(elm) in _NOT_ICON_GEOMETRY:
            return
        fill = ooxml.fill_color(
            ooxml.shape_properties(elm), self.colors, ooxml.shape_style(elm)
        )
        if fill is None:
            return
        self.icons.append(Icon(kind="shape", bbox=box, colour=fill))

    def _picture(self, shape: Any, xf: Affine) -> None:
        box = self._box(shape, xf)
        if box is None or not _icon_sized(box, self.deck.max_icon_size):
            return
        try:
            blob = shape.image.blob
        except (KeyError, ValueError, AttributeError, LnhsParseError):
            blob = None  # a linked (not embedded) picture, or a broken relationship
        if blob is None:
            self.icons.append(Icon(kind="picture", bbox=box))
            return
        digest = hashlib.sha1(blob).hexdigest()
        cache = self.deck.picture_colours
        if digest not in cache:  # the same icon picture recurs on every table slide
            cache[digest] = dominant_colour(blob)
        self.icons.append(Icon(kind="picture", bbox=box, colour=cache[digest], digest=digest))

    # -- text frames -------------------------------------------------------------------------------

    def _placeholder_bases(self, shape: Any) -> tuple[Any, Any, str]:
        """(layout placeholder element, master placeholder element, master text style kind)."""
        try:
            ph_type = shape.placeholder_format.type
            name = getattr(ph_type, "name", str(ph_type))
        except (ValueError, AttributeError):
            name = "OBJECT"
        kind = "title" if name in _TITLE_PH else "body" if name in _BODY_PH else "other"
        layout_ph, master_ph = ooxml.placeholder_bases(shape)
        return layout_ph, master_ph, kind

    def _text_frame(self, shape: Any, box: BBox, xf: Affine) -> None:
        elm = ooxml.element(shape)
        lst = ooxml.tx_body_list_style(elm)
        body_prs = [ooxml.body_props(elm)]
        if shape.is_placeholder:
            layout_ph, master_ph, kind = self._placeholder_bases(shape)
            local = [lst, ooxml.tx_body_list_style(layout_ph), ooxml.tx_body_list_style(master_ph)]
            shared = [ooxml.master_text_style(self.master_elm, kind), self.deck.default_style]
            body_prs += [ooxml.body_props(e) for e in (layout_ph, master_ph) if e is not None]
            style_colour = None
        else:
            local = [lst]
            shared = self.other_styles
            style_colour = ooxml.style_font_color(elm, self.colors)
        tf = shape.text_frame
        sx, sy = abs(xf.sx), abs(xf.sy)
        inner = (
            box[0] + _pt((tf.margin_left or 0) * sx),
            box[1] + _pt((tf.margin_top or 0) * sy),
            box[2] - _pt((tf.margin_right or 0) * sx),
            box[3] - _pt((tf.margin_bottom or 0) * sy),
        )
        scale, reduction = ooxml.autofit_scale(body_prs[0])
        anchor = ooxml.first_attr(body_prs, "anchor") or "t"
        wrap = (ooxml.first_attr(body_prs, "wrap") or "square") != "none"
        tb = _TextBox(*inner, local=local, shared=shared, anchor=anchor, wrap=wrap,
                      font_scale=scale, spacing_reduction=reduction, style_colour=style_colour)
        block = self._layout_text(ooxml.paragraphs(ooxml.text_body(elm)), tb)
        if block.lines:
            self.blocks.append(((round(box[1], 1), round(box[0], 1)), block.lines))
        self.icons.extend(block.icons)

    # -- tables ------------------------------------------------------------------------------------

    def _table(self, frame: Any, xf: Affine) -> None:
        table = frame.table
        left, top = frame.left or 0, frame.top or 0
        widths = [c.width or 0 for c in table.columns]
        heights = [r.height or 0 for r in table.rows]
        xs = [left]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] + h)
        col_edges = tuple(_pt(xf.x(x)) for x in xs)
        row_edges = tuple(_pt(xf.y(y)) for y in ys)
        if xf.sx < 0:
            col_edges = tuple(reversed(col_edges))
        if xf.sy < 0:
            row_edges = tuple(reversed(row_edges))
        n_rows, n_cols = len(heights), len(widths)
        sx, sy = abs(xf.sx), abs(xf.sy)
        cells: list[Cell] = []
        for r in range(n_rows):
            for c in range(n_cols):
                cell = table.cell(r, c)
                if cell.is_spanned:
                    continue
                rowspan = max(1, min(cell.span_height, n_rows - r)) if cell.is_merge_origin else 1
                colspan = max(1, min(cell.span_width, n_cols - c)) if cell.is_merge_origin else 1
                bbox = (col_edges[c], row_edges[r], col_edges[c + colspan], row_edges[r + rowspan])
                cells.append(self._cell(cell, r, c, rowspan, colspan, bbox, sx, sy))
        tbox = (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1])
        self.tables.append(
            Table(bbox=tbox, n_rows=n_rows, n_cols=n_cols, cells=tuple(cells), found_by="native",
                  col_edges=col_edges, row_edges=row_edges)
        )

    def _cell(self, cell: Any, r: int, c: int, rowspan: int, colspan: int, bbox: BBox,
              sx: float, sy: float) -> Cell:
        tc = ooxml.cell_element(cell)
        tc_pr = ooxml.cell_properties(tc)
        fill = ooxml.fill_color(tc_pr, self.colors)
        lst = ooxml.tx_body_list_style(tc)
        inner = (
            bbox[0] + _pt(cell.margin_left * sx),
            bbox[1] + _pt(cell.margin_top * sy),
            bbox[2] - _pt(cell.margin_right * sx),
            bbox[3] - _pt(cell.margin_bottom * sy),
        )
        anchor = ooxml.first_attr([tc_pr], "anchor") or "t"
        tb = _TextBox(*inner, local=[lst], shared=self.other_styles, anchor=anchor)
        block = self._layout_text(ooxml.paragraphs(ooxml.text_body(tc)), tb)
        self.icons.extend(block.icons)
        return Cell(row=r, col=c, bbox=bbox, lines=tuple(block.lines), rowspan=rowspan,
                    colspan=colspan, fill=fill)

    # -- paragraphs --------------------------------------------------------------------------------

    def _layout_text(self, paras: list[Any], tb: _TextBox) -> _Block:
        """Lines (one per paragraph) and glyph icons of a text body, boxes estimated top-down."""
        block = _Block()
        width = max(tb.x1 - tb.x0, 1.0)
        cursor = tb.top
        counters: dict[int, tuple[str, int]] = {}
        for index, p in enumerate(paras):
            level = ooxml.paragraph_level(p)
            pprs_tail, n_local = tb.chain(level)
            pprs = [ooxml.own_ppr(p), *pprs_tail]
            pieces = self._pieces(p, pprs, n_local + 1, tb)
            text_pieces = [x for x in pieces if not x.glyph]
            visible = [x for x in text_pieces if x.text.strip()]
            if visible:
                size = max(x.size for x in visible)
            else:
                rprs = [ooxml.end_para_rpr(p), *ooxml.def_rprs(pprs)]
                size = _size(rprs, tb.font_scale)
                if pieces:
                    size = max([size] + [x.size for x in pieces if x.text.strip()])
            # line pitch and spacing
            ln = ooxml.spacing(pprs, "lnSpc")
            if ln and ln[0] == "pts":
                pitch = ln[1]
            else:
                pitch = size * LINE_HEIGHT_EM * (ln[1] if ln else 1.0)
            pitch *= 1.0 - tb.spacing_reduction
            before = _para_space(ooxml.spacing(pprs, "spcBef"), size)
            after = _para_space(ooxml.spacing(pprs, "spcAft"), size)
            mar_l = _pt(_int(ooxml.first_attr(pprs, "marL")))
            indent = _pt(_int(ooxml.first_attr(pprs, "indent")))
            x_first = tb.x0 + max(0.0, mar_l + indent)
            avail = max(width - mar_l, 1.0)
            # wrapped lines: estimated from character counts, per soft-break segment
            n_lines = 0
            widths_per_line: list[float] = [0.0]
            for x in pieces:
                if x.is_break:
                    widths_per_line.append(0.0)
                    continue
                for part_i, part in enumerate(x.text.split("\n")):
                    if part_i:
                        widths_per_line.append(0.0)
                    widths_per_line[-1] += _advance(part, x)
            for w in widths_per_line:
                n_lines += max(1, math.ceil(w / avail)) if tb.wrap else 1
            top = cursor + before
            bottom = top + n_lines * pitch
            cursor = bottom + after
            # bullet from formatting
            bul = ooxml.bullet(pprs) if visible else None
            bullet_text: str | None = None
            for deeper in [k for k in counters if k > level]:
                del counters[deeper]
            kind, spec = bul if bul else ("", None)
            if kind == "autonum" and spec is not None:
                scheme, start = spec.split(":")
                prev = counters.get(level)
                n = prev[1] + 1 if prev and prev[0] == scheme else _int(start, 1)
                counters[level] = (scheme, n)
                bullet_text = _autonum(scheme, n)
            else:
                if visible:
                    counters.pop(level, None)
                if kind:  # a character bullet, or a picture bullet (no character: "•" for it)
                    translated = symbols.translate(spec, ooxml.bullet_font(pprs)) if spec else ""
                    bullet_text = translated or "•"
            # glyph icons, left to right
            algn = ooxml.first_attr(pprs, "algn") or "l"
            line_idx, x_cursor = 0, 0.0
            line_start = [x_first] + [tb.x0 + mar_l] * (len(widths_per_line) - 1)
            for x in pieces:
                if x.is_break:
                    line_idx, x_cursor = line_idx + 1, 0.0
                    continue
                if x.glyph:
                    for ch in x.text:
                        if ch.isspace():
                            x_cursor += _advance(ch, x)
                            continue
                        gw = x.size * GLYPH_WIDTH_EM
                        lw = widths_per_line[min(line_idx, len(widths_per_line) - 1)]
                        shift = _align_shift(algn, avail, lw)
                        gx = line_start[min(line_idx, len(line_start) - 1)] + shift + x_cursor
                        gy = top + line_idx * pitch + (pitch - gw) / 2
                        block.icons.append(
                            Icon(kind="glyph", bbox=(gx, gy, gx + gw, gy + gw), colour=x.colour,
                                 glyph=ch)
                        )
                        x_cursor += gw
                    continue
                for part_i, part in enumerate(x.text.split("\n")):
                    if part_i:
                        line_idx, x_cursor = line_idx + 1, 0.0
                    x_cursor += _advance(part, x)
            # the line itself
            text = "".join(x.text for x in text_pieces).strip()
            if not text:
                continue
            first = next((x for x in text_pieces if x.text.strip()), None)
            n_chars = sum(len(x.text.strip()) for x in visible) or 1
            bold_chars = sum(len(x.text.strip()) for x in visible if x.bold)
            letters = [x.italic for x in visible if any(ch.isalnum() for ch in x.text)]
            block.lines.append(
                Line(
                    text=text,
                    bbox=(x_first, top, tb.x1, bottom),
                    size=round(size, 2),
                    bold=bold_chars * 2 > n_chars,
                    italic=all(letters) if letters and len(set(letters)) == 1 else None,
                    paragraph=index,
                    level=level,
                    bullet=bullet_text,
                    colour=first.colour if first else None,
                )
            )
        # vertical anchoring of the whole body
        total = cursor - tb.top
        free = (tb.bottom - tb.top) - total
        shift = 0.0
        if free > 0 and tb.anchor in ("ctr", "b"):
            shift = free / 2 if tb.anchor == "ctr" else free
        if shift:
            block.lines = [_shift_line(line, shift) for line in block.lines]
            block.icons = [_shift_icon(icon, shift) for icon in block.icons]
        return block

    def _pieces(self, p: Any, pprs: list[Any], n_local: int, tb: _TextBox) -> list[_Piece]:
        out: list[_Piece] = []
        for seg in ooxml.paragraph_segments(p):
            rprs = [seg.rpr, *ooxml.def_rprs(pprs)]
            size = _size(rprs, tb.font_scale)
            if seg.is_break:
                out.append(_Piece("\n", size, False, None, is_break=True))
                continue
            bold = ooxml.first_attr(rprs, "b") in ("1", "true")
            italic = ooxml.first_attr(rprs, "i") in ("1", "true")
            run_colour = ooxml.text_color(rprs[: n_local + 1], self.colors)
            if run_colour is None:
                run_colour = tb.style_colour or ooxml.text_color(rprs[n_local + 1 :], self.colors)
            text = _symbol_text(seg.text, rprs)
            glyph = _is_glyph_run(text, run_colour)
            out.append(_Piece(text, size, bold, run_colour, glyph=glyph, italic=italic))
        # one coloured glyph right in front of the words is their bullet ("▪ Koulutukset"), no icon;
        # glyphs in front of other glyphs are a row of icons ("● ● valmis")
        visible = [x for x in out if x.text.strip()]
        if (
            len(visible) > 1 and visible[0].glyph and len(visible[0].text.strip()) == 1
            and not visible[1].glyph
        ):
            visible[0].glyph = False
        return out


# --------------------------------------------------------------------------------------------------
# Helpers


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _size(rprs: list[Any], scale: float) -> float:
    sz = _int(ooxml.first_attr(rprs, "sz"))
    return (sz / 100 if sz > 0 else DEFAULT_FONT_SIZE) * scale


def _para_space(spec: tuple[str, float] | None, size: float) -> float:
    if spec is None:
        return 0.0
    kind, value = spec
    return value if kind == "pts" else value * size * LINE_HEIGHT_EM


def _advance(text: str, piece: _Piece) -> float:
    return len(text) * piece.size * (GLYPH_WIDTH_EM if piece.glyph else CHAR_WIDTH_EM)


def _align_shift(algn: str, avail: float, line_width: float) -> float:
    free = max(0.0, avail - line_width)
    if algn == "ctr":
        return free / 2
    if algn == "r":
        return free
    return 0.0


def _symbol_text(text: str, rprs: list[Any]) -> str:
    """A run's text, symbol-font characters (Wingdings "l", a PUA U+F06C) as their meaning ("●").

    Ordinary characters follow the run's `a:latin` font; PUA code points the `a:sym` font (else the
    first symbol font among `a:latin`, `a:cs`, `a:ea`)."""
    latin = ooxml.typeface(rprs, "latin")
    if not symbols.is_symbol_font(latin) and not any(
        symbols.PUA_FIRST <= ord(c) <= symbols.PUA_LAST for c in text
    ):
        return text
    pua = next(
        (f for f in (ooxml.typeface(rprs, t) for t in ("sym", "latin", "cs", "ea"))
         if symbols.is_symbol_font(f)),
        None,
    )
    return symbols.translate(text, latin, pua)


def _is_glyph_run(text: str, run_colour: str | None) -> bool:
    """A run of icon glyphs (and spaces only) typed in a colour that is not black-ish."""
    stripped = text.strip()
    if not stripped or any(ch not in ICON_GLYPHS and not ch.isspace() for ch in stripped):
        return False
    if run_colour is None:
        return False
    # black and near-black glyphs are text (bullets, decorations)
    return max(colour.hex_to_rgb(run_colour)) >= 64


def _icon_sized(box: BBox, max_side: float) -> bool:
    return geo.roughly_square(box, ICON_MIN_PT, max_side, ICON_MAX_ASPECT)


def _shift_line(line: Line, dy: float) -> Line:
    b = line.bbox
    return replace(line, bbox=(b[0], b[1] + dy, b[2], b[3] + dy))


def _shift_icon(icon: Icon, dy: float) -> Icon:
    b = icon.bbox
    return replace(icon, bbox=(b[0], b[1] + dy, b[2], b[3] + dy))


_AUTONUM = re.compile(r"(arabic|alphaLc|alphaUc|romanLc|romanUc|circleNum|ea1|hebrew|thai|\w+?)"
                      r"(Period|ParenR|ParenBoth|Plain|Minus|DbPlain|DbPeriod|DbChsPlain|\w*)$")


def _autonum(scheme: str, n: int) -> str:
    m = _AUTONUM.match(scheme)
    kind, suffix = (m.group(1), m.group(2)) if m else ("arabic", "Period")
    if kind == "alphaLc":
        body = _alpha(n).lower()
    elif kind == "alphaUc":
        body = _alpha(n)
    elif kind == "romanLc":
        body = to_roman(n).lower()
    elif kind == "romanUc":
        body = to_roman(n)
    else:
        body = str(n)
    if suffix.endswith("ParenBoth"):
        return f"({body})"
    if suffix.endswith("ParenR"):
        return f"{body})"
    if suffix.endswith("Plain"):
        return body
    if suffix.endswith("Minus"):
        return f"- {body} -"
    return f"{body}."


def _alpha(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out or "A"


def dominant_colour(blob: bytes) -> str | None:
    """The most common colour of a picture, ignoring transparent and near-white pixels."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with python-pptx
        return None
    try:
        with Image.open(io.BytesIO(blob)) as im:
            if im.width * im.height > _PICTURE_MAX_PIXELS:
                return None
            im.draft("RGB", (64, 64))
            rgba = im.convert("RGBA")
    except Exception:
        return None
    rgba.thumbnail((64, 64))
    raw = rgba.tobytes()
    # pixel by pixel, in raster order: ties between equally common colours go to the first seen
    pixels = ((1, px) for px in zip(raw[0::4], raw[1::4], raw[2::4], raw[3::4], strict=True))
    bucket = colour.dominant_bucket(pixels, PICTURE_WHITE)
    if not bucket:
        return None
    # the most common exact colour of the winning bin, so a flat icon gives its exact fill
    return colour.rgb_to_hex(max(bucket, key=bucket.__getitem__))
