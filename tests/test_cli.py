"""The command line as a demanding user meets it: where output goes, how it fails, what it says.

Most cases run `cli.main` in this process on plan JSON files (fast, no deck parse); those about the
program as a whole (`python -m lnhs_parse`, a real PDF) run it in a subprocess.
"""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from lnhs_parse import cli, output
from lnhs_parse.errors import ConfigError
from lnhs_parse.export import render
from lnhs_parse.model import Plan, Warning
from support import FIXTURES, expected_as_plan

Capture = pytest.CaptureFixture[str]


@pytest.fixture()
def plans(tmp_path: Path) -> dict[str, Path]:
    """Plan JSON files: `clean` has no warnings, `warned` has two, `old` is the year before."""
    clean = expected_as_plan("kymenlaakso-2023")
    warned = clean.model_copy(update={"warnings": [
        Warning(code="fuzzy-actor", message="read 'Keltu' as 'Kletu'", page=5),
        Warning(code="fuzzy-actor", message="read 'Tulsote haketuki' as 'Tulsote hanketuki'",
                page=6),
    ]})
    paths = {}
    for name, plan in (("clean", clean), ("warned", warned),
                       ("old", expected_as_plan("kymenlaakso-2022"))):
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(plan.to_json(), encoding="utf-8")
    return paths


def _load(path: Path) -> Plan:
    return Plan.model_validate_json(path.read_text(encoding="utf-8"))


def _one_error_line(capsys: Capture, *words: str) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _no_part_files(folder: Path) -> None:
    assert not list(folder.rglob("*.part")), list(folder.rglob("*.part"))


# --- -o and --out: where the output can't go ------------------------------------------------------


def test_output_to_a_folder_is_a_usage_error(plans: dict[str, Path], tmp_path: Path,
                                              capsys: Capture) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    assert cli.main([str(plans["clean"]), "-o", str(folder)]) == 2
    _one_error_line(capsys, str(folder), "folder")
    assert list(folder.iterdir()) == []
    _no_part_files(tmp_path)
    assert cli.main(["diff", str(plans["old"]), str(plans["clean"]), "-o", str(folder)]) == 2
    _one_error_line(capsys, str(folder))


def test_output_into_a_missing_folder_is_a_usage_error(plans: dict[str, Path], tmp_path: Path,
                                                       capsys: Capture) -> None:
    target = tmp_path / "no-such-folder" / "plan.json"
    assert cli.main([str(plans["clean"]), "-f", "md", "-o", str(target)]) == 2
    _one_error_line(capsys, str(target), "can't write")
    assert not target.parent.exists()


