"""The PDF extractor against the fixture decks, and its errors.

Facts come from the generator, never from parser output: `fixtures/manifest.json` records the tables
per slide (rows, columns, box, column widths), `<name>.expected.json` the statuses and pages of each
sub-goal, and the generator's content data the status icon colours.
"""

from __future__ import annotations

import hashlib
import struct
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

import hostile
from lnhs_parse.errors import (
    CorruptFileError,
    EncryptedFileError,
    LimitExceededError,
    ScannedDocumentError,
    UnsupportedFormatError,
)
from lnhs_parse.extract import extract as extract_any
from lnhs_parse.extract import pdf as pdf_extractor
from lnhs_parse.extract.pdf import colours as pdf_colours
from lnhs_parse.glyphs import ICON_GLYPHS
from lnhs_parse.layout import Document, Line
from lnhs_parse.settings import Limits, ParseOptions
from lnhs_parse.utils import geometry as geo
from support import FIXTURES, expected, load_script, ws

FOUND_BY = {"ruled": "lines", "fills": "fills", "none": None}


def _manifest() -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    return data


MANIFEST = _manifest()
DECKS = list(MANIFEST["decks"])  # a deck whose PDF is lost fails its tests


@cache
def doc(name: str) -> Document:
    return pdf_extractor.extract(FIXTURES / f"{name}.pdf", ParseOptions())


def _gen_decks() -> Any:
    return load_script(FIXTURES / "gen" / "decks.py", "fixture_decks")


def _gen_style(name: str) -> Any:
    """The generator's `Style` of a fixture deck (fixtures/gen/decks.py)."""
    return next(s.style for s in _gen_decks().REGISTRY if s.name == name)


def icon_colours(name: str) -> dict[str, str]:
    """Status → "#RRGGBB" of the deck's status icons, from the generator's content data."""
    decks = _gen_decks()
    content = MANIFEST["decks"][name]["content"]
    return dict(decks.load_content(content).icon_colours)


def geo_center(b: tuple[float, float, float, float]) -> tuple[float, float]:
    return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)


def rgb(color: str) -> tuple[int, int, int]:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def same_colour(a: str | None, b: str, tolerance: int) -> bool:
    return a is not None and all(abs(x - y) <= tolerance for x, y in zip(rgb(a), rgb(b), strict=True))


def colour_tolerance(name: str) -> int:
    # pictures pass through LibreOffice's JPEG export: their colours come back a few steps off
    return 12 if MANIFEST["decks"][name]["style"]["icons"] == "picture" else 1


def all_lines(d: Document) -> list[tuple[int, Line]]:
    out = []
    for page in d.pages:
        out += [(page.number, line) for line in page.lines]
        for table in page.tables:
            for cell in table.cells:
                out += [(page.number, line) for line in cell.lines]
    return out


def expected_icons_by_page(name: str) -> dict[int, list[str]]:
    """Statuses expected on each page, in reading order: a sub-goal's icons sit on its first page."""
    out: dict[int, list[str]] = {}
    for goal in expected(name)["goals"]:
        for sub in goal["sub_goals"]:
            out.setdefault(sub["pages"][0], []).extend(sub["statuses"])
    return out


# --------------------------------------------------------------------------------------------------
# Fixture decks


@pytest.mark.parametrize("name", DECKS)
def test_document_header(name: str) -> None:
    d = doc(name)
    m = MANIFEST["decks"][name]
    path = FIXTURES / f"{name}.pdf"
    assert d.format == "pdf"
    assert d.page_count == m["pages"] == len(d.pages)
    assert d.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [p.number for p in d.pages] == list(range(1, m["pages"] + 1))
    assert d.warnings == ()


