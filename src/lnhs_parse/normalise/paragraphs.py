"""A cell's lines grouped into paragraphs (docs/parsing-rules.md, "Paragraphs").

PPTX lines carry their source paragraph. A tagged PDF's lines carry their structure paragraph
(`Line.block`). An untagged PDF's paragraphs are inferred from the evidence a reader uses: the wrap
spaces its producer prints, gaps against the deck's line pitch, the room left at a line's end,
bullets and actor prefixes, capitalised words that are no names, sentence ends (`TextEvidence`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from lnhs_parse.glyphs import BULLET_DASHES
from lnhs_parse.layout import BBox, Line, bbox_union
from lnhs_parse.normalise.actors import ActorRegistry
from lnhs_parse.normalise.evidence import (
    NO_EVIDENCE,
    TextEvidence,
    capitalised,
    ends_abbreviation,
    is_name,
    sentence_end,
)
from lnhs_parse.normalise.joining import (
    BREAK_AFTER,
    CONJUNCTIONS,
    Paragraph,
    split_bullet,
    starts_lower,
)

__all__ = ["END_FACTS", "LineEnd", "cell_text", "line_ends", "paragraphs"]

# --- geometry thresholds (docs/parsing-rules.md) ------------------------------------------------

# A line "reached the right edge" (the evidence for a word broken by the width) when the room left
# is under 1.5 of its average characters: a renderer breaks a word without a hyphen only when the
# word alone is wider than the line, and then fills the line to the last character that fits. (A
# share of the width, such as 12 %, also catches lines that wrapped normally before a long word.)
FULL_LINE_CHARS = 1.5
GAP_FACTOR = 1.4  # a gap over 1.4 x the cell's median line pitch ends a paragraph
# ... and so does a gap over 1.2 x the cell's smallest pitch: the smallest pitch is the line pitch
# inside a paragraph, and decks exported by PowerPoint/LibreOffice space paragraphs only ~1.35 x
# apart, which the median rule misses when most lines start a paragraph.
GAP_FACTOR_MIN = 1.2
# Single-spaced text has a line pitch of about 1.1-1.15 x the font size, so when the font size is
# known the line pitch is taken as at most this (a cell whose lines are all separate paragraphs has
# no smaller pitch to learn from). Decks set at 1.5 line spacing would read every line as a
# paragraph; the statement rules (lower-case continuation, prefixed entries) absorb most of that.
PITCH_PER_SIZE = 1.15
NEST_INDENT = 6.0  # pt right of the base x0 (or of the previous indent level) is one level deeper
FIT_MARGIN = 1.2  # the next line's first word, widened by this, must fit in the room left
# ... by this when the PDF gives the word's printed width (`Line.first_word_width`), not an
# estimate from the line's average character: only the right edge (from the padding) is estimated.
EXACT_FIT_MARGIN = 1.05
TYPED_SPACE_MARGIN = 2.0  # ... widened by this to overrule a printed wrap space (a typed one)
# A line that ends a paragraph leaves any room from none to the whole width; one that wrapped
# leaves less than the next word. For a next word wider than half the text width, a paragraph's end
# too would more often than not leave too little room for it, so "it did not fit" is no evidence of
# a wrap, and a sentence's end is taken as the paragraph's.
LONG_WORD_SHARE = 0.5
MAX_PADDING = 12.0  # cell padding assumed at most this wide when estimating the text's right edge
# A line set in a font size more than this share apart from the line before it is set in another
# type (a heading and its text, a label and its value).
RESTYLE_SIZE = 0.15
# Lines whose starts differ by more than this many font sizes while their middles (or ends) lie
# within it are set centred (or flush right).
ALIGN_TOLERANCE = 0.25
RULE_TOUCH = 0.5  # points: a rule this far into the upper line's box is still below it


def _merge_baselines(lines: list[Line], *, by_tags: bool = False) -> list[Line]:
    """Order PDF lines top to bottom and merge those sharing a baseline, left to right.

    The extractor splits a line at wide gaps, so a bullet glyph followed by a tab arrives as a line
    of its own; within one cell such pieces belong together. Lines whose vertical extents overlap by
    more than half the smaller height are one printed line. `by_tags`: lines of two different
    structure paragraphs (`Line.block`) stay apart, each its paragraph's (a source line set small
    at the end of a cell's last line).
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
            if by_tags and None not in (merged.block, ln.block) and merged.block != ln.block:
                out.append(merged)
                merged = ln
                continue
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
    pitch: float | None  # median pitch, in font sizes
    line_pitch: float | None  # smallest pitch (in font sizes): lines within one paragraph
    # the lines are centred (or set flush right): a line's room is the width it leaves free, on
    # either side, not the room after its end
    centred: bool = False

    def room(self, ln: Line) -> float:
        """The room `ln` left for one more word: after its end, or (centred text) beside it."""
        if self.centred:
            return (self.right - self.base_x0) - (ln.bbox[2] - ln.bbox[0])
        return self.right - ln.bbox[2]

    def gap_breaks(self, cur: Line, nxt: Line) -> bool:
        """Whether the vertical gap from `cur` to `nxt` is a paragraph gap. Pitches are counted in
        font sizes of the upper line, so that a heading and its text, set in two sizes, are
        measured each by its own."""
        gap = (nxt.bbox[1] - cur.bbox[1]) / _size(cur)
        if self.pitch is not None and gap > GAP_FACTOR * self.pitch:
            return True
        return self.line_pitch is not None and gap > GAP_FACTOR_MIN * self.line_pitch

    def reached_edge(self, ln: Line) -> bool:
        """Whether `ln` was filled up to the right edge (less than 1.5 characters' room left)."""
        text = ln.text.strip()
        char_w = max(ln.bbox[2] - ln.bbox[0], 0.0) / max(len(text), 1)
        return self.right - ln.bbox[2] <= FULL_LINE_CHARS * char_w

    def next_word_fits(self, cur: Line, nxt: Line, margin: float | None = None) -> bool:
        """Whether the first word of `nxt` would have fitted in the room left after `cur`: then the
        renderer did not wrap there, the line was ended on purpose (a paragraph break). The word's
        width is `_first_word`'s; a space (one average character) is added and the sum widened by
        `margin` (default: `EXACT_FIT_MARGIN` for a printed width, `FIT_MARGIN` for an estimate)."""
        word = _first_word(nxt)
        if word is None:
            return False
        width, char_w, printed = word
        need = (margin or (EXACT_FIT_MARGIN if printed else FIT_MARGIN)) * (width + char_w)
        return need > 0 and self.room(cur) > need

    def long_word(self, ln: Line) -> bool:
        """Whether the first word of `ln` is wider than `LONG_WORD_SHARE` of the text's width."""
        word = _first_word(ln)
        return word is not None and word[0] > LONG_WORD_SHARE * (self.right - self.base_x0)


