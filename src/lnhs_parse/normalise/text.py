"""Cell text: lines -> paragraphs -> statements (docs/parsing-rules.md, "Paragraphs" to "Text").

A table cell arrives as `Line`s with boxes. This module

1. groups them into `Paragraph`s: PPTX lines carry their source paragraph; PDF paragraphs are
   inferred from geometry (slack at the right edge, vertical gaps, a bullet or a known actor prefix
   starting the next line);
2. joins a paragraph's printed lines into text (`join_lines`: hyphenated compounds, spaced dashes,
   words broken by the cell width rejoined only with evidence);
3. walks the paragraphs into `Statement`s: one per actor entry or bullet item, with the actors read
   from a prefix, a suffix or an inherited bare prefix (`cell_statements`).

Nothing a cell prints is lost: every character other than bullets, actor prefixes and whitespace ends
up in some statement's `raw` (a bare prefix line is the one thing no `raw` holds; its actors live on in
the statements that inherit them).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from lnhs_parse.glyphs import BULLET_DASHES, BULLET_GLYPHS
from lnhs_parse.layout import BBox, Line, Page, bbox_union
from lnhs_parse.model import Attribution, Statement, Warning
from lnhs_parse.normalise.actors import ActorRegistry, PrefixHit
from lnhs_parse.normalise.slides import load_toml
from lnhs_parse.utils.strings import collapse_ws

__all__ = [
    "BULLET_DASHES",
    "BULLET_GLYPHS",
    "HEADER_VOCABULARY",
    "NO_EVIDENCE",
    "Paragraph",
    "TextEvidence",
    "cell_statements",
    "cell_text",
    "deck_vocabulary",
    "join_lines",
    "paragraphs",
    "split_bullet",
    "text_evidence",
]

# --- vocabularies (data) ------------------------------------------------------------------------

# "1." / "1)" numbering (one or two digits, then whitespace: "2023." or "25-vuotiaille" is text).
_NUMBERED = re.compile(r"(\d{1,2}[.)])\s+(?=\S)")
_HYPHENS = frozenset("-\u2010\u2011")  # hyphen-minus, hyphen, non-breaking hyphen
# A hyphen at a line end followed by one of these words is a suspended compound ("nuoriso- ja
# lastenpsykiatria", "yksilö- ja ryhmätoiminnan"), so the space stays (Finnish, Swedish, English).
SUSPENDED_HYPHEN_FOLLOWERS: frozenset[str] = frozenset(
    {"ja", "tai", "sekä", "eli", "tahi", "kuin", "och", "eller", "samt", "and", "or"}
)

_WORD = re.compile(r"[^\W\d_]+")
# Words of the column headers and fixed wording of the decks (data/headers.toml, `[vocabulary]`), the
# fallback evidence for rejoining a word the cell width broke ("Toimenpiteide" / "n eteneminen") when
# the deck spells it whole nowhere.
HEADER_VOCABULARY: frozenset[str] = frozenset(
    w.lower()
    for phrase in load_toml("headers.toml")["vocabulary"]["phrases"]
    for w in _WORD.findall(phrase)
)

# --- geometry thresholds (docs/parsing-rules.md) ------------------------------------------------

SHORT_LINE_SLACK = 0.25  # a line with more than this share of the inner width free ends short
# A line ending a sentence with more than this share of the width free, before a capitalised line,
# ends its paragraph (a line filled to the edge may have wrapped between two sentences).
SENTENCE_SLACK = 0.1
# A line "reached the right edge" (the evidence for a word broken by the width) when the room left is
# under 1.5 of its average characters: a renderer breaks a word without a hyphen only when the word
# alone is wider than the line, and then fills the line to the last character that fits. (A share of
# the width, such as 12 %, also catches lines that wrapped normally before a long word.)
FULL_LINE_CHARS = 1.5
GAP_FACTOR = 1.4  # a gap over 1.4 x the cell's median line pitch ends a paragraph (the written rule)
# ... and so does a gap over 1.2 x the cell's smallest pitch: the smallest pitch is the line pitch
# inside a paragraph, and decks exported by PowerPoint/LibreOffice space paragraphs only ~1.35 x
# apart, which the median rule misses when most lines start a paragraph.
GAP_FACTOR_MIN = 1.2
# Single-spaced text has a line pitch of about 1.1-1.15 x the font size, so when the font size is
# known the line pitch is taken as at most this (a cell whose lines are all separate paragraphs has no
# smaller pitch to learn from). Decks set at 1.5 line spacing would read every line as a paragraph;
# the statement rules (lower-case continuation, prefixed entries) absorb most of that.
PITCH_PER_SIZE = 1.15
NEST_INDENT = 6.0  # pt right of the base x0 (or of the previous indent level) is one level deeper
FIT_MARGIN = 1.2  # the next line's first word, widened by this, must fit in the room left
TYPED_SPACE_MARGIN = 2.0  # ... widened by this to overrule a printed wrap space (a typed one)
MAX_PADDING = 12.0  # cell padding assumed at most this wide when estimating the text's right edge


def deck_vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words seen in the deck: evidence that a word broken by the cell width is a word."""
    return frozenset(w.lower() for text in texts for w in _WORD.findall(text) if len(w) > 1)


