"""lnhs_parse: Finnish children and youth welfare plan evaluation decks (PDF, PPTX) as typed data.

The whole public API is re-exported here:

    import lnhs_parse
    plan = lnhs_parse.parse("arviointi-2023.pdf")
    change = lnhs_parse.diff("arviointi-2022.pdf", "arviointi-2023.pptx")

The flow: file -> extract (layout) -> normalise -> Plan -> diff / export.

Every setting is in `lnhs_parse.settings` (docs/settings.md): `parse` takes `options=` (a
`ParseOptions`, a mapping of its fields, or None) or the common ones as keyword arguments; `load`,
`diff`, `timeline` and `report` take `options=`, and `diff` and `report` the diff's `settings=`
(a `DiffSettings`, a mapping, or None).

Importing the package is cheap: the model (`Plan`, `PlanDiff`, `Status`, `load_plan`,
`SCHEMA_VERSION`, which need pydantic) is imported on first use of one of those names, so that
`lnhs-parse --help` stays quick and the command can set up its process before the heavy imports
(`lnhs_parse.cli.run`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lnhs_parse.errors import (
    ConfigError,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    LimitExceededError,
    LnhsParseError,
    MemoryLimitError,
    NoEvaluationStructureError,
    NotAnEvaluationDeckError,
    ParseTimeoutError,
    ScannedDocumentError,
    SchemaVersionError,
    StrictModeError,
    UnreadableFileError,
    UnsupportedFormatError,
    UsageError,
    WorkerCrashedError,
)
from lnhs_parse.settings import (
    DiffSettings,
    Engine,
    LegendSettings,
    Limits,
    ParseOptions,
    SlideSettings,
)
from lnhs_parse.version import __version__ as __version__

if TYPE_CHECKING:
    import pandas

    from lnhs_parse import records
    from lnhs_parse.model import SCHEMA_VERSION, Plan, PlanDiff, Status, load_plan

_MODEL_NAMES = frozenset({"SCHEMA_VERSION", "Plan", "PlanDiff", "Status", "load_plan"})


def __getattr__(name: str) -> Any:
    """The model's names, imported on first use (PEP 562)."""
    if name in _MODEL_NAMES:
        from lnhs_parse import model

        value = getattr(model, name)
    else:
        raise AttributeError(f"module 'lnhs_parse' has no attribute {name!r}")
    globals()[name] = value  # later look-ups find it directly
    return value


def parse(
    path: str | Path,
    *,
    password: str | None = None,
    actors: str | Path | None = None,
    limits: Limits | Mapping[str, Any] | None = None,
    debug_dir: str | Path | None = None,
    strict: bool | None = None,
    profile: str | Path | Sequence[str | Path] | None = None,
    engine: Engine | None = None,
    isolate: bool | None = None,
    options: ParseOptions | Mapping[str, Any] | None = None,
) -> Plan:
    """Parse one evaluation deck (PDF or PPTX, recognised by content) into a `Plan`.

    `actors` names a TOML file that extends or overrides the packaged actor registry; `profile`
    one or more profiles (docs/profiles.md) that extend the packaged vocabulary; `engine` the PDF
    engine ("pdfium", the default, or "pdfplumber", the reference: the plans are the same);
    `limits` the resource limits (a `Limits` or a mapping of its fields). With `strict=True`, a
    parse that produced warnings raises `StrictModeError` (the plan is on the exception as
    `.plan`). Everything can be given at once as `options` instead: a `ParseOptions` (which also
    holds the slide and legend settings and the worker's timeout and memory cap) or a mapping of
    its fields (docs/settings.md); `options` together with any of the other keyword arguments
    raises `UsageError`, as one of them would be ignored. A bad setting raises `ConfigError`.

    With `isolate=True` the parse runs in a worker process (reused from one isolated parse to the
    next): a crash of a C library (pdfium) on a hostile file, a parse still running after
    `ParseOptions.timeout` seconds (300) or one over `ParseOptions.max_memory_mb` (4096) raises
    `WorkerCrashedError`, `ParseTimeoutError` or `MemoryLimitError` here instead of taking this
    process (a notebook's kernel, a server) with it; any other error is raised as without it.
    For files from an untrusted source (docs/limits.md).
    """
    given = {"password": password, "actors": actors, "limits": limits, "debug_dir": debug_dir,
             "strict": strict, "profile": profile, "engine": engine, "isolate": isolate}
    if options is None:
        options = ParseOptions.resolve({k: v for k, v in given.items() if v is not None})
    elif clash := [name for name, value in given.items() if value is not None]:
        raise UsageError(
            f"parse() takes options= or the keyword arguments, not both: {', '.join(clash)} "
            "given with options= (set them in the ParseOptions)"
        )
    else:
        options = ParseOptions.resolve(options)
    if options.profile:  # a bad profile fails before any file is opened
        from lnhs_parse.normalise.profile import load_profiles

        load_profiles(options.profile)
    if options.isolate:
        from lnhs_parse.workers import run_isolated

        isolated: Plan = run_isolated(str(path), options.timeout, options.max_memory_mb,
                                      _parse_isolated, str(path), options)
        return isolated
    from lnhs_parse.records import to_model

    plan = to_model(parse_record(path, options))
    if options.strict and plan.warnings:
        error = StrictModeError(
            f"{len(plan.warnings)} warning(s) and strict mode: first: {plan.warnings[0].message}",
            path=str(path),
        )
        error.plan = plan
        raise error
    return plan


