"""Profiles (docs/profiles.md): loading, checking, merging, and the vocabularies they extend."""

from __future__ import annotations

from pathlib import Path

import pytest

import lnhs_parse
from lnhs_parse.cli import main
from lnhs_parse.errors import ConfigError
from lnhs_parse.normalise.actors import ActorRegistry
from lnhs_parse.normalise.columns import column_role
from lnhs_parse.normalise.profile import load_profile, load_profiles
from lnhs_parse.normalise.roles import goal_heading
from lnhs_parse.normalise.vocab import (
    find_region,
    header_vocabulary,
    period_from_text,
    phrases,
    scale_vocabulary,
    use_profile,
)
from lnhs_parse.settings import ParseOptions
from lnhs_parse.utils.numerals import numeral_value
from support import prefix_ids

PROFILE = '''
[[actor]]
id = "lumo"
name = "Lumon hyvinvointialue"
kind = "county"
aliases = ["LHA"]

[columns.progress]
synonyms = ["Miten on edetty"]

[slides]
goal = \'\'\'^\\s*KOHDE\\s+(\\d+|[IVX]+)\\b\\s*[:.]?\\s*(.*)$\'\'\'
highlights = ["Vuoden poiminnat"]

[statuses.in_use]
words = ["arjessa"]
hues = [[200, 210]]

[[regions]]
name = "Lumo"
forms = ["Lumon"]

[period]
patterns = [\'\'\'kausi (\\d{4}) ja (\\d{4})\'\'\']

[continuation]
pattern = \'\'\'\\s*\\(\\s*jatkoa edelliseltä\\s*\\)\\s*$\'\'\'

[vocabulary]
phrases = ["Miten on edetty"]
'''


def _write(tmp_path: Path, text: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_profile_extends_every_vocabulary_only_while_active(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, PROFILE))
    assert column_role("Miten on edetty") is None
    assert goal_heading("KOHDE 2: Hyvä arki") is None
    assert goal_heading("TAVOITE 2: Hyvä arki") == ("2", "Hyvä arki")  # common wording
    with use_profile(profile):
        for header in ("Miten on edetty", "Toimenpiteiden eteneminen"):
            read = column_role(header)
            assert read is not None and read[0] == "status", header
        assert goal_heading("KOHDE 2: Hyvä arki") == ("2", "Hyvä arki")
        assert goal_heading("PÄÄTAVOITE II: Hyvä arki") == ("II", "Hyvä arki")
        assert ("arjessa", "in_use") in scale_vocabulary().words
        assert (200.0, 210.0, "in_use") in scale_vocabulary().hues
        assert find_region("Lumon lasten ja nuorten hyvinvointisuunnitelma") == "Lumo"
        assert period_from_text("kausi 2025 ja 2026") == "2025/2026"
        assert header_vocabulary().continuation.search("Arki (jatkoa edelliseltä)")
        assert header_vocabulary().continuation.search("Arki (jatkuu)")
        assert "Miten on edetty" in phrases()
    assert find_region("Lumon lasten ja nuorten hyvinvointisuunnitelma") is None
    assert ("arjessa", "in_use") not in scale_vocabulary().words


def test_profile_actors_join_the_registry(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, PROFILE))
    registry = ActorRegistry.load(None, profile)
    assert "lumo" in registry and "hva" not in registry  # Kymenlaakso's come with its profile
    hit = registry.match_prefix("LHA")
    assert hit is not None and hit.ids == ("lumo",)