# Characters after which a line breaker may break without a space (hyphens, dashes, a slash): with
# no space printed after them at a line end, the next line goes on with the same word.
BREAK_AFTER: frozenset[str] = frozenset("-\u2010\u2011\u2013\u2014/")
# Abbreviations whose full stop ends no sentence (Finnish, as the decks write them).
ABBREVIATIONS: frozenset[str] = frozenset(
    {"esim", "mm", "ym", "yms", "ns", "jne", "tms", "ks", "vrt", "ko", "ao", "em", "kts", "n", "s",
     "klo", "nro", "puh", "t", "os", "ts", "eli", "mt", "v"}
)
_SENTENCE_END = re.compile(r"(\w+)[.!?][)\"'”»]*$")
NAME_STEM_MIN = 4  # a name's stem (for its inflected forms) keeps at least this many letters
PITCH_ROUND = 0.02  # line pitches (in font sizes) are counted in steps of this when learning the deck's


@dataclass(frozen=True, slots=True)
class TextEvidence:
    """What the whole deck says about how its text was set, learnt once (`text_evidence`) and used
    by the PDF paragraph rules of every cell.

    - `wrap_spaces`: the producer prints the space at which it wrapped a line (LibreOffice and
      PowerPoint do; `Line.space_after`), so a line with no space at its end ended its paragraph,
      unless it broke inside a word (after a hyphen, dash or slash, or filled to the edge);
    - `line_pitch`: the deck's line pitch inside a paragraph, in font sizes (the most common distance
      between consecutive lines): a larger gap is space between paragraphs, whatever the deck's line
      spacing (1.0 or 1.5);
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
    capitalised: set[str] = {w.lower() for n in names for w in _WORD.findall(n)}
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
                for a, b in zip(words, words[1:]):
                    m = _WORD.match(b)
                    if m is not None and a[:1].islower() and a[-1:].isalpha() and b[:1].isupper():
                        capitalised.add(m.group(0).lower())
            columns: dict[float, list[Line]] = {}
            for ln in pdf:
                columns.setdefault(round(ln.bbox[0]), []).append(ln)
            for column in columns.values():
                column.sort(key=lambda ln: ln.bbox[1])
                for a, b in zip(column, column[1:]):
                    size = a.size or b.size
                    if size and a.size == b.size and 0.5 * size < b.bbox[1] - a.bbox[1] < 2.5 * size:
                        ratio = (b.bbox[1] - a.bbox[1]) / size
                        pitches[round(round(ratio / PITCH_ROUND) * PITCH_ROUND, 2)] += 1
    # A producer that printed a space at the end of every paragraph's last line would say nothing:
    # the last lines of cells (paragraph ends) must mostly have none.
    wrap_spaces = spaced > 0 and (ends == 0 or ends_spaced * 2 < ends)
    line_pitch = pitches.most_common(1)[0][0] if pitches else None
    return TextEvidence(
        wrap_spaces=wrap_spaces,
        line_pitch=line_pitch,
        names=frozenset(capitalised),
        stems=frozenset(w[: max(NAME_STEM_MIN, len(w) - 2)] for w in capitalised if len(w) > NAME_STEM_MIN),
    )


def _sentence_end(text: str) -> bool:
    """Whether `text` ends a sentence: a full stop, question or exclamation mark after a word that
    is no abbreviation (``... lisääntynyt.``; ``esim.`` is not)."""
    m = _SENTENCE_END.search(text.rstrip())
    return m is not None and m.group(1).lower() not in ABBREVIATIONS and not m.group(1).isdigit()


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


def _starts_lower(text: str) -> bool:
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
    - a hyphen between digits (``15-`` / ``25 vuotiaiden``): no space, a number range;
    - a hyphen after a space (``kiusaamisesta -`` / ``ryhmät)``) before a lower-case word: no space,
      it opens a compound (``-ryhmät``, ``-toiminta``);
    - letter + hyphen at the end (``oikea-`` / ``aikainen``): no space, hyphen kept, unless the next
      line starts with a conjunction (``nuoriso-`` / ``ja lastenpsykiatria``: a suspended compound);
    - a word broken by the width (``Toimenpiteide`` / ``n eteneminen``): no space, but only when the
      first line was `full` (the caller's judgement: it reached the cell's right edge with the broken
      part as its only word), the source had no space at its end, the second starts lower-case and
      the joined word is in `vocabulary` or `HEADER_VOCABULARY`;
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
    if len(a) >= 2 and a[-1] in _HYPHENS and a[-2].isdigit() and b[0].isdigit() and not spaced_end:
        return a + b
    if a.endswith(" -") and b[0].islower() and not spaced_end:
        return a + b  # "kiusaamisesta -" / "ryhmät": a compound's hyphen ("-ryhmät"), not a dash
    if len(a) >= 2 and a[-1] in _HYPHENS and a[-2].isalpha() and not spaced_end:
        first = b.split(" ", 1)[0].lower()
        if first not in SUSPENDED_HYPHEN_FOLLOWERS:
            return a + b
    # A line that ended in a space (kept by the extractor) was broken at that space, not in a word.
    if full and not spaced_end and a[-1].isalpha() and b[0].islower():
        tail = _WORD.search(a[::-1])
        head = _WORD.match(b)
        if tail is not None and tail.start() == 0 and head is not None:
            joined = (a[len(a) - tail.end() :] + head.group(0)).lower()
            if joined in vocabulary or joined in HEADER_VOCABULARY:
                return a + b
    return a + " " + b


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
            # line, after moving it to a line of its own: so the broken part is the line's only word.
            broken = bool(self.full[i - 1]) and " " not in prev
            glue = bool(self.glued) and self.glued[i - 1]
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


# --- paragraphs -------------------------------------------------------------------------------


def _merge_baselines(lines: list[Line]) -> list[Line]:
    """Order PDF lines top to bottom and merge those sharing a baseline, left to right.

    The extractor splits a line at wide gaps, so a bullet glyph followed by a tab arrives as a line
    of its own; within one cell such pieces belong together. Lines whose vertical extents overlap by
    more than half the smaller height are one printed line.
    """
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        if rows:
            first = rows[-1][0]
            height = max(min(first.bbox[3] - first.bbox[1], ln.bbox[3] - ln.bbox[1]), 0.1)
            overlap = min(first.bbox[3], ln.bbox[3]) - max(first.bbox[1], ln.bbox[1])
            if overlap > 0.5 * height:
                rows[-1].append(ln)
                continue
        rows.append([ln])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda ln: ln.bbox[0])
        merged = row[0]
        for ln in row[1:]:
            merged = replace(
                merged,
                text=merged.text.rstrip() + " " + ln.text.lstrip(),
                bbox=bbox_union([merged.bbox, ln.bbox]),
                space_after=ln.space_after,  # the merged line ends where `ln` does
                size=max((s for s in (merged.size, ln.size) if s is not None), default=None),
                block=merged.block if merged.block == ln.block else None,
            )
        out.append(merged)
    return out


@dataclass(slots=True)
class _Geometry:
    """What the PDF inference needs to know about a cell's text block."""

    base_x0: float
    right: float
    inner: float
    pitch: float | None  # median pitch
    line_pitch: float | None  # smallest pitch: lines within one paragraph

    def gap_breaks(self, cur: Line, nxt: Line) -> bool:
        """Whether the vertical gap from `cur` to `nxt` is a paragraph gap."""
        gap = nxt.bbox[1] - cur.bbox[1]
        if self.pitch is not None and gap > GAP_FACTOR * self.pitch:
            return True
        return self.line_pitch is not None and gap > GAP_FACTOR_MIN * self.line_pitch

    def free(self, ln: Line) -> float:
        """Share of the inner width left free to the right of `ln`."""
        return max(0.0, self.right - ln.bbox[2]) / self.inner

    def reached_edge(self, ln: Line) -> bool:
        """Whether `ln` was filled up to the right edge (less than 1.5 characters' room left)."""
        text = ln.text.strip()
        char_w = max(ln.bbox[2] - ln.bbox[0], 0.0) / max(len(text), 1)
        return self.right - ln.bbox[2] <= FULL_LINE_CHARS * char_w

    def next_word_fits(self, cur: Line, nxt: Line, margin: float = FIT_MARGIN) -> bool:
        """Whether the first word of `nxt` would have fitted in the room left after `cur`: then the
        renderer did not wrap there, the line was ended on purpose (a paragraph break). The word's
        width is estimated from `nxt`'s average character width, with a margin."""
        text = nxt.text.strip()
        if not text:
            return False
        word = text.split()[0]
        char_w = max(nxt.bbox[2] - nxt.bbox[0], 0.0) / len(text)
        need = margin * char_w * (len(word) + 1)
        return need > 0 and self.right - cur.bbox[2] > need


