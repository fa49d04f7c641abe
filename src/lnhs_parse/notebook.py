"""Notebook conveniences: data frames, HTML tables, plots and a timeline of statuses.

pandas and matplotlib are imported inside the functions that need them (the `notebook` extra:
``pip install lnhs-parse[notebook]``), so parsing never imports them. `Plan.to_frame()`,
`Plan._repr_html_()`, `PlanDiff.to_frame()`, `PlanDiff.plot()`, `PlanDiff._repr_html_()` and
`lnhs_parse.timeline()` call into this module.

The HTML needs neither pandas nor matplotlib. Statuses are drawn in the deck's own legend colours
(`status_colours(plan.status_legend)` / `status_colours(diff.status_legend)`), the usual
`STATUS_COLOURS` standing in for a status the legend gives no colour. The frames' rows are built by
`lnhs_parse.rows` (as the CSV's and the timeline command's), the words are `lnhs_parse.labels`'s.
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
    DIRECTION_LABELS,
    DIRECTIONS,
    NO_ICONS,
    STATUS_COLOURS,
    SUB_GOAL_ADDED,
    SUB_GOAL_REMOVED,
    status_colours,
    status_labels,
)
from lnhs_parse.model import LegendEntry, Plan, PlanDiff, Statement, Status
from lnhs_parse.rows import (
    DIFF_FRAME_COLUMNS,
    PLAN_FRAME_COLUMNS,
    STATUS_FRAME_COLUMNS,
    diff_rows,
    plan_frame_rows,
    status_change_rows,
    timeline_rows,
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
    """One row per statement of `plan`.

    Columns: year, goal, goal_title, sub_goal, sub_goal_title, statuses (codes, comma-joined),
    status_labels (Finnish labels, comma-joined), column (focus_areas | joint_highlights),
    actors (ids, comma-joined), attribution, text, page.
    """
    pd = _require("pandas")
    frame: pandas.DataFrame = pd.DataFrame(plan_frame_rows(plan), columns=PLAN_FRAME_COLUMNS)
    return frame


def diff_frame(diff: PlanDiff) -> pandas.DataFrame:
    """One row per statement change of `diff` (unchanged statements included; filter on `change`).

    Columns: goal, sub_goal, column, change, similarity, actors_before, actors_after, text_before,
    text_after, page_before, page_after, moved_from_goal, moved_from_sub_goal, moved_from_column.
    """
    pd = _require("pandas")
    frame: pandas.DataFrame = pd.DataFrame(diff_rows(diff), columns=DIFF_FRAME_COLUMNS)
    ints = ("page_before", "page_after", "moved_from_goal", "moved_from_sub_goal")
    return frame.astype({name: "Int64" for name in ints})


def status_frame(diff: PlanDiff) -> pandas.DataFrame:
    """One row per matched sub-goal: goal, sub_goal, base_sub_goal, title, before, after
    (Finnish labels, comma-joined), direction."""
    pd = _require("pandas")
    frame: pandas.DataFrame = pd.DataFrame(status_change_rows(diff), columns=STATUS_FRAME_COLUMNS)
    return frame


# --- HTML -------------------------------------------------------------------------------------

_STYLE = "border-collapse:collapse;font-size:90%"
_CELL = "border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top"


def _badges(statuses: Sequence[Status | str], colours: dict[Status, str]) -> str:
    """Dots in `colours` (status -> "#RRGGBB") with the Finnish label as tooltip and text."""
    if not statuses:
        return NO_ICONS
    parts = []
    for s in statuses:
        st = Status(s)
        parts.append(
            f'<span title="{escape(st.label)}" style="color:{escape(colours[st])}">&#9679;</span>'
            f"&nbsp;{escape(st.label)}"
        )
    return " ".join(parts)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table; header cells are escaped here, row cells must already be HTML."""
    head = "".join(f'<th style="{_CELL}">{escape(h)}</th>' for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    return f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def plan_html(plan: Plan) -> str:
    """A compact HTML view of a plan: one table row per sub-goal with its statuses (in the legend's
    colours) and counts."""
    colours = status_colours(plan.status_legend)
    rows = []
    for goal in plan.goals:
        for sub in goal.sub_goals:
            rows.append([
                escape(f"{goal.numeral}.{sub.number}"),
                escape(sub.title),
                _badges(sub.statuses, colours),
                str(len(sub.focus_areas)),
                str(len(sub.joint_highlights)),
            ])
    title = escape(plan.title)
    meta = escape(f"{plan.region or ''} {plan.year} · {plan.source.path}".strip())
    warnings = f" · {len(plan.warnings)} varoitusta" if plan.warnings else ""
    return (
        f"<div><strong>{title}</strong><br><small>{meta}{escape(warnings)}</small>"
        + _table(["", "Välitavoite", "Eteneminen", COLUMN_LABELS["focus_areas"],
                  COLUMN_LABELS["joint_highlights"]], rows)
        + "</div>"
    )


def _statement_html(st: Statement | None) -> str:
    if st is None:
        return ""
    who = f"<em>{escape(', '.join(st.actors))}</em>: " if st.actors else ""
    return who + escape(st.text)


def diff_html(diff: PlanDiff) -> str:
    """A compact HTML view of a diff: the counts, the status changes and the statement changes
    (unchanged ones left out); statuses in the legend's colours."""
    numerals = {g.number: g.numeral for g in diff.goals}
    colours = status_colours(diff.status_legend)

    def where(goal: int, sub_goal: int) -> str:
        return escape(f"{numerals.get(goal, goal)}.{sub_goal}")

    directions = [c.direction for c in diff.status_changes]
    kinds = [c.change for c in diff.statements]
    counts = ", ".join(f"{DIRECTION_LABELS[d].lower()} {directions.count(d)}" for d in DIRECTIONS)
    stmt_counts = ", ".join(f"{CHANGE_LABELS[k].lower()} {kinds.count(k)}" for k in CHANGES)
    status_rows = [
        [
            where(c.goal, c.sub_goal),
            escape(c.title),
            _badges(c.before, colours),
            _badges(c.after, colours),
            escape(DIRECTION_LABELS[c.direction]),
        ]
        for c in diff.status_changes
        if c.direction != "unchanged"
    ]
    sub_rows = [[where(r.goal, r.sub_goal), escape(r.title), SUB_GOAL_ADDED]
                for r in diff.added_sub_goals]
    sub_rows += [[where(r.goal, r.sub_goal), escape(r.title), SUB_GOAL_REMOVED]
                 for r in diff.removed_sub_goals]
    stmt_rows = []
    for c in diff.statements:
        if c.change == "unchanged":
            continue
        place = f"{where(c.goal, c.sub_goal)} {escape(COLUMN_LABELS[c.column])}"
        if c.moved_from is not None:
            src = c.moved_from
            place = f"{where(src.goal, src.sub_goal)} {escape(COLUMN_LABELS[src.column])} → {place}"
        stmt_rows.append([
            place,
            escape(CHANGE_LABELS[c.change]),
            _statement_html(c.before),
            _statement_html(c.after),
            f"{c.similarity:.2f}",
        ])
    parts = [
        f"<div><strong>Muutokset {diff.base.year} → {diff.head.year}</strong><br>"
        f"<small>Välitavoitteet: {escape(counts)}. Kirjaukset: {escape(stmt_counts)}.</small>"
    ]
    if status_rows:
        parts.append(_table(["", "Välitavoite", "Ennen", "Nyt", "Suunta"], status_rows))
    if sub_rows:
        parts.append(_table(["", "Välitavoite", "Muutos"], sub_rows))
    if stmt_rows:
        parts.append(_table(["Paikka", "Muutos", "Ennen", "Nyt", "Samankaltaisuus"], stmt_rows))
    parts.append("</div>")
    return "".join(parts)


# --- plots ------------------------------------------------------------------------------------


def _pyplot() -> Any:
    _require("matplotlib")
    return _require("matplotlib.pyplot")


def _legend(ax: Any, colours: dict[Status, str]) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=colours[status],
               markeredgecolor="#555555", label=status.label)
        for status in Status
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def _dots(
    ax: Any,
    x0: float,
    y: float,
    statuses: Sequence[Status | str],
    colours: dict[Status, str],
    step: float = 0.22,
) -> None:
    for k, s in enumerate(statuses):
        ax.scatter([x0 + k * step], [y], s=110, color=colours[Status(s)],
                   edgecolors="#555555", linewidths=0.6, zorder=3)


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def plot_diff(diff: PlanDiff, ax: Any = None, *, changed_only: bool = False) -> Any:
    """Each matched sub-goal's status icons before (left) and after (right), in the legend's
    colours (`status_colours(diff.status_legend)`), one row per sub-goal. Returns the matplotlib
    Axes.

    `changed_only=True` leaves out sub-goals whose statuses did not change.
    """
    plt = _pyplot()
    rows = [c for c in diff.status_changes if not (changed_only and c.direction == "unchanged")]
    numerals = {g.number: g.numeral for g in diff.goals}
    colours = status_colours(diff.status_legend)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.32 * max(len(rows), 3) + 1.2))
    for y, c in enumerate(rows):
        _dots(ax, 0.0, y, c.before, colours)
        _dots(ax, 1.2, y, c.after, colours)
        if c.direction != "unchanged":
            arrow = {"progressed": "#43A047", "regressed": "#E53935"}.get(c.direction, "#777777")
            ax.annotate("", xy=(1.1, y), xytext=(0.75, y),
                        arrowprops={"arrowstyle": "->", "color": arrow, "lw": 1.2})
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(
        [f"{numerals.get(c.goal, c.goal)}.{c.sub_goal} {_short(c.title)}" for c in rows], fontsize=8
    )
    ax.set_xticks([0.22, 1.42])
    ax.set_xticklabels([str(diff.base.year), str(diff.head.year)])
    ax.set_xlim(-0.3, 1.95)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    ax.set_title(f"Toimenpiteiden eteneminen {diff.base.year} → {diff.head.year}")
    _legend(ax, colours)
    return ax


