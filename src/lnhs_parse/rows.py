"""Plans and diffs as rows: the one place that flattens the models into tables.

Rows are plain dicts keyed by column name (numbers stay `int`, an empty field is `None`), read by
the CSV and Excel writers (`lnhs_parse.export`), the data frames of `lnhs_parse.notebook` and the
timeline command (`lnhs_parse.timeline_report`); none of them walks a plan itself.

- `statement_rows(plan)`: one row per statement and per action (`ROW_COLUMNS`; the CSV and the
  sheet *Toimenpiteet*); a sub-goal without statements and actions gets one row with those fields
  empty. `plan_frame_rows(plan)` is the same walk under the notebook's column names
  (`PLAN_FRAME_COLUMNS`).
- `sub_goal_rows(plan)` (the sheet *Välitavoitteet*), `info_rows(plan)` (the sheet *Tiedot*).
- `diff_rows(diff)`, `status_change_rows(diff)`, `status_moves(diff)`: a diff's statement and
  action changes, its sub-goals' status changes, and the status changes of sub-goals and actions
  in reading order (the plots).
- `build_timeline(plans)`: each sub-goal, and each action with a status of its own, followed across
  years as the diff matches them (`timeline_rows(plans)`: the sub-goals alone; `followed(...)`: the
  same by the plans' positions, for the HTML report's matrix).

Statuses are shown in the plan's (or the diff's) own scale (`lnhs_parse.labels.StatusScale`).
Needs neither pandas nor openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from lnhs_parse.compare import diff_plans, match_sub_goals
from lnhs_parse.labels import (
    ACTION_COLUMN,
    COLUMNS,
    StatusScale,
    action_column,
    column_header,
    status_codes,
)
from lnhs_parse.model import (
    Action,
    ActionChange,
    Direction,
    Goal,
    Plan,
    PlanDiff,
    Statement,
    SubGoal,
)

LIST_SEPARATOR = "; "  # between the items of one cell (actors, statuses) in CSV and Excel

# The sub-goal's own fields, first in both the statement rows and the sub-goal rows.
SUB_GOAL_FIELDS: tuple[str, ...] = (
    "goal",
    "goal_numeral",
    "goal_title",
    "sub_goal",
    "sub_goal_title",
    "status_codes",
    "status_labels",
)
# The fields only an action row fills (and the statements of an action's other columns, which
# name their action): after the statement fields, so the columns before them keep their places.
ACTION_FIELDS: tuple[str, ...] = (
    "responsible",
    "schedule",
    "indicators",
    "status_text",
    "action_number",
    "status_of",
)
# One row per statement and per action: the header of the CSV and of the XLSX sheet
# "Toimenpiteet".
ROW_COLUMNS: list[str] = [
    "year",
    *SUB_GOAL_FIELDS,
    "column",
    "column_label",
    "actor_ids",
    "actor_names",
    "attribution",
    "text",
    "page",
    *ACTION_FIELDS,
]
# The fields a sub-goal without statements and actions leaves empty.
STATEMENT_FIELDS: frozenset[str] = frozenset(
    {"column", "column_label", "actor_ids", "actor_names", "attribution", "text", "page",
     *ACTION_FIELDS}
)
ICON_COLUMN = re.compile(r"status_\d+")  # the sheet "Välitavoitteet": one column per icon
INFO_COLUMNS: list[str] = ["field", "value", "page"]


# --- a plan ---------------------------------------------------------------------------------------


def _goal_fields(goal: Goal) -> dict[str, Any]:
    return {"goal": goal.number, "goal_numeral": goal.numeral, "goal_title": goal.title,
            "sub_goal": None, "sub_goal_title": None}


def _status_fields(statuses: Sequence[str], sep: str, scale: StatusScale) -> dict[str, Any]:
    return {"status_codes": status_codes(statuses, sep),
            "status_labels": scale.labels(statuses, sep)}


def _sub_goal_fields(goal: Goal, sub: SubGoal, sep: str, scale: StatusScale) -> dict[str, Any]:
    return {
        **_goal_fields(goal),
        "sub_goal": sub.number,
        "sub_goal_title": sub.title,
        **_status_fields(sub.statuses, sep, scale),
    }


def _statement_fields(
    column: str, label: str, st: Statement, names: dict[str, str], sep: str
) -> dict[str, Any]:
    return {
        "column": column,
        "column_label": label,
        "actor_ids": sep.join(st.actors),
        "actor_names": sep.join(names.get(a, a) for a in st.actors),
        "attribution": st.attribution,
        "text": st.text,
        "page": st.page,
        **dict.fromkeys(ACTION_FIELDS),
    }


def action_actors(action: Action) -> list[str]:
    """Who does the action: its own actors, then its responsible actors, each once."""
    return list(dict.fromkeys([*action.actors, *action.responsible]))


def responsible_names(action: Action, names: dict[str, str]) -> str | None:
    """The responsible actors' names joined with "; " (the cell as printed when it names no
    actor the registry knows); None when there are none."""
    if action.responsible:
        return LIST_SEPARATOR.join(names.get(a, a) for a in action.responsible)
    return action.responsible_text or None


def indicator_texts(action: Action) -> str | None:
    """The action's indicators as printed, joined with "; "; None when it names none."""
    return LIST_SEPARATOR.join(i.text for i in action.indicators) or None