def test_profiles_merge_in_order(tmp_path: Path) -> None:
    a = _write(tmp_path, '[columns.progress]\nsynonyms = ["edistyminen"]\n', "a.toml")
    b = _write(tmp_path, '[columns.progress]\nsynonyms = ["tila nyt"]\n', "b.toml")
    merged = load_profiles([a, b])
    assert dict(merged.columns)["status"] == ("edistyminen", "tila nyt")
    assert merged.sources == (str(a), str(b))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[columnz.progress]\nsynonyms = ["x"]\n', "columnz"),
        ('[columns.progres]\nsynonyms = ["x"]\n', "columns.progres"),
        ('[scale]\nsteps = [{code = "A b", label = "x"}]\n', "bad code"),
        ('replace = ["actors"]\n', "replace"),
        ('[columns.progress]\nsynonym = ["x"]\n', "synonym"),
        ('[slides]\ngoals = "x"\n', "goals"),
        ('[statuses.done]\nwords = ["x"]\n', "statuses.done"),
        ('[statuses.in_use]\nhues = [[300, 20]]\n', "statuses.in_use.hues"),
        ('[slides]\ngoal = "TAVOITE ("\n', "slides.goal"),
        ('[slides]\ngoal = "TAVOITE"\n', "capture group"),
        ('[period]\npatterns = ["(\\\\d+)"]\n', "period.patterns"),
        ('[[actor]]\nid = "x"\nname = "X"\nkind = "ngo"\nalias = ["y"]\n', "alias"),
        ('[[regions]]\nname = "X"\nform = ["Y"]\n', "form"),
        ('[vocabulary]\nphrases = "x"\n', "vocabulary.phrases"),
        ("not toml [", "not valid TOML"),
    ],
)
def test_a_bad_profile_is_a_config_error_naming_what_is_wrong(tmp_path: Path, text: str,
                                                               named: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    assert named in str(info.value) and str(path) in str(info.value)
    assert info.value.exit_code == 2


def test_cli_exits_2_naming_the_unknown_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, '[legend]\nwords = ["x"]\n')
    deck = tmp_path / "none.pdf"
    assert main(["parse", str(deck), "--profile", str(path)]) == 2
    assert "unknown table(s) ['legend']" in capsys.readouterr().err


def test_profile_option_takes_a_path_or_a_list() -> None:
    """Each profile as given: a Path a file's, a str a file's or a packaged profile's name."""
    assert ParseOptions(profile="a.toml").profile == ("a.toml",)  # type: ignore[arg-type]  # made a tuple
    assert ParseOptions(profile=["a.toml", Path("b.toml")]).profile == (  # type: ignore[arg-type]  # made a tuple
        "a.toml",
        Path("b.toml"),
    )
    assert ParseOptions(profile=("kymenlaakso", "none")).profile == ("kymenlaakso", "none")
    with pytest.raises(ConfigError, match=r"ParseOptions\.profile must be a str or Path"):
        ParseOptions(profile=3)  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(ConfigError, match=r"ParseOptions\.profile"):
        ParseOptions(profile=["a.toml", 3])  # type: ignore[arg-type]  # the wrong type on purpose


