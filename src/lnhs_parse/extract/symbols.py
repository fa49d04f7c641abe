"""Symbol-font characters (Wingdings, Wingdings 2/3, Symbol) → the character they stand for.

Bullets and status dots in real decks are often typed in a symbol font. Such a font has no Unicode
meaning of its own: it draws a picture at an 8-bit code. A PPTX run holds the code as a Latin-1
character next to the font's name (Wingdings ``l`` is a filled circle, ``§`` a small square), or as
the Private Use Area code point U+F000 + code (PowerPoint's *Insert Symbol*, often with
``a:sym``); PowerPoint's PDF export writes the PUA form (Wingdings ``l`` comes through as U+F06C),
other exporters the plain letter in a font named ``Wingdings``. The code pages themselves, every
glyph with its character and meaning and the mapping they follow, are `lnhs_parse.glyphs`'
(`SYMBOL_FONTS`); this module reads a font name and a character into a code of one of them, so
the extractors translate a char where they first read it and the normaliser only ever sees the
meaning.

A PUA code point in a font whose name is no symbol font's (a renamed or unnamed font) is read as
Wingdings where Wingdings draws a list marker or a mark there (``U+F06C`` ``●``, ``U+F0A7``
``▪``, ``U+F0D8`` ``➢``), else as Symbol where Symbol does (``U+F0B7``, PowerPoint's usual bullet
``•``), else left as it is: which font drew it can't be told.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lnhs_parse.glyphs import MARKER_MEANINGS, SYMBOL_FONTS

__all__ = [
    "PUA_FIRST",
    "PUA_LAST",
    "TABLES",
    "font_key",
    "is_symbol_font",
    "translate",
    "translate_char",
    "translate_pdf_chars",
]

PUA_FIRST, PUA_LAST = 0xF020, 0xF0FF  # symbol-font codes 0x20..0xFF as Private Use Area code points

# code (0x21..0xFF) → the character the text shows, per symbol font (`glyphs.SYMBOL_FONTS`)
TABLES: dict[str, dict[int, str]] = {
    key: {code: glyph.char for code, glyph in table.items()} for key, table in SYMBOL_FONTS.items()
}
WINGDINGS = TABLES["wingdings"]
WINGDINGS_2 = TABLES["wingdings 2"]
WINGDINGS_3 = TABLES["wingdings 3"]
SYMBOL = TABLES["symbol"]


def _markers(key: str) -> dict[int, str]:
    return {code: g.char for code, g in SYMBOL_FONTS[key].items() if g.meaning in MARKER_MEANINGS}


# A PUA char whose font is not known to be one of the above: Wingdings' marker, else Symbol's.
_PUA_FALLBACK: dict[int, str] = {**_markers("symbol"), **_markers("wingdings")}

_FONT_NAME = re.compile(r"^(wingdings)(2|3)?|^(symbol)(?:mt|ps)?(?:regular)?$")


@lru_cache(maxsize=256)
def font_key(name: str | None) -> str | None:
    """The symbol font a font name names ("wingdings", "wingdings 2", "wingdings 3", "symbol"), or
    None.

    Accepts the names found in PPTX (``Wingdings``, ``Wingdings 2``) and in PDFs
    (``Wingdings-Regular``, ``ABCDEF+Wingdings2``, ``SymbolMT``, ``Symbol,Bold``); a subset prefix,
    style suffixes, case and
    punctuation don't matter. ``OpenSymbol`` or ``Standard Symbols PS`` are Unicode fonts: None.
    """
    if not name:
        return None
    base = name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
    base = re.split(r"[,-]", base, maxsplit=1)[0]  # "Wingdings-Regular", "Symbol,Bold"
    squashed = re.sub(r"[^a-z0-9]", "", base.lower())
    m = _FONT_NAME.match(squashed)
    if m is None:
        return None
    if m.group(3):
        return "symbol"
    if m.group(2):
        return f"wingdings {m.group(2)}"
    return "wingdings" if squashed in ("wingdings", "wingdingsregular") else None


def is_symbol_font(name: str | None) -> bool:
    return font_key(name) is not None


def _code(ch: str) -> int | None:
    """The 8-bit code a character stands for in a symbol font: a PUA code point's low byte, a
    Latin-1 character's own value, or a Windows-1252 character's byte (Wingdings 2 ``˜``: 0x98)."""
    o = ord(ch)
    if o < 0x100:
        return o
    try:
        b = ch.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return b[0] if len(b) == 1 else None


def translate_char(ch: str, font: str | None = None) -> str:
    """The meaning of one character typed in `font` (a font name as the file gives it).

    A PUA code point U+F020..U+F0FF is a symbol-font code whatever the font name says: it is read
    with the named symbol font's table, else with Wingdings' (plus Symbol's bullet). Any other
    character is translated only when `font` is a symbol font. Characters the table does not list
    come back unchanged.
    """
    return _translate(ch, font_key(font)) if len(ch) == 1 else ch


def _translate(ch: str, key: str | None) -> str:
    o = ord(ch)
    if PUA_FIRST <= o <= PUA_LAST:
        return (TABLES[key] if key else _PUA_FALLBACK).get(o - 0xF000, ch)
    if key is None:
        return ch
    code = _code(ch)
    return ch if code is None else TABLES[key].get(code, ch)


def translate(text: str, font: str | None = None, pua_font: str | None = None) -> str:
    """`text` typed in `font`, every symbol-font character replaced by its meaning.

    `pua_font` names the font PUA code points are drawn with when it differs from `font` (a PPTX
    run's ``a:sym``); ordinary characters follow `font` only.
    """
    if not text:
        return text
    key = font_key(font)
    if key is None and not any(PUA_FIRST <= ord(c) <= PUA_LAST for c in text):
        return text
    pua_key = font_key(pua_font) or key
    return "".join(
        _translate(c, pua_key if PUA_FIRST <= ord(c) <= PUA_LAST else key) for c in text
    )


def translate_pdf_chars(chars: list[dict[str, Any]]) -> None:
    """Translate pdfplumber char dicts in place: each ``text`` by the char's ``fontname``."""
    keys = {name: font_key(name) for name in {c.get("fontname") or "" for c in chars}}
    if not any(keys.values()):  # no symbol font among them: only PUA chars can change
        for c in chars:
            t = c.get("text")
            # (comparing one-char strings compares their code points)
            if t and "\uf020" <= t <= "\uf0ff" and len(t) == 1:
                new = _translate(t, None)
                if new != t:
                    c["text"] = new
        return
    for c in chars:
        t = c.get("text")
        if not t or len(t) != 1:
            continue
        o = ord(t)
        if o < 0x20 or o > PUA_LAST:
            continue
        key = keys[c.get("fontname") or ""]
        if key is None and o < PUA_FIRST:
            continue
        new = _translate(t, key)
        if new != t:
            c["text"] = new
