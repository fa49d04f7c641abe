"""Profiles: a county's own wording, taught by data (docs/profiles.md).

A profile is one TOML file holding any of these tables (the format of the packaged vocabulary):

    replace = ["actor", ...]        tables that set aside what came before instead of extending it
    [profile]         name, regions a packaged county profile: its name, and the regions whose
                                    decks it applies to by itself
    [[actor]]                       id, name, kind, aliases (data/actors.toml's format)
    [columns.<role>]  synonyms      header words of a goal-table column (data/headers.toml)
    [slides]          goal, title, section, section_period (patterns), goal_words, highlights
    [statuses.<code>] words, hues   more words and colour hues for a step of the scale
    [scale]           steps         the deck's own status scale, declared whole
    [[regions]]       name, forms   a county and the forms its name takes (data/regions.toml)
    [period]          patterns      focus-period patterns
    [continuation]    pattern       the "(jatkuu)" mark of a continued row
    [vocabulary]      phrases       fixed wording of the decks

The file is read into `ProfileFile` (pydantic, unknown tables and keys refused); its JSON Schema is
`schemas/profile.schema.json`, so an editor can check a profile while it is typed. A table given
extends what came before it (the packaged vocabulary, a county profile, earlier profiles): lists
are added to, a pattern is tried after the earlier ones. A table named in `replace` sets aside
what came before it. Several profiles merge in the order given. Any error raises `ConfigError`
naming the file, the table and the key, in one line.

Packaged county profiles live in data/profiles/ (Kymenlaakso's: its actors, column names and
words); the pipeline applies one when the deck names one of its `[profile] regions`, or when it is
asked for by name (`--profile kymenlaakso`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from lnhs_parse.errors import ConfigError
from lnhs_parse.model import ColumnRole

__all__ = [
    "COLUMN_ROLE_NAMES",
    "EMPTY_PROFILE",
    "NO_COUNTY_PROFILE",
    "REPLACEABLE",
    "ActorEntry",
    "ActorsFile",
    "Profile",
    "ProfileFile",
    "ScaleStepSpec",
    "check_actor_entries",
    "load_profile",
    "load_profiles",
    "packaged_profile",
    "packaged_profile_for_region",
    "packaged_profile_names",
    "parse_profile",
]

# The column roles a profile may name (the model's `ColumnRole`s but "other"); `progress` is read
# as `status` (its name before statuses could be words and colours too).
COLUMN_ROLE_NAMES: tuple[str, ...] = tuple(r for r in get_args(ColumnRole) if r != "other")
ROLE_ALIASES = {"progress": "status"}
_SLIDE_PATTERNS = ("goal", "title", "section", "section_period")
# least capture groups each pattern needs (goal: numeral[, title]; period: the two years)
_GROUPS = {"goal": 1, "title": 1, "section": 1, "section_period": 2, "period": 2}
# The tables `replace` may name.
REPLACEABLE = (
    "actor", "columns", "slides", "statuses", "regions", "period", "continuation", "vocabulary",
)  # fmt: skip
_CODE = re.compile(r"^[a-z0-9_]+$")
_ID = re.compile(r"^[a-z0-9_-]+$")


# --------------------------------------------------------------------------------------------------
# The file, as pydantic models


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_nonblank)]


def _pattern_check(groups: int) -> Any:
    def check(value: str | list[str]) -> list[str]:
        found = [value] if isinstance(value, str) else list(value)
        for p in found:
            try:
                compiled = re.compile(p)
            except re.error as exc:
                raise ValueError(f"pattern {p!r} does not compile ({exc})") from exc
            if compiled.groups < groups:
                raise ValueError(f"pattern {p!r} needs {groups} capture group(s) (...)")
        return found

    return check


def _hue_ranges(value: list[tuple[float, float]]) -> list[tuple[float, float]]:
    for lo, hi in value:
        if not (0 <= lo < hi <= 360):
            raise ValueError("must be a list of [low, high] degree ranges (0-360, low < high)")
    return value


HueRanges = Annotated[list[tuple[float, float]], AfterValidator(_hue_ranges)]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProfileMeta(_Table):
    """`[profile]`: what the profile is for."""

    name: Text | None = Field(default=None, description="the profile's name, e.g. 'Kymenlaakso'")
    regions: list[Text] = Field(
        default_factory=list,
        description="regions (as data/regions.toml names them) whose decks a packaged profile "
        "applies to by itself",
    )


class ActorEntry(_Table):
    """One `[[actor]]`: an actor, or changes to a known one (same id)."""

    id: str = Field(description="lower-case ASCII id: letters, digits, '_' or '-'")
    name: Text | None = Field(default=None, description="the actor's full name (new actors)")
    kind: Text | None = Field(
        default=None, description="county, municipality, ngo, programme, parish, ... (new actors)"
    )
    aliases: list[Text] = Field(
        default_factory=list, description="how decks write the actor (case-insensitive)"
    )
    replace_aliases: bool = Field(
        default=False, description="replace a known actor's aliases instead of adding to them"
    )

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(
                f"bad id {value!r} (use lowercase ASCII letters, digits, '_' or '-')"
            )
        return value


class ActorsFile(_Table):
    """An `--actors FILE`: `[[actor]]` entries alone."""

    actor: list[ActorEntry] = Field(default_factory=list, description="the actors")


class ColumnSynonyms(_Table):
    """`[columns.<role>]`: header words of a column role."""

    synonyms: list[Text] = Field(default_factory=list, description="header words, as printed")


class SlidesTable(_Table):
    """`[slides]`: the headings that give slides their roles."""

    goal: Annotated[str | list[str], AfterValidator(_pattern_check(1))] | None = Field(
        default=None,
        description="goal-heading pattern(s): group 1 the goal's number (Roman or Arabic), "
        "group 2 a title on the heading line",
    )
    goal_words: list[Text] = Field(
        default_factory=list,
        description="words that head a goal slide before its number ('Painopiste 2:'), "
        "besides data/headers.toml's",
    )
    title: Annotated[str | list[str], AfterValidator(_pattern_check(1))] | None = Field(
        default=None, description="the title slide's pattern: group 1 the evaluation year"
    )
    section: Annotated[str | list[str], AfterValidator(_pattern_check(1))] | None = Field(
        default=None, description="the legend slide's section title: group 1 the year"
    )
    section_period: Annotated[str | list[str], AfterValidator(_pattern_check(2))] | None = Field(
        default=None, description="the section title naming the focus period: groups 1, 2"
    )
    highlights: list[Text] = Field(
        default_factory=list, description="headings of the highlight slides"
    )


class StatusWords(_Table):
    """`[statuses.<code>]`: more words and colour hues for one step."""

    words: list[Text] = Field(default_factory=list, description="the step's words, as printed")
    hues: HueRanges = Field(
        default_factory=list, description="colour hues of the step, [[low, high]] in degrees"
    )


class ScaleStepSpec(_Table):
    """One step of a declared scale (`[[scale.steps]]`)."""

    code: str = Field(description="the step's code, lower-case ASCII (a, b, _ and digits)")
    label: Text = Field(description="the step's word, as the decks print it")
    words: list[Text] = Field(default_factory=list, description="other wordings of the step")
    order: float | None = Field(
        default=None,
        description="the step's place in the order of progress (bigger: further); omit for a "
        "step outside the order",
    )
    hues: HueRanges = Field(default_factory=list, description="colour hues of the step")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not _CODE.match(value):
            raise ValueError(f"bad code {value!r} (lower-case ASCII letters, digits and '_')")
        return value


class ScaleTable(_Table):
    """`[scale]`: the deck's own status scale, declared whole."""

    steps: list[ScaleStepSpec] = Field(description="the steps, in any order")

    @model_validator(mode="after")
    def _unique(self) -> ScaleTable:
        codes = [s.code for s in self.steps]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(f"step code(s) {twice} appear twice")
        return self


