"""The plan period at a glance: one self-contained HTML file to e-mail, open in a browser and print.

`lnhs-parse report DECK_OR_PLAN... -o report.html` and `lnhs_parse.report(plans)` render, for one
or more yearly plans of one plan period:

- a header (region, title, years, sources);
- the status matrix: sub-goals grouped by main goal, down, each followed by its actions that have
  a status of their own (a goal's own actions first); years, across; each cell the icons in that
  deck's own scale colours with that deck's word beside each (never colour alone), the direction
  from the year before (as the diff of the two years gives it), and a link to the page it is on;
- for each pair of consecutive years, the changes as `lnhs_parse.diff` reports them: sub-goals
  progressed, regressed or changed, actions whose own status did, sub-goals new and removed,
  statements and actions new, removed, reworded and moved;
- the highlights of each year;
- per actor, its actions and statements per year (a `<details>` per actor);
- what the parser noted about each deck (its warnings).

Every statement, highlight and matrix cell links to its source deck and page ("s. 5"; a PPTX
slide: "dia 5"). The file holds its own CSS and SVG: no network, no script; `lang="fi"`, and print
CSS for A4 landscape with a page break before each section. Everything taken from a deck or a plan
file is escaped (`html.escape`), colours are used only when they are "#RRGGBB", and links are
relative file paths (never a scheme taken from the data).

(Not `lnhs_parse/report.py`: importing such a module would replace the function
`lnhs_parse.report` with the module, as `docs/diff.md` explains for `compare.py`.)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from html import escape
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote

from lnhs_parse.compare import DiffSettings, diff_plans
from lnhs_parse.errors import ConfigError
from lnhs_parse.labels import (
    ACTION_CHANGE_HEADINGS,
    ACTION_DIRECTION_HEADINGS,
    ACTION_FIELD_LABELS,
    ACTIONS_COUNT,
    CHANGE_COUNTS,
    CHANGE_HEADINGS,
    CHANGES,
    COLUMNS,
    DIRECTION_HEADINGS,
    DIRECTION_LABELS,
    DIRECTIONS,
    NO_ACTOR,
    NO_ICONS,
    PROGRESS_COUNT,
    STATUS_PER_ACTION,
    SUB_GOALS_ADDED_HEADING,
    SUB_GOALS_REMOVED_HEADING,
    StatusScale,
    action_column,
    column_header,
    is_colour,
    status_title,
)
from lnhs_parse.model import (
    Action,
    ActionChange,
    Direction,
    Plan,
    PlanDiff,
    Statement,
    SubGoal,
)
from lnhs_parse.rows import (
    ActionTimelineRow,
    TimelineRow,
    action_actors,
    followed,
    indicator_texts,
    responsible_names,
)
from lnhs_parse.timeline_report import check_years
from lnhs_parse.utils.numerals import to_roman
from lnhs_parse.version import __version__

_ARROWS: dict[Direction, str] = {"progressed": "▲", "regressed": "▼", "changed": "◆",
                                 "unchanged": "="}

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1280px; padding: 24px 32px; line-height: 1.4;
       font-size: 14px; background: #fff; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; }
header .region { font-size: 15px; color: var(--muted); text-transform: uppercase;
                 letter-spacing: .06em; }
h1 { font-size: 26px; margin: 2px 0 4px; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
h4 { font-size: 14px; margin: 10px 0 4px; }
.years { font-size: 18px; font-weight: 600; }
.meta, .note { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--band); }
tr.goal th { background: #eaeef2; font-size: 14px; }
th.sub { font-weight: normal; width: 34%; }
tr.action th.sub { padding-left: 26px; font-size: 13px; color: var(--ink); }
tr.action td { font-size: 13px; }
.fields { color: var(--muted); font-size: 12px; }
.num { color: var(--muted); white-space: nowrap; }
.status { white-space: nowrap; display: inline-block; margin-right: 4px; }
.icon { vertical-align: -2px; margin-right: 3px; print-color-adjust: exact;
        -webkit-print-color-adjust: exact; }
.absent { color: var(--muted); font-style: italic; }
.dir { font-size: 12px; display: inline-block; margin-left: 4px; color: var(--muted); }
.dir-progressed { color: #1a7f37; } .dir-regressed { color: #cf222e; }
.dir-changed { color: #9a6700; }
a.src { font-size: 12px; color: #0969da; white-space: nowrap; margin-left: 4px; }
.who { font-weight: 600; }
.where { color: var(--muted); font-size: 12px; }
ul { margin: 4px 0 8px; padding-left: 20px; } li { margin: 2px 0; }
.was { color: var(--muted); text-decoration: line-through; }
.counts { margin: 4px 0 8px; }
.legend .status { margin-right: 18px; }
details { border: 1px solid var(--line); border-radius: 4px; padding: 4px 10px; margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
footer { margin-top: 32px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  details { border: none; padding: 0; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; }
  a.src { color: var(--ink); text-decoration: none; }
}
"""


