"""What is installed where Python looks: the folders on ``sys.path`` and the entry points they declare.

:func:`entry_points` gives what ``importlib.metadata.entry_points(group=...)`` gives (the same
entry points, in the same order, with the same distribution name and version) without importing
``importlib.metadata``: that import pulls in ``email``, ``zipfile``, ``csv``, ``textwrap``,
``socket`` and more, about 17 ms of CPU time on top of what a command needs anyway, which is
more than the bare interpreter costs, on every command that loads a catalog. This module reads
the files itself, as ``importlib.metadata`` (Python 3.10 to 3.13) reads them:

- every folder on ``sys.path``, in order, listed in the file system's order; each child whose
  name ends in ``.dist-info`` or ``.egg-info`` (in any case) is a distribution, grouped per folder
  by its normalized name (PEP 503, with ``_``) in the order each name first appears;
- of distributions with one normalized name, the first on the path wins (the name comes from
  the folder name, or from the ``Name`` header when the folder name does not say);
- ``entry_points.txt``: stripped lines, blanks and ``#`` comments skipped, ``[section]``
  headers, ``name = value`` pairs split at the first ``=``;
- the distribution's ``Name`` and ``Version`` from the header block of ``METADATA`` (else
  ``PKG-INFO``, else the ``.egg-info`` file itself), read as the ``email`` parser reads headers;
- :meth:`EntryPoint.load` resolves ``module:attr.attr`` with ``importlib.metadata``'s pattern.

Whatever else it meets, it leaves to ``importlib.metadata`` (imported only then), which gives
the answer, or raises, as before: a Python outside 3.10-3.13, a finder on ``sys.meta_path``
other than the standard ``PathFinder`` that finds distributions (``importlib_metadata`` installs
one, a frozen application may have its own), a ``sys.path`` entry that is a file (a zip or an
egg) or not a ``str``, an ``.egg`` folder, a line in ``entry_points.txt`` without ``=``, a
distribution without ``Name`` or ``Version``, a ``Name`` or ``Version`` written over several
lines, a ``From`` line in the metadata, a file that is not UTF-8 or cannot be read. One
difference is on purpose: only the header block of ``METADATA`` is read, so a long description
that is not UTF-8 goes unnoticed where ``importlib.metadata`` would raise.

The folders are listed by :func:`ondermijning.cache.path_listing`, the one walk over ``sys.path``
(the command line's cache keys on what it finds there, before anything else is imported).
"""

# os.path, as in ondermijning.cache, whose walk this shares
# ruff: noqa: PTH110, PTH112, PTH118, PTH119, PTH122

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from .cache import METADATA_SUFFIXES, path_listing

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any, TextIO

#: the Pythons whose importlib.metadata this module was read against and is tested with
_READ = ((3, 10), (3, 13))
#: what importlib.metadata's PathDistribution.read_text takes for "no such file"
_NOT_THERE = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)
#: importlib.metadata's EntryPoint.pattern (the same on 3.10 to 3.13)
_PATTERN = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"


class EntryPoint:
    """One entry point: ``name = value`` in section ``group`` of a distribution's ``entry_points.txt``."""

    __slots__ = ("_loader", "dist_name", "dist_version", "distribution", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, dist_name: str | None, dist_version: str | None, *,
                 distribution: str | None = None, loader: Callable[[], Any] | None = None) -> None:
        self.name, self.value, self.group = name, value, group
        self.dist_name, self.dist_version = dist_name, dist_version
        #: "name version" of the distribution that declares it
        self.distribution = f"{dist_name} {dist_version}" if distribution is None else distribution
        self._loader = loader

    def load(self) -> Any:
        """The module ``value`` names, or the object at ``module:attr.attr`` (as importlib.metadata loads it)."""
        if self._loader is not None:
            return self._loader()
        import importlib
        import re
        from typing import cast

        # None for a value the pattern refuses: .group then raises the AttributeError importlib.metadata raises
        match = cast("re.Match[str]", re.match(_PATTERN, self.value))
        found: Any = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            found = getattr(found, attr)
        return found

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of the distributions on ``sys.path``, as importlib.metadata finds them."""
    try:
        return _read(group)
    except (_Unread, OSError, ValueError):  # ValueError: a file that is not UTF-8
        return _from_importlib_metadata(group)


class _Unread(Exception):
    """A layout this module does not read (why is the message): importlib.metadata answers instead."""


def _read(group: str) -> list[EntryPoint]:
    if not _READ[0] <= sys.version_info[:2] <= _READ[1]:
        raise _Unread("a Python whose importlib.metadata was not read")
    from importlib.machinery import PathFinder

    finders = [finder for finder in sys.meta_path if getattr(finder, "find_distributions", None)]
    if finders != [PathFinder]:
        raise _Unread("another finder of distributions on sys.meta_path")
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in list(sys.path):
        for folder in _distributions(entry):
            key = _unique_name(folder)
            if key not in seen:
                seen.add(key)
                found.extend(_declared(folder, group))
    return found


def _distributions(entry: object) -> Iterator[str]:
    """The metadata folders (or .egg-info files) in one sys.path entry, in importlib.metadata's order."""
    if not isinstance(entry, str):
        raise _Unread("a sys.path entry that is not a str")
    children = path_listing(entry)
    if children is None:
        if os.path.exists(entry) and not os.path.isdir(entry):
            raise _Unread("a file on sys.path (a zip or an egg)")
        return  # not there, or not readable: importlib.metadata finds nothing in it either
    by_name: dict[str, list[str]] = {}
    egg = os.path.basename(entry).lower().endswith(".egg")
    for child in children:
        low = child.name.lower()
        if low.endswith(METADATA_SUFFIXES):
            by_name.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child.name)
        elif egg and low == "egg-info":
            raise _Unread("an .egg folder")
    for names in by_name.values():
        for name in names:
            yield os.path.join(entry, name)


