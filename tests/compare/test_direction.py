"""Status directions by a scale's order (`lnhs_parse.compare.direction`): the floor-and-ceiling
rule, any scale's order, steps outside the order, and the scale a diff reads its directions by."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hand_plans import FOUR_STEPS, PROFILE_SCALE, act, goal, plan, step, sub

from lnhs_parse.compare import diff_plans, diff_scale, status_direction, vocabulary_order
from lnhs_parse.compare.direction import merged_order, plan_codes
from lnhs_parse.model import LegendEntry, ScaleStep, Status

S, IP, IU = "started", "in_progress", "in_use"


# The table of cases in docs/diff.md ("Statuses: direction"), row by row.
DIRECTION_CASES = [
    ([S], [S], "unchanged"),
    ([IP, IU], [IP, IU], "unchanged"),
    ([IP, IU], [IU, IP], "unchanged"),  # the same icons in another order
    ([IU, IU], [IU], "unchanged"),  # a repeated icon says nothing more
    ([S], [IP], "progressed"),
    ([IP], [IU], "progressed"),
    ([S, IP], [IP, IU], "progressed"),  # both up
    ([S, IU], [IP, IU], "progressed"),  # the floor up, the ceiling kept
    ([S, IP], [IP], "progressed"),  # the lagging measure moved on, nothing fell
    ([IP], [IP, IU], "progressed"),  # a measure reached use, the rest kept
    ([S], [IU, IU], "progressed"),
    ([S, S], [IP], "progressed"),
    ([S], [IP, S], "progressed"),  # the ceiling up, the floor kept, order ignored
    ([IU], [IP], "regressed"),
    ([IP, IU], [S, IU], "regressed"),
    ([IP, IU], [IU, S], "regressed"),  # in use kept, the floor fell
    ([IP], [IP, S], "regressed"),  # a started icon appeared beside the one that stayed
    ([IP, IU], [IP], "regressed"),  # the ceiling fell
    ([IU, IU], [S], "regressed"),
    ([IU], [IP, S], "regressed"),
    ([IP], [S, IU], "changed"),  # the floor fell and the ceiling rose: truly mixed
    ([S, IU], [IP], "changed"),  # the floor rose and the ceiling fell
    ([S, IU], [S, IP, IU], "changed"),  # only a stage between them appeared
    ([], [IP], "changed"),  # no icons to compare with
    ([IP], [], "changed"),
    ([], [], "unchanged"),
    ([S], ["unknown"], "changed"),  # ei tiedossa is outside the order
    ([S, "unknown"], [IU], "changed"),  # progress beside a step outside the order: not clear
    (["unknown"], ["unknown"], "unchanged"),
]


@pytest.mark.parametrize("before,after,direction", DIRECTION_CASES)
def test_status_direction(before: list[str], after: list[str], direction: str) -> None:
    assert status_direction(before, after) == direction
    # the call without an order is the call with the packaged vocabulary's
    assert status_direction(before, after, vocabulary_order()) == direction


def test_status_direction_is_symmetric_and_ignores_order() -> None:
    """Swapping the years swaps progressed and regressed; reordering the icons changes nothing."""
    mirror = {"progressed": "regressed", "regressed": "progressed", "changed": "changed",
              "unchanged": "unchanged"}
    lists = [list(c) for n in range(4) for c in itertools.product((S, IP, IU), repeat=n)]
    seen = set()
    for before in lists:
        for after in lists:
            d = status_direction(before, after)
            seen.add(d)
            assert status_direction(after, before) == mirror[d], (before, after)
            assert status_direction(before[::-1], after[::-1]) == d
            assert (d == "unchanged") == (set(before) == set(after))
    assert seen == set(mirror)




# --- any scale's order ------------------------------------------------------------------------

PROFILE = {"idulla": 0, "kasvussa": 1, "kukassa": 2}


@pytest.mark.parametrize("before,after,direction", [
    (["idulla"], ["kasvussa"], "progressed"),
    (["kasvussa", "idulla"], ["kukassa", "kasvussa"], "progressed"),
    (["kukassa"], ["idulla"], "regressed"),
    (["kasvussa"], ["idulla", "kukassa"], "changed"),  # the floor fell, the ceiling rose
    (["kukassa", "idulla"], ["idulla", "kukassa"], "unchanged"),
    ([], ["kasvussa"], "changed"),
])
def test_direction_by_a_profile_scale(before: list[str], after: list[str], direction: str) -> None:
    assert status_direction(before, after, PROFILE) == direction
    # the packaged vocabulary does not order a profile's own codes: nothing to compare by
    if direction != "unchanged":
        assert status_direction(before, after) == "changed"


def test_the_order_is_the_scale_s_not_the_alphabet_s_or_the_legend_s() -> None:
    # a legend printed best step first: its order on the page is not the scale's
    best_first = {"toteutunut": 0, "osittain": 1, "ei_toteutunut": 2}
    scale = {code: 2 - rank for code, rank in best_first.items()}
    assert status_direction(["ei_toteutunut"], ["osittain"], scale) == "progressed"
    assert status_direction(["toteutunut"], ["osittain"], scale) == "regressed"


@pytest.mark.parametrize("before,after", [
    ([S], ["unknown"]),
    (["unknown"], [IU]),
    ([S, "unknown"], [IU]),  # progress beside a step outside the order: still not clear
    ([IP], [IP, "unknown"]),
])
def test_a_step_outside_the_order_gives_changed(before: list[str], after: list[str]) -> None:
    assert Status.UNKNOWN.rank is None
    assert status_direction(before, after) == "changed"
    assert status_direction(after, before) == "changed"
    # a profile's step outside its order (None), and a code the order does not hold at all
    order = {"a": 0, "b": 1, "ei_tiedossa": None}
    assert status_direction(["a"], ["ei_tiedossa"], order) == "changed"
    assert status_direction(["a"], ["zz"], order) == "changed"
    assert status_direction(["a"], ["b"], order) == "progressed"


def test_the_same_steps_outside_the_order_are_unchanged() -> None:
    assert status_direction(["unknown"], ["unknown", "unknown"]) == "unchanged"
    assert status_direction(["zz"], ["zz"], {}) == "unchanged"


# --- the scale of a diff ----------------------------------------------------------------------


def _steps(*steps: dict[str, Any]) -> list[ScaleStep]:
    return [ScaleStep.model_validate(s) for s in steps]


def _codes(scale: list[ScaleStep]) -> list[tuple[str, int | None]]:
    return [(s.code, s.rank) for s in scale]


def test_a_four_step_scale_in_vocabulary_codes_reads_by_the_vocabulary() -> None:
    """Ei aloitettu < aloitettu mutta kesken < hyvässä vauhdissa < toteutunut, mapped to the
    vocabulary's codes; the newer deck's legend shows three of the steps only: the two years stay
    comparable by the vocabulary's order, and the diff's scale holds all four."""
    old = plan(2023, goal(1, sub(1, "A", ["not_started"]), sub(2, "B", ["in_use"]),
                          sub(3, "C", ["in_progress"])), scale=FOUR_STEPS)
    newer_steps = [step("started", "aloitettu mutta kesken", 0),
                   step("in_progress", "hyvässä vauhdissa", 1), step("in_use", "toteutunut", 2)]
    new = plan(2024, goal(1, sub(1, "A", ["in_progress"]), sub(2, "B", ["started"]),
                          sub(3, "C", ["in_use", "started"])), scale=newer_steps)
    diff = diff_plans(old, new)
    assert [c.direction for c in diff.status_changes] == ["progressed", "regressed", "changed"]
    # the newer deck's steps, then the older's it lacks; ranks in one order
    assert _codes(diff.status_scale) == [("started", 1), ("in_progress", 2), ("in_use", 3),
                                         ("not_started", 0)]
    assert [s.label for s in diff.status_scale] == [
        "aloitettu mutta kesken", "hyvässä vauhdissa", "toteutunut", "ei aloitettu"]
    assert diff.status_label("not_started") == "ei aloitettu"


def test_vocabulary_codes_keep_the_vocabulary_s_order_whatever_the_scale_says() -> None:
    # a scale in vocabulary codes whose ranks disagree with the vocabulary: the vocabulary rules
    upside_down = [step("in_use", "Valmis", 0), step("started", "Aloitettu", 1)]
    old = plan(2023, goal(1, sub(1, "A", ["started"])), scale=upside_down)
    new = plan(2024, goal(1, sub(1, "A", ["in_use"])), scale=upside_down)
    diff = diff_plans(old, new)
    assert diff.status_changes[0].direction == "progressed"
    assert _codes(diff.status_scale) == [("in_use", 1), ("started", 0)]


def test_a_profile_scale_reads_by_the_plans_own_scale() -> None:
    old = plan(2023, goal(1, sub(1, "A", ["idulla"]), sub(2, "B", ["kukassa"])),
               scale=PROFILE_SCALE)
    new = plan(2024, goal(1, sub(1, "A", ["kasvussa"]), sub(2, "B", ["idulla", "kukassa"])),
               scale=PROFILE_SCALE)
    diff = diff_plans(old, new)
    assert [c.direction for c in diff.status_changes] == ["progressed", "regressed"]
    assert _codes(diff.status_scale) == [("idulla", 0), ("kasvussa", 1), ("kukassa", 2)]


def test_an_older_step_the_newer_scale_lacks_keeps_its_place_in_the_order() -> None:
    """The newer deck shows idulla < kukassa only: the older's kasvussa goes between them (by the
    older scale), not above kukassa, so kasvussa -> kukassa is progress."""
    old = plan(2023, goal(1, sub(1, "A", ["kasvussa"]), sub(2, "B", ["kasvussa"])),
               scale=PROFILE_SCALE)
    new = plan(2024, goal(1, sub(1, "A", ["kukassa"]), sub(2, "B", ["idulla"])),
               scale=[step("idulla", "Idulla", 0), step("kukassa", "Kukassa", 1)])
    diff = diff_plans(old, new)
    assert [c.direction for c in diff.status_changes] == ["progressed", "regressed"]
    assert _codes(diff.status_scale) == [("idulla", 0), ("kukassa", 2), ("kasvussa", 1)]


def test_merged_order() -> None:
    def scale(*codes: str) -> list[ScaleStep]:
        return _steps(*(step(c, c, r) for r, c in enumerate(codes)))

    assert merged_order(scale("a", "c"), scale("a", "b", "c")) == ["a", "b", "c"]
    assert merged_order(scale("b", "c"), scale("a", "b", "c")) == ["a", "b", "c"]  # at the bottom
    assert merged_order(scale("a", "b"), scale("a", "b", "c", "d")) == ["a", "b", "c", "d"]
    assert merged_order(scale("a", "b", "c"), scale("a")) == ["a", "b", "c"]
    # a step both scales order differently: the newer's order wins
    assert merged_order(scale("a", "b"), scale("b", "a")) == ["a", "b"]
    # nothing in common: the older's steps are not related to the newer's
    assert merged_order(scale("a", "b"), scale("x", "y")) == ["a", "b"]
    # a newer scale without steps: the older's order
    assert merged_order([], scale("x", "y")) == ["x", "y"]
    # a step the newer holds outside its order stays outside
    outside = _steps(step("a", "a", 0), step("b", "b", 1), step("t", "ei tiedossa", None))
    assert merged_order(outside, scale("a", "t", "b")) == ["a", "b"]


def test_scales_with_nothing_in_common_give_changed_across_them() -> None:
    """A county that changed its scale between years: the older's steps stay in the diff's scale,
    outside the order, and a change from one scale's step to the other's is `changed`."""
    old = plan(2023, goal(1, sub(1, "A", ["started"]), sub(2, "B", ["in_use"])),
               scale=[step("started", "Aloitettu", 0), step("in_use", "Käytössä", 1)])
    new = plan(2024, goal(1, sub(1, "A", ["kukassa"]), sub(2, "B", ["idulla"])),
               scale=PROFILE_SCALE)
    diff = diff_plans(old, new)
    assert [c.direction for c in diff.status_changes] == ["changed", "changed"]
    assert _codes(diff.status_scale) == [("idulla", 0), ("kasvussa", 1), ("kukassa", 2),
                                         ("started", None), ("in_use", None)]


def test_a_code_in_no_scale_is_outside_the_order() -> None:
    old = plan(2023, goal(1, sub(1, "A", ["idulla"]), sub(2, "B", ["idulla"])),
               scale=PROFILE_SCALE)
    new = plan(2024, goal(1, sub(1, "A", ["kasvussa"]), sub(2, "B", ["ohi"])),
               scale=PROFILE_SCALE)
    scale, order = diff_scale(old, new)
    assert "ohi" not in order and "ohi" not in {s.code for s in scale}
    assert [c.direction for c in diff_plans(old, new).status_changes] == ["progressed", "changed"]


def test_plan_codes_cover_the_scale_the_legend_and_every_status() -> None:
    p = plan(2024, goal(1, sub(1, "A", ["a"], actions=[act("x", statuses=["b"])]),
                        actions=[act("y", statuses=["c"])]), scale=[step("d", "D", 0)])
    p = p.model_copy(update={"status_legend": [LegendEntry(status="e", label="E", description="")]})
    assert plan_codes(p) == {"a", "b", "c", "d", "e"}


def test_plans_of_the_vocabulary_without_a_scale_read_by_the_vocabulary() -> None:
    """Plans read from schema 1.0 without a legend have no scale: the vocabulary orders them."""
    old = plan(2023, goal(1, sub(1, "A", [S])))
    new = plan(2024, goal(1, sub(1, "A", [IU])))
    scale, order = diff_scale(old, new)
    assert scale == [] and order[S] is not None and order[IU] is not None
    assert diff_plans(old, new).status_changes[0].direction == "progressed"
