"""Goal tables read into goals, sub-goals and actions (docs/templates.md).

A goal table arrives as rows over one or more slides (`normalise.slides.GoalTable`). Here:

- **Goals**: one per table, named by the slides' goal heading ("PÄÄTAVOITE I:", "Painopiste 2.")
  or their title; or, when the table has a goal column, one per goal cell (a cell merged over
  several rows, repeated on each, or left empty below it, is one goal).
- **Sub-goals**: in a table of one row per sub-goal (Kymenlaakso's), each row, joined with its
  continuation on the next slide ("(jatkuu)", `slides.group_rows`). In a table of actions, a
  sub-goal cell starts a sub-goal; the rows below it that its merged cell spans, that repeat it,
  or that leave it empty, are its actions. A table without a sub-goal column lists its actions
  under the goal itself (`Goal.actions`).
- **Actions**: each row of a table with an action column whose action cell holds text
  (`normalise.actions`); its status cell is the action's own, unless it is merged over several
  rows (then it is the sub-goal's, as is the status of a sub-goal's row without action text).
- **Statuses**: read from the status cell's carriers (`normalise.statuses`).
- **Statements**: Kymenlaakso's two columns as statements of the sub-goal; a column of no known
  role as `other_columns` of the sub-goal (or the action, in a table of actions).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lnhs_parse.layout import BBox, Cell, Line, bbox_union
from lnhs_parse.normalise.actions import (
    action_text,
    read_indicators,
    read_responsible,
    split_schedule,
)
from lnhs_parse.normalise.actors import ActorRegistry
from lnhs_parse.normalise.columns import STATEMENT_ROLES, ColumnMap
from lnhs_parse.normalise.evidence import NO_EVIDENCE, TextEvidence
from lnhs_parse.normalise.grid import numbered
from lnhs_parse.normalise.legend import Legend
from lnhs_parse.normalise.paragraphs import cell_text, paragraphs
from lnhs_parse.normalise.roles import goal_heading
from lnhs_parse.normalise.rows import RowPart
from lnhs_parse.normalise.scale import ScaleReader
from lnhs_parse.normalise.slides import GoalTable, group_rows, strip_continuation
from lnhs_parse.normalise.statuses import CellStatus, read_status
from lnhs_parse.normalise.text import cell_statements
from lnhs_parse.normalise.warn import warning
from lnhs_parse.records import (
    Action,
    Actor,
    ColumnStatements,
    Goal,
    Indicator,
    Statement,
    SubGoal,
    Warning,
)
from lnhs_parse.utils.numerals import numeral_value
from lnhs_parse.utils.strings import collapse_ws

__all__ = ["Reading", "build_goals", "joined"]


@dataclass
class Reading:
    """What reading the goal tables needs and gathers."""

    registry: ActorRegistry
    legend: Legend
    vocabulary: frozenset[str] = frozenset()
    evidence: TextEvidence = NO_EVIDENCE
    reader: ScaleReader = field(default_factory=ScaleReader)
    warnings: list[Warning] = field(default_factory=list)
    new_actors: dict[str, Actor] = field(default_factory=dict)  # named, unknown to the registry


def joined(
    lines: Sequence[Line],
    vocabulary: frozenset[str],
    bbox: BBox | None = None,
    evidence: TextEvidence = NO_EVIDENCE,
) -> str:
    """A title's lines as one line of text (paragraph rules inside `bbox`, default: the lines' own
    box; paragraphs joined with a space)."""
    if not lines:
        return ""
    box = bbox if bbox is not None else bbox_union([ln.bbox for ln in lines])
    return " ".join(cell_text(lines, box, vocabulary, evidence).split())


# --------------------------------------------------------------------------------------------------
# Goals


@dataclass
class _GoalRows:
    """The rows of one goal, with the columns of the slide each row is on."""

    numeral: str | None
    title: str
    rows: list[tuple[RowPart, ColumnMap]] = field(default_factory=list)


def build_goals(tables: list[GoalTable], ctx: Reading) -> list[Goal]:
    """The goals of the deck's goal tables, in order."""
    units = [unit for table in tables for unit in _goal_units(table, ctx)]
    goals: list[Goal] = []
    for index, unit in enumerate(units, start=1):
        number = (numeral_value(unit.numeral) if unit.numeral else None) or index
        goals.append(
            _build_goal(unit, number, unit.numeral or str(number), ctx)
        )
    return goals


