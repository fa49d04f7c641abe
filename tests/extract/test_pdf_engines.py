"""The two PDF engines agree: every PDF fixture gives the same plan through pdfium (the default) and
pdfplumber (the reference), and the same layout where a difference would start.

Plans are compared whole, provenance included, with one allowance: a `bbox` may differ by up to
`BBOX_TOLERANCE` points. pdfium keeps a font's glyph widths in whole units of 1/1000 em where the
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
from lnhs_parse.settings import PDF_ENGINES, ParseOptions
from support import FIXTURES, profile_for

BBOX_TOLERANCE = 0.5  # points

PDFS = sorted(
    [*FIXTURES.glob("*.pdf"), *(FIXTURES / "chromium").glob("*.pdf"),
     *(FIXTURES / "random").glob("*.pdf")]
)


def _name(path: Path) -> str:
    return path.name.split(".")[0]


@cache
def _plan(path: Path, engine: str) -> dict[str, Any]:
    plan = lnhs_parse.parse(path, engine=engine, profile=profile_for(_name(path)))
    return json.loads(plan.to_json())  # type: ignore[no-any-return]


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
    *sorted((FIXTURES / "random").glob("*.tagged.pdf"))[:2],
]


@cache
def _layout(path: Path, engine: str) -> Document:
    return extract(path, ParseOptions(engine=engine))


def _all_lines(doc: Document) -> list[tuple[int, Line]]:
    out = [(page.number, ln) for page in doc.pages for ln in page.lines]
    out += [(page.number, ln) for page in doc.pages for t in page.tables for c in t.cells
            for ln in c.lines]
    return out


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(abs(x - y) <= BBOX_TOLERANCE for x, y in zip(a, b, strict=True))


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
        ParseOptions(engine="mupdf")
    with pytest.raises(ConfigError, match="engine"):
        lnhs_parse.parse(FIXTURES / "kymenlaakso-2023.pdf", engine="pdfminer")


def test_engine_is_not_in_the_plan() -> None:
    path = FIXTURES / "kymenlaakso-2022.pdf"
    assert "pdfium" not in json.dumps(_plan(path, "pdfium"))
    assert "pdfplumber" not in json.dumps(_plan(path, "pdfplumber"))
