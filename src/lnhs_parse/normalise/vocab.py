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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from lnhs_parse.model import Status

__all__ = [
    "HeaderVocabulary",
    "StatusVocabulary",
    "find_region",
    "header_vocabulary",
    "load_toml",
    "period_from_text",
    "region_forms",
    "squash",
    "status_vocabulary",
]


def squash(text: str) -> str:
    """Case-folded letters and digits only: the whitespace-insensitive form headers compare in."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


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
    goal: re.Pattern[str]
    title: re.Pattern[str]
    highlights: tuple[str, ...]  # squashed
    section: re.Pattern[str]
    section_period: re.Pattern[str]
    continuation: re.Pattern[str]


@lru_cache(maxsize=1)
def header_vocabulary() -> HeaderVocabulary:
    data = load_toml("headers.toml")
    columns = {
        role: (
            tuple(s for s in (squash(x) for x in spec["synonyms"]) if s),
            bool(spec.get("exact", False)),
        )
        for role, spec in data["columns"].items()
    }
    slides = data["slides"]
    flags = re.IGNORECASE
    return HeaderVocabulary(
        min_score=float(data.get("min_score", 85)),
        columns=columns,
        period_patterns=tuple(re.compile(p, flags) for p in data["period"]["patterns"]),
        goal=re.compile(slides["goal"], flags | re.DOTALL),
        title=re.compile(slides["title"], flags),
        highlights=tuple(squash(h) for h in slides["highlights"]),
        section=re.compile(slides["section"], flags),
        section_period=re.compile(slides["section_period"], flags),
        continuation=re.compile(data["continuation"]["pattern"], flags),
    )


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


@lru_cache(maxsize=1)
def status_vocabulary() -> StatusVocabulary:
    data = load_toml("statuses.toml")
    words: list[tuple[str, Status]] = []
    hues: list[tuple[float, float, Status]] = []
    for code, spec in data["statuses"].items():
        status = Status(code)
        words += [(w.casefold(), status) for w in spec["words"]]
        hues += [(float(lo), float(hi), status) for lo, hi in spec.get("hues", [])]
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
    for region in load_toml("regions.toml")["regions"]:
        yield from region["forms"]


@lru_cache(maxsize=1)
def _regions() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = load_toml("regions.toml")
    out: list[tuple[re.Pattern[str], str, int]] = []
    for region in data["regions"]:
        for form in region["forms"]:
            words = [re.escape(w) for w in form.split()]
            pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
            out.append((re.compile(pattern, re.IGNORECASE), region["name"], len(form)))
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
