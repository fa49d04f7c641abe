"""What a whole deck tells about how its text was set, learnt once and used by the PDF paragraph
rules of every cell (docs/parsing-rules.md, "Paragraphs"): whether its producer prints the space a
line wrapped at, its line pitch, its names; and the words it uses (the evidence for rejoining a word
the cell width broke). Also the small readings of one line's text that rules share: does it end a
sentence, an abbreviation; does it start with a capitalised word, a name.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lnhs_parse.layout import Line, Page
from lnhs_parse.normalise.vocab import load_toml

__all__ = [
    "ABBREVIATIONS",
    "HEADER_VOCABULARY",
    "NO_EVIDENCE",
    "TextEvidence",
    "capitalised",
    "deck_vocabulary",
    "ends_abbreviation",
    "is_name",
    "sentence_end",
    "text_evidence",
]

WORD = re.compile(r"[^\W\d_]+")
# Words of the column headers and fixed wording of the decks (data/headers.toml, `[vocabulary]`),
# the fallback evidence for rejoining a word the cell width broke ("Toimenpiteide" / "n eteneminen")
# when the deck spells it whole nowhere.
HEADER_VOCABULARY: frozenset[str] = frozenset(
    w.lower()
    for phrase in load_toml("headers.toml")["vocabulary"]["phrases"]
    for w in WORD.findall(phrase)
)


# A word, a hyphen and the next word, with or without a space after the hyphen, inside one line.
_HYPHENATED = re.compile(r"(?<![\w-])([^\W\d_]+)-( ?)([^\W\d_]+)")


def deck_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words seen in the deck: evidence that a word the cell width broke is a word.

    Also the hyphenated pairs the deck prints inside a line, as ``tärkeys- painopisteen`` (a space
    typed after the hyphen) or ``kaakkois-suomen`` (a compound): the evidence for a line broken
    after such a hyphen where the PDF doesn't say whether a space was typed there (`join_lines`).
    """
    out: set[str] = set()
    for text in texts:
        out.update(w.lower() for w in WORD.findall(text) if len(w) > 1)
        for m in _HYPHENATED.finditer(text):
            out.add(f"{m.group(1)}-{m.group(2)}{m.group(3)}".lower())
    return frozenset(out)


# Abbreviations whose full stop ends no sentence (Finnish, as the decks write them): "esim." and
# "mm." stand mid-sentence. (Those closing a list, "ym.", "yms.", "jne.", "tms.", usually end one.)
ABBREVIATIONS: frozenset[str] = frozenset(
    {"esim", "mm", "ns", "ks", "vrt", "ko", "ao", "em", "kts", "n", "s", "klo", "nro", "puh", "t",
     "os", "ts", "mt", "v"}
)
_SENTENCE_END = re.compile(r"(\w+)[.!?][)\"'”»]*$")
NAME_STEM_MIN = 4  # a name's stem (for its inflected forms) keeps at least this many letters
PITCH_ROUND = 0.02  # line pitches (in font sizes) are counted in steps of this


@dataclass(frozen=True, slots=True)
class TextEvidence:
    """What the whole deck says about how its text was set, learnt once (`text_evidence`) and used
    by the PDF paragraph rules of every cell.

    - `wrap_spaces`: the producer prints the space at which it wrapped a line (LibreOffice and
      PowerPoint do; `Line.space_after`), so a line with no space at its end ended its paragraph,
      unless it broke inside a word (after a hyphen, dash or slash, or filled to the edge);
    - `line_pitch`: the deck's line pitch inside a paragraph, in font sizes (the most common
      distance between consecutive lines): a larger gap is space between paragraphs, whatever the
      deck's line spacing (1.0 or 1.5);
    - `names`: capitalised words the deck writes mid-sentence (after a lower-case word), and the
      actors' and regions' names, lower-cased: a line starting with one of them can continue a
      sentence. `stems` are their first letters (all but the last two, at least four), so that
      inflected forms count too (``Kymenlaakso`` → ``Kymenlaaksossa``).
    """

    wrap_spaces: bool = False
    line_pitch: float | None = None
    names: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()


