"""Decks in other counties' templates (issue 22): fixtures/templates/ and fixtures/templates/random/.

Every deck is a PPTX (python-pptx), its LibreOffice PDF and its Chromium PDF, with the plan it
should parse to (written from the generator's content, never from parser output) and a profile
holding only the county's actors. The tests:

- the fixtures (no parser): files present, the expected plans and true changes current with their
  generators and valid plans of the model, profiles of actors only, every status word one of the
  packaged scale vocabulary's words for its step, the pairs holding every kind of change;
- the parser: every deck, every format, parses to its expected plan (the view of
  `template_compare.plan_view`; a failure lists every differing field), the legend as printed, PDF
  and PPTX of a deck give the same plan, the committed random decks parse to theirs;
- the diff: of each pair's expected plans, and of each format's two decks, equals the pair's true
  changes (every action's change, place, texts and direction; sub-goals' status directions).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from template_support import (
    FORMATS,
    RANDOM,
    TEMPLATES,
    C,
    changes,
    expected,
    expected_as_plan,
    fixed_names,
    fixed_pairs,
    manifest,
    mismatch,
    parsed,
    profile,
    random_names,
)

FIXED = fixed_names()
PAIRS = fixed_pairs()
RANDOM_DECKS = random_names()


# --------------------------------------------------------------------------------------------------
# the fixtures


def test_the_fixture_set() -> None:
    """At least three templates, each a year pair; about twenty random decks."""
    assert len(PAIRS) >= 3
    assert len(FIXED) == 2 * len(PAIRS)
    assert len(RANDOM_DECKS) >= 20
    for _, base, head in PAIRS:
        assert expected(head)["year"] == expected(base)["year"] + 1


@pytest.mark.parametrize("folder,name", [(TEMPLATES, n) for n in FIXED]
                         + [(RANDOM, n) for n in RANDOM_DECKS])
def test_every_file_is_there(folder: Path, name: str) -> None:
    import pdfplumber

    entry = manifest(folder)["decks"][name]
    for suffix in entry["files"].values():
        assert (folder / suffix).is_file(), suffix
    for kind in ("pdf", "chromium.pdf"):
        with pdfplumber.open(folder / f"{name}.{kind}") as pdf:
            assert len(pdf.pages) == entry["pages"], kind


def test_every_pair_has_its_changes() -> None:
    for pair, _, _ in PAIRS:
        assert (TEMPLATES / f"{pair}.changes.json").is_file()


@cache
def _fixed_made() -> dict[str, Any]:
    import template_fixed as F
    from template_layout import plan_deck

    return {d.name: (d, plan_deck(d)) for p in F.pairs() for d in (p.base, p.head)}


@pytest.mark.parametrize("name", FIXED)
def test_fixed_expected_plans_are_current(name: str) -> None:
    """The committed expected plan is the generator's, from the content (not stale)."""
    from template_expected import expected_plan

    deck, plan = _fixed_made()[name]
    assert expected_plan(deck, plan.sub_goal_pages) == expected(name)
    assert len(plan.slides) == manifest()["decks"][name]["pages"]


@pytest.mark.parametrize("pair,base,head", PAIRS)
def test_fixed_changes_are_current(pair: str, base: str, head: str) -> None:
    from template_expected import pair_truth

    made = _fixed_made()
    assert pair_truth(made[base][0], made[head][0]) == changes(pair)


@pytest.mark.parametrize("name", RANDOM_DECKS)
def test_random_expected_plans_are_current(name: str) -> None:
    import random_templates as RT
    from template_expected import expected_plan
    from template_layout import plan_deck

    seed = manifest(RANDOM)["decks"][name]["seed"]
    deck = RT.random_template_deck(seed)
    assert expected_plan(deck, plan_deck(deck).sub_goal_pages) == expected(name, RANDOM)


@pytest.mark.parametrize("folder,name", [(TEMPLATES, n) for n in FIXED]
                         + [(RANDOM, n) for n in RANDOM_DECKS])
def test_expected_plans_are_plans_of_the_model(folder: Path, name: str) -> None:
    """Field names and values the model accepts (it forbids unknown fields), actor ids the
    profile's or made ones, unique action texts."""
    plan = expected_as_plan(name, folder)
    assert plan.schema_version == "2.0"
    data = expected(name, folder)
    texts = [C.ws(a["text"]) for g in data["goals"]
             for a in [*g["actions"], *(x for s in g["sub_goals"] for x in s["actions"])]]
    assert len(texts) == len(set(texts))
    ranks = [s["rank"] for s in data["status_scale"] if s["rank"] is not None]
    assert ranks == list(range(len(ranks)))


@pytest.mark.parametrize("folder,name", [(TEMPLATES, n) for n in FIXED]
                         + [(RANDOM, n) for n in RANDOM_DECKS])
