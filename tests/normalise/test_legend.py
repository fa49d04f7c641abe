"""The status legend: pairing icons with their labels, matching table icons, the default mapping."""

from __future__ import annotations

import pytest

from layout_builders import COLOURS, document, goal_page, icon, legend_page, line, title_page
from lnhs_parse.layout import Page
from lnhs_parse.model import Status
from lnhs_parse.normalise import normalise
from lnhs_parse.normalise.content import status_icons
from lnhs_parse.normalise.legend import (
    default_legend,
    find_legend,
    read_legend,
    status_from_hue,
    status_from_label,
)
from lnhs_parse.normalise.profile import packaged_profile
from lnhs_parse.normalise.vocab import use_profile


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("Aloitettu", Status.STARTED),
        ("aloitettu", Status.STARTED),
        ("Käynnissä", Status.IN_PROGRESS),
        ("Käynissä", Status.IN_PROGRESS),  # a typo: fuzzy
        ("Käytössä", Status.IN_USE),
        ("KÄYTÖSSÄ", Status.IN_USE),
        ("Valmis", Status.IN_USE),
        ("Toimenpide", None),
        ("", None),
    ],
)
def test_status_words(label: str, status: Status | None) -> None:
    assert status_from_label(label) == status


def test_legend_pairs_icons_with_the_text_beside_them() -> None:
    legend = read_legend(legend_page())
    assert legend is not None
    assert [(e.status, e.label) for e in legend.entries] == [
        ("started", "Aloitettu"),
        ("in_progress", "Käynnissä"),
        ("in_use", "Käytössä"),
    ]
    assert legend.entries[0].description == (
        "toimenpide aloitettu ja alkuvaiheessa, uusi toiminta käynnistetty"
    )
    assert legend.entries[2].description == "toimenpide on valmis ja se on osa toimintaa/ palvelua"


def test_legend_in_another_order_and_colours() -> None:
    """The legend, not a fixed colour table, says what an icon means: here blue is started."""
    page = legend_page(
        texts=[["Käytössä, valmis"], ["Aloitettu, alussa"], ["Käynnissä, menossa"]],
        colours=["#1E88E5", "#8E24AA", "#00897B"],
    )
    legend = read_legend(page)
    assert legend is not None
    assert [e.status for e in legend.entries] == ["in_use", "started", "in_progress"]
    assert legend.status_of(icon(0, 0, "#1F8AE0")) == Status.IN_USE
    assert legend.status_of(icon(0, 0, "#8E24AA")) == Status.STARTED
    assert legend.status_of(icon(0, 0, "#E53935")) is None


def test_legend_entries_carry_their_icon_colours() -> None:
    """Each entry keeps its own icon's colour, upper-cased "#RRGGBB", whatever the colours are."""
    page = legend_page(
        texts=[["Käytössä, valmis"], ["Aloitettu, alussa"], ["Käynnissä, menossa"]],
        colours=["#1e88e5", "#8E24AA", "#00897b"],
    )
    legend = read_legend(page)
    assert legend is not None
    assert [(e.status, e.color) for e in legend.entries] == [
        ("in_use", "#1E88E5"),
        ("started", "#8E24AA"),
        ("in_progress", "#00897B"),
    ]
    goals = goal_page(3, "I", "Arjen hyvinvointi lisääntyy", [[["1", "Arvostaminen"], [], [], []]],
                      icons=[icon(187, 115, "#8E24AA")])
    blue = legend_page(2, colours=["#1E88E5", "#8E24AA", "#00897B"])
    plan = normalise(document([title_page(1), blue, goals]))
    assert [(e.status, e.color) for e in plan.status_legend] == [
        ("started", "#1E88E5"),
        ("in_progress", "#8E24AA"),
        ("in_use", "#00897B"),
    ]
    assert plan.goals[0].sub_goals[0].statuses == ["in_progress"]


def test_legend_entry_of_an_icon_without_colour_has_none() -> None:
    page = legend_page(
        kind="picture",
        colours=["#E53935", None, "#43A047"],  # type: ignore[list-item]  # an icon without colour
        digests=["a1", "b2", "c3"],
    )
    legend = read_legend(page)
    assert legend is not None
    assert [(e.status, e.color) for e in legend.entries] == [
        ("started", "#E53935"),
        ("in_progress", None),
        ("in_use", "#43A047"),
    ]


def test_table_icon_matches_legend_by_colour_distance() -> None:
    legend = read_legend(legend_page())
    assert legend is not None
    assert legend.status_of(icon(0, 0, "#E0403A")) == Status.STARTED
    assert legend.status_of(icon(0, 0, "#F5C030")) == Status.IN_PROGRESS
    assert legend.status_of(icon(0, 0, "#4CAF50")) == Status.IN_USE
    assert legend.status_of(icon(0, 0, "#1E88E5")) is None  # blue: no legend colour near it


def test_unknown_icon_gives_a_warning_and_no_status() -> None:
    legend = read_legend(legend_page())
    assert legend is not None
    statuses, warnings = legend.statuses([icon(0, 0, "#43A047"), icon(20, 0, "#1E88E5")], page=7)
    assert statuses == [Status.IN_USE]
    assert [(w.code, w.page) for w in warnings] == [("unknown-status-icon", 7)]


