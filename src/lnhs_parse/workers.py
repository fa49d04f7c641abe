"""Worker processes: a parse that can't take its caller down, in a process of its own.

A `Worker` is one process that runs job after job (a function and its arguments, sent over a pipe)
and sends back each result, or the exception the job raised. It is started once and reused; only a
crash (the process dies without reporting: a signal, a crash in a C library, the kernel's
out-of-memory killer), a timeout (the caller kills it) or the memory cap (a `MemoryError` under
`RLIMIT_AS`) costs a worker, and the next job gets a new one. Two users:

- batch mode (`batch.py`): one worker per parallel job (`--jobs`), started with `fork` where the
  platform has it (the command's process has no threads then), each reused from file to file;
- `parse(..., isolate=True)` (`run_isolated`): an `IsolatedWorker` (a fresh interpreter, safe
  from a program with threads, in a notebook, from a script without a main guard) taken from this
  process's idle ones, or started; put back after the parse unless it failed. A crash, a timeout
  or the memory cap raises `WorkerCrashedError`, `ParseTimeoutError` or `MemoryLimitError` in the
  caller; every other error of the parse is raised as it is.

The memory cap is each worker's address space (`RLIMIT_AS`, where the platform has `resource`).
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any

from lnhs_parse.errors import MemoryLimitError, ParseTimeoutError, WorkerCrashedError
from lnhs_parse.library_logs import LogRecordData, capture_library_logs, replay

# what a failed allocation looks like when it surfaces as another error: a shared library that
# can't be mapped, an OS call refused with ENOMEM
NO_MEMORY_SIGNS = ("failed to map segment", "Cannot allocate memory")
_OK, _RAISED = "ok", "raised"
# what a job returned or raised, and the library log records it emitted (`logs.replay`)
Reply = tuple[str, Any, list[LogRecordData]]


def fork_context() -> BaseContext:
    """`fork` where the platform has it (cheap; for a process without threads), else the
    platform's default."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def cap_memory(max_memory_mb: float) -> None:
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


def out_of_memory(exc: BaseException) -> bool:
    """Whether an exception a job raised is an allocation the memory cap refused."""
    return isinstance(exc, MemoryError) or any(sign in str(exc) for sign in NO_MEMORY_SIGNS)


def _serve(conn: Connection, max_memory_mb: float) -> None:
    """A worker process started by multiprocessing (batch mode)."""
    serve(conn.recv, conn.send, max_memory_mb)


