"""The shared colour and geometry helpers the extractors call."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnhs_parse.errors import FileMissingError
from lnhs_parse.extract import sha256_of
from lnhs_parse.utils import colour
from lnhs_parse.utils import geometry as geo


def test_hex_round_trip() -> None:
    assert colour.hex_to_rgb("#E53935") == (0xE5, 0x39, 0x35)
    assert colour.rgb_to_hex((0xE5, 0x39, 0x35)) == "#E53935"
    # channels are rounded and clamped
    assert colour.rgb_to_hex((255.4, -3, 127.5)) == "#FF0080"


def test_dominant_bucket_skips_transparent_and_white_and_keeps_first_seen_order() -> None:
    pixels = [
        (50, (255, 255, 255, 255)),  # background
        (40, (200, 0, 0, 0)),  # transparent
        (3, (200, 10, 10, 255)),
        (3, (201, 11, 11, 255)),  # same coarse bin as the one above, tied
        (5, (0, 0, 200, 255)),
    ]
    bucket = colour.dominant_bucket(pixels, 241)
    assert bucket == {(200, 10, 10): 3, (201, 11, 11): 3}
    assert max(bucket, key=bucket.__getitem__) == (200, 10, 10)
    assert colour.dominant_bucket([(9, (250, 250, 250, 255))], 241) == {}
    assert colour.dominant_bucket([(9, (250, 250, 250, 255))], 251) == {(250, 250, 250): 9}


def test_roughly_square() -> None:
    assert geo.roughly_square((0, 0, 10, 20), 4, 40, 2.0)
    assert not geo.roughly_square((0, 0, 10, 20.01), 4, 40, 2.0)
    assert not geo.roughly_square((0, 0, 3, 3), 4, 40, 2.0)
    assert not geo.roughly_square((0, 0, 41, 41), 4, 40, 2.0)


def test_hashing_a_vanished_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError):
        sha256_of(tmp_path / "gone.pdf")


def test_parse_hex_accepts_both_forms_and_refuses_the_rest() -> None:
    from lnhs_parse.utils.colour import parse_hex

    assert parse_hex("#E53935") == parse_hex("e53935") == (229, 57, 53)
    assert parse_hex(None) is None and parse_hex("") is None
    assert parse_hex("#E5393") is None and parse_hex("#GG3935") is None and parse_hex("red") is None