def check_together(plans: Sequence[Plan], names: Sequence[str] | None = None) -> None:
    """Plans of different regions, or two plans of one year, are a `ConfigError` naming them (by
    `names`, else by their sources): `--force` (`force=True`) reports them together all the same."""
    labels = list(names) if names is not None else [p.source.path for p in plans]
    regions: dict[str, str] = {}
    for plan, name in zip(plans, labels, strict=True):
        if plan.region is not None:
            regions.setdefault(plan.region, name)
    if len(regions) > 1:
        shown = ", ".join(f"{region} ({name})" for region, name in regions.items())
        raise ConfigError(
            f"usage: the plans are of different regions: {shown}; give --force to report them "
            "together"
        )
    check_years(plans, labels, hint="; give --force to report them together")


def report_html(
    plans: Sequence[Plan],
    *,
    force: bool = False,
    settings: DiffSettings | None = None,
    link_base: str | Path | None = None,
    names: Sequence[str] | None = None,
    diffs: Sequence[PlanDiff] | None = None,
) -> str:
    """The report of `plans` (any order; shown oldest first) as one HTML document.

    Plans of different regions or two of one year raise `ConfigError` unless `force`. Source links
    are relative to `link_base` (the folder the report will be saved in; None: the paths as the
    plans give them). `names` label the plans in error messages (default: their source paths).
    `diffs`: the diffs of consecutive plans in the report's order (oldest first), when already at
    hand (default: `diff_plans` with `settings`); a `ValueError` when they are not one per pair.
    """
    if not plans:
        raise ConfigError("usage: the report needs at least one plan")
    if not force:
        check_together(plans, names)
    order = sorted(range(len(plans)), key=lambda i: plans[i].year)  # stable: ties keep their order
    ordered = [plans[i] for i in order]
    if diffs is not None and len(diffs) != len(ordered) - 1:
        raise ValueError(f"{len(diffs)} diffs for {len(ordered)} plans; one per consecutive pair")
    return _Report(ordered, settings or DiffSettings(), link_base, diffs).render()


