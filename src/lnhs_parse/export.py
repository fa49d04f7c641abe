"""A plan as CSV, XLSX or Markdown (and JSON), for people who read plans in Excel or as a report.

`render(plan, fmt)` is the one entry point; the writers sit in the `WRITERS` registry. A writer
returns `str` for text formats (json, csv, md) and `bytes` for binary ones (xlsx), which the CLI
refuses to print to a terminal. The rows come from `lnhs_parse.rows`, the Markdown from
`lnhs_parse.markdown`, the words and colours from `lnhs_parse.labels`; this module writes files.

- **csv**: one row per statement and per action (`ROW_COLUMNS`; docs/export.md): an action's row
  holds its text, the status that applies to it (its own, else its sub-goal's; `status_of` says
  which), who does it (its own and its responsible actors), and its responsible actors' names,
  schedule, indicators, status text and number in the last columns. A sub-goal without statements
  and actions still gets one row with those fields empty, so no sub-goal is lost. The text starts
  with a UTF-8 byte order mark (U+FEFF) so Excel reads ä/ö right: write it with
  ``encoding="utf-8"``, not ``"utf-8-sig"`` (that would add a second mark). Rows end in ``\\r\\n``
  (the csv module's default); a multi-line statement stays one quoted field.
- **xlsx** (needs openpyxl: ``pip install lnhs-parse[xlsx]``): sheet *Toimenpiteet* holds the CSV's
  rows, its `status_labels` cell filled in the status's colour where the row has one status;
  *Välitavoitteet* one row per sub-goal (its statements and actions counted) with one cell per
  status icon holding the deck's word, filled in the scale's colour (`StatusScale.colour` from
  `lnhs_parse.labels`: the scale step's colour, the legend's, the usual one for the code, else a
  neutral grey); *Tiedot* the plan's source, region, year, title, focus period, highlights and
  warnings. The same plan gives the same bytes (fixed timestamps inside the file).
- **md**: `lnhs_parse.markdown.plan_markdown`, a readable report: title, region, year, focus
  period, highlights, the status scale, then goals → sub-goals → statuses (the deck's words) →
  actions as a table → each column's statements grouped by actor.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from lnhs_parse.errors import ConfigError
from lnhs_parse.labels import (
    COLUMN_LABELS,
    COLUMNS,
    STATUS_COLOURS,
    StatusScale,
    status_colours,
)
from lnhs_parse.markdown import plan_markdown
from lnhs_parse.model import Plan
from lnhs_parse.rows import (
    ACTION_FIELDS,
    ICON_COLUMN,
    INFO_COLUMNS,
    LIST_SEPARATOR,
    ROW_COLUMNS,
    info_rows,
    statement_rows,
    sub_goal_columns,
    sub_goal_rows,
)
from lnhs_parse.utils.colour import hex_to_rgb

SHEET_STATEMENTS = "Toimenpiteet"
SHEET_SUB_GOALS = "Välitavoitteet"
SHEET_INFO = "Tiedot"


# --- writers ----------------------------------------------------------------------------------


def to_json(plan: Plan) -> str:
    """The plan's JSON (as `Plan.to_json`)."""
    return plan.to_json()


def to_csv(plan: Plan) -> str:
    """CSV text with a leading BOM and ``\\r\\n`` line ends (see the module docstring)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(ROW_COLUMNS)
    for row in statement_rows(plan):
        writer.writerow(["" if row[c] is None else row[c] for c in ROW_COLUMNS])
    return "\ufeff" + buf.getvalue()


# XLSX -----------------------------------------------------------------------------------------

# Fixed times inside the workbook so the same plan gives the same bytes.
_FIXED_TIME = _dt.datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_MIN_WIDTH = 6
_MAX_WIDTH = 60


def _argb(colour: str) -> str:
    """'#E53935' -> 'FFE53935' (opaque ARGB, as openpyxl stores colours)."""
    return "FF" + colour.lstrip("#").upper()


def _text_colour(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (relative luminance)."""
    r, g, b = (channel / 255 for channel in hex_to_rgb("#" + colour.lstrip("#")))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "FF000000" if lum > 0.5 else "FFFFFFFF"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise ConfigError(
            "the xlsx format needs openpyxl: pip install lnhs-parse[xlsx]"
        ) from exc
    return openpyxl


_ILLEGAL_XML = re.compile(r"[\000-\010\013\014\016-\037]")


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        # XML 1.0 can't hold most control characters; a vertical tab is PowerPoint's soft line
        # break.
        # An empty text is an empty cell, as Excel has no empty strings of its own.
        return _ILLEGAL_XML.sub("", value.replace("\x0b", "\n")) or None
    return value


