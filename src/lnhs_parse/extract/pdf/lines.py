"""Text lines from a page's chars (engine-neutral: works on plain char dicts).

Chars are walked in content-stream order into runs on one baseline (no-break and other fixed
spaces read as a space, zero-width characters left out, a run of typed spaces read as its first,
a glyph drawn twice on the same spot read once, as pdfium's text page gives them); a run breaks
where the baseline changes, where the text jumps backwards, or at a horizontal gap wider than
`COLUMN_GAP` × the font size that no typed space bridges. Runs of one baseline that touch are
joined again, runs that cross a table's column rule are cut at it, so text of neighbouring columns
never merges into one `Line`.

A glyph of `lnhs_parse.glyphs.ICON_GLYPHS` typed in a colour is taken out of the text as an icon on
the way, except where it is a coloured bullet: the first char of a line, with text (not another
icon glyph) right after it. "▪ Koulutukset" and "✓ Käytössä" stay text; "●", "● ●" and the glyphs
of "● ● valmis" are icons (the PPTX extractor draws the same line).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from lnhs_parse.extract.pdf import colours
from lnhs_parse.extract.pdf.objects import RGB, PdfObject, round_box
from lnhs_parse.extract.pdf.tables import TableGeom
from lnhs_parse.glyphs import BULLETS, ICON_GLYPHS
from lnhs_parse.layout import Icon, Line
from lnhs_parse.utils import geometry as geo

# All relative to the font size of the chars involved.
BASELINE_TOLERANCE = 0.25  # chars whose baselines differ by more start a new run
COLUMN_GAP = 1.0  # a gap wider than this many font sizes, not bridged by typed spaces, splits lines
SPACE_BRIDGE = 0.35  # typed spaces bridge a gap when each hop between them is at most this wide
# A gap wider than this between two chars with no space char between gets a " ": a narrow word
# space set by positioning alone (justified text, a run boundary where PowerPoint typed no space
# char, Quartz) leaves 0.19 of the size; the letters of a word stand under a tenth apart.
WORD_GAP = 0.15
BULLET_GAP = 0.1  # … and after a line's first char, a bullet, a gap wider than this (letters touch)
BACKWARDS = 0.5  # text jumping back further than this starts a new run
# A char overlapping the one before by more than this: kerning ("To": 0.11) never does.
OVERLAP = 0.25
# A superscript ("4th", "Brand®", a footnote mark "text¹"): a run of at most `SUPERSCRIPT_INK`
# chars at most `SUPERSCRIPT_SIZE` of a line's size, its baseline above the line's by at most
# `SUPERSCRIPT_RISE` of the line's size, starting at most `SPACE_BRIDGE` after a char of the line
# (it rises from it) and overlapping none of its chars, goes into that line where it stands.
SUPERSCRIPT_INK = 3
SUPERSCRIPT_SIZE = 0.8
SUPERSCRIPT_RISE = 0.6

GLYPH_MIN_BRIGHTNESS = 0.2  # an icon glyph darker than this (max channel) is black text, no icon

# Characters read as a typed space: no-break and fixed-width spaces, line and paragraph
# separators. pdfium's text page gives some of them as a plain space, pdfminer as they are.
# (pdfium's text page also gives a zero-width space as a space, with a space's width.)
SPACE_LIKE = frozenset("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                       "\u200a\u200b\u2028\u2029\u202f\u205f\u3000")
# Characters that draw nothing and separate nothing: left out (pdfium's text page joins them to
# the glyph after them, pdfminer keeps them apart).
ZERO_WIDTH = frozenset("\u200c\u200d\u2060\ufeff")

_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
# A face name's style naming a slanted face: "Calibri-Italic", "Gill Sans MT,Italic",
# "Helvetica-Oblique", and Adobe's short style names ("MinionPro-It", "MyriadPro-BoldIt").
_ITALIC_MARKERS = ("italic", "oblique", "kursiv")
_ITALIC_SHORT = re.compile(r"[-,](?:[a-z]*)it$")
# Typographic ligatures a renderer shapes into one glyph (Chromium does, with "fi" in many fonts),
# written out as the letters typed: "Enjaksa.ﬁ" is "Enjaksa.fi".
LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)


@dataclass(slots=True)
class Run:
    """Chars on one baseline that will make one `Line`."""

    chars: list[PdfObject]  # in stream order, typed spaces included
    base: float  # baseline in PDF space (y up), from the text matrix
    base_top: float  # bottom of the first char, from the page top (rows and reading order)
    x0: float  # first ink char
    x1: float  # right end of the last ink char
    size: float
    ink: int  # ink (non-space) chars


def runs(
    chars: list[PdfObject], glyph_icons: list[Icon]
) -> tuple[list[Run], list[list[PdfObject]], int, bool]:
    """Chars in stream order → runs on one baseline without column-wide gaps.

    Coloured status glyphs are taken out as icons here (appended to `glyph_icons`). Returns the
    runs, groups of rotated chars (kept in stream order), the number of ink chars, and whether
    any ink char overlaps the one before it on its baseline by more than `OVERLAP` of the size or
    jumps back along it (the sign of a text shadow, `lnhs_parse.extract.pdf.shadows`).
    """
    out: list[Run] = []
    rotated: list[list[PdfObject]] = []
    cur: Run | None = None
    spaces: list[PdfObject] = []  # typed spaces since the last ink char of `cur`
    ink_total = 0
    last_rotated = False
    last_icon: PdfObject | None = None  # the glyph last taken as an icon, until text follows it
    prev_space = False
    drawn: set[tuple[str, float, float, float]] = set()  # chars met: text, x0, top, size
    # the last char's top and size and their rounding: the chars of a line share them
    last_top = last_size = top_r = size_r = 0.0
    overlapped = False
    for i, c in enumerate(chars):
        text = c["text"]
        if text in SPACE_LIKE:
            text = c["text"] = " "
        elif text in ZERO_WIDTH:
            continue
        elif len(text) > 1 and any(ch in ZERO_WIDTH or ch in SPACE_LIKE for ch in text):
            # one glyph of several chars (pdfium joins a zero-width one to the glyph after it)
            text = c["text"] = "".join(
                ch for ch in text if ch not in ZERO_WIDTH and ch not in SPACE_LIKE) or " "
        c_top, c_size = c["top"], c["size"] or 0.0
        if c_top != last_top:
            last_top, top_r = c_top, _tenth(c_top)
        if c_size != last_size:
            last_size, size_r = c_size, _tenth(c_size)
        key = (text, _tenth(c["x0"]), top_r, size_r)
        if key in drawn and c["x1"] - c["x0"] > 0.01:
            continue  # the same glyph drawn again on itself (a doubled text object): once
        drawn.add(key)  # (a glyph without width: a font without widths, its glyphs all at one x)
        if text == " " and prev_space:
            continue  # one space of a run of typed spaces: the first one stands for them all
        prev_space = text == " "
        if not c.get("upright", True):
            if last_rotated and rotated:
                rotated[-1].append(c)
            else:
                rotated.append([c])
            last_rotated = True
            continue
        last_rotated = False
        if text.isspace() or not text:
            if cur is not None:
                spaces.append(c)
            continue
        if text in ICON_GLYPHS:
            rgb = colours.rgb(c.get("non_stroking_color"))
            if _status_colour(rgb) and not _leads_text(chars, i, cur, spaces, last_icon):
                last_icon = c
                glyph_icons.append(
                    Icon(
                        kind="glyph",
                        bbox=round_box((c["x0"], c["top"], c["x1"], c["bottom"])),
                        colour=colours.to_hex(rgb),
                        glyph=text,
                    )
                )
                continue
        last_icon = None
        ink_total += 1
        size = c["size"] or 1.0
        base = c["matrix"][5]
        x0 = c["x0"]
        if cur is not None:
            # `_continues(cur.base, cur.x1, cur.size, c, spaces)`, written out: it runs for
            # every ink char
            ref = size if size > cur.size else cur.size
            gap = x0 - cur.x1
            if not (abs(base - cur.base) > BASELINE_TOLERANCE * ref or gap < -BACKWARDS * ref) \
                    and (gap <= COLUMN_GAP * ref or bridged(spaces, cur.x1, x0, ref)):
                if gap < -OVERLAP * ref:
                    overlapped = True
                if spaces:
                    cur.chars.extend(spaces)
                    spaces = []
                cur.chars.append(c)
                if c["x1"] > cur.x1:
                    cur.x1 = c["x1"]
                if size > cur.size:
                    cur.size = size
                cur.ink += 1
                continue
            if gap < -BACKWARDS * ref and abs(base - cur.base) <= BASELINE_TOLERANCE * ref:
                overlapped = True
            if spaces:
                cur.chars.extend(spaces)  # trailing spaces stay with their run (text is stripped)
        spaces = []
        cur = Run([c], base, c["bottom"], x0, c["x1"], size, 1)
        out.append(cur)
    if cur is not None and spaces:
        cur.chars.extend(spaces)
    return out, rotated, ink_total, overlapped


def _tenth(v: float) -> float:
    """`round(v, 1)`, the same float, in less than half its time (it runs three times for every
    char). `t = v * 10` lies within a ten-millionth of 10·v where |t| < 1e9, so `round(t)` is the
    whole number of tenths `round(v, 1)` rounds to, unless 10·v lies within a ten-thousandth of
    halfway between two whole numbers, where `round(v, 1)` itself decides; `n / 10` is correctly
    rounded, as `round(v, 1)` is (tests/extract/test_pdf_lines.py compares the two)."""
    t = v * 10.0
    if -1e9 < t < 1e9:
        n = round(t)
        if -0.4999 < t - n < 0.4999:
            return n / 10
    return round(v, 1)


def _continues(
    base: float, x1: float, size: float, c: PdfObject, spaces: list[PdfObject]
) -> bool:
    """Whether ink char `c` goes on a run on baseline `base` ending at `x1` (font `size`), with the
    typed `spaces` between: the same baseline, no jump backwards, no column-wide gap unbridged."""
    c_size = c["size"] or 1.0
    ref = c_size if c_size > size else size
    gap = c["x0"] - x1
    if abs(c["matrix"][5] - base) > BASELINE_TOLERANCE * ref or gap < -BACKWARDS * ref:
        return False
    return gap <= COLUMN_GAP * ref or bridged(spaces, x1, c["x0"], ref)


def _status_colour(rgb: RGB | None) -> bool:
    """A colour an icon glyph can be a status in: neither black-ish nor white."""
    return rgb is not None and max(rgb) > GLYPH_MIN_BRIGHTNESS and not colours.is_white(rgb)


def _leads_text(
    chars: list[PdfObject],
    i: int,
    cur: Run | None,
    spaces: list[PdfObject],
    last_icon: PdfObject | None,
) -> bool:
    """Whether the icon glyph `chars[i]` is a bullet: the first char of a line (it goes on neither
    the run `cur` nor the icon glyph `last_icon` before it) followed on that line by text that is
    not another icon glyph."""
    glyph = chars[i]
    if cur is not None and _continues(cur.base, cur.x1, cur.size, glyph, spaces):
        return False
    if last_icon is not None and _continues(
        last_icon["matrix"][5], last_icon["x1"], last_icon["size"] or 1.0, glyph, []
    ):
        return False
    following: list[PdfObject] = []
    for j in range(i + 1, len(chars)):  # up to the next ink char only
        c = chars[j]
        text = c["text"]
        if not c.get("upright", True):
            return False
        if text.isspace() or not text:
            following.append(c)
            continue
        if text in ICON_GLYPHS and _status_colour(colours.rgb(c.get("non_stroking_color"))):
            return False
        size = glyph["size"] or 1.0
        return _continues(glyph["matrix"][5], glyph["x1"], size, c, following)
    return False


def bridged(spaces: list[PdfObject], left: float, right: float, size: float) -> bool:
    """Whether typed spaces fill the gap between `left` and `right` hop by hop."""
    if not spaces:
        return False
    hop = SPACE_BRIDGE * size
    x = left
    for s in spaces:
        if s["x0"] - x > hop:
            return False
        x = max(x, s["x1"])
    return right - x <= hop


def join_runs(runs: list[Run]) -> list[Run]:
    """Join runs of one baseline that the stream order split but that touch (gap ≤ word gap … a
    column gap is still a split)."""
    if len(runs) < 2:
        return runs
    # number the baselines (chained within tolerance), then walk each baseline left to right
    by_base = sorted(runs, key=lambda r: -r.base)
    row = 0
    rows: dict[int, int] = {id(by_base[0]): 0}
    for prev_run, r in pairwise(by_base):
        if prev_run.base - r.base > BASELINE_TOLERANCE * max(r.size, prev_run.size):
            row += 1
        rows[id(r)] = row
    runs = sorted(runs, key=lambda r: (rows[id(r)], r.x0))
    out: list[Run] = [runs[0]]
    for r in runs[1:]:
        prev = out[-1]
        ref = max(r.size, prev.size)
        gap = r.x0 - prev.x1
        same_base = abs(r.base - prev.base) <= BASELINE_TOLERANCE * ref
        if same_base and -BACKWARDS * ref <= gap <= COLUMN_GAP * ref:
            prev.chars.extend(r.chars)
            prev.x1 = max(prev.x1, r.x1)
            prev.size = ref
            prev.ink += r.ink
        else:
            out.append(r)
    return attach_superscripts(out) if len(out) > 1 else out


def attach_superscripts(runs: list[Run]) -> list[Run]:
    """Put each superscript run (see `SUPERSCRIPT_INK`) into the line it rises from, its chars
    where it stands along the line, so "by 4", "th", "grade" read "by 4th grade"."""
    attached: set[int] = set()
    # the lines below a superscript's baseline by at most the rise of the largest size: found by
    # bisection, so a page of many short runs (a table of figures) is not read pairwise
    by_base = sorted(runs, key=lambda r: r.base)
    bases = [r.base for r in by_base]
    reach = SUPERSCRIPT_RISE * max(r.size for r in runs)
    for s in runs:
        if s.ink > SUPERSCRIPT_INK:
            continue
        best: tuple[float, Run, int] | None = None
        for k in range(bisect_left(bases, s.base - reach), bisect_left(bases, s.base)):
            r = by_base[k]
            if id(r) in attached or r.ink <= s.ink:
                continue
            rise = s.base - r.base
            if not (0 < rise <= SUPERSCRIPT_RISE * r.size and s.size <= SUPERSCRIPT_SIZE * r.size):
                continue
            if s.x0 < r.x0 or s.x0 > r.x1 + SPACE_BRIDGE * r.size:
                continue
            at = _superscript_slot(r, s)
            if at is not None and (best is None or rise < best[0]):
                best = (rise, r, at)
        if best is not None:
            _, r, at = best
            r.chars[at:at] = s.chars
            r.x1 = max(r.x1, s.x1)
            r.ink += s.ink
            attached.add(id(s))
    return [r for r in runs if id(r) not in attached] if attached else runs


def _superscript_slot(line: Run, sup: Run) -> int | None:
    """Where the chars of `sup` go in `line`'s: after the ink char it rises from (one ending at
    most `SPACE_BRIDGE` × the line's size before it), when no ink char of the line overlaps it."""
    at: int | None = None
    for i, c in enumerate(line.chars):
        if c["text"].isspace():
            continue
        if c["x1"] > sup.x0 + 0.5 and c["x0"] < sup.x1 - 0.5:
            return None  # the line's own text under it: no superscript
        if c["x1"] <= sup.x0 + 0.5 and sup.x0 - c["x1"] <= SPACE_BRIDGE * line.size:
            at = i + 1
    return at


