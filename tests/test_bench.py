"""The benchmark script runs (quick mode: a smoke run, no timing asserts)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT

# runs the benchmark scripts (several deck parses in child processes)
pytestmark = pytest.mark.slow


def test_bench_quick_mode_runs() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench.py"), "--quick"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    for measure in ("in-process ratio (pdfium)", "in-process ratio (pdfplumber)",
                    "whole-process ratio (pdfium)", "whole-process ratio (pdfplumber)",
                    "import time ms (pdfium command)", "parse time ms (pdfium command)",
                    "pptx / pdf ratio", "peak RSS MB (pdfium)", "peak RSS MB (pdfplumber)",
                    "pptx batch s per deck", "batch speed-up"):
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(measure)), None)
        assert line is not None, f"{measure} missing from:\n{proc.stdout}"
        assert float(line[len(measure):].split()[0]) > 0


def test_scaling_bench_prints_a_ratio_per_case() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scaling.py"), "--rounds", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    for case in ("icon matching", "tile grouping", "pptx parse", "pdf extract"):
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith(case)), None)
        assert line is not None, f"{case} missing from:\n{proc.stdout}"
        assert float(line.split()[-1]) > 0
