"""Broken and hostile input: typed errors, one-line messages, exit codes, nothing on stdout.

Each case runs the real command in a subprocess (so a traceback or a stray print would show) and
checks the exit code, the substance of the message, an empty stdout; the resource cases also check
time and peak memory measured in the run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import hostile
import lnhs_parse
from lnhs_parse import (
    ConfigError,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    LimitExceededError,
    Limits,
    LnhsParseError,
    NotAnEvaluationDeckError,
    ParseOptions,
    ScannedDocumentError,
    UnsupportedFormatError,
    UsageError,
)


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float


# Runs the command in a fresh helper process that reports its one child's peak RSS: ru_maxrss of
# RUSAGE_CHILDREN in the test process itself would be the largest of every child the session has
# had.
_MEASURE = (
    "import json, resource, subprocess, sys\n"
    "proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "json.dump({'code': proc.returncode, 'out': proc.stdout, 'err': proc.stderr,\n"
    "           'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, sys.stdout)\n"
)


def run_cli(*args: str | Path, timeout: float = 300) -> Run:
    """Run `python -m lnhs_parse ARGS`; measure its wall time and its own peak RSS."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "lnhs_parse", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    seconds = time.perf_counter() - start
    result = json.loads(proc.stdout)
    return Run(result["code"], result["out"], result["err"], seconds, result["rss_kb"] / 1024)


def assert_failed(run: Run, code: int, *words: str) -> None:
    assert run.code == code, f"exit {run.code}, expected {code}; stderr: {run.err!r}"
    assert run.out == "", f"stdout must be empty on error, got {run.out[:200]!r}"
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, f"one line on stderr expected, got: {run.err!r}"
    assert "Traceback" not in run.err
    for word in words:
        assert word.lower() in lines[0].lower(), f"{word!r} not in {lines[0]!r}"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "ei-ole.pdf"
    assert_failed(run_cli(path), 3, str(path), "no such file")
    with pytest.raises(FileMissingError):
        lnhs_parse.parse(path)


def test_directory_without_batch_options(tmp_path: Path) -> None:
    assert_failed(run_cli(tmp_path), 2, "--out")


