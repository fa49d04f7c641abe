"""Alignment (`lnhs_parse.compare.align`) of what other templates hold: actions (per sub-goal and
per main goal, with their own statuses) and statements of columns of no known role."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hand_plans import (
    PROFILE_SCALE,
    act,
    actor,
    column,
    goal,
    other,
    plan,
    st,
    sub,
)

from lnhs_parse.compare import DiffSettings, diff_plans, similarity
from lnhs_parse.compare.align import statement_columns, statement_fields
from lnhs_parse.model import Plan, PlanDiff, SubGoal
from lnhs_parse.schema import schema


def actions(diff: PlanDiff, include_unchanged: bool = False) -> list[tuple[Any, ...]]:
    return [
        (c.change, c.goal, c.sub_goal, c.before.text if c.before else None,
         c.after.text if c.after else None)
        for c in diff.actions
        if include_unchanged or c.change != "unchanged"
    ]


def statements(diff: PlanDiff, include_unchanged: bool = False) -> list[tuple[Any, ...]]:
    return [
        (c.change, c.goal, c.sub_goal, c.column, c.before.text if c.before else None,
         c.after.text if c.after else None)
        for c in diff.statements
        if include_unchanged or c.change != "unchanged"
    ]


def _valid(diff: PlanDiff) -> None:
    data = json.loads(diff.to_json())
    jsonschema.validate(data, schema("diff"))
    assert PlanDiff.model_validate(data) == diff


# --- actions ----------------------------------------------------------------------------------

KURAATTORI_OLD = "Koulukuraattoreiden rekrytointi"
KURAATTORI_NEW = "Koulukuraattorit rekrytoitu kaikkiin kouluihin"
CHAT = "Perheneuvolan chat-palvelu avataan"
RYHMAT = "Vertaisryhmät eroperheiden lapsille"


def test_unchanged_actions_carry_the_direction_of_their_own_statuses() -> None:
    old = plan(2023, goal(1, sub(1, "A", actions=[
        act(CHAT, responsible=["hva"], statuses=["started"]),
        act(RYHMAT, "mll", statuses=["in_use"]),
        act("Nuorisotakuu", responsible=["kotka"]),
    ])))
    new = plan(2024, goal(1, sub(1, "A", actions=[
        act(CHAT, responsible=["hva"], statuses=["in_progress"]),
        act(RYHMAT, "mll", statuses=["in_use"]),
        act("Nuorisotakuu", responsible=["kotka"]),
    ])))
    diff = diff_plans(old, new)
    assert [(c.change, c.similarity, c.direction) for c in diff.actions] == [
        ("unchanged", 1.0, "progressed"), ("unchanged", 1.0, "unchanged"),
        ("unchanged", 1.0, None)]  # no statuses of its own on either side: no direction
    assert diff.statements == []
    # the sub-goal has no statuses of its own: still one status change, unchanged
    assert [(c.sub_goal, c.before, c.after, c.direction) for c in diff.status_changes] == [
        (1, [], [], "unchanged")]
    _valid(diff)


def test_an_action_gaining_or_losing_its_status_has_changed() -> None:
    old = plan(2023, goal(1, sub(1, "A", actions=[act(CHAT, statuses=["started"]), act(RYHMAT)])))
    new = plan(2024, goal(1, sub(1, "A", actions=[act(CHAT), act(RYHMAT, statuses=["unknown"])])))
    assert [c.direction for c in diff_plans(old, new).actions] == ["changed", "changed"]


def test_action_directions_follow_the_plan_s_scale() -> None:
    old = plan(2023, goal(1, sub(1, "A", actions=[act(CHAT, statuses=["idulla"]),
                                                  act(RYHMAT, statuses=["kukassa"])])),
               scale=PROFILE_SCALE)
    new = plan(2024, goal(1, sub(1, "A", actions=[act(CHAT, statuses=["kasvussa"]),
                                                  act(RYHMAT, statuses=["kasvussa"])])),
               scale=PROFILE_SCALE)
    assert [c.direction for c in diff_plans(old, new).actions] == ["progressed", "regressed"]


def test_an_action_s_actors_are_its_own_and_the_responsible_ones() -> None:
    """The same text with other responsible actors is modified in place, not unchanged; a
    reworded action pairs on stems when it shares a responsible actor."""
    old = plan(2023, goal(1, sub(1, "A", actions=[
        act(CHAT, responsible=["hva"]), act(KURAATTORI_OLD, responsible=["hva", "kotka"])])))
    new = plan(2024, goal(1, sub(1, "A", actions=[
        act(CHAT, responsible=["hva", "kouvola"]), act(KURAATTORI_NEW, responsible=["kotka"])])))
    diff = diff_plans(old, new)
    assert actions(diff) == [("modified", 1, 1, CHAT, CHAT),
                             ("modified", 1, 1, KURAATTORI_OLD, KURAATTORI_NEW)]
    assert diff.actions[1].similarity < DiffSettings().modified_threshold  # paired on stems


def test_a_reworded_action_without_actors_needs_similar_text() -> None:
    old = plan(2023, goal(1, sub(1, "A", actions=[act(KURAATTORI_OLD)])))
    new = plan(2024, goal(1, sub(1, "A", actions=[act(KURAATTORI_NEW)])))
    assert similarity(KURAATTORI_OLD, KURAATTORI_NEW) < DiffSettings().modified_threshold
    assert actions(diff_plans(old, new)) == [("removed", 1, 1, KURAATTORI_OLD, None),
                                             ("added", 1, 1, None, KURAATTORI_NEW)]
    slight = "Koulukuraattoreiden rekrytointi käynnissä"
    newer = plan(2024, goal(1, sub(1, "A", actions=[act(slight)])))
    assert actions(diff_plans(old, newer)) == [("modified", 1, 1, KURAATTORI_OLD, slight)]


def test_an_action_moved_to_another_sub_goal_is_one_entry() -> None:
    old = plan(2023, goal(1, sub(1, "A", actions=[act(CHAT, responsible=["hva"]), act(RYHMAT)]),
                          sub(2, "B", actions=[act("Nuorisotakuu")])))
    new = plan(2024, goal(1, sub(1, "A", actions=[act(RYHMAT)]),
                          sub(2, "B", actions=[act("Nuorisotakuu"),
                                               act(CHAT + ".", responsible=["hva"])])))
    diff = diff_plans(old, new)
    assert actions(diff) == [("moved", 1, 2, CHAT, CHAT + ".")]
    (moved,) = [c for c in diff.actions if c.change == "moved"]
    assert moved.moved_from is not None
    assert moved.moved_from.model_dump() == {"goal": 1, "sub_goal": 1}
    assert moved.similarity >= DiffSettings().moved_threshold


def test_added_and_removed_actions_in_order() -> None:
    """A removed action stands at its old position, before what stands there now."""
    old = plan(2023, goal(1, sub(1, "A", actions=[act("Yksi"), act("Kaksi"), act("Kolme")])))
    new = plan(2024, goal(1, sub(1, "A", actions=[act("Yksi"), act("Neljä uutta"),
                                                  act("Kolme")])))
    diff = diff_plans(old, new)
    assert actions(diff, include_unchanged=True) == [
        ("unchanged", 1, 1, "Yksi", "Yksi"),
        ("removed", 1, 1, "Kaksi", None),
        ("added", 1, 1, None, "Neljä uutta"),
        ("unchanged", 1, 1, "Kolme", "Kolme"),
    ]
    assert all(c.direction is None for c in diff.actions if c.change in ("added", "removed"))


def test_goal_level_actions() -> None:
    """Actions listed under a main goal (a table without a sub-goal column): sub_goal null, placed
    before the goal's sub-goals; one found again under a sub-goal has moved."""
    old = plan(2023, goal(1, sub(1, "A"), actions=[
        act(CHAT, statuses=["started"]), act(RYHMAT), act(KURAATTORI_OLD, responsible=["hva"])]))
    new = plan(2024, goal(1, sub(1, "A", actions=[act(RYHMAT)]), actions=[
        act(CHAT, statuses=["in_use"]), act(KURAATTORI_NEW, responsible=["hva"]),
        act("Nuorisotakuu")]))
    diff = diff_plans(old, new)
    assert actions(diff, include_unchanged=True) == [
        ("unchanged", 1, None, CHAT, CHAT),
        ("modified", 1, None, KURAATTORI_OLD, KURAATTORI_NEW),
        ("added", 1, None, None, "Nuorisotakuu"),
        ("moved", 1, 1, RYHMAT, RYHMAT),
    ]
    assert diff.actions[0].direction == "progressed"
    assert diff.actions[3].moved_from is not None
    assert diff.actions[3].moved_from.model_dump() == {"goal": 1, "sub_goal": None}
    _valid(diff)


