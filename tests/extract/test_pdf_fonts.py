"""Fonts through pdfium's API (issue 23): each font's name and metrics come from pdfium's font
functions, wherever its descriptor is stored; the chars' boxes are the reference engine's.

`fixtures/engines/*.objstm.pdf` hold their font descriptors in object streams (README.md there).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from lnhs_parse.extract import extract
from lnhs_parse.extract.pdf import descriptors, pdfium
from lnhs_parse.layout import Document
from lnhs_parse.settings import ParseOptions
from support import FIXTURES

# (deck, largest difference of a box allowed): LibreOffice's whole-unit widths agree to 1/100 pt,
# Chromium's fractional ones within the engines' tolerance (test_pdf_engines.BBOX_TOLERANCE)
OBJECT_STREAM_DECKS = [
    (FIXTURES / "engines" / "kymenlaakso-2023.objstm.pdf", 0.011),
    (FIXTURES / "engines" / "kymenlaakso-2024-html.objstm.pdf", 0.5),
]


def _boxes(doc: Document) -> list[tuple[int, str, tuple[float, ...]]]:
    out: list[tuple[int, str, tuple[float, ...]]] = [(p.number, ln.text, ln.bbox) for p in doc.pages for ln in p.lines]
    out += [(p.number, ln.text, ln.bbox) for p in doc.pages for t in p.tables for c in t.cells
            for ln in c.lines]
    out += [(p.number, i.kind, i.bbox) for p in doc.pages for i in p.icons]
    return out


def _worst(a: Document, b: Document) -> float:
    ba, bb = _boxes(a), _boxes(b)
    assert [x[:2] for x in ba] == [x[:2] for x in bb]
    return max(max(abs(p - q) for p, q in zip(x[2], y[2], strict=True))
               for x, y in zip(ba, bb, strict=True))


@pytest.mark.parametrize(("path", "tolerance"), OBJECT_STREAM_DECKS, ids=lambda v: str(v)[-30:])
def test_descriptors_in_object_streams_give_both_engines_the_same_boxes(path: Path,
                                                                       tolerance: float) -> None:
    data = path.read_bytes()
    assert b"/ObjStm" in data and b"/FontDescriptor" not in data  # only inside object streams
    got = extract(path, ParseOptions(engine="pdfium"))
    ref = extract(path, ParseOptions(engine="pdfplumber"))
    assert len(_boxes(ref)) > 100
    assert _worst(got, ref) <= tolerance
    assert got.warnings == ref.warnings


def test_a_descriptor_without_metrics_is_read_from_the_object_streams(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """LibreOffice's descriptors give /Ascent 0 /Descent 0: pdfminer boxes such chars from the
    baseline, pdfium measures the glyphs and its API can't tell. Found in the object streams, the
    boxes agree; not found (as when the engine scanned only the file's plain bytes), lines stand up
    to 6 pt off."""
    path, _ = OBJECT_STREAM_DECKS[0]
    assert descriptors.unmeasured_fonts(path) == {"LiberationSans", "LiberationSans-Bold",
                                                  "LiberationSans-Italic"}
    ref = extract(path, ParseOptions(engine="pdfplumber"))
    monkeypatch.setattr(descriptors, "unmeasured_fonts", lambda path: frozenset())
    assert _worst(extract(path, ParseOptions(engine="pdfium")), ref) > 1.0


def test_the_descriptors_of_plain_objects_are_found_too() -> None:
    assert descriptors.unmeasured_fonts(FIXTURES / "kymenlaakso-2023.pdf") == {
        "LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"}
    # Chromium's give metrics: pdfium's are the descriptor's
    assert descriptors.unmeasured_fonts(FIXTURES / "chromium" / "kymenlaakso-2024-html.pdf") == \
        frozenset()


def _pdf_with_object_stream(dest: Path, body: bytes, extra: bytes = b"") -> Path:
    """A file holding one object stream with `body` (a descriptor) and nothing else of note."""
    packed = zlib.compress(b"5 0 " + body)
    dest.write_bytes(b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode"
                     + extra + b" /Length %d >>\nstream\n" % len(packed) + packed
                     + b"\nendstream\nendobj\n")
    return dest


def test_object_streams_are_read_only_as_plain_flate(tmp_path: Path) -> None:
    body = b"<< /Type /FontDescriptor /FontName /ABCDEF+Kirjain /Ascent 0 /Descent 0 >>"
    assert descriptors.unmeasured_fonts(_pdf_with_object_stream(tmp_path / "a.pdf", body)) == {
        "Kirjain"}
    with_metrics = body.replace(b"/Descent 0", b"/Descent -212")
    assert descriptors.unmeasured_fonts(
        _pdf_with_object_stream(tmp_path / "b.pdf", with_metrics)) == frozenset()
    predicted = _pdf_with_object_stream(tmp_path / "c.pdf", body,
                                        b" /DecodeParms << /Predictor 12 /Columns 4 >>")
    assert descriptors.unmeasured_fonts(predicted) == frozenset()  # not inflated: pdfium's metrics
    broken = tmp_path / "d.pdf"
    broken.write_bytes(predicted.read_bytes().replace(b" /DecodeParms << /Predictor 12 /Columns "
                                                      b"4 >>", b"").replace(b"x\x9c", b"xx", 1))
    assert descriptors.unmeasured_fonts(broken) == frozenset()
    empty = tmp_path / "e.pdf"
    empty.write_bytes(b"")
    assert descriptors.unmeasured_fonts(empty) == frozenset()


def test_standard_descents_are_pdfminers() -> None:
    """The standard 14 fonts' descents as pdfminer takes them from the Adobe font metrics."""
    from pdfminer.fontmetrics import FONT_METRICS

    want = {name: float(str(d.get("Descent", 0))) / 1000  # a number in the metrics table
            for name, (d, _) in FONT_METRICS.items()}
    assert want == pdfium.STANDARD_DESCENTS


def test_a_file_of_object_stream_markers_is_read_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reading of object streams is bounded per file (`MAX_OBJECT_STREAMS`, each dictionary
    searched within `_DICT_SPAN` bytes, each stream inflated from `_STREAM_WINDOW` bytes): a
    file made of nothing but object stream markers is looked at that many times, not once per
    marker."""
    calls: list[int] = []
    original = descriptors._inflate

    def counting(*args: object) -> bytes:
        calls.append(1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(descriptors, "_inflate", counting)
    monkeypatch.setattr(descriptors, "MAX_OBJECT_STREAMS", 50)
    path = tmp_path / "merkit.pdf"
    path.write_bytes(b"%PDF-1.5\n" + b"1 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n"
                     * 20_000)
    assert descriptors.unmeasured_fonts(path) == frozenset()
    assert len(calls) == 50
