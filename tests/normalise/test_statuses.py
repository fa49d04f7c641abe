"""Status carriers and the scale (normalise/statuses.py, scale.py, legend.py), on hand-built
layouts: words, fills, icons and glyphs; legends as icon rows, glyph-led lines and tables; tables
of one row per action in several templates (normalise/goals.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from layout_builders import SLIDE_H, SLIDE_W, document, icon, line, table
from lnhs_parse.codes import Status
from lnhs_parse.layout import Cell, Icon, Line, Page, Table
from lnhs_parse.normalise import normalise
from lnhs_parse.normalise.legend import status_word
from lnhs_parse.normalise.scale import ScaleReader, build_scale
from lnhs_parse.records import Plan
from lnhs_parse.settings import ParseOptions

ACTION_HEADER = [["Tavoite"], ["Toimenpide"], ["Vastuutaho"], ["Tilanne 2024"]]
WIDTHS = [200.0, 300.0, 160.0, 120.0]


def _title(number: int = 1) -> Page:
    lines = (
        line("Lasten ja nuorten hyvinvointisuunnitelma", 80, 200, size=32, bold=True),
        line("Väliraportti 2024", 80, 260, size=20),
    )
    return Page(number, SLIDE_W, SLIDE_H, lines)


def _goal(number: int, heading: str, rows: list[list[list[str]]], *,
          header: list[list[str]] | None = None, fills: dict[tuple[int, int], str] | None = None,
          icons: tuple[Icon, ...] = (), extra_lines: tuple[Line, ...] = (),
          widths: list[float] | None = None) -> Page:
    head = header or ACTION_HEADER
    t = table(32, 70, widths or WIDTHS, [30.0] + [40.0] * len(rows), [head, *rows])
    if fills:
        t = replace(t, cells=tuple(replace(c, fill=fills.get((c.row, c.col))) for c in t.cells))
    lines = (line(heading, 34, 16, size=16, bold=True), *extra_lines)
    return Page(number, SLIDE_W, SLIDE_H, lines, (t,), tuple(icons))


def _parse(*pages: Page) -> Plan:
    return normalise(document(list(pages)), ParseOptions())


# --------------------------------------------------------------------------------------------------
# Words


@pytest.mark.parametrize(
    ("text", "code", "printed"),
    [
        ("Toteutunut", "in_use", "Toteutunut"),
        ("Osittain toteutunut", "in_progress", "Osittain toteutunut"),
        ("ei toteutunut", "not_started", "ei toteutunut"),
        ("Aloitettu mutta kesken", "started", "Aloitettu mutta kesken"),
        ("Käynnissä. Koulutukset alkoivat syksyllä.", "in_progress", "Käynnissä"),
        ("Ei tiedossa", "unknown", "Ei tiedossa"),
        ("Myöhässä", "late", "Myöhässä"),
        ("Toteutnut", "in_use", "Toteutnut"),  # a typo
        ("75 %", "in_progress", "75 %"),
        ("100 %", "in_use", "100 %"),
        ("0 %", "not_started", "0 %"),
    ],
)
def test_a_status_word_names_its_step(text: str, code: str, printed: str) -> None:
    assert status_word(text) == (code, printed)


@pytest.mark.parametrize("text", ["ei käytössä", "Koulutukset alkoivat", "Vastuutaho", "vuosittain", ""])
def test_text_that_names_no_step(text: str) -> None:
    """A negation never matches the word it negates; other text names nothing."""
    assert status_word(text) is None


def test_the_scale_is_ranked_by_the_vocabulary_not_the_legend_s_order() -> None:
    from lnhs_parse.records import LegendEntry

    legend = (  # printed best step first
        LegendEntry(status="in_use", label="Toteutunut", description="", color="#43A047"),
        LegendEntry(status="started", label="Aloitettu", description="", color="#FB8C00"),
        LegendEntry(status="unknown", label="Ei tiedossa", description="", color="#9E9E9E"),
        LegendEntry(status="not_started", label="Ei aloitettu", description="", color="#E53935"),
    )
    scale = build_scale(legend, ScaleReader())
    assert [(s.code, s.rank) for s in scale] == [
        ("not_started", 0), ("started", 1), ("in_use", 2), ("unknown", None)
    ]


# --------------------------------------------------------------------------------------------------
# Tables of one row per action


def _action_rows() -> list[list[list[str]]]:
    return [
        [["1.1 Mielenterveys vahvistuu"], ["Otetaan käyttöön IPC-menetelmä"], ["Hyvinvointialue"],
         ["Toteutunut"]],
        [[], ["Koulutetaan koulukuraattorit"], ["Kunnat, Hyvinvointialue"],
         ["Osittain toteutunut"]],
        [["1.2 Harrastukset"], ["Harrastuspassi yläkoululaisille"], ["Kunnat"],
         ["ei tiedossa"]],
    ]


def test_words_in_a_status_column_without_a_legend() -> None:
    plan = _parse(_title(), _goal(2, "Painopiste 1: Hyvä arki", _action_rows()))
    (goal,) = plan.goals
    assert (goal.number, goal.numeral, goal.title) == (1, "1", "Hyvä arki")
    assert [(s.number, s.numeral, s.title) for s in goal.sub_goals] == [
        (1, "1.1", "Mielenterveys vahvistuu"), (2, "1.2", "Harrastukset")
    ]
    first, second = goal.sub_goals
    assert [a.text for a in first.actions] == [
        "Otetaan käyttöön IPC-menetelmä", "Koulutetaan koulukuraattorit"
    ]
    assert [a.statuses for a in (*first.actions, *second.actions)] == [
        ["in_use"], ["in_progress"], ["unknown"]
    ]
    assert first.statuses == [] and second.statuses == []
    assert first.actions[1].responsible == ["kunnat", "hyvinvointialue"]
    assert {a.id: a.kind for a in plan.actors} == {"hyvinvointialue": "unknown", "kunnat": "unknown"}
    assert [(s.code, s.label, s.rank) for s in plan.status_scale] == [
        ("in_progress", "Osittain toteutunut", 0), ("in_use", "Toteutunut", 1),
        ("unknown", "ei tiedossa", None),
    ]
    assert [(c.role, c.header) for c in plan.columns] == [
        ("sub_goal", "Tavoite"), ("action", "Toimenpide"), ("responsible", "Vastuutaho"),
        ("status", "Tilanne 2024"),
    ]
    assert plan.year == 2024  # "Väliraportti 2024" on the title slide
    codes = {w.code for w in plan.warnings}
    assert "no-legend" not in codes  # nothing was read by colour


def _legend_table_page() -> Page:
    legend = Table(
        (60, 100, 400, 190), 3, 2,
        (
            Cell(0, 0, (60, 100, 100, 130), (), fill="#43A047"),
            Cell(0, 1, (100, 100, 400, 130), (line("Toteutunut", 104, 108),)),
            Cell(1, 0, (60, 130, 100, 160), (), fill="#FDD835"),
            Cell(1, 1, (100, 130, 400, 160), (line("Osittain toteutunut", 104, 138),)),
            Cell(2, 0, (60, 160, 100, 190), (), fill="#E53935"),
            Cell(2, 1, (100, 160, 400, 190), (line("Ei toteutunut", 104, 168),)),
        ),
    )
    return Page(2, SLIDE_W, SLIDE_H, (line("Värikoodit", 60, 40, size=24),), (legend,))


def test_traffic_light_fills_read_through_the_legend_table_and_banding_is_no_status() -> None:
    legend_page = _legend_table_page()
    rows = [[[r[0][0]] if r[0] else [], r[1], r[2], []] for r in _action_rows()]
    band = "#EEF2F7"  # the whole third row shares it: banding
    fills = {(1, 3): "#43A047", (2, 3): "#FDD835"}
    fills.update({(3, c): band for c in range(4)})
    plan = _parse(_title(), legend_page, _goal(3, "Painopiste 1: Hyvä arki", rows, fills=fills))
    actions = [a for sg in plan.goals[0].sub_goals for a in sg.actions]
    assert [a.statuses for a in actions] == [["in_use"], ["in_progress"], []]
    assert [(e.status, e.label, e.color) for e in plan.status_legend] == [
        ("in_use", "Toteutunut", "#43A047"), ("in_progress", "Osittain toteutunut", "#FDD835"),
        ("not_started", "Ei toteutunut", "#E53935"),
    ]
    assert [s.code for s in plan.status_scale] == ["not_started", "in_progress", "in_use"]


def test_a_word_and_a_legend_colour_that_disagree_are_warned_about_and_the_word_is_read() -> None:
    rows = _action_rows()[:1]
    plan = _parse(_title(), _legend_table_page(),
                  _goal(3, "Painopiste 1: Hyvä arki", rows, fills={(1, 3): "#E53935"}))
    assert plan.goals[0].sub_goals[0].actions[0].statuses == ["in_use"]
    said = [w.message for w in plan.warnings if w.code == "status-carriers-disagree"]
    assert said == ["page 3: a status cell's word 'Toteutunut' (in_use) and its colour #E53935 "
                    "(not_started) name different steps; the word read"]


def test_a_colour_no_legend_states_is_no_status_beside_a_word() -> None:
    """Without a legend a fill's step would be a guess by its hue; the word in the cell says it."""
    rows = _action_rows()[:1]
    plan = _parse(_title(), _goal(2, "Painopiste 1: Hyvä arki", rows, fills={(1, 3): "#E53935"}))
    assert plan.goals[0].sub_goals[0].actions[0].statuses == ["in_use"]
    assert "status-carriers-disagree" not in {w.code for w in plan.warnings}
    assert [s.color for s in plan.status_scale if s.code == "in_use"] == ["#E53935"]


