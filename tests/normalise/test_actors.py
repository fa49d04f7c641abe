"""The actor registry: packaged data, user extension files, prefix / suffix matching, typos."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnhs_parse.errors import ConfigError
from lnhs_parse.normalise.actors import ActorRegistry, looks_like_actor
from lnhs_parse.normalise.profile import packaged_profile
from lnhs_parse.records import Actor
from lnhs_parse.utils.strings import osa_distance
from support import kymenlaakso_registry, prefix_ids

KYMENLAAKSO = packaged_profile("kymenlaakso")


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return kymenlaakso_registry()


# --- packaged data ------------------------------------------------------------------------------


def test_the_common_registry_names_no_county_s_actors() -> None:
    """Kymenlaakso's actors come with its county profile, not with every parse: another county's
    deck can call its own county "hyvinvointialue" without a clash."""
    assert len(ActorRegistry.load()) == 0
    assert ActorRegistry.load().match_alias("HVA") is None


def test_kymenlaakso_ids_and_kinds(reg: ActorRegistry) -> None:
    assert set(reg.ids) == {
        "hva", "kletu", "mll", "tulsote", "tullas",
        "kouvola", "kotka", "hamina", "pyhtaa", "miehikkala", "virolahti",
    }  # fmt: skip
    assert reg.get("hva").kind == "county"
    assert reg.get("kletu").kind == "ngo"
    assert reg.get("mll").kind == "ngo"
    assert reg.get("tulsote").kind == "programme"
    assert reg.get("tullas").kind == "programme"
    assert {reg.get(i).kind for i in ("kouvola", "kotka", "hamina", "pyhtaa")} == {"municipality"}
    assert reg.get("pyhtaa").name == "Pyhtää"
    assert reg.get("miehikkala").name == "Miehikkälä"


def test_packaged_registry_is_loaded_once() -> None:
    assert ActorRegistry.load() is ActorRegistry.load()


def test_actor_model(reg: ActorRegistry) -> None:
    model = reg.actor_model("kletu")
    assert isinstance(model, Actor)
    assert model.id == "kletu"
    assert model.name == "Kymenlaakson ensi- ja turvakoti ry"
    assert "Kletu" in model.aliases
    with pytest.raises(KeyError):
        reg.get("nobody")


# --- prefixes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "ids"),
    [
        ("HVA", ("hva",)),
        ("hva", ("hva",)),
        ("Kletu/MLL", ("kletu", "mll")),
        ("Kotka, Hamina", ("kotka", "hamina")),
        ("HVA/ Tulsote ", ("hva", "tulsote")),
        ("Tulsote, hanketuki", ("tulsote",)),
        ("Tulsote/hanketuki", ("tulsote",)),
        ("Tulsote hanketuki", ("tulsote",)),
        ("HVA, Tulsote/hanketuki", ("hva", "tulsote")),
        ("HVA, Tullas, Tulsote/hanketuki", ("hva", "tullas", "tulsote")),
        ("Kotka ja Kouvola", ("kotka", "kouvola")),
        ("Kotka & Pyhtää", ("kotka", "pyhtaa")),
        ("Kymenlaakson ensi- ja turvakoti", ("kletu",)),  # " ja " inside an alias is re-merged
        ("Kletu/Kletu", ("kletu",)),  # no repeats
    ],
)
def test_prefix_known(reg: ActorRegistry, prefix: str, ids: tuple[str, ...]) -> None:
    match = reg.match_prefix(prefix)
    assert match is not None
    assert match.ids == ids
    assert match.fuzzy == ()


@pytest.mark.parametrize(
    "prefix",
    [
        "hanketuki",  # a qualifier, not an actor of its own
        "HVA, hanketuki",
        "Maksuton ehkäisy alle 25-vuotiaille",
        "Vaikuttamistyö",
        "HVA, Seurakunta",  # one unknown part spoils the prefix
        "",
    ],
)
def test_prefix_not_known(reg: ActorRegistry, prefix: str) -> None:
    assert reg.match_prefix(prefix) is None


def test_fuzzy_transposition_keltu(reg: ActorRegistry) -> None:
    match = reg.match_prefix("Keltu")
    assert match is not None and match.ids == ("kletu",)
    assert [f.message for f in match.fuzzy] == ["read 'Keltu' as 'Kletu'"]


def test_fuzzy_multi_word_alias(reg: ActorRegistry) -> None:
    match = reg.match_prefix("Tulsote haketuki")
    assert match is not None and match.ids == ("tulsote",)
    assert [f.message for f in match.fuzzy] == ["read 'Tulsote haketuki' as 'Tulsote hanketuki'"]


def test_fuzzy_inside_a_multi_part_prefix(reg: ActorRegistry) -> None:
    match = reg.match_prefix("HVA, Tulsote/haketuki")
    assert match is not None and match.ids == ("hva", "tulsote")
    assert len(match.fuzzy) == 1


@pytest.mark.parametrize("prefix", ["Kelut", "Tulstoe haketuki", "Kouvloaa", "Tulsote hnketki"])
def test_two_edits_never_match(reg: ActorRegistry, prefix: str) -> None:
    assert reg.match_prefix(prefix) is None


@pytest.mark.parametrize("prefix", ["HVB", "HV", "MLX", "MLLL", "VHA"])
def test_short_aliases_never_match_fuzzily(reg: ActorRegistry, prefix: str) -> None:
    assert reg.match_prefix(prefix) is None


def test_case_difference_is_no_typo(reg: ActorRegistry) -> None:
    match = reg.match_prefix("KLETU")
    assert match is not None and match.fuzzy == ()


def test_osa_distance_counts_a_swap_as_one() -> None:
    assert osa_distance("keltu", "kletu") == 1
    assert osa_distance("kletu", "kletu") == 0
    assert osa_distance("tulsote haketuki", "tulsote hanketuki") == 1
    assert osa_distance("kelut", "kletu") == 2
    assert osa_distance("abc", "") == 3
    assert osa_distance("abcdef", "abc", limit=1) == 2  # capped at limit + 1
    assert osa_distance("ca", "abc") == 3  # OSA, not full Damerau (which gives 2)


# --- read_prefix: where a prefix ends and what kind it is ---------------------------------------


def test_read_prefix_first_colon_only(reg: ActorRegistry) -> None:
    hit = reg.read_prefix("Kletu: Vaikuttamistyö: lasten ja nuorten äänen esiin tuominen")
    assert hit is not None and hit.kind == "known"
    assert hit.ids == ("kletu",)
    assert hit.rest == "Vaikuttamistyö: lasten ja nuorten äänen esiin tuominen"


def test_read_prefix_odd_spacing(reg: ActorRegistry) -> None:
    hit = reg.read_prefix("HVA/ Tulsote :Maakunnallisen opiskeluhuoltosuunnitelmaan")
    assert hit is not None and hit.ids == ("hva", "tulsote")
    assert hit.rest == "Maakunnallisen opiskeluhuoltosuunnitelmaan"


def test_read_prefix_bare(reg: ActorRegistry) -> None:
    hit = reg.read_prefix("HVA, Tulsote/hanketuki:")
    assert hit is not None and hit.bare and hit.ids == ("hva", "tulsote")


def test_read_prefix_colon_not_actor(reg: ActorRegistry) -> None:
    assert reg.read_prefix("Maksuton ehkäisy alle 25-vuotiaille: Palvelua saatavilla") is None


def test_read_prefix_case_ending_is_no_colon(reg: ActorRegistry) -> None:
    # "HVA:n" is a Finnish case ending on an acronym, not a prefix.
    assert reg.read_prefix("Kymenlaakson HVA:n aluehallitus 21.11.2023 nosti") is None
    assert reg.read_prefix("hva:n, kuntien, järjestöjen") is None


def test_read_prefix_unknown_actor(reg: ActorRegistry) -> None:
    hit = reg.read_prefix("Kotkan Seurakunta: perhekerhot")
    assert hit is not None and hit.kind == "unknown" and hit.ids == ()


@pytest.mark.parametrize(
    ("prefix", "looks"),
    [
        ("Seurakunta", True),
        ("Kotkan Seurakunta", True),
        ("HVA/ETU", True),
        ("Poliisi, Kaakkois-Suomen Poliisilaitos", True),
        # "ry" is neither capitalised nor an acronym
        ("Poliisi, Kaakkois-Suomen Poliisilaitos ry", False),
        ("4H, ETU", True),
        ("Maksuton ehkäisy alle 25-vuotiaille", False),
        ("Yksi Kaksi Kolme Neljä", False),  # four words in one part
        ("A" * 41, False),
        ("lapset", False),
        ("Huom", False),  # a label, not an actor
        ("Tavoite", False),
    ],
)
def test_looks_like_actor(prefix: str, looks: bool) -> None:
    assert looks_like_actor(prefix) is looks


# --- suffixes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Kasvatuskoordinaattori palkattu (Kouvola)", ("kouvola",)),
        (
            "Liikkuva koulu/varhaiskasvatus toimintamalli käytössä (Kotka, Kouvola)",
            ("kotka", "kouvola"),
        ),
        ("kaikissa kouluterveyskyselyyn 2023 osallistuneissa ikäluokissa. (Hamina)", ("hamina",)),
        ("... ikäluokissa. (Hamina).  ", ("hamina",)),
        ("(Hamina)", ("hamina",)),
    ],
)
def test_suffix_known(reg: ActorRegistry, text: str, ids: tuple[str, ...]) -> None:
    m = reg.match_suffix(text)
    assert m is not None and m.ids == ids
    assert text[m.start] == "("


@pytest.mark.parametrize(
    "text",
    [
        "jatkokehittäminen käynnistynyt (ETU-hanke)",
        "näyttöön perustuvia menetelmiä (esim. IPC, Cool Kids, Ihmeelliset vuodet)",
        "kiusaamisen jälkihuolto (Selviydytään kiusaamisesta -ryhmät)",
        "verkostotyössä (esim. Hamina).",
        "(Kotka, Seurakunta)",  # every name must be known
        "(Keltu)",  # no typo forgiven in parentheses
        "Hamina (2023) tehty",  # not at the end
        "()",
    ],
)
def test_suffix_not_actor(reg: ActorRegistry, text: str) -> None:
    assert reg.match_suffix(text) is None


# --- user files ---------------------------------------------------------------------------------

USER_TOML = """
[[actor]]
id = "kotkan_seurakunta"
name = "Kotkan seurakunta"
kind = "parish"
aliases = ["Seurakunta", "Kotkan srk"]

