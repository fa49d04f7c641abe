"""`lnhs-parse layout FILE [--pages N-M] [--tags auto|off]`: the layout as the parser reads it, as
JSON (docs/layout-dump.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lnhs_parse.cli import main
from lnhs_parse.errors import UsageError
from lnhs_parse.layout_dump import dump_json, layout_dump, parse_page_range
from real_decks import REAL, cached_extract
from support import FIXTURES

GO = REAL / "pdfcpu_pdfcpu__go.pdf"  # PowerPoint 2010, tagged, Wingdings bullets
TABLES = REAL / "mozilla_pdf.js__issue6737.pdf"  # Acrobat PDFMaker, tagged, tables


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> None:
    import lnhs_parse.extract

    monkeypatch.setattr(lnhs_parse.extract, "extract", cached_extract)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(["layout", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def _paragraph_lists(node: Any) -> list[list[dict[str, Any]]]:
    """Every list named "paragraphs" anywhere in the dump."""
    found: list[list[dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "paragraphs":
                found.append(value)
            found += _paragraph_lists(value)
    elif isinstance(node, list):
        for item in node:
            found += _paragraph_lists(item)
    return found


def test_layout_of_a_powerpoint_pdf(cached: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, dump, err = _run(capsys, str(GO), "--pages", "2")
    assert code == 0 and err == ""
    assert dump["format"] == "pdf" and dump["page_count"] == 23 and dump["tags"] == "auto"
    assert [p["number"] for p in dump["pages"]] == [2]
    page = dump["pages"][0]
    assert set(page) == {"number", "width", "height", "paragraphs", "tables", "icons"}
    texts = [p["text"] for p in page["paragraphs"]]
    assert texts[0] == "What is it?"
    # Wingdings "n" bullets read as squares, split off the item's text
    assert "Google's newly released Programming Language." in texts
    items = [p for p in page["paragraphs"] if p["bullet"] == "■"]
    assert len(items) >= 7
    for para in page["paragraphs"]:
        assert len(para["bbox"]) == 4 and para["lines"] and para["source"] in ("tags", "geometry")


def test_every_list_of_paragraphs_is_named_so_and_has_texts(
    cached: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, dump, _ = _run(capsys, str(TABLES), "--pages", "2-4")
    assert code == 0 and [p["number"] for p in dump["pages"]] == [2, 3, 4]
    cells = [c for p in dump["pages"] for t in p["tables"] for c in t["cells"]]
    assert cells and all({"row", "col", "rowspan", "colspan", "bbox", "paragraphs"} <= set(c)
                         for c in cells)
    lists = _paragraph_lists(dump)
    assert len(lists) > len(cells)  # each cell's, and each page's outside tables
    assert all(isinstance(p["text"], str) and p["text"] for ps in lists for p in ps)
    icons = [i for p in dump["pages"] for i in p["icons"]]
    assert all(len(i["bbox"]) == 4 and i["kind"] in ("shape", "picture", "glyph") for i in icons)


def test_tags_off_reads_the_geometry_alone(cached: None, capsys: pytest.CaptureFixture[str]) -> None:
    _, auto, _ = _run(capsys, str(GO), "--pages", "2-5")
    _, off, _ = _run(capsys, str(GO), "--pages", "2-5", "--tags", "off")
    sources_auto = {p["source"] for ps in _paragraph_lists(auto) for p in ps}
    sources_off = {p["source"] for ps in _paragraph_lists(off) for p in ps}
    assert "tags" in sources_auto and sources_off == {"geometry"}
    assert off["tags"] == "off"
    assert all("block" not in ln for ps in _paragraph_lists(off) for p in ps for ln in p["lines"])


def test_pptx_paragraphs_are_the_source_s(capsys: pytest.CaptureFixture[str]) -> None:
    code, dump, _ = _run(capsys, str(FIXTURES / "kymenlaakso-2023.pptx"), "--pages", "6")
    assert code == 0 and dump["format"] == "pptx"
    paragraphs = [p for ps in _paragraph_lists(dump) for p in ps]
    assert paragraphs and {p["source"] for p in paragraphs} == {"source"}
    assert any(p["text"] == "PÄÄTAVOITE I:" for p in dump["pages"][0]["paragraphs"])


def test_library_and_json(tmp_path: Any) -> None:
    dump = layout_dump(FIXTURES / "kymenlaakso-2023.pdf", pages=(6, 6), tags="off")
    text = dump_json(dump)
    assert json.loads(text) == dump and text.endswith("\n")
    assert '"bbox": [' in text and "]," in text  # a box on one line
    cells = [c for t in dump["pages"][0]["tables"] for c in t["cells"]]
    assert any(p["text"] == "Toimenpiteiden eteneminen" for c in cells for p in c["paragraphs"])


@pytest.mark.parametrize(("text", "pages"), [("3", (3, 3)), ("2-5", (2, 5)), (" 4-4 ", (4, 4))])
def test_page_ranges(text: str, pages: tuple[int, int]) -> None:
    assert parse_page_range(text) == pages


@pytest.mark.parametrize("text", ["0", "3-1", "a", "1-b", "-2", ""])
def test_bad_page_ranges(text: str) -> None:
    with pytest.raises(UsageError, match="--pages"):
        parse_page_range(text)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--pages", "3-1"], 2, "--pages"),
        (["--pages", "40"], 2, "past the last page"),
        (["--tags", "maybe"], 2, "--tags"),
    ],
)
def test_layout_usage_errors(
    cached: None, capsys: pytest.CaptureFixture[str], args: list[str], code: int, words: str
) -> None:
    got, dump, err = _run(capsys, str(GO), *args)
    assert got == code and dump is None
    assert len(err.strip().splitlines()) == 1 and words in err


def test_layout_of_a_scanned_pdf_exits_4(cached: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, dump, err = _run(capsys, str(REAL / "apache_tika__testOCR.pdf"))
    assert code == 4 and dump is None
    assert len(err.strip().splitlines()) == 1 and "scanned" in err


def test_a_line_s_slant_is_dumped_when_known(cached: None) -> None:
    # 6737's contact card: the title in italics, the number upright; a line mixing both says none
    dump = layout_dump(TABLES, pages=(7, 7), tags="off")
    lines = {ln["text"]: ln for p in dump["pages"][0]["paragraphs"] for ln in p["lines"]}
    assert lines["Senior Research Analyst"]["italic"] is True
    assert lines["+1 954 331 1733"]["italic"] is False
    assert all(ln.get("italic") in (True, False, None) for ln in lines.values())
