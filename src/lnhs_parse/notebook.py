"""Notebook conveniences: data frames, HTML tables, plots and a timeline of statuses.

pandas and matplotlib are imported inside the functions that need them (the `notebook` extra:
``pip install lnhs-parse[notebook]``), so parsing never imports them. `Plan.to_frame()`,
`Plan._repr_html_()`, `PlanDiff.to_frame()`, `PlanDiff.plot()`, `PlanDiff._repr_html_()` and
`lnhs_parse.timeline()` call into this module.

The HTML needs neither pandas nor matplotlib. Statuses are shown in the plan's (or the diff's) own
scale (`lnhs_parse.labels.StatusScale`): the deck's word for each code and the deck's colour for
it (the scale step's, else the legend's, else the usual `STATUS_COLOURS`, else a neutral grey),
listed in the scale's order. The frames' rows are built by `lnhs_parse.rows` (as the CSV's and the
timeline command's), the words are `lnhs_parse.labels`'s.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from lnhs_parse.labels import (
    CHANGE_LABELS,
    CHANGES,
    COLUMN_LABELS,
    COLUMNS,
    DIRECTION_LABELS,
    DIRECTIONS,
    NO_ICONS,
    ROLE_LABELS,
    STATUS_COLOURS,
    SUB_GOAL_ADDED,
    SUB_GOAL_REMOVED,
    StatusScale,
    action_column,
    column_header,
    status_colours,
)
from lnhs_parse.model import Action, LegendEntry, Plan, PlanDiff, ScaleStep, Statement, Status
from lnhs_parse.rows import (
    DIFF_FRAME_COLUMNS,
    PLAN_FRAME_COLUMNS,
    STATUS_FRAME_COLUMNS,
    build_timeline,
    diff_rows,
    plan_frame_rows,
    status_change_rows,
    status_moves,
)
from lnhs_parse.utils.numerals import to_roman

if TYPE_CHECKING:  # pragma: no cover
    import pandas

_EXTRA_HINT = "pip install lnhs-parse[notebook]"


def _require(module: str) -> Any:
    """Import an optional dependency, or fail with the install hint."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise ImportError(
            f"{top} is needed for lnhs_parse's notebook helpers; install the extra: {_EXTRA_HINT}"
        ) from exc


# --- frames -----------------------------------------------------------------------------------


def plan_frame(plan: Plan) -> pandas.DataFrame:
    """One row per statement and per action of `plan` (the CSV's rows, under these names).

    Columns: year, goal, goal_title, sub_goal (Int64; missing for an action listed under the goal
    itself), sub_goal_title, statuses (codes, comma-joined: an action's own, else its sub-goal's),
    status_labels (the deck's words, comma-joined), column (focus_areas | joint_highlights | the
    action column's key, "action" | another column's key), actors (ids, comma-joined: a
    statement's, or an action's own and responsible actors), attribution, text, page (Int64);
    then column_label (the column's label or header as printed), responsible (the responsible
    actors' names, "; "-joined), schedule, indicators (as printed, "; "-joined), status_text,
    action_number, status_of ("action" or "sub_goal": whose status `statuses` is, on an action's
    rows); those last six are missing on a statement's row.
    """
    pd = _require("pandas")
    frame: pandas.DataFrame = pd.DataFrame(plan_frame_rows(plan), columns=PLAN_FRAME_COLUMNS)
    return frame.astype({"sub_goal": "Int64", "page": "Int64"})


def diff_frame(diff: PlanDiff) -> pandas.DataFrame:
    """One row per statement change, then one per action change of `diff` (unchanged ones
    included; filter on `change`).

    Columns: goal, sub_goal (Int64), column ("action" for an action), change, similarity,
    actors_before, actors_after, text_before, text_after, page_before, page_after,
    moved_from_goal, moved_from_sub_goal, moved_from_column, status_before, status_after (an
    action's own statuses in the diff scale's words, comma-joined), direction (which way the
    action's status went; missing when it has no status of its own, and on a statement's row).
    """
    pd = _require("pandas")
    frame: pandas.DataFrame = pd.DataFrame(diff_rows(diff), columns=DIFF_FRAME_COLUMNS)
    ints = ("sub_goal", "page_before", "page_after", "moved_from_goal", "moved_from_sub_goal")
    return frame.astype({name: "Int64" for name in ints})


