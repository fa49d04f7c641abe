"""Fuzzing: damaged fixture decks give a plan or an `LnhsParseError`, never anything else.

CI runs a fixed, small number of mutants (deterministic: `derandomize=True`). For longer runs set
`LNHS_FUZZ_EXAMPLES` (see docs/fuzzing.md):

    LNHS_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
import lnhs_parse
from lnhs_parse import LnhsParseError, Plan

EXAMPLES = int(os.environ.get("LNHS_FUZZ_EXAMPLES", "12"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _outcome(path: Path) -> str:
    try:
        plan = lnhs_parse.parse(path)
    except LnhsParseError as exc:
        assert str(exc), "an error must say something"
        return type(exc).__name__
    assert isinstance(plan, Plan)
    return "plan"


@FUZZ_SETTINGS
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 64))
def test_byte_flips(tmp_path_factory, seed: int, flips: int) -> None:
    rng = random.Random(seed)
    src = rng.choice([hostile.PDF, hostile.PPTX])
    path = tmp_path_factory.mktemp("flip") / f"m{src.suffix}"
    path.write_bytes(hostile.flip_bytes(src.read_bytes(), rng, flips))
    _outcome(path)


@FUZZ_SETTINGS
@given(fraction=st.floats(0.0, 0.999), pptx=st.booleans())
def test_truncation(tmp_path_factory, fraction: float, pptx: bool) -> None:
    src = hostile.PPTX if pptx else hostile.PDF
    path = tmp_path_factory.mktemp("trunc") / f"m{src.suffix}"
    data = src.read_bytes()
    path.write_bytes(data[: max(1, int(len(data) * fraction))])
    _outcome(path)


@FUZZ_SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_zip_member_corruption(tmp_path_factory, seed: int) -> None:
    path = tmp_path_factory.mktemp("zip") / "m.pptx"
    hostile.corrupt_zip_member(hostile.PPTX, path, random.Random(seed))
    assert _outcome(path) in {"plan", "CorruptFileError"}


def test_fixed_mutant_corpus(tmp_path: Path) -> None:
    """A fixed corpus of mutants (seed 2026), each outcome a plan or a typed error."""
    outcomes = [_outcome(p) for p in hostile.mutants(2026, 16, tmp_path)]
    assert len(outcomes) == 16
    assert any(o != "plan" for o in outcomes)  # the mutations do damage
