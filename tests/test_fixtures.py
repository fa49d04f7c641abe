"""The committed fixture decks are what the generator says they are.

Uses only committed files (fixtures/*.pptx, *.pdf, *.expected.json, manifest.json and the generator's
content data in fixtures/gen/); never LibreOffice. Regenerate with
`.venv/bin/python fixtures/gen/generate.py` when a test here says a file is stale.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import typing
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pydantic import BaseModel

from lnhs_parse import model as M

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GEN = FIXTURES / "gen"
sys.path.insert(0, str(GEN))

import decks as D  # noqa: E402  (after the sys.path entry)
from content_model import Deck, Para  # noqa: E402  (after the sys.path entry)
from expected import dumps, expected_plan  # noqa: E402  (after the sys.path entry)

MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
NAMES = list(MANIFEST["decks"])
STATUSES = {s.value for s in M.Status}
ATTRIBUTIONS = set(typing.get_args(M.Attribution))
EMU_PER_PT = 12700
_WS = re.compile(r"\s+")


# formatting bullets of the symbol-font decks as PowerPoint's PDF shows them (PUA code points)
_FORMAT_BULLETS = frozenset(chr(0xF000 + ord(ch)) for _, ch in D.SYMBOL_AUTO_BULLET.values())


def _squash(s: str) -> str:
    return _WS.sub("", s).replace("•", "")


def _entry(name: str) -> dict[str, Any]:
    result: dict[str, Any] = MANIFEST["decks"][name]
    return result


def _expected(name: str) -> dict[str, Any]:
    result: dict[str, Any] = (
        json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    )
    return result


def _spec(name: str) -> D.DeckSpec:
    return next(s for s in D.REGISTRY if s.name == name)


def _slide_plan(name: str) -> tuple[D.DeckSpec, Deck, list[D.SlideSpec]]:
    spec = _spec(name)
    deck = D.load_content(spec.content)
    return spec, deck, D.plan_slides(deck, spec.style)


# ------------------------------------------------------------------------------------------------
# the manifest and the registry


def test_manifest_covers_every_deck_with_content() -> None:
    have_content = [s.name for s in D.REGISTRY if (GEN / f"{s.content}.py").exists()]
    assert have_content == NAMES
    assert len(NAMES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_manifest_files_exist(name: str) -> None:
    for kind in ("pptx", "pdf", "expected"):
        path = FIXTURES / _entry(name)["files"][kind]
        assert path.is_file() and path.stat().st_size > 0, path


@pytest.mark.parametrize("name", NAMES)
def test_manifest_matches_the_slide_plan(name: str) -> None:
    spec, _deck, specs = _slide_plan(name)
    entry = _entry(name)
    assert entry["pages"] == len(specs)
    assert entry["style"] == spec.style.switches()
    assert [s["kind"] for s in entry["slides"]] == [s.kind for s in specs]
    cols = 5 if spec.style.number_column else 4
    for s, m in zip(specs, entry["slides"], strict=True):
        if s.kind != "table":
            assert m["tables"] == []
            continue
        assert m["goal"] == s.table_goal.number
        assert m["sub_goals"] == [r.sub_goal.number for r in s.rows]
        assert m["header_row"] == s.header
        assert [(t["rows"], t["cols"]) for t in m["tables"]] == [(len(s.rows) + s.header, cols)]


# ------------------------------------------------------------------------------------------------
# the PDFs


@pytest.mark.parametrize("name", NAMES)
def test_pdf_opens_with_the_expected_page_count(name: str) -> None:
    with pdfplumber.open(FIXTURES / _entry(name)["files"]["pdf"]) as pdf:
        assert len(pdf.pages) == _entry(name)["pages"]
        for page in pdf.pages:
            assert round(page.width) == 960 and round(page.height) == 540


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_holds_every_cell_and_title(name: str) -> None:
    _spec, deck, specs = _slide_plan(name)
    with pdfplumber.open(FIXTURES / _entry(name)["files"]["pdf"]) as pdf:
        for s, page in zip(specs, pdf.pages, strict=True):
            text = _squash(page.extract_text() or "")
            if s.kind == "highlights":
                assert s.highlight_index is not None
                for b in deck.highlight_slides[s.highlight_index]:
                    assert _squash(b) in text, (s.page, b)
            if s.kind != "table":
                continue
            assert _squash(f"{_spec.style.goal_word} {s.table_goal.numeral}:") in text
            assert _squash(s.table_goal.title) in text


def _cell_boxes(table: dict[str, Any]) -> dict[tuple[int, int], tuple[float, float, float, float]]:
    """(row, col) -> bbox of each cell, from the manifest's table geometry."""
    x0, y0 = table["bbox"][:2]
    xs = [x0]
    for w in table["col_widths"]:
        xs.append(xs[-1] + w)
    ys = [y0]
    for h in table["row_heights"]:
        ys.append(ys[-1] + h)
    return {(r, c): (xs[c], ys[r], xs[c + 1], ys[r + 1])
            for r in range(len(ys) - 1) for c in range(len(xs) - 1)}


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_pdf_cells_hold_their_text_inside_their_boxes(name: str) -> None:
    """Every focus / joint cell's text lies inside its planned cell: no row grew or overflowed."""
    spec, _deck, specs = _slide_plan(name)
    off = 1 if spec.style.number_column else 0
    with pdfplumber.open(FIXTURES / _entry(name)["files"]["pdf"]) as pdf:
        for s, m in zip(specs, _entry(name)["slides"], strict=True):
            if s.kind != "table":
                continue
            page = pdf.pages[s.page - 1]
            boxes = _cell_boxes(m["tables"][0])
            chars = [c for c in page.chars if c["text"].strip()]
            for i, r in enumerate(s.rows):
                row = i + s.header
                for col, column, paras in ((2 + off, "focus", r.focus), (3 + off, "joint", r.joint)):
                    x0, y0, x1, y1 = boxes[(row, col)]
                    got = "".join(D.pdf_code(c["text"]) for c in chars if x0 - 1.5 <= c["x0"] and
                                  c["x1"] <= x1 + 1.5 and y0 - 1.5 <= c["top"] and
                                  c["bottom"] <= y1 + 1.5 and c["text"] not in _FORMAT_BULLETS)
                    want = "".join(D.typed_text(p.text, spec.style, column) for p in paras)
                    assert _squash(got) == _squash(want), (s.page, r.sub_goal.number, col)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_pdf_progress_header_breaks_as_planned(name: str) -> None:
    style = _spec(name).style
    entry = _entry(name)
    seen = []
    with pdfplumber.open(FIXTURES / entry["files"]["pdf"]) as pdf:
        for m in entry["slides"]:
            if not (m["tables"] and m["header_row"]):
                continue
            lines = (pdf.pages[m["page"] - 1].extract_text() or "").split("\n")
            want = style.progress_first_line(m["tables"][0]["progress_header"])
            assert any(re.search(rf"\b{want}\b", ln) for ln in lines), (m["page"], want)
            seen.append(want)
    if name == "kymenlaakso-2023":  # the seed's break "Toimenpiteide" / "n eteneminen"
        assert "Toimenpiteide" in seen


