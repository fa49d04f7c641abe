"""Reading a PDF with pdfium (pypdfium2's bindings), the default engine.

It hands the engine-neutral `page.analyse_page` the same plain char / rect / line / curve / image
dicts as the reference engine (`plumber`, pdfplumber on pdfminer.six), built the way pdfminer
builds them, so both engines give the same layout:

- chars from pdfium's text page (typed chars only; the spaces and line breaks pdfium makes up are
  left out), boxed as pdfminer boxes them: from the origin, the advance width and the font's
  descent up one font size. The descent is pdfium's (`pdfium_raw.font_info`, the font
  descriptor's /Descent wherever the descriptor is stored), but 0 for a font whose descriptor
  gives no metrics (`descriptors`), which pdfium measures and pdfminer doesn't, and the Adobe
  metrics' for the standard 14 fonts drawn without a font file (`STANDARD_DESCENTS`);
- paths split into subpaths and sorted as pdfminer sorts them: a single segment is a line, a closed
  axis-aligned four-sided path a rect, anything else a curve (its box spans its control points);
- images boxed by their matrix, their colour and digest from pdfium's drawing of them at their own
  pixel size (soft mask applied);
- marked-content ids from each object's marks, paragraphs from pdfium's structure tree
  (`pdfium_structure`).

All ctypes calls are in `pdfium_raw`, made holding its process-wide `LOCK`: the document is opened,
each page's objects read and the document closed under it; the engine-neutral analysis of a page
runs without it (taking it again only to draw a picture pdfium holds).

Failures: only what pdfium itself can't do is the file's ("can't be read", or a fall-back); a
failure of our own code is raised as it is, an internal error. Each fall-back to the reference
engine is a `pdf-engine-fallback` warning (docs/limits.md, "PDF engines"):

- a file pdfium can't open (a wrong or missing password, an unsupported security handler, a file
  without a "%PDF-" header, a broken one), or opens with no pages (an unsupported filter, some
  encryption), or no pdfium at all: the reference engine reads the file, or raises the typed error
  that says why it can't;
- a page pdfium can't load, or whose text it can't read, and a rotated page (/Rotate: pdfium's
  text page orders its chars its own way, where the line reader needs them in drawing order): the
  reference engine reads that page (`plumber.ReferencePages`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lnhs_parse.errors import CorruptFileError, LimitExceededError
from lnhs_parse.extract import sha256_of
from lnhs_parse.extract.pdf import pdfium_raw as raw
from lnhs_parse.extract.pdf import shadows
from lnhs_parse.extract.pdf.objects import PageObjects, PdfObject, upright
from lnhs_parse.extract.pdf.page import PageDraft, analyse_page, check_scanned, finish_pages
from lnhs_parse.extract.pdf.state import DocState, PictureSignature
from lnhs_parse.layout import Document, LayoutWarning
from lnhs_parse.settings import ParseOptions

if TYPE_CHECKING:
    from lnhs_parse.extract.pdf.plumber import ReferencePages

Matrix = raw.Matrix

# The standard 14 fonts (and the names PDF producers give them) as pdfminer takes their metrics from
# the Adobe font metrics, whatever the file says (pdfminer's `FONT_METRICS`; Symbol and
# ZapfDingbats have no descent there): their descent, for such a font drawn without a font file
# (pdfium substitutes fonts of its own, whose descent differs).
STANDARD_DESCENTS: dict[str, float] = {
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
                     "Arial", "Arial,Bold", "Arial,Italic", "Arial,BoldItalic"), -0.207),
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
                     "CourierNew", "CourierNew,Bold", "CourierNew,Italic",
                     "CourierNew,BoldItalic"), -0.194),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
                     "TimesNewRoman", "TimesNewRoman,Bold", "TimesNewRoman,Italic",
                     "TimesNewRoman,BoldItalic"), -0.217),
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}
# A made-up space of pdfium's is taken for a typed one in a gap this wide (x the font size): no
# wider than a space char with slack; no narrower than a tenth of the size, as a typed space may be
# kerned into the next glyph (Chromium's "Kletu: Apua" leaves 0.19 of the size, under the gap
# `lines` reads as a word break where no char marks one, which is why the made-up space counts).
SPACE_GAP = (0.1, 0.6)
# A line-ending hyphen's text object reaching this close (x the font size) to the end of the
# hyphen's advance had a space after it: the ink of a hyphen stops short of its advance by more.
HYPHEN_INK_GAP = 0.02
REFERENCE = "the reference engine (pdfplumber)"


def extract(path: str | Path, options: ParseOptions) -> Document:
    """Read the PDF at `path` into the layout model."""
    p = Path(path)
    digest = sha256_of(p)
    with raw.LOCK:
        try:
            doc = raw.open_document(p, options.password or "")
        except raw.Unavailable as exc:
            why = f"pdfium is not available ({exc})"
            doc = 0
        except raw.OpenFailed as exc:
            why = str(exc)
            doc = 0
    if not doc:  # the reference engine reads it, without holding pdfium's lock
        return _reference(p, options, why)
    try:
        with raw.LOCK:
            page_count = raw.page_count(doc)
        if page_count == 0:
            return _reference(p, options, "pdfium finds no pages in the file")
        return _extract(doc, page_count, p, digest, options)
    finally:
        with raw.LOCK:
            raw.close_document(doc)


def _reference(path: Path, options: ParseOptions, why: str) -> Document:
    """The file read by the reference engine, which reads it or says why it can't; the plan says
    so (`pdf-engine-fallback`)."""
    from lnhs_parse.extract.pdf import plumber

    document = plumber.extract(path, options)
    warning = LayoutWarning("pdf-engine-fallback", f"read by {REFERENCE}: {why}", None)
    return replace(document, warnings=(warning, *document.warnings))


class _RotatedPage(Exception):
    """A page with /Rotate: pdfium's text page puts its chars in reading order of its own, not in
    the order drawn, which the line reader relies on; the reference engine reads such a page."""

    def __init__(self, degrees: int) -> None:
        super().__init__(f"the page is rotated (/Rotate {degrees})")


def _extract(doc: int, page_count: int, p: Path, digest: str, options: ParseOptions) -> Document:
    from lnhs_parse.extract.pdf.descriptors import unmeasured_fonts

    name = str(p)
    if page_count > options.limits.max_pages:
        raise LimitExceededError(
            f"{page_count} pages, over the limit of {options.limits.max_pages}", path=name
        )
    fonts = _Fonts(unmeasured_fonts(p))
    state = DocState(slides=options.slides)
    drafts: list[PageDraft] = []
    reference: ReferencePages | None = None  # the reference engine, opened on first use
    try:
        for index in range(page_count):
            number = index + 1
            try:
                read = _PageRead.load(doc, index, number, name, options, state, fonts)
            except (raw.PdfiumError, _RotatedPage) as exc:
                state.warn("pdf-engine-fallback", f"page {number} read by {REFERENCE}: {exc}",
                           number)
                from lnhs_parse.extract.pdf.plumber import PagesDiffer, ReferencePages

                reference = reference or ReferencePages(p, options, page_count)
                try:
                    drafts.append(_read_by_reference(reference, index, state, exc, name))
                except PagesDiffer as differ:  # which page is which is not known: all its own
                    return _reference(p, options, f"page {number}: {exc}; {differ}")
                continue
            try:
                drafts.append(read.analyse(state))
            finally:
                read.close()
    finally:
        if reference is not None:
            reference.close()
    check_scanned(drafts, name)
    pages = finish_pages(drafts)

    if options.debug_dir is not None:
        _write_debug(p, pages, options, state)
    return Document(
        path=name,
        format="pdf",
        sha256=digest,
        page_count=page_count,
        pages=pages,
        warnings=tuple(state.warnings),
        engine="pdfium",
    )


def _read_by_reference(reference: ReferencePages, index: int, state: DocState,
                       why: Exception, name: str) -> PageDraft:
    """Page `index` read by the reference engine; a page neither engine can read is
    `CorruptFileError`, naming both failures."""
    try:
        return reference.read(index, state)
    except CorruptFileError as exc:
        raise CorruptFileError(f"page {index + 1} can't be read: {why}, and pdfplumber can't "
                               f"read it either ({exc.message})", path=name) from exc


def _write_debug(path: Path, pages: Any, options: ParseOptions, state: DocState) -> None:
    """The debug pictures, drawn over pages rendered by pdfplumber (the reference engine)."""
    from lnhs_parse.extract.pdf import plumber
    from lnhs_parse.extract.pdf.state import describe

    try:
        pdfplumber = plumber.import_pdfplumber()
        with pdfplumber.open(path, password=options.password or "") as pdf:
            plumber._write_debug(list(pdf.pages), pages, options, state)
    except Exception as exc:  # a debug picture never costs the parse
        state.warn("debug-write-failed", f"debug images not written: {describe(exc)}", None)


class _Fonts:
    """Each font's name and descent (per unit of font size, as pdfminer boxes its chars) and its
    glyph widths, read once per font of a page. Kept by the font's handle, and for one page only:
    pdfium frees a font no loaded page uses, and its address may be another font's on the next
    page (`new_page`)."""

    def __init__(self, unmeasured: frozenset[str]) -> None:
        self.unmeasured = unmeasured
        self.fonts: dict[int, tuple[str, float]] = {}
        self.units: dict[int, dict[int, float]] = {}  # glyph widths by code, per font

    def new_page(self) -> None:
        self.fonts.clear()
        self.units.clear()

    def get(self, font: int | None) -> tuple[str, float]:
        if font is None:
            return ("", 0.0)
        found = self.fonts.get(font)
        if found is None:
            info = raw.font_info(font)
            descent = -abs(info.descent)  # pdfminer: a positive /Descent is taken negated
            if info.name in self.unmeasured or _base_name(info.name) in self.unmeasured:
                descent = 0.0  # the descriptor gives no metrics: pdfminer takes 0
            elif not info.embedded and info.name in STANDARD_DESCENTS:
                descent = STANDARD_DESCENTS[info.name]
            found = self.fonts[font] = (info.name, descent)
        return found


def _base_name(fontname: str) -> str:
    """A font name without its subset prefix ("ABCDEF+Calibri" → "Calibri")."""
    prefix = fontname[:6]
    if len(fontname) > 7 and fontname[6] == "+" and prefix.isascii() and prefix.isupper():
        return fontname[7:]
    return fontname


def _page_ctm(page: int) -> tuple[Matrix, float, float, float, float]:
    """pdfminer's page matrix (the media box's origin moved to 0, 0), the page's width and height,
    and the offsets pdfplumber adds back (x of the media box, its top). A page with /Rotate goes
    to the reference engine (`_RotatedPage`)."""
    degrees = raw.rotation(page)
    if degrees:
        raise _RotatedPage(degrees)
    box = raw.media_box(page)
    if box is None:
        w, h = raw.page_size(page)
        box = (0.0, 0.0, w, h)
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    height = y1 - y0
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0), x1 - x0, height, x0, height - y1


class _PageRead:
    """One page as pdfium reads it: its objects as pdfminer's dicts and its paragraphs, the page
    still loaded (its pictures are drawn when the analysis asks for them). Close it when done."""

    def __init__(self, doc: int, page: int, number: int, width: float, height: float,
                 objects: PageObjects, images: dict[int, int], blocks: dict[int, int]) -> None:
        self.doc, self.page, self.number = doc, page, number
        self.width, self.height = width, height
        self.objects, self.images, self.blocks = objects, images, blocks

    @classmethod
    def load(cls, doc: int, index: int, number: int, name: str, options: ParseOptions,
             state: DocState, fonts: _Fonts) -> _PageRead:
        """Page `index` read, holding pdfium's lock; `PdfiumError` when pdfium can't load it or
        its text, `_RotatedPage` for a rotated one, `LimitExceededError` over the object limit."""
        limit = options.limits.max_page_objects
        with raw.LOCK:
            page = raw.load_page(doc, index)
            try:
                n_top = raw.count_objects(page, limit)
                if n_top > limit:
                    raise LimitExceededError(
                        f"page {number} has {n_top} objects or more, over the limit of {limit}",
                        path=name,
                    )
                width, height, objects, images = _read_objects(page, fonts)
                n_objects = sum(len(v) for v in objects.values())
                if n_objects > limit:
                    raise LimitExceededError(
                        f"page {number} has {n_objects} objects, over the limit of {limit}",
                        path=name,
                    )
                from lnhs_parse.extract.pdf.pdfium_structure import paragraph_blocks

                blocks = paragraph_blocks(page, state, number)
            except BaseException:
                raw.close_page(page)
                raise
        return cls(doc, page, number, width, height, objects, images, blocks)

    def analyse(self, state: DocState) -> PageDraft:
        """The page's layout: the engine-neutral analysis, without pdfium's lock."""
        pictures = _pictures(self.doc, self.page, self.images, state, self.number)
        return analyse_page(self.number, self.width, self.height, self.objects, state, pictures,
                            self.blocks)

    def close(self) -> None:
        with raw.LOCK:
            raw.close_page(self.page)


def _read_objects(
    page: int, fonts: _Fonts
) -> tuple[float, float, PageObjects, dict[int, int]]:
    """The page's width and height as pdfplumber has them, its objects as pdfminer's dicts, and
    the pdfium object of each image dict (by the dict's id)."""
    ctm, width, height, mb_x0, mb_top = _page_ctm(page)

    def to_page(x: float, y: float, m: Matrix) -> tuple[float, float]:
        a, b, c, d, e, f = m
        return (a * x + c * y + e, b * x + d * y + f)

    def top_of(y: float) -> float:
        return height - y + mb_top

    objects: PageObjects = {"char": [], "rect": [], "line": [], "curve": [], "image": []}
    images: dict[int, int] = {}
    fonts.new_page()
    seen: dict[int, list[PdfObject]] = {}
    _read_chars(page, ctm, height + mb_top, mb_x0, fonts, objects["char"], seen)
    inked = _dropped_spaces(page, ctm, height + mb_top, mb_x0, fonts, objects["char"], seen)
    if inked:
        _onto_dropped_copies(inked, ctm, seen)
    for kind, obj, outer in raw.walk_objects(page):
        m = raw.mult(raw.mult(raw.object_matrix(obj), outer), ctm)
        if kind == raw.PATH:
            _read_path(obj, m, to_page, top_of, mb_x0, objects)
        else:
            xs, ys = zip(*(to_page(x, y, m) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))),
                         strict=True)
            img: PdfObject = {
                "x0": min(xs) + mb_x0, "x1": max(xs) + mb_x0,
                "top": top_of(max(ys)), "bottom": top_of(min(ys)),
                "mcid": _mcid(obj),
            }
            images[id(img)] = obj
            objects["image"].append(img)
    return width, height, objects, images