def _geometry(lines: list[Line], cell_bbox: BBox, evidence: TextEvidence = NO_EVIDENCE) -> _Geometry:
    base_x0 = min(ln.bbox[0] for ln in lines)
    max_x1 = max(ln.bbox[2] for ln in lines)
    # Padding is assumed symmetric: as far right of the text's right limit as the text starts from
    # the cell's left edge (capped, since nested-only text starts further in).
    pad = min(max(base_x0 - cell_bbox[0], 0.0), MAX_PADDING)
    right = cell_bbox[2] - pad
    if right - base_x0 < 1.0:  # degenerate or missing cell box: trust the text itself
        right = max_x1
    inner = max(right - base_x0, 1.0)
    tops = [ln.bbox[1] for ln in lines]
    pitches = [b - a for a, b in zip(tops, tops[1:]) if b - a > 0.5]
    pitch = statistics.median(pitches) if pitches else None
    line_pitch = min(pitches) if pitches else None
    sizes = [ln.size for ln in lines if ln.size]
    if sizes and line_pitch is not None:
        # the deck's own line pitch when known (its line spacing), else single spacing
        per_size = evidence.line_pitch or PITCH_PER_SIZE
        line_pitch = min(line_pitch, per_size * statistics.median(sizes))
    return _Geometry(base_x0=base_x0, right=right, inner=inner, pitch=pitch, line_pitch=line_pitch)


