"""The pydantic models of the output contract: a plan, and the difference of two plans.

These models are the source of truth for the JSON users read (README.md, "The output";
docs/diff.md for the diff); `schemas/*.schema.json` are generated from them by
`scripts/gen_schemas.py`, and a test fails when they are stale or when a model or field has no
description. Every model forbids unknown fields, so a typo in a producer fails loudly, and every
record carries provenance (page, bbox, raw text) so a reader can go back to the slide.

This is the bottom layer: it imports only `lnhs_parse.warning_codes` and `lnhs_parse.errors`. The
status labels are read from the package data file `normalise/data/statuses.toml` (a data file,
not an import of `lnhs_parse.normalise`). The notebook methods (`Plan.to_frame`,
`PlanDiff.plot`, the `_repr_html_`s) import `lnhs_parse.notebook` inside the method, the one
documented exception to "lower layers don't import upper ones": `import lnhs_parse` never
imports pandas or matplotlib, and a notebook gets the methods on the objects it already has.
"""

from __future__ import annotations

import json
import tomllib
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lnhs_parse.errors import FileMissingError, SchemaVersionError
from lnhs_parse.warning_codes import WarningCode

SCHEMA_VERSION: Literal["1.0"] = "1.0"

BBoxModel = tuple[float, float, float, float]


class Status(StrEnum):
    """Progress of a sub-goal's measures, ordered started < in_progress < in_use."""

    STARTED = "started"
    IN_PROGRESS = "in_progress"
    IN_USE = "in_use"

    @property
    def label(self) -> str:
        """The Finnish label used on the decks' legends, from `normalise/data/statuses.toml`."""
        return _status_labels()[self]

    @property
    def rank(self) -> int:
        """Position in the order of progress (0 = started)."""
        return _STATUS_ORDER.index(self)


_STATUS_ORDER = (Status.STARTED, Status.IN_PROGRESS, Status.IN_USE)
STATUS_DATA = ("normalise", "data", "statuses.toml")  # inside the package


@cache
def _status_labels() -> dict[Status, str]:
    """Each status's `label` in the package's statuses.toml (read once)."""
    resource = resources.files("lnhs_parse")
    for part in STATUS_DATA:
        resource = resource / part
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    labels: dict[Status, str] = {}
    for status in Status:
        label = data.get("statuses", {}).get(status.value, {}).get("label")
        if not isinstance(label, str) or not label:
            raise RuntimeError(f"{'/'.join(STATUS_DATA)}: no label for status {status.value!r}")
        labels[status] = label
    return labels


Attribution = Literal["prefix", "suffix", "inherited", "none"]
Column = Literal["focus_areas", "joint_highlights"]


class _Model(BaseModel):
    # validators and serializers built on first use: a parse builds those of what it makes, not
    # the diff's (a tenth of the model's import)
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Source(_Model):
    """The file a plan was parsed from."""

    path: str = Field(description="the file's path as given to the parser")
    format: Literal["pdf", "pptx"] = Field(
        description="the file's format, recognised by its content (not its name)"
    )
    sha256: str = Field(description="SHA-256 of the file's bytes, hex")
    pages: int = Field(description="pages (PDF) or slides (PPTX) in the file")
    engine: Literal["pdfium", "pdfplumber", "python-pptx"] | None = Field(
        default=None,
        description="the engine that read the file: pdfium or pdfplumber (PDF), python-pptx "
        "(PPTX); null in plans written before it was recorded",
    )


class Statement(_Model):
    """One actor's entry or one bullet item in a sub-goal's column."""

    text: str = Field(description="clean text: no actor prefix, no bullet, lines joined")
    actors: list[str] = Field(default_factory=list, description="actor ids, [] when none is named")
    attribution: Attribution = Field(
        default="none",
        description="how the actors are named: a prefix ('Kletu: ...'), a suffix in parentheses "
        "('... (Kotka)'), inherited from a bare prefix line above, or none",
    )
    raw: str = Field(description="the text as printed, prefix and bullet included")
    page: int = Field(description="1-based page (PDF) or slide (PPTX)")
    bbox: BBoxModel = Field(description="[x0, top, x1, bottom] in points from the page's top-left")


class Highlight(_Model):
    """One bullet of the plan's summary highlights ("Kiteytettyjä nostoja ja huomioita" slides)."""

    text: str = Field(description="the highlight's text, lines joined")
    page: int = Field(description="1-based page (PDF) or slide (PPTX)")


class LegendEntry(_Model):
    """One entry of the deck's status legend: an icon and the label and description beside it."""

    status: Status = Field(description="the status the label names")
    label: str = Field(description="the label printed on the legend, e.g. 'Aloitettu'")
    description: str = Field(description="the text after the label, '' when there is none")
    color: str | None = Field(
        default=None,
        pattern=r"^#[0-9A-F]{6}$",
        description="the legend icon's colour as #RRGGBB (upper-case), when it has one",
    )