def status_frame(diff: PlanDiff) -> pandas.DataFrame:
    """One row per matched sub-goal: goal, sub_goal, base_sub_goal, title, before, after
    (the diff scale's words, comma-joined), direction."""
    pd = _require("pandas")
    frame: pandas.DataFrame = pd.DataFrame(status_change_rows(diff), columns=STATUS_FRAME_COLUMNS)
    return frame


# --- HTML -------------------------------------------------------------------------------------

_STYLE = "border-collapse:collapse;font-size:90%"
_CELL = "border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top"


def _badges(statuses: Sequence[str], scale: StatusScale) -> str:
    """Dots in the scale's colours with the deck's word as tooltip and text."""
    if not statuses:
        return NO_ICONS
    parts = []
    for s in statuses:
        word = escape(scale.label(s))
        parts.append(f'<span title="{word}" style="color:{escape(scale.colour(s))}">&#9679;</span>'
                     f"&nbsp;{word}")
    return " ".join(parts)


def _tally(actions: Sequence[Action], scale: StatusScale) -> str:
    """The actions' own statuses counted, in the scale's order ("● Aloitettu ×2 ● Käytössä")."""
    codes = [s for a in actions for s in a.statuses]
    return " ".join(_badges([c], scale) + (f"&nbsp;×{codes.count(c)}" if codes.count(c) > 1 else "")
                    for c in scale.order(codes) if c in codes)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table; header cells are escaped here, row cells must already be HTML."""
    head = "".join(f'<th style="{_CELL}">{escape(h)}</th>' for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    return f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def plan_html(plan: Plan) -> str:
    """A compact HTML view of a plan: one table row per sub-goal with its statuses (in the scale's
    colours) and counts; a plan with actions gets their count, and a sub-goal whose actions carry
    the statuses shows theirs, counted."""
    scale = StatusScale.of(plan)
    has_actions = any(g.actions or any(sg.actions for sg in g.sub_goals) for g in plan.goals)
    rows = []
    for goal in plan.goals:
        if goal.actions:
            rows.append([escape(goal.numeral), "", _tally(goal.actions, scale), "", "",
                         str(len(goal.actions))])
        for sub in goal.sub_goals:
            status = (_tally(sub.actions, scale) if not sub.statuses
                      and any(a.statuses for a in sub.actions) else _badges(sub.statuses, scale))
            rows.append([
                escape(f"{goal.numeral}.{sub.number}"),
                escape(sub.title),
                status,
                str(len(sub.focus_areas)),
                str(len(sub.joint_highlights)),
                str(len(sub.actions)),
            ])
    header = ["", "Välitavoite", "Eteneminen", COLUMN_LABELS["focus_areas"],
              COLUMN_LABELS["joint_highlights"], action_column(plan.columns)[1]]
    # Kymenlaakso's two columns where the plan has them (or records no columns), actions likewise
    shown = [True, True, True, *(_has_column(plan, c) for c in COLUMNS), has_actions]
    header = [h for h, keep in zip(header, shown, strict=True) if keep]
    rows = [[cell for cell, keep in zip(row, shown, strict=True) if keep] for row in rows]
    title = escape(plan.title)
    meta = escape(f"{plan.region or ''} {plan.year} · {plan.source.path}".strip())
    warnings = f" · {len(plan.warnings)} varoitusta" if plan.warnings else ""
    return (
        f"<div><strong>{title}</strong><br><small>{meta}{escape(warnings)}</small>"
        + _table(header, rows)
        + "</div>"
    )


def _has_column(plan: Plan, column: str) -> bool:
    return (not plan.columns or any(c.key == column for c in plan.columns)
            or any(getattr(sg, column) for g in plan.goals for sg in g.sub_goals))


def _statement_html(st: Statement | None) -> str:
    if st is None:
        return ""
    who = f"<em>{escape(', '.join(st.actors))}</em>: " if st.actors else ""
    return who + escape(st.text)


def _action_html(action: Action | None) -> str:
    if action is None:
        return ""
    number = f"{escape(action.number)} " if action.number else ""
    who = f"<em>{escape(', '.join(action.actors))}</em>: " if action.actors else ""
    return number + who + escape(action.text)


def diff_html(diff: PlanDiff) -> str:
    """A compact HTML view of a diff: the counts, the status changes of sub-goals and of actions,
    and the statement and action changes (unchanged ones left out); statuses in the diff scale's
    words and colours."""
    numerals = {g.number: g.numeral for g in diff.goals}
    scale = StatusScale.of(diff)

    def where(goal: int, sub_goal: int | None) -> str:
        numeral = numerals.get(goal, str(goal))
        return escape(numeral if sub_goal is None else f"{numeral}.{sub_goal}")

    directions = [c.direction for c in diff.status_changes]
    kinds = [c.change for c in diff.statements]
    counts = ", ".join(f"{DIRECTION_LABELS[d].lower()} {directions.count(d)}" for d in DIRECTIONS)
    stmt_counts = ", ".join(f"{CHANGE_LABELS[k].lower()} {kinds.count(k)}" for k in CHANGES)
    status_rows = [
        [
            where(c.goal, c.sub_goal),
            escape(c.title),
            _badges(c.before, scale),
            _badges(c.after, scale),
            escape(DIRECTION_LABELS[c.direction]),
        ]
        for c in diff.status_changes
        if c.direction != "unchanged"
    ]
    action_status_rows = [
        [
            where(c.goal, c.sub_goal),
            _action_html(c.after),
            _badges(c.before.statuses, scale),
            _badges(c.after.statuses, scale),
            escape(DIRECTION_LABELS[c.direction]),
        ]
        for c in diff.actions
        if c.direction not in (None, "unchanged") and c.before is not None and c.after is not None
    ]
    sub_rows = [[where(r.goal, r.sub_goal), escape(r.title), SUB_GOAL_ADDED]
                for r in diff.added_sub_goals]
    sub_rows += [[where(r.goal, r.sub_goal), escape(r.title), SUB_GOAL_REMOVED]
                 for r in diff.removed_sub_goals]
    stmt_rows = []
    for c in diff.statements:
        if c.change == "unchanged":
            continue
        place = f"{where(c.goal, c.sub_goal)} {escape(column_header([], c.column))}"
        if c.moved_from is not None:
            src = c.moved_from
            place = (f"{where(src.goal, src.sub_goal)} {escape(column_header([], src.column))}"
                     f" → {place}")
        stmt_rows.append([
            place,
            escape(CHANGE_LABELS[c.change]),
            _statement_html(c.before),
            _statement_html(c.after),
            f"{c.similarity:.2f}",
        ])
    action_rows = []
    for a in diff.actions:
        if a.change == "unchanged":
            continue
        place = where(a.goal, a.sub_goal)
        if a.moved_from is not None:
            place = f"{where(a.moved_from.goal, a.moved_from.sub_goal)} → {place}"
        action_rows.append([place, escape(CHANGE_LABELS[a.change]), _action_html(a.before),
                            _action_html(a.after), f"{a.similarity:.2f}"])
    parts = [
        f"<div><strong>Muutokset {diff.base.year} → {diff.head.year}</strong><br>"
        f"<small>Välitavoitteet: {escape(counts)}. Kirjaukset: {escape(stmt_counts)}.</small>"
    ]
    action_label = ROLE_LABELS["action"]
    if status_rows:
        parts.append(_table(["", "Välitavoite", "Ennen", "Nyt", "Suunta"], status_rows))
    if action_status_rows:
        parts.append(_table(["", action_label, "Ennen", "Nyt", "Suunta"], action_status_rows))
    if sub_rows:
        parts.append(_table(["", "Välitavoite", "Muutos"], sub_rows))
    if stmt_rows:
        parts.append(_table(["Paikka", "Muutos", "Ennen", "Nyt", "Samankaltaisuus"], stmt_rows))
    if action_rows:
        parts.append(_table(["Paikka", "Muutos", f"{action_label}, ennen", f"{action_label}, nyt",
                             "Samankaltaisuus"], action_rows))
    parts.append("</div>")
    return "".join(parts)


# --- plots ------------------------------------------------------------------------------------


def _pyplot() -> Any:
    _require("matplotlib")
    return _require("matplotlib.pyplot")


def _legend(ax: Any, scale: StatusScale, codes: Sequence[str]) -> None:
    """The plot's legend: the scale's steps (and any other `codes` drawn), in the scale's order,
    each in its colour with the deck's word."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=scale.colour(code),
               markeredgecolor="#555555", label=scale.label(code))
        for code in scale.order(codes)
    ]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def _dots(
    ax: Any,
    x0: float,
    y: float,
    statuses: Sequence[str],
    scale: StatusScale,
    step: float = 0.22,
) -> None:
    for k, s in enumerate(statuses):
        ax.scatter([x0 + k * step], [y], s=110, color=scale.colour(s),
                   edgecolors="#555555", linewidths=0.6, zorder=3)


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


