"""End to end: every fixture deck, as PDF and as PPTX, parses to its expected plan.

`<name>.expected.json` is written from the generator's content data, never from parser output
(fixtures/gen/expected.py), so these tests check the whole chain: extractor -> layout -> normaliser.
A failure lists every differing field by goal and sub-goal, not just the first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from lnhs_parse.model import Plan
from support import FIXTURES, comparable, deck_names, expected, profile_for

FORMATS = ("pdf", "pptx")
DECKS = deck_names()
# Warnings the fixture decks are built to give (typos in actor prefixes); anything else on a fixture
# deck means the layout was misread somewhere.
EXPECTED_WARNING_CODES = {"fuzzy-actor", "unknown-actor", "bare-prefix"}


@cache
def _parse(name: str, fmt: str) -> Plan:
    """A fixture deck parsed as a user would: with the profile beside it, if it has one."""
    profile = profile_for(name)
    return lnhs_parse.parse(FIXTURES / f"{name}.{fmt}", profile=profile)


def _cases() -> list[Any]:
    return [
        pytest.param(name, fmt, id=f"{name}-{fmt}")
        for name in DECKS
        for fmt in FORMATS
    ]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 400 else text[:397] + "..."


def differences(got: Any, want: Any, path: str = "") -> list[str]:
    """Every differing leaf as "path: got ... expected ...", goals and sub-goals named by number."""
    out: list[str] = []
    if isinstance(got, dict) and isinstance(want, dict):
        for key in list(want) + [k for k in got if k not in want]:
            if key not in got:
                out.append(f"{path}.{key}: missing")
            elif key not in want:
                out.append(f"{path}.{key}: unexpected {_short(got[key])}")
            else:
                out += differences(got[key], want[key], f"{path}.{key}" if path else str(key))
        return out
    if isinstance(got, list) and isinstance(want, list):
        for i in range(max(len(got), len(want))):
            where = f"{path}[{i}]"
            if i >= len(got):
                out.append(f"{where}: missing, expected {_short(want[i])}")
            elif i >= len(want):
                out.append(f"{where}: unexpected {_short(got[i])}")
            else:
                out += differences(got[i], want[i], where)
        return out
    if got != want:
        out.append(f"{path}: got {_short(got)}, expected {_short(want)}")
    return out


def _named(plan_view: dict[str, Any]) -> dict[str, Any]:
    """The comparable view with goals and sub-goals keyed by their numbers (readable paths)."""
    view = dict(plan_view)
    view["goals"] = {
        f"goal {g['numeral']}": {
            **{k: v for k, v in g.items() if k != "sub_goals"},
            "sub_goals": {f"sub-goal {s['number']}": s for s in g["sub_goals"]},
            "sub_goal_numbers": [s["number"] for s in g["sub_goals"]],
        }
        for g in plan_view["goals"]
    }
    view["goal_numerals"] = [g["numeral"] for g in plan_view["goals"]]
    return view


def assert_same_plan(got: dict[str, Any], want: dict[str, Any], what: str) -> None:
    diffs = differences(_named(got), _named(want))
    assert not diffs, f"{what}: {len(diffs)} difference(s)\n  " + "\n  ".join(diffs)
    assert got == want  # the same, exactly (order of goals and sub-goals included)


@pytest.mark.parametrize(("name", "fmt"), _cases())
def test_deck_parses_to_expected_plan(name: str, fmt: str) -> None:
    plan = _parse(name, fmt)
    assert_same_plan(comparable(plan), comparable(expected(name)), f"{name}.{fmt}")


@pytest.mark.parametrize(("name", "fmt"), _cases())
def test_deck_gives_no_layout_warnings(name: str, fmt: str) -> None:
    """Nothing unplaced, no unknown icon, a legend found: the fixtures are clean decks."""
    plan = _parse(name, fmt)
    unexpected = [f"{w.code} (page {w.page}): {w.message}" for w in plan.warnings
                  if w.code not in EXPECTED_WARNING_CODES]
    assert not unexpected, f"{name}.{fmt}:\n  " + "\n  ".join(unexpected)


@pytest.mark.parametrize("name", DECKS)
def test_pdf_and_pptx_give_the_same_plan(name: str) -> None:
    from_pptx = comparable(_parse(name, "pptx"), pages=True)
    from_pdf = comparable(_parse(name, "pdf"))
    assert_same_plan(from_pdf, from_pptx, f"{name}: PDF vs PPTX")


@pytest.mark.parametrize(("name", "fmt"), _cases())
def test_deck_source_and_provenance(name: str, fmt: str) -> None:
    plan = _parse(name, fmt)
    assert plan.source.format == fmt
    assert plan.source.path.endswith(f"{name}.{fmt}")
    assert len(plan.source.sha256) == 64
    pages = plan.source.pages
    for goal in plan.goals:
        for sg in goal.sub_goals:
            assert sg.pages and all(1 <= p <= pages for p in sg.pages)
            for st in (*sg.focus_areas, *sg.joint_highlights):
                assert st.page in sg.pages, f"{goal.numeral}.{sg.number}: statement on page {st.page}"
                assert st.raw.strip()
    assert sorted(a.id for a in plan.actors) == [a.id for a in plan.actors]


def test_region_and_year_come_from_the_slides_not_the_file_name(tmp_path: Path) -> None:
    name = "kymenlaakso-2023"
    misleading = tmp_path / "lappi-2019-arviointi.pptx"
    misleading.write_bytes((FIXTURES / f"{name}.pptx").read_bytes())
    plan = lnhs_parse.parse(misleading)
    want = expected(name)
    assert (plan.region, plan.year, plan.focus_period) == (
        want["region"], want["year"], want["focus_period"]
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_deck_without_its_legend_falls_back_to_icon_colours(fmt: str) -> None:
    """The fixture decks' icons are red / yellow / green: the default mapping reads them right."""
    import dataclasses

    from lnhs_parse.extract import extract
    from lnhs_parse.normalise import normalise
    from lnhs_parse.settings import ParseOptions

    name = "kymenlaakso-2023"
    document = extract(FIXTURES / f"{name}.{fmt}", ParseOptions())
    legend_pages = {s["page"] for s in expected_manifest_slides(name) if s["kind"] == "legend"}
    pages = tuple(
        dataclasses.replace(p, icons=()) if p.number in legend_pages else p for p in document.pages
    )
    plan = normalise(dataclasses.replace(document, pages=pages), ParseOptions())
    assert plan.status_legend == []
    assert "no-legend" in [w.code for w in plan.warnings]
    got = [[sg.statuses for sg in g.sub_goals] for g in plan.goals]
    want = [[sg["statuses"] for sg in g["sub_goals"]] for g in expected(name)["goals"]]
    assert got == want