def row_statuses(action: Action, sub_goal: SubGoal | None) -> tuple[list[str], str | None]:
    """(the statuses that apply to an action's row, whose they are): the action's own
    ("action"), else its sub-goal's ("sub_goal"), else none (None)."""
    if action.statuses:
        return list(action.statuses), "action"
    if sub_goal is not None and sub_goal.statuses:
        return list(sub_goal.statuses), "sub_goal"
    return [], None


def _action_rows(
    base: dict[str, Any], key: str, label: str, action: Action, sub: SubGoal | None,
    names: dict[str, str], sep: str, scale: StatusScale,
) -> list[dict[str, Any]]:
    """The action's row, then one row per statement of its columns of no known role."""
    statuses, status_of = row_statuses(action, sub)
    status = {**_status_fields(statuses, sep, scale), "status_of": status_of}
    actors = action_actors(action)
    rows = [{
        **base,
        **status,
        "column": key,
        "column_label": label,
        "actor_ids": sep.join(actors),
        "actor_names": sep.join(names.get(a, a) for a in actors),
        "attribution": action.attribution,
        "text": action.text,
        "page": action.page,
        "responsible": responsible_names(action, names),
        "schedule": action.schedule,
        "indicators": indicator_texts(action),
        "status_text": action.status_text,
        "action_number": action.number,
    }]
    for cell in action.other_columns:
        header = " ".join(cell.header.split()) or column_header([], cell.column)
        for st in cell.statements:
            rows.append({**base, **_statement_fields(cell.column, header, st, names, sep),
                         **status, "action_number": action.number})
    return rows


def _sub_goal_blocks(plan: Plan, sub: SubGoal) -> list[tuple[str, str, list[Any]]]:
    """(column key, label, items) of a sub-goal: its actions and its statement columns, in the
    order of the plan's columns (actions, Kymenlaakso's two columns, the others, where the plan
    records no order)."""
    key, label = action_column(plan.columns)
    blocks: list[tuple[str, str, list[Any]]] = [(key, label, list(sub.actions))]
    blocks += [(c, column_header(plan.columns, c), list(getattr(sub, c))) for c in COLUMNS]
    blocks += [(cell.column, " ".join(cell.header.split())
                or column_header(plan.columns, cell.column), list(cell.statements))
               for cell in sub.other_columns]
    order = {c.key: i for i, c in reversed(list(enumerate(plan.columns)))}
    ranked = sorted(range(len(blocks)),
                    key=lambda i: (order.get(blocks[i][0], len(order)), i))
    return [blocks[i] for i in ranked]


