"""Small pure helpers with no knowledge of decks, plans or layout."""

from lnhs_parse.utils.strings import collapse_ws, osa_distance

__all__ = ["collapse_ws", "osa_distance"]
