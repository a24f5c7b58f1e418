"""The command line's cache: what ``packs`` and ``validate`` printed, kept for the same inputs.

Most of a command's time goes into building the catalog (importing attrs, cattrs and the
plugins, generating converters, parsing TOML), while its output is a function of the files
it read. So, as ruff keeps its diagnostics, the command line keeps the output of ``packs`` and
``validate`` with everything it depends on, and prints it again without importing any of that
when nothing changed. An entry is used only when all of these are as they were:

- the command line itself, the working folder (and whether it is a pack or a pack's repository:
  its ``pack.toml``, ``pyproject.toml`` and ``src/*/pack``), every ``ONDERMIJNING_*`` and locale setting;
- the Python interpreter, the library's version and the size and time of each of its files;
- the installed distributions (the names and times of every ``*.dist-info``, ``*.egg-info``
  and ``*.pth`` on ``sys.path``, in any case, and the time of a zip or egg file on it: installing,
  upgrading or removing a plugin changes them);
- each pack folder the catalog read: the names of everything in it and the content of
  every TOML file (a content hash, not a time);
- the module file of every plugin.

Items that a Python plugin returns from its hooks are code, not files: their answers can
depend on anything. So a run is kept only when every plugin other than the built-ins
implements no hook but ``ondermijning_pack_paths`` (it points at folders, which are hashed).
A catalog with a plugin that contributes content in Python is built anew every time.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/ondermijning``, else
``~/.cache/ondermijning``; ``~/Library/Caches/ondermijning`` on macOS,
``%LOCALAPPDATA%\\ondermijning\\Cache`` on Windows), or in ``ONDERMIJNING_CACHE_DIR``.
``ONDERMIJNING_CACHE=0`` (or ``--no-cache``) turns it off. Entries are written atomically,
with a checksum, and private to the user; one that cannot be read, is damaged or belongs to someone else is
ignored and written anew, and a cache that cannot be written is simply not kept: the cache
never changes what a command prints or breaks a run.

This module imports only the standard library's lightest parts: it runs before the rest.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys

try:  # the built-in BLAKE2: importing hashlib would load OpenSSL, which costs more than this whole module
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

from ._version import __version__

#: set to 0 (or off, false, no) to turn the cache off
CACHE_ENV = "ONDERMIJNING_CACHE"
#: a folder for the cache instead of the user's cache folder
CACHE_DIR_ENV = "ONDERMIJNING_CACHE_DIR"
#: the commands whose output is kept
COMMANDS = ("packs", "validate")
#: the hook a plugin may implement and still be kept: it names folders, which are hashed
FOLDER_HOOK = "ondermijning_pack_paths"
#: global options that take a value (the command is the first word that is not an option)
_VALUED = ("--pack", "--disable-plugin", "--lang")
#: a name on sys.path ending in one of these (in any case, as importlib.metadata compares) is distribution metadata
METADATA_SUFFIXES = (".dist-info", ".egg-info")
#: what the cache keys on in a folder on sys.path: distributions, and the path files that add folders
_INSTALLED = (*METADATA_SUFFIXES, ".pth", ".egg-link")
_FORMAT = 1  # bumped when an entry's layout changes
_MAGIC = b"ONDC"


def cache_dir() -> str | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get(CACHE_ENV, "").strip().lower() in ("0", "off", "false", "no"):
        return None
    chosen = os.environ.get(CACHE_DIR_ENV, "").strip()
    if chosen:
        return chosen
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
        return os.path.join(base, "ondermijning", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/ondermijning")
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "ondermijning")


def command_of(argv: list[str]) -> str | None:
    """The command an argument list runs (``validate`` in ``--pack x validate``), if it is one we keep."""
    if any(word in ("-h", "--help", "--no-cache") for word in argv):
        return None
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


class Entry:
    """One kept run: what it printed, its exit code, and what it depended on."""

    def __init__(self, key: str, folder: str) -> None:
        self.key = key
        self.path = os.path.join(folder, "runs", key + ".run")
        self.stdout = self.stderr = ""
        self.exit = 0

    @classmethod
    def for_run(cls, argv: list[str]) -> Entry | None:
        """The entry for this command line, or None when the cache is off or the command is not kept."""
        folder = cache_dir()
        if folder is None or command_of(argv) is None:
            return None
        try:
            inputs = {"format": _FORMAT, "argv": argv, "cwd": os.getcwd(), "here": _here(), "python": sys.executable,
                      "version": sys.version, "library": __version__, "library_files": _library_files(),
                      "installed": _installed(), "environment": _environment()}
        except (OSError, ValueError):
            return None
        key = blake2b(repr(inputs).encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()
        return cls(key, folder)

    def load(self) -> bool:
        """Read the kept run; False when there is none or it no longer fits (never an error)."""
        try:
            with open(self.path, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not _private(info):
                    return False
                raw = handle.read()
            # a checksum before anything is read from it: a torn or damaged entry is a miss
            if raw[:4] != _MAGIC or blake2b(raw[36:], digest_size=32).digest() != raw[4:36]:
                return False
            data = marshal.loads(raw[36:])
            if data["format"] != _FORMAT or data["dependencies"] != _dependencies(
                    data["dependencies"]["folders"], data["dependencies"]["files"]):
                return False
            self.stdout, self.stderr, self.exit = str(data["stdout"]), str(data["stderr"]), int(data["exit"])
        except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss, never a failure
            return False
        return True

    def store(self, folders: list[str], files: list[str], stdout: str, stderr: str, exit_code: int) -> None:
        """Keep this run (atomically, private to the user); a cache that cannot be written is skipped."""
        try:
            data = {"format": _FORMAT, "dependencies": _dependencies(folders, files),
                    "stdout": stdout, "stderr": stderr, "exit": exit_code}
            payload = marshal.dumps(data)
            raw = _MAGIC + blake2b(payload, digest_size=32).digest() + payload
            folder = os.path.dirname(self.path)
            os.makedirs(folder, mode=0o700, exist_ok=True)
            temporary = f"{self.path}.{os.getpid()}.tmp"
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(raw)
                os.replace(temporary, self.path)  # readers see the old entry or the new one, never half
            except BaseException:
                with _quietly():
                    os.unlink(temporary)
                raise
        except (OSError, ValueError, TypeError):
            return


class _quietly:  # a tiny contextlib.suppress(OSError), without importing contextlib
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, *_rest: object) -> bool:
        return isinstance(kind, type) and issubclass(kind, OSError)


def _private(info: os.stat_result) -> bool:
    """A regular file of this user that nobody else can write (where the system knows owners)."""
    if not stat.S_ISREG(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or (info.st_uid == getuid() and not info.st_mode & 0o022)


def _here() -> list[object]:
    """What ``validate`` without a path looks at in the working folder (commands.validate.packs_here)."""
    try:
        sources = sorted(name for name in os.listdir("src")
                         if os.path.isfile(os.path.join("src", name, "pack", "pack.toml")))
    except OSError:
        sources = []
    return [os.path.isfile("pack.toml"), _content("pyproject.toml") if os.path.exists("pyproject.toml") else b"",
            sources]


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if k.startswith(("ONDERMIJNING_", "LC_")) or k in ("LANG", "LANGUAGE")}


def _library_files() -> list[tuple[str, int, int]]:
    """Size and time of every Python file of the library (an edited checkout is not the release)."""
    root = os.path.dirname(os.path.abspath(__file__))
    found = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "data"))
        for name in sorted(filenames):
            if name.endswith((".py", ".mo")):  # a new catalog is another release too
                info = os.stat(os.path.join(folder, name))
                found.append((os.path.relpath(os.path.join(folder, name), root), info.st_size, info.st_mtime_ns))
    return found


def path_listing(entry: str) -> list[os.DirEntry[str]] | None:
    """The children of one ``sys.path`` entry in the file system's order; None when it is no folder one can list.

    The one walk over ``sys.path``: the cache keys on what it finds, and :mod:`ondermijning.installed`
    reads the distributions in it (it lives here because the cache runs before anything else).
    """
    try:
        with os.scandir(entry or ".") as listing:
            return list(listing)
    except OSError:
        return None


def _installed() -> list[tuple[str, str, int]]:
    """What is installed where Python looks: distribution metadata and path files, with their times."""
    found = []
    for entry in sys.path:
        listing = path_listing(entry)
        if listing is None:  # not a folder: a zip or egg file counts with its time (installing into it changes it)
            stats = _stat(entry)
            if stats:
                found.append((entry, "", stats[1]))
            continue
        for item in listing:
            if item.name.lower().endswith(_INSTALLED):
                found.append((entry, item.name, item.stat(follow_symlinks=False).st_mtime_ns))
    return sorted(found)


def _dependencies(folders: list[str], files: list[str]) -> dict[str, object]:
    return {"folders": folders, "files": files,
            "trees": [_tree(folder) for folder in folders], "stats": [_stat(file) for file in files]}


def _stat(path: str) -> list[int]:
    try:
        info = os.stat(path)
    except OSError:
        return []
    return [info.st_size, info.st_mtime_ns]


def _content(path: str) -> bytes:
    """The hash of a regular file's bytes; a pipe or device is named, never opened for long."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return f"special {stat.S_IFMT(info.st_mode)}\n".encode()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            return blake2b(handle.read(_MAX_READ), digest_size=32).digest()
    except OSError as exc:
        return f"unreadable {exc.errno}\n".encode()


#: more than the loader reads of one file: a larger file is a problem whatever its content
_MAX_READ = 64 * 1024 * 1024


def _tree(root: str) -> str:
    """A hash of a pack folder: every name in it, where links point, and the content of its TOML files."""
    digest = blake2b(digest_size=32)
    if not os.path.isdir(root):
        return "missing" if not os.path.lexists(root) else "not a folder"
    for folder, dirnames, filenames in os.walk(root):
        dirnames.sort()
        relative = os.path.relpath(folder, root)
        for name in dirnames:
            digest.update(f"d {relative}/{name}\n".encode("utf-8", "surrogateescape"))
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # the loader skips them too
        for name in sorted(filenames):
            path = os.path.join(folder, name)
            digest.update(f"f {relative}/{name}\n".encode("utf-8", "surrogateescape"))
            if os.path.islink(path):
                digest.update(os.readlink(path).encode("utf-8", "surrogateescape"))
            if name.lower().endswith(".toml"):
                digest.update(_content(path))
    return digest.hexdigest()
