"""Atomic writes: no partial files, no silent overwrites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ondermijning.fileio import WriteError, write_atomic


def test_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "uit.ics"
    write_atomic(target, "eerste")
    with pytest.raises(WriteError, match="bestaat al; gebruik --force"):
        write_atomic(target, "tweede")
    assert target.read_text() == "eerste"
    write_atomic(target, "tweede", force=True)
    assert target.read_text() == "tweede"


@pytest.mark.parametrize(("step", "force"), [("replace", True), ("link", False)])
def test_a_failure_midway_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str,
                                                 force: bool) -> None:
    target = tmp_path / "uit.md"

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, step, interrupted)  # the step that puts the file in place
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "x" * 100_000, force=force)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "message"), [("map", "is een map"), ("nergens/uit.md", "die map bestaat niet")])
def test_clear_errors(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "map").mkdir()
    with pytest.raises(WriteError, match=message):
        write_atomic(tmp_path / name, "x")


def test_new_files_get_the_usual_permissions_and_replaced_files_keep_theirs(tmp_path: Path) -> None:
    import stat

    old = os.umask(0o022)
    try:
        fresh = write_atomic(tmp_path / "nieuw.ics", "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        fresh.chmod(0o600)
        write_atomic(fresh, "y", force=True)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    finally:
        os.umask(old)


@pytest.mark.parametrize("force", [False, True])
def test_a_pipe_is_never_replaced(tmp_path: Path, force: bool) -> None:
    import stat

    pipe = tmp_path / "x.json"
    os.mkfifo(pipe)
    with pytest.raises(WriteError, match=r"x\.json: is geen gewoon bestand \(een pipe, apparaat of map\)"):
        write_atomic(pipe, "x", force=force)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]  # no temporary file left


def test_a_link_to_a_file_stays_a_link_and_its_target_gets_the_content(tmp_path: Path) -> None:
    (tmp_path / "echt").mkdir()
    real = tmp_path / "echt" / "uit.json"
    real.write_text("oud", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(WriteError, match="bestaat al; gebruik --force"):
        write_atomic(link, "nieuw")
    assert write_atomic(link, "nieuw", force=True) == link
    assert link.is_symlink()
    assert link.readlink() == real
    assert real.read_text(encoding="utf-8") == "nieuw"
    assert (real.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["echt", "link.json"]
    assert [p.name for p in real.parent.iterdir()] == ["uit.json"]


@pytest.mark.parametrize("force", [False, True])
def test_a_link_to_nothing_is_refused(tmp_path: Path, force: bool) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nergens.json")
    with pytest.raises(WriteError, match=r"link\.json: is een link naar een bestand dat niet bestaat"):
        write_atomic(link, "x", force=force)
    assert link.is_symlink()
    assert not (tmp_path / "nergens.json").exists()


def test_a_file_as_folder_and_a_full_disk_give_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bestand").write_text("", encoding="utf-8")
    with pytest.raises(WriteError, match="bestand: is een bestand, geen map"):
        write_atomic(tmp_path / "bestand" / "uit.md", "x")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match=r"uit\.md: kan niet schrijven: No space left on device"):
        write_atomic(tmp_path / "uit.md", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["bestand"]


@pytest.mark.english
def test_the_cli_refuses_a_pipe_with_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.cli import main

    pipe = tmp_path / "schema.json"
    os.mkfifo(pipe)
    assert main(["schema", "--output", str(pipe), "--force"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"ondermijning: error: {pipe}: is not a regular file (a pipe, device or folder); "
                   "give another file name\n")
