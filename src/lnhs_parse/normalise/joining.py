"""A paragraph's printed lines joined into its text (docs/parsing-rules.md, "Paragraphs", joining
rules): typed bullets split off, hyphenated compounds, number ranges, spaced dashes, and words the
cell width broke rejoined only with evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lnhs_parse.glyphs import BULLET_DASHES, BULLET_GLYPHS
from lnhs_parse.layout import BBox, Line, bbox_union
from lnhs_parse.normalise.evidence import HEADER_VOCABULARY, WORD
from lnhs_parse.utils.strings import collapse_ws

__all__ = [
    "BREAK_AFTER",
    "CONJUNCTIONS",
    "Paragraph",
    "join_lines",
    "split_bullet",
    "starts_lower",
]

# "1." / "1)" numbering (one or two digits, then whitespace: "2023." or "25-vuotiaille" is text).
_NUMBERED = re.compile(r"(\d{1,2}[.)])\s+(?=\S)")
_HYPHENS = frozenset("-\u2010\u2011")  # hyphen-minus, hyphen, non-breaking hyphen
_RANGE_DASHES = _HYPHENS | {"\u2013"}  # and the en dash of a range ("2024–2025")
_WORD_AT_HYPHEN = re.compile(r"([^\W\d_]+)[-\u2010\u2011]$")  # the word a line's hyphen ends
# Conjunctions (Finnish, Swedish, English). A hyphen at a line end followed by one is a suspended
# compound ("nuoriso- ja lastenpsykiatria", "yksilö- ja ryhmätoiminnan"), so the space stays; a
# line ending in one goes on ("Nepsy-polku ja" / "Vauvapolku päivitetty").
CONJUNCTIONS: frozenset[str] = frozenset(
    {"ja", "tai", "sekä", "eli", "tahi", "kuin", "och", "eller", "samt", "and", "or"}
)
# Characters after which a line breaker may break without a space (hyphens, dashes, a slash): with
# no space printed after them at a line end, the next line goes on with the same word.
BREAK_AFTER: frozenset[str] = frozenset("-\u2010\u2011\u2013\u2014/")


def split_bullet(text: str) -> tuple[str | None, str]:
    """A typed bullet at the start of `text` and the text after it: ``("- ", "Parisuhteen ...")``.

    The bullet is returned as printed (with the whitespace after it) so callers can count it; None
    when the text starts with no bullet.
    """
    stripped = text.lstrip()
    lead = text[: len(text) - len(stripped)]
    if not stripped:
        return None, text
    first = stripped[0]
    if first in BULLET_GLYPHS:
        rest = stripped[1:]
        body = rest.lstrip()
        if body:  # a lone glyph is text, not an empty item
            return lead + stripped[: 1 + len(rest) - len(body)], body
        return None, text
    if first in BULLET_DASHES:
        rest = stripped[1:]
        body = rest.lstrip()
        if body and len(body) < len(rest):  # needs whitespace after the dash
            return lead + stripped[: 1 + len(rest) - len(body)], body
        return None, text
    m = _NUMBERED.match(stripped)
    if m:
        return lead + stripped[: m.end()], stripped[m.end() :]
    return None, text


def starts_lower(text: str) -> bool:
    text = text.lstrip()
    return bool(text) and text[0].islower()


def join_lines(
    before: str,
    after: str,
    *,
    full: bool = False,
    vocabulary: frozenset[str] = frozenset(),
    spaced_end: bool | None = None,
    glue: bool = False,
) -> str:
    """Join two printed lines of one paragraph.

    - `glue`: the source says the line was broken inside a word, not at a space (a producer that
      prints the space a line wraps at printed none, and the line ends at a hyphen, a dash or a
      slash, or was filled to the edge): no space, whatever the characters (``(Selviydytään
      kiusaamisesta -`` / ``ryhmät)``, ``koulu/`` / ``varhaiskasvatus``);
    - a hyphen or an en dash between digits (``15-`` / ``25 vuotiaiden``, ``2024–`` / ``2025``):
      no space, a number range;
    - a hyphen after a space (``kiusaamisesta -`` / ``ryhmät)``) before a lower-case word: no
      space, it opens a compound (``-ryhmät``, ``-toiminta``);
    - letter (or digit) + hyphen at the end (``oikea-`` / ``aikainen``, ``0–17-`` /
      ``vuotiaat``): no space, hyphen kept, unless the next
      line starts with a conjunction (``nuoriso-`` / ``ja lastenpsykiatria``: a suspended compound)
      or `vocabulary` holds the pair printed spaced inside a line and never closed
      (``tärkeys- painopisteen``, see `deck_vocabulary`);
    - a word broken by the width (``Toimenpiteide`` / ``n eteneminen``): no space, but only when
      the first line was `full` (the caller's judgement: it reached the cell's right edge with the
      broken part as its only word), the source had no space at its end, the second starts
      lower-case and the joined word is in `vocabulary` or `HEADER_VOCABULARY`;
    - otherwise one space (a spaced dash such as ``Tärkeä- näyttää`` stays as printed).

    `spaced_end` says whether the source had whitespace after the first line's last character (by
    default: whether `before` ends in whitespace). A hyphen followed by a space in the source is a
    spaced dash broken at that space (``tärkeys- `` / ``painopisteen``), so the space stays.
    """
    if spaced_end is None:
        spaced_end = before[-1:].isspace()
    a = collapse_ws(before)
    b = collapse_ws(after)
    if not a:
        return b
    if not b:
        return a
    if glue:
        return a + b
    digits = len(a) >= 2 and a[-2].isdigit() and b[0].isdigit()
    if digits and a[-1] in _RANGE_DASHES and not spaced_end:
        return a + b
    if a.endswith(" -") and b[0].islower() and not spaced_end:
        return a + b  # "kiusaamisesta -" / "ryhmät": a compound's hyphen ("-ryhmät"), not a dash
    if len(a) >= 2 and a[-1] in _HYPHENS and a[-2].isalnum() and not spaced_end:
        first = b.split(" ", 1)[0].lower()
        if first not in CONJUNCTIONS and not _spaced_in_deck(a, b, vocabulary):
            return a + b
    # A line that ended in a space (kept by the extractor) was broken at that space, not in a word.
    if full and not spaced_end and a[-1].isalpha() and b[0].islower():
        tail = WORD.search(a[::-1])
        head = WORD.match(b)
        if tail is not None and tail.start() == 0 and head is not None:
            joined = (a[len(a) - tail.end() :] + head.group(0)).lower()
            if joined in vocabulary or joined in HEADER_VOCABULARY:
                return a + b
    return a + " " + b


def one_letter_split(before: str, after: str) -> bool:
    """Whether a line full to the right edge and the next one meet at a word split by the width
    where one side is a single letter (``perhelähtöinen m`` / ``oniammatillinen``,
    ``moniammatilline`` / ``n työote``): Finnish has no word of one lower-case letter, and a
    renderer that splits a word too wide for the line may leave just one letter on either side."""
    a, b = before.rstrip(), after.lstrip()
    if not a or not b or not a[-1].isalpha() or not b[0].islower():
        return False
    last = a.rsplit(None, 1)[-1]
    first = WORD.match(b)
    tail_one = len(last) == 1 and last.islower()
    head_one = first is not None and first.end() == 1 and not b[1:2].isalnum()
    return tail_one or head_one


def _spaced_in_deck(before: str, after: str, vocabulary: frozenset[str]) -> bool:
    """Whether the deck prints the hyphenated pair that meets at this line break with a space
    after the hyphen inside a line (``tärkeys- painopisteen``), and never closed
    (``tärkeys-painopisteen``): then the space was typed here too."""
    tail = _WORD_AT_HYPHEN.search(before)
    head = WORD.match(after)
    if tail is None or head is None:
        return False
    word, nxt = tail.group(1).lower(), head.group(0).lower()
    return f"{word}- {nxt}" in vocabulary and f"{word}-{nxt}" not in vocabulary


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a cell.

    `printed` are its physical lines as printed (PDF lines, or a PPTX paragraph split at its soft
    line breaks), `full` says for each whether it reached the cell's right edge (with being the
    line's only word, the evidence for rejoining a word broken by the width; always False for
    PPTX), `spaced` whether the source had whitespace after its last character (the space a line
    was wrapped at: typed before a PPTX soft break, `Line.space_after` in a PDF). `bullet` is the
    typed bullet (stripped) or the formatting bullet (`Line.bullet`); `typed_bullet` the typed one
    as printed.
    """

    lines: tuple[Line, ...]
    level: int
    bullet: str | None
    printed: tuple[str, ...] = ()
    full: tuple[bool, ...] = ()
    typed_bullet: str | None = None
    spaced: tuple[bool, ...] = ()
    # per printed line: the source says it broke inside a word (see `join_lines`' `glue`)
    glued: tuple[bool, ...] = ()

    @property
    def raw(self) -> str:
        """The paragraph as printed, lines joined with ``\\n`` (bullet included)."""
        return "\n".join(self.printed)

    @property
    def bbox(self) -> BBox:
        return bbox_union([ln.bbox for ln in self.lines])

    def text(self, vocabulary: frozenset[str] = frozenset()) -> str:
        """The paragraph's text: lines joined by `join_lines`, typed bullet removed."""
        if not self.printed:
            return ""
        first = self.printed[0]
        if self.typed_bullet is not None:
            first = first[len(self.typed_bullet) :]
        out = collapse_ws(first)
        prev = out
        for i in range(1, len(self.printed)):
            spaced = self.spaced[i - 1] if self.spaced else False
            # A renderer breaks a word without a hyphen only when the word alone is wider than the
            # line, after moving it to a line of its own: so the broken part is the line's only
            # word.
            broken = bool(self.full[i - 1]) and " " not in prev
            glue = bool(self.glued) and self.glued[i - 1]
            if self.full and self.full[i - 1] and not spaced:
                glue = glue or one_letter_split(prev, self.printed[i])
            out = join_lines(
                out,
                self.printed[i],
                full=broken,
                vocabulary=vocabulary,
                spaced_end=spaced,
                glue=glue,
            )
            prev = collapse_ws(self.printed[i])
        return out
