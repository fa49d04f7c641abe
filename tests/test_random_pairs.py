"""The year-on-year diff against random year pairs (fixtures/gen/random_pairs.py), without a parser.

Each pair is a random deck and the same plan a year later, edited at random (statuses up, down,
re-counted, re-ordered; statements removed, added, moved, reworded heavily or lightly) and drawn in
another random style. The ground truth is written from the edits; here the diff of the two expected
plans (written from the generator's content) must equal it exactly: every statement's change, place
and texts, every sub-goal's icons and direction. bench/diff_parity.py runs the same pairs through
PPTX and the PDF producers.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from functools import cache
from typing import Any

import pytest

from lnhs_parse import PlanDiff
from lnhs_parse.compare import diff_plans
from support import FIXTURES

GEN = FIXTURES / "gen"
# 52 and 61 hold long statements reworded with their topic words kept but under half of all words
# (paired since the stem share counts at most 4 words of a statement)
SEEDS = [*range(30000, 30028), 52, 61]


@cache
def _gen() -> Any:
    if str(GEN) not in sys.path:
        sys.path.insert(0, str(GEN))  # the generator imports its siblings by name
    return importlib.import_module("random_pairs")


@cache
def _pair(seed: int) -> Any:
    return _gen().random_pair(seed)


def _ws(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _statements(diff: PlanDiff) -> list[tuple[Any, ...]]:
    return sorted(
        (c.goal, c.sub_goal, c.column, c.change, _ws(c.before.text) if c.before else None,
         _ws(c.after.text) if c.after else None,
         (c.moved_from.goal, c.moved_from.sub_goal, c.moved_from.column) if c.moved_from else None)
        for c in diff.statements
    )


def _truth_statements(truth: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (r["goal"], r["sub_goal"], r["column"], r["change"], r["before_text"], r["after_text"],
         (r["moved_from"]["goal"], r["moved_from"]["sub_goal"], r["moved_from"]["column"])
         if r["moved_from"] else None)
        for r in truth["statements"]
    )


def _diff(seed: int) -> PlanDiff:
    gen, pair = _gen(), _pair(seed)
    return diff_plans(gen.expected_as_plan(pair.base), gen.expected_as_plan(pair.head))


@pytest.mark.parametrize("seed", SEEDS)
def test_diff_of_expected_plans_equals_the_ground_truth(seed: int) -> None:
    pair = _pair(seed)
    diff = _diff(seed)
    assert _statements(diff) == _truth_statements(pair.truth), "\n".join(pair.edits)
    got = [(c.goal, c.sub_goal, list(c.before), list(c.after),
            c.direction) for c in diff.status_changes]
    want = [(c["goal"], c["sub_goal"], c["before"], c["after"], c["direction"])
            for c in pair.truth["status_changes"]]
    assert got == want
    assert not diff.added_sub_goals and not diff.removed_sub_goals


def test_the_pairs_hold_every_kind_of_change() -> None:
    """The seeds together test every change kind and direction, and the heads are other years in
    other styles."""
    changes: Counter[str] = Counter()
    directions: Counter[str] = Counter()
    for seed in SEEDS:
        pair = _pair(seed)
        changes.update(r["change"] for r in pair.truth["statements"])
        directions.update(c["direction"] for c in pair.truth["status_changes"])
        assert pair.head.deck.year == pair.base.deck.year + 1
        assert pair.head.style != pair.base.style
        assert len(pair.head.specs) >= 1
    for kind in ("unchanged", "added", "removed", "modified", "moved"):
        assert changes[kind] >= 5, changes
    for direction in ("progressed", "regressed", "changed", "unchanged"):
        assert directions[direction] >= 3, directions
    assert changes["unchanged"] > sum(v for k, v in changes.items() if k != "unchanged")


def test_rewordings_include_ones_a_text_score_misses() -> None:
    """Some reworded statements are paired on shared stems, not on similar text."""
    from lnhs_parse.compare import DiffSettings, similarity

    low = [r for seed in SEEDS for r in _pair(seed).truth["statements"]
           if r["change"] == "modified"
           and similarity(r["before_text"], r["after_text"]) < DiffSettings().modified_threshold]
    assert len(low) >= 5


def test_the_generator_is_deterministic() -> None:
    gen = _gen()
    for seed in (SEEDS[0], SEEDS[7]):
        a, b = gen.random_pair(seed), gen.random_pair(seed)
        assert a.truth == b.truth and a.edits == b.edits
        assert a.head.deck == b.head.deck and a.head.style == b.head.style
        assert a.head.row_heights == b.head.row_heights
        assert gen.expected_dict(a.head) == gen.expected_dict(b.head)
    assert gen.random_pair(SEEDS[0]).truth != gen.random_pair(SEEDS[1]).truth


def test_the_base_is_the_random_deck_of_the_seed() -> None:
    gen = _gen()
    import random_decks

    seed = SEEDS[3]
    pair = _pair(seed)
    made = random_decks.random_deck(seed)
    assert random_decks.expected_json(pair.base) == random_decks.expected_json(made)
    assert random_decks.build_pptx(pair.base) == random_decks.build_pptx(made)
    assert gen.expected_as_plan(pair.base).year == made.deck.year


def test_every_head_row_fits_its_slide() -> None:
    gen = _gen()
    import random_decks as R

    for seed in SEEDS:
        head = _pair(seed).head
        for spec in head.specs:
            if spec.kind != "table":
                continue
            assert R.table_top(spec.goal.title) + sum(head.row_heights[spec.page]) <= R.TABLE_BOTTOM
            assert len(spec.rows) <= head.style.max_rows or len(spec.rows) == 1
    assert gen.direction(("started", "in_use"), ("started", "in_progress", "in_use")) == "changed"
