"""A deck in words the parser does not know yet: what to tell the user, and a starting profile.

`unrecognised_hint` is added to the "no goal tables" message (exit 4): how the deck's table slides
are headed, which header cells name no column, and a pointer to `--profile`. `suggest_profile`
writes a starting profile for a deck (`lnhs-parse profile --suggest deck.pdf`): the table slides'
heading word as a goal pattern, the header cells matched to no column role (by position), the
legend's words (by the icon's colour), and the unknown actor prefixes as `[[actor]]` entries whose
ids and names are left to fill in.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from lnhs_parse.errors import NoEvaluationStructureError
from lnhs_parse.layout import Document, Page
from lnhs_parse.normalise.columns import DEFAULT_ORDER, ROW_SUBJECTS, column_role
from lnhs_parse.normalise.content import content_lines
from lnhs_parse.normalise.legend import read_legend, status_from_hue, status_from_label
from lnhs_parse.normalise.profile import COLUMN_ROLE_NAMES, Profile, parse_profile
from lnhs_parse.normalise.roles import goal_heading
from lnhs_parse.normalise.vocab import active_profile, use_profile
from lnhs_parse.records import Plan
from lnhs_parse.settings import ParseOptions, SlideSettings
from lnhs_parse.utils.geometry import center_in

# The pipeline with a given profile (`lnhs_parse.normalise`'s), handed in: the pipeline imports this
# module, not the other way round.
ParseWithProfile = Callable[[Document, ParseOptions, Profile], Plan]

__all__ = ["TableSlide", "suggest_profile", "table_slides", "unrecognised_hint"]

# "TAVOITE 1: ...", "Strateginen tavoite II. ...": the heading words, the number, the rest
_NUMBERED = re.compile(r"^\s*(\D+?)\s+([IVXLC]+|\d{1,2})\b\s*[:.]?\s*(.*)$", re.IGNORECASE)
# a statement's prefix: up to 60 characters before a colon, starting with a capital or a digit
_PREFIX = re.compile(r"^\s*([^\W_a-zåäö][^:\n]{0,58}?)\s*:\s+\S")
_SOTKANET = re.compile(r"\bind\.?\s*\d{2,6}\b", re.IGNORECASE)


@dataclass(frozen=True)
class TableSlide:
    """A slide with a table: its heading (the topmost line outside the table) and header cells."""

    page: int
    heading: str
    header_cells: tuple[str, ...]  # the first row's cells, left to right, whitespace collapsed
    # per header cell, the texts of the body cells under it (whitespace collapsed), and whether
    # any of them spans several rows
    bodies: tuple[tuple[str, ...], ...] = ()
    merged: tuple[bool, ...] = ()

    @property
    def unmatched(self) -> tuple[str, ...]:
        return tuple(c for c in self.header_cells if c and column_role(c) is None)


def table_slides(document: Document, settings: SlideSettings) -> list[TableSlide]:
    """The slides with a table, in order (the largest table of each)."""
    out: list[TableSlide] = []
    for page in document.pages:
        tables = [t for t in page.tables if t.cells and t.n_rows > 0 and t.n_cols > 0]
        if not tables:
            continue
        table = max(tables, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
        outside = [
            ln for ln in content_lines(page, settings) if not center_in(ln.bbox, table.bbox, -1.0)
        ]
        heading = " ".join(outside[0].text.split()) if outside else ""
        cells: list[str] = []
        bodies: list[tuple[str, ...]] = []
        merged: list[bool] = []
        for col in range(table.n_cols):
            cell = table.cell_at(0, col)
            text = " ".join(cell.text.split()) if cell is not None else ""
            if text in cells:
                continue  # a merged cell spanning columns is one header
            below = [c for c in table.cells if c.col == col and c.row > 0]
            cells.append(text)
            bodies.append(tuple(t for c in below if (t := " ".join(c.text.split()))))
            merged.append(any(c.rowspan > 1 for c in below))
        out.append(TableSlide(page.number, heading, tuple(cells), tuple(bodies), tuple(merged)))
    return out


def _quote(items: list[str], most: int) -> str:
    shown = ", ".join(f"'{s[:20]}'" for s in items[:most])
    return shown + (f" +{len(items) - most}" if len(items) > most else "")


def unrecognised_hint(document: Document, settings: SlideSettings) -> str:
    """A pointer to `--profile`, what the table slides are headed and which header cells named no
    column ("" when the deck has no table). Short: error messages are cut at 200 characters."""
    slides = table_slides(document, settings)
    if not slides:
        return ""
    headed = [s for s in slides if s.heading]
    unmatched = list(dict.fromkeys(c for s in slides for c in s.unmatched))
    parts = ["use --profile (lnhs-parse profile --suggest DECK)"]
    if headed:
        more = f" +{len(headed) - 1}" if len(headed) > 1 else ""
        parts.append(f"headings '{headed[0].heading[:30]}' (p. {headed[0].page}){more}")
    if unmatched:
        parts.append(f"unknown headers {_quote(unmatched, 2)}")
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------------
# A starting profile


def _goal_pattern(headings: list[str]) -> str | None:
    """A goal-heading pattern from the table slides' headings: the words most of them start with,
    before a number."""
    words = Counter(
        " ".join(m.group(1).split()) for h in headings if (m := _NUMBERED.match(h))
    )
    if not words:
        return None
    word = words.most_common(1)[0][0]
    body = r"\s+".join(re.escape(w) for w in word.split())
    return rf"^\s*{body}\s+([IVXLC]+|\d{{1,2}})\b\s*[:.]?\s*(.*)$"


def _column_guesses(slides: list[TableSlide]) -> dict[str, list[str]]:
    """For a table whose header the parser does not take for one (fewer than two roles named, one
    of them a row's subject: goal, sub-goal, action): its header cells no role matched, given the
    roles left over in Kymenlaakso's column order (sub-goal, status, statement columns). A table
    whose header is read needs no guess: its other columns are kept under their headers."""
    out: dict[str, list[str]] = {}
    for slide in slides:
        cells = [c for c in slide.header_cells]
        matched = {c: hit[0] for c in cells if c and (hit := column_role(c))}
        named = set(matched.values())
        if len(named) >= 2 and named & ROW_SUBJECTS:
            continue
        by_content = {
            cell: role
            for k, cell in enumerate(cells)
            if cell and cell not in matched and (role := _role_by_content(slide, k))
        }
        taken = set(matched.values()) | set(by_content.values())
        if "action" not in taken and _one_row_per_action(slide, cells, by_content):
            free = [k for k, c in enumerate(cells)
                    if c and c not in matched and c not in by_content]
            longest = max(free, key=lambda k: _mean_length(slide, k), default=None)
            if longest is not None:
                by_content[cells[longest]] = "action"
                taken.add("action")
        roles: tuple[str, ...] = (
            DEFAULT_ORDER if len(cells) >= len(DEFAULT_ORDER) else DEFAULT_ORDER[1:]
        )
        if "action" in taken:  # a table of actions: its other columns are kept as they are
            roles = ("sub_goal",)
        left = [r for r in roles if r not in taken]
        for cell in cells:
            role = by_content.get(cell)
            if role is None:
                if cell in matched or not left:
                    continue
                role = left.pop(0)
            if cell and cell not in out.setdefault(role, []):
                out[role].append(cell)
    return out


def _role_by_content(slide: TableSlide, k: int) -> str | None:
    """The role a column's body cells say it has: status words, indicators with Sotkanet ids,
    schedules, or (the first column, merged over rows) sub-goals; None when they say nothing."""
    from lnhs_parse.normalise.actions import split_schedule
    from lnhs_parse.normalise.legend import status_word

    texts = slide.bodies[k] if k < len(slide.bodies) else ()
    if not texts:
        return None
    half = len(texts) / 2
    if sum(1 for t in texts if status_word(t)) >= half:
        return "status"
    if any(_SOTKANET.search(t) for t in texts):
        return "indicators"
    if sum(1 for t in texts if split_schedule(t)[0] == t) >= half:
        return "schedule"
    if k == 0 and slide.merged[k]:
        return "sub_goal"
    return None


def _mean_length(slide: TableSlide, k: int) -> float:
    texts = slide.bodies[k]
    return sum(len(t) for t in texts) / len(texts) if texts else 0.0


def _one_row_per_action(slide: TableSlide, cells: list[str], guessed: dict[str, str]) -> bool:
    """A table of actions: its first column's cells are merged over several rows (sub-goals over
    their actions), or its status column has a status on more rows than the first column has
    cells."""
    if slide.merged and slide.merged[0]:
        return True
    status = next((k for k, c in enumerate(cells) if guessed.get(c) == "status"), None)
    return status is not None and len(slide.bodies[status]) > len(slide.bodies[0])


def _legend_words(pages: list[Page], options: ParseOptions) -> dict[str, list[str]]:
    """Legend labels no status word matched, each under the status its icon's colour means."""
    found: dict[str, list[str]] = {}
    for page in pages:
        legend = read_legend(
            page, frozenset(), options.legend, options.slides,
            label_status=lambda label, icon: status_from_label(label) or status_from_hue(
                icon.colour
            ),
        )
        if legend is None:
            continue
        for entry in legend.read:  # every icon's label, two of one status included
            if status_from_label(entry.label) is not None:
                continue
            words = found.setdefault(entry.status, [])
            if entry.label not in words:
                words.append(entry.label)
        break
    return found