class RegionEntry(_Table):
    """`[[regions]]`: a county and the forms its name takes in titles."""

    name: Text = Field(description="the region's name, as plans report it")
    forms: list[Text] = Field(default_factory=list, description="other forms (the genitive)")


class PeriodTable(_Table):
    """`[period]`: focus-period patterns."""

    patterns: Annotated[str | list[str], AfterValidator(_pattern_check(2))] = Field(
        default_factory=list, description="patterns with two groups: the period's years"
    )


class ContinuationTable(_Table):
    """`[continuation]`: the mark of a row continued from the previous slide."""

    pattern: Annotated[str | list[str], AfterValidator(_pattern_check(0))] = Field(
        default_factory=list, description="pattern(s) matching the mark at the title's end"
    )


class VocabularyTable(_Table):
    """`[vocabulary]`: fixed wording of the decks."""

    phrases: list[Text] = Field(default_factory=list, description="words a cell may break")


class ProfileFile(_Table):
    """A profile file (docs/profiles.md)."""

    replace: list[Literal[REPLACEABLE]] = Field(  # type: ignore[valid-type]  # a tuple's values
        default_factory=list,
        description="tables that set aside the packaged vocabulary (and earlier profiles) "
        "instead of extending it",
    )
    profile: ProfileMeta | None = Field(default=None, description="the profile's name, regions")
    actor: list[ActorEntry] = Field(default_factory=list, description="actors ([[actor]])")
    columns: dict[str, ColumnSynonyms] = Field(
        default_factory=dict, description="header words per column role"
    )
    slides: SlidesTable | None = Field(default=None, description="slide headings")
    statuses: dict[str, StatusWords] = Field(
        default_factory=dict, description="more words and hues per scale step (by code)"
    )
    scale: ScaleTable | None = Field(default=None, description="the deck's own status scale")
    regions: list[RegionEntry] = Field(default_factory=list, description="counties")
    period: PeriodTable | None = Field(default=None, description="focus-period patterns")
    continuation: ContinuationTable | None = Field(
        default=None, description="the continued-row mark"
    )
    vocabulary: VocabularyTable | None = Field(default=None, description="fixed wording")

    @field_validator("columns")
    @classmethod
    def _roles(cls, value: dict[str, ColumnSynonyms]) -> dict[str, ColumnSynonyms]:
        known = (*COLUMN_ROLE_NAMES, *ROLE_ALIASES)
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise ValueError(
                f"unknown column role(s) {[f'columns.{r}' for r in unknown]}; "
                f"known: {list(COLUMN_ROLE_NAMES)}"
            )
        return value

    @field_validator("actor")
    @classmethod
    def _actor_ids(cls, value: list[ActorEntry]) -> list[ActorEntry]:
        ids = [a.id for a in value]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"actor id(s) {twice} appear twice")
        return value

    @model_validator(mode="after")
    def _status_codes(self) -> ProfileFile:
        declared = {s.code for s in self.scale.steps} if self.scale else set()
        known = declared | set(_packaged_step_codes())
        unknown = sorted(set(self.statuses) - known)
        if unknown:
            raise ValueError(
                f"unknown step(s) {[f'statuses.{c}' for c in unknown]}; known: {sorted(known)} "
                "(declare a new step in [scale])"
            )
        return self


