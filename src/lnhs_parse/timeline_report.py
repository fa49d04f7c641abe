"""Statuses per sub-goal per year, as JSON, CSV or Markdown, without pandas: `lnhs-parse timeline`.

The same sub-goals and years as `lnhs_parse.timeline()` (a pandas frame, the notebook extra): each
sub-goal is followed across the plans as the diff matches it (`notebook._timeline_rows`), so a
renumbered sub-goal stays on one row, under its latest number and title.

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
  text escaped as in the plan's Markdown export.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from lnhs_parse.errors import ConfigError
from lnhs_parse.export import LIST_SEPARATOR, _md_inline
from lnhs_parse.model import Plan, Status
from lnhs_parse.utils.numerals import to_roman

FORMATS = ("json", "csv", "md")
NO_ICONS = "–"


def check_years(plans: Sequence[Plan], labels: Sequence[str] | None = None) -> None:
    """Two plans of one year are a `ConfigError` naming both (by `labels`, else their sources)."""
    names = list(labels) if labels is not None else [p.source.path for p in plans]
    seen: dict[int, str] = {}
    for plan, name in zip(plans, names):
        if plan.year in seen:
            raise ConfigError(f"usage: one plan per year: {plan.year} is both {seen[plan.year]} and {name}")
        seen[plan.year] = name


def timeline_rows(plans: Sequence[Plan]) -> tuple[list[Plan], list[dict[str, Any]]]:
    """(the plans oldest first, one dict per sub-goal followed across them).

    A row: goal, goal_numeral, goal_title, sub_goal, title (latest), numbers {year: number},
    statuses {year: [Status]} (years where the sub-goal is absent are left out). Two plans of
    one year are a `ConfigError`.
    """
    from lnhs_parse.notebook import _timeline_rows

    check_years(plans)
    ordered = sorted(plans, key=lambda p: p.year)
    _, rows = _timeline_rows(ordered)
    goals = {g.number: g for plan in ordered for g in plan.goals}  # the latest wording wins
    out = []
    for r in rows:
        g = goals.get(r["goal"])
        out.append({
            "goal": r["goal"],
            "goal_numeral": g.numeral if g else to_roman(r["goal"]),
            "goal_title": g.title if g else "",
            "sub_goal": r["sub_goal"],
            "title": r["title"],
            "numbers": dict(r["numbers"]),
            "statuses": {y: [Status(s) for s in v] for y, v in r["statuses"].items()},
        })
    return ordered, out


def to_json(plans: Sequence[Plan]) -> str:
    ordered, rows = timeline_rows(plans)
    years = [p.year for p in ordered]
    data = {
        "years": years,
        "plans": [{"year": p.year, "source": p.source.model_dump(mode="json")} for p in ordered],
        "sub_goals": [
            {
                "goal": r["goal"],
                "goal_numeral": r["goal_numeral"],
                "goal_title": r["goal_title"],
                "sub_goal": r["sub_goal"],
                "title": r["title"],
                "numbers": {str(y): r["numbers"][y] for y in years if y in r["numbers"]},
                "statuses": {
                    str(y): [s.value for s in r["statuses"][y]] if y in r["statuses"] else None
                    for y in years
                },
            }
            for r in rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(plans: Sequence[Plan]) -> str:
    ordered, rows = timeline_rows(plans)
    years = [p.year for p in ordered]
    header = ["goal", "goal_numeral", "sub_goal", "sub_goal_title", "numbers"]
    for y in years:
        header += [f"status_codes_{y}", f"status_labels_{y}"]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for r in rows:
        line = [r["goal"], r["goal_numeral"], r["sub_goal"], r["title"],
                LIST_SEPARATOR.join(f"{y}: {n}" for y, n in r["numbers"].items())]
        for y in years:
            st = r["statuses"].get(y)
            line += (["", ""] if st is None else
                     [LIST_SEPARATOR.join(s.value for s in st), LIST_SEPARATOR.join(s.label for s in st)])
        writer.writerow(line)
    return "\ufeff" + buf.getvalue()


def to_markdown(plans: Sequence[Plan]) -> str:
    ordered, rows = timeline_rows(plans)
    years = [p.year for p in ordered]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    newest = ordered[-1]
    lines = [f"# Välitavoitteiden tilanne {span}", "", _md_inline(f"{newest.region}: {newest.title}")]
    for goal in sorted({r["goal"] for r in rows}):
        mine = [r for r in rows if r["goal"] == goal]
        numeral, title = mine[0]["goal_numeral"], mine[0]["goal_title"]
        lines += ["", f"## Päätavoite {numeral}" + (f": {_md_inline(title)}" if title else ""), ""]
        lines.append("| Välitavoite | " + " | ".join(str(y) for y in years) + " |")
        lines.append("|---|" + "---|" * len(years))
        for r in mine:
            earlier = sorted({n for n in r["numbers"].values() if n != r["sub_goal"]})
            note = (" (ennen " + ", ".join(f"{numeral}.{n}" for n in earlier) + ")") if earlier else ""
            # no icons that year: "–"; not in that year's plan: an empty cell
            cells = [(", ".join(s.label for s in r["statuses"][y]) or NO_ICONS)
                     if y in r["statuses"] else "" for y in years]
            lines.append(f"| {numeral}.{r['sub_goal']} {_md_inline(r['title'])}{note} | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render(plans: Sequence[Plan], fmt: str) -> str:
    """The timeline of `plans` in `fmt` (json, csv or md)."""
    writers = {"json": to_json, "csv": to_csv, "md": to_markdown}
    if fmt not in writers:
        raise ConfigError(f"usage: timeline format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if not plans:
        raise ConfigError("usage: the timeline needs at least one plan")
    return writers[fmt](plans)


__all__ = ["FORMATS", "check_years", "render", "timeline_rows", "to_csv", "to_json", "to_markdown"]
