"""A slide of tens of thousands of small shapes: icon matching stays near linear, and a slide over the
shape limit is refused like a PDF page over the object limit.

The complexity checks count the lines of the project's code that run at two sizes (tests/work.py):
4x the shapes may run at most 6x the lines, where a quadratic match runs 16x. A count is the same on
any machine; the time itself is measured by `bench/scaling.py`, which prints ratios.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from damage import many_icons_pptx, many_squares_pdf
from hostile import PPTX
from layout_builders import SLIDE_H, SLIDE_W, icon, line
from lnhs_parse.errors import LimitExceededError
from lnhs_parse.extract import extract
from lnhs_parse.layout import Icon, Page
from lnhs_parse.normalise.content import status_icons
from lnhs_parse.settings import Limits, ParseOptions, SlideSettings
from lnhs_parse.utils.geometry import overlap_of_smaller, reading_rows
from work import assert_near_linear, lines_run

COLOURS = ["#00B050", "#FF0000", "#FFC000", None, "#808080", "#BFBFBF"]


def _reference(page: Page, settings: SlideSettings) -> list[Icon]:
    """The plain pairwise match (each small icon against every icon kept so far): the meaning the
    indexed one must keep."""
    small = [
        ic for ic in page.icons
        if ic.bbox[2] - ic.bbox[0] <= settings.max_icon_size
        and ic.bbox[3] - ic.bbox[1] <= settings.max_icon_size
    ]

    def saturation(value: str | None) -> float:
        if value is None:
            return -1.0
        rgb = [int(value[i:i + 2], 16) for i in (1, 3, 5)]
        return 0.0 if max(rgb) == 0 else (max(rgb) - min(rgb)) / max(rgb)

    kept: list[Icon] = []
    for ic in sorted(small, key=lambda i: -saturation(i.colour)):
        if any(overlap_of_smaller(ic.bbox, k.bbox) >= settings.icon_overlap for k in kept):
            continue
        kept.append(ic)
    return [kept[i] for i in reading_rows([k.bbox for k in kept])]


def _random_page(n: int, seed: int) -> Page:
    rnd = random.Random(seed)
    icons = []
    for _ in range(n):
        d = rnd.choice([0.0, 1.0, 3.0, 8.0, 14.0, 30.0, 60.0])
        x, y = rnd.uniform(-20, SLIDE_W), rnd.uniform(-20, SLIDE_H)
        icons.append(icon(round(x, 1), round(y, 1), rnd.choice(COLOURS), d=d))
    # shapes drawn inverted (right edge left of the left one) have no area and match nothing
    icons.append(Icon("shape", (500.0, 10.0, -1e9, 20.0), "#FF0000", None, None))
    return Page(1, SLIDE_W, SLIDE_H, (line("Tavoite", 40, 30),), (), tuple(icons))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("settings", [SlideSettings(), SlideSettings(max_icon_size=4.0),
                                      SlideSettings(icon_overlap=0.9)])
def test_indexed_match_keeps_the_pairwise_result(seed: int, settings: SlideSettings) -> None:
    page = _random_page(1000, seed)
    got = status_icons(page, settings)
    assert got == _reference(page, settings)
    assert 0 < len(got) < len(page.icons)


def _lattice(n: int, d: float = 3.0) -> tuple[Icon, ...]:
    """`n` small circles that don't touch, in rows across the slide (all of them are kept: the
    worst case of a pairwise match)."""
    cols = 200
    dx, dy = SLIDE_W / cols, SLIDE_H / ((n + cols - 1) // cols)
    assert dx > d and dy > d
    return tuple(icon((i % cols) * dx, (i // cols) * dy, COLOURS[i % 3], d=d) for i in range(n))


@pytest.mark.slow
def test_twenty_thousand_icons_on_one_page_are_matched_in_near_linear_work() -> None:
    counts = {}
    for n in (5_000, 20_000):
        kept, counts[n] = lines_run(status_icons, Page(1, SLIDE_W, SLIDE_H, (), (), _lattice(n)))
        assert len(kept) == n
    assert_near_linear(counts)


@pytest.mark.slow
def test_a_pptx_slide_of_twenty_thousand_icons_parses_in_near_linear_work(tmp_path: Path) -> None:
    base_plan = lnhs_parse.parse(PPTX)
    counts, plans = {}, {}
    for n in (5_000, 20_000):
        deck = many_icons_pptx(tmp_path / f"{n}.pptx", n)
        plans[n], counts[n] = lines_run(lnhs_parse.parse, deck)
    # the ovals are no content: the plan reads as before
    assert [g.title for g in plans[20_000].goals] == [g.title for g in base_plan.goals]
    assert_near_linear(counts)


def test_a_pptx_slide_over_the_shape_limit_is_refused(tmp_path: Path) -> None:
    deck = many_icons_pptx(tmp_path / "many.pptx", 2_000)
    with pytest.raises(LimitExceededError) as info:
        lnhs_parse.parse(deck, limits=Limits(max_page_objects=1_000))
    assert re.fullmatch(r"slide 2 has \d+ shapes, over the limit of 1000", info.value.message)
    assert info.value.path == str(deck)
    lnhs_parse.parse(deck, limits=Limits(max_page_objects=5_000))  # under the limit: read


@pytest.mark.slow
def test_a_pdf_page_of_twenty_thousand_icons_is_read_in_near_linear_work(tmp_path: Path) -> None:
    counts = {}
    for n in (5_000, 20_000):
        pdf = many_squares_pdf(tmp_path / f"{n}.pdf", n)
        doc, counts[n] = lines_run(extract, pdf, ParseOptions())
        assert len(doc.pages[0].icons) == n
        assert len(status_icons(doc.pages[0])) == n
    assert_near_linear(counts)


@pytest.mark.slow
def test_grouping_fill_tiles_is_near_linear_in_their_number() -> None:
    """The PDF reader groups filled rectangles that share edges into table tiles: 200 to a row,
    touching side by side (within the edge tolerance), rows apart."""
    from lnhs_parse.extract.pdf.tables import _tile_groups

    def lattice(n: int) -> list[Any]:
        return [((20 + (i % 200) * 6.0, 20 + (i // 200) * 7.5,
                  25.5 + (i % 200) * 6.0, 25 + (i // 200) * 7.5), None, i) for i in range(n)]

    counts = {}
    for n, rows in ((5_000, 25), (20_000, 100)):
        groups, counts[n] = lines_run(_tile_groups, lattice(n))
        assert sorted(map(len, groups)) == [200] * rows
    assert_near_linear(counts)


# The peak resident size of this process's own memory (VmHWM): ru_maxrss would not do, as Linux
# carries the parent's (pytest's, large after many tests) across fork and exec.
_PEAK = (
    "import re, sys\n"
    "def hwm():\n"
    "    status = open('/proc/self/status').read()\n"
    "    return int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "import lnhs_parse\n"
    "from lnhs_parse.errors import LimitExceededError\n"
    "from lnhs_parse.settings import Limits\n"
    "base = hwm()\n"
    "try:\n"
    "    lnhs_parse.parse(sys.argv[2], limits=Limits(max_page_objects=int(sys.argv[3])))\n"
    "    print('plan', end=' ')\n"
    "except LimitExceededError as exc:\n"
    "    print(exc.message.replace(' ', '_'), end=' ')\n"
    "except lnhs_parse.LnhsParseError as exc:\n"
    "    print(type(exc).__name__, end=' ')\n"
    "print((hwm() - base) / 1024)\n"
)


@pytest.mark.slow
def test_a_page_over_the_object_limit_is_refused_before_it_is_all_in_memory(
    tmp_path: Path,
) -> None:
    """A page of 100,000 drawn objects under a limit of 10,000 is refused while pdfminer draws it:
    the parse grows the process by at most 100 MB, a third of what reading the page whole takes."""
    from hostile import many_objects_pdf

    pdf = many_objects_pdf(tmp_path / "tihea.pdf", count=100_000)

    def peak(limit: int) -> tuple[str, float]:
        out = subprocess.run([sys.executable, "-c", _PEAK, str(Path(__file__).parent), str(pdf),
                              str(limit)], capture_output=True, text=True, check=True).stdout
        what, mb = out.split()
        return what.replace("_", " "), float(mb)

    refused, refused_mb = peak(10_000)
    assert refused == "page 1 has 10001 objects or more, over the limit of 10000"
    read, read_mb = peak(250_000)
    assert read != refused  # read whole: not refused for its objects
    assert refused_mb < 100, refused_mb
    assert refused_mb * 3 < read_mb, (refused_mb, read_mb)
