"""Pack content in other languages: a pack's translations, and items shown in a language.

A pack is written in one language (``[pack] language``, Dutch by default) and may carry others
(``translations = ["en"]``). A folder pack holds each as ``translations/<lang>.toml``; a Python
plugin returns :class:`PackTranslation` records from ``ondermijning_translations`` (the directory
plugin returns the folder packs' through the same hook). A translation is keyed by item id and
field, in the shape of the pack's own tables::

    [signal_lists.jongeren]                 # the list deurne/jongeren
    name = "Example list of signals in young people"
    categories.gedrag.name = "Behaviour"    # a list's categories by their id
    levels.moderate.text = "..."            # level descriptions by level
    scoring.combination.1.explanation = "..."   # parts without an id by position, from 1

    [signals.gedrag-agressief]              # signals, goals and protective factors by their own id
    text = "Is aggressive or threatening towards peers or adults"

    [routes.collegiaal-overleg]
    notes = ["..."]                         # a list of texts as a whole, as many as the pack's

Only texts a person reads are translated (fields marked with :func:`~ondermijning.models.common.prose`);
ids, codes, numbers, phone numbers and citations (``source``) are not. :func:`localize` gives an
item with its texts in a language, each text the pack does not translate in the pack's own
language: never a blank. Translations change wording, never scoring: a picture's level, points
and pins are the same in every language (``assess(..., language=...)``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

import attrs

from .errors import Problem
from .i18n import _, language, normalize
from .model_base import Model, is_attrs_class
from .models import Goal, LevelDescription, Pack, ProtectiveFactor, Signal, SignalList, SignalListExtension
from .models.common import TEXT, pack_of

#: a text's place: the table (a family, or ``signals``, ``goals``, ``protective_factors``, ``pack``),
#: the item's id as written (without its pack) and the key path to the field
TextKey = tuple[str, ...]
#: a translated text: one text, or a list of texts (a route's notes) as a whole
Text = str | tuple[str, ...]

#: parts with their own id: a table of their own, wherever they are written (a list, an extension)
OWN_TABLES: dict[type, str] = {Signal: "signals", Goal: "goals", ProtectiveFactor: "protective_factors"}


def _texts(value: Mapping[TextKey, Text]) -> Mapping[TextKey, Text]:
    return MappingProxyType(dict(value))


@attrs.frozen(eq=False, repr=False)
class PackTranslation(Model):
    """One language of one pack: text key -> translated text.

    ``file`` says where a folder pack's translation was read (problems point there);
    ``loaded`` is False for a file that could not be read or parsed (its own problem says why),
    so that rule V014 does not report every text of it as missing as well. Build one from the
    nested tables of a translation file with :meth:`from_tables`.
    """

    pack: str
    language: str
    texts: Mapping[TextKey, Text] = attrs.field(factory=dict, converter=_texts)
    file: str = ""
    loaded: bool = True
    #: key -> the line it is written on (folder packs), to point a problem at it
    lines: Mapping[TextKey, int] = attrs.field(factory=dict, eq=False, repr=False)
    #: keys written with a value that is not a text (their own problem says so; not reported as missing too)
    refused: frozenset[TextKey] = frozenset()

    @classmethod
    def from_tables(cls, pack: str, language: str, tables: Mapping[str, Any], *, file: str = "") -> PackTranslation:
        """A translation from nested tables (the shape of ``translations/<lang>.toml``).

        Raises :class:`ValueError` naming the first value that is not a text or a list of texts.
        """
        texts, problems = flatten(tables, file)
        if problems:
            raise ValueError(problems[0].message + (f" ({problems[0].path})" if problems[0].path else ""))
        return cls(pack=pack, language=normalize(language), texts=texts, file=file)


def tables() -> tuple[str, ...]:
    """The top-level tables a translation may hold: the pack, every family and the parts with their own id."""
    from .models import FAMILIES

    return ("pack", *(f for f in FAMILIES if f != "publications"), *OWN_TABLES.values())


def key_text(key: TextKey) -> str:
    """``("signals", "gedrag-x", "text")`` -> ``$.signals.gedrag-x.text``: a key as problems print it."""
    return "$." + ".".join(key)


def flatten(data: Mapping[str, Any], file: str = "") -> tuple[dict[TextKey, Text], list[Problem]]:
    """The texts of nested tables by key, and a problem for each value that is not a text or list of texts."""
    known = tables()
    found: dict[TextKey, Text] = {}
    problems: list[Problem] = []
    for table in data:
        if table not in known:
            import difflib  # only for an unknown table: a clean load does not need it

            close = difflib.get_close_matches(table, known, n=1)
            problems.append(Problem("L101", _("onbekende tabel {key!r} in een vertaling").format(key=table), file=file,
                                    path=key_text((table,)),
                                    hint=_("bedoel je {key!r}?").format(key=close[0]) if close else
                                    _("toegestane tabellen: {keys}").format(keys=", ".join(known))))
    stack: list[tuple[TextKey, Any]] = [((table,), data[table]) for table in data if table in known]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*key, str(k)), v) for k, v in value.items())
        elif isinstance(value, str):
            found[key] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            found[key] = tuple(value)
        else:
            problems.append(Problem("L103", _("verkeerd type: een vertaling is tekst, een lijst teksten of een tabel"),
                                    file=file, path=key_text(key),
                                    hint=_("schrijf de vertaalde tekst tussen aanhalingstekens")))
    return found, sorted(problems, key=lambda p: p.path)


def _local(item_id: str) -> str:
    return item_id.partition("/")[2] or item_id


def _part_key(part: Any, position: int) -> str:
    """How a part without an id of its own is named in a translation: its local id, its level, its position."""
    if isinstance(part, LevelDescription):
        return part.level.value
    local_id = getattr(part, "id", None)
    return local_id if isinstance(local_id, str) else str(position + 1)


def item_key(family: str, item: Any) -> TextKey:
    """Where an item's own texts are in a translation: ``("routes", "wijkteam")``; ``("pack",)`` for a pack."""
    return ("pack",) if isinstance(item, Pack) else (family, _local(item.id))