class SubGoal(_Model):
    """A sub-goal (välitavoite) of a main goal: its status icons and its two columns of
    statements."""

    number: int = Field(description="the sub-goal's number within its main goal, from 1")
    title: str = Field(description="the sub-goal's title as printed")
    statuses: list[Status] = Field(default_factory=list, description="one per icon, left to right")
    focus_areas: list[Statement] = Field(
        default_factory=list,
        description="the statements of the column 'Lisättyjä painopisteitä ...', in order",
    )
    joint_highlights: list[Statement] = Field(
        default_factory=list,
        description="the statements of the column 'Yhteisen työn nostot', in order",
    )
    pages: list[int] = Field(
        default_factory=list, description="the pages or slides the sub-goal's row is on"
    )


class Goal(_Model):
    """A main goal (päätavoite) and its sub-goals."""

    number: int = Field(description="the main goal's number, from 1 (the numeral's value)")
    numeral: str = Field(
        description="the goal's number as printed after the goal word: Roman (I, II, III, ...) "
        "or Arabic (1, 2, 3, ...)"
    )
    title: str = Field(description="the main goal's title as printed")
    sub_goals: list[SubGoal] = Field(default_factory=list, description="in the deck's order")


class Actor(_Model):
    """An actor (organisation, municipality, project) named by statements, from the registry."""

    id: str = Field(pattern=r"^[a-z0-9_-]+$", description="the actor's id, lower-case ASCII")
    name: str = Field(description="the actor's name")
    kind: str = Field(description="the registry's kind: county, municipality, ngo, programme, ...")
    aliases: list[str] = Field(
        default_factory=list, description="the names the decks use for it, short name first"
    )


class Warning(_Model):  # shadows the builtin: the contract's name for it
    """Something the parser met and could not read as the rules say (docs/warnings.md)."""

    code: WarningCode = Field(description="the warning's stable code (docs/warnings.md)")
    message: str = Field(description="what was met, in English, for people")
    page: int | None = Field(default=None, description="the page or slide, when there is one")


class Plan(_Model):
    """One evaluation deck, parsed."""

    schema_version: Literal["1.0"] = Field(
        default=SCHEMA_VERSION, description="the version of this JSON shape"
    )
    source: Source = Field(description="the file the plan was parsed from")
    region: str | None = Field(default=None, description="the region, e.g. 'Kymenlaakso'")
    title: str = Field(description="the plan's name as printed on the title slide")
    year: int = Field(description="the evaluation year")
    focus_period: str | None = Field(
        default=None, description="the period of the focus areas as printed, e.g. '2023/2024'"
    )
    highlights: list[Highlight] = Field(default_factory=list, description="the plan's highlights")
    status_legend: list[LegendEntry] = Field(
        default_factory=list, description="the deck's status legend, [] when it has none"
    )
    goals: list[Goal] = Field(default_factory=list, description="the main goals, in order")
    actors: list[Actor] = Field(default_factory=list, description="the actors referenced")
    warnings: list[Warning] = Field(default_factory=list, description="what the parser met")

    def to_json(self, indent: int | None = 2) -> str:
        """The plan as JSON text (`indent=None`: one line)."""
        return self.model_dump_json(indent=indent)

    # Notebook conveniences live in `notebook.py`, imported only when asked for, so a plain parse
    # never imports pandas or matplotlib (the documented lazy imports; see the module docstring).
    def to_frame(self) -> Any:
        """One row per statement (pandas DataFrame; needs the `notebook` extra)."""
        from lnhs_parse.notebook import plan_frame

        return plan_frame(self)

    def _repr_html_(self) -> str:
        from lnhs_parse.notebook import plan_html

        return plan_html(self)


# --- the diff -------------------------------------------------------------------------------------

Direction = Literal["progressed", "regressed", "changed", "unchanged"]
Change = Literal["added", "removed", "modified", "moved", "unchanged"]


class PlanRef(_Model):
    """One of the two plans compared: its year and file."""

    year: int = Field(description="the plan's evaluation year")
    source: Source = Field(description="the file the plan was parsed from")


class SubGoalRef(_Model):
    """A sub-goal found in only one of the two plans (added or removed)."""

    goal: int = Field(description="the main goal's number")
    sub_goal: int = Field(description="the sub-goal's number in the plan it is in")
    title: str = Field(description="the sub-goal's title")


class GoalRef(_Model):
    """A main goal named in a diff (the newer plan's wording, or the older's for a dropped goal)."""

    number: int = Field(description="the main goal's number")
    numeral: str = Field(
        description="the goal's number as printed: Roman (I, II, ...) or Arabic (1, 2, ...)"
    )
    title: str = Field(description="the main goal's title")