@pytest.mark.parametrize("name", DECKS)
def test_tables_per_manifest(name: str) -> None:
    d = doc(name)
    m = MANIFEST["decks"][name]
    found_by = FOUND_BY[m["style"]["table_lines"]]
    for slide in m["slides"]:
        page = d.pages[slide["page"] - 1]
        if found_by is None:
            assert page.tables == (), f"page {page.number}: a table drawn with neither lines nor fills"
            continue
        assert len(page.tables) == len(slide["tables"]), f"page {page.number}"
        for table, exp in zip(page.tables, slide["tables"], strict=True):
            where = f"page {page.number}"
            assert table.found_by == found_by, where
            assert (table.n_rows, table.n_cols) == (exp["rows"], exp["cols"]), where
            assert len(table.col_edges) == exp["cols"] + 1 and len(table.row_edges) == exp["rows"] + 1
            assert table.bbox == pytest.approx(tuple(exp["bbox"]), abs=1.5), where
            if "col_widths" in exp:
                widths = [b - a for a, b in pairwise(table.col_edges)]
                assert widths == pytest.approx(exp["col_widths"], abs=1.5), where
            if "row_heights" in exp:
                heights = [b - a for a, b in pairwise(table.row_edges)]
                assert heights == pytest.approx(exp["row_heights"], abs=1.5), where
            # no merged cells in the fixtures: one cell per grid position, row-major
            assert [(c.row, c.col) for c in table.cells] == [
                (r, c) for r in range(exp["rows"]) for c in range(exp["cols"])
            ]
            assert all(c.rowspan == c.colspan == 1 for c in table.cells)


@pytest.mark.parametrize("name", DECKS)
def test_table_text_lives_in_cells(name: str) -> None:
    d = doc(name)
    m = MANIFEST["decks"][name]
    for slide in m["slides"]:
        page = d.pages[slide["page"] - 1]
        for table in page.tables:
            for line in page.lines:
                assert not geo.center_in(line.bbox, table.bbox), (page.number, line.text)
            for cell in table.cells:
                for line in cell.lines:
                    assert geo.center_in(line.bbox, cell.bbox, 0.5), (page.number, line.text)
                tops = [line.bbox[1] for line in cell.lines]
                assert tops == sorted(tops)
            if slide.get("header_row"):
                header = ws(" ".join(table.cell_at(0, c).text for c in range(table.n_cols)))
                style = _gen_style(name)  # the deck's own wording of the headers
                assert ws(" ".join(style.header_sub_goal)) in header
                assert style.header_joint in header


@pytest.mark.parametrize("name", DECKS)
def test_columns_never_merge(name: str) -> None:
    """Every line inside a goal table's box lies within one column of the generator's grid."""
    d = doc(name)
    for slide in MANIFEST["decks"][name]["slides"]:
        for exp in slide["tables"]:
            if "col_widths" not in exp:
                continue
            x = exp["bbox"][0]
            edges = [x]
            for w in exp["col_widths"]:
                x += w
                edges.append(x)
            page = d.pages[slide["page"] - 1]
            lines = [line for _, line in all_lines(Document("", "pdf", "", 0, (page,)))]
            for line in lines:
                if not geo.center_in(line.bbox, tuple(exp["bbox"])):
                    continue
                col = geo.interval_index(edges, (line.bbox[0] + line.bbox[2]) / 2)
                assert col is not None
                assert edges[col] - 1 <= line.bbox[0] and line.bbox[2] <= edges[col + 1] + 1, (
                    page.number,
                    line.text,
                )


def header_phrases(name: str) -> list[str]:
    deck = _gen_decks().load_content(MANIFEST["decks"][name]["content"])
    style = MANIFEST["decks"][name]["style"]
    wording = _gen_style(name)  # the deck's own wording of the headers
    phrases = [
        *wording.header_sub_goal,
        wording.header_progress,
        wording.header_focus.format(period=deck.header_period),
        wording.header_joint,
    ]
    if style.get("number_column") and style.get("number_header"):
        phrases.append(style["number_header"])
    return phrases


