"""Helpers shared by the tests: fixture paths, expected plans, and the comparison view of a plan.

The fixture decks' `<name>.expected.json` files are written from the generator's content data and
leave provenance out (statement `raw`/`page`/`bbox`, `source`, `warnings`), and list referenced actor
ids as `actor_ids`. `comparable()` turns a parsed `Plan` into the same shape, so a test compares
exactly what the expected files state, with whitespace normalised.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from lnhs_parse.model import Plan, migrate_plan_data

if TYPE_CHECKING:
    from lnhs_parse.normalise.actors import ActorRegistry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

_WS = re.compile(r"\s+")


def ws(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace (newlines included) become one space."""
    return _WS.sub(" ", text).strip()


def manifest() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    return result


def load_script(path: Path, name: str) -> ModuleType:
    """A script outside the package (scripts/, bench/, fixtures/gen/) as the module `name`, loaded
    once and registered in `sys.modules` (a dataclass defined in it looks its module up there)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def deck_names() -> list[str]:
    """The fixture decks the manifest lists: a deck whose files are lost fails its tests (it does not
    drop out of them)."""
    return sorted(manifest()["decks"])


def profile_for(name: str) -> Path | None:
    """The profile committed beside a fixture deck (`<name>.profile.toml`: a deck of another county,
    docs/profiles.md), or None for the decks the packaged vocabulary reads."""
    path = FIXTURES / f"{name}.profile.toml"
    return path if path.exists() else None


def expected(name: str) -> dict[str, Any]:
    result: dict[str, Any] = (
        json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    )
    return result


def _statement_view(st: dict[str, Any]) -> dict[str, Any]:
    return {"text": ws(st["text"]), "actors": list(st["actors"]), "attribution": st["attribution"]}


def comparable(plan: Plan | dict[str, Any], *, pages: bool = True) -> dict[str, Any]:
    """The fields an expected plan states, whitespace-normalised, from a Plan or an expected dict."""
    data = plan.model_dump(mode="json") if isinstance(plan, Plan) else plan
    if "actor_ids" in data:
        actor_ids = sorted(data["actor_ids"])
    else:
        actor_ids = sorted(a["id"] for a in data.get("actors", []))
    return {
        "region": data["region"],
        "title": ws(data["title"]),
        "year": data["year"],
        "focus_period": data["focus_period"],
        "highlights": [
            {"text": ws(h["text"]), **({"page": h["page"]} if pages else {})}
            for h in data["highlights"]
        ],
        "status_legend": [
            {"status": e["status"], "label": ws(e["label"]), "description": ws(e["description"])}
            for e in data["status_legend"]
        ],
        "goals": [
            {
                "number": g["number"],
                "numeral": g["numeral"],
                "title": ws(g["title"]),
                "sub_goals": [
                    {
                        "number": s["number"],
                        "title": ws(s["title"]),
                        "statuses": list(s["statuses"]),
                        "focus_areas": [_statement_view(x) for x in s["focus_areas"]],
                        "joint_highlights": [_statement_view(x) for x in s["joint_highlights"]],
                        **({"pages": list(s["pages"])} if pages else {}),
                    }
                    for s in g["sub_goals"]
                ],
            }
            for g in data["goals"]
        ],
        "actor_ids": actor_ids,
    }


def expected_as_plan(name: str) -> Plan:
    """An expected plan as a full `Plan`, provenance filled with placeholders.

    For tests of code that starts from a plan (diff, export): they then run on data written from
    the generator's content, independent of the parser.
    """
    from lnhs_parse.normalise.actors import ActorRegistry
    from lnhs_parse.normalise.profile import load_profiles, packaged_profile
    from lnhs_parse.records import to_data

    if str(FIXTURES / "gen") not in sys.path:
        sys.path.insert(0, str(FIXTURES / "gen"))  # the generator's modules import each other
    from expected import with_provenance

    data = expected(name)
    profile = profile_for(name)  # another county's actors come with its profile
    registry = ActorRegistry.load(
        profile=load_profiles([profile]) if profile else packaged_profile("kymenlaakso")
    )
    pages = max([1] + [p for g in data["goals"] for s in g["sub_goals"] for p in s["pages"]])
    plan = with_provenance(data, path=f"fixtures/{name}.pdf", fmt="pdf", pages=pages,
                           actors=[to_data(registry.actor_model(i)) for i in data["actor_ids"]])
    return Plan.model_validate(migrate_plan_data(plan))  # the expected plans are 1.0 data


@cache
def kymenlaakso_registry() -> ActorRegistry:
    """The actor registry a Kymenlaakso deck is read with: its packaged county profile's actors."""
    from lnhs_parse.normalise.actors import ActorRegistry
    from lnhs_parse.normalise.profile import packaged_profile

    return ActorRegistry.load(profile=packaged_profile("kymenlaakso"))


def prefix_ids(registry: ActorRegistry, prefix: str) -> tuple[str, ...]:
    """The actor ids a prefix names; the test fails when the registry doesn't know every part."""
    match = registry.match_prefix(prefix)
    assert match is not None, prefix
    return match.ids