def _first_word(ln: Line) -> tuple[float, float, bool] | None:
    """The width of `ln`'s first word, the line's average character width, and whether the width
    is the printed one (`Line.first_word_width`) rather than estimated from that average; None
    for an empty line."""
    text = ln.text.strip()
    if not text:
        return None
    char_w = max(ln.bbox[2] - ln.bbox[0], 0.0) / len(text)
    if ln.first_word_width is not None:
        return ln.first_word_width, char_w, True
    return char_w * len(text.split()[0]), char_w, False


def _geometry(
    lines: list[Line], cell_bbox: BBox, evidence: TextEvidence = NO_EVIDENCE
) -> _Geometry:
    base_x0 = min(ln.bbox[0] for ln in lines)
    max_x1 = max(ln.bbox[2] for ln in lines)
    # Padding is assumed symmetric: as far right of the text's right limit as the text starts from
    # the cell's left edge (capped, since nested-only text starts further in).
    pad = min(max(base_x0 - cell_bbox[0], 0.0), MAX_PADDING)
    right = cell_bbox[2] - pad
    if right - base_x0 < 1.0:  # degenerate or missing cell box: trust the text itself
        right = max_x1
    pitches = [(b.bbox[1] - a.bbox[1]) / _size(a) for a, b in itertools.pairwise(lines)
               if b.bbox[1] - a.bbox[1] > 0.5]
    pitch = _median(pitches) if pitches else None
    line_pitch = min(pitches) if pitches else None
    if line_pitch is not None and any(ln.size for ln in lines):
        # the deck's own line pitch when known (its line spacing), else single spacing
        line_pitch = min(line_pitch, evidence.line_pitch or PITCH_PER_SIZE)
    return _Geometry(base_x0=base_x0, right=right, pitch=pitch, line_pitch=line_pitch,
                     centred=_centred(lines))


