"""The structure tree as an oracle (`lnhs_parse.extract.pdf.oracle`): where the tree states no
paragraph a reader sees, it says so rather than count it against the geometry."""

from __future__ import annotations

from typing import Any

from lnhs_parse.extract.pdf.oracle import TreeParagraph, _mark_cut, _mark_out_of_order, _text


def _chars(text: str, top: float, x0: float = 100.0, size: float = 24.0,
           font: str = "Arial") -> list[dict[str, Any]]:
    """One printed line of `text`, a char dict per character (6 pt apart)."""
    return [{"text": ch, "x0": x0 + 6 * i, "x1": x0 + 6 * i + 6, "top": top,
             "bottom": top + size, "size": size, "fontname": font,
             "matrix": (1, 0, 0, 1, x0 + 6 * i, 800 - top - size)}
            for i, ch in enumerate(text)]


def _cut(*lines: list[dict[str, Any]]) -> list[bool]:
    paragraphs = [TreeParagraph(text=_text(cs)) for cs in lines]
    ink = [[c for c in cs if c["text"].strip()] for cs in lines]
    _mark_cut(paragraphs, ink, [not cs[-1]["text"].strip() for cs in lines])
    return [p.cut for p in paragraphs]


def test_a_sentence_the_tags_cut_at_a_line_end_is_not_counted() -> None:
    # PDFMaker tags each printed line of a bullet as a paragraph: one sentence, cut at wrap spaces
    assert _cut(
        _chars("Assess and compare colon cancer initial surgical & ", 170),
        _chars("adjuvant treatment patterns, controlling for stage of ", 199),
        _chars("cancer and comorbidity", 227),
        _chars("Characterize and compare healthcare use", 291),
    ) == [True, True, True, False]


def test_a_word_or_range_the_tags_cut_after_a_dash_is_not_counted() -> None:
    # PDFMaker tags a printed line ending in a range's dash as a paragraph, no space printed
    assert _cut(_chars("beginning of each year, 1999\u2013", 100),
                _chars("2001)", 128)) == [True, True]
    assert _cut(_chars("Lasten ja nuorten hyvinvointi-", 100), _chars("suunnitelma", 128)) == [
        True, True]
    # a dash spaced off its word, or a bullet after a dash, is a paragraph's own end
    assert _cut(_chars("Tavoitteet \u2013", 100), _chars("2001)", 128)) == [False, False]
    assert _cut(_chars("Tavoitteet 1999\u2013", 100), _chars("\u2022 Perheet", 128)) == [
        False, False]


def test_paragraphs_a_reader_sees_are_counted() -> None:
    # no space printed after the last word: the line was ended there
    assert _cut(_chars("Listening", 474), _chars("comprehension", 495)) == [False, False]
    # a sentence's end before a lower-case line
    assert _cut(_chars("Tavoitteet on asetettu. ", 100), _chars("perheiden tuki", 128)) == [
        False, False]
    # a capital starts a new paragraph
    assert _cut(_chars("Research to Action: ", 100), _chars("Improving literacy", 128)) == [
        False, False]
    # far below (more than three font sizes), or beside rather than below
    assert _cut(_chars("A reading classroom ", 100), _chars("with a basis", 200)) == [False, False]
    assert _cut(_chars("A reading classroom ", 100), _chars("with a basis", 128, x0=400)) == [
        False, False]
    # a heading and code under it, set in another size; code lines in a fixed-width face
    assert _cut(_chars("Struct Types and Methods ", 100, size=40),
                _chars("type Point struct {", 150)) == [False, False]
    assert _cut(_chars("import (", 100, font="CourierNew"),
                _chars("flag.Parse() ", 128, font="CourierNew")) == [False, False]


def _usable(furniture: list[dict[str, Any]], *lines: list[dict[str, Any]]) -> list[bool]:
    paragraphs = [TreeParagraph(text=_text(cs)) for cs in lines]
    ink = [[c for c in cs if c["text"].strip()] for cs in lines]
    _mark_out_of_order(paragraphs, ink, furniture)
    return [p.usable for p in paragraphs]


def test_a_paragraph_sharing_its_printed_line_with_an_artifact_is_not_counted() -> None:
    # PDFMaker types a running header as one line, its first word page furniture: the tags cut
    # the printed line "MARKETVIEW FLORIDA INDUSTRIAL" a typed space after the artifact
    header = _chars("MARKETVIEW ", 40, x0=100.0, size=10.0)
    assert _usable(header, _chars("FLORIDA INDUSTRIAL", 40, x0=100.0 + 6 * 11, size=10.0),
                   _chars("Market Coverage", 300, size=10.0)) == [False, True]
    # the same with no space printed: the artifact's ink a word space (3 pt) from the paragraph's
    assert _usable(_chars("MARKETVIEW", 40, size=10.0),
                   _chars("FLORIDA", 40, x0=100.0 + 6 * 10 + 3, size=10.0)) == [False]


def test_furniture_apart_from_a_paragraph_leaves_it_counted() -> None:
    # a page number on the footnote's baseline, far right; a header above the text
    assert _usable(_chars("34 ", 500, x0=680.0, size=12.0),
                   _chars("1 Sample PLR Template", 500, x0=10.0, size=12.0)) == [True]
    assert _usable(_chars("MARKETVIEW ", 20, size=10.0),
                   _chars("FLORIDA INDUSTRIAL", 40, size=10.0)) == [True]
    # a cell's padding space alone, as PDFMaker marks it, right before a tagged label: no line
    assert _usable(_chars(" ", 40, x0=92.0, size=9.0),
                   _chars("Broward", 40, x0=95.0, size=9.0)) == [True]
