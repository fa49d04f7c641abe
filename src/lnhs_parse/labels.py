"""Finnish labels and colours for presenting plans: one place for the report, export and notebook.

The status labels themselves live on `Status.label` in the model; these are the presentation
vocabularies shared by `compare.to_markdown`, `export` and `notebook`, so a sub-goal reads and looks
the same in a Markdown report, an Excel sheet and a notebook plot. Status colours come from the
deck's own legend (`status_colours(plan.status_legend)`), `STATUS_COLOURS` filling in the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from lnhs_parse.model import Column, LegendEntry, Status

# The decks' own column headings (abridged), in the order of the slides.
COLUMN_LABELS: dict[Column, str] = {
    "focus_areas": "Lisätyt painopisteet",
    "joint_highlights": "Yhteisen työn nostot",
}
COLUMNS: tuple[Column, ...] = ("focus_areas", "joint_highlights")

# The decks' usual icon colours per status (the fixture decks and the real Kymenlaakso deck use
# these): the fallback for a status whose legend entry has no colour, or a plan without a legend.
STATUS_COLOURS: dict[Status, str] = {
    Status.STARTED: "#E53935",  # red: Aloitettu
    Status.IN_PROGRESS: "#FBC02D",  # yellow: Käynnissä
    Status.IN_USE: "#43A047",  # green: Käytössä
}


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
