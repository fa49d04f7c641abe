"""Makers of the damage found on real-world files and by the mutation campaign: relationship cycles
in a PPTX, control characters in a deck's text, pages and slides of very many shapes, PDFs without
their header or with encrypted attachments only, PDFs that make pdfminer log.

Each function writes one file and returns its path; the fixture decks are the base where the
damage is the only thing wrong with the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from hostile import PPTX, one_page_pdf, page_objects, pdf_document, rewrite_zip, stream


def _slide_layout(z: zipfile.ZipFile, slide: int) -> str:
    """The layout part name of slide `slide` of the deck `z`."""
    rels = z.read(f"ppt/slides/_rels/slide{slide}.xml.rels").decode()
    target = re.search(r'Type="[^"]*/slideLayout" Target="\.\./slideLayouts/([^"]+)"', rels)
    assert target is not None
    return target.group(1)


def layout_cycle_pptx(dest: Path, src: Path = PPTX) -> Path:
    """The deck with the master relationship of slide 1's layout pointing at the layout itself."""
    with zipfile.ZipFile(src) as z:
        layout = _slide_layout(z, 1)
        rels_name = f"ppt/slideLayouts/_rels/{layout}.rels"
        rels = z.read(rels_name).decode()
    rels = re.sub(r'(Type="[^"]*/slideMaster" Target=")[^"]+"', rf'\g<1>{layout}"', rels)
    return rewrite_zip(src, dest, replace={rels_name: rels.encode()})


def slide_cycle_pptx(dest: Path, src: Path = PPTX) -> Path:
    """The deck with slide 1's layout relationship pointing at slide 1 itself."""
    name = "ppt/slides/_rels/slide1.xml.rels"
    with zipfile.ZipFile(src) as z:
        rels = z.read(name).decode()
    rels = re.sub(r'(Type="[^"]*/slideLayout" Target=")[^"]+"', r'\g<1>slide1.xml"', rels)
    return rewrite_zip(src, dest, replace={name: rels.encode()})


def font_without_bbox_pdf(dest: Path) -> Path:
    """A page of text in a font whose descriptor has no /FontBBox (pdfminer logs a warning)."""
    objects = page_objects(b"BT /F1 18 Tf 72 720 Td (Kokous) Tj ET")
    objects[4] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Oma /FirstChar 32 /LastChar 126 "
                  b"/Widths [" + b"500 " * 95 + b"] /FontDescriptor 6 0 R >>")
    objects.append(b"<< /Type /FontDescriptor /FontName /Oma /Flags 32 /ItalicAngle 0 /Ascent 700 "
                   b"/Descent -200 /CapHeight 700 /StemV 80 >>")
    dest.write_bytes(pdf_document(objects))
    return dest


def self_drawing_form_pdf(dest: Path) -> Path:
    """A page drawing a form XObject that draws itself (pdfminer logs and skips the loop)."""
    objects = page_objects(b"BT /F1 18 Tf 72 720 Td (Kokous) Tj ET /X1 Do")
    objects[2] = objects[2].replace(b"/Font << /F1 5 0 R >>",
                                    b"/Font << /F1 5 0 R >> /XObject << /X1 6 0 R >>")
    form = b"0 0 1 rg 10 10 5 5 re f /X1 Do"
    objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject "
                   b"<< /X1 6 0 R >> >> /Length %d >>\nstream\n" % len(form) + form
                   + b"\nendstream")
    dest.write_bytes(pdf_document(objects))
    return dest


# Legal in XML 1.0, so a PPTX can carry them: C1 controls and noncharacters.
PPTX_BAD_CHARACTERS = "\u0085\u009f\ufdd0\ufdef"


def control_characters_pptx(dest: Path, src: Path = PPTX, slides: tuple[int, ...] = (1, 5),
                            chars: str = PPTX_BAD_CHARACTERS) -> Path:
    """The deck with `chars` (C1 controls and noncharacters) put into every text run of `slides`;
    `chars` must be legal XML character data."""
    replace = {}
    with zipfile.ZipFile(src) as z:
        for n in slides:
            name = f"ppt/slides/slide{n}.xml"
            xml = z.read(name).decode()

            def spoil(m: re.Match[str]) -> str:
                text = m.group(1)
                middle = len(text) // 2
                return f"<a:t>{chars[0]}{text[:middle]}{chars}{text[middle:]}</a:t>"

            replace[name] = re.sub(r"<a:t>([^<]+)</a:t>", spoil, xml).encode()
    return rewrite_zip(src, dest, replace=replace)


