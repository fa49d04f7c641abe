"""Export of a plan as csv, xlsx, md (and json): read back and checked against the plan itself.

The plans are the fixture decks' expected plans (`expected_as_plan`), so these tests run on data
written from the generator's content, independent of the parser. The expected rows are built here
from the plan, not with the exporter's own row helpers, so a wrong row in the exporter shows.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook

from action_plans import COLOURS, NEUTRAL, UNKNOWN_CODE, plan_2023
from lnhs_parse import cli, output
from lnhs_parse.errors import ConfigError
from lnhs_parse.export import (
    FORMATS,
    ROW_COLUMNS,
    STATUS_COLOURS,
    WRITERS,
    render,
)
from lnhs_parse.model import Plan, Statement, Status, Warning
from support import expected_as_plan, ws

DECKS = ["kymenlaakso-2023", "kymenlaakso-2024"]
COLUMN_LABELS = {"focus_areas": "Lisätyt painopisteet", "joint_highlights": "Yhteisen työn nostot"}
LEGEND_COLOURS = {"started": "E53935", "in_progress": "FBC02D", "in_use": "43A047"}
STATEMENT_FIELDS = ("column", "column_label", "actor_ids", "actor_names", "attribution", "text",
                    "page")
# The columns after the statement's, which only an action's row fills.
ACTION_FIELDS = ("responsible", "schedule", "indicators", "status_text", "action_number",
                 "status_of")
# The Kymenlaakso fixtures' scale: three steps, worded as the packaged vocabulary words them.
KYMENLAAKSO_WORDS = {"started": "Aloitettu", "in_progress": "Käynnissä", "in_use": "Käytössä"}


@pytest.fixture(scope="module", params=DECKS)
def plan(request: pytest.FixtureRequest) -> Plan:
    return expected_as_plan(request.param)


def with_empty_sub_goal(plan: Plan) -> tuple[Plan, int, int]:
    """A copy of `plan` whose second goal's first sub-goal has no statements and no statuses."""
    plan = plan.model_copy(deep=True)
    goal = plan.goals[1]
    sg = goal.sub_goals[0]
    sg.focus_areas, sg.joint_highlights, sg.statuses = [], [], []
    return plan, goal.number, sg.number


def expected_rows(plan: Plan) -> list[dict[str, Any]]:
    """What the statement sheet / CSV should hold, built straight from the plan."""
    names = {a.id: a.name for a in plan.actors}
    rows = []
    for g in plan.goals:
        for s in g.sub_goals:
            base = {
                "year": plan.year, "goal": g.number, "goal_numeral": g.numeral,
                "goal_title": g.title, "sub_goal": s.number, "sub_goal_title": s.title,
                "status_codes": "; ".join(s.statuses),
                "status_labels": "; ".join(plan.status_label(x) for x in s.statuses),
            }
            n = 0
            for col in ("focus_areas", "joint_highlights"):
                for st in getattr(s, col):
                    n += 1
                    rows.append({
                        **base, "column": col, "column_label": COLUMN_LABELS[col],
                        "actor_ids": "; ".join(st.actors),
                        "actor_names": "; ".join(names[a] for a in st.actors),
                        "attribution": st.attribution, "text": st.text, "page": st.page,
                        **dict.fromkeys(ACTION_FIELDS),
                    })
            if n == 0:
                rows.append({**base, **dict.fromkeys(STATEMENT_FIELDS + ACTION_FIELDS)})
    return rows


def as_xlsx_values(row: dict[str, Any]) -> dict[str, Any]:
    """An empty text is an empty cell in a workbook."""
    return {k: None if v == "" else v for k, v in row.items()}


def as_csv_strings(row: dict[str, Any]) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in row.items()}


def n_statements(plan: Plan) -> int:
    return sum(len(s.focus_areas) + len(s.joint_highlights)
               for g in plan.goals for s in g.sub_goals)


def n_empty_sub_goals(plan: Plan) -> int:
    return sum(1 for g in plan.goals for s in g.sub_goals
               if not s.focus_areas and not s.joint_highlights)


def read_csv(text_or_bytes: str | bytes) -> list[dict[str, str]]:
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == ROW_COLUMNS
    return list(reader)