# ------------------------------------------------------------------------------------------------
# the PPTX files


def _glyphs(text_frame: Any, style: D.Style) -> int:
    """Status glyphs typed into a text frame: "●" runs, or Wingdings "l" runs in symbol-font
    decks."""
    font, glyph = D.SYMBOL_STATUS_GLYPH if style.symbol_font else (None, "●")
    return sum(
        r.text.count(glyph) for p in text_frame.paragraphs for r in p.runs
        if font is None or r.font.name == font
    )


def _icon_count(slide: Any, style: D.Style) -> int:
    n = 0
    for sh in slide.shapes:
        if style.icons == "picture" and sh.shape_type == MSO_SHAPE_TYPE.PICTURE:
            n += 1
        elif style.icons == "vector" and sh.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE:
            n += sh.auto_shape_type == MSO_SHAPE.OVAL
        elif style.icons == "glyph" and sh.has_table:
            n += sum(_glyphs(cell.text_frame, style) for row in sh.table.rows for cell in row.cells)
        elif style.icons == "glyph" and sh.has_text_frame:
            n += _glyphs(sh.text_frame, style)
    return n


@pytest.mark.parametrize("name", NAMES)
def test_pptx_has_the_expected_slides_and_tables(name: str) -> None:
    entry = _entry(name)
    prs = Presentation(FIXTURES / entry["files"]["pptx"])
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in
    slides = list(prs.slides)
    assert len(slides) == entry["pages"]
    for slide, m in zip(slides, entry["slides"], strict=True):
        tables = [sh for sh in slide.shapes if sh.has_table]
        assert [(len(t.table.rows), len(t.table.columns)) for t in tables] == [
            (t["rows"], t["cols"]) for t in m["tables"]
        ], m["page"]
        for t, mt in zip(tables, m["tables"], strict=True):
            bbox = [t.left / EMU_PER_PT, t.top / EMU_PER_PT, (t.left + t.width) / EMU_PER_PT,
                    (t.top + t.height) / EMU_PER_PT]
            assert bbox == pytest.approx(mt["bbox"], abs=0.05)
            assert bbox[3] <= 500.0 + 0.05  # above the footer