def serve(recv: Callable[[], Any], send: Callable[[Any], None], max_memory_mb: float) -> None:
    """A worker process's loop: run each job received and send back what it returned or raised,
    until the pipe closes or None comes. Ctrl-C is the parent's to handle (it ends the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    cap_memory(max_memory_mb)
    records = capture_library_logs()  # sent back with each reply, never printed here
    while True:
        try:
            job = recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        try:
            reply: Reply = (_OK, fn(*args), records.take())
        except BaseException as exc:  # the caller's to raise, whatever it is
            with contextlib.suppress(Exception):  # the worker's traceback, for --debug
                exc.add_note("in the worker process:\n" + "".join(
                    traceback.format_exception(exc)).rstrip())
            reply = (_RAISED, exc, records.take())
        del job, fn, args
        try:
            send(reply)
        except MemoryError:
            send((_RAISED, MemoryError(), []))
        except Exception as exc:  # what it returned or raised can't be pickled
            send((_RAISED, RuntimeError(f"the worker's result can't be sent back: "
                                        f"{type(exc).__name__}: {exc}"), reply[2]))
        del reply


class Worker:
    """One worker process (`_serve`), started at once; `send` a job, then wait on `conn` and
    `receive`. Close it when done; `kill` it when it must stop now."""

    def __init__(self, ctx: BaseContext, max_memory_mb: float) -> None:
        self.max_memory_mb = max_memory_mb
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_serve, args=(child, max_memory_mb), daemon=True)  # type: ignore[attr-defined]  # contexts have Process
        self.process.start()
        child.close()  # the worker holds the only other end: its death reads as EOF
        self.started = 0.0  # when the job now running was sent

    def send(self, fn: Callable[..., Any], *args: Any) -> None:
        self.conn.send((fn, args))
        self.started = time.monotonic()

    def receive(self) -> Reply:
        """The job's reply: (`"ok"`, its result) or (`"raised"`, its exception). `EOFError`
        when the worker died before it replied."""
        try:
            reply: Reply = self.conn.recv()
        except OSError as exc:
            raise EOFError(str(exc)) from exc
        return reply

    def exitcode(self) -> int | None:
        """The exit code of a worker that died (negative: the signal that killed it)."""
        self.process.join(timeout=5)
        code: int | None = self.process.exitcode
        return code

    def kill(self) -> None:
        """Stop the worker now (a job running in it is lost)."""
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def close(self) -> None:
        """Let an idle worker end, or stop it if it doesn't within a moment."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.conn.close()
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def how_it_died(exitcode: int | None) -> str:
    """'was killed by SIGSEGV', 'stopped with exit status 3'."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
        if -exitcode == getattr(signal, "SIGKILL", None):
            how += " (out of memory?)"
        return how
    return f"stopped with exit status {exitcode}"


# --- parse(..., isolate=True) ---------------------------------------------------------------------

# A worker for isolated parses is a fresh interpreter (`subprocess`), not a multiprocessing child:
# `fork` is not safe in a process with threads, and `spawn` and `forkserver` run the caller's main
# module again in the child (a script without an `if __name__ == "__main__"` guard, or one read
# from stdin, would break or recurse). It speaks length-prefixed pickles over its stdin and a copy
# of its stdout (its own stdout then goes to stderr, so nothing printed can garble a reply).
_BOOT = (
    "import os, pickle, sys\n"
    "out = os.fdopen(os.dup(1), 'wb', buffering=0)\n"
    "os.dup2(2, 1)\n"
    "sys.stdout = sys.stderr\n"
    "inp = sys.stdin.buffer\n"
    "def recv():\n"
    "    head = inp.read(8)\n"
    "    if len(head) < 8:\n"
    "        raise EOFError\n"
    "    return pickle.loads(inp.read(int.from_bytes(head, 'big')))\n"
    "def send(obj):\n"
    "    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)\n"
    "    out.write(len(data).to_bytes(8, 'big') + data)\n"
    "path, max_memory_mb = recv()\n"
    "sys.path[:] = path\n"
    "from lnhs_parse.workers import serve\n"
    "serve(recv, send, max_memory_mb)\n"
)


def _read_exactly(pipe: Any, size: int) -> bytes:
    """`size` bytes from an unbuffered pipe (a read gives what the pipe holds, a part of a large
    reply); fewer only at its end."""
    parts: list[bytes] = []
    left = size
    while left > 0:
        part = pipe.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


class IsolatedWorker:
    """A worker process for isolated parses (`serve` in a fresh interpreter), reused from parse
    to parse; a reader thread takes its replies, so a reply is awaited with a timeout on every
    platform."""

    def __init__(self, max_memory_mb: float) -> None:
        import queue
        import subprocess
        import sys

        self.max_memory_mb = max_memory_mb
        self.process = subprocess.Popen(
            [sys.executable, "-c", _BOOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            bufsize=0,
        )
        self.replies: queue.Queue[Reply | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._send((list(sys.path), max_memory_mb))

    def _send(self, obj: object) -> None:
        import pickle

        assert self.process.stdin is not None
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.write(len(data).to_bytes(8, "big") + data)
        self.process.stdin.flush()

    def _read(self) -> None:
        """The reader thread: each reply into `replies`, then None at the end of the pipe, which
        it closes (only this thread reads or closes it: another closing it mid-read would let
        this one read from whatever pipe gets the same descriptor next)."""
        import pickle

        out = self.process.stdout
        assert out is not None
        try:
            while True:
                head = _read_exactly(out, 8)
                if len(head) < 8:
                    break
                size = int.from_bytes(head, "big")
                data = _read_exactly(out, size)
                if len(data) < size:
                    break
                self.replies.put(pickle.loads(data))
        except Exception:  # a broken pipe, a reply that can't be read: the worker is gone
            pass
        finally:
            with contextlib.suppress(OSError):
                out.close()
        self.replies.put(None)

    def alive(self) -> bool:
        return self.process.poll() is None

    def run(self, timeout: float, fn: Callable[..., Any], *args: Any) -> Reply | None:
        """The reply to one job; None when the worker died first; `TimeoutError` after `timeout`
        seconds (0: none), the worker then still running."""
        import queue

        self._send((fn, args))
        try:
            return self.replies.get(timeout=timeout if timeout > 0 else None)
        except queue.Empty:
            raise TimeoutError from None

    def exitcode(self) -> int | None:
        try:
            return self.process.wait(timeout=5)
        except Exception:  # still running: no exit code to tell
            return None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._close_pipes()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._send(None)
        try:
            self.process.wait(timeout=2)
        except Exception:  # didn't end in time
            self.process.kill()
            self.process.wait()
        self._close_pipes()

    def _close_pipes(self) -> None:
        """Close the job pipe; the reply pipe is the reader thread's to close."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()


