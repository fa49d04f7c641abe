"""Plan warnings made with typed codes: a code not listed in `lnhs_parse.warning_codes` is a type
error here, whatever type the model's `Warning.code` has."""

from __future__ import annotations

from typing import TypeGuard

from lnhs_parse.layout import LayoutWarning
from lnhs_parse.records import Warning
from lnhs_parse.warning_codes import WARNING_CODES, WarningCode

__all__ = ["from_layout", "warning"]


def warning(*, code: WarningCode, message: str, page: int | None = None) -> Warning:
    """A plan warning."""
    return Warning(code=code, message=message, page=page)


def _is_code(code: str) -> TypeGuard[WarningCode]:
    return code in WARNING_CODES


def from_layout(layout_warning: LayoutWarning) -> Warning:
    """An extractor's warning as a plan warning. Extractors raise listed codes only; an unlisted
    one is a bug, reported here rather than carried into the plan."""
    code = layout_warning.code
    if not _is_code(code):
        raise ValueError(f"warning code {code!r} is not listed in lnhs_parse.warning_codes")
    return warning(code=code, message=layout_warning.message, page=layout_warning.page)
