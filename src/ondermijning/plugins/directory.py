"""The directory plugin: turns TOML pack folders into contributions through the hooks.

A folder pack is data only: loading it reads TOML and never imports or runs code from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..errors import PackError, Problem
from ..hookspecs import hookimpl
from ..loader import LoadedPack, Location, load_pack
from ..models import Pack, pack_of


@attrs.frozen
class Folder:
    """A folder to load and who asked for it (shown as the provider)."""

    path: str
    origin: str


class DirectoryPacks:
    """Loads folders once; each family hook returns the items of every folder pack that loaded."""

    def __init__(self, folders: Sequence[Folder]) -> None:
        self.problems: list[Problem] = []
        self.loaded: dict[str, tuple[LoadedPack, Folder]] = {}
        for folder in folders:
            try:
                loaded = load_pack(folder.path)
            except PackError as exc:
                self.problems.extend(exc.problems)
                continue
            pack_id = loaded.pack.id
            if pack_id in self.loaded:
                first = self.loaded[pack_id][1]
                if first.path == folder.path:
                    continue  # the same folder named twice
                self.problems.append(Problem(
                    "C001", f"pack id {pack_id!r} is provided twice: by {first.path} ({first.origin}) "
                            f"and by {folder.path} ({folder.origin}); the second is ignored",
                    file=str(folder.path) + "/pack.toml", hint="give one of the packs another id, or remove one"))
                continue
            self.loaded[pack_id] = (loaded, folder)

    def provider_of(self, item: Any) -> str:
        pack_id = item.id if isinstance(item, Pack) else pack_of(item.id)
        loaded, folder = self.loaded[pack_id]
        return f"{loaded.root} ({folder.origin})"

    def location_of(self, item_id: str) -> Location | None:
        entry = self.loaded.get(pack_of(item_id))
        return entry[0].locations.get(item_id) if entry else None

    def origin_of(self, pack_id: str) -> str:
        return self.provider_of(self.loaded[pack_id][0].pack)

    def _family(self, family: str) -> Iterable[Any]:
        for loaded, _folder in self.loaded.values():
            yield from loaded.items[family]

    @hookimpl
    def ondermijning_packs(self) -> list[Pack]:
        return [loaded.pack for loaded, _ in self.loaded.values()]

    @hookimpl
    def ondermijning_themes(self) -> Iterable[Any]:
        return self._family("themes")

    @hookimpl
    def ondermijning_frameworks(self) -> Iterable[Any]:
        return self._family("frameworks")

    @hookimpl
    def ondermijning_signal_lists(self) -> Iterable[Any]:
        return self._family("signal_lists")

    @hookimpl
    def ondermijning_signal_list_extensions(self) -> Iterable[Any]:
        return self._family("extensions")

    @hookimpl
    def ondermijning_routes(self) -> Iterable[Any]:
        return self._family("routes")

    @hookimpl
    def ondermijning_dilemma_cards(self) -> Iterable[Any]:
        return self._family("dilemma_cards")

    @hookimpl
    def ondermijning_guides(self) -> Iterable[Any]:
        return self._family("guides")

    @hookimpl
    def ondermijning_cases(self) -> Iterable[Any]:
        return self._family("cases")

    @hookimpl
    def ondermijning_workshops(self) -> Iterable[Any]:
        return self._family("workshops")

    @hookimpl
    def ondermijning_trajectories(self) -> Iterable[Any]:
        return self._family("trajectories")
