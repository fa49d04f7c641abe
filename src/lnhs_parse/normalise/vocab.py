"""The packaged vocabulary files (src/lnhs_parse/normalise/data/), loaded once each.

- data/headers.toml: the goal table's column headers (`[columns]`, synonyms per role), the slide
  headings that tell slides apart (`[slides]`), focus-period patterns (`[period]`), the "(jatkuu)"
  continuation mark (`header_vocabulary`) and the deck phrases the text joiner knows
  (`[vocabulary]`, read by `normalise.evidence`);
- data/scales.toml: the steps of status scales, their words, order and default colour hues:
  `scale_vocabulary`;
- data/regions.toml: the wellbeing services counties and the forms their names take: `find_region`,
  `region_forms`.

Headers compare in `squash`ed form: case-folded letters and digits only, so "Toimenpiteide n
eteneminen" and "TOIMENPITEIDEN ETENEMINEN" are the same header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lnhs_parse.normalise.profile import EMPTY_PROFILE, Profile
from lnhs_parse.utils.data_files import read_toml

__all__ = [
    "HeaderVocabulary",
    "Patterns",
    "ScaleVocabulary",
    "StepSpec",
    "active_profile",
    "find_region",
    "header_vocabulary",
    "load_toml",
    "period_from_text",
    "phrases",
    "region_forms",
    "scale_vocabulary",
    "squash",
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
    return read_toml("normalise", "data", name)


# --------------------------------------------------------------------------------------------------
# data/headers.toml


@dataclass(frozen=True)
class HeaderVocabulary:
    """data/headers.toml, compiled (with the active profile's tables)."""

    min_score: float
    columns: dict[str, tuple[tuple[str, ...], bool]]  # role -> (squashed synonyms, exact only)
    period_patterns: tuple[re.Pattern[str], ...]
    goal: Patterns
    goal_words: tuple[str, ...]  # the words a goal heading starts with ("päätavoite", ...)
    title: Patterns
    highlights: tuple[str, ...]  # squashed
    section: Patterns
    section_period: Patterns
    continuation: Patterns


def header_vocabulary() -> HeaderVocabulary:
    """data/headers.toml, extended (or, for a table it `replace`s, replaced) by the active
    profile's tables."""
    return _header_vocabulary(_PROFILE.get())


def _goal_word_pattern(words: tuple[str, ...]) -> str | None:
    """The goal heading pattern of `goal_words`: a word, the numeral (group 1), a separator and a
    title (group 2): "Painopiste 1.", "Painopistealue 2 – Osallisuus", "TAVOITE 3: Hyvä arki"."""
    alternatives = sorted({r"\s+".join(map(re.escape, w.split())) for w in words if w.strip()},
                          key=len, reverse=True)
    if not alternatives:
        return None
    return (r"^\s*(?:" + "|".join(alternatives) + r")\s+([IVXLC]+|\d{1,2})\b(?![.,]\d)"
            r"\s*[:.–—-]?\s*(.*)$")


def _listed(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@lru_cache(maxsize=8)
def _header_vocabulary(profile: Profile) -> HeaderVocabulary:
    data = load_toml("headers.toml")
    added = dict(profile.columns)
    packaged_columns = {} if profile.replaces("columns") else data["columns"]
    columns = {
        role: (
            tuple(
                dict.fromkeys(
                    s for s in (squash(x) for x in (
                        *packaged_columns.get(role, {}).get("synonyms", ()),
                        *added.get(role, ()),
                    )) if s
                )
            ),
            bool(data["columns"].get(role, {}).get("exact", False)),
        )
        for role in data["columns"]
    }
    slides = {} if profile.replaces("slides") else data["slides"]
    flags = re.IGNORECASE

    def slide(name: str, extra_flags: int = 0, more: tuple[str, ...] = ()) -> Patterns:
        packaged = _listed(slides[name]) if name in slides else ()
        return Patterns.compile(
            (*packaged, *more, *profile.slide_pattern(name)), flags | extra_flags
        )

    goal_words = (*slides.get("goal_words", ()), *profile.goal_words)
    by_words = _goal_word_pattern(tuple(goal_words))
    period = () if profile.replaces("period") else tuple(data["period"]["patterns"])
    continuation = () if profile.replaces("continuation") else (data["continuation"]["pattern"],)
    return HeaderVocabulary(
        min_score=float(data.get("min_score", 85)),
        columns=columns,
        period_patterns=tuple(re.compile(p, flags) for p in (*period, *profile.period)),
        goal=slide("goal", re.DOTALL, (by_words,) if by_words else ()),
        goal_words=tuple(goal_words),
        title=slide("title"),
        highlights=tuple(
            squash(h) for h in (*slides.get("highlights", ()), *profile.highlights)
        ),
        section=slide("section"),
        section_period=slide("section_period"),
        continuation=Patterns.compile((*continuation, *profile.continuation), flags),
    )


def phrases() -> tuple[str, ...]:
    """The fixed wording of the decks (`[vocabulary] phrases`), the active profile's included."""
    profile = _PROFILE.get()
    packaged = () if profile.replaces("vocabulary") else tuple(
        load_toml("headers.toml")["vocabulary"]["phrases"]
    )
    return (*packaged, *profile.phrases)


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
# data/scales.toml


@dataclass(frozen=True)
class StepSpec:
    """One step of the scale vocabulary: its code, label, place in the order, words and hues."""

    code: str
    label: str
    order: float | None  # None: outside the order of progress
    words: tuple[str, ...]  # case-folded


@dataclass(frozen=True)
class ScaleVocabulary:
    """data/scales.toml, compiled with the active profile's `[statuses.*]` and `[scale]`."""

    min_score: float
    steps: dict[str, StepSpec]  # code -> step, the declared scale's first
    words: tuple[tuple[str, str], ...]  # case-folded word -> step code (profile's first)
    hues: tuple[tuple[float, float, str], ...]  # [lo, hi) degrees -> step code (profile's first)
    max_colour_distance: float
    min_saturation: float
    declared: tuple[str, ...] = ()  # the codes of a profile's declared scale ([scale]), if any
    # marks that mean a step whatever their colour, and percentage ranges [lo, hi] -> step code
    glyphs: tuple[tuple[str, str], ...] = ()
    percents: tuple[tuple[float, float, str], ...] = ()

    def order(self, code: str) -> float | None:
        step = self.steps.get(code)
        return step.order if step is not None else None


def scale_vocabulary() -> ScaleVocabulary:
    """data/scales.toml, extended by the active profile (or replaced: `replace = ["statuses"]`)."""
    return _scale_vocabulary(_PROFILE.get())


@lru_cache(maxsize=8)
def _scale_vocabulary(profile: Profile) -> ScaleVocabulary:
    data = load_toml("scales.toml")
    packaged = [] if profile.replaces("statuses") else data["steps"]
    steps: dict[str, StepSpec] = {}
    words: list[tuple[str, str]] = []
    hues: list[tuple[float, float, str]] = []
    # a declared scale first: its words and hues win
    for spec in profile.scale:
        steps[spec.code] = StepSpec(
            spec.code, spec.label, spec.order,
            tuple(w.casefold() for w in (spec.label, *spec.words)),
        )
        words += [(w, spec.code) for w in steps[spec.code].words]
        hues += [(lo, hi, spec.code) for lo, hi in spec.hues]
    for code, added in profile.status_words:
        words += [(w.casefold(), code) for w in added]
    for code, ranges in profile.status_hues:
        hues += [(lo, hi, code) for lo, hi in ranges]
    glyphs: list[tuple[str, str]] = []
    percents: list[tuple[float, float, str]] = []
    for raw in packaged:
        code = raw["code"]
        glyphs += [(g, code) for g in raw.get("glyphs", ())]
        if "percent" in raw:
            percents.append((float(raw["percent"][0]), float(raw["percent"][1]), code))
        own = tuple(w.casefold() for w in raw.get("words", ()))
        if code not in steps:
            order = raw.get("order")
            steps[code] = StepSpec(code, raw["label"], None if order is None else float(order),
                                   own)
        words += [(w, code) for w in own]
        hues += [(float(lo), float(hi), code) for lo, hi in raw.get("hues", [])]
    for code, added in profile.status_words:  # a step only a profile's words name
        if code not in steps:
            steps[code] = StepSpec(code, added[0] if added else code, None, ())
    return ScaleVocabulary(
        min_score=float(data.get("min_score", 85)),
        steps=steps,
        words=tuple(dict.fromkeys(words)),
        hues=tuple(hues),
        max_colour_distance=float(data.get("max_colour_distance", 60)),
        min_saturation=float(data.get("min_saturation", 0.25)),
        declared=tuple(spec.code for spec in profile.scale),
        glyphs=tuple(glyphs),
        percents=tuple(percents),
    )


# --------------------------------------------------------------------------------------------------
# data/regions.toml


def region_forms() -> Iterator[str]:
    """Every form of every region's name in data/regions.toml ("Kymenlaakso", "Kymenlaakson")."""
    for _name, forms in _region_list(_PROFILE.get()):
        yield from forms


def _region_list(profile: Profile) -> list[tuple[str, list[str]]]:
    """(name, forms) of the packaged regions, then the profile's `[[regions]]`."""
    packaged = [] if profile.replaces("regions") else load_toml("regions.toml")["regions"]
    out = [(r["name"], list(r["forms"])) for r in packaged]
    return out + [(name, list(forms)) for name, forms in profile.regions]


def _regions() -> tuple[re.Pattern[str], dict[str, str]]:
    return _compiled_regions(_PROFILE.get())


@lru_cache(maxsize=8)
def _compiled_regions(profile: Profile) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern matching every form of every region's name as whole words (case-insensitive,
    any run of spaces between words), and each form's region by the form lower-cased. Longest
    forms first, so "Etelä-Pohjanmaan" is read before "Pohjanmaan" where both start; of two
    regions with one form, the first in alphabetical order."""
    owners: dict[str, str] = {}
    for name, forms in _region_list(profile):
        for form in forms:
            key = " ".join(form.split()).lower()
            owners[key] = min(owners.get(key, name), name)
    alternatives = (r"\s+".join(re.escape(w) for w in key.split())
                    for key in sorted(owners, key=lambda k: (-len(k), k)))
    pattern = r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"
    return re.compile(pattern, re.IGNORECASE), owners


def find_region(*texts: str | None) -> str | None:
    """The wellbeing services county named in the first of `texts` that names one (nominative)."""
    for text in texts:
        if not text:
            continue
        pattern, owners = _regions()
        m = pattern.search(text)
        if m:
            return owners[" ".join(m.group(0).split()).lower()]
    return None