@pytest.mark.parametrize("name", NAMES)
def test_pptx_cells_and_icons_match_the_content(name: str) -> None:
    """The PPTX is not stale: cell texts and icon counts are the content data's."""
    spec, deck, specs = _slide_plan(name)
    style = spec.style
    prs = Presentation(FIXTURES / _entry(name)["files"]["pptx"])
    for s, slide in zip(specs, prs.slides, strict=True):
        icons = _icon_count(slide, style)
        if s.kind == "legend":
            assert icons == len(deck.legend), s.page
        if s.kind != "table":
            continue
        (gf,) = [sh for sh in slide.shapes if sh.has_table]
        rows = list(gf.table.rows)[1 if s.header else 0 :]
        assert len(rows) == len(s.rows)
        off = 1 if style.number_column else 0
        for r, row in zip(s.rows, rows, strict=True):
            cells = [c.text for c in row.cells]

            def para_text(ps: tuple[Para, ...], column: str) -> str:
                return "\n".join(D.typed_text(p.text, style, column).replace("\n", "\v") for p in ps)

            assert cells[2 + off] == para_text(r.focus, "focus"), (s.page, r.sub_goal.number)
            assert cells[3 + off] == para_text(r.joint, "joint"), (s.page, r.sub_goal.number)
            number = cells[0].split("\n")[0]
            assert number == str(r.sub_goal.number)
            title = list(r.sub_goal.title_paras or (r.sub_goal.title,))
            if r.continued:
                title[-1] += " (jatkuu)"
            title_cell = cells[off].split("\n")[0 if off else 1 :]
            assert title_cell == title, (s.page, r.sub_goal.number)
        assert icons == sum(len(r.sub_goal.statuses) for r in s.rows if r.icons), s.page


# ------------------------------------------------------------------------------------------------
# the expected plans


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


# keys an expected plan leaves out (provenance, drawing) or renames, per model; the legend's icon
# colours are checked against the generator's `Deck.icon_colours` in tests/test_decks.py
OMITTED: dict[type[BaseModel], set[str]] = {
    M.Plan: {"source", "warnings", "actors", "columns"},  # columns: the style's header words
    M.Statement: {"raw", "page", "bbox"},
    M.LegendEntry: {"color"},
    M.ScaleStep: {"color"},
}
ADDED: dict[type[BaseModel], set[str]] = {M.Plan: {"actor_ids"}}


