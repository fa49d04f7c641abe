"""The package's version, in one place: `lnhs_parse.__version__` re-exports it, and the modules
that print it (the command's `--version`, the HTML report's footer) read it here, so that none of
them imports the package's top level (which imports them lazily: an import cycle)."""

from __future__ import annotations

__version__ = "0.1.0"  # keep equal to pyproject.toml's [project] version (tests/test_cli.py)
