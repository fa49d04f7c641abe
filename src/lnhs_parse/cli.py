"""The command-line tool: a thin layer over the library.

`main(argv) -> int` parses arguments, calls the library and maps `LnhsParseError` subclasses to
the exit codes of the output contract. Results go to stdout (JSON unless asked otherwise),
diagnostics to stderr as one line each; a traceback only with ``--debug``. Output is produced whole
or not at all: it is rendered in memory first and written only when everything succeeded; an
output that can't be written is a usage error (exit 2). The warning lines, the --strict check,
rendering and writing are `output.py`'s, shared with `batch.py`, so one deck reads the same in a
batch. The commands import what they need when they run, so `--help` and a plain parse stay quick.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from lnhs_parse.errors import ConfigError, LnhsParseError, one_line, printable
from lnhs_parse.output import (
    PROG,
    check_output_file,
    check_strict,
    drop_stdout,
    emit,
    render_plan,
    report,
    warning_lines,
)

if TYPE_CHECKING:
    from lnhs_parse.compare import DiffSettings
    from lnhs_parse.model import Plan
    from lnhs_parse.settings import ParseOptions

SUBCOMMANDS = ("parse", "diff", "timeline", "report", "schema", "profile", "layout")
PLAN_FORMATS = ("json", "csv", "xlsx", "md")
DIFF_FORMATS = ("json", "md")
TIMELINE_FORMATS = ("json", "csv", "md")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` returns the usage exit code itself."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(f"usage: {message} (see {PROG} --help)")


def _add_parse_options(p: argparse.ArgumentParser, *, strict: bool = True) -> None:
    from lnhs_parse.settings import DEFAULT_ENGINE, PDF_ENGINES, Limits

    p.add_argument("--actors", metavar="FILE", type=Path,
                   help="TOML file of actors extending or overriding the packaged registry")
    p.add_argument("--profile", metavar="FILE", type=Path, action="append", default=[],
                   help="TOML profile of a county's wording (actors, column names, headings, "
                   "legend words; docs/profiles.md); repeatable")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--engine", choices=PDF_ENGINES, default=DEFAULT_ENGINE,
                   help="PDF engine: pdfium (fast) or pdfplumber (the reference); the plans are "
                   "the same (default %(default)s)")
    if strict:
        p.add_argument("--strict", action="store_true",
                       help="fail with exit code 5 when the parse produced warnings")
    p.add_argument("--isolate", action="store_true",
                   help="parse each deck in a worker process: a crash on a hostile file fails "
                   "that file (exit 3) instead of the command (a batch always does)")
    limits = p.add_argument_group("limits (a file over a limit is refused with exit code 3)")
    defaults = Limits()
    limits.add_argument("--max-file-mb", type=float, default=defaults.max_file_mb, metavar="MB",
                        help="largest file accepted (default %(default)s)")
    limits.add_argument("--max-pages", type=int, default=defaults.max_pages, metavar="N",
                        help="most pages or slides accepted (default %(default)s)")
    limits.add_argument("--max-inflated-mb", type=float, default=defaults.max_inflated_mb,
                        metavar="MB",
                        help="PPTX: largest total unpacked size (default %(default)s)")
    limits.add_argument("--max-part-mb", type=float, default=defaults.max_part_mb, metavar="MB",
                        help="PPTX: largest unpacked part (default %(default)s)")
    limits.add_argument("--max-page-objects", type=int, default=defaults.max_page_objects,
                        metavar="N", help="PDF: most objects on one page; PPTX: most shapes on one "
                        "slide (default %(default)s)")


def _add_diff_settings(p: argparse.ArgumentParser) -> None:
    """One option per `DiffSettings` field: --modified-threshold X and so on."""
    from dataclasses import fields

    from lnhs_parse.compare import SETTING_HELP, DiffSettings

    group = p.add_argument_group("alignment (docs/diff.md; each a number in 0..1)")
    for f in fields(DiffSettings):
        group.add_argument("--" + f.name.replace("_", "-"), dest=f"setting_{f.name}", type=float,
                           default=None, metavar="X",
                           help=f"{SETTING_HELP[f.name]} (default {f.default})")


def _diff_settings(args: argparse.Namespace) -> DiffSettings:
    from dataclasses import fields

    from lnhs_parse.compare import DiffSettings

    given = {f.name: getattr(args, f"setting_{f.name}") for f in fields(DiffSettings)}
    return DiffSettings(**{k: v for k, v in given.items() if v is not None})


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. With `command` ("parse", ...), only that subcommand's options
    are complete: `diff`'s and `report`'s alignment options come from `lnhs_parse.compare`, which
    a parse doesn't import (a one-deck command starts quicker)."""
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    common.add_argument("-q", "--quiet", action="store_true", help="don't print warnings on stderr")

    parser = _Parser(
        prog=PROG,
        description="Parse Finnish children and youth welfare plan evaluation decks (PDF, PPTX) "
        "into JSON, and compare years. 'lnhs-parse FILE' is short for 'lnhs-parse parse FILE'.",
        epilog="Exit codes: 0 parsed, 2 usage error, 3 file can't be read, "
        "4 no evaluation structure, 5 warnings under --strict.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(SUBCOMMANDS) + "}")

    p = sub.add_parser("parse", parents=[common], help="parse decks (the default command)",
                       description="Parse decks or plan JSON files and print or write their plans.")
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR",
                   help="a deck (PDF or PPTX, recognised by content) or a plan JSON file; "
                   "several files or folders with --out or --jsonl")
    p.add_argument("--format", "-f", choices=PLAN_FORMATS, default="json",
                   help="output format (default json); xlsx needs -o or a redirected stdout")
    p.add_argument("-o", "--output", metavar="OUT", type=Path,
                   help="write to this file instead of stdout")
    p.add_argument("--out", metavar="DIR", type=Path,
                   help="batch: write one plan per deck into DIR")
    p.add_argument("--jsonl", action="store_true", help="batch: one plan per line on stdout")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="batch: parallel processes (default: all cores)")
    p.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                   help="batch and --isolate: stop a file still parsing after this long; it "
                   "fails (exit 3), in a batch the others go on (default %(default)g; 0: no "
                   "limit)")
    p.add_argument("--max-memory-mb", type=float, default=4096.0, metavar="MB",
                   help="batch and --isolate: cap each worker's address space (RLIMIT_AS, where "
                   "the platform has it); a file over it fails (exit 3) (default %(default)g; "
                   "0: no cap)")
    p.add_argument("--debug-dir", metavar="DIR", type=Path,
                   help="write a PNG per PDF page showing the detected cells, rows, header and "
                   "icons")
    _add_parse_options(p)

    d = sub.add_parser("diff", parents=[common], help="compare two years' plans",
                       description="Compare two plans; each may be a deck or a plan JSON file.")
    d.add_argument("old", metavar="OLD", help="the earlier year's deck or plan JSON")
    d.add_argument("new", metavar="NEW", help="the later year's deck or plan JSON")
    d.add_argument("--format", "-f", choices=DIFF_FORMATS, default="json",
                   help="json (default) or md, a readable report in the decks' own status words")
    d.add_argument("-o", "--output", metavar="OUT", type=Path, help="write to this file")
    if command in (None, "diff"):
        _add_diff_settings(d)
    _add_parse_options(d)

    t = sub.add_parser("timeline", parents=[common],
                       help="statuses per sub-goal and action per year",
                       description="Follow the sub-goals of one plan period's yearly plans, and "
                       "the actions with a status of their own: statuses per year (a renumbered "
                       "sub-goal stays on one row; an action is followed as the diff pairs it).")
    t.add_argument("files", nargs="+", metavar="DECK_OR_PLAN",
                   help="the yearly decks or plan JSON files, one per year, in any order")
    t.add_argument("--format", "-f", choices=TIMELINE_FORMATS, default="json",
                   help="json (default), csv or md (a table per main goal, each deck's own "
                   "status words)")
    t.add_argument("-o", "--output", metavar="OUT", type=Path, help="write to this file")
    _add_parse_options(t)

    r = sub.add_parser("report", parents=[common], help="an HTML report of a plan period",
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
        _add_diff_settings(r)
    _add_parse_options(r)

    pr = sub.add_parser("profile", parents=[common], help="write a starting profile for a deck",
                        description="Write a starting profile (docs/profiles.md) for a deck in "
                        "another county's wording: its goal heading, column names, legend words "
                        "and unknown actors, to check and fill in.")
    pr.add_argument("--suggest", metavar="DECK", required=True,
                    help="the deck (PDF or PPTX) to suggest a profile for")
    pr.add_argument("-o", "--output", metavar="OUT", type=Path, help="write to this file")
    _add_parse_options(pr)

    la = sub.add_parser("layout", parents=[common],
                        help="print the layout the parser reads, as JSON",
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
    la.add_argument("-o", "--output", metavar="OUT", type=Path, help="write to this file")
    _add_parse_options(la, strict=False)

    s = sub.add_parser(
        "schema", parents=[common],
        help="print the JSON Schema of a plan, a diff or a profile file",
    )
    s.add_argument("which", choices=("plan", "diff", "profile"))
    return parser


def _options(args: argparse.Namespace) -> ParseOptions:
    from lnhs_parse.settings import Limits, ParseOptions

    if args.actors is not None:
        # A bad --actors file is a usage error of the whole run: reported once, before any parse,
        # also when the inputs are plan JSON files (which don't read it) or a batch.
        from lnhs_parse.normalise.actors import ActorRegistry

        ActorRegistry.load(args.actors)
    if args.profile:
        from lnhs_parse.normalise.profile import load_profiles

        load_profiles(args.profile)  # likewise: a bad profile fails once, up front
    timeout = getattr(args, "timeout", 300.0)
    max_memory_mb = getattr(args, "max_memory_mb", 4096.0)
    if timeout < 0 or max_memory_mb < 0:
        raise ConfigError("usage: --timeout and --max-memory-mb take a number of at least 0 "
                          "(0: no limit)")
    limits = Limits(
        max_file_mb=args.max_file_mb,
        max_pages=args.max_pages,
        max_inflated_mb=args.max_inflated_mb,
        max_part_mb=args.max_part_mb,
        max_page_objects=args.max_page_objects,
    )
    return ParseOptions(
        password=args.password,
        actors=args.actors,
        limits=limits,
        debug_dir=getattr(args, "debug_dir", None),
        profile=tuple(args.profile),
        engine=args.engine,
        isolate=args.isolate,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
    )


# --- the commands ---------------------------------------------------------------------------------


def _load_checked(path: str, options: ParseOptions, args: argparse.Namespace) -> Plan:
    """Load one input, print its warnings, apply --strict."""
    from lnhs_parse import load
    from lnhs_parse.logs import reading

    with reading(path):
        plan = load(path, options=options)
    report(warning_lines(plan, path), args.quiet)
    check_strict(plan, path, args.strict)
    return plan


def _cmd_parse(args: argparse.Namespace) -> int:
    if len(args.files) > 1 or args.out is not None or args.jsonl or Path(args.files[0]).is_dir():
        from lnhs_parse.batch import run_batch

        if args.out is None and not args.jsonl:
            raise ConfigError("usage: several files or a folder need --out DIR or --jsonl")
        import gc

        gc.enable()  # a batch runs long, in workers forked from this process (`run`)
        return run_batch(args, _options(args))
    check_output_file(args.output)
    plan = _load_checked(args.files[0], _options(args), args)
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
    if options.isolate:
        raise ConfigError("usage: --isolate parses decks in a worker process; profile --suggest "
                          "reads its deck's layout in this one")
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
