"""An action row's cells read into its fields (docs/templates.md, "Actions"): its number and text,
the responsible actors, the schedule, the indicators.

- **Text**: the action cell read as statements (`cell_statements`: bullets, actor prefixes and
  suffixes), their texts joined with a line break; a leading number ("1.", "1.2", "a)") is the
  action's `number`.
- **Responsible**: the names of the responsible column, split at commas, semicolons, slashes,
  line breaks and " ja " / " sekä " (adjacent parts that together are one known alias stay one:
  "Kymenlaakson ensi- ja turvakoti"), each read through the actor registry. A name the registry
  does not know is still an actor, of kind "unknown", its id made from the name (`actor_id`).
- **Schedule**: the schedule column's text; in a schedule-and-responsible cell ("2024–2025,
  hyvinvointialue ja kunnat"), its first part when that part is a time (a year, a season,
  "jatkuva"), the rest being the responsible names.
- **Indicators**: one per paragraph (or ";"-separated part) of the indicator cells, with the
  Sotkanet id and tags read from "(ind. 5313) MINI", "(THL, ind. 191)".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from lnhs_parse.layout import BBox, Cell, Line
from lnhs_parse.normalise.actors import ActorRegistry
from lnhs_parse.normalise.evidence import NO_EVIDENCE, TextEvidence
from lnhs_parse.normalise.grid import numbered
from lnhs_parse.normalise.paragraphs import cell_text, paragraphs
from lnhs_parse.normalise.text import cell_statements
from lnhs_parse.normalise.warn import warning
from lnhs_parse.records import Actor, Indicator, Statement, Warning
from lnhs_parse.utils.strings import collapse_ws

__all__ = [
    "ActionText",
    "Responsible",
    "action_text",
    "actor_id",
    "read_indicators",
    "read_responsible",
    "split_schedule",
]

# Separators of the names in a responsible cell (" ja " / " sekä " need spaces around them).
_NAME_SPLIT = re.compile(r"(\s*[,;/&\n+]\s*|\s+(?:ja|sekä|and)\s+)", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*")
# A schedule's words: a year, a season or month, a recurrence.
_TIME = re.compile(
    r"\d{4}|\b(?:jatkuva\w*|vuosittain|kuukausittain|viikoittain|kevä\w*|kevät\w*|syks\w*|"
    r"syksy\w*|kesä\w*|talv\w*|alkaen|mennessä|aikana|lukuvuo\w*|vuode\w*|vuosi\w*|"
    r"tammi\w*|helmi\w*|maalis\w*|huhti\w*|touko\w*|heinä\w*|elo\w*|syys\w*|loka\w*|"
    r"marras\w*|joulu\w*|q[1-4])\b",
    re.IGNORECASE,
)
_SCHEDULE_SPLIT = re.compile(r"\s*(?:[,;:\n]|\s[–—-]\s)\s*")
_LEADING_YEARS = re.compile(r"^(\d{4}(?:\s*[–—/-]\s*\d{2,4})?)\s+(\S.*)$", re.DOTALL)
# "(ind. 5313)", "(THL, ind. 191)", "(ind 1245)"
_INDICATOR_ID = re.compile(r"\(([^()]*?)\bind\.?\s*(\d{1,6})([^()]*)\)", re.IGNORECASE)
_TAG = re.compile(r"^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]+$")


def actor_id(name: str) -> str:
    """The id of an actor the registry does not know: the name lower-cased, diacritics stripped,
    words joined with "-" ("Perhekeskus Tikka" -> "perhekeskus-tikka")."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "-".join(re.findall(r"[a-z0-9]+", text))[:64] or "actor"


@dataclass
class Responsible:
    """The responsible names of a cell read: actor ids in order, the new actors among them."""

    ids: list[str] = field(default_factory=list)
    text: str | None = None
    new_actors: list[Actor] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def read_responsible(text: str, registry: ActorRegistry, page: int) -> Responsible:
    """The actors a responsible cell (or part of one) names (module docstring)."""
    out = Responsible(text=collapse_ws(text) or None)
    if not out.text:
        return out
    pieces = _NAME_SPLIT.split(text)
    parts, seps = pieces[::2], pieces[1::2]
    i = 0
    while i < len(parts):
        taken = 1
        found: str | None = None
        # the longest run of parts that is one known alias
        for j in range(len(parts), i, -1):
            joined = parts[i]
            for k in range(i + 1, j):
                joined += seps[k - 1] + parts[k]
            name = collapse_ws(joined).strip(" .")
            if not name:
                break
            match = registry.match_alias(name) or registry.match_alias(_PARENTHESIS.sub(" ", name))
            if match is not None:
                found, taken = match.id, j - i
                if match.fuzzy:
                    out.warnings.append(
                        warning(code="fuzzy-actor", message=match.message, page=page)
                    )
                break
        name = collapse_ws(parts[i]).strip(" .")
        if found is None and name:
            found = actor_id(_PARENTHESIS.sub(" ", name).strip() or name)
            if found not in registry and all(a.id != found for a in out.new_actors):
                out.new_actors.append(
                    Actor(id=found, name=name, kind="unknown", aliases=[name])
                )
        if found is not None and found not in out.ids:
            out.ids.append(found)
        i += taken
    return out


