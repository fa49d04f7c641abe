"""Hand-built layout objects for normaliser unit tests: lines, icons, tables, pages, documents;
and the char dicts the PDF page reader starts from (`pdf_chars`).

Geometry follows the fixture decks' house style loosely (a 960 x 540 pt slide, 10 pt table text,
5 pt cell margins) but every test states what it relies on. Text widths are estimated at half the
font size per character, which is all the normaliser needs (it never measures glyphs).
"""

from __future__ import annotations

from typing import Any, Literal

from lnhs_parse.layout import Cell, Document, Icon, IconKind, Line, Page, SourceFormat, Table

SLIDE_W, SLIDE_H = 960.0, 540.0
PITCH = 11.5  # line pitch of 10 pt text
MARGIN = 5.0  # cell margin


def line(
    text: str,
    x0: float,
    top: float,
    *,
    size: float = 10.0,
    width: float | None = None,
    bold: bool = False,
    paragraph: int | None = None,
    level: int = 0,
    bullet: str | None = None,
) -> Line:
    w = width if width is not None else 0.5 * size * len(text)
    return Line(text, (x0, top, x0 + w, top + size), size, bold, paragraph, level, bullet)


def icon(
    x: float,
    y: float,
    color: str | None,
    *,
    kind: IconKind = "shape",
    d: float = 14.0,
    glyph: str | None = None,
    digest: str | None = None,
) -> Icon:
    return Icon(kind, (x, y, x + d, y + d), color, glyph, digest)


def footer(page: int) -> list[Line]:
    return [
        line("Kymenlaakson hyvinvointialue", 34, 514, size=8),
        line(str(page), 921, 514, size=8),
    ]


def cell_lines(texts: list[str], x0: float, top: float, *, paragraphs: bool = True) -> tuple[Line, ...]:
    """One line per text, one under the other, from the cell's inner top-left corner."""
    return tuple(
        line(t, x0 + MARGIN, top + 2 + k * PITCH, paragraph=k if paragraphs else None)
        for k, t in enumerate(texts)
    )


def table(
    x0: float,
    top: float,
    widths: list[float],
    heights: list[float],
    texts: list[list[list[str]]],
    *,
    found_by: Literal["native", "lines", "fills"] = "lines",
    paragraphs: bool = True,
) -> Table:
    """A grid table; `texts[row][col]` are the cell's lines (one paragraph each, as a PPTX gives
    them; with `paragraphs=False` printed lines without paragraph indices, as a PDF gives them)."""
    col_edges = [x0]
    for w in widths:
        col_edges.append(col_edges[-1] + w)
    row_edges = [top]
    for h in heights:
        row_edges.append(row_edges[-1] + h)
    cells = []
    for r in range(len(heights)):
        for c in range(len(widths)):
            cell_texts = texts[r][c] if r < len(texts) and c < len(texts[r]) else []
            box = (col_edges[c], row_edges[r], col_edges[c + 1], row_edges[r + 1])
            cells.append(Cell(r, c, box, cell_lines(cell_texts, box[0], box[1], paragraphs=paragraphs)))
    return Table(
        (col_edges[0], row_edges[0], col_edges[-1], row_edges[-1]),
        len(heights),
        len(widths),
        tuple(cells),
        found_by,
        tuple(col_edges),
        tuple(row_edges),
    )


HEADER = [
    ["välitavoite", "Missä on onnistuttava?"],
    ["Toimenpiteiden", "eteneminen"],
    ["Lisättyjä painopisteitä vuodelle -23/-24"],
    ["Yhteisen työn nostot"],
]
WIDTHS = [150.0, 90.0, 360.0, 296.0]
X0 = 32.0
TABLE_TOP = 70.0


def goal_heading(numeral: str, title: str | list[str]) -> list[Line]:
    titles = [title] if isinstance(title, str) else title
    out = [line(f"PÄÄTAVOITE {numeral}:", 34, 16, size=14, bold=True)]
    for k, t in enumerate(titles):
        out.append(line(t, 34, 38 + k * 19, size=16, bold=True))
    return out


