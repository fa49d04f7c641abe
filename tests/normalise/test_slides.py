"""Slide roles, header recognition, grids from text, goal tables continued over slides, and the
pipeline on hand-built layouts (no extractor involved)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_builders import (
    COLOURS,
    HEADER,
    PITCH,
    document,
    footer,
    goal_heading,
    goal_page,
    highlights_page,
    icon,
    legend_page,
    line,
    title_page,
)
from lnhs_parse.errors import NotAnEvaluationDeckError
from lnhs_parse.layout import Cell, Icon, Line, Page, Table
from lnhs_parse.normalise import normalise
from lnhs_parse.normalise.columns import column_role, map_columns
from lnhs_parse.normalise.grid import grid_from_lines, grid_from_table
from lnhs_parse.normalise.profile import packaged_profile
from lnhs_parse.normalise.roles import slide_role
from lnhs_parse.normalise.slides import read_goal_slide, strip_continuation
from lnhs_parse.normalise.vocab import find_region, period_from_text, use_profile
from lnhs_parse.records import Plan


@pytest.fixture
def kymenlaakso() -> Iterator[None]:
    """Read with Kymenlaakso's county profile (its column headers), as a deck naming it is."""
    with use_profile(packaged_profile("kymenlaakso")):
        yield


# --------------------------------------------------------------------------------------------------
# Header synonyms


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("välitavoite\nMissä on onnistuttava?", "sub_goal"),
        ("Missä on\nonnistuttava?", "sub_goal"),
        ("Toimenpiteiden\neteneminen", "status"),
        ("Toimenpiteide\nn eteneminen", "status"),
        ("Toimenpiteid\nen\neteneminen", "status"),
        ("TOIMENPITEIDEN ETENEMINEN", "status"),
        ("Toimenpitiden eteneminen", "status"),  # a typo: fuzzy
        ("Lisättyjä painopisteitä vuodelle -23/-24", "focus_areas"),
        ("Lisättyjä painopisteitä\nvuodelle -24/-25", "focus_areas"),
        ("Yhteisen työn nostot", "joint_highlights"),
        ("Yhteisen\ntyön\nnostot", "joint_highlights"),
        ("Nro", "number"),
    ],
)
def test_header_synonyms(text: str, role: str) -> None:
    """Kymenlaakso's headers, read with its county profile."""
    with use_profile(packaged_profile("kymenlaakso")):
        hit = column_role(text)
    assert hit is not None and hit[0] == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Toimenpide", "action"),
        ("Toimenpiteet", "action"),
        ("Vastuutaho", "responsible"),
        ("Aktiivinen vastuutaho", "responsible"),
        ("Aikataulu", "schedule"),
        ("Aikataulu ja vastuu", "schedule_responsible"),
        ("Mittari", "indicators"),
        ("Arviointimittarit", "indicators"),
        ("Pidemmän aikavälin indikaattorit", "indicators"),
        ("Tilanne 2024", "status"),
        ("Toteutuminen", "status"),
        ("Eteneminen", "status"),
        ("Alatavoite", "sub_goal"),
        ("Tavoitteet", "sub_goal"),
        ("Päätavoite", "goal"),
        ("Painopistealue", "goal"),
    ],
)
def test_common_header_words_need_no_profile(text: str, role: str) -> None:
    hit = column_role(text)
    assert hit is not None and hit[0] == role


def test_kymenlaakso_s_own_headers_are_its_profile_s() -> None:
    assert column_role("Yhteisen työn nostot") is None


