"""The raw side of PPTX reading: the few XML reads python-pptx lacks, and XML safety.

Everything that touches lxml elements directly lives here, so `pptx.py` only walks python-pptx's
object model. Nothing here imports python-pptx; the few python-pptx private attributes that lead
from its objects to their XML are read here only (`element`, `cell_element`, `placeholder_bases`).
The zip container is checked before python-pptx opens it by `lnhs_parse.extract.opc`.

- `parse_xml` parses a part safely (no entities, no DTD, no network).
- The rest are small pure functions on lxml elements: hidden flags, group transforms, fills,
  colours (theme / scheme colours and their modifiers), paragraph properties and runs.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# lxml's type information is a separate package (types-lxml, in the lint extra)
from lxml import etree

from lnhs_parse.errors import CorruptFileError
from lnhs_parse.utils import colour

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
_A = "{{{}}}".format(NS["a"])

# A parser for the few parts we read ourselves: never resolves entities, never loads a DTD or
# touches the network (the prolog scan already refused DTDs; this is the second belt).
_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_blank_text=True
)


def parse_xml(blob: bytes) -> etree._Element:
    """Parse one XML part safely (no entities, no DTD, no network)."""
    try:
        return etree.fromstring(blob, _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"an XML part can't be parsed ({exc})") from exc


XmlError = etree.LxmlError
"""The base of every error lxml raises (a part that is no well-formed XML, ...)."""

# --------------------------------------------------------------------------------------------------
# From python-pptx objects to their XML
#
# python-pptx keeps the element behind each object in private attributes (stable through the
# python-pptx releases pyproject.toml allows); these helpers are the only code that reads them.


def element(obj: Any) -> etree._Element:
    """The XML element behind a python-pptx presentation part, slide, slide master or shape."""
    found: etree._Element = obj._element
    return found


def cell_element(cell: Any) -> etree._Element:
    """The `a:tc` element behind a python-pptx table cell."""
    found: etree._Element = cell._tc
    return found


def placeholder_bases(shape: Any) -> tuple[etree._Element | None, etree._Element | None]:
    """The elements of the layout placeholder and the master placeholder that a slide placeholder
    inherits from (None where there is none, or where python-pptx can't find it)."""
    layout_ph = master_ph = None
    try:
        base = shape._base_placeholder
        if base is not None:
            layout_ph = base._element
            master_base = base._base_placeholder
            master_ph = master_base._element if master_base is not None else None
    except (AttributeError, KeyError, ValueError, NotImplementedError):
        pass
    return layout_ph, master_ph


def shape_properties(shape_elm: etree._Element) -> etree._Element | None:
    """A shape's `p:spPr` (its geometry and fill)."""
    return shape_elm.find("p:spPr", NS)


def shape_style(shape_elm: etree._Element) -> etree._Element | None:
    """A shape's `p:style` (the theme references its fill, line and font fall back on)."""
    return shape_elm.find("p:style", NS)


def cell_properties(tc: etree._Element) -> etree._Element | None:
    """A table cell's `a:tcPr` (its fill and anchoring)."""
    return tc.find("a:tcPr", NS)


def text_body(owner: etree._Element) -> etree._Element | None:
    """The text body of a shape (`p:txBody`) or a table cell (`a:txBody`)."""
    found = owner.find("p:txBody", NS)
    return found if found is not None else owner.find("a:txBody", NS)


def _attr(el: etree._Element, name: str) -> str | None:
    """The value of attribute `name` of `el`, None when it is absent."""
    value = el.get(name)
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------------------------------
# Flags and geometry


def slide_is_hidden(sld: etree._Element) -> bool:
    """`show="0"` on `p:sld`."""
    return sld.get("show") in ("0", "false")


_SHAPE_TAGS = frozenset(
    "{{{}}}{}".format(NS["p"], tag)
    for tag in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart")
)


def shape_count(sld: etree._Element) -> int:
    """How many shapes the slide draws: every shape, picture, frame, connector and group element
    in its shape tree, those inside groups included (an element counter, nothing is built)."""
    return sum(1 for el in sld.iter() if el.tag in _SHAPE_TAGS)


def shape_is_hidden(shape_elm: etree._Element) -> bool:
    """`hidden="1"` on the shape's `p:cNvPr` (the first non-visual properties element)."""
    for cnvpr in shape_elm.iterfind("./*/p:cNvPr", NS):
        return cnvpr.get("hidden") in ("1", "true")
    return False


@dataclass(frozen=True)
class Affine:
    """Axis-aligned map from a shape tree's coordinates to slide EMU: X = sx * x + tx."""

    sx: float = 1.0
    tx: float = 0.0
    sy: float = 1.0
    ty: float = 0.0

    def x(self, v: float) -> float:
        return self.sx * v + self.tx

    def y(self, v: float) -> float:
        return self.sy * v + self.ty

    def then(self, outer: Affine) -> Affine:
        """This map followed by `outer`."""
        return Affine(
            outer.sx * self.sx, outer.sx * self.tx + outer.tx,
            outer.sy * self.sy, outer.sy * self.ty + outer.ty,
        )


def group_child_transform(grp_sp: etree._Element) -> Affine:
    """The map from a group's child coordinates (`a:chOff`/`a:chExt`) to its parent's
    (`a:off`/`a:ext`).

    Rotation and flips are ignored.
    """
    xfrm = grp_sp.find("p:grpSpPr/a:xfrm", NS)
    if xfrm is None:
        return Affine()

    def pair(tag: str, a: str, b: str) -> tuple[float, float] | None:
        el = xfrm.find(tag, NS)
        if el is None:
            return None
        try:
            return float(el.get(a, 0)), float(el.get(b, 0))
        except ValueError:
            return None

    off, ext = pair("a:off", "x", "y"), pair("a:ext", "cx", "cy")
    ch_off, ch_ext = pair("a:chOff", "x", "y"), pair("a:chExt", "cx", "cy")
    off = off or (0.0, 0.0)
    ch_off = ch_off or off
    ext = ext or ch_ext or (1.0, 1.0)
    ch_ext = ch_ext or ext
    sx = ext[0] / ch_ext[0] if ch_ext[0] else 1.0
    sy = ext[1] / ch_ext[1] if ch_ext[1] else 1.0
    return Affine(sx, off[0] - sx * ch_off[0], sy, off[1] - sy * ch_off[1])


def preset_geometry(shape_elm: etree._Element) -> str | None:
    """`prst` of the shape's `a:prstGeom`, "custom" for `a:custGeom`, else None."""
    spPr = shape_elm.find("p:spPr", NS)
    if spPr is None:
        return None
    geom = spPr.find("a:prstGeom", NS)
    if geom is not None:
        return _attr(geom, "prst")
    return "custom" if spPr.find("a:custGeom", NS) is not None else None


# --------------------------------------------------------------------------------------------------
# Colours


_CLR_TAGS = {_A + t for t in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")}
_PRESET = {
    "black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
    "yellow": "FFFF00", "orange": "FFA500", "gray": "808080", "grey": "808080", "silver": "C0C0C0",
    "lime": "00FF00", "navy": "000080", "purple": "800080", "maroon": "800000", "gold": "FFD700",
    "darkGreen": "006400", "darkRed": "8B0000", "darkBlue": "00008B",
}
DEFAULT_CLR_MAP = {
    "bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
    **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
    "hlink": "hlink", "folHlink": "folHlink",
}


@dataclass(frozen=True)
class ColorContext:
    """What resolves scheme colours: the theme's colour scheme and the master's (or slide's) map."""

    scheme: dict[str, str]  # "accent1" -> "RRGGBB"
    clr_map: dict[str, str]  # "tx1" -> "dk1"

    def scheme_rgb(self, name: str) -> str | None:
        name = self.clr_map.get(name, name)
        return self.scheme.get(name)


def theme_color_scheme(theme_blob: bytes) -> dict[str, str]:
    """The theme part's `a:clrScheme` as {"dk1": "000000", "accent1": "4472C4", ...}."""
    root = parse_xml(theme_blob)
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    out: dict[str, str] = {}
    if scheme is None:
        return out
    for child in scheme:
        name = etree.QName(child).localname
        for clr in child:
            if clr.tag == _A + "srgbClr":
                out[name] = clr.get("val", "").upper()
            elif clr.tag == _A + "sysClr":
                out[name] = _sys_clr_hex(clr).upper()
            break
    return out


def color_map(
    master_sld: etree._Element, slide_sld: etree._Element | None = None
) -> dict[str, str]:
    """The colour map in force on a slide: the slide's `a:overrideClrMapping`, else the master's."""
    if slide_sld is not None:
        ovr = slide_sld.find("p:clrMapOvr/a:overrideClrMapping", NS)
        if ovr is not None:
            return {**DEFAULT_CLR_MAP, **dict(ovr.attrib)}
    cm = master_sld.find("p:clrMap", NS)
    if cm is None:
        return dict(DEFAULT_CLR_MAP)
    return {**DEFAULT_CLR_MAP, **dict(cm.attrib)}


def resolve_color(clr: etree._Element | None, ctx: ColorContext) -> str | None:
    """A colour element (`a:srgbClr`, `a:schemeClr`, ...) as "#RRGGBB", modifiers applied."""
    if clr is None or clr.tag not in _CLR_TAGS:
        return None
    tag = etree.QName(clr).localname
    rgb: tuple[float, float, float] | None = None
    try:
        if tag == "srgbClr":
            rgb = colour.parse_hex(clr.get("val", ""))
        elif tag == "schemeClr":
            value = ctx.scheme_rgb(clr.get("val", ""))
            rgb = colour.parse_hex(value) if value else None
        elif tag == "sysClr":
            rgb = colour.parse_hex(_sys_clr_hex(clr))
        elif tag == "prstClr":
            value = _PRESET.get(clr.get("val", ""))
            rgb = colour.parse_hex(value) if value else None
        elif tag == "scrgbClr":
            r, g, b = (
                _linear_to_srgb(int(clr.get(k, 0)) / 100000) * 255 for k in ("r", "g", "b")
            )
            rgb = (r, g, b)
        elif tag == "hslClr":
            h = int(clr.get("hue", 0)) / 60000 / 360
            s = int(clr.get("sat", 0)) / 100000
            lum = int(clr.get("lum", 0)) / 100000
            r, g, b = colorsys.hls_to_rgb(h, lum, s)
            rgb = (r * 255, g * 255, b * 255)
    except ValueError:
        return None
    if rgb is None:
        return None
    rgb = _apply_modifiers(rgb, clr)
    return colour.rgb_to_hex(rgb)


def _sys_clr_hex(clr: etree._Element) -> str:
    """"RRGGBB" of an `a:sysClr`: the colour last seen on the saving machine, else a guess from its
    name (windowText → black, window → white)."""
    return clr.get("lastClr") or ("000000" if "Text" in clr.get("val", "") else "FFFFFF")


def _linear_to_srgb(c: float) -> float:
    c = max(0.0, min(1.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _apply_modifiers(
    rgb: tuple[float, float, float], clr: etree._Element
) -> tuple[float, float, float]:
    """lumMod/lumOff (HSL luminance), tint, shade, satMod; approximate, fine for matching."""
    r, g, b = rgb
    for mod in clr:
        name = etree.QName(mod).localname
        try:
            val = int(mod.get("val", "0")) / 100000
        except ValueError:
            continue
        if name in ("lumMod", "lumOff", "satMod"):
            h, lum, s = colorsys.rgb_to_hls(r / 255, g / 255, b / 255)
            if name == "lumMod":
                lum *= val
            elif name == "lumOff":
                lum += val
            else:
                s *= val
            lum, s = max(0, min(1, lum)), max(0, min(1, s))
            r, g, b = (c * 255 for c in colorsys.hls_to_rgb(h, lum, s))
        elif name == "tint":
            r, g, b = (c + (255 - c) * (1 - val) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * val for c in (r, g, b))
    return (r, g, b)


def _color_child(el: etree._Element | None) -> etree._Element | None:
    if el is None:
        return None
    for child in el:
        if child.tag in _CLR_TAGS:
            return child
    return None


def _own_fill(props: etree._Element, ctx: ColorContext) -> tuple[bool, str | None]:
    """The fill a properties element (`p:spPr`, `a:tcPr`, `a:rPr`) states itself, if it states one.

    Returns (True, colour) when it has a fill child: `a:solidFill` its colour, a gradient its first
    stop, a pattern its foreground, `a:noFill` and picture or group fills None; (False, None) when
    it has none and an inherited style decides.
    """
    for child in props:
        tag = etree.QName(child).localname
        if tag == "solidFill":
            return True, resolve_color(_color_child(child), ctx)
        if tag == "gradFill":
            return True, resolve_color(_color_child(child.find("a:gsLst/a:gs", NS)), ctx)
        if tag == "pattFill":
            return True, resolve_color(_color_child(child.find("a:fgClr", NS)), ctx)
        if tag in ("noFill", "blipFill", "grpFill"):
            return True, None
    return False, None


def fill_color(
    props: etree._Element | None, ctx: ColorContext, style: etree._Element | None = None
) -> str | None:
    """The solid colour a shape (`p:spPr`) or cell (`a:tcPr`) is filled with, else None.

    `a:solidFill` gives its colour; a gradient its first stop; a pattern its foreground; `a:noFill`
    and picture fills give None. With no fill element, the shape style's `a:fillRef` decides.
    """
    if props is not None:
        decided, colour = _own_fill(props, ctx)
        if decided:
            return colour
    if style is not None:
        ref = style.find("a:fillRef", NS)
        if ref is not None and ref.get("idx", "0") not in ("0", "1000"):
            return resolve_color(_color_child(ref), ctx)
    return None


# --------------------------------------------------------------------------------------------------
# Text: paragraphs, runs, inherited properties


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: a run or field (`rpr` its `a:rPr`), or a soft line break."""

    text: str
    rpr: etree._Element | None
    is_break: bool = False


def paragraphs(tx_body: etree._Element | None) -> list[etree._Element]:
    if tx_body is None:
        return []
    return list(tx_body.findall("a:p", NS))


def paragraph_segments(p: etree._Element) -> list[Segment]:
    """Runs, fields and soft breaks (`a:br` → "\\n") of a paragraph, in order."""
    out: list[Segment] = []
    for child in p:
        tag = child.tag
        if tag == _A + "r" or tag == _A + "fld":
            t = child.find("a:t", NS)
            text = (t.text or "") if t is not None else ""
            text = text.replace("\v", "\n")
            out.append(Segment(text, child.find("a:rPr", NS)))
        elif tag == _A + "br":
            out.append(Segment("\n", child.find("a:rPr", NS), is_break=True))
    return out


def paragraph_level(p: etree._Element) -> int:
    ppr = p.find("a:pPr", NS)
    try:
        return max(0, min(8, int(ppr.get("lvl", "0")))) if ppr is not None else 0
    except ValueError:
        return 0


def own_ppr(p: etree._Element) -> etree._Element | None:
    return p.find("a:pPr", NS)


def end_para_rpr(p: etree._Element) -> etree._Element | None:
    return p.find("a:endParaRPr", NS)


def list_style_level(container: etree._Element | None, level: int) -> etree._Element | None:
    """`a:lvlNpPr` (N = level + 1) of a list style (`a:lstStyle`, `p:bodyStyle`,
    `p:defaultTextStyle`...)."""
    if container is None:
        return None
    return container.find(f"a:lvl{level + 1}pPr", NS)


def tx_body_list_style(shape_or_cell: etree._Element | None) -> etree._Element | None:
    """The `a:lstStyle` of a shape's (`p:txBody`) or cell's (`a:txBody`) text body."""
    if shape_or_cell is None:
        return None
    for path in ("p:txBody/a:lstStyle", "a:txBody/a:lstStyle"):
        el = shape_or_cell.find(path, NS)
        if el is not None:
            return el
    return None


def master_text_style(master_sld: etree._Element, kind: str) -> etree._Element | None:
    """`p:titleStyle`, `p:bodyStyle` or `p:otherStyle` of a slide master (`kind`: title, body,
    other)."""
    return master_sld.find(f"p:txStyles/p:{kind}Style", NS)


def default_text_style(presentation: etree._Element) -> etree._Element | None:
    return presentation.find("p:defaultTextStyle", NS)


def first_attr(elements: Iterable[etree._Element | None], attr: str) -> str | None:
    for el in elements:
        if el is not None:
            v = _attr(el, attr)
            if v is not None:
                return v
    return None


def def_rprs(pprs: Iterable[etree._Element | None]) -> Iterator[etree._Element | None]:
    """The `a:defRPr` of each paragraph-properties element of an inheritance chain."""
    for ppr in pprs:
        yield ppr.find("a:defRPr", NS) if ppr is not None else None


def text_color(rprs: Iterable[etree._Element | None], ctx: ColorContext) -> str | None:
    """The colour of text from the first run-properties element with a fill."""
    for rpr in rprs:
        if rpr is not None:
            decided, colour = _own_fill(rpr, ctx)
            if decided:
                return colour
    return None


def style_font_color(shape_elm: etree._Element, ctx: ColorContext) -> str | None:
    """The text colour a shape's style (`p:style/a:fontRef`) gives, if any."""
    ref = shape_elm.find("p:style/a:fontRef", NS)
    return resolve_color(_color_child(ref), ctx) if ref is not None else None


def bullet(pprs: Iterable[etree._Element | None]) -> tuple[str, str | None] | None:
    """The bullet of the first paragraph-properties element that sets one.

    ("char", "•") for `a:buChar`, ("autonum", scheme) for `a:buAutoNum`, ("blip", None) for a
    picture bullet, None for `a:buNone` or when nothing in the chain sets a bullet.
    """
    for ppr in pprs:
        if ppr is None:
            continue
        for child in ppr:
            tag = etree.QName(child).localname
            if tag == "buNone":
                return None
            if tag == "buChar":
                return ("char", child.get("char") or "•")
            if tag == "buAutoNum":
                scheme = child.get("type") or "arabicPeriod"
                return ("autonum", scheme + ":" + child.get("startAt", "1"))
            if tag == "buBlip":
                return ("blip", None)
    return None


def typeface(rprs: Iterable[etree._Element | None], tag: str) -> str | None:
    """The `typeface` of the first run-properties element with an `a:{tag}` child (`latin`, `sym`,
    `cs`, `ea`): the font a run is typed in."""
    for rpr in rprs:
        if rpr is not None:
            el = rpr.find(f"a:{tag}", NS)
            if el is not None and el.get("typeface"):
                return _attr(el, "typeface")
    return None


def bullet_font(pprs: Iterable[etree._Element | None]) -> str | None:
    """The `a:buFont` typeface of the first paragraph-properties element that sets the bullet's font
    (`a:buFont`, or `a:buFontTx`: the text's own font, None here)."""
    for ppr in pprs:
        if ppr is None:
            continue
        for child in ppr:
            tag = etree.QName(child).localname
            if tag == "buFont":
                return _attr(child, "typeface")
            if tag == "buFontTx":
                return None
    return None


def spacing(pprs: list[etree._Element | None], tag: str) -> tuple[str, float] | None:
    """`a:lnSpc`/`a:spcBef`/`a:spcAft` of the first element that sets it: ("pct", 1.0) or
    ("pts", 6.0)."""
    for ppr in pprs:
        if ppr is None:
            continue
        el = ppr.find(f"a:{tag}", NS)
        if el is None:
            continue
        pct = el.find("a:spcPct", NS)
        if pct is not None:
            try:
                return ("pct", int(pct.get("val", "100000").rstrip("%")) / 100000)
            except ValueError:
                return None
        pts = el.find("a:spcPts", NS)
        if pts is not None:
            try:
                return ("pts", int(pts.get("val", "0")) / 100)
            except ValueError:
                return None
    return None


def body_props(tx_body_owner: etree._Element) -> etree._Element | None:
    """`a:bodyPr` of a shape's text body."""
    return tx_body_owner.find("p:txBody/a:bodyPr", NS)


def autofit_scale(body_pr: etree._Element | None) -> tuple[float, float]:
    """(font scale, line-spacing reduction) of `a:normAutofit`, (1, 0) when absent."""
    if body_pr is None:
        return 1.0, 0.0
    fit = body_pr.find("a:normAutofit", NS)
    if fit is None:
        return 1.0, 0.0
    try:
        return (
            int(fit.get("fontScale", "100000")) / 100000,
            int(fit.get("lnSpcReduction", "0")) / 100000,
        )
    except ValueError:
        return 1.0, 0.0
