"""PDF/PPTX parity on freshly generated random decks (fixtures/gen/random_decks.py).

    python bench/parity.py --decks 200                   # 200 new decks (seeds 1000..1199)
    python bench/parity.py --decks 40 --seed-start 5000 --keep /tmp/decks
    python bench/parity.py --decks 100 --producers chromium,direct
    python bench/parity.py --dir /tmp/decks              # parse decks made before (no producer
    runs) python bench/parity.py --dir fixtures/random         # the committed sample

Each deck is made from a seed (seeds of the committed sample in fixtures/random are skipped) as
PPTX and expected JSON, and printed to PDF by the chosen producers (`--producers`, default all that
are installed):

- `lo`: LibreOffice, untagged (`rnd-NNNN.pdf`) and tagged (`rnd-NNNN.tagged.pdf`), one batched run
  per export kind;
- `chromium`: the same content as HTML slides printed by headless Chromium
  (fixtures/gen/html_deck.py, no column search), tagged (`.chromium.pdf`, Chromium's default) and
  untagged (`.chromium-untagged.pdf`);
- `direct`: drawn straight into a PDF by ReportLab (fixtures/gen/direct_pdf.py), untagged
  (`.direct.pdf`);
- `lo-shadow` (only when named): the PPTX opened in LibreOffice with a shadow on every text style
  and exported (fixtures/gen/lo_shadow.py, `.shadow.pdf`): every letter drawn twice.

Every file is parsed in a process pool. The PPTX reader takes paragraphs from the source, so its
plan is the reference (the other producers print the same content): per export kind the report gives

- statements: how many were compared, the share identical to the PPTX plan's and the share identical
  to the expected plan's (written from the content data). Statements are matched per sub-goal and
  column in order (longest common subsequence); one counts as identical when its
  whitespace-normalised text, its actors and its attribution are equal; a missing or extra statement
  counts as different (compared = the longer side);
- statuses and sub-goal titles: the share of sub-goals whose statuses (titles) equal the PPTX
  plan's;
- failure shapes (a statement split in two, two read as one, spacing at a join, actors, ...) with
  counts, and the 10 worst cases (deck, page, sub-goal, PPTX text vs PDF text).

Progress goes to stderr, the report to stdout (`--json FILE` writes it as data too).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lnhs_parse.settings import Engine

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "fixtures" / "gen"
SAMPLE = ROOT / "fixtures" / "random"
PRODUCERS = {
    "lo": ("pdf", "tagged.pdf"),
    "chromium": ("chromium.pdf", "chromium-untagged.pdf"),
    "direct": ("direct.pdf",),
    "lo-shadow": ("shadow.pdf",),  # named only: never among the installed defaults
}
KINDS = ("pptx", *(k for ks in PRODUCERS.values() for k in ks))
COLUMNS = ("focus_areas", "joint_highlights")
_WS = re.compile(r"\s+")


def ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def squash(text: str) -> str:
    return _WS.sub("", text)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# parsing (in worker processes)


View = dict[tuple[str, int], dict[str, Any]]  # `_view`'s: a plan's sub-goals by their place


def _view(data: dict[str, Any]) -> View:
    """(goal numeral, sub-goal number) -> title, statuses, statements per column."""
    out: View = {}
    for g in data["goals"]:
        for s in g["sub_goals"]:
            out[(g["numeral"], s["number"])] = {
                "title": ws(s["title"]),
                "statuses": list(s["statuses"]),
                "pages": list(s.get("pages", [])),
                **{
                    col: [
                        {"text": ws(st["text"]), "actors": list(st["actors"]),
                         "attribution": st["attribution"], "page": st.get("page")}
                        for st in s[col]
                    ]
                    for col in COLUMNS
                },
            }
    return out


def parse_deck(folder: str, name: str, kinds: tuple[str, ...] = KINDS,
               engine: Engine | None = None) -> dict[str, Any]:
    import lnhs_parse

    result: dict[str, Any] = {"name": name}
    exp = json.loads((Path(folder) / f"{name}.expected.json").read_text(encoding="utf-8"))
    result["expected"] = _view(exp)
    for kind in kinds:
        path = Path(folder) / f"{name}.{kind}"
        t0 = time.perf_counter()
        if not path.exists():
            result[kind] = {"error": f"no {path.name}"}
            result[f"{kind} seconds"] = 0.0
            continue
        try:
            plan = lnhs_parse.parse(path, engine=engine)
            result[kind] = _view(plan.model_dump(mode="json"))
        except Exception as exc:
            result[kind] = {"error": f"{type(exc).__name__}: {exc}"}
        result[f"{kind} seconds"] = time.perf_counter() - t0
    return result


# --------------------------------------------------------------------------------------------------
# comparing


def _key(st: dict[str, Any]) -> tuple[Any, ...]:
    return (st["text"], tuple(st["actors"]), st["attribution"])


def shape(ref: list[dict[str, Any]], got: list[dict[str, Any]]) -> str:
    """What kind of difference a block of unmatched statements is."""
    if not got:
        return "statement missing"
    if not ref:
        return "extra statement"
    rt, gt = " ".join(s["text"] for s in ref), " ".join(s["text"] for s in got)
    same_chars = squash(rt) == squash(gt)
    if len(ref) == 1 and len(got) == 1:
        a, b = ref[0], got[0]
        if a["text"] == b["text"]:
            return "actors or attribution differ"
        if same_chars:
            if _near_hyphen(a["text"], b["text"]):
                return "hyphen join (space before/after a hyphen)"
            return "space lost or added at a join"
        if squash(b["text"]) in squash(a["text"]):
            return "text lost"
        if squash(a["text"]) in squash(b["text"]):
            return "text gained"
        return "text differs"
    if same_chars and len(ref) == 1:
        return "one statement split in several"
    if same_chars and len(got) == 1:
        return "several statements read as one"
    if same_chars:
        return "statements regrouped"
    if len(ref) < len(got):
        return "split, and text differs"
    if len(ref) > len(got):
        return "merged, and text differs"
    return "several statements differ"


def _near_hyphen(a: str, b: str) -> bool:
    """Whether a spacing difference between `a` and `b` sits next to a hyphen or dash."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal" and ("-" in a[max(0, i1 - 1):i2 + 1] or "-" in b[max(0, j1 - 1):j2 + 1]
                               or "–" in a[max(0, i1 - 1):i2 + 1]):
            return True
    return False


