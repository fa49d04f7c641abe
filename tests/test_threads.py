"""Parsing from several threads at once gives the plans one thread gives (issue 23).

pdfium must not be called from two threads at once, not even on different documents: the pdfium
engine holds one process-wide lock (`pdfium_raw.LOCK`) around every call. Before it, two threads
parsing `fixtures/kymenlaakso-2023.pdf` died by SIGSEGV or SIGTRAP inside `FPDF_LoadPage`, or read
that valid deck as garbage, within seconds; eight threads on eight decks raised a false
`CorruptFileError` in one run of three. A crash here takes the test process with it.

What is safe, and what isn't: docs/limits.md, "Threads".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import lnhs_parse
from lnhs_parse.settings import Engine
from support import FIXTURES, profile_for

DECK = FIXTURES / "kymenlaakso-2023.pdf"
# (deck, engine): the pdfium engine on LibreOffice's, Chromium's (tagged) and a random (tagged)
# deck and on a profile's deck, the reference engine (whose first import initialises pypdfium2's
# pdfium) and a PPTX among them
DECKS: list[tuple[Path, Engine]] = [
    (FIXTURES / "kymenlaakso-2023.pdf", "pdfium"),
    (FIXTURES / "chromium" / "kymenlaakso-2024-html.pdf", "pdfium"),
    (FIXTURES / "random" / "rnd-0002.tagged.pdf", "pdfium"),
    (FIXTURES / "kuuramaa-2024.pdf", "pdfium"),
    (FIXTURES / "kymenlaakso-2023-pictures.pdf", "pdfium"),
    (FIXTURES / "random" / "rnd-0001.pdf", "pdfplumber"),
    (FIXTURES / "kymenlaakso-2024.pptx", "pdfium"),
]


def _plan_json(path: Path, engine: Engine) -> str:
    return lnhs_parse.parse(path, engine=engine, profile=profile_for(path.name.split(".")[0]),
                            ).to_json()


def _run(threads: int, work: Callable[[int], None]) -> list[BaseException]:
    """`work(i)` in `threads` threads started together; the exceptions they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def run(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as exc:  # collected for the assertion, whatever it is
            errors.append(exc)

    pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return errors


def test_two_threads_on_one_deck_for_300_rounds() -> None:
    """The reproducer of issue 23: two threads parsing one valid deck over and over."""
    want = _plan_json(DECK, "pdfium")
    got: list[list[str]] = [[], []]

    def work(i: int) -> None:
        for _ in range(300):
            got[i].append(_plan_json(DECK, "pdfium"))

    assert _run(2, work) == []
    assert [len(g) for g in got] == [300, 300]
    assert all(plan == want for g in got for plan in g)


def test_eight_threads_on_several_decks_give_the_single_thread_plans() -> None:
    """Eight threads, each parsing every deck of `DECKS` (each thread starting at another one) for
    two rounds: each plan is the one a single thread gives."""
    want = {deck: _plan_json(*deck) for deck in DECKS}
    got: list[list[tuple[tuple[Path, Engine], str]]] = [[] for _ in range(8)]

    def work(i: int) -> None:
        for r in range(2):
            for k in range(len(DECKS)):
                deck = DECKS[(i + r + k) % len(DECKS)]
                got[i].append((deck, _plan_json(*deck)))

    assert _run(8, work) == []
    assert [len(g) for g in got] == [2 * len(DECKS)] * 8
    wrong = [(str(deck[0].name), deck[1]) for g in got for deck, plan in g if plan != want[deck]]
    assert wrong == []
