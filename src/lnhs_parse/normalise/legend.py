"""The status legend: which icon means which status.

The legend slide shows each status icon beside its text, "Aloitettu, toimenpide aloitettu ja ...".
`read_legend` pairs every icon with the text block nearest to its right (or beside it), reads the
label (the text before the first comma) as a status through the words of data/statuses.toml, and
keeps the icon's signature (kind, glyph, colour, picture digest). `Legend.status_of` then maps a
table icon to the legend entry whose signature it matches: same kind and glyph, and the same picture
digest or a colour within `max_colour_distance` (RGB Euclidean). Each entry also carries its icon's
colour (`LegendEntry.color`, upper-case "#RRGGBB"), which the exports and plots draw the status in.

A deck without a legend gets `default_legend()`: icons mapped by colour hue (data/statuses.toml:
red/orange -> started, yellow -> in_progress, green -> in_use), with a `no-legend` warning.
"""

from __future__ import annotations

import colorsys
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from lnhs_parse.glyphs import ICON_GLYPHS
from lnhs_parse.layout import BBox, Icon, Line, Page, bbox_union
from lnhs_parse.normalise.content import DEFAULT_SLIDE_SETTINGS, content_lines, status_icons
from lnhs_parse.normalise.roles import goal_heading
from lnhs_parse.normalise.text import cell_text
from lnhs_parse.normalise.vocab import scale_vocabulary
from lnhs_parse.normalise.warn import warning
from lnhs_parse.records import LegendEntry, Warning
from lnhs_parse.settings import LegendSettings, SlideSettings
from lnhs_parse.utils.colour import parse_hex

__all__ = [
    "DEFAULT_LEGEND_SETTINGS",
    "SAME_FILL",
    "Legend",
    "Signature",
    "TextBlock",
    "block_text",
    "colour_distance",
    "default_legend",
    "find_legend",
    "is_fill",
    "read_legend",
    "status_from_hue",
    "status_from_label",
    "status_word",
    "text_blocks",
]

DEFAULT_LEGEND_SETTINGS = LegendSettings()


# --------------------------------------------------------------------------------------------------
# Status words and colours (data/statuses.toml)


_NEGATIONS = ("ei ", "eivät ", "ei-")
_PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d+)?)\s*%")
_LABEL_TRIM = " .:;,-–—!?"


def status_from_label(label: str) -> str | None:
    """The scale step a label names ("Aloitettu", "Osittain toteutunut", a profile's own word), or
    None (`status_word`)."""
    found = status_word(label)
    return found[0] if found else None


def status_word(text: str) -> tuple[str, str] | None:
    """(step code, the words as printed) when `text` names a step of the scale (data/scales.toml,
    the active profile's `[statuses.*]` and `[scale]`), else None.

    The whole text first, then the longest step word the text starts with ("Käynnissä.
    Koulutukset alkoivat" is in_progress, printed "Käynnissä"), then a word close to the whole
    text that starts with the same letter (a typo: rapidfuzz ratio >= `min_score`; "vuosittain",
    annually, is no typo of "osittain"). A negated text ("ei toteutunut") never matches an
    unnegated word, nor the other way round.
    """
    vocab = scale_vocabulary()
    printed = " ".join(text.split()).strip(_LABEL_TRIM)
    key = printed.casefold()
    if not key:
        return None
    percent = _PERCENT.match(printed)
    if percent is not None:
        value = float(percent.group(1).replace(",", "."))
        code = next((c for lo, hi, c in vocab.percents if lo <= value <= hi), None)
        return (code, percent.group(0).strip()) if code else None
    negated = key.startswith(_NEGATIONS)
    for word, code in vocab.words:
        if key == word:
            return code, printed
    starts = [
        (len(word), code)
        for word, code in vocab.words
        if len(key) > len(word) and key.startswith(word) and not key[len(word)].isalnum()
        and word.startswith(_NEGATIONS) == negated
    ]
    if starts:
        length, code = max(starts)
        return code, printed[:length]
    best: tuple[float, str] | None = None
    for word, code in vocab.words:
        if word.startswith(_NEGATIONS) != negated or word[0] != key[0]:
            continue  # a typo keeps the first letter: "vuosittain" is no "osittain"
        score = fuzz.ratio(word, key)
        if score >= vocab.min_score and (best is None or score > best[0]):
            best = (score, code)
    return (best[1], printed) if best else None


def _hex_upper(value: str | None) -> str | None:
    """An icon colour as upper-case "#RRGGBB" (the `LegendEntry.color` form), None without one."""
    rgb = parse_hex(value)
    if rgb is None:
        return None
    r, g, b = rgb
    return f"#{r:02X}{g:02X}{b:02X}"


