"""Notebook helpers (frames, HTML, plots, timeline) and the example notebook, run end to end."""

from __future__ import annotations

import re
import sys
from typing import Any, cast

import matplotlib

matplotlib.use("Agg")

import nbformat
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import action_plans
import lnhs_parse
from lnhs_parse import Plan, PlanDiff, Status
from lnhs_parse.compare import diff_plans
from lnhs_parse.notebook import (
    DIFF_FRAME_COLUMNS,
    PLAN_FRAME_COLUMNS,
    STATUS_COLOURS,
    diff_frame,
    diff_html,
    plan_html,
    plot_diff,
    plot_timeline,
    status_frame,
    timeline_frame,
)
from support import ROOT, expected_as_plan
from test_diff import plan, sg, st

NOTEBOOK = ROOT / "examples" / "year-on-year.ipynb"


@pytest.fixture(scope="module")
def plans() -> dict[int, Plan]:
    return {year: expected_as_plan(f"kymenlaakso-{year}") for year in (2022, 2023, 2024)}


@pytest.fixture(scope="module")
def change(plans: dict[int, Plan]) -> PlanDiff:
    return diff_plans(plans[2023], plans[2024])


@pytest.fixture(autouse=True)
def _close_figures() -> Any:
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# --- frames ------------------------------------------------------------------------------------


def test_plan_frame_one_row_per_statement(plans: dict[int, Plan]) -> None:
    p = plans[2023]
    frame = p.to_frame()
    assert list(frame.columns) == PLAN_FRAME_COLUMNS
    n = sum(len(s.focus_areas) + len(s.joint_highlights) for g in p.goals for s in g.sub_goals)
    assert len(frame) == n
    assert set(frame.year) == {2023}
    assert set(frame.column) == {"focus_areas", "joint_highlights"}
    first = frame.iloc[0]
    sub = p.goals[0].sub_goals[0]
    assert (first.goal, first.sub_goal, first.sub_goal_title) == (1, 1, sub.title)
    assert first.goal_title == p.goals[0].title
    assert first.statuses == ", ".join(sub.statuses)
    assert first.status_labels == ", ".join(WORDS[s] for s in sub.statuses)
    assert first.text == sub.focus_areas[0].text
    assert first.actors == ", ".join(sub.focus_areas[0].actors)
    assert first.column_label == "Lisätyt painopisteet"
    # a statement's row leaves the action's fields empty
    assert frame[["responsible", "schedule", "indicators", "status_text", "action_number",
                  "status_of"]].isna().all().all()
    assert str(frame.sub_goal.dtype) == "Int64" and str(frame.page.dtype) == "Int64"


def test_diff_frame(change: PlanDiff) -> None:
    frame = change.to_frame()
    assert len(frame) == len(change.statements)
    moved = frame[frame.change == "moved"]
    assert len(moved) == 3
    assert moved.moved_from_goal.notna().all() and moved.text_before.notna().all()
    added = frame[frame.change == "added"]
    assert added.text_before.isna().all() and added.moved_from_goal.isna().all()
    assert str(frame.moved_from_goal.dtype) == "Int64"
    assert frame.equals(diff_frame(change))


def test_status_frame(change: PlanDiff) -> None:
    frame = status_frame(change)
    assert len(frame) == len(change.status_changes)
    row = frame[(frame.goal == 3) & (frame.sub_goal == 4)].iloc[0]
    assert (row.base_sub_goal, row.before, row.after, row.direction) == (
        3, "Aloitettu", "Käynnissä", "progressed")


# --- HTML --------------------------------------------------------------------------------------


def test_plan_html_is_compact_and_escaped() -> None:
    p = plan(2023, [sg(1, "<b>Arvostaminen</b> & kuuleminen", ["in_progress", "in_use"],
                       [st("x <script>alert(1)</script>", "hva")])])
    html = p._repr_html_()
    assert html == plan_html(p)
    # statements are counted, not shown
    assert "<script>" not in html and "&lt;script&gt;" not in html
    assert "&lt;b&gt;Arvostaminen&lt;/b&gt; &amp; kuuleminen" in html
    assert "Käynnissä" in html and "Käytössä" in html
    assert STATUS_COLOURS[Status.IN_USE] in html


