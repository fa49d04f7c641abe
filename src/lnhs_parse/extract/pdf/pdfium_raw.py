"""pdfium's C API through ctypes (`pypdfium2_raw`, the bindings pypdfium2 ships): the one module
that calls it. Everything here returns plain Python values; `lnhs_parse.extract.pdf.pdfium` turns
them into the layout model's object dicts.

The bindings are imported lazily, on the first call, and pdfium is initialised then (once per
process; pypdfium2's own package, whose import costs as much again, is not needed). Handles
(documents, pages, text pages, page objects) are ctypes pointers; whoever loads one closes it.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Matrix = tuple[float, float, float, float, float, float]

_LIB: Any = None

# pdfium's page object types (fpdf_edit.h)
TEXT, PATH, IMAGE, SHADING, FORM = 1, 2, 3, 4, 5
# path segment types
LINETO, BEZIERTO, MOVETO = 0, 1, 2
# FPDF_GetLastError codes
ERR_PASSWORD, ERR_SECURITY = 4, 5


def lib() -> Any:
    """The bindings, pdfium initialised."""
    global _LIB
    if _LIB is None:
        import pypdfium2_raw

        pypdfium2_raw.FPDF_InitLibrary()
        _LIB = pypdfium2_raw
    return _LIB


class OpenFailed(Exception):
    """pdfium could not open the document; `code` is FPDF_GetLastError's."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def open_document(path: Path, password: str) -> Any:
    r = lib()
    doc = r.FPDF_LoadDocument(str(path).encode(), password.encode() if password else None)
    if not doc:
        raise OpenFailed(int(r.FPDF_GetLastError()))
    return doc


def close_document(doc: Any) -> None:
    lib().FPDF_CloseDocument(doc)


def page_count(doc: Any) -> int:
    return int(lib().FPDF_GetPageCount(doc))


def load_page(doc: Any, index: int) -> Any:
    page = lib().FPDF_LoadPage(doc, index)
    if not page:
        raise RuntimeError(f"pdfium could not load page index {index}")
    return page


def close_page(page: Any) -> None:
    lib().FPDF_ClosePage(page)


def media_box(page: Any) -> tuple[float, float, float, float] | None:
    r = lib()
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    if not r.FPDFPage_GetMediaBox(page, x0, y0, x1, y1):
        return None
    return (x0.value, y0.value, x1.value, y1.value)


def page_size(page: Any) -> tuple[float, float]:
    r = lib()
    return (float(r.FPDF_GetPageWidthF(page)), float(r.FPDF_GetPageHeightF(page)))


def rotation(page: Any) -> int:
    """The page's /Rotate in degrees (0, 90, 180, 270)."""
    return int(lib().FPDFPage_GetRotation(page)) % 4 * 90


def _matrix(obj: Any) -> Matrix:
    m = lib().FS_MATRIX()
    if not lib().FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention, as pdfminer's mult_matrix)."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (
        a0 * a1 + c0 * b1, b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0,
    )


def count_objects(page: Any, limit: int) -> int:
    """Objects on the page, those inside form XObjects counted too (a text object counts once),
    counted up to one over `limit`."""
    r = lib()
    total = int(r.FPDFPage_CountObjects(page))
    if total > limit:
        return limit + 1
    total = 0
    stack = [r.FPDFPage_GetObject(page, i) for i in range(r.FPDFPage_CountObjects(page))]
    while stack:
        obj = stack.pop()
        total += 1
        if total > limit:
            return total
        if r.FPDFPageObj_GetType(obj) == FORM:
            stack.extend(r.FPDFFormObj_GetObject(obj, i)
                         for i in range(max(0, r.FPDFFormObj_CountObjects(obj))))
    return total


def walk_objects(page: Any) -> Iterator[tuple[int, Any, Matrix]]:
    """(type, object, matrix to page space of what the object's own matrix maps to) of every path
    and image, in drawing order, descending into form XObjects."""
    r = lib()
    identity: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def walk(objs: list[Any], outer: Matrix) -> Iterator[tuple[int, Any, Matrix]]:
        for obj in objs:
            kind = int(r.FPDFPageObj_GetType(obj))
            if kind == FORM:
                inner = mult(_matrix(obj), outer)
                n = max(0, r.FPDFFormObj_CountObjects(obj))
                yield from walk([r.FPDFFormObj_GetObject(obj, i) for i in range(n)], inner)
            elif kind in (PATH, IMAGE):
                yield kind, obj, outer

    n = r.FPDFPage_CountObjects(page)
    yield from walk([r.FPDFPage_GetObject(page, i) for i in range(n)], identity)


def object_matrix(obj: Any) -> Matrix:
    return _matrix(obj)


def fill_colour(obj: Any) -> tuple[int, int, int, int] | None:
    r = lib()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not r.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha):
        return None
    return (red.value, green.value, blue.value, alpha.value)