@cache
def _packaged_step_codes() -> tuple[str, ...]:
    data = resources.files("lnhs_parse.normalise").joinpath("data", "scales.toml").read_bytes()
    return tuple(s["code"] for s in tomllib.loads(data.decode("utf-8"))["steps"])


# --------------------------------------------------------------------------------------------------
# The merged profile the pipeline reads with


@dataclass(frozen=True)
class Profile:
    """One or more profile files merged: what they add to (or set aside of) the packaged
    vocabulary. Hashable, so the vocabularies built from it are cached per profile."""

    # [[actor]] entries as (the file they come from, the entry's items)
    actors: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # role -> added synonyms
    slide_patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # goal/title/... -> patterns
    goal_words: tuple[str, ...] = ()
    highlights: tuple[str, ...] = ()
    status_words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # step code -> words
    status_hues: tuple[tuple[str, tuple[tuple[float, float], ...]], ...] = ()
    scale: tuple[ScaleStepSpec, ...] = ()  # a declared scale (the last profile's that has one)
    regions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # name -> forms
    period: tuple[str, ...] = ()
    continuation: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    replace: frozenset[str] = frozenset()  # tables that set aside the packaged vocabulary
    sources: tuple[str, ...] = ()
    names: tuple[str, ...] = field(default=())  # the `[profile] name`s merged

    @property
    def is_empty(self) -> bool:
        return self == Profile(sources=self.sources, names=self.names)

    def actor_entries(self) -> list[dict[str, Any]]:
        return [dict(items) for _where, items in self.actors]

    def actor_layers(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """The `[[actor]]` entries grouped by the file they come from, in order: each file a layer
        of the registry (a later layer wins an alias an earlier one claims)."""
        layers: list[tuple[str, list[dict[str, Any]]]] = []
        for where, items in self.actors:
            if not layers or layers[-1][0] != where:
                layers.append((where, []))
            layers[-1][1].append(dict(items))
        return layers

    def slide_pattern(self, name: str) -> tuple[str, ...]:
        return dict(self.slide_patterns).get(name, ())

    def replaces(self, table: str) -> bool:
        """Whether `table` sets aside the packaged vocabulary's."""
        return table in self.replace

    def merged(self, other: Profile) -> Profile:
        """`other` applied after this profile: extending it, or replacing its tables."""

        def join(a: tuple[tuple[str, Any], ...], b: tuple[tuple[str, Any], ...]) -> Any:
            out: dict[str, Any] = dict(a)
            for key, values in b:
                out[key] = tuple(dict.fromkeys((*out.get(key, ()), *values)))
            return tuple(out.items())

        def seq(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
            return tuple(dict.fromkeys(a + b))

        base = self
        for table in other.replace:  # set aside what came before
            cleared: dict[str, Any] = {name: () for name in _FIELDS_OF[table]}
            base = replace(base, **cleared)
        return Profile(
            actors=base.actors + other.actors,
            columns=join(base.columns, other.columns),
            slide_patterns=join(base.slide_patterns, other.slide_patterns),
            goal_words=seq(base.goal_words, other.goal_words),
            highlights=seq(base.highlights, other.highlights),
            status_words=join(base.status_words, other.status_words),
            status_hues=join(base.status_hues, other.status_hues),
            scale=other.scale or base.scale,
            regions=join(base.regions, other.regions),
            period=seq(base.period, other.period),
            continuation=seq(base.continuation, other.continuation),
            phrases=seq(base.phrases, other.phrases),
            replace=self.replace | other.replace,
            sources=self.sources + other.sources,
            names=self.names + other.names,
        )


# The Profile fields each replaceable table fills.
_FIELDS_OF: dict[str, tuple[str, ...]] = {
    "actor": ("actors",),
    "columns": ("columns",),
    "slides": ("slide_patterns", "goal_words", "highlights"),
    "statuses": ("status_words", "status_hues", "scale"),
    "regions": ("regions",),
    "period": ("period",),
    "continuation": ("continuation",),
    "vocabulary": ("phrases",),
}

EMPTY_PROFILE = Profile()
# `--profile none`: no packaged county profile applied by the region the deck names
NO_COUNTY_PROFILE = "none"


def _where(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a TOML path: ("columns", "x", "synonyms") -> columns.x.synonyms,
    ("actor", 2, "id") -> actor #3.id."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f" #{part + 1}"
        else:
            out += ("." if out else "") + part
    return out


def _config_error(exc: ValidationError, where: str, what: str) -> ConfigError:
    """The first problem of a validation error, in one line naming the file, table and key."""
    first = exc.errors()[0]
    # pydantic's own steps ("function-after[...]", "list[str]", "str") are no TOML keys
    internal = ("function-", "list[", "str")
    loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and p.startswith(internal)))
    msg = first["msg"].removeprefix("Value error, ")
    if first["type"] in ("extra_forbidden", "missing"):
        parent = _where(loc[:-1])
        key = loc[-1]
        if first["type"] == "missing":
            msg = f"{parent or what} has no {key!r}"
        elif parent:
            msg = f"unknown key(s) {[key]} in [{parent}]"
        else:
            msg = f"unknown table(s) {[key]}; known: {sorted(ProfileFile.model_fields)}"
        return ConfigError(f"{what}: {msg}", path=where)
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    place = _where(loc)
    return ConfigError(f"{what}: {place + ': ' if place else ''}{msg}{more}", path=where)


def _read_toml(path: Path | str, what: str) -> dict[str, Any]:
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"can't read {what} ({exc.strerror or exc})", path=where) from exc
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{what} is not UTF-8 ({exc})", path=where) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{what} is not valid TOML ({exc})", path=where) from exc


