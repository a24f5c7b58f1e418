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
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from . import _toml
from .errors import PackError, Problem
from .i18n import _
from .i18n import number as _number
from .locate import LineIndex, LinesOf, nesting_line
from .model_base import Model
from .models import FAMILIES, Pack, PackFile
from .models.common import InvalidFieldError, qualify
from .models.pack import LANGUAGE_CODE
from .pack_data import structure
from .pack_folder import (
    MAX_PACK_FILES,
    PACK_FILE,
    _pack_files,
    _read,
    _shown,
    translation_files,
)
from .qualify import Location as Location  # re-exported: where an item is written
from .qualify import Qualifier
from .translation import PackTranslation, flatten
from .unloaded import ids_in_data, ids_in_text

MAX_PACK_BYTES = 25 * 1024 * 1024  # all files of one pack together
MAX_ITEMS = 5000  # items with an id in one pack, nested ones (signals, goals, ...) included
#: another item limit (a whole number), for generated packs such as the benchmarks' 100,000 signals
MAX_ITEMS_ENV = "ONDERMIJNING_MAX_ITEMS"


def item_limit() -> int:
    """:data:`MAX_ITEMS`, or the whole number in ``ONDERMIJNING_MAX_ITEMS`` (ignored when it is not one)."""
    value = os.environ.get(MAX_ITEMS_ENV, "").strip()
    return int(value) if value.isdigit() and 0 < len(value) < 10 and int(value) > 0 else MAX_ITEMS
MAX_DEPTH = 32  # nesting of tables and arrays; pack files need fewer than ten levels


@attrs.frozen(eq=False, repr=False)
class LoadedPack(Model):
    """A folder pack after loading: its description and its items, ids qualified.

    A pack loaded in part (:func:`load_pack_in_part`) also says what it leaves out:
    ``not_loaded`` holds the items written in it that did not load, ``unread`` the files that
    could not be read at all (their items are unknown).
    """

    pack: Pack
    root: str
    items: Mapping[str, tuple[Any, ...]]  # family name -> items
    locations: Mapping[str, Location]  # qualified id of every item (nested ones too) -> where
    #: file -> its line index, so a problem found later can point at a key, not just the item
    indexes: Mapping[str, LineIndex] = attrs.field(factory=dict, eq=False, repr=False)
    #: qualified id -> where an item is written that did not load (its own problem says why)
    not_loaded: Mapping[str, Location] = attrs.field(factory=dict)
    #: files of the pack that could not be read (too large, not readable): what they hold is unknown
    unread: tuple[str, ...] = ()
    #: the [pack] table itself did not load: id and name are read from it, the version is not known
    table_broken: bool = False
    #: the pack's texts in other languages (``translations/<lang>.toml``), a file that did not load as not loaded
    translations: tuple[PackTranslation, ...] = ()


class PackNotFoundError(PackError):
    """The folder itself is missing or not a folder (a usage error, not a content error)."""


def load_pack(folder: str | os.PathLike[str]) -> LoadedPack:
    """Load one pack folder, or raise :class:`PackError` with *all* its problems."""
    loaded, problems = load_pack_in_part(folder)
    if problems or loaded is None:
        raise PackError(problems)
    return loaded


def load_pack_in_part(folder: str | os.PathLike[str]) -> tuple[LoadedPack | None, tuple[Problem, ...]]:
    """Load what can be loaded of one pack folder, and every problem found on the way.

    Reading goes on past a file that cannot be read or parsed and past an item that does not
    load, so one run finds every problem (``validate`` runs its rules on what loaded). The pack
    is None when not even its ``[pack]`` id can be read, or when a limit stops loading;
    :class:`PackNotFoundError` is raised for a folder that is not there.
    """
    root = Path(folder)
    problems: list[Problem] = []
    try:
        loaded = _load_pack(root, problems)
    except OSError as exc:  # a path too long for the file system, a folder that went away
        return None, (*problems, Problem("L002", _("kan het pack niet lezen: {reason}").format(
            reason=exc.strerror or exc), file=_shown(Path(exc.filename or root)),
            hint=_("controleer het pad; een korter pad kan helpen")))
    return loaded, tuple(problems)


