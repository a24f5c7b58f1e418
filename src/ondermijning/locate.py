"""Find the line of a key path in a TOML text.

``tomllib`` gives values, not positions. This index walks the lines once and records
where every table header and key starts, so an error at ``$.routes[2].levels`` can
name the line an author has to edit. It understands what pack files use: tables,
arrays of tables, dotted and quoted keys (escapes included), multi-line arrays, inline
tables and strings, multi-line strings anywhere in a value. Where a path is not found
exactly, the nearest recorded parent is used.
"""

from __future__ import annotations

import ast
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

# one key part: bare, "basic" (with escapes) or 'literal'; a basic string as one run of plain
# characters between escapes, not one alternative per character (several times faster on prose)
_BASIC = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_PART = rf"""(?:[A-Za-z0-9_-]+|{_BASIC}|'[^']*')"""
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*({_DOTTED})\s*=")
_KEY_PART = re.compile(_PART)
_BARE = re.compile(r"[A-Za-z0-9_-]+")
# what matters inside a value: string delimiters (a string is skipped whole), brackets, comments
_TOKEN = re.compile(rf"""\"{{3}}|'{{3}}|{_BASIC}|'[^']*'|[\[\]{{}}#]""")
_STRING_END = {'"""': re.compile(r'(?:\\.|[^\\])*?"""'), "'''": re.compile(r".*?'''")}
_OPEN, _CLOSE, _MULTILINE = ("[", "{"), ("]", "}"), ('"""', "'''")

Path = tuple[str | int, ...]


def _opens(value: str) -> bool:
    """Whether a value may go on past its line: it has a bracket, a brace or triple quotes somewhere."""
    return "[" in value or "]" in value or "{" in value or "}" in value or '"""' in value or "'''" in value


def _split_key(key: str) -> list[str]:
    parts = []
    for part in _KEY_PART.findall(key):
        if part.startswith('"'):
            # a basic string may hold escapes (\" or \u00e9): let the TOML reader undo them
            from . import _toml

            try:
                part = _toml.loads(f"k = {part}")["k"]
            except _toml.TOMLDecodeError:
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return parts


class _Scanner:
    """Follows a value across lines: open brackets and braces, and an open multi-line string."""

    def __init__(self) -> None:
        self.depth = 0
        self.deepest = 0
        self.string: str | None = None  # the delimiter of an open multi-line string

    @property
    def inside(self) -> bool:
        return self.depth > 0 or self.string is not None

    def scan(self, text: str, pos: int = 0) -> None:
        while True:
            if self.string is not None:
                end = _STRING_END[self.string].match(text, pos)
                if end is None:
                    return  # the string goes on on the next line
                pos, self.string = end.end(), None
            token = _TOKEN.search(text, pos)
            if token is None:
                return
            pos, kind = token.end(), token.group()
            if kind in _MULTILINE:
                self.string = kind
            elif kind == "#":
                return
            elif kind in _OPEN:
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)
            elif kind in _CLOSE:
                self.depth = max(self.depth - 1, 0)


