"""ondermijning.installed finds the entry points importlib.metadata finds, in its order, with the same distributions.

Each comparison runs in a fresh interpreter (importlib.metadata caches what it listed per folder,
and whether it was imported at all is what the cheap path is for): the test environment as it is
(editable installs of the bundled packs), and ``sys.path`` layouts built in a temporary folder,
run by this interpreter and by every other Python 3.10 to 3.13 on the machine (found on PATH or
under pyenv), so that the reading of each version's importlib.metadata is checked where it can be.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ondermijning import load_catalog

from .conftest import MakePack

SRC = str(Path(__file__).resolve().parents[1] / "src")

# ours, then importlib.metadata's, for each group; whether ours imported importlib.metadata; what load() gives
_COMPARE = r"""
import json, sys
spec = json.loads(sys.argv[1])
from ondermijning import installed
if spec["path"] is not None:  # the layout, then the standard library (no distributions in it) to import from
    sys.path[:] = spec["path"] + [p for p in sys.path if p.startswith(sys.base_prefix) and "site-packages" not in p]
exec(spec["setup"])

def outcome(load):
    try:
        return ["ok", repr(load())]
    except Exception as exc:
        return ["error", repr(exc)]

def ours(group):
    found = installed.entry_points(group)
    assert all(e.distribution == f"{e.dist_name} {e.dist_version}" for e in found)
    return [[e.name, e.value, e.group, e.dist_name, e.dist_version] for e in found], found

def theirs(group):
    import importlib.metadata
    found = list(importlib.metadata.entry_points(group=group))
    return [[e.name, e.value, e.group, e.dist.metadata["Name"], e.dist.metadata["Version"]] for e in found], found

result = {"fell_back": None, "python": list(sys.version_info[:2])}
for side, read in (("ours", ours), ("theirs", theirs)):
    for group in spec["groups"]:
        try:
            rows, found = read(group)
        except Exception as exc:
            result[f"{side} {group}"] = ["error", type(exc).__name__]
            continue
        result[f"{side} {group}"] = rows
        if spec["load"]:
            result[f"{side} {group} loaded"] = [outcome(e.load) for e in found]
    if side == "ours":
        result["fell_back"] = "importlib.metadata" in sys.modules
print(json.dumps(result))
"""


def _pythons() -> dict[str, str]:
    """This interpreter and one of each other Python 3.10 to 3.13 that runs here, by version ("3.11")."""
    pyenv = Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser()
    candidates = [shutil.which(f"python3.{minor}") for minor in range(10, 14)]
    candidates += sorted(str(path) for path in pyenv.glob("versions/3.1[0-3].*/bin/python3"))
    found = {f"{sys.version_info[0]}.{sys.version_info[1]}": sys.executable}
    for candidate in filter(None, candidates):
        try:
            ran = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                 capture_output=True, text=True, timeout=30, check=False)
        except OSError:
            continue
        if ran.returncode == 0:
            found.setdefault(ran.stdout.strip(), candidate)
    return dict(sorted(found.items()))


#: version -> interpreter; the tests of built layouts run on each
PYTHONS = _pythons()
ON_EACH_PYTHON = pytest.mark.parametrize("python", list(PYTHONS.values()), ids=list(PYTHONS))


def _compare(python: str, path: list[str] | None, groups: tuple[str, ...] = ("ondermijning",), *, setup: str = "",
             load: bool = True, cwd: Path | None = None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ONDERMIJNING_", "PYTHON"))}
    if python != sys.executable:  # no ondermijning installed there; ondermijning.installed needs none of its deps
        env["PYTHONPATH"] = SRC
    spec = json.dumps({"path": path, "groups": groups, "setup": setup, "load": load})
    ran = subprocess.run([python, "-c", _COMPARE, spec], capture_output=True, text=True, cwd=cwd, env=env,
                         timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    result: dict[str, object] = json.loads(ran.stdout)
    for group in groups:
        assert result[f"ours {group}"] == result[f"theirs {group}"], (python, group)
        if load:
            assert result.get(f"ours {group} loaded") == result.get(f"theirs {group} loaded"), (python, group)
    return result


def _dist(root: Path, folder: str, metadata: str | None, entry_points: str | None = None, *,
          metadata_file: str = "METADATA") -> None:
    info = root / folder
    info.mkdir(parents=True)
    if metadata is not None:
        (info / metadata_file).write_text(metadata, encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def _meta(name: str, version: str = "1.0") -> str:
    return f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"


MODULE = "def main():\n    pass\n\n\nclass A:\n    class B:\n        pass\n"

#: comments, blank lines, odd spacing, several groups and sections, extras, broken and missing values
ODD_ENTRY_POINTS = """stray = before.any:section
words before any section, without an equals sign
# a comment
[console_scripts]
tool = mod_a:main

   [ondermijning]