@attrs.frozen(eq=False, repr=False)
class _File(Model):  # eq, hash and repr from Model: attrs does not compile them
    """One file as read: its content when it parsed (items that did not load left out), and what did not load."""

    file: Path
    content: PackFile | None
    index: LineIndex
    #: local ids written in the file whose items did not load -> their line
    unloaded: dict[str, int | None]
    #: the [pack] table when it did not load, as written (its id may still be read)
    raw_pack: Any = None
    #: family -> where each loaded item stands in the file's array (items that did not load leave gaps)
    positions: dict[str, tuple[int, ...]] = attrs.field(factory=dict)


def _load_pack(root: Path, problems: list[Problem]) -> LoadedPack | None:
    if not root.exists():
        raise PackNotFoundError([Problem("L001", _("packmap niet gevonden"), file=str(root),
                                         hint=_("controleer het pad, of maak het pack met pack.toml"))])
    if not root.is_dir():
        raise PackNotFoundError([Problem("L001", _("geen map"), file=str(root),
                                         hint=_("geef de map die pack.toml bevat"))])
    pack_file = root / PACK_FILE
    if not (pack_file.exists() or pack_file.is_symlink()):  # a folder or a link named pack.toml is reported below
        # two levels down at most: the hint must not walk a whole home folder
        below = sorted({str(p.parent) for pattern in (f"*/{PACK_FILE}", f"*/*/{PACK_FILE}")
                        for p in root.glob(pattern)})[:3]
        hint = (_("bedoel je {folders}?").format(folders=_(" of ").join(below)) if below
                else _("voeg pack.toml toe met een [pack]-tabel (id, name, version)"))
        problems.append(Problem("L010", _("de map heeft geen pack.toml"), file=str(root), hint=hint))
        return None
    files = _pack_files(root, problems)
    if len(files) > MAX_PACK_FILES:
        problems.append(Problem(
            "L003", _("het pack heeft {count} TOML-bestanden, meer dan de limiet van {limit}").format(
                count=_number(len(files)), limit=_number(MAX_PACK_FILES)),
            file=str(root), hint=_("voeg kleine bestanden samen, of verdeel de inhoud over meer packs")))
        return None
    read: list[_File] = []
    unread: list[str] = []
    total = 0
    for position, file in enumerate(files):
        raw = _read(file, problems)
        if raw is None:
            unread.append(str(file))
            continue
        total += len(raw)
        if total > MAX_PACK_BYTES:
            problems.append(Problem(
                "L003", _("de bestanden van het pack zijn samen groter dan de limiet van {limit} bytes "
                          "(de bestanden na dit bestand zijn niet gelezen)").format(limit=_number(MAX_PACK_BYTES)),
                file=str(file), hint=_("verdeel de inhoud over meer packs")))
            unread.extend(str(f) for f in files[position:])
            break
        read.append(_load_file(file, raw, problems))
    pack, broken = _pack_table(root, read, problems)
    if pack is None:
        return None
    loaded = _qualify_all(root, pack, read, problems, unread=tuple(unread), table_broken=broken)
    return attrs.evolve(loaded, translations=_translations(root, pack.id, problems)) if loaded else None


