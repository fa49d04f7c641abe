"""The PDF paragraph rules of `lnhs_parse.normalise.paragraphs` read from the geometry alone
(docs/parsing-rules.md, "Paragraphs"), one rule per test, each with the example it documents."""

from __future__ import annotations

from lnhs_parse.layout import BBox, Line
from lnhs_parse.normalise.evidence import TextEvidence
from lnhs_parse.normalise.paragraphs import paragraphs

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
