"""Plans of a template with one table row per action, built by hand from data (never parser output),
for the tests of everything downstream of the parser: exports, Markdown, timeline, report, notebook.

Järvimaa (an invented county) evaluates each action on a four-step scale of its own words, one step
a code its profile declares (`pilotissa`, not in `lnhs_parse.Status`), in colours of its own; one
action carries a code no scale names (`omakoodi`). Its tables have a column of no known role
("Huomiot"), a goal has an action of its own (a table without a sub-goal column), and a sub-goal
has neither statements nor actions. `plan_2023()`, `plan_2024()` and `diff_2023_2024()` (the
changes between them, as data: the diff engine is not under test here) are fresh models on each
call.
"""

from __future__ import annotations

from typing import Any

from lnhs_parse.model import Plan, PlanDiff

# The scale, least advanced first: (code, 2023 word, 2024 word, colour).
SCALE = [
    ("not_started", "Ei aloitettu", "Ei aloitettu", "#C62828"),
    ("started", "Aloitettu mutta kesken", "Aloitettu mutta kesken", "#EF6C00"),
    ("pilotissa", "Pilotissa", "Kokeilussa", "#6A1B9A"),
    ("in_use", "Toteutunut", "Toteutunut", "#2E7D32"),
]
CODES = [code for code, *_ in SCALE]
WORDS = {2023: {c: w for c, w, _, _ in SCALE}, 2024: {c: w for c, _, w, _ in SCALE}}
COLOURS = {c: colour for c, _, _, colour in SCALE}
UNKNOWN_CODE = "omakoodi"  # in no scale and not in the vocabulary
NEUTRAL = "#9E9E9E"  # the colour reports draw a code in that nothing colours

ACTORS = [
    {"id": "hva", "name": "Järvimaan hyvinvointialue", "kind": "county",
     "aliases": ["Hyvinvointialue"]},
    {"id": "jarvikaupunki", "name": "Järvikaupunki", "kind": "municipality", "aliases": []},
    {"id": "srk", "name": "Järvikaupungin seurakunta", "kind": "parish", "aliases": []},
]
COLUMNS = [
    {"key": "sub_goal", "role": "sub_goal", "header": "Alatavoite"},
    {"key": "action", "role": "action", "header": "Toimenpiteet"},
    {"key": "responsible", "role": "responsible", "header": "Vastuutaho"},
    {"key": "schedule", "role": "schedule", "header": "Aikataulu"},
    {"key": "indicators", "role": "indicators", "header": "Mittari"},
    {"key": "status", "role": "status", "header": "Tilanne"},
    {"key": "huomiot", "role": "other", "header": "Huomiot"},
]


def statement(text: str, *actors: str, page: int = 4) -> dict[str, Any]:
    return {"text": text, "actors": list(actors), "attribution": "prefix" if actors else "none",
            "raw": text, "page": page, "bbox": [10.0, 20.0, 30.0, 40.0]}


def action(text: str, *, number: str | None = None, actors: list[str] | None = None,
           responsible: list[str] | None = None, responsible_text: str | None = None,
           schedule: str | None = None, indicators: list[dict[str, Any]] | None = None,
           statuses: list[str] | None = None, status_text: str | None = None,
           notes: list[dict[str, Any]] | None = None, page: int = 4) -> dict[str, Any]:
    return {
        "number": number, "text": text, "actors": actors or [],
        "attribution": "prefix" if actors else "none", "responsible": responsible or [],
        "responsible_text": responsible_text, "schedule": schedule,
        "indicators": indicators or [], "statuses": statuses or [], "status_text": status_text,
        "other_columns": ([{"column": "huomiot", "header": "Huomiot", "statements": notes}]
                          if notes else []),
        "raw": text, "page": page, "bbox": [10.0, 100.0, 500.0, 140.0],
    }


INDICATORS: list[dict[str, Any]] = [
    {"text": "(ind. 5313) MINI Koulu-uupumus", "name": "Koulu-uupumus", "sotkanet_id": 5313,
     "tags": ["MINI"]},
    {"text": "Kouluterveyskysely: ahdistuneisuus", "name": "Kouluterveyskysely: ahdistuneisuus"},
]


def _plan(year: int, goals: list[dict[str, Any]]) -> Plan:
    return Plan.model_validate({
        "source": {"path": f"jarvimaa-{year}.pdf", "format": "pdf", "sha256": "a" * 64,
                   "pages": 8},
        "region": "Järvimaa",
        "title": "Järvimaan lasten ja nuorten hyvinvointisuunnitelma",
        "year": year,
        "status_scale": [
            {"code": code, "label": WORDS[year][code], "rank": rank,
             "words": [WORDS[year][code]], "color": COLOURS[code]}
            for rank, code in enumerate(CODES)
        ],
        "columns": COLUMNS,
        "goals": goals,
        "actors": ACTORS,
    })


def goal_action(year: int) -> dict[str, Any]:
    return action("Hyvinvointikertomus päivitetään", responsible=["hva"], schedule="vuosittain",
                  statuses=["in_use"], page=3)