@pytest.mark.parametrize(
    "text",
    [
        "HVA: palautejärjestelmää kehitetään",
        "1\nLasten ja nuorten arvostaminen",
        "- Kymenlaakson hyvinvointialueen nuva käynnistetty ja kunnissa toimivat omat "
        "nuorisovaltuustot",
        "",
    ],
)
def test_body_text_is_no_header(text: str) -> None:
    assert column_role(text) is None


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Lisättyjä painopisteitä vuodelle -23/-24", "2023/2024"),
        ("Lisättyjä painopisteitä vuodelle -24/-25", "2024/2025"),
        ("Painopisteet vuosille 2024–2025", "2024/2025"),
        ("Yhteisen työn nostot", None),
    ],
)
def test_period_from_header(text: str, period: str | None) -> None:
    assert period_from_text(text) == period


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Kymenlaakson lasten ja nuoren hyvinvointisuunnitelma", "Kymenlaakso"),
        (
            "KYMENLAAKSON LASTEN JA NUORTEN HYVINVOINTISUUNNITELMAN TOTEUTUMISEN ARVIOINTI",
            "Kymenlaakso",
        ),
        ("Etelä-Pohjanmaan lasten ja nuorten hyvinvointisuunnitelma", "Etelä-Pohjanmaa"),
        ("Pohjanmaan hyvinvointialueen suunnitelma", "Pohjanmaa"),
        ("Vantaan ja Keravan hyvinvointialue", "Vantaa-Kerava"),
        ("Päijät-Hämeen lasten ja nuorten hyvinvointisuunnitelma", "Päijät-Häme"),
        ("Lasten ja nuorten hyvinvointisuunnitelma", None),
    ],
)
def test_region_from_genitive(text: str, region: str | None) -> None:
    assert find_region(text) == region


def test_continuation_mark() -> None:
    assert strip_continuation("Tuen oikea-aikainen saatavuus (jatkuu)") == (
        "Tuen oikea-aikainen saatavuus",
        True,
    )
    assert strip_continuation("Tuen saatavuus ( Jatkuu )") == ("Tuen saatavuus", True)
    assert strip_continuation("Tuen saatavuus") == ("Tuen saatavuus", False)


# --------------------------------------------------------------------------------------------------
# Column mapping


@pytest.mark.usefixtures("kymenlaakso")
def test_map_columns_with_number_column_without_header_text() -> None:
    page = goal_page(
        5,
        "I",
        "Arjen hyvinvointi lisääntyy",
        [
            [
                ["1"],
                ["Lasten ja nuorten arvostaminen"],
                [],
                ["HVA: palautejärjestelmää kehitetään"],
                [],
            ]
        ],
        widths=[30, 128, 90, 360, 288],
        header_cells=[[], *HEADER],
    )

    columns = map_columns(grid_from_table(page.tables[0]))
    assert columns is not None
    assert columns.columns == {
        "number": 0,
        "sub_goal": 1,
        "status": 2,
        "focus_areas": 3,
        "joint_highlights": 4,
    }
    assert columns.period == "2023/2024"


def test_first_body_row_is_no_header() -> None:
    page = goal_page(
        6,
        "I",
        "Arjen hyvinvointi lisääntyy",
        [
            [
                ["4", "Terveyden edistäminen"],
                [],
                ["HVA: toimintamalleja arvioidaan"],
                ["Erityisesti neuvolat"],
            ]
        ],
        header=False,
    )

    assert map_columns(grid_from_table(page.tables[0])) is None


# --------------------------------------------------------------------------------------------------
# Grid from text (a table drawn without lines or fills)


