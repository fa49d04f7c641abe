"""The structure tree of a tagged PDF through pdfminer's objects (the pdfplumber engine's
tree); its reading into paragraphs is `lnhs_parse.extract.pdf.tags`'s.

The tree is walked down from the catalog's ``/StructTreeRoot`` (ISO 32000-1, 14.7.2), once per
document: each element's type (through the ``/RoleMap``), its kids in order and the marked content
it holds on each page (an integer kid on the element's ``/Pg``, or a marked-content reference with a
``/Pg`` of its own). Walking down needs neither the ``/ParentTree`` nor the elements' ``/P`` back
links, which some producers leave out or break (Adobe PDF Library writes parent-tree entries
without ``/P``; pdfplumber's own `PDFStructTree` then raises ``KeyError: 'P'``), so a tree is read
whenever its elements can be reached from the root, as pdfium reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lnhs_parse.extract.pdf import tags
from lnhs_parse.extract.pdf.state import DocState

MAX_DEPTH = 200  # a deeper tree is broken (or hostile): its deeper elements are left out
MAX_ELEMENTS = 500_000  # ... and so is one with more elements than this


@dataclass(slots=True)
class Element:
    """One structure element: its standard type, its marked-content ids per page number and its
    child elements, in the tree's order; `attributes` holds the ``/A`` entries that matter to a
    table (``RowSpan``, ``ColSpan``)."""

    type: str
    mcids: dict[int, list[int]] = field(default_factory=dict)
    children: list[Element] = field(default_factory=list)
    attributes: dict[str, int] = field(default_factory=dict)
    pages: set[int] = field(default_factory=set)  # the pages it or an element under it marks

    def on_page(self, page: int) -> bool:
        """Whether the element or one under it holds marked content on `page`."""
        return page in self.pages


@dataclass(slots=True)
class Tree:
    """A document's structure tree: its root elements, or the error met reading it (then each
    page read warns `pdf-structure-unreadable` and takes its paragraphs from the layout)."""

    roots: list[Element]
    error: Exception | None = None
    # the pages whose content the tree reaches: those with a /StructParents entry (ISO 32000-1,
    # 14.7.4.4), through which a page's marked content is linked to the tree; pdfium reads no
    # tags on a page without one, and neither does this engine
    linked: frozenset[int] = frozenset()


def has_structure(pdf: Any) -> bool:
    """Whether the document (a `pdfplumber.PDF`) has a structure tree (is tagged)."""
    try:
        return "StructTreeRoot" in pdf.doc.catalog
    except Exception:  # a catalog that can't be read has no usable tree
        return False


def document_tree(pdf: Any) -> list[Element]:
    """The root elements of the document's structure tree (a `pdfplumber.PDF`), [] for an
    untagged one. Raises whatever pdfminer raises on a tree that can't be read."""
    from pdfminer.pdftypes import resolve1

    catalog = pdf.doc.catalog
    if "StructTreeRoot" not in catalog:
        return []
    root = resolve1(catalog["StructTreeRoot"])
    if not isinstance(root, dict):
        return []
    pages = {page.page_obj.pageid: page.page_number for page in pdf.pages}
    walker = _Walker(pages, _role_map(root.get("RoleMap")))
    return walker.kids(root.get("K"), None, 0)


def page_roots(tree: list[Element], page: int) -> list[Element]:
    """The elements of `tree` that hold marked content on `page` (1-based), with their ancestors:
    what a per-page tree holds."""
    return [el for el in tree if el.on_page(page)]


def paragraph_blocks(tree: Tree, page: int, state: DocState) -> dict[int, int]:
    """Marked-content id → paragraph number on `page`, from the document's tree
    (`tags.paragraph_blocks`); {} for an untagged page, and {} with a warning where the tree can't
    be read."""
    if tree.error is not None:
        return tags.tree_unreadable(state, tree.error, page)
    if page not in tree.linked:
        return {}
    # the tree is read whole by `read_tree` (a damaged one costs only the tags there); what reads
    # its elements here is engine-neutral code of ours, whose failure is raised as it is
    return tags.paragraph_blocks(
        page_roots(tree.roots, page),
        lambda el: el.type,
        lambda el: el.mcids.get(page, ()),
        lambda el: [c for c in el.children if c.on_page(page)],
    )


