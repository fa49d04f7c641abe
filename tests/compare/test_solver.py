"""The pairing of two sides (`lnhs_parse.compare.solver`): the optimal assignment and the
best-first pairing."""

from __future__ import annotations

import itertools
import random

from lnhs_parse.compare import assign, best_first


def _weight(w: list[list[float | None]], i: int, j: int) -> float:
    """A pair's weight, which the pairs summed here have."""
    value = w[i][j]
    assert value is not None, (i, j)
    return value


def test_assign_is_optimal() -> None:
    rng = random.Random(7)
    for _ in range(300):
        n, m = rng.randint(0, 5), rng.randint(0, 5)
        w = [[round(rng.random(), 3) if rng.random() < 0.6 else None for _ in range(m)]
             for _ in range(n)]
        got = assign(w)
        assert len({i for i, _ in got}) == len({j for _, j in got}) == len(got)
        assert all(w[i][j] is not None for i, j in got)
        best = 0.0
        for k in range(min(n, m) + 1):
            for rows in itertools.combinations(range(n), k):
                for cols in itertools.permutations(range(m), k):
                    if all(w[i][j] is not None for i, j in zip(rows, cols, strict=True)):
                        pairs = zip(rows, cols, strict=True)
                        best = max(best, sum(_weight(w, i, j) for i, j in pairs))
        assert abs(sum(_weight(w, i, j) for i, j in got) - best) < 1e-9
    assert assign([]) == [] and assign([[None]]) == []


def test_assign_pairs_crosswise_where_the_best_single_pair_would_strand_one() -> None:
    # (0, 0) is the best single pair, but row 1 can only take column 0
    assert assign([[0.9, 0.8], [0.7, None]]) == [(0, 1), (1, 0)]


def test_best_first_takes_each_side_once_best_first() -> None:
    scores = {(0, 0): 0.5, (0, 1): 0.9, (1, 1): 0.8, (2, 2): None}
    got = best_first(range(3), range(3), lambda i, j: scores.get((i, j)))
    assert got == [(0, 1, 0.9)]  # (1, 1) lost its partner to the better pair, (0, 0) its row


def test_best_first_breaks_ties_by_the_order_key() -> None:
    def same(i: int, j: int) -> float:
        return 1.0

    # default: the closest positions, then the earliest
    assert best_first(range(2), range(2), same) == [(0, 0, 1.0), (1, 1, 1.0)]
    # a key that prefers the farthest pairs
    far = best_first(range(2), range(2), same, order=lambda i, j, s: (-s, -abs(i - j), i, j))
    assert far == [(0, 1, 1.0), (1, 0, 1.0)]