def test_a_write_failure_is_one_line_exit_2_and_leaves_no_part_file(
    plans: dict[str, Path], tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(self: Path, data: bytes) -> int:
        self.open("wb").write(data[:10])  # a part written, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    target = tmp_path / "plan.xlsx"
    assert cli.main([str(plans["clean"]), "-f", "xlsx", "-o", str(target)]) == 2
    _one_error_line(capsys, str(target), "No space left on device")
    assert not target.exists()
    _no_part_files(tmp_path)


def test_write_file_is_whole_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the rename fails (the target became a folder meanwhile): a ConfigError, no .part
    taken = tmp_path / "taken"
    (taken / "inside").mkdir(parents=True)
    with pytest.raises(ConfigError, match="can't write the output"):
        output.write_file(taken, "{}")
    _no_part_files(tmp_path)
    # Ctrl-C while writing: the interrupt goes on, the .part goes away, an old file stays as it was
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")

    def interrupted(self: Path, other: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_file(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    _no_part_files(tmp_path)


def test_out_naming_a_file_is_a_usage_error(plans: dict[str, Path], tmp_path: Path,
                                            capsys: Capture) -> None:
    not_a_folder = tmp_path / "plans.txt"
    not_a_folder.write_text("keep me", encoding="utf-8")
    args = [str(plans["clean"]), str(plans["old"]), "--out", str(not_a_folder), "-j", "1"]
    assert cli.main(args) == 2
    _one_error_line(capsys, str(not_a_folder), "not a folder")
    assert not_a_folder.read_text(encoding="utf-8") == "keep me"


# --- what is written ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_file_and_stdout_get_the_same_text(plans: dict[str, Path], tmp_path: Path,
                                           capsys: Capture, fmt: str) -> None:
    assert cli.main([str(plans["clean"]), "-f", fmt]) == 0
    printed = capsys.readouterr().out
    assert printed.endswith("\n") and not printed.endswith("\n\n")
    single = tmp_path / f"single.{fmt}"
    assert cli.main([str(plans["clean"]), "-f", fmt, "-o", str(single)]) == 0
    out = tmp_path / "batch"
    assert cli.main([str(plans["clean"]), str(plans["old"]), "-f", fmt, "--out", str(out),
                     "-j", "1", "-q"]) == 0
    assert single.read_bytes() == printed.encode("utf-8")
    assert (out / f"clean.json.{fmt}").read_bytes() == printed.encode("utf-8")
    if fmt != "json":
        assert printed == render(_load(plans["clean"]), fmt)
    _no_part_files(tmp_path)


# --- --strict -----------------------------------------------------------------------------------


def test_strict_in_a_batch_shows_the_warnings_and_keeps_the_clean_plans(
    plans: dict[str, Path], tmp_path: Path, capsys: Capture
) -> None:
    deck = FIXTURES / "kymenlaakso-2023.pdf"  # parses with two fuzzy-actor warnings
    out = tmp_path / "plans"
    args = [str(deck), str(plans["clean"]), "--out", str(out), "--strict", "-j", "1"]
    assert cli.main(args) == 5
    err = capsys.readouterr().err
    # the same warning lines as a single parse prints, then the failure
    assert f"lnhs-parse: {deck}: warning [fuzzy-actor] (page 5): read 'Keltu' as 'Kletu'" in err
    assert f"lnhs-parse: {deck}: 2 warning(s) under --strict" in err
    assert sorted(p.name for p in out.iterdir()) == ["clean.json.json"]
    assert cli.main([str(plans["warned"]), "--strict"]) == 5
    single = capsys.readouterr()
    assert single.out == ""
    assert [line.split(": ", 2)[2] for line in single.err.splitlines() if "warning [" in line] == [
        line.split(": ", 2)[2] for line in err.splitlines() if "warning [" in line
    ]


def test_strict_diff_fails_on_either_plans_warnings(plans: dict[str, Path],
                                                    capsys: Capture) -> None:
    for old, new in (("warned", "clean"), ("old", "warned")):
        assert cli.main(["diff", str(plans[old]), str(plans[new]), "--strict"]) == 5
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.splitlines()[-1] == (
            f"lnhs-parse: {plans['warned']}: 2 warning(s) under --strict"
        )
    assert cli.main(["diff", str(plans["old"]), str(plans["clean"]), "--strict"]) == 0


# --- --actors -----------------------------------------------------------------------------------


def test_a_bad_actors_file_is_refused_once_before_any_parse(plans: dict[str, Path],
                                                            tmp_path: Path,
                                                            capsys: Capture) -> None:
    bad = tmp_path / "actors.toml"
    bad.write_text("[[actor]\nid = ", encoding="utf-8")
    # a plan JSON does not read the registry, but the option is still wrong
    assert cli.main([str(plans["clean"]), "--actors", str(bad)]) == 2
    _one_error_line(capsys, str(bad), "TOML")
    # a batch: one line for the whole run, not one failure per input
    out = tmp_path / "plans"
    assert cli.main([str(plans["clean"]), str(plans["old"]), "--out", str(out), "--actors",
                     str(bad), "-j", "1"]) == 2
    _one_error_line(capsys, str(bad))
    assert not out.exists()
    missing = tmp_path / "ei-ole.toml"
    assert cli.main(["diff", str(plans["old"]), str(plans["clean"]), "--actors",
                     str(missing)]) == 2
    _one_error_line(capsys, str(missing))


# --- --debug-dir, --version ---------------------------------------------------------------------


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lnhs_parse", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_debug_dir_that_cannot_be_written_only_warns(tmp_path: Path) -> None:
    # docs/cli.md: writing the images never stops the parse
    not_a_folder = tmp_path / "debug"
    not_a_folder.write_text("", encoding="utf-8")
    run = _run(FIXTURES / "kymenlaakso-2023.pdf", "--debug-dir", not_a_folder)
    assert run.returncode == 0, run.stderr
    assert "warning [debug-write-failed]" in run.stderr
    codes = [w.code for w in Plan.model_validate_json(run.stdout).warnings]
    assert "debug-write-failed" in codes
    # a folder that does not exist yet is made by the extractor, when there is something to write
    folder = tmp_path / "debug-images" / "2023"
    assert cli.main([str(FIXTURES / "kymenlaakso-2023.pdf"), "--debug-dir", str(folder), "-q",
                     "-o", str(tmp_path / "plan.json")]) == 0
    assert sorted(p.name for p in folder.iterdir())[0] == "page-001.png"


def test_version_is_listed_and_works() -> None:
    import tomllib

    from lnhs_parse import __version__

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert __version__ == pyproject["project"]["version"]
    assert "--version" in cli.build_parser().format_help()
    run = _run("--version")
    assert (run.returncode, run.stdout, run.stderr) == (0, f"lnhs-parse {__version__}\n", "")


@pytest.mark.parametrize("extra", [[], ["-f", "xlsx"], ["--jsonl", "-j", "1"]])
def test_a_full_stdout_is_one_line_exit_2(plans: dict[str, Path], extra: list[str]) -> None:
    inputs = [plans["clean"], plans["old"]] if "--jsonl" in extra else [plans["clean"]]
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "lnhs_parse", *map(str, inputs), *extra],
                             stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines() == [
        "lnhs-parse: <stdout>: can't write the output: No space left on device"
    ]


def test_a_closed_pipe_is_quiet(plans: dict[str, Path]) -> None:
    inputs = [str(plans["clean"]), str(plans["old"])] * 4
    cmd = [sys.executable, "-m", "lnhs_parse", *inputs, "--jsonl", "-j", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b""
