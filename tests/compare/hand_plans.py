"""Plans written by hand for the diff's tests: plain dicts validated as `Plan`s (never parser
output), so each test states exactly what each year holds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lnhs_parse.model import Plan


def st(text: str, *actors: str) -> dict[str, Any]:
    """A statement."""
    return {"text": text, "actors": list(actors), "attribution": "prefix" if actors else "none",
            "raw": text, "page": 1, "bbox": [0, 0, 0, 0]}


def act(text: str, *actors: str, responsible: Sequence[str] = (),
        statuses: Sequence[str] = (), schedule: str | None = None) -> dict[str, Any]:
    """An action (a table row): its own actors, responsible actors and statuses."""
    return {"text": text, "actors": list(actors), "attribution": "prefix" if actors else "none",
            "responsible": list(responsible), "statuses": list(statuses), "schedule": schedule,
            "raw": text, "page": 1, "bbox": [0, 0, 0, 0]}


def other(column: str, header: str, *statements: dict[str, Any]) -> dict[str, Any]:
    """The statements of a column of no known role."""
    return {"column": column, "header": header, "statements": list(statements)}


def sub(number: int, title: str, statuses: Sequence[str] = (), *,
        focus: Sequence[dict[str, Any]] = (), joint: Sequence[dict[str, Any]] = (),
        others: Sequence[dict[str, Any]] = (),
        actions: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """A sub-goal."""
    return {"number": number, "title": title, "statuses": list(statuses),
            "focus_areas": list(focus), "joint_highlights": list(joint),
            "other_columns": list(others), "actions": list(actions), "pages": [1]}


def goal(number: int, *subs: dict[str, Any], actions: Sequence[dict[str, Any]] = (),
         title: str | None = None) -> dict[str, Any]:
    """A main goal: its sub-goals and the actions listed under the goal itself."""
    return {"number": number, "numeral": str(number), "title": title or f"Tavoite {number}",
            "sub_goals": list(subs), "actions": list(actions)}


def step(code: str, label: str, rank: int | None) -> dict[str, Any]:
    """A step of a plan's status scale."""
    return {"code": code, "label": label, "rank": rank, "words": [label]}


PROFILE_SCALE = [step("idulla", "Idulla", 0), step("kasvussa", "Kasvussa", 1),
                 step("kukassa", "Kukassa", 2)]
# A four-step scale in the packaged vocabulary's codes, as a deck words it
FOUR_STEPS = [step("not_started", "ei aloitettu", 0), step("started", "aloitettu mutta kesken", 1),
              step("in_progress", "hyvässä vauhdissa", 2), step("in_use", "toteutunut", 3)]


def plan(year: int, *goals: dict[str, Any], scale: Sequence[dict[str, Any]] = (),
         columns: Sequence[dict[str, Any]] = (), actors: Sequence[dict[str, Any]] = ()) -> Plan:
    """A plan of the year with these goals, status scale, table columns and actor records."""
    return Plan.model_validate({
        "source": {"path": f"{year}.pdf", "format": "pdf", "sha256": "0" * 64, "pages": 1},
        "region": "Testimaa", "title": "Suunnitelma", "year": year,
        "status_scale": list(scale), "columns": list(columns), "actors": list(actors),
        "goals": list(goals),
    })


def column(key: str, role: str, header: str) -> dict[str, Any]:
    """A table column of a plan."""
    return {"key": key, "role": role, "header": header}


def actor(id_: str, name: str) -> dict[str, Any]:
    """An actor record."""
    return {"id": id_, "name": name, "kind": "municipality", "aliases": [name]}
