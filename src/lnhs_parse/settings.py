"""Every setting of the library, written one way.

A settings class is a frozen dataclass whose fields are made by `setting(default, description,
...)`: the field's one description, and the bounds of a number. The field's annotation is its type,
and its check: an `int` field takes integers, a `Literal` field one of its values, a `Path` field a
str or a `Path` (stored as a `Path`), a settings class the same as its `resolve`. One
`__post_init__` (the base class's) checks every field, so a typo or a nonsense value fails before
any file is opened, with one line of `ConfigError` naming the class, the field and what it takes.

`resolve` takes an instance, a mapping of field names to values (an unknown name is a
`ConfigError` naming it) or None (the defaults), as pdfplumber's `TableSettings.resolve` does:
`parse(path, options={"engine": "pdfplumber", "limits": {"max_pages": 100}})`.

- `ParseOptions`: everything a parse can be told. `parse(path, options=...)` or its keyword
  arguments; `load`, `diff`, `timeline`, `report` (`options=`); the commands' options.
- `Limits`: resource limits. `ParseOptions.limits`, `parse(path, limits=...)`; `--max-pages` and
  the others.
- `SlideSettings`, `LegendSettings`: how slides and the status legend are read.
  `ParseOptions.slides` and `.legend`, library only.
- `DiffSettings`: the diff's thresholds and weights. `diff(old, new, settings=...)`,
  `report(..., settings=...)`, `lnhs_parse.compare.diff_plans`; options of `diff` and `report`.

The command line's options for settings (their help, type, choices and default) are made from the
fields (`describe`, `lnhs_parse.cli`), and so are docs/settings.md and the option tables of
docs/cli.md (scripts/gen_docs.py; tests/test_settings_docs.py fails while they are stale).

To add a setting: a field `name: type = setting(default, "What it does.", minimum=...)` in its
class; a `ParseOptions` field also goes into the command's lists of options (`cli.DECK_SETTINGS`
and the others: every other class's fields are options of their commands as they are), or gets
`cli=False`; then `python scripts/gen_docs.py`.

The module imports nothing heavy (no pydantic): the command's start and a plain parse import it.
"""

from __future__ import annotations

import os
import types
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Literal,
    NamedTuple,
    Self,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from lnhs_parse.errors import ConfigError

MB = 1024 * 1024


# --- the one way ---------------------------------------------------------------------------------


def setting(
    default: Any,
    description: str,
    *,
    minimum: float | None = None,
    above: float | None = None,
    maximum: float | None = None,
    metavar: str | None = None,
    cli: bool | None = None,
) -> Any:
    """A settings field: its default, its one description, and for a number its bounds
    (`minimum` <= value, `above` < value, value <= `maximum`).

    A settings class as the default makes a fresh one per instance (its defaults). `metavar` names
    the value in the command's help (default: N for an integer, X for a number, FILE for a path);
    `cli` says whether the field is a command-line option (default: the class's `cli`).
    """
    meta = {"description": description, "minimum": minimum, "above": above, "maximum": maximum,
            "metavar": metavar, "cli": cli}
    if isinstance(default, type):
        return field(default_factory=default, metadata=meta)
    return field(default=default, metadata=meta)


