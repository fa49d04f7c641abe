"""Slide roles: a title slide, highlight slides, the legend's section slide, goal-table slides and
others, told apart by their headings (data/headers.toml, `[slides]`)."""

from __future__ import annotations

from typing import Literal

from rapidfuzz import fuzz

from lnhs_parse.layout import Page
from lnhs_parse.normalise.content import DEFAULT_SLIDE_SETTINGS, content_lines
from lnhs_parse.normalise.vocab import header_vocabulary, squash
from lnhs_parse.settings import SlideSettings

__all__ = ["SlideRole", "goal_heading", "is_highlights_heading", "slide_role"]

SlideRole = Literal["goal_table", "title", "highlights", "legend_section", "other"]


def goal_heading(text: str) -> tuple[str, str] | None:
    """("II", title text after the colon) when `text` is a "PÄÄTAVOITE II:" heading line (or a
    profile's goal heading: "TAVOITE 2." gives ("2", ...)); the numeral as printed."""
    m = header_vocabulary().goal.match(text)
    if not m:
        return None
    return m.group(1).upper(), (m.group(2) or "").strip()


def is_highlights_heading(text: str) -> bool:
    """Whether a line is the "Kiteytettyjä nostoja ja huomioita" heading: it contains a heading of
    data/headers.toml (case- and whitespace-insensitive), or comes close to one (a typo) without
    being much longer. Slide roles and the highlights reader ask the same question here."""
    vocab = header_vocabulary()
    key = squash(text)
    return bool(key) and any(
        h in key or (len(key) <= 2 * len(h) and fuzz.partial_ratio(h, key) >= vocab.min_score)
        for h in vocab.highlights
    )


def slide_role(page: Page, settings: SlideSettings = DEFAULT_SLIDE_SETTINGS) -> SlideRole:
    """"goal_table", "title", "highlights", "legend_section" or "other".

    The legend slide is recognised by its icons in `legend.py`; here "legend_section" only means the
    slide carries the section title ("... ARVIOINTI 2023 JA LISÄTYT PAINOPISTEET 2023/2024").
    """
    vocab = header_vocabulary()
    lines = content_lines(page, settings)
    if any(goal_heading(ln.text) for ln in lines):
        return "goal_table"
    if any(is_highlights_heading(ln.text) for ln in lines):
        return "highlights"
    text = " ".join(" ".join(ln.text for ln in lines).split())
    if vocab.section_period.search(text):
        return "legend_section"
    if vocab.title.search(text):
        return "title"
    if vocab.section.search(text):
        return "legend_section"
    return "other"
