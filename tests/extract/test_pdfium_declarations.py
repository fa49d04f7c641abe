"""Every pdfium function the engine declares (`pdfium_raw.SIGNATURES`) against the bindings
pypdfium2 generates from pdfium's headers: name, argument count, each argument's type and the
result's. A pypdfium2 release that changes one fails here, not in a user's parse; pyproject.toml
bounds pypdfium2 to the releases this test has passed on.

Types are compared by what they are to C: a scalar by its ctypes type (`c_uint32` is `c_uint`
where they are the same), a pointer by what it points to, a structure by its fields, a pdfium
handle (a pointer to an opaque `struct fpdf_..._t__`) by its name. The engine passes every pointer
to ctypes as `c_void_p` (`pdfium_raw.Ptr`), which this test checks too.

Only `pypdfium2_raw` is imported here (its bindings load the same library), never by the engine.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path
from typing import Any

import pytest
from pypdfium2_raw import bindings

from lnhs_parse.extract.pdf import pdfium_raw
from lnhs_parse.extract.pdf.pdfium_raw import SIGNATURES, Ptr
from support import ROOT


def _handle_name(struct_name: str) -> str:
    """ "struct_fpdf_document_t__" → "fpdf_document"."""
    return re.sub(r"_t_*$", "", struct_name.removeprefix("struct_"))


def _theirs(t: Any) -> Any:
    """A ctypes type of the bindings in comparable form."""
    if t is None:
        return "void"
    if t is ctypes.c_void_p:
        return ("ptr", "void")
    if t is ctypes.c_char_p:
        return ("ptr", ctypes.c_char)
    if isinstance(t, type) and issubclass(t, ctypes._Pointer):
        target = t._type_
        if isinstance(target, type) and issubclass(target, ctypes.Structure):
            if not hasattr(target, "_fields_"):  # opaque: a pdfium handle
                return ("handle", _handle_name(target.__name__))
            return ("ptr", _struct(target, _theirs))
        return ("ptr", _theirs(target))
    if isinstance(t, type) and issubclass(t, ctypes.Structure):
        return _struct(t, _theirs)
    assert isinstance(t, type) and issubclass(t, ctypes._SimpleCData), t
    return t


def _ours(d: Any) -> Any:
    """A declaration of `SIGNATURES` in comparable form."""
    if d is None:
        return "void"
    if isinstance(d, Ptr):
        if isinstance(d.to, str):
            return ("handle", d.to)
        return ("ptr", "void") if d.to is None else ("ptr", _ours(d.to))
    if isinstance(d, type) and issubclass(d, ctypes.Structure):
        return _struct(d, _ours)
    assert isinstance(d, type) and issubclass(d, ctypes._SimpleCData), d
    return d


def _struct(t: type[ctypes.Structure], canon: Any) -> tuple[str, tuple[Any, ...]]:
    return ("struct", tuple((name, canon(ftype)) for name, ftype, *_ in t._fields_))


def _differences(name: str, signature: Any) -> list[str]:
    fn = getattr(bindings, name, None)
    if fn is None:
        return [f"{name}: not in pypdfium2's bindings"]
    result, args = signature
    out = []
    if _ours(result) != _theirs(fn.restype):
        out.append(f"{name}: result {_ours(result)} != {_theirs(fn.restype)}")
    theirs = list(fn.argtypes or ())
    if len(args) != len(theirs):
        return [*out, f"{name}: {len(args)} arguments != {len(theirs)}"]
    for i, (a, b) in enumerate(zip(args, theirs, strict=True)):
        if _ours(a) != _theirs(b):
            out.append(f"{name}: argument {i + 1} {_ours(a)} != {_theirs(b)}")
    return out


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_each_declaration_is_pypdfium2s(name: str) -> None:
    assert _differences(name, SIGNATURES[name]) == []


def test_the_comparison_tells_a_changed_declaration() -> None:
    """A wrong argument type, a missing argument, another handle, another result, another
    struct: each is a difference (else the test above proves nothing)."""
    result, args = SIGNATURES["FPDFFont_GetGlyphWidth"]
    assert _differences("FPDFFont_GetGlyphWidth", (result, args)) == []
    changed = {
        "double for float": (result, (*args[:2], ctypes.c_double, args[3])),
        "an argument less": (result, args[:3]),
        "a page for a font": (result, (Ptr("fpdf_page"), *args[1:])),
        "int result": (ctypes.c_long, args),
        "signed code": (result, (args[0], ctypes.c_int, *args[2:])),
        "double out": (result, (*args[:3], Ptr(ctypes.c_double))),
    }
    for what, signature in changed.items():
        assert _differences("FPDFFont_GetGlyphWidth", signature), what

    class Rect(ctypes.Structure):
        _fields_ = [(n, ctypes.c_double) for n in ("left", "top", "right", "bottom")]

    res, rect_args = SIGNATURES["FPDFText_GetLooseCharBox"]
    assert _differences("FPDFText_GetLooseCharBox", (res, (*rect_args[:2], Ptr(Rect))))
    assert _differences("FPDF_NoSuchFunction", (None, ()))


def test_ctypes_is_given_the_declarations() -> None:
    """Every declared function gets its result and argument types, each pointer as `c_void_p`."""
    with pdfium_raw.LOCK:
        lib = pdfium_raw.lib()
    for name, (result, args) in SIGNATURES.items():
        fn = getattr(lib, name)
        assert fn.restype is (ctypes.c_void_p if isinstance(result, Ptr) else result), name
        assert fn.argtypes == tuple(ctypes.c_void_p if isinstance(a, Ptr) else a for a in args), \
            name


def test_pdfium_is_not_called_without_the_lock() -> None:
    with pytest.raises(RuntimeError, match=r"without holding pdfium_raw\.LOCK"):
        pdfium_raw.page_count(0)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_pypdfium2_is_bounded_to_the_releases_seen() -> None:
    """pyproject.toml bounds pypdfium2 from below and above; the installed release lies inside."""
    from importlib.metadata import version

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'"pypdfium2>=([\d.]+),<([\d.]+)"', pyproject)
    assert m is not None, "pypdfium2 must have a lower and an upper bound"
    installed = _version(version("pypdfium2"))
    assert _version(m.group(1)) <= installed < _version(m.group(2))
    assert Path(pdfium_raw.__file__).name == "pdfium_raw.py"
