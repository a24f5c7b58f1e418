"""The command line's cache (ondermijning.cache): the same output, faster, and never a broken run.

Each test runs the real command in a fresh interpreter with the cache in a folder of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ondermijning import cache

from .conftest import MakePack
from .helpers import route_toml

#: runs the command, then says on stderr whether attrs (the models, the catalog) was imported
RUN = ("import sys; from ondermijning.cli import main; code = main(sys.argv[1:]); "
       "print('built' if 'attrs' in sys.modules else 'kept', file=sys.stderr); sys.exit(code)")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ONDERMIJNING_CACHE", "1")
    monkeypatch.setenv("ONDERMIJNING_CACHE_DIR", str(folder))
    return folder


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout, and how the run went ('kept' or 'built')."""
    done = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, check=False)
    *stderr, how = done.stderr.rstrip("\n").split("\n")
    return done.returncode, done.stdout + "\n".join(stderr), how


def test_a_second_run_prints_the_same_without_building_the_catalog(cache_dir: Path, make_pack: MakePack) -> None:
    folder = make_pack("t", {"r.toml": route_toml()})
    first = run("validate", str(folder))
    second = run("validate", str(folder))
    assert first[2] == "built" and second[2] == "kept"
    assert first[:2] == second[:2] and first[0] == 0
    assert run("packs")[2] == "built" and run("packs")[2] == "kept"
    assert len(list((cache_dir / "runs").iterdir())) == 2
    if hasattr(os, "getuid"):
        assert all(p.stat().st_mode & 0o077 == 0 for p in (cache_dir / "runs").iterdir())  # private


def test_a_changed_pack_file_is_read_again(cache_dir: Path, make_pack: MakePack) -> None:
    folder = make_pack("t", {"r.toml": route_toml()})
    assert run("validate", str(folder))[:2] == (0, f"{folder}: geldig\n")
    (folder / "r.toml").write_text(route_toml().replace("[[routes]]", "[[routes]]\nlevle = 1"), encoding="utf-8")
    code, out, how = run("validate", str(folder))
    assert (code, how) == (1, "built") and "L101 onbekende sleutel 'levle'" in out
    (folder / "extra.toml").write_text("[[routes]]\n", encoding="utf-8")  # a new file: read too
    assert "L102" in run("validate", str(folder))[1]
    assert run("validate", str(folder))[2] == "kept"


def test_other_options_and_settings_are_other_entries(cache_dir: Path, make_pack: MakePack,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_pack("t", {"r.toml": route_toml()})
    run("validate", str(folder))
    assert run("validate", "--format", "json", str(folder))[2] == "built"
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGINS", "nsob")
    assert run("packs")[2] == "built"
    assert "\nnsob 0.1.0 " not in run("packs")[1]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "a folder", "the cache is a file", "foreign"])
def test_a_damaged_cache_never_breaks_a_run(cache_dir: Path, make_pack: MakePack, damage: str) -> None:
    folder = make_pack("t", {"r.toml": route_toml()})
    expected = run("validate", str(folder))[:2]
    (entry,) = (cache_dir / "runs").iterdir()
    if damage == "garbage":
        entry.write_bytes(b"ONDC" + os.urandom(200))
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:-7])
    elif damage == "a folder":
        entry.unlink()
        entry.mkdir()
    elif damage == "the cache is a file":
        for item in (cache_dir / "runs").iterdir():
            item.unlink()
        (cache_dir / "runs").rmdir()
        (cache_dir / "runs").write_text("not a folder", encoding="utf-8")
    elif damage == "foreign":  # written by someone else, or writable by others: not trusted
        entry.chmod(0o666)
    code, out, how = run("validate", str(folder))
    assert (code, out, how) == (*expected, "built")
    if damage in ("garbage", "truncated", "foreign"):
        entry.chmod(0o600)
        assert run("validate", str(folder))[2] == "kept"  # written anew