def _free_table_lines(top: float, header: bool = True) -> list[Line]:
    """Lines of a four-column table laid out like the glyph deck: columns start at x 37, 187,
    277, 637; sub-goal numbers as the first paragraph of the sub-goal cell."""
    out = []
    y = top
    if header:
        out += [
            line("välitavoite", 37, y),
            line("Toimenpiteiden", 187, y, bold=True),
            line("Lisättyjä painopisteitä vuodelle -23/-24", 277, y, bold=True),
            line("Yhteisen työn nostot", 637, y, bold=True),
            line("eteneminen", 187, y + PITCH, bold=True),
            line("Missä on onnistuttava?", 37, y + 15, bold=True),
        ]
        y += 40
    out += [
        line("1", 37, y, bold=True),
        line("Kletu: Vaikuttamistyö: lasten ja nuorten äänen esiin", 277, y, width=330),
        line("- Nuorille suunnattujen palauteiltojen", 637, y),
        line("tuominen asiakastyössä.", 277, y + PITCH),
        line("Lasten ja nuorten", 37, y + 15, bold=True),
        line("arvostaminen", 37, y + 15 + PITCH, bold=True),
        line("HVA: palautejärjestelmää kehitetään", 277, y + 26),
    ]
    y += 80
    out += [
        line("2", 37, y, bold=True),
        line("Vanhemmuuden tukeminen", 37, y + 15, bold=True),
        line("MLL: huomioiden perheiden monimuotoisuus", 277, y),
        line("- Vanhemmuuden tuen webinaarit", 637, y),
    ]
    return out


@pytest.mark.usefixtures("kymenlaakso")
def test_grid_from_lines_columns_and_rows() -> None:
    lines = _free_table_lines(70)
    icons = [icon(187, 110, "#FBC02D", kind="glyph", d=8.5, glyph="●"),
             icon(199.5, 110, "#43A047", kind="glyph", d=8.5, glyph="●")]
    grid, unplaced = grid_from_lines(lines, icons)
    assert grid is not None and unplaced == []
    assert grid.n_cols == 4 and grid.n_rows == 3  # header + two sub-goal rows
    # row boundaries at the numbers' tops, column boundaries between the columns' extents
    assert grid.row_edges[1] == pytest.approx(110 - 2)
    assert grid.row_edges[2] == pytest.approx(190 - 2)
    assert 147 < grid.col_edges[1] < 187 and 208 < grid.col_edges[2] < 277
    texts = {(c.row, c.col): [ln.text for ln in c.lines] for c in grid.cells}
    assert texts[(0, 1)] == ["Toimenpiteiden", "eteneminen"]
    assert texts[(1, 0)] == ["1", "Lasten ja nuorten", "arvostaminen"]
    assert texts[(1, 2)][0].startswith("Kletu:") and len(texts[(1, 2)]) == 3
    assert texts[(2, 3)] == ["- Vanhemmuuden tuen webinaarit"]
    columns = map_columns(grid)
    assert columns is not None and columns.columns["status"] == 1


def test_goal_slide_without_table_rebuilds_the_grid() -> None:
    lines = goal_heading(
        "II", ["Lasten, nuorten ja perheiden osallisuus ja", "yhteisöllisyys vahvistuvat"]
    )
    body = _free_table_lines(95)
    icons = (icon(187, 135, COLOURS["in_use"], kind="glyph", d=8.5, glyph="●"),)
    page = Page(8, 960, 540, tuple(lines + body + footer(8)), (), icons)
    assert slide_role(page) == "goal_table"
    slide = read_goal_slide(page, None)
    assert slide is not None and slide.numeral == "II"
    assert [ln.text for ln in slide.title_lines] == [
        "Lasten, nuorten ja perheiden osallisuus ja",
        "yhteisöllisyys vahvistuvat",
    ]
    assert slide.grid is not None and slide.grid.found_by == "text"
    assert [r.number for r in slide.rows] == [1, 2]
    assert [len(r.icons) for r in slide.rows] == [1, 0]
    assert [ln.text for ln in slide.rows[0].title_lines] == ["Lasten ja nuorten", "arvostaminen"]
    assert slide.warnings == []


def test_title_on_the_heading_line() -> None:
    lines = [line("PÄÄTAVOITE III: Monialainen verkostotyö kehittyy", 34, 16, size=16, bold=True)]
    page = goal_page(9, "III", "x", [[["1", "Työote"], [], [], []]])
    page = Page(9, 960, 540, tuple(lines + footer(9)), page.tables, ())
    slide = read_goal_slide(page, None)
    assert slide is not None and slide.numeral == "III"
    assert [ln.text for ln in slide.title_lines] == ["Monialainen verkostotyö kehittyy"]