def text_of(plan: Plan, fmt: str) -> str:
    """`render` of a text format (csv, md, json)."""
    out = render(plan, fmt)
    assert isinstance(out, str)
    return out


def bytes_of(plan: Plan, fmt: str) -> bytes:
    """`render` of a binary format (xlsx)."""
    out = render(plan, fmt)
    assert isinstance(out, bytes)
    return out


def load_xlsx(data: bytes) -> Workbook:
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_rows(ws_: Any) -> tuple[list[str], list[dict[str, Any]]]:
    values = list(ws_.iter_rows(values_only=True))
    header = list(values[0])
    return header, [dict(zip(header, row, strict=True)) for row in values[1:]]


# --- render and the registry ------------------------------------------------------------------


def test_registry_holds_the_four_formats_and_matches_the_cli() -> None:
    assert isinstance(WRITERS, dict)
    assert set(WRITERS) == {"json", "csv", "xlsx", "md"}
    assert set(FORMATS) == set(cli.PLAN_FORMATS)


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "", "xls"])
def test_unknown_format_is_a_config_error(fmt: str) -> None:
    plan = expected_as_plan("kymenlaakso-2023")
    with pytest.raises(ConfigError, match="unknown export format") as info:
        render(plan, fmt)
    assert info.value.exit_code == 2


def test_render_types(plan: Plan) -> None:
    assert isinstance(render(plan, "csv"), str)
    assert isinstance(render(plan, "md"), str)
    assert isinstance(render(plan, "json"), str)
    assert isinstance(render(plan, "xlsx"), bytes)


def test_json_round_trips(plan: Plan) -> None:
    assert Plan.model_validate_json(render(plan, "json")) == plan


# --- csv --------------------------------------------------------------------------------------


def test_csv_rows_equal_the_plan(plan: Plan) -> None:
    rows = read_csv(text_of(plan, "csv"))
    assert len(rows) == n_statements(plan) + n_empty_sub_goals(plan)
    assert rows == [as_csv_strings(r) for r in expected_rows(plan)]


def test_csv_status_and_column_labels_are_finnish(plan: Plan) -> None:
    rows = read_csv(text_of(plan, "csv"))
    multi = [r for r in rows if ";" in r["status_codes"]]
    assert multi, "the fixtures have sub-goals with two icons"
    for r in rows:
        codes = r["status_codes"].split("; ")
        assert r["status_labels"] == "; ".join(KYMENLAAKSO_WORDS[c] for c in codes)
        assert r["column_label"] == COLUMN_LABELS[r["column"]]


def test_csv_bom_and_crlf(plan: Plan, tmp_path: Path) -> None:
    text = text_of(plan, "csv")
    assert text.startswith("\ufeffyear,goal,")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    header, _, _rest = data.partition(b"\r\n")
    assert header == b"\xef\xbb\xbf" + ",".join(ROW_COLUMNS).encode()
    assert data.endswith(b"\r\n")
    # every record ends in \r\n; a bare \n only inside a quoted multi-line field
    records = data.decode("utf-8-sig").split("\r\n")[:-1]
    assert len(records) >= n_statements(plan) + 1
    assert "ä" in data.decode("utf-8")


def test_csv_keeps_a_sub_goal_without_statements() -> None:
    plan, goal, sub_goal = with_empty_sub_goal(expected_as_plan("kymenlaakso-2023"))
    rows = read_csv(text_of(plan, "csv"))
    assert len(rows) == n_statements(plan) + 1
    empty = [r for r in rows if r["goal"] == str(goal) and r["sub_goal"] == str(sub_goal)]
    assert len(empty) == 1
    (row,) = empty
    assert row["sub_goal_title"] == plan.goals[1].sub_goals[0].title
    assert row["year"] == str(plan.year)
    assert all(row[f] == "" for f in STATEMENT_FIELDS + ACTION_FIELDS)
    assert row["status_codes"] == row["status_labels"] == ""
    assert rows == [as_csv_strings(r) for r in expected_rows(plan)]


def test_csv_multiline_and_quoted_text_survive() -> None:
    plan = expected_as_plan("kymenlaakso-2023").model_copy(deep=True)
    tricky = 'rivi 1, "lainaus"\nrivi 2; =1+1'
    plan.goals[0].sub_goals[0].focus_areas[0].text = tricky
    rows = read_csv(text_of(plan, "csv"))
    assert rows[0]["text"] == tricky


