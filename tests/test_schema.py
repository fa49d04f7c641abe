"""The JSON Schema files in schemas/ are generated from the models and must not be stale."""

from __future__ import annotations

import json
from typing import Literal

import jsonschema
import pytest

from lnhs_parse.cli import main
from lnhs_parse.schema import schema, schema_json
from support import ROOT, deck_names, expected_as_plan


@pytest.mark.parametrize("which", ["plan", "diff", "profile"])
def test_schema_file_is_current(which: Literal["plan", "diff", "profile"]) -> None:
    on_disk = (ROOT / "schemas" / f"{which}.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_json(which), (
        f"schemas/{which}.schema.json is stale: run `python scripts/gen_schemas.py`"
    )


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "plan"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == schema("plan")
    assert printed["properties"]["schema_version"]["const"] == "2.0"


def test_plan_schema_forbids_unknown_fields() -> None:
    plan_schema = schema("plan")
    assert plan_schema["additionalProperties"] is False
    assert all(d.get("additionalProperties") is False for d in plan_schema["$defs"].values()
               if d.get("type") == "object")


@pytest.mark.parametrize("name", deck_names())
def test_expected_plans_validate_against_schema(name: str) -> None:
    data = json.loads(expected_as_plan(name).to_json())
    jsonschema.validate(data, schema("plan"))
    broken = {**data, "surprise": 1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema("plan"))


def _properties(obj: dict[str, object]) -> dict[str, dict[str, object]]:
    """An object schema's properties (none when it has no `properties`)."""
    props = obj.get("properties", {})
    assert isinstance(props, dict)
    return props


def _objects(node: object, where: str = "") -> list[tuple[str, dict[str, object]]]:
    """Every object type in a JSON Schema: (its place, its schema)."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            found.append((where or "(root)", node))
        for key, value in node.items():
            found += _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _objects(value, f"{where}/{i}")
    return found


@pytest.mark.parametrize("which", ["plan", "diff"])
def test_schema_documents_every_object_and_property(which: str) -> None:
    doc = json.loads((ROOT / "schemas" / f"{which}.schema.json").read_text(encoding="utf-8"))
    objects = _objects(doc)
    assert len(objects) >= (9 if which == "plan" else 10)
    undocumented = [where for where, obj in objects if not obj.get("description")]
    properties = [(where, name, prop) for where, obj in objects
                  for name, prop in _properties(obj).items()]
    undocumented += [f"{where}.{name}" for where, name, prop in properties
                     if not prop.get("description")]
    assert undocumented == []


def test_warning_codes_are_an_enum_in_the_schema() -> None:
    from lnhs_parse.warning_codes import WARNING_CODES

    code = schema("plan")["$defs"]["Warning"]["properties"]["code"]
    assert set(code["enum"]) == WARNING_CODES


def test_every_profile_the_project_ships_validates_against_the_profile_schema() -> None:
    """The schema an editor checks a profile with accepts the packaged and the fixture profiles,
    and refuses what the parser refuses (an unknown table)."""
    import tomllib

    profile_schema = schema("profile")
    paths = [*(ROOT / "src/lnhs_parse/normalise/data/profiles").glob("*.toml"),
             *(ROOT / "fixtures").rglob("*.profile.toml")]
    assert len(paths) >= 3
    for path in paths:
        jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), profile_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"legend": {"words": ["x"]}}, profile_schema)