def test_profiles_hold_only_actors(folder: Path, name: str) -> None:
    data = tomllib.loads(profile(name, folder).read_text(encoding="utf-8"))
    assert set(data) == {"actor"}
    for actor in data["actor"]:
        assert set(actor) == {"id", "name", "kind", "aliases"}
    aliases = [a.lower() for actor in data["actor"] for a in actor["aliases"]]
    assert len(aliases) == len(set(aliases)), "an alias claimed twice"


def _vocabulary() -> dict[str, set[str]]:
    from importlib import resources

    text = (resources.files("lnhs_parse") / "normalise" / "data" / "scales.toml").read_text(
        encoding="utf-8")
    return {s["code"]: {w.lower() for w in [s.get("label", ""), *s.get("words", [])]}
            for s in tomllib.loads(text)["steps"]}


@pytest.mark.parametrize("folder,name", [(TEMPLATES, n) for n in FIXED]
                         + [(RANDOM, n) for n in RANDOM_DECKS])
def test_status_words_are_the_vocabularys(folder: Path, name: str) -> None:
    """A deck in common wording: every scale label is a word of its step in the packaged
    vocabulary (src/lnhs_parse/normalise/data/scales.toml), so no profile needs to name it."""
    vocab = _vocabulary()
    data = expected(name, folder)
    for step in data["status_scale"]:
        assert step["label"].lower() in vocab[step["code"]], step
    for entry in data["status_legend"]:
        assert entry["label"].lower() in vocab[entry["status"]], entry


def test_the_random_generator_is_deterministic() -> None:
    import random_templates as RT

    for seed in (3, 11):
        assert RT.random_template_deck(seed) == RT.random_template_deck(seed)
        a, b = RT.random_pair(seed), RT.random_pair(seed)
        assert a == b
    assert RT.random_template_deck(3) != RT.random_template_deck(4)


def test_the_pairs_hold_every_kind_of_change() -> None:
    """Fixed pairs together: every change kind and direction, and in each pair a step outside the
    order in one of its years."""
    kinds: set[str] = set()
    directions: set[str] = set()
    for pair, base, head in PAIRS:
        truth = changes(pair)
        kinds.update(r["change"] for r in truth["actions"])
        directions.update(r["direction"] for r in truth["actions"] if r["direction"])
        directions.update(r["direction"] for r in truth["status_changes"])
        codes = [{s["code"] for s in expected(n)["status_scale"]} for n in (base, head)]
        assert ("unknown" in codes[0]) != ("unknown" in codes[1]), pair
    assert kinds == {"unchanged", "modified", "moved", "added", "removed"}
    assert directions == {"progressed", "regressed", "changed", "unchanged"}


def test_the_direction_rule() -> None:
    from template_expected import direction

    assert direction(["started"], ["in_progress"]) == "progressed"
    assert direction(["in_use"], ["in_progress"]) == "regressed"
    assert direction(["in_progress", "in_use"], ["in_use", "in_progress"]) == "unchanged"
    assert direction(["started", "in_use"], ["in_progress"]) == "changed"
    assert direction(["unknown"], ["in_use"]) == "changed"
    assert direction(["in_use"], ["unknown"]) == "changed"
    assert direction(["unknown"], ["unknown"]) == "unchanged"
    assert direction(["late"], ["on_time"]) == "progressed"


# --------------------------------------------------------------------------------------------------
# the parser (these fail until the normaliser reads other templates: issue 22)


def _cases(folder: Path, names: list[str]) -> list[Any]:
    return [pytest.param(folder, n, f, id=f"{n}.{f}") for n in names for f in FORMATS]


@pytest.mark.parametrize("folder,name,fmt", _cases(TEMPLATES, FIXED))
def test_fixed_deck_parses_to_its_expected_plan(folder: Path, name: str, fmt: str) -> None:
    got = parsed(folder / f"{name}.{fmt}", profile(name, folder))
    want = C.plan_view(expected(name, folder))
    assert C.plan_view(got) == want, mismatch(want, C.plan_view(got), f"{name}.{fmt}")


@pytest.mark.parametrize("folder,name,fmt", _cases(TEMPLATES, FIXED))
def test_fixed_deck_legend(folder: Path, name: str, fmt: str) -> None:
    got = parsed(folder / f"{name}.{fmt}", profile(name, folder))
    want = C.legend_view(expected(name, folder))
    assert C.legend_view(got) == want, mismatch(want, C.legend_view(got), f"{name}.{fmt} legend")


@pytest.mark.parametrize("folder,name,fmt", [
    pytest.param(TEMPLATES, n, f, id=f"{n}.{f}") for n in FIXED for f in FORMATS[1:]])
