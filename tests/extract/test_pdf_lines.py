"""The line reader's helpers that stand in for slower built-ins give the built-ins' results."""

from __future__ import annotations

import math
import random

from lnhs_parse.extract.pdf.lines import _tenth


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def test_tenth_is_round_to_one_decimal() -> None:
    """`_tenth(v)` is `round(v, 1)`: on coordinates, on the doubles nearest to and next to
    halfway between two tenths, on whole tenths and hundredths, and on the extremes."""
    rnd = random.Random(23)
    values = [0.0, -0.0, 0.05, -0.05, 0.25, 1.15, 2.675, 99999999.95, 1e8, 1e9, 1e10, 4.5e14 + 0.3,
              1e300, -1e300, 5e-324, math.inf, -math.inf, math.nan]
    for _ in range(20000):
        values.append(rnd.uniform(-1000.0, 1000.0))
        values.append(rnd.uniform(-1e9, 1e9) / 10)
        k = rnd.randint(-100000, 100000)
        halfway = (2 * k + 1) / 20
        values += [halfway, math.nextafter(halfway, -math.inf), math.nextafter(halfway, math.inf),
                   k / 10, k / 100, k / 1000]
    wrong = [v for v in values if not _same(_tenth(v), round(v, 1))]
    assert wrong == []
