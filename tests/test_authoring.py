"""Pack authoring: new-pack scaffold and the pytest plugin, as a municipal author uses them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ondermijning.cli import main
from ondermijning.scaffold import ScaffoldError, new_pack


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=folder,
                          capture_output=True, text=True, check=False)


def test_new_pack_is_valid_and_passes_its_own_tests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new-pack", "west-betuwe", "--dir", str(tmp_path))
    assert code == 0
    folder = tmp_path / "ondermijning-west-betuwe"
    pack = folder / "src" / "ondermijning_west_betuwe" / "pack"
    assert f"Created {folder}/" in out
    assert run(capsys, "validate", str(pack))[0] == 0
    result = pytest_in(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout  # the test file + validate + properties + examples


def test_new_pack_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ondermijning-utrecht").mkdir()
    (tmp_path / "ondermijning-utrecht" / "mijn.toml").write_text("bewaren", encoding="utf-8")
    code, _, err = run(capsys, "new-pack", "utrecht", "--dir", str(tmp_path))
    assert code == 2
    assert "already exists" in err
    assert [p.name for p in (tmp_path / "ondermijning-utrecht").iterdir()] == ["mijn.toml"]
    assert [p.name for p in tmp_path.iterdir()] == ["ondermijning-utrecht"]  # no leftovers


@pytest.mark.parametrize("name", ["Utrecht", "a", "west_betuwe", "1stad", "x" * 41])
def test_new_pack_refuses_bad_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ScaffoldError, match="not a usable pack name"):
        new_pack(name, tmp_path)


def test_a_broken_pack_fails_validate_and_pytest_with_the_same_two_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = new_pack("breda", tmp_path)
    signals = folder / "src" / "ondermijning_breda" / "pack" / "signals.toml"
    text = signals.read_text(encoding="utf-8")
    text = text.replace('red_flag_themes = ["core/drugs",', 'red_flag_themes = ["core/drugz",')  # dangling
    text = text.replace("moderate = 3, high = 6", "moderate = 7, high = 6")  # unordered
    signals.write_text(text, encoding="utf-8")

    code, _, err = run(capsys, "validate", str(signals.parent))
    assert code == 1
    lines = text.splitlines()
    themes_line = next(n for n, line in enumerate(lines, 1) if line.startswith("red_flag_themes"))
    thresholds_line = next(n for n, line in enumerate(lines, 1) if line.startswith("thresholds"))
    found = re.findall(r"^(.+?):(\d+): (V\d{3}) ", err, re.MULTILINE)
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
    assert "L001 pack folder not found" in result.stdout