class LineIndex:
    """Key path -> first line (1-based) where it is written.

    The lines are read when a line is first asked for: most files load without a problem, and
    then no line is ever asked for (locations are looked up when a problem is reported).
    """

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._reading = threading.Lock()
        self._lines: dict[Path, int] = {}
        #: path -> the first line of anything written under it (lines are recorded in order, so the
        #: first one recorded is the smallest): a problem at a path never written costs no scan
        self._first_below: dict[Path, int] = {}
        self._aot_count: dict[Path, int] = {}

    @property
    def lines(self) -> dict[Path, int]:
        """Each recorded key path and its line."""
        self._read()
        return self._lines

    def _read(self) -> None:
        if self._text is None:
            return
        with self._reading:  # a catalog is shared by a server's threads: one reads, the others wait
            if self._text is not None:
                # TOML ends lines at "\n" (or "\r\n") only; str.splitlines() would also split at
                # U+2028, U+0085 or a form feed inside a string, and every later line would be off
                self._build([line.removesuffix("\r") for line in self._text.split("\n")])
                self._text = None

    def _build(self, lines: list[str]) -> None:
        table: Path = ()
        value = _Scanner()
        for number, raw in enumerate(lines, start=1):
            if value.depth or value.string is not None:  # the rest of a multi-line array, inline table or string
                value.scan(raw)
                continue
            first = raw[:1]
            header = _HEADER.match(raw) if first == "[" or (first in " \t" and raw.lstrip()[:1] == "[") else None
            if header:
                table = self._resolve(_split_key(header.group(2)), array=header.group(1) == "[[")
                self._record(table, number)
                continue
            key = _KEY.match(raw)
            if key:
                name = key.group(1)
                self._record(table + ((name,) if _BARE.fullmatch(name) else tuple(_split_key(name))), number)
                if _opens(raw[key.end():]):  # without brackets or triple quotes the value ends here
                    value.scan(raw, key.end())

    def _record(self, path: Path, number: int) -> None:
        if path in self._lines:
            return
        self._lines[path] = number
        below = self._first_below
        for end in range(len(path), -1, -1):  # it and its parents: stop at the first with a line already
            if below.setdefault(path[:end], number) != number:
                break

    def _resolve(self, parts: list[str], *, array: bool) -> Path:
        """Turn header names into a path with array indices, e.g. signal_lists[0].signals[3]."""
        path: Path = ()
        for i, part in enumerate(parts):
            path += (part,)
            last = i == len(parts) - 1
            if last and array:
                index = self._aot_count.get(path, -1) + 1
                self._aot_count[path] = index
                path += (index,)
            elif path in self._aot_count:
                # a parent array of tables: refer to its latest element
                path += (self._aot_count[path],)
        return path

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, else of its first written descendant, else of its nearest parent."""
        lines = self.lines
        if path in lines:
            return lines[path]
        if path in self._first_below:
            return self._first_below[path]
        while path:
            path = path[:-1]
            if path in lines:
                return lines[path]
        return None


def nesting_line(text: str, limit: int) -> int | None:
    """The first line where arrays and inline tables are open more than ``limit`` levels deep, or
    where a key or table header names more than ``limit`` parts (tables as deep).

    For a document too deep to parse at all, so the error still names a line (tomli stops at a
    key of more than 1,000 parts; tomllib reads one, in time that grows with its square).
    """
    scanner = _Scanner()
    for number, line in enumerate(text.split("\n"), start=1):
        key = None if scanner.inside else _KEY.match(line)
        header = None if scanner.inside or key else _HEADER.match(line)
        named = key.group(1) if key else header.group(2) if header else ""
        if named.count(".") >= limit and len(_KEY_PART.findall(named)) > limit:
            return number
        scanner.scan(line, key.end() if key else 0)
        if scanner.deepest > limit:
            return number
    return None


K = TypeVar("K", bound=Path)


class LinesOf(Mapping[K, int]):
    """The line of each of ``keys`` that ``index`` finds, looked up when first asked (a clean load asks none).

    What a translation keeps to point a problem at a text: building the line index of its file
    is most of the cost of reading it, and a file without problems never needs it.
    """

    def __init__(self, index: LineIndex, keys: Iterable[K]) -> None:
        self._index = index
        self._keys = tuple(keys)
        self._found: dict[K, int] | None = None

    def _lines(self) -> dict[K, int]:
        found = self._found
        if found is None:  # two threads may both look them up: the same answer, kept once
            found = self._found = {key: line for key in self._keys if (line := self._index.line_of(key)) is not None}
        return found

    def __getitem__(self, key: K) -> int:
        return self._lines()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._lines())

    def __len__(self) -> int:
        return len(self._lines())


_PATH_PART = re.compile(r"""\.([^.\[\]]+)|\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]""")


def parse_path(path: str) -> Path:
    """``$.routes[2].levels`` -> ``("routes", 2, "levels")``; an odd key is quoted: ``$.routes[0]['a b']``."""
    out: list[str | int] = []
    for name, index, quoted in _PATH_PART.findall(path.removeprefix("$")):
        if index:
            out.append(int(index))
        elif quoted:
            try:
                out.append(str(ast.literal_eval(quoted)))  # written with repr(): escapes undone
            except (ValueError, SyntaxError):
                out.append(quoted[1:-1])
        else:
            out.append(name)
    return tuple(out)
