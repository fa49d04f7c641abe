"""The structure tree as an oracle for the geometry: on every tagged PDF in a folder (default: the
real slide PDFs of fixtures/real), the paragraphs the geometry reads with the tags ignored
(`lnhs-parse layout --tags off`) against the paragraphs the tree states
(`lnhs_parse.extract.pdf.oracle`), page by page: text boxes, list items and table cells alike.

    python bench/tags_oracle.py                      # fixtures/real, the pdfium engine
    python bench/tags_oracle.py --engine pdfplumber --worst 20
    python bench/tags_oracle.py DIR --markdown       # the tables as Markdown (docs/real-decks.md)
    python bench/tags_oracle.py --tags auto          # the parser's own reading of the tags

With `--tags auto` the paragraphs compared are those `lnhs-parse layout` reads by default: from
the structure tree where a line carries one (`Line.block`), from the geometry elsewhere. That
measures the parser's reading of the tree against the oracle's, which reads the same tree apart.

A paragraph the tree states is read exactly when the geometry gives one paragraph with the same
characters (whitespace aside, a leading bullet aside). Not counted against the geometry, and said
so per file: paragraphs whose tags leave the reading order, paragraphs that are one sentence the
tags cut at a line's end, lines an element other than a paragraph holds directly (the tree doesn't
say where their paragraphs break), and paragraphs the geometry can only read joined with text the
tree leaves untagged (see the oracle's docstring). Prints a table per
file (grouped by producer: PowerPoint, Acrobat PDFMaker, Keynote, Google Slides), the totals per
group and the worst cases: each paragraph missed, with the geometry's paragraphs that hold its
text. Exits 0; `--floor X` exits 1 when the agreement over all files is below X.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lnhs_parse.layout_dump import TagMode
    from lnhs_parse.settings import Engine

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "fixtures" / "real"
GROUPS = ("PowerPoint", "Acrobat PDFMaker", "Keynote", "Google Slides")


def producer_groups(sources: Path) -> dict[str, str]:
    """File name → producer group, from the "Group" column of a SOURCES.md table."""
    out: dict[str, str] = {}
    if not sources.exists():
        return out
    for line in sources.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 5 or not cells[2].startswith("`"):
            continue
        name, group = cells[2].strip("`"), cells[3]
        if "PDFMaker" in group:
            out[name] = "Acrobat PDFMaker"
        elif group.startswith("Keynote"):
            out[name] = "Keynote"
        elif group.startswith("Google"):
            out[name] = "Google Slides"
        else:
            out[name] = "PowerPoint"
    return out


_SPACE = re.compile(r"\s+")


def ink(text: str) -> str:
    """A paragraph's characters as printed, without whitespace and without a leading bullet glyph
    (a coloured bullet set a tab away from its text is read as an icon, not text)."""
    from lnhs_parse.glyphs import BULLET_GLYPHS

    return _SPACE.sub("", text).lstrip("".join(BULLET_GLYPHS))


def spaced(text: str) -> str:
    from lnhs_parse.normalise.joining import split_bullet

    _, body = split_bullet(text)
    return " ".join(body.split())


@dataclass
class FileResult:
    name: str
    group: str
    pages: int = 0
    stated: int = 0  # usable tree paragraphs
    exact: int = 0  # read exactly (same characters)
    same_text: int = 0  # ... and the same spaces
    out_of_order: int = 0  # not counted: the tags leave the reading order
    cut: int = 0  # not counted: the tags cut a sentence at a line's end
    loose: int = 0  # not counted: lines held outside paragraph tags
    with_untagged: int = 0  # not counted: the geometry joins them with untagged text
    untagged_pages: int = 0  # pages with untagged text in them
    misses: list[dict[str, Any]] = field(default_factory=list)
    tables: int = 0  # tree tables on pages with a detected table
    tables_equal: int = 0
    error: str | None = None

    @property
    def agreement(self) -> float | None:
        return self.exact / self.stated if self.stated else None


def _geometry_paragraphs(page: dict[str, Any]) -> list[dict[str, Any]]:
    out = list(page["paragraphs"])
    out += [p for t in page["tables"] for c in t["cells"] for p in c["paragraphs"]]
    return out


def _printed(para: dict[str, Any]) -> str:
    """A dumped paragraph's characters as printed: its lines' text, bullets included."""
    return " ".join(ln["text"] for ln in para["lines"])


def compare_file(
    path: Path,
    group: str,
    engine: Engine,
    document: Any = None,
    oracle: Any = None,
    tags: TagMode = "off",
) -> FileResult | None:
    """The comparison for one PDF; None when it is untagged. `document` (its layout read with
    `engine`) and `oracle` (`read_oracle(path)`) are read here unless given; `tags` is how the
    paragraphs compared are read (`lnhs-parse layout --tags`)."""
    from lnhs_parse.errors import LnhsParseError
    from lnhs_parse.extract import extract
    from lnhs_parse.extract.pdf.oracle import read_oracle
    from lnhs_parse.layout_dump import dump_document
    from lnhs_parse.settings import ParseOptions

    if oracle is None:
        oracle = read_oracle(path)
    if oracle is None:
        return None
    result = FileResult(path.name, group, pages=len(oracle))
    try:
        options = ParseOptions(engine=engine)
        if document is None:
            document = extract(path, options)
        dump = dump_document(document, tags=tags, options=options)
    except LnhsParseError as exc:
        result.error = str(exc)
        return result
    pages = {p["number"]: p for p in dump["pages"]}
    for tree_page in oracle:
        page = pages.get(tree_page.number)
        if page is None:
            continue
        if tree_page.untagged_chars:
            result.untagged_pages += 1
        geometry = _geometry_paragraphs(page)
        printed = [ink(_printed(p)) for p in geometry]
        inks = Counter(printed)
        texts = Counter(spaced(p["text"]) for p in geometry)
        untagged = [ink(t) for t in tree_page.untagged_lines]
        mostly_untagged = tree_page.untagged_chars > tree_page.tagged_chars
        for para in tree_page.paragraphs:
            key = ink(para.text)
            if not key:
                continue
            if not para.usable:
                result.out_of_order += 1
                continue
            if para.cut:
                result.cut += 1
                continue
            if para.loose:
                result.loose += 1
                continue
            if mostly_untagged:
                result.with_untagged += 1
                continue
            if inks[key] > 0:
                inks[key] -= 1
                result.stated += 1
                result.exact += 1
                if texts[spaced(para.text)] > 0:
                    texts[spaced(para.text)] -= 1
                    result.same_text += 1
                continue
            holders = [g for g, p in zip(geometry, printed, strict=True)
                       if p and (key[:20] in p or p[:20] in key)]
            if untagged and any(_holds_untagged(ink(_printed(g)), key, untagged)
                                for g in holders):
                result.with_untagged += 1
                continue
            result.stated += 1
            result.misses.append({"page": tree_page.number, "tree": para.text,
                                  "geometry": [_printed(g) for g in holders[:4]]})
        # a "table" of one cell is a frame around a caption or a chart, not a grid
        grids = [t for t in tree_page.tables
                 if sum(bool(ink(" ".join(c.paragraphs))) for c in t.cells) > 1]
        if grids and page["tables"]:
            result.tables += len(grids)
            result.tables_equal += sum(_table_found(t, page["tables"]) for t in grids)
    return result


def _holds_untagged(geometry_ink: str, key: str, untagged: list[str]) -> bool:
    """Whether a geometry paragraph holding (part of) the tree paragraph `key` also holds a line of
    the page's untagged text."""
    rest = geometry_ink.replace(key, "", 1) if key in geometry_ink else geometry_ink
    return any(u and u in rest for u in untagged)


