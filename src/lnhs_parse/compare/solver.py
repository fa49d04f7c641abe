"""Pairing two sides by scores: the optimal assignment (`assign`, the Hungarian algorithm) and the
best-first pairing (`best_first`).

`assign` maximises the sum of the pairs' weights (a reworded statement or action pairs as a reader
pairs it: docs/diff.md, "Reworded statements"); `best_first` takes the best pairs first, each side
once, ties broken by a sort key (sub-goal titles, near-identical texts). Both are deterministic: the
same input gives the same pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


def assign(weights: Sequence[Sequence[float | None]]) -> list[tuple[int, int]]:
    """Rows paired with columns, each at most once, maximising the sum of the weights.

    `None` forbids a pair; every allowed weight should be > 0. The Hungarian algorithm (Kuhn-
    Munkres, with potentials, O(n² m)); the result is in row order and the same for the same input.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    transpose = n > m
    if transpose:
        weights = [[weights[i][j] for i in range(n)] for j in range(m)]
        n, m = m, n
    # minimise cost = -weight; a forbidden pair costs 0, like leaving both unpaired
    cost = [[-(w or 0.0) for w in row] for row in weights]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    way = [0] * (m + 1)
    match = [0] * (m + 1)  # match[j] = row (1-based) assigned to column j, 0 = none
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while True:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, m + 1):
        i = match[j]
        if i and weights[i - 1][j - 1] is not None:
            pairs.append((j - 1, i - 1) if transpose else (i - 1, j - 1))
    return sorted(pairs)


SortKey = tuple[float | int | bool, ...]  # a candidate pair's place in `best_first`'s order


def best_first(
    left: Sequence[int],
    right: Sequence[int],
    score: Callable[[int, int], float | None],
    order: Callable[[int, int, float], SortKey] | None = None,
) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) taken best first, each i and j at most once; `score` None = no pair.

    Ties go to the pair whose `order` key is smallest (default: the closest positions, then the
    earliest), so the result is deterministic.
    """
    cands: list[tuple[SortKey, int, int, float]] = []
    for i in left:
        for j in right:
            s = score(i, j)
            if s is not None:
                key = order(i, j, s) if order else (-s, abs(i - j), i, j)
                cands.append((key, i, j, s))
    cands.sort(key=lambda c: c[0])
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for _, i, j, s in cands:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append((i, j, s))
    return out


__all__ = ["SortKey", "assign", "best_first"]
