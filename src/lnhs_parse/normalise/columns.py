"""Which column of a goal table is which: header recognition and column mapping.

`map_columns` recognises the header row by synonyms (data/headers.toml, `[columns]`), fuzzy and
whitespace-insensitive, so "Toimenpiteid" / "en" / "eteneminen" is the progress column; a table
without a header row (a continuation slide) reuses an earlier slide's mapping by x position
(`reuse_columns`; the pipeline picks the slide).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from lnhs_parse.normalise.content import DEFAULT_SLIDE_SETTINGS
from lnhs_parse.normalise.grid import Grid, cell_raw_text
from lnhs_parse.normalise.vocab import header_vocabulary, period_from_text, squash
from lnhs_parse.settings import SlideSettings

__all__ = [
    "COLUMN_ROLES",
    "HEADER_ROLES",
    "TEXT_ROLES",
    "ColumnMap",
    "column_role",
    "map_columns",
    "reuse_columns",
]

# The columns of a goal table, left to right. "number" is optional; a table needs the others to be a
# goal table.
COLUMN_ROLES = ("number", "sub_goal", "progress", "focus_areas", "joint_highlights")
# Columns whose cells hold statements.
TEXT_ROLES = ("focus_areas", "joint_highlights")
# Roles a header row must show (at least `SlideSettings.min_header_roles` of them) to be a header;
# also the column order assumed for a table with no header to read and none to continue.
HEADER_ROLES = COLUMN_ROLES[1:]


@dataclass(frozen=True)
class ColumnMap:
    """Which grid column holds which role, and where (x range) each role's column is."""

    columns: dict[str, int]
    extents: dict[str, tuple[float, float]]
    period: str | None = None  # from the focus column's header ("vuodelle -23/-24" -> 2023/2024)
    from_header: bool = True


def column_role(text: str, min_score: float | None = None) -> tuple[str, float] | None:
    """The column role a header cell's text names, with its score (0-100), or None."""
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
                score = 100.0
            elif len(key) >= len(syn) - 2 and len(syn) >= 6:
                score = fuzz.partial_ratio(syn, key)
            else:
                score = 0.0
            # prefer the longest synonym that matches: "toimenpiteideneteneminen" over "eteneminen"
            score += len(syn) / 1000.0
            if score >= threshold and (best is None or score > best[1]):
                best = (role, score)
    return best


def map_columns(grid: Grid, settings: SlideSettings = DEFAULT_SLIDE_SETTINGS) -> ColumnMap | None:
    """The column mapping read from the grid's first row, or None when it is no header row."""
    scored: list[tuple[float, int, str]] = []
    texts: dict[int, str] = {}
    for c in range(grid.n_cols):
        text = cell_raw_text(grid.cell_at(0, c))
        texts[c] = text
        hit = column_role(text)
        if hit:
            scored.append((hit[1], c, hit[0]))
    columns: dict[str, int] = {}
    for _score, c, role in sorted(scored, reverse=True):
        if role not in columns and c not in columns.values():
            columns[role] = c
    if sum(1 for r in HEADER_ROLES if r in columns) < settings.min_header_roles:
        return None
    if "number" not in columns and "sub_goal" in columns:
        # an unnamed column left of the sub-goal column holds the numbers ("" or "Nro" header)
        left = [c for c in range(columns["sub_goal"]) if c not in columns.values()]
        if left:
            columns["number"] = left[-1]
    extents = {role: grid.col_extent(c) for role, c in columns.items()}
    period = period_from_text(texts.get(columns.get("focus_areas", -1), ""))
    return ColumnMap(columns, extents, period, from_header=True)


def reuse_columns(grid: Grid, previous: ColumnMap) -> ColumnMap:
    """A header-less table continuing the previous slide's: each column takes the role whose column
    it overlaps most on the previous slide (columns by order when nothing overlaps). A grid rebuilt
    from text is measured by its columns' content: with a column left empty on this slide, the
    column boundaries alone would hand the empty column's space to a neighbour."""
    best_for_role: dict[str, tuple[float, int]] = {}
    for c in range(grid.n_cols):
        x0, x1 = grid.col_content[c] if grid.col_content else grid.col_extent(c)
        overlaps = [
            (min(x1, e1) - max(x0, e0), role) for role, (e0, e1) in previous.extents.items()
        ]
        overlap, role = max(overlaps, default=(0.0, ""))
        if overlap > 0 and (role not in best_for_role or overlap > best_for_role[role][0]):
            best_for_role[role] = (overlap, c)
    columns = {role: c for role, (_o, c) in best_for_role.items()}
    if not columns and grid.n_cols == len(previous.columns):
        ordered = sorted(previous.columns, key=lambda r: previous.columns[r])
        columns = {role: c for c, role in enumerate(ordered)}
    extents = {role: grid.col_extent(c) for role, c in columns.items()}
    return ColumnMap(columns, extents, previous.period, from_header=False)
