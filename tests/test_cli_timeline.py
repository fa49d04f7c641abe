"""`lnhs-parse timeline`: statuses per sub-goal per year, as JSON, CSV and Markdown, without pandas.

Expected statuses come from the fixtures' expected plans (written from the generator's content
data); the renumbering of III.3 -> III.4 in 2024 comes from fixtures/gen/changes.py.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lnhs_parse import cli
from lnhs_parse.model import Warning
from lnhs_parse.timeline_report import render
from support import FIXTURES, expected, expected_as_plan, ws

Capture = pytest.CaptureFixture[str]
YEARS = (2022, 2023, 2024)
WORDS = {"started": "Aloitettu", "in_progress": "Käynnissä", "in_use": "Käytössä"}


@pytest.fixture()
def plan_files(tmp_path: Path) -> dict[int, Path]:
    paths = {}
    for year in YEARS:
        paths[year] = tmp_path / f"plan-{year}.json"
        paths[year].write_text(expected_as_plan(f"kymenlaakso-{year}").to_json(), encoding="utf-8")
    return paths


def _expected_statuses() -> dict[tuple[int, int], dict[str, list[str] | None]]:
    """(goal, 2024 number) -> {year: statuses}, from the expected plans; III.3 of 2022/2023 is
    III.4."""
    out: dict[tuple[int, int], dict[str, list[str] | None]] = {}
    for year in YEARS:
        for g in expected(f"kymenlaakso-{year}")["goals"]:
            for s in g["sub_goals"]:
                number = s["number"]
                if year < 2024 and (g["number"], number) == (3, 3):
                    number = 4  # renumbered in 2024 (N24-1)
                row = out.setdefault((g["number"], number), {str(y): None for y in YEARS})
                row[str(year)] = s["statuses"]
    return out


def _run(args: list[str], capsys: Capture) -> tuple[int, str, str]:
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_timeline_json(plan_files: dict[int, Path], capsys: Capture) -> None:
    # any order of inputs; years come out oldest first
    code, out, err = _run(["timeline", str(plan_files[2024]), str(plan_files[2022]),
                           str(plan_files[2023])], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["years"] == [2022, 2023, 2024]
    assert [p["year"] for p in data["plans"]] == [2022, 2023, 2024]
    got = {(r["goal"], r["sub_goal"]): r["statuses"] for r in data["sub_goals"]}
    assert got == _expected_statuses()
    assert len(data["sub_goals"]) == 17  # 16 sub-goals every year + the new III.3 of 2024
    by_place = {(r["goal"], r["sub_goal"]): r for r in data["sub_goals"]}
    assert by_place[3, 4]["numbers"] == {"2022": 3, "2023": 3, "2024": 4}
    assert by_place[3, 3]["numbers"] == {"2024": 3}
    assert by_place[3, 3]["statuses"] == {"2022": None, "2023": None, "2024": ["started"]}
    assert by_place[1, 1]["goal_numeral"] == "I" and ws(by_place[1, 1]["title"]) == (
        "Lasten ja nuorten arvostaminen")
    # icons changing in number and order between years stay as the decks have them (S24-9, S24-10)
    assert by_place[1, 5]["statuses"]["2023"] == ["in_use", "in_progress"]
    assert by_place[1, 5]["statuses"]["2024"] == ["in_progress", "in_use"]
    assert by_place[3, 1]["statuses"]["2024"] == ["in_progress"]


def test_timeline_csv(plan_files: dict[int, Path], capsys: Capture) -> None:
    code, out, _ = _run(["timeline", *(str(p) for p in plan_files.values()), "-f", "csv"], capsys)
    assert code == 0
    assert out.startswith("\ufeff") and "\r\n" in out
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline="")))
    assert list(rows[0]) == ["goal", "goal_numeral", "sub_goal", "sub_goal_title", "numbers",
                             "status_codes_2022", "status_labels_2022", "status_codes_2023",
                             "status_labels_2023", "status_codes_2024", "status_labels_2024",
                             "action_number", "action_text"]
    expected_rows = _expected_statuses()
    assert len(rows) == len(expected_rows)
    for r in rows:
        want = expected_rows[int(r["goal"]), int(r["sub_goal"])]
        for year in YEARS:
            statuses = want[str(year)]
            codes = "; ".join(statuses) if statuses is not None else ""
            assert r[f"status_codes_{year}"] == codes
            assert r[f"status_labels_{year}"] == (
                "; ".join(WORDS[s] for s in statuses) if statuses is not None else "")
        assert r["action_number"] == r["action_text"] == ""  # Kymenlaakso's plans: no actions
    (iii4,) = [r for r in rows if (r["goal"], r["sub_goal"]) == ("3", "4")]
    assert iii4["numbers"] == "2022: 3; 2023: 3; 2024: 4" and iii4["goal_numeral"] == "III"


def test_timeline_markdown(plan_files: dict[int, Path], capsys: Capture, tmp_path: Path) -> None:
    args = ["timeline", *(str(p) for p in plan_files.values()), "--format", "md"]
    code, md, _ = _run(args, capsys)
    assert code == 0
    assert md.startswith("# Välitavoitteiden tilanne 2022–2024\n")
    assert "## Päätavoite I: Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy" in md
    assert "| Välitavoite | 2022 | 2023 | 2024 |" in md
    assert "| I.1 Lasten ja nuorten arvostaminen | Aloitettu | Käynnissä | Käytössä |" in md
    assert ("| I.5 Tuen oikea-aikainen ja yhdenvertainen saatavuus | Käynnissä, Käytössä | "
            "Käytössä, Käynnissä | Käynnissä, Käytössä |") in md
    assert ("| III.3 Ammattilaisten yhteinen osaaminen ja koulutus vahvistuvat |  |  | Aloitettu |"
            in md)
    assert "(ennen III.3) | Aloitettu | Aloitettu | Käynnissä |" in md
    # one row per sub-goal
    assert sum(1 for line in md.splitlines() if line.startswith("| I")) == 17
    assert md.count("| Välitavoite |") == 3  # one table per main goal
    # -o writes the same text
    out = tmp_path / "timeline.md"
    assert cli.main([*args, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == md


def test_timeline_markdown_escapes_deck_text(capsys: Capture) -> None:
    plan = expected_as_plan("kymenlaakso-2023")
    goal = plan.goals[0]
    sub = goal.sub_goals[0].model_copy(update={"title": "Arvostaminen | *tähti* <b>"})
    plan = plan.model_copy(update={"goals": [goal.model_copy(update={"sub_goals": [sub]})]})
    md = render([plan], "md")
    assert "| I.1 Arvostaminen \\| \\*tähti\\* \\<b\\> | Käynnissä |" in md
    assert md.startswith("# Välitavoitteiden tilanne 2023\n")


def test_timeline_is_the_command_line_face_of_lnhs_parse_timeline(plan_files: dict[int, Path],
                                                                  capsys: Capture) -> None:
    import lnhs_parse

    frame = lnhs_parse.timeline(list(plan_files.values()))
    code, out, _ = _run(["timeline", *(str(p) for p in plan_files.values()), "-f", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline="")))
    assert ([(int(r["goal"]), int(r["sub_goal"])) for r in rows]
            == [(g, s) for g, s, _ in frame.index])
    for r, (_, values) in zip(rows, frame.iterrows(), strict=True):
        for year in YEARS:
            label = values[year]
            assert r[f"status_labels_{year}"].replace("; ", ", ") == ("" if label is None or
                                                                       label != label else label)


def test_timeline_errors_are_one_line_with_exit_codes(plan_files: dict[int, Path], tmp_path: Path,
                                                      capsys: Capture) -> None:
    p22, p23 = str(plan_files[2022]), str(plan_files[2023])
    code, out, err = _run(["timeline", p22, p23, p23], capsys)
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [
        f"lnhs-parse: usage: one plan per year: 2023 is both {p23} and {p23}"]
    code, out, err = _run(["timeline", p22, str(tmp_path / "missing.pdf")], capsys)
    assert (code, out) == (3, "") and len(err.strip().splitlines()) == 1 and "no such file" in err
    code, out, err = _run(["timeline", p22, "-f", "xlsx"], capsys)
    assert (code, out) == (2, "") and "invalid choice" in err
    code, out, err = _run(["timeline", p22, "-o", str(tmp_path)], capsys)
    assert (code, out) == (2, "") and "folder" in err
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code, out, err = _run(["timeline", p22, str(empty)], capsys)
    assert (code, out) == (3, "") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_timeline_strict(plan_files: dict[int, Path], tmp_path: Path, capsys: Capture) -> None:
    warned = expected_as_plan("kymenlaakso-2023").model_copy(update={"warnings": [
        Warning(code="fuzzy-actor", message="read 'Keltu' as 'Kletu'", page=5)]})
    path = tmp_path / "warned.json"
    path.write_text(warned.to_json(), encoding="utf-8")
    code, out, err = _run(["timeline", str(plan_files[2022]), str(path)], capsys)
    assert code == 0 and "warning [fuzzy-actor]" in err
    code, out, err = _run(["timeline", str(plan_files[2022]), str(path), "--strict"], capsys)
    assert (code, out) == (5, "") and err.splitlines()[-1] == (
        f"lnhs-parse: {path}: 1 warning(s) under --strict")


def test_timeline_of_decks_needs_no_pandas() -> None:
    """Decks of two formats in, CSV out; the command never imports pandas."""
    code = (
        "import sys\n"
        "from lnhs_parse.cli import main\n"
        f"rc = main(['timeline', {str(FIXTURES / 'kymenlaakso-2023.pptx')!r}, "
        f"{str(FIXTURES / 'kymenlaakso-2024-fills.pptx')!r}, '-f', 'csv', '-q'])\n"
        "print('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS', rc, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stderr.strip().splitlines()[-1] == "NO-PANDAS 0", out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout.lstrip("\ufeff"), newline="")))
    got = {(int(r["goal"]), int(r["sub_goal"])): (r["status_codes_2023"], r["status_codes_2024"])
           for r in rows}
    want = {k: tuple("; ".join(codes) if (codes := v[str(y)]) is not None else ""
                     for y in (2023, 2024))
            for k, v in _expected_statuses().items()}
    assert got == want


# --- actions with their own statuses (tests/action_plans.py, plans built by hand) --------------


@pytest.fixture()
def action_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Järvimaa's two years as plan files; the timeline pairs their actions as the hand-written
    diff does (the diff engine is not under test here)."""
    import lnhs_parse.rows
    from action_plans import diff_2023_2024, plan_2023, plan_2024

    monkeypatch.setattr(lnhs_parse.rows, "diff_plans", lambda old, new: diff_2023_2024())
    paths = []
    for plan in (plan_2024(), plan_2023()):
        path = tmp_path / f"jarvimaa-{plan.year}.json"
        path.write_text(plan.to_json(), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_timeline_json_follows_actions(action_files: list[str], capsys: Capture) -> None:
    code, out, err = _run(["timeline", *action_files], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [[s["label"] for s in p["status_scale"]] for p in data["plans"]] == [
        ["Ei aloitettu", "Aloitettu mutta kesken", "Pilotissa", "Toteutunut"],
        ["Ei aloitettu", "Aloitettu mutta kesken", "Kokeilussa", "Toteutunut"]]
    actions = [(a["sub_goal"], a["number"], a["text"].split()[0], a["numbers"], a["statuses"])
               for a in data["actions"]]
    assert actions == [
        (None, None, "Hyvinvointikertomus", {"2023": None, "2024": None},
         {"2023": ["in_use"], "2024": ["in_use"]}),
        (1, "1.1", "Koulujen", {"2023": "1", "2024": "1.1"},
         {"2023": ["pilotissa"], "2024": ["in_use"]}),
        (1, "1.2", "Vanhempainryhmät", {"2024": "1.2"}, {"2023": None, "2024": ["not_started"]}),
        (2, None, "Harrastusmessut", {"2023": None, "2024": None},
         {"2023": [], "2024": ["pilotissa"]}),
        (2, None, "Uusi", {"2023": None, "2024": None},
         {"2023": ["omakoodi"], "2024": ["omakoodi"]}),
    ]
    assert {a["goal_numeral"] for a in data["actions"]} == {"1"}
    assert [a["sub_goal_title"] for a in data["actions"]][:2] == [None, "Matalan kynnyksen tuki"]
    assert len(data["sub_goals"]) == 3


def test_timeline_csv_has_action_rows_under_their_sub_goals(action_files: list[str],
                                                            capsys: Capture) -> None:
    code, out, _ = _run(["timeline", *action_files, "-f", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline="")))
    got = [(r["sub_goal"], r["action_number"], " ".join(r["action_text"].split()[:1]), r["numbers"],
            r["status_codes_2023"], r["status_labels_2023"], r["status_labels_2024"])
           for r in rows]
    assert got == [
        ("", "", "Hyvinvointikertomus", "", "in_use", "Toteutunut", "Toteutunut"),
        ("1", "", "", "2023: 1; 2024: 1", "", "", ""),
        ("1", "1.1", "Koulujen", "2023: 1; 2024: 1.1", "pilotissa", "Pilotissa",
         "Toteutunut"),
        ("1", "1.2", "Vanhempainryhmät", "2024: 1.2", "", "", "Ei aloitettu"),
        ("2", "", "", "2023: 2; 2024: 2", "started", "Aloitettu mutta kesken",
         "Aloitettu mutta kesken"),
        ("2", "", "Harrastusmessut", "", "", "", "Kokeilussa"),
        ("2", "", "Uusi", "", "omakoodi", "omakoodi", "omakoodi"),
        ("3", "", "", "2023: 3; 2024: 3", "", "", ""),
    ]


def test_timeline_md_with_actions(action_files: list[str], capsys: Capture) -> None:
    code, md, _ = _run(["timeline", *action_files, "-f", "md"], capsys)
    assert code == 0
    assert md.startswith("# Välitavoitteiden ja toimenpiteiden tilanne 2023–2024\n")
    assert "| ↳ 1.1 Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin | " \
           "Pilotissa | Toteutunut |" in md


def test_timeline_json_of_kymenlaakso_has_no_actions(plan_files: dict[int, Path],
                                                     capsys: Capture) -> None:
    code, out, _ = _run(["timeline", *(str(p) for p in plan_files.values())], capsys)
    data = json.loads(out)
    assert code == 0 and data["actions"] == []
    assert [s["code"] for s in data["plans"][0]["status_scale"]] == ["started", "in_progress",
                                                                    "in_use"]
