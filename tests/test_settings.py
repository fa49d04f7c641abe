"""`lnhs_parse.settings`: every settings class written one way, checked by its fields' metadata,
resolved from an instance, a mapping or None; and `load`, `diff`, `timeline`, `report` taking
`options=`."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any, get_args

import pytest

import lnhs_parse
from lnhs_parse.errors import ConfigError, LimitExceededError
from lnhs_parse.settings import (
    PDF_ENGINES,
    SETTINGS_CLASSES,
    DiffSettings,
    Engine,
    LegendSettings,
    Limits,
    ParseOptions,
    Settings,
    SlideSettings,
    describe,
    problem,
)
from support import FIXTURES, expected_as_plan

DECK = FIXTURES / "kymenlaakso-2023.pdf"  # more than one page
ONE_PAGE = {"limits": {"max_pages": 1}}


def _bounded() -> list[tuple[type[Settings], str, dict[str, Any]]]:
    """Every number field with its bounds."""
    out = []
    for cls in SETTINGS_CLASSES:
        for f in fields(cls):
            bounds = {k: f.metadata[k] for k in ("minimum", "above", "maximum")
                      if f.metadata[k] is not None}
            if bounds:
                out.append((cls, f.name, bounds))
    return out


BOUNDED = _bounded()


def test_every_number_setting_has_bounds() -> None:
    assert len(BOUNDED) == sum(
        1 for cls in SETTINGS_CLASSES for i in describe(cls)
        if {int, float} & {i.hint, *get_args(i.hint)}
    ) > 20


@pytest.mark.parametrize(("cls", "name", "bounds"), BOUNDED,
                         ids=[f"{c.__name__}.{n}" for c, n, _ in BOUNDED])
def test_bounds_are_checked_as_the_field_says(
    cls: type[Settings], name: str, bounds: dict[str, float]
) -> None:
    """A bound itself is taken (`minimum`, `maximum`) or refused (`above`); a value beyond it is
    refused with one line naming the class, the field and what it takes."""
    (info,) = [i for i in describe(cls) if i.name == name]
    integer = int in (info.hint, *get_args(info.hint))
    if "minimum" in bounds:
        assert getattr(cls(**{name: bounds["minimum"]}), name) == bounds["minimum"]
        _refused(cls, name, bounds["minimum"] - 1, info.allowed)
    if "above" in bounds:
        _refused(cls, name, bounds["above"], info.allowed)
        inside = bounds["above"] + (1 if integer else 0.5)
        assert getattr(cls(**{name: min(inside, bounds.get("maximum", inside))}), name)
    if "maximum" in bounds:
        assert getattr(cls(**{name: bounds["maximum"]}), name) == bounds["maximum"]
        _refused(cls, name, bounds["maximum"] + 1, info.allowed)
    for wrong in ("1", True, [1]):
        _refused(cls, name, wrong, info.allowed)
    if integer:
        _refused(cls, name, 2.5, info.allowed)


def _refused(cls: type[Settings], name: str, value: object, allowed: str) -> None:
    with pytest.raises(ConfigError) as info:
        cls(**{name: value})
    assert info.value.message == f"{cls.__name__}.{name} must be {allowed}, got {value!r}"
    assert problem(cls, name, value) == f"must be {allowed}, got {value!r}"


def test_the_values_a_field_takes_in_words() -> None:
    said = {(i.owner.__name__, i.name): i.allowed for c in SETTINGS_CLASSES for i in describe(c)}
    assert said[("Limits", "max_pages")] == "an integer > 0"
    assert said[("SlideSettings", "min_header_roles")] == "an integer >= 1"
    assert said[("SlideSettings", "icon_overlap")] == "a number > 0 and <= 1"
    assert said[("LegendSettings", "max_colour_distance")] == "a number > 0 and <= 442, or None"
    assert said[("ParseOptions", "timeout")] == "a number >= 0"
    assert said[("ParseOptions", "engine")] == "one of pdfium, pdfplumber"
    assert said[("ParseOptions", "isolate")] == "True or False"
    assert said[("ParseOptions", "actors")] == "a path (str or Path), or None"
    assert said[("ParseOptions", "profile")] == "a str or Path, or a list of them"
    assert said[("ParseOptions", "limits")] == "a Limits, a mapping of its settings, or None"
    assert all(said[("DiffSettings", f.name)] == "a number in 0..1" for f in fields(DiffSettings))


def test_the_engine_is_a_literal() -> None:
    assert PDF_ENGINES == get_args(Engine) == ("pdfium", "pdfplumber")
    assert ParseOptions(engine="pdfplumber").engine == "pdfplumber"
    with pytest.raises(ConfigError) as info:
        ParseOptions(engine="mupdf")  # type: ignore[arg-type]  # the wrong engine on purpose
    assert info.value.message == (
        "ParseOptions.engine must be one of pdfium, pdfplumber, got 'mupdf'")


@pytest.mark.parametrize("cls", SETTINGS_CLASSES, ids=lambda c: c.__name__)
def test_resolve_takes_an_instance_a_mapping_or_none(cls: type[Settings]) -> None:
    default = cls()
    assert cls.resolve(None) == default
    assert cls.resolve(default) is default
    assert cls.resolve({}) == default
    first = describe(cls)[0]
    assert cls.resolve({first.name: first.default}) == default
    assert cls.resolve(dict(vars(default))) == default  # every field by name


@pytest.mark.parametrize("cls", SETTINGS_CLASSES, ids=lambda c: c.__name__)
def test_resolve_refuses_unknown_names_and_other_things(cls: type[Settings]) -> None:
    first = describe(cls)[0].name
    with pytest.raises(ConfigError) as info:
        cls.resolve({first + "x": 1, "no_such_setting": 2})
    assert info.value.message.startswith(
        f"{cls.__name__} has no setting '{first}x' (did you mean {first}?), 'no_such_setting'")
    for other in ([(first, 1)], "defaults", 3):
        with pytest.raises(ConfigError, match=f"{cls.__name__} settings must be a {cls.__name__}"):
            cls.resolve(other)  # type: ignore[arg-type]  # the wrong type on purpose
    wrong = next(c for c in SETTINGS_CLASSES if c is not cls)()
    with pytest.raises(ConfigError, match=f"got a {type(wrong).__name__}"):
        cls.resolve(wrong)  # another class on purpose


def test_nested_settings_are_resolved_the_same_way() -> None:
    options = ParseOptions.resolve({
        "limits": {"max_pages": 5},
        "slides": SlideSettings(column_gap=5.0),
        "legend": None,
    })
    assert options.limits == Limits(max_pages=5)
    assert options.slides == SlideSettings(column_gap=5.0)
    assert options.legend == LegendSettings()
    with pytest.raises(ConfigError, match="Limits has no setting 'max_page' "):
        ParseOptions.resolve({"limits": {"max_page": 5}})
    with pytest.raises(ConfigError, match=r"^Limits.max_pages must be an integer > 0, got 0$"):
        ParseOptions.resolve({"limits": {"max_pages": 0}})


def test_paths_are_kept_as_paths() -> None:
    options = ParseOptions(actors="a.toml", debug_dir=Path("out"))  # type: ignore[arg-type]  # made a Path
    assert options.actors == Path("a.toml") and isinstance(options.actors, Path)
    assert options.debug_dir == Path("out")
    assert ParseOptions(actors=None).actors is None
    with pytest.raises(ConfigError, match=r"ParseOptions.actors must be a path \(str or Path\)"):
        ParseOptions(actors=3)  # type: ignore[arg-type]  # the wrong type on purpose


def test_the_settings_are_frozen_and_hashable() -> None:
    options = ParseOptions.resolve({"profile": ["a.toml"], "limits": {"max_pages": 5}})
    with pytest.raises(AttributeError):
        options.engine = "pdfplumber"  # type: ignore[misc]  # frozen on purpose
    assert hash(options) == hash(ParseOptions.resolve({"profile": ("a.toml",),
                                                       "limits": Limits(max_pages=5)}))


def test_diff_settings_live_with_the_others() -> None:
    from lnhs_parse import compare, settings
    from lnhs_parse.compare.settings import DEFAULT_SETTINGS

    assert lnhs_parse.DiffSettings is settings.DiffSettings is compare.DiffSettings
    assert compare.DEFAULT_SETTINGS is DEFAULT_SETTINGS == DiffSettings()
    assert "DiffSettings" in lnhs_parse.__all__


# --- options= of load, diff, timeline, report ---------------------------------------------------


def test_load_diff_timeline_and_report_parse_with_the_options() -> None:
    """Each hands its `options` to the parse of its decks: a limit of one page refuses the
    fixture deck, given as a mapping or as a `ParseOptions`."""
    for options in (ONE_PAGE, ParseOptions.resolve(ONE_PAGE)):
        with pytest.raises(LimitExceededError, match="over the limit of 1"):
            lnhs_parse.load(DECK, options=options)
        with pytest.raises(LimitExceededError, match="over the limit of 1"):
            lnhs_parse.diff(DECK, DECK, options=options)
        with pytest.raises(LimitExceededError, match="over the limit of 1"):
            lnhs_parse.timeline([DECK], options=options)
        with pytest.raises(LimitExceededError, match="over the limit of 1"):
            lnhs_parse.report([DECK], options=options)


def test_bad_options_fail_before_any_file_is_looked_at() -> None:
    for call in (lambda o: lnhs_parse.load("no-such.pdf", options=o),
                 lambda o: lnhs_parse.diff("no-such.pdf", "no-such.pdf", options=o),
                 lambda o: lnhs_parse.report(["no-such.pdf"], options=o),
                 lambda o: lnhs_parse.parse("no-such.pdf", options=o)):
        with pytest.raises(ConfigError, match="ParseOptions has no setting 'engin'"):
            call({"engin": "pdfplumber"})
    with pytest.raises(ConfigError, match="ParseOptions has no setting 'engin'"):
        lnhs_parse.load(expected_as_plan("kymenlaakso-2023"), options={"engin": "pdfplumber"})
    with pytest.raises(ConfigError, match="DiffSettings has no setting 'moved'"):
        lnhs_parse.diff("no-such.pdf", "no-such.pdf", settings={"moved": 0.5})


def test_diff_and_report_take_the_settings_as_a_mapping() -> None:
    old, new = expected_as_plan("kymenlaakso-2023"), expected_as_plan("kymenlaakso-2024")
    strict = {"modified_threshold": 0.99, "reworded_stem_threshold": 1.0}
    by_mapping = lnhs_parse.diff(old, new, settings=strict)
    assert by_mapping == lnhs_parse.diff(old, new, settings=DiffSettings(**strict))
    assert by_mapping != lnhs_parse.diff(old, new)
    assert lnhs_parse.report([old, new], settings=strict) == lnhs_parse.report(
        [old, new], settings=DiffSettings(**strict))
