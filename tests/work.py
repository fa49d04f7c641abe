"""The work a call does, counted rather than timed: the lines of the project's own code that run.

A count is the same on every machine and every run, so a complexity check built on it cannot fail
because the machine was busy, and a quadratic loop cannot hide in it (4x the input runs about 16x
the lines, against 4x to 5x for a linear or n log n algorithm). Library code (pdfminer, python-pptx)
is not counted: only `src/lnhs_parse`. Time and memory goals are measured by `bench/`, which prints
ratios.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import lnhs_parse

T = TypeVar("T")

_ROOT = str(Path(lnhs_parse.__file__).resolve().parent)


def lines_run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, int]:
    """`fn(*args, **kwargs)` and the number of lines of `lnhs_parse` it ran (line events of
    `sys.settrace` in frames whose code lives in the package)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(_ROOT) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, count


def assert_near_linear(counts: dict[int, int], *, factor: float = 6.0) -> None:
    """Work counted at two sizes, the larger 4x the smaller: at most `factor` times the work (a
    linear algorithm runs 4x the lines, n log n a little more, a quadratic one 16x)."""
    (small, w_small), (big, w_big) = sorted(counts.items())
    assert w_big <= factor * (big / small / 4) * w_small, (
        f"{small:,} items ran {w_small:,} lines, {big:,} items {w_big:,} lines "
        f"({w_big / w_small:.1f}x for {big / small:.0f}x the items)"
    )