def compare(ref_view: View, got_view: View | None, name: str) -> dict[str, Any]:
    """Statement, status and title agreement of `got_view` with `ref_view` (both from `_view`)."""
    out: dict[str, Any] = {"compared": 0, "identical": 0, "sub_goals": 0, "statuses": 0,
                           "titles": 0, "cases": []}
    for key, ref in ref_view.items():
        got = (got_view or {}).get(key)
        out["sub_goals"] += 1
        if got is not None:
            out["statuses"] += got["statuses"] == ref["statuses"]
            out["titles"] += got["title"] == ref["title"]
        for col in COLUMNS:
            a = ref[col]
            b = got[col] if got is not None else []
            ka, kb = [_key(s) for s in a], [_key(s) for s in b]
            sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
            same = sum(m.size for m in sm.get_matching_blocks())
            out["compared"] += max(len(a), len(b))
            out["identical"] += same
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                if tag == "equal":
                    continue
                ra, gb = a[i1:i2], b[j1:j2]
                page = next((s["page"] for s in gb if s.get("page")), None) or (
                    got["pages"][0] if got and got.get("pages")
                    else (ref.get("pages") or [None])[0])
                ratio = difflib.SequenceMatcher(
                    None, " | ".join(s["text"] for s in ra), " | ".join(s["text"] for s in gb),
                    autojunk=False).ratio()
                out["cases"].append({
                    "deck": name, "page": page, "sub_goal": f"{key[0]}.{key[1]}", "column": col,
                    "shape": shape(ra, gb),
                    "ref": [_show(s) for s in ra], "got": [_show(s) for s in gb],
                    "size": max(len(ra), len(gb)), "ratio": ratio,
                })
    return out


def _show(st: dict[str, Any]) -> str:
    who = f" [{st['attribution']}: {', '.join(st['actors'])}]" if st["actors"] else ""
    result: str = st["text"] + who
    return result


# --------------------------------------------------------------------------------------------------
# report


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f} %" if b else "    – "