def cut_runs_at_columns(runs: list[Run], tables: list[TableGeom]) -> list[Run]:
    """Cut runs that cross a column rule between two different cells of a table."""
    if not tables:
        return runs
    out: list[Run] = []
    for run in runs:
        cuts: list[float] = []
        for tg in tables:
            tbox = tg.bbox
            if not (tbox[1] <= run.base_top <= tbox[3]) or run.x1 <= tbox[0] or run.x0 >= tbox[2]:
                continue
            r = geo.interval_index(tg.row_edges, run.base_top - run.size * 0.3)
            if r is None:
                continue
            for k in range(1, len(tg.col_edges) - 1):
                edge = tg.col_edges[k]
                crossed = run.x0 + 1 < edge < run.x1 - 1
                if crossed and tg.cell_index(r, k - 1) != tg.cell_index(r, k):
                    cuts.append(edge)
        out.extend(cut_run(run, cuts))
    return out


def cut_run(run: Run, cuts: list[float]) -> list[Run]:
    """`run` cut at the x positions `cuts` (each char goes where its middle is), empty pieces left
    out."""
    if not cuts:
        return [run]
    cuts = sorted(cuts)
    pieces: list[list[PdfObject]] = [[] for _ in range(len(cuts) + 1)]
    for c in run.chars:
        pieces[bisect_left(cuts, (c["x0"] + c["x1"]) / 2)].append(c)
    out: list[Run] = []
    for piece in pieces:
        ink = [c for c in piece if not c["text"].isspace()]
        if not ink:
            continue
        out.append(
            Run(piece, run.base, run.base_top, ink[0]["x0"], max(c["x1"] for c in ink),
                max(c["size"] for c in ink), len(ink))
        )
    return out


