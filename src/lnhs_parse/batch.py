"""Batch parsing: many decks, folders of decks, in parallel processes.

`lnhs-parse FILE_OR_DIR... --out DIR [--jobs N]` writes one plan per deck; `--jsonl` streams one
plan per line to stdout instead. A bad file is reported and skipped: the good files' output is
complete, and the exit code (the highest of the failures' codes) says that something failed. Each
deck is parsed in a worker process so one pathological file can't take the others' memory with it.
Warning lines, rendering and writing are `output.py`'s, as for one deck.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
from collections.abc import Generator, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lnhs_parse.errors import ConfigError, FileMissingError, LnhsParseError, one_line, printable
from lnhs_parse.output import (
    PROG,
    check_strict,
    render_plan,
    report,
    warning_lines,
    write_file,
    write_stdout,
)
from lnhs_parse.settings import ParseOptions

DECK_SUFFIXES = (".pdf", ".pptx")


@dataclass(frozen=True)
class Outcome:
    """What parsing one input gave: a rendered plan, or an error line and exit code; and the
    warning lines for stderr either way."""

    path: str
    payload: str | bytes | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    exit_code: int = 0


def expand_inputs(items: Iterable[str],
                  skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Files as given, folders searched recursively for decks, in a stable order.

    A file in a folder is taken when one file alone would be, by its content whatever its name
    (.pptm, .ppsx, .potx are decks too); the others are appended to `skipped` with the reason.
    """
    from lnhs_parse.extract import not_a_deck

    found: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            for c in sorted((c for c in p.rglob("*") if c.is_file()), key=lambda c: str(c).lower()):
                reason = None if c.suffix.lower() in DECK_SUFFIXES else not_a_deck(c)
                if reason is None:
                    found.append(c)
                elif skipped is not None:
                    skipped.append((c, reason))
        else:
            found.append(p)  # a missing file is reported as a failure of its own, not a usage error
    return found


def output_names(paths: list[Path], fmt: str) -> list[str]:
    """One distinct output file name per input.

    The deck's full name is kept (`deck.pdf.json`, `deck.pptx.json`), so the PDF and PPTX of one
    deck both keep their plan; equal names from different folders get `-2`, `-3`, ... (compared
    without case, for file systems that ignore it).
    """
    taken: set[str] = set()
    names = []
    for path in paths:
        base = f"{path.name}.{fmt}"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{path.name}-{n}.{fmt}"
        taken.add(name.lower())
        names.append(name)
    return names


Job = tuple[str, ParseOptions, str, bool, bool]  # path, options, format, compact, strict


def _parse_one(job: Job) -> Outcome:
    """Worker: parse one file and render it; never raises."""
    path, options, fmt, compact, strict = job
    warnings: tuple[str, ...] = ()
    try:
        from lnhs_parse import load
        from lnhs_parse.logs import reading

        with reading(path):
            plan = load(path, options=options)
        warnings = tuple(warning_lines(plan, path))
        check_strict(plan, path, strict)
        return Outcome(path, payload=render_plan(plan, fmt, compact=compact), warnings=warnings)
    except LnhsParseError as exc:
        error = str(exc) if exc.path else f"{printable(path)}: {exc}"
        return Outcome(path, warnings=warnings, error=error, exit_code=exc.exit_code)
    except Exception as exc:  # a worker must report, not die: the batch goes on
        return Outcome(path, warnings=warnings, exit_code=1,
                       error=f"{printable(path)}: internal error: {type(exc).__name__}: "
                       f"{one_line(str(exc), 120)}")


def _results(jobs: list[Job], workers: int) -> Generator[Outcome, None, None]:
    """Outcomes in input order, produced in parallel when there is more than one worker.

    Closing the iterator early (an error or Ctrl-C in the caller) cancels the jobs not started.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_parse_one, jobs)
        return
    # fork is cheap and safe here (no threads yet); elsewhere the platform default.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
    try:
        yield from pool.map(_parse_one, jobs, chunksize=1)
    finally:
        pool.shutdown(cancel_futures=True)


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.enabled = sys.stderr.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} {label[-40:]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def run_batch(args: argparse.Namespace, options: ParseOptions) -> int:
    """The batch command; returns the exit code."""
    skipped: list[tuple[Path, str]] = []
    paths = expand_inputs(args.files, skipped)
    if not args.quiet:
        for path, reason in skipped:
            print(f"{PROG}: {printable(str(path))}: skipped: {reason}", file=sys.stderr)
    if not paths:
        raise FileMissingError("no PDF or PPTX decks found", path=", ".join(args.files))
    if args.out is not None and args.jsonl:
        raise ConfigError("usage: --out and --jsonl exclude each other")
    if args.jsonl and args.format != "json":
        raise ConfigError("usage: --jsonl writes JSON plans; leave out --format")
    if args.output is not None:
        raise ConfigError("usage: -o names one output file; for several decks use --out DIR")
    if args.debug_dir is not None:
        raise ConfigError("usage: --debug-dir works on one deck at a time")
    workers = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise ConfigError("usage: --jobs must be at least 1")
    if args.out is not None:
        _make_out_dir(args.out)
    names = output_names(paths, args.format)
    jobs = [(str(p), options, args.format, bool(args.jsonl), bool(args.strict)) for p in paths]
    progress = _Progress(len(jobs))
    failures: list[Outcome] = []
    with contextlib.closing(_results(jobs, workers)) as outcomes:
        for outcome, name in zip(outcomes, names, strict=True):
            progress.step(Path(outcome.path).name)
            report(outcome.warnings, args.quiet)
            if outcome.payload is None:
                failures.append(outcome)
            elif args.jsonl:
                write_stdout(outcome.payload)
            else:
                write_file(args.out / name, outcome.payload)
    progress.close()
    parsed = len(jobs) - len(failures)
    if failures:
        print(f"{PROG}: {parsed} of {len(jobs)} parsed, {len(failures)} failed:", file=sys.stderr)
        for f in failures:
            print(f"{PROG}: {f.error}", file=sys.stderr)
        return max(f.exit_code for f in failures)
    if not args.quiet:
        where = f" into {args.out}" if args.out is not None else ""
        also = f", {len(skipped)} other file(s) skipped" if skipped else ""
        print(f"{PROG}: {parsed} of {len(jobs)} parsed{where}{also}", file=sys.stderr)
    return 0


def _make_out_dir(out: Path) -> None:
    """--out is a folder, made when missing; anything else is a usage error before any parse."""
    if out.exists() and not out.is_dir():
        raise ConfigError("--out names a file, not a folder", path=str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"--out: can't make the folder: {exc.strerror or exc}",
                          path=str(out)) from exc
