"""pdfium's C API through ctypes: the one module that calls it. Everything here takes and returns
plain Python values and handles; `lnhs_parse.extract.pdf.pdfium` turns them into the layout
model's object dicts.

The library is the one pypdfium2 ships (`pypdfium2_raw/libpdfium.so`, `pdfium.dll`,
`libpdfium.dylib`), loaded on the first call and initialised then, once per process. The functions
this engine calls are declared here, `_RESTYPES`, with their result types only: every argument is
given as the C type it is (a handle as `c_void_p`, a float as `c_float`, pointers by `byref`).
Importing pypdfium2's generated bindings instead declares about a thousand functions, 20 ms at
every start for calls this engine never makes, and their argument checks double the cost of a
call; they are used only when the library file is not where pypdfium2 puts it.

Handles (documents, pages, text pages, page objects, fonts) are `c_void_p`; whoever loads one
closes it.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Matrix = tuple[float, float, float, float, float, float]
Handle = ctypes.c_void_p

# pdfium's page object types (fpdf_edit.h)
TEXT, PATH, IMAGE, SHADING, FORM = 1, 2, 3, 4, 5
# path segment types
LINETO, BEZIERTO, MOVETO = 0, 1, 2
# FPDF_GetLastError codes
ERR_PASSWORD, ERR_SECURITY = 4, 5
_BGRA = 4  # FPDFBitmap_BGRA

_VP, _INT, _UINT, _ULONG = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong
_RESTYPES: dict[str, Any] = {
    "FPDF_InitLibrary": None,
    "FPDF_GetLastError": _ULONG,
    "FPDF_LoadDocument": _VP,
    "FPDF_CloseDocument": None,
    "FPDF_GetPageCount": _INT,
    "FPDF_LoadPage": _VP,
    "FPDF_ClosePage": None,
    "FPDF_GetPageWidthF": ctypes.c_float,
    "FPDF_GetPageHeightF": ctypes.c_float,
    "FPDFPage_GetMediaBox": _INT,
    "FPDFPage_GetRotation": _INT,
    "FPDFPage_CountObjects": _INT,
    "FPDFPage_GetObject": _VP,
    "FPDFPageObj_GetType": _INT,
    "FPDFPageObj_GetMatrix": _INT,
    "FPDFPageObj_SetMatrix": _INT,
    "FPDFPageObj_GetBounds": _INT,
    "FPDFPageObj_GetFillColor": _INT,
    "FPDFPageObj_GetMarkedContentID": _INT,
    "FPDFFormObj_CountObjects": _INT,
    "FPDFFormObj_GetObject": _VP,
    "FPDFPath_GetDrawMode": _INT,
    "FPDFPath_CountSegments": _INT,
    "FPDFPath_GetPathSegment": _VP,
    "FPDFPathSegment_GetPoint": _INT,
    "FPDFPathSegment_GetType": _INT,
    "FPDFPathSegment_GetClose": _INT,
    "FPDFTextObj_GetFont": _VP,
    "FPDFTextObj_GetFontSize": _INT,
    "FPDFFont_GetBaseFontName": ctypes.c_size_t,
    "FPDFFont_GetDescent": _INT,
    "FPDFFont_GetGlyphWidth": _INT,
    "FPDFText_LoadPage": _VP,
    "FPDFText_ClosePage": None,
    "FPDFText_CountChars": _INT,
    "FPDFText_GetText": _INT,
    "FPDFText_GetUnicode": _UINT,
    "FPDFText_IsGenerated": _INT,
    "FPDFText_IsHyphen": _INT,
    "FPDFText_GetCharOrigin": _INT,
    "FPDFText_GetLooseCharBox": _INT,
    "FPDFText_GetTextObject": _VP,
    "FPDFText_GetMatrix": _INT,
    "FPDFImageObj_GetImagePixelSize": _INT,
    "FPDFImageObj_GetImageDataRaw": _ULONG,
    "FPDFImageObj_GetRenderedBitmap": _VP,
    "FPDFBitmap_GetWidth": _INT,
    "FPDFBitmap_GetHeight": _INT,
    "FPDFBitmap_GetStride": _INT,
    "FPDFBitmap_GetFormat": _INT,
    "FPDFBitmap_GetBuffer": _VP,
    "FPDFBitmap_Destroy": None,
    "FPDF_StructTree_GetForPage": _VP,
    "FPDF_StructTree_Close": None,
    "FPDF_StructTree_CountChildren": _INT,
    "FPDF_StructTree_GetChildAtIndex": _VP,
    "FPDF_StructElement_GetType": _ULONG,
    "FPDF_StructElement_CountChildren": _INT,
    "FPDF_StructElement_GetChildAtIndex": _VP,
    "FPDF_StructElement_GetMarkedContentIdCount": _INT,
    "FPDF_StructElement_GetMarkedContentIdAtIndex": _INT,
}


class _FSMatrix(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in "abcdef"]


class _FSRectF(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in ("left", "top", "right", "bottom")]


_LIB: Any = None


def _library_path() -> Path | None:
    """pdfium as pypdfium2 installs it, found without importing pypdfium2."""
    import importlib.util

    spec = importlib.util.find_spec("pypdfium2_raw")
    if spec is None or not spec.submodule_search_locations:
        return None
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


class Unavailable(Exception):
    """pdfium can't be loaded, or lacks a function this engine calls (an old pypdfium2)."""


