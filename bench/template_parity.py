"""Decks in other counties' templates against their truth (fixtures/gen/random_templates.py,
fixtures/templates/).

    python bench/template_parity.py --decks 200 --seed-start 1000       # new random decks
    python bench/template_parity.py --decks 50 --pairs --keep /tmp/tpl  # ... as year pairs, kept
    python bench/template_parity.py --dir fixtures/templates/random     # the committed sample
    python bench/template_parity.py --fixed                             # the fixed templates, pairs
    python bench/template_parity.py --fixed --truth                     # score the expected plans

Decks are made from seeds (those of the committed sample, fixtures/templates/random, are skipped)
as PPTX, LibreOffice PDF and Chromium PDF, each with its expected plan (written from the content)
and its profile (the county's actors); `--pairs` makes each seed a year pair with its true changes.
Every file is parsed in a process pool with `lnhs_parse.parse(path, profile=<its profile>)`; per
producer (`pptx`, `pdf`: LibreOffice, `chromium.pdf`) the report gives

- action rows: rows equal to the truth (place, number, text, responsible as printed, schedule,
  indicators, other columns), matched in order; a missing or extra row counts as different;
- statuses: actions' and sub-goals' statuses equal to the truth;
- actor sets: actions whose own actors and responsible ids equal the truth;
- the share of decks whose status scale (codes, labels, ranks), columns (keys, roles, headers) and
  goal and sub-goal titles equal the truth;
- the worst decks, with what differs; parse errors (a deck that does not parse counts as all
  wrong) are listed.

For year pairs (`--pairs`, `--fixed`) each producer's two files are diffed (`lnhs_parse.diff`):
action changes equal to the truth (change, goal, sub-goal, texts, moved from) and status
directions (actions' and sub-goals') equal to it. `--truth` scores the expected plans themselves
(and their diff), which checks the bench and the truth rather than the parser. Progress on stderr,
the report on stdout (`--json FILE` writes it as data too).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "fixtures" / "gen"
TEMPLATES = ROOT / "fixtures" / "templates"
SAMPLE = TEMPLATES / "random"
PRODUCERS = ("pptx", "pdf", "chromium.pdf")
if str(GEN) not in sys.path:
    sys.path.insert(0, str(GEN))

import template_compare as C  # noqa: E402  (after the sys.path entry)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# parsing (worker processes)


def _expected_plan(folder: Path, name: str) -> Any:
    from lnhs_parse.model import Plan
    from template_expected import with_provenance

    data = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    return Plan.model_validate(with_provenance(data, path=f"{name}.pptx"))


def parse_deck(folder: str, name: str, producers: tuple[str, ...], truth: bool) -> dict[str, Any]:
    import lnhs_parse

    folder_p = Path(folder)
    exp = json.loads((folder_p / f"{name}.expected.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {"name": name, "expected": C.plan_view(exp, pages=False)}
    profile = folder_p / f"{name}.profile.toml"
    for kind in producers:
        path = folder_p / f"{name}.{kind}"
        t0 = time.perf_counter()
        try:
            if truth:
                plan = _expected_plan(folder_p, name)
            elif not path.exists():
                raise FileNotFoundError(f"no {path.name}")
            else:
                plan = lnhs_parse.parse(path, profile=profile)
            out[kind] = C.plan_view(plan.model_dump(mode="json"), pages=False)
        except Exception as exc:
            out[kind] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
        out[f"{kind} seconds"] = time.perf_counter() - t0
    return out


def diff_pair(folder: str, base: str, head: str, producers: tuple[str, ...],
              truth: bool) -> dict[str, Any]:
    import lnhs_parse

    folder_p = Path(folder)
    out: dict[str, Any] = {"base": base, "head": head}
    for kind in producers:
        try:
            if truth:
                from lnhs_parse.compare import diff_plans

                diff = diff_plans(_expected_plan(folder_p, base), _expected_plan(folder_p, head))
            else:
                diff = lnhs_parse.diff(folder_p / f"{base}.{kind}", folder_p / f"{head}.{kind}",
                                       options={"profile": folder_p / f"{head}.profile.toml"})
            out[kind] = diff.model_dump(mode="json")
        except Exception as exc:
            out[kind] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    return out


# --------------------------------------------------------------------------------------------------
# the report


def _share(a: int, b: int) -> str:
    return f"{a / b:.4f} ({a}/{b})" if b else "-"


def report_decks(results: list[dict[str, Any]], producers: Sequence[str],
                 worst: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for kind in producers:
        tot = {"rows": 0, "rows_equal": 0, "statuses": 0, "statuses_equal": 0,
               "actor_sets": 0, "actor_sets_equal": 0, "scale": 0, "columns": 0, "titles": 0}
        errors, per_deck = [], []
        for r in results:
            got = r.get(kind)
            if isinstance(got, dict) and "error" in got:
                errors.append((r["name"], got["error"]))
                got = None
            s = C.score(r["expected"], got)
            for k in ("rows", "rows_equal", "statuses", "statuses_equal", "actor_sets",
                      "actor_sets_equal"):
                tot[k] += s[k]
            tot["scale"] += s["scale_equal"]
            tot["columns"] += s["columns_equal"]
            tot["titles"] += s["titles_equal"]
            parts = [s["rows_equal"] / s["rows"] if s["rows"] else 1.0,
                     s["statuses_equal"] / s["statuses"] if s["statuses"] else 1.0,
                     s["actor_sets_equal"] / s["actor_sets"] if s["actor_sets"] else 1.0]
            per_deck.append((min(parts), r["name"], s))
        n = len(results)
        print(f"\n== {kind}: {n} deck(s), {len(errors)} parse error(s)")
        print(f"  action rows  {_share(tot['rows_equal'], tot['rows'])}")
        print(f"  statuses     {_share(tot['statuses_equal'], tot['statuses'])}")
        print(f"  actor sets   {_share(tot['actor_sets_equal'], tot['actor_sets'])}")
        print(f"  decks with the scale equal {_share(tot['scale'], n)}, columns "
              f"{_share(tot['columns'], n)}, goal and sub-goal titles {_share(tot['titles'], n)}")
        per_deck.sort(key=lambda x: (x[0], x[1]))
        bad = [x for x in per_deck if x[0] < 1.0][:worst]
        if bad:
            print("  worst decks:")
            for sc, name, s in bad:
                print(f"    {name}: {sc:.3f} (rows {s['rows_equal']}/{s['rows']}, statuses "
                      f"{s['statuses_equal']}/{s['statuses']}, actors "
                      f"{s['actor_sets_equal']}/{s['actor_sets']})")
                for p in s["problems"][:4]:
                    print(f"      {p}")
        if errors:
            print("  parse errors:")
            for name, err in errors[:worst]:
                print(f"    {name}: {err}")
            if len(errors) > worst:
                print(f"    ... and {len(errors) - worst} more")
        data[kind] = {**tot, "decks": n, "errors": [{"deck": a, "error": b} for a, b in errors],
                      "worst": [{"deck": name, "score": sc, "problems": s["problems"][:10]}
                                for sc, name, s in bad]}
    return data


def report_pairs(results: list[dict[str, Any]], truths: dict[str, Any], producers: Sequence[str],
                 worst: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for kind in producers:
        tot = {"changes": 0, "changes_equal": 0, "directions": 0, "directions_equal": 0}
        errors, per_pair = [], []
        for r in results:
            got = r.get(kind)
            if isinstance(got, dict) and "error" in got:
                errors.append((r["base"], got["error"]))
                got = None
            s = C.score_pair(truths[r["base"]], got)
            for k in tot:
                tot[k] += s[k]
            sc = min(s["changes_equal"] / s["changes"] if s["changes"] else 1.0,
                     s["directions_equal"] / s["directions"] if s["directions"] else 1.0)
            per_pair.append((sc, r["base"], s))
        print(f"\n== pairs, {kind}: {len(results)} pair(s), {len(errors)} error(s)")
        print(f"  action changes     {_share(tot['changes_equal'], tot['changes'])}")
        print(f"  status directions  {_share(tot['directions_equal'], tot['directions'])}")
        per_pair.sort(key=lambda x: (x[0], x[1]))
        for sc, name, s in [x for x in per_pair if x[0] < 1.0][:worst]:
            print(f"    {name}: {sc:.3f}")
            for p in s["problems"][:4]:
                print(f"      {p}")
        for name, err in errors[:worst]:
            print(f"    {name}: {err}")
        data[kind] = {**tot, "pairs": len(results),
                      "errors": [{"pair": a, "error": b} for a, b in errors]}
    return data


# --------------------------------------------------------------------------------------------------
# main


def _sample_seeds() -> set[int]:
    m = SAMPLE / "manifest.json"
    if not m.exists():
        return set()
    return {v["seed"] for v in json.loads(m.read_text(encoding="utf-8"))["decks"].values()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--decks", type=int, default=40, help="how many new decks (default 40)")
    ap.add_argument("--seed-start", type=int, default=1000, help="first seed (default 1000)")
    ap.add_argument("--pairs", action="store_true", help="each seed a year pair, with its diff")
    ap.add_argument("--dir", type=Path, help="parse the decks already in this folder")
    ap.add_argument("--fixed", action="store_true", help="the fixed templates (fixtures/templates)")
    ap.add_argument("--keep", type=Path, help="make the decks in this folder and keep them")
    ap.add_argument("--producers", default=",".join(PRODUCERS),
                    help=f"comma-separated, of {', '.join(PRODUCERS)}")
    ap.add_argument("--no-chromium", action="store_true", help="make no Chromium prints")
    ap.add_argument("--truth", action="store_true",
                    help="score the expected plans instead of parsing (checks the bench)")
    ap.add_argument("--jobs", type=int, default=2, help="parsing processes (default 2)")
    ap.add_argument("--worst", type=int, default=10, help="worst decks listed per producer")
    ap.add_argument("--json", type=Path, help="also write the report as JSON")
    args = ap.parse_args(argv)
    producers = tuple(p.strip() for p in args.producers.split(",") if p.strip())
    if unknown := [p for p in producers if p not in PRODUCERS]:
        ap.error(f"unknown producer(s) {unknown}; known: {', '.join(PRODUCERS)}")
    if args.no_chromium:
        producers = tuple(p for p in producers if p != "chromium.pdf")
    t0 = time.time()
    tmp = None
    pairs: list[tuple[str, str]] = []
    truths: dict[str, Any] = {}
    if args.fixed:
        folder = TEMPLATES
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        names = sorted(manifest["decks"])
        for p in manifest["pairs"].values():
            pairs.append((p["base"], p["head"]))
            truths[p["base"]] = json.loads((folder / p["changes"]).read_text(encoding="utf-8"))
    elif args.dir:
        folder = args.dir
        names = sorted(p.name.removesuffix(".expected.json")
                       for p in folder.glob("*.expected.json"))
        for n in names:
            ch = folder / f"{n}.changes.json"
            if ch.exists() and n + "-next" in names:
                pairs.append((n, n + "-next"))
                truths[n] = json.loads(ch.read_text(encoding="utf-8"))
        if not names:
            ap.error(f"no *.expected.json in {folder}")
    else:
        import random_templates as RT

        taken = _sample_seeds()
        seeds: list[int] = []
        s = args.seed_start
        while len(seeds) < args.decks:
            if s not in taken:
                seeds.append(s)
            s += 1
        folder = args.keep or Path(tempfile.mkdtemp(prefix="lnhs-templates-"))
        tmp = None if args.keep else folder
        log(f"making {len(seeds)} deck(s){' pairs' if args.pairs else ''} in {folder}")
        RT.generate(seeds, folder, pairs=args.pairs, chromium="chromium.pdf" in producers,
                    log=log)
        names = sorted(p.name.removesuffix(".expected.json")
                       for p in folder.glob("*.expected.json"))
        names = [n for n in names if int(n[4:8]) in seeds]
        if args.pairs:
            for s in seeds:
                base = RT.name_of(s)
                pairs.append((base, base + "-next"))
                truths[base] = json.loads((folder / f"{base}.changes.json").read_text())
        log(f"made in {time.time() - t0:.0f} s")
    try:
        t1 = time.time()
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(parse_deck, [str(folder)] * len(names), names,
                                    [producers] * len(names), [args.truth] * len(names)))
            diffs = list(pool.map(diff_pair, [str(folder)] * len(pairs), [b for b, _ in pairs],
                                  [h for _, h in pairs], [producers] * len(pairs),
                                  [args.truth] * len(pairs)))
        log(f"parsed {len(names)} deck(s), diffed {len(pairs)} pair(s) in "
            f"{time.time() - t1:.0f} s")
        print(f"# {len(names)} deck(s) from {folder}{' (expected plans)' if args.truth else ''}")
        data = {"decks": report_decks(results, producers, args.worst)}
        if pairs:
            data["pairs"] = report_pairs(diffs, truths, producers, args.worst)
        if args.json:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
