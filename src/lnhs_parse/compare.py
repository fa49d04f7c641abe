"""Two years' plans side by side: which sub-goals match, how their statuses moved, what was written.

`diff_plans(old, new)` aligns two `Plan`s and returns a `PlanDiff` (docs/diff.md):

1. **Sub-goals** are matched within each main goal (by goal number): by sub-goal number, confirmed
   when the titles are similar enough (`DiffSettings.title_threshold`), or by title alone
   (`DiffSettings.renumbered_title_threshold`), which finds a renumbered sub-goal
   (`StatusChange.base_sub_goal` gives its old number); best pairs first, a same-number pair
   getting `DiffSettings.same_number_bonus`. Sub-goals left over are added / removed.
2. **Statuses**: one `StatusChange` per matched sub-goal, with a direction (`status_direction`):
   the stages shown (order and repeats ignored), compared by their lowest and highest.
3. **Statements**, in four passes over each column of each sub-goal:
   a. exact: the same text (`same_text_key`: whitespace normalised, none at a hyphen or dash) and
      the same actors in the same place: unchanged; so is a statement whose text the other plan
      holds as consecutive statements of that place, the same text split differently (their
      actors together the same): each piece is `unchanged` against the whole;
   b. near-identical text (`DiffSettings.moved_threshold`) anywhere in the plan: in the same place
      that is `modified` (a typo fixed, or the actors changed), in another place it is `moved`;
   c. reworded in place: the removed and added statements of one sub-goal and column are paired
      by an optimal assignment (`assign`) over a score of text similarity, shared word stems
      (Snowball's Finnish stemmer, `stems`), actors and position; a pair needs actors in common and
      either similar text (`DiffSettings.modified_threshold`) or, for statements with actors,
      shared stems (`DiffSettings.reworded_stem_threshold`): `modified`;
   d. the rest: `removed` from the old plan, `added` in the new one.

Every place (`goal`, `sub_goal`, `moved_from`) is given in the newer plan's numbering when the
sub-goal exists there; statements of a removed sub-goal keep the older plan's number.

This module aligns only: the diff's Markdown report is `lnhs_parse.markdown.diff_markdown`, its rows
for data frames `lnhs_parse.rows`, its words `lnhs_parse.labels`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, NamedTuple

from lnhs_parse.errors import ConfigError
from lnhs_parse.labels import COLUMNS
from lnhs_parse.model import (
    Actor,
    Change,
    Column,
    Direction,
    GoalRef,
    Place,
    Plan,
    PlanDiff,
    PlanRef,
    Statement,
    StatementChange,
    Status,
    StatusChange,
    SubGoal,
    SubGoalRef,
)
from lnhs_parse.utils.strings import collapse_ws


@dataclass(frozen=True)
class DiffSettings:
    """The thresholds of the alignment, all similarities in 0..1 (rapidfuzz scores / 100).

    Similarity of two texts is rapidfuzz's `token_sort_ratio` after lower-casing and dropping
    punctuation (`rapidfuzz.utils.default_process`), so word order and punctuation matter little.
    """

    # A sub-goal with the same goal and number is the same sub-goal when its titles are at least
    # this similar (titles get reworded a little from year to year; a new sub-goal inserted at
    # that number has an unrelated title).
    title_threshold: float = 0.6
    # A sub-goal found under another number of the same goal by its title alone (renumbered).
    renumbered_title_threshold: float = 0.85
    # Added to the title similarity of a same-number pair when candidates compete, so a reworded
    # title keeps its number, while an identical title elsewhere beats a merely similar one here.
    same_number_bonus: float = 0.15
    # Near-identical statement text: a typo fixed in place (modified, actors may differ) or the
    # same statement found again under another sub-goal or column (moved).
    moved_threshold: float = 0.9
    # A statement reworded in place: same sub-goal, column and actors, text at least this similar.
    # (Distinct statements of one cell score up to ~0.69 on the fixture decks, rewordings 0.75+.)
    modified_threshold: float = 0.7
    # A statement with actors reworded in place, same sub-goal and column, at least one actor in
    # common: at least this share of one statement's words have their stem in the other (Snowball's
    # Finnish stemmer; "vertaistukiryhmiä suunnitellaan" / "vertaistukiryhmät käynnistetty" share
    # 1 of 2). Function words and words under 4 letters don't count.
    reworded_stem_threshold: float = 0.5
    # The score of a candidate pair, maximised over each sub-goal column by one optimal assignment:
    # these weights times text similarity, stem share, actor agreement (Jaccard) and nearness in
    # the column (1 - distance / column length).
    text_weight: float = 0.4
    stem_weight: float = 0.3
    actor_weight: float = 0.2
    position_weight: float = 0.1
    # A candidate pair scoring at most this is not made; the assignment maximises the sum of
    # (score - this), so one clearly reworded pair is not broken up into two weak ones, while two
    # good pairs win over one slightly better one that would leave a statement unpaired.
    reworded_min_score: float = 0.5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not number or not 0 <= value <= 1:
                raise ConfigError(f"diff setting {f.name} must be a number in 0..1, got {value!r}")


DEFAULT_SETTINGS = DiffSettings()


def similarity(a: str, b: str) -> float:
    """Text similarity in 0..1: rapidfuzz token_sort_ratio, case and punctuation ignored."""
    if collapse_ws(a) == collapse_ws(b):
        return 1.0
    # imported here, so the command line's other commands don't pay for it at start-up
    from rapidfuzz import fuzz
    from rapidfuzz.utils import default_process

    return round(fuzz.token_sort_ratio(a, b, processor=default_process) / 100.0, 4)


# One line per setting, for `lnhs-parse diff --help` (the options are made from the fields).
SETTING_HELP = {
    "title_threshold": "same-number sub-goals are the same when their titles are this similar",
    "renumbered_title_threshold": "a sub-goal found under another number by a title this similar",
    "same_number_bonus": "added to a same-number pair's title similarity when pairs compete",
    "moved_threshold": "near-identical statement text: moved elsewhere, modified in place",
    "modified_threshold": "a statement reworded in place with text this similar is modified",
    "reworded_stem_threshold": "or, for statements with actors, this share of word stems shared",
    "text_weight": "weight of text similarity in the score of a reworded pair",
    "stem_weight": "weight of the shared stems in that score",
    "actor_weight": "weight of the actors in common in that score",
    "position_weight": "weight of nearness in the column in that score",
    "reworded_min_score": "a reworded pair must score more than this; pairs maximise score minus "
    "this",
}


# --- word stems -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORD_LENGTH = 4  # shorter words (ja, on, eri, mm) say nothing about the topic
# Function words of 4+ letters that say nothing about a statement's topic: conjunctions,
# pronouns, forms of "olla", quantifiers ("kaikissa kunnissa").
_FUNCTION_WORDS = [
    "sekä", "kuten", "jotta", "joka", "jotka", "jossa", "joissa", "jonka", "joiden", "joita",
    "mutta", "vaan", "myös", "koko", "esim", "kanssa", "mukaan", "kautta",
    "ovat", "olla", "ollut", "olleet", "ollaan", "olisi",
    "tämä", "tämän", "nämä", "näiden", "niiden", "siinä", "siitä", "sitä",
    "kaikki", "kaikkia", "kaikkien", "kaikissa", "kaikilla", "kaikille", "kaikkiin",
    "muun", "muassa", "eivät", "enää", "yhä", "vielä", "lisäksi",
]
# Two stems are one word when they share a prefix this long and neither goes on for more than
# STEM_TAIL letters after it: Snowball leaves consonant gradation and plural stems apart
# ("neuvoloissa" -> neuvolo, "neuvolassa" -> neuvol), while a compound goes on for a whole word
# ("koulu" / "koulukuraattor") and stays apart.
STEM_PREFIX = 5
STEM_TAIL = 3
# A statement's stem share is counted against at most this many of its words: a long statement
# reworded keeps its topic words but not half of all its words ("Alueverkostojen ja ydintiimien
# toiminta yhteistyössä kyläyhteisöjen ja aluetoimikuntien kanssa perhekeskusalueilla" ->
# "Yhteistyössä aluetoimikuntien kanssa perhekeskusalueille käynnistetty kolmessa kunnassa" shares
# 3 of 7 stems: 3 of 4 counted). Two different statements of one cell of the fixture decks share
# at most one stem.
STEM_SHARE_WORDS = 4


@lru_cache(maxsize=1)
def _stemmer() -> Any:  # snowballstemmer has no type information
    import snowballstemmer

    return snowballstemmer.stemmer("finnish")


@lru_cache(maxsize=1)
def _function_stems() -> frozenset[str]:
    return frozenset(_stemmer().stemWords(_FUNCTION_WORDS))


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The Snowball Finnish stems of the text's words of 4+ letters, function words left out."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) >= MIN_WORD_LENGTH]
    return frozenset(_stemmer().stemWords(words)) - _function_stems()


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):  # up to the shorter
        if x != y:
            break
        n += 1
    return n >= STEM_PREFIX and len(a) - n <= STEM_TAIL and len(b) - n <= STEM_TAIL


def stem_share(a: str, b: str) -> float:
    """The larger of: the share of a's stems found in b, of b's found in a (0 when either has
    none); a text of more than `STEM_SHARE_WORDS` stems counts as that many (1 at most)."""
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return 0.0

    def cover(xs: frozenset[str], ys: frozenset[str]) -> float:
        found = sum(1 for x in xs if any(_same_stem(x, y) for y in ys))
        return min(1.0, found / min(len(xs), STEM_SHARE_WORDS))

    return round(max(cover(sa, sb), cover(sb, sa)), 4)



# --- optimal assignment -----------------------------------------------------------------------


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


# --- statuses ---------------------------------------------------------------------------------


def status_direction(before: Sequence[Status | str], after: Sequence[Status | str]) -> Direction:
    """"progressed", "regressed", "changed" or "unchanged" (docs/diff.md, "Direction").

    A sub-goal's icons say which stages its measures are at (started < in_progress < in_use);
    their order and repeats say nothing, so the two years are compared as the stages shown, by the
    least advanced one (the floor: the lagging measures) and the most advanced one (the ceiling):

    - the same stages: unchanged (icons only in another order, or repeated);
    - neither the floor nor the ceiling fell, and one rose: progressed (`[started, in_progress]` ->
      `[in_progress]`: the lagging measure moved on and nothing fell);
    - neither rose, and one fell: regressed;
    - otherwise changed: one rose while the other fell (`[in_progress]` -> `[started, in_use]`),
      only a stage between them came or went, or one year has no icons.

    The rule is symmetric: swapping the years turns progressed into regressed and back.
    """
    b = {Status(s) for s in before}
    a = {Status(s) for s in after}
    if b == a:
        return "unchanged"
    if not b or not a:
        return "changed"
    floor = min(s.rank for s in a) - min(s.rank for s in b)
    ceiling = max(s.rank for s in a) - max(s.rank for s in b)
    if floor >= 0 and ceiling >= 0 and (floor or ceiling):
        return "progressed"
    if floor <= 0 and ceiling <= 0 and (floor or ceiling):
        return "regressed"
    return "changed"


# --- sub-goals --------------------------------------------------------------------------------

SortKey = tuple[float | int | bool, ...]  # a candidate pair's place in `_greedy`'s order


class _Pair(NamedTuple):
    goal: int
    old: SubGoal
    new: SubGoal


def _greedy(
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


def match_sub_goals(
    old: Plan, new: Plan, settings: DiffSettings = DEFAULT_SETTINGS
) -> tuple[list[_Pair], list[tuple[int, SubGoal]], list[tuple[int, SubGoal]]]:
    """(matched pairs, removed (goal, sub-goal), added (goal, sub-goal)), each in plan order."""
    old_goals = {g.number: g for g in old.goals}
    new_goals = {g.number: g for g in new.goals}
    pairs: list[_Pair] = []
    removed: list[tuple[int, SubGoal]] = []
    added: list[tuple[int, SubGoal]] = []
    for number in sorted(set(old_goals) | set(new_goals)):
        olds = old_goals[number].sub_goals if number in old_goals else []
        news = new_goals[number].sub_goals if number in new_goals else []
        found = _match_goal(olds, news, settings)
        taken_o = {i for i, _ in found}
        taken_n = {j for _, j in found}
        pairs.extend(_Pair(number, olds[i], news[j]) for i, j in found)
        removed.extend((number, olds[i]) for i in range(len(olds)) if i not in taken_o)
        added.extend((number, news[j]) for j in range(len(news)) if j not in taken_n)
    return pairs, removed, added


def _match_goal(
    olds: Sequence[SubGoal], news: Sequence[SubGoal], settings: DiffSettings
) -> list[tuple[int, int]]:
    """The matched (old index, new index) pairs of one main goal's sub-goals, in the new order.

    One pass, best first: a same-number pair needs `title_threshold` and gets a bonus, a pair
    under different numbers (renumbered) needs `renumbered_title_threshold`.
    """

    def score(i: int, j: int) -> float | None:
        sim = similarity(olds[i].title, news[j].title)
        if olds[i].number == news[j].number:
            return sim + settings.same_number_bonus if sim >= settings.title_threshold else None
        return sim if sim >= settings.renumbered_title_threshold else None

    found = _greedy(range(len(olds)), range(len(news)), score)
    return [(i, j) for i, j, _ in sorted(found, key=lambda p: (news[p[1]].number, p[1]))]


# --- statements -------------------------------------------------------------------------------

# Where a statement stands for matching: (kind, goal, number, column); see `_Item.slot`.
Slot = tuple[str, int, int, Column]
# The order of the statement changes: goal, number, column, position, removed first, old order.
ChangeKey = tuple[int, int, int, int, int, int]


@dataclass
class _Item:
    """One statement of one plan, where it stands, and what it became."""

    side: str  # "old" | "new"
    place: tuple[int, int, Column]  # (goal, sub-goal number in the new numbering if any, column)
    slot: Slot  # the place for matching: (kind, goal, number, column); kind "m" for a matched
    # sub-goal (the same slot in both plans), "r" removed, "a" added (never the same slot)
    base_number: int | None  # the older plan's number of a renumbered matched sub-goal
    index: int  # position in its column
    order: int  # position in the whole plan
    statement: Statement
    text: str  # whitespace-normalised
    actors: tuple[str, ...]  # sorted, unique
    key: str = ""  # `same_text_key(text)`
    paired: bool = False

    def __post_init__(self) -> None:
        self.key = same_text_key(self.text)


def _items(side: str, places: Iterable[tuple[str, int, int, int | None, SubGoal]]) -> list[_Item]:
    """The statements of (kind, goal, number, base number, sub-goal) places, in order."""
    out: list[_Item] = []
    for kind, goal, number, base_number, sub in places:
        for column in COLUMNS:
            for index, st in enumerate(getattr(sub, column)):
                out.append(
                    _Item(side, (goal, number, column), (kind, goal, number, column), base_number,
                          index, len(out), st, collapse_ws(st.text), tuple(sorted(set(st.actors))))
                )
    return out


# A hyphen or dash with the whitespace around it: where a line broke at one, a PDF cannot always
# say whether a space was typed there ("tärkeys- painopisteen" / "tärkeys-painopisteen", "15 - 25" /
# "15-25"), and a reader sees the same words either way.
_DASH_SPACE = re.compile(r"\s*([-\u2010\u2011\u2012\u2013\u2014])\s*")


def same_text_key(text: str) -> str:
    """What two statements' texts must share to be the same text: whitespace collapsed, and none
    at a hyphen or dash."""
    return _DASH_SPACE.sub(r"\1", collapse_ws(text))


def _split_differently(
    singles: list[_Item], pieces: list[_Item]
) -> list[tuple[_Item, list[_Item]]]:
    """Unpaired statements of one place in `singles` whose text the other plan holds as two or more
    consecutive unpaired statements in `pieces` (`_pieces_of`): a paragraph read, or written, as
    one statement in one year and as several in the other. Each found single with its pieces,
    all marked paired."""
    out: list[tuple[_Item, list[_Item]]] = []
    for single in (s for s in singles if not s.paired):
        free = sorted((p for p in pieces if not p.paired), key=lambda p: p.index)
        run = next((r for k in range(len(free)) if (r := _pieces_of(single, free[k:]))), None)
        if run is not None:
            for it in (single, *run):
                it.paired = True
            out.append((single, run))
    return out


def _pieces_of(single: _Item, free: list[_Item]) -> list[_Item] | None:
    """The run of two or more consecutive statements at the start of `free` whose texts, joined
    with a space, are `single`'s (`same_text_key`) and whose actors together are its actors."""
    run = [free[0]]
    joined = free[0].key
    for nxt in free[1:]:
        if nxt.index != run[-1].index + 1 or not single.key.startswith(joined + " "):
            return None
        run.append(nxt)
        joined = f"{joined} {nxt.key}"
        if joined == single.key:
            actors = set().union(*(p.actors for p in run))
            return run if actors == set(single.actors) else None
    return None


