"""The merged catalog: qualified ids, conflicts naming both providers, requires, extensions, references."""

from __future__ import annotations

import pytest

from ondermijning import load_catalog, validate_catalog
from ondermijning.errors import PackError

from .conftest import MakePack
from .helpers import SOURCE, route_toml, signal_list_toml


def codes(problems: object) -> list[str]:
    return [p.code for p in problems]  # type: ignore[attr-defined]


def test_bundled_packs_are_valid() -> None:
    catalog = load_catalog()
    assert {"core", "deurne", "nieuwegein", "nsob"} <= set(catalog.packs)
    errors = [p for p in validate_catalog(catalog) if p.severity.value == "error"]
    assert errors == []


def test_catalog_is_read_only() -> None:
    catalog = load_catalog()
    with pytest.raises(TypeError):
        catalog.routes["x"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        catalog.routes = {}  # type: ignore[misc]


def test_two_folders_with_the_same_pack_id_name_both(make_pack: MakePack, tmp_path: object) -> None:
    first = make_pack("dubbel", {"r.toml": route_toml()})
    second = first.parent / "kopie"
    second.mkdir()
    (second / "pack.toml").write_text((first / "pack.toml").read_text(), encoding="utf-8")
    catalog = load_catalog([first, second], autoload=False)
    (problem,) = catalog.problems
    assert problem.code == "C001"
    assert str(first) in problem.message
    assert str(second) in problem.message
    assert "dubbel/wijkteam" in catalog.routes  # the first provider is kept


def test_the_same_folder_twice_is_not_a_conflict(make_pack: MakePack) -> None:
    folder = make_pack("een", {"r.toml": route_toml()})
    assert not load_catalog([folder, folder], autoload=False).problems


def test_two_plugins_defining_one_id_name_both() -> None:
    from ondermijning import hookimpl
    from ondermijning.models import ConcernLevel, Pack, Route, RouteAction, RouteScope, Source

    def route() -> Route:
        return Route(id="py/r", name="R", action=RouteAction.ADVICE, scope=RouteScope.LOCAL,
                     levels=[ConcernLevel.LOW], when="w", source=Source("t"))

    class A:
        @hookimpl
        def ondermijning_packs(self) -> list[Pack]:
            return [Pack(id="py", name="P", version="1.0.0")]

        @hookimpl
        def ondermijning_routes(self) -> list[Route]:
            return [route()]

    class B:
        @hookimpl
        def ondermijning_routes(self) -> list[Route]:
            return [route()]

    catalog = load_catalog(plugins=[A(), B()], autoload=False)
    (problem,) = catalog.problems
    assert problem.code == "C002"
    assert "plugin 'A'" in problem.message
    assert "plugin 'B'" in problem.message


@pytest.mark.parametrize(("requires", "fragment"), [
    ('{ core = ">=9" }', "vraagt core >=9, maar 0.1.0 is geïnstalleerd"),
    ('{ onbekend = ">=1" }', "vraagt pack 'onbekend', dat niet geïnstalleerd is"),
])
def test_requires_is_checked(make_pack: MakePack, requires: str, fragment: str) -> None:
    pack_toml = f'[pack]\nid = "eis"\nname = "E"\nversion = "1.0.0"\nrequires = {requires}\n'
    catalog = load_catalog([make_pack("eis", pack_toml=pack_toml)], autoload=False)
    (problem,) = catalog.problems
    assert problem.code == "C004"
    assert fragment in problem.message
    assert problem.file.endswith("pack.toml")
    assert problem.line == 5


def test_requires_with_an_invalid_range_is_a_load_error(make_pack: MakePack) -> None:
    pack_toml = '[pack]\nid = "eis"\nname = "E"\nversion = "1.0.0"\nrequires = { core = "ongeveer 1" }\n'
    (problem,) = load_catalog([make_pack("eis", pack_toml=pack_toml)], autoload=False).problems
    assert (problem.code, problem.line, problem.path) == ("L104", 5, "$.pack.requires")
    assert "is geen versiebereik zoals" in problem.message


def test_requires_satisfied(make_pack: MakePack) -> None:
    pack_toml = '[pack]\nid = "eis"\nname = "E"\nversion = "1.0.0"\nrequires = { core = ">=0.1,<1" }\n'
    assert not load_catalog([make_pack("eis", pack_toml=pack_toml)], autoload=False).problems


def test_a_pack_extends_another_packs_list(make_pack: MakePack) -> None:
    base = make_pack("basis", {"lijst.toml": signal_list_toml()})
    extension = f"""
[[extensions]]
id = "aanvulling"
target = "basis/lijst"
source = {SOURCE}

[[extensions.signals]]
id = "extra"
category = "school"
text = "Verzuimt bij toetsen"
weight = 2
source = {SOURCE}
"""
    local = make_pack("lokaal", {"ext.toml": extension, "r.toml": route_toml()})
    catalog = load_catalog([base, local], autoload=False)
    assert not validate_catalog(catalog)
    signals = [s.id for s in catalog.signal_lists["basis/lijst"].signals]
    assert signals[-1] == "lokaal/extra"
    assert catalog.signals["lokaal/extra"].category == "school"
    assert catalog.locate("lokaal/extra") is not None


def test_extension_of_an_unknown_list(make_pack: MakePack) -> None:
    text = f'[[extensions]]\nid = "a"\ntarget = "nergens/lijst"\nsource = {SOURCE}\n'
    catalog = load_catalog([make_pack("lokaal", {"ext.toml": text})], autoload=False)
    assert codes(catalog.problems) == ["C005"]
    assert catalog.problems[0].line == 2


def test_dangling_references_across_packs_are_found_with_their_line(make_pack: MakePack) -> None:
    folder = make_pack("x", {"r.toml": route_toml(extra='themes = ["core/drugz"]')})
    problems = validate_catalog(load_catalog([folder], autoload=False))
    (problem,) = [p for p in problems if p.code == "V001"]
    assert "core/drugz" in problem.message
    assert "bedoel je 'core/drugs'" in problem.hint
    assert problem.file == str(folder / "r.toml")
    assert problem.line == 9  # the themes key itself, not only the route
    assert problem.path == "$.routes[0].themes"


def test_signal_rules(make_pack: MakePack) -> None:
    text = signal_list_toml(moderate=6, high=3).replace('category = "school"', 'category = "vrienden"')
    text = text.replace('red_flag = true\nthemes = ["core/drugs"]', 'red_flag = true\nthemes = ["core/geweld"]')
    catalog = load_catalog([make_pack("x", {"l.toml": text, "r.toml": route_toml()})], autoload=False)
    # V003: the red-flag signal has none of the list's red-flag themes; V009: core/drugs has no red-flag signal
    assert sorted(codes(validate_catalog(catalog))) == ["V002", "V003", "V004", "V009"]


def test_strict_mode_raises(make_pack: MakePack) -> None:
    text = f'[[extensions]]\nid = "a"\ntarget = "nergens/lijst"\nsource = {SOURCE}\n'
    with pytest.raises(PackError, match="C005"):
        load_catalog([make_pack("lokaal", {"ext.toml": text})], autoload=False, strict=True)


def test_counts_per_pack() -> None:
    counts = load_catalog().counts("core")
    assert counts["themes"] >= 6
    assert counts["frameworks"] == 7


def test_plugins_contribute_validation_rules_and_a_broken_rule_is_isolated() -> None:
    from ondermijning import hookimpl
    from ondermijning.catalog import Rule
    from ondermijning.errors import Problem

    def no_phone_on_local_routes(catalog: object) -> list[Problem]:
        routes = catalog.routes.values()  # type: ignore[attr-defined]
        return [Problem("X001", f"{r.id} has a phone number") for r in routes
                if r.scope.value == "local" and r.phone]

    def broken(_catalog: object) -> list[Problem]:
        raise RuntimeError("oeps")

    class Rules:
        @hookimpl
        def ondermijning_validation_rules(self) -> list[Rule]:
            return [Rule(code="X001", summary="local routes name roles", check=no_phone_on_local_routes),
                    Rule(code="X002", summary="broken", check=broken)]

    from ondermijning.models import ConcernLevel, Pack, Route, RouteAction, RouteScope, Source

    class PhonePack:
        @hookimpl
        def ondermijning_packs(self) -> list[Pack]:
            return [Pack(id="tel", name="T", version="1.0.0")]

        @hookimpl
        def ondermijning_routes(self) -> list[Route]:
            return [Route(id="tel/r", name="R", action=RouteAction.ADVICE, scope=RouteScope.LOCAL,
                          levels=[ConcernLevel.LOW], when="w", phone="012-3456789", source=Source("t"))]

    catalog = load_catalog(plugins=[Rules(), PhonePack()])
    assert {r.code for r in catalog.rules} >= {"V001", "X001", "X002"}
    problems = validate_catalog(catalog)
    # only the test route trips the rule: no bundled local route carries a phone number
    assert [p.message for p in problems if p.code == "X001"] == ["tel/r has a phone number"]
    (p006,) = [p for p in problems if p.code == "P006"]
    assert "validatieregel X002 van plugin 'Rules' gaf een fout: RuntimeError('oeps')" in p006.message
