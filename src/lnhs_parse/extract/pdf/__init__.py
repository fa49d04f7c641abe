"""PDF → layout model, with one of two engines (`ParseOptions.engine`).

`accepts` judges a file's first bytes; `extract` reads the file with pdfium (`pdfium.extract`, the
default) or pdfplumber (`plumber.extract`, the reference, pdfminer.six underneath). Both hand the
engine-neutral modules the same thing, so they give the same layout and the same plan:

- engine-neutral, on plain char / rect / line / curve / image dicts (`objects`) and the layout
  model: `lines` (chars → text lines; coloured status glyphs out of the text), `tables` (grids from
  ruling lines and fill tiles), `icons` (shapes, pictures, glyphs; page furniture), `markers` (list
  bullets drawn as shapes), `page` (one page put together, the scanned-document check), `colours`,
  `state` (warnings and caches of one document), `tags` (paragraphs from a structure tree),
  `images.image_signature` (a picture's colour and digest from its pixels);
- pdfium-specific: `pdfium` (opening, errors and the fall-backs to the reference engine, by file
  and by page, limits, the page objects turned into the dicts as pdfminer would make them),
  `pdfium_structure` (the structure tree of tagged PDFs), `descriptors` (the font descriptors that
  give no metrics, which pdfium's API can't tell), `pdfium_raw` (every call into pdfium's C API,
  through ctypes, declared and checked, under one process-wide lock);
- pdfplumber-specific: `plumber` (opening, errors, page count and limits, ``page.objects``),
  `structure` (the structure tree through `pdfplumber.structure`), `images` (decoding
  pdfminer's image streams).

The engines' libraries are imported only inside `extract`: importing this package or calling
`accepts` costs nothing, and the pdfium engine imports neither pdfplumber nor pdfminer (nor
pypdfium2's own package: only its bindings). Symbol-font characters (Wingdings "l" → "●") are
translated by `lnhs_parse.extract.symbols` before anything reads the chars. Thresholds are module
constants, named and documented where they are defined.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lnhs_parse.layout import Document
    from lnhs_parse.settings import ParseOptions

__all__ = ["accepts", "extract"]

# An indirect object ("12 0 obj") opening the file, after blank lines or comments at most: a PDF
# that lost its "%PDF-" header line, which pdfminer reads all the same from its xref and trailer.
_HEADERLESS = re.compile(rb"(?:\s|%[^\r\n]*[\r\n])*\d{1,10}\s+\d{1,5}\s+obj\b")


def accepts(head: bytes) -> bool:
    """A PDF: "%PDF-" within the first bytes (junk may come before it), or no header but an
    indirect object at the very start."""
    return b"%PDF-" in head or _HEADERLESS.match(head) is not None


def extract(path: str | Path, options: ParseOptions) -> Document:
    """Read the PDF at `path` with the engine `options.engine` names."""
    if options.engine == "pdfplumber":
        from lnhs_parse.extract.pdf import plumber

        return plumber.extract(path, options)
    from lnhs_parse.extract.pdf import pdfium

    return pdfium.extract(path, options)
