"""Batch parsing: many decks, folders of decks, in parallel processes.

`lnhs-parse FILE_OR_DIR... --out DIR [--jobs N]` writes one plan per deck; `--jsonl` streams one
plan per line to stdout instead. A bad file is reported and skipped: the good files' output is
complete, and the exit code (the highest of the failures' codes) says that something failed.

Decks are parsed in worker processes (`workers.Worker`, at most `--jobs` at a time), so one
pathological file can't take the others with it: a worker that dies (killed by a signal, by the
kernel's out-of-memory killer) fails its file only; a file still parsing after `--timeout` seconds
has its worker killed and fails; `--max-memory-mb` caps each worker's address space where the
platform has `resource.RLIMIT_AS`. Those failures exit 3, as a file over any other limit. A worker
parses file after file: a new one is started only after a crash, a timeout or the memory cap.
Warning lines, rendering and writing are `output.py`'s, as for one deck.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Generator, Iterable
from dataclasses import dataclass, replace
from multiprocessing.connection import wait
from pathlib import Path

from lnhs_parse.errors import ConfigError, FileMissingError, LnhsParseError, one_line, printable
from lnhs_parse.output import (
    PROG,
    check_strict,
    read_plan,
    render_plan,
    report,
    warning_lines,
    write_file,
    write_stdout,
)
from lnhs_parse.settings import ParseOptions
from lnhs_parse.workers import NO_MEMORY_SIGNS, Worker, fork_context, how_it_died

DECK_SUFFIXES = (".pdf", ".pptx")
DEFAULT_TIMEOUT = 300.0  # seconds one file may take in a batch (0: no limit)
DEFAULT_MAX_MEMORY_MB = 4096.0  # address space of one batch worker (0: no cap)


@dataclass(frozen=True)
class Outcome:
    """What parsing one input gave: a rendered plan, or an error line and exit code; and the
    warning lines for stderr either way."""

    path: str
    payload: str | bytes | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    exit_code: int = 0
    out_of_memory: bool = False  # the worker ran into the memory cap: it is not reused


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
        from lnhs_parse.logs import reading

        with reading(path):
            plan = read_plan(path, options, fmt)
        warnings = tuple(warning_lines(plan, path))
        check_strict(plan, path, strict)
        return Outcome(path, payload=render_plan(plan, fmt, compact=compact), warnings=warnings)
    except LnhsParseError as exc:
        error = str(exc) if exc.path else f"{printable(path)}: {exc}"
        return Outcome(path, warnings=warnings, error=error, exit_code=exc.exit_code)
    except MemoryError:
        return _out_of_memory(path, warnings)
    except Exception as exc:  # a worker must report, not die: the batch goes on
        if any(sign in str(exc) for sign in NO_MEMORY_SIGNS):
            return _out_of_memory(path, warnings)
        return Outcome(path, warnings=warnings, exit_code=1,
                       error=f"{printable(path)}: internal error: {type(exc).__name__}: "
                       f"{one_line(str(exc), 120)}")


def _out_of_memory(path: str, warnings: tuple[str, ...] = ()) -> Outcome:
    return Outcome(path, warnings=warnings, exit_code=3, out_of_memory=True,
                   error=f"{printable(path)}: ran out of memory (each worker is capped by "
                   "--max-memory-mb)")




def _died(path: str, exitcode: int | None) -> Outcome:
    """The outcome of a file whose worker ended without reporting."""
    return Outcome(path, exit_code=3, error=f"{printable(path)}: the worker parsing it "
                   f"{how_it_died(exitcode)}; the other files go on")


def _results(jobs: list[Job], workers: int, timeout: float = DEFAULT_TIMEOUT,
             max_memory_mb: float = DEFAULT_MAX_MEMORY_MB) -> Generator[Outcome, None, None]:
    """Outcomes in input order; the files parsed by at most `workers` worker processes at a time,
    each worker reused from file to file. A worker that dies fails its file; one still running
    after `timeout` seconds (0: no limit) is killed and fails its file; a worker that ran into the
    memory cap is not reused; the other files go on, in new workers where needed.

    Closing the iterator early (an error or Ctrl-C in the caller) kills the running workers.
    """
    from lnhs_parse.library_logs import replay
    from lnhs_parse.logs import reading

    ctx = fork_context()  # fork is cheap and safe here (no threads yet)
    pending = deque(enumerate(jobs))
    idle: list[Worker] = []
    running: dict[int, Worker] = {}
    done: dict[int, Outcome] = {}
    next_out = 0
    try:
        while next_out < len(jobs):
            while pending and len(running) < max(workers, 1):
                i, job = pending.popleft()
                worker = idle.pop() if idle else Worker(ctx, max_memory_mb)
                worker.send(_parse_one, job)
                running[i] = worker
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not running:
                continue
            wait_for = None
            if timeout > 0:
                first_end = min(w.started for w in running.values()) + timeout
                wait_for = max(0.0, first_end - time.monotonic())
            ready = set(wait([w.conn for w in running.values()], timeout=wait_for))
            now = time.monotonic()
            for i, worker in list(running.items()):
                path = jobs[i][0]
                if worker.conn in ready:
                    try:
                        kind, value, records = worker.receive()
                    except EOFError:  # died before it reported
                        done[i] = _died(path, worker.exitcode())
                        worker.kill()
                    else:
                        with reading(path):
                            replay(records)
                        outcome = value if kind == "ok" else _failed(path, value)
                        done[i] = outcome
                        if outcome.out_of_memory:
                            worker.kill()
                        else:
                            idle.append(worker)
                elif timeout > 0 and now - worker.started >= timeout:
                    done[i] = Outcome(path, exit_code=3, error=f"{printable(path)}: still parsing "
                                      f"after {timeout:g} s (--timeout); stopped")
                    worker.kill()
                else:
                    continue
                del running[i]
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for worker in running.values():
            worker.kill()
        for worker in idle:
            worker.close()


def _failed(path: str, exc: BaseException) -> Outcome:
    """The outcome of a file whose worker raised instead of reporting an outcome (`_parse_one`
    never raises: only a failure while reporting, out of memory above all)."""
    if isinstance(exc, MemoryError) or any(sign in str(exc) for sign in NO_MEMORY_SIGNS):
        return _out_of_memory(path)
    return Outcome(path, exit_code=1, error=f"{printable(path)}: internal error: "
                   f"{type(exc).__name__}: {one_line(str(exc), 120)}")


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
    timeout, max_memory_mb = options.timeout, options.max_memory_mb  # checked by the CLI
    options = replace(options, isolate=False)  # each file is parsed in a worker already
    jobs = [(str(p), options, args.format, bool(args.jsonl), bool(args.strict)) for p in paths]
    progress = _Progress(len(jobs))
    failures: list[Outcome] = []
    with contextlib.closing(_results(jobs, workers, timeout, max_memory_mb)) as outcomes:
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
