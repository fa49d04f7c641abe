"""Another county's fixture deck (fixtures/kuuramaa-2024.*, an invented county in its own wording).

With the profile committed beside it the deck parses to its expected plan (tests/test_decks.py
parses it, as PDF and as PPTX, like every fixture deck); here: the profile's actors are the content
data's, without a profile the CLI exits 4 pointing to `--profile`, and the profile that
`lnhs-parse profile --suggest` writes, with only the actors' ids and names filled in (from the
content data), reads the deck's goals.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lnhs_parse.cli import main
from support import FIXTURES, comparable, expected

NAME = "kuuramaa-2024"
PROFILE = FIXTURES / f"{NAME}.profile.toml"
FORMATS = ("pdf", "pptx")

sys.path.insert(0, str(FIXTURES / "gen"))
import decks  # noqa: E402  fixtures/gen/decks.py, after its folder is on sys.path


def _content() -> ModuleType:
    spec = next(s for s in decks.REGISTRY if s.name == NAME)
    module: ModuleType = __import__(spec.content)
    return module


def test_the_committed_profile_holds_the_content_datas_actors() -> None:
    data = tomllib.loads(PROFILE.read_text(encoding="utf-8"))
    got = {a["id"]: (a["name"], a["kind"], tuple(a["aliases"])) for a in data["actor"]}
    assert got == _content().ACTORS
    assert set(expected(NAME)["actor_ids"]) == set(got)


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_the_profile_the_cli_exits_4_and_points_to_profile(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(FIXTURES / f"{NAME}.{fmt}")]) == 4
    err = capsys.readouterr().err
    assert "no goal slide" in err
    assert "--profile" in err and "profile --suggest" in err
    assert "TAVOITE 1" in err  # how the table slides are headed


@pytest.mark.parametrize("fmt", FORMATS)
def test_with_the_profile_the_cli_writes_the_expected_plan(
    fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.json"
    assert main([str(FIXTURES / f"{NAME}.{fmt}"), "--profile", str(PROFILE), "-o", str(out)]) == 0
    got = json.loads(out.read_text(encoding="utf-8"))
    assert comparable(got) == comparable(expected(NAME))


_EMPTY_ACTOR = re.compile(r'id = ""\nname = ""\nkind = "[^"]*"\naliases = \["([^"]+)"\]')


def _fill_actors(text: str) -> tuple[str, int]:
    """The suggested profile with each `[[actor]]` entry's id, name and kind filled in from the
    content data (matched by the alias the deck wrote), as a user would."""
    by_alias = {
        alias: (i, name, kind)
        for i, (name, kind, aliases) in _content().ACTORS.items()
        for alias in aliases
    }

    def fill(m: re.Match[str]) -> str:
        i, name, kind = by_alias[m.group(1)]
        return f'id = "{i}"\nname = "{name}"\nkind = "{kind}"\naliases = ["{m.group(1)}"]'

    return _EMPTY_ACTOR.subn(fill, text)


def _worded(goals: list[dict[str, Any]], words: dict[str, str]) -> list[dict[str, Any]]:
    """Goals with each sub-goal's status codes replaced by the deck's words for them."""
    return [
        {**g, "sub_goals": [{**s, "statuses": [words[c] for c in s["statuses"]]}
                            for s in g["sub_goals"]]}
        for g in goals
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_suggested_profile_with_actors_filled_in_reads_the_goals(
    fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deck = FIXTURES / f"{NAME}.{fmt}"
    assert main(["profile", "--suggest", str(deck)]) == 0
    filled, n = _fill_actors(capsys.readouterr().out)
    assert n == len(_content().ACTORS)  # every actor of the deck was suggested, once
    profile = tmp_path / "suggested.toml"
    profile.write_text(filled, encoding="utf-8")
    out = tmp_path / "plan.json"
    assert main([str(deck), "--profile", str(profile), "-o", str(out)]) == 0
    plan = json.loads(out.read_text(encoding="utf-8"))
    got = comparable(plan)
    want = comparable(expected(NAME))
    # the suggestion files the legend's words under the steps their colours mean by default (red:
    # not started), the committed profile under the county's own reading (red: started): the
    # deck's words for each sub-goal's statuses are the same
    got_words = {s["code"]: s["label"] for s in plan["status_scale"]}
    want_words = {e["status"]: e["label"] for e in expected(NAME)["status_legend"]}
    assert _worded(got["goals"], got_words) == _worded(want["goals"], want_words)
    assert set(got_words.values()) == set(want_words.values())
    assert got["actor_ids"] == want["actor_ids"]
    assert got["focus_period"] == want["focus_period"]
