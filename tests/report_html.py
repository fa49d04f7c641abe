"""Reading a report back as a reader sees it: its sections, headings, table rows and list items as
plain text (tags dropped, entities decoded, whitespace collapsed), with the links they hold.

Built on the standard library's HTML parser, so the tests of `lnhs_parse.html_report` don't read
the markup with the same assumptions that wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from support import ws


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return ws("".join(c if isinstance(c, str) else c.text for c in self.children))

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        found: list[Node] = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.attrs.get("class", "").split()):
                    found.append(child)
                found.extend(child.find_all(tag, cls))
        return found

    def blocks(self, heading: str) -> dict[str, list[Node]]:
        """This element's children grouped under the `heading` elements (h2, h3, ...) before them:
        heading text → the elements up to the next such heading."""
        out: dict[str, list[Node]] = {}
        current: list[Node] | None = None
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == heading:
                    current = out.setdefault(child.text, [])
                elif current is not None:
                    current.append(child)
        return out


_VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(markup: str) -> Node:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


def elements(root: Node) -> list[Node]:
    """Every element under `root`, in document order."""
    out: list[Node] = []
    for child in root.children:
        if isinstance(child, Node):
            out.append(child)
            out.extend(elements(child))
    return out