[[actor]]
id = "hva"
kind = "wellbeing services county"
aliases = ["Kymsote"]
"""


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text(USER_TOML, encoding="utf-8")
    reg = ActorRegistry.load(path, KYMENLAAKSO)
    assert "kotkan_seurakunta" in reg
    assert reg.get("kotkan_seurakunta").kind == "parish"
    match = reg.match_prefix("Seurakunta")
    assert match is not None and match.ids == ("kotkan_seurakunta",)
    hit = reg.read_prefix("Kotkan seurakunta: perhekerhot")
    assert hit is not None and hit.kind == "known" and hit.ids == ("kotkan_seurakunta",)
    # the override extends hva: old aliases kept, new one added, name kept, kind replaced
    hva = reg.get("hva")
    assert hva.kind == "wellbeing services county"
    assert hva.name == "Kymenlaakson hyvinvointialue"
    assert "HVA" in hva.aliases and "Kymsote" in hva.aliases
    assert prefix_ids(reg, "Kymsote, MLL") == ("hva", "mll")
    # the packaged registries are untouched
    assert "kotkan_seurakunta" not in ActorRegistry.load()
    assert kymenlaakso_registry().match_prefix("Kymsote") is None


def test_user_file_replace_aliases(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text(
        '[[actor]]\nid = "mll"\naliases = ["MLL-piiri"]\nreplace_aliases = true\n', encoding="utf-8"
    )
    reg = ActorRegistry.load(path, KYMENLAAKSO)
    assert reg.get("mll").aliases == ("MLL-piiri",)
    assert reg.match_prefix("MLL") is None
    assert prefix_ids(reg, "MLL-piiri") == ("mll",)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[[actor]\nid = 'x'", "not valid TOML"),
        ("[[actor]]\nname = 'X'\nkind = 'ngo'\n", "no 'id'"),
        ("[[actor]]\nid = 'Bad Id'\nname = 'X'\nkind = 'ngo'\n", "bad id"),
        ("[[actor]]\nid = 'poliisi'\nkind = 'police'\n", "no 'name'"),
        ("[[actor]]\nid = 'poliisi'\nname = 'Poliisi'\n", "no 'kind'"),
        ("[[actor]]\nid = 'x'\nname = 'X'\nkind = 'ngo'\naliases = 'X'\n", "aliases"),
        ("[[actor]]\nid = 'x'\nname = 'X'\nkind = 'ngo'\nalias = ['X']\n", "unknown key"),
        (
            "[[actor]]\nid = 'x'\nname = 'X'\nkind = 'ngo'\naliases = ['Y']\n"
            "[[actor]]\nid = 'y'\nname = 'Y2'\nkind = 'ngo'\naliases = ['y']\n",
            "claimed by both",
        ),
        (
            "[[actor]]\nid = 'x'\nname = 'X'\nkind = 'ngo'\n"
            "[[actor]]\nid = 'x'\nname = 'Z'\nkind = 'ngo'\n",
            "twice",
        ),
        ("actors = 1\n", "unknown top-level"),
        ("actor = 1\n", "array of tables"),
    ],
)
def test_bad_user_file(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        ActorRegistry.load(path, KYMENLAAKSO)
    assert reason in str(info.value)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)


def test_a_user_alias_wins_over_a_county_profile_s(tmp_path: Path) -> None:
    """A later layer's alias is its actor's: the user's file may claim an alias the Kymenlaakso
    profile gives to one of its actors (only two actors of one file claiming it is an error)."""
    path = tmp_path / "actors.toml"
    path.write_text(
        "[[actor]]\nid = 'lumo'\nname = 'Lumon hyvinvointialue'\nkind = 'county'\n"
        "aliases = ['Hyvinvointialue', 'Kletu']\n",
        encoding="utf-8",
    )
    reg = ActorRegistry.load(path, KYMENLAAKSO)
    assert prefix_ids(reg, "Hyvinvointialue") == ("lumo",)
    assert prefix_ids(reg, "Kletu") == ("lumo",)
    assert prefix_ids(reg, "HVA") == ("hva",)


def test_bad_user_file_chains_the_cause(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("id = = 1", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        ActorRegistry.load(path)
    assert info.value.__cause__ is not None


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        ActorRegistry.load(tmp_path / "nope.toml")
    assert "can't read" in str(info.value)
