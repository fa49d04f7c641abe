"""The plan's status scale: which steps the deck's scale has, in which order, in which words.

A deck shows its scale in its legend (icons or colours beside words), or only in its status cells
(words, coloured cells, icons). `ScaleReader` collects what the status cells showed (each step
read, with the word printed for it and its colour); `build_scale` then gives the plan's
`status_scale`:

- the legend's steps when the deck has a legend (every step it explains, used or not), then any
  step read in the cells that the legend lacks;
- else a profile's declared scale (`[scale]`), when it has one;
- else the steps read in the cells.

Steps are ranked by the scale vocabulary's order (data/scales.toml, or the declared scale's
`order`), never by the legend's order on the page; a step without an order is listed last with
rank None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lnhs_parse.normalise.vocab import scale_vocabulary
from lnhs_parse.records import LegendEntry, ScaleStep
from lnhs_parse.utils.strings import collapse_ws

__all__ = ["ScaleReader", "build_scale"]


@dataclass
class ScaleReader:
    """What the status cells showed: per step code, the words printed for it and its colours."""

    words: dict[str, list[str]] = field(default_factory=dict)
    colours: dict[str, list[str]] = field(default_factory=dict)
    by_hue: bool = False  # a colour was read by its hue (no legend colour to read it by)

    def saw(self, code: str, word: str | None = None, colour: str | None = None) -> None:
        """Step `code` read, printed as `word` and/or shown in `colour` ("#RRGGBB")."""
        words = self.words.setdefault(code, [])
        if word:
            text = collapse_ws(word)
            if text not in words:
                words.append(text)
        if colour:
            found = self.colours.setdefault(code, [])
            if colour.upper() not in found:
                found.append(colour.upper())
        else:
            self.colours.setdefault(code, [])

    @property
    def codes(self) -> list[str]:
        return list(self.words)


def build_scale(legend: tuple[LegendEntry, ...], reader: ScaleReader) -> list[ScaleStep]:
    """The plan's `status_scale` (module docstring)."""
    vocab = scale_vocabulary()
    labels: dict[str, str] = {}
    words: dict[str, list[str]] = {}
    colours: dict[str, str | None] = {}
    descriptions: dict[str, str] = {}

    def add(code: str, label: str | None, colour: str | None, description: str = "") -> None:
        if code not in labels:
            step = vocab.steps.get(code)
            labels[code] = label or (step.label if step else code)
            colours[code] = colour
            descriptions[code] = description
            words[code] = []
        if label and label not in words[code]:
            words[code].append(label)
        if colours[code] is None and colour:
            colours[code] = colour

    for entry in legend:
        add(entry.status, entry.label, entry.color, entry.description)
    if not legend:
        for code in vocab.declared:
            add(code, None, None)
    for code in reader.codes:
        seen = reader.words.get(code, [])
        shown = reader.colours.get(code) or []
        add(code, seen[0] if seen else None, shown[0] if shown else None)
        for word in seen:
            if word not in words[code]:
                words[code].append(word)
    ordered = sorted(
        labels,
        key=lambda code: (vocab.order(code) is None, vocab.order(code) or 0.0),
    )
    ranked = [code for code in ordered if vocab.order(code) is not None]
    return [
        ScaleStep(
            code=code,
            label=labels[code],
            rank=ranked.index(code) if code in ranked else None,
            words=words[code],
            color=colours[code],
            description=descriptions[code],
        )
        for code in ordered
    ]
