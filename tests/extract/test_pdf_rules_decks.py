"""Rules and boxes drawn between text (`lnhs_parse.extract.pdf.rules`, `paragraphs._ruled_apart`)
on slides they were not tuned on, from two producers (fixtures/layouts, `fixtures/gen/
ruled_layouts.py`): LibreOffice Impress (`ruled.pdf`, and `ruled.tagged.pdf` with tags) and
Chromium (`ruled.chromium.pdf`, the same slides as HTML/CSS).

- Read by either engine with the tags ignored, each page's paragraphs (outside tables and in table
  cells alike) are the slide's paragraphs of the content data (`ruled.expected.json`), as a multiset
  with whitespace collapsed: map callouts (a rule between two header cells under 1 em apart, a
  rule under the header row), labels on grey boxes a few points apart, ruled paper behind wrapped
  paragraphs, underlined text, a chart's grid behind a label and a sentence.
- The tagged export's structure tree (`oracle.read_oracle`) states the same paragraphs: an oracle
  independent of the geometry, for the expected data itself.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from typing import Any

import pytest

from lnhs_parse.extract.pdf.oracle import read_oracle
from lnhs_parse.layout_dump import layout_dump
from lnhs_parse.settings import Engine, ParseOptions
from support import FIXTURES

LAYOUTS = FIXTURES / "layouts"
PDFS = ("ruled.pdf", "ruled.tagged.pdf", "ruled.chromium.pdf")
ENGINES: tuple[Engine, ...] = ("pdfium", "pdfplumber")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _expected() -> dict[int, tuple[str, list[str]]]:
    """Page number → (its slide's name, its paragraph texts)."""
    data: dict[str, Any] = json.loads((LAYOUTS / "ruled.expected.json").read_text(encoding="utf-8"))
    return {int(n): (page["slide"], [_squash(t) for t in page["paragraphs"]])
            for n, page in data["pages"].items()}


EXPECTED = _expected()


@cache
def _read(name: str, engine: Engine) -> dict[int, list[str]]:
    """Page number → the paragraph texts the geometry reads (tags ignored), once per file and
    engine."""
    dump = layout_dump(LAYOUTS / name, tags="off", options=ParseOptions(engine=engine))
    out: dict[int, list[str]] = {}
    for page in dump["pages"]:
        texts = [p["text"] for p in page["paragraphs"]]
        texts += [p["text"] for t in page["tables"] for c in t["cells"] for p in c["paragraphs"]]
        out[page["number"]] = [_squash(t) for t in texts if t.strip()]
    return out


def _difference(got: list[str], want: list[str]) -> str:
    missing = list((Counter(want) - Counter(got)).elements())
    extra = list((Counter(got) - Counter(want)).elements())
    return f"missing {missing}, read instead {extra}"


def test_every_page_of_the_decks_is_expected() -> None:
    for name in PDFS:
        assert sorted(_read(name, "pdfium")) == sorted(EXPECTED), name


CASES = [
    pytest.param(name, engine, number, id=f"{name}-{engine}-p{number}-{slide.replace(' ', '_')}")
    for name in PDFS
    for engine in ENGINES
    for number, (slide, _) in sorted(EXPECTED.items())
]


@pytest.mark.parametrize(("name", "engine", "number"), CASES)
def test_a_page_reads_into_its_slides_paragraphs(name: str, engine: Engine, number: int) -> None:
    want = EXPECTED[number][1]
    got = _read(name, engine).get(number, [])
    assert Counter(got) == Counter(want), (
        f"{name} page {number} ({engine}): {_difference(got, want)}")


def test_the_structure_tree_states_the_expected_paragraphs() -> None:
    """LibreOffice tags each paragraph of a text box or shape as one `P`: the tree's paragraphs,
    read with no geometry, are the expected ones, page by page (the header cells of a callout,
    side by side on one printed line, count though the oracle marks them out of reading order)."""
    pages = read_oracle(LAYOUTS / "ruled.tagged.pdf")
    assert pages is not None, "ruled.tagged.pdf has no structure tree"
    assert [p.number for p in pages] == sorted(EXPECTED)
    for page in pages:
        want = EXPECTED[page.number][1]
        assert page.untagged_chars == 0, (page.number, page.untagged_lines)
        assert not any(p.cut for p in page.paragraphs), page.number
        got = [_squash(p.text) for p in page.paragraphs]
        assert Counter(got) == Counter(want), f"page {page.number}: {_difference(got, want)}"