def control_characters_pdf(dest: Path) -> Path:
    """A text page whose font's ToUnicode map sends 'A' to U+0001 and 'B' to U+FFFE."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <0001> "
            b"<42> <FFFE> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    objects = page_objects(b"BT /F1 18 Tf 72 720 Td (KokousAB tAila) Tj ET")
    objects[4] = objects[4].replace(b" >>", b" /ToUnicode 6 0 R >>")
    objects.append(stream(cmap))
    dest.write_bytes(pdf_document(objects))
    return dest


def ascii85_nul_pdf(dest: Path) -> Path:
    """A page whose content stream is ASCII85-encoded with a NUL and a newline in the bad data."""
    objects = page_objects(b"")
    objects[3] = (b"<< /Length 12 /Filter /ASCII85Decode >>\nstream\n"
                  b"87cUR\x00\nx\x01yz~>\nendstream")
    dest.write_bytes(pdf_document(objects))
    return dest


def unknown_encryption_pdf(dest: Path) -> Path:
    """A text page whose /Encrypt dictionary names a security handler nobody has, with raw key
    bytes in it (pdfminer's error message repeats the whole dictionary)."""
    objects = page_objects(b"BT /F1 18 Tf 72 720 Td (Kokous) Tj ET")
    key = bytes(range(256)) * 2
    objects.append(b"<< /Filter /Kummallinen /V 9 /R 9 /Length 128 /O <" + key.hex().encode()
                   + b"> /U (" + key.replace(b"\\", b"").replace(b"(", b"").replace(b")", b"")
                   + b") /P -4 >>")
    dest.write_bytes(pdf_document(objects, trailer_extra=b" /Encrypt 6 0 R /ID [<00><00>]"))
    return dest


MAIN_TYPES = {
    ".pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    ".ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    ".potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
}


def powerpoint_variant(dest: Path, src: Path = PPTX) -> Path:
    """The deck as PowerPoint's macro, show or template file (`dest`'s suffix, a key of
    `MAIN_TYPES`): the same format, the main part of another content type."""
    name = "[Content_Types].xml"
    with zipfile.ZipFile(src) as z:
        types = z.read(name).decode()
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    assert main in types
    return rewrite_zip(src, dest, replace={name: types.replace(main, MAIN_TYPES[dest.suffix])
                                           .encode()})


def word_like_zip(dest: Path) -> Path:
    """An OOXML zip that is no presentation (a word-processing main part)."""
    with zipfile.ZipFile(dest, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
                   'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
                   '/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    return dest


def headerless_pdf(dest: Path, src: Path) -> Path:
    """`src` without its "%PDF-" header line (objects, xref and trailer left as they are)."""
    data = src.read_bytes()
    assert data.startswith(b"%PDF-")
    dest.write_bytes(data[data.index(b"\n") + 1:])
    return dest


# --- slides and pages of very many small shapes ---------------------------------------------------

EMU = 12700  # per point


def _oval(shape_id: int, x: float, y: float, d: float, colour: str) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Oval {shape_id}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{int(x * EMU)}" y="{int(y * EMU)}"/>'
        f'<a:ext cx="{int(d * EMU)}" cy="{int(d * EMU)}"/></a:xfrm>'
        f'<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></p:spPr></p:sp>'
    )


def many_icons_pptx(dest: Path, count: int, slide: int = 2, size: float = 3.0,
                    src: Path = PPTX) -> Path:
    """The deck with `count` small ovals (`size` pt, in status colours) added on slide `slide`
    (slide 2 is a highlights slide: no table for them to fall in), 200 to a row across a
    960 x 540 pt slide: apart when `size` is small, overlapping when it is larger."""
    name = f"ppt/slides/slide{slide}.xml"
    with zipfile.ZipFile(src) as z:
        xml = z.read(name).decode()
    cols = 200
    dx, dy = 960.0 / cols, 540.0 / max(1, (count + cols - 1) // cols)
    colours = ("00B050", "FF0000", "FFC000")
    ovals = "".join(
        _oval(100_000 + i, (i % cols) * dx, (i // cols) * dy, size, colours[i % 3])
        for i in range(count)
    )
    xml, n = re.subn(r"</p:spTree>", lambda _: ovals + "</p:spTree>", xml, count=1)
    assert n == 1
    return rewrite_zip(src, dest, replace={name: xml.encode()})


def many_squares_pdf(dest: Path, count: int) -> Path:
    """One page of `count` small filled squares in status colours, 200 to a row, 1 pt apart side
    by side: drawn fills that the PDF reader also tries as table tiles."""
    ops = bytearray(b"BT /F1 12 Tf 72 20 Td (Tihea sivu) Tj ET\n")
    for i in range(count):
        ops += (b"0 0.69 0.31 rg\n", b"1 0 0 rg\n", b"1 0.75 0 rg\n")[i % 3]
        ops += b"%.1f %.1f 5 5 re f\n" % (20 + (i % 200) * 6.0, 40 + (i // 200) * 7.5)
    dest.write_bytes(one_page_pdf(bytes(ops), 1260, 800))
    return dest


def attachment_encrypted_pdf(dest: Path, src: Path, password: str = "liite-salasana") -> Path:
    """`src` with an attached file, encrypted as Acrobat's "encrypt only file attachments" does:
    a V4 /Encrypt dictionary whose /StmF and /StrF are /Identity (pages and strings in the clear)
    and whose /EFF names an AES crypt filter, with a user password (an incremental update)."""
    import hashlib
    import io
    import struct
    from typing import Any

    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from pypdf import PdfReader, PdfWriter
    from pypdf._encryption import AlgV4

    writer = PdfWriter(clone_from=PdfReader(src))
    writer.add_attachment("liite.txt", b"Salainen liite: vain avaajalle.")
    buf = io.BytesIO()
    writer.write(buf)
    base = buf.getvalue()
    reader = PdfReader(io.BytesIO(base))
    trailer: Any = reader.trailer
    spec = trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"][1].get_object()
    ref = spec["/EF"].raw_get("/F")
    objid, gen = ref.idnum, ref.generation
    plain = ref.get_object().get_data()
    doc_id = trailer["/ID"][0].original_bytes
    size = int(trailer["/Size"])

    p = -4  # every permission
    user, owner = password.encode(), (password + "-omistaja").encode()
    o_value = AlgV4.compute_O_value(AlgV4.compute_O_value_key(owner, 4, 128), user, 4)
    key = AlgV4.compute_key(user, 4, 128, o_value, p & 0xFFFFFFFF, doc_id, True)
    u_value = AlgV4.compute_U_value(key, 4, doc_id)

    obj_key = hashlib.md5(key + struct.pack("<L", objid)[:3] + struct.pack("<L", gen)[:2]
                          + b"sAlT").digest()
    padder = padding.PKCS7(128).padder()
    iv = bytes(range(16))
    enc = Cipher(algorithms.AES(obj_key), modes.CBC(iv)).encryptor()
    data = iv + enc.update(padder.update(plain) + padder.finalize()) + enc.finalize()

    out = bytearray(base if base.endswith(b"\n") else base + b"\n")
    stream_at = len(out)
    out += (b"%d %d obj\n<< /Type /EmbeddedFile /Length %d /Params << /Size %d >> >>\nstream\n"
            % (objid, gen, len(data), len(plain)) + data + b"\nendstream\nendobj\n")
    encrypt_at = len(out)
    out += (b"%d 0 obj\n<< /Filter /Standard /V 4 /R 4 /Length 128 /P %d /O <%s> /U <%s> "
            b"/CF << /StdCF << /Type /CryptFilter /CFM /AESV2 /AuthEvent /EFOpen /Length 16 >> >> "
            b"/StmF /Identity /StrF /Identity /EFF /StdCF >>\nendobj\n"
            % (size, p, o_value.hex().encode(), u_value.hex().encode()))
    xref_at = len(out)
    out += b"xref\n%d 1\n%010d %05d n \n%d 1\n%010d 00000 n \n" % (
        objid, stream_at, gen, size, encrypt_at)
    root = reader.trailer.raw_get("/Root")
    out += (b"trailer\n<< /Size %d /Root %d %d R /Prev %d /Encrypt %d 0 R /ID [<%s><%s>] >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (
                size + 1, root.idnum, root.generation, _last_startxref(base), size,
                doc_id.hex().encode(), doc_id.hex().encode(), xref_at))
    dest.write_bytes(bytes(out))
    return dest


def _last_startxref(data: bytes) -> int:
    return int(data[data.rindex(b"startxref") + 9:].split()[0])


def json_strings(value: object) -> list[str]:
    """Every string in a JSON value (a plan's `to_json()` loaded), keys left out."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return []
