"""Docs that cannot drift: every hook is documented with an example, and the README's commands exist."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

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
              "ondermijning_scoring_rules"}
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
    from ondermijning.validate import BUILTIN_RULES

    for rule in BUILTIN_RULES:
        assert BY_CODE[rule.code].severity == rule.severity.value
