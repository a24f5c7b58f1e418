"""Messages for people: Dutch by default, English on request (gettext).

Every text a person reads that the library writes itself (CLI status lines, errors, hints,
``--help``, problem messages, rendered documents, web pages, API problem messages) is written in
Dutch in the source and wrapped in :func:`_` (or :func:`ngettext` for a count), so the gettext
catalog ``locale/en/LC_MESSAGES/ondermijning.po`` (compiled to ``.mo``, shipped in the wheel)
translates it::

    from ondermijning.i18n import _, ngettext

    print(_("{count} packs: geldig").format(count=n))      # never an f-string inside _()
    print(ngettext("{n} fout", "{n} fouten", n).format(n=n))

Placeholders are named (``{count}``, not ``{}``), and a translation keeps the same ones (a test
checks). A message at module level, made before a language is chosen, is marked with :func:`N_`
and translated where it is used: ``_(SUMMARY)``.

The language is chosen once per process, in this order: :func:`set_language` (``--lang``),
``ONDERMIJNING_LANG``, then the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``):
``en…`` gives English, anything else Dutch. :func:`using` sets another language for a block of
code (a web request) without touching the process's choice. Pack content is not translated
here: packs carry their own languages (``translations/<lang>.toml``, :mod:`ondermijning.translation`,
docs/translating-packs.md).

Importing this module imports nothing heavy: Dutch needs no catalog, and :mod:`gettext` is only
loaded when another language is asked for.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

# not typing.TYPE_CHECKING: importing typing costs more than this module
TYPE_CHECKING = False
if TYPE_CHECKING:
    import gettext
    from types import TracebackType

DOMAIN = "ondermijning"
#: the language the messages are written in
SOURCE_LANGUAGE = "nl"
#: languages with a catalog
LANGUAGES = ("nl", "en")
# os.path, not pathlib: this module is imported at start-up and pathlib is not needed yet
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")  # noqa: PTH100, PTH118, PTH120
LANG_ENV = "ONDERMIJNING_LANG"


class _Source:
    """The messages as written (Dutch): no catalog to read."""

    @staticmethod
    def gettext(message: str) -> str:
        return message

    @staticmethod
    def ngettext(singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural  # Dutch plurals: one, and everything else


_catalogs: dict[str, _Source | gettext.NullTranslations] = {SOURCE_LANGUAGE: _Source()}
_language: str | None = None
#: the language of the running context (a web request), when it is not the process's own
_context: ContextVar[str | None] = ContextVar("ondermijning_language", default=None)


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


def normalize(language: str) -> str:
    """``"en_US.UTF-8"``, ``"EN-gb"`` -> ``"en"``: the language part, lower case."""
    return language.strip().lower().replace("_", "-").split(".")[0].split("-")[0]


def set_language(language: str | None) -> str:
    """Use ``language`` (``"nl"`` or ``"en"``; None: from the environment) for every message; returns it.

    Raises :class:`ValueError` for a language without a catalog. A language from the
    environment that has no catalog gives Dutch.
    """
    global _language
    chosen = normalize(language or _from_environment())
    if chosen not in LANGUAGES:
        if language is not None:
            raise ValueError(_("onbekende taal {language!r}: kies uit {choices}").format(
                language=language, choices=", ".join(LANGUAGES)))
        chosen = SOURCE_LANGUAGE
    _language = chosen
    return chosen


def language() -> str:
    """The language messages are given in now (the context's, else the process's)."""
    chosen = _context.get()
    if chosen is not None:
        return chosen
    if _language is None:
        return set_language(None)
    return _language


class using:  # lower case: used as a function, ``with using("en"):``
    """Give messages in ``language`` inside a ``with`` block (one web request), the process's choice untouched.

    ``language`` is normalized; one without a catalog gives Dutch.
    """

    def __init__(self, language: str) -> None:
        chosen = normalize(language)
        self.language = chosen if chosen in LANGUAGES else SOURCE_LANGUAGE

    def __enter__(self) -> str:
        self._token = _context.set(self.language)
        return self.language

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        _context.reset(self._token)


def negotiate(header: str) -> str:
    """The language an HTTP ``Accept-Language`` header prefers among :data:`LANGUAGES` (Dutch when none fits)."""
    best, best_q = SOURCE_LANGUAGE, 0.0
    for position, part in enumerate(header.split(",")[:20]):  # a header of a thousand ranges is not read whole
        name, _sep, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        chosen = normalize(name)
        q -= position * 1e-6  # the first of equal weights wins
        if chosen in LANGUAGES and q > best_q:
            best, best_q = chosen, q
    return best


def catalog(language: str) -> _Source | gettext.NullTranslations:
    """The translations of ``language`` (read once from its ``.mo``)."""
    found = _catalogs.get(language)
    if found is None:
        import gettext

        found = _catalogs[language] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    return found


def _(message: str) -> str:
    """``message`` (Dutch) in the chosen language."""
    return catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form (Dutch) for ``n``, in the chosen language."""
    return catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it now (translate it where it is used)."""
    return message


def number(value: int) -> str:
    """A whole number with thousands grouped as the language writes them: ``5.000`` in Dutch, ``5,000`` in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if language() == SOURCE_LANGUAGE else text
