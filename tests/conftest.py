from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from ondermijning import i18n

settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fuzz-long", action="store_true", default=False,
                     help="run the fuzz tests (tests/test_fuzz.py) with 100,000 examples in all, not a few dozen each")


SOURCE = '{ publication = "Test", section = "§1" }'
#: the bibliography entry for SOURCE, written into every pack make_pack makes (V011 otherwise warns)
BIBLIOGRAPHY = '[[publications]]\nid = "test"\ntitle = "Test"\nsections = [{ title = "§1" }]\n'
PACK_TOML = """
[pack]
id = "{id}"
name = "Test pack {id}"
version = "{version}"
"""


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Tests must not see a developer's own pack path, disabled plugins or register (``serve`` stays stateless),
    nor a kept command output.

    The command line's cache is off (tests change the library's behaviour in ways its key does
    not see); tests/test_cache.py turns it on in a folder of its own. Messages are Dutch whatever
    the machine's locale (English for a test marked ``english``: it checks the English catalog's
    messages), and the language is chosen anew in each test (from the environment).
    """
    for name in ("ONDERMIJNING_PACK_PATH", "ONDERMIJNING_DISABLE_PLUGINS", "ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD",
                 "ONDERMIJNING_DEBUG", "ONDERMIJNING_CACHE_DIR", "ONDERMIJNING_DB", "ONDERMIJNING_TOML"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ONDERMIJNING_CACHE", "0")
    monkeypatch.setenv("ONDERMIJNING_LANG", "en" if request.node.get_closest_marker("english") else "nl")
    monkeypatch.setattr(i18n, "_language", None)


MakePack = Callable[..., Path]


@pytest.fixture
def make_pack(tmp_path: Path) -> MakePack:
    """Write a pack folder: ``make_pack("x", {"routes.toml": "..."})`` -> its path.

    The pack declares the publication "Test" of ``SOURCE`` in its ``pack.toml`` unless
    ``bibliography=False`` or ``pack_toml`` is given.
    """

    def make(pack_id: str = "test", files: dict[str, str] | None = None, *, version: str = "1.0.0",
             pack_toml: str | None = None, bibliography: bool = True) -> Path:
        root = tmp_path / pack_id
        root.mkdir()
        text = pack_toml if pack_toml is not None else PACK_TOML.format(id=pack_id, version=version)
        text = textwrap.dedent(text).lstrip()
        if bibliography and pack_toml is None:
            text += "\n" + BIBLIOGRAPHY
        (root / "pack.toml").write_text(text, encoding="utf-8")
        for name, content in (files or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One live ``ondermijning serve`` for the whole run (web tests)."""
    from tests.webserver import live_server

    with live_server(tmp_path_factory.mktemp("serve")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (no browser download); a new, empty profile each time."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, FLAGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(params=["desktop", "360px"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A page at desktop width and at 360 px; a console error (a CSP refusal shows there too) fails the test."""
    from tests.browser import VIEWPORTS

    context = browser.new_context(viewport=VIEWPORTS[request.param], accept_downloads=True, locale="nl-NL")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened
    context.close()
    assert not errors, f"the browser reported errors (a CSP refusal shows here too): {errors}"