def _by_slot(items: list[_Item]) -> dict[Slot, list[_Item]]:
    out: dict[Slot, list[_Item]] = {}
    for it in items:
        out.setdefault(it.slot, []).append(it)
    return out


def _change(kind: Change, old: _Item | None, new: _Item | None, sim: float) -> StatementChange:
    here = new if new is not None else old
    assert here is not None
    goal, sub_goal, column = here.place
    moved_from = None
    if kind == "moved" and old is not None:
        moved_from = Place(goal=old.place[0], sub_goal=old.place[1], column=old.place[2])
    return StatementChange(
        goal=goal,
        sub_goal=sub_goal,
        column=column,
        change=kind,
        before=old.statement if old is not None else None,
        after=new.statement if new is not None else None,
        similarity=max(0.0, min(1.0, sim)),
        moved_from=moved_from,
        base_sub_goal=here.base_number,
    )


def reworded_score(
    o: _Item, n: _Item, length: int, settings: DiffSettings = DEFAULT_SETTINGS
) -> tuple[float, float] | None:
    """(weight, text similarity) of an old and a new statement of one sub-goal column as a reworded
    pair, or None when a reader would not pair them.

    A pair needs actors in common (or none on either side) and either text at least
    `modified_threshold` similar with the same actors, or, for statements with actors, at least
    `reworded_stem_threshold` of one statement's word stems in the other (`stem_share`: at most
    `STEM_SHARE_WORDS` of them counted). The score weighs text
    similarity, stem share, actor agreement (Jaccard) and nearness in the column (`length` is the
    longer of the column's two lengths); the weight is what it scores over `reworded_min_score`.
    """
    a, b = set(o.actors), set(n.actors)
    if a != b and not (a & b):
        return None
    sim = similarity(o.text, n.text)
    share = stem_share(o.text, n.text)
    if not ((sim >= settings.modified_threshold and a == b)
            or (a and share >= settings.reworded_stem_threshold)):
        return None
    actors = len(a & b) / len(a | b) if a | b else 1.0
    near = 1.0 - abs(o.index - n.index) / max(1, length)
    score = (settings.text_weight * sim + settings.stem_weight * share
             + settings.actor_weight * actors + settings.position_weight * near)
    if score <= settings.reworded_min_score:
        return None
    return score - settings.reworded_min_score, sim


