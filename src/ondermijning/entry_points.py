"""The entry points of the installed plugins, found without importing ``importlib.metadata``.

``importlib.metadata`` imports the ``email`` package to read distribution metadata, which
costs about as much as starting Python itself, on every command. Finding the entry points of
one group needs less: each distribution's ``entry_points.txt``, and the name and version of
the few that list one. This module reads them as ``importlib.metadata`` does: the
``*.dist-info`` and ``*.egg-info`` folders of every ``sys.path`` folder, in that order, the
first distribution of each (normalised) name counting; entry points load the same way. Where
``sys.path`` holds what it does not read itself (a zip file, an ``.egg``, an upper-case
``.DIST-INFO``, a finder of distributions other than Python's own), :func:`entry_points`
hands over to ``importlib.metadata``.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any

#: ``module``, ``module:attr`` or ``module:attr.attr [extras]`` (importlib.metadata's pattern)
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SEPARATORS = re.compile(r"[-_.]+")
_LINES = re.compile(r"\r\n|\r|\n")
_SUFFIXES = (".dist-info", ".egg-info")


class Distribution:
    """An installed distribution, as far as an entry point needs it: its name and version."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._headers: dict[str, str] | None = None

    @property
    def name(self) -> str | None:
        return self._metadata().get("name")

    @property
    def version(self) -> str | None:
        return self._metadata().get("version")

    def read_text(self, name: str) -> str | None:
        """A metadata file's text, or None when there is none (as importlib.metadata reads it)."""
        try:
            with open(os.path.join(self.path, name), encoding="utf-8") as handle:
                return handle.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            return None

    def _metadata(self) -> dict[str, str]:
        """The first value of each header of ``METADATA`` (or ``PKG-INFO``), by lower-case name."""
        if self._headers is None:
            text = self.read_text("METADATA") or self.read_text("PKG-INFO") or ""
            headers: dict[str, str] = {}
            current = None  # the header a folded line goes on with (the first of its name only)
            for line in _LINES.split(text):
                if not line:
                    break  # the headers end at the first empty line
                if line[0] in " \t":
                    if current is not None:
                        headers[current] += "\n" + line
                    continue
                key, colon, value = line.partition(":")
                if not colon:
                    break
                key = key.strip().lower()
                current = None if key in headers else key
                if current is not None:
                    headers[current] = value.lstrip(" \t")
            self._headers = {key: value.rstrip("\r\n") for key, value in headers.items()}
        return self._headers


class EntryPoint:
    """One entry point: ``name = value`` in the section ``group`` of a distribution's ``entry_points.txt``."""

    def __init__(self, name: str, value: str, group: str, dist: Distribution) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> Any:
        """Import the module the entry point names and return the object it points at."""
        match = _VALUE.match(self.value)
        if match is None:
            from .i18n import _

            raise ValueError(_("{value!r} is geen entry point: schrijf module of module:object").format(
                value=self.value))
        target: Any = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            target = getattr(target, attr)
        return target

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def entry_points(group: str) -> list[Any]:
    """The entry points of ``group`` of every installed distribution (each with ``.dist``)."""
    found = _read(group)
    if found is None:
        from importlib.metadata import entry_points as from_metadata

        return list(from_metadata(group=group))
    return found


def _read(group: str) -> list[Any] | None:
    """What :func:`entry_points` finds, or None when importlib.metadata must look instead."""
    from importlib.machinery import PathFinder

    if any(finder is not PathFinder and hasattr(finder, "find_distributions") for finder in sys.meta_path):
        return None
    seen: set[str] = set()
    found: list[Any] = []
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            if os.path.isfile(root):
                return None  # a zip file: importlib.metadata reads those
            continue
        if root.lower().endswith(".egg"):
            return None
        for child in children:
            lower = child.lower()
            if not lower.endswith(_SUFFIXES):
                continue
            if not child.endswith(_SUFFIXES):
                return None  # importlib.metadata names such a one by its metadata, not its folder
            name = _SEPARATORS.sub("_", lower.rpartition(".")[0].partition("-")[0])
            if name in seen:
                continue
            seen.add(name)
            dist = Distribution(os.path.join(root, child))
            found.extend(_section(dist.read_text("entry_points.txt") or "", group, dist))
    return found


def _section(text: str, group: str, dist: Distribution) -> list[EntryPoint]:
    """The ``name = value`` lines of the section ``[group]`` (comments and blank lines skipped)."""
    found = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        name, equals, value = line.partition("=")
        if section == group and equals:
            found.append(EntryPoint(name.strip(), value.strip(), group, dist))
    return found