def _check_keys(obj: Any, model: type[BaseModel], path: str, problems: list[str]) -> None:
    if not isinstance(obj, dict):
        problems.append(f"{path}: not an object")
        return
    want = (set(model.model_fields) - OMITTED.get(model, set())) | ADDED.get(model, set())
    if set(obj) != want:
        problems.append(
            f"{path}: unknown {sorted(set(obj) - want)}, missing {sorted(want - set(obj))}")
    for key, info in model.model_fields.items():
        if key not in obj:
            continue
        sub = _nested_model(info.annotation)
        if sub is None:
            continue
        if typing.get_origin(info.annotation) is list:
            for i, item in enumerate(obj[key]):
                _check_keys(item, sub, f"{path}.{key}[{i}]", problems)
        elif obj[key] is not None:
            _check_keys(obj[key], sub, f"{path}.{key}", problems)


def test_key_check_catches_unknown_and_missing_keys() -> None:
    plan = _expected(NAMES[0])
    plan["goals"][0]["sub_goals"][0]["focus_areas"].append({"text": "x", "actors": [],
                                                            "attribution": "none", "bogus": 1})
    del plan["goals"][0]["title"]
    problems: list[str] = []
    _check_keys(plan, M.Plan, "plan", problems)
    assert any("bogus" in p for p in problems) and any("'title'" in p for p in problems)


@pytest.mark.parametrize("name", NAMES)
def test_expected_has_exactly_the_contract_fields(name: str) -> None:
    problems: list[str] = []
    _check_keys(_expected(name), M.Plan, "plan", problems)
    assert problems == []


@pytest.mark.parametrize("name", NAMES)
def test_expected_values_are_valid(name: str) -> None:
    plan = _expected(name)
    assert plan["schema_version"] == M.SCHEMA_VERSION
    statements = [
        st for g in plan["goals"] for s in g["sub_goals"]
        for st in (*s["focus_areas"], *s["joint_highlights"])
    ]
    for g in plan["goals"]:
        for s in g["sub_goals"]:
            assert s["statuses"], (g["numeral"], s["number"])
            assert set(s["statuses"]) <= STATUSES
            assert s["pages"] == sorted(set(s["pages"])) and s["pages"]
    assert {st["attribution"] for st in statements} <= ATTRIBUTIONS
    for st in statements:
        assert (st["attribution"] == "none") == (st["actors"] == []), st
    referenced = sorted({a for st in statements for a in st["actors"]})
    assert plan["actor_ids"] == referenced
    # the whole thing validates as a Plan once placeholder provenance is added
    full = {k: v for k, v in plan.items() if k != "actor_ids"}
    full["source"] = {"path": "x.pdf", "format": "pdf", "sha256": "0" * 64,
                      "pages": _entry(name)["pages"]}
    full["actors"] = [{"id": a, "name": a, "kind": "?", "aliases": []} for a in plan["actor_ids"]]
    full["warnings"] = []
    for g in full["goals"]:
        for s in g["sub_goals"]:
            for col in ("focus_areas", "joint_highlights"):
                s[col] = [{**st, "raw": st["text"], "page": 1, "bbox": [0, 0, 0, 0]}
                          for st in s[col]]
    M.Plan.model_validate(full)


@pytest.mark.parametrize("name", NAMES)
def test_expected_actors_are_in_the_registry_data(name: str) -> None:
    path = ROOT / "src/lnhs_parse/normalise/data/actors.toml"
    ids = {a["id"] for a in tomllib.loads(path.read_text(encoding="utf-8"))["actor"]}
    profile = FIXTURES / f"{name}.profile.toml"  # another county's actors come with its profile
    if not profile.exists():  # Kymenlaakso's come with its packaged county profile
        profile = ROOT / "src/lnhs_parse/normalise/data/profiles/kymenlaakso.toml"
    ids |= {a["id"] for a in tomllib.loads(profile.read_text(encoding="utf-8"))["actor"]}
    assert set(_expected(name)["actor_ids"]) <= ids


@pytest.mark.parametrize("name", NAMES)
def test_every_status_has_a_legend_entry(name: str) -> None:
    plan = _expected(name)
    legend = [e["status"] for e in plan["status_legend"]]
    assert len(legend) == len(set(legend)) and set(legend) <= STATUSES
    used = {st for g in plan["goals"] for s in g["sub_goals"] for st in s["statuses"]}
    assert used <= set(legend)


