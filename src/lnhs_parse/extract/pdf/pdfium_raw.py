"""pdfium's C API through ctypes: the one module that calls it. Everything here takes and returns
plain Python values; handles (documents, pages, text pages, page objects, fonts) are addresses
(`int`), and whoever loads one closes it. `lnhs_parse.extract.pdf.pdfium` turns what these
functions return into the layout model's object dicts.

The library is the one pypdfium2 ships (`pypdfium2_raw/libpdfium.so`, `pdfium.dll`,
`libpdfium.dylib`), loaded on the first call and initialised then, once per process. Every function
this engine calls is declared in `SIGNATURES`, its result and each argument's type, as pdfium's
headers have them; `tests/extract/test_pdfium_declarations.py` checks each declaration against the
bindings pypdfium2 generates from those headers (name, argument count and types, result), so a
pypdfium2 release that changes one fails that test, not a user's parse. Importing those bindings
instead declares about a thousand functions, 20 ms at every start for calls this engine never
makes; they are used only to find the library where it is not where pypdfium2 puts it.

Pointers are given to ctypes as `c_void_p` whatever they point to (what they point to is declared,
`Ptr`, and checked by the test): ctypes checks a `POINTER(...)` argument three times slower, and
pdfium is called for every character. The two functions called for every char (`PER_CHAR`) are
also called through a second function object without argument types (`_bare`), given arguments
already of their C types: converting each argument by its declared type took more than half of
each call's time.

Threads: pdfium must not be called from two threads at once, not even on different documents
(pypdfium2's documentation). `LOCK` is the one process-wide lock: whoever calls a function here
holds it for as long as it works with pdfium (`pdfium.extract` holds it while it opens, reads and
closes a document; the debug pictures and pdfplumber's first import, which initialises pypdfium2's
pdfium, hold it too). A call without it is a bug of ours, refused with `RuntimeError`. The library
is loaded as a `PyDLL`: a call keeps the GIL. pdfium's calls are short and many, and serialised by
`LOCK` anyway; with `CDLL` each would let go of the GIL and wait to get it back from a thread
running Python meanwhile (two threads parsing took 1.3 times as long as one doing both parses).

Failures: `Unavailable` (no pdfium, or a pdfium without a function declared here), `OpenFailed` (the
document can't be opened: `code` says why), `PageNotLoaded` (a page or its text can't be loaded),
`PictureNotDrawn` (an image can't be drawn); all `PdfiumError`s. Nothing else raised here comes
from pdfium.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

Matrix = tuple[float, float, float, float, float, float]
Handle = int
"""The address of a pdfium object (a document, page, text page, page object, font ...)."""

# pdfium's page object types (fpdf_edit.h)
TEXT, PATH, IMAGE, SHADING, FORM = 1, 2, 3, 4, 5
# path segment types
LINETO, BEZIERTO, MOVETO = 0, 1, 2
# FPDF_GetLastError codes
ERR_UNKNOWN, ERR_FILE, ERR_FORMAT, ERR_PASSWORD, ERR_SECURITY, ERR_PAGE = 1, 2, 3, 4, 5, 6
ERRORS = {
    ERR_UNKNOWN: "unknown error",
    ERR_FILE: "file not found or could not be opened",
    ERR_FORMAT: "not a PDF or corrupted",
    ERR_PASSWORD: "password required or incorrect",
    ERR_SECURITY: "unsupported security scheme",
    ERR_PAGE: "page not found or content error",
}
_BGRA = 4  # FPDFBitmap_BGRA

LOCK = threading.RLock()
"""The process-wide lock around everything that calls pdfium (see the module's docstring)."""


class PdfiumError(Exception):
    """pdfium could not do what was asked: the file's fault (or pdfium's), not ours."""


class Unavailable(PdfiumError):
    """pdfium can't be loaded, or lacks a function this engine calls (an old pypdfium2)."""


class OpenFailed(PdfiumError):
    """pdfium could not open the document; `code` is FPDF_GetLastError's."""

    def __init__(self, code: int) -> None:
        super().__init__(f"pdfium could not open the file: {ERRORS.get(code, f'error {code}')}")
        self.code = code


class PageNotLoaded(PdfiumError):
    """pdfium could not load a page, or its text."""


class PictureNotDrawn(PdfiumError):
    """pdfium could not draw an image object (or it is too large to)."""


# --- the declarations -----------------------------------------------------------------------------


class Ptr(NamedTuple):
    """A pointer argument or result, given to ctypes as `c_void_p`; `to` is what it points to: a
    ctypes type, None (void), or the name of a pdfium handle type ("fpdf_page" for FPDF_PAGE)."""

    to: Any


class _FSMatrix(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in "abcdef"]


class _FSRectF(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in ("left", "top", "right", "bottom")]


_INT, _UINT, _ULONG, _FLOAT = ctypes.c_int, ctypes.c_uint, ctypes.c_ulong, ctypes.c_float
_BOOL = ctypes.c_int  # FPDF_BOOL
_DOC, _PAGE, _TEXTPAGE = Ptr("fpdf_document"), Ptr("fpdf_page"), Ptr("fpdf_textpage")
_OBJ, _SEGMENT, _FONT = Ptr("fpdf_pageobject"), Ptr("fpdf_pathsegment"), Ptr("fpdf_font")
_BITMAP, _TREE, _ELEMENT = Ptr("fpdf_bitmap"), Ptr("fpdf_structtree"), Ptr("fpdf_structelement")
_P_FLOAT, _P_DOUBLE = Ptr(ctypes.c_float), Ptr(ctypes.c_double)
_P_INT, _P_UINT = Ptr(ctypes.c_int), Ptr(ctypes.c_uint)
_P_CHAR, _P_VOID = Ptr(ctypes.c_char), Ptr(None)
_P_MATRIX, _P_RECT = Ptr(_FSMatrix), Ptr(_FSRectF)

Signature = tuple[Any, tuple[Any, ...]]
SIGNATURES: dict[str, Signature] = {
    # name: (result, (arguments...)), as in pdfium's public headers
    "FPDF_InitLibrary": (None, ()),
    "FPDF_GetLastError": (_ULONG, ()),
    "FPDF_LoadDocument": (_DOC, (_P_CHAR, _P_CHAR)),
    "FPDF_CloseDocument": (None, (_DOC,)),
    "FPDF_GetPageCount": (_INT, (_DOC,)),
    "FPDF_LoadPage": (_PAGE, (_DOC, _INT)),
    "FPDF_ClosePage": (None, (_PAGE,)),
    "FPDF_GetPageWidthF": (_FLOAT, (_PAGE,)),
    "FPDF_GetPageHeightF": (_FLOAT, (_PAGE,)),
    "FPDFPage_GetMediaBox": (_BOOL, (_PAGE, _P_FLOAT, _P_FLOAT, _P_FLOAT, _P_FLOAT)),
    "FPDFPage_GetRotation": (_INT, (_PAGE,)),
    "FPDFPage_CountObjects": (_INT, (_PAGE,)),
    "FPDFPage_GetObject": (_OBJ, (_PAGE, _INT)),
    "FPDFPageObj_GetType": (_INT, (_OBJ,)),
    "FPDFPageObj_GetMatrix": (_BOOL, (_OBJ, _P_MATRIX)),
    "FPDFPageObj_SetMatrix": (_BOOL, (_OBJ, _P_MATRIX)),
    "FPDFPageObj_GetBounds": (_BOOL, (_OBJ, _P_FLOAT, _P_FLOAT, _P_FLOAT, _P_FLOAT)),
    "FPDFPageObj_GetFillColor": (_BOOL, (_OBJ, _P_UINT, _P_UINT, _P_UINT, _P_UINT)),
    "FPDFPageObj_GetMarkedContentID": (_INT, (_OBJ,)),
    "FPDFFormObj_CountObjects": (_INT, (_OBJ,)),
    "FPDFFormObj_GetObject": (_OBJ, (_OBJ, _ULONG)),
    "FPDFPath_GetDrawMode": (_BOOL, (_OBJ, _P_INT, _P_INT)),
    "FPDFPath_CountSegments": (_INT, (_OBJ,)),
    "FPDFPath_GetPathSegment": (_SEGMENT, (_OBJ, _INT)),
    "FPDFPathSegment_GetPoint": (_BOOL, (_SEGMENT, _P_FLOAT, _P_FLOAT)),
    "FPDFPathSegment_GetType": (_INT, (_SEGMENT,)),
    "FPDFPathSegment_GetClose": (_BOOL, (_SEGMENT,)),
    "FPDFTextObj_GetFont": (_FONT, (_OBJ,)),
    "FPDFTextObj_GetFontSize": (_BOOL, (_OBJ, _P_FLOAT)),
    "FPDFFont_GetBaseFontName": (ctypes.c_size_t, (_FONT, _P_CHAR, ctypes.c_size_t)),
    "FPDFFont_GetAscent": (_BOOL, (_FONT, _FLOAT, _P_FLOAT)),
    "FPDFFont_GetDescent": (_BOOL, (_FONT, _FLOAT, _P_FLOAT)),
    "FPDFFont_GetIsEmbedded": (_INT, (_FONT,)),
    "FPDFFont_GetGlyphWidth": (_BOOL, (_FONT, ctypes.c_uint32, _FLOAT, _P_FLOAT)),
    "FPDFText_LoadPage": (_TEXTPAGE, (_PAGE,)),
    "FPDFText_ClosePage": (None, (_TEXTPAGE,)),
    "FPDFText_CountChars": (_INT, (_TEXTPAGE,)),
    "FPDFText_GetText": (_INT, (_TEXTPAGE, _INT, _INT, Ptr(ctypes.c_ushort))),
    "FPDFText_GetUnicode": (_UINT, (_TEXTPAGE, _INT)),
    "FPDFText_IsGenerated": (_INT, (_TEXTPAGE, _INT)),
    "FPDFText_IsHyphen": (_INT, (_TEXTPAGE, _INT)),
    "FPDFText_GetCharOrigin": (_BOOL, (_TEXTPAGE, _INT, _P_DOUBLE, _P_DOUBLE)),
    "FPDFText_GetLooseCharBox": (_BOOL, (_TEXTPAGE, _INT, _P_RECT)),
    "FPDFText_GetTextObject": (_OBJ, (_TEXTPAGE, _INT)),
    "FPDFText_GetMatrix": (_BOOL, (_TEXTPAGE, _INT, _P_MATRIX)),
    "FPDFImageObj_GetImagePixelSize": (_BOOL, (_OBJ, _P_UINT, _P_UINT)),
    "FPDFImageObj_GetImageDataRaw": (_ULONG, (_OBJ, _P_VOID, _ULONG)),
    "FPDFImageObj_GetRenderedBitmap": (_BITMAP, (_DOC, _PAGE, _OBJ)),
    "FPDFBitmap_GetWidth": (_INT, (_BITMAP,)),
    "FPDFBitmap_GetHeight": (_INT, (_BITMAP,)),
    "FPDFBitmap_GetStride": (_INT, (_BITMAP,)),
    "FPDFBitmap_GetFormat": (_INT, (_BITMAP,)),
    "FPDFBitmap_GetBuffer": (_P_VOID, (_BITMAP,)),
    "FPDFBitmap_Destroy": (None, (_BITMAP,)),
    "FPDF_StructTree_GetForPage": (_TREE, (_PAGE,)),
    "FPDF_StructTree_Close": (None, (_TREE,)),
    "FPDF_StructTree_CountChildren": (_INT, (_TREE,)),
    "FPDF_StructTree_GetChildAtIndex": (_ELEMENT, (_TREE, _INT)),
    "FPDF_StructElement_GetType": (_ULONG, (_ELEMENT, _P_VOID, _ULONG)),
    "FPDF_StructElement_CountChildren": (_INT, (_ELEMENT,)),
    "FPDF_StructElement_GetChildAtIndex": (_ELEMENT, (_ELEMENT, _INT)),
    "FPDF_StructElement_GetMarkedContentIdCount": (_INT, (_ELEMENT,)),
    "FPDF_StructElement_GetMarkedContentIdAtIndex": (_INT, (_ELEMENT, _INT)),
}


def _ctype(declared: Any) -> Any:
    """The type ctypes is given for a declared argument or result."""
    return ctypes.c_void_p if isinstance(declared, Ptr) else declared


_LIB: Any = None
_BARE: dict[str, Any] = {}

PER_CHAR = ("FPDFText_GetCharOrigin", "FPDFText_GetTextObject")
"""The functions `chars` calls for every char: called through `_bare`."""


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


def _bare(name: str) -> Any:
    """Function `name` of `PER_CHAR` without declared argument types, for the per-char calls.
    ctypes passes a Python int as a C int to such a function, so its caller hands each argument
    as its C type: a handle as `ctypes.c_void_p(handle)` (an int would lose its upper half), a
    pointer by `ctypes.byref`, an index as a Python int (a C int, as declared). The caller must
    hold `LOCK` (it has called `lib()`)."""
    return _BARE[name]


def lib() -> Any:
    """The library, its functions declared and pdfium initialised; `Unavailable` when it can't be.
    The caller must hold `LOCK`."""
    global _LIB
    if not LOCK._is_owned():  # type: ignore[attr-defined]  # RLock's own test of its owner
        raise RuntimeError("pdfium called without holding pdfium_raw.LOCK")
    if _LIB is None:
        try:
            path = _library_path()
            if path is not None:
                dll = ctypes.PyDLL(str(path))
            else:  # a build of pypdfium2 that keeps it elsewhere: its bindings know where
                from pypdfium2_raw import bindings

                dll = ctypes.PyDLL(bindings._libs["pdfium"]._name)
            for name, (result, args) in SIGNATURES.items():
                fn = getattr(dll, name)
                fn.restype = _ctype(result)
                fn.argtypes = tuple(_ctype(a) for a in args)
            for name in PER_CHAR:
                bare = dll[name]  # indexing makes a new function object; `getattr` the declared one
                bare.restype = _ctype(SIGNATURES[name][0])
                _BARE[name] = bare
        except (ImportError, OSError, AttributeError, KeyError) as exc:
            raise Unavailable(str(exc)) from exc
        dll.FPDF_InitLibrary()
        _LIB = dll
    return _LIB


# --- documents and pages --------------------------------------------------------------------------


def open_document(path: Path, password: str) -> Handle:
    r = lib()
    doc = r.FPDF_LoadDocument(str(path).encode(), password.encode() if password else None)
    if not doc:
        raise OpenFailed(int(r.FPDF_GetLastError()))
    return int(doc)


def close_document(doc: Handle) -> None:
    lib().FPDF_CloseDocument(doc)


def page_count(doc: Handle) -> int:
    return max(0, int(lib().FPDF_GetPageCount(doc)))


def load_page(doc: Handle, index: int) -> Handle:
    page = lib().FPDF_LoadPage(doc, index)
    if not page:
        raise PageNotLoaded("pdfium could not load the page")
    return int(page)


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
    return [h for i in range(n) if (h := r.FPDFFormObj_GetObject(obj, i))]


def _page_objects(r: Any, page: Handle) -> list[Handle]:
    n = max(0, int(r.FPDFPage_CountObjects(page)))
    return [h for i in range(n) if (h := r.FPDFPage_GetObject(page, i))]


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


class PathInfo(NamedTuple):
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
        seg = r.FPDFPath_GetPathSegment(obj, i)
        if not seg or not r.FPDFPathSegment_GetPoint(seg, px, py):
            continue
        segs.append((int(r.FPDFPathSegment_GetType(seg)), x.value, y.value,
                     bool(r.FPDFPathSegment_GetClose(seg))))
    return PathInfo(segs, fillmode.value != 0, bool(stroke.value))


def _snap(value: float) -> float:
    """A number pdfium hands over in single precision, as the decimal written in the file. A zero
    as it is (-0.0 stays -0.0, which the cache, taking it for 0.0, would not keep)."""
    return value if value == 0.0 else _snap_nonzero(value)


@lru_cache(maxsize=4096)
def _snap_nonzero(value: float) -> float:
    """`_snap` of a number other than zero, cached: a deck repeats its font sizes and matrices."""
    return float(f"{value:.7g}")


class FontInfo(NamedTuple):
    """What pdfium's font functions say of a font (metrics per unit of font size)."""

    name: str  # the /BaseFont pdfium reports (a subset prefix may be gone)
    ascent: float
    descent: float  # below the baseline: negative
    embedded: bool


def font_info(font: Handle) -> FontInfo:
    """A font's name and metrics through pdfium's font functions. pdfium reads the font
    descriptor's /Ascent and /Descent (wherever the descriptor is stored, object streams too) and
    measures the font's glyphs when the descriptor gives neither."""
    r = lib()
    name = ""
    n = int(r.FPDFFont_GetBaseFontName(font, None, 0))
    if n > 0:
        buf = ctypes.create_string_buffer(n)
        r.FPDFFont_GetBaseFontName(font, buf, n)
        name = buf.value.decode("utf-8", "replace")
    value = ctypes.c_float()
    ascent = value.value / 1000.0 if r.FPDFFont_GetAscent(font, 1000.0, ctypes.byref(value)) \
        else 0.0
    value.value = 0.0
    descent = value.value / 1000.0 if r.FPDFFont_GetDescent(font, 1000.0, ctypes.byref(value)) \
        else 0.0
    return FontInfo(name, ascent, descent, bool(r.FPDFFont_GetIsEmbedded(font)))


class TextObjInfo(NamedTuple):
    font_size: float
    colour: tuple[int, int, int, int] | None
    mcid: int
    font: Handle | None


def text_object_info(obj: Handle) -> TextObjInfo:
    r = lib()
    size = ctypes.c_float()
    if not r.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)):
        size.value = 0.0
    font = r.FPDFTextObj_GetFont(obj) or None
    return TextObjInfo(_snap(size.value), fill_colour(obj), marked_content_id(obj), font)