@pytest.mark.parametrize("name", DECKS)
def test_header_texts_are_separate_lines(name: str) -> None:
    """Each line of a header row belongs to one column's header: headers never merge."""
    d = doc(name)
    phrases = header_phrases(name)
    wording = _gen_style(name)
    for slide in MANIFEST["decks"][name]["slides"]:
        if slide["kind"] != "table" or not slide.get("header_row"):
            continue
        page = d.pages[slide["page"] - 1]
        exp = slide["tables"][0]
        x0, top, x1, _ = exp["bbox"]
        header_box = (x0, top, x1, top + exp["row_heights"][0])
        lines = [
            line for _, line in all_lines(Document("", "pdf", "", 0, (page,)))
            if geo.center_in(line.bbox, header_box)
        ]
        assert lines, page.number
        for line in lines:
            owners = [p for p in phrases if line.text in p]
            assert owners, (page.number, line.text)
        edges = [x0]
        for w in exp["col_widths"]:
            edges.append(edges[-1] + w)
        columns: dict[int | None, list[str]] = {}
        for line in lines:
            col = geo.interval_index(edges, geo_center(line.bbox)[0])
            columns.setdefault(col, []).append(line.text)
        texts = [ws(" ".join(t)) for t in columns.values()]
        n = len(wording.header_sub_goal)  # phrases: sub-goal lines, progress, focus, joint, ...
        for phrase in (phrases[n - 1], phrases[n + 2], phrases[n + 1]):
            assert any(phrase in t for t in texts), (page.number, phrase, texts)


@pytest.mark.parametrize("name", DECKS)
def test_icons_per_table_page(name: str) -> None:
    """Icon count and colours per page equal the expected statuses (shadows not counted)."""
    d = doc(name)
    colours = icon_colours(name)
    tol = colour_tolerance(name)
    kind = {"vector": "shape", "picture": "picture", "glyph": "glyph"}[
        MANIFEST["decks"][name]["style"]["icons"]
    ]
    by_page = expected_icons_by_page(name)
    for slide in MANIFEST["decks"][name]["slides"]:
        if slide["kind"] != "table":
            continue
        page = d.pages[slide["page"] - 1]
        statuses = by_page.get(page.number, [])
        got = [icon.colour for icon in page.icons]
        assert len(page.icons) == len(statuses), (page.number, got, statuses)
        for icon, status in zip(page.icons, statuses, strict=True):
            assert icon.kind == kind
            assert same_colour(icon.colour, colours[status], tol), (page.number, got, statuses)
        if page.tables and page.icons:  # icons sit in one column (progress), inside the table
            table = page.tables[0]
            cols = {geo.interval_index(table.col_edges, geo_center(icon.bbox)[0]) for icon in page.icons}
            assert len(cols) == 1 and None not in cols, (page.number, cols)
            assert all(geo.center_in(icon.bbox, table.bbox) for icon in page.icons)


@pytest.mark.parametrize("name", DECKS)
def test_legend_has_three_icons(name: str) -> None:
    d = doc(name)
    colours = icon_colours(name)
    tol = colour_tolerance(name)
    (legend,) = [s for s in MANIFEST["decks"][name]["slides"] if s["kind"] == "legend"]
    page = d.pages[legend["page"] - 1]
    assert len(page.icons) == 3
    for icon, status in zip(page.icons, ("started", "in_progress", "in_use"), strict=True):
        assert same_colour(icon.colour, colours[status], tol), (icon, status)


@pytest.mark.parametrize("name", DECKS)
def test_no_icons_off_the_legend_and_tables(name: str) -> None:
    """The logo on every slide and the title slide's decoration are not icons."""
    d = doc(name)
    for slide in MANIFEST["decks"][name]["slides"]:
        if slide["kind"] in ("title", "highlights"):
            assert d.pages[slide["page"] - 1].icons == ()


@pytest.mark.parametrize("name", DECKS)
def test_no_glyph_left_in_text(name: str) -> None:
    """An icon glyph stays in the text only as the bullet in front of a line's words."""
    for page_number, line in all_lines(doc(name)):
        assert not (set(line.text[1:]) & ICON_GLYPHS), (page_number, line.text)
        assert line.text[0] not in ICON_GLYPHS or len(line.text) > 2, (page_number, line.text)


def test_pictures_have_digests_matching_the_legend() -> None:
    names = [n for n in DECKS if MANIFEST["decks"][n]["style"]["icons"] == "picture"]
    assert names, "the manifest lists no deck with picture icons"
    d = doc(names[0])
    (legend,) = [s for s in MANIFEST["decks"][names[0]]["slides"] if s["kind"] == "legend"]
    legend_digests = {icon.digest for icon in d.pages[legend["page"] - 1].icons}
    assert len(legend_digests) == 3 and None not in legend_digests
    for page in d.pages:
        for icon in page.icons:
            assert icon.digest in legend_digests


