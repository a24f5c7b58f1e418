"""`diff OLD NEW --check-version`: a level that moves needs a major version, new items a minor, wording a patch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ondermijning.cli import main
from ondermijning.diff import diff_packs
from ondermijning.version_policy import check_version, given_bump

from .test_diff import DEURNE, edit, versions  # noqa: F401 - the fixture


def version(folder: Path, number: str) -> None:
    edit(folder / "pack.toml", 'version = "0.1.0"', f'version = "{number}"')


@pytest.mark.parametrize(("old", "new", "bump"), [
    ("1.0.0", "2.0.0", "major"), ("1.0.0", "1.1.0", "minor"), ("1.0.0", "1.0.1", "patch"),
    ("1.2.3", "1.2.3", "none"), ("1.2.3", "1.2.2", "lower"), ("0.1.0", "0.2.0", "major"),
    ("0.1.0", "0.1.1", "minor"), ("0.9.0", "1.0.0", "major"), ("1.0.0", "1.0.1-rc.1", "patch"),
])
def test_the_step_between_two_versions(old: str, new: str, bump: str) -> None:
    assert given_bump(old, new) == bump


def test_a_level_that_moves_needs_a_major_version(versions: tuple[Path, Path]) -> None:  # noqa: F811
    old, new = versions
    edit(new / "signals.toml", "moderate = 3, high = 6", "moderate = 2, high = 6")
    version(new, "0.1.1")
    check = check_version(diff_packs(old, new))
    assert (check.needed, check.given, check.ok) == ("major", "minor", False)
    assert check.reasons == ("signalenlijst buurt: 2 combinaties van signalen krijgen een ander niveau",)
    version_two = new.parent / "v2"
    shutil.copytree(new, version_two)
    edit(version_two / "pack.toml", 'version = "0.1.1"', 'version = "0.2.0"')
    assert check_version(diff_packs(old, version_two)).ok


def test_a_removed_item_needs_a_major_version_and_a_new_one_a_minor(versions: tuple[Path, Path]) -> None:  # noqa: F811
    old, new = versions
    edit(new / "routes.toml", 'id = "ondermijningscoordinator"', 'id = "wijkteam"')
    version(new, "0.1.1")
    check = check_version(diff_packs(old, new))
    assert (check.needed, check.ok) == ("major", False)
    assert check.reasons == ("routes ondermijningscoordinator is weggehaald",)
    check = check_version(diff_packs(new, old))  # the other way round wijkteam goes: a removal too
    assert check.needed == "major"


def test_new_items_need_a_minor_version(versions: tuple[Path, Path]) -> None:  # noqa: F811
    old, new = versions
    text = (new / "routes.toml").read_text(encoding="utf-8")
    (new / "routes.toml").write_text(text + text.split("[[routes]]")[1].replace(
        'id = "collegiaal-overleg"', '\n[[routes]]\nid = "extra-overleg"', 1), encoding="utf-8")
    version(new, "0.1.1")
    check = check_version(diff_packs(old, new))
    assert (check.needed, check.given, check.ok) == ("minor", "minor", True)
    assert check.reasons == ("routes extra-overleg is nieuw",)


@pytest.mark.english
def test_wording_needs_a_patch_version_and_a_same_version_fails(versions: tuple[Path, Path]) -> None:  # noqa: F811
    old, new = versions
    edit(new / "signals.toml", "Heeft ineens dure spullen zonder uitleg", "Heeft ineens dure spullen")
    check = check_version(diff_packs(old, new))
    assert (check.needed, check.given, check.ok) == ("patch", "none", False)
    assert check.reasons == ("signal lists buurt: signals changed",)


@pytest.mark.english
def test_a_weight_that_moves_no_level_needs_a_minor_version(versions: tuple[Path, Path]) -> None:  # noqa: F811
    old, new = versions
    edit(new / "signals.toml", "weight = 3\nred_flag = true", "weight = 4\nred_flag = true")  # a red flag: hoog anyway
    check = check_version(diff_packs(old, new))
    assert check.needed == "minor"
    assert check.reasons == ("signal lists buurt: the score changes, no level does "
                             "(signal brengt-pakketjes: weight 3 -> 4)",)


def test_a_sampled_list_whose_scoring_changed_needs_a_major_version(tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(DEURNE, new)
    edit(new / "signals.toml", "weight = 2", "weight = 2.0001")  # moves no level a sample will find
    edit(new / "pack.toml", 'version = "0.1.0"', 'version = "0.1.1"')
    check = check_version(diff_packs(DEURNE, new, samples=50))
    assert (check.needed, check.ok) == ("major", False)
    assert "te groot om te bewijzen dat geen niveau verschuift" in check.reasons[0]


def test_the_cli_exits_1_with_the_reasons(versions: tuple[Path, Path],  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    old, new = versions
    edit(new / "signals.toml", "moderate = 3, high = 6", "moderate = 2, high = 6")
    assert main(["diff", str(old), str(new), "--check-version"]) == 1
    out = capsys.readouterr().out
    assert ("Versie 0.1.0 -> 0.1.0 is te klein: de wijzigingen vragen een major-versie, gegeven is geen."
            in out)
    assert "  - signalenlijst buurt: 2 combinaties van signalen krijgen een ander niveau\n" in out
    assert main(["diff", str(old), str(new)]) == 0  # without the option only the diff
    capsys.readouterr()
    version(new, "0.2.0")
    assert main(["diff", str(old), str(new), "--check-version", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version_check"]["ok"] is True and data["version_check"]["needed"] == "major"