\tspaced   =   mod_a : A.B   [extra1, extra2]
; semi = mod_a
eq = mod_a:A=B
broken = not a value!
missing = no_such_module_xyz:thing
module_only=mod_a
[ ondermijning ]
inner = mod_a
[[ondermijning]]
double = mod_a:A
[console_scripts]
other = mod_a:main
[ondermijning]
again = mod_a:A.B
"""

#: other headers first, a lower-case name, a second Name, trailing spaces, and a body naming another
ODD_METADATA = ("Metadata-Version: 2.1\nSummary: first a summary\nAuthor: x\nname: Spacing\nName: Not-This\n"
                "Version:   1.0  \nDescription-Content-Type: text/plain\n\nName: body-name\nVersion: 9\n")


@pytest.fixture
def layout(tmp_path: Path) -> list[str]:
    """Two site folders and more, with what importlib.metadata has to decide on: the sys.path to compare on."""
    first, second, here = tmp_path / "site1", tmp_path / "site2", tmp_path / "here"
    for folder in (first, second, here):
        folder.mkdir()
    (first / "mod_a.py").write_text(MODULE, encoding="utf-8")
    # upper/lower case and -, _, . in names: one normalized name, the first listed wins
    _dist(first, "Foo_Bar-1.0.dist-info", _meta("Foo_Bar"), "[ondermijning]\nfoo = mod_a\n")
    _dist(first, "foo.bar-2.0.dist-info", _meta("foo.bar", "2.0"), "[ondermijning]\nfoo2 = mod_a:A\n")
    _dist(first, "UPPER-3.0.DIST-INFO", _meta("Upper.Case", "3.0"), "[ondermijning]\nupper = mod_a:A.B\n")
    _dist(first, "-5.0.dist-info", _meta("Nameless", "5.0"), "[ondermijning]\nnameless = mod_a\n")
    _dist(first, "legacy.egg-info", _meta("legacy", "0.9"), "[ondermijning]\nlegacy = mod_a\n",
          metadata_file="PKG-INFO")
    _dist(first, "plain-1.0.dist-info", _meta("plain"))  # no entry_points.txt
    _dist(first, "spacing-1.0.dist-info", ODD_METADATA, ODD_ENTRY_POINTS)
    _dist(first, "empty_meta-1.0.dist-info", "", "[ondermijning]\nempty = mod_a\n")  # METADATA empty: PKG-INFO
    (first / "empty_meta-1.0.dist-info" / "PKG-INFO").write_text(_meta("empty-meta", "2"), encoding="utf-8")
    (first / "single.egg-info").write_text(_meta("single"), encoding="utf-8")  # a file: hides site2's single
    _dist(first, "continued-1.0.dist-info", "Name: continued\nSummary: a\n  continued summary\nVersion: 1.0\n",
          "[ondermijning]\ncontinued = mod_a\n")
    # the same distributions again further on: the first on the path wins
    _dist(second, "foo_bar-9.0.dist-info", _meta("foo-bar", "9.0"), "[ondermijning]\nshadowed = mod_a\n")
    _dist(second, "single-2.0.dist-info", _meta("single", "2.0"), "[ondermijning]\nhidden = mod_a\n")
    _dist(second, "Spacing-2.0.dist-info", _meta("Spacing", "2.0"), "[ondermijning]\nalso_hidden = mod_a\n")
    _dist(second, "other-1.0.dist-info", _meta("other"), "[ondermijning]\nfoo = mod_a\n")  # a name taken twice
    _dist(here, "cwd_dist-1.0.dist-info", _meta("cwd-dist"), "[ondermijning]\nfrom_cwd = mod_a\n")
    return [str(first), str(tmp_path / "not-there"), str(second), "", str(first)]


@ON_EACH_PYTHON
def test_the_same_entry_points_on_built_layouts(python: str, layout: list[str], tmp_path: Path) -> None:
    result = _compare(python, layout, ("ondermijning", "console_scripts"), cwd=tmp_path / "here")
    assert result["fell_back"] is False
    names = [row[0] for row in result["ours ondermijning"]]  # type: ignore[attr-defined]
    # what the layout is for is in it: the odd lines, the first of two, the hidden ones not
    assert {"spaced", "eq", "broken", "missing", "module_only", "double", "again", "legacy", "empty",
            "upper", "nameless", "continued", "from_cwd"} <= set(names)
    assert {"stray", "inner", "shadowed", "hidden", "also_hidden"}.isdisjoint(names)
    assert names.count("foo") + names.count("foo2") == 2  # site1's foo_bar (whichever is listed first), and other
    loaded = dict(zip(names, result["ours ondermijning loaded"], strict=True))  # type: ignore[call-overload]
    assert loaded["spaced"][0] == "ok" and loaded["broken"][0] == "error" and loaded["missing"][0] == "error"


def test_the_same_entry_points_in_the_test_environment() -> None:
    """The venv as it is: the library and the bundled packs installed editable, and everything else pip put there."""
    result = _compare(sys.executable, None, ("ondermijning", "console_scripts", "pytest11"), load=False)
    assert result["fell_back"] is False
    assert {row[0] for row in result["ours ondermijning"]} >= {"deurne", "nieuwegein", "nsob"}  # type: ignore[attr-defined]


@ON_EACH_PYTHON
def test_a_zip_on_sys_path_is_left_to_importlib_metadata(python: str, layout: list[str], tmp_path: Path) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", _meta("zipped"))
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[ondermijning]\nzipped = zipmod:value\n")
        zipped.writestr("zipmod.py", "value = 42\n")
    result = _compare(python, [*layout[:1], str(archive), *layout[1:]], cwd=tmp_path / "here")
    assert result["fell_back"] is True
    assert ["zipped", "zipmod:value", "ondermijning", "zipped", "1.0"] in result["ours ondermijning"]  # type: ignore[operator]


@ON_EACH_PYTHON
def test_an_egg_folder_on_sys_path_is_left_to_importlib_metadata(python: str, tmp_path: Path) -> None:
    egg = tmp_path / "Eggy-1.0-py3.egg"
    _dist(egg, "EGG-INFO", _meta("Eggy"), "[ondermijning]\neggy = eggmod\n", metadata_file="PKG-INFO")
    (egg / "eggmod.py").write_text("", encoding="utf-8")
    result = _compare(python, [str(egg)])
    assert result["fell_back"] is True
    assert [row[0] for row in result["ours ondermijning"]] == ["eggy"]  # type: ignore[attr-defined]


CUSTOM_FINDER = """
import importlib.metadata

