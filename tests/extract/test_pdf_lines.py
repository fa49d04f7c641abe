"""The line reader's helpers that stand in for slower built-ins give the built-ins' results."""

from __future__ import annotations

import math
import random

from lnhs_parse.extract.pdf.lines import _tenth
from lnhs_parse.extract.pdf.objects import upright
from lnhs_parse.layout import Line


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def test_tenth_is_round_to_one_decimal() -> None:
    """`_tenth(v)` is `round(v, 1)`: on coordinates, on the doubles nearest to and next to
    halfway between two tenths, on whole tenths and hundredths, and on the extremes."""
    rnd = random.Random(23)
    values = [0.0, -0.0, 0.05, -0.05, 0.25, 1.15, 2.675, 99999999.95, 1e8, 1e9, 1e10, 4.5e14 + 0.3,
              1e300, -1e300, 5e-324, math.inf, -math.inf, math.nan]
    for _ in range(20000):
        values.append(rnd.uniform(-1000.0, 1000.0))
        values.append(rnd.uniform(-1e9, 1e9) / 10)
        k = rnd.randint(-100000, 100000)
        halfway = (2 * k + 1) / 20
        values += [halfway, math.nextafter(halfway, -math.inf), math.nextafter(halfway, math.inf),
                   k / 10, k / 100, k / 1000]
    wrong = [v for v in values if not _same(_tenth(v), round(v, 1))]
    assert wrong == []


def _char(text: str, x0: float, base: float, size: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + size * 0.5, "top": 800 - base - size,
            "bottom": 800 - base, "size": size, "fontname": "Calibri",
            "matrix": (1, 0, 0, 1, x0, base), "upright": True, "non_stroking_color": (0, 0, 0)}


def _text(word_chars: list[dict[str, object]]) -> list[str]:
    from lnhs_parse.extract.pdf.lines import join_runs, make_line, runs

    found, *_ = runs(word_chars, [])
    lines = [make_line(r, {}) for r in join_runs(found)]
    return [line.text for line in lines if line is not None]


def test_superscript_goes_into_the_line_it_rises_from() -> None:
    # "by 4", then "th" two thirds the size a third of a size higher, then "grade" after it: one
    # line "by 4th grade", not "by 4 grade" and a line "th"
    line = [_char(t, 100 + 10 * i, 500, 20) for i, t in enumerate("by 4")]
    sup = [_char(t, 140 + 6.7 * i, 506.6, 13.3) for i, t in enumerate("th")]
    rest = [_char(" ", 153.4, 500, 8)] + [_char(t, 158 + 10 * i, 500, 20) for i, t in enumerate("grade")]
    assert _text(line + sup + rest) == ["by 4th grade"]
    # at a line's end too ("Brand®"); a small line above a line's text, or standing apart from
    # the line's end, stays apart
    mark = [_char("®", 140, 508, 12)]
    assert _text(line + mark) == ["by 4®"]
    assert sorted(_text([*line, _char("1", 112, 508, 12)])) == ["1", "by 4"]
    assert sorted(_text([*line, _char("1", 160, 508, 12)])) == ["1", "by 4"]


def test_a_letter_turned_a_quarter_turn_is_not_upright() -> None:
    # upright, sheared (synthetic italic), turned a little: upright
    assert upright(1.0, 0.0, 0.0, 1.0) and upright(1.0, 0.0, 0.2, 1.0)
    assert upright(0.97, 0.26, -0.26, 0.97)
    # a quarter turn as PowerPoint writes it: a and d rounding noise of one sign (their product
    # above 0), which pdfminer's test alone takes for upright
    assert not upright(-1e-17, 1.0, -1.0, -1e-17)
    assert not upright(0.0, 1.0, -1.0, 0.0)
    # mirrored, upside down
    assert not upright(-1.0, 0.0, 0.0, 1.0) and not upright(-1.0, 0.0, 0.0, -1.0)


def test_a_face_name_says_whether_it_is_bold_and_slanted() -> None:
    from lnhs_parse.extract.pdf.lines import Face, face

    cache: dict[str, Face] = {}
    assert face("ABCDEF+Calibri-BoldItalic", cache) == Face(bold=True, italic=True)
    assert face("GXRUTG+ArnhemPro-BlondItalic", cache) == Face(bold=False, italic=True)
    assert face("Gill Sans MT,Italic", cache) == Face(bold=False, italic=True)
    assert face("Helvetica-Oblique", cache) == Face(bold=False, italic=True)
    # Adobe's short style names
    assert face("MinionPro-It", cache) == Face(bold=False, italic=True)
    assert face("MyriadPro-BoldIt", cache) == Face(bold=True, italic=True)
    for upright_face in ("DQDCDM+ArnhemPro-Normal", "GillSans-Light", "Calibri", "Arial-BoldMT",
                         "TimesNewRomanPSMT", "Montserrat-Regular"):
        assert not face(upright_face, cache).italic, upright_face
    assert "ABCDEF+Calibri-BoldItalic" in cache


def _styled_line(words: list[tuple[str, str]]) -> Line:
    """One line of `(text, font name)` pieces, each char 10 pt wide."""
    from lnhs_parse.extract.pdf.lines import join_runs, make_line, runs

    chars, x = [], 100.0
    for text, font in words:
        for t in text:
            chars.append({**_char(t, x, 500, 20), "fontname": font})
            x += 10
    found, *_ = runs(chars, [])
    (line,) = [make_line(r, {}) for r in join_runs(found)]
    assert line is not None
    return line


def test_a_line_is_italic_when_every_letter_is() -> None:
    italic, roman = "Calibri-Italic", "Calibri"
    assert _styled_line([("Senior Analyst", italic)]).italic is True
    assert _styled_line([("+1 954 331", roman)]).italic is False
    # one italic word in an upright line: neither
    assert _styled_line([("a ", roman), ("word", italic), (" here", roman)]).italic is None
    # a bullet's face says nothing of the text's: an upright bullet before italic words
    assert _styled_line([("\u2022 ", "Wingdings"), ("Multiple", italic)]).italic is True
    # no letter or digit at all: unknown
    assert _styled_line([("\u2022 \u2013", roman)]).italic is None
