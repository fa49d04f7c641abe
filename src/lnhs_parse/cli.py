"""The command-line tool: a thin layer over the library.

`main(argv) -> int` parses arguments, calls the library and maps `LnhsParseError` subclasses to
the exit codes of the output contract. Results go to stdout (JSON unless asked otherwise),
diagnostics to stderr as one line each; a traceback only with ``--debug``. Output is produced whole
or not at all: it is rendered in memory first and written only when everything succeeded; an
output that can't be written is a usage error (exit 2). The warning lines, the --strict check,
rendering and writing are `output.py`'s, shared with `batch.py`, so one deck reads the same in a
batch. The commands import what they need when they run, so `--help` and a plain parse stay quick.

An option that is a setting (`--max-pages`, `--engine`, `--modified-threshold`, ...) is made from
the setting's field in `lnhs_parse.settings`: its help is the field's description, its type,
choices and default the field's, and its value is checked as the field checks it. The help of the
other options of `parse` is `CLI_OPTIONS`. docs/cli.md's option tables and docs/settings.md are made
from the same texts (scripts/gen_docs.py).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, NoReturn, get_args, get_origin

from lnhs_parse.errors import ConfigError, LnhsParseError, one_line, printable
from lnhs_parse.output import (
    PROG,
    check_output_file,
    check_strict,
    drop_stdout,
    emit,
    read_plan,
    render_plan,
    report,
    warning_lines,
)

if TYPE_CHECKING:
    from lnhs_parse import records
    from lnhs_parse.model import Plan
    from lnhs_parse.settings import DiffSettings, ParseOptions, SettingInfo, Settings

SUBCOMMANDS = ("parse", "diff", "timeline", "report", "schema", "profile", "layout")
PLAN_FORMATS = ("json", "csv", "xlsx", "md")
DIFF_FORMATS = ("json", "md")
TIMELINE_FORMATS = ("json", "csv", "md")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` returns the usage exit code itself."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(f"usage: {message} (see {PROG} --help)")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # the width argparse finds itself (shutil.get_terminal_size, less 2), without importing
        # shutil and its archive modules on every run: a parse formats no help
        return self.formatter_class(  # type: ignore[call-arg]  # typeshed's protocol names prog only
            prog=self.prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` finds it: $COLUMNS, else stdout's
    terminal, else 80."""
    with contextlib.suppress(ValueError):
        columns = int(os.environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    stdout = sys.__stdout__
    if stdout is not None:
        with contextlib.suppress(ValueError, OSError):
            return os.get_terminal_size(stdout.fileno()).columns or 80
    return 80


class CliOption(NamedTuple):
    """A command-line option that is no setting: its help (with `code` marks, which the command's
    help leaves out), and its default as the docs show it ("" for none)."""

    help: str
    default: str = ""


CLI_OPTIONS = {
    "format": CliOption("Output format; `xlsx` needs `-o` or a redirected stdout.", "json"),
    "output": CliOption("Write to this file instead of stdout: the same text as on stdout, "
                        "written whole or not at all.", "stdout"),
    "out": CliOption("Batch: one plan per deck in DIR (made when missing), as `deck.pdf.json` (or "
                     "`.csv`, `.xlsx`, `.md` with `--format`); a folder's files are taken by "
                     "content (PDF, PowerPoint `.pptx`/`.pptm`/`.ppsx`/`.potx` under any name), "
                     "the others listed as skipped."),
    "jsonl": CliOption("Batch: one plan per line on stdout."),
    "jobs": CliOption("Batch: parallel processes.", "all cores"),
    "quiet": CliOption("Don't print warnings on stderr."),
    "debug": CliOption("Show the traceback of an error."),
}
"""The help of the options `parse` has besides the settings, by destination: the one place of
their text (scripts/gen_docs.py reads it for docs/cli.md's table). The settings' options take their
help, type, choices and default from the settings' fields (`lnhs_parse.settings.describe`)."""

# The ParseOptions fields each command has as options (besides the limits, which all have).
DECK_SETTINGS = ("actors", "profile", "password", "engine")  # every command that reads decks
RUN_SETTINGS = ("strict", "isolate", "timeout", "max_memory_mb")  # commands that parse decks
PARSE_SETTINGS = (*DECK_SETTINGS, *RUN_SETTINGS, "debug_dir")
LIMITS_GROUP = "limits (a file over a limit is refused with exit code 3)"
DIFF_GROUP = "alignment (docs/diff.md; each a number in 0..1)"


def _help(text: str, default: str = "") -> str:
    """A help text for argparse: without `code` marks, % escaped, the default appended."""
    text = text.replace("`", "").replace("%", "%%")
    return f"{text} Default: {default}." if default else text


def _add_cli_option(p: argparse.ArgumentParser, dest: str, *flags: str, **kwargs: Any) -> None:
    option = CLI_OPTIONS[dest]
    p.add_argument(*flags, dest=dest, help=_help(option.help, option.default), **kwargs)


def cli_default(value: object) -> str:
    """A setting's default as the command's help and docs/cli.md show it ("" for none)."""
    if value is None or isinstance(value, bool | tuple | list):
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _add_settings(p: argparse._ActionsContainer, cls: type[Settings],
                  names: Sequence[str] | None = None) -> None:
    """The options of the settings `cls`'s fields (`names` of them, in that order; default: all
    of them that are options): help, type, choices and default from the fields."""
    from lnhs_parse.settings import describe

    infos = {info.name: (info.option, info) for info in describe(cls) if info.option is not None}
    for name in infos if names is None else names:
        option, info = infos[name]
        kwargs: dict[str, Any] = {"metavar": info.metavar}
        if info.hint is bool:
            kwargs = {"action": "store_true"}
        elif get_origin(info.hint) is Literal:
            kwargs = {"choices": get_args(info.hint), "default": info.default}
        elif get_origin(info.hint) is tuple:  # a value per use, in order; a path or a name
            kwargs |= {"action": "append", "type": str, "default": []}
        elif info.default is None:
            kwargs |= {"type": Path if Path in get_args(info.hint) else str, "default": None}
        else:
            kwargs |= {"type": _checked(info), "default": info.default}
        repeat = " Repeatable." if kwargs.get("action") == "append" else ""
        p.add_argument(option, dest=info.name,
                       help=_help(info.description + repeat, cli_default(info.default)), **kwargs)


def _checked(info: SettingInfo) -> Callable[[str], object]:
    """The argparse type of a number setting: the number, checked as the field checks it, so a
    bad value is a usage error naming the option ("argument --max-pages: must be an integer > 0,
    got 0")."""
    from lnhs_parse.settings import problem

    def number(text: str) -> object:
        value: object = text
        with contextlib.suppress(ValueError):
            value = int(text) if info.hint is int else float(text)
        if (bad := problem(info.owner, info.name, value)) is not None:
            raise argparse.ArgumentTypeError(bad)
        return value

    return number


def _add_parse_options(p: argparse.ArgumentParser, names: Sequence[str]) -> None:
    from lnhs_parse.settings import Limits, ParseOptions

    _add_settings(p, ParseOptions, names)
    _add_settings(p.add_argument_group(LIMITS_GROUP), Limits)


def _add_common(p: argparse.ArgumentParser) -> None:
    """The options every command has, last in its help."""
    _add_cli_option(p, "quiet", "-q", "--quiet", action="store_true")
    _add_cli_option(p, "debug", "--debug", action="store_true")


def _settings(args: argparse.Namespace, cls: type[Settings]) -> dict[str, Any]:
    """The values of `cls`'s fields the command has options for."""
    from lnhs_parse.settings import describe

    given = vars(args)
    return {i.name: given[i.name] for i in describe(cls) if i.option and i.name in given}


def _diff_settings(args: argparse.Namespace) -> DiffSettings:
    from lnhs_parse.settings import DiffSettings

    return DiffSettings.resolve(_settings(args, DiffSettings))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. The options of settings are made from the settings' fields
    (`_add_settings`), the others' help is `CLI_OPTIONS`'s or written here. With `command`
    ("parse", ...), `diff`'s and `report`'s alignment options are made only for that command
    (a one-deck command starts a little quicker), and of the subcommands only that command's
    (each one's parser asks gettext for its words: a few milliseconds each); None or "" (the
    top-level help) makes all of them."""
    parser = _Parser(
        prog=PROG,
        description="Parse Finnish children and youth welfare plan evaluation decks (PDF, PPTX) "
        "into JSON, and compare years. 'lnhs-parse FILE' is short for 'lnhs-parse parse FILE'.",
        epilog="Exit codes: 0 parsed, 2 usage error, 3 file can't be read, "
        "4 no evaluation structure, 5 warnings under --strict.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(SUBCOMMANDS) + "}")

    for name, add in SUBCOMMAND_PARSERS:
        if command in (None, "", name):
            add(sub, command)
    return parser


def _parse_command(sub: Any, command: str | None) -> None:
    """The `parse` subcommand (parse decks)."""
    p = sub.add_parser("parse", help="parse decks (the default command)",
                       description="Parse decks or plan JSON files and print or write their plans.")
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR",
                   help="a deck (PDF or PPTX, recognised by content) or a plan JSON file; "
                   "several files or folders with --out or --jsonl")
    _add_cli_option(p, "format", "--format", "-f", choices=PLAN_FORMATS, default="json")
    _add_cli_option(p, "output", "-o", "--output", metavar="OUT", type=Path)
    _add_cli_option(p, "out", "--out", metavar="DIR", type=Path)
    _add_cli_option(p, "jsonl", "--jsonl", action="store_true")
    _add_cli_option(p, "jobs", "--jobs", "-j", type=int, default=None, metavar="N")
    _add_parse_options(p, PARSE_SETTINGS)
    _add_common(p)


def _diff_command(sub: Any, command: str | None) -> None:
    """The `diff` subcommand (compare two plans)."""
    from lnhs_parse.settings import DiffSettings

    d = sub.add_parser("diff", help="compare two years' plans",
                       description="Compare two plans; each may be a deck or a plan JSON file.")
    d.add_argument("old", metavar="OLD", help="the earlier year's deck or plan JSON")
    d.add_argument("new", metavar="NEW", help="the later year's deck or plan JSON")
    d.add_argument("--format", "-f", choices=DIFF_FORMATS, default="json",
                   help="json (default) or md, a readable report in the decks' own status words")
    _add_cli_option(d, "output", "-o", "--output", metavar="OUT", type=Path)
    if command in (None, "diff"):
        _add_settings(d.add_argument_group(DIFF_GROUP), DiffSettings)
    _add_parse_options(d, DECK_SETTINGS + RUN_SETTINGS)
    _add_common(d)


def _timeline_command(sub: Any, command: str | None) -> None:
    """The `timeline` subcommand (statuses per year)."""
    t = sub.add_parser("timeline", help="statuses per sub-goal and action per year",
                       description="Follow the sub-goals of one plan period's yearly plans, and "
                       "the actions with a status of their own: statuses per year (a renumbered "
                       "sub-goal stays on one row; an action is followed as the diff pairs it).")
    t.add_argument("files", nargs="+", metavar="DECK_OR_PLAN",
                   help="the yearly decks or plan JSON files, one per year, in any order")
    t.add_argument("--format", "-f", choices=TIMELINE_FORMATS, default="json",
                   help="json (default), csv or md (a table per main goal, each deck's own "
                   "status words)")
    _add_cli_option(t, "output", "-o", "--output", metavar="OUT", type=Path)
    _add_parse_options(t, DECK_SETTINGS + RUN_SETTINGS)
    _add_common(t)


def _report_command(sub: Any, command: str | None) -> None:
    """The `report` subcommand (the HTML report)."""
    from lnhs_parse.settings import DiffSettings

    r = sub.add_parser("report", help="an HTML report of a plan period",
                       description="Write one self-contained HTML file for a browser and for "
                       "print (A4 landscape): the status matrix of the years' sub-goals and "
                       "actions, the changes between consecutive years, the highlights and each "
                       "actor's actions and statements, linked to their decks and pages "
                       "(docs/report.md).")
    r.add_argument("files", nargs="+", metavar="DECK_OR_PLAN",
                   help="the yearly decks or plan JSON files of one plan, in any order")
    r.add_argument("-o", "--output", metavar="OUT", type=Path,
                   help="write to this file (default: stdout); source links are made relative "
                   "to its folder")
    r.add_argument("--force", action="store_true",
                   help="report plans together even when their regions differ or a year comes "
                   "twice")
    if command in (None, "report"):
        _add_settings(r.add_argument_group(DIFF_GROUP), DiffSettings)
    _add_parse_options(r, DECK_SETTINGS + RUN_SETTINGS)
    _add_common(r)


def _profile_command(sub: Any, command: str | None) -> None:
    """The `profile` subcommand (a starting profile)."""
    pr = sub.add_parser("profile", help="write a starting profile for a deck",
                        description="Write a starting profile (docs/profiles.md) for a deck in "
                        "another county's wording: its goal heading, column names, legend words "
                        "and unknown actors, to check and fill in.")
    pr.add_argument("--suggest", metavar="DECK", required=True,
                    help="the deck (PDF or PPTX) to suggest a profile for")
    _add_cli_option(pr, "output", "-o", "--output", metavar="OUT", type=Path)
    _add_parse_options(pr, DECK_SETTINGS)
    _add_common(pr)


def _layout_command(sub: Any, command: str | None) -> None:
    """The `layout` subcommand (the layout dump)."""
    la = sub.add_parser("layout", help="print the layout the parser reads, as JSON",
                        description="Print a deck's layout as the parser reads it, as JSON: each "
                        "page's paragraphs outside tables, its tables with their cells and each "
                        "cell's paragraphs, and its icons, boxes in points from the page's "
                        "top-left corner (docs/layout-dump.md). For seeing what the parser read "
                        "on a template it gets wrong.")
    la.add_argument("file", metavar="FILE", help="a deck (PDF or PPTX)")
    la.add_argument("--pages", metavar="N-M",
                    help="only pages (slides) N to M, or page N (default: all)")
    la.add_argument("--tags", choices=("auto", "off"), default="auto",
                    help="auto: a tagged PDF's paragraphs from its structure tree where it has "
                    "them; off: ignore the tree, paragraphs from the geometry alone "
                    "(default %(default)s)")
    _add_cli_option(la, "output", "-o", "--output", metavar="OUT", type=Path)
    _add_parse_options(la, DECK_SETTINGS)
    _add_common(la)


def _schema_command(sub: Any, command: str | None) -> None:
    """The `schema` subcommand (the JSON Schemas)."""
    s = sub.add_parser("schema", help="print the JSON Schema of a plan, a diff or a profile file")
    s.add_argument("which", choices=("plan", "diff", "profile"),
                   help="the schema of a plan JSON, a diff JSON or a profile file")
    _add_common(s)


SUBCOMMAND_PARSERS: tuple[tuple[str, Callable[[Any, str | None], None]], ...] = (
    ("parse", _parse_command),
    ("diff", _diff_command),
    ("timeline", _timeline_command),
    ("report", _report_command),
    ("profile", _profile_command),
    ("layout", _layout_command),
    ("schema", _schema_command),
)  # in the order of the help


def _options(args: argparse.Namespace) -> ParseOptions:
    """The command's `ParseOptions`, from the options of settings it has (the others' defaults)."""
    from lnhs_parse.settings import Limits, ParseOptions

    if args.actors is not None:
        # A bad --actors file is a usage error of the whole run: reported once, before any parse,
        # also when the inputs are plan JSON files (which don't read it) or a batch.
        from lnhs_parse.normalise.actors import ActorRegistry

        ActorRegistry.load(args.actors)
    if args.profile:
        from lnhs_parse.normalise.profile import load_profiles

        load_profiles(args.profile)  # likewise: a bad profile fails once, up front
    given = _settings(args, ParseOptions)
    # --strict is the command's own: it prints the warnings first, then fails (`check_strict`)
    given.pop("strict", None)
    return ParseOptions.resolve({**given, "limits": _settings(args, Limits)})


# --- the commands ---------------------------------------------------------------------------------


def _load_checked(path: str, options: ParseOptions, args: argparse.Namespace) -> Plan:
    """Load one input, print its warnings, apply --strict."""
    from lnhs_parse import load
    from lnhs_parse.logs import reading

    with reading(path):
        plan = load(path, options=options)
    _report_checked(plan, path, args)
    return plan


def _report_checked(plan: Plan | records.Plan, path: str, args: argparse.Namespace) -> None:
    """Print the warnings of one input's plan, apply --strict."""
    report(warning_lines(plan, path), args.quiet)
    check_strict(plan, path, args.strict)