@pytest.mark.parametrize("name", NAMES)
def test_expected_json_is_not_stale(name: str) -> None:
    _spec, deck, specs = _slide_plan(name)
    want = dumps(expected_plan(deck, D.page_facts(specs)))
    got = (FIXTURES / _entry(name)["files"]["expected"]).read_text(encoding="utf-8")
    assert got == want, f"regenerate: .venv/bin/python fixtures/gen/generate.py --only {name}"


@pytest.mark.parametrize("name", NAMES)
def test_pages_point_at_the_right_slides(name: str) -> None:
    plan = _expected(name)
    entry = _entry(name)
    kinds = {s["page"]: s for s in entry["slides"]}
    for h in plan["highlights"]:
        assert kinds[h["page"]]["kind"] == "highlights"
    for g in plan["goals"]:
        for s in g["sub_goals"]:
            for p in s["pages"]:
                assert kinds[p]["goal"] == g["number"] and s["number"] in kinds[p]["sub_goals"]


def _without_pages(plan: dict[str, Any]) -> dict[str, Any]:
    plan = json.loads(json.dumps(plan))
    for h in plan["highlights"]:
        h.pop("page")
    for g in plan["goals"]:
        for s in g["sub_goals"]:
            s.pop("pages")
    return plan


def _base(name: str) -> str:
    result: str = next(n for n in NAMES if _entry(n)["content"] == _entry(name)["content"])
    return result


@pytest.mark.parametrize("name", [n for n in NAMES if _base(n) != n])
def test_variants_state_the_same_plan_as_their_content(name: str) -> None:
    """A house-style variant's plan equals the main deck's with the same content, pages aside."""
    assert _without_pages(_expected(name)) == _without_pages(_expected(_base(name)))


@pytest.mark.parametrize("name", [n for n in NAMES if _spec(n).style.symbol_font])
def test_symbol_font_decks_type_and_export_like_powerpoint(name: str) -> None:
    """Bullets and status dots typed in Wingdings / Symbol: the PPTX holds the letters in those fonts,
    the PDF PowerPoint's Private Use Area code points in fonts named like the originals."""
    _spec, deck, specs = _slide_plan(name)
    statuses = sum(len(r.sub_goal.statuses) for s in specs for r in s.rows if r.icons)
    prs = Presentation(FIXTURES / _entry(name)["files"]["pptx"])
    typed = {(r.font.name, r.text) for slide in prs.slides for sh in slide.shapes
             for tf in ([c.text_frame for row in sh.table.rows for c in row.cells] if sh.has_table
                        else [sh.text_frame] if sh.has_text_frame else [])
             for p in tf.paragraphs for r in p.runs if r.font.name in ("Wingdings", "Symbol")}
    assert typed == {("Wingdings", "l"), ("Wingdings", "§"), ("Wingdings", "Ø")}
    bu = {(f.get("typeface"), c.get("char")) for slide in prs.slides
          for f, c in zip(slide._element.iter(qn("a:buFont")), slide._element.iter(qn("a:buChar")), strict=True)}
    assert bu == {("Symbol", "·"), ("Wingdings", "ü")}
    found: dict[tuple[str, str], int] = {}
    with pdfplumber.open(FIXTURES / _entry(name)["files"]["pdf"]) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                font = c["fontname"].split("+")[-1]
                if font in ("Wingdings-Regular", "SymbolMT"):
                    found[(font, c["text"])] = found.get((font, c["text"]), 0) + 1
    assert set(found) == {("Wingdings-Regular", "\uf06c"), ("Wingdings-Regular", "\uf0a7"),
                          ("Wingdings-Regular", "\uf0d8"), ("Wingdings-Regular", "\uf0fc"),
                          ("SymbolMT", "\uf0b7")}
    assert found[("Wingdings-Regular", "\uf06c")] == statuses + len(deck.legend)
    assert found[("SymbolMT", "\uf0b7")] == sum(len(b) for b in deck.highlight_slides)