def statement_rows(
    plan: Plan, *, sep: str = LIST_SEPARATOR, empty_sub_goals: bool = True
) -> list[dict[str, Any]]:
    """One dict per statement and per action, keyed by `ROW_COLUMNS`; lists (actors, statuses)
    joined by `sep` (responsible actors and indicators always by "; ": their names hold commas).

    Per main goal: the actions listed under the goal itself (sub-goal fields `None`), then each
    sub-goal's actions and statements in the order of the plan's columns. An action's row holds
    the status that applies to it (its own, else its sub-goal's; `status_of` says which) and who
    does it (its own actors, then its responsible ones); each statement of its columns of no known
    role follows it as a row naming the action (`action_number`, its status). With
    `empty_sub_goals`, a sub-goal without statements and actions gives one row of its own, those
    fields `None`, so no sub-goal is lost. Numbers (year, goal, sub_goal, page) stay `int`.
    """
    names = {a.id: a.name for a in plan.actors}
    scale = StatusScale.of(plan)
    action_key, action_label = action_column(plan.columns)
    rows: list[dict[str, Any]] = []
    for goal in plan.goals:
        base = {"year": plan.year, **_goal_fields(goal), **_status_fields([], sep, scale)}
        for action in goal.actions:
            rows += _action_rows(base, action_key, action_label, action, None, names, sep, scale)
        for sub in goal.sub_goals:
            base = {"year": plan.year, **_sub_goal_fields(goal, sub, sep, scale)}
            blocks = _sub_goal_blocks(plan, sub)
            if not any(items for _, _, items in blocks) and empty_sub_goals:
                rows.append({**base, **dict.fromkeys(STATEMENT_FIELDS)})
            for key, label, items in blocks:
                for item in items:
                    if isinstance(item, Action):
                        rows += _action_rows(base, key, label, item, sub, names, sep, scale)
                    else:
                        rows.append({**base, **_statement_fields(key, label, item, names, sep)})
    return [{key: row[key] for key in ROW_COLUMNS} for row in rows]


# The notebook's plan frame: its column -> the row's field it shows.
PLAN_FRAME_FIELDS: dict[str, str] = {
    "year": "year",
    "goal": "goal",
    "goal_title": "goal_title",
    "sub_goal": "sub_goal",
    "sub_goal_title": "sub_goal_title",
    "statuses": "status_codes",
    "status_labels": "status_labels",
    "column": "column",
    "actors": "actor_ids",
    "attribution": "attribution",
    "text": "text",
    "page": "page",
    "column_label": "column_label",
    "responsible": "responsible",
    "schedule": "schedule",
    "indicators": "indicators",
    "status_text": "status_text",
    "action_number": "action_number",
    "status_of": "status_of",
}
PLAN_FRAME_COLUMNS: list[str] = list(PLAN_FRAME_FIELDS)


def plan_frame_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per statement and action, keyed by `PLAN_FRAME_COLUMNS` (lists joined with ", ";
    sub-goals without statements and actions give no row)."""
    rows = statement_rows(plan, sep=", ", empty_sub_goals=False)
    return [{name: row[key] for name, key in PLAN_FRAME_FIELDS.items()} for row in rows]


def _statement_count(sub: SubGoal) -> int:
    return (len(sub.focus_areas) + len(sub.joint_highlights)
            + sum(len(cell.statements) for cell in sub.other_columns))


def sub_goal_columns(plan: Plan) -> list[str]:
    """The header of the sheet "Välitavoitteet": a `status_N` column per icon of the fullest row."""
    icons = max([1] + [len(sg.statuses) for g in plan.goals for sg in g.sub_goals])
    return [
        *SUB_GOAL_FIELDS,
        "statements",
        "actions",
        "pages",
        *(f"status_{i}" for i in range(1, icons + 1)),
    ]


def sub_goal_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per sub-goal; `status_N` holds the deck's word for its N-th status (or None);
    `statements` counts the statements of its columns, `actions` its actions."""
    icon_columns = [c for c in sub_goal_columns(plan) if ICON_COLUMN.fullmatch(c)]
    scale = StatusScale.of(plan)
    rows = []
    for goal in plan.goals:
        for sub in goal.sub_goals:
            row: dict[str, Any] = {
                **_sub_goal_fields(goal, sub, LIST_SEPARATOR, scale),
                "statements": _statement_count(sub),
                "actions": len(sub.actions),
                "pages": LIST_SEPARATOR.join(str(p) for p in sub.pages),
            }
            for i, name in enumerate(icon_columns):
                row[name] = scale.label(sub.statuses[i]) if i < len(sub.statuses) else None
            rows.append(row)
    return rows


