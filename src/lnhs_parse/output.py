"""What the command line reads and writes, shared by one deck (`cli.py`) and a batch (`batch.py`).

Reading one input (`read_plan`), warning lines for stderr, the --strict check, rendering a plan,
and writing results whole or not at all: to a file through a `.part` renamed when complete
(`write_file`), or to stdout at once (`write_stdout`). An output that can't be written is a usage
error (`ConfigError`, exit 2), one line. So one deck reads, fails and is written the same alone
and in a batch.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from lnhs_parse.errors import ConfigError, StrictModeError, one_line, printable

if TYPE_CHECKING:
    from lnhs_parse import records
    from lnhs_parse.model import Plan
    from lnhs_parse.settings import ParseOptions

PROG = "lnhs-parse"

def read_plan(path: str, options: ParseOptions, fmt: str) -> Plan | records.Plan:
    """One input of a command that writes plans: a plan JSON file or a deck.

    A deck whose plan is written as JSON, outside an isolated worker, is read into the plain
    records the parse builds (`lnhs_parse.parse_record`): written as JSON they give the text the
    validated model gives (tests/test_records.py checks it on every fixture deck), and the command
    imports no pydantic, which is most of a plain parse's start. Any other input or format is
    loaded as the validated model (`lnhs_parse.load`).
    """
    from lnhs_parse import is_plan_json, load, parse_record

    if fmt == "json" and not options.isolate and not is_plan_json(Path(path)):
        return parse_record(path, options)
    return load(path, options=options)


def warning_lines(plan: Plan | records.Plan, label: str) -> list[str]:
    """One stderr line per warning of `plan`, naming the input `label` as the user gave it."""
    return [
        f"{PROG}: {printable(label)}: warning [{w.code}]"
        f"{f' (page {w.page})' if w.page is not None else ''}: {one_line(w.message)}"
        for w in plan.warnings
    ]


def check_strict(plan: Plan | records.Plan, label: str, strict: bool) -> None:
    """Under --strict, a plan with warnings is an error (exit 5); decks and plan JSON alike."""
    if strict and plan.warnings:
        raise StrictModeError(f"{len(plan.warnings)} warning(s) under --strict", path=label)


def render_plan(plan: Plan | records.Plan, fmt: str, *, compact: bool = False) -> str | bytes:
    """The plan in `fmt`; `compact` JSON is one line (for --jsonl)."""
    from lnhs_parse import records

    if isinstance(plan, records.Plan):
        if fmt == "json":
            return records.to_json(plan, indent=None if compact else 2)
        plan = records.to_model(plan)
    if fmt == "json":
        return plan.to_json(indent=None if compact else 2)
    from lnhs_parse.export import render  # the writers (openpyxl...) only when asked for

    return render(plan, fmt)


def report(lines: Sequence[str], quiet: bool) -> None:
    """Warning lines to stderr, unless --quiet."""
    if not quiet:
        for line in lines:
            print(line, file=sys.stderr)


def _text(payload: str) -> str:
    """Text output ends in exactly the newline it has, or one added: stdout and files alike."""
    return payload if payload.endswith("\n") else payload + "\n"


def check_output_file(path: Path | None) -> None:
    """Refuse an -o that can't become a file before any time goes into parsing."""
    if path is None:
        return
    if path.is_dir():
        raise ConfigError("-o names a folder; give a file name (or --out DIR for a batch)",
                          path=str(path))
    if not path.parent.is_dir():
        raise ConfigError("can't write the output: no such folder", path=str(path))


def write_file(path: Path, payload: str | bytes) -> None:
    """Write `payload` to `path` whole or not at all.

    The bytes go to `path.part`, renamed over `path` when complete; on any failure (Ctrl-C included)
    the `.part` is removed. A file system error is a one-line `ConfigError` (exit 2): the output
    place the user named can't be written.
    """
    data = payload if isinstance(payload, bytes) else _text(payload).encode("utf-8")
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            reason = exc.strerror or type(exc).__name__
            raise ConfigError(f"can't write the output: {reason}", path=str(path)) from exc
        raise


def write_stdout(payload: str | bytes, stdout: IO[str] | None = None) -> None:
    """Print `payload` and flush, so a failing stdout (a full disk) is a one-line usage error here,
    not an error at exit; a closed pipe (`| head`) is left to the caller (`cli.main`)."""
    stdout = stdout or sys.stdout
    if isinstance(payload, bytes) and stdout.isatty():
        raise ConfigError("usage: a binary format needs -o OUT or a redirected stdout")
    try:
        if isinstance(payload, bytes):
            stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        else:
            stdout.write(_text(payload))
            stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        drop_stdout()
        reason = exc.strerror or exc
        raise ConfigError(f"can't write the output: {reason}", path="<stdout>") from exc


def emit(payload: str | bytes, output: Path | None, stdout: IO[str] | None = None) -> None:
    """Write the whole rendered result at once: to the file `output`, else to `stdout`."""
    if output is not None:
        write_file(output, payload)
    else:
        write_stdout(payload, stdout)


def drop_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit doesn't fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