ACTION_MARK = "↳ "  # an action's row label, under its sub-goal's, in the plots and the frame


def plot_diff(diff: PlanDiff, ax: Any = None, *, changed_only: bool = False) -> Any:
    """Each matched sub-goal's statuses before (left) and after (right), each followed by its
    actions found in both years with a status of their own ("↳"), in the diff scale's colours,
    one row each. Returns the matplotlib Axes.

    `changed_only=True` leaves out the rows whose statuses did not change.
    """
    plt = _pyplot()
    rows = [m for m in status_moves(diff) if not (changed_only and m.direction == "unchanged")]
    numerals = {g.number: g.numeral for g in diff.goals}
    scale = StatusScale.of(diff)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.32 * max(len(rows), 3) + 1.2))
    for y, m in enumerate(rows):
        _dots(ax, 0.0, y, m.before, scale)
        _dots(ax, 1.2, y, m.after, scale)
        if m.direction != "unchanged":
            arrow = {"progressed": "#43A047", "regressed": "#E53935"}.get(m.direction, "#777777")
            ax.annotate("", xy=(1.1, y), xytext=(0.75, y),
                        arrowprops={"arrowstyle": "->", "color": arrow, "lw": 1.2})

    def label(m: Any) -> str:
        if m.action is not None:
            return f"  {ACTION_MARK}{_short(_action_name(m.action.number, m.title), 44)}"
        return f"{numerals.get(m.goal, m.goal)}.{m.sub_goal} {_short(m.title)}"

    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([label(m) for m in rows], fontsize=8)
    ax.set_xticks([0.22, 1.42])
    ax.set_xticklabels([str(diff.base.year), str(diff.head.year)])
    ax.set_xlim(-0.3, 1.95)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    ax.set_title(f"Toimenpiteiden eteneminen {diff.base.year} → {diff.head.year}")
    _legend(ax, scale, [s for m in rows for s in (*m.before, *m.after)])
    return ax


