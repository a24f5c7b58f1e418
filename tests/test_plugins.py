"""Plugins: entry-point discovery, isolation of failures, blocking, Python-defined content."""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

import pytest

from ondermijning import hookimpl, load_catalog
from ondermijning.models import ConcernLevel, Pack, Route, RouteAction, RouteScope, Source

from .conftest import MakePack
from .helpers import route_toml

_UNIQUE = itertools.count()


def install_fake_distribution(root: Path, monkeypatch: pytest.MonkeyPatch, *, dist: str, plugin: str,
                              module_source: str) -> None:
    """A distribution as pip would leave it: a module plus a .dist-info with an entry point."""
    module = f"{plugin}_plugin_{next(_UNIQUE)}"  # a fresh name: sys.modules keeps imported modules
    (root / f"{module}.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    info = root / f"{dist}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.2.3\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[ondermijning]\n{plugin} = {module}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    path = tmp_path / "site"
    path.mkdir()
    return path


def test_entry_point_pack_is_discovered_with_its_distribution(
    make_pack: MakePack, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_pack("utrecht", {"routes.toml": route_toml()})
    install_fake_distribution(site, monkeypatch, dist="ondermijning-utrecht", plugin="utrecht", module_source=f"""
        from ondermijning import hookimpl

        @hookimpl
        def ondermijning_pack_paths():
            return [{str(folder)!r}]
    """)
    catalog = load_catalog()
    assert "utrecht" in catalog.packs
    assert "utrecht/wijkteam" in catalog.routes
    provider = catalog.provenance["utrecht/wijkteam"].provider
    assert "plugin 'utrecht' uit ondermijning-utrecht 1.2.3" in provider
    assert str(folder) in provider
    assert catalog.locate("utrecht/wijkteam") is not None
    assert {p.name: p.status for p in catalog.plugins}["utrecht"] == "loaded"


RAISING = """
    from ondermijning import hookimpl

    @hookimpl
    def ondermijning_routes():
        raise RuntimeError("database down")
"""


def test_a_raising_plugin_is_reported_and_the_rest_loads(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_distribution(site, monkeypatch, dist="kapot", plugin="kapot", module_source=RAISING)
    catalog = load_catalog()
    (problem,) = [p for p in catalog.problems if p.code == "P003"]
    assert "plugin 'kapot' uit kapot 1.2.3" in problem.message
    assert "database down" in problem.message
    assert {"core", "deurne", "nieuwegein", "nsob"} <= set(catalog.packs)
    assert {p.name: p.status for p in catalog.plugins}["kapot"] == "broken"


@pytest.mark.english
@pytest.mark.parametrize(("source", "code", "text"), [
    ("raise ImportError('no such thing')", "P001", "failed to load entry point"),
    ("from ondermijning import hookimpl\n@hookimpl\ndef ondermijning_route():\n    return []", "P002",
     "did you mean 'ondermijning_routes'"),
    ("from ondermijning import hookimpl\n@hookimpl\ndef ondermijning_routes():\n    return [1, 2]", "P004",
     "returned int, expected Route"),
    ("from ondermijning import hookimpl\n@hookimpl\ndef ondermijning_routes():\n    return 7", "P004",
     "returned int, not a list"),
])
def test_each_kind_of_plugin_failure_is_isolated(
    site: Path, monkeypatch: pytest.MonkeyPatch, source: str, code: str, text: str
) -> None:
    install_fake_distribution(site, monkeypatch, dist="stuk", plugin="stuk", module_source=source)
    catalog = load_catalog()
    problems = [p for p in catalog.problems if p.code == code]
    assert len(problems) == 1, catalog.problems
    assert "'stuk'" in problems[0].format()
    assert text in problems[0].format()
    assert "deurne/jongeren" in catalog.signal_lists or "deurne" in catalog.packs


def test_plugins_can_be_blocked_by_name_and_by_environment(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_distribution(site, monkeypatch, dist="kapot", plugin="kapot", module_source=RAISING)
    assert not load_catalog(disable=["kapot"]).problems
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGINS", "kapot, nsob")
    catalog = load_catalog()
    assert not catalog.problems
    assert "nsob" not in catalog.packs
    assert {p.name: p.status for p in catalog.plugins}["nsob"] == "blocked"


def test_blocking_a_pack_others_require_is_reported() -> None:
    catalog = load_catalog(disable=["deurne"])
    (problem,) = catalog.problems
    assert problem.code == "C004"
    assert "vraagt pack 'deurne', waarvan de plugin is uitgezet" in problem.message
    assert "zet nieuwegein ook uit" in problem.hint


def test_builtins_are_plugins_like_any_other() -> None:
    assert "core" in load_catalog().packs
    assert "core" not in load_catalog(disable=["core"]).packs


def test_autoload_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(load_catalog(autoload=False).packs) == {"core"}
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert set(load_catalog().packs) == {"core"}
    for off in ("0", "false", "No", ""):
        monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", off)
        assert "deurne" in load_catalog().packs, off


class PythonPlugin:
    """Content defined in Python, without any TOML."""

    @hookimpl
    def ondermijning_packs(self) -> list[Pack]:
        return [Pack(id="py", name="Python pack", version="0.1.0")]

    @hookimpl
    def ondermijning_routes(self) -> list[Route]:
        return [Route(id="py/buurtcoach", name="Buurtcoach", action=RouteAction.CONSULT, scope=RouteScope.LOCAL,
                      levels=[ConcernLevel.LOW], when="Bij een eerste niet-pluisgevoel",
                      source=Source("Gemeente (test)"))]


def test_python_plugins_contribute_through_the_same_hooks() -> None:
    catalog = load_catalog(plugins=[PythonPlugin()], autoload=False)
    assert catalog.routes["py/buurtcoach"].name == "Buurtcoach"
    assert catalog.provenance["py/buurtcoach"].provider == "plugin 'PythonPlugin'"


class Squatter:
    @hookimpl
    def ondermijning_routes(self) -> list[Route]:
        return [Route(id="nergens/x", name="X", action=RouteAction.ADVICE, scope=RouteScope.LOCAL,
                      levels=[ConcernLevel.LOW], when="nooit", source=Source("t"))]


def test_items_of_an_unknown_pack_are_refused() -> None:
    catalog = load_catalog(plugins=[Squatter()], autoload=False)
    assert "nergens/x" not in catalog.routes
    assert [p.code for p in catalog.problems] == ["C003"]


# slow, exiting and endless plugins; what the command line shows -------------------------------

SLOW = """
    import time
    from ondermijning import hookimpl
    from ondermijning.models import ConcernLevel, Pack, Route, RouteAction, RouteScope, Source

    @hookimpl
    def ondermijning_packs():
        return [Pack(id="traag", name="Traag", version="1.0.0")]

    @hookimpl
    def ondermijning_routes():
        time.sleep(0.05)
        return [Route(id="traag/loket", name="Loket", action=RouteAction.ADVICE, scope=RouteScope.LOCAL,
                      levels=[ConcernLevel.LOW], when="altijd", source=Source("t"))]
"""


@pytest.mark.english
def test_a_slow_plugin_is_reported_with_its_distribution_and_still_counts(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ondermijning import manager

    monkeypatch.setattr(manager, "SLOW_SECONDS", 0.01)  # rather than sleeping for two seconds
    install_fake_distribution(site, monkeypatch, dist="ondermijning-traag", plugin="traag", module_source=SLOW)
    catalog = load_catalog()
    slow = [p for p in catalog.problems if p.code == "P005" and "'traag'" in p.message]
    assert [p.severity.value for p in slow] == ["warning"]
    assert "plugin 'traag' from ondermijning-traag 1.2.3: ondermijning_routes took" in slow[0].message
    assert "traag/loket" in catalog.routes  # slow is not broken: its contributions count
    assert {p.name: p.status for p in catalog.plugins}["traag"] == "slow"


def test_a_plugin_that_is_fast_enough_is_not_reported(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_distribution(site, monkeypatch, dist="ondermijning-traag", plugin="traag", module_source=SLOW)
    catalog = load_catalog()  # 0.05 s is well under the 2 s limit
    assert not [p for p in catalog.problems if p.code == "P005" and "'traag'" in p.message]
    assert {p.name: p.status for p in catalog.plugins}["traag"] == "loaded"


@pytest.mark.parametrize(("source", "code", "text"), [
    ("import sys\nsys.exit('nee')", "P001", "SystemExit('nee')"),
    ("from ondermijning import hookimpl\nimport sys\n@hookimpl\ndef ondermijning_routes():\n    sys.exit(3)",
     "P003", "SystemExit(3)"),
    ("from ondermijning import hookimpl\nimport itertools\n@hookimpl\ndef ondermijning_themes():\n"
     "    return itertools.repeat(None)", "P004", "gaf meer dan 100.000 items"),
    ("from ondermijning import hookimpl\n@hookimpl\ndef ondermijning_routes():\n    return 'wijkteam'", "P004",
     "gaf str, geen lijst"),
])
def test_a_plugin_cannot_end_or_hang_the_host(
    site: Path, monkeypatch: pytest.MonkeyPatch, source: str, code: str, text: str
) -> None:
    install_fake_distribution(site, monkeypatch, dist="ondermijning-stuk", plugin="stuk", module_source=source)
    catalog = load_catalog()
    (problem,) = [p for p in catalog.problems if p.code == code]
    assert "plugin 'stuk' uit ondermijning-stuk 1.2.3" in problem.message
    assert text in problem.message
    assert {"core", "deurne", "nieuwegein", "nsob"} <= set(catalog.packs)
    assert {p.name: p.status for p in catalog.plugins}["stuk"] == "broken"


@pytest.mark.english
def test_packs_command_lists_a_broken_plugin_with_its_distribution(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ondermijning.cli import main

    install_fake_distribution(site, monkeypatch, dist="ondermijning-kapot", plugin="kapot", module_source=RAISING)
    assert main(["packs"]) == 0
    out = capsys.readouterr().out
    assert ("broken plugin 'kapot' from ondermijning-kapot 1.2.3: ondermijning_routes raised "
            "RuntimeError('database down') — fix it, or disable it with --disable-plugin kapot") in out.splitlines()
    assert out.startswith("core ")
    assert "\ndeurne " in out  # the rest of the catalog still loads

    assert main(["packs", "--format", "json"]) == 0
    import json

    report = json.loads(capsys.readouterr().out)
    (kapot,) = [p for p in report["plugins"] if p["name"] == "kapot"]
    assert (kapot["status"], kapot["distribution"]) == ("broken", "ondermijning-kapot 1.2.3")
    assert [p["code"] for p in report["problems"]] == ["P003"]


def test_disable_plugin_option_and_environment_on_the_command_line(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ondermijning.cli import main

    install_fake_distribution(site, monkeypatch, dist="ondermijning-kapot", plugin="kapot", module_source=RAISING)
    assert main(["--disable-plugin", "kapot", "--disable-plugin", "nsob", "packs"]) == 0
    out = capsys.readouterr().out
    assert "kapotte plugin" not in out and "probleem" not in out
    assert "uitgezette plugin 'kapot' uit ondermijning-kapot 1.2.3" in out
    assert "\nnsob " not in out and "uitgezette plugin 'nsob' uit ondermijning-nsob" in out

    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGINS", "kapot")
    assert main(["validate"]) == 0
    capsys.readouterr()

    monkeypatch.delenv("ONDERMIJNING_DISABLE_PLUGINS")
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["packs"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("core ") and "kapot" not in out and "deurne" not in out
