"""Parity on the committed random decks (fixtures/random): PPTX, PDF and tagged PDF each parse to
the plan written from the generator's content data (fixtures/gen/random_decks.py).

The PPTX reader takes paragraphs from the source, so its cases check the expected data and the
composition rule; the PDF cases check how paragraphs and statements are found from the geometry
(untagged) and from the marked content (tagged). The comparison is `support.comparable()`: statements
by whitespace-normalised text, actors and attribution; statuses; titles; pages. A failure lists every
differing statement by goal, sub-goal and column, then any other differing field.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

import lnhs_parse
from support import FIXTURES, comparable

RANDOM = FIXTURES / "random"
DECKS = sorted(p.name.removesuffix(".expected.json") for p in RANDOM.glob("rnd-*.expected.json"))
KINDS = ("pptx", "pdf", "tagged.pdf")
COLUMNS = ("focus_areas", "joint_highlights")


@cache
def _expected(name: str) -> dict[str, Any]:
    return comparable(json.loads((RANDOM / f"{name}.expected.json").read_text(encoding="utf-8")))


def _fmt(st: dict[str, Any] | None) -> str:
    if st is None:
        return "(none)"
    who = f" [{st['attribution']}: {', '.join(st['actors'])}]" if st["actors"] else ""
    return f"{st['text']!r}{who}"


def plan_differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Differing statements (by position in their column), statuses, titles, then other fields."""
    out: list[str] = []
    for key, value in want.items():
        if key != "goals" and got.get(key) != value:
            out.append(f"{key}: got {got.get(key)!r}, expected {value!r}")
    gg = {g["numeral"]: g for g in got["goals"]}
    for wg in want["goals"]:
        g = gg.get(wg["numeral"])
        if g is None:
            out.append(f"goal {wg['numeral']}: missing")
            continue
        if g["title"] != wg["title"]:
            out.append(f"goal {wg['numeral']} title: got {g['title']!r}, expected {wg['title']!r}")
        subs = {s["number"]: s for s in g["sub_goals"]}
        for ws in wg["sub_goals"]:
            where = f"{wg['numeral']}.{ws['number']}"
            s = subs.get(ws["number"])
            if s is None:
                out.append(f"{where}: sub-goal missing")
                continue
            for key in ("title", "statuses", "pages"):
                if s[key] != ws[key]:
                    out.append(f"{where} {key}: got {s[key]!r}, expected {ws[key]!r}")
            for col in COLUMNS:
                a, b = s[col], ws[col]
                for i in range(max(len(a), len(b))):
                    x = a[i] if i < len(a) else None
                    y = b[i] if i < len(b) else None
                    if x != y:
                        out.append(f"{where} {col}[{i}]:\n      got      {_fmt(x)}\n"
                                   f"      expected {_fmt(y)}")
        extra = sorted(set(subs) - {s["number"] for s in wg["sub_goals"]})
        if extra:
            out.append(f"goal {wg['numeral']}: unexpected sub-goals {extra}")
    extra_goals = sorted(set(gg) - {g["numeral"] for g in want["goals"]})
    if extra_goals:
        out.append(f"unexpected goals {extra_goals}")
    return out


def test_the_sample_is_there() -> None:
    assert len(DECKS) >= 15, f"fixtures/random holds {len(DECKS)} decks"
    for name in DECKS:
        for kind in KINDS:
            assert (RANDOM / f"{name}.{kind}").is_file(), f"{name}.{kind} missing"


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", DECKS)
def test_random_deck_parses_to_expected_plan(name: str, kind: str) -> None:
    plan = lnhs_parse.parse(RANDOM / f"{name}.{kind}")
    got, want = comparable(plan), _expected(name)
    diffs = plan_differences(got, want)
    assert not diffs, f"{name}.{kind}: {len(diffs)} difference(s)\n  " + "\n  ".join(diffs)
    assert got == want