def info_rows(plan: Plan) -> list[dict[str, Any]]:
    """The sheet "Tiedot": the plan's facts, then highlights and warnings, one per row."""
    facts: list[tuple[str, Any]] = [
        ("schema_version", plan.schema_version),
        ("source_path", plan.source.path),
        ("source_format", plan.source.format),
        ("source_sha256", plan.source.sha256),
        ("source_pages", plan.source.pages),
        ("region", plan.region),
        ("year", plan.year),
        ("title", plan.title),
        ("focus_period", plan.focus_period),
    ]
    rows = [{"field": k, "value": v, "page": None} for k, v in facts]
    rows += [{"field": "highlight", "value": h.text, "page": h.page} for h in plan.highlights]
    rows += [
        {"field": "warning", "value": f"[{w.code}] {w.message}", "page": w.page}
        for w in plan.warnings
    ]
    return rows


# --- diffs ----------------------------------------------------------------------------------------

DIFF_FRAME_COLUMNS: list[str] = [
    "goal", "sub_goal", "column", "change", "similarity", "actors_before", "actors_after",
    "text_before", "text_after", "page_before", "page_after", "moved_from_goal",
    "moved_from_sub_goal", "moved_from_column", "status_before", "status_after", "direction",
]


def diff_rows(diff: PlanDiff) -> list[dict[str, Any]]:
    """One dict per statement change, then one per action change (unchanged ones included), keyed
    by `DIFF_FRAME_COLUMNS`; lists joined with ", ", `None` for the side an item is missing on.

    An action's row: `column` "action", its actors and responsible actors, its own statuses before
    and after in the diff's scale's words, and the direction they went (`None` when the action is
    in one plan only or neither gives it a status). A statement's row leaves those three `None`.
    """
    scale = StatusScale.of(diff)
    rows = []
    for c in diff.statements:
        before, after, src = c.before, c.after, c.moved_from
        rows.append({
            "goal": c.goal,
            "sub_goal": c.sub_goal,
            "column": c.column,
            "change": c.change,
            "similarity": c.similarity,
            "actors_before": ", ".join(before.actors) if before else None,
            "actors_after": ", ".join(after.actors) if after else None,
            "text_before": before.text if before else None,
            "text_after": after.text if after else None,
            "page_before": before.page if before else None,
            "page_after": after.page if after else None,
            "moved_from_goal": src.goal if src else None,
            "moved_from_sub_goal": src.sub_goal if src else None,
            "moved_from_column": src.column if src else None,
            "status_before": None,
            "status_after": None,
            "direction": None,
        })
    for a in diff.actions:
        old, new, place = a.before, a.after, a.moved_from
        rows.append({
            "goal": a.goal,
            "sub_goal": a.sub_goal,
            "column": ACTION_COLUMN,
            "change": a.change,
            "similarity": a.similarity,
            "actors_before": ", ".join(action_actors(old)) if old else None,
            "actors_after": ", ".join(action_actors(new)) if new else None,
            "text_before": old.text if old else None,
            "text_after": new.text if new else None,
            "page_before": old.page if old else None,
            "page_after": new.page if new else None,
            "moved_from_goal": place.goal if place else None,
            "moved_from_sub_goal": place.sub_goal if place else None,
            "moved_from_column": ACTION_COLUMN if place else None,
            "status_before": scale.labels(old.statuses) if old else None,
            "status_after": scale.labels(new.statuses) if new else None,
            "direction": a.direction,
        })
    return rows


STATUS_FRAME_COLUMNS: list[str] = [
    "goal", "sub_goal", "base_sub_goal", "title", "before", "after", "direction",
]