def test_text_in_the_table_region_outside_cells_is_warned() -> None:
    page = goal_page(5, "I", "Arjen hyvinvointi", [[["1", "Arvostaminen"], [], [], []]])
    stray = line("Irrallinen teksti", 300, 150)
    page = Page(5, 960, 540, (*page.lines, stray), page.tables, (icon(600, 150, "#43A047"),))
    slide = read_goal_slide(page, None)
    assert slide is not None
    codes = [w.code for w in slide.warnings]
    assert codes.count("unplaced-content") == 1 and "Irrallinen teksti" in slide.warnings[0].message
    assert "unplaced-icon" in codes  # an icon in the focus column is no status


# --------------------------------------------------------------------------------------------------
# The pipeline on hand-built decks


def _deck(*, legend: bool = True, repeat_header: bool = True) -> list[Page]:
    def row(n: int, title: list[str], focus: list[str], joint: list[str]) -> list[list[str]]:
        return [[str(n), *title], [], focus, joint]

    p5 = goal_page(
        5,
        "I",
        "Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy",
        [
            row(1, ["Lasten ja nuorten arvostaminen"], ["HVA: palautejärjestelmää kehitetään"],
                ["- Nuva käynnistetty"]),
            row(2, ["Vanhemmuuden tukeminen"], ["Kouvola: Peruspalveluissa osaamisen lisääminen",
                                                 "MLL: tukihenkilötoiminta"], []),
        ],
        icons=[icon(187, 115, COLOURS["in_progress"]), icon(187, 195, COLOURS["in_progress"]),
               icon(205, 195, COLOURS["in_use"])],
    )
    p6 = goal_page(
        6,
        "I",
        "Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy",
        [
            row(2, ["Vanhemmuuden tukeminen (jatkuu)"], ["Kletu: Eroauttaminen"],
                ["- Perhepolku verkkopalvelu käytössä"]),
            row(3, ["Lapsen oikeuksien toteutuminen"], [], ["Eroauttamisen polku valmistunut"]),
        ],
        header=repeat_header,
        icons=[icon(187, 195 if repeat_header else 155, COLOURS["started"])],
    )
    p7 = goal_page(
        7,
        "II",
        "Osallisuus ja yhteisöllisyys vahvistuvat",
        [row(1, ["Yhdenvertaiset mahdollisuudet"], [], ["Kohtaamispaikkatoimintaa saatavilla"])],
        icons=[icon(187, 115, COLOURS["started"])],
    )
    pages = [title_page(1), highlights_page(2, ["Lapsivaikutusten arviointi käynnistetty",
                                                "Kohtaamispaikkatoiminta kaikissa kunnissa"])]
    if legend:
        pages.append(legend_page(3))
    for p in (p5, p6, p7):
        pages.append(Page(len(pages) + 1, p.width, p.height, p.lines, p.tables, p.icons))
    return pages


def test_pipeline_joins_goals_and_continued_sub_goals() -> None:
    plan = normalise(document(_deck()))
    assert plan.region == "Kymenlaakso"
    assert plan.title == "Kymenlaakson lasten ja nuoren hyvinvointisuunnitelma"
    assert plan.year == 2023 and plan.focus_period == "2023/2024"
    assert [h.text for h in plan.highlights] == [
        "Lapsivaikutusten arviointi käynnistetty",
        "Kohtaamispaikkatoiminta kaikissa kunnissa",
    ]
    assert [e.status for e in plan.status_legend] == ["started", "in_progress", "in_use"]
    assert [(g.numeral, g.number, len(g.sub_goals)) for g in plan.goals] == [
        ("I", 1, 3),
        ("II", 2, 1),
    ]
    sg2 = plan.goals[0].sub_goals[1]
    assert sg2.title == "Vanhemmuuden tukeminen"
    assert sg2.pages == [4, 5]
    assert sg2.statuses == ["in_progress", "in_use"]
    assert [s.actors for s in sg2.focus_areas] == [["kouvola"], ["mll"], ["kletu"]]
    assert [s.text for s in sg2.joint_highlights] == ["Perhepolku verkkopalvelu käytössä"]
    assert plan.goals[0].sub_goals[2].statuses == ["started"]
    assert [a.id for a in plan.actors] == ["hva", "kletu", "kouvola", "mll"]
    assert [w.code for w in plan.warnings] == []