class Face(NamedTuple):
    """What a font's name says of its face."""

    bold: bool
    italic: bool


def face(fontname: str, cache: dict[str, Face]) -> Face:
    """Whether a font name ("ABCDEF+Calibri-BoldItalic") names a bold face and a slanted one,
    cached per name. The name is the evidence both engines give alike."""
    found = cache.get(fontname)
    if found is None:
        base = fontname.split("+", 1)[-1].lower()
        italic = any(m in base for m in _ITALIC_MARKERS) or bool(_ITALIC_SHORT.search(base))
        found = cache[fontname] = Face(any(m in base for m in _BOLD_MARKERS), italic)
    return found


# Font names of fixed-width faces: text set in one is laid out by hand (code, tables of text).
_MONOSPACE_MARKERS = ("courier", "mono", "consol", "menlo", "monaco", "inconsolata", "code")


def is_monospace(fontname: str) -> bool:
    """Whether a font name names a fixed-width face ("ABCDEF+CourierNewPSMT", "DejaVuSansMono")."""
    base = fontname.split("+", 1)[-1].lower()
    return any(m in base for m in _MONOSPACE_MARKERS)


def make_line(
    run: Run, faces: dict[str, Face], blocks: dict[int, int] | None = None, *, cut: bool = True
) -> Line | None:
    """The `Line` of a run: words spaced by their gaps, its box, size, weight, slant and colour;
    `blocks` maps marked-content ids to paragraphs (`Line.block`) in a tagged PDF, and a line
    holding two of them gets its `Line.pieces` unless `cut` is False (a piece has none)."""
    parts: list[str] = []
    prev: PdfObject | None = None
    prev_space = False  # whether `prev` is a space
    ink: list[PdfObject] = []
    last_i = -1
    first_word_x1: float | None = None  # where the first word's ink ends
    for i, c in enumerate(run.chars):
        t = c["text"]
        space = t.isspace()
        if prev is not None and not space and not prev_space:
            gap = c["x0"] - prev["x1"]
            ref = prev["size"] if prev["size"] > c["size"] else c["size"]  # max(), without a call
            # a bullet drawn at a hanging indent stands apart from the text with no space char
            lead = len(ink) == 1 and prev["text"] in BULLETS
            if gap > WORD_GAP * ref or (lead and gap > BULLET_GAP * ref):
                parts.append(" ")
                if first_word_x1 is None:
                    first_word_x1 = prev["x1"]
        elif space and ink and first_word_x1 is None:
            first_word_x1 = ink[-1]["x1"]
        parts.append(t)
        if not space:
            ink.append(c)
            last_i = i
        prev, prev_space = c, space
    text = "".join(parts).strip().translate(LIGATURES)
    if not text or not ink:
        return None
    # the ink's box, largest size, bold chars and slanted letters, in one pass (as min() and
    # max() would: the first of equal values kept)
    first = ink[0]
    x0, top, x1, bottom, size = first["x0"], first["top"], first["x1"], first["bottom"], \
        first["size"]
    n_bold = n_slanted = 0
    # the last char's font name and its face: looked up where the font changes
    fontname = first["fontname"]
    bold, italic = face(fontname, faces)
    for c in ink:
        if c["x0"] < x0:
            x0 = c["x0"]
        if c["top"] < top:
            top = c["top"]
        if c["x1"] > x1:
            x1 = c["x1"]
        if c["bottom"] > bottom:
            bottom = c["bottom"]
        if c["size"] > size:
            size = c["size"]
        if c["fontname"] != fontname:
            fontname = c["fontname"]
            bold, italic = face(fontname, faces)
        if bold:
            n_bold += 1
        if italic:
            n_slanted += 1
    bbox = (x0, top, x1, bottom)
    last = ink[-1]
    # a typed space right after the last word: the text wrapped at a space (see Line.space_after)
    space_after = any(
        c["text"].isspace() and -1.0 <= c["x0"] - last["x1"] <= SPACE_BRIDGE * last["size"]
        for c in run.chars[last_i + 1 :]
    )
    block = line_block(ink, blocks) if blocks else None
    pieces: tuple[Line, ...] = ()
    if cut and blocks and block is None:
        parts_run = cut_run(run, block_cuts(run.chars, blocks))
        if len(parts_run) > 1:  # (glyphs of two paragraphs on one spot: no cut parts them)
            made = (make_line(piece, faces, blocks, cut=False) for piece in parts_run)
            pieces = tuple(ln for ln in made if ln is not None)
    return Line(
        text=" ".join(text.split()) if "  " in text else text,
        bbox=round_box(bbox),
        size=round(size, 2),
        bold=n_bold * 2 > len(ink),
        italic=_slant(ink, faces) if n_slanted else (False if _has_letter(ink) else None),
        monospace=all(is_monospace(str(c["fontname"])) for c in ink),
        colour=colours.to_hex(colours.rgb(first.get("non_stroking_color"))),
        space_after=space_after,
        block=block,
        first_word_width=round(
            (bbox[2] if first_word_x1 is None else first_word_x1) - bbox[0], 2
        ),
        pieces=pieces,
    )


