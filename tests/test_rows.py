"""`lnhs_parse.rows`: a diff's rows with actions, status moves in reading order, and actions
followed across years. Plans and diffs built by hand (tests/action_plans.py): the matching of
actions is the diff's (`PlanDiff.actions`), given here as data."""

from __future__ import annotations

import pytest

from action_plans import UNKNOWN_CODE, diff_2023_2024, plan_2023, plan_2024
from lnhs_parse.model import PlanDiff
from lnhs_parse.rows import (
    DIFF_FRAME_COLUMNS,
    build_timeline,
    diff_rows,
    followed,
    plan_actions,
    status_moves,
)

MODEL_TEXT = "Koulujen mielenterveystyön malli"


def test_diff_rows_give_each_action_change_its_statuses_and_direction() -> None:
    diff = diff_2023_2024()
    rows = diff_rows(diff)
    assert all(list(r) == DIFF_FRAME_COLUMNS for r in rows)
    statements, actions = rows[:1], rows[1:]
    assert statements[0]["column"] == "huomiot" and statements[0]["direction"] is None
    assert statements[0]["status_before"] is None and statements[0]["status_after"] is None
    assert [(r["change"], r["sub_goal"], r["direction"]) for r in actions] == [
        ("unchanged", None, "unchanged"), ("modified", 1, "progressed"), ("removed", 1, None),
        ("added", 1, None), ("unchanged", 2, "changed"), ("unchanged", 2, "unchanged")]
    assert {r["column"] for r in actions} == {"action"}
    modified = actions[1]
    # the diff's scale is the newer plan's: its words
    assert (modified["status_before"], modified["status_after"]) == ("Kokeilussa", "Toteutunut")
    assert modified["actors_before"] == "jarvikaupunki, hva"
    assert modified["text_before"].startswith(MODEL_TEXT) and modified["page_after"] == 4
    removed, added = actions[2], actions[3]
    assert (removed["text_after"], removed["status_after"]) == (None, None)
    assert (added["text_before"], added["status_after"]) == (None, "Ei aloitettu")
    assert actions[5]["status_after"] == UNKNOWN_CODE


def test_status_moves_put_each_sub_goals_actions_under_it() -> None:
    moves = status_moves(diff_2023_2024())
    assert [(m.sub_goal, m.action is not None, m.direction) for m in moves] == [
        (None, True, "unchanged"),  # the goal's own action first
        (1, False, "unchanged"), (1, True, "progressed"),
        (2, False, "unchanged"), (2, True, "changed"), (2, True, "unchanged"),
        (3, False, "unchanged"),
    ]
    progressed = moves[2]
    assert (progressed.before, progressed.after) == (["pilotissa"], ["in_use"])
    assert progressed.title.startswith(MODEL_TEXT)


def test_actions_are_followed_as_the_diff_pairs_them() -> None:
    timeline = build_timeline([plan_2024(), plan_2023()], diffs=[diff_2023_2024()])
    assert [p.year for p in timeline.plans] == [2023, 2024]
    by_text = {a.text: a for a in timeline.actions}
    # the reworded action is one row under its latest number and text, both years' statuses
    model = next(a for a in timeline.actions if a.text.startswith(MODEL_TEXT))
    assert model.text.endswith("kaikkiin kouluihin") and model.number == "1.1"
    assert model.numbers == {2023: "1", 2024: "1.1"}
    assert model.statuses == {2023: ["pilotissa"], 2024: ["in_use"]}
    # an action without a status of its own in any year is not followed (the chat service)
    assert "Nuorten chat-palvelu" not in by_text
    # one that got its own status: [] the year it had none
    assert by_text["Harrastusmessut kouluilla"].statuses == {2023: [], 2024: ["pilotissa"]}
    assert by_text["Vanhempainryhmät"].statuses == {2024: ["not_started"]}
    # under their sub-goals' rows, in the latest plan's order; the goal's own action apart
    first, second, third = timeline.sub_goals
    assert [a.text[:20] for a in first.actions] == [MODEL_TEXT[:20], "Vanhempainryhmät"]
    assert [a.text for a in second.actions] == ["Harrastusmessut kouluilla",
                                                "Uusi toimintamuoto kokeiluun"]
    assert third.actions == []
    (own,) = timeline.goal_actions(1)
    assert own.parent is None and own.sub_goal is None
    assert own.statuses == {2023: ["in_use"], 2024: ["in_use"]}
    assert all(a.parent is not None and a.sub_goal == a.parent.sub_goal
               for a in timeline.actions if a is not own)
    assert len(timeline.actions) == 5


def test_without_a_diff_each_years_actions_stand_alone() -> None:
    timeline = build_timeline([plan_2023(), plan_2024()], diffs=[None])
    texts = [a.text for a in timeline.actions]
    # nothing paired: the goal's own action and the two of sub-goal 1.2 appear once per year
    assert texts.count("Hyvinvointikertomus päivitetään") == 2
    assert texts.count("Harrastusmessut kouluilla") == 1  # no status of its own in 2023
    assert len(timeline.actions) == 8  # 2023: three with a status of their own; 2024: five


def test_identical_actions_are_paired_one_to_one() -> None:
    """Two equal actions (the same text repeated in two rows) each follow their own partner."""
    old, new = plan_2023(), plan_2024()
    twin = new.goals[0].sub_goals[1].actions[1].model_copy()
    new.goals[0].sub_goals[1].actions.append(twin)
    old.goals[0].sub_goals[1].actions.append(old.goals[0].sub_goals[1].actions[1].model_copy())
    data = diff_2023_2024().model_dump()
    data["actions"].append({**data["actions"][-1]})
    rows, actions = followed([old, new], [PlanDiff.model_validate(data)])
    twins = [a for a in actions if a.text == "Uusi toimintamuoto kokeiluun"]
    assert len(twins) == 2 and all(sorted(a.statuses) == [0, 1] for a in twins)
    assert len(rows) == 3


def test_diffs_must_be_one_per_pair() -> None:
    with pytest.raises(ValueError, match="one per consecutive pair"):
        build_timeline([plan_2023(), plan_2024()], diffs=[])


def test_plan_actions_in_plan_order() -> None:
    places = [(g, s, a.text[:12]) for g, s, a in plan_actions(plan_2023())]
    assert places == [(1, None, "Hyvinvointik"), (1, 1, "Koulujen mie"), (1, 1, "Nuorten chat"),
                      (1, 2, "Harrastusmes"), (1, 2, "Uusi toimint")]