def test_pipeline_continuation_without_header_reuses_columns() -> None:
    plan = normalise(document(_deck(repeat_header=False)))
    goal = plan.goals[0]
    assert [sg.number for sg in goal.sub_goals] == [1, 2, 3]
    assert goal.sub_goals[1].focus_areas[-1].text == "Eroauttaminen"
    assert goal.sub_goals[2].joint_highlights[0].text == "Eroauttamisen polku valmistunut"
    assert [w.code for w in plan.warnings] == []


def test_no_goal_table_is_not_an_evaluation_deck() -> None:
    pages = [title_page(1), highlights_page(2, ["Yksi nosto"])]
    with pytest.raises(NotAnEvaluationDeckError) as info:
        normalise(document(pages))
    assert info.value.exit_code == 4
    assert "no goal tables" in str(info.value) and "highlights" in str(info.value)
    # the goal words the message names are the vocabulary's (data/headers.toml), not one county's
    assert "'Päätavoite'/'Tavoite'/'Painopiste' heading" in str(info.value)


def test_footers_and_slogan_are_no_content() -> None:
    plan = normalise(document(_deck()))
    texts = [h.text for h in plan.highlights]
    assert "Voi hyvin huomennakin!" not in texts
    for goal in plan.goals:
        for sg in goal.sub_goals:
            for statement in (*sg.focus_areas, *sg.joint_highlights):
                assert "hyvinvointialue" not in statement.text


# --------------------------------------------------------------------------------------------------
# Robustness: any layout gives a plan or NotAnEvaluationDeckError, never another exception

_WORDS = [
    "PÄÄTAVOITE I:",
    "PÄÄTAVOITE II: Osallisuus",
    "1",
    "2",
    "3 Tuen saatavuus",
    "välitavoite",
    "Toimenpiteiden",
    "eteneminen",
    "Lisättyjä painopisteitä vuodelle -23/-24",
    "Yhteisen työn nostot",
    "HVA: palautejärjestelmää",
    "Kletu/MLL:",
    "- Nuva",
    "(jatkuu)",
    "Aloitettu, alussa",
    "Käytössä",
    "Toteutumisen arviointi 2023",
    "Kiteytettyjä nostoja ja huomioita",
    "●",
    "",
    "  ",
    "Kymenlaakson",
]
_coord = st.floats(min_value=-50, max_value=1000, allow_nan=False)
_size = st.floats(min_value=1, max_value=60, allow_nan=False)


@st.composite
def _lines(draw: st.DrawFn) -> Line:
    x, y = draw(_coord), draw(_coord)
    return Line(
        draw(st.sampled_from(_WORDS)),
        (x, y, x + draw(_size) * 5, y + draw(_size)),
        draw(st.one_of(st.none(), _size)),
        paragraph=draw(st.one_of(st.none(), st.integers(0, 3))),
    )


@st.composite
def _tables(draw: st.DrawFn) -> Table:
    n_rows, n_cols = draw(st.integers(0, 4)), draw(st.integers(0, 5))
    x0, y0 = draw(_coord), draw(_coord)
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            box = (x0 + 60 * c, y0 + 40 * r, x0 + 60 * (c + 1), y0 + 40 * (r + 1))
            cells.append(Cell(r, c, box, tuple(draw(st.lists(_lines(), max_size=3)))))
    return Table((x0, y0, x0 + 60 * n_cols, y0 + 40 * n_rows), n_rows, n_cols, tuple(cells))


