"""What real-world files and a mutation campaign showed (issue 16): library log lines routed, one
printable line per message, relationship cycles and control characters handled.

Every hostile file is built here or in `damage.py` from the committed fixtures; the command line is
run in a subprocess, as a user runs it.
"""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import damage
import hostile
import lnhs_parse
from lnhs_parse import CorruptFileError, EncryptedFileError, LnhsParseError
from lnhs_parse.errors import MAX_MESSAGE, one_line
from lnhs_parse.extract import extract
from lnhs_parse.extract.clean import BAD_CHARACTERS, clean_text
from test_errors import assert_failed, run_cli


def _printable_line(line: str) -> None:
    assert line.isprintable(), repr(line)


# --- 1. library log lines -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("maker", "logged"),
    [(damage.font_without_bbox_pdf, "FontBBox"), (damage.self_drawing_form_pdf, "circular")],
)
def test_library_log_lines_are_routed(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                      maker: Callable[[Path], Path], logged: str) -> None:
    """pdfminer's log lines (the reference engine's; pdfium logs none) go through our logging."""
    path = maker(tmp_path / "loki.pdf")
    # the file does make the library log (else the checks below would prove nothing)
    with caplog.at_level(logging.WARNING, logger="pdfminer"), pytest.raises(LnhsParseError):
        lnhs_parse.parse(path, engine="pdfplumber")
    assert any(logged in r.getMessage() for r in caplog.records)

    plain = run_cli(path, "--engine", "pdfplumber")
    assert_failed(plain, 4)  # one line: the tool's own; the library's line is off by default
    assert logged not in plain.err
    quiet = run_cli(path, "-q", "--engine", "pdfplumber")
    assert_failed(quiet, 4)
    assert_failed(run_cli(path), 4)  # the default engine: the same outcome
    debug = run_cli(path, "--debug", "--engine", "pdfplumber")
    lines = [ln for ln in debug.err.splitlines() if logged in ln]
    assert len(lines) == 1, debug.err
    assert lines[0].startswith(f"lnhs-parse: {path}: pdfminer."), lines[0]
    # in a worker process (--isolate) the same: the worker sends its records back, never prints
    isolated = run_cli(path, "--isolate", "--engine", "pdfplumber")
    assert_failed(isolated, 4)
    assert logged not in isolated.err
    debug = run_cli(path, "--isolate", "--debug", "--engine", "pdfplumber")
    lines = [ln for ln in debug.err.splitlines() if logged in ln]
    assert len(lines) == 1, debug.err
    assert lines[0].startswith(f"lnhs-parse: {path}: pdfminer."), lines[0]


@pytest.mark.slow
def test_library_log_lines_in_a_batch_name_their_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = damage.font_without_bbox_pdf(folder / "fontti.pdf")
    run = run_cli(folder, "--jsonl", "--jobs", "2", "--engine", "pdfplumber")
    assert "FontBBox" not in run.err
    debug = run_cli(folder, "--jsonl", "--jobs", "2", "--debug", "--engine", "pdfplumber")
    assert f"lnhs-parse: {path}: pdfminer.pdffont: Could not get FontBBox" in debug.err


# --- 3 and 8. one printable line per message ------------------------------------------------------


def test_error_message_is_one_printable_line() -> None:
    raw = "bad byte \x00 here\nsecond line\r\n\tthird " + "{'/Key': b'\\x01\\x02'} " * 40
    exc = CorruptFileError(raw, path="deck\n.pdf")
    assert "\n" not in str(exc) and "\x00" not in str(exc)
    assert len(exc.message) <= MAX_MESSAGE and exc.message.endswith("…")
    assert "\\x00" in exc.message  # escaped, not dropped: the user can tell what was there
    assert str(exc).startswith("deck\\n.pdf: ")
    assert exc.detail == raw  # the whole text stays for --debug
    _printable_line(str(exc))
    assert one_line("a \u0085 b\ufffe") == "a b\\ufffe"


@pytest.mark.slow
def test_unsupported_encryption_is_one_short_line(tmp_path: Path) -> None:
    path = damage.unknown_encryption_pdf(tmp_path / "salattu.pdf")
    with pytest.raises(EncryptedFileError) as info:
        lnhs_parse.parse(path)
    assert len(info.value.detail) > MAX_MESSAGE  # what pdfminer said is long ...
    run = run_cli(path)
    assert_failed(run, 3, "encryption", "not supported")
    assert len(run.err.strip()) <= MAX_MESSAGE + len(str(path)) + 20  # ... the line is not
    _printable_line(run.err.strip())
    debug = run_cli(path, "--debug")
    assert "detail:" in debug.err and "Traceback" in debug.err


