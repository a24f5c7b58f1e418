"""Work grows with the input, not faster: counted in operations, never timed.

Each test runs the same thing on a small and a ten times larger input and counts what the
library does (lines of its own code executed, or fuzzy searches run); the larger input may
cost about ten times as much, not a hundred. The inputs are ones that took minutes before:
every missing key of 4,000 empty ``[[routes]]`` tables scanned every recorded key to find its
line, and every dangling reference ran a fuzzy search against all ids of its family.
"""

from __future__ import annotations

import difflib
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import ondermijning as o
from ondermijning import suggest
from ondermijning.loader import load_pack
from ondermijning.locate import LineIndex

from .conftest import MakePack

SOURCE = '{ publication = "Test", section = "§1" }'
LIBRARY = str(Path(o.__file__).parent)


@contextmanager
def counting_lines() -> Iterator[list[int]]:
    """Count the lines of the library's own code that run (a measure of work that no load changes)."""
    count = [0]

    def local(frame: types.FrameType, event: str, _arg: Any) -> Any:
        if event == "line":
            count[0] += 1
        return local

    def tracer(frame: types.FrameType, _event: str, _arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(LIBRARY) else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        yield count
    finally:
        sys.settrace(previous)


def growth(work: Callable[[int], object], small: int) -> float:
    """How many times more lines ``work(10 * small)`` runs than ``work(small)``."""
    counts = []
    for n in (small, 10 * small):
        with counting_lines() as count:
            work(n)
        counts.append(count[0])
    return counts[1] / counts[0]


def test_locating_keys_that_are_not_written_costs_the_same_for_each() -> None:
    def work(n: int) -> None:
        index = LineIndex("[[routes]]\n" * n)
        for i in range(n):
            assert index.line_of(("routes", i, "levels")) == i + 1  # not written: its table's line

    assert growth(work, 200) < 13  # ten times the tables: about ten times the work (it was a hundred)


def test_loading_empty_tables_grows_linearly(make_pack: MakePack) -> None:
    def work(n: int) -> None:
        folder = make_pack(f"leeg{n}", {"routes.toml": "[[routes]]\n" * n})
        with pytest.raises(o.PackError) as caught:
            load_pack(folder)
        assert sum(p.code == "L102" for p in caught.value.problems) == 7 * n  # 7 required keys per route

    assert growth(work, 60) < 13


def test_a_pack_of_thousands_of_empty_tables_loads(make_pack: MakePack) -> None:
    """10,000 empty tables (110 KB, far below the size limits) took minutes; each problem has its line."""
    folder = make_pack("veel", {"routes.toml": "[[routes]]\n" * 10_000})
    with pytest.raises(o.PackError) as caught:
        load_pack(folder)
    problems = caught.value.problems
    assert len(problems) == 70_000
    assert problems[-1].line == 10_000 and problems[-1].path.startswith("$.routes[9999].")


def _dangling(make_pack: MakePack, name: str, themes: int, routes: int) -> Path:
    content = "".join(f'[[themes]]\nid = "thema-{i}"\nname = "t"\nsource = {SOURCE}\n' for i in range(themes))
    content += "".join(
        f'[[routes]]\nid = "route-{i}"\nname = "r"\naction = "advice"\nscope = "local"\nlevels = ["low"]\n'
        f'when = "altijd"\nthemes = ["onbekend-{i}"]\nsource = {SOURCE}\n' for i in range(routes))
    return make_pack(name, {"content.toml": content})


def test_dangling_references_run_a_bounded_number_of_fuzzy_searches(make_pack: MakePack,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    searches = 0
    original = difflib.get_close_matches

    def counted(*args: Any, **kwargs: Any) -> list[str]:
        nonlocal searches
        searches += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    found = []
    for routes in (300, 3000):
        folder = _dangling(make_pack, f"los{routes}", themes=1000, routes=routes)
        searches = 0
        problems = [p for p in o.validate_catalog(o.load_catalog([folder], autoload=False)) if p.code == "V001"]
        assert len(problems) == routes
        found.append(searches)
    assert found[1] == found[0] <= suggest.MAX_SEARCHES + 1  # the same bound for ten times the references
    close = _dangling(make_pack, "dichtbij", themes=3, routes=0)
    (close / "more.toml").write_text(
        f'[[routes]]\nid = "r"\nname = "r"\naction = "advice"\nscope = "local"\nlevels = ["low"]\n'
        f'when = "altijd"\nthemes = ["thema-1x"]\nsource = {SOURCE}\n', encoding="utf-8")
    problem = next(p for p in o.validate_catalog(o.load_catalog([close], autoload=False)) if p.code == "V001")
    assert "bedoel je 'dichtbij/thema-1'" in problem.hint  # within the bound, the hint is as before


def test_suggestions_answer_cheap_cases_after_the_budget() -> None:
    index = suggest.Suggestions([f"p/id-{i}" for i in range(50)], searches=1)
    assert index.close("p/id-7x") == ["p/id-7"]  # the one fuzzy search
    assert index.close("P/ID-8") == ["p/id-8"]  # another case: a dictionary look-up
    assert index.close("q/id-9") == ["p/id-9"]  # another pack prefix: a dictionary look-up
    assert index.close("p/id-9y") == []  # no searches left: no guess


def test_unknown_item_errors_still_suggest() -> None:
    ids = [f"nieuwegein/kaart-{i}" for i in range(20_000)] + ["nieuwegein/bankpas-uitgeleend"]
    assert "bankpas-uitgeleend" in str(o.UnknownItemError("dilemma card", "bankpas", ids))
    assert "'nieuwegein/kaart-12'" in str(o.UnknownItemError("dilemma card", "kaart-12", ids))
