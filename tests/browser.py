"""Real headless Chromium (Debian's) for the web tests, with axe-core (the fixtures are in ``conftest.py``).

A test module calls :func:`require_chromium` first: without the browser it is skipped, except in CI
(``.ci/run`` installs it), where that is a failure.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "360px": {"width": 360, "height": 740}}


def require_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):  # .ci/run installs it: in CI a missing browser is a failure, never a skip
            raise RuntimeError("/usr/bin/chromium is missing; .ci/run should have installed Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI installs it",
                    allow_module_level=True)


@functools.cache
def _axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def accessible(page: Any, lang: str = "nl") -> None:
    """No serious or critical axe-core violation, the page's language set (Dutch unless told), nothing too wide."""
    results = _axe().run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, f"{page.url}: {bad}"
    assert page.get_attribute("html", "lang") == lang
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"