def glyph_width(font: Handle | None, code: int, size: float) -> float | None:
    """Advance width of the char `code` (a code point) in `font` at `size`."""
    w = ctypes.c_float()
    if font is None or not 0 <= code <= 0xFFFFFFFF or not lib().FPDFFont_GetGlyphWidth(
        font, code, size, ctypes.byref(w)
    ):
        return None
    return float(w.value)


CharInfo = tuple[int, bool, float, float, int]
"""A char of the text page: its code point (`LINE_END_HYPHEN` for a hyphen pdfium took as one),
whether pdfium made it up (a space or line break not in the content), its origin (x, y) and the
address of its text object (0: none; and (0, 0) for a char made up)."""

LINE_END_HYPHEN = -1
# pdfium's text hands a hyphen ending a line as 0x02 (FPDFText_GetUnicode) or U+FFFE (in the
# text of FPDFText_GetText), as a char mapped to those codes: FPDFText_IsHyphen tells them apart
_HYPHEN_CODES = (0x02, 0xFFFE)


def load_text_page(page: Handle) -> Handle:
    text_page = lib().FPDFText_LoadPage(page)
    if not text_page:
        raise PageNotLoaded("pdfium could not read the page's text")
    return int(text_page)


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
    generated = r.FPDFText_IsGenerated
    # per char: the bare functions, the text page as its C type (see `_bare`)
    origin, text_object = _bare("FPDFText_GetCharOrigin"), _bare("FPDFText_GetTextObject")
    tp_c = ctypes.c_void_p(tp)
    out: list[CharInfo] = []
    append = out.append
    for i, code in enumerate(codes):
        # only a space or a line break can be made up (FPDFText_IsGenerated, asked for those);
        # such a char has no origin or text object worth asking for
        if code in (0x20, 0x0A, 0x0D) and generated(tp, i) != 0:
            append((code, True, 0.0, 0.0, 0))
            continue
        origin(tp_c, i, px, py)
        if code in _HYPHEN_CODES:
            code = LINE_END_HYPHEN if r.FPDFText_IsHyphen(tp, i) else int(
                r.FPDFText_GetUnicode(tp, i))
        append((code, False, x.value, y.value, text_object(tp_c, i) or 0))
    return out


