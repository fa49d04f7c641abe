"""The JSON Schema files in schemas/ are generated from the models and must not be stale."""

from __future__ import annotations

import json

import jsonschema
import pytest

from lnhs_parse.cli import main
from lnhs_parse.schema import schema, schema_json
from support import ROOT, deck_names, expected_as_plan


@pytest.mark.parametrize("which", ["plan", "diff"])
def test_schema_file_is_current(which: str) -> None:
    on_disk = (ROOT / "schemas" / f"{which}.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_json(which), (
        f"schemas/{which}.schema.json is stale: run `python scripts/gen_schemas.py`"
    )


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "plan"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == schema("plan")
    assert printed["properties"]["schema_version"]["const"] == "1.0"


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
