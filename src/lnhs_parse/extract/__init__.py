"""Pick the extractor for a file by its first bytes, enforce the size limits, return its layout.

An extractor is a module with two functions, ``accepts(head: bytes) -> bool`` and
``extract(path, options) -> Document``. They are imported lazily: parsing a PDF never imports
python-pptx and the other way round. This package is the only place that imports pdfplumber or
python-pptx.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from types import ModuleType

from lnhs_parse.errors import (
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    LimitExceededError,
    UnsupportedFormatError,
)
from lnhs_parse.layout import Document
from lnhs_parse.settings import ParseOptions

# Order matters only for speed: sniffing is cheap and the formats' magic numbers don't overlap.
_EXTRACTORS = ("lnhs_parse.extract.pdf", "lnhs_parse.extract.pptx")
HEAD_BYTES = 1024  # PDF allows junk before "%PDF-" within the first 1024 bytes


def read_head(path: Path) -> bytes:
    """Check that `path` is a readable, non-empty file within limits; return its first bytes."""
    try:
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES)
    except FileNotFoundError as exc:
        raise FileMissingError("no such file", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise FileMissingError("is a directory, not a file", path=str(path)) from exc
    except PermissionError as exc:
        raise FileMissingError("permission denied", path=str(path)) from exc
    except OSError as exc:
        raise FileMissingError(f"can't be read ({exc.strerror or exc})", path=str(path)) from exc


def check_file(path: Path, options: ParseOptions) -> bytes:
    """Validate existence, emptiness and size; return the head bytes for sniffing."""
    if path.is_dir():
        raise FileMissingError("is a directory, not a file", path=str(path))
    head = read_head(path)
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError("the file is empty", path=str(path))
    if size > options.limits.max_file_bytes:
        raise LimitExceededError(
            f"the file is {size / 2**20:.1f} MB, over the limit of {options.limits.max_file_mb:g} MB",
            path=str(path),
        )
    return head


def sniff(head: bytes) -> str | None:
    """The format a file's first bytes say it is: "pdf", "pptx" (any zip, checked later) or None."""
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "pptx"
    return None


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A password-protected PPTX is not a zip but an OLE compound file holding this stream.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _explain_ole(path: Path) -> None:
    """OLE files are either password-protected Office files or old binary .ppt decks: say which."""
    with path.open("rb") as fh:
        directory = fh.read(1 << 20)
    if _ENCRYPTED_PACKAGE in directory:
        raise EncryptedFileError(
            "a password-protected PowerPoint file: save it without a password first", path=str(path)
        )
    raise UnsupportedFormatError(
        "an old binary Office file (.ppt?): save it as .pptx or export a PDF", path=str(path)
    )


def pick_extractor(head: bytes, path: Path) -> ModuleType:
    if head.startswith(OLE_MAGIC):
        _explain_ole(path)
    for name in _EXTRACTORS:
        module = importlib.import_module(name)
        if module.accepts(head):
            return module
    raise UnsupportedFormatError(
        "not a PDF or PPTX file (judged by its content, not its name)", path=str(path)
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract(path: str | Path, options: ParseOptions | None = None) -> Document:
    """Read `path` into the layout model with the extractor its content calls for."""
    options = options or ParseOptions()
    p = Path(path)
    head = check_file(p, options)
    module = pick_extractor(head, p)
    return module.extract(p, options)