# Fills closer than this (RGB distance) are one colour: a fill this close to white is no fill, and
# a fill every cell of a row shares is the row's banding.
SAME_FILL = 8.0


def is_fill(colour: str | None) -> bool:
    """Whether a cell's fill is a colour at all (one, readable, not white)."""
    return parse_hex(colour) is not None and colour_distance(colour, "#FFFFFF") >= SAME_FILL


def colour_distance(a: str | None, b: str | None) -> float:
    """RGB Euclidean distance of two "#RRGGBB" colours (inf when either is unknown)."""
    ra, rb = parse_hex(a), parse_hex(b)
    if ra is None or rb is None:
        return math.inf
    return math.dist(ra, rb)


def status_from_hue(value: str | None, min_saturation: float | None = None) -> str | None:
    """The default step of a colour by its hue (data/scales.toml, a profile's first), None for
    greys (saturation under `min_saturation`, default the vocabulary's) and hues no step
    claims."""
    rgb = parse_hex(value)
    if rgb is None:
        return None
    vocab = scale_vocabulary()
    h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    floor = vocab.min_saturation if min_saturation is None else min_saturation
    if s < floor or v < 0.2:
        return None
    degrees = h * 360
    for lo, hi, code in vocab.hues:
        if lo <= degrees < hi or (hi == 360 and degrees == 360):
            return code
    return None


# --------------------------------------------------------------------------------------------------
# Text blocks


@dataclass(frozen=True)
class TextBlock:
    """Lines of one text box: left-aligned, one under the other."""

    lines: tuple[Line, ...]

    @property
    def bbox(self) -> BBox:
        return bbox_union([ln.bbox for ln in self.lines])


def text_blocks(
    lines: list[Line], settings: LegendSettings = DEFAULT_LEGEND_SETTINGS
) -> list[TextBlock]:
    """Group a page's free lines into text blocks (a line joins the block whose last line starts at
    its x and ends just above it)."""
    blocks: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        for block in blocks:
            last = block[-1]
            height = max(last.bbox[3] - last.bbox[1], 1.0)
            if (
                abs(last.bbox[0] - ln.bbox[0]) <= settings.block_x_tolerance
                and -1.0 <= ln.bbox[1] - last.bbox[3] <= settings.block_gap_factor * height
            ):
                block.append(ln)
                break
        else:
            blocks.append([ln])
    return [TextBlock(tuple(b)) for b in blocks]


def block_text(block: TextBlock, vocabulary: frozenset[str] = frozenset()) -> str:
    """A block's text, its lines joined by the paragraph rules, paragraphs joined with a space."""
    text = cell_text(list(block.lines), block.bbox, vocabulary)
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------------
# The legend


@dataclass(frozen=True)
class Signature:
    """What identifies a status icon: its kind, glyph, colour and picture digest."""

    kind: str
    glyph: str | None
    colour: str | None
    digest: str | None

    @classmethod
    def of(cls, icon: Icon) -> Signature:
        return cls(icon.kind, icon.glyph, icon.colour, icon.digest)


@dataclass(frozen=True)
class Legend:
    """Status legend entries as printed, and the icon signatures that stand for each status."""

    entries: tuple[LegendEntry, ...]
    signatures: tuple[tuple[Signature, str], ...]
    page: int | None = None
    by_hue: bool = False  # no legend: statuses from the icon colour's hue
    max_colour_distance: float = 60.0
    # every icon's entry as read, in reading order (`entries` keeps the first per status): the
    # labels of two icons meaning one status are both here
    read: tuple[LegendEntry, ...] = ()

    def status_of(self, icon: Icon) -> str | None:
        """The status `icon` stands for, or None when it matches no legend icon."""
        if self.by_hue:
            meant = dict(scale_vocabulary().glyphs).get(icon.glyph or "")
            return meant or status_from_hue(icon.colour)
        same_kind = [(s, st) for s, st in self.signatures if s.kind == icon.kind]
        # a legend drawn with other icons than the table (circle vs picture): compare colours only
        candidates = same_kind or list(self.signatures)
        best: tuple[float, str] | None = None
        for sig, status in candidates:
            if sig.glyph and icon.glyph and sig.glyph != icon.glyph:
                continue
            if sig.digest and icon.digest and sig.digest == icon.digest:
                return status
            d = colour_distance(sig.colour, icon.colour)
            if d < self.max_colour_distance and (best is None or d < best[0]):
                best = (d, status)
        return best[1] if best else None

    def statuses(
        self, icons: list[Icon] | tuple[Icon, ...], page: int
    ) -> tuple[list[str], list[Warning]]:
        """Statuses of a row's icons, in order; an icon matching no legend entry gives an
        `unknown-status-icon` warning and no status."""
        out: list[str] = []
        warnings: list[Warning] = []
        for icon in icons:
            status = self.status_of(icon)
            if status is None:
                what = icon.colour or icon.glyph or icon.digest or "?"
                warnings.append(
                    warning(
                        code="unknown-status-icon",
                        message=f"page {page}: an icon ({icon.kind}, {what}) matches no "
                        + ("status colour" if self.by_hue else "legend entry")
                        + "; no status read from it",
                        page=page,
                    )
                )
            else:
                out.append(status)
        return out, warnings


