"""Statuses per sub-goal and per action per year, as JSON, CSV or Markdown, without pandas:
`lnhs-parse timeline`.

The same sub-goals and years as `lnhs_parse.timeline()` (a pandas frame, the notebook extra): each
sub-goal is followed across the plans as the diff matches it (`lnhs_parse.rows.build_timeline`,
the rows of both), so a renumbered sub-goal stays on one row, under its latest number and title.
Each action with a status of its own in at least one year is followed likewise, as the diff pairs
it (`PlanDiff.actions`), under its latest number and text.

(Not `lnhs_parse/timeline.py`: importing such a module would replace the function
`lnhs_parse.timeline` with the module, as `docs/diff.md` explains for `compare.py`.)

- **json**: ``{"years": [...], "plans": [{"year", "source", "status_scale"}], "sub_goals":
  [{"goal", "goal_numeral", "goal_title", "sub_goal", "title", "numbers": {year: number},
  "statuses": {year: [status] or null}}], "actions": [{"goal", "goal_numeral", "sub_goal",
  "sub_goal_title", "number", "text", "numbers": {year: number or null}, "statuses": {year:
  [status] or null}}]}``; years as strings in the objects, `null` where the item is not in that
  year's plan, `[]` where it is but without a status of its own; an action's `sub_goal` is its
  sub-goal's row's (latest) number, `null` for an action listed under the goal itself. Each
  plan's `status_scale` gives its codes' words, colours and order.
- **csv**: one row per sub-goal, each followed by its actions' rows (a goal's own actions before
  its sub-goals): goal, goal_numeral, sub_goal, sub_goal_title, numbers, then per year
  ``status_codes_YEAR`` and ``status_labels_YEAR`` (joined with "; ", in that year's deck's
  words; empty where absent), then ``action_number`` and ``action_text`` (an action's latest
  number and text; empty on a sub-goal's row). A BOM and ``\\r\\n`` as the plan's CSV
  (`lnhs_parse.export`).
- **md**: per main goal a table, sub-goals down with their actions ("↳") under them, years
  across, each year's deck's words ("–" for a year without statuses, an empty cell where the item
  is not in that year's plan); deck text escaped as in the plan's Markdown export
  (`lnhs_parse.markdown.timeline_markdown`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from lnhs_parse.errors import ConfigError
from lnhs_parse.labels import StatusScale, status_codes
from lnhs_parse.markdown import timeline_markdown
from lnhs_parse.model import Plan
from lnhs_parse.rows import LIST_SEPARATOR, ActionTimelineRow, Timeline, build_timeline

FORMATS = ("json", "csv", "md")


def check_years(plans: Sequence[Plan], labels: Sequence[str] | None = None, *,
                hint: str = "") -> None:
    """Two plans of one year are a `ConfigError` naming both (by `labels`, else their sources),
    `hint` ending the message."""
    names = list(labels) if labels is not None else [p.source.path for p in plans]
    seen: dict[int, str] = {}
    for plan, name in zip(plans, names, strict=True):
        if plan.year in seen:
            raise ConfigError(
                f"usage: one plan per year: {plan.year} is both {seen[plan.year]} and {name}{hint}"
            )
        seen[plan.year] = name


def _timeline(plans: Sequence[Plan]) -> Timeline:
    check_years(plans)
    return build_timeline(plans)


def _statuses(statuses: dict[int, list[str]], years: list[int]) -> dict[str, list[str] | None]:
    return {str(y): list(statuses[y]) if y in statuses else None for y in years}


def _action_json(a: ActionTimelineRow, years: list[int], numerals: dict[int, str]) -> Any:
    return {
        "goal": a.goal,
        "goal_numeral": numerals.get(a.goal),
        "sub_goal": a.sub_goal if a.parent is not None else None,
        "sub_goal_title": a.parent.title if a.parent is not None else None,
        "number": a.number,
        "text": a.text,
        "numbers": {str(y): a.numbers[y] for y in years if y in a.numbers},
        "statuses": _statuses(a.statuses, years),
    }


def to_json(plans: Sequence[Plan]) -> str:
    timeline = _timeline(plans)
    ordered, rows = timeline.plans, timeline.sub_goals
    years = [p.year for p in ordered]
    numerals = {g.number: g.numeral for p in ordered for g in p.goals}
    data = {
        "years": years,
        "plans": [{"year": p.year, "source": p.source.model_dump(mode="json"),
                   "status_scale": [s.model_dump(mode="json") for s in p.status_scale]}
                  for p in ordered],
        "sub_goals": [
            {
                "goal": r.goal,
                "goal_numeral": r.goal_numeral,
                "goal_title": r.goal_title,
                "sub_goal": r.sub_goal,
                "title": r.title,
                "numbers": {str(y): r.numbers[y] for y in years if y in r.numbers},
                "statuses": _statuses(r.statuses, years),
            }
            for r in rows
        ],
        "actions": [_action_json(a, years, numerals) for a in _reading_order(timeline)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _reading_order(timeline: Timeline) -> list[ActionTimelineRow]:
    """The followed actions per main goal: the goal's own first, then each sub-goal's."""
    goals = sorted({r.goal for r in timeline.sub_goals} | {a.goal for a in timeline.actions})
    return [a for g in goals for a in (
        *timeline.goal_actions(g), *(a for r in timeline.sub_goals if r.goal == g
                                     for a in r.actions))]


def to_csv(plans: Sequence[Plan]) -> str:
    timeline = _timeline(plans)
    ordered, rows = timeline.plans, timeline.sub_goals
    years = [p.year for p in ordered]
    scales = {p.year: StatusScale.of(p) for p in ordered}
    numerals = {g.number: g.numeral for p in ordered for g in p.goals}
    header = ["goal", "goal_numeral", "sub_goal", "sub_goal_title", "numbers"]
    for y in years:
        header += [f"status_codes_{y}", f"status_labels_{y}"]
    header += ["action_number", "action_text"]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)

    def statuses(by_year: dict[int, list[str]]) -> list[str]:
        out: list[str] = []
        for y in years:
            st = by_year.get(y)
            out += ["", ""] if st is None else [status_codes(st, LIST_SEPARATOR),
                                                scales[y].labels(st, LIST_SEPARATOR)]
        return out

    def action_line(a: ActionTimelineRow) -> list[str | int]:
        parent = a.parent
        numbers = LIST_SEPARATOR.join(f"{y}: {n}" for y, n in a.numbers.items() if n)
        return [a.goal, numerals.get(a.goal, ""), "" if parent is None else parent.sub_goal,
                "" if parent is None else parent.title, numbers, *statuses(a.statuses),
                a.number or "", a.text]

    goals = sorted({r.goal for r in rows} | {a.goal for a in timeline.actions})
    for goal in goals:
        for a in timeline.goal_actions(goal):
            writer.writerow(action_line(a))
        for r in (r for r in rows if r.goal == goal):
            writer.writerow([r.goal, r.goal_numeral, r.sub_goal, r.title,
                             LIST_SEPARATOR.join(f"{y}: {n}" for y, n in r.numbers.items()),
                             *statuses(r.statuses), "", ""])
            for a in r.actions:
                writer.writerow(action_line(a))
    return "\ufeff" + buf.getvalue()


def to_markdown(plans: Sequence[Plan]) -> str:
    """Per main goal a table (`lnhs_parse.markdown.timeline_markdown`); two plans of one year are a
    `ConfigError`."""
    check_years(plans)
    return timeline_markdown(plans)


def render(plans: Sequence[Plan], fmt: str) -> str:
    """The timeline of `plans` in `fmt` (json, csv or md)."""
    writers: dict[str, Callable[[Sequence[Plan]], str]] = {
        "json": to_json, "csv": to_csv, "md": to_markdown,
    }
    if fmt not in writers:
        raise ConfigError(
            f"usage: timeline format must be one of {', '.join(FORMATS)}, got {fmt!r}"
        )
    if not plans:
        raise ConfigError("usage: the timeline needs at least one plan")
    return writers[fmt](plans)


__all__ = ["FORMATS", "check_years", "render", "to_csv", "to_json", "to_markdown"]
