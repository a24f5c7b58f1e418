"""Qualifying a pack's items: ids and references get their pack, and each id where it is written.

The loader's last step (:func:`ondermijning.loader.load_pack`): every id of an item, nested
ones too (a list's signals), becomes ``pack/id``; references are qualified in the same pack;
duplicates are found, each named with where the first one is written.
"""

from __future__ import annotations

import operator
from typing import Any

import attrs

from .errors import Problem
from .locate import LineIndex, parse_path
from .models.common import ID, REF, qualify


@attrs.frozen
class Location:
    file: str
    line: int | None = None
    path: str = ""


_MODELS: dict[type, bool] = {}
_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _is_model(cls: type) -> bool:
    """attrs.has, asked once per type (it is asked for every value of every item)."""
    found = _MODELS.get(cls)
    if found is None:
        found = _MODELS[cls] = attrs.has(cls)
    return found


def _fields(cls: type) -> tuple[tuple[str, str], ...]:
    """Each field of a model: its name and whether it holds the item's own id, references, or other values."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple((f.name, ID if f.metadata.get(ID) else REF if REF in f.metadata else "")
                                     for f in attrs.fields(cls))
    return found


@attrs.define
class Qualifier:
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
            elif isinstance(value, tuple) and value and _is_model(type(value[0])):
                self._local_duplicates(value, f"{path}.{name}")
                new = tuple(self.qualify(v, f"{path}.{name}[{i}]") for i, v in enumerate(value))
                if all(map(operator.is_, new, value)):
                    continue
            elif _is_model(type(value)):
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
        first: dict[str, int | None] = {}
        for i, part in enumerate(parts):
            line = self.index.line_of(parse_path(f"{path}[{i}].id"))
            if part.id in first:
                self.problems.append(Problem(
                    "L105", f"duplicate {type(part).__name__} id {part.id!r}, first defined at "
                            f"{self.file}:{first[part.id]}",
                    file=self.file, line=line, path=f"{path}[{i}].id", hint="give each item its own id"))
            else:
                first[part.id] = line

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