def _mcid(obj: Any) -> int | None:
    mcid = raw.marked_content_id(obj)
    return mcid if mcid >= 0 else None


def _rgb(colour: tuple[int, int, int, int] | None) -> tuple[float, float, float] | None:
    if colour is None:
        return None
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


class _TextObject:
    """What the chars of one text object share, read once."""

    __slots__ = ("colour", "descent", "font", "fontname", "info", "matrix", "mcid", "units",
                 "upright")

    def __init__(self, info: raw.TextObjInfo, matrix: Matrix, fonts: _Fonts):
        self.info = info
        self.font = info.font
        self.units = fonts.units.setdefault(info.font or 0, {})  # widths by code, per font
        a, b, c, d = matrix[:4]
        self.matrix = matrix
        self.upright = upright(a, b, c, d)
        # pdfminer: descent = the descriptor's /Descent / 1000 x the font size
        self.fontname, descent = fonts.get(info.font)
        self.descent = descent * info.font_size
        self.colour = _rgb(info.colour)
        self.mcid = info.mcid if info.mcid >= 0 else None

    def advance(self, code: int) -> float:
        """The char's advance in text space, as pdfminer has it: width / 1000 x the font size
        (pdfminer's widths as written; pdfium's are whole units)."""
        width = self.units.get(code)
        if width is None:
            units = raw.glyph_width(self.font, code, 1000.0)
            width = self.units[code] = round(units, 3) * 0.001 if units else 0.0
        return width * self.info.font_size


