"""Plans and diffs as rows: the one place that flattens the models into tables.

Rows are plain dicts keyed by column name (numbers stay `int`, an empty field is `None`), read by
the CSV and Excel writers (`lnhs_parse.export`), the data frames of `lnhs_parse.notebook` and the
timeline command (`lnhs_parse.timeline_report`); none of them walks a plan itself.

- `statement_rows(plan)`: one row per statement (`ROW_COLUMNS`; the CSV and the sheet
  *Toimenpiteet*); a sub-goal without statements gets one row with the statement fields empty.
  `plan_frame_rows(plan)` is the same walk under the notebook's column names (`PLAN_FRAME_COLUMNS`).
- `sub_goal_rows(plan)` (the sheet *Välitavoitteet*), `info_rows(plan)` (the sheet *Tiedot*).
- `diff_rows(diff)`, `status_change_rows(diff)`: a diff's statement and status changes.
- `timeline_rows(plans)`: each sub-goal followed across years as the diff matches it
  (`followed_sub_goals(plans)`: the same, by the plans' positions; the HTML report's matrix).

Needs neither pandas nor openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lnhs_parse.compare import match_sub_goals
from lnhs_parse.labels import COLUMN_LABELS, COLUMNS, status_codes, status_labels
from lnhs_parse.model import Column, Goal, Plan, PlanDiff, Statement, Status, SubGoal

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
# One row per statement: the header of the CSV and of the XLSX sheet "Toimenpiteet".
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
]
# The fields a sub-goal without statements leaves empty.
STATEMENT_FIELDS: frozenset[str] = frozenset(
    {"column", "column_label", "actor_ids", "actor_names", "attribution", "text", "page"}
)
ICON_COLUMN = re.compile(r"status_\d+")  # the sheet "Välitavoitteet": one column per icon
INFO_COLUMNS: list[str] = ["field", "value", "page"]


def _sub_goal_fields(goal: Goal, sub: SubGoal, sep: str) -> dict[str, Any]:
    return {
        "goal": goal.number,
        "goal_numeral": goal.numeral,
        "goal_title": goal.title,
        "sub_goal": sub.number,
        "sub_goal_title": sub.title,
        "status_codes": status_codes(sub.statuses, sep),
        "status_labels": status_labels(sub.statuses, sep),
    }


def _statement_fields(
    column: Column, st: Statement, names: dict[str, str], sep: str
) -> dict[str, Any]:
    return {
        "column": column,
        "column_label": COLUMN_LABELS[column],
        "actor_ids": sep.join(st.actors),
        "actor_names": sep.join(names.get(a, a) for a in st.actors),
        "attribution": st.attribution,
        "text": st.text,
        "page": st.page,
    }


def statement_rows(
    plan: Plan, *, sep: str = LIST_SEPARATOR, empty_sub_goals: bool = True
) -> list[dict[str, Any]]:
    """One dict per statement, keyed by `ROW_COLUMNS`; lists (actors, statuses) joined by `sep`.

    With `empty_sub_goals`, a sub-goal without statements gives one row of its own, its statement
    fields `None`, so no sub-goal is lost. Numbers (year, goal, sub_goal, page) stay `int`.
    """
    names = {a.id: a.name for a in plan.actors}
    rows: list[dict[str, Any]] = []
    for goal in plan.goals:
        for sub in goal.sub_goals:
            base = {"year": plan.year, **_sub_goal_fields(goal, sub, sep)}
            columns = [(column, st) for column in COLUMNS for st in getattr(sub, column)]
            if not columns and empty_sub_goals:
                rows.append({**base, **dict.fromkeys(STATEMENT_FIELDS)})
            for column, st in columns:
                rows.append({**base, **_statement_fields(column, st, names, sep)})
    return [{key: row[key] for key in ROW_COLUMNS} for row in rows]


# The notebook's statement frame: its column -> the statement row's field it shows.
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
}
PLAN_FRAME_COLUMNS: list[str] = list(PLAN_FRAME_FIELDS)


def plan_frame_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per statement, keyed by `PLAN_FRAME_COLUMNS` (lists joined with ", "; sub-goals
    without statements give no row)."""
    rows = statement_rows(plan, sep=", ", empty_sub_goals=False)
    return [{name: row[key] for name, key in PLAN_FRAME_FIELDS.items()} for row in rows]


