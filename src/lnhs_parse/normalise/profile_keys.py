"""The names a profile file uses, shared by the profile's reader (`profile.py`) and its checks
(`profile_file.py`): the column roles it may name, the old names of roles, the tables `replace`
may name, and the step codes of the packaged scale."""

from __future__ import annotations

from functools import cache
from typing import get_args

from lnhs_parse.codes import ColumnRole
from lnhs_parse.utils.data_files import read_toml

__all__ = ["COLUMN_ROLE_NAMES", "REPLACEABLE", "ROLE_ALIASES", "packaged_step_codes"]

# The column roles a profile may name (the model's `ColumnRole`s but "other"); `progress` is read
# as `status` (its name before statuses could be words and colours too).
COLUMN_ROLE_NAMES: tuple[str, ...] = tuple(r for r in get_args(ColumnRole) if r != "other")
ROLE_ALIASES = {"progress": "status"}
# The tables `replace` may name.
REPLACEABLE = (
    "actor", "columns", "slides", "statuses", "regions", "period", "continuation", "vocabulary",
)  # fmt: skip


@cache
def packaged_step_codes() -> tuple[str, ...]:
    """The step codes of the packaged scale vocabulary (data/scales.toml)."""
    return tuple(s["code"] for s in read_toml("normalise", "data", "scales.toml")["steps"])
