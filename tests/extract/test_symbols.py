"""Symbol-font characters: the table (both forms of every code) and the extractors' use of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Pt

import hostile
from lnhs_parse.extract import pdf as PDF
from lnhs_parse.extract import pptx as PPTX
from lnhs_parse.extract import symbols as S
from lnhs_parse.glyphs import (
    BULLET_GLYPHS,
    ICON_GLYPHS,
    ICON_MEANINGS,
    MARKER_MEANINGS,
    SYMBOL_FONTS,
)
from lnhs_parse.normalise.text import split_bullet
from lnhs_parse.settings import ParseOptions

FONT_NAMES = {"wingdings": "Wingdings", "wingdings 2": "Wingdings 2", "wingdings 3": "Wingdings 3",
              "symbol": "Symbol"}
ENTRIES = [(key, code, meaning) for key, table in S.TABLES.items() for code, meaning in table.items()]


def _typed(code: int) -> str:
    """The character a PPTX run holds for a code: Latin-1, or Windows-1252 for 0x80..0x9F where
    Windows-1252 has a character there (its five holes stay C1 controls)."""
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            return chr(code)
    return chr(code)


# ------------------------------------------------------------------------------------------------
# the table


def test_the_code_pages_are_whole() -> None:
    """Every code that draws a glyph is mapped: Wingdings 0x21..0xFE (0xFF is the Windows logo, which
    Unicode left out), Wingdings 2 0x21..0xF9, Wingdings 3 0x21..0xF0, Symbol 0x21..0x7E and
    0xA0..0xFE (without 0x60, the radical extender, and 0xF0, which Windows' Symbol leaves empty);
    0x7F draws nothing in any of them."""
    def codes(first: int, last: int, *holes: int) -> set[int]:
        return set(range(first, last + 1)) - {0x7F, *holes}

    assert set(S.WINGDINGS) == codes(0x21, 0xFE)
    assert set(S.WINGDINGS_2) == codes(0x21, 0xF9)
    assert set(S.WINGDINGS_3) == codes(0x21, 0xF0)
    assert set(S.SYMBOL) == codes(0x21, 0x7E, 0x60) | codes(0xA0, 0xFE, 0xF0)
    assert set(SYMBOL_FONTS) == set(S.TABLES)


@pytest.mark.parametrize(("key", "code", "meaning"), ENTRIES, ids=[f"{k}-{c:02X}" for k, c, _ in ENTRIES])
def test_every_code_in_both_forms(key: str, code: int, meaning: str) -> None:
    name = FONT_NAMES[key]
    assert S.translate_char(_typed(code), name) == meaning  # the letter in the font (PPTX)
    assert S.translate_char(chr(0xF000 + code), name) == meaning  # PowerPoint's PDF: PUA
    assert S.translate(f"{_typed(code)}", name) == meaning
    assert len(meaning) == 1 and not 0xE000 <= ord(meaning) <= 0xF8FF and meaning.isprintable()


# Words of the Unicode names of the characters of each meaning (the table's meanings checked
# against the characters they come with).
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "bullet": ("BULLET", "DOT"), "dot": ("CIRCLE", "FISHEYE"), "circle": ("CIRCLE", "BULLSEYE"),
    "square": ("SQUARE",), "diamond": ("DIAMOND", "LOZENGE"), "star": ("STAR", "ASTERISK"),
    "triangle": ("TRIANGLE", "POINTER"), "arrow": ("ARROW",), "check": ("CHECK",),
    "cross": (" X ", "SALTIRE", "REVERSE SOLIDUS"), "checkbox": ("BALLOT BOX", "RECTANGLE BOX"),
    "hand": ("INDEX",), "number": ("DIGIT", "NUMBER"),
}


def test_meanings_match_the_characters() -> None:
    import unicodedata

    counts: dict[str, int] = {}
    for table in SYMBOL_FONTS.values():
        for code, glyph in table.items():
            counts[glyph.meaning] = counts.get(glyph.meaning, 0) + 1
            words = NAME_WORDS.get(glyph.meaning)
            if words is None:
                continue
            name = f" {unicodedata.name(glyph.char)} "
            assert any(w in name for w in words), (hex(code), glyph, name)
    assert counts["arrow"] > 150 and counts["picture"] > 150 and counts["letter"] > 50
    assert {"bullet", "dot", "square", "check", "cross", "checkbox", "number"} <= set(counts)


def test_the_codes_the_decks_use() -> None:
    assert S.translate("l§ØüqvnØ", "Wingdings") == "●▪➢✓□❖■➢"
    assert S.translate("\uf06c\uf0a7\uf0d8\uf0fc\uf0b7") == "●▪➢✓•"  # no font name: marker of Wingdings or Symbol
    assert S.translate("\uf0b7", "SymbolMT") == "•"
    assert S.translate("·", "Symbol") == "•"
    assert S.translate("˜P", "Wingdings 2") == "●✓"
    assert S.translate("u", "Wingdings 3") == "►"
    # the real PowerPoint PDFs of fixtures/real: round bullets of Wingdings 2, square ones of
    # Wingdings, and arithmetic typed in Symbol
    assert S.translate("\uf096\uf097", "ABCDEE+Wingdings 2") == "●●"
    assert S.translate("\uf06e", "ABCDEE+Wingdings") == "■"
    assert S.translate("\uf02b\uf03d", "SymbolMT") == "+="


def test_bullet_meanings_split_statements_and_dots_are_icons() -> None:
    bullets = {S.WINGDINGS[c] for c in (0x6C, 0x6E, 0x71, 0x76, 0x9F, 0xA7, 0xD8, 0xE8, 0xF0, 0xFC)}
    bullets |= {S.SYMBOL[0xB7], S.SYMBOL[0xAE], S.WINGDINGS_3[0x75], S.WINGDINGS_2[0x97]}
    assert bullets <= BULLET_GLYPHS
    for b in bullets:
        assert split_bullet(f"{b} Koulutukset") == (f"{b} ", "Koulutukset")
    dot = S.WINGDINGS[0x6C]
    assert dot in ICON_GLYPHS  # one set, read by both extractors and the normaliser
    # every marker of the code pages is a bullet, every shape and mark an icon glyph
    for table in SYMBOL_FONTS.values():
        for glyph in table.values():
            assert (glyph.char in BULLET_GLYPHS) >= (glyph.meaning in MARKER_MEANINGS)
            assert (glyph.char in ICON_GLYPHS) >= (glyph.meaning in ICON_MEANINGS)
    # text and pictures are neither: Symbol's letters and signs, Wingdings' pencil
    for char in (S.SYMBOL[0x61], S.SYMBOL[0x2B], S.WINGDINGS[0x21]):
        assert char not in BULLET_GLYPHS and char not in ICON_GLYPHS


def test_ordinary_text_is_left_alone() -> None:
    assert S.translate("Hello § l Ø ü ·", "Liberation Sans") == "Hello § l Ø ü ·"
    assert S.translate("Hello", None) == "Hello"
    # codes that draw nothing stay, in the font or as PUA: Wingdings 0xFF, Symbol 0x60
    assert S.translate("\uf0ff", "Wingdings") == "\uf0ff" and S.translate("`", "Symbol") == "`"
    assert S.translate("Ω", "Wingdings") == "Ω"  # a character that is no 8-bit code
    # a PUA code in an unknown font that is no marker in Wingdings nor Symbol: which font drew it
    # can't be told
    assert S.translate("\uf041") == "\uf041"
    # a:sym: PUA chars follow it, ordinary ones the latin font
    assert S.translate("l \uf06c", "Calibri", "Wingdings") == "l ●"
    # letters typed in a symbol font are its pictures, not letters
    assert S.translate("aZ", "Wingdings") == "♋☪" and S.translate("ab", "Symbol") == "αβ"


@pytest.mark.parametrize(
    ("name", "key"),
    [("Wingdings", "wingdings"), ("Wingdings-Regular", "wingdings"), ("ABCDEF+Wingdings-Regular", "wingdings"),
     ("WINGDINGS", "wingdings"), ("Wingdings 2", "wingdings 2"), ("Wingdings2", "wingdings 2"),
     ("BAAAAA+Wingdings3-Regular", "wingdings 3"), ("Symbol", "symbol"), ("SymbolMT", "symbol"),
     ("Symbol,Bold", "symbol"), ("EAAAAA+SymbolMT", "symbol"), ("OpenSymbol", None),
     ("StandardSymbolsPS", None), ("Webdings", None), ("Arial", None), ("", None), (None, None),
     ("WingdingsSans", None), ("Symbolic", None)],
)
def test_font_names(name: str | None, key: str | None) -> None:
    assert S.font_key(name) == key
    assert S.is_symbol_font(name) is (key is not None)


def test_pdf_chars_translated_in_place() -> None:
    chars = [
        {"text": "\uf06c", "fontname": "ABCDEF+Wingdings-Regular"},
        {"text": "\uf0b7", "fontname": "SymbolMT"},
        {"text": "\uf0a7", "fontname": "Calibri"},  # PUA: a symbol code in any font
        {"text": "l", "fontname": "Wingdings"},
        {"text": "l", "fontname": "LiberationSans"},
        {"text": "·", "fontname": "BAAAAA+SymbolMT"},
        {"text": "ab", "fontname": "Wingdings"},
    ]
    S.translate_pdf_chars(chars)
    assert [c["text"] for c in chars] == ["●", "•", "▪", "●", "l", "•", "ab"]


# ------------------------------------------------------------------------------------------------
# the PPTX extractor


def _run(p: Any, text: str, font: str, colour: str | None = None) -> Any:
    r = p.add_run()
    r.text = text
    r.font.name = font
    r.font.size = Pt(18)
    if colour:
        r.font.color.rgb = RGBColor.from_string(colour)
    return r


def _symbol_deck(path: Path) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    tf = slide.shapes.add_textbox(Pt(40), Pt(40), Pt(500), Pt(300)).text_frame
    p = tf.paragraphs[0]
    _run(p, "l", "Wingdings", "E53935")  # status dots typed as Wingdings "l"
    _run(p, " ", "Arial")
    _run(p, "l", "Wingdings", "43A047")
    p = tf.add_paragraph()
    _run(p, "§", "Wingdings")  # a typed square bullet
    _run(p, " Kohta yksi", "Arial")
    p = tf.add_paragraph()
    _run(p, "·", "Symbol")
    _run(p, " Kohta kaksi", "Arial")
    p = tf.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Wingdings")
    etree.SubElement(ppr, qn("a:buChar")).set("char", "Ø")
    _run(p, "Muotoiltu kohta", "Arial")
    p = tf.add_paragraph()  # PowerPoint's Insert Symbol: a PUA char with a:sym
    r = p.add_run()
    r.text = "\uf06c"
    r.font.color.rgb = RGBColor.from_string("FBC02D")
    etree.SubElement(r._r.get_or_add_rPr(), qn("a:sym")).set("typeface", "Wingdings")
    p = tf.add_paragraph()
    _run(p, "Tavallinen l ja § tekstissä", "Arial")
    prs.save(str(path))
    return path


def test_pptx_symbol_runs_and_bullets(tmp_path: Path) -> None:
    doc = PPTX.extract(_symbol_deck(tmp_path / "s.pptx"), ParseOptions())
    page = doc.pages[0]
    assert [(ln.text, ln.bullet) for ln in page.lines] == [
        ("▪ Kohta yksi", None),
        ("• Kohta kaksi", None),
        ("Muotoiltu kohta", "➢"),
        ("Tavallinen l ja § tekstissä", None),
    ]
    assert [(i.kind, i.glyph, i.colour) for i in page.icons] == [
        ("glyph", "●", "#E53935"), ("glyph", "●", "#43A047"), ("glyph", "●", "#FBC02D"),
    ]


# ------------------------------------------------------------------------------------------------
# the PDF extractor


def _cmap(pairs: dict[int, int]) -> bytes:
    body = b"".join(b"<%02X> <%04X>\n" % (a, b) for a, b in pairs.items())
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Sym def /CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        + b"%d beginbfchar\n" % len(pairs) + body + b"endbfchar\nendcmap\n"
        b"CMapName currentdict /CMap defineresource pop end end"
    )


def _font(base: bytes, descriptor: int, to_unicode: int | None) -> bytes:
    widths = b" ".join([b"750"] * 224)
    tu = b" /ToUnicode %d 0 R" % to_unicode if to_unicode else b""
    return (b"<< /Type /Font /Subtype /TrueType /BaseFont /" + base + b" /FirstChar 32 /LastChar 255 "
            b"/Widths [" + widths + b"] /Encoding /WinAnsiEncoding /FontDescriptor %d 0 R" % descriptor
            + tu + b" >>")


def _descriptor(base: bytes) -> bytes:
    return (b"<< /Type /FontDescriptor /FontName /" + base + b" /Flags 4 /FontBBox [0 -200 1000 900] "
            b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>")


def _symbol_pdf(path: Path) -> Path:
    def show(font: bytes, x: float, y: float, text: bytes, rgb: bytes = b"0 0 0") -> bytes:
        return b"BT " + rgb + b" rg /" + font + b" 18 Tf %g %g Td (" % (x, y) + text + b") Tj ET\n"

    content = b"".join([
        # PowerPoint's form: PUA code points through the font's ToUnicode
        show(b"F2", 72, 700, b"l", b"0.898 0.224 0.208"),
        show(b"F2", 100, 700, b"l", b"0.263 0.627 0.278"),
        show(b"F2", 72, 660, b"\xa7"), show(b"F1", 90, 660, b"Kohta yksi"),
        show(b"F4", 72, 630, b"\xb7"), show(b"F1", 90, 630, b"Kohta kaksi"),
        show(b"F2", 72, 600, b"\xd8"), show(b"F1", 90, 600, b"Kohta kolme"),
        # the ASCII letter in a font named Wingdings (no ToUnicode)
        show(b"F3", 72, 560, b"l", b"0.984 0.753 0.176"),
        show(b"F3", 72, 530, b"\xfc"), show(b"F1", 90, 530, b"Kohta nelj\xe4"),
        # ordinary text with the same letters stays text
        show(b"F1", 72, 490, b"Tavallinen l ja \xa7 teksti"),
    ])
    objs = hostile.page_objects(content)
    objs[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R /F4 8 0 R >> >> >>")
    names = (b"ABCDEF+Wingdings-Regular", b"Wingdings", b"BCDEFG+SymbolMT")
    objs += [
        _font(names[0], 9, 12),  # objects 6, 7, 8: the fonts
        _font(names[1], 10, None),
        _font(names[2], 11, 13),
        *(_descriptor(n) for n in names),  # 9, 10, 11
        hostile.stream(_cmap({0x20: 0x20, 0x6C: 0xF06C, 0xA7: 0xF0A7, 0xD8: 0xF0D8, 0xFC: 0xF0FC})),
        hostile.stream(_cmap({0xB7: 0xF0B7})),
    ]
    path.write_bytes(hostile.pdf_document(objs))
    return path


def test_pdf_symbol_chars(tmp_path: Path) -> None:
    path = _symbol_pdf(tmp_path / "s.pdf")
    with pdfplumber.open(path) as pdf:  # the file really holds the PUA code points
        raw = {c["text"] for c in pdf.pages[0].chars}
    assert {"\uf06c", "\uf0a7", "\uf0d8", "\uf0b7", "l", "ü"} <= raw

    page = PDF.extract(path, ParseOptions()).pages[0]
    assert [ln.text for ln in page.lines] == [
        "▪ Kohta yksi", "• Kohta kaksi", "➢ Kohta kolme", "✓ Kohta neljä", "Tavallinen l ja § teksti",
    ]
    assert sorted((i.kind, i.glyph, i.colour) for i in page.icons) == [
        ("glyph", "●", "#43A047"), ("glyph", "●", "#E53935"), ("glyph", "●", "#FBC02D"),
    ]
