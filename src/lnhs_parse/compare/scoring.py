"""How alike two texts are: similarity, word stems and the share of them in common, the same-text
key, and the score of a reworded pair.

- `similarity`: rapidfuzz's `token_sort_ratio` / 100, case and punctuation ignored (rapidfuzz is
  imported on first use, so the command line's other commands don't pay for it at start-up);
- `stems` / `stem_share`: Snowball's Finnish stems of a text's topic words and the share of one
  text's stems found in the other (snowballstemmer imported on first use);
- `same_text_key`: what two texts must share to be the same text;
- `reworded_score`: the weight of an old and a new entry (statement or action) of one place as a
  reworded pair, for the optimal assignment (`solver.assign`).

docs/diff.md, "Reworded statements", gives the reasons and the measurements behind the numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol

from lnhs_parse.compare.settings import DEFAULT_SETTINGS, DiffSettings
from lnhs_parse.utils.strings import collapse_ws


def similarity(a: str, b: str) -> float:
    """Text similarity in 0..1: rapidfuzz token_sort_ratio, case and punctuation ignored."""
    if collapse_ws(a) == collapse_ws(b):
        return 1.0
    # imported here, so the command line's other commands don't pay for it at start-up
    from rapidfuzz import fuzz
    from rapidfuzz.utils import default_process

    return round(fuzz.token_sort_ratio(a, b, processor=default_process) / 100.0, 4)


# --- the same text ----------------------------------------------------------------------------

# A hyphen or dash with the whitespace around it: where a line broke at one, a PDF cannot always
# say whether a space was typed there ("tärkeys- painopisteen" / "tärkeys-painopisteen", "15 - 25" /
# "15-25"), and a reader sees the same words either way.
_DASH_SPACE = re.compile(r"\s*([-\u2010\u2011\u2012\u2013\u2014])\s*")


def same_text_key(text: str) -> str:
    """What two statements' texts must share to be the same text: whitespace collapsed, and none
    at a hyphen or dash."""
    return _DASH_SPACE.sub(r"\1", collapse_ws(text))


# --- word stems -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORD_LENGTH = 4  # shorter words (ja, on, eri, mm) say nothing about the topic
# Function words of 4+ letters that say nothing about a statement's topic: conjunctions,
# pronouns, forms of "olla", quantifiers ("kaikissa kunnissa").
_FUNCTION_WORDS = [
    "sekä", "kuten", "jotta", "joka", "jotka", "jossa", "joissa", "jonka", "joiden", "joita",
    "mutta", "vaan", "myös", "koko", "esim", "kanssa", "mukaan", "kautta",
    "ovat", "olla", "ollut", "olleet", "ollaan", "olisi",
    "tämä", "tämän", "nämä", "näiden", "niiden", "siinä", "siitä", "sitä",
    "kaikki", "kaikkia", "kaikkien", "kaikissa", "kaikilla", "kaikille", "kaikkiin",
    "muun", "muassa", "eivät", "enää", "yhä", "vielä", "lisäksi",
]
# Two stems are one word when they share a prefix this long and neither goes on for more than
# STEM_TAIL letters after it: Snowball leaves consonant gradation and plural stems apart
# ("neuvoloissa" -> neuvolo, "neuvolassa" -> neuvol), while a compound goes on for a whole word
# ("koulu" / "koulukuraattor") and stays apart.
STEM_PREFIX = 5
STEM_TAIL = 3
# A statement's stem share is counted against at most this many of its words: a long statement
# reworded keeps its topic words but not half of all its words ("Alueverkostojen ja ydintiimien
# toiminta yhteistyössä kyläyhteisöjen ja aluetoimikuntien kanssa perhekeskusalueilla" ->
# "Yhteistyössä aluetoimikuntien kanssa perhekeskusalueille käynnistetty kolmessa kunnassa" shares
# 3 of 7 stems: 3 of 4 counted). Two different statements of one cell of the fixture decks share
# at most one stem.
STEM_SHARE_WORDS = 4


@lru_cache(maxsize=1)
def _stemmer() -> Any:  # snowballstemmer has no type information
    import snowballstemmer

    return snowballstemmer.stemmer("finnish")


@lru_cache(maxsize=1)
def _function_stems() -> frozenset[str]:
    return frozenset(_stemmer().stemWords(_FUNCTION_WORDS))


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The Snowball Finnish stems of the text's words of 4+ letters, function words left out."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) >= MIN_WORD_LENGTH]
    return frozenset(_stemmer().stemWords(words)) - _function_stems()


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):  # up to the shorter
        if x != y:
            break
        n += 1
    return n >= STEM_PREFIX and len(a) - n <= STEM_TAIL and len(b) - n <= STEM_TAIL


def stem_share(a: str, b: str) -> float:
    """The larger of: the share of a's stems found in b, of b's found in a (0 when either has
    none); a text of more than `STEM_SHARE_WORDS` stems counts as that many (1 at most)."""
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return 0.0

    def cover(xs: frozenset[str], ys: frozenset[str]) -> float:
        found = sum(1 for x in xs if any(_same_stem(x, y) for y in ys))
        return min(1.0, found / min(len(xs), STEM_SHARE_WORDS))

    return round(max(cover(sa, sb), cover(sb, sa)), 4)


# --- a reworded pair --------------------------------------------------------------------------


class Entry(Protocol):
    """What the score reads of a statement or action: its text, its actors (sorted, unique) and
    its position in its place."""

    @property
    def text(self) -> str: ...

    @property
    def actors(self) -> tuple[str, ...]: ...

    @property
    def index(self) -> int: ...


def reworded_score(
    o: Entry, n: Entry, length: int, settings: DiffSettings = DEFAULT_SETTINGS
) -> tuple[float, float] | None:
    """(weight, text similarity) of an old and a new entry of one place as a reworded pair, or
    None when a reader would not pair them.

    A pair needs actors in common (or none on either side) and either text at least
    `modified_threshold` similar with the same actors, or, for entries with actors, at least
    `reworded_stem_threshold` of one entry's word stems in the other (`stem_share`: at most
    `STEM_SHARE_WORDS` of them counted). The score weighs text similarity, stem share, actor
    agreement (Jaccard) and nearness in the place (`length` is the longer of the place's two
    lengths); the weight is what it scores over `reworded_min_score`.
    """
    a, b = set(o.actors), set(n.actors)
    if a != b and not (a & b):
        return None
    sim = similarity(o.text, n.text)
    share = stem_share(o.text, n.text)
    if not ((sim >= settings.modified_threshold and a == b)
            or (a and share >= settings.reworded_stem_threshold)):
        return None
    actors = len(a & b) / len(a | b) if a | b else 1.0
    near = 1.0 - abs(o.index - n.index) / max(1, length)
    score = (settings.text_weight * sim + settings.stem_weight * share
             + settings.actor_weight * actors + settings.position_weight * near)
    if score <= settings.reworded_min_score:
        return None
    return score - settings.reworded_min_score, sim


__all__ = [
    "MIN_WORD_LENGTH",
    "STEM_PREFIX",
    "STEM_SHARE_WORDS",
    "STEM_TAIL",
    "Entry",
    "reworded_score",
    "same_text_key",
    "similarity",
    "stem_share",
    "stems",
]
