"""Roman numerals both ways: main goals are numbered I, II, III (or 1, 2, 3: `numeral_value`); PPTX
auto-numbering uses them."""

from __future__ import annotations

_VALUES = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LETTERS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(n: int) -> str:
    """`n` (>= 1) as an upper-case Roman numeral; "" for n < 1."""
    out = []
    for value, letters in _VALUES:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def numeral_value(numeral: str) -> int | None:
    """A goal number as printed, Roman ("II") or Arabic ("2"), as an integer; None otherwise."""
    text = numeral.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    return from_roman(text)


def from_roman(numeral: str) -> int | None:
    """The value of a Roman numeral (any case), or None when it is not one."""
    values = [_LETTERS.get(ch) for ch in numeral.upper()]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        assert v is not None
        nxt = values[i + 1] if i + 1 < len(values) else 0
        total += -v if nxt and v < nxt else v
    return total