class Virtual(importlib.metadata.Distribution):
    def read_text(self, filename):
        return {"METADATA": "Name: virtual\\nVersion: 4.2\\n",
                "entry_points.txt": "[ondermijning]\\nvirtual = mod_a:A\\n"}.get(filename)

    def locate_file(self, path):
        return path

class Finder:
    @classmethod
    def find_spec(cls, *args):
        return None

    @classmethod
    def find_distributions(cls, context=None):
        return [Virtual()]

sys.meta_path.append(Finder)
"""


@ON_EACH_PYTHON
def test_a_custom_finder_of_distributions_is_left_to_importlib_metadata(python: str, layout: list[str],
                                                                        tmp_path: Path) -> None:
    result = _compare(python, layout, setup=CUSTOM_FINDER, cwd=tmp_path / "here")
    # only importlib.metadata asks the finder: its distribution among ours shows the fallback was taken
    assert ["virtual", "mod_a:A", "ondermijning", "virtual", "4.2"] in result["ours ondermijning"]  # type: ignore[operator]


EDITABLE_FINDER = """
class EditableFinder:  # as setuptools' editable installs and pytest's assertion rewriting put on sys.meta_path
    @classmethod
    def find_spec(cls, *args):
        return None

sys.meta_path.insert(0, EditableFinder)
"""


@ON_EACH_PYTHON
def test_a_finder_that_finds_no_distributions_changes_nothing(python: str, layout: list[str], tmp_path: Path) -> None:
    result = _compare(python, layout, setup=EDITABLE_FINDER, cwd=tmp_path / "here")
    assert result["fell_back"] is False


@ON_EACH_PYTHON
@pytest.mark.parametrize(("folder", "metadata", "entry_points"), [
    ("noequals-1.0.dist-info", _meta("noequals"), "[console_scripts]\njust a line\n"),  # importlib raises
    ("noname-1.0.dist-info", "Version: 1.0\n", "[ondermijning]\nnoname = mod_a\n"),
    ("folded-1.0.dist-info", "Name: folded\n  over two lines\nVersion: 1.0\n", "[ondermijning]\nfolded = mod_a\n"),
    ("fromline-1.0.dist-info", "From someone\nName: fromline\nVersion: 1.0\n", "[ondermijning]\nfromline = x\n"),
    ("nometa-1.0.dist-info", None, "[ondermijning]\nnometa = mod_a\n"),  # importlib's metadata raises
], ids=["no-equals", "no-name", "folded-name", "from-line", "no-metadata"])
def test_what_is_not_read_is_left_to_importlib_metadata(python: str, tmp_path: Path, folder: str,
                                                        metadata: str | None, entry_points: str) -> None:
    _dist(tmp_path, folder, metadata, entry_points)
    result = _compare(python, [str(tmp_path)], ("ondermijning", "console_scripts"))
    assert result["fell_back"] is True


@ON_EACH_PYTHON
def test_a_file_that_is_not_utf8_is_left_to_importlib_metadata(python: str, tmp_path: Path) -> None:
    _dist(tmp_path, "latin-1.0.dist-info", _meta("latin"))
    (tmp_path / "latin-1.0.dist-info" / "entry_points.txt").write_bytes(b"[ondermijning]\nlatin = caf\xe9\n")
    result = _compare(python, [str(tmp_path)])
    assert result["fell_back"] is True
    assert result["ours ondermijning"] == ["error", "UnicodeDecodeError"]


class _Folder:
    """A Traversable that is not a path: what a plugin may return from importlib.resources (a zip, a namespace)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name

    def __str__(self) -> str:
        return str(self.path)

    def iterdir(self) -> object:
        return iter(())

    def read_bytes(self) -> bytes:
        return b""

    def read_text(self, encoding: str | None = None) -> str:
        return ""

    def is_dir(self) -> bool:
        return True

    def is_file(self) -> bool:
        return False

    def joinpath(self, *parts: str) -> _Folder:
        return _Folder(self.path.joinpath(*parts))

    def __truediv__(self, child: str) -> _Folder:
        return self.joinpath(child)

    def open(self, mode: str = "r", *args: object, **kwargs: object) -> object:
        return open(os.devnull, mode)


def test_a_plugin_may_still_return_a_traversable(make_pack: MakePack) -> None:
    """What a plugin of before returns, files(__name__) / "pack", or any other Traversable, still names a folder."""
    from importlib.resources import files

    from ondermijning import hookimpl

    folder, other = make_pack("utrecht", {}), make_pack("zwolle", {})

    class Resources:
        @hookimpl
        def ondermijning_pack_paths(self) -> list[object]:
            return [files("ondermijning_deurne") / "pack", _Folder(folder), str(other)]

    class Wrong:
        @hookimpl
        def ondermijning_pack_paths(self) -> list[object]:
            return [7]

    catalog = load_catalog(plugins=[Resources(), Wrong()], autoload=False)  # deurne only through files()
    assert {"deurne", "utrecht", "zwolle"} <= set(catalog.packs)
    (problem,) = catalog.problems  # the 7: the check still names the types it takes
    assert problem.code == "P004" and "verwacht str, PathLike, Traversable" in problem.message
