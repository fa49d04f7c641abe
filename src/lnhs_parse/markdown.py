"""Markdown reports in Finnish: a plan, the diff of two plans, and a timeline of several.

- `plan_markdown(plan)` (`lnhs-parse deck.pdf -f md`): title, region, year, focus period,
  highlights, the status scale, then goals → sub-goals → statuses (the deck's words) → actions as a
  table (text, responsible, schedule, indicators, status) → each column's statements grouped by
  actor.
- `diff_markdown(diff)` (`lnhs-parse diff -f md`): headline counts, then per main goal with changes
  the sub-goals whose statuses moved, the actions whose own statuses moved, added and removed
  sub-goals, the statements and the actions added, removed, reworded and moved (unchanged items
  left out); docs/diff.md.
- `timeline_markdown(plans)` (`lnhs-parse timeline -f md`): per main goal a table, sub-goals (and
  under each its actions with a status of their own) down, years across.

Statuses read as the deck's own words (`lnhs_parse.labels.StatusScale`). Text from the decks
(titles, statements, actor names) is escaped by one set of functions (`md_text`, `md_inline`,
`md_item`), so `*`, `_`, `[`, `<`, `#` and the like show as typed in every report. The words are
`lnhs_parse.labels`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lnhs_parse.labels import (
    ACTION_CHANGE_HEADINGS,
    ACTION_DIRECTION_HEADINGS,
    ACTION_FIELD_LABELS,
    ACTIONS_COUNT,
    ALSO_WORDED,
    CHANGE_COUNTS,
    CHANGE_HEADINGS,
    CHANGES,
    COLUMNS,
    DIRECTION_HEADINGS,
    DIRECTIONS,
    NO_ACTOR,
    NO_ENTRIES,
    NO_ICONS,
    NO_SCALE,
    PROGRESS_COUNT,
    STATUS_PER_ACTION,
    SUB_GOALS_ADDED_HEADING,
    SUB_GOALS_REMOVED_HEADING,
    StatusScale,
    action_column,
    column_header,
    status_title,
)
from lnhs_parse.model import (
    Action,
    ActionChange,
    ActionPlace,
    Plan,
    PlanDiff,
    Statement,
    SubGoal,
    TableColumn,
)
from lnhs_parse.rows import (
    LIST_SEPARATOR,
    ActionTimelineRow,
    build_timeline,
    indicator_texts,
    responsible_names,
)
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


def _md_column(label: str, statements: list[Statement], names: dict[str, str]) -> list[str]:
    out = [f"#### {md_inline(label)}", ""]
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


def _action_text(action: Action, names: dict[str, str]) -> str:
    """The action's text, its own actors before it as a statement's ("HVA: ..."; a suffix
    attribution names them in the text already)."""
    who = ", ".join(names.get(a, a) for a in action.actors)
    text = " ".join(action.text.split())
    return f"{who}: {text}" if action.actors and action.attribution != "suffix" else text


def action_status(action: Action, scale: StatusScale) -> str:
    """The action's own statuses in the deck's words, with its status cell's text where that says
    more ("Käynnissä (siirtyy vuodelle 2025)"); '' when it has neither."""
    words = scale.labels(action.statuses)
    text = " ".join((action.status_text or "").split())
    if text and text.casefold() != words.casefold():
        return f"{words} ({text})" if words else text
    return words


def _action_table(actions: Sequence[Action], label: str, names: dict[str, str],
                  scale: StatusScale) -> list[str]:
    """A table of actions: number, text, responsible, schedule, indicators, status and the
    columns of no known role, each column only where an action fills it."""
    others = list(dict.fromkeys((c.column, " ".join(c.header.split()) or c.column)
                                for a in actions for c in a.other_columns))
    columns: list[tuple[str, list[str]]] = [
        (ACTION_FIELD_LABELS["number"], [a.number or "" for a in actions]),
        (label, [_action_text(a, names) for a in actions]),
        (ACTION_FIELD_LABELS["responsible"], [responsible_names(a, names) or "" for a in actions]),
        (ACTION_FIELD_LABELS["schedule"], [a.schedule or "" for a in actions]),
        (ACTION_FIELD_LABELS["indicators"], [indicator_texts(a) or "" for a in actions]),
        (ACTION_FIELD_LABELS["status"], [action_status(a, scale) for a in actions]),
    ]
    for key, header in others:
        columns.append((header, [
            LIST_SEPARATOR.join(" ".join(st.text.split()) for c in a.other_columns
                                if c.column == key for st in c.statements)
            for a in actions
        ]))
    shown = [(h, cells) for h, cells in columns if h == label or any(cells)]
    out = ["| " + " | ".join(md_inline(h) for h, _ in shown) + " |",
           "|" + "---|" * len(shown)]
    for i in range(len(actions)):
        out.append("| " + " | ".join(md_inline(cells[i]) for _, cells in shown) + " |")
    return [*out, ""]


def _shows_column(plan: Plan, sub: SubGoal, column: str) -> bool:
    """Kymenlaakso's two columns are shown (empty ones too) in a plan whose tables have them, or
    that records no columns (a plan from before they were recorded)."""
    return (not plan.columns or any(c.key == column for c in plan.columns)
            or bool(getattr(sub, column)))


def _scale_lines(plan: Plan, scale: StatusScale) -> list[str]:
    used = [s for g in plan.goals for a in _all_actions(g.actions, g.sub_goals)
            for s in a.statuses]
    used += [s for g in plan.goals for sg in g.sub_goals for s in sg.statuses]
    lines = []
    for code in scale.order(used):
        label = scale.label(code)
        step = scale.step(code)
        more = [w for w in dict.fromkeys(step.words if step else [])
                if w.strip() and w.strip().casefold() != label.casefold()]
        also = f", {ALSO_WORDED}: {md_inline(', '.join(more))}" if more else ""
        description = scale.description(code)
        lines.append(f"- **{md_inline(label)}** (`{code}`{also})"
                     + (f": {md_inline(description)}" if description else ""))
    return lines or [f"_{NO_SCALE}_"]


def _all_actions(goal_actions: Sequence[Action], subs: Sequence[SubGoal]) -> list[Action]:
    return [*goal_actions, *(a for sg in subs for a in sg.actions)]


def _sub_goal_status(sub: SubGoal, scale: StatusScale) -> str:
    if sub.statuses:
        return scale.labels(sub.statuses)
    if any(a.statuses for a in sub.actions):
        return STATUS_PER_ACTION
    return "ei merkitty"


def plan_markdown(plan: Plan) -> str:
    """The plan as a readable report (see the module docstring)."""
    names = {a.id: a.name for a in plan.actors}
    scale = StatusScale.of(plan)
    _, action_label = action_column(plan.columns)
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
    out += ["## Toimenpiteiden eteneminen", "", *_scale_lines(plan, scale), ""]
    for goal in plan.goals:
        out += [f"## Päätavoite {goal.numeral}: {md_inline(goal.title)}", ""]
        if goal.actions:
            out += [f"### {md_inline(action_label)}", ""]
            out += _action_table(goal.actions, action_label, names, scale)
        if not goal.sub_goals and not goal.actions:
            out += ["_Ei välitavoitteita._", ""]
        for sg in goal.sub_goals:
            out += [f"### {goal.numeral}.{sg.number} {md_inline(sg.title)}", ""]
            out += [f"**Toimenpiteiden eteneminen:** {_sub_goal_status(sg, scale)}", ""]
            out += _sub_goal_columns(plan, sg, action_label, names, scale)
    if plan.warnings:
        out += ["## Varoitukset", ""]
        for w in plan.warnings:
            where = f" (s. {w.page})" if w.page is not None else ""
            out.append(f"- `{w.code}`{where}: {md_inline(w.message)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _sub_goal_columns(plan: Plan, sg: SubGoal, action_label: str, names: dict[str, str],
                      scale: StatusScale) -> list[str]:
    """A sub-goal's actions and statement columns, in the order of the plan's columns."""
    blocks: list[tuple[str, list[str]]] = []
    action_key, _ = action_column(plan.columns)
    if sg.actions:
        blocks.append((action_key, [f"#### {md_inline(action_label)}", "",
                                    *_action_table(sg.actions, action_label, names, scale)]))
    blocks += [(c, _md_column(column_header(plan.columns, c), getattr(sg, c), names))
               for c in COLUMNS if _shows_column(plan, sg, c)]
    blocks += [(cell.column, _md_column(" ".join(cell.header.split())
                                        or column_header(plan.columns, cell.column),
                                        cell.statements, names))
               for cell in sg.other_columns]
    if not blocks:
        return [f"_{NO_ENTRIES}_", ""]
    order = _column_order(plan.columns)
    ranked = sorted(range(len(blocks)), key=lambda i: (order.get(blocks[i][0], len(order)), i))
    return [line for i in ranked for line in blocks[i][1]]


def _column_order(columns: Sequence[TableColumn]) -> dict[str, int]:
    return {c.key: i for i, c in reversed(list(enumerate(columns)))}


# --- a diff ---------------------------------------------------------------------------------------


def diff_markdown(diff: PlanDiff) -> str:
    """A readable report of the changes in Finnish, per main goal (unchanged items left out)."""
    goals = {g.number: g for g in diff.goals}
    actor_names = {a.id: (a.aliases[0] if a.aliases else a.name) for a in diff.actors}
    scale = StatusScale.of(diff)

    def goal_heading(number: int) -> str:
        g = goals.get(number)
        if g is None:
            return f"Päätavoite {to_roman(number)}"
        return f"Päätavoite {g.numeral}: {md_inline(g.title)}"

    def numeral(goal: int) -> str:
        g = goals.get(goal)
        return g.numeral if g else to_roman(goal)

    def sub_label(goal: int, sub_goal: int | None) -> str:
        return numeral(goal) if sub_goal is None else f"{numeral(goal)}.{sub_goal}"

    def labels(statuses: Sequence[str]) -> str:
        return scale.labels(statuses, empty=NO_ICONS)

    def quote(st: Statement) -> str:
        text = md_inline(st.text)
        who = ", ".join(actor_names.get(a, a) for a in st.actors)
        # a suffix attribution already names its actors in the text: "... (Kotka, Kouvola)"
        return f"{md_inline(who)}: {text}" if st.actors and st.attribution != "suffix" else text

    def action_quote(action: Action) -> str:
        number = f"{md_inline(action.number)} " if action.number else ""
        return number + md_inline(_action_text(action, actor_names))

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
    if diff.actions:
        action_kinds = [a.change for a in diff.actions]
        action_ways = [a.direction for a in diff.actions if a.direction is not None]
        lines.append(
            f"- {ACTIONS_COUNT}: "
            + ", ".join(f"{CHANGE_COUNTS[k]} {action_kinds.count(k)}" for k in CHANGES)
            + f"; {PROGRESS_COUNT}: "
            + ", ".join(f"{DIRECTION_HEADINGS[d]} {action_ways.count(d)}" for d in DIRECTIONS)
        )

    numbers = sorted(
        {c.goal for c in diff.status_changes if c.direction != "unchanged"}
        | {r.goal for r in (*diff.added_sub_goals, *diff.removed_sub_goals)}
        | {c.goal for c in diff.statements if c.change != "unchanged"}
        | {a.goal for a in diff.actions if _action_changed(a)}
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
        for direction in (d for d in DIRECTIONS if d != "unchanged"):
            went = [a for a in diff.actions if a.goal == number and a.direction == direction
                    and a.before is not None and a.after is not None]
            if went:
                lines += ["", f"### {ACTION_DIRECTION_HEADINGS[direction]}", ""]
                lines += [
                    f"- {sub_label(a.goal, a.sub_goal)}: {action_quote(a.after)}: "
                    f"{labels(a.before.statuses)} → {labels(a.after.statuses)}"
                    for a in went if a.before is not None and a.after is not None
                ]
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
                where = f"{sub_label(c.goal, c.sub_goal)} {md_inline(column_header([], c.column))}"
                if kind == "added" and c.after is not None:
                    lines.append(f"- {where}: {quote(c.after)}")
                elif kind == "removed" and c.before is not None:
                    lines.append(f"- {where}: {quote(c.before)}")
                elif kind == "modified" and c.before is not None and c.after is not None:
                    lines.append(f"- {where}: {quote(c.before)} → {quote(c.after)}")
                elif kind == "moved" and c.after is not None and c.moved_from is not None:
                    src = c.moved_from
                    lines.append(
                        f"- {sub_label(src.goal, src.sub_goal)} "
                        f"{md_inline(column_header([], src.column))} → {where}: {quote(c.after)}"
                    )
        for kind in CHANGES:
            acts = [a for a in diff.actions if a.goal == number and a.change == kind]
            if acts:
                lines += ["", f"### {ACTION_CHANGE_HEADINGS[kind]}", ""]
                lines += [_action_change_line(a, sub_label, action_quote) for a in acts]
    if not numbers:
        lines += ["", "Ei muutoksia."]
    return "\n".join(lines) + "\n"


def _action_changed(change: ActionChange) -> bool:
    return change.change != "unchanged" or change.direction not in (None, "unchanged")


def _action_change_line(change: ActionChange, sub_label: Callable[[int, int | None], str],
                        quote: Callable[[Action], str]) -> str:
    where = sub_label(change.goal, change.sub_goal)
    src: ActionPlace | None = change.moved_from
    if change.change == "moved" and src is not None:
        where = f"{sub_label(src.goal, src.sub_goal)} → {where}"
    before, after = change.before, change.after
    if change.change == "modified" and before is not None and after is not None:
        return f"- {where}: {quote(before)} → {quote(after)}"
    shown = after if after is not None else before
    return f"- {where}: {quote(shown)}" if shown is not None else f"- {where}"


# --- a timeline -----------------------------------------------------------------------------------


def _action_cell(row: ActionTimelineRow, year: int, scale: StatusScale) -> str:
    """An action's statuses in a year: the deck's words, "–" when it has none of its own that
    year, '' when it is not in that year's plan."""
    if year not in row.statuses:
        return ""
    return scale.labels(row.statuses[year], empty=NO_ICONS)


