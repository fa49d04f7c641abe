"""The actor registry: who a statement's prefix (`HVA: ...`) or suffix (`... (Kouvola)`) names.

The actors are data (`data/actors.toml`, extendable by a user file of the same format, see
docs/actors.md), never code: other counties have other actors. This module answers four questions
the text normaliser asks (docs/parsing-rules.md, "Actors"):

- `ActorRegistry.match_alias`: is this one name a known actor? Case-insensitive, spacing around
  `/`, `,`, `&` ignored, and one edit forgiven (a swap of two letters counts as one) for aliases of
  five letters or more, so `Keltu` is Kletu but `HVB` is not HVA.
- `ActorRegistry.match_prefix`: are all parts of `Kletu/MLL`, `HVA, Tulsote/hanketuki` known? The
  prefix is split on `/`, `,`, `&`, ` ja ` and adjacent parts are re-merged when together they form
  one alias (`Tulsote/hanketuki` is one actor, not Tulsote plus an unknown "hanketuki").
- `ActorRegistry.read_prefix`: where does a statement's prefix end, and is it a known one, an
  unknown one that looks like an actor (warned about), or just a colon in text?
- `ActorRegistry.match_suffix`: does a statement end with `(Kotka, Kouvola)` naming known actors?
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lnhs_parse.errors import ConfigError
from lnhs_parse.normalise.profile import (
    EMPTY_PROFILE,
    Profile,
    read_actor_file,
)
from lnhs_parse.records import Actor
from lnhs_parse.utils.data_files import package_file
from lnhs_parse.utils.strings import collapse_ws, osa_distance

__all__ = [
    "ActorInfo",
    "ActorRegistry",
    "AliasMatch",
    "PrefixHit",
    "PrefixMatch",
    "SuffixMatch",
    "looks_like_actor",
]

# Separators between the actors of one prefix or suffix. " ja " (and) needs spaces around it so it
# never splits a word such as "Kaja".
_SPLIT = re.compile(r"(\s*[/,&]\s*|\s+ja\s+)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_SEP_SPACING = re.compile(r"\s*([/,&])\s*")
# Aliases this long (in letters) forgive one typo; shorter ones (HVA, MLL) are too easily another
# word.
FUZZY_MIN_LETTERS = 5
FUZZY_MAX_EDITS = 1
# Longest text before a colon that is considered as a prefix at all, and the longest prefix that can
# "look like an actor" when it is not a known one (docs/parsing-rules.md).
MAX_PREFIX_CHARS = 80
MAX_UNKNOWN_PREFIX_CHARS = 40
MAX_PREFIX_PARTS = 12
# A trailing parenthesised group, optionally followed by a period and whitespace.
_SUFFIX = re.compile(r"\(([^()]*)\)\s*\.?\s*$")

# Capitalised words that open a label, not an actor ("Huom: ...", "Esim: ...", "Tavoite: ..."): a
# prefix starting with one of them never "looks like an actor", so it gives no unknown-actor
# warning.
LABEL_WORDS: frozenset[str] = frozenset(
    {
        "huom", "huomio", "esim", "esimerkiksi", "mm", "tavoite", "tavoitteet", "tulos", "tulokset",
        "toimenpide", "toimenpiteet", "kohderyhmä", "vastuu", "vastuutaho", "mittari", "mittarit",
        "aikataulu", "arviointi", "tila", "lisätietoa", "lisätietoja", "linkki", "lähde", "klo",
        "painopiste", "painopisteet", "teema", "huomiot", "nostot", "haasteet", "kehittämiskohteet",
    }
)  # fmt: skip



def alias_key(text: str) -> str:
    """The form aliases are compared in: NFC, case-folded, whitespace collapsed, no spaces around
    `/`, `,` or `&` (so `HVA/ Tulsote` and `hva /tulsote` are the same)."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _SEP_SPACING.sub(r"\1", collapse_ws(text))


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """One actor of the registry."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """One name read as an actor: `read` as printed, `alias` as registered."""

    id: str
    read: str
    alias: str
    fuzzy: bool

    @property
    def message(self) -> str:
        """The `fuzzy-actor` warning text, naming both spellings."""
        return f"read '{self.read}' as '{self.alias}'"


@dataclass(frozen=True, slots=True)
class PrefixMatch:
    """All parts of a prefix are known: the actor ids in order (no repeats) and how each was
    read."""

    ids: tuple[str, ...]
    parts: tuple[AliasMatch, ...]

    @property
    def fuzzy(self) -> tuple[AliasMatch, ...]:
        return tuple(p for p in self.parts if p.fuzzy)


@dataclass(frozen=True, slots=True)
class PrefixHit:
    """A statement's prefix: `text[:end]` is the prefix with its colon, `rest` what follows.

    `kind` is "known" (then `match` says who) or "unknown" (looks like an actor, isn't one).
    """

    kind: Literal["known", "unknown"]
    prefix: str  # the text before the colon, stripped
    end: int  # index just past the colon in the text searched
    rest: str  # the text after the colon, stripped of leading whitespace
    match: PrefixMatch | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return self.match.ids if self.match else ()

    @property
    def bare(self) -> bool:
        """Nothing follows the colon (`HVA, Tulsote/hanketuki:` on a line of its own)."""
        return not self.rest.strip()


@dataclass(frozen=True, slots=True)
class SuffixMatch:
    """A trailing `(A, B)` naming known actors; `start` is the index of its `(`."""

    ids: tuple[str, ...]
    start: int


def looks_like_actor(prefix: str) -> bool:
    """Whether an unknown prefix looks like actor names: at most 40 characters, every part (split as
    a prefix is) one to three words, each word capitalised or an acronym, and not a label such as
    `Huom` or `Tavoite` (`LABEL_WORDS`)."""
    prefix = prefix.strip()
    if not prefix or len(prefix) > MAX_UNKNOWN_PREFIX_CHARS:
        return False
    first_word = _WORD.match(prefix)
    if first_word is not None and first_word.group(0).casefold() in LABEL_WORDS:
        return False
    for part in _SPLIT.split(prefix)[::2]:
        words = part.split()
        if not 1 <= len(words) <= 3:
            return False
        for word in words:
            first = word[0]
            # Capitalised ("Seurakunta", "Kaakkois-Suomen") or an acronym ("ETU", "4H"): starts with
            # an upper-case letter, or a digit followed by an upper-case letter.
            if first.isupper():
                continue
            if first.isdigit() and any(ch.isupper() for ch in word) and not any(
                ch.islower() for ch in word
            ):
                continue
            return False
    return True


def _prefix_colon(text: str) -> int | None:
    """Index of the colon that may end a prefix: the first colon within `MAX_PREFIX_CHARS`, skipping
    colons followed directly by a lower-case letter, which are Finnish case endings on acronyms
    (`HVA:n`, `MLL:ssä`), not prefix colons. `Tulsote :Maakunnallisen` (upper case) is a prefix."""
    limit = min(len(text), MAX_PREFIX_CHARS + 1)
    i = text.find(":", 0, limit)
    while i != -1:
        if not (i + 1 < len(text) and text[i + 1].islower()):
            return i
        i = text.find(":", i + 1, limit)
    return None


def _split_parts(prefix: str) -> tuple[list[str], list[str]]:
    """`prefix` split into parts and the separators between them (as printed)."""
    pieces = _SPLIT.split(prefix)
    return pieces[::2], pieces[1::2]


class ActorRegistry:
    """Known actors and their aliases. Build with `ActorRegistry.load()`."""

    def __init__(
        self, actors: Mapping[str, ActorInfo], layers: Mapping[str, int] | None = None
    ) -> None:
        self._actors: dict[str, ActorInfo] = dict(actors)
        # alias key -> (id, alias as registered); checked for conflicts within a layer by the
        # loader; across layers (`layers`: actor id -> the layer that last set it) the later wins
        self._by_key: dict[str, tuple[str, str]] = {}
        rank = layers or {}
        for info in sorted(self._actors.values(), key=lambda a: -rank.get(a.id, 0)):
            for alias in (*info.aliases, info.name):
                self._by_key.setdefault(alias_key(alias), (info.id, alias))
        # Only aliases long enough are candidates for fuzzy matching.
        self._fuzzy = [
            (key, aid, alias)
            for key, (aid, alias) in self._by_key.items()
            if _letters(key) >= FUZZY_MIN_LETTERS
        ]
        self._alias_cache: dict[str, AliasMatch | None] = {}

    # --- loading ----------------------------------------------------------------------------------

    @classmethod
    def load(
        cls, extra: Path | str | None = None, profile: Profile = EMPTY_PROFILE
    ) -> ActorRegistry:
        """The packaged registry, extended/overridden by the profile's `[[actor]]` entries and by
        the user file `extra` when given.

        Each file is a layer: an `[[actor]]` with a known id overrides that actor's name/kind and
        adds aliases (or replaces them with `replace_aliases = true`); a new id adds an actor (then
        `name` and `kind` are required). An alias a layer gives to one of its actors is that
        actor's, whatever an earlier layer (the packaged registry, a county profile) said; two
        actors of one file claiming an alias is a `ConfigError`, as is any other bad entry. A
        profile whose `replace` names "actor" sets aside the packaged registry.
        """
        if extra is None and not profile.actors and not profile.replaces("actor"):
            return _packaged_registry()
        actors = {} if profile.replaces("actor") else dict(_packaged_actors())
        layers = dict.fromkeys(actors, 0)
        for n, (where, entries) in enumerate(profile.actor_layers(), start=1):
            _apply_layer(actors, layers, entries, where, n)
        if extra is not None:
            path = Path(extra)
            _apply_layer(actors, layers, read_actor_file(path), str(path), len(layers) + 1)
        return cls(actors, layers)

    # --- lookup -----------------------------------------------------------------------------------

    @property
    def ids(self) -> tuple[str, ...]:
        """All actor ids, in registry order."""
        return tuple(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __iter__(self) -> Iterator[ActorInfo]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def get(self, actor_id: str) -> ActorInfo:
        """The actor with this id (KeyError when there is none)."""
        return self._actors[actor_id]

    def actor_model(self, actor_id: str) -> Actor:
        """The actor as the plan's `actors` list reports it."""
        info = self._actors[actor_id]
        return Actor(id=info.id, name=info.name, kind=info.kind, aliases=list(info.aliases))

    # --- matching ---------------------------------------------------------------------------------

    def match_alias(self, text: str) -> AliasMatch | None:
        """`text` read as one actor name: exact (case-insensitive) or within one edit of an alias of
        five letters or more. An edit that could mean two different actors matches neither."""
        read = collapse_ws(text)
        if read in self._alias_cache:
            return self._alias_cache[read]
        key = alias_key(read)
        result: AliasMatch | None = None
        if key in self._by_key:
            aid, alias = self._by_key[key]
            result = AliasMatch(id=aid, read=read, alias=alias, fuzzy=False)
        elif key:
            hits = [
                (aid, alias)
                for akey, aid, alias in self._fuzzy
                if osa_distance(key, akey, FUZZY_MAX_EDITS) <= FUZZY_MAX_EDITS
            ]
            if hits and len({aid for aid, _ in hits}) == 1:
                aid, alias = hits[0]
                result = AliasMatch(id=aid, read=read, alias=alias, fuzzy=True)
        if len(self._alias_cache) < 4096:
            self._alias_cache[read] = result
        return result

    def match_prefix(self, prefix: str) -> PrefixMatch | None:
        """All actors a prefix (the text before its colon) names, or None unless every part is
        known.

        The whole prefix is tried as one alias first; otherwise it is split on `/`, `,`, `&`, ` ja `
        and adjacent parts are merged whenever together they are one alias. Of all ways to cover the
        parts with aliases the one with the fewest typos, then the fewest (longest) pieces, wins.
        """
        prefix = prefix.strip()
        if not prefix or len(prefix) > MAX_PREFIX_CHARS:
            return None
        parts, seps = _split_parts(prefix)
        if len(parts) > MAX_PREFIX_PARTS:
            return None
        n = len(parts)

        def span(i: int, j: int) -> str:  # parts i..j inclusive, with their separators as printed
            out = parts[i]
            for k in range(i, j):
                out += seps[k] + parts[k + 1]
            return out

        # best[i] = (typos, pieces, matches) covering parts[i:], or None when they can't be covered
        best: list[tuple[int, int, tuple[AliasMatch, ...]] | None] = [None] * (n + 1)
        best[n] = (0, 0, ())
        for i in range(n - 1, -1, -1):
            for j in range(n - 1, i - 1, -1):  # longest span first
                tail = best[j + 1]
                if tail is None:
                    continue
                hit = self.match_alias(span(i, j))
                if hit is None:
                    continue
                cand = (tail[0] + int(hit.fuzzy), tail[1] + 1, (hit, *tail[2]))
                current = best[i]
                if current is None or cand[:2] < current[:2]:
                    best[i] = cand
        if best[0] is None:
            return None
        matches = best[0][2]
        ids = tuple(dict.fromkeys(m.id for m in matches))
        return PrefixMatch(ids=ids, parts=matches)

    def read_prefix(self, text: str) -> PrefixHit | None:
        """The prefix at the start of `text` (already without its bullet), if any.

        Known when every part is a known actor; unknown when it is not but looks like actor names
        (`looks_like_actor`); None when the colon is just text (`Maksuton ehkäisy ...: ...`).
        """
        colon = _prefix_colon(text)
        if colon is None:
            return None
        prefix = text[:colon].strip()
        if not prefix:
            return None
        end = colon + 1
        rest = text[end:].lstrip()
        match = self.match_prefix(prefix)
        if match is not None:
            return PrefixHit(kind="known", prefix=prefix, end=end, rest=rest, match=match)
        if "\n" not in prefix and looks_like_actor(prefix):
            return PrefixHit(kind="unknown", prefix=prefix, end=end, rest=rest)
        return None

    def match_suffix(self, text: str) -> SuffixMatch | None:
        """A trailing `(A)` / `(A, B)` (optionally followed by a period) where every name is a known
        actor, read exactly: parentheses are common in text (`(ETU-hanke)`, `(esim. IPC, ...)`), so
        no typo is forgiven here."""
        m = _SUFFIX.search(text)
        if m is None:
            return None
        inner = m.group(1).strip()
        if not inner:
            return None
        ids: list[str] = []
        for part in _SPLIT.split(inner)[::2]:
            hit = self._by_key.get(alias_key(part))
            if hit is None:
                return None
            ids.append(hit[0])
        return SuffixMatch(ids=tuple(dict.fromkeys(ids)), start=m.start())


# --- reading TOML ---------------------------------------------------------------------------------


def _apply_entries(actors: dict[str, ActorInfo], entries: list[dict[str, Any]], where: str) -> None:
    """Checked `[[actor]]` entries applied to `actors`: a known id overrides name/kind and adds (or
    with `replace_aliases` replaces) aliases; a new id adds an actor (with a name and a kind)."""
    for entry in entries:
        aid = entry["id"]
        if aid in actors:
            old = actors[aid]
            aliases = tuple(entry.get("aliases", ()))
            if not entry.get("replace_aliases", False):
                aliases = old.aliases + tuple(a for a in aliases if a not in old.aliases)
            actors[aid] = ActorInfo(
                id=aid,
                name=entry.get("name", old.name),
                kind=entry.get("kind", old.kind),
                aliases=aliases,
            )
        else:
            for key in ("name", "kind"):
                if key not in entry:
                    raise ConfigError(f"new actor {aid!r} has no {key!r}", path=where)
            actors[aid] = ActorInfo(
                id=aid,
                name=entry["name"],
                kind=entry["kind"],
                aliases=tuple(entry.get("aliases", ())),
            )


def _apply_layer(
    actors: dict[str, ActorInfo],
    layers: dict[str, int],
    entries: list[dict[str, Any]],
    where: str,
    layer: int,
) -> None:
    """One file's entries applied (`_apply_entries`); its actors' aliases checked among
    themselves, and ranked above every earlier layer's."""
    _apply_entries(actors, entries, where)
    touched = {entry["id"] for entry in entries}
    _check_conflicts({aid: actors[aid] for aid in touched}, where)
    for aid in touched:
        layers[aid] = layer


def _check_conflicts(actors: Mapping[str, ActorInfo], where: str) -> None:
    """An alias (or name) may belong to one actor only, else matching would be a coin toss."""
    owner: dict[str, tuple[str, str]] = {}
    for info in actors.values():
        for alias in (*info.aliases, info.name):
            key = alias_key(alias)
            prev = owner.get(key)
            if prev is not None and prev[0] != info.id:
                raise ConfigError(
                    f"alias {alias!r} is claimed by both {prev[0]!r} and {info.id!r}", path=where
                )
            owner[key] = (info.id, alias)


@functools.cache
def _packaged_actors() -> dict[str, ActorInfo]:
    ref = package_file("normalise", "data", "actors.toml")
    where = f"<package>/{ref.name}"
    actors: dict[str, ActorInfo] = {}
    data = tomllib.loads(ref.read_text(encoding="utf-8"))
    # packaged: checked by the tests (tests/normalise/test_actors.py), not on every parse
    for entry in data.get("actor", []):
        actors[entry["id"]] = ActorInfo(
            id=entry["id"],
            name=entry["name"],
            kind=entry["kind"],
            aliases=tuple(entry.get("aliases", ())),
        )
    _check_conflicts(actors, where)
    return actors


@functools.cache
def _packaged_registry() -> ActorRegistry:
    return ActorRegistry(_packaged_actors())
