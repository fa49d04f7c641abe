"""Aligning two plans: which sub-goals are the same (`match_sub_goals`), and what became of each
statement (`diff_statements`) and each action (`diff_actions`), in the passes of docs/diff.md
("How the two plans are aligned").

Statements and actions go through the same passes (`align`), each over the entries of one kind:

a. exact: the same text (`same_text_key`) and the same actors in the same place: unchanged; for
   statements also the same text split into statements differently (`_split_differently`);
b. near-identical text anywhere (`DiffSettings.moved_threshold`): modified in the same place, moved
   from another;
c. reworded in place: one optimal assignment (`solver.assign`) per place over `reworded_score`;
d. the rest: removed from the older plan, added in the newer.

A statement's place is its sub-goal and column, walked as the sub-goal has them (the model's
statement columns, then its `other_columns` by key); an action's place is its sub-goal, or its
main goal for an action listed under the goal itself. Its actors are its own and, for an action,
the responsible ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, Literal, NamedTuple, TypeVar

from lnhs_parse.compare.direction import Order, status_direction
from lnhs_parse.compare.scoring import reworded_score, same_text_key, similarity
from lnhs_parse.compare.settings import DEFAULT_SETTINGS, DiffSettings
from lnhs_parse.compare.solver import assign, best_first
from lnhs_parse.model import (
    Action,
    ActionChange,
    ActionPlace,
    Change,
    Goal,
    Place,
    Plan,
    Statement,
    StatementChange,
    SubGoal,
)
from lnhs_parse.utils.strings import collapse_ws

# --- sub-goals --------------------------------------------------------------------------------


class SubGoalPair(NamedTuple):
    """A sub-goal found in both plans: its main goal's number, and the sub-goal in each plan."""

    goal: int
    old: SubGoal
    new: SubGoal


# matched pairs, removed (goal, sub-goal), added (goal, sub-goal)
Matched = tuple[list[SubGoalPair], list[tuple[int, SubGoal]], list[tuple[int, SubGoal]]]


def match_sub_goals(old: Plan, new: Plan, settings: DiffSettings = DEFAULT_SETTINGS) -> Matched:
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


# --- where entries stand ----------------------------------------------------------------------


class Where(NamedTuple):
    """A sub-goal, or a main goal itself (for its own actions), as one side of the diff sees it."""

    # "m": in both plans (the same slot on both sides); "r" only in the older plan, "a" only in the
    # newer (never the same slot as anything on the other side)
    kind: Literal["m", "r", "a"]
    goal: int
    number: int | None  # the newer plan's sub-goal number (the older's when removed); None: the
    # main goal itself
    base_number: int | None  # the older plan's number of a renumbered matched sub-goal


Holder = SubGoal | Goal  # what a place's entries are read from


def places(
    old: Plan, new: Plan, matched: Matched
) -> tuple[list[tuple[Where, Holder]], list[tuple[Where, Holder]]]:
    """Every sub-goal and main goal of each plan with where it stands in the diff, in the diff's
    order (goal, then sub-goal number, the goal itself first); `matched` is `match_sub_goals`'s."""
    pairs, removed, added = matched

    def base(p: SubGoalPair) -> int | None:
        return p.old.number if p.old.number != p.new.number else None

    olds: list[tuple[Where, Holder]] = [(Where("m", p.goal, p.new.number, base(p)), p.old)
                                        for p in pairs]
    olds += [(Where("r", g, s.number, None), s) for g, s in removed]
    news: list[tuple[Where, Holder]] = [(Where("m", p.goal, p.new.number, base(p)), p.new)
                                        for p in pairs]
    news += [(Where("a", g, s.number, None), s) for g, s in added]
    old_goals = {g.number for g in old.goals}
    new_goals = {g.number for g in new.goals}
    olds += [(Where("m" if g.number in new_goals else "r", g.number, None, None), g)
             for g in old.goals]
    news += [(Where("m" if g.number in old_goals else "a", g.number, None, None), g)
             for g in new.goals]
    olds.sort(key=lambda x: _where_key(x[0]))
    news.sort(key=lambda x: _where_key(x[0]))
    return olds, news


def _where_key(w: Where) -> tuple[int, int, str]:
    return (w.goal, -1 if w.number is None else w.number, w.kind)


# --- entries ----------------------------------------------------------------------------------

R = TypeVar("R", bound=Statement | Action)


