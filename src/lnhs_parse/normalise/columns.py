"""Which column of a goal table is which: header recognition and column mapping.

`map_columns` reads the header row: each header cell names a column role by the synonyms of
data/headers.toml (`[columns]`) and the active profile, fuzzy and whitespace-insensitive, so
"Toimenpiteid" / "en" / "eteneminen" is the status column and "Aikataulu ja vastuu" the
schedule-and-responsible column. A header cell that names no role keeps its column under its
header (role "other", a key made from the header: `column_key`), so nothing the table holds is
dropped. A table without a header row (a continuation slide) reuses an earlier slide's mapping by
x position (`reuse_columns`; the pipeline picks the slide).

A first row is a header row when its cells name at least two roles, one of them a row's subject
(goal, sub_goal or action), or at least `SlideSettings.min_header_roles` roles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from lnhs_parse.normalise.content import DEFAULT_SLIDE_SETTINGS
from lnhs_parse.normalise.grid import Grid, cell_raw_text
from lnhs_parse.normalise.vocab import header_vocabulary, period_from_text, squash
from lnhs_parse.settings import SlideSettings

__all__ = [
    "MULTI_ROLES",
    "ROW_SUBJECTS",
    "STATEMENT_ROLES",
    "ColumnMap",
    "column_key",
    "column_role",
    "map_columns",
    "reuse_columns",
]

# Roles whose cells hold statements in a table of one row per sub-goal (Kymenlaakso's).
STATEMENT_ROLES = ("focus_areas", "joint_highlights")
# The roles that say what a row is about.
ROW_SUBJECTS = frozenset({"goal", "sub_goal", "action"})
# Roles several columns may have ("Mittari" and "Pidemmän aikavälin indikaattorit").
MULTI_ROLES = frozenset({"indicators"})
# A synonym contained in a header cell must cover at least this share of the cell's letters, so
# that a body cell mentioning "tavoite" in a sentence is no header.
MIN_COVER = 0.34
# Every column's default order for a table with no header row to read and none to continue.
DEFAULT_ORDER = ("number", "sub_goal", "status", "focus_areas", "joint_highlights")


@dataclass(frozen=True)
class ColumnMap:
    """Which grid column holds which column (by key), its role, header and x range."""

    columns: dict[str, int]  # key -> grid column
    extents: dict[str, tuple[float, float]]
    period: str | None = None  # from the focus column's header ("vuodelle -23/-24" -> 2023/2024)
    from_header: bool = True
    roles: dict[str, str] = field(default_factory=dict)  # key -> role (the key itself if absent)
    headers: dict[str, str] = field(default_factory=dict)  # key -> header as printed, lines joined

    def role(self, key: str) -> str:
        return self.roles.get(key, key)

    def keys_of(self, role: str) -> list[str]:
        """The keys of the columns with `role`, left to right."""
        keys = [k for k in self.columns if self.role(k) == role]
        return sorted(keys, key=lambda k: self.columns[k])

    def col_of(self, role: str) -> int | None:
        """The grid column of the (first) column with `role`."""
        keys = self.keys_of(role)
        return self.columns[keys[0]] if keys else None

    @property
    def subjects(self) -> frozenset[str]:
        return frozenset(self.role(k) for k in self.columns) & ROW_SUBJECTS


def column_role(
    text: str, min_score: float | None = None, *, cover: float = 0.0
) -> tuple[str, float] | None:
    """The column role a header cell's text names, with its score (0-100), or None. A synonym
    contained in the text must cover at least `cover` of its letters."""
    vocab = header_vocabulary()
    threshold = vocab.min_score if min_score is None else min_score
    key = squash(text)
    if not key or len(key) > 120:
        return None
    best: tuple[str, float] | None = None
    for role, (synonyms, exact) in vocab.columns.items():
        for syn in synonyms:
            if exact:
                score = 100.0 if key == syn else 0.0
            elif syn in key:
                score = 100.0 if len(syn) >= cover * len(key) else 0.0
            elif len(key) >= len(syn) - 2 and len(syn) >= 6 and len(syn) >= 1.5 * cover * len(key):
                # a typo ("Toimenpitiden"): close to a part of the text, which it must mostly be
                score = fuzz.partial_ratio(syn, key)
            else:
                score = 0.0
            # prefer the longest synonym that matches: "toimenpiteideneteneminen" over "eteneminen"
            score += len(syn) / 1000.0
            if score >= threshold and (best is None or score > best[1]):
                best = (role, score)
    return best


_YEARS = re.compile(r"[-'’]?\d+")


def column_key(header: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """The key a column of no known role is filed under: its header lower-cased, diacritics
    stripped, numbers (years) and punctuation dropped, words joined with "_" ("Huomiot 2024" ->
    "huomiot"); "column" for a header of no letters; "_2", "_3" added when `taken`."""
    text = _YEARS.sub(" ", header)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"[a-z]+", text)
    base = "_".join(words)[:48].strip("_") or "column"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def map_columns(grid: Grid, settings: SlideSettings = DEFAULT_SLIDE_SETTINGS) -> ColumnMap | None:
    """The column mapping read from the grid's first row, or None when it is no header row."""
    scored: list[tuple[float, int, str]] = []
    texts: dict[int, str] = {}
    for c in range(grid.n_cols):
        cell = grid.cell_at(0, c)
        if cell is not None and cell.col != c:
            continue  # a header cell spanning columns: read once, at its first column
        text = cell_raw_text(cell)
        texts[c] = text
        hit = column_role(text, cover=MIN_COVER)
        if hit:
            scored.append((hit[1], c, hit[0]))
    roles: dict[int, str] = {}
    for _score, c, role in sorted(scored, reverse=True):
        if c not in roles and (role in MULTI_ROLES or role not in roles.values()):
            roles[c] = role
    named = set(roles.values())
    is_header = (len(named) >= 2 and named & ROW_SUBJECTS) or len(
        named - {"number"}
    ) >= settings.min_header_roles
    if not is_header:
        return None
    if "number" not in named:
        # an unnamed column left of the first subject column holds the numbers ("" or "Nro")
        first = min((c for c, r in roles.items() if r in ROW_SUBJECTS), default=None)
        left = [c for c in range(first or 0) if c not in roles and not texts.get(c, "").strip()]
        if left:
            roles[left[-1]] = "number"
    columns: dict[str, int] = {}
    role_of: dict[str, str] = {}
    headers: dict[str, str] = {}
    for c in sorted(texts):
        found = roles.get(c)
        if found is None:
            if not texts[c].strip():
                continue  # an empty header over an empty column: nothing to keep
            key, role = column_key(texts[c], set(columns)), "other"
        elif (role := found) in columns:
            key = f"{role}_{sum(1 for r in role_of.values() if r == role) + 1}"
        else:
            key = role
        columns[key] = c
        role_of[key] = role
        headers[key] = " ".join(texts[c].split())
    _one_status_column(columns, role_of, headers)
    extents = {key: grid.col_extent(c) for key, c in columns.items()}
    focus = next((c for k, c in columns.items() if role_of[k] == "focus_areas"), -1)
    period = period_from_text(texts.get(focus, ""))
    return ColumnMap(columns, extents, period, from_header=True, roles=role_of, headers=headers)


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def _one_status_column(
    columns: dict[str, int], role_of: dict[str, str], headers: dict[str, str]
) -> None:
    """Several status columns ("Tilanne 2023", "Tilanne 2024"): the status is the latest year's
    (else the rightmost column's); the others are kept under their headers, as columns of no
    known role."""
    keys = [k for k in columns if role_of[k] == "status"]
    if len(keys) < 2:
        return

    def latest(key: str) -> tuple[int, int]:
        years = [int(y) for y in _YEAR.findall(headers[key])]
        return (max(years, default=0), columns[key])

    main = max(keys, key=latest)
    for key in keys:
        if key == main:
            continue
        col, header = columns.pop(key), headers.pop(key)
        del role_of[key]
        new = column_key(header, set(columns))
        columns[new], role_of[new], headers[new] = col, "other", header
    if main != "status":
        col, header = columns.pop(main), headers.pop(main)
        del role_of[main]
        columns["status"], role_of["status"], headers["status"] = col, "status", header


