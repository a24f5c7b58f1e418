"""Docs that cannot drift: every hook is documented with an example, and the README's commands exist."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import attrs
import pytest

from ondermijning import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = sorted(name for name, obj in vars(hookspecs).items()
               if name.startswith("ondermijning_") and inspect.isfunction(obj))


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_in_the_reference(hook: str) -> None:
    reference = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert f"## `{hook}`" in reference


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_docstring(hook: str) -> None:
    assert inspect.getdoc(getattr(hookspecs, hook))


def test_every_hook_feeds_the_catalog() -> None:
    from ondermijning.hookspecs import FAMILY_HOOKS

    others = {"ondermijning_pack_paths", "ondermijning_packs", "ondermijning_validation_rules",
              "ondermijning_scoring_rules", "ondermijning_picture_destinations", "ondermijning_translations"}
    assert set(HOOKS) == set(FAMILY_HOOKS.values()) | others


def test_readme_names_the_setup_and_test_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in ("python -m pip install -r requirements-dev.txt", "python -m pytest"):
        assert command in readme
        assert re.search(rf"^{re.escape(command)}$", ci, re.MULTILINE)


def test_the_complete_example_of_the_pack_format_is_valid(tmp_path: Path) -> None:
    from ondermijning import load_catalog, validate_catalog

    text = (ROOT / "docs" / "pack-format.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"`gemeente/([a-z]+\.toml)`:\n\n```toml\n(.*?)```", text, re.DOTALL))
    assert set(blocks) == {"pack.toml", "content.toml"}
    folder = tmp_path / "gemeente"
    folder.mkdir()
    for name, body in blocks.items():
        (folder / name).write_text(body, encoding="utf-8")
    catalog = load_catalog([folder])
    assert [p for p in validate_catalog(catalog) if p.severity.value == "error"] == []
    assert "gemeente/ondermijningscoordinator" in catalog.routes
    assert "gemeente/scooter-zonder-kenteken" in catalog.signals


def test_every_code_in_the_source_is_registered_and_documented() -> None:
    from ondermijning.codes import BY_CODE, reference_markdown

    used = set()
    for path in (ROOT / "src" / "ondermijning").rglob("*.py"):
        used |= set(re.findall(r'"([LCPVST]\d{3})"', path.read_text(encoding="utf-8")))
    assert used - set(BY_CODE) == set(), "register these codes in codes.py"
    assert (ROOT / "docs" / "error-codes.md").read_text(encoding="utf-8") == reference_markdown(), \
        "regenerate: python -m ondermijning.codes > docs/error-codes.md"
    from ondermijning.plugins.core import BUILTIN_RULES

    for rule in BUILTIN_RULES:
        assert BY_CODE[rule.code].severity == rule.severity.value


def _python_blocks(markdown: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown.read_text(encoding="utf-8"), re.DOTALL)


def test_the_hook_examples_are_one_working_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/hooks.md's examples, written out as the plugin module they describe, load without a problem."""
    import importlib

    from ondermijning import assess, load_catalog, validate_catalog

    package = tmp_path / "utrecht_plugin"
    (package / "pack").mkdir(parents=True)
    (package / "__init__.py").write_text("\n\n".join(_python_blocks(ROOT / "docs" / "hooks.md")), encoding="utf-8")
    (package / "pack" / "pack.toml").write_text('[pack]\nid = "utrecht-data"\nname = "U"\nversion = "1.0.0"\n',
                                                encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin = importlib.import_module("utrecht_plugin")

    catalog = load_catalog(plugins=[plugin])
    assert catalog.problems == ()
    assert {"utrecht", "utrecht-data"} <= set(catalog.packs)
    for family, item_id in [("themes", "utrecht/woonfraude"), ("frameworks", "utrecht/apv"),
                            ("signal_lists", "utrecht/buurt"), ("routes", "utrecht/wijkteam"),
                            ("dilemma_cards", "utrecht/huurbaas"), ("guides", "utrecht/leidraad"),
                            ("cases", "utrecht/kamer"), ("workshops", "utrecht/intro"),
                            ("trajectories", "utrecht/2027"), ("processing", "utrecht/register"),
                            ("publications", "utrecht/routekaart"), ("roles", "utrecht/wijkmarinier"),
                            ("explorations", "utrecht/wijkverkenning")]:
        assert item_id in getattr(catalog, family), (family, item_id)
    jongeren = catalog.signal_lists["deurne/jongeren"]
    assert "utrecht/scooter-verhuur" in {s.id for s in jongeren.signals}  # the extension landed

    problems = validate_catalog(catalog)
    # the example translates a route of the pack, not all of it: V014 names every other text, and no key is stale
    assert [p.format() for p in problems if p.code != "V014"] == []  # e.g. the trajectory follows T001-T007
    assert problems and all(p.message.startswith("niet vertaald in 'en'") for p in problems if p.code == "V014")
    from ondermijning.translation import localize

    assert localize(catalog.routes["utrecht/wijkteam"], "en", catalog).name == "Neighbourhood team"
    assert [rule.code for rule in catalog.rules][-1] == "X001"  # after the built-in rules
    assert [d.id for d in catalog.picture_destinations] == ["utrecht/zaaksysteem"]
    route = attrs.evolve(catalog.routes["utrecht/wijkteam"], phone="030 000 0000")
    with_phone = attrs.evolve(catalog, routes={**catalog.routes, route.id: route})
    assert [p.code for p in validate_catalog(with_phone, select=["X001"])] == ["X001"]
    picture = assess(jongeren, ["deurne/vrije-tijd-hangplek", "deurne/school-spijbelt"], catalog=catalog)
    assert [(c.source, c.points) for c in picture.explanation.contributions if c.kind.value == "rule"] == [
        ("utrecht/avond-en-school", 2)]


def test_every_bundled_id_the_docs_name_exists() -> None:
    """An id such as deurne/school-spijbelt in the README or docs/ is one the bundled packs define."""
    from ondermijning import load_catalog
    from ondermijning.hookspecs import FAMILY_HOOKS

    catalog = load_catalog()
    known = set(catalog.packs) | set(catalog.signals)
    for family in FAMILY_HOOKS:
        known |= set(getattr(catalog, family, {}))
    for signal_list in catalog.signal_lists.values():
        known |= {item.id for item in (*signal_list.protective_factors, *signal_list.goals)}
    mentioned = {(path.name, match) for path in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
                 for match in re.findall(r"(?<![/\w])((?:core|deurne|nieuwegein|nsob)/[a-z0-9][a-z0-9._-]*[a-z0-9])",
                                         path.read_text(encoding="utf-8"))}
    assert len(mentioned) > 20
    assert sorted(m for m in mentioned if m[1] not in known) == []