def _translations(root: Path, pack_id: str, problems: list[Problem]) -> tuple[PackTranslation, ...]:
    """The pack's ``translations/<lang>.toml`` files; one that does not load is kept as not loaded (its
    problem says why), so that rule V014 does not report each of its texts as missing too."""
    found = []
    for file in translation_files(root, problems):
        if not LANGUAGE_CODE.fullmatch(file.stem):
            problems.append(Problem("L104", _("ongeldige bestandsnaam: {name!r} is geen taalcode").format(
                name=file.name), file=_shown(file), hint=_("noem het bestand naar zijn taal, zoals en.toml")))
            continue
        raw = _read(file, problems)
        data, _text, index = _parse(file, raw, problems) if raw is not None else (None, "", None)
        if data is None or index is None:
            if raw is not None:
                problems[-1] = attrs.evolve(problems[-1], message=_("{problem}; het bestand is niet geladen").format(
                    problem=problems[-1].message))
            found.append(PackTranslation(pack_id, file.stem, file=str(file), loaded=False))
            continue
        texts, wrong = flatten(data, str(file))
        problems.extend(attrs.evolve(p, line=index.line_of(tuple(p.path[2:].split(".")))) for p in wrong)
        found.append(PackTranslation(pack_id, file.stem, texts, file=str(file),
                                     lines=LinesOf(index, texts),
                                     refused=frozenset(tuple(p.path[2:].split(".")) for p in wrong)))
    return tuple(found)


def _load_file(file: Path, raw: bytes, problems: list[Problem]) -> _File:
    """Parse one file and load each of its items; a broken item leaves the others, a broken file its ids."""
    data, text, index = _parse(file, raw, problems)
    if data is None or index is None:
        return _unparsed(file, text, problems, index)
    checked = _check_values(data, str(file), index)
    problems.extend(problem for _path, problem in checked)
    if any(problem.code == "L006" for _path, problem in checked):
        return _unparsed(file, text, problems, index)
    # an item with a value no pack needs (nan, a number past 64 bits) is left out, reported once
    refused = {path[:2] for path, _problem in checked}
    return _structure_file(file, data, index, refused, {problem.path for _path, problem in checked}, problems)


def _parse(file: Path, raw: bytes, problems: list[Problem]) -> tuple[dict[str, Any] | None, str, LineIndex | None]:
    """A file's TOML tables, its text and line index; None (and a problem) when it is not UTF-8 TOML."""
    name = str(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem("L004", _("geen UTF-8-tekst (byte {position})").format(position=exc.start), file=name,
                                line=raw[: exc.start].count(b"\n") + 1, hint=_("sla het bestand op als UTF-8")))
        return None, raw.decode("utf-8", "replace"), None
    if text.startswith("\ufeff"):
        problems.append(Problem("L004", _("het bestand begint met een byte order mark (BOM)"), file=name, line=1,
                                hint=_("sla het bestand op als UTF-8 zonder BOM")))
        return None, text, None
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        reason, line = _toml.syntax_error(exc, text)
        problems.append(Problem("L005", _("TOML-syntaxfout: {reason}").format(reason=reason), file=name, line=line,
                                hint=_("zie https://toml.io voor de syntax")))
        return None, text, None
    except RecursionError:  # the parser recurses once per level of nested arrays and inline tables
        problems.append(_too_deep(name, nesting_line(text, MAX_DEPTH)))
        return None, text, None
    except ValueError as exc:  # int() refuses more than 4,300 digits, outside tomllib's own errors
        problems.append(long_number_problem(text, name, exc))
        return None, text, None
    return data, text, LineIndex(text)


def _unparsed(file: Path, text: str, problems: list[Problem], index: LineIndex | None = None) -> _File:
    """A file that could not be parsed: nothing of it loads, but the ids written in it are known.

    Its last problem (the one that stopped it) says so, once: nothing in the file is checked
    further, and a reference to an id written in it is not reported as unknown.
    """
    problems[-1] = attrs.evolve(problems[-1], message=_("{problem}; het bestand is niet geladen").format(
        problem=problems[-1].message))
    return _File(file, None, index or LineIndex(""), ids_in_text(text))


_PACK_FILE_KEYS = tuple(a.name for a in attrs.fields(PackFile))


