"""Finnish labels and colours for presenting plans and diffs: one home for every report.

The Markdown of plans and diffs (`lnhs_parse.markdown`), the rows of CSV, Excel and data frames
(`lnhs_parse.rows`), the Excel sheets (`lnhs_parse.export`) and the notebook's HTML and plots
(`lnhs_parse.notebook`) take their words here, so a sub-goal reads and looks the same in each. The
status labels themselves are `Status.label` (from the status vocabulary, `statuses.toml`). Status
colours come from the deck's own legend (`status_colours(plan.status_legend)`), `STATUS_COLOURS`
filling in the rest.

Finnish needs a word in several forms: one row's label is singular ("Edennyt"), a heading over
several is plural ("Edenneet"), and a count takes the partitive ("uusia 6"). Each form of a
vocabulary is a dict of its own here, keyed by the model's literal values.
"""

from __future__ import annotations

from collections.abc import Sequence

from lnhs_parse.model import Change, Column, Direction, LegendEntry, Status

# The decks' own column headings (abridged), in the order of the slides.
COLUMN_LABELS: dict[Column, str] = {
    "focus_areas": "Lisätyt painopisteet",
    "joint_highlights": "Yhteisen työn nostot",
}
COLUMNS: tuple[Column, ...] = ("focus_areas", "joint_highlights")

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

# A sub-goal found in only one of the two plans: one row's label and the heading over several.
SUB_GOAL_ADDED = "Uusi"
SUB_GOAL_REMOVED = "Poistunut"
SUB_GOALS_ADDED_HEADING = "Uudet välitavoitteet"
SUB_GOALS_REMOVED_HEADING = "Poistuneet välitavoitteet"

NO_ICONS = "–"  # a sub-goal without status icons, in reports

# The decks' usual icon colours per status (the fixture decks and the real Kymenlaakso deck use
# these): the fallback for a status whose legend entry has no colour, or a plan without a legend.
STATUS_COLOURS: dict[Status, str] = {
    Status.STARTED: "#E53935",  # red: Aloitettu
    Status.IN_PROGRESS: "#FBC02D",  # yellow: Käynnissä
    Status.IN_USE: "#43A047",  # green: Käytössä
}


def status_labels(statuses: Sequence[Status | str], sep: str = ", ", empty: str = "") -> str:
    """The statuses' Finnish labels joined with `sep`; `empty` when there are none."""
    return sep.join(Status(s).label for s in statuses) or empty


def status_codes(statuses: Sequence[Status | str], sep: str = ", ") -> str:
    """The statuses' codes (`started`, ...) joined with `sep`."""
    return sep.join(Status(s).value for s in statuses)


def status_colours(legend: Sequence[LegendEntry] = ()) -> dict[Status, str]:
    """Each status's colour as "#RRGGBB": the legend's icon colour where the legend gives one
    (`plan.status_legend`, `diff.status_legend`), `STATUS_COLOURS` for the rest.

    A new dict every call, in `Status` order, so callers may keep or change it.
    """
    given: dict[Status, str] = {}
    for entry in legend:  # a status listed twice: its first entry counts, as in `read_legend`
        if entry.color:
            given.setdefault(Status(entry.status), entry.color)
    return {status: given.get(status, STATUS_COLOURS[status]) for status in Status}