def _grid(cells: list[tuple[int, int, str]]) -> list[list[str]]:
    """Cells (row, col, text) as rows of their texts, left to right, empty cells and rows left out
    (an icon column the tree leaves out of its table, an empty cell PowerPoint leaves untagged so
    that the next cell takes its place)."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for r, c, t in cells:
        if t:
            rows.setdefault(r, []).append((c, t))
    return [[t for _, t in sorted(rows[r])] for r in sorted(rows)]


def _table_found(tree_table: Any, tables: list[dict[str, Any]]) -> bool:
    """Whether a detected table has the tree table's rows and cells, cell text included (empty
    cells and rows left out on both sides; a first row holding one cell's text alone, a caption
    typed into the table, may be left out of the tree's)."""
    want = _grid([(c.row, c.col, ink(" ".join(c.paragraphs))) for c in tree_table.cells])
    if not want:
        return True
    wants = [want]
    if len(want[0]) == 1 and len(want) > 1:
        wants.append(want[1:])
    for t in tables:
        got = _grid([(c["row"], c["col"], ink(" ".join(_printed(p) for p in c["paragraphs"])))
                     for c in t["cells"]])
        if got in wants:
            return True
    return False


def _pct(value: float | None) -> str:
    """A share as a percentage to a tenth, never shown as 100.0 unless it is: 2,767 of 2,768 is
    99.96 %."""
    if value is None:
        return "—"
    text = f"{100 * value:.1f}"
    return f"{100 * value:.2f} %" if text == "100.0" and value < 1 else f"{text} %"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=REAL,
                        help="a folder of PDFs (default: fixtures/real)")
    parser.add_argument("--engine", choices=("pdfium", "pdfplumber"), default="pdfium")
    parser.add_argument("--tags", choices=("off", "auto"), default="off",
                        help="off: the geometry alone (default); auto: the parser's reading, "
                             "paragraphs from the tags where lines carry them")
    parser.add_argument("--worst", type=int, default=10, metavar="N",
                        help="list the N files' misses with the most of them (default 10)")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--floor", type=float, default=None, metavar="X",
                        help="exit 1 when the agreement over all files is below X (0..1)")
    args = parser.parse_args(argv)

    groups = producer_groups(args.folder / "SOURCES.md")
    results: list[FileResult] = []
    for path in sorted(args.folder.glob("*.pdf")):
        result = compare_file(path, groups.get(path.name, "other"), args.engine,
                              tags=args.tags)
        if result is not None:
            results.append(result)
    order = {g: i for i, g in enumerate(GROUPS)}
    results.sort(key=lambda r: (order.get(r.group, len(GROUPS)), r.name))

    md = args.markdown
    head = ("file", "producer", "pages", "tree paragraphs", "exact", "agreement", "same spaces",
            "not counted: tags out of reading order", "not counted: tags cut a sentence",
            "not counted: lines held outside paragraph tags",
            "not counted: joined with untagged text",
            "pages with untagged text", "tables equal")
    print(("| " + " | ".join(head) + " |\n|" + "---|" * len(head)) if md else "\t".join(head))
    for r in results:
        row: tuple[str, ...] = (r.name if not md else f"`{r.name}`", r.group, str(r.pages),
               str(r.stated),
               str(r.exact), _pct(r.agreement),
               _pct(r.same_text / r.exact if r.exact else None), str(r.out_of_order),
               str(r.cut), str(r.loose), str(r.with_untagged), str(r.untagged_pages),
               f"{r.tables_equal}/{r.tables}" if r.tables else "—")
        if r.error:
            row = (row[0], r.group, "error: " + r.error, *("",) * (len(head) - 3))
        print(("| " + " | ".join(row) + " |") if md else "\t".join(row))
    print()
    ghead = ("producer", "files", "tree paragraphs", "exact", "agreement", "lowest file")
    print(("| " + " | ".join(ghead) + " |\n|" + "---|" * len(ghead)) if md else "\t".join(ghead))
    total_stated = total_exact = 0
    for g in GROUPS:
        mine = [r for r in results if r.group == g and r.stated]
        stated = sum(r.stated for r in mine)
        exact = sum(r.exact for r in mine)
        total_stated += stated
        total_exact += exact
        low = min((r.agreement for r in mine if r.agreement is not None), default=None)
        row = (g, str(len(mine)), str(stated), str(exact),
               _pct(exact / stated if stated else None), _pct(low))
        print(("| " + " | ".join(row) + " |") if md else "\t".join(row))
    overall = total_exact / total_stated if total_stated else None
    row = ("all tagged files", str(sum(1 for r in results if r.stated)), str(total_stated),
           str(total_exact), _pct(overall),
           _pct(min((r.agreement for r in results if r.agreement is not None), default=None)))
    print(("| " + " | ".join(f"**{c}**" for c in row) + " |") if md else "\t".join(row))
    tables = sum(r.tables for r in results)
    print(f"\ntables: {sum(r.tables_equal for r in results)} of {tables} tree tables on pages "
          "with a detected table have its rows and cells, cell text included")
    worst = sorted((r for r in results if r.misses), key=lambda r: -len(r.misses))[: args.worst]
    if worst:
        print("\nworst cases (the tree's paragraph, then the geometry's paragraphs holding it):")
    for r in worst:
        print(f"\n{r.name} ({len(r.misses)} missed of {r.stated})")
        for miss in r.misses[:8]:
            print(f"  p{miss['page']} tree:     {miss['tree'][:150]!r}")
            for g in miss["geometry"]:
                print(f"       geometry: {g[:150]!r}")
    if args.floor is not None and (overall is None or overall < args.floor):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