# --- xlsx -------------------------------------------------------------------------------------


def test_xlsx_statement_sheet_equals_the_plan(plan: Plan) -> None:
    wb = load_xlsx(bytes_of(plan, "xlsx"))
    assert wb.sheetnames == ["Toimenpiteet", "Välitavoitteet", "Tiedot"]
    header, rows = sheet_rows(wb["Toimenpiteet"])
    assert header == ROW_COLUMNS
    assert len(rows) == n_statements(plan) + n_empty_sub_goals(plan)
    assert rows == [as_xlsx_values(r) for r in expected_rows(plan)]


def test_xlsx_keeps_a_sub_goal_without_statements() -> None:
    plan, goal, sub_goal = with_empty_sub_goal(expected_as_plan("kymenlaakso-2024"))
    wb = load_xlsx(bytes_of(plan, "xlsx"))
    _, rows = sheet_rows(wb["Toimenpiteet"])
    assert len(rows) == n_statements(plan) + 1
    assert rows == [as_xlsx_values(r) for r in expected_rows(plan)]
    _, subs = sheet_rows(wb["Välitavoitteet"])
    row = next(r for r in subs if r["goal"] == goal and r["sub_goal"] == sub_goal)
    assert row["statements"] == 0 and row["actions"] == 0 and row["status_1"] is None


def test_xlsx_sub_goal_sheet_fills_statuses_in_legend_colours(plan: Plan) -> None:
    ws_ = load_xlsx(bytes_of(plan, "xlsx"))["Välitavoitteet"]
    header = [c.value for c in ws_[1]]
    icon_cols = [i for i, h in enumerate(header) if re.fullmatch(r"status_\d+", str(h))]
    widest = max(len(s.statuses) for g in plan.goals for s in g.sub_goals)
    assert len(icon_cols) == widest
    subs = [(g, s) for g in plan.goals for s in g.sub_goals]
    data_rows = list(ws_.iter_rows(min_row=2))
    assert len(data_rows) == len(subs)
    filled = 0
    for (g, s), cells in zip(subs, data_rows, strict=True):
        row = dict(zip(header, cells, strict=True))
        assert (row["goal"].value, row["sub_goal"].value) == (g.number, s.number)
        assert row["sub_goal_title"].value == s.title
        assert row["status_codes"].value == "; ".join(s.statuses)
        assert row["status_labels"].value == "; ".join(KYMENLAAKSO_WORDS[x] for x in s.statuses)
        assert row["statements"].value == len(s.focus_areas) + len(s.joint_highlights)
        assert row["actions"].value == 0  # Kymenlaakso's plans have no actions
        for k, i in enumerate(icon_cols):
            cell = cells[i]
            if k < len(s.statuses):
                status = s.statuses[k]
                assert cell.value == KYMENLAAKSO_WORDS[status]
                assert cell.fill.fill_type == "solid"
                assert cell.fill.fgColor.rgb[-6:].upper() == LEGEND_COLOURS[status]
                filled += 1
            else:
                assert cell.value is None
                assert cell.fill.fill_type is None
    assert filled == sum(len(s.statuses) for _, s in subs)


def test_status_colours_are_the_legend_colours() -> None:
    from lnhs_parse import notebook

    assert STATUS_COLOURS is notebook.STATUS_COLOURS  # one map for Excel and notebooks
    # Kymenlaakso's three keep their colours; every step of the packaged vocabulary has one
    assert {s: STATUS_COLOURS[Status(s)].lstrip("#").upper() for s in LEGEND_COLOURS} == (
        LEGEND_COLOURS)
    assert set(STATUS_COLOURS) == set(Status)
    assert len(set(STATUS_COLOURS.values())) == len(Status)  # no two steps look alike


CUSTOM_COLOURS = {"started": "#1E88E5", "in_progress": "#8E24AA"}  # blue, purple; in_use: none


def with_custom_legend_colours(plan: Plan) -> Plan:
    """A copy of `plan` whose legend draws started blue, in_progress purple, in_use without
    colour."""
    legend = [e.model_copy(update={"color": CUSTOM_COLOURS.get(e.status)})
              for e in plan.status_legend]
    assert {e.status for e in legend} == set(LEGEND_COLOURS)
    return plan.model_copy(update={"status_legend": legend})