def test_shadowed_ovals_are_one_icon_each() -> None:
    names = [
        n for n in DECKS
        if MANIFEST["decks"][n]["style"]["icons"] == "vector" and MANIFEST["decks"][n]["style"]["icon_shadow"]
    ]
    assert names, "the manifest lists no deck with shadowed oval icons"
    d = doc(names[0])
    assert all(icon.kind == "shape" for page in d.pages for icon in page.icons)


def test_line_attributes() -> None:
    name = DECKS[0]
    page = doc(name).pages[0]
    assert page.lines, "title slide has text"
    for line in page.lines:
        assert line.text == line.text.strip() and line.text
        assert line.size and line.size > 5
        assert line.colour is None or (line.colour.startswith("#") and len(line.colour) == 7)
    tables = [t for p in doc(name).pages for t in p.tables]
    if tables:
        header = tables[0].cell_at(0, 3)
        assert header is not None
        assert any(line.bold for line in header.lines)


def test_space_after_marks_wraps_at_a_space() -> None:
    """A line wrapped at a space says so; a word broken by the cell width does not."""
    seen: dict[str, set[bool]] = {}
    for name in DECKS:
        for _, line in all_lines(doc(name)):
            if line.text in ("Toimenpiteide", "Toimenpiteiden", "Toimenpiteid"):
                seen.setdefault(line.text, set()).add(line.space_after)
            assert line.text == line.text.strip()
    assert seen.get("Toimenpiteiden") == {True}  # "Toimenpiteiden " / "eteneminen"
    assert seen.get("Toimenpiteide") == {False}  # "Toimenpiteide" / "n eteneminen"


def test_dispatcher_picks_the_pdf_extractor() -> None:
    d = extract_any(FIXTURES / f"{DECKS[0]}.pdf")
    assert d.format == "pdf" and d.page_count == MANIFEST["decks"][DECKS[0]]["pages"]


def test_extractors_satisfy_the_protocol_and_are_chosen_by_content(tmp_path: Path) -> None:
    from lnhs_parse.extract import EXTRACTORS, Extractor, pick_extractor
    from lnhs_parse.extract import pptx as pptx_extractor

    assert all(isinstance(e, Extractor) for e in (*EXTRACTORS, pdf_extractor, pptx_extractor))
    path = tmp_path / "deck.pptx"  # the name says PPTX, the content PDF
    chosen = pick_extractor(b"%PDF-1.7\n", path)
    assert chosen is EXTRACTORS[0] and chosen.accepts(b"junk %PDF-1.4")
    assert pick_extractor(b"PK\x03\x04rest", path) is EXTRACTORS[1]
    with pytest.raises(UnsupportedFormatError):
        pick_extractor(b"GIF89a", path)


def test_debug_dir_writes_one_png_per_page(tmp_path: Path) -> None:
    name = DECKS[0]
    src = FIXTURES / f"{name}.pdf"
    d = pdf_extractor.extract(src, ParseOptions(debug_dir=tmp_path / "dbg"))
    pngs = sorted((tmp_path / "dbg").glob("page-*.png"))
    assert [p.name for p in pngs] == [f"page-{i:03d}.png" for i in range(1, d.page_count + 1)]
    assert pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------------------------------
# Errors and limits


def test_corrupt_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage garbage\n%%EOF\n")
    with pytest.raises(CorruptFileError):
        pdf_extractor.extract(bad, ParseOptions())


def test_truncated_pdf(tmp_path: Path) -> None:
    data = (FIXTURES / f"{DECKS[0]}.pdf").read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptFileError):
        pdf_extractor.extract(bad, ParseOptions())


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_pw: str, owner_pw: str = "owner", text: str = "Hello") -> bytes:
    """A one-page PDF encrypted with the standard security handler, revision 2 (RC4, 40 bits).

    Written by hand (PDF 1.7 §7.6.3, algorithms 2, 3 and 4) because no PDF writer with encryption
    (pypdf, qpdf) is installed here.
    """
    file_id = hashlib.md5(b"lnhs-test").digest()
    perms = -4

    def padded(pw: str) -> bytes:
        return (pw.encode("latin-1") + _PAD)[:32]

    owner = _rc4(hashlib.md5(padded(owner_pw)).digest()[:5], padded(user_pw))
    key = hashlib.md5(padded(user_pw) + owner + struct.pack("<i", perms) + file_id).digest()[:5]
    user = _rc4(key, _PAD)
    content = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
    stream = _rc4(hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10], content)
    objs = hostile.page_objects(stream)
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <"
                + user.hex().encode() + b"> /P " + str(perms).encode() + b" >>")
    fid = file_id.hex().encode()
    return hostile.pdf_document(objs, b" /Encrypt 6 0 R /ID [<%s> <%s>]" % (fid, fid))


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(encrypted_pdf("secret"))
    return path