def test_actions_of_a_goal_in_one_plan_only_are_added_or_removed() -> None:
    old = plan(2023, goal(1, actions=[act(CHAT)]), goal(2, actions=[act("Poistuva toimenpide")]))
    new = plan(2024, goal(1, actions=[act(CHAT)]), goal(3, actions=[act("Uusi toimenpide")]))
    diff = diff_plans(old, new)
    assert actions(diff, include_unchanged=True) == [
        ("unchanged", 1, None, CHAT, CHAT),
        ("removed", 2, None, "Poistuva toimenpide", None),
        ("added", 3, None, None, "Uusi toimenpide"),
    ]
    assert [g.number for g in diff.goals] == [1, 2, 3]


def test_actions_of_a_renumbered_sub_goal_carry_its_old_number() -> None:
    old = plan(2023, goal(1, sub(1, "Lasten ja nuorten arvostaminen", actions=[act(CHAT)])))
    new = plan(2024, goal(1, sub(1, "Digitaaliset palvelut", actions=[act("Uusi")]),
                          sub(2, "Lasten ja nuorten arvostaminen", actions=[act(CHAT)])))
    diff = diff_plans(old, new)
    assert [(c.change, c.sub_goal, c.base_sub_goal) for c in diff.actions] == [
        ("added", 1, None), ("unchanged", 2, 1)]


