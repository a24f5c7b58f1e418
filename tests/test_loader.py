"""Loading pack folders: every error kind names its file, line and key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from ondermijning.errors import PackError, Problem
from ondermijning.loader import PackNotFoundError, load_pack

from .conftest import MakePack
from .helpers import SOURCE, route_toml, signal_list_toml


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(PackError) as info:
        load_pack(path)
    return list(info.value.problems)


def only(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_pack_loads_with_qualified_ids_and_references(make_pack: MakePack) -> None:
    root = make_pack("gemeente", {"routes.toml": route_toml(extra='themes = ["drugs", "core/geweld"]'),
                                  "lijst.toml": signal_list_toml()})
    loaded = load_pack(root)
    assert loaded.pack.id == "gemeente"
    (route,) = loaded.items["routes"]
    assert route.id == "gemeente/wijkteam"
    # a reference without a pack prefix points into the own pack; a qualified one stays
    assert route.themes == ("gemeente/drugs", "core/geweld")
    (sl,) = loaded.items["signal_lists"]
    assert [s.id for s in sl.signals] == ["gemeente/s1", "gemeente/s2", "gemeente/s3"]
    assert sl.categories[0].id == "gedrag"  # category ids stay local to their list
    assert loaded.locations["gemeente/s2"].line == 24
    assert loaded.locations["gemeente/wijkteam"].file.endswith("routes.toml")


def test_unknown_key_names_file_line_key_and_suggestion(make_pack: MakePack) -> None:
    root = make_pack("x", {"routes.toml": route_toml(extra='levle = ["low"]')})
    problem = only(root)
    assert problem.code == "L101"
    assert problem.file == str(root / "routes.toml")
    assert problem.line == 9
    assert problem.path == "$.routes[0].levle"
    assert "bedoel je 'levels'" in problem.hint
    assert problem.format().startswith(f"{root / 'routes.toml'}:9: L101 onbekende sleutel 'levle'")


def test_wrong_type_is_not_coerced(make_pack: MakePack) -> None:
    text = route_toml().replace('name = "Wijkteam"', "name = 5")
    problem = only(make_pack("x", {"r.toml": text}))
    assert (problem.code, problem.line, problem.path) == ("L103", 3, "$.routes[0].name")


@pytest.mark.parametrize(("value", "expected"), [("true", "een getal verwacht, kreeg true of false"),
                                                 ('"zwaar"', "een getal verwacht, kreeg tekst")])
def test_weight_must_be_a_number(make_pack: MakePack, value: str, expected: str) -> None:
    text = signal_list_toml().replace("weight = 2", f"weight = {value}")
    problem = only(make_pack("x", {"l.toml": text}))
    assert problem.code == "L103"
    assert problem.path == "$.signal_lists[0].signals[1].weight"
    assert expected in problem.message
    assert problem.line == 27


def test_negative_weight_is_invalid_and_points_at_the_key(make_pack: MakePack) -> None:
    text = signal_list_toml().replace("weight = 2", "weight = -2")
    problem = only(make_pack("x", {"l.toml": text}))
    assert problem.code == "L104"
    assert problem.path == "$.signal_lists[0].signals[1].weight"
    assert problem.line == 27


def test_every_invalid_value_of_one_table_is_reported_not_only_the_first(make_pack: MakePack) -> None:
    text = signal_list_toml().replace('id = "s2"', 'id = "S 2"').replace("weight = 2", "weight = -2")
    pack = '[pack]\nid = "X Y"\nname = "n"\nversion = "1.0"\nrequires = { core = "~~" }\n'
    found = {(p.file.rsplit("/", 1)[-1], p.line, p.code, p.path)
             for p in problems_of(make_pack("x", {"l.toml": text}, pack_toml=pack))}
    assert found == {
        ("pack.toml", 2, "L104", "$.pack.id"),
        ("pack.toml", 4, "L104", "$.pack.version"),
        ("pack.toml", 5, "L104", "$.pack.requires"),
        ("l.toml", 24, "L104", "$.signal_lists[0].signals[1].id"),
        ("l.toml", 27, "L104", "$.signal_lists[0].signals[1].weight"),
    }


def test_missing_required_field(make_pack: MakePack) -> None:
    text = route_toml().replace('when = "Bij twijfel"\n', "")
    problem = only(make_pack("x", {"r.toml": text}))
    assert problem.code == "L102"
    assert "'when'" in problem.message
    assert problem.line == 1  # the [[routes]] header of the table that lacks it


def test_enum_value_lists_the_allowed_ones(make_pack: MakePack) -> None:
    text = route_toml().replace('action = "advice"', 'action = "advies"')
    problem = only(make_pack("x", {"r.toml": text}))
    assert problem.code == "L104"
    assert "'advice', 'report', 'consult'" in problem.message


def test_a_string_where_a_list_belongs(make_pack: MakePack) -> None:
    text = route_toml(levels='"low"')
    problem = only(make_pack("x", {"r.toml": text}))
    assert problem.code == "L103"
    assert problem.path == "$.routes[0].levels"


def test_duplicate_id_across_files_names_the_first(make_pack: MakePack) -> None:
    root = make_pack("x", {"a.toml": route_toml(), "b.toml": route_toml()})
    problem = only(root)
    assert problem.code == "L105"
    assert problem.file == str(root / "b.toml")
    assert problem.line == 2
    assert f"{root / 'a.toml'}:2" in problem.message


def test_toml_syntax_error_has_its_line(make_pack: MakePack) -> None:
    root = make_pack("x", {"r.toml": 'a = 1\n[[routes]\nid = "x"\n'})
    problem = only(root)
    assert (problem.code, problem.line) == ("L005", 2)
    assert "(at line" not in problem.message  # the position is in the prefix, not repeated


def test_not_utf8_and_bom(make_pack: MakePack) -> None:
    root = make_pack("x")
    (root / "latin.toml").write_bytes(b'# caf\xe9\n')
    (root / "bom.toml").write_bytes(b"\xef\xbb\xbf# hallo\n")
    codes = {(Path(p.file).name, p.code, p.line) for p in problems_of(root)}
    assert codes == {("latin.toml", "L004", 1), ("bom.toml", "L004", 1)}


def test_all_errors_of_a_pack_are_collected(make_pack: MakePack) -> None:
    root = make_pack("x", {
        "a.toml": route_toml(extra="colour = 1"),
        "b.toml": "[[routes]\n",
        "c.toml": route_toml("r2").replace("levels", "level"),
    })
    assert sorted(p.code for p in problems_of(root)) == ["L005", "L101", "L101", "L102"]


def test_pack_table_only_in_pack_toml(make_pack: MakePack) -> None:
    root = make_pack("x", {"more.toml": '[pack]\nid = "y"\nname = "Y"\nversion = "1.0.0"\n'})
    problem = only(root)
    assert (problem.code, problem.line) == ("L011", 1)


@pytest.mark.parametrize(("key", "value", "line"), [("id", '"X Y"', 2), ("version", '"1.0"', 4)])
def test_invalid_pack_id_and_version(make_pack: MakePack, key: str, value: str, line: int) -> None:
    text = '[pack]\nid = "x"\nname = "n"\nversion = "1.0.0"\n'.replace(f'{key} = "{"x" if key == "id" else "1.0.0"}"',
                                                                    f"{key} = {value}")
    problem = only(make_pack("x", pack_toml=text))
    assert (problem.code, problem.path, problem.line) == ("L104", f"$.pack.{key}", line)


def test_folder_without_pack_toml(tmp_path: Path) -> None:
    (tmp_path / "routes.toml").write_text(route_toml(), encoding="utf-8")
    assert [p.code for p in problems_of(tmp_path)] == ["L010"]


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(PackNotFoundError):
        load_pack(tmp_path / "nope")


def test_ids_of_another_pack_are_refused(make_pack: MakePack) -> None:
    problem = only(make_pack("x", {"r.toml": route_toml("deurne/wijkteam")}))
    assert problem.code == "L106"


def test_sources_are_required_everywhere(make_pack: MakePack) -> None:
    text = f'[[themes]]\nid = "t"\nname = "T"\n\n[[themes]]\nid = "u"\nname = "U"\nsource = {SOURCE}\n'
    problem = only(make_pack("x", {"t.toml": text}))
    assert (problem.code, problem.path, problem.line) == ("L102", "$.themes[0].source", 1)
