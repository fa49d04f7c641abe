"""Pick the extractor for a file by its first bytes, enforce the size limits, return its layout.

An extractor satisfies `Extractor`: ``accepts(head: bytes) -> bool`` judges a file's first
bytes, ``extract(path, options) -> Document`` reads it. The registry, `EXTRACTORS`, holds one
`LazyExtractor` per format (`lnhs_parse.extract.pdf`, `lnhs_parse.extract.pptx`), which imports its
module on first use: parsing a PDF never imports python-pptx and the other way round. This package
is the only place that imports pdfplumber or python-pptx.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from lnhs_parse.errors import (
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    LimitExceededError,
    UnsupportedFormatError,
)
from lnhs_parse.extract.clean import clean_document
from lnhs_parse.layout import Document
from lnhs_parse.settings import ParseOptions


@runtime_checkable
class Extractor(Protocol):
    """What reads one file format into the layout model."""

    def accepts(self, head: bytes) -> bool:
        """Whether a file starting with `head` (its first `HEAD_BYTES`) is in this format."""
        ...

    def extract(self, path: str | Path, options: ParseOptions) -> Document:
        """The file's layout; typed errors (`lnhs_parse.errors`) for files it can't read."""
        ...


class LazyExtractor(NamedTuple):
    """An extractor module, imported the first time it is asked anything."""

    module: str  # dotted name of a module with `accepts` and `extract` (satisfying `Extractor`)

    def load(self) -> Extractor:
        loaded = importlib.import_module(self.module)
        if not isinstance(loaded, Extractor):
            raise TypeError(f"{self.module} has no accepts() and extract()")
        return loaded

    def accepts(self, head: bytes) -> bool:
        return self.load().accepts(head)

    def extract(self, path: str | Path, options: ParseOptions) -> Document:
        return self.load().extract(path, options)


# Order matters only for speed: sniffing is cheap and the formats' magic numbers don't overlap.
EXTRACTORS: tuple[Extractor, ...] = (
    LazyExtractor("lnhs_parse.extract.pdf"),
    LazyExtractor("lnhs_parse.extract.pptx"),
)

if TYPE_CHECKING:  # the modules themselves satisfy the protocol (checked by mypy, not imported)
    from lnhs_parse.extract import pdf as _pdf
    from lnhs_parse.extract import pptx as _pptx

    _MODULES: tuple[Extractor, ...] = (_pdf, _pptx)

HEAD_BYTES = 1024  # PDF allows junk before "%PDF-" within the first 1024 bytes


def _unreadable(path: Path, exc: OSError) -> FileMissingError:
    """The typed error for an `OSError` met while reading `path`."""
    if isinstance(exc, FileNotFoundError):
        message = "no such file"
    elif isinstance(exc, IsADirectoryError):
        message = "is a directory, not a file"
    elif isinstance(exc, PermissionError):
        message = "permission denied"
    else:
        message = f"can't be read ({exc.strerror or exc})"
    return FileMissingError(message, path=str(path))


def read_head(path: Path) -> tuple[bytes, int]:
    """The first `HEAD_BYTES` of `path` (for sniffing its format) and its size in bytes."""
    try:
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES), os.fstat(fh.fileno()).st_size
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def check_file(path: Path, options: ParseOptions) -> bytes:
    """Validate existence, emptiness and size; return the head bytes for sniffing."""
    if path.is_dir():
        raise FileMissingError("is a directory, not a file", path=str(path))
    head, size = read_head(path)
    if size == 0:
        raise EmptyFileError("the file is empty", path=str(path))
    if size > options.limits.max_file_bytes:
        raise LimitExceededError(
            f"the file is {size / 2**20:.1f} MB, over the limit of "
            f"{options.limits.max_file_mb:g} MB",
            path=str(path),
        )
    return head


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A password-protected PPTX is not a zip but an OLE compound file holding this stream.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _explain_ole(path: Path) -> None:
    """OLE files are either password-protected Office files or old binary .ppt decks: say which."""
    try:
        with path.open("rb") as fh:
            directory = fh.read(1 << 20)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if _ENCRYPTED_PACKAGE in directory:
        raise EncryptedFileError(
            "a password-protected PowerPoint file: save it without a password first", path=str(path)
        )
    raise UnsupportedFormatError(
        "an old binary Office file (.ppt?): save it as .pptx or export a PDF", path=str(path)
    )


def pick_extractor(head: bytes, path: Path) -> Extractor:
    """The extractor of the first entry in `EXTRACTORS` that accepts `head`; typed errors for an
    OLE file (an encrypted Office file or an old .ppt) and for anything else."""
    if head.startswith(OLE_MAGIC):
        _explain_ole(path)
    for extractor in EXTRACTORS:
        if extractor.accepts(head):
            return extractor
    raise UnsupportedFormatError(
        "not a PDF or PPTX file (judged by its content, not its name)", path=str(path)
    )


def not_a_deck(path: Path) -> str | None:
    """Why a file met in a folder is no deck, judged by content as for one file; None when it is one
    (or may be: a PDF, a zip holding a presentation, a password-protected Office file)."""
    try:
        head, size = read_head(path)
    except FileMissingError as exc:
        return exc.message
    if size == 0:
        return "the file is empty"
    if head.startswith(OLE_MAGIC):
        return None  # an encrypted PowerPoint file or an old .ppt: reported as a failure, with why
    for extractor in EXTRACTORS:
        if extractor.accepts(head):
            if head.startswith(b"PK") and not _holds_presentation(path):
                return "a zip archive without a PowerPoint presentation in it"
            return None
    return "not a PDF or PowerPoint file by its content"


def _holds_presentation(path: Path) -> bool:
    """Whether the zip at `path` declares a PresentationML part (.pptx, .pptm, .ppsx, .potx ...);
    a zip too broken to tell is taken, to be reported as the broken deck it may be."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as zf:
            if "[Content_Types].xml" not in zf.namelist():
                return False
            types = zf.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError):
        return True
    return b"presentationml" in types


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of the file's bytes (the `Document.sha256` that ties a plan to its source)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:  # the file changed under us since `check_file` read it
        raise _unreadable(path, exc) from exc
    return digest.hexdigest()


def extract(path: str | Path, options: ParseOptions | None = None) -> Document:
    """Read `path` into the layout model with the extractor its content calls for."""
    options = options or ParseOptions()
    p = Path(path)
    head = check_file(p, options)
    return clean_document(pick_extractor(head, p).extract(p, options))