def read_legend(
    page: Page,
    vocabulary: frozenset[str] = frozenset(),
    settings: LegendSettings = DEFAULT_LEGEND_SETTINGS,
    slide_settings: SlideSettings = DEFAULT_SLIDE_SETTINGS,
    label_status: Callable[[str, Icon], str | None] | None = None,
) -> Legend | None:
    """The legend on `page`, or None when fewer than `min_entries` icons pair with status labels.
    `label_status` reads a label beside an icon as a status (default: by the status words)."""
    icons = [ic for ic in status_icons(page, slide_settings) if not _in_table(ic.bbox, page)]
    lines = [ln for ln in content_lines(page, slide_settings) if not _in_table(ln.bbox, page)]
    blocks = _entries(text_blocks(lines, settings), icons)
    pairs: list[tuple[float, int, int]] = []
    for i, icon in enumerate(icons):
        cy = (icon.bbox[1] + icon.bbox[3]) / 2
        for j, block in enumerate(blocks):
            x0, top, _x1, bottom = block.bbox
            dx = x0 - icon.bbox[2]
            if dx < -(icon.bbox[2] - icon.bbox[0]) / 2 or dx > settings.max_text_distance:
                continue
            dy = 0.0 if top <= cy <= bottom else min(abs(cy - top), abs(cy - bottom))
            if dy > settings.max_text_offset:
                continue
            pairs.append((max(dx, 0.0) + 2 * dy, i, j))
    used_icons: set[int] = set()
    used_blocks: set[int] = set()
    found: list[tuple[Icon, LegendEntry]] = []
    for _score, i, j in sorted(pairs):
        if i in used_icons or j in used_blocks:
            continue
        text = block_text(blocks[j], vocabulary)
        label, description = _split_label(text)
        status = (
            status_from_label(label) if label_status is None else label_status(label, icons[i])
        )
        if status is None:
            continue
        used_icons.add(i)
        used_blocks.add(j)
        entry = LegendEntry(
            status=status, label=label, description=description, color=_hex_upper(icons[i].colour)
        )
        found.append((icons[i], entry))
    found += _glyph_led(blocks, used_blocks, vocabulary, label_status)
    if len(found) < settings.min_entries:
        found = _table_legend(page, vocabulary, label_status) or found
    if len(found) < settings.min_entries:
        return None
    found.sort(key=lambda pair: (pair[0].bbox[1], pair[0].bbox[0]))  # reading order
    entries: list[LegendEntry] = []
    for _icon, entry in found:
        if all(e.status != entry.status for e in entries):
            entries.append(entry)
    vocab = scale_vocabulary()
    distance = settings.max_colour_distance or vocab.max_colour_distance
    return Legend(
        entries=tuple(entries),
        signatures=tuple((Signature.of(icon), entry.status) for icon, entry in found),
        page=page.number,
        max_colour_distance=distance,
        read=tuple(entry for _icon, entry in found),
    )


def _entries(blocks: list[TextBlock], icons: list[Icon]) -> list[TextBlock]:
    """Text blocks split where a legend entry starts: at a line that starts with an icon glyph
    ("● Ajallaan"), or, in a block beside several icons, at a line an icon stands beside. Entries
    printed close one under the other would otherwise read as one block (a block beside one icon
    is that icon's entry, however many lines it has)."""
    out: list[TextBlock] = []
    for block in blocks:
        beside = [
            any(
                ln.bbox[1] <= (ic.bbox[1] + ic.bbox[3]) / 2 <= ln.bbox[3]
                and ic.bbox[2] <= ln.bbox[0] + 2
                for ic in icons
            )
            for ln in block.lines
        ]
        several = sum(beside) >= 2
        run: list[Line] = []
        for ln, has_icon in zip(block.lines, beside, strict=True):
            starts = ln.text.lstrip()[:1] in ICON_GLYPHS or (several and has_icon)
            if run and starts:
                out.append(TextBlock(tuple(run)))
                run = []
            run.append(ln)
        out.append(TextBlock(tuple(run)))
    return out