# --- timeline ---------------------------------------------------------------------------------


def timeline_frame(plans: Sequence[Plan]) -> pandas.DataFrame:
    """Statuses per sub-goal per year: rows (goal, sub_goal, title), columns years, values the
    Finnish status labels (several icons joined with ", "); missing (NA) where the sub-goal is
    absent.

    A sub-goal is followed across years as the diff matches it, so a renumbered sub-goal stays on
    one row (under its latest number and title).
    """
    pd = _require("pandas")
    ordered, rows = timeline_rows(plans)
    years = [p.year for p in ordered]
    index = pd.MultiIndex.from_tuples(
        [(r.goal, r.sub_goal, r.title) for r in rows], names=["goal", "sub_goal", "title"]
    )
    data = [[status_labels(r.statuses[y]) if y in r.statuses else None for y in years]
            for r in rows]
    frame: pandas.DataFrame = pd.DataFrame(data, index=index, columns=years)
    frame.columns.name = "year"
    return frame


_BY_LABEL = {s.label.casefold(): s for s in Status} | {s.value: s for s in Status}


def _parse_labels(value: Any) -> list[Status]:
    if value is None or (isinstance(value, float) and value != value):  # None / NaN
        return []
    return [_BY_LABEL[part.strip().casefold()] for part in str(value).split(",") if part.strip()]


