"""Batch parsing: many decks, folders of decks, in parallel processes.

`lnhs-parse FILE_OR_DIR... --out DIR [--jobs N]` writes one plan per deck; `--jsonl` streams one
plan per line to stdout instead. A bad file is reported and skipped: the good files' output is
complete, and the exit code (the highest of the failures' codes) says that something failed.

Each deck is parsed in a worker process of its own (at most `--jobs` at a time), so one pathological
file can't take the others with it: a worker that dies (killed by a signal, by the kernel's
out-of-memory killer) fails its file only; a file still parsing after `--timeout` seconds has its
worker killed and fails; `--max-memory-mb` caps each worker's address space where the platform has
`resource.RLIMIT_AS`. Those failures exit 3, as a file over any other limit. Warning lines,
rendering and writing are `output.py`'s, as for one deck.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:  # ForkContext exists only where fork does
    from multiprocessing.context import DefaultContext, ForkContext

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


# what a failed allocation looks like when it surfaces as another error: a shared library that
# can't be mapped, an OS call refused with ENOMEM
_NO_MEMORY_SIGNS = ("failed to map segment", "Cannot allocate memory")


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
    except MemoryError:
        return _out_of_memory(path, warnings)
    except Exception as exc:  # a worker must report, not die: the batch goes on
        if any(sign in str(exc) for sign in _NO_MEMORY_SIGNS):
            return _out_of_memory(path, warnings)
        return Outcome(path, warnings=warnings, exit_code=1,
                       error=f"{printable(path)}: internal error: {type(exc).__name__}: "
                       f"{one_line(str(exc), 120)}")


def _out_of_memory(path: str, warnings: tuple[str, ...] = ()) -> Outcome:
    return Outcome(path, warnings=warnings, exit_code=3,
                   error=f"{printable(path)}: ran out of memory (each worker is capped by "
                   "--max-memory-mb)")




def _cap_memory(max_memory_mb: float) -> None:
    """Cap this process's address space (RLIMIT_AS) where the platform has one; 0: no cap."""
    if max_memory_mb <= 0:
        return
    try:
        import resource
    except ImportError:  # Windows: no address-space limit to set
        return
    limit = int(max_memory_mb * 1024 * 1024)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker(job: Job, conn: Connection, max_memory_mb: float) -> None:
    """A worker process: parse one file and send its outcome. Ctrl-C is the parent's to handle
    (it ends the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _cap_memory(max_memory_mb)
    try:
        outcome = _parse_one(job)
    except MemoryError:  # while reporting another error
        outcome = _out_of_memory(job[0])
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(_out_of_memory(outcome.path))
    conn.close()


def _died(path: str, exitcode: int | None) -> Outcome:
    """The outcome of a file whose worker ended without reporting."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
        if -exitcode == getattr(signal, "SIGKILL", None):
            how += " (out of memory?)"
    else:
        how = f"stopped with exit status {exitcode}"
    return Outcome(path, exit_code=3,
                   error=f"{printable(path)}: the worker parsing it {how}; the other files go on")


@dataclass
class _Running:
    process: BaseProcess
    conn: Connection
    started: float


def _results(jobs: list[Job], workers: int, timeout: float = DEFAULT_TIMEOUT,
             max_memory_mb: float = DEFAULT_MAX_MEMORY_MB) -> Generator[Outcome, None, None]:
    """Outcomes in input order; each file parsed in a worker process of its own, at most `workers`
    at a time. A worker that dies fails its file; one still running after `timeout` seconds (0: no
    limit) is killed and fails its file; the other files go on.

    Closing the iterator early (an error or Ctrl-C in the caller) kills the running workers.
    """
    # fork is cheap and safe here (no threads yet); elsewhere the platform default.
    ctx: ForkContext | DefaultContext = (
        multiprocessing.get_context("fork")
        if "fork" in multiprocessing.get_all_start_methods()
        else multiprocessing.get_context()
    )
    pending = deque(enumerate(jobs))
    running: dict[int, _Running] = {}
    done: dict[int, Outcome] = {}
    next_out = 0
    try:
        while next_out < len(jobs):
            while pending and len(running) < max(workers, 1):
                i, job = pending.popleft()
                receiver, sender = ctx.Pipe(duplex=False)
                process = ctx.Process(target=_worker, args=(job, sender, max_memory_mb),
                                      daemon=True)
                process.start()
                sender.close()  # the worker holds the only write end: its death reads as EOF
                running[i] = _Running(process, receiver, time.monotonic())
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not running:
                continue
            wait_for = None
            if timeout > 0:
                first_end = min(r.started for r in running.values()) + timeout
                wait_for = max(0.0, first_end - time.monotonic())
            ready = set(wait([r.conn for r in running.values()], timeout=wait_for))
            now = time.monotonic()
            for i, r in list(running.items()):
                path = jobs[i][0]
                if r.conn in ready:
                    try:
                        done[i] = r.conn.recv()
                    except (EOFError, OSError):  # died before it reported
                        r.process.join()
                        done[i] = _died(path, r.process.exitcode)
                    _end(r)
                elif timeout > 0 and now - r.started >= timeout:
                    done[i] = Outcome(path, exit_code=3, error=f"{printable(path)}: still parsing "
                                      f"after {timeout:g} s (--timeout); stopped")
                    _end(r, kill=True)
                else:
                    continue
                del running[i]
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for r in running.values():
            _end(r, kill=True)


def _end(r: _Running, *, kill: bool = False) -> None:
    """Close a worker's pipe and make sure its process is gone: killed at once with `kill` (timed
    out, or the batch is stopping), else given a moment to exit after reporting."""
    r.conn.close()
    if not kill:
        r.process.join(timeout=5)
    if r.process.is_alive():
        r.process.kill()
    r.process.join()


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
    timeout = getattr(args, "timeout", DEFAULT_TIMEOUT)
    max_memory_mb = getattr(args, "max_memory_mb", DEFAULT_MAX_MEMORY_MB)
    if timeout < 0 or max_memory_mb < 0:
        raise ConfigError("usage: --timeout and --max-memory-mb take a number of at least 0 "
                          "(0: no limit)")
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
