"""Parse settings: validated dataclasses with named defaults.

Like pdfplumber's table settings, every knob has a name, a default and a check, so a typo or a
nonsense value fails before any file is opened. The CLI's flags map one to one onto the fields of
`Limits`; `SlideSettings` (how slides are read) and `LegendSettings` (how the status legend is read)
are for the library: `ParseOptions(slides=SlideSettings(...), legend=LegendSettings(...))`.
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
    max_page_objects: int = 250_000  # PDF: chars, drawings, images on a page; PPTX: slide shapes

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


def _check_number(
    owner: str,
    name: str,
    value: object,
    *,
    minimum: float = 0.0,
    inclusive: bool = False,
    maximum: float | None = None,
    integer: bool = False,
) -> None:
    """Raise `ConfigError` unless `value` is a number (an int when `integer`) above `minimum` (or
    equal to it when `inclusive`) and at most `maximum`."""
    ok = False
    if isinstance(value, int | float) and not isinstance(value, bool):
        ok = (
            (isinstance(value, int) or not integer)
            and (value >= minimum if inclusive else value > minimum)
            and (maximum is None or value <= maximum)
        )
    if not ok:
        kind = "an integer" if integer else "a number"
        low = f"{'>=' if inclusive else '>'} {minimum:g}"
        high = "" if maximum is None else f" and <= {maximum:g}"
        raise ConfigError(f"{owner}.{name} must be {kind} {low}{high}, got {value!r}")


@dataclass(frozen=True)
class SlideSettings:
    """How slides are read: footers, goal titles, header rows, tables without lines, status icons.

    Lengths are in points (1/72 inch) of the slide as extracted; "x line height" factors are
    relative to the height of the line above.
    """

    footer_zone: float = 0.92
    """A line whose top lies below this fraction of the page height (0..1) ..."""
    footer_max_size: float = 10.5
    """... and whose font is no larger (pt) is a footer (slide number, organisation name)."""
    title_size_tolerance: float = 1.0
    """The lines of a goal title share its font size within this (pt) ..."""
    title_gap_factor: float = 0.8
    """... and follow each other closer than this x line height."""
    min_header_roles: int = 3
    """Header cells a goal table's first row must name (of sub-goal, progress, focus areas, joint
    highlights; 1..4) to be its header row."""
    column_gap: float = 7.0
    """A table drawn without lines: white gap (pt) that separates two text columns."""
    grid_pad: float = 2.0
    """A table drawn without lines: margin (pt) added around the text of the rebuilt cells."""
    max_icon_size: float = 40.0
    """Larger graphics (pt, width or height) are no status icons (bands, pictures of content): the
    extractors take none as a candidate, and the normaliser none as a status icon."""
    icon_overlap: float = 0.3
    """Icons overlapping this much of the smaller one's area (0..1) are one icon (a shadow): in the
    PDF extractor's candidates, and in the normaliser's status icons."""
    cell_tolerance: float = 1.0
    """Slack (pt) when testing whether a point lies in a table cell or row."""

    def __post_init__(self) -> None:
        owner = type(self).__name__
        _check_number(owner, "footer_zone", self.footer_zone, inclusive=True, maximum=1.0)
        _check_number(owner, "footer_max_size", self.footer_max_size, inclusive=True)
        _check_number(owner, "title_size_tolerance", self.title_size_tolerance, inclusive=True)
        _check_number(owner, "title_gap_factor", self.title_gap_factor, inclusive=True)
        _check_number(
            owner, "min_header_roles", self.min_header_roles, minimum=1, inclusive=True,
            maximum=4, integer=True,
        )
        _check_number(owner, "column_gap", self.column_gap)
        _check_number(owner, "grid_pad", self.grid_pad, inclusive=True)
        _check_number(owner, "max_icon_size", self.max_icon_size)
        _check_number(owner, "icon_overlap", self.icon_overlap, maximum=1.0)
        _check_number(owner, "cell_tolerance", self.cell_tolerance, inclusive=True)


@dataclass(frozen=True)
class LegendSettings:
    """How the status legend is read: which text block labels which icon, and how close a table
    icon's colour must come to a legend icon's. Lengths in points."""

    max_colour_distance: float | None = None
    """Colours closer than this (RGB Euclidean distance, 0..441) are the same legend colour; None:
    the packaged default (`max_colour_distance` in data/statuses.toml, 60)."""
    max_text_distance: float = 120.0
    """Farthest (pt) a legend label's text block may start right of its icon."""
    max_text_offset: float = 40.0
    """Vertical distance (pt) allowed between an icon's centre and its text block."""
    block_x_tolerance: float = 3.0
    """Lines of one text block start at the same x within this (pt) ..."""
    block_gap_factor: float = 0.9
    """... and follow each other closer than this x line height."""
    min_entries: int = 2
    """Icons paired with status labels for a slide to be the legend."""

    def __post_init__(self) -> None:
        owner = type(self).__name__
        if self.max_colour_distance is not None:
            _check_number(owner, "max_colour_distance", self.max_colour_distance, maximum=442.0)
        _check_number(owner, "max_text_distance", self.max_text_distance)
        _check_number(owner, "max_text_offset", self.max_text_offset, inclusive=True)
        _check_number(owner, "block_x_tolerance", self.block_x_tolerance, inclusive=True)
        _check_number(owner, "block_gap_factor", self.block_gap_factor)
        _check_number(
            owner, "min_entries", self.min_entries, minimum=1, inclusive=True, integer=True
        )