def lib() -> Any:
    """The library, its functions declared and pdfium initialised; `Unavailable` when it can't
    be."""
    global _LIB
    if _LIB is None:
        try:
            path = _library_path()
            if path is not None:
                dll = ctypes.CDLL(str(path))
            else:  # a build of pypdfium2 that keeps it elsewhere: its bindings know where
                from pypdfium2_raw import bindings

                dll = ctypes.CDLL(bindings._libs["pdfium"]._name)
            for name, restype in _RESTYPES.items():
                getattr(dll, name).restype = restype
        except (ImportError, OSError, AttributeError, KeyError) as exc:
            raise Unavailable(str(exc)) from exc
        dll.FPDF_InitLibrary()
        _LIB = dll
    return _LIB


def _handle(value: int | None) -> Handle | None:
    return Handle(value) if value else None


def address(handle: Handle | None) -> int:
    return int(handle.value or 0) if handle is not None else 0


class OpenFailed(Exception):
    """pdfium could not open the document; `code` is FPDF_GetLastError's."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def open_document(path: Path, password: str) -> Handle:
    r = lib()
    doc = _handle(r.FPDF_LoadDocument(str(path).encode(), password.encode() if password else None))
    if doc is None:
        raise OpenFailed(int(r.FPDF_GetLastError()))
    return doc


def close_document(doc: Handle) -> None:
    lib().FPDF_CloseDocument(doc)


def page_count(doc: Handle) -> int:
    return int(lib().FPDF_GetPageCount(doc))


def load_page(doc: Handle, index: int) -> Handle:
    page = _handle(lib().FPDF_LoadPage(doc, index))
    if page is None:
        raise RuntimeError(f"pdfium could not load page index {index}")
    return page


def close_page(page: Handle) -> None:
    lib().FPDF_ClosePage(page)


def media_box(page: Handle) -> tuple[float, float, float, float] | None:
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    if not lib().FPDFPage_GetMediaBox(page, ctypes.byref(x0), ctypes.byref(y0),
                                      ctypes.byref(x1), ctypes.byref(y1)):
        return None
    return (x0.value, y0.value, x1.value, y1.value)


def page_size(page: Handle) -> tuple[float, float]:
    r = lib()
    return (float(r.FPDF_GetPageWidthF(page)), float(r.FPDF_GetPageHeightF(page)))


def rotation(page: Handle) -> int:
    """The page's /Rotate in degrees (0, 90, 180, 270)."""
    return int(lib().FPDFPage_GetRotation(page)) % 4 * 90


def object_matrix(obj: Handle) -> Matrix:
    m = _FSMatrix()
    if not lib().FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
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


