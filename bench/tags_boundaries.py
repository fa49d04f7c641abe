"""Line ends judged by the structure tree: on every tagged PDF in a folder (default: the real slide
PDFs of fixtures/real), each end of a line inside a text box or a table cell, read by the geometry
alone (`normalise.paragraphs.line_ends`), against the tree: a paragraph ends there when the two
lines belong to different structure paragraphs (`Line.block`).

    python bench/tags_boundaries.py                  # fixtures/real
    python bench/tags_boundaries.py --list 40        # the geometry's errors, with their facts

For each error it asks whether the PDF gives any evidence against it: an end with the same facts
(`END_FACTS`) that the tree reads the other way is its *twin*. An error with a twin can't be fixed
by any rule over those facts without breaking the twin; an error without one is open to a rule.
Of each set of facts, a reading gets either the ends the tree ends a paragraph at or those it goes
on at wrong: the fewer of the two, summed, is the fewest errors any reading over the facts can make
(printed after the table).
Ends where the tree gives no paragraph to either line (untagged text, two paragraphs merged on one
baseline) are not judged, nor those where the tags cut a sentence at a line's end (the oracle's
``cut``, `lnhs_parse.extract.pdf.oracle`: a printed space and no clause end, then a lower-case
start, or a word or range broken after a dash, then a letter or digit; in the same size). Prints
the counts per file and in all, and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lnhs_parse.layout import Document
    from lnhs_parse.normalise.paragraphs import LineEnd

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "fixtures" / "real"


@dataclass(frozen=True)
class Judged:
    """One line end the tree can judge."""

    file: str
    page: int
    end: LineEnd
    tree_ends: bool  # the tree ends a paragraph here

    @property
    def error(self) -> bool:
        return self.end.ends != self.tree_ends


def cut_by_tags(end: LineEnd) -> bool:
    """Whether a paragraph end the tree states here cuts one sentence (the oracle's ``cut``)."""
    from lnhs_parse.extract.pdf.oracle import SAME_SIZE, reads_on

    a, b = end.line, end.next
    if a.monospace or b.monospace:
        return False
    sizes = (a.size or 0.0, b.size or 0.0)
    return reads_on(a.text.rstrip(), a.space_after, b.text.lstrip()) and (
        abs(sizes[0] - sizes[1]) <= SAME_SIZE * max(sizes))


def judged_ends(name: str, document: Document) -> list[Judged]:
    """The line ends of `document` (a tagged PDF's layout) that its tree can judge."""
    from lnhs_parse.layout import bbox_union
    from lnhs_parse.normalise.evidence import text_evidence
    from lnhs_parse.normalise.paragraphs import line_ends, text_boxes

    evidence = text_evidence(document.pages)
    out: list[Judged] = []
    for page in document.pages:
        blocks = [(box, bbox_union([ln.bbox for ln in box])) for box in text_boxes(page.lines)]
        blocks += [(list(c.lines), c.bbox) for t in page.tables for c in t.cells]
        for lines, bbox in blocks:
            for end in line_ends(lines, bbox, evidence=evidence):
                a, b = end.line.block, end.next.block
                if a is not None and b is not None and not (a != b and cut_by_tags(end)):
                    out.append(Judged(name, page.number, end, a != b))
    return out


def twins(ends: list[Judged]) -> set[int]:
    """Indexes of the errors in `ends` that have a twin: an end with the same facts that the tree
    reads the other way (and the geometry reads as the tree does)."""
    right: dict[frozenset[str], set[bool]] = defaultdict(set)
    for j in ends:
        if not j.error:
            right[j.end.facts].add(j.tree_ends)
    return {i for i, j in enumerate(ends) if j.error and (not j.tree_ends) in right[j.end.facts]}


def forced_errors(ends: list[Judged]) -> int:
    """The fewest errors any reading over the facts can make on `ends`: a reading gives all ends
    with the same facts one reading, so of each set of facts it reads wrong either the ends the
    tree ends a paragraph at or those it goes on at, whichever are fewer at best."""
    counts: dict[frozenset[str], Counter[bool]] = defaultdict(Counter)
    for j in ends:
        counts[j.end.facts][j.tree_ends] += 1
    return sum(min(c[True], c[False]) for c in counts.values())


def main(argv: list[str] | None = None) -> int:
    from lnhs_parse.errors import LnhsParseError
    from lnhs_parse.extract import extract
    from lnhs_parse.settings import ParseOptions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=REAL,
                        help="a folder of PDFs (default: fixtures/real)")
    parser.add_argument("--list", type=int, default=0, metavar="N",
                        help="list up to N errors of each kind with their facts (default 0)")
    args = parser.parse_args(argv)

    ends: list[Judged] = []
    for path in sorted(args.folder.glob("*.pdf")):
        try:
            document = extract(path, ParseOptions())
        except LnhsParseError:
            continue
        ends += judged_ends(path.name, document)
    twinned = twins(ends)
    head = ("file", "line ends judged", "read as the tree", "errors", "with a twin",
            "open to a rule")
    print("\t".join(head))
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for i, j in enumerate(ends):
        c = per[j.file]
        c["judged"] += 1
        c["right"] += not j.error
        c["errors"] += j.error
        c["twinned"] += i in twinned
    for name, c in sorted(per.items()):
        print("\t".join((name, str(c["judged"]), str(c["right"]), str(c["errors"]),
                         str(c["twinned"]), str(c["errors"] - c["twinned"]))))
    errors = sum(j.error for j in ends)
    print("\t".join(("all", str(len(ends)), str(len(ends) - errors), str(errors),
                     str(len(twinned)), str(errors - len(twinned)))))
    print(f"\nthe fewest errors any reading over these facts can make: {forced_errors(ends)}")
    if args.list:
        for title, with_twin in (("errors open to a rule", False), ("errors with a twin", True)):
            print(f"\n{title}:")
            shown = 0
            for i, j in enumerate(ends):
                if j.error and (i in twinned) == with_twin and shown < args.list:
                    shown += 1
                    verdict = "tree ends, geometry goes on" if j.tree_ends else \
                        "tree goes on, geometry ends"
                    print(f"  {j.file} p{j.page}: {j.end.line.text[-40:]!r} / "
                          f"{j.end.next.text[:30]!r}: {verdict}; "
                          f"facts: {', '.join(sorted(j.end.facts)) or '(none)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
