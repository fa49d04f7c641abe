"""A plan as CSV, XLSX or Markdown (and JSON), for people who read plans in Excel or as a report.

`render(plan, fmt)` is the one entry point; the writers sit in the `WRITERS` registry. A writer
returns `str` for text formats (json, csv, md) and `bytes` for binary ones (xlsx), which the CLI
refuses to print to a terminal.

- **csv**: one row per statement (`ROW_COLUMNS`); a sub-goal without statements still gets one row
  with the statement fields empty, so no sub-goal is lost. The text starts with a UTF-8 byte order
  mark (U+FEFF) so Excel reads ä/ö right: write it with ``encoding="utf-8"``, not ``"utf-8-sig"``
  (that would add a second mark). Rows end in ``\\r\\n`` (the csv module's default); a multi-line
  statement stays one quoted field.
- **xlsx** (needs openpyxl: ``pip install lnhs-parse[xlsx]``): sheet *Toimenpiteet* holds the CSV's
  rows; *Välitavoitteet* one row per sub-goal with one cell per status icon filled in the legend's
  colour (`status_colours(plan.status_legend)` from `lnhs_parse.labels`: the deck's legend icon
  colours, `STATUS_COLOURS` for a status without one); *Tiedot* the plan's source, region, year,
  title, focus period, highlights and warnings. The same plan gives the same bytes (fixed timestamps inside the file).
- **md**: a readable report: title, region, year, focus period, highlights, legend, then goals →
  sub-goals → statuses (Finnish labels) → each column's statements grouped by actor.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from lnhs_parse.errors import ConfigError
from lnhs_parse.model import Column, Plan, Statement, Status, SubGoal
from lnhs_parse.utils.colour import hex_to_rgb

# The legend's colours and the columns' Finnish labels, shared with the report and the notebook.
from lnhs_parse.labels import COLUMN_LABELS, COLUMNS, STATUS_COLOURS, status_colours  # noqa: F401

# One row per statement: the header of the CSV and of the XLSX sheet "Toimenpiteet".
# The sub-goal's own fields, first in both the statement rows and the sub-goal rows.
SUB_GOAL_FIELDS: tuple[str, ...] = (
    "goal",
    "goal_numeral",
    "goal_title",
    "sub_goal",
    "sub_goal_title",
    "status_codes",
    "status_labels",
)
ROW_COLUMNS: list[str] = [
    "year",
    *SUB_GOAL_FIELDS,
    "column",
    "column_label",
    "actor_ids",
    "actor_names",
    "attribution",
    "text",
    "page",
]
# The fields a sub-goal without statements leaves empty.
STATEMENT_FIELDS: frozenset[str] = frozenset(
    {"column", "column_label", "actor_ids", "actor_names", "attribution", "text", "page"}
)
LIST_SEPARATOR = "; "

SHEET_STATEMENTS = "Toimenpiteet"
SHEET_SUB_GOALS = "Välitavoitteet"
SHEET_INFO = "Tiedot"


# --- rows -------------------------------------------------------------------------------------


def _actor_names(plan: Plan) -> dict[str, str]:
    return {a.id: a.name for a in plan.actors}


def _statement_fields(
    column: Column, st: Statement, names: dict[str, str]
) -> dict[str, Any]:
    return {
        "column": column,
        "column_label": COLUMN_LABELS[column],
        "actor_ids": LIST_SEPARATOR.join(st.actors),
        "actor_names": LIST_SEPARATOR.join(names.get(a, a) for a in st.actors),
        "attribution": st.attribution,
        "text": st.text,
        "page": st.page,
    }


def _statements(sg: SubGoal) -> Iterator[tuple[Column, Statement]]:
    for column in COLUMNS:
        for st in getattr(sg, column):
            yield column, st


def statement_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per statement, keyed by `ROW_COLUMNS`; an empty sub-goal gives one row of its own.

    Numbers (year, goal, sub_goal, page) stay `int`; empty statement fields are `None`.
    """
    names = _actor_names(plan)
    rows: list[dict[str, Any]] = []
    for goal in plan.goals:
        for sg in goal.sub_goals:
            base = {
                "year": plan.year,
                "goal": goal.number,
                "goal_numeral": goal.numeral,
                "goal_title": goal.title,
                "sub_goal": sg.number,
                "sub_goal_title": sg.title,
                "status_codes": LIST_SEPARATOR.join(s.value for s in sg.statuses),
                "status_labels": LIST_SEPARATOR.join(s.label for s in sg.statuses),
            }
            statements = list(_statements(sg))
            if not statements:
                rows.append({**base, **dict.fromkeys(STATEMENT_FIELDS)})
            for column, st in statements:
                rows.append({**base, **_statement_fields(column, st, names)})
    return [{key: row[key] for key in ROW_COLUMNS} for row in rows]