def _table_legend(
    page: Page,
    vocabulary: frozenset[str],
    label_status: Callable[[str, Icon], str | None] | None,
) -> list[tuple[Icon, LegendEntry]]:
    """A legend drawn as a table: each row a coloured cell (the colour) and, as the row's first
    text, a cell naming a step (the word), or one coloured cell holding the word; each row prints
    another word. A goal slide's goal table (its largest) is no legend, nor is a table whose rows
    begin with other text (an action's row with a coloured status cell) or print one word twice
    (status cells, one row per action)."""
    tables = sorted(page.tables, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
    out: list[tuple[Icon, LegendEntry]] = []
    for table in tables[:-1] if any(goal_heading(ln.text) for ln in page.lines) else tables:
        found: list[tuple[Icon, LegendEntry]] = []
        for r in range(table.n_rows):
            cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
            filled = [c for c in cells if is_fill(c.fill)]
            first_text = next((c for c in cells if c.lines), None)
            if len(filled) != 1 or first_text is None:
                continue
            cell = filled[0]
            icon = Icon(kind="shape", bbox=cell.bbox, colour=cell.fill)
            label, description = _split_label(
                block_text(TextBlock(tuple(first_text.lines)), vocabulary))
            status = (status_from_label(label) if label_status is None
                      else label_status(label, icon))
            if status is not None:
                found.append((icon, LegendEntry(status=status, label=label,
                                                description=description,
                                                color=_hex_upper(cell.fill))))
        labels = [entry.label.casefold() for _icon, entry in found]
        out += found if len(labels) >= 2 and len(set(labels)) == len(labels) else []
    return out


def _in_table(box: BBox, page: Page) -> bool:
    """A legend is read from outside the page's tables (a goal slide may carry one under its
    table)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in page.tables)


def _glyph_led(
    blocks: list[TextBlock],
    used: set[int],
    vocabulary: frozenset[str],
    label_status: Callable[[str, Icon], str | None] | None,
) -> list[tuple[Icon, LegendEntry]]:
    """Legend entries typed as one text line, the icon a coloured glyph in front of the label
    ("● Ajallaan", Wingdings "l" before "Aloitettu, toimenpide aloitettu ..."): the line's first
    character is the icon, in the line's colour."""
    out: list[tuple[Icon, LegendEntry]] = []
    for j, block in enumerate(blocks):
        first = block.lines[0]
        text = first.text.lstrip()
        if j in used or not text or text[0] not in ICON_GLYPHS or not text[1:].strip():
            continue
        x0, top, _x1, bottom = first.bbox
        icon = Icon(kind="glyph", bbox=(x0, top, x0 + (bottom - top), bottom),
                    colour=first.colour, glyph=text[0])
        rest = (replace(first, text=text[1:].lstrip(), first_word_width=None), *block.lines[1:])
        label, description = _split_label(block_text(TextBlock(rest), vocabulary))
        status = status_from_label(label) if label_status is None else label_status(label, icon)
        if status is not None:
            out.append((icon, LegendEntry(status=status, label=label, description=description,
                                          color=_hex_upper(icon.colour))))
    return out


_LABEL_SPLIT = re.compile(r"\s*(?:,|:|=|\s[–—-]\s)\s*")


def _split_label(text: str) -> tuple[str, str]:
    """("Aloitettu", "toimenpide aloitettu ja ...") from "Aloitettu, toimenpide aloitettu ja
    ..."; without a comma, colon or dash, the longest step word the text starts with
    ("Aloitettu mutta kesken") or its first word."""
    parts = _LABEL_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    found = status_word(text)
    if found is not None:
        label = found[1]
        return label, text.strip()[len(label):].strip(" .,:;")
    word, _, rest = text.partition(" ")
    return word.strip(), rest.strip()


def find_legend(
    pages: Sequence[Page],
    vocabulary: frozenset[str] = frozenset(),
    settings: LegendSettings = DEFAULT_LEGEND_SETTINGS,
    slide_settings: SlideSettings = DEFAULT_SLIDE_SETTINGS,
) -> Legend | None:
    """The first legend found on `pages` (the non-table slides, in order)."""
    for page in pages:
        legend = read_legend(page, vocabulary, settings, slide_settings)
        if legend is not None:
            return legend
    return None


def default_legend() -> Legend:
    """The mapping for decks without a legend: statuses by icon colour hue (data/statuses.toml)."""
    distance = scale_vocabulary().max_colour_distance
    return Legend(entries=(), signatures=(), page=None, by_hue=True, max_colour_distance=distance)
