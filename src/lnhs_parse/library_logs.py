"""The log records of the libraries the extractors use (pdfminer, pdfplumber, python-pptx, Pillow,
fontTools), across processes.

A worker process (an isolated parse, batch mode) captures the libraries' records
(`capture_library_logs`) and sends them back with its reply; the caller's process hands them to
its own loggers (`replay`), so they go where the caller routed them (`lnhs_parse.logs` on the
command line: nowhere by default, one prefixed line each under ``--debug``), never to the
worker's stderr as bare lines.
"""

from __future__ import annotations

import logging

LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "pptx", "PIL", "fontTools")
MAX_FORWARDED = 200  # library log records a worker sends back per job; the rest are counted

LogRecordData = tuple[str, int, str]
"""A library log record a worker sends back: the logger's name, the level, the message."""


class Captured(logging.Handler):
    """The library log records of a worker's job (`capture_library_logs`), as `LogRecordData`,
    the first `MAX_FORWARDED` kept and the rest counted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.kept: list[LogRecordData] = []
        self.left_out = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.kept) >= MAX_FORWARDED:
            self.left_out += 1
            return
        try:
            text = record.getMessage()
        except Exception:  # a library's bad format string must not cost the parse
            text = str(record.msg)
        self.kept.append((record.name, record.levelno, text))

    def take(self) -> list[LogRecordData]:
        """The records captured since the last call (a last one counting those left out)."""
        out = self.kept
        if self.left_out:
            name, level, _ = out[-1]
            out.append((name, level, f"{self.left_out} more records like these left out"))
        self.kept, self.left_out = [], 0
        return out


def capture_library_logs() -> Captured:
    """In a worker process: take the libraries' records (INFO and above, what `--debug` shows)
    into one `Captured` handler instead of any other, and return it."""
    captured = Captured()
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [captured]
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return captured


def replay(records: list[LogRecordData]) -> None:
    """Hand a worker's records to this process's loggers, where they are routed as if emitted
    here (off by default on the command line, one prefixed line each under ``--debug``)."""
    for name, level, text in records:
        logger = logging.getLogger(name)
        if logger.isEnabledFor(level):
            logger.handle(logging.LogRecord(name, level, "(worker)", 0, text, None, None))
