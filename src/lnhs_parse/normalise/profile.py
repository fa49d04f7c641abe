"""Profiles: a county's own wording, taught by data (docs/profiles.md).

A profile is one TOML file holding any of the packaged vocabulary files' tables:

    [[actor]]                       id, name, kind, aliases (data/actors.toml's format)
    [columns.<role>]  synonyms      header words of a goal-table column (data/headers.toml)
    [slides]          goal, title, section, section_period (patterns), highlights (headings)
    [statuses.<status>] words, hues legend words and default colour hues (data/statuses.toml)
    [[regions]]       name, forms   a county and the forms its name takes (data/regions.toml)
    [period]          patterns      focus-period patterns
    [continuation]    pattern       the "(jatkuu)" mark of a continued row
    [vocabulary]      phrases       fixed wording of the decks

A table given extends the packaged one: lists are added to, a pattern is tried besides the packaged
one (after it). Several profiles merge in the order given. An unknown table or key, a value of the
wrong type or a pattern that does not compile raises `ConfigError` naming it and the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lnhs_parse.errors import ConfigError
from lnhs_parse.model import Status

__all__ = [
    "COLUMN_ROLE_NAMES",
    "EMPTY_PROFILE",
    "Profile",
    "check_actor_entries",
    "load_profile",
    "load_profiles",
]

COLUMN_ROLE_NAMES = ("number", "sub_goal", "progress", "focus_areas", "joint_highlights")
_SLIDE_PATTERNS = ("goal", "title", "section", "section_period")
# least capture groups each pattern needs (goal: numeral[, title]; period: the two years)
_GROUPS = {"goal": 1, "title": 1, "section": 1, "section_period": 2, "period": 2}
_TABLES: dict[str, tuple[str, ...]] = {
    "actor": ("id", "name", "kind", "aliases", "replace_aliases"),
    "columns": ("synonyms",),
    "slides": (*_SLIDE_PATTERNS, "highlights"),
    "statuses": ("words", "hues"),
    "regions": ("name", "forms"),
    "period": ("patterns",),
    "continuation": ("pattern",),
    "vocabulary": ("phrases",),
}


@dataclass(frozen=True)
class Profile:
    """One or more profile files merged: only what they add to the packaged vocabulary."""

    actors: tuple[tuple[tuple[str, Any], ...], ...] = ()  # [[actor]] entries, as item tuples
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # role -> added synonyms
    slide_patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # goal/title/... -> patterns
    highlights: tuple[str, ...] = ()
    status_words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # status -> words
    status_hues: tuple[tuple[str, tuple[tuple[float, float], ...]], ...] = ()
    regions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # name -> forms
    period: tuple[str, ...] = ()
    continuation: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == Profile(sources=self.sources)

    def actor_entries(self) -> list[dict[str, Any]]:
        return [dict(items) for items in self.actors]

    def slide_pattern(self, name: str) -> tuple[str, ...]:
        return dict(self.slide_patterns).get(name, ())

    def merged(self, other: Profile) -> Profile:
        def join(a: tuple[tuple[str, Any], ...], b: tuple[tuple[str, Any], ...]) -> Any:
            out: dict[str, Any] = dict(a)
            for key, values in b:
                out[key] = tuple(dict.fromkeys((*out.get(key, ()), *values)))
            return tuple(out.items())

        return Profile(
            actors=self.actors + other.actors,
            columns=join(self.columns, other.columns),
            slide_patterns=join(self.slide_patterns, other.slide_patterns),
            highlights=tuple(dict.fromkeys(self.highlights + other.highlights)),
            status_words=join(self.status_words, other.status_words),
            status_hues=join(self.status_hues, other.status_hues),
            regions=join(self.regions, other.regions),
            period=tuple(dict.fromkeys(self.period + other.period)),
            continuation=tuple(dict.fromkeys(self.continuation + other.continuation)),
            phrases=tuple(dict.fromkeys(self.phrases + other.phrases)),
            sources=self.sources + other.sources,
        )


EMPTY_PROFILE = Profile()


def load_profiles(paths: Iterable[Path | str]) -> Profile:
    """The profiles at `paths`, merged in order (the empty profile for none)."""
    profile = EMPTY_PROFILE
    for path in paths:
        profile = profile.merged(load_profile(path))
    return profile


def load_profile(path: Path | str) -> Profile:
    """One profile file, checked (ConfigError naming the file and the offending table or key)."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"can't read profile ({exc.strerror or exc})", path=where) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"profile is not UTF-8 ({exc})", path=where) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"profile is not valid TOML ({exc})", path=where) from exc
    return parse_profile(data, where)


