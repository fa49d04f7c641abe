"""Which way statuses went between two years, by the order of a status scale (docs/diff.md,
"Direction").

- `status_direction(before, after, order)`: progressed, regressed, changed or unchanged, the stages
  shown compared by their floor and ceiling in `order` (a code's rank; None = outside the order);
- `vocabulary_order()`: the packaged vocabulary's ranks (`Status.rank`), the order of plans whose
  statuses are all vocabulary codes;
- `diff_scale(old, new)`: the scale a diff reads its directions by, and its order: the
  vocabulary's when every code of both plans is one of its codes, else the newer plan's scale with
  the older's steps it lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from types import MappingProxyType

from lnhs_parse.model import Direction, Plan, ScaleStep, Status

# A status code's place in the order of progress (bigger: further along); None, or a code not in
# the mapping, stands outside the order.
Order = Mapping[str, int | None]


@cache
def vocabulary_order() -> Order:
    """Each packaged vocabulary code's rank (`Status.rank`; `unknown` has none), read-only."""
    return MappingProxyType({s.value: s.rank for s in Status})


def status_direction(
    before: Iterable[str], after: Iterable[str], order: Order | None = None
) -> Direction:
    """"progressed", "regressed", "changed" or "unchanged" (docs/diff.md, "Direction").

    `order` ranks the codes (None: the packaged vocabulary's order, `vocabulary_order`). A
    sub-goal's or action's statuses say which stages its measures are at; their order and repeats
    say nothing, so the two years are compared as the stages shown, by the least advanced one (the
    floor: the lagging measures) and the most advanced one (the ceiling):

    - the same stages: unchanged (icons only in another order, or repeated);
    - a stage outside the order (`unknown`, *ei tiedossa*, a code the order does not rank) on
      either side, or no stage on one side: changed (nothing to compare by);
    - neither the floor nor the ceiling fell, and one rose: progressed (`[started, in_progress]` ->
      `[in_progress]`: the lagging measure moved on and nothing fell);
    - neither rose, and one fell: regressed;
    - otherwise changed: one rose while the other fell (`[in_progress]` -> `[started, in_use]`),
      or only a stage between them came or went.

    The rule is symmetric: swapping the years turns progressed into regressed and back.
    """
    ranks = vocabulary_order() if order is None else order
    b, a = set(before), set(after)
    if b == a:
        return "unchanged"
    rb = [r for s in b if (r := ranks.get(s)) is not None]
    ra = [r for s in a if (r := ranks.get(s)) is not None]
    if not b or not a or len(rb) < len(b) or len(ra) < len(a):
        return "changed"
    floor = min(ra) - min(rb)
    ceiling = max(ra) - max(rb)
    if floor >= 0 and ceiling >= 0 and (floor or ceiling):
        return "progressed"
    if floor <= 0 and ceiling <= 0 and (floor or ceiling):
        return "regressed"
    return "changed"


# --- the scale of a diff ----------------------------------------------------------------------


def plan_codes(plan: Plan) -> set[str]:
    """Every status code a plan names: its scale's and legend's steps, its sub-goals' and actions'
    statuses."""
    codes = {s.code for s in plan.status_scale} | {e.status for e in plan.status_legend}
    for goal in plan.goals:
        codes.update(s for a in goal.actions for s in a.statuses)
        for sub in goal.sub_goals:
            codes.update(sub.statuses)
            codes.update(s for a in sub.actions for s in a.statuses)
    return codes


def merged_order(newer: Sequence[ScaleStep], older: Sequence[ScaleStep]) -> list[str]:
    """The ordered codes of two scales, least advanced first: the newer scale's order, and each
    step of the older one that the newer lacks right above the nearest step below it in the older
    scale (at the bottom when there is none below it).

    A step both scales order keeps the newer's place; a step the newer scale holds outside its
    order stays outside. When the two scales order no step in common (a county that changed its
    scale, or its words for it), nothing relates the older's steps to the newer's: they are left
    out of the order, and a change across the two scales is `changed`.
    """
    merged = [s.code for s in sorted((s for s in newer if s.rank is not None), key=_rank)]
    in_newer = {s.code for s in newer}
    old_ordered = [s.code for s in sorted((s for s in older if s.rank is not None), key=_rank)]
    if merged and not set(merged) & set(old_ordered):
        return merged
    anchor = -1  # where the last step of the older order stands in `merged`
    for code in old_ordered:
        if code in merged:
            anchor = merged.index(code)
        elif code not in in_newer:
            anchor += 1
            merged.insert(anchor, code)
    return merged


def _rank(step: ScaleStep) -> int:
    return step.rank if step.rank is not None else -1


def diff_scale(old: Plan, new: Plan) -> tuple[list[ScaleStep], dict[str, int | None]]:
    """The status scale a diff of `old` and `new` reads directions by, and its order (code: rank).

    The scale lists the newer plan's steps, then the older plan's steps the newer lacks, each
    ranked in one consistent order from 0 (steps outside the order: None). The order is the
    packaged vocabulary's when every code of both plans is a vocabulary code (so that years showing
    different steps of it stay comparable), else the newer scale's with the older's steps merged
    in (`merged_order`). A code neither scale holds is outside the order.
    """
    known = {s.code for s in new.status_scale}
    steps = [*new.status_scale, *(s for s in old.status_scale if s.code not in known)]
    vocabulary = vocabulary_order()
    if (plan_codes(old) | plan_codes(new)) <= vocabulary.keys():
        ordered = sorted({s.code for s in steps if vocabulary[s.code] is not None},
                         key=lambda code: vocabulary[code] or 0)
        order: dict[str, int | None] = dict(vocabulary)
    else:
        ordered = merged_order(new.status_scale, old.status_scale)
        order = {s.code: None for s in steps}
        order.update({code: rank for rank, code in enumerate(ordered)})
    ranks = {code: rank for rank, code in enumerate(ordered)}
    scale = [s.model_copy(update={"rank": ranks.get(s.code)}) for s in steps]
    return scale, order


__all__ = [
    "Order",
    "diff_scale",
    "merged_order",
    "plan_codes",
    "status_direction",
    "vocabulary_order",
]
