"""`lnhs_parse.markdown` with actions: the diff's action changes and directions, and the timeline's
action rows, in each deck's own words. Plans and diffs built by hand (tests/action_plans.py); the
plan's Markdown is tested with the other exports (tests/test_export.py), the Kymenlaakso diff's
with the diff (tests/test_diff.py)."""

from __future__ import annotations

import re

from action_plans import UNKNOWN_CODE, diff_2023_2024, plan_2023, plan_2024
from lnhs_parse.markdown import diff_markdown, timeline_markdown
from lnhs_parse.model import ActionPlace


def _section(md: str, heading: str) -> str:
    return re.split(r"(?m)^### ", md.split(f"### {heading}\n", 1)[1])[0]


def test_diff_markdown_lists_action_changes_and_directions() -> None:
    md = diff_markdown(diff_2023_2024())
    assert md.startswith("# Muutokset 2023 → 2024\n")
    assert ("- Toimenpiteet: uusia 1, poistuneita 1, uudelleen muotoiltuja 1, siirtyneitä 0; "
            "eteneminen: Edenneet 1, Heikentyneet 0, Muuttuneet 1, Ennallaan 2\n") in md
    # the sub-goals' own statuses did not move: no heading for them
    assert "### Edenneet\n" not in md
    assert _section(md, "Edenneet toimenpiteet").strip() == (
        "- 1.1: 1.1 Järvikaupunki: Koulujen mielenterveystyön malli laajennetaan kaikkiin "
        "kouluihin: Kokeilussa → Toteutunut")
    # a step reached from no status of its own is a change, in the diff's words
    assert _section(md, "Muuttuneet toimenpiteet").strip() == (
        "- 1.2: Harrastusmessut kouluilla: – → Kokeilussa")
    assert _section(md, "Uudet toimenpiteet").strip() == "- 1.1: 1.2 Vanhempainryhmät"
    assert _section(md, "Poistuneet toimenpiteet").strip() == "- 1.1: 2 Nuorten chat-palvelu"
    assert _section(md, "Uudelleen muotoillut toimenpiteet").strip() == (
        "- 1.1: 1 Järvikaupunki: Koulujen mielenterveystyön malli otetaan käyttöön → "
        "1.1 Järvikaupunki: Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin")
    # a statement of a column of no known role, under the column's name
    assert _section(md, "Poistuneet kirjaukset").strip() == (
        "- 1.1 Huomiot: Järvikaupungin seurakunta: Yhteistyö koulujen kanssa tiivistyi")
    # unchanged actions are counted, not listed
    assert "Uusi toimintamuoto" not in md and "Hyvinvointikertomus" not in md


def test_diff_markdown_of_a_moved_action_and_no_changes() -> None:
    diff = diff_2023_2024()
    moved = diff.actions[3].model_copy(update={"change": "moved", "sub_goal": 2,
                                               "before": diff.actions[3].after,
                                               "moved_from": ActionPlace(goal=1, sub_goal=1)})
    md = diff_markdown(diff.model_copy(update={"actions": [moved]}))
    assert _section(md, "Siirtyneet toimenpiteet").strip() == "- 1.1 → 1.2: 1.2 Vanhempainryhmät"
    quiet = diff.model_copy(update={"statements": [], "actions": [diff.actions[0]]})
    md = diff_markdown(quiet)
    assert "Ei muutoksia." in md and "- Toimenpiteet: uusia 0," in md


def test_timeline_markdown_shows_actions_under_their_sub_goals_in_each_years_words() -> None:
    md = timeline_markdown([plan_2024(), plan_2023()], [diff_2023_2024()])
    assert md.startswith("# Välitavoitteiden ja toimenpiteiden tilanne 2023–2024\n")
    table = md.split("| Välitavoite | 2023 | 2024 |\n|---|---|---|\n", 1)[1].strip().splitlines()
    assert table == [
        "| ↳ Hyvinvointikertomus päivitetään | Toteutunut | Toteutunut |",
        "| 1.1 Matalan kynnyksen tuki | toimenpiteittäin | toimenpiteittäin |",
        # followed across the rewording; 2023's deck says Pilotissa, 2024's Kokeilussa
        "| ↳ 1.1 Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin | Pilotissa | "
        "Toteutunut |",
        "| ↳ 1.2 Vanhempainryhmät |  | Ei aloitettu |",
        "| 1.2 Harrastamisen mahdollisuudet | Aloitettu mutta kesken | Aloitettu mutta kesken |",
        "| ↳ Harrastusmessut kouluilla | – | Kokeilussa |",
        f"| ↳ Uusi toimintamuoto kokeiluun | {UNKNOWN_CODE} | {UNKNOWN_CODE} |",
        "| 1.3 Tyhjä alatavoite | – | – |",
    ]