def _size(ln: Line) -> float:
    """A line's font size, or its height where the size is unknown."""
    return ln.size or max(ln.bbox[3] - ln.bbox[1], 1.0)


def _centred(lines: list[Line]) -> bool:
    """Whether the lines are set centred or flush right rather than flush left: their starts differ
    by more than `ALIGN_TOLERANCE` while their middles (or their ends) all lie within it."""
    if len(lines) < 2:
        return False
    size = _median([ln.size for ln in lines if ln.size] or [10.0])
    tol = ALIGN_TOLERANCE * size
    x0s = [ln.bbox[0] for ln in lines]
    if max(x0s) - min(x0s) <= tol:
        return False
    mids = [(ln.bbox[0] + ln.bbox[2]) / 2 for ln in lines]
    ends = [ln.bbox[2] for ln in lines]
    return max(mids) - min(mids) <= tol or max(ends) - min(ends) <= tol


def _marked(line: Line) -> bool:
    """A line that starts with a list marker a reader can't mistake for punctuation: a bullet glyph
    or a number typed in front of the text, or a marker drawn as a shape (`Line.bullet`); a dash
    alone is not enough (a spaced dash wrapped to the line start is punctuation)."""
    if line.bullet is not None:
        return True
    bullet, _ = split_bullet(line.text)
    return bullet is not None and bullet.strip()[:1] not in BULLET_DASHES


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
            # A space after the last character: typed in the text (PPTX keeps it before a soft
            # break) or reported by the PDF extractor, which strips its lines (`Line.space_after`).
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

    Lines with `Line.paragraph` set (PPTX) are grouped by it and keep their `level`. PDF lines are
    grouped by their structure paragraph (`Line.block`) where a tagged PDF gives one, otherwise by
    the evidence of `evidence` and the geometry (docs/parsing-rules.md, "Paragraphs"; `registry`
    lets a known actor prefix start a paragraph). PDF levels come from the indent of each
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
    ordered = _tagged_blocks(_merge_baselines(run, by_tags=True))
    geo = _geometry(ordered, cell_bbox, evidence)
    groups: list[list[Line]] = [[ordered[0]]]
    for cur, nxt in itertools.pairwise(ordered):
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
    for g, lvl in zip(groups, levels, strict=True):
        full = [geo.reached_edge(ln) for ln in g]
        glued = [evidence.wrap_spaces and _broke_in_word(ln, geo) for ln in g]
        out.append(_build(g, lvl, full, glued))
    return out


class LineEnd(NamedTuple):
    """The end of one line inside a block of PDF lines, as the geometry reads it (`line_ends`)."""

    line: Line
    next: Line
    ends: bool  # the geometry ends the paragraph here
    facts: frozenset[str]  # what the rules can read here: names from `END_FACTS`


# The facts about a line's end that the paragraph rules read (docs/parsing-rules.md): two ends with
# the same facts get the same reading, whatever rules are written over them.
END_FACTS: tuple[str, ...] = (
    "deck prints wrap spaces", "space printed", "sentence end", "open end", "label end",
    "broken after a dash", "next starts lower", "next starts capitalised", "next marked",
    "next starts an item", "restyled", "paragraph gap", "wider than the deck's pitch",
    "next word fits", "next word clearly fits", "long next word", "centred", "hangs under item",
    "left of marker", "aside", "monospace", "line full", "ruled apart",
)


