"""The pdfium engine's fall-backs to the reference engine, by page and by cause, and the engines'
failures kept apart from ours (issue 23).

- a file pdfium can't open, or opens with no pages, or no pdfium at all: the reference engine reads
  the file (a `pdf-engine-fallback` warning without a page), or raises the typed error saying why;
- a page pdfium can't load, or whose text it can't read, and a rotated page: the reference engine
  reads that page (a `pdf-engine-fallback` warning with the page), the others stay pdfium's;
- a failure of our own code is an internal error (raised as it is) with either engine, never "can't
  be read".

The damaged files are in `tests/data/repro/` (README.md there says what each did).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from lnhs_parse.errors import CorruptFileError, LnhsParseError, NotAnEvaluationDeckError
from lnhs_parse.extract import extract
from lnhs_parse.extract.pdf import pdfium_raw, plumber
from lnhs_parse.layout import Document, Page
from lnhs_parse.settings import PDF_ENGINES, Engine, ParseOptions
from support import FIXTURES, ROOT

REPRO = ROOT / "tests" / "data" / "repro"
DECK = FIXTURES / "kymenlaakso-2023.pdf"


@cache
def _layout(path: Path, engine: Engine) -> Document:
    return extract(path, ParseOptions(engine=engine))


def _fallbacks(doc: Document | lnhs_parse.Plan) -> list[tuple[int | None, str]]:
    return [(w.page, w.message) for w in doc.warnings if w.code == "pdf-engine-fallback"]


def _plan_data(plan: lnhs_parse.Plan) -> dict[str, Any]:
    """The plan as JSON without what names the engine: `source.engine` and the fall-backs."""
    data = json.loads(plan.to_json())
    del data["source"]["engine"]
    data["warnings"] = [w for w in data["warnings"] if w["code"] != "pdf-engine-fallback"]
    return data  # type: ignore[no-any-return]


def _same_page(a: Page, b: Page) -> None:
    assert (a.number, a.width, a.height) == (b.number, b.width, b.height)
    assert a.lines == b.lines and a.tables == b.tables and a.icons == b.icons


# --- by page ---------------------------------------------------------------------------------------


def test_a_page_pdfium_cannot_load_is_read_by_the_reference_engine() -> None:
    """Page 5's dictionary is damaged: pdfium can't load it, pdfplumber can. The file is read, page
    5 by the reference engine (its layout is the reference engine's), the others by pdfium."""
    path = REPRO / "pdfium-page-unloadable.pdf"
    got, ref = _layout(path, "pdfium"), _layout(path, "pdfplumber")
    assert got.engine == "pdfium" and ref.engine == "pdfplumber"
    ((page, message),) = _fallbacks(got)
    assert page == 5
    assert message == ("page 5 read by the reference engine (pdfplumber): pdfium could not load "
                       "the page")
    assert len(got.pages) == len(ref.pages) == got.page_count == 10
    _same_page(got.pages[4], ref.pages[4])
    assert got.pages[4].lines  # the page has text: the comparison compares something
    plan = lnhs_parse.parse(path)
    assert plan.goals and plan.source.engine == "pdfium"
    assert _fallbacks(plan) == [(5, message)]


def test_a_page_neither_engine_can_read_is_corrupt(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium can't load page 3 and pdfplumber can't read it either: the file can't be read, and
    the message names both."""
    def refuse_page_3(doc: int, index: int) -> int:
        if index == 2:
            raise pdfium_raw.PageNotLoaded("pdfium could not load the page")
        return original(doc, index)

    def broken(*args: object, **kwargs: object) -> None:
        raise CorruptFileError("page 3 can't be read (PSSyntaxError: broken)", path=str(DECK))

    original = pdfium_raw.load_page
    monkeypatch.setattr(pdfium_raw, "load_page", refuse_page_3)
    monkeypatch.setattr(plumber, "read_page", broken)
    with pytest.raises(CorruptFileError) as info:
        extract(DECK, ParseOptions())
    assert info.value.message == (
        "page 3 can't be read: pdfium could not load the page, and pdfplumber can't read it "
        "either (page 3 can't be read (PSSyntaxError: broken))")


@pytest.mark.parametrize("failing", ["load_page", "load_text_page"])
def test_each_page_pdfium_fails_on_is_the_reference_engines(monkeypatch: pytest.MonkeyPatch,
                                                              failing: str) -> None:
    """pdfium failing on pages 2 and 7 (the page, or its text): those two come from the reference
    engine, each with its warning, and the plan is the reference engine's plan."""
    original = getattr(pdfium_raw, failing)
    calls = {"n": 0}

    def fails_on_2_and_7(*args: Any) -> int:
        calls["n"] += 1
        if calls["n"] in (2, 7):
            raise pdfium_raw.PageNotLoaded(f"pdfium: {failing} failed")
        return original(*args)  # type: ignore[no-any-return]

    monkeypatch.setattr(pdfium_raw, failing, fails_on_2_and_7)
    plan = lnhs_parse.parse(DECK)
    assert [page for page, _ in _fallbacks(plan)] == [2, 7]
    assert _plan_data(plan) == _plan_data(lnhs_parse.parse(DECK, engine="pdfplumber"))


def test_a_rotated_page_is_read_by_the_reference_engine(tmp_path: Path) -> None:
    """pdfium's text page orders a rotated page's chars its own way: that page (and only that one)
    is the reference engine's."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(DECK))
    writer.pages[1].rotate(90)
    path = tmp_path / "kierto.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    got, ref = extract(path, ParseOptions()), extract(path, ParseOptions(engine="pdfplumber"))
    assert _fallbacks(got) == [
        (2, "page 2 read by the reference engine (pdfplumber): the page is rotated (/Rotate 90)")]
    _same_page(got.pages[1], ref.pages[1])
    assert ref.pages[1].lines
    assert [w for w in got.warnings if w.code != "pdf-engine-fallback"] == list(ref.warnings)
    for a, b in zip(got.pages, ref.pages, strict=True):
        assert [ln.text for ln in a.lines] == [ln.text for ln in b.lines]


# --- by cause: the whole file ----------------------------------------------------------------------


def test_a_file_pdfium_opens_with_no_pages_goes_to_the_reference_engine() -> None:
    """The catalog's /Pages key is damaged: pdfium finds no pages, pdfminer finds the page objects
    themselves. The reference engine reads the deck, with one warning without a page."""
    path = REPRO / "pdfium-no-pages.pdf"
    plan = lnhs_parse.parse(path)
    assert plan.source.engine == "pdfplumber" and plan.source.pages == 10
    assert _fallbacks(plan) == [
        (None, "read by the reference engine (pdfplumber): pdfium finds no pages in the file")]
    assert _plan_data(plan) == _plan_data(lnhs_parse.parse(path, engine="pdfplumber"))
    assert plan.goals


def test_a_file_pdfium_cannot_open_says_why_in_its_warning(tmp_path: Path) -> None:
    """A PDF without its header line: pdfium can't open it, pdfplumber reads it."""
    import damage
    import hostile

    path = damage.headerless_pdf(tmp_path / "otsakkeeton.pdf", hostile.PDF)
    doc = extract(path, ParseOptions())
    assert doc.engine == "pdfplumber"
    assert _fallbacks(doc) == [(None, "read by the reference engine (pdfplumber): pdfium could not "
                                      "open the file: not a PDF or corrupted")]
    assert doc.pages == _layout(path, "pdfplumber").pages


def test_without_pdfium_the_reference_engine_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pdfium that can't be loaded (or lacks a function) costs speed, not the parse."""
    def unavailable(*args: object, **kwargs: object) -> None:
        raise pdfium_raw.Unavailable("no FPDFFont_GetBaseFontName")

    monkeypatch.setattr(pdfium_raw, "open_document", unavailable)
    path = FIXTURES / "kymenlaakso-2022.pdf"
    doc = extract(path, ParseOptions())
    ref = _layout(path, "pdfplumber")
    assert doc.engine == "pdfplumber" and doc.pages == ref.pages
    assert _fallbacks(doc) == [(None, "read by the reference engine (pdfplumber): pdfium is not "
                                      "available (no FPDFFont_GetBaseFontName)")]


def test_an_encrypted_file_without_its_password_is_refused_alike() -> None:
    """What neither engine can read raises the reference engine's typed error: the same with
    either engine."""
    import tempfile

    import hostile

    with tempfile.TemporaryDirectory() as tmp:
        path = hostile.encrypted_pdf(Path(tmp) / "salattu.pdf", "salasana")
        messages = []
        for engine in PDF_ENGINES:
            with pytest.raises(LnhsParseError) as info:
                lnhs_parse.parse(path, engine=engine)
            messages.append((type(info.value).__name__, info.value.message))
    assert messages[0] == messages[1] == (
        "EncryptedFileError", "the PDF is encrypted: give its password with --password")


# --- our own code on both paths --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["internal-error-keyword-fontname.pdf",
                                  "internal-error-keyword-fontname-rotated.pdf"])
