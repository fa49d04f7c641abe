"""A fuzz campaign on both PDF engines: damaged copies of the PDF fixtures, each parsed by pdfium
and by pdfplumber in worker processes (`isolate=True`, so a crash is counted, not suffered).

    python bench/fuzz_engines.py                  # 300 mutants, seed 0
    python bench/fuzz_engines.py --mutants 3000 --seed 7 --keep DIR

Each mutant is a fixture deck with 1 to 64 bytes flipped (`tests/hostile.py`, `flip_bytes`) or cut
short. Per engine it prints the outcomes (a plan, or the typed error's class), and the failures
that must not happen: crashes (`WorkerCrashedError`), internal errors (any exception that is not an
`LnhsParseError`) and timeouts; then how many mutants got the same outcome from both engines
(a plan for both, or the same error class) and the most common differences. `--keep DIR` keeps
the mutants whose outcomes differ or that failed, named by seed. Exit status 1 when any engine
crashed or failed internally.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lnhs_parse.settings import Engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

ENGINES: tuple[Engine, ...] = ("pdfium", "pdfplumber")
BAD = ("WorkerCrashedError", "ParseTimeoutError", "internal")


def outcome(path: Path, engine: Engine, timeout: float) -> str:
    import lnhs_parse
    from lnhs_parse.settings import ParseOptions

    try:
        lnhs_parse.parse(path, options=ParseOptions(engine=engine, isolate=True, timeout=timeout))
    except lnhs_parse.LnhsParseError as exc:
        return type(exc).__name__
    except Exception as exc:  # an internal error: what the campaign looks for
        return f"internal: {type(exc).__name__}: {str(exc)[:80]}"
    return "plan"


def mutant(rng: random.Random, decks: list[Path]) -> bytes:
    import hostile

    data = rng.choice(decks).read_bytes()
    if rng.random() < 0.8:
        return hostile.flip_bytes(data, rng, rng.randint(1, 64))
    return data[: max(1, int(len(data) * rng.random()))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per parse")
    parser.add_argument("--keep", type=Path, help="keep the mutants that differ or failed here")
    args = parser.parse_args(argv)

    import logging
    import tempfile

    logging.disable(logging.CRITICAL)  # pdfminer's complaints about the damage
    decks = sorted((ROOT / "fixtures").glob("*.pdf")) + sorted(
        (ROOT / "fixtures" / "random").glob("rnd-000[1-4]*.pdf"))
    counts = {engine: Counter[str]() for engine in ENGINES}
    pairs: Counter[tuple[str, str]] = Counter()
    failures: list[tuple[int, Engine, str]] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.mutants):
            seed = args.seed * 1_000_000 + n
            path = Path(tmp) / f"m{seed}.pdf"
            path.write_bytes(mutant(random.Random(seed), decks))
            got = {engine: outcome(path, engine, args.timeout) for engine in ENGINES}
            for engine, result in got.items():
                bad = result.startswith("internal") or result in BAD
                counts[engine]["internal" if result.startswith("internal") else result] += 1
                if bad:
                    failures.append((seed, engine, result))
            pairs[(got["pdfium"], got["pdfplumber"])] += 1
            if args.keep and (got["pdfium"] != got["pdfplumber"] or any(
                    r.startswith("internal") or r in BAD for r in got.values())):
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / path.name).write_bytes(path.read_bytes())
    seconds = time.perf_counter() - start

    print(f"{args.mutants} mutants of {len(decks)} decks, seed {args.seed}, {seconds:.0f} s")
    for engine in ENGINES:
        c = counts[engine]
        print(f"\n{engine}: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))
        print(f"  crashes {c['WorkerCrashedError']}, internal errors {c['internal']}, "
              f"timeouts {c['ParseTimeoutError']}")
    same = sum(n for (a, b), n in pairs.items() if a == b)
    print(f"\nsame outcome on both engines: {same} of {args.mutants} "
          f"({100 * same / max(args.mutants, 1):.1f} %)")
    for (a, b), n in sorted(((k, v) for k, v in pairs.items() if k[0] != k[1]),
                            key=lambda kv: -kv[1])[:8]:
        print(f"  pdfium {a:28} pdfplumber {b:28} {n}")
    for seed, engine, result in failures[:20]:
        print(f"FAILED seed {seed} {engine}: {result}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