def _read_chars(
    page: int,
    ctm: Matrix,
    page_top: float,
    mb_x0: float,
    fonts: _Fonts,
    out: list[PdfObject],
    seen: dict[int, list[PdfObject]] | None = None,
) -> None:
    """The page's chars into `out`; `page_top` is where y = 0 lies from the top (pdfplumber's
    height and media box offset), the text objects they come from into `seen` with their chars.
    `PageNotLoaded` when pdfium can't read the page's text."""
    text_page = raw.load_text_page(page)
    try:
        objects: dict[int, _TextObject] = {}
        owned: dict[int, list[PdfObject]] = {}  # each text object's chars
        mine: list[PdfObject] = []  # ... the current one's
        gap_space = False  # pdfium made up a space since the last char
        plain = ctm[:4] == (1.0, 0.0, 0.0, 1.0)
        e0, f0 = ctm[4], ctm[5]
        last = 0
        tobj: _TextObject | None = None
        widths: dict[int, float] = {}
        # what every char of the current text object shares, bound to locals (this loop runs for
        # every char of the deck): its font size, the text matrix (a, b, c, d), the char
        # matrix's in page space (ma, mb, mc, md: the text matrix's when `plain`), the products
        # of those with the descent and the top of the box, and the char dict's shared values
        fs = a = b = c = d = ma = mb = mc = md = 0.0
        mc_desc = md_desc = mc_top = md_top = 0.0
        fontname, upright, colour, mcid = "", True, None, None
        append = out.append
        mult, loose_right, line_end_hyphen = raw.mult, raw.loose_right, raw.LINE_END_HYPHEN
        # the last char's text object and origin (g_obj 0: none), and its advance so far
        g_obj, g_x, g_y, glyph_adv = 0, 0.0, 0.0, 0.0
        for index, (code, generated, x, y, obj) in enumerate(raw.chars(text_page)):
            if generated or not obj:
                gap_space = code == 0x20 and generated and bool(out)
                g_obj = 0
                continue
            if obj != last or tobj is None:  # what the chars of one text object share
                tobj = objects.get(obj)
                if tobj is None:
                    info = raw.text_object_info(obj)
                    tobj = objects[obj] = _TextObject(
                        info, raw.char_matrix(text_page, index), fonts)
                last, widths = obj, tobj.units
                mine = owned.setdefault(obj, [])
                fs, descent = tobj.info.font_size, tobj.descent
                top_y = descent + fs
                a, b, c, d = tobj.matrix[:4]
                # pdfminer's char matrix (below) in its first four entries, which the origin
                # doesn't move
                ma, mb, mc, md = (a, b, c, d) if plain else mult((a, b, c, d, 0.0, 0.0), ctm)[:4]
                mc_desc, md_desc, mc_top, md_top = mc * descent, md * descent, mc * top_y, \
                    md * top_y
                fontname, upright, colour, mcid = tobj.fontname, tobj.upright, tobj.colour, \
                    tobj.mcid
            hyphen = code == line_end_hyphen
            if hyphen:
                code = 0x2D
            width = widths.get(code)
            adv = width * fs if width is not None else tobj.advance(code)
            # one glyph that stands for several chars (a ligature mapped to "fi" by the font's
            # ToUnicode): pdfium gives each char the glyph's origin, pdfminer one char "fi"
            # (its advance: to the right of pdfium's loose box, for upright text; else the first
            # char's, as widths by code point don't add up to a ligature's)
            same_glyph = obj == g_obj and x == g_x and y == g_y \
                and not out[-1]["text"].isspace()
            if same_glyph:
                right = loose_right(text_page, index) if plain and b == c == 0 < a else None
                adv = (right - x) / a if right is not None and right > x else glyph_adv
            g_obj, g_x, g_y, glyph_adv = obj, x, y, adv
            # pdfminer's char matrix: the text matrix moved to the glyph's origin, in page space
            if plain:
                e, f = x + e0, y + f0
                m = (a, b, c, d, e, f)
            else:
                m = mult((a, b, c, d, x, y), ctm)
                e, f = m[4], m[5]
            x0, y0 = mc_desc + e, md_desc + f
            x1, y1 = ma * adv + mc_top + e, mb * adv + md_top + f
            if x1 < x0:
                x0, x1 = x1, x0
            if y1 < y0:
                y0, y1 = y1, y0
            char: PdfObject = {
                "text": chr(code) if code < 0x110000 else "\ufffd",
                "x0": x0 + mb_x0,
                "x1": x1 + mb_x0,
                "top": page_top - y1,
                "bottom": page_top - y0,
                "size": y1 - y0,
                "fontname": fontname,
                "matrix": m,
                "upright": upright,
                "non_stroking_color": colour,
                "mcid": mcid,
            }
            if same_glyph:
                out[-1] = mine[-1] = {**char, "text": out[-1]["text"] + char["text"]}
                continue
            if gap_space:
                _typed_space(out, char)
                gap_space = False
            append(char)
            mine.append(char)
            if hyphen and mb == 0 and mc == 0 and ma > 0:
                _space_after_hyphen(out, obj, x + adv * ma, tobj.font)
        if seen is not None:
            seen.update(owned)
    finally:
        raw.close_text_page(text_page)