def test_directory_as_file(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError, match="directory"):
        lnhs_parse.parse(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "tyhja.pdf"
    path.write_bytes(b"")
    assert_failed(run_cli(path), 3, "empty")
    with pytest.raises(EmptyFileError):
        lnhs_parse.parse(path)


def test_truncated_pdf(tmp_path: Path) -> None:
    path = hostile.truncated(hostile.PDF, tmp_path / "katkaistu.pdf")
    assert_failed(run_cli(path), 3, str(path))
    with pytest.raises(CorruptFileError):
        lnhs_parse.parse(path)


@pytest.mark.parametrize("suffix", [".pdf", ".pptx"])
def test_random_bytes(tmp_path: Path, suffix: str) -> None:
    path = hostile.random_bytes(tmp_path / f"sotkua{suffix}")
    assert_failed(run_cli(path), 3, "not a PDF or PPTX")
    with pytest.raises(UnsupportedFormatError):
        lnhs_parse.parse(path)


def test_pdf_named_pptx_and_pptx_named_pdf_are_parsed_by_content(tmp_path: Path) -> None:
    pdf_as_pptx = tmp_path / "deck.pptx"
    pptx_as_pdf = tmp_path / "deck.pdf"
    shutil.copy(hostile.PDF, pdf_as_pptx)
    shutil.copy(hostile.PPTX, pptx_as_pdf)
    a = lnhs_parse.parse(pdf_as_pptx)
    b = lnhs_parse.parse(pptx_as_pdf)
    assert a.source.format == "pdf" and b.source.format == "pptx"
    assert [len(g.sub_goals) for g in a.goals] == [len(g.sub_goals) for g in b.goals] == [7, 6, 3]


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = hostile.encrypted_pdf(tmp_path / "salattu.pdf", "kissa123")
    assert_failed(run_cli(path), 3, "encrypted", "--password")
    assert_failed(run_cli(path, "--password", "väärä"), 3, "password")
    with pytest.raises(EncryptedFileError):
        lnhs_parse.parse(path)
    opened = run_cli(path, "--password", "kissa123")
    assert opened.code == 0, opened.err
    assert '"year": 2023' in opened.out


def test_scanned_pdf(tmp_path: Path) -> None:
    path = hostile.scanned_pdf(tmp_path / "skannattu.pdf")
    assert_failed(run_cli(path), 4, "scanned")
    with pytest.raises(ScannedDocumentError):
        lnhs_parse.parse(path)


def test_pdf_that_is_no_evaluation_deck(tmp_path: Path) -> None:
    path = hostile.text_pdf(tmp_path / "poytakirja.pdf")
    assert_failed(run_cli(path), 4, "goal")
    with pytest.raises(NotAnEvaluationDeckError):
        lnhs_parse.parse(path)


def test_pptx_that_is_no_evaluation_deck(tmp_path: Path) -> None:
    path = hostile.not_a_deck_pptx(tmp_path / "juhla.pptx")
    assert_failed(run_cli(path), 4, "goal")
    with pytest.raises(NotAnEvaluationDeckError):
        lnhs_parse.parse(path)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = hostile.zip_bomb_pptx(tmp_path / "pommi.pptx", inflated_mb=300)
    assert path.stat().st_size < 5 * 2**20  # small on disk, 300 MB inflated
    run = run_cli(path, timeout=60)  # a hang guard, not a speed goal (bench/ measures speed)
    assert_failed(run, 3, "limit")
    # refused from the zip's directory, not by inflating 300 MB
    assert run.peak_mb < 400, run.peak_mb
    with pytest.raises(LimitExceededError):
        lnhs_parse.parse(path)


def test_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "salaisuus.txt"
    secret.write_text("SALAINEN-4242", encoding="utf-8")
    path = hostile.xxe_pptx(tmp_path / "xxe.pptx", secret)
    run = run_cli(path)
    assert "SALAINEN-4242" not in run.out + run.err
    assert_failed(run, 3, "entit")
    with pytest.raises(CorruptFileError):
        lnhs_parse.parse(path)


def test_pptx_with_missing_part(tmp_path: Path) -> None:
    path = hostile.rewrite_zip(hostile.PPTX, tmp_path / "vajaa.pptx",
                               drop={"ppt/slides/slide2.xml"})
    assert_failed(run_cli(path), 3, str(path))
    with pytest.raises(CorruptFileError):
        lnhs_parse.parse(path)


@pytest.mark.slow
def test_deck_of_500_slides_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = hostile.many_slides_pptx(tmp_path / "iso.pptx", slides=500)
    run = run_cli(path, timeout=300)  # hang guards, not speed goals (bench/ measures speed)
    assert_failed(run, 4, "goal")  # read whole, but it holds no goal tables
    assert run.peak_mb < 600, run.peak_mb
    over = run_cli(path, "--max-pages", "100", timeout=60)
    assert_failed(over, 3, "500", "limit")


@pytest.mark.slow
def test_page_of_100000_drawing_objects(tmp_path: Path) -> None:
    path = hostile.many_objects_pdf(tmp_path / "tihea.pdf", count=100_000)
    run = run_cli(path, timeout=300)  # a hang guard, not a speed goal
    assert_failed(run, 4)  # read within the default limit; no evaluation structure in it
    assert run.peak_mb < 1500, run.peak_mb
    # the same limit, made small, refuses a smaller page (cheaper to build and read)
    small = hostile.many_objects_pdf(tmp_path / "tihea-pieni.pdf", count=5_000)
    limited = run_cli(small, "--max-page-objects", "2000")
    assert_failed(limited, 3, "page 1", "limit")
    with pytest.raises(LimitExceededError):
        lnhs_parse.parse(small, limits=Limits(max_page_objects=2_000))


def test_file_size_limit(tmp_path: Path) -> None:
    run = run_cli(hostile.PDF, "--max-file-mb", "0.01")
    assert_failed(run, 3, "limit")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = hostile.truncated(hostile.PDF, tmp_path / "katkaistu.pdf")
    run = run_cli(path, "--debug")
    assert run.code == 3 and run.out == ""
    assert "Traceback" in run.err


def test_usage_errors() -> None:
    assert_failed(run_cli("diff", "only-one.pdf"), 2, "usage")
    assert_failed(run_cli(hostile.PDF, "--format", "docx"), 2, "usage")
    assert_failed(run_cli(hostile.PDF, "--max-pages", "0"), 2, "--max-pages", "must be an integer > 0")


def test_bad_actor_registry_file(tmp_path: Path) -> None:
    bad = tmp_path / "actors.toml"
    bad.write_text("[[actor]\nid = ", encoding="utf-8")
    assert_failed(run_cli(hostile.PDF, "--actors", bad), 2, str(bad))


def test_batch_reports_bad_files_and_keeps_good_output(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(hostile.PDF, decks / "hyva.pdf")
    shutil.copy(hostile.PPTX, decks / "hyva.pptx")
    hostile.truncated(hostile.PDF, decks / "rikki.pdf")
    out = tmp_path / "plans"
    run = run_cli(decks, "--out", out, "--jobs", "2")
    assert run.code == 3, run.err
    assert run.out == ""
    assert sorted(p.name for p in out.iterdir()) == ["hyva.pdf.json", "hyva.pptx.json"]
    for plan_file in out.iterdir():
        plan = lnhs_parse.load_plan(plan_file)
        assert [len(g.sub_goals) for g in plan.goals] == [7, 6, 3]
    assert "rikki.pdf" in run.err and "1 failed" in run.err
    jsonl = run_cli(decks / "hyva.pdf", decks / "rikki.pdf", decks / "hyva.pptx", "--jsonl",
                    "-j", "1")
    assert jsonl.code == 3
    lines = jsonl.out.splitlines()
    assert len(lines) == 2 and all(line.startswith('{"schema_version":"2.0"') for line in lines)


def test_library_errors_share_one_base() -> None:
    for cls in (CorruptFileError, EmptyFileError, EncryptedFileError, FileMissingError,
                LimitExceededError, NotAnEvaluationDeckError, ScannedDocumentError,
                UnsupportedFormatError):
        assert issubclass(cls, LnhsParseError)
        assert cls.exit_code in (3, 4)


@pytest.mark.parametrize("given", [{"strict": True}, {"strict": False}, {"password": "x"},
                                   {"limits": Limits(max_pages=5)}, {"actors": "actors.toml"},
                                   {"debug_dir": "debug"}])
def test_parse_refuses_options_and_keyword_arguments_together(given: dict[str, Any]) -> None:
    """Each keyword argument would be ignored beside options=: a usage error (exit 2), raised
    before the file is even looked at."""
    with pytest.raises(UsageError) as info:
        lnhs_parse.parse("no-such-deck.pdf", options=ParseOptions(), **given)
    assert info.value.exit_code == 2
    assert isinstance(info.value, ConfigError)
    assert next(iter(given)) in str(info.value)
    # load(), diff(), timeline() and report() take options= only: no keyword is passed on unseen
    with pytest.raises(TypeError, match=next(iter(given))):
        lnhs_parse.diff("old.pdf", "new.pdf", options=ParseOptions(), **given)


def test_parse_takes_options_alone() -> None:
    deck = Path(__file__).resolve().parent.parent / "fixtures" / "kymenlaakso-2023.pdf"
    with_options = lnhs_parse.parse(deck, options=ParseOptions(strict=False))
    assert with_options == lnhs_parse.parse(deck)
    with pytest.raises(FileMissingError):  # no keyword argument: the file is looked at
        lnhs_parse.parse("no-such-deck.pdf", options=ParseOptions())