@dataclass
class Item(Generic[R]):
    """One statement or action of one plan, where it stands, and whether it is paired yet."""

    where: Where
    column: str  # the statement's column key; "" for an action
    index: int  # position in its place (sub-goal column, or list of actions)
    order: int  # position among the plan's entries of its kind
    record: R
    text: str  # whitespace-normalised
    actors: tuple[str, ...]  # sorted, unique: the statement's; the action's own and responsible
    key: str = ""  # `same_text_key(text)`
    paired: bool = False

    def __post_init__(self) -> None:
        self.key = same_text_key(self.text)

    @property
    def slot(self) -> tuple[str, int, int | None, str]:
        """The place for matching: kind, goal, number, column."""
        return (self.where.kind, self.where.goal, self.where.number, self.column)


@cache
def statement_fields() -> tuple[str, ...]:
    """The sub-goal's fields that hold a column's statements (focus_areas, joint_highlights), in
    the model's order: read from the model, so a column given a field of its own joins the diff."""
    return tuple(name for name, field in SubGoal.model_fields.items()
                 if field.annotation == list[Statement])


def statement_columns(sub: SubGoal) -> list[tuple[str, list[Statement]]]:
    """A sub-goal's statement columns as (column key, statements): the model's statement fields,
    then its other columns (a key given twice: its cells' statements one after the other)."""
    columns: dict[str, list[Statement]] = {name: list(getattr(sub, name))
                                           for name in statement_fields()}
    for other in sub.other_columns:
        columns.setdefault(other.column, []).extend(other.statements)
    return list(columns.items())


def statement_items(where: Iterable[tuple[Where, Holder]]) -> list[Item[Statement]]:
    """The statements of the sub-goals of `where`, in order (column by column)."""
    out: list[Item[Statement]] = []
    for w, holder in where:
        if not isinstance(holder, SubGoal):
            continue
        for column, statements in statement_columns(holder):
            for index, st in enumerate(statements):
                out.append(Item(w, column, index, len(out), st, collapse_ws(st.text),
                                tuple(sorted(set(st.actors)))))
    return out


def action_items(where: Iterable[tuple[Where, Holder]]) -> list[Item[Action]]:
    """The actions of the sub-goals and main goals of `where`, in order."""
    out: list[Item[Action]] = []
    for w, holder in where:
        for index, action in enumerate(holder.actions):
            out.append(Item(w, "", index, len(out), action, collapse_ws(action.text),
                            action_actors(action)))
    return out


def action_actors(action: Action) -> tuple[str, ...]:
    """Who an action names: its own actors and the responsible ones, sorted, each once."""
    return tuple(sorted({*action.actors, *action.responsible}))


# --- the passes -------------------------------------------------------------------------------

def align(
    old_items: list[Item[R]],
    new_items: list[Item[R]],
    settings: DiffSettings = DEFAULT_SETTINGS,
    *,
    split: bool = False,
) -> list[tuple[Change, Item[R] | None, Item[R] | None, float]]:
    """What became of every entry of both sides (module docstring, passes a-d); `split`: the same
    text split into entries differently counts as unchanged (statements)."""
    results: list[tuple[Change, Item[R] | None, Item[R] | None, float]] = []
    old_at, new_at = _by_slot(old_items), _by_slot(new_items)

    # a. exact, in place, in order
    for slot, olds in old_at.items():
        news = new_at.get(slot, [])
        for o in olds:
            for n in news:
                if not n.paired and n.key == o.key and n.actors == o.actors:
                    o.paired = n.paired = True
                    results.append(("unchanged", o, n, 1.0))
                    break
        if split:
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
            lo[i].column != ln[j].column,  # then the same column
            abs(lo[i].index - ln[j].index),
            lo[i].order,
            ln[j].order,
        ),
    ):
        o, n = lo[i], ln[j]
        o.paired = n.paired = True
        results.append(("modified" if o.slot == n.slot else "moved", o, n, s))

    # c. reworded in place: one optimal assignment per place (`reworded_score`)
    for slot, olds in old_at.items():
        news = new_at.get(slot, [])
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

    def best(it: Item[R], others: dict[tuple[str, int, int | None, str], list[Item[R]]]) -> float:
        return max((similarity(it.text, x.text) for x in others.get(it.slot, [])), default=0.0)

    for items in rest_old.values():
        results += [("removed", it, None, best(it, rest_new)) for it in items]
    for items in rest_new.values():
        results += [("added", None, it, best(it, rest_old)) for it in items]
    return results


def _by_slot(items: list[Item[R]]) -> dict[tuple[str, int, int | None, str], list[Item[R]]]:
    out: dict[tuple[str, int, int | None, str], list[Item[R]]] = {}
    for it in items:
        out.setdefault(it.slot, []).append(it)
    return out