def _dropped_spaces(
    page: Any,
    ctm: Matrix,
    page_top: float,
    mb_x0: float,
    fonts: _Fonts,
    out: list[PdfObject],
    seen: dict[int, list[PdfObject]],
) -> list[tuple[int, tuple[float, float, float, float]]]:
    """Put back the spaces of text objects pdfium's text page left out whole: PowerPoint writes
    each word and each space as a text object of its own, and pdfium's text page drops a space's
    object, making up a space between two words but none after a line's last word, so a line
    wrapped at a space (`Line.space_after`) would not show it. A text object with no char in the
    text page and no ink (its box is its origin) is such a space: it goes after the char it
    follows on its baseline, unless a space is there already. Upright text only.

    Returns the text objects left out whole that have ink, with their boxes: the copies pdfium
    drops as repeats of an object drawn before (see `_onto_dropped_copies`)."""
    inked: list[tuple[int, tuple[float, float, float, float]]] = []
    if ctm[:4] != (1.0, 0.0, 0.0, 1.0):
        return inked
    for obj in raw.text_objects(page):
        if obj in seen:
            continue
        box = raw.bounds(obj)
        if box is None:
            continue
        if box[2] - box[0] > 0.01 or box[3] - box[1] > 0.01:
            inked.append((obj, box))
            continue  # it has ink: no lone space
        matrix = raw.object_matrix(obj)
        tobj = _TextObject(raw.text_object_info(obj), matrix, fonts)
        a, b, c, d = matrix[:4]
        if not tobj.upright or b or c:
            continue
        fs = tobj.info.font_size
        e, f = box[0] + ctm[4], box[1] + ctm[5]
        size = d * fs
        # a font without a space's width: a quarter of the size, pdfminer's default
        x0, x1 = e + mb_x0, e + (a * tobj.advance(0x20) or 0.25 * size) + mb_x0
        prev = _char_before(out, x0, f, size)
        if prev is None or out[prev]["text"].isspace() or _covered(out, x0, x1, f, size):
            continue
        out.insert(prev + 1, {
            **out[prev], "text": " ", "x0": x0, "x1": x1,
            "top": page_top - (d * (tobj.descent + fs) + f),
            "bottom": page_top - (d * tobj.descent + f), "size": size,
            "matrix": (a, b, c, d, e, f), "mcid": tobj.mcid,
        })
    return inked


