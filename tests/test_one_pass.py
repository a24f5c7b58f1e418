"""One pass (issue #17): a pack with mistakes of every kind is fully reported by one ``validate`` run.

The pack below has seven mistakes of six kinds across six files: a TOML syntax error, a wrong
key, a duplicate id, an unknown reference, an empty text, thresholds out of order and a golden
example that gives another level. One ``ondermijning validate`` run reports each of them,
located, on a line of its own, and nothing else: the items written in the file that did not
load (a list, its signals) and the route that did not load are referred to from the files that
did, and none of those references is reported as unknown; the broken file is named once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ondermijning import load_catalog
from ondermijning.cli import main
from ondermijning.errors import PackError

from .conftest import MakePack
from .helpers import SOURCE, signal_list_toml


def signal_list(list_id: str, *, moderate: float = 2, high: float = 4) -> str:
    """A valid list (unless its thresholds say otherwise) whose signals are named after it."""
    text = signal_list_toml(list_id, moderate=moderate, high=high)
    for signal in ("s1", "s2", "s3"):
        text = text.replace(f'id = "{signal}"', f'id = "{list_id}-{signal}"')
    return text


def route(route_id: str, name: str) -> str:
    return (f'\n[[routes]]\nid = "{route_id}"\nname = "{name}"\naction = "advice"\nscope = "local"\n'
            f'levels = ["low", "moderate", "high"]\nwhen = "Bij twijfel over een jongere"\nsource = {SOURCE}\n')


FILES = {
    # 1. a TOML syntax error: the whole file does not load (its list "jongeren" and signal "jongeren-s1")
    "jongeren.toml": signal_list("jongeren")
                     .replace('name = "Lijst"', 'name = "Lijst'),
    # 2. a wrong key in the route "buurtteam": that route does not load, the other one does
    "routes.toml": route("wijkteam", "Wijkteam") + 'lists = ["jongeren"]\n'
                   + route("buurtteam", "Buurtteam") + 'telefoon = "nog invullen"\n',
    # 3. the same id twice, in another file than the first
    "wijken.toml": route("wijkteam", "Nog een wijkteam"),
    # 4. an unknown reference (a theme with a typo) and 5. an empty text, in a card that also refers to
    # the route that did not load and to a signal of the list that did not load (neither is reported)
    "kaarten.toml": f"""
        [[dilemma_cards]]
        id = "buurman"
        title = "Een buurman vraagt wat er aan de hand is"
        situation = " "
        values = ["vertrouwelijkheid"]
        questions = ["Wat mag je zeggen?"]
        frameworks = ["core/avg"]
        themes = ["core/hennepteelt", "core/drugz"]
        signals = ["jongeren-s1"]
        routes = ["buurtteam", "wijkteam"]
        source = {SOURCE}
        """,
    # 6. thresholds out of order
    "buurt.toml": signal_list("buurt", moderate=5, high=3),
    # 7. a golden example that does not hold: school-s1 (weight 1) stays below moderate (2)
    "school.toml": signal_list("school") + '\n[[signal_lists.examples]]\nsignals = ["school-s1"]\n'
                                                'expected = "moderate"\n',
    # an extension of the list that did not load: not reported as extending an unknown list
    "uitbreiding.toml": f"""
        [[extensions]]
        id = "aanvulling"
        target = "jongeren"
        source = {SOURCE}
        """,
}


def _line(file: Path, needle: str, nth: int = 1) -> int:
    return [n for n, text in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if needle in text][nth - 1]


def test_one_run_reports_every_mistake_and_no_follow_on(make_pack: MakePack,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_pack("proefstad", FILES)
    assert main(["validate", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err == ""
    *lines, summary = out.splitlines()
    expected = [
        ("buurt.toml", _line(root / "buurt.toml", "thresholds"), "V004"),
        ("jongeren.toml", _line(root / "jongeren.toml", 'name = "Lijst'), "L005"),
        ("kaarten.toml", _line(root / "kaarten.toml", "core/drugz"), "V001"),
        ("kaarten.toml", _line(root / "kaarten.toml", "situation"), "V007"),
        ("wijken.toml", _line(root / "wijken.toml", 'id = "wijkteam"'), "L105"),
        ("routes.toml", _line(root / "routes.toml", "telefoon"), "L101"),
        ("school.toml", _line(root / "school.toml", "[[signal_lists.examples]]"), "V008"),
    ]
    found = []
    for line in lines:
        match = re.match(rf"{re.escape(str(root))}/(\S+?):(\d+): ([A-Z]\d+) ", line)
        assert match, f"not one located line: {line!r}"
        found.append((match.group(1), int(match.group(2)), match.group(3)))
    assert sorted(found) == sorted(expected), out
    assert summary == f"{root}: 7 fouten"
    assert len({kind for _file, _line_no, kind in expected}) == 7  # seven codes, six kinds of mistake at least

    # the broken file is named once, and says it did not load
    (syntax,) = [line for line in lines if " L005 " in line]
    assert syntax.count("jongeren.toml") == 1 and "het bestand is niet geladen" in syntax
    # no follow-on: nothing about the list, route or signal that did not load, nor a second definition
    for follow_on in ("V001 ", "C005", "C002", "V006"):
        hits = [line for line in lines if follow_on in line]
        assert len(hits) == (1 if follow_on == "V001 " else 0), out
    assert "core/drugz" in next(line for line in lines if " V001 " in line)
    assert "bedoel je 'core/drugs'?" in out


def test_ordinary_loading_still_leaves_a_broken_pack_out(make_pack: MakePack) -> None:
    """Only validate loads a pack in part: the other commands never serve half a pack."""
    root = make_pack("proefstad", FILES)
    catalog = load_catalog([root])
    assert "proefstad" not in catalog.packs and not any(r.startswith("proefstad/") for r in catalog.routes)
    assert catalog.left_out == {str(root): "proefstad"}
    with pytest.raises(PackError):
        load_catalog([root], strict=True)


def test_validate_loads_what_it_can_and_knows_what_did_not(make_pack: MakePack) -> None:
    root = make_pack("proefstad", FILES)
    catalog = load_catalog([root], partial=True)
    assert catalog.partial_packs == ("proefstad",)
    assert set(catalog.routes) >= {"proefstad/wijkteam"} and "proefstad/buurtteam" not in catalog.routes
    assert catalog.routes["proefstad/wijkteam"].name == "Wijkteam"  # the first of the two, not the duplicate
    assert {"proefstad/jongeren", "proefstad/jongeren-s1", "proefstad/buurtteam"} <= set(catalog.not_loaded)
    assert catalog.not_loaded["proefstad/jongeren"].file == str(root / "jongeren.toml")
    assert {"proefstad/buurt", "proefstad/school"} <= set(catalog.signal_lists)


def test_a_fixed_pack_is_valid_in_dutch(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    files = dict(FILES)
    files["jongeren.toml"] = signal_list("jongeren")
    files["routes.toml"] = files["routes.toml"].replace('telefoon = "nog invullen"\n', "")
    files["wijken.toml"] = route("wijkteam-noord", "Wijkteam noord")
    files["kaarten.toml"] = files["kaarten.toml"].replace("core/drugz", "core/drugs").replace('" "', '"Een buur."')
    files["buurt.toml"] = signal_list("buurt", moderate=3, high=4)
    files["school.toml"] = files["school.toml"].replace('expected = "moderate"', 'expected = "low"')
    root = make_pack("proefstad", files)
    assert main(["validate", str(root)]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.splitlines()[-1] == f"{root}: geldig"