def _starts_item(line: Line, registry: ActorRegistry | None) -> bool:
    """A line that starts a bullet item (typed, or drawn: `Line.bullet`) or a known actor entry
    always starts a paragraph."""
    if line.bullet is not None:
        return True
    bullet, body = split_bullet(line.text)
    if bullet is not None:
        return True
    if registry is not None:
        hit = registry.read_prefix(body.lstrip())
        return hit is not None and hit.kind == "known"
    return False


def _levels(x0s: list[float]) -> list[int]:
    """Indent level of each paragraph start: x positions clustered left to right, a new level each
    time a start lies more than `NEST_INDENT` right of the current level's first x."""
    starts = sorted(set(x0s))
    clusters: list[float] = []
    for x in starts:
        if not clusters or x > clusters[-1] + NEST_INDENT:
            clusters.append(x)
    return [max(i for i, c in enumerate(clusters) if c <= x + 1e-9) for x in x0s]


def _build(
    group: list[Line],
    level: int,
    full: list[bool] | None = None,
    glued: list[bool] | None = None,
) -> Paragraph:
    printed: list[str] = []
    flags: list[bool] = []
    spaced: list[bool] = []
    glue: list[bool] = []
    for k, ln in enumerate(group):
        pieces = [s for s in ln.text.split("\n") if s.strip()] or [ln.text]
        for j, piece in enumerate(pieces):
            last = j == len(pieces) - 1
            printed.append(piece.strip())
            # A space after the last character: typed in the text (PPTX keeps it before a soft break)
            # or reported by the PDF extractor, which strips its lines (`Line.space_after`).
            spaced.append(piece[-1:].isspace() or (last and ln.space_after))
            # Only the last printed piece of a PDF line can be "full"; soft breaks never are.
            flags.append(bool(full and full[k]) and last)
            glue.append(bool(glued and glued[k]) and last)
    typed, _ = split_bullet(printed[0])
    bullet = typed.strip() if typed is not None else group[0].bullet
    return Paragraph(
        lines=tuple(group),
        level=level,
        bullet=bullet,
        printed=tuple(printed),
        full=tuple(flags),
        typed_bullet=typed,
        spaced=tuple(spaced),
        glued=tuple(glue),
    )


