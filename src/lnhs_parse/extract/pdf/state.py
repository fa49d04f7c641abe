"""What the PDF extractor carries from page to page (warnings, per-document caches), and how an
exception met on the way is described in a message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lnhs_parse.extract.pdf.objects import RGB
from lnhs_parse.layout import LayoutWarning
from lnhs_parse.settings import SlideSettings
from lnhs_parse.warning_codes import WarningCode

if TYPE_CHECKING:
    from lnhs_parse.extract.pdf.lines import Face  # lines imports this module (through tables)

PictureSignature = tuple[RGB | None, str | None]
"""A picture's dominant colour and the digest of its content."""


@dataclass
class DocState:
    warnings: list[LayoutWarning] = field(default_factory=list)
    # picture signatures by the image stream's object id: an icon picture recurs on every page
    pictures: dict[object, PictureSignature] = field(default_factory=dict)
    faces: dict[str, Face] = field(default_factory=dict)  # font name -> what it says of its face
    # how slides are read: the icon rules (`max_icon_size`, `icon_overlap`) apply in the extractor
    slides: SlideSettings = field(default_factory=SlideSettings)

    def warn(self, code: WarningCode, message: str, page: int | None) -> None:
        self.warnings.append(LayoutWarning(code, message, page))


def describe(exc: BaseException, limit: int = 100) -> str:
    """"Type: message" of an exception, or of the one it wraps (pdfplumber wraps pdfminer's), as one
    printable line cut to `limit` characters (a library's message may dump whole dictionaries or
    raw bytes; the whole of it stays on the exception chain, shown under --debug)."""
    from lnhs_parse.errors import one_line

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = one_line(str(inner), limit)
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__