PDF_ENGINES = ("pdfium", "pdfplumber")
"""The PDF engines: pdfium (pypdfium2), and pdfplumber (pdfminer.six), the reference it matches."""
DEFAULT_ENGINE = "pdfium"


@dataclass(frozen=True)
class ParseOptions:
    """Everything `lnhs_parse.parse` can be told."""

    password: str | None = None  # for encrypted PDFs
    actors: Path | None = None  # a TOML file extending / overriding the packaged actor registry
    limits: Limits = field(default_factory=Limits)
    debug_dir: Path | None = None  # write a PNG per page with what the PDF extractor detected
    strict: bool = False  # raise StrictModeError when the parse produced warnings
    slides: SlideSettings = field(default_factory=SlideSettings)  # how slides are read
    legend: LegendSettings = field(default_factory=LegendSettings)  # how the legend is read
    profile: tuple[Path, ...] = ()  # TOML profiles extending the packaged vocabulary (in order)
    engine: str = DEFAULT_ENGINE  # the PDF engine, one of PDF_ENGINES (plans are the same)
    isolate: bool = False  # parse in a worker process: a crash, the timeout or the memory cap
    #                        raises a typed error here instead of taking this process down
    timeout: float = 300.0  # seconds a parse in a worker process may take (0: no limit)
    max_memory_mb: float = 4096.0  # address space of a worker process (0: no cap)

    def __post_init__(self) -> None:
        if self.engine not in PDF_ENGINES:
            raise ConfigError(
                f"engine must be one of {', '.join(PDF_ENGINES)}, got {self.engine!r}"
            )
        if not isinstance(self.isolate, bool):
            raise ConfigError(f"isolate must be True or False, got {self.isolate!r}")
        for name in ("timeout", "max_memory_mb"):
            _check_number("ParseOptions", name, getattr(self, name), inclusive=True)
        # paths may be given as strings; one profile as a path, several as a list
        profile: object = self.profile
        if isinstance(profile, str | Path):
            profile = (profile,)
        if not isinstance(profile, list | tuple) or not all(
            isinstance(p, str | Path) for p in profile
        ):
            raise ConfigError("profile must be a path or a list of paths")
        object.__setattr__(self, "profile", tuple(Path(p) for p in profile))
        if self.actors is not None:
            object.__setattr__(self, "actors", Path(self.actors))
        if self.debug_dir is not None:
            object.__setattr__(self, "debug_dir", Path(self.debug_dir))
        if not isinstance(self.limits, Limits):
            raise ConfigError("limits must be a lnhs_parse.Limits")
        if not isinstance(self.slides, SlideSettings):
            raise ConfigError("slides must be a lnhs_parse.SlideSettings")
        if not isinstance(self.legend, LegendSettings):
            raise ConfigError("legend must be a lnhs_parse.LegendSettings")
