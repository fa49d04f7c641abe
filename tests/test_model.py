"""The plan model: statuses, strictness and reading a plan JSON back."""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path

import pydantic
import pytest

from lnhs_parse import FileMissingError, Plan, SchemaVersionError, Status, codes, load_plan
from lnhs_parse.model import Warning, migrate_plan_data
from support import ROOT

MINIMAL = {
    "schema_version": "1.0",  # a plan written before 2.0: load_plan reads it
    "source": {"path": "x.pdf", "format": "pdf", "sha256": "0" * 64, "pages": 1},
    "title": "Kymenlaakson lasten ja nuoren hyvinvointisuunnitelma",
    "year": 2023,
    "goals": [{
        "number": 1, "numeral": "I", "title": "Arjen hyvinvointi",
        "sub_goals": [{
            "number": 1, "title": "Lasten ja nuorten arvostaminen",
            "statuses": ["in_progress", "in_use"],
            "focus_areas": [{"text": "palautejärjestelmää kehitetään", "actors": ["hva"],
                             "attribution": "prefix", "raw": "HVA: palautejärjestelmää kehitetään",
                             "page": 5, "bbox": [1, 2, 3, 4]}],
            "pages": [5],
        }],
    }],
}


def test_status_labels_and_order() -> None:
    assert [s.label for s in Status][:3] == ["Ei aloitettu", "Aloitettu", "Myöhässä"]
    ranked = [s for s in Status if s.rank is not None]
    assert [s.rank for s in ranked] == list(range(len(ranked)))
    order = [Status.NOT_STARTED, Status.STARTED, Status.IN_PROGRESS, Status.IN_USE]
    ranks = [rank for s in order if (rank := s.rank) is not None]
    assert len(ranks) == len(order) and ranks == sorted(set(ranks))
    assert Status.UNKNOWN.rank is None  # "ei tiedossa" stands outside the order


def test_status_codes_and_labels_come_from_the_vocabulary_file() -> None:
    """scales.toml is the one home of the steps: `Status` lists its codes (in its order) and reads
    their labels and order from it, hard-coding none."""

    data = tomllib.loads((ROOT / "src" / "lnhs_parse" / "normalise" / "data" / "scales.toml")
                         .read_text(encoding="utf-8"))
    steps = {step["code"]: step for step in data["steps"]}
    assert [s.value for s in Status] == list(steps)
    assert {s: s.label for s in Status} == {s: steps[s.value]["label"] for s in Status}
    tree = ast.parse((ROOT / "src" / "lnhs_parse" / "model.py").read_text(encoding="utf-8"))
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
    assert not strings & {s.label for s in Status}
    assert codes.status_vocabulary() is codes.status_vocabulary()  # read once


def test_a_plan_of_schema_1_0_is_read_as_2_0(tmp_path: Path) -> None:
    """load_plan reads every earlier version: a 1.0 plan's fields keep their meaning, the new ones
    take their defaults, and its legend becomes its scale."""
    old = json.loads(json.dumps(MINIMAL))
    old["status_legend"] = [
        {"status": "in_use", "label": "Käytössä", "description": "valmis", "color": "#43A047"},
        {"status": "started", "label": "Aloitettu", "description": "", "color": "#E53935"},
    ]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    plan = load_plan(path)
    assert plan.schema_version == "2.0"
    assert plan.goals[0].sub_goals[0].statuses == ["in_progress", "in_use"]
    assert plan.goals[0].sub_goals[0].actions == [] and plan.columns == []
    assert [(s.code, s.label, s.rank, s.color) for s in plan.status_scale] == [
        ("started", "Aloitettu", 0, "#E53935"),
        ("in_use", "Käytössä", 1, "#43A047"),
    ]


def test_warning_code_is_checked() -> None:
    Warning(code="no-legend", message="x")
    with pytest.raises(pydantic.ValidationError):
        Warning(code="no-such-code", message="x")  # type: ignore[arg-type]  # on purpose


def test_round_trip(tmp_path: Path) -> None:
    plan = Plan.model_validate(migrate_plan_data(MINIMAL))
    path = tmp_path / "plan.json"
    path.write_text(plan.to_json(), encoding="utf-8")
    again = load_plan(path)
    assert again == plan
    assert again.goals[0].sub_goals[0].statuses == [Status.IN_PROGRESS, Status.IN_USE]


def test_unknown_field_is_refused() -> None:
    bad = migrate_plan_data(json.loads(json.dumps(MINIMAL)))
    bad["goals"][0]["sub_goals"][0]["focus_areas"][0]["colour"] = "red"
    with pytest.raises(pydantic.ValidationError):
        Plan.model_validate(bad)


def test_load_plan_refuses_other_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(json.dumps({**MINIMAL, "schema_version": "0.9"}), encoding="utf-8")
    with pytest.raises(SchemaVersionError, match=r"0\.9"):
        load_plan(path)


def test_load_plan_refuses_other_json(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SchemaVersionError, match="not a plan"):
        load_plan(path)
    path.write_text(json.dumps({**MINIMAL, "year": "soon"}), encoding="utf-8")
    with pytest.raises(SchemaVersionError, match="year"):
        load_plan(path)


def test_load_plan_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError):
        load_plan(tmp_path / "nope.json")