def test_a_goal_table_with_coloured_status_cells_is_no_legend() -> None:
    """A goal slide without a goal heading: its table's rows have one coloured cell each (the
    status) and a word ("vuosittain", annually, a schedule) close to a step word ("osittain"):
    neither makes the table a legend."""
    rows = [
        [["1.1 Mielenterveys vahvistuu"], ["Otetaan käyttöön IPC-menetelmä"], ["vuosittain"],
         ["Osittain toteutunut"]],
        [[], ["Koulutetaan koulukuraattorit"], ["vuosittain"], ["Osittain toteutunut"]],
    ]
    plan = _parse(_title(), _goal(2, "Tavoitteet ja toimenpiteet", rows,
                                  fills={(1, 3): "#FDD835", (2, 3): "#FDD835"}))
    assert plan.status_legend == []
    assert [s.label for s in plan.status_scale] == ["Osittain toteutunut"]


def test_glyph_legend_line_under_the_table_and_glyph_icons() -> None:
    """A legend typed as "● Ajallaan" lines under every goal table (no legend slide); the status
    cells hold coloured "●" glyphs. A check mark means done whatever its colour."""
    legend_lines = (
        replace(line("● Ajallaan", 40, 470), colour="#43A047"),
        replace(line("● Myöhässä", 140, 470), colour="#E53935"),
    )
    rows = [[[], ["Kesätyöseteli yhdeksäsluokkalaisille"], ["Kunnat"], []],
            [[], ["Työpajatoiminnan paikat"], ["Nuorisopalvelut"], []]]
    icons = (icon(700, 118, "#43A047", kind="glyph", d=8, glyph="●"),
             icon(700, 158, "#E53935", kind="glyph", d=8, glyph="●"))
    header = [["Nro"], ["Toimenpide"], ["Vastuutaho"], ["Toteutuminen"]]
    page = _goal(2, "Painopistealue 1 – Työelämä", rows, header=header, icons=icons,
                 extra_lines=legend_lines, widths=[40.0, 460.0, 160.0, 120.0])
    plan = _parse(_title(), page)
    (goal,) = plan.goals
    assert goal.sub_goals == []  # no sub-goal column: the goal's own actions
    assert [a.statuses for a in goal.actions] == [["on_time"], ["late"]]
    assert [(s.code, s.label) for s in plan.status_scale] == [
        ("late", "Myöhässä"), ("on_time", "Ajallaan")
    ]
    from lnhs_parse.normalise.legend import default_legend

    assert default_legend().status_of(icon(0, 0, "#000000", kind="glyph", glyph="✓")) == (
        Status.IN_USE
    )