def load_profiles(paths: Iterable[Path | str]) -> Profile:
    """The profiles at `paths` (files, or the names of packaged profiles), merged in order (the
    empty profile for none)."""
    profile = EMPTY_PROFILE
    for path in paths:
        profile = profile.merged(load_profile(path))
    return profile


def load_profile(path: Path | str) -> Profile:
    """One profile: a file, or a packaged profile's name ("kymenlaakso"). ConfigError naming the
    file and the offending table or key."""
    name = str(path)
    if name == NO_COUNTY_PROFILE:
        return EMPTY_PROFILE  # a switch, not a file: no county profile by the deck's region
    if name in packaged_profile_names() and not Path(path).exists():
        return packaged_profile(name)
    return parse_profile(_read_toml(path, "profile"), name)


def parse_profile(data: dict[str, Any], where: str = "<profile>") -> Profile:
    """A profile from its TOML data (already parsed)."""
    try:
        spec = ProfileFile.model_validate(data)
    except ValidationError as exc:
        raise _config_error(exc, where, "profile") from exc
    return _from_file(spec, where)


def _from_file(spec: ProfileFile, where: str) -> Profile:
    slides = spec.slides or SlidesTable()
    patterns = tuple(
        (key, tuple(value) if isinstance(value, list) else (value,))
        for key in _SLIDE_PATTERNS
        if (value := getattr(slides, key)) is not None
    )

    def listed(value: str | list[str] | None) -> tuple[str, ...]:
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(value)

    columns: dict[str, tuple[str, ...]] = {}
    for role, synonyms in spec.columns.items():
        role = ROLE_ALIASES.get(role, role)
        columns[role] = (*columns.get(role, ()), *synonyms.synonyms)
    return Profile(
        actors=tuple(
            (where, tuple((k, tuple(v) if isinstance(v, list) else v)
                          for k, v in entry.model_dump(exclude_unset=True).items()))
            for entry in spec.actor
        ),
        columns=tuple(columns.items()),
        slide_patterns=patterns,
        goal_words=tuple(slides.goal_words),
        highlights=tuple(slides.highlights),
        status_words=tuple((code, tuple(s.words)) for code, s in spec.statuses.items()),
        status_hues=tuple((code, tuple(s.hues)) for code, s in spec.statuses.items() if s.hues),
        scale=tuple(spec.scale.steps) if spec.scale else (),
        regions=tuple((r.name, (r.name, *r.forms)) for r in spec.regions),
        period=listed(spec.period.patterns) if spec.period else (),
        continuation=listed(spec.continuation.pattern) if spec.continuation else (),
        phrases=tuple(spec.vocabulary.phrases) if spec.vocabulary else (),
        replace=frozenset(spec.replace),
        sources=(where,),
        names=(spec.profile.name,) if spec.profile and spec.profile.name else (),
    )