class _Report:
    def __init__(self, plans: list[Plan], settings: DiffSettings,
                 link_base: str | Path | None, diffs: Sequence[PlanDiff] | None = None) -> None:
        self.plans = plans
        self.settings = settings
        self.base = Path(link_base).resolve() if link_base is not None else None
        years = Counter(p.year for p in plans)
        # a column's heading: the year, and the file's name when one year comes twice (--force)
        self.headings = [
            str(p.year) if years[p.year] == 1 else f"{p.year} ({Path(p.source.path).name})"
            for p in plans
        ]
        self.scales = [StatusScale.of(p) for p in plans]
        self.diffs = (list(diffs) if diffs is not None
                      else [diff_plans(a, b, settings) for a, b in pairwise(plans)])
        self.rows, self.actions = followed(plans, self.diffs)
        newest = plans[-1]
        self.numerals = {g.number: g.numeral for p in plans for g in p.goals}
        self.actor_names = {a.id: a.name for p in plans for a in p.actors}
        self.title = newest.title
        self.regions = list(dict.fromkeys(p.region for p in plans if p.region))

    # --- pieces ---------------------------------------------------------------------------------

    def href(self, index: int, page: int | None) -> str:
        """A link to plan `index`'s source file (at `page` for a PDF), relative to the report."""
        source = self.plans[index].source
        path = Path(source.path)
        if self.base is not None:
            try:
                path = Path(os.path.relpath(path.resolve(), self.base))
            except ValueError:  # another drive (Windows): the absolute path
                path = path.resolve()
        target = quote(path.as_posix(), safe="/._-~")
        if path.is_absolute():
            target = "file://" + target
        elif ":" in target.split("/")[0]:  # a first segment that would read as a URL scheme
            target = "./" + target
        if page is not None and source.format == "pdf":
            target += f"#page={page}"
        return escape(target, quote=True)

    def source_link(self, index: int, page: int | None) -> str:
        if page is None:
            return ""
        source = self.plans[index].source
        word = "dia" if source.format == "pptx" else "s."
        where = "dia" if source.format == "pptx" else "sivu"
        tip = f"{Path(source.path).name}, {where} {page}"
        return (f' <a class="src" href="{self.href(index, page)}" title="{escape(tip)}">'
                f"{word}&nbsp;{page}</a>")

    def icons(self, index: int, statuses: Sequence[str]) -> str:
        """Each status as an icon in plan `index`'s scale colour, the deck's word beside it."""
        if not statuses:
            return f'<span class="status">{NO_ICONS}</span>'
        scale = self.scales[index]
        return " ".join(
            f'<span class="status">{_icon(scale.colour(s))}{escape(scale.label(s))}</span>'
            for s in statuses
        )

    def sub_label(self, goal: int, sub_goal: int | None) -> str:
        numeral = self.numerals.get(goal) or to_roman(goal)
        return numeral if sub_goal is None else f"{numeral}.{sub_goal}"

    def column_label(self, index: int, key: str) -> str:
        """A column's label in plan `index` (its header as printed, Kymenlaakso's two columns by
        their usual words)."""
        return column_header(self.plans[index].columns, key)

    def action_label(self, index: int) -> str:
        return action_column(self.plans[index].columns)[1]

    def statement(self, index: int, st: Statement) -> str:
        names = [self.actor_names.get(a, a) for a in st.actors]
        who = (f'<span class="who">{escape(", ".join(names))}</span>: '
               if names and st.attribution != "suffix" else "")
        return f"{who}{escape(st.text)}{self.source_link(index, st.page)}"

    def action(self, index: int, action: Action, *, status: bool = True,
               link: bool = True) -> str:
        """An action: its number, own actors and text, then its responsible actors, schedule and
        indicators, its own status (`status`) and its source link (`link`)."""
        names = [self.actor_names.get(a, a) for a in action.actors]
        who = (f'<span class="who">{escape(", ".join(names))}</span>: '
               if names and action.attribution != "suffix" else "")
        number = f'<span class="num">{escape(action.number)}</span> ' if action.number else ""
        fields = [
            (ACTION_FIELD_LABELS["responsible"], responsible_names(action, self.actor_names)),
            (ACTION_FIELD_LABELS["schedule"], action.schedule),
            (ACTION_FIELD_LABELS["indicators"], indicator_texts(action)),
        ]
        shown = "; ".join(f"{k}: {' '.join(v.split())}" for k, v in fields if v)
        extra = f' <span class="fields">({escape(shown)})</span>' if shown else ""
        state = f" {self.icons(index, action.statuses)}" if status and action.statuses else ""
        source = self.source_link(index, action.page) if link else ""
        return f"{number}{who}{escape(action.text)}{extra}{state}{source}"

    # --- sections -------------------------------------------------------------------------------

    def header(self) -> str:
        years = [p.year for p in self.plans]
        span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
        region = " / ".join(self.regions)
        period = self.plans[-1].focus_period
        sources = " · ".join(
            f'<a href="{self.href(i, None)}">{escape(h)}: {escape(Path(p.source.path).name)}</a>'
            for i, (p, h) in enumerate(zip(self.plans, self.headings, strict=True))
        )
        scale = self.scales[-1]
        legend = " ".join(
            f'<span class="status">{_icon(scale.colour(code))}<strong>'
            f"{escape(scale.label(code))}</strong>{_description(scale, code)}</span>"
            for code in scale.order(_codes(self.plans[-1]))
        )
        return (
            "<header>"
            + (f'<div class="region">{escape(region)}</div>' if region else "")
            + f"<h1>{escape(self.title)}</h1>"
            + f'<div class="years">Arviointi {escape(span)}</div>'
            + (f'<div class="meta">Painopistekausi {escape(period)}</div>' if period else "")
            + f'<div class="meta">Lähteet: {sources}</div>'
            + (f'<p class="legend">{legend}</p>' if legend else "")
            + "</header>"
        )

    def matrix(self) -> str:
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.headings)
        body: list[str] = []
        goal_titles = {g.number: g.title for p in self.plans for g in p.goals}
        goals = sorted({r.goal for r in self.rows} | {a.goal for a in self.actions})
        for goal in goals:
            title = goal_titles.get(goal, "")
            body.append(
                f'<tr class="goal"><th colspan="{len(self.plans) + 1}" scope="rowgroup">'
                f"Päätavoite {escape(self.numerals.get(goal) or to_roman(goal))}: "
                f"{escape(title)}</th></tr>"
            )
            body += [f'<tr class="action">{self.action_row(a)}</tr>' for a in self.actions
                     if a.goal == goal and a.parent is None]
            for row in (r for r in self.rows if r.goal == goal):
                body.append("<tr>" + self.matrix_row(row) + "</tr>")
                body += [f'<tr class="action">{self.action_row(a)}</tr>' for a in row.actions]
        return (
            f'<section class="matrix" id="tilanne"><h2>{status_title(bool(self.actions))}</h2>'
            f'<table class="matrix"><thead><tr><th scope="col">Välitavoite</th>{head}</tr>'
            f"</thead><tbody>{''.join(body)}</tbody></table></section>"
        )

    def _direction(self, way: Direction | None) -> str:
        if way is None or way == "unchanged":
            return ""
        return (f' <span class="dir dir-{way}">{_ARROWS[way]} '
                f"{escape(DIRECTION_LABELS[way])}</span>")

    def matrix_row(self, row: TimelineRow) -> str:
        cells = [
            f'<th class="sub" scope="row"><span class="num">'
            f"{escape(self.sub_label(row.goal, row.sub_goal))}</span> {escape(row.title)}</th>"
        ]
        for index in range(len(self.plans)):
            sub: SubGoal | None = row.sub_goals.get(index)
            if sub is None:
                cells.append('<td class="absent">ei tämän vuoden suunnitelmassa</td>')
                continue
            way: Direction | None = None
            if index and index - 1 in row.sub_goals:
                way = next((c.direction for c in self.diffs[index - 1].status_changes
                            if (c.goal, c.sub_goal) == (row.goal, sub.number)), None)
            renumbered = ""
            if row.numbers[index] != row.sub_goal:
                renumbered = (f'<span class="where">(tällöin '
                              f"{escape(self.sub_label(row.goal, row.numbers[index]))})</span> ")
            if not sub.statuses and any(a.statuses for a in sub.actions):
                status = f'<span class="where">{STATUS_PER_ACTION}</span>'
            else:
                status = self.icons(index, sub.statuses)
            page = sub.pages[0] if sub.pages else None
            cells.append(f"<td>{renumbered}{status}{self._direction(way)}"
                         f"{self.source_link(index, page)}</td>")
        return "".join(cells)

    def action_row(self, row: ActionTimelineRow) -> str:
        number = f" {row.number}" if row.number else ""
        cells = [f'<th class="sub" scope="row"><span class="num">↳{escape(number)}</span> '
                 f"{escape(row.text)}</th>"]
        for index in range(len(self.plans)):
            action = row.actions.get(index)
            if action is None:
                cells.append('<td class="absent">ei tämän vuoden suunnitelmassa</td>')
                continue
            way: Direction | None = None
            if index and index - 1 in row.actions:
                way = next((c.direction for c in self.diffs[index - 1].actions
                            if c.after is not None and c.after == action), None)
            cells.append(f"<td>{self.icons(index, action.statuses)}{self._direction(way)}"
                         f"{self.source_link(index, action.page)}</td>")
        return "".join(cells)

    def changes(self, pair: int) -> str:
        diff = self.diffs[pair]
        old, new = pair, pair + 1
        heading = f"{self.headings[old]} → {self.headings[new]}"
        directions = Counter(c.direction for c in diff.status_changes)
        kinds = Counter(c.change for c in diff.statements)
        counts = (
            "Välitavoitteet: "
            + ", ".join(f"{DIRECTION_HEADINGS[d].lower()} {directions[d]}" for d in DIRECTIONS)
            + f"; uusia {len(diff.added_sub_goals)}, poistuneita {len(diff.removed_sub_goals)}. "
            + "Kirjaukset: " + ", ".join(f"{CHANGE_COUNTS[k]} {kinds[k]}" for k in CHANGES)
            + f", ennallaan {kinds['unchanged']}."
        )
        if diff.actions:
            acts = Counter(a.change for a in diff.actions)
            ways = Counter(a.direction for a in diff.actions if a.direction is not None)
            counts += (
                f" {ACTIONS_COUNT}: " + ", ".join(f"{CHANGE_COUNTS[k]} {acts[k]}" for k in CHANGES)
                + f", ennallaan {acts['unchanged']}; {PROGRESS_COUNT}: "
                + ", ".join(f"{DIRECTION_HEADINGS[d].lower()} {ways[d]}" for d in DIRECTIONS)
                + "."
            )
        parts = [f'<section class="changes"><h2>Muutokset {escape(heading)}</h2>',
                 f'<p class="counts">{escape(counts)}</p>']
        parts += self.status_changes(diff, old, new)
        parts += self.action_status_changes(diff, old, new)
        for title, refs, index in ((SUB_GOALS_ADDED_HEADING, diff.added_sub_goals, new),
                                   (SUB_GOALS_REMOVED_HEADING, diff.removed_sub_goals, old)):
            if refs:
                pages = _sub_goal_pages(self.plans[index])
                items = "".join(
                    f'<li><span class="num">{escape(self.sub_label(r.goal, r.sub_goal))}</span>'
                    f" {escape(r.title)}"
                    f"{self.source_link(index, pages.get((r.goal, r.sub_goal)))}</li>"
                    for r in refs
                )
                parts.append(f"<h3>{escape(title)}</h3><ul>{items}</ul>")
        parts += self.statement_changes(diff, old, new)
        parts += self.action_changes(diff, old, new)
        if not any(c.direction != "unchanged" for c in diff.status_changes) and not (
            diff.added_sub_goals or diff.removed_sub_goals
            or any(c.change != "unchanged" for c in diff.statements)
            or any(_action_changed(a) for a in diff.actions)
        ):
            parts.append("<p>Ei muutoksia.</p>")
        parts.append("</section>")
        return "".join(parts)

    def status_changes(self, diff: PlanDiff, old: int, new: int) -> list[str]:
        parts: list[str] = []
        pages = _sub_goal_pages(self.plans[new])
        old_pages = _sub_goal_pages(self.plans[old])
        for direction in (d for d in DIRECTIONS if d != "unchanged"):
            moves = [c for c in diff.status_changes if c.direction == direction]
            if not moves:
                continue
            rows = "".join(
                f'<tr><th class="sub" scope="row"><span class="num">'
                f"{escape(self.sub_label(c.goal, c.sub_goal))}</span> {escape(c.title)}"
                + (f' <span class="where">(ennen {escape(self.sub_label(c.goal, c.base_sub_goal))})'
                   "</span>" if c.base_sub_goal is not None else "")
                + f"</th><td>{self.icons(old, c.before)}"
                f"{self.source_link(old, old_pages.get((c.goal, c.base_sub_goal or c.sub_goal)))}"
                f"</td><td>{self.icons(new, c.after)}"
                f"{self.source_link(new, pages.get((c.goal, c.sub_goal)))}</td></tr>"
                for c in moves
            )
            parts.append(
                f'<h3><span class="dir dir-{direction}">{_ARROWS[direction]}</span> '
                f"{escape(DIRECTION_HEADINGS[direction])} ({len(moves)})</h3>"
                f'<table><thead><tr><th scope="col">Välitavoite</th>'
                f'<th scope="col">{escape(self.headings[old])}</th>'
                f'<th scope="col">{escape(self.headings[new])}</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
        return parts

    def action_status_changes(self, diff: PlanDiff, old: int, new: int) -> list[str]:
        """The actions found in both years whose own status progressed, regressed or changed."""
        parts: list[str] = []
        for direction in (d for d in DIRECTIONS if d != "unchanged"):
            moves = [(c, c.before, c.after) for c in diff.actions if c.direction == direction]
            rows = "".join(
                f'<tr><th class="sub" scope="row"><span class="where">'
                f"{escape(self.sub_label(c.goal, c.sub_goal))}</span> "
                f"{self.action(new, after, status=False, link=False)}</th>"
                f"<td>{self.icons(old, before.statuses)}{self.source_link(old, before.page)}</td>"
                f"<td>{self.icons(new, after.statuses)}{self.source_link(new, after.page)}</td>"
                "</tr>"
                for c, before, after in moves if before is not None and after is not None
            )
            if not rows:
                continue
            parts.append(
                f'<h3><span class="dir dir-{direction}">{_ARROWS[direction]}</span> '
                f"{escape(ACTION_DIRECTION_HEADINGS[direction])} ({rows.count('<tr>')})</h3>"
                f'<table><thead><tr><th scope="col">{escape(self.action_label(new))}</th>'
                f'<th scope="col">{escape(self.headings[old])}</th>'
                f'<th scope="col">{escape(self.headings[new])}</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
        return parts

    def statement_changes(self, diff: PlanDiff, old: int, new: int) -> list[str]:
        parts: list[str] = []
        for kind in CHANGES:
            changes = [c for c in diff.statements if c.change == kind]
            if not changes:
                continue
            items = []
            for c in changes:
                where = f"{self.sub_label(c.goal, c.sub_goal)} · {self.column_label(new, c.column)}"
                if c.moved_from is not None:
                    src = c.moved_from
                    where = (f"{self.sub_label(src.goal, src.sub_goal)} · "
                             f"{self.column_label(old, src.column)} → {where}")
                if kind == "removed" and c.before is not None:
                    text = self.statement(old, c.before)
                elif kind == "modified" and c.before is not None and c.after is not None:
                    text = (f'<span class="was">{self.statement(old, c.before)}</span> → '
                            f"{self.statement(new, c.after)}")
                elif c.after is not None:
                    text = self.statement(new, c.after)
                else:  # pragma: no cover - the diff gives every kind its side
                    continue
                items.append(f'<li><span class="where">{escape(where)}</span><br>{text}</li>')
            parts.append(f"<h3>{escape(CHANGE_HEADINGS[kind])} ({len(items)})</h3>"
                         f"<ul>{''.join(items)}</ul>")
        return parts

    def action_changes(self, diff: PlanDiff, old: int, new: int) -> list[str]:
        """The actions new, removed, reworded and moved, each with its place."""
        parts: list[str] = []
        for kind in CHANGES:
            items = []
            for c in (c for c in diff.actions if c.change == kind):
                where = f"{self.sub_label(c.goal, c.sub_goal)} · {self.action_label(new)}"
                if c.moved_from is not None:
                    src = c.moved_from
                    where = f"{self.sub_label(src.goal, src.sub_goal)} → {where}"
                if kind == "removed" and c.before is not None:
                    text = self.action(old, c.before)
                elif kind == "modified" and c.before is not None and c.after is not None:
                    text = (f'<span class="was">{self.action(old, c.before)}</span> → '
                            f"{self.action(new, c.after)}")
                elif c.after is not None:
                    text = self.action(new, c.after)
                else:  # pragma: no cover - the diff gives every kind its side
                    continue
                items.append(f'<li><span class="where">{escape(where)}</span><br>{text}</li>')
            if items:
                parts.append(f"<h3>{escape(ACTION_CHANGE_HEADINGS[kind])} ({len(items)})</h3>"
                             f"<ul>{''.join(items)}</ul>")
        return parts

    def highlights(self) -> str:
        parts = ['<section class="highlights" id="nostot"><h2>Nostot</h2>']
        for index, plan in enumerate(self.plans):
            parts.append(f"<h3>{escape(self.headings[index])}</h3>")
            if not plan.highlights:
                parts.append('<p class="absent">Ei nostoja.</p>')
                continue
            items = "".join(f"<li>{escape(h.text)}{self.source_link(index, h.page)}</li>"
                            for h in plan.highlights)
            parts.append(f"<ul>{items}</ul>")
        parts.append("</section>")
        return "".join(parts)

    def _actor_items(self, index: int) -> list[tuple[list[str], str]]:
        """(actor ids, list item) of plan `index`'s actions and statements, in plan order: per
        main goal its own actions, then per sub-goal its actions (who does them: their own and
        their responsible actors) and the statements of its columns."""
        plan = self.plans[index]
        items: list[tuple[list[str], str]] = []

        def place(goal: int, sub_goal: int | None, label: str) -> str:
            return (f'<span class="where">{escape(self.sub_label(goal, sub_goal))} · '
                    f"{escape(label)}</span> ")

        def actions(goal: int, sub_goal: int | None, listed: Sequence[Action]) -> None:
            for action in listed:
                where = place(goal, sub_goal, self.action_label(index))
                items.append((action_actors(action),
                              f"<li>{where}{self.action(index, action)}</li>"))
                for cell in action.other_columns:
                    label = " ".join(cell.header.split()) or self.column_label(index, cell.column)
                    statements(goal, sub_goal, label, cell.statements)

        def statements(goal: int, sub_goal: int | None, label: str,
                       listed: Sequence[Statement]) -> None:
            for st in listed:
                where = place(goal, sub_goal, label)
                items.append((list(st.actors), f"<li>{where}{escape(st.text)}"
                                               f"{self.source_link(index, st.page)}</li>"))

        for goal in plan.goals:
            actions(goal.number, None, goal.actions)
            for sub in goal.sub_goals:
                actions(goal.number, sub.number, sub.actions)
                for column in COLUMNS:
                    statements(goal.number, sub.number, self.column_label(index, column),
                               getattr(sub, column))
                for cell in sub.other_columns:
                    label = " ".join(cell.header.split()) or self.column_label(index, cell.column)
                    statements(goal.number, sub.number, label, cell.statements)
        return items

    def actors(self) -> str:
        by_actor: dict[str | None, list[list[str]]] = {}
        for index in range(len(self.plans)):
            for actors, item in self._actor_items(index):
                named: list[str | None] = list(actors)
                for actor in named or [None]:
                    years = by_actor.setdefault(actor, [[] for _ in self.plans])
                    years[index].append(item)
        order = sorted(
            by_actor,
            key=lambda a: (a is None, -sum(map(len, by_actor[a])),
                           self.actor_names.get(a, a) if a else ""),
        )
        parts = ['<section class="actors" id="toimijat"><h2>Toimijat</h2>',
                 '<p class="note">Kunkin toimijan toimenpiteet ja kirjaukset vuosittain.</p>']
        for actor in order:
            years = by_actor[actor]
            name = NO_ACTOR if actor is None else self.actor_names.get(actor, actor)
            counts = ", ".join(f"{self.headings[i]}: {len(items)}" for i, items in enumerate(years))
            body = "".join(
                f"<h4>{escape(self.headings[i])}</h4><ul>{''.join(items)}</ul>"
                for i, items in enumerate(years) if items
            )
            parts.append(f"<details><summary>{escape(name)} <span class=\"where\">"
                         f"({escape(counts)})</span></summary>{body}</details>")
        parts.append("</section>")
        return "".join(parts)

    def notes(self) -> str:
        if not any(p.warnings for p in self.plans):
            return ""
        parts = ['<section class="notes" id="huomautukset"><h2>Jäsennyksen huomautukset</h2>',
                 '<p class="note">Mitä jäsennin huomasi lähdetiedostoissa (koodit: '
                 "docs/warnings.md).</p>"]
        for index, plan in enumerate(self.plans):
            if plan.warnings:
                items = "".join(
                    f"<li><code>{escape(w.code)}</code> {escape(w.message)}"
                    f"{self.source_link(index, w.page)}</li>"
                    for w in plan.warnings
                )
                parts.append(f"<h3>{escape(self.headings[index])}</h3><ul>{items}</ul>")
        parts.append("</section>")
        return "".join(parts)

    def render(self) -> str:
        years = [p.year for p in self.plans]
        span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
        body = [self.header(), self.matrix()]
        body += [self.changes(i) for i in range(len(self.diffs))]
        body += [self.highlights(), self.actors(), self.notes()]
        sums = " · ".join(f"{escape(Path(p.source.path).name)} {p.source.sha256[:12]}"
                          for p in self.plans)
        return (
            '<!DOCTYPE html>\n<html lang="fi">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="lnhs_parse {escape(__version__)}">\n'
            f"<title>{escape(self.title)} – arviointi {escape(span)}</title>\n"
            f"<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(part for part in body if part)
            + f'\n<footer class="meta">Koottu lähteistä ({sums}) ohjelmalla lnhs_parse '
            f"{escape(__version__)}.</footer>\n</body>\n</html>\n"
        )


def _icon(colour: str) -> str:
    """A status icon: a circle in `colour` ("#RRGGBB"; anything else is drawn grey)."""
    fill = colour if is_colour(colour) else "#9E9E9E"
    return ('<svg class="icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
            f'<circle cx="6" cy="6" r="5" fill="{fill}" stroke="#444" stroke-width="0.7"/></svg>')


def _codes(plan: Plan) -> list[str]:
    """Every status code the plan's sub-goals and actions carry, as met."""
    codes: list[str] = []
    for goal in plan.goals:
        codes += [s for a in goal.actions for s in a.statuses]
        for sub in goal.sub_goals:
            codes += sub.statuses
            codes += [s for a in sub.actions for s in a.statuses]
    return list(dict.fromkeys(codes))


def _description(scale: StatusScale, code: str) -> str:
    text = scale.description(code)
    return f" – {escape(text)}" if text else ""


def _action_changed(change: ActionChange) -> bool:
    return change.change != "unchanged" or change.direction not in (None, "unchanged")


def _sub_goal_pages(plan: Plan) -> dict[tuple[int, int], int]:
    """(goal, sub-goal) → the first page the sub-goal is on."""
    return {(g.number, s.number): s.pages[0] for g in plan.goals for s in g.sub_goals if s.pages}


__all__ = ["check_together", "report_html"]