def _step_order(code: str) -> float:
    from lnhs_parse.normalise.vocab import scale_vocabulary

    order = scale_vocabulary().order(code)
    return order if order is not None else float("inf")


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _literal(pattern: str) -> str:
    return f"'''{pattern}'''" if "'''" not in pattern else _toml(pattern)


def suggest_profile(
    document: Document, options: ParseOptions | None, parse: ParseWithProfile, given: Profile
) -> str:
    """A starting profile (TOML text) for `document`, given the profile it is read with already
    (the packaged county profile of its region, and those in `options`)."""
    options = options or ParseOptions()
    with use_profile(given):
        return _suggest(document, options, parse)


def _suggest(document: Document, options: ParseOptions, parse: ParseWithProfile) -> str:
    settings = options.slides
    slides = table_slides(document, settings)
    data: dict[str, object] = {}
    lines = [
        "# A starting profile for " + (document.path or "this deck") + " (docs/profiles.md).",
        "# Check every guess; fill in the actors' ids and names. Written by lnhs-parse profile "
        "--suggest.",
        "",
    ]
    recognised = [s for s in slides if any(goal_heading(ln) for ln in [s.heading])]
    goal = None if recognised else _goal_pattern([s.heading for s in slides])
    if goal:
        data["slides"] = {"goal": goal}
        lines += [
            "# The goal slides' heading: group 1 is the goal's number (Roman or Arabic), group 2 a",
            "# title printed on the heading line.",
            "[slides]",
            f"goal = {_literal(goal)}",
            "",
        ]
    columns = _column_guesses(slides)
    if columns:
        data["columns"] = {role: {"synonyms": cells} for role, cells in columns.items()}
        lines.append("# Header cells no column role matched, under the role their column's cells")
        lines.append("# suggest (status words, schedules, indicators, merged sub-goals, the")
        lines.append("# longest texts: actions), else the roles left over in the goal table's")
        lines.append("# column order (number, sub_goal, status, focus_areas, joint_highlights).")
        for role in COLUMN_ROLE_NAMES:
            if role in columns:
                cells = ", ".join(_toml(c) for c in columns[role])
                lines += [f"[columns.{role}]", f"synonyms = [{cells}]", ""]
    draft = active_profile().merged(parse_profile(data, "<suggested>"))
    with use_profile(draft):
        legend_pages = [p for p in document.pages if not p.tables]
        words = _legend_words(legend_pages, options)
        if words:
            lines.append("# Legend labels no scale word matched, under the step their icon's")
            lines.append("# colour means (data/scales.toml: red not_started, orange started,")
            lines.append("# yellow in_progress, green in_use). A scale of the deck's own can")
            lines.append("# be declared whole instead: [[scale.steps]] (docs/profiles.md).")
            for code in sorted(words, key=_step_order):
                joined = ", ".join(_toml(w) for w in words[code])
                lines += [f"[statuses.{code}]", f"words = [{joined}]", ""]
        actors = _unknown_actors(document, options, draft, parse)
    if actors:
        lines.append("# Actors named before a colon that no known actor matched: give each an id")
        lines.append("# (a-z, 0-9, _ or -) and a name; kind: county, municipality, ngo, programme,")
        lines.append("# parish, ... Entries of one actor can be merged, with several aliases.")
        for prefix, (count, pages) in actors.items():
            lines += [
                f"# {count} time(s), page(s) {', '.join(str(p) for p in pages)}",
                "[[actor]]",
                'id = ""',
                'name = ""',
                'kind = "organisation"',
                f"aliases = [{_toml(prefix)}]",
                "",
            ]
    if len(lines) == 3:
        lines.append("# Nothing to add: the packaged vocabulary reads this deck.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _unknown_actors(
    document: Document, options: ParseOptions, draft: Profile, parse: ParseWithProfile
) -> dict[str, tuple[int, list[int]]]:
    """Unknown actor prefixes of a parse with the draft profile: prefix -> (count, pages)."""
    try:
        plan = parse(document, options, draft)
    except NoEvaluationStructureError:
        return {}
    found: dict[str, tuple[int, list[int]]] = {}
    statements = [
        st
        for goal in plan.goals
        for sub in goal.sub_goals
        for st in (
            *sub.focus_areas,
            *sub.joint_highlights,
            *(s for col in sub.other_columns for s in col.statements),
        )
    ]
    actions = [
        a for goal in plan.goals for a in (*goal.actions, *(a for s in goal.sub_goals
                                                          for a in s.actions))
    ]
    texts = [(st.text, bool(st.actors), st.page) for st in statements]
    texts += [(a.text, bool(a.actors), a.page) for a in actions]
    for text, has_actors, page in texts:
        m = _PREFIX.match(text)
        if has_actors or m is None:
            continue
        count, pages = found.get(m.group(1), (0, []))
        found[m.group(1)] = (count + 1, pages if page in pages else [*pages, page])
    # names in responsible columns that no registry knows
    unknown = {a.id: a for a in plan.actors if a.kind == "unknown"}
    for action in actions:
        for actor_id in action.responsible:
            if actor_id in unknown:
                name = unknown[actor_id].name
                count, pages = found.get(name, (0, []))
                found[name] = (count + 1, pages if action.page in pages else [*pages, action.page])
    # most frequent first (a stable sort: first met first among equals)
    return dict(sorted(found.items(), key=lambda kv: -kv[1][0]))