def test_actions_and_statements_are_never_paired_with_each_other() -> None:
    old = plan(2023, goal(1, sub(1, "A", focus=[st(CHAT)])))
    new = plan(2024, goal(1, sub(1, "A", actions=[act(CHAT)])))
    diff = diff_plans(old, new)
    assert statements(diff) == [("removed", 1, 1, "focus_areas", CHAT, None)]
    assert actions(diff) == [("added", 1, 1, None, CHAT)]


def test_every_action_of_both_plans_appears_once() -> None:
    old = plan(2023, goal(1, sub(1, "A", actions=[act(CHAT), act(RYHMAT), act("Yksi")]),
                          sub(2, "B", actions=[act(KURAATTORI_OLD, "hva")])),
               goal(2, actions=[act("Kaksi"), act("Kaksi")]))
    new = plan(2024, goal(1, sub(1, "A", actions=[act(RYHMAT + " käynnissä"), act("Kolme")]),
                          sub(2, "B", actions=[act(KURAATTORI_NEW, "hva"), act(CHAT)])),
               goal(2, actions=[act("Kaksi")]))
    diff = diff_plans(old, new)

    def texts(p: Plan) -> list[str]:
        return sorted(a.text for g in p.goals for a in (*g.actions, *(
            x for s in g.sub_goals for x in s.actions)))

    assert sorted(c.before.text for c in diff.actions if c.before) == texts(old)
    assert sorted(c.after.text for c in diff.actions if c.after) == texts(new)
    for c in diff.actions:
        assert (c.moved_from is not None) == (c.change == "moved")
        assert (c.before is None) == (c.change == "added")
        assert (c.after is None) == (c.change == "removed")
    keys = [(c.goal, -1 if c.sub_goal is None else c.sub_goal) for c in diff.actions]
    assert keys == sorted(keys)
    assert diff_plans(old, new).to_json() == diff.to_json()  # deterministic


def test_the_diff_names_the_actors_of_its_actions() -> None:
    records = [actor("hva", "Hyvinvointialue"), actor("kotka", "Kotka"), actor("mll", "MLL")]
    old = plan(2023, goal(1, sub(1, "A", actions=[act(CHAT, "mll", responsible=["hva"])])),
               actors=records)
    new = plan(2024, goal(1, sub(1, "A", actions=[act(CHAT, "mll", responsible=["kotka"])])),
               actors=records)
    assert [a.id for a in diff_plans(old, new).actors] == ["hva", "kotka", "mll"]


