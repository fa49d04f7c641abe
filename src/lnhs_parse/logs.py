"""Log records of the libraries the extractors use (pdfminer, pdfplumber, python-pptx, Pillow).

Left alone, their warnings reach stderr through Python's last-resort handler: bare, naming no file,
deaf to ``-q``. The command line routes them here (`route_library_logs`): off by default (what they
say is about a file's internals; what matters for the plan is in its warnings), and under
``--debug`` printed whole, one line each, prefixed and naming the input being read (`reading`).
The library itself (`lnhs_parse.parse`) leaves logging to its caller; a worker process sends its
records back to the caller's loggers (`lnhs_parse.library_logs`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from lnhs_parse.errors import printable
from lnhs_parse.library_logs import LIBRARY_LOGGERS
from lnhs_parse.output import PROG

_current: list[str] = []  # the input being read, innermost last


@contextmanager
def reading(label: str) -> Iterator[None]:
    """Name `label` in the library log lines emitted while the block runs."""
    _current.append(label)
    try:
        yield
    finally:
        _current.pop()


class _ToolHandler(logging.Handler):
    """One stderr line per record: ``lnhs-parse: FILE: pdfminer.pdffont: message``."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a library's bad format string must not cost the parse
            text = str(record.msg)
        where = f"{printable(_current[-1])}: " if _current else ""
        # whitespace collapsed and controls escaped, but nothing cut: this is the full detail
        line = " ".join(printable(text).split())
        print(f"{PROG}: {where}{record.name}: {line}", file=sys.stderr)


def route_library_logs(*, debug: bool) -> None:
    """Silence the libraries' log records, or (`debug`) print them as the tool's own lines."""
    handler: logging.Handler = _ToolHandler() if debug else logging.NullHandler()
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
        logger.setLevel(logging.INFO if debug else logging.CRITICAL + 1)

