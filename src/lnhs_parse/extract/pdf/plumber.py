"""Opening a PDF and reading its pages with pdfplumber (imported here lazily, inside `extract`):
the reference engine (`--engine pdfplumber`), and the one the pdfium engine hands a file it can't
open.

Everything that knows pdfplumber's objects is here or in `structure` (the structure tree) and
`images` (pdfminer's image streams): opening and its errors (encryption, broken files), the page
count and limits, ``page.objects`` handed to the engine-neutral `page.analyse_page`, the debug
pictures. `pdfium` is the other engine, on the same engine-neutral modules.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lnhs_parse.errors import (
    CorruptFileError,
    EncryptedFileError,
    LimitExceededError,
    LnhsParseError,
)
from lnhs_parse.extract import sha256_of
from lnhs_parse.extract.pdf.images import picture_signature
from lnhs_parse.extract.pdf.objects import PdfObject, upright
from lnhs_parse.extract.pdf.page import PageDraft, analyse_page, check_scanned, finish_pages
from lnhs_parse.extract.pdf.state import DocState, PictureSignature, describe
from lnhs_parse.extract.pdf.structure import Tree, has_structure, paragraph_blocks, read_tree
from lnhs_parse.layout import Document
from lnhs_parse.settings import ParseOptions


class _OverLimit(Exception):
    """Raised inside pdfminer's interpreter when a page has drawn more objects than allowed."""


def _read_counted(page: Any, limit: int) -> int:
    """Interpret `page`'s content as pdfplumber would (its layout is then cached on the page),
    counting characters, paths and images as they are drawn and stopping as soon as there are
    more than `limit`: a page over the limit is refused before all of it is in memory. Returns
    the count, which is over `limit` when it stopped. Reads nothing when this pdfplumber keeps its
    layout otherwise (its own `page.objects` then reads the page, and the count after it holds)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    if not hasattr(type(page), "layout") or hasattr(page, "_layout"):
        return 0

    class Counting(PDFPageAggregatorWithMarkedContent):
        drawn = 0
        marks: list[tuple[str, int | None]]

        # Marked-content sequences nest (ISO 32000-1, 14.6): Acrobat PDFMaker wraps each tagged
        # paragraph's content in an optional-content sequence, "/P <</MCID 0>> BDC /OC /MC1 BDC
        # ... EMC EMC". pdfplumber keeps only the innermost sequence, and an inner EMC clears the
        # id for the rest of the outer one; a stack keeps the id of the sequence that has one, as
        # pdfium does (its objects take the first enclosing mark with an MCID), and "Artifact"
        # wherever an enclosing sequence is one.
        def begin_tag(self, tag: Any, props: Any = None) -> None:
            if not hasattr(self, "marks"):
                self.marks = []
            super().begin_tag(tag, props)
            self.marks.append((self.cur_tag or "", self.cur_mcid))
            self._current()

        def end_tag(self) -> None:
            if getattr(self, "marks", None):
                self.marks.pop()
            self._current()

        def _current(self) -> None:
            marks = getattr(self, "marks", [])
            tags = [t for t, _ in marks]
            self.cur_tag = "Artifact" if "Artifact" in tags else (tags[-1] if tags else None)
            self.cur_mcid = next((m for _, m in marks if m is not None), None)

        def _count(self, before: int) -> None:
            self.drawn += max(0, len(self.cur_item) - before)
            if self.drawn > limit:
                raise _OverLimit

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            before = len(self.cur_item)
            result = super().render_char(*args, **kwargs)
            self._count(before)
            return result

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            before = len(self.cur_item)
            super().paint_path(*args, **kwargs)
            self._count(before)

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            before = len(self.cur_item)
            super().render_image(*args, **kwargs)
            self._count(before)

    device = Counting(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except _OverLimit:
        return device.drawn
    page._layout = device.get_result()
    return device.drawn


def extract(path: str | Path, options: ParseOptions) -> Document:
    """Read the PDF at `path` into the layout model."""
    p = Path(path)
    name = str(p)
    digest = sha256_of(p)
    with _closing(_open(p, options)) as pdf:
        pdf_pages = _pages(pdf, options, name)
        state = DocState(slides=options.slides)
        tree = read_tree(pdf) if has_structure(pdf) else None
        drafts: list[PageDraft] = []
        for page in pdf_pages:
            drafts.append(read_page(page, options, state, tree, name))
            page.close()  # drop pdfplumber's per-page caches: we keep only our own model
        check_scanned(drafts, name)
        pages = finish_pages(drafts)
        if options.debug_dir is not None:
            _write_debug(pdf_pages, pages, options, state)

    return Document(
        path=name,
        format="pdf",
        sha256=digest,
        page_count=len(pdf_pages),
        pages=pages,
        warnings=tuple(state.warnings),
        engine="pdfplumber",
    )


def import_pdfplumber() -> Any:
    """pdfplumber, imported the first time under `pdfium_raw.LOCK`: importing it imports
    pypdfium2 (its page renderer), which initialises pdfium, a call into pdfium like any other."""
    if "pdfplumber" not in sys.modules:
        from lnhs_parse.extract.pdf.pdfium_raw import LOCK

        with LOCK:
            import pdfplumber
    import pdfplumber

    return pdfplumber


def _open(p: Path, options: ParseOptions) -> Any:
    """The file opened by pdfplumber; the typed error that says why it can't be."""
    pdfplumber = import_pdfplumber()
    from pdfplumber.utils.exceptions import PdfminerException

    name = str(p)
    try:
        return pdfplumber.open(p, password=options.password or "")
    except PdfminerException as exc:
        pdf = _open_clear_pages(p, exc)
        if pdf is None:
            raise _open_error(exc, name, bool(options.password)) from exc
        return pdf
    except Exception as exc:  # pdfminer raises many kinds of errors on a broken file
        raise CorruptFileError(f"not a readable PDF ({describe(exc)})", path=name) from exc


