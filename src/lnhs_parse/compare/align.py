"""Aligning two plans: which sub-goals are the same (`match_sub_goals`), and what became of
each statement (`diff_statements`), in the passes of docs/diff.md ("How the two plans are
aligned").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from lnhs_parse.compare.scoring import reworded_score, same_text_key, similarity
from lnhs_parse.compare.settings import DEFAULT_SETTINGS, DiffSettings
from lnhs_parse.compare.solver import assign, best_first
from lnhs_parse.labels import COLUMNS
from lnhs_parse.model import (
    Change,
    Column,
    Place,
    Plan,
    Statement,
    StatementChange,
    SubGoal,
)
from lnhs_parse.utils.strings import collapse_ws

# --- sub-goals --------------------------------------------------------------------------------

class SubGoalPair(NamedTuple):
    goal: int
    old: SubGoal
    new: SubGoal


def match_sub_goals(
    old: Plan, new: Plan, settings: DiffSettings = DEFAULT_SETTINGS
) -> tuple[list[SubGoalPair], list[tuple[int, SubGoal]], list[tuple[int, SubGoal]]]:
    """(matched pairs, removed (goal, sub-goal), added (goal, sub-goal)), each in plan order."""
    old_goals = {g.number: g for g in old.goals}
    new_goals = {g.number: g for g in new.goals}
    pairs: list[SubGoalPair] = []
    removed: list[tuple[int, SubGoal]] = []
    added: list[tuple[int, SubGoal]] = []
    for number in sorted(set(old_goals) | set(new_goals)):
        olds = old_goals[number].sub_goals if number in old_goals else []
        news = new_goals[number].sub_goals if number in new_goals else []
        found = _match_goal(olds, news, settings)
        taken_o = {i for i, _ in found}
        taken_n = {j for _, j in found}
        pairs.extend(SubGoalPair(number, olds[i], news[j]) for i, j in found)
        removed.extend((number, olds[i]) for i in range(len(olds)) if i not in taken_o)
        added.extend((number, news[j]) for j in range(len(news)) if j not in taken_n)
    return pairs, removed, added


def _match_goal(
    olds: Sequence[SubGoal], news: Sequence[SubGoal], settings: DiffSettings
) -> list[tuple[int, int]]:
    """The matched (old index, new index) pairs of one main goal's sub-goals, in the new order.

    One pass, best first: a same-number pair needs `title_threshold` and gets a bonus, a pair
    under different numbers (renumbered) needs `renumbered_title_threshold`.
    """

    def score(i: int, j: int) -> float | None:
        sim = similarity(olds[i].title, news[j].title)
        if olds[i].number == news[j].number:
            return sim + settings.same_number_bonus if sim >= settings.title_threshold else None
        return sim if sim >= settings.renumbered_title_threshold else None

    found = best_first(range(len(olds)), range(len(news)), score)
    return [(i, j) for i, j, _ in sorted(found, key=lambda p: (news[p[1]].number, p[1]))]


# --- statements -------------------------------------------------------------------------------

# Where a statement stands for matching: (kind, goal, number, column); see `_Item.slot`.
Slot = tuple[str, int, int, Column]
# The order of the statement changes: goal, number, column, position, removed first, old order.
ChangeKey = tuple[int, int, int, int, int, int]


@dataclass
class _Item:
    """One statement of one plan, where it stands, and what it became."""

    side: str  # "old" | "new"
    place: tuple[int, int, Column]  # (goal, sub-goal number in the new numbering if any, column)
    slot: Slot  # the place for matching: (kind, goal, number, column); kind "m" for a matched
    # sub-goal (the same slot in both plans), "r" removed, "a" added (never the same slot)
    base_number: int | None  # the older plan's number of a renumbered matched sub-goal
    index: int  # position in its column
    order: int  # position in the whole plan
    statement: Statement
    text: str  # whitespace-normalised
    actors: tuple[str, ...]  # sorted, unique
    key: str = ""  # `same_text_key(text)`
    paired: bool = False

    def __post_init__(self) -> None:
        self.key = same_text_key(self.text)


def items(side: str, places: Iterable[tuple[str, int, int, int | None, SubGoal]]) -> list[_Item]:
    """The statements of (kind, goal, number, base number, sub-goal) places, in order."""
    out: list[_Item] = []
    for kind, goal, number, base_number, sub in places:
        for column in COLUMNS:
            for index, st in enumerate(getattr(sub, column)):
                out.append(
                    _Item(side, (goal, number, column), (kind, goal, number, column), base_number,
                          index, len(out), st, collapse_ws(st.text), tuple(sorted(set(st.actors))))
                )
    return out


def _split_differently(
    singles: list[_Item], pieces: list[_Item]
) -> list[tuple[_Item, list[_Item]]]:
    """Unpaired statements of one place in `singles` whose text the other plan holds as two or more
    consecutive unpaired statements in `pieces` (`_pieces_of`): a paragraph read, or written, as
    one statement in one year and as several in the other. Each found single with its pieces,
    all marked paired."""
    out: list[tuple[_Item, list[_Item]]] = []
    for single in (s for s in singles if not s.paired):
        free = sorted((p for p in pieces if not p.paired), key=lambda p: p.index)
        run = next((r for k in range(len(free)) if (r := _pieces_of(single, free[k:]))), None)
        if run is not None:
            for it in (single, *run):
                it.paired = True
            out.append((single, run))
    return out


def _pieces_of(single: _Item, free: list[_Item]) -> list[_Item] | None:
    """The run of two or more consecutive statements at the start of `free` whose texts, joined
    with a space, are `single`'s (`same_text_key`) and whose actors together are its actors."""
    run = [free[0]]
    joined = free[0].key
    for nxt in free[1:]:
        if nxt.index != run[-1].index + 1 or not single.key.startswith(joined + " "):
            return None
        run.append(nxt)
        joined = f"{joined} {nxt.key}"
        if joined == single.key:
            actors = set().union(*(p.actors for p in run))
            return run if actors == set(single.actors) else None
    return None