def status_change_rows(diff: PlanDiff) -> list[dict[str, Any]]:
    """One dict per matched sub-goal, keyed by `STATUS_FRAME_COLUMNS`; statuses in the diff's
    scale's words joined with ", "."""
    scale = StatusScale.of(diff)
    return [
        {
            "goal": c.goal,
            "sub_goal": c.sub_goal,
            "base_sub_goal": c.base_sub_goal,
            "title": c.title,
            "before": scale.labels(c.before),
            "after": scale.labels(c.after),
            "direction": c.direction,
        }
        for c in diff.status_changes
    ]


@dataclass
class StatusMove:
    """A sub-goal's or an action's statuses in both plans of a diff, and which way they went."""

    goal: int
    sub_goal: int | None  # None: an action listed under the goal itself
    title: str  # the sub-goal's title, or the action's text (the newer plan's)
    before: list[str]
    after: list[str]
    direction: Direction
    action: Action | None = None  # the action (the newer plan's), for an action's move


def _action_moves(changes: Sequence[ActionChange]) -> list[StatusMove]:
    return [
        StatusMove(c.goal, c.sub_goal, c.after.text, list(c.before.statuses),
                   list(c.after.statuses), c.direction, c.after)
        for c in changes
        if c.before is not None and c.after is not None and c.direction is not None
    ]


def status_moves(diff: PlanDiff) -> list[StatusMove]:
    """Every matched sub-goal's statuses (`status_changes`) and every action found in both plans
    with a status of its own in either (`actions` with a direction), in reading order: per main
    goal its own actions, then each sub-goal followed by its actions."""
    out: list[StatusMove] = []
    actions = _action_moves(diff.actions)
    goals = sorted({c.goal for c in diff.status_changes} | {m.goal for m in actions})
    for goal in goals:
        mine = [m for m in actions if m.goal == goal]
        out += [m for m in mine if m.sub_goal is None]
        placed: set[int | None] = {m.sub_goal for m in mine if m.sub_goal is None}
        for c in diff.status_changes:
            if c.goal != goal:
                continue
            out.append(StatusMove(c.goal, c.sub_goal, c.title, list(c.before), list(c.after),
                                  c.direction))
            out += [m for m in mine if m.sub_goal == c.sub_goal]
            placed.add(c.sub_goal)
        out += [m for m in mine if m.sub_goal not in placed]
    return out


# --- the timeline ---------------------------------------------------------------------------------


@dataclass
class TimelineRow:
    """One sub-goal followed across plans: under its latest number and title. The dicts are keyed
    by year (`build_timeline`, `timeline_rows`) or by the plan's position (`followed`)."""

    goal: int
    goal_numeral: str
    goal_title: str
    sub_goal: int  # its number in the latest plan it is in
    title: str  # its title there
    numbers: dict[int, int] = field(default_factory=dict)  # year -> its number that year
    statuses: dict[int, list[str]] = field(default_factory=dict)  # years it is in only
    sub_goals: dict[int, SubGoal] = field(default_factory=dict)  # the sub-goal itself, likewise
    actions: list[ActionTimelineRow] = field(default_factory=list)  # its followed actions


@dataclass
class ActionTimelineRow:
    """One action with a status of its own in at least one plan, followed across plans as the
    diff pairs it (`PlanDiff.actions`): under its latest number and text. Keyed as `TimelineRow`."""

    goal: int
    sub_goal: int | None  # the latest number of its sub-goal's row; None: under the goal itself
    number: str | None  # its number as printed in the latest plan it is in
    text: str  # its text there
    # its sub-goal's row (the latest plan's); out of repr and ==, which would go round in circles
    parent: TimelineRow | None = field(default=None, repr=False, compare=False)
    numbers: dict[int, str | None] = field(default_factory=dict)  # years it is in only
    statuses: dict[int, list[str]] = field(default_factory=dict)  # its own; [] when it has none
    actions: dict[int, Action] = field(default_factory=dict)  # the action itself, likewise
    place: tuple[int, int] = (0, 0)  # (plan position, position in that plan) where last seen