# --- timeline ---------------------------------------------------------------------------------


def _timeline_table(
    plans: Sequence[Plan], actions: bool
) -> tuple[list[Plan], list[tuple[Any, ...]], list[list[list[str] | None]]]:
    """(plans oldest first, one index tuple per row, each row's status codes per year (None
    where absent)): sub-goals, and with `actions` each followed by its actions with a status of
    their own (a goal's own actions first)."""
    if actions:
        timeline = build_timeline(plans)
    else:  # no diffs needed: the actions are not followed
        timeline = build_timeline(plans, diffs=[None] * max(len(plans) - 1, 0))
    years = [p.year for p in timeline.plans]
    keys: list[tuple[Any, ...]] = []
    cells: list[list[list[str] | None]] = []

    def add(key: tuple[Any, ...], statuses: dict[int, list[str]]) -> None:
        keys.append(key)
        cells.append([statuses.get(y) for y in years])

    goals = sorted({r.goal for r in timeline.sub_goals} | {a.goal for a in timeline.actions})
    for goal in goals:
        if actions:
            for a in timeline.goal_actions(goal):
                add((goal, None, "", _action_name(a.number, a.text)), a.statuses)
        for r in (r for r in timeline.sub_goals if r.goal == goal):
            add((r.goal, r.sub_goal, r.title, "") if actions else (r.goal, r.sub_goal, r.title),
                r.statuses)
            if actions:
                for a in r.actions:
                    add((r.goal, r.sub_goal, r.title, _action_name(a.number, a.text)),
                        a.statuses)
    return timeline.plans, keys, cells


def _action_name(number: str | None, text: str) -> str:
    return f"{number} {text}" if number else text


def timeline_frame(plans: Sequence[Plan], *, actions: bool = False) -> pandas.DataFrame:
    """Statuses per sub-goal per year: rows (goal, sub_goal, title), columns years, values the
    deck's words that year (several statuses joined with ", "; "" for a year without any);
    missing (NA) where the sub-goal is absent.

    A sub-goal is followed across years as the diff matches it, so a renumbered sub-goal stays on
    one row (under its latest number and title). With `actions`, each sub-goal row is followed by
    its actions that have a status of their own in some year, as the diff pairs them, and the
    index gains a fourth level, `action` (the action's latest number and text; "" on a sub-goal's
    row; an action listed under the goal itself has no sub_goal and title "").
    """
    pd = _require("pandas")
    ordered, keys, cells = _timeline_table(plans, actions)
    years = [p.year for p in ordered]
    scales = [StatusScale.of(p) for p in ordered]
    names = ["goal", "sub_goal", "title", *(["action"] if actions else [])]
    index = pd.MultiIndex.from_tuples(keys, names=names)
    data = [[scales[i].labels(st) if st is not None else None for i, st in enumerate(row)]
            for row in cells]
    frame: pandas.DataFrame = pd.DataFrame(data, index=index, columns=years)
    frame.columns.name = "year"
    return frame