NO_EVIDENCE = TextEvidence()


def text_evidence(pages: Iterable[Page], names: Iterable[str] = ()) -> TextEvidence:
    """Learn a deck's `TextEvidence` from its pages (PDF: lines without `Line.paragraph`).

    `names` are extra proper names (the actor registry's aliases, region names)."""
    spaced = ends_spaced = ends = 0
    pitches: Counter[float] = Counter()
    seen: set[str] = {w.lower() for n in names for w in WORD.findall(n)}
    for page in pages:
        blocks: list[list[Line]] = [list(page.lines)]
        for table in page.tables:
            for cell in table.cells:
                blocks.append(list(cell.lines))
                last = cell.lines[-1] if cell.lines else None
                if last is not None and last.paragraph is None:
                    ends += 1
                    ends_spaced += last.space_after
        for block in blocks:
            pdf = [ln for ln in block if ln.paragraph is None and ln.text.strip()]
            spaced += sum(ln.space_after for ln in pdf)
            for ln in pdf:
                words = ln.text.split()
                for before, word in itertools.pairwise(words):
                    m = WORD.match(word)
                    if m and before[:1].islower() and before[-1:].isalpha() and word[:1].isupper():
                        seen.add(m.group(0).lower())
            columns: dict[float, list[Line]] = {}
            for ln in pdf:
                columns.setdefault(round(ln.bbox[0]), []).append(ln)
            for column in columns.values():
                column.sort(key=lambda ln: ln.bbox[1])
                for a, b in itertools.pairwise(column):
                    size = a.size or b.size
                    gap = b.bbox[1] - a.bbox[1]
                    if size and a.size == b.size and 0.5 * size < gap < 2.5 * size:
                        ratio = gap / size
                        pitches[round(round(ratio / PITCH_ROUND) * PITCH_ROUND, 2)] += 1
    # A producer that printed a space at the end of every paragraph's last line would say nothing:
    # the last lines of cells (paragraph ends) must mostly have none.
    wrap_spaces = spaced > 0 and (ends == 0 or ends_spaced * 2 < ends)
    line_pitch = pitches.most_common(1)[0][0] if pitches else None
    return TextEvidence(
        wrap_spaces=wrap_spaces,
        line_pitch=line_pitch,
        names=frozenset(seen),
        stems=frozenset(_stem(w) for w in seen if len(w) > NAME_STEM_MIN),
    )


def sentence_end(text: str) -> bool:
    """Whether `text` ends a sentence: a full stop, question or exclamation mark after a word that
    is no abbreviation (``... lisääntynyt.``; ``esim.`` is not)."""
    m = _SENTENCE_END.search(text.rstrip())
    return m is not None and m.group(1).lower() not in ABBREVIATIONS and not m.group(1).isdigit()


def _stem(name: str) -> str:
    return name[: max(NAME_STEM_MIN, len(name) - 2)]


def capitalised(text: str) -> bool:
    """Whether `text` starts with a capitalised word (``Kohtaamispaikkatoiminnan``; not an acronym
    such as ``HVA`` nor a single letter)."""
    m = WORD.match(text.lstrip())
    word = m.group(0) if m is not None else ""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def ends_abbreviation(text: str) -> bool:
    m = _SENTENCE_END.search(text.rstrip())
    return m is not None and text.rstrip().endswith(".") and m.group(1).lower() in ABBREVIATIONS


def is_name(text: str, evidence: TextEvidence) -> bool:
    """Whether `text` starts with a word the deck writes capitalised mid-sentence (a name)."""
    m = WORD.match(text.lstrip())
    if m is None:
        return False
    word = m.group(0).lower()
    return word in evidence.names or any(
        word[:k] in evidence.stems for k in range(NAME_STEM_MIN, len(word))
    )
