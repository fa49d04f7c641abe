"""The HTML report in a real browser: headless Chromium (Debian's `chromium`; `.ci/run` installs
it when it is missing) renders the report of the fixture years 2022–2024.

- a screenshot is not blank, and shows the legend's colours (the icons were drawn);
- the rendered DOM (`--dump-dom`) holds every sub-goal of every year, every year and every status;
- printed to PDF, the pages are A4 landscape and each section starts a page of its own.

A machine without Chromium fails these tests (with the command that installs it): they are never
skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import cast

import pytest

from action_plans import diff_2023_2024, plan_2023, plan_2024
from lnhs_parse.html_report import report_html
from lnhs_parse.labels import STATUS_COLOURS
from lnhs_parse.model import Plan, Status
from report_html import Node, parse_html
from support import expected_as_plan, ws

# starts headless Chromium for every test
pytestmark = pytest.mark.slow

YEARS = ("kymenlaakso-2022", "kymenlaakso-2023", "kymenlaakso-2024")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("no Chromium on this machine: `apt-get install chromium` (.ci/run does it)")


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return [expected_as_plan(name) for name in YEARS]


@pytest.fixture(scope="module")
def report(plans: list[Plan], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "raportti.html"
    path.write_text(report_html(plans), encoding="utf-8")
    return path


def _chromium(report: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    profile = report.parent / f"profile-{args[0].lstrip('-').split('=')[0]}"
    proc = subprocess.run(
        [_browser(), *FLAGS, f"--user-data-dir={profile}", *args, report.as_uri()],
        capture_output=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc


def test_the_screenshot_is_not_blank_and_shows_the_status_colours(report: Path) -> None:
    from PIL import Image

    shot = report.parent / "shot.png"
    _chromium(report, f"--screenshot={shot}", "--window-size=1400,1800")
    image = Image.open(shot).convert("RGB")
    assert image.size == (1400, 1800)
    # (count, (r, g, b)) per colour: an RGB image's colours are triples (Pillow's type can't say)
    counts = cast(list[tuple[int, tuple[int, int, int]]], image.getcolors(maxcolors=1 << 24) or [])
    total = image.size[0] * image.size[1]
    inked = sum(n for n, rgb in counts if sum(rgb) < 3 * 200)
    assert inked > 0.02 * total, f"{inked} of {total} pixels hold anything"
    colours = {rgb for _, rgb in counts}
    for status in ("started", "in_progress", "in_use"):  # the fixtures' scale, drawn as usual
        hex_colour = STATUS_COLOURS[Status(status)]
        want = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
        near = sum(1 for c in colours if max(abs(a - b) for a, b in zip(c, want, strict=True)) < 8)
        assert near, f"no pixel in the colour of {status} ({hex_colour})"


def test_the_rendered_dom_holds_every_sub_goal_year_and_status(
    report: Path, plans: list[Plan]
) -> None:
    dom = parse_html(_chromium(report, "--dump-dom").stdout.decode("utf-8"))
    matrix: Node = dom.find_all("table", "matrix")[0]
    assert [th.text for th in matrix.find_all("thead")[0].find_all("th")][1:] == [
        str(p.year) for p in plans
    ]
    rows = {tr.find_all("th")[0].text: tr for tr in matrix.find_all("tbody")[0].find_all("tr")
            if not tr.attrs.get("class")}
    for index, plan in enumerate(plans):
        words = {e.status: e.label for e in plan.status_legend}
        for goal in plan.goals:
            for sub in goal.sub_goals:
                row = next(r for k, r in rows.items() if k.endswith(ws(sub.title)))
                cell = row.find_all("td")[index]
                assert [s.text for s in cell.find_all("span", "status")] == [
                    words[s] for s in sub.statuses
                ], (plan.year, sub.title)
    headings = [h.text for h in dom.find_all("h2")]
    assert "Muutokset 2022 → 2023" in headings and "Muutokset 2023 → 2024" in headings


def test_printed_it_is_a4_landscape_with_a_page_per_section(report: Path) -> None:
    import pdfplumber

    pdf_path = report.parent / "raportti.pdf"
    _chromium(report, f"--print-to-pdf={pdf_path}", "--no-pdf-header-footer")
    html = parse_html(report.read_text(encoding="utf-8"))
    sections = [s.find_all("h2")[0].text for s in html.find_all("section")]
    with pdfplumber.open(pdf_path) as pdf:
        sizes = {(round(float(p.width)), round(float(p.height))) for p in pdf.pages}
        assert sizes == {(842, 595)}, sizes  # A4 landscape in points
        firsts = [ws((p.extract_text() or "").split("\n")[0]) for p in pdf.pages]
    for heading in sections:
        assert heading in firsts, f"{heading!r} does not open a page: {firsts}"
    # the actors' <details> print open: their statements are on paper too
    text = " ".join(firsts)
    assert "Toimijat" in text


# An action the 2024 deck rewords (tests/action_plans.py): one row, under the newer text.
REWORDED = {"Koulujen mielenterveystyön malli otetaan käyttöön":
            "Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin"}


@pytest.fixture(scope="module")
def action_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("actions") / "toimenpiteet.html"
    path.write_text(report_html([plan_2023(), plan_2024()], diffs=[diff_2023_2024()]),
                    encoding="utf-8")
    return path


def test_the_rendered_dom_holds_every_action_with_its_statuses(action_report: Path) -> None:
    """A plan with one row per action: each action is a sub-row of its sub-goal, its statuses in
    each year's deck's words."""
    dom = parse_html(_chromium(action_report, "--dump-dom").stdout.decode("utf-8"))
    matrix = dom.find_all("table", "matrix")[0]
    rows = {tr.find_all("th")[0].text: tr for tr in matrix.find_all("tbody")[0].find_all("tr")
            if tr.attrs.get("class") == "action"}
    plans = {2023: plan_2023(), 2024: plan_2024()}
    checked = 0
    for index, year in enumerate((2023, 2024)):
        plan = plans[year]
        for goal in plan.goals:
            for action in [*goal.actions, *(a for s in goal.sub_goals for a in s.actions)]:
                if not action.statuses:
                    continue
                text = REWORDED.get(action.text, action.text)  # the row: the latest wording
                row = next(r for k, r in rows.items() if k.endswith(text))
                cell = row.find_all("td")[index]
                assert [s.text for s in cell.find_all("span", "status")] == [
                    plan.status_label(c) for c in action.statuses], (year, action.text)
                checked += 1
    assert checked == 8  # 2023: three actions with a status of their own; 2024: five
