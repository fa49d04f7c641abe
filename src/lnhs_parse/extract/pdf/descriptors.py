"""The font descriptors of a PDF that give no metrics: the one fact about its fonts pdfium's API
can't tell (pdfium-specific).

pdfminer boxes a char from its font descriptor's /Descent as written, 0 when the descriptor gives
none. pdfium's font functions (`pdfium_raw.font_info`) give the descriptor's /Ascent and /Descent
too, wherever the descriptor is stored, but where it gives neither (both 0 or absent: every font of
a LibreOffice export) pdfium measures the font's glyphs instead, and its API can't tell the two
apart. `unmeasured_fonts` names those fonts, from the descriptors in the file's plain objects and
in its object streams (PDF 1.5 compressed objects, inflated here: PowerPoint, Word and most modern
producers store descriptors there), so the pdfium engine gives their chars pdfminer's boxes.

An object stream that can't be inflated (an encrypted file's, an unsupported filter) is skipped:
its fonts keep pdfium's metrics. The inflated data is capped (`MAX_INFLATED`).
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

# A font descriptor: a dictionary with "/Type /FontDescriptor" and no dictionary nested in it.
_DESCRIPTOR = re.compile(rb"<<[^<>]{0,2000}?/Type\s*/FontDescriptor[^<>]{0,2000}?>>")
_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/\[\]<>(){}%]+)")
_ASCENT = re.compile(rb"/Ascent\s+([-+]?\d*\.?\d+)")
_DESCENT = re.compile(rb"/Descent\s+([-+]?\d*\.?\d+)")
# An object stream: its dictionary's type (the dictionary is read from the object's start, "obj",
# up to its data, "stream"), its filter and predictor
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM_START = re.compile(rb"stream\r?\n")
_FLATE_ONLY = re.compile(rb"/Filter\s*(?:/(?:FlateDecode|Fl)\b|\[\s*/(?:FlateDecode|Fl)\s*\])")
_PREDICTOR = re.compile(rb"/Predictor\s+(\d+)")
_SUBSET = re.compile(rb"^[A-Z]{6}\+")
MAX_INFLATED = 64 << 20  # bytes of object streams inflated per file, at most
MAX_OBJECT_STREAMS = 10_000  # object streams looked at per file, at most
_DICT_SPAN = 4000  # bytes an object stream's dictionary may span, before and after its /Type
_STREAM_WINDOW = 8 << 20  # compressed bytes an object stream is inflated from, at most


def unmeasured_fonts(path: Path) -> frozenset[str]:
    """The names (without a subset prefix) of the fonts whose descriptor gives neither /Ascent nor
    /Descent (both 0 or absent)."""
    found: set[str] = set()
    try:
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _scan(data, found)
            budget = MAX_INFLATED
            for n, m in enumerate(_OBJECT_STREAM.finditer(data)):
                if budget <= 0 or n >= MAX_OBJECT_STREAMS:
                    break
                inflated = _inflate(data, m, budget)
                budget -= len(inflated)
                _scan(inflated, found)
    except (OSError, ValueError):  # an empty file can't be mapped: nothing found
        pass
    return frozenset(found)


def _scan(data: bytes | mmap.mmap, found: set[str]) -> None:
    for m in _DESCRIPTOR.finditer(data):
        body = m.group(0)
        name = _FONT_NAME.search(body)
        if name is None:
            continue
        ascent, descent = _number(_ASCENT, body), _number(_DESCENT, body)
        if ascent == 0 and descent == 0:
            found.add(_SUBSET.sub(b"", name.group(1)).decode("latin-1"))


def _number(pattern: re.Pattern[bytes], body: bytes) -> float:
    m = pattern.search(body)
    try:
        return float(m.group(1)) if m else 0.0
    except ValueError:
        return 0.0


def _inflate(data: mmap.mmap, m: re.Match[bytes], budget: int) -> bytes:
    """The object stream whose /Type `m` found, inflated (at most `budget` bytes); b"" when its
    dictionary isn't found whole, it isn't Flate alone, uses a predictor, or doesn't inflate (an
    encrypted file's). Every search is bounded: a hostile file costs no more than a long one."""
    start = data.rfind(b"obj", max(0, m.start() - _DICT_SPAN), m.start())
    found = _STREAM_START.search(data, m.end(), m.end() + _DICT_SPAN)
    if start < 0 or found is None:
        return b""
    head = data[start : found.start()]
    if b"endobj" in head or not _FLATE_ONLY.search(head):
        return b""
    predictor = _PREDICTOR.search(head)
    if predictor is not None and predictor.group(1) != b"1":
        return b""
    window = memoryview(data)[found.end() : found.end() + _STREAM_WINDOW]
    try:
        # the stream's end (zlib's own) ends the inflating; what follows it is left unread
        return zlib.decompressobj().decompress(window, budget)
    except zlib.error:
        return b""
    finally:
        window.release()