def bounds(obj: Any) -> tuple[float, float, float, float] | None:
    """The object's box (left, bottom, right, top) in page space; a text object's spans its
    glyphs' ink and the origin of each char (a space's too)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not lib().FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return (left.value, bottom.value, right.value, top.value)


def marked_content_id(obj: Any) -> int:
    return int(lib().FPDFPageObj_GetMarkedContentID(obj))


@dataclass(frozen=True, slots=True)
class PathInfo:
    segments: list[tuple[int, float, float, bool]]  # (type, x, y, closes) in object space
    fill: bool
    stroke: bool


def path_info(obj: Any) -> PathInfo:
    r = lib()
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not r.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        fillmode.value, stroke.value = 0, 0
    segs: list[tuple[int, float, float, bool]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(max(0, r.FPDFPath_CountSegments(obj))):
        seg = r.FPDFPath_GetPathSegment(obj, i)
        if not seg or not r.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        segs.append((int(r.FPDFPathSegment_GetType(seg)), x.value, y.value,
                     bool(r.FPDFPathSegment_GetClose(seg))))
    return PathInfo(segs, fillmode.value != 0, bool(stroke.value))


@dataclass(slots=True)
class TextObjInfo:
    fontname: str
    font_size: float
    descent: float  # per unit of font size
    colour: tuple[int, int, int, int] | None
    mcid: int
    font: Any


def text_object_info(obj: Any) -> TextObjInfo:
    r = lib()
    size = ctypes.c_float()
    if not r.FPDFTextObj_GetFontSize(obj, size):
        size.value = 0.0
    font_size = float(f"{size.value:.7g}")  # single precision, as the decimal written
    font = r.FPDFTextObj_GetFont(obj)
    name = ""
    descent = 0.0
    if font:
        n = r.FPDFFont_GetBaseFontName(font, None, 0)
        if n > 0:
            buf = ctypes.create_string_buffer(n)
            r.FPDFFont_GetBaseFontName(font, buf, n)
            name = buf.value.decode("utf-8", "replace")
        d = ctypes.c_float()
        if r.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), d):
            descent = d.value / 1000.0
    return TextObjInfo(name, font_size, descent, fill_colour(obj), marked_content_id(obj), font)


def glyph_width(font: Any, code: int, size: float) -> float | None:
    """Advance width of the char `code` (a code point) in `font` at `size`."""
    w = ctypes.c_float()
    if not font or not lib().FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(size), w):
        return None
    return float(w.value)


CharInfo = tuple[int, bool, float, float, int]
"""A char of the text page: its code point, whether pdfium made it up (a space or line break not
in the content), its origin (x, y) and its text object (a `handle`)."""

_FAST: Any = None


def _fast() -> Any:
    """Private prototypes of the per-char functions: addresses in and out (c_void_p), no argument
    conversion (argtypes None; callers pass a c_void_p, ints and byrefs). The bindings' typed
    pointers and argument checks cost more than the calls themselves."""
    global _FAST
    if _FAST is None:
        from types import SimpleNamespace

        from pypdfium2_raw import bindings

        dll = bindings._libs["pdfium"]

        def proto(name: str, restype: Any) -> Any:
            f = dll[name]  # a new function object: the shared bindings stay as they are
            f.restype = restype
            return f

        _FAST = SimpleNamespace(
            count=proto("FPDFText_CountChars", ctypes.c_int),
            get_text=proto("FPDFText_GetText", ctypes.c_int),
            unicode=proto("FPDFText_GetUnicode", ctypes.c_uint),
            generated=proto("FPDFText_IsGenerated", ctypes.c_int),
            origin=proto("FPDFText_GetCharOrigin", ctypes.c_int),
            text_object=proto("FPDFText_GetTextObject", ctypes.c_void_p),
        )
    return _FAST


def address(handle: Any) -> int:
    return int(ctypes.cast(handle, ctypes.c_void_p).value or 0)


def handle(addr: int) -> Any:
    """A page object's typed pointer from its address, for the bindings."""
    return ctypes.cast(ctypes.c_void_p(addr), lib().FPDF_PAGEOBJECT)


def load_text_page(page: Any) -> Any:
    return lib().FPDFText_LoadPage(page)


def close_text_page(text_page: Any) -> None:
    lib().FPDFText_ClosePage(text_page)


