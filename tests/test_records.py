"""The plain records a parse builds (`lnhs_parse.records`): generated from the models and fresh,
written as JSON exactly as the validated models write the same plan, and what lets the command
write a deck's plan without importing pydantic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from lnhs_parse import model, parse_record, records
from lnhs_parse.settings import ParseOptions
from support import FIXTURES, ROOT, load_script


def _script() -> ModuleType:
    return load_script(ROOT / "scripts" / "gen_records.py", "gen_records")


def test_the_records_module_is_what_the_script_makes_of_the_models() -> None:
    """A model changed without `python scripts/gen_records.py` fails here."""
    assert (ROOT / "src" / "lnhs_parse" / "records.py").read_text(encoding="utf-8") == (
        _script().render()
    )


def test_each_record_has_its_models_fields_in_order() -> None:
    """Every model a plan holds has its record, with the same fields in the same order (the JSON's
    order), and a record's defaults are the model's."""
    held = {"Plan", "Source", "Statement", "ColumnStatements", "Indicator", "Action", "Highlight",
            "LegendEntry", "ScaleStep", "TableColumn", "SubGoal", "Goal", "Actor", "Warning"}
    for name in held:
        record_cls, model_cls = getattr(records, name), getattr(model, name)
        assert record_cls.__slots__ == tuple(model_cls.model_fields), name
    step = records.ScaleStep(code="started", label="Aloitettu", rank=1)
    assert records.to_data(step) == model.ScaleStep(
        code="started", label="Aloitettu", rank=1).model_dump(mode="json")


def test_a_record_copies_compares_and_makes_its_box_of_floats() -> None:
    st = records.Statement(text="a", raw="a", page=1, bbox=(1, 2, 3, 4))
    assert st.bbox == (1.0, 2.0, 3.0, 4.0) and all(isinstance(v, float) for v in st.bbox)
    copy = st.model_copy(update={"text": "b"})
    assert copy.text == "b" and copy.raw == "a" and st.text == "a"
    assert copy != st and st.model_copy() == st and st != model.Statement(
        text="a", raw="a", page=1, bbox=(1, 2, 3, 4))
    with pytest.raises(AttributeError, match="no field 'txt'"):
        st.model_copy(update={"txt": "b"})
    with pytest.raises(TypeError):
        hash(st)


def _plan(text: str) -> records.Plan:
    statement = records.Statement(text=text, raw=f"Kletu: {text}", page=2,
                                  bbox=(10.5, 20.25, 100.0, 30.125), actors=["kletu"],
                                  attribution="prefix")
    return records.Plan(
        source=records.Source(path="ä/deck.pdf", format="pdf", sha256="0" * 64, pages=3,
                              engine="pdfium", profiles=["kymenlaakso"]),
        title=text, year=2024, region="Kymenlaakso",
        goals=[records.Goal(number=1, numeral="I", title=text, sub_goals=[records.SubGoal(
            number=1, title=text, statuses=["started"], focus_areas=[statement],
            other_columns=[records.ColumnStatements(column="huomiot", header="Huomiot",
                                                    statements=[statement])])])],
        status_scale=[records.ScaleStep(code="started", label="Aloitettu", rank=0,
                                        words=["aloitettu"], color="#FFC000")],
        warnings=[records.Warning(code="fuzzy-actor", message=text, page=None)],
    )


@pytest.mark.parametrize("text", [
    "Lasten ja nuorten hyvinvointi – ”lainaus” \"quoted\" \\ back",
    "control \x01 \x1f tab\t newline\n carriage\r bell\x07 del\x7f",
    "emoji 🙂 and separators \u2028 \u2029 and nbsp \u00a0 and bom \ufeff",
    "",
])
def test_records_write_the_json_the_models_write(text: str) -> None:
    """Escapes, non-ASCII text, floats, empty lists and nulls are written as pydantic writes them,
    pretty and compact."""
    plan = _plan(text)
    validated = records.to_model(plan)
    assert records.to_json(plan) == validated.to_json()
    assert records.to_json(plan, indent=None) == validated.to_json(indent=None)
    assert json.loads(records.to_json(plan)) == validated.model_dump(mode="json")


def _decks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".pptx"))


def _profile(deck: Path) -> list[str]:
    stem = deck.name.split(".")[0]
    profile = deck.with_name(f"{stem}.profile.toml")
    return [str(profile)] if profile.exists() else []


def _same_json(deck: Path) -> None:
    plan = parse_record(deck, ParseOptions(profile=tuple(_profile(deck))))
    validated = records.to_model(plan)
    assert records.to_json(plan) == validated.to_json(), deck.name
    assert records.to_json(plan, indent=None) == validated.to_json(indent=None), deck.name


FIXED = [*_decks(FIXTURES), *_decks(FIXTURES / "chromium"), *_decks(FIXTURES / "templates")]
RANDOM = [*_decks(FIXTURES / "random"), *_decks(FIXTURES / "templates" / "random")]


@pytest.mark.parametrize("deck", FIXED, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_fixture_decks_records_write_its_validated_plans_json(deck: Path) -> None:
    """The oracle of the command's plan: the records written as JSON are the validated model's
    JSON, on every deck of every county and producer (PDF and PPTX)."""
    _same_json(deck)


@pytest.mark.slow
@pytest.mark.parametrize("deck", RANDOM, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_random_decks_records_write_its_validated_plans_json(deck: Path) -> None:
    _same_json(deck)


def test_the_fixture_sets_are_all_there() -> None:
    assert len(FIXED) >= 40 and len(RANDOM) >= 100


def test_a_plain_command_imports_no_pydantic_and_writes_the_validated_plan(
    tmp_path: Path,
) -> None:
    """`lnhs-parse deck.pdf` writes the plan without importing pydantic (most of a plain parse's
    start) and gives the JSON `lnhs_parse.parse` validates; another format, an isolated parse or a
    plan JSON file as input go through the models."""
    deck = FIXTURES / "kymenlaakso-2023.pdf"
    code = (
        "import sys\n"
        "from lnhs_parse.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('pydantic' in sys.modules, 'lnhs_parse.model' in sys.modules, code,"
        " file=sys.stderr)\n"
    )

    def run(*args: str) -> tuple[str, str]:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                              text=True, check=True)
        return done.stdout, done.stderr.splitlines()[-1]

    out, seen = run(str(deck), "--quiet")
    assert seen == "False False 0"
    from lnhs_parse import parse

    assert out == parse(deck).to_json() + "\n"
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(out, encoding="utf-8")
    assert run(str(plan_file), "--quiet") == (out, "True True 0")
    assert run(str(deck), "--quiet", "--format", "md")[1] == "True True 0"
