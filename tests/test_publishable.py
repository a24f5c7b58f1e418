"""`new-pack` writes a repository ready to publish: CI, pre-commit, changelog, publiccode.yml."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from ondermijning.cli import main
from ondermijning.scaffold import new_pack


def test_the_repository_files_are_written(tmp_path: Path) -> None:
    repo = new_pack("west-betuwe", tmp_path)
    for name in (".github/workflows/ci.yml", ".pre-commit-config.yaml", "CHANGELOG.md", "publiccode.yml",
                 ".gitignore", "README.md", "pyproject.toml"):
        assert (repo / name).is_file(), name
    pyproject = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert 'test = ["ondermijning[testing]>=0.1,<0.2"]' in pyproject and "ondermijning[test]" not in pyproject
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## 0.1.0 ({datetime.date.today().isoformat()})" in changelog and "--check-version" in changelog


def test_publiccode_has_the_keys_the_standard_requires(tmp_path: Path) -> None:
    text = (new_pack("west-betuwe", tmp_path) / "publiccode.yml").read_text(encoding="utf-8")
    top = set(re.findall(r"^([A-Za-z]+):", text, re.MULTILINE))
    assert top >= {"publiccodeYmlVersion", "name", "url", "softwareVersion", "releaseDate", "platforms",
                   "categories", "developmentStatus", "softwareType", "description", "legal", "maintenance",
                   "localisation"}
    assert 'publiccodeYmlVersion: "0.4"' in text and "name: ondermijning-west-betuwe" in text
    long = re.search(r"longDescription: >\n((?:      .+\n)+)", text)
    assert long is not None and len(" ".join(long.group(1).split())) >= 150  # the standard's minimum
    assert "gemeente West-Betuwe" in text and "In te vullen" in text


def test_a_scaffolded_pack_checks_its_own_version_policy(tmp_path: Path) -> None:
    pack = new_pack("proef", tmp_path) / "src" / "ondermijning_proef" / "pack"
    assert main(["diff", str(pack), str(pack), "--check-version"]) == 0