def line_ends(
    lines: Sequence[Line],
    cell_bbox: BBox,
    *,
    registry: ActorRegistry | None = None,
    evidence: TextEvidence = NO_EVIDENCE,
) -> list[LineEnd]:
    """Every line end in a block of PDF lines, top to bottom, with the geometry's reading
    (`_ends_paragraph`, structure paragraphs ignored) and the facts there (`END_FACTS`). The lines
    keep their `Line.block`, so a tagged PDF's tree can judge each reading
    (bench/tags_boundaries.py)."""
    ordered = _merge_baselines([ln for ln in lines if ln.text.strip()])
    if len(ordered) < 2:
        return []
    geo = _geometry(ordered, cell_bbox, evidence)
    out: list[LineEnd] = []
    for cur, nxt in itertools.pairwise(ordered):
        end = _ends_paragraph(cur, nxt, geo, registry, evidence)
        checks = (
            evidence.wrap_spaces, cur.space_after, sentence_end(cur.text), _open_end(cur.text),
            cur.text.rstrip().endswith(":"), cur.text.rstrip()[-1:] in BREAK_AFTER,
            starts_lower(nxt.text), capitalised(nxt.text) and not is_name(nxt.text, evidence),
            _marked(nxt), _starts_item(nxt, registry), _restyled(cur, nxt),
            geo.gap_breaks(cur, nxt), _wider_than_deck_pitch(cur, nxt, evidence),
            geo.next_word_fits(cur, nxt),
            geo.next_word_fits(cur, nxt, margin=TYPED_SPACE_MARGIN), geo.long_word(nxt),
            geo.centred, _hangs_under_item(cur, nxt, geo), _left_of_marker(cur, nxt, geo),
            _aside(cur, nxt), cur.monospace and nxt.monospace, geo.reached_edge(cur),
            _ruled_apart(cur, nxt),
        )
        facts = frozenset(name for name, true in zip(END_FACTS, checks, strict=True) if true)
        out.append(LineEnd(cur, nxt, end, facts))
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
    if _ruled_apart(cur, nxt):
        return True  # a rule is drawn between the lines: a reader never reads across one
    if cur.monospace and nxt.monospace:
        return True  # a fixed-width face is laid out by hand, line by line (code)
    if _left_of_marker(cur, nxt, geo):
        return True  # an item's text never wraps to the left of its marker
    if evidence.wrap_spaces:
        if _marked(nxt):
            return True  # a bullet or a number starts an item, however the line before ended
        if cur.space_after and _wider_than_deck_pitch(cur, nxt, evidence):
            return True  # a line wraps at the line pitch: a wider gap is between paragraphs
        if _restyled(cur, nxt):
            # a wrap keeps the type: a label and its value, a figure and its caption, set apart by
            # size, however the line before ended (a line broken by hand, or a figure alone)
            return True
        if cur.space_after and _hangs_under_item(cur, nxt, geo):
            return False  # an item's own line, under its text: wrapped, or broken by hand in it
        if cur.space_after:
            # Wrapped at a space: the paragraph goes on, unless the next word would clearly have
            # fitted (twice over: the estimate is rough, and the renderer knows better) and the
            # next line starts like a paragraph (a space typed at a paragraph's end).
            # A parenthesis opened after an unfinished sentence is its aside, however it was
            # broken (``hyperactivity disorder`` / ``(ADHD)``).
            clearly = geo.next_word_fits(cur, nxt, margin=TYPED_SPACE_MARGIN)
            return clearly and (_starts_item(nxt, registry)
                                or not (starts_lower(nxt.text) or _aside(cur, nxt)))
        if cur.text.rstrip()[-1:] in BREAK_AFTER:
            return False  # broken after a hyphen, dash or slash: the word goes on
        if starts_lower(nxt.text):
            # a word broken at the edge, or a line broken by hand (a soft line break) before the
            # sentence goes on in lower case: the same paragraph, unless spaced as a new one
            return geo.gap_breaks(cur, nxt) and not _broke_in_word(cur, geo)
        if _aside(cur, nxt) or (_open_end(cur.text) and not _starts_item(nxt, registry)):
            # a parenthesis after an unfinished sentence, or a line broken by hand after a comma
            # or a conjunction: the sentence goes on
            return geo.gap_breaks(cur, nxt)
        return True  # no space printed and a new sentence: the paragraph ended here
    if _starts_item(nxt, registry) or geo.gap_breaks(cur, nxt) or _restyled(cur, nxt):
        return True  # (a wrap keeps the type: a label and its value, set apart by size)
    if starts_lower(nxt.text) or _open_end(cur.text) or _aside(cur, nxt):
        return False
    if geo.next_word_fits(cur, nxt):
        return True  # the renderer did not wrap here: the line was ended on purpose
    # The next word would not have fitted: the renderer may have wrapped here.
    if cur.text.rstrip().endswith(":"):
        return False  # a prefix or a label wrapped before its text ("Tulsote, hanketuki:")
    if capitalised(nxt.text) and not is_name(nxt.text, evidence):
        # Finnish capitalises no word mid-sentence but names: a capitalised word starts a sentence,
        # and a new sentence with none ended before it starts a new paragraph; after a sentence's
        # end (not an abbreviation's) it is a paragraph of several sentences wrapped between them,
        # unless the word is so long that a line ending its paragraph anywhere would most likely
        # have left too little room for it: then the room says nothing, and a sentence ends a
        # paragraph more often than not.
        if ends_abbreviation(cur.text):
            return False
        return not sentence_end(cur.text) or geo.long_word(nxt)
    return False  # a name, a number, a parenthesis that did not fit: wrapped