def paragraphs(
    lines: Sequence[Line],
    cell_bbox: BBox,
    *,
    registry: ActorRegistry | None = None,
    evidence: TextEvidence = NO_EVIDENCE,
) -> list[Paragraph]:
    """Group a cell's lines into paragraphs (empty lines dropped).

    Lines with `Line.paragraph` set (PPTX) are grouped by it and keep their `level`. Lines without
    (PDF) are grouped by geometry: a line ends its paragraph when the next line doesn't start
    lower-case and this one ends more than 25 % of the inner width short of the right edge (or short
    enough that the next line's first word would have fitted: the renderer didn't wrap there); when
    the gap to the next line is over 1.4 x the cell's median pitch or 1.2 x its line pitch (the
    smallest pitch, at most 1.15 x the font size); or when the next line starts a bullet item or
    (given a `registry`) a known actor entry. PDF levels come from the indent of each
    paragraph's first line relative to the cell's leftmost text.
    """
    kept = [ln for ln in lines if ln.text.strip()]
    out: list[Paragraph] = []
    pdf_run: list[Line] = []

    def flush_pdf() -> None:
        if pdf_run:
            out.extend(_pdf_paragraphs(pdf_run, cell_bbox, registry, evidence))
            pdf_run.clear()

    i = 0
    while i < len(kept):
        ln = kept[i]
        if ln.paragraph is None:
            pdf_run.append(ln)
            i += 1
            continue
        flush_pdf()
        group = [ln]
        i += 1
        while i < len(kept) and kept[i].paragraph == ln.paragraph:
            group.append(kept[i])
            i += 1
        out.append(_build(group, max(ln.level, 0)))
    flush_pdf()
    return out


def _tagged_blocks(lines: list[Line]) -> list[Line]:
    """The lines, with their structure paragraphs (`Line.block`) dropped when the tags of this cell
    can't be right: a paragraph that comes back after another one began (a tree out of reading
    order). The cell's paragraphs are then read from the geometry."""
    seen: set[int] = set()
    prev: int | None = None
    for ln in lines:
        if ln.block is None:
            continue
        if ln.block != prev and ln.block in seen:
            return [replace(x, block=None) for x in lines]
        seen.add(ln.block)
        prev = ln.block
    return lines


def _pdf_paragraphs(
    run: list[Line], cell_bbox: BBox, registry: ActorRegistry | None, evidence: TextEvidence
) -> list[Paragraph]:
    ordered = _tagged_blocks(_merge_baselines(run))
    geo = _geometry(ordered, cell_bbox, evidence)
    groups: list[list[Line]] = [[ordered[0]]]
    for cur, nxt in zip(ordered, ordered[1:]):
        if cur.block is not None and nxt.block is not None:
            ends = cur.block != nxt.block  # a tagged PDF says where its paragraphs are
        else:
            ends = _ends_paragraph(cur, nxt, geo, registry, evidence)
        if ends:
            groups.append([nxt])
        else:
            groups[-1].append(nxt)
    levels = _levels([g[0].bbox[0] for g in groups])
    out: list[Paragraph] = []
    for g, lvl in zip(groups, levels):
        full = [geo.reached_edge(ln) for ln in g]
        glued = [evidence.wrap_spaces and _broke_in_word(ln, geo) for ln in g]
        out.append(_build(g, lvl, full, glued))
    return out


def _broke_in_word(ln: Line, geo: _Geometry) -> bool:
    """With a producer that prints wrap spaces: the line ends with no space after a hyphen, dash or
    slash, or is one word filled to the edge (a renderer breaks a word only when it alone is wider
    than the line): it broke inside a word."""
    if ln.space_after:
        return False
    text = ln.text.strip()
    if text[-1:] in BREAK_AFTER:
        return True
    return text[-1:].isalnum() and " " not in text and geo.reached_edge(ln)


