"""The pydantic models of the output contract: a plan, and the difference of two plans.

These models are the source of truth for the JSON users read (docs/schema.md, "A plan";
docs/diff.md for the diff); `schemas/*.schema.json` are generated from them by
`scripts/gen_schemas.py`, and a test fails when they are stale or when a model or field has no
description. Every model forbids unknown fields, so a typo in a producer fails loudly, and every
record carries provenance (page, bbox, raw text) so a reader can go back to the slide.

This is the bottom layer: it imports only `lnhs_parse.codes` (the contract's fixed values: schema
version, status codes, literal types), `lnhs_parse.warning_codes` and `lnhs_parse.errors`. A parse
builds the plan as plain records (`lnhs_parse.records`, generated from these models by
`scripts/gen_records.py`) and validates them into these models (`records.to_model`), so the
command writes a plan without importing pydantic and the library returns validated models.

The notebook methods (`Plan.to_frame`, `PlanDiff.plot`, the `_repr_html_`s) import
`lnhs_parse.notebook` inside the method, the one documented exception to "lower layers don't
import upper ones": `import lnhs_parse` never imports pandas or matplotlib, and a notebook gets
the methods on the objects it already has.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from lnhs_parse.codes import (
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    STATUS_CODES,
    Attribution,
    BBoxModel,
    Change,
    ColumnRole,
    Direction,
    Status,
    status_label,
    status_vocabulary,
)
from lnhs_parse.errors import FileMissingError, SchemaVersionError
from lnhs_parse.warning_codes import WarningCode

# A status is a step of the plan's own status scale (`Plan.status_scale`), named by a code: the
# packaged scale vocabulary's codes (`Status`) or a profile's own.
StatusCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", max_length=64)]
# A column of the plan's tables: a role's name ("focus_areas", "action", ...) or, for a column of
# no known role, a key made from its header ("huomiot").
ColumnKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", max_length=64)]


# The statement columns of Kymenlaakso's template; other columns are `ColumnKey`s.
Column = ColumnKey

__all__ = [
    "READABLE_SCHEMA_VERSIONS",
    "SCHEMA_VERSION",
    "Action",
    "ActionChange",
    "ActionPlace",
    "Actor",
    "Attribution",
    "BBoxModel",
    "Change",
    "Column",
    "ColumnKey",
    "ColumnRole",
    "ColumnStatements",
    "Direction",
    "Goal",
    "GoalRef",
    "Highlight",
    "Indicator",
    "LegendEntry",
    "Place",
    "Plan",
    "PlanDiff",
    "PlanRef",
    "ScaleStep",
    "Source",
    "Statement",
    "StatementChange",
    "Status",
    "StatusChange",
    "StatusCode",
    "SubGoal",
    "SubGoalRef",
    "TableColumn",
    "Warning",
    "load_plan",
    "migrate_plan_data",
]


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
    profiles: list[str] = Field(
        default_factory=list,
        description="the profiles the deck was read with, in order: a packaged county profile "
        "applied because the deck names its region ('kymenlaakso'), then those given",
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


class ColumnStatements(_Model):
    """The statements of one cell of a column that has no field of its own: a column of no known
    role, kept under its header (never dropped)."""

    column: ColumnKey = Field(description="the column's key, as in the plan's `columns`")
    header: str = Field(description="the column's header as printed")
    statements: list[Statement] = Field(
        default_factory=list, description="the cell's statements, in order"
    )


class Indicator(_Model):
    """One indicator (mittari, indikaattori) named for an action, as printed."""

    text: str = Field(description="the indicator as printed (bullet removed, lines joined)")
    name: str = Field(description="the text without its id and tags: '(ind. 5313) MINI' removed")
    sotkanet_id: int | None = Field(
        default=None, description="the Sotkanet indicator id ('ind. 5313' -> 5313), when printed"
    )
    tags: list[str] = Field(
        default_factory=list,
        description="the short tags printed with it: sets and sources such as 'MINI', 'MAKU', "
        "'THL'",
    )


class Action(_Model):
    """One action (toimenpide): a table row of its own, with its text, who is responsible, its
    schedule and indicators, and its own status when the deck gives one per action."""

    number: str | None = Field(
        default=None, description="the action's number as printed ('1.2', 'a'), when it has one"
    )
    text: str = Field(
        description="clean text: no number, no bullet, no actor prefix; paragraphs joined with "
        "a line break"
    )
    actors: list[str] = Field(
        default_factory=list,
        description="actor ids named by the action's own text (a prefix or suffix), [] when none",
    )
    attribution: Attribution = Field(
        default="none", description="how the action's text names its actors (as for statements)"
    )
    responsible: list[str] = Field(
        default_factory=list,
        description="actor ids of the responsible column (or the responsible part of a "
        "'schedule and responsible' cell), in order",
    )
    responsible_text: str | None = Field(
        default=None, description="the responsible actors as printed, null when no cell names any"
    )
    schedule: str | None = Field(
        default=None, description="the schedule as printed ('2024–2025', 'syksy 2024'), or null"
    )
    indicators: list[Indicator] = Field(
        default_factory=list, description="the indicators named for the action, in order"
    )
    statuses: list[StatusCode] = Field(
        default_factory=list,
        description="the action's own status: one per status carrier (icon, word, cell colour) "
        "left to right; [] when the deck gives the status per sub-goal",
    )
    status_text: str | None = Field(
        default=None, description="the text of the action's status cell as printed, or null"
    )
    other_columns: list[ColumnStatements] = Field(
        default_factory=list, description="the row's cells in columns of no known role"
    )
    raw: str = Field(description="the action cell's text as printed, number and bullet included")
    page: int = Field(description="1-based page (PDF) or slide (PPTX)")
    bbox: BBoxModel = Field(
        description="[x0, top, x1, bottom] of the action's row, in points from the page's top-left"
    )


class Highlight(_Model):
    """One bullet of the plan's summary highlights ("Kiteytettyjä nostoja ja huomioita" slides)."""

    text: str = Field(description="the highlight's text, lines joined")
    page: int = Field(description="1-based page (PDF) or slide (PPTX)")