def test_the_cache_can_be_turned_off(cache_dir: Path, make_pack: MakePack, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_pack("t", {"r.toml": route_toml()})
    monkeypatch.setenv("ONDERMIJNING_CACHE", "0")
    assert run("validate", str(folder))[2] == "built"
    assert run("validate", str(folder))[2] == "built"
    assert not cache_dir.exists()
    monkeypatch.setenv("ONDERMIJNING_CACHE", "1")
    run("--no-cache", "validate", str(folder))
    assert not cache_dir.exists()


def test_the_cache_folder_follows_the_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ONDERMIJNING_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform not in ("win32", "darwin"):
        assert cache.cache_dir() == str(tmp_path / "ondermijning")
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
        assert cache.cache_dir() == str(Path("~/.cache/ondermijning").expanduser())
    monkeypatch.setenv("ONDERMIJNING_CACHE_DIR", str(tmp_path / "own"))
    assert cache.cache_dir() == str(tmp_path / "own")
    monkeypatch.setenv("ONDERMIJNING_CACHE", "off")
    assert cache.cache_dir() is None


def test_a_plugin_with_content_in_python_is_never_kept(cache_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Items a Python plugin returns are code: their answers can change without a file changing."""
    site = tmp_path / "site"
    (site / "codeplugin-1.0.dist-info").mkdir(parents=True)
    (site / "codeplugin-1.0.dist-info" / "METADATA").write_text("Name: codeplugin\nVersion: 1.0\n",
                                                                encoding="utf-8")
    (site / "codeplugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[ondermijning]\ncodeplugin = codeplugin\n", encoding="utf-8")
    (site / "codeplugin.py").write_text(textwrap.dedent("""
        import os
        from ondermijning import hookimpl
        from ondermijning.models import Pack

        @hookimpl
        def ondermijning_packs():
            return [Pack(id="code", name=os.environ.get("CODE_NAME", "a"), version="1.0.0")]
    """), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(site))
    assert "code 1.0.0  a" in run("packs")[1]
    monkeypatch.setenv("CODE_NAME", "b")  # nothing the cache sees has changed
    _code, out, how = run("packs")
    assert how == "built" and "code 1.0.0  b" in out


def test_installing_a_plugin_is_seen(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setenv("PYTHONPATH", str(site))
    assert run("packs")[2] == "built" and run("packs")[2] == "kept"
    pack = site / "folderplugin" / "pack"
    pack.mkdir(parents=True)
    (pack / "pack.toml").write_text('[pack]\nid = "extra"\nname = "Extra"\nversion = "1.0.0"\n', encoding="utf-8")
    (site / "folderplugin" / "__init__.py").write_text(textwrap.dedent("""
        from pathlib import Path
        from ondermijning import hookimpl

        @hookimpl
        def ondermijning_pack_paths():
            return [Path(__file__).parent / "pack"]
    """), encoding="utf-8")
    (site / "folderplugin-1.0.dist-info").mkdir()
    (site / "folderplugin-1.0.dist-info" / "METADATA").write_text("Name: folderplugin\nVersion: 1.0\n",
                                                                  encoding="utf-8")
    (site / "folderplugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[ondermijning]\nfolderplugin = folderplugin\n", encoding="utf-8")
    _code, out, how = run("packs")
    assert how == "built" and "extra 1.0.0  Extra" in out
    assert run("packs")[2] == "kept"  # a plugin that only names folders is kept, its folder hashed
    (pack / "pack.toml").write_text('[pack]\nid = "extra"\nname = "Anders"\nversion = "1.0.0"\n', encoding="utf-8")
    assert "extra 1.0.0  Anders" in run("packs")[1]


def test_a_pack_made_in_the_working_folder_is_seen(cache_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """validate without a path checks the pack of the folder it runs in: a new one there is not the old run."""
    here = tmp_path / "hier"
    here.mkdir()
    monkeypatch.chdir(here)
    assert run("validate")[2] == "built" and run("validate")[2] == "kept"
    (here / "pack.toml").write_text('[pack]\nid = "hier"\nname = "Hier"\nversion = "1.0.0"\n', encoding="utf-8")
    _code, out, how = run("validate")
    assert how == "built" and ".: geldig" in out