def parse_profile(data: dict[str, Any], where: str = "<profile>") -> Profile:
    """A profile from its TOML data (already parsed)."""
    unknown = sorted(set(data) - set(_TABLES))
    if unknown:
        raise ConfigError(
            f"unknown table(s) {unknown} in profile; known: {sorted(_TABLES)}", path=where
        )

    def fail(message: str) -> ConfigError:
        return ConfigError(message, path=where)

    def table(name: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise fail(f"[{name}] must be a table")
        keys = _TABLES[name.split(".")[0].split(" ")[0]]
        extra = sorted(set(value) - set(keys))
        if extra:
            raise fail(f"unknown key(s) {extra} in [{name}]; known: {list(keys)}")
        return value

    def strings(name: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
            raise fail(f"{name} must be a list of non-empty strings")
        return tuple(value)

    def patterns(name: str, value: Any, groups: int) -> tuple[str, ...]:
        found = (value,) if isinstance(value, str) else strings(name, value)
        for p in found:
            try:
                compiled = re.compile(p)
            except re.error as exc:
                raise fail(f"{name}: pattern {p!r} does not compile ({exc})") from exc
            if compiled.groups < groups:
                raise fail(f"{name}: pattern {p!r} needs {groups} capture group(s) (...)")
        return found

    actors: list[tuple[tuple[str, Any], ...]] = []
    if "actor" in data:
        entries = data["actor"]
        if not isinstance(entries, list):
            raise fail("'actor' must be an array of tables ([[actor]])")
        actors = [
            tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in e.items())
            for e in check_actor_entries(entries, where)
        ]

    columns: list[tuple[str, tuple[str, ...]]] = []
    for role, spec in _subtables("columns", data, fail):
        if role not in COLUMN_ROLE_NAMES:
            raise fail(f"unknown column role [columns.{role}]; known: {list(COLUMN_ROLE_NAMES)}")
        spec = table(f"columns.{role}", spec)
        columns.append((role, strings(f"columns.{role}.synonyms", spec.get("synonyms", []))))

    slide_patterns: list[tuple[str, tuple[str, ...]]] = []
    highlights: tuple[str, ...] = ()
    if "slides" in data:
        slides = table("slides", data["slides"])
        for key in _SLIDE_PATTERNS:
            if key in slides:
                slide_patterns.append((key, patterns(f"slides.{key}", slides[key], _GROUPS[key])))
        highlights = strings("slides.highlights", slides.get("highlights", []))

    words: list[tuple[str, tuple[str, ...]]] = []
    hues: list[tuple[str, tuple[tuple[float, float], ...]]] = []
    codes = [s.value for s in Status]
    for code, spec in _subtables("statuses", data, fail):
        if code not in codes:
            raise fail(f"unknown status [statuses.{code}]; known: {codes}")
        spec = table(f"statuses.{code}", spec)
        words.append((code, tuple(w for w in strings(f"statuses.{code}.words",
                                                     spec.get("words", [])))))
        hues.append((code, _hues(f"statuses.{code}.hues", spec.get("hues", []), fail)))

    regions: list[tuple[str, tuple[str, ...]]] = []
    if "regions" in data:
        if not isinstance(data["regions"], list):
            raise fail("'regions' must be an array of tables ([[regions]])")
        for n, spec in enumerate(data["regions"], start=1):
            spec = table(f"regions #{n}", spec)
            name = spec.get("name")
            if not isinstance(name, str) or not name.strip():
                raise fail(f"regions #{n} has no 'name' string")
            regions.append((name, (name, *strings(f"regions #{n}.forms", spec.get("forms", [])))))

    period: tuple[str, ...] = ()
    if "period" in data:
        period = patterns("period.patterns", table("period", data["period"]).get("patterns", []),
                          _GROUPS["period"])
    continuation: tuple[str, ...] = ()
    if "continuation" in data:
        continuation = patterns(
            "continuation.pattern", table("continuation", data["continuation"]).get("pattern", []),
            0,
        )
    phrases: tuple[str, ...] = ()
    if "vocabulary" in data:
        phrases = strings(
            "vocabulary.phrases", table("vocabulary", data["vocabulary"]).get("phrases", [])
        )
    return Profile(
        actors=tuple(actors),
        columns=tuple(columns),
        slide_patterns=tuple(slide_patterns),
        highlights=highlights,
        status_words=tuple(words),
        status_hues=tuple(hues),
        regions=tuple(regions),
        period=period,
        continuation=continuation,
        phrases=phrases,
        sources=(where,),
    )


def _subtables(name: str, data: dict[str, Any], fail: Any) -> list[tuple[str, Any]]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise fail(f"[{name}] must be a table of [{name}.<name>] tables")
    return list(value.items())


def _hues(name: str, value: Any, fail: Any) -> tuple[tuple[float, float], ...]:
    ok = isinstance(value, list) and all(
        isinstance(r, list) and len(r) == 2
        and all(isinstance(x, int | float) and not isinstance(x, bool) and 0 <= x <= 360 for x in r)
        and r[0] < r[1]
        for r in value
    )
    if not ok:
        raise fail(f"{name} must be a list of [low, high] degree ranges (0-360, low < high)")
    return tuple((float(lo), float(hi)) for lo, hi in value)


# The actor registry's entries (`[[actor]]`), the same in a profile and an `--actors` file.
_ID = re.compile(r"^[a-z0-9_-]+$")
_ALLOWED_KEYS = {"id", "name", "kind", "aliases", "replace_aliases"}

def check_actor_entries(entries: list[Any], where: str) -> list[dict[str, Any]]:
    """The `[[actor]]` entries checked (ConfigError naming `where` and the entry otherwise)."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for n, entry in enumerate(entries, start=1):
        label = f"actor #{n}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{label} is not a table", path=where)
        extra_keys = set(entry) - _ALLOWED_KEYS
        if extra_keys:
            raise ConfigError(f"{label} has unknown key(s) {sorted(extra_keys)}", path=where)
        aid = entry.get("id")
        if not isinstance(aid, str):
            raise ConfigError(f"{label} has no 'id' string", path=where)
        if not _ID.match(aid):
            raise ConfigError(
                f"{label}: bad id {aid!r} (use lowercase ASCII letters, digits, '_' or '-')",
                path=where,
            )
        if aid in seen:
            raise ConfigError(f"actor id {aid!r} appears twice", path=where)
        seen.add(aid)
        for key in ("name", "kind"):
            if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
                raise ConfigError(f"actor {aid!r}: {key!r} must be a non-empty string", path=where)
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(
            isinstance(a, str) and a.strip() for a in aliases
        ):
            raise ConfigError(
                f"actor {aid!r}: 'aliases' must be a list of non-empty strings", path=where
            )
        if not isinstance(entry.get("replace_aliases", False), bool):
            raise ConfigError(f"actor {aid!r}: 'replace_aliases' must be true or false", path=where)
        out.append(entry)
    return out
