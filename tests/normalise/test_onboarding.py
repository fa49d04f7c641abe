"""Another county's deck: the exit-4 message that points to --profile, and `profile --suggest`."""

from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest

from layout_builders import COLOURS, document, goal_page, icon, legend_page, line, title_page
from lnhs_parse.errors import NotAnEvaluationDeckError
from lnhs_parse.layout import Document, Page
from lnhs_parse.model import Status
from lnhs_parse.normalise import normalise, suggest_profile
from lnhs_parse.normalise.profile import parse_profile
from lnhs_parse.normalise.vocab import use_profile
from lnhs_parse.settings import ParseOptions

HEADER = [["Osatavoite"], ["Vaihe nyt"], ["Uutta kaudelle 2025/2026"], ["Yhdessä saatu aikaan"]]
LEGEND = [["Idulla, työ alkanut"], ["Kasvussa, työ etenee"], ["Kukassa, työ arjessa"]]


def _goal(number: int, numeral: str) -> Page:
    page = goal_page(
        number,
        numeral,
        "Hyvä arki",
        [
            [["1", "Arjen tuki"], [], ["Lumo: perhekeskus laajenee"], ["Kylät ry: kerhot"]],
            [["2", "Harrastukset"], [], ["Lumo: harrastuspassi"], []],
        ],
        header_cells=HEADER,
        icons=[icon(190, 145, COLOURS["started"]), icon(190, 225, COLOURS["in_use"])],
    )
    heading = line(f"TAVOITE {numeral}:", 34, 16, size=14, bold=True)
    return replace(page, lines=(heading, *page.lines[1:]))


def _deck() -> Document:
    return document(
        [
            title_page(1),
            legend_page(2, texts=LEGEND),
            _goal(3, "1"),
            _goal(4, "2"),
        ]
    )


def test_without_a_profile_the_message_shows_the_headings_and_points_to_profile() -> None:
    with pytest.raises(NotAnEvaluationDeckError) as info:
        normalise(_deck())
    text = str(info.value)
    assert "headings 'TAVOITE 1:' (p. 3) +1" in text
    assert "unknown headers 'Vaihe nyt', 'Uutta kaudelle 2025/' +1" in text
    assert "'Osatavoite'" not in text  # "tavoite" is a known sub-goal synonym
    assert "--profile" in text and "profile --suggest" in text
    assert not text.endswith("…"), text  # whole within the message limit


def test_the_suggested_profile_with_actors_filled_in_reads_the_deck() -> None:
    deck = _deck()
    text = suggest_profile(deck)
    data = tomllib.loads(text)
    assert data["columns"]["status"]["synonyms"] == ["Vaihe nyt"]
    assert data["columns"]["joint_highlights"]["synonyms"] == ["Yhdessä saatu aikaan"]
    assert data["statuses"]["started"]["words"] == ["Idulla"]
    assert data["statuses"]["in_use"]["words"] == ["Kukassa"]
    prefixes = [a["aliases"][0] for a in data["actor"]]
    assert prefixes == ["Lumo", "Kylät ry"]  # most frequent first
    assert "# 4 time(s), page(s) 3, 4" in text
    for entry, (aid, name) in zip(
        data["actor"], [("lumo", "Lumon alue"), ("kylat", "Kylät ry")], strict=True
    ):
        entry["id"], entry["name"] = aid, name
    profile = parse_profile(data)
    from lnhs_parse.normalise import _normalise

    with use_profile(profile):
        plan = _normalise(deck, ParseOptions(), profile)
    assert [(g.number, g.numeral, g.title) for g in plan.goals] == [
        (1, "1", "Hyvä arki"),
        (2, "2", "Hyvä arki"),
    ]
    sub = plan.goals[0].sub_goals
    assert [s.title for s in sub] == ["Arjen tuki", "Harrastukset"]
    assert sub[0].statuses == [Status.STARTED] and sub[1].statuses == [Status.IN_USE]
    assert sub[0].focus_areas[0].actors == ["lumo"]
    assert sub[0].joint_highlights[0].actors == ["kylat"]
    assert [e.label for e in plan.status_legend] == ["Idulla", "Kasvussa", "Kukassa"]
    assert not [w for w in plan.warnings if w.code in ("unknown-actor", "no-legend")]


def test_two_legend_icons_of_one_status_both_give_their_word() -> None:
    # a legend of three icons, two of them green: both labels are suggested for in_use
    legend = legend_page(
        2,
        colours=[COLOURS["started"], COLOURS["in_use"], COLOURS["in_use"]],
        texts=[["Idulla, työ alkanut"], ["Kukassa, työ arjessa"], ["Juurtunut, pysyvä tapa"]],
    )
    deck = document([title_page(1), legend, _goal(3, "1"), _goal(4, "2")])
    data = tomllib.loads(suggest_profile(deck))
    assert data["statuses"]["started"]["words"] == ["Idulla"]
    assert data["statuses"]["in_use"]["words"] == ["Kukassa", "Juurtunut"]
    assert "in_progress" not in data["statuses"]


def test_cli_profile_suggest_on_a_deck_the_packaged_vocabulary_reads(capsys: pytest.CaptureFixture[str]) -> None:
    from lnhs_parse.cli import main
    from support import FIXTURES

    assert main(["profile", "--suggest", str(FIXTURES / "kymenlaakso-2023.pptx")]) == 0
    out = capsys.readouterr().out
    assert tomllib.loads(out) == {} and "Nothing to add" in out


def test_the_suggestion_reads_a_table_of_actions_in_words_of_its_own_by_its_cells() -> None:
    """Headers no role knows ("Kohde", "Mitä tehdään", "Milloin", "Missä ollaan"), the cells
    under them say: a first column merged over its rows (sub-goals), the longest texts (actions),
    years (schedule), status words (status)."""
    from layout_builders import table

    header = [["Kohde"], ["Mitä tehdään"], ["Milloin"], ["Missä ollaan"]]
    body = [
        [["1. Mielenterveys"], ["Otetaan käyttöön IPC-menetelmä kouluissa"], ["2024"],
         ["Toteutunut"]],
        [[], ["Koulutetaan kuraattorit ja terveydenhoitajat"], ["2024–2025"], ["Käynnissä"]],
    ]
    t = table(32, 70, [200.0, 300.0, 120.0, 140.0], [30.0, 40.0, 40.0], [header, *body])
    cells = []
    for c in t.cells:
        if c.col == 0 and c.row == 2:
            continue
        if c.col == 0 and c.row == 1:
            c = replace(c, rowspan=2, bbox=(c.bbox[0], c.bbox[1], c.bbox[2], t.bbox[3]))
        cells.append(c)
    page = Page(3, 960.0, 540.0, (line("TAVOITE 1: Hyvä arki", 34, 16, size=14),),
                (replace(t, cells=tuple(cells)),))
    data = tomllib.loads(suggest_profile(document([title_page(1), page])))
    assert data["columns"] == {  # "Milloin" is a schedule's common word already
        "sub_goal": {"synonyms": ["Kohde"]},
        "action": {"synonyms": ["Mitä tehdään"]},
        "status": {"synonyms": ["Missä ollaan"]},
    }
