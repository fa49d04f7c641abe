"""The plain objects the engine-neutral PDF modules work on.

A PDF engine hands each page over as lists of dicts in pdfplumber's shape (``page.objects``): chars
(``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``, ``fontname``, ``matrix``, ``upright``,
``non_stroking_color``, ``mcid``), rects, lines and curves (``x0``, ``top``, ``x1``, ``bottom``,
``fill``, ``stroke``, ``non_stroking_color``) and images (their box and ``stream``, read only by
`lnhs_parse.extract.pdf.images`). Boxes are in points from the page's top-left corner.
"""

from __future__ import annotations

from typing import Any

from lnhs_parse.layout import BBox

PdfObject = dict[str, Any]
"""One char, rect, line, curve or image of a page."""

PageObjects = dict[str, list[PdfObject]]
"""A page's objects by kind: "char", "rect", "line", "curve", "image"."""

RGB = tuple[float, float, float]
"""A colour with channels in 0..1."""


def box(o: PdfObject) -> BBox:
    """The object's box, (x0, top, x1, bottom)."""
    return (o["x0"], o["top"], o["x1"], o["bottom"])


def round_box(b: BBox) -> BBox:
    """A box rounded to 1/100 pt, as the layout model stores it."""
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


def upright(a: float, b: float, c: float, d: float) -> bool:
    """Whether a glyph drawn with the matrix (a b c d) stands upright: not mirrored (pdfminer's
    test: a·d > 0 and b·c ≤ 0), and its baseline runs left to right, more across than up or down
    (a > |b|: turned less than an eighth of a turn). A letter turned a quarter turn has a and d of
    rounding noise (−1e−17 each, a product above 0), which pdfminer's test alone takes for
    upright, as it takes text turned upside down."""
    return a * d > 0 and b * c <= 0 and a > abs(b)
