"""Lazy imports: a PDF parse never imports python-pptx, and nothing imports pandas/matplotlib."""

from __future__ import annotations

import ast
import subprocess
import sys

from support import FIXTURES

CHECK = (
    "import sys, lnhs_parse\n"
    "lnhs_parse.parse(sys.argv[1])\n"
    "print(' '.join(m for m in ('pptx', 'pdfplumber', 'pandas', 'matplotlib') if m in sys.modules))\n"
)


def _loaded(path) -> set[str]:
    out = subprocess.run([sys.executable, "-c", CHECK, str(path)], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_pdf_parse_imports_no_pptx_pandas_or_matplotlib() -> None:
    assert _loaded(FIXTURES / "kymenlaakso-2023.pdf") == {"pdfplumber"}


def test_pptx_parse_imports_no_pdfplumber_pandas_or_matplotlib() -> None:
    assert _loaded(FIXTURES / "kymenlaakso-2023.pptx") == {"pptx"}


def test_layers_extractor_libraries_only_in_extract() -> None:
    src = FIXTURES.parent / "src" / "lnhs_parse"
    for path in src.rglob("*.py"):
        if path.relative_to(src).parts[0] == "extract":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ("pdfplumber", "pptx"), (path, name)
