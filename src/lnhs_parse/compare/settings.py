"""The diff's default settings, `DEFAULT_SETTINGS`, which the passes take as their default argument.

`DiffSettings` itself lives with every other setting in `lnhs_parse.settings` (one description per
field, docs/settings.md); it is imported here so that `lnhs_parse.compare.DiffSettings` stays.
"""

from __future__ import annotations

from lnhs_parse.settings import DiffSettings

DEFAULT_SETTINGS = DiffSettings()

__all__ = ["DEFAULT_SETTINGS", "DiffSettings"]