def read_tree(pdf: Any) -> Tree:
    """The document's `Tree` (`document_tree`), or the error that stopped its reading."""
    try:
        linked = frozenset(p.page_number for p in pdf.pages if "StructParents" in p.page_obj.attrs)
        return Tree(document_tree(pdf), linked=linked)
    except Exception as exc:  # a broken tree costs only the tags, never the parse
        return Tree([], exc)


def _name(value: Any) -> str | None:
    """A PDF name's text (pdfminer's `PSLiteral`), or None."""
    from pdfminer.psparser import PSLiteral

    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return None


def _role_map(value: Any) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1

    mapping = resolve1(value)
    if not isinstance(mapping, dict):
        return {}
    out: dict[str, str] = {}
    for key, target in mapping.items():
        name = _name(resolve1(target))
        if name is not None:
            out[key.decode("latin-1") if isinstance(key, bytes) else str(key)] = name
    return out


class _Walker:
    """Walks the tree down from the root; each object is visited once (a cycle is cut)."""

    def __init__(self, pages: dict[int, int], roles: dict[str, str]) -> None:
        self.pages = pages
        self.roles = roles
        self.seen: set[int] = set()
        self.count = 0

    def standard(self, name: str) -> str:
        """A custom type mapped through the role map (chains followed, loops cut)."""
        seen = {name}
        while name in self.roles and self.roles[name] not in seen:
            name = self.roles[name]
            seen.add(name)
        return name

    def page_of(self, obj: dict[str, Any], inherited: int | None) -> int | None:
        ref = obj.get("Pg")
        objid = getattr(ref, "objid", None)
        return self.pages.get(objid, inherited) if objid is not None else inherited

    def kids(self, value: Any, page: int | None, depth: int) -> list[Element]:
        """The structure elements among the kids `value` (the marked content among them goes to
        the caller: see `element`)."""
        out: list[Element] = []
        for kind, item in self._items(value, page, depth):
            if kind == "element":
                out.append(item)
        return out

    def _items(
        self, value: Any, page: int | None, depth: int
    ) -> Iterator[tuple[str, Any]]:
        """The kids in `value` as ("mcid", (page, mcid)) or ("element", Element)."""
        from pdfminer.pdftypes import PDFObjRef, resolve1

        items = value if isinstance(value, list) else [value]
        for raw in items:
            objid = raw.objid if isinstance(raw, PDFObjRef) else None
            if objid is not None:
                if objid in self.seen:
                    continue
                self.seen.add(objid)
            kid = resolve1(raw)
            if isinstance(kid, int) and not isinstance(kid, bool):
                if page is not None and kid >= 0:
                    yield "mcid", (page, kid)
            elif isinstance(kid, dict):
                kind = _name(kid.get("Type"))
                if kind == "MCR":
                    mcid = resolve1(kid.get("MCID"))
                    where = self.page_of(kid, page)
                    if "Stm" not in kid and isinstance(mcid, int) and where is not None:
                        yield "mcid", (where, mcid)
                elif kind == "OBJR" or "S" not in kid:
                    continue
                else:
                    element = self.element(kid, page, depth + 1)
                    if element is not None:
                        yield "element", element

    def element(self, obj: dict[str, Any], page: int | None, depth: int) -> Element | None:
        from pdfminer.pdftypes import resolve1

        self.count += 1
        if depth > MAX_DEPTH or self.count > MAX_ELEMENTS:
            return None
        name = _name(resolve1(obj.get("S")))
        el = Element(type=self.standard(name or ""), attributes=_attributes(obj.get("A")))
        own_page = self.page_of(obj, page)
        for kind, item in self._items(obj.get("K"), own_page, depth):
            if kind == "mcid":
                where, mcid = item
                el.mcids.setdefault(where, []).append(mcid)
            else:
                el.children.append(item)
        el.pages.update(el.mcids)
        for child in el.children:
            el.pages |= child.pages
        return el


def _attributes(value: Any) -> dict[str, int]:
    """RowSpan and ColSpan from an element's ``/A`` (a dict or an array of dicts and revision
    numbers)."""
    from pdfminer.pdftypes import resolve1

    found: dict[str, int] = {}
    value = resolve1(value)
    for entry in value if isinstance(value, list) else [value]:
        entry = resolve1(entry)
        if not isinstance(entry, dict):
            continue
        for key in ("RowSpan", "ColSpan"):
            span = resolve1(entry.get(key))
            if isinstance(span, int) and not isinstance(span, bool) and span > 1:
                found[key] = span
    return found
