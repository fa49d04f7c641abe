"""Image streams of a PDF decoded for an icon's colour and digest (pdfminer-specific).

pdfplumber hands images over with their pdfminer stream (``stream``); this module is the one that
reads such streams. A picture is decoded once per document (cached by the stream's object id).
"""

from __future__ import annotations

import hashlib
import io
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from lnhs_parse.extract.pdf.objects import RGB, PdfObject
from lnhs_parse.extract.pdf.state import DocState, PictureSignature
from lnhs_parse.utils import colour

if TYPE_CHECKING:
    from PIL import Image

PICTURE_WHITE = 241  # a picture's pixels with every channel (0..255) this bright are background


def picture_signature(img: PdfObject, state: DocState, number: int) -> PictureSignature:
    """Dominant colour and content digest of the picture `img` on page `number`, cached in `state`.

    A picture that can't be decoded is still an icon, without a colour (digest of its raw bytes),
    with a `pdf-picture-undecodable` warning.
    """
    stream = img.get("stream")
    key = getattr(stream, "objid", None) or id(stream)
    if key in state.pictures:
        return state.pictures[key]
    failed = False
    try:
        im = _decode_picture(stream)
    except Exception as exc:  # pdfminer or Pillow can't decode it: still an icon, without a colour
        state.warn(
            "pdf-picture-undecodable", f"a small picture could not be decoded ({exc})", number
        )
        im, failed = None, True
    if im is not None:
        result = image_signature(im)  # engine-neutral: a failure there is ours, not the file's
    else:  # a layout not decoded here, or not decodable: the digest of its raw bytes
        raw = b""
        with suppress(Exception):  # not even the raw bytes: no digest either
            raw = stream.get_rawdata() or b"" if stream is not None else b""
        result = (None, hashlib.sha1(raw).hexdigest() if raw or not failed else None)
    state.pictures[key] = result
    return result


def _decode_picture(stream: Any) -> Image.Image | None:
    """The picture as RGBA pixels, its soft mask applied; None for layouts this does not decode."""
    from pdfminer.pdftypes import resolve1

    im = _stream_image(stream)
    if im is None:
        return None
    im = im.convert("RGBA")
    smask = resolve1(stream.attrs.get("SMask"))
    if smask is not None and hasattr(smask, "attrs"):
        alpha = _stream_image(smask)
        if alpha is not None:
            alpha = alpha.convert("L")
            if alpha.size != im.size:
                alpha = alpha.resize(im.size)
            im.putalpha(alpha)
    return im


SMALL_PICTURE = 4096  # pixels; a larger picture's colours are counted on it shrunk to 64 x 64


def image_signature(im: Image.Image) -> PictureSignature:
    """Dominant non-white, non-transparent colour and sha1 of the pixels of an RGBA picture
    (engine-neutral: the pdfium engine decodes its pictures into the same)."""
    digest = hashlib.sha1(f"{im.size}".encode() + im.tobytes()).hexdigest()
    small = im if im.width * im.height <= SMALL_PICTURE else im.resize((64, 64))
    # the mean of the winning bin (PPTX reports its most common exact colour instead)
    counted = small.getcolors(small.width * small.height) or []
    # RGBA: each colour is a 4-tuple (Pillow types it as any pixel value)
    pixels = [
        (count, (px[0], px[1], px[2], px[3])) for count, px in counted if isinstance(px, tuple)
    ]
    return dominant_colour(pixels), digest


def dominant_colour(pixels: list[tuple[int, tuple[int, int, int, int]]]) -> RGB | None:
    """The mean colour (0..1) of the winning bin of (count, RGBA) pixel counts, or None when
    every pixel is background (white or transparent)."""
    bucket = colour.dominant_bucket(pixels, PICTURE_WHITE)
    if not bucket:
        return None
    n = sum(bucket.values())
    sums = [sum(rgb[ch] * count for rgb, count in bucket.items()) for ch in range(3)]
    return (sums[0] / n / 255, sums[1] / n / 255, sums[2] / n / 255)


def _stream_image(stream: Any) -> Image.Image | None:
    """A PDF image stream as a Pillow image, or None for layouts this does not decode."""
    from pdfminer.pdftypes import LITERALS_DCT_DECODE, LITERALS_JPX_DECODE, resolve1
    from pdfminer.psparser import PSLiteral
    from PIL import Image

    attrs = stream.attrs
    filters = stream.get_filters()
    last = filters[-1][0] if filters else None
    if last in LITERALS_DCT_DECODE or last in LITERALS_JPX_DECODE:
        opened = Image.open(io.BytesIO(stream.get_data()))
        opened.load()
        return opened
    if resolve1(attrs.get("ImageMask")):
        return None
    w = resolve1(attrs.get("Width", attrs.get("W")))
    h = resolve1(attrs.get("Height", attrs.get("H")))
    bpc = resolve1(attrs.get("BitsPerComponent", attrs.get("BPC", 8)))
    cs = resolve1(attrs.get("ColorSpace", attrs.get("CS")))
    if not isinstance(w, int) or not isinstance(h, int) or w <= 0 or h <= 0:
        return None
    data = stream.get_data()
    name = cs.name if isinstance(cs, PSLiteral) else None
    palette = None
    if isinstance(cs, list) and cs:
        head = resolve1(cs[0])
        head_name = head.name if isinstance(head, PSLiteral) else None
        if head_name == "ICCBased" and len(cs) > 1:
            n = resolve1(resolve1(cs[1]).attrs.get("N", 3))
            name = {1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}.get(n)
        elif head_name in ("CalRGB", "CalGray"):
            name = "DeviceRGB" if head_name == "CalRGB" else "DeviceGray"
        elif head_name in ("Indexed", "I") and len(cs) >= 4:
            base = resolve1(cs[1])
            lookup = resolve1(cs[3])
            if hasattr(lookup, "get_data"):
                lookup = lookup.get_data()
            if isinstance(lookup, str):
                lookup = lookup.encode("latin-1")
            base_name = base.name if isinstance(base, PSLiteral) else None
            if base_name in ("DeviceRGB", "RGB") and isinstance(lookup, bytes):
                palette = lookup
                name = "Indexed"
    if name is None and cs is None:
        name = "DeviceGray"
    modes = {"DeviceRGB": ("RGB", 3), "RGB": ("RGB", 3), "DeviceGray": ("L", 1), "G": ("L", 1),
             "DeviceCMYK": ("CMYK", 4), "CMYK": ("CMYK", 4), "Indexed": ("P", 1)}
    if name not in modes:
        return None
    mode, n = modes[name]
    im: Image.Image
    if bpc == 8:
        need = w * h * n
        if len(data) < need:
            return None
        im = Image.frombytes(mode, (w, h), data[:need])
    elif bpc == 1 and mode == "L":
        need = ((w + 7) // 8) * h
        if len(data) < need:
            return None
        im = Image.frombytes("1", (w, h), data[:need])
    else:
        return None
    if palette is not None:
        im.putpalette(palette)
    if mode == "CMYK":
        im = im.convert("RGB")
    decode = resolve1(attrs.get("Decode", attrs.get("D")))
    if (
        isinstance(decode, list)
        and palette is None
        and len(decode) == 2 * n
        and all(
            resolve1(decode[i]) == 1 and resolve1(decode[i + 1]) == 0 for i in range(0, 2 * n, 2)
        )
    ):
        from PIL import ImageOps

        im = ImageOps.invert(im.convert("L") if mode in ("L", "1") else im.convert("RGB"))
    return im
