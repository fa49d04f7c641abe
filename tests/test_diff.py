"""The diff of two plans: sub-goal matching, status directions, statement changes, the report.

The fixture tests compare `diff_plans` on the expected plans (written from the generator's content,
independent of the parser) with the hand-written changes in fixtures/gen/changes.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import lnhs_parse
from lnhs_parse import ConfigError, Plan, PlanDiff
from lnhs_parse.cli import main
from lnhs_parse.compare import (
    DiffSettings,
    diff_plans,
    similarity,
)
from lnhs_parse.labels import COLUMNS
from lnhs_parse.markdown import diff_markdown as to_markdown
from lnhs_parse.schema import schema
from support import FIXTURES, expected_as_plan, load_script, ws

S, IP, IU = "started", "in_progress", "in_use"


def _changes_module() -> Any:
    return load_script(FIXTURES / "gen" / "changes.py", "fixture_changes")


# --- views: what the hand-written changes state ------------------------------------------------


def _status_view(diff: PlanDiff) -> list[dict[str, Any]]:
    out = []
    for c in diff.status_changes:
        row = {"goal": c.goal, "sub_goal": c.sub_goal, "title": ws(c.title),
               "before": list(c.before), "after": list(c.after),
               "direction": c.direction}
        if c.base_sub_goal is not None:
            row["base_sub_goal"] = c.base_sub_goal
        out.append(row)
    return out


def _statement_view(diff: PlanDiff) -> list[dict[str, Any]]:
    out = []
    for c in diff.statements:
        if c.change == "unchanged":
            continue
        row = {"goal": c.goal, "sub_goal": c.sub_goal, "column": c.column, "change": c.change,
               "before_text": ws(c.before.text) if c.before else None,
               "after_text": ws(c.after.text) if c.after else None,
               "moved_from": c.moved_from.model_dump() if c.moved_from else None}
        if c.base_sub_goal is not None:
            row["base_sub_goal"] = c.base_sub_goal
        out.append(row)
    return out


def _expected_statements(changes: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**st,
         "before_text": ws(st["before_text"]) if st["before_text"] is not None else None,
         "after_text": ws(st["after_text"]) if st["after_text"] is not None else None}
        for st in changes["statements"]
    ]


def _sorted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def _view(diff: PlanDiff) -> dict[str, Any]:
    return {
        "status_changes": _status_view(diff),
        "added_sub_goals": [r.model_dump() for r in diff.added_sub_goals],
        "removed_sub_goals": [r.model_dump() for r in diff.removed_sub_goals],
        "statements": _sorted(_statement_view(diff)),
    }


def _expected_view(changes: dict[str, Any]) -> dict[str, Any]:
    return {
        "status_changes": [{**c, "title": ws(c["title"])} for c in changes["status_changes"]],
        "added_sub_goals": changes["added_sub_goals"],
        "removed_sub_goals": changes["removed_sub_goals"],
        "statements": _sorted(_expected_statements(changes)),
    }


# --- the fixture decks ---------------------------------------------------------------------------

YEAR_PAIRS = [
    ("kymenlaakso-2022", "kymenlaakso-2023", "CHANGES_2022_2023"),
    ("kymenlaakso-2023", "kymenlaakso-2024", "CHANGES_2023_2024"),
]


@pytest.mark.parametrize("old,new,changes", YEAR_PAIRS)
def test_fixture_status_changes(old: str, new: str, changes: str) -> None:
    expected = getattr(_changes_module(), changes)
    diff = diff_plans(expected_as_plan(old), expected_as_plan(new))
    assert _status_view(diff) == _expected_view(expected)["status_changes"]
    assert [r.model_dump() for r in diff.added_sub_goals] == expected["added_sub_goals"]
    assert [r.model_dump() for r in diff.removed_sub_goals] == expected["removed_sub_goals"]


@pytest.mark.parametrize("old,new,changes", YEAR_PAIRS)
def test_fixture_statement_changes(old: str, new: str, changes: str) -> None:
    expected = getattr(_changes_module(), changes)
    diff = diff_plans(expected_as_plan(old), expected_as_plan(new))
    actual = _sorted(_statement_view(diff))
    wanted = _sorted(_expected_statements(expected))
    missing = [r for r in wanted if r not in actual]
    extra = [r for r in actual if r not in wanted]
    assert not missing and not extra, {"missing": missing, "extra": extra}


@pytest.mark.parametrize("old,new,changes", YEAR_PAIRS)
def test_fixture_diff_accounts_for_every_statement_once(old: str, new: str, changes: str) -> None:
    a, b = expected_as_plan(old), expected_as_plan(new)
    diff = diff_plans(a, b)

    def texts(plan: Plan) -> list[str]:
        return sorted(ws(st.text) for g in plan.goals for s in g.sub_goals
                      for col in COLUMNS for st in getattr(s, col))

    assert sorted(ws(c.before.text) for c in diff.statements if c.before) == texts(a)
    assert sorted(ws(c.after.text) for c in diff.statements if c.after) == texts(b)
    for c in diff.statements:
        assert (c.moved_from is not None) == (c.change == "moved")
        assert (c.before is None) == (c.change == "added")
        assert (c.after is None) == (c.change == "removed")
        if c.change == "unchanged":
            assert c.before is not None and c.after is not None
            assert (ws(c.before.text), c.before.actors) == (ws(c.after.text), c.after.actors)
            assert c.similarity == 1.0


@pytest.mark.parametrize("old,new,changes", YEAR_PAIRS)
def test_fixture_diff_is_deterministic_and_ordered(old: str, new: str, changes: str) -> None:
    a, b = expected_as_plan(old), expected_as_plan(new)
    first, second = diff_plans(a, b), diff_plans(a, b)
    assert first.to_json() == second.to_json()
    keys = [(c.goal, c.sub_goal, COLUMNS.index(c.column)) for c in first.statements]
    assert keys == sorted(keys)
    # within one place, the newer plan's statements keep their order
    for place in set(keys):
        afters = [c.after for c in first.statements
                  if (c.goal, c.sub_goal, COLUMNS.index(c.column)) == place and c.after is not None]
        goal, number, col = place
        (sub,) = [s for g in b.goals if g.number == goal for s in g.sub_goals if s.number == number]
        assert afters == getattr(sub, COLUMNS[col])


# Decks of two house styles and two formats against each other (PDF exported by LibreOffice,
# PPTX written by python-pptx): the same changes as the expected plans of the main style.
CROSS_PAIRS = [
    ("kymenlaakso-2023-glyphs.pdf", "kymenlaakso-2024-fills.pptx", "CHANGES_2023_2024"),
    ("kymenlaakso-2023-pictures.pptx", "kymenlaakso-2024-fills.pdf", "CHANGES_2023_2024"),
    ("kymenlaakso-2023.pptx", "kymenlaakso-2024.pdf", "CHANGES_2023_2024"),
    ("kymenlaakso-2022.pdf", "kymenlaakso-2023-glyphs.pptx", "CHANGES_2022_2023"),
    ("kymenlaakso-2022.pptx", "kymenlaakso-2023-pictures.pdf", "CHANGES_2022_2023"),
]


@pytest.mark.parametrize("old,new,changes", CROSS_PAIRS)
def test_diff_across_house_styles_and_formats(old: str, new: str, changes: str) -> None:
    parsed = lnhs_parse.diff(FIXTURES / old, FIXTURES / new)
    base = old.split(".")[0].removesuffix("-glyphs").removesuffix("-pictures")
    head = new.split(".")[0]
    for style in ("-fills", "-glyphs", "-pictures"):
        head = head.removesuffix(style)
    reference = diff_plans(expected_as_plan(base), expected_as_plan(head))
    assert _view(parsed) == _view(reference)
    assert _view(parsed) == _expected_view(getattr(_changes_module(), changes))
    assert [c.change for c in parsed.statements] == [c.change for c in reference.statements]


# --- small hand-built plans ----------------------------------------------------------------------


def st(text: str, *actors: str) -> dict[str, Any]:
    return {"text": text, "actors": list(actors), "attribution": "prefix" if actors else "none",
            "raw": text, "page": 1, "bbox": [0, 0, 0, 0]}


def sg(number: int, title: str, statuses: list[str], focus: Sequence[dict[str, Any]] = (),
       joint: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    return {"number": number, "title": title, "statuses": statuses,
            "focus_areas": list(focus), "joint_highlights": list(joint), "pages": [1]}


def plan(year: int, *goals: list[dict[str, Any]]) -> Plan:
    return Plan.model_validate({
        "source": {"path": f"{year}.pdf", "format": "pdf", "sha256": "0" * 64, "pages": 1},
        "region": "Testimaa", "title": "Suunnitelma", "year": year,
        "goals": [{"number": n, "numeral": "I" * n, "title": f"Päätavoite {n}", "sub_goals": subs}
                  for n, subs in enumerate(goals, start=1)],
    })


def changes(diff: PlanDiff, include_unchanged: bool = False) -> list[tuple[Any, ...]]:
    return [
        (c.change, c.goal, c.sub_goal, c.column,
         c.before.text if c.before else None, c.after.text if c.after else None)
        for c in diff.statements
        if include_unchanged or c.change != "unchanged"
    ]


def test_one_status_change_per_matched_sub_goal_unchanged_included() -> None:
    old = plan(2022, [sg(1, "Arvostaminen", [S]), sg(2, "Vanhemmuus", [IP])])
    new = plan(2023, [sg(1, "Arvostaminen", [IP]), sg(2, "Vanhemmuus", [IP])])
    diff = diff_plans(old, new)
    assert [(c.sub_goal, c.direction) for c in diff.status_changes] == [
        (1, "progressed"), (2, "unchanged")]
    assert diff.base.year == 2022 and diff.head.year == 2023


def test_renumbered_sub_goal_is_matched_by_title() -> None:
    old = plan(2023, [
        sg(1, "Lasten ja nuorten arvostaminen", [IP],
           [st("palautejärjestelmää kehitetään", "hva")]),
        sg(2, "Vanhemmuuden tukeminen", [S], [st("perhevalmennus", "hva")], [st("webinaarit")]),
    ])
    new = plan(2024, [
        sg(1, "Lasten ja nuorten arvostaminen", [IP],
           [st("palautejärjestelmää kehitetään", "hva")]),
        sg(2, "Ammattilaisten yhteinen koulutus", [S], [st("koulutuskalenteri", "hva")]),
        sg(3, "Vanhemmuuden tukeminen", [IP], [st("perhevalmennus", "hva")],
           [st("webinaarit uudet")]),
    ])
    diff = diff_plans(old, new)
    assert [(c.sub_goal, c.base_sub_goal, c.direction) for c in diff.status_changes] == [
        (1, None, "unchanged"), (3, 2, "progressed")]
    assert [(r.goal, r.sub_goal, r.title) for r in diff.added_sub_goals] == [
        (1, 2, "Ammattilaisten yhteinen koulutus")]
    assert diff.removed_sub_goals == []
    assert changes(diff) == [
        ("added", 1, 2, "focus_areas", None, "koulutuskalenteri"),
        ("modified", 1, 3, "joint_highlights", "webinaarit", "webinaarit uudet"),
    ]
    by_text = {c.after.text: c for c in diff.statements if c.after}
    assert by_text["perhevalmennus"].change == "unchanged"
    assert by_text["perhevalmennus"].base_sub_goal == 2
    assert by_text["webinaarit uudet"].base_sub_goal == 2
    assert by_text["koulutuskalenteri"].base_sub_goal is None
    assert by_text["palautejärjestelmää kehitetään"].base_sub_goal is None


def test_same_number_with_an_unrelated_title_is_a_new_sub_goal() -> None:
    old = plan(2023, [sg(1, "Turvallinen elinympäristö", [IP],
                         [st("turvallisuuskävelyt", "kotka")])])
    new = plan(2024, [sg(1, "Digitaaliset palvelut lapsiperheille", [S], [st("chat", "hva")])])
    diff = diff_plans(old, new)
    assert diff.status_changes == []
    assert [r.title for r in diff.added_sub_goals] == ["Digitaaliset palvelut lapsiperheille"]
    assert [r.title for r in diff.removed_sub_goals] == ["Turvallinen elinympäristö"]
    assert changes(diff) == [
        ("removed", 1, 1, "focus_areas", "turvallisuuskävelyt", None),
        ("added", 1, 1, "focus_areas", None, "chat"),
    ]


def test_an_identical_title_elsewhere_beats_a_similar_one_at_the_same_number() -> None:
    old = plan(2023, [sg(1, "Lasten ja nuorten arvostaminen", [IP]),
                      sg(2, "Turvallinen elinympäristö", [S])])
    new = plan(2024, [sg(1, "Lasten ja nuorten terveyden edistäminen", [S]),
                      sg(2, "Lasten ja nuorten arvostaminen", [IU]),
                      sg(3, "Turvallinen elinympäristö", [S])])
    assert similarity(old.goals[0].sub_goals[0].title, new.goals[0].sub_goals[0].title) > 0.6
    diff = diff_plans(old, new)
    assert [(c.sub_goal, c.base_sub_goal, c.direction) for c in diff.status_changes] == [
        (2, 1, "progressed"), (3, 2, "unchanged")]
    assert [r.sub_goal for r in diff.added_sub_goals] == [1]


def test_a_slightly_reworded_title_keeps_the_sub_goal() -> None:
    old = plan(2023, [sg(1, "Lasten ja nuorten arvostaminen", [S])])
    new = plan(2024, [sg(1, "Lasten ja nuorten arvostaminen ja kuuleminen", [IP])])
    diff = diff_plans(old, new)
    assert [(c.sub_goal, c.direction, c.title) for c in diff.status_changes] == [
        (1, "progressed", "Lasten ja nuorten arvostaminen ja kuuleminen")]
    assert diff.added_sub_goals == diff.removed_sub_goals == []


def test_moved_statement_is_one_entry() -> None:
    text = "Vauvaperheiden tuki ja ryhmämuotoinen toiminta käynnissä koko Kymenlaaksossa"
    old = plan(2023, [sg(1, "Vanhemmuus", [IP], joint=[st("webinaarit"), st(text)]),
                      sg(2, "Palvelut", [IP], joint=[st("kohtaamispaikat")])])
    new = plan(2024, [sg(1, "Vanhemmuus", [IP], joint=[st("webinaarit")]),
                      sg(2, "Palvelut", [IP], focus=[st(text)], joint=[st("kohtaamispaikat")])])
    diff = diff_plans(old, new)
    moved = [c for c in diff.statements if c.change != "unchanged"]
    assert len(moved) == 1
    (c,) = moved
    assert (c.change, c.goal, c.sub_goal, c.column) == ("moved", 1, 2, "focus_areas")
    assert c.moved_from is not None and c.moved_from.model_dump() == {
        "goal": 1, "sub_goal": 1, "column": "joint_highlights"}
    assert c.before is not None and c.after is not None and c.before.text == c.after.text == text
    assert c.similarity == 1.0


def test_moved_across_main_goals_with_a_fixed_typo() -> None:
    old = plan(2023, [sg(1, "A", [IP], focus=[st("palautejärjestelmää kehitetään", "hva")])],
               [sg(1, "B", [IP])])
    new = plan(2024, [sg(1, "A", [IP])],
               [sg(1, "B", [IP], focus=[st("palautejärjestelmää kehitetään.", "hva")])])
    diff = diff_plans(old, new)
    assert [(c.change, c.goal, c.sub_goal) for c in diff.statements] == [("moved", 2, 1)]
    moved_from = diff.statements[0].moved_from
    assert moved_from is not None and moved_from.goal == 1


def test_reworded_in_place_is_modified_not_added_and_removed() -> None:
    old = plan(2023, [sg(1, "A", [IP], joint=[st("Eroauttamisen polku on työn alla", "hva"),
                                              st("Perhekeskus avattu", "kotka")])])
    new = plan(2024, [sg(1, "A", [IP], joint=[st("Eroauttamisen polku on valmistunut", "hva"),
                                              st("Perhekeskus avattu", "kotka")])])
    diff = diff_plans(old, new)
    assert changes(diff) == [("modified", 1, 1, "joint_highlights",
                              "Eroauttamisen polku on työn alla",
                              "Eroauttamisen polku on valmistunut")]
    (c,) = [c for c in diff.statements if c.change == "modified"]
    assert DiffSettings().modified_threshold <= c.similarity < 1.0
    assert c.moved_from is None


def test_a_short_statement_reworded_by_the_same_actor_is_modified() -> None:
    """Little text in common, but the same actor and a word stem shared despite inflection."""
    old = plan(2023, [sg(1, "A", [IP], focus=[st("vertaistukiryhmiä suunnitellaan", "mll"),
                                              st("Perhekeskus avattu", "kotka")])])
    new = plan(2024, [sg(1, "A", [IP], focus=[
        st("vertaistukiryhmät käynnistetty kolmessa kunnassa", "mll"),
        st("Perhekeskus avattu", "kotka")])])
    diff = diff_plans(old, new)
    assert changes(diff) == [("modified", 1, 1, "focus_areas", "vertaistukiryhmiä suunnitellaan",
                              "vertaistukiryhmät käynnistetty kolmessa kunnassa")]
    (c,) = [c for c in diff.statements if c.change == "modified"]
    assert c.similarity < DiffSettings().modified_threshold  # the text alone would not pair them
    # another actor, or no actors at all: the shared stem alone is not enough
    for actors in (("kotka",), ()):
        other = plan(2024, [sg(1, "A", [IP], focus=[
            st("vertaistukiryhmät käynnistetty kolmessa kunnassa", *actors),
            st("Perhekeskus avattu", "kotka")])])
        assert [c.change for c in diff_plans(old, other).statements if c.change != "unchanged"] == [
            "removed", "added"]
    # one actor in common is enough ("MLL" -> "MLL, Kotka")
    shared = plan(2024, [sg(1, "A", [IP], focus=[
        st("vertaistukiryhmät käynnistetty kolmessa kunnassa", "mll", "kotka"),
        st("Perhekeskus avattu", "kotka")])])
    assert [c.change for c in diff_plans(old, shared).statements] == ["modified", "unchanged"]


def test_a_common_word_alone_does_not_pair() -> None:
    old = plan(2023, [sg(1, "A", [IP], focus=[
        st("ohjattu omahoito aloitettu, näyttöön perustuvien menetelmien käyttö aloitettu",
           "hva")])])
    new = plan(2024, [sg(1, "A", [IP], focus=[st("Perheneuvolan chat-palvelu aloitettu", "hva")])])
    assert [c.change for c in diff_plans(old, new).statements] == ["removed", "added"]


def test_reworded_pairs_are_an_optimal_assignment_not_greedy() -> None:
    """The best single pair (O1, N1) would leave O2 and N2 unpaired; a reader pairs O1 with N2 and
    O2 with N1 (the only statement O2 can be)."""
    from lnhs_parse.compare.align import Where, statement_items
    from lnhs_parse.compare.scoring import reworded_score

    o1 = "Digitaalinen perhevalmennus suunnitteilla"
    o2 = "Perhevalmennuksen verkkoryhmät suunnitteilla"
    n1 = "Perhevalmennuksen verkkoryhmät ja digitaalinen valmennus käytössä"
    n2 = "Digitaalinen perhevalmennus aloitettu"
    old = plan(2023, [sg(1, "A", [IP], focus=[st(o1, "hva"), st(o2, "hva")])])
    new = plan(2024, [sg(1, "A", [IP], focus=[st(n1, "hva"), st(n2, "hva")])])
    olds = statement_items([(Where("m", 1, 1, None), old.goals[0].sub_goals[0])])
    news = statement_items([(Where("m", 1, 1, None), new.goals[0].sub_goals[0])])
    w = {(i, j): reworded_score(olds[i], news[j], 2) for i in range(2) for j in range(2)}
    assert w[1, 1] is None
    assert w[0, 0] is not None and w[0, 1] is not None and w[1, 0] is not None
    assert w[0, 0][0] > max(w[0, 1][0], w[1, 0][0])  # greedy would take (O1, N1) first
    diff = diff_plans(old, new)
    assert sorted(changes(diff)) == sorted([
        ("modified", 1, 1, "focus_areas", o2, n1), ("modified", 1, 1, "focus_areas", o1, n2)])


def test_one_clear_pair_is_not_broken_up_for_two_weak_ones() -> None:
    o1, o2 = "Vertaistukiryhmien ohjaajakoulutus suunnitteilla", "Vertaistukiryhmiä suunnitellaan"
    n1, n2 = "Vertaistukiryhmien ohjaajakoulutus käynnistetty", "Ohjaajakoulutukset pidetty"
    old = plan(2023, [sg(1, "A", [IP], focus=[st(o1, "mll"), st(o2, "mll")])])
    new = plan(2024, [sg(1, "A", [IP], focus=[st(n1, "mll"), st(n2, "mll")])])
    assert changes(diff_plans(old, new)) == [
        ("modified", 1, 1, "focus_areas", o1, n1),
        ("removed", 1, 1, "focus_areas", o2, None),
        ("added", 1, 1, "focus_areas", None, n2),
    ]


def test_other_actors_and_other_text_is_added_and_removed() -> None:
    old = plan(2023, [sg(1, "A", [IP], focus=[st("Eroauttamisen polku on työn alla", "hva")])])
    new = plan(2024, [sg(1, "A", [IP], focus=[st("Eroauttamisen polku on valmistunut", "kletu")])])
    diff = diff_plans(old, new)
    assert [c.change for c in diff.statements] == ["removed", "added"]
    # added / removed carry their best score against the other side in the same place
    assert all(0.0 < c.similarity < DiffSettings().moved_threshold for c in diff.statements)


def test_unrelated_text_same_actor_is_added_and_removed() -> None:
    old = plan(2023, [sg(1, "A", [IP], focus=[st("Vanhemmuuden tuen webinaarit", "hva")])])
    new = plan(2024, [sg(1, "A", [IP],
                         focus=[st("Koulujen turvallisuuskävelyt toteutettu", "hva")])])
    diff = diff_plans(old, new)
    assert [c.change for c in diff.statements] == ["removed", "added"]
    assert all(c.similarity < DiffSettings().modified_threshold for c in diff.statements)


def test_same_text_with_other_actors_in_place_is_modified() -> None:
    old = plan(2023, [sg(1, "A", [IP], focus=[st("Liikkuva koulu käytössä", "kotka")])])
    new = plan(2024, [sg(1, "A", [IP], focus=[st("Liikkuva koulu käytössä", "kotka", "kouvola")])])
    diff = diff_plans(old, new)
    assert [(c.change, c.similarity) for c in diff.statements] == [("modified", 1.0)]


def test_whitespace_differences_are_unchanged() -> None:
    old = plan(2023, [sg(1, "A", [IP],
                         focus=[st("erovertaisryhmät,\nyksilöohjaus  ammattilaisille", "mll")])])
    new = plan(2024, [sg(1, "A", [IP],
                         focus=[st("erovertaisryhmät, yksilöohjaus ammattilaisille", "mll")])])
    diff = diff_plans(old, new)
    assert [(c.change, c.similarity) for c in diff.statements] == [("unchanged", 1.0)]


def test_spacing_at_a_hyphen_or_dash_is_unchanged() -> None:
    # where a line broke at a hyphen a PDF can't always say whether a space was typed after it
    for before, after in (("työn tärkeys- painopisteen siirto", "työn tärkeys-painopisteen siirto"),
                          ("15 - 25 vuotiaiden kuuleminen", "15-25 vuotiaiden kuuleminen"),
                          ("Perhekeskus – ja kohtaamispaikat", "Perhekeskus –ja kohtaamispaikat")):
        old = plan(2023, [sg(1, "A", [IP], focus=[st(before, "mll")])])
        new = plan(2024, [sg(1, "A", [IP], focus=[st(after, "mll")])])
        diff = diff_plans(old, new)
        assert [(c.change, c.similarity) for c in diff.statements] == [("unchanged", 1.0)], before
    # ... but a hyphen added or dropped between words is a change
    old = plan(2023, [sg(1, "A", [IP], focus=[st("lukuvaari toiminta", "mll")])])
    new = plan(2024, [sg(1, "A", [IP], focus=[st("lukuvaari-toiminta", "mll")])])
    assert [c.change for c in diff_plans(old, new).statements] == ["modified"]


SPLIT_A = "Perhekeskuksen toimipisteitä on laajasti eri alueilla."
SPLIT_B = "Kohtaamispaikkatoimintaa saatavilla kaikilla alueilla"


@pytest.mark.parametrize("whole_first", [True, False])
def test_the_same_text_split_differently_is_unchanged(whole_first: bool) -> None:
    """One statement in one year, two consecutive statements of the same text in the other (a
    paragraph read, or written, as one or as two): every piece unchanged against the whole."""
    whole = [st(f"{SPLIT_A} {SPLIT_B}", "mll"), st("Eroauttamisen polku on työn alla")]
    pieces = [st(SPLIT_A, "mll"), st(SPLIT_B), st("Eroauttamisen polku on työn alla")]
    a, b = (whole, pieces) if whole_first else (pieces, whole)
    diff = diff_plans(plan(2023, [sg(1, "A", [IP], joint=a)]), plan(2024, [sg(1, "A", [IP], joint=b)]))
    assert {c.change for c in diff.statements} == {"unchanged"}
    split = [c for c in diff.statements if c.before and c.after
             and ws(c.before.text) != ws(c.after.text)]
    assert len(split) == 2
    parts = sorted(ws(c.after.text if whole_first else c.before.text)
                   for c in split if c.after is not None and c.before is not None)
    assert parts == sorted([SPLIT_A, SPLIT_B])
    # every statement of both plans is in the diff
    assert {ws(c.before.text) for c in diff.statements if c.before} == {ws(x["text"]) for x in a}
    assert {ws(c.after.text) for c in diff.statements if c.after} == {ws(x["text"]) for x in b}


def test_a_split_needs_the_same_text_consecutive_pieces_and_actors() -> None:
    whole = [st(f"{SPLIT_A} {SPLIT_B}", "mll")]
    for pieces in (
        [st(SPLIT_A, "mll"), st(SPLIT_B + " 2024")],  # a piece reworded
        [st(SPLIT_A, "mll"), st("Uusi kirjaus väliin"), st(SPLIT_B)],  # not consecutive
        [st(SPLIT_A, "mll"), st(SPLIT_B, "kotka")],  # another actor
    ):
        diff = diff_plans(plan(2023, [sg(1, "A", [IP], joint=whole)]),
                          plan(2024, [sg(1, "A", [IP], joint=pieces)]))
        assert "unchanged" not in {c.change for c in diff.statements}, pieces


def test_a_repeated_statement_removed_once() -> None:
    old = plan(2023, [sg(1, "A", [IP], joint=[st("Kohtaamispaikat"), st("Kohtaamispaikat")])])
    new = plan(2024, [sg(1, "A", [IP], joint=[st("Kohtaamispaikat")])])
    diff = diff_plans(old, new)
    assert [c.change for c in diff.statements] == ["unchanged", "removed"]


def test_statements_of_added_and_removed_sub_goals() -> None:
    old = plan(2023, [sg(1, "Vanha välitavoite kokonaan", [IP], focus=[st("vanha kirjaus")])])
    new = plan(2024, [sg(1, "Aivan toinen aihe tänä vuonna", [S], focus=[st("uusi kirjaus")]),
                      sg(2, "Vanha välitavoite kokonaan mukana", [IP])])
    diff = diff_plans(old, new)
    # the old 1 is the new 2 by title (renumbered); its statement is removed there
    assert [(c.sub_goal, c.base_sub_goal) for c in diff.status_changes] == [(2, 1)]
    assert changes(diff) == [("added", 1, 1, "focus_areas", None, "uusi kirjaus"),
                             ("removed", 1, 2, "focus_areas", "vanha kirjaus", None)]


def test_settings_are_validated_and_used() -> None:
    with pytest.raises(ConfigError, match="modified_threshold"):
        DiffSettings(modified_threshold=1.5)
    old = plan(2023, [sg(1, "A", [IP], joint=[st("Eroauttamisen polku on työn alla", "hva")])])
    new = plan(2024, [sg(1, "A", [IP], joint=[st("Eroauttamisen polku on valmistunut", "hva")])])
    # similar text (0.7+) and shared stems (2 of 3: eroauttamisen, polku) each make the pair
    assert [c.change for c in diff_plans(old, new).statements] == ["modified"]
    for one in (DiffSettings(modified_threshold=0.99), DiffSettings(reworded_stem_threshold=1.0)):
        assert [c.change for c in diff_plans(old, new, one).statements] == ["modified"]
    both = DiffSettings(modified_threshold=0.99, reworded_stem_threshold=1.0)
    strict = diff_plans(old, new, both)
    assert [c.change for c in strict.statements] == ["removed", "added"]
    with pytest.raises(ConfigError, match="stem_weight"):
        DiffSettings(stem_weight=-0.1)


def test_diff_json_validates(tmp_path: Path) -> None:
    diff = diff_plans(expected_as_plan("kymenlaakso-2023"), expected_as_plan("kymenlaakso-2024"))
    data = json.loads(diff.to_json())
    jsonschema.validate(data, schema("diff"))
    assert PlanDiff.model_validate(data) == diff


def test_diff_carries_the_newer_legend_or_else_the_older() -> None:
    from lnhs_parse.model import LegendEntry

    def legend(*colours: str) -> list[LegendEntry]:
        return [LegendEntry(status=s, label=s, description="", color=c)
                for s, c in zip(("started", "in_progress", "in_use"), colours, strict=True)]

    old = plan(2023, [sg(1, "A", ["started"])]).model_copy(
        update={"status_legend": legend("#E53935", "#FBC02D", "#43A047")})
    new = plan(2024, [sg(1, "A", ["in_use"])]).model_copy(
        update={"status_legend": legend("#1E88E5", "#8E24AA", "#00897B")})
    assert diff_plans(old, new).status_legend == new.status_legend
    bare = new.model_copy(update={"status_legend": []})
    assert diff_plans(old, bare).status_legend == old.status_legend
    assert diff_plans(bare, bare).status_legend == []
    d = diff_plans(old, new)
    jsonschema.validate(json.loads(d.to_json()), schema("diff"))
    assert PlanDiff.model_validate_json(d.to_json()) == d


# --- the report and the CLI -----------------------------------------------------------------


def test_markdown_report() -> None:
    diff = diff_plans(expected_as_plan("kymenlaakso-2023"), expected_as_plan("kymenlaakso-2024"))
    md = to_markdown(diff)
    assert md.startswith("# Muutokset 2023 → 2024\n")
    for heading in ("### Edenneet", "### Heikentyneet", "### Muuttuneet", "### Uudet kirjaukset",
                    "### Poistuneet kirjaukset", "### Uudelleen muotoillut kirjaukset",
                    "### Siirtyneet kirjaukset", "### Uudet välitavoitteet"):
        assert heading in md
    assert "Edenneet 8, Heikentyneet 2, Muuttuneet 1, Ennallaan 5" in md
    assert "uusia 6, poistuneita 5, uudelleen muotoiltuja 8, siirtyneitä 3" in md
    assert "## Päätavoite I: Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy" in md
    assert "- I.1 Lasten ja nuorten arvostaminen: Käynnissä → Käytössä" in md
    assert "- I.2 Vanhemmuuden tukeminen: Käynnissä, Käytössä → Käytössä, Aloitettu" in md
    assert "- II.3 " in md.split("### Muuttuneet")[1].split("###")[0]
    assert ("- I.6 Lisätyt painopisteet: MLL: Erityisnuorten ryhmätoiminta → "
            "MLL: Erityisnuorten ryhmät kokoontuvat viikoittain") in md
    assert "(ennen III.3): Aloitettu → Käynnissä" in md
    assert ("- I.1 Lisätyt painopisteet → II.6 Lisätyt painopisteet: HVA: "
            "palautejärjestelmää kehitetään") in md
    assert "Tullas: Lasten ja nuorten osallisuus lastensuojelun asiakastyössä" in md
    # unchanged sub-goals are counted, not listed
    assert "Lapsen oikeuksien toteutuminen erotilanteessa" not in md


def test_markdown_report_escapes_deck_text() -> None:
    """Titles and statements are text, not Markdown: written as the plan's Markdown export writes
    them."""
    from lnhs_parse.markdown import md_inline as _md_inline

    raw = "# <b>bold</b> *x* [link](http://a) _y_ `z` a|b"
    old = plan(2023, [sg(1, "Otsikko <i>", [S], focus=[st("vanha kirjaus", "hva")])])
    new = plan(2024, [sg(1, "Otsikko <i>", [IP], focus=[st(raw, "hva")]),
                      sg(2, "Uusi *tähti*", [S])])
    md = to_markdown(diff_plans(old, new))
    assert _md_inline(raw) in md
    for bad in ("<b>", "*x*", "[link](", "_y_", "`z`", "<i>", "*tähti*", "a|b"):
        assert bad not in md, bad
    assert "- I.1 Lisätyt painopisteet: hva: \\# \\<b\\>bold\\</b\\> \\*x\\*" in md
    assert "- I.1 Otsikko \\<i\\>: Aloitettu → Käynnissä" in md
    assert "- I.2 Uusi \\*tähti\\*" in md


def test_markdown_report_without_changes() -> None:
    p = expected_as_plan("kymenlaakso-2023")
    md = to_markdown(diff_plans(p, p))
    assert "Ei muutoksia." in md
    assert "Edenneet 0, Heikentyneet 0, Muuttuneet 0, Ennallaan 16" in md


@pytest.fixture()
def plan_files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(expected_as_plan("kymenlaakso-2022").to_json(), encoding="utf-8")
    b.write_text(expected_as_plan("kymenlaakso-2023").to_json(), encoding="utf-8")
    return a, b


def test_cli_diff_json(plan_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, b = plan_files
    assert main(["diff", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    diff = PlanDiff.model_validate_json(out)
    jsonschema.validate(json.loads(out), schema("diff"))
    assert diff == lnhs_parse.diff(a, b)
    assert (diff.base.year, diff.head.year) == (2022, 2023)
    assert _view(diff) == _expected_view(_changes_module().CHANGES_2022_2023)


def test_cli_diff_markdown(plan_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                           tmp_path: Path) -> None:
    a, b = plan_files
    assert main(["diff", str(a), str(b), "--format", "md"]) == 0
    md = capsys.readouterr().out
    for label in ("Edenneet", "Heikentyneet", "Muuttuneet", "Aloitettu", "Käynnissä", "Käytössä",
                  "Yhteisen työn nostot", "Lisätyt painopisteet"):
        assert label in md
    out = tmp_path / "report.md"
    assert main(["diff", str(a), str(b), "-f", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == md


def test_cli_diff_settings(plan_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                           tmp_path: Path) -> None:
    """Every DiffSettings field is an option of `lnhs-parse diff`, passed to `lnhs_parse.diff`."""
    from dataclasses import fields

    from lnhs_parse.cli import build_parser

    (commands,) = [a for a in build_parser()._actions
                   if isinstance(a, argparse._SubParsersAction)]
    help_text = commands.choices["diff"].format_help()
    for f in fields(DiffSettings):
        assert f"--{f.name.replace('_', '-')}" in help_text
    a = tmp_path / "2023.json"
    b = tmp_path / "2024.json"
    a.write_text(expected_as_plan("kymenlaakso-2023").to_json(), encoding="utf-8")
    b.write_text(expected_as_plan("kymenlaakso-2024").to_json(), encoding="utf-8")
    strict = DiffSettings(modified_threshold=0.99, reworded_stem_threshold=1.0)
    assert main(["diff", str(a), str(b), "--modified-threshold", "0.99",
                 "--reworded-stem-threshold", "1"]) == 0
    out = PlanDiff.model_validate_json(capsys.readouterr().out)
    assert out == lnhs_parse.diff(a, b, settings=strict) != lnhs_parse.diff(a, b)
    assert [c.change for c in out.statements].count("modified") < [
        c.change for c in lnhs_parse.diff(a, b).statements].count("modified")
    # a bad value: one line, exit 2, nothing on stdout
    assert main(["diff", str(a), str(b), "--stem-weight", "2"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        "lnhs-parse: usage: argument --stem-weight: must be a number in 0..1, got 2.0 "
        "(see lnhs-parse --help)")


def test_diff_module_needs_no_notebook_extra() -> None:
    # the diff and its report never import pandas or matplotlib
    import subprocess

    code = ("import sys, lnhs_parse.compare, lnhs_parse.markdown, lnhs_parse.model; "
            "print(any(m in sys.modules for m in ('pandas', 'matplotlib')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