def _codes_of(value: Any, words: dict[str, str]) -> list[str]:
    """A frame cell's words as codes (`words`: casefolded word -> code); a word no scale knows
    stands for itself (drawn in the neutral colour)."""
    if value is None or (isinstance(value, float) and value != value):  # None / NaN
        return []
    parts = [part.strip() for part in str(value).split(",") if part.strip()]
    return [words.get(part.casefold(), part) for part in parts]


def _row_label(key: Any, numerals: dict[int, str]) -> str:
    """A row's label: "I.2 Title" (the goal's numeral as the plans print it, else Roman), or an
    action's "↳ number text"."""
    if isinstance(key, tuple) and len(key) >= 4 and key[3]:
        return f"  {ACTION_MARK}{_short(str(key[3]), 44)}"
    if isinstance(key, tuple) and len(key) >= 3:
        numeral = (numerals.get(key[0]) or to_roman(key[0])) if isinstance(key[0], int) else key[0]
        return f"{numeral}.{key[1]} {_short(str(key[2]))}"
    return _short(str(key))


def plot_timeline(
    data: pandas.DataFrame | Sequence[Plan],
    ax: Any = None,
    *,
    legend: Sequence[LegendEntry] | None = None,
    scale: Sequence[ScaleStep] | None = None,
) -> Any:
    """Status icons per sub-goal (and action) and year, in the scale's colours.

    `data` is a `timeline_frame` (or `lnhs_parse.timeline(...)`) or a list of plans (then the
    actions with a status of their own are drawn under their sub-goals). The colours and words
    are those of `scale` and `legend` where given, else of the plans' scales, newest first
    (`StatusScale.combined`). A frame has no scale of its own: its words are read back through
    the steps of `scale` (their labels and `words`; give several years' steps together when their
    decks word a step differently), the legend, the packaged vocabulary, and drawn in
    `STATUS_COLOURS` or neutral grey where none knows them. Returns the matplotlib Axes.
    """
    _require("pandas")  # the install hint when it is missing
    plt = _pyplot()
    from pandas import DataFrame

    plans: list[Plan] = [] if isinstance(data, DataFrame) else list(data)
    by_year: list[Plan] = sorted(plans, key=lambda p: p.year)
    base = StatusScale.combined(by_year)
    view = StatusScale(tuple(scale) if scale is not None else base.steps,
                       tuple(legend) if legend is not None else base.legend)
    if isinstance(data, DataFrame):
        frame = data
        words = {s.label.casefold(): s.value for s in Status} | {s.value: s.value for s in Status}
        words |= {e.label.strip().casefold(): e.status for e in reversed(view.legend)}
        words |= {w.strip().casefold(): step.code for step in reversed(view.steps)
                  for w in (*step.words, step.label)}
        keys = list(frame.index)
        cells = [[_codes_of(row[year], words) for year in frame.columns]
                 for _, row in frame.iterrows()]
        columns = [str(c) for c in frame.columns]
    else:
        ordered, keys, raw = _timeline_table(plans, actions=True)
        cells = [[list(st or []) for st in row] for row in raw]
        columns = [str(p.year) for p in ordered]
    if ax is None:
        size = (2.2 + 1.3 * len(columns), 0.32 * max(len(keys), 3) + 1.2)
        _, ax = plt.subplots(figsize=size)
    for y, row in enumerate(cells):
        for x, statuses in enumerate(row):
            _dots(ax, x - 0.11 * (len(statuses) - 1), y, statuses, view)
    ax.set_yticks(range(len(keys)))
    numerals = {g.number: g.numeral for p in by_year for g in p.goals}  # the latest wording wins
    ax.set_yticklabels([_row_label(key, numerals) for key in keys], fontsize=8)
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(columns)
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(keys) - 0.5, -0.5)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    ax.set_title("Toimenpiteiden eteneminen vuosittain")
    _legend(ax, view, [s for row in cells for st in row for s in st])
    return ax


__all__ = [
    "DIFF_FRAME_COLUMNS",
    "PLAN_FRAME_COLUMNS",
    "STATUS_COLOURS",
    "diff_frame",
    "diff_html",
    "plan_frame",
    "plan_html",
    "plot_diff",
    "plot_timeline",
    "status_colours",
    "status_frame",
    "timeline_frame",
]
