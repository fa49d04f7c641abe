"""Fuzzing: damaged fixture decks give a plan or an `LnhsParseError`, never anything else, with
either PDF engine: an internal error (any other exception) fails the test whichever engine runs,
and a bug planted in the engine-neutral code shows that it does (`test_a_planted_bug_...`).

CI runs a fixed, small number of mutants (deterministic: `derandomize=True`). For longer runs set
`LNHS_FUZZ_EXAMPLES` (see docs/fuzzing.md):

    LNHS_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import damage
import hostile
import lnhs_parse
from lnhs_parse import LnhsParseError, Plan
from lnhs_parse.extract.clean import BAD_CHARACTERS
from lnhs_parse.settings import PDF_ENGINES, Engine
from support import FIXTURES

# fuzzing loops over damaged and hostile decks
pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("LNHS_FUZZ_EXAMPLES", "12"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _outcome(path: Path, engine: Engine = "pdfium") -> str:
    """"plan" or the name of the typed error; anything else (an internal error) is raised."""
    try:
        plan = lnhs_parse.parse(path, engine=engine)
    except LnhsParseError as exc:
        assert str(exc), "an error must say something"
        return type(exc).__name__
    assert isinstance(plan, Plan)
    return "plan"


@pytest.mark.parametrize("engine", PDF_ENGINES)
@FUZZ_SETTINGS
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 64))
def test_byte_flips(
    tmp_path_factory: pytest.TempPathFactory, engine: Engine, seed: int, flips: int
) -> None:
    rng = random.Random(seed)
    src = rng.choice([hostile.PDF, hostile.PPTX])
    path = tmp_path_factory.mktemp("flip") / f"m{src.suffix}"
    path.write_bytes(hostile.flip_bytes(src.read_bytes(), rng, flips))
    _outcome(path, engine)


@pytest.mark.parametrize("engine", PDF_ENGINES)
@FUZZ_SETTINGS
@given(fraction=st.floats(0.0, 0.999), pptx=st.booleans())
def test_truncation(
    tmp_path_factory: pytest.TempPathFactory, engine: Engine, fraction: float, pptx: bool
) -> None:
    src = hostile.PPTX if pptx else hostile.PDF
    path = tmp_path_factory.mktemp("trunc") / f"m{src.suffix}"
    data = src.read_bytes()
    path.write_bytes(data[: max(1, int(len(data) * fraction))])
    _outcome(path, engine)


@FUZZ_SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_zip_member_corruption(tmp_path_factory: pytest.TempPathFactory, seed: int) -> None:
    path = tmp_path_factory.mktemp("zip") / "m.pptx"
    hostile.corrupt_zip_member(hostile.PPTX, path, random.Random(seed))
    assert _outcome(path) in {"plan", "CorruptFileError"}


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_fixed_mutant_corpus(tmp_path: Path, engine: Engine) -> None:
    """A fixed corpus of mutants (seed 2026), each outcome a plan or a typed error, with either
    PDF engine."""
    mutants = hostile.mutants(2026, 16, tmp_path)
    assert any(p.suffix == ".pdf" for p in mutants)
    outcomes = [_outcome(p, engine) for p in mutants]
    assert len(outcomes) == 16
    assert any(o != "plan" for o in outcomes)  # the mutations do damage


class PlantedBug(Exception):
    """A bug of ours, planted by the test below."""


# engine-neutral code both engines run: (module, function, a deck that reaches it)
PLANTED = [
    ("lnhs_parse.extract.pdf.lines", "make_line", hostile.PDF),  # the page's text lines
    ("lnhs_parse.extract.pdf.tags", "paragraph_blocks",  # a structure tree's paragraphs
     FIXTURES / "random" / "rnd-0001.tagged.pdf"),
    ("lnhs_parse.extract.pdf.images", "dominant_colour",  # a picture's colour
     FIXTURES / "kymenlaakso-2023-pictures.pdf"),
]


@pytest.mark.parametrize("engine", PDF_ENGINES)
@pytest.mark.parametrize(("module", "name", "deck"), PLANTED, ids=[p[1] for p in PLANTED])
def test_a_planted_bug_is_an_internal_error_on_both_engines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], engine: Engine, module: str,
    name: str, deck: Path,
) -> None:
    """A bug in the engine-neutral code (here: a function that raises) is raised as it is by
    `parse`, whichever engine runs, not reported as a file that can't be read (the pdfium engine
    did: "page 1 can't be read", exit 3); the fuzz harness fails on it; the command exits 1 with
    "internal error"."""
    import importlib

    from lnhs_parse import cli

    def planted(*args: object, **kwargs: object) -> None:
        raise PlantedBug(f"{name} planted")

    monkeypatch.setattr(importlib.import_module(module), name, planted)
    with pytest.raises(PlantedBug):
        lnhs_parse.parse(deck, engine=engine)
    with pytest.raises(PlantedBug):
        _outcome(deck, engine)
    assert cli.main([str(deck), "--engine", engine, "-q"]) == 1
    err = capsys.readouterr().err
    assert f"internal error: PlantedBug: {name} planted" in err and "can't be read" not in err


# --- the damage of real-world files (issue 16): relationship loops, control characters -----------


@FUZZ_SETTINGS
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(0, 16), layout=st.booleans())
def test_relationship_cycles(tmp_path_factory: pytest.TempPathFactory, seed: int, flips: int, layout: bool) -> None:
    """A slide or layout relationship leading back to itself, with byte flips on top: a typed
    error (the loop itself is a `CorruptFileError`)."""
    folder = tmp_path_factory.mktemp("cycle")
    maker = damage.layout_cycle_pptx if layout else damage.slide_cycle_pptx
    path = maker(folder / "m.pptx")
    if flips:
        path.write_bytes(hostile.flip_bytes(path.read_bytes(), random.Random(seed), flips))
    outcome = _outcome(path)
    assert outcome != "plan"


@FUZZ_SETTINGS
@given(text=st.text(st.characters(min_codepoint=0x80, max_codepoint=0x10FFFF,
                                  categories=["Cc", "Cn", "Co", "Cf"]), min_size=1, max_size=8))
def test_control_characters_in_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """C1 controls, noncharacters and other unassigned or private code points in a deck's text:
    a plan none of whose strings carries a control character or a noncharacter."""
    path = tmp_path_factory.mktemp("ctrl") / "m.pptx"
    xml_text = "".join(c for c in text if c not in "\ufffe\uffff") or "\x85"
    damage.control_characters_pptx(path, slides=(5,), chars=xml_text)
    try:
        plan = lnhs_parse.parse(path)
    except LnhsParseError:
        return
    strings = damage.json_strings(json.loads(plan.to_json()))
    assert not [t for t in strings if BAD_CHARACTERS.search(t)]



@FUZZ_SETTINGS
@given(count=st.integers(0, 3_000), slide=st.integers(1, 6),
       size=st.sampled_from([1.0, 3.0, 8.0, 14.0]), limit=st.integers(500, 4_000))
def test_huge_shape_counts(tmp_path_factory: pytest.TempPathFactory, count: int, slide: int, size: float,
                           limit: int) -> None:
    """Many small ovals, apart or overlapping, on any slide (a table slide's among them), under a
    shape limit: a plan or a typed error, the limit's exactly when the slide is over it."""
    from lnhs_parse.errors import LimitExceededError
    from lnhs_parse.settings import Limits

    path = damage.many_icons_pptx(tmp_path_factory.mktemp("shapes") / "m.pptx", count,
                                  slide=slide, size=size)
    try:
        lnhs_parse.parse(path, limits=Limits(max_page_objects=limit))
    except LimitExceededError as exc:
        assert count > limit - 100, exc  # the fixture slides hold well under 100 shapes
        assert f"over the limit of {limit}" in exc.message
    except LnhsParseError:
        pass
    else:
        assert count <= limit
