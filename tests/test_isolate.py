"""`parse(..., isolate=True)` (issue 23): the parse runs in a worker process, so a crash, the
timeout or the memory cap raises a typed error in the caller instead of killing it (a notebook's
kernel, a server); the plan and every other error are those of a parse in the caller's process.
Workers are reused, from parse to parse and in a batch, and replaced only after a crash, a
timeout or the memory cap (`lnhs_parse.workers`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

import crashers
import hostile
import lnhs_parse
from lnhs_parse import workers
from lnhs_parse.errors import (
    EncryptedFileError,
    LimitExceededError,
    MemoryLimitError,
    ParseTimeoutError,
    StrictModeError,
    UnreadableFileError,
    WorkerCrashedError,
)
from lnhs_parse.settings import ParseOptions
from support import FIXTURES

DECK = FIXTURES / "kymenlaakso-2023.pdf"
posix_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals")


def _worker_pids() -> set[int]:
    with workers._IDLE_LOCK:
        return {w.process.pid for w in workers._IDLE}


def test_an_isolated_parse_gives_the_plan_of_a_parse_here() -> None:
    for path in (DECK, DECK.with_suffix(".pptx")):
        assert lnhs_parse.parse(path, isolate=True) == lnhs_parse.parse(path)


def test_a_reply_larger_than_a_pipe_holds_comes_back_whole() -> None:
    """A plan's pickle may be larger than a pipe's buffer (64 KB): read in parts, it comes back
    whole (the fuzz campaign met a 71 KB plan that didn't)."""
    assert workers.run_isolated("-", 60, 0, bytes, 1_000_000) == bytes(1_000_000)
    many = workers.run_isolated("-", 60, 0, list, range(200_000))
    assert many == list(range(200_000))


def test_the_parse_runs_in_another_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug planted in this process doesn't reach the worker (a fresh interpreter)."""
    from lnhs_parse.extract.pdf import lines

    def planted(*args: object) -> None:
        raise RuntimeError("planted")

    monkeypatch.setattr(lines, "make_line", planted)
    with pytest.raises(RuntimeError, match="planted"):
        lnhs_parse.parse(DECK)
    assert lnhs_parse.parse(DECK, isolate=True).goals
    assert workers.run_isolated("-", 60, 0, crashers.pid) != os.getpid()


def test_errors_come_back_as_they_are(tmp_path: Path) -> None:
    path = hostile.encrypted_pdf(tmp_path / "salattu.pdf", "salasana")
    with pytest.raises(EncryptedFileError) as here:
        lnhs_parse.parse(path)
    with pytest.raises(EncryptedFileError) as there:
        lnhs_parse.parse(path, isolate=True)
    assert (there.value.message, there.value.path, there.value.exit_code) == (
        here.value.message, here.value.path, here.value.exit_code)
    with pytest.raises(StrictModeError) as strict:  # the deck has warnings: the plan comes along
        lnhs_parse.parse(DECK, options=ParseOptions(isolate=True, strict=True))
    assert strict.value.plan is not None and strict.value.plan.warnings
    # an internal error stays one (not a typed error), the worker's traceback in a note
    with pytest.raises(ZeroDivisionError) as internal:
        workers.run_isolated("-", 60, 0, divmod, 1, 0)
    assert any("in the worker process" in note for note in internal.value.__notes__)


@posix_only
def test_a_worker_killed_by_sigsegv_is_a_typed_error() -> None:
    """A real segmentation fault in the worker (what a crash of pdfium on a hostile file is)."""
    with pytest.raises(WorkerCrashedError) as info:
        workers.run_isolated("vihamielinen.pdf", 60, 0, crashers.segfault)
    assert str(info.value) == "vihamielinen.pdf: the worker parsing it was killed by SIGSEGV"
    assert isinstance(info.value, UnreadableFileError) and info.value.exit_code == 3
    with pytest.raises(WorkerCrashedError, match="stopped with exit status 7"):
        workers.run_isolated("x.pdf", 60, 0, crashers.exit_status, 7)
    assert lnhs_parse.parse(DECK, isolate=True).goals  # the next parse gets a new worker


def _slow_pdf(tmp_path: Path) -> Path:
    return hostile.many_objects_pdf(tmp_path / "raskas.pdf", count=200_000)


@posix_only
def test_a_worker_killed_by_sigsegv_mid_parse_raises_in_the_caller(tmp_path: Path) -> None:
    """`parse(path, isolate=True)` while the worker parsing it is killed by SIGSEGV."""
    path = _slow_pdf(tmp_path)
    result: list[BaseException | object] = []

    def parse() -> None:
        try:
            result.append(lnhs_parse.parse(path, isolate=True, limits=lnhs_parse.Limits(
                max_page_objects=1_000_000)))
        except BaseException as exc:  # what the test looks at
            result.append(exc)

    thread = threading.Thread(target=parse)
    thread.start()
    for _ in range(400):
        busy = workers.busy_pids()
        if busy:
            break
        time.sleep(0.025)
    (pid,) = busy
    time.sleep(0.1)  # inside the parse of 200,000 objects (which takes seconds)
    os.kill(pid, signal.SIGSEGV)
    thread.join(60)
    (error,) = result
    assert isinstance(error, WorkerCrashedError)
    assert error.message == "the worker parsing it was killed by SIGSEGV"
    assert error.path == str(path)
    assert workers.busy_pids() == set() and pid not in _worker_pids()


def test_a_parse_over_the_timeout_is_stopped(tmp_path: Path) -> None:
    path = _slow_pdf(tmp_path)
    start = time.monotonic()
    with pytest.raises(ParseTimeoutError) as info:
        lnhs_parse.parse(path, options=ParseOptions(isolate=True, timeout=0.5))
    assert time.monotonic() - start < 30
    assert info.value.message == "still parsing after 0.5 s (timeout); stopped"
    assert isinstance(info.value, LimitExceededError) and info.value.exit_code == 3


@pytest.mark.skipif(not hasattr(os, "sysconf") or sys.platform != "linux",
                    reason="RLIMIT_AS caps the address space on Linux")
def test_a_job_over_the_memory_cap_is_a_typed_error() -> None:
    with pytest.raises(MemoryLimitError) as info:
        workers.run_isolated("iso.pdf", 60, 1024, crashers.allocate, 4096)
    assert info.value.message == ("ran out of memory (the worker is capped at 1024 MB: "
                                  "max_memory_mb)")
    assert workers.run_isolated("pieni.pdf", 60, 1024, crashers.allocate, 8) == 8 << 20


def test_workers_are_reused_and_replaced_only_after_a_failure() -> None:
    workers._close_idle()
    first = workers.run_isolated("-", 60, 0, crashers.pid)
    assert workers.run_isolated("-", 60, 0, crashers.pid) == first  # the same process again
    assert _worker_pids() == {first}
    with pytest.raises(ParseTimeoutError):
        workers.run_isolated("-", 0.2, 0, time.sleep, 30)
    assert _worker_pids() == set()  # the stopped one is gone, none is left running
    second = workers.run_isolated("-", 60, 0, crashers.pid)
    assert second != first


def test_isolated_parses_from_several_threads() -> None:
    want = lnhs_parse.parse(DECK)
    got: list[object] = []

    def run() -> None:
        got.append(lnhs_parse.parse(DECK, isolate=True))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert got == [want] * 3


def test_isolate_is_checked_and_refused_beside_options() -> None:
    from lnhs_parse.errors import ConfigError, UsageError

    with pytest.raises(ConfigError, match="isolate must be True or False"):
        ParseOptions(isolate="yes")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="timeout"):
        ParseOptions(timeout=-1)
    with pytest.raises(UsageError, match="isolate"):
        lnhs_parse.parse(DECK, options=ParseOptions(), isolate=True)