# Points: text objects are looked for in squares this wide (a shadow stands at most 0.25 of its
# size off its text: 16 pt for 64 pt type; the squares around a box are looked in too).
COPY_CELL = 16.0


def _onto_dropped_copies(
    inked: list[tuple[int, tuple[float, float, float, float]]],
    ctm: Matrix,
    seen: dict[int, list[PdfObject]],
) -> None:
    """Read a shadowed text object as its text where pdfium's text page kept only its shadow.

    pdfium's text page leaves out a text object that repeats one drawn before it a little off
    (Chromium's print of a hard `text-shadow` draws the shadow's object first, the text's after
    it): what it keeps is the shadow's glyphs, in the shadow's colour, off the text. A left-out
    object with ink (`inked`) whose box is the size of a kept one's and stands off it as a text
    shadow does (`shadows.SHADOW_OFFSET`, `shadows.SHADOW_MIN_RISE` of its glyphs' size) and
    above it is the text: the kept object's chars move onto it and take its colour (and its
    marked-content id where they have none), as pdfplumber's chars read by `shadows.read_once`
    give them. Upright text on an unrotated page only."""
    if ctm[:4] != (1.0, 0.0, 0.0, 1.0):
        return

    def key(box: tuple[float, ...], dx: int = 0, dy: int = 0) -> tuple[int, int, int, int]:
        """A box's size (tenths of a point) and its `COPY_CELL` square, moved `dx`, `dy`."""
        return (round((box[2] - box[0]) * 10), round((box[3] - box[1]) * 10),
                math.floor(box[0] / COPY_CELL) + dx, math.floor(box[3] / COPY_CELL) + dy)

    kept_boxes: dict[tuple[int, int, int, int], list[tuple[list[PdfObject], tuple[float, ...]]]]
    kept_boxes = {}
    for obj, chars in seen.items():
        box = raw.bounds(obj) if chars and chars[0]["upright"] else None
        if box is not None:
            kept_boxes.setdefault(key(box), []).append((chars, box))
    moved: set[int] = set()
    for obj, box in inked:
        near = [c for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                for c in kept_boxes.get(key(box, dx, dy), ())[-shadows.MAX_CANDIDATES:]]
        for chars, kept in near:
            if id(chars) in moved:
                continue
            size = max(c["size"] or 0.0 for c in chars)
            dx, up = box[0] - kept[0], box[3] - kept[3]  # right, and up (PDF space)
            reach, rise = shadows.SHADOW_OFFSET * size, shadows.SHADOW_MIN_RISE * size
            if abs(dx) <= reach and rise < up <= reach:
                info = raw.text_object_info(obj)
                colour = _rgb(info.colour)
                for c in chars:
                    shadows.move(c, dx, -up)
                    c["non_stroking_color"] = colour
                    if c["mcid"] is None and info.mcid >= 0:
                        c["mcid"] = info.mcid
                moved.add(id(chars))
                break