def _goal_units(table: GoalTable, ctx: Reading) -> Iterator[_GoalRows]:
    """One goal per table, or one per goal cell when the table has a goal column."""
    rows = [(row, slide.columns) for slide in table.slides if slide.columns for row in slide.rows]
    first = table.slides[0]
    title = joined(first.title_lines, ctx.vocabulary)
    numeral = table.numeral
    if numeral is None:  # a slide's title: "1. Lasten hyvinvointi" is goal 1
        title = strip_continuation(title)[0]
        hit = numbered(title)
        if hit is not None and hit[2] and hit[1].isdigit():
            numeral, title = hit[1], hit[2]
    if any(_goal_heading_row(row, ctx) for row, _cols in rows):
        yield from _goals_by_heading_rows(rows, numeral, title, ctx)
        return
    if not any(cols.keys_of("goal") for _row, cols in rows):
        yield _GoalRows(numeral, title, rows)
        return
    current: _GoalRows | None = None
    for row, cols in rows:
        key = cols.keys_of("goal")
        cell = row.cells.get(key[0]) if key else None
        text = ""
        if cell is not None and cell.row == row.row:
            text = strip_continuation(joined(cell.lines, ctx.vocabulary, cell.bbox))[0]
        if text and (current is None or _goal_text_key(text) != _goal_text_key(current.title)):
            numeral, goal_title = _goal_cell(text)
            if current is None or numeral is None or numeral != current.numeral:
                current = _GoalRows(numeral, goal_title)
                yield current
        if current is None:
            current = _GoalRows(table.numeral, title)
            yield current
        current.rows.append((row, cols))


def _goal_heading_row(row: RowPart, ctx: Reading) -> tuple[str, str] | None:
    """(numeral, title) when a heading row reads as a goal heading ("Painopiste 2: Arki")."""
    if not row.heading:
        return None
    text = joined(row.title_lines, ctx.vocabulary, row.title_bbox)
    if row.numeral is not None:
        return None  # "1.2 Harrastukset": a sub-goal's heading
    return goal_heading(text)


def _goals_by_heading_rows(
    rows: list[tuple[RowPart, ColumnMap]], numeral: str | None, title: str, ctx: Reading
) -> Iterator[_GoalRows]:
    """Goals headed by rows spanning the table ("PÄÄTAVOITE 2: ..."); rows above the first such
    row belong to the slide's goal."""
    current = _GoalRows(numeral, title)
    for row, cols in rows:
        head = _goal_heading_row(row, ctx)
        if head is not None:
            if current.rows:
                yield current
            current = _GoalRows(head[0], head[1])
            continue
        current.rows.append((row, cols))
    if current.rows:
        yield current


def _goal_text_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _goal_cell(text: str) -> tuple[str | None, str]:
    """(numeral, title) of a goal cell: "Painopiste 1: Arki", "1. Arki", "II Arki" or "Arki"."""
    head = goal_heading(text)
    if head is not None:
        return head[0], head[1]
    hit = numbered(text)
    if hit is not None and hit[2]:
        return hit[1], hit[2]
    first, _, rest = text.partition(" ")
    if rest and numeral_value(first.rstrip(".:")) is not None and first.rstrip(".:").isupper():
        return first.rstrip(".:"), rest.strip()
    return None, text


def _build_goal(unit: _GoalRows, number: int, numeral: str, ctx: Reading) -> Goal:
    actions_table = any("action" in cols.subjects for _row, cols in unit.rows)
    if actions_table:
        sub_goals, goal_actions = _action_rows(unit, ctx)
    else:
        sub_goals, goal_actions = _sub_goal_rows(unit, ctx), []
    return Goal(
        number=number, numeral=numeral, title=unit.title, sub_goals=sub_goals,
        actions=goal_actions,
    )


# --------------------------------------------------------------------------------------------------
# Sub-goals


@dataclass
class _Sub:
    """A sub-goal being built."""

    number: int | None
    numeral: str | None
    title: str
    statuses: list[str] = field(default_factory=list)
    focus_areas: list[Statement] = field(default_factory=list)
    joint_highlights: list[Statement] = field(default_factory=list)
    other: dict[str, ColumnStatements] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    status_rows: set[tuple[int, int]] = field(default_factory=set)  # (page, row) already read


def _title_of(row: RowPart, ctx: Reading) -> tuple[str, bool]:
    """A row's sub-goal title without its "(jatkuu)" mark, and whether it had one."""
    return strip_continuation(joined(row.title_lines, ctx.vocabulary, row.title_bbox,
                                     ctx.evidence))


def _finish(subs: list[_Sub], ctx: Reading, goal_title: str) -> list[SubGoal]:
    numbered_any = any(s.number is not None for s in subs)
    out: list[SubGoal] = []
    for position, sub in enumerate(subs, start=1):
        number = sub.number if sub.number is not None else position
        if sub.number is None and numbered_any:
            page = min(sub.pages) if sub.pages else None
            ctx.warnings.append(
                warning(
                    code="no-sub-goal-number",
                    message=f"page {page}: a row of goal {goal_title[:40]!r} has no sub-goal "
                    f"number; numbered {number}",
                    page=page,
                )
            )
        out.append(
            SubGoal(
                number=number,
                numeral=sub.numeral,
                title=sub.title,
                statuses=sub.statuses,
                focus_areas=sub.focus_areas,
                joint_highlights=sub.joint_highlights,
                other_columns=list(sub.other.values()),
                actions=sub.actions,
                pages=sorted(sub.pages),
            )
        )
    return out


