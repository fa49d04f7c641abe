"""Jobs that misbehave, run in a worker process by tests/test_isolate.py (the worker imports this
module: it gets the test process's `sys.path`)."""

from __future__ import annotations

import ctypes
import os


def segfault() -> None:
    """Read address 0: a real SIGSEGV, as a crash in a C library would be."""
    ctypes.string_at(0)


def exit_status(code: int) -> None:
    os._exit(code)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes << 20))


def pid() -> int:
    return os.getpid()


def complain(times: int) -> int:
    """Log `times` warnings as pdfminer does on a damaged file (`Cannot render horizontal string
    …`), then return `times`."""
    import logging

    for i in range(times):
        logging.getLogger("pdfminer.pdfdevice").warning("Cannot render string %d", i)
    return times
