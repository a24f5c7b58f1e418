"""Messages for people: Dutch by default, English on request (gettext).

Every text a person reads that the library writes itself (CLI status lines, errors, hints,
``--help``, web pages, API problem messages) is written in Dutch in the source and wrapped in
:func:`_` (or :func:`ngettext` for a count), so a gettext catalog can translate it::

    from ondermijning.i18n import _, ngettext

    print(_("{count} pack(s): geldig").format(count=n))      # never an f-string inside _()
    print(ngettext("{n} fout", "{n} fouten", n).format(n=n))

The language is chosen once per process, in this order: :func:`set_language` (``--lang``),
``ONDERMIJNING_LANG``, then the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``):
``en…`` gives English, anything else Dutch. Catalogs live in ``locale/<lang>/LC_MESSAGES``.
Pack content is not translated here: packs carry their own languages.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "ondermijning"
#: the language the messages are written in
SOURCE_LANGUAGE = "nl"
#: languages with a catalog
LANGUAGES = ("nl", "en")
LOCALE_DIR = Path(__file__).parent / "locale"
LANG_ENV = "ONDERMIJNING_LANG"

_translations: gettext.NullTranslations | None = None
_language: str | None = None


def _from_environment() -> str:
    chosen = os.environ.get(LANG_ENV, "").strip().lower()
    if chosen:
        return chosen
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            first = value.split(":")[0].lower()  # LANGUAGE may list several: "en:nl"
            return "en" if first.startswith("en") else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(language: str | None) -> str:
    """Use ``language`` (``"nl"`` or ``"en"``; None: from the environment) for every message; returns it.

    Raises :class:`ValueError` for a language without a catalog.
    """
    global _translations, _language
    chosen = (language or _from_environment()).strip().lower().replace("_", "-").split("-")[0]
    if chosen not in LANGUAGES:
        if language is not None:
            raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
        chosen = SOURCE_LANGUAGE
    _language = chosen
    if chosen == SOURCE_LANGUAGE:
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen], fallback=True)
    return chosen


def language() -> str:
    """The language messages are given in now."""
    if _language is None:
        set_language(None)
    assert _language is not None
    return _language


def _catalog() -> gettext.NullTranslations:
    if _translations is None:
        set_language(None)
    assert _translations is not None
    return _translations


def _(message: str) -> str:
    """``message`` (Dutch) in the chosen language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form (Dutch) for ``n``, in the chosen language."""
    return _catalog().ngettext(singular, plural, n)
