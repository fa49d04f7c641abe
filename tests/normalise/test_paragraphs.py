"""The PDF paragraph rules of `lnhs_parse.normalise.paragraphs` read from the geometry alone
(docs/parsing-rules.md, "Paragraphs"), one rule per test, each with the example it documents."""

from __future__ import annotations

from dataclasses import replace

from lnhs_parse.layout import BBox, Line
from lnhs_parse.normalise.evidence import TextEvidence
from lnhs_parse.normalise.paragraphs import END_FACTS, line_ends, paragraphs, text_boxes

WRAP = TextEvidence(wrap_spaces=True)
LEFT, TOP = 100.0, 60.0
BOX: BBox = (LEFT - 7, TOP - 7, LEFT + 307, 700.0)


def test_a_figure_set_large_is_its_own_paragraph_above_its_caption() -> None:
    # "35%" in 54 pt, its caption under it in 20 pt, starting lower-case: no space after the
    # figure and no gap wider than the figure's own line pitch, but a wrap keeps the type
    figure = Line(text="35%", bbox=(LEFT + 70, TOP, LEFT + 164, TOP + 54), size=54.0)
    caption = [
        Line(text="of pupils scoring proficient", bbox=(LEFT, TOP + 67, LEFT + 235, TOP + 87),
             size=20.0, space_after=True),
        Line(text="or above in reading", bbox=(LEFT + 10, TOP + 91, LEFT + 225, TOP + 111),
             size=20.0),
    ]
    got = [p.text() for p in paragraphs([figure, *caption], BOX, evidence=WRAP)]
    assert got == ["35%", "of pupils scoring proficient or above in reading"]


def _line(text: str, top: float, width: float, *, x0: float = LEFT, size: float = 8.0) -> Line:
    return Line(text=text, bbox=(x0, top, x0 + width, top + size), size=size)


def test_a_year_wrapped_from_a_short_statement_goes_on_with_it() -> None:
    # a narrow cell: "2025" did not fit after "Arviointi keväällä" (three characters' room, five
    # needed), so the renderer wrapped there; a figure under a few words is no label's value
    char_w = 4.5
    first = _line("Arviointi keväällä", TOP, 18 * char_w, size=9)
    box: BBox = (LEFT, TOP, first.bbox[2] + 3 * char_w, TOP + 40)
    lines = [first, _line("2025", TOP + 11, 4 * char_w, size=9)]
    assert [p.text() for p in paragraphs(lines, box)] == ["Arviointi keväällä 2025"]


def test_a_figure_wrapped_from_a_sentence_goes_on_with_it() -> None:
    box: BBox = (LEFT, TOP, LEFT + 300, TOP + 60)
    # after a comma, or after more words than a label has: the sentence's last word
    comma = [_line("Methods adapted from the work of Warren, et al.,", TOP, 290, size=20),
             _line("2002", TOP + 24, 40, size=20)]
    assert [p.text() for p in paragraphs(comma, box)] == [
        "Methods adapted from the work of Warren, et al., 2002"]
    long = [_line("during the first 6 months of", TOP, 290, size=20),
            _line("1999", TOP + 24, 40, size=20)]
    assert [p.text() for p in paragraphs(long, box)] == ["during the first 6 months of 1999"]


def test_a_line_left_of_the_marker_above_starts_a_new_paragraph() -> None:
    # a bullet at x 169 wrapped at a space, then a heading at x 124 under it: no wrap starts left
    # of the item's marker (the heading is set only 12 % larger, within one type's sizes)
    item = Line(text="• Fee-Basis Inpatient & Outpatient", bbox=(LEFT + 45, TOP, LEFT + 290,
                TOP + 28), size=28.0, space_after=True)
    heading = Line(text="Medicare Data", bbox=(LEFT, TOP + 42, LEFT + 217, TOP + 74), size=31.0)
    got = [p.text() for p in paragraphs([item, heading], BOX, evidence=WRAP)]
    assert got == ["Fee-Basis Inpatient & Outpatient", "Medicare Data"]
    # under the item's text, or under its marker, the item goes on
    for x0 in (LEFT + 45, LEFT + 60):
        wrapped = Line(text="and Medicare Data", bbox=(x0, TOP + 32, x0 + 200, TOP + 60),
                       size=28.0)
        assert len(paragraphs([item, wrapped], BOX, evidence=WRAP)) == 1


def test_a_line_under_an_items_text_goes_on_with_the_item() -> None:
    # pdfcpu go.pdf p. 20: "• No implicit type conversion" wrapped at a space, then a capitalised
    # line under the item's text that would have fitted twice over (a line broken by hand inside
    # the item, one paragraph in the tags): the item goes on
    item = Line(text="• No implicit type conversion", bbox=(LEFT, TOP, LEFT + 150, TOP + 16),
                size=16.0, space_after=True)
    under = Line(text="All conversions must be explicit",
                 bbox=(LEFT + 14, TOP + 18, LEFT + 170, TOP + 34), size=16.0, space_after=True)
    assert [p.text() for p in paragraphs([item, under], BOX, evidence=WRAP)] == [
        "No implicit type conversion All conversions must be explicit"]
    # under its marker, or with a marker of its own (a dash, a figure dash), a new paragraph
    for text, x0 in (("All conversions must be explicit", LEFT), ("– Nested item", LEFT + 14),
                     ("\u2012 Nested item", LEFT + 14)):
        other = Line(text=text, bbox=(x0, TOP + 18, x0 + 150, TOP + 34), size=16.0)
        assert len(paragraphs([item, other], BOX, evidence=WRAP)) == 2, text


