"""Colours of PDF objects: gray, RGB and CMYK values as RGB in 0..1, and the tests read on them."""

from __future__ import annotations

from typing import Any

from lnhs_parse.extract.pdf.objects import RGB
from lnhs_parse.utils import colour

WHITE = 0.94  # every channel above this: white (a background, not an icon)


def rgb(value: Any) -> RGB | None:
    """A pdfplumber colour (gray, RGB or CMYK tuple) as RGB in 0..1, or None (patterns, unknown)."""
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, (int, float)):
        vals = [float(value)]
    else:
        try:
            vals = [float(v) for v in value]
        except (TypeError, ValueError):
            return None
    vals = [min(1.0, max(0.0, v)) for v in vals]
    if len(vals) == 1:
        return (vals[0], vals[0], vals[0])
    if len(vals) == 3:
        return (vals[0], vals[1], vals[2])
    if len(vals) == 4:
        c, m, y, k = vals
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def to_hex(value: RGB | None) -> str | None:
    """An RGB colour in 0..1 as "#RRGGBB"."""
    if value is None:
        return None
    return colour.rgb_to_hex((value[0] * 255, value[1] * 255, value[2] * 255))


def from_hex(value: str | None) -> RGB | None:
    """"#RRGGBB" as RGB in 0..1."""
    if not value:
        return None
    r, g, b = colour.hex_to_rgb(value)
    return (r / 255, g / 255, b / 255)


def chroma(value: RGB | None) -> float:
    """How coloured (saturated) a colour is: its largest minus its smallest channel."""
    return 0.0 if value is None else max(value) - min(value)


def is_white(value: RGB | None) -> bool:
    return value is not None and min(value) > WHITE
