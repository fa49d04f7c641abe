"""The package's own data files (`normalise/data/`: the vocabulary, the county profiles), read as
files beside the modules.

A wheel installs the package as files, so a path is all a read needs; `importlib.resources` would
import `tempfile`, `shutil` and the archive modules on every command's start (a few milliseconds of
a plain parse) for the zip imports the package is never run from.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

__all__ = ["package_file", "read_toml"]

PACKAGE = Path(__file__).resolve().parent.parent  # src/lnhs_parse


def package_file(*parts: str) -> Path:
    """A file or folder of the package, by its parts: ("normalise", "data", "scales.toml")."""
    return PACKAGE.joinpath(*parts)


def read_toml(*parts: str) -> dict[str, Any]:
    """A TOML file of the package, parsed."""
    return tomllib.loads(package_file(*parts).read_text(encoding="utf-8"))