def _short(text: str, n: int = 150) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def report(results: list[dict[str, Any]], worst: int = 10,
           kinds: tuple[str, ...] = KINDS) -> tuple[str, dict[str, Any]]:
    lines: list[str] = []
    data: dict[str, Any] = {"decks": len(results), "kinds": {}}
    n_statements = sum(len(s[c]) for r in results for s in r["expected"].values() for c in COLUMNS)
    lines.append(f"{len(results)} decks, "
                 f"{sum(len(r['expected']) for r in results)} sub-goals, "
                 f"{n_statements} expected statements")
    lines.append("")
    head = (f"{'export':<21} {'statements':>10} {'= PPTX':>8} {'= expected':>10} {'statuses':>9} "
            f"{'titles':>8} {'errors':>6} {'s/deck':>7}")
    lines.append(head)
    per_kind: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        tot: Counter[str] = Counter()
        cases: list[dict[str, Any]] = []
        errors = 0
        for r in results:
            got = r[kind]
            if "error" in got:
                errors += 1
                got = None
            vs_exp = compare(r["expected"], got, r["name"])
            tot["exp_compared"] += vs_exp["compared"]
            tot["exp_identical"] += vs_exp["identical"]
            if kind == "pptx":
                ref = r["expected"]
                c = vs_exp
            else:
                pp = r["pptx"]
                ref = pp if "error" not in pp else r["expected"]
                c = compare(ref, got, r["name"])
            tot["compared"] += c["compared"]
            tot["identical"] += c["identical"]
            tot["sub_goals"] += c["sub_goals"]
            tot["statuses"] += c["statuses"]
            tot["titles"] += c["titles"]
            cases += c["cases"]
        secs = sum(r[f"{kind} seconds"] for r in results) / max(1, len(results))
        ref_name = "expected" if kind == "pptx" else "PPTX"
        lines.append(
            f"{kind:<21} {tot['compared']:>10} {pct(tot['identical'], tot['compared']):>8} "
            f"{pct(tot['exp_identical'], tot['exp_compared']):>10} "
            f"{pct(tot['statuses'], tot['sub_goals']):>9} "
            f"{pct(tot['titles'], tot['sub_goals']):>8} "
            f"{errors:>6} {secs:>7.2f}"
            + ("   (PPTX row: compared with the expected plan)" if kind == "pptx" else "")
        )
        per_kind[kind] = {"totals": dict(tot), "errors": errors, "cases": cases, "ref": ref_name,
                          "seconds_per_deck": secs}
    for kind in kinds:
        pk = per_kind[kind]
        cases = pk["cases"]
        shapes = Counter(c["shape"] for c in cases)
        data["kinds"][kind] = {
            "compared": pk["totals"].get("compared", 0),
            "identical_to_pptx": pk["totals"].get("identical", 0),
            "compared_with_expected": pk["totals"].get("exp_compared", 0),
            "identical_to_expected": pk["totals"].get("exp_identical", 0),
            "sub_goals": pk["totals"].get("sub_goals", 0),
            "statuses_agree": pk["totals"].get("statuses", 0),
            "titles_agree": pk["totals"].get("titles", 0),
            "parse_errors": pk["errors"],
            "seconds_per_deck": round(pk["seconds_per_deck"], 3),
            "shapes": dict(shapes.most_common()),
            "cases": cases,
        }
        if not cases:
            continue
        lines.append("")
        lines.append(f"== {kind}: {len(cases)} differing block(s) against the {pk['ref']} plan")
        for s, n in shapes.most_common():
            ex = next(c for c in cases if c["shape"] == s)
            lines.append(f"  {n:>5}  {s}   e.g. {ex['deck']} p{ex['page']} {ex['sub_goal']}")
        lines.append(f"  worst {min(worst, len(cases))}:")
        ranked = sorted(cases, key=lambda c: (-c["size"], c["ratio"], c["deck"], c["sub_goal"]))
        for c in ranked[:worst]:
            lines.append(f"  - {c['deck']} page {c['page']} sub-goal {c['sub_goal']} "
                         f"{c['column']}: {c['shape']}")
            for t in c["ref"] or ["(none)"]:
                lines.append(f"      {pk['ref']:<8} {_short(t)!r}")
            for t in c["got"] or ["(none)"]:
                lines.append(f"      {kind:<8} {_short(t)!r}")
    return "\n".join(lines), data


# --------------------------------------------------------------------------------------------------
# geometry of a case (--geometry)


COLUMN_HEADS = {"focus_areas": "Lisättyjä", "joint_highlights": "Yhteisen"}


