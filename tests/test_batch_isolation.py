"""Batch isolation and bounds: each file is parsed in a worker process of its own, so a worker that
is killed, runs too long or runs out of memory fails its own file (exit 3, one line naming it) and
the batch goes on.

The misbehaving worker is made by wrapping `lnhs_parse.load` for one named file: the workers are
forked from the test process, so they run the wrapper (Linux; `fork` is the start method wherever
the platform has it).
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import lnhs_parse
from lnhs_parse import cli
from lnhs_parse.model import Plan
from support import expected_as_plan

Capture = pytest.CaptureFixture[str]


@pytest.fixture()
def decks(tmp_path: Path) -> list[Path]:
    """Four plan JSON files (quick to load: what is tested is the batch, not the parse)."""
    text = expected_as_plan("kymenlaakso-2023").to_json()
    paths = []
    for name in ("a", "b", "c", "d"):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def _misbehave(monkeypatch: pytest.MonkeyPatch, victim: str,
               action: Callable[[], None]) -> None:
    """The worker parsing the file named `victim` runs `action` in the middle of it: when the
    worker's `lnhs_parse.load` is called."""
    original = lnhs_parse.load

    def wrapped(source: Any, **kwargs: Any) -> Plan:
        if Path(source).name == victim:
            action()
        return original(source, **kwargs)

    monkeypatch.setattr(lnhs_parse, "load", wrapped)


def _kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _failure_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if "parsed" not in ln and "warning" not in ln]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_worker_killed_mid_file_fails_that_file_and_the_others_finish(
    decks: list[Path], tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    _misbehave(monkeypatch, "b.json", _kill_self)
    out = tmp_path / "out"
    assert cli.main([*map(str, decks), "--out", str(out), "-j", jobs]) == 3
    assert sorted(p.name for p in out.iterdir()) == ["a.json.json", "c.json.json", "d.json.json"]
    for name in ("a", "c", "d"):  # whole plans, the same as from a batch without the killed file
        assert json.loads((out / f"{name}.json.json").read_text())["goals"]
    err = capsys.readouterr().err
    assert "3 of 4 parsed, 1 failed" in err
    (line,) = _failure_lines(err)
    assert line == (f"lnhs-parse: {decks[1]}: the worker parsing it was killed by SIGKILL "
                    "(out of memory?); the other files go on")
    assert "Traceback" not in err


def test_a_file_over_the_timeout_fails_and_the_batch_goes_on(
    decks: list[Path], tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    _misbehave(monkeypatch, "a.json", lambda: time.sleep(60))
    out = tmp_path / "out"
    start = time.monotonic()
    assert cli.main([*map(str, decks), "--out", str(out), "-j", "2", "--timeout", "1.5"]) == 3
    assert time.monotonic() - start < 30  # not the 60 s the worker would have slept
    assert sorted(p.name for p in out.iterdir()) == ["b.json.json", "c.json.json", "d.json.json"]
    err = capsys.readouterr().err
    assert "3 of 4 parsed, 1 failed" in err
    (line,) = _failure_lines(err)
    assert line == f"lnhs-parse: {decks[0]}: still parsing after 1.5 s (--timeout); stopped"


def _address_space_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def test_a_worker_over_the_memory_cap_fails_its_file_only(
    decks: list[Path], tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    cap = _address_space_mb() + 512  # room for a parse, not for the victim's allocation
    _misbehave(monkeypatch, "c.json", lambda: print(len(bytearray(int(2 * cap) << 20))))
    out = tmp_path / "out"
    assert cli.main([*map(str, decks), "--out", str(out), "-j", "2",
                     "--max-memory-mb", f"{cap:.0f}"]) == 3
    assert sorted(p.name for p in out.iterdir()) == ["a.json.json", "b.json.json", "d.json.json"]
    (line,) = _failure_lines(capsys.readouterr().err)
    assert line == (f"lnhs-parse: {decks[2]}: ran out of memory (each worker is capped by "
                    "--max-memory-mb)")


def test_outcomes_come_in_input_order_whichever_worker_ends_first(
    decks: list[Path], capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    _misbehave(monkeypatch, "a.json", lambda: time.sleep(1.0))
    for i, deck in enumerate(decks):  # tell the plans apart by their title
        plan = json.loads(deck.read_text())
        plan["title"] = f"plan {i}"
        deck.write_text(json.dumps(plan), encoding="utf-8")
    assert cli.main([*map(str, decks), "--jsonl", "-j", "3", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(ln)["title"] for ln in lines] == [f"plan {i}" for i in range(4)]


@pytest.mark.parametrize("option", ["--timeout", "--max-memory-mb"])
def test_a_negative_bound_is_a_usage_error(decks: list[Path], tmp_path: Path, capsys: Capture,
                                           option: str) -> None:
    assert cli.main([*map(str, decks), "--out", str(tmp_path / "o"), option, "-1"]) == 2
    assert option in capsys.readouterr().err


def test_workers_are_reused_and_a_new_one_started_only_after_a_crash(
    decks: list[Path], tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight files on two jobs: two worker processes. A worker killed mid-file: one more, for the
    files after it."""
    from lnhs_parse import workers

    started: list[int] = []
    original = workers.Worker.__init__

    def counting(self: workers.Worker, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        started.append(self.process.pid)

    monkeypatch.setattr(workers.Worker, "__init__", counting)
    eight = decks + [d.with_name(f"{d.stem}-2.json") for d in decks]
    for src, dest in zip(decks, eight[4:], strict=True):
        dest.write_bytes(src.read_bytes())
    assert cli.main([*map(str, eight), "--out", str(tmp_path / "o1"), "-j", "2", "-q"]) == 0
    assert len(started) == 2 and len(set(started)) == 2
    assert len(list((tmp_path / "o1").iterdir())) == 8

    started.clear()
    _misbehave(monkeypatch, "b.json", _kill_self)
    assert cli.main([*map(str, eight), "--out", str(tmp_path / "o2"), "-j", "1", "-q"]) == 3
    assert len(started) == 2  # the first worker, and the one after the crash
    assert len(list((tmp_path / "o2").iterdir())) == 7
    assert "killed by SIGKILL" in capsys.readouterr().err
