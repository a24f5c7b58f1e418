"""Rule V014: a pack's translations are complete for every language it declares, and name only its own texts.

For each language in ``[pack] translations`` every text a person reads (:func:`~ondermijning.translation.texts_of`)
has a translation; a translation of a text the pack does not have (a misspelt id or field, an item
that was removed) is reported as well, as is a translation the pack does not declare. Each problem
is one line at the translation file. What did not load is not reported again: a translation file
that did not parse (its own L problem), the texts of an item that did not load, the keys of a pack
with a file that could not be read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from .catalog import Catalog, Rule
from .errors import Problem
from .i18n import N_, _
from .models import FAMILIES, pack_of
from .translation import PackTranslation, Text, TextKey, category_origins, key_text, parts_packs, texts_of


def _source_texts(catalog: Catalog, pack_id: str) -> dict[TextKey, tuple[str, Text]]:
    """Every text of the pack's items as written (key -> owner id and text); others' extensions left out."""
    found: dict[TextKey, tuple[str, Text]] = {}
    pack = catalog.packs[pack_id]
    for owner, key, text in texts_of("packs", pack):
        found[key] = (owner, text)
    for family in FAMILIES:
        for item in catalog.family(family).values():
            if pack_of(item.id) != pack_id and pack_id not in parts_packs(item):
                continue  # none of its texts is the pack's: only a list the pack extended holds some
            added = set(category_origins(item, catalog)) if family == "signal_lists" else set()
            for owner, key, text in texts_of(family, item):
                if pack_of(owner) != pack_id:
                    continue
                if family == "signal_lists" and key[2:3] == ("categories",) and key[3] in added:
                    continue  # an extension's category, translated with its extension
                found[key] = (owner, text)
    return found


def _short(text: Text) -> str:
    shown = text if isinstance(text, str) else " / ".join(text)
    return shown if len(shown) <= 60 else shown[:57].rstrip() + "…"


def _where(translation: PackTranslation, key: TextKey) -> int | None:
    """The line of ``key`` in the file, else of the item's table (when it has one there)."""
    line = translation.lines.get(key)
    if line is not None:
        return line
    table = key[:2]
    lines = [n for k, n in translation.lines.items() if k[:2] == table]
    return min(lines) if lines else None


def _usable(found: Text | None, source: Text) -> bool:
    if isinstance(source, str):
        return isinstance(found, str) and bool(found.strip())
    return isinstance(found, tuple) and len(found) == len(source) and all(t.strip() for t in found)


def _pack_broken(catalog: Catalog, pack_id: str) -> bool:
    """Whether the pack's own [pack] table did not load (its translations cannot be matched to a declaration)."""
    where = catalog.provenance.get(pack_id)
    file = where.location.file if where and where.location else ""
    return bool(file) and any(p.file == file and p.path.startswith("$.pack") for p in catalog.problems)


def check_translations(catalog: Catalog) -> Iterator[Problem]:
    carried: dict[str, dict[str, PackTranslation]] = {}
    for (pack_id, language), translation in catalog.translations.items():
        carried.setdefault(pack_id, {})[language] = translation
    for pack_id, pack in catalog.packs.items():
        mine = carried.get(pack_id, {})
        if (not pack.translations and not mine) or _pack_broken(catalog, pack_id):
            continue
        source = _source_texts(catalog, pack_id)
        for language in pack.translations:
            declared = mine.get(language)
            if declared is None:
                yield _no_file(catalog, pack_id, language)
            elif declared.loaded:
                yield from _missing(declared, source)
        for language, translation in sorted(mine.items()):
            if language == pack.language:
                yield Problem("V014", _("de vertaling {language!r} is in de taal waarin het pack geschreven is; ze "
                                        "wordt niet gebruikt").format(language=language), file=translation.file,
                              hint=_("haal het bestand weg, of schrijf het pack in een andere taal (language)"))
            elif language not in pack.translations:
                yield Problem("V014", _("het pack heeft een vertaling in {language!r}, maar noemt die taal niet in "
                                        "[pack] translations").format(language=language), file=translation.file,
                              hint=_("voeg {language!r} toe aan translations in pack.toml, of haal het bestand "
                                     "weg").format(language=language))
            if translation.loaded and not catalog.unread_files.get(pack_id):
                yield from _stale(catalog, translation, source)


def _no_file(catalog: Catalog, pack_id: str, language: str) -> Problem:
    where = catalog.locate(pack_id, "translations")
    file = Path(where.file).parent / "translations" / f"{language}.toml" if where and where.file else None
    return catalog.problem_at(
        pack_id, "V014", _("het pack noemt de taal {language!r} in translations, maar heeft geen vertaling in die "
                           "taal").format(language=language), field="translations",
        hint=_("maak {file} met de vertaalde teksten").format(file=file) if file else
        _("lever de vertaling met de hook ondermijning_translations"))


def _missing(translation: PackTranslation, source: Mapping[TextKey, tuple[str, Text]]) -> Iterator[Problem]:
    for key, (owner, text) in source.items():
        if not (text.strip() if isinstance(text, str) else text):
            continue  # nothing to translate
        found = translation.texts.get(key)
        if _usable(found, text) or key in translation.refused:
            continue
        split = 1 if key[0] == "pack" else 2  # the pack's own texts are in [pack]
        table, field = ".".join(key[:split]), ".".join(key[split:])
        if found is None:
            message = _("niet vertaald in {language!r}: {field} van {owner!r}")
        elif isinstance(text, tuple) and isinstance(found, tuple) and len(found) != len(text):
            message = _("de vertaling in {language!r} van {field} van {owner!r} heeft {count} teksten, het pack "
                        "{expected}")
        else:
            message = _("de vertaling in {language!r} van {field} van {owner!r} is leeg of geen {kind}")
        yield Problem("V014", message.format(
            language=translation.language, field=field, owner=owner, count=len(found or ()),
            expected=len(text), kind=_("tekst") if isinstance(text, str) else _("lijst teksten")),
            file=translation.file, line=_where(translation, key), path=key_text(key),
            hint=_("schrijf onder [{table}]: {field} = ... (het origineel: {text!r})").format(
                table=table, field=field, text=_short(text)))


def _stale(catalog: Catalog, translation: PackTranslation, source: Mapping[TextKey, tuple[str, Text]],
           ) -> Iterator[Problem]:
    known = [key_text(key) for key in source]
    for key in translation.texts:
        if key in source:
            continue
        item = f"{translation.pack}/{key[1]}" if len(key) > 1 else translation.pack
        if item in catalog.not_loaded:
            continue  # written in the pack but not loaded: its own problem says why
        import difflib  # only for a stray translation: a clean validate does not load it

        close = difflib.get_close_matches(key_text(key), [k for k in known if k.split(".")[1] == key[0]] or known,
                                          n=1, cutoff=0.75)
        yield Problem("V014", _("vertaling van een tekst die het pack niet heeft"),
                      file=translation.file, line=_where(translation, key), path=key_text(key),
                      hint=_("bedoel je {key}?").format(key=close[0]) if close else
                      _("controleer de id en het veld, of haal de vertaling weg"))


TRANSLATION_RULES: tuple[Rule, ...] = (
    Rule("V014", N_("vertalingen van een pack zijn volledig en noemen alleen teksten van het pack"),
         check_translations,
         why=N_("een tekst zonder vertaling staat in de taal van het pack; een vertaling die nergens bij hoort, "
                "wordt nooit getoond")),
)