def test_xlsx_fills_statuses_in_the_plans_own_legend_colours(plan: Plan) -> None:
    """A deck whose legend uses other colours gets its cells filled in those; a legend entry
    without a colour falls back to the usual one."""
    custom = with_custom_legend_colours(plan)
    ws_ = load_xlsx(bytes_of(custom, "xlsx"))["Välitavoitteet"]
    header = [c.value for c in ws_[1]]
    icon_cols = [i for i, h in enumerate(header) if re.fullmatch(r"status_\d+", str(h))]
    want = {KYMENLAAKSO_WORDS[s]: (CUSTOM_COLOURS.get(s) or "#" + LEGEND_COLOURS[s]).lstrip("#")
            for s in LEGEND_COLOURS}
    seen: dict[str, set[str]] = {}
    for cells in ws_.iter_rows(min_row=2):
        for i in icon_cols:
            if cells[i].value is None:
                continue
            assert cells[i].fill.fill_type == "solid"
            seen.setdefault(str(cells[i].value), set()).add(cells[i].fill.fgColor.rgb[-6:].upper())
    used = {KYMENLAAKSO_WORDS[s] for g in plan.goals for sg in g.sub_goals for s in sg.statuses}
    assert set(seen) == used and len(used) == 3
    assert seen == {label: {want[label]} for label in used}
    # white text on the dark blue and purple, as the fill asks
    blue = next(c for row in ws_.iter_rows(min_row=2) for c in (row[i] for i in icon_cols)
                if c.value == KYMENLAAKSO_WORDS["started"])
    assert blue.font.color.rgb == "FFFFFFFF"


def test_status_colours_prefer_the_legend() -> None:
    from lnhs_parse.labels import status_colours
    from lnhs_parse.model import LegendEntry

    assert status_colours() == STATUS_COLOURS and status_colours() is not STATUS_COLOURS
    legend = [
        LegendEntry(status="in_use", label="Käytössä", description="", color="#00897B"),
        LegendEntry(status="started", label="Aloitettu", description="", color=None),
        LegendEntry(status="in_use", label="Valmis", description="", color="#123456"),
    ]
    assert status_colours(legend) == {**STATUS_COLOURS, Status.IN_USE: "#00897B"}
    assert list(status_colours(legend)) == list(Status)


def test_xlsx_sheets_have_frozen_header_filter_and_widths(plan: Plan) -> None:
    wb = load_xlsx(bytes_of(plan, "xlsx"))
    for ws_ in wb.worksheets:
        assert ws_.freeze_panes == "A2", ws_.title
        assert ws_.auto_filter.ref == ws_.dimensions, ws_.title
        assert all(c.font.b for c in ws_[1]), ws_.title
        widths = {k: d.width for k, d in ws_.column_dimensions.items()}
        assert len(widths) == ws_.max_column
        assert all(6 <= w <= 60 for w in widths.values()), widths
    ws_ = wb["Toimenpiteet"]
    text_col = ROW_COLUMNS.index("text") + 1
    letter = openpyxl.utils.get_column_letter(text_col)
    assert ws_.column_dimensions[letter].width == 60          # long texts are capped ...
    assert ws_.cell(row=2, column=text_col).alignment.wrap_text  # ... and wrapped
    year_letter = openpyxl.utils.get_column_letter(ROW_COLUMNS.index("year") + 1)
    assert ws_.column_dimensions[year_letter].width < 15


def test_xlsx_info_sheet() -> None:
    plan = expected_as_plan("kymenlaakso-2023").model_copy(deep=True)
    plan.warnings = [Warning(code="fuzzy-actor", message="'Kelto' read as 'Kletu'", page=6)]
    _, rows = sheet_rows(load_xlsx(bytes_of(plan, "xlsx"))["Tiedot"])
    facts = {r["field"]: r["value"] for r in rows if r["field"] not in ("highlight", "warning")}
    assert facts["source_path"] == plan.source.path
    assert facts["region"] == plan.region == "Kymenlaakso"
    assert facts["year"] == plan.year
    assert facts["title"] == plan.title
    assert facts["focus_period"] == plan.focus_period
    warnings = [r for r in rows if r["field"] == "warning"]
    assert warnings == [{"field": "warning", "value": "[fuzzy-actor] 'Kelto' read as 'Kletu'",
                         "page": 6}]
    highlights = [(r["value"], r["page"]) for r in rows if r["field"] == "highlight"]
    assert highlights == [(h.text, h.page) for h in plan.highlights]


