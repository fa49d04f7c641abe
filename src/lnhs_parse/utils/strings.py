"""String helpers: edit distance with transpositions, whitespace collapsing.

`osa_distance` exists because typos in actor prefixes are often swapped letters (`Keltu` for
`Kletu`): plain Levenshtein distance (and the `regex` module's fuzzy matching) counts a swap as two
edits, the optimal-string-alignment distance counts it as one.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """`text` with every whitespace run turned into one space, stripped at both ends."""
    return _WS.sub(" ", text).strip()


def osa_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
    two adjacent characters each cost one (no substring is edited twice).

    With `limit`, the result is only exact up to `limit`; anything larger is reported as `limit + 1`
    (cheap early exit: length difference, or two whole rows above the limit).
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        d = max(n, m)
        return d if limit is None or d <= limit else limit + 1
    prev2: list[int] = []
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        cur = [i] + [0] * m
        for j in range(1, m + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        # A transposition reaches back two rows, so give up only when two rows in a row are over.
        if limit is not None and min(cur) > limit and min(prev) > limit:
            return limit + 1
        prev2, prev = prev, cur
    d = prev[m]
    return d if limit is None or d <= limit else limit + 1
