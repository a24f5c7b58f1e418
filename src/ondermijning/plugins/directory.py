"""The directory plugin: turns TOML pack folders into contributions through the hooks.

A folder pack is data only: loading it reads TOML and never imports or runs code from it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..errors import PackError, Problem, Severity
from ..hookspecs import FAMILY_HOOKS, hookimpl
from ..i18n import _
from ..loader import LoadedPack, Location, load_pack_in_part
from ..locate import LineIndex
from ..model_base import Model
from ..models import Pack, pack_of
from ..translation import PackTranslation


@attrs.frozen(eq=False, repr=False)
class Folder(Model):  # eq, hash and repr from Model: attrs does not compile them
    """A folder to load and who asked for it (shown as the provider)."""

    path: str
    origin: str
    #: named by the caller (a command-line PATH, --pack, load_catalog(paths=...)): wins over an installed pack
    given: bool = False


class DirectoryPacks:
    """Loads folders once; each family hook returns the items of every folder pack that loaded.

    A pack with load errors is left out (``left_out``), unless ``partial``: then what loaded of it
    joins (``partial_packs``), so that ``validate`` runs its rules on it in the same run.
    """

    def __init__(self, folders: Sequence[Folder], *, partial: bool = False) -> None:
        self.problems: list[Problem] = []
        self.loaded: dict[str, tuple[LoadedPack, Folder]] = {}
        #: folder -> the id of its pack ("" when not even that was read), for packs left out
        self.left_out: dict[str, str] = {}
        self.partial_packs: list[str] = []
        for folder in folders:
            try:
                loaded, problems = load_pack_in_part(folder.path)
            except PackError as exc:  # the folder is not there
                loaded, problems = None, exc.problems
            self.problems.extend(problems)
            if loaded is None or (problems and not partial):
                self.left_out[folder.path] = loaded.pack.id if loaded is not None else ""
                continue
            pack_id = loaded.pack.id
            if pack_id in self.loaded:
                first = self.loaded[pack_id][1]
                if os.path.realpath(first.path) == os.path.realpath(folder.path):
                    continue  # the same folder named twice (e.g. installed and given as a path)
                if folder.given and not first.given:
                    self.problems.append(_replaced(pack_id, first, folder))
                    self.loaded[pack_id] = (loaded, folder)
                    continue
                self.problems.append(Problem(
                    "C001", _("pack-id {id!r} komt twee keer voor: in {first} ({first_origin}) en in {second} "
                              "({second_origin}); de tweede wordt niet gebruikt").format(
                        id=pack_id, first=first.path, first_origin=first.origin, second=folder.path,
                        second_origin=folder.origin),
                    file=str(folder.path) + "/pack.toml",
                    hint=_("geef een van de packs een andere id, of haal er een weg")))
                self.left_out[folder.path] = pack_id
                continue
            self.loaded[pack_id] = (loaded, folder)
            if problems:
                self.partial_packs.append(pack_id)

    def not_loaded(self) -> dict[str, Location]:
        """Items written in a pack loaded in part that did not load themselves: id -> where."""
        return {key: where for loaded, _folder in self.loaded.values() for key, where in loaded.not_loaded.items()}

    def unread(self) -> dict[str, tuple[str, ...]]:
        """Pack id -> its files that could not be read (packs loaded in part)."""
        return {pack_id: loaded.unread for pack_id, (loaded, _folder) in self.loaded.items() if loaded.unread}

    def table_broken(self, pack_id: str) -> bool:
        """Whether the pack joined without its [pack] table (its version is not known)."""
        entry = self.loaded.get(pack_id)
        return entry is not None and entry[0].table_broken

    def provider_of(self, item: Any) -> str:
        pack_id = item.id if isinstance(item, Pack) else pack_of(item.id)
        loaded, folder = self.loaded[pack_id]
        return f"{loaded.root} ({folder.origin})"

    def location_of(self, item_id: str) -> Location | None:
        entry = self.loaded.get(pack_of(item_id))
        return entry[0].locations.get(item_id) if entry else None

    def line_indexes(self) -> dict[str, LineIndex]:
        return {file: index for loaded, _folder in self.loaded.values() for file, index in loaded.indexes.items()}

    def origin_of(self, pack_id: str) -> str:
        return self.provider_of(self.loaded[pack_id][0].pack)

    def _family(self, family: str) -> Iterable[Any]:
        for loaded, _folder in self.loaded.values():
            yield from loaded.items[family]

    @hookimpl
    def ondermijning_packs(self) -> list[Pack]:
        return [loaded.pack for loaded, _folder in self.loaded.values()]

    @hookimpl
    def ondermijning_translations(self) -> list[PackTranslation]:
        """The ``translations/<lang>.toml`` files of every folder pack that loaded."""
        return [translation for loaded, _folder in self.loaded.values() for translation in loaded.translations]


def _replaced(pack_id: str, installed: Folder, given: Folder) -> Problem:
    return Problem("C008", _("pack {id!r} uit {given} vervangt het geïnstalleerde pack met dezelfde id ({installed}, "
                             "{origin})").format(id=pack_id, given=given.path, installed=installed.path,
                                                 origin=installed.origin),
                   file=str(given.path) + "/pack.toml", severity=Severity.WARNING,
                   hint=_("zo controleer je je eigen kopie; noem de map niet om het geïnstalleerde pack te "
                          "gebruiken"))


def _family_hook(family: str, hook_name: str) -> Any:
    def contribute(self: DirectoryPacks) -> Iterable[Any]:
        return self._family(family)

    contribute.__name__ = hook_name
    contribute.__doc__ = f"The {family} of every folder pack that loaded."
    return hookimpl(contribute)


# one implementation per family hook, so a family added to FAMILY_HOOKS cannot be forgotten here
for _family, _hook in FAMILY_HOOKS.items():
    setattr(DirectoryPacks, _hook, _family_hook(_family, _hook))
