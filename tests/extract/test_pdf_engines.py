"""The two PDF engines agree: every PDF fixture gives the same plan through pdfium (the default) and
pdfplumber (the reference), and the same layout where a difference would start.

Plans are compared whole, provenance included (but `source.engine`, which names the engine that
read the file), with one allowance: a `bbox` may differ by up to `BBOX_TOLERANCE` points. pdfium keeps a font's glyph widths in whole units of 1/1000 em where the
file may give fractions (Chromium writes them so), and computes in single precision; along a long
line of large type that moves a line's right end by a few tenths of a point. Everything else, text,
statuses, actors, pages and the warnings, must be equal.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from lnhs_parse.errors import ConfigError
from lnhs_parse.extract import extract
from lnhs_parse.layout import Document, Line
from lnhs_parse.settings import PDF_ENGINES, Engine, ParseOptions
from support import FIXTURES, profile_for

BBOX_TOLERANCE = 0.5  # points

PDFS = sorted(
    [*FIXTURES.glob("*.pdf"), *(FIXTURES / "chromium").glob("*.pdf"),
     *(FIXTURES / "random").glob("*.pdf"), *(FIXTURES / "engines").glob("*.pdf")]
)


def _name(path: Path) -> str:
    return path.name.split(".")[0]


@cache
def _plan(path: Path, engine: Engine) -> dict[str, Any]:
    """The plan as JSON, without `source.engine` (which must name `engine`: no fixture falls
    back)."""
    plan = lnhs_parse.parse(path, engine=engine, profile=profile_for(_name(path)))
    assert plan.source.engine == engine
    data: dict[str, Any] = json.loads(plan.to_json())
    del data["source"]["engine"]
    return data


def _differences(a: Any, b: Any, where: str, worst: list[float]) -> list[str]:
    """Where two plans (as JSON values) differ, bboxes allowed `BBOX_TOLERANCE`; the largest bbox
    difference seen goes into `worst`."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{where}: keys {sorted(a.keys() ^ b.keys())}"]
        out: list[str] = []
        for key in a:
            if key == "bbox" and a[key] and b[key]:
                delta = max(abs(x - y) for x, y in zip(a[key], b[key], strict=True))
                worst[0] = max(worst[0], delta)
                if delta > BBOX_TOLERANCE:
                    out.append(f"{where}/bbox: {a[key]} != {b[key]}")
                continue
            out.extend(_differences(a[key], b[key], f"{where}/{key}", worst))
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{where}[{i}]", worst)]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def test_the_fixture_set_is_whole() -> None:
    """Every kind of PDF fixture is here: LibreOffice exports, Chromium's (tagged and not), the
    random decks (tagged and not), a deck read with a profile."""
    names = {p.name for p in PDFS}
    assert "kymenlaakso-2023.pdf" in names and "kuuramaa-2024.pdf" in names
    assert any(p.parent.name == "chromium" and "untagged" in p.name for p in PDFS)
    assert sum(p.name.endswith(".tagged.pdf") for p in PDFS) >= 5
    assert sum(p.parent.name == "random" for p in PDFS) >= 20
    assert any(profile_for(_name(p)) is not None for p in PDFS)


@pytest.mark.slow
@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_engines_give_the_same_plan(path: Path) -> None:
    reference = _plan(path, "pdfplumber")
    assert reference["goals"], "the reference engine read no goals: nothing is compared"
    worst = [0.0]
    assert _differences(reference, _plan(path, "pdfium"), "", worst) == []


def test_bbox_tolerance_is_needed_only_for_fractional_widths() -> None:
    """The LibreOffice exports (whole-unit widths) agree to 1/100 pt; the allowance is for the
    Chromium ones."""
    worst = [0.0]
    for path in sorted(FIXTURES.glob("kymenlaakso-202[234].pdf")):
        assert _differences(_plan(path, "pdfplumber"), _plan(path, "pdfium"), "", worst) == []
    assert worst[0] <= 0.011


# --- the layout, where a difference starts ----------------------------------------------------------

LAYOUT_DECKS = [
    FIXTURES / "kymenlaakso-2023.pdf",
    FIXTURES / "kymenlaakso-2023-pictures.pdf",
    FIXTURES / "kymenlaakso-2023-glyphs.pdf",
    FIXTURES / "chromium" / "kymenlaakso-2024-html.pdf",
    # every glyph drawn twice (a hard text shadow): pdfium's text page keeps some copies, drops
    # others whole, pdfplumber keeps all; both read the text once, where it stands
    FIXTURES / "chromium" / "kymenlaakso-2024-html-shadow.pdf",
    *sorted((FIXTURES / "random").glob("*.tagged.pdf"))[:2],
]


@cache
def _layout(path: Path, engine: Engine) -> Document:
    return extract(path, ParseOptions(engine=engine))


