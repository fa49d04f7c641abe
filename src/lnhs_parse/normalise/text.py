"""Cell text: lines -> paragraphs -> statements (docs/parsing-rules.md, "Paragraphs" to "Text").

A table cell arrives as `Line`s with boxes. `normalise.paragraphs` groups them into `Paragraph`s
(from the source's paragraphs, a tagged PDF's structure, or the evidence of an untagged PDF's
geometry, `normalise.evidence`); `normalise.joining` joins a paragraph's printed lines into text.
This module walks the paragraphs into `Statement`s: one per actor entry or bullet item, with the
actors read from a prefix, a suffix or an inherited bare prefix (`cell_statements`), and is the
face of the three for the pipeline.

Nothing a cell prints is lost: every character other than bullets, actor prefixes and whitespace
ends up in some statement's `raw` (a bare prefix line is the one thing no `raw` holds; its actors
live on in the statements that inherit them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lnhs_parse.codes import Attribution
from lnhs_parse.layout import BBox, Line, bbox_union
from lnhs_parse.normalise.actors import ActorRegistry, PrefixHit
from lnhs_parse.normalise.evidence import (
    HEADER_VOCABULARY,
    NO_EVIDENCE,
    TextEvidence,
    deck_vocabulary,
    text_evidence,
)
from lnhs_parse.normalise.joining import Paragraph, join_lines, split_bullet, starts_lower
from lnhs_parse.normalise.paragraphs import cell_text, paragraphs
from lnhs_parse.records import Statement, Warning
from lnhs_parse.utils.strings import collapse_ws
from lnhs_parse.warning_codes import WarningCode

__all__ = [
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

    def warn(code: WarningCode, message: str) -> None:
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
            or (not cur.entry and not starts_lower(body))
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
