"""One exception hierarchy for the whole library.

Every error a user can cause is a subclass of `LnhsParseError`; each class carries the CLI exit code
of the output contract, so the CLI maps exceptions to exit codes without a table of its own. Errors
from pdfplumber, python-pptx, zipfile and friends are wrapped with ``raise ... from exc`` so the
original stays available with ``--debug``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module; only the type goes the other way
    from lnhs_parse.model import Plan


MAX_MESSAGE = 200
"""Longest error message (characters, the file name aside): longer ones are cut, the whole text is
kept as `LnhsParseError.detail` (shown under ``--debug``)."""

_WHITESPACE = re.compile(r"\s+")
# C0 and C1 controls, DEL, lone surrogates, noncharacters: never printed raw
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def one_line(text: str, limit: int | None = MAX_MESSAGE) -> str:
    """`text` as one printable line: whitespace runs (newlines included) collapsed to a space, other
    control characters escaped (``\\x00``), cut to `limit` characters with an ellipsis."""
    text = _WHITESPACE.sub(" ", text).strip()
    text = printable(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def printable(text: str) -> str:
    """`text` with every control character escaped (a file name: nothing collapsed or cut)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class LnhsParseError(Exception):
    """Base class of every error lnhs_parse raises on purpose.

    `message` is one printable line of at most `MAX_MESSAGE` characters, whatever was passed (an
    error text of a library may carry newlines, raw bytes, whole dictionaries); the text as given is
    `detail`.
    """

    exit_code: int = 1

    def __init__(self, message: str, *, path: str | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = message if detail is None else f"{message}: {detail}"
        self.message = one_line(message)
        self.path = path

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.message}" if self.path else self.message


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


class WorkerCrashedError(UnreadableFileError):
    """The worker process parsing the file died without reporting (killed by a signal: a crash in
    a C library, the kernel's out-of-memory killer): `parse(..., isolate=True)`, a batch."""


class ParseTimeoutError(LimitExceededError):
    """The file was still parsing in its worker process after the timeout; the worker was
    stopped (`ParseOptions.timeout`, `--timeout`)."""


class MemoryLimitError(LimitExceededError):
    """The file needed more memory than its worker process may have (`ParseOptions.max_memory_mb`,
    `--max-memory-mb`)."""


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
