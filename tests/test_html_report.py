"""The HTML report (`lnhs_parse.report`, `lnhs-parse report`): what it shows, read back as text.

The fixture tests start from the expected plans (written from the generator's content) and the
hand-written changes of fixtures/gen/changes.py, never from parser output: every sub-goal with its
statuses per year, every change between consecutive years under its heading, every highlight and
every actor's statements, each linked to its page. The browser tests are in test_report_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from action_plans import (
    COLOURS,
    NEUTRAL,
    UNKNOWN_CODE,
    diff_2023_2024,
    plan_2023,
    plan_2024,
)
from lnhs_parse import ConfigError, Plan, Status
from lnhs_parse.cli import main
from lnhs_parse.html_report import report_html
from lnhs_parse.labels import CHANGE_HEADINGS, DIRECTION_HEADINGS, SUB_GOALS_ADDED_HEADING
from lnhs_parse.model import LegendEntry, ScaleStep
from report_html import Node, elements, parse_html
from support import FIXTURES, expected_as_plan, ws
from test_diff import _changes_module

YEARS = ("kymenlaakso-2022", "kymenlaakso-2023", "kymenlaakso-2024")
PAIRS = [(1, "CHANGES_2022_2023"), (2, "CHANGES_2023_2024")]  # (the newer plan, changes)


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return [expected_as_plan(name) for name in YEARS]


@pytest.fixture(scope="module")
def page(plans: list[Plan]) -> Node:
    # given newest first: the report orders by year
    return parse_html(report_html(list(reversed(plans))))


def _sections(root: Node) -> list[Node]:
    return root.find_all("section")


def _heading(section: Node) -> str:
    return section.find_all("h2")[0].text


def _numeral(plan: Plan, goal: int) -> str:
    return next(g.numeral for g in plan.goals if g.number == goal)


# --- contents ---------------------------------------------------------------------------------


def test_the_document_is_finnish_self_contained_and_printable(plans: list[Plan]) -> None:
    html = report_html(plans)
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"fi\">")
    assert '<meta charset="utf-8">' in html
    root = parse_html(html)
    tags = {e.tag for e in elements(root)}
    # no script, no external resource of any kind
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not re.search(r"(?i)\b(src|href)\s*=\s*[\"']?(https?:|//)", html)
    assert "url(" not in html and "@import" not in html
    assert "svg" in tags  # the icons are drawn inline
    # print CSS: A4 landscape, each section on a new page
    style = root.find_all("style")[0].text
    assert "@page { size: A4 landscape;" in style
    assert re.search(r"@media print \{.*section \{ break-before: page; \}", style, re.S)


def test_the_header_names_region_title_and_years(page: Node, plans: list[Plan]) -> None:
    header = page.find_all("header")[0]
    assert plans[-1].region and plans[-1].region.upper() in header.text.upper()
    assert plans[-1].title in header.text
    assert "Arviointi 2022–2024" in header.text
    # the legend: each status's word and description from the deck
    for entry in plans[-1].status_legend:
        assert f"{entry.label} – {ws(entry.description)}" in header.text


def test_the_matrix_shows_every_sub_goal_with_its_statuses_per_year(
    page: Node, plans: list[Plan]
) -> None:
    table = page.find_all("table", "matrix")[0]
    years = [th.text for th in table.find_all("thead")[0].find_all("th")][1:]
    assert years == ["2022", "2023", "2024"]
    rows = [tr for tr in table.find_all("tbody")[0].find_all("tr") if not tr.attrs.get("class")]
    by_title = {tr.find_all("th")[0].text: tr.find_all("td") for tr in rows}
    seen = 0
    for index, plan in enumerate(plans):
        words = {e.status: e.label for e in plan.status_legend}
        for goal in plan.goals:
            for sub in goal.sub_goals:
                # the latest number and title label the row: the fixture titles don't change
                key = next(k for k in by_title if k.endswith(ws(sub.title)))
                cell = by_title[key][index]
                shown = [span.text for span in cell.find_all("span", "status")]
                assert shown == [words[s] for s in sub.statuses], (plan.year, sub.title)
                # never colour alone: one drawn icon beside each word
                assert len(cell.find_all("svg")) == len(sub.statuses)
                link = cell.find_all("a", "src")[0]
                assert link.text == f"s. {sub.pages[0]}"
                assert link.attrs["href"].endswith(f"{Path(plan.source.path).name}#page={sub.pages[0]}")
                seen += 1
    assert seen == sum(len(g.sub_goals) for p in plans for g in p.goals)
    # a sub-goal absent in a year says so (III.3 is new in 2024)
    new = next(v for k, v in by_title.items() if k.endswith("Ammattilaisten yhteinen osaaminen "
                                                            "ja koulutus vahvistuvat"))
    assert [td.attrs.get("class") for td in new] == ["absent", "absent", None]


def test_every_expected_change_is_shown_under_its_heading(page: Node, plans: list[Plan]) -> None:
    sections = [s for s in _sections(page) if _heading(s).startswith("Muutokset")]
    assert [_heading(s) for s in sections] == ["Muutokset 2022 → 2023", "Muutokset 2023 → 2024"]
    module = _changes_module()
    for section, (new, name) in zip(sections, PAIRS, strict=True):
        expected: dict[str, Any] = getattr(module, name)
        blocks = {re.sub(r"^[▲▼◆] ", "", re.sub(r" \(\d+\)$", "", h)): " ".join(n.text for n in ns)
                  for h, ns in section.blocks("h3").items()}
        for c in expected["status_changes"]:
            if c["direction"] == "unchanged":
                continue
            label = f"{_numeral(plans[new], c['goal'])}.{c['sub_goal']}"
            assert f"{label} {ws(c['title'])}" in blocks[DIRECTION_HEADINGS[c["direction"]]]
        for r in expected["added_sub_goals"]:
            assert ws(r["title"]) in blocks[SUB_GOALS_ADDED_HEADING]
        for st in expected["statements"]:
            text = blocks[CHANGE_HEADINGS[st["change"]]]
            for side in ("before_text", "after_text"):
                if st[side] is not None and (st["change"] != "moved" or side == "after_text"):
                    assert ws(st[side]) in text, (name, st)
        # the counts add up to the expected changes
        counts = section.find_all("p", "counts")[0].text
        kinds = [st["change"] for st in expected["statements"]]
        assert f"uusia {kinds.count('added')}," in counts.split("Kirjaukset:")[1]
        assert f"poistuneita {kinds.count('removed')}," in counts.split("Kirjaukset:")[1]


def test_every_statement_links_to_its_deck_and_page(page: Node) -> None:
    for section in _sections(page):
        for li in section.find_all("li"):
            links = li.find_all("a", "src")
            assert links, li.text
            for a in links:
                number = int(a.text.split()[1])
                assert a.attrs["href"].endswith(f".pdf#page={number}")
                assert re.fullmatch(r"kymenlaakso-20\d\d\.pdf, sivu \d+", a.attrs["title"])


def test_the_highlights_of_each_year(page: Node, plans: list[Plan]) -> None:
    section = next(s for s in _sections(page) if _heading(s) == "Nostot")
    blocks = section.blocks("h3")
    assert list(blocks) == ["2022", "2023", "2024"]
    for plan in plans:
        items = [li.text for n in blocks[str(plan.year)] for li in n.find_all("li")]
        assert items == [f"{ws(h.text)} s. {h.page}" for h in plan.highlights]


def test_each_actor_has_its_statements_per_year(page: Node, plans: list[Plan]) -> None:
    section = next(s for s in _sections(page) if _heading(s) == "Toimijat")
    details = {d.find_all("summary")[0].text.split(" (")[0]: d for d in section.find_all("details")}
    names = {a.id: a.name for p in plans for a in p.actors}
    expected: dict[str, dict[int, list[str]]] = {}
    for plan in plans:
        for goal in plan.goals:
            for sub in goal.sub_goals:
                for st in (*sub.focus_areas, *sub.joint_highlights):
                    for actor in st.actors or ["Ei nimettyä toimijaa"]:
                        name = names.get(actor, actor)
                        expected.setdefault(name, {}).setdefault(plan.year, []).append(ws(st.text))
    assert set(details) == set(expected)
    for name, years in expected.items():
        blocks = details[name].blocks("h4")
        assert list(blocks) == [str(y) for y in sorted(years)]
        for year, texts in years.items():
            items = [li.text for n in blocks[str(year)] for li in n.find_all("li")]
            assert len(items) == len(texts)
            for item, text in zip(items, texts, strict=True):
                assert text in item


# --- safety -----------------------------------------------------------------------------------


def _hostile(plan: Plan) -> Plan:
    data = json.loads(plan.to_json())
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)> " onmouseover="alert(3)'
    data["title"] = evil
    data["region"] = evil
    data["highlights"][0]["text"] = evil
    data["status_legend"][0]["label"] = evil
    data["status_scale"][0]["label"] = evil
    data["goals"][0]["title"] = evil
    data["goals"][0]["sub_goals"][0]["title"] = evil
    data["goals"][0]["sub_goals"][0]["focus_areas"][0]["text"] = evil
    data["actors"][0]["name"] = evil
    data["source"]["path"] = "javascript:alert(5)//\"><script>x</script>.pdf"
    data["warnings"] = [{"code": "fuzzy-actor", "message": evil, "page": 1}]
    plan = Plan.model_validate(data)
    # a colour the model would refuse, as a plan built without validation could hold it
    bad = LegendEntry.model_construct(status=Status.STARTED, label="x", description="",
                                      color="#FFF;}</style><script>alert(4)</script>")
    step = ScaleStep.model_construct(**{**plan.status_scale[0].model_dump(),
                                        "color": "#FFF;}</style><script>alert(6)</script>"})
    return plan.model_copy(update={"status_legend": [bad, *plan.status_legend[1:]],
                                   "status_scale": [step, *plan.status_scale[1:]]})


def test_everything_from_a_deck_is_escaped(plans: list[Plan]) -> None:
    html = report_html([_hostile(plans[0])])
    root = parse_html(html)
    tags = [e.tag for e in elements(root)]
    assert "script" not in tags and "img" not in tags
    for e in elements(root):
        assert not any(k.startswith("on") for k in e.attrs), e.attrs
        href = e.attrs.get("href", "")
        assert not href.lower().startswith("javascript:"), href
    assert "alert(4)" not in html and "alert(6)" not in html
    # the deck's word for a status is text too (the scale's label, shown in the matrix)
    cells = " ".join(td.text for td in root.find_all("table", "matrix")[0].find_all("td"))
    assert "<script>alert(1)</script>" in cells
    # the text itself is kept, as text
    assert "<script>alert(1)</script>" in root.find_all("h1")[0].text


# --- refusals ---------------------------------------------------------------------------------


def test_plans_of_different_regions_are_refused_unless_forced(plans: list[Plan]) -> None:
    other = expected_as_plan("kuuramaa-2024")
    assert other.region != plans[0].region
    with pytest.raises(ConfigError) as info:
        report_html([plans[0], other])
    message = info.value.message
    assert "different regions" in message and "--force" in message
    assert str(plans[0].region) in message and str(other.region) in message
    root = parse_html(report_html([plans[0], other], force=True))
    assert f"{plans[0].region} / {other.region}".upper() in root.find_all("header")[0].text.upper()


def test_the_same_year_twice_is_refused_unless_forced(plans: list[Plan], tmp_path: Path) -> None:
    twin = plans[1].model_copy(update={"source": plans[1].source.model_copy(
        update={"path": "toinen/kymenlaakso-2023-b.pdf"})})
    with pytest.raises(ConfigError) as info:
        report_html([plans[1], twin])
    assert "2023 is both" in info.value.message
    root = parse_html(report_html([plans[1], twin], force=True))
    heads = [th.text for th in root.find_all("table", "matrix")[0].find_all("thead")[0]
             .find_all("th")][1:]
    assert heads == ["2023 (kymenlaakso-2023.pdf)", "2023 (kymenlaakso-2023-b.pdf)"]


def test_no_plans_is_a_usage_error() -> None:
    with pytest.raises(ConfigError):
        report_html([])


# --- the library function and the command ---------------------------------------------------


def test_the_library_takes_decks_plan_files_and_plans_mixed(tmp_path: Path) -> None:
    plan_file = tmp_path / "2022.json"
    plan_file.write_text(lnhs_parse.parse(FIXTURES / "kymenlaakso-2022.pdf").to_json(),
                         encoding="utf-8")
    html = lnhs_parse.report([FIXTURES / "kymenlaakso-2024.pptx", plan_file,
                              lnhs_parse.parse(FIXTURES / "kymenlaakso-2023.pdf")],
                             link_base=tmp_path)
    root = parse_html(html)
    heads = [th.text for th in root.find_all("table", "matrix")[0].find_all("thead")[0]
             .find_all("th")][1:]
    assert heads == ["2022", "2023", "2024"]
    # a PPTX is linked by slide, without a page fragment; links are relative to link_base
    slides = [a for a in root.find_all("a", "src") if a.text.startswith("dia")]
    assert slides and all(a.attrs["href"].endswith("kymenlaakso-2024.pptx") for a in slides)
    assert all(not a.attrs["href"].startswith("/") for a in root.find_all("a", "src"))


def test_cli_writes_the_report_and_links_relative_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "raportti" / "arviointi.html"
    out.parent.mkdir()
    decks = [str(FIXTURES / f"{name}.pdf") for name in YEARS]
    assert main(["report", *decks, "-o", str(out), "-q"]) == 0
    root = parse_html(out.read_text(encoding="utf-8"))
    for a in root.find_all("a", "src"):
        target = (out.parent / a.attrs["href"].split("#")[0]).resolve()
        assert target.exists(), a.attrs["href"]
    assert capsys.readouterr().out == ""


def test_cli_refuses_a_year_twice_in_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    deck = str(FIXTURES / "kymenlaakso-2023.pdf")
    code = main(["report", deck, str(FIXTURES / "kymenlaakso-2023.pptx"), "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and "2023 is both" in err and "--force" in err
    assert main(["report", deck, str(FIXTURES / "kymenlaakso-2023.pptx"), "-o", str(out), "-q",
                 "--force"]) == 0
    assert out.exists()


def test_cli_report_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(FIXTURES / "kymenlaakso-2024.pptx"), "-q"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "Välitavoitteiden tilanne" in out


def test_status_words_and_colours_come_from_the_plans_scale(plans: list[Plan]) -> None:
    data = json.loads(plans[0].to_json())
    words = {"started": "Alussa", "in_progress": "Työn alla", "in_use": "Vakiintunut"}
    colours = {"started": "#112233", "in_progress": "#445566", "in_use": "#778899"}
    for step in data["status_scale"]:
        step["label"], step["color"] = words[step["code"]], colours[step["code"]]
    plan = Plan.model_validate(data)
    html = report_html([plan])
    root = parse_html(html)
    shown = {span.text for span in root.find_all("table", "matrix")[0].find_all("span", "status")}
    used = {s for g in plan.goals for sg in g.sub_goals for s in sg.statuses}
    assert shown == {words[s] for s in used} and len(used) == 3
    fills = set(re.findall(r'fill="(#[0-9A-Fa-f]{6})"', html))
    assert set(colours.values()) <= fills
    # the legend in the header: the scale's steps in its order, with the legend's descriptions
    legend = [s.text for s in root.find_all("p", "legend")[0].find_all("span", "status")]
    assert [text.split(" – ")[0] for text in legend] == ["Alussa", "Työn alla", "Vakiintunut"]


def test_a_plan_without_a_scale_takes_the_legends_words_and_colours(plans: list[Plan]) -> None:
    data = json.loads(plans[0].to_json())
    data["status_scale"] = []
    for entry in data["status_legend"]:
        entry["label"] = {"started": "Alussa", "in_progress": "Työn alla",
                          "in_use": "Vakiintunut"}[entry["status"]]
        entry["color"] = {"started": "#112233", "in_progress": "#445566",
                          "in_use": "#778899"}[entry["status"]]
    html = report_html([Plan.model_validate(data)])
    root = parse_html(html)
    words = {span.text for span in root.find_all("table", "matrix")[0].find_all("span", "status")}
    assert words == {"Alussa", "Työn alla", "Vakiintunut"}
    assert {"#112233", "#445566", "#778899"} <= set(re.findall(r'fill="(#[0-9A-Fa-f]{6})"', html))


# --- a template with one row per action (tests/action_plans.py, plans and diff built by hand) --


@pytest.fixture(scope="module")
def action_page() -> Node:
    return parse_html(report_html([plan_2024(), plan_2023()], diffs=[diff_2023_2024()]))


def _matrix_rows(root: Node) -> list[Node]:
    return root.find_all("table", "matrix")[0].find_all("tbody")[0].find_all("tr")


def test_the_matrix_shows_each_sub_goals_actions_with_their_statuses_per_year(
    action_page: Node,
) -> None:
    assert action_page.find_all("h2")[0].text == "Välitavoitteiden ja toimenpiteiden tilanne"
    rows = [(tr.attrs.get("class", ""), tr.find_all("th")[0].text,
             [[s.text for s in td.find_all("span", "status")] for td in tr.find_all("td")])
            for tr in _matrix_rows(action_page)[1:]]
    assert rows == [
        ("action", "↳ Hyvinvointikertomus päivitetään", [["Toteutunut"], ["Toteutunut"]]),
        ("", "1.1 Matalan kynnyksen tuki", [[], []]),  # its actions carry the statuses
        ("action", "↳ 1.1 Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin",
         [["Pilotissa"], ["Toteutunut"]]),  # each year in that deck's words
        ("action", "↳ 1.2 Vanhempainryhmät", [[], ["Ei aloitettu"]]),
        ("", "1.2 Harrastamisen mahdollisuudet",
         [["Aloitettu mutta kesken"], ["Aloitettu mutta kesken"]]),
        ("action", "↳ Harrastusmessut kouluilla", [["–"], ["Kokeilussa"]]),
        ("action", "↳ Uusi toimintamuoto kokeiluun", [[UNKNOWN_CODE], [UNKNOWN_CODE]]),
        ("", "1.3 Tyhjä alatavoite", [["–"], ["–"]]),
    ]
    cells = {tr.find_all("th")[0].text: tr.find_all("td") for tr in _matrix_rows(action_page)}
    sub = cells["1.1 Matalan kynnyksen tuki"]
    assert [td.text for td in sub] == ["toimenpiteittäin s. 4", "toimenpiteittäin s. 4"]
    model = cells["↳ 1.1 Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin"]
    assert [td.find_all("span", "dir")[0].text for td in model[1:]] == ["▲ Edennyt"]
    assert not model[0].find_all("span", "dir")
    fair = cells["↳ Harrastusmessut kouluilla"]
    assert fair[1].find_all("span", "dir")[0].text == "◆ Muuttunut"
    assert cells["↳ 1.2 Vanhempainryhmät"][0].attrs["class"] == "absent"
    assert [a.text for td in model for a in td.find_all("a", "src")] == ["s. 4", "s. 4"]


def test_status_icons_are_drawn_in_the_scales_colours(action_page: Node) -> None:
    def fills(title: str) -> list[str]:
        row = next(tr for tr in _matrix_rows(action_page)
                   if tr.find_all("th")[0].text.endswith(title))
        return [c.attrs["fill"] for td in row.find_all("td") for c in td.find_all("circle")]

    assert fills("kaikkiin kouluihin") == [COLOURS["pilotissa"], COLOURS["in_use"]]
    assert fills("Uusi toimintamuoto kokeiluun") == [NEUTRAL, NEUTRAL]  # a code nothing colours
    legend = action_page.find_all("p", "legend")[0]
    assert [s.text for s in legend.find_all("span", "status")] == [
        "Ei aloitettu", "Aloitettu mutta kesken", "Kokeilussa", "Toteutunut", "omakoodi"]
    assert [c.attrs["fill"] for c in legend.find_all("circle")] == [
        COLOURS["not_started"], COLOURS["started"], COLOURS["pilotissa"], COLOURS["in_use"],
        NEUTRAL]


def test_the_changes_list_action_changes_and_directions(action_page: Node) -> None:
    section = next(s for s in _sections(action_page) if _heading(s).startswith("Muutokset"))
    blocks = {h: ns for h, ns in section.blocks("h3").items()}
    assert list(blocks) == [
        "▲ Edenneet toimenpiteet (1)", "◆ Muuttuneet toimenpiteet (1)",
        "Poistuneet kirjaukset (1)", "Uudet toimenpiteet (1)", "Poistuneet toimenpiteet (1)",
        "Uudelleen muotoillut toimenpiteet (1)"]

    def text(heading: str) -> str:
        return " ".join(n.text for n in blocks[heading])

    progressed = blocks["▲ Edenneet toimenpiteet (1)"][0].find_all("tbody")[0].find_all("td")
    assert [td.text for td in progressed] == ["Pilotissa s. 4", "Toteutunut s. 4"]
    assert "Koulujen mielenterveystyön malli laajennetaan" in text("▲ Edenneet toimenpiteet (1)")
    assert "Harrastusmessut kouluilla" in text("◆ Muuttuneet toimenpiteet (1)")
    assert "1.1 · Huomiot" in text("Poistuneet kirjaukset (1)")
    assert "1.2 Vanhempainryhmät (Vastuu: Järvikaupungin seurakunta) Ei aloitettu s. 4" in text(
        "Uudet toimenpiteet (1)")
    assert "2 Nuorten chat-palvelu (Vastuu: Järjestöt) s. 4" in text(
        "Poistuneet toimenpiteet (1)")
    reworded = blocks["Uudelleen muotoillut toimenpiteet (1)"][0]
    assert "otetaan käyttöön" in reworded.find_all("span", "was")[0].text
    counts = section.find_all("p", "counts")[0].text
    assert ("Toimenpiteet: uusia 1, poistuneita 1, uudelleen muotoiltuja 1, siirtyneitä 0, "
            "ennallaan 3; eteneminen: edenneet 1, heikentyneet 0, muuttuneet 1, ennallaan 2."
            ) in counts
    for li in section.find_all("li"):
        assert li.find_all("a", "src"), li.text


def test_each_actor_has_its_actions_as_well_as_statements(action_page: Node) -> None:
    section = next(s for s in _sections(action_page) if _heading(s) == "Toimijat")
    details = {d.find_all("summary")[0].text: d for d in section.find_all("details")}
    assert list(details) == ["Järvikaupungin seurakunta (2023: 2, 2024: 2)",
                             "Järvimaan hyvinvointialue (2023: 2, 2024: 2)",
                             "Järvikaupunki (2023: 1, 2024: 1)",
                             "Ei nimettyä toimijaa (2023: 3, 2024: 1)"]

    def items(name: str) -> dict[str, list[str]]:
        d = next(v for k, v in details.items() if k.startswith(name))
        return {h: [li.text for n in ns for li in n.find_all("li")]
                for h, ns in d.blocks("h4").items()}

    parish = items("Järvikaupungin seurakunta")
    assert parish["2023"] == [
        "1.1 · Huomiot Yhteistyö koulujen kanssa tiivistyi s. 4",  # a statement of its own
        "1.2 · Toimenpiteet Harrastusmessut kouluilla (Vastuu: Järvikaupungin seurakunta) s. 5",
    ]
    assert parish["2024"][0].startswith("1.1 · Toimenpiteet 1.2 Vanhempainryhmät")
    county = items("Järvimaan hyvinvointialue")  # responsible for the goal's own action
    assert county["2023"][0].startswith("1 · Toimenpiteet Hyvinvointikertomus päivitetään")
    assert all(item.endswith(("s. 3", "s. 4")) for item in county["2024"])
    nobody = items("Ei nimettyä toimijaa")
    assert [item.split(" · ")[1][:20] for item in nobody["2023"]] == [
        "Huomiot Pilotti jatk", "Toimenpiteet 2 Nuort", "Toimenpiteet Uusi to"]


def test_a_report_with_actions_stays_self_contained() -> None:
    html = report_html([plan_2023(), plan_2024()], diffs=[diff_2023_2024()])
    tags = {e.tag for e in elements(parse_html(html))}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not re.search(r"(?i)\b(src|href)\s*=\s*[\"']?(https?:|//)", html)
    with pytest.raises(ValueError, match="one per consecutive pair"):
        report_html([plan_2023(), plan_2024()], diffs=[])


def test_cli_report_of_plan_files_with_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import lnhs_parse.html_report

    # the diff engine is not under test here: the two years pair as the hand-written diff does
    monkeypatch.setattr(lnhs_parse.html_report, "diff_plans",
                        lambda old, new, settings=None: diff_2023_2024())
    files = []
    for plan in (plan_2024(), plan_2023()):
        files.append(tmp_path / f"jarvimaa-{plan.year}.json")
        files[-1].write_text(plan.to_json(), encoding="utf-8")
    out = tmp_path / "raportti.html"
    assert main(["report", *map(str, files), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    root = parse_html(out.read_text(encoding="utf-8"))
    actions = [tr.find_all("th")[0].text for tr in _matrix_rows(root)
               if tr.attrs.get("class") == "action"]
    assert len(actions) == 5 and actions[1].endswith("kaikkiin kouluihin")
