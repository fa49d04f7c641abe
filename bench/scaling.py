"""Benchmark: how the time of a crowded page grows with its number of shapes.

Prints, for 5,000 and 20,000 shapes, the best of a few runs and their ratio: near 4 means
near-linear (a quadratic algorithm gives about 16). The tests check the same growth by counting
the lines of code that run (tests/work.py), which no busy machine can disturb; this script reports
the time.

    python bench/scaling.py            # 3 rounds
    python bench/scaling.py --rounds 1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the crowded-deck builders the tests use

SIZES = (5_000, 20_000)


def best_of(rounds: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs per size; the best counts (default 3)")
    args = parser.parse_args(argv)

    import lnhs_parse
    from damage import many_icons_pptx, many_squares_pdf
    from layout_builders import SLIDE_H, SLIDE_W
    from lnhs_parse.extract import extract
    from lnhs_parse.extract.pdf.tables import _tile_groups
    from lnhs_parse.layout import Page
    from lnhs_parse.normalise.content import status_icons
    from lnhs_parse.settings import ParseOptions
    from test_many_icons import _lattice

    def tiles(n: int) -> list[Any]:
        return [((20 + (i % 200) * 6.0, 20 + (i // 200) * 7.5,
                  25.5 + (i % 200) * 6.0, 25 + (i // 200) * 7.5), None, i) for i in range(n)]

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cases: dict[str, Callable[[int], Callable[[], object]]] = {
            "icon matching": lambda n: partial(
                status_icons, Page(1, SLIDE_W, SLIDE_H, (), (), _lattice(n))),
            "tile grouping": lambda n: partial(_tile_groups, tiles(n)),
            "pptx parse": lambda n: partial(
                lnhs_parse.parse, many_icons_pptx(work / f"{n}.pptx", n)),
            "pdf extract": lambda n: partial(
                extract, many_squares_pdf(work / f"{n}.pdf", n), ParseOptions()),
        }
        print(f"{'case':<16}{SIZES[0]:>10,}{SIZES[1]:>10,}   ratio (4: linear, 16: quadratic)")
        for name, make in cases.items():
            times = [best_of(args.rounds, make(n)) for n in SIZES]
            print(f"{name:<16}{times[0]:>9.3f}s{times[1]:>9.3f}s   {times[1] / times[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
