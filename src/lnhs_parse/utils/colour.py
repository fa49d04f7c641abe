"""Pure colour helpers shared by the extractors: "#RRGGBB" strings, RGB tuples, dominant colours.

Channels are 0..255 unless a name says otherwise. Nothing here imports Pillow, pdfplumber or
python-pptx: callers decode pictures themselves and pass plain pixel counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

RGB255 = tuple[int, int, int]


def hex_to_rgb(value: str) -> RGB255:
    """A "#RRGGBB" colour as (r, g, b) in 0..255 (ValueError when they aren't hex digits)."""
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


def parse_hex(value: str | None) -> RGB255 | None:
    """(r, g, b) of "#RRGGBB" or "RRGGBB" (any case); None for no colour or anything else."""
    if not value:
        return None
    digits = value[1:] if value.startswith("#") else value
    if len(digits) != 6 or any(ch not in _HEX_DIGITS for ch in digits):
        return None
    return hex_to_rgb("#" + digits)


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    """(r, g, b) in 0..255 → "#RRGGBB", each channel rounded and clamped to 0..255."""
    r, g, b = rgb
    return f"#{_channel(r):02X}{_channel(g):02X}{_channel(b):02X}"


def _channel(c: float) -> int:
    return max(0, min(255, round(c)))


def dominant_bucket(
    pixels: Iterable[tuple[int, tuple[int, int, int, int]]], white_min: int
) -> dict[RGB255, int]:
    """The exact colours (with pixel counts) of a picture's most common coarse colour.

    `pixels` are ``(count, (r, g, b, a))`` pairs, as Pillow's ``getcolors()`` gives them.
    Transparent pixels (alpha < 128) and near-white ones (every channel ≥ `white_min`, the
    background) don't vote. Colours are binned at 4 bits a channel, so anti-aliased edges vote with
    their neighbours; the winning bin's colours are returned in first-seen order (ties go to the
    first seen), empty when no pixel votes.
    """
    bins: Counter[RGB255] = Counter()
    exact: dict[RGB255, dict[RGB255, int]] = {}
    for count, (r, g, b, a) in pixels:
        if a < 128 or min(r, g, b) >= white_min:
            continue
        key = (r >> 4, g >> 4, b >> 4)
        bins[key] += count
        colours = exact.setdefault(key, {})
        colours[(r, g, b)] = colours.get((r, g, b), 0) + count
    if not bins:
        return {}
    return exact[bins.most_common(1)[0][0]]