def _split_differently(
    singles: list[Item[R]], pieces: list[Item[R]]
) -> list[tuple[Item[R], list[Item[R]]]]:
    """Unpaired statements of one place in `singles` whose text the other plan holds as two or more
    consecutive unpaired statements in `pieces` (`_pieces_of`): a paragraph read, or written, as
    one statement in one year and as several in the other. Each found single with its pieces,
    all marked paired."""
    out: list[tuple[Item[R], list[Item[R]]]] = []
    for single in (s for s in singles if not s.paired):
        free = sorted((p for p in pieces if not p.paired), key=lambda p: p.index)
        for k in range(len(free)):
            run = _pieces_of(single, free[k:])
            if run is not None:
                for it in (single, *run):
                    it.paired = True
                out.append((single, run))
                break
    return out


def _pieces_of(single: Item[R], free: list[Item[R]]) -> list[Item[R]] | None:
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


def _sort_key(
    before: Item[R] | None, after: Item[R] | None, column_rank: dict[str, int]
) -> tuple[int, int, int, int, int, int]:
    """goal, sub-goal (the goal itself first), column, position, removed before what stands at
    its old position now, the older plan's order."""
    here = after if after is not None else before
    assert here is not None
    number = -1 if here.where.number is None else here.where.number
    return (here.where.goal, number, column_rank.get(here.column, 0), here.index,
            0 if after is None else 1, before.order if before is not None else -1)


# --- statements -------------------------------------------------------------------------------


def diff_statements(
    old_items: list[Item[Statement]],
    new_items: list[Item[Statement]],
    settings: DiffSettings = DEFAULT_SETTINGS,
    columns: Sequence[str] = (),
) -> list[StatementChange]:
    """Every statement of both sides and what became of it, by goal, sub-goal, column and position.

    Columns sort in the order of `columns` (the plans' table columns, left to right), then the
    model's statement fields, then other columns in the order the entries meet them.
    """
    met = (it.column for it in (*new_items, *old_items))
    column_rank = {c: i for i, c in enumerate(dict.fromkeys([*columns, *statement_fields(), *met]))}
    results = align(old_items, new_items, settings, split=True)
    results.sort(key=lambda r: _sort_key(r[1], r[2], column_rank))
    return [_statement_change(kind, o, n, s) for kind, o, n, s in results]


def _statement_change(
    kind: Change, old: Item[Statement] | None, new: Item[Statement] | None, sim: float
) -> StatementChange:
    here = new if new is not None else old
    assert here is not None and here.where.number is not None  # statements are in sub-goals
    moved_from = None
    if kind == "moved" and old is not None:
        assert old.where.number is not None
        moved_from = Place(goal=old.where.goal, sub_goal=old.where.number, column=old.column)
    return StatementChange(
        goal=here.where.goal,
        sub_goal=here.where.number,
        column=here.column,
        change=kind,
        before=old.record if old is not None else None,
        after=new.record if new is not None else None,
        similarity=max(0.0, min(1.0, sim)),
        moved_from=moved_from,
        base_sub_goal=here.where.base_number,
    )


# --- actions ----------------------------------------------------------------------------------


def diff_actions(
    old_items: list[Item[Action]],
    new_items: list[Item[Action]],
    settings: DiffSettings = DEFAULT_SETTINGS,
    order: Order | None = None,
) -> list[ActionChange]:
    """Every action of both sides and what became of it, by goal, sub-goal (the goal's own
    actions first) and position; a matched action with the direction of its own statuses by
    `order` (`status_direction`; None when neither side has statuses of its own)."""
    results = align(old_items, new_items, settings)
    results.sort(key=lambda r: _sort_key(r[1], r[2], {}))
    return [_action_change(kind, o, n, s, order) for kind, o, n, s in results]


def _action_change(
    kind: Change,
    old: Item[Action] | None,
    new: Item[Action] | None,
    sim: float,
    order: Order | None,
) -> ActionChange:
    here = new if new is not None else old
    assert here is not None
    moved_from = None
    if kind == "moved" and old is not None:
        moved_from = ActionPlace(goal=old.where.goal, sub_goal=old.where.number)
    direction = None
    if old is not None and new is not None and (old.record.statuses or new.record.statuses):
        direction = status_direction(old.record.statuses, new.record.statuses, order)
    return ActionChange(
        goal=here.where.goal,
        sub_goal=here.where.number,
        change=kind,
        before=old.record if old is not None else None,
        after=new.record if new is not None else None,
        similarity=max(0.0, min(1.0, sim)),
        moved_from=moved_from,
        base_sub_goal=here.where.base_number,
        direction=direction,
    )


__all__ = [
    "Item",
    "Matched",
    "SubGoalPair",
    "Where",
    "action_actors",
    "action_items",
    "align",
    "diff_actions",
    "diff_statements",
    "match_sub_goals",
    "places",
    "statement_columns",
    "statement_fields",
    "statement_items",
]