def _structure_file(file: Path, data: dict[str, Any], index: LineIndex, refused: set[tuple[str | int, ...]],
                    reported: set[str], problems: list[Problem]) -> _File:
    """Each item of a parsed file on its own: what loads is kept, what does not is reported and its id noted."""
    name = str(file)
    found: list[Problem] = []
    unloaded: dict[str, int | None] = {}
    for key in sorted(set(data) - set(_PACK_FILE_KEYS)):
        found.append(unknown_key(key, _PACK_FILE_KEYS, (), name, index))
    pack: Pack | None = None
    raw_pack = None
    if "pack" in data:
        try:
            pack = structure(data["pack"], Pack)
        except _refused() as exc:
            found.extend(_structure_problems(exc, name, index, ("pack",)))
        if pack is None or ("pack",) in refused:
            pack, raw_pack = None, data["pack"]
    content: dict[str, tuple[Any, ...]] = {}
    positions: dict[str, tuple[int, ...]] = {}
    for family, cls in FAMILIES.items():
        value = data.get(family)
        if value is None:
            continue
        if not isinstance(value, list):
            try:
                structure(value, tuple[cls, ...])  # type: ignore[valid-type]
            except _refused() as exc:
                found.extend(_structure_problems(exc, name, index, (family,)))
            continue
        kept, kept_at = [], []
        for i, element in enumerate(value):
            try:
                item: Any = structure(element, cls)
            except _refused() as exc:
                found.extend(_structure_problems(exc, name, index, (family, i)))
                unloaded.update(ids_in_data(element, index.line_of((family, i))))
                continue
            if (family, i) in refused:
                unloaded.update(ids_in_data(element, index.line_of((family, i))))
                continue
            kept.append(item)
            kept_at.append(i)
        content[family], positions[family] = tuple(kept), tuple(kept_at)
    problems.extend(p for p in found if p.path not in reported)  # a nan weight is reported once, by _check_values
    return _File(file, PackFile(pack=pack, **content), index, unloaded, raw_pack, positions)


def _refused() -> tuple[type[BaseException], ...]:
    """What the converter raises for a value it refuses (cattrs' groups, or a lone error outside them).

    Called in ``except`` clauses, which Python evaluates only when something was raised: right
    data never imports cattrs (see :mod:`ondermijning.pack_data`).
    """
    import cattrs

    return (cattrs.BaseValidationError, TypeError, ValueError, KeyError, AttributeError)


def long_number_problem(text: str, file: str, exc: ValueError) -> Problem:
    """The located problem for a whole number too long for ``int()`` (more than 4,300 digits)."""
    long_number = _LONG_NUMBER.search(text)
    what = (_("een getal van {count} cijfers").format(count=_number(len(long_number.group()))) if long_number
            else str(exc).split(";")[0])
    return Problem("L104", _("ongeldige waarde: {what}").format(what=what), file=file,
                   line=text.count("\n", 0, long_number.start()) + 1 if long_number else None,
                   hint=_("een heel getal in TOML heeft hoogstens 64 bits"))


def _too_deep(file: str, line: int | None, path: str = "") -> Problem:
    return Problem("L006", _("tabellen en lijsten zijn meer dan {limit} niveaus diep genest").format(limit=MAX_DEPTH),
                   file=file, line=line, path=path,
                   hint=_("maak de structuur platter; een packbestand heeft maar een paar niveaus nodig"))


PathParts = tuple[str | int, ...]


