"""The pydantic models of the output contract: a plan, and the difference of two plans.

These models are the source of truth for the JSON users read (docs: ../shared output contract);
`schemas/*.schema.json` are generated from them by `scripts/gen_schemas.py` and a test fails when
they are stale. Every model forbids unknown fields, so a typo in a producer fails loudly, and every
record carries provenance (page, bbox, raw text) so a reader can go back to the slide.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SCHEMA_VERSION = "1.0"

BBoxModel = tuple[float, float, float, float]


class Status(StrEnum):
    """Progress of a sub-goal's measures, ordered started < in_progress < in_use."""

    STARTED = "started"
    IN_PROGRESS = "in_progress"
    IN_USE = "in_use"

    @property
    def label(self) -> str:
        """The Finnish label used on the decks' legends."""
        return _STATUS_LABELS[self]

    @property
    def rank(self) -> int:
        """Position in the order of progress (0 = started)."""
        return _STATUS_ORDER.index(self)


_STATUS_ORDER = (Status.STARTED, Status.IN_PROGRESS, Status.IN_USE)
_STATUS_LABELS = {
    Status.STARTED: "Aloitettu",
    Status.IN_PROGRESS: "Käynnissä",
    Status.IN_USE: "Käytössä",
}

Attribution = Literal["prefix", "suffix", "inherited", "none"]
Column = Literal["focus_areas", "joint_highlights"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """The file a plan was parsed from."""

    path: str
    format: Literal["pdf", "pptx"]
    sha256: str
    pages: int = Field(description="pages (PDF) or slides (PPTX) in the file")


class Statement(_Model):
    """One actor's entry or one bullet item in a sub-goal's column."""

    text: str = Field(description="clean text: no actor prefix, no bullet, lines joined")
    actors: list[str] = Field(default_factory=list, description="actor ids, [] when none is named")
    attribution: Attribution = "none"
    raw: str = Field(description="the text as printed, prefix and bullet included")
    page: int = Field(description="1-based page (PDF) or slide (PPTX)")
    bbox: BBoxModel = Field(description="[x0, top, x1, bottom] in points from the page's top-left")


class Highlight(_Model):
    text: str
    page: int


class LegendEntry(_Model):
    status: Status
    label: str = Field(description="the label printed on the legend, e.g. 'Aloitettu'")
    description: str
    color: str | None = Field(
        default=None,
        pattern=r"^#[0-9A-F]{6}$",
        description="the legend icon's colour as #RRGGBB (upper-case), when it has one",
    )


class SubGoal(_Model):
    number: int
    title: str
    statuses: list[Status] = Field(default_factory=list, description="one per icon, left to right")
    focus_areas: list[Statement] = Field(default_factory=list)
    joint_highlights: list[Statement] = Field(default_factory=list)
    pages: list[int] = Field(default_factory=list)


class Goal(_Model):
    number: int
    numeral: str = Field(description="Roman numeral as printed: I, II, III, ...")
    title: str
    sub_goals: list[SubGoal] = Field(default_factory=list)


class Actor(_Model):
    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    name: str
    kind: str
    aliases: list[str] = Field(default_factory=list)


class Warning(_Model):  # noqa: A001 - the contract's name for it
    code: str
    message: str
    page: int | None = None


class Plan(_Model):
    """One evaluation deck, parsed."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    region: str | None = None
    title: str
    year: int
    focus_period: str | None = None
    highlights: list[Highlight] = Field(default_factory=list)
    status_legend: list[LegendEntry] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list, description="the actors referenced")
    warnings: list[Warning] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    # Notebook conveniences live in `notebook.py`, imported only when asked for, so a plain parse
    # never imports pandas or matplotlib.
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
    year: int
    source: Source


class SubGoalRef(_Model):
    goal: int
    sub_goal: int
    title: str


class GoalRef(_Model):
    """A main goal named in a diff (the newer plan's wording, or the older's for a dropped goal)."""

    number: int
    numeral: str
    title: str


class StatusChange(_Model):
    goal: int
    sub_goal: int = Field(description="the sub-goal's number in the newer plan")
    title: str
    before: list[Status]
    after: list[Status]
    direction: Direction
    base_sub_goal: int | None = Field(
        default=None, description="the number in the older plan, when the sub-goal was renumbered"
    )


class Place(_Model):
    goal: int
    sub_goal: int
    column: Column


class StatementChange(_Model):
    goal: int
    sub_goal: int
    column: Column
    change: Change
    before: Statement | None = None
    after: Statement | None = None
    similarity: float = Field(ge=0.0, le=1.0)
    moved_from: Place | None = None
    base_sub_goal: int | None = Field(
        default=None,
        description="the statement's sub-goal number in the older plan, when the sub-goal was "
        "renumbered (`sub_goal` is the newer plan's number)",
    )


class PlanDiff(_Model):
    """What changed between two years' plans."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    base: PlanRef
    head: PlanRef
    status_changes: list[StatusChange] = Field(default_factory=list)
    added_sub_goals: list[SubGoalRef] = Field(default_factory=list)
    removed_sub_goals: list[SubGoalRef] = Field(default_factory=list)
    statements: list[StatementChange] = Field(default_factory=list)
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
    from lnhs_parse.errors import FileMissingError, SchemaVersionError

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
            f"plan schema version {data['schema_version']!r}; this lnhs_parse reads {SCHEMA_VERSION!r}",
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
