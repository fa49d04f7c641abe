"""Slide and legend settings: validated when made, and reaching the reading through `parse`."""

from __future__ import annotations

from typing import Any

import pytest

import lnhs_parse
from lnhs_parse.errors import ConfigError
from lnhs_parse.settings import LegendSettings, ParseOptions, SlideSettings
from support import FIXTURES, expected

DECK = "kymenlaakso-2023"


def _statuses(plan: lnhs_parse.Plan) -> list[list[list[str]]]:
    return [[list(sg.statuses) for sg in g.sub_goals] for g in plan.goals]


def _expected_statuses() -> list[list[list[str]]]:
    return [[list(sg["statuses"]) for sg in g["sub_goals"]] for g in expected(DECK)["goals"]]


def test_settings_are_exported_from_the_package() -> None:
    assert lnhs_parse.SlideSettings is SlideSettings
    assert lnhs_parse.LegendSettings is LegendSettings
    options = ParseOptions()
    assert options.slides == SlideSettings() and options.legend == LegendSettings()


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
def test_slide_settings_reach_the_icons(fmt: str) -> None:
    """Icons larger than `max_icon_size` are no status icons: with a limit below the fixture's
    icons, neither the table rows nor the legend have any."""
    path = FIXTURES / f"{DECK}.{fmt}"
    default = lnhs_parse.parse(path)
    assert _statuses(default) == _expected_statuses()
    assert any(any(row) for goal in _expected_statuses() for row in goal)

    tiny = lnhs_parse.parse(path, options=ParseOptions(slides=SlideSettings(max_icon_size=1.0)))
    assert all(not sg.statuses for g in tiny.goals for sg in g.sub_goals)
    assert tiny.status_legend == [] and tiny.status_scale == []
    # nothing was read by colour, so there is nothing to warn about the missing legend
    assert "no-legend" not in [w.code for w in tiny.warnings]


def test_slide_settings_reach_the_slide_roles() -> None:
    """With the whole page as footer zone and every size a footer size, no slide has content
    outside its tables: no title, no goal headings. The goal tables are still read by their header
    rows, as tables of slides without headings, their goals untitled."""
    options = ParseOptions(slides=SlideSettings(footer_zone=0.0, footer_max_size=1000.0))
    plan = lnhs_parse.parse(FIXTURES / f"{DECK}.pptx", options=options)
    assert plan.title == "" and "no-title" in [w.code for w in plan.warnings]
    assert plan.goals and all(g.title == "" for g in plan.goals)
    default = lnhs_parse.parse(FIXTURES / f"{DECK}.pptx")
    assert all(g.title for g in default.goals)


def test_legend_settings_reach_the_legend() -> None:
    """A legend must pair `min_entries` icons with labels: asking for more than the deck's three
    leaves it without a legend, and its red / yellow / green icons are read by hue instead."""
    path = FIXTURES / f"{DECK}.pptx"
    want_legend = [e["status"] for e in expected(DECK)["status_legend"]]
    assert len(want_legend) == 3
    assert [e.status for e in lnhs_parse.parse(path).status_legend] == want_legend

    options = ParseOptions(legend=LegendSettings(min_entries=len(want_legend) + 1))
    plan = lnhs_parse.parse(path, options=options)
    assert plan.status_legend == []
    assert "no-legend" in [w.code for w in plan.warnings]
    assert _statuses(plan) == _expected_statuses()


@pytest.mark.parametrize(
    ("cls", "kwargs"),
    [
        (SlideSettings, {"footer_zone": 1.5}),
        (SlideSettings, {"footer_zone": -0.1}),
        (SlideSettings, {"min_header_roles": 0}),
        (SlideSettings, {"min_header_roles": 2.5}),
        (SlideSettings, {"column_gap": 0}),
        (SlideSettings, {"grid_pad": -1}),
        (SlideSettings, {"icon_overlap": 0}),
        (SlideSettings, {"max_icon_size": "48"}),
        (SlideSettings, {"cell_tolerance": True}),
        (LegendSettings, {"max_colour_distance": 0}),
        (LegendSettings, {"max_colour_distance": 500}),
        (LegendSettings, {"max_text_distance": -5}),
        (LegendSettings, {"min_entries": 0}),
        (LegendSettings, {"block_gap_factor": 0}),
    ],
)
def test_bad_values_are_refused(cls: type, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigError, match=next(iter(kwargs))):
        cls(**kwargs)


def test_good_edge_values_are_taken() -> None:
    assert SlideSettings(grid_pad=0, footer_zone=1.0, min_header_roles=4).grid_pad == 0
    assert LegendSettings(max_colour_distance=None).max_colour_distance is None
    assert LegendSettings(max_colour_distance=30).max_colour_distance == 30


def test_parse_options_refuse_other_types_of_settings() -> None:
    with pytest.raises(ConfigError, match="slides"):
        ParseOptions(slides=LegendSettings())  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(ConfigError, match="legend"):
        ParseOptions(legend=SlideSettings())  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(ConfigError, match="legend"):
        ParseOptions(legend=[("min_entries", 3)])  # type: ignore[arg-type]  # the wrong type on purpose


def test_parse_options_take_the_settings_as_mappings() -> None:
    """A mapping of a nested settings' fields is resolved as `LegendSettings.resolve` does: its
    values checked, an unknown name refused."""
    options = ParseOptions.resolve({"legend": {"min_entries": 3}, "slides": {"grid_pad": 0}})
    assert options.legend == LegendSettings(min_entries=3)
    assert options.slides == SlideSettings(grid_pad=0)
    with pytest.raises(ConfigError, match=r"min_entrie'.*did you mean min_entries"):
        ParseOptions.resolve({"legend": {"min_entrie": 3}})
    with pytest.raises(ConfigError, match=r"LegendSettings\.min_entries"):
        ParseOptions.resolve({"legend": {"min_entries": 0}})