def test_diff_html_lists_changes_escaped() -> None:
    old = plan(2023, [sg(1, "A & B", ["started"], [st("vanha <i>kirjaus</i>", "hva")])])
    new = plan(2024, [sg(1, "A & B", ["in_progress"], [st("uusi <i>kirjaus</i> tänään", "kotka")])])
    d = diff_plans(old, new)
    html = d._repr_html_()
    assert html == diff_html(d)
    assert "<i>" not in html
    assert "vanha &lt;i&gt;kirjaus&lt;/i&gt;" in html
    assert "uusi &lt;i&gt;kirjaus&lt;/i&gt; tänään" in html
    assert "A &amp; B" in html and "Edennyt" in html and "Aloitettu" in html


def test_diff_html_of_fixtures(change: PlanDiff) -> None:
    html = diff_html(change)
    assert html.count("<table") == 3  # statuses, sub-goals, statements
    assert "Muutokset 2023 → 2024" in html
    assert "Siirtynyt" in html and "Muotoiltu uudelleen" in html


# The Kymenlaakso fixtures' three steps, in their order, and their words.
STEPS = ("started", "in_progress", "in_use")
WORDS = {"started": "Aloitettu", "in_progress": "Käynnissä", "in_use": "Käytössä"}
# A legend drawn in other colours than the usual red / yellow / green.
CUSTOM = {"started": "#1E88E5", "in_progress": "#8E24AA", "in_use": "#00897B"}


def custom_legend(p: Plan | PlanDiff) -> Any:
    """A copy of `p` whose status legend carries the `CUSTOM` colours."""
    legend = [e.model_copy(update={"color": CUSTOM[e.status]}) for e in p.status_legend]
    assert {e.status for e in legend} == set(STEPS)
    return p.model_copy(update={"status_legend": legend})


def _badge_colours(html: str) -> list[str]:
    return [c.upper() for c in re.findall(r'style="color:(#[0-9A-Fa-f]{6})"', html)]


def test_html_badges_use_the_legend_colours(plans: dict[int, Plan]) -> None:
    p = custom_legend(plans[2023])
    html = plan_html(p)
    want = [CUSTOM[s] for g in p.goals for sub in g.sub_goals for s in sub.statuses]
    assert _badge_colours(html) == want
    assert not set(_badge_colours(html)) & {c.upper() for c in STATUS_COLOURS.values()}
    d = custom_legend(diff_plans(plans[2023], plans[2024]))
    shown = [c for c in d.status_changes if c.direction != "unchanged"]
    assert _badge_colours(diff_html(d)) == [CUSTOM[s] for c in shown for s in (*c.before, *c.after)]


# --- plots -------------------------------------------------------------------------------------


def _colours(ax: Any) -> list[str]:
    out = []
    for coll in ax.collections:
        out += [to_hex(c).upper() for c in coll.get_facecolors()]
    return out


def test_plot_diff_uses_the_status_colours(change: PlanDiff) -> None:
    ax = change.plot()
    assert ax.__class__.__name__ == "Axes"
    n_icons = sum(len(c.before) + len(c.after) for c in change.status_changes)
    colours = _colours(ax)
    assert len(colours) == n_icons
    assert set(colours) == {STATUS_COLOURS[Status(s)].upper() for s in STEPS}
    expected_first = [STATUS_COLOURS[Status(s)].upper() for s in change.status_changes[0].before]
    assert colours[: len(expected_first)] == expected_first
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023", "2024"]
    assert len(ax.get_yticks()) == len(change.status_changes)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["Aloitettu", "Käynnissä", "Käytössä"]


def _legend_colours(ax: Any) -> list[str]:
    return [to_hex(h.get_markerfacecolor()).upper() for h in ax.get_legend().legend_handles]


def test_plot_diff_uses_the_legend_colours(plans: dict[int, Plan]) -> None:
    """A deck whose legend draws statuses blue / purple / teal is plotted in those colours."""
    d = diff_plans(custom_legend(plans[2023]), custom_legend(plans[2024]))
    assert [e.color for e in d.status_legend] == [CUSTOM[e.status] for e in d.status_legend]
    ax = plot_diff(d)
    want = [CUSTOM[s] for c in d.status_changes for s in (*c.before, *c.after)]
    assert _colours(ax) == want
    assert _legend_colours(ax) == [CUSTOM[s] for s in STEPS]


