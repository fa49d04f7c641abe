"""Makers of broken and hostile input files, for the error tests and the fuzz harness.

Each function writes one file into a folder and returns its path. They build on the committed fixture
decks so that the damage is the only thing wrong with the file.
"""

from __future__ import annotations

import random
import zipfile
from collections.abc import Collection
from pathlib import Path

from support import FIXTURES

PDF = FIXTURES / "kymenlaakso-2023.pdf"
PPTX = FIXTURES / "kymenlaakso-2023.pptx"


def truncated(src: Path, dest: Path, fraction: float = 0.5) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest


def random_bytes(dest: Path, size: int = 4096, seed: int = 7) -> Path:
    dest.write_bytes(random.Random(seed).randbytes(size))
    return dest


def encrypted_pdf(dest: Path, password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(PDF))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    with dest.open("wb") as fh:
        writer.write(fh)
    return dest


def scanned_pdf(dest: Path) -> Path:
    """A PDF whose pages are only pictures (no text layer), as a scanner makes them."""
    from PIL import Image, ImageDraw

    pages = []
    for n in range(2):
        img = Image.new("RGB", (960, 540), "white")
        draw = ImageDraw.Draw(img)
        draw.rectangle((40, 80, 920, 500), outline="black", width=3)
        draw.text((60, 40), f"PÄÄTAVOITE {'I' * (n + 1)}", fill="black")
        pages.append(img)
    pages[0].save(dest, "PDF", save_all=True, append_images=pages[1:], resolution=72)
    return dest


def pdf_document(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A minimal well-formed PDF from object bodies (1-based numbering, xref computed)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def page_objects(content: bytes, width: int = 612, height: int = 792) -> list[bytes]:
    """Catalog, pages, one page drawing `content`, its stream and Helvetica as /F1."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % (width, height),
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]


def one_page_pdf(content: bytes, width: int = 612, height: int = 792) -> bytes:
    """A one-page PDF drawing `content` (Helvetica as /F1)."""
    return pdf_document(page_objects(content, width, height))


def text_pdf(dest: Path, text: str = "Kokouksen pöytäkirja 12.3.2024") -> Path:
    """A valid PDF with a text layer and no evaluation structure."""
    dest.write_bytes(one_page_pdf(b"BT /F1 18 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"))
    return dest


def many_objects_pdf(dest: Path, count: int = 100_000) -> Path:
    """One page with `count` tiny filled rectangles and a line of text."""
    ops = bytearray(b"BT /F1 12 Tf 72 760 Td (Tihea sivu) Tj ET\n0.2 0.4 0.6 rg\n")
    for i in range(count):
        x, y = 20 + (i % 500) * 1.1, 20 + (i // 500) * 3.5
        ops += b"%.1f %.1f 0.6 0.6 re f\n" % (x, y)
    dest.write_bytes(one_page_pdf(bytes(ops)))
    return dest


def rewrite_zip(src: Path, dest: Path, *, drop: Collection[str] = frozenset(),
                replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    """A copy of the zip `src` with members dropped, replaced or added."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = replace.get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dest


def zip_bomb_pptx(dest: Path, inflated_mb: int = 300) -> Path:
    """The fixture deck plus one part that inflates to `inflated_mb` MB of zeros."""
    rewrite_zip(PPTX, dest)
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(dest, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("ppt/media/padding.bin", "w", force_zip64=True) as fh,
    ):
        for _ in range(inflated_mb):
            fh.write(chunk)
    return dest


def xxe_pptx(dest: Path, secret_file: Path) -> Path:
    """The fixture deck whose first slide declares an external entity pointing at `secret_file`."""
    with zipfile.ZipFile(PPTX) as z:
        xml = z.read("ppt/slides/slide1.xml").decode("utf-8")
    head, sep, rest = xml.partition("?>")
    doctype = f'<!DOCTYPE p:sld [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
    # the entity is used inside the first text run, where a resolving parser would show the secret
    rest = rest.replace("<a:t>", "<a:t>&xxe;", 1)
    return rewrite_zip(PPTX, dest, replace={"ppt/slides/slide1.xml": (head + sep + doctype + rest).encode()})


def not_a_deck_pptx(dest: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    box.text_frame.text = "Tervetuloa kevätjuhlaan"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    prs.save(str(dest))
    return dest


def many_slides_pptx(dest: Path, slides: int = 500) -> Path:
    """A deck of `slides` slides, each with a title and a small table."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layout = prs.slide_layouts[6]
    for n in range(slides):
        slide = prs.slides.add_slide(layout)
        slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(8), Inches(0.6)).text_frame.text = (
            f"Dia {n + 1}"
        )
        table = slide.shapes.add_table(3, 3, Inches(0.5), Inches(1.2), Inches(8), Inches(2)).table
        for r in range(3):
            for c in range(3):
                table.cell(r, c).text = f"{n}.{r}.{c}"
    prs.save(str(dest))
    return dest


def flip_bytes(data: bytes, rng: random.Random, flips: int) -> bytes:
    buf = bytearray(data)
    for _ in range(flips):
        i = rng.randrange(len(buf))
        buf[i] = rng.randrange(256)
    return bytes(buf)


def corrupt_zip_member(src: Path, dest: Path, rng: random.Random) -> Path:
    """Damage the compressed bytes of one member of the zip in place (CRC no longer matches)."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        infos = [i for i in z.infolist() if i.compress_size > 16]
    info = rng.choice(infos)
    # local header: 30 bytes + name + extra, then the compressed data
    name_len = int.from_bytes(data[info.header_offset + 26: info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28: info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    for _ in range(8):
        i = start + rng.randrange(info.compress_size)
        data[i] ^= 0xFF
    dest.write_bytes(bytes(data))
    return dest


def mutants(seed: int, count: int, workdir: Path) -> list[Path]:
    """`count` damaged copies of the fixture PDF and PPTX, reproducibly from `seed`."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        src = PDF if n % 2 == 0 else PPTX
        data = src.read_bytes()
        kind = rng.choice(["flip", "truncate", "zip"] if src is PPTX else ["flip", "truncate"])
        dest = workdir / f"mutant-{n:03d}-{kind}{src.suffix}"
        if kind == "flip":
            dest.write_bytes(flip_bytes(data, rng, rng.randint(1, 64)))
        elif kind == "truncate":
            dest.write_bytes(data[: rng.randrange(1, len(data))])
        else:
            corrupt_zip_member(src, dest, rng)
        out.append(dest)
    return out

