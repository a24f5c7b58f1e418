"""ondermijning diff: item changes and level shifts between two versions of a pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ondermijning.cli import main
from ondermijning.diff import diff_packs
from ondermijning.scaffold import new_pack

ROOT = Path(__file__).resolve().parent.parent
DEURNE = ROOT / "packs" / "deurne" / "src" / "ondermijning_deurne" / "pack"


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of a small scaffolded pack (4 signals: levels compared exhaustively)."""
    pack = new_pack("gemeente", tmp_path) / "src" / "ondermijning_gemeente" / "pack"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(pack, old)
    shutil.copytree(pack, new)
    return old, new


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")  # the first occurrence only


def test_identical_versions(versions: tuple[Path, Path]) -> None:
    result = diff_packs(*versions)
    assert result.changes == ()
    (shift,) = result.shifts
    assert (shift.exhaustive, shift.compared, shift.shifts) == (True, 16, ())


@pytest.mark.english
def test_added_removed_changed_and_signal_details(versions: tuple[Path, Path]) -> None:
    old, new = versions
    edit(new / "signals.toml", "weight = 2\nsource", "weight = 3\nsource")  # nieuw-duur-bezit 2 -> 3
    edit(new / "routes.toml", 'id = "ondermijningscoordinator"', 'id = "wijkteam"')
    result = diff_packs(old, new)
    summary = {(c.kind, c.family, c.id) for c in result.changes}
    assert summary == {("added", "routes", "wijkteam"), ("removed", "routes", "ondermijningscoordinator"),
                       ("changed", "signal_lists", "buurt")}
    (changed,) = [c for c in result.changes if c.kind == "changed"]
    assert changed.fields == ("signals",)
    assert changed.details == ("signal nieuw-duur-bezit: weight 2 -> 3",)


def test_level_shifts_are_counted_exhaustively_for_small_lists(versions: tuple[Path, Path]) -> None:
    old, new = versions
    edit(new / "signals.toml", "moderate = 3, high = 6", "moderate = 2, high = 6")
    (shift,) = diff_packs(old, new).shifts
    # of all 16 sets, exactly those scoring 2 (without red flag) move up: {nieuw-duur-bezit}, {onbekende-auto}
    assert shift.shifts == (("low", "moderate", 2),)
    assert {e[0] for e in shift.examples} == {("nieuw-duur-bezit",), ("onbekende-auto",)}


def test_large_lists_are_sampled_reproducibly(tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(DEURNE, new)
    edit(new / "signals.toml", "moderate = 5, high = 12", "moderate = 4, high = 12")
    first = diff_packs(DEURNE, new, samples=500, seed=1)
    again = diff_packs(DEURNE, new, samples=500, seed=1)
    (shift,) = first.shifts
    assert (shift.exhaustive, shift.compared) == (False, 500)
    assert first == again
    assert [(a, b) for a, b, _n in shift.shifts] == [("low", "moderate")]  # lowering a threshold only raises


@pytest.mark.english
def test_cli_text_and_json(versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = versions
    edit(new / "pack.toml", 'version = "0.1.0"', 'version = "0.2.0"')
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("gemeente 0.1.0 -> gemeente 0.2.0\nNo items added, removed or changed.\n")
    assert "all 16 observation sets" in out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["new"] == "gemeente 0.2.0"
    assert data["shifts"][0]["compared"] == 16


def test_cli_errors(versions: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = versions
    assert main(["diff", str(old), str(tmp_path / "nope")]) == 2
    (new / "routes.toml").write_text("[[routes]\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 1
    assert "L005 TOML-syntaxfout" in capsys.readouterr().err


@pytest.mark.english
def test_two_different_packs_are_not_compared(versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.diff import DifferentPacksError

    old, _ = versions
    with pytest.raises(DifferentPacksError):
        diff_packs(DEURNE, old)
    assert main(["diff", str(DEURNE), str(old)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("ondermijning: error: OLD is pack 'deurne', NEW is pack 'gemeente': "
                   "diff compares two versions of one pack\n")


@pytest.mark.english
@pytest.mark.parametrize(("samples", "message"), [
    ("1000001", "argument --samples: 1000001: give between 1 and 1,000,000"),
    ("0", "argument --samples: 0: give between 1 and 1,000,000"),
    ("veel", "argument --samples: 'veel' is not a whole number"),
])
def test_samples_are_bounded(versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str], samples: str,
                             message: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", *map(str, versions), "--samples", samples])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.endswith(f"ondermijning diff: error: {message}\n")
    assert main(["diff", *map(str, versions), "--samples", "1000000"]) == 0


def test_the_help_has_exit_codes_and_no_examples_that_need_folders(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["diff", "--help"])
    out = capsys.readouterr().out
    assert "  ondermijning diff oud nieuw\n" in out  # in the description, not the tested epilog
    assert out.endswith("Afsluitcodes: 0 klaar, 1 een pack dat niet laadt of een versienummer dat te\n"
                        "klein is (--check-version), 2 fout in het gebruik of bij lezen (een map die\n"
                        "niet bestaat, twee verschillende packs).\n")
