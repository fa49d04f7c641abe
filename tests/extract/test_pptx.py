"""The PPTX extractor: fixture decks against their manifest and expected plans, hand-built decks for
geometry and colours, and hostile zips (bombs, DTDs, missing parts, junk)."""

from __future__ import annotations

import hashlib
import io
import random
import struct
import subprocess
import sys
import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.presentation import Presentation as Deck
from pptx.util import Pt

from lnhs_parse.errors import (
    CorruptFileError,
    LimitExceededError,
    LnhsParseError,
    UnsupportedFormatError,
)
from lnhs_parse.extract import pptx as X
from lnhs_parse.layout import Document, Icon, Page, Table
from lnhs_parse.settings import Limits, ParseOptions
from support import FIXTURES, expected, manifest

DECKS = sorted(manifest()["decks"])  # a deck whose PPTX is lost fails its tests
MAIN = FIXTURES / "kymenlaakso-2023.pptx"


def _extract(path: Path, **limits: Any) -> Document:
    return X.extract(path, ParseOptions(limits=Limits(**limits)) if limits else ParseOptions())


_DOC_CACHE: dict[str, Document] = {}


def _fixture_doc(name: str) -> Document:
    if name not in _DOC_CACHE:
        _DOC_CACHE[name] = _extract(FIXTURES / f"{name}.pptx")
    return _DOC_CACHE[name]


def _icon_colours(name: str) -> dict[str, str]:
    """Status -> "#RRGGBB" of a fixture deck's icons: the content's `Deck.icon_colours`."""
    sys.path.insert(0, str(FIXTURES / "gen"))
    try:
        import decks  # fixtures/gen/decks.py, pure Python

        deck = decks.load_content(manifest()["decks"][name]["content"])
        return {k: v.upper() for k, v in deck.icon_colours.items()}
    finally:
        sys.path.remove(str(FIXTURES / "gen"))