def _children(r: Any, obj: Handle) -> list[Handle]:
    """The objects of a form XObject."""
    n = max(0, int(r.FPDFFormObj_CountObjects(obj)))
    return [h for i in range(n) if (h := _handle(r.FPDFFormObj_GetObject(obj, ctypes.c_ulong(i))))]


def _page_objects(r: Any, page: Handle) -> list[Handle]:
    n = max(0, int(r.FPDFPage_CountObjects(page)))
    return [h for i in range(n) if (h := _handle(r.FPDFPage_GetObject(page, i)))]


def count_objects(page: Handle, limit: int) -> int:
    """Objects on the page, those inside form XObjects counted too (a text object counts once),
    counted up to one over `limit`."""
    r = lib()
    if int(r.FPDFPage_CountObjects(page)) > limit:
        return limit + 1
    total = 0
    stack = _page_objects(r, page)
    while stack:
        obj = stack.pop()
        total += 1
        if total > limit:
            return total
        if r.FPDFPageObj_GetType(obj) == FORM:
            stack.extend(_children(r, obj))
    return total


def walk_objects(page: Handle) -> Iterator[tuple[int, Handle, Matrix]]:
    """(type, object, matrix to page space of what the object's own matrix maps to) of every path
    and image, in drawing order, descending into form XObjects."""
    r = lib()
    identity: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def walk(objs: list[Handle], outer: Matrix) -> Iterator[tuple[int, Handle, Matrix]]:
        for obj in objs:
            kind = int(r.FPDFPageObj_GetType(obj))
            if kind == FORM:
                yield from walk(_children(r, obj), mult(object_matrix(obj), outer))
            elif kind in (PATH, IMAGE):
                yield kind, obj, outer

    yield from walk(_page_objects(r, page), identity)


def text_objects(page: Handle) -> list[Handle]:
    """The page's own text objects (not those inside form XObjects), in drawing order."""
    r = lib()
    return [obj for obj in _page_objects(r, page) if int(r.FPDFPageObj_GetType(obj)) == TEXT]


def fill_colour(obj: Handle) -> tuple[int, int, int, int] | None:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not lib().FPDFPageObj_GetFillColor(obj, ctypes.byref(red), ctypes.byref(green),
                                          ctypes.byref(blue), ctypes.byref(alpha)):
        return None
    return (red.value, green.value, blue.value, alpha.value)