def _ruled_apart(cur: Line, nxt: Line) -> bool:
    """Whether a rule is drawn between `cur` and the line below it (`Line.rule_above`)."""
    return nxt.rule_above is not None and cur.bbox[3] <= nxt.rule_above + RULE_TOUCH


def _left_of_marker(cur: Line, nxt: Line, geo: _Geometry) -> bool:
    """Whether `nxt` starts left of `cur`'s list marker (a bullet glyph or a typed number, or a
    marker drawn as a shape) by more than `ALIGN_TOLERANCE` font sizes, in text set flush left:
    an item wraps under its text or under its marker, never further left."""
    if geo.centred or not _marked(cur):
        return False
    return nxt.bbox[0] < cur.bbox[0] - ALIGN_TOLERANCE * _size(cur)


def _hangs_under_item(cur: Line, nxt: Line, geo: _Geometry) -> bool:
    """Whether `nxt`, with no list marker of its own, starts right of `cur`'s list marker (by
    more than `ALIGN_TOLERANCE` font sizes) in text set flush left: the hanging indent of `cur`'s
    item, where its text goes on (a wrap, or a line the author broke inside the item)."""
    if geo.centred or not _marked(cur) or nxt.bullet is not None:
        return False
    if split_bullet(nxt.text)[0] is not None or _lone_marker(nxt.text):
        return False  # a dash, a number or a bullet of its own: a nested item
    return nxt.bbox[0] > cur.bbox[0] + ALIGN_TOLERANCE * _size(cur)


def _wider_than_deck_pitch(cur: Line, nxt: Line, evidence: TextEvidence) -> bool:
    """Whether `nxt` lies more than `GAP_FACTOR_MIN` times the deck's line pitch below `cur` (in
    font sizes of `cur`): farther than any line wraps. The deck's pitch, learnt from all its text,
    is the measure here, not the block's, whose smallest pitch a stray line may spoil."""
    if evidence.line_pitch is None:
        return False
    return (nxt.bbox[1] - cur.bbox[1]) / _size(cur) > GAP_FACTOR_MIN * evidence.line_pitch


def _restyled(cur: Line, nxt: Line) -> bool:
    """Whether `nxt` is set in another type than `cur`: a font size more than `RESTYLE_SIZE` apart,
    or one line set wholly in a slanted face and the other wholly upright (a wrap keeps its
    paragraph's size, and an italic phrase seldom ends exactly where its line does)."""
    if cur.italic is not None and nxt.italic is not None and cur.italic != nxt.italic:
        return True
    a, b = cur.size, nxt.size
    if not a or not b:
        return False
    return abs(a - b) > RESTYLE_SIZE * max(a, b)


def _aside(cur: Line, nxt: Line) -> bool:
    """Whether `nxt` opens a parenthesis after a line that ended no sentence: the sentence's aside
    (``... käynnistäminen`` / ``(Mikä vituttaa- illat)``), however the line was broken."""
    return nxt.text.lstrip().startswith("(") and not sentence_end(cur.text)


def _open_end(text: str) -> bool:
    """Whether `text` ends where no paragraph ends: at a comma or a conjunction (``syksyllä 23,``,
    ``Nepsy-polku ja`` / ``Vauvapolku päivitetty``)."""
    text = text.rstrip()
    if text.endswith((",", ";")):
        return True
    words = text.split()
    return bool(words) and words[-1].lower() in CONJUNCTIONS


def cell_text(
    lines: Sequence[Line],
    cell_bbox: BBox,
    vocabulary: frozenset[str] = frozenset(),
    evidence: TextEvidence = NO_EVIDENCE,
) -> str:
    """A cell's text for titles, highlights and legend text: each paragraph's lines joined (typed
    bullets removed), paragraphs separated by ``\\n``."""
    return "\n".join(p.text(vocabulary) for p in paragraphs(lines, cell_bbox, evidence=evidence))


