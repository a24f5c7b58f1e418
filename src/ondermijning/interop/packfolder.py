"""An imported list as a pack folder: written whole or not at all, and valid before it appears.

The folder is built in a temporary folder beside the target, loaded and validated there with
the installed packs (the one it replaces left out), and only then renamed into place; a
problem leaves nothing behind. Ids go back to their local form (``deurne/x`` -> ``x``); a
signal another pack added to the list (an extension) becomes this pack's own, as
``otherpack.x``, since one folder is one pack.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..converter import converter
from ..errors import OndermijningError
from ..fileio import WriteError
from ..i18n import _
from ..models import Pack, SignalList, Theme, pack_of
from ..models.common import ID, REF
from .optional import tomli_w


class InvalidImportError(OndermijningError):
    """The pack built from the form does not validate."""


def rehomed(signal_list: SignalList) -> list[str]:
    """Ids of items another pack added to the list: they become this pack's own on import."""
    pack = pack_of(signal_list.id)
    ids = [*(s.id for s in signal_list.signals), *(p.id for p in signal_list.protective_factors),
           *(g.id for g in signal_list.goals)]
    return [item_id for item_id in ids if pack_of(item_id) != pack]


def write_pack_folder(target: str | Path, pack: Pack, signal_list: SignalList, themes: Sequence[Theme] = (), *,
                      force: bool = False) -> Path:
    """Write ``pack.toml`` (the pack and its themes) and ``signals.toml`` (the list) into ``target``.

    Refuses an existing ``target`` unless ``force`` (then it is replaced whole). Raises
    :class:`InvalidImportError` when the result does not validate, :class:`WriteError` when it
    cannot be written.
    """
    target = Path(target)
    if target.exists() and not force:
        raise WriteError(_("{path}: bestaat al; kies met --output een andere map of vervang hem met --force"
                           ).format(path=target))
    if target.exists() and not target.is_dir():
        raise WriteError(_("{path}: is geen map").format(path=target))
    parent = target.parent
    if not parent.is_dir():
        raise WriteError(_("{path}: die map bestaat niet").format(path=parent))
    renames = {i: f"{pack_of(i)}.{i.partition('/')[2]}" for i in rehomed(signal_list)}
    files = {
        "pack.toml": {"pack": _plain(converter.unstructure(pack)),
                      **({"themes": [_local(t, pack.id, renames) for t in themes]} if themes else {})},
        "signals.toml": {"signal_lists": [_local(signal_list, pack.id, renames)]},
    }
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise WriteError(f"{parent}: {exc.strerror or exc}") from None
    try:
        for name, data in files.items():
            (building / name).write_text(tomli_w().dumps(data), encoding="utf-8")
        _check(building, pack.id)
        building.chmod(0o777 & ~_umask())  # mkdtemp makes it private; give it a plain folder's mode
        _replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return target


def _check(folder: Path, pack_id: str) -> None:
    """Load the folder with the installed packs, leaving out the plugin that provides the same pack."""
    from ..assemble import load_catalog
    from ..validate import validate_catalog

    installed = load_catalog()
    provider = installed.provenance.get(pack_id)
    disable = [p.name for p in installed.plugins if provider and f"(via {p.describe()})" in provider.provider]
    catalog = load_catalog(paths=[folder], disable=disable)
    root = str(folder)
    mine = [p for p in (*catalog.problems, *validate_catalog(catalog))
            if p.severity.value == "error" and (p.file.startswith(root) or pack_id not in catalog.packs)]
    if mine:
        first = mine[0]
        where = Path(first.file).name if first.file.startswith(root) else first.file
        raise InvalidImportError(_("het pack uit dit formulier is niet geldig: {where}: {code} {message}").format(
            where=where, code=first.code, message=first.message))


def _replace(building: Path, target: Path) -> None:
    """Rename the built folder into place; an old folder is moved aside first and removed after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(old)
        target.rename(old)
    try:
        building.rename(target)
    except OSError as exc:
        if old is not None:
            old.rename(target)
        raise WriteError(f"{target}: {exc.strerror or exc}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def _local(item: Any, pack_id: str, renames: dict[str, str]) -> dict[str, Any]:
    """An item as a pack file writes it: own ids and references without the pack prefix."""
    data: dict[str, Any] = _plain(converter.unstructure(_localized(item, pack_id, renames)))
    return data


def _localized(obj: Any, pack_id: str, renames: dict[str, str]) -> Any:
    def local(ref: str) -> str:
        ref = renames.get(ref, ref)
        return ref.partition("/")[2] if ref.startswith(pack_id + "/") else ref

    changes: dict[str, Any] = {}
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if field.metadata.get(ID) or REF in field.metadata:
            changes[field.name] = tuple(map(local, value)) if isinstance(value, tuple) else local(value)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[field.name] = tuple(_localized(v, pack_id, renames) for v in value)
        elif attrs.has(type(value)):
            changes[field.name] = _localized(value, pack_id, renames)
    return attrs.evolve(obj, **changes)


def _plain(data: Any) -> Any:
    """TOML has no null: leave out what is None."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data