@st.composite
def _icons(draw: st.DrawFn) -> Icon:
    x, y, d = (
        draw(_coord),
        draw(_coord),
        draw(st.floats(min_value=0, max_value=60, allow_nan=False)),
    )
    color = draw(st.sampled_from([None, "#E53935", "#FBC02D", "#43A047", "#777777", "bad"]))
    return Icon(draw(st.sampled_from(["shape", "picture", "glyph"])), (x, y, x + d, y + d), color)


@st.composite
def _pages(draw: st.DrawFn) -> list[Page]:
    pages = []
    for k in range(draw(st.integers(0, 4))):
        pages.append(
            Page(
                k + 1, 960, 540,
                tuple(draw(st.lists(_lines(), max_size=12))),
                tuple(draw(st.lists(_tables(), max_size=2))),
                tuple(draw(st.lists(_icons(), max_size=6))),
            )
        )
    return pages


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages())
def test_any_layout_gives_a_plan_or_a_clean_error(pages: list[Page]) -> None:
    try:
        plan = normalise(document(pages))
    except NotAnEvaluationDeckError:
        return
    assert plan.goals


def test_icon_below_the_table_in_the_progress_column_is_warned() -> None:
    page = goal_page(5, "I", "Arjen hyvinvointi", [[["1", "Arvostaminen"], [], [], []]],
                     icons=[icon(187, 300, "#43A047"), icon(900, 20, "#1F4E79", d=40)])  # + a logo
    slide = read_goal_slide(page, None)
    assert slide is not None
    assert [w.code for w in slide.warnings] == ["unplaced-icon"]
    assert "outside any row" in slide.warnings[0].message


def test_a_legend_under_the_table_is_no_unplaced_icon() -> None:
    """A legend typed under the goal table, its red dot below the status column: the step's word
    beside it makes it a legend's entry, not a status icon that missed its row."""
    page = goal_page(5, "I", "Arjen hyvinvointi", [[["1", "Arvostaminen"], [], [], []]],
                     icons=[icon(187, 300, "#E53935")])
    labelled = replace(page, lines=(*page.lines, line("Ei aloitettu", 204, 300)))
    slide = read_goal_slide(labelled, None)
    assert slide is not None
    assert slide.warnings == []


# --------------------------------------------------------------------------------------------------
# Quirks of the seed deck's goal tables (docs: domain.md, "Quirks seen in the real text")

# The header as the seed prints it in a narrow table: "välitavoite" on a line of its own above
# "Missä on" / "onnistuttava?", and "Toimenpiteide" / "n eteneminen" broken by the cell width.
BROKEN_HEADER = [
    ["välitavoite", "Missä on", "onnistuttava?"],
    ["Toimenpiteide", "n eteneminen"],
    ["Lisättyjä painopisteitä vuodelle -23/-24"],
    ["Yhteisen työn nostot"],
]
PALAUTE = "Palaute käytäntöjä on kehitteillä"


def _seed_ii_rows() -> list[list[list[str]]]:
    """Sub-goals II.4-II.6 of the seed: II.6's number on its title's first line, an empty focus
    cell in II.5 and II.6, and the same joint-highlight text in II.4 and II.6."""
    return [
        [
            ["4", "Uusia kuulemis- ja", "palautekäytäntöjä"],
            [],
            ["Kotka: Dialogisuuden vahvistaminen"],
            [PALAUTE],
        ],
        [["5", "Lähiyhteisöt mukana"], [], [], []],
        [
            [
                "6 Palveluiden kehittäminen",
                "kuuntelemalla ja",
                "perehtymällä asiakkaiden",
                "kokemuksiin",
            ],
            [],
            [],
            [PALAUTE, "Ilmiöpohjainen tarkastelu käytössä"],
        ],
    ]


