"""Finnish labels and colours for presenting plans: one place for the report, export and notebook.

The status labels themselves live on `Status.label` in the model; these are the presentation
vocabularies shared by `compare.to_markdown`, `export` and `notebook`, so a sub-goal reads and looks
the same in a Markdown report, an Excel sheet and a notebook plot.
"""

from __future__ import annotations

from lnhs_parse.model import Column, Status

# The decks' own column headings (abridged), in the order of the slides.
COLUMN_LABELS: dict[Column, str] = {
    "focus_areas": "Lisätyt painopisteet",
    "joint_highlights": "Yhteisen työn nostot",
}
COLUMNS: tuple[Column, ...] = ("focus_areas", "joint_highlights")

# The decks' icon colours per status (the fixture decks and the real Kymenlaakso deck use these).
STATUS_COLOURS: dict[Status, str] = {
    Status.STARTED: "#E53935",  # red: Aloitettu
    Status.IN_PROGRESS: "#FBC02D",  # yellow: Käynnissä
    Status.IN_USE: "#43A047",  # green: Käytössä
}