def _newest_legend(plans: Sequence[Plan]) -> list[LegendEntry]:
    """The legend of the newest plan that has one (as `PlanDiff.status_legend`), else []."""
    for plan in sorted(plans, key=lambda p: p.year, reverse=True):
        if plan.status_legend:
            return list(plan.status_legend)
    return []


def plot_timeline(
    data: pandas.DataFrame | Sequence[Plan],
    ax: Any = None,
    *,
    legend: Sequence[LegendEntry] | None = None,
) -> Any:
    """Status icons per sub-goal (rows) and year (columns), in the legend's colours.

    `data` is a `timeline_frame` (or `lnhs_parse.timeline(...)`) or a list of plans. The colours
    are `status_colours(legend)`; without `legend`, that of the newest plan with a legend when
    `data` is plans (a frame has none: `STATUS_COLOURS`). Returns the matplotlib Axes.
    """
    _require("pandas")  # the install hint when it is missing
    plt = _pyplot()
    from pandas import DataFrame

    if isinstance(data, DataFrame):
        frame = data
        plans: list[Plan] = []
    else:
        plans = list(data)
        frame = timeline_frame(plans)
    colours = status_colours(legend if legend is not None else _newest_legend(plans))
    if ax is None:
        size = (2.2 + 1.3 * len(frame.columns), 0.32 * max(len(frame), 3) + 1.2)
        _, ax = plt.subplots(figsize=size)
    for y, (_, row) in enumerate(frame.iterrows()):
        for x, year in enumerate(frame.columns):
            statuses = _parse_labels(row[year])
            _dots(ax, x - 0.11 * (len(statuses) - 1), y, statuses, colours)
    labels = []
    for key in frame.index:
        if isinstance(key, tuple) and len(key) >= 3:
            numeral = to_roman(key[0]) if isinstance(key[0], int) else key[0]
            labels.append(f"{numeral}.{key[1]} {_short(str(key[2]))}")
        else:
            labels.append(_short(str(key)))
    ax.set_yticks(range(len(frame)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xticks(range(len(frame.columns)))
    ax.set_xticklabels([str(c) for c in frame.columns])
    ax.set_xlim(-0.6, len(frame.columns) - 0.4)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
    ax.set_title("Toimenpiteiden eteneminen vuosittain")
    _legend(ax, colours)
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
