"""Warning codes: the one home of the codes a parse can put in `warnings` (docs/warnings.md).

Codes are stable, part of the output contract; `WarningCode` types every place that raises one, so
a code that is not listed here is a type error, and a test checks `docs/warnings.md` lists exactly
these.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["WARNING_CODES", "WarningCode"]

WarningCode = Literal[
    # text (normalise/text.py)
    "fuzzy-actor",
    "unknown-actor",
    "bare-prefix",
    "control-characters",
    # legend and statuses
    "unknown-status-icon",
    "no-legend",
    "unknown-status-word",
    "status-carriers-disagree",
    # slides
    "unplaced-content",
    "unplaced-icon",
    "no-header",
    "no-table",
    "no-sub-goal-number",
    "no-year",
    "no-title",
    # PPTX
    "hidden-slide",
    # PDF
    "pdf-rotated-text",
    "pdf-picture-undecodable",
    "pdf-structure-unreadable",
    "pdf-irregular-table",
    "pdf-bad-coordinates",
    "pdf-engine-fallback",
    "debug-write-failed",
]

WARNING_CODES: frozenset[str] = frozenset(get_args(WarningCode))
