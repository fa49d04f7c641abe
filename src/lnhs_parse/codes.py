"""The fixed values of the output contract, without pydantic: the schema version, the status codes
of the packaged scale, and the literal types of the plan's fields (attribution, column role,
direction, change).

`lnhs_parse.model` (the pydantic models) and `lnhs_parse.records` (the plain records a parse builds,
generated from the models) both read them from here, so a plain parse never imports pydantic.
The status labels are read from the package data file `normalise/data/scales.toml` (a data file,
not an import of `lnhs_parse.normalise`).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Literal

from lnhs_parse.utils.data_files import read_toml

__all__ = [
    "READABLE_SCHEMA_VERSIONS",
    "SCHEMA_VERSION",
    "STATUS_CODES",
    "STATUS_DATA",
    "Attribution",
    "BBoxModel",
    "Change",
    "ColumnRole",
    "Direction",
    "Status",
    "status_vocabulary",
]

SCHEMA_VERSION: Literal["2.0"] = "2.0"
# Every version `load_plan` reads (older plans are migrated on reading: docs/schema.md).
READABLE_SCHEMA_VERSIONS = ("1.0", "2.0")

BBoxModel = tuple[float, float, float, float]


class Status(StrEnum):
    """The step codes of the packaged status scale vocabulary (`normalise/data/scales.toml`), in
    their order of progress; `unknown` stands outside the order.

    A plan's statuses are plain codes (`StatusCode`): these, or a profile's own. Each plan says
    which steps its deck's scale has, in which order and with which words (`Plan.status_scale`).
    """

    NOT_STARTED = "not_started"
    STARTED = "started"
    LATE = "late"
    IN_PROGRESS = "in_progress"
    ON_TIME = "on_time"
    IN_USE = "in_use"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The step's Finnish label in the packaged vocabulary (a deck may word it otherwise)."""
        return status_vocabulary()[self][0]

    @property
    def rank(self) -> int | None:
        """Position in the packaged order of progress (0 = not started); None outside it."""
        return status_vocabulary()[self][1]


STATUS_CODES = frozenset(s.value for s in Status)
STATUS_DATA = ("normalise", "data", "scales.toml")  # inside the package


@cache
def status_vocabulary() -> dict[Status, tuple[str, int | None]]:
    """Each standard step's (label, rank) in the package's scales.toml (read once)."""
    data = read_toml(*STATUS_DATA)
    steps = {step.get("code"): step for step in data.get("steps", [])}
    ordered = sorted(
        (float(s["order"]), code) for code, s in steps.items() if s.get("order") is not None
    )
    ranks = {code: rank for rank, (_order, code) in enumerate(ordered)}
    out: dict[Status, tuple[str, int | None]] = {}
    for status in Status:
        label = steps.get(status.value, {}).get("label")
        if not isinstance(label, str) or not label:
            raise RuntimeError(f"{'/'.join(STATUS_DATA)}: no label for step {status.value!r}")
        out[status] = (label, ranks.get(status.value))
    return out


def status_label(code: str) -> str:
    """The packaged vocabulary's word for a status code; the code itself for a profile's own."""
    return Status(code).label if code in STATUS_CODES else code


Attribution = Literal["prefix", "suffix", "inherited", "none"]
ColumnRole = Literal[
    "goal",
    "number",
    "sub_goal",
    "action",
    "responsible",
    "schedule",
    "schedule_responsible",
    "indicators",
    "status",
    "focus_areas",
    "joint_highlights",
    "other",
]
Direction = Literal["progressed", "regressed", "changed", "unchanged"]
Change = Literal["added", "removed", "modified", "moved", "unchanged"]
