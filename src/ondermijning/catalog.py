"""The catalog: one merged, immutable view of every pack's content, and the types it holds.

Ids are qualified (``pack/item``). :func:`ondermijning.assemble.load_catalog` builds a
:class:`Catalog` from the plugins and pack folders; this module holds only what a catalog
*is* (the catalog, where its items come from, which plugins took part and the validation
rules that check it), so that hooks, rules and the plugin manager can name these types
without importing the machinery that builds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .destinations import PictureDestination
from .errors import Problem, Severity
from .i18n import _
from .loader import Location
from .locate import LineIndex, parse_path
from .model_base import Model, MutableModel
from .models import (
    FAMILIES,
    Case,
    ConversationGuide,
    DilemmaCard,
    Exploration,
    Framework,
    Pack,
    ProcessingPolicy,
    Publication,
    Role,
    Route,
    Signal,
    SignalList,
    SignalListExtension,
    Theme,
    Trajectory,
    Workshop,
    pack_of,
)
from .scoring import ScoringRule
from .translation import PackTranslation


@attrs.define(eq=False, repr=False)
class PluginInfo(MutableModel):
    """What is known about one plugin: where it comes from and whether it works."""

    name: str
    distribution: str = ""  # "ondermijning-deurne 0.1.0"
    status: str = "loaded"  # loaded | slow (loaded, with a P005 warning) | blocked | broken
    error: str = ""
    #: the hooks it implements, and the file of its module (what the command line's cache checks)
    hooks: tuple[str, ...] = ()
    module: str = ""

    def describe(self) -> str:
        """``plugin 'deurne' uit ondermijning-deurne 0.1.0`` (in the chosen language)."""
        if self.distribution:
            return _("plugin {name!r} uit {distribution}").format(name=self.name, distribution=self.distribution)
        return _("plugin {name!r}").format(name=self.name)


@attrs.frozen(eq=False, repr=False)
class Rule(Model):
    """One validation rule: a stable ``code``, what it checks, why, and the check itself.

    Plugins contribute rules through ``ondermijning_validation_rules``; each family's built-in
    rules live with that family (``validate``, ``signal_rules``, ``planner.checks``).
    """

    code: str
    summary: str
    check: Callable[[Catalog], Iterable[Problem]] = attrs.field(eq=False)
    severity: Severity = Severity.ERROR
    why: str = ""


@attrs.frozen(eq=False, repr=False)
class Provenance(Model):  # eq, hash and repr from Model: attrs does not compile them
    """Who provided an item, and where it is written (for folder packs)."""

    provider: str
    location: Location | None = None


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Catalog(Model):
    """Everything the installed and given packs contribute, merged and read-only."""

    packs: Mapping[str, Pack] = attrs.field(converter=_frozen)
    publications: Mapping[str, Publication] = attrs.field(converter=_frozen)
    themes: Mapping[str, Theme] = attrs.field(converter=_frozen)
    frameworks: Mapping[str, Framework] = attrs.field(converter=_frozen)
    signal_lists: Mapping[str, SignalList] = attrs.field(converter=_frozen)
    extensions: Mapping[str, SignalListExtension] = attrs.field(converter=_frozen)
    roles: Mapping[str, Role] = attrs.field(converter=_frozen)
    routes: Mapping[str, Route] = attrs.field(converter=_frozen)
    dilemma_cards: Mapping[str, DilemmaCard] = attrs.field(converter=_frozen)
    guides: Mapping[str, ConversationGuide] = attrs.field(converter=_frozen)
    cases: Mapping[str, Case] = attrs.field(converter=_frozen)
    workshops: Mapping[str, Workshop] = attrs.field(converter=_frozen)
    trajectories: Mapping[str, Trajectory] = attrs.field(converter=_frozen)
    explorations: Mapping[str, Exploration] = attrs.field(converter=_frozen)
    #: the register's processing record of each municipality that sets one (one per pack)
    processing: Mapping[str, ProcessingPolicy] = attrs.field(converter=_frozen, factory=dict)
    #: every signal of every list (extensions included), by qualified id
    signals: Mapping[str, Signal] = attrs.field(converter=_frozen)
    #: item id (and pack id) -> who provided it and where it is written
    provenance: Mapping[str, Provenance] = attrs.field(converter=_frozen)
    plugins: tuple[PluginInfo, ...] = ()
    rules: tuple[Rule, ...] = ()
    #: extra scoring rules from plugins; assess() applies those that fit a list
    scoring_rules: tuple[ScoringRule, ...] = ()
    #: case systems that take a municipality's pictures instead of the register (one per municipality)
    picture_destinations: tuple[PictureDestination, ...] = ()
    #: what went wrong while loading; broken packs and plugins are left out, the rest loads
    problems: tuple[Problem, ...] = ()
    #: signal lists that cannot be trusted (thresholds out of order, golden examples that fail): list id ->
    #: why; their problems are in ``problems`` too, and ``assess()`` refuses them
    invalid_lists: Mapping[str, tuple[Problem, ...]] = attrs.field(factory=dict, converter=_frozen)
    #: the pack folders asked for (loaded or not), in the order they were read
    folders: tuple[str, ...] = ()
    #: folder packs that are not in the catalog because they did not load: folder -> pack id ("" when not
    #: even the id could be read); their problems are in ``problems``
    left_out: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)
    #: packs with load errors that joined with what did load of them (``load_catalog(partial=True)``, as
    #: ``validate`` loads); ordinary loading leaves such a pack out
    partial_packs: tuple[str, ...] = ()
    #: items written in a pack loaded in part that did not load themselves: id -> where (a reference to
    #: one is not dangling: the item's own problem says what is wrong)
    not_loaded: Mapping[str, Location] = attrs.field(factory=dict, converter=_frozen)
    #: pack id -> files of a pack loaded in part that could not be read at all (what they hold is unknown)
    unread_files: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_frozen)
    #: file -> line index of every folder-pack file, to point problems at a key
    line_indexes: Mapping[str, LineIndex] = attrs.field(factory=dict, eq=False, repr=False)
    #: (pack id, language) -> the pack's texts in that language (``translation.localize`` shows them)
    translations: Mapping[tuple[str, str], PackTranslation] = attrs.field(factory=dict, converter=_frozen)
    #: items already shown in a language (``translation.localize``) and lists prepared for ``assess()`` in
    #: one: made once per catalog
    localized: dict[Any, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def family(self, name: str) -> Mapping[str, Any]:
        """A family by its name (``"routes"``, ``"signal_lists"``, ..., ``"signals"``)."""
        value: Mapping[str, Any] = getattr(self, name)
        return value

    def counts(self, pack_id: str) -> dict[str, int]:
        """How many items of each family a pack contributes."""
        return {family: sum(1 for key in self.family(family) if pack_of(key) == pack_id)
                for family in (*FAMILIES, "signals")}

    def problem_at(self, item_id: str, code: str, message: str, *, hint: str = "",
                   severity: Severity = Severity.ERROR, field: str = "") -> Problem:
        """A problem located where ``item_id`` (and, with ``field``, that key of it) is written."""
        where = self.locate(item_id, field)
        return Problem(code, message, file=where.file if where else "", line=where.line if where else None,
                       path=where.path if where else "", hint=hint, severity=severity)

    def locate(self, item_id: str, key: str = "") -> Location | None:
        """Where an item is written; with ``key`` (e.g. ``"scoring.thresholds"``), where that key is."""
        entry = self.provenance.get(item_id)
        where = entry.location if entry else None
        if where is None or not key:
            return where
        path = where.path.removesuffix(".id") + "." + key
        index = self.line_indexes.get(where.file)
        line = index.line_of(parse_path(path)) if index is not None else None
        return Location(where.file, line or where.line, path)
