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

A file a user gives is checked by `profile_file.ProfileFile` (pydantic, unknown tables and keys
refused) before it is read; its JSON Schema is `schemas/profile.schema.json`, so an editor can
check a profile while it is typed. The packaged files are checked by the tests instead, so a plain
parse imports no pydantic. A table given
extends what came before it (the packaged vocabulary, a county profile, earlier profiles): lists
are added to, a pattern is tried after the earlier ones. A table named in `replace` sets aside
what came before it. Several profiles merge in the order given. Any error raises `ConfigError`
naming the file, the table and the key, in one line.

Packaged county profiles live in data/profiles/ (Kymenlaakso's: its actors, column names and
words); the pipeline applies one when the deck names one of its `[profile] regions`, or when it is
asked for by name (`--profile kymenlaakso`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from lnhs_parse.errors import ConfigError
from lnhs_parse.normalise.profile_keys import (
    COLUMN_ROLE_NAMES,
    REPLACEABLE,
    ROLE_ALIASES,
    packaged_step_codes,
)
from lnhs_parse.utils.data_files import package_file

__all__ = [
    "COLUMN_ROLE_NAMES",
    "EMPTY_PROFILE",
    "NO_COUNTY_PROFILE",
    "REPLACEABLE",
    "DeclaredStep",
    "Profile",
    "check_actor_entries",
    "load_profile",
    "load_profiles",
    "packaged_profile",
    "packaged_profile_for_region",
    "packaged_profile_names",
    "packaged_step_codes",
    "parse_profile",
]

_SLIDE_PATTERNS = ("goal", "title", "section", "section_period")


# --------------------------------------------------------------------------------------------------
# The merged profile the pipeline reads with


@dataclass(frozen=True)
class DeclaredStep:
    """One step of a declared scale (`[[scale.steps]]`)."""

    code: str
    label: str
    words: tuple[str, ...] = ()
    order: float | None = None  # None: outside the order of progress
    hues: tuple[tuple[float, float], ...] = ()


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
    scale: tuple[DeclaredStep, ...] = ()  # a declared scale (the last profile's that has one)
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
    """A profile from its TOML data (already parsed), checked first (`ConfigError` naming `where`,
    the table and the key)."""
    from lnhs_parse.normalise.profile_file import validated_profile

    return _from_data(validated_profile(data, where), where)


def _listed(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _hues(ranges: Iterable[Iterable[float]]) -> tuple[tuple[float, float], ...]:
    return tuple((float(lo), float(hi)) for lo, hi in ranges)


def _from_data(data: dict[str, Any], where: str) -> Profile:
    """The profile of a file's data, checked (`parse_profile`) or packaged (checked by the tests):
    the tables and keys given, each table's missing keys empty."""
    slides: dict[str, Any] = data.get("slides") or {}
    columns: dict[str, tuple[str, ...]] = {}
    for role, table in data.get("columns", {}).items():
        role = ROLE_ALIASES.get(role, role)
        columns[role] = (*columns.get(role, ()), *table.get("synonyms", ()))
    statuses: dict[str, dict[str, Any]] = data.get("statuses", {})
    scale = data.get("scale")
    period, continuation = data.get("period"), data.get("continuation")
    vocabulary, meta = data.get("vocabulary"), data.get("profile")
    return Profile(
        actors=tuple(
            (where, tuple((k, tuple(v) if isinstance(v, list) else v)
                          for k, v in sorted(entry.items())))
            for entry in data.get("actor", [])
        ),
        columns=tuple(columns.items()),
        slide_patterns=tuple(
            (key, _listed(slides[key])) for key in _SLIDE_PATTERNS if slides.get(key) is not None
        ),
        goal_words=tuple(slides.get("goal_words", ())),
        highlights=tuple(slides.get("highlights", ())),
        status_words=tuple((code, tuple(s.get("words", ()))) for code, s in statuses.items()),
        status_hues=tuple(
            (code, _hues(s["hues"])) for code, s in statuses.items() if s.get("hues")
        ),
        scale=tuple(
            DeclaredStep(
                code=step["code"],
                label=step["label"],
                words=tuple(step.get("words", ())),
                order=None if step.get("order") is None else float(step["order"]),
                hues=_hues(step.get("hues", ())),
            )
            for step in scale["steps"]
        ) if scale else (),
        regions=tuple(
            (r["name"], (r["name"], *r.get("forms", ()))) for r in data.get("regions", [])
        ),
        period=_listed(period.get("patterns")) if period else (),
        continuation=_listed(continuation.get("pattern")) if continuation else (),
        phrases=tuple(vocabulary.get("phrases", ())) if vocabulary else (),
        replace=frozenset(data.get("replace", ())),
        sources=(where,),
        names=(meta["name"],) if meta and meta.get("name") else (),
    )


# --------------------------------------------------------------------------------------------------
# Packaged county profiles (data/profiles/<name>.toml)


@cache
def packaged_profile_names() -> tuple[str, ...]:
    """The names of the packaged county profiles ("kymenlaakso")."""
    folder = package_file("normalise", "data", "profiles")
    return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                        if p.name.endswith(".toml")))


@cache
def packaged_profile(name: str) -> Profile:
    """A packaged county profile, by name."""
    if name not in packaged_profile_names():
        raise ConfigError(
            f"no packaged profile {name!r}; packaged: {', '.join(packaged_profile_names())}"
        )
    data = package_file("normalise", "data", "profiles", f"{name}.toml")
    # packaged: checked by the tests (tests/normalise/test_profile.py), not on every parse
    return _from_data(tomllib.loads(data.read_text(encoding="utf-8")), f"packaged:{name}")


@cache
def _profile_regions() -> dict[str, str]:
    """Region name -> the packaged profile that applies to it."""
    out: dict[str, str] = {}
    for name in packaged_profile_names():
        data = package_file("normalise", "data", "profiles", f"{name}.toml")
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
    from lnhs_parse.normalise.profile_file import validated_actors

    return validated_actors(entries, where)


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