class StatusChange(_Model):
    """A sub-goal found in both plans: its status icons in each and which way they moved."""

    goal: int = Field(description="the main goal's number")
    sub_goal: int = Field(description="the sub-goal's number in the newer plan")
    title: str = Field(description="the sub-goal's title in the newer plan")
    before: list[Status] = Field(description="the older plan's icons, left to right")
    after: list[Status] = Field(description="the newer plan's icons, left to right")
    direction: Direction = Field(
        description="progressed, regressed, changed or unchanged (docs/diff.md, 'Direction')"
    )
    base_sub_goal: int | None = Field(
        default=None, description="the number in the older plan, when the sub-goal was renumbered"
    )


class Place(_Model):
    """Where a statement stands: main goal, sub-goal and column."""

    goal: int = Field(description="the main goal's number")
    sub_goal: int = Field(description="the sub-goal's number")
    column: Column = Field(description="the column: focus_areas or joint_highlights")


class StatementChange(_Model):
    """One statement of either plan and what became of it; unchanged statements included."""

    goal: int = Field(description="the main goal's number")
    sub_goal: int = Field(
        description="the sub-goal's number in the newer plan (the older plan's for a removed "
        "sub-goal)"
    )
    column: Column = Field(description="the column the statement is in (in the newer plan)")
    change: Change = Field(description="added, removed, modified, moved or unchanged")
    before: Statement | None = Field(
        default=None, description="the statement in the older plan, null when added"
    )
    after: Statement | None = Field(
        default=None, description="the statement in the newer plan, null when removed"
    )
    similarity: float = Field(
        ge=0.0,
        le=1.0,
        description="text similarity of before and after, 0..1; for an added or removed "
        "statement its best similarity to one on the other side in the same place",
    )
    moved_from: Place | None = Field(
        default=None, description="where a moved statement stood in the older plan"
    )
    base_sub_goal: int | None = Field(
        default=None,
        description="the statement's sub-goal number in the older plan, when the sub-goal was "
        "renumbered (`sub_goal` is the newer plan's number)",
    )


class PlanDiff(_Model):
    """What changed between two years' plans."""

    schema_version: Literal["1.0"] = Field(
        default=SCHEMA_VERSION, description="the version of this JSON shape"
    )
    base: PlanRef = Field(description="the older plan")
    head: PlanRef = Field(description="the newer plan")
    status_changes: list[StatusChange] = Field(
        default_factory=list, description="one per sub-goal found in both plans"
    )
    added_sub_goals: list[SubGoalRef] = Field(
        default_factory=list, description="sub-goals only in the newer plan"
    )
    removed_sub_goals: list[SubGoalRef] = Field(
        default_factory=list, description="sub-goals only in the older plan"
    )
    statements: list[StatementChange] = Field(
        default_factory=list,
        description="every statement of both plans, by goal, sub-goal, column and position (a "
        "statement the other plan holds split into consecutive pieces: once per piece)",
    )
    goals: list[GoalRef] = Field(
        default_factory=list, description="the main goals of both plans, for titles in reports"
    )
    actors: list[Actor] = Field(
        default_factory=list, description="the actors referenced by the statement changes"
    )
    status_legend: list[LegendEntry] = Field(
        default_factory=list,
        description="the newer plan's legend, or the older's when the newer has none; "
        "for colours and labels in reports",
    )

    def to_json(self, indent: int | None = 2) -> str:
        """The diff as JSON text (`indent=None`: one line)."""
        return self.model_dump_json(indent=indent)

    def to_frame(self) -> Any:
        """One row per statement change (pandas DataFrame; needs the `notebook` extra)."""
        from lnhs_parse.notebook import diff_frame

        return diff_frame(self)

    def plot(self, **kwargs: Any) -> Any:
        """Each sub-goal's statuses before and after, in the legend's colours (matplotlib)."""
        from lnhs_parse.notebook import plot_diff

        return plot_diff(self, **kwargs)

    def _repr_html_(self) -> str:
        from lnhs_parse.notebook import diff_html

        return diff_html(self)


def load_plan(path: str | Path) -> Plan:
    """Read a plan JSON written by lnhs-parse back into a `Plan`.

    Raises `SchemaVersionError` for JSON of another schema version or of another shape, and
    `FileMissingError` when there is no such file.
    """
    p = Path(path)
    if not p.is_file():
        raise FileMissingError("no such file", path=str(p))
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SchemaVersionError(f"not a plan JSON file ({exc})", path=str(p)) from exc
    if not isinstance(data, dict) or "schema_version" not in data:
        raise SchemaVersionError("not a plan JSON file (no schema_version)", path=str(p))
    if data["schema_version"] != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"plan schema version {data['schema_version']!r}; "
            f"this lnhs_parse reads {SCHEMA_VERSION!r}",
            path=str(p),
        )
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SchemaVersionError(
            f"not a valid plan: {where}: {first['msg']} ({exc.error_count()} errors)", path=str(p)
        ) from exc
