"""Pack authoring: new-pack scaffold and the pytest plugin, as a municipal author uses them."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ondermijning.cli import main
from ondermijning.fileio import _umask
from ondermijning.scaffold import ScaffoldError, municipality, new_pack

from .conftest import MakePack

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=folder,
                          capture_output=True, text=True, check=False)


@pytest.mark.english
def test_new_pack_is_valid_and_passes_its_own_tests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new-pack", "west-betuwe", "--dir", str(tmp_path))
    assert code == 0
    folder = tmp_path / "ondermijning-west-betuwe"
    pack = folder / "src" / "ondermijning_west_betuwe" / "pack"
    assert f"Created {folder}/" in out
    assert f"  test:     cd {folder} && python -m pytest\n" in out  # as in the README and the tutorial, no install
    assert "cd ondermijning-voorbeeldstad && python -m pytest" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~_umask()  # not mkdtemp's private 0700
    assert 'name = "Gemeente West-Betuwe"' in (pack / "pack.toml").read_text(encoding="utf-8")
    assert run(capsys, "validate", str(pack))[0] == 0
    result = pytest_in(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout  # the test file + validate + properties + examples


def test_new_pack_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ondermijning-utrecht").mkdir()
    (tmp_path / "ondermijning-utrecht" / "mijn.toml").write_text("bewaren", encoding="utf-8")
    code, _, err = run(capsys, "new-pack", "utrecht", "--dir", str(tmp_path))
    assert code == 2
    assert "bestaat al; kies een andere naam of map (er is niets veranderd)" in err
    assert [p.name for p in (tmp_path / "ondermijning-utrecht").iterdir()] == ["mijn.toml"]
    assert [p.name for p in tmp_path.iterdir()] == ["ondermijning-utrecht"]  # no leftovers


@pytest.mark.parametrize("name", ["Utrecht", "a", "west_betuwe", "1stad", "x" * 41])
def test_new_pack_refuses_bad_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ScaffoldError, match="is geen bruikbare packnaam"):
        new_pack(name, tmp_path)


@pytest.mark.parametrize(("name", "expected"), [
    ("voorbeeldstad", "Voorbeeldstad"), ("west-betuwe", "West-Betuwe"), ("alphen-aan-den-rijn", "Alphen-Aan-Den-Rijn"),
])
def test_the_municipality_name_is_capitalised_per_word_part(name: str, expected: str) -> None:
    assert municipality(name) == expected


@pytest.mark.english
def test_new_pack_in_a_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pack.toml").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "new-pack", "utrecht", "--dir", str(tmp_path / "pack.toml"))
    assert (code, out) == (2, "")
    assert err == f"ondermijning: error: {tmp_path / 'pack.toml'}: is a file, not a folder; " \
                  "give the folder to create the pack in with --dir\n"


@pytest.mark.english
def test_new_pack_where_nothing_can_be_written_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object, **_kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)  # a read-only folder (root may write anywhere)
    code, out, err = run(capsys, "new-pack", "utrecht", "--dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"ondermijning: error: {tmp_path}: cannot create the pack here: Permission denied\n"


@pytest.mark.english
def test_new_pack_on_a_full_disk_gives_one_line_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    code, _, err = run(capsys, "new-pack", "utrecht", "--dir", str(tmp_path))
    assert code == 2
    assert err == f"ondermijning: error: {tmp_path}: cannot create the pack here: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.english
@pytest.mark.parametrize(("name", "origin"), [("core", "ondermijning"), ("gouda", "via ONDERMIJNING_PACK_PATH")])
def test_new_pack_refuses_the_id_of_an_installed_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, make_pack: MakePack,
    name: str, origin: str,
) -> None:
    monkeypatch.setenv("ONDERMIJNING_PACK_PATH", str(make_pack("gouda")))
    work = tmp_path / "werk"
    work.mkdir()
    code, out, err = run(capsys, "new-pack", name, "--dir", str(work))
    assert (code, out) == (2, "")
    assert err.startswith(f"ondermijning: error: a pack {name!r} is already installed (")
    assert origin in err
    assert err.endswith("); choose another name\n")
    assert list(work.iterdir()) == []


def test_the_generated_test_lists_the_problems_when_the_pack_does_not_load(tmp_path: Path) -> None:
    folder = new_pack("tiel", tmp_path)
    pack_toml = folder / "src" / "ondermijning_tiel" / "pack" / "pack.toml"
    pack_toml.write_text(pack_toml.read_text(encoding="utf-8").replace('version = "0.1.0"', 'versoin = "0.1.0"'),
                         encoding="utf-8")
    result = pytest_in(folder, "tests/test_pack.py")
    assert result.returncode == 1
    assert "E       AssertionError: the pack did not load:\n" in result.stdout
    assert re.search(r"^E +\S+pack\.toml:\d+: L101 onbekende sleutel 'versoin'", result.stdout, re.MULTILINE)
    assert "assert 'tiel' in mappingproxy" not in result.stdout


def test_a_broken_pack_fails_validate_and_pytest_with_the_same_two_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = new_pack("breda", tmp_path)
    signals = folder / "src" / "ondermijning_breda" / "pack" / "signals.toml"
    text = signals.read_text(encoding="utf-8")
    text = text.replace('red_flag_themes = ["core/drugs",', 'red_flag_themes = ["core/drugz",')  # dangling
    text = text.replace("moderate = 3, high = 6", "moderate = 7, high = 6")  # unordered
    signals.write_text(text, encoding="utf-8")

    code, out, _ = run(capsys, "validate", str(signals.parent))
    assert code == 1
    lines = text.splitlines()
    themes_line = next(n for n, line in enumerate(lines, 1) if line.startswith("red_flag_themes"))
    thresholds_line = next(n for n, line in enumerate(lines, 1) if line.startswith("thresholds"))
    found = re.findall(r"^(.+?):(\d+): (V\d{3}) ", out, re.MULTILINE)
    assert found == [(str(signals), str(themes_line), "V001"), (str(signals), str(thresholds_line), "V004")]

    result = pytest_in(folder, "--ondermijning-pack", str(signals.parent))
    assert result.returncode == 1
    for file, line, code_ in found:
        assert f"{file}:{line}: {code_} " in result.stdout
    assert "ondermijning-pack[breda]::validate" in result.stdout


def test_plugin_does_nothing_without_a_pack(tmp_path: Path) -> None:
    (tmp_path / "test_x.py").write_text("def test_x():\n    pass\n", encoding="utf-8")
    result = pytest_in(tmp_path)
    assert result.returncode == 0
    assert "1 passed" in result.stdout


def test_plugin_reports_a_missing_folder(tmp_path: Path) -> None:
    result = pytest_in(tmp_path, "--ondermijning-pack", "nergens")
    assert result.returncode == 1
    assert "L001 pack-map niet gevonden" in result.stdout