def bounds(obj: Handle) -> tuple[float, float, float, float] | None:
    """The object's box (left, bottom, right, top) in page space; a text object's spans its
    glyphs' ink and the origin of each char (a space's too)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not lib().FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom),
                                       ctypes.byref(right), ctypes.byref(top)):
        return None
    return (left.value, bottom.value, right.value, top.value)


def marked_content_id(obj: Handle) -> int:
    return int(lib().FPDFPageObj_GetMarkedContentID(obj))


@dataclass(frozen=True, slots=True)
class PathInfo:
    segments: list[tuple[int, float, float, bool]]  # (type, x, y, closes) in object space
    fill: bool
    stroke: bool


def path_info(obj: Handle) -> PathInfo:
    r = lib()
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not r.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke)):
        fillmode.value, stroke.value = 0, 0
    segs: list[tuple[int, float, float, bool]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    for i in range(max(0, int(r.FPDFPath_CountSegments(obj)))):
        seg = _handle(r.FPDFPath_GetPathSegment(obj, i))
        if seg is None or not r.FPDFPathSegment_GetPoint(seg, px, py):
            continue
        segs.append((int(r.FPDFPathSegment_GetType(seg)), x.value, y.value,
                     bool(r.FPDFPathSegment_GetClose(seg))))
    return PathInfo(segs, fillmode.value != 0, bool(stroke.value))


def _snap(value: float) -> float:
    """A number pdfium hands over in single precision, as the decimal written in the file."""
    return float(f"{value:.7g}")


@dataclass(slots=True)
class TextObjInfo:
    fontname: str
    font_size: float
    descent: float  # per unit of font size
    colour: tuple[int, int, int, int] | None
    mcid: int
    font: Handle | None


def text_object_info(obj: Handle) -> TextObjInfo:
    r = lib()
    size = ctypes.c_float()
    if not r.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)):
        size.value = 0.0
    font = _handle(r.FPDFTextObj_GetFont(obj))
    name = ""
    descent = 0.0
    if font is not None:
        n = int(r.FPDFFont_GetBaseFontName(font, None, ctypes.c_size_t(0)))
        if n > 0:
            buf = ctypes.create_string_buffer(n)
            r.FPDFFont_GetBaseFontName(font, buf, ctypes.c_size_t(n))
            name = buf.value.decode("utf-8", "replace")
        d = ctypes.c_float()
        if r.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), ctypes.byref(d)):
            descent = d.value / 1000.0
    return TextObjInfo(name, _snap(size.value), descent, fill_colour(obj), marked_content_id(obj),
                       font)


def glyph_width(font: Handle | None, code: int, size: float) -> float | None:
    """Advance width of the char `code` (a code point) in `font` at `size`."""
    w = ctypes.c_float()
    if font is None or not lib().FPDFFont_GetGlyphWidth(
        font, ctypes.c_uint32(code), ctypes.c_float(size), ctypes.byref(w)
    ):
        return None
    return float(w.value)


CharInfo = tuple[int, bool, float, float, int]
"""A char of the text page: its code point (`LINE_END_HYPHEN` for a hyphen pdfium took as one),
whether pdfium made it up (a space or line break not in the content), its origin (x, y) and the
address of its text object (0: none)."""

LINE_END_HYPHEN = -1
# pdfium's text hands a hyphen ending a line as 0x02 (FPDFText_GetUnicode) or U+FFFE (in the
# text of FPDFText_GetText), as a char mapped to those codes: FPDFText_IsHyphen tells them apart
_HYPHEN_CODES = (0x02, 0xFFFE)


def load_text_page(page: Handle) -> Handle | None:
    return _handle(lib().FPDFText_LoadPage(page))


def close_text_page(text_page: Handle) -> None:
    lib().FPDFText_ClosePage(text_page)


def chars(text_page: Handle) -> list[CharInfo]:
    """The chars of a text page, in its order."""
    r = lib()
    tp = text_page
    n = max(0, int(r.FPDFText_CountChars(tp)))
    buf = (ctypes.c_uint16 * (n + 1))()
    got = int(r.FPDFText_GetText(tp, 0, n, buf)) if n else 0
    codes: list[int] = list(buf[:n])
    if got != n + 1 or any(0xD800 <= c <= 0xDFFF for c in codes):  # not one unit per char
        codes = [int(r.FPDFText_GetUnicode(tp, i)) for i in range(n)]
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    generated, origin = r.FPDFText_IsGenerated, r.FPDFText_GetCharOrigin
    text_object = r.FPDFText_GetTextObject
    out: list[CharInfo] = []
    append = out.append
    for i, code in enumerate(codes):
        origin(tp, i, px, py)
        if code in _HYPHEN_CODES:
            code = LINE_END_HYPHEN if r.FPDFText_IsHyphen(tp, i) else int(
                r.FPDFText_GetUnicode(tp, i))
        # only a space or a line break can be made up (FPDFText_IsGenerated, asked for those)
        made_up = code in (0x20, 0x0A, 0x0D) and generated(tp, i) != 0
        append((code, made_up, x.value, y.value, text_object(tp, i) or 0))
    return out


def loose_right(text_page: Handle, index: int) -> float | None:
    """The right edge, in page space, of char `index`'s loose box (its advance, not its ink)."""
    rect = _FSRectF()
    if not lib().FPDFText_GetLooseCharBox(text_page, index, ctypes.byref(rect)):
        return None
    return float(rect.right)


def handle(addr: int) -> Handle:
    """A handle from an address `chars` gave."""
    return Handle(addr)