def sub_goal_columns(plan: Plan) -> list[str]:
    """The header of the sheet "Välitavoitteet": a `status_N` column per icon of the fullest row."""
    icons = max([1] + [len(sg.statuses) for g in plan.goals for sg in g.sub_goals])
    return [
        *SUB_GOAL_FIELDS,
        "statements",
        "pages",
        *(f"status_{i}" for i in range(1, icons + 1)),
    ]


def sub_goal_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per sub-goal; `status_N` holds the N-th icon's `Status` (or None)."""
    icon_columns = [c for c in sub_goal_columns(plan) if ICON_COLUMN.fullmatch(c)]
    rows = []
    for goal in plan.goals:
        for sub in goal.sub_goals:
            row: dict[str, Any] = {
                **_sub_goal_fields(goal, sub, LIST_SEPARATOR),
                "statements": len(sub.focus_areas) + len(sub.joint_highlights),
                "pages": LIST_SEPARATOR.join(str(p) for p in sub.pages),
            }
            for i, name in enumerate(icon_columns):
                row[name] = sub.statuses[i] if i < len(sub.statuses) else None
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
    "moved_from_sub_goal", "moved_from_column",
]


def diff_rows(diff: PlanDiff) -> list[dict[str, Any]]:
    """One dict per statement change (unchanged ones included), keyed by `DIFF_FRAME_COLUMNS`;
    actors joined with ", ", `None` for the side a statement is missing on."""
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
        })
    return rows


STATUS_FRAME_COLUMNS: list[str] = [
    "goal", "sub_goal", "base_sub_goal", "title", "before", "after", "direction",
]


def status_change_rows(diff: PlanDiff) -> list[dict[str, Any]]:
    """One dict per matched sub-goal, keyed by `STATUS_FRAME_COLUMNS`; statuses as Finnish labels
    joined with ", "."""
    return [
        {
            "goal": c.goal,
            "sub_goal": c.sub_goal,
            "base_sub_goal": c.base_sub_goal,
            "title": c.title,
            "before": status_labels(c.before),
            "after": status_labels(c.after),
            "direction": c.direction,
        }
        for c in diff.status_changes
    ]


# --- the timeline ---------------------------------------------------------------------------------


@dataclass
class TimelineRow:
    """One sub-goal followed across plans: under its latest number and title. The dicts are keyed
    by year (`timeline_rows`) or by the plan's position (`followed_sub_goals`)."""

    goal: int
    goal_numeral: str
    goal_title: str
    sub_goal: int  # its number in the latest plan it is in
    title: str  # its title there
    numbers: dict[int, int] = field(default_factory=dict)  # year -> its number that year
    statuses: dict[int, list[Status]] = field(default_factory=dict)  # years it is in only
    sub_goals: dict[int, SubGoal] = field(default_factory=dict)  # the sub-goal itself, likewise


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


def timeline_rows(plans: Sequence[Plan]) -> tuple[list[Plan], list[TimelineRow]]:
    """(the plans oldest first, one row per sub-goal followed across them, by goal and number),
    the rows keyed by year (`followed_sub_goals`).

    Two plans of one year are a `ValueError` (the command line checks first, naming the files).
    """
    ordered = sorted(plans, key=lambda p: p.year)
    years = [p.year for p in ordered]
    if len(set(years)) != len(years):
        raise ValueError(f"one plan per year, please: got years {years}")
    rows = followed_sub_goals(ordered)
    for row in rows:
        row.numbers = {years[i]: n for i, n in row.numbers.items()}
        row.statuses = {years[i]: s for i, s in row.statuses.items()}
        row.sub_goals = {years[i]: s for i, s in row.sub_goals.items()}
    return ordered, rows