def test_encrypted_without_password(encrypted: Path) -> None:
    with pytest.raises(EncryptedFileError, match="encrypted: give its password"):
        pdf_extractor.extract(encrypted, ParseOptions())


def test_encrypted_with_wrong_password(encrypted: Path) -> None:
    with pytest.raises(EncryptedFileError, match="wrong"):
        pdf_extractor.extract(encrypted, ParseOptions(password="nope"))


def test_encrypted_with_password(encrypted: Path) -> None:
    d = pdf_extractor.extract(encrypted, ParseOptions(password="secret"))
    assert [line.text for line in d.pages[0].lines] == ["Hello"]


def test_page_limit() -> None:
    with pytest.raises(LimitExceededError, match="pages"):
        pdf_extractor.extract(FIXTURES / f"{DECKS[0]}.pdf", ParseOptions(limits=Limits(max_pages=2)))


def test_object_limit_names_the_page() -> None:
    with pytest.raises(LimitExceededError, match=r"page 1 has \d+ objects"):
        pdf_extractor.extract(
            FIXTURES / f"{DECKS[0]}.pdf", ParseOptions(limits=Limits(max_page_objects=20))
        )


def test_scanned_pdf(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    pages = []
    for i in range(2):
        im = Image.new("RGB", (400, 300), "white")
        ImageDraw.Draw(im).text((20, 20), f"scanned page {i}", fill="black")
        pages.append(im)
    path = tmp_path / "scan.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:])
    with pytest.raises(ScannedDocumentError, match="no text layer"):
        pdf_extractor.extract(path, ParseOptions())


def test_accepts() -> None:
    assert pdf_extractor.accepts(b"junk\n%PDF-1.7\n")
    assert not pdf_extractor.accepts(b"PK\x03\x04")


# --------------------------------------------------------------------------------------------------
# A hand-drawn page: merged cells, a column gap too small to split on, a shadowed icon


def simple_pdf(content: bytes, width: int = 400, height: int = 400) -> bytes:
    """A one-page PDF drawing `content` (Helvetica as /F1)."""
    return hostile.one_page_pdf(content, width, height)


def _text(x: float, top: float, text: str, size: float = 10, height: int = 400) -> bytes:
    return b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, height - top - size, text.encode("latin-1"))


def _hline(top: float, x0: float, x1: float, height: int = 400) -> bytes:
    return b"%g %g m %g %g l S\n" % (x0, height - top, x1, height - top)


def _vline(x: float, top: float, bottom: float, height: int = 400) -> bytes:
    return b"%g %g m %g %g l S\n" % (x, height - top, x, height - bottom)