def _centre_in(icon: Icon, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (icon.bbox[0] + icon.bbox[2]) / 2, (icon.bbox[1] + icon.bbox[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _row_of(table: Table, icon: Icon) -> int:
    cy = (icon.bbox[1] + icon.bbox[3]) / 2
    for r in range(table.n_rows):
        if table.row_edges[r] <= cy < table.row_edges[r + 1]:
            return r
    return -1


def _all_texts(page: Page) -> list[str]:
    texts = [line.text for line in page.lines]
    for table in page.tables:
        texts += [line.text for cell in table.cells for line in cell.lines]
    return texts


# --------------------------------------------------------------------------------------------------
# Fixture decks

@pytest.mark.parametrize("name", DECKS)
def test_fixture_tables_match_manifest(name: str) -> None:
    deck = manifest()["decks"][name]
    doc = _fixture_doc(name)
    assert doc.format == "pptx" and doc.page_count == deck["pages"] and len(doc.pages) == deck["pages"]
    assert [p.number for p in doc.pages] == list(range(1, deck["pages"] + 1))
    assert len(doc.sha256) == 64
    for slide in deck["slides"]:
        page = doc.pages[slide["page"] - 1]
        got = [(t.n_rows, t.n_cols) for t in page.tables]
        assert got == [(t["rows"], t["cols"]) for t in slide["tables"]], f"page {slide['page']}"
        for table, spec in zip(page.tables, slide["tables"], strict=True):
            assert table.found_by == "native"
            assert len(table.col_edges) == table.n_cols + 1 and len(table.row_edges) == table.n_rows + 1
            if "bbox" in spec:
                assert table.bbox == pytest.approx(tuple(spec["bbox"]), abs=1.0)
            # every grid position is covered by exactly one cell
            covered = sorted((r, c) for cell in table.cells
                             for r in range(cell.row, cell.row + cell.rowspan)
                             for c in range(cell.col, cell.col + cell.colspan))
            assert covered == [(r, c) for r in range(table.n_rows) for c in range(table.n_cols)]


@pytest.mark.parametrize("name", DECKS)
def test_fixture_icons_match_expected_statuses(name: str) -> None:
    """Icons inside each goal table, row by row and left to right, are the sub-goals' statuses."""
    deck = manifest()["decks"][name]
    exp = expected(name)
    colours = _icon_colours(name)
    first_page = {(g["number"], s["number"]): s["pages"][0] for g in exp["goals"] for s in g["sub_goals"]}
    statuses = {(g["number"], s["number"]): s["statuses"] for g in exp["goals"] for s in g["sub_goals"]}
    doc = _fixture_doc(name)
    checked = 0
    for slide in deck["slides"]:
        if slide["kind"] != "table":
            continue
        page = doc.pages[slide["page"] - 1]
        (table,) = page.tables
        want = [
            colours[s]
            for n in slide["sub_goals"]
            if first_page[(slide["goal"], n)] == slide["page"]
            for s in statuses[(slide["goal"], n)]
        ]
        icons = [i for i in page.icons if _centre_in(i, table.bbox)]
        icons.sort(key=lambda i: (_row_of(table, i), i.bbox[0]))
        assert [i.colour for i in icons] == want, f"page {slide['page']}"
        kind = {"vector": "shape", "picture": "picture", "glyph": "glyph"}[deck["style"]["icons"]]
        assert all(i.kind == kind for i in icons)
        checked += len(want)
    assert checked > 10


@pytest.mark.parametrize("name", DECKS)
def test_fixture_legend_has_three_icons(name: str) -> None:
    deck = manifest()["decks"][name]
    colours = _icon_colours(name)
    (legend,) = [s for s in deck["slides"] if s["kind"] == "legend"]
    page = _fixture_doc(name).pages[legend["page"] - 1]
    exp = expected(name)
    icons = sorted(page.icons, key=lambda i: i.bbox[0])
    # the legend's icons sit left of their labels; the logo (top right corner) is not one of them
    icons = [i for i in icons if i.bbox[1] > 60]
    assert [i.colour for i in icons] == [colours[e["status"]] for e in exp["status_legend"]]
    if deck["style"]["icons"] == "picture":
        assert len({i.digest for i in icons}) == 3 and all(i.digest for i in icons)


def test_fixture_glyphs_are_icons_not_text() -> None:
    doc = _fixture_doc("kymenlaakso-2023-glyphs")
    glyphs = [i for p in doc.pages for i in p.icons if i.kind == "glyph"]
    assert len(glyphs) > 10 and all(i.glyph == "●" for i in glyphs)
    for page in doc.pages:
        for text in _all_texts(page):
            assert "●" not in text, (page.number, text)
    # the progress cells hold only glyphs, so no line is left in them
    for page in doc.pages:
        for table in page.tables:
            progress = [c for c in table.cells if c.col == 1 and c.row > 0]
            assert progress and all(not c.lines for c in progress)


def test_fixture_text_lines_and_paragraphs() -> None:
    doc = _fixture_doc("kymenlaakso-2023")
    title = doc.pages[0].lines[0]
    assert title.text == "Kymenlaakson lasten ja nuoren\nhyvinvointisuunnitelma"  # a:br → "\n"
    highlights = [line for line in doc.pages[1].lines if line.bullet]
    assert len(highlights) >= 3 and all(line.bullet == "•" for line in highlights)
    assert [line.paragraph for line in highlights] == list(range(len(highlights)))
    table = doc.pages[4].tables[0]
    cell = table.cell_at(1, 2)
    assert cell is not None and [line.paragraph for line in cell.lines] == list(range(len(cell.lines)))
    tops = [line.bbox[1] for line in cell.lines]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    for line in cell.lines:
        assert cell.bbox[0] <= line.bbox[0] < line.bbox[2] <= cell.bbox[2]
        assert line.size == 10.0
    # page lines are in reading order: top to bottom
    tops = [line.bbox[1] for line in doc.pages[4].lines]
    assert tops == sorted(tops)


# --------------------------------------------------------------------------------------------------
# Hand-built decks


def _blank(prs: Deck) -> Any:
    """A blank slide added to `prs`."""
    return prs.slides.add_slide(prs.slide_layouts[6])


def _save(prs: Deck, path: Path) -> Path:
    prs.save(str(path))
    return path


def _oval(shapes: Any, x: float, y: float, d: float, rgb: str | None = None) -> Any:
    shape = shapes.add_shape(MSO_SHAPE.OVAL, Pt(x), Pt(y), Pt(d), Pt(d))
    if rgb:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(rgb)
    return shape


def test_group_scaling_places_icons(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _blank(prs)
    outer = slide.shapes.add_group_shape()
    inner = outer.shapes.add_group_shape()
    _oval(inner.shapes, 0, 0, 20, "FF0000")
    _oval(inner.shapes, 80, 0, 20, "00FF00")
    _oval(outer.shapes, 0, 40, 20, "0000FF")

    def set_xfrm(group: Any, off: tuple[float, float], ext: tuple[float, float],
                 ch_off: tuple[float, float], ch_ext: tuple[float, float]) -> None:
        xfrm = group._element.grpSpPr.find(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm")
        for tag, (a, b), keys in (("off", off, "xy"), ("ext", ext, ("cx", "cy")),
                                  ("chOff", ch_off, "xy"), ("chExt", ch_ext, ("cx", "cy"))):
            el = xfrm.find("{http://schemas.openxmlformats.org/drawingml/2006/main}" + tag)
            el.set(keys[0], str(int(Pt(a))))
            el.set(keys[1], str(int(Pt(b))))

    # inner: child space (0,0)-(100,20) drawn at (0,0) size 50x10 of the outer group's child space
    set_xfrm(inner, (0, 0), (50, 10), (0, 0), (100, 20))
    # outer: child space (0,0)-(100,60) drawn on the slide at (300,200), scaled by 2 horizontally
    set_xfrm(outer, (300, 200), (200, 60), (0, 0), (100, 60))
    doc = _extract(_save(prs, tmp_path / "g.pptx"))
    icons = {i.colour: i.bbox for i in doc.pages[0].icons}
    assert icons["#FF0000"] == pytest.approx((300, 200, 320, 210), abs=0.01)
    # inner x 80 → outer 40 → slide 300 + 2*40 = 380; width 20 * 0.5 * 2 = 20; height 20 * 0.5
    assert icons["#00FF00"] == pytest.approx((380, 200, 400, 210), abs=0.01)
    assert icons["#0000FF"] == pytest.approx((300, 240, 340, 260), abs=0.01)
    assert all(i.kind == "shape" for i in doc.pages[0].icons)


def test_merged_cells_give_spans(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _blank(prs)
    frame = slide.shapes.add_table(3, 3, Pt(50), Pt(60), Pt(300), Pt(90))
    table = frame.table
    for c, w in enumerate((100, 80, 120)):
        table.columns[c].width = Pt(w)
    for r in range(3):
        table.rows[r].height = Pt(30)
    table.cell(0, 0).merge(table.cell(1, 1))
    table.cell(0, 0).text = "iso"
    table.cell(2, 1).merge(table.cell(2, 2))
    table.cell(2, 1).text = "leveä"
    table.cell(1, 2).fill.solid()
    table.cell(1, 2).fill.fore_color.rgb = RGBColor(0x12, 0x34, 0x56)
    doc = _extract(_save(prs, tmp_path / "m.pptx"))
    (t,) = doc.pages[0].tables
    assert (t.n_rows, t.n_cols) == (3, 3)
    assert t.col_edges == pytest.approx((50, 150, 230, 350))
    assert t.row_edges == pytest.approx((60, 90, 120, 150))
    cells = {(c.row, c.col): c for c in t.cells}
    assert sorted(cells) == [(0, 0), (0, 2), (1, 2), (2, 0), (2, 1)]
    big = cells[(0, 0)]
    assert (big.rowspan, big.colspan, big.text) == (2, 2, "iso")
    assert big.bbox == pytest.approx((50, 60, 230, 120))
    wide = cells[(2, 1)]
    assert (wide.rowspan, wide.colspan, wide.text) == (1, 2, "leveä")
    assert cells[(1, 2)].fill == "#123456"
    assert t.cell_at(1, 1) is big


def test_hidden_slide_is_skipped_and_not_numbered(tmp_path: Path) -> None:
    prs = Presentation()
    for text in ("yksi", "kaksi", "kolme"):
        box = _blank(prs).shapes.add_textbox(Pt(40), Pt(40), Pt(300), Pt(40))
        box.text_frame.text = text
    prs.slides[1]._element.set("show", "0")
    doc = _extract(_save(prs, tmp_path / "h.pptx"))
    assert doc.page_count == 3
    assert [(p.number, p.lines[0].text) for p in doc.pages] == [(1, "yksi"), (2, "kolme")]
    assert [w.code for w in doc.warnings] == ["hidden-slide"]
    assert "slide 2" in doc.warnings[0].message


def test_theme_colours_resolve_to_rgb(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _blank(prs)
    plain = _oval(slide.shapes, 40, 40, 20)
    plain.fill.solid()
    plain.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_2
    light = _oval(slide.shapes, 100, 40, 20)
    light.fill.solid()
    light.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_2
    light.fill.fore_color.brightness = 0.4
    _oval(slide.shapes, 160, 40, 20)  # no fill of its own: the shape style's accent1
    box = slide.shapes.add_textbox(Pt(40), Pt(100), Pt(300), Pt(40))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "teksti"
    run.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1
    path = _save(prs, tmp_path / "t.pptx")
    with zipfile.ZipFile(path) as z:
        theme = z.read("ppt/theme/theme1.xml").decode()
    import re

    def scheme(name: str) -> str:
        m = re.search(rf"<a:{name}>\s*<a:srgbClr val=\"(\w+)\"", theme)
        assert m is not None, name
        return "#" + m.group(1).upper()

    doc = _extract(path)
    icons = sorted(doc.pages[0].icons, key=lambda i: i.bbox[0])
    assert icons[0].colour == scheme("accent2")
    assert icons[2].colour == scheme("accent1")
    base = [int(scheme("accent2")[k : k + 2], 16) for k in (1, 3, 5)]
    lighter_colour = icons[1].colour
    assert lighter_colour is not None
    lighter = [int(lighter_colour[k : k + 2], 16) for k in (1, 3, 5)]
    assert all(c >= b for c, b in zip(lighter, base, strict=True)) and sum(lighter) > sum(base) + 60
    assert doc.pages[0].lines[0].colour == scheme("accent1")


def test_glyph_runs_become_icons_left_to_right(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _blank(prs)
    table = slide.shapes.add_table(1, 2, Pt(40), Pt(40), Pt(300), Pt(60)).table
    p = table.cell(0, 1).text_frame.paragraphs[0]
    for text, rgb in (("●", "E53935"), (" ", None), ("●", "43A047"), (" valmis", "000000")):
        run = p.add_run()
        run.text = text
        run.font.size = Pt(12)
        if rgb:
            run.font.color.rgb = RGBColor.from_string(rgb)
    black = table.cell(0, 0).text_frame.paragraphs[0].add_run()
    black.text = "■ musta"  # a black glyph in text is text
    black.font.color.rgb = RGBColor(0, 0, 0)
    doc = _extract(_save(prs, tmp_path / "gl.pptx"))
    page = doc.pages[0]
    glyphs = [i for i in page.icons if i.kind == "glyph"]
    assert [(i.glyph, i.colour) for i in glyphs] == [("●", "#E53935"), ("●", "#43A047")]
    assert glyphs[0].bbox[2] <= glyphs[1].bbox[0]
    cell, first = page.tables[0].cell_at(0, 1), page.tables[0].cell_at(0, 0)
    assert cell is not None and first is not None
    assert all(_centre_in(i, cell.bbox) for i in glyphs)
    assert cell.text == "valmis"
    assert first.text == "■ musta"


def test_a_coloured_bullet_glyph_in_front_of_words_is_text(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _blank(prs)
    box = slide.shapes.add_textbox(Pt(40), Pt(40), Pt(300), Pt(60))
    p = box.text_frame.paragraphs[0]
    for text, rgb in (("▪", "E53935"), (" Koulutukset", "000000")):
        run = p.add_run()
        run.text = text
        run.font.color.rgb = RGBColor.from_string(rgb)
    alone = box.text_frame.add_paragraph().add_run()
    alone.text = "✓"
    alone.font.color.rgb = RGBColor.from_string("43A047")
    page = _extract(_save(prs, tmp_path / "bullet.pptx")).pages[0]
    assert [line.text for line in page.lines] == ["▪ Koulutukset"]
    assert [(i.kind, i.glyph, i.colour) for i in page.icons] == [("glyph", "✓", "#43A047")]


def test_picture_icon_colour_and_digest(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    # more transparent (black) pixels than white ones, more white ones than green ones
    img = Image.new("RGBA", (64, 64), (255, 255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.ellipse((22, 36, 42, 56), fill=(0x43, 0xA0, 0x47, 255))
    draw.rectangle((0, 0, 63, 27), fill=(0, 0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    prs = Presentation()
    slide = _blank(prs)
    slide.shapes.add_picture(io.BytesIO(buf.getvalue()), Pt(100), Pt(100), Pt(14), Pt(14))
    slide.shapes.add_picture(io.BytesIO(buf.getvalue()), Pt(100), Pt(200), Pt(200), Pt(200))  # big
    doc = _extract(_save(prs, tmp_path / "pic.pptx"))
    (icon,) = doc.pages[0].icons
    assert icon.kind == "picture" and icon.colour == "#43A047"
    assert icon.digest == hashlib.sha1(buf.getvalue()).hexdigest()
    assert icon.bbox == pytest.approx((100, 100, 114, 114))


def test_text_shapes_and_big_shapes_are_not_icons(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _blank(prs)
    labelled = _oval(slide.shapes, 40, 40, 20, "FF0000")
    labelled.text_frame.text = "A"
    _oval(slide.shapes, 100, 40, 120, "FF0000")  # too big
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(40), Pt(200), Pt(40), Pt(6))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor(0, 0, 255)  # a thin bar, not square
    nofill = _oval(slide.shapes, 300, 40, 20)
    nofill.fill.background()
    _oval(slide.shapes, 400, 40, 20, "00FF00")  # the only icon
    doc = _extract(_save(prs, tmp_path / "n.pptx"))
    assert [(i.kind, i.colour) for i in doc.pages[0].icons] == [("shape", "#00FF00")]
    assert [line.text for line in doc.pages[0].lines] == ["A"]


def test_paragraph_properties(tmp_path: Path) -> None:
    prs = Presentation()
    slide = _blank(prs)
    box = slide.shapes.add_textbox(Pt(40), Pt(40), Pt(400), Pt(200))
    tf = box.text_frame
    tf.text = "Otsikko"
    tf.paragraphs[0].runs[0].font.bold = True
    tf.paragraphs[0].runs[0].font.size = Pt(20)
    second = tf.add_paragraph()
    second.text = "rivi yksi\vrivi kaksi"  # soft line break
    second.level = 1
    tf.add_paragraph()  # empty: no line, but its index is used up
    third = tf.add_paragraph()
    third.text = "numeroitu"
    ppr = third._p.get_or_add_pPr()
    from lxml import etree

    etree.SubElement(ppr, "{http://schemas.openxmlformats.org/drawingml/2006/main}buAutoNum",
                     type="arabicPeriod")
    fourth = tf.add_paragraph()
    fourth.text = "toinen"
    fourth._p.get_or_add_pPr().append(etree.fromstring(etree.tostring(ppr[0])))
    doc = _extract(_save(prs, tmp_path / "p.pptx"))
    lines = doc.pages[0].lines
    assert [(ln.text, ln.paragraph, ln.level, ln.bullet, ln.bold) for ln in lines] == [
        ("Otsikko", 0, 0, None, True),
        ("rivi yksi\nrivi kaksi", 1, 1, None, False),
        ("numeroitu", 3, 0, "1.", False),
        ("toinen", 4, 0, "2.", False),
    ]
    assert lines[0].size == 20.0 and lines[1].size == 18.0  # default size: 18 pt
    # tops increase; the two-line paragraph is about twice as tall as a one-line one
    assert [ln.bbox[1] for ln in lines] == sorted(ln.bbox[1] for ln in lines)
    h1 = lines[1].bbox[3] - lines[1].bbox[1]
    h2 = lines[2].bbox[3] - lines[2].bbox[1]
    assert h1 == pytest.approx(2 * h2, rel=0.05)


def test_vertical_anchor_moves_paragraph_boxes(tmp_path: Path) -> None:
    from pptx.enum.text import MSO_ANCHOR

    prs = Presentation()
    slide = _blank(prs)
    for x, anchor in ((40, MSO_ANCHOR.TOP), (300, MSO_ANCHOR.MIDDLE), (560, MSO_ANCHOR.BOTTOM)):
        box = slide.shapes.add_textbox(Pt(x), Pt(40), Pt(200), Pt(200))
        box.text_frame.text = "keskellä"
        box.text_frame.vertical_anchor = anchor
    doc = _extract(_save(prs, tmp_path / "a.pptx"))
    top, mid, bottom = sorted(doc.pages[0].lines, key=lambda ln: ln.bbox[0])
    assert top.bbox[1] == pytest.approx(40 + 3.6)
    assert bottom.bbox[3] == pytest.approx(240 - 3.6)
    assert (mid.bbox[1] + mid.bbox[3]) / 2 == pytest.approx(140)


def test_placeholder_text_inherits_position_and_bullets(tmp_path: Path) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # title and content
    slide.shapes.title.text = "Otsikko"
    body = slide.placeholders[1]
    body.text_frame.text = "kohta"
    doc = _extract(_save(prs, tmp_path / "ph.pptx"))
    lines = {line.text: line for line in doc.pages[0].lines}
    layout_body = prs.slide_layouts[1].placeholders[1]
    assert lines["kohta"].bbox[0] >= layout_body.left / 12700
    assert lines["kohta"].bullet == "•"  # from the master's body style
    title_size, body_size = lines["Otsikko"].size, lines["kohta"].size
    assert title_size is not None and body_size is not None
    assert body_size != 18.0 and title_size > body_size
    assert lines["Otsikko"].bbox[1] < lines["kohta"].bbox[1]


# --------------------------------------------------------------------------------------------------
# Hostile and broken files


def _simple_deck(path: Path, slides: int = 2) -> Path:
    prs = Presentation()
    for n in range(slides):
        _blank(prs).shapes.add_textbox(Pt(40), Pt(40), Pt(300), Pt(40)).text_frame.text = f"dia {n + 1}"
    return _save(prs, path)


def _rewrite(src: Path, dest: Path, *, drop: Collection[str] = (),
             replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in drop:
                zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dest


def test_part_size_limit(tmp_path: Path) -> None:
    path = _simple_deck(tmp_path / "d.pptx")
    assert len(_extract(path).pages) == 2
    with pytest.raises(LimitExceededError, match="part"):
        _extract(path, max_part_mb=0.01)
    with pytest.raises(LimitExceededError, match="inflate"):
        _extract(path, max_inflated_mb=0.05)


def test_slide_limit_before_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _simple_deck(tmp_path / "d.pptx", slides=3)
    assert len(_extract(path, max_pages=3).pages) == 3

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-pptx opened a deck over the slide limit")

    import pptx.package

    monkeypatch.setattr(pptx.package.Package, "open", refuse)
    with pytest.raises(LimitExceededError, match="3 slides"):
        _extract(path, max_pages=2)


def _forbid_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a part was inflated before the limits were checked")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)


def test_declared_huge_part_is_refused_before_inflating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A central directory declaring a 300 MB part (never actually written) is refused unread."""
    path = _rewrite(_simple_deck(tmp_path / "d.pptx"), tmp_path / "bomb.pptx",
                    add={"ppt/media/zeros.bin": bytes(1000)})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("ppt/media/zeros.bin")
    cd = data.find(b"PK\x01\x02" + bytes(0), 0)
    while cd >= 0:  # find this member's central directory entry and patch its file size
        name_len = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46 : cd + 46 + name_len] == info.filename.encode():
            struct.pack_into("<I", data, cd + 24, 300 * 2**20)
            break
        cd = data.find(b"PK\x01\x02", cd + 4)
    assert cd >= 0
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("ppt/media/zeros.bin").file_size == 300 * 2**20
    _forbid_inflating(monkeypatch)
    with pytest.raises(LimitExceededError) as err:
        _extract(path)
    assert "zeros.bin" in str(err.value)


def test_absurd_compression_ratio_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _rewrite(_simple_deck(tmp_path / "d.pptx"), tmp_path / "ratio.pptx",
                    add={"ppt/media/zeros.bin": bytes(3 * 2**20)})  # 3 MB of zeros: ~1000:1
    _forbid_inflating(monkeypatch)
    with pytest.raises(LimitExceededError, match="ratio"):
        _extract(path)


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "salaisuus.txt"
    secret.write_text("SALAINEN-4242", encoding="utf-8")
    src = _simple_deck(tmp_path / "d.pptx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("ppt/slides/slide1.xml").decode()
    head, sep, rest = xml.partition("?>")
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}"><!ENTITY p SYSTEM "file:///etc/passwd">]>'
    rest = rest.replace("<a:t>", "<a:t>&e;&p;", 1)
    path = _rewrite(src, tmp_path / "xxe.pptx",
                    replace={"ppt/slides/slide1.xml": (head + sep + doctype + rest).encode()})
    with pytest.raises(CorruptFileError, match="DTD/entity") as err:
        _extract(path)
    shown = str(err.value) + repr(err.value.__cause__)
    assert "SALAINEN" not in shown and "root:" not in shown


def test_external_entity_not_resolved_even_past_the_prolog_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Second belt: with the prolog scan switched off, python-pptx's parser resolves nothing."""
    from lnhs_parse.extract import opc

    secret = tmp_path / "salaisuus.txt"
    secret.write_text("SALAINEN-4242", encoding="utf-8")
    src = _simple_deck(tmp_path / "d.pptx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("ppt/slides/slide1.xml").decode()
    head, sep, rest = xml.partition("?>")
    rest = rest.replace("<a:t>", "<a:t>&e;", 1)
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
    path = _rewrite(src, tmp_path / "xxe.pptx",
                    replace={"ppt/slides/slide1.xml": (head + sep + doctype + rest).encode()})
    monkeypatch.setattr(opc, "_check_xml_prolog", lambda *a, **k: None)
    try:
        doc = _extract(path)
        shown = repr(doc)
    except LnhsParseError as exc:
        shown = str(exc)
    assert "SALAINEN" not in shown


def test_doctype_after_long_comment_is_found(tmp_path: Path) -> None:
    src = _simple_deck(tmp_path / "d.pptx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("ppt/slides/slide1.xml").decode()
    head, sep, rest = xml.partition("?>")
    sneaky = "<!--" + "<p:sld>" * 2000 + "-->" + "<!DOCTYPE x [<!ENTITY e 'x'>]>"
    path = _rewrite(src, tmp_path / "c.pptx",
                    replace={"ppt/slides/slide1.xml": (head + sep + sneaky + rest).encode()})
    with pytest.raises(CorruptFileError, match="DTD"):
        _extract(path)


def test_missing_slide_part(tmp_path: Path) -> None:
    path = _rewrite(_simple_deck(tmp_path / "d.pptx"), tmp_path / "vajaa.pptx",
                    drop={"ppt/slides/slide2.xml"})
    with pytest.raises(CorruptFileError) as err:
        _extract(path)
    assert isinstance(err.value.__cause__, Exception)
    assert str(path) in str(err.value)


def test_slideshow_and_macro_decks_are_read(tmp_path: Path) -> None:
    src = _simple_deck(tmp_path / "d.pptx")
    with zipfile.ZipFile(src) as z:
        ct = z.read("[Content_Types].xml").decode()
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    assert main in ct
    for suffix, kind in ((".ppsx", "application/vnd.openxmlformats-officedocument.presentationml."
                                   "slideshow.main+xml"),
                         (".pptm", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")):
        path = _rewrite(src, tmp_path / f"d{suffix}",
                        replace={"[Content_Types].xml": ct.replace(main, kind).encode()})
        assert [p.lines[0].text for p in _extract(path).pages] == ["dia 1", "dia 2"]


def test_duplicate_part_names_are_refused(tmp_path: Path) -> None:
    import warnings

    path = _simple_deck(tmp_path / "d.pptx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        with zipfile.ZipFile(path, "a") as z:
            z.writestr("ppt/slides/slide1.xml", b"<p:sld xmlns:p='urn:x'/>")
    with pytest.raises(CorruptFileError, match="same name"):
        _extract(path)


def test_zip_magic_then_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "roska.pptx"
    path.write_bytes(b"PK\x03\x04" + random.Random(5).randbytes(4000))
    assert X.accepts(path.read_bytes()[:1024])
    with pytest.raises(CorruptFileError):
        _extract(path)


def test_zip_that_is_no_presentation(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pptx"
    with zipfile.ZipFile(junk, "w") as z:
        z.writestr("data.bin", random.Random(3).randbytes(2000))
    with pytest.raises(UnsupportedFormatError):
        _extract(junk)
    docx = tmp_path / "doc.pptx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document xmlns:w='urn:x'/>")
    with pytest.raises(UnsupportedFormatError, match="not a PowerPoint"):
        _extract(docx)


def test_damaged_members_give_typed_errors(tmp_path: Path) -> None:
    """Byte flips and truncation of a real deck end in a Document or a typed error, never another."""
    src = _simple_deck(tmp_path / "d.pptx", slides=3)
    data = src.read_bytes()
    rng = random.Random(2026)
    outcomes = set()
    for n in range(60):
        buf = bytearray(data)
        if n % 3 == 0:
            buf = buf[: rng.randrange(4, len(buf))]
        else:
            for _ in range(rng.randrange(1, 40)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        path = tmp_path / f"m{n}.pptx"
        path.write_bytes(bytes(buf))
        try:
            _extract(path)
            outcomes.add("doc")
        except LnhsParseError as exc:
            outcomes.add(type(exc).__name__)
    assert outcomes - {"doc"}, outcomes


def test_accepts_and_import_are_lazy() -> None:
    code = (
        "import sys\n"
        "from lnhs_parse.extract import pptx as m\n"
        "assert m.accepts(b'PK\\x03\\x04rest') and not m.accepts(b'%PDF-1.7')\n"
        "print(' '.join(x for x in ('pptx', 'PIL', 'pdfplumber') if x in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_paragraph_s_slant(tmp_path: Path) -> None:
    # `Line.italic`: every run with letters italic, none, or some (python-pptx's own tri-state)
    prs = Presentation()
    slide = _blank(prs)
    tf = slide.shapes.add_textbox(Pt(40), Pt(40), Pt(400), Pt(200)).text_frame
    tf.text = "Senior Research Analyst"
    tf.paragraphs[0].runs[0].font.italic = True
    tf.add_paragraph().text = "+1 954 331 1733"
    mixed = tf.add_paragraph()
    mixed.text = "a "
    run = mixed.add_run()
    run.text = "word"
    run.font.italic = True
    doc = _extract(_save(prs, tmp_path / "i.pptx"))
    assert [(ln.text, ln.italic) for ln in doc.pages[0].lines] == [
        ("Senior Research Analyst", True), ("+1 954 331 1733", False), ("a word", None)]
