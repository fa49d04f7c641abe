"""Statuses per sub-goal per year, as JSON, CSV or Markdown, without pandas: `lnhs-parse timeline`.

The same sub-goals and years as `lnhs_parse.timeline()` (a pandas frame, the notebook extra): each
sub-goal is followed across the plans as the diff matches it (`lnhs_parse.rows.timeline_rows`, the
rows of both), so a renumbered sub-goal stays on one row, under its latest number and title.

(Not `lnhs_parse/timeline.py`: importing such a module would replace the function
`lnhs_parse.timeline` with the module, as `docs/diff.md` explains for `compare.py`.)

- **json**: ``{"years": [...], "plans": [{"year", "source"}], "sub_goals": [{"goal",
  "goal_numeral", "goal_title", "sub_goal", "title", "numbers": {year: number},
  "statuses": {year: [status] or null}}]}``; years as strings in the objects, `null` where the
  sub-goal is not in that year's plan.
- **csv**: one row per sub-goal: goal, goal_numeral, sub_goal, sub_goal_title, numbers, then per
  year ``status_codes_YEAR`` and ``status_labels_YEAR`` (icons joined with "; ", empty where
  absent); a BOM and ``\\r\\n`` as the plan's CSV (`lnhs_parse.export`).
- **md**: per main goal a table, sub-goals down, years across, the legend's Finnish labels ("–"
  for a year without icons, an empty cell where the sub-goal is not in that year's plan); deck
  text escaped as in the plan's Markdown export (`lnhs_parse.markdown.timeline_markdown`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from lnhs_parse.errors import ConfigError
from lnhs_parse.labels import status_codes, status_labels
from lnhs_parse.markdown import timeline_markdown
from lnhs_parse.model import Plan
from lnhs_parse.rows import LIST_SEPARATOR, TimelineRow, timeline_rows

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


def _rows(plans: Sequence[Plan]) -> tuple[list[Plan], list[TimelineRow]]:
    check_years(plans)
    return timeline_rows(plans)


def to_json(plans: Sequence[Plan]) -> str:
    ordered, rows = _rows(plans)
    years = [p.year for p in ordered]
    data = {
        "years": years,
        "plans": [{"year": p.year, "source": p.source.model_dump(mode="json")} for p in ordered],
        "sub_goals": [
            {
                "goal": r.goal,
                "goal_numeral": r.goal_numeral,
                "goal_title": r.goal_title,
                "sub_goal": r.sub_goal,
                "title": r.title,
                "numbers": {str(y): r.numbers[y] for y in years if y in r.numbers},
                "statuses": {
                    str(y): [s.value for s in r.statuses[y]] if y in r.statuses else None
                    for y in years
                },
            }
            for r in rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(plans: Sequence[Plan]) -> str:
    ordered, rows = _rows(plans)
    years = [p.year for p in ordered]
    header = ["goal", "goal_numeral", "sub_goal", "sub_goal_title", "numbers"]
    for y in years:
        header += [f"status_codes_{y}", f"status_labels_{y}"]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for r in rows:
        line: list[str | int] = [r.goal, r.goal_numeral, r.sub_goal, r.title,
                                 LIST_SEPARATOR.join(f"{y}: {n}" for y, n in r.numbers.items())]
        for y in years:
            st = r.statuses.get(y)
            line += ["", ""] if st is None else [status_codes(st, LIST_SEPARATOR),
                                                  status_labels(st, LIST_SEPARATOR)]
        writer.writerow(line)
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
