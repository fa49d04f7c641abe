"""The listings of docs/profiles.md: the vocabulary every deck is read with, as a profile; the
packaged Kymenlaakso profile; the worked example's profile.

    python scripts/packaged_profile.py              # print the common vocabulary as a profile
    python scripts/packaged_profile.py --write-doc  # refresh the listings in docs/profiles.md

The common vocabulary's listing is made from `src/lnhs_parse/normalise/data/headers.toml` and
`scales.toml`, in the profile format (docs/profiles.md, "Format"): every table a profile may extend
or `replace`; settings that are not part of a profile (`min_score`, `exact`, `label`, `order`) are
left out, and `data/regions.toml` (every county) is not listed. The Kymenlaakso profile
(`data/profiles/kymenlaakso.toml`) and the example (`fixtures/kuuramaa-2024.profile.toml`) are
listed as they are. tests/test_profiles_doc.py fails while the doc is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "lnhs_parse" / "normalise" / "data"
DOC = ROOT / "docs" / "profiles.md"
KYMENLAAKSO = DATA / "profiles" / "kymenlaakso.toml"  # the packaged county profile, listed as is
EXAMPLE = ROOT / "fixtures" / "kuuramaa-2024.profile.toml"  # the worked example, listed as is

PATTERN_KEYS = {"goal", "title", "section", "section_period", "patterns", "pattern"}


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


def packaged_profile() -> dict[str, Any]:
    """The common vocabulary (data/headers.toml, data/scales.toml) as profile data (what `tomllib`
    reads back from `profile_toml()`)."""
    headers, scales = _load("headers.toml"), _load("scales.toml")
    return {
        "slides": headers["slides"],
        "columns": {role: {"synonyms": t["synonyms"]} for role, t in headers["columns"].items()},
        "statuses": {
            s["code"]: {"words": s["words"], **({"hues": s["hues"]} if "hues" in s else {})}
            for s in scales["steps"]
        },
        "period": {"patterns": headers["period"]["patterns"]},
        "continuation": {"pattern": headers["continuation"]["pattern"]},
        "vocabulary": {"phrases": headers["vocabulary"]["phrases"]},
    }


def _value(key: str, value: Any) -> str:
    if isinstance(value, str):
        if key in PATTERN_KEYS and "'''" not in value:
            return f"'''{value}'''"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        items = [_value(key, v) for v in value]
        flat = "[" + ", ".join(items) + "]"
        if len(flat) <= 90 and not any(isinstance(v, str) and key in PATTERN_KEYS for v in value):
            return flat
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
    return json.dumps(value)


def _table(header: str, table: dict[str, Any]) -> list[str]:
    return [header, *(f"{k} = {_value(k, v)}" for k, v in table.items()), ""]


def profile_toml() -> str:
    """The common vocabulary as the text of one profile file."""
    data = packaged_profile()
    out = [
        "# The vocabulary every deck is read with, as a profile (scripts/packaged_profile.py).",
        "",
    ]
    out += _table("[slides]", data["slides"])
    for role, table in data["columns"].items():
        out += _table(f"[columns.{role}]", table)
    for status, table in data["statuses"].items():
        out += _table(f"[statuses.{status}]", table)
    for name in ("period", "continuation", "vocabulary"):
        out += _table(f"[{name}]", data[name])
    return "\n".join(out).rstrip("\n") + "\n"


def doc_blocks() -> dict[str, str]:
    """The listings docs/profiles.md holds, by marker name: the common vocabulary, the packaged
    Kymenlaakso profile and the worked example's profile."""
    return {
        "packaged-profile": profile_toml(),
        "kymenlaakso-profile": KYMENLAAKSO.read_text(encoding="utf-8"),
        "example-profile": EXAMPLE.read_text(encoding="utf-8"),
    }


def _markers(name: str) -> tuple[str, str]:
    return (
        f"<!-- {name}: begin (scripts/packaged_profile.py --write-doc) -->",
        f"<!-- {name}: end -->",
    )


def doc_listing(text: str, name: str) -> str:
    """The listing between a marker pair in the doc's text (without the ```toml fence)."""
    begin, end = _markers(name)
    body = text[text.index(begin) + len(begin) : text.index(end)]
    return body.strip("\n").removeprefix("```toml\n").removesuffix("```")


def write_doc() -> bool:
    """Refresh the listings in docs/profiles.md; True when something changed."""
    text = old = DOC.read_text(encoding="utf-8")
    for name, listing in doc_blocks().items():
        begin, end = _markers(name)
        start, stop = text.index(begin), text.index(end) + len(end)
        text = text[:start] + f"{begin}\n```toml\n{listing}```\n{end}" + text[stop:]
    if text != old:
        DOC.write_text(text, encoding="utf-8")
    return text != old


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--write-doc", action="store_true", help="refresh the listing in the doc")
    args = ap.parse_args(argv)
    if args.write_doc:
        print("updated" if write_doc() else "up to date", DOC.relative_to(ROOT), file=sys.stderr)
    else:
        sys.stdout.write(profile_toml())
    return 0


if __name__ == "__main__":
    sys.exit(main())