class Settings:
    """The base of every settings class: one check of every field (`__post_init__`), `resolve`.

    A subclass is a frozen dataclass of `setting(...)` fields; `class X(Settings, cli=False)`
    makes none of its fields a command-line option (library-only settings).
    """

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]
    cli: ClassVar[bool] = True

    if TYPE_CHECKING:  # the dataclasses' own __init__s take their fields

        def __init__(self, **kwargs: Any) -> None: ...

    def __init_subclass__(cls, *, cli: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.cli = cli

    def __post_init__(self) -> None:
        owner = type(self)
        hints = _hints(owner)
        for f in fields(self):
            value = getattr(self, f.name)
            try:
                converted = _convert(hints[f.name], value, f.metadata, lenient=True)
            except _Mismatch:
                raise ConfigError(
                    f"{owner.__name__}.{f.name} {_must(hints[f.name], f.metadata, value)}"
                ) from None
            if converted is not value:
                object.__setattr__(self, f.name, converted)

    @classmethod
    def resolve(cls, value: Self | Mapping[str, Any] | None = None) -> Self:
        """`value` as settings of this class: an instance as it is, a mapping of field names to
        values (an unknown name raises `ConfigError` naming it), None as the defaults."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            names = [f.name for f in fields(cls)]
            unknown = [str(k) for k in value if k not in names]
            if unknown:
                raise ConfigError(_unknown(cls.__name__, unknown, names))
            return cls(**value)
        raise ConfigError(
            f"{cls.__name__} settings must be {_allowed(cls, {})}, got {_shown(value)}"
        )


class SettingInfo(NamedTuple):
    """One field of a settings class as the command line and the docs show it (`describe`)."""

    owner: type[Settings]
    name: str
    hint: Any
    """The field's type (the resolved annotation)."""
    default: Any
    description: str
    allowed: str
    """What the field takes, in words: "an integer > 0", "one of pdfium, pdfplumber"."""
    option: str | None
    """The command-line option (`--max-pages`), None for a library-only setting."""
    metavar: str | None


def describe(cls: type[Settings]) -> tuple[SettingInfo, ...]:
    """The fields of a settings class, in order, with what the command line and the docs need."""
    described = _DESCRIBED.get(cls)
    if described is None:
        described = _DESCRIBED[cls] = _describe(cls)
    return described


def _describe(cls: type[Settings]) -> tuple[SettingInfo, ...]:
    hints = _hints(cls)
    out = []
    for f in fields(cls):
        meta = f.metadata
        hint = hints[f.name]
        # a field has a default or a factory
        default = f.default if f.default_factory is MISSING else f.default_factory()
        cli = cls.cli if meta["cli"] is None else meta["cli"]
        metavar = meta["metavar"] or _METAVARS.get(_bare(hint))
        out.append(SettingInfo(
            owner=cls, name=f.name, hint=hint, default=default, description=meta["description"],
            allowed=_allowed(hint, meta), option="--" + f.name.replace("_", "-") if cli else None,
            metavar=metavar,
        ))
    return tuple(out)


def problem(cls: type[Settings], name: str, value: object) -> str | None:
    """What is wrong with `value` for the field `name` of `cls` ("must be an integer > 0, got 0"),
    None when it is fine: the command line's check of an option's value."""
    (f,) = [f for f in fields(cls) if f.name == name]
    hint = _hints(cls)[name]
    try:
        _convert(hint, value, f.metadata, lenient=True)
    except _Mismatch:
        return _must(hint, f.metadata, value)
    return None


def type_name(hint: Any) -> str:
    """A field's type as the docs show it: `float`, `Path | None`, `"pdfium" | "pdfplumber"`."""
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return " | ".join(type_name(a) for a in get_args(hint))
    if origin is Literal:
        return " | ".join(f'"{c}"' for c in get_args(hint))
    if origin is tuple:
        return f"tuple[{type_name(get_args(hint)[0])}, ...]"
    if hint is type(None):
        return "None"
    return str(hint.__name__)


class _Mismatch(Exception):
    """A value that isn't of a field's type or within its bounds."""


_HINTS: dict[type, dict[str, Any]] = {}
_DESCRIBED: dict[type, tuple[SettingInfo, ...]] = {}
_METAVARS = {int: "N", float: "X", Path: "FILE", str: "TEXT"}


def _hints(cls: type) -> dict[str, Any]:
    """The class's resolved annotations (looked up once per class)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = get_type_hints(cls)
    return hints


def _bare(hint: Any) -> Any:
    """`X` of `X | None`; the type itself otherwise."""
    args = get_args(hint)
    if get_origin(hint) in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return next(a for a in args if a is not type(None))
    return hint


def _convert(hint: Any, value: object, meta: Mapping[str, Any], *, lenient: bool) -> Any:
    """`value` as a value of type `hint` within the bounds of `meta`; raises `_Mismatch`.

    Strictly, a value is taken only as it is; leniently, a str or path-like is made a `Path` and a
    settings class's field takes what its `resolve` takes. A union tries its types strictly first,
    so a str stays a str where `str` is one of them (`Path | str`).
    """
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        for mode in (False, True) if lenient else (False,):
            for arm in get_args(hint):
                try:
                    return _convert(arm, value, meta, lenient=mode)
                except _Mismatch:
                    pass
    elif origin is Literal:
        if any(type(value) is type(c) and value == c for c in get_args(hint)):
            return value
    elif origin is tuple:
        item = get_args(hint)[0]
        items = value if isinstance(value, list | tuple) else (value,)
        return tuple(_convert(item, v, meta, lenient=lenient) for v in items)
    elif hint is type(None):
        if value is None:
            return None
    elif hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is int or hint is float:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and (hint is float or isinstance(value, int)) and _in_bounds(value, meta):
            return value
    elif hint is str:
        if isinstance(value, str):
            return value
    elif hint is Path:
        if isinstance(value, Path):
            return value
        if lenient and isinstance(value, str | os.PathLike):
            return Path(value)
    elif isinstance(hint, type) and issubclass(hint, Settings):
        if isinstance(value, hint):
            return value
        if lenient and (value is None or isinstance(value, Mapping)):
            return hint.resolve(value)  # its own ConfigError for what the mapping holds
    raise _Mismatch


def _in_bounds(value: Any, meta: Mapping[str, Any]) -> bool:
    low, above, high = meta.get("minimum"), meta.get("above"), meta.get("maximum")
    return bool(
        (low is None or value >= low)
        and (above is None or value > above)
        and (high is None or value <= high)
    )


def _allowed(hint: Any, meta: Mapping[str, Any]) -> str:
    """What a field of type `hint` takes, in words."""
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        args = get_args(hint)
        if set(args) == {Path, str}:
            return "a str or Path"
        text = " or ".join(_allowed(a, meta) for a in args if a is not type(None))
        return f"{text}, or None" if type(None) in args else text
    if origin is Literal:
        return "one of " + ", ".join(str(c) for c in get_args(hint))
    if origin is tuple:
        return f"{_allowed(get_args(hint)[0], meta)}, or a list of them"
    if hint is bool:
        return "True or False"
    if hint is int or hint is float:
        return ("an integer" if hint is int else "a number") + _bounds(meta)
    if hint is str:
        return "a string"
    if hint is Path:
        return "a path (str or Path)"
    if isinstance(hint, type) and issubclass(hint, Settings):
        return f"a {hint.__name__}, a mapping of its settings, or None"
    return str(hint)


def _bounds(meta: Mapping[str, Any]) -> str:
    low, above, high = meta.get("minimum"), meta.get("above"), meta.get("maximum")
    if low is not None and high is not None:
        return f" in {low:g}..{high:g}"
    parts = [f">= {low:g}"] if low is not None else []
    parts += [f"> {above:g}"] if above is not None else []
    parts += [f"<= {high:g}"] if high is not None else []
    return " " + " and ".join(parts) if parts else ""


def _must(hint: Any, meta: Mapping[str, Any], value: object) -> str:
    return f"must be {_allowed(hint, meta)}, got {_shown(value)}"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"a {type(value).__name__}"


def _unknown(owner: str, unknown: list[str], names: list[str]) -> str:
    import difflib

    said = []
    for name in unknown:
        close = difflib.get_close_matches(name, names, n=1)
        said.append(f"{name!r}" + (f" (did you mean {close[0]}?)" if close else ""))
    return f"{owner} has no setting {', '.join(said)} (docs/settings.md lists them)"


# --- the settings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits(Settings):
    """Resource limits: a file over any of them is refused with `LimitExceededError` (exit 3).

    `ParseOptions(limits=Limits(max_pages=100))`, `parse(path, limits={"max_pages": 100})`; on the
    command line each is an option of its own (`--max-pages 100`).
    """

    max_file_mb: float = setting(
        200.0, "Largest file accepted, in MB on disk.", above=0, metavar="MB")
    max_pages: int = setting(2000, "Most PDF pages or PPTX slides accepted.", above=0)
    max_inflated_mb: float = setting(
        1024.0, "PPTX: largest total size of the zip's parts when unpacked, in MB.", above=0,
        metavar="MB")
    max_part_mb: float = setting(
        256.0, "PPTX: largest size of any one part when unpacked, in MB.", above=0, metavar="MB")
    max_page_objects: int = setting(
        250_000, "PDF: most characters, drawings and images on one page; PPTX: most shapes on "
        "one slide.", above=0)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_inflated_bytes(self) -> int:
        return int(self.max_inflated_mb * MB)

    @property
    def max_part_bytes(self) -> int:
        return int(self.max_part_mb * MB)


@dataclass(frozen=True)
class SlideSettings(Settings, cli=False):
    """How slides are read: footers, goal titles, header rows, tables without lines, status icons.

    Lengths are in points (1/72 inch) of the slide as extracted; "x line height" factors are
    relative to the height of the line above. Library only:
    `ParseOptions(slides=SlideSettings(column_gap=5.0))`, or
    `options={"slides": {"column_gap": 5.0}}`.
    """

    footer_zone: float = setting(
        0.92, "A line whose top lies below this fraction of the page height (0..1), in a font no "
        "larger than `footer_max_size`, is a footer (slide number, organisation name).",
        minimum=0, maximum=1)
    footer_max_size: float = setting(
        10.5, "Largest font size (pt) of a footer line (see `footer_zone`).", minimum=0)
    title_size_tolerance: float = setting(
        1.0, "The lines of a goal title share its font size within this (pt).", minimum=0)
    title_gap_factor: float = setting(
        0.8, "The lines of a goal title follow each other closer than this x line height.",
        minimum=0)
    min_header_roles: int = setting(
        3, "A goal table's first row whose cells name no row subject (goal, sub-goal, action) "
        "is its header row when they name at least this many column roles (data/headers.toml, "
        "the profile's `[columns]`); with a row subject, two roles are enough.", minimum=1)
    column_gap: float = setting(
        7.0, "A table drawn without lines: white gap (pt) that separates two text columns.",
        above=0)
    grid_pad: float = setting(
        2.0, "A table drawn without lines: margin (pt) added around the text of the rebuilt "
        "cells.", minimum=0)
    max_icon_size: float = setting(
        40.0, "Larger graphics (pt, width or height) are no status icons (bands, pictures of "
        "content): the extractors take none as a candidate, and the normaliser none as a status "
        "icon.", above=0)
    icon_overlap: float = setting(
        0.3, "Icons overlapping this much of the smaller one's area are one icon (a shadow): in "
        "the PDF extractor's candidates, and in the normaliser's status icons.", above=0,
        maximum=1)
    cell_tolerance: float = setting(
        1.0, "Slack (pt) when testing whether a point lies in a table cell or row.", minimum=0)


@dataclass(frozen=True)
class LegendSettings(Settings, cli=False):
    """How the status legend is read: which text block labels which icon, and how close a table
    icon's colour must come to a legend icon's. Lengths in points.

    Library only: `ParseOptions(legend=LegendSettings(max_colour_distance=40.0))`, or
    `options={"legend": {"max_colour_distance": 40.0}}`.
    """

    max_colour_distance: float | None = setting(
        None, "Colours closer than this (RGB Euclidean distance, 0..441) are the same legend "
        "colour; None: the packaged default (`max_colour_distance` in data/scales.toml, 60).",
        above=0, maximum=442)
    max_text_distance: float = setting(
        120.0, "Farthest (pt) a legend label's text block may start right of its icon.", above=0)
    max_text_offset: float = setting(
        40.0, "Vertical distance (pt) allowed between an icon's centre and its text block.",
        minimum=0)
    block_x_tolerance: float = setting(
        3.0, "The lines of one text block start at the same x within this (pt).", minimum=0)
    block_gap_factor: float = setting(
        0.9, "The lines of one text block follow each other closer than this x line height.",
        above=0)
    min_entries: int = setting(
        2, "Icons paired with status labels for a slide to be the legend.", minimum=1)


Engine = Literal["pdfium", "pdfplumber"]
"""The PDF engines: pdfium (pypdfium2), and pdfplumber (pdfminer.six), the reference it matches."""
PDF_ENGINES: tuple[Engine, ...] = get_args(Engine)
DEFAULT_ENGINE: Engine = "pdfium"


@dataclass(frozen=True)
class ParseOptions(Settings):
    """Everything a parse can be told.

    `parse(path, options=...)` (or its keyword arguments), and `load`, `diff`, `timeline` and
    `report` (`options=`): a `ParseOptions`, a mapping of its fields or None, as in
    `options={"engine": "pdfplumber", "limits": {"max_pages": 100}}`. On the command line, each
    field but `slides` and `legend` is an option (the limits' fields each one of their own).
    """

    password: str | None = setting(None, "Password of an encrypted PDF.", metavar="PASSWORD")
    actors: Path | None = setting(
        None, "A TOML file of actors extending or overriding the packaged actor registry "
        "(docs/actors.md).")
    limits: Limits = setting(
        Limits, "Resource limits (`Limits`): a file over one is refused with "
        "`LimitExceededError` (exit 3).", cli=False)
    debug_dir: Path | None = setting(
        None, "Write `page-NNN.png` per PDF page into this folder, with the cells, rows, header "
        "and icons the PDF extractor detected drawn on it.", metavar="DIR")
    strict: bool = setting(
        False, "Fail when the parse produced warnings: `StrictModeError` (the plan on its "
        "`.plan`); exit 5 at the command line, the warnings printed and no output written (in a "
        "batch that input fails, the others are written).")
    slides: SlideSettings = setting(
        SlideSettings, "How slides are read (`SlideSettings`).", cli=False)
    legend: LegendSettings = setting(
        LegendSettings, "How the status legend is read (`LegendSettings`).", cli=False)
    profile: tuple[Path | str, ...] = setting(
        (), "Profiles of a county's wording (goal heading, column names, legend words, actors; "
        "docs/profiles.md) extending the packaged vocabulary, in order: a TOML file, the name of "
        "a packaged profile (`kymenlaakso`), or `none` to leave out the packaged profile of the "
        "region the deck names.", metavar="FILE")
    engine: Engine = setting(
        DEFAULT_ENGINE, "The PDF engine: pdfium (pypdfium2, fast) or pdfplumber (pdfminer.six, "
        "the reference); both give the same plan (docs/limits.md, \"PDF engines\").")
    isolate: bool = setting(
        False, "Parse each deck in a worker process: a crash on a hostile file, the timeout or "
        "the memory cap fails that deck (`WorkerCrashedError`, `ParseTimeoutError`, "
        "`MemoryLimitError`; exit 3) instead of taking the calling process down. A batch always "
        "does (docs/limits.md, \"Per worker\").")
    timeout: float = setting(
        300.0, "Seconds a parse in a worker process (`isolate`, a batch) may take: a deck still "
        "parsing after this long is stopped and fails (`ParseTimeoutError`, exit 3); in a batch "
        "the others go on. 0: no limit.", minimum=0, metavar="SECONDS")
    max_memory_mb: float = setting(
        4096.0, "Address space of a worker process (`isolate`, a batch), in MB (`RLIMIT_AS`, "
        "where the platform has it: Linux, macOS); a deck needing more fails "
        "(`MemoryLimitError`, exit 3). 0: no cap.", minimum=0, metavar="MB")


@dataclass(frozen=True)
class DiffSettings(Settings):
    """The thresholds and weights of the diff's alignment, all in 0..1 (docs/diff.md).

    Similarity of two texts is rapidfuzz's `token_sort_ratio` / 100 after lower-casing and
    dropping punctuation (`rapidfuzz.utils.default_process`), so word order and punctuation matter
    little. `diff(old, new, settings=DiffSettings(modified_threshold=0.8))` (or a mapping), and
    `report(..., settings=)`; on the command line each is an option of `diff` and `report`.
    """

    title_threshold: float = setting(
        0.6, "A sub-goal with the same goal and number is the same sub-goal when its titles are "
        "at least this similar (titles get reworded a little from year to year; a new sub-goal "
        "inserted at that number has an unrelated title).", minimum=0, maximum=1)
    renumbered_title_threshold: float = setting(
        0.85, "A sub-goal found under another number of the same goal by its title alone, at "
        "least this similar, is the same sub-goal renumbered.", minimum=0, maximum=1)
    same_number_bonus: float = setting(
        0.15, "Added to the title similarity of a same-number pair when candidates compete, so a "
        "reworded title keeps its number, while an identical title elsewhere beats a merely "
        "similar one here.", minimum=0, maximum=1)
    moved_threshold: float = setting(
        0.9, "Statement texts at least this similar are near-identical: in the same place a typo "
        "fixed (`modified`; the actors may differ), in another sub-goal or column the same "
        "statement `moved`.", minimum=0, maximum=1)
    modified_threshold: float = setting(
        0.7, "A statement reworded in place (same sub-goal and column) with the same actors is "
        "`modified` when the texts are at least this similar (distinct statements of one cell "
        "score up to 0.69 on the fixture decks, rewordings 0.75 and more).",
        minimum=0, maximum=1)
    reworded_stem_threshold: float = setting(
        0.5, "A statement with actors reworded in place, one actor at least in common, is also "
        "`modified` when at least this share of one statement's word stems is found in the other "
        "(Snowball's Finnish stemmer; words under 4 letters and function words don't count; at "
        "most 4 stems counted).",
        minimum=0, maximum=1)
    text_weight: float = setting(
        0.4, "Weight of text similarity in the score of a reworded pair, which one optimal "
        "assignment per sub-goal column maximises.", minimum=0, maximum=1)
    stem_weight: float = setting(
        0.3, "Weight of the stem share in that score.", minimum=0, maximum=1)
    actor_weight: float = setting(
        0.2, "Weight of the actors' agreement in that score (Jaccard: actors in common / all "
        "actors).", minimum=0, maximum=1)
    position_weight: float = setting(
        0.1, "Weight of nearness in the column in that score (1 - distance / column length).",
        minimum=0, maximum=1)
    reworded_min_score: float = setting(
        0.5, "A reworded pair must score more than this. The assignment maximises the sum of "
        "(score - this), so one clearly reworded pair is not broken up into two weak ones, while "
        "two good pairs win over one slightly better one that would leave a statement unpaired.",
        minimum=0, maximum=1)


SETTINGS_CLASSES: tuple[type[Settings], ...] = (
    ParseOptions, Limits, SlideSettings, LegendSettings, DiffSettings)
"""Every settings class, in the order docs/settings.md lists them."""


__all__ = [
    "DEFAULT_ENGINE",
    "MB",
    "PDF_ENGINES",
    "SETTINGS_CLASSES",
    "DiffSettings",
    "Engine",
    "LegendSettings",
    "Limits",
    "ParseOptions",
    "SettingInfo",
    "Settings",
    "SlideSettings",
    "describe",
    "problem",
    "setting",
    "type_name",
]
