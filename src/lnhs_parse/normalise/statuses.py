"""A status cell read: its icons, its words and its fill colour, as steps of the scale.

A deck shows a status by one or more carriers (docs/templates.md, "Statuses"):

- **icons** (shapes, pictures, coloured glyphs): each icon is one status, read through the legend
  (`Legend.statuses`), or by its colour's hue when the deck has no legend;
- **a word** ("Osittain toteutunut", "Käynnissä. Koulutukset alkoivat."): read through the scale
  vocabulary (`legend.status_word`);
- **the cell's fill** (traffic lights): read through the legend's colours, else by hue when nothing
  else in the cell names a step. A fill the row's other cells share is the row's banding, not a
  status; so is a fill too pale to have a hue.

Several carriers of one cell that agree are one status; icons count one each. Where they disagree,
the word wins (else the icons) and a `status-carriers-disagree` warning names both. A short text
that names no step becomes a step of its own (`unknown-status-word`), outside the scale's order.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from dataclasses import dataclass, field

from lnhs_parse.layout import Cell, Icon
from lnhs_parse.normalise.columns import column_key
from lnhs_parse.normalise.content import is_glyph_text
from lnhs_parse.normalise.legend import (
    SAME_FILL,
    Legend,
    colour_distance,
    is_fill,
    status_from_hue,
    status_word,
)
from lnhs_parse.normalise.paragraphs import cell_text
from lnhs_parse.normalise.scale import ScaleReader
from lnhs_parse.normalise.warn import warning
from lnhs_parse.records import Warning
from lnhs_parse.utils.colour import parse_hex
from lnhs_parse.utils.strings import collapse_ws

__all__ = ["CellStatus", "read_status"]

# A fill below this saturation (0..1) has no hue worth reading (white, greys, pale banding).
MIN_FILL_SATURATION = 0.12
# A text that names no step is taken for a step's own word when it is this short.
MAX_UNKNOWN_WORDS = 3
MAX_UNKNOWN_CHARS = 40


@dataclass
class CellStatus:
    """The statuses read from one status cell, the cell's text, and what was odd."""

    codes: list[str] = field(default_factory=list)
    text: str | None = None
    warnings: list[Warning] = field(default_factory=list)


def _fill_of(cell: Cell | None, row_fills: Sequence[str | None]) -> str | None:
    """The cell's fill when it can carry a status: not white, and not the row's banding."""
    fill = cell.fill if cell is not None else None
    if fill is None or not is_fill(fill):
        return None
    others = [f for f in row_fills if f is not None]
    if others and all(colour_distance(f, fill) < SAME_FILL for f in others):
        return None  # the whole row is filled alike: banding
    return fill.upper()


def _fill_status(fill: str, legend: Legend, reader: ScaleReader, *, by_hue: bool) -> str | None:
    """A fill's step: the legend colour closest to it (a grey "ei tiedossa" included), else, when
    `by_hue`, its hue when it is coloured enough to have one."""
    best: tuple[float, str] | None = None
    for entry in legend.read or legend.entries:
        d = colour_distance(entry.color, fill)
        if d < legend.max_colour_distance and (best is None or d < best[0]):
            best = (d, entry.status)
    if best is not None:
        return best[1]
    if not by_hue:
        return None
    rgb = parse_hex(fill)
    assert rgb is not None
    _h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    if s < MIN_FILL_SATURATION or v < 0.2:
        return None
    code = status_from_hue(fill, min_saturation=MIN_FILL_SATURATION)
    reader.by_hue = reader.by_hue or code is not None
    return code


def read_status(
    cell: Cell | None,
    icons: Sequence[Icon],
    row_fills: Sequence[str | None],
    legend: Legend,
    page: int,
    reader: ScaleReader,
    vocabulary: frozenset[str] = frozenset(),
) -> CellStatus:
    """The statuses of one status cell (module docstring); `row_fills` are the fills of the row's
    other cells (to tell banding from a status colour); what was read is noted in `reader`."""
    out = CellStatus()
    icon_codes, out.warnings = legend.statuses(list(icons), page)
    reader.by_hue = reader.by_hue or (legend.by_hue and bool(icon_codes))
    for icon, code in zip(icons, icon_codes, strict=False):
        reader.saw(code, None, icon.colour)
    lines = [ln for ln in (cell.lines if cell else ()) if not is_glyph_text(ln.text)]
    text = collapse_ws(cell_text(lines, cell.bbox, vocabulary)) if cell and lines else ""
    out.text = text or None
    word = status_word(text) if text else None
    fill = _fill_of(cell, row_fills)
    codes = list(icon_codes)
    # a colour no legend states is read by its hue only when nothing else in the cell names a step
    fill_code = _fill_status(fill, legend, reader, by_hue=not codes and word is None) if fill \
        else None
    if word is not None:
        code, printed = word
        reader.saw(code, printed, fill)
        if codes and code not in codes:
            out.warnings.append(_disagree(page, f"word {printed!r} ({code})",
                                          f"icons ({', '.join(codes)})"))
        elif not codes:
            codes = [code]
    elif text and not codes and fill_code is None:
        words = text.split()
        short = len(words) <= MAX_UNKNOWN_WORDS and len(text) <= MAX_UNKNOWN_CHARS
        if short and any(ch.isalpha() for ch in text):
            code = column_key(text)
            reader.saw(code, text)
            codes = [code]
            why = "read as a step of its own, outside the scale's order"
        else:
            why = "kept as the status text only"
        out.warnings.append(
            warning(
                code="unknown-status-word",
                message=f"page {page}: status text {text[:60]!r} names no step of the scale; "
                + why,
                page=page,
            )
        )
    if fill_code is not None:
        if not codes:
            codes = [fill_code]
            reader.saw(fill_code, None, fill)
        elif fill_code not in codes:
            what = f"word {word[1]!r}" if word else "icons"
            out.warnings.append(_disagree(page, what + f" ({', '.join(codes)})",
                                          f"colour {fill} ({fill_code})"))
    out.codes = codes
    return out


def _disagree(page: int, first: str, second: str) -> Warning:
    return warning(
        code="status-carriers-disagree",
        message=f"page {page}: a status cell's {first} and its {second} name different "
        f"steps; the {first.split(' ')[0]} read",
        page=page,
    )