def texts_of(family: str, item: Any) -> Iterator[tuple[str, TextKey, Text]]:
    """(owner id, key, text) for every text a person reads in ``item`` and its parts, as the pack writes them.

    The owner is the nearest item with an id of its own (a signal inside a list owns its texts);
    for a pack, its id.
    """
    owner = item.id
    yield from _walk(item, item_key(family, item), owner)


def _walk(obj: Any, prefix: TextKey, owner: str) -> Iterator[tuple[str, TextKey, Text]]:
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if field.metadata.get(TEXT):
            yield owner, (*prefix, field.name), value
        elif isinstance(value, tuple):
            for i, part in enumerate(value):
                if not is_attrs_class(type(part)):
                    continue
                table = OWN_TABLES.get(type(part))
                if table is not None:
                    yield from _walk(part, (table, _local(part.id)), part.id)
                else:
                    yield from _walk(part, (*prefix, field.name, _part_key(part, i)), owner)
        elif is_attrs_class(type(value)):
            yield from _walk(value, (*prefix, field.name), owner)


class Translated(Protocol):
    """What :func:`localize` needs of a catalog (a :class:`~ondermijning.catalog.Catalog` has it)."""

    @property
    def packs(self) -> Mapping[str, Pack]: ...

    @property
    def extensions(self) -> Mapping[str, SignalListExtension]: ...

    @property
    def translations(self) -> Mapping[tuple[str, str], PackTranslation]: ...

    @property
    def localized(self) -> dict[Any, Any]: ...


T = TypeVar("T")


def localize(item: T, wanted: str | None = None, catalog: Translated | None = None, *, family: str = "") -> T:
    """``item`` with every text a person reads in language ``wanted`` (None: the language of messages now).

    A text the item's pack does not translate stays in the pack's own language, never blank; an item
    whose pack has no translation in ``wanted`` (or is written in it) comes back as it is. Without a
    catalog there are no translations. Items are made once per catalog and language. ``family`` is
    the item's family when it is not a signal list, route or pack (its key in the translation).
    """
    if catalog is None or not catalog.translations:
        return item
    chosen = normalize(wanted or language())
    key = (id(item), chosen)
    kept = catalog.localized.get(key)
    if kept is not None and kept[0] is item:
        return kept[1]  # type: ignore[no-any-return]
    item_id = getattr(item, "id", "")
    pack = item_id if isinstance(item, Pack) else pack_of(item_id)
    found = _Finder(catalog, chosen)
    shown = item
    if found.translates(pack) or any(map(found.translates, parts_packs(item))):
        shown = found.apply(item, item_key(family or _family_of(item), item), pack, item)
    remember(catalog, key, item, shown)
    return shown