def _ends_paragraph(
    cur: Line, nxt: Line, geo: _Geometry, registry: ActorRegistry | None, evidence: TextEvidence
) -> bool:
    """Whether the untagged line `cur` ends its paragraph (docs/parsing-rules.md, "Paragraphs")."""
    if evidence.wrap_spaces:
        if cur.space_after:
            # Wrapped at a space: the paragraph goes on, unless the next word would clearly have
            # fitted (twice over: the estimate is rough, and the renderer knows better) and the
            # next line starts like a paragraph (a space typed at a paragraph's end).
            clearly = geo.next_word_fits(cur, nxt, margin=TYPED_SPACE_MARGIN)
            return clearly and (_starts_item(nxt, registry) or not _starts_lower(nxt.text))
        if cur.text.rstrip()[-1:] in BREAK_AFTER:
            return False  # broken after a hyphen, dash or slash: the word goes on
        if _starts_lower(nxt.text):
            # a word broken at the edge, or a line broken by hand (a soft line break) before the
            # sentence goes on in lower case: the same paragraph, unless spaced as a new one
            return geo.gap_breaks(cur, nxt) and not _broke_in_word(cur, geo)
        if _aside(cur, nxt):
            return geo.gap_breaks(cur, nxt)
        return True  # no space printed and a new sentence: the paragraph ended here
    if _starts_item(nxt, registry) or geo.gap_breaks(cur, nxt):
        return True
    if _starts_lower(nxt.text) or _open_end(cur.text) or _aside(cur, nxt):
        return False
    if geo.next_word_fits(cur, nxt):
        return True  # the renderer did not wrap here: the line was ended on purpose
    if _capitalised(nxt.text) and not _is_name(nxt.text, evidence):
        # Finnish capitalises no word mid-sentence but names: a capitalised word starts a sentence.
        if _ends_abbreviation(cur.text):
            return False  # "esim." / "Varhaisen tuen perhetyö": the abbreviation's sentence goes on
        if _sentence_end(cur.text):
            # a paragraph of several sentences wraps between them too: only a short line ends it
            return geo.free(cur) > SENTENCE_SLACK
        return True  # no sentence ended, yet a new one starts: a new paragraph
    return geo.free(cur) > SHORT_LINE_SLACK


def _aside(cur: Line, nxt: Line) -> bool:
    """Whether `nxt` opens a parenthesis after a line that ended no sentence: the sentence's aside
    (``... käynnistäminen`` / ``(Mikä vituttaa- illat)``), however the line was broken."""
    return nxt.text.lstrip().startswith("(") and not _sentence_end(cur.text)


def _open_end(text: str) -> bool:
    """Whether `text` ends where no paragraph ends: at a comma or a conjunction (``syksyllä 23,``,
    ``Nepsy-polku ja`` / ``Vauvapolku päivitetty``)."""
    text = text.rstrip()
    if text.endswith((",", ";")):
        return True
    words = text.split()
    return bool(words) and words[-1].lower() in SUSPENDED_HYPHEN_FOLLOWERS


def _capitalised(text: str) -> bool:
    """Whether `text` starts with a capitalised word (``Kohtaamispaikkatoiminnan``; not an acronym
    such as ``HVA`` nor a single letter)."""
    m = _WORD.match(text.lstrip())
    return m is not None and len(m.group(0)) > 1 and m.group(0)[0].isupper() and m.group(0)[1:].islower()


def _ends_abbreviation(text: str) -> bool:
    m = _SENTENCE_END.search(text.rstrip())
    return m is not None and text.rstrip().endswith(".") and m.group(1).lower() in ABBREVIATIONS


def _is_name(text: str, evidence: TextEvidence) -> bool:
    """Whether `text` starts with a word the deck writes capitalised mid-sentence (a name)."""
    m = _WORD.match(text.lstrip())
    if m is None:
        return False
    word = m.group(0).lower()
    return word in evidence.names or any(
        word[:k] in evidence.stems for k in range(NAME_STEM_MIN, len(word))
    )


def cell_text(
    lines: Sequence[Line],
    cell_bbox: BBox,
    vocabulary: frozenset[str] = frozenset(),
    evidence: TextEvidence = NO_EVIDENCE,
) -> str:
    """A cell's text for titles, highlights and legend text: each paragraph's lines joined (typed
    bullets removed), paragraphs separated by ``\\n``."""
    return "\n".join(p.text(vocabulary) for p in paragraphs(lines, cell_bbox, evidence=evidence))


