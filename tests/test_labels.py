"""`lnhs_parse.labels`: statuses in a plan's own scale (`StatusScale`), column headers and the
Finnish vocabulary the reports share. Plans built by hand (tests/action_plans.py)."""

from __future__ import annotations

import pytest

from action_plans import CODES, COLOURS, UNKNOWN_CODE, WORDS, diff_2023_2024, plan_2023, plan_2024
from lnhs_parse.labels import (
    NEUTRAL_COLOUR,
    STATUS_COLOURS,
    StatusScale,
    action_column,
    column_header,
    status_labels,
)
from lnhs_parse.model import LegendEntry, ScaleStep, Status, TableColumn


def step(code: str, label: str, rank: int | None, color: str | None = None,
         description: str = "") -> ScaleStep:
    return ScaleStep(code=code, label=label, rank=rank, words=[label], color=color,
                     description=description)


def test_a_plans_scale_gives_its_words_colours_and_order() -> None:
    scale = StatusScale.of(plan_2023())
    assert [scale.label(c) for c in CODES] == [WORDS[2023][c] for c in CODES]
    assert [scale.colour(c) for c in CODES] == [COLOURS[c] for c in CODES]
    assert scale.order() == CODES
    assert [scale.rank(c) for c in CODES] == [0, 1, 2, 3]
    # a profile's own code is a step like any other; Status does not know it
    with pytest.raises(ValueError):
        Status("pilotissa")
    assert scale.label("pilotissa") == "Pilotissa"


def test_a_code_no_scale_knows_reads_as_itself_in_a_neutral_colour() -> None:
    scale = StatusScale.of(plan_2023())
    assert scale.label(UNKNOWN_CODE) == UNKNOWN_CODE
    assert scale.colour(UNKNOWN_CODE) == NEUTRAL_COLOUR
    assert scale.rank(UNKNOWN_CODE) is None
    assert scale.order([UNKNOWN_CODE, "in_use"]) == [*CODES, UNKNOWN_CODE]
    assert NEUTRAL_COLOUR not in {COLOURS[c] for c in CODES}


def test_the_order_is_the_scales_rank_not_the_listing_and_steps_outside_it_come_last() -> None:
    # a legend printed best step first, and "ei tiedossa" outside the order
    scale = StatusScale(steps=(step("unknown", "Ei tiedossa", None), step("in_use", "Valmis", 2),
                               step("not_started", "Ei aloitettu", 0),
                               step("in_progress", "Osittain", 1)))
    assert scale.order() == ["not_started", "in_progress", "in_use", "unknown"]
    # codes the scale lacks: after its steps, by the vocabulary's order
    assert scale.order(["started", "omakoodi", "late"]) == [
        "not_started", "in_progress", "in_use", "unknown", "started", "late", "omakoodi"]


def test_fallbacks_scale_then_legend_then_vocabulary() -> None:
    legend = (
        LegendEntry(status="started", label="Alussa", description="vasta alkanut",
                    color="#123456"),
        LegendEntry(status="in_use", label="Käytössä", description="", color=None),
    )
    scale = StatusScale(steps=(step("started", "Aloitettu", 0, None, "aloitettu vuonna"),),
                        legend=legend)
    # the scale's word wins over the legend's; its missing colour is the legend's
    assert scale.label("started") == "Aloitettu" and scale.colour("started") == "#123456"
    assert scale.description("started") == "aloitettu vuonna"
    # a step only the legend names: its word; no colour there: the usual colour for the code
    assert scale.label("in_use") == "Käytössä"
    assert scale.colour("in_use") == STATUS_COLOURS[Status.IN_USE]
    # a step neither names: the vocabulary's word
    assert scale.label("late") == "Myöhässä" and scale.colour("late") == STATUS_COLOURS[Status.LATE]
    assert StatusScale().label("in_progress") == "Käynnissä"


def test_a_colour_that_is_not_rrggbb_is_passed_over() -> None:
    bad = ScaleStep.model_construct(code="started", label="Aloitettu", rank=0, words=[],
                                    color="red;}</style>", description="")
    legend = LegendEntry.model_construct(status="started", label="x", description="",
                                         color="url(javascript:x)")
    scale = StatusScale(steps=(bad,), legend=(legend,))
    assert scale.colour("started") == STATUS_COLOURS[Status.STARTED]
    assert StatusScale(steps=(bad,)).colour("omakoodi") == NEUTRAL_COLOUR


def test_a_diffs_scale_and_the_combined_scale_of_several_plans() -> None:
    diff = diff_2023_2024()
    scale = StatusScale.of(diff)
    assert scale.label("pilotissa") == WORDS[2024]["pilotissa"] == "Kokeilussa"
    combined = StatusScale.combined([plan_2023(), plan_2024()])
    assert combined.label("pilotissa") == "Kokeilussa"  # the newest plan's word
    older_only = plan_2023().model_copy(update={"status_scale": [
        step("late", "Myöhässä aikataulusta", None, "#ABCDEF")]})
    combined = StatusScale.combined([older_only, plan_2024()])
    assert combined.label("late") == "Myöhässä aikataulusta"  # a step only the older has
    assert combined.order()[-1] == "late"


def test_status_labels_join_in_a_scale_or_the_vocabulary() -> None:
    scale = StatusScale.of(plan_2024())
    assert status_labels(["pilotissa", "in_use"], "; ", scale=scale) == "Kokeilussa; Toteutunut"
    assert status_labels(["started", "pilotissa"]) == "Aloitettu, pilotissa"
    assert status_labels([], empty="–") == "–"


def test_column_headers_as_printed_else_by_role() -> None:
    columns = [TableColumn(key="action", role="action", header="Toimenpiteet\n(2024)"),
               TableColumn(key="huomiot", role="other", header="Huomiot"),
               TableColumn(key="focus_areas", role="focus_areas", header="Lisättyjä painopisteitä "
                           "vuodelle -23/-24")]
    assert action_column(columns) == ("action", "Toimenpiteet (2024)")
    assert action_column([]) == ("action", "Toimenpide")
    assert column_header(columns, "huomiot") == "Huomiot"
    # Kymenlaakso's two columns keep their usual words, whatever the year's header says
    assert column_header(columns, "focus_areas") == "Lisätyt painopisteet"
    assert column_header([], "schedule") == "Aikataulu"
    assert column_header([], "oma_sarake") == "Oma sarake"
