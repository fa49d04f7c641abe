"""A profile file's pydantic models: what checks a profile or an `--actors` file a user gives
(docs/profiles.md), and its JSON Schema (`schemas/profile.schema.json`).

Only files from outside the package are checked here: the packaged vocabulary and county profiles
are checked by the tests (tests/normalise/test_profile.py), so a plain parse, which reads only
those, imports no pydantic. `validated_profile` and `validated_actors` return the data with the
keys given, as `lnhs_parse.normalise.profile` reads it; any problem is a `ConfigError` naming the
file, the table and the key, in one line.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

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
from lnhs_parse.normalise.profile_keys import (
    COLUMN_ROLE_NAMES,
    REPLACEABLE,
    ROLE_ALIASES,
    packaged_step_codes,
)

__all__ = [
    "ActorEntry",
    "ActorsFile",
    "ProfileFile",
    "ScaleStepSpec",
    "validated_actors",
    "validated_profile",
]

_CODE = re.compile(r"^[a-z0-9_]+$")
_ID = re.compile(r"^[a-z0-9_-]+$")


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
        known = declared | set(packaged_step_codes())
        unknown = sorted(set(self.statuses) - known)
        if unknown:
            raise ValueError(
                f"unknown step(s) {[f'statuses.{c}' for c in unknown]}; known: {sorted(known)} "
                "(declare a new step in [scale])"
            )
        return self


def validated_profile(data: dict[str, Any], where: str) -> dict[str, Any]:
    """A profile's TOML data checked (`ConfigError` naming `where`, the table and the key
    otherwise), with the keys given: patterns as lists, numbers as floats."""
    try:
        spec = ProfileFile.model_validate(data)
    except ValidationError as exc:
        raise _config_error(exc, where, "profile") from exc
    return spec.model_dump(exclude_unset=True)


def validated_actors(entries: list[Any], where: str) -> list[dict[str, Any]]:
    """The `[[actor]]` entries checked (`ConfigError` naming `where` and the entry otherwise), as
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
