"""docs/profiles.md lists the packaged vocabulary as a profile and the worked example's profile:
both listings are what scripts/packaged_profile.py makes from the data, and both are profiles the
parser accepts."""

from __future__ import annotations

import tomllib

from lnhs_parse.normalise.profile import parse_profile
from support import ROOT, load_script

SCRIPT = load_script(ROOT / "scripts" / "packaged_profile.py", "packaged_profile")
DOC = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")


def test_the_docs_listings_are_not_stale() -> None:
    for name, listing in SCRIPT.doc_blocks().items():
        assert SCRIPT.doc_listing(DOC, name) == listing, (
            f"docs/profiles.md: the {name} listing is stale; run "
            "python scripts/packaged_profile.py --write-doc"
        )


def test_the_packaged_listing_reads_back_as_the_packaged_data() -> None:
    data = tomllib.loads(SCRIPT.profile_toml())
    assert data == SCRIPT.packaged_profile()
    headers = tomllib.loads(
        (ROOT / "src/lnhs_parse/normalise/data/headers.toml").read_text(encoding="utf-8")
    )
    assert data["slides"]["goal"] == headers["slides"]["goal"]
    assert data["columns"]["status"]["synonyms"] == headers["columns"]["status"]["synonyms"]
    assert "actor" not in data  # no county's actors are everyone's


def test_every_listing_is_a_profile_the_parser_accepts() -> None:
    for name in SCRIPT.doc_blocks():
        profile = parse_profile(tomllib.loads(SCRIPT.doc_listing(DOC, name)), f"docs ({name})")
        assert not profile.is_empty, name
    for name in ("kymenlaakso-profile", "example-profile"):
        data = tomllib.loads(SCRIPT.doc_listing(DOC, name))
        assert len(data["actor"]) >= 5, name


def test_the_kymenlaakso_listing_is_the_packaged_profile() -> None:
    packaged = (ROOT / "src/lnhs_parse/normalise/data/profiles/kymenlaakso.toml").read_text(
        encoding="utf-8"
    )
    assert SCRIPT.doc_listing(DOC, "kymenlaakso-profile") == packaged


def test_the_example_listing_is_the_committed_fixture_profile() -> None:
    committed = (ROOT / "fixtures" / "kuuramaa-2024.profile.toml").read_text(encoding="utf-8")
    assert SCRIPT.doc_listing(DOC, "example-profile") == committed