# --- statements -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Open:
    """A statement being built."""

    level: int
    paras: list[Paragraph] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    actors: tuple[str, ...] = ()
    attribution: Attribution = "none"
    entry: bool = False  # a prefixed entry (known or unknown actor): later paragraphs belong to it
    suffix: tuple[str, ...] = ()  # actors named by a "(Hamina)" paragraph of their own


def _round_bbox(box: BBox) -> tuple[float, float, float, float]:
    return (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1))


def cell_statements(
    lines: Sequence[Line],
    cell_bbox: BBox,
    registry: ActorRegistry,
    *,
    page: int,
    vocabulary: frozenset[str] = frozenset(),
    evidence: TextEvidence = NO_EVIDENCE,
) -> tuple[list[Statement], list[Warning]]:
    """The statements of one cell (docs/parsing-rules.md, "Statements" and "Actors"), and warnings:
    `fuzzy-actor` (a prefix read with one typo), `unknown-actor` (a prefix naming no known actor),
    `bare-prefix` (a prefix line with nothing after it in the cell)."""
    paras = paragraphs(lines, cell_bbox, registry=registry, evidence=evidence)
    warnings: list[Warning] = []
    done: list[_Open] = []
    cur: _Open | None = None
    inherited: PrefixHit | None = None
    inherited_used = False

    def close() -> None:
        nonlocal cur
        if cur is not None:
            done.append(cur)
            cur = None

    def warn(code: str, message: str) -> None:
        warnings.append(Warning(code=code, message=message, page=page))

    def end_inheritance() -> None:
        """A bare prefix's reach ends (at the next prefixed entry or the cell's end)."""
        nonlocal inherited
        if inherited is not None and not inherited_used:
            warn("bare-prefix", f"'{inherited.prefix}:' is followed by no statement")
        inherited = None

    for para in paras:
        body = para.text(vocabulary)
        if cur is not None and para.level > cur.level:
            # Nested items stay with their parent, one line each, bullets stripped.
            cur.paras.append(para)
            cur.texts.append(body)
            continue
        hit = registry.read_prefix(body)
        if hit is not None and hit.kind == "known":
            for fz in hit.match.fuzzy if hit.match else ():
                warn("fuzzy-actor", fz.message)
            close()
            end_inheritance()
            if hit.bare:
                # Makes no statement of its own: its actors go to what follows.
                inherited, inherited_used = hit, False
                continue
            cur = _Open(level=para.level, actors=hit.ids, attribution="prefix", entry=True)
            cur.paras.append(para)
            cur.texts.append(hit.rest)
            continue
        if hit is not None:  # unknown, but looks like an actor
            warn("unknown-actor", f"unknown actor '{hit.prefix}' in '{collapse_ws(body)[:60]}'")
            close()
            end_inheritance()
            cur = _Open(level=para.level, entry=True)
            cur.paras.append(para)
            cur.texts.append(body)
            continue
        suffix = registry.match_suffix(body)
        if cur is not None and suffix is not None and suffix.start == 0:
            # "(Hamina)" wrapped onto a paragraph of its own: the suffix of the statement above.
            cur.paras.append(para)
            cur.texts.append(body)
            cur.suffix = suffix.ids
            continue
        starts = (
            cur is None
            or para.bullet is not None
            or suffix is not None
            or (not cur.entry and not _starts_lower(body))
        )
        if starts:
            close()
            cur = _Open(level=para.level)
            if inherited is not None:
                cur.actors, cur.attribution = inherited.ids, "inherited"
                inherited_used = True
        assert cur is not None
        cur.paras.append(para)
        cur.texts.append(body)
    close()
    end_inheritance()

    statements: list[Statement] = []
    for st in done:
        text = "\n".join(t for t in (collapse_ws(t) for t in st.texts) if t)
        actors, attribution = st.actors, st.attribution
        if attribution != "prefix" and not (st.entry and attribution == "none"):
            own = st.suffix or (m.ids if (m := registry.match_suffix(text)) else ())
            if own:
                actors, attribution = own, "suffix"
        statements.append(
            Statement(
                text=text,
                actors=list(actors),
                attribution=attribution,
                raw="\n".join(p.raw for p in st.paras),
                page=page,
                bbox=_round_bbox(bbox_union([ln.bbox for p in st.paras for ln in p.lines])),
            )
        )
    return statements, warnings