def test_the_latest_of_two_status_columns_is_the_status_and_the_other_is_kept() -> None:
    header = [["Toimenpide"], ["Tilanne 2023"], ["Tilanne 2024"]]
    rows = [[["Perheneuvonnan puhelinaika"], ["Aloitettu"], ["Toteutunut"]]]
    plan = _parse(_title(), _goal(2, "Tavoite 2: Perheiden tuki", rows, header=header,
                                  widths=[400.0, 150.0, 150.0]))
    (action,) = plan.goals[0].actions
    assert action.statuses == ["in_use"]
    assert [(c.column, c.header, [s.text for s in c.statements])
            for c in action.other_columns] == [("tilanne", "Tilanne 2023", ["Aloitettu"])]
    assert plan.goals[0].number == 2


def test_a_table_without_goal_headings_is_a_goal_table_by_its_header_titled_by_the_slide() -> None:
    page = _goal(2, "1. Lasten mielenterveys", _action_rows())
    page = replace(page, lines=(line("1. Lasten mielenterveys", 34, 16, size=16, bold=True),))
    plan = _parse(_title(), page)
    (goal,) = plan.goals
    assert (goal.number, goal.numeral, goal.title) == (1, "1", "Lasten mielenterveys")
    assert sum(len(sg.actions) for sg in goal.sub_goals) == 3