def _check_values(data: dict[str, Any], file: str, index: LineIndex) -> list[tuple[PathParts, Problem]]:
    """What TOML allows but no pack needs: deep nesting, and numbers that are nan or inf; each with its path.

    Iterative, so a deep document cannot exhaust the stack here either.
    """
    found: list[tuple[PathParts, Problem]] = []
    low, high = _INT64
    stack: list[tuple[PathParts, Any]] = [((), data)]  # tables and arrays still to read
    while stack:
        path, container = stack.pop()
        if len(path) >= MAX_DEPTH:
            return [(path, _too_deep(file, index.line_of(path), _path_text(path)))]
        for key, value in container.items() if type(container) is dict else enumerate(container):
            kind = type(value)
            if kind is str or kind is bool:  # most values: nothing to check, no path made for them
                continue
            if kind is dict or kind is list:
                stack.append(((*path, key), value))
            elif kind is int and not low <= value <= high:
                # TOML's whole numbers are 64 bits; tomllib reads more, and so would a weight of 10**400
                found.append(((*path, key), Problem(
                    "L104", _("ongeldige waarde: het hele getal is groter dan 64 bits"), file=file,
                    line=index.line_of((*path, key)), path=_path_text((*path, key)),
                    hint=_("een heel getal in TOML heeft hoogstens 64 bits"))))
            elif kind is float and not math.isfinite(value):
                # nan is never more or less than a threshold, so a nan weight would silently give laag
                found.append(((*path, key), Problem(
                    "L104", _("ongeldige waarde: {value} is geen eindig getal").format(value=value), file=file,
                    line=index.line_of((*path, key)), path=_path_text((*path, key)),
                    hint=_("schrijf een getal zoals 2 of 0.5"))))
    return sorted(found, key=lambda found: (found[1].line or 0, found[1].path))


_INT64 = (-(2**63), 2**63 - 1)
_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _path_text(path: PathParts) -> str:
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


def _walk(exc: BaseException, path: PathParts) -> Iterator[tuple[PathParts, BaseException]]:
    import cattrs

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


def unknown_key(key: str, allowed: Iterable[str], parts: PathParts, file: str, index: LineIndex) -> Problem:
    """The L101 problem for ``key`` under ``parts``, with the closest allowed key as a hint."""
    import difflib

    allowed = list(allowed)
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = (_("bedoel je {key!r}?").format(key=close[0]) if close
            else _("toegestane sleutels: {keys}").format(keys=", ".join(allowed)))
    return Problem("L101", _("onbekende sleutel {key!r}").format(key=key), file=file,
                   line=index.line_of((*parts, key)), path=_path_text((*parts, key)), hint=hint)


def _structure_problems(exc: BaseException, file: str, index: LineIndex,
                        prefix: PathParts = ()) -> Iterator[Problem]:
    """One problem per value cattrs refused; paths stay tuples until they are printed (no re-parsing)."""
    from cattrs.errors import ForbiddenExtraKeysError

    for parts, inner in _walk(exc, prefix):
        path = _path_text(parts)
        if isinstance(inner, ForbiddenExtraKeysError):
            allowed = [a.name for a in attrs.fields(inner.cl)] if attrs.has(inner.cl) else []
            for key in sorted(inner.extra_fields):
                yield unknown_key(key, allowed, parts, file, index)
        elif isinstance(inner, KeyError):
            key = inner.args[0] if inner.args else "?"
            yield Problem("L102", _("verplichte sleutel {key!r} ontbreekt").format(key=key), file=file,
                          line=index.line_of(parts), path=path, hint=_("voeg {key} = ... toe").format(key=key))
        elif isinstance(inner, TypeError):
            yield Problem("L103", _("verkeerd type: {reason}").format(reason=inner), file=file,
                          line=index.line_of(parts), path=path)
        elif isinstance(inner, AttributeError) and hasattr(inner, "obj"):
            # cattrs reads a table with .keys()/.items(): a text or number there has neither
            from .converter import type_name  # here cattrs has refused a value: the converter is loaded already

            got = type_name(type(inner.obj))
            yield Problem("L103", _("verkeerd type: een tabel verwacht, kreeg {got}").format(got=got), file=file,
                          line=index.line_of(parts), path=path)
        else:
            if isinstance(inner, InvalidFieldError):
                parts = (*parts, inner.field)
            yield Problem("L104", _("ongeldige waarde: {reason}").format(reason=inner), file=file,
                          line=index.line_of(parts), path=_path_text(parts))