def _cmd_parse(args: argparse.Namespace) -> int:
    if len(args.files) > 1 or args.out is not None or args.jsonl or Path(args.files[0]).is_dir():
        from lnhs_parse.batch import run_batch

        if args.out is None and not args.jsonl:
            raise ConfigError("usage: several files or a folder need --out DIR or --jsonl")
        import gc

        gc.enable()  # a batch runs long, in workers forked from this process (`run`)
        return run_batch(args, _options(args))
    check_output_file(args.output)
    from lnhs_parse.logs import reading

    with reading(args.files[0]):
        plan = read_plan(args.files[0], _options(args), args.format)
    _report_checked(plan, args.files[0], args)
    emit(render_plan(plan, args.format), args.output, sys.stdout)
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from lnhs_parse import diff

    check_output_file(args.output)
    settings = _diff_settings(args)  # a bad value is a usage error before any parse
    options = _options(args)
    old, new = (_load_checked(path, options, args) for path in (args.old, args.new))
    result = diff(old, new, settings=settings)
    if args.format == "json":
        payload = result.to_json()
    else:
        from lnhs_parse.markdown import diff_markdown

        payload = diff_markdown(result)
    emit(payload, args.output, sys.stdout)
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    from lnhs_parse.timeline_report import check_years, render

    check_output_file(args.output)
    options = _options(args)
    plans = [_load_checked(path, options, args) for path in args.files]
    check_years(plans, args.files)
    emit(render(plans, args.format), args.output, sys.stdout)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from lnhs_parse.html_report import check_together, report_html

    check_output_file(args.output)
    settings = _diff_settings(args)  # a bad value is a usage error before any parse
    options = _options(args)
    plans = [_load_checked(path, options, args) for path in args.files]
    if not args.force:
        check_together(plans, args.files)
    base = args.output.parent if args.output is not None else Path.cwd()
    emit(report_html(plans, force=True, settings=settings, link_base=base), args.output,
         sys.stdout)
    return 0