def timeline_markdown(plans: Sequence[Plan],
                      diffs: Sequence[PlanDiff | None] | None = None) -> str:
    """Per main goal a table: sub-goals down, each followed by its actions with a status of their
    own ("↳"; a goal's own actions first), years across; each year's deck's words ("–" for a year
    without statuses, "toimenpiteittäin" for a sub-goal whose actions carry them, an empty cell
    where the item is not in that year's plan). `diffs`: as `lnhs_parse.rows.build_timeline`."""
    timeline = build_timeline(plans, diffs=diffs)
    ordered, rows = timeline.plans, timeline.sub_goals
    years = [p.year for p in ordered]
    scales = {p.year: StatusScale.of(p) for p in ordered}
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    newest = ordered[-1]
    lines = [f"# {status_title(bool(timeline.actions))} {span}", "",
             md_inline(f"{newest.region}: {newest.title}")]
    goals = {g.number: g for p in ordered for g in p.goals}  # the latest wording wins
    for goal in sorted({r.goal for r in rows} | {a.goal for a in timeline.actions}):
        mine = [r for r in rows if r.goal == goal]
        numeral = mine[0].goal_numeral if mine else goals[goal].numeral
        title = mine[0].goal_title if mine else goals[goal].title
        lines += ["", f"## Päätavoite {numeral}" + (f": {md_inline(title)}" if title else ""), ""]
        lines.append("| Välitavoite | " + " | ".join(str(y) for y in years) + " |")
        lines.append("|---|" + "---|" * len(years))

        def action_line(a: ActionTimelineRow) -> str:
            number = f"{a.number} " if a.number else ""
            cells = [_action_cell(a, y, scales[y]) for y in years]
            return f"| ↳ {md_inline(number + a.text)} | " + " | ".join(cells) + " |"

        lines += [action_line(a) for a in timeline.goal_actions(goal)]
        for r in mine:
            earlier = sorted({n for n in r.numbers.values() if n != r.sub_goal})
            note = f" (ennen {', '.join(f'{numeral}.{n}' for n in earlier)})" if earlier else ""
            cells = []
            for y in years:
                if y not in r.statuses:  # not in that year's plan: an empty cell
                    cells.append("")
                elif r.statuses[y]:
                    cells.append(scales[y].labels(r.statuses[y]))
                elif any(a.statuses for a in r.sub_goals[y].actions):
                    cells.append(STATUS_PER_ACTION)
                else:  # no statuses that year
                    cells.append(NO_ICONS)
            lines.append(f"| {numeral}.{r.sub_goal} {md_inline(r.title)}{note} | "
                         + " | ".join(cells) + " |")
            lines += [action_line(a) for a in r.actions]
    return "\n".join(lines) + "\n"
