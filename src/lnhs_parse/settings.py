"""Parse settings: validated dataclasses with named defaults.

Like pdfplumber's table settings, every knob has a name, a default and a check, so a typo or a
nonsense value fails before any file is opened. The CLI's flags map one to one onto these fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from lnhs_parse.errors import ConfigError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Resource limits; a file over any of them is refused with `LimitExceededError` (exit 3)."""

    max_file_mb: float = 200.0  # size of the file on disk
    max_pages: int = 2000  # PDF pages or PPTX slides
    max_inflated_mb: float = 1024.0  # PPTX: total uncompressed size of the zip's parts
    max_part_mb: float = 256.0  # PPTX: uncompressed size of any one part
    max_page_objects: int = 250_000  # PDF: chars + drawing objects + images on one page

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"limit {f.name} must be a positive number, got {value!r}")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_inflated_bytes(self) -> int:
        return int(self.max_inflated_mb * MB)

    @property
    def max_part_bytes(self) -> int:
        return int(self.max_part_mb * MB)


@dataclass(frozen=True)
class ParseOptions:
    """Everything `lnhs_parse.parse` can be told."""

    password: str | None = None  # for encrypted PDFs
    actors: Path | None = None  # a TOML file extending / overriding the packaged actor registry
    limits: Limits = field(default_factory=Limits)
    debug_dir: Path | None = None  # write a PNG per page with what the PDF extractor detected
    strict: bool = False  # raise StrictModeError when the parse produced warnings

    def __post_init__(self) -> None:
        if self.actors is not None and not isinstance(self.actors, Path):
            object.__setattr__(self, "actors", Path(self.actors))
        if self.debug_dir is not None and not isinstance(self.debug_dir, Path):
            object.__setattr__(self, "debug_dir", Path(self.debug_dir))
        if not isinstance(self.limits, Limits):
            raise ConfigError("limits must be a lnhs_parse.Limits")