def _normalize(name: str) -> str:
    """PEP 503 with ``_``: runs of ``-``, ``_`` and ``.`` become one ``_``, all in lower case."""
    out = name.lower().replace("-", "_").replace(".", "_")
    while "__" in out:
        out = out.replace("__", "_")
    return out


def _unique_name(folder: str) -> str:
    """The name importlib.metadata tells distributions apart by: from the folder name, else from ``Name``."""
    stem, suffix = os.path.splitext(os.path.basename(folder))
    key = _normalize(stem.partition("-")[0]) if suffix in METADATA_SUFFIXES else ""
    return key or _normalize(_metadata(folder)[0])


def _declared(folder: str, group: str) -> list[EntryPoint]:
    text = _text(os.path.join(folder, "entry_points.txt"))
    if text is None:
        return []
    section: str | None = None
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        value = line.strip()
        if not value or value.startswith("#"):
            continue
        if value.startswith("[") and value.endswith("]"):
            section = value.strip("[]")
            continue
        if section is None:
            continue  # before the first section: importlib.metadata skips it too
        name, equals, target = value.partition("=")
        if not equals:
            raise _Unread("a line without '=' in entry_points.txt")  # importlib.metadata raises TypeError
        if section == group:
            pairs.append((name.strip(), target.strip()))
    if not pairs:
        return []
    dist_name, dist_version = _metadata(folder)
    return [EntryPoint(name, value, group, dist_name, dist_version) for name, value in pairs]


def _text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except _NOT_THERE:
        return None


def _metadata(folder: str) -> tuple[str, str]:
    """(Name, Version) from the first of METADATA, PKG-INFO and the .egg-info file itself that is not empty."""
    for path in (os.path.join(folder, "METADATA"), os.path.join(folder, "PKG-INFO"), folder):
        try:
            with open(path, encoding="utf-8") as handle:
                headers = _headers(handle)
        except _NOT_THERE:
            continue
        if headers is None:
            continue  # an empty file: importlib.metadata reads the next one
        name, version = headers.get("name"), headers.get("version")
        if name is None or version is None or "\n" in name or "\n" in version:
            raise _Unread("Name or Version missing, or written over several lines")
        return name, version
    raise _Unread("a distribution without metadata")


def _headers(handle: TextIO) -> dict[str, str] | None:
    """The header block as email.message_from_string reads it: lower-cased name -> its first value.

    None for an empty file. The block ends at the first line that is neither ``Name: value`` (a
    name of printable ASCII without spaces) nor a continuation (a line that starts with a space
    or tab); a continuation before any header is dropped, as is a line that starts with ``:``.
    """
    found: dict[str, str] = {}
    current: list[str] = []
    empty = True
    for line in handle:
        empty = False
        if line[0] in " \t":
            if current:
                current.append(line)
            continue
        _keep(found, current)
        current = []
        if line.startswith("From "):
            raise _Unread("a 'From ' line in the metadata")
        name, colon, _rest = line.partition(":")
        if not colon or not all("!" <= char <= "~" for char in name):
            break  # the body
        if name:
            current = [line]
    _keep(found, current)
    return None if empty else found


def _keep(found: dict[str, str], lines: list[str]) -> None:
    """One header, joined as the email package's compat32 policy joins it; the first of a name counts."""
    if lines:
        name, value = lines[0].split(":", 1)
        found.setdefault(name.lower(), (value.lstrip(" \t") + "".join(lines[1:])).rstrip("\r\n"))


def _from_importlib_metadata(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as installed

    found = []
    for ep in installed(group=group):
        meta = ep.dist.metadata if ep.dist is not None else None
        name, version = (meta["Name"], meta["Version"]) if meta is not None else (None, None)
        found.append(EntryPoint(ep.name, ep.value, ep.group, name, version,
                                distribution=f"{name} {version}" if meta is not None else "", loader=ep.load))
    return found