def _pages(pdf: Any, options: ParseOptions, name: str) -> list[Any]:
    """The document's pages (pdfplumber's), refused over the page limit before they are built
    when the page tree's /Count says so."""
    try:
        page_count = _page_count(pdf)
    except Exception as exc:
        raise CorruptFileError(f"the page tree is broken ({describe(exc)})", path=name) from exc
    if page_count > options.limits.max_pages:
        raise LimitExceededError(
            f"{page_count} pages, over the limit of {options.limits.max_pages}", path=name
        )
    try:
        pdf_pages = list(pdf.pages)
    except Exception as exc:
        raise CorruptFileError(f"the page tree is broken ({describe(exc)})", path=name) from exc
    if len(pdf_pages) > options.limits.max_pages:  # the page tree's /Count understated it
        raise LimitExceededError(
            f"{len(pdf_pages)} pages, over the limit of {options.limits.max_pages}", path=name
        )
    return pdf_pages


def read_page(page: Any, options: ParseOptions, state: DocState, tree: Tree | None,
              name: str) -> PageDraft:
    """One page (a `pdfplumber.Page`) read and analysed, its paragraphs from the file's structure
    `tree` when it has one. Only pdfplumber's reading of the page is "can't be read"
    (`CorruptFileError`); the analysis is engine-neutral, and a failure there is ours, raised as
    it is."""
    number = page.page_number
    limit = options.limits.max_page_objects
    try:
        n_read = _read_counted(page, limit)
        if n_read > limit:
            raise LimitExceededError(
                f"page {number} has {n_read} objects or more, over the limit of {limit}",
                path=name,
            )
        objects = page.objects
        width, height = float(page.width), float(page.height)
    except LnhsParseError:
        raise
    except Exception as exc:
        raise CorruptFileError(f"page {number} can't be read ({describe(exc)})", path=name) from exc
    n_objects = sum(len(v) for v in objects.values())
    if n_objects > limit:
        raise LimitExceededError(
            f"page {number} has {n_objects} objects, over the limit of {limit}", path=name
        )
    _clean_chars(objects.get("char", []))
    blocks = paragraph_blocks(tree, number, state) if tree is not None else {}
    pictures = _pictures(state, number)
    return analyse_page(number, width, height, objects, state, pictures, blocks)


def _clean_chars(chars: list[PdfObject]) -> None:
    """Each char's ``fontname`` as a string: pdfminer takes it from the font descriptor's
    /FontName as written, and a damaged file may give a bare keyword, a string or a number there.
    And its ``upright`` by `objects.upright`, as the pdfium engine reads it."""
    for c in chars:
        matrix = c.get("matrix")
        if matrix is not None:
            c["upright"] = upright(*matrix[:4])
        fontname = c.get("fontname")
        if type(fontname) is not str:
            c["fontname"] = _as_text(fontname)


def _as_text(value: object) -> str:
    name = getattr(value, "name", value)  # pdfminer's PSLiteral, PSKeyword
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return "" if name is None else str(name)


class PagesDiffer(Exception):
    """The reference engine counts the file's pages otherwise than pdfium: a page of one is not
    known to be the page of the other at the same place."""

    def __init__(self, pdfium: int, reference: int) -> None:
        super().__init__(f"pdfium finds {pdfium} pages, pdfplumber {reference}")