# --------------------------------------------------------------------------------------------------
# Packaged county profiles (data/profiles/<name>.toml)


@cache
def packaged_profile_names() -> tuple[str, ...]:
    """The names of the packaged county profiles ("kymenlaakso")."""
    folder = resources.files("lnhs_parse.normalise").joinpath("data", "profiles")
    return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                        if p.name.endswith(".toml")))


@cache
def packaged_profile(name: str) -> Profile:
    """A packaged county profile, by name."""
    if name not in packaged_profile_names():
        raise ConfigError(
            f"no packaged profile {name!r}; packaged: {', '.join(packaged_profile_names())}"
        )
    data = resources.files("lnhs_parse.normalise").joinpath("data", "profiles", f"{name}.toml")
    return parse_profile(tomllib.loads(data.read_text(encoding="utf-8")), f"packaged:{name}")


@cache
def _profile_regions() -> dict[str, str]:
    """Region name -> the packaged profile that applies to it."""
    out: dict[str, str] = {}
    for name in packaged_profile_names():
        data = resources.files("lnhs_parse.normalise").joinpath("data", "profiles", f"{name}.toml")
        meta = tomllib.loads(data.read_text(encoding="utf-8")).get("profile", {})
        for region in meta.get("regions", []):
            out[region] = name
    return out


def packaged_profile_for_region(region: str | None) -> str | None:
    """The packaged profile that applies to decks of `region`, None when there is none."""
    return _profile_regions().get(region) if region else None


# --------------------------------------------------------------------------------------------------
# Actor entries (`[[actor]]`), the same in a profile and an `--actors` file


def check_actor_entries(entries: list[Any], where: str) -> list[dict[str, Any]]:
    """The `[[actor]]` entries checked (ConfigError naming `where` and the entry otherwise), as
    dicts of the keys given."""
    try:
        spec = ActorsFile.model_validate({"actor": entries})
    except ValidationError as exc:
        raise _config_error(exc, where, "actors") from exc
    ids = [a.id for a in spec.actor]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ConfigError(f"actor id {twice[0]!r} appears twice", path=where)
    return [a.model_dump(exclude_unset=True) for a in spec.actor]


def read_actor_file(path: Path) -> list[dict[str, Any]]:
    """The entries of an `--actors FILE` (ConfigError naming the file otherwise)."""
    data = _read_toml(path, "actor file")
    unknown = sorted(set(data) - {"actor"})
    if unknown:
        raise ConfigError(
            f"actor file: unknown top-level key(s) {unknown}; expected [[actor]] tables",
            path=str(path),
        )
    entries = data.get("actor", [])
    if not isinstance(entries, list):
        raise ConfigError("actor file: 'actor' must be an array of tables ([[actor]])",
                          path=str(path))
    return check_actor_entries(entries, str(path))
