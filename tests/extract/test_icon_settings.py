"""One owner per icon rule (issue 23): the largest status icon is `SlideSettings.max_icon_size` and
the overlap that makes stacked icons one is `SlideSettings.icon_overlap`, in the extractors (both
PDF engines, PPTX) as in the normaliser. Before, the extractors dropped every graphic over 40 pt
whatever the setting said, and the PDF extractor merged stacked candidates at an overlap of its
own (0.5).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import lnhs_parse
from lnhs_parse.extract import extract
from lnhs_parse.settings import PDF_ENGINES, Engine, ParseOptions, SlideSettings
from support import FIXTURES, comparable, expected

DECK = "kymenlaakso-2023"
# (slide, left, top) of an oval status icon (14 pt) alone in its row, and the side it is given
ENLARGED = {(6, 199, 116): 45.0, (8, 187, 279): 60.0}


def _enlarged_deck(dest: Path) -> Path:
    """The fixture deck with two status icons drawn larger (about their centres): 45 and 60 pt."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation(str(FIXTURES / f"{DECK}.pptx"))
    done = 0
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            key = (number, round(Emu(shape.left).pt), round(Emu(shape.top).pt))
            side = ENLARGED.get(key)
            if side is None:
                continue
            cx, cy = shape.left + shape.width // 2, shape.top + shape.height // 2
            shape.width = shape.height = Pt(side)
            shape.left, shape.top = cx - Pt(side) // 2, cy - Pt(side) // 2
            done += 1
    assert done == len(ENLARGED)
    prs.save(str(dest))
    return dest


def _statuses(plan: lnhs_parse.Plan) -> list[list[list[str]]]:
    return [[list(sg.statuses) for sg in g.sub_goals] for g in plan.goals]


def test_icons_of_45_and_60_pt_are_read_with_max_icon_size_60_and_refused_by_default(
    tmp_path: Path,
) -> None:
    path = _enlarged_deck(tmp_path / "isot-ikonit.pptx")
    want = [[list(sg["statuses"]) for sg in g["sub_goals"]] for g in expected(DECK)["goals"]]
    larger = lnhs_parse.parse(path, options=ParseOptions(slides=SlideSettings(max_icon_size=60)))
    assert _statuses(larger) == want
    assert comparable(larger)["goals"] == comparable(expected(DECK))["goals"]

    default = lnhs_parse.parse(path)
    assert SlideSettings().max_icon_size == 40.0
    got = _statuses(default)
    missing = [(gi, si) for gi, goal in enumerate(want) for si, sts in enumerate(goal)
               if got[gi][si] != sts]
    assert len(missing) == 2  # the two sub-goals of the enlarged icons, and no other
    assert all(got[gi][si] == [] for gi, si in missing)

    just_under = lnhs_parse.parse(path, options=ParseOptions(slides=SlideSettings(
        max_icon_size=59.0)))
    assert sum(sts == [] for goal in _statuses(just_under) for sts in goal) == 1


# Filled squares of 30, 45 and 60 pt, apart; then two 20 pt squares overlapping by 40 % of their area
_SQUARES = (
    b"0.9 0.1 0.1 rg 50 600 30 30 re f\n"
    b"0.1 0.6 0.1 rg 150 600 45 45 re f\n"
    b"0.1 0.1 0.9 rg 250 600 60 60 re f\n"
    b"0.9 0.1 0.1 rg 50 400 20 20 re f\n"
    b"0.1 0.1 0.9 rg 62 400 20 20 re f\n"
)


def _squares_pdf(dest: Path) -> Path:
    import hostile

    dest.write_bytes(hostile.one_page_pdf(b"BT /F1 12 Tf 72 700 Td (Kuvakkeet) Tj ET\n" + _SQUARES))
    return dest


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_the_pdf_extractor_takes_its_icon_rules_from_the_slide_settings(tmp_path: Path,
                                                                          engine: Engine) -> None:
    path = _squares_pdf(tmp_path / "neliot.pdf")

    def sides(max_icon_size: float = SlideSettings().max_icon_size,
              icon_overlap: float = SlideSettings().icon_overlap) -> list[float]:
        slides = SlideSettings(max_icon_size=max_icon_size, icon_overlap=icon_overlap)
        doc = extract(path, ParseOptions(engine=engine, slides=slides))
        return sorted(round(i.bbox[2] - i.bbox[0]) for i in doc.pages[0].icons)

    # sizes: 20 + 20 stacked (40 % overlap: one icon at the default icon_overlap 0.3), 30, 45, 60
    assert sides() == [20, 30]
    assert sides(max_icon_size=45.0) == [20, 30, 45]
    assert sides(max_icon_size=60.0) == [20, 30, 45, 60]
    # stacked candidates are one icon when they overlap by icon_overlap of the smaller one
    assert sides(icon_overlap=0.5) == [20, 20, 30]
    assert sides(icon_overlap=0.4) == [20, 30]
