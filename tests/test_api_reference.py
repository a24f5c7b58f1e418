"""The API reference builds from the docstrings with every warning an error, as CI builds it (docs/build_api.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import ondermijning

ROOT = Path(__file__).resolve().parent.parent


def test_the_api_reference_builds_and_names_every_public_name(tmp_path: Path) -> None:
    script = runpy.run_path(str(ROOT / "docs" / "build_api.py"))
    pages = script["build"](tmp_path / "api")
    names = {page.relative_to(tmp_path / "api").as_posix() for page in pages}
    for module in script["MODULES"]:
        assert module.replace(".", "/") + ".html" in names, module
    assert {"ondermijning/models.html", "ondermijning/render.html", "index.html"} <= names
    top = (tmp_path / "api" / "ondermijning.html").read_text(encoding="utf-8")
    for name in ondermijning.__all__:
        assert f'id="{name}"' in top or f"ondermijning/{name}.html" in top or name == "__version__", name
