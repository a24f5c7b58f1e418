"""Load a pack folder: TOML files -> typed, qualified items, with every error located.

A pack folder holds ``pack.toml`` (the ``[pack]`` table, and optionally content) and
any number of other ``*.toml`` files with content. The loader never executes code from
the folder: a folder pack is data only.

Packs are written by many hands, so the loader trusts nothing in a folder: it reads only
regular files inside the folder (a link pointing outside it is refused, a pipe is never
opened for long), at most :data:`MAX_FILE_BYTES` a file and :data:`MAX_PACK_BYTES` and
:data:`MAX_PACK_FILES` a pack, nested at most :data:`MAX_DEPTH` levels, with at most
:data:`MAX_ITEMS` items; names with control characters are refused before they reach a
terminal. Every refusal is a located :class:`~ondermijning.errors.Problem`.
"""

from __future__ import annotations

import math
import os
import re
import stat
import unicodedata
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
from .qualify import Location as Location  # re-exported: where an item is written
from .qualify import Qualifier

PACK_FILE = "pack.toml"
MAX_FILE_BYTES = 5 * 1024 * 1024  # a pack file is hand-written text; anything larger is a mistake
MAX_PACK_BYTES = 25 * 1024 * 1024  # all files of one pack together
MAX_PACK_FILES = 1000  # TOML files in one pack
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


def _pack_files(root: Path, problems: list[Problem]) -> list[Path]:
    """Every ``*.toml`` file of the pack, ``pack.toml`` first; hidden files and folders are skipped.

    Links are not followed into folders; a link (to a file or folder) whose target lies
    outside the pack is refused (L007), as are names that could deceive a terminal (L009).
    """
    real_root = os.path.realpath(root)
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(Problem("L002", f"cannot read the folder: {exc.strerror or exc}",
                                file=_shown(Path(exc.filename or root)), hint="make the folder readable"))

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        here = Path(folder)
        keep = []
        for name in sorted(dirnames):
            path = here / name
            if name.startswith(".") or not _acceptable(path, real_root, problems, kind="folder"):
                continue
            if path.is_symlink():
                continue  # a link to a folder inside the pack: its files are read where they are
            if name.endswith(".toml"):
                problems.append(Problem("L002", "a folder is named like a TOML file", file=str(path),
                                        hint="rename it, or move it out of the pack"))
            keep.append(name)
        dirnames[:] = keep  # os.walk descends only into these
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or not name.endswith(".toml"):
                continue
            if _acceptable(path, real_root, problems, kind="file"):
                found.append(path)
    # pack.toml first, so the pack id is known before content is read
    return sorted(found, key=lambda p: (p != root / PACK_FILE, str(p)))


#: characters no file name in a pack needs: controls (newline, escape), format characters
#: (right-to-left override), line separators, and surrogates (bytes that are not UTF-8)
_ODD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _acceptable(path: Path, real_root: str, problems: list[Problem], *, kind: str) -> bool:
    if any(unicodedata.category(c) in _ODD_CATEGORIES for c in path.name):
        problems.append(Problem(
            "L009", f"the {kind} name has control characters or bytes that are not UTF-8", file=_shown(path),
            hint="rename it with letters, digits, spaces, '-', '_' and '.'"))
        return False
    if path.is_symlink():
        target = os.path.realpath(path)
        try:
            inside = os.path.commonpath([target, real_root]) == real_root
        except ValueError:  # on Windows: another drive
            inside = False
        if not inside:
            # named by the folder that holds the link: the link's own path resolves outside the
            # pack, and it is the folder an author has to tidy
            problems.append(Problem(
                "L007", f"the {kind} {path.name!r} is a link to {_shown(Path(target))}, outside the pack folder",
                file=str(path.parent), hint="copy the content into the pack, or remove the link"))
            return False
    return True


def _shown(path: Path) -> str:
    """A path as one printable line: control characters and undecodable bytes escaped."""
    out = []
    for c in str(path):
        if unicodedata.category(c) not in _ODD_CATEGORIES:
            out.append(c)
        elif 0xDC80 <= ord(c) <= 0xDCFF:  # a byte that is not UTF-8 (os.fsdecode's surrogateescape)
            out.append(f"\\x{ord(c) - 0xDC00:02x}")
        else:
            out.append(c.encode("unicode_escape").decode("ascii"))
    return "".join(out)


class _NotAFile(OSError):
    pass


class _TooLarge(OSError):
    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def _read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened without blocking, so a pipe named ``x.toml`` cannot hang the loader, and read
    with a bound, so a file that lies about its size (``/proc``) cannot exhaust memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotAFile("a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or device)")
        if info.st_size > limit:
            raise _TooLarge(info.st_size)
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _TooLarge(None)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _read(file: Path, problems: list[Problem]) -> bytes | None:
    name = str(file)
    try:
        return _read_bytes(file, MAX_FILE_BYTES)
    except _TooLarge as exc:
        size = f"{exc.size:,} bytes" if exc.size is not None else "larger"
        problems.append(Problem("L003", f"the file is {size}, more than the limit of {MAX_FILE_BYTES:,} bytes",
                                file=name, hint="split the content over several files"))
    except _NotAFile as exc:
        problems.append(Problem("L002", f"cannot read the file: it is {exc}", file=name,
                                hint="move it out of the pack, or rename it"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if file.is_symlink() and not file.exists():
            reason = f"it is a broken link ({reason})"
        problems.append(Problem("L002", f"cannot read the file: {reason}", file=name,
                                hint="check that the file exists and is readable"))
    return None


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
        long_number = _LONG_NUMBER.search(text)
        what = f"a number of {len(long_number.group()):,} digits" if long_number else str(exc).split(";")[0]
        problems.append(Problem(
            "L104", f"invalid value: {what}", file=name,
            line=text.count("\n", 0, long_number.start()) + 1 if long_number else None,
            hint="a whole number in TOML has at most 64 bits"))
        return None
    index = LineIndex(text)
    checked = _check_values(data, name, index)
    problems.extend(checked)
    if any(p.code == "L006" for p in checked):
        return None
    try:
        content = converter.structure(data, PackFile)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        problems.extend(_structure_problems(exc, name, index))
        return None
    return (content, index) if not checked else None


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