def _sub_goal_rows(unit: _GoalRows, ctx: Reading) -> list[SubGoal]:
    """A table of one row per sub-goal: each row a sub-goal, joined with its continuation."""
    rows = [row for row, _cols in unit.rows]
    columns = {id(row): cols for row, cols in unit.rows}
    titles: list[str] = []
    continued: list[bool] = []
    for row in rows:
        text, cont = _title_of(row, ctx)
        # a row whose merged sub-goal cell started on a row above continues that sub-goal
        titles.append(text)
        continued.append(cont or not row.own_sub_goal_cell)
    title_of = {id(row): text for row, text in zip(rows, titles, strict=True)}
    subs: list[_Sub] = []
    for group in group_rows(rows, continued):
        head = group[0]
        sub = _Sub(
            head.number,
            head.numeral,
            # the head row's title; a continuation row's when the head's cell was empty
            next((title_of[id(p)] for p in group if title_of[id(p)]), ""),
        )
        for key in columns[id(head)].keys_of("other"):
            _add_other(sub.other, key, columns[id(head)].headers.get(key, key), [])
        for part in group:
            cols = columns[id(part)]
            sub.pages.add(part.page)
            sub.statuses += _status(part, ctx).codes
            for key, cell in part.cells.items():
                role = cols.role(key)
                if role in STATEMENT_ROLES:
                    getattr(sub, role).extend(_statements(cell, part.page, ctx))
                elif role == "other":
                    _add_other(sub.other, key, cols.headers.get(key, key),
                               _statements(cell, part.page, ctx))
                elif role in _ACTION_FIELDS and cell.row == part.row:
                    # an action's columns in a table without actions: kept under their headers,
                    # as text (an indicator's "Kouluterveyskysely:" names no actor)
                    _add_other(sub.other, key, cols.headers.get(key, key),
                               _plain(cell, part.page, ctx))
        subs.append(sub)
    return _finish(subs, ctx, unit.title)


# The roles that are an action's fields (`Action.responsible`, `schedule`, `indicators`).
_ACTION_FIELDS = frozenset({"responsible", "schedule", "schedule_responsible", "indicators"})


def _plain(cell: Cell, page: int, ctx: Reading) -> list[Statement]:
    """A cell's paragraphs as statements naming no actors (no prefix or suffix read)."""
    out: list[Statement] = []
    for para in paragraphs(cell.lines, cell.bbox, evidence=ctx.evidence):
        text = collapse_ws(para.text(ctx.vocabulary))
        if text:
            out.append(Statement(text=text, raw=para.raw, page=page, bbox=_round(para.bbox)))
    return out


def _add_other(
    into: dict[str, ColumnStatements], key: str, header: str, found: list[Statement]
) -> None:
    """Statements of a column of no known role, filed under its key (an empty cell too: every
    row lists every such column, so a column is there to find even where it is empty)."""
    if key in into:
        into[key].statements.extend(found)
    else:
        into[key] = ColumnStatements(column=key, header=header, statements=found)


# --------------------------------------------------------------------------------------------------
# Actions


def _action_rows(unit: _GoalRows, ctx: Reading) -> tuple[list[SubGoal], list[Action]]:
    """A table of one row per action (module docstring)."""
    subs: list[_Sub] = []
    goal_actions: list[Action] = []
    current: _Sub | None = None
    for row, cols in unit.rows:
        if row.heading:  # a row spanning the table heads the actions below it
            title, _cont = _title_of(row, ctx)
            if current is None or title != current.title:
                current = _Sub(row.number, row.numeral, title)
                subs.append(current)
            current.pages.add(row.page)
            continue
        if not cols.keys_of("sub_goal"):
            if not subs:
                current = None
        elif row.own_sub_goal_cell and (row.title_lines or row.number is not None):
            title, cont = _title_of(row, ctx)
            same = current is not None and (
                (row.number is None or row.number == current.number)
                and (title == current.title or (cont and not title) or (cont and row.number))
            )
            if not same:
                current = _Sub(row.number, row.numeral, title)
                subs.append(current)
        if current is not None:
            current.pages.add(row.page)
        action_cell = next((row.cells[k] for k in cols.keys_of("action") if k in row.cells), None)
        has_action = action_cell is not None and any(ln.text.strip() for ln in action_cell.lines)
        shared_status = row.status_rows > 1 or not has_action
        status: CellStatus | None = None
        if current is not None and shared_status:
            where = (row.page, row.status_from if row.status_from is not None else row.row)
            if where not in current.status_rows:
                current.status_rows.add(where)
                current.statuses += _status(row, ctx).codes
        elif has_action:
            status = _status(row, ctx)
        for key in cols.keys_of("focus_areas") + cols.keys_of("joint_highlights"):
            if current is not None and key in row.cells and row.cells[key].row == row.row:
                getattr(current, cols.role(key)).extend(
                    _statements(row.cells[key], row.page, ctx)
                )
        if not has_action:
            if current is not None:
                for key in cols.keys_of("other"):
                    cell = row.cells.get(key)
                    if cell is not None and cell.row == row.row:
                        _add_other(current.other, key, cols.headers.get(key, key),
                                   _statements(cell, row.page, ctx))
            continue
        assert action_cell is not None
        action = _action(row, cols, action_cell, status, ctx)
        (current.actions if current is not None else goal_actions).append(action)
    return _finish(subs, ctx, unit.title), goal_actions


