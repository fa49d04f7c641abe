"""Imports: a PDF parse never imports python-pptx, nothing imports pandas/matplotlib, the layers
hold, and no module imports itself through others."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from support import FIXTURES

CHECK = (
    "import sys, lnhs_parse\n"
    "lnhs_parse.parse(sys.argv[1], **({'engine': sys.argv[2]} if len(sys.argv) > 2 else {}))\n"
    "print(' '.join(m for m in ('pptx', 'pdfplumber', 'pdfminer', 'pypdfium2_raw', 'pypdfium2',\n"
    "                           'pandas', 'matplotlib')\n"
    "               if m in sys.modules))\n"
    "raw = sys.modules.get('lnhs_parse.extract.pdf.pdfium_raw')\n"
    "print('libpdfium' if raw is not None and raw._LIB is not None else '')\n"
)
ENGINE_LIBRARIES = ("pdfplumber", "pdfminer", "pptx", "pypdfium2", "pypdfium2_raw")


def _loaded(path: Path | str, *engine: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", CHECK, str(path), *engine], capture_output=True,
                         text=True, check=True).stdout
    return set(out.split())


def test_importing_the_package_or_the_command_leaves_the_model_for_later() -> None:
    """`import lnhs_parse` and the command's module don't import pydantic: the model's names come
    on first use, so the command sets up its process first (`cli.run`) and `--help` stays quick;
    the diff's settings (`DiffSettings`, in `lnhs_parse.settings` with every setting) bring
    neither the diff package, rapidfuzz nor the stemmer."""
    code = (
        "import sys, lnhs_parse, lnhs_parse.cli\n"
        "print('pydantic' in sys.modules, 'lnhs_parse.model' in sys.modules)\n"
        "from lnhs_parse import Plan, Status\n"
        "print(Plan is sys.modules['lnhs_parse.model'].Plan, lnhs_parse.Status is Status,\n"
        "      lnhs_parse.SCHEMA_VERSION, lnhs_parse.load_plan.__module__)\n"
        "print('lnhs_parse.compare' in sys.modules)\n"
        "from lnhs_parse import DiffSettings\n"
        "print(DiffSettings is sys.modules['lnhs_parse.settings'].DiffSettings,\n"
        "      'lnhs_parse.compare' in sys.modules, 'rapidfuzz' in sys.modules,\n"
        "      'snowballstemmer' in sys.modules)\n"
        "import lnhs_parse.compare\n"
        "print(lnhs_parse.compare.DiffSettings is DiffSettings)\n"
        "try:\n"
        "    lnhs_parse.Plann\n"
        "except AttributeError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["False False", "True True 2.0 lnhs_parse.model", "False",
                   "True False False False", "True", "module 'lnhs_parse' has no attribute 'Plann'"]


def test_pdf_parse_imports_no_pptx_pandas_or_matplotlib() -> None:
    """The default engine (pdfium) loads pypdfium2's pdfium library only: not pdfplumber, pdfminer,
    nor pypdfium2's packages, whose imports cost more than the parse."""
    assert _loaded(FIXTURES / "kymenlaakso-2023.pdf") == {"libpdfium"}


def test_reference_engine_imports_pdfplumber() -> None:
    assert _loaded(FIXTURES / "kymenlaakso-2023.pdf", "pdfplumber") >= {"pdfplumber", "pdfminer"}