def _has_letter(ink: list[PdfObject]) -> bool:
    return any(c["text"].isalnum() for c in ink)


def _slant(ink: list[PdfObject], faces: dict[str, Face]) -> bool | None:
    """`Line.italic` of a line with slanted glyphs: whether every letter and digit is slanted
    (a bullet's or a symbol's face says nothing of the text's), None when only some are or the
    line has none."""
    letters = [face(c["fontname"], faces).italic for c in ink if c["text"].isalnum()]
    if not letters or len(set(letters)) > 1:
        return None
    return letters[0]


def block_cuts(chars: list[PdfObject], blocks: dict[int, int]) -> list[float]:
    """Where a line's text passes from one structure paragraph to the next (`Line.pieces`): the
    x positions between them, when each paragraph's chars come in one stretch (text the tree
    leaves out, a slide number beside a source line, counts as one more) and each change falls at
    a word boundary (a typed space or a gap wider than `WORD_GAP`: two text boxes, or a table's
    cells, set on one baseline). Otherwise none: a tree that splits words ("Te" / "xt") or goes
    back and forth says nothing of the line."""
    cuts: list[float] = []
    seen: set[int] = set()
    prev: PdfObject | None = None
    prev_block = -1
    spaced = False
    for c in chars:
        if c["text"].isspace():
            spaced = True
            continue
        mcid = c.get("mcid")
        block = blocks.get(mcid, -1) if isinstance(mcid, int) else -1  # -1: in no paragraph
        if prev is not None and block != prev_block:
            gap = c["x0"] - prev["x1"]
            if block in seen or not (spaced or gap > WORD_GAP * max(prev["size"], c["size"])):
                return []
            cuts.append((prev["x1"] + c["x0"]) / 2)
        seen.add(block)
        prev, prev_block, spaced = c, block, False
    return cuts


def line_block(ink: list[PdfObject], blocks: dict[int, int]) -> int | None:
    """The paragraph (structure element) of a line: that of its ink chars, when they all agree.

    A line whose chars are untagged, or tagged into two paragraphs (a structure tree that doesn't
    follow the text), has none: the normaliser then reads its paragraph from the geometry.
    """
    found: int | None = None
    for c in ink:
        mcid = c.get("mcid")
        block = blocks.get(mcid) if isinstance(mcid, int) else None
        if block is None or (found is not None and block != found):
            return None
        found = block
    return found


def make_rotated_line(group: list[PdfObject]) -> Line | None:
    """One `Line` of rotated chars, in stream order."""
    text = "".join(c["text"] for c in group).strip().translate(LIGATURES)
    if not text:
        return None
    return Line(
        text=text,
        bbox=round_box((
            min(c["x0"] for c in group),
            min(c["top"] for c in group),
            max(c["x1"] for c in group),
            max(c["bottom"] for c in group),
        )),
        size=round(max(c["size"] for c in group), 2),
    )