class LegendEntry(_Model):
    """One entry of the deck's status legend: an icon and the label and description beside it."""

    status: StatusCode = Field(description="the code of the scale step the label names")
    label: str = Field(description="the label printed on the legend, e.g. 'Aloitettu'")
    description: str = Field(description="the text after the label, '' when there is none")
    color: str | None = Field(
        default=None,
        pattern=r"^#[0-9A-F]{6}$",
        description="the legend icon's colour as #RRGGBB (upper-case), when it has one",
    )


class ScaleStep(_Model):
    """One step of the plan's status scale, as the deck words and colours it."""

    code: StatusCode = Field(
        description="the step's code: one of the packaged vocabulary's (not_started, started, "
        "late, in_progress, on_time, in_use, unknown) or a profile's own"
    )
    label: str = Field(
        description="the step's word as the deck prints it (its legend label, or its word in "
        "the status cells); the vocabulary's label when the deck prints none"
    )
    rank: int | None = Field(
        description="the step's place in the scale's order of progress, from 0 (least "
        "advanced); null for a step outside the order, such as 'ei tiedossa'"
    )
    words: list[str] = Field(
        default_factory=list,
        description="every wording of the step read in the deck (legend label, cell words), as "
        "printed",
    )
    color: str | None = Field(
        default=None,
        pattern=r"^#[0-9A-F]{6}$",
        description="the colour the deck shows the step in (legend icon or cell fill), #RRGGBB",
    )
    description: str = Field(default="", description="the legend's description of the step")


class TableColumn(_Model):
    """One column of the deck's goal tables, with the role it was read in."""

    key: ColumnKey = Field(
        description="the key the plan files the column's content under: the role's name, or for "
        "a column of no known role ('other') a key made from its header"
    )
    role: ColumnRole = Field(
        description="what the column holds: goal, number, sub_goal, action, responsible, "
        "schedule, schedule_responsible, indicators, status, focus_areas, joint_highlights, or "
        "other (kept under its header)"
    )
    header: str = Field(description="the column's header as printed (first table it heads)")