def _cmd_profile(args: argparse.Namespace) -> int:
    from lnhs_parse.extract import extract
    from lnhs_parse.normalise import suggest_profile

    check_output_file(args.output)
    options = _options(args)
    emit(suggest_profile(extract(args.suggest, options), options), args.output, sys.stdout)
    return 0


def _cmd_layout(args: argparse.Namespace) -> int:
    from lnhs_parse.extract import extract
    from lnhs_parse.layout_dump import dump_document, dump_json, parse_page_range
    from lnhs_parse.logs import reading

    check_output_file(args.output)
    pages = parse_page_range(args.pages) if args.pages is not None else None
    options = _options(args)
    with reading(args.file):
        dump = dump_document(extract(args.file, options), pages=pages, tags=args.tags,
                             options=options)
    lines = []
    for w in dump["warnings"]:
        where = f" (page {w['page']})" if w["page"] is not None else ""
        lines.append(f"{PROG}: {printable(args.file)}: warning [{w['code']}]{where}: "
                     f"{one_line(w['message'])}")
    report(lines, args.quiet)
    emit(dump_json(dump), args.output, sys.stdout)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from lnhs_parse.schema import schema_json

    emit(schema_json(args.which), None, sys.stdout)
    return 0


def _normalise_argv(argv: list[str]) -> list[str]:
    """`lnhs-parse FILE ...` means `lnhs-parse parse FILE ...`."""
    if not argv or argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    return ["parse", *argv]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; return the exit code (never raises; a traceback only with --debug)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = _normalise_argv(argv)
    parser = build_parser(argv[0] if argv and argv[0] in SUBCOMMANDS else "")
    try:
        args = parser.parse_args(argv)
        if args.command is None and args.version:
            from lnhs_parse.version import __version__

            print(f"{PROG} {__version__}")
            return 0
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        from lnhs_parse.logs import route_library_logs

        route_library_logs(debug=debug)
        handler = {"parse": _cmd_parse, "diff": _cmd_diff, "timeline": _cmd_timeline,
                   "report": _cmd_report, "schema": _cmd_schema,
                   "profile": _cmd_profile, "layout": _cmd_layout}[args.command]
        return handler(args)
    except LnhsParseError as exc:
        if debug:
            traceback.print_exc()
            if exc.detail != exc.message:
                print(f"{PROG}: detail: {exc.detail!r}", file=sys.stderr)
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): not an error of ours
        drop_stdout()
        return 0
    except Exception as exc:  # the promise is: never a traceback without --debug
        if debug:
            traceback.print_exc()
        print(f"{PROG}: internal error: {type(exc).__name__}: {one_line(str(exc), 120)} "
              "(run with --debug for details and report it)", file=sys.stderr)
        return 1


def run() -> None:
    """Console-script entry point (also `python -m lnhs_parse`): `main` in a process set up for
    one short run.

    The cyclic garbage collector is off: importing pydantic and building the models makes it run
    over and over across objects that live as long as the process, and a parse makes few cycles
    (a batch turns it back on before its workers start: `_cmd_parse`). Once the output is flushed
    the process ends without tearing its modules down (`os._exit`), unless worker processes were
    started (their clean-up runs at exit). Together they take about a tenth off a one-deck run
    (bench/bench.py); `main` itself, as the tests and the library call it, is unchanged.

    pydantic's plugins are not looked for (`PYDANTIC_DISABLE_PLUGINS`, unless the environment sets
    it: an empty value looks for them): the search reads every installed distribution's entry
    points when the first model is built, and a plugin (an observer of validations) has nothing
    to do in a one-shot command.
    """
    import gc

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # a reader gone away, a closed stream: nothing to add
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    if "multiprocessing" in sys.modules:
        sys.exit(code)
    if "logging" in sys.modules:
        import logging

        logging.shutdown()
    os._exit(code)