def test_plot_timeline_uses_the_newest_legend(plans: dict[int, Plan]) -> None:
    newest = custom_legend(plans[2024])
    ax = plot_timeline([plans[2022], newest, plans[2023]])
    assert set(_colours(ax)) == set(CUSTOM.values())
    assert _legend_colours(ax) == [CUSTOM[s] for s in STEPS]
    frame = timeline_frame(list(plans.values()))
    assert set(_colours(plot_timeline(frame))) == {STATUS_COLOURS[Status(s)] for s in STEPS}
    ax2 = plot_timeline(frame, legend=newest.status_legend)
    assert _colours(ax2) == _colours(ax)


def test_plot_diff_on_given_axes_changed_only(change: PlanDiff) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert plot_diff(change, ax=ax, changed_only=True) is ax
    changed = [c for c in change.status_changes if c.direction != "unchanged"]
    assert len(ax.get_yticks()) == len(changed) == 11


def test_timeline_frame_follows_a_renumbered_sub_goal(plans: dict[int, Plan]) -> None:
    frame = lnhs_parse.timeline([plans[2024], plans[2022], plans[2023]])
    assert frame.columns.equals(pd.Index([2022, 2023, 2024]))
    assert frame.index.names == ["goal", "sub_goal", "title"]
    assert len(frame) == 17  # 16 sub-goals in every year + the new III.3 of 2024
    # a (goal, sub-goal) key selects the rows under it: a frame (pandas-stubs can't tell)
    old_iii3 = cast(pd.DataFrame, frame.loc[(3, 4)])
    assert old_iii3.iloc[0].tolist() == ["Aloitettu", "Aloitettu", "Käynnissä"]
    new_iii3 = cast(pd.DataFrame, frame.loc[(3, 3)]).iloc[0]
    assert pd.isna(new_iii3[2022]) and pd.isna(new_iii3[2023]) and new_iii3[2024] == "Aloitettu"
    assert cast(pd.DataFrame, frame.loc[(1, 2)]).iloc[0].tolist() == ["Käynnissä, Käytössä", "Käynnissä, Käytössä",
                                                  "Käytössä, Aloitettu"]
    assert frame.equals(timeline_frame(list(plans.values())))


def test_timeline_refuses_two_plans_of_one_year(plans: dict[int, Plan]) -> None:
    with pytest.raises(ValueError, match="one plan per year"):
        timeline_frame([plans[2023], plans[2023]])


def test_plot_timeline_from_frame_or_plans(plans: dict[int, Plan]) -> None:
    frame = timeline_frame(list(plans.values()))
    ax = plot_timeline(frame)
    n_icons = sum(len(s.statuses) for p in plans.values() for g in p.goals for s in g.sub_goals)
    assert len(_colours(ax)) == n_icons
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2022", "2023", "2024"]
    assert ax.get_yticklabels()[0].get_text().startswith("I.1 ")
    ax2 = plot_timeline(list(plans.values()))
    assert _colours(ax2) == _colours(ax)


def test_missing_extra_gives_install_hint(monkeypatch: pytest.MonkeyPatch,
                                          plans: dict[int, Plan]) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    with pytest.raises(ImportError, match=r"pip install lnhs-parse\[notebook\]"):
        plans[2023].to_frame()
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install lnhs-parse\[notebook\]"):
        diff_plans(plans[2022], plans[2023]).plot()


def test_lnhs_parse_diff_stays_the_function_after_importing_the_module(
        plans: dict[int, Plan]) -> None:
    import lnhs_parse.compare  # a submodule import must not shadow the function lnhs_parse.diff

    assert lnhs_parse.diff(plans[2022], plans[2023]) == diff_plans(plans[2022], plans[2023])


# --- the example notebook ------------------------------------------------------------------------


def _execute(nb: Any) -> Any:
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return nb


def _outputs(nb: Any) -> dict[str, list[Any]]:
    """Cell id -> its outputs."""
    return {cell["id"]: cell.get("outputs", []) for cell in nb.cells if cell.cell_type == "code"}


def _data(outputs: list[Any], mime: str) -> list[str]:
    return [o["data"][mime] for o in outputs if "data" in o and mime in o["data"]]


