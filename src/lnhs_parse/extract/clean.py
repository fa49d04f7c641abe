"""Characters no plan should carry, taken out of an extracted layout before the normaliser reads it.

Damaged ToUnicode maps and odd PPTX text put control characters (U+0000-U+001F, DEL, the C1 range
U+0080-U+009F), lone surrogates and noncharacters (U+FDD0-U+FDEF, U+xFFFE and U+xFFFF) into the
extracted text. JSON would carry them, but spreadsheets show garbage and the XLSX writer refuses
them. They are dropped from every line of the layout, with one `control-characters` warning per
page. Tab and newline mean something and stay; a carriage return or a vertical tab (PowerPoint's
soft line break) becomes a newline, a form feed a space.
"""

from __future__ import annotations

import dataclasses
import re

from lnhs_parse.layout import Document, LayoutWarning, Line, Page, Table

__all__ = ["BAD_CHARACTERS", "clean_document", "clean_text"]

BAD_CHARACTERS = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(17))
    + "]"
)
_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": " "})


def clean_text(text: str) -> tuple[str, int]:
    """`text` without the bad characters, and how many were dropped (a CR LF pair counts as the
    line break it is)."""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    cleaned, dropped = BAD_CHARACTERS.subn("", text)
    return cleaned, dropped


def _clean_lines(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], int]:
    out, total = [], 0
    for line in lines:
        text, dropped = clean_text(line.text)
        bullet, dropped_bullet = clean_text(line.bullet) if line.bullet is not None else (None, 0)
        if dropped or dropped_bullet or text != line.text:
            line = dataclasses.replace(line, text=text, bullet=bullet)
        out.append(line)
        total += dropped + dropped_bullet
    return tuple(out), total


def _clean_table(table: Table) -> tuple[Table, int]:
    cells, total = [], 0
    for cell in table.cells:
        lines, dropped = _clean_lines(cell.lines)
        cells.append(dataclasses.replace(cell, lines=lines) if dropped else cell)
        total += dropped
    return (dataclasses.replace(table, cells=tuple(cells)) if total else table), total


def _clean_page(page: Page) -> tuple[Page, int]:
    lines, total = _clean_lines(page.lines)
    tables = []
    for table in page.tables:
        cleaned, dropped = _clean_table(table)
        tables.append(cleaned)
        total += dropped
    return dataclasses.replace(page, lines=lines, tables=tuple(tables)), total


def clean_document(document: Document) -> Document:
    """`document` with the bad characters dropped from its text, a warning per page that had any."""
    pages: list[Page] = []
    warnings = list(document.warnings)
    for page in document.pages:
        cleaned, dropped = _clean_page(page)
        pages.append(cleaned)
        if dropped:
            warnings.append(LayoutWarning(
                "control-characters",
                f"{dropped} control character(s) or noncharacter(s) dropped from the text",
                page.number,
            ))
    if len(warnings) == len(document.warnings):
        return dataclasses.replace(document, pages=tuple(pages))
    return dataclasses.replace(document, pages=tuple(pages), warnings=tuple(warnings))

