"""Text shadows, read once where the text stands (engine-neutral: works on plain char dicts).

A hard text shadow (PowerPoint's "Shadow" button, CSS ``text-shadow`` without blur in a Chromium
print) is the text drawn twice: a copy in the shadow's colour, a little down and to one side, and
the text itself. A reader sees one line. Left alone, the two copies make doubled lines, or one line
of interleaved letters (``vväälliittaavvooiitt``), or a word space where one copy's letter meets the
other's (``pa lvelujärjestelmä``).

A glyph is a shadow's or its text's when a glyph of the same character and size, upright, stands at
most `SHADOW_OFFSET` of the size away from it in x and in y, and off it in y by more than
`SHADOW_MIN_RISE` of the size (two copies on one baseline are kerned or tracked letters, ``ll``;
the same letter on the next line stands a line's height, 0.9 of the size or more, below). Of each
such pair the upper glyph is kept, the lower one left out; where the structure tree tags only the
lower copy, the upper one takes its marked-content id. PowerPoint 2003's shadows in
``421197.pdf`` stand 0.04 of the size off (and are the copies it tags), a 1.5 pt CSS shadow on
9 pt text 0.17.

pdfium's text page has already left out some copies (a text object repeating the one before it),
not all: a line may come with its text's glyphs for one word and only its shadow's for the next.
So on a page with shadows, a glyph without a partner in a colour only the lower copies have (the
shadow's colour) is moved by the offset its size's pairs have, onto where its text stands, and
takes the colour the text has in those pairs. Where pdfium left out the text's copy of every word
of a line, the pdfium extractor moves the shadow's chars onto the text's object itself
(`pdfium._onto_dropped_copies`).

The line reader tells when to look (`lines.runs`: a glyph drawn over the one before it), so a page
without one costs nothing here.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import NamedTuple

from lnhs_parse.extract.pdf.objects import PdfObject

__all__ = ["SHADOW_MIN_RISE", "SHADOW_OFFSET", "Unshadowed", "move", "read_once"]

SHADOW_OFFSET = 0.25  # × the size: how far a shadow may stand off its text, in x and in y
SHADOW_MIN_RISE = 0.01  # × the size: how far off its text a shadow stands in y at least
MIN_WIDTH = 0.01  # points: a glyph narrower has no width of its own (a font without widths)
# A glyph is looked for among the last this many of its kind in each bucket it may lie in: text
# sets the same letter in the same size no more than a few times in half a size's square, so
# none is missed, and a page of thousands of copies on one spot costs no more than that many each.
MAX_CANDIDATES = 8

_Key = tuple[str, float, int, int]  # char, rounded size, bucket x, bucket y


class Unshadowed(NamedTuple):
    """A page's chars read once (`read_once`)."""

    chars: list[PdfObject]  # without the shadows' glyphs
    dropped: int  # glyphs left out


def read_once(chars: list[PdfObject]) -> Unshadowed:
    """The page's chars without the lower copy of each shadowed glyph, and with each lone shadow
    glyph moved onto its text (see the module doc). Returns `chars` itself when the page has no
    shadow (one pass, four dict look-ups a glyph)."""
    near: dict[_Key, list[PdfObject]] = {}
    lower: dict[int, PdfObject] = {}  # id → the lower copy of a pair, left out
    paired: set[int] = set()
    offsets: dict[float, Counter[tuple[float, float]]] = {}  # rounded size → (dx, dy) of pairs
    colours: dict[object, Counter[object]] = {}  # lower copy's colour → its text's colours
    text_colour: dict[object, object] = {}  # ... and one value of each, as the chars hold it
    for c in chars:
        size = c["size"] or 0.0
        if not c.get("upright", True) or size <= 0.0 or c["x1"] - c["x0"] <= MIN_WIDTH:
            continue
        reach = SHADOW_OFFSET * size
        cell = 2.0 * reach
        x, y = c["x0"], c["top"]
        fx, fy = x / cell, y / cell
        bx, by = math.floor(fx), math.floor(fy)
        # a glyph within `reach` lies in this bucket or the next one towards it, in x and in y
        nx = bx - 1 if fx - bx < 0.5 else bx + 1
        ny = by - 1 if fy - by < 0.5 else by + 1
        text, size_r = c["text"], round(size, 1)
        rise = SHADOW_MIN_RISE * size
        partner = None
        for key in ((text, size_r, bx, by), (text, size_r, nx, by), (text, size_r, bx, ny),
                    (text, size_r, nx, ny)):
            bucket = near.get(key)
            if not bucket:
                continue
            for p in bucket[-MAX_CANDIDATES:]:
                if id(p) not in paired and abs(p["x0"] - x) <= reach \
                        and rise < abs(p["top"] - y) <= reach:
                    partner = p
                    break
            if partner is not None:
                break
        if partner is None:
            near.setdefault((text, size_r, bx, by), []).append(c)
            continue
        up, down = (partner, c) if partner["top"] < y else (c, partner)
        paired.update((id(up), id(down)))
        if up.get("mcid") is None and down.get("mcid") is not None:  # the copy the tree tags
            up["mcid"] = down["mcid"]
        lower[id(down)] = down
        offsets.setdefault(size_r, Counter())[
            (round(down["x0"] - up["x0"], 2), round(down["top"] - up["top"], 2))] += 1
        colours.setdefault(_colour(down), Counter())[_colour(up)] += 1
        text_colour[_colour(up)] = up.get("non_stroking_color")
    if not lower:
        return Unshadowed(chars, 0)
    texts = {t for counts in colours.values() for t in counts}
    recolour = {shadow: counts.most_common(1)[0][0] for shadow, counts in colours.items()
                if shadow not in texts}  # a colour only shadows have → its text's
    step = {size_r: counts.most_common(1)[0][0] for size_r, counts in offsets.items()}
    for c in chars:
        colour = _colour(c)
        if id(c) in paired or colour not in recolour or not c.get("upright", True):
            continue
        offset = step.get(round(c["size"] or 0.0, 1))
        if offset is not None:
            move(c, -offset[0], -offset[1])
            c["non_stroking_color"] = text_colour[recolour[colour]]
    return Unshadowed([c for c in chars if id(c) not in lower], len(lower))


def _colour(c: PdfObject) -> object:
    colour = c.get("non_stroking_color")
    return tuple(colour) if isinstance(colour, list) else colour


def move(c: PdfObject, dx: float, dy: float) -> None:
    """Move a char `dx` right and `dy` down the page (its box and its matrix's origin)."""
    c["x0"] += dx
    c["x1"] += dx
    c["top"] += dy
    c["bottom"] += dy
    m = c.get("matrix")
    if m is not None:
        c["matrix"] = (m[0], m[1], m[2], m[3], m[4] + dx, m[5] - dy)