def default_columns(grid: Grid) -> ColumnMap:
    """Columns by order, for a table with no header row and no earlier slide to continue:
    Kymenlaakso's order (with a number column when the table has one more column)."""
    ordered = DEFAULT_ORDER if grid.n_cols == len(DEFAULT_ORDER) else DEFAULT_ORDER[1:]
    columns = {r: i for i, r in enumerate(ordered) if i < grid.n_cols}
    return ColumnMap(
        columns,
        {r: grid.col_extent(i) for r, i in columns.items()},
        None,
        roles={r: r for r in columns},
    )


def reuse_columns(grid: Grid, previous: ColumnMap) -> ColumnMap:
    """A header-less table continuing the previous slide's: each column takes the key whose column
    it overlaps most on the previous slide (columns by order when nothing overlaps). A grid rebuilt
    from text is measured by its columns' content: with a column left empty on this slide, the
    column boundaries alone would hand the empty column's space to a neighbour."""
    best_for_key: dict[str, tuple[float, int]] = {}
    for c in range(grid.n_cols):
        x0, x1 = grid.col_content[c] if grid.col_content else grid.col_extent(c)
        overlaps = [
            (min(x1, e1) - max(x0, e0), key) for key, (e0, e1) in previous.extents.items()
        ]
        overlap, key = max(overlaps, default=(0.0, ""))
        if overlap > 0 and (key not in best_for_key or overlap > best_for_key[key][0]):
            best_for_key[key] = (overlap, c)
    columns = {key: c for key, (_o, c) in best_for_key.items()}
    if not columns and grid.n_cols == len(previous.columns):
        ordered = sorted(previous.columns, key=lambda k: previous.columns[k])
        columns = {key: c for c, key in enumerate(ordered)}
    extents = {key: grid.col_extent(c) for key, c in columns.items()}
    return ColumnMap(
        columns,
        extents,
        previous.period,
        from_header=False,
        roles={k: previous.role(k) for k in columns},
        headers={k: previous.headers.get(k, "") for k in columns},
    )