@dataclass
class Timeline:
    """Plans oldest first, their sub-goals followed across them, and their actions with a status
    of their own (those under a sub-goal are also in its row's `actions`)."""

    plans: list[Plan]
    sub_goals: list[TimelineRow]
    actions: list[ActionTimelineRow]

    def goal_actions(self, goal: int) -> list[ActionTimelineRow]:
        """The followed actions listed under main goal `goal` itself."""
        return [a for a in self.actions if a.goal == goal and a.parent is None]


def followed_sub_goals(ordered: Sequence[Plan]) -> list[TimelineRow]:
    """One row per sub-goal followed across `ordered` (oldest first), by goal and latest number;
    its dicts keyed by the plan's position in `ordered` (so two plans of one year stay apart).

    A sub-goal is matched from each plan to the next as the diff matches it (`match_sub_goals`),
    so a renumbered sub-goal stays on one row. A goal's numeral and title are the latest plan's.
    """
    goals = {g.number: g for plan in ordered for g in plan.goals}  # the latest wording wins
    rows: list[TimelineRow] = []
    current: dict[tuple[int, int], TimelineRow] = {}  # (goal, number) in the previous plan
    previous: Plan | None = None
    for index, plan in enumerate(ordered):
        here: dict[tuple[int, int], TimelineRow] = {}
        matched: dict[tuple[int, int], tuple[int, int]] = {}
        if previous is not None:
            pairs, _, _ = match_sub_goals(previous, plan)
            matched = {(p.goal, p.new.number): (p.goal, p.old.number) for p in pairs}
        for goal in plan.goals:
            for sub in goal.sub_goals:
                key = (goal.number, sub.number)
                row = current.get(matched[key]) if key in matched else None
                if row is None:
                    latest = goals[goal.number]
                    row = TimelineRow(goal.number, latest.numeral, latest.title, sub.number,
                                      sub.title)
                    rows.append(row)
                row.sub_goal, row.title = sub.number, sub.title
                row.statuses[index] = list(sub.statuses)
                row.numbers[index] = sub.number
                row.sub_goals[index] = sub
                here[key] = row
        current, previous = here, plan
    rows.sort(key=lambda r: (r.goal, r.sub_goal))
    return rows


Placed = tuple[int, int | None, Action]  # (goal, sub-goal number or None, the action)


def plan_actions(plan: Plan) -> list[Placed]:
    """Every action of `plan` with its place, in plan order (a goal's own actions first)."""
    out: list[Placed] = []
    for goal in plan.goals:
        out += [(goal.number, None, a) for a in goal.actions]
        out += [(goal.number, sub.number, a) for sub in goal.sub_goals for a in sub.actions]
    return out


def _links(old: list[Placed], new: list[Placed], diff: PlanDiff) -> dict[int, int]:
    """Position in `new` -> position in `old` of each action the diff found in both plans (its
    `before` and `after`, looked up by value: the first equal action not yet taken)."""

    def find(side: list[Placed], action: Action, taken: set[int]) -> int | None:
        return next((i for i, (_, _, a) in enumerate(side) if i not in taken and a == action),
                    None)

    links: dict[int, int] = {}
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for change in diff.actions:
        if change.before is None or change.after is None:
            continue
        i, j = find(old, change.before, taken_old), find(new, change.after, taken_new)
        if i is not None and j is not None:
            taken_old.add(i)
            taken_new.add(j)
            links[j] = i
    return links


def _pair_diffs(
    ordered: Sequence[Plan], diffs: Sequence[PlanDiff | None] | None
) -> list[PlanDiff | None]:
    """The diffs of consecutive plans: as given, else computed (`diff_plans`) for the pairs whose
    plans both have actions (only they can pair any)."""
    if diffs is not None:
        if len(diffs) != max(len(ordered) - 1, 0):
            raise ValueError(f"{len(diffs)} diffs for {len(ordered)} plans; one per consecutive "
                             "pair, please")
        return list(diffs)
    return [diff_plans(a, b) if plan_actions(a) and plan_actions(b) else None
            for a, b in pairwise(ordered)]