def chars(text_page: Any) -> list[CharInfo]:
    """The chars of a text page, in its order."""
    f = _fast()
    tp = ctypes.c_void_p(address(text_page))
    n = max(0, f.count(tp))
    buf = (ctypes.c_uint16 * (n + 1))()
    got = f.get_text(tp, 0, n, buf) if n else 0
    codes: list[int] = list(buf[:n])
    if got != n + 1 or any(0xD800 <= c <= 0xDFFF for c in codes):  # not one unit per char
        codes = [f.unicode(tp, i) for i in range(n)]
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    generated, origin, text_object = f.generated, f.origin, f.text_object
    out: list[CharInfo] = []
    append = out.append
    for i, code in enumerate(codes):
        origin(tp, i, px, py)
        # only a space or a line break can be made up (FPDFText_IsGenerated, asked for those)
        made_up = code in (0x20, 0x0A, 0x0D) and generated(tp, i) != 0
        append((code, made_up, x.value, y.value, text_object(tp, i) or 0))
    return out


def char_matrix(text_page: Any, index: int) -> Matrix:
    """The text matrix of char `index` (its font size left out; the same for a text object)."""
    r = lib()
    m = r.FS_MATRIX()
    if not r.FPDFText_GetMatrix(text_page, index, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (_snap(m.a), _snap(m.b), _snap(m.c), _snap(m.d), m.e, m.f)


def _snap(value: float) -> float:
    """A number pdfium hands over in single precision, as the decimal written in the file."""
    return float(f"{value:.7g}")


def image_pixel_size(obj: Any) -> tuple[int, int]:
    w, h = ctypes.c_uint(), ctypes.c_uint()
    if not lib().FPDFImageObj_GetImagePixelSize(obj, w, h):
        return (0, 0)
    return (w.value, h.value)


def rendered_image(doc: Any, page: Any, obj: Any, size: tuple[int, int]) -> tuple[int, int, bytes]:
    """The image object drawn at `size` pixels (its soft mask applied), as BGRA bytes: its
    matrix is set to that size for the drawing and put back after."""
    r = lib()
    saved = r.FS_MATRIX()
    r.FPDFPageObj_GetMatrix(obj, saved)
    scaled = r.FS_MATRIX(float(size[0]), 0.0, 0.0, float(size[1]), 0.0, 0.0)
    r.FPDFPageObj_SetMatrix(obj, scaled)
    try:
        bitmap = r.FPDFImageObj_GetRenderedBitmap(doc, page, obj)
    finally:
        r.FPDFPageObj_SetMatrix(obj, saved)
    if not bitmap:
        raise ValueError("pdfium could not draw the picture")
    try:
        width = int(r.FPDFBitmap_GetWidth(bitmap))
        height = int(r.FPDFBitmap_GetHeight(bitmap))
        stride = int(r.FPDFBitmap_GetStride(bitmap))
        fmt = int(r.FPDFBitmap_GetFormat(bitmap))
        buf = r.FPDFBitmap_GetBuffer(bitmap)
        data = ctypes.string_at(buf, stride * height)
    finally:
        r.FPDFBitmap_Destroy(bitmap)
    if fmt != 4:  # FPDFBitmap_BGRA
        raise ValueError(f"unexpected bitmap format {fmt}")
    rows = b"".join(data[i * stride : i * stride + width * 4] for i in range(height))
    return width, height, rows


def image_raw_data(obj: Any) -> bytes:
    """The image's stream data as stored (still encoded)."""
    r = lib()
    n = int(r.FPDFImageObj_GetImageDataRaw(obj, None, 0))
    if n <= 0:
        return b""
    buf = ctypes.create_string_buffer(n)
    r.FPDFImageObj_GetImageDataRaw(obj, buf, n)
    return buf.raw[:n]


# Structure tree

def struct_tree(page: Any) -> Any:
    return lib().FPDF_StructTree_GetForPage(page)


def close_struct_tree(tree: Any) -> None:
    lib().FPDF_StructTree_Close(tree)


def struct_roots(tree: Any) -> list[Any]:
    r = lib()
    out = []
    for i in range(max(0, r.FPDF_StructTree_CountChildren(tree))):
        el = r.FPDF_StructTree_GetChildAtIndex(tree, i)
        if el:
            out.append(el)
    return out


def struct_type(el: Any) -> str:
    r = lib()
    n = int(r.FPDF_StructElement_GetType(el, None, 0))
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(n)
    r.FPDF_StructElement_GetType(el, buf, n)
    return buf.raw[:n].decode("utf-16-le", "replace").rstrip("\x00")


def struct_mcids(el: Any) -> list[int]:
    """The marked-content ids directly under the element (its kids that are marked content)."""
    r = lib()
    out = []
    for i in range(max(0, r.FPDF_StructElement_GetMarkedContentIdCount(el))):
        mcid = int(r.FPDF_StructElement_GetMarkedContentIdAtIndex(el, i))
        if mcid >= 0:
            out.append(mcid)
    return out


def struct_children(el: Any) -> list[Any]:
    r = lib()
    out = []
    for i in range(max(0, r.FPDF_StructElement_CountChildren(el))):
        child = r.FPDF_StructElement_GetChildAtIndex(el, i)
        if child:
            out.append(child)
    return out