def test_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id
    assert nb.metadata.kernelspec.name == "python3"
    assert any("lnhs_parse.parse(" in c.source for c in nb.cells)


def _check_outputs(nb: Any) -> None:
    out = _outputs(nb)
    for cell_id, outputs in out.items():
        assert not [o for o in outputs if o.get("output_type") == "error"], cell_id
    text = "".join(o.get("text", "") for outputs in out.values() for o in outputs)
    assert "2023: " in text and "3 goals" in text
    html = "".join(h for outputs in out.values() for h in _data(outputs, "text/html"))
    assert "Kymenlaakso" in html  # the plan's HTML view
    assert "Muutokset 2022 → 2023" in html  # the diff's HTML view
    assert "<table" in html
    markdown = "".join(m for outputs in out.values() for m in _data(outputs, "text/markdown"))
    assert "### Edenneet" in markdown and "Käytössä" in markdown
    pngs = [p for outputs in out.values() for p in _data(outputs, "image/png")]
    assert len(pngs) >= 3  # two diff plots and the timeline
    plain = "".join(t for outputs in out.values() for t in _data(outputs, "text/plain"))
    assert "(3, 4, 3, 'progressed')" in plain  # the renumbered III.3 -> III.4


@pytest.mark.slow
def test_notebook_runs_on_expected_plans() -> None:
    """Every cell but the parser's: plans come from the expected JSON (runs without the parser)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    stub = nbformat.v4.new_code_cell(
        "import sys\n"
        "sys.path.insert(0, str(ROOT / 'tests'))\n"
        "from support import expected_as_plan\n"
        "lnhs_parse.parse = lambda path, **options: expected_as_plan(Path(path).stem)"
    )
    stub["id"] = "test-stub"
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(first_code + 1, stub)
    _check_outputs(_execute(nb))


@pytest.mark.slow
def test_notebook_runs_on_the_decks() -> None:
    nb = _execute(nbformat.read(NOTEBOOK, as_version=4))
    _check_outputs(nb)


# --- a template with one row per action (tests/action_plans.py, plans and diff built by hand) --


def test_plan_frame_has_a_row_per_action_with_its_fields() -> None:
    frame = action_plans.plan_2023().to_frame()
    assert list(frame.columns) == PLAN_FRAME_COLUMNS
    assert PLAN_FRAME_COLUMNS[:12] == ["year", "goal", "goal_title", "sub_goal", "sub_goal_title",
                                       "statuses", "status_labels", "column", "actors",
                                       "attribution", "text", "page"]
    # five actions, the two statements of "Huomiot"; the empty sub-goal gives no row
    assert frame.column.tolist() == ["action", "action", "huomiot", "action", "huomiot",
                                     "action", "action"]
    own = frame.iloc[0]
    assert pd.isna(own.sub_goal) and own.statuses == "in_use" and own.status_labels == "Toteutunut"
    model = frame.iloc[1]
    assert (model.sub_goal, model.statuses, model.status_labels, model.status_of) == (
        1, "pilotissa", "Pilotissa", "action")
    assert model.actors == "jarvikaupunki, hva"  # its own actor, then the responsible ones
    assert model.responsible == "Järvimaan hyvinvointialue; Järvikaupunki"
    assert model.indicators == ("(ind. 5313) MINI Koulu-uupumus; "
                                "Kouluterveyskysely: ahdistuneisuus")
    assert (model.schedule, model.status_text, model.action_number, model.column_label) == (
        "2023–2024", "Pilotissa kahdessa koulussa", "1", "Toimenpiteet")
    fair = frame[frame.text == "Harrastusmessut kouluilla"].iloc[0]
    assert (fair.statuses, fair.status_labels, fair.status_of) == (
        "started", "Aloitettu mutta kesken", "sub_goal")
    assert frame[frame.column == "huomiot"].column_label.tolist() == ["Huomiot", "Huomiot"]


def test_diff_frame_has_action_changes_with_directions() -> None:
    d = action_plans.diff_2023_2024()
    frame = d.to_frame()
    assert list(frame.columns) == DIFF_FRAME_COLUMNS
    assert len(frame) == len(d.statements) + len(d.actions)
    actions = frame[frame.column == "action"]
    assert actions.direction.tolist()[:2] == ["unchanged", "progressed"]
    assert actions.direction.isna().tolist() == [False, False, True, True, False, False]
    progressed = actions[actions.direction == "progressed"].iloc[0]
    assert (progressed.status_before, progressed.status_after) == ("Kokeilussa", "Toteutunut")
    assert pd.isna(actions.iloc[0].sub_goal) and str(frame.sub_goal.dtype) == "Int64"
    assert frame[frame.column == "huomiot"].direction.isna().all()


def test_plot_diff_draws_actions_in_the_scales_colours() -> None:
    d = action_plans.diff_2023_2024()
    ax = d.plot()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "  ↳ Hyvinvointikertomus päivitetään"
    assert labels[1] == "1.1 Matalan kynnyksen tuki"
    assert labels[2].startswith("  ↳ 1.1 Koulujen mielenterveystyön malli") and labels[2][-1] == "…"
    assert len(labels) == 7  # 3 sub-goals, 4 actions found in both years
    dots = _colours(ax)
    C, N = action_plans.COLOURS, action_plans.NEUTRAL
    assert dots == [C["in_use"], C["in_use"], C["pilotissa"], C["in_use"], C["started"],
                    C["started"], C["pilotissa"], N, N]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Ei aloitettu", "Aloitettu mutta kesken", "Kokeilussa", "Toteutunut", "omakoodi"]
    import matplotlib.pyplot as plt

    _, ax2 = plt.subplots()
    plot_diff(d, ax=ax2, changed_only=True)
    assert len(ax2.get_yticks()) == 2  # the progressed and the changed action


def test_timeline_frame_with_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    import lnhs_parse.rows

    monkeypatch.setattr(lnhs_parse.rows, "diff_plans",
                        lambda old, new: action_plans.diff_2023_2024())
    years = [action_plans.plan_2024(), action_plans.plan_2023()]
    plain = timeline_frame(years)
    assert plain.index.names == ["goal", "sub_goal", "title"] and len(plain) == 3
    frame = timeline_frame(years, actions=True)
    assert frame.index.names == ["goal", "sub_goal", "title", "action"]
    assert [key[3] for key in frame.index] == [
        "Hyvinvointikertomus päivitetään", "",
        "1.1 Koulujen mielenterveystyön malli laajennetaan kaikkiin kouluihin",
        "1.2 Vanhempainryhmät", "", "Harrastusmessut kouluilla", "Uusi toimintamuoto kokeiluun",
        ""]
    model = frame.iloc[2]
    assert (model[2023], model[2024]) == ("Pilotissa", "Toteutunut")  # each year's words
    assert pd.isna(frame.iloc[3][2023]) and frame.iloc[5][2023] == ""
    ax = plot_timeline(years)
    C, N = action_plans.COLOURS, action_plans.NEUTRAL
    assert _colours(ax) == [C["in_use"], C["in_use"], C["pilotissa"], C["in_use"],
                            C["not_started"], C["started"], C["started"], C["pilotissa"], N, N]
    assert ax.get_yticklabels()[1].get_text() == "1.1 Matalan kynnyksen tuki"
    # drawn from the frame, the words are read back through the steps given (both years': the
    # decks word "pilotissa" differently); with the newest year's alone, 2023's word is unknown
    both = [*years[1].status_scale, *years[0].status_scale]
    assert _colours(plot_timeline(frame, scale=both)) == _colours(ax)
    newest_only = _colours(plot_timeline(frame, scale=years[0].status_scale))
    assert newest_only[2] == N and newest_only[7] == C["pilotissa"]


def test_plan_and_diff_html_with_actions() -> None:
    p = action_plans.plan_2023()
    html = plan_html(p)
    assert "Lisätyt painopisteet" not in html  # the plan's tables have no such column
    assert "<th style" in html and ">Toimenpiteet</th>" in html
    # a sub-goal whose actions carry the statuses shows theirs, counted
    assert f'style="color:{action_plans.COLOURS["pilotissa"]}">&#9679;</span>&nbsp;Pilotissa' in html
    html = diff_html(action_plans.diff_2023_2024())
    assert "Koulujen mielenterveystyön malli laajennetaan" in html
    assert "Edennyt" in html and "Muuttunut" in html
    assert html.count("<table") == 3  # action statuses, statements, actions
    assert "1.1 Huomiot" in html
