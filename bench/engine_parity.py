"""The two PDF engines on decks they were not tuned on: every PDF in a folder parsed by pdfium and
by pdfplumber, and their plans compared (statement texts, actors and statuses; bboxes within
0.5 pt, as in tests/extract/test_pdf_engines.py).

    python bench/parity.py --decks 30 --keep /tmp/decks   # make new random decks (LibreOffice,
                                                          # Chromium, ReportLab)
    python bench/engine_parity.py /tmp/decks              # then compare the engines on them

Prints the number of PDFs, statements and sub-goals compared, and each difference.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

TOLERANCE = 0.5


def _diff(a: Any, b: Any, where: str, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            out.append(f"{where}: keys differ")
            return
        for key in a:
            if key == "bbox" and a[key] and b[key]:
                if max(abs(x - y) for x, y in zip(a[key], b[key], strict=True)) > TOLERANCE:
                    out.append(f"{where}/bbox: {a[key]} != {b[key]}")
            elif key != "sha256":
                _diff(a[key], b[key], f"{where}/{key}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} != {len(b)} items")
            return
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, f"{where}[{i}]", out)
    elif a != b:
        out.append(f"{where}: {a!r} != {b!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of PDF decks (searched recursively)")
    args = parser.parse_args(argv)

    import lnhs_parse

    pdfs = sorted(args.folder.rglob("*.pdf"))
    statements = sub_goals = 0
    differing = 0
    for pdf in pdfs:
        plans = []
        for engine in ("pdfium", "pdfplumber"):
            try:
                plans.append(json.loads(lnhs_parse.parse(pdf, engine=engine).to_json()))
            except lnhs_parse.LnhsParseError as exc:
                plans.append({"error": type(exc).__name__})
        out: list[str] = []
        _diff(plans[0], plans[1], pdf.name, out)
        subs = [s for g in plans[1].get("goals", []) for s in g["sub_goals"]]
        sub_goals += len(subs)
        statements += sum(len(s["focus_areas"]) + len(s["joint_highlights"]) for s in subs)
        if out:
            differing += 1
            print("\n".join(out[:10]))
    print(f"{len(pdfs)} PDFs, {sub_goals} sub-goals, {statements} statements: "
          f"{len(pdfs) - differing} equal on both engines, {differing} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