def diff_statements(
    old_items: list[_Item], new_items: list[_Item], settings: DiffSettings = DEFAULT_SETTINGS
) -> list[tuple[StatementChange, ChangeKey]]:
    """The statement changes, each with its sort key (see `diff_plans`)."""
    results: list[tuple[Change, _Item | None, _Item | None, float]] = []
    old_at, new_at = _by_slot(old_items), _by_slot(new_items)

    # a. exact, in place, in order
    for place, olds in old_at.items():
        news = new_at.get(place, [])
        for o in olds:
            for n in news:
                if not n.paired and n.key == o.key and n.actors == o.actors:
                    o.paired = n.paired = True
                    results.append(("unchanged", o, n, 1.0))
                    break
        # the same text split into statements differently
        for o, run in _split_differently(olds, news):
            results += [("unchanged", o, n, 1.0) for n in run]
        for n, run in _split_differently(news, olds):
            results += [("unchanged", o, n, 1.0) for o in run]

    # b. near-identical anywhere: same place -> modified, elsewhere -> moved
    lo = [o for o in old_items if not o.paired]
    ln = [n for n in new_items if not n.paired]
    for i, j, s in _greedy(
        range(len(lo)),
        range(len(ln)),
        lambda i, j: s if (s := similarity(lo[i].text, ln[j].text)) >= settings.moved_threshold
        else None,
        order=lambda i, j, s: (
            -s,
            lo[i].actors != ln[j].actors,  # the same actors first
            lo[i].slot != ln[j].slot,  # then the same place
            lo[i].place[2] != ln[j].place[2],  # then the same column
            abs(lo[i].index - ln[j].index),
            lo[i].order,
            ln[j].order,
        ),
    ):
        o, n = lo[i], ln[j]
        o.paired = n.paired = True
        results.append(("modified" if o.slot == n.slot else "moved", o, n, s))

    # c. reworded in place: one optimal assignment per sub-goal column (`reworded_score`)
    for place, olds in old_at.items():
        news = new_at.get(place, [])
        lo = [o for o in olds if not o.paired]
        ln = [n for n in news if not n.paired]
        if not lo or not ln:
            continue
        length = max(len(olds), len(news))
        scored = [[reworded_score(o, n, length, settings) for n in ln] for o in lo]
        for i, j in assign([[None if c is None else c[0] for c in row] for row in scored]):
            pair = scored[i][j]
            assert pair is not None  # `assign` pairs only allowed (not None) weights
            o, n = lo[i], ln[j]
            o.paired = n.paired = True
            results.append(("modified", o, n, pair[1]))

    # d. the rest; similarity = the best score against the unpaired other side in the same place
    rest_old = _by_slot([o for o in old_items if not o.paired])
    rest_new = _by_slot([n for n in new_items if not n.paired])
    def best(it: _Item, others: dict[Slot, list[_Item]]) -> float:
        return max((similarity(it.text, x.text) for x in others.get(it.slot, [])), default=0.0)

    for items in rest_old.values():
        results += [("removed", it, None, best(it, rest_new)) for it in items]
    for items in rest_new.values():
        results += [("added", None, it, best(it, rest_old)) for it in items]

    out: list[tuple[StatementChange, ChangeKey]] = []
    for kind, before, after, s in results:
        here = after if after is not None else before
        assert here is not None
        goal, number, column = here.place
        # removed statements sort before what stands at their old position in the new plan
        key = (goal, number, COLUMNS.index(column), here.index, 0 if after is None else 1,
               before.order if before is not None else -1)
        out.append((_change(kind, before, after, s), key))
    return out


