"""Roman numerals, as main goals are numbered."""

import pytest

from lnhs_parse.utils.numerals import from_roman, to_roman


@pytest.mark.parametrize("n", range(1, 60))
def test_round_trip(n: int) -> None:
    assert from_roman(to_roman(n)) == n


def test_known_values() -> None:
    assert [to_roman(n) for n in (1, 3, 4, 9, 14, 40)] == ["I", "III", "IV", "IX", "XIV", "XL"]
    assert from_roman("iii") == 3
    assert from_roman("PÄÄ") is None and from_roman("") is None
