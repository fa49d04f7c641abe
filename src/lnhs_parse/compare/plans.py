"""The whole diff of two plans: `diff_plans(old, new)` puts the matched sub-goals, the statement
and action changes (`align`) and the status directions by the diff's scale (`direction`) together
into a `PlanDiff`."""

from __future__ import annotations

from collections.abc import Iterable

from lnhs_parse.compare.align import (
    action_actors,
    action_items,
    diff_actions,
    diff_statements,
    match_sub_goals,
    places,
    statement_items,
)
from lnhs_parse.compare.direction import diff_scale, status_direction
from lnhs_parse.compare.settings import DEFAULT_SETTINGS, DiffSettings
from lnhs_parse.model import (
    ActionChange,
    Actor,
    GoalRef,
    Plan,
    PlanDiff,
    PlanRef,
    StatementChange,
    StatusChange,
    SubGoalRef,
)


def diff_plans(old: Plan, new: Plan, settings: DiffSettings | None = None) -> PlanDiff:
    """What changed from `old` (the earlier year) to `new` (the package docstring, docs/diff.md)."""
    settings = settings or DEFAULT_SETTINGS
    matched = match_sub_goals(old, new, settings)
    pairs, removed, added = matched
    scale, order = diff_scale(old, new)

    status_changes = [
        StatusChange(
            goal=p.goal,
            sub_goal=p.new.number,
            title=p.new.title,
            before=list(p.old.statuses),
            after=list(p.new.statuses),
            direction=status_direction(p.old.statuses, p.new.statuses, order),
            base_sub_goal=p.old.number if p.old.number != p.new.number else None,
        )
        for p in pairs
    ]

    old_places, new_places = places(old, new, matched)
    columns = [c.key for c in (*new.columns, *old.columns)]
    statements = diff_statements(statement_items(old_places),
                                 statement_items(new_places), settings, columns)
    actions = diff_actions(action_items(old_places), action_items(new_places),
                           settings, order)

    return PlanDiff(
        base=PlanRef(year=old.year, source=old.source),
        head=PlanRef(year=new.year, source=new.source),
        status_changes=status_changes,
        added_sub_goals=[SubGoalRef(goal=g, sub_goal=s.number, title=s.title) for g, s in added],
        removed_sub_goals=[SubGoalRef(goal=g, sub_goal=s.number, title=s.title)
                           for g, s in removed],
        statements=statements,
        actions=actions,
        goals=_goal_refs(old, new),
        actors=_actors(old, new, statements, actions),
        status_legend=[e.model_copy() for e in (new.status_legend or old.status_legend)],
        status_scale=scale,
    )


def _goal_refs(old: Plan, new: Plan) -> list[GoalRef]:
    refs = {g.number: GoalRef(number=g.number, numeral=g.numeral, title=g.title)
            for g in (*old.goals, *new.goals)}  # the newer plan's wording wins
    return [refs[n] for n in sorted(refs)]


def _actors(
    old: Plan, new: Plan, statements: Iterable[StatementChange], actions: Iterable[ActionChange]
) -> list[Actor]:
    """The registry records of the actors the changes name (the newer plan's record wins): the
    statements' actors, the actions' own and responsible ones."""
    known: dict[str, Actor] = {a.id: a for a in old.actors}
    known.update({a.id: a for a in new.actors})
    used = {actor for c in statements for st in (c.before, c.after) if st is not None
            for actor in st.actors}
    used.update(actor for c in actions for a in (c.before, c.after) if a is not None
                for actor in action_actors(a))
    return [known[i] for i in sorted(used) if i in known]


__all__ = ["diff_plans"]