_ICON_COLUMN = re.compile(r"status_\d+")


def sub_goal_columns(plan: Plan) -> list[str]:
    """The header of the sheet "Välitavoitteet": one `status_N` column per icon of the fullest row."""
    icons = max([1] + [len(sg.statuses) for g in plan.goals for sg in g.sub_goals])
    return [
        *SUB_GOAL_FIELDS,
        "statements",
        "pages",
        *(f"status_{i}" for i in range(1, icons + 1)),
    ]


def sub_goal_rows(plan: Plan) -> list[dict[str, Any]]:
    """One dict per sub-goal; `status_N` holds the N-th icon's `Status` (or None)."""
    icon_columns = [c for c in sub_goal_columns(plan) if _ICON_COLUMN.fullmatch(c)]
    rows = []
    for goal in plan.goals:
        for sg in goal.sub_goals:
            row: dict[str, Any] = {
                "goal": goal.number,
                "goal_numeral": goal.numeral,
                "goal_title": goal.title,
                "sub_goal": sg.number,
                "sub_goal_title": sg.title,
                "status_codes": LIST_SEPARATOR.join(s.value for s in sg.statuses),
                "status_labels": LIST_SEPARATOR.join(s.label for s in sg.statuses),
                "statements": len(sg.focus_areas) + len(sg.joint_highlights),
                "pages": LIST_SEPARATOR.join(str(p) for p in sg.pages),
            }
            for i, col in enumerate(icon_columns):
                row[col] = sg.statuses[i] if i < len(sg.statuses) else None
            rows.append(row)
    return rows


INFO_COLUMNS: list[str] = ["field", "value", "page"]


def info_rows(plan: Plan) -> list[dict[str, Any]]:
    """The sheet "Tiedot": the plan's facts, then highlights and warnings, one per row."""
    facts: list[tuple[str, Any]] = [
        ("schema_version", plan.schema_version),
        ("source_path", plan.source.path),
        ("source_format", plan.source.format),
        ("source_sha256", plan.source.sha256),
        ("source_pages", plan.source.pages),
        ("region", plan.region),
        ("year", plan.year),
        ("title", plan.title),
        ("focus_period", plan.focus_period),
    ]
    rows = [{"field": k, "value": v, "page": None} for k, v in facts]
    rows += [{"field": "highlight", "value": h.text, "page": h.page} for h in plan.highlights]
    rows += [
        {"field": "warning", "value": f"[{w.code}] {w.message}", "page": w.page}
        for w in plan.warnings
    ]
    return rows


# --- writers ----------------------------------------------------------------------------------


def to_json(plan: Plan) -> str:
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
    if isinstance(value, Status):
        return value.label
    if isinstance(value, str):
        # XML 1.0 can't hold most control characters; a vertical tab is PowerPoint's soft line break.
        # An empty text is an empty cell, as Excel has no empty strings of its own.
        return _ILLEGAL_XML.sub("", value.replace("\x0b", "\n")) or None
    return value


def _write_table(ws: Any, header: list[str], rows: list[dict[str, Any]]) -> None:
    """Header + rows, then: bold frozen header, auto-filter, widths by content, wrap long columns."""
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


