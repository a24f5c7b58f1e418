"""Find the line of a key path in a TOML text.

``tomllib`` gives values, not positions. This index walks the lines once and records
where every table header and key starts, so an error at ``$.routes[2].levels`` can
name the line an author has to edit. It understands what pack files use: tables,
arrays of tables, dotted and quoted keys, multi-line arrays, inline tables and strings.
Where a path is not found exactly, the nearest recorded parent is used.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")

Path = tuple[str | int, ...]


def _split_key(key: str) -> list[str]:
    return [p.strip("\"'") for p in _KEY_PART.findall(key)]


def _strip_strings(line: str) -> str:
    """The line without string contents, so brackets inside text are not counted."""
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', '""', line)


class LineIndex:
    """Key path -> first line (1-based) where it is written."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._aot_count: dict[Path, int] = {}
        self._build(text.splitlines())

    def _build(self, lines: list[str]) -> None:
        table: Path = ()
        depth = 0  # open brackets/braces of a value spanning lines
        in_multiline: str | None = None
        for number, raw in enumerate(lines, start=1):
            if in_multiline is not None:
                if in_multiline in raw:
                    in_multiline = None
                continue
            if depth > 0:
                depth += self._balance(raw)
                continue
            header = _HEADER.match(raw)
            if header and not _KEY.match(raw):
                parts = _split_key(header.group(2))
                table = self._resolve(parts, array=header.group(1) == "[[")
                self.lines.setdefault(table, number)
                continue
            key = _KEY.match(raw)
            if key:
                path = table + tuple(_split_key(key.group(1)))
                self.lines.setdefault(path, number)
                value = raw[key.end() :]
                for quote in ('"""', "'''"):
                    if value.count(quote) == 1:
                        in_multiline = quote
                depth = max(self._balance(value), 0)

    @staticmethod
    def _balance(text: str) -> int:
        # with strings blanked out, a '#' can only start a comment
        clean = _strip_strings(text).split("#", 1)[0]
        return clean.count("[") + clean.count("{") - clean.count("]") - clean.count("}")

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
        if path in self.lines:
            return self.lines[path]
        below = [line for key, line in self.lines.items() if key[: len(path)] == path]
        if below:
            return min(below)
        while path:
            path = path[:-1]
            if path in self.lines:
                return self.lines[path]
        return None


_PATH_PART = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]|\['([^']*)'\]")


def parse_path(path: str) -> Path:
    """``$.routes[2].levels`` -> ``("routes", 2, "levels")``."""
    out: list[str | int] = []
    for name, index, quoted in _PATH_PART.findall(path.removeprefix("$")):
        if index:
            out.append(int(index))
        else:
            out.append(name or quoted)
    return tuple(out)
