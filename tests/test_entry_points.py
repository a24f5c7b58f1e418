"""Entry points found without importlib.metadata are the ones importlib.metadata finds."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from ondermijning.entry_points import entry_points


def _seen(found: list[object]) -> list[tuple[str, str, str, str | None, str | None]]:
    return sorted((ep.name, ep.value, ep.group, ep.dist.name, ep.dist.version)  # type: ignore[attr-defined]
                  for ep in found)


def _as_metadata_sees(group: str) -> list[tuple[str, str, str, str | None, str | None]]:
    importlib.invalidate_caches()
    return _seen(list(importlib.metadata.entry_points(group=group)))


@pytest.mark.parametrize("group", ["ondermijning", "console_scripts", "pytest11"])
def test_the_installed_entry_points_are_importlib_metadatas(group: str) -> None:
    found = entry_points(group)
    assert found and all(type(ep).__module__ == "ondermijning.entry_points" for ep in found)
    assert _seen(found) == _as_metadata_sees(group)


def _dist(site: Path, folder: str, metadata: str, entry_points_txt: str) -> None:
    info = site / folder
    info.mkdir(parents=True)
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points_txt, encoding="utf-8")


def test_first_distribution_of_a_name_counts_headers_and_sections_read_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "My.Plugin-2.0.dist-info", "Metadata-Version: 2.1\nName: My.Plugin\nVersion: 2.0\n"
          "Summary: folded\n  over two lines\nName: not this one\n\nName: body, not a header\n",
          "# a comment\n[console_scripts]\nx = y:z\n\n[ondermijning]\n  myplugin =  my_plugin.hooks:plugin [extra]\n")
    _dist(second, "my_plugin-1.0.dist-info", "Name: my_plugin\nVersion: 1.0\n", "[ondermijning]\nold = old:plugin\n")
    _dist(second, "other-0.1.egg-info", "Name: other\r\nVersion: 0.1\r\n", "[ondermijning]\nother = other\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    found = _seen(entry_points("ondermijning"))
    assert ("myplugin", "my_plugin.hooks:plugin [extra]", "ondermijning", "My.Plugin", "2.0") in found
    assert ("other", "other", "ondermijning", "other", "0.1") in found
    assert not any(name == "old" for name, *_rest in found)  # the same distribution, later on sys.path
    assert found == _as_metadata_sees("ondermijning")


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        bundle.writestr("zipped-1.0.dist-info/entry_points.txt", "[ondermijning]\nzipped = zipped\n")
    monkeypatch.syspath_prepend(str(archive))
    found = entry_points("ondermijning")
    assert ("zipped", "zipped", "ondermijning", "zipped", "1.0") in _seen(found)
    assert _seen(found) == _as_metadata_sees("ondermijning")


def test_loading_imports_the_module_and_follows_the_attributes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ep_target.py").write_text("class Hooks:\n    class Inner:\n        value = 42\n", encoding="utf-8")
    _dist(tmp_path, "ep_target-1.0.dist-info", "Name: ep-target\nVersion: 1.0\n",
          "[ondermijning]\ninner = ep_target:Hooks.Inner\nmodule = ep_target\nbroken = not a value!\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "ep_target", raising=False)
    by_name = {ep.name: ep for ep in entry_points("ondermijning")}
    assert by_name["inner"].load().value == 42
    assert by_name["module"].load() is sys.modules["ep_target"]
    with pytest.raises(ValueError, match="geen entry point"):
        by_name["broken"].load()
