"""Symbol-font characters (Wingdings, Wingdings 2/3, Symbol) → the character they stand for.

Bullets and status dots in real decks are often typed in a symbol font. Such a font has no Unicode
meaning of its own: it draws a picture at an 8-bit code. A PPTX run holds the code as a Latin-1
character next to the font's name (Wingdings ``l`` is a filled circle, ``§`` a small square), or as
the Private Use Area code point U+F000 + code (PowerPoint's *Insert Symbol*, often with
``a:sym``); PowerPoint's PDF export writes the PUA form (Wingdings ``l`` comes through as U+F06C),
other exporters the plain letter in a font named ``Wingdings``. This module is the one table that
maps both forms to a character the rest of the code understands (``•``, ``▪``, ``●``, ``✓`` ...),
so the extractors translate a char where they first read it and the normaliser only ever sees the
meaning.

Sources: the codes were checked against the Wingdings, Wingdings 2, Wingdings 3 and Symbol code
charts, and against the Unicode 7.0 correspondences for those fonts (Unicode added the Wingdings
pictures in 2014; e.g. Wingdings 0x6C ↔ U+26AB MEDIUM BLACK CIRCLE, 0xA7 ↔ U+25AA BLACK SMALL
SQUARE, 0xD8 ↔ U+2B9A THREE-D TOP-LIGHTED RIGHTWARDS EQUILATERAL ARROWHEAD, 0xFC ↔ U+2713 CHECK
MARK) and Adobe's Symbol encoding (0xB7 ``bullet`` U+2022). Each entry's comment names the chart's
picture; the value is the nearest character of the vocabulary the parser already knows
(`lnhs_parse.glyphs`: `BULLET_GLYPHS`, `ICON_GLYPHS`), not necessarily the exact Unicode 7.0 code
point: a medium black circle is a status dot "●", a three-D arrowhead a bullet "➢". Only pictures
that can be a bullet or a status mark are listed; other codes are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

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

# code (0x20..0xFF) → meaning, per symbol font
WINGDINGS: dict[int, str] = {
    0x6C: "●",  # l  medium black circle (U+26AB): status dots, round bullets
    0x6D: "○",  # m  shadowed white circle
    0x6E: "■",  # n  black medium square
    0x6F: "□",  # o  medium white square
    0x70: "□",  # p  bold white square
    0x71: "□",  # q  lower right shadowed white square (❑, PowerPoint's hollow square bullet)
    0x72: "□",  # r  upper right shadowed white square (❒)
    0x73: "◆",  # s  black medium small lozenge
    0x74: "◆",  # t  black lozenge (⧫)
    0x75: "◆",  # u  black diamond
    0x76: "❖",  # v  black diamond minus white X (PowerPoint's star bullet)
    0x77: "◆",  # w  black small diamond
    0x9E: "•",  # bullet operator
    0x9F: "•",  # bullet
    0xA0: "▪",  # black very small square
    0xA1: "○",  # heavy circle
    0xA4: "◉",  # white circle containing black small circle
    0xA7: "▪",  # §  black small square (PowerPoint's square bullet)
    0xA8: "□",  # ¨  light white square
    0xAB: "★",  # «  black star
    0xD8: "➢",  # Ø  three-D top-lighted rightwards arrowhead (PowerPoint's arrow bullet)
    0xE8: "➔",  # è  wide-headed rightwards heavy arrow
    0xF0: "⇨",  # ð  rightwards white arrow
    0xFB: "✗",  # û  ballot bold script X
    0xFC: "✓",  # ü  check mark (PowerPoint's check mark bullet)
    0xFD: "☒",  # ý  ballot box with bold script X
    0xFE: "☑",  # þ  ballot box with bold check
}

WINGDINGS_2: dict[int, str] = {
    0x4F: "✗",  # O  ballot script X
    0x50: "✓",  # P  light check mark
    0x51: "☒",  # Q  ballot box with script X
    0x52: "☑",  # R  ballot box with check
    0x53: "☒",  # S  ballot box with light X
    0x54: "☒",  # T  ballot box with X
    0x96: "•",  # black slightly small circle
    0x98: "●",  # black circle
    0x99: "○",  # white circle
    0x9E: "◉",  # circled bullet
    0x9F: "▪",  # black tiny square
    0xA0: "▪",  # black slightly small square
    0xA1: "■",  # black medium small square
    0xA2: "■",  # black square
    0xA3: "□",  # white square
    0xAE: "◆",  # black medium diamond
    0xAF: "◇",  # white diamond
    0xEA: "★",  # heavy five pointed black star
}

WINGDINGS_3: dict[int, str] = {
    0x70: "▲",  # p  black up-pointing triangle
    0x71: "▼",  # q  black down-pointing triangle
    0x72: "△",  # r  white up-pointing triangle
    0x74: "◀",  # t  black left-pointing triangle
    0x75: "►",  # u  black right-pointing triangle
    0x7D: "►",  # }  black right-pointing isosceles right triangle
    0x86: "➤",  # black rightwards equilateral arrowhead
}

SYMBOL: dict[int, str] = {
    0xA8: "♦",  # ¨  diamond suit
    0xAE: "→",  # ®  arrow right
    0xB7: "•",  # ·  bullet
}

TABLES: dict[str, dict[int, str]] = {
    "wingdings": WINGDINGS,
    "wingdings 2": WINGDINGS_2,
    "wingdings 3": WINGDINGS_3,
    "symbol": SYMBOL,
}

# A PUA char whose font is not known to be one of the above (a renamed or unnamed font): the
# Wingdings meaning, and Symbol's bullet where Wingdings has nothing listed at that code.
_PUA_FALLBACK: dict[int, str] = {
    **{k: v for k, v in SYMBOL.items() if k not in WINGDINGS},
    **WINGDINGS,
}

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
    keys: dict[str, str | None] = {}
    for c in chars:
        t = c.get("text")
        if not t or len(t) != 1:
            continue
        o = ord(t)
        if o < 0x20 or o > PUA_LAST:
            continue
        fontname = c.get("fontname") or ""
        key = keys.get(fontname, "?")
        if key == "?":
            key = keys[fontname] = font_key(fontname)
        if key is None and o < PUA_FIRST:
            continue
        new = _translate(t, key)
        if new != t:
            c["text"] = new