def test_picture_legend_matches_by_digest() -> None:
    page = legend_page(
        kind="picture", colours=["#E53935", "#FBC02D", "#43A047"], digests=["a1", "b2", "c3"]
    )
    legend = read_legend(page)
    assert legend is not None
    # same picture, colour read slightly differently: the digest decides
    assert (
        legend.status_of(icon(0, 0, "#A0A0A0", kind="picture", digest="b2")) == Status.IN_PROGRESS
    )
    assert legend.status_of(icon(0, 0, "#44A148", kind="picture", digest="zz")) == Status.IN_USE


def test_glyph_legend_matches_glyph_icons() -> None:
    page = legend_page(kind="glyph", glyph="●")
    legend = read_legend(page)
    assert legend is not None and len(legend.entries) == 3
    assert legend.status_of(icon(0, 0, COLOURS["in_progress"], kind="glyph", glyph="●", d=8)) == (
        Status.IN_PROGRESS
    )
    assert (
        legend.status_of(icon(0, 0, COLOURS["in_progress"], kind="glyph", glyph="■", d=8)) is None
    )


def test_shadow_under_an_icon_is_one_icon() -> None:
    """A vector circle's soft shadow may come as a grey picture under it: the coloured one
    counts."""
    page = Page(
        5, 960, 540, (), (),
        (icon(188.5, 116.5, "#7F7F7F", kind="picture", d=16), icon(187, 115, "#43A047")),
    )
    icons = status_icons(page)
    assert [ic.colour for ic in icons] == ["#43A047"]


def test_page_without_status_words_is_no_legend() -> None:
    page = legend_page(texts=[["Kouvola"], ["Kotka"], ["Hamina"]])
    assert read_legend(page) is None
    assert find_legend([title_page(), page]) is None


@pytest.mark.parametrize(
    ("colour", "status", "kymenlaakso"),
    [
        ("#E53935", Status.NOT_STARTED, Status.STARTED),  # red: a traffic light's lowest step
        ("#FB8C00", Status.STARTED, Status.STARTED),  # orange
        ("#FBC02D", Status.IN_PROGRESS, Status.IN_PROGRESS),  # yellow
        ("#FFEB3B", Status.IN_PROGRESS, Status.IN_PROGRESS),
        ("#43A047", Status.IN_USE, Status.IN_USE),  # green
        ("#808080", None, None),  # grey: no hue
        (None, None, None),
    ],
)
def test_default_mapping_by_hue(
    colour: str | None, status: Status | None, kymenlaakso: Status | None
) -> None:
    """Traffic lights by default; Kymenlaakso's profile reads its red icons as Aloitettu."""
    assert status_from_hue(colour) == status
    assert default_legend().status_of(icon(0, 0, colour)) == status
    with use_profile(packaged_profile("kymenlaakso")):
        assert status_from_hue(colour) == kymenlaakso


def test_deck_without_legend_uses_default_colours_and_warns() -> None:
    page = goal_page(
        2,
        "I",
        "Arjen hyvinvointi lisääntyy",
        [[["1", "Arvostaminen"], [], [], []], [["2", "Vanhemmuus"], [], [], []]],
        icons=[icon(187, 115, "#FB8C00"), icon(187, 195, "#FFEB3B"), icon(205, 195, "#2E7D32")],
    )
    plan = normalise(document([title_page(1), page]))
    assert plan.status_legend == []
    assert [sg.statuses for sg in plan.goals[0].sub_goals] == [
        ["started"],
        ["in_progress", "in_use"],
    ]
    assert [w.code for w in plan.warnings] == ["no-legend"]


def test_deck_legend_decides_over_default_colours() -> None:
    legend = legend_page(2, colours=["#1E88E5", "#8E24AA", "#00897B"])
    page = goal_page(
        3,
        "I",
        "Arjen hyvinvointi lisääntyy",
        [[["1", "Arvostaminen"], [], [], []]],
        icons=[icon(187, 115, "#00897B"), icon(205, 115, "#43A047")],
    )
    plan = normalise(document([title_page(1), legend, page]))
    assert plan.goals[0].sub_goals[0].statuses == ["in_use"]
    assert [w.code for w in plan.warnings] == ["unknown-status-icon"]
    assert plan.warnings[0].page == 3


def test_legend_text_block_spans_lines() -> None:
    lines = (
        line("Aloitettu, toimenpide aloitettu ja", 106, 76, size=15, width=220),
        line("alkuvaiheessa", 106, 93.5, size=15, width=100),
        line("Käytössä, valmis", 396, 76, size=15, width=120),
    )
    page = Page(
        4, 960, 540, lines, (), (icon(60, 80, "#E53935", d=30), icon(350, 80, "#43A047", d=30))
    )
    legend = read_legend(page)
    assert legend is not None
    assert legend.entries[0].description == "toimenpide aloitettu ja alkuvaiheessa"