def cell_geometry(path: Path, page: int, texts: list[str], column: str | None = None) -> list[str]:
    """The extractor's lines of the table cell on `page` that holds the start of `texts` (PPTX or
    PDF statement texts), in `column` when its header says so: bbox, size, space_after, bullet,
    block and text per line."""
    from lnhs_parse.extract import pdf as pdf_extract
    from lnhs_parse.settings import ParseOptions

    doc = pdf_extract.extract(path, ParseOptions())
    pg = next((p for p in doc.pages if p.number == page), None)
    if pg is None:
        return [f"(no page {page})"]
    probes = [squash(re.sub(r" \[[^\]]*\]$", "", t))[:24] for t in texts if squash(t)]
    scored = []
    head = COLUMN_HEADS.get(column or "")
    for table in pg.tables:
        heads = {c.col: " ".join(ln.text for ln in c.lines) for c in table.cells if c.row == 0}
        for cell in table.cells:
            body = squash(" ".join(ln.text for ln in cell.lines))
            score = sum(len(p) for p in probes if p and p in body)
            if score:
                other = head is not None and head not in heads.get(cell.col, head)
                scored.append((other, -score, cell.row, cell.col, table, cell))
    if scored:
        *_, table, cell = min(scored, key=lambda t: t[:4])
        x0, y0, x1, y1 = cell.bbox
        out = [(f"cell r{cell.row} c{cell.col} bbox ({x0:.1f}, {y0:.1f}, {x1:.1f}, {y1:.1f}), "
                f"table found by {table.found_by}")]
        for ln in cell.lines:
            b = ln.bbox
            out.append(
                f"({b[0]:6.1f}, {b[1]:6.1f}, {b[2]:6.1f}, {b[3]:6.1f}) size={ln.size or 0:.1f} "
                f"sp={'Y' if ln.space_after else '-'} bullet={ln.bullet!r:6} "
                f"block={ln.block!s:4} {ln.text!r}")
        return out
    return ["(no table cell holds the text: " + "; ".join(
        f"{t.found_by} {t.n_rows}x{t.n_cols}" for t in pg.tables) + f"; {len(pg.icons)} icons)"]


def geometry_report(data: dict[str, Any], folder: Path, per_kind: int) -> str:
    """The cells of the first `per_kind` worst cases of every PDF kind, as the extractor reads
    them."""
    lines: list[str] = []
    for kind, kd in data["kinds"].items():
        if kind == "pptx" or not kd["cases"]:
            continue
        ranked = sorted(kd["cases"],
                        key=lambda c: (-c["size"], c["ratio"], c["deck"], c["sub_goal"]))
        lines.append("")
        lines.append(f"== {kind}: geometry of the {min(per_kind, len(ranked))} worst case(s)")
        for c in ranked[:per_kind]:
            lines.append(f"- {c['deck']} page {c['page']} sub-goal {c['sub_goal']} {c['column']}: "
                         f"{c['shape']}")
            for t in c["ref"] or ["(none)"]:
                lines.append(f"    PPTX  {t!r}")
            for t in c["got"] or ["(none)"]:
                lines.append(f"    PDF   {t!r}")
            if c["page"] is None:
                continue
            try:
                geo = cell_geometry(folder / f"{c['deck']}.{kind}", int(c["page"]),
                                    [*c["ref"], *c["got"]], c["column"])
            except Exception as exc:
                geo = [f"({type(exc).__name__}: {exc})"]
            lines += [f"    {g}" for g in geo]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# driver


def sample_seeds() -> set[int]:
    try:
        m = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))
        return {int(d["seed"]) for d in m["decks"].values()}
    except (OSError, ValueError, KeyError):
        return set()


def installed_producers() -> list[str]:
    out = []
    if shutil.which("soffice"):
        out.append("lo")
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        out.append("chromium")
    try:
        import reportlab  # noqa: F401  (is it installed?)

        out.append("direct")
    except ImportError:
        pass
    return out


