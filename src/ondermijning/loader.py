"""Load a pack folder: TOML files -> typed, qualified items, with every error located.

A pack folder holds ``pack.toml`` (the ``[pack]`` table, and optionally content) and
any number of other ``*.toml`` files with content. The loader never executes code from
the folder: a folder pack is data only.

Packs are written by many hands, so the loader trusts nothing in a folder: which files it
reads, and how, is :mod:`ondermijning.pack_folder` (only regular files inside the folder,
within size limits); here at most :data:`MAX_PACK_BYTES` a pack, nested at most
:data:`MAX_DEPTH` levels, with at most :data:`MAX_ITEMS` items. Every refusal is a located
:class:`~ondermijning.errors.Problem`.
"""

from __future__ import annotations

import math
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
from .locate import LineIndex, nesting_line
from .models import FAMILIES, Pack, PackFile
from .models.common import InvalidFieldError
from .pack_folder import (
    MAX_PACK_FILES,
    PACK_FILE,
    _pack_files,
    _read,
    _shown,
)
from .qualify import Location as Location  # re-exported: where an item is written
from .qualify import Qualifier

MAX_PACK_BYTES = 25 * 1024 * 1024  # all files of one pack together
MAX_ITEMS = 5000  # items with an id in one pack, nested ones (signals, goals, ...) included
#: another item limit (a whole number), for generated packs such as the benchmarks' 100,000 signals
MAX_ITEMS_ENV = "ONDERMIJNING_MAX_ITEMS"


def item_limit() -> int:
    """:data:`MAX_ITEMS`, or the whole number in ``ONDERMIJNING_MAX_ITEMS`` (ignored when it is not one)."""
    value = os.environ.get(MAX_ITEMS_ENV, "").strip()
    return int(value) if value.isdigit() and 0 < len(value) < 10 and int(value) > 0 else MAX_ITEMS
MAX_DEPTH = 32  # nesting of tables and arrays; pack files need fewer than ten levels


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
    try:
        return _load_pack(root)
    except OSError as exc:  # a path too long for the file system, a folder that went away
        raise PackError([Problem("L002", f"cannot read the pack: {exc.strerror or exc}",
                                 file=_shown(Path(exc.filename or root)),
                                 hint="check the path; a shorter one may help")]) from None


