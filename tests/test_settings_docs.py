"""The settings, the command line and the docs agree: every setting has a description, every
setting with an option is one on the command line with the field's description, type and default,
and docs/settings.md's and docs/cli.md's tables are what scripts/gen_docs.py makes of them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from lnhs_parse import cli
from lnhs_parse.settings import (
    SETTINGS_CLASSES,
    DiffSettings,
    Limits,
    ParseOptions,
    SettingInfo,
    Settings,
    describe,
)
from support import ROOT, load_script

SCRIPT = load_script(ROOT / "scripts" / "gen_docs.py", "gen_docs")
COMMANDS: dict[str, argparse.ArgumentParser] = SCRIPT.commands()
INFOS = [info for cls in SETTINGS_CLASSES for info in describe(cls)]
WITH_OPTION = [info for info in INFOS if info.option is not None]
DECK_COMMANDS = ("parse", "diff", "timeline", "report", "profile", "layout")


def _actions(command: str) -> dict[str, argparse.Action]:
    return {flag: a for a in COMMANDS[command]._actions for flag in a.option_strings}


def _id(info: SettingInfo) -> str:
    return f"{info.owner.__name__}.{info.name}"


def test_the_generated_tables_are_current() -> None:
    assert SCRIPT.stale() == [], "run python scripts/gen_docs.py"
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for info in INFOS:  # every field is in the page, with its description
        assert f"| `{info.name}` |" in doc and info.description in doc, _id(info)


def test_the_check_finds_a_stale_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command-line page whose table of `parse`'s options says something else is stale, and
    written back to what the settings say (the text around the markers kept)."""
    (tmp_path / "docs").mkdir()
    readme, doc = tmp_path / "docs" / "cli.md", tmp_path / "docs" / "settings.md"
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme.write_text(text.replace("| `--max-pages N` |", "| `--max-pages N` | old |"),
                      encoding="utf-8")
    doc.write_text((ROOT / "docs" / "settings.md").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(SCRIPT, "ROOT", tmp_path)
    monkeypatch.setattr(SCRIPT, "CLI_DOC", readme)
    monkeypatch.setattr(SCRIPT, "SETTINGS_DOC", doc)
    assert SCRIPT.stale() == ["docs/cli.md: parse-options"]
    assert SCRIPT.write() == [readme]
    assert SCRIPT.stale() == [] and readme.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("info", INFOS, ids=_id)
def test_every_setting_has_one_description(info: SettingInfo) -> None:
    assert info.description.strip() == info.description and len(info.description) > 20
    assert "\n" not in info.description and info.description.endswith((".", ")"))
    assert info.owner.__doc__ and info.owner.__doc__.strip()


@pytest.mark.parametrize("info", WITH_OPTION, ids=_id)
def test_a_setting_with_an_option_has_it_with_its_description(info: SettingInfo) -> None:
    """`--max-pages` for `max_pages`: its help is the field's description and default, its
    destination the field's name, its default the field's."""
    assert info.option == "--" + info.name.replace("_", "-")
    having = [c for c in COMMANDS if info.option in _actions(c)]
    assert having, f"no command has {info.option}"
    for command in having:
        action = _actions(command)[info.option]
        assert action.dest == info.name
        assert action.help is not None
        help_text = action.help.replace("%%", "%")
        assert help_text.startswith(info.description.replace("`", "")), (command, info.option)
        if info.hint is not bool:
            assert action.default == (list(info.default) if isinstance(info.default, tuple)
                                      else info.default)


def test_the_commands_have_the_options_where_they_apply() -> None:
    def where(info: SettingInfo) -> tuple[str, ...]:
        return tuple(c for c in COMMANDS if info.option in _actions(c))

    by_name = {i.name: i for i in WITH_OPTION}
    for info in describe(Limits):
        assert where(info) == DECK_COMMANDS
    for name in cli.DECK_SETTINGS:
        assert where(by_name[name]) == DECK_COMMANDS
    for name in cli.RUN_SETTINGS:  # the worker's options wherever decks are parsed
        assert where(by_name[name]) == ("parse", "diff", "timeline", "report")
    assert where(by_name["debug_dir"]) == ("parse",)
    for info in describe(DiffSettings):
        assert where(info) == ("diff", "report")


@pytest.mark.parametrize("info", [i for i in INFOS if i.option is None], ids=_id)
def test_a_library_only_setting_has_no_option(info: SettingInfo) -> None:
    option = "--" + info.name.replace("_", "-")
    assert all(option not in _actions(c) for c in COMMANDS)


def test_every_option_has_a_description_in_one_place() -> None:
    """An option of `parse` or `diff` is a setting's or in `cli.CLI_OPTIONS` (docs/cli.md's tables
    are made from them); no option that is no setting shares a setting's name."""
    names = {i.name for i in INFOS}
    assert not names & set(cli.CLI_OPTIONS)
    for command in ("parse", "diff"):
        for action in COMMANDS[command]._actions:
            if action.option_strings and action.dest != "help" and action.dest != "format":
                assert action.dest in names or action.dest in cli.CLI_OPTIONS, action.dest
    for command, parser in COMMANDS.items():  # and every option of every command has a help
        for action in parser._actions:
            assert action.help, (command, action.dest)


def _args(*argv: str) -> argparse.Namespace:
    return cli.build_parser().parse_args(list(argv))


def test_the_options_make_the_settings() -> None:
    """No option given: the settings' defaults; options given: those fields."""
    assert cli._options(_args("parse", "deck.pdf")) == ParseOptions()
    assert cli._options(_args("layout", "deck.pdf")) == ParseOptions()
    assert cli._diff_settings(_args("diff", "a.pdf", "b.pdf")) == DiffSettings()
    given = cli._options(_args("parse", "deck.pdf", "--max-pages", "5", "--engine", "pdfplumber",
                               "--profile", "kymenlaakso", "--profile", "none", "--timeout",
                               "0", "--isolate", "--password", "pw", "--debug-dir", "out"))
    assert given == ParseOptions.resolve({
        "limits": {"max_pages": 5}, "engine": "pdfplumber", "profile": ("kymenlaakso", "none"),
        "timeout": 0.0, "isolate": True, "password": "pw", "debug_dir": "out",
    })
    # --strict is the command's (it prints the warnings first), not the parse's
    assert cli._options(_args("parse", "deck.pdf", "--strict")).strict is False
    assert cli._diff_settings(_args("report", "a.pdf", "--text-weight", "0.5")) == DiffSettings(
        text_weight=0.5)


NUMBER_OPTIONS = [(c, i) for c in ("parse", "diff") for i in WITH_OPTION
                  if i.hint in (int, float) and i.option in _actions(c)]


@pytest.mark.parametrize(("command", "info"), NUMBER_OPTIONS,
                         ids=[f"{c}{i.option}" for c, i in NUMBER_OPTIONS])
@pytest.mark.parametrize("value", ["abc", "-1"])
def test_a_bad_number_is_a_usage_error_naming_the_option(
    command: str, info: SettingInfo, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    files = ["a.pdf", "b.pdf"] if command == "diff" else ["a.pdf"]
    assert cli.main([command, *files, str(info.option), value]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    shown = repr(value) if value == "abc" else repr(info.hint(value))
    assert captured.err == (f"lnhs-parse: usage: argument {info.option}: must be {info.allowed}, "
                            f"got {shown} (see lnhs-parse --help)\n")


def test_the_settings_classes_are_all_listed() -> None:
    found = {c for c in vars(sys.modules["lnhs_parse.settings"]).values()
             if isinstance(c, type) and issubclass(c, Settings) and c is not Settings}
    assert found == set(SETTINGS_CLASSES)