def _char_before(chars: list[PdfObject], x: float, base: float, size: float) -> int | None:
    """The index of the char that ends at `x` or up to half a font size before it, on about
    baseline `base` (within half the larger font size), the nearest, or None."""
    best: tuple[float, int] | None = None
    for i, c in enumerate(chars):
        # a space set in a smaller size (a paragraph's end) may sit off the line's baseline
        near = 0.5 * max(size, c["size"] or 0.0)
        if abs(c["matrix"][5] - base) > near or not c.get("upright", True):
            continue
        gap = x - c["x1"]
        if -0.05 * size <= gap <= 0.5 * size and (best is None or abs(gap) < best[0]):
            best = (abs(gap), i)
    return None if best is None else best[1]


def _covered(chars: list[PdfObject], x0: float, x1: float, base: float, size: float) -> bool:
    """Whether a glyph on about baseline `base` starts within 0.15 of the font size after `x0`
    (where a space would end at least) or spans `x0`: the empty object there is no space. (`x1`:
    unused.)"""
    inside = x0 + 0.15 * size
    return any(
        abs(c["matrix"][5] - base) <= 0.5 * max(size, c["size"] or 0.0)
        and (x0 - 0.01 <= c["x0"] < inside or c["x0"] < x0 < c["x1"] - 0.05 * size)
        for c in chars
    )