# --- the whole diff ---------------------------------------------------------------------------


def diff_plans(old: Plan, new: Plan, settings: DiffSettings | None = None) -> PlanDiff:
    """What changed from `old` (the earlier year) to `new` (the module docstring, docs/diff.md)."""
    settings = settings or DEFAULT_SETTINGS
    pairs, removed, added = match_sub_goals(old, new, settings)

    def base(p: _Pair) -> int | None:
        return p.old.number if p.old.number != p.new.number else None


    status_changes = [
        StatusChange(
            goal=p.goal,
            sub_goal=p.new.number,
            title=p.new.title,
            before=list(p.old.statuses),
            after=list(p.new.statuses),
            direction=status_direction(p.old.statuses, p.new.statuses),
            base_sub_goal=base(p),
        )
        for p in pairs
    ]

    old_places = [("m", p.goal, p.new.number, base(p), p.old) for p in pairs]
    old_places += [("r", g, s.number, None, s) for g, s in removed]
    new_places = [("m", p.goal, p.new.number, base(p), p.new) for p in pairs]
    new_places += [("a", g, s.number, None, s) for g, s in added]
    old_places.sort(key=lambda x: (x[1], x[2], x[0]))
    new_places.sort(key=lambda x: (x[1], x[2], x[0]))
    changes = diff_statements(_items("old", old_places), _items("new", new_places), settings)
    changes.sort(key=lambda c: c[1])

    return PlanDiff(
        base=PlanRef(year=old.year, source=old.source),
        head=PlanRef(year=new.year, source=new.source),
        status_changes=status_changes,
        added_sub_goals=[SubGoalRef(goal=g, sub_goal=s.number, title=s.title) for g, s in added],
        removed_sub_goals=[SubGoalRef(goal=g, sub_goal=s.number, title=s.title)
                           for g, s in removed],
        statements=[c for c, _ in changes],
        goals=_goal_refs(old, new),
        actors=_actors(old, new, [c for c, _ in changes]),
        status_legend=[e.model_copy() for e in (new.status_legend or old.status_legend)],
    )


def _goal_refs(old: Plan, new: Plan) -> list[GoalRef]:
    refs = {g.number: GoalRef(number=g.number, numeral=g.numeral, title=g.title)
            for g in (*old.goals, *new.goals)}  # the newer plan's wording wins
    return [refs[n] for n in sorted(refs)]


def _actors(old: Plan, new: Plan, changes: list[StatementChange]) -> list[Actor]:
    known: dict[str, Actor] = {a.id: a for a in old.actors}
    known.update({a.id: a for a in new.actors})
    used = {
        actor
        for c in changes
        for st in (c.before, c.after)
        if st is not None
        for actor in st.actors
    }
    return [known[i] for i in sorted(used) if i in known]


__all__ = [
    "DEFAULT_SETTINGS",
    "SETTING_HELP",
    "DiffSettings",
    "assign",
    "diff_plans",
    "match_sub_goals",
    "similarity",
    "status_direction",
    "stem_share",
    "stems",
]