def _check_seed_ii(plan: Plan) -> None:
    (goal,) = plan.goals
    assert [(sg.number, sg.title) for sg in goal.sub_goals] == [
        (4, "Uusia kuulemis- ja palautekäytäntöjä"),
        (5, "Lähiyhteisöt mukana"),
        (6, "Palveluiden kehittäminen kuuntelemalla ja perehtymällä asiakkaiden kokemuksiin"),
    ]
    ii4, ii5, ii6 = goal.sub_goals
    assert [s.text for s in ii4.focus_areas] == ["Dialogisuuden vahvistaminen"]
    assert ii5.focus_areas == ii5.joint_highlights == ii6.focus_areas == []  # empty cells
    # the repeated text stays a statement of each row, with each row's own position
    assert [s.text for s in ii4.joint_highlights] == [PALAUTE]
    assert [s.text for s in ii6.joint_highlights] == [PALAUTE, "Ilmiöpohjainen tarkastelu käytössä"]
    assert ii4.joint_highlights[0].bbox[1] < ii6.joint_highlights[0].bbox[1]
    assert [w.code for w in plan.warnings] == []


@pytest.mark.usefixtures("kymenlaakso")
@pytest.mark.parametrize("pdf", [False, True], ids=["pptx-lines", "pdf-lines"])
def test_seed_ii_quirks_in_a_ruled_table(pdf: bool) -> None:
    page = goal_page(
        3,
        "II",
        "Lasten, nuorten ja perheiden osallisuus ja yhteisöllisyys vahvistuvat",
        _seed_ii_rows(),
        header_cells=BROKEN_HEADER,
        paragraphs=not pdf,
    )
    slide = read_goal_slide(page, None)
    assert slide is not None and slide.columns is not None and slide.columns.from_header
    assert slide.columns.columns == {
        "sub_goal": 0,
        "status": 1,
        "focus_areas": 2,
        "joint_highlights": 3,
    }
    # the number is read off the title's first line and is no part of the title
    assert [ln.text for ln in slide.rows[2].title_lines][:2] == [
        "Palveluiden kehittäminen",
        "kuuntelemalla ja",
    ]
    plan = normalise(document([title_page(1), legend_page(2), page]))
    _check_seed_ii(plan)


def _free_seed_ii(heading: list[Line], top: float) -> list[Line]:
    """The same rows as a PDF table drawn without lines or fills (columns at x 37, 187, 277,
    637)."""
    y = top
    out = [
        *heading,
        line("välitavoite", 37, y),
        line("Toimenpiteide", 187, y, bold=True),
        line("Lisättyjä painopisteitä vuodelle -23/-24", 277, y, bold=True),
        line("Yhteisen työn nostot", 637, y, bold=True),
        line("n eteneminen", 187, y + PITCH, bold=True),
        line("Missä on", 37, y + 15, bold=True),
        line("onnistuttava?", 37, y + 15 + PITCH, bold=True),
    ]
    y += 45
    out += [
        line("4", 37, y, bold=True),
        line("Uusia kuulemis- ja", 37, y + 15, bold=True),
        line("palautekäytäntöjä", 37, y + 15 + PITCH, bold=True),
        line("Kotka: Dialogisuuden vahvistaminen", 277, y),
        line(PALAUTE, 637, y),
    ]
    y += 60
    out += [line("5", 37, y, bold=True), line("Lähiyhteisöt mukana", 37, y + 15, bold=True)]
    y += 40
    out += [
        line("6 Palveluiden kehittäminen", 37, y, bold=True),
        line("kuuntelemalla ja", 37, y + PITCH, bold=True),
        line("perehtymällä asiakkaiden", 37, y + 2 * PITCH, bold=True),
        line("kokemuksiin", 37, y + 3 * PITCH, bold=True),
        line(PALAUTE, 637, y),
        line("Ilmiöpohjainen tarkastelu käytössä", 637, y + 15),
    ]
    return out