def test_rows_spanning_the_table_head_the_actions_below_them() -> None:
    """A goal heading and sub-goal headings printed as rows spanning the table, the actions below
    each: sub-goals without a sub-goal column."""
    header = [["Toimenpide"], ["Vastuutaho"], ["Tilanne 2024"]]
    body = [
        [["Painopiste 2: Osallisuus"]],
        [["2.1 Nuorten vaikuttaminen"]],
        [["Nuorisovaltuusto kokoontuu"], ["Kunnat"], ["Toteutunut"]],
        [["Palautekanava avataan"], ["Hyvinvointialue"], ["Aloitettu"]],
        [["2.2 Kuuleminen"]],
        [["Lapsivaikutusten arviointi"], ["Kunnat"], ["Ei aloitettu"]],
    ]
    widths = [400.0, 200.0, 150.0]
    t = table(32, 70, widths, [30.0] + [30.0] * len(body), [header, *body])
    spanning = {1, 2, 5}  # rows whose first cell spans the table
    cells = []
    for c in t.cells:
        if c.row in spanning and c.col > 0:
            continue
        if c.row in spanning:
            c = replace(c, colspan=3, bbox=(c.bbox[0], c.bbox[1], t.bbox[2], c.bbox[3]))
        cells.append(c)
    t = replace(t, cells=tuple(cells))
    page = Page(2, SLIDE_W, SLIDE_H, (line("Tavoitteet ja toimenpiteet", 34, 16, size=16),), (t,))
    plan = _parse(_title(), page)
    (goal,) = plan.goals
    assert (goal.number, goal.title) == (2, "Osallisuus")
    assert [(s.number, s.numeral, s.title, [a.text for a in s.actions]) for s in goal.sub_goals] == [
        (1, "2.1", "Nuorten vaikuttaminen",
         ["Nuorisovaltuusto kokoontuu", "Palautekanava avataan"]),
        (2, "2.2", "Kuuleminen", ["Lapsivaikutusten arviointi"]),
    ]
    assert [a.statuses for s in goal.sub_goals for a in s.actions] == [
        ["in_use"], ["started"], ["not_started"]
    ]


def test_an_indicator_column_in_a_table_per_sub_goal_is_kept_and_names_no_actor() -> None:
    header = [["Alatavoite"], ["Mittari"], ["Tilanne 2024"]]
    rows = [[["1. Kiusaaminen vähenee"], ["Kouluterveyskysely: kiusaaminen (ind. 5313) MINI"],
             ["Käynnissä"]]]
    page = _goal(2, "Tavoite 1: Turvallinen arki", rows, header=header,
                 widths=[250.0, 350.0, 150.0])
    plan = _parse(_title(), page)
    (sub,) = plan.goals[0].sub_goals
    assert sub.statuses == ["in_progress"] and sub.actions == []
    (col,) = sub.other_columns
    assert (col.column, col.header) == ("indicators", "Mittari")
    assert [(s.text, s.actors) for s in col.statements] == [
        ("Kouluterveyskysely: kiusaaminen (ind. 5313) MINI", [])
    ]