class ReferencePages:
    """The reference engine's pages of one file, opened on first use: the pdfium engine reads a
    page it can't load, or a rotated one, through this (`read`). Close it when done."""

    def __init__(self, path: Path, options: ParseOptions, count: int) -> None:
        self.path = path
        self.options = options
        self.count = count  # the pages pdfium finds
        self._pdf: Any = None
        self._pages: list[Any] = []
        self._tree: Tree | None = None

    def read(self, index: int, state: DocState) -> PageDraft:
        """Page `index` (0-based) read and analysed by the reference engine: `PagesDiffer` when
        it finds another number of pages than pdfium (page `index` may then be another page); the
        typed error of a file it can't open, or a page it can't read."""
        name = str(self.path)
        if self._pdf is None:
            self._pdf = _open(self.path, self.options)
            self._pages = _pages(self._pdf, self.options, name)
            self._tree = read_tree(self._pdf) if has_structure(self._pdf) else None
        if len(self._pages) != self.count:
            raise PagesDiffer(self.count, len(self._pages))
        page = self._pages[index]
        try:
            return read_page(page, self.options, state, self._tree, name)
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            _closing_pdf(self._pdf)
            self._pdf = None


def _write_debug(pdf_pages: list[Any], pages: Any, options: ParseOptions, state: DocState) -> None:
    """The debug pictures, drawn over the pages pdfplumber renders (with pdfium: under its lock)."""
    from lnhs_parse.extract import debug
    from lnhs_parse.extract.pdf.pdfium_raw import LOCK

    assert options.debug_dir is not None
    try:
        with LOCK:
            debug.write_pages(pdf_pages, pages, options.debug_dir)
    except Exception as exc:  # a debug picture never costs the parse
        state.warn("debug-write-failed", f"debug images not written: {describe(exc)}", None)


def _pictures(state: DocState, number: int) -> Callable[[PdfObject], PictureSignature]:
    """The picture decoder `analyse_page` calls for each image of page `number`."""

    def signature(img: PdfObject) -> PictureSignature:
        return picture_signature(img, state, number)

    return signature


@contextmanager
def _closing(pdf: Any) -> Iterator[Any]:
    """Close the PDF whatever happens."""
    try:
        yield pdf
    finally:
        _closing_pdf(pdf)


def _closing_pdf(pdf: Any) -> None:
    """Close a PDF. pdfplumber's own ``close()`` walks the page tree again and raises on a broken
    one, which would replace the error being raised: then close the file only."""
    try:
        pdf.close()
    except Exception:
        stream = getattr(pdf, "stream", None)
        if stream is not None and not getattr(pdf, "stream_is_external", False):
            stream.close()


def _open_error(exc: Exception, name: str, password_given: bool) -> LnhsParseError:
    """The typed error for what pdfplumber raised while opening: encrypted, or unreadable."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return EncryptedFileError(
            "the PDF is encrypted and the password given is wrong" if password_given
            else "the PDF is encrypted: give its password with --password",
            path=name,
        )
    if isinstance(inner, PDFEncryptionError):
        # pdfminer's text names the handler's parameters, raw key bytes and all: kept as the detail
        return EncryptedFileError("the PDF's encryption method is not supported", path=name,
                                  detail=str(inner))
    return CorruptFileError(f"not a readable PDF ({describe(exc)})", path=name)


def _open_clear_pages(path: Path, exc: Exception) -> Any:
    """The PDF opened without its security handler when the password was refused but the /Encrypt
    dictionary leaves streams and strings in the clear (/StmF and /StrF /Identity, V 4 or 5:
    only the attached files are encrypted, through /EFF). None for any other encrypted PDF."""
    import io
    import re

    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, resolve1
    from pdfminer.psparser import PSLiteral

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if not isinstance(inner, PDFEncryptionError):
        return None

    class _Unapplied(PDFDocument):
        def _initialize_password(self, password: str = "") -> None:
            pass  # read the /Encrypt dictionary, don't apply it

    def identity(value: object) -> bool:  # an absent filter name means /Identity
        value = resolve1(value)
        return value is None or (isinstance(value, PSLiteral) and value.name == "Identity")

    try:
        data = path.read_bytes()
        doc = _Unapplied(PDFParser(io.BytesIO(data)))
        if doc.encryption is None:
            return None
        param = doc.encryption[1]
        version = resolve1(param.get("V"))
        if not (version in (4, 5) and identity(param.get("StmF")) and identity(param.get("StrF"))):
            return None
        refs = [t["Encrypt"] for x in doc.xrefs if "Encrypt" in (t := x.get_trailer())]
        inert = data
        for ref in refs:  # the trailer's key renamed in place (same length: offsets hold)
            target = rb"%d\s+\d+\s+R" % ref.objid if isinstance(ref, PDFObjRef) else rb"<<"
            inert = re.sub(rb"/Encrypt(\s*" + target + rb")", rb"/NoCrypt\1", inert)
        if inert == data:
            return None
        return import_pdfplumber().open(io.BytesIO(inert))
    except Exception:  # anything odd: the password error stands
        return None


def _page_count(pdf: Any) -> int:
    """Pages in the document from the page tree's /Count, without building page objects."""
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:  # a broken /Count: counting the pages themselves raises what is wrong
        pass
    return len(pdf.pages)
