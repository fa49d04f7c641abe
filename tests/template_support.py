"""Helpers for the tests of decks in other counties' templates (tests/test_templates.py).

The fixtures are in fixtures/templates/ (the fixed templates, year pairs) and
fixtures/templates/random/ (the committed random sample); their expected plans and true changes
are written from the generators' content (fixtures/gen/template_*.py, random_templates.py). The
comparison views are the generator's (`template_compare`), shared with bench/template_parity.py.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from support import FIXTURES

TEMPLATES = FIXTURES / "templates"
RANDOM = TEMPLATES / "random"
GEN = FIXTURES / "gen"
FORMATS = ("pptx", "pdf", "chromium.pdf")

if str(GEN) not in sys.path:
    sys.path.insert(0, str(GEN))  # the generator's modules import each other by name

import template_compare as C  # noqa: E402  (needs fixtures/gen on sys.path, above)

__all__ = ["FORMATS", "GEN", "RANDOM", "TEMPLATES", "C", "changes", "expected", "expected_as_plan",
           "fixed_names", "fixed_pairs", "manifest", "parsed", "profile", "random_names"]


def manifest(folder: Path = TEMPLATES) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return result


def fixed_names() -> list[str]:
    return list(manifest()["decks"])


def fixed_pairs() -> list[tuple[str, str, str]]:
    """(pair, base deck, head deck)."""
    return [(k, v["base"], v["head"]) for k, v in manifest()["pairs"].items()]


def random_names() -> list[str]:
    return list(manifest(RANDOM)["decks"]) if (RANDOM / "manifest.json").exists() else []


def expected(name: str, folder: Path = TEMPLATES) -> dict[str, Any]:
    result: dict[str, Any] = (
        json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    )
    return result


def changes(pair: str) -> dict[str, Any]:
    result: dict[str, Any] = (
        json.loads((TEMPLATES / f"{pair}.changes.json").read_text(encoding="utf-8"))
    )
    return result


def profile(name: str, folder: Path = TEMPLATES) -> Path:
    return folder / f"{name}.profile.toml"


@cache
def parsed(path: Path, profile_path: Path) -> dict[str, Any]:
    """The plan of a deck (parsed once per test session), as JSON data."""
    import lnhs_parse

    return lnhs_parse.parse(path, profile=profile_path).model_dump(mode="json")


def expected_as_plan(name: str, folder: Path = TEMPLATES) -> Any:
    """An expected plan as a full `Plan` (provenance placeholders), for the diff."""
    from lnhs_parse.model import Plan
    from template_expected import with_provenance

    return Plan.model_validate(with_provenance(expected(name, folder), path=f"{name}.pptx"))


def mismatch(want: Any, got: Any, what: str) -> str:
    """An assertion message listing every differing field."""
    lines = C.differences(want, got)
    return f"{what}: {len(lines)} difference(s)\n  " + "\n  ".join(lines)
