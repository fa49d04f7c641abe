"""The zip container of a PPTX (Open Packaging Conventions), checked before python-pptx opens it.

`inspect_package` refuses a file that is no readable zip, no OOXML presentation, declares sizes over
`Limits` (checked on the central directory, before anything is inflated) or has an XML part that
declares a DTD or entity. See docs/pptx.md for the checks and the errors they raise.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

from lnhs_parse.errors import CorruptFileError, LimitExceededError, UnsupportedFormatError
from lnhs_parse.extract import ooxml
from lnhs_parse.settings import Limits

# Content types of a presentation's main part (pptx, pptm, ppsx, potx, ...).
_MAIN_CONTENT_TYPES = re.compile(
    r"application/vnd\.ms-powerpoint\.(presentation|slideshow|template)\.macroEnabled\.main\+xml"
    r"|application/vnd\.openxmlformats-officedocument\.presentationml\."
    r"(presentation|slideshow|template)\.main\+xml"
)
_SLIDE_PART = re.compile(r"^/?ppt/slides/slide\d+\.xml$")

RATIO_MAX = 200  # inflated : compressed, for members above RATIO_MIN_BYTES
RATIO_MIN_BYTES = 1024 * 1024
PROLOG_MAX_BYTES = 64 * 1024  # an XML prolog (declaration, comments) longer than this is refused


def inspect_package(path: Path, limits: Limits) -> None:
    """Check the zip container before python-pptx opens it; raise on anything unsafe or not a PPTX.

    Sizes are judged from the central directory, so a zip bomb is refused before a byte of it is
    inflated. Python's zipfile never inflates a member past its declared size (it truncates the
    output to `file_size` and then fails the CRC), so the declared sizes really bound memory. Only
    the first bytes of each part are then read, to refuse XML that declares a DTD or entities.
    """
    p = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(f"not a readable zip archive ({exc})", path=p) from exc
    except (OSError, EOFError, ValueError, struct.error, NotImplementedError) as exc:
        raise CorruptFileError(f"the zip archive can't be read ({exc})", path=p) from exc
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise CorruptFileError("the zip archive holds two parts with the same name", path=p)
        total = 0
        for info in infos:
            _check_member_size(info, limits, p)
            total += info.file_size
        if total > limits.max_inflated_bytes:
            raise LimitExceededError(
                f"the parts inflate to {total / 2**20:.1f} MB, over the limit of "
                f"{limits.max_inflated_mb:g} MB",
                path=p,
            )
        if "[Content_Types].xml" not in names:
            raise UnsupportedFormatError("a zip archive but not an Office document", path=p)
        for info in infos:
            if info.flag_bits & 0x1:
                raise CorruptFileError(f"part {info.filename} is encrypted", path=p)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise CorruptFileError(
                    f"part {info.filename} uses an unsupported compression method", path=p
                )
        try:
            for info in infos:
                _check_xml_prolog(zf, info, p)
            ct = ooxml.parse_xml(zf.read("[Content_Types].xml"))
        except (zipfile.BadZipFile, zlib.error) as exc:
            raise CorruptFileError(f"a part of the zip archive is damaged ({exc})", path=p) from exc
        except (OSError, EOFError, ValueError, NotImplementedError, struct.error, KeyError) as exc:
            raise CorruptFileError(f"the zip archive can't be read ({exc})", path=p) from exc
        except CorruptFileError as exc:
            exc.path = exc.path or p
            raise
        content_types = [
            el.get("ContentType", "")
            for el in ct.iter(f"{{{ooxml.NS['ct']}}}Override", f"{{{ooxml.NS['ct']}}}Default")
        ]
        if not any(_MAIN_CONTENT_TYPES.fullmatch(t) for t in content_types):
            raise UnsupportedFormatError(
                "an Office document but not a PowerPoint presentation", path=p
            )
        slides = sum(1 for n in names if _SLIDE_PART.match(n))
        if slides > limits.max_pages:
            raise LimitExceededError(
                f"the deck has {slides} slides, over the limit of {limits.max_pages}", path=p
            )


def _check_member_size(info: zipfile.ZipInfo, limits: Limits, path: str) -> None:
    if info.file_size > limits.max_part_bytes:
        raise LimitExceededError(
            f"part {info.filename} inflates to {info.file_size / 2**20:.1f} MB, over the limit of "
            f"{limits.max_part_mb:g} MB per part",
            path=path,
        )
    if info.file_size > RATIO_MIN_BYTES and info.file_size > RATIO_MAX * max(info.compress_size, 1):
        raise LimitExceededError(
            f"part {info.filename} has a compression ratio of "
            f"{info.file_size / max(info.compress_size, 1):.0f}:1 (a zip bomb?)",
            path=path,
        )


def _check_xml_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> None:
    """Refuse an XML part whose prolog declares a DTD (and with it, entities).

    Reads only up to the root element's start tag. Parts that don't start like XML (images) pass.
    """
    if info.is_dir() or info.file_size == 0:
        return
    with zf.open(info) as fh:
        buf = fh.read(4096)
        if buf.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM: decode as we go
            encoding = "utf-16"
        elif buf[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
            raise CorruptFileError(f"part {info.filename} is in an unsupported encoding", path=path)
        else:
            encoding = None
        while True:
            verdict = _scan_prolog(buf.decode(encoding, "ignore") if encoding else buf)
            if verdict == "dtd":
                raise CorruptFileError(
                    f"part {info.filename}: XML declares a DTD/entity, which is never read",
                    path=path,
                )
            if verdict in ("root", "not-xml"):
                return
            if len(buf) > PROLOG_MAX_BYTES:
                raise CorruptFileError(f"part {info.filename}: XML prolog too long", path=path)
            more = fh.read(4096)
            if not more:
                return  # ends inside the prolog: the XML parser will refuse it
            buf += more


def _scan_prolog(data: bytes | str) -> str:
    """"dtd", "root" (reached the root element first), "not-xml" or "more" (need more data)."""
    if isinstance(data, bytes):
        data = data.decode("latin-1")  # ASCII-compatible and lossless: markup is ASCII
    data = data.lstrip("\ufeff")
    if data.startswith("\xef\xbb\xbf"):  # a UTF-8 BOM seen through latin-1
        data = data[3:]
    i, n = 0, len(data)
    while True:
        while i < n and data[i] in " \t\r\n":
            i += 1
        if i >= n:
            return "more"
        if data[i] != "<":
            return "not-xml" if i == 0 else "root"
        if n - i < 10:
            return "more"
        if data.startswith("<?", i):
            end = data.find("?>", i + 2)
            if end < 0:
                return "more"
            i = end + 2
        elif data.startswith("<!--", i):
            end = data.find("-->", i + 4)
            if end < 0:
                return "more"
            i = end + 3
        elif data.startswith("<!", i):
            # <!DOCTYPE, <!ENTITY or any other markup declaration: all belong to a DTD
            return "dtd"
        else:
            return "root"