_IDLE: list[IsolatedWorker] = []  # this process's idle workers for isolated parses
_BUSY: set[IsolatedWorker] = set()  # ... and those running a job
_IDLE_LOCK = threading.Lock()
MAX_IDLE = max(2, os.cpu_count() or 1)  # idle workers kept for the next isolated parses


def _take(max_memory_mb: float) -> IsolatedWorker:
    with _IDLE_LOCK:
        for i, worker in enumerate(_IDLE):
            if worker.max_memory_mb == max_memory_mb and worker.alive():
                _BUSY.add(_IDLE.pop(i))
                return worker
    worker = IsolatedWorker(max_memory_mb)
    with _IDLE_LOCK:
        _BUSY.add(worker)
    return worker


def _give_back(worker: IsolatedWorker, keep: bool) -> None:
    """A worker done with its job: kept idle for the next one (up to `MAX_IDLE`, with the
    newest), or ended."""
    ended: IsolatedWorker | None = worker
    with _IDLE_LOCK:
        _BUSY.discard(worker)
        if keep:
            _IDLE.append(worker)
            ended = _IDLE.pop(0) if len(_IDLE) > MAX_IDLE else None
    if ended is None:
        return
    if keep:
        ended.close()
    else:
        ended.kill()


def run_isolated(name: str, timeout: float, max_memory_mb: float, fn: Callable[..., Any],
                 *args: Any) -> Any:
    """`fn(*args)` run in an idle worker of this process (or a new one): what it returns, or
    what it raises raised here; `WorkerCrashedError`, `ParseTimeoutError` or `MemoryLimitError`
    (about the file `name`) when the worker dies, outlives `timeout` seconds (0: no limit) or
    runs into `max_memory_mb` (0: no cap). `fn` must be importable by the worker (a module's
    function)."""
    worker = _take(max_memory_mb)
    keep = False
    try:
        try:
            reply = worker.run(timeout, fn, *args)
        except TimeoutError:
            raise ParseTimeoutError(f"still parsing after {timeout:g} s (timeout); stopped",
                                    path=name) from None
        except OSError:  # the worker is gone before it took the job
            reply = None
        if reply is None:
            how = how_it_died(worker.exitcode())
            raise WorkerCrashedError(f"the worker parsing it {how}", path=name)
        kind, value, records = reply
        replay(records)
        if kind == _RAISED and out_of_memory(value):
            raise MemoryLimitError(f"ran out of memory (the worker is capped at "
                                   f"{max_memory_mb:g} MB: max_memory_mb)", path=name) from value
        keep = True
        if kind == _RAISED:
            raise value
        return value
    finally:
        _give_back(worker, keep)


def _close_idle() -> None:
    """At exit: end this process's idle workers (they would end on their own as the pipes close)."""
    with _IDLE_LOCK:
        idle = list(_IDLE)
        _IDLE.clear()
    for worker in idle:
        worker.close()


def busy_pids() -> set[int]:
    """The process ids of the workers running an isolated parse now."""
    with _IDLE_LOCK:
        return {worker.process.pid for worker in _BUSY}


atexit.register(_close_idle)
