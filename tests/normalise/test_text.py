"""Cell text -> paragraphs -> statements, on the seed deck's own strings (Kymenlaakso 2023).

Cells are laid out by `cell()` the way each extractor would deliver them:

- "pdf": one `Line` per printed line, 11 pt pitch, no paragraph indices. Within a paragraph every
  printed line but the last reaches the cell's right edge (it wrapped); the last ends short. A line
  ending in "|" is forced to reach the edge. Two leading spaces per indent level move x0 12 pt right.
- "pptx": one `Line` per paragraph with its `paragraph` index and `level`; the printed lines of a
  paragraph become soft line breaks ("\\n").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import pytest

from lnhs_parse.layout import BBox, Line, Page, Table
from lnhs_parse.layout import Cell as LCell
from lnhs_parse.normalise.actors import ActorRegistry
from lnhs_parse.normalise.joining import one_letter_split
from lnhs_parse.normalise.text import (
    HEADER_VOCABULARY,
    TextEvidence,
    cell_statements,
    cell_text,
    deck_vocabulary,
    join_lines,
    paragraphs,
    split_bullet,
    text_evidence,
)
from lnhs_parse.records import Statement, Warning
from support import kymenlaakso_registry, ws

Fmt = Literal["pdf", "pptx"]
LEFT, TOP, INNER, PAD, PITCH, CHAR_W = 100.0, 60.0, 300.0, 7.0, 11.0, 4.0
BOX: BBox = (LEFT - PAD, TOP - PAD, LEFT + INNER + PAD, 700.0)
FORMATS: tuple[Fmt, ...] = ("pdf", "pptx")


def cell(paras: list[str], fmt: Fmt) -> tuple[list[Line], BBox]:
    """Lines and cell box for `paras` (each a paragraph, printed lines separated by "\\n")."""
    lines: list[Line] = []
    y = TOP
    for i, para in enumerate(paras):
        level = (len(para) - len(para.lstrip(" "))) // 2
        printed = [p.strip() for p in para.strip(" ").split("\n")]
        x0 = LEFT + 12 * level
        if fmt == "pptx":
            text = "\n".join(p.rstrip("|") for p in printed)
            h = PITCH * len(printed)
            lines.append(Line(text=text, bbox=(x0, y, LEFT + INNER, y + h - 2), size=9, paragraph=i, level=level))
            y += h
            continue
        for k, p in enumerate(printed):
            full = k < len(printed) - 1 or p.endswith("|")
            p = p.rstrip("|")
            x1 = LEFT + INNER if full else x0 + min(len(p) * CHAR_W, 0.6 * INNER)
            lines.append(Line(text=p, bbox=(x0, y, x1, y + 9), size=9))
            y += PITCH
    return lines, BOX


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    result: ActorRegistry = kymenlaakso_registry()
    return result


def run(paras: list[str], fmt: Fmt, reg: ActorRegistry,
        vocabulary: frozenset[str] = frozenset()) -> tuple[list[Statement], list[Warning]]:
    lines, box = cell(paras, fmt)
    return cell_statements(lines, box, reg, page=7, vocabulary=vocabulary)


def view(sts: list[Statement]) -> list[tuple[str, list[str], str]]:
    return [(ws(s.text), s.actors, s.attribution) for s in sts]


# --- line joining -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "joined"),
    [
        ("Tuen oikea-", "aikainen", "Tuen oikea-aikainen"),
        ("levittäminen ja Syty-", "tukirakenteiden vahvistaminen", "levittäminen ja Syty-tukirakenteiden vahvistaminen"),
        ("ylisukupolvinen toiminta (esim lukumummi ja lukuvaari-", "toiminta)", "ylisukupolvinen toiminta (esim lukumummi ja lukuvaari-toiminta)"),
        ("tukihenkilötoiminta sekä perhe mielessä", "-toiminta", "tukihenkilötoiminta sekä perhe mielessä -toiminta"),
        ("(Tärkeä- näyttää, että on vähentänyt merkittävästi 15-25", "vuotiaiden", "(Tärkeä- näyttää, että on vähentänyt merkittävästi 15-25 vuotiaiden"),
        ("painopisteen siirto  enemmän ", "  ennalta", "painopisteen siirto enemmän ennalta"),
        ("2023 -", "2024", "2023 - 2024"),  # a spaced dash is punctuation
    ],
)
def test_join_lines(a: str, b: str, joined: str) -> None:
    assert join_lines(a, b, full=True) == joined


def test_width_broken_word_needs_all_evidence() -> None:
    vocab = deck_vocabulary(["Kohtaamispaikkatoiminta kaikissa kunnissa"])
    # all evidence: full line, lower-case start, header vocabulary
    assert join_lines("Toimenpiteide", "n eteneminen", full=True) == "Toimenpiteiden eteneminen"
    assert join_lines("Toimenpiteid", "en eteneminen", full=True) == "Toimenpiteiden eteneminen"
    # ... or deck vocabulary
    assert join_lines("Kohtaamispaikkatoimint", "a", full=True, vocabulary=vocab) == "Kohtaamispaikkatoiminta"
    # the line did not reach the edge
    assert join_lines("Toimenpiteide", "n eteneminen", full=False) == "Toimenpiteide n eteneminen"
    # the joined word is known nowhere
    assert join_lines("Kohtaamispaikkatoimint", "a", full=True) == "Kohtaamispaikkatoimint a"
    # the next line starts upper-case
    assert join_lines("Toimenpiteide", "N eteneminen", full=True) == "Toimenpiteide N eteneminen"
    assert "toimenpiteiden" in HEADER_VOCABULARY and "eteneminen" in HEADER_VOCABULARY


def test_header_cell_broken_word_with_and_without_evidence() -> None:
    lines = [
        Line(text="Toimenpiteide", bbox=(100.0, 60.0, 160.0, 69.0), size=9),
        Line(text="n eteneminen", bbox=(100.0, 71.0, 150.0, 80.0), size=9),
    ]
    narrow: BBox = (93.0, 53.0, 167.0, 90.0)  # "Toimenpiteide" fills the narrow cell
    assert cell_text(lines, narrow) == "Toimenpiteiden eteneminen"
    wide: BBox = (93.0, 53.0, 400.0, 90.0)  # far from the edge: no evidence, keep the space
    assert cell_text(lines, wide) == "Toimenpiteide n eteneminen"


def test_one_letter_left_by_a_width_split_is_rejoined() -> None:
    # a full line and the next meet at a word split by the width, one letter on either side: no
    # Finnish word is one lower-case letter, so the word is rejoined with no vocabulary needed
    narrow: BBox = (93.0, 53.0, 267.0, 90.0)
    for first, second, want in (
        ("Lapsi, nuori ja perhelähtöinen m", "oniammatillinen työote",
         "Lapsi, nuori ja perhelähtöinen moniammatillinen työote"),
        ("ja perhelähtöinen moniammatilline", "n työote", "ja perhelähtöinen moniammatillinen työote"),
    ):
        lines = [Line(text=first, bbox=(100.0, 60.0, 259.0, 69.0), size=9),
                 Line(text=second, bbox=(100.0, 71.0, 180.0, 80.0), size=9)]
        assert cell_text(lines, narrow) == want
        # ... only when the line reached the edge
        wide: BBox = (93.0, 53.0, 400.0, 90.0)
        assert cell_text(lines, wide) == f"{first} {second}"
    assert not one_letter_split("kunnissa", "ja nuorille")  # two letters can be a word
    assert not one_letter_split("perhelähtöinen m", "Oniammatillinen")  # a capital starts a word
    assert not one_letter_split("kohta a", "1) koulut")


def test_deck_vocabulary() -> None:
    vocab = deck_vocabulary(["Lasten ja nuorten arvostaminen", "HVA: palautejärjestelmää"])
    assert {"lasten", "nuorten", "arvostaminen", "hva", "palautejärjestelmää"} <= vocab
    assert all(w == w.lower() for w in vocab)


# --- bullets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bullet", "body"),
    [
        ("- Eroauttamisen polku on valmistunut", "- ", "Eroauttamisen polku on valmistunut"),
        ("• Koulutukset", "• ", "Koulutukset"),
        ("•Koulutukset", "•", "Koulutukset"),
        ("– Koulutukset", "– ", "Koulutukset"),
        ("* Koulutukset", "* ", "Koulutukset"),
        ("1. Koulutukset", "1. ", "Koulutukset"),
        ("2) Koulutukset", "2) ", "Koulutukset"),
        ("-toiminta", None, "-toiminta"),
        ("-23/-24", None, "-23/-24"),
        ("2023. vuonna", None, "2023. vuonna"),
        ("25-vuotiaille", None, "25-vuotiaille"),
        ("•", None, "•"),
        ("-", None, "-"),
    ],
)
def test_split_bullet(text: str, bullet: str | None, body: str) -> None:
    assert split_bullet(text) == (bullet, body)


# --- paragraphs ---------------------------------------------------------------------------------


def test_pdf_paragraph_inference() -> None:
    lines, box = cell(
        [
            "Kohtaamispaikkatoimintaa saatavilla kaikilla perhekeskus\nalueilla",
            "Kohtaamispaikkatoiminnan verkostot toimivat jokaisella\nalueella",
            "Perhekeskus –ja kohtaamispaikkakyselyt toteutetaan\nvuosittain",
        ],
        "pdf",
    )
    paras = paragraphs(lines, box)
    assert [p.text() for p in paras] == [
        "Kohtaamispaikkatoimintaa saatavilla kaikilla perhekeskus alueilla",
        "Kohtaamispaikkatoiminnan verkostot toimivat jokaisella alueella",
        "Perhekeskus –ja kohtaamispaikkakyselyt toteutetaan vuosittain",
    ]
    assert [p.level for p in paras] == [0, 0, 0]


def test_pdf_short_line_followed_by_lower_case_continues() -> None:
    # "Eroauttamistyö kasvokkain," ends short but "puhelimitse" starts lower-case
    lines, box = cell(["Eroauttamistyö kasvokkain,", "puhelimitse, etänä ja chatissa."], "pdf")
    assert [p.text() for p in paragraphs(lines, box)] == [
        "Eroauttamistyö kasvokkain, puhelimitse, etänä ja chatissa."
    ]


def test_pdf_full_line_followed_by_bullet_or_prefix_breaks(reg: ActorRegistry) -> None:
    lines, box = cell(["- Parisuhteen tuen kokonaisuuden suunnittelu käynnistetty|", "- Vanhemmuuden tuen webinaarit"], "pdf")
    assert len(paragraphs(lines, box)) == 2
    lines, box = cell(["MLL: mm. chatit, lasten- ja nuorten puhelin|", "HVA: digitaalinen perhevalmennus"], "pdf")
    assert len(paragraphs(lines, box)) == 1  # without a registry only geometry counts
    assert len(paragraphs(lines, box, registry=reg)) == 2


def test_pdf_vertical_gap_breaks() -> None:
    lines = [
        Line(text="Yhdessä tiimit käynnissä koko", bbox=(100.0, 60.0, 400.0, 69.0), size=9),
        Line(text="Kymenlaaksossa", bbox=(100.0, 71.0, 400.0, 80.0), size=9),
        Line(text="Kohtaamispaikkaverkostot toimivat", bbox=(100.0, 95.0, 400.0, 104.0), size=9),
        Line(text="monitoimijaisesti", bbox=(100.0, 106.0, 170.0, 115.0), size=9),
    ]
    # "Kymenlaaksossa" (a region's name, inflected) continues the sentence; the gap ends it
    paras = paragraphs(lines, BOX, evidence=text_evidence([], names=["Kymenlaakso"]))
    assert [p.text() for p in paras] == [
        "Yhdessä tiimit käynnissä koko Kymenlaaksossa",
        "Kohtaamispaikkaverkostot toimivat monitoimijaisesti",
    ]


def test_pdf_indent_levels() -> None:
    lines, box = cell(
        ["Asiakaspolkujen rakentaminen\naloitettu", "  • Koulutukset", "    • Tukimateriaalit", "Järjestö 2.0"],
        "pdf",
    )
    paras = paragraphs(lines, box)
    assert [p.level for p in paras] == [0, 1, 2, 0]
    assert [p.bullet for p in paras] == [None, "•", "•", None]


def test_pdf_bullet_split_from_its_text_is_merged() -> None:
    # a wide gap after the glyph makes the extractor emit two lines on one baseline
    lines = [
        Line(text="•", bbox=(100.0, 60.0, 104.0, 69.0), size=9),
        Line(text="Koulutukset", bbox=(118.0, 60.0, 160.0, 69.0), size=9),
        Line(text="•", bbox=(100.0, 71.0, 104.0, 80.0), size=9),
        Line(text="Tukimateriaalit", bbox=(118.0, 71.0, 170.0, 80.0), size=9),
    ]
    paras = paragraphs(lines, BOX)
    assert [(p.bullet, p.text(), p.raw) for p in paras] == [
        ("•", "Koulutukset", "• Koulutukset"),
        ("•", "Tukimateriaalit", "• Tukimateriaalit"),
    ]


def test_pptx_paragraphs_soft_breaks_and_format_bullets() -> None:
    lines = [
        Line(text="Tuen oikea-\naikainen", bbox=(100.0, 60.0, 300.0, 80.0), paragraph=0),
        Line(text="Koulutukset", bbox=(112.0, 82.0, 300.0, 91.0), paragraph=1, level=1, bullet="•"),
        Line(text="ja lisää", bbox=(112.0, 93.0, 300.0, 102.0), paragraph=1, level=1, bullet="•"),
    ]
    paras = paragraphs(lines, BOX)
    assert [(p.text(), p.level, p.bullet) for p in paras] == [
        ("Tuen oikea-aikainen", 0, None),
        ("Koulutukset ja lisää", 1, "•"),
    ]
    assert paras[0].raw == "Tuen oikea-\naikainen"


def test_cell_text_for_titles_and_highlights() -> None:
    lines, box = cell(["Tuen oikea-\naikainen\nja\nyhdenvertainen\nsaatavuus"], "pdf")
    assert cell_text(lines, box) == "Tuen oikea-aikainen ja yhdenvertainen saatavuus"
    lines, box = cell(
        ["• Lasten mielenterveyden tuen polku työstössä", "• Kohtaamispaikkatoiminta kaikissa kunnissa"],
        "pdf",
    )
    assert cell_text(lines, box) == (
        "Lasten mielenterveyden tuen polku työstössä\nKohtaamispaikkatoiminta kaikissa kunnissa"
    )
    assert cell_text([], box) == ""


# --- statements on the seed's cells --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_i1_colon_after_prefix_is_text(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(
        [
            "Kletu: Vaikuttamistyö: lasten ja\nnuorten äänen esiin tuominen\nasiakastyössä,\npalvelujärjestelmässä sekä\nsuurelle yleisölle.",
            "HVA: palautejärjestelmää kehitetään",
            "MLL: Lapsivaikutusten arvioinnin vahvistaminen sekä lasten ja\nnuorten äänen esiin tuominen",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("Vaikuttamistyö: lasten ja nuorten äänen esiin tuominen asiakastyössä, palvelujärjestelmässä sekä suurelle yleisölle.", ["kletu"], "prefix"),
        ("palautejärjestelmää kehitetään", ["hva"], "prefix"),
        ("Lapsivaikutusten arvioinnin vahvistaminen sekä lasten ja nuorten äänen esiin tuominen", ["mll"], "prefix"),
    ]
    assert warnings == []
    assert sts[0].raw.startswith("Kletu: Vaikuttamistyö:")


@pytest.mark.parametrize("fmt", FORMATS)
def test_i2_bullets_suffix_and_spaced_dash(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        [
            "MLL: huomioiden perheiden monimuotoisuus ja\nmonikulttuurisuus,",
            "tukihenkilötoiminta sekä perhe mielessä -toiminta",
            "- Enjaksa.fi verkkopalvelu käytössä",
            "- Vauvaperheiden tuki ja ryhmämuotoinen toiminta\nkäynnissä koko Kymenlaaksossa",
            "- Kasvatuskoordinaattori palkattu (Kouvola)",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("huomioiden perheiden monimuotoisuus ja monikulttuurisuus, tukihenkilötoiminta sekä perhe mielessä -toiminta", ["mll"], "prefix"),
        ("Enjaksa.fi verkkopalvelu käytössä", [], "none"),
        ("Vauvaperheiden tuki ja ryhmämuotoinen toiminta käynnissä koko Kymenlaaksossa", [], "none"),
        ("Kasvatuskoordinaattori palkattu (Kouvola)", ["kouvola"], "suffix"),
    ]
    assert sts[3].raw == "- Kasvatuskoordinaattori palkattu (Kouvola)"


@pytest.mark.parametrize("fmt", FORMATS)
def test_i3_fuzzy_keltu(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(
        [
            "Keltu: Haastavassa erotilanteessa\nolevien perheiden auttaminen.",
            "Eroauttamistyö kasvokkain,\npuhelimitse, etänä ja chatissa.",
            "MLL: erovertaisryhmät,yksilöohjaus\nammattilaisten koulutukset",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("Haastavassa erotilanteessa olevien perheiden auttaminen. Eroauttamistyö kasvokkain, puhelimitse, etänä ja chatissa.", ["kletu"], "prefix"),
        ("erovertaisryhmät,yksilöohjaus ammattilaisten koulutukset", ["mll"], "prefix"),
    ]
    assert [(w.code, w.message, w.page) for w in warnings] == [
        ("fuzzy-actor", "read 'Keltu' as 'Kletu'", 7)
    ]


I4_FOCUS = [
    "HVA: toimintamalleja arvioidaan ja painopisteen siirto enemmän\nennalta ehkäisevään toimintaan,",
    "Maksuton ehkäisy alle 25-vuotiaille: Palvelua saatavilla\nneuvolassa ja koulu- ja opiskeluterveydenhuollon toimipisteissä.",
    "(Tärkeä- näyttää, että on vähentänyt merkittävästi 15-25\nvuotiaiden raskauden keskeytyksiä alueella)",
    "Tulsote, hanketuki: Omahoito-ohjelmia, ohjattua omahoitoa,\nnäyttöön perustuvia menetelmiä (esim. IPC, Cool Kids,\nIhmeelliset vuodet) tarjolla matalalla kynnyksellä",
    "Liikkuva koulu/varhaiskasvatus toimintamalli käytössä (Kotka,\nKouvola)",
    "MLL: nuorten mielenterveyen tukemiseen haettu lisärahoitusta.",
    "tukioppilastoiminta",
    "lukusujuvuuden edistäminen",
    "syrjäytymisen ehkäiseminen",
    "lasten ja nuorten mielenterveystyön vahvistaminen yksilö- ja\nryhmätoiminnan avulla",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_i4_focus(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(I4_FOCUS, fmt, reg)
    assert view(sts) == [
        (
            "toimintamalleja arvioidaan ja painopisteen siirto enemmän ennalta ehkäisevään toimintaan, "
            "Maksuton ehkäisy alle 25-vuotiaille: Palvelua saatavilla neuvolassa ja koulu- ja "
            "opiskeluterveydenhuollon toimipisteissä. (Tärkeä- näyttää, että on vähentänyt "
            "merkittävästi 15-25 vuotiaiden raskauden keskeytyksiä alueella)",
            ["hva"],
            "prefix",
        ),
        (
            "Omahoito-ohjelmia, ohjattua omahoitoa, näyttöön perustuvia menetelmiä (esim. IPC, Cool "
            "Kids, Ihmeelliset vuodet) tarjolla matalalla kynnyksellä",
            ["tulsote"],
            "prefix",
        ),
        ("Liikkuva koulu/varhaiskasvatus toimintamalli käytössä (Kotka, Kouvola)", ["kotka", "kouvola"], "suffix"),
        (
            "nuorten mielenterveyen tukemiseen haettu lisärahoitusta. tukioppilastoiminta "
            "lukusujuvuuden edistäminen syrjäytymisen ehkäiseminen lasten ja nuorten "
            "mielenterveystyön vahvistaminen yksilö- ja ryhmätoiminnan avulla",
            ["mll"],
            "prefix",
        ),
    ]
    assert warnings == []
    # paragraphs of one statement are separate lines of its text (PPTX keeps its paragraphs)
    if fmt == "pptx":
        assert sts[0].text.split("\n")[1].startswith("Maksuton ehkäisy")
        assert sts[3].text.split("\n")[1:3] == ["tukioppilastoiminta", "lukusujuvuuden edistäminen"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_i4_joint_suffix_on_its_own_paragraph(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        [
            "Ristiriidassa työntekijäresurssin kanssa ja potilaspaineen kanssa",
            "Toimenpiteistä huolimatta terveydentilansa huonoksi tai\nkeskinkertaiseksi kokevien oppilaiden määrä on lisääntynyt\nkaikissa kouluterveyskyselyyn 2023 osallistuneissa ikäluokissa.",
            "(Hamina)",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("Ristiriidassa työntekijäresurssin kanssa ja potilaspaineen kanssa", [], "none"),
        (
            "Toimenpiteistä huolimatta terveydentilansa huonoksi tai keskinkertaiseksi kokevien "
            "oppilaiden määrä on lisääntynyt kaikissa kouluterveyskyselyyn 2023 osallistuneissa "
            "ikäluokissa. (Hamina)",
            ["hamina"],
            "suffix",
        ),
    ]
    assert sts[1].raw.endswith("\n(Hamina)")


@pytest.mark.parametrize("fmt", FORMATS)
def test_i5_three_entries_and_typo(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(
        [
            "Kletu/MLL: Toimintomme/palvelumme ovat\nkaikkien saatavilla Kymenlaakson\nalueella.Järjestölähtöinen toimintamme on\nMaksutonta. Autamme kasvokkain, puhelimessa,\netätapaamisissa ja chatissa:",
            "Kletu: Apua eroon, väkivaltaan, vauvan\nuneen, päihdeongelmallisille vauvaperheille",
            "MLL: mm. chatit, lasten- ja nuorten puhelin",
            "HVA: digitaalinen perhevalmennus kehittäminen aloitettu, sähköinen\nilmoittautuminen ryhmiin",
            "Tulsote haketuki: Varhaisen tuen uusilla toimintamalleilla ja\npalveluprosessien kehittämistyöllä on vahvistettu varhaista tukea",
            "Kotka, Hamina: Lapsiystävällinen kunta prosessi käynnissä",
        ],
        fmt,
        reg,
    )
    assert [(s[1], s[2]) for s in view(sts)] == [
        (["kletu", "mll"], "prefix"),
        (["kletu"], "prefix"),
        (["mll"], "prefix"),
        (["hva"], "prefix"),
        (["tulsote"], "prefix"),
        (["kotka", "hamina"], "prefix"),
    ]
    assert ws(sts[0].text).endswith("etätapaamisissa ja chatissa:")
    assert ws(sts[1].text) == "Apua eroon, väkivaltaan, vauvan uneen, päihdeongelmallisille vauvaperheille"
    assert ws(sts[2].text) == "mm. chatit, lasten- ja nuorten puhelin"
    assert [(w.code, w.message) for w in warnings] == [
        ("fuzzy-actor", "read 'Tulsote haketuki' as 'Tulsote hanketuki'")
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_i6_upper_case_paragraph_stays_in_prefixed_entry(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        ["HVA: Erityisen haastavat kehitysvammaiset", "Päihdenuoret", "MLL: Erityisnuorten ryhmätoiminta"],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("Erityisen haastavat kehitysvammaiset Päihdenuoret", ["hva"], "prefix"),
        ("Erityisnuorten ryhmätoiminta", ["mll"], "prefix"),
    ]
    assert sts[0].text == "Erityisen haastavat kehitysvammaiset\nPäihdenuoret"


@pytest.mark.parametrize("fmt", FORMATS)
def test_i7_parentheses_that_are_text_and_inline_suffix(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        [
            "MLL: kiusaamisen ehkäisy sekä kiusaamisen jälkihuolto",
            "(Selviydytään kiusaamisesta -ryhmät)",
            "Toimenpiteistä huolimatta kouluterveyskyselyn (2023)\nmukaan peruskoululaiset ovat kokeneet kiusaamista. (Hamina)",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("kiusaamisen ehkäisy sekä kiusaamisen jälkihuolto (Selviydytään kiusaamisesta -ryhmät)", ["mll"], "prefix"),
        ("Toimenpiteistä huolimatta kouluterveyskyselyn (2023) mukaan peruskoululaiset ovat kokeneet kiusaamista. (Hamina)", ["hamina"], "suffix"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_ii4_odd_spacing_prefix(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(
        [
            "MLL: Yhteistyön tiivistäminen, Lasten ja nuorten\nkuulemisen ja osallisuuden menetelmien kehittäminen\nikätasoon nähden",
            "HVA/ Tulsote :Maakunnallisen\nopiskeluhuoltosuunnitelmaan liittyvä koululaisten ja\nopiskelijoiden kuuleminen. Opiskeluhuollon\nohjausryhmään vanhempien ja oppilaiden edustus",
            "Kotka: Dialogisuuden vahvistaminen",
        ],
        fmt,
        reg,
    )
    assert [(s[1], s[2]) for s in view(sts)] == [
        (["mll"], "prefix"),
        (["hva", "tulsote"], "prefix"),
        (["kotka"], "prefix"),
    ]
    assert ws(sts[1].text).startswith("Maakunnallisen opiskeluhuoltosuunnitelmaan")
    assert sts[1].raw.startswith("HVA/ Tulsote :Maakunnallisen")
    assert warnings == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_ii6_case_ending_and_example_in_parentheses(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(
        [
            "Kymenlaakson HVA:n aluehallitus nosti lapsivaikutusten arvioinnin",
            "Alueen asiakas- ja henkilöstökokemuksen kerääminen ja\nhyödyntäminen verkostotyössä (esim. Hamina).",
        ],
        fmt,
        reg,
    )
    assert [(s[1], s[2]) for s in view(sts)] == [([], "none"), ([], "none")]
    assert warnings == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_iii1_bulleted_prefixes(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        [
            "- Kymenlaakson poissaolojoen puuttumisen malli otettu\nkäyttöön koko maakunnassa",
            "- HVA, Tulsote/hanketuki: Opiskeluhuollon ja nuorten\nmatalan yhteiset asiakkaat: yhteistyörakenteiden määrittely,\npuheterapia jalkautui varhaiskasvatukseen",
            "- Tulsote/hanketuki: opiskeluhuollon palveluiden\nyhteiskehittäminen",
            "MLL: Vahva verkostoyhteistyö eri toiminnoissa, jotta pystymme\nvastaamaan perheiden tarpeisiin",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("Kymenlaakson poissaolojoen puuttumisen malli otettu käyttöön koko maakunnassa", [], "none"),
        (
            "Opiskeluhuollon ja nuorten matalan yhteiset asiakkaat: yhteistyörakenteiden määrittely, "
            "puheterapia jalkautui varhaiskasvatukseen",
            ["hva", "tulsote"],
            "prefix",
        ),
        ("opiskeluhuollon palveluiden yhteiskehittäminen", ["tulsote"], "prefix"),
        ("Vahva verkostoyhteistyö eri toiminnoissa, jotta pystymme vastaamaan perheiden tarpeisiin", ["mll"], "prefix"),
    ]
    assert sts[1].raw.startswith("- HVA, Tulsote/hanketuki: Opiskeluhuollon")


@pytest.mark.parametrize("fmt", FORMATS)
def test_iii1_nested_bullets_stay_with_parent(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        [
            "Kohtaamispaikkaverkostot toimivat\nmonitoimijaisesti",
            "Asiakaspolkujen rakentaminen\naloitettu",
            "  • Konsultaatiomalli puheen\nkehityksen varhaiseen tukemiseen\n/perhe, varhaiskasvatus, pute,\nneuvola",
            "  • Koulutukset",
            "  • Tukimateriaalit\nvahaiskasvatukseen",
        ],
        fmt,
        reg,
    )
    assert len(sts) == 2
    assert sts[1].text.split("\n") == [
        "Asiakaspolkujen rakentaminen aloitettu",
        "Konsultaatiomalli puheen kehityksen varhaiseen tukemiseen /perhe, varhaiskasvatus, pute, neuvola",
        "Koulutukset",
        "Tukimateriaalit vahaiskasvatukseen",
    ]
    assert "• Koulutukset" in sts[1].raw


@pytest.mark.parametrize("fmt", FORMATS)
def test_iii2_bare_prefix_is_inherited(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(
        [
            "HVA, Tulsote/hanketuki:",
            "- Lasten mielenterveyden tuen polun yhteiskehittäminen\nhva:n, kuntien, järjestöjen ja seurakuntien toimesta",
            "- Vauvapolun monialainen kehittäjäryhmä kokoontuu\nsäännöllisesti",
            "- Vauvaperheiden päihdehoitomalli käytössä ja\njatkokehittäminen käynnistynyt (ETU-hanke)",
            "- Lapsiystävällinen kunta-prosessi (Hamina)",
            "MLL: Erityisnuorten ryhmätoiminta",
            "- Perhepolku verkkopalvelu käytössä",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("Lasten mielenterveyden tuen polun yhteiskehittäminen hva:n, kuntien, järjestöjen ja seurakuntien toimesta", ["hva", "tulsote"], "inherited"),
        ("Vauvapolun monialainen kehittäjäryhmä kokoontuu säännöllisesti", ["hva", "tulsote"], "inherited"),
        ("Vauvaperheiden päihdehoitomalli käytössä ja jatkokehittäminen käynnistynyt (ETU-hanke)", ["hva", "tulsote"], "inherited"),
        ("Lapsiystävällinen kunta-prosessi (Hamina)", ["hamina"], "suffix"),  # its own suffix wins
        ("Erityisnuorten ryhmätoiminta", ["mll"], "prefix"),
        ("Perhepolku verkkopalvelu käytössä", [], "none"),  # inheritance ended at the MLL entry
    ]
    assert all("Tulsote/hanketuki" not in s.raw for s in sts)  # the bare line is no statement's raw
    assert warnings == []


def test_bare_prefix_then_nested_items_pptx(reg: ActorRegistry) -> None:
    sts, _ = run(["HVA, Tulsote/hanketuki:", "  - Vauvapolku päivitetty", "  - Nepsy-polku päivitetty"], "pptx", reg)
    assert view(sts) == [
        ("Vauvapolku päivitetty", ["hva", "tulsote"], "inherited"),
        ("Nepsy-polku päivitetty", ["hva", "tulsote"], "inherited"),
    ]


def test_bare_prefix_with_nothing_after_warns(reg: ActorRegistry) -> None:
    sts, warnings = run(["HVA, Tulsote/hanketuki:"], "pptx", reg)
    assert sts == []
    assert [w.code for w in warnings] == ["bare-prefix"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_iii3_three_actors_and_hyphen_break(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        [
            "HVA, Tullas, Tulsote/hanketuki: Suhdeperustaisen,\nsysteemisen työotteen ja tiimimallin levittäminen ja Syty-\ntukirakenteiden vahvistaminen perheiden sosiaalipalveluissa:\nperheiden sosiaalityön ja lastensuojelun systeemiset tiimit,\nlastensuojelulaitokset",
        ],
        fmt,
        reg,
    )
    assert view(sts) == [
        (
            "Suhdeperustaisen, systeemisen työotteen ja tiimimallin levittäminen ja "
            "Syty-tukirakenteiden vahvistaminen perheiden sosiaalipalveluissa: perheiden "
            "sosiaalityön ja lastensuojelun systeemiset tiimit, lastensuojelulaitokset",
            ["hva", "tullas", "tulsote"],
            "prefix",
        )
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_actor_keeps_text_whole(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(
        ["Kotkan Seurakunta: Perhekerhot kaikilla alueilla", "HVA: neuvoloissa jaetaan joditabletteja"],
        fmt,
        reg,
    )
    assert view(sts) == [
        ("Kotkan Seurakunta: Perhekerhot kaikilla alueilla", [], "none"),
        ("neuvoloissa jaetaan joditabletteja", ["hva"], "prefix"),
    ]
    assert [w.code for w in warnings] == ["unknown-actor"]
    assert "Kotkan Seurakunta" in warnings[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_edit_from_short_alias_is_unknown_not_fuzzy(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(["HVB: neuvoloissa jaetaan joditabletteja"], fmt, reg)
    assert view(sts) == [("HVB: neuvoloissa jaetaan joditabletteja", [], "none")]
    assert [w.code for w in warnings] == ["unknown-actor"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_edit_typo_is_not_an_actor(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(["Kelut: Apua eroon"], fmt, reg)
    assert view(sts) == [("Kelut: Apua eroon", [], "none")]
    assert [w.code for w in warnings] == ["unknown-actor"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_prefix_every_paragraph_is_a_statement(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, _ = run(
        [
            "Perhekeskuksen toimipisteitä on laajasti eri alueilla.",
            "Jalkautuvaa toimintaa toteutetaan lasten, nuorten ja\nperheiden arkiympäristössä sekä kouluissa yms.",
            "Järjestö 2.0 Moniammatillisuuden",
            "toteuttaminen vaatii yhdessä luotuja",
        ],
        fmt,
        reg,
    )
    assert [s[0] for s in view(sts)] == [
        "Perhekeskuksen toimipisteitä on laajasti eri alueilla.",
        "Jalkautuvaa toimintaa toteutetaan lasten, nuorten ja perheiden arkiympäristössä sekä kouluissa yms.",
        "Järjestö 2.0 Moniammatillisuuden toteuttaminen vaatii yhdessä luotuja",
    ]


def test_provenance_raw_page_bbox(reg: ActorRegistry) -> None:
    lines, box = cell(["HVA:  palautejärjestelmää   kehitetään", "- Eroauttamisen polku on\nvalmistunut"], "pdf")
    sts, _ = cell_statements(lines, box, reg, page=4)
    assert [s.raw for s in sts] == [
        "HVA:  palautejärjestelmää   kehitetään",
        "- Eroauttamisen polku on\nvalmistunut",
    ]
    assert sts[0].text == "palautejärjestelmää kehitetään"  # whitespace runs collapsed
    assert all(s.page == 4 for s in sts)
    assert sts[0].bbox == (100.0, 60.0, round(100.0 + len(lines[0].text) * CHAR_W, 1), 69.0)
    assert sts[1].bbox == (100.0, 71.0, 400.0, 91.0)


def test_bbox_rounded(reg: ActorRegistry) -> None:
    lines = [Line(text="Koulutukset", bbox=(100.04, 60.06, 150.123, 69.149))]
    sts, _ = cell_statements(lines, BOX, reg, page=1)
    assert sts[0].bbox == (100.0, 60.1, 150.1, 69.1)


def test_formatting_bullet_starts_a_statement_in_a_prefixed_entry(reg: ActorRegistry) -> None:
    lines = [
        Line(text="MLL: Erityisnuorten ryhmätoiminta", bbox=(100.0, 60.0, 300.0, 69.0), paragraph=0),
        Line(text="Koulutukset", bbox=(100.0, 71.0, 300.0, 80.0), paragraph=1, bullet="•"),
    ]
    sts, _ = cell_statements(lines, BOX, reg, page=1)
    assert view(sts) == [("Erityisnuorten ryhmätoiminta", ["mll"], "prefix"), ("Koulutukset", [], "none")]
    assert sts[1].raw == "Koulutukset"


def test_empty_cell(reg: ActorRegistry) -> None:
    assert cell_statements([], BOX, reg, page=1) == ([], [])
    blank = [Line(text="   ", bbox=(100.0, 60.0, 110.0, 69.0))]
    assert cell_statements(blank, BOX, reg, page=1) == ([], [])


def test_vocabulary_reaches_the_statements(reg: ActorRegistry) -> None:
    lines = [
        Line(text="Kohtaamispaikkatoimin", bbox=(100.0, 60.0, 400.0, 69.0)),
        Line(text="ta kaikissa kunnissa", bbox=(100.0, 71.0, 180.0, 80.0)),
    ]  # (a split leaving one letter is rejoined without the vocabulary: `one_letter_split`)
    vocab = deck_vocabulary(["Kohtaamispaikkatoiminta kaikissa kunnissa"])
    with_vocab, _ = cell_statements(lines, BOX, reg, page=1, vocabulary=vocab)
    without, _ = cell_statements(lines, BOX, reg, page=1)
    assert with_vocab[0].text == "Kohtaamispaikkatoiminta kaikissa kunnissa"
    assert without[0].text == "Kohtaamispaikkatoimin ta kaikissa kunnissa"


@pytest.mark.parametrize("fmt", FORMATS)
def test_label_colon_is_text_without_warning(fmt: Fmt, reg: ActorRegistry) -> None:
    sts, warnings = run(["Huom: Palvelua saatavilla neuvolassa"], fmt, reg)
    assert view(sts) == [("Huom: Palvelua saatavilla neuvolassa", [], "none")]
    assert warnings == []


def test_pdf_line_ended_where_the_next_word_would_have_fitted() -> None:
    # The Tulsote line ends 20 % short (under the 25 % slack) but "Liikkuva" would have fitted in
    # that room, so the line was ended on purpose: a new paragraph (and a suffix statement).
    lines = [
        Line(text="Ihmeelliset vuodet) tarjolla matalalla kynnyksellä", bbox=(100.0, 60.0, 340.0, 69.0)),
        Line(text="Liikkuva koulu/varhaiskasvatus toimintamalli käytössä (Kotka,", bbox=(100.0, 71.0, 398.0, 80.0)),
        Line(text="Kouvola)", bbox=(100.0, 82.0, 140.0, 91.0)),
    ]
    assert [p.text() for p in paragraphs(lines, BOX)] == [
        "Ihmeelliset vuodet) tarjolla matalalla kynnyksellä",
        "Liikkuva koulu/varhaiskasvatus toimintamalli käytössä (Kotka, Kouvola)",
    ]
    # a long first word that would not have fitted: the line may have wrapped; a name goes on with
    # the sentence, a capitalised word that is no name starts a new one
    wrapped = [lines[0], replace(lines[1], text="Opiskeluterveydenhuollon toimintamalli käytössä")]
    assert len(paragraphs(wrapped, BOX)) == 2
    named = text_evidence([], names=["Opiskeluterveydenhuolto"])
    assert len(paragraphs(wrapped, BOX, evidence=named)) == 1


def test_suspended_compound_keeps_its_space() -> None:
    # "nuoriso- ja lastenpsykiatria": the hyphen ends a suspended compound, not a broken one
    assert join_lines("opiskeluterveydenhuolto, nuoriso-", "ja lastenpsykiatria", full=True) == (
        "opiskeluterveydenhuolto, nuoriso- ja lastenpsykiatria"
    )
    assert join_lines("yksilö-", "tai ryhmätoiminnan") == "yksilö- tai ryhmätoiminnan"
    assert join_lines("lukuvaari-", "toiminta)") == "lukuvaari-toiminta)"


# Geometry measured on the fixture PDFs (LibreOffice export): 10 pt text, 11.1 pt line pitch inside a
# paragraph, 14.7 pt from one paragraph to the next.
def test_pdf_paragraphs_of_one_full_line_each() -> None:
    box: BBox = (625.5, 116.3, 927.9, 194.3)
    lines = [
        Line(text="Kohtaamispaikkatoimintaa saatavilla kaikilla perhekeskus alueilla", bbox=(630.5, 118.3, 916.0, 128.3), size=10.01),
        Line(text="Kohtaamispaikkatoiminnan verkostot toimivat jokaisella alueella", bbox=(630.5, 133.0, 909.9, 143.0), size=10.01),
        Line(text="Perhekeskus –ja kohtaamispaikkakyselyt toteutetaan vuosittain", bbox=(630.5, 147.6, 909.0, 157.6), size=10.01),
    ]
    assert len(paragraphs(lines, box)) == 3
    # the same lines at the pitch of one paragraph: each next line starts with a capitalised word
    # that is no name while the line above ended no sentence, so they are still three paragraphs
    tight = [replace(ln, bbox=(ln.bbox[0], 118.3 + 11.1 * i, ln.bbox[2], 128.3 + 11.1 * i)) for i, ln in enumerate(lines)]
    assert len(paragraphs(tight, box)) == 3
    # ... but lines going on in lower case are one paragraph
    lower = [replace(ln, text=ln.text[0].lower() + ln.text[1:]) if i else ln for i, ln in enumerate(tight)]
    assert len(paragraphs(lower, box)) == 1


def test_pdf_paragraph_gap_against_the_cells_line_pitch() -> None:
    box: BBox = (628.3, 108.1, 928.0, 299.5)
    lines = [
        Line(text="Ristiriidassa työntekijäresurssin kanssa ja potilaspaineen kanssa", bbox=(633.3, 157.6, 893.5, 166.6)),
        Line(text="Toimenpiteistä huolimatta terveydentilansa huonoksi tai", bbox=(633.3, 171.1, 855.3, 180.1)),
        Line(text="keskinkertaiseksi kokevien oppilaiden määrä on lisääntynyt kaikissa", bbox=(633.3, 181.2, 905.6, 190.2)),
        Line(text="kouluterveyskyselyyn 2023 osallistuneissa ikäluokissa.", bbox=(633.3, 191.3, 853.2, 200.3)),
    ]
    # no font size: the gaps (13.5 against a 10.1 line pitch) alone separate the paragraphs
    assert [p.text() for p in paragraphs(lines, box)] == [
        "Ristiriidassa työntekijäresurssin kanssa ja potilaspaineen kanssa",
        "Toimenpiteistä huolimatta terveydentilansa huonoksi tai keskinkertaiseksi kokevien "
        "oppilaiden määrä on lisääntynyt kaikissa kouluterveyskyselyyn 2023 osallistuneissa ikäluokissa.",
    ]


def test_normal_wrap_is_no_evidence_of_a_broken_word() -> None:
    # "perhekeskus" ends 32 pt short: the line wrapped before "alueilla", it did not break a word,
    # even though "perhekeskusalueilla" is a word of the deck.
    box: BBox = (636.4, 248.1, 928.0, 395.0)
    lines = [
        Line(text="Kohtaamispaikkatoiminta käynnissä kaikilla perhekeskus", bbox=(641.4, 275.9, 890.8, 285.9), size=10.01),
        Line(text="alueilla", bbox=(641.4, 287.0, 672.2, 297.0), size=10.01),
    ]
    vocab = deck_vocabulary(["perhekeskusalueilla"])
    assert cell_text(lines, box, vocab) == "Kohtaamispaikkatoiminta käynnissä kaikilla perhekeskus alueilla"


def test_a_hyphen_pair_the_deck_prints_spaced_keeps_its_space_at_a_line_break() -> None:
    # without wrap spaces a line ending "tärkeys-" can't say whether a space was typed after it;
    # the deck printing "tärkeys- painopisteen" inside a line elsewhere, and never closed, says so
    spaced = deck_vocabulary(["Ennaltaehkäisevän työn tärkeys- painopisteen siirto"])
    assert "tärkeys- painopisteen" in spaced
    assert join_lines("työn tärkeys-", "painopisteen siirto", vocabulary=spaced) == (
        "työn tärkeys- painopisteen siirto")
    # ... a compound it prints closed, or both ways, or no evidence: the compound reading
    closed = deck_vocabulary(["MLL Kaakkois-Suomen piiri", "tärkeys- painopisteen, tärkeys-painopisteen"])
    assert "kaakkois-suomen" in closed
    assert join_lines("MLL Kaakkois-", "Suomen piiri", vocabulary=closed) == "MLL Kaakkois-Suomen piiri"
    assert join_lines("työn tärkeys-", "painopisteen", vocabulary=closed) == "työn tärkeys-painopisteen"
    assert join_lines("työn tärkeys-", "painopisteen") == "työn tärkeys-painopisteen"
    # ... and other words met at the break are no evidence
    assert join_lines("työn tärkeys-", "siirto", vocabulary=spaced) == "työn tärkeys-siirto"


def test_hyphen_then_space_at_a_line_end_is_a_spaced_dash() -> None:
    # LibreOffice's PDF keeps the space the line was broken at: "tärkeys- " / "painopisteen"
    assert join_lines("työn tärkeys- ", "painopisteen siirto") == "työn tärkeys- painopisteen siirto"
    assert join_lines("työn tärkeys-", "painopisteen siirto") == "työn tärkeys-painopisteen siirto"
    assert join_lines("työn tärkeys-", "painopisteen", spaced_end=True) == "työn tärkeys- painopisteen"
    lines = [
        Line(text="Rakenteiden muutos talouspaineessa ennaltaehkäisevän työn tärkeys- ", bbox=(633.3, 133.9, 917.5, 142.9), size=9.01),
        Line(text="painopisteen siirto", bbox=(633.3, 144.0, 706.5, 153.0), size=9.01),
        Line(text="levittäminen ja Syty-", bbox=(633.3, 157.6, 917.5, 166.6), size=9.01),
        Line(text="tukirakenteiden vahvistaminen", bbox=(633.3, 167.7, 756.5, 176.7), size=9.01),
    ]
    box: BBox = (628.3, 108.1, 928.0, 299.5)
    assert cell_text(lines, box) == (
        "Rakenteiden muutos talouspaineessa ennaltaehkäisevän työn tärkeys- painopisteen siirto\n"
        "levittäminen ja Syty-tukirakenteiden vahvistaminen"
    )
    pptx = [Line(text="tärkeys- \npainopisteen siirto", bbox=(100.0, 60.0, 300.0, 80.0), paragraph=0)]
    assert cell_text(pptx, BOX) == "tärkeys- painopisteen siirto"


def test_line_ending_in_a_space_broke_no_word() -> None:
    assert join_lines("Toimenpiteide", "n eteneminen", full=True) == "Toimenpiteiden eteneminen"
    assert join_lines("Toimenpiteide ", "n eteneminen", full=True) == "Toimenpiteide n eteneminen"


def test_word_broken_by_the_width_is_its_lines_only_word() -> None:
    # "perhekeskus" fills the line to the edge of a gridless cell (whose box ends at the longest
    # line), but it follows other words: the renderer could have broken at a space, so it did.
    box: BBox = (652.0, 330.0, 922.9, 380.0)
    vocab = deck_vocabulary(["perhekeskusalueilla"])
    lines = [
        Line(text="- Kohtaamispaikkatoimintaa saatavilla kaikilla perhekeskus", bbox=(659.8, 352.4, 917.9, 362.4), size=10.0),
        Line(text="alueilla", bbox=(659.8, 363.5, 690.6, 373.5), size=10.0),
    ]
    assert cell_text(lines, box, vocab) == "Kohtaamispaikkatoimintaa saatavilla kaikilla perhekeskus alueilla"
    alone = [
        Line(text="Perhekeskus", bbox=(659.8, 352.4, 917.9, 362.4), size=10.0),
        Line(text="alueilla", bbox=(659.8, 363.5, 690.6, 373.5), size=10.0),
    ]
    assert cell_text(alone, box, vocab) == "Perhekeskusalueilla"


def test_pdf_space_after_a_stripped_line_keeps_the_space() -> None:
    # The PDF extractor strips its lines and reports the space a line was wrapped at in
    # `Line.space_after`: a hyphen before it is a spaced dash, a full line before it broke no word.
    box: BBox = (628.3, 108.1, 928.0, 299.5)
    dash = [
        Line(text="Rakenteiden muutos talouspaineessa ennaltaehkäisevän työn tärkeys-", bbox=(633.3, 133.9, 917.5, 142.9), size=9.01, space_after=True),
        Line(text="painopisteen siirto", bbox=(633.3, 144.0, 706.5, 153.0), size=9.01),
    ]
    assert cell_text(dash, box) == (
        "Rakenteiden muutos talouspaineessa ennaltaehkäisevän työn tärkeys- painopisteen siirto"
    )
    assert cell_text([replace(dash[0], space_after=False), dash[1]], box).endswith("tärkeys-painopisteen siirto")
    narrow: BBox = (93.0, 53.0, 167.0, 90.0)
    broken = [
        Line(text="Toimenpiteide", bbox=(100.0, 60.0, 160.0, 69.0), size=9, space_after=True),
        Line(text="n eteneminen", bbox=(100.0, 71.0, 150.0, 80.0), size=9),
    ]
    assert cell_text(broken, narrow) == "Toimenpiteide n eteneminen"
    # pieces of one printed line merged by baseline: the space after the last piece counts
    split = [
        Line(text="•", bbox=(633.3, 133.9, 637.3, 142.9), size=9.01),
        Line(text="Rakenteiden muutos talouspaineessa ennaltaehkäisevän työn tärkeys-", bbox=(645.0, 133.9, 917.5, 142.9), size=9.01, space_after=True),
        dash[1],
    ]
    assert cell_text(split, box).endswith("tärkeys- painopisteen siirto")


# --- evidence of the deck: wrap spaces, tags, names, sentences (issue: statements as typed) -------

WRAP = TextEvidence(wrap_spaces=True)


def _pdf_line(text: str, top: float, x1: float, *, space_after: bool = False, block: int | None = None) -> Line:
    return Line(text=text, bbox=(LEFT, top, x1, top + 9), size=9, space_after=space_after, block=block)


def test_wrap_spaces_tell_a_paragraph_end_from_a_wrap() -> None:
    # Both lines reach the edge, no gap, the next starts capitalised: only the printed space tells.
    a = _pdf_line("Kohtaamispaikkatoimintaa saatavilla kaikilla perhekeskus", TOP, LEFT + INNER - 2)
    b = _pdf_line("Alueilla toimivat verkostot", TOP + PITCH, LEFT + 120)
    assert len(paragraphs([a, b], BOX, evidence=WRAP)) == 2
    wrapped = [replace(a, space_after=True), b]
    assert [p.text() for p in paragraphs(wrapped, BOX, evidence=WRAP)] == [
        "Kohtaamispaikkatoimintaa saatavilla kaikilla perhekeskus Alueilla toimivat verkostot"
    ]


def test_a_space_typed_at_a_paragraph_end_is_no_wrap() -> None:
    # a space after the last word, but "Perhekeskus" would have fitted in the room left: typed
    a = _pdf_line("Kohtaamispaikkatoimintaa saatavilla", TOP, LEFT + 150, space_after=True)
    b = _pdf_line("Perhekeskus –ja kohtaamispaikkakyselyt", TOP + PITCH, LEFT + 160)
    assert len(paragraphs([a, b], BOX, evidence=WRAP)) == 2


def test_wrap_spaces_glue_words_broken_after_a_dash_or_slash() -> None:
    lines = [
        _pdf_line("kiusaamisen jälkihuolto (Selviydytään kiusaamisesta -", TOP, LEFT + INNER - 20),
        _pdf_line("ryhmät) ja Liikkuva koulu/", TOP + PITCH, LEFT + INNER - 3),
        _pdf_line("varhaiskasvatus ja Perhekeskus –", TOP + 2 * PITCH, LEFT + INNER - 4),
        _pdf_line("ja kohtaamispaikat", TOP + 3 * PITCH, LEFT + 80),
    ]
    assert [p.text() for p in paragraphs(lines, BOX, evidence=WRAP)] == [
        "kiusaamisen jälkihuolto (Selviydytään kiusaamisesta -ryhmät) ja Liikkuva "
        "koulu/varhaiskasvatus ja Perhekeskus –ja kohtaamispaikat"
    ]


def test_wrap_spaces_rejoin_a_word_broken_at_the_edge_only_when_it_is_alone() -> None:
    broken = [
        _pdf_line("Toimenpiteide", TOP, LEFT + INNER - 1),
        _pdf_line("n eteneminen", TOP + PITCH, LEFT + 50),
    ]
    assert [p.text() for p in paragraphs(broken, BOX, evidence=WRAP)] == ["Toimenpiteiden eteneminen"]
    # a full line of several words without a space at its end broke no word: the lower-case line
    # goes on with the sentence, after a space
    ended = [
        _pdf_line("nuorten tukemiseen haettu lisärahoitusta.", TOP, LEFT + INNER - 1),
        _pdf_line("tukioppilastoiminta", TOP + PITCH, LEFT + 80),
    ]
    assert [p.text() for p in paragraphs(ended, BOX, evidence=WRAP)] == [
        "nuorten tukemiseen haettu lisärahoitusta. tukioppilastoiminta",
    ]
    # ... and a capitalised one starts a new paragraph
    capital = [ended[0], replace(ended[1], text="Tukioppilastoiminta")]
    assert len(paragraphs(capital, BOX, evidence=WRAP)) == 2


def test_number_range_broken_at_its_hyphen_keeps_no_space() -> None:
    assert join_lines("Maksuton ehkäisy 15-", "25 vuotiaille") == "Maksuton ehkäisy 15-25 vuotiaille"
    # typed with a space after the hyphen: the space stays
    assert join_lines("vuosina 15-", "25", spaced_end=True) == "vuosina 15- 25"


def test_tagged_paragraphs_win_over_the_geometry() -> None:
    # one tagged paragraph whose first line ends short before a capitalised line; then two tagged
    # paragraphs set without any gap, the second starting lower-case
    lines = [
        _pdf_line("Kletu: Eri toimintamuodoissa:", TOP, LEFT + 100, block=4),
        _pdf_line("Eroauttaminen, päiväryhmä", TOP + PITCH, LEFT + 90, block=4),
        _pdf_line("Kohtaamispaikkatoimintaa saatavilla kaikilla", TOP + 2 * PITCH, LEFT + INNER - 80, block=5),
        _pdf_line("kohtaamispaikkaverkostot toimivat", TOP + 3 * PITCH, LEFT + INNER - 90, block=6),
    ]
    assert [p.text() for p in paragraphs(lines, BOX)] == [
        "Kletu: Eri toimintamuodoissa: Eroauttaminen, päiväryhmä",
        "Kohtaamispaikkatoimintaa saatavilla kaikilla",
        "kohtaamispaikkaverkostot toimivat",
    ]
    # untagged, the geometry reads the first two lines as two paragraphs and the last two as one
    untagged = [replace(ln, block=None) for ln in lines]
    assert len(paragraphs(untagged, BOX)) == 3
    assert paragraphs(untagged, BOX)[0].text() == "Kletu: Eri toimintamuodoissa:"


def test_tags_out_of_reading_order_are_not_trusted() -> None:
    lines = [
        _pdf_line("Yhdessä tiimit käynnissä", TOP, LEFT + 100, block=1),
        _pdf_line("Kohtaamispaikkaverkostot toimivat", TOP + PITCH, LEFT + 120, block=2),
        _pdf_line("monitoimijaisesti", TOP + 2 * PITCH, LEFT + 60, block=1),
    ]
    # paragraph 1 comes back after paragraph 2 began: the cell is read from its geometry
    assert [p.text() for p in paragraphs(lines, BOX)] == [
        "Yhdessä tiimit käynnissä",
        "Kohtaamispaikkaverkostot toimivat monitoimijaisesti",
    ]


def test_untagged_tags_fall_back_per_line() -> None:
    # the first line carries no tag: its break is read from the geometry (the next word fits)
    lines = [
        _pdf_line("HVA: palautejärjestelmää kehitetään", TOP, LEFT + 140),
        _pdf_line("MLL: vertaistuki", TOP + PITCH, LEFT + 60, block=3),
    ]
    assert len(paragraphs(lines, BOX)) == 2


def test_capitalised_word_that_is_no_name_starts_a_paragraph() -> None:
    a = _pdf_line("Yhdessä tiimit käynnissä koko maakunnassa ja kaikissa", TOP, LEFT + INNER - 30)
    names = text_evidence([], names=["Kouvola"])
    # a name (inflected too) and an acronym can go on with a sentence; another capitalised word can't
    for word, want in (("Kohtaamispaikkaverkostot", 2), ("Kouvolassa", 1), ("HVA:n", 1)):
        b = _pdf_line(f"{word} toimivat monitoimijaisesti", TOP + PITCH, LEFT + 200)
        assert len(paragraphs([a, b], BOX, evidence=names)) == want, word


def test_line_ending_at_a_comma_or_conjunction_goes_on() -> None:
    names = text_evidence([])
    for end in ("syksyllä 23,", "Nepsy-polku ja"):
        a = _pdf_line(f"Lasten mielenterveyden tuen polun yhteiskehittäminen {end}", TOP, LEFT + INNER - 30)
        b = _pdf_line("Vauvapolku päivitetty 2023", TOP + PITCH, LEFT + 100)
        assert len(paragraphs([a, b], BOX, evidence=names)) == 1, end


def test_sentence_end_and_abbreviation() -> None:
    long_next = "Lahjoitustiliäkoordinoiva malli"  # 100 pt: more than the 60 pt left, under half
    longest = "Lahjoitustiliäkoordinoivamaakunnallinen malli"  # 156 pt: over half the 300 pt line
    for text, nxt, want in (
        # a sentence ended, and the next line's first word would not have fitted: the line may have
        # wrapped between two sentences of one paragraph
        ("Malli tehty koordinointiin.", long_next, 1),
        # ... unless that word is wider than half the line: a paragraph's end would most likely
        # have left too little room for it too, so the sentence's end is the paragraph's
        ("Malli tehty koordinointiin.", longest, 2),
        ("Malli tehty koordinointiin", longest, 2),
        # ... a word that would have fitted: the line was ended on purpose
        ("Malli tehty koordinointiin.", "Lahjoitus", 2),
        # no sentence ended, yet a capitalised word that is no name starts the next line
        ("Malli tehty koordinointiin", long_next, 2),
        # an abbreviation's full stop ends no sentence ...
        ("Asiakasprosessit sujuvammiksi esim.", "Varhaisenkin tuen perhetyö", 1),
        # ... but a list's closing one does
        ("kouluissa ym.", long_next, 1),
        ("kouluissa yms", long_next, 2),
    ):
        a = _pdf_line(text, TOP, LEFT + INNER - 60)
        b = _pdf_line(nxt, TOP + PITCH, LEFT + CHAR_W * len(nxt))
        assert len(paragraphs([a, b], BOX)) == want, (text, nxt)


def test_colon_line_wrapped_before_its_text() -> None:
    # a prefix filling its line, its text on the next (the first word would not have fitted)
    a = _pdf_line("HVA, Tulsote/hanketuki:", TOP, LEFT + INNER - 40)
    b = _pdf_line("Omahoito-ohjelmia tarjolla matalalla kynnyksellä", TOP + PITCH, LEFT + 200)
    assert len(paragraphs([a, b], BOX)) == 1
    # a short bare prefix line before a word that would have fitted: a paragraph of its own
    short = replace(a, bbox=(LEFT, TOP, LEFT + 100, TOP + 9))
    assert len(paragraphs([short, b], BOX)) == 2


def test_drawn_bullet_starts_an_item() -> None:
    a = _pdf_line("MLL: vertaistukiryhmät käynnistetty kolmessa kunnassa ja", TOP, LEFT + INNER - 5)
    b = replace(_pdf_line("perheiden tuki", TOP + PITCH, LEFT + 60), bullet="•")
    assert len(paragraphs([a, b], BOX)) == 2
    assert paragraphs([a, b], BOX)[1].bullet == "•"


def _page(cells: list[list[Line]], lines: tuple[Line, ...] = ()) -> Page:
    table_cells = tuple(
        LCell(row=0, col=i, bbox=BOX, lines=tuple(c)) for i, c in enumerate(cells)
    )
    table = Table(bbox=BOX, n_rows=1, n_cols=len(cells), cells=table_cells, found_by="lines")
    return Page(number=1, width=960, height=540, lines=lines, tables=(table,))


def test_text_evidence_learns_the_producer_pitch_and_names() -> None:
    wrapped = [
        _pdf_line("Kohtaamispaikkatoimintaa saatavilla kaikilla", TOP, LEFT + INNER, space_after=True),
        _pdf_line("alueilla yhdessä Kouvolan kanssa", TOP + 15, LEFT + 100),
    ]
    single = [_pdf_line("Perhekeskus", TOP, LEFT + 50), _pdf_line("Neuvola", TOP + 15, LEFT + 50)]
    ev = text_evidence([_page([wrapped, single])], names=["Hamina"])
    assert ev.wrap_spaces
    assert ev.line_pitch == pytest.approx(15 / 9, abs=0.02)
    assert {"kouvolan", "hamina"} <= ev.names
    assert "perhekeskus" not in ev.names
    # a producer that prints a space after every line, paragraph ends included, tells nothing
    every = [[replace(ln, space_after=True) for ln in c] for c in (wrapped, single)]
    assert not text_evidence([_page(every)]).wrap_spaces
    # nor does one that prints none
    assert not text_evidence([_page([single])]).wrap_spaces


def test_parenthesis_after_an_unfinished_sentence_goes_on() -> None:
    a = _pdf_line("Nuorille suunnattujen palauteiltojen suunnittelun käynnistäminen", TOP, LEFT + 200)
    b = _pdf_line("(Mikä vituttaa- illat)", TOP + PITCH, LEFT + 90)
    for evidence in (WRAP, TextEvidence()):
        assert len(paragraphs([a, b], BOX, evidence=evidence)) == 1
    # after a sentence's end it is a paragraph of its own, as the geometry says
    ended = replace(a, text=a.text + ".")
    assert len(paragraphs([ended, b], BOX, evidence=WRAP)) == 2


def test_next_word_fits_by_its_printed_width() -> None:
    # "Liikkuva" after a line with 44 pt left: estimated from the line's average character (4.1 pt,
    # 20 % margin: 44.3 pt) it would not fit; its printed width (30 pt) says it would have, so the
    # line was ended on purpose
    a = _pdf_line("Ilmiöpohjainen tarkastelu käytössä eri portailla.", TOP, LEFT + INNER - 44)
    nxt = "Liikkuva koulu/varhaiskasvatus toimintamalli käytössä (Kotka, Kouvola)"
    b = _pdf_line(nxt, TOP + PITCH, LEFT + 4.1 * len(nxt))
    assert len(paragraphs([a, b], BOX)) == 1
    assert len(paragraphs([a, replace(b, first_word_width=30.0)], BOX)) == 2
    # ... and a printed width that would not have fitted keeps the wrap
    assert len(paragraphs([a, replace(b, first_word_width=44.0)], BOX)) == 1