def _fill_statuses(ws: Any, header: list[str], colours: dict[Status, str]) -> None:
    """Fill each status cell (`status_N`) in its status's colour from `colours` ("#RRGGBB")."""
    from openpyxl.styles import Font, PatternFill

    by_label = {status.label: status for status in Status}
    status_cols = [i for i, name in enumerate(header, start=1) if _ICON_COLUMN.fullmatch(name)]
    for row_cells in ws.iter_rows(min_row=2):
        for i in status_cols:
            cell = row_cells[i - 1]
            status = by_label.get(cell.value) if isinstance(cell.value, str) else None
            if status is None:
                continue
            colour = colours[status]
            cell.fill = PatternFill(fill_type="solid", start_color=_argb(colour),
                                    end_color=_argb(colour))
            cell.font = Font(color=_text_colour(colour))


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
    """The workbook's bytes: sheets Toimenpiteet, Välitavoitteet, Tiedot (see the module docstring)."""
    openpyxl = _openpyxl()
    from openpyxl.writer.excel import ExcelWriter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_STATEMENTS
    _write_table(ws, ROW_COLUMNS, statement_rows(plan))

    ws = wb.create_sheet(SHEET_SUB_GOALS)
    header = sub_goal_columns(plan)
    _write_table(ws, header, sub_goal_rows(plan))
    _fill_statuses(ws, header, status_colours(plan.status_legend))

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


# Markdown -------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])(?=\s|$)")


def _md(text: str) -> str:
    """One line of plain text made safe for Markdown (emphasis, links, HTML, list/heading starts)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _md_inline(text: str) -> str:
    """Text for a heading or a one-line field: whitespace (newlines too) collapsed."""
    return _md(" ".join(text.split()))


def _md_item(text: str) -> str:
    """A list item; the statement's further lines stay in the item (hard line breaks)."""
    lines = [_md(" ".join(line.split())) for line in text.split("\n") if line.strip()] or [""]
    return "- " + " \\\n  ".join(lines)


NO_ACTOR = "Ei nimettyä toimijaa"


def _md_column(column: Column, statements: list[Statement], names: dict[str, str]) -> list[str]:
    out = [f"#### {COLUMN_LABELS[column]}", ""]
    if not statements:
        return out + ["_Ei merkintöjä._", ""]
    groups: dict[tuple[str, ...], list[Statement]] = {}
    for st in statements:
        groups.setdefault(tuple(st.actors), []).append(st)
    only_unnamed = list(groups) == [()]
    for actors, items in groups.items():
        if not only_unnamed:
            label = LIST_SEPARATOR.join(names.get(a, a) for a in actors) if actors else NO_ACTOR
            out += [f"**{_md_inline(label)}**", ""]
        out += [_md_item(st.text) for st in items]
        out.append("")
    return out


def to_markdown(plan: Plan) -> str:
    names = _actor_names(plan)
    out = [f"# {_md_inline(plan.title)}", ""]
    facts = [
        ("Alue", plan.region),
        ("Arviointivuosi", str(plan.year)),
        ("Painopistekausi", plan.focus_period),
        ("Lähde", f"{plan.source.path} ({plan.source.format}, {plan.source.pages} sivua)"),
    ]
    out += [f"- **{k}:** {_md_inline(v)}" for k, v in facts if v]
    out.append("")
    if plan.highlights:
        out += ["## Kiteytetyt nostot", ""]
        out += [_md_item(h.text) for h in plan.highlights]
        out.append("")
    out += ["## Toimenpiteiden eteneminen", ""]
    if plan.status_legend:
        out += [
            f"- **{_md_inline(e.status.label)}** (`{e.status.value}`): {_md_inline(e.description)}"
            for e in plan.status_legend
        ]
    else:
        out += [f"- **{s.label}** (`{s.value}`)" for s in Status]
    out.append("")
    for goal in plan.goals:
        out += [f"## Päätavoite {goal.numeral}: {_md_inline(goal.title)}", ""]
        if not goal.sub_goals:
            out += ["_Ei välitavoitteita._", ""]
        for sg in goal.sub_goals:
            out += [f"### {goal.numeral}.{sg.number} {_md_inline(sg.title)}", ""]
            status = ", ".join(s.label for s in sg.statuses) or "ei merkitty"
            out += [f"**Toimenpiteiden eteneminen:** {status}", ""]
            for column in COLUMNS:
                out += _md_column(column, getattr(sg, column), names)
    if plan.warnings:
        out += ["## Varoitukset", ""]
        for w in plan.warnings:
            where = f" (s. {w.page})" if w.page is not None else ""
            out.append(f"- `{w.code}`{where}: {_md_inline(w.message)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- the registry -----------------------------------------------------------------------------

Writer = Callable[[Plan], "str | bytes"]

WRITERS: dict[str, Writer] = {
    "json": to_json,
    "csv": to_csv,
    "xlsx": to_xlsx,
    "md": to_markdown,
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