def char_matrix(text_page: Handle, index: int) -> Matrix:
    """The text matrix of char `index` (its font size left out; the same for a text object)."""
    m = _FSMatrix()
    if not lib().FPDFText_GetMatrix(text_page, index, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (_snap(m.a), _snap(m.b), _snap(m.c), _snap(m.d), m.e, m.f)


def image_pixel_size(obj: Handle) -> tuple[int, int]:
    w, h = ctypes.c_uint(), ctypes.c_uint()
    if not lib().FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(w), ctypes.byref(h)):
        return (0, 0)
    return (w.value, h.value)


def rendered_image(
    doc: Handle, page: Handle, obj: Handle, size: tuple[int, int]
) -> tuple[int, int, bytes]:
    """The image object drawn at `size` pixels (its soft mask applied), as BGRA bytes: its
    matrix is set to that size for the drawing and put back after."""
    r = lib()
    saved = _FSMatrix()
    r.FPDFPageObj_GetMatrix(obj, ctypes.byref(saved))
    scaled = _FSMatrix(float(size[0]), 0.0, 0.0, float(size[1]), 0.0, 0.0)
    r.FPDFPageObj_SetMatrix(obj, ctypes.byref(scaled))
    try:
        bitmap = _handle(r.FPDFImageObj_GetRenderedBitmap(doc, page, obj))
    finally:
        r.FPDFPageObj_SetMatrix(obj, ctypes.byref(saved))
    if bitmap is None:
        raise ValueError("pdfium could not draw the picture")
    try:
        width = int(r.FPDFBitmap_GetWidth(bitmap))
        height = int(r.FPDFBitmap_GetHeight(bitmap))
        stride = int(r.FPDFBitmap_GetStride(bitmap))
        fmt = int(r.FPDFBitmap_GetFormat(bitmap))
        buf = r.FPDFBitmap_GetBuffer(bitmap)
        data = ctypes.string_at(buf, stride * height) if buf else b""
    finally:
        r.FPDFBitmap_Destroy(bitmap)
    if fmt != _BGRA or len(data) < stride * height:
        raise ValueError(f"unexpected bitmap (format {fmt})")
    rows = b"".join(data[i * stride : i * stride + width * 4] for i in range(height))
    return width, height, rows


def image_raw_data(obj: Handle) -> bytes:
    """The image's stream data as stored (still encoded)."""
    r = lib()
    n = int(r.FPDFImageObj_GetImageDataRaw(obj, None, ctypes.c_ulong(0)))
    if n <= 0:
        return b""
    buf = ctypes.create_string_buffer(n)
    r.FPDFImageObj_GetImageDataRaw(obj, buf, ctypes.c_ulong(n))
    return buf.raw[:n]


# Structure tree

def struct_tree(page: Handle) -> Handle | None:
    return _handle(lib().FPDF_StructTree_GetForPage(page))


def close_struct_tree(tree: Handle) -> None:
    lib().FPDF_StructTree_Close(tree)


def struct_roots(tree: Handle) -> list[Handle]:
    r = lib()
    n = max(0, int(r.FPDF_StructTree_CountChildren(tree)))
    return [h for i in range(n) if (h := _handle(r.FPDF_StructTree_GetChildAtIndex(tree, i)))]


def struct_type(el: Handle) -> str:
    r = lib()
    n = int(r.FPDF_StructElement_GetType(el, None, ctypes.c_ulong(0)))
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(n)
    r.FPDF_StructElement_GetType(el, buf, ctypes.c_ulong(n))
    return buf.raw[:n].decode("utf-16-le", "replace").rstrip("\x00")


def struct_mcids(el: Handle) -> list[int]:
    """The marked-content ids directly under the element (its kids that are marked content)."""
    r = lib()
    out = []
    for i in range(max(0, int(r.FPDF_StructElement_GetMarkedContentIdCount(el)))):
        mcid = int(r.FPDF_StructElement_GetMarkedContentIdAtIndex(el, i))
        if mcid >= 0:
            out.append(mcid)
    return out


def struct_children(el: Handle) -> list[Handle]:
    r = lib()
    n = max(0, int(r.FPDF_StructElement_CountChildren(el)))
    return [h for i in range(n) if (h := _handle(r.FPDF_StructElement_GetChildAtIndex(el, i)))]