def _action(
    row: RowPart, cols: ColumnMap, cell: Cell, status: CellStatus | None, ctx: Reading
) -> Action:
    """One action row read into an `Action`."""
    read = action_text(cell, ctx.registry, row.page, ctx.vocabulary, ctx.evidence)
    ctx.warnings.extend(read.warnings)
    responsible: list[str] = []
    responsible_texts: list[str] = []
    schedules: list[str] = []
    indicators: list[Indicator] = []
    other: dict[str, ColumnStatements] = {}
    for key in cols.keys_of("other"):
        _add_other(other, key, cols.headers.get(key, key), [])

    def names(text: str) -> None:
        found = read_responsible(text, ctx.registry, row.page)
        ctx.warnings.extend(found.warnings)
        for actor in found.new_actors:
            if actor.id not in ctx.new_actors:
                ctx.new_actors[actor.id] = actor
                ctx.warnings.append(
                    warning(
                        code="unknown-actor",
                        message=f"page {row.page}: responsible {actor.name!r} is no known actor; "
                        f"reported as {actor.id!r} (kind 'unknown')",
                        page=row.page,
                    )
                )
        responsible.extend(i for i in found.ids if i not in responsible)
        if found.text:
            responsible_texts.append(found.text)

    for key in sorted(row.cells, key=lambda k: cols.columns.get(k, 0)):
        role = cols.role(key)
        c = row.cells[key]
        text = cell_text(c.lines, c.bbox, ctx.vocabulary, ctx.evidence) if c.lines else ""
        if not text.strip():
            continue
        if role == "responsible":
            names(text)
        elif role == "schedule":
            schedules.append(collapse_ws(text))
        elif role == "schedule_responsible":
            when, who = split_schedule(text)
            if when:
                schedules.append(when)
            if who.strip():
                names(who)
        elif role == "indicators":
            indicators += read_indicators(c.lines, c.bbox, ctx.vocabulary, ctx.evidence)
        elif role == "other" and c.row == row.row:
            _add_other(other, key, cols.headers.get(key, key), _statements(c, row.page, ctx))
    return Action(
        number=read.number or row.action_number,
        text=read.text,
        actors=read.actors,
        attribution=read.attribution,  # type: ignore[arg-type]  # an Attribution by construction
        responsible=responsible,
        responsible_text="; ".join(responsible_texts) or None,
        schedule="; ".join(schedules) or None,
        indicators=indicators,
        statuses=status.codes if status is not None else [],
        status_text=status.text if status is not None else None,
        other_columns=list(other.values()),
        raw=read.raw,
        page=row.page,
        bbox=_round(row.bbox),
    )


# --------------------------------------------------------------------------------------------------
# Cells


def _status(row: RowPart, ctx: Reading) -> CellStatus:
    fills = [c.fill for c in row.cells.values() if c.row == row.row]
    found = read_status(
        row.status_cell if row.status_cell is not None and row.status_cell.row <= row.row
        else None,
        row.icons,
        fills,
        ctx.legend,
        row.page,
        ctx.reader,
        ctx.vocabulary,
    )
    ctx.warnings.extend(found.warnings)
    return found


def _statements(cell: Cell, page: int, ctx: Reading) -> list[Statement]:
    if not cell.lines:
        return []
    found, cell_warnings = cell_statements(
        cell.lines, cell.bbox, ctx.registry, page=page, vocabulary=ctx.vocabulary,
        evidence=ctx.evidence,
    )
    ctx.warnings.extend(cell_warnings)
    return found


def _round(box: BBox) -> tuple[float, float, float, float]:
    return (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1))
