"""The year-on-year diff against a held-out oracle: random year pairs
(fixtures/gen/random_pairs.py).

    python bench/diff_parity.py --pairs 30 --seed-start 20000
    python bench/diff_parity.py --pairs 10 --keep /tmp/pairs --json /tmp/pairs.json
    python bench/diff_parity.py --dir /tmp/pairs                # parse pairs made before

Each pair is a base deck (`random_decks.random_deck(seed)`) and its head, the same plan a year later
with random edits, drawn in another random house style; the ground truth is written from the edits
(never from parser output). Both decks are written as PPTX and printed to PDF by the producers
bench/parity.py uses (LibreOffice untagged `pdf` and tagged `tagged.pdf`, Chromium `chromium.pdf`
and `chromium-untagged.pdf`, ReportLab `direct.pdf`), every file is parsed in a process pool, and
the diff (`lnhs_parse.compare.diff_plans`) is taken of

- `expected`: the two expected plans (written from the content): the diff rules alone;
- `pptx>pptx`: the two PPTX plans;
- `pdf>pptx`, `pptx>pdf`: a PDF of one producer against the other year's PPTX;
- `pdf>pdf`: PDFs of two different producers (and `pdf>pdf same`: of one producer).

Scores, per combination kind and overall:

- statements: a predicted change (unchanged ones left out) is right when goal, sub-goal, column,
  change kind and the whitespace-normalised texts before and after equal a ground-truth change
  (multiset): precision, recall, F1;
- statuses: the sub-goals whose icons changed (before != after, order included), right when
  before, after and direction agree: F1.

Then the worst pairs and the failure shapes (a reword reported as removed + added, an unrelated
remove/add paired as modified, a moved statement missed, a wrong direction, and parse faults: a
statement text in the diff that is not in the expected plan, icons misread). Progress on stderr,
the report on stdout (`--json FILE` writes it as data too).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "fixtures" / "gen"
sys.path.insert(0, str(GEN))
sys.path.insert(0, str(ROOT / "bench"))

import parity  # noqa: E402  (bench/parity.py: producers, logging)
from expected import with_provenance  # noqa: E402  (fixtures/gen)

PDF_KINDS = tuple(k for ks in parity.PRODUCERS.values() for k in ks)
SIDES = ("base", "head")
MAX_ATTEMPTS = 4


def log(msg: str) -> None:
    parity.log(msg)


def ws(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


# --------------------------------------------------------------------------------------------------
# making the pairs


def make_pairs(seeds: list[int], folder: Path, producers: list[str], jobs: int) -> dict[int, Any]:
    """Base and head of each seed in `folder/base` and `folder/head` (PPTX, expected JSON, every
    producer's PDFs) and `folder/rnd-SEED.truth.json`. A pair whose LibreOffice PDF fails the
    geometry check (a row grew) is made again with the next attempt."""
    import random_decks as R
    import random_pairs as RP

    for side in SIDES:
        (folder / side).mkdir(parents=True, exist_ok=True)
    pairs: dict[int, Any] = {}
    attempt = dict.fromkeys(seeds, 0)
    todo = list(seeds)
    while todo:
        for s in todo:
            p = RP.random_pair(s, attempt[s])
            pairs[s] = p
            for side, made in (("base", p.base), ("head", p.head)):
                (folder / side / f"{R.name_of(s)}.pptx").write_bytes(R.build_pptx(made))
                (folder / side / f"{R.name_of(s)}.expected.json").write_text(
                    R.expected_json(made), encoding="utf-8")
            (folder / f"{R.name_of(s)}.truth.json").write_text(
                json.dumps({"seed": s, "attempt": attempt[s], "edits": p.edits, **p.truth},
                           ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if "lo" not in producers:
            break
        t0 = time.time()
        for side in SIDES:
            R.export_pdfs([folder / side / f"{R.name_of(s)}.pptx" for s in todo], folder / side)
        log(f"  LibreOffice: {len(todo)} pair(s) in {time.time() - t0:.0f} s")
        again = []
        for s in todo:
            problems = []
            for side in SIDES:
                made = getattr(pairs[s], side)
                problems += R.check_pdf(folder / side / f"{R.name_of(s)}.pdf", made)
            if problems:
                if attempt[s] + 1 >= MAX_ATTEMPTS:
                    log(f"  {R.name_of(s)}: no layout passed ({problems[0]}); kept as it is")
                    continue
                log(f"  {R.name_of(s)} attempt {attempt[s]}: {problems[0]}; trying again")
                attempt[s] += 1
                again.append(s)
        todo = again
    for side in SIDES:
        mades = [getattr(pairs[s], side) for s in seeds]
        if "chromium" in producers:
            import html_deck

            t0 = time.time()
            html_deck.print_random_decks(mades, folder / side, jobs=jobs,
                                         log=lambda m: log(f"  {m}"))
            log(f"  Chromium ({side}): {time.time() - t0:.0f} s")
        if "direct" in producers:
            import direct_pdf

            direct_pdf.write_direct_pdfs(mades, folder / side, log=lambda m: log(f"  {m}"))
    return pairs


# --------------------------------------------------------------------------------------------------
# parsing (in worker processes)


def parse_one(path: str) -> tuple[str, dict[str, Any] | None, str | None]:
    import lnhs_parse

    try:
        plan = lnhs_parse.parse(path)
        return path, plan.model_dump(mode="json"), None
    except Exception as exc:
        return path, None, f"{type(exc).__name__}: {exc}"


def expected_plan_json(path: Path) -> dict[str, Any]:
    """An expected JSON as plan data the diff reads (provenance placeholders)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return with_provenance(data, path=str(path), fmt="pptx", pages=1)


# --------------------------------------------------------------------------------------------------
# scoring


def statement_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["goal"], r["sub_goal"], r["column"], r["change"], ws(r["before_text"]),
            ws(r["after_text"]))