def split_schedule(text: str) -> tuple[str | None, str]:
    """(the schedule, the rest) of a schedule-and-responsible cell: the first part when it is a
    time, else the last part when that is one; (None, text) when neither is."""
    text = text.strip()
    parts = _SCHEDULE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2 and _TIME.search(parts[0]):
        return collapse_ws(parts[0]), parts[1]
    m = _LEADING_YEARS.match(text)
    if m:
        return collapse_ws(m.group(1)), m.group(2)
    pieces = _SCHEDULE_SPLIT.split(text)
    if len(pieces) >= 2 and _TIME.search(pieces[-1]):
        head = text[: text.rfind(pieces[-1])].rstrip(" ,;:\n–—-")
        return collapse_ws(pieces[-1]), head
    if _TIME.search(text) and not _NAME_SPLIT.search(text):
        return collapse_ws(text), ""
    return None, text


def read_indicators(
    lines: Sequence[Line], bbox: BBox, vocabulary: frozenset[str], evidence: TextEvidence
) -> list[Indicator]:
    """The indicators of an indicator cell: one per paragraph or ";"-separated part."""
    out: list[Indicator] = []
    for para in paragraphs(lines, bbox, evidence=evidence):
        for part in para.text(vocabulary).split(";"):
            text = collapse_ws(part)
            if text:
                out.append(indicator(text))
    return out


def indicator(text: str) -> Indicator:
    """One indicator as printed: its name, Sotkanet id and tags."""
    m = _INDICATOR_ID.search(text)
    if m is None:
        return Indicator(text=text, name=text)
    inside = [t for t in re.split(r"[\s,;]+", f"{m.group(1)} {m.group(3)}") if t]
    tags = [t for t in inside if t.casefold() not in ("ind", "ind.")]
    after = text[m.end():].split()
    trailing: list[str] = []
    for word in after:
        if not _TAG.match(word.strip(",.;")):
            break
        trailing.append(word.strip(",.;"))
    rest = " ".join(after[len(trailing):])
    name = collapse_ws(f"{text[: m.start()]} {rest}").strip(" ,;:–—-")
    return Indicator(text=text, name=name or text, sotkanet_id=int(m.group(2)),
                     tags=tags + trailing)


@dataclass
class ActionText:
    """An action cell read: its number, text, actors and how they were named."""

    number: str | None
    text: str
    actors: list[str]
    attribution: str
    raw: str
    statements: list[Statement]
    warnings: list[Warning]


def action_text(
    cell: Cell,
    registry: ActorRegistry,
    page: int,
    vocabulary: frozenset[str],
    evidence: TextEvidence = NO_EVIDENCE,
) -> ActionText:
    """The action cell's number, text and actors (module docstring)."""
    lines = sorted(cell.lines, key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    number: str | None = None
    if lines:
        head, _, tail = lines[0].text.partition("\n")
        hit = numbered(head)
        if hit is not None and (hit[2] or tail or len(lines) > 1):
            number = hit[1]
            remainder = "\n".join(t for t in (hit[2], tail) if t)
            if remainder:
                lines[0] = _with_text(lines[0], remainder)
            else:
                lines.pop(0)
    statements, warnings = cell_statements(
        lines, cell.bbox, registry, page=page, vocabulary=vocabulary, evidence=evidence
    )
    actors: list[str] = []
    for st in statements:
        actors += [a for a in st.actors if a not in actors]
    attribution = next((st.attribution for st in statements if st.actors), "none")
    text = "\n".join(st.text for st in statements if st.text)
    if not text and lines:
        text = collapse_ws(cell_text(lines, cell.bbox, vocabulary, evidence))
    raw = "\n".join(ln.text for ln in sorted(cell.lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])))
    return ActionText(number, text, actors, attribution, raw, statements, warnings)


def _with_text(line: Line, text: str) -> Line:
    return replace(line, text=text, first_word_width=None)