def loose_right(text_page: Handle, index: int) -> float | None:
    """The right edge, in page space, of char `index`'s loose box (its advance, not its ink)."""
    rect = _FSRectF()
    if not lib().FPDFText_GetLooseCharBox(text_page, index, ctypes.byref(rect)):
        return None
    return float(rect.right)


def char_matrix(text_page: Handle, index: int) -> Matrix:
    """The text matrix of char `index` (its font size left out; the same for a text object)."""
    m = _FSMatrix()
    if not lib().FPDFText_GetMatrix(text_page, index, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (_snap(m.a), _snap(m.b), _snap(m.c), _snap(m.d), m.e, m.f)


# --- images ---------------------------------------------------------------------------------------

MAX_PICTURE_PIXELS = 1 << 24  # a picture drawn for its colour may have this many pixels at most


def image_pixel_size(obj: Handle) -> tuple[int, int]:
    w, h = ctypes.c_uint(), ctypes.c_uint()
    if not lib().FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(w), ctypes.byref(h)):
        return (0, 0)
    return (w.value, h.value)


def rendered_image(
    doc: Handle, page: Handle, obj: Handle, size: tuple[int, int]
) -> tuple[int, int, bytes]:
    """The image object drawn at `size` pixels (its soft mask applied), as BGRA bytes: its
    matrix is set to that size for the drawing and put back after. `PictureNotDrawn` when pdfium
    can't draw it, or `size` is empty or over `MAX_PICTURE_PIXELS`."""
    if size[0] <= 0 or size[1] <= 0 or size[0] * size[1] > MAX_PICTURE_PIXELS:
        raise PictureNotDrawn(f"a picture of {size[0]} x {size[1]} pixels")
    r = lib()
    saved = _FSMatrix()
    r.FPDFPageObj_GetMatrix(obj, ctypes.byref(saved))
    scaled = _FSMatrix(float(size[0]), 0.0, 0.0, float(size[1]), 0.0, 0.0)
    r.FPDFPageObj_SetMatrix(obj, ctypes.byref(scaled))
    try:
        bitmap = r.FPDFImageObj_GetRenderedBitmap(doc, page, obj)
    finally:
        r.FPDFPageObj_SetMatrix(obj, ctypes.byref(saved))
    if not bitmap:
        raise PictureNotDrawn("pdfium could not draw the picture")
    try:
        width = int(r.FPDFBitmap_GetWidth(bitmap))
        height = int(r.FPDFBitmap_GetHeight(bitmap))
        stride = int(r.FPDFBitmap_GetStride(bitmap))
        fmt = int(r.FPDFBitmap_GetFormat(bitmap))
        buf = r.FPDFBitmap_GetBuffer(bitmap)
        data = ctypes.string_at(buf, stride * height) if buf and stride > 0 and height > 0 else b""
    finally:
        r.FPDFBitmap_Destroy(bitmap)
    if fmt != _BGRA or width <= 0 or stride < width * 4 or len(data) < stride * height:
        raise PictureNotDrawn(f"an unexpected bitmap (format {fmt}, {width} x {height})")
    rows = b"".join(data[i * stride : i * stride + width * 4] for i in range(height))
    return width, height, rows


def image_raw_data(obj: Handle) -> bytes:
    """The image's stream data as stored (still encoded)."""
    r = lib()
    n = int(r.FPDFImageObj_GetImageDataRaw(obj, None, 0))
    if n <= 0:
        return b""
    buf = ctypes.create_string_buffer(n)
    r.FPDFImageObj_GetImageDataRaw(obj, buf, n)
    return buf.raw[:n]


# --- the structure tree ---------------------------------------------------------------------------


def struct_tree(page: Handle) -> Handle | None:
    return lib().FPDF_StructTree_GetForPage(page) or None


def close_struct_tree(tree: Handle) -> None:
    lib().FPDF_StructTree_Close(tree)


def struct_roots(tree: Handle) -> list[Handle]:
    r = lib()
    n = max(0, int(r.FPDF_StructTree_CountChildren(tree)))
    return [h for i in range(n) if (h := r.FPDF_StructTree_GetChildAtIndex(tree, i))]


def struct_type(el: Handle) -> str:
    r = lib()
    n = int(r.FPDF_StructElement_GetType(el, None, 0))
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(n)
    r.FPDF_StructElement_GetType(el, buf, n)
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
    return [h for i in range(n) if (h := r.FPDF_StructElement_GetChildAtIndex(el, i))]
