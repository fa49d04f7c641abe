"""One exception hierarchy for the whole library.

Every error a user can cause is a subclass of `LnhsParseError`; each class carries the CLI exit code
of the output contract, so the CLI maps exceptions to exit codes without a table of its own. Errors
from pdfplumber, python-pptx, zipfile and friends are wrapped with ``raise ... from exc`` so the
original stays available with ``--debug``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module; only the type goes the other way
    from lnhs_parse.model import Plan


class LnhsParseError(Exception):
    """Base class of every error lnhs_parse raises on purpose."""

    exit_code: int = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ConfigError(LnhsParseError):
    """Bad options or a bad user-supplied vocabulary file (exit 2)."""

    exit_code = 2


class UsageError(ConfigError):
    """A call or command line that contradicts itself, e.g. `parse(path, options=..., strict=True)`
    (exit 2)."""


class UnreadableFileError(LnhsParseError):
    """The file can't be read: missing, empty, corrupt, encrypted, not a deck (exit 3)."""

    exit_code = 3


class FileMissingError(UnreadableFileError):
    """No such file, or a directory where a file was expected."""


class EmptyFileError(UnreadableFileError):
    """The file has no bytes."""


class UnsupportedFormatError(UnreadableFileError):
    """The file is neither a PDF nor a PPTX (judged by its first bytes)."""


class CorruptFileError(UnreadableFileError):
    """The file claims to be a PDF or PPTX but its structure is broken."""


class EncryptedFileError(UnreadableFileError):
    """The PDF is encrypted and no (right) password was given."""


class LimitExceededError(UnreadableFileError):
    """The file is over a configured limit (size, pages, inflated size, objects)."""


class SchemaVersionError(UnreadableFileError):
    """A plan JSON file of another schema version, or not a plan at all."""


class NoEvaluationStructureError(LnhsParseError):
    """The file is read but holds no evaluation structure (exit 4)."""

    exit_code = 4


class ScannedDocumentError(NoEvaluationStructureError):
    """The PDF has no text layer: it looks scanned."""


class NotAnEvaluationDeckError(NoEvaluationStructureError):
    """A readable deck without goal tables."""


class StrictModeError(LnhsParseError):
    """``strict`` was asked for and the parse produced warnings (exit 5).

    `plan` holds the plan parsed, warnings and all, when `lnhs_parse.parse` raised it.
    """

    exit_code = 5
    plan: Plan | None = None
