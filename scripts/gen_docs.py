"""Write the tables of settings and options from the settings' descriptions.

- docs/settings.md: one table per settings class (`lnhs_parse.settings.SETTINGS_CLASSES`): each
  field's type, default, the values it takes, its command-line option and its description;
- docs/cli.md, "Options": the options of `parse` (in the order `parse --help` lists them) and
  those of `diff`, each with its help and default.

Every text comes from one place: a setting's from its field (`setting(default, "description")` in
`src/lnhs_parse/settings.py`), an option that is no setting from `lnhs_parse.cli.CLI_OPTIONS`; the
options themselves from the command's parser. Each table sits between a pair of marker comments,
`<!-- NAME: begin (scripts/gen_docs.py) -->` and `<!-- NAME: end -->`; the text around them is
written by hand.

Run after changing a setting or an option: `python scripts/gen_docs.py` (`--check`: write
nothing, exit 1 when a table is stale). tests/test_settings_docs.py fails while one is.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from pathlib import Path

from lnhs_parse import cli
from lnhs_parse.settings import (
    SETTINGS_CLASSES,
    DiffSettings,
    Limits,
    ParseOptions,
    SettingInfo,
    Settings,
    describe,
    type_name,
)

ROOT = Path(__file__).resolve().parent.parent
CLI_DOC = ROOT / "docs" / "cli.md"
SETTINGS_DOC = ROOT / "docs" / "settings.md"
DECK_COMMANDS = ("parse", "diff", "timeline", "report", "profile", "layout")
"""The commands that read decks: a setting's option on all of them is shown without the list."""


def commands() -> dict[str, argparse.ArgumentParser]:
    """The command line's subcommands' parsers, by name."""
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_cell(text)}`"


def _python_default(value: object) -> str:
    if isinstance(value, Settings):
        return f"{type(value).__name__}()"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


# --- docs/settings.md ----------------------------------------------------------------------------


def _option_cell(info: SettingInfo, options: dict[str, list[str]]) -> str:
    if info.option is None:
        nested = isinstance(info.hint, type) and issubclass(info.hint, Settings)
        return "one per field" if nested and info.hint.cli else "library only"
    where = options.get(info.option, [])
    if not where:
        raise ValueError(f"{info.owner.__name__}.{info.name}: no command has {info.option}")
    if tuple(where) == DECK_COMMANDS:
        return _code(info.option)
    return f"{_code(info.option)} ({', '.join(where)})"


def settings_tables() -> str:
    """One section per settings class: its docstring, then a row per field."""
    options: dict[str, list[str]] = {}
    for name, parser in commands().items():
        for action in parser._actions:
            for flag in action.option_strings:
                options.setdefault(flag, []).append(name)
    out: list[str] = []
    for cls in SETTINGS_CLASSES:
        out += [f"### `{cls.__name__}`", "", inspect.cleandoc(cls.__doc__ or ""), ""]
        out += ["| setting | type | default | takes | option | description |",
                "|---|---|---|---|---|---|"]
        for info in describe(cls):
            out.append(
                f"| `{info.name}` | {_code(type_name(info.hint))} "
                f"| {_code(_python_default(info.default))} | {_cell(info.allowed)} "
                f"| {_option_cell(info, options)} | {_cell(info.description)} |"
            )
        out.append("")
    return "\n".join(out)


# --- docs/cli.md: the options of parse and diff ---------------------------------------------


def _flags(action: argparse.Action) -> str:
    """`--format json|csv`, `-f`: the long option with its value, then the others."""
    flags = sorted(action.option_strings, key=lambda f: (not f.startswith("--"), f))
    if action.choices is not None:
        value = "|".join(str(c) for c in action.choices)
    elif action.nargs == 0:
        value = ""
    else:
        value = str(action.metavar or action.dest.upper())
    first = f"{flags[0]} {value}" if value else flags[0]
    return ", ".join(_code(f) for f in (first, *flags[1:]))


def _meaning(action: argparse.Action, settings: dict[str, SettingInfo]) -> tuple[str, str]:
    """An option's description and default, from its setting or from `cli.CLI_OPTIONS`."""
    if action.dest in settings:
        info = settings[action.dest]
        repeat = " Repeatable." if isinstance(action, argparse._AppendAction) else ""
        return info.description + repeat, cli.cli_default(info.default)
    if action.dest in cli.CLI_OPTIONS:
        option = cli.CLI_OPTIONS[action.dest]
        return option.help, option.default
    raise ValueError(f"{'/'.join(action.option_strings)} is neither a setting nor in "
                     "cli.CLI_OPTIONS: give it a description there")


def options_table(command: str, classes: tuple[type[Settings], ...] | None = None) -> str:
    """The options of `command` (only those of `classes`' fields, when given), as `--help` lists
    them: option, meaning, default."""
    settings = {i.name: i for cls in (ParseOptions, Limits, DiffSettings) for i in describe(cls)
                if i.option is not None and (classes is None or cls in classes)}
    rows = ["| option | meaning | default |", "|---|---|---|"]
    for action in commands()[command]._actions:
        if not action.option_strings or action.dest == "help":
            continue
        if classes is not None and action.dest not in settings:
            continue
        text, default = _meaning(action, settings)
        if not default:
            default = "off" if action.nargs == 0 else "—"
        rows.append(f"| {_flags(action)} | {_cell(text)} | {_cell(default)} |")
    return "\n".join(rows) + "\n"


# --- the files -----------------------------------------------------------------------------------


def blocks() -> dict[tuple[Path, str], str]:
    """Every generated block: (file, marker name) -> its text."""
    return {
        (SETTINGS_DOC, "settings"): settings_tables(),
        (CLI_DOC, "parse-options"): options_table("parse"),
        (CLI_DOC, "diff-options"): options_table("diff", (DiffSettings,)),
    }


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}: begin (scripts/gen_docs.py) -->", f"<!-- {name}: end -->"


def block(text: str, name: str) -> str:
    """The text between a marker pair (ValueError when the file lacks them)."""
    begin, end = markers(name)
    start = text.index(begin) + len(begin)
    return text[start : text.index(end, start)].strip("\n") + "\n"


def stale() -> list[str]:
    """The stale blocks, as "docs/cli.md: diff-options"."""
    out = []
    for (path, name), body in blocks().items():
        if block(path.read_text(encoding="utf-8"), name) != body:
            out.append(f"{path.relative_to(ROOT)}: {name}")
    return out


def write() -> list[Path]:
    """Refresh every block; the files that changed."""
    texts: dict[Path, str] = {}
    for (path, name), body in blocks().items():
        text = texts.get(path) or path.read_text(encoding="utf-8")
        begin, end = markers(name)
        start, stop = text.index(begin), text.index(end) + len(end)
        texts[path] = f"{text[:start]}{begin}\n{body}{end}{text[stop:]}"
    changed = [p for p, t in texts.items() if t != p.read_text(encoding="utf-8")]
    for path in changed:
        path.write_text(texts[path], encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when stale")
    args = ap.parse_args(argv)
    if args.check:
        names = stale()
        for name in names:
            print(f"stale: {name} (run python scripts/gen_docs.py)", file=sys.stderr)
        return 1 if names else 0
    for path in write():
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