def test_decoding_error_with_a_nul_byte_is_escaped(tmp_path: Path) -> None:
    path = damage.ascii85_nul_pdf(tmp_path / "a85.pdf")
    run = run_cli(path, "--engine", "pdfplumber")  # pdfminer's decoding error quotes the NUL
    assert_failed(run, 3, "page 1")
    _printable_line(run.err.strip())
    assert "\\x00" in run.err
    # pdfium reads past the broken stream: the page has no text, one printable line says so
    lenient = run_cli(path)
    assert_failed(lenient, 4, "no goal tables")
    _printable_line(lenient.err.strip())


def test_xml_syntax_error_is_one_line(tmp_path: Path) -> None:
    with zipfile.ZipFile(hostile.PPTX) as z:
        xml = z.read("ppt/slides/slide5.xml")
    broken = xml.replace(b"<a:t>", b"<a:t><oops\n attr=>", 1)
    path = hostile.rewrite_zip(hostile.PPTX, tmp_path / "rikki.pptx",
                               replace={"ppt/slides/slide5.xml": broken})
    run = run_cli(path)
    assert_failed(run, 3)
    _printable_line(run.err.strip())
    assert len(run.err.strip()) <= MAX_MESSAGE + len(str(path)) + 20


# --- 7. relationship cycles -----------------------------------------------------------------------


@pytest.mark.parametrize("maker", [damage.layout_cycle_pptx, damage.slide_cycle_pptx])
def test_relationship_cycle_is_a_corrupt_file(tmp_path: Path, maker: Callable[[Path], Path]) -> None:
    path = maker(tmp_path / "kehä.pptx")
    with pytest.raises(CorruptFileError, match="loop"):
        lnhs_parse.parse(path)
    run = run_cli(path)
    assert_failed(run, 3, "loop", str(path))


# --- 9. control characters ------------------------------------------------------------------------


def test_clean_text_keeps_tab_and_newline() -> None:
    assert clean_text("a\tb\nc") == ("a\tb\nc", 0)
    assert clean_text("a\r\nb\x0bc\rd") == ("a\nb\nc\nd", 0)
    assert clean_text("x\x00\x1f\x7f\x85\x9f\ud800\ufdd0\ufffe\U0010ffffy") == ("xy", 9)



def _statements(plan: lnhs_parse.Plan) -> list[str]:
    return [s.text for g in plan.goals for sg in g.sub_goals
            for s in (*sg.focus_areas, *sg.joint_highlights)]


