"""The diff's settings: the thresholds and weights of the alignment (`DiffSettings`), and one line
of help per setting for `lnhs-parse diff --help` (`SETTING_HELP`).

docs/diff.md, "Similarity and thresholds", says what each one does and why it has its default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from lnhs_parse.errors import ConfigError


@dataclass(frozen=True)
class DiffSettings:
    """The thresholds of the alignment, all similarities in 0..1 (rapidfuzz scores / 100).

    Similarity of two texts is rapidfuzz's `token_sort_ratio` after lower-casing and dropping
    punctuation (`rapidfuzz.utils.default_process`), so word order and punctuation matter little.
    """

    # A sub-goal with the same goal and number is the same sub-goal when its titles are at least
    # this similar (titles get reworded a little from year to year; a new sub-goal inserted at
    # that number has an unrelated title).
    title_threshold: float = 0.6
    # A sub-goal found under another number of the same goal by its title alone (renumbered).
    renumbered_title_threshold: float = 0.85
    # Added to the title similarity of a same-number pair when candidates compete, so a reworded
    # title keeps its number, while an identical title elsewhere beats a merely similar one here.
    same_number_bonus: float = 0.15
    # Near-identical statement text: a typo fixed in place (modified, actors may differ) or the
    # same statement found again under another sub-goal or column (moved).
    moved_threshold: float = 0.9
    # A statement reworded in place: same sub-goal, column and actors, text at least this similar.
    # (Distinct statements of one cell score up to ~0.69 on the fixture decks, rewordings 0.75+.)
    modified_threshold: float = 0.7
    # A statement with actors reworded in place, same sub-goal and column, at least one actor in
    # common: at least this share of one statement's words have their stem in the other (Snowball's
    # Finnish stemmer; "vertaistukiryhmiä suunnitellaan" / "vertaistukiryhmät käynnistetty" share
    # 1 of 2). Function words and words under 4 letters don't count.
    reworded_stem_threshold: float = 0.5
    # The score of a candidate pair, maximised over each sub-goal column by one optimal assignment:
    # these weights times text similarity, stem share, actor agreement (Jaccard) and nearness in
    # the column (1 - distance / column length).
    text_weight: float = 0.4
    stem_weight: float = 0.3
    actor_weight: float = 0.2
    position_weight: float = 0.1
    # A candidate pair scoring at most this is not made; the assignment maximises the sum of
    # (score - this), so one clearly reworded pair is not broken up into two weak ones, while two
    # good pairs win over one slightly better one that would leave a statement unpaired.
    reworded_min_score: float = 0.5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not number or not 0 <= value <= 1:
                raise ConfigError(f"diff setting {f.name} must be a number in 0..1, got {value!r}")


DEFAULT_SETTINGS = DiffSettings()


# One line per setting, for `lnhs-parse diff --help` (the options are made from the fields).
SETTING_HELP = {
    "title_threshold": "same-number sub-goals are the same when their titles are this similar",
    "renumbered_title_threshold": "a sub-goal found under another number by a title this similar",
    "same_number_bonus": "added to a same-number pair's title similarity when pairs compete",
    "moved_threshold": "near-identical statement text: moved elsewhere, modified in place",
    "modified_threshold": "a statement reworded in place with text this similar is modified",
    "reworded_stem_threshold": "or, for statements with actors, this share of word stems shared",
    "text_weight": "weight of text similarity in the score of a reworded pair",
    "stem_weight": "weight of the shared stems in that score",
    "actor_weight": "weight of the actors in common in that score",
    "position_weight": "weight of nearness in the column in that score",
    "reworded_min_score": "a reworded pair must score more than this; pairs maximise score minus "
    "this",
}


__all__ = ["DEFAULT_SETTINGS", "SETTING_HELP", "DiffSettings"]