def parse_record(path: str | Path, options: ParseOptions) -> records.Plan:
    """A deck's plan as plain records (`lnhs_parse.records`), not validated into the models: what
    `parse` validates, and what the command writes as JSON without importing pydantic. No
    isolation, no strict check."""
    from lnhs_parse.extract import extract
    from lnhs_parse.normalise import normalise

    return normalise(extract(path, options), options)


def _parse_isolated(path: str, options: ParseOptions) -> Plan:
    """An isolated parse as its worker process runs it (`lnhs_parse.workers`)."""
    from dataclasses import replace

    return parse(path, options=replace(options, isolate=False))


def load(
    source: Plan | str | Path, *, options: ParseOptions | Mapping[str, Any] | None = None
) -> Plan:
    """A `Plan` from a plan, a plan JSON file or a deck (PDF or PPTX), the deck parsed with
    `options` (`parse`'s: a `ParseOptions`, a mapping of its fields, or None), checked first."""
    from lnhs_parse.model import Plan, load_plan

    options = ParseOptions.resolve(options)
    if isinstance(source, Plan):
        return source
    p = Path(source)
    if is_plan_json(p):
        return load_plan(p)
    return parse(p, options=options)


def is_plan_json(path: Path) -> bool:
    """True when `path` looks like a JSON file (by its first non-blank byte), not a deck."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"{")


def diff(
    old: Plan | str | Path,
    new: Plan | str | Path,
    *,
    settings: DiffSettings | Mapping[str, Any] | None = None,
    options: ParseOptions | Mapping[str, Any] | None = None,
) -> PlanDiff:
    """Compare two years' plans; each may be a `Plan`, a plan JSON file or a deck.

    `settings` (a `DiffSettings`, a mapping of its fields, or None) sets the thresholds of the
    alignment (docs/diff.md); `options` (`parse`'s: a `ParseOptions`, a mapping, or None) how
    decks are parsed (docs/settings.md).
    """
    from lnhs_parse.compare import diff_plans

    settings, options = DiffSettings.resolve(settings), ParseOptions.resolve(options)
    return diff_plans(load(old, options=options), load(new, options=options), settings)


def timeline(
    plans: list[Plan | str | Path], *, options: ParseOptions | Mapping[str, Any] | None = None
) -> pandas.DataFrame:
    """Statuses per sub-goal per year, as a pandas DataFrame (needs the `notebook` extra); decks
    are parsed with `options` (`parse`'s: a `ParseOptions`, a mapping of its fields, or None)."""
    from lnhs_parse.notebook import timeline_frame

    options = ParseOptions.resolve(options)
    return timeline_frame([load(p, options=options) for p in plans])


def report(
    plans: Sequence[Plan | str | Path] | Plan | str | Path,
    *,
    force: bool = False,
    settings: DiffSettings | Mapping[str, Any] | None = None,
    link_base: str | Path | None = None,
    options: ParseOptions | Mapping[str, Any] | None = None,
) -> str:
    """The HTML report of one plan period's yearly plans (`Plan`s, plan JSON files or decks, mixed):
    one self-contained file with the status matrix, the changes between consecutive years, the
    highlights and each actor's statements, every statement linked to its deck and page.

    Plans of different regions, or two of one year, raise `ConfigError` unless `force=True`.
    Source links are relative to `link_base`, the folder the report will be saved in (None: the
    paths as the plans give them). `settings` are the diff's (a `DiffSettings`, a mapping of its
    fields, or None); `options` `parse`'s, for decks (a `ParseOptions`, a mapping, or None).
    docs/report.md describes the report.
    """
    from lnhs_parse.html_report import report_html
    from lnhs_parse.model import Plan

    settings, options = DiffSettings.resolve(settings), ParseOptions.resolve(options)
    items = [plans] if isinstance(plans, Plan | str | Path) else list(plans)
    loaded = [load(p, options=options) for p in items]
    names = [p.source.path if isinstance(p, Plan) else str(p) for p in items]
    return report_html(loaded, force=force, settings=settings, link_base=link_base, names=names)


__all__ = [
    "SCHEMA_VERSION",
    "ConfigError",
    "CorruptFileError",
    "DiffSettings",
    "EmptyFileError",
    "EncryptedFileError",
    "FileMissingError",
    "LegendSettings",
    "LimitExceededError",
    "Limits",
    "LnhsParseError",
    "MemoryLimitError",
    "NoEvaluationStructureError",
    "NotAnEvaluationDeckError",
    "ParseOptions",
    "ParseTimeoutError",
    "Plan",
    "PlanDiff",
    "ScannedDocumentError",
    "SchemaVersionError",
    "SlideSettings",
    "Status",
    "StrictModeError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "UsageError",
    "WorkerCrashedError",
    "diff",
    "load",
    "load_plan",
    "parse",
    "report",
    "timeline",
]