def _typed_space(chars: list[PdfObject], nxt: PdfObject) -> None:
    """Put back a typed space pdfium left out of its text page (it does so with every space of
    some producers' fonts, Chromium's among them, and makes up its own in the gap): a space
    spanning the gap between the last char and `nxt` on one baseline, when the gap is as wide as
    a space (`SPACE_GAP`); a wider one is no single space, a narrower one no word break."""
    prev = chars[-1]
    if prev["text"].isspace() or not (prev["upright"] and nxt["upright"]):
        return
    size = max(prev["size"], nxt["size"]) or 1.0
    gap = nxt["x0"] - prev["x1"]
    same_base = abs(prev["matrix"][5] - nxt["matrix"][5]) <= 0.25 * size
    if same_base and SPACE_GAP[0] * size <= gap <= SPACE_GAP[1] * size:
        chars.append({**prev, "text": " ", "x0": prev["x1"], "x1": nxt["x0"]})


def _space_after_hyphen(chars: list[PdfObject], obj: int, end: float, font: int | None) -> None:
    """Put back the typed space after a hyphen that ends a line: pdfium marks such a hyphen
    (`pdfium_raw.LINE_END_HYPHEN`) and drops the spaces after it, which tell "kuulemis- ja"
    (wrapped at the space) from "kuulemis-|palaute" (a word broken at its hyphen). Its text
    object's box still reaches the dropped space's origin (`end`, the end of the hyphen's advance
    in user space), past the hyphen's ink (`HYPHEN_INK_GAP`)."""
    box = raw.bounds(obj)
    if box is None:
        return
    size = chars[-1]["size"] or 1.0
    if box[2] < end - HYPHEN_INK_GAP * size:
        return
    hyphen = chars[-1]
    width = (raw.glyph_width(font, 0x20, 1000.0) or 250.0) * 0.001 * size
    chars.append({**hyphen, "text": " ", "x0": hyphen["x1"], "x1": hyphen["x1"] + width})