def _by_slot(items: list[_Item]) -> dict[Slot, list[_Item]]:
    out: dict[Slot, list[_Item]] = {}
    for it in items:
        out.setdefault(it.slot, []).append(it)
    return out


def _change(kind: Change, old: _Item | None, new: _Item | None, sim: float) -> StatementChange:
    here = new if new is not None else old
    assert here is not None
    goal, sub_goal, column = here.place
    moved_from = None
    if kind == "moved" and old is not None:
        moved_from = Place(goal=old.place[0], sub_goal=old.place[1], column=old.place[2])
    return StatementChange(
        goal=goal,
        sub_goal=sub_goal,
        column=column,
        change=kind,
        before=old.statement if old is not None else None,
        after=new.statement if new is not None else None,
        similarity=max(0.0, min(1.0, sim)),
        moved_from=moved_from,
        base_sub_goal=here.base_number,
    )


def diff_statements(
    old_items: list[_Item], new_items: list[_Item], settings: DiffSettings = DEFAULT_SETTINGS
) -> list[tuple[StatementChange, ChangeKey]]:
    """The statement changes, each with its sort key (see `diff_plans`)."""
    results: list[tuple[Change, _Item | None, _Item | None, float]] = []
    old_at, new_at = _by_slot(old_items), _by_slot(new_items)

    # a. exact, in place, in order
    for place, olds in old_at.items():
        news = new_at.get(place, [])
        for o in olds:
            for n in news:
                if not n.paired and n.key == o.key and n.actors == o.actors:
                    o.paired = n.paired = True
                    results.append(("unchanged", o, n, 1.0))
                    break
        # the same text split into statements differently
        for o, run in _split_differently(olds, news):
            results += [("unchanged", o, n, 1.0) for n in run]
        for n, run in _split_differently(news, olds):
            results += [("unchanged", o, n, 1.0) for o in run]

    # b. near-identical anywhere: same place -> modified, elsewhere -> moved
    lo = [o for o in old_items if not o.paired]
    ln = [n for n in new_items if not n.paired]
    for i, j, s in best_first(
        range(len(lo)),
        range(len(ln)),
        lambda i, j: s if (s := similarity(lo[i].text, ln[j].text)) >= settings.moved_threshold
        else None,
        order=lambda i, j, s: (
            -s,
            lo[i].actors != ln[j].actors,  # the same actors first
            lo[i].slot != ln[j].slot,  # then the same place
            lo[i].place[2] != ln[j].place[2],  # then the same column
            abs(lo[i].index - ln[j].index),
            lo[i].order,
            ln[j].order,
        ),
    ):
        o, n = lo[i], ln[j]
        o.paired = n.paired = True
        results.append(("modified" if o.slot == n.slot else "moved", o, n, s))

    # c. reworded in place: one optimal assignment per sub-goal column (`reworded_score`)
    for place, olds in old_at.items():
        news = new_at.get(place, [])
        lo = [o for o in olds if not o.paired]
        ln = [n for n in news if not n.paired]
        if not lo or not ln:
            continue
        length = max(len(olds), len(news))
        scored = [[reworded_score(o, n, length, settings) for n in ln] for o in lo]
        for i, j in assign([[None if c is None else c[0] for c in row] for row in scored]):
            pair = scored[i][j]
            assert pair is not None  # `assign` pairs only allowed (not None) weights
            o, n = lo[i], ln[j]
            o.paired = n.paired = True
            results.append(("modified", o, n, pair[1]))

    # d. the rest; similarity = the best score against the unpaired other side in the same place
    rest_old = _by_slot([o for o in old_items if not o.paired])
    rest_new = _by_slot([n for n in new_items if not n.paired])
    def best(it: _Item, others: dict[Slot, list[_Item]]) -> float:
        return max((similarity(it.text, x.text) for x in others.get(it.slot, [])), default=0.0)

    for items in rest_old.values():
        results += [("removed", it, None, best(it, rest_new)) for it in items]
    for items in rest_new.values():
        results += [("added", None, it, best(it, rest_old)) for it in items]

    out: list[tuple[StatementChange, ChangeKey]] = []
    for kind, before, after, s in results:
        here = after if after is not None else before
        assert here is not None
        goal, number, column = here.place
        # removed statements sort before what stands at their old position in the new plan
        key = (goal, number, COLUMNS.index(column), here.index, 0 if after is None else 1,
               before.order if before is not None else -1)
        out.append((_change(kind, before, after, s), key))
    return out


__all__ = ["SubGoalPair", "diff_statements", "items", "match_sub_goals"]