def test_ruled_table_with_merged_cells_and_a_shadowed_icon(tmp_path: Path) -> None:
    rows = [100, 130, 200, 270]
    cols = [50, 150, 250, 350]
    ops = bytearray(b"0 0 0 RG 0.8 w\n")
    for top in rows:
        ops += _hline(top, 50, 350)
    for x in (50, 150, 350):
        ops += _vline(x, 100, 270)
    ops += _vline(250, 130, 270)  # no rule between columns 1 and 2 in the header: merged
    ops += _vline(50 + 0, 100, 270)
    ops += _text(55, 105, "Otsikko A")
    ops += _text(155, 105, "Otsikko B, pitkä ja yli rajan")  # crosses x=250 inside the merged cell
    ops += _text(100, 135, "vasen") + _text(153, 135, "oikea")  # "vasen" ends near the rule at 150
    ops += _text(55, 205, "rivi 2")
    # icon in cell (1, 2): a grey shadow square under a red square, and an outline around it
    ops += b"0.6 0.6 0.6 rg 262 %g 14 14 re f\n" % (400 - 160 - 14)
    ops += b"0.9 0.2 0.2 rg 260 %g 12 12 re f\n" % (400 - 158 - 12)
    ops += b"0 0 0 RG 259 %g 14 14 re S\n" % (400 - 157 - 14)
    path = tmp_path / "merged.pdf"
    path.write_bytes(simple_pdf(bytes(ops)))
    d = pdf_extractor.extract(path, ParseOptions())
    (page,) = d.pages
    (table,) = page.tables
    assert table.found_by == "lines"
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert table.col_edges == pytest.approx(cols, abs=0.5)
    assert table.row_edges == pytest.approx(rows, abs=0.5)
    merged = table.cell_at(0, 2)
    assert merged is not None and merged is table.cell_at(0, 1)
    assert (merged.row, merged.col, merged.rowspan, merged.colspan) == (0, 1, 1, 2)
    assert merged.text == "Otsikko B, pitkä ja yli rajan"
    texts = {rc: cell.text for rc in ((1, 0), (1, 1), (2, 0)) if (cell := table.cell_at(*rc))}
    assert texts == {(1, 0): "vasen", (1, 1): "oikea", (2, 0): "rivi 2"}
    assert page.lines == ()
    assert len(page.icons) == 1
    icon = page.icons[0]
    assert icon.kind == "shape" and icon.colour == "#E63333"


def test_words_without_space_chars_and_column_gaps(tmp_path: Path) -> None:
    # "Aloitettu" ends at x = 86.1: a word gap of 3 pt (no space char), then a 14 pt gap (a column)
    ops = _text(50, 50, "Aloitettu") + _text(89, 50, "toimenpide")
    ops += _text(50, 70, "Aloitettu") + _text(100, 70, "Toinen")
    ops += _text(250, 50, "Toinen sarake")  # far right: another column
    path = tmp_path / "words.pdf"
    path.write_bytes(simple_pdf(ops))
    (page,) = pdf_extractor.extract(path, ParseOptions()).pages
    assert [line.text for line in page.lines] == [
        "Aloitettu toimenpide", "Toinen sarake", "Aloitettu", "Toinen"
    ]


# --------------------------------------------------------------------------------------------------
# Geometry helpers


def test_grid_cells_merge_where_no_rule_separates() -> None:
    cols, rows = [0.0, 10.0, 20.0, 30.0], [0.0, 10.0, 20.0]
    seg = geo.Segment
    hs = [seg(True, 0, 0, 30), seg(True, 20, 0, 30), seg(True, 10, 0, 10)]  # row rule only under col 0
    vs = [seg(False, 0, 0, 20), seg(False, 30, 0, 20), seg(False, 10, 0, 20)]  # no rule at x=20
    cells, regular = geo.grid_cells(cols, rows, hs, vs, 1.0)
    assert regular
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in cells] == [
        (0, 0, 1, 1),
        (0, 1, 2, 2),
        (1, 0, 1, 1),
    ]


def test_reading_rows() -> None:
    boxes = [(30, 0, 40, 10), (0, 1, 10, 11), (-2, -2, 12, 12), (0, 20, 10, 30)]
    assert geo.reading_rows(boxes) == [2, 1, 0, 3]


def test_suppress_stacked_keeps_the_best_and_never_chains() -> None:
    # two icons side by side and a large grey shadow overlapping both
    boxes = [(0, 0, 10, 10), (11, 0, 21, 10), (2, 2, 16, 16)]
    assert geo.suppress_stacked(boxes, [0, 1, 2], 0.5) == [0, 1]
    assert geo.suppress_stacked(boxes, [2, 0, 1], 0.5) == [2, 1]


def test_colour_conversion() -> None:
    assert pdf_colours.to_hex(pdf_colours.rgb((0.5,))) == "#808080"
    assert pdf_colours.to_hex(pdf_colours.rgb(0)) == "#000000"
    assert pdf_colours.to_hex(pdf_colours.rgb((1, 0, 0))) == "#FF0000"
    assert pdf_colours.to_hex(pdf_colours.rgb((0, 1, 1, 0))) == "#FF0000"
    assert pdf_colours.rgb("P0") is None and pdf_colours.rgb(None) is None