def test_a_parenthesis_after_an_unfinished_sentence_goes_on_with_it() -> None:
    # 0168029.pdf p. 25: "hyperactivity disorder" wrapped at a space, "(ADHD)" would have fitted
    # twice over after it: the sentence's aside, not a paragraph
    lines = [Line(text="Attention deficit and", bbox=(LEFT, TOP, LEFT + 140, TOP + 16), size=16.0,
                  space_after=True),
             Line(text="hyperactivity disorder", bbox=(LEFT, TOP + 19, LEFT + 146, TOP + 35),
                  size=16.0, space_after=True),
             Line(text="(ADHD)", bbox=(LEFT, TOP + 38, LEFT + 50, TOP + 54), size=16.0)]
    assert [p.text() for p in paragraphs(lines, BOX, evidence=WRAP)] == [
        "Attention deficit and hyperactivity disorder (ADHD)"]
    # after a sentence's end, a parenthesis that would have fitted starts a paragraph
    ended = [lines[0], replace(lines[1], text="hyperactivity disorder."), lines[2]]
    assert len(paragraphs(ended, BOX, evidence=WRAP)) == 2


def test_a_marker_beside_much_larger_type_is_another_boxs() -> None:
    # most_content_in_image_form.pdf p. 1: an empty numbered item "2." in 24 pt, and 109 pt to its
    # right a 44 pt heading of another text box on its row: the gap is over three of the
    # marker's sizes, so they are not one item
    marker = Line(text="2.", bbox=(85.5, 178.7, 103.9, 202.5), size=23.8)
    heading = Line(text="The Help Line", bbox=(212.9, 168.3, 487.1, 212.3), size=44.0)
    assert [[ln.text for ln in box] for box in text_boxes([marker, heading])] == [
        ["The Help Line"], ["2."]]
    # a bullet scaled to 75 % of its text, a tab away: one item
    bullet = Line(text="•", bbox=(LEFT, TOP + 4, LEFT + 9, TOP + 22), size=18.0)
    text = Line(text="Local reminders", bbox=(LEFT + 27, TOP, LEFT + 200, TOP + 24), size=24.0)
    assert [[ln.text for ln in box] for box in text_boxes([bullet, text])] == [
        ["•", "Local reminders"]]


def test_line_ends_read_as_paragraphs_do() -> None:
    # the geometry's reading of each line end, with the facts there, is the one `paragraphs` uses
    item = Line(text="• No implicit type conversion", bbox=(LEFT, TOP, LEFT + 150, TOP + 16),
                size=16.0, space_after=True)
    under = Line(text="All conversions must be explicit",
                 bbox=(LEFT + 14, TOP + 18, LEFT + 170, TOP + 34), size=16.0)
    nxt = Line(text="• Arrays are values", bbox=(LEFT, TOP + 40, LEFT + 120, TOP + 56),
               size=16.0)
    ends = line_ends([item, under, nxt], BOX, evidence=WRAP)
    assert [e.ends for e in ends] == [False, True]
    assert len(paragraphs([item, under, nxt], BOX, evidence=WRAP)) == 2
    assert {"hangs under item", "space printed", "deck prints wrap spaces"} <= ends[0].facts
    assert "next marked" in ends[1].facts and "space printed" not in ends[1].facts
    assert all(f in END_FACTS for e in ends for f in e.facts)


def test_a_line_set_wholly_in_italic_under_an_upright_one_is_another_paragraph() -> None:
    # a contact card: a name, a title in italic, a number; the title is the block's widest line,
    # so no room says the line was ended on purpose, and nothing else tells the fields apart
    def card(italic_title: bool | None) -> list[Line]:
        return [
            replace(_line("Abu I. Mansoor", TOP, 57, size=9.5), italic=False, space_after=True),
            replace(_line("Senior Research Analyst", TOP + 14, 96, size=9.5),
                    italic=italic_title, space_after=True),
            replace(_line("+1 954 331 1733", TOP + 28, 62, size=9.5), italic=False,
                    space_after=True),
        ]

    box: BBox = (LEFT, TOP, LEFT + 96, TOP + 40)
    for evidence in (WRAP, TextEvidence()):
        assert [p.text() for p in paragraphs(card(True), box, evidence=evidence)] == [
            "Abu I. Mansoor", "Senior Research Analyst", "+1 954 331 1733"]
        ends = line_ends(card(True), box, evidence=evidence)
        assert ["restyled" in e.facts for e in ends] == [True, True]
        # an italic word inside the line, or no slant known: the type says nothing
        for title in (None, False):
            ends = line_ends(card(title), box, evidence=evidence)
            assert not any("restyled" in e.facts for e in ends)