def test_pdf_and_pptx_give_the_same_plan(folder: Path, name: str, fmt: str) -> None:
    ref = C.plan_view(parsed(folder / f"{name}.pptx", profile(name, folder)))
    got = C.plan_view(parsed(folder / f"{name}.{fmt}", profile(name, folder)))
    assert got == ref, mismatch(ref, got, f"{name}.{fmt} against {name}.pptx")


@pytest.mark.slow
@pytest.mark.parametrize("folder,name,fmt", _cases(RANDOM, RANDOM_DECKS))
def test_random_deck_parses_to_its_expected_plan(folder: Path, name: str, fmt: str) -> None:
    got = parsed(folder / f"{name}.{fmt}", profile(name, folder))
    want = C.plan_view(expected(name, folder))
    assert C.plan_view(got) == want, mismatch(want, C.plan_view(got), f"{name}.{fmt}")


# --------------------------------------------------------------------------------------------------
# the diff


def _check_diff(diff: dict[str, Any], truth: dict[str, Any], what: str) -> None:
    want, got = C.truth_rows(truth), C.change_rows(diff)
    missing = [r for r in want if r not in got]
    extra = [r for r in got if r not in want]
    assert not missing and not extra, (
        f"{what}: action changes differ from the truth\n  missing: "
        + "\n    ".join(map(repr, missing)) + "\n  extra: " + "\n    ".join(map(repr, extra)))
    ws_, gs = C.status_rows(truth), C.status_rows(diff)
    assert gs == ws_, mismatch(ws_, gs, f"{what}: sub-goal status changes")


@pytest.mark.parametrize("pair,base,head", PAIRS)
def test_diff_of_the_expected_plans_equals_the_true_changes(pair: str, base: str,
                                                            head: str) -> None:
    from lnhs_parse.compare import diff_plans

    diff = diff_plans(expected_as_plan(base), expected_as_plan(head))
    _check_diff(diff.model_dump(mode="json"), changes(pair), f"{pair} (expected plans)")


@pytest.mark.parametrize("pair,base,head,fmt", [
    pytest.param(p, b, h, f, id=f"{p}.{f}") for p, b, h in PAIRS for f in FORMATS])
def test_diff_of_the_decks_equals_the_true_changes(pair: str, base: str, head: str,
                                                   fmt: str) -> None:
    from lnhs_parse.compare import diff_plans
    from lnhs_parse.model import Plan

    old = Plan.model_validate(parsed(TEMPLATES / f"{base}.{fmt}", profile(base)))
    new = Plan.model_validate(parsed(TEMPLATES / f"{head}.{fmt}", profile(head)))
    _check_diff(diff_plans(old, new).model_dump(mode="json"), changes(pair), f"{pair}.{fmt}")


def _unambiguous(truth: dict[str, Any]) -> list[str]:
    """What would make a pair's truth one a reader could doubt: a removed and an added action of
    one place that share words, a rewording a reader would not pair, two actions alike."""
    from random_pairs import shared_words, text_sim

    out = []
    rows = truth["actions"]
    for r in rows:
        if r["change"] == "modified" and text_sim(r["before_text"], r["after_text"]) < 0.7:
            out.append(f"a weak rewording {r['before_text']!r} -> {r['after_text']!r}")
    for a in (r for r in rows if r["change"] == "removed"):
        for b in (r for r in rows if r["change"] == "added"):
            if (a["goal"], a["sub_goal"]) == (b["goal"], b["sub_goal"]) and (
                    text_sim(a["before_text"], b["after_text"]) >= 0.5
                    or shared_words(a["before_text"], b["after_text"])):
                out.append(f"removed {a['before_text']!r} like added {b['after_text']!r}")
    for side in ("before_text", "after_text"):
        texts = [r[side] for r in rows if r[side]]
        for i, x in enumerate(texts):
            out += [f"alike: {x!r} / {y!r}" for y in texts[i + 1:] if text_sim(x, y) >= 0.7]
    return out


@pytest.mark.parametrize("pair", [p for p, _, _ in PAIRS])
def test_the_fixed_true_changes_are_unambiguous(pair: str) -> None:
    assert _unambiguous(changes(pair)) == []


def test_random_true_changes_are_unambiguous() -> None:
    import random_templates as RT
    from template_expected import pair_truth

    for seed in range(40, 52):
        base, head, edits = RT.random_pair(seed)
        assert _unambiguous(pair_truth(base, head)) == [], edits


def test_the_bench_scores_the_expected_plans_as_equal() -> None:
    """bench/template_parity.py on the fixed templates, the expected plans standing in for the
    parser's (`--truth`): every share 1 (a smoke test of the bench's scoring)."""
    import subprocess
    import sys

    from support import ROOT

    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "template_parity.py"), "--fixed", "--truth",
         "--producers", "pptx", "--jobs", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for measure in ("action rows", "statuses", "actor sets"):
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(measure))
        assert line.split()[-2] == "1.0000", line
    assert "0 parse error(s)" in out