def goal_page(
    number: int,
    numeral: str,
    title: str | list[str],
    rows: list[list[list[str]]],
    *,
    header: bool = True,
    icons: list[Icon] | None = None,
    heights: list[float] | None = None,
    widths: list[float] | None = None,
    header_cells: list[list[str]] | None = None,
    paragraphs: bool = True,
) -> Page:
    """A goal-table slide with a ruled table: optional header row, then `rows` (cell lines as
    `table()` makes them)."""
    texts = ([header_cells or HEADER] if header else []) + rows
    hs = heights or ([40.0] if header else []) + [80.0] * len(rows)
    t = table(X0, TABLE_TOP, widths or WIDTHS, hs, texts, paragraphs=paragraphs)
    return Page(number, SLIDE_W, SLIDE_H, tuple(goal_heading(numeral, title) + footer(number)), (t,), tuple(icons or ()))


def title_page(number: int = 1, name: list[str] | None = None, year: int = 2023) -> Page:
    names = name or ["Kymenlaakson lasten ja nuoren", "hyvinvointisuunnitelma"]
    lines = [line(n, 80, 200 + k * 42, size=36, bold=True) for k, n in enumerate(names)]
    lines.append(line(f"Toteutumisen arviointi {year}", 80, 302, size=24))
    return Page(number, SLIDE_W, SLIDE_H, tuple(lines))


LEGEND_TEXTS = [
    ["Aloitettu, toimenpide aloitettu ja", "alkuvaiheessa, uusi toiminta", "käynnistetty"],
    ["Käynnissä, toimenpide", "toiminnassa ja sitä juurrutetaan", "osaksi toimintaa/palvelua"],
    ["Käytössä, toimenpide on valmis", "ja se on osa toimintaa/ palvelua"],
]
COLOURS = {"started": "#E53935", "in_progress": "#FBC02D", "in_use": "#43A047"}


def legend_page(
    number: int = 4,
    *,
    kind: IconKind = "shape",
    colours: list[str] | None = None,
    texts: list[list[str]] | None = None,
    section: list[str] | None = None,
    glyph: str | None = None,
    digests: list[str | None] | None = None,
) -> Page:
    cols = colours or [COLOURS["started"], COLOURS["in_progress"], COLOURS["in_use"]]
    lines: list[Line] = []
    icons: list[Icon] = []
    for i, block in enumerate(texts or LEGEND_TEXTS):
        x = 60 + i * 290
        icons.append(
            icon(x, 80, cols[i], kind=kind, d=30, glyph=glyph, digest=(digests or [None] * 3)[i])
        )
        for k, t in enumerate(block):
            lines.append(line(t, x + 46, 76 + k * 17.5, size=15, width=min(220.0, 7.0 * len(t))))
    sec = section or [
        "KYMENLAAKSON LASTEN JA NUORTEN",
        "HYVINVOINTISUUNNITELMAN TOTEUTUMISEN ARVIOINTI 2023 JA",
        "LISÄTYT PAINOPISTEET 2023/2024",
    ]
    for k, t in enumerate(sec):
        lines.append(line(t, 62, 252 + k * 30, size=26, bold=True, width=min(830.0, 15.0 * len(t))))
    return Page(number, SLIDE_W, SLIDE_H, tuple(lines + footer(number)), (), tuple(icons))


def highlights_page(number: int, bullets: list[str]) -> Page:
    lines = [
        line("Voi hyvin huomennakin!", 62, 30, size=20),
        line("Kiteytettyjä nostoja ja huomioita", 62, 68, size=28, bold=True),
    ]
    for k, b in enumerate(bullets):
        lines.append(line(b, 72, 130 + k * 30, size=18, paragraph=k, bullet="•"))
    return Page(number, SLIDE_W, SLIDE_H, tuple(lines + footer(number)))


def document(pages: list[Page], *, fmt: SourceFormat = "pdf", path: str = "deck.pdf") -> Document:
    return Document(path, fmt, "0" * 64, len(pages), tuple(pages))


def pdf_chars(text: str, x0: float, top: float, *, size: float = 20.0, advance: float = 0.5,
              colour: Any = (0.1, 0.1, 0.1), mcid: int | None = None) -> list[dict[str, Any]]:
    """`text` as the char dicts an engine gives the page reader: set from `x0` on a line whose top
    is `top`, each char `advance` of the size wide, upright, in `colour`."""
    out = []
    for i, t in enumerate(text):
        x = x0 + i * advance * size
        out.append({"text": t, "x0": x, "x1": x + advance * size, "top": top,
                    "bottom": top + size, "size": size, "fontname": "Arial",
                    "matrix": (1, 0, 0, 1, x, 800 - top - size), "upright": True,
                    "non_stroking_color": colour, "mcid": mcid})
    return out