def status_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["goal"], r["sub_goal"], tuple(r["before"]), tuple(r["after"]), r["direction"])


def diff_view(diff: Any) -> dict[str, list[dict[str, Any]]]:
    statements = [{
        "goal": c.goal, "sub_goal": c.sub_goal, "column": c.column, "change": c.change,
        "before_text": ws(c.before.text) if c.before else None,
        "after_text": ws(c.after.text) if c.after else None,
        "moved_from": c.moved_from.model_dump() if c.moved_from else None,
    } for c in diff.statements if c.change != "unchanged"]
    statuses = [{"goal": c.goal, "sub_goal": c.sub_goal, "before": [s.value for s in c.before],
                 "after": [s.value for s in c.after], "direction": c.direction}
                for c in diff.status_changes if list(c.before) != list(c.after)]
    return {"statements": statements, "status_changes": statuses}


def score(truth: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    t = Counter(statement_key(r) for r in truth["statements"] if r["change"] != "unchanged")
    g = Counter(statement_key(r) for r in got["statements"])
    ts = Counter(status_key(r) for r in truth["status_changes"] if r["before"] != r["after"])
    gs = Counter(status_key(r) for r in got["status_changes"])
    return {
        "tp": sum((t & g).values()), "fp": sum((g - t).values()), "fn": sum((t - g).values()),
        "s_tp": sum((ts & gs).values()), "s_fp": sum((gs - ts).values()),
        "s_fn": sum((ts - gs).values()),
        "missed": [list(k) for k in (t - g).elements()],
        "extra": [list(k) for k in (g - t).elements()],
        "s_missed": [list(k) for k in (ts - gs).elements()],
        "s_extra": [list(k) for k in (gs - ts).elements()],
    }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


Change = tuple[Any, ...]  # a statement or status change as statement_key / status_key give it


def shapes(sc: dict[str, Any], base_texts: set[str | None], head_texts: set[str | None],
           unclean: dict[tuple[Any, ...], str] | None = None) -> list[tuple[str, Any]]:
    """The failure shapes of one diff's misses and extras: (shape, example). A miss or extra in a
    cell that either parsed plan reads otherwise than the expected plan (`unclean`: cell -> the
    parse's shape, bench/parity.py's names) is a parse fault, named by that shape."""
    missed = [tuple(x) for x in sc["missed"]]
    extra = [tuple(x) for x in sc["extra"]]
    out: list[tuple[str, Any]] = []
    if unclean:
        for name, items in (("truth", missed), ("got", extra)):
            keep = []
            for it in items:
                where = unclean.get(tuple(it[:3]))
                if where is not None:
                    out.append((f"parse fault: {where}", {name: it}))
                else:
                    keep.append(it)
            items[:] = keep
    used_m: set[int] = set()
    used_e: set[int] = set()

    def take(pred_m: Callable[[Change], bool], pred_e: Callable[[Change, Change], bool],
             name: str) -> None:
        for i, m in enumerate(missed):
            if i in used_m or not pred_m(m):
                continue
            ex = [j for j, e in enumerate(extra) if j not in used_e and pred_e(m, e)]
            if ex:
                used_m.add(i)
                used_e.update(ex)
                out.append((name, {"truth": m, "got": [extra[j] for j in ex]}))

    def place(m: Change, e: Change) -> bool:
        return m[:3] == e[:3]

    # a reword reported as removed + added
    take(lambda m: m[3] == "modified",
         lambda m, e: place(m, e) and ((e[3] == "removed" and e[4] == m[4])
                                       or (e[3] == "added" and e[5] == m[5])),
         "reword reported as removed + added")
    # a reword paired with another statement
    take(lambda m: m[3] == "modified",
         lambda m, e: place(m, e) and e[3] == "modified" and (e[4] == m[4] or e[5] == m[5]),
         "reword paired with the wrong statement")
    # an unrelated remove / add paired as modified
    take(lambda m: m[3] in ("removed", "added"),
         lambda m, e: place(m, e) and e[3] == "modified"
         and ((m[3] == "removed" and e[4] == m[4]) or (m[3] == "added" and e[5] == m[5])),
         "unrelated remove/add paired as modified")
    # moved, reported otherwise
    take(lambda m: m[3] == "moved",
         lambda m, e: (e[4] is not None and e[4] == m[4]) or (e[5] is not None and e[5] == m[5]),
         "move reported as something else")
    take(lambda m: m[3] in ("removed", "added"),
         lambda m, e: e[3] == "moved" and (e[4] == m[4] or e[5] == m[5]),
         "remove/add reported as moved")
    for i, m in enumerate(missed):
        if i not in used_m:
            known = (m[4] is None or m[4] in base_texts) and (m[5] is None or m[5] in head_texts)
            out.append(("missed" if known else "missed (truth text not in the parsed plans)",
                        {"truth": m}))
    for j, e in enumerate(extra):
        if j not in used_e:
            ok = (e[4] is None or e[4] in base_texts) and (e[5] is None or e[5] in head_texts)
            out.append(("extra change" if ok else "parse: statement text not as expected",
                        {"got": e}))
    return out


def text_set(plan: dict[str, Any]) -> set[str | None]:
    return {ws(st["text"]) for g in plan["goals"] for s in g["sub_goals"]
            for c in ("focus_areas", "joint_highlights") for st in s[c]}


def combos(kinds: list[str]) -> list[tuple[str, str, str]]:
    """(combination kind, base file kind, head file kind)."""
    pdfs = [k for k in kinds if k != "pptx"]
    producer = {k: p for p, ks in parity.PRODUCERS.items() for k in ks}
    out = [("expected", "expected", "expected"), ("pptx>pptx", "pptx", "pptx")]
    out += [("pdf>pptx", k, "pptx") for k in pdfs]
    out += [("pptx>pdf", "pptx", k) for k in pdfs]
    for a in pdfs:
        for b in pdfs:
            kind = "pdf>pdf" if producer[a] != producer[b] else "pdf>pdf same"
            if a != b or kind == "pdf>pdf same":
                out.append((kind, a, b))
    return out


# --------------------------------------------------------------------------------------------------
# driver


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pairs", type=int, default=10, help="how many new pairs (default 10)")
    ap.add_argument("--seed-start", type=int, default=20000, help="first seed (default 20000)")
    ap.add_argument("--keep", type=Path, help="make the pairs in this folder and keep them")
    ap.add_argument("--dir", type=Path, help="score the pairs already in this folder")
    ap.add_argument("--jobs", type=int, default=2, help="parsing processes (default 2)")
    ap.add_argument("--producers", help="comma-separated: lo, chromium, direct (default: all "
                    "installed)")
    ap.add_argument("--worst", type=int, default=10, help="worst pairs listed")
    ap.add_argument("--json", type=Path, help="also write the report as JSON")
    args = ap.parse_args(argv)

    t0 = time.time()
    tmp = None
    if args.dir:
        folder = args.dir
        truths = sorted(folder.glob("rnd-*.truth.json"))
        if not truths:
            ap.error(f"no rnd-*.truth.json in {folder}")
        names = [p.name.removesuffix(".truth.json") for p in truths]
        producers = [p for p, ks in parity.PRODUCERS.items()
                     if any((folder / "base" / f"{n}.{k}").exists() for n in names for k in ks)]
    else:
        producers = ([p.strip() for p in args.producers.split(",")] if args.producers
                     else parity.installed_producers())
        if args.keep:
            folder = args.keep
            folder.mkdir(parents=True, exist_ok=True)
        else:
            tmp = Path(tempfile.mkdtemp(prefix="lnhs-diff-parity-"))
            folder = tmp
        seeds = list(range(args.seed_start, args.seed_start + args.pairs))
        log(f"making {len(seeds)} pair(s), producers: {', '.join(producers)}")
        import random_decks as R

        make_pairs(seeds, folder, producers, args.jobs)
        names = [R.name_of(s) for s in seeds]
        log(f"made {len(names)} pairs in {time.time() - t0:.0f} s")
    kinds = ["pptx", *(k for p in producers for k in parity.PRODUCERS[p])]
    try:
        plans: dict[tuple[str, str, str], dict[str, Any] | None] = {}
        errors: dict[tuple[str, str, str], str] = {}
        paths = {str(folder / side / f"{n}.{k}"): (n, side, k)
                 for n in names for side in SIDES for k in kinds}
        t1 = time.time()
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futs = [pool.submit(parse_one, p) for p in paths if Path(p).exists()]
            for i, fut in enumerate(as_completed(futs), 1):
                path, plan, err = fut.result()
                plans[paths[path]] = plan
                if err:
                    errors[paths[path]] = err
                if i % 20 == 0 or i == len(futs):
                    log(f"parsed {i}/{len(futs)} files ({time.time() - t1:.0f} s)")
        text, data = evaluate(folder, names, kinds, plans, errors, args.worst)
        data["producers"] = producers
        data["seconds"] = round(time.time() - t0, 1)
        print(text)
        print(f"\n({len(names)} pairs in {time.time() - t0:.0f} s"
              + (f"; kept in {folder}" if not tmp else "") + ")")
        if args.json:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def evaluate(folder: Path, names: list[str], kinds: list[str],
             plans: dict[tuple[str, str, str], dict[str, Any] | None],
             errors: dict[tuple[str, str, str], str], worst: int) -> tuple[str, dict[str, Any]]:
    from lnhs_parse.compare import diff_plans
    from lnhs_parse.model import Plan

    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    by_combo: dict[str, Counter[str]] = defaultdict(Counter)
    shape_count: dict[str, Counter[str]] = defaultdict(Counter)
    shape_examples: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    per_pair: list[dict[str, Any]] = []
    seg: dict[str, Counter[str]] = defaultdict(Counter)
    seg_ex: dict[str, dict[str, Any]] = defaultdict(dict)
    for n in names:
        truth = json.loads((folder / f"{n}.truth.json").read_text(encoding="utf-8"))
        exp = {side: expected_plan_json(folder / side / f"{n}.expected.json") for side in SIDES}
        texts = {side: text_set(exp[side]) for side in SIDES}
        numbers = {g["numeral"]: g["number"] for side in SIDES for g in exp[side]["goals"]}
        cases: dict[tuple[str, str], dict[tuple[Any, ...], str]] = {}
        for side in SIDES:
            for k in kinds:
                got = plans.get((n, side, k))
                cs = parity.compare(parity._view(exp[side]), parity._view(got) if got else None,
                                    n)["cases"] if got else []
                cells: dict[tuple[Any, ...], str] = {}
                for c in cs:
                    numeral, sub = c["sub_goal"].rsplit(".", 1)
                    cells.setdefault((numbers.get(numeral), int(sub), c["column"]), c["shape"])
                    if k != "pptx":
                        seg[k][c["shape"]] += 1
                        seg_ex[k].setdefault(c["shape"], {"pair": n, "side": side, **c})
                cases[(side, k)] = cells
        for kind, bk, hk in combos(kinds):
            sides = {}
            for side, k in (("base", bk), ("head", hk)):
                sides[side] = exp[side] if k == "expected" else plans.get((n, side, k))
            if sides["base"] is None or sides["head"] is None:
                by_kind[kind]["parse_errors"] += 1
                continue
            diff = diff_plans(Plan.model_validate(sides["base"]),
                              Plan.model_validate(sides["head"]))
            sc = score(truth, diff_view(diff))
            label = f"{bk}>{hk}"
            for c in (by_kind[kind], by_kind["all parsed"] if kind != "expected" else Counter(),
                      by_combo[label]):
                for count in ("tp", "fp", "fn", "s_tp", "s_fp", "s_fn"):
                    c[count] += sc[count]
                c["diffs"] += 1
            unclean = {**cases.get(("base", bk), {}), **cases.get(("head", hk), {})}
            for item in sc["missed"] + sc["extra"]:
                if tuple(item[:3]) in unclean:
                    by_kind[kind]["in misread cells"] += 1
                    if kind != "expected":
                        by_kind["all parsed"]["in misread cells"] += 1
            for shape, ex in shapes(sc, texts["base"], texts["head"], unclean):
                shape_count[kind][shape] += 1
                shape_examples[kind].setdefault(shape, []).append({"pair": n, "files": label, **ex})
            for m in sc["s_missed"]:
                found = [e for e in sc["s_extra"] if e[:2] == m[:2]]
                if found and found[0][2:4] == m[2:4]:
                    shape = "status: wrong direction"
                elif found:
                    shape = "status: icons misread"
                else:
                    shape = "status: change missed"
                shape_count[kind][shape] += 1
                shape_examples[kind].setdefault(shape, []).append(
                    {"pair": n, "files": label, "truth": m, "got": found})
            for e in sc["s_extra"]:
                if not any(m[:2] == e[:2] for m in sc["s_missed"]):
                    shape_count[kind]["status: change not in the truth"] += 1
                    shape_examples[kind].setdefault("status: change not in the truth", []).append(
                        {"pair": n, "files": label, "got": e})
            _, _, f = prf(sc["tp"], sc["fp"], sc["fn"])
            per_pair.append({"pair": n, "kind": kind, "files": label, "f1": f,
                             "missed": sc["missed"], "extra": sc["extra"],
                             "s_missed": sc["s_missed"], "s_extra": sc["s_extra"]})
    lines = []
    truth_n = sum(1 for n in names for r in json.loads(
        (folder / f"{n}.truth.json").read_text(encoding="utf-8"))["statements"]
        if r["change"] != "unchanged")
    lines.append(f"{len(names)} pairs, {truth_n} ground-truth statement changes; "
                 f"{len(errors)} parse error(s)")
    lines.append("")
    lines.append(f"{'combination':<14} {'diffs':>6} {'stmt P':>8} {'stmt R':>8} {'stmt F1':>8} "
                 f"{'status F1':>10}")
    data: dict[str, Any] = {"pairs": names, "kinds": {}, "files": {}}
    order = ["expected", "pptx>pptx", "pdf>pptx", "pptx>pdf", "pdf>pdf", "pdf>pdf same",
             "all parsed"]
    for kind in order:
        c = by_kind.get(kind)
        if not c:
            continue
        prec, rec, f1 = prf(c["tp"], c["fp"], c["fn"])
        _, _, sf = prf(c["s_tp"], c["s_fp"], c["s_fn"])
        lines.append(f"{kind:<14} {c['diffs']:>6} {prec:>8.3f} {rec:>8.3f} {f1:>8.3f} {sf:>10.3f}")
        data["kinds"][kind] = {"counts": dict(c), "precision": prec, "recall": rec, "f1": f1,
                               "status_f1": sf}
    lines.append("")
    lines.append("misses + extras in cells a parsed plan reads otherwise than the expected plan "
                 "(parse faults), per kind:")
    for kind in order:
        c = by_kind.get(kind)
        if c:
            wrong = c["fp"] + c["fn"]
            lines.append(f"  {kind:<14} {c['in misread cells']:>5} of {wrong}")
    lines.append("")
    lines.append("segmentation and reading faults (cells of a PDF plan unlike the expected plan, "
                 "bench/parity.py's shapes, base and head files):")
    for k in kinds:
        if k == "pptx" or not seg.get(k):
            continue
        lines.append(f"  {k}:")
        for shape, cnt in seg[k].most_common():
            ex = seg_ex[k][shape]
            lines.append(f"    {cnt:>4}  {shape}   e.g. {ex['pair']} {ex['side']} p{ex['page']} "
                         f"{ex['sub_goal']} {ex['column']}")
            for t in ex["ref"][:2]:
                lines.append(f"            expected {parity._short(t, 140)!r}")
            for t in ex["got"][:2]:
                lines.append(f"            parsed   {parity._short(t, 140)!r}")
    data["segmentation"] = {k: dict(v) for k, v in seg.items()}
    lines.append("")
    lines.append("per file kinds (base>head):")
    for label, c in sorted(by_combo.items()):
        prec, rec, f1 = prf(c["tp"], c["fp"], c["fn"])
        _, _, sf = prf(c["s_tp"], c["s_fp"], c["s_fn"])
        lines.append(f"  {label:<44} P {prec:.3f} R {rec:.3f} F1 {f1:.3f}  status F1 {sf:.3f}")
        data["files"][label] = {"counts": dict(c), "precision": prec, "recall": rec, "f1": f1,
                                "status_f1": sf}
    if errors:
        lines.append("")
        lines.append("parse errors:")
        for (n, side, k), e in sorted(errors.items()):
            lines.append(f"  {n} {side} {k}: {e}")
    lines.append("")
    lines.append("failure shapes (per combination kind; count, first example):")
    for kind in order:
        if kind not in shape_count:
            continue
        lines.append(f"== {kind}")
        for shape, cnt in shape_count[kind].most_common():
            ex = shape_examples[kind][shape][0]
            lines.append(f"  {cnt:>5}  {shape}   e.g. {ex['pair']} {ex['files']}")
            for key in ("truth", "got"):
                if key in ex:
                    shown = parity._short(json.dumps(ex[key], ensure_ascii=False), 300)
                    lines.append(f"           {key}: {shown}")
    data["shapes"] = {k: dict(v) for k, v in shape_count.items()}
    data["shape_examples"] = {k: {s: v[:20] for s, v in d.items()}
                              for k, d in shape_examples.items()}
    lines.append("")
    agg: dict[str, list[float]] = defaultdict(list)
    for r in per_pair:
        if r["kind"] != "expected":
            agg[r["pair"]].append(r["f1"])
    lines.append(f"worst {min(worst, len(agg))} pairs (mean statement F1 over the parsed "
                 "combinations):")
    ranked = sorted(agg.items(), key=lambda kv: sum(kv[1]) / len(kv[1]))
    for n, fs in ranked[:worst]:
        exp_f = next((r["f1"] for r in per_pair if r["pair"] == n and r["kind"] == "expected"),
                     None)
        lines.append(f"  {n}: mean F1 {sum(fs) / len(fs):.3f}, min {min(fs):.3f}, "
                     f"expected plans {exp_f:.3f}")
        bad = min((r for r in per_pair if r["pair"] == n and r["kind"] != "expected"),
                  key=lambda r: r["f1"])
        lines.append(f"    worst files {bad['files']}:")
        for m in bad["missed"][:4]:
            lines.append(f"      missed {parity._short(json.dumps(m, ensure_ascii=False), 220)}")
        for e in bad["extra"][:4]:
            lines.append(f"      extra  {parity._short(json.dumps(e, ensure_ascii=False), 220)}")
    data["per_pair"] = per_pair
    return "\n".join(lines), data


if __name__ == "__main__":
    sys.exit(main())