# --- text boxes: a page's lines outside tables ---------------------------------------------------

# A line belongs to the text box above it when it starts no more than this many font sizes (of the
# smaller font) below the box's last line and overlaps it horizontally: lines of a paragraph lie
# 0.1 to 0.5 font sizes apart (single to 1.5 spacing), its paragraphs a little more.
BOX_GAP = 1.2
# Two pieces of one printed line (a bullet and its text after a tab) are one box when the gap
# between them is at most this many font sizes; a wider gap separates columns.
BOX_ROW_GAP = 3.0


def text_boxes(lines: Sequence[Line]) -> list[list[Line]]:
    """A page's lines outside tables grouped into the text boxes a reader sees
    (docs/parsing-rules.md, "Text boxes"), top to bottom.

    A list marker printed alone ("•", "1.") goes with the text that follows it on its row; then a
    line goes on the box whose last line ends just above it (at most `BOX_GAP` font sizes) and
    overlaps it horizontally, the nearest such box, or starts a box of its own. Lines side by side
    on one row never share a box: they are columns. A PDF has no boxes: this is the geometry's
    reading of them, for lines that carry no source paragraph (`Line.paragraph`).
    """
    kept = sorted((ln for ln in lines if ln.text.strip()), key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    units = _marker_units(kept)
    boxes: list[list[Line]] = []
    for unit in units:
        ln = unit[-1]  # the text line of a marker's unit
        best: tuple[float, int] | None = None
        for k, box in enumerate(boxes):
            last = box[-1]
            # the smaller font's size: the spacing of its own lines and paragraphs
            size = min(last.size or 0.0, ln.size or 0.0) or max(last.bbox[3] - last.bbox[1], 1.0)
            if _same_row(last, ln):
                continue
            below = ln.bbox[1] - last.bbox[3]
            overlap = min(last.bbox[2], ln.bbox[2]) - max(unit[0].bbox[0], last.bbox[0])
            near = -0.5 * size <= below <= BOX_GAP * size and overlap > 0
            if near and (best is None or below < best[0]):
                best = (below, k)
        if best is None:
            boxes.append(list(unit))
        else:
            boxes[best[1]].extend(unit)
    return boxes


def _marker_units(lines: list[Line]) -> list[list[Line]]:
    """The lines in order, each list marker printed alone joined to the line that follows it on its
    row within `BOX_ROW_GAP` font sizes (a bullet and its text after a tab): [marker, text]."""
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for i, marker in enumerate(lines):
        if not _lone_marker(marker.text):
            continue
        best: tuple[float, int] | None = None
        for j, ln in enumerate(lines):
            if j == i or j in taken or _lone_marker(ln.text) or not _same_row(marker, ln):
                continue
            # in the smaller size: a marker is set in its item's size or scaled down, never far
            # apart from it, so a marker beside much larger type is another box's
            size = min((s for s in (marker.size, ln.size) if s), default=10.0)
            gap = ln.bbox[0] - marker.bbox[2]
            if -0.5 * size <= gap <= BOX_ROW_GAP * size and (best is None or gap < best[0]):
                best = (gap, j)
        if best is not None:
            pairs[best[1]] = i
            taken.add(best[1])
    markers = set(pairs.values())
    return [[lines[pairs[j]], ln] if j in pairs else [ln]
            for j, ln in enumerate(lines) if j not in markers]


def _lone_marker(text: str) -> bool:
    """Whether `text` is a list marker alone: a bullet ("•", "–", "1."), or any one character that
    is no letter, digit or closing punctuation ("+", "»"): the text it marks follows on its row
    after a tab."""
    text = text.strip()
    if len(text) == 1 and not text.isalnum() and text not in _CLOSING:
        return True
    bullet, body = split_bullet(text + " x")
    return bullet is not None and body == "x"


_CLOSING = frozenset(".,;:!?)]}”’'\"%")


def _same_row(a: Line, b: Line) -> bool:
    """Whether two lines' vertical extents overlap by more than half the smaller height."""
    height = max(min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]), 0.1)
    return min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1]) > 0.5 * height


def _median(values: list[float]) -> float:
    """`statistics.median`'s value (the mean of the middle two of an even count), without
    importing `statistics` (and the `random`, `decimal` and `fractions` it imports) on every
    parse."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