@pytest.mark.parametrize("on_heading_line", [False, True])
def test_seed_ii_quirks_in_a_table_without_lines(on_heading_line: bool) -> None:
    title = "Lasten, nuorten ja perheiden osallisuus ja yhteisöllisyys vahvistuvat"
    if on_heading_line:  # "PÄÄTAVOITE II: Lasten, ..." on one line, the table right below it
        heading, top = [line(f"PÄÄTAVOITE II: {title}", 34, 16, size=16, bold=True)], 50.0
    else:
        heading, top = goal_heading("II", title), 70.0
    page = Page(3, 960, 540, tuple(_free_seed_ii(heading, top) + footer(3)), (), ())
    slide = read_goal_slide(page, None)
    assert slide is not None and slide.grid is not None and slide.grid.found_by == "text"
    assert [ln.text for ln in slide.title_lines] == [title]
    assert [r.number for r in slide.rows] == [4, 5, 6]
    plan = normalise(document([title_page(1), legend_page(2), page]))
    assert plan.goals[0].title == title
    _check_seed_ii(plan)


def test_highlights_heading_with_a_typo_is_read() -> None:
    page = highlights_page(2, ["Lapsivaikutusten arviointi käynnistetty"])
    typo = Page(2, page.width, page.height,
                tuple(line("Kiteytettyjä nostoja ja huomiota", 62, 68, size=28, bold=True)
                      if ln.text.startswith("Kiteytettyjä") else ln for ln in page.lines))
    assert slide_role(typo) == "highlights"
    pages = _deck()
    plan = normalise(document([pages[0], typo, *pages[2:]]))
    assert [h.text for h in plan.highlights] == ["Lapsivaikutusten arviointi käynnistetty"]


def test_empty_column_on_a_continuation_without_lines_or_header() -> None:
    """A table drawn without lines, its header not repeated: on page 4 the focus column is empty
    throughout, so the text shows only three columns. Page 4 still maps them by where their content
    lies (not by the boundaries, which hand the empty column's space to the progress column), and
    page 5 takes its columns from page 3, whose map had them all, not from page 4's."""
    heading = goal_heading("I", "Arjen hyvinvointi")
    def glyph(y: float, colour: str) -> Icon:
        return icon(187, y, colour, kind="glyph", d=8.5, glyph="●")

    p3 = Page(
        3,
        960,
        540,
        tuple(heading + _free_table_lines(95) + footer(3)),
        (),
        (glyph(135, COLOURS["in_use"]),),
    )
    p4 = Page(4, 960, 540, (
        *heading,
        line("3", 37, 95, bold=True), line("Lapsen oikeudet", 37, 110, bold=True),
        line("- Eroauttamisen polku on valmistunut", 637, 95),
        line("4", 37, 175, bold=True), line("Terveyden edistäminen", 37, 190, bold=True),
        line("- Koulutuksia ammattilaisille", 637, 175),
        *footer(4),
    ), (), (glyph(95, COLOURS["started"]),))
    p5 = Page(5, 960, 540, (
        *heading,
        line("5", 37, 95, bold=True), line("Tuen saatavuus", 37, 110, bold=True),
        line("HVA: digitaalinen perhevalmennus", 277, 95),
        line("- Yhdessä tiimit toiminnassa", 637, 95),
        *footer(5),
    ), (), (glyph(95, COLOURS["in_progress"]),))
    plan = normalise(document([title_page(1), legend_page(2), p3, p4, p5]))
    got = {
        sg.number: (
            sg.statuses,
            [s.text for s in sg.focus_areas],
            [s.text for s in sg.joint_highlights],
        )
        for sg in plan.goals[0].sub_goals
    }
    assert got[3] == (["started"], [], ["Eroauttamisen polku on valmistunut"])
    assert got[4] == ([], [], ["Koulutuksia ammattilaisille"])
    assert got[5] == (
        ["in_progress"],
        ["digitaalinen perhevalmennus"],
        ["Yhdessä tiimit toiminnassa"],
    )
    assert [w.code for w in plan.warnings] == []
