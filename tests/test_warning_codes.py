"""Every warning code is defined once (`lnhs_parse.warning_codes`) and documented in docs/warnings.md."""

from __future__ import annotations

import re

from lnhs_parse.warning_codes import WARNING_CODES
from support import ROOT


def test_docs_list_exactly_the_warning_codes() -> None:
    text = (ROOT / "docs" / "warnings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", text, flags=re.MULTILINE))
    assert documented == WARNING_CODES


def test_no_code_is_used_that_is_not_defined() -> None:
    # every quoted code-like literal handed to a warning in the sources is a defined code
    pattern = re.compile(r"(?:code=|warn\(\s*|LayoutWarning\(\s*)\"([a-z]+(?:-[a-z]+)+)\"")
    used: set[str] = set()
    for path in (ROOT / "src" / "lnhs_parse").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "found no warning literals at all: the pattern is stale"
    assert used <= WARNING_CODES, sorted(used - WARNING_CODES)