def remember(catalog: Translated, key: Any, item: Any, made: Any) -> None:
    """Keep ``made`` from ``item`` in the catalog's cache (``catalog.localized``), a bounded number of them.

    The item is kept with it: a look-up checks it by identity, and its id is not reused meanwhile.
    """
    if len(catalog.localized) > 100_000:  # bounded: a long-running server assesses many lists
        catalog.localized.clear()
    catalog.localized[key] = (item, made)


def _family_of(item: Any) -> str:
    from .models import FAMILIES

    if type(item) in OWN_TABLES:  # a signal, goal or protective factor on its own
        return OWN_TABLES[type(item)]

    for family, cls in FAMILIES.items():
        if isinstance(item, cls):
            return family
    return type(item).__name__


def parts_packs(item: Any) -> set[str]:
    """The packs of an item's parts with ids of their own: those whose extensions added signals, goals or
    protective factors to a list (and the list's own pack); empty for an item of another family."""
    if isinstance(item, SignalList):
        return {pack_of(part.id) for parts in (item.signals, item.goals, item.protective_factors) for part in parts}
    return set()


class _Finder:
    def __init__(self, catalog: Translated, chosen: str) -> None:
        self.catalog = catalog
        self.chosen = chosen

    def translates(self, pack: str) -> bool:
        known = self.catalog.packs.get(pack)
        return (known is None or known.language != self.chosen) and (pack, self.chosen) in self.catalog.translations

    def text(self, pack: str, key: TextKey, source: Text) -> Text:
        """The translation of one text, when the pack has a usable one; else the source text."""
        if not self.translates(pack):
            return source
        found = self.catalog.translations[(pack, self.chosen)].texts.get(key)
        if isinstance(source, str):
            return found if isinstance(found, str) and found.strip() else source
        if isinstance(found, tuple) and len(found) == len(source) and all(t.strip() for t in found):
            return found
        return source

    def apply(self, obj: Any, prefix: TextKey, pack: str, top: Any) -> Any:
        changes: dict[str, Any] = {}
        origins = category_origins(top, self.catalog) if isinstance(obj, SignalList) else {}
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            new: Any = value
            if field.metadata.get(TEXT):
                new = self.text(pack, (*prefix, field.name), value)
            elif isinstance(value, tuple) and value and is_attrs_class(type(value[0])):
                parts = []
                for i, part in enumerate(value):
                    table = OWN_TABLES.get(type(part))
                    if table is not None:
                        parts.append(self.apply(part, (table, _local(part.id)), pack_of(part.id), top))
                    elif field.name == "categories" and part.id in origins:
                        parts.append(self.apply(part, origins[part.id][1], origins[part.id][0], top))
                    else:
                        parts.append(self.apply(part, (*prefix, field.name, _part_key(part, i)), pack, top))
                new = tuple(parts)
                if all(a is b for a, b in zip(new, value, strict=True)):
                    new = value
            elif is_attrs_class(type(value)):
                new = self.apply(value, (*prefix, field.name), pack, top)
            if new is not value:
                changes[field.name] = new
        return attrs.evolve(obj, **changes) if changes else obj


def category_origins(sl: Any, catalog: Translated) -> dict[str, tuple[str, TextKey]]:
    """Categories an extension added to a list: category id -> (the extension's pack, its key)."""
    if not isinstance(sl, SignalList):
        return {}
    return {category.id: (pack_of(ext.id), ("extensions", _local(ext.id), "categories", category.id))
            for ext in catalog.extensions.values() if ext.target == sl.id for category in ext.categories}