# --- statements of other columns ----------------------------------------------------------------


def test_the_statement_columns_are_read_from_the_model() -> None:
    assert statement_fields() == ("focus_areas", "joint_highlights")
    s = SubGoal.model_validate(sub(1, "A", focus=[st("f")], others=[
        other("huomiot", "Huomiot", st("h1")), other("huomiot", "Huomiot", st("h2"))]))
    assert [(key, [x.text for x in sts]) for key, sts in statement_columns(s)] == [
        ("focus_areas", ["f"]), ("joint_highlights", []), ("huomiot", ["h1", "h2"])]


def test_statements_of_other_columns_are_aligned_under_their_key() -> None:
    old = plan(2023, goal(1, sub(1, "A", others=[
        other("huomiot", "Huomiot", st("Ryhmät kokoontuvat", "mll"),
              st("Eroauttamisen polku on työn alla", "hva"), st("Poistuva huomio"))])))
    new = plan(2024, goal(1, sub(1, "A", others=[
        other("huomiot", "Huomiot", st("Ryhmät kokoontuvat", "mll"),
              st("Eroauttamisen polku on valmistunut", "hva"))])))
    diff = diff_plans(old, new)
    assert statements(diff, include_unchanged=True) == [
        ("unchanged", 1, 1, "huomiot", "Ryhmät kokoontuvat", "Ryhmät kokoontuvat"),
        ("modified", 1, 1, "huomiot", "Eroauttamisen polku on työn alla",
         "Eroauttamisen polku on valmistunut"),
        ("removed", 1, 1, "huomiot", "Poistuva huomio", None),
    ]
    _valid(diff)


def test_a_column_of_one_year_only_has_no_counterpart() -> None:
    """Its statements are added (or removed), unless found again elsewhere: then moved."""
    text = "Vauvaperheiden tuki ja ryhmämuotoinen toiminta käynnissä koko alueella"
    old = plan(2023, goal(1, sub(1, "A", focus=[st(text)])))
    new = plan(2024, goal(1, sub(1, "A", others=[
        other("arviointi", "Arviointi 2024", st(text), st("Uusi arvio"))])))
    diff = diff_plans(old, new)
    assert statements(diff) == [("moved", 1, 1, "arviointi", text, text),
                                ("added", 1, 1, "arviointi", None, "Uusi arvio")]
    assert diff.statements[0].moved_from is not None
    assert diff.statements[0].moved_from.model_dump() == {
        "goal": 1, "sub_goal": 1, "column": "focus_areas"}


def test_columns_sort_in_the_plan_s_table_order() -> None:
    """By the newer plan's table columns left to right when it lists them; else the model's
    statement columns first, then others as met."""
    subs = sub(1, "A", focus=[st("painopiste")], joint=[st("nosto")],
               others=[other("huomiot", "Huomiot", st("huomio"))])
    table = [column("huomiot", "other", "Huomiot"), column("joint_highlights", "joint_highlights",
                                                         "Yhteisen työn nostot"),
             column("focus_areas", "focus_areas", "Lisätyt painopisteet")]
    listed = plan(2024, goal(1, subs), columns=table)
    assert [c.column for c in diff_plans(listed, listed).statements] == [
        "huomiot", "joint_highlights", "focus_areas"]
    bare = plan(2024, goal(1, subs))
    assert [c.column for c in diff_plans(bare, bare).statements] == [
        "focus_areas", "joint_highlights", "huomiot"]
    # a sub-goal with nothing in its first column still sorts by the columns, not by what it meets
    later = plan(2024, goal(1, sub(1, "A", joint=[st("nosto")]),
                            sub(2, "B", focus=[st("painopiste")], joint=[st("toinen")])))
    assert [(c.sub_goal, c.column) for c in diff_plans(later, later).statements] == [
        (1, "joint_highlights"), (2, "focus_areas"), (2, "joint_highlights")]