def expected_manifest_slides(name: str) -> list[dict[str, Any]]:
    from support import manifest

    result: list[dict[str, Any]] = manifest()["decks"][name]["slides"]
    return result


def _generator_icon_colours(name: str) -> dict[str, str]:
    """Status -> "#RRGGBB" the generator drew the deck's icons in (`Deck.icon_colours`)."""
    import sys

    from support import manifest

    gen = str(FIXTURES / "gen")
    if gen not in sys.path:
        sys.path.insert(0, gen)
    import decks  # fixtures/gen/decks.py, pure Python

    deck = decks.load_content(manifest()["decks"][name]["content"])
    assert deck is not None, f"{name}: content module missing"
    return {status: colour.upper() for status, colour in deck.icon_colours.items()}


def _channels(colour: str) -> tuple[int, int, int]:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return r, g, b


@pytest.mark.parametrize(("name", "fmt"), _cases())
def test_legend_colours_are_the_decks_icon_colours(name: str, fmt: str) -> None:
    """`status_legend[].color` is the colour the legend's icons were drawn in: exactly for vector
    shapes, glyphs and PPTX pictures; within ±16 per channel for the PDF of the picture deck
    (LibreOffice re-encodes the PNGs)."""
    from support import manifest

    plan = _parse(name, fmt)
    want = _generator_icon_colours(name)
    got = {e.status: e.color for e in plan.status_legend}
    assert set(got) == {e["status"] for e in expected(name)["status_legend"]}
    assert all(c is not None for c in got.values()), got
    re_encoded = fmt == "pdf" and manifest()["decks"][name]["style"]["icons"] == "picture"
    if not re_encoded:
        assert got == {s: want[s] for s in got}
        return
    for status, colour in got.items():
        assert colour is not None
        deltas = [abs(a - b) for a, b in zip(_channels(colour), _channels(want[status]), strict=True)]
        assert max(deltas) <= 16, f"{status}: {colour} vs {want[status]}"
