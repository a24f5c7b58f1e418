"""Atomic writes: no partial files, no silent overwrites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ondermijning.fileio import WriteError, write_atomic


def test_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "uit.ics"
    write_atomic(target, "eerste")
    with pytest.raises(WriteError, match="already exists; use --force"):
        write_atomic(target, "tweede")
    assert target.read_text() == "eerste"
    write_atomic(target, "tweede", force=True)
    assert target.read_text() == "tweede"


def test_a_failure_midway_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "uit.md"

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "x" * 100_000)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "message"), [("map", "is a folder"), ("nergens/uit.md", "no such folder")])
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
