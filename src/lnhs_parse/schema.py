"""JSON Schema of the plan, the diff and a profile, generated from the pydantic models.

`schemas/*.schema.json` in the repository are written by `scripts/gen_schemas.py` from these
functions; a test fails when the files on disk differ from what the models generate. The profile's
schema lets an editor with a TOML schema plug-in check a profile while it is typed
(docs/profiles.md, "Checking a profile in an editor").
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from lnhs_parse.model import SCHEMA_VERSION, Plan, PlanDiff

SCHEMA_BASE_URL = "https://lnhs-parse.invalid/schemas"  # an identifier, not a place to fetch from


Which = Literal["plan", "diff", "profile"]
SCHEMAS: tuple[Which, ...] = ("plan", "diff", "profile")


def schema(which: Which) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a plan, a diff or a profile file, with its `$id`."""
    if which == "profile":
        from lnhs_parse.normalise.profile_file import ProfileFile

        doc = ProfileFile.model_json_schema(mode="validation")
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SCHEMA_BASE_URL}/profile.schema.json",
            **doc,
        }
    models: dict[str, type[BaseModel]] = {"plan": Plan, "diff": PlanDiff}
    model = models[which]
    doc = model.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}/{which}-{SCHEMA_VERSION}.schema.json",
        **doc,
    }


def schema_json(which: Which) -> str:
    """`schema(which)` as the text of `schemas/{which}.schema.json`."""
    return json.dumps(schema(which), indent=2, ensure_ascii=False) + "\n"