class SubGoal(_Model):
    """A sub-goal (välitavoite) of a main goal: its status, its statement columns and its
    actions."""

    number: int = Field(description="the sub-goal's number within its main goal, from 1")
    numeral: str | None = Field(
        default=None,
        description="the sub-goal's number as printed ('3', '1.2', 'A'), null when the deck "
        "prints none (then `number` is its position)",
    )
    title: str = Field(description="the sub-goal's title as printed")
    statuses: list[StatusCode] = Field(
        default_factory=list,
        description="the sub-goal's own status, one per carrier (icon, word, cell colour) left to "
        "right; [] when the deck gives statuses per action",
    )
    focus_areas: list[Statement] = Field(
        default_factory=list,
        description="the statements of the column 'Lisättyjä painopisteitä ...', in order",
    )
    joint_highlights: list[Statement] = Field(
        default_factory=list,
        description="the statements of the column 'Yhteisen työn nostot', in order",
    )
    other_columns: list[ColumnStatements] = Field(
        default_factory=list,
        description="statements of the sub-goal's cells in columns of no known role",
    )
    actions: list[Action] = Field(
        default_factory=list, description="the sub-goal's actions (one table row each), in order"
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
    actions: list[Action] = Field(
        default_factory=list,
        description="actions listed under the goal itself, in tables without a sub-goal column",
    )


class Actor(_Model):
    """An actor (organisation, municipality, project) named by statements, from the registry."""

    id: str = Field(pattern=r"^[a-z0-9_-]+$", description="the actor's id, lower-case ASCII")
    name: str = Field(description="the actor's name")
    kind: str = Field(
        description="the registry's kind: county, municipality, ngo, programme, ...; 'unknown' "
        "for a name read from a responsible column that the registry does not know"
    )
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

    schema_version: Literal["2.0"] = Field(
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
    status_scale: list[ScaleStep] = Field(
        default_factory=list,
        description="the deck's status scale, least advanced step first (steps outside the order "
        "last): the legend's steps, else a profile's declared scale, else the steps read",
    )
    columns: list[TableColumn] = Field(
        default_factory=list, description="the goal tables' columns, left to right, as read"
    )
    goals: list[Goal] = Field(default_factory=list, description="the main goals, in order")
    actors: list[Actor] = Field(default_factory=list, description="the actors referenced")
    warnings: list[Warning] = Field(default_factory=list, description="what the parser met")

    def to_json(self, indent: int | None = 2) -> str:
        """The plan as JSON text (`indent=None`: one line)."""
        return self.model_dump_json(indent=indent)

    def status_step(self, code: str) -> ScaleStep | None:
        """The step of this plan's scale with this code, None when the scale has none."""
        return next((s for s in self.status_scale if s.code == code), None)

    def status_label(self, code: str) -> str:
        """The deck's word for a status code (the scale's label, else the vocabulary's, else the
        code itself)."""
        step = self.status_step(code)
        if step is not None:
            return step.label
        return status_label(code)

    # Notebook conveniences live in `notebook.py`, imported only when asked for, so a plain parse
    # never imports pandas or matplotlib (the documented lazy imports; see the module docstring).
    def to_frame(self) -> Any:
        """One row per statement and action (pandas DataFrame; needs the `notebook` extra)."""
        from lnhs_parse.notebook import plan_frame

        return plan_frame(self)

    def _repr_html_(self) -> str:
        from lnhs_parse.notebook import plan_html

        return plan_html(self)


# --- the diff -------------------------------------------------------------------------------------

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
    before: list[StatusCode] = Field(
        description="the older plan's statuses of the sub-goal, left to right"
    )
    after: list[StatusCode] = Field(
        description="the newer plan's statuses of the sub-goal, left to right"
    )
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
    column: ColumnKey = Field(
        description="the column: focus_areas, joint_highlights, or another column's key"
    )


class StatementChange(_Model):
    """One statement of either plan and what became of it; unchanged statements included."""

    goal: int = Field(description="the main goal's number")
    sub_goal: int = Field(
        description="the sub-goal's number in the newer plan (the older plan's for a removed "
        "sub-goal)"
    )
    column: ColumnKey = Field(description="the column the statement is in (in the newer plan)")
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


class ActionPlace(_Model):
    """Where an action stands: main goal and sub-goal."""

    goal: int = Field(description="the main goal's number")
    sub_goal: int | None = Field(
        description="the sub-goal's number, null for an action listed under the goal itself"
    )


class ActionChange(_Model):
    """One action of either plan and what became of it; unchanged actions included."""

    goal: int = Field(description="the main goal's number")
    sub_goal: int | None = Field(
        description="the sub-goal's number in the newer plan (the older plan's for a removed "
        "sub-goal); null for an action listed under the goal itself"
    )
    change: Change = Field(description="added, removed, modified, moved or unchanged")
    before: Action | None = Field(
        default=None, description="the action in the older plan, null when added"
    )
    after: Action | None = Field(
        default=None, description="the action in the newer plan, null when removed"
    )
    similarity: float = Field(
        ge=0.0, le=1.0, description="text similarity of before and after, 0..1 (as for statements)"
    )
    moved_from: ActionPlace | None = Field(
        default=None, description="where a moved action stood in the older plan"
    )
    base_sub_goal: int | None = Field(
        default=None,
        description="the action's sub-goal number in the older plan, when the sub-goal was "
        "renumbered",
    )
    direction: Direction | None = Field(
        default=None,
        description="which way the action's own status went, by the scale's order "
        "(docs/diff.md, 'Direction'); null when the action is only in one plan or neither "
        "gives it a status of its own",
    )


class PlanDiff(_Model):
    """What changed between two years' plans."""

    schema_version: Literal["2.0"] = Field(
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
    actions: list[ActionChange] = Field(
        default_factory=list,
        description="every action of both plans, by goal, sub-goal and position",
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
    status_scale: list[ScaleStep] = Field(
        default_factory=list,
        description="the status scale the directions were read by: the newer plan's, with the "
        "older plan's steps it lacks after them",
    )

    def status_label(self, code: str) -> str:
        """The word for a status code in the diff's scale (else the vocabulary's, else the
        code)."""
        step = next((s for s in self.status_scale if s.code == code), None)
        if step is not None:
            return step.label
        return status_label(code)

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
    """Read a plan JSON written by lnhs-parse (any version in `READABLE_SCHEMA_VERSIONS`) back
    into a `Plan` of the current version (an older plan is migrated: `migrate_plan_data`).

    Raises `SchemaVersionError` for JSON of an unknown schema version or of another shape, and
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
    if data["schema_version"] not in READABLE_SCHEMA_VERSIONS:
        raise SchemaVersionError(
            f"plan schema version {data['schema_version']!r}; this lnhs_parse reads "
            + ", ".join(repr(v) for v in READABLE_SCHEMA_VERSIONS),
            path=str(p),
        )
    try:
        return Plan.model_validate(migrate_plan_data(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SchemaVersionError(
            f"not a valid plan: {where}: {first['msg']} ({exc.error_count()} errors)", path=str(p)
        ) from exc


def migrate_plan_data(data: dict[str, Any]) -> dict[str, Any]:
    """Plan JSON data of an earlier schema version as data of the current one (a new dict).

    1.0 -> 2.0: every 1.0 field keeps its name and meaning; the fields 2.0 added take their
    defaults (no actions, no other columns, no engine recorded), and the status scale is the
    legend's steps in the vocabulary's order (a 1.0 plan's statuses are three of its codes).
    """
    if data.get("schema_version") != "1.0":
        return data
    out = {**data, "schema_version": SCHEMA_VERSION}
    if "status_scale" not in out:
        vocabulary = status_vocabulary()
        entries = [e for e in out.get("status_legend", []) if isinstance(e, dict)]
        codes = sorted(
            {str(e.get("status")) for e in entries if e.get("status") in STATUS_CODES},
            key=lambda code: vocabulary[Status(code)][1] or 0,
        )
        first = {code: next(e for e in entries if e.get("status") == code) for code in codes}
        out["status_scale"] = [
            {
                "code": code,
                "label": first[code].get("label", ""),
                "rank": rank,
                "words": [first[code].get("label", "")],
                "color": first[code].get("color"),
                "description": first[code].get("description", ""),
            }
            for rank, code in enumerate(codes)
        ]
    return out
