"""Markdown reports in Finnish: a plan, the diff of two plans, and a timeline of several.

- `plan_markdown(plan)` (`lnhs-parse deck.pdf -f md`): title, region, year, focus period,
  highlights, legend, then goals → sub-goals → statuses (Finnish labels) → each column's statements
  grouped by actor.
- `diff_markdown(diff)` (`lnhs-parse diff -f md`): headline counts, then per main goal with changes
  the sub-goals whose statuses moved, added and removed sub-goals, and the statements added,
  removed, reworded and moved (unchanged items left out); docs/diff.md.
- `timeline_markdown(plans)` (`lnhs-parse timeline -f md`): per main goal a table, sub-goals down,
  years across.

Text from the decks (titles, statements, actor names) is escaped by one set of functions
(`md_text`, `md_inline`, `md_item`), so `*`, `_`, `[`, `<`, `#` and the like show as typed in every
report. The words are `lnhs_parse.labels`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lnhs_parse.labels import (
    CHANGE_COUNTS,
    CHANGE_HEADINGS,
    CHANGES,
    COLUMN_LABELS,
    COLUMNS,
    DIRECTION_HEADINGS,
    DIRECTIONS,
    NO_ICONS,
    SUB_GOALS_ADDED_HEADING,
    SUB_GOALS_REMOVED_HEADING,
    status_labels,
)
from lnhs_parse.model import Column, Plan, PlanDiff, Statement, Status
from lnhs_parse.rows import LIST_SEPARATOR, timeline_rows
from lnhs_parse.utils.numerals import to_roman

# --- escaping -------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])(?=\s|$)")


def md_text(text: str) -> str:
    """One line of plain text made safe for Markdown: no emphasis, link, HTML, list or heading."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def md_inline(text: str) -> str:
    """Text for a heading or a one-line field: whitespace (newlines too) collapsed."""
    return md_text(" ".join(text.split()))


def md_item(text: str) -> str:
    """A list item; the statement's further lines stay in the item (hard line breaks)."""
    lines = [md_text(" ".join(line.split())) for line in text.split("\n") if line.strip()] or [""]
    return "- " + " \\\n  ".join(lines)


# --- a plan ---------------------------------------------------------------------------------------

NO_ACTOR = "Ei nimettyä toimijaa"


def _md_column(column: Column, statements: list[Statement], names: dict[str, str]) -> list[str]:
    out = [f"#### {COLUMN_LABELS[column]}", ""]
    if not statements:
        return [*out, "_Ei merkintöjä._", ""]
    groups: dict[tuple[str, ...], list[Statement]] = {}
    for st in statements:
        groups.setdefault(tuple(st.actors), []).append(st)
    only_unnamed = list(groups) == [()]
    for actors, items in groups.items():
        if not only_unnamed:
            label = LIST_SEPARATOR.join(names.get(a, a) for a in actors) if actors else NO_ACTOR
            out += [f"**{md_inline(label)}**", ""]
        out += [md_item(st.text) for st in items]
        out.append("")
    return out


