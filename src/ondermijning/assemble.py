"""Assembling the catalog: built-in plugins, installed packs and pack folders -> one :class:`Catalog`.

Two providers of the same id are an error naming both; the first one (built-ins, then entry
points by name, then ``ONDERMIJNING_PACK_PATH``, then explicit paths) is kept so the rest
still works. A pack's ``requires`` is checked against the versions that loaded, and
extensions are merged into the lists they extend.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from ._compat import Traversable
from .catalog import Catalog, Provenance, Rule
from .destinations import PictureDestination
from .errors import PackError, Problem
from .hookspecs import FAMILY_HOOKS
from .i18n import _
from .manager import PluginHost
from .models import FAMILIES, Pack, SignalList, SignalListExtension, pack_of
from .plugins.directory import DirectoryPacks, Folder
from .scoring import ScoringRule
from .signal_rules import with_invalid_lists_marked
from .translation import PackTranslation
from .validate import family_noun

#: folders of extra packs, separated like PATH (":" on Linux and macOS, ";" on Windows)
PACK_PATH_ENV = "ONDERMIJNING_PACK_PATH"


def load_catalog(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    disable: Iterable[str] = (),
    autoload: bool | None = None,
    plugins: Iterable[object] = (),
    strict: bool = False,
    partial: bool = False,
) -> Catalog:
    """Build the catalog from built-ins, installed packs, ``ONDERMIJNING_PACK_PATH`` and ``paths``.

    ``disable`` names plugins not to load; ``autoload=False`` skips entry points (also
    ``ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD=1``); ``plugins`` registers extra plugin objects.
    Problems are collected in :attr:`Catalog.problems`; with ``strict=True`` any error
    problem raises :class:`~ondermijning.errors.PackError` instead.

    A folder pack with load errors is left out (:attr:`Catalog.left_out`), so nothing serves a
    pack in part. With ``partial=True`` (what ``validate`` does) what loaded of it joins instead
    (:attr:`Catalog.partial_packs`; what did not is in :attr:`Catalog.not_loaded` and
    :attr:`Catalog.unread_files`), so the validation rules check it in the same run.
    """
    host = PluginHost(disable=disable, autoload=autoload, plugins=plugins)
    catalog = _Builder(host, partial=partial).build(_folders(host, paths))
    if strict and any(p.severity.value == "error" for p in catalog.problems):
        raise PackError(catalog.problems)
    return catalog


def _folders(host: PluginHost, paths: Iterable[str | os.PathLike[str]]) -> list[Folder]:
    folders = []
    for plugin, path in host.call("ondermijning_pack_paths", (str, os.PathLike, Traversable)):
        folders.append(Folder(str(path), f"via {host.describe(plugin)}"))
    folders.extend(_pack_path(host))
    folders.extend(Folder(str(Path(p)), _("opgegeven pad"), given=True) for p in paths)
    return folders


#: folders on ONDERMIJNING_PACK_PATH that are read; more is a mistake (or an attack on start-up time)
MAX_PACK_PATH = 100


def _pack_path(host: PluginHost) -> list[Folder]:
    """The folders of ONDERMIJNING_PACK_PATH, each once (as paths: ``a/`` and ``./a`` are one), at most
    :data:`MAX_PACK_PATH` of them; the rest is a problem, not minutes of loading the same folder."""
    unique: dict[str, str] = {}
    for part in os.environ.get(PACK_PATH_ENV, "").split(os.pathsep):
        if part.strip():
            unique.setdefault(os.path.normpath(Path(part.strip()).absolute()), part.strip())
    if len(unique) > MAX_PACK_PATH:
        host.problems.append(Problem("C006", _(
            "{env} noemt {count} verschillende mappen, meer dan de limiet van {limit}; alleen de eerste {limit} "
            "zijn gelezen").format(env=PACK_PATH_ENV, count=len(unique), limit=MAX_PACK_PATH),
            hint=_("zet de pakketten in minder mappen, of geef ze met --pack")))
    return [Folder(part, f"via {PACK_PATH_ENV}") for part in list(unique.values())[:MAX_PACK_PATH]]


def _nested_items(item: Any) -> Iterable[Any]:
    """Items with their own id inside another (signals, goals, protective factors of a list)."""
    if isinstance(item, (SignalList, SignalListExtension)):
        yield from item.signals
        yield from item.protective_factors
        yield from item.goals


class _Builder:
    def __init__(self, host: PluginHost, *, partial: bool = False) -> None:
        self.host = host
        self.partial = partial
        self.problems: list[Problem] = []
        self.provenance: dict[str, Provenance] = {}

    def build(self, folders: Sequence[Folder]) -> Catalog:
        host = self.host
        directory = DirectoryPacks(folders, partial=self.partial)
        self.problems.extend(directory.problems)
        host.register(directory, name="directory", distribution=host.infos["core"].distribution
                      if "core" in host.infos else "", builtin=True)
        self.directory = directory

        packs = self._merge("packs", host.call("ondermijning_packs", Pack), pack_key=lambda p: p.id)
        families: dict[str, dict[str, Any]] = {}
        for family, hook in FAMILY_HOOKS.items():
            families[family] = self._merge(family, host.call(hook, FAMILIES[family]),
                                           pack_key=lambda item: pack_of(item.id), packs=packs)
        self._check_requires(packs)
        lists = self._apply_extensions(families["signal_lists"], families["extensions"])
        families["signal_lists"] = lists
        signals = {s.id: s for sl in lists.values() for s in sl.signals}
        rules = tuple(host.contain_rule(plugin, rule)
                      for plugin, rule in host.call("ondermijning_validation_rules", Rule))
        scoring_rules = tuple(host.contain_scoring_rule(plugin, rule)
                              for plugin, rule in host.call("ondermijning_scoring_rules", ScoringRule))
        destinations = tuple(d for _plugin, d in host.call("ondermijning_picture_destinations", PictureDestination))
        translations = self._translations(host.call("ondermijning_translations", PackTranslation))
        return with_invalid_lists_marked(Catalog(
            packs=packs, **families, signals=signals, provenance=self.provenance,
            plugins=tuple(sorted(host.infos.values(), key=lambda i: i.name)),
            rules=rules, scoring_rules=scoring_rules, picture_destinations=destinations,
            problems=(*host.problems, *self.problems),
            folders=tuple(folder.path for folder in folders), line_indexes=directory.line_indexes(),
            left_out=directory.left_out, partial_packs=tuple(p for p in directory.partial_packs if p in packs),
            not_loaded=directory.not_loaded(), unread_files=directory.unread(), translations=translations,
        ))

    def _translations(self, contributions: Iterable[tuple[object, PackTranslation]],
                      ) -> dict[tuple[str, str], PackTranslation]:
        """One translation per pack and language: the first provider's; a second is C002, naming both."""
        merged: dict[tuple[str, str], PackTranslation] = {}
        providers: dict[tuple[str, str], str] = {}
        for plugin, translation in contributions:
            key = (translation.pack, translation.language)
            provider = (translation.file or self.host.describe(plugin)) if plugin is self.directory \
                else self.host.describe(plugin)
            if key in merged:
                self.problems.append(Problem(
                    "C002", _("de vertaling {language!r} van pack {pack!r} is twee keer gegeven: door {first} en door "
                              "{second}").format(language=key[1], pack=key[0], first=providers[key], second=provider),
                    file=translation.file, hint=_("geef elke taal van een pack één keer")))
                continue
            merged[key], providers[key] = translation, provider
        return merged

    def _provider(self, plugin: object, item: Any) -> Provenance:
        if plugin is self.directory:
            key = item.id
            return Provenance(self.directory.provider_of(item), self.directory.location_of(key))
        return Provenance(self.host.describe(plugin))

    def _merge(self, family: str, contributions: Iterable[tuple[object, Any]], *, pack_key: Any,
               packs: Mapping[str, Pack] | None = None) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for plugin, item in contributions:
            provenance = self._provider(plugin, item)
            where = provenance.location
            if packs is not None:
                owner = pack_key(item)
                if owner not in packs:
                    self.problems.append(Problem(
                        "C003", _("{noun} {id!r} van {provider} hoort bij pack {owner!r}, dat geen plugin "
                                  "levert").format(noun=family_noun(family), id=item.id, provider=provenance.provider,
                                                   owner=owner),
                        file=where.file if where else "", line=where.line if where else None,
                        hint=_("zet je eigen pack-id voor de id, en lever dat pack")))
                    continue
            key = item.id
            if key in merged:
                first = self.provenance[key]
                hint = _("geef een van beide een andere naam; ids zijn uniek over alle packs")
                if family == "packs":  # a pack a Python plugin provides is not replaced by a folder of the same id
                    hint = _("geef een van beide een andere naam; ids zijn uniek over alle packs (of laat het "
                             "geïnstalleerde weg: --disable-plugin NAAM, zie 'ondermijning packs')")
                self.problems.append(Problem(
                    "C002", _("id {id!r} ({noun}) is twee keer gedefinieerd: door {first} en door {second}").format(
                        noun=family_noun(family), id=key, first=first.provider, second=provenance.provider),
                    file=where.file if where else "", line=where.line if where else None, hint=hint))
                continue
            merged[key] = item
            self.provenance[key] = provenance
            for nested in _nested_items(item):
                location = self.directory.location_of(nested.id) if plugin is self.directory else None
                self.provenance.setdefault(nested.id, Provenance(provenance.provider, location))
        return merged

    def _check_requires(self, packs: Mapping[str, Pack]) -> None:
        for pack in packs.values():
            where = self.provenance[pack.id].location
            file = where.file if where else ""  # its line is read only for a problem (see qualify.Location)
            for needed, spec_text in pack.requires.items():
                spec = SpecifierSet(spec_text)  # its syntax was checked when the Pack was made
                other = packs.get(needed)
                if other is not None and self.directory.table_broken(needed):
                    continue  # its version is not known: its own [pack] table has the problem
                blocked = needed in self.host.infos and self.host.infos[needed].status == "blocked"
                if other is None and blocked:
                    self.problems.append(Problem(
                        "C004", _("pack {pack!r} vraagt pack {needed!r}, waarvan de plugin is uitgezet").format(
                            pack=pack.id, needed=needed),
                        file=file, line=where.line if where else None, path=f"$.pack.requires.{needed}",
                        hint=_("zet {needed} niet uit (--disable-plugin, ONDERMIJNING_DISABLE_PLUGINS), of zet "
                               "{pack} ook uit").format(needed=needed, pack=pack.id)))
                elif other is None and needed in self.directory.left_out.values():
                    self.problems.append(Problem(
                        "C004", _("pack {pack!r} vraagt pack {needed!r}, dat door zijn eigen problemen niet "
                                  "geladen is").format(pack=pack.id, needed=needed),
                        file=file, line=where.line if where else None, path=f"$.pack.requires.{needed}",
                        hint=_("los eerst de problemen van pack {needed} op").format(needed=needed)))
                elif other is None:
                    self.problems.append(Problem(
                        "C004", _("pack {pack!r} vraagt pack {needed!r}, dat niet geïnstalleerd is").format(
                            pack=pack.id, needed=needed),
                        file=file, line=where.line if where else None, path=f"$.pack.requires.{needed}",
                        hint=_("installeer het pack {needed} of voeg het toe").format(needed=needed)))
                elif not spec.contains(Version(other.version), prereleases=True):
                    self.problems.append(Problem(
                        "C004", _("pack {pack!r} vraagt {needed} {range}, maar {version} is geïnstalleerd").format(
                            pack=pack.id, needed=needed, range=spec_text, version=other.version),
                        file=file, line=where.line if where else None, path=f"$.pack.requires.{needed}",
                        hint=_("installeer een versie van {needed} in {range}, of verruim het bereik").format(
                            needed=needed, range=spec_text)))

    def _apply_extensions(self, lists: Mapping[str, SignalList],
                          extensions: Mapping[str, SignalListExtension]) -> dict[str, SignalList]:
        merged = dict(lists)
        # per list, its extensions in id order; each list is rebuilt once, however many extend it
        added: dict[str, list[SignalListExtension]] = {}
        not_loaded = self.directory.not_loaded()
        for ext in sorted(extensions.values(), key=lambda e: e.id):
            if ext.target not in merged:
                if ext.target in not_loaded:
                    continue  # the list is written but did not load: its own problem says why
                where = self.provenance[ext.id].location
                self.problems.append(Problem(
                    "C005", _("uitbreiding {ext!r} breidt een onbekende signalenlijst {target!r} uit").format(
                        ext=ext.id, target=ext.target),
                    file=where.file if where else "", line=where.line if where else None,
                    hint=_("bekende lijsten: {lists}").format(lists=", ".join(sorted(merged)) or _("geen"))))
                continue
            added.setdefault(ext.target, []).append(ext)
        for target_id, exts in added.items():
            target = merged[target_id]
            have = {c.id for c in target.categories}  # an extension repeating one is C007, counted once
            categories = tuple(c for ext in exts for c in self._new_categories(ext, target, have))
            merged[target_id] = attrs.evolve(
                target,
                categories=(*target.categories, *categories),
                signals=(*target.signals, *(s for ext in exts for s in ext.signals)),
                protective_factors=(*target.protective_factors, *(p for ext in exts for p in ext.protective_factors)),
                goals=(*target.goals, *(g for ext in exts for g in ext.goals)),
            )
            for ext in exts:
                for nested in _nested_items(ext):
                    self.provenance.setdefault(nested.id, self.provenance[ext.id])
        return merged

    def _new_categories(self, ext: SignalListExtension, target: SignalList, have: set[str]) -> tuple[Any, ...]:
        """The extension's categories not in ``have`` yet (added to it); a repeated one is located (C007)."""
        from .locate import parse_path

        where = self.provenance[ext.id].location
        indexes = self.directory.line_indexes() if where else {}
        kept = []
        for i, category in enumerate(ext.categories):
            if category.id not in have:
                have.add(category.id)
                kept.append(category)
                continue
            path = (where.path.removesuffix(".id") if where else "$") + f".categories[{i}].id"
            index = indexes.get(where.file) if where else None
            self.problems.append(Problem(
                "C007", _("uitbreiding {ext!r} voegt categorie {category!r} toe, maar lijst {target!r} heeft die al; "
                          "ze telt maar één keer").format(ext=ext.id, category=category.id, target=target.id),
                file=where.file if where else "", path=path,
                line=(index.line_of(parse_path(path)) if index else None) or (where.line if where else None),
                hint=_("geef de categorie een andere id, of zet de signalen in de categorie van de lijst")))
        return tuple(kept)