def test_control_characters_dropped_from_a_pptx_plan(tmp_path: Path) -> None:
    clean = lnhs_parse.parse(hostile.PPTX)
    path = damage.control_characters_pptx(tmp_path / "ohjaus.pptx", slides=(1, 5))
    plan = lnhs_parse.parse(path)
    texts = damage.json_strings(json.loads(plan.to_json()))
    assert not [t for t in texts if BAD_CHARACTERS.search(t)]
    pages = [w.page for w in plan.warnings if w.code == "control-characters"]
    assert pages == [1, 5]
    # what remains is the deck's own text: the same plan as the undamaged deck's
    assert plan.title == clean.title
    assert [g.title for g in plan.goals] == [g.title for g in clean.goals]
    assert _statements(plan) == _statements(clean)
    # the XLSX writer refuses such characters: the export works and reads back
    from openpyxl import load_workbook

    from lnhs_parse.export import render

    out = tmp_path / "ohjaus.xlsx"
    data = render(plan, "xlsx")
    assert isinstance(data, bytes)
    out.write_bytes(data)
    cells = [c for ws in load_workbook(out).worksheets for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert any(plan.title in c for c in cells if plan.title)
    assert not [c for c in cells if BAD_CHARACTERS.search(c)]


def test_control_characters_dropped_from_pdf_text(tmp_path: Path) -> None:
    document = extract(damage.control_characters_pdf(tmp_path / "cmap.pdf"))
    texts = [line.text for page in document.pages for line in page.lines]
    assert texts == ["Kokous tila"]  # 'A' mapped to U+0001 and 'B' to U+FFFE: dropped
    assert [(w.code, w.page) for w in document.warnings] == [("control-characters", 1)]
    assert "3 control" in document.warnings[0].message


# --- 2. a folder's decks by content ---------------------------------------------------------------


@pytest.mark.slow
def test_batch_takes_decks_by_content_and_says_what_it_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "kansio"
    folder.mkdir()
    for suffix in damage.MAIN_TYPES:
        damage.powerpoint_variant(folder / f"arviointi{suffix}")
    (folder / "arviointi.dat").write_bytes(hostile.PDF.read_bytes())  # a PDF by any other name
    (folder / "muistio.txt").write_text("ei kalvosarja\n")
    (folder / "tyhja.pdf.bak").write_bytes(b"")
    damage.word_like_zip(folder / "kirje.docx")
    out = tmp_path / "out"
    run = run_cli(folder, "--out", out)
    assert run.code == 0, run.err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"arviointi{s}.json" for s in damage.MAIN_TYPES] + ["arviointi.dat.json"]
    )
    skipped = {line.split(": ")[1]: line for line in run.err.splitlines() if ": skipped: " in line}
    assert set(skipped) == {str(folder / n) for n in ("muistio.txt", "tyhja.pdf.bak", "kirje.docx")}
    assert "not a PDF or PowerPoint" in skipped[str(folder / "muistio.txt")]
    assert "empty" in skipped[str(folder / "tyhja.pdf.bak")]
    assert "without a PowerPoint presentation" in skipped[str(folder / "kirje.docx")]
    assert "4 of 4 parsed" in run.err and "3 other file(s) skipped" in run.err
    # one deck alone reads the same: the show file's plan is the deck's plan
    alone = lnhs_parse.parse(folder / "arviointi.ppsx")
    assert json.loads((out / "arviointi.ppsx.json").read_text())["title"] == alone.title
    quiet = run_cli(folder, "--out", tmp_path / "out2", "-q")
    assert quiet.code == 0 and quiet.err == ""


# --- 4. a PDF without its header ------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_without_header_is_read(tmp_path: Path) -> None:
    path = damage.headerless_pdf(tmp_path / "otsakkeeton.pdf", hostile.PDF)
    plan = lnhs_parse.parse(path)
    whole = lnhs_parse.parse(hostile.PDF)
    assert plan.title == whole.title
    assert [g.title for g in plan.goals] == [g.title for g in whole.goals]
    assert _statements(plan) == _statements(whole)
    # bytes that are no PDF objects are still refused
    (tmp_path / "teksti.pdf").write_bytes(b"12 apples obj\n")
    run = run_cli(tmp_path / "teksti.pdf")
    assert_failed(run, 3, "not a PDF or PPTX")


# --- 5. only the attachments encrypted ------------------------------------------------------------


def _plan_json(plan: lnhs_parse.Plan) -> dict[str, object]:
    return plan.model_dump(mode="json", exclude={"source"})


@pytest.mark.slow
def test_pdf_with_only_its_attachments_encrypted_is_read(tmp_path: Path) -> None:
    path = damage.attachment_encrypted_pdf(tmp_path / "liitteet.pdf", hostile.PDF, "liite-salasana")
    import pdfplumber  # the file does need a password for pdfminer (else this proves nothing)
    from pdfplumber.utils.exceptions import PdfminerException

    with pytest.raises(PdfminerException):
        pdfplumber.open(path)
    whole = _plan_json(lnhs_parse.parse(hostile.PDF))
    assert _plan_json(lnhs_parse.parse(path)) == whole
    # the attachment's password, or a wrong one, changes nothing: the pages are in the clear
    assert _plan_json(lnhs_parse.parse(path, password="liite-salasana")) == whole
    assert _plan_json(lnhs_parse.parse(path, password="väärä")) == whole
    run = run_cli(path)
    assert run.code == 0, run.err
    assert json.loads(run.out)["title"] == whole["title"]


@pytest.mark.slow
@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_with_its_pages_encrypted_is_still_refused(tmp_path: Path, algorithm: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(hostile.PDF))
    writer.add_attachment("liite.txt", b"liite")
    writer.encrypt(user_password="kissa123", owner_password="omistaja", algorithm=algorithm)
    path = tmp_path / "salattu.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(EncryptedFileError):
        lnhs_parse.parse(path)
    with pytest.raises(EncryptedFileError):
        lnhs_parse.parse(path, password="väärä")
    assert_failed(run_cli(path), 3, "encrypted", "--password")
    assert _plan_json(lnhs_parse.parse(path, password="kissa123")) == _plan_json(
        lnhs_parse.parse(hostile.PDF))
