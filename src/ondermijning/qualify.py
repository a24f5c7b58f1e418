"""Qualifying a pack's items: ids and references get their pack, and each id where it is written.

The loader's last step (:func:`ondermijning.loader.load_pack`): every id of an item, nested
ones too (a list's signals), becomes ``pack/id``; references are qualified in the same pack;
duplicates are found, each named with where the first one is written.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import attrs

from .errors import Problem
from .i18n import _
from .locate import LineIndex, parse_path
from .model_base import MutableModel, is_attrs_class
from .models.common import ID, REF, qualify


class Location:
    """Where something is written: its file, its line (1-based; None when not known) and key path.

    Compared, hashed and shown as an attrs class of these three fields would be. A location the
    loader records for every item (:meth:`at`) looks its line up when it is first read: most
    catalogs load without a problem, and then no line of theirs is ever read.
    """

    __slots__ = ("_line", "_lookup", "file", "path")

    def __init__(self, file: str, line: int | None = None, path: str = "") -> None:
        self.file = file
        self._line = line
        self._lookup: Callable[[], int | None] | None = None
        self.path = path

    @classmethod
    def at(cls, file: str, index: LineIndex, path: str, *, line_of: str = "") -> Location:
        """The key ``path`` (``$.routes[2].id``) of a file, its line read from ``index`` when first asked for.

        ``line_of`` names another key whose line is meant (the [pack] table's is that of ``requires``).
        """
        location = cls(file, None, path)
        location._lookup = lambda: index.line_of(parse_path(line_of or path))
        return location

    @property
    def line(self) -> int | None:
        lookup = self._lookup
        if lookup is not None:
            self._line, self._lookup = lookup(), None
        return self._line

    def _key(self) -> tuple[str, int | None, str]:
        return self.file, self.line, self.path

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(("Location", *self._key()))

    def __repr__(self) -> str:
        return f"Location(file={self.file!r}, line={self.line!r}, path={self.path!r})"

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("file", "path") and hasattr(self, name):
            raise attrs.exceptions.FrozenInstanceError  # frozen, as it was as an attrs class
        object.__setattr__(self, name, value)


_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, str], ...]:
    """Each field of a model: its name and whether it holds the item's own id, references, or other values."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple((f.name, ID if f.metadata.get(ID) else REF if REF in f.metadata else "")
                                     for f in attrs.fields(cls))
    return found


@attrs.define(eq=False, repr=False)
class Qualifier(MutableModel):
    """Qualifies ids and references, records where each id is written, finds duplicates."""

    pack_id: str
    file: str
    index: LineIndex
    seen: dict[tuple[str, str], Location]
    locations: dict[str, Location]
    problems: list[Problem]

    def qualify(self, obj: Any, path: str) -> Any:
        changes: dict[str, Any] = {}
        new: Any
        for name, kind in _fields(type(obj)):
            value = getattr(obj, name)
            if kind == ID:
                new = self._own_id(type(obj).__name__, value, path)
            elif kind == REF:
                new = (tuple(qualify(v, self.pack_id) for v in value)
                       if isinstance(value, tuple) else qualify(value, self.pack_id))
            elif isinstance(value, tuple) and value and is_attrs_class(type(value[0])):
                self._local_duplicates(value, f"{path}.{name}")
                new = tuple(self.qualify(v, f"{path}.{name}[{i}]") for i, v in enumerate(value))
                if all(map(operator.is_, new, value)):
                    continue
            elif is_attrs_class(type(value)):
                new = self.qualify(value, f"{path}.{name}")
                if new is value:
                    continue
            else:
                continue
            if new is not value and new != value:  # most parts (a source, a text) stay: no copy for them
                changes[name] = new
        return attrs.evolve(obj, **changes) if changes else obj

    def _local_duplicates(self, parts: tuple[Any, ...], path: str) -> None:
        """Ids that are unique only inside their parent (a list's categories): no two alike."""
        id_field = next((f for f in attrs.fields(type(parts[0])) if f.name == "id"), None)
        if id_field is None or id_field.metadata.get(ID):
            return  # no id, or a pack-wide id that _own_id checks
        first: dict[str, int] = {}
        for i, part in enumerate(parts):
            if part.id in first:  # lines are read only now: the file has a problem to point at
                line = self.index.line_of(parse_path(f"{path}[{i}].id"))
                first_line = self.index.line_of(parse_path(f"{path}[{first[part.id]}].id"))
                self.problems.append(Problem(
                    "L105", _("id {value!r} ({kind}) komt twee keer voor; de eerste staat in {where}").format(
                        value=part.id, kind=type(part).__name__, where=f"{self.file}:{first_line}"),
                    file=self.file, line=line, path=f"{path}[{i}].id", hint=_("geef elk item een eigen id")))
            else:
                first[part.id] = i

    def _own_id(self, kind: str, value: str, path: str) -> str:
        qualified = qualify(value, self.pack_id)
        location = Location.at(self.file, self.index, path + ".id")
        if "/" in value and not value.startswith(self.pack_id + "/"):
            self.problems.append(Problem("L106", _("id {value!r} noemt een ander pack dan {pack!r}").format(
                                             value=value, pack=self.pack_id),
                                         file=self.file, line=location.line, path=location.path,
                                         hint=_("schrijf de id zonder pack-prefix")))
        first = self.seen.get((kind, qualified))
        if first is not None:
            self.problems.append(Problem(
                "L105", _("id {value!r} ({kind}) komt twee keer voor; de eerste staat in {where}").format(
                    value=value, kind=kind, where=f"{first.file}:{first.line}"),
                file=self.file, line=location.line, path=location.path, hint=_("geef elk item een eigen id")))
        else:
            self.seen[(kind, qualified)] = location
            self.locations.setdefault(qualified, location)
        return qualified