def test_parse_passes_the_profile_through(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown table"):
        lnhs_parse.parse(tmp_path / "missing.pdf", profile=_write(tmp_path, "[x]\n"))


def test_goal_numbers_as_printed() -> None:
    assert numeral_value("IV") == 4
    assert numeral_value("12") == 12
    assert numeral_value("x1") is None
    assert goal_heading("PÄÄTAVOITE 3: Osallisuus") == ("3", "Osallisuus")
    assert goal_heading("PÄÄTAVOITE 2023") is None


# --------------------------------------------------------------------------------------------------
# Packaged county profiles


def test_a_deck_naming_kymenlaakso_is_read_with_its_county_profile() -> None:
    from support import FIXTURES

    plan = lnhs_parse.parse(FIXTURES / "kymenlaakso-2023.pptx")
    assert plan.source.profiles == ["kymenlaakso"]
    assert any(sg.focus_areas for g in plan.goals for sg in g.sub_goals)
    assert "hva" in {a.id for a in plan.actors}


def test_profile_none_leaves_the_county_profile_out_and_nothing_is_dropped() -> None:
    """Without Kymenlaakso's profile its statement columns are columns of no known role: kept
    under their headers, with the same statements."""
    from support import FIXTURES

    with_county = lnhs_parse.parse(FIXTURES / "kymenlaakso-2023.pptx")
    plain = lnhs_parse.parse(FIXTURES / "kymenlaakso-2023.pptx", profile="none")
    assert plain.source.profiles == []
    assert all(not sg.focus_areas for g in plain.goals for sg in g.sub_goals)
    headers = {c.header for c in plain.columns if c.role == "other"}
    assert headers == {"Lisättyjä painopisteitä vuodelle -23/-24", "Yhteisen työn nostot"}
    for g_county, g_plain in zip(with_county.goals, plain.goals, strict=True):
        for county, bare in zip(g_county.sub_goals, g_plain.sub_goals, strict=True):
            # the same text (actor prefixes, unknown without the county's actors, stay in it, and
            # split it otherwise)
            text = " ".join(" ".join(s.text.split()) for col in bare.other_columns
                            for s in col.statements)
            for st in (*county.focus_areas, *county.joint_highlights):
                assert " ".join(st.text.split()) in text


def test_a_packaged_profile_is_asked_for_by_name(tmp_path: Path) -> None:
    assert load_profile("kymenlaakso").names == ("Kymenlaakso",)
    with pytest.raises(ConfigError, match=r"no such|can't read"):
        load_profile(tmp_path / "kymenlaakso-typo")


def test_another_county_may_call_itself_hyvinvointialue(tmp_path: Path) -> None:
    """Kymenlaakso's profile gives "hyvinvointialue" to its county; another county's profile may
    give it to its own, also while Kymenlaakso's applies (a later file's alias wins)."""
    from support import FIXTURES

    path = _write(
        tmp_path,
        '[[actor]]\nid = "lumo"\nname = "Lumon hyvinvointialue"\nkind = "county"\n'
        'aliases = ["Hyvinvointialue", "LHA"]\n',
    )
    registry = ActorRegistry.load(None, load_profile(path))
    assert prefix_ids(registry, "Hyvinvointialue") == ("lumo",)
    plan = lnhs_parse.parse(FIXTURES / "kymenlaakso-2023.pptx", profile=path)
    assert plan.source.profiles == ["kymenlaakso", str(path)]


def test_the_packaged_files_pass_the_checks_a_users_file_gets() -> None:
    """A parse reads the packaged county profiles and actor registry without checking them (so it
    imports no pydantic); here they get the checks of a file a user gives, and read the same
    either way."""
    import tomllib
    from importlib import resources

    from lnhs_parse.normalise import profile as profiles
    from lnhs_parse.normalise.actors import _packaged_actors
    from lnhs_parse.normalise.profile_file import validated_actors, validated_profile

    data = resources.files("lnhs_parse.normalise").joinpath("data")
    names = profiles.packaged_profile_names()
    assert names
    for name in names:
        raw = tomllib.loads(data.joinpath("profiles", f"{name}.toml").read_text(encoding="utf-8"))
        where = f"packaged:{name}"
        assert profiles.packaged_profile(name) == profiles.parse_profile(raw, where)
        assert profiles.packaged_profile(name) == profiles._from_data(
            validated_profile(raw, where), where)
    entries = tomllib.loads(data.joinpath("actors.toml").read_text(encoding="utf-8"))["actor"]
    assert validated_actors(entries, "actors.toml") == entries
    assert sorted(_packaged_actors()) == sorted(e["id"] for e in entries)


def test_a_declared_scale_reads_the_same_checked_or_not() -> None:
    """`[scale]` steps become `DeclaredStep`s: orders and hues as floats, patterns as tuples."""
    from lnhs_parse.normalise import profile as profiles
    from lnhs_parse.normalise.profile_file import validated_profile

    raw = {"scale": {"steps": [
        {"code": "ok", "label": "OK", "order": 2, "hues": [[90, 150]], "words": ["valmis"]},
        {"code": "na", "label": "Ei tiedossa"},
    ]}, "statuses": {"ok": {"hues": [[80, 90]]}}, "period": {"patterns": r"(\d{4})-(\d{4})"}}
    checked = profiles._from_data(validated_profile(raw, "x"), "x")
    assert checked == profiles._from_data(raw, "x")
    assert checked.scale == (
        profiles.DeclaredStep("ok", "OK", ("valmis",), 2.0, ((90.0, 150.0),)),
        profiles.DeclaredStep("na", "Ei tiedossa"),
    )
    assert checked.status_hues == (("ok", ((80.0, 90.0),)),)
    assert checked.period == (r"(\d{4})-(\d{4})",)