def plan_markdown(plan: Plan) -> str:
    """The plan as a readable report (see the module docstring)."""
    names = {a.id: a.name for a in plan.actors}
    out = [f"# {md_inline(plan.title)}", ""]
    facts = [
        ("Alue", plan.region),
        ("Arviointivuosi", str(plan.year)),
        ("Painopistekausi", plan.focus_period),
        ("Lähde", f"{plan.source.path} ({plan.source.format}, {plan.source.pages} sivua)"),
    ]
    out += [f"- **{k}:** {md_inline(v)}" for k, v in facts if v]
    out.append("")
    if plan.highlights:
        out += ["## Kiteytetyt nostot", ""]
        out += [md_item(h.text) for h in plan.highlights]
        out.append("")
    out += ["## Toimenpiteiden eteneminen", ""]
    if plan.status_legend:
        out += [
            f"- **{md_inline(e.status.label)}** (`{e.status.value}`): {md_inline(e.description)}"
            for e in plan.status_legend
        ]
    else:
        out += [f"- **{s.label}** (`{s.value}`)" for s in Status]
    out.append("")
    for goal in plan.goals:
        out += [f"## Päätavoite {goal.numeral}: {md_inline(goal.title)}", ""]
        if not goal.sub_goals:
            out += ["_Ei välitavoitteita._", ""]
        for sg in goal.sub_goals:
            out += [f"### {goal.numeral}.{sg.number} {md_inline(sg.title)}", ""]
            status = status_labels(sg.statuses, empty="ei merkitty")
            out += [f"**Toimenpiteiden eteneminen:** {status}", ""]
            for column in COLUMNS:
                out += _md_column(column, getattr(sg, column), names)
    if plan.warnings:
        out += ["## Varoitukset", ""]
        for w in plan.warnings:
            where = f" (s. {w.page})" if w.page is not None else ""
            out.append(f"- `{w.code}`{where}: {md_inline(w.message)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- a diff ---------------------------------------------------------------------------------------


def diff_markdown(diff: PlanDiff) -> str:
    """A readable report of the changes in Finnish, per main goal (unchanged items left out)."""
    goals = {g.number: g for g in diff.goals}
    actor_names = {a.id: (a.aliases[0] if a.aliases else a.name) for a in diff.actors}

    def goal_heading(number: int) -> str:
        g = goals.get(number)
        if g is None:
            return f"Päätavoite {to_roman(number)}"
        return f"Päätavoite {g.numeral}: {md_inline(g.title)}"

    def sub_label(goal: int, sub_goal: int) -> str:
        g = goals.get(goal)
        return f"{g.numeral if g else to_roman(goal)}.{sub_goal}"

    def labels(statuses: Sequence[Status]) -> str:
        return status_labels(statuses, empty=NO_ICONS)

    def quote(st: Statement) -> str:
        text = md_inline(st.text)
        who = ", ".join(actor_names.get(a, a) for a in st.actors)
        # a suffix attribution already names its actors in the text: "... (Kotka, Kouvola)"
        return f"{md_inline(who)}: {text}" if st.actors and st.attribution != "suffix" else text

    directions = [c.direction for c in diff.status_changes]
    kinds = [c.change for c in diff.statements]
    lines = [
        f"# Muutokset {diff.base.year} → {diff.head.year}",
        "",
        "- Välitavoitteiden eteneminen: "
        + ", ".join(f"{DIRECTION_HEADINGS[d]} {directions.count(d)}" for d in DIRECTIONS),
        f"- Välitavoitteet: uusia {len(diff.added_sub_goals)}, "
        f"poistuneita {len(diff.removed_sub_goals)}",
        "- Kirjaukset: " + ", ".join(f"{CHANGE_COUNTS[k]} {kinds.count(k)}" for k in CHANGES),
    ]

    numbers = sorted(
        {c.goal for c in diff.status_changes if c.direction != "unchanged"}
        | {r.goal for r in (*diff.added_sub_goals, *diff.removed_sub_goals)}
        | {c.goal for c in diff.statements if c.change != "unchanged"}
    )
    for number in numbers:
        lines += ["", f"## {goal_heading(number)}"]
        for direction in (d for d in DIRECTIONS if d != "unchanged"):  # counted, not listed
            moves = [m for m in diff.status_changes
                     if m.goal == number and m.direction == direction]
            if moves:
                lines += ["", f"### {DIRECTION_HEADINGS[direction]}", ""]
                for m in moves:
                    old = m.base_sub_goal
                    renumbered = f" (ennen {sub_label(m.goal, old)})" if old else ""
                    lines.append(
                        f"- {sub_label(m.goal, m.sub_goal)} {md_inline(m.title)}{renumbered}: "
                        f"{labels(m.before)} → {labels(m.after)}"
                    )
        for heading, refs in ((SUB_GOALS_ADDED_HEADING, diff.added_sub_goals),
                              (SUB_GOALS_REMOVED_HEADING, diff.removed_sub_goals)):
            subs = [r for r in refs if r.goal == number]
            if subs:
                lines += ["", f"### {heading}", ""]
                lines += [f"- {sub_label(r.goal, r.sub_goal)} {md_inline(r.title)}" for r in subs]
        for kind in CHANGES:
            changes = [c for c in diff.statements if c.goal == number and c.change == kind]
            if not changes:
                continue
            lines += ["", f"### {CHANGE_HEADINGS[kind]}", ""]
            for c in changes:
                where = f"{sub_label(c.goal, c.sub_goal)} {COLUMN_LABELS[c.column]}"
                if kind == "added" and c.after is not None:
                    lines.append(f"- {where}: {quote(c.after)}")
                elif kind == "removed" and c.before is not None:
                    lines.append(f"- {where}: {quote(c.before)}")
                elif kind == "modified" and c.before is not None and c.after is not None:
                    lines.append(f"- {where}: {quote(c.before)} → {quote(c.after)}")
                elif kind == "moved" and c.after is not None and c.moved_from is not None:
                    src = c.moved_from
                    lines.append(
                        f"- {sub_label(src.goal, src.sub_goal)} {COLUMN_LABELS[src.column]} → "
                        f"{where}: {quote(c.after)}"
                    )
    if not numbers:
        lines += ["", "Ei muutoksia."]
    return "\n".join(lines) + "\n"


# --- a timeline -----------------------------------------------------------------------------------


def timeline_markdown(plans: Sequence[Plan]) -> str:
    """Per main goal a table: sub-goals down, years across, the legend's Finnish labels ("–" for a
    year without icons, an empty cell where the sub-goal is not in that year's plan)."""
    ordered, rows = timeline_rows(plans)
    years = [p.year for p in ordered]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    newest = ordered[-1]
    lines = [f"# Välitavoitteiden tilanne {span}", "",
             md_inline(f"{newest.region}: {newest.title}")]
    for goal in sorted({r.goal for r in rows}):
        mine = [r for r in rows if r.goal == goal]
        numeral, title = mine[0].goal_numeral, mine[0].goal_title
        lines += ["", f"## Päätavoite {numeral}" + (f": {md_inline(title)}" if title else ""), ""]
        lines.append("| Välitavoite | " + " | ".join(str(y) for y in years) + " |")
        lines.append("|---|" + "---|" * len(years))
        for r in mine:
            earlier = sorted({n for n in r.numbers.values() if n != r.sub_goal})
            note = f" (ennen {', '.join(f'{numeral}.{n}' for n in earlier)})" if earlier else ""
            # no icons that year: "–"; not in that year's plan: an empty cell
            cells = [status_labels(r.statuses[y], empty=NO_ICONS) if y in r.statuses else ""
                     for y in years]
            lines.append(f"| {numeral}.{r.sub_goal} {md_inline(r.title)}{note} | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