def _load_pack(root: Path) -> LoadedPack:
    if not root.exists():
        raise PackNotFoundError([Problem("L001", "pack folder not found", file=str(root),
                                         hint="check the path, or create the pack with pack.toml")])
    if not root.is_dir():
        raise PackNotFoundError([Problem("L001", "not a folder", file=str(root),
                                         hint="give the folder that holds pack.toml")])
    problems: list[Problem] = []
    pack_file = root / PACK_FILE
    if not (pack_file.exists() or pack_file.is_symlink()):  # a folder or a link named pack.toml is reported below
        # two levels down at most: the hint must not walk a whole home folder
        below = sorted({str(p.parent) for pattern in (f"*/{PACK_FILE}", f"*/*/{PACK_FILE}")
                        for p in root.glob(pattern)})[:3]
        hint = (f"did you mean {' or '.join(below)}?" if below
                else "add pack.toml with a [pack] table (id, name, version)")
        raise PackError([Problem("L010", "the folder has no pack.toml", file=str(root), hint=hint)])
    files = _pack_files(root, problems)
    if len(files) > MAX_PACK_FILES:
        raise PackError([*problems, Problem(
            "L003", f"the pack has {len(files):,} TOML files, more than the limit of {MAX_PACK_FILES:,}",
            file=str(root), hint="merge small files, or split the content over several packs")])
    parsed: list[tuple[Path, PackFile, LineIndex]] = []
    total = 0
    for file in files:
        raw = _read(file, problems)
        if raw is None:
            continue
        total += len(raw)
        if total > MAX_PACK_BYTES:
            problems.append(Problem(
                "L003", f"the pack's files together are more than the limit of {MAX_PACK_BYTES:,} bytes "
                        "(the files after this one are not read)",
                file=str(file), hint="split the content over several packs"))
            break
        result = _load_file(file, raw, problems)
        if result is not None:
            parsed.append((file, *result))
    pack = _pack_table(root, parsed, problems)
    if pack is None or problems:
        raise PackError(problems)
    loaded = _qualify_all(root, pack, parsed, problems)
    if problems:
        raise PackError(problems)
    return loaded


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _load_file(file: Path, raw: bytes, problems: list[Problem]) -> tuple[PackFile, LineIndex] | None:
    name = str(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem("L004", f"not UTF-8 text (byte {exc.start})", file=name,
                                line=raw[: exc.start].count(b"\n") + 1,
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
        if match:
            line: int | None = int(match.group(1))
        elif "end of document" in message:  # the last written line, where the unfinished value starts
            line = text.rstrip().count("\n") + 1
        else:
            line = None
        problems.append(Problem("L005", f"TOML syntax error: {message}", file=name, line=line,
                                hint="see https://toml.io for the syntax"))
        return None
    except RecursionError:  # tomllib recurses once per level of nested arrays and inline tables
        problems.append(_too_deep(name, nesting_line(text, MAX_DEPTH)))
        return None
    except ValueError as exc:  # int() refuses more than 4,300 digits, outside tomllib's own errors
        problems.append(long_number_problem(text, name, exc))
        return None
    index = LineIndex(text)
    checked = _check_values(data, name, index)
    problems.extend(checked)
    if any(p.code == "L006" for p in checked):
        return None
    try:
        content = converter.structure(data, PackFile)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        seen = {p.path for p in checked}  # a nan weight is reported once, by _check_values
        problems.extend(p for p in _structure_problems(exc, name, index) if p.path not in seen)
        return None
    return (content, index) if not checked else None


def long_number_problem(text: str, file: str, exc: ValueError) -> Problem:
    """The located problem for a whole number too long for ``int()`` (more than 4,300 digits)."""
    long_number = _LONG_NUMBER.search(text)
    what = f"a number of {len(long_number.group()):,} digits" if long_number else str(exc).split(";")[0]
    return Problem("L104", f"invalid value: {what}", file=file,
                   line=text.count("\n", 0, long_number.start()) + 1 if long_number else None,
                   hint="a whole number in TOML has at most 64 bits")


def _too_deep(file: str, line: int | None, path: str = "") -> Problem:
    return Problem("L006", f"tables and arrays are nested more than {MAX_DEPTH} levels deep", file=file,
                   line=line, path=path, hint="flatten the structure; pack files need only a few levels")


def _check_values(data: dict[str, Any], file: str, index: LineIndex) -> list[Problem]:
    """What TOML allows but no pack needs: deep nesting, and numbers that are nan or inf.

    Iterative, so a deep document cannot exhaust the stack here either.
    """
    found: list[Problem] = []
    low, high = _INT64
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]  # tables and arrays still to read
    while stack:
        path, container = stack.pop()
        if len(path) >= MAX_DEPTH:
            return [_too_deep(file, index.line_of(path), _path_text(path))]
        for key, value in container.items() if type(container) is dict else enumerate(container):
            kind = type(value)
            if kind is str or kind is bool:  # most values: nothing to check, no path made for them
                continue
            if kind is dict or kind is list:
                stack.append(((*path, key), value))
            elif kind is int and not low <= value <= high:
                # TOML's whole numbers are 64 bits; tomllib reads more, and so would a weight of 10**400
                found.append(Problem("L104", "invalid value: the whole number is larger than 64 bits", file=file,
                                     line=index.line_of((*path, key)), path=_path_text((*path, key)),
                                     hint="a whole number in TOML has at most 64 bits"))
            elif kind is float and not math.isfinite(value):
                # nan is never more or less than a threshold, so a nan weight would silently give laag
                found.append(Problem("L104", f"invalid value: {value} is not a finite number", file=file,
                                     line=index.line_of((*path, key)), path=_path_text((*path, key)),
                                     hint="write a number such as 2 or 0.5"))
    return sorted(found, key=lambda p: (p.line or 0, p.path))


_INT64 = (-(2**63), 2**63 - 1)
_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")
_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list"}
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _path_text(path: tuple[str | int, ...]) -> str:
    """``("routes", 2, "levels")`` -> ``$.routes[2].levels`` (odd keys quoted, as parse_path reads them)."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            out += f".{part}"
        else:
            out += "[" + repr(part) + "]"
    return out


def _walk(exc: BaseException, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], BaseException]]:
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, cattrs.AttributeValidationNote):
                yield from _walk(inner, (*path, note.name))
            else:
                yield from _walk(inner, (*path, note.index))
        for inner in without:
            yield from _walk(inner, path)
    else:
        yield path, exc


def _structure_problems(exc: BaseException, file: str, index: LineIndex) -> Iterator[Problem]:
    """One problem per value cattrs refused; paths stay tuples until they are printed (no re-parsing)."""
    import difflib

    for parts, inner in _walk(exc, ()):
        path = _path_text(parts)
        if isinstance(inner, ForbiddenExtraKeysError):
            allowed = [a.name for a in attrs.fields(inner.cl)] if attrs.has(inner.cl) else []
            for key in sorted(inner.extra_fields):
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(allowed)}"
                yield Problem("L101", f"unknown key {key!r}", file=file,
                              line=index.line_of((*parts, key)), path=_path_text((*parts, key)), hint=hint)
        elif isinstance(inner, KeyError):
            key = inner.args[0] if inner.args else "?"
            yield Problem("L102", f"missing required key {key!r}", file=file,
                          line=index.line_of(parts), path=path, hint=f"add {key} = ...")
        elif isinstance(inner, TypeError):
            yield Problem("L103", f"wrong type: {inner}", file=file, line=index.line_of(parts), path=path)
        elif isinstance(inner, AttributeError) and hasattr(inner, "obj"):
            # cattrs reads a table with .keys()/.items(): a text or number there has neither
            got = _NAMES.get(type(inner.obj), type(inner.obj).__name__)
            yield Problem("L103", f"wrong type: expected a table, got {got}", file=file,
                          line=index.line_of(parts), path=path)
        else:
            if isinstance(inner, InvalidFieldError):
                parts = (*parts, inner.field)
            yield Problem("L104", f"invalid value: {inner}", file=file,
                          line=index.line_of(parts), path=_path_text(parts))


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
    # only when pack.toml was read: one that cannot be read or parsed has its own problem already
    if pack is None and any(file == root / PACK_FILE for file, _content, _index in parsed):
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
    limit = item_limit()
    for file, content, index in parsed:
        for family in FAMILIES:
            for i, item in enumerate(getattr(content, family)):
                walker = Qualifier(pack.id, str(file), index, seen, locations, problems)
                items[family].append(walker.qualify(item, f"$.{family}[{i}]"))
                if len(seen) > limit:  # every id counts, nested signals and goals too
                    problems.append(Problem(
                        "L008", f"the pack has more than {limit:,} items; this one is over the limit",
                        file=str(file), line=index.line_of((family, i)), path=f"$.{family}[{i}]",
                        hint="split the content over several packs"))
                    return LoadedPack(pack=pack, root=str(root), items={}, locations={})
    return LoadedPack(pack=pack, root=str(root), items={f: tuple(v) for f, v in items.items()},
                      locations=locations, indexes={str(file): index for file, _content, index in parsed})