def test_the_command_isolates_one_deck(capsys: pytest.CaptureFixture[str]) -> None:
    from lnhs_parse import cli

    assert cli.main([str(DECK), "-q"]) == 0
    here = capsys.readouterr().out
    assert cli.main([str(DECK), "-q", "--isolate"]) == 0
    assert capsys.readouterr().out == here
    assert cli.main([str(FIXTURES / "README.md"), "--isolate"]) == 3
    assert "not a PDF or PPTX" in capsys.readouterr().err


def test_a_worker_s_library_log_records_come_back_to_the_caller(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """pdfminer's warnings about a damaged file, logged in the worker, reach the caller's loggers
    (where the command line routes them: nowhere by default, one prefixed line each under
    --debug) and never the worker's stderr as bare lines."""
    import logging

    from lnhs_parse.library_logs import MAX_FORWARDED

    got: list[tuple[str, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            got.append((record.name, record.getMessage()))

    logger = logging.getLogger("pdfminer")
    saved = (logger.handlers, logger.propagate, logger.level)
    logger.handlers, logger.propagate, logger.level = [Keep()], False, logging.INFO
    try:
        capfd.readouterr()
        assert workers.run_isolated("-", 60, 0, crashers.complain, 3) == 3
        assert got == [("pdfminer.pdfdevice", f"Cannot render string {i}") for i in range(3)]
        got.clear()
        # a flood is cut short, and says so
        assert workers.run_isolated("-", 60, 0, crashers.complain, MAX_FORWARDED + 50) > 0
        assert len(got) == MAX_FORWARDED + 1 and got[-1][1] == "50 more records like these left out"
        # silenced in the caller: nothing anywhere
        got.clear()
        logger.setLevel(logging.CRITICAL + 1)
        assert workers.run_isolated("-", 60, 0, crashers.complain, 3) == 3
        assert got == []
        assert "Cannot render" not in capfd.readouterr().err
    finally:
        logger.handlers, logger.propagate, logger.level = saved