def followed(
    ordered: Sequence[Plan], diffs: Sequence[PlanDiff | None] | None = None
) -> tuple[list[TimelineRow], list[ActionTimelineRow]]:
    """(`followed_sub_goals(ordered)`, the actions with a status of their own in any plan followed
    across `ordered`), keyed by the plan's position.

    An action is followed from one plan to the next as `diffs[i]` (the diff of `ordered[i]` and
    `ordered[i + 1]`; None: no actions paired) pairs it in `PlanDiff.actions`; one it does not pair
    starts a row of its own. Each action row is also listed in its sub-goal's row (`actions`), in
    the order of the latest plan it is in. `diffs` default: computed (`diff_plans`).
    """
    rows = followed_sub_goals(ordered)
    pair_diffs = _pair_diffs(ordered, diffs)
    sub_rows: dict[tuple[int, int, int], TimelineRow] = {
        (index, row.goal, number): row for row in rows for index, number in row.numbers.items()
    }
    found: list[ActionTimelineRow] = []
    current: dict[int, ActionTimelineRow] = {}
    previous: list[Placed] = []
    for index, plan in enumerate(ordered):
        placed = plan_actions(plan)
        diff = pair_diffs[index - 1] if index else None
        links = _links(previous, placed, diff) if diff is not None else {}
        here: dict[int, ActionTimelineRow] = {}
        for position, (goal, sub_goal, action) in enumerate(placed):
            row = current.get(links[position]) if position in links else None
            if row is None:
                row = ActionTimelineRow(goal, sub_goal, action.number, action.text)
                found.append(row)
            row.goal, row.number, row.text = goal, action.number, action.text
            row.parent = None if sub_goal is None else sub_rows.get((index, goal, sub_goal))
            row.numbers[index] = action.number
            row.statuses[index] = list(action.statuses)
            row.actions[index] = action
            row.place = (index, position)
            here[position] = row
        current, previous = here, placed
    kept = [r for r in found if any(r.statuses.values())]
    order = {id(row): i for i, row in enumerate(rows)}
    kept.sort(key=lambda r: (r.goal, -1 if r.parent is None else order[id(r.parent)],
                             r.place[1], r.place[0]))
    for action_row in kept:
        if action_row.parent is not None:
            action_row.sub_goal = action_row.parent.sub_goal
            action_row.parent.actions.append(action_row)
    return rows, kept


def build_timeline(
    plans: Sequence[Plan], *, diffs: Sequence[PlanDiff | None] | None = None
) -> Timeline:
    """The plans oldest first, each sub-goal followed across them by goal and latest number, and
    each action with a status of its own (`followed`), their dicts keyed by year.

    `diffs`: the diffs of consecutive plans in year order, when already at hand (default:
    computed). Two plans of one year are a `ValueError` (the command line checks first, naming
    the files).
    """
    ordered = sorted(plans, key=lambda p: p.year)
    years = [p.year for p in ordered]
    if len(set(years)) != len(years):
        raise ValueError(f"one plan per year, please: got years {years}")
    rows, actions = followed(ordered, diffs)
    for row in rows:
        row.numbers = {years[i]: n for i, n in row.numbers.items()}
        row.statuses = {years[i]: s for i, s in row.statuses.items()}
        row.sub_goals = {years[i]: s for i, s in row.sub_goals.items()}
    for action in actions:
        action.numbers = {years[i]: n for i, n in action.numbers.items()}
        action.statuses = {years[i]: s for i, s in action.statuses.items()}
        action.actions = {years[i]: a for i, a in action.actions.items()}
    return Timeline(ordered, rows, actions)


def timeline_rows(
    plans: Sequence[Plan], *, diffs: Sequence[PlanDiff | None] | None = None
) -> tuple[list[Plan], list[TimelineRow]]:
    """(the plans oldest first, one row per sub-goal followed across them, by goal and number),
    the rows keyed by year, each with its followed actions (`build_timeline`)."""
    timeline = build_timeline(plans, diffs=diffs)
    return timeline.plans, timeline.sub_goals
