"""Finnish labels and colours for presenting plans and diffs: one home for every report.

The Markdown of plans and diffs (`lnhs_parse.markdown`), the rows of CSV, Excel and data frames
(`lnhs_parse.rows`), the Excel sheets (`lnhs_parse.export`), the HTML report
(`lnhs_parse.html_report`) and the notebook's HTML and plots (`lnhs_parse.notebook`) take their
words here, so a sub-goal or an action reads and looks the same in each.

Statuses are shown in the plan's own scale (`StatusScale.of(plan)`, `StatusScale.of(diff)`): a
status code reads as the deck's word for it and is drawn in the deck's colour for it, in the
scale's order. A code the scale lacks falls back to the deck's legend, then to the packaged
vocabulary (`Status.label`, `STATUS_COLOURS`), then to the code itself and `NEUTRAL_COLOUR`: a
profile may declare codes of its own, so nothing here assumes a fixed set of statuses.

Finnish needs a word in several forms: one row's label is singular ("Edennyt"), a heading over
several is plural ("Edenneet"), and a count takes the partitive ("uusia 6"). Each form of a
vocabulary is a dict of its own here, keyed by the model's literal values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lnhs_parse.model import (
    Change,
    Column,
    ColumnRole,
    Direction,
    LegendEntry,
    Plan,
    PlanDiff,
    ScaleStep,
    Status,
    TableColumn,
)

# The decks' own column headings (abridged), in the order of the slides: Kymenlaakso's two
# statement columns, whatever their headers say that year.
COLUMN_LABELS: dict[Column, str] = {
    "focus_areas": "Lisätyt painopisteet",
    "joint_highlights": "Yhteisen työn nostot",
}
COLUMNS: tuple[Column, ...] = ("focus_areas", "joint_highlights")

# A column's label where the plan does not record the header it was printed with (`Plan.columns`;
# a diff records none): by its role.
ROLE_LABELS: dict[ColumnRole, str] = {
    "goal": "Päätavoite",
    "number": "Numero",
    "sub_goal": "Välitavoite",
    "action": "Toimenpide",
    "responsible": "Vastuutaho",
    "schedule": "Aikataulu",
    "schedule_responsible": "Aikataulu ja vastuu",
    "indicators": "Mittarit",
    "status": "Tilanne",
    "focus_areas": COLUMN_LABELS["focus_areas"],
    "joint_highlights": COLUMN_LABELS["joint_highlights"],
    "other": "Muu sarake",
}
ACTION_COLUMN: Column = "action"  # an action row's `column` in the exports, when no column says


def column_header(columns: Sequence[TableColumn], key: str) -> str:
    """How a column is labelled in reports: Kymenlaakso's two columns by `COLUMN_LABELS`, any
    other by its header as printed (`Plan.columns`), else by its role's word, else by its key
    ("oma_sarake" -> "Oma sarake")."""
    if key in COLUMN_LABELS:
        return COLUMN_LABELS[key]
    for column in columns:
        if column.key == key and column.header.strip():
            return " ".join(column.header.split())
    roles: dict[str, str] = {role: word for role, word in ROLE_LABELS.items()}
    if key in roles:
        return roles[key]
    return key.replace("_", " ").strip().capitalize() or key


def action_column(columns: Sequence[TableColumn]) -> tuple[str, str]:
    """(key, label) of the plan's action column: the column read in the role "action", else
    ("action", "Toimenpide")."""
    for column in columns:
        if column.role == "action":
            return column.key, column_header(columns, column.key)
    return ACTION_COLUMN, ROLE_LABELS["action"]


# Which way a sub-goal's statuses went (`StatusChange.direction`): one row's label ...
DIRECTION_LABELS: dict[Direction, str] = {
    "progressed": "Edennyt",
    "regressed": "Heikentynyt",
    "changed": "Muuttunut",
    "unchanged": "Ennallaan",
}
# ... and the heading over the sub-goals that went that way (and their count in a summary).
DIRECTION_HEADINGS: dict[Direction, str] = {
    "progressed": "Edenneet",
    "regressed": "Heikentyneet",
    "changed": "Muuttuneet",
    "unchanged": "Ennallaan",
}
DIRECTIONS: tuple[Direction, ...] = ("progressed", "regressed", "changed", "unchanged")
# The heading over the actions whose own status went that way (`ActionChange.direction`).
ACTION_DIRECTION_HEADINGS: dict[Direction, str] = {
    "progressed": "Edenneet toimenpiteet",
    "regressed": "Heikentyneet toimenpiteet",
    "changed": "Muuttuneet toimenpiteet",
    "unchanged": "Ennallaan olevat toimenpiteet",
}

# What became of a statement (`StatementChange.change`): one row's label ...
CHANGE_LABELS: dict[Change, str] = {
    "added": "Uusi",
    "removed": "Poistunut",
    "modified": "Muotoiltu uudelleen",
    "moved": "Siirtynyt",
    "unchanged": "Ennallaan",
}
# ... the heading over the statements changed so ...
CHANGE_HEADINGS: dict[Change, str] = {
    "added": "Uudet kirjaukset",
    "removed": "Poistuneet kirjaukset",
    "modified": "Uudelleen muotoillut kirjaukset",
    "moved": "Siirtyneet kirjaukset",
    "unchanged": "Ennallaan",
}
# ... and the word before their count ("uusia 6").
CHANGE_COUNTS: dict[Change, str] = {
    "added": "uusia",
    "removed": "poistuneita",
    "modified": "uudelleen muotoiltuja",
    "moved": "siirtyneitä",
    "unchanged": "ennallaan",
}
# The changes a report lists (unchanged statements are counted at most).
CHANGES: tuple[Change, ...] = ("added", "removed", "modified", "moved")
# The heading over the actions changed so (`ActionChange.change`).
ACTION_CHANGE_HEADINGS: dict[Change, str] = {
    "added": "Uudet toimenpiteet",
    "removed": "Poistuneet toimenpiteet",
    "modified": "Uudelleen muotoillut toimenpiteet",
    "moved": "Siirtyneet toimenpiteet",
    "unchanged": "Ennallaan olevat toimenpiteet",
}
# The summary lines' leads: "Välitavoitteet: ...", "Kirjaukset: ...", "Toimenpiteet: ...".
SUB_GOALS_COUNT = "Välitavoitteet"
STATEMENTS_COUNT = "Kirjaukset"
ACTIONS_COUNT = "Toimenpiteet"

# A sub-goal found in only one of the two plans: one row's label and the heading over several.
SUB_GOAL_ADDED = "Uusi"
SUB_GOAL_REMOVED = "Poistunut"
SUB_GOALS_ADDED_HEADING = "Uudet välitavoitteet"
SUB_GOALS_REMOVED_HEADING = "Poistuneet välitavoitteet"

NO_ICONS = "–"  # a sub-goal or action without a status, in reports
NO_ACTOR = "Ei nimettyä toimijaa"  # the group of statements and actions that name no actor
NO_ENTRIES = "Ei toimenpiteitä eikä kirjauksia."  # a sub-goal with neither
NO_SCALE = "Ei tilamerkintöjä."  # a plan with no status scale, legend or status
ALSO_WORDED = "myös"  # before a step's other wordings: "Käytössä (myös: Valmis)"
PROGRESS_COUNT = "eteneminen"  # before the count of directions: "eteneminen: edenneet 2, ..."


def status_title(actions: bool) -> str:
    """The heading over statuses per year: of sub-goals, or of sub-goals and actions."""
    return ("Välitavoitteiden ja toimenpiteiden tilanne" if actions
            else "Välitavoitteiden tilanne")
# A sub-goal without a status of its own whose actions carry theirs.
STATUS_PER_ACTION = "toimenpiteittäin"
# The words of an action's fields in reports (Markdown tables, the HTML report).
ACTION_FIELD_LABELS: dict[str, str] = {
    "number": "Nro",
    "responsible": "Vastuu",
    "schedule": "Aikataulu",
    "indicators": "Mittarit",
    "status": "Tilanne",
}

# The usual colours of the packaged vocabulary's steps: Kymenlaakso's icon colours for its three
# (the fixture decks and the real deck use these), traffic-light colours for the others. The
# fallback for a step neither the plan's scale nor its legend colours.
STATUS_COLOURS: dict[Status, str] = {
    Status.NOT_STARTED: "#B71C1C",  # dark red: Ei aloitettu
    Status.STARTED: "#E53935",  # red: Aloitettu
    Status.LATE: "#FB8C00",  # orange: Myöhässä
    Status.IN_PROGRESS: "#FBC02D",  # yellow: Käynnissä
    Status.ON_TIME: "#7CB342",  # light green: Ajallaan
    Status.IN_USE: "#43A047",  # green: Käytössä
    Status.UNKNOWN: "#BDBDBD",  # light grey: Ei tiedossa
}
NEUTRAL_COLOUR = "#9E9E9E"  # a code no scale, legend or vocabulary colours (a profile's own)

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_VOCABULARY = frozenset(s.value for s in Status)


def is_colour(value: object) -> bool:
    """Whether `value` is a "#RRGGBB" colour (the only kind reports draw with)."""
    return isinstance(value, str) and _COLOUR.fullmatch(value) is not None


@dataclass(frozen=True)
class StatusScale:
    """A plan's (or a diff's) status scale as reports show it: each code's word, colour,
    description and rank, and the order to list codes in.

    Built from the scale's steps and the legend (`StatusScale.of(plan)`); every method accepts
    any code, also one neither knows.
    """

    steps: tuple[ScaleStep, ...] = ()
    legend: tuple[LegendEntry, ...] = ()

    @classmethod
    def of(cls, source: Plan | PlanDiff | None) -> StatusScale:
        """The scale of a plan or a diff (`status_scale` and `status_legend`); None: no scale."""
        if source is None:
            return cls()
        return cls(tuple(source.status_scale), tuple(source.status_legend))

    @classmethod
    def combined(cls, sources: Sequence[Plan | PlanDiff]) -> StatusScale:
        """One scale for several plans (a timeline plot): the last source's steps, then the steps
        of the ones before it that it lacks (as a diff's scale is made); the legend likewise."""
        steps: dict[str, ScaleStep] = {}
        legend: list[LegendEntry] = []
        for source in reversed(sources):
            for step in source.status_scale:
                steps.setdefault(step.code, step)
            legend += source.status_legend
        return cls(tuple(steps.values()), tuple(legend))

    def step(self, code: str) -> ScaleStep | None:
        return next((s for s in self.steps if s.code == code), None)

    def _entry(self, code: str, field: str) -> str | None:
        for entry in self.legend:
            value = getattr(entry, field, None)
            if entry.status == code and isinstance(value, str) and value.strip():
                return value.strip()
        return None

    def label(self, code: str) -> str:
        """The deck's word for `code`: the scale's, else the legend's, else the packaged
        vocabulary's, else the code itself."""
        step = self.step(code)
        if step is not None and step.label.strip():
            return step.label.strip()
        legend = self._entry(code, "label")
        if legend is not None:
            return legend
        return Status(code).label if code in _VOCABULARY else code

    def colour(self, code: str) -> str:
        """"#RRGGBB" for `code`: the scale step's colour, else the legend's, else
        `STATUS_COLOURS`, else `NEUTRAL_COLOUR` (a colour that is not "#RRGGBB" is passed over)."""
        step = self.step(code)
        if step is not None and is_colour(step.color):
            return str(step.color).upper()
        for entry in self.legend:
            if entry.status == code and is_colour(entry.color):
                return str(entry.color).upper()
        if code in _VOCABULARY:
            return STATUS_COLOURS[Status(code)]
        return NEUTRAL_COLOUR

    def description(self, code: str) -> str:
        """The legend's description of the step ('' when there is none)."""
        step = self.step(code)
        if step is not None and step.description.strip():
            return step.description.strip()
        return self._entry(code, "description") or ""

    def rank(self, code: str) -> int | None:
        """The step's place in the scale's order (the vocabulary's for a code the scale lacks);
        None outside the order."""
        step = self.step(code)
        if step is not None:
            return step.rank
        return Status(code).rank if code in _VOCABULARY else None

    def order(self, codes: Iterable[str] = ()) -> list[str]:
        """The scale's codes, least advanced first and steps outside the order last, then the
        legend's and `codes` the scale lacks (by the vocabulary's order, then as met)."""
        ranked = sorted(range(len(self.steps)),
                        key=lambda i: (self.steps[i].rank is None, self.steps[i].rank or 0, i))
        out = list(dict.fromkeys(self.steps[i].code for i in ranked))
        extra = [c for c in dict.fromkeys([*(e.status for e in self.legend), *codes])
                 if c not in out]
        extra.sort(key=lambda c: (self.rank(c) is None, self.rank(c) or 0))
        return out + extra

    def labels(self, statuses: Sequence[str], sep: str = ", ", empty: str = "") -> str:
        """The statuses' words joined with `sep`; `empty` when there are none."""
        return sep.join(self.label(s) for s in statuses) or empty


def status_labels(statuses: Sequence[Status | str], sep: str = ", ", empty: str = "",
                  scale: StatusScale | None = None) -> str:
    """The statuses' words joined with `sep` (in `scale`, else the packaged vocabulary's labels;
    a code neither knows as itself); `empty` when there are none."""
    return (scale or StatusScale()).labels([str(s) for s in statuses], sep, empty)


def status_codes(statuses: Sequence[Status | str], sep: str = ", ") -> str:
    """The statuses' codes (`started`, ...) joined with `sep`."""
    return sep.join(str(s) for s in statuses)


def status_colours(legend: Sequence[LegendEntry] = ()) -> dict[Status, str]:
    """Each packaged step's colour as "#RRGGBB": the legend's icon colour where the legend gives
    one (`plan.status_legend`, `diff.status_legend`), `STATUS_COLOURS` for the rest.

    A new dict every call, in `Status` order, so callers may keep or change it. Reports use
    `StatusScale.of(plan).colour(code)`, which also reads the plan's scale and any code.
    """
    scale = StatusScale(legend=tuple(legend))
    return {status: scale.colour(status.value) for status in Status}