def test_importing_the_extractors_loads_no_engine() -> None:
    """The engines' libraries are imported lazily, inside `extract`."""
    code = ("import sys\n"
            "import lnhs_parse.extract.pdf, lnhs_parse.extract.pdf.pdfium, "
            "lnhs_parse.extract.pdf.pdfium_raw, lnhs_parse.extract.pdf.plumber\n"
            f"print(' '.join(m for m in {ENGINE_LIBRARIES!r} if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == []


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
                assert name.split(".")[0] not in ENGINE_LIBRARIES, (path, name)


# --- no import cycles -----------------------------------------------------------------------------

# The one documented exception: the model's notebook methods (`Plan.to_frame`, `PlanDiff.plot`,
# the `_repr_html_`s) import `lnhs_parse.notebook` inside the method (model.py's docstring).
LAZY_CYCLE_EDGES = {("lnhs_parse.model", "lnhs_parse.notebook")}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the package: dotted name -> (file, is a package)."""
    src = FIXTURES.parent / "src"
    found = {}
    for path in (src / "lnhs_parse").rglob("*.py"):
        parts = list(path.relative_to(src).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(name: str, path: Path, package: bool, modules: set[str]) -> set[tuple[str, bool]]:
    """The package modules `name` imports: (module, imported inside a function). Imports under
    `if TYPE_CHECKING:` don't run and are left out."""
    found: set[tuple[str, bool]] = set()

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child, in_function)
            return
        in_function = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # `from lnhs_parse import cli` imports the module lnhs_parse.cli
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module
                       for a in node.names]
        found.update((t, in_function) for t in targets if t in modules)
        for node_child in ast.iter_child_nodes(node):
            visit(node_child, in_function)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), or a self-import."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges.get(v, ()):
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return out


def _import_graph() -> dict[str, set[tuple[str, bool]]]:
    modules = _modules()
    return {name: _imported(name, path, package, set(modules))
            for name, (path, package) in modules.items()}


def test_no_import_cycles() -> None:
    """No module imports itself through others, at import time or inside a function, apart from
    the documented lazy notebook methods of the model."""
    graph = _import_graph()
    assert len(graph) > 20 and graph["lnhs_parse.cli"], "the import graph is empty: stale test"
    edges = {name: {t for t, _ in targets if (name, t) not in LAZY_CYCLE_EDGES}
             for name, targets in graph.items()}
    assert _cycles(edges) == []
    # the exception is real and lazy (else it is a cycle at import time, or stale here)
    for name, target in LAZY_CYCLE_EDGES:
        assert (target, True) in graph[name] and (target, False) not in graph[name]
    # the checker finds a cycle where there is one: the exception's own
    with_lazy = {name: {t for t, _ in targets} for name, targets in graph.items()}
    assert any("lnhs_parse.model" in c and "lnhs_parse.notebook" in c for c in _cycles(with_lazy))


def test_batch_and_cli_share_output_not_each_other() -> None:
    graph = _import_graph()
    assert {t for t, _ in graph["lnhs_parse.batch"]}.isdisjoint({"lnhs_parse.cli"})
    assert ("lnhs_parse.output", False) in graph["lnhs_parse.batch"]
    assert ("lnhs_parse.output", False) in graph["lnhs_parse.cli"]


# --- a parse imports only what a parse needs (issue 23) ------------------------------------------

NOT_FOR_A_PARSE = ("lnhs_parse.compare", "lnhs_parse.labels", "lnhs_parse.export",
                   "lnhs_parse.rows", "lnhs_parse.markdown", "lnhs_parse.html_report",
                   "lnhs_parse.timeline_report", "lnhs_parse.notebook", "lnhs_parse.batch",
                   "lnhs_parse.workers", "lnhs_parse.extract.pdf.plumber")


def test_a_parse_imports_no_diff_export_or_report_code() -> None:
    """The one-deck command and `parse()` import neither the diff (`compare`, which pulled in the
    labels and the diff's models to build the command's `diff` options) nor the exports, the
    reports, the batch, the workers or the reference engine's module."""
    code = (
        "import sys, io\n"
        "from lnhs_parse import cli\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "code = cli.main([*sys.argv[1:], '-q'])\n"
        "sys.stdout = out\n"
        "print(code, ' '.join(m for m in sys.modules if m.startswith('lnhs_parse')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "kymenlaakso-2023.pdf")],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "0" and "lnhs_parse.normalise" in out[1:]
    assert [m for m in NOT_FOR_A_PARSE if m in out[1:]] == []
    lib = ("import sys, lnhs_parse\n"
           "lnhs_parse.parse(sys.argv[1])\n"
           "print(' '.join(m for m in sys.modules if m.startswith('lnhs_parse')))\n")
    loaded = subprocess.run([sys.executable, "-c", lib, str(FIXTURES / "kymenlaakso-2023.pptx")],
                            capture_output=True, text=True, check=True).stdout.split()
    assert "lnhs_parse.extract.pptx" in loaded
    assert [m for m in NOT_FOR_A_PARSE if m in loaded] == []