def make_decks(seeds: list[int], folder: Path, producers: list[str], jobs: int) -> None:
    """PPTX and expected JSON for `seeds` in `folder`, and each producer's PDFs."""
    sys.path.insert(0, str(GEN))
    import random_decks as R

    t1 = time.time()
    made = R.generate(seeds, folder, pdf="lo" in producers, log=lambda m: log(f"  {m}"))
    mades = [made[s] for s in seeds]
    log(f"  PPTX{' + LibreOffice' if 'lo' in producers else ''}: {time.time() - t1:.0f} s")
    if "chromium" in producers:
        import html_deck

        t1 = time.time()
        html_deck.print_random_decks(mades, folder, jobs=jobs, log=lambda m: log(f"  {m}"))
        log(f"  Chromium: {time.time() - t1:.0f} s")
    if "direct" in producers:
        import direct_pdf

        t1 = time.time()
        direct_pdf.write_direct_pdfs(mades, folder, log=lambda m: log(f"  {m}"))
        log(f"  ReportLab: {time.time() - t1:.0f} s")
    if "lo-shadow" in producers:
        import lo_shadow

        t1 = time.time()
        for m in mades:
            name = f"rnd-{m.seed:04d}"
            if lo_shadow.main([str(folder / f"{name}.pptx"), str(folder / f"{name}.shadow.pdf")]):
                raise RuntimeError(f"{name}.pptx: no shadowed print")
        log(f"  LibreOffice with shadows: {time.time() - t1:.0f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--decks", type=int, default=40, help="how many new decks (default 40)")
    ap.add_argument("--seed-start", type=int, default=1000, help="first seed (default 1000)")
    ap.add_argument("--keep", type=Path, help="make the decks in this folder and keep them")
    ap.add_argument("--dir", type=Path, help="parse the decks already in this folder instead")
    ap.add_argument("--jobs", type=int, default=2, help="parsing processes (default 2)")
    ap.add_argument("--chunk", type=int, default=50, help="decks per LibreOffice run (default 50)")
    ap.add_argument("--worst", type=int, default=10, help="worst cases listed per export kind")
    ap.add_argument("--json", type=Path, help="also write the report as JSON")
    ap.add_argument("--producers", help="comma-separated: lo, chromium, direct, lo-shadow "
                    "(default: lo, chromium and direct where installed; with --dir: all whose "
                    "files are there)")
    ap.add_argument("--engine", choices=("pdfium", "pdfplumber"), default=None,
                    help="the PDF engine (default: the library's default)")
    ap.add_argument("--geometry", type=int, default=0, metavar="N",
                    help="print the extracted lines of the cells of the N worst cases per PDF kind")
    args = ap.parse_args(argv)
    if args.producers:
        producers = [p.strip() for p in args.producers.split(",") if p.strip()]
        unknown = [p for p in producers if p not in PRODUCERS]
        if unknown:
            ap.error(f"unknown producer(s) {unknown}; known: {', '.join(PRODUCERS)}")
    else:
        producers = None

    t0 = time.time()
    tmp = None
    if args.dir:
        folder = args.dir
        names = sorted(p.name.removesuffix(".expected.json")
                       for p in folder.glob("*.expected.json"))
        if not names:
            ap.error(f"no *.expected.json in {folder}")
        if producers is None:
            producers = [p for p, ks in PRODUCERS.items()
                         if any((folder / f"{n}.{k}").exists() for n in names for k in ks)]
    else:
        if producers is None:
            producers = installed_producers()
        if args.decks < 1:
            ap.error("--decks must be at least 1")
        sys.path.insert(0, str(GEN))
        import random_decks as R

        taken = sample_seeds()
        seeds: list[int] = []
        s = args.seed_start
        while len(seeds) < args.decks:
            if s not in taken:
                seeds.append(s)
            s += 1
        if args.keep:
            folder = args.keep
            folder.mkdir(parents=True, exist_ok=True)
        else:
            tmp = Path(tempfile.mkdtemp(prefix="lnhs-parity-"))
            folder = tmp
        names = []
        for i in range(0, len(seeds), args.chunk):
            part = seeds[i : i + args.chunk]
            t1 = time.time()
            make_decks(part, folder, producers, args.jobs)
            names += [R.name_of(x) for x in part]
            log(f"generated {len(names)}/{len(seeds)} decks ({time.time() - t1:.0f} s for "
                f"seeds {part[0]}..{part[-1]})")
    kinds = ("pptx", *(k for p in producers for k in PRODUCERS[p]))
    log(f"producers: {', '.join(producers) or '(none)'}; kinds: {', '.join(kinds)}")
    try:
        results: list[dict[str, Any]] = []
        t1 = time.time()
        with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futs = [pool.submit(parse_deck, str(folder), n, kinds, args.engine) for n in names]
            for k, fut in enumerate(as_completed(futs), 1):
                results.append(fut.result())
                if k % 10 == 0 or k == len(futs):
                    log(f"parsed {k}/{len(futs)} decks ({time.time() - t1:.0f} s)")
        results.sort(key=lambda r: r["name"])
        text, data = report(results, args.worst, kinds)
        if args.geometry:
            text += "\n" + geometry_report(data, folder, args.geometry)
        data["seeds"] = names
        data["producers"] = producers
        data["seconds"] = round(time.time() - t0, 1)
        print(text)
        print(f"\n({len(results)} decks in {time.time() - t0:.0f} s"
              + (f"; kept in {folder}" if not tmp else "") + ")")
        if args.json:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