def _all_lines(doc: Document) -> list[tuple[int, Line]]:
    out = [(page.number, ln) for page in doc.pages for ln in page.lines]
    out += [(page.number, ln) for page in doc.pages for t in page.tables for c in t.cells
            for ln in c.lines]
    return out


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(abs(x - y) <= BBOX_TOLERANCE for x, y in zip(a, b, strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("path", LAYOUT_DECKS, ids=lambda p: p.name)
def test_both_engines_read_the_same_lines_icons_and_tables(path: Path) -> None:
    ref, got = _layout(path, "pdfplumber"), _layout(path, "pdfium")
    assert len(ref.pages) == len(got.pages) and ref.page_count == got.page_count
    assert [w.code for w in ref.warnings] == [w.code for w in got.warnings]
    ref_lines, got_lines = _all_lines(ref), _all_lines(got)
    assert len(ref_lines) > 50
    assert [(n, ln.text) for n, ln in ref_lines] == [(n, ln.text) for n, ln in got_lines]
    for (n, a), (_, b) in zip(ref_lines, got_lines, strict=True):
        what = (n, a.text)
        assert (a.bold, a.colour, a.bullet, a.space_after, a.block) == (
            b.bold, b.colour, b.bullet, b.space_after, b.block), what
        # a size is stored to 1/100 pt: one lying on the rounding edge (26.66 x 0.75) may fall
        # either way in single or double precision
        assert abs((a.size or 0) - (b.size or 0)) <= 0.011, what
        assert _close(a.bbox, b.bbox), (what, a.bbox, b.bbox)
        assert a.first_word_width is not None and b.first_word_width is not None, what
        assert abs(a.first_word_width - b.first_word_width) <= BBOX_TOLERANCE, what
    for pa, pb in zip(ref.pages, got.pages, strict=True):
        assert [(i.kind, i.colour, i.glyph) for i in pa.icons] == [
            (i.kind, i.colour, i.glyph) for i in pb.icons], pa.number
        assert all(_close(i.bbox, j.bbox) for i, j in zip(pa.icons, pb.icons, strict=True))
        assert [(len(t.cells), t.found_by) for t in pa.tables] == [
            (len(t.cells), t.found_by) for t in pb.tables], pa.number
        assert all(_close(t.bbox, u.bbox) for t, u in zip(pa.tables, pb.tables, strict=True))


def test_tagged_decks_carry_paragraphs_in_both_engines() -> None:
    """The structure tree is read by both (else equal `block`s would prove nothing)."""
    tagged = next(p for p in LAYOUT_DECKS if p.name.endswith(".tagged.pdf"))
    blocks = [ln.block for _, ln in _all_lines(_layout(tagged, "pdfium"))]
    assert sum(b is not None for b in blocks) > len(blocks) // 2


# --- the option ---------------------------------------------------------------------------------


def test_engine_option_is_checked() -> None:
    assert PDF_ENGINES == ("pdfium", "pdfplumber")
    assert ParseOptions().engine == "pdfium"
    with pytest.raises(ConfigError, match="engine must be one of pdfium, pdfplumber"):
        ParseOptions(engine="mupdf")  # type: ignore[arg-type]  # the wrong engine on purpose
    with pytest.raises(ConfigError, match="engine"):
        lnhs_parse.parse(FIXTURES / "kymenlaakso-2023.pdf", engine="pdfminer")  # type: ignore[arg-type]  # on purpose


def test_the_plan_names_the_engine_that_read_it() -> None:
    """`source.engine`: pdfium or pdfplumber for a PDF, python-pptx for a PPTX; nothing else in
    the plan names it."""
    path = FIXTURES / "kymenlaakso-2022.pdf"
    for engine in PDF_ENGINES:
        plan = lnhs_parse.parse(path, engine=engine)
        assert plan.source.engine == engine
        data = json.loads(plan.to_json())
        assert data["source"].pop("engine") == engine
        assert engine not in json.dumps(data)
        assert not [w for w in plan.warnings if w.code == "pdf-engine-fallback"]
    pptx = lnhs_parse.parse(path.with_suffix(".pptx"))
    assert pptx.source.engine == "python-pptx"
    assert json.loads(pptx.to_json())["source"]["engine"] == "python-pptx"


# --- what the fixtures don't draw ---------------------------------------------------------------

_DRAWN = (
    b"BT /F1 12 Tf 72 700 Td (Kokous tila ja muuta) Tj ET\n"
    b"BT /F1 1 Tf 14 0 0 14 72 650 Tm (Skaalattu teksti) Tj ET\n"  # the size in the text matrix
    b"q 0.8 0 0 0.8 50 50 cm BT /F1 10 Tf 20 500 Td (CTM teksti) Tj ET Q\n"  # scaled by the CTM
    b"0.9 0.1 0.1 rg 300 600 12 12 re f\n"  # a rect as "re" ...
    b"0.2 0.6 0.2 rg 320 600 m 332 600 l 332 612 l 320 612 l h f\n"  # ... and as a closed path
    b"0.1 0.2 0.9 rg 350 606 m 350 609.3 352.7 612 356 612 c 359.3 612 362 609.3 362 606 c "
    b"362 602.7 359.3 600 356 600 c 352.7 600 350 602.7 350 606 c f\n"  # an oval of Béziers
    b"0 0 0 RG 1 w 72 580 m 400 580 l S\n"  # a ruling line
)


def _page(tmp_path: Path, name: str, page_dict_edit: tuple[bytes, bytes] | None = None) -> Path:
    import hostile

    objects = hostile.page_objects(_DRAWN)
    if page_dict_edit is not None:
        objects[2] = objects[2].replace(*page_dict_edit)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(hostile.pdf_document(objects))
    return path


@pytest.mark.parametrize("edit", [None, (b"/MediaBox [0 0 612 792]", b"/MediaBox [20 30 632 822]")],
                         ids=["plain", "media-box-offset"])
def test_standard_font_matrices_and_shapes_read_alike(tmp_path: Path,
                                                      edit: tuple[bytes, bytes] | None) -> None:
    """Helvetica without a font descriptor (the standard metrics' descent), text scaled by the text
    matrix and by the CTM, rects drawn two ways, Bézier ovals, a media box off the origin."""
    path = _page(tmp_path, "piirto", edit)
    ref = extract(path, ParseOptions(engine="pdfplumber"))
    got = extract(path, ParseOptions(engine="pdfium"))
    ref_lines, got_lines = _all_lines(ref), _all_lines(got)
    assert [ln.text for _, ln in ref_lines] == ["Kokous tila ja muuta", "Skaalattu teksti",
                                                "CTM teksti"]
    assert [ln.text for _, ln in got_lines] == [ln.text for _, ln in ref_lines]
    for (_, a), (_, b) in zip(ref_lines, got_lines, strict=True):
        assert a.size == b.size and all(abs(x - y) <= 0.01 for x, y in zip(a.bbox, b.bbox,
                                                                             strict=True))
    ref_icons, got_icons = ref.pages[0].icons, got.pages[0].icons
    assert [(i.kind, i.colour) for i in ref_icons] == [
        ("shape", "#E61A1A"), ("shape", "#339933"), ("shape", "#1A33E6")]
    assert [(i.kind, i.colour, i.bbox) for i in got_icons] == [
        (i.kind, i.colour, i.bbox) for i in ref_icons]


def test_a_ligature_glyph_of_two_letters_is_one_char_of_both() -> None:
    """Chromium draws "fi" as one glyph mapped to two letters (fixtures/engines/README.md): pdfium
    gives both letters the glyph's origin; read as one char "fi", the line stays whole, with the
    glyph's whole advance before the next word."""
    deck = FIXTURES / "engines" / "rnd-12014.chromium.pdf"
    expected = json.loads((FIXTURES / "engines" / "rnd-12014.expected.json").read_text("utf-8"))
    wanted = [st["text"] for g in expected["goals"] for s in g["sub_goals"]
              for st in s["focus_areas"] + s["joint_highlights"] if ".fi " in st["text"]]
    assert wanted == ["Enjaksa.fi ja otn.fi verkkopalvelut käytössä"]
    plan = _plan(deck, "pdfium")
    texts = [st["text"] for g in plan["goals"] for s in g["sub_goals"]
             for st in s["focus_areas"] + s["joint_highlights"]]
    assert wanted[0] in texts


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_first_word_width_is_the_printed_width_of_the_first_word(engine: str) -> None:
    """`Line.first_word_width` is the line's whole width for one word, less for several, and grows
    with the word's length at one size."""
    lines = [ln for _, ln in _all_lines(_layout(FIXTURES / "kymenlaakso-2023.pdf", engine))]
    several = [ln for ln in lines if " " in ln.text]
    assert len(several) > 50
    for ln in lines:
        width = ln.bbox[2] - ln.bbox[0]
        assert ln.first_word_width is not None, ln.text
        if " " in ln.text:
            assert 0 < ln.first_word_width < width - 1, ln.text
        else:
            assert abs(ln.first_word_width - width) <= 0.02, ln.text
    # per character of the first word, close to the line's own average (same font and size)
    for ln in several:
        word = ln.text.split()[0]
        assert ln.first_word_width is not None, ln.text
        per_char = ln.first_word_width / len(word)
        average = (ln.bbox[2] - ln.bbox[0]) / len(ln.text)
        assert 0.4 * average < per_char < 2.5 * average, ln.text