@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_a_keyword_font_name_is_read_on_both_paths(name: str, engine: Engine) -> None:
    """A font whose /FontName is a bare keyword (pdfminer hands it over as a `PSKeyword`), on a
    rotated page (which the pdfium engine hands to the reference engine) or not: no internal
    error; the deck (one slide of text) is read and found to hold no goal tables, alike on both
    engines."""
    path = REPRO / name
    doc = _layout(path, engine)
    chars_text = [ln.text for page in doc.pages for ln in page.lines]
    assert chars_text, "the page's text was read"
    assert chars_text == [ln.text for page in _layout(path, "pdfplumber").pages
                          for ln in page.lines]
    with pytest.raises(NotAnEvaluationDeckError):
        lnhs_parse.parse(path, engine=engine)


def test_font_names_pdfminer_gives_as_other_things_are_strings() -> None:
    from pdfminer.psparser import PSKeyword, PSLiteral

    chars: list[dict[str, Any]] = [
        {"fontname": PSKeyword(b"Wingdings")}, {"fontname": PSLiteral("Arial")},
        {"fontname": b"Calibri\xe4"}, {"fontname": 12}, {"fontname": None}, {"fontname": "Ok"}]
    plumber._clean_chars(chars)
    assert [c["fontname"] for c in chars] == ["Wingdings", "Arial", "Calibriä", "12", "", "Ok"]


def test_a_page_fall_back_where_the_engines_count_pages_otherwise_reads_the_file_whole() -> None:
    """pdfium can't load page 5, and pdfminer leaves that page out of the page tree (9 pages where
    pdfium finds 10): pdfplumber's page 5 is pdfium's page 6. The reference engine reads the whole
    file, rather than a page twice."""
    path = REPRO / "pdfium-page-unloadable-miscounted.pdf"
    plan = lnhs_parse.parse(path)
    assert plan.source.engine == "pdfplumber" and plan.source.pages == 9
    assert _fallbacks(plan) == [
        (None, "read by the reference engine (pdfplumber): page 5: pdfium could not load the page; "
               "pdfium finds 10 pages, pdfplumber 9")]
    assert _plan_data(plan) == _plan_data(lnhs_parse.parse(path, engine="pdfplumber"))