def _write_table(ws: Any, header: list[str], rows: list[dict[str, Any]]) -> None:
    """Header + rows, then: bold frozen header, auto-filter, widths by content, long columns
    wrapped."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(header)
    for row in rows:
        ws.append([_cell_value(row.get(c)) for c in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    # A text that starts with "=" is a statement, not a formula: keep every string a string.
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            if cell.data_type == "f":
                cell.data_type = "s"
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for idx, column_cells in enumerate(ws.iter_cols(min_row=1, max_row=ws.max_row), start=1):
        longest = max(
            [len(str(column_cells[0].value)) + 2]  # room for the auto-filter's button
            + [len(line) for c in column_cells[1:] if c.value is not None
               for line in str(c.value).split("\n")],
        )
        multiline = any(isinstance(c.value, str) and "\n" in c.value for c in column_cells)
        width = min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH)
        ws.column_dimensions[get_column_letter(idx)].width = width
        alignment = wrap if (longest + 2 > _MAX_WIDTH or multiline) else top
        for cell in column_cells[1:]:
            cell.alignment = alignment
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(ws.max_row, 1)}"


def _fill(cell: Any, colour: str) -> None:
    from openpyxl.styles import Font, PatternFill

    cell.fill = PatternFill(fill_type="solid", start_color=_argb(colour), end_color=_argb(colour))
    cell.font = Font(color=_text_colour(colour))


def _fill_statuses(ws: Any, header: list[str], rows: list[dict[str, Any]],
                   scale: StatusScale) -> None:
    """Fill the status cells in the scale's colours: each `status_N` cell in its status's colour,
    and a `status_labels` cell where the row has one status (several kinds: no single colour)."""
    icon_cols = [i for i, name in enumerate(header) if ICON_COLUMN.fullmatch(name)]
    label_col = header.index("status_labels") if "status_labels" in header else None
    for row, cells in zip(rows, ws.iter_rows(min_row=2), strict=True):
        codes = row["status_codes"].split(LIST_SEPARATOR) if row.get("status_codes") else []
        for n, i in enumerate(icon_cols):
            if n < len(codes) and cells[i].value is not None:
                _fill(cells[i], scale.colour(codes[n]))
        if label_col is not None and not icon_cols and len(set(codes)) == 1:
            _fill(cells[label_col], scale.colour(codes[0]))


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every member's timestamp fixed (zip entries carry the time written)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_xlsx(plan: Plan) -> bytes:
    """The workbook's bytes: sheets Toimenpiteet, Välitavoitteet, Tiedot (module docstring)."""
    openpyxl = _openpyxl()
    from openpyxl.writer.excel import ExcelWriter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_STATEMENTS
    scale = StatusScale.of(plan)
    rows = statement_rows(plan)
    _write_table(ws, ROW_COLUMNS, rows)
    _fill_statuses(ws, ROW_COLUMNS, rows, scale)

    ws = wb.create_sheet(SHEET_SUB_GOALS)
    header = sub_goal_columns(plan)
    rows = sub_goal_rows(plan)
    _write_table(ws, header, rows)
    _fill_statuses(ws, header, rows, scale)

    _write_table(wb.create_sheet(SHEET_INFO), INFO_COLUMNS, info_rows(plan))

    wb.properties.creator = "lnhs-parse"
    wb.properties.title = plan.title
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    buf = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps `modified` with the current time.
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    return _stable_zip(buf.getvalue())


# --- the registry -----------------------------------------------------------------------------

Writer = Callable[[Plan], "str | bytes"]

WRITERS: dict[str, Writer] = {
    "json": to_json,
    "csv": to_csv,
    "xlsx": to_xlsx,
    "md": plan_markdown,
}
FORMATS: tuple[str, ...] = tuple(WRITERS)


def render(plan: Plan, fmt: str) -> str | bytes:
    """The plan in format `fmt` (json, csv, xlsx, md): `str`, or `bytes` for xlsx.

    Raises `ConfigError` for an unknown format, or for xlsx without openpyxl installed.
    """
    try:
        writer = WRITERS[fmt]
    except (KeyError, TypeError):
        raise ConfigError(
            f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    return writer(plan)


__all__ = [  # the rows and labels too, where the export's readers have found them
    "ACTION_FIELDS",
    "COLUMNS",
    "COLUMN_LABELS",
    "FORMATS",
    "INFO_COLUMNS",
    "LIST_SEPARATOR",
    "ROW_COLUMNS",
    "STATUS_COLOURS",
    "WRITERS",
    "info_rows",
    "render",
    "statement_rows",
    "status_colours",
    "sub_goal_columns",
    "sub_goal_rows",
    "to_csv",
    "to_json",
    "to_xlsx",
]