def _pack_table(root: Path, read: list[_File], problems: list[Problem]) -> tuple[Pack | None, bool]:
    """The [pack] table of pack.toml, and whether it is broken (then only its id and name are read from it)."""
    pack, broken = None, False
    pack_file = root / PACK_FILE
    for entry in read:
        if entry.content is None or (entry.content.pack is None and entry.raw_pack is None):
            continue
        if entry.file != pack_file:
            problems.append(Problem("L011", _("alleen pack.toml mag de [pack]-tabel bevatten"), file=str(entry.file),
                                    line=entry.index.line_of(("pack",)), path="$.pack",
                                    hint=_("zet de tabel in pack.toml")))
            continue
        pack = entry.content.pack
        if pack is None:
            pack, broken = _stand_in(entry.raw_pack), True
    # only when pack.toml was read: one that cannot be read or parsed has its own problem already
    if pack is None and not broken and any(e.file == pack_file and e.content is not None for e in read):
        problems.append(Problem("L012", _("pack.toml heeft geen [pack]-tabel"), file=str(pack_file), line=1,
                                hint=_("voeg [pack] toe met id, name en version")))
    return pack, broken


def _stand_in(raw: Any) -> Pack | None:
    """A stand-in for a pack whose [pack] table did not load, from its id (when valid): its items are still checked."""
    from .models.common import is_id

    if not isinstance(raw, dict) or not is_id(raw.get("id"), qualified=False):
        return None
    name = raw.get("name")
    return Pack(id=raw["id"], name=name if isinstance(name, str) else raw["id"], version="0.0.0")


def _id_refused(found: list[Problem], id_path: str) -> bool:
    """Whether the item's own id was refused (a duplicate, another pack's): it is left out, or the
    catalog would report it again as defined twice or as belonging to a pack nobody provides."""
    return any(p.path == id_path and p.code in ("L105", "L106") for p in found)


def _qualify_all(root: Path, pack: Pack, read: list[_File], problems: list[Problem], *,
                 unread: tuple[str, ...], table_broken: bool) -> LoadedPack | None:
    items: dict[str, list[Any]] = {family: [] for family in FAMILIES}
    pack_file = root / PACK_FILE
    pack_index = next(entry.index for entry in read if entry.file == pack_file)
    # the [pack] table's line is that of `requires` when written (what C004 and C005 are about)
    locations: dict[str, Location] = {pack.id: Location.at(str(pack_file), pack_index, "$.pack",
                                                           line_of="$.pack.requires")}
    seen: dict[tuple[str, str], Location] = {}
    limit = item_limit()
    for entry in read:
        if entry.content is None:
            continue
        file, content, index = entry.file, entry.content, entry.index
        for family in FAMILIES:
            at = entry.positions.get(family, ())
            for position, item in enumerate(getattr(content, family)):
                i = at[position] if position < len(at) else position
                walker = Qualifier(pack.id, str(file), index, seen, locations, problems)
                reported = len(problems)
                qualified = walker.qualify(item, f"$.{family}[{i}]")
                if not _id_refused(problems[reported:], f"$.{family}[{i}].id"):
                    items[family].append(qualified)
                if len(seen) > limit:  # every id counts, nested signals and goals too
                    problems.append(Problem(
                        "L008", _("het pack heeft meer dan {limit} items; dit item gaat over de limiet").format(
                            limit=_number(limit)),
                        file=str(file), line=index.line_of((family, i)), path=f"$.{family}[{i}]",
                        hint=_("verdeel de inhoud over meer packs")))
                    return None
    not_loaded = {qualify(local, pack.id): Location(str(entry.file), line)
                  for entry in read for local, line in entry.unloaded.items()
                  if isinstance(local, str) and qualify(local, pack.id) not in locations}
    return LoadedPack(pack=pack, root=str(root), items={f: tuple(v) for f, v in items.items()},
                      locations=locations, indexes={str(e.file): e.index for e in read if e.content is not None},
                      not_loaded=not_loaded, unread=unread, table_broken=table_broken)
