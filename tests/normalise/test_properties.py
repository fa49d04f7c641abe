"""Properties of the cell normaliser on arbitrary input (hypothesis, derandomised).

- `cell_statements` never raises, whatever the lines hold (unicode, colons, brackets, bullets,
  actor names, empty lines) and however they are placed;
- nothing is invented: every non-whitespace character of the statements' `raw` comes from the lines;
- nothing is dropped but bare actor prefixes: the non-whitespace characters of the lines minus those
  of the statements' `raw` are covered by the paragraphs that are bare known prefixes (and are none
  when there is no such paragraph);
- every statement's `text` is made of characters of its own `raw` (bullets, prefixes and whitespace
  are the only things `text` leaves out).
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnhs_parse.layout import Line
from lnhs_parse.normalise.text import cell_statements, cell_text, join_lines, paragraphs
from lnhs_parse.utils.strings import osa_distance
from support import kymenlaakso_registry

REG = kymenlaakso_registry()
BOX = (93.0, 53.0, 407.0, 700.0)

# Pieces that exercise the rules: actor names and prefixes, bullets, colons, brackets, dashes.
PIECES = st.sampled_from(
    [
        "HVA:", "Kletu/MLL:", "HVA, Tulsote/hanketuki:", "Keltu:", "Tulsote haketuki:",
        "HVA/ Tulsote :", "Kotka, Hamina:", "Seurakunta:", "Maksuton ehkäisy:", "(Hamina)",
        "(Kotka, Kouvola)", "(ETU-hanke)", "- ", "• ", "–", "* ", "1. ", "2) ", "-", ":", "(", ")",
        "oikea-", "aikainen", "Toimenpiteide", "n", " ", "  ", "\n", "\t", "Päihdenuoret", "lasten",
        "Ä", "ß", "ǅ", "İ", "ﬁ", "\u00a0", "\u2028",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=6).map("".join)


@st.composite
def pdf_lines(draw: st.DrawFn) -> list[Line]:
    n = draw(st.integers(min_value=0, max_value=8))
    lines = []
    y = 60.0
    for _ in range(n):
        text = draw(TEXT)
        x0 = 100.0 + draw(st.sampled_from([0.0, 0.0, 12.0, 24.0, 3.0]))
        width = draw(st.floats(min_value=0.0, max_value=320.0))
        y += draw(st.sampled_from([11.0, 11.0, 11.0, 20.0, 0.0, 3.0]))
        lines.append(
            Line(
                text=text,
                bbox=(x0, y, x0 + width, y + 9.0),
                size=draw(st.sampled_from([None, 9.0])),
            )
        )
    return lines


@st.composite
def pptx_lines(draw: st.DrawFn) -> list[Line]:
    n = draw(st.integers(min_value=0, max_value=8))
    lines = []
    for i in range(n):
        text = draw(TEXT)
        lines.append(
            Line(
                text=text,
                bbox=(100.0, 60.0 + 11 * i, 400.0, 69.0 + 11 * i),
                paragraph=draw(st.sampled_from([i, max(i - 1, 0)])),
                level=draw(st.sampled_from([0, 0, 1, 2])),
                bullet=draw(st.sampled_from([None, None, "•"])),
            )
        )
    return lines


def chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def check(lines: list[Line]) -> None:
    sts, warnings = cell_statements(lines, BOX, REG, page=3)
    raw_chars = sum((chars(s.raw) for s in sts), Counter())
    line_chars = sum((chars(ln.text) for ln in lines), Counter())
    assert raw_chars - line_chars == Counter(), "raw holds characters the lines don't"
    dropped = line_chars - raw_chars
    bare: Counter[str] = Counter()
    for para in paragraphs(lines, BOX, registry=REG):
        hit = REG.read_prefix(para.text())
        if hit is not None and hit.kind == "known" and hit.bare:
            bare += chars(para.raw)
    assert dropped - bare == Counter(), f"dropped {dropped - bare}"
    for s in sts:
        assert chars(s.text) - chars(s.raw) == Counter(), (s.text, s.raw)
        assert s.text == s.text.strip()
        assert s.page == 3
        assert s.attribution in ("prefix", "suffix", "inherited", "none")
        assert (s.attribution == "none") == (s.actors == [])
        assert all(a in REG for a in s.actors)
    assert all(w.code in {"fuzzy-actor", "unknown-actor", "bare-prefix"} for w in warnings)
    cell_text(lines, BOX)  # never raises either


@pytest.mark.slow
@settings(
    derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(pdf_lines())
def test_pdf_cells_never_raise_or_lose_text(lines: list[Line]) -> None:
    check(lines)


@pytest.mark.slow
@settings(
    derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(pptx_lines())
def test_pptx_cells_never_raise_or_lose_text(lines: list[Line]) -> None:
    check(lines)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=6))
def test_arbitrary_unicode_lines(texts: list[str]) -> None:
    lines = [
        Line(text=t, bbox=(100.0, 60.0 + 11 * i, 300.0, 69.0 + 11 * i)) for i, t in enumerate(texts)
    ]
    check(lines)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(TEXT, TEXT, st.booleans())
def test_join_lines_only_changes_whitespace(a: str, b: str, full: bool) -> None:
    joined = join_lines(a, b, full=full)
    assert chars(joined) == chars(a) + chars(b)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(max_size=8), st.text(max_size=8))
def test_osa_distance_is_a_symmetric_bounded_metric(a: str, b: str) -> None:
    d = osa_distance(a, b)
    assert d == osa_distance(b, a)
    assert (d == 0) == (a == b)
    assert abs(len(a) - len(b)) <= d <= max(len(a), len(b))
    assert osa_distance(a, b, limit=1) == min(d, 2)
