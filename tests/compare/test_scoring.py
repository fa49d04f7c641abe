"""Scoring (`lnhs_parse.compare.scoring`): text similarity, word stems, the same-text key, and the
score of a reworded pair."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lnhs_parse.compare import DiffSettings, same_text_key, similarity, stem_share
from lnhs_parse.compare.scoring import reworded_score


@pytest.mark.parametrize("a,b,shared", [
    ("vertaistukiryhmiä", "vertaistukiryhmät", True),  # partitive / nominative plural
    ("neuvoloissa", "neuvolassa", True),  # Snowball: neuvolo / neuvol
    ("Dialogisuuden", "dialogiset", True),
    ("Vanhempainiltojen", "Vanhempainillat", True),  # consonant gradation lt / ll
    ("kouluissa", "koulukuraattorit", False),  # a compound goes on for a whole word
    ("perheiden", "perhekeskuksen", False),
    ("kaikissa kunnissa", "kaikilla alueilla", False),  # "kaikki" is a function word
])
def test_stems_match_inflections_not_compounds(a: str, b: str, shared: bool) -> None:
    assert (stem_share(a, b) > 0) == shared


def test_similarity_ignores_case_punctuation_and_whitespace() -> None:
    assert similarity("Dialogisuuden  vahvistaminen", "dialogisuuden vahvistaminen.") == 1.0
    assert 0.0 <= similarity("a", "täysin toinen") < 0.5


def test_same_text_key_drops_only_the_spacing_at_a_dash() -> None:
    assert same_text_key("tärkeys- painopisteen\n siirto") == "tärkeys-painopisteen siirto"
    assert same_text_key("15 - 25 vuotiaat") == same_text_key("15-25 vuotiaat")
    assert same_text_key("lukuvaari toiminta") != same_text_key("lukuvaari-toiminta")


@dataclass
class _Entry:
    text: str
    actors: tuple[str, ...]
    index: int


def test_reworded_score_reads_any_entry_with_text_actors_and_position() -> None:
    """The score takes statements and actions alike: anything with a text, actors and index."""
    old = _Entry("Koulukuraattoreiden rekrytointi", ("hva",), 0)
    new = _Entry("Koulukuraattorit rekrytoitu kaikkiin kouluihin", ("hva",), 0)
    scored = reworded_score(old, new, 1)
    assert scored is not None
    weight, sim = scored
    assert weight > 0 and sim < DiffSettings().modified_threshold  # paired on stems, not text
    assert reworded_score(old, _Entry(new.text, ("kotka",), 0), 1) is None  # no actor in common
    assert reworded_score(_Entry(old.text, (), 0), _Entry(new.text, (), 0), 1) is None  # no actors
    # nearness in the place counts: the same pair further apart weighs less
    far = reworded_score(old, _Entry(new.text, ("hva",), 3), 4)
    assert far is not None and far[0] < weight