def plan_2023() -> Plan:
    return _plan(2023, [
        {"number": 1, "numeral": "1", "title": "Mielen hyvinvointi vahvistuu",
         "actions": [goal_action(2023)],
         "sub_goals": [
             {"number": 1, "numeral": "1.1", "title": "Matalan kynnyksen tuki", "pages": [4],
              "actions": [
                  action("Koulujen mielenterveystyön malli otetaan käyttöön", number="1",
                         actors=["jarvikaupunki"], responsible=["hva", "jarvikaupunki"],
                         responsible_text="Hyvinvointialue, Järvikaupunki",
                         schedule="2023–2024", indicators=INDICATORS,
                         statuses=["pilotissa"], status_text="Pilotissa kahdessa koulussa",
                         notes=[statement("Pilotti jatkuu syksyllä")]),
                  action("Nuorten chat-palvelu", number="2", responsible_text="Järjestöt"),
              ],
              "other_columns": [{"column": "huomiot", "header": "Huomiot", "statements": [
                  statement("Yhteistyö koulujen kanssa tiivistyi", "srk")]}]},
             {"number": 2, "numeral": "1.2", "title": "Harrastamisen mahdollisuudet",
              "statuses": ["started"], "pages": [5],
              "actions": [
                  action("Harrastusmessut kouluilla", responsible=["srk"], page=5),
                  action("Uusi toimintamuoto kokeiluun", statuses=[UNKNOWN_CODE], page=5),
              ]},
             {"number": 3, "numeral": "1.3", "title": "Tyhjä alatavoite", "pages": [6]},
         ]},
    ])


def plan_2024() -> Plan:
    return _plan(2024, [
        {"number": 1, "numeral": "1", "title": "Mielen hyvinvointi vahvistuu",
         "actions": [goal_action(2024)],
         "sub_goals": [
             {"number": 1, "numeral": "1.1", "title": "Matalan kynnyksen tuki", "pages": [4],
              "actions": [
                  action("Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin",
                         number="1.1", actors=["jarvikaupunki"],
                         responsible=["hva", "jarvikaupunki"], schedule="2024–2025",
                         indicators=INDICATORS[:1], statuses=["in_use"]),
                  action("Vanhempainryhmät", number="1.2", responsible=["srk"],
                         statuses=["not_started"]),
              ]},
             {"number": 2, "numeral": "1.2", "title": "Harrastamisen mahdollisuudet",
              "statuses": ["started"], "pages": [5],
              "actions": [
                  action("Harrastusmessut kouluilla", responsible=["srk"],
                         statuses=["pilotissa"], page=5),
                  action("Uusi toimintamuoto kokeiluun", statuses=[UNKNOWN_CODE], page=5),
              ]},
             {"number": 3, "numeral": "1.3", "title": "Tyhjä alatavoite", "pages": [6]},
         ]},
    ])


def _sub(plan: Plan, sub_goal: int) -> Any:
    return plan.goals[0].sub_goals[sub_goal - 1]


def diff_2023_2024() -> PlanDiff:
    """The changes from 2023 to 2024, written by hand: the goal's own action unchanged, action 1
    reworded (its status progressed from Pilotissa to Toteutunut), the chat service removed, the
    parents' groups added, the fair's status (its sub-goal's in 2023) its own in 2024 ("changed"),
    the new form of activity unchanged."""
    old, new = plan_2023(), plan_2024()
    o1, n1, o2, n2 = _sub(old, 1), _sub(new, 1), _sub(old, 2), _sub(new, 2)

    def change(kind: str, sub_goal: int | None, before: Any, after: Any, direction: str | None,
               similarity: float) -> dict[str, Any]:
        return {"goal": 1, "sub_goal": sub_goal, "change": kind,
                "before": None if before is None else before.model_dump(),
                "after": None if after is None else after.model_dump(),
                "similarity": similarity, "direction": direction}

    return PlanDiff.model_validate({
        "base": {"year": 2023, "source": old.source.model_dump()},
        "head": {"year": 2024, "source": new.source.model_dump()},
        "status_changes": [
            {"goal": 1, "sub_goal": n, "title": _sub(new, n).title,
             "before": list(_sub(old, n).statuses), "after": list(_sub(new, n).statuses),
             "direction": "unchanged"}
            for n in (1, 2, 3)
        ],
        "statements": [
            {"goal": 1, "sub_goal": 1, "column": "huomiot", "change": "removed",
             "before": o1.other_columns[0].statements[0].model_dump(), "after": None,
             "similarity": 0.0},
        ],
        "actions": [
            change("unchanged", None, old.goals[0].actions[0], new.goals[0].actions[0],
                   "unchanged", 1.0),
            change("modified", 1, o1.actions[0], n1.actions[0], "progressed", 0.7),
            change("removed", 1, o1.actions[1], None, None, 0.1),
            change("added", 1, None, n1.actions[1], None, 0.1),
            change("unchanged", 2, o2.actions[0], n2.actions[0], "changed", 1.0),
            change("unchanged", 2, o2.actions[1], n2.actions[1], "unchanged", 1.0),
        ],
        "goals": [{"number": 1, "numeral": "1", "title": "Mielen hyvinvointi vahvistuu"}],
        "actors": ACTORS,
        "status_scale": [s.model_dump() for s in new.status_scale],
    })
