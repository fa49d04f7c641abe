"""The whole diff of two plans: `diff_plans(old, new)` puts the aligned sub-goals, statuses and
statements (`align`) and the directions (`direction`) together into a `PlanDiff`."""

from __future__ import annotations

from lnhs_parse.compare.align import SubGoalPair, diff_statements, items, match_sub_goals
from lnhs_parse.compare.direction import status_direction
from lnhs_parse.compare.settings import DEFAULT_SETTINGS, DiffSettings
from lnhs_parse.model import (
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
    """What changed from `old` (the earlier year) to `new` (the module docstring, docs/diff.md)."""
    settings = settings or DEFAULT_SETTINGS
    pairs, removed, added = match_sub_goals(old, new, settings)

    def base(p: SubGoalPair) -> int | None:
        return p.old.number if p.old.number != p.new.number else None


    status_changes = [
        StatusChange(
            goal=p.goal,
            sub_goal=p.new.number,
            title=p.new.title,
            before=list(p.old.statuses),
            after=list(p.new.statuses),
            direction=status_direction(p.old.statuses, p.new.statuses),
            base_sub_goal=base(p),
        )
        for p in pairs
    ]

    old_places = [("m", p.goal, p.new.number, base(p), p.old) for p in pairs]
    old_places += [("r", g, s.number, None, s) for g, s in removed]
    new_places = [("m", p.goal, p.new.number, base(p), p.new) for p in pairs]
    new_places += [("a", g, s.number, None, s) for g, s in added]
    old_places.sort(key=lambda x: (x[1], x[2], x[0]))
    new_places.sort(key=lambda x: (x[1], x[2], x[0]))
    changes = diff_statements(items("old", old_places), items("new", new_places), settings)
    changes.sort(key=lambda c: c[1])

    return PlanDiff(
        base=PlanRef(year=old.year, source=old.source),
        head=PlanRef(year=new.year, source=new.source),
        status_changes=status_changes,
        added_sub_goals=[SubGoalRef(goal=g, sub_goal=s.number, title=s.title) for g, s in added],
        removed_sub_goals=[SubGoalRef(goal=g, sub_goal=s.number, title=s.title)
                           for g, s in removed],
        statements=[c for c, _ in changes],
        goals=_goal_refs(old, new),
        actors=_actors(old, new, [c for c, _ in changes]),
        status_legend=[e.model_copy() for e in (new.status_legend or old.status_legend)],
    )


def _goal_refs(old: Plan, new: Plan) -> list[GoalRef]:
    refs = {g.number: GoalRef(number=g.number, numeral=g.numeral, title=g.title)
            for g in (*old.goals, *new.goals)}  # the newer plan's wording wins
    return [refs[n] for n in sorted(refs)]


def _actors(old: Plan, new: Plan, changes: list[StatementChange]) -> list[Actor]:
    known: dict[str, Actor] = {a.id: a for a in old.actors}
    known.update({a.id: a for a in new.actors})
    used = {
        actor
        for c in changes
        for st in (c.before, c.after)
        if st is not None
        for actor in st.actors
    }
    return [known[i] for i in sorted(used) if i in known]


__all__ = ["diff_plans"]