def test_xlsx_is_deterministic(plan: Plan) -> None:
    first = bytes_of(plan, "xlsx")
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    props = load_xlsx(first).properties
    assert props.created == props.modified
    assert render(plan, "xlsx") == first


def test_xlsx_text_that_looks_like_a_formula_stays_text() -> None:
    plan = expected_as_plan("kymenlaakso-2023").model_copy(deep=True)
    plan.goals[0].sub_goals[0].focus_areas[0].text = '=HYPERLINK("http://x";"y")'
    plan.goals[0].sub_goals[0].focus_areas[1].text = "ohjaus\x0bmerkki\x01 poistettu"
    data = bytes_of(plan, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    _, rows = sheet_rows(load_xlsx(data)["Toimenpiteet"])
    assert rows[0]["text"] == '=HYPERLINK("http://x";"y")'
    assert rows[1]["text"] == "ohjaus\nmerkki poistettu"


def test_xlsx_without_openpyxl_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # makes `import openpyxl` fail
    with pytest.raises(ConfigError, match=re.escape("pip install lnhs-parse[xlsx]")):
        render(expected_as_plan("kymenlaakso-2023"), "xlsx")


# --- md ---------------------------------------------------------------------------------------


def md_sections(md: str) -> dict[str, str]:
    """Sub-goal sections by their heading ("I.1 Title")."""
    parts = re.split(r"(?m)^### ", md)[1:]
    return {p.split("\n", 1)[0]: re.split(r"(?m)^## ", p)[0] for p in parts}


def test_md_report_has_every_goal_sub_goal_and_status(plan: Plan) -> None:
    md = text_of(plan, "md")
    assert md.startswith(f"# {plan.title}\n")
    for fact in (plan.region, str(plan.year), plan.focus_period):
        assert fact and fact in md
    for h in plan.highlights:
        assert ws(h.text) in md
    for entry in plan.status_legend:
        line = f"- **{KYMENLAAKSO_WORDS[entry.status]}** (`{entry.status}`): {ws(entry.description)}"
        assert line in md
    sections = md_sections(md)
    assert len(sections) == sum(len(g.sub_goals) for g in plan.goals)
    for g in plan.goals:
        assert ws(g.title) in md
        for s in g.sub_goals:
            section = sections[f"{g.numeral}.{s.number} {ws(s.title)}"]
            labels = ", ".join(KYMENLAAKSO_WORDS[x] for x in s.statuses)
            assert f"**Toimenpiteiden eteneminen:** {labels}\n" in section


def test_md_statements_grouped_by_actor_per_column(plan: Plan) -> None:
    names = {a.id: a.name for a in plan.actors}
    sections = md_sections(text_of(plan, "md"))
    for g in plan.goals:
        for s in g.sub_goals:
            section = sections[f"{g.numeral}.{s.number} {ws(s.title)}"]
            columns = re.split(r"(?m)^#### ", section)[1:]
            assert [c.split("\n", 1)[0] for c in columns] == list(COLUMN_LABELS.values())
            for col, body in zip(("focus_areas", "joint_highlights"), columns, strict=True):
                statements: list[Statement] = getattr(s, col)
                for st in statements:
                    for line in st.text.split("\n"):
                        assert ws(line) in body, (g.number, s.number, col, line)
                    if st.actors:
                        label = "; ".join(names[a] for a in st.actors)
                        assert f"**{label}**" in body
                        # the statement sits under its actor's group heading
                        assert body.index(f"**{label}**") < body.index(ws(st.text.split("\n")[0]))
                groups = [tuple(st.actors) for st in statements]
                assert body.count("\n**") == (len(set(groups)) if any(groups) else 0)


def test_md_escapes_markup_in_text() -> None:
    plan = expected_as_plan("kymenlaakso-2023").model_copy(deep=True)
    first = plan.goals[0].sub_goals[0].joint_highlights[0]
    first.text = "*tärkeä* <b>ja</b> [linkki](x)\n# ei otsikko"
    md = text_of(plan, "md")
    assert r"\*tärkeä\* \<b\>ja\</b\> \[linkki\](x)" in md
    assert "\n# ei otsikko" not in md and r"\# ei otsikko" in md


# --- cli --------------------------------------------------------------------------------------


@pytest.fixture()
def plan_json(tmp_path: Path) -> tuple[Plan, Path]:
    plan = expected_as_plan("kymenlaakso-2023")
    path = tmp_path / "plan.json"
    path.write_text(plan.to_json(), encoding="utf-8")
    return plan, path


def test_cli_writes_csv(plan_json: tuple[Plan, Path], tmp_path: Path) -> None:
    plan, path = plan_json
    out = tmp_path / "out.csv"
    assert cli.main([str(path), "--format", "csv", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert read_csv(data) == [as_csv_strings(r) for r in expected_rows(plan)]
    assert not list(tmp_path.glob("*.part"))


def test_cli_writes_xlsx_and_md(plan_json: tuple[Plan, Path], tmp_path: Path) -> None:
    plan, path = plan_json
    xlsx, md = tmp_path / "out.xlsx", tmp_path / "out.md"
    assert cli.main([str(path), "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert xlsx.read_bytes() == render(plan, "xlsx")
    assert cli.main([str(path), "-f", "md", "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8") == render(plan, "md")


def test_cli_csv_to_stdout(plan_json: tuple[Plan, Path],
                           capsys: pytest.CaptureFixture[str]) -> None:
    plan, path = plan_json
    assert cli.main([str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out == render(plan, "csv")


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_xlsx_to_a_terminal_is_refused(plan_json: tuple[Plan, Path],
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    plan, path = plan_json
    tty = FakeTTY()
    with pytest.raises(ConfigError, match="binary format"):
        output.emit(render(plan, "xlsx"), None, tty)
    assert tty.getvalue() == ""
    # and through main: exit code 2, one line on stderr, nothing on stdout
    monkeypatch.setattr(sys, "stdout", tty)
    assert cli.main([str(path), "--format", "xlsx"]) == 2
    assert tty.getvalue() == ""
    assert "binary format" in capsys.readouterr().err



# --- a template with one row per action (tests/action_plans.py, plans built by hand) ----------

GOAL = {"year": "2023", "goal": "1", "goal_numeral": "1",
        "goal_title": "Mielen hyvinvointi vahvistuu"}
SUB_1 = {**GOAL, "sub_goal": "1", "sub_goal_title": "Matalan kynnyksen tuki"}
SUB_2 = {**GOAL, "sub_goal": "2", "sub_goal_title": "Harrastamisen mahdollisuudet"}
EMPTY = dict.fromkeys(ROW_COLUMNS, "")
# The CSV of plan_2023(), written out by hand: one row per action, the statements of the
# "Huomiot" column (an action's, then the sub-goal's), the sub-goal without either.
ACTION_CSV = [
    {**EMPTY, **GOAL, "sub_goal": "", "sub_goal_title": "", "status_codes": "in_use",
     "status_labels": "Toteutunut", "column": "action", "column_label": "Toimenpiteet",
     "actor_ids": "hva", "actor_names": "Järvimaan hyvinvointialue", "attribution": "none",
     "text": "Hyvinvointikertomus päivitetään", "page": "3",
     "responsible": "Järvimaan hyvinvointialue", "schedule": "vuosittain",
     "status_of": "action"},
    {**EMPTY, **SUB_1, "status_codes": "pilotissa", "status_labels": "Pilotissa",
     "column": "action", "column_label": "Toimenpiteet",
     # its own actor first, then the responsible ones, each once
     "actor_ids": "jarvikaupunki; hva", "actor_names": "Järvikaupunki; Järvimaan hyvinvointialue",
     "attribution": "prefix", "text": "Koulujen mielenterveystyön malli otetaan käyttöön",
     "page": "4", "responsible": "Järvimaan hyvinvointialue; Järvikaupunki",
     "schedule": "2023–2024",
     "indicators": "(ind. 5313) MINI Koulu-uupumus; Kouluterveyskysely: ahdistuneisuus",
     "status_text": "Pilotissa kahdessa koulussa", "action_number": "1", "status_of": "action"},
    {**EMPTY, **SUB_1, "status_codes": "pilotissa", "status_labels": "Pilotissa",
     "column": "huomiot", "column_label": "Huomiot", "attribution": "none",
     "text": "Pilotti jatkuu syksyllä", "page": "4", "action_number": "1",
     "status_of": "action"},
    {**EMPTY, **SUB_1, "column": "action", "column_label": "Toimenpiteet", "attribution": "none",
     "text": "Nuorten chat-palvelu", "page": "4", "responsible": "Järjestöt",
     "action_number": "2"},
    {**EMPTY, **SUB_1, "column": "huomiot", "column_label": "Huomiot", "actor_ids": "srk",
     "actor_names": "Järvikaupungin seurakunta", "attribution": "prefix",
     "text": "Yhteistyö koulujen kanssa tiivistyi", "page": "4"},
    # no status of its own: its sub-goal's applies
    {**EMPTY, **SUB_2, "status_codes": "started", "status_labels": "Aloitettu mutta kesken",
     "column": "action", "column_label": "Toimenpiteet", "actor_ids": "srk",
     "actor_names": "Järvikaupungin seurakunta", "attribution": "none",
     "text": "Harrastusmessut kouluilla", "page": "5",
     "responsible": "Järvikaupungin seurakunta", "status_of": "sub_goal"},
    {**EMPTY, **SUB_2, "status_codes": UNKNOWN_CODE, "status_labels": UNKNOWN_CODE,
     "column": "action", "column_label": "Toimenpiteet", "attribution": "none",
     "text": "Uusi toimintamuoto kokeiluun", "page": "5", "status_of": "action"},
    {**EMPTY, **GOAL, "sub_goal": "3", "sub_goal_title": "Tyhjä alatavoite"},
]


def test_action_csv_has_one_row_per_action_with_its_fields() -> None:
    rows = read_csv(text_of(plan_2023(), "csv"))
    assert ROW_COLUMNS[:15] == ["year", "goal", "goal_numeral", "goal_title", "sub_goal",
                                "sub_goal_title", "status_codes", "status_labels", "column",
                                "column_label", "actor_ids", "actor_names", "attribution",
                                "text", "page"]  # the documented columns keep their places
    assert ROW_COLUMNS[15:] == list(ACTION_FIELDS)
    assert rows == ACTION_CSV


def test_action_xlsx_rows_equal_the_csv_and_statuses_are_filled_in_the_scales_colours() -> None:
    plan = plan_2023()
    wb = load_xlsx(bytes_of(plan, "xlsx"))
    ws_ = wb["Toimenpiteet"]
    header, rows = sheet_rows(ws_)
    assert header == ROW_COLUMNS
    want = [as_xlsx_values({k: int(v) if k in ("year", "goal", "sub_goal", "page") and v else v
                            for k, v in row.items()}) for row in ACTION_CSV]
    assert rows == want
    label_col = ROW_COLUMNS.index("status_labels")
    fills = [(cells[label_col].value, cells[label_col].fill.fgColor.rgb[-6:].upper()
              if cells[label_col].fill.fill_type == "solid" else None)
             for cells in ws_.iter_rows(min_row=2)]
    assert fills == [
        ("Toteutunut", COLOURS["in_use"][1:]), ("Pilotissa", COLOURS["pilotissa"][1:]),
        ("Pilotissa", COLOURS["pilotissa"][1:]), (None, None), (None, None),
        ("Aloitettu mutta kesken", COLOURS["started"][1:]), (UNKNOWN_CODE, NEUTRAL[1:]),
        (None, None),
    ]


def test_action_xlsx_sub_goal_sheet_counts_actions_and_uses_the_scale() -> None:
    _, rows = sheet_rows(load_xlsx(bytes_of(plan_2023(), "xlsx"))["Välitavoitteet"])
    assert [(r["sub_goal"], r["statements"], r["actions"], r["status_1"]) for r in rows] == [
        (1, 1, 2, None), (2, 0, 2, "Aloitettu mutta kesken"), (3, 0, 0, None)]
    ws_ = load_xlsx(bytes_of(plan_2023(), "xlsx"))["Välitavoitteet"]
    cell = ws_.cell(row=3, column=sub_goal_header(ws_).index("status_1") + 1)
    assert cell.fill.fgColor.rgb[-6:].upper() == COLOURS["started"][1:]


def sub_goal_header(ws_: Any) -> list[str]:
    return [c.value for c in ws_[1]]


def test_a_sub_goal_status_in_a_code_of_the_profiles_own() -> None:
    plan = plan_2023()
    plan.goals[0].sub_goals[1].statuses = ["pilotissa", UNKNOWN_CODE]
    ws_ = load_xlsx(bytes_of(plan, "xlsx"))["Välitavoitteet"]
    header = sub_goal_header(ws_)
    cells = next(ws_.iter_rows(min_row=3, max_row=3))
    first, second = cells[header.index("status_1")], cells[header.index("status_2")]
    assert (first.value, first.fill.fgColor.rgb[-6:]) == ("Pilotissa", COLOURS["pilotissa"][1:])
    assert (second.value, second.fill.fgColor.rgb[-6:]) == (UNKNOWN_CODE, NEUTRAL[1:])
    # in the action rows, several statuses of one sub-goal: words joined, no single colour
    rows = read_csv(text_of(plan, "csv"))
    fair = next(r for r in rows if r["text"] == "Harrastusmessut kouluilla")
    assert (fair["status_labels"], fair["status_of"]) == (f"Pilotissa; {UNKNOWN_CODE}", "sub_goal")


def test_action_md_lists_actions_under_their_sub_goal_and_other_columns_under_headers() -> None:
    md = text_of(plan_2023(), "md")
    # the scale in its order, in the deck's words, the code no scale names last
    assert ("- **Ei aloitettu** (`not_started`)\n- **Aloitettu mutta kesken** (`started`)\n"
            "- **Pilotissa** (`pilotissa`)\n- **Toteutunut** (`in_use`)\n"
            f"- **{UNKNOWN_CODE}** (`{UNKNOWN_CODE}`)\n") in md
    sections = md_sections(md)
    assert list(sections) == ["Toimenpiteet", "1.1 Matalan kynnyksen tuki",
                              "1.2 Harrastamisen mahdollisuudet", "1.3 Tyhjä alatavoite"]
    # the goal's own actions: a table under the goal
    assert ("| Toimenpiteet | Vastuu | Aikataulu | Tilanne |\n|---|---|---|---|\n"
            "| Hyvinvointikertomus päivitetään | Järvimaan hyvinvointialue | vuosittain | "
            "Toteutunut |") in sections["Toimenpiteet"]
    first = sections["1.1 Matalan kynnyksen tuki"]
    assert "**Toimenpiteiden eteneminen:** toimenpiteittäin" in first
    assert ("| Nro | Toimenpiteet | Vastuu | Aikataulu | Mittarit | Tilanne | Huomiot |\n"
            "|---|---|---|---|---|---|---|\n"
            "| 1 | Järvikaupunki: Koulujen mielenterveystyön malli otetaan käyttöön | "
            "Järvimaan hyvinvointialue; Järvikaupunki | 2023–2024 | "
            "(ind. 5313) MINI Koulu-uupumus; Kouluterveyskysely: ahdistuneisuus | "
            "Pilotissa (Pilotissa kahdessa koulussa) | Pilotti jatkuu syksyllä |\n"
            "| 2 | Nuorten chat-palvelu | Järjestöt |  |  |  |  |") in first
    assert "#### Huomiot\n\n**Järvikaupungin seurakunta**\n\n- Yhteistyö koulujen kanssa" in first
    # a plan whose tables have no Kymenlaakso columns shows none
    assert "Lisätyt painopisteet" not in md and "Yhteisen työn nostot" not in md
    second = sections["1.2 Harrastamisen mahdollisuudet"]
    assert "**Toimenpiteiden eteneminen:** Aloitettu mutta kesken" in second
    assert f"| Uusi toimintamuoto kokeiluun |  | {UNKNOWN_CODE} |" in second
    assert "_Ei toimenpiteitä eikä kirjauksia._" in sections["1.3 Tyhjä alatavoite"]


def test_action_md_escapes_deck_text_in_table_cells() -> None:
    plan = plan_2023()
    plan.goals[0].actions[0].text = "a | b *c* <i>"
    md = text_of(plan, "md")
    assert "| a \\| b \\*c\\* \\<i\\> |" in md