def _read_path(
    obj: Any,
    m: Matrix,
    to_page: Callable[[float, float, Matrix], tuple[float, float]],
    top_of: Callable[[float], float],
    mb_x0: float,
    objects: PageObjects,
) -> None:
    info = raw.path_info(obj)
    if not (info.fill or info.stroke) or not info.segments:
        return
    colour = _rgb(raw.fill_colour(obj))
    mcid = _mcid(obj)
    # subpaths, each as pdfminer's operators ("m", "l", "c", "h") and its points
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    ops: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for kind, x, y, closes in info.segments:
        pt = to_page(x, y, m)
        if kind == raw.MOVETO or not ops:
            if ops:
                subpaths.append(("".join(ops), pts))
            ops, pts, bezier = ["m"], [pt], 0
        elif kind == raw.BEZIERTO:
            if bezier == 0:
                ops.append("c")
            bezier = (bezier + 1) % 3
            pts.append(pt)
        else:
            ops.append("l")
            pts.append(pt)
            bezier = 0
        if closes and kind != raw.MOVETO:
            # pdfium closes a rectangle ("re") with a fifth point back at the start; pdfminer has
            # "m l l l h"
            if ops[-1] == "l" and len(pts) > 2 and pts[-1] == pts[0] and "".join(ops) == "mllll":
                ops.pop()
                pts.pop()
            ops.append("h")
            pts.append(pts[0])
    if ops:
        subpaths.append(("".join(ops), pts))
    if len(subpaths) > 1:  # pdfminer drops a lone move-to among several subpaths
        subpaths = [s for s in subpaths if len(s[0]) > 1]
    for shape, points in subpaths:
        if shape in ("ml", "mlh"):
            kind_name = "line"
            points = points[:2]
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points[:5]
            closed = points[0] == points[4]
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            kind_name = "rect" if closed and square else "curve"
        else:
            kind_name = "curve"
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        objects[kind_name].append({
            "x0": min(xs) + mb_x0,
            "x1": max(xs) + mb_x0,
            "top": top_of(max(ys)),
            "bottom": top_of(min(ys)),
            "fill": info.fill,
            "stroke": info.stroke,
            "non_stroking_color": colour,
            "pts": [(x + mb_x0, top_of(y)) for x, y in points],
            "mcid": mcid,
        })


def _pictures(
    doc: int, page: int, images: dict[int, int], state: DocState, number: int
) -> Callable[[PdfObject], PictureSignature]:
    """The picture decoder `analyse_page` calls for each image of the page: pdfium draws the
    picture, holding its lock; the colour and digest are counted without it."""
    import hashlib

    def signature(img: PdfObject) -> PictureSignature:
        obj = images[id(img)]
        with raw.LOCK:
            data = raw.image_raw_data(obj)
            size = raw.image_pixel_size(obj)
            key = ("pdfium", hashlib.sha1(data).hexdigest(), size)
            if key in state.pictures:
                return state.pictures[key]
            try:
                drawn: tuple[int, int, bytes] | None = raw.rendered_image(doc, page, obj, size)
            except raw.PictureNotDrawn as exc:  # still an icon, without a colour
                state.warn("pdf-picture-undecodable",
                           f"a small picture could not be decoded ({exc})", number)
                drawn = None
        if drawn is None:
            result: PictureSignature = (None, hashlib.sha1(data).hexdigest() if data else None)
        else:
            result = _signature(*drawn)
        state.pictures[key] = result
        return result

    return signature


def _signature(width: int, height: int, bgra: bytes) -> PictureSignature:
    """Colour and digest of a picture pdfium drew at its own pixel size: a small one (an icon)
    counted here, a larger one shrunk by Pillow as the reference engine does."""
    import hashlib
    from collections import Counter

    from lnhs_parse.extract.pdf.images import SMALL_PICTURE, dominant_colour, image_signature

    if width * height > SMALL_PICTURE:
        from PIL import Image

        im = Image.frombytes("RGBA", (width, height), bgra, "raw", "BGRA")
        return image_signature(im)
    digest = hashlib.sha1(f"{(width, height)}".encode() + bgra).hexdigest()
    counted = Counter(zip(bgra[2::4], bgra[1::4], bgra[0::4], bgra[3::4], strict=True))
    return dominant_colour([(n, px) for px, n in counted.items()]), digest
