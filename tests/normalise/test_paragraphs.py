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
