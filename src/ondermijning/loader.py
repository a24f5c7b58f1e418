"""Load a pack folder: TOML files -> typed, qualified items, with every error located.

A pack folder holds ``pack.toml`` (the ``[pack]`` table, and optionally content) and
any number of other ``*.toml`` files with content. The loader never executes code from
the folder: a folder pack is data only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from . import _toml
from .converter import converter
from .errors import PackError, Problem
from .locate import LineIndex, parse_path
from .models import FAMILIES, Pack, PackFile
from .models.common import ID, REF, InvalidFieldError, qualify

PACK_FILE = "pack.toml"
MAX_FILE_BYTES = 5 * 1024 * 1024  # a pack file is hand-written text; anything larger is a mistake


@attrs.frozen
class Location:
    file: str
    line: int | None = None
    path: str = ""


@attrs.frozen
class LoadedPack:
    """A folder pack after loading: its description and its items, ids qualified."""

    pack: Pack
    root: str
    items: Mapping[str, tuple[Any, ...]]  # family name -> items
    locations: Mapping[str, Location]  # qualified id of every item (nested ones too) -> where
    #: file -> its line index, so a problem found later can point at a key, not just the item
    indexes: Mapping[str, LineIndex] = attrs.field(factory=dict, eq=False, repr=False)


class PackNotFoundError(PackError):
    """The folder itself is missing or not a folder (a usage error, not a content error)."""


def load_pack(folder: str | os.PathLike[str]) -> LoadedPack:
    """Load one pack folder, or raise :class:`PackError` with *all* its problems."""
    root = Path(folder)
    if not root.exists():
        raise PackNotFoundError([Problem("L001", "pack folder not found", file=str(root),
                                         hint="check the path, or create the pack with pack.toml")])
    if not root.is_dir():
        raise PackNotFoundError([Problem("L001", "not a folder", file=str(root),
                                         hint="give the folder that holds pack.toml")])
    problems: list[Problem] = []
    if not (root / PACK_FILE).is_file():
        below = sorted(str(p.parent) for p in root.glob(f"*/**/{PACK_FILE}") if ".venv" not in p.parts)[:3]
        hint = (f"did you mean {' or '.join(below)}?" if below
                else "add pack.toml with a [pack] table (id, name, version)")
        raise PackError([Problem("L010", "the folder has no pack.toml", file=str(root), hint=hint)])
    files = _pack_files(root, problems)
    parsed: list[tuple[Path, PackFile, LineIndex]] = []
    for file in files:
        result = _load_file(file, problems)
        if result is not None:
            parsed.append((file, *result))
    pack = _pack_table(root, parsed, problems)
    if pack is None or problems:
        raise PackError(problems)
    loaded = _qualify_all(root, pack, parsed, problems)
    if problems:
        raise PackError(problems)
    return loaded


def _pack_files(root: Path, problems: list[Problem]) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*.toml")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_dir():
            problems.append(Problem("L002", "a folder is named like a TOML file", file=str(path),
                                    hint="rename it, or move it out of the pack"))
            continue
        found.append(path)
    # pack.toml first, so the pack id is known before content is read
    return sorted(found, key=lambda p: (p != root / PACK_FILE, str(p)))


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _load_file(file: Path, problems: list[Problem]) -> tuple[PackFile, LineIndex] | None:
    name = str(file)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem("L003", f"file is {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}",
                                    file=name, hint="split the content over several files"))
            return None
        raw = file.read_bytes()
    except OSError as exc:
        problems.append(Problem("L002", f"cannot read the file: {exc.strerror or exc}", file=name,
                                hint="check that the file exists and is readable"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem("L004", f"not UTF-8 text (byte {exc.start})", file=name, line=line,
                                hint="save the file as UTF-8"))
        return None
    if text.startswith("\ufeff"):
        problems.append(Problem("L004", "the file starts with a byte order mark (BOM)", file=name, line=1,
                                hint="save the file as UTF-8 without BOM"))
        return None
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        message = _TOML_POSITION.sub("", message).strip()
        problems.append(Problem("L005", f"TOML syntax error: {message}", file=name,
                                line=int(match.group(1)) if match else None,
                                hint="see https://toml.io for the syntax"))
        return None
    index = LineIndex(text)
    try:
        content = converter.structure(data, PackFile)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        problems.extend(_structure_problems(exc, name, index))
        return None
    return content, index


def _walk(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, cattrs.AttributeValidationNote):
                yield from _walk(inner, f"{path}.{note.name}")
            else:
                yield from _walk(inner, f"{path}[{note.index!r}]")
        for inner in without:
            yield from _walk(inner, path)
    else:
        yield path, exc


def _structure_problems(exc: BaseException, file: str, index: LineIndex) -> Iterator[Problem]:
    import difflib

    for path, inner in _walk(exc, "$"):
        if isinstance(inner, ForbiddenExtraKeysError):
            allowed = [a.name for a in attrs.fields(inner.cl)] if attrs.has(inner.cl) else []
            for key in sorted(inner.extra_fields):
                key_path = f"{path}.{key}"
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(allowed)}"
                yield Problem("L101", f"unknown key {key!r}", file=file,
                              line=index.line_of(parse_path(key_path)), path=key_path, hint=hint)
        elif isinstance(inner, KeyError):
            key = inner.args[0] if inner.args else "?"
            yield Problem("L102", f"missing required key {key!r}", file=file,
                          line=index.line_of(parse_path(path)), path=path, hint=f"add {key} = ...")
        elif isinstance(inner, TypeError):
            yield Problem("L103", f"wrong type: {inner}", file=file,
                          line=index.line_of(parse_path(path)), path=path)
        else:
            if isinstance(inner, InvalidFieldError):
                path = f"{path}.{inner.field}"
            yield Problem("L104", f"invalid value: {inner}", file=file,
                          line=index.line_of(parse_path(path)), path=path)


def _pack_table(root: Path, parsed: list[tuple[Path, PackFile, LineIndex]],
                problems: list[Problem]) -> Pack | None:
    pack = None
    for file, content, index in parsed:
        if content.pack is None:
            continue
        if file.name != PACK_FILE or file.parent != root:
            problems.append(Problem("L011", "only pack.toml may hold the [pack] table", file=str(file),
                                    line=index.line_of(("pack",)), path="$.pack",
                                    hint="move it to pack.toml"))
            continue
        pack = content.pack
    if pack is None and (root / PACK_FILE).is_file() and not any(
        p.code.startswith("L") and p.file == str(root / PACK_FILE) for p in problems
    ):
        problems.append(Problem("L012", "pack.toml has no [pack] table", file=str(root / PACK_FILE), line=1,
                                hint="add [pack] with id, name and version"))
    return pack


def _qualify_all(root: Path, pack: Pack, parsed: list[tuple[Path, PackFile, LineIndex]],
                 problems: list[Problem]) -> LoadedPack:
    items: dict[str, list[Any]] = {family: [] for family in FAMILIES}
    pack_file = root / PACK_FILE
    pack_index = next(index for file, _content, index in parsed if file == pack_file)
    line = pack_index.line_of(("pack", "requires")) or pack_index.line_of(("pack",))
    locations: dict[str, Location] = {pack.id: Location(str(pack_file), line, "$.pack")}
    seen: dict[tuple[str, str], Location] = {}
    for file, content, index in parsed:
        for family in FAMILIES:
            for i, item in enumerate(getattr(content, family)):
                walker = _Qualifier(pack.id, str(file), index, seen, locations, problems)
                items[family].append(walker.qualify(item, f"$.{family}[{i}]"))
    return LoadedPack(pack=pack, root=str(root), items={f: tuple(v) for f, v in items.items()},
                      locations=locations, indexes={str(file): index for file, _content, index in parsed})


@attrs.define
class _Qualifier:
    """Qualifies ids and references, records where each id is written, finds duplicates."""

    pack_id: str
    file: str
    index: LineIndex
    seen: dict[tuple[str, str], Location]
    locations: dict[str, Location]
    problems: list[Problem]

    def qualify(self, obj: Any, path: str) -> Any:
        changes: dict[str, Any] = {}
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            if field.metadata.get(ID):
                changes[field.name] = self._own_id(type(obj).__name__, value, path)
            elif REF in field.metadata:
                changes[field.name] = (tuple(qualify(v, self.pack_id) for v in value)
                                       if isinstance(value, tuple) else qualify(value, self.pack_id))
            elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
                changes[field.name] = tuple(self.qualify(v, f"{path}.{field.name}[{i}]")
                                            for i, v in enumerate(value))
            elif attrs.has(type(value)):
                changes[field.name] = self.qualify(value, f"{path}.{field.name}")
        return attrs.evolve(obj, **changes)

    def _own_id(self, kind: str, value: str, path: str) -> str:
        qualified = qualify(value, self.pack_id)
        location = Location(self.file, self.index.line_of(parse_path(path + ".id")), path + ".id")
        if "/" in value and not value.startswith(self.pack_id + "/"):
            self.problems.append(Problem("L106", f"id {value!r} names another pack than {self.pack_id!r}",
                                         file=self.file, line=location.line, path=location.path,
                                         hint="write the id without a pack prefix"))
        first = self.seen.get((kind, qualified))
        if first is not None:
            self.problems.append(Problem(
                "L105", f"duplicate {kind} id {value!r}, first defined at {first.file}:{first.line}",
                file=self.file, line=location.line, path=location.path, hint="give each item its own id"))
        else:
            self.seen[(kind, qualified)] = location
            self.locations.setdefault(qualified, location)
        return qualified
