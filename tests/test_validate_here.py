"""`ondermijning validate` in a pack's repository, `--pack` on either side of the command, and a named folder first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ondermijning import Pack, hookimpl, load_catalog
from ondermijning.cli import main
from ondermijning.commands.validate import packs_here
from ondermijning.scaffold import new_pack

ROOT = Path(__file__).resolve().parent.parent
DEURNE = ROOT / "packs" / "deurne" / "src" / "ondermijning_deurne" / "pack"


def test_validate_in_a_scaffolded_repository_finds_its_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    repo = new_pack("proef", tmp_path)
    monkeypatch.chdir(repo)
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == "src/ondermijning_proef/pack: geldig\n"
    assert err == "ondermijning: pack in deze map: src/ondermijning_proef/pack\n"
    signals = repo / "src" / "ondermijning_proef" / "pack" / "signals.toml"
    signals.write_text(signals.read_text(encoding="utf-8").replace("moderate = 3", "moderate = 9"), encoding="utf-8")
    assert main(["validate"]) == 1
    assert "V004" in capsys.readouterr().out


def test_packs_here_reads_the_pytest_setting_then_src(tmp_path: Path) -> None:
    assert packs_here(tmp_path) == []
    (tmp_path / "src" / "x" / "pack").mkdir(parents=True)
    (tmp_path / "src" / "x" / "pack" / "pack.toml").write_text("", encoding="utf-8")
    assert packs_here(tmp_path) == [tmp_path / "src" / "x" / "pack"]
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "pack.toml").write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.pytest.ini_options]\nondermijning_pack = ["content"]\n',
                                             encoding="utf-8")
    assert packs_here(tmp_path) == [tmp_path / "content"]
    assert packs_here(tmp_path / "content") == [tmp_path / "content"]
    (tmp_path / "pyproject.toml").write_text("not toml [", encoding="utf-8")
    assert packs_here(tmp_path) == [tmp_path / "src" / "x" / "pack"]


def test_the_project_root_still_validates_everything_installed(capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0
    assert capsys.readouterr() == ("4 packs: geldig\n", "")


@pytest.mark.parametrize("argv", [["--pack", "{p}", "validate"], ["validate", "--pack", "{p}"],
                                  ["--disable-plugin", "nsob", "validate", "--pack", "{p}", "--disable-plugin", "x"]])
def test_pack_and_disable_plugin_work_before_and_after_the_command(
        argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = new_pack("proef", tmp_path) / "src" / "ondermijning_proef" / "pack"
    assert main([a.format(p=pack) for a in argv]) == 0
    assert capsys.readouterr().out == ("4 packs: geldig\n" if "nsob" in argv else "5 packs: geldig\n")
    assert main(["packs", "--pack", str(pack), "--format", "json", "--disable-plugin", "nieuwegein"]) == 0
    assert "proef" in capsys.readouterr().out


def test_a_named_folder_wins_over_the_installed_pack_with_a_note(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "deurne"
    shutil.copytree(DEURNE, copy)
    signals = copy / "signals.toml"
    signals.write_text(signals.read_text(encoding="utf-8").replace("moderate = 5", "moderate = 50"), encoding="utf-8")
    catalog = load_catalog([copy])
    assert catalog.locate("deurne/jongeren").file == str(signals)  # type: ignore[union-attr]
    (note,) = [p for p in catalog.problems if p.code == "C008"]
    assert note.severity.value == "warning" and note.file == f"{copy}/pack.toml"
    assert main(["validate", str(copy)]) == 1  # the copy's own problem shows, not the installed pack's
    out = capsys.readouterr().out
    assert "C008 pack 'deurne' uit" in out and "vervangt het geïnstalleerde pack" in out and "V004" in out
    assert main(["assess", "--pack", str(copy), "--list", "jongeren", "--signal", "school-spijbelt"]) == 1
    err = capsys.readouterr().err
    assert "C008" in err and "signalenlijst 'deurne/jongeren' is ongeldig" in err


def test_the_same_folder_installed_and_named_is_one_pack() -> None:
    catalog = load_catalog([DEURNE])
    assert [p for p in catalog.problems if p.code in ("C001", "C008")] == []


class PythonPack:
    @hookimpl
    def ondermijning_packs(self) -> list[Pack]:
        return [Pack(id="proef", name="Proef uit Python", version="1.0.0")]


def test_a_pack_from_a_python_plugin_says_how_to_leave_it_out(tmp_path: Path) -> None:
    pack = new_pack("proef", tmp_path) / "src" / "ondermijning_proef" / "pack"
    (clash,) = [p for p in load_catalog([pack], plugins=[PythonPack()]).problems if p.code == "C002"]
    assert "--disable-plugin NAAM" in clash.hint
