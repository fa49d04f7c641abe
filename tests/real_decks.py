"""The real slide PDFs of fixtures/real, read once per test session: their sources (SOURCES.md) and
their layouts by either engine, shared by the tests that hold them to the tags, to each other and
to the command line (tests/test_real_decks.py, tests/test_layout_dump.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lnhs_parse.errors import LnhsParseError
from lnhs_parse.extract import extract
from lnhs_parse.layout import Document
from lnhs_parse.settings import Engine, ParseOptions
from support import FIXTURES

REAL = FIXTURES / "real"


@dataclass(frozen=True)
class Source:
    """One row of fixtures/real/SOURCES.md."""

    name: str
    group: str  # PowerPoint, Acrobat PDFMaker, Keynote, Google Slides
    tagged: bool
    sha256: str


def sources() -> dict[str, Source]:
    """File name → its row in SOURCES.md."""
    out: dict[str, Source] = {}
    for line in (REAL / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 19 or not cells[2].startswith("`"):
            continue
        name, group = cells[2].strip("`"), cells[3]
        if "PDFMaker" in group:
            group = "Acrobat PDFMaker"
        elif group.startswith("Keynote"):
            group = "Keynote"
        elif group.startswith("Google"):
            group = "Google Slides"
        else:
            group = "PowerPoint"
        out[name] = Source(name, group, cells[13] == "yes", cells[18].strip("`"))
    return out


NAMES = sorted(sources())


@cache
def layout(name: str, engine: Engine) -> Document | LnhsParseError:
    """The layout of a real deck read by `engine`, or the typed error it raised."""
    try:
        return extract(REAL / name, ParseOptions(engine=engine))
    except LnhsParseError as exc:
        return exc


def cached_extract(path: str | Path, options: ParseOptions | None = None) -> Document:
    """`lnhs_parse.extract.extract` for the real decks, from the session's cache."""
    options = options or ParseOptions()
    got = layout(Path(path).name, options.engine)
    if isinstance(got, LnhsParseError):
        raise got
    return got
