"""Drawn list markers: a bullet an HTML renderer draws as a small filled shape, with no character in
the text layer, becomes `Line.bullet`; a status icon next to text does not.

The PDFs are written by hand (tests/hostile.py's minimal writer): Helvetica text and filled paths.
"""

from __future__ import annotations

from pathlib import Path

import hostile
from lnhs_parse.extract import pdf as pdf_extractor
from lnhs_parse.layout import Document, Line
from lnhs_parse.settings import ParseOptions

DARK = b"0.1 0.1 0.1"


def disc(cx: float, cy: float, r: float, colour: bytes = DARK) -> bytes:
    """A filled circle of four Bézier curves (how Chromium draws a `disc` marker or a CSS circle)."""
    k = 0.5523 * r
    pts = [
        (cx + r, cy + k, cx + k, cy + r, cx, cy + r),
        (cx - k, cy + r, cx - r, cy + k, cx - r, cy),
        (cx - r, cy - k, cx - k, cy - r, cx, cy - r),
        (cx + k, cy - r, cx + r, cy - k, cx + r, cy),
    ]
    ops = b"%s rg %.2f %.2f m " % (colour, cx + r, cy)
    ops += b" ".join(b"%.2f %.2f %.2f %.2f %.2f %.2f c" % p for p in pts)
    return ops + b" f\n"


def square(x: float, y: float, side: float, colour: bytes = DARK) -> bytes:
    return b"%s rg %.2f %.2f %.2f %.2f re f\n" % (colour, x, y, side, side)


def text(x: float, y: float, s: str, size: float = 10, colour: bytes = DARK) -> bytes:
    return b"BT %s rg /F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET\n" % (
        colour, size, x, y, s.encode("latin-1"))


def extract(tmp_path: Path, content: bytes) -> Document:
    path = tmp_path / "markers.pdf"
    path.write_bytes(hostile.one_page_pdf(content))
    return pdf_extractor.extract(path, ParseOptions())


def line(d: Document, start: str) -> Line:
    return next(ln for ln in d.pages[0].lines if ln.text.startswith(start))


# Helvetica 10 pt on baseline y: the line's box spans about y - 2 … y + 7 (PDF space), its middle
# near y + 2.5, where a renderer centres its marker.


def test_disc_and_square_markers_become_bullets(tmp_path: Path) -> None:
    d = extract(
        tmp_path,
        disc(94, 702.5, 1.5) + text(100, 700, "Nuorille suunnattujen palauteiltojen")
        + text(100, 688.5, "suunnittelun aloittaminen")  # the item's wrapped line: no marker
        + square(106.5, 663, 3) + text(114, 661, "Koulutukset"),
    )
    assert line(d, "Nuorille").bullet == "•"
    assert line(d, "suunnittelun").bullet is None
    assert line(d, "Koulutukset").bullet == "▪"
    assert all(not ln.text.startswith(("•", "▪")) for ln in d.pages[0].lines)  # not in the text
    # the item's line starts at its marker (its indent is the bullet's), the wrapped line at its text
    assert line(d, "Nuorille").bbox[0] == 92.5
    assert line(d, "suunnittelun").bbox[0] == 100
    assert line(d, "Koulutukset").bbox[0] == 106.5


def test_markers_of_large_text_are_no_icons(tmp_path: Path) -> None:
    """At 18 pt a disc is 5 pt wide, icon-sized: as a marker it is no icon."""
    d = extract(tmp_path, disc(76, 704.5, 2.6) + text(86, 700, "Lapsivaikutusten arviointi", 18))
    assert line(d, "Lapsivaikutusten").bullet == "•"
    assert d.pages[0].icons == ()


def test_status_icon_before_text_is_no_marker(tmp_path: Path) -> None:
    """A 14 pt red circle before 10 pt text in the same red is an icon, not a bullet: too large."""
    red = b"0.9 0.22 0.21"
    d = extract(tmp_path, disc(85, 702.5, 7, red) + text(100, 700, "Aloitettu", colour=red))
    assert line(d, "Aloitettu").bullet is None
    assert [icon.colour for icon in d.pages[0].icons] == ["#E63836"]


def test_small_dot_in_another_colour_is_no_marker(tmp_path: Path) -> None:
    d = extract(tmp_path, disc(94, 702.5, 1.5, b"0.9 0.22 0.21") + text(100, 700, "Aloitettu"))
    assert line(d, "Aloitettu").bullet is None


def test_marker_far_from_the_text_or_off_its_height_is_none(tmp_path: Path) -> None:
    d = extract(
        tmp_path,
        disc(70, 702.5, 1.5) + text(100, 700, "Kaukana")  # 28 pt left of the text
        + disc(94, 680, 1.5) + text(100, 690, "Korkealla"),  # below the line's box
    )
    assert line(d, "Kaukana").bullet is None
    assert line(d, "Korkealla").bullet is None
