"""The packaged vocabulary files (src/lnhs_parse/normalise/data/), loaded once each.

- data/headers.toml: the goal table's column headers (`[columns]`, synonyms per role), the slide
  headings that tell slides apart (`[slides]`), focus-period patterns (`[period]`), the "(jatkuu)"
  continuation mark (`header_vocabulary`) and the deck phrases the text joiner knows
  (`[vocabulary]`, read by `normalise.evidence`);
- data/statuses.toml: the status words of legends and the default colour hues: `status_vocabulary`;
- data/regions.toml: the wellbeing services counties and the forms their names take: `find_region`,
  `region_forms`.

Headers compare in `squash`ed form: case-folded letters and digits only, so "Toimenpiteide n
eteneminen" and "TOIMENPITEIDEN ETENEMINEN" are the same header.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from lnhs_parse.model import Status
from lnhs_parse.normalise.profile import EMPTY_PROFILE, Profile

__all__ = [
    "HeaderVocabulary",
    "Patterns",
    "StatusVocabulary",
    "active_profile",
    "find_region",
    "header_vocabulary",
    "load_toml",
    "period_from_text",
    "phrases",
    "region_forms",
    "squash",
    "status_vocabulary",
    "use_profile",
]

# The profile (docs/profiles.md) the current parse reads with; the packaged vocabulary alone when
# none is active. A context variable, so parses in threads or tasks don't see each other's.
_PROFILE: ContextVar[Profile] = ContextVar("lnhs_parse_profile", default=EMPTY_PROFILE)


def active_profile() -> Profile:
    """The profile the current parse reads with (empty: the packaged vocabulary only)."""
    return _PROFILE.get()


@contextmanager
def use_profile(profile: Profile) -> Iterator[None]:
    """Read with `profile` (besides the packaged vocabulary) inside the `with` block."""
    token = _PROFILE.set(profile)
    try:
        yield
    finally:
        _PROFILE.reset(token)


@dataclass(frozen=True)
class Patterns:
    """Patterns tried in order (the packaged one first, then a profile's); the first match wins."""

    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def compile(cls, sources: tuple[str, ...], flags: int) -> Patterns:
        return cls(tuple(re.compile(p, flags) for p in sources))

    def match(self, text: str) -> re.Match[str] | None:
        return next((m for p in self.patterns if (m := p.match(text))), None)

    def search(self, text: str) -> re.Match[str] | None:
        return next((m for p in self.patterns if (m := p.search(text))), None)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return next((m for p in self.patterns if (m := p.fullmatch(text))), None)


def squash(text: str) -> str:
    """Case-folded letters and digits only: the whitespace-insensitive form headers compare in."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@lru_cache(maxsize=8)
def load_toml(name: str) -> dict[str, Any]:
    """One of the packaged vocabulary files, data/<name>."""
    data = resources.files("lnhs_parse.normalise").joinpath("data", name).read_bytes()
    return tomllib.loads(data.decode("utf-8"))


# --------------------------------------------------------------------------------------------------
# data/headers.toml


@dataclass(frozen=True)
class HeaderVocabulary:
    """data/headers.toml, compiled."""

    min_score: float
    columns: dict[str, tuple[tuple[str, ...], bool]]  # role -> (squashed synonyms, exact only)
    period_patterns: tuple[re.Pattern[str], ...]
    goal: Patterns
    title: Patterns
    highlights: tuple[str, ...]  # squashed
    section: Patterns
    section_period: Patterns
    continuation: Patterns


def header_vocabulary() -> HeaderVocabulary:
    """data/headers.toml, extended by the active profile's tables."""
    return _header_vocabulary(_PROFILE.get())


@lru_cache(maxsize=8)
def _header_vocabulary(profile: Profile) -> HeaderVocabulary:
    data = load_toml("headers.toml")
    added = dict(profile.columns)
    columns = {
        role: (
            tuple(
                dict.fromkeys(
                    s for s in (squash(x) for x in (*spec["synonyms"], *added.get(role, ()))) if s
                )
            ),
            bool(spec.get("exact", False)),
        )
        for role, spec in data["columns"].items()
    }
    slides = data["slides"]
    flags = re.IGNORECASE

    def slide(name: str, extra_flags: int = 0) -> Patterns:
        return Patterns.compile((slides[name], *profile.slide_pattern(name)), flags | extra_flags)

    return HeaderVocabulary(
        min_score=float(data.get("min_score", 85)),
        columns=columns,
        period_patterns=tuple(
            re.compile(p, flags) for p in (*data["period"]["patterns"], *profile.period)
        ),
        goal=slide("goal", re.DOTALL),
        title=slide("title"),
        highlights=tuple(squash(h) for h in (*slides["highlights"], *profile.highlights)),
        section=slide("section"),
        section_period=slide("section_period"),
        continuation=Patterns.compile(
            (data["continuation"]["pattern"], *profile.continuation), flags
        ),
    )


def phrases() -> tuple[str, ...]:
    """The fixed wording of the decks (`[vocabulary] phrases`), the active profile's included."""
    return (*load_toml("headers.toml")["vocabulary"]["phrases"], *_PROFILE.get().phrases)


def period_from_text(text: str) -> str | None:
    """"2023/2024" from "vuodelle -23/-24", "2024/2025", "vuosille 2024-2025"; None if none."""
    for pattern in header_vocabulary().period_patterns:
        for m in pattern.finditer(text):
            a, b = (int(g) for g in m.groups())
            a = a + 2000 if a < 100 else a
            b = b + 2000 if b < 100 else b
            if 2000 <= a <= 2100 and b in (a, a + 1, a + 2, a + 3, a + 4):
                return f"{a}/{b}"
    return None


# --------------------------------------------------------------------------------------------------
# data/statuses.toml


@dataclass(frozen=True)
class StatusVocabulary:
    """data/statuses.toml, compiled."""

    min_score: float
    words: tuple[tuple[str, Status], ...]  # case-folded word -> status
    hues: tuple[tuple[float, float, Status], ...]  # [lo, hi) degrees -> status
    max_colour_distance: float
    min_saturation: float


def status_vocabulary() -> StatusVocabulary:
    """data/statuses.toml, extended by the active profile's `[statuses.<status>]` tables."""
    return _status_vocabulary(_PROFILE.get())


@lru_cache(maxsize=8)
def _status_vocabulary(profile: Profile) -> StatusVocabulary:
    data = load_toml("statuses.toml")
    words: list[tuple[str, Status]] = []
    hues: list[tuple[float, float, Status]] = []
    for code, spec in data["statuses"].items():
        status = Status(code)
        words += [(w.casefold(), status) for w in spec["words"]]
        hues += [(float(lo), float(hi), status) for lo, hi in spec.get("hues", [])]
    for code, added in profile.status_words:
        words += [(w.casefold(), Status(code)) for w in added if (w.casefold(), Status(code))
                  not in words]
    for code, ranges in profile.status_hues:
        hues += [(lo, hi, Status(code)) for lo, hi in ranges]
    default = data.get("default", {})
    return StatusVocabulary(
        min_score=float(data.get("min_score", 85)),
        words=tuple(words),
        hues=tuple(hues),
        max_colour_distance=float(default.get("max_colour_distance", 60)),
        min_saturation=float(default.get("min_saturation", 0.25)),
    )


# --------------------------------------------------------------------------------------------------
# data/regions.toml


def region_forms() -> Iterator[str]:
    """Every form of every region's name in data/regions.toml ("Kymenlaakso", "Kymenlaakson")."""
    for _name, forms in _region_list(_PROFILE.get()):
        yield from forms


def _region_list(profile: Profile) -> list[tuple[str, list[str]]]:
    """(name, forms) of the packaged regions, then the profile's `[[regions]]`."""
    out = [(r["name"], list(r["forms"])) for r in load_toml("regions.toml")["regions"]]
    return out + [(name, list(forms)) for name, forms in profile.regions]


def _regions() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _compiled_regions(_PROFILE.get())


@lru_cache(maxsize=8)
def _compiled_regions(profile: Profile) -> tuple[tuple[re.Pattern[str], str], ...]:
    out: list[tuple[re.Pattern[str], str, int]] = []
    for name, forms in _region_list(profile):
        for form in forms:
            words = [re.escape(w) for w in form.split()]
            pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
            out.append((re.compile(pattern, re.IGNORECASE), name, len(form)))
    # longest forms first: "Etelä-Pohjanmaan" before "Pohjanmaan"
    out.sort(key=lambda t: -t[2])
    return tuple((p, name) for p, name, _ in out)


def find_region(*texts: str | None) -> str | None:
    """The wellbeing services county named in the first of `texts` that names one (nominative)."""
    for text in texts:
        if not text:
            continue
        hits: list[tuple[int, str]] = []
        for pattern, name in _regions():
            m = pattern.search(text)
            if m:
                hits.append((m.start(), name))
        if hits:
            return min(hits)[1]
    return None
